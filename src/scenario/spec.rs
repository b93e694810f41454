//! Scenario format v1 as written by hand: the serde types that mirror a `.ron` file
//! field by field. Optional fields default (never `Some(...)`), unknown fields are
//! errors, and every `(en: ..., zh: ...)` text may also be a plain string.
//!
//! Numbers are read as they are written ([`Num`]) and checked afterwards, so that a
//! time of `1.5` or `18446744073709551616` is reported with its entry
//! (`script[2].at_ms`) like any other mistake instead of stopping the parser.

use std::fmt;

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::ser::{SerializeStruct, Serializer};
use serde::{Deserialize, Serialize};

use crate::sim::Road;

/// What a text may be, said when it is something else.
pub const LANGUAGES: &str =
    "expected `en` and `zh`, like (en: \"Hello\", zh: \"你好\"), or one plain string for both";

/// What a story form may be, said when it is something else.
pub const STORY: &str = "expected a story form in both languages, like story: (en: \"The phone says “still here”\", zh: \"手机说“我还在”\")";

/// A number as it was written: checked after parsing, where its entry is known.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Num {
    /// A whole number from 0 that fits in 64 bits.
    Whole(u64),
    /// A whole number below 0.
    Negative(i128),
    /// Anything else: a fraction, an exponent (`1e3`), NaN, infinity, or a whole
    /// number too large for 64 bits (read as a float).
    Other(f64),
}

impl Num {
    /// The number as a probability or other real number.
    pub fn real(self) -> f64 {
        match self {
            Num::Whole(n) => n as f64,
            Num::Negative(n) => n as f64,
            Num::Other(x) => x,
        }
    }

    /// The number, when it is a whole one from 0 that fits in 64 bits.
    pub fn whole(self) -> Option<u64> {
        match self {
            Num::Whole(n) => Some(n),
            _ => None,
        }
    }
}

impl<'de> Deserialize<'de> for Num {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Num;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a number")
            }
            fn visit_u64<E: de::Error>(self, n: u64) -> Result<Num, E> {
                Ok(Num::Whole(n))
            }
            fn visit_i64<E: de::Error>(self, n: i64) -> Result<Num, E> {
                Ok(match u64::try_from(n) {
                    Ok(n) => Num::Whole(n),
                    Err(_) => Num::Negative(i128::from(n)),
                })
            }
            fn visit_u128<E: de::Error>(self, n: u128) -> Result<Num, E> {
                Ok(match u64::try_from(n) {
                    Ok(n) => Num::Whole(n),
                    Err(_) => Num::Other(n as f64),
                })
            }
            fn visit_i128<E: de::Error>(self, n: i128) -> Result<Num, E> {
                Ok(match u64::try_from(n) {
                    Ok(n) => Num::Whole(n),
                    Err(_) if n < 0 => Num::Negative(n),
                    Err(_) => Num::Other(n as f64),
                })
            }
            fn visit_f64<E: de::Error>(self, x: f64) -> Result<Num, E> {
                Ok(Num::Other(x))
            }
            /// `Some(7)`: the number inside (as `until_ms: Some(7)` is read).
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Num, D::Error> {
                Num::deserialize(d)
            }
        }
        d.deserialize_any(V)
    }
}

impl From<u64> for Num {
    fn from(n: u64) -> Self {
        Num::Whole(n)
    }
}

/// A text in both languages, or one plain string for both; a text in both
/// languages may add its story form, `story: (en: "…", zh: "…")`, said instead in
/// the story register (the scene's own texts only: see `Builder::check_told`).
#[derive(Clone, Debug, PartialEq)]
pub struct TextSpec {
    pub en: String,
    pub zh: String,
    /// Written as one plain string.
    pub plain: bool,
    /// Its story form, in both languages.
    pub story: Option<Box<TextSpec>>,
}

impl TextSpec {
    /// One plain string for both languages.
    pub fn plain(s: &str) -> TextSpec {
        TextSpec {
            en: s.to_string(),
            zh: s.to_string(),
            plain: true,
            story: None,
        }
    }

