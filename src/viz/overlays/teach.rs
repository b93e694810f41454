//! The teacher's cards: the scene's own questions at their moments, the closing
//! recap, and the glossary (G).
//!
//! A scene question ([`crate::scenario::Question`]) comes up on the beat whose
//! events reach its moment — where `postoffice run` prints it — with its answers
//! hidden until the teacher asks for them (A). While playing, the show pauses for
//! it (and predict mode's question waits until it is closed). → after the last
//! step brings the recap card: what happened in three lines,
//! asks the scene's recap questions and gives its "in real life" note (and predict
//! mode's tally). Enter closes a card; G opens and closes the glossary: each word
//! of the story beside its technical word and what a real app shows.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

use crate::sim::Lang;
use crate::viz::AppSystems;
use crate::viz::control::input::keys_free;
use crate::viz::lang::{Language, Tr, Words};
use crate::viz::measure::LINE;
use crate::viz::overlays::asking::{OnSlides, Teach};
use crate::viz::overlays::predict::Predict;
use crate::viz::palette as pal;
use crate::viz::stage::layout;
use crate::viz::stage::parts::{Stage, words};
use crate::viz::story::show::{BeatShown, Control, OpenScene, Playback};
use crate::words::{glossary, teach};

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Teach>()
        .add_message::<Teaching>()
        .add_systems(
            Startup,
            spawn_cards.after(crate::viz::stage::picture::SpawnStage),
        )
        .add_systems(
            Update,
            (
                (keys.run_if(keys_free), controls)
                    .chain()
                    .in_set(AppSystems::Input),
                (ask, show_question, show_recap)
                    .chain()
                    .in_set(AppSystems::Bars),
            ),
        );
}

/// Where egui runs: the glossary's window.
pub fn egui_plugin(app: &mut App) {
    app.add_systems(EguiPrimaryContextPass, glossary_view);
}

/// What the class asks of the teacher's cards (their keys; not the show's).
#[derive(Message, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Teaching {
    /// The glossary on or off (G).
    ToggleGlossary,
    /// The answers to the questions on screen shown or hidden (A).
    ToggleAnswers,
    /// Close the question or recap card on screen (Enter).
    CloseCard,
}

#[derive(Component)]
pub struct QuestionCard;

#[derive(Component)]
pub struct QuestionLines;

#[derive(Component)]
pub struct RecapCard;

#[derive(Component)]
pub struct RecapLines;

/// G opens and closes the glossary, A shows and hides the answers, Enter closes
/// the card on screen (run only while the keys are free).
fn keys(keys: Res<ButtonInput<KeyCode>>, teach: Res<Teach>, mut asks: MessageWriter<Teaching>) {
    if keys.just_pressed(KeyCode::KeyG) {
        asks.write(Teaching::ToggleGlossary);
    }
    if keys.just_pressed(KeyCode::KeyA) {
        asks.write(Teaching::ToggleAnswers);
    }
    if (!teach.asking.is_empty() || teach.recap)
        && keys.any_just_pressed([KeyCode::Enter, KeyCode::NumpadEnter])
    {
        asks.write(Teaching::CloseCard);
    }
}

fn controls(
    mut controls: MessageReader<Control>,
    mut asks: MessageReader<Teaching>,
    mut teach: ResMut<Teach>,
    play: Res<Playback>,
    scene: Res<OpenScene>,
) {
    for c in controls.read() {
        match c {
            // → while the scene's question is up closes it (the step moves on, unless
            // predict mode holds it for its own question, which comes next).
            Control::Next if !teach.asking.is_empty() => {
                teach.closed = teach.made_for;
                teach.asking.clear();
            }
            // → after the last step: the recap.
            Control::Next if scene.at_end(&play) && play.progress >= 1.0 && !play.hold => {
                teach.recap = true;
            }
            _ => {}
        }
    }
    for ask in asks.read() {
        match ask {
            Teaching::ToggleGlossary => teach.glossary = !teach.glossary,
            Teaching::ToggleAnswers => teach.answers = !teach.answers,
            Teaching::CloseCard => {
                teach.closed = teach.made_for;
                teach.asking.clear();
                teach.recap = false;
            }
        }
    }
}

