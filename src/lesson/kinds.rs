//! The lesson's questions about single kinds (see docs/adding-a-kind.md).

use crate::sim::What;

/// "typing…" shown or gone: the start of a letter's story, so it opens the
/// lesson's beats rather than folding into the opening picture.
pub(super) fn opens_the_story(what: &What) -> bool {
    matches!(what, What::Typing { .. })
}
