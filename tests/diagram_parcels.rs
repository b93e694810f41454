//! `postoffice diagram` with photos and voice messages (issue 26), on every scene
//! of `scenes/`: a parcel's frames (its parts, and the questions and answers
//! about them) are thin arrows in the parcel colour, with their words ("part",
//! "部分"), and the legend says what they are, in the register's words; a run
//! without them has no such arrow or sentence (every other scene's page is byte
//! for byte as before: docs/diagram.md).

use postoffice::report::diagram::{Model, Options, svg};
use postoffice::report::palette::PARCEL;
use postoffice::sim::{FrameKind, Lang};
use postoffice::words::Register;

mod common;
use common::scene::{parse, replay};

const LEGEND: [&str; 2] = [
    "Thin teal arrows: the parts of a photo or voice message",
    "细的青色箭头：照片或语音的各个部分",
];
const LEGEND_ENGINEER: [&str; 2] = ["Thin teal arrows: a file", "细的青色箭头：文件的分片"];

#[test]
fn a_parcel_s_frames_are_thin_teal_arrows_with_their_words_and_a_legend() {
    let (mut with, mut without) = (0, 0);
    for entry in std::fs::read_dir("scenes").unwrap() {
        let path = entry.unwrap().path();
        let name = path.display().to_string();
        let text = std::fs::read_to_string(&path).unwrap();
        let scene = parse(&name, &text);
        if scene.world.device_count() > postoffice::report::diagram::MAX_PHONES {
            continue;
        }
        let events = replay(&name, &text);
        let model = Model::build(&events, scene.world.device_count(), false);
        let parcel_arrows = model
            .arrows
            .iter()
            .filter(|a| a.kind.on_parcel_wire())
            .count();
        for (k, lang) in [Lang::En, Lang::Zh].into_iter().enumerate() {
            for reg in [Register::Story, Register::Engineer] {
                let o = Options {
                    lang,
                    register: reg,
                    settings: &scene.settings,
                    heartbeats: false,
                    title: "t",
                    subtitle: "s",
                };
                let page = svg(&events, &scene.world, &o);
                let legend = match reg {
                    Register::Engineer => LEGEND_ENGINEER[k],
                    _ => LEGEND[k],
                };
                assert_eq!(page.contains(legend), parcel_arrows > 0, "{name} {lang:?}");
                assert_eq!(
                    page.matches(r#"class="arrow parcel"#).count(),
                    parcel_arrows,
                    "{name}: every parcel arrow, and only those, is drawn as one"
                );
                if parcel_arrows > 0 {
                    let ink = PARCEL.css();
                    assert!(
                        page.contains(&format!(r#"stroke="{ink}" stroke-width="1.0""#)),
                        "{name}: thin, in the parcel colour"
                    );
                    let part = postoffice::words::arrow_words(FrameKind::PartR, lang);
                    assert!(page.contains(&format!(">{part} #")), "{name}: {part}");
                }
            }
        }
        match parcel_arrows {
            0 => without += 1,
            _ => with += 1,
        }
    }
    assert!(with >= 1 && without > 10, "{with} {without}");
}
