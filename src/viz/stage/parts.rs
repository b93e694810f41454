//! The stage's parts that more than one feature uses: the canvas ([`Stage`]) and
//! how a node is placed and worded on it, the marks on what the picture is built
//! of (modules, phones, the post office, trays, a crowd's tiles), what a click can
//! hit ([`Clickable`]), and the easing every motion shares. It imports no other
//! part of the window but the words' types, so that the picture, the tokens, the
//! crowd, the tools and the overlays can all use it without importing each other.

use bevy::prelude::*;

use crate::sim::MsgId;
use crate::sim::view::LetterCopy;
use crate::viz::lang::{Tr, Words};
use crate::viz::story::model::Spot;

/// The 1280 × 720 canvas every picture node hangs from.
#[derive(Component)]
pub struct Stage;

/// An absolutely placed node covering `r` on the canvas.
pub fn placed(r: Rect) -> Node {
    Node {
        position_type: PositionType::Absolute,
        left: Val::Px(r.min.x),
        top: Val::Px(r.min.y),
        width: Val::Px(r.width()),
        height: Val::Px(r.height()),
        ..default()
    }
}

/// A text in both languages, of `size` canvas pixels.
pub fn words(tr: Tr, size: f32, colour: Color) -> impl Bundle {
    (
        Text::new(tr.en.to_string()),
        TextFont::from_font_size(FontSize::Px(size)),
        TextColor(colour),
        Words(tr),
    )
}

/// Built for one story; despawned when another comes.
#[derive(Component)]
pub struct ForStory;

/// A box's name, technical word, count or state, a person's name: words the
/// picture must never cover.
#[derive(Component, Clone, Copy, Debug)]
pub struct Label;

/// A count shown in a module (the picture's refresh fills it).
#[derive(Component, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Count {
    Stored(usize),
    Online,
    Archived,
    Shelved,
    /// The parcel store's parcels (issue 26).
    Parcels,
}

/// The band at the top of a box where its picture shows and envelopes rest.
#[derive(Component, Clone, Copy, Debug)]
pub struct Tray;

/// Text on one line, centred (box labels fit their box; see the layout tests).
pub fn no_wrap() -> TextLayout {
    TextLayout::new(Justify::Center, LineBreak::NoWrap)
}

/// The top band of a box: its picture, where envelopes rest.
pub fn tray(b: &mut ChildSpawnerCommands, spot: Spot, icon: Handle<Image>, h: f32) {
    let size = (h - 12.0).clamp(20.0, 44.0);
    b.spawn((
        Tray,
        Node {
            width: Val::Percent(100.0),
            height: Val::Px(h),
            flex_shrink: 0.0,
            align_items: AlignItems::Center,
            justify_content: JustifyContent::Center,
            ..default()
        },
    ))
    .with_children(|t| {
        t.spawn((
            TrayIcon(spot),
            ImageNode::new(icon),
            Node {
                width: Val::Px(size),
                height: Val::Px(size),
                ..default()
            },
        ));
    });
}

/// A module box that lights up when the beat names its spot.
#[derive(Component, Clone, Copy, Debug, PartialEq)]
pub struct Module(pub Spot);

#[derive(Component)]
pub struct PhoneBody(pub usize);

#[derive(Component)]
pub struct OfficeBody;

/// A box's picture in its tray: moved aside (or hidden) while something rests
/// there ([`crate::viz::stage::tokens::icons`]).
#[derive(Component, Clone, Copy, Debug, PartialEq)]
pub struct TrayIcon(pub Spot);

/// A crowd phone's tile.
#[derive(Component, Debug)]
pub struct Tile(pub usize);

/// Something on the picture the class can change.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Target {
    /// Phone `n`'s long connection.
    Link(usize),
    /// Phone `n`.
    Phone(usize),
    Office,
}

/// Something on the picture the class can look inside.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Inspected {
    /// An envelope (a letter's copy), resting or moving.
    Letter(LetterCopy),
    /// A receipt or delivery card about this letter.
    Card(MsgId),
    /// A bubble on phone `n`'s screen.
    Bubble(usize, MsgId),
    /// A heartbeat of phone `n`.
    Heartbeat(usize),
}

/// What a click on the picture hit.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Hit {
    Fault(Target),
    Inspect(Inspected),
}

/// Put on what can be clicked.
#[derive(Component, Clone, Copy, Debug)]
pub struct Clickable(pub Hit);

/// Smooth start and stop.
pub fn ease(t: f32) -> f32 {
    let t = t.clamp(0.0, 1.0);
    t * t * (3.0 - 2.0 * t)
}
