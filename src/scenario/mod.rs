//! Scenario files (format v1, `scenes/*.ron`): reading them, reporting every mistake
//! with its place (file, line, column, entry) and a "did you mean", turning them into
//! a [`Sim`], and checking a run's expectations against its trace.
//!
//! The format is documented in `docs/scenario-format.md`.

pub mod expect;
pub mod locate;
pub mod size;
pub mod spec;

use std::collections::HashSet;
use std::fmt;
use std::path::Path;
use std::sync::Arc;

use ron::extensions::Extensions;

use crate::sim::{
    Action, Dest, Dir, FrameClass, GroupIdx, Heartbeat, Network, Person, RegisterChange, Retry,
    Settings, Sim, Text, Time, UserIdx, World,
};
pub use expect::{Outcome, check};
pub use spec::Expectation;
use spec::{ActionSpec, ScenarioSpec, TextSpec, Toward, WhatSpec};

/// One mistake in a scenario file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// Line and column, 1-based, when known.
    pub at: Option<(usize, usize)>,
    /// The entry, e.g. `script[3].do.to`.
    pub entry: Option<String>,
    pub message: String,
}

/// Why a file is not a scenario that can run.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ScenarioError {
    #[error("{file}: cannot read it: {reason}")]
    Unreadable { file: String, reason: String },
    #[error("{}", Problems(file, problems))]
    Invalid {
        file: String,
        problems: Vec<Problem>,
    },
}

struct Problems<'a>(&'a str, &'a [Problem]);

impl fmt::Display for Problems<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.1.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{}", self.0)?;
            if let Some((line, col)) = p.at {
                write!(f, ":{line}:{col}")?;
            }
            if let Some(entry) = &p.entry {
                write!(f, ": {entry}")?;
            }
            write!(f, ": {}", p.message)?;
        }
        Ok(())
    }
}

impl ScenarioError {
    pub fn problems(&self) -> &[Problem] {
        match self {
            ScenarioError::Unreadable { .. } => &[],
            ScenarioError::Invalid { problems, .. } => problems,
        }
    }
}

/// A scenario that has been read and checked: ready to run.
#[derive(Clone, Debug)]
pub struct Scenario {
    /// The file it came from, as given.
    pub file: String,
    /// The file's text (for locating entries in messages, and for saving a lesson
    /// beside it).
    pub source: Arc<str>,
    pub title: Text,
    pub about: Option<Text>,
    pub seed: u64,
    pub settings: Settings,
    pub world: Arc<World>,
    pub friends: Vec<(UserIdx, UserIdx)>,
    pub blocks: Vec<(UserIdx, UserIdx)>,
    /// In time order; actions at the same time in file order.
    pub script: Vec<(Time, Action)>,
    /// For each action of `script`, its entry in the file's `script` list.
    pub script_entries: Vec<usize>,
    pub expect: Vec<Expectation>,
    pub until_ms: Option<Time>,
}

impl Scenario {
    /// A simulation of this scenario, ready to run. `seed` overrides the file's.
    pub fn sim(&self, seed: Option<u64>, tracing: bool) -> Sim {
        let mut sim = Sim::new(
            self.world.clone(),
            self.settings,
            seed.unwrap_or(self.seed),
            tracing,
        );
        for &(a, b) in &self.friends {
            sim.set_register(RegisterChange::Befriend, a, b);
        }
        for &(a, b) in &self.blocks {
            sim.set_register(RegisterChange::Block, a, b);
        }
        for (at, action) in &self.script {
            sim.schedule(*at, action.clone());
        }
        sim.set_until(self.until_ms);
        sim
    }
}

/// Reads and checks a scenario file.
pub fn load(path: impl AsRef<Path>) -> Result<Scenario, ScenarioError> {
    let path = path.as_ref();
    let file = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| ScenarioError::Unreadable {
        file: file.clone(),
        reason: e.to_string(),
    })?;
    parse(&file, &bytes)
}

