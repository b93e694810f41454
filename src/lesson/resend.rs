//! A tap on ❗ from the window: the letter a bubble shows, as a `Resend` action
//! names it ([`OwnLetter`]), so that a saved lesson replays the tap.
//!
//! A saved lesson resolves `Resend(letter: …)` against its script's letters (see
//! `scenario::later`): a scene letter by its `id:` when it has one, else by its
//! words when no other letter without an id has them, else by its number among
//! its sender's letters without an id (`lilei#2`); a letter the class wrote by the
//! id the saved lesson gives it (`class-1`, … : [`super::save::class_ids`]).

use super::Lesson;
use super::save::class_ids;
use crate::scenario::Scenario;
use crate::scenario::action::text_spec;
use crate::sim::{Action, DeviceIdx, MsgId, OwnLetter, Status, Step, Text};

impl Lesson {
    /// Whether the bubble of letter `id` on phone `phone`, after `shown` beats, is
    /// one its writer's phone gave up on (❗, "not sent"): in a live story a tap on
    /// it sends it again.
    pub fn given_up(&self, shown: usize, phone: usize, id: MsgId) -> bool {
        let view = self.view_after(shown);
        let writer = view.writer(id);
        if writer.index() != phone {
            return false;
        }
        view.phone(writer)
            .and_then(|p| p.chat.iter().find(|b| b.id == id))
            .is_some_and(|b| b.status == Status::Lost)
    }

    /// The letter `id` as a `Resend` names it: its writer, its words, which of
    /// the writer's letters with these words it is, and its name in a saved
    /// lesson. `None` for a letter the story has not written.
    pub fn own_letter(&self, id: MsgId) -> Option<OwnLetter> {
        // A letter is written at its step 1 (Edit), once.
        let written = |e: &&crate::sim::Event| e.step() == Some(Step::Edit);
        let env = self
            .trace()
            .iter()
            .filter(written)
            .filter_map(|e| e.msg.as_ref())
            .find(|m| m.id == id)?;
        let text: Text = (**env.text()?).clone();
        let nth = self
            .trace()
            .iter()
            .filter(written)
            .filter_map(|e| e.msg.as_ref())
            .take_while(|m| m.id != id)
            .filter(|m| {
                m.id.from == id.from
                    && m.id.slot() == id.slot()
                    && m.text().is_some_and(|t| **t == text)
            })
            .count();
        let writer = self.scene().world.writer(id);
        let named = self.letter_name(writer, &text, nth)?;
        Some(OwnLetter {
            from: writer,
            text,
            nth: nth as u32,
            named,
        })
    }

    /// How a saved lesson names letter `nth` of `from` with the words `text`.
    fn letter_name(&self, from: DeviceIdx, text: &Text, nth: usize) -> Option<Text> {
        let scene = self.scene();
        // The sends of these words by `from`, in the order the saved file runs
        // them: by time, the scene's before the class's within a millisecond.
        let sends = |action: &Action| matches!(action, Action::Send { from: f, text: t, .. } if *f == from && t == text);
        let mut found: Vec<(u64, bool, usize)> = scene
            .script
            .iter()
            .enumerate()
            .filter(|(_, (_, a))| sends(a))
            .map(|(i, (at, _))| (*at, false, i))
            .collect();
        found.extend(
            self.live()
                .iter()
                .enumerate()
                .filter(|(_, (_, a))| sends(a))
                .map(|(i, (at, _))| (*at, true, i)),
        );
        found.sort();
        let &(_, live, i) = found.get(nth)?;
        if live {
            // The class's letters take `class-1`, `class-2`, … in turn.
            let k = self.live()[..i]
                .iter()
                .filter(|(_, a)| matches!(a, Action::Send { .. }))
                .count();
            return class_ids(scene).nth(k).map(Text::same);
        }
        Some(scene_letter_name(scene, i))
    }
}

/// How a scene file names its letter written by `script[i]` (time order).
fn scene_letter_name(scene: &Scenario, i: usize) -> Text {
    if let Some((id, _)) = scene.letter_ids.iter().find(|(_, l)| l.action == i) {
        return Text::same(id);
    }
    let id_of = |k: usize| scene.letter_ids.values().any(|l| l.action == k);
    // The scene's letters without an id: (place in the script, writer, words).
    let unnamed: Vec<(usize, DeviceIdx, &Text)> = scene
        .script
        .iter()
        .enumerate()
        .filter(|(k, _)| !id_of(*k))
        .filter_map(|(k, (_, a))| match a {
            Action::Send { from, text, .. } => Some((k, *from, text)),
            _ => None,
        })
        .collect();
    let Some(&(_, from, text)) = unnamed.iter().find(|(k, _, _)| *k == i) else {
        return Text::same("");
    };
    let words = text_spec(text);
    let alike = unnamed.iter().filter(|(_, _, t)| words.matches(t)).count();
    let an_id = words.plain && scene.letter_named(&words.en).is_some();
    if alike == 1 && !an_id {
        return text.clone();
    }
    let n = 1 + unnamed
        .iter()
        .take_while(|(k, _, _)| *k != i)
        .filter(|(_, f, _)| *f == from)
        .count();
    Text::same(format!("{}#{n}", scene.world.device_id(from)))
}
