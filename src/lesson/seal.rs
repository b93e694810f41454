//! Sealed letters in a live lesson (issue 28): the switch "Letters travel
//! sealed" (`sealed:`), told again from the story's start with the class's
//! actions kept; a saved lesson writes `sealed: true` at the scenario's top.

use super::{Lesson, Refused};

impl Lesson {
    /// Whether the lesson's letters travel sealed (`sealed: true`).
    pub fn sealed(&self) -> bool {
        self.scene().settings.sealed
    }

    /// The same lesson told again from its start with letters travelling
    /// sealed, end-to-end encrypted (`true`: WhatsApp, Signal; a device opens
    /// them with its own key) or not (`false`: WeChat, Telegram outside its
    /// secret chats), the class's actions kept. Refused for a recorded story.
    pub fn with_sealed(&self, sealed: bool) -> Result<Lesson, Refused> {
        self.with_settings(|s| s.sealed = sealed)
    }
}
