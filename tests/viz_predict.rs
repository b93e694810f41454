//! Predict mode in the window, headless: P turns it on, the show holds on "What
//! happens next?" where the next step could go more than one way, keys 1–3 (or the
//! card's buttons, which send the same control) answer, the step plays as the
//! reveal, the tally counts, and the card shows and hides.
#![cfg(feature = "viz")]

mod headless;

use bevy::input::keyboard::Key;
use bevy::prelude::*;
use headless::{app_on, copied, frames, key, press};

use postoffice::lesson::predict::{self, Moment};
use postoffice::viz::{
    lang::Words,
    overlays::predict::{Predict, PredictCard, PredictHeading, Predicting},
    story::show::{Control, OpenScene, Playback},
};

fn digit(n: usize) -> (KeyCode, Key) {
    let code = [KeyCode::Digit1, KeyCode::Digit2, KeyCode::Digit3][n];
    (code, Key::Character((n + 1).to_string().into()))
}

fn card_up(app: &mut App) -> bool {
    let mut q = app.world_mut().query_filtered::<&Node, With<PredictCard>>();
    q.iter(app.world()).any(|n| n.display != Display::None)
}

fn heading(app: &mut App) -> String {
    let mut q = app
        .world_mut()
        .query_filtered::<&Words, With<PredictHeading>>();
    q.iter(app.world()).map(|w| w.0.en.to_string()).collect()
}

/// Steps on (→) until a question is asked; the beat it is asked on.
fn to_next_question(app: &mut App) -> Option<usize> {
    for _ in 0..60 {
        if app.world().resource::<Predict>().asking.is_some() {
            return Some(app.world().resource::<Playback>().at);
        }
        if app
            .world()
            .resource::<OpenScene>()
            .at_end(app.world().resource::<Playback>())
        {
            return None;
        }
        press(app, Control::Next);
    }
    None
}

#[test]
fn p_asks_before_the_verdict_holds_the_show_and_scores_the_guess() {
    let (mut app, window) = app_on(copied("hello.ron"));
    key(
        &mut app,
        window,
        KeyCode::KeyP,
        Key::Character("p".into()),
        false,
    );
    frames(&mut app, 3);
    assert!(app.world().resource::<Predict>().on);
    let at = to_next_question(&mut app).expect("hello asks");
    let q = app.world().resource::<Predict>().asking.clone().unwrap();
    assert_eq!(q.moment, Moment::Verdict);
    assert!(card_up(&mut app));
    assert_eq!(heading(&mut app), "What happens next?");
    // The show holds: → and Play wait for the guess.
    press(&mut app, Control::Next);
    assert_eq!(app.world().resource::<Playback>().at, at);
    press(&mut app, Control::PlayPause);
    frames(&mut app, 200);
    assert_eq!(app.world().resource::<Playback>().at, at, "Play waits too");
    press(&mut app, Control::PlayPause);
    // The right answer, by its key: the reveal plays, the card says so.
    let (code, logical) = digit(q.right);
    key(&mut app, window, code, logical, false);
    frames(&mut app, 40);
    assert_eq!(app.world().resource::<Playback>().at, at + 1, "the reveal");
    assert_eq!(heading(&mut app), "Right!");
    let tally = app.world().resource::<Predict>().tally;
    assert_eq!((tally.right, tally.asked), (1, 1));
    // The next question (the route): a wrong answer.
    to_next_question(&mut app).expect("hello asks about the route");
    let q = app.world().resource::<Predict>().asking.clone().unwrap();
    assert_eq!(q.moment, Moment::Route);
    let (code, logical) = digit((q.right + 1) % 3);
    key(&mut app, window, code, logical, false);
    frames(&mut app, 40);
    assert!(heading(&mut app).starts_with("Not this time"));
    let tally = app.world().resource::<Predict>().tally;
    assert_eq!((tally.right, tally.asked), (1, 2));
    // Stepping back and on again does not ask (or count) the same question twice.
    press(&mut app, Control::Previous);
    press(&mut app, Control::Next);
    assert!(app.world().resource::<Predict>().asking.is_none());
    // To the end: the tally is on the card.
    while !app
        .world()
        .resource::<OpenScene>()
        .at_end(app.world().resource::<Playback>())
    {
        press(&mut app, Control::Next);
    }
    frames(&mut app, 3);
    assert!(card_up(&mut app));
    assert_eq!(heading(&mut app), "Predictions: 1 of 2 guessed right.");
    // P again: off, and the card goes.
    key(
        &mut app,
        window,
        KeyCode::KeyP,
        Key::Character("p".into()),
        false,
    );
    frames(&mut app, 3);
    assert!(!card_up(&mut app));
}

