//! The catalogue of kinds: every event kind, frame kind and side road, declared
//! once, with what the layers above need to know about it — its place in the story
//! (a step 1–9, a side road, or background upkeep), its family (which list filter
//! shows it), the lane it is drawn on, what a frame carries, how events fold on a
//! timeline line, and its name in files and in the JSON trace.
//!
//! The rows are `const`, and each question is an exhaustive `const fn` match, so a
//! new kind is a compile error here first, then in each layer's one `kinds.rs`
//! (`tests/kinds_once.rs` keeps the layers from deciding elsewhere). The recipe:
//! `docs/adding-a-kind.md`; the JSON reference generated from these rows:
//! `docs/json-kinds.md`.

use super::frame::{FrameClass, FrameKind};
pub use super::road::{Road, RoadRow};
use super::trace::{Event, LossCause, Stage, Step, What};
use super::world::{Dest, DeviceIdx, Time, UserIdx};

// ---- event kinds ----

/// An event's kind: [`What`] without its fields.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum EventKind {
    Edit,
    Store,
    Send,
    Receive,
    Verify,
    Forward,
    Arrive,
    File,
    Display,
    WaitForConnection,
    Return,
    Returned,
    Shelve,
    Unshelve,
    OffTheShelf,
    Numbered,
    HeldBack,
    Reordered,
    Receipt,
    Acknowledged,
    NewsKept,
    NewsHandedOver,
    Delivered,
    Retry,
    Duplicate,
    Lost,
    Resent,
    ResendIgnored,
    Recall,
    RecallIgnored,
    RecallAccepted,
    RecallRefused,
    RecallPassed,
    RecallShelved,
    Recalled,
    RecallDeclined,
    Upload,
    PartStored,
    ParcelStored,
    UploadAsked,
    UploadAnswered,
    FetchParcel,
    ParcelSent,
    PartArrived,
    ParcelShown,
    ParcelExpired,
    ParcelGone,
    FrameLost,
    LoginStart,
    LoggedIn,
    Connected,
    LoggedOut,
    AppClosed,
    AppOpened,
    Notify,
    PushHeld,
    Notified,
    Fetch,
    FetchAnswered,
    ChatOpened,
    ChatClosed,
    Read,
    ReadPassed,
    ReadShown,
    Dot,
    Typing,
    MarkedOffline,
    ConnectionLost,
    LinkDown,
    LinkUp,
    SetLoss,
    DropNext,
    Register,
    PostOfficeClosed,
    PostOfficeOpened,
    Joined,
    Left,
    Heartbeat,
    LoginAttempt,
    FrameOut,
    AckGivenUp,
    OwnCopy,
    NewDeviceEmpty,
    HistorySent,
    HistoryStored,
    ChatsMoved,
    CannotOpen,
}

/// Where an event kind stands in the story.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Place {
    Step(Step),
    Road(Road),
    /// Upkeep the story does not narrate step by step.
    Background,
    /// A lost frame: "Lost on the way" for a letter's frames and for a login lost
    /// to noise or on purpose, background for the rest (see [`Event::stage`]).
    LostFrame,
}

/// Which of the event list's filters shows an event kind.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Family {
    /// A letter's steps and side roads.
    Letter,
    /// ✓ and ✓✓ and the news around them.
    News,
    /// Logins, logouts, reconnecting.
    Connection,
    /// Heartbeats.
    Heartbeat,
    /// What the scene does to the network or the register, and frames lost.
    Fault,
    /// Frames in flight and the like: in no list.
    Upkeep,
}

/// Which lane (a phone's or the post office's) a diagram draws an event's dot on.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum LaneRule {
    /// The lane of the one who did it (none for the network).
    Actor,
    /// The phone the event is about (its `user` field).
    User,
    /// The post office's.
    PostOffice,
    /// No dot: it is drawn as an arrow or a loss.
    None,
}

/// How a timeline folds events of one millisecond into one line.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Fold {
    /// The same actor doing the same thing to several letters (or to one group
    /// letter's copies) is one line.
    Alike,
    /// Counted in its phone's note ("3 heartbeats") unless heartbeats are shown.
    Upkeep,
    /// Always a line of its own.
    Never,
}

/// A lane, found by [`LaneRule`].
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
pub enum Lane {
    Phone(DeviceIdx),
    PostOffice,
    /// The phone system's push service (issue 24): a lane of its own on the
    /// handout only in a scene with notifications (`report::diagram::Model`).
    PushService,
}

/// What the layers know about an event kind.
#[derive(Clone, Copy, Debug)]
pub struct EventRow {
    pub kind: EventKind,
    /// Its name in the JSON trace (`kind`).
    pub json: &'static str,
    pub place: Place,
    /// The step it is told as, where its place is a side road: a letter the post
    /// office sends back fails step 5 ("5/9 Verify: returned").
    pub told_at: Option<Step>,
    /// The road a question follows its letter to when this event happens.
    pub letter_road: Option<Road>,
    pub family: Family,
    pub lane: LaneRule,
    pub fold: Fold,
    /// Its own fields in the JSON trace, beyond those every event has.
    pub json_fields: &'static [&'static str],
}

const fn row(
    kind: EventKind,
    json: &'static str,
    place: Place,
    family: Family,
    lane: LaneRule,
    fold: Fold,
    json_fields: &'static [&'static str],
) -> EventRow {
    EventRow {
        kind,
        json,
        place,
        told_at: None,
        letter_road: None,
        family,
        lane,
        fold,
        json_fields,
    }
}

