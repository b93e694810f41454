//! The colours that mean something, in one place, without bevy: a letter, a
//! receipt, a returned letter, upkeep, a loss, a heartbeat, a side road. The
//! handout's diagram (`postoffice diagram`) writes them as hex, the window
//! (`viz::palette`) converts them to its own colours for the picture, a class's
//! wires and the diagram view, so that one thing has one colour everywhere.
//!
//! The page's own greys (ink, bands, lanes) are here too, for the handout.

use crate::sim::kinds::Look;

/// A colour in sRGB, each part from 0 to 1.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rgb {
    pub r: f32,
    pub g: f32,
    pub b: f32,
}

impl Rgb {
    pub const fn srgb(r: f32, g: f32, b: f32) -> Rgb {
        Rgb { r, g, b }
    }

    /// From `0xrrggbb`.
    pub const fn hex(v: u32) -> Rgb {
        Rgb {
            r: ((v >> 16) & 0xff) as f32 / 255.0,
            g: ((v >> 8) & 0xff) as f32 / 255.0,
            b: (v & 0xff) as f32 / 255.0,
        }
    }

    /// Its three parts from 0 to 255.
    pub fn bytes(self) -> [u8; 3] {
        [self.r, self.g, self.b].map(|c| (c.clamp(0.0, 1.0) * 255.0).round() as u8)
    }

    /// As CSS writes it: `#1f5fbf`, or `#222` where each part's two digits agree.
    pub fn css(self) -> String {
        let [r, g, b] = self.bytes();
        let short = [r, g, b].iter().all(|c| c >> 4 == c & 0xf);
        if short {
            format!("#{:x}{:x}{:x}", r & 0xf, g & 0xf, b & 0xf)
        } else {
            format!("#{r:02x}{g:02x}{b:02x}")
        }
    }
}

/// What a colour means: the diagram's arrows, dots and tags, and the window's
/// wires, say which, and take the colour from [`Ink::rgb`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ink {
    /// A letter (`msg:R`, `msg:N`), a step of the first letter.
    Letter,
    /// ✓ and ✓✓, and the acknowledgements (`msg:A`, `ack:*`).
    Receipt,
    /// A letter sent back.
    Returned,
    /// Logins, goodbyes and the like.
    Upkeep,
    /// Lost on the way (✗), not sent.
    Loss,
    /// Heartbeats and their answers.
    Heartbeat,
    /// A side road of the story (the offline shelf, a retry, …).
    SideRoad,
    /// A photo's or a voice message's parts on a parcel wire (issue 26).
    Parcel,
}

pub const LETTER: Rgb = Rgb::hex(0x1f5fbf);
/// The picture's ticks (✓, ✓✓).
pub const RECEIPT: Rgb = Rgb::srgb(0.20, 0.55, 0.35);
pub const RETURNED: Rgb = Rgb::hex(0xc56a12);
pub const UPKEEP: Rgb = Rgb::hex(0x8a8a8a);
/// The picture's stamps (Lost, Returned, ❗).
pub const LOSS: Rgb = Rgb::srgb(0.78, 0.16, 0.16);
pub const HEARTBEAT: Rgb = Rgb::hex(0xd6336c);
/// The picture's headings of a side road.
pub const SIDE_ROAD: Rgb = Rgb::srgb(0.54, 0.31, 0.64);
/// A parcel's parts and the questions about them (issue 26): teal, apart from
/// the letters' blue and the receipts' green.
pub const PARCEL: Rgb = Rgb::hex(0x0e8a8c);

impl Ink {
    pub const fn rgb(self) -> Rgb {
        match self {
            Ink::Letter => LETTER,
            Ink::Receipt => RECEIPT,
            Ink::Returned => RETURNED,
            Ink::Upkeep => UPKEEP,
            Ink::Loss => LOSS,
            Ink::Heartbeat => HEARTBEAT,
            Ink::SideRoad => SIDE_ROAD,
            Ink::Parcel => PARCEL,
        }
    }

    /// A frame's colour, by the catalogue's look of its kind.
    pub const fn of_frame(look: Look) -> Ink {
        match look {
            Look::Mail => Ink::Letter,
            Look::Ack => Ink::Receipt,
            Look::Returned => Ink::Returned,
            Look::Upkeep => Ink::Upkeep,
            Look::Parcel => Ink::Parcel,
        }
    }
}

/// The handout's page: its ink and greys.
pub mod page {
    use super::Rgb;

    pub const INK: Rgb = Rgb::hex(0x222222);
    pub const GREY: Rgb = Rgb::hex(0x777777);
    /// Every other row's band.
    pub const BAND: Rgb = Rgb::hex(0xf3f6fa);
    /// A lane's line while connected, and while not.
    pub const LANE_ON: Rgb = Rgb::hex(0x666666);
    pub const LANE_OFF: Rgb = Rgb::hex(0xb5b5b5);
    /// The marks that break the lanes at a quiet stretch.
    pub const BREAK: Rgb = Rgb::hex(0x999999);
    /// The times of frames that leave where nothing is narrated.
    pub const FAINT: Rgb = Rgb::hex(0xa0a0a0);
    /// The head of a phone's lane, and of the post office's.
    pub const PHONE_HEAD: Rgb = Rgb::hex(0xeaf1fb);
    pub const OFFICE_HEAD: Rgb = Rgb::hex(0xfff1dc);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn css_is_short_only_where_each_part_repeats_its_digit() {
        assert_eq!(page::INK.css(), "#222");
        assert_eq!(page::LANE_OFF.css(), "#b5b5b5");
        assert_eq!(LETTER.css(), "#1f5fbf");
        assert_eq!(RECEIPT.css(), "#338c59");
        assert_eq!(LOSS.css(), "#c72929");
        assert_eq!(SIDE_ROAD.css(), "#8a4fa3");
        assert_eq!(Rgb::hex(0x11ff20).css(), "#11ff20");
    }

    #[test]
    fn every_frame_look_has_its_own_colour() {
        let looks = [Look::Mail, Look::Ack, Look::Returned, Look::Upkeep];
        for (i, a) in looks.iter().enumerate() {
            for b in &looks[i + 1..] {
                assert_ne!(Ink::of_frame(*a).rgb(), Ink::of_frame(*b).rgb());
            }
        }
    }
}
