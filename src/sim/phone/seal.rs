//! A phone's part in a sealed scene (issue 28, `sealed: true`): it makes its
//! key (see `key.rs`, which says why only a phone can), seals the letters it
//! sends for their people, and opens those it gets with its key.
//!
//! The writing phone seals for its letter's people as the key directory has
//! them when it seals: the directory is the post office's group register,
//! handed to every phone of a sealed scene (and again when it changes).

use std::sync::Arc;

use super::Phone;
use super::key::Key;
use crate::sim::effects::Out;
use crate::sim::frame::{Envelope, MsgId};
use crate::sim::membership::Members;
use crate::sim::seal::{Sealed, Words};
use crate::sim::trace::What;
use crate::sim::world::{Dest, Time, UserIdx};

/// A phone's part in a sealed scene: boxed in [`Phone`], so that a scene
/// without `sealed: true` stays as it was.
#[derive(Clone, Debug)]
pub struct SealSide {
    /// `None` until the device makes it (its first login attempt).
    key: Option<Key>,
    /// The key directory: who is in each group, for sealing a group letter.
    directory: Arc<Members>,
}

impl Phone {
    /// `sealed: true`: this phone seals its letters and opens those it gets. A
    /// person's main phone has its key from the start (time 0).
    pub fn start_sealing(&mut self, main: bool, directory: Arc<Members>) {
        let key = main.then(|| Key::make(self.user, self.device, 0));
        self.seal = Some(Box::new(SealSide { key, directory }));
    }

    /// The key directory changed (someone joined or left a group).
    pub fn new_directory(&mut self, directory: Arc<Members>) {
        if let Some(side) = &mut self.seal {
            side.directory = directory;
        }
    }

    /// Whether this phone seals its letters (`sealed: true`).
    pub fn seals(&self) -> bool {
        self.seal.is_some()
    }

    /// Whether this device has made its key yet.
    pub fn has_key(&self) -> bool {
        self.seal.as_ref().is_some_and(|s| s.key.is_some())
    }

    /// A device logging in makes its key, if it has none yet.
    pub(super) fn make_key(&mut self, now: Time) {
        let (owner, device) = (self.user, self.device);
        if let Some(side) = &mut self.seal
            && side.key.is_none()
        {
            side.key = Some(Key::make(owner, device, now));
        }
    }

    /// The letter as it leaves for the post office: sealed at `now` for its
    /// people in a sealed scene (its writer and addressee, or the group's
    /// members the directory has now); as it is otherwise, or when it is sealed
    /// already.
    pub(super) fn sealed_for_sending(&self, now: Time, env: Arc<Envelope>) -> Arc<Envelope> {
        let (Some(side), Some(text)) = (&self.seal, env.text()) else {
            return env;
        };
        let people: Vec<UserIdx> = match env.to {
            Dest::User(to) => vec![env.from(), to],
            Dest::Group(g) => {
                let mut p = side.directory.members(g).to_vec();
                p.push(env.from());
                p
            }
        };
        let sealed = Sealed::seal(text.clone(), people, now);
        Arc::new(Envelope {
            words: Words::Sealed(sealed),
            ..(*env).clone()
        })
    }

    /// The letter opened with this phone's key, if it is sealed and the key
    /// fits: `Ok` with the copy to keep and show (a postcard: the phone keeps
    /// the words, as real apps do); `Err` with the sealed letter when it cannot
    /// be opened here. A postcard is `Ok` as it is.
    pub(super) fn open(&self, env: &Arc<Envelope>) -> Result<Arc<Envelope>, Arc<Envelope>> {
        let Some(sealed) = env.words.sealed() else {
            return Ok(env.clone());
        };
        let key = self.seal.as_ref().and_then(|s| s.key.as_ref());
        match key.and_then(|k| sealed.open(k)) {
            Some(text) => Ok(Arc::new(Envelope {
                words: Words::Postcard(text.clone()),
                ..(**env).clone()
            })),
            None => Err(env.clone()),
        }
    }

    /// `env`, opened, is a letter this phone holds sealed (it could not open
    /// it): it keeps the opened copy instead; whether it did.
    pub(super) fn unlock(&mut self, env: &Arc<Envelope>) -> bool {
        if env.sealed().is_some() || env.is_torn() {
            return false;
        }
        let Some(record) = self
            .db
            .iter()
            .position(|e| e.id == env.id && e.sealed().is_some())
        else {
            return false;
        };
        let place = self.db[record].place.max(env.place);
        self.db[record] = Arc::new(Envelope {
            place,
            ..(**env).clone()
        });
        true
    }

    /// One of this phone's own letters as its home mailbox keeps it (the
    /// words), for its own events about it: `env` itself unless it is the
    /// sealed copy sent.
    pub(super) fn as_written(&self, env: &Arc<Envelope>) -> Arc<Envelope> {
        if env.sealed().is_none() {
            return env.clone();
        }
        self.db
            .iter()
            .rev()
            .find(|e| e.id == env.id && e.text().is_some())
            .cloned()
            .unwrap_or_else(|| env.clone())
    }

    /// Letters this phone holds sealed and cannot open, in the chat's order.
    pub fn cannot_open(&self) -> Vec<MsgId> {
        self.chat
            .iter()
            .filter(|b| self.db[b.record as usize].words.sealed().is_some())
            .map(|b| b.id)
            .collect()
    }

    /// Says that this device could not open `letters` (sealed before its key
    /// was made), if there are any.
    pub(super) fn tell_cannot_open(
        &self,
        now: Time,
        env: Option<&Arc<Envelope>>,
        letters: Vec<MsgId>,
        out: &mut Out,
    ) {
        if letters.is_empty() {
            return;
        }
        let letters: Arc<[MsgId]> = letters.into();
        out.note(now, self.actor(), env, What::CannotOpen { letters });
    }
}
