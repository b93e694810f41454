//! The class's tools on the picture: click a long connection, a phone or the post
//! office for what can be done to it (cut the link, lose its next frame, close the
//! post office, log out, block, befriend...), and click an envelope, a card or a
//! bubble to look inside it (the inspector).
//!
//! A click only opens a menu or the inspector ([`Clicked`], a message the picking
//! observer and the tests send alike); each choice is a scenario action sent as a
//! [`Control::Act`] — narrated, saved with the lesson, taken back with Ctrl+Z —
//! exactly as the panel's keyboard-reachable buttons send it.

use std::collections::BTreeSet;

use bevy::picking::events::{Click, Pointer};
use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

use super::lang::{Language, Tr};
use super::show::{Control, OpenScene, Playback};
use super::told::Told;
use crate::sim::view::{Connection, LetterCopy, Register, View};
use crate::sim::{
    Action, Dir, Event, FrameClass, FrameKind, Lang, MsgId, RegisterChange, UserIdx, What, World,
};

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Tools>()
        .add_message::<Clicked>()
        .add_observer(on_click)
        .add_systems(
            Update,
            (
                (open_clicked, close_on_escape).in_set(super::AppSystems::Input),
                make_clickable.after(super::AppSystems::Picture),
            ),
        );
}

/// The tools' egui windows (the menu, the inspector): where egui runs.
pub fn egui_plugin(app: &mut App) {
    app.add_systems(EguiPrimaryContextPass, (menu_window, inspector_window));
}

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

/// A click on something of the picture, where the pointer was (window pixels).
#[derive(Message, Clone, Copy, Debug, PartialEq)]
pub struct Clicked {
    pub hit: Hit,
    pub at: Vec2,
}

/// The open menu and inspector.
#[derive(Resource, Default, Debug)]
pub struct Tools {
    pub menu: Option<(Target, Vec2)>,
    /// The menu just opened: its first choice takes the keyboard (Space or Enter
    /// chooses it, Tab and the arrows move on, Esc closes the menu).
    pub menu_fresh: bool,
    /// The person the phone menu's "block" and "befriend" are about.
    pub with: usize,
    pub inspecting: Option<Inspected>,
}

fn on_click(
    mut click: On<Pointer<Click>>,
    clickable: Query<&Clickable>,
    mut clicked: MessageWriter<Clicked>,
) {
    if let Ok(c) = clickable.get(click.entity) {
        clicked.write(Clicked {
            hit: c.0,
            at: click.pointer_location.position,
        });
        click.propagate(false);
    }
}

/// The phones' and the post office's parts open their menus when clicked.
#[allow(clippy::type_complexity)]
fn make_clickable(
    mut commands: Commands,
    modules: Query<(Entity, &super::picture::Module), Added<super::picture::Module>>,
    bodies: Query<(Entity, &super::picture::PhoneBody), Added<super::picture::PhoneBody>>,
    office: Query<Entity, Added<super::picture::OfficeBody>>,
    tiles: Query<(Entity, &super::crowd::Tile), Added<super::crowd::Tile>>,
) {
    use super::story::Spot;
    for (e, module) in &modules {
        let target = match module.0 {
            Spot::Screen(i) | Spot::Mailbox(i) | Spot::Postman(i) | Spot::Wire(i, _) => {
                Target::Phone(i)
            }
            Spot::Counter | Spot::Register | Spot::Archive | Spot::Sorting | Spot::Shelf => {
                Target::Office
            }
        };
        commands.entity(e).insert(Clickable(Hit::Fault(target)));
    }
    for (e, body) in &bodies {
        commands
            .entity(e)
            .insert(Clickable(Hit::Fault(Target::Phone(body.0))));
    }
    for e in &office {
        commands
            .entity(e)
            .insert(Clickable(Hit::Fault(Target::Office)));
    }
    for (e, tile) in &tiles {
        commands
            .entity(e)
            .insert(Clickable(Hit::Fault(Target::Phone(tile.0))));
    }
}

