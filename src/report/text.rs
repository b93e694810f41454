//! Measuring and wrapping text where no font is at hand (the handout's diagram):
//! generous estimates of Helvetica's widths, and lines broken where Unicode allows.

pub fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F
        | 0x2E80..=0xA4CF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6
        | 0x2460..=0x24FF)
}

/// A character's width in ems, near Helvetica's (wide characters: one em).
fn char_em(c: char) -> f64 {
    if is_wide(c) {
        return 1.0;
    }
    match c {
        ' ' | '\u{a0}' => 0.28,
        'i' | 'j' | 'l' | '\'' | '|' => 0.24,
        '.' | ',' | ':' | ';' | '!' => 0.3,
        'f' | 't' | 'r' | 'I' | '(' | ')' | '[' | ']' | '-' => 0.36,
        '"' | '“' | '”' | '‘' | '’' => 0.42,
        'm' | 'M' | 'W' => 0.86,
        'w' => 0.74,
        'A'..='Z' => 0.69,
        'a'..='z' | '0'..='9' => 0.57,
        '—' | '…' => 1.0,
        '✓' | '✗' | '♥' => 0.85,
        _ => 0.62,
    }
}

pub fn text_w(s: &str, size: f64) -> f64 {
    s.chars().map(char_em).sum::<f64>() * size
}

pub fn closes(c: char) -> bool {
    "，。、：；！？）」』》”’,.;:!?)".contains(c)
}

/// `s` in lines no wider than `first` (the first line) and `rest` (the others),
/// broken where Unicode line breaking allows: English at spaces, Chinese between
/// any two characters, but never before a closing mark, after an opening one or
/// between a number and its unit.
pub fn wrap(s: &str, first: f64, rest: f64, size: f64) -> Vec<String> {
    // The pieces between the places Unicode lets a line break (UAX #14): at spaces,
    // between Chinese characters, never before a closing mark, after an opening
    // one or at a no-break space ("0.8\u{a0}s").
    let mut glued: Vec<String> = Vec::new();
    let mut from = 0;
    for (at, _) in unicode_linebreak::linebreaks(s) {
        glued.push(s[from..at].to_string());
        from = at;
    }
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    let max = |lines: &Vec<String>| if lines.is_empty() { first } else { rest };
    for t in glued {
        let candidate = format!("{line}{t}");
        if text_w(candidate.trim_end(), size) <= max(&lines) || line.is_empty() {
            line = candidate;
            // A single token wider than a line is cut where it must be.
            while text_w(line.trim_end(), size) > max(&lines) && line.chars().count() > 1 {
                let mut cut = String::new();
                let mut rest_of = String::new();
                for c in line.chars() {
                    if rest_of.is_empty() && text_w(&format!("{cut}{c}"), size) <= max(&lines) {
                        cut.push(c);
                    } else {
                        rest_of.push(c);
                    }
                }
                // Never a closing mark first on the next line.
                while rest_of.starts_with(closes) && cut.chars().count() > 1 {
                    let last = cut.pop().expect("more than one");
                    rest_of.insert(0, last);
                }
                if cut.is_empty() {
                    break;
                }
                lines.push(cut);
                line = rest_of;
            }
        } else {
            lines.push(line.trim_end().to_string());
            line = t;
        }
    }
    if !line.trim_end().is_empty() || lines.is_empty() {
        lines.push(line.trim_end().to_string());
    }
    lines
}

/// [`wrap`], but a last line that would hold only a word or two is avoided where
/// slightly narrower lines (as few as before) give it more. Chinese is left as it
/// is unless its last line would hold two or three characters: narrower lines
/// there would only cut other words.
pub fn wrap_even(s: &str, first: f64, rest: f64, size: f64) -> Vec<String> {
    let lines = wrap(s, first, rest, size);
    let n = lines.len();
    let least = if s.chars().any(is_wide) {
        size * 3.5
    } else {
        0.3 * rest
    };
    let short = |lines: &[String]| lines.last().is_some_and(|l| text_w(l, size) < least);
    if n < 2 || !short(&lines) {
        return lines;
    }
    let indent = rest - first;
    (1..=30)
        .map(|k| rest - 5.0 * k as f64)
        .map(|w| wrap(s, (w - indent).max(size * 3.0), w, size))
        .take_while(|l| l.len() == n)
        .find(|l| !short(l))
        .unwrap_or(lines)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_english_at_spaces_and_chinese_anywhere_but_before_a_closing_mark() {
        let lines = wrap("one two three four five six", 60.0, 60.0, 14.0);
        assert!(lines.len() > 1, "{lines:?}");
        assert!(
            lines
                .iter()
                .all(|l| !l.starts_with(' ') && !l.ends_with(' '))
        );
        assert_eq!(lines.join(" "), "one two three four five six");
        let zh = wrap(
            "邮局查看通讯录：韩梅梅确有其人，是李雷的好友。",
            100.0,
            100.0,
            14.0,
        );
        assert!(zh.len() > 1, "{zh:?}");
        assert_eq!(
            zh.concat(),
            "邮局查看通讯录：韩梅梅确有其人，是李雷的好友。"
        );
        assert!(zh.iter().all(|l| !l.starts_with(closes)), "{zh:?}");
        let long = wrap("abcdefghijklmnopqrstuvwxyz", 50.0, 50.0, 14.0);
        assert_eq!(long.concat(), "abcdefghijklmnopqrstuvwxyz");
        assert!(long.len() > 2);
    }
}
