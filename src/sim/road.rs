//! The side roads of a letter's journey: a row of the catalogue of kinds
//! (`kinds.rs`, which re-exports them), kept in a file of their own because an
//! event's place in the story (`trace::Stage`) names them, and the catalogue
//! reads the trace: with the roads here, imports go one way (`tests/layers.rs`).

use serde::Deserialize;

/// The side roads of a letter's journey, and the life of the connections: one name
/// in code, in scene files (a question's `road:`) and in the JSON trace.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Deserialize)]
pub enum Road {
    /// Returned to sender (退信): the stamped letter is back on its sender's phone.
    ReturnToSender,
    /// Kept on the offline shelf for a recipient who is away.
    OfflineShelf,
    /// Waiting in the phone until its connection is back.
    WaitingToSend,
    /// ✓: the post office has it.
    Receipt,
    /// ✓✓: the recipient has it (and the acknowledgements around it).
    Delivered,
    /// Confirmed late: a letter put back on the shelf comes off it, delivered after
    /// all. (A letter taken from the shelf at a login is step 6, Forward.)
    DeliveredAfterAll,
    /// Sent again after no answer came.
    SentAgain,
    /// A copy already seen, recognised by its id.
    CopyRecognised,
    /// A frame of the letter vanished on the way.
    LostOnTheWay,
    /// The sender gave up: not sent.
    NotSent,
    /// `order: PostOffice`: the post office numbers it in its conversation (and the
    /// number puts the sender's own bubble in its place).
    Numbered,
    /// `order: PostOffice`: the phone keeps it until its earlier letter in the same
    /// conversation has its answer.
    WaitsItsTurn,
    /// `notifications:`: the post office sends a notification of it through the
    /// phone system's push service, and the lock screen lights (the letter itself
    /// stays on the shelf until the app opens).
    Notification,
    /// A chat opened or closed, a letter read in its open chat, and the note
    /// "read" on its way back to the writer (issue 25, `read_receipts:`).
    Read,
    /// Recalled (撤回): the writer takes the letter back, within the post office's
    /// limit; a second letter asks every holder of a copy to tear it up.
    Recall,
    /// Issue 26: the letter's photo or voice message, a parcel, goes apart: up
    /// to the parcel store in parts, and from it to each addressee's phone.
    Parcel,
    /// Issue 27: a person's several devices (copies to her own devices, a new
    /// device's history, moving chats).
    Devices,
    /// Issue 28: sealed letters (end-to-end encryption): a device that holds
    /// letters its key cannot open.
    Sealed,
    /// Logging in and out, being marked offline (not a letter's road: no question
    /// follows a letter to it).
    #[serde(skip_deserializing)]
    Presence,
    /// A dead connection noticed, and the phone reconnecting.
    #[serde(skip_deserializing)]
    Reconnect,
    /// Something the scene does to the network or the post office (a tunnel, noise,
    /// closing time) or to the address register (friends, blocks).
    #[serde(skip_deserializing)]
    SceneChange,
}

/// What the layers know about a side road.
#[derive(Clone, Copy, Debug)]
pub struct RoadRow {
    pub road: Road,
    /// Its key in the JSON trace (`side_road`).
    pub json: &'static str,
    /// A letter takes it, so a question may follow a letter to it.
    pub letters: bool,
    /// Only in a scene where the post office numbers the letters (`order:
    /// PostOffice`).
    pub numbered_only: bool,
}

impl Road {
    pub const ALL: [Road; 21] = [
        Road::ReturnToSender,
        Road::OfflineShelf,
        Road::WaitingToSend,
        Road::Receipt,
        Road::Delivered,
        Road::DeliveredAfterAll,
        Road::SentAgain,
        Road::CopyRecognised,
        Road::LostOnTheWay,
        Road::NotSent,
        Road::Numbered,
        Road::WaitsItsTurn,
        Road::Notification,
        Road::Read,
        Road::Recall,
        Road::Parcel,
        Road::Devices,
        Road::Sealed,
        Road::Presence,
        Road::Reconnect,
        Road::SceneChange,
    ];

    pub const fn row(self) -> RoadRow {
        let (json, letters) = match self {
            Road::ReturnToSender => ("Return to sender", true),
            Road::OfflineShelf => ("Offline shelf", true),
            Road::WaitingToSend => ("Waiting to send", true),
            Road::Receipt => ("✓ Post office has it", true),
            Road::Delivered => ("✓✓ Delivered", true),
            Road::DeliveredAfterAll => ("Offline delivery", true),
            Road::SentAgain => ("Retry", true),
            Road::CopyRecognised => ("Duplicate recognised", true),
            Road::LostOnTheWay => ("Lost on the way", true),
            Road::NotSent => ("Lost", true),
            Road::Numbered => ("Numbered by the post office", true),
            Road::WaitsItsTurn => ("Waits its turn", true),
            Road::Notification => ("Notification", true),
            Road::Read => ("✓✓ Read", true),
            Road::Recall => ("Recall", true),
            Road::Parcel => ("Parcel", true),
            Road::Devices => ("Several devices", true),
            Road::Sealed => ("Sealed letter", true),
            Road::Presence => ("Online / offline", false),
            Road::Reconnect => ("Reconnect", false),
            Road::SceneChange => ("Scene change", false),
        };
        RoadRow {
            road: self,
            json,
            letters,
            numbered_only: matches!(self, Road::Numbered | Road::WaitsItsTurn),
        }
    }

    /// The roads a question can follow a letter to, in the order files list them.
    pub fn for_letters() -> impl Iterator<Item = Road> {
        Road::ALL.into_iter().filter(|r| r.row().letters)
    }
}

impl std::fmt::Display for Road {
    /// As written in code and in a scene file: `OfflineShelf`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self, f)
    }
}
