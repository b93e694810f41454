//! A lesson's order (the scene setting `order:`), as its saved text writes it: the
//! window's panel can tell a scene with the other order
//! ([`super::Lesson::with_order`]), and the lesson saved afterwards says so, so that
//! it replays the same story. Kept apart from [`super::save`], which calls it.

use std::ops::Range;

use crate::scenario::Scenario;
use crate::scenario::locate::Locator;
use crate::sim::Order;

/// The order the scene's text gives (`order:`, else each phone's).
fn written(loc: &Locator) -> Order {
    match loc.raw("order").map(str::trim) {
        Some("PostOffice") => Order::PostOffice,
        _ => Order::EachPhone,
    }
}

/// Whether the lesson tells the scene with another order than its text gives (the
/// window's panel switched it: [`super::Lesson::with_order`]).
pub fn switched(scene: &Scenario) -> bool {
    written(&Locator::new(&scene.source)) != scene.settings.order
}

/// The change that writes the lesson's order into the scene's text, where it is
/// not the text's: `order: PostOffice` added first in the scenario, or the field
/// taken out (with its comma) for the default.
pub fn edit(scene: &Scenario, loc: &Locator) -> Option<(Range<usize>, String)> {
    if written(loc) == scene.settings.order {
        return None;
    }
    match scene.settings.order {
        Order::PostOffice => match loc.value_span("order") {
            // Written, but not as `PostOffice` (`EachPhone`): its value replaced.
            Some(value) => Some((value, "PostOffice".into())),
            None => {
                let open = loc.opening_bracket("")?;
                Some((open..open + 1, "(\n    order: PostOffice,".into()))
            }
        },
        Order::EachPhone => {
            let span = loc.span("order")?;
            let src = loc.src();
            let rest = &src[span.end..];
            let mut end = span.end + (rest.len() - rest.trim_start().len());
            if src[end..].starts_with(',') {
                end += 1;
            }
            // Its line goes too when nothing else stands on it.
            let line_start = src[..span.start].rfind('\n').map_or(0, |i| i + 1);
            let line_end = src[end..].find('\n').map_or(src.len(), |i| end + i);
            let alone = src[line_start..span.start].trim().is_empty()
                && src[end..line_end].trim().is_empty();
            Some(if alone && line_end < src.len() {
                (line_start..line_end + 1, String::new())
            } else {
                (span.start..end, String::new())
            })
        }
    }
}