    /// Whether a letter's words are these: a plain string matches a letter with
    /// those words in either language, both languages must both match.
    pub fn matches(&self, t: &crate::sim::Text) -> bool {
        if self.plain {
            *t.en == *self.en || *t.zh == *self.en
        } else {
            *t.en == *self.en && *t.zh == *self.zh
        }
    }
}

impl fmt::Display for TextSpec {
    /// As written in a scenario file: `"Hi"` or `(en: "Hi", zh: "你好")`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.plain {
            write!(f, "{:?}", self.en)
        } else {
            write!(f, "(en: {:?}, zh: {:?})", self.en, self.zh)
        }
    }
}

impl<'de> Deserialize<'de> for TextSpec {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(TextVisitor { story: false })
    }
}

/// A story form, as `story:` holds it: a text in both languages, with no story
/// form of its own.
struct StoryForm(TextSpec);

impl<'de> Deserialize<'de> for StoryForm {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(TextVisitor { story: true })
            .map(StoryForm)
    }
}

/// Reads a text, or (`story`) a text's story form.
struct TextVisitor {
    story: bool,
}

impl<'de> Visitor<'de> for TextVisitor {
    type Value = TextSpec;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        if self.story {
            f.write_str(STORY)
        } else {
            f.write_str(r#"a text: "plain" or (en: "English", zh: "中文")"#)
        }
    }
    fn visit_str<E: de::Error>(self, s: &str) -> Result<TextSpec, E> {
        if self.story {
            return Err(E::custom(format!(
                "found one plain string for both languages; {STORY}"
            )));
        }
        Ok(TextSpec::plain(s))
    }
    /// `Some(...)`: a story form is written as it is, never wrapped.
    fn visit_some<D: Deserializer<'de>>(self, _: D) -> Result<TextSpec, D::Error> {
        Err(de::Error::custom(if self.story {
            format!("found `Some(...)`; {STORY}, written plainly, without `Some`")
        } else {
            format!("found `Some(...)`; {LANGUAGES}")
        }))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<TextSpec, A::Error> {
        let (mut en, mut zh, mut story) = (None, None, None);
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "en" => en = Some(map.next_value::<String>()?),
                "zh" => zh = Some(map.next_value::<String>()?),
                "story" if self.story => {
                    return Err(de::Error::custom(
                        "found a story form inside a story form; expected only `en` and `zh` here",
                    ));
                }
                "story" if story.is_some() => {
                    return Err(de::Error::custom(
                        "found a second `story`; expected one story form",
                    ));
                }
                "story" => story = Some(Box::new(map.next_value::<StoryForm>()?.0)),
                other => {
                    return Err(de::Error::custom(format!(
                        "found the language `{}`; {}",
                        super::shorten(other, 20),
                        if self.story { STORY } else { LANGUAGES }
                    )));
                }
            }
        }
        let hint = if self.story { STORY } else { LANGUAGES };
        match (en, zh) {
            (Some(en), Some(zh)) => Ok(TextSpec {
                en,
                zh,
                plain: false,
                story,
            }),
            (None, _) => Err(de::Error::custom(format!(
                "found no `en` (English); {hint}"
            ))),
            (_, None) => Err(de::Error::custom(format!(
                "found no `zh` (Chinese); {hint}"
            ))),
        }
    }
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScenarioSpec {
    pub title: TextSpec,
    /// A sentence or two on what the scene teaches (an addition to v1).
    #[serde(default)]
    pub about: Option<TextSpec>,
    #[serde(default = "zero")]
    pub seed: Num,
    #[serde(default)]
    pub network: NetworkSpec,
    #[serde(default)]
    pub heartbeat: HeartbeatSpec,
    #[serde(default)]
    pub retry: RetrySpec,
    /// Who orders a conversation's letters on the screens (an addition to v1;
    /// `EachPhone` unless a scene says, `PostOffice` in a scene with other
    /// devices: issue 27).
    #[serde(default)]
    pub order: Option<OrderSpec>,
    /// Whether the post office hands a person's new device the conversation
    /// from its archive at its first login (an addition to v1, issue 27;
    /// `false` unless a scene says).
    #[serde(default)]
    pub keeps_history: bool,
    /// Whether letters travel sealed, end-to-end encrypted (an addition to v1,
    /// issue 28; `false` unless a scene says).
    #[serde(default)]
    pub sealed: bool,
    /// How friends see each other's online dot (an addition to v1; off unless a
    /// scene asks).
    #[serde(default)]
    pub presence: PresenceSpec,
    /// What a phone does with a letter it gave up on: waits for a tap on ❗ (the
    /// default) or sends it again by itself at its next login (an addition to v1).
    #[serde(default)]
    pub resend: ResendSpec,
    /// Whether a phone whose app is closed gets notifications of its letters
    /// through the phone system's push service, and what its lock screen shows
    /// (an addition to v1; `Off` unless a scene asks).
    #[serde(default)]
    pub notifications: NotificationsSpec,
    /// How the letters on the offline shelf reach a phone whose line opens: handed
    /// over at once (the default) or fetched when the phone asks (an addition to v1).
    #[serde(default)]
    pub shelf: ShelfSpec,
    /// Whether a reader's phone tells the writer "read", and whose setting
    /// decides (an addition to v1; `Off` unless a scene asks).
    #[serde(default)]
    pub read_receipts: ReadReceiptsSpec,
    /// How long after accepting a letter the post office still accepts its
    /// recall (an addition to v1; WeChat's two minutes unless a scene says).
    #[serde(default)]
    pub recall: Option<RecallSpec>,
    /// How photos and voice messages are cut into parts, and how long the
    /// parcel store keeps them (an addition to v1; parts of 256 kB, kept for
    /// ever, unless a scene says).
    #[serde(default)]
    pub parcels: Option<ParcelsSpec>,
    /// When given: each `Send` to a person starts with this long of "typing…"
    /// (an addition to v1).
    #[serde(default)]
    pub typing_before_send_ms: Option<Num>,
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
    pub expect: Vec<ExpectSpec>,
    #[serde(default)]
    pub until_ms: Option<Num>,
    /// Questions for the class at chosen moments, and for the recap (an addition
    /// to v1).
    #[serde(default)]
    pub questions: Vec<QuestionSpec>,
    /// What a real app shows at this point of the story (an addition to v1).
    #[serde(default)]
    pub in_real_life: Option<TextSpec>,
}

