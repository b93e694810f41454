//! Malformed scenario files: each exits 2 with the file, a line and column, and what
//! was found and expected; no bytes at all make the loader panic.

use std::process::Command;

use proptest::prelude::*;

/// (file in tests/bad, where, a piece of the message)
const CASES: &[(&str, &str, &str)] = &[
    ("syntax_error.ron", ":5:9:", "Expected"),
    ("unknown_field.ron", ":4:5:", "freinds"),
    (
        "misspelt_id.ron",
        ":8:51: script[2].do.to:",
        "did you mean \"hanmeimei\"?",
    ),
    (
        "out_of_range.ron",
        ":3:27: network.latency_ms:",
        "min no larger than max",
    ),
    ("out_of_range.ron", ":3:45: network.loss:", "found 1.5"),
    (
        "out_of_range.ron",
        ":4:49: heartbeat.timeout_ms:",
        "expected more than interval_ms",
    ),
    (
        "out_of_range.ron",
        ":7:53: script[0].do.loss:",
        "found -0.2",
    ),
    (
        "negative_time.ron",
        ":5:18:",
        "expected a whole number from 0",
    ),
    ("unknown_action.ron", ":5:24:", "Teleport"),
    (
        "unknown_group.ron",
        ":6:56: script[0].do.group:",
        "did you mean \"class1\"?",
    ),
    (
        "unregistered_phone.ron",
        ":6:30: script[0].do[0]:",
        "listed in `unregistered`",
    ),
    ("no_users.ron", ":3:12: users:", "expected at least one"),
    ("missing_title.ron", ":3:1:", "missing the field `title`"),
    ("empty.ron", ":1:1:", "the file is empty"),
    ("binary_junk.ron", ":1:1:", "not a text file"),
    ("not_ron.ron", ":1:1:", "Expected opening `(`"),
    ("unclosed_string.ron", ":3:19:", "Expected"),
];

#[test]
fn each_bad_file_exits_2_with_a_located_message() {
    for (file, at, piece) in CASES {
        let path = format!("tests/bad/{file}");
        let o = Command::new(env!("CARGO_BIN_EXE_postoffice"))
            .args(["run", &path])
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{path}: {err}");
        assert!(
            err.contains(&format!("{path}{at}")),
            "{path}: expected {at:?} in\n{err}"
        );
        assert!(err.contains(piece), "{path}: expected {piece:?} in\n{err}");
        assert!(!err.contains("panicked"), "{path}: {err}");
    }
}

#[test]
fn every_file_in_the_bad_folder_is_covered() {
    for e in std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/bad")).unwrap() {
        let name = e.unwrap().file_name().to_string_lossy().into_owned();
        assert!(CASES.iter().any(|(f, ..)| *f == name), "{name} has no case");
    }
}

const HELLO: &str = include_str!("../scenes/hello.ron");

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn any_bytes_give_an_error_not_a_panic(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
        let _ = postoffice::scenario::parse("junk.ron", &bytes);
    }

    #[test]
    fn a_damaged_scene_gives_a_located_error_or_still_works(
        cut in 0..HELLO.len(),
        len in 0usize..40,
        insert in "[ -~]{0,6}",
    ) {
        let mut text = HELLO.as_bytes().to_vec();
        let end = (cut + len).min(text.len());
        text.splice(cut..end, insert.bytes());
        if let Err(e) = postoffice::scenario::parse("damaged.ron", &text) {
            let msg = e.to_string();
            prop_assert!(msg.starts_with("damaged.ron"), "{}", msg);
            prop_assert!(!e.problems().is_empty());
        }
    }
}
