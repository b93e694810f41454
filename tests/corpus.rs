//! The malformed-file corpus in `tests/corpus/`: scenes/hello.ron broken in every way
//! a file can be (each limit exceeded, each field of the wrong kind, unknown fields,
//! actions, users and groups in every place, truncations, junk bytes, other formats,
//! deep nesting, unclosed brackets, strings and comments). `postoffice check` must
//! refuse each with exit status 2 and a message that starts with the file and names
//! a line and column, never panic, never hang, and never print a raw control
//! character or a Rust type's name.
//!
//! The files are written by [`write_the_corpus`]:
//! `cargo test --no-default-features --test corpus -- --ignored` (it replaces the
//! folder's `.ron` files; commit what it writes).

mod common;

use std::path::Path;

use common::{RUST_WORDS, postoffice, stderr};

const HELLO: &str = include_str!("../scenes/hello.ron");
const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus");

/// hello.ron with the first `from` replaced by `to`.
fn with(from: &str, to: &str) -> String {
    assert!(HELLO.contains(from), "{from:?} is not in hello.ron");
    HELLO.replacen(from, to, 1)
}

/// hello.ron with `extra` added as a line after `after`.
fn plus(after: &str, extra: &str) -> String {
    with(after, &format!("{after}\n    {extra}"))
}

/// hello.ron cut after `fraction` of its characters.
fn cut(fraction: f64) -> String {
    let n = HELLO.chars().count();
    HELLO.chars().take((n as f64 * fraction) as usize).collect()
}

