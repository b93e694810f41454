//! The event queue: everything that will happen, ordered by (time, sequence number).
//!
//! Three structures share the work, and popping takes the earliest head of them all,
//! so the order is exactly that of one big heap keyed by (time, sequence number):
//!
//! - a *timing wheel* of one-millisecond buckets for events due within the next
//!   [`WHEEL_MS`] (frames on the wire, with their random latency): O(1) in and out;
//! - a FIFO *lane* per fixed delay (heartbeats, retry checks, reconnects): timers
//!   with one fixed delay are scheduled in time order by construction;
//! - a binary heap for everything else (far-off script actions, chatter), holding
//!   only (time, sequence, slot) so that sifting touches little memory; the items
//!   wait in a slab.
//!
//! Entries scheduled with [`Queue::schedule_first`] (a scene's scripted actions)
//! come before every other entry due in the same millisecond, whenever they were
//! scheduled: so an action added while the run goes on (a live lesson) runs in the
//! same place as the same action written in the file. They always go to the heap;
//! the wheel and the lanes stay first-in, first-out.

use std::cmp::{Ordering, Reverse};
use std::collections::{BinaryHeap, VecDeque};

use super::world::Time;

/// How far ahead the timing wheel reaches, in milliseconds (a power of two).
pub const WHEEL_MS: usize = 1024;
const WORDS: usize = WHEEL_MS / 64;

#[derive(Clone)]
struct Entry<T> {
    at: Time,
    seq: u64,
    item: T,
}

/// (time, sequence number) in one number, ordered the same way: compared in one go.
type Key = u128;

fn pack_key(at: Time, seq: u64) -> Key {
    ((at as u128) << 64) | seq as u128
}

fn key_time(k: Key) -> Time {
    (k >> 64) as Time
}

impl<T> Entry<T> {
    fn key(&self) -> Key {
        pack_key(self.at, self.seq)
    }
}

impl<T> PartialEq for Entry<T> {
    fn eq(&self, other: &Self) -> bool {
        self.key() == other.key()
    }
}
impl<T> Eq for Entry<T> {}
impl<T> PartialOrd for Entry<T> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl<T> Ord for Entry<T> {
    fn cmp(&self, other: &Self) -> Ordering {
        self.key().cmp(&other.key())
    }
}

#[derive(Clone)]
struct Lane<T> {
    delay: Time,
    items: VecDeque<Entry<T>>,
}

/// The key of an empty structure: later than everything.
const NONE: Key = Key::MAX;

/// The bit of a sequence number that puts an entry after the `first` entries of
/// its millisecond (see [`Queue::schedule_first`]).
const LATER: u64 = 1 << 63;

/// A priority queue of `T` by (time, insertion order).
#[derive(Clone)]
pub struct Queue<T> {
    heap: BinaryHeap<Reverse<(Time, u64, u32)>>,
    /// The items of the heap's entries, by slot; `free` lists the empty slots.
    slab: Vec<Option<T>>,
    free: Vec<u32>,
    lanes: Vec<Lane<T>>,
    /// Bucket `t % WHEEL_MS` holds the entries due at `t`, for
    /// `cursor <= t < cursor + WHEEL_MS`, in insertion order.
    wheel: Vec<VecDeque<Entry<T>>>,
    /// One bit per non-empty bucket.
    occupied: [u64; WORDS],
    in_wheel: usize,
    /// The key of the first entry of each structure: the heap, the wheel, then each
    /// lane. Popping takes the least of these few.
    heads: Vec<Key>,
    /// Which of `heads` is the least (kept up to date, since every step peeks).
    best: usize,
    /// The time of the last entry taken: nothing earlier can be scheduled.
    cursor: Time,
    seq: u64,
    len: usize,
}

const HEAP: usize = 0;
const WHEEL: usize = 1;
const LANES: usize = 2;

impl<T> Default for Queue<T> {
    fn default() -> Self {
        Queue {
            heap: BinaryHeap::new(),
            slab: Vec::new(),
            free: Vec::new(),
            lanes: Vec::new(),
            wheel: (0..WHEEL_MS).map(|_| VecDeque::new()).collect(),
            occupied: [0; WORDS],
            in_wheel: 0,
            heads: vec![NONE; LANES],
            best: HEAP,
            cursor: 0,
            seq: 0,
            len: 0,
        }
    }
}

