//! Every command's work grows linearly with its scene (issue 20, item 5), shown by
//! counting work, not by timing it: the allocations (how many, how many bytes, the
//! most held at once) and the items per-event lookups look at
//! (`postoffice::sim::work`), on this test's own thread, for each library entry
//! point the commands use, on scenes of n, 2n and 4n letters (or people). Twice the
//! scene must cost less than [`BOUND`] times as much: a quadratic cost doubles
//! twice per doubling and breaks it.
//!
//! The scenes come from `tests/common/big.rs`;
//! `BIG_SCENES_DIR=/tmp/big cargo test --no-default-features --test linear -- --ignored write_big_scenes`
//! writes the ones measured in docs/performance.md.

mod common;

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use common::big;
use postoffice::report;
use postoffice::scenario::{self, Scenario};
use postoffice::words::Register;

/// The most a doubling of the scene may multiply the work by.
const BOUND: f64 = 2.6;

struct Counting;

thread_local! {
    static ALLOCS: Cell<u64> = const { Cell::new(0) };
    static BYTES: Cell<u64> = const { Cell::new(0) };
    static LIVE: Cell<i64> = const { Cell::new(0) };
    static PEAK: Cell<i64> = const { Cell::new(0) };
}

fn noted(size: usize, grew: bool) {
    // `try_with`: a thread being torn down still allocates.
    let _ = ALLOCS.try_with(|c| c.set(c.get() + u64::from(grew)));
    let _ = BYTES.try_with(|c| c.set(c.get() + if grew { size as u64 } else { 0 }));
    let _ = LIVE.try_with(|live| {
        let now = if grew {
            live.get() + size as i64
        } else {
            live.get() - size as i64
        };
        live.set(now);
        let _ = PEAK.try_with(|p| p.set(p.get().max(now)));
    });
}

// SAFETY: every call is passed on to the system allocator unchanged; the counting
// touches only thread-local cells that allocate nothing.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        noted(layout.size(), true);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        noted(layout.size(), false);
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        noted(layout.size(), false);
        noted(new_size, true);
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static COUNTING: Counting = Counting;

/// The work of one call.
#[derive(Clone, Copy, Debug)]
struct Work {
    allocations: u64,
    bytes: u64,
    /// The most bytes held at once beyond what was held before.
    peak: u64,
    looked: u64,
}

fn measure(f: impl FnOnce()) -> Work {
    let (allocs, bytes, looked) = (
        ALLOCS.with(Cell::get),
        BYTES.with(Cell::get),
        postoffice::sim::work::looked(),
    );
    let live = LIVE.with(Cell::get);
    PEAK.with(|p| p.set(live));
    f();
    Work {
        allocations: ALLOCS.with(Cell::get) - allocs,
        bytes: BYTES.with(Cell::get) - bytes,
        peak: (PEAK.with(Cell::get) - live).max(0) as u64,
        looked: postoffice::sim::work::looked() - looked,
    }
}

/// Runs `what` on scenes of `sizes` (each twice the one before) and checks that
/// each doubling at most multiplies every count by [`BOUND`].
fn linear(name: &str, sizes: &[usize], scene: fn(usize) -> String, what: fn(&str)) {
    let works: Vec<Work> = sizes
        .iter()
        .map(|&n| {
            let text = scene(n);
            measure(|| what(&text))
        })
        .collect();
    for (n, w) in sizes.iter().zip(&works) {
        eprintln!("{name} {n}: {w:?}");
    }
    for (k, pair) in works.windows(2).enumerate() {
        let (a, b) = (pair[0], pair[1]);
        let counts = [
            ("allocations", a.allocations, b.allocations),
            ("bytes allocated", a.bytes, b.bytes),
            ("peak bytes", a.peak, b.peak),
            ("items looked at", a.looked, b.looked),
        ];
        for (what, a, b) in counts {
            // Below a few hundred, a count is noise from fixed costs.
            if a < 500 {
                continue;
            }
            let ratio = b as f64 / a as f64;
            assert!(
                ratio < BOUND,
                "{name}: {what} grew {ratio:.2}× from {} to {} ({a} → {b}); \
                 a linear cost grows about 2×, a quadratic one 4×",
                sizes[k],
                sizes[k + 1]
            );
        }
    }
    // The counts are real: the biggest scene did allocate and look.
    let last = works.last().expect("sizes given");
    assert!(
        last.allocations > 1000 && last.bytes > 100_000,
        "{name}: {last:?}"
    );
}

fn scene(text: &str) -> Scenario {
    scenario::parse("big.ron", text.as_bytes()).expect("the big scenes are valid")
}

