//! The teacher's cards in the window, headless: the scene's own questions come up
//! on the step where `postoffice run` asks them (and Play pauses for them), A shows
//! their answers, Enter closes them, → after the last step brings the recap, and
//! G, P and D show and hide the glossary, predict mode's card and the diagram.
#![cfg(feature = "viz")]

mod headless;

use bevy::input::keyboard::Key;
use bevy::prelude::*;
use headless::{app_on, copied, frames, key, press};

use postoffice::scenario::{Moment, builtin};
use postoffice::viz::{
    lang::Words,
    overlays::asking::Teach,
    overlays::predict::{Predict, PredictCard, Predicting},
    overlays::sequence::Sequence,
    overlays::teach::{QuestionCard, QuestionLines, RecapCard, RecapLines},
    story::show::{Control, OpenScene, Playback},
};

fn up<C: Component>(app: &mut App) -> bool {
    let mut q = app.world_mut().query_filtered::<&Node, With<C>>();
    q.iter(app.world()).any(|n| n.display != Display::None)
}

/// The English words on a card's lines.
fn lines<C: Component>(app: &mut App) -> Vec<String> {
    let holders: Vec<Entity> = app
        .world_mut()
        .query_filtered::<Entity, With<C>>()
        .iter(app.world())
        .collect();
    let mut out = Vec::new();
    for h in holders {
        let Some(children) = app.world().get::<Children>(h) else {
            continue;
        };
        for c in children.iter() {
            if let Some(w) = app.world().get::<Words>(c) {
                out.push(w.0.en.to_string());
            }
        }
    }
    out
}

fn letter(app: &mut App, window: Entity, c: char) {
    let code = match c {
        'a' => KeyCode::KeyA,
        'g' => KeyCode::KeyG,
        'p' => KeyCode::KeyP,
        'd' => KeyCode::KeyD,
        _ => unreachable!(),
    };
    key(
        app,
        window,
        code,
        Key::Character(c.to_string().into()),
        false,
    );
    frames(app, 3);
}

fn enter(app: &mut App, window: Entity) {
    key(app, window, KeyCode::Enter, Key::Enter, false);
    frames(app, 3);
}

/// Whether the glossary's window was drawn in the last egui pass.
fn glossary_drawn(app: &mut App) -> bool {
    let mut q = app.world_mut().query::<&mut bevy_egui::EguiContext>();
    let layer = bevy_egui::egui::LayerId::new(
        bevy_egui::egui::Order::Middle,
        bevy_egui::egui::Id::new("glossary"),
    );
    q.iter_mut(app.world_mut())
        .any(|mut c| c.get_mut().memory(|m| m.areas().is_visible(&layer)))
}

#[test]
fn every_lesson_scene_asks_its_questions_on_their_steps_and_recaps_at_the_end() {
    for name in builtin::LESSONS {
        let (mut app, window) = app_on(copied(&format!("{name}.ron")));
        let scene = app
            .world()
            .resource::<OpenScene>()
            .told
            .as_ref()
            .unwrap()
            .lesson
            .scene()
            .clone();
        let during: Vec<String> = scene
            .questions
            .iter()
            .filter(|q| q.at != Moment::End)
            .map(|q| q.ask.en.to_string())
            .collect();
        assert!(!scene.questions.is_empty(), "{name} has questions");
        let mut seen = Vec::new();
        for _ in 0..400 {
            if app
                .world()
                .resource::<OpenScene>()
                .at_end(app.world().resource::<Playback>())
            {
                break;
            }
            press(&mut app, Control::Next);
            let at = app.world().resource::<Playback>().at;
            let want: Vec<String> = {
                let scene = app.world().resource::<OpenScene>();
                let lesson = &scene.told.as_ref().unwrap().lesson;
                lesson
                    .questions_at(at)
                    .iter()
                    .map(|q| q.ask.en.to_string())
                    .collect()
            };
            let shown = lines::<QuestionLines>(&mut app);
            assert_eq!(
                up::<QuestionCard>(&mut app),
                !want.is_empty(),
                "{name}, step {at}"
            );
            for w in &want {
                assert!(
                    shown.contains(w),
                    "{name}, step {at}: {w:?} not in {shown:?}"
                );
                seen.push(w.clone());
            }
        }
        assert!(
            app.world()
                .resource::<OpenScene>()
                .at_end(app.world().resource::<Playback>()),
            "{name} ended"
        );
        for q in &during {
            assert!(seen.contains(q), "{name}: {q:?} was never asked");
        }
        // → after the last step (its question closed first, by → too): the
        // recap, with the scene's recap questions.
        if up::<QuestionCard>(&mut app) {
            press(&mut app, Control::Next);
            assert!(
                !up::<QuestionCard>(&mut app),
                "{name}: → closes the question"
            );
        }
        assert!(!up::<RecapCard>(&mut app));
        press(&mut app, Control::Next);
        assert!(up::<RecapCard>(&mut app), "{name}: the recap");
        let recap = lines::<RecapLines>(&mut app);
        assert_eq!(recap[0], "Recap", "{name}");
        for q in scene.recap_questions() {
            assert!(
                recap.iter().any(|l| l.contains(&*q.ask.en)),
                "{name}: {:?} not on the recap {recap:?}",
                q.ask.en
            );
        }
        if let Some(note) = &scene.in_real_life {
            assert!(recap.contains(&note.en.to_string()), "{name}: the note");
        }
        enter(&mut app, window);
        assert!(!up::<RecapCard>(&mut app), "{name}: Enter closes the recap");
    }
}

