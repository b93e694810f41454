//! Scenario format v1 as written by hand: the serde types that mirror a `.ron` file
//! field by field. Optional fields default (never `Some(...)`), unknown fields are
//! errors, and every `(en: ..., zh: ...)` text may also be a plain string.

use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, Visitor};

/// A text in both languages, or one plain string for both.
#[derive(Clone, Debug, PartialEq)]
pub struct TextSpec {
    pub en: String,
    pub zh: String,
}

impl<'de> Deserialize<'de> for TextSpec {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = TextSpec;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(r#"a text: "plain" or (en: "English", zh: "中文")"#)
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<TextSpec, E> {
                Ok(TextSpec {
                    en: s.to_string(),
                    zh: s.to_string(),
                })
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<TextSpec, A::Error> {
                let (mut en, mut zh) = (None, None);
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "en" => en = Some(map.next_value::<String>()?),
                        "zh" => zh = Some(map.next_value::<String>()?),
                        other => return Err(de::Error::unknown_field(other, &["en", "zh"])),
                    }
                }
                match (en, zh) {
                    (Some(en), Some(zh)) => Ok(TextSpec { en, zh }),
                    (None, _) => Err(de::Error::missing_field("en")),
                    (_, None) => Err(de::Error::missing_field("zh")),
                }
            }
        }
        d.deserialize_any(V)
    }
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScenarioSpec {
    pub title: TextSpec,
    /// A sentence or two on what the scene teaches (an addition to v1).
    #[serde(default)]
    pub about: Option<TextSpec>,
    #[serde(default)]
    pub seed: u64,
    #[serde(default)]
    pub network: NetworkSpec,
    #[serde(default)]
    pub heartbeat: HeartbeatSpec,
    #[serde(default)]
    pub retry: RetrySpec,
    pub users: Vec<UserSpec>,
    #[serde(default)]
    pub friends: Vec<(String, String)>,
    #[serde(default)]
    pub blocks: Vec<(String, String)>,
    #[serde(default)]
    pub groups: Vec<GroupSpec>,
    #[serde(default)]
    pub unregistered: Vec<String>,
    #[serde(default)]
    pub script: Vec<EntrySpec>,
    #[serde(default)]
    pub expect: Vec<Expectation>,
    #[serde(default)]
    pub until_ms: Option<u64>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct NetworkSpec {
    pub latency_ms: (u64, u64),
    pub loss: f64,
}

impl Default for NetworkSpec {
    fn default() -> Self {
        NetworkSpec {
            latency_ms: (40, 120),
            loss: 0.0,
        }
    }
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct HeartbeatSpec {
    pub interval_ms: u64,
    pub timeout_ms: u64,
}

impl Default for HeartbeatSpec {
    fn default() -> Self {
        HeartbeatSpec {
            interval_ms: 15_000,
            timeout_ms: 20_000,
        }
    }
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RetrySpec {
    pub check_ms: u64,
    pub grace_ms: u64,
    pub max_retries: u32,
}

impl Default for RetrySpec {
    fn default() -> Self {
        RetrySpec {
            check_ms: 5_000,
            grace_ms: 3_000,
            max_retries: 2,
        }
    }
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UserSpec {
    pub id: String,
    #[serde(default)]
    pub name: Option<TextSpec>,
    #[serde(default)]
    pub avatar: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupSpec {
    pub id: String,
    #[serde(default)]
    pub name: Option<TextSpec>,
    pub members: Vec<String>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EntrySpec {
    pub at_ms: u64,
    #[serde(rename = "do")]
    pub action: ActionSpec,
}

#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
pub enum Toward {
    Server,
    Phone,
}

#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
pub enum WhatSpec {
    Message,
    Ack,
    Heartbeat,
    Any,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum ActionSpec {
    Login(String),
    Logout(String),
    Send {
        from: String,
        to: String,
        text: String,
    },
    SendGroup {
        from: String,
        group: String,
        text: String,
    },
    LinkDown(String),
    LinkUp(String),
    SetLoss {
        user: String,
        loss: f64,
    },
    Drop {
        user: String,
        toward: Toward,
        what: WhatSpec,
    },
    Befriend(String, String),
    Unfriend(String, String),
    Block(String, String),
    Unblock(String, String),
    ServerDown,
    ServerUp,
}

#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
pub enum ReasonSpec {
    UnknownUser,
    NotFriends,
    Blocked,
    NotInGroup,
}

/// What must come out of a run, checked against its trace when it ends.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub enum Expectation {
    Displayed {
        to: String,
        from: String,
        text: String,
    },
    NotDisplayed {
        to: String,
        text: String,
    },
    Bounced {
        from: String,
        text: String,
        reason: ReasonSpec,
    },
    Lost {
        from: String,
        text: String,
    },
    MarkedOffline(String),
    Order {
        to: String,
        texts: Vec<String>,
    },
    DeliveredWithin {
        to: String,
        text: String,
        ms: u64,
    },
}

impl fmt::Display for Expectation {
    /// As written in a scenario file.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Expectation::Displayed { to, from, text } => {
                write!(f, "Displayed(to: {to:?}, from: {from:?}, text: {text:?})")
            }
            Expectation::NotDisplayed { to, text } => {
                write!(f, "NotDisplayed(to: {to:?}, text: {text:?})")
            }
            Expectation::Bounced { from, text, reason } => {
                write!(
                    f,
                    "Bounced(from: {from:?}, text: {text:?}, reason: {reason:?})"
                )
            }
            Expectation::Lost { from, text } => write!(f, "Lost(from: {from:?}, text: {text:?})"),
            Expectation::MarkedOffline(u) => write!(f, "MarkedOffline({u:?})"),
            Expectation::Order { to, texts } => write!(f, "Order(to: {to:?}, texts: {texts:?})"),
            Expectation::DeliveredWithin { to, text, ms } => {
                write!(f, "DeliveredWithin(to: {to:?}, text: {text:?}, ms: {ms})")
            }
        }
    }
}
