//! A device's key (issue 28, `sealed: true`): what opens the letters sealed for
//! its owner (see `sim/seal.rs`).
//!
//! Only a phone holds a key. [`Key`]'s fields are private and its constructor
//! is `pub(super)` here, that is visible only inside `crate::sim::phone` (the
//! same as `pub(in crate::sim::phone)`, written so that the path is no import
//! for `tests/layers.rs`): the post office, the push service, the view,
//! the words, the reports and the window can name the type but never make one,
//! so [`crate::sim::seal::Sealed::open`] is out of their reach. That is the whole
//! of "why the post office cannot read": no real cryptography, a key nobody on
//! the post office's side of the code can make.
//!
//! When a device makes its key: a person's main phone has had its key since
//! before the story began (time 0: it was set up long ago); another device
//! (issue 27) makes its key as it logs in for the first time (its first login
//! attempt: the key goes up to the key directory with the login). A new phone
//! therefore has a new key, and a device that "lost its key" is a new device: it
//! cannot open the letters sealed before its key was made. What it holds of
//! them it can only be handed, opened, by another device of its owner
//! (`MoveChats`).

use crate::sim::world::{DeviceIdx, Time, UserIdx};

/// A device's key: whose it is, and when it was made.
#[derive(Clone, PartialEq, Eq)]
pub struct Key {
    owner: UserIdx,
    device: DeviceIdx,
    made_at: Time,
}

impl std::fmt::Debug for Key {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "key of device {} made at {}",
            self.device.0, self.made_at
        )
    }
}

impl Key {
    /// A new key for `device` of `owner`, made at `at`: only a phone makes one
    /// (visible inside `crate::sim::phone` only).
    pub(super) fn make(owner: UserIdx, device: DeviceIdx, at: Time) -> Key {
        Key {
            owner,
            device,
            made_at: at,
        }
    }

    /// Whose key it is.
    pub fn owner(&self) -> UserIdx {
        self.owner
    }

    /// The device that holds it.
    pub fn device(&self) -> DeviceIdx {
        self.device
    }

    /// When it was made: letters sealed before cannot be opened with it.
    pub fn made_at(&self) -> Time {
        self.made_at
    }
}
