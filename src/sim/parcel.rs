//! Parcels (issue 26): a photo or a voice message goes apart from its letter.
//!
//! The writer's phone uploads the parcel in parts to the parcel store (a room of
//! the post office: `post_office/parcel.rs`) on its own wire (`parcel_wire.rs`),
//! and the letter (`msg:R`, as any letter) carries only a pickup slip ([`Slip`]):
//! what the parcel is, how big, in how many parts, and for a photo a small
//! thumbnail. An addressee's phone shows the letter with the thumbnail and fetches
//! the parcel from the store when it shows it (`phone/parcel.rs`).
//!
//! This file holds the values every part of the simulation shares: what a parcel
//! is, its slip, and the arithmetic of its parts.

use super::world::Time;

/// The largest parcel a scene may send, in kB (about a gigabyte).
pub const MAX_PARCEL_KB: u32 = 1_000_000;

/// The longest voice message a scene may send, in seconds (an hour).
pub const MAX_VOICE_SECONDS: u32 = 3_600;

/// The fastest parcel wire a scene may have, in kB a second (10 GB/s).
pub const MAX_BANDWIDTH: u32 = 10_000_000;

/// The most parts a parcel may be cut into (`kb / part_kb`, rounded up).
pub const MAX_PARTS: u32 = 10_000;

/// What a parcel is.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum ParcelKind {
    /// A photo: the letter carries a small thumbnail of it.
    Photo,
    /// A voice message, `seconds` long.
    Voice { seconds: u32 },
}

/// A photo or a voice message, `kb` kilobytes.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct Parcel {
    pub kind: ParcelKind,
    pub kb: u32,
}

/// The pickup slip a letter carries instead of its parcel: what it is, how big,
/// and in how many parts it waits in the parcel store (the letter's id names it
/// there: one parcel per letter). A photo's slip carries its thumbnail too: a few
/// kB that travel with the letter (the simulation gives them no time of their own).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct Slip {
    pub parcel: Parcel,
    pub parts: u32,
}

impl Slip {
    /// The slip of `parcel`, cut into parts of `part_kb`.
    pub fn of(parcel: Parcel, part_kb: u32) -> Slip {
        Slip {
            parcel,
            parts: parts(parcel.kb, part_kb),
        }
    }

    /// Whether the slip carries a thumbnail (a photo's does).
    pub fn thumbnail(&self) -> bool {
        self.parcel.kind == ParcelKind::Photo
    }

    /// The size of part `part` (from 1) in kB.
    pub fn part_kb(&self, part: u32, part_kb: u32) -> u32 {
        part_size(self.parcel.kb, part_kb, part)
    }
}

/// Whether a parcel keeps to the format's limits (some size, at most
/// [`MAX_PARCEL_KB`], in at most [`MAX_PARTS`] parts of `part_kb`; a voice
/// message some seconds, at most [`MAX_VOICE_SECONDS`]).
pub fn fits(p: &Parcel, part_kb: u32) -> bool {
    let seconds = match p.kind {
        ParcelKind::Photo => true,
        ParcelKind::Voice { seconds } => (1..=MAX_VOICE_SECONDS).contains(&seconds),
    };
    seconds && (1..=MAX_PARCEL_KB).contains(&p.kb) && parts(p.kb, part_kb) <= MAX_PARTS
}

/// How many parts of `part_kb` a parcel of `kb` is cut into (at least one).
pub fn parts(kb: u32, part_kb: u32) -> u32 {
    kb.div_ceil(part_kb.max(1)).max(1)
}

/// The size in kB of part `part` (from 1) of a parcel of `kb` cut into parts of
/// `part_kb`: `part_kb`, the last one what is left.
pub fn part_size(kb: u32, part_kb: u32, part: u32) -> u32 {
    let part_kb = part_kb.max(1);
    let before = (part.saturating_sub(1) as u64) * part_kb as u64;
    (kb as u64).saturating_sub(before).min(part_kb as u64) as u32
}

/// How long `kb` kilobytes take to pass through a wire of `bandwidth` kB/s, in
/// whole milliseconds (rounded up); no time without a bandwidth.
pub fn wire_ms(kb: u32, bandwidth: Option<u32>) -> Time {
    match bandwidth {
        Some(bw) if bw > 0 => (kb as u64 * 1000).div_ceil(bw as u64),
        _ => 0,
    }
}

/// Which parts a phone or the store holds of one parcel: a set of part numbers
/// (from 1), kept as bits.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Parts {
    bits: Vec<u64>,
    count: u32,
}

impl Parts {
    /// Notes part `part`: whether it is new.
    pub fn add(&mut self, part: u32) -> bool {
        let Some(i) = part.checked_sub(1) else {
            return false;
        };
        let (word, bit) = ((i / 64) as usize, i % 64);
        if self.bits.len() <= word {
            self.bits.resize(word + 1, 0);
        }
        let new = self.bits[word] & (1 << bit) == 0;
        if new {
            self.bits[word] |= 1 << bit;
            self.count += 1;
        }
        new
    }

    /// Whether part `part` is here.
    pub fn has(&self, part: u32) -> bool {
        let Some(i) = part.checked_sub(1) else {
            return false;
        };
        self.bits
            .get((i / 64) as usize)
            .is_some_and(|w| w & (1 << (i % 64)) != 0)
    }

    /// How many different parts are here.
    pub fn count(&self) -> u32 {
        self.count
    }

    /// How many parts from the first are here without a gap: a resumed transfer
    /// goes on from the next.
    pub fn from_start(&self) -> u32 {
        let mut k = 0;
        for w in &self.bits {
            if *w == u64::MAX {
                k += 64;
            } else {
                return k + w.trailing_ones();
            }
        }
        k
    }

    /// Forgets every part (the store throws a parcel out).
    pub fn clear(&mut self) {
        self.bits = Vec::new();
        self.count = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_and_sizes_add_up() {
        assert_eq!(parts(1200, 256), 5);
        assert_eq!(parts(256, 256), 1);
        assert_eq!(parts(257, 256), 2);
        assert_eq!(parts(1, 256), 1);
        let sizes: Vec<u32> = (1..=5).map(|p| part_size(1200, 256, p)).collect();
        assert_eq!(sizes, [256, 256, 256, 256, 176]);
        assert_eq!(part_size(1200, 256, 6), 0);
        for kb in [1, 255, 256, 257, 1000, 4096] {
            let n = parts(kb, 256);
            let sum: u32 = (1..=n).map(|p| part_size(kb, 256, p)).sum();
            assert_eq!(sum, kb, "{kb}");
        }
    }

    #[test]
    fn wire_time_is_rounded_up_and_none_without_bandwidth() {
        assert_eq!(wire_ms(256, Some(200)), 1280);
        assert_eq!(wire_ms(1, Some(3)), 334);
        assert_eq!(wire_ms(256, None), 0);
    }

    #[test]
    fn parts_count_from_the_start_without_a_gap() {
        let mut p = Parts::default();
        assert_eq!(p.from_start(), 0);
        assert!(p.add(1));
        assert!(p.add(2));
        assert!(!p.add(2));
        assert!(p.add(4));
        assert_eq!((p.count(), p.from_start()), (3, 2));
        assert!(p.add(3));
        assert_eq!(p.from_start(), 4);
        for k in 5..=130 {
            p.add(k);
        }
        assert_eq!((p.count(), p.from_start()), (130, 130));
        assert!(p.has(70) && !p.has(131) && !p.has(0));
        assert!(!p.add(0));
    }
}
