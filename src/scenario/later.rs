//! Script actions checked against the rest of the script, once it is sorted:
//! `Resend(letter: …)` names a letter the script sends, and comes after it; a
//! `Join` is of someone who is not a member at that moment, a `Leave` of someone
//! who is (the script alone decides who is a member when, so these are mistakes
//! in the file, not things that happen). A `CloseApp` is of a phone whose app is
//! open, an `OpenApp` of one whose app is closed; a `Login` or `Logout` is not of
//! a closed app (`OpenApp` opens it).

use super::check::{Builder, ScriptLetter, nth};
use super::error::quote;
use crate::sim::{Action, DeviceIdx, GroupIdx, Members, OwnLetter, Time, UserIdx};

/// A script entry being built: its time, its entry in the file, its action, and
/// the id of the letter it writes.
pub(super) type Entry = (Time, usize, Action, Option<String>);

impl Builder<'_, '_> {
    /// Finds each `Resend`'s letter among `letters` (the script's, in the order
    /// they are written; `whole`: the script has no mistake so far) and checks its
    /// moment; checks each `Join` and `Leave` against the members at its moment.
    /// A `Resend` whose letter is not found is taken out of the script.
    pub(super) fn later_actions(
        &mut self,
        script: &mut Vec<Entry>,
        letters: &[ScriptLetter],
        whole: bool,
    ) {
        let known = whole.then_some(letters);
        let times: Vec<Time> = script.iter().map(|e| e.0).collect();
        let mut keep = Vec::with_capacity(script.len());
        for (k, (at, i, action, _)) in script.iter_mut().enumerate() {
            let (pick, name) = match action {
                Action::Resend(pick) => (pick, "Resend"),
                Action::Recall(pick) => (pick, "Recall"),
                _ => {
                    keep.push(true);
                    continue;
                }
            };
            let ok = match self.resend(pick, name, (*i, k, *at), known, &times) {
                Some(found) => {
                    *pick = found;
                    true
                }
                None => false,
            };
            keep.push(ok);
        }
        let mut k = 0;
        script.retain(|_| {
            k += 1;
            keep[k - 1]
        });
        self.memberships(script);
        self.apps(script);
        self.chats(script);
    }

    /// The letter a `Resend` (script entry `i`, at place `k` of the sorted
    /// script, at `at`) names, if the script sends it before.
    fn resend(
        &mut self,
        pick: &OwnLetter,
        name: &str,
        (i, k, at): (usize, usize, Time),
        known: Option<&[ScriptLetter]>,
        times: &[Time],
    ) -> Option<OwnLetter> {
        let named = super::action::text_spec(&pick.named);
        let entry = format!("script[{i}].do.letter");
        let letter = self.letter(&named, &entry, known)?;
        let letters = known?;
        let j = (0..letters.len()).find(|&j| {
            letters[j].from == letter.from
                && letters[j].text == letter.text
                && nth(letters, j) == letter.nth
        })?;
        let sent = &letters[j];
        if sent.action > k {
            let when = times[sent.action];
            let message = if when == at {
                format!(
                    "found {at}, the moment the letter {} is sent, but before its `Send` (script[{}]) in the file; expected the `{name}` after the `Send`",
                    letter.named, sent.entry
                )
            } else {
                format!(
                    "found {at}, before the letter {} is sent (script[{}], at_ms: {}); expected a moment after it is sent{}",
                    letter.named,
                    sent.entry,
                    when,
                    match name {
                        "Recall" => ", when the post office may have it",
                        _ => ", when its phone may have given it up",
                    }
                )
            };
            self.problem(format!("script[{i}].at_ms"), message);
            return None;
        }
        Some(OwnLetter {
            from: letter.from,
            text: letter.text,
            nth: letter.nth as u32,
            named: pick.named.clone(),
        })
    }

