//! A person's several devices in the picture (issue 27): each drawn as what it
//! is (a phone, or a computer: a laptop with its 💻), named as the view names it
//! ("Han Meimei's computer"), her devices standing together on one side of the
//! post office with her avatar on each and a bracket along them; a device that
//! has not logged in yet says so on its empty screen. A scene without other
//! devices draws exactly what it drew before: none of this.

use bevy::prelude::*;

use crate::sim::DeviceKind;
use crate::viz::art::{Art, Icon};
use crate::viz::lang::{Tr, ui};
use crate::viz::measure;
use crate::viz::palette as pal;
use crate::viz::stage::layout::{self, Layout, PhoneRects};
use crate::viz::stage::parts::{ForStory, placed, words};
use crate::viz::story::told::{DeviceShown, Told};

/// A device's name on its header (and the size it is drawn at), marked so that
/// the tests find it.
#[derive(Component, Clone, Copy, Debug, PartialEq, Eq)]
pub struct DeviceLabel(pub usize);

/// The "not yet logged in" words on a device's screen, while the view has it
/// not joined.
#[derive(Component, Clone, Copy, Debug, PartialEq, Eq)]
pub struct NotJoined(pub usize);

/// The bracket along a person's devices, for her owner index.
#[derive(Component, Clone, Copy, Debug, PartialEq, Eq)]
pub struct Bracket(pub usize);

/// The letters the shelf keeps for a device, over its line above its ring's
/// words (a scene with several devices of a person only).
#[derive(Component, Clone, Copy, Debug, PartialEq, Eq)]
pub struct OnShelf(pub usize);

/// Whether the story has a person with several devices.
pub fn has_devices(told: &Told) -> bool {
    told.devices.len() > told.people.len()
}

/// Each device's letters on the shelf, as the view says, over its line;
/// hidden while there are none.
pub fn shelf_words(
    scene: Res<crate::viz::story::show::OpenScene>,
    mut badges: Query<(&OnShelf, &mut crate::viz::lang::Words, &mut Visibility)>,
) {
    let Some(picture) = scene.picture() else {
        return;
    };
    for (badge, mut w, mut visibility) in &mut badges {
        let n = picture.phones.get(badge.0).map_or(0, |p| p.on_shelf);
        let tr = match n {
            0 => Tr::default(),
            n => ui::on_shelf(n),
        };
        visibility.set_if_neq(if n == 0 {
            Visibility::Hidden
        } else {
            Visibility::Inherited
        });
        if w.0 != tr {
            w.0 = tr;
        }
    }
}

/// The laptop's base under a computer's screen.
#[derive(Component, Clone, Copy, Debug, PartialEq, Eq)]
pub struct LaptopBase(pub usize);

/// The size of a device's header words: a person's only phone keeps the name's
/// size; a device of a person with several has a longer name, drawn smaller
/// ([`LABEL`], or [`LABEL_SMALL`] where one language's does not fit one line).
pub fn label_size(told: &Told, d: usize, r: &PhoneRects) -> f32 {
    let Some(device) = told.devices.get(d).filter(|_| several(told, d)) else {
        return pal::NAME;
    };
    let room = label_room(r);
    let fits = |size: f32| {
        measure::width(&device.label.en, size) <= room
            && measure::width(&device.label.zh, size) <= room
    };
    if fits(LABEL) { LABEL } else { LABEL_SMALL }
}

/// The room for a device's name beside the avatar and its kind's icon.
fn label_room(r: &PhoneRects) -> f32 {
    r.header.max.x - layout::name_left(r.header) - KIND_ICON - 8.0
}

/// The smaller size of a device's name ("Han Meimei's computer").
pub const LABEL: f32 = 15.0;
/// Smaller again, for a name that does not fit one line at [`LABEL`].
pub const LABEL_SMALL: f32 = 13.0;
/// The device's icon beside the avatar, for a person with several devices.
pub const KIND_ICON: f32 = 22.0;

/// Whether device `d`'s owner has other devices too.
pub fn several(told: &Told, d: usize) -> bool {
    let Some(owner) = told.devices.get(d).map(|x| x.owner) else {
        return false;
    };
    told.devices.iter().filter(|x| x.owner == owner).count() > 1
}

/// The icon of a device's kind.
pub fn kind_icon(kind: DeviceKind) -> Icon {
    match kind {
        DeviceKind::Phone => Icon::Phone,
        DeviceKind::Computer => Icon::Computer,
    }
}

/// Whether a device is drawn as a computer.
pub fn is_computer(kind: DeviceKind) -> bool {
    kind_icon(kind) == Icon::Computer
}

/// A device's name as its header shows it: the view's label, broken into two
/// lines where one does not fit beside the avatar (and the kind's icon).
pub fn header_words(told: &Told, d: usize, r: &PhoneRects) -> Tr {
    let Some(device) = told.devices.get(d) else {
        return Tr::default();
    };
    if !several(told, d) {
        return device.label.clone();
    }
    measure::wrap_tr(&device.label, label_size(told, d, r), label_room(r), 2)
}