/// Reads and checks a scenario from its bytes; `file` names it in messages.
pub fn parse(file: &str, bytes: &[u8]) -> Result<Scenario, ScenarioError> {
    let invalid = |problems| ScenarioError::Invalid {
        file: file.to_string(),
        problems,
    };
    let src = match std::str::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => {
            let good = std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default();
            return Err(invalid(vec![Problem {
                at: Some(end_position(good)),
                entry: None,
                message: format!(
                    "this is not a text file: found the byte 0x{:02x}, which is not UTF-8; expected a scenario written in RON",
                    bytes[e.valid_up_to()]
                ),
            }]));
        }
    };
    let src = src.strip_prefix('\u{feff}').unwrap_or(src);
    if src.trim().is_empty() {
        return Err(invalid(vec![Problem {
            at: Some((1, 1)),
            entry: None,
            message: "the file is empty; expected a scenario: `(title: ..., users: [...], ...)`"
                .into(),
        }]));
    }
    let spec: ScenarioSpec = ron::Options::default()
        .with_default_extension(Extensions::IMPLICIT_SOME)
        .from_str(src)
        .map_err(|e| {
            invalid(vec![Problem {
                at: Some((e.span.start.line, e.span.start.col)),
                entry: None,
                message: plain_ron_message(&e.code.to_string()),
            }])
        })?;
    let mut b = Builder {
        src,
        problems: Vec::new(),
        world: World::default(),
    };
    let scenario = b.build(file, spec);
    if b.problems.is_empty() {
        Ok(scenario)
    } else {
        Err(invalid(b.problems))
    }
}

fn end_position(s: &str) -> (usize, usize) {
    let line = s.matches('\n').count() + 1;
    let col = s.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

/// ron's messages name our Rust types; say what they are in the file instead.
fn plain_ron_message(m: &str) -> String {
    let mut m = m.to_string();
    for (rust, file) in [
        ("`ScenarioSpec`", "the scenario"),
        ("`EntrySpec`", "a script entry"),
        ("`UserSpec`", "a user"),
        ("`GroupSpec`", "a group"),
        ("`NetworkSpec`", "network"),
        ("`HeartbeatSpec`", "heartbeat"),
        ("`RetrySpec`", "retry"),
        ("`ActionSpec`", "an action"),
        ("`Expectation`", "an expectation"),
        ("`TextSpec`", "a text"),
        ("`WhatSpec`", "what"),
        ("`ReasonSpec`", "reason"),
        ("`Toward`", "toward"),
    ] {
        m = m.replace(rust, file);
    }
    m.replace("Unexpected missing field named", "missing the field")
        .replace("for struct ", "for ")
        .replace(
            "Integer is out of bounds",
            "found a number out of range; expected a whole number from 0 (times, counts and seeds cannot be negative)",
        )
}

/// The distance between two ids, counting a swap of neighbours as one edit.
fn distance(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            d[i][j] = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d[i][j] = d[i][j].min(d[i - 2][j - 2] + 1);
            }
        }
    }
    d[a.len()][b.len()]
}

/// The closest of `candidates` to `bad`, if it is close enough to be a typo.
pub fn did_you_mean<'a>(
    bad: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let limit = (bad.chars().count() / 3).max(2);
    candidates
        .into_iter()
        .map(|c| {
            let d = if c.eq_ignore_ascii_case(bad) {
                0
            } else {
                distance(bad, c)
            };
            (d, c)
        })
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

fn quoted_list<'a>(items: impl Iterator<Item = &'a str>) -> String {
    let items: Vec<String> = items.map(|s| format!("{s:?}")).collect();
    if items.len() > 10 {
        format!("{}, ... ({} in all)", items[..10].join(", "), items.len())
    } else {
        items.join(", ")
    }
}

/// Who an id must be where it is used.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    /// Someone with a phone (a user).
    Phone,
    /// Any address: a user, or one listed in `unregistered`.
    Address,
}

struct Builder<'a> {
    src: &'a str,
    problems: Vec<Problem>,
    world: World,
}

fn text(t: &TextSpec) -> Text {
    Text::new(&t.en, &t.zh)
}