fn zero() -> Num {
    Num::Whole(0)
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct NetworkSpec {
    pub latency_ms: (Num, Num),
    pub loss: Num,
    /// How many kB a phone's parcel wire passes each second (an addition to v1;
    /// unset: a part takes no time on the wire beyond the latency).
    pub bandwidth_kb_per_s: Option<Num>,
}

impl Default for NetworkSpec {
    fn default() -> Self {
        NetworkSpec {
            latency_ms: (Num::Whole(40), Num::Whole(120)),
            loss: Num::Whole(0),
            bandwidth_kb_per_s: None,
        }
    }
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct HeartbeatSpec {
    pub interval_ms: Num,
    pub timeout_ms: Num,
}

impl Default for HeartbeatSpec {
    fn default() -> Self {
        HeartbeatSpec {
            interval_ms: Num::Whole(15_000),
            timeout_ms: Num::Whole(20_000),
        }
    }
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RetrySpec {
    pub check_ms: Num,
    pub grace_ms: Num,
    pub max_retries: Num,
}

impl Default for RetrySpec {
    fn default() -> Self {
        RetrySpec {
            check_ms: Num::Whole(5_000),
            grace_ms: Num::Whole(3_000),
            max_retries: Num::Whole(2),
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
    /// The user's devices beyond her main phone (an addition to v1, issue 27).
    #[serde(default)]
    pub devices: Vec<DeviceSpec>,
}

/// One of a user's other devices, as written: `(id: "hanmeimei.pc", kind:
/// Computer)`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeviceSpec {
    pub id: String,
    pub kind: DeviceKindSpec,
    #[serde(default)]
    pub name: Option<TextSpec>,
}

/// A device's kind, as written.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
pub enum DeviceKindSpec {
    Phone,
    Computer,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupSpec {
    pub id: String,
    #[serde(default)]
    pub name: Option<TextSpec>,
    pub members: Vec<String>,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct EntrySpec {
    pub at_ms: Num,
    #[serde(rename = "do")]
    pub action: ActionSpec,
}

#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq, Serialize)]
pub enum Toward {
    Server,
    Phone,
}

#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq, Serialize)]
pub enum WhatSpec {
    Message,
    Ack,
    Heartbeat,
    /// A part of a photo or a voice message (an addition to v1).
    Parcel,
    Any,
}

/// `order:` as written: each phone orders its own screen (the default), or the
/// post office numbers each conversation's letters.
#[derive(Clone, Copy, Debug, Default, Deserialize, PartialEq, Eq)]
pub enum OrderSpec {
    #[default]
    EachPhone,
    PostOffice,
}

/// `resend:` as written: the phone waits for the user's tap on ❗ (the default),
/// or sends a letter it gave up on again by itself when its line comes back.
#[derive(Clone, Copy, Debug, Default, Deserialize, PartialEq, Eq)]
pub enum ResendSpec {
    #[default]
    Tap,
    Auto,
}

/// `notifications:` as written: no push service (the default), or notifications
/// showing the sender's name and the words, the name only, or nothing but "New
/// message".
#[derive(Clone, Copy, Debug, Default, Deserialize, PartialEq, Eq)]
pub enum NotificationsSpec {
    #[default]
    Off,
    Words,
    NameOnly,
    Hidden,
}

/// `read_receipts:` as written: none (the default, as WeChat), everyone's
/// (`On`), WhatsApp's (`Mutual(off: [..])`) or iMessage's (`Reader(off: [..])`);
/// `off` lists who turned them off.
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub enum ReadReceiptsSpec {
    #[default]
    Off,
    On,
    Mutual {
        #[serde(default)]
        off: Vec<String>,
    },
    Reader {
        #[serde(default)]
        off: Vec<String>,
    },
}

/// `recall:` as written: `(limit_ms: 120000)`.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RecallSpec {
    pub limit_ms: Num,
}

/// `parcels:` as written: `(part_kb: 256, keep_ms: 60000)`, both optional.
#[derive(Clone, Copy, Debug, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct ParcelsSpec {
    pub part_kb: Option<Num>,
    pub keep_ms: Option<Num>,
}

/// A letter's photo or voice message as written: `Photo(kb: 1200)` or
/// `Voice(kb: 24, seconds: 12)` (an addition to v1).
#[derive(Clone, Copy, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub enum ParcelSpec {
    Photo { kb: Num },
    Voice { kb: Num, seconds: Num },
}

/// `shelf:` as written: the post office hands the waiting letters over at login
/// (the default), or the phone fetches them when its line opens.
#[derive(Clone, Copy, Debug, Default, Deserialize, PartialEq, Eq)]
pub enum ShelfSpec {
    #[default]
    HandedOver,
    Fetched,
}

/// `presence:` as written: no dots (the default), the post office pushes each
/// change to the friends, or each phone pulls its friends' dots every `every_ms`.
#[derive(Clone, Copy, Debug, Default, Deserialize, Serialize, PartialEq)]
pub enum PresenceSpec {
    #[default]
    Off,
    Push,
    Pull {
        every_ms: Num,
    },
}

/// A conversation, checked: a group's id, or two people's ids.
#[derive(Clone, Debug, PartialEq)]
pub enum Chat {
    Group(String),
    Between(String, String),
}

impl fmt::Display for Chat {
    /// As written in a scenario file.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Chat::Group(g) => write!(f, "group: {g:?}"),
            Chat::Between(a, b) => write!(f, "between: ({a:?}, {b:?})"),
        }
    }
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub enum ActionSpec {
    Login(#[serde(serialize_with = "quoted_str")] String),
    Logout(#[serde(serialize_with = "quoted_str")] String),
    /// The user closes the app; the phone stays on, logged in (an addition to v1).
    CloseApp {
        #[serde(serialize_with = "quoted_str")]
        user: String,
    },
    /// The user opens the closed app again (an addition to v1).
    OpenApp {
        #[serde(serialize_with = "quoted_str")]
        user: String,
    },
    /// The user opens a chat: with a person (`with`) or a group's (`group`),
    /// exactly one (an addition to v1).
    OpenChat {
        #[serde(serialize_with = "quoted_str")]
        user: String,
        #[serde(
            default,
            skip_serializing_if = "Option::is_none",
            serialize_with = "quoted_id"
        )]
        with: Option<String>,
        #[serde(
            default,
            skip_serializing_if = "Option::is_none",
            serialize_with = "quoted_id"
        )]
        group: Option<String>,
    },
    /// The user goes back from the open chat to the chat list (an addition to v1).
    CloseChat {
        #[serde(serialize_with = "quoted_str")]
        user: String,
    },
    Send {
        #[serde(serialize_with = "quoted_str")]
        from: String,
        #[serde(serialize_with = "quoted_str")]
        to: String,
        text: TextSpec,
        /// The letter's name, for questions and later actions (optional).
        #[serde(
            default,
            skip_serializing_if = "Option::is_none",
            serialize_with = "quoted_id"
        )]
        id: Option<String>,
        /// A photo or a voice message sent with it (optional, an addition to
        /// v1): the text names it.
        #[serde(
            default,
            skip_serializing_if = "Option::is_none",
            serialize_with = "plain_parcel"
        )]
        parcel: Option<ParcelSpec>,
    },
    SendGroup {
        #[serde(serialize_with = "quoted_str")]
        from: String,
        #[serde(serialize_with = "quoted_str")]
        group: String,
        text: TextSpec,
        /// The letter's name, as `Send`'s.
        #[serde(
            default,
            skip_serializing_if = "Option::is_none",
            serialize_with = "quoted_id"
        )]
        id: Option<String>,
        /// As `Send`'s.
        #[serde(
            default,
            skip_serializing_if = "Option::is_none",
            serialize_with = "plain_parcel"
        )]
        parcel: Option<ParcelSpec>,
    },
    LinkDown(#[serde(serialize_with = "quoted_str")] String),
    LinkUp(#[serde(serialize_with = "quoted_str")] String),
    SetLoss {
        #[serde(serialize_with = "quoted_str")]
        user: String,
        loss: Num,
    },
    Drop {
        #[serde(serialize_with = "quoted_str")]
        user: String,
        toward: Toward,
        what: WhatSpec,
    },
    Befriend(
        #[serde(serialize_with = "quoted_str")] String,
        #[serde(serialize_with = "quoted_str")] String,
    ),
    Unfriend(
        #[serde(serialize_with = "quoted_str")] String,
        #[serde(serialize_with = "quoted_str")] String,
    ),
    Block(
        #[serde(serialize_with = "quoted_str")] String,
        #[serde(serialize_with = "quoted_str")] String,
    ),
    Unblock(
        #[serde(serialize_with = "quoted_str")] String,
        #[serde(serialize_with = "quoted_str")] String,
    ),
    ServerDown,
    ServerUp,
    /// The scene switches how friends see each other's dots (`presence:`).
    SetPresence(PresenceSpec),
    /// `from` starts typing to `to`: "typing…" on `to`'s phone, if it gets there.
    Typing {
        #[serde(serialize_with = "quoted_str")]
        from: String,
        #[serde(serialize_with = "quoted_str")]
        to: String,
    },
    /// `from` stops typing to `to` (without sending).
    StopTyping {
        #[serde(serialize_with = "quoted_str")]
        from: String,
        #[serde(serialize_with = "quoted_str")]
        to: String,
    },
    /// The writer of `letter` taps ❗ beside it: a letter the phone gave up on
    /// goes again (named as a question names a letter).
    Resend {
        letter: TextSpec,
    },
    /// The writer of `letter` taps "Recall" on it: the post office, within its
    /// limit, has every copy torn up (named as a question names a letter).
    Recall {
        letter: TextSpec,
    },
    /// `user` joins `group` (from now on its letters are addressed to them too).
    Join {
        #[serde(serialize_with = "quoted_str")]
        user: String,
        #[serde(serialize_with = "quoted_str")]
        group: String,
    },
    /// `user` leaves `group`.
    Leave {
        #[serde(serialize_with = "quoted_str")]
        user: String,
        #[serde(serialize_with = "quoted_str")]
        group: String,
    },
    /// Issue 27: device `to` copies the whole home mailbox of `from`, another
    /// device of the same person, nearby (an addition to v1).
    MoveChats {
        #[serde(serialize_with = "quoted_str")]
        from: String,
        #[serde(serialize_with = "quoted_str")]
        to: String,
    },
}

/// A question for the class, as written: when to ask it, what, and the answers
/// the teacher may give.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuestionSpec {
    pub at: MomentSpec,
    pub ask: TextSpec,
    #[serde(default)]
    pub answers: Vec<TextSpec>,
}

