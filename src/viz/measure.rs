//! How wide a text is in the window's fonts (LXGW WenKai, then the marks it lacks),
//! read from the fonts' own tables (`cmap`, `hmtx`; no kerning), and the words broken into lines
//! that fit a width. The picture sizes bubbles, envelopes and cards from these, so
//! that every text fits its shape whole, in either language.

use std::sync::OnceLock;

use super::art::PICTURE_FONTS;
use super::cmap::Font;
use super::lang::Tr;

/// A line's height as a multiple of the font size (bevy's default line height).
pub const LINE: f32 = 1.2;

/// The picture's fonts, read once, in the order text falls back through them.
fn fonts() -> &'static [Font<'static>] {
    static FONTS: OnceLock<Vec<Font<'static>>> = OnceLock::new();
    FONTS.get_or_init(|| {
        PICTURE_FONTS
            .iter()
            .filter_map(|d| Font::parse(d))
            .collect()
    })
}

/// Whether one of the picture's fonts draws `c`.
pub fn drawn(c: char) -> bool {
    fonts().iter().any(|f| f.has(c))
}

/// The advance of `c` in ems, from the first of the picture's fonts that draws it
/// (as the text engine falls back); a character none draws: as wide as a Chinese
/// one.
pub fn advance(c: char) -> f32 {
    if fonts().is_empty() {
        return if c.is_ascii() { 0.55 } else { 1.0 };
    }
    fonts().iter().find_map(|f| f.advance(c)).unwrap_or(1.0)
}

/// The width of one line of `text` at `size` pixels.
pub fn width(text: &str, size: f32) -> f32 {
    text.chars().map(advance).sum::<f32>() * size
}

/// The widest line of `text` (lines split at `\n`).
pub fn widest(text: &str, size: f32) -> f32 {
    text.lines().map(|l| width(l, size)).fold(0.0, f32::max)
}

/// The pieces of `text` between the places a line may break, by the Unicode line
/// breaking rules (UAX #14): at spaces, between Chinese characters, but never
/// before a closing mark ("？", "，", ")"), after an opening one, or at a no-break
/// space ("0.131\u{a0}s"). Each piece keeps the spaces after it; a piece ending in
/// a newline ends its line.
fn pieces(text: &str) -> Vec<(&str, bool)> {
    let mut out = Vec::new();
    let mut from = 0;
    for (at, opportunity) in unicode_linebreak::linebreaks(text) {
        let piece = &text[from..at];
        let hard = opportunity == unicode_linebreak::BreakOpportunity::Mandatory
            && piece.ends_with(['\n', '\r']);
        out.push((piece.trim_end_matches(['\n', '\r']), hard));
        from = at;
    }
    out
}

/// `line` (too wide) cut where it must be: as much as fits on the first line, but
/// never before a closing mark, inside a number, nor beside a no-break space (a
/// number and its unit stay together); where no such place fits, at the first one after, so the
/// line is a little too wide rather than broken badly.
fn cut_long(line: &str, size: f32, max: f32) -> (String, String) {
    let chars: Vec<char> = line.chars().collect();
    if chars.len() < 2 {
        return (line.to_string(), String::new());
    }
    let fits = (1..chars.len())
        .take_while(|&n| width(&chars[..n].iter().collect::<String>(), size) <= max)
        .last()
        .unwrap_or(1);
    let may_cut = |n: &usize| {
        let (before, after) = (chars[n - 1], chars[*n]);
        let in_number = |c: char| c.is_ascii_digit() || c == '.';
        !closing(after)
            && before != '\u{a0}'
            && after != '\u{a0}'
            && !(in_number(before) && in_number(after))
    };
    let n = (1..=fits)
        .rev()
        .find(may_cut)
        .or_else(|| (fits + 1..chars.len()).find(may_cut))
        .unwrap_or(chars.len());
    (chars[..n].iter().collect(), chars[n..].iter().collect())
}

/// A mark that closes what comes before it: never the first on a line.
fn closing(c: char) -> bool {
    "，。？！：；、）」』》”’,.?!:;)]}%".contains(c)
}