fn open_clicked(mut clicks: MessageReader<Clicked>, mut tools: ResMut<Tools>) {
    for c in clicks.read() {
        match c.hit {
            Hit::Fault(target) => {
                tools.menu = Some((target, c.at));
                tools.menu_fresh = true;
                tools.inspecting = None;
            }
            Hit::Inspect(thing) => {
                tools.inspecting = Some(thing);
                tools.menu = None;
            }
        }
    }
}

/// Esc closes the menu and the inspector.
fn close_on_escape(keys: Res<ButtonInput<KeyCode>>, mut tools: ResMut<Tools>) {
    if keys.just_pressed(KeyCode::Escape) && (tools.menu.is_some() || tools.inspecting.is_some()) {
        tools.menu = None;
        tools.inspecting = None;
    }
}

/// The beats the menus go by: those on screen and the class's actions waiting to
/// happen right after them (a link just cut offers its signal back).
fn with_pending(told: &Told, shown: usize) -> usize {
    let lesson = &told.lesson;
    let soon = lesson.time_of(shown).saturating_add(1);
    let mut upto = shown.min(lesson.beats().len());
    while upto < lesson.beats().len() && lesson.time_of(upto + 1) <= soon {
        upto += 1;
    }
    upto
}

/// The actions the class can take on `target` with the picture after `shown`
/// beats (and the actions already waiting right after it), each with its words.
/// `with` is the other person of a phone's block and befriend.
pub fn actions(told: &Told, shown: usize, target: Target, with: usize) -> Vec<(Tr, Action)> {
    let lesson = &told.lesson;
    let shown = with_pending(told, shown);
    let view = lesson.view_after(shown);
    let name = |u: usize| {
        told.people
            .get(u)
            .map(|p| p.name.clone())
            .unwrap_or_default()
    };
    let u = |n: usize| UserIdx(n as u32);
    let mut out = Vec::new();
    match target {
        Target::Link(n) => {
            let who = name(n);
            let down = view
                .phone(u(n))
                .is_some_and(|p| p.connection == Connection::NoSignal);
            if down {
                out.push((
                    Tr::new(
                        format!("Give {}'s phone its signal back", who.en),
                        format!("让{}的手机恢复信号", who.zh),
                    ),
                    Action::LinkUp(u(n)),
                ));
            } else {
                out.push((
                    Tr::new(
                        format!("Cut {}'s long connection (a tunnel)", who.en),
                        format!("切断{}的长连接（进了隧道）", who.zh),
                    ),
                    Action::LinkDown(u(n)),
                ));
            }
            for (toward, to_en, to_zh) in [
                (
                    Dir::ToServer,
                    "to the post office".to_string(),
                    "发往邮局".to_string(),
                ),
                (
                    Dir::ToPhone,
                    format!("to {}'s phone", who.en),
                    format!("发往{}的手机", who.zh),
                ),
            ] {
                for (what, en, zh) in [
                    (FrameClass::Message, "letter", "信"),
                    (FrameClass::Ack, "receipt", "回执"),
                ] {
                    out.push((
                        Tr::new(
                            format!("Lose the next {en} going {to_en}"),
                            format!("让下一封{to_zh}的{zh}在路上丢失"),
                        ),
                        Action::Drop {
                            user: u(n),
                            toward,
                            what,
                        },
                    ));
                }
            }
        }
        Target::Office => {
            out.push(if view.office.open {
                (
                    Tr::new("Close the post office", "邮局关门"),
                    Action::ServerDown,
                )
            } else {
                (
                    Tr::new("Open the post office again", "邮局重新开门"),
                    Action::ServerUp,
                )
            });
        }
        Target::Phone(n) => {
            let who = name(n);
            let closed = view
                .phone(u(n))
                .is_none_or(|p| p.connection == Connection::Closed);
            out.push(if closed {
                (
                    Tr::new(
                        format!("{} opens the app (logs in)", who.en),
                        format!("{}打开应用（登录）", who.zh),
                    ),
                    Action::Login(u(n)),
                )
            } else {
                (
                    Tr::new(
                        format!("{} closes the app (logs out)", who.en),
                        format!("{}退出应用（下线）", who.zh),
                    ),
                    Action::Logout(u(n)),
                )
            });
            if with != n && with < told.people.len() {
                let other = name(with);
                let scene = lesson.scene();
                let register = Register::after(
                    &scene.friends,
                    &scene.blocks,
                    &lesson.trace()[..lesson.trace_end(shown)],
                );
                let (a, b) = (u(n), u(with));
                out.push(if register.blocks.contains(&(a, b)) {
                    (
                        Tr::new(
                            format!("{} unblocks {}", who.en, other.en),
                            format!("{}把{}移出黑名单", who.zh, other.zh),
                        ),
                        Action::Register(RegisterChange::Unblock, a, b),
                    )
                } else {
                    (
                        Tr::new(
                            format!("{} blocks {}", who.en, other.en),
                            format!("{}把{}拉黑", who.zh, other.zh),
                        ),
                        Action::Register(RegisterChange::Block, a, b),
                    )
                });
                out.push(if register.friends(a, b) {
                    (
                        Tr::new(
                            format!("{} and {} stop being friends", who.en, other.en),
                            format!("{}和{}不再是好友", who.zh, other.zh),
                        ),
                        Action::Register(RegisterChange::Unfriend, a, b),
                    )
                } else {
                    (
                        Tr::new(
                            format!("{} and {} become friends", who.en, other.en),
                            format!("{}和{}成为好友", who.zh, other.zh),
                        ),
                        Action::Register(RegisterChange::Befriend, a, b),
                    )
                });
            }
        }
    }
    out
}

