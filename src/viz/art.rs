//! The pictures and the font, embedded in the binary so that it finds them wherever
//! it is started from. Licences: `assets/README.md`.

use std::collections::HashMap;

use bevy::asset::RenderAssetUsages;
use bevy::image::{CompressedImageFormats, ImageSampler, ImageType};
use bevy::prelude::*;

/// LXGW WenKai: Latin and Chinese in one font.
pub const FONT: &[u8] = include_bytes!("../../assets/fonts/LXGWWenKai-Regular.ttf");

/// The marks LXGW WenKai lacks (❗, the clock faces 🕐…🕧, ⚠, ✅, ❌ and a few
/// more): a subset of Noto Emoji (monochrome, drawn in the text's colour).
pub const MARKS: &[u8] = include_bytes!("../../assets/fonts/PostofficeMarks-Regular.ttf");

/// The family name [`MARKS`] carries in its `name` table.
pub const MARKS_FAMILY: &str = "Postoffice Marks";

/// The fonts the picture, cards and slides draw with, in the order a character
/// falls back through them ([`super::measure`] measures with the same).
pub const PICTURE_FONTS: &[&[u8]] = &[FONT, MARKS];

/// Avatars by the name a scenario file uses.
pub const AVATARS: &[(&str, &[u8])] = &[
    ("boy", include_bytes!("../../assets/avatars/boy.png")),
    ("girl", include_bytes!("../../assets/avatars/girl.png")),
    ("man", include_bytes!("../../assets/avatars/man.png")),
    ("woman", include_bytes!("../../assets/avatars/woman.png")),
    (
        "grandpa",
        include_bytes!("../../assets/avatars/grandpa.png"),
    ),
    (
        "grandma",
        include_bytes!("../../assets/avatars/grandma.png"),
    ),
    ("child", include_bytes!("../../assets/avatars/child.png")),
    ("person", include_bytes!("../../assets/avatars/person.png")),
    (
        "teacher",
        include_bytes!("../../assets/avatars/teacher.png"),
    ),
    ("cat", include_bytes!("../../assets/avatars/cat.png")),
    ("dog", include_bytes!("../../assets/avatars/dog.png")),
];

/// The pictures of the post office's and the phone's parts.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Icon {
    Phone,
    PostOffice,
    Envelope,
    Heart,
    Mailbox,
    Postman,
    Counter,
    Register,
    Archive,
    Sorting,
    Shelf,
    Retry,
    Refused,
    /// The parcel store, and a part of a parcel on its way (issue 26).
    Parcel,
    /// A photo, whole and in colour (a bubble that has every part).
    Photo,
    /// A photo's thumbnail: the same photo shrunk and blurred, paler (what the
    /// letter's slip carries).
    PhotoThumb,
    /// A voice message.
    Voice,
    /// A computer: one of a person's devices (issue 27).
    Computer,
    /// Chats moved from one of a person's devices to another (`MoveChats`).
    Move,
    /// The archive's letters on their way to a new device (`keeps_history`).
    History,
    /// A sealed letter's lock (issue 28, `sealed: true`), over its envelope's
    /// corner; beside the count of a sealed bundle.
    Lock,
    /// A device's key, on each device of a sealed scene that has made one.
    Key,
}