/// When a question is asked, as written: just after a letter's step or side road
/// is told, once the clock has passed a time, or on the closing recap card.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum MomentSpec {
    Step { letter: TextSpec, step: Num },
    Road { letter: TextSpec, road: Road },
    Time { ms: Num },
    End,
}

/// An expectation as written: [`Expectation`] with its numbers still unchecked.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub enum ExpectSpec {
    Displayed {
        to: String,
        from: String,
        text: TextSpec,
    },
    NotDisplayed {
        to: String,
        text: TextSpec,
    },
    Bounced {
        from: String,
        text: TextSpec,
        reason: ReasonSpec,
    },
    Lost {
        from: String,
        text: TextSpec,
    },
    /// The sender's phone gave up on the letter at some time (❗), whatever
    /// became of it after (an addition to v1).
    GaveUp {
        from: String,
        text: TextSpec,
    },
    /// The post office accepted the recall of the letter, and at the end no
    /// home mailbox holds its words and every screen that had it (or was due
    /// it) shows the recall notice instead (an addition to v1).
    Recalled {
        from: String,
        text: TextSpec,
    },
    /// The post office refused the recall of the letter (an addition to v1).
    RecallRefused {
        from: String,
        text: TextSpec,
    },
    /// `to`'s phone showed the letter's photo or voice message whole, once (an
    /// addition to v1).
    ParcelShown {
        to: String,
        from: String,
        text: TextSpec,
    },
    /// `to`'s phone showed the letter's thumbnail with "expired": the parcel
    /// store had thrown its parcel out (an addition to v1).
    ParcelExpired {
        to: String,
        text: TextSpec,
    },
    MarkedOffline(String),
    Order {
        to: String,
        texts: Vec<TextSpec>,
    },
    DeliveredWithin {
        to: String,
        text: TextSpec,
        ms: Num,
    },
    /// `seen_by`'s phone shows `of`'s dot lit (`online: true`) or not at `at_ms`
    /// (`presence:`).
    Dot {
        seen_by: String,
        of: String,
        at_ms: Num,
        online: bool,
    },
    /// `user`'s lock screen showed a notification of a letter from `from` by
    /// `by_ms` (`notifications:` on; an addition to v1).
    Notified {
        user: String,
        from: String,
        by_ms: Num,
    },
    /// `from`'s phone learned that `by` read the letter (`read_receipts:`; an
    /// addition to v1).
    Read {
        by: String,
        from: String,
        text: TextSpec,
    },
    /// `from`'s phone never learned that `by` read it (an addition to v1).
    NotRead {
        by: String,
        from: String,
        text: TextSpec,
    },
    /// A conversation: a group, or two people (exactly one of the two).
    SameOrder {
        #[serde(default)]
        group: Option<String>,
        #[serde(default)]
        between: Option<(String, String)>,
    },
    /// Issue 27: `device`'s home mailbox holds the letter from `from` at the
    /// end (its words, not torn up by a recall) (an addition to v1).
    Holds {
        device: String,
        from: String,
        text: TextSpec,
    },
    /// Issue 27: `device`'s home mailbox does not hold the letter at the end.
    NotHolds {
        device: String,
        text: TextSpec,
    },
    /// Issue 28: `device` holds at least one letter from `from` that it
    /// cannot open at the end (sealed before its key was made: `sealed:
    /// true`) (an addition to v1). `Holds` means holds and can read: a sealed
    /// letter the device cannot open is not held.
    CannotOpen {
        device: String,
        from: String,
    },
    /// Issue 27: every device of `user` that is online at the end shows her
    /// conversations alike: in each conversation, the letters two of them both
    /// hold in the same order, and each holds every letter the other does that the post
    /// office accepted after both had joined.
    SameChats {
        user: String,
    },
}