impl EventRow {
    const fn at_step(mut self, step: Step) -> EventRow {
        self.told_at = Some(step);
        self
    }
    const fn road_of_letter(mut self, road: Road) -> EventRow {
        self.letter_road = Some(road);
        self
    }
}

impl EventKind {
    pub const ALL: [EventKind; 87] = {
        use EventKind as K;
        [
            K::Edit,
            K::Store,
            K::Send,
            K::Receive,
            K::Verify,
            K::Forward,
            K::Arrive,
            K::File,
            K::Display,
            K::WaitForConnection,
            K::Return,
            K::Returned,
            K::Shelve,
            K::Unshelve,
            K::OffTheShelf,
            K::Numbered,
            K::HeldBack,
            K::Reordered,
            K::Receipt,
            K::Acknowledged,
            K::NewsKept,
            K::NewsHandedOver,
            K::Delivered,
            K::Retry,
            K::Duplicate,
            K::Lost,
            K::Resent,
            K::ResendIgnored,
            K::Recall,
            K::RecallIgnored,
            K::RecallAccepted,
            K::RecallRefused,
            K::RecallPassed,
            K::RecallShelved,
            K::Recalled,
            K::RecallDeclined,
            K::Upload,
            K::PartStored,
            K::ParcelStored,
            K::UploadAsked,
            K::UploadAnswered,
            K::FetchParcel,
            K::ParcelSent,
            K::PartArrived,
            K::ParcelShown,
            K::ParcelExpired,
            K::ParcelGone,
            K::FrameLost,
            K::LoginStart,
            K::LoggedIn,
            K::Connected,
            K::LoggedOut,
            K::AppClosed,
            K::AppOpened,
            K::Notify,
            K::PushHeld,
            K::Notified,
            K::Fetch,
            K::FetchAnswered,
            K::ChatOpened,
            K::ChatClosed,
            K::Read,
            K::ReadPassed,
            K::ReadShown,
            K::Dot,
            K::Typing,
            K::MarkedOffline,
            K::ConnectionLost,
            K::LinkDown,
            K::LinkUp,
            K::SetLoss,
            K::DropNext,
            K::Register,
            K::PostOfficeClosed,
            K::PostOfficeOpened,
            K::Joined,
            K::Left,
            K::Heartbeat,
            K::LoginAttempt,
            K::FrameOut,
            K::AckGivenUp,
            K::OwnCopy,
            K::NewDeviceEmpty,
            K::HistorySent,
            K::HistoryStored,
            K::ChatsMoved,
            K::CannotOpen,
        ]
    };