#[test]
fn a_shows_the_answers_enter_closes_the_card_and_play_pauses_for_a_question() {
    let (mut app, window) = app_on(copied("hello.ron"));
    // Play: the show stops by itself on the first question's step.
    press(&mut app, Control::PlayPause);
    for _ in 0..2000 {
        if !app.world().resource::<Playback>().playing {
            break;
        }
        frames(&mut app, 1);
    }
    let (play, scene) = (
        app.world().resource::<Playback>(),
        app.world().resource::<OpenScene>(),
    );
    assert!(!play.playing, "Play paused");
    let at = play.at;
    assert!(
        !scene
            .told
            .as_ref()
            .unwrap()
            .lesson
            .questions_at(at)
            .is_empty()
    );
    assert!(up::<QuestionCard>(&mut app));
    let before = lines::<QuestionLines>(&mut app);
    assert!(before.iter().all(|l| !l.starts_with('→')), "{before:?}");
    letter(&mut app, window, 'a');
    let after = lines::<QuestionLines>(&mut app);
    assert!(after.iter().any(|l| l.starts_with('→')), "{after:?}");
    letter(&mut app, window, 'a');
    assert_eq!(
        lines::<QuestionLines>(&mut app),
        before,
        "A again hides them"
    );
    enter(&mut app, window);
    assert!(!up::<QuestionCard>(&mut app), "Enter closes it");
    assert_eq!(
        app.world().resource::<Playback>().at,
        at,
        "and stays on the step"
    );
    // Back and forth: the question is asked again.
    press(&mut app, Control::Previous);
    assert!(!up::<QuestionCard>(&mut app));
    press(&mut app, Control::Next);
    assert!(up::<QuestionCard>(&mut app));
}

#[test]
fn predict_waits_for_the_scene_question_to_be_closed() {
    let (mut app, window) = app_on(copied("hello.ron"));
    letter(&mut app, window, 'p');
    // Step on, answering predict mode's questions wrongly or rightly, until a
    // step has a question of the scene's and predict mode would ask too.
    for _ in 0..40 {
        if let Some(q) = app.world().resource::<Predict>().asking.clone() {
            app.world_mut().write_message(Predicting::Guess(q.right));
            frames(&mut app, 40);
            continue;
        }
        if !app.world().resource::<Teach>().asking.is_empty() {
            break;
        }
        press(&mut app, Control::Next);
    }
    assert!(up::<QuestionCard>(&mut app));
    assert!(
        app.world().resource::<Predict>().asking.is_none() && !up::<PredictCard>(&mut app),
        "one card at a time"
    );
    enter(&mut app, window);
    frames(&mut app, 3);
    assert!(!up::<QuestionCard>(&mut app));
}

#[test]
fn g_p_and_d_show_and_hide_their_cards() {
    let (mut app, window) = app_on(copied("lost_ack.ron"));
    frames(&mut app, 3);
    assert!(!glossary_drawn(&mut app));
    letter(&mut app, window, 'g');
    assert!(app.world().resource::<Teach>().glossary);
    assert!(glossary_drawn(&mut app), "G shows the glossary");
    letter(&mut app, window, 'g');
    assert!(!app.world().resource::<Teach>().glossary);
    assert!(!glossary_drawn(&mut app), "G again hides it");

    letter(&mut app, window, 'd');
    assert!(app.world().resource::<Sequence>().open);
    letter(&mut app, window, 'd');
    assert!(!app.world().resource::<Sequence>().open);

    letter(&mut app, window, 'p');
    let mut asked = false;
    for _ in 0..40 {
        if up::<PredictCard>(&mut app) {
            asked = true;
            break;
        }
        press(&mut app, Control::Next);
        // (A scene question first: close it.)
        if up::<QuestionCard>(&mut app) {
            enter(&mut app, window);
        }
    }
    assert!(asked, "predict mode's card came up");
    letter(&mut app, window, 'p');
    assert!(!up::<PredictCard>(&mut app), "P again hides it");
}

#[test]
fn the_scenes_menu_lists_the_built_in_scenes_and_those_beside_the_file() {
    use postoffice::viz::control::input::list_scenes;
    // A teacher's own scene in a folder of its own: the built-in lesson scenes
    // (by name: they open from anywhere), then the scene beside it.
    let dir = headless::tmp_dir("menu");
    let own = dir.join("my_lesson.ron");
    std::fs::copy(headless::scene("hello.ron"), &own).unwrap();
    let listed = list_scenes(Some(&own));
    let paths: Vec<String> = listed
        .iter()
        .map(|(p, _)| p.to_string_lossy().into_owned())
        .collect();
    for name in builtin::LESSONS {
        assert!(paths.iter().any(|p| p == name), "{name} in {paths:?}");
    }
    assert_eq!(paths.last().unwrap(), &own.to_string_lossy());
    // Each opens: a built-in one by its name, from a folder without it.
    let tunnel = listed
        .iter()
        .find(|(p, _)| p.as_os_str() == "tunnel")
        .unwrap();
    let told = postoffice::viz::story::told::tell(&tunnel.0).expect("the built-in tunnel opens");
    assert_eq!(told.title, tunnel.1.text);
}
