//! Sealed letters (issue 28): end-to-end encryption, without real cryptography.
//!
//! With `sealed: true` a letter's words travel sealed: the writing phone seals
//! them for the letter's people (its writer and its addressee, or a group's
//! members) as it first sends the letter, and from then on every copy outside
//! the phones — on the wire, at the counter, in the archive, on the shelf, in a
//! notification through the push service — is a [`Words::Sealed`]. The post
//! office still sees what is outside the seal, on the envelope: who writes to
//! whom (`Envelope::id`, `Envelope::to`), when, the letter's place in its
//! conversation, and how big the sealed words are ([`Sealed::bytes`]).
//!
//! **Why the post office cannot read.** The words inside a [`Sealed`] are a
//! private field; the one way to them is [`Sealed::open`], which takes a
//! [`Key`]. A `Key` has private fields and its one constructor is visible only
//! inside `crate::sim::phone` (`pub(super)` in `sim/phone/key.rs`): the post office
//! (`crate::sim::post_office`), the push service, the view, the words, the
//! reports and the window can name the type but never make one, so no code on
//! their side can open a letter. A sealed letter's `Debug` prints only
//! "sealed, N bytes", so formatting the post office's whole state (its archive,
//! its shelf) shows no words either (`tests/seal.rs`).
//!
//! **Who can open.** A sealed letter opens for a key whose owner is one of its
//! people and which was made at or before the moment of sealing. This stands for
//! the writing phone having fetched its people's device keys from the post
//! office's key directory as it sealed: a device whose key is newer (a new phone,
//! a computer logged in for the first time, a group member who joined later)
//! was not in the directory then, and cannot open the letter. See
//! `sim/phone/key.rs` for when a device makes its key.

use std::fmt;
use std::sync::Arc;

use super::phone::key::Key;
use super::world::{Text, Time, UserIdx};

/// A letter's words: readable by anyone who holds the envelope (a postcard),
/// or sealed for its people.
#[derive(Clone, PartialEq, Debug)]
pub enum Words {
    /// The words in the open, in both languages when the scene gives both
    /// (shared: one pointer, so that a large run's letters stay small). Every
    /// letter of a scene without `sealed: true`, and a phone's own copy.
    Postcard(Arc<Text>),
    /// Sealed (issue 28): only [`Sealed::open`] with a fitting [`Key`] gives
    /// the words.
    Sealed(Sealed),
}

impl Words {
    /// The words, for a postcard; `None` for a sealed letter.
    pub fn text(&self) -> Option<&Arc<Text>> {
        match self {
            Words::Postcard(t) => Some(t),
            Words::Sealed(_) => None,
        }
    }

    /// The seal, for a sealed letter.
    pub fn sealed(&self) -> Option<&Sealed> {
        match self {
            Words::Postcard(_) => None,
            Words::Sealed(s) => Some(s),
        }
    }
}

/// Sealed words: who they are sealed for, when, and how big, with the words
/// out of reach of everyone without a fitting [`Key`].
#[derive(Clone, PartialEq)]
pub struct Sealed(Arc<Inside>);

#[derive(PartialEq)]
struct Inside {
    text: Arc<Text>,
    /// The people it is sealed for, sorted.
    people: Vec<UserIdx>,
    sealed_at: Time,
    bytes: u32,
}

impl fmt::Debug for Sealed {
    /// "sealed, N bytes": never the words (the invariant test formats the post
    /// office's whole state).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "sealed, {} bytes", self.0.bytes)
    }
}

/// How many bytes `text` takes sealed: the words' UTF-8 bytes, both languages
/// when the scene gives two different ones (the sealed letter carries both, as
/// the letter the writer typed does), once when it gives one plain string.
pub fn bytes_of(text: &Text) -> u32 {
    let en = text.en.len();
    let both = match text.en == text.zh {
        true => en,
        false => en + text.zh.len(),
    };
    both.min(u32::MAX as usize) as u32
}

impl Sealed {
    /// Seals `text` at `at` for `people` (anyone may seal, as anyone may use a
    /// public key: what a phone fetched from the key directory).
    pub fn seal(text: Arc<Text>, people: impl IntoIterator<Item = UserIdx>, at: Time) -> Sealed {
        let mut people: Vec<UserIdx> = people.into_iter().collect();
        people.sort_unstable();
        people.dedup();
        let bytes = bytes_of(&text);
        Sealed(Arc::new(Inside {
            text,
            people,
            sealed_at: at,
            bytes,
        }))
    }

    /// The words, for a key that fits: its owner is one of the letter's people
    /// and it was made at or before the sealing. The only way to the words.
    pub fn open(&self, key: &Key) -> Option<&Arc<Text>> {
        let fits =
            self.0.people.binary_search(&key.owner()).is_ok() && key.made_at() <= self.0.sealed_at;
        fits.then_some(&self.0.text)
    }

    /// How big the sealed words are (what the post office can see of them).
    pub fn bytes(&self) -> u32 {
        self.0.bytes
    }

    /// The people it is sealed for, sorted (whose devices' keys the writing
    /// phone fetched).
    pub fn people(&self) -> &[UserIdx] {
        &self.0.people
    }

    /// When it was sealed: keys made later do not open it.
    pub fn sealed_at(&self) -> Time {
        self.0.sealed_at
    }
}
