//! A folded timeline line tells one writer's letters: "shows “A” and “B” next to
//! Li Lei's avatar, in the order Li Lei wrote them" must not list Jim's letter,
//! and "signs for the two letters; the post office passes the news to Han Meimei"
//! must not hide Li Lei's news. Two writers' letters that arrive, are filed,
//! shown and signed for in the same millisecond get a line each, in both
//! languages and every register.

mod common;

use common::{postoffice, scratch, stdout};

/// Li Lei and Jim each write `k` letters to Han Meimei while her app is closed;
/// she opens it at 5 s and gets them all at once.
fn scene(k: usize) -> String {
    let mut sends = Vec::new();
    for i in 0..k {
        for (j, who) in ["lilei", "jim"].iter().enumerate() {
            sends.push(format!(
                r#"(at_ms: {}, do: Send(from: "{who}", to: "hanmeimei", text: (en: "{who} {i}", zh: "{who} 第{i}封"))),"#,
                1000 + 100 * (2 * i + j)
            ));
        }
    }
    format!(
        r#"(
    title: "Two writers",
    users: [(id: "lilei", name: (en: "Li Lei", zh: "李雷")), (id: "jim", name: (en: "Jim", zh: "吉姆")), (id: "hanmeimei", name: (en: "Han Meimei", zh: "韩梅梅"))],
    friends: [("lilei", "hanmeimei"), ("jim", "hanmeimei")],
    script: [
        (at_ms: 0, do: Login("lilei")),
        (at_ms: 0, do: Login("jim")),
        {}
        (at_ms: 5000, do: Login("hanmeimei")),
    ],
)"#,
        sends.join("\n        ")
    )
}

#[test]
fn a_line_that_names_a_writer_lists_only_that_writers_letters() {
    let dir = scratch("one_writer_a_line");
    let mut lines_checked = 0;
    for k in 1..=3 {
        let path = dir.join(format!("two_writers_{k}.ron"));
        std::fs::write(&path, scene(k)).expect("write the scene");
        for lang in ["en", "zh"] {
            for words in ["both", "engineer", "story"] {
                let out = postoffice(&[
                    "run",
                    path.to_str().expect("a path"),
                    "--lang",
                    lang,
                    "--words",
                    words,
                ]);
                let text = stdout(&out);
                assert!(out.status.success(), "{text}");
                for line in text.lines() {
                    // The letters a line lists, by their writer's id in their words.
                    let lilei = line.contains("lilei ");
                    let jim = line.contains("jim ");
                    let names_one = |en: &str, zh: &str| line.contains(en) || line.contains(zh);
                    let writer_named = names_one("Li Lei", "李雷") || names_one("Jim", "吉姆");
                    if lilei && jim && writer_named && !line.contains("In all") {
                        // A line may list both only where it names no writer (the
                        // post office's shelf and sorting): then it names neither.
                        panic!("one line, two writers' letters ({lang}, {words}):\n{line}");
                    }
                    lines_checked += usize::from(lilei || jim);
                }
                // Every letter is shown, next to its own writer's avatar.
                let shown = text
                    .lines()
                    .filter(|l| l.contains("9/9") || l.contains("第 9 步"))
                    .count();
                assert!(shown >= 2, "{lang} {words}: {shown} display lines\n{text}");
            }
        }
    }
    assert!(lines_checked > 100, "{lines_checked}");
}
