//! The reading of a story with chats (issue 25), counted for the recap and the
//! "In all" line, as a part of its "Beside the letters" sentence: "3 of the 5
//! copies that reached a phone were read (2 not); “read” went back for 3, and 3 reached the
//! writers". Nothing for a story where no chat opens (every story before
//! issue 25).

use super::super::caption::S;
use super::zh_count;
use crate::sim::ReadReceipts;
use crate::sim::facts::Facts;

/// The part about reading, if a chat opened in the story.
pub(super) fn read_parts(s: &S, f: &Facts) -> Vec<String> {
    let r = &f.reads;
    if !r.chats {
        return Vec::new();
    }
    // A screen that showed a letter is a copy that could be read.
    let shown: usize = f.letters.iter().map(|l| l.screens.len()).sum();
    let unread = shown.saturating_sub(r.read);
    let (en_read, zh_read) = match s.eng() {
        true => (
            format!(
                "{} of {shown} delivered copies were read ({unread} unread)",
                r.read
            ),
            format!(
                "送达的{}条消息中{}条已读（{}条未读）",
                zh_count(shown),
                zh_count(r.read),
                zh_count(unread)
            ),
        ),
        false => (
            format!(
                "{} of the {shown} copies that reached a phone were read ({unread} not)",
                r.read
            ),
            format!(
                "送到手机上的{}份信里有{}份读了（{}份没读）",
                zh_count(shown),
                zh_count(r.read),
                zh_count(unread)
            ),
        ),
    };
    let back = match (s.ctx.settings.read_receipts, r.noted) {
        (ReadReceipts::Off, _) => s.p(
            "no “read” went back (this app has none)".into(),
            "没有回过“已读”（这个应用没有）".into(),
        ),
        (_, 0) => s.p(
            "no “read” went back (switched off)".into(),
            "没有回过“已读”（关掉了）".into(),
        ),
        (_, n) => s.p(
            format!(
                "“read” went back for {n}, and {} reached the writers",
                r.told
            ),
            format!(
                "{}封回了“已读”，写信人收到了其中{}封",
                zh_count(n),
                zh_count(r.told)
            ),
        ),
    };
    vec![s.p(format!("{en_read}; {back}"), format!("{zh_read}；{back}"))]
}