    /// The catalogue's row for this kind: one line per kind.
    #[rustfmt::skip]
    pub const fn row(self) -> EventRow {
        use EventKind as K;
        use Family as F;
        use Fold::{Alike, Never, Upkeep};
        use LaneRule as L;
        use Place::{Background, Road as R, Step as S};
        match self {
            K::Edit => row(self, "edit", S(Step::Edit), F::Letter, L::Actor, Never, &["index"]),
            K::Store => row(self, "store", S(Step::Store), F::Letter, L::Actor, Never, &[]),
            K::Send => row(self, "send", S(Step::Send), F::Letter, L::Actor, Alike, &[]),
            K::Receive => row(self, "receive", S(Step::Receive), F::Letter, L::Actor, Alike, &[]),
            K::Verify => row(self, "verify", S(Step::Verify), F::Letter, L::Actor, Alike, &[]),
            K::Forward => row(self, "forward", S(Step::Forward), F::Letter, L::Actor, Alike, &["peer"]),
            K::Arrive => row(self, "arrive", S(Step::Arrive), F::Letter, L::Actor, Alike, &[]),
            K::File => row(self, "file", S(Step::File), F::Letter, L::Actor, Alike, &[]),
            K::Display => row(self, "display", S(Step::Display), F::Letter, L::Actor, Alike, &["index"]),
            K::WaitForConnection => row(self, "wait_for_connection", R(Road::WaitingToSend), F::Letter, L::Actor, Alike, &[]).road_of_letter(Road::WaitingToSend),
            K::Return => row(self, "return", R(Road::ReturnToSender), F::Letter, L::Actor, Never, &["reason"]).at_step(Step::Verify),
            K::Returned => row(self, "returned", R(Road::ReturnToSender), F::Letter, L::Actor, Never, &["reason"]).road_of_letter(Road::ReturnToSender),
            K::Shelve => row(self, "shelve", R(Road::OfflineShelf), F::Letter, L::Actor, Alike, &["peer", "why"]).road_of_letter(Road::OfflineShelf),
            // A letter leaving the shelf is forwarded: step 6, from the shelf.
            K::Unshelve => row(self, "unshelve", S(Step::Forward), F::Letter, L::Actor, Alike, &["peer"]),
            K::OffTheShelf => row(self, "off_the_shelf", R(Road::DeliveredAfterAll), F::Letter, L::Actor, Never, &["peer", "told"]).road_of_letter(Road::DeliveredAfterAll),
            K::Numbered => row(self, "numbered", R(Road::Numbered), F::Letter, L::Actor, Alike, &["number"]).road_of_letter(Road::Numbered),
            K::HeldBack => row(self, "held_back", R(Road::WaitsItsTurn), F::Letter, L::Actor, Never, &["behind"]).road_of_letter(Road::WaitsItsTurn),
            K::Reordered => row(self, "reordered", R(Road::Numbered), F::Letter, L::Actor, Never, &["number", "index", "from_index"]),
            K::Receipt => row(self, "receipt", R(Road::Receipt), F::News, L::Actor, Alike, &[]).road_of_letter(Road::Receipt),
            K::Acknowledged => row(self, "acknowledged", R(Road::Delivered), F::News, L::Actor, Alike, &["peer", "told"]),
            K::NewsKept => row(self, "news_kept", R(Road::Delivered), F::News, L::Actor, Never, &["peer"]),
            K::NewsHandedOver => row(self, "news_handed_over", R(Road::Delivered), F::News, L::Actor, Never, &["peer"]),
            K::Delivered => row(self, "delivered", R(Road::Delivered), F::News, L::Actor, Alike, &["count", "of"]).road_of_letter(Road::Delivered),
            K::Retry => row(self, "retry", R(Road::SentAgain), F::Letter, L::Actor, Alike, &["frame", "attempt", "peer"]).road_of_letter(Road::SentAgain),
            K::Duplicate => row(self, "duplicate", R(Road::CopyRecognised), F::Letter, L::Actor, Alike, &[]).road_of_letter(Road::CopyRecognised),
            K::Lost => row(self, "lost", R(Road::NotSent), F::Letter, L::Actor, Never, &["retries"]).road_of_letter(Road::NotSent),
            K::Resent => row(self, "resent", R(Road::SentAgain), F::Letter, L::Actor, Never, &["auto", "index"]).road_of_letter(Road::SentAgain),
            K::ResendIgnored => row(self, "resend_ignored", R(Road::NotSent), F::Letter, L::Actor, Never, &["why"]),
            K::Recall => row(self, "recall", R(Road::Recall), F::Letter, L::Actor, Never, &[]).road_of_letter(Road::Recall),
            K::RecallIgnored => row(self, "recall_ignored", R(Road::Recall), F::Letter, L::Actor, Never, &["why"]),
            K::RecallAccepted => row(self, "recall_accepted", R(Road::Recall), F::Letter, L::Actor, Never, &["age_ms", "copies"]),
            K::RecallRefused => row(self, "recall_refused", R(Road::Recall), F::Letter, L::Actor, Never, &["why", "age_ms"]),
            K::RecallPassed => row(self, "recall_passed", R(Road::Recall), F::Letter, L::Actor, Alike, &["peer", "from_shelf", "letter_on_shelf"]),
            K::RecallShelved => row(self, "recall_shelved", R(Road::Recall), F::Letter, L::Actor, Alike, &["peer", "letter_on_shelf"]),
            K::Recalled => row(self, "recalled", R(Road::Recall), F::Letter, L::Actor, Never, &["seen_ms", "early", "index"]),
            K::RecallDeclined => row(self, "recall_declined", R(Road::Recall), F::Letter, L::Actor, Never, &["why"]),
            K::Upload => row(self, "upload", R(Road::Parcel), F::Letter, L::Actor, Never, &["from_part", "parts", "kb"]).road_of_letter(Road::Parcel),
            K::PartStored => row(self, "part_stored", R(Road::Parcel), F::Letter, L::Actor, Never, &["part", "of", "again"]),
            K::ParcelStored => row(self, "parcel_stored", R(Road::Parcel), F::Letter, L::Actor, Never, &["parts", "kb"]).road_of_letter(Road::Parcel),
            K::UploadAsked => row(self, "upload_asked", R(Road::Parcel), F::Letter, L::Actor, Never, &["attempt"]).road_of_letter(Road::Parcel),
            K::UploadAnswered => row(self, "upload_answered", R(Road::Parcel), F::Letter, L::Actor, Never, &["have", "of"]),
            K::FetchParcel => row(self, "fetch_parcel", R(Road::Parcel), F::Letter, L::Actor, Never, &["from_part", "attempt"]).road_of_letter(Road::Parcel),
            K::ParcelSent => row(self, "parcel_sent", R(Road::Parcel), F::Letter, L::Actor, Never, &["peer", "from_part", "count"]),
            K::PartArrived => row(self, "part_arrived", R(Road::Parcel), F::Letter, L::Actor, Never, &["part", "of", "again"]),
            K::ParcelShown => row(self, "parcel_shown", R(Road::Parcel), F::Letter, L::Actor, Never, &[]).road_of_letter(Road::Parcel),
            K::ParcelExpired => row(self, "parcel_expired", R(Road::Parcel), F::Letter, L::Actor, Never, &["kept_ms"]).road_of_letter(Road::Parcel),
            K::ParcelGone => row(self, "parcel_gone", R(Road::Parcel), F::Letter, L::Actor, Never, &[]).road_of_letter(Road::Parcel),
            K::FrameLost => row(self, "frame_lost", Place::LostFrame, F::Fault, L::None, Alike, &["frame_id", "user", "dir", "frame", "why"]).road_of_letter(Road::LostOnTheWay),
            K::LoginStart => row(self, "login_start", R(Road::Presence), F::Connection, L::Actor, Never, &[]),
            K::LoggedIn => row(self, "logged_in", R(Road::Presence), F::Connection, L::Actor, Never, &["user"]),
            K::Connected => row(self, "connected", R(Road::Presence), F::Connection, L::Actor, Never, &[]),
            K::LoggedOut => row(self, "logged_out", R(Road::Presence), F::Connection, L::Actor, Never, &[]),
            K::AppClosed => row(self, "app_closed", R(Road::Presence), F::Connection, L::Actor, Never, &[]),
            K::AppOpened => row(self, "app_opened", R(Road::Presence), F::Connection, L::Actor, Never, &["cleared"]),
            K::Notify => row(self, "notify", R(Road::Notification), F::Letter, L::Actor, Never, &["peer"]).road_of_letter(Road::Notification),
            K::PushHeld => row(self, "push_held", R(Road::Notification), F::Letter, L::User, Never, &["peer", "replaced"]),
            K::Notified => row(self, "notified", R(Road::Notification), F::Letter, L::Actor, Never, &["shows"]),
            K::Fetch => row(self, "fetch", R(Road::OfflineShelf), F::Connection, L::Actor, Never, &["attempt"]),
            K::ChatOpened => row(self, "chat_opened", R(Road::Read), F::Connection, L::Actor, Never, &["peer", "group"]),
            K::ChatClosed => row(self, "chat_closed", R(Road::Read), F::Connection, L::Actor, Never, &["peer", "group"]),
            K::Read => row(self, "read", R(Road::Read), F::News, L::Actor, Alike, &["sends"]).road_of_letter(Road::Read),
            K::ReadPassed => row(self, "read_passed", R(Road::Read), F::News, L::Actor, Alike, &["peer", "told"]),
            K::ReadShown => row(self, "read_shown", R(Road::Read), F::News, L::Actor, Alike, &["peer", "count", "of"]).road_of_letter(Road::Read),
            K::FetchAnswered => row(self, "fetch_answered", R(Road::OfflineShelf), F::Connection, L::Actor, Never, &["peer", "count"]),
            K::Dot => row(self, "dot", R(Road::Presence), F::Connection, L::Actor, Never, &["peer", "online"]),
            K::Typing => row(self, "typing", R(Road::Presence), F::Connection, L::Actor, Never, &["peer", "shown"]),
            K::MarkedOffline => row(self, "marked_offline", R(Road::Presence), F::Connection, L::Actor, Never, &["user", "why"]),
            K::ConnectionLost => row(self, "connection_lost", R(Road::Reconnect), F::Connection, L::Actor, Never, &["why"]),
            K::LinkDown => row(self, "link_down", R(Road::SceneChange), F::Fault, L::User, Never, &["user"]),
            K::LinkUp => row(self, "link_up", R(Road::SceneChange), F::Fault, L::User, Never, &["user"]),
            K::SetLoss => row(self, "set_loss", R(Road::SceneChange), F::Fault, L::User, Never, &["user", "loss"]),
            K::DropNext => row(self, "drop_next", R(Road::SceneChange), F::Fault, L::User, Never, &["user", "dir", "frame"]),
            K::Register => row(self, "befriend | unfriend | block | unblock", R(Road::SceneChange), F::Fault, L::PostOffice, Never, &["user", "peer"]),
            K::PostOfficeClosed => row(self, "post_office_closed", R(Road::SceneChange), F::Fault, L::PostOffice, Never, &[]),
            K::PostOfficeOpened => row(self, "post_office_opened", R(Road::SceneChange), F::Fault, L::PostOffice, Never, &[]),
            K::Joined => row(self, "joined", R(Road::SceneChange), F::Fault, L::PostOffice, Never, &["user", "group"]),
            K::Left => row(self, "left", R(Road::SceneChange), F::Fault, L::PostOffice, Never, &["user", "group"]),
            K::Heartbeat => row(self, "heartbeat", Background, F::Heartbeat, L::Actor, Upkeep, &[]),
            K::LoginAttempt => row(self, "login_attempt", Background, F::Connection, L::Actor, Upkeep, &[]),
            K::FrameOut => row(self, "frame_out", Background, F::Upkeep, L::None, Never, &["frame_id", "user", "dir", "frame", "arrives"]),
            K::AckGivenUp => row(self, "ack_given_up", Background, F::Upkeep, L::Actor, Never, &[]),
            K::OwnCopy => row(self, "own_copy", R(Road::Devices), F::Letter, L::Actor, Alike, &["peer"]).road_of_letter(Road::Devices),
            K::NewDeviceEmpty => row(self, "new_device_empty", R(Road::Devices), F::Connection, L::User, Never, &["user"]),
            K::HistorySent => row(self, "history_sent", R(Road::Devices), F::Connection, L::Actor, Never, &["peer", "count"]),
            K::HistoryStored => row(self, "history_stored", R(Road::Devices), F::Connection, L::Actor, Never, &["count"]),
            K::ChatsMoved => row(self, "chats_moved", R(Road::Devices), F::Connection, L::Actor, Never, &["peer", "count"]),
            K::CannotOpen => row(self, "cannot_open", R(Road::Sealed), F::Letter, L::Actor, Never, &["count"]).road_of_letter(Road::Sealed),
        }
    }
}

