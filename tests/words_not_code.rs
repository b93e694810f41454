//! What a person reads is words, never code: every action a class can take, and
//! every refusal, is worded by the words layer in both languages and every
//! register without the scene file's syntax (`Logout("hanmeimei")`), a Rust
//! debug print (`Some(…)`, `UserIdx(1)`), or an id; and no user-facing code path
//! formats with `{:?}` or shows an action as scene-file syntax.

use postoffice::lesson::Refused;
use postoffice::sim::{
    Action, Dest, Dir, FrameClass, GroupIdx, Lang, OwnLetter, Parcel, ParcelKind, Presence,
    RegisterChange, Text, UserIdx,
};
use postoffice::words::{Register, act};

/// Why `s` looks like code rather than words, if it does.
fn code_in(s: &str, ids: &[String]) -> Option<String> {
    for bit in [
        "(\"", "\")", "Some(", "None", "::", "{", "}", "Idx", "Dest", "Action", "Text ",
    ] {
        if s.contains(bit) {
            return Some(format!("`{bit}`"));
        }
    }
    // An action or a what as the scene file writes it.
    for name in [
        "Login",
        "Logout",
        "Send",
        "SendGroup",
        "LinkDown",
        "LinkUp",
        "SetLoss",
        "Drop",
        "Befriend",
        "Unfriend",
        "Block",
        "Unblock",
        "ServerDown",
        "ServerUp",
        "SetPresence",
        "StopTyping",
        "Typing",
        "Resend",
        "Recall",
        "Join",
        "Leave",
        "CloseApp",
        "OpenApp",
        "ToServer",
        "ToPhone",
        "Message",
        "Ack",
        "Heartbeat",
        "Parcel",
        "Photo",
        "Voice",
        "Any",
    ] {
        let mut from = 0;
        while let Some(i) = s[from..].find(name) {
            let at = from + i;
            let before = s[..at].chars().next_back();
            let after = s[at + name.len()..].chars().next();
            if !before.is_some_and(char::is_alphanumeric)
                && !after.is_some_and(char::is_alphanumeric)
            {
                return Some(format!("the file's word `{name}`"));
            }
            from = at + name.len();
        }
    }
    // An id, or an identifier: snake_case, or CamelCase other than app names.
    for w in s.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_')) {
        if ids.iter().any(|id| id == w) {
            return Some(format!("the id `{w}`"));
        }
        if w.contains('_') {
            return Some(format!("the identifier `{w}`"));
        }
        let humps = w
            .char_indices()
            .skip(1)
            .filter(|(_, c)| c.is_ascii_uppercase())
            .count();
        if humps > 0
            && w.chars().any(|c| c.is_ascii_lowercase())
            && !["WeChat", "WhatsApp"].contains(&w)
        {
            return Some(format!("the identifier `{w}`"));
        }
    }
    None
}

