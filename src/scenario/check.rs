//! The scene's builder ([`Builder`]: the world so far and the mistakes found) and
//! its checks of one value at a time: numbers, texts, ids, people, groups and the
//! letter a question names. Each mistake is noted with its entry.

use std::cell::OnceCell;
use std::collections::HashMap;

use super::error::{
    MAX_ID_CHARS, MAX_LISTED, MAX_MS, MAX_RETRIES, MAX_TEXT_CHARS, SUGGESTION_BUDGET,
};
use super::error::{list_and, quote, quoted_list, shorten};
use super::locate::Locator;
use super::spec::{Num, PresenceSpec, TextSpec};
use super::suggest::suggest;
use super::{Letter, SceneText};
use crate::sim::{DeviceIdx, GroupIdx, Presence, Text, UserIdx, World};

/// The shortest time between two of a phone's questions about its friends
/// (`presence: Pull`).
pub const MIN_PULL_MS: u64 = 1_000;

/// Who an id must be where it is used.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Role {
    /// Someone with a phone (a user).
    Phone,
    /// Any address: a user, or one listed in `unregistered`.
    Address,
}

/// What a whole number in the file counts, for its messages.
#[derive(Clone, Copy)]
pub(super) enum Whole {
    Ms,
    Retries,
    Seed,
    /// A parcel's size, or a part's (issue 26).
    Kb,
    /// A voice message's length.
    Seconds,
    /// A parcel wire's bandwidth.
    Bandwidth,
}

impl Whole {
    pub(super) fn max(self) -> u64 {
        match self {
            Whole::Ms => MAX_MS,
            Whole::Retries => MAX_RETRIES,
            Whole::Seed => u64::MAX,
            Whole::Kb => crate::sim::parcel::MAX_PARCEL_KB as u64,
            Whole::Seconds => crate::sim::parcel::MAX_VOICE_SECONDS as u64,
            Whole::Bandwidth => crate::sim::parcel::MAX_BANDWIDTH as u64,
        }
    }

    pub(super) fn at_most(self) -> String {
        match self {
            Whole::Ms => format!("at most {MAX_MS} ms (about 115 days)"),
            Whole::Retries => format!("at most {MAX_RETRIES} retries"),
            Whole::Seed => format!("at most {}", u64::MAX),
            Whole::Kb => format!(
                "at most {} kB (about a gigabyte)",
                crate::sim::parcel::MAX_PARCEL_KB
            ),
            Whole::Seconds => format!(
                "at most {} seconds (an hour)",
                crate::sim::parcel::MAX_VOICE_SECONDS
            ),
            Whole::Bandwidth => format!(
                "at most {} kB a second (10 GB/s)",
                crate::sim::parcel::MAX_BANDWIDTH as u64
            ),
        }
    }

    pub(super) fn kind(self) -> &'static str {
        match self {
            Whole::Ms => "a whole number of milliseconds, like 1500",
            Whole::Retries => "a whole number of retries, like 2",
            Whole::Seed => "a whole number, like 7",
            Whole::Kb => "a whole number of kilobytes, like 1200",
            Whole::Seconds => "a whole number of seconds, like 12",
            Whole::Bandwidth => "a whole number of kilobytes a second, like 200",
        }
    }

    pub(super) fn noun(self) -> &'static str {
        match self {
            Whole::Ms => "a time",
            Whole::Retries => "a number of retries",
            Whole::Seed => "a seed",
            Whole::Kb => "a size",
            Whole::Seconds => "a length",
            Whole::Bandwidth => "a bandwidth",
        }
    }
}

pub(super) fn text(t: &TextSpec) -> Text {
    if t.plain {
        Text::same(&t.en)
    } else {
        Text::new(&t.en, &t.zh)
    }
}

/// One of the scene's own texts, with its story form.
pub(super) fn told(t: &TextSpec) -> SceneText {
    SceneText {
        text: text(t),
        story: t.story.as_deref().map(text),
    }
}

