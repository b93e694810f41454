//! A lesson's scene settings that the window's panel switches by telling the scene
//! again from its start (`order:`, `notifications:`, `shelf:`, `read_receipts:`,
//! `recall:`: see
//! [`super::Lesson::with_settings`]), as its saved text writes them, so that the
//! saved lesson replays the same story. Kept apart from [`super::save`], which
//! calls it.

use std::ops::Range;

use crate::scenario::Scenario;
use crate::scenario::locate::Locator;
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
fn fields(scene: &Scenario) -> [Field; 5] {
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
            "EachPhone",
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
}

/// The changes that write the lesson's settings into the scene's text, where they
/// are not the text's: a value replaced, the field taken out (with its comma) for
/// its default, or the fields not written added first in the scenario (one change,
/// in the order `order`, `notifications`, `shelf`, `read_receipts`, `recall`).
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
    if !added.is_empty()
        && let Some(open) = loc.opening_bracket("")
    {
        out.push((open..open + 1, format!("({added}")));
    }
    out
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