impl What {
    /// This event's kind: its row in the catalogue.
    pub const fn kind(&self) -> EventKind {
        use EventKind as K;
        match self {
            What::Edit { .. } => K::Edit,
            What::Store => K::Store,
            What::Send => K::Send,
            What::Receive => K::Receive,
            What::Verify { .. } => K::Verify,
            What::Forward { .. } => K::Forward,
            What::Arrive => K::Arrive,
            What::File => K::File,
            What::Display { .. } => K::Display,
            What::WaitForConnection => K::WaitForConnection,
            What::Return { .. } => K::Return,
            What::Returned { .. } => K::Returned,
            What::Shelve { .. } => K::Shelve,
            What::Unshelve { .. } => K::Unshelve,
            What::OffTheShelf { .. } => K::OffTheShelf,
            What::Numbered { .. } => K::Numbered,
            What::HeldBack { .. } => K::HeldBack,
            What::Reordered { .. } => K::Reordered,
            What::Receipt => K::Receipt,
            What::Acknowledged { .. } => K::Acknowledged,
            What::NewsKept { .. } => K::NewsKept,
            What::NewsHandedOver { .. } => K::NewsHandedOver,
            What::Delivered { .. } => K::Delivered,
            What::Retry { .. } => K::Retry,
            What::Duplicate => K::Duplicate,
            What::Lost { .. } => K::Lost,
            What::Resent { .. } => K::Resent,
            What::ResendIgnored { .. } => K::ResendIgnored,
            What::Recall => K::Recall,
            What::RecallIgnored { .. } => K::RecallIgnored,
            What::RecallAccepted { .. } => K::RecallAccepted,
            What::RecallRefused { .. } => K::RecallRefused,
            What::RecallPassed { .. } => K::RecallPassed,
            What::RecallShelved { .. } => K::RecallShelved,
            What::Recalled { .. } => K::Recalled,
            What::RecallDeclined { .. } => K::RecallDeclined,
            What::Upload { .. } => K::Upload,
            What::PartStored { .. } => K::PartStored,
            What::ParcelStored { .. } => K::ParcelStored,
            What::UploadAsked { .. } => K::UploadAsked,
            What::UploadAnswered { .. } => K::UploadAnswered,
            What::FetchParcel { .. } => K::FetchParcel,
            What::ParcelSent { .. } => K::ParcelSent,
            What::PartArrived { .. } => K::PartArrived,
            What::ParcelShown => K::ParcelShown,
            What::ParcelExpired { .. } => K::ParcelExpired,
            What::ParcelGone => K::ParcelGone,
            What::FrameLost { .. } => K::FrameLost,
            What::LoginStart => K::LoginStart,
            What::LoggedIn { .. } => K::LoggedIn,
            What::Connected => K::Connected,
            What::LoggedOut => K::LoggedOut,
            What::AppClosed => K::AppClosed,
            What::AppOpened { .. } => K::AppOpened,
            What::Notify { .. } => K::Notify,
            What::PushHeld { .. } => K::PushHeld,
            What::Notified { .. } => K::Notified,
            What::Fetch { .. } => K::Fetch,
            What::FetchAnswered { .. } => K::FetchAnswered,
            What::ChatOpened { .. } => K::ChatOpened,
            What::ChatClosed { .. } => K::ChatClosed,
            What::Read { .. } => K::Read,
            What::ReadPassed { .. } => K::ReadPassed,
            What::ReadShown { .. } => K::ReadShown,
            What::Dot { .. } => K::Dot,
            What::Typing { .. } => K::Typing,
            What::MarkedOffline { .. } => K::MarkedOffline,
            What::ConnectionLost { .. } => K::ConnectionLost,
            What::LinkDown { .. } => K::LinkDown,
            What::LinkUp { .. } => K::LinkUp,
            What::SetLoss { .. } => K::SetLoss,
            What::DropNext { .. } => K::DropNext,
            What::Register { .. } => K::Register,
            What::PostOfficeClosed => K::PostOfficeClosed,
            What::PostOfficeOpened => K::PostOfficeOpened,
            What::Joined { .. } => K::Joined,
            What::Left { .. } => K::Left,
            What::Heartbeat => K::Heartbeat,
            What::LoginAttempt => K::LoginAttempt,
            What::FrameOut { .. } => K::FrameOut,
            What::AckGivenUp => K::AckGivenUp,
            What::OwnCopy { .. } => K::OwnCopy,
            What::NewDeviceEmpty { .. } => K::NewDeviceEmpty,
            What::HistorySent { .. } => K::HistorySent,
            What::HistoryStored { .. } => K::HistoryStored,
            What::ChatsMoved { .. } => K::ChatsMoved,
            What::CannotOpen { .. } => K::CannotOpen,
        }
    }

