//! Long runs and large numbers: `run` refuses a scene that would take more than a
//! million events (naming the setting, in the file), unless `--no-limit`; a run of a
//! million events finishes in time proportional to it; `bench` and `--until` refuse
//! numbers past their bounds; times near the end of `u64` never wrap around.
//!
//! Commands run in a subprocess with a generous watchdog, so that a regression
//! fails the test instead of hanging it (this is not a timing assertion).

use std::process::{Command, Output, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use postoffice::scenario;
use postoffice::sim::{
    Action, Dest, Heartbeat, Person, RegisterChange, Retry, Settings, Sim, Text, UserIdx, What,
    World,
};

/// Runs the program; kills it and fails after `limit`.
fn postoffice(args: &[&str], limit: Duration) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_postoffice"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let start = Instant::now();
    // Read the output on threads, so that a full pipe never stalls the child.
    let mut out = child.stdout.take().unwrap();
    let mut err = child.stderr.take().unwrap();
    let out = std::thread::spawn(move || {
        let mut v = Vec::new();
        std::io::Read::read_to_end(&mut out, &mut v).map(|_| v)
    });
    let err = std::thread::spawn(move || {
        let mut v = Vec::new();
        std::io::Read::read_to_end(&mut err, &mut v).map(|_| v)
    });
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return Output {
                status,
                stdout: out.join().unwrap().unwrap(),
                stderr: err.join().unwrap().unwrap(),
            };
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            panic!("postoffice {args:?} still running after {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn temp_scene(name: &str, text: &str) -> String {
    let path = format!("{}/{name}", env!("CARGO_TARGET_TMPDIR"));
    std::fs::write(&path, text).unwrap();
    path
}

/// Two phones chatting once, with a heartbeat every `interval_ms`, for `until_ms`.
fn two_phones(interval_ms: u64, until_ms: u64) -> String {
    format!(
        r#"(
    title: "long",
    heartbeat: (interval_ms: {interval_ms}, timeout_ms: {}),
    users: [(id: "lilei"), (id: "hanmeimei")],
    friends: [("lilei", "hanmeimei")],
    script: [
        (at_ms: 0, do: Login("lilei")),
        (at_ms: 0, do: Login("hanmeimei")),
        (at_ms: 5000, do: Send(from: "lilei", to: "hanmeimei", text: "hi")),
    ],
    until_ms: {until_ms},
)"#,
        interval_ms * 3
    )
}

const MINUTE: Duration = Duration::from_secs(60);

#[test]
fn a_typo_in_a_time_is_refused_with_the_setting_named() {
    let path = temp_scene(
        "typo.ron",
        r#"(
    title: "typo",
    users: [(id: "lilei"), (id: "hanmeimei")],
    friends: [("lilei", "hanmeimei")],
    script: [
        (at_ms: 0, do: Login("lilei")),
        (at_ms: 0, do: Login("hanmeimei")),
        (at_ms: 10000000000, do: Send(from: "lilei", to: "hanmeimei", text: "hi")),
    ],
)"#,
    );
    let o = postoffice(&["run", &path], MINUTE);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.contains(&format!("{path}:8:17: script[2].at_ms:")),
        "{err}"
    );
    assert!(
        err.contains("115 days") && err.contains("--no-limit"),
        "{err}"
    );
    // `check` says the same: the file would not run.
    let o = postoffice(&["check", &path], MINUTE);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("script[2].at_ms"));
}

#[test]
fn a_heartbeat_too_often_or_a_run_too_long_is_named() {
    // A heartbeat every millisecond for ten minutes: the heartbeat is at fault.
    let path = temp_scene("often.ron", &two_phones(1, 600_000));
    let o = postoffice(&["run", &path], MINUTE);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains(":3:30: heartbeat.interval_ms:"), "{err}");
    // A run of a year: `until_ms` is.
    let path = temp_scene("year.ron", &two_phones(15_000, 31_536_000_000 / 10));
    let o = postoffice(&["run", &path], MINUTE);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains(": until_ms:"), "{err}");
    // And `--until` on the command line is named as such.
    let o = postoffice(
        &["run", "scenes/hello.ron", "--until", "10000000000"],
        MINUTE,
    );
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("`--until 10000000000`"), "{err}");
}

#[test]
fn no_scene_in_the_scenes_folder_trips_the_limit() {
    for e in std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/scenes")).unwrap() {
        let path = e.unwrap().path();
        let scene = scenario::load(&path).unwrap();
        let estimate = scene.check_size(None).unwrap_or_else(|e| panic!("{e}"));
        // The estimate is near the truth (it is what the refusal rests on).
        let mut sim = scene.sim(None, false);
        sim.run();
        let ratio = estimate.events as f64 / sim.processed() as f64;
        assert!(
            (0.5..4.0).contains(&ratio),
            "{}: estimated {} events, ran {}",
            path.display(),
            estimate.events,
            sim.processed()
        );
    }
}