const ICONS: &[(Icon, &[u8])] = &[
    (Icon::Phone, include_bytes!("../../assets/icons/phone.png")),
    (
        Icon::PostOffice,
        include_bytes!("../../assets/icons/post_office.png"),
    ),
    (
        Icon::Envelope,
        include_bytes!("../../assets/icons/envelope.png"),
    ),
    (Icon::Heart, include_bytes!("../../assets/icons/heart.png")),
    (
        Icon::Mailbox,
        include_bytes!("../../assets/icons/mailbox.png"),
    ),
    (
        Icon::Postman,
        include_bytes!("../../assets/icons/postman.png"),
    ),
    (
        Icon::Counter,
        include_bytes!("../../assets/icons/counter.png"),
    ),
    (
        Icon::Register,
        include_bytes!("../../assets/icons/register.png"),
    ),
    (
        Icon::Archive,
        include_bytes!("../../assets/icons/archive.png"),
    ),
    (
        Icon::Sorting,
        include_bytes!("../../assets/icons/sorting.png"),
    ),
    (Icon::Shelf, include_bytes!("../../assets/icons/shelf.png")),
    (Icon::Retry, include_bytes!("../../assets/icons/retry.png")),
    (
        Icon::Refused,
        include_bytes!("../../assets/icons/refused.png"),
    ),
    (
        Icon::Parcel,
        include_bytes!("../../assets/icons/parcel.png"),
    ),
    (Icon::Photo, include_bytes!("../../assets/icons/photo.png")),
    (
        Icon::PhotoThumb,
        include_bytes!("../../assets/icons/photo_thumb.png"),
    ),
    (Icon::Voice, include_bytes!("../../assets/icons/voice.png")),
    (
        Icon::Computer,
        include_bytes!("../../assets/icons/computer.png"),
    ),
    (Icon::Move, include_bytes!("../../assets/icons/move.png")),
    (
        Icon::History,
        include_bytes!("../../assets/icons/history.png"),
    ),
    (Icon::Lock, include_bytes!("../../assets/icons/lock.png")),
    (Icon::Key, include_bytes!("../../assets/icons/key.png")),
];

/// Handles to everything embedded.
#[derive(Resource, Default, Clone)]
pub struct Art {
    pub icons: HashMap<Icon, Handle<Image>>,
    pub avatars: HashMap<&'static str, Handle<Image>>,
    /// The marks' font, held so that it stays loaded.
    pub marks: Handle<Font>,
}

impl Art {
    pub fn icon(&self, icon: Icon) -> Handle<Image> {
        self.icons.get(&icon).cloned().unwrap_or_default()
    }

    /// The avatar picture, or `None` for an unknown name (drawn as initials).
    pub fn avatar(&self, name: &str) -> Option<Handle<Image>> {
        self.avatars.get(name).cloned()
    }
}

pub(super) fn plugin(app: &mut App) {
    let world = app.world_mut();
    // The one font becomes the default font, so every text uses it. Without a
    // renderer (headless tests) there are no font or image assets to fill.
    let mut art = Art::default();
    if let Some(mut fonts) = world.get_resource_mut::<Assets<Font>>() {
        // Inserting at the default id cannot fail (it is not a generational index).
        let _ = fonts.insert(AssetId::default(), Font::from_bytes(FONT.to_vec()));
        art.marks = fonts.add(Font::from_bytes(MARKS.to_vec()));
    }
    if let Some(mut images) = world.get_resource_mut::<Assets<Image>>() {
        for (icon, bytes) in ICONS {
            if let Some(image) = decode(bytes) {
                art.icons.insert(*icon, images.add(image));
            }
        }
        for (name, bytes) in AVATARS {
            if let Some(image) = decode(bytes) {
                art.avatars.insert(name, images.add(image));
            }
        }
    } else {
        for (name, _) in AVATARS {
            art.avatars.insert(name, Handle::default());
        }
    }
    app.insert_resource(art).add_systems(
        PostUpdate,
        marks_fallback.after(bevy::text::load_font_assets_into_font_collection),
    );
}

/// A character the default font lacks and that is an emoji or pictograph (❗, 🕓)
/// is drawn from the marks' font: it becomes the text engine's emoji family, once
/// the font is in its collection.
fn marks_fallback(font_cx: Option<ResMut<bevy::text::FontCx>>, mut done: Local<bool>) {
    let Some(mut font_cx) = font_cx else {
        return;
    };
    if !*done && font_cx.set_emoji_family(MARKS_FAMILY).is_ok() {
        *done = true;
    }
}

fn decode(bytes: &[u8]) -> Option<Image> {
    Image::from_buffer(
        bytes,
        ImageType::Extension("png"),
        CompressedImageFormats::NONE,
        true,
        ImageSampler::linear(),
        RenderAssetUsages::default(),
    )
    .map_err(|e| warn!("an embedded picture does not decode: {e}"))
    .ok()
}
