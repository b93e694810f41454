//! `postoffice bench --presence/--friends/--churn`: the flags as a person types
//! them, today's bench unchanged without them, and what the presence figures say.

use std::process::{Command, Output};

use postoffice::bench::{DEFAULT_FRIENDS, Outcome, Workload, run};
use postoffice::sim::Presence;

fn postoffice(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_postoffice"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The lines of a bench report that do not depend on the machine.
fn outcome_lines(out: &str) -> Vec<String> {
    const MEASURED: [&str; 4] = [
        "wall time",
        "events per second",
        "phone-minutes",
        "peak memory",
    ];
    out.lines()
        .filter(|l| !MEASURED.iter().any(|m| l.starts_with(m)))
        .map(String::from)
        .collect()
}

#[test]
fn every_bad_presence_flag_is_refused_with_the_flag_and_what_was_expected() {
    let cases: [(&[&str], &str, &str); 12] = [
        (&["--friends", "3"], "--friends", "even number of friends"),
        (&["--friends", "0"], "--friends", "from 2 to 1000"),
        (&["--friends", "1002"], "--friends", "from 2 to 1000"),
        (&["--friends", "ten"], "--friends", "even number"),
        (&["--friends", "-4"], "--friends", "even number"),
        (
            &["--friends", "50"],
            "--friends 50",
            "fewer friends than phones",
        ),
        (&["--churn", "-0.1"], "--churn", "from 0 to 1"),
        (&["--churn", "1.5"], "--churn", "from 0 to 1"),
        (&["--churn", "NaN"], "--churn", "from 0 to 1"),
        (&["--presence", "sideways"], "--presence", "pull"),
        (
            &["--presence", "pull", "--pull-every-ms", "10"],
            "--pull-every-ms",
            "1000",
        ),
        (
            &["--presence", "push", "--pull-every-ms", "5000"],
            "--pull-every-ms 5000",
            "--presence pull",
        ),
    ];
    for (flags, names, expected) in cases {
        let mut args = vec!["bench", "--phones", "50", "--minutes", "1"];
        args.extend_from_slice(flags);
        let o = postoffice(&args);
        let err = text(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{flags:?}: {err}");
        assert!(o.stdout.is_empty(), "{flags:?}: nothing is measured");
        assert!(err.contains(names), "{flags:?} names the flag: {err}");
        assert!(
            err.contains(expected),
            "{flags:?} says what it expects: {err}"
        );
        assert!(!err.contains("panicked"), "{flags:?}: {err}");
    }
}

/// Today's bench (before `--presence`) printed these for this workload; without
/// presence and churn it still does, draw for draw.
#[test]
fn churn_0_and_presence_off_give_todays_bench_unchanged() {
    const BEFORE: &str =
        "workload                2000 phones x 3 virtual minutes, loss 0.05, seed 4
events processed        158162
messages sent           5877
messages delivered      5840
messages lost           1
messages returned       0
waiting offline at end  10
frames lost on the way  4531
events pending at end   4364";
    let base = [
        "bench",
        "--phones",
        "2000",
        "--minutes",
        "3",
        "--loss",
        "0.05",
        "--seed",
        "4",
    ];
    let plain = postoffice(&base);
    let mut explicit = base.to_vec();
    explicit.extend(["--churn", "0", "--presence", "off", "--friends", "4"]);
    let explicit = postoffice(&explicit);
    for o in [&plain, &explicit] {
        assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
        let out = text(&o.stdout);
        assert_eq!(outcome_lines(&out).join("\n"), BEFORE, "{out}");
        assert!(!out.contains("presence"), "{out}");
    }
}

fn workload(presence: Presence, friends: usize, churn: f64) -> Workload {
    Workload {
        phones: 400,
        minutes: 3,
        loss: 0.01,
        seed: 9,
        presence,
        friends,
        churn,
    }
}

fn outcome(w: &Workload) -> Outcome {
    run(w).expect("a small run fits").outcome
}

/// Average staleness in milliseconds.
fn stale_ms(o: &Outcome) -> f64 {
    assert!(o.dot_fixes > 0, "{o}");
    o.dot_late_ms as f64 / o.dot_fixes as f64
}

#[test]
fn churn_is_drawn_from_the_seed_and_changes_the_run() {
    let w = workload(Presence::Push, 6, 0.2);
    let a = outcome(&w);
    assert_eq!(a, outcome(&w), "same workload and seed, same outcome");
    let still = outcome(&Workload { churn: 0.0, ..w });
    assert!(a.events > still.events, "{a}\nvs\n{still}");
    assert!(a.presence_frames > still.presence_frames);
    // Without presence, no presence frame and no dot, churn or not.
    let off = outcome(&Workload {
        presence: Presence::Off,
        ..w
    });
    assert_eq!(
        (off.presence_frames, off.dot_fixes, off.dot_late_ms),
        (0, 0, 0)
    );
}

#[test]
fn pushed_frames_multiply_with_friends_and_pulled_dots_are_later() {
    let pull = Presence::Pull { every_ms: 30_000 };
    for friends in [2, DEFAULT_FRIENDS, 20] {
        let push = outcome(&workload(Presence::Push, friends, 0.2));
        let pulled = outcome(&workload(pull, friends, 0.2));
        // A pushed dot is late by about one trip (40 to 120 ms, plus a lost frame's
        // wait for the next login); a pulled one by up to a period.
        assert!(stale_ms(&push) < 1_000.0, "{friends}: {push}");
        assert!(
            stale_ms(&pulled) > 5.0 * stale_ms(&push),
            "{friends}: {pulled}\nvs\n{push}"
        );
    }
    // Pushing: each login and logout is told to every online friend.
    let few = outcome(&workload(Presence::Push, 2, 0.2));
    let many = outcome(&workload(Presence::Push, 20, 0.2));
    assert!(
        many.presence_frames > 4 * few.presence_frames,
        "{few}\nvs\n{many}"
    );
    // Pulling: a question and an answer per phone per period, however many friends.
    let few = outcome(&workload(pull, 2, 0.2)).presence_frames as f64;
    let many = outcome(&workload(pull, 20, 0.2)).presence_frames as f64;
    assert!((many / few - 1.0).abs() < 0.1, "{few} vs {many}");
}

/// Two friends on a network without loss whose every trip takes 50 ms; `b` says
/// goodbye at 12 s. The dot `a` has for `b` is timed from the post office's mark.
fn goodbye_seen_by_a_friend(presence: Presence) -> postoffice::sim::Tally {
    use postoffice::sim::world::{Person, Text};
    use postoffice::sim::{Action, Network, RegisterChange, Settings, Sim, UserIdx, World};
    use std::sync::Arc;
    let person = |id: &str| Person {
        id: Arc::from(id),
        name: Text::same(id),
        avatar: Arc::from(""),
        registered: true,
    };
    let world = Arc::new(World {
        people: vec![person("a"), person("b")],
        groups: Vec::new(),
        receipts_off: Vec::new(),
        ..Default::default()
    });
    let settings = Settings {
        network: Network {
            latency_ms: (50, 50),
            loss: 0.0,
            bandwidth_kb_per_s: None,
        },
        presence,
        ..Settings::default()
    };
    let (a, b) = (UserIdx(0), UserIdx(1));
    let mut sim = Sim::new(world, settings, 1, false);
    sim.set_register(RegisterChange::Befriend, a, b);
    sim.schedule(0, Action::Login(postoffice::sim::DeviceIdx::main(a)));
    sim.schedule(0, Action::Login(postoffice::sim::DeviceIdx::main(b)));
    sim.schedule(12_000, Action::Logout(postoffice::sim::DeviceIdx::main(b)));
    sim.time_dots_from(1_000);
    sim.set_until(Some(40_000));
    sim.run();
    sim.tally().clone()
}

#[test]
fn a_dot_is_timed_from_the_post_offices_mark_to_its_change() {
    // Pushed: the mark at 12.05 s reaches `a` one trip later.
    let push = goodbye_seen_by_a_friend(Presence::Push);
    assert_eq!((push.dot_fixes, push.dot_late_ms), (1, 50), "{push:?}");
    // The dots set at the start (both logged in) are not timed.
    assert!(push.dots_untimed >= 1, "{push:?}");
    // Pulled every 10 s: the next answer after the mark, within a period and a
    // round trip.
    let pull = goodbye_seen_by_a_friend(Presence::Pull { every_ms: 10_000 });
    assert_eq!(pull.dot_fixes, 1, "{pull:?}");
    assert!(
        pull.dot_late_ms > 50 && pull.dot_late_ms <= 10_100,
        "{pull:?}"
    );
    assert!(pull.presence_frames > push.presence_frames, "{pull:?}");
}