    /// The catalogue's row for this event.
    pub const fn row(&self) -> EventRow {
        self.kind().row()
    }

    /// The phone the event is about, for kinds that name one (`user`).
    /// An event about a person (`Joined`, `Register`) names her main phone.
    pub const fn user(&self) -> Option<DeviceIdx> {
        match self {
            What::LinkDown { user }
            | What::LinkUp { user }
            | What::SetLoss { user, .. }
            | What::DropNext { user, .. }
            | What::LoggedIn { user }
            | What::MarkedOffline { user, .. }
            | What::FrameLost { user, .. }
            | What::FrameOut { user, .. }
            | What::NewDeviceEmpty { device: user } => Some(*user),
            What::Joined { user, .. } | What::Left { user, .. } => Some(DeviceIdx::main(*user)),
            What::PushHeld { to, .. } => Some(*to),
            What::Register { a, .. } => Some(DeviceIdx::main(*a)),
            _ => None,
        }
    }

    /// Issue 25: the reader a `read_passed` or `read_shown` names.
    pub const fn reader(&self) -> Option<UserIdx> {
        match self {
            What::ReadPassed { by, .. } | What::ReadShown { by, .. } => Some(*by),
            _ => None,
        }
    }

    /// Issue 25: a phone's chat opened (`Some(Some(chat))`) or closed
    /// (`Some(None)`, back to the chat list); `None` for any other event.
    pub const fn chat_change(&self) -> Option<Option<Dest>> {
        match self {
            What::ChatOpened { chat } => Some(Some(*chat)),
            What::ChatClosed { .. } => Some(None),
            _ => None,
        }
    }