#[test]
fn a_million_events_run_in_one_pass() {
    // About 1.1 million events: refused without --no-limit, run with it. Before the
    // run looked at each event once, this took many minutes (each step looked at the
    // whole trace so far).
    let path = temp_scene("million.ron", &two_phones(1_000, 140_000_000));
    let o = postoffice(&["run", &path], MINUTE);
    assert_eq!(o.status.code(), Some(2));
    let o = postoffice(
        &["run", &path, "--no-limit", "--format", "json"],
        3 * MINUTE,
    );
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let lines = o.stdout.iter().filter(|&&b| b == b'\n').count();
    assert!(lines > 800_000, "{lines} events");
}

#[test]
fn numbers_past_the_bounds_of_the_command_line_exit_2() {
    for args in [
        &["run", "scenes/hello.ron", "--until", "0"][..],
        &["run", "scenes/hello.ron", "--until", "10000000001"],
        &["bench", "--minutes", "307445734561825861"],
        &["bench", "--minutes", "18446744073709551615"],
        &["bench", "--minutes", "0"],
        &["bench", "--phones", "2"],
        &["bench", "--loss", "1"],
        &["bench", "--loss", "NaN"],
    ] {
        let o = postoffice(args, MINUTE);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{args:?}: {err}");
    }
}

#[test]
fn a_bench_too_big_for_memory_is_refused_before_it_starts() {
    // A hundred million phones for a week: hundreds of terabytes.
    let o = postoffice(
        &["bench", "--phones", "100000000", "--minutes", "10080"],
        MINUTE,
    );
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.contains("need about") && err.contains("fewer phones"),
        "{err}"
    );
}

fn world(n: usize) -> Arc<World> {
    Arc::new(World {
        people: (0..n)
            .map(|i| Person {
                id: Arc::from(format!("u{i}")),
                name: Text::same(format!("U{i}")),
                avatar: Arc::from(""),
                registered: true,
            })
            .collect(),
        groups: Vec::new(),
        receipts_off: Vec::new(),
        ..Default::default()
    })
}

#[test]
fn times_near_the_end_of_u64_never_wrap_around() {
    // The model is safe on its own, whatever the format allows.
    for (interval, timeout) in [(u64::MAX - 1, u64::MAX), (u64::MAX / 2, u64::MAX - 5)] {
        let settings = Settings {
            heartbeat: Heartbeat {
                interval_ms: interval,
                timeout_ms: timeout,
            },
            retry: Retry {
                check_ms: u64::MAX,
                grace_ms: u64::MAX,
                max_retries: 2,
            },
            ..Settings::default()
        };
        let mut sim = Sim::new(world(2), settings, 1, true);
        sim.set_register(RegisterChange::Befriend, UserIdx(0), UserIdx(1));
        sim.schedule(0, Action::Login(postoffice::sim::DeviceIdx(0)));
        sim.schedule(0, Action::Login(postoffice::sim::DeviceIdx(1)));
        sim.schedule(
            1_000,
            Action::Send {
                from: postoffice::sim::DeviceIdx(0),
                to: Dest::User(UserIdx(1)),
                text: postoffice::sim::Text::from("hi"),
                parcel: None,
            },
        );
        assert!(sim.run_at_most(10_000), "the run ends");
        let events = sim.take_events();
        assert!(
            events.windows(2).all(|w| w[0].at <= w[1].at),
            "time never goes backwards"
        );
        assert!(
            events
                .iter()
                .any(|e| matches!(e.what, What::Display { .. })),
            "the letter still arrives"
        );
        assert!(
            !events
                .iter()
                .any(|e| matches!(e.what, What::MarkedOffline { .. })),
            "a timeout of {timeout} ms is not reached at once"
        );
    }
}

#[test]
fn the_estimate_counts_members_who_join_later() {
    // A group of two that 60 people join before 30 letters go to it: the letters
    // go to 61 members each, and the estimate says so (it used to count the two).
    let n = 62;
    let users: Vec<String> = (0..n)
        .map(|i| format!(r#"(id: "u{i}", name: "U{i}")"#))
        .collect();
    let mut script: Vec<String> = (0..n)
        .map(|i| format!(r#"(at_ms: 0, do: Login("u{i}"))"#))
        .collect();
    script.extend((2..n).map(|i| format!(r#"(at_ms: 100, do: Join(user: "u{i}", group: "g"))"#)));
    script.extend((0..30).map(|k| {
        format!(
            r#"(at_ms: {}, do: SendGroup(from: "u0", group: "g", text: "m{k}"))"#,
            1000 + 200 * k
        )
    }));
    let text = format!(
        r#"(
    title: "Joined later",
    users: [{}],
    groups: [(id: "g", name: "G", members: ["u0", "u1"])],
    script: [{}],
)"#,
        users.join(", "),
        script.join(",\n        ")
    );
    let scene = scenario::parse("joined.ron", text.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
    let estimate = scene.check_size(None).unwrap_or_else(|e| panic!("{e}"));
    let mut sim = scene.sim(None, false);
    sim.run();
    let ratio = estimate.events as f64 / sim.processed() as f64;
    assert!(
        (0.5..4.0).contains(&ratio),
        "estimated {} events, ran {}",
        estimate.events,
        sim.processed()
    );
}
