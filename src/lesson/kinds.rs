//! The lesson's questions about single kinds (see docs/adding-a-kind.md).

use crate::sim::What;

/// "typing…" shown or gone: the start of a letter's story, so it opens the
/// lesson's beats rather than folding into the opening picture.
pub(super) fn opens_the_story(what: &What) -> bool {
    matches!(what, What::Typing { .. })
}

/// Whether a bubble's status says the post office has its letter (✓ or ✓✓): a
/// letter its writer may recall (issue 25).
pub(super) fn the_post_office_has(status: crate::sim::Status) -> bool {
    use crate::sim::Status as S;
    match status {
        S::Posted | S::Delivered { .. } => true,
        S::Sending | S::Waiting | S::Returned(_) | S::Lost | S::Received => false,
    }
}
