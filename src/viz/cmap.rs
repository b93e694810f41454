//! A font file read just enough to know which characters it draws and how wide:
//! its character map (`cmap`, format 12 or else format 4) and its advances
//! (`hmtx`). [`super::measure`] measures text with it, and the glyph test checks
//! every character the program shows against it.

/// One font's tables, borrowed from its bytes.
#[derive(Clone, Copy, Debug)]
pub struct Font<'a> {
    data: &'a [u8],
    /// The chosen `cmap` subtable's offset and format (12 or 4).
    map: usize,
    format: u16,
    hmtx: usize,
    /// Glyphs with their own advance (`hhea.numberOfHMetrics`).
    metrics: usize,
    units_per_em: f32,
}

fn u16_at(d: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes(d.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(d: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes(d.get(at..at + 4)?.try_into().ok()?))
}

impl<'a> Font<'a> {
    /// The font in `data` (a TrueType/OpenType file), or `None` if its tables
    /// cannot be read.
    pub fn parse(data: &'a [u8]) -> Option<Font<'a>> {
        let tables = u16_at(data, 4)? as usize;
        let table = |tag: &[u8; 4]| {
            (0..tables)
                .map(|i| 12 + 16 * i)
                .find(|&r| data.get(r..r + 4) == Some(&tag[..]))
                .and_then(|r| u32_at(data, r + 8))
                .map(|o| o as usize)
        };
        let (cmap, hmtx, hhea, head) = (
            table(b"cmap")?,
            table(b"hmtx")?,
            table(b"hhea")?,
            table(b"head")?,
        );
        // The Unicode subtables: the full repertoire (format 12) before the BMP's (4).
        let subtables = u16_at(data, cmap + 2)? as usize;
        let with = |format: u16| {
            (0..subtables).find_map(|i| {
                let r = cmap + 4 + 8 * i;
                let at = cmap + u32_at(data, r + 4)? as usize;
                (u16_at(data, at)? == format).then_some(at)
            })
        };
        let (map, format) = match with(12) {
            Some(at) => (at, 12),
            None => (with(4)?, 4),
        };
        Some(Font {
            data,
            map,
            format,
            hmtx,
            metrics: u16_at(data, hhea + 34)? as usize,
            units_per_em: f32::from(u16_at(data, head + 18)?),
        })
    }

    /// The glyph that draws `c`, or `None` where the font has none (glyph 0).
    pub fn glyph(&self, c: char) -> Option<u32> {
        let g = match self.format {
            12 => self.glyph_12(c as u32),
            _ => self.glyph_4(c as u32),
        }?;
        (g != 0).then_some(g)
    }

    /// Whether the font draws `c`.
    pub fn has(&self, c: char) -> bool {
        self.glyph(c).is_some()
    }

    fn glyph_12(&self, c: u32) -> Option<u32> {
        let (d, sub) = (self.data, self.map);
        let groups = u32_at(d, sub + 12)? as usize;
        let group = |i: usize| {
            let g = sub + 16 + 12 * i;
            Some((u32_at(d, g)?, u32_at(d, g + 4)?, u32_at(d, g + 8)?))
        };
        // The first group that ends at or after `c` (groups are sorted).
        let (mut lo, mut hi) = (0, groups);
        while lo < hi {
            let mid = (lo + hi) / 2;
            if group(mid)?.1 < c {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        if lo == groups {
            return None;
        }
        let (first, _, glyph) = group(lo).filter(|g| g.0 <= c)?;
        Some(glyph + (c - first))
    }

    fn glyph_4(&self, c: u32) -> Option<u32> {
        let c = u16::try_from(c).ok()?;
        let (d, sub) = (self.data, self.map);
        let segs = usize::from(u16_at(d, sub + 6)? / 2);
        let ends = sub + 14;
        let starts = ends + 2 * segs + 2;
        let deltas = starts + 2 * segs;
        let offsets = deltas + 2 * segs;
        let seg = (0..segs).find(|&i| u16_at(d, ends + 2 * i).is_some_and(|e| e >= c))?;
        let start = u16_at(d, starts + 2 * seg)?;
        if start > c {
            return None;
        }
        let delta = u16_at(d, deltas + 2 * seg)?;
        let offset = u16_at(d, offsets + 2 * seg)?;
        let glyph = if offset == 0 {
            c.wrapping_add(delta)
        } else {
            let at = offsets + 2 * seg + usize::from(offset) + 2 * usize::from(c - start);
            match u16_at(d, at)? {
                0 => 0,
                g => g.wrapping_add(delta),
            }
        };
        Some(u32::from(glyph))
    }

    /// The advance of `c` in ems, or `None` where the font does not draw it.
    pub fn advance(&self, c: char) -> Option<f32> {
        let glyph = self.glyph(c)? as usize;
        // Glyphs past the last metric share its advance.
        let i = glyph.min(self.metrics.max(1) - 1);
        let units = u16_at(self.data, self.hmtx + 4 * i)?;
        Some(f32::from(units) / self.units_per_em)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_which_characters_the_embedded_font_draws() {
        let f = Font::parse(super::super::art::FONT).expect("the embedded font reads");
        assert_eq!(f.format, 12);
        for c in ['a', 'Z', '你', '信', '，', '？', '✓', '\u{a0}'] {
            assert!(f.has(c), "{c:?}");
        }
        assert!(!f.has('\u{10FFFF}'));
        let a = f.advance('a').expect("a has a glyph");
        assert!(a > 0.35 && a < 0.7, "{a}");
        assert!((f.advance('你').expect("a glyph") - 1.0).abs() < 0.05);
    }
}