/// `text` broken into lines no wider than `max` at `size`, where Unicode allows a
/// break ([`pieces`]), and (a word longer than a line) anywhere but before a
/// closing mark. At most `lines` lines; a cut text ends in "…". The second value
/// says whether it was cut.
pub fn wrap(text: &str, size: f32, max: f32, lines: usize) -> (String, bool) {
    let mut out: Vec<String> = vec![String::new()];
    for (piece, hard) in pieces(text) {
        let line = out.last_mut().expect("never empty");
        if line.is_empty() || width(&format!("{line}{}", piece.trim_end()), size) <= max {
            line.push_str(piece);
        } else {
            out.push(piece.to_string());
        }
        // A piece longer than a line: cut it where it must be.
        while width(out.last().expect("never empty").trim_end(), size) > max {
            let long = out.pop().expect("never empty");
            let (head, rest) = cut_long(&long, size, max);
            out.push(head);
            if rest.is_empty() {
                break;
            }
            out.push(rest);
        }
        if hard {
            out.push(String::new());
        }
    }
    let mut out: Vec<String> = out.into_iter().map(|l| l.trim_end().to_string()).collect();
    if out.len() > 1 && out.last().is_some_and(String::is_empty) && !text.ends_with('\n') {
        out.pop();
    }
    let cut = out.len() > lines;
    if cut {
        out.truncate(lines.max(1));
        let last = out.last_mut().expect("at least one line");
        while !last.is_empty() && width(&format!("{last}…"), size) > max {
            last.pop();
        }
        *last = format!("{}…", last.trim_end());
    }
    (out.join("\n"), cut)
}

/// [`wrap`] in both languages.
pub fn wrap_tr(tr: &Tr, size: f32, max: f32, lines: usize) -> Tr {
    Tr::new(
        wrap(&tr.en, size, max, lines).0,
        wrap(&tr.zh, size, max, lines).0,
    )
}

/// The size of `tr`'s text block at `size`, the wider and taller of its languages.
pub fn block(tr: &Tr, size: f32) -> (f32, f32) {
    let one = |s: &str| {
        (
            widest(s, size),
            s.lines().count().max(1) as f32 * size * LINE,
        )
    };
    let (a, b) = (one(&tr.en), one(&tr.zh));
    (a.0.max(b.0), a.1.max(b.1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_font_gives_latin_narrow_and_chinese_square_advances() {
        assert!((advance('你') - 1.0).abs() < 0.05, "{}", advance('你'));
        let a = advance('a');
        assert!(a > 0.35 && a < 0.7, "{a}");
        assert!(advance('i') < advance('m'));
        // ImageMagick measures "Did you get this?" at about 7.95 em.
        let w = width("Did you get this?", 100.0);
        assert!((w - 795.0).abs() < 40.0, "{w}");
    }

    #[test]
    fn wrapping_breaks_at_spaces_and_between_chinese_characters() {
        let (t, cut) = wrap("Call me when you see this", 18.0, 110.0, 3);
        assert!(!cut);
        assert!(t.lines().all(|l| width(l, 18.0) <= 110.0), "{t}");
        assert_eq!(t.replace('\n', " "), "Call me when you see this");
        let (t, _) = wrap("今天晚上一起去图书馆吧", 18.0, 80.0, 5);
        assert!(t.lines().count() >= 3, "{t}");
        assert!(t.lines().all(|l| width(l, 18.0) <= 80.0), "{t}");
    }

    #[test]
    fn a_text_longer_than_its_lines_ends_in_an_ellipsis() {
        let (t, cut) = wrap("one two three four five six seven eight", 18.0, 60.0, 2);
        assert!(cut);
        assert_eq!(t.lines().count(), 2);
        assert!(t.ends_with('…'), "{t}");
        assert!(t.lines().all(|l| width(l, 18.0) <= 60.0), "{t}");
        let (t, _) = wrap("Supercalifragilisticexpialidocious", 18.0, 60.0, 9);
        assert!(t.lines().all(|l| width(l, 18.0) <= 60.0), "{t}");
    }
}
