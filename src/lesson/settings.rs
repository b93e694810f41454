//! A lesson's scene settings that the window's panel switches by telling the scene
//! again from its start (`order:`, `notifications:`, `shelf:`: see
//! [`super::Lesson::with_settings`]), as its saved text writes them, so that the
//! saved lesson replays the same story. Kept apart from [`super::save`], which
//! calls it.

use std::ops::Range;

use crate::scenario::Scenario;
use crate::scenario::locate::Locator;
use crate::sim::{Notifications, Order, Settings, Shelf};

/// One switchable setting: its field, its value as the lesson tells it and its
/// default, both as a scene's text writes them.
struct Field {
    name: &'static str,
    value: &'static str,
    default: &'static str,
}

/// The switchable settings of `s`, as written in a scene's text.
fn fields(s: &Settings) -> [Field; 3] {
    [
        Field {
            name: "order",
            value: match s.order {
                Order::EachPhone => "EachPhone",
                Order::PostOffice => "PostOffice",
            },
            default: "EachPhone",
        },
        Field {
            name: "notifications",
            value: notifications(s.notifications),
            default: "Off",
        },
        Field {
            name: "shelf",
            value: match s.shelf {
                Shelf::HandedOver => "HandedOver",
                Shelf::Fetched => "Fetched",
            },
            default: "HandedOver",
        },
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

/// The value the scene's text gives the field (its default where not written).
fn written<'a>(loc: &'a Locator, f: &Field) -> &'a str {
    loc.raw(f.name).map_or(f.default, str::trim)
}

/// Whether the lesson tells the scene with other settings than its text gives
/// (the window's panel switched one: [`super::Lesson::with_settings`]).
pub fn switched(scene: &Scenario) -> bool {
    let loc = Locator::new(&scene.source);
    fields(&scene.settings)
        .iter()
        .any(|f| written(&loc, f) != f.value)
}

/// The changes that write the lesson's settings into the scene's text, where they
/// are not the text's: a value replaced, the field taken out (with its comma) for
/// its default, or the fields not written added first in the scenario (one change,
/// in the order `order`, `notifications`, `shelf`).
pub fn edits(scene: &Scenario, loc: &Locator) -> Vec<(Range<usize>, String)> {
    let mut out = Vec::new();
    let mut added = String::new();
    for f in fields(&scene.settings) {
        if written(loc, &f) == f.value {
            continue;
        }
        if f.value == f.default {
            out.extend(remove(loc, f.name));
        } else if let Some(value) = loc.value_span(f.name) {
            out.push((value, f.value.to_string()));
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
