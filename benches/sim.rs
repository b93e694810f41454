//! `cargo bench`: the event queue alone, a bare binary-heap "hold" loop at the same
//! number of pending events (the practical limit to compare the simulation with),
//! and the hello scene end to end; and each command on a big scene at two sizes
//! (`big_scene_*`: two people, a letter every 10 ms; issue 20, item 5).
//!
//! A hold step pops the earliest event and pushes one at a random later time, so the
//! number of pending events stays the same. `PENDING` is the queue size of
//! `postoffice bench --phones 100000 --minutes 10` (it prints it).

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use divan::{Bencher, black_box};

#[path = "../tests/common/big.rs"]
mod big;
use postoffice::sim::queue::Queue;
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

fn main() {
    divan::main();
}

/// Pending events of the 100,000-phone workload.
const PENDING: usize = 220_000;
/// Hold steps per measured iteration.
const STEPS: usize = 10_000;

/// A payload the size of the simulation's pending events.
/// (Compared only by time and sequence number, which are unique.)
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Payload([u64; 5]);

/// Delays like the workload's: frames (40-120 ms), fixed timers (15 s), and
/// far-off chatter (up to two minutes).
fn workload_delay(rng: &mut ChaCha8Rng) -> u64 {
    match rng.random_range(0..3) {
        0 => rng.random_range(40..=120),
        1 => 15_000,
        _ => rng.random_range(1_000..120_000),
    }
}

#[divan::bench(sample_count = 30)]
fn bare_binary_heap_hold(bencher: Bencher) {
    let mut rng = ChaCha8Rng::seed_from_u64(1);
    let mut heap = BinaryHeap::with_capacity(PENDING + 1);
    let mut seq = 0u64;
    for _ in 0..PENDING {
        heap.push(Reverse((workload_delay(&mut rng), seq, Payload([seq; 5]))));
        seq += 1;
    }
    bencher
        .counter(divan::counter::ItemsCount::new(STEPS))
        .bench_local(|| {
            for _ in 0..STEPS {
                let Reverse((now, _, p)) = heap.pop().unwrap();
                let delay = workload_delay(&mut rng);
                heap.push(Reverse((now + delay, seq, black_box(p))));
                seq += 1;
            }
        });
}

#[divan::bench(sample_count = 30)]
fn bare_binary_heap_hold_keys_only(bencher: Bencher) {
    let mut rng = ChaCha8Rng::seed_from_u64(1);
    let mut heap = BinaryHeap::with_capacity(PENDING + 1);
    let mut seq = 0u64;
    for _ in 0..PENDING {
        heap.push(Reverse((workload_delay(&mut rng), seq)));
        seq += 1;
    }
    bencher
        .counter(divan::counter::ItemsCount::new(STEPS))
        .bench_local(|| {
            for _ in 0..STEPS {
                let Reverse((now, _)) = heap.pop().unwrap();
                heap.push(Reverse((now + workload_delay(&mut rng), seq)));
                seq += 1;
            }
        });
}

#[divan::bench(sample_count = 30)]
fn queue_hold(bencher: Bencher) {
    let mut rng = ChaCha8Rng::seed_from_u64(1);
    let mut q = Queue::with_lanes(&[15_000]);
    for i in 0..PENDING {
        q.schedule(0, workload_delay(&mut rng), Payload([i as u64; 5]));
    }
    bencher
        .counter(divan::counter::ItemsCount::new(STEPS))
        .bench_local(|| {
            for _ in 0..STEPS {
                let (now, p) = q.pop().unwrap();
                q.schedule(now, workload_delay(&mut rng), black_box(p));
            }
        });
}

#[divan::bench(sample_count = 20)]
fn hello_scene_end_to_end(bencher: Bencher) {
    let src = include_bytes!("../scenes/hello.ron");
    bencher.bench_local(|| {
        let scene = postoffice::scenario::parse("hello.ron", src).unwrap();
        let mut sim = scene.sim(None, true);
        sim.run();
        let events = sim.take_events();
        black_box(postoffice::scenario::check(
            &scene.expect,
            &events,
            &scene.world,
        ))
    });
}

#[divan::bench(sample_count = 5)]
fn workload_2000_phones_2_minutes(bencher: Bencher) {
    let w = postoffice::bench::Workload {
        phones: 2000,
        minutes: 2,
        loss: 0.01,
        seed: 0,
        presence: postoffice::sim::Presence::Off,
        friends: postoffice::bench::DEFAULT_FRIENDS,
        churn: 0.0,
    };
    bencher.bench_local(|| black_box(postoffice::bench::run(&w).map(|r| r.outcome.events)));
}