    /// Issue 25: a `read`'s `sends` (whether a note goes back).
    pub const fn sends_read(&self) -> Option<bool> {
        match self {
            What::Read { sends } => Some(*sends),
            _ => None,
        }
    }

    /// Issue 26: the numbers a parcel's event carries (`None` for any other
    /// event).
    pub const fn parcel_numbers(&self) -> Option<ParcelNumbers> {
        const NONE: ParcelNumbers = ParcelNumbers {
            from_part: None,
            parts: None,
            kb: None,
            part: None,
            of: None,
            again: None,
            have: None,
            attempt: None,
            peer: None,
            count: None,
            kept_ms: None,
        };
        Some(match *self {
            What::Upload {
                from_part,
                parts,
                kb,
            } => ParcelNumbers {
                from_part: Some(from_part),
                parts: Some(parts),
                kb: Some(kb),
                ..NONE
            },
            What::PartStored { part, of, again } | What::PartArrived { part, of, again } => {
                ParcelNumbers {
                    part: Some(part),
                    of: Some(of),
                    again: Some(again),
                    ..NONE
                }
            }
            What::ParcelStored { parts, kb } => ParcelNumbers {
                parts: Some(parts),
                kb: Some(kb),
                ..NONE
            },
            What::UploadAsked { attempt } => ParcelNumbers {
                attempt: Some(attempt),
                ..NONE
            },
            What::UploadAnswered { have, of } => ParcelNumbers {
                have: Some(have),
                of: Some(of),
                ..NONE
            },
            What::FetchParcel { from_part, attempt } => ParcelNumbers {
                from_part: Some(from_part),
                attempt: Some(attempt),
                ..NONE
            },
            What::ParcelSent {
                to,
                from_part,
                count,
            } => ParcelNumbers {
                peer: Some(to),
                from_part: Some(from_part),
                count: Some(count),
                ..NONE
            },
            What::ParcelExpired { kept_ms } => ParcelNumbers {
                kept_ms: Some(kept_ms),
                ..NONE
            },
            What::ParcelShown | What::ParcelGone => NONE,
            _ => return None,
        })
    }

    /// Issue 27: what a several devices' event names (`None` for any other
    /// event).
    pub fn device_numbers(&self) -> Option<DeviceNumbers> {
        let none = DeviceNumbers::default();
        Some(match self {
            What::OwnCopy { to } => DeviceNumbers {
                peer: Some(*to),
                ..none
            },
            What::NewDeviceEmpty { device } => DeviceNumbers {
                device: Some(*device),
                ..none
            },
            What::HistorySent { to, count } => DeviceNumbers {
                peer: Some(*to),
                count: Some(*count),
                ..none
            },
            What::HistoryStored { count, .. } => DeviceNumbers {
                count: Some(*count),
                ..none
            },
            What::ChatsMoved { from, count, .. } => DeviceNumbers {
                peer: Some(*from),
                count: Some(*count),
                ..none
            },
            What::CannotOpen { letters } => DeviceNumbers {
                count: Some(letters.len() as u32),
                ..none
            },
            _ => return None,
        })
    }

    /// The frame a lost, retried or departing frame is.
    pub const fn frame(&self) -> Option<FrameKind> {
        match self {
            What::FrameLost { frame, .. }
            | What::FrameOut { frame, .. }
            | What::Retry { frame, .. } => Some(*frame),
            _ => None,
        }
    }
}

/// What a several devices' event names (issue 27), each where its kind has it:
/// the other device (`peer`: the one a copy or the archive goes to, the one
/// chats are moved from), the device itself (`user`), how many letters.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DeviceNumbers {
    pub peer: Option<DeviceIdx>,
    pub device: Option<DeviceIdx>,
    pub count: Option<u32>,
}

/// The numbers of a parcel's event (issue 26), each where its kind has it:
/// what the JSON trace and the words read.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ParcelNumbers {
    pub from_part: Option<u32>,
    pub parts: Option<u32>,
    pub kb: Option<u32>,
    pub part: Option<u32>,
    pub of: Option<u32>,
    pub again: Option<bool>,
    pub have: Option<u32>,
    pub attempt: Option<u32>,
    /// The phone the store sends to (`parcel_sent`).
    pub peer: Option<DeviceIdx>,
    pub count: Option<u32>,
    pub kept_ms: Option<Time>,
}

// An event's place in the story, read from its row (here rather than in
// `trace.rs`, so that the trace does not import the catalogue that reads it).
impl Event {
    /// Where this event stands in the story: a step, a side road, or background.
    pub fn stage(&self) -> Stage {
        match (self.what.row().place, &self.what) {
            (Place::Step(s), _) => Stage::Step(s),
            (Place::Road(r), _) => Stage::Side(r),
            (Place::Background, _) => Stage::Background,
            // A note for the lock screen lost on its way is told beside the other
            // notes: it only delays (the letter waits on the shelf), and is counted
            // apart from the mail.
            (
                Place::LostFrame,
                What::FrameLost {
                    frame: FrameKind::Push,
                    ..
                },
            ) => Stage::Side(Road::Notification),
            (Place::LostFrame, What::FrameLost { frame, cause, .. })
                if Event::lost_on_the_way(*frame, *cause) =>
            {
                Stage::Side(Road::LostOnTheWay)
            }
            (Place::LostFrame, _) => Stage::Background,
        }
    }