impl<T> Queue<T> {
    /// A queue with a FIFO lane for each of these fixed delays.
    pub fn with_lanes(delays: &[Time]) -> Self {
        let mut q = Queue::default();
        for &d in delays {
            if !q.lanes.iter().any(|l| l.delay == d) {
                q.lanes.push(Lane {
                    delay: d,
                    items: VecDeque::new(),
                });
                q.heads.push(NONE);
            }
        }
        q
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// A new entry; `first` ones sort before the others of their millisecond (their
    /// sequence number lacks [`LATER`]).
    fn entry(&mut self, at: Time, item: T, first: bool) -> Entry<T> {
        debug_assert!(at >= self.cursor, "scheduled in the past");
        let seq = if first { self.seq } else { self.seq | LATER };
        self.seq += 1;
        self.len += 1;
        Entry { at, seq, item }
    }

    /// Schedules `item` at `now + delay`.
    pub fn schedule(&mut self, now: Time, delay: Time, item: T) {
        // Past the end of time, it simply never comes (nothing wraps around).
        let at = now.saturating_add(delay);
        if let Some(i) = self.lanes.iter().position(|l| l.delay == delay)
            && self.lanes[i].items.back().is_none_or(|b| b.at <= at)
        {
            let e = self.entry(at, item, false);
            if self.lanes[i].items.is_empty() {
                self.set_head(LANES + i, e.key());
            }
            self.lanes[i].items.push_back(e);
        } else {
            self.schedule_at(at, item);
        }
    }

    /// Schedules `item` at the absolute time `at`.
    pub fn schedule_at(&mut self, at: Time, item: T) {
        let e = self.entry(at, item, false);
        self.insert(e, true);
    }

    /// Schedules `item` at `at`, before every entry of that millisecond that is not
    /// itself scheduled this way (those keep their order among themselves).
    pub fn schedule_first(&mut self, at: Time, item: T) {
        let e = self.entry(at, item, true);
        self.insert(e, false);
    }

    fn insert(&mut self, e: Entry<T>, wheel_ok: bool) {
        let (at, key) = (e.at, e.key());
        if wheel_ok && at < self.cursor.saturating_add(WHEEL_MS as Time) {
            let b = at as usize % WHEEL_MS;
            self.wheel[b].push_back(e);
            self.occupied[b / 64] |= 1 << (b % 64);
            self.in_wheel += 1;
            if key < self.heads[WHEEL] {
                self.set_head(WHEEL, key);
            }
        } else {
            let slot = match self.free.pop() {
                Some(slot) => {
                    self.slab[slot as usize] = Some(e.item);
                    slot
                }
                None => {
                    self.slab.push(Some(e.item));
                    (self.slab.len() - 1) as u32
                }
            };
            self.heap.push(Reverse((e.at, e.seq, slot)));
            if key < self.heads[HEAP] {
                self.set_head(HEAP, key);
            }
        }
    }

    /// The first non-empty bucket at or after the cursor.
    fn wheel_front(&self) -> Option<usize> {
        if self.in_wheel == 0 {
            return None;
        }
        let start = self.cursor as usize % WHEEL_MS;
        for k in 0..=WORDS {
            let w = (start / 64 + k) % WORDS;
            let mut bits = self.occupied[w];
            if k == 0 {
                bits &= !0u64 << (start % 64);
            } else if k == WORDS {
                bits &= (1u64 << (start % 64)).wrapping_sub(1);
            }
            if bits != 0 {
                return Some(w * 64 + bits.trailing_zeros() as usize);
            }
        }
        None
    }

    /// Sets the key of structure `i`'s first entry, keeping [`Queue::best`].
    fn set_head(&mut self, i: usize, k: Key) {
        self.heads[i] = k;
        if i == self.best {
            // It may have become later than another: look at them all (a few).
            let mut best = HEAP;
            for (j, &h) in self.heads.iter().enumerate().skip(1) {
                if h < self.heads[best] {
                    best = j;
                }
            }
            self.best = best;
        } else if k < self.heads[self.best] {
            self.best = i;
        }
    }

    /// Which structure holds the earliest entry, and its key.
    fn earliest(&self) -> (usize, Key) {
        (self.best, self.heads[self.best])
    }

    /// The time of the next entry.
    pub fn peek_time(&self) -> Option<Time> {
        let (_, key) = self.earliest();
        (key != NONE).then_some(key_time(key))
    }

    /// The earliest item, without taking it.
    pub fn peek(&self) -> Option<&T> {
        let (place, key) = self.earliest();
        if key == NONE {
            return None;
        }
        match place {
            HEAP => {
                let &Reverse((_, _, slot)) = self.heap.peek()?;
                self.slab[slot as usize].as_ref()
            }
            WHEEL => self.wheel[key_time(key) as usize % WHEEL_MS]
                .front()
                .map(|e| &e.item),
            lane => self.lanes[lane - LANES].items.front().map(|e| &e.item),
        }
    }

    /// Takes the earliest entry.
    pub fn pop(&mut self) -> Option<(Time, T)> {
        self.pop_until(Time::MAX)
    }

    /// Takes the earliest entry if it is due no later than `limit`.
    pub fn pop_until(&mut self, limit: Time) -> Option<(Time, T)> {
        let (place, key) = self.earliest();
        if key == NONE || key_time(key) > limit {
            return None;
        }
        let entry = match place {
            HEAP => {
                let Reverse((at, seq, slot)) = self.heap.pop()?;
                self.free.push(slot);
                let item = self.slab[slot as usize].take()?;
                let next = self
                    .heap
                    .peek()
                    .map_or(NONE, |&Reverse((t, s, _))| pack_key(t, s));
                self.set_head(HEAP, next);
                Entry { at, seq, item }
            }
            WHEEL => {
                let b = key_time(key) as usize % WHEEL_MS;
                let e = self.wheel[b].pop_front()?;
                self.in_wheel -= 1;
                self.cursor = e.at;
                if self.wheel[b].is_empty() {
                    self.occupied[b / 64] &= !(1 << (b % 64));
                }
                let next = self
                    .wheel_front()
                    .and_then(|b| self.wheel[b].front())
                    .map_or(NONE, Entry::key);
                self.set_head(WHEEL, next);
                e
            }
            lane => {
                let items = &mut self.lanes[lane - LANES].items;
                let e = items.pop_front()?;
                let next = items.front().map_or(NONE, Entry::key);
                self.set_head(lane, next);
                e
            }
        };
        self.len -= 1;
        self.cursor = entry.at;
        Some((entry.at, entry.item))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn wheel_lanes_and_heap_pop_in_time_then_insertion_order() {
        let mut q = Queue::with_lanes(&[100]);
        q.schedule(0, 100, "lane a"); // 100
        q.schedule(0, 50, "wheel a"); // 50
        q.schedule(0, 100, "lane b"); // 100, after lane a
        q.schedule(50, 50, "wheel b"); // 100, after lane b
        q.schedule_at(10, "abs");
        q.schedule_at(5000, "heap");
        let order: Vec<_> = std::iter::from_fn(|| q.pop()).collect();
        assert_eq!(
            order,
            vec![
                (10, "abs"),
                (50, "wheel a"),
                (100, "lane a"),
                (100, "lane b"),
                (100, "wheel b"),
                (5000, "heap"),
            ]
        );
        assert!(q.is_empty());
    }

    #[test]
    fn first_entries_come_first_in_their_millisecond_whenever_scheduled() {
        let mut q = Queue::with_lanes(&[100]);
        q.schedule(0, 100, "lane");
        q.schedule(0, 50, "wheel");
        q.schedule_at(100, "wheel at 100");
        q.schedule_first(100, "action a");
        q.schedule_at(5000, "heap");
        q.schedule_first(5000, "action b");
        assert_eq!(q.pop(), Some((50, "wheel")));
        // Scheduled last, yet first at 100.
        q.schedule_first(100, "action c");
        let order: Vec<_> = std::iter::from_fn(|| q.pop()).collect();
        assert_eq!(
            order,
            vec![
                (100, "action a"),
                (100, "action c"),
                (100, "lane"),
                (100, "wheel at 100"),
                (5000, "action b"),
                (5000, "heap"),
            ]
        );
    }

    proptest! {
        /// Whatever the mix of delays, the queue pops exactly as a plain heap keyed by
        /// (time, sequence number) would.
        #[test]
        fn same_order_as_one_heap(ops in proptest::collection::vec((0u64..3000, 0u8..3), 1..400)) {
            let mut q = Queue::with_lanes(&[700, 1500]);
            let mut reference = BinaryHeap::new();
            let (mut now, mut seq, mut got, mut want) = (0, 0u64, Vec::new(), Vec::new());
            for (i, (d, kind)) in ops.iter().enumerate() {
                let delay = match kind { 0 => *d, 1 => 700, _ => 1500 };
                q.schedule(now, delay, seq);
                reference.push(Reverse((now + delay, seq)));
                seq += 1;
                if i % 3 == 2 {
                    let (t, s) = q.pop().unwrap();
                    let Reverse((rt, rs)) = reference.pop().unwrap();
                    got.push((t, s));
                    want.push((rt, rs));
                    now = t;
                }
            }
            while let Some(x) = q.pop() {
                got.push(x);
                let Reverse(r) = reference.pop().unwrap();
                want.push(r);
            }
            prop_assert_eq!(got, want);
        }
    }
}
