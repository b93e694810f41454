//! A count of the items that per-event lookups look at (the bubbles of a chat
//! searched for a letter, the trace indexed for a caption), on this thread: the
//! linear-work tests (`tests/linear.rs`) read it to show that telling a story twice
//! as long looks at about twice as much, not four times. Counting is one add on a
//! thread-local cell; nothing reads it in the program itself.

use std::cell::Cell;

thread_local! {
    static LOOKED: Cell<u64> = const { Cell::new(0) };
}

/// Items looked at on this thread so far.
pub fn looked() -> u64 {
    LOOKED.with(Cell::get)
}

/// Notes that `n` more items were looked at.
pub(crate) fn look(n: usize) {
    LOOKED.with(|c| c.set(c.get().saturating_add(n as u64)));
}