/// The name of a target, for the panel's list.
pub fn target_name(told: &Told, target: Target) -> Tr {
    let name = |u: usize| {
        told.people
            .get(u)
            .map(|p| p.name.clone())
            .unwrap_or_default()
    };
    match target {
        Target::Link(n) => {
            let w = name(n);
            Tr::new(
                format!("{}'s long connection", w.en),
                format!("{}的长连接", w.zh),
            )
        }
        Target::Phone(n) => {
            let w = name(n);
            Tr::new(format!("{}'s phone", w.en), format!("{}的手机", w.zh))
        }
        Target::Office => super::lang::ui::post_office(),
    }
}

/// Every target of a scene, in the order the panel lists them.
pub fn targets(told: &Told) -> Vec<Target> {
    let n = told.people.len();
    let mut out: Vec<Target> = (0..n).map(Target::Link).collect();
    out.extend((0..n).map(Target::Phone));
    out.push(Target::Office);
    out
}

/// The buttons for `target`'s actions, and the person picker of a phone's; a
/// pressed button sends its action. With `focus_first`, the first button takes the
/// keyboard.
#[allow(clippy::too_many_arguments)]
pub fn fault_buttons(
    ui: &mut egui::Ui,
    told: &Told,
    shown: usize,
    target: Target,
    with: &mut usize,
    lang: Lang,
    controls: &mut MessageWriter<Control>,
    focus_first: bool,
) -> bool {
    let mut pressed = false;
    if let Target::Phone(n) = target {
        let people = told.people.len();
        if *with == n || *with >= people {
            *with = if n == 0 { 1 } else { 0 };
        }
        ui.horizontal(|ui| {
            ui.label(match lang {
                Lang::En => "With",
                Lang::Zh => "对象",
            });
            egui::ComboBox::from_id_salt(("with", n))
                .selected_text(
                    told.people
                        .get(*with)
                        .map_or(String::new(), |p| p.name.get(lang).to_string()),
                )
                .show_ui(ui, |ui| {
                    for (i, p) in told.people.iter().enumerate().filter(|(i, _)| *i != n) {
                        ui.selectable_value(with, i, p.name.get(lang));
                    }
                });
        });
    }
    for (i, (words, action)) in actions(told, shown, target, *with).into_iter().enumerate() {
        let button = ui.button(words.get(lang));
        if focus_first && i == 0 {
            button.request_focus();
        }
        if button.clicked() {
            controls.write(Control::Act(action));
            pressed = true;
        }
    }
    pressed
}

