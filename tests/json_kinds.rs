//! `docs/json-kinds.md` is generated from the catalogue of kinds (`sim/kinds.rs`)
//! and kept in step here: `UPDATE_DOCS=1 cargo test --test json_kinds` rewrites it.
//! And the catalogue's fields are true: every field a kind's JSON objects carry in
//! the scenes' traces is one the catalogue lists for it.

use std::collections::BTreeSet;
use std::path::Path;

use postoffice::report::json_lines;
use postoffice::report::json_reference as reference;
use postoffice::scenario;
use postoffice::sim::kinds::EventKind;
use postoffice::words::Register;

#[test]
fn the_json_reference_is_in_step_with_the_catalogue() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/json-kinds.md");
    let want = reference();
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(&path, &want).expect("docs/json-kinds.md written");
    }
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        have == want,
        "docs/json-kinds.md is out of step with src/sim/kinds.rs: \
         run `UPDATE_DOCS=1 cargo test --no-default-features --test json_kinds`"
    );
}

/// Fields every object has, or has when it is about a letter or a stage.
const COMMON: [&str; 14] = [
    "t",
    "actor",
    "stage",
    "step",
    "side_road",
    "msg",
    "from",
    "to",
    "text",
    "text_zh",
    "sealed",
    "bytes",
    "kind",
    "en",
];

#[test]
fn every_field_in_the_scenes_traces_is_in_the_catalogue() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenes");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("scenes/")
        .map(|e| e.expect("an entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .collect();
    files.sort();
    let mut kinds_seen = BTreeSet::new();
    let mut roads_seen = BTreeSet::new();
    for file in files {
        let scene = scenario::load(&file).expect("a scene");
        let mut sim = scene.sim(None, true);
        sim.run();
        let json = json_lines(
            &sim.take_events(),
            &scene.world,
            &scene.settings,
            Register::Both,
        );
        for line in json.lines() {
            let v: serde_json::Value = serde_json::from_str(line).expect("JSON");
            let kind = v["kind"].as_str().expect("a kind");
            let row = EventKind::ALL
                .iter()
                .map(|k| k.row())
                .find(|r| r.json.split(" | ").any(|n| n == kind))
                .unwrap_or_else(|| panic!("{}: `{kind}` is in no row", file.display()));
            kinds_seen.insert(kind.to_string());
            if let Some(road) = v["side_road"].as_str() {
                roads_seen.insert(road.to_string());
            }
            for field in v.as_object().expect("an object").keys() {
                assert!(
                    COMMON.contains(&field.as_str())
                        || field == "zh"
                        || row.json_fields.contains(&field.as_str()),
                    "{}: `{kind}` has `{field}`, which its row does not list",
                    file.display()
                );
            }
        }
    }
    assert!(kinds_seen.len() > 20, "only {kinds_seen:?}");
    // The offline shelf has one name (it was "Offline mailbox" in JSON alone).
    assert!(roads_seen.contains("Offline shelf"), "{roads_seen:?}");
    assert!(
        !roads_seen.iter().any(|r| r.contains("mailbox")),
        "{roads_seen:?}"
    );
}
