//! Predict mode in the window (P): where the next step could go more than one way
//! ([`crate::lesson::predict`]), the picture holds on "What happens next?" with
//! three answers. The class clicks one or presses 1–3; the step plays as the
//! reveal, the card saying whether the guess was right; a tally shows at the end.
//! A question answered once is not asked again when the teacher steps back.

use std::collections::BTreeSet;

use bevy::prelude::*;

use crate::lesson::predict::{self, Question, Tally};
use crate::sim::Lang;
use crate::viz::AppSystems;
use crate::viz::control::bars::Action;
use crate::viz::control::input::keys_free;
use crate::viz::lang::{Language, Tr, Words};
use crate::viz::palette as pal;
use crate::viz::stage::parts::{Stage, words};
use crate::viz::story::show::{Control, OpenScene, Playback};

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Predict>()
        .add_message::<Predicting>()
        .add_systems(
            Startup,
            spawn_card.after(crate::viz::stage::picture::SpawnStage),
        )
        .add_systems(
            Update,
            (
                (keys.run_if(keys_free), press_answers, guesses, ask)
                    .chain()
                    .in_set(AppSystems::Input),
                show_card.in_set(AppSystems::Bars),
            ),
        );
}

/// The state of predict mode.
#[derive(Resource, Default, Debug)]
pub struct Predict {
    pub on: bool,
    /// The question on screen, waiting for its answer.
    pub asking: Option<Question>,
    /// The last answer: the question, the answer chosen, and whether it was right
    /// (shown while its reveal is on screen).
    pub answered: Option<(Question, usize, bool)>,
    pub tally: Tally,
    /// The reveals already guessed (stepping back does not ask them again).
    done: BTreeSet<usize>,
    /// How long the verdict has been up while playing, in seconds at 1×.
    verdict_for: f32,
    /// The story the state is for.
    story: Option<u64>,
}

/// What the class asks of predict mode (its keys and buttons; not the show's).
#[derive(Message, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Predicting {
    /// Predict mode on or off (P).
    Toggle,
    /// The class's guess at the question on screen: answer 0, 1 or 2.
    Guess(usize),
}

/// The card's box, its lines and its three answer buttons.
#[derive(Component)]
pub struct PredictCard;

#[derive(Component)]
pub struct PredictHeading;

#[derive(Component)]
pub struct PredictMoment;

#[derive(Component)]
pub struct PredictAnswer(pub usize);

/// P turns predict mode on and off; 1–3 answer (run only while the keys are free).
fn keys(keys: Res<ButtonInput<KeyCode>>, mut asks: MessageWriter<Predicting>) {
    if keys.just_pressed(KeyCode::KeyP) {
        asks.write(Predicting::Toggle);
    }
    for (i, pair) in [
        [KeyCode::Digit1, KeyCode::Numpad1],
        [KeyCode::Digit2, KeyCode::Numpad2],
        [KeyCode::Digit3, KeyCode::Numpad3],
    ]
    .into_iter()
    .enumerate()
    {
        if keys.any_just_pressed(pair) {
            asks.write(Predicting::Guess(i));
        }
    }
}

/// A click on one of the card's three answers.
fn press_answers(
    answers: Query<(&Interaction, &PredictAnswer), Changed<Interaction>>,
    mut asks: MessageWriter<Predicting>,
) {
    for (interaction, answer) in &answers {
        if *interaction == Interaction::Pressed {
            asks.write(Predicting::Guess(answer.0));
        }
    }
}

