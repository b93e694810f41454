//! The class's tools on the picture: click a long connection, a phone or the post
//! office for what can be done to it (cut the link, lose its next frame, close the
//! post office, log out, block, befriend...), and click an envelope, a card or a
//! bubble to look inside it (the inspector).
//!
//! A click only opens a menu or the inspector ([`Clicked`], a message the picking
//! observer and the tests send alike); each choice is a scenario action sent as a
//! [`Control::Act`] — narrated, saved with the lesson, taken back with Ctrl+Z —
//! exactly as the panel's keyboard-reachable buttons send it.

use bevy::picking::events::{Click, Pointer};
use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

use crate::scenario::action::{Part, offered};
use crate::sim::view::Register;
use crate::sim::{Action, DeviceIdx, Lang, MsgId, UserIdx};
use crate::viz::lang::{Language, Tr};
use crate::viz::stage::parts::{Clickable, Hit, Inspected, Target};
use crate::viz::story::show::{Control, OpenScene, Playback};
use crate::viz::story::told::Told;
use crate::words::act::{self, BubbleChoice};

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Tools>()
        .add_message::<Clicked>()
        .add_observer(on_click)
        .add_systems(
            Update,
            (
                (open_clicked, close_on_escape).in_set(crate::viz::AppSystems::Input),
                make_clickable.after(crate::viz::AppSystems::Picture),
            ),
        );
}

