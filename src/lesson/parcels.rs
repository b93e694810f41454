//! Photos and voice messages in a live lesson (issue 26): the parcels the class
//! attaches to a letter it writes, and the two settings the panel switches for
//! them — the parcel line's speed (`network: (bandwidth_kb_per_s:)`) and how long
//! the parcel store keeps a parcel (`parcels: (keep_ms:)`). Both are told again
//! from the story's start ([`Lesson::with_settings`]), kept to the format's limits
//! (a refusal, never a panic), and written at a saved lesson's top
//! (`settings.rs`).

use super::{Lesson, Refused};
use crate::scenario::MAX_MS;
use crate::sim::parcel::MAX_BANDWIDTH;
use crate::sim::{Action, Parcel, ParcelKind, Settings, Time};

/// How many kB a second of voice a voice message takes: speech squeezed small
/// (16 kbit/s, as the speech codecs of chat apps do — SILK, AMR-WB, Opus at a
/// voice's rate). `scenes/parcels.ron`'s 12-second song is 24 kB.
pub const VOICE_KB_PER_SECOND: u32 = 2;

/// The parcel line's speeds the window's panel offers, kB a second: no limit (a
/// part takes only the trip's time), slow 3G, 4G, Wi-Fi; the scene's own is
/// offered too where it is another.
pub const BANDWIDTHS: [Option<u32>; 4] = [None, Some(50), Some(500), Some(5000)];

/// How long the window's panel offers to keep a parcel in the parcel store: for
/// ever, a minute (to see one expire in class), a day; and the scene's own.
pub const PARCELS_KEPT: [Option<Time>; 3] = [None, Some(60_000), Some(86_400_000)];

/// A photo of `kb` kilobytes.
pub fn photo(kb: u32) -> Parcel {
    Parcel {
        kind: ParcelKind::Photo,
        kb,
    }
}

/// A voice message `seconds` long: [`VOICE_KB_PER_SECOND`] kB for each second.
pub fn voice(seconds: u32) -> Parcel {
    Parcel {
        kind: ParcelKind::Voice { seconds },
        kb: seconds.saturating_mul(VOICE_KB_PER_SECOND),
    }
}

/// Whether `action` is a letter with a photo or a voice message.
pub fn carries_parcel(action: &Action) -> bool {
    matches!(
        action,
        Action::Send {
            parcel: Some(_),
            ..
        }
    )
}

/// Whether settings keep to the format's limits for the two parcel settings:
/// a line of 1 to [`MAX_BANDWIDTH`] kB a second (or none), a parcel kept 1 ms to
/// [`MAX_MS`] (or for ever).
pub(super) fn check_settings(s: &Settings) -> Result<(), Refused> {
    if let Some(bw) = s.network.bandwidth_kb_per_s
        && !(1..=MAX_BANDWIDTH).contains(&bw)
    {
        return Err(Refused::Bandwidth);
    }
    if let Some(ms) = s.parcels.keep_ms
        && !(1..=MAX_MS).contains(&ms)
    {
        return Err(Refused::KeepMs);
    }
    Ok(())
}

impl Lesson {
    /// Whether the story has a photo or a voice message: the scene's own letters
    /// or the class's.
    pub fn has_parcels(&self) -> bool {
        let script = self.scene().script.iter();
        script.chain(self.live()).any(|(_, a)| carries_parcel(a))
    }

    /// The same lesson told again from its start with the parcel line passing
    /// `bandwidth` kB a second (`None`: no limit, a part takes only its trip's
    /// time), the class's actions kept. Refused for a recorded story, and for a
    /// speed the format refuses (0, or over [`MAX_BANDWIDTH`]).
    pub fn with_bandwidth(&self, bandwidth: Option<u32>) -> Result<Lesson, Refused> {
        self.with_settings(|s| s.network.bandwidth_kb_per_s = bandwidth)
    }

    /// The same lesson told again from its start with the parcel store keeping a
    /// parcel `keep_ms` after it has all of it (`None`: for ever), the class's
    /// actions kept. Refused as [`Lesson::with_bandwidth`] is (0, or past
    /// [`MAX_MS`]).
    pub fn with_keep(&self, keep_ms: Option<Time>) -> Result<Lesson, Refused> {
        self.with_settings(|s| s.parcels.keep_ms = keep_ms)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_voice_message_takes_two_kb_a_second() {
        assert_eq!(voice(12).kb, 24, "as scenes/parcels.ron's song");
        assert_eq!(voice(60).kb, 120);
        assert_eq!(photo(300).kb, 300);
    }

    #[test]
    fn settings_past_the_format_are_refused() {
        let mut s = Settings::default();
        assert_eq!(check_settings(&s), Ok(()));
        s.network.bandwidth_kb_per_s = Some(0);
        assert_eq!(check_settings(&s), Err(Refused::Bandwidth));
        s.network.bandwidth_kb_per_s = Some(MAX_BANDWIDTH + 1);
        assert_eq!(check_settings(&s), Err(Refused::Bandwidth));
        s.network.bandwidth_kb_per_s = Some(MAX_BANDWIDTH);
        s.parcels.keep_ms = Some(0);
        assert_eq!(check_settings(&s), Err(Refused::KeepMs));
        s.parcels.keep_ms = Some(MAX_MS + 1);
        assert_eq!(check_settings(&s), Err(Refused::KeepMs));
        s.parcels.keep_ms = Some(MAX_MS);
        assert_eq!(check_settings(&s), Ok(()));
    }
}