    /// The step this event is told as: its own, and step 5 for a letter the post
    /// office sends back ("5/9 Verify: returned").
    pub fn told_step(&self) -> Option<Step> {
        self.what.row().told_at.or(self.step())
    }

    /// The side road a question follows its letter to when this event happens.
    pub fn letter_road(&self) -> Option<Road> {
        self.what.row().letter_road.filter(|_| self.is_narrated())
    }

    /// The lane a diagram draws this event's dot on (see [`LaneRule`]).
    pub fn lane(&self) -> Option<Lane> {
        match self.what.row().lane {
            LaneRule::Actor => match self.actor {
                super::trace::Actor::Phone(u) => Some(Lane::Phone(u)),
                super::trace::Actor::PostOffice => Some(Lane::PostOffice),
                // The push service has no lane of its own yet: its events name
                // their phone (`LaneRule::User`).
                super::trace::Actor::Network | super::trace::Actor::PushService => None,
            },
            LaneRule::User => self.what.user().map(Lane::Phone),
            LaneRule::PostOffice => Some(Lane::PostOffice),
            LaneRule::None => None,
        }
    }

    /// A lost frame told as "Lost on the way": a letter's frames, and a login lost
    /// to a bad network or on purpose (it explains why a phone takes long to come
    /// online); not the logins a tunnel or closing time swallow, nor heartbeats.
    pub(super) fn lost_on_the_way(frame: FrameKind, cause: LossCause) -> bool {
        let login = frame.row().login && matches!(cause, LossCause::Noise | LossCause::Dropped);
        frame.is_mail() || login
    }
}

// ---- frame kinds ----

/// What a frame carries, as the pictures draw it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Cargo {
    /// A letter (`msg:R`, `msg:N`).
    Letter,
    /// ✓ or a returned letter (`msg:A`, a return).
    Receipt,
    /// `ack:R`, `ack:A`, `ack:N`, `ack:C`.
    Ack,
    Heartbeat,
    /// News about people, not mail: who is online (`presence?`, `presence`) and
    /// "typing…". The picture flies them as small dots on the wires; the handout
    /// draws them thin, dotted and lighter.
    News,
    /// Logins, goodbyes and the like.
    Other,
    /// A notification of a letter (`notify`, `push`): not the letter, only a
    /// short notice of it, through the phone system's push service.
    Notice,
    /// A recall (`recall`, `recall:N`): not the letter, a small second letter
    /// asking every holder of a copy of it to tear it up.
    Recall,
    /// A part of a photo or a voice message (`part:R`, `part:N`; issue 26), on
    /// its phone's parcel wire.
    Parcel,
}

/// How a diagram draws a frame's arrow: its colour family.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Look {
    Mail,
    Ack,
    Returned,
    Upkeep,
    /// On a parcel wire (issue 26): parts and the questions about them.
    Parcel,
}

/// Whether a diagram folds a frame into its phone's note.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FrameFold {
    Never,
    Always,
    /// Only when it is lost (a login that opens the connection is part of the story;
    /// one lost on the way is an attempt, counted in the note).
    WhenLost,
}

/// What the layers know about a frame kind.
#[derive(Clone, Copy, Debug)]
pub struct FrameRow {
    pub kind: FrameKind,
    /// Its name in the trace, on the picture and in JSON: `msg:R`.
    pub name: &'static str,
    pub class: FrameClass,
    pub cargo: Cargo,
    pub look: Look,
    pub fold: FrameFold,
    /// A login or its answer.
    pub login: bool,
    /// It travels on the phone's parcel wire (issue 26), not its long connection.
    pub parcel_wire: bool,
}

impl FrameKind {
    pub const ALL: [FrameKind; 39] = [
        FrameKind::Login,
        FrameKind::Logout,
        FrameKind::Heartbeat,
        FrameKind::MsgR,
        FrameKind::AckR,
        FrameKind::AckC,
        FrameKind::LoginOk,
        FrameKind::HeartbeatReply,
        FrameKind::MsgA,
        FrameKind::Returned,
        FrameKind::MsgN,
        FrameKind::AckA,
        FrameKind::AckN,
        FrameKind::NotLoggedIn,
        FrameKind::Closing,
        FrameKind::PresenceAsk,
        FrameKind::Presence,
        FrameKind::Typing,
        FrameKind::Bye,
        FrameKind::Notify,
        FrameKind::Push,
        FrameKind::Fetch,
        FrameKind::FetchA,
        FrameKind::Read,
        FrameKind::ReadA,
        FrameKind::ReadN,
        FrameKind::ReadC,
        FrameKind::Recall,
        FrameKind::RecallA,
        FrameKind::RecallN,
        FrameKind::RecallC,
        FrameKind::PartR,
        FrameKind::PartAsk,
        FrameKind::PartA,
        FrameKind::Get,
        FrameKind::PartN,
        FrameKind::Gone,
        FrameKind::HistN,
        FrameKind::HistA,
    ];

