//! Predict mode without a window: in every lesson scene the questions come at the
//! moments a letter's journey could go more than one way, each offers the true next
//! event among three different answers, the same way every time, and a tally
//! counts right and wrong guesses.

use std::collections::BTreeSet;
use std::sync::Arc;

use postoffice::lesson::Lesson;
use postoffice::lesson::predict::{self, Moment, Outcome, Question, Tally};
use postoffice::scenario;
use postoffice::sim::{Lang, What};
use postoffice::words;

/// Every lesson scene (the crowds are recorded stories, not lessons).
fn lessons() -> Vec<(String, Lesson)> {
    let mut out = Vec::new();
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/scenes");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    files.sort();
    for f in files {
        let name = f.file_stem().unwrap().to_string_lossy().into_owned();
        if name == "rush_hour" || name == "classroom" {
            continue;
        }
        let scene = scenario::load(&f).unwrap();
        let mut lesson = Lesson::new(Arc::new(scene));
        lesson.finish();
        out.push((name, lesson));
    }
    out
}

fn questions(lesson: &Lesson) -> Vec<Question> {
    (0..lesson.beats().len())
        .filter_map(|shown| predict::question(lesson, shown))
        .collect()
}

#[test]
fn every_lesson_scene_asks_and_the_true_next_event_is_among_the_answers() {
    let mut positions = BTreeSet::new();
    let mut moments = BTreeSet::new();
    for (name, lesson) in lessons() {
        let qs = questions(&lesson);
        assert!(!qs.is_empty(), "{name} asks nothing");
        for q in &qs {
            let distinct: BTreeSet<_> = q.answers.iter().map(|a| format!("{a:?}")).collect();
            assert_eq!(distinct.len(), 3, "{name}: {q:?}");
            assert!(q.right < 3);
            // The answer marked right is what the next beat shows, read from the
            // trace here independently of the question's own reading.
            let next = &lesson.trace()[lesson.beats()[q.reveal - 1].event()];
            assert_eq!(q.event, lesson.beats()[q.reveal - 1].event());
            let truth = q.answers[q.right];
            let matches = match (&next.what, truth) {
                (What::Verify { .. }, Outcome::Accepted) => true,
                (What::Return { reason }, Outcome::Returned(r)) => *reason == r,
                (What::Forward { .. }, Outcome::Forwarded) => true,
                (What::Shelve { .. }, Outcome::Shelved) => true,
                (What::FrameLost { .. }, Outcome::Lost) => true,
                (What::Receive | What::Arrive | What::Receipt, Outcome::Arrives) => true,
                (What::Retry { .. }, Outcome::SentAgain) => true,
                (What::Lost { .. }, Outcome::GivesUp) => true,
                (What::Duplicate, Outcome::Recognised) => true,
                (What::Unshelve { .. }, Outcome::Unshelved) => true,
                _ => false,
            };
            assert!(matches, "{name}: {truth:?} for {:?}", next.what);
            positions.insert(q.right);
            moments.insert(format!("{:?}", q.moment));
            // Every answer has words in both languages, none empty.
            let world = &lesson.scene().world;
            for a in q.answers {
                for lang in [Lang::En, Lang::Zh] {
                    assert!(
                        !words::predict::outcome(a, lang, world, q.to.map(|d| world.owner(d)))
                            .is_empty()
                    );
                }
            }
        }
    }
    assert_eq!(
        positions.len(),
        3,
        "the right answer is not always in one place"
    );
    for m in [
        Moment::Verdict,
        Moment::Route,
        Moment::Fate,
        Moment::Retry,
        Moment::Copy,
        Moment::Shelf,
    ] {
        assert!(
            moments.contains(&format!("{m:?}")),
            "no scene asks about {m:?}"
        );
    }
}

#[test]
fn the_same_lesson_asks_the_same_questions_the_same_way() {
    for ((name, a), (_, b)) in lessons().into_iter().zip(lessons()) {
        assert_eq!(questions(&a), questions(&b), "{name}");
    }
}

#[test]
fn a_scene_that_loses_nothing_asks_nothing_about_frames_arriving() {
    let (_, hello) = lessons().into_iter().find(|(n, _)| n == "hello").unwrap();
    let qs = questions(&hello);
    assert!(qs.iter().all(|q| q.moment != Moment::Fate), "{qs:?}");
    // Hello asks about the verdict and the route of its one letter.
    let asked: Vec<Moment> = qs.iter().map(|q| q.moment).collect();
    assert_eq!(asked, vec![Moment::Verdict, Moment::Route]);
}

#[test]
fn the_tally_counts_right_and_wrong_guesses() {
    let (_, hello) = lessons().into_iter().find(|(n, _)| n == "hello").unwrap();
    let qs = questions(&hello);
    let mut tally = Tally::default();
    assert!(tally.guess(&qs[0], qs[0].right));
    assert!(!tally.guess(&qs[1], (qs[1].right + 1) % 3));
    assert_eq!(tally, Tally { right: 1, asked: 2 });
    assert_eq!(
        words::predict::tally(tally, Lang::En),
        "Predictions: 1 of 2 guessed right."
    );
    assert_eq!(
        words::predict::tally(tally, Lang::Zh),
        "预测：2 题里猜对了 1 题。"
    );
}