    /// Each `Join` and `Leave` of the sorted script against the members at its
    /// moment: the scene's `groups`, changed by the entries before it.
    fn memberships(&mut self, script: &[Entry]) {
        let mut members = Members::of(&self.world);
        // Who last joined or left each group, and in which entry.
        let mut last: Vec<(GroupIdx, UserIdx, usize)> = Vec::new();
        for (_, i, action, _) in script {
            let Action::Membership { user, group, join } = *action else {
                continue;
            };
            let changed = match join {
                true => members.join(group, user),
                false => members.leave(group, user),
            };
            if changed {
                last.retain(|&(g, u, _)| (g, u) != (group, user));
                last.push((group, user, *i));
                continue;
            }
            let since = last
                .iter()
                .find(|&&(g, u, _)| (g, u) == (group, user))
                .map(|&(_, _, e)| e);
            let who = quote(&self.world.person(user).id);
            let g = quote(&self.world.group(group).id);
            let message = match (join, since) {
                (true, None) => format!(
                    "found {who}, who is a member of {g} from the start; expected someone who is not a member of {g}"
                ),
                (true, Some(e)) => format!(
                    "found {who}, who is a member of {g} since script[{e}]; expected someone who is not a member of {g} at that moment"
                ),
                (false, None) => format!(
                    "found {who}, who is not a member of {g}; expected a member of {g} at that moment: {}",
                    self.member_list(&members, group)
                ),
                (false, Some(e)) => format!(
                    "found {who}, who left {g} at script[{e}]; expected a member of {g} at that moment: {}",
                    self.member_list(&members, group)
                ),
            };
            self.problem(format!("script[{i}].do.user"), message);
        }
    }

    /// The members of `g` now, quoted, or a note that there are none.
    fn member_list(&self, members: &Members, g: GroupIdx) -> String {
        let ids: Vec<String> = members
            .members(g)
            .iter()
            .map(|&u| quote(&self.world.person(u).id))
            .collect();
        match ids.is_empty() {
            true => "it has none".to_string(),
            false => ids.join(", "),
        }
    }
}

/// A phone's app as the sorted script leaves it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum App {
    LoggedOut,
    Open,
    Closed,
}

impl Builder<'_, '_> {
    /// Each `CloseApp`, `OpenApp`, `Login` and `Logout` of the sorted script
    /// against the app's state at its moment (every phone starts logged out).
    fn apps(&mut self, script: &[Entry]) {
        // Per phone: its app, and the entry that last changed it.
        let mut apps: Vec<(DeviceIdx, App, usize)> = Vec::new();
        for (_, i, action, _) in script {
            let (u, field, next) = match *action {
                Action::Login(u) => (u, "[0]", App::Open),
                Action::Logout(u) => (u, "[0]", App::LoggedOut),
                Action::CloseApp(u) => (u, ".user", App::Closed),
                Action::OpenApp(u) => (u, ".user", App::Open),
                _ => continue,
            };
            let k = apps.iter().position(|a| a.0 == u);
            let (now, since) = k.map_or((App::LoggedOut, None), |k| (apps[k].1, Some(apps[k].2)));
            let who = quote(self.world.device_id(u));
            let since = since.map_or(String::new(), |e| format!(" since script[{e}]"));
            let wrong = match (action, now) {
                (Action::CloseApp(_), App::Closed) => Some(format!(
                    "found {who}, whose app is closed{since}; expected a phone whose app is open"
                )),
                (Action::CloseApp(_), App::LoggedOut) => Some(format!(
                    "found {who}, who is logged out{since}; expected a phone whose app is open (`Login` first)"
                )),
                (Action::OpenApp(_), App::Open) => Some(format!(
                    "found {who}, whose app is open{since}; expected a phone whose app was closed (`CloseApp`)"
                )),
                (Action::OpenApp(_), App::LoggedOut) => Some(format!(
                    "found {who}, who is logged out{since}; expected a phone whose app was closed (`CloseApp`), or a `Login`"
                )),
                (Action::Login(_), App::Closed) => Some(format!(
                    "found {who}, whose app is closed{since} with the account logged in; expected `OpenApp(user: {who})`"
                )),
                (Action::Logout(_), App::Closed) => Some(format!(
                    "found {who}, whose app is closed{since}; expected `OpenApp(user: {who})` before logging out"
                )),
                _ => None,
            };
            match wrong {
                Some(message) => self.problem(format!("script[{i}].do{field}"), message),
                None => match k {
                    Some(k) => apps[k] = (u, next, *i),
                    None => apps.push((u, next, *i)),
                },
            }
        }
    }
}