#[test]
fn every_question_of_a_lossy_scene_is_asked_once_in_order() {
    let (mut app, window) = app_on(copied("lost_ack.ron"));
    app.world_mut().write_message(Predicting::Toggle);
    frames(&mut app, 3);
    let mut asked = Vec::new();
    while let Some(at) = to_next_question(&mut app) {
        asked.push(at);
        let q = app.world().resource::<Predict>().asking.clone().unwrap();
        // The card's button sends the same message as the key.
        app.world_mut().write_message(Predicting::Guess(q.right));
        frames(&mut app, 40);
        assert_eq!(app.world().resource::<Playback>().at, at + 1);
    }
    let _ = window;
    // The same questions the lesson itself has, each once.
    let scene = app.world().resource::<OpenScene>();
    let lesson = &scene.told.as_ref().unwrap().lesson;
    let expected: Vec<usize> = (0..lesson.beats().len())
        .filter(|&s| predict::question(lesson, s).is_some())
        .collect();
    assert_eq!(asked, expected);
    let tally = app.world().resource::<Predict>().tally;
    assert_eq!(tally.right as usize, expected.len());
}

#[test]
fn without_p_nothing_is_asked_and_nothing_holds() {
    let (mut app, _) = app_on(copied("hello.ron"));
    for n in 1..=8 {
        press(&mut app, Control::Next);
        assert_eq!(app.world().resource::<Playback>().at, n);
        assert!(!card_up(&mut app));
    }
}

#[test]
fn d_shows_and_hides_the_diagram_view_and_it_draws_every_frame_but_heartbeats() {
    use postoffice::sim::{FrameKind, What};
    use postoffice::viz::overlays::sequence::{self, Sequence};
    let (mut app, window) = app_on(copied("lost_ack.ron"));
    key(
        &mut app,
        window,
        KeyCode::KeyD,
        Key::Character("d".into()),
        false,
    );
    frames(&mut app, 3);
    assert!(app.world().resource::<Sequence>().open);
    for _ in 0..14 {
        press(&mut app, Control::Next);
    }
    let (play, scene) = (
        app.world().resource::<Playback>(),
        app.world().resource::<OpenScene>(),
    );
    let lesson = &scene.told.as_ref().unwrap().lesson;
    let events = &lesson.trace()[..lesson.trace_end(play.at)];
    let (rows, arrows) = sequence::layout(events, 2);
    let frames_out = events
        .iter()
        .filter(|e| {
            matches!(e.what, What::FrameOut { frame, .. }
                if !matches!(frame, FrameKind::Heartbeat | FrameKind::HeartbeatReply))
        })
        .count();
    assert_eq!(arrows.len(), frames_out);
    let lost = events
        .iter()
        .filter(|e| {
            matches!(e.what, What::FrameLost { frame, .. }
            if !matches!(frame, FrameKind::Heartbeat | FrameKind::HeartbeatReply))
        })
        .count();
    assert!(lost > 0, "lost_ack loses a receipt by now");
    assert_eq!(arrows.iter().filter(|a| a.lost).count(), lost);
    // An arrow never goes back up, and rows are the narrated events.
    assert!(arrows.iter().all(|a| a.reaches >= a.leaves));
    assert_eq!(
        rows.len(),
        events
            .iter()
            .filter(|e| e.is_narrated() && !matches!(e.what, What::FrameLost { .. }))
            .count()
    );
    key(
        &mut app,
        window,
        KeyCode::KeyD,
        Key::Character("d".into()),
        false,
    );
    frames(&mut app, 3);
    assert!(!app.world().resource::<Sequence>().open);
}