fn menu_window(
    mut contexts: EguiContexts,
    mut tools: ResMut<Tools>,
    play: Res<Playback>,
    scene: Res<OpenScene>,
    lang: Res<Language>,
    mut controls: MessageWriter<Control>,
) -> Result {
    let Some((target, at)) = tools.menu else {
        return Ok(());
    };
    let Some(told) = scene.told.as_ref() else {
        return Ok(());
    };
    let ctx = contexts.ctx_mut()?.clone();
    let lang = lang.0;
    let mut open = true;
    let mut chosen = false;
    let title = target_name(told, target);
    let mut with = tools.with;
    egui::Window::new(title.get(lang))
        .id(egui::Id::new("fault-menu"))
        .default_pos(egui::pos2(at.x + 8.0, at.y + 8.0))
        .collapsible(false)
        .resizable(false)
        .open(&mut open)
        .show(&ctx, |ui| {
            if !told.live() {
                ui.label(super::panel::words::recorded().get(lang));
                return;
            }
            let fresh = std::mem::take(&mut tools.menu_fresh);
            chosen = fault_buttons(
                ui,
                told,
                play.at,
                target,
                &mut with,
                lang,
                &mut controls,
                fresh,
            );
        });
    tools.with = with;
    if !open || chosen {
        tools.menu = None;
    }
    Ok(())
}

/// What the inspector shows of a thing: a heading and lines (field, value), and
/// the places of the picture to light.
pub fn inspect(
    told: &Told,
    shown: usize,
    thing: Inspected,
    lang: Lang,
    reg: crate::words::Register,
) -> (String, Vec<(String, String)>) {
    let lesson = &told.lesson;
    let world = &lesson.scene().world;
    let view = lesson.view_after(shown);
    let end = lesson.trace_end(shown);
    let trace = &lesson.trace()[..end];
    let w = |en: &str, zh: &str| {
        if lang == Lang::En {
            en.to_string()
        } else {
            zh.to_string()
        }
    };
    match thing {
        Inspected::Heartbeat(n) => {
            let u = UserIdx(n as u32);
            let sent: Vec<&Event> = trace
                .iter()
                .filter(|e| {
                    matches!(e.what, What::FrameOut { user, frame: FrameKind::Heartbeat, .. } if user == u)
                })
                .collect();
            let last = sent.last().map(|e| e.at);
            let (kind, what) = crate::words::window::heartbeat_kind(lang, reg);
            let lines = vec![
                (w("from", "来自"), world.name(u, lang).to_string()),
                (kind.to_string(), what.to_string()),
                (
                    crate::words::window::heartbeats_so_far(lang, reg).to_string(),
                    sent.len().to_string(),
                ),
                (
                    w("last sent at", "最近一次发出"),
                    last.map_or("—".into(), |t| format!("{}", crate::sim::Secs(t))),
                ),
                (
                    w("every", "间隔"),
                    format!(
                        "{}",
                        crate::sim::Secs(lesson.scene().settings.heartbeat.interval_ms)
                    ),
                ),
            ];
            (
                crate::words::window::heartbeat_heading(lang, reg).to_string(),
                lines,
            )
        }
        Inspected::Letter(LetterCopy { id, .. })
        | Inspected::Card(id)
        | Inspected::Bubble(_, id) => letter_lines(world, &view, trace, id, thing, lang, reg),
    }
}

