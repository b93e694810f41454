//! "Did you mean": the closest known id or words to a mistyped one, within a
//! budget of work shared by a whole file.

use super::MAX_ID_CHARS;

/// The distance between two ids, counting a swap of neighbours as one edit; `None`
/// when it is more than `limit` or when `budget` (cells computed) runs out. Three
/// rows of the table, never the whole table.
fn distance_within(a: &[char], b: &[char], limit: usize, budget: &mut usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > limit {
        return None;
    }
    let w = b.len() + 1;
    let mut before: Vec<usize> = vec![0; w];
    let mut prev: Vec<usize> = (0..w).collect();
    let mut cur: Vec<usize> = vec![0; w];
    for i in 1..=a.len() {
        *budget = budget.checked_sub(w)?;
        cur[0] = i;
        let mut best = cur[0];
        for j in 1..w {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(before[j - 2] + 1);
            }
            cur[j] = d;
            best = best.min(d);
        }
        if best > limit {
            return None;
        }
        std::mem::swap(&mut before, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    Some(prev[b.len()]).filter(|&d| d <= limit)
}

/// The closest of `candidates` to `bad`, if it is close enough to be a typo.
pub fn did_you_mean<'a>(
    bad: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let mut budget = usize::MAX;
    suggest(bad, candidates, &mut budget)
}

/// [`did_you_mean`] within a budget of work shared by a whole file. Ids longer than
/// [`MAX_ID_CHARS`] get no suggestion, and candidates whose length is too far off
/// are not compared.
pub(super) fn suggest<'a>(
    bad: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    budget: &mut usize,
) -> Option<&'a str> {
    if bad.len() > 4 * MAX_ID_CHARS {
        return None;
    }
    let a: Vec<char> = bad.chars().collect();
    if a.len() > MAX_ID_CHARS {
        return None;
    }
    let limit = (a.len() / 3).max(2);
    let mut best: Option<(usize, &str)> = None;
    for c in candidates {
        if *budget == 0 {
            break;
        }
        if c.len() > 4 * MAX_ID_CHARS || c.len() + 4 * limit < a.len() {
            continue;
        }
        let d = if c.eq_ignore_ascii_case(bad) {
            Some(0)
        } else {
            let b: Vec<char> = c.chars().collect();
            distance_within(&a, &b, limit, budget)
        };
        if let Some(d) = d
            && best.is_none_or(|(bd, _)| d < bd)
        {
            best = Some((d, c));
            if d == 0 {
                break;
            }
        }
    }
    best.map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typos_are_caught() {
        assert_eq!(
            did_you_mean("hanmeimi", ["lilei", "hanmeimei"]),
            Some("hanmeimei")
        );
        assert_eq!(did_you_mean("lilie", ["lilei", "hanmeimei"]), Some("lilei"));
        assert_eq!(did_you_mean("LiLei", ["lilei"]), Some("lilei"));
        assert_eq!(did_you_mean("zhangsan", ["lilei", "hanmeimei"]), None);
    }
}
