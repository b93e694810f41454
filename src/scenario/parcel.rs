//! Photos and voice messages in a scene file (issue 26): a letter's `parcel:`
//! (`Photo(kb: 1200)`, `Voice(kb: 24, seconds: 12)`), the `parcels:` setting
//! (`(part_kb: 256, keep_ms: 60000)`) and the network's `bandwidth_kb_per_s`,
//! each checked with its entry; and the expectations `ParcelShown(to:, from:,
//! text:)` and `ParcelExpired(to:, text:)`, read from the [`View`] at the end of a
//! run.

use super::check::{Builder, Whole};
use super::spec::{Num, ParcelSpec, ParcelsSpec};
use crate::sim::parcel::{MAX_PARTS, parts};
use crate::sim::view::{ParcelState, View};
use crate::sim::{DeviceIdx, MsgId, Parcel, ParcelKind, Parcels};

impl Builder<'_, '_> {
    /// A whole number from 1 up to its kind's limit, or a mistake at `entry`.
    fn positive(&mut self, n: Num, entry: &str, kind: Whole) -> Option<u32> {
        match self.whole(n, entry, kind)? {
            0 => {
                self.problem(
                    entry,
                    format!("found 0; expected more than 0: {}", kind.kind()),
                );
                None
            }
            v => u32::try_from(v).ok(),
        }
    }

    /// `network: (bandwidth_kb_per_s:)`.
    pub(super) fn bandwidth(&mut self, n: Num, entry: &str) -> Option<u32> {
        self.positive(n, entry, Whole::Bandwidth)
    }

    /// `parcels: (part_kb:, keep_ms:)`, or the defaults.
    pub(super) fn parcels(&mut self, spec: Option<ParcelsSpec>) -> Parcels {
        let mut p = Parcels::default();
        let Some(spec) = spec else { return p };
        if let Some(n) = spec.part_kb
            && let Some(kb) = self.positive(n, "parcels.part_kb", Whole::Kb)
        {
            p.part_kb = kb;
        }
        p.keep_ms = spec
            .keep_ms
            .and_then(|n| self.positive_ms(n, "parcels.keep_ms"));
        p
    }

    /// A letter's `parcel:` at `at` (`script[3].do`), cut into parts of
    /// `part_kb`: never more than [`MAX_PARTS`] of them.
    pub(super) fn parcel(&mut self, spec: &ParcelSpec, at: &str, part_kb: u32) -> Option<Parcel> {
        let (kb, kind) = match *spec {
            ParcelSpec::Photo { kb } => (kb, Some(ParcelKind::Photo)),
            ParcelSpec::Voice { kb, seconds } => {
                let entry = format!("{at}.parcel.seconds");
                let seconds = self.positive(seconds, &entry, Whole::Seconds);
                (kb, seconds.map(|seconds| ParcelKind::Voice { seconds }))
            }
        };
        let kb = self.positive(kb, &format!("{at}.parcel.kb"), Whole::Kb)?;
        let n = parts(kb, part_kb);
        if n > MAX_PARTS {
            self.problem(
                format!("{at}.parcel.kb"),
                format!("found {kb} kB, which is {n} parts of {part_kb} kB; expected at most {MAX_PARTS} parts (a smaller parcel, or a larger `parcels: (part_kb:)`)"),
            );
            return None;
        }
        Some(Parcel { kind: kind?, kb })
    }
}

/// What a phone showed of a letter's photo or voice message, at the end.
#[derive(Clone, Debug, PartialEq)]
pub enum ParcelFound {
    /// No letter with these words was written.
    NoSuchLetter,
    /// The letter has no photo or voice message.
    NoParcel,
    /// The letter never reached the phone's screen.
    LetterNotShown,
    /// Shown whole this many times (1 when all is well).
    Shown(usize),
    /// The store had thrown it out: the thumbnail with "expired".
    Expired,
    /// Neither: `have` of its `of` parts reached the phone.
    Partly { have: u32, of: u32 },
}

/// `ParcelShown` (`whole`) or `ParcelExpired` on `to`'s phone, for the letters
/// `ids` with the words named: whether it holds, and what was found.
pub(super) fn parcel(s: &View, ids: &[MsgId], to: DeviceIdx, whole: bool) -> (bool, ParcelFound) {
    if ids.is_empty() {
        return (false, ParcelFound::NoSuchLetter);
    }
    let with_parcel: Vec<MsgId> = ids
        .iter()
        .copied()
        .filter(|id| s.letters.get(id).is_some_and(|l| l.parcel.is_some()))
        .collect();
    if with_parcel.is_empty() {
        return (false, ParcelFound::NoParcel);
    }
    // The letter that got furthest on this phone.
    let found = with_parcel
        .iter()
        .map(|&id| found_on(s, to, id))
        .max_by_key(rank)
        .unwrap_or(ParcelFound::NoParcel);
    let holds = matches!(
        (&found, whole),
        (ParcelFound::Shown(1), true) | (ParcelFound::Expired, false)
    );
    (holds, found)
}

fn found_on(s: &View, to: DeviceIdx, id: MsgId) -> ParcelFound {
    let shown = s.parcel_times_shown(to, id);
    if shown > 0 {
        return ParcelFound::Shown(shown);
    }
    match s.parcel_look(to, id) {
        Some(l) if l.state == ParcelState::Expired => ParcelFound::Expired,
        Some(l) => ParcelFound::Partly {
            have: l.have,
            of: l.parts,
        },
        None => ParcelFound::LetterNotShown,
    }
}

/// How far a phone got with a parcel, for picking among letters of the same words.
fn rank(f: &ParcelFound) -> u32 {
    match f {
        ParcelFound::NoSuchLetter | ParcelFound::NoParcel => 0,
        ParcelFound::LetterNotShown => 1,
        ParcelFound::Partly { .. } => 2,
        ParcelFound::Expired => 3,
        ParcelFound::Shown(_) => 4,
    }
}