/// A letter's fields, its packets so far and where its copies are kept.
fn letter_lines(
    world: &World,
    view: &View,
    trace: &[Event],
    id: MsgId,
    thing: Inspected,
    lang: Lang,
    reg: crate::words::Register,
) -> (String, Vec<(String, String)>) {
    let number = |id: MsgId| crate::words::window::letter_number(world, id, lang, reg);
    let w = |en: &str, zh: &str| {
        if lang == Lang::En {
            en.to_string()
        } else {
            zh.to_string()
        }
    };
    let Some(letter) = view.letters.get(&id) else {
        return (w("A letter", "一封信"), Vec::new());
    };
    let mut lines = vec![
        (w("number", "编号"), number(id)),
        (
            w("from", "寄信人"),
            world.name(letter.from(), lang).to_string(),
        ),
        (
            w("to", "收信人"),
            world.dest_name(letter.to, lang).to_string(),
        ),
        (w("text", "内容"), letter.text.get(lang).to_string()),
        (
            w("written at", "写于"),
            format!("{}", crate::sim::Secs(letter.written_at)),
        ),
    ];
    if let Some(status) = view.sender_sees(id) {
        lines.push((
            w("its sender sees", "寄信人看到"),
            status_words(status, lang),
        ));
    }
    // Every frame about this letter so far: which packet, when, and its fate.
    let mut lost = BTreeSet::new();
    for e in trace {
        if let What::FrameLost { id: f, .. } = e.what
            && e.msg.as_ref().is_some_and(|m| m.id == id)
        {
            lost.insert(f);
        }
    }
    let mut attempt = std::collections::BTreeMap::new();
    for e in trace
        .iter()
        .filter(|e| e.msg.as_ref().is_some_and(|m| m.id == id))
    {
        if let What::FrameOut {
            id: f,
            user,
            dir,
            frame,
            arrives,
        } = e.what
        {
            let n = attempt.entry((frame.name(), user)).or_insert(0u32);
            *n += 1;
            let fate = if lost.contains(&f) {
                w("lost on the way", "途中丢失")
            } else if arrives <= trace.last().map_or(0, |l| l.at) {
                w("arrived", "已到达")
            } else {
                w("on its way", "在路上")
            };
            let way = match dir {
                Dir::ToServer => {
                    format!("{} → {}", world.name(user, lang), w("post office", "邮局"))
                }
                Dir::ToPhone => {
                    format!("{} → {}", w("post office", "邮局"), world.name(user, lang))
                }
            };
            lines.push((
                crate::words::window::packet_line(frame, *n, lang, reg),
                format!(
                    "{way}, {} {}, {fate}",
                    w("sent at", "发于"),
                    crate::sim::Secs(e.at)
                ),
            ));
        }
    }
    // Where it is kept now.
    if let Some(kept) = view.kept.get(&id) {
        let mut places = Vec::new();
        if kept.sender {
            places.push(format!(
                "{} ({})",
                w("sender's home mailbox", "寄信人的信箱"),
                world.name(letter.from(), lang)
            ));
        }
        if kept.archive {
            places.push(w("the post office's archive", "邮局的档案室"));
        }
        for r in &kept.shelf {
            places.push(format!(
                "{} ({})",
                w("the offline shelf", "离线信架"),
                world.name(*r, lang)
            ));
        }
        for r in &kept.recipients {
            places.push(format!(
                "{} ({})",
                w("home mailbox", "信箱"),
                world.name(*r, lang)
            ));
        }
        lines.push((w("copies kept in", "保存的副本"), places.join("; ")));
    }
    // A duplicate on its way into a phone: what that phone has already seen.
    if let Inspected::Letter(LetterCopy { to: Some(r), .. }) = thing
        && trace
            .iter()
            .rev()
            .take_while(|e| !e.is_narrated() || e.what == What::Duplicate)
            .any(|e| e.what == What::Duplicate && e.msg.as_ref().is_some_and(|m| m.id == id))
        && let Some(phone) = view.phone(r)
    {
        let seen: Vec<String> = phone
            .chat
            .iter()
            .filter(|b| b.id.from != r)
            .map(|b| {
                let label = number(b.id);
                if b.id == id {
                    format!("[{label}]")
                } else {
                    label
                }
            })
            .collect();
        lines.push((
            w("already seen by the phone", "手机已经见过"),
            seen.join(", "),
        ));
    }
    let heading = match thing {
        Inspected::Card(_) => w("A receipt about a letter", "一张关于这封信的回执"),
        Inspected::Bubble(..) => w("A bubble on the screen", "屏幕上的一条消息"),
        _ => w("A letter", "一封信"),
    };
    (heading, lines)
}