/// Turns the mode on and off, and counts a guess: the reveal plays.
fn guesses(
    mut controls: ParamSet<(MessageReader<Control>, MessageWriter<Control>)>,
    mut asks: MessageReader<Predicting>,
    mut predict: ResMut<Predict>,
    mut play: ResMut<Playback>,
) {
    let mut reveal = false;
    for control in controls.p0().read() {
        // → after a reveal takes the verdict away (and asks the next question,
        // if the next step is one to guess too).
        // (Not the reveal's own →, read here a frame after it was sent.)
        if *control == Control::Next
            && play.progress >= 1.0
            && predict
                .answered
                .as_ref()
                .is_some_and(|(q, ..)| q.reveal == play.at)
        {
            predict.answered = None;
        }
    }
    for ask in asks.read() {
        match ask {
            Predicting::Toggle => {
                predict.on = !predict.on;
                if !predict.on {
                    predict.asking = None;
                    play.hold = false;
                }
            }
            Predicting::Guess(i) if *i < 3 => {
                if let Some(q) = predict.asking.take() {
                    let right = predict.tally.guess(&q, *i);
                    predict.done.insert(q.reveal);
                    predict.answered = Some((q, *i, right));
                    play.hold = false;
                    reveal = true;
                }
            }
            _ => {}
        }
    }
    if reveal {
        controls.p1().write(Control::Next);
    }
}

/// Asks the question of the beat on screen, if there is one not yet answered; the
/// show holds until it is. After a reveal the verdict stays up first: until → is
/// pressed, or for the time to read a caption while playing.
fn ask(
    time: Res<Time>,
    teach: Res<crate::viz::overlays::asking::Teach>,
    mut predict: ResMut<Predict>,
    mut play: ResMut<Playback>,
    mut scene: ResMut<OpenScene>,
) {
    let story = scene.told.as_ref().map(|_| scene.generation);
    if predict.story != story {
        let on = predict.on;
        *predict = Predict {
            on,
            story,
            ..Predict::default()
        };
    }
    let at = play.at;
    match predict.answered.as_ref().map(|(q, ..)| q.reveal) {
        // (At `reveal - 1` only until the reveal's → is applied, this frame.)
        Some(reveal) if at != reveal && at + 1 != reveal => predict.answered = None,
        Some(_) if play.playing && play.progress >= 1.0 => {
            predict.verdict_for += time.delta_secs() * play.speed();
            if predict.verdict_for >= crate::viz::story::show::READ_SECONDS {
                predict.answered = None;
            }
        }
        _ => predict.verdict_for = 0.0,
    }
    let pending = predict.on && play.progress >= 1.0 && !predict.done.contains(&(at + 1)) && {
        if let Some(t) = scene.told.as_mut() {
            t.reach(at + 1);
        }
        true
    };
    let next = if pending {
        scene
            .told
            .as_ref()
            .filter(|t| t.live())
            .and_then(|t| predict::question(&t.lesson, at))
    } else {
        None
    };
    // While the verdict is up, or the scene's own question for the class (see
    // `crate::viz::overlays::teach`), the next question waits (and so does the show).
    let wanted = if predict.answered.is_some() || !teach.asking.is_empty() {
        None
    } else {
        next.clone()
    };
    if predict.asking != wanted {
        predict.asking = wanted;
    }
    let hold = next.is_some();
    if play.hold != hold {
        play.hold = hold;
    }
}

fn spawn_card(mut commands: Commands, stage: Query<Entity, With<Stage>>) {
    let Ok(stage) = stage.single() else {
        return;
    };
    commands.entity(stage).with_children(|p| {
        p.spawn((
            PredictCard,
            Node {
                position_type: PositionType::Absolute,
                // Over the lower half of the post office, clear of the caption.
                left: Val::Px(300.0),
                top: Val::Px(262.0),
                width: Val::Px(680.0),
                flex_direction: FlexDirection::Column,
                padding: UiRect::all(Val::Px(18.0)),
                row_gap: Val::Px(10.0),
                border: UiRect::all(Val::Px(2.0)),
                border_radius: BorderRadius::all(Val::Px(14.0)),
                display: Display::None,
                ..default()
            },
            crate::viz::overlays::card::look(24),
        ))
        .with_children(|c| {
            c.spawn((PredictHeading, words(Tr::default(), 26.0, pal::INK)));
            c.spawn((
                PredictMoment,
                words(Tr::default(), pal::CAPTION - 2.0, pal::INK_SOFT),
            ));
            for i in 0..3 {
                c.spawn((
                    PredictAnswer(i),
                    crate::viz::overlays::card::button(
                        Action::Own,
                        UiRect::axes(Val::Px(12.0), Val::Px(8.0)),
                    ),
                ))
                .with_children(|b| {
                    b.spawn(words(Tr::default(), pal::CAPTION - 2.0, pal::INK));
                });
            }
        });
    });
}

