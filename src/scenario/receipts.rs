//! Issue 25's part of a scene file: the `read_receipts:` setting (whose setting,
//! and who turned them off), the `OpenChat` and `CloseChat` actions, and their
//! checks against the sorted script: a group chat is opened only by a member of
//! the group at that moment, and a chat is closed only while one is open.

use super::check::{Builder, Role};
use super::error::quote;
use super::later::Entry;
use super::spec::ReadReceiptsSpec;
use crate::sim::{Action, Dest, DeviceIdx, Members, ReadReceipts, UserIdx};

impl Builder<'_, '_> {
    /// `read_receipts:`: the mode, and the people who turned them off (each a
    /// user, checked).
    pub(super) fn receipts(&mut self, spec: &ReadReceiptsSpec) -> (ReadReceipts, Vec<UserIdx>) {
        let (mode, off) = match spec {
            ReadReceiptsSpec::Off => (ReadReceipts::Off, &[][..]),
            ReadReceiptsSpec::On => (ReadReceipts::On, &[][..]),
            ReadReceiptsSpec::Mutual { off } => (ReadReceipts::Mutual, &off[..]),
            ReadReceiptsSpec::Reader { off } => (ReadReceipts::Reader, &off[..]),
        };
        let mut users = Vec::with_capacity(off.len());
        for (i, id) in off.iter().enumerate() {
            let entry = format!("read_receipts.off[{i}]");
            let Some(u) = self.user(id, entry.clone(), Role::Phone) else {
                continue;
            };
            if users.contains(&u) {
                self.problem(
                    entry,
                    format!(
                        "found {}, listed twice; expected each person once",
                        quote(id)
                    ),
                );
                continue;
            }
            users.push(u);
        }
        (mode, users)
    }

    /// `Read(by: …, from: …, …)` or `NotRead(…)`: two different phones.
    pub(super) fn read_expectation(&mut self, by: &str, from: &str, at: &str) {
        let a = self.user(by, format!("{at}.by"), Role::Phone);
        let b = self.user(from, format!("{at}.from"), Role::Phone);
        if a.is_some() && a == b {
            self.problem(
                format!("{at}.by"),
                format!(
                    "found {}, the writer; expected someone the letter went to",
                    quote(by)
                ),
            );
        }
    }

    /// `OpenChat(user: …, with: …)` or `OpenChat(user: …, group: …)`: exactly one
    /// of the two; `with` someone else.
    pub(super) fn open_chat(
        &mut self,
        user: &str,
        with: Option<&str>,
        group: Option<&str>,
        at: &str,
    ) -> Option<Action> {
        let u = self.device(user, format!("{at}.user"));
        let chat = match (with, group) {
            (Some(x), None) => {
                let x_at = format!("{at}.with");
                let other = self.user(x, x_at.clone(), Role::Phone)?;
                if Some(other) == u.map(|d| self.world.owner(d)) {
                    self.problem(
                        x_at,
                        format!("found {}, the one opening the chat; expected someone else to chat with", quote(x)),
                    );
                    return None;
                }
                Dest::User(other)
            }
            (None, Some(g)) => Dest::Group(self.group(g, format!("{at}.group"))?),
            (w, _) => {
                let found = match w {
                    Some(_) => "both `with` and `group`",
                    None => "neither `with` nor `group`",
                };
                self.problem(
                    at.to_string(),
                    format!("found {found}; expected one chat: `OpenChat(user: \"hanmeimei\", with: \"lilei\")` or `OpenChat(user: \"hanmeimei\", group: \"class1\")`"),
                );
                return None;
            }
        };
        Some(Action::OpenChat(u?, chat))
    }

    /// Each `OpenChat` of a group against its members at that moment, and each
    /// `CloseChat` against the chat the sorted script leaves open (every phone
    /// starts on its chat list).
    pub(super) fn chats(&mut self, script: &[Entry]) {
        let mut members = Members::of(&self.world);
        // Per phone: the entry that opened its chat, or that closed it.
        let mut open: Vec<(DeviceIdx, Option<usize>, usize)> = Vec::new();
        for (_, i, action, _) in script {
            match *action {
                Action::Membership { user, group, join } => {
                    let _ = match join {
                        true => members.join(group, user),
                        false => members.leave(group, user),
                    };
                }
                Action::OpenChat(u, chat) => {
                    if let Dest::Group(g) = chat
                        && !members.members(g).contains(&self.world.owner(u))
                    {
                        let who = quote(self.world.device_id(u));
                        let gq = quote(&self.world.group(g).id);
                        self.problem(
                            format!("script[{i}].do.group"),
                            format!("found {gq}, of which {who} is not a member at that moment; expected a group {who} is in"),
                        );
                    }
                    open.retain(|o| o.0 != u);
                    open.push((u, Some(*i), *i));
                }
                Action::CloseChat(u) => {
                    let k = open.iter().position(|o| o.0 == u);
                    if let Some(k) = k.filter(|&k| open[k].1.is_some()) {
                        open[k] = (u, None, *i);
                        continue;
                    }
                    let who = quote(self.world.device_id(u));
                    let since = match k {
                        Some(k) => format!(" since script[{}]", open[k].2),
                        None => String::new(),
                    };
                    self.problem(
                        format!("script[{i}].do.user"),
                        format!("found {who}, whose phone shows the chat list{since} (no chat open); expected a phone with a chat open (`OpenChat` first)"),
                    );
                }
                _ => {}
            }
        }
    }
}
