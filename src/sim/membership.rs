//! Who is in each group now: the post office's group register, which `Join` and
//! `Leave` change during a story (the scene's `groups` are only where it starts).
//!
//! The rule: a group letter is addressed to the members the post office has at
//! the moment it accepts the letter (step 5). A member who joins later never gets
//! the letters accepted before (as in WeChat and WhatsApp, new members see no
//! history); one who leaves after a letter was accepted still gets that letter
//! (it is already addressed to them, perhaps on the shelf). A letter from someone
//! who is no longer a member comes back (`NotInGroup`).

use super::trace::{Event, What};
use super::world::{GroupIdx, UserIdx, World};

/// Each group's members now, in the order they joined (the scene's first).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Members {
    groups: Vec<Vec<UserIdx>>,
}

impl Members {
    /// The members the scene's groups start with.
    pub fn of(world: &World) -> Members {
        Members {
            groups: world.groups.iter().map(|g| g.members.clone()).collect(),
        }
    }

    /// The members of `g` now (none for a group that does not exist).
    pub fn members(&self, g: GroupIdx) -> &[UserIdx] {
        self.groups.get(g.0 as usize).map_or(&[], Vec::as_slice)
    }

    /// Whether `u` is a member of `g` now.
    pub fn contains(&self, g: GroupIdx, u: UserIdx) -> bool {
        self.members(g).contains(&u)
    }

    /// `u` joins `g`: whether that changed anything (not already a member).
    pub fn join(&mut self, g: GroupIdx, u: UserIdx) -> bool {
        match self.groups.get_mut(g.0 as usize) {
            Some(list) if !list.contains(&u) => {
                list.push(u);
                true
            }
            _ => false,
        }
    }

    /// `u` leaves `g`: whether that changed anything (was a member).
    pub fn leave(&mut self, g: GroupIdx, u: UserIdx) -> bool {
        match self.groups.get_mut(g.0 as usize) {
            Some(list) => match list.iter().position(|&m| m == u) {
                Some(i) => {
                    list.remove(i);
                    true
                }
                None => false,
            },
            None => false,
        }
    }

    /// The members after `events` (a trace's joins and leaves), starting from the
    /// scene's groups.
    pub fn after(world: &World, events: &[Event]) -> Members {
        let mut m = Members::of(world);
        for e in events {
            m.apply(e);
        }
        m
    }

    /// One event of a trace: a join or a leave changes the members.
    pub fn apply(&mut self, e: &Event) {
        match e.what {
            What::Joined { user, group } => {
                self.join(group, user);
            }
            What::Left { user, group } => {
                self.leave(group, user);
            }
            _ => {}
        }
    }

    /// Everyone who was a member of `g` at some time of `events`: the scene's
    /// members, then those who joined, each once. A conversation's screens.
    pub fn ever(world: &World, g: GroupIdx, events: &[Event]) -> Vec<UserIdx> {
        let mut all = Members::of(world).members(g).to_vec();
        for e in events {
            if let What::Joined { user, group } = e.what
                && group == g
                && !all.contains(&user)
            {
                all.push(user);
            }
        }
        all
    }
}
