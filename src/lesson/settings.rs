//! A lesson's scene settings that the window's panel switches by telling the scene
//! again from its start (`order:`, `notifications:`, `shelf:`, `read_receipts:`,
//! `recall:`, `keeps_history:`, `sealed:`, and inside their blocks `network: (bandwidth_kb_per_s:)` and
//! `parcels: (keep_ms:)`: see [`super::Lesson::with_settings`]), as its saved text
//! writes them, so that the saved lesson replays the same story. The other fields
//! of a block (`latency_ms`, `loss`, `part_kb`) stay as written. Kept apart from
//! [`super::save`], which calls it.

use std::ops::Range;

use crate::scenario::Scenario;
use crate::scenario::locate::{Lexer, Locator};
use crate::sim::{Notifications, Order, ReadReceipts, Shelf};

/// One switchable setting: its field, its value as the lesson tells it and its
/// default, both as a scene's text writes them.
struct Field {
    name: &'static str,
    value: String,
    default: String,
}

impl Field {
    /// Whether the text's value `written` says what this field's value says:
    /// the same words, spaces aside; for `read_receipts:` the same mode (who
    /// turned them off is the scene's own, kept as its text lists them); for
    /// `recall:` the same limit.
    fn says(&self, written: &str) -> bool {
        let key = |v: &str| -> String {
            let v = no_comments(v);
            match self.name {
                "read_receipts" => v
                    .trim()
                    .chars()
                    .take_while(char::is_ascii_alphanumeric)
                    .collect(),
                // `(limit_ms: 120_000)`, `()`: the number alone, the default's where none.
                "recall" => {
                    let after = v.split_once("limit_ms").map_or("", |(_, n)| n);
                    let n: String = after
                        .trim_start_matches(|c: char| c == ':' || c.is_whitespace())
                        .chars()
                        .take_while(|c| c.is_ascii_digit() || *c == '_')
                        .filter(char::is_ascii_digit)
                        .collect();
                    match n.trim_start_matches('0') {
                        "" if n.is_empty() => crate::sim::RECALL_LIMIT_MS.to_string(),
                        n => n.to_string(),
                    }
                }
                _ => v.chars().filter(|c| !c.is_whitespace()).collect(),
            }
        };
        key(written) == key(&self.value)
    }
}

/// `v` without its comments (`/* … */`, `// …` to the end of its line).
fn no_comments(v: &str) -> String {
    let mut out = String::with_capacity(v.len());
    let mut rest = v;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix("/*") {
            rest = after.split_once("*/").map_or("", |(_, r)| r);
            out.push(' ');
        } else if let Some(after) = rest.strip_prefix("//") {
            rest = after.split_once('\n').map_or("", |(_, r)| r);
            out.push(' ');
        } else {
            let c = rest.chars().next().unwrap_or(' ');
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    out
}

/// The switchable settings of the lesson's scene, as written in a scene's text.
fn fields(scene: &Scenario) -> [Field; 7] {
    let s = &scene.settings;
    let field = |name, value: &str, default: &str| Field {
        name,
        value: value.to_string(),
        default: default.to_string(),
    };
    [
        field(
            "order",
            match s.order {
                Order::EachPhone => "EachPhone",
                Order::PostOffice => "PostOffice",
            },
            // A scene where someone has several devices is numbered by the post
            // office unless its text says otherwise (and may say nothing else).
            if scene.world.has_devices() {
                "PostOffice"
            } else {
                "EachPhone"
            },
        ),
        field("notifications", notifications(s.notifications), "Off"),
        field(
            "shelf",
            match s.shelf {
                Shelf::HandedOver => "HandedOver",
                Shelf::Fetched => "Fetched",
            },
            "HandedOver",
        ),
        field("read_receipts", &read_receipts(scene), "Off"),
        field(
            "recall",
            &recall(s.recall_limit_ms),
            &recall(crate::sim::RECALL_LIMIT_MS),
        ),
        field(
            "keeps_history",
            if s.keeps_history { "true" } else { "false" },
            "false",
        ),
        field("sealed", if s.sealed { "true" } else { "false" }, "false"),
    ]
}

/// `notifications:` as a scene's text writes it.
pub fn notifications(n: Notifications) -> &'static str {
    match n {
        Notifications::Off => "Off",
        Notifications::Words => "Words",
        Notifications::NameOnly => "NameOnly",
        Notifications::Hidden => "Hidden",
    }
}

/// `read_receipts:` as a scene's text writes it, with the scene's own list of
/// who turned them off (`Mutual(off: ["jim"])`).
fn read_receipts(scene: &Scenario) -> String {
    let mode = match scene.settings.read_receipts {
        ReadReceipts::Off => return "Off".to_string(),
        ReadReceipts::On => return "On".to_string(),
        ReadReceipts::Mutual => "Mutual",
        ReadReceipts::Reader => "Reader",
    };
    let off: Vec<String> = scene
        .receipts_off
        .iter()
        .map(|&u| format!("{:?}", scene.world.person(u).id))
        .collect();
    match off.is_empty() {
        true => format!("{mode}()"),
        false => format!("{mode}(off: [{}])", off.join(", ")),
    }
}

/// `recall:` as a scene's text writes it.
fn recall(limit_ms: crate::sim::Time) -> String {
    format!("(limit_ms: {limit_ms})")
}

/// The value the scene's text gives the field (its default where not written).
fn written<'a>(loc: &'a Locator, f: &'a Field) -> &'a str {
    loc.raw(f.name).map_or(&f.default, str::trim)
}