/// The card: the question and its answers; then whether the guess was right; at
/// the end, the tally.
#[allow(clippy::type_complexity, clippy::too_many_arguments)]
fn show_card(
    predict: Res<Predict>,
    play: Res<Playback>,
    scene: Res<OpenScene>,
    lang: Res<Language>,
    mut card: Query<&mut Node, With<PredictCard>>,
    mut heading: Query<&mut Words, (With<PredictHeading>, Without<PredictMoment>)>,
    mut moment: Query<&mut Words, (With<PredictMoment>, Without<PredictHeading>)>,
    mut answers: Query<
        (&PredictAnswer, &mut Node, &mut BorderColor, &Children),
        Without<PredictCard>,
    >,
    mut texts: Query<&mut Words, (Without<PredictHeading>, Without<PredictMoment>)>,
) {
    if !predict.is_changed() && !play.is_changed() && !scene.is_changed() && !lang.is_changed() {
        return;
    }
    let Some(told) = scene.told.as_ref() else {
        return;
    };
    let world = &told.lesson.scene().world;
    let both = |f: &dyn Fn(Lang) -> String| Tr::new(f(Lang::En), f(Lang::Zh));
    let end = predict.on && scene.at_end(&play) && predict.tally.asked > 0;
    let (title, line, choices, marked): (Tr, Tr, Option<&Question>, Option<(usize, bool)>) =
        if let Some(q) = &predict.asking {
            (
                both(&|l| crate::words::predict::what_next(l).to_string()),
                both(&|l| crate::words::predict::moment(q.moment, l).to_string()),
                Some(q),
                None,
            )
        } else if let Some((q, chosen, right)) = &predict.answered {
            (
                both(&|l| crate::words::predict::verdict(*right, l).to_string()),
                both(&|l| crate::words::predict::moment(q.moment, l).to_string()),
                Some(q),
                Some((*chosen, *right)),
            )
        } else if end {
            (
                both(&|l| crate::words::predict::tally(predict.tally, l)),
                Tr::default(),
                None,
                None,
            )
        } else {
            (Tr::default(), Tr::default(), None, None)
        };
    let up = predict.on && (choices.is_some() || end);
    for mut n in &mut card {
        let want = if up { Display::Flex } else { Display::None };
        if n.display != want {
            n.display = want;
        }
    }
    for mut w in &mut heading {
        w.0 = title.clone();
    }
    for mut w in &mut moment {
        w.0 = line.clone();
    }
    for (answer, mut node, mut border, children) in &mut answers {
        let i = answer.0;
        node.display = if choices.is_some() {
            Display::Flex
        } else {
            Display::None
        };
        let Some(q) = choices else {
            continue;
        };
        // After the guess: the right answer framed in green, a wrong guess in red.
        *border = BorderColor::all(match marked {
            Some(_) if i == q.right => pal::TICK,
            Some((chosen, false)) if i == chosen => pal::STAMP,
            _ => pal::CARD_EDGE,
        });
        let words_of = |l: Lang| {
            format!(
                "{}  {}",
                i + 1,
                crate::words::predict::outcome(
                    q.answers[i],
                    l,
                    world,
                    q.to.map(|d| world.owner(d))
                )
            )
        };
        for child in children.iter() {
            if let Ok(mut w) = texts.get_mut(child) {
                w.0 = both(&words_of);
            }
        }
    }
}
