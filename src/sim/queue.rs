//! The event queue: everything that will happen, ordered by (time, sequence number).
//!
//! Timers with a fixed delay (heartbeats, retry checks, reconnect attempts) are
//! scheduled in time order by construction, so each fixed delay gets its own FIFO
//! lane; everything else (frames with random latency, script actions) goes into a
//! binary heap. Popping takes the earliest head of all of them. The order is exactly
//! that of one big heap keyed by (time, sequence number): lanes are only faster.

use std::cmp::{Ordering, Reverse};
use std::collections::{BinaryHeap, VecDeque};

use super::world::Time;

#[derive(Clone)]
struct Entry<T> {
    at: Time,
    seq: u64,
    item: T,
}

impl<T> Entry<T> {
    fn key(&self) -> (Time, u64) {
        (self.at, self.seq)
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

/// A priority queue of `T` by (time, insertion order).
#[derive(Clone)]
pub struct Queue<T> {
    heap: BinaryHeap<Reverse<Entry<T>>>,
    lanes: Vec<Lane<T>>,
    seq: u64,
    len: usize,
}

impl<T> Default for Queue<T> {
    fn default() -> Self {
        Queue {
            heap: BinaryHeap::new(),
            lanes: Vec::new(),
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

    /// Schedules `item` at `now + delay`.
    pub fn schedule(&mut self, now: Time, delay: Time, item: T) {
        let entry = Entry {
            at: now + delay,
            seq: self.seq,
            item,
        };
        self.seq += 1;
        self.len += 1;
        if let Some(lane) = self.lanes.iter_mut().find(|l| l.delay == delay)
            && lane.items.back().is_none_or(|b| b.at <= entry.at)
        {
            lane.items.push_back(entry);
            return;
        }
        self.heap.push(Reverse(entry));
    }

    /// Schedules `item` at the absolute time `at`.
    pub fn schedule_at(&mut self, at: Time, item: T) {
        let entry = Entry {
            at,
            seq: self.seq,
            item,
        };
        self.seq += 1;
        self.len += 1;
        self.heap.push(Reverse(entry));
    }

    /// Where the earliest entry is: `None` for the heap, `Some(i)` for lane `i`.
    fn earliest(&self) -> Option<(Option<usize>, (Time, u64))> {
        let mut best = self.heap.peek().map(|Reverse(e)| (None, e.key()));
        for (i, lane) in self.lanes.iter().enumerate() {
            if let Some(front) = lane.items.front()
                && best.is_none_or(|(_, k)| front.key() < k)
            {
                best = Some((Some(i), front.key()));
            }
        }
        best
    }

    /// The time of the next entry.
    pub fn peek_time(&self) -> Option<Time> {
        self.earliest().map(|(_, (at, _))| at)
    }

    /// Takes the earliest entry.
    pub fn pop(&mut self) -> Option<(Time, T)> {
        let (place, _) = self.earliest()?;
        let entry = match place {
            None => self.heap.pop().map(|Reverse(e)| e),
            Some(i) => self.lanes[i].items.pop_front(),
        }?;
        self.len -= 1;
        Some((entry.at, entry.item))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lanes_and_heap_pop_in_time_then_insertion_order() {
        let mut q = Queue::with_lanes(&[100]);
        q.schedule(0, 100, "lane a"); // 100
        q.schedule(0, 50, "heap a"); // 50
        q.schedule(0, 100, "lane b"); // 100, after lane a
        q.schedule(50, 50, "heap b"); // 100, after lane b
        q.schedule_at(10, "abs");
        let order: Vec<_> = std::iter::from_fn(|| q.pop()).collect();
        assert_eq!(
            order,
            vec![
                (10, "abs"),
                (50, "heap a"),
                (100, "lane a"),
                (100, "lane b"),
                (100, "heap b")
            ]
        );
        assert!(q.is_empty());
    }
}