/// What `postoffice run --no-limit --format json` does with a long scene: two phones
/// with a heartbeat every second for `seconds` of virtual time, run with the trace
/// kept, checked and written as JSON Lines. Events per second should stay the same
/// from a quarter of a million events to a million (the run is one pass).
#[divan::bench(sample_count = 3, args = [35_000, 70_000, 140_000])]
fn run_long_trace_as_json(bencher: Bencher, seconds: u64) {
    let src = format!(
        r#"(title: "long", heartbeat: (interval_ms: 1000, timeout_ms: 3000),
            users: [(id: "a"), (id: "b")], friends: [("a", "b")],
            script: [(at_ms: 0, do: Login("a")), (at_ms: 0, do: Login("b")),
                     (at_ms: 5000, do: Send(from: "a", to: "b", text: "hi"))],
            until_ms: {})"#,
        seconds * 1000
    );
    let scene = postoffice::scenario::parse("long.ron", src.as_bytes()).unwrap();
    let events = {
        let mut sim = scene.sim(None, false);
        sim.run();
        sim.processed()
    };
    bencher
        .counter(divan::counter::ItemsCount::new(events))
        .bench_local(|| {
            let mut sim = scene.sim(None, true);
            sim.run();
            let trace = sim.take_events();
            let outcomes = postoffice::scenario::check(&scene.expect, &trace, &scene.world);
            let mut out = std::io::sink();
            postoffice::report::write_json_lines(
                &mut out,
                &trace,
                &scene.world,
                &scene.settings,
                postoffice::words::Register::Both,
            )
            .unwrap();
            black_box(outcomes)
        });
}

/// A class writes a letter in the window: `classroom.ron` (40 people) is told
/// (`tell`) past beat `shown`, a letter is injected after it, and the story told on
/// (`tell` again). Measured: the injection (restore the checkpoint before the beat,
/// run again to it) and the telling after it.
fn inject_in_the_classroom(
    bencher: Bencher,
    shown: usize,
    tell: impl Fn(&mut postoffice::lesson::Lesson) + Sync,
) {
    use postoffice::lesson::Lesson;
    use postoffice::sim::{Action, Dest, UserIdx};
    let scene = std::sync::Arc::new(
        postoffice::scenario::parse("classroom.ron", include_bytes!("../scenes/classroom.ron"))
            .unwrap(),
    );
    bencher
        .with_inputs(|| {
            let mut lesson = Lesson::new(scene.clone());
            tell(&mut lesson);
            lesson
        })
        .bench_local_values(|mut lesson| {
            lesson
                .inject(
                    shown,
                    Action::Send {
                        from: postoffice::sim::DeviceIdx(0),
                        to: Dest::User(UserIdx(1)),
                        text: postoffice::sim::Text::from("What if?"),
                        parcel: None,
                    },
                )
                .unwrap();
            tell(&mut lesson);
            black_box(lesson.beats().len())
        });
}

/// The injection and the next 100 beats the window asks for. The goal is at most
/// 50 ms.
#[divan::bench(sample_count = 20, args = [50, 400, 1200])]
fn inject_a_letter_in_the_classroom(bencher: Bencher, shown: usize) {
    inject_in_the_classroom(bencher, shown, |lesson| lesson.extend(shown + 100));
}

/// The same, as the window does it now that a class's story is told whole
/// (`viz::told::WHOLE_STORY_EVENTS`): the injection, then the rest of the story
/// to its end, so that the picture counter is right. The goal is still at most
/// 50 ms.
#[divan::bench(sample_count = 20, args = [50, 400, 1200])]
fn inject_a_letter_in_the_classroom_and_tell_it_whole(bencher: Bencher, shown: usize) {
    inject_in_the_classroom(bencher, shown, |lesson| lesson.finish());
}

/// A big scene of `letters` letters (`tests/common/big.rs`), run with its trace.
fn big_run(
    letters: usize,
) -> (
    postoffice::scenario::Scenario,
    postoffice::sim::Sim,
    Vec<postoffice::sim::Event>,
) {
    let scene = postoffice::scenario::parse("big.ron", big::letters(letters).as_bytes()).unwrap();
    let mut sim = scene.sim(None, true);
    sim.run();
    let events = sim.take_events();
    (scene, sim, events)
}

/// `postoffice run FILE`: the simulation, the expectations and the timeline, on
/// 8,000 and 16,000 letters: twice the letters, twice the time.
#[divan::bench(sample_count = 3, args = [8_000, 16_000])]
fn big_scene_run_text(bencher: Bencher, letters: usize) {
    bencher.bench_local(|| {
        let (scene, sim, events) = big_run(letters);
        let outcomes = postoffice::scenario::check(&scene.expect, &events, &scene.world);
        postoffice::report::write_text(
            &mut std::io::sink(),
            &scene,
            scene.seed,
            &sim,
            &events,
            &outcomes,
            postoffice::sim::Lang::En,
            postoffice::words::Register::Both,
            false,
        )
        .unwrap();
    });
}

/// `postoffice run FILE --format json`, as [`big_scene_run_text`].
#[divan::bench(sample_count = 3, args = [8_000, 16_000])]
fn big_scene_run_json(bencher: Bencher, letters: usize) {
    bencher.bench_local(|| {
        let (scene, _, events) = big_run(letters);
        postoffice::report::write_json_lines(
            &mut std::io::sink(),
            &events,
            &scene.world,
            &scene.settings,
            postoffice::words::Register::Both,
        )
        .unwrap();
    });
}

/// `postoffice check FILE`: read, built, sized and its questions' moments found.
#[divan::bench(sample_count = 3, args = [16_000, 32_000])]
fn big_scene_check(bencher: Bencher, letters: usize) {
    let text = big::letters(letters);
    bencher.bench_local(|| {
        let scene = postoffice::scenario::parse("big.ron", text.as_bytes()).unwrap();
        scene.check_size(None).unwrap();
        scene.check_moments().unwrap();
        black_box(scene)
    });
}
