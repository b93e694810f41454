//! Turning a scenario file, once parsed, into a [`Scenario`]: step by step, each
//! mistake noted with its entry (see [`super::check`] for the checks of one value,
//! [`super::action`] for the script's actions).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

use super::check::{Builder, Role, ScriptLetter, Whole, chars_over, text, told};
use super::error::quote;
use super::error::{
    MAX_ANSWERS, MAX_EXPECT, MAX_GROUPS, MAX_ID_CHARS, MAX_PAIRS, MAX_PEOPLE, MAX_QUESTIONS,
    MAX_SCRIPT,
};
use super::spec::{
    ActionSpec, Chat, DeviceKindSpec, ExpectSpec, GroupSpec, MomentSpec, NotificationsSpec,
    OrderSpec, ResendSpec, ScenarioSpec, ShelfSpec, UserSpec,
};
use super::spec::{Expectation, QuestionSpec};
use super::{Letter, Moment, NamedLetter, Question, Scenario};
use crate::sim::{
    Action, Device, DeviceIdx, DeviceKind, GroupIdx, Heartbeat, Network, Notifications, Order,
    Person, Presence, Resend, Retry, Settings, Shelf, Text, Time, UserIdx,
};

/// Pairs of users (friends, blocks).
type Pairs = Vec<(UserIdx, UserIdx)>;

/// The script, built: actions in time order, and what questions need of it.
struct Script {
    /// In time order; actions at the same time in file order.
    actions: Vec<(Time, Action)>,
    /// For each action, its entry in the file's `script` list.
    entries: Vec<usize>,
    /// The scene's letters, in the order they are written.
    letters: Vec<ScriptLetter>,
    /// Whether every entry was built without a mistake.
    whole: bool,
}

impl Builder<'_, '_> {
    pub(super) fn build(&mut self, file: &str, spec: ScenarioSpec) -> Scenario {
        self.check_sizes(&spec);
        self.users(&spec.users);
        self.unregistered(&spec.unregistered);
        self.devices(&spec.users);
        self.groups(&spec.groups);
        let (seed, mut settings, until_ms) = self.settings(&spec);
        self.part_kb = settings.parcels.part_kb;
        let (receipts, receipts_off) = self.receipts(&spec.read_receipts);
        settings.read_receipts = receipts;
        let mut off = receipts_off.clone();
        off.sort_unstable();
        off.dedup();
        self.world.receipts_off = off;
        let (friends, blocks) = self.register(&spec);
        let script = self.script(&spec);
        let dots = settings.presence != Presence::Off
            || script.actions.iter().any(|(_, a)| match a {
                Action::SetPresence(p) => *p != Presence::Off,
                _ => false,
            });
        let notified = settings.notifications != Notifications::Off;
        let expect = self.expectations(spec.expect, dots, notified);
        let known = script.whole.then_some(script.letters.as_slice());
        let questions = self.questions(&spec.questions, known);
        let letter_ids = named_letters(&self.world, &script.letters);
        if let Some(note) = &spec.in_real_life {
            self.check_words(note, "in_real_life", "a note");
        }
        Scenario {
            file: file.to_string(),
            source: Arc::from(self.src),
            title: told(&spec.title),
            about: spec.about.as_ref().map(told),
            seed,
            settings,
            world: Arc::new(std::mem::take(&mut self.world)),
            friends,
            blocks,
            script: script.actions,
            script_entries: script.entries,
            expect,
            until_ms,
            questions,
            in_real_life: spec.in_real_life.as_ref().map(told),
            letter_ids,
            receipts_off,
        }
    }

    /// The title, the about card, and the length of every list.
    fn check_sizes(&mut self, spec: &ScenarioSpec) {
        self.check_told(&spec.title, "title");
        if let Some(about) = &spec.about {
            self.check_told(about, "about");
        }
        self.check_count(
            spec.users.len() + spec.unregistered.len(),
            MAX_PEOPLE,
            "users",
            "users and unregistered ids",
        );
        self.check_count(spec.groups.len(), MAX_GROUPS, "groups", "groups");
        self.check_count(spec.friends.len(), MAX_PAIRS, "friends", "pairs");
        self.check_count(spec.blocks.len(), MAX_PAIRS, "blocks", "pairs");
        self.check_count(spec.script.len(), MAX_SCRIPT, "script", "script entries");
        self.check_count(spec.expect.len(), MAX_EXPECT, "expect", "expectations");
    }