/// Every malformed file: a name and its bytes.
fn corpus() -> Vec<(String, Vec<u8>)> {
    let mut c: Vec<(String, String)> = Vec::new();
    let mut add = |name: &str, text: String| c.push((name.to_string(), text));
    let long_id = "x".repeat(65);
    let long_text = "字".repeat(2001);
    const AT: &str = "(at_ms: 1000,";
    const LAT_MIN: &str = "latency_ms: (40,";
    const LAT_MAX: &str = "120), loss";
    const INTERVAL: &str = "interval_ms: 5000";
    const TIMEOUT: &str = "timeout_ms: 12000";
    const CHECK: &str = "check_ms: 5000";
    const GRACE: &str = "grace_ms: 3000";
    const WITHIN: &str = "ms: 1000),";
    const SEED: &str = "seed: 7";
    const RETRIES: &str = "max_retries: 2";
    const LOSS: &str = "loss: 0.0";

    // ---- numbers: each time over the limit, too large for 64 bits, negative, not whole
    for (name, from) in [
        ("at_ms", AT),
        ("latency_min", LAT_MIN),
        ("latency_max", LAT_MAX),
        ("interval", INTERVAL),
        ("timeout", TIMEOUT),
        ("check", CHECK),
        ("grace", GRACE),
        ("within", WITHIN),
    ] {
        let number = from.trim_matches(|c: char| !c.is_ascii_digit());
        add(
            &format!("time_over_limit_{name}"),
            with(from, &from.replacen(number, "10000000001", 1)),
        );
        add(
            &format!("time_u64_overflow_{name}"),
            with(from, &from.replacen(number, "18446744073709551616", 1)),
        );
        add(
            &format!("time_negative_{name}"),
            with(from, &from.replacen(number, "-5", 1)),
        );
        add(
            &format!("time_fraction_{name}"),
            with(from, &from.replacen(number, "1.5", 1)),
        );
    }
    add(
        "until_over_limit",
        plus("seed: 7,", "until_ms: 10000000001,"),
    );
    add("until_zero", plus("seed: 7,", "until_ms: 0,"));
    add(
        "until_max_u64",
        plus("seed: 7,", "until_ms: 18446744073709551615,"),
    );
    add("at_ms_exponent", with(AT, "(at_ms: 1e3,"));
    add("at_ms_nan", with(AT, "(at_ms: NaN,"));
    add("at_ms_inf", with(AT, "(at_ms: inf,"));
    add("at_ms_text", with(AT, "(at_ms: \"1000\","));
    add("at_ms_word", with(AT, "(at_ms: soon,"));
    add("at_ms_range", with(AT, "(at_ms: 1..2,"));
    add("at_ms_missing_value", with(AT, "(at_ms: ,"));
    add(
        "at_ms_huge_digits",
        with(AT, &format!("(at_ms: {},", "9".repeat(400))),
    );
    add("seed_overflow", with(SEED, "seed: 18446744073709551616"));
    add("seed_negative", with(SEED, "seed: -1"));
    add("seed_fraction", with(SEED, "seed: 0.5"));
    add("retries_over_limit", with(RETRIES, "max_retries: 101"));
    add(
        "retries_overflow",
        with(RETRIES, "max_retries: 99999999999999999999999"),
    );
    add("retries_negative", with(RETRIES, "max_retries: -2"));
    add("loss_one", with(LOSS, "loss: 1.0"));
    add("loss_negative", with(LOSS, "loss: -0.1"));
    add("loss_1e308", with(LOSS, "loss: 1e308"));
    add("loss_nan", with(LOSS, "loss: NaN"));
    add("loss_text", with(LOSS, "loss: \"high\""));
    add(
        "setloss_over_one",
        with(
            "(at_ms: 0,    do: Login(\"lilei\")),",
            "(at_ms: 0,    do: SetLoss(user: \"lilei\", loss: 2)),",
        ),
    );
    add("latency_min_over_max", with("(40, 120)", "(120, 40)"));
    add("latency_one_number", with("(40, 120)", "(40)"));
    add("latency_three_numbers", with("(40, 120)", "(40, 80, 120)"));
    add(
        "timeout_not_over_interval",
        with(TIMEOUT, "timeout_ms: 5000"),
    );
    add("interval_zero", with(INTERVAL, "interval_ms: 0"));
    add("check_zero", with(CHECK, "check_ms: 0"));

    // ---- ids and texts too long
    add(
        "long_user_id",
        HELLO.replace("\"lilei\"", &format!("\"{long_id}\"")),
    );
    add(
        "long_unknown_id",
        with("Login(\"hanmeimei\")", &format!("Login(\"{long_id}\")")),
    );
    add(
        "long_unregistered_id",
        plus(
            "friends: [(\"lilei\", \"hanmeimei\")],",
            &format!("unregistered: [\"{long_id}\"],"),
        ),
    );
    add(
        "long_group_id",
        plus(
            "friends: [(\"lilei\", \"hanmeimei\")],",
            &format!("groups: [(id: \"{long_id}\", members: [\"lilei\"])],"),
        ),
    );
    add(
        "long_avatar",
        with("avatar: \"boy\"", &format!("avatar: \"{long_id}\"")),
    );
    add(
        "long_title",
        with("\"Li Lei says hello\"", &format!("\"{long_text}\"")),
    );
    add(
        "long_title_zh",
        with("\"李雷说你好\"", &format!("\"{long_text}\"")),
    );
    add(
        "long_about",
        with("en: \"The nine steps", &format!("en: \"{long_text}")),
    );
    add(
        "long_name",
        with("\"Li Lei\",", &format!("\"{long_text}\",")),
    );
    add(
        "long_message_text",
        with(
            "text: (en: \"Hello!\", zh:",
            &format!("text: (en: \"{long_text}\", zh:"),
        ),
    );
    add(
        "long_expected_text",
        with(
            "from: \"lilei\", text: (en: \"Hello!\", zh: \"你好！\")),",
            &format!("from: \"lilei\", text: (en: \"Hello!\", zh: \"{long_text}\")),"),
        ),
    );

    // ---- fields of the wrong kind
    add(
        "title_number",
        with(
            "title: (en: \"Li Lei says hello\", zh: \"李雷说你好\")",
            "title: 5",
        ),
    );
    add(
        "title_list",
        with(
            "title: (en: \"Li Lei says hello\", zh: \"李雷说你好\")",
            "title: [\"a\"]",
        ),
    );
    add(
        "title_language_fr",
        with("zh: \"李雷说你好\"", "fr: \"Li Lei dit bonjour\""),
    );
    add("title_language_missing", with(", zh: \"李雷说你好\"", ""));
    add(
        "title_language_extra",
        with("zh: \"李雷说你好\"", "zh: \"李雷说你好\", de: \"Hallo\""),
    );
    add(
        "name_language_wrong",
        with("zh: \"韩梅梅\"", "jp: \"韩梅梅\""),
    );
    add("users_not_a_list", with("users: [", "users: ("));
    add("users_a_text", {
        let start = HELLO.find("    users: [").unwrap();
        let end = HELLO.find("    friends").unwrap();
        format!(
            "{}    users: \"lilei\",\n{}",
            &HELLO[..start],
            &HELLO[end..]
        )
    });
    add("user_id_number", with("(id: \"lilei\",", "(id: 5,"));
    add("user_id_word", with("(id: \"lilei\",", "(id: lilei,"));
    add(
        "user_named_struct",
        with("(id: \"lilei\",", "User(id: \"lilei\","),
    );
    add("user_missing_id", with("(id: \"lilei\",     ", "("));
    add(
        "friends_one_id",
        with("(\"lilei\", \"hanmeimei\")]", "(\"lilei\")]"),
    );
    add(
        "friends_three_ids",
        with(
            "(\"lilei\", \"hanmeimei\")]",
            "(\"lilei\", \"hanmeimei\", \"lilei\")]",
        ),
    );
    add(
        "friends_not_a_list",
        with("friends: [(\"lilei\", \"hanmeimei\")]", "friends: \"all\""),
    );
    add("script_entry_missing_at", with(AT, "("));
    add("script_entry_missing_do", with("do: Login(\"lilei\")", ""));
    add("do_number", with("do: Login(\"lilei\")", "do: 5"));
    add("do_text", with("do: Login(\"lilei\")", "do: \"Login\""));
    add("login_number", with("Login(\"lilei\")", "Login(5)"));
    add("login_empty", with("Login(\"lilei\")", "Login()"));
    add(
        "login_two",
        with("Login(\"lilei\")", "Login(\"lilei\", \"hanmeimei\")"),
    );
    add("login_no_brackets", with("Login(\"lilei\")", "Login"));
    add(
        "send_by_position",
        with(
            "Send(from: \"lilei\", to: \"hanmeimei\", text: (en: \"Hello!\", zh: \"你好！\"))",
            "Send(\"lilei\", \"hanmeimei\", \"Hello!\")",
        ),
    );
    add(
        "send_missing_text",
        with(", text: (en: \"Hello!\", zh: \"你好！\"))),", ")),"),
    );
    add(
        "befriend_one",
        with("Login(\"hanmeimei\")", "Befriend(\"lilei\")"),
    );
    add(
        "serverdown_with_id",
        with("Login(\"hanmeimei\")", "ServerDown(\"lilei\")"),
    );
    add(
        "drop_toward_up",
        with(
            "Login(\"hanmeimei\")",
            "Drop(user: \"lilei\", toward: Up, what: Ack)",
        ),
    );
    add(
        "drop_what_everything",
        with(
            "Login(\"hanmeimei\")",
            "Drop(user: \"lilei\", toward: Server, what: Everything)",
        ),
    );
    add(
        "bounced_reason_unknown",
        with(
            "DeliveredWithin(to: \"hanmeimei\", text: (en: \"Hello!\", zh: \"你好！\"), ms: 1000)",
            "Bounced(from: \"lilei\", text: (en: \"Hello!\", zh: \"你好！\"), reason: Because)",
        ),
    );
    add(
        "order_one_text",
        with(
            "DeliveredWithin(to: \"hanmeimei\", text: (en: \"Hello!\", zh: \"你好！\"), ms: 1000)",
            "Order(to: \"hanmeimei\", texts: [\"Hello!\"])",
        ),
    );
    add(
        "order_texts_not_a_list",
        with(
            "DeliveredWithin(to: \"hanmeimei\", text: (en: \"Hello!\", zh: \"你好！\"), ms: 1000)",
            "Order(to: \"hanmeimei\", texts: \"Hello!\")",
        ),
    );
    add(
        "marked_offline_empty",
        with(
            "DeliveredWithin(to: \"hanmeimei\", text: (en: \"Hello!\", zh: \"你好！\"), ms: 1000)",
            "MarkedOffline()",
        ),
    );
    add("optional_some_negative", with(SEED, "seed: Some(-7)"));

    // ---- unknown fields, actions and expectations
    add("unknown_top_field", with("friends:", "freinds:"));
    add("unknown_network_field", with("loss: 0.0", "los: 0.0"));
    add(
        "unknown_heartbeat_field",
        with(INTERVAL, "intervall_ms: 5000"),
    );
    add("unknown_retry_field", with(RETRIES, "max_retires: 2"));
    add(
        "unknown_user_field",
        with("avatar: \"boy\"", "avatr: \"boy\""),
    );
    add("unknown_entry_field", with(AT, "(at: 1000,"));
    add(
        "unknown_send_field",
        with("to: \"hanmeimei\", text", "too: \"hanmeimei\", text"),
    );
    add(
        "unknown_expect_field",
        with(
            "from: \"lilei\", text: (en: \"Hello!\", zh: \"你好！\")),",
            "form: \"lilei\", text: (en: \"Hello!\", zh: \"你好！\")),",
        ),
    );
    add(
        "unknown_action",
        with("Login(\"hanmeimei\")", "Teleport(\"hanmeimei\")"),
    );
    add(
        "unknown_action_lowercase",
        with("Login(\"hanmeimei\")", "login(\"hanmeimei\")"),
    );
    add("unknown_expectation", with("Displayed(", "Shown("));
    add("duplicate_field", plus("seed: 7,", "seed: 8,"));

    // ---- unknown users and groups in every place
    for (name, from, to) in [
        (
            "friends_first",
            "friends: [(\"lilei\"",
            "friends: [(\"lilie\"",
        ),
        ("friends_second", "\"hanmeimei\")],", "\"hanmeimi\")],"),
        ("login", "Login(\"lilei\")", "Login(\"lily\")"),
        ("send_from", "Send(from: \"lilei\"", "Send(from: \"leilei\""),
        (
            "send_to",
            "to: \"hanmeimei\", text",
            "to: \"hanmeimi\", text",
        ),
        (
            "expect_to",
            "Displayed(to: \"hanmeimei\"",
            "Displayed(to: \"meimei\"",
        ),
        (
            "expect_from",
            "from: \"lilei\", text: (en: \"Hello!\", zh: \"你好！\")),",
            "from: \"lilie\", text: (en: \"Hello!\", zh: \"你好！\")),",
        ),
        (
            "within_to",
            "DeliveredWithin(to: \"hanmeimei\"",
            "DeliveredWithin(to: \"hmm\"",
        ),
    ] {
        add(&format!("unknown_user_{name}"), with(from, to));
    }
    const LOGIN: &str = "Login(\"hanmeimei\")";
    for (name, action) in [
        ("logout", "Logout(\"nobody\")"),
        ("linkdown", "LinkDown(\"nobody\")"),
        ("linkup", "LinkUp(\"nobody\")"),
        ("setloss", "SetLoss(user: \"nobody\", loss: 0.5)"),
        ("drop", "Drop(user: \"nobody\", toward: Server, what: Ack)"),
        ("befriend", "Befriend(\"lilei\", \"nobody\")"),
        ("unfriend", "Unfriend(\"nobody\", \"lilei\")"),
        ("block", "Block(\"nobody\", \"lilei\")"),
        ("unblock", "Unblock(\"lilei\", \"nobody\")"),
        (
            "sendgroup_from",
            "SendGroup(from: \"nobody\", group: \"class1\", text: \"Hi\")",
        ),
    ] {
        add(&format!("unknown_user_{name}"), with(LOGIN, action));
    }
    let with_group = |text: &str| {
        text.replacen(
            "    friends:",
            "    groups: [(id: \"class1\", members: [\"lilei\", \"hanmeimei\"])],\n    friends:",
            1,
        )
    };
    add(
        "unknown_group",
        with_group(&with(
            LOGIN,
            "SendGroup(from: \"lilei\", group: \"clas1\", text: \"Hi\")",
        )),
    );
    add(
        "unknown_group_no_groups",
        with(
            LOGIN,
            "SendGroup(from: \"lilei\", group: \"class1\", text: \"Hi\")",
        ),
    );
    add(
        "unknown_group_member",
        with_group(HELLO).replacen("[\"lilei\", \"hanmeimei\"]", "[\"lilei\", \"lucy\"]", 1),
    );
    add(
        "duplicate_group_member",
        with_group(HELLO).replacen("[\"lilei\", \"hanmeimei\"]", "[\"lilei\", \"lilei\"]", 1),
    );
    add("duplicate_group", with_group(&with_group(HELLO)));
    add(
        "unknown_user_blocks",
        plus(
            "friends: [(\"lilei\", \"hanmeimei\")],",
            "blocks: [(\"lilei\", \"nobody\")],",
        ),
    );
    add(
        "unknown_user_marked_offline",
        with(
            "DeliveredWithin(to: \"hanmeimei\", text: (en: \"Hello!\", zh: \"你好！\"), ms: 1000)",
            "MarkedOffline(\"nobody\")",
        ),
    );
    add(
        "unregistered_as_phone",
        plus(
            "friends: [(\"lilei\", \"hanmeimei\")],",
            "unregistered: [\"ghost\"],",
        )
        .replacen("Login(\"lilei\")", "Login(\"ghost\")", 1),
    );
    add(
        "unregistered_twice",
        plus(
            "friends: [(\"lilei\", \"hanmeimei\")],",
            "unregistered: [\"lilei\"],",
        ),
    );
    add(
        "duplicate_user",
        with("(id: \"hanmeimei\"", "(id: \"lilei\""),
    );
    add("empty_user_id", with("(id: \"hanmeimei\"", "(id: \"\""));
    add("no_users", {
        let start = HELLO.find("    users: [").unwrap();
        let end = HELLO.find("    friends").unwrap();
        format!("{}    users: [],\n{}", &HELLO[..start], &HELLO[end..])
    });
    add(
        "send_to_self",
        with("to: \"hanmeimei\", text", "to: \"lilei\", text"),
    );
    add(
        "friends_with_self",
        with("(\"lilei\", \"hanmeimei\")]", "(\"lilei\", \"lilei\")]"),
    );
    add(
        "escape_codes_in_an_id",
        with("Login(\"lilei\")", "Login(\"\\u{1b}[31mred\\u{202e}\")"),
    );
    add(
        "raw_escape_in_an_id",
        with("Login(\"lilei\")", "Login(\"\u{1b}[2J\u{7}\")"),
    );

    // ---- syntax
    for (i, f) in [0.05, 0.2, 0.35, 0.5, 0.65, 0.8, 0.95, 0.99]
        .into_iter()
        .enumerate()
    {
        add(&format!("truncated_{i}"), cut(f));
    }
    add(
        "truncated_in_a_string",
        with("Hello!\", zh: \"你好！\"))),", "Hel"),
    );
    add(
        "truncated_in_a_number",
        HELLO[..HELLO.find("12000").unwrap() + 2].to_string(),
    );
    add(
        "missing_comma_between_users",
        with("avatar: \"boy\"),", "avatar: \"boy\")"),
    );
    add(
        "missing_comma_in_send",
        with("from: \"lilei\", to", "from: \"lilei\" to"),
    );
    add("missing_colon", with("seed: 7", "seed 7"));
    add(
        "unclosed_string",
        with("\"Li Lei says hello\"", "\"Li Lei says hello"),
    );
    add(
        "unclosed_last_string",
        format!("{}\"", HELLO.trim_end().trim_end_matches(')')),
    );
    add(
        "unclosed_block_comment",
        plus("seed: 7,", "/* a comment that never ends"),
    );
    add(
        "unclosed_list",
        with("    ],\n    friends", "\n    friends"),
    );
    add(
        "unclosed_paren",
        with("Login(\"hanmeimei\")),", "Login(\"hanmeimei\"),"),
    );
    add(
        "unclosed_root",
        HELLO.trim_end().trim_end_matches(')').to_string(),
    );
    add(
        "extra_closing_paren",
        with("Login(\"hanmeimei\")),", "Login(\"hanmeimei\"))),"),
    );
    add(
        "extra_closing_bracket",
        with("    ],\n    friends", "    ]],\n    friends"),
    );
    add(
        "mismatched_brackets",
        with("(\"lilei\", \"hanmeimei\")]", "(\"lilei\", \"hanmeimei\"]]"),
    );
    add("trailing_junk", format!("{HELLO}\nand more"));
    add("two_scenarios", format!("{HELLO}{HELLO}"));
    add("stray_brace", plus("seed: 7,", "}"));
    add("bad_escape", with("\"Hello!\", zh", "\"Hel\\qlo!\", zh"));
    add(
        "deep_lists",
        with("users: [", &format!("users: {}", "[".repeat(300))),
    );
    add(
        "deep_parens",
        with("title: ", &format!("title: {}", "(".repeat(300))),
    );
    add(
        "deep_balanced",
        with(
            SEED,
            &format!("seed: {}7{}", "[".repeat(200), "]".repeat(200)),
        ),
    );
    add("a_lone_open_paren", "(".to_string());
    add("empty_parens", "()".to_string());
    add("a_list", "[]".to_string());
    add(
        "only_comments",
        "// nothing here\n/* or here */\n".to_string(),
    );
    add("only_spaces", " \n\t\n   ".to_string());
    add("empty", String::new());

    // ---- other formats
    add(
        "yaml",
        "title: Li Lei says hello\nusers:\n  - id: lilei\n  - id: hanmeimei\n".into(),
    );
    add("yaml_document", "---\ntitle: hello\n".into());
    add(
        "json",
        "{\"title\": \"Li Lei says hello\", \"users\": [{\"id\": \"lilei\"}]}\n".into(),
    );
    add(
        "toml",
        "title = \"Li Lei says hello\"\n\n[[users]]\nid = \"lilei\"\n".into(),
    );
    add(
        "xml",
        "<?xml version=\"1.0\"?>\n<scenario title=\"hello\"/>\n".into(),
    );
    add(
        "rust_struct",
        "Scenario { title: \"x\", users: vec![] }\n".into(),
    );
    add(
        "named_root",
        format!("Scenario{}", HELLO.trim_start_matches(|c| c != '(')),
    );
    add(
        "some_root",
        format!("Some({})", HELLO.trim_start_matches(|c| c != '(')),
    );
    add(
        "markdown",
        "# Li Lei says hello\n\n- lilei\n- hanmeimei\n".into(),
    );

    let mut c: Vec<(String, Vec<u8>)> = c.into_iter().map(|(n, t)| (n, t.into_bytes())).collect();
    // ---- bytes that are not UTF-8 text
    c.push((
        "binary_png".into(),
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10".to_vec(),
    ));
    c.push(("binary_zeros".into(), vec![0; 64]));
    c.push(("binary_ff".into(), vec![0xff; 64]));
    let mut utf16 = vec![0xff, 0xfe];
    utf16.extend(HELLO.encode_utf16().flat_map(u16::to_le_bytes));
    c.push(("utf16".into(), utf16));
    let mut latin1 = with("Li Lei says hello", "Li Lei dit bonjour, caf").into_bytes();
    let at = latin1.windows(3).position(|w| w == b"caf").unwrap() + 3;
    latin1.insert(at, 0xe9);
    c.push(("latin1_accent".into(), latin1));
    c.push((
        "bom_then_json".into(),
        b"\xef\xbb\xbf{\"title\": \"x\"}".to_vec(),
    ));
    let mut bom_cut = b"\xef\xbb\xbf".to_vec();
    bom_cut.extend(cut(0.5).into_bytes());
    c.push(("bom_then_truncated".into(), bom_cut));
    c.push((
        "nul_in_the_middle".into(),
        with("seed: 7", "seed: \u{0}7").into_bytes(),
    ));
    c
}