/// Every kind of action, on the people and group of scenes/group.ron.
fn every_action() -> (postoffice::scenario::Scenario, Vec<Action>) {
    let scene =
        postoffice::scenario::load(concat!(env!("CARGO_MANIFEST_DIR"), "/scenes/group.ron"))
            .expect("group.ron");
    let (a, b) = (UserIdx(0), UserIdx(1));
    let mut all = vec![
        Action::Login(postoffice::sim::DeviceIdx::main(a)),
        Action::Logout(postoffice::sim::DeviceIdx::main(b)),
        Action::Send {
            from: postoffice::sim::DeviceIdx::main(a),
            to: Dest::User(b),
            text: Text::new("Hello!", "你好！"),
            parcel: None,
        },
        Action::Send {
            from: postoffice::sim::DeviceIdx::main(a),
            to: Dest::Group(GroupIdx(0)),
            text: Text::same("Hi all"),
            parcel: None,
        },
        // Issue 26: a photo and a voice message.
        Action::Send {
            from: postoffice::sim::DeviceIdx::main(a),
            to: Dest::User(b),
            text: Text::new("The kite", "风筝"),
            parcel: Some(Parcel {
                kind: ParcelKind::Photo,
                kb: 1200,
            }),
        },
        Action::Send {
            from: postoffice::sim::DeviceIdx::main(a),
            to: Dest::Group(GroupIdx(0)),
            text: Text::new("Song", "一首歌"),
            parcel: Some(Parcel {
                kind: ParcelKind::Voice { seconds: 12 },
                kb: 24,
            }),
        },
        Action::LinkDown(postoffice::sim::DeviceIdx::main(b)),
        Action::LinkUp(postoffice::sim::DeviceIdx::main(b)),
        Action::SetLoss {
            user: postoffice::sim::DeviceIdx::main(a),
            loss: 0.3,
        },
        Action::SetLoss {
            user: postoffice::sim::DeviceIdx::main(a),
            loss: 0.0,
        },
        Action::ServerDown,
        Action::ServerUp,
        Action::SetPresence(Presence::Off),
        Action::SetPresence(Presence::Push),
        Action::SetPresence(Presence::Pull { every_ms: 10_000 }),
        Action::Typing {
            from: postoffice::sim::DeviceIdx::main(a),
            to: b,
            on: true,
        },
        Action::Typing {
            from: postoffice::sim::DeviceIdx::main(a),
            to: b,
            on: false,
        },
        Action::Resend(OwnLetter {
            from: postoffice::sim::DeviceIdx::main(a),
            text: Text::new("Hello!", "你好！"),
            nth: 0,
            named: Text::same("lilei#1"),
        }),
        Action::Recall(OwnLetter {
            from: postoffice::sim::DeviceIdx::main(a),
            text: Text::new("Hello!", "你好！"),
            nth: 0,
            named: Text::same("lilei#1"),
        }),
        Action::Membership {
            user: b,
            group: GroupIdx(0),
            join: false,
        },
        Action::Membership {
            user: b,
            group: GroupIdx(0),
            join: true,
        },
        Action::CloseApp(postoffice::sim::DeviceIdx::main(b)),
        Action::OpenApp(postoffice::sim::DeviceIdx::main(b)),
    ];
    for toward in [Dir::ToServer, Dir::ToPhone] {
        for what in [
            FrameClass::Message,
            FrameClass::Ack,
            FrameClass::Heartbeat,
            FrameClass::Parcel,
            FrameClass::Any,
        ] {
            all.push(Action::Drop {
                user: postoffice::sim::DeviceIdx::main(b),
                toward,
                what,
            });
        }
    }
    for change in [
        RegisterChange::Befriend,
        RegisterChange::Unfriend,
        RegisterChange::Block,
        RegisterChange::Unblock,
    ] {
        all.push(Action::Register(change, a, b));
    }
    (scene, all)
}

#[test]
fn every_action_and_refusal_is_worded_not_written_as_code() {
    let (scene, actions) = every_action();
    let w = &scene.world;
    let mut ids: Vec<String> = w.people.iter().map(|p| p.id.to_string()).collect();
    ids.extend(w.groups.iter().map(|g| g.id.to_string()));
    assert!(ids.iter().any(|i| i == "hanmeimei"), "{ids:?}");
    let refusals = [
        Refused::EmptyText,
        Refused::TextTooLong(2001),
        Refused::ToSelf,
        Refused::TooLate,
        Refused::TooManyActions,
        Refused::Recorded,
        Refused::AtStart,
        Refused::BadParcel,
        Refused::Bandwidth,
        Refused::KeepMs,
    ];
    let mut bad = Vec::new();
    for lang in [Lang::En, Lang::Zh] {
        for reg in Register::ALL {
            let mut said: Vec<String> = Vec::new();
            for a in &actions {
                let words = act::action(a, w, lang, reg);
                assert!(!words.trim().is_empty(), "{a:?} has words");
                said.push(words);
                said.push(act::undone(a, w, lang, reg));
            }
            for r in &refusals {
                said.push(act::refused(r, lang));
            }
            said.push(act::nothing_to_undo(lang).to_string());
            for s in said {
                if let Some(why) = code_in(&s, &ids) {
                    bad.push(format!("{lang:?} {reg:?}: {why} in “{s}”"));
                }
                // Chinese words say no English word but names and numbers.
                if lang == Lang::Zh
                    && s.split(|c: char| !c.is_ascii_alphabetic())
                        .any(|w| w.len() > 1 && !["Hi", "all"].contains(&w))
                {
                    bad.push(format!("{lang:?} {reg:?}: English in “{s}”"));
                }
            }
        }
    }
    // The check itself catches the class of problem.
    for code in [
        "Taken back: Logout(\"hanmeimei\")",
        "Taken back: Some(Login(UserIdx(1)))",
        "已撤销：hanmeimei",
        "Not added: TooLate",
        "dest: Group(GroupIdx(0))",
    ] {
        assert!(code_in(code, &ids).is_some(), "{code} passes as words");
    }
    assert!(
        bad.is_empty(),
        "{} sentences look like code:\n{}",
        bad.len(),
        bad.join("\n")
    );
}