impl Builder<'_> {
    fn problem(&mut self, entry: impl Into<String>, message: impl Into<String>) {
        let entry = entry.into();
        self.problems.push(Problem {
            at: locate::locate(self.src, &entry),
            entry: Some(entry),
            message: message.into(),
        });
    }

    fn user(&mut self, id: &str, entry: String, role: Role) -> Option<UserIdx> {
        match self.world.find(id) {
            Some(u) if role == Role::Phone && !self.world.person(u).registered => {
                self.problem(
                    entry,
                    format!("found {id:?}, which is listed in `unregistered` and has no phone; expected a user"),
                );
                None
            }
            Some(u) => Some(u),
            None => {
                let candidates: Vec<&str> = self
                    .world
                    .people
                    .iter()
                    .filter(|p| role == Role::Address || p.registered)
                    .map(|p| &*p.id)
                    .collect();
                let mut message = format!("unknown user {id:?}");
                if let Some(m) = did_you_mean(id, candidates.iter().copied()) {
                    message += &format!(" (did you mean {m:?}?)");
                }
                message += &format!(
                    "; expected one of the users: {}",
                    quoted_list(candidates.iter().copied())
                );
                if role == Role::Address {
                    message += ", or an id listed in `unregistered`";
                }
                self.problem(entry, message);
                None
            }
        }
    }

    fn pair(&mut self, a: &str, b: &str, entry: &str) -> Option<(UserIdx, UserIdx)> {
        let x = self.user(a, format!("{entry}[0]"), Role::Phone);
        let y = self.user(b, format!("{entry}[1]"), Role::Phone);
        let (x, y) = (x?, y?);
        if x == y {
            self.problem(
                entry,
                format!("found {a:?} twice; expected two different users"),
            );
            return None;
        }
        Some((x, y))
    }

    fn group(&mut self, id: &str, entry: String) -> Option<GroupIdx> {
        if let Some(i) = self.world.groups.iter().position(|g| &*g.id == id) {
            return Some(GroupIdx(i as u32));
        }
        let ids: Vec<&str> = self.world.groups.iter().map(|g| &*g.id).collect();
        let mut message = format!("unknown group {id:?}");
        if let Some(m) = did_you_mean(id, ids.iter().copied()) {
            message += &format!(" (did you mean {m:?}?)");
        }
        if ids.is_empty() {
            message += "; expected a group listed in `groups`, and there are none";
        } else {
            message += &format!("; expected one of: {}", quoted_list(ids.iter().copied()));
        }
        self.problem(entry, message);
        None
    }

    fn loss(&mut self, loss: f64, entry: String) {
        if !(0.0..1.0).contains(&loss) {
            self.problem(
                entry,
                format!(
                    "found {loss}; expected a probability from 0 up to (not including) 1, like 0.3"
                ),
            );
        }
    }

    fn build(&mut self, file: &str, spec: ScenarioSpec) -> Scenario {
        // ---- people and groups ----
        if spec.users.is_empty() {
            self.problem("users", "found no users; expected at least one");
        }
        let mut seen = HashSet::new();
        for (i, u) in spec.users.iter().enumerate() {
            if u.id.trim().is_empty() {
                self.problem(
                    format!("users[{i}].id"),
                    "found an empty id; expected a short name like \"lilei\"",
                );
            } else if !seen.insert(u.id.clone()) {
                self.problem(
                    format!("users[{i}].id"),
                    format!(
                        "found {:?} a second time; expected every user id once",
                        u.id
                    ),
                );
            }
            self.world.people.push(Person {
                id: Arc::from(u.id.as_str()),
                name: u
                    .name
                    .as_ref()
                    .map(text)
                    .unwrap_or_else(|| Text::same(&u.id)),
                avatar: Arc::from(u.avatar.as_str()),
                registered: true,
            });
        }
        for (i, id) in spec.unregistered.iter().enumerate() {
            if !seen.insert(id.clone()) {
                self.problem(
                    format!("unregistered[{i}]"),
                    format!("found {id:?}, which is already a user or listed before; expected an id that is nobody's"),
                );
            }
            self.world.people.push(Person {
                id: Arc::from(id.as_str()),
                name: Text::same(id),
                avatar: Arc::from(""),
                registered: false,
            });
        }
        let mut group_ids = HashSet::new();
        for (i, g) in spec.groups.iter().enumerate() {
            if !group_ids.insert(g.id.clone()) {
                self.problem(
                    format!("groups[{i}].id"),
                    format!(
                        "found {:?} a second time; expected every group id once",
                        g.id
                    ),
                );
            }
            let mut members = Vec::new();
            for (j, m) in g.members.iter().enumerate() {
                if let Some(u) = self.user(m, format!("groups[{i}].members[{j}]"), Role::Phone) {
                    if members.contains(&u) {
                        self.problem(
                            format!("groups[{i}].members[{j}]"),
                            format!("found {m:?} a second time; expected each member once"),
                        );
                    }
                    members.push(u);
                }
            }
            self.world.groups.push(crate::sim::world::Group {
                id: Arc::from(g.id.as_str()),
                name: g
                    .name
                    .as_ref()
                    .map(text)
                    .unwrap_or_else(|| Text::same(&g.id)),
                members,
            });
        }

        // ---- settings ----
        let (min, max) = spec.network.latency_ms;
        if min > max {
            self.problem(
                "network.latency_ms",
                format!("found ({min}, {max}); expected (min, max) with min no larger than max"),
            );
        }
        self.loss(spec.network.loss, "network.loss".into());
        let hb = &spec.heartbeat;
        if hb.interval_ms == 0 {
            self.problem(
                "heartbeat.interval_ms",
                "found 0; expected a positive number of milliseconds",
            );
        }
        if hb.timeout_ms <= hb.interval_ms {
            self.problem(
                "heartbeat.timeout_ms",
                format!("found {}; expected more than interval_ms ({}), or every phone would be marked offline between two heartbeats", hb.timeout_ms, hb.interval_ms),
            );
        }
        if spec.retry.check_ms == 0 {
            self.problem(
                "retry.check_ms",
                "found 0; expected a positive number of milliseconds",
            );
        }
        if spec.retry.max_retries > 100 {
            self.problem(
                "retry.max_retries",
                format!("found {}; expected at most 100", spec.retry.max_retries),
            );
        }
        if spec.until_ms == Some(0) {
            self.problem(
                "until_ms",
                "found 0; expected a positive number of milliseconds",
            );
        }
        let settings = Settings {
            network: Network {
                latency_ms: (min, max),
                loss: spec.network.loss,
            },
            heartbeat: Heartbeat {
                interval_ms: hb.interval_ms,
                timeout_ms: hb.timeout_ms,
            },
            retry: Retry {
                check_ms: spec.retry.check_ms,
                grace_ms: spec.retry.grace_ms,
                max_retries: spec.retry.max_retries,
            },
            ..Settings::default()
        };

        // ---- the register ----
        let friends: Vec<_> = spec
            .friends
            .iter()
            .enumerate()
            .filter_map(|(i, (a, b))| self.pair(a, b, &format!("friends[{i}]")))
            .collect();
        let blocks: Vec<_> = spec
            .blocks
            .iter()
            .enumerate()
            .filter_map(|(i, (a, b))| self.pair(a, b, &format!("blocks[{i}]")))
            .collect();

        // ---- the script ----
        let mut script = Vec::new();
        for (i, entry) in spec.script.iter().enumerate() {
            let at = format!("script[{i}].do");
            let phone = |b: &mut Self, id: &str, field: &str| {
                b.user(id, format!("{at}{field}"), Role::Phone)
            };
            let action = match &entry.action {
                ActionSpec::Login(u) => phone(self, u, "[0]").map(Action::Login),
                ActionSpec::Logout(u) => phone(self, u, "[0]").map(Action::Logout),
                ActionSpec::LinkDown(u) => phone(self, u, "[0]").map(Action::LinkDown),
                ActionSpec::LinkUp(u) => phone(self, u, "[0]").map(Action::LinkUp),
                ActionSpec::Send { from, to, text } => {
                    let f = phone(self, from, ".from");
                    let t = self.user(to, format!("{at}.to"), Role::Address);
                    match (f, t) {
                        (Some(f), Some(t)) if f == t => {
                            self.problem(
                                format!("{at}.to"),
                                format!(
                                    "found {to:?}, the sender; expected someone else to write to"
                                ),
                            );
                            None
                        }
                        (Some(from), Some(t)) => Some(Action::Send {
                            from,
                            to: Dest::User(t),
                            text: Arc::from(text.as_str()),
                        }),
                        _ => None,
                    }
                }
                ActionSpec::SendGroup { from, group, text } => {
                    let f = phone(self, from, ".from");
                    let g = self.group(group, format!("{at}.group"));
                    match (f, g) {
                        (Some(from), Some(g)) => Some(Action::Send {
                            from,
                            to: Dest::Group(g),
                            text: Arc::from(text.as_str()),
                        }),
                        _ => None,
                    }
                }
                ActionSpec::SetLoss { user, loss } => {
                    self.loss(*loss, format!("{at}.loss"));
                    phone(self, user, ".user").map(|user| Action::SetLoss { user, loss: *loss })
                }
                ActionSpec::Drop { user, toward, what } => {
                    phone(self, user, ".user").map(|user| Action::Drop {
                        user,
                        toward: match toward {
                            Toward::Server => Dir::ToServer,
                            Toward::Phone => Dir::ToPhone,
                        },
                        what: match what {
                            WhatSpec::Message => FrameClass::Message,
                            WhatSpec::Ack => FrameClass::Ack,
                            WhatSpec::Heartbeat => FrameClass::Heartbeat,
                            WhatSpec::Any => FrameClass::Any,
                        },
                    })
                }
                ActionSpec::Befriend(a, b) => self
                    .pair(a, b, &at)
                    .map(|(a, b)| Action::Register(RegisterChange::Befriend, a, b)),
                ActionSpec::Unfriend(a, b) => self
                    .pair(a, b, &at)
                    .map(|(a, b)| Action::Register(RegisterChange::Unfriend, a, b)),
                ActionSpec::Block(a, b) => self
                    .pair(a, b, &at)
                    .map(|(a, b)| Action::Register(RegisterChange::Block, a, b)),
                ActionSpec::Unblock(a, b) => self
                    .pair(a, b, &at)
                    .map(|(a, b)| Action::Register(RegisterChange::Unblock, a, b)),
                ActionSpec::ServerDown => Some(Action::ServerDown),
                ActionSpec::ServerUp => Some(Action::ServerUp),
            };
            if let Some(action) = action {
                script.push((entry.at_ms, i, action));
            }
        }
        script.sort_by_key(|(at, _, _)| *at);
        let script_entries = script.iter().map(|(_, i, _)| *i).collect();
        let script = script.into_iter().map(|(at, _, a)| (at, a)).collect();

        // ---- expectations ----
        for (i, e) in spec.expect.iter().enumerate() {
            let at = format!("expect[{i}]");
            let phone = |b: &mut Self, id: &str, field: &str| {
                b.user(id, format!("{at}{field}"), Role::Phone);
            };
            match e {
                Expectation::Displayed { to, from, .. } => {
                    phone(self, to, ".to");
                    phone(self, from, ".from");
                }
                Expectation::NotDisplayed { to, .. }
                | Expectation::Order { to, .. }
                | Expectation::DeliveredWithin { to, .. } => phone(self, to, ".to"),
                Expectation::Bounced { from, .. } | Expectation::Lost { from, .. } => {
                    phone(self, from, ".from")
                }
                Expectation::MarkedOffline(u) => phone(self, u, "[0]"),
            }
            if let Expectation::Order { texts, .. } = e
                && texts.len() < 2
            {
                self.problem(
                    format!("{at}.texts"),
                    format!(
                        "found {} text(s); expected at least two, in the order they must be shown",
                        texts.len()
                    ),
                );
            }
        }

        Scenario {
            file: file.to_string(),
            source: Arc::from(self.src),
            title: text(&spec.title),
            about: spec.about.as_ref().map(text),
            seed: spec.seed,
            settings,
            world: Arc::new(std::mem::take(&mut self.world)),
            friends,
            blocks,
            script,
            script_entries,
            expect: spec.expect,
            until_ms: spec.until_ms,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typos_are_caught() {
        assert_eq!(
            did_you_mean("hanmeimi", ["lilei", "hanmeimei"]),
            Some("hanmeimei")
        );
        assert_eq!(did_you_mean("lilie", ["lilei", "hanmeimei"]), Some("lilei"));
        assert_eq!(did_you_mean("LiLei", ["lilei"]), Some("lilei"));
        assert_eq!(did_you_mean("zhangsan", ["lilei", "hanmeimei"]), None);
    }
}