#[test]
#[ignore = "writes tests/corpus; run it when the generator changes"]
fn write_the_corpus() {
    let dir = Path::new(CORPUS);
    std::fs::create_dir_all(dir).unwrap();
    for e in std::fs::read_dir(dir).unwrap() {
        let path = e.unwrap().path();
        if path.extension().is_some_and(|x| x == "ron") {
            std::fs::remove_file(path).unwrap();
        }
    }
    let files = corpus();
    let mut names = std::collections::HashSet::new();
    for (name, bytes) in &files {
        assert!(names.insert(name.clone()), "{name} twice");
        std::fs::write(dir.join(format!("{name}.ron")), bytes).unwrap();
    }
}

/// The corpus on disk is what the generator writes (run `write_the_corpus` after
/// changing it).
#[test]
fn the_corpus_is_up_to_date() {
    for (name, bytes) in corpus() {
        let path = Path::new(CORPUS).join(format!("{name}.ron"));
        let on_disk = std::fs::read(&path).unwrap_or_default();
        assert!(
            on_disk == bytes,
            "{} is stale: run write_the_corpus",
            path.display()
        );
    }
}

/// `FILE:LINE:COL:` at the start of `err`.
fn located(err: &str, file: &str) -> bool {
    let Some(rest) = err.strip_prefix(file).and_then(|r| r.strip_prefix(':')) else {
        return false;
    };
    let mut parts = rest.splitn(3, ':');
    let number =
        |p: Option<&str>| p.is_some_and(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
    number(parts.next()) && number(parts.next()) && parts.next().is_some()
}

#[test]
fn every_file_in_the_corpus_is_refused_with_its_place() {
    let mut files: Vec<String> = std::fs::read_dir(CORPUS)
        .unwrap()
        .map(|e| format!("tests/corpus/{}", e.unwrap().file_name().to_string_lossy()))
        .filter(|f| f.ends_with(".ron"))
        .collect();
    files.sort();
    assert!(files.len() >= 100, "only {} files", files.len());
    for file in &files {
        let o = postoffice(&["check", file]);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{file}: {err}");
        assert!(
            located(&err, file),
            "{file}: no FILE:LINE:COL at the start of\n{err}"
        );
        let words = err.replace(file.as_str(), "FILE");
        for word in RUST_WORDS {
            assert!(!words.contains(word), "{file}: {word:?} in\n{err}");
        }
        assert!(
            !err.chars()
                .any(|c| c != '\n' && postoffice::report::safe::is_unsafe(c)),
            "{file}: a raw control character in\n{err:?}"
        );
        assert!(
            err.len() < 20_000,
            "{file}: {} bytes of messages",
            err.len()
        );
    }
}

#[test]
fn the_scenes_still_check() {
    let o = postoffice(&["check", "scenes"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}
