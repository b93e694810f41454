//! What an event moved ([`View::apply`]) agrees with where envelopes rest: in every
//! built-in scene, an envelope that travels starts where it rested (if it rested
//! anywhere) and rests where it arrives (if it rests at all); a card, a lost frame,
//! a discarded duplicate or a letter sent again on its wire leaves every envelope
//! where it was, and an event that moves nothing may only take envelopes away (a
//! letter given up on).

use std::path::Path;
use std::sync::Arc;

use postoffice::lesson::Lesson;
use postoffice::sim::phone::Status;
use postoffice::sim::view::{Ending, Place, Token, View};

#[test]
fn what_moved_starts_where_it_rested_and_rests_where_it_arrives() {
    let mut scenes: Vec<_> =
        std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("scenes"))
            .expect("the scenes folder")
            .map(|e| e.expect("a scene").path())
            .filter(|p| p.extension().is_some_and(|x| x == "ron"))
            .collect();
    scenes.sort();
    let (mut letters, mut cards, mut lit, mut checked) = (0, 0, 0, 0);
    for path in &scenes {
        let scene = postoffice::scenario::open(path).unwrap_or_else(|e| panic!("{e}"));
        let mut lesson = Lesson::new(Arc::new(scene));
        lesson.finish();
        let mut view = View::of(&lesson.scene().world);
        for (i, e) in lesson.trace().iter().enumerate() {
            let before = view.envelopes.clone();
            let moved = view.apply(e);
            let what = format!("{} event {i} ({:?})", path.display(), e.what);
            lit += moved.lit().count();
            assert!(
                moved.lit().all(|p| !matches!(p, Place::Wire(..))),
                "{what}: a wire lit"
            );
            // Once its writer's bubble says the post office has it (✓ or ✓✓), or
            // that it came back, the writer's envelope rests at no postman.
            for (c, _) in view
                .envelopes
                .iter()
                .filter(|(c, p)| c.to.is_none() && matches!(p, Place::Postman(_)))
            {
                let status = view.sender_sees(c.id);
                assert!(
                    !matches!(
                        status,
                        Some(Status::Posted | Status::Delivered { .. } | Status::Returned(_))
                    ),
                    "{what}: {status:?}, yet its envelope rests at the postman"
                );
                checked += 1;
            }
            let Some(m) = moved.moving else {
                // Given up on, or taken off the shelf: gone, but nothing moved.
                let stayed = view.envelopes.iter().all(|(c, p)| before.get(c) == Some(p));
                assert!(stayed, "{what}: moved without a move");
                continue;
            };
            match (m.token, m.ending, m.to) {
                // A letter sent again goes out on its wire: a copy on its way, not
                // the envelope that rests.
                (_, _, Place::Wire(..)) => {
                    cards += 1;
                    assert_eq!(before, view.envelopes, "{what}: a resend moved a letter");
                }
                (Token::Letter | Token::Returned(_), Ending::Arrives, _) => {
                    letters += 1;
                    // (A letter sent back is drawn from the register, where it was
                    // checked, to the counter.)
                    if let (Some(was), Token::Letter) = (before.get(&m.letter), m.token) {
                        assert_eq!(*was, m.from, "{what}: leaves from where it did not rest");
                    }
                    if let Some(now) = view.envelopes.get(&m.letter) {
                        assert_eq!(*now, m.to, "{what}: rests where it did not arrive");
                    }
                }
                // A letter sent again by a tap rests at its postman until the
                // counter recognises it: the copy thrown away leaves from there and
                // rests nowhere after.
                (Token::Letter, Ending::Discarded, Place::Counter) => {
                    cards += 1;
                    if let Some(was) = before.get(&m.letter) {
                        assert_eq!(*was, m.from, "{what}: leaves from where it did not rest");
                    }
                    assert_eq!(view.envelopes.get(&m.letter), None, "{what}: still rests");
                }
                _ => {
                    cards += 1;
                    assert_eq!(
                        before.get(&m.letter),
                        view.envelopes.get(&m.letter),
                        "{what}: a card, a lost frame or a duplicate moved the letter"
                    );
                }
            }
        }
    }
    assert!(
        letters > 100 && cards > 10 && lit > 100 && checked > 10_000,
        "{letters} letters, {cards} cards, {lit} lit, {checked} ticks checked"
    );
}
