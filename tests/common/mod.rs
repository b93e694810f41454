//! Running the `postoffice` binary with a watchdog: a command that hangs is killed
//! and the test fails, instead of hanging the test run. Not a timing assertion: the
//! limit is far above what any of these commands needs.

#![allow(dead_code)]

pub mod big;
pub mod scene;

use std::io::Read;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// Far more than any command here needs, even in a debug build on a busy machine.
pub const WATCHDOG: Duration = Duration::from_secs(60);

/// Runs `postoffice ARGS` in the crate's folder; kills it and panics after
/// [`WATCHDOG`].
pub fn postoffice(args: &[&str]) -> Output {
    postoffice_in(std::path::Path::new(env!("CARGO_MANIFEST_DIR")), args)
}

/// [`postoffice`], run in the folder `dir`.
pub fn postoffice_in(dir: &std::path::Path, args: &[&str]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_postoffice"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    let mut out = child.stdout.take().expect("piped");
    let mut err = child.stderr.take().expect("piped");
    let out = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = out.read_to_end(&mut v);
        v
    });
    let err = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = err.read_to_end(&mut v);
        v
    });
    let status = wait_watched(&mut child, args);
    Output {
        status,
        stdout: out.join().expect("stdout reader"),
        stderr: err.join().expect("stderr reader"),
    }
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// A scratch folder of its own for one test.
pub fn scratch(name: &str) -> std::path::PathBuf {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a scratch folder");
    dir
}

/// Words that name the program's Rust types or ron's internals, which must never
/// reach a person.
pub const RUST_WORDS: &[&str] = &[
    "Spec", "struct ", "enum ", "u64", "u32", "f64", "i64", "RawValue", "serde", "ron::", "Num`",
    "panicked", "Option<", "String",
];

/// Waits for `child` (postoffice run with `args`), killing it and failing the
/// test if it runs past [`WATCHDOG`].
pub fn wait_watched(child: &mut std::process::Child, args: &[&str]) -> std::process::ExitStatus {
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().expect("waiting on the binary") {
            return status;
        }
        if start.elapsed() > WATCHDOG {
            let _ = child.kill();
            let _ = child.wait();
            panic!("postoffice {args:?} did not finish within {WATCHDOG:?}: killed");
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// Every `.rs` file under `dir`, in a stable order (the source scans read them).
pub fn rust_files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("a directory entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|x| x == "rs") {
            out.push(path);
        }
    }
}
