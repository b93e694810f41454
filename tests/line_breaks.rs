//! Lines break where a reader expects (Unicode line breaking, UAX #14): never
//! before a closing mark ("收到了吗 / ？"), never between a number and its unit
//! ("0.131 / s"). The words layer joins a number to its unit with a no-break
//! space; the window's wrap ([`postoffice::viz::measure::wrap`]) keeps them and
//! every closing mark on the line before, over the real text of every lesson.

use std::sync::Arc;

use postoffice::lesson::Lesson;
use postoffice::report::write_text;
use postoffice::scenario::{self, builtin};
use postoffice::sim::Lang;
use postoffice::words::{Context, Register, caption};

const LANGS: [Lang; 2] = [Lang::En, Lang::Zh];

/// The units a number is followed by in the told text.
const UNITS: [&str; 10] = [
    "s", "ms", "seconds", "second", "秒", "毫秒", "次", "封", "个", "%",
];

/// The unit that `rest` starts with, as a whole word (so "s" is not "sent").
fn unit_at(rest: &str) -> Option<&'static str> {
    UNITS.iter().copied().find(|u| {
        rest.strip_prefix(u).is_some_and(|after| {
            !u.is_ascii()
                || !after
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_alphanumeric())
        })
    })
}

/// The strings a scene's author wrote (its file's quoted texts): the words layer
/// does not word them.
fn authored(source: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut chars = source.chars();
    while let Some(c) = chars.next() {
        if c != '"' {
            continue;
        }
        let mut s = String::new();
        while let Some(c) = chars.next() {
            match c {
                '"' => break,
                '\\' => s.extend(chars.next()),
                c => s.push(c),
            }
        }
        out.push(s);
    }
    // The longest first, so that a text inside another is not cut out of it.
    out.sort_by_key(|s| std::cmp::Reverse(s.len()));
    out.into_iter().filter(|s| s.chars().count() > 3).collect()
}

/// The words of every lesson, in every language and register, each with where it
/// comes from and whether it is a window caption or recap card (the rest: the
/// timeline as `run` tells it, the author's own texts left out).
fn lesson_texts() -> Vec<(String, String, bool)> {
    let mut out = Vec::new();
    for name in builtin::LESSONS {
        let scene = Arc::new(
            builtin::load_builtin(name)
                .expect("built in")
                .expect("parses"),
        );
        let mut sim = scene.sim(None, true);
        sim.run();
        let events = sim.take_events();
        let outcomes = scenario::check(&scene.expect, &events, &scene.world);
        let mut lesson = Lesson::new(scene.clone());
        lesson.finish();
        let ctx = Context::told_from(
            &scene.world,
            &scene.settings,
            lesson.trace(),
            lesson.trace_end(0),
        );
        for lang in LANGS {
            for reg in Register::ALL {
                let at = format!("{name} ({lang:?}, {})", reg.name());
                let mut told = Vec::new();
                write_text(
                    &mut told, &scene, scene.seed, &sim, &events, &outcomes, lang, reg, true,
                )
                .expect("told");
                let mut told = String::from_utf8(told).expect("UTF-8");
                for a in authored(&scene.source) {
                    told = told.replace(&a, "");
                }
                out.push((at.clone(), told, false));
                for beat in lesson.beats() {
                    out.push((at.clone(), caption(&ctx, beat.event(), lang, reg), true));
                }
                let recap = postoffice::words::recap(&ctx, lang, reg);
                out.extend(recap.into_iter().map(|r| (at.clone(), r, true)));
            }
        }
    }
    out
}

/// Every number the words layer follows with a unit is joined to it by a no-break
/// space (or nothing, as in "50%"), never by a plain space a line may break at.
#[test]
fn the_words_join_every_number_to_its_unit() {
    let mut joined = 0;
    for (at, text, _) in lesson_texts() {
        for line in text.lines() {
            let chars: Vec<(usize, char)> = line.char_indices().collect();
            for w in chars.windows(2) {
                let ((_, digit), (i, gap)) = (w[0], w[1]);
                if !digit.is_ascii_digit() {
                    continue;
                }
                let rest = &line[i + gap.len_utf8()..];
                match (gap, unit_at(rest)) {
                    (' ', Some(u)) => {
                        panic!("{at}: “{digit} {u}” joined by a plain space in: {line}")
                    }
                    ('\u{a0}', Some(_)) => joined += 1,
                    _ => {}
                }
            }
        }
    }
    assert!(joined > 100, "numbers with units were seen: {joined}");
}

#[cfg(feature = "viz")]
mod wrap {
    use super::*;
    use postoffice::viz::measure::{width, wrap};

    /// Closing marks, Chinese and ASCII: never the first thing on a line.
    const CLOSING: &str = "，。？！：；、）」』》”’,.?!:;)]}";

    /// Over every window caption and recap card, at several widths.
    #[test]
    fn no_line_starts_with_a_closing_mark_or_a_unit() {
        let (mut closing_seen, mut units_seen, mut wraps) = (0, 0, 0);
        let size = 18.0;
        let captions = lesson_texts().into_iter().filter(|t| t.2);
        for (at, text, _) in captions {
            for para in text.lines().filter(|l| !l.trim().is_empty()) {
                closing_seen += para.chars().filter(|&c| CLOSING.contains(c)).count();
                units_seen += para.matches('\u{a0}').count();
                for max in [90.0, 140.0, 230.0, 370.0, 560.0] {
                    let (wrapped, cut) = wrap(para, size, max, 10_000);
                    assert!(!cut, "{at}: cut at {max}");
                    wraps += 1;
                    let lines: Vec<&str> = wrapped.lines().collect();
                    for pair in lines.windows(2) {
                        let (a, b) = (pair[0], pair[1]);
                        let first = b.chars().next().unwrap_or(' ');
                        assert!(
                            !CLOSING.contains(first),
                            "{at}: a line starts with “{first}” at {max} px:\n{a}\n{b}"
                        );
                        let after_digit = a.ends_with(|c: char| c.is_ascii_digit());
                        let number = |c: char| c.is_ascii_digit() || c == '.';
                        assert!(
                            !(after_digit && b.starts_with(number)),
                            "{at}: a number broken apart at {max} px:\n{a}\n{b}"
                        );
                        assert!(
                            !(after_digit && unit_at(b.trim_start()).is_some()),
                            "{at}: a number and its unit broken apart at {max} px:\n{a}\n{b}"
                        );
                    }
                    // Only what may not be broken is wider: one character, or a
                    // number with its unit (and the mark after it).
                    for l in &lines {
                        let whole =
                            l.chars().count() == 1 || !l.contains(' ') && l.contains('\u{a0}');
                        assert!(width(l, size) <= max || whole, "{at}: {l} wider than {max}");
                    }
                    let same =
                        |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
                    assert_eq!(same(&wrapped), same(para), "{at}: the words are kept");
                }
            }
        }
        assert!(closing_seen > 1000 && units_seen > 100 && wraps > 1000);
    }

    #[test]
    fn the_examples_from_the_review() {
        let (t, _) = wrap("韩梅梅，你收到了吗？", 18.0, 18.0 * 9.2, 5);
        assert!(!t.lines().any(|l| l.starts_with('？')), "{t}");
        let (t, _) = wrap(
            "It reached the screen 0.131\u{a0}s after Send.",
            18.0,
            243.0,
            5,
        );
        assert!(t.contains("0.131\u{a0}s"), "{t}");
    }
}