/// The tools' egui windows (the menu, the inspector): where egui runs.
pub fn egui_plugin(app: &mut App) {
    app.add_systems(
        EguiPrimaryContextPass,
        (menu_window, bubble_menu_window, inspector_window),
    );
}

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
    /// The menu of a ❗ bubble or of one its writer may recall: the phone it is
    /// on, its letter, where it was clicked.
    pub bubble: Option<(usize, MsgId, Vec2)>,
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
    modules: Query<
        (Entity, &crate::viz::stage::parts::Module),
        Added<crate::viz::stage::parts::Module>,
    >,
    bodies: Query<
        (Entity, &crate::viz::stage::parts::PhoneBody),
        Added<crate::viz::stage::parts::PhoneBody>,
    >,
    office: Query<Entity, Added<crate::viz::stage::parts::OfficeBody>>,
    tiles: Query<(Entity, &crate::viz::stage::parts::Tile), Added<crate::viz::stage::parts::Tile>>,
) {
    use crate::viz::story::model::Spot;
    for (e, module) in &modules {
        let target = match module.0 {
            Spot::Screen(i) | Spot::Mailbox(i) | Spot::Postman(i) | Spot::Wire(i, _) => {
                Target::Phone(i)
            }
            Spot::Counter
            | Spot::Register
            | Spot::Archive
            | Spot::Sorting
            | Spot::Shelf
            | Spot::Store => Target::Office,
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

fn open_clicked(
    mut clicks: MessageReader<Clicked>,
    mut tools: ResMut<Tools>,
    scene: Res<OpenScene>,
    play: Res<Playback>,
) {
    for c in clicks.read() {
        tools.menu = None;
        tools.bubble = None;
        tools.inspecting = None;
        match c.hit {
            Hit::Fault(target) => {
                tools.menu = Some((target, c.at));
                tools.menu_fresh = true;
            }
            Hit::Inspect(Inspected::Bubble(n, id))
                if scene.told.as_ref().is_some_and(|t| {
                    t.lesson.given_up(play.at, n, id) || t.lesson.recallable(play.at, n, id)
                }) =>
            {
                tools.bubble = Some((n, id, c.at));
                tools.menu_fresh = true;
            }
            Hit::Inspect(thing) => tools.inspecting = Some(thing),
        }
    }
}

/// Esc closes the menu and the inspector.
fn close_on_escape(keys: Res<ButtonInput<KeyCode>>, mut tools: ResMut<Tools>) {
    let open = tools.menu.is_some() || tools.bubble.is_some() || tools.inspecting.is_some();
    if keys.just_pressed(KeyCode::Escape) && open {
        tools.menu = None;
        tools.bubble = None;
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

/// The part of the scene a target is.
fn part(target: Target) -> Part {
    let u = |n: usize| DeviceIdx(n as u32);
    match target {
        Target::Link(n) => Part::Link(u(n)),
        Target::Phone(n) => Part::Phone(u(n)),
        Target::Office => Part::Office,
    }
}

/// Both languages of the words layer's `f`.
fn both(f: impl Fn(Lang) -> String) -> Tr {
    Tr::new(f(Lang::En), f(Lang::Zh))
}

/// The actions the class can take on `target` with the picture after `shown`
/// beats (and the actions already waiting right after it), each with its words
/// in `reg` ([`crate::scenario::action::offered`], worded by
/// [`crate::words::act::offer`]). `with` is the other person of a phone's block
/// and befriend.
pub fn actions(
    told: &Told,
    shown: usize,
    target: Target,
    with: usize,
    reg: crate::words::Register,
) -> Vec<(Tr, Action)> {
    let world = &told.lesson.scene().world;
    choices(told, shown, target, with)
        .0
        .into_iter()
        .map(|a| (both(|l| act::offer(&a, world, l, reg)), a))
        .collect()
}

/// The actions offered on `target` after `shown` beats, and why the app and
/// chat choices left out are not there: a phone's "Close the app" (or "Open the
/// app", its app closed) beside its login, and where the open chat matters its
/// chats ([`crate::lesson::Lesson::chat_choices`]: the chat with `with`, each
/// group's, back to the chat list), each kept only where the script stays to the
/// format's rules with it ([`crate::lesson::Lesson::may`]).
fn choices(
    told: &Told,
    shown: usize,
    target: Target,
    with: usize,
) -> (Vec<Action>, Vec<crate::lesson::apps::Blocked>) {
    use crate::sim::view::App;
    let lesson = &told.lesson;
    let at = shown;
    let shown = with_pending(told, shown);
    let view = lesson.view_after(shown);
    let scene = lesson.scene();
    let register = Register::after(
        &scene.friends,
        &scene.blocks,
        &lesson.trace()[..lesson.trace_end(shown)],
    );
    let with = (with < told.people.len()).then_some(UserIdx(with as u32));
    let mut all = offered(part(target), &view, &register, with);
    if let Target::Phone(n) = target {
        let u = DeviceIdx(n as u32);
        let app = match lesson.app_after(at, u) {
            App::Closed => Action::OpenApp(u),
            App::Open | App::LoggedOut => Action::CloseApp(u),
        };
        all.insert(all.len().min(1), app);
        all.extend(lesson.chat_choices(at, u, with));
    }
    let mut blocked = Vec::new();
    all.retain(|a| match lesson.may(at, a) {
        Ok(()) => true,
        Err(b) => {
            if !blocked.contains(&b) {
                blocked.push(b);
            }
            false
        }
    });
    (all, blocked)
}

/// Why app choices are missing from `target`'s menu after `shown` beats, one
/// line each (both languages, in `reg`): a logged-out phone has no app to
/// close, a closed app opens before a login or logout, the scene's own later
/// actions would no longer fit.
pub fn not_offered(
    told: &Told,
    shown: usize,
    target: Target,
    reg: crate::words::Register,
) -> Vec<Tr> {
    let world = &told.lesson.scene().world;
    choices(told, shown, target, 0)
        .1
        .into_iter()
        .map(|b| both(|l| act::not_offered(b, world, l, reg)))
        .collect()
}

/// The name of a target, for the menu's title and the panel's list.
pub fn target_name(told: &Told, target: Target, reg: crate::words::Register) -> Tr {
    let world = &told.lesson.scene().world;
    both(|l| act::part(part(target), world, l, reg))
}

/// Every target of a scene, in the order the panel lists them.
pub fn targets(told: &Told) -> Vec<Target> {
    let n = told.phones();
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
    (lang, reg): (Lang, crate::words::Register),
    controls: &mut MessageWriter<Control>,
    focus_first: bool,
) -> bool {
    let mut pressed = false;
    if let Target::Phone(d) = target {
        // The people the device's owner deals with: everyone else (issue 27).
        let n = told.devices.get(d).map_or(d, |dev| dev.owner);
        let people = told.people.len();
        if *with == n || *with >= people {
            *with = if n == 0 { 1 } else { 0 };
        }
        ui.horizontal(|ui| {
            ui.label(act::with(lang));
            egui::ComboBox::from_id_salt(("with", d))
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
    let world = &told.lesson.scene().world;
    let (offered, missing) = choices(told, shown, target, *with);
    for (i, action) in offered.into_iter().enumerate() {
        let words = both(|l| act::offer(&action, world, l, reg));
        let button = ui.button(words.get(lang));
        if focus_first && i == 0 {
            button.request_focus();
        }
        if button.clicked() {
            controls.write(Control::Act(action));
            pressed = true;
        }
    }
    for b in missing {
        let why = act::not_offered(b, world, lang, reg);
        ui.label(egui::RichText::new(why).small().weak());
    }
    pressed
}

fn menu_window(
    mut contexts: EguiContexts,
    mut tools: ResMut<Tools>,
    play: Res<Playback>,
    scene: Res<OpenScene>,
    lang: Res<Language>,
    wording: Res<crate::viz::lang::Wording>,
    mut controls: MessageWriter<Control>,
) -> Result {
    let Some((target, at)) = tools.menu else {
        return Ok(());
    };
    let Some(told) = scene.told.as_ref() else {
        return Ok(());
    };
    let ctx = contexts.ctx_mut()?.clone();
    let (lang, reg) = (lang.0, wording.0);
    let mut open = true;
    let mut chosen = false;
    let title = target_name(told, target, reg);
    let mut with = tools.with;
    egui::Window::new(title.get(lang))
        .id(egui::Id::new("fault-menu"))
        .default_pos(egui::pos2(at.x + 8.0, at.y + 8.0))
        .collapsible(false)
        .resizable(false)
        .open(&mut open)
        .show(&ctx, |ui| {
            if !told.live() {
                ui.label(crate::viz::control::labels::recorded().get(lang));
                return;
            }
            let fresh = std::mem::take(&mut tools.menu_fresh);
            chosen = fault_buttons(
                ui,
                told,
                play.at,
                target,
                &mut with,
                (lang, reg),
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

/// A choice of a bubble's menu: its words, what it is, and the action it sends
/// (none for "Look inside", nor in a recorded story).
pub type BubbleItem = (Tr, BubbleChoice, Option<Action>);

/// The menu of the bubble of letter `id` on phone `n` after `shown` beats: its
/// title and its choices, each with its words in `reg` (both languages) and, in
/// a live story, the action it sends. A ❗ bubble (one its writer's phone gave
/// up on) offers "Send again" (a `Resend`); the writer's own bubble of a letter
/// the post office has offers "Recall" (a `Recall`: the post office decides
/// whether it is in time). `None` for any other bubble (it opens the inspector).
pub fn bubble_menu(
    told: &Told,
    shown: usize,
    (n, id): (usize, MsgId),
    reg: crate::words::Register,
) -> Option<(Tr, Vec<BubbleItem>)> {
    let lesson = &told.lesson;
    let (choice, title) = if lesson.given_up(shown, n, id) {
        (BubbleChoice::SendAgain, true)
    } else if lesson.recallable(shown, n, id) {
        (BubbleChoice::Recall, false)
    } else {
        return None;
    };
    let pick = lesson.own_letter(id)?;
    let title = match title {
        true => both(|l| act::given_up(&pick.text, l, reg)),
        false => both(|l| act::own_bubble(&pick.text, l)),
    };
    let words = |c| both(|l| act::bubble_choice(c, l, reg).to_string());
    let action = told.live().then_some(match choice {
        BubbleChoice::Recall => Action::Recall(pick),
        _ => Action::Resend(pick),
    });
    let choices = vec![
        (
            words(BubbleChoice::LookInside),
            BubbleChoice::LookInside,
            None,
        ),
        (words(choice), choice, action),
    ];
    Some((title, choices))
}

fn bubble_menu_window(
    mut contexts: EguiContexts,
    mut tools: ResMut<Tools>,
    play: Res<Playback>,
    scene: Res<OpenScene>,
    lang: Res<Language>,
    wording: Res<crate::viz::lang::Wording>,
    mut controls: MessageWriter<Control>,
) -> Result {
    let Some((n, id, at)) = tools.bubble else {
        return Ok(());
    };
    let Some(told) = scene.told.as_ref() else {
        return Ok(());
    };
    let Some((title, choices)) = bubble_menu(told, play.at, (n, id), wording.0) else {
        // The story moved on and the bubble offers nothing now: look inside it.
        tools.bubble = None;
        tools.inspecting = Some(Inspected::Bubble(n, id));
        return Ok(());
    };
    let ctx = contexts.ctx_mut()?.clone();
    let lang = lang.0;
    let fresh = std::mem::take(&mut tools.menu_fresh);
    let mut open = true;
    let mut chosen = None;
    egui::Window::new(title.get(lang))
        .id(egui::Id::new("bubble-menu"))
        .default_pos(egui::pos2(at.x + 8.0, at.y + 8.0))
        .collapsible(false)
        .resizable(false)
        .open(&mut open)
        .show(&ctx, |ui| {
            for (i, (words, choice, action)) in choices.into_iter().enumerate() {
                if choice != BubbleChoice::LookInside && action.is_none() {
                    ui.label(crate::viz::control::labels::recorded().get(lang));
                    continue;
                }
                let button = ui.button(words.get(lang));
                if fresh && i == 0 {
                    button.request_focus();
                }
                if button.clicked() {
                    chosen = Some((choice, action));
                }
            }
        });
    if !open || chosen.is_some() {
        tools.bubble = None;
    }
    match chosen {
        Some((BubbleChoice::LookInside, _)) => {
            tools.inspecting = Some(Inspected::Bubble(n, id));
        }
        Some((_, Some(action))) => {
            controls.write(Control::Act(action));
        }
        _ => {}
    }
    Ok(())
}

/// What the inspector shows of a thing: a heading and lines (field, value), in
/// the words of [`crate::words::inspect`].
pub fn inspect(
    told: &Told,
    shown: usize,
    thing: Inspected,
    lang: Lang,
    reg: crate::words::Register,
) -> (String, Vec<(String, String)>) {
    use crate::words::inspect::{self as words, Inspected as Looked};
    let lesson = &told.lesson;
    let view = lesson.view_after(shown);
    let story = words::Story {
        world: &lesson.scene().world,
        settings: &lesson.scene().settings,
        view: &view,
        trace: &lesson.trace()[..lesson.trace_end(shown)],
    };
    let looked = match thing {
        Inspected::Letter(copy) => Looked::Letter(copy),
        Inspected::Card(id) => Looked::Card(id),
        Inspected::Bubble(n, id) => Looked::Bubble(DeviceIdx(n as u32), id),
        Inspected::Heartbeat(n) => Looked::Heartbeat(DeviceIdx(n as u32)),
    };
    words::inspect(&story, looked, lang, reg)
}

fn inspector_window(
    mut contexts: EguiContexts,
    mut tools: ResMut<Tools>,
    play: Res<Playback>,
    scene: Res<OpenScene>,
    lang: Res<Language>,
    wording: Res<crate::viz::lang::Wording>,
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
pub fn kept_spots(
    told: &Told,
    shown: usize,
    thing: Inspected,
) -> Vec<crate::viz::story::model::Spot> {
    use crate::viz::story::model::Spot;
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
    // Its photo or voice message, while the parcel store holds any of it (issue 26).
    if view
        .parcels
        .get(&id)
        .is_some_and(|p| p.held > 0 && !p.expired)
    {
        spots.push(Spot::Store);
    }
    spots
}