#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
pub enum ReasonSpec {
    UnknownUser,
    NotFriends,
    Blocked,
    NotInGroup,
}

/// What must come out of a run, checked against its trace when it ends.
#[derive(Clone, Debug, PartialEq)]
pub enum Expectation {
    Displayed {
        to: String,
        from: String,
        text: TextSpec,
    },
    NotDisplayed {
        to: String,
        text: TextSpec,
    },
    Bounced {
        from: String,
        text: TextSpec,
        reason: ReasonSpec,
    },
    Lost {
        from: String,
        text: TextSpec,
    },
    /// The sender's phone gave up on it at some time, whatever became of it after.
    GaveUp {
        from: String,
        text: TextSpec,
    },
    /// Its recall was accepted, and every copy is torn up at the end.
    Recalled {
        from: String,
        text: TextSpec,
    },
    /// Its recall was refused.
    RecallRefused {
        from: String,
        text: TextSpec,
    },
    /// `to`'s phone showed the letter's parcel whole, once (`whole`, written
    /// `ParcelShown(to:, from:, text:)`), or the store said it had expired
    /// (written `ParcelExpired(to:, text:)`, with no `from`).
    ParcelShown {
        to: String,
        from: Option<String>,
        text: TextSpec,
        whole: bool,
    },
    MarkedOffline(String),
    Order {
        to: String,
        texts: Vec<TextSpec>,
    },
    DeliveredWithin {
        to: String,
        text: TextSpec,
        ms: u64,
    },
    /// `seen_by`'s phone shows `of`'s dot lit or not at `at_ms`.
    Dot {
        seen_by: String,
        of: String,
        at_ms: u64,
        online: bool,
    },
    /// Every screen of the conversation shows its letters in the same order (the
    /// letters two screens both show stand in the same order on both).
    SameOrder(Chat),
    /// `user`'s lock screen showed a notification of a letter from `from` by
    /// `by_ms`.
    Notified {
        user: String,
        from: String,
        by_ms: u64,
    },
    /// `from`'s phone learned that `by` read the letter (`read`: true), or never
    /// did (`read`: false, written `NotRead`).
    Read {
        by: String,
        from: String,
        text: TextSpec,
        read: bool,
    },
    /// Issue 27: see [`ExpectSpec::Holds`].
    Holds {
        device: String,
        from: String,
        text: TextSpec,
    },
    /// Issue 27: see [`ExpectSpec::NotHolds`].
    NotHolds {
        device: String,
        text: TextSpec,
    },
    /// Issue 27: see [`ExpectSpec::SameChats`].
    SameChats {
        user: String,
    },
    /// Issue 28: see [`ExpectSpec::CannotOpen`].
    CannotOpen {
        device: String,
        from: String,
    },
}

