//! Saving a lesson: the scene's own text with the live actions written into its
//! `script`, so that `postoffice run` and the window replay the lesson exactly.
//!
//! Only four things change in the text: the live actions are added at the end of
//! `script` (under a comment, each written by `scenario::action`; each letter with
//! an id of its own, `class-1`, `class-2`, …: see [`class_ids`]), `until_ms` is
//! raised when an action lies past it, the settings the panel switched are written
//! (`order:`, `notifications:`, `shelf:`, `read_receipts:`, `recall:`,
//! `keeps_history:`, `sealed:`, and inside
//! their blocks `network: (bandwidth_kb_per_s:)` and `parcels: (keep_ms:)`, the
//! blocks' other fields kept: see [`super::settings`]), and the scene's
//! expectations are kept but commented out (a cut link may make them false).
//! Everything else — comments, layout, order of the fields — stays as it was
//! written. A letter with a photo or a voice message is written with its `parcel:`.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use super::settings;
use super::{LiveAction, lesson_until};
use crate::scenario::action::{entry_ron, entry_ron_with_id};
use crate::scenario::locate::{Lexer, Locator};
use crate::scenario::{Scenario, ScenarioError};
use crate::sim::Action;

/// Why a lesson could not be saved.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    #[error("{0}: cannot write the lesson there: {1}")]
    Io(PathBuf, std::io::Error),
    /// The text made does not read back as a scene (a mistake of this program).
    #[error("the lesson's text is not a valid scene: {0}")]
    Invalid(Box<ScenarioError>),
}

/// One text change: replace `range` of the source with `with`.
struct Edit {
    range: std::ops::Range<usize>,
    with: String,
}

/// The scene's text with the live actions spliced in (see the module's words).
pub fn lesson_text(scene: &Scenario, live: &[LiveAction]) -> String {
    let src: &str = &scene.source;
    let loc = Locator::new(src);
    let mut edits = Vec::new();
    // The live actions, at the end of the script.
    if !live.is_empty() {
        let mut lines = String::from("\n        // Added during the lesson:\n");
        let mut ids = class_ids(scene);
        for (at, action) in live {
            let entry = match action {
                Action::Send { .. } => {
                    let id = ids.next().expect("the ids never run out");
                    entry_ron_with_id(*at, action, &scene.world, &id)
                }
                _ => entry_ron(*at, action, &scene.world),
            };
            let _ = writeln!(lines, "        {entry},");
        }
        match loc.closing_bracket("script") {
            Some(close) => edits.push(append_before(src, close, &lines)),
            None => insert_field(&loc, &mut edits, &format!("script: [{lines}    ]")),
        }
    }
    // The settings the panel switched.
    edits.extend(
        settings::edits(scene, &loc)
            .into_iter()
            .map(|(range, with)| Edit { range, with }),
    );
    // `until_ms`, raised where an action lies past it: only its value is replaced
    // (a comment before or after it stays).
    if let (Some(until), Some(raised)) = (scene.until_ms, lesson_until(scene, live))
        && raised != until
        && let Some(value) = loc.value_span("until_ms")
    {
        edits.push(Edit {
            range: value,
            with: raised.to_string(),
        });
    }
    // The expectations, kept but switched off.
    if (!live.is_empty() || settings::switched(scene))
        && let Some(span) = loc.span("expect")
    {
        edits.push(comment_out(
            src,
            span,
            "// The scene's expectations, switched off for this lesson (its live actions may change the story):",
        ));
    }
    edits.sort_by_key(|e| std::cmp::Reverse(e.range.start));
    let mut out = src.to_string();
    for e in edits {
        out.replace_range(e.range, &e.with);
    }
    out
}

/// The ids a lesson gives the letters the class wrote, in turn: `class-1`,
/// `class-2`, … passing over the scene's own letter ids, and over any string the
/// scene's text holds (a letter's words `"class-1"`, which a question may name, is
/// not shadowed by an id). A question names a letter by its id, or (a letter
/// without one) by its words or its number among its sender's letters without an
/// id (`lilei#2`): so the class's letters, which all have ids, never take the place
/// of a letter a question names, whenever they were written. (An id with no `#`
/// never looks like a letter's number.)
pub fn class_ids(scene: &Scenario) -> impl Iterator<Item = String> + '_ {
    (1u64..).map(|n| format!("class-{n}")).filter(|id| {
        scene.letter_named(id).is_none() && !scene.source.contains(&format!("\"{id}\""))
    })
}

/// Adds a field first in the scenario, right after its opening bracket (where no
/// other change to the text reaches).
fn insert_field(loc: &Locator, edits: &mut Vec<Edit>, field: &str) {
    let Some(open) = loc.opening_bracket("") else {
        return;
    };
    edits.push(Edit {
        range: open..open + 1,
        with: format!("(\n    {field},"),
    });
}

/// Adds `items` (text starting on a new line) before the closing bracket at
/// `close`: after a comma following the last item there — written right after it,
/// not after a comment that may follow it — and after every comment, which stays.
fn append_before(src: &str, close: usize, items: &str) -> Edit {
    let last = Lexer::new(&src[..close]).last();
    let (start, comma) = match last {
        Some(t) => {
            let tok = &src[t.start..t.end];
            let needs = !matches!(tok, "," | "[" | "(" | "{");
            (t.end, if needs { "," } else { "" })
        }
        None => (0, ""),
    };
    // The comments between the last item and the bracket, as they are.
    let between = src[start..close].trim_end();
    // A line comment ends its line: the bracket goes on a line of its own.
    Edit {
        range: start..close,
        with: format!("{comma}{between}{items}    "),
    }
}