pub(super) fn chars_over(s: &str, max: usize) -> Option<usize> {
    // Bytes bound characters from above: most strings need no count.
    if s.len() <= max {
        return None;
    }
    let n = s.chars().count();
    (n > max).then_some(n)
}

/// A letter of the script, as a question names it.
pub(super) struct ScriptLetter {
    /// The device that writes it (its owner's main phone unless the scene names
    /// another, issue 27).
    pub(super) from: DeviceIdx,
    /// Its words.
    pub(super) text: Text,
    /// Its entry in the file's `script` list.
    pub(super) entry: usize,
    /// Its place in the script in time order (`Scenario::script`).
    pub(super) action: usize,
    /// Its `id:`, when it has a good one.
    pub(super) id: Option<String>,
}

// The builder is declared here, beside the checks that note its mistakes, and
// built up in `build.rs` and `action.rs`, which import it (one way).

/// The scene being built: the world so far and the mistakes found.
pub(super) struct Builder<'a, 'l> {
    /// The file's text, walked once, when the first mistake needs a place.
    pub(super) locator: &'l OnceCell<Locator<'a>>,
    pub(super) src: &'a str,
    /// The first [`MAX_LISTED`] mistakes: entry and message.
    pub(super) problems: Vec<(String, String)>,
    /// How many more.
    pub(super) more: usize,
    pub(super) world: World,
    /// Every id in `users` and `unregistered`, and where it is in `world.people`.
    pub(super) ids: HashMap<String, UserIdx>,
    /// Every other device's id (issue 27), and its index.
    pub(super) device_ids: HashMap<String, DeviceIdx>,
    pub(super) groups: HashMap<String, GroupIdx>,
    /// Work left for "did you mean".
    pub(super) budget: usize,
    /// The quoted lists of ids for each role, made once.
    pub(super) lists: [Option<String>; 2],
    /// The size of a parcel's part (`parcels: (part_kb:)`), for counting a
    /// letter's parts.
    pub(super) part_kb: u32,
}

impl<'a, 'l> Builder<'a, 'l> {
    /// A new builder for the file `src` (located by `locator` when a mistake needs
    /// a place).
    pub(super) fn new(src: &'a str, locator: &'l OnceCell<Locator<'a>>) -> Builder<'a, 'l> {
        Builder {
            locator,
            src,
            problems: Vec::new(),
            more: 0,
            world: World::default(),
            part_kb: crate::sim::PART_KB,
            ids: HashMap::new(),
            device_ids: HashMap::new(),
            groups: HashMap::new(),
            budget: SUGGESTION_BUDGET,
            lists: [None, None],
        }
    }
}