fn events(s: &Scenario) -> (postoffice::sim::Sim, Vec<postoffice::sim::Event>) {
    let mut sim = s.sim(None, true);
    assert!(sim.run_at_most(u64::MAX));
    let events = sim.take_events();
    (sim, events)
}

/// `postoffice run FILE`: the simulation, the expectations and the text.
fn run_text(text: &str) {
    let s = scene(text);
    let (sim, events) = events(&s);
    let outcomes = scenario::check(&s.expect, &events, &s.world);
    let lang = postoffice::sim::Lang::En;
    report::write_text(
        &mut std::io::sink(),
        &s,
        s.seed,
        &sim,
        &events,
        &outcomes,
        lang,
        Register::Both,
        false,
    )
    .expect("a sink takes anything");
}

/// `postoffice run FILE --format json`.
fn run_json(text: &str) {
    let s = scene(text);
    let (_, events) = events(&s);
    report::write_json_lines(
        &mut std::io::sink(),
        &events,
        &s.world,
        &s.settings,
        Register::Both,
    )
    .expect("a sink takes anything");
}

/// `postoffice check FILE`.
fn check(text: &str) {
    let s = scene(text);
    s.check_size(None).expect("within the limits");
    s.check_moments().expect("no questions to miss");
}

#[test]
fn run_is_linear_in_letters() {
    linear("run", &[500, 1000, 2000], big::letters, run_text);
}

#[test]
fn run_is_linear_in_people() {
    linear("run (people)", &[250, 500, 1000], big::people, run_text);
}

#[test]
fn run_is_linear_in_one_millisecond() {
    linear(
        "run (at once)",
        &[250, 500, 1000],
        big::people_at_once,
        run_text,
    );
    linear(
        "run --format json (at once)",
        &[250, 500, 1000],
        big::people_at_once,
        run_json,
    );
}

#[test]
fn json_is_linear_in_letters() {
    linear(
        "run --format json",
        &[500, 1000, 2000],
        big::letters,
        run_json,
    );
}

#[test]
fn check_is_linear() {
    linear("check", &[1000, 2000, 4000], big::letters, check);
    linear("check (people)", &[1000, 2000, 4000], big::people, check);
}

/// A scene file of `text`, for the entry points that open a file.
#[cfg(feature = "viz")]
fn file(text: &str) -> std::path::PathBuf {
    let n = text.len();
    let dir = common::scratch(&format!("linear-{n}"));
    let path = dir.join("big.ron");
    std::fs::write(&path, text).expect("the scratch folder takes a file");
    path
}

/// `postoffice slides FILE --steps 1-2`, all but the drawing: the story told to
/// its end and the pictures planned.
#[cfg(feature = "viz")]
fn slides_plan(text: &str) {
    let how = postoffice::viz::offline::slides::How {
        last: Some(2),
        ..Default::default()
    };
    let path = file(text);
    let plan = postoffice::viz::offline::slides::plan_of(&path, &how).expect("the scene is valid");
    assert!(!plan.is_empty());
}

#[cfg(feature = "viz")]
#[test]
fn slides_plan_is_linear() {
    linear(
        "slides (plan)",
        &[500, 1000, 2000],
        big::letters,
        slides_plan,
    );
}

/// The window opening a scene, all but the drawing: loaded, checked and told
/// (a live lesson to its look-ahead, a crowd to its end).
#[cfg(feature = "viz")]
fn window_load(text: &str) {
    let path = file(text);
    let told = postoffice::viz::story::told::tell(&path).expect("the scene is valid");
    assert!(!told.lesson.beats().is_empty());
}

#[cfg(feature = "viz")]
#[test]
fn window_load_is_linear() {
    linear(
        "window (letters)",
        &[500, 1000, 2000],
        big::letters,
        window_load,
    );
    linear(
        "window (people)",
        &[500, 1000, 2000],
        big::people,
        window_load,
    );
}

/// Writes the scenes measured in docs/performance.md into `$BIG_SCENES_DIR`.
#[test]
#[ignore = "writes files; run by hand"]
fn write_big_scenes() {
    let dir = std::env::var("BIG_SCENES_DIR").expect("BIG_SCENES_DIR names a folder");
    let dir = std::path::Path::new(&dir);
    std::fs::create_dir_all(dir).expect("the folder can be made");
    for n in [2_000, 4_000, 5_000, 10_000, 16_000, 32_000] {
        let path = dir.join(format!("letters{n}.ron"));
        std::fs::write(path, big::letters(n)).expect("written");
    }
    for n in [5_000, 10_000] {
        let path = dir.join(format!("people{n}.ron"));
        std::fs::write(path, big::people(n)).expect("written");
    }
}