/// Whether the lesson tells the scene with other settings than its text gives
/// (the window's panel switched one: [`super::Lesson::with_settings`]).
pub fn switched(scene: &Scenario) -> bool {
    let loc = Locator::new(&scene.source);
    fields(scene).iter().any(|f| !f.says(written(&loc, f)))
        || inner(scene).iter().any(|f| !f.says(&loc))
}

/// The changes that write the lesson's settings into the scene's text, where they
/// are not the text's: a value replaced, the field taken out (with its comma) for
/// its default, or the fields not written added first in the scenario (one change,
/// in the order `order`, `notifications`, `shelf`, `read_receipts`, `recall`,
/// `keeps_history`, `sealed`).
pub fn edits(scene: &Scenario, loc: &Locator) -> Vec<(Range<usize>, String)> {
    let mut out = Vec::new();
    let mut added = String::new();
    for f in fields(scene) {
        if f.says(written(loc, &f)) {
            continue;
        }
        if f.says(&f.default) {
            out.extend(remove(loc, f.name));
        } else if let Some(value) = loc.value_span(f.name) {
            out.push((value, f.value.clone()));
        } else {
            added.push_str(&format!("\n    {}: {},", f.name, f.value));
        }
    }
    for f in inner(scene) {
        if f.says(loc) {
            continue;
        }
        let path = f.path();
        match f.value {
            None => out.extend(remove(loc, &path)),
            Some(n) => match loc.value_span(&path) {
                Some(value) => out.push((value, n.to_string())),
                None => match add_inside(loc, f.block, &format!("{}: {n}", f.name)) {
                    Some(edit) => out.push(edit),
                    None => added.push_str(&format!("\n    {}: ({}: {n}),", f.block, f.name)),
                },
            },
        }
    }
    if !added.is_empty()
        && let Some(open) = loc.opening_bracket("")
    {
        out.push((open..open + 1, format!("({added}")));
    }
    out
}

/// A switchable setting inside a block of the scene's text: a whole number, or
/// none (the field left out: no limit on the parcel line, parcels kept for ever).
struct Inner {
    block: &'static str,
    name: &'static str,
    value: Option<u64>,
}

impl Inner {
    /// `network.bandwidth_kb_per_s`.
    fn path(&self) -> String {
        format!("{}.{}", self.block, self.name)
    }

    /// Whether the text says this value: the same number (`60_000` is `60000`,
    /// comments aside), or none where the field is not written.
    fn says(&self, loc: &Locator) -> bool {
        let written = loc.raw(&self.path()).map(|v| {
            no_comments(v)
                .chars()
                .filter(|c| !c.is_whitespace() && *c != '_')
                .collect::<String>()
                .parse::<u64>()
        });
        match (written, self.value) {
            (None, None) => true,
            (Some(Ok(w)), Some(v)) => w == v,
            _ => false,
        }
    }
}

/// The settings switched inside a block: the parcel line's speed and how long
/// the parcel store keeps a parcel (issue 26).
fn inner(scene: &Scenario) -> [Inner; 2] {
    let s = &scene.settings;
    [
        Inner {
            block: "network",
            name: "bandwidth_kb_per_s",
            value: s.network.bandwidth_kb_per_s.map(u64::from),
        },
        Inner {
            block: "parcels",
            name: "keep_ms",
            value: s.parcels.keep_ms,
        },
    ]
}

/// The change that adds `field` (`name: value`) last inside the block `block`
/// (`network: (...)`), after its last field: on the same line in a block written
/// on one line, on a line of its own (indented as the last field, after any
/// comment ending that line) in a block written over several. `None` when the
/// text has no such block.
fn add_inside(loc: &Locator, block: &str, field: &str) -> Option<(Range<usize>, String)> {
    let close = loc.closing_bracket(block)?;
    let src = loc.src();
    let last = Lexer::new(&src[..close]).last()?;
    let tok = &src[last.start..last.end];
    let comma = match tok {
        "," | "(" => "",
        _ => ",",
    };
    let between = &src[last.end..close];
    if tok != "("
        && let Some(nl) = between.find('\n')
    {
        let line_start = src[..last.start].rfind('\n').map_or(0, |i| i + 1);
        let indent: String = src[line_start..]
            .chars()
            .take_while(|c| *c == ' ' || *c == '\t')
            .collect();
        let end = last.end + nl;
        return Some((
            last.end..end,
            format!("{comma}{}\n{indent}{field},", &between[..nl]),
        ));
    }
    let space = if tok == "(" { "" } else { " " };
    Some((last.end..last.end, format!("{comma}{space}{field}")))
}

/// The change that takes field `name` out of the text, with its comma, and its
/// line when nothing else stands on it.
fn remove(loc: &Locator, name: &str) -> Option<(Range<usize>, String)> {
    let span = loc.span(name)?;
    let src = loc.src();
    let rest = &src[span.end..];
    let mut end = span.end + (rest.len() - rest.trim_start().len());
    if src[end..].starts_with(',') {
        end += 1;
    }
    let line_start = src[..span.start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = src[end..].find('\n').map_or(src.len(), |i| end + i);
    let alone =
        src[line_start..span.start].trim().is_empty() && src[end..line_end].trim().is_empty();
    Some(if alone && line_end < src.len() {
        (line_start..line_end + 1, String::new())
    } else {
        (span.start..end, String::new())
    })
}