impl fmt::Display for Expectation {
    /// As written in a scenario file.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Expectation::Displayed { to, from, text } => {
                write!(f, "Displayed(to: {to:?}, from: {from:?}, text: {text})")
            }
            Expectation::NotDisplayed { to, text } => {
                write!(f, "NotDisplayed(to: {to:?}, text: {text})")
            }
            Expectation::Bounced { from, text, reason } => {
                write!(
                    f,
                    "Bounced(from: {from:?}, text: {text}, reason: {reason:?})"
                )
            }
            Expectation::Lost { from, text } => write!(f, "Lost(from: {from:?}, text: {text})"),
            Expectation::GaveUp { from, text } => {
                write!(f, "GaveUp(from: {from:?}, text: {text})")
            }
            Expectation::Recalled { from, text } => {
                write!(f, "Recalled(from: {from:?}, text: {text})")
            }
            Expectation::RecallRefused { from, text } => {
                write!(f, "RecallRefused(from: {from:?}, text: {text})")
            }
            Expectation::ParcelShown {
                to,
                from: Some(from),
                text,
                ..
            } => write!(f, "ParcelShown(to: {to:?}, from: {from:?}, text: {text})"),
            Expectation::ParcelShown {
                to,
                from: None,
                text,
                ..
            } => write!(f, "ParcelExpired(to: {to:?}, text: {text})"),
            Expectation::MarkedOffline(u) => write!(f, "MarkedOffline({u:?})"),
            Expectation::Order { to, texts } => {
                let texts: Vec<String> = texts.iter().map(ToString::to_string).collect();
                write!(f, "Order(to: {to:?}, texts: [{}])", texts.join(", "))
            }
            Expectation::DeliveredWithin { to, text, ms } => {
                write!(f, "DeliveredWithin(to: {to:?}, text: {text}, ms: {ms})")
            }
            Expectation::SameOrder(chat) => write!(f, "SameOrder({chat})"),
            Expectation::Notified { user, from, by_ms } => write!(
                f,
                "Notified(user: {user:?}, from: {from:?}, by_ms: {by_ms})"
            ),
            Expectation::Read {
                by,
                from,
                text,
                read,
            } => write!(
                f,
                "{}(by: {by:?}, from: {from:?}, text: {text})",
                if *read { "Read" } else { "NotRead" }
            ),
            Expectation::Holds { device, from, text } => {
                write!(f, "Holds(device: {device:?}, from: {from:?}, text: {text})")
            }
            Expectation::NotHolds { device, text } => {
                write!(f, "NotHolds(device: {device:?}, text: {text})")
            }
            Expectation::SameChats { user } => write!(f, "SameChats(user: {user:?})"),
            Expectation::CannotOpen { device, from } => {
                write!(f, "CannotOpen(device: {device:?}, from: {from:?})")
            }
            Expectation::Dot {
                seen_by,
                of,
                at_ms,
                online,
            } => write!(
                f,
                "Dot(seen_by: {seen_by:?}, of: {of:?}, at_ms: {at_ms}, online: {online})"
            ),
        }
    }
}