/// Whose line a line's words are about, where a side has several: the owner's
/// name for a person's only phone; for one of a person's several devices its
/// label without her name ("new phone" of "Han Meimei's new phone", "新手机" of
/// "韩梅梅的新手机": the line leads to her device, which says whose), the whole
/// label where it does not start with her name.
pub fn line_name(told: &Told, d: usize) -> Option<Tr> {
    let device = told.devices.get(d)?;
    let person = told.people.get(device.owner)?;
    if !several(told, d) {
        return Some(person.name.clone());
    }
    let short = |label: &str, prefix: String| {
        label
            .strip_prefix(&prefix)
            .filter(|rest| !rest.is_empty())
            .unwrap_or(label)
            .to_string()
    };
    Some(Tr::new(
        short(&device.label.en, format!("{}'s ", person.name.en)),
        short(&device.label.zh, format!("{}的", person.name.zh)),
    ))
}

/// The header's words and, for a person with several devices, the kind's icon
/// before them.
pub fn spawn_header_words(
    h: &mut ChildSpawnerCommands,
    told: &Told,
    d: usize,
    r: &PhoneRects,
    art: &Art,
) {
    let Some(device) = told.devices.get(d) else {
        return;
    };
    if several(told, d) {
        h.spawn((
            ImageNode::new(art.icon(kind_icon(device.kind))),
            Node {
                width: Val::Px(KIND_ICON),
                height: Val::Px(KIND_ICON),
                flex_shrink: 0.0,
                ..default()
            },
        ));
    }
    h.spawn((
        Label,
        DeviceLabel(d),
        words(
            header_words(told, d, r),
            label_size(told, d, r),
            pal::PHONE_NAME,
        ),
        TextLayout::new(Justify::Left, LineBreak::NoWrap),
    ));
}

/// The body's corner radius: a phone's round corners, a computer's screen lid
/// nearly square.
pub fn body_radius(device: Option<&DeviceShown>) -> f32 {
    match device.map(|d| d.kind) {
        Some(k) if is_computer(k) => 8.0,
        _ => 22.0,
    }
}

/// A computer's base (a laptop's keyboard half, seen edge on) under its screen.
pub fn spawn_base(p: &mut ChildSpawnerCommands, d: usize, device: &DeviceShown, r: &PhoneRects) {
    if !is_computer(device.kind) {
        return;
    }
    let body = r.body;
    let base = Rect::new(
        body.min.x - 5.0,
        body.max.y - 9.0,
        body.max.x + 5.0,
        body.max.y,
    );
    p.spawn((
        ForStory,
        LaptopBase(d),
        BackgroundColor(pal::LAPTOP_BASE),
        Node {
            border_radius: BorderRadius::new(
                Val::Px(2.0),
                Val::Px(2.0),
                Val::Px(6.0),
                Val::Px(6.0),
            ),
            ..placed(base)
        },
    ));
}

/// The brackets along each person's devices where she has several: a bar on
/// the picture's outer edge, from her first device's top to her last's foot.
pub fn spawn_brackets(p: &mut ChildSpawnerCommands, told: &Told, layout: &Layout) {
    for owner in 0..told.people.len() {
        let mine: Vec<&PhoneRects> = told
            .devices
            .iter()
            .enumerate()
            .filter(|(_, d)| d.owner == owner)
            .filter_map(|(i, _)| layout.phones.get(i))
            .collect();
        if mine.len() < 2 {
            continue;
        }
        let top = mine.iter().map(|r| r.body.min.y).fold(f32::MAX, f32::min);
        let foot = mine.iter().map(|r| r.body.max.y).fold(f32::MIN, f32::max);
        let left = mine[0].left;
        let x = if left {
            mine[0].body.min.x - 9.0
        } else {
            mine[0].body.max.x + 4.0
        };
        let colour = told
            .people
            .get(owner)
            .map_or(pal::PHONE_BODY, |person| pal::face(&person.name.en));
        p.spawn((
            ForStory,
            Bracket(owner),
            BackgroundColor(colour),
            Node {
                border_radius: BorderRadius::all(Val::Px(2.5)),
                ..placed(Rect::new(x, top + 6.0, x + 5.0, foot - 6.0))
            },
        ));
    }
}

/// A device that has not logged in yet: its screen says so, and stays empty.
pub fn spawn_not_joined(s: &mut ChildSpawnerCommands, d: usize) {
    s.spawn(Node {
        width: Val::Percent(100.0),
        height: Val::Percent(100.0),
        align_items: AlignItems::Center,
        justify_content: JustifyContent::Center,
        ..default()
    })
    .with_children(|c| {
        c.spawn((
            NotJoined(d),
            words(ui::not_logged_in(), pal::BUBBLE, pal::INK_SOFT),
            TextLayout::new(Justify::Center, LineBreak::NoWrap),
        ));
    });
}