/// Every source file on a path to a person's eyes (the words layer, the runner's
/// report, the window), without its test module.
fn user_facing_sources() -> Vec<(String, String)> {
    let root = env!("CARGO_MANIFEST_DIR");
    let mut out = Vec::new();
    for dir in ["src/words", "src/report", "src/viz"] {
        let mut files: Vec<_> = std::fs::read_dir(format!("{root}/{dir}"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "rs"))
            .collect();
        files.sort();
        for f in files {
            let text = std::fs::read_to_string(&f).unwrap();
            let code = match text.find("#[cfg(test)]") {
                Some(i) => text[..i].to_string(),
                None => text,
            };
            out.push((f.display().to_string(), code));
        }
    }
    assert!(out.len() > 20, "found {} files", out.len());
    out
}

#[test]
fn no_user_facing_code_formats_with_debug_or_writes_scene_syntax() {
    let mut bad = Vec::new();
    for (file, code) in user_facing_sources() {
        for (n, line) in code.lines().enumerate() {
            let t = line.trim_start();
            if t.starts_with("//") {
                continue;
            }
            // `{:?}`, `{x:?}`, `{:#?}`, `{0:?}`: a debug print.
            let debug = line
                .match_indices(":?}")
                .chain(line.match_indices(":#?}"))
                .any(|(i, _)| {
                    let open = line[..i].rfind('{');
                    open.is_some_and(|o| {
                        line[o + 1..i]
                            .chars()
                            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.')
                    })
                });
            if debug {
                bad.push(format!("{file}:{}: a debug print: {}", n + 1, t));
            }
            // An action as the scene file writes it, on screen.
            if line.contains("action_ron") {
                bad.push(format!(
                    "{file}:{}: scene-file syntax for a person: {}",
                    n + 1,
                    t
                ));
            }
        }
    }
    assert!(
        bad.is_empty(),
        "{} places would show code to a person:\n{}",
        bad.len(),
        bad.join("\n")
    );
}

/// Every line `run` prints — every lesson scene, both languages, every register,
/// the engineer's included — is words: no expectation, action or text as the
/// scene file writes it (`Displayed(to: "hanmeimei", …)`, `(en: "…", zh: …)`), no
/// debug print.
#[test]
fn run_prints_no_scene_file_syntax_in_any_register() {
    let root = env!("CARGO_MANIFEST_DIR");
    let mut scenes: Vec<_> = std::fs::read_dir(format!("{root}/scenes"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    scenes.sort();
    assert!(scenes.len() >= 11, "the lesson scenes: {scenes:?}");
    let mut bad = Vec::new();
    for scene in &scenes {
        for lang in ["en", "zh"] {
            for words in ["story", "both", "engineer"] {
                let o = std::process::Command::new(env!("CARGO_BIN_EXE_postoffice"))
                    .arg("run")
                    .arg(scene)
                    .args(["--lang", lang, "--words", words])
                    .output()
                    .unwrap();
                let text = String::from_utf8_lossy(&o.stdout);
                assert!(
                    text.lines().count() > 10,
                    "{scene:?} {lang} {words}: {text}"
                );
                for line in text.lines() {
                    for bit in [
                        "(to: \"",
                        "(en: \"",
                        "(from: \"",
                        "text: (",
                        "Some(",
                        "None)",
                        "::",
                        "Displayed(",
                        "DeliveredWithin(",
                        "NotDisplayed(",
                        "Returned(",
                        "MarkedOffline(",
                        "UserIdx",
                        "MsgId",
                    ] {
                        if line.contains(bit) {
                            bad.push(format!(
                                "{}, {lang}, {words}: `{bit}` in {line}",
                                scene.display()
                            ));
                        }
                    }
                }
            }
        }
    }
    assert!(bad.is_empty(), "{} lines:\n{}", bad.len(), bad.join("\n"));
}
