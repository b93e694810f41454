//! Big scenes for the linear-work tests and benchmarks (issue 20, item 5): both
//! valid (`postoffice check` accepts them) and deterministic (the same size, the
//! same file, byte for byte).
//!
//! - [`letters`]: two people exchanging a letter every 10 ms, `n` letters in all.
//! - [`people`]: `n` people in a ring of friends, each logging in and sending one
//!   letter to the next.
//!
//! `BIG_SCENES_DIR=/tmp/big cargo test --no-default-features --test linear -- --ignored write_big_scenes`
//! writes the scenes measured in docs/performance.md into that folder.

#![allow(dead_code)]

use std::fmt::Write;

/// Two people, `a` and `b`, who take turns writing to each other every 10 ms:
/// `n` letters, texts `m0`, `m1`, ….
pub fn letters(n: usize) -> String {
    let mut s = String::with_capacity(200 + n * 70);
    s.push_str(
        "(\n    title: \"Two people, a letter every 10 ms\",\n    seed: 1,\n    \
         users: [(id: \"a\"), (id: \"b\")],\n    friends: [(\"a\", \"b\")],\n    script: [\n        \
         (at_ms: 0, do: Login(\"a\")),\n        (at_ms: 0, do: Login(\"b\")),\n",
    );
    for i in 0..n {
        let (from, to) = if i % 2 == 0 { ("a", "b") } else { ("b", "a") };
        let at = 1000 + 10 * i;
        writeln!(
            s,
            "        (at_ms: {at}, do: Send(from: \"{from}\", to: \"{to}\", text: \"m{i}\")),"
        )
        .expect("a String takes any write");
    }
    s.push_str("    ],\n)\n");
    s
}

/// `n` people `p0` … `p{n-1}` in a ring of friends; person `i` logs in at `i` ms
/// and writes one letter to the next person 1 s later.
pub fn people(n: usize) -> String {
    ring(n, |i| i)
}

/// [`people`], all logging in at once and all writing 1 s later: thousands of
/// events in one millisecond.
pub fn people_at_once(n: usize) -> String {
    ring(n, |_| 0)
}

/// `n` people in a ring of friends; person `i` logs in at `at(i)` ms and writes one
/// letter to the next person 1 s later.
fn ring(n: usize, at: fn(usize) -> usize) -> String {
    let mut s = String::with_capacity(200 + n * 160);
    s.push_str("(\n    title: \"Many people, one letter each\",\n    seed: 1,\n    users: [\n");
    for i in 0..n {
        writeln!(s, "        (id: \"p{i}\"),").expect("a String takes any write");
    }
    s.push_str("    ],\n    friends: [\n");
    for i in 0..n {
        writeln!(s, "        (\"p{i}\", \"p{}\"),", (i + 1) % n).expect("a String takes any write");
    }
    s.push_str("    ],\n    script: [\n");
    for i in 0..n {
        let at = at(i);
        writeln!(s, "        (at_ms: {at}, do: Login(\"p{i}\")),")
            .expect("a String takes any write");
    }
    for i in 0..n {
        let at = 1000 + at(i);
        let to = (i + 1) % n;
        writeln!(
            s,
            "        (at_ms: {at}, do: Send(from: \"p{i}\", to: \"p{to}\", text: \"m{i}\")),"
        )
        .expect("a String takes any write");
    }
    s.push_str("    ],\n)\n");
    s
}