/// The questions of the beat on screen, and whether the recap is up: made when the
/// beat comes on screen (the show pauses for a question while playing).
fn ask(
    mut teach: ResMut<Teach>,
    mut play: ResMut<Playback>,
    scene: Res<OpenScene>,
    beat: Res<BeatShown>,
) {
    let Some(told) = scene.told.as_ref() else {
        if teach.made_for.is_some() {
            *teach = Teach {
                glossary: teach.glossary,
                ..Teach::default()
            };
        }
        return;
    };
    let key = *beat;
    if play.progress < 1.0 || teach.made_for == Some(key) {
        return;
    }
    let lesson = &told.lesson;
    let scene = lesson.scene();
    let mut asking: Vec<usize> = if lesson.is_recorded() {
        Vec::new()
    } else {
        lesson
            .questions_at(play.at)
            .into_iter()
            .map(|q| q.entry)
            .filter_map(|entry| scene.questions.iter().position(|q| q.entry == entry))
            .collect()
    };
    if teach.closed == Some(key) {
        asking.clear();
    }
    if !asking.is_empty() && play.playing {
        play.playing = false;
    }
    let glossary = teach.glossary;
    // A card closed on another step is asked again when its step comes back.
    let closed = teach.closed.filter(|c| *c == key);
    *teach = Teach {
        glossary,
        asking,
        answers: false,
        recap: false,
        made_for: Some(key),
        closed,
    };
}

/// A card over the picture: a box in the stage, hidden at first, with its lines.
fn card(
    p: &mut ChildSpawnerCommands,
    marker: impl Component,
    lines: impl Component,
    place: Node,
    (pad, gap): (f32, f32),
) {
    p.spawn((
        marker,
        Node {
            position_type: PositionType::Absolute,
            left: Val::Px(230.0),
            width: Val::Px(820.0),
            overflow: Overflow::clip(),
            flex_direction: FlexDirection::Column,
            padding: UiRect::all(Val::Px(pad)),
            row_gap: Val::Px(gap),
            border: UiRect::all(Val::Px(BORDER)),
            border_radius: BorderRadius::all(Val::Px(14.0)),
            display: Display::None,
            ..place
        },
        crate::viz::overlays::card::look(23),
    ))
    .with_children(|c| {
        c.spawn((
            lines,
            Node {
                flex_direction: FlexDirection::Column,
                row_gap: Val::Px(gap),
                ..default()
            },
        ));
    });
}

fn spawn_cards(mut commands: Commands, stage: Query<Entity, With<Stage>>) {
    let Ok(stage) = stage.single() else {
        return;
    };
    commands.entity(stage).with_children(|p| {
        // The question card under the picture (see `question_card`): placed and
        // sized when it is filled.
        card(p, QuestionCard, QuestionLines, Node::default(), (PAD, GAP));
        // The recap at the end, over everything but the title and the controls.
        card(
            p,
            RecapCard,
            RecapLines,
            Node {
                top: Val::Px(52.0),
                max_height: Val::Px(600.0),
                ..default()
            },
            (20.0, 8.0),
        );
    });
}

/// One line of a card: its words, size and colour.
pub struct Line(pub Tr, pub f32, pub Color);

fn both(f: impl Fn(Lang) -> String) -> Tr {
    Tr::new(f(Lang::En), f(Lang::Zh))
}

/// Sets a card's lines (respawned only when they change) and shows or hides it.
fn fill(
    commands: &mut Commands,
    card: &mut Node,
    holder: Entity,
    children: Option<&Children>,
    lines: Vec<Line>,
    have: &Query<&Words>,
) {
    let want = if lines.is_empty() {
        Display::None
    } else {
        Display::Flex
    };
    if card.display != want {
        card.display = want;
    }
    let same = children.is_some_and(|c| {
        c.len() == lines.len()
            && c.iter()
                .zip(&lines)
                .all(|(e, l)| have.get(e).is_ok_and(|w| w.0 == l.0))
    });
    if same {
        return;
    }
    commands.entity(holder).despawn_related::<Children>();
    commands.entity(holder).with_children(|c| {
        for Line(tr, size, colour) in lines {
            c.spawn(words(tr, size, colour));
        }
    });
}

/// The question card's padding, the room between its lines, and its border.
const PAD: f32 = 12.0;
const GAP: f32 = 4.0;
const BORDER: f32 = 2.0;
/// The sizes of a question and of its answers, largest first: a card takes the
/// largest whose lines fit under the picture.
const SIZES: [(f32, f32); 3] = [
    (pal::CAPTION, pal::CAPTION - 2.0),
    (pal::CAPTION - 2.0, pal::CAPTION - 4.0),
    (pal::CAPTION - 4.0, pal::SMALLEST),
];