    /// `users`: each one's id (once), name and avatar, and a phone.
    fn users(&mut self, users: &[UserSpec]) {
        if users.is_empty() {
            self.problem("users", "found no users; expected at least one");
        }
        for (i, u) in users.iter().enumerate() {
            let idx = UserIdx(self.world.people.len() as u32);
            if u.id.trim().is_empty() {
                self.problem(
                    format!("users[{i}].id"),
                    "found an empty id; expected a short name like \"lilei\"",
                );
            } else if self.ids.contains_key(&u.id) {
                self.problem(
                    format!("users[{i}].id"),
                    format!(
                        "found {} a second time; expected every user id once",
                        quote(&u.id)
                    ),
                );
            } else {
                self.check_id(&u.id, format!("users[{i}].id"));
                self.ids.insert(u.id.clone(), idx);
            }
            if let Some(name) = &u.name {
                self.check_text(name, &format!("users[{i}].name"));
            }
            if let Some(n) = chars_over(&u.avatar, MAX_ID_CHARS) {
                self.problem(
                    format!("users[{i}].avatar"),
                    format!("found a name of {n} characters; expected at most {MAX_ID_CHARS}, like \"girl\""),
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
    }

    /// `order:`: as written; with other devices (issue 27) `PostOffice` unless
    /// written, and `EachPhone` a mistake: a person's devices must agree on
    /// each conversation's order, and only the post office sees every letter.
    fn order(&mut self, order: Option<OrderSpec>) -> Order {
        let devices = self.world.has_devices();
        match order {
            Some(OrderSpec::PostOffice) => Order::PostOffice,
            Some(OrderSpec::EachPhone) if devices => {
                let d = &self.world.devices[0];
                let name = self.world.person(d.owner).name.en.clone();
                self.problem(
                    "order",
                    format!(
                        "found EachPhone in a scene where {name} has more than one device ({}); expected PostOffice (or no `order:`): all of them must show each conversation in the same order, and only the post office sees every letter, so it numbers them",
                        quote(&d.id)
                    ),
                );
                Order::PostOffice
            }
            Some(OrderSpec::EachPhone) => Order::EachPhone,
            None if devices => Order::PostOffice,
            None => Order::EachPhone,
        }
    }

    /// Each user's `devices:` (issue 27), after every person: their indices
    /// come after every main phone's, each person's together.
    fn devices(&mut self, users: &[UserSpec]) {
        for (i, u) in users.iter().enumerate() {
            let Some(&owner) = self.ids.get(&u.id) else {
                continue;
            };
            if owner.index() != i {
                continue;
            }
            let mut slot = 0u8;
            for (j, d) in u.devices.iter().enumerate() {
                let at = format!("users[{i}].devices[{j}]");
                if d.id.trim().is_empty() {
                    self.problem(
                        format!("{at}.id"),
                        "found an empty id; expected a short name like \"hanmeimei.pc\"",
                    );
                    continue;
                }
                if self.ids.contains_key(&d.id) || self.device_ids.contains_key(&d.id) {
                    self.problem(
                        format!("{at}.id"),
                        format!(
                            "found {} a second time; expected every user and device id once (devices share the users' ids)",
                            quote(&d.id)
                        ),
                    );
                    continue;
                }
                if slot == MAX_DEVICES {
                    self.problem(
                        at.clone(),
                        format!("found more than {MAX_DEVICES} other devices for one user; expected at most {MAX_DEVICES}"),
                    );
                    break;
                }
                self.check_id(&d.id, format!("{at}.id"));
                if let Some(name) = &d.name {
                    self.check_text(name, &format!("{at}.name"));
                }
                slot += 1;
                let kind = match d.kind {
                    DeviceKindSpec::Phone => DeviceKind::Phone,
                    DeviceKindSpec::Computer => DeviceKind::Computer,
                };
                let person = &self.world.person(owner).name;
                let name = match &d.name {
                    Some(n) => text(n),
                    None => Text::both(|lang| default_device_name(person.get(lang), kind, lang)),
                };
                let idx = DeviceIdx((self.world.phones() + self.world.devices.len()) as u32);
                self.device_ids.insert(d.id.clone(), idx);
                self.world.devices.push(Device {
                    id: Arc::from(d.id.as_str()),
                    owner,
                    kind,
                    name,
                    slot,
                });
            }
            if slot > 0 {
                let person = self.world.person(owner).name.clone();
                let main = Text::both(|lang| main_phone_name(person.get(lang), lang));
                self.world.main_names.push((owner, main));
            }
        }
        self.world.main_names.sort_by_key(|m| m.0);
    }

    /// `unregistered`: addresses with no phone.
    fn unregistered(&mut self, unregistered: &[String]) {
        for (i, id) in unregistered.iter().enumerate() {
            let idx = UserIdx(self.world.people.len() as u32);
            if self.ids.contains_key(id) {
                self.problem(
                    format!("unregistered[{i}]"),
                    format!("found {}, which is already a user or listed before; expected an id that is nobody's", quote(id)),
                );
            } else {
                self.check_id(id, format!("unregistered[{i}]"));
                self.ids.insert(id.clone(), idx);
            }
            self.world.people.push(Person {
                id: Arc::from(id.as_str()),
                name: Text::same(id),
                avatar: Arc::from(""),
                registered: false,
            });
        }
    }

    /// `groups`: each one's id (once), name, and members (users, each once).
    fn groups(&mut self, groups: &[GroupSpec]) {
        for (i, g) in groups.iter().enumerate() {
            let idx = GroupIdx(self.world.groups.len() as u32);
            if self.groups.contains_key(&g.id) {
                self.problem(
                    format!("groups[{i}].id"),
                    format!(
                        "found {} a second time; expected every group id once",
                        quote(&g.id)
                    ),
                );
            } else {
                self.check_id(&g.id, format!("groups[{i}].id"));
                self.groups.insert(g.id.clone(), idx);
            }
            if let Some(name) = &g.name {
                self.check_text(name, &format!("groups[{i}].name"));
            }
            let mut members = Vec::new();
            let mut seen = HashSet::new();
            for (j, m) in g.members.iter().enumerate() {
                if let Some(u) = self.user(m, format!("groups[{i}].members[{j}]"), Role::Phone) {
                    if !seen.insert(u) {
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
    }

    /// The seed, the network, heartbeats, resending and `until_ms`.
    fn settings(&mut self, spec: &ScenarioSpec) -> (u64, Settings, Option<Time>) {
        let seed = self.whole(spec.seed, "seed", Whole::Seed).unwrap_or(0);
        let min = self.ms(spec.network.latency_ms.0, "network.latency_ms[0]");
        let max = self.ms(spec.network.latency_ms.1, "network.latency_ms[1]");
        if let (Some(min), Some(max)) = (min, max)
            && min > max
        {
            self.problem(
                "network.latency_ms",
                format!("found ({min}, {max}); expected (min, max) with min no larger than max"),
            );
        }
        let loss = self.loss(spec.network.loss, "network.loss");
        let hb = &spec.heartbeat;
        let interval = self.positive_ms(hb.interval_ms, "heartbeat.interval_ms");
        let timeout = self.ms(hb.timeout_ms, "heartbeat.timeout_ms");
        if let (Some(interval), Some(timeout)) = (interval, timeout)
            && timeout <= interval
        {
            self.problem(
                "heartbeat.timeout_ms",
                format!("found {timeout}; expected more than interval_ms ({interval}), or every phone would be marked offline between two heartbeats"),
            );
        }
        let check_ms = self.positive_ms(spec.retry.check_ms, "retry.check_ms");
        let grace_ms = self.ms(spec.retry.grace_ms, "retry.grace_ms");
        let max_retries = self.whole(spec.retry.max_retries, "retry.max_retries", Whole::Retries);
        let until_ms = spec.until_ms.and_then(|n| self.positive_ms(n, "until_ms"));
        let bandwidth_kb_per_s = spec
            .network
            .bandwidth_kb_per_s
            .and_then(|n| self.bandwidth(n, "network.bandwidth_kb_per_s"));
        let defaults = Settings::default();
        let settings = Settings {
            network: Network {
                latency_ms: (min.unwrap_or(0), max.unwrap_or(0)),
                loss,
                bandwidth_kb_per_s,
            },
            heartbeat: Heartbeat {
                interval_ms: interval.unwrap_or(defaults.heartbeat.interval_ms),
                timeout_ms: timeout.unwrap_or(defaults.heartbeat.timeout_ms),
            },
            retry: Retry {
                check_ms: check_ms.unwrap_or(defaults.retry.check_ms),
                grace_ms: grace_ms.unwrap_or(defaults.retry.grace_ms),
                max_retries: max_retries.map_or(0, |n| n as u32),
            },
            order: self.order(spec.order),
            keeps_history: spec.keeps_history,
            sealed: spec.sealed,
            presence: self.presence(spec.presence, "presence").unwrap_or_default(),
            resend: match spec.resend {
                ResendSpec::Tap => Resend::Tap,
                ResendSpec::Auto => Resend::Auto,
            },
            notifications: match spec.notifications {
                NotificationsSpec::Off => Notifications::Off,
                NotificationsSpec::Words => Notifications::Words,
                NotificationsSpec::NameOnly => Notifications::NameOnly,
                NotificationsSpec::Hidden => Notifications::Hidden,
            },
            shelf: match spec.shelf {
                ShelfSpec::HandedOver => Shelf::HandedOver,
                ShelfSpec::Fetched => Shelf::Fetched,
            },
            typing_before_send_ms: spec
                .typing_before_send_ms
                .and_then(|n| self.ms(n, "typing_before_send_ms"))
                .unwrap_or(0),
            recall_limit_ms: spec
                .recall
                .and_then(|r| self.positive_ms(r.limit_ms, "recall.limit_ms"))
                .unwrap_or(defaults.recall_limit_ms),
            parcels: self.parcels(spec.parcels),
            ..defaults
        };
        (seed, settings, until_ms)
    }

    /// `friends` and `blocks`: pairs of two different users.
    fn register(&mut self, spec: &ScenarioSpec) -> (Pairs, Pairs) {
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
        (friends, blocks)
    }

    /// `script`: each entry's time and action, sorted by time (file order kept).
    fn script(&mut self, spec: &ScenarioSpec) -> Script {
        let mistakes_before = self.problems.len() + self.more;
        let mut script = Vec::new();
        // Each letter id, and the entry that has it first.
        let mut first = HashMap::new();
        for (i, entry) in spec.script.iter().enumerate() {
            let at_ms = self.ms(entry.at_ms, &format!("script[{i}].at_ms"));
            let action = self.action(&entry.action, &format!("script[{i}].do"));
            let id = match &entry.action {
                ActionSpec::Send { id: Some(id), .. }
                | ActionSpec::SendGroup { id: Some(id), .. } => {
                    self.letter_id(id, &format!("script[{i}].do.id"), i, &mut first)
                }
                _ => None,
            };
            if let (Some(at_ms), Some(action)) = (at_ms, action) {
                script.push((at_ms, i, action, id));
            }
        }
        script.sort_by_key(|(at, ..)| *at);
        let letters: Vec<ScriptLetter> = script
            .iter()
            .enumerate()
            .filter_map(|(action, (_, i, a, id))| match a {
                Action::Send { from, text, .. } => Some(ScriptLetter {
                    from: *from,
                    text: text.clone(),
                    entry: *i,
                    action,
                    id: id.clone(),
                }),
                _ => None,
            })
            .collect();
        let whole = self.problems.len() + self.more == mistakes_before;
        self.later_actions(&mut script, &letters, whole);
        Script {
            entries: script.iter().map(|(_, i, ..)| *i).collect(),
            actions: script.into_iter().map(|(at, _, a, _)| (at, a)).collect(),
            letters,
            whole: self.problems.len() + self.more == mistakes_before,
        }
    }

    /// `expect`: the people and texts each expectation names.
    /// `dots`: whether the scene has friends' dots at some time (`presence:` or a
    /// `SetPresence`), without which a `Dot` expectation is a mistake.
    /// `notified`: whether the scene has notifications (`notifications:`), without
    /// which a `Notified` expectation is a mistake.
    fn expectations(
        &mut self,
        specs: Vec<ExpectSpec>,
        dots: bool,
        notified: bool,
    ) -> Vec<Expectation> {
        let mut expect = Vec::with_capacity(specs.len());
        for (i, e) in specs.into_iter().enumerate() {
            let at = format!("expect[{i}]");
            // A screen: a device, or a user's main phone (issue 27).
            let phone = |b: &mut Self, id: &str, field: &str| {
                b.device(id, format!("{at}{field}"));
            };
            // A letter's author: a person.
            let author = |b: &mut Self, id: &str, field: &str| {
                b.user(id, format!("{at}{field}"), Role::Phone);
            };
            match &e {
                ExpectSpec::Displayed { to, from, .. }
                | ExpectSpec::Holds {
                    device: to, from, ..
                } => {
                    phone(self, to, ".to");
                    author(self, from, ".from");
                }
                ExpectSpec::CannotOpen { device, from } => {
                    phone(self, device, ".device");
                    author(self, from, ".from");
                }
                ExpectSpec::NotHolds { device, .. } => phone(self, device, ".device"),
                ExpectSpec::SameChats { user } => author(self, user, ".user"),
                ExpectSpec::NotDisplayed { to, .. }
                | ExpectSpec::Order { to, .. }
                | ExpectSpec::DeliveredWithin { to, .. } => phone(self, to, ".to"),
                ExpectSpec::Bounced { from, .. }
                | ExpectSpec::Lost { from, .. }
                | ExpectSpec::GaveUp { from, .. }
                | ExpectSpec::Recalled { from, .. }
                | ExpectSpec::RecallRefused { from, .. } => author(self, from, ".from"),
                ExpectSpec::ParcelShown { to, from, .. } => {
                    phone(self, to, ".to");
                    author(self, from, ".from");
                }
                ExpectSpec::ParcelExpired { to, .. } => phone(self, to, ".to"),
                ExpectSpec::MarkedOffline(u) => phone(self, u, "[0]"),
                ExpectSpec::SameOrder { .. } => {}
                ExpectSpec::Dot { seen_by, of, .. } => self.dot(seen_by, of, dots, &at),
                ExpectSpec::Notified { user, from, .. } => {
                    self.notified(user, from, notified, &at);
                }
                ExpectSpec::Read { by, from, .. } | ExpectSpec::NotRead { by, from, .. } => {
                    self.read_expectation(by, from, &at);
                }
            }
            match &e {
                ExpectSpec::Displayed { text, .. }
                | ExpectSpec::NotDisplayed { text, .. }
                | ExpectSpec::Bounced { text, .. }
                | ExpectSpec::Lost { text, .. }
                | ExpectSpec::GaveUp { text, .. }
                | ExpectSpec::Read { text, .. }
                | ExpectSpec::NotRead { text, .. }
                | ExpectSpec::Recalled { text, .. }
                | ExpectSpec::RecallRefused { text, .. }
                | ExpectSpec::ParcelShown { text, .. }
                | ExpectSpec::ParcelExpired { text, .. }
                | ExpectSpec::Holds { text, .. }
                | ExpectSpec::NotHolds { text, .. }
                | ExpectSpec::DeliveredWithin { text, .. } => {
                    self.check_text(text, &format!("{at}.text"));
                }
                ExpectSpec::Order { texts, .. } => {
                    if texts.len() < 2 {
                        self.problem(
                            format!("{at}.texts"),
                            format!(
                                "found {}; expected at least two texts, in the order they must be shown",
                                match texts.len() {
                                    0 => "no text".to_string(),
                                    _ => "one text".to_string(),
                                }
                            ),
                        );
                    }
                    for (j, t) in texts.iter().enumerate() {
                        self.check_text(t, &format!("{at}.texts[{j}]"));
                    }
                }
                ExpectSpec::MarkedOffline(_)
                | ExpectSpec::SameChats { .. }
                | ExpectSpec::CannotOpen { .. }
                | ExpectSpec::SameOrder { .. }
                | ExpectSpec::Dot { .. }
                | ExpectSpec::Notified { .. } => {}
            }
            if let ExpectSpec::SameOrder { group, between } = e {
                if let Some(chat) = self.chat(group, between, &at) {
                    expect.push(Expectation::SameOrder(chat));
                }
                continue;
            }
            if let Some(x) = self.expectation_of(e, &at) {
                expect.push(x);
            }
        }
        expect
    }

    /// An expectation as checked, from the file's (its numbers checked at
    /// `at`); `None` for `SameOrder`, built apart.
    fn expectation_of(&mut self, e: ExpectSpec, at: &str) -> Option<Expectation> {
        Some(match e {
            ExpectSpec::Displayed { to, from, text } => Expectation::Displayed { to, from, text },
            ExpectSpec::NotDisplayed { to, text } => Expectation::NotDisplayed { to, text },
            ExpectSpec::Bounced { from, text, reason } => {
                Expectation::Bounced { from, text, reason }
            }
            ExpectSpec::Lost { from, text } => Expectation::Lost { from, text },
            ExpectSpec::GaveUp { from, text } => Expectation::GaveUp { from, text },
            ExpectSpec::Recalled { from, text } => Expectation::Recalled { from, text },
            ExpectSpec::RecallRefused { from, text } => Expectation::RecallRefused { from, text },
            ExpectSpec::ParcelShown { to, from, text } => Expectation::ParcelShown {
                to,
                from: Some(from),
                text,
                whole: true,
            },
            ExpectSpec::ParcelExpired { to, text } => Expectation::ParcelShown {
                to,
                from: None,
                text,
                whole: false,
            },
            ExpectSpec::MarkedOffline(u) => Expectation::MarkedOffline(u),
            ExpectSpec::Order { to, texts } => Expectation::Order { to, texts },
            ExpectSpec::DeliveredWithin { to, text, ms } => Expectation::DeliveredWithin {
                to,
                text,
                ms: self.ms(ms, &format!("{at}.ms")).unwrap_or(0),
            },
            ExpectSpec::Dot {
                seen_by,
                of,
                at_ms,
                online,
            } => Expectation::Dot {
                seen_by,
                of,
                at_ms: self.ms(at_ms, &format!("{at}.at_ms")).unwrap_or(0),
                online,
            },
            ExpectSpec::Notified { user, from, by_ms } => Expectation::Notified {
                user,
                from,
                by_ms: self.ms(by_ms, &format!("{at}.by_ms")).unwrap_or(0),
            },
            ExpectSpec::Read { by, from, text } => Expectation::Read {
                by,
                from,
                text,
                read: true,
            },
            ExpectSpec::NotRead { by, from, text } => Expectation::Read {
                by,
                from,
                text,
                read: false,
            },
            ExpectSpec::Holds { device, from, text } => Expectation::Holds { device, from, text },
            ExpectSpec::NotHolds { device, text } => Expectation::NotHolds { device, text },
            ExpectSpec::SameChats { user } => Expectation::SameChats { user },
            ExpectSpec::CannotOpen { device, from } => Expectation::CannotOpen { device, from },
            ExpectSpec::SameOrder { .. } => return None,
        })
    }

    /// `Dot(seen_by: …, of: …)`: two different phones, in a scene with dots.
    fn dot(&mut self, seen_by: &str, of: &str, dots: bool, at: &str) {
        let a = self.user(seen_by, format!("{at}.seen_by"), Role::Phone);
        let b = self.user(of, format!("{at}.of"), Role::Phone);
        if a.is_some() && a == b {
            self.problem(
                format!("{at}.of"),
                format!("found {of:?}, the one looking; expected a friend of theirs"),
            );
        }
        if !dots {
            self.problem(
                at.to_string(),
                "found a Dot in a scene without dots; expected `presence: Push` or `presence: Pull(every_ms: 10000)` at the top, or a `SetPresence(…)` in the script".to_string(),
            );
        }
    }

    /// `Notified(user: …, from: …)`: two different phones, in a scene with
    /// notifications.
    fn notified(&mut self, user: &str, from: &str, notified: bool, at: &str) {
        let a = self.user(user, format!("{at}.user"), Role::Phone);
        let b = self.user(from, format!("{at}.from"), Role::Phone);
        if a.is_some() && a == b {
            self.problem(
                format!("{at}.from"),
                format!(
                    "found {from:?}, the one notified; expected the writer of a letter to them"
                ),
            );
        }
        if !notified {
            self.problem(
                at.to_string(),
                "found a Notified in a scene without notifications; expected `notifications: Words`, `NameOnly` or `Hidden` at the top".to_string(),
            );
        }
    }

    /// `SameOrder`'s conversation: a group, or two people, and not both.
    fn chat(
        &mut self,
        group: Option<String>,
        between: Option<(String, String)>,
        at: &str,
    ) -> Option<Chat> {
        match (group, between) {
            (Some(g), None) => {
                self.group(&g, format!("{at}.group"))?;
                Some(Chat::Group(g))
            }
            (None, Some((a, b))) => {
                self.pair(&a, &b, &format!("{at}.between"))?;
                Some(Chat::Between(a, b))
            }
            (g, _) => {
                let found = if g.is_some() {
                    "both `group` and `between`"
                } else {
                    "neither `group` nor `between`"
                };
                self.problem(
                    at.to_string(),
                    format!("found {found}; expected one conversation: `SameOrder(group: \"class1\")` or `SameOrder(between: (\"lilei\", \"hanmeimei\"))`"),
                );
                None
            }
        }
    }

    /// `questions`: each one's moment (its letter among `known`, the script's
    /// letters when the script has no mistakes), its words and its answers.
    fn questions(
        &mut self,
        specs: &[QuestionSpec],
        known: Option<&[ScriptLetter]>,
    ) -> Vec<Question> {
        self.check_count(specs.len(), MAX_QUESTIONS, "questions", "questions");
        let mut questions = Vec::new();
        for (i, q) in specs.iter().enumerate() {
            let at = format!("questions[{i}].at");
            let moment = match &q.at {
                MomentSpec::Step { letter, step } => {
                    let letter = self.letter(letter, &format!("{at}.letter"), known);
                    let step = self.step_number(*step, &format!("{at}.step"));
                    letter
                        .zip(step)
                        .map(|(letter, step)| Moment::Step { letter, step })
                }
                MomentSpec::Road { letter, road } => self
                    .letter(letter, &format!("{at}.letter"), known)
                    .map(|letter| Moment::Road {
                        letter,
                        road: *road,
                    }),
                MomentSpec::Time { ms } => self.ms(*ms, &format!("{at}.ms")).map(Moment::Time),
                MomentSpec::End => Some(Moment::End),
            };
            self.check_words(&q.ask, &format!("questions[{i}].ask"), "a question");
            self.check_count(
                q.answers.len(),
                MAX_ANSWERS,
                &format!("questions[{i}].answers"),
                "answers",
            );
            for (j, a) in q.answers.iter().enumerate() {
                self.check_words(a, &format!("questions[{i}].answers[{j}]"), "an answer");
            }
            if let Some(at) = moment {
                questions.push(Question {
                    at,
                    ask: told(&q.ask),
                    answers: q.answers.iter().map(told).collect(),
                    entry: i,
                });
            }
        }
        questions
    }
}

/// The letters of `letters` (the script's, in the order they are written) that
/// have an id, by id. One pass: a scene may have many letters.
fn named_letters(
    world: &crate::sim::World,
    letters: &[ScriptLetter],
) -> BTreeMap<String, NamedLetter> {
    // How many letters each sender has written with these words so far (looked
    // up, never walked).
    let mut written: HashMap<(DeviceIdx, &Text), usize> = HashMap::new();
    let mut named = BTreeMap::new();
    for l in letters {
        let count = written.entry((l.from, &l.text)).or_default();
        let nth = *count;
        *count += 1;
        let Some(id) = &l.id else {
            continue;
        };
        let letter = Letter {
            from: l.from,
            author: (world.owner(l.from), world.slot(l.from)),
            text: l.text.clone(),
            nth,
            named: super::spec::quoted(id),
        };
        named.insert(
            id.clone(),
            NamedLetter {
                letter,
                entry: l.entry,
                action: l.action,
            },
        );
    }
    named
}

/// The most other devices one user may have (issue 27).
const MAX_DEVICES: u8 = 4;

/// A device's name when the scene gives none: "Han Meimei's computer",
/// "Han Meimei's new phone" / "韩梅梅的电脑", "韩梅梅的新手机".
fn default_device_name(person: &str, kind: DeviceKind, lang: crate::sim::Lang) -> String {
    use crate::sim::Lang;
    match (kind, lang) {
        (DeviceKind::Computer, Lang::En) => format!("{person}'s computer"),
        (DeviceKind::Phone, Lang::En) => format!("{person}'s new phone"),
        (DeviceKind::Computer, Lang::Zh) => format!("{person}的电脑"),
        (DeviceKind::Phone, Lang::Zh) => format!("{person}的新手机"),
    }
}

/// The main phone's name of a person with other devices: "Han Meimei's phone" /
/// "韩梅梅的手机".
fn main_phone_name(person: &str, lang: crate::sim::Lang) -> String {
    match lang {
        crate::sim::Lang::En => format!("{person}'s phone"),
        crate::sim::Lang::Zh => format!("{person}的手机"),
    }
}