// ---- writing: the project's formatting for strings, numbers and texts ----
//
// Here, beside the types they write, so that the fields above can name
// `quoted_str` without the file's types importing the actions that import them.

/// A string as the scene files write it, through ron untouched.
struct Quoted<'a>(&'a str);

impl Serialize for Quoted<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        raw(s, quoted(self.0))
    }
}

/// An id (a `String` of an [`ActionSpec`]) as the scene files write it.
pub(super) fn quoted_str<S: Serializer>(id: &str, s: S) -> Result<S::Ok, S::Error> {
    Quoted(id).serialize(s)
}

/// A letter's `id` (written only when it has one: see its `skip_serializing_if`),
/// as a plain string, never `Some(...)`.
fn quoted_id<S: Serializer>(id: &Option<String>, s: S) -> Result<S::Ok, S::Error> {
    match id {
        Some(id) => Quoted(id).serialize(s),
        None => s.serialize_none(),
    }
}

/// A letter's `parcel` (written only when it has one), as the files write it:
/// `Photo(kb: 1200)`, never `Some(...)`.
fn plain_parcel<S: Serializer>(p: &Option<ParcelSpec>, s: S) -> Result<S::Ok, S::Error> {
    match p {
        Some(p) => p.serialize(s),
        None => s.serialize_none(),
    }
}