/// The question card for the scene's questions `asking` (their places in its
/// `questions`), with their answers or not, in the window or on a slide: where it
/// goes (see [`layout::question_card`]: as tall as its lines, broken to fit its
/// width in `lang`, need) and its lines.
pub fn question_card(
    scene: &crate::scenario::Scenario,
    asking: &[usize],
    answers: bool,
    on_slides: bool,
    lang: Lang,
    reg: crate::viz::lang::Register,
) -> (Rect, Vec<Line>) {
    let asked: Vec<_> = asking
        .iter()
        .filter_map(|&q| scene.questions.get(q))
        .collect();
    let hint = if !on_slides {
        Some(crate::viz::lang::ui::question_hint(!answers))
    } else if !answers && asked.iter().any(|q| !q.answers.is_empty()) {
        Some(crate::viz::lang::ui::answer_next_slide())
    } else {
        None
    };
    let width = layout::CAPTION_BAR.width() - 2.0 * (PAD + BORDER);
    // Measured a little narrower than the card: the renderer's lines (it breaks
    // them itself) may come out a hair wider than the font's advances say.
    let count = |tr: &Tr, size: f32| {
        let (text, _) = crate::viz::measure::wrap(tr.get(lang), size, width - 16.0, usize::MAX);
        text.lines().count().max(1) as f32
    };
    let lines_at = |(ask, answer): (f32, f32)| {
        let mut lines = vec![Line(
            both(|l| teach::question_tag(l).trim().to_string()),
            pal::HEADING,
            pal::INK_SOFT,
        )];
        for q in &asked {
            lines.push(Line(q.ask.in_register(reg).clone(), ask, pal::INK));
            if answers {
                for a in &q.answers {
                    let text = both(|l| format!("→ {}", a.told(l, reg)));
                    lines.push(Line(text, answer, pal::TICK));
                }
            }
        }
        if let Some(hint) = &hint {
            lines.push(Line(hint.clone(), pal::BUTTON_TEXT, pal::INK_SOFT));
        }
        lines
    };
    let height = |lines: &[Line]| {
        let text: f32 = lines
            .iter()
            .map(|Line(tr, size, _)| count(tr, *size) * size * LINE)
            .sum();
        text + GAP * lines.len().saturating_sub(1) as f32 + 2.0 * (PAD + BORDER)
    };
    let mut lines = Vec::new();
    for sizes in SIZES {
        lines = lines_at(sizes);
        if height(&lines) <= layout::UNDER_PICTURE {
            break;
        }
    }
    (layout::question_card(height(&lines)), lines)
}

/// The question card: "Ask the class", each question of the beat, and (A) its
/// answers; under the picture, so that it covers none of it.
#[allow(clippy::type_complexity, clippy::too_many_arguments)]
fn show_question(
    mut commands: Commands,
    teach: Res<Teach>,
    scene: Res<OpenScene>,
    lang: Res<Language>,
    on_slides: Option<Res<OnSlides>>,
    wording: Res<crate::viz::lang::Wording>,
    mut card: Query<&mut Node, With<QuestionCard>>,
    holder: Query<(Entity, Option<&Children>), With<QuestionLines>>,
    have: Query<&Words>,
) {
    if !teach.is_changed() && !scene.is_changed() && !lang.is_changed() && !wording.is_changed() {
        return;
    }
    let (Ok(mut card), Ok((holder, children))) = (card.single_mut(), holder.single()) else {
        return;
    };
    let mut lines = Vec::new();
    if let Some(told) = scene.told.as_ref()
        && !teach.asking.is_empty()
    {
        let (rect, made) = question_card(
            told.lesson.scene(),
            &teach.asking,
            teach.answers,
            on_slides.is_some(),
            lang.0,
            wording.0,
        );
        lines = made;
        let place = (
            Val::Px(rect.min.x),
            Val::Px(rect.min.y),
            Val::Px(rect.width()),
            Val::Px(rect.height()),
        );
        if (card.left, card.top, card.width, card.height) != place {
            (card.left, card.top, card.width, card.height) = place;
        }
    }
    fill(&mut commands, &mut card, holder, children, lines, &have);
}

/// A question's answers, once the teacher asks for them (A).
fn answers(
    lines: &mut Vec<Line>,
    teach: &Teach,
    q: &crate::scenario::Question,
    size: f32,
    reg: crate::viz::lang::Register,
) {
    if teach.answers {
        for a in &q.answers {
            lines.push(Line(
                both(|l| format!("→ {}", a.told(l, reg))),
                size,
                pal::TICK,
            ));
        }
    }
}

