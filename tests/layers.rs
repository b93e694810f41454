//! The layers import one another one way only. The lesson engine tells the story
//! and holds no sentences: it never imports the words layer (the words layer
//! reads the lesson, for its guesses, so an import back would make a loop).

use std::path::Path;

/// The lines of the `.rs` files under `dir` that name `module` in code (not in a
/// comment): `use crate::words…`, `crate::words::recap(…)`, `super::super::words`.
fn uses_of(dir: &Path, module: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    for path in files {
        if path.is_dir() {
            found.extend(uses_of(&path, module));
            continue;
        }
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or_default();
            let named = [
                format!("crate::{module}"),
                format!("super::super::{module}"),
            ]
            .iter()
            .any(|p| code.contains(p.as_str()))
                // `use crate::{sim, words};`
                || (code.contains("crate::{") && code.contains(module));
            if named {
                found.push(format!("{}:{}: {}", path.display(), n + 1, line.trim()));
            }
        }
    }
    found
}

#[test]
fn the_lesson_engine_does_not_import_the_words() {
    let lesson = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/lesson");
    let found = uses_of(&lesson, "words");
    assert!(
        found.is_empty(),
        "src/lesson/ imports the words layer ({} places); the callers should word the lesson:\n{}",
        found.len(),
        found.join("\n")
    );
}

/// The scan itself: it finds an import written in code, and not one in a comment.
#[test]
fn the_scan_finds_an_import_and_skips_a_comment() {
    let dir = std::env::temp_dir().join(format!("postoffice-layers-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("inner")).unwrap();
    std::fs::write(
        dir.join("a.rs"),
        "// crate::words is not used here\nfn a() {}\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("inner/b.rs"),
        "fn b() { crate::words::recap(); }\n",
    )
    .unwrap();
    let found = uses_of(&dir, "words");
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].contains("b.rs:1"), "{found:?}");
}