/// The field at `span` (and a comma after it) as line comments, on lines of its own,
/// under the line `why` (a comment).
fn comment_out(src: &str, span: std::ops::Range<usize>, why: &str) -> Edit {
    let mut end = span.end;
    let rest = &src[end..];
    let after = rest.len() - rest.trim_start().len();
    if rest.trim_start().starts_with(',') {
        end += after + 1;
    }
    let line_start = src[..span.start].rfind('\n').map_or(0, |i| i + 1);
    let indent: String = src[line_start..span.start]
        .chars()
        .take_while(|c| c.is_whitespace())
        .collect();
    let before_on_line = src[line_start..span.start].trim().is_empty();
    let mut with = String::new();
    if !before_on_line {
        with.push('\n');
        with.push_str(&indent);
    }
    let _ = writeln!(with, "{why}");
    for line in src[span.start..end].lines() {
        let line = line.strip_prefix(indent.as_str()).unwrap_or(line);
        let _ = writeln!(with, "{indent}// {line}");
    }
    // Whatever stood after the field on its last line stays, on a line of its own.
    let line_end = src[end..].find('\n').map_or(src.len(), |i| end + i);
    let tail = src[end..line_end].trim();
    if tail.is_empty() {
        with.pop();
        Edit {
            range: span.start..line_end,
            with,
        }
    } else {
        with.push_str(&indent);
        Edit {
            range: span.start..end,
            with,
        }
    }
}

/// The first free `<stem>-lesson-<n>.ron` beside `scene_path` (or in `./` when its
/// folder does not exist), created without ever overwriting a file or following a
/// link (a name taken by anything, a broken link included, is passed over), and
/// written with `text`; removed again when the text cannot be written whole.
pub fn write_beside(scene_path: &Path, text: &str) -> Result<PathBuf, SaveError> {
    let dir = scene_path
        .parent()
        .filter(|d| d.as_os_str().is_empty() || d.is_dir())
        .map(Path::to_path_buf)
        .unwrap_or_default();
    let stem = scene_path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "scene".into());
    // A lesson saved from a lesson is numbered after the scene it came from.
    let stem = match stem.rsplit_once("-lesson-") {
        Some((base, n)) if n.chars().all(|c| c.is_ascii_digit()) => base.to_string(),
        _ => stem,
    };
    for n in 1.. {
        let path = dir.join(format!("{stem}-lesson-{n}.ron"));
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
        {
            Ok(mut f) => {
                return match f.write_all(text.as_bytes()).and_then(|()| f.sync_all()) {
                    Ok(()) => Ok(path),
                    Err(e) => {
                        // Not half a lesson left behind under a lesson's name (the
                        // file is the one just made: no one else's).
                        drop(f);
                        let _ = std::fs::remove_file(&path);
                        Err(SaveError::Io(path, e))
                    }
                };
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(SaveError::Io(path, e)),
        }
    }
    unreachable!("some number is free")
}

/// `text` (a lesson's) with the questions whose moment no longer comes in its story
/// switched off (commented out), so that the saved lesson checks and runs: the
/// class may have changed the story (a cut line, a letter that never leaves).
pub fn without_missed_questions(text: String, file: &str) -> String {
    let Ok(scene) = crate::scenario::parse(file, text.as_bytes()) else {
        return text;
    };
    if scene.check_size(None).is_err() {
        return text;
    }
    let Err(e) = scene.check_moments() else {
        return text;
    };
    let mut missed: Vec<usize> = e
        .problems()
        .iter()
        .filter_map(|p| {
            let entry = p.entry.as_deref()?.strip_prefix("questions[")?;
            entry[..entry.find(']')?].parse().ok()
        })
        .collect();
    missed.sort_unstable();
    missed.dedup();
    let loc = Locator::new(&text);
    let mut edits: Vec<Edit> = missed
        .into_iter()
        .filter_map(|i| loc.span(&format!("questions[{i}]")))
        .map(|span| {
            comment_out(
                &text,
                span,
                "// A question switched off for this lesson: its moment no longer comes in the story.",
            )
        })
        .collect();
    edits.sort_by_key(|e| std::cmp::Reverse(e.range.start));
    let mut out = text;
    for e in edits {
        out.replace_range(e.range, &e.with);
    }
    out
}

impl super::Lesson {
    /// The lesson as a scene file's text (questions whose moment no longer comes
    /// switched off: see [`without_missed_questions`]).
    pub fn text(&self) -> String {
        let text = lesson_text(self.scene(), self.live());
        if self.live().is_empty() && !settings::switched(self.scene()) {
            return text;
        }
        without_missed_questions(text, &self.scene().file)
    }

    /// Saves the lesson beside `scene_path` (see [`write_beside`]), after checking
    /// that its text reads back as a scene.
    pub fn save_beside(&self, scene_path: &Path) -> Result<PathBuf, SaveError> {
        let text = self.text();
        crate::scenario::parse(&self.scene().file, text.as_bytes())
            .map_err(|e| SaveError::Invalid(Box::new(e)))?;
        write_beside(scene_path, &text)
    }
}