/// The recap card at the end: what happened, the recap questions, in real life;
/// with the answers shown (A, or the slide after it), the questions and their
/// answers alone.
#[allow(clippy::type_complexity, clippy::too_many_arguments)]
fn show_recap(
    mut commands: Commands,
    teach: Res<Teach>,
    on_slides: Option<Res<OnSlides>>,
    play: Res<Playback>,
    scene: Res<OpenScene>,
    predict: Res<Predict>,
    wording: Res<crate::viz::lang::Wording>,
    mut card: Query<&mut Node, With<RecapCard>>,
    holder: Query<(Entity, Option<&Children>), With<RecapLines>>,
    have: Query<&Words>,
) {
    if !teach.is_changed()
        && !play.is_changed()
        && !scene.is_changed()
        && !predict.is_changed()
        && !wording.is_changed()
    {
        return;
    }
    let (Ok(mut card), Ok((holder, children))) = (card.single_mut(), holder.single()) else {
        return;
    };
    let mut lines = Vec::new();
    if let Some(told) = scene.told.as_ref()
        && teach.recap
    {
        let lesson = &told.lesson;
        let scene = lesson.scene();
        let reg = wording.0;
        lines.push(Line(
            both(|l| teach::recap_heading(l).to_string()),
            pal::TITLE,
            pal::INK,
        ));
        let ctx = crate::words::Context::new(&scene.world, &scene.settings, lesson.trace());
        let happened = [Lang::En, Lang::Zh].map(|l| crate::words::recap(&ctx, l, reg));
        let questions: Vec<_> = scene.recap_questions().collect();
        let answered = questions.iter().any(|q| !q.answers.is_empty());
        // The answers take the room of what happened and of real life.
        let whole = !(teach.answers && answered);
        for (en, zh) in happened[0].iter().zip(&happened[1]).filter(|_| whole) {
            lines.push(Line(
                Tr::new(en.clone(), zh.clone()),
                pal::CAPTION - 2.0,
                pal::INK,
            ));
        }
        if whole && predict.on && predict.tally.asked > 0 {
            lines.push(Line(
                both(|l| crate::words::predict::tally(predict.tally, l)),
                pal::CAPTION - 2.0,
                pal::INK,
            ));
        }
        if !questions.is_empty() {
            lines.push(Line(
                both(|l| teach::questions_heading(l).to_string()),
                pal::HEADING,
                pal::INK_SOFT,
            ));
            for q in questions {
                lines.push(Line(
                    both(|l| format!("{}{}", teach::recap_question_mark(l), q.ask.told(l, reg))),
                    pal::CAPTION - 2.0,
                    pal::INK,
                ));
                answers(&mut lines, &teach, q, pal::CAPTION - 4.0, reg);
            }
        }
        if let Some(note) = scene.in_real_life.as_ref().filter(|_| whole) {
            lines.push(Line(
                both(|l| teach::real_life_heading(l).to_string()),
                pal::HEADING,
                pal::INK_SOFT,
            ));
            lines.push(Line(
                note.in_register(reg).clone(),
                pal::CAPTION - 4.0,
                pal::INK,
            ));
        }
        let hint = match (on_slides.is_some(), teach.answers) {
            (false, shown) => Some(crate::viz::lang::ui::question_hint(!shown)),
            (true, false) if answered => Some(crate::viz::lang::ui::answer_next_slide()),
            (true, _) => None,
        };
        if let Some(hint) = hint {
            lines.push(Line(hint, pal::BUTTON_TEXT, pal::INK_SOFT));
        }
    }
    fill(&mut commands, &mut card, holder, children, lines, &have);
}

/// The width of the glossary's two word columns.
const WORD_COLUMN: f32 = 190.0;

/// The glossary in a window of its own (G): a row per word, in the chosen language.
fn glossary_view(
    mut contexts: EguiContexts,
    mut teach: ResMut<Teach>,
    lang: Res<Language>,
) -> Result {
    if !teach.glossary {
        return Ok(());
    }
    let ctx = contexts.ctx_mut()?.clone();
    let lang = lang.0;
    let mut open = true;
    egui::Window::new(format!("{} (G)", glossary::title(lang)))
        .id(egui::Id::new("glossary"))
        .open(&mut open)
        .default_pos(egui::pos2(40.0, 40.0))
        .default_size(egui::vec2(900.0, 560.0))
        .resizable(true)
        .show(&ctx, |ui| {
            egui::ScrollArea::vertical().show(ui, |ui| {
                // Three columns: the two words narrow, what a real app shows in
                // the rest, each wrapping within its own width.
                let row = |ui: &mut egui::Ui, cells: [egui::RichText; 3]| {
                    let rest = (ui.available_width() - 2.0 * WORD_COLUMN - 24.0).max(160.0);
                    ui.horizontal_top(|ui| {
                        for (cell, width) in cells.into_iter().zip([WORD_COLUMN, WORD_COLUMN, rest])
                        {
                            ui.allocate_ui(egui::vec2(width, 0.0), |ui| {
                                ui.set_width(width);
                                ui.add(egui::Label::new(cell).wrap());
                            });
                        }
                    });
                    ui.separator();
                };
                let [a, b, c] = glossary::headings(lang);
                row(ui, [a, b, c].map(|h| egui::RichText::new(h).strong()));
                for t in glossary::glossary(lang) {
                    row(
                        ui,
                        [t.story, t.technical, t.real_app].map(egui::RichText::new),
                    );
                }
            });
        });
    if !open {
        teach.glossary = false;
    }
    Ok(())
}