fn status_words(s: crate::sim::Status, lang: Lang) -> String {
    use crate::sim::Status as S;
    use crate::words::window as w;
    let (en, zh) = match s {
        S::Sending => ("sending…".to_string(), "发送中…".to_string()),
        S::Waiting => ("waiting for a connection".into(), "等待连接".into()),
        // The bubble's words (words::window), with what ✓ means.
        S::Posted => (
            format!("✓ {}: the post office has it", w::sent(Lang::En)),
            format!("✓ {}：邮局已收到", w::sent(Lang::Zh)),
        ),
        S::Delivered { count, of } if count >= of => (
            format!("✓✓ {}", w::delivered(Lang::En)),
            format!("✓✓ {}", w::delivered(Lang::Zh)),
        ),
        S::Delivered { count, of } => (
            w::partly_heading(count, of, Lang::En),
            w::partly_heading(count, of, Lang::Zh),
        ),
        S::Returned(r) => (
            format!("returned: {}", crate::words::stamp(r, Lang::En)),
            format!("退信：{}", crate::words::stamp(r, Lang::Zh)),
        ),
        S::Lost => ("❗ may be lost".into(), "❗ 可能丢失".into()),
        S::Received => ("received".into(), "收到的信".into()),
    };
    if lang == Lang::En { en } else { zh }
}

fn inspector_window(
    mut contexts: EguiContexts,
    mut tools: ResMut<Tools>,
    play: Res<Playback>,
    scene: Res<OpenScene>,
    lang: Res<Language>,
    wording: Res<super::lang::Wording>,
) -> Result {
    let Some(thing) = tools.inspecting else {
        return Ok(());
    };
    let Some(told) = scene.told.as_ref() else {
        return Ok(());
    };
    let ctx = contexts.ctx_mut()?.clone();
    let (heading, lines) = inspect(told, play.at, thing, lang.0, wording.0);
    let mut open = true;
    egui::Window::new(heading)
        .id(egui::Id::new("inspector"))
        .collapsible(false)
        .resizable(true)
        .default_width(420.0)
        .open(&mut open)
        .show(&ctx, |ui| {
            egui::Grid::new("inspector-fields")
                .num_columns(2)
                .striped(true)
                .show(ui, |ui| {
                    for (field, value) in &lines {
                        ui.label(egui::RichText::new(field).strong());
                        ui.add(egui::Label::new(value).wrap());
                        ui.end_row();
                    }
                });
        });
    if !open {
        tools.inspecting = None;
    }
    Ok(())
}

/// The places of the picture where the inspected letter's copies are kept, to
/// light them.
pub fn kept_spots(told: &Told, shown: usize, thing: Inspected) -> Vec<super::story::Spot> {
    use super::story::Spot;
    let id = match thing {
        Inspected::Letter(c) => c.id,
        Inspected::Card(id) | Inspected::Bubble(_, id) => id,
        Inspected::Heartbeat(_) => return Vec::new(),
    };
    let view = told.lesson.view_after(shown);
    let Some(kept) = view.kept.get(&id) else {
        return Vec::new();
    };
    let mut spots = Vec::new();
    if kept.sender {
        spots.push(Spot::Mailbox(id.from.index()));
    }
    if kept.archive {
        spots.push(Spot::Archive);
    }
    if !kept.shelf.is_empty() {
        spots.push(Spot::Shelf);
    }
    spots.extend(kept.recipients.iter().map(|r| Spot::Mailbox(r.index())));
    spots
}
