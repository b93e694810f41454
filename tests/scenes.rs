//! Every scene in `scenes/` runs headless, its expectations hold, and it runs the
//! same way twice; the hello scene walks the nine steps in order.

use std::path::PathBuf;

use postoffice::report::{json_lines, timeline};
use postoffice::scenario::{self, Scenario};
use postoffice::sim::{Event, Lang, Step};

fn scene_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/scenes"))
        .expect("scenes/ exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .collect();
    files.sort();
    files
}

fn run(scene: &Scenario, seed: Option<u64>) -> Vec<Event> {
    let mut sim = scene.sim(seed, true);
    sim.run();
    sim.take_events()
}

#[test]
fn every_scene_runs_and_its_expectations_hold() {
    let files = scene_files();
    assert!(
        files.len() >= 11,
        "a scene for every lesson, found {}",
        files.len()
    );
    for f in files {
        let scene = scenario::load(&f).unwrap_or_else(|e| panic!("{e}"));
        assert!(
            !scene.expect.is_empty(),
            "{}: pins its lesson with expectations",
            f.display()
        );
        assert_ne!(
            scene.title.en,
            scene.title.zh,
            "{}: a title in both languages",
            f.display()
        );
        let events = run(&scene, None);
        for o in scenario::check(&scene.expect, &events, &scene.world) {
            assert!(
                o.holds,
                "{}: {} — {:?} (seed {})",
                f.display(),
                o.expectation,
                o.detail,
                scene.seed
            );
        }
    }
}

#[test]
fn every_scene_gives_the_same_trace_twice() {
    for f in scene_files() {
        let scene = scenario::load(&f).unwrap();
        let a = json_lines(&run(&scene, None), &scene.world);
        let b = json_lines(&run(&scene, None), &scene.world);
        assert!(!a.is_empty());
        assert!(
            a == b,
            "{}: two runs with seed {} differ",
            f.display(),
            scene.seed
        );
    }
}

#[test]
fn another_seed_changes_a_lossy_run() {
    let scene = scenario::load("scenes/bad_network.ron").unwrap();
    let a = json_lines(&run(&scene, Some(1)), &scene.world);
    let b = json_lines(&run(&scene, Some(2)), &scene.world);
    assert_ne!(a, b);
}

#[test]
fn hello_passes_the_nine_steps_in_order() {
    let scene = scenario::load("scenes/hello.ron").unwrap();
    let steps: Vec<Step> = run(&scene, None).iter().filter_map(Event::step).collect();
    assert_eq!(steps, Step::ALL.to_vec());
}

#[test]
fn hello_timeline_in_english_and_chinese() {
    let scene = scenario::load("scenes/hello.ron").unwrap();
    let events = run(&scene, None);
    insta::assert_snapshot!("hello_en", timeline(&events, &scene.world, Lang::En, false));
    insta::assert_snapshot!("hello_zh", timeline(&events, &scene.world, Lang::Zh, false));
}
