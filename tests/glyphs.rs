//! Every character the program can show has a glyph in the fonts that draw it: no
//! empty boxes on the picture, the cards, the slides or the panels. The texts are
//! every built-in scene and every scene file told through the words layer in both
//! languages and all three registers (timeline, about and recap cards, questions
//! and answers, notes, the summary; the window's captions and recap beat by beat),
//! the glossary, and every string written in the window's and the words layer's
//! source (the UI strings); the fonts are the picture's ([`art::PICTURE_FONTS`],
//! as bevy falls back through them) and the panels' (egui's own plus the
//! project's, [`panel::font_definitions`]).
#![cfg(feature = "viz")]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use postoffice::lesson::Lesson;
use postoffice::report::write_text;
use postoffice::scenario::{self, Scenario, builtin};
use postoffice::sim::Lang;
use postoffice::viz::cmap::Font;
use postoffice::viz::{art, control::panel, measure};
use postoffice::words::{self, Context, Register, caption, glossary};

const LANGS: [Lang; 2] = [Lang::En, Lang::Zh];

/// Characters that are never drawn as glyphs: controls (newline, tab) and the
/// invisible format marks (zero-width space and joiners, word joiner, variation
/// selectors, byte-order mark).
fn never_drawn(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{2064}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}')
}

/// Every scene: the built-in ones by name, and the files in `scenes/`.
fn scenes() -> Vec<(String, Scenario)> {
    let mut all: Vec<(String, Scenario)> = builtin::names()
        .map(|n| {
            let s = builtin::load_builtin(n).expect("built in").expect("parses");
            (format!("built-in {n}"), s)
        })
        .collect();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenes");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("scenes/")
        .map(|e| e.expect("an entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .collect();
    files.sort();
    for f in files {
        let s = scenario::load(&f).unwrap_or_else(|e| panic!("{e}"));
        all.push((f.display().to_string(), s));
    }
    assert!(all.len() >= 26, "13 built in and 13 files: {}", all.len());
    all
}

/// A scene as `postoffice run` tells it (with heartbeats, so their lines too).
fn told(scene: &Scenario, lang: Lang, reg: Register) -> String {
    let mut sim = scene.sim(None, true);
    sim.run();
    let events = sim.take_events();
    let outcomes = scenario::check(&scene.expect, &events, &scene.world);
    let mut out = Vec::new();
    write_text(
        &mut out, scene, scene.seed, &sim, &events, &outcomes, lang, reg, true,
    )
    .expect("told");
    String::from_utf8(out).expect("UTF-8")
}

/// The window's caption of every beat and its recap card.
fn window_words(scene: Scenario, lang: Lang, reg: Register) -> String {
    let scene = Arc::new(scene);
    let mut lesson = Lesson::new(scene.clone());
    lesson.finish();
    let trace = lesson.trace();
    let ctx = Context::told_from(&scene.world, &scene.settings, trace, lesson.trace_end(0));
    let mut out: Vec<String> = lesson
        .beats()
        .iter()
        .map(|b| caption(&ctx, b.event(), lang, reg))
        .collect();
    out.extend(words::recap(&ctx, lang, reg));
    out.join("\n")
}

fn glossary_words() -> String {
    let mut out = Vec::new();
    for lang in LANGS {
        out.push(glossary::title(lang).to_string());
        out.extend(glossary::headings(lang).map(str::to_string));
        for t in glossary(lang) {
            out.extend([t.story, t.technical, t.real_app].map(str::to_string));
        }
    }
    out.extend(glossary::TECHNICAL_EN.iter().map(|s| s.to_string()));
    out.extend(glossary::TECHNICAL_ZH.iter().map(|s| s.to_string()));
    out.join("\n")
}

/// The string and character literals of a Rust source, escapes resolved
/// (`\u{a0}` is a no-break space), comments and the `#[cfg(test)]` part left out.
fn literals(src: &str) -> Vec<String> {
    let src = src.split("#[cfg(test)]").next().unwrap_or(src);
    let c: Vec<char> = src.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < c.len() {
        match c[i] {
            '/' if c.get(i + 1) == Some(&'/') => {
                while i < c.len() && c[i] != '\n' {
                    i += 1;
                }
            }
            '/' if c.get(i + 1) == Some(&'*') => {
                while i + 1 < c.len() && !(c[i] == '*' && c[i + 1] == '/') {
                    i += 1;
                }
                i += 2;
            }
            'r' if matches!(c.get(i + 1), Some('#' | '"'))
                && !c[i.saturating_sub(1)].is_alphanumeric() =>
            {
                let hashes = c[i + 1..].iter().take_while(|&&h| h == '#').count();
                let open = i + 1 + hashes;
                if c.get(open) != Some(&'"') {
                    i += 1;
                    continue;
                }
                let close: String = std::iter::once('"')
                    .chain("#".repeat(hashes).chars())
                    .collect();
                let rest: String = c[open + 1..].iter().collect();
                let end = rest.find(&close).expect("a raw string ends");
                out.push(rest[..end].to_string());
                i = open + 1 + rest[..end].chars().count() + close.chars().count();
            }
            '"' => {
                let (s, next) = quoted(&c, i + 1, '"');
                out.push(s);
                i = next;
            }
            // A char literal ('x', '\n', '\u{a0}'), not a lifetime ('a).
            '\'' if c.get(i + 2) == Some(&'\'') || c.get(i + 1) == Some(&'\\') => {
                let (s, next) = quoted(&c, i + 1, '\'');
                out.push(s);
                i = next;
            }
            _ => i += 1,
        }
    }
    out
}

/// A quoted literal's text from `start` to its closing `end`, escapes resolved.
fn quoted(c: &[char], start: usize, end: char) -> (String, usize) {
    let mut s = String::new();
    let mut i = start;
    while i < c.len() && c[i] != end {
        if c[i] == '\\' {
            i += 1;
            match c.get(i) {
                Some('n') => s.push('\n'),
                Some('t') => s.push('\t'),
                Some('u') => {
                    let close = (i..c.len()).find(|&j| c[j] == '}').expect("\\u{..}");
                    let hex: String = c[i + 2..close].iter().collect();
                    s.push(
                        char::from_u32(u32::from_str_radix(&hex, 16).expect("hex"))
                            .expect("a char"),
                    );
                    i = close;
                }
                Some('\n') => {
                    while c.get(i + 1).is_some_and(|w| w.is_whitespace()) {
                        i += 1;
                    }
                }
                Some(&other) => s.push(other),
                None => {}
            }
        } else {
            s.push(c[i]);
        }
        i += 1;
    }
    (s, i + 1)
}

/// The window's and the words layer's source: every string they can show.
fn source_strings() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    for dir in ["viz", "words", "lesson", "scenario", "sim"] {
        let mut these: Vec<PathBuf> = std::fs::read_dir(root.join(dir))
            .expect("a source folder")
            .map(|e| e.expect("an entry").path())
            .filter(|p| p.extension().is_some_and(|x| x == "rs"))
            .collect();
        these.sort();
        files.extend(these);
    }
    assert!(files.len() > 40, "{files:?}");
    files
        .iter()
        .flat_map(|f| {
            let src = std::fs::read_to_string(f).expect("readable");
            let name = f
                .strip_prefix(&root)
                .expect("under src")
                .display()
                .to_string();
            literals(&src).into_iter().map(move |s| (name.clone(), s))
        })
        .collect()
}

/// Every text the program can show, by where it comes from.
fn every_text() -> Vec<(String, String)> {
    let mut texts = Vec::new();
    for (name, scene) in scenes() {
        for lang in LANGS {
            for reg in Register::ALL {
                let at = format!("{name} ({lang:?}, {})", reg.name());
                texts.push((at.clone(), told(&scene, lang, reg)));
                texts.push((
                    format!("{at} window"),
                    window_words(scene.clone(), lang, reg),
                ));
            }
        }
    }
    texts.push(("the glossary".into(), glossary_words()));
    texts.extend(source_strings());
    texts
}

/// The characters of `texts` that no font of `fonts` draws, each with a place
/// it is in and the text around it.
fn missing(texts: &[(String, String)], fonts: &[Font]) -> BTreeMap<char, String> {
    let mut missing = BTreeMap::new();
    for (at, text) in texts {
        for (i, c) in text.char_indices() {
            if never_drawn(c) || fonts.iter().any(|f| f.has(c)) {
                continue;
            }
            missing.entry(c).or_insert_with(|| {
                let before: String = text[..i].chars().rev().take(30).collect();
                let before: String = before.chars().rev().collect();
                let after: String = text[i..].chars().take(30).collect();
                format!("{at}: …{before}{after}…")
            });
        }
    }
    missing
}

fn report(what: &str, missing: &BTreeMap<char, String>) -> String {
    let lines: Vec<String> = missing
        .iter()
        .map(|(c, at)| format!("  {c} U+{:04X} in {at}", *c as u32))
        .collect();
    format!(
        "{what}: {} characters without a glyph\n{}",
        missing.len(),
        lines.join("\n")
    )
}

#[test]
fn every_character_shown_has_a_glyph_in_the_picture_and_the_panels() {
    let texts = every_text();
    let chars: usize = texts.iter().map(|t| t.1.len()).sum();
    assert!(chars > 100_000, "the texts were collected: {chars} bytes");
    let picture: Vec<Font> = art::PICTURE_FONTS
        .iter()
        .map(|d| Font::parse(d).expect("a picture font reads"))
        .collect();
    let defs = panel::font_definitions();
    let panel_fonts: Vec<Font> = defs.families[&bevy_egui::egui::FontFamily::Proportional]
        .iter()
        .map(|name| {
            Font::parse(&defs.font_data[name].font).unwrap_or_else(|| panic!("{name} reads"))
        })
        .collect();
    let (p, e) = (missing(&texts, &picture), missing(&texts, &panel_fonts));
    assert!(
        p.is_empty() && e.is_empty(),
        "{}\n{}",
        report("picture", &p),
        report("panels", &e)
    );
}

/// The checks above can fail: the embedded font alone lacks a mark or two that
/// egui's own emoji font has, and the reader tells them apart.
#[test]
fn the_font_reader_tells_drawn_from_missing() {
    let lxgw = Font::parse(art::FONT).expect("reads");
    assert!(lxgw.has('你') && lxgw.has('a') && lxgw.has('\u{a0}'));
    assert!(!lxgw.has('\u{1F553}'), "LXGW WenKai has no clock face");
    let defs = bevy_egui::egui::FontDefinitions::default();
    // Ubuntu-Light has only a format 4 map.
    let ubuntu = Font::parse(&defs.font_data["Ubuntu-Light"].font).expect("reads");
    assert!(ubuntu.has('a') && ubuntu.has('é') && !ubuntu.has('你'));
    let emoji = Font::parse(&defs.font_data["NotoEmoji-Regular"].font).expect("reads");
    assert!(emoji.has('\u{1F553}') && emoji.has('❗'));
    let texts = vec![("here".to_string(), "a ❗ 你".to_string())];
    assert_eq!(missing(&texts, &[lxgw]).keys().collect::<Vec<_>>(), [&'❗']);
}

/// Text fitting measures a character with the font that draws it: a mark the
/// embedded font lacks is measured from its fallback, not guessed.
#[test]
fn fitting_measures_every_drawn_character_with_the_font_that_draws_it() {
    let picture: Vec<Font> = art::PICTURE_FONTS
        .iter()
        .map(|d| Font::parse(d).expect("reads"))
        .collect();
    for c in ['a', '你', '？', '\u{a0}', '❗', '\u{1F553}'] {
        let font = picture.iter().find(|f| f.has(c));
        let font = font.unwrap_or_else(|| panic!("{c:?} is drawn by a picture font"));
        assert!(measure::drawn(c));
        assert_eq!(
            measure::advance(c),
            font.advance(c).expect("drawn"),
            "{c:?}"
        );
    }
}