    /// The catalogue's row for this frame kind.
    pub const fn row(self) -> FrameRow {
        use Cargo as C;
        use FrameClass as K;
        use FrameFold as F;
        use FrameKind as FK;
        use Look as L;
        let (name, class, cargo, look, fold) = match self {
            FK::Login => ("login", K::Any, C::Other, L::Upkeep, F::WhenLost),
            FK::Logout => ("logout", K::Any, C::Other, L::Upkeep, F::Never),
            FK::Heartbeat => (
                "heartbeat",
                K::Heartbeat,
                C::Heartbeat,
                L::Upkeep,
                F::Always,
            ),
            FK::MsgR => ("msg:R", K::Message, C::Letter, L::Mail, F::Never),
            FK::AckR => ("ack:R", K::Ack, C::Ack, L::Ack, F::Never),
            FK::AckC => ("ack:C", K::Ack, C::Ack, L::Ack, F::Never),
            FK::LoginOk => ("login-ok", K::Any, C::Other, L::Upkeep, F::Never),
            FK::HeartbeatReply => (
                "heartbeat-reply",
                K::Heartbeat,
                C::Heartbeat,
                L::Upkeep,
                F::Always,
            ),
            FK::MsgA => ("msg:A", K::Ack, C::Receipt, L::Ack, F::Never),
            FK::Returned => ("returned", K::Ack, C::Receipt, L::Returned, F::Never),
            FK::MsgN => ("msg:N", K::Message, C::Letter, L::Mail, F::Never),
            FK::AckA => ("ack:A", K::Ack, C::Ack, L::Ack, F::Never),
            FK::AckN => ("ack:N", K::Ack, C::Ack, L::Ack, F::Never),
            FK::NotLoggedIn => ("not-logged-in", K::Any, C::Other, L::Upkeep, F::Never),
            FK::Closing => ("closing", K::Any, C::Other, L::Upkeep, F::Never),
            FK::PresenceAsk => ("presence?", K::Any, C::News, L::Upkeep, F::Never),
            FK::Presence => ("presence", K::Any, C::News, L::Upkeep, F::Never),
            FK::Typing => ("typing", K::Any, C::News, L::Upkeep, F::Never),
            FK::Bye => ("bye", K::Any, C::Other, L::Upkeep, F::Never),
            // Never retried by the post office: a lost one only delays.
            FK::Notify => ("notify", K::Any, C::Notice, L::Upkeep, F::Never),
            FK::Push => ("push", K::Any, C::Notice, L::Upkeep, F::Never),
            FK::Fetch => ("fetch", K::Any, C::Other, L::Upkeep, F::Never),
            FK::FetchA => ("fetch:A", K::Any, C::Other, L::Upkeep, F::Never),
            // Read receipts: acknowledgements, sent again until answered.
            FK::Read => ("read", K::Ack, C::Ack, L::Ack, F::Never),
            FK::ReadA => ("read:A", K::Ack, C::Ack, L::Ack, F::Never),
            FK::ReadN => ("read:N", K::Ack, C::Ack, L::Ack, F::Never),
            FK::ReadC => ("read:C", K::Ack, C::Ack, L::Ack, F::Never),
            // Mail: retried until answered, and a run goes on while one travels.
            FK::Recall => ("recall", K::Message, C::Recall, L::Mail, F::Never),
            FK::RecallA => ("recall:A", K::Ack, C::Ack, L::Ack, F::Never),
            FK::RecallN => ("recall:N", K::Message, C::Recall, L::Mail, F::Never),
            FK::RecallC => ("recall:C", K::Ack, C::Ack, L::Ack, F::Never),
            // Parcels: the parts are mail of their own class (`Drop(what:
            // Parcel)`); the small questions and answers about them are
            // acknowledgements. All on the phone's parcel wire.
            FK::PartR => ("part:R", K::Parcel, C::Parcel, L::Parcel, F::Never),
            FK::PartAsk => ("part:Q", K::Ack, C::Ack, L::Parcel, F::Never),
            FK::PartA => ("part:A", K::Ack, C::Ack, L::Parcel, F::Never),
            FK::Get => ("get", K::Ack, C::Ack, L::Parcel, F::Never),
            FK::PartN => ("part:N", K::Parcel, C::Parcel, L::Parcel, F::Never),
            FK::Gone => ("gone", K::Ack, C::Ack, L::Parcel, F::Never),
            // Several devices (issue 27): the archive's letters for a new device,
            // mail retried until answered.
            FK::HistN => ("hist:N", K::Message, C::Letter, L::Mail, F::Never),
            FK::HistA => ("hist:A", K::Ack, C::Ack, L::Ack, F::Never),
        };
        let login = matches!(self, FK::Login | FK::LoginOk);
        let parcel_wire = matches!(
            self,
            FK::PartR | FK::PartAsk | FK::PartA | FK::Get | FK::PartN | FK::Gone
        );
        FrameRow {
            kind: self,
            name,
            class,
            cargo,
            look,
            fold,
            login,
            parcel_wire,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_is_listed_once_in_order() {
        for (i, k) in EventKind::ALL.iter().enumerate() {
            assert_eq!(k.row().kind, *k);
            assert!(!EventKind::ALL[..i].contains(k), "{k:?} twice");
        }
        for (i, k) in FrameKind::ALL.iter().enumerate() {
            assert_eq!(k.row().kind, *k);
            assert!(!FrameKind::ALL[..i].contains(k), "{k:?} twice");
        }
        for (i, r) in Road::ALL.iter().enumerate() {
            assert_eq!(r.row().road, *r);
            assert!(!Road::ALL[..i].contains(r), "{r:?} twice");
        }
    }

    #[test]
    fn json_names_are_distinct() {
        let mut names: Vec<_> = EventKind::ALL.iter().map(|k| k.row().json).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), EventKind::ALL.len());
        let mut roads: Vec<_> = Road::ALL.iter().map(|r| r.row().json).collect();
        roads.sort_unstable();
        roads.dedup();
        assert_eq!(roads.len(), Road::ALL.len());
    }
}