/// `ron` written as it is (a [`ron::value::RawValue`]).
fn raw<S: Serializer>(s: S, ron: String) -> Result<S::Ok, S::Error> {
    match ron::value::RawValue::from_boxed_ron(ron.into_boxed_str()) {
        Ok(v) => v.serialize(s),
        Err(e) => Err(serde::ser::Error::custom(e)),
    }
}

impl Serialize for TextSpec {
    /// One plain string, or `(en: "…", zh: "…")` (a letter has no story form).
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.plain {
            return Quoted(&self.en).serialize(s);
        }
        let mut both = s.serialize_struct("TextSpec", 2)?;
        both.serialize_field("en", &Quoted(&self.en))?;
        both.serialize_field("zh", &Quoted(&self.zh))?;
        both.end()
    }
}

impl Serialize for Num {
    /// As it reads back exactly: `1200`, `-3`, `0.3` (never `0.30000000000000004`).
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match *self {
            Num::Whole(n) => s.serialize_u64(n),
            Num::Negative(n) => s.serialize_i128(n),
            Num::Other(x) => raw(s, number(x)),
        }
    }
}

/// A RON string: quoted, with quotes, backslashes and control characters escaped.
pub fn quoted(s: &str) -> String {
    use std::fmt::Write as _;
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A real number as it reads back exactly (`0.3`, `2.0`).
fn number(x: f64) -> String {
    let s = format!("{x}");
    if s.contains('.') || s.contains('e') || !x.is_finite() {
        s
    } else {
        format!("{s}.0")
    }
}