impl<'a> Builder<'a, '_> {
    pub(super) fn loc(&self) -> &Locator<'a> {
        let src = self.src;
        self.locator.get_or_init(|| Locator::new(src))
    }

    /// Whether the list of mistakes is full; then the next ones are only counted.
    pub(super) fn full(&mut self) -> bool {
        if self.problems.len() >= MAX_LISTED {
            self.more += 1;
            true
        } else {
            false
        }
    }

    pub(super) fn problem(&mut self, entry: impl Into<String>, message: impl Into<String>) {
        if !self.full() {
            self.problems.push((entry.into(), message.into()));
        }
    }

    /// A number as written in the file, shortened, for a message.
    pub(super) fn written(&self, n: Num, entry: &str) -> String {
        match self.loc().raw(entry) {
            Some(raw) => shorten(raw, 30),
            None => match n {
                Num::Whole(n) => n.to_string(),
                Num::Negative(n) => n.to_string(),
                Num::Other(x) if x.abs() >= 1e15 => format!("{x:e}"),
                Num::Other(x) => x.to_string(),
            },
        }
    }

    /// A whole number from 0 up to its kind's limit, or a mistake at `entry`.
    pub(super) fn whole(&mut self, n: Num, entry: &str, kind: Whole) -> Option<u64> {
        if let Num::Whole(v) = n
            && v <= kind.max()
        {
            return Some(v);
        }
        if self.full() {
            return None;
        }
        let shown = self.written(n, entry);
        let digits = shown
            .trim_start_matches(['+', '-'])
            .chars()
            .all(|c| c.is_ascii_digit() || c == '_');
        let message = match n {
            Num::Whole(_) => format!(
                "found {shown}, which is too large; expected {}",
                kind.at_most()
            ),
            Num::Negative(_) => format!(
                "found {shown}, but {} cannot be negative; expected {}",
                kind.noun(),
                kind.kind()
            ),
            Num::Other(x) if digits && x < 0.0 => format!(
                "found {shown}, but {} cannot be negative; expected {}",
                kind.noun(),
                kind.kind()
            ),
            Num::Other(x) if digits && x >= 0.0 => format!(
                "found {shown}, which is too large; expected {}",
                kind.at_most()
            ),
            Num::Other(_) => format!("found {shown}; expected {}", kind.kind()),
        };
        self.problems.push((entry.to_string(), message));
        None
    }

    pub(super) fn ms(&mut self, n: Num, entry: &str) -> Option<u64> {
        self.whole(n, entry, Whole::Ms)
    }

    /// A time that must be more than 0.
    pub(super) fn positive_ms(&mut self, n: Num, entry: &str) -> Option<u64> {
        match self.ms(n, entry)? {
            0 => {
                self.problem(entry, "found 0; expected a positive number of milliseconds");
                None
            }
            v => Some(v),
        }
    }

    /// `presence:` (or `SetPresence(…)`): `Pull`'s `every_ms` at least
    /// [`MIN_PULL_MS`], so that asking cannot flood a run.
    pub(super) fn presence(&mut self, p: PresenceSpec, entry: &str) -> Option<Presence> {
        match p {
            PresenceSpec::Off => Some(Presence::Off),
            PresenceSpec::Push => Some(Presence::Push),
            PresenceSpec::Pull { every_ms } => {
                let entry = format!("{entry}.every_ms");
                let every_ms = self.ms(every_ms, &entry)?;
                if every_ms < MIN_PULL_MS {
                    self.problem(
                        entry,
                        format!("found {every_ms}; expected at least {MIN_PULL_MS} milliseconds between two questions, like Pull(every_ms: 10000)"),
                    );
                    return None;
                }
                Some(Presence::Pull { every_ms })
            }
        }
    }

    pub(super) fn loss(&mut self, n: Num, entry: &str) -> f64 {
        let loss = n.real();
        if (0.0..1.0).contains(&loss) {
            return loss;
        }
        if !self.full() {
            let shown = self.written(n, entry);
            self.problems.push((
                entry.to_string(),
                format!(
                    "found {shown}; expected a probability from 0 up to (not including) 1, like 0.3"
                ),
            ));
        }
        0.0
    }

    /// An id where it is defined: not too long.
    pub(super) fn check_id(&mut self, id: &str, entry: impl Into<String>) {
        if let Some(n) = chars_over(id, MAX_ID_CHARS) {
            self.problem(
                entry,
                format!(
                    "found an id of {n} characters; expected at most {MAX_ID_CHARS}, like \"lilei\""
                ),
            );
        }
    }

    /// A text of one language or both: not too long.
    pub(super) fn check_plain(&mut self, text: &str, entry: impl Into<String>) {
        if let Some(n) = chars_over(text, MAX_TEXT_CHARS) {
            self.problem(
                entry,
                format!("found a text of {n} characters; expected at most {MAX_TEXT_CHARS}"),
            );
        }
    }

    /// A letter's words, a name, an expectation's text: not too long, and the same
    /// in every register (no story form).
    pub(super) fn check_text(&mut self, t: &TextSpec, entry: &str) {
        self.check_length(t, entry);
        if t.story.is_some() {
            self.problem(
                format!("{entry}.story"),
                "found a story form; expected none here: letters, names and expectations are the same in every register (a story form belongs to the title, about, a question, an answer or in_real_life)".to_string(),
            );
        }
    }

    /// One of the scene's own texts (the title, the about card): not too long,
    /// nor is its story form.
    pub(super) fn check_told(&mut self, t: &TextSpec, entry: &str) {
        self.check_length(t, entry);
        if let Some(story) = &t.story {
            self.check_length(story, &format!("{entry}.story"));
        }
    }

    pub(super) fn check_length(&mut self, t: &TextSpec, entry: &str) {
        let over = |s: &str| chars_over(s, MAX_TEXT_CHARS).is_some();
        if !over(&t.en) && !over(&t.zh) {
            return;
        }
        let en = format!("{entry}.en");
        if self.loc().exists(&en) {
            self.check_plain(&t.en, en);
            self.check_plain(&t.zh, format!("{entry}.zh"));
        } else {
            self.check_plain(&t.en, entry);
        }
    }

    /// A list with at most `max` entries.
    pub(super) fn check_count(&mut self, n: usize, max: usize, entry: &str, what: &str) {
        if n > max {
            self.problem(entry, format!("found {n} {what}; expected at most {max}"));
        }
    }

    /// A device an action is done on (issue 27): another device by its id, or
    /// a user's main phone by hers.
    pub(super) fn device(&mut self, id: &str, entry: String) -> Option<DeviceIdx> {
        match self.device_ids.get(id) {
            Some(&d) => Some(d),
            None => self.user(id, entry, Role::Phone).map(DeviceIdx::main),
        }
    }

    pub(super) fn user(&mut self, id: &str, entry: String, role: Role) -> Option<UserIdx> {
        if let Some(&d) = self.device_ids.get(id) {
            let owner = self.world.owner(d);
            let kind = match self.world.device_kind(d) {
                crate::sim::DeviceKind::Computer => "computer",
                crate::sim::DeviceKind::Phone => "phone",
            };
            let person = &self.world.person(owner);
            self.problem(
                entry,
                format!(
                    "found {id:?}, which is {}'s {kind}; expected a user: letters, friends and groups are addressed to people ({:?})",
                    person.name.en, person.id
                ),
            );
            return None;
        }
        match self.ids.get(id).copied() {
            Some(u) if role == Role::Phone && !self.world.person(u).registered => {
                self.problem(
                    entry,
                    format!("found {id:?}, which is listed in `unregistered` and has no phone; expected a user"),
                );
                None
            }
            Some(u) => Some(u),
            None if self.full() => None,
            None => {
                if let Some(n) = chars_over(id, MAX_ID_CHARS) {
                    self.problems.push((
                        entry,
                        format!("found an id of {n} characters, which is nobody's; expected at most {MAX_ID_CHARS}, like \"lilei\""),
                    ));
                    return None;
                }
                let (people, ids) = (&self.world.people, &self.ids);
                // The ids that stand, in file order: not a duplicate, not an empty one.
                let standing = || {
                    people.iter().enumerate().filter(move |(i, p)| {
                        (role == Role::Address || p.registered)
                            && ids.get(&*p.id).is_some_and(|u| u.index() == *i)
                    })
                };
                let candidates = standing().map(|(_, p)| &*p.id);
                let mut message = format!("unknown user {id:?}");
                if let Some(m) = suggest(id, candidates, &mut self.budget) {
                    message += &format!(" (did you mean {m:?}?)");
                }
                let slot = usize::from(role == Role::Address);
                let list = self.lists[slot].get_or_insert_with(|| {
                    let total = standing().count();
                    quoted_list(standing().map(|(_, p)| &*p.id), total)
                });
                if list.is_empty() {
                    message += "; expected a user listed in `users` (there are none)";
                } else {
                    message += &format!("; expected one of the users: {list},");
                }
                if role == Role::Address {
                    message += " or an id listed in `unregistered`";
                }
                message = message.trim_end_matches(',').to_string();
                self.problems.push((entry, message));
                None
            }
        }
    }

    pub(super) fn pair(&mut self, a: &str, b: &str, entry: &str) -> Option<(UserIdx, UserIdx)> {
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

    pub(super) fn group(&mut self, id: &str, entry: String) -> Option<GroupIdx> {
        if let Some(&g) = self.groups.get(id) {
            return Some(g);
        }
        if self.full() {
            return None;
        }
        if let Some(n) = chars_over(id, MAX_ID_CHARS) {
            self.problems.push((
                entry,
                format!("found an id of {n} characters, which is no group's; expected at most {MAX_ID_CHARS}, like \"class1\""),
            ));
            return None;
        }
        let ids = self.world.groups.iter().map(|g| &*g.id);
        let mut message = format!("unknown group {id:?}");
        if let Some(m) = suggest(id, ids.clone(), &mut self.budget) {
            message += &format!(" (did you mean {m:?}?)");
        }
        if self.world.groups.is_empty() {
            message += "; expected a group listed in `groups`, and there are none";
        } else {
            message += &format!(
                "; expected one of: {}",
                quoted_list(ids, self.world.groups.len())
            );
        }
        self.problems.push((entry, message));
        None
    }

    /// A text a person reads (a question, an answer, a note): not too long, and
    /// not empty in either language.
    pub(super) fn check_words(&mut self, t: &TextSpec, entry: &str, what: &str) {
        self.check_told(t, entry);
        self.check_not_empty(t, entry, what);
        if let Some(story) = &t.story {
            self.check_not_empty(story, &format!("{entry}.story"), what);
        }
    }

    pub(super) fn check_not_empty(&mut self, t: &TextSpec, entry: &str, what: &str) {
        for (words, lang) in [(&t.en, "en"), (&t.zh, "zh")] {
            if words.trim().is_empty() {
                let at = format!("{entry}.{lang}");
                let at = if self.loc().exists(&at) {
                    at
                } else {
                    entry.to_string()
                };
                let example = match what {
                    "an answer" => r#"(en: "The post office.", zh: "邮局。")"#,
                    "a note" => r#"(en: "WeChat shows no ticks.", zh: "微信不显示勾。")"#,
                    _ => r#"(en: "Who knows?", zh: "谁知道？")"#,
                };
                self.problem(
                    at,
                    format!("found an empty text; expected {what} in words, like {example}"),
                );
                return;
            }
        }
    }

    /// A step of the nine, by its number.
    pub(super) fn step_number(&mut self, n: Num, entry: &str) -> Option<crate::sim::Step> {
        if let Some(n) = n.whole()
            && (1..=9).contains(&n)
        {
            return Some(crate::sim::Step::ALL[n as usize - 1]);
        }
        if !self.full() {
            let shown = self.written(n, entry);
            self.problems.push((
                entry.to_string(),
                format!("found {shown}; expected a step from 1 to 9 (1 Edit, 2 Store, 3 Send, 4 Receive, 5 Verify, 6 Forward, 7 Receive, 8 Store, 9 Display)"),
            ));
        }
        None
    }

    /// A letter's `id:` (`script[3].do.id`): not empty, not too long, not another
    /// letter's (`first`: each good id and the entry that has it), and not like a
    /// letter's number (`lilei#2`). The id, when it is a good one.
    pub(super) fn letter_id(
        &mut self,
        id: &str,
        entry: &str,
        i: usize,
        first: &mut HashMap<String, usize>,
    ) -> Option<String> {
        let example = "like \"hi1\"";
        let message = if id.trim().is_empty() {
            format!("found an empty id; expected a name for the letter, {example}")
        } else if let Some(n) = chars_over(id, MAX_ID_CHARS) {
            format!("found an id of {n} characters; expected at most {MAX_ID_CHARS}, {example}")
        } else if let Some(&j) = first.get(id) {
            format!(
                "found {} a second time (script[{j}] has it first); expected every letter id once",
                quote(id)
            )
        } else if let Some(user) = self.looks_numbered(id) {
            format!(
                "found {}, which would be confused with the default names of {}'s letters ({}, {}, ...); expected an id that is not a user's id, `#` and a number, {example}",
                quote(id),
                quote(user),
                quote(&format!("{user}#1")),
                quote(&format!("{user}#2")),
            )
        } else {
            first.insert(id.to_string(), i);
            return Some(id.to_string());
        };
        self.problem(entry, message);
        None
    }

    /// The user whose letters' numbers `s` looks like (`lilei#2`, `lilei#02`: a
    /// user with a phone, `#`, and a number).
    fn looks_numbered<'s>(&self, s: &'s str) -> Option<&'s str> {
        let (user, n) = s.rsplit_once('#')?;
        let u = *self.ids.get(user)?;
        let digits = !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit());
        (self.world.person(u).registered && (digits || n.parse::<usize>().is_ok())).then_some(user)
    }

    /// The letter a question names: by its id (exactly) first, else, among the
    /// letters without an id, by its words (either language, as an expectation
    /// names one), or by its number (`lilei#2`: the sender's letters without an
    /// id, counted in the order they are written) where two letters have the same
    /// words. `letters`: the scene's letters in the order they are written; none
    /// where the script has mistakes of its own, so that a letter not found is not
    /// blamed on the question (its entry may be the broken one).
    pub(super) fn letter(
        &mut self,
        named: &TextSpec,
        entry: &str,
        letters: Option<&[ScriptLetter]>,
    ) -> Option<Letter> {
        if named.en.trim().is_empty() || named.zh.trim().is_empty() {
            self.problem(
                entry,
                "found an empty text; expected the words of a letter the script sends, like \"Hello!\"",
            );
            return None;
        }
        if chars_over(&named.en, MAX_TEXT_CHARS).is_some()
            || chars_over(&named.zh, MAX_TEXT_CHARS).is_some()
        {
            self.check_text(named, entry);
            return None;
        }
        let letters = letters?;
        let world = &self.world;
        let letter = |k: usize| Letter {
            from: letters[k].from,
            author: (world.owner(letters[k].from), world.slot(letters[k].from)),
            text: letters[k].text.clone(),
            nth: nth(letters, k),
            named: named.to_string(),
        };
        // An id.
        if named.plain
            && let Some(k) = letters
                .iter()
                .position(|l| l.id.as_deref() == Some(named.en.as_str()))
        {
            return Some(letter(k));
        }
        // Words, among the letters without an id.
        let found: Vec<usize> = (0..letters.len())
            .filter(|&k| letters[k].id.is_none() && named.matches(&letters[k].text))
            .collect();
        match found.as_slice() {
            [k] => return Some(letter(*k)),
            [] => {}
            many => {
                self.same_words(named, entry, letters, many);
                return None;
            }
        }
        // A number: `lilei#2`.
        if named.plain
            && let Some((id, n)) = named.en.rsplit_once('#')
            && let Some(u) = self
                .device_ids
                .get(id)
                .copied()
                .or_else(|| self.ids.get(id).map(|&u| DeviceIdx::main(u)))
            && let Ok(n) = n.parse::<usize>()
        {
            let theirs: Vec<usize> = (0..letters.len())
                .filter(|&k| letters[k].from == u && letters[k].id.is_none())
                .collect();
            if let Some(&k) = n.checked_sub(1).and_then(|i| theirs.get(i)) {
                return Some(letter(k));
            }
            let some_named = letters.iter().any(|l| l.from == u && l.id.is_some());
            let (without, goes) = match some_named {
                true => (
                    " without an id",
                    " (a letter with an id is named by its id)",
                ),
                false => ("", ""),
            };
            self.problem(
                entry,
                match theirs.len() {
                    0 => format!("found {named}, but {id:?} writes no letter{without} in the script; expected the number of a letter the script sends{goes}"),
                    1 => format!("found {named}, but {id:?} writes one letter{without} in the script; expected \"{id}#1\"{goes}"),
                    m => format!("found {named}, but {id:?} writes {m} letters{without} in the script; expected \"{id}#1\" to \"{id}#{m}\"{goes}"),
                },
            );
            return None;
        }
        // Words of letters that have an id: they go by it.
        let with_ids: Vec<usize> = (0..letters.len())
            .filter(|&k| letters[k].id.is_some() && named.matches(&letters[k].text))
            .collect();
        if !with_ids.is_empty() {
            let ids: Vec<String> = with_ids
                .iter()
                .map(|&k| {
                    let id = letters[k].id.as_deref().unwrap_or_default();
                    format!("{} (script[{}])", quote(id), letters[k].entry)
                })
                .collect();
            self.problem(
                entry,
                match ids.len() {
                    1 => format!("found {named}, the words of the letter {}, which has an id; expected its id, {} (a letter with an id is named by its id)", ids[0], quote(letters[with_ids[0]].id.as_deref().unwrap_or_default())),
                    n => format!("found {named}, the words of {n} letters with ids: {}; expected one of their ids (a letter with an id is named by its id)", list_and(&ids)),
                },
            );
            return None;
        }
        self.unknown_letter(named, entry, letters);
        None
    }

    /// Notes that the words `named` are those of several letters (`many`, without
    /// ids): each with its number.
    fn same_words(
        &mut self,
        named: &TextSpec,
        entry: &str,
        letters: &[ScriptLetter],
        many: &[usize],
    ) {
        // The letter's number among its sender's letters without an id, from 1.
        let number = |k: usize| {
            let from = letters[k].from;
            1 + letters[..k]
                .iter()
                .filter(|l| l.from == from && l.id.is_none())
                .count()
        };
        let ids: Vec<String> = many
            .iter()
            .map(|&k| {
                format!(
                    "{}#{} (script[{}])",
                    self.world.device_id(letters[k].from),
                    number(k),
                    letters[k].entry
                )
            })
            .collect();
        let example = format!(
            "{}#{}",
            self.world.device_id(letters[many[1]].from),
            number(many[1])
        );
        self.problem(
            entry,
            format!(
                "found {named}, the words of {} letters: {}; expected one letter: name it by its number instead, like {example:?}",
                many.len(),
                list_and(&ids)
            ),
        );
    }

    /// Notes that no letter of the script has the words or the id `named`: with
    /// the nearest words or id, and the words and ids the script's letters have.
    fn unknown_letter(&mut self, named: &TextSpec, entry: &str, letters: &[ScriptLetter]) {
        if self.full() {
            return;
        }
        let mut message = format!("unknown letter {}", shorten(&named.to_string(), 60));
        let unnamed = || letters.iter().filter(|l| l.id.is_none());
        let ids: Vec<&str> = letters.iter().filter_map(|l| l.id.as_deref()).collect();
        let words = unnamed()
            .flat_map(|l| [&*l.text.en, &*l.text.zh])
            .filter(|w| !w.is_empty())
            .chain(ids.iter().copied());
        if let Some(m) = suggest(&named.en, words, &mut self.budget) {
            message += &format!(" (did you mean {:?}?)", shorten(m, 40));
        }
        let id_list = quoted_list(ids.iter().copied(), ids.len());
        if letters.is_empty() {
            message += "; expected a letter the script sends, and it sends none";
        } else if let Some(first) = unnamed().next() {
            let mut seen: Vec<String> = Vec::new();
            for l in unnamed() {
                let words = shorten(&l.text.en, 40);
                if !seen.contains(&words) {
                    seen.push(words);
                }
            }
            message += &format!(
                "; expected the words of a letter the script sends: {}, {}its number, like \"{}#1\"",
                quoted_list(seen.iter().map(String::as_str), seen.len()),
                if ids.is_empty() { "or " } else { "" },
                self.world.device_id(first.from)
            );
            if !ids.is_empty() {
                message += &format!(", or its id: {id_list}");
            }
        } else {
            message += &format!("; expected the id of a letter the script sends: {id_list}");
        }
        self.problems.push((entry.to_string(), message));
    }
}

/// Among the letters before `letters[k]`, how many are from its sender with its
/// very words (0: it is the first): how a trace tells it apart ([`Letter::nth`]).
pub(super) fn nth(letters: &[ScriptLetter], k: usize) -> usize {
    let l = &letters[k];
    letters[..k]
        .iter()
        .filter(|o| o.from == l.from && o.text == l.text)
        .count()
}
