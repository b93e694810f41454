//! The `postoffice` command line: the window (`postoffice [FILE]`, `open`), `slides`
//! renders the window's picture after each step, `run` tells a scene as a timeline,
//! `diagram` draws it as a sequence diagram for a handout, `check` validates scene
//! files, `scenes` lists the scenes (built in, and in `./scenes`), `glossary`
//! prints the story's words beside the technical ones. Where a scene file is
//! asked for, the name of a built-in scene (`hello`) does as well.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use postoffice::report;
use postoffice::report::safe::terminal;
use postoffice::scenario::{self, ScenarioError};
use postoffice::sim::Lang;
use postoffice::words::{self, Register};

#[derive(Parser)]
#[command(
    name = "postoffice",
    version,
    about = "How one chat message travels from one phone to another, through the post office"
)]
#[command(args_conflicts_with_subcommands = true)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// A scene to open in the window (default: scenes/hello.ron).
    file: Option<PathBuf>,
}

#[derive(Subcommand)]
enum Command {
    /// Runs a scene without a window and prints its story as a timeline.
    ///
    /// Exit status: 0 when every expectation holds, 1 when some do not, 2 when the
    /// file is not a valid scenario.
    Run {
        /// The scenario file (`scenes/hello.ron`).
        file: PathBuf,
        /// The language of the story.
        #[arg(long, value_enum, default_value = "en")]
        lang: LangArg,
        /// How the story is told: `story` (the post office only, no technical
        /// word), `both` (the story with the technical words), `engineer` (the
        /// technical words, packet codes and ids).
        #[arg(long, value_enum, default_value = "both")]
        words: WordsArg,
        /// Stop at this virtual time (milliseconds, 1 to 10000000000) instead of when
        /// the story is over.
        #[arg(long, value_name = "MS", value_parser = clap::value_parser!(u64).range(1..=10_000_000_000))]
        until: Option<u64>,
        /// Use this seed instead of the file's.
        #[arg(long, value_name = "N")]
        seed: Option<u64>,
        /// `text`: a timeline for people; `json`: one JSON object per event per line.
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
        /// List every heartbeat instead of one line per phone.
        #[arg(long)]
        heartbeats: bool,
        /// Run a scene even when it would take more than a million simulation
        /// events (a lesson takes a few hundred; more is usually a typo).
        #[arg(long)]
        no_limit: bool,
    },
    /// Draws a scene's run as a sequence diagram (SVG) for a printed handout: a lane
    /// per phone and one for the post office, an arrow per frame, the captions in
    /// the margin.
    ///
    /// Exit status 2 when the file is not a valid scenario or the picture cannot be
    /// written.
    Diagram {
        /// The scenario file (`scenes/hello.ron`).
        file: PathBuf,
        /// The SVG file to write (replaces a diagram it wrote before; refuses any
        /// other file, and the scene itself: see docs/files.md).
        #[arg(long, value_name = "FILE.svg")]
        out: PathBuf,
        /// The language of every word in the picture.
        #[arg(long, value_enum, default_value = "en")]
        lang: LangArg,
        /// How the captions tell the story: `story`, `both` or `engineer` (see `run`).
        #[arg(long, value_enum, default_value = "both")]
        words: WordsArg,
        /// Draw every heartbeat and login attempt instead of one note per phone.
        #[arg(long)]
        heartbeats: bool,
        /// Use this seed instead of the file's.
        #[arg(long, value_name = "N")]
        seed: Option<u64>,
        /// Stop at this virtual time (milliseconds, 1 to 10000000000).
        #[arg(long, value_name = "MS", value_parser = clap::value_parser!(u64).range(1..=10_000_000_000))]
        until: Option<u64>,
        /// Replace a file (or link) at --out that postoffice did not write; its own
        /// earlier diagram is replaced without it. Never the scene, a folder or a pipe.
        #[arg(long)]
        force: bool,
    },
    /// Measures the simulation at scale: N phones in a ring of friends, each
    /// writing to a friend about once a minute, with no trace kept.
    ///
    /// Exit status 2 when the run would not fit in this machine's memory.
    Bench {
        /// How many phones (3 to 100,000,000; memory permitting).
        #[arg(long, default_value_t = 100_000, value_parser = clap::value_parser!(u64).range(3..=100_000_000))]
        phones: u64,
        /// How many virtual minutes (1 to 10,080, a week).
        #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..=postoffice::bench::MAX_MINUTES))]
        minutes: u64,
        /// Probability that each frame is lost.
        #[arg(long, default_value_t = 0.01)]
        loss: f64,
        #[arg(long, default_value_t = 0)]
        seed: u64,
    },
    /// Checks scenario files and reports every bad one (a scene with questions is
    /// run, to see that each question's moment comes).
    Check {
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Lists the scenes: those built into the program (a name like `hello` opens
    /// one from any folder) and the .ron files in ./scenes, with their titles.
    Scenes {
        /// The language of the titles.
        #[arg(long, value_enum, default_value = "en")]
        lang: LangArg,
    },
    /// Prints the glossary: each word of the story beside its technical word and
    /// what a real app shows of it.
    Glossary {
        /// The language of the glossary.
        #[arg(long, value_enum, default_value = "en")]
        lang: LangArg,
    },
    /// Opens a scene in the window (the same as `postoffice FILE`).
    Open {
        /// The scenario file (`scenes/hello.ron`).
        file: PathBuf,
    },
    /// Saves the window's picture after each narrated step as DIR/step-01.png,
    /// step-02.png, ... (needs a display: use xvfb-run where there is none).
    Slides {
        /// The scenario file (`scenes/hello.ron`).
        file: PathBuf,
        /// The folder to write the pictures into: made when missing; an empty one,
        /// or one it wrote slides into before (its old step-*.png are replaced);
        /// refuses a folder of other files (see docs/files.md).
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// Write into a folder of files postoffice did not write (pictures of the
        /// same names are replaced), or through a link to a folder.
        #[arg(long)]
        force: bool,
        /// The language of every word in the pictures.
        #[arg(long, value_enum, default_value = "en")]
        lang: LangArg,
        /// The window's size, WIDTHxHEIGHT (a projector's 1024x768, say).
        #[arg(long, value_name = "WxH", value_parser = parse_size, default_value = "1280x720")]
        size: (u32, u32),
        /// With the lesson panel open beside the picture.
        #[arg(long)]
        panel: bool,
        /// Predict mode on: where the class could guess the next step, the slide
        /// shows the question and its three answers.
        #[arg(long)]
        predict: bool,
        /// How the captions tell the story: `story`, `both` or `engineer` (see `run`).
        #[arg(long, value_enum, default_value = "both")]
        words: WordsArg,
        /// Only these steps: FIRST-LAST (`20-60`), one step (`20`), or from a step
        /// to the end (`20-`); counted from 1, as the pictures are numbered.
        #[arg(long, value_name = "FIRST-LAST", value_parser = parse_steps)]
        steps: Option<(usize, Option<usize>)>,
    },
    /// Plays a scene in the window (at 8×, over and over) and reports its frame
    /// times, then those of a bare bevy app drawing as much (the same sprites, UI
    /// boxes and texts) and nothing else (needs a display).
    Frames {
        /// The scenario file (`scenes/rush_hour.ron`).
        file: Option<PathBuf>,
        /// How long to measure each, in seconds.
        #[arg(long, default_value_t = 20.0)]
        seconds: f32,
        /// Measure only the bare app, drawing what this file says (written by the
        /// measure of a scene: its fullest frame's UI shapes and sprites).
        #[arg(long, value_name = "REPLICA")]
        bare: Option<PathBuf>,
    },
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum LangArg {
    En,
    Zh,
}

impl From<LangArg> for Lang {
    fn from(l: LangArg) -> Lang {
        match l {
            LangArg::En => Lang::En,
            LangArg::Zh => Lang::Zh,
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum WordsArg {
    Story,
    Both,
    Engineer,
}

impl From<WordsArg> for Register {
    fn from(w: WordsArg) -> Register {
        match w {
            WordsArg::Story => Register::Story,
            WordsArg::Both => Register::Both,
            WordsArg::Engineer => Register::Engineer,
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Text,
    Json,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Run {
            file,
            lang,
            words,
            until,
            seed,
            format,
            heartbeats,
            no_limit,
        }) => {
            let lang = match lang {
                LangArg::En => Lang::En,
                LangArg::Zh => Lang::Zh,
            };
            let how = HowToRun {
                lang,
                register: words.into(),
                until,
                seed,
                format,
                heartbeats,
                no_limit,
            };
            run(file, &how)
        }
        Some(Command::Diagram {
            file,
            out,
            lang,
            words,
            heartbeats,
            seed,
            until,
            force,
        }) => {
            let lang = match lang {
                LangArg::En => Lang::En,
                LangArg::Zh => Lang::Zh,
            };
            let how = HowToDraw {
                lang,
                register: words.into(),
                heartbeats,
                seed,
                until,
                force,
            };
            diagram(&file, &out, &how)
        }
        Some(Command::Check { files }) => check(&files),
        Some(Command::Scenes { lang }) => scenes(lang.into()),
        Some(Command::Glossary { lang }) => glossary(lang.into()),
        Some(Command::Bench {
            phones,
            minutes,
            loss,
            seed,
        }) => {
            if !(0.0..1.0).contains(&loss) {
                eprintln!(
                    "postoffice bench: found --loss {loss}; expected a probability from 0 up to (not including) 1, like 0.01"
                );
                return ExitCode::from(2);
            }
            let w = postoffice::bench::Workload {
                phones: phones as usize,
                minutes,
                loss,
                seed,
            };
            let report = postoffice::bench::check_memory(&w, postoffice::bench::memory_available())
                .and_then(|()| postoffice::bench::run(&w));
            match report {
                Ok(report) => {
                    println!("{report}");
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("postoffice bench: {e}");
                    ExitCode::from(2)
                }
            }
        }
        Some(Command::Open { file }) => window(file),
        Some(Command::Slides {
            file,
            out,
            lang,
            size,
            panel,
            predict,
            words,
            steps,
            force,
        }) => {
            let look = Look {
                force,
                chinese: lang == LangArg::Zh,
                register: words.into(),
                size,
                panel,
                predict,
                steps,
            };
            slides(&file, &out, look)
        }
        Some(Command::Frames {
            file,
            seconds,
            bare,
        }) => frames(file, seconds, bare),
        None => window(
            cli.file
                .unwrap_or_else(|| PathBuf::from("scenes/hello.ron")),
        ),
    }
}

#[cfg(feature = "viz")]
fn window(file: PathBuf) -> ExitCode {
    if postoffice::viz::open(file).is_success() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// `20-60` → (20, Some(60)), `20` → (20, Some(20)), `20-` → (20, None): steps
/// counted from 1, the first no later than the last.
fn parse_steps(text: &str) -> Result<(usize, Option<usize>), String> {
    let bad = |why: &str| format!("{text:?} is not a range of steps like 20-60, 20 or 20- ({why})");
    let step = |s: &str| {
        s.trim()
            .parse::<usize>()
            .map_err(|_| bad("steps are whole numbers"))
            .and_then(|n| {
                if n == 0 {
                    Err(bad("the first step is 1"))
                } else {
                    Ok(n)
                }
            })
    };
    let (first, last) = match text.split_once('-') {
        Some((a, b)) if b.trim().is_empty() => (step(a)?, None),
        Some((a, b)) => (step(a)?, Some(step(b)?)),
        None => {
            let n = step(text)?;
            (n, Some(n))
        }
    };
    if last.is_some_and(|l| l < first) {
        return Err(bad("the first step comes before the last"));
    }
    Ok((first, last))
}

/// `1024x768` → (1024, 768), each side 200 to 8000 pixels.
fn parse_size(text: &str) -> Result<(u32, u32), String> {
    let bad = || format!("{text:?} is not a size like 1024x768 (each side 200 to 8000)");
    let (w, h) = text.split_once(['x', 'X', '×']).ok_or_else(bad)?;
    let side = |s: &str| {
        s.trim()
            .parse::<u32>()
            .ok()
            .filter(|n| (200..=8000).contains(n))
            .ok_or_else(bad)
    };
    Ok((side(w)?, side(h)?))
}

/// How `postoffice slides` draws.
#[allow(dead_code)]
struct Look {
    chinese: bool,
    register: Register,
    size: (u32, u32),
    panel: bool,
    predict: bool,
    /// Only these steps: (first, last), the last `None` for the end.
    steps: Option<(usize, Option<usize>)>,
    /// Write into a folder postoffice did not write.
    force: bool,
}

#[cfg(feature = "viz")]
fn slides(file: &std::path::Path, out: &std::path::Path, look: Look) -> ExitCode {
    let (first, last) = look.steps.unwrap_or((1, None));
    let how = postoffice::viz::slides::How {
        chinese: look.chinese,
        register: look.register,
        size: look.size,
        panel: look.panel,
        predict: look.predict,
        first,
        last,
        force: look.force,
    };
    match postoffice::viz::slides::write(file, out, &how) {
        Ok(n) => {
            println!("wrote {n} slides to {}", out.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("postoffice slides: {e}");
            ExitCode::from(2)
        }
    }
}

#[cfg(feature = "viz")]
fn frames(file: Option<PathBuf>, seconds: f32, bare: Option<PathBuf>) -> ExitCode {
    use postoffice::viz::frames;
    if !postoffice::viz::has_display() {
        eprintln!(
            "postoffice frames: no display (try: xvfb-run -a -s \"-screen 0 1920x1080x24\" \
             postoffice frames ...)"
        );
        return ExitCode::from(2);
    }
    if let Some(replica) = bare {
        let replica = std::fs::read_to_string(&replica)
            .ok()
            .and_then(|text| serde_json::from_str(&text).ok());
        let Some(replica) = replica else {
            eprintln!("postoffice frames: cannot read the bare app's replica");
            return ExitCode::from(2);
        };
        println!("bare bevy   {}", frames::measure_bare(replica, seconds));
        return ExitCode::SUCCESS;
    }
    let Some(file) = file else {
        eprintln!("postoffice frames: which scene? (postoffice frames scenes/rush_hour.ron)");
        return ExitCode::from(2);
    };
    let scene = match frames::measure_scene(&file, seconds) {
        Ok(stats) => stats,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    println!("{:<11} {scene}", file.display());
    // A process gets one window event loop: the bare app runs in a second one, and
    // draws what the scene's fullest frame drew.
    // A new file of its own in the temporary folder: a link planted under a name
    // that can be guessed is never followed.
    let tmp = std::env::temp_dir();
    let written = serde_json::to_string(&scene.replica)
        .map_err(std::io::Error::other)
        .and_then(|json| {
            let (mut f, path) = postoffice::files::create_new_in(&tmp, "postoffice-frames")?;
            f.write_all(json.as_bytes())
                .map(|()| path.clone())
                .inspect_err(|_| {
                    let _ = std::fs::remove_file(&path);
                })
        });
    let replica = match written {
        Ok(path) => path,
        Err(e) => {
            eprintln!("postoffice frames: cannot write in {}: {e}", tmp.display());
            return ExitCode::FAILURE;
        }
    };
    let bare = std::env::current_exe().and_then(|exe| {
        std::process::Command::new(exe)
            .args(["frames", "--seconds", &seconds.to_string(), "--bare"])
            .arg(&replica)
            .stderr(std::process::Stdio::null())
            .output()
    });
    let _ = std::fs::remove_file(&replica);
    match bare {
        Ok(out) if out.status.success() => {
            print!("{}", String::from_utf8_lossy(&out.stdout));
            ExitCode::SUCCESS
        }
        Ok(out) => {
            eprintln!("postoffice frames: the bare app failed ({})", out.status);
            ExitCode::FAILURE
        }
        Err(e) => {
            eprintln!("postoffice frames: cannot start the bare app: {e}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(not(feature = "viz"))]
fn frames(_file: Option<PathBuf>, _seconds: f32, _bare: Option<PathBuf>) -> ExitCode {
    window(PathBuf::new())
}

#[cfg(not(feature = "viz"))]
fn window(_file: PathBuf) -> ExitCode {
    eprintln!(
        "postoffice: this build has no window (cargo feature `viz`); \
         try `postoffice run scenes/hello.ron` (see --help)"
    );
    ExitCode::from(2)
}

#[cfg(not(feature = "viz"))]
fn slides(_file: &std::path::Path, _out: &std::path::Path, _look: Look) -> ExitCode {
    window(PathBuf::new())
}

/// Reports why a scene cannot be loaded (its text escaped for the terminal).
fn invalid(e: &ScenarioError) -> ExitCode {
    eprintln!("{}", terminal(&e.to_string()));
    ExitCode::from(2)
}

/// The options of `postoffice run`.
struct HowToRun {
    lang: Lang,
    register: Register,
    until: Option<u64>,
    seed: Option<u64>,
    format: Format,
    heartbeats: bool,
    no_limit: bool,
}

fn run(file: PathBuf, how: &HowToRun) -> ExitCode {
    let scene = match scenario::open(&file) {
        Ok(s) => s,
        Err(e) => return invalid(&e),
    };
    if !how.no_limit
        && let Err(e) = scene.check_size(how.until)
    {
        return invalid(&e);
    }
    let lang = how.lang;
    let seed = how.seed.unwrap_or(scene.seed);
    let mut sim = scene.sim(Some(seed), true);
    if how.until.is_some() {
        sim.set_until(how.until);
    }
    // The estimate is checked above; should a run still outgrow it tenfold, it
    // stops rather than run on for hours.
    let cap = if how.no_limit {
        u64::MAX
    } else {
        10 * scenario::size::LIMIT
    };
    if !sim.run_at_most(cap) {
        eprintln!(
            "{}: the run went on past {cap} simulation events (virtual time {}) and was stopped; run it with --no-limit to let it finish",
            scene.file,
            postoffice::sim::Secs(sim.now())
        );
        return ExitCode::from(2);
    }
    let events = sim.take_events();
    // A question whose moment never comes in the scene's own run is a mistake in
    // the file, as `check` says; with another seed or `--until` it is only not
    // asked (the recap card says so).
    if how.seed.is_none_or(|s| s == scene.seed)
        && how.until.is_none()
        && let Err(e) = scene.check_moments_in(&events, sim.now())
    {
        return invalid(&e);
    }
    let outcomes = scenario::check(&scene.expect, &events, &scene.world);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let reg = how.register;
    let (world, settings) = (&scene.world, &scene.settings);
    let written = match how.format {
        Format::Json => report::write_json_lines(&mut out, &events, world, settings, reg),
        Format::Text => report::write_text(
            &mut out,
            &scene,
            seed,
            &sim,
            &events,
            &outcomes,
            lang,
            reg,
            how.heartbeats,
        ),
    };
    // A closed pipe (`| head`) is not an error worth a message.
    let _ = written.and_then(|()| out.flush());
    let failed: Vec<_> = outcomes.iter().filter(|o| !o.holds).collect();
    if failed.is_empty() {
        ExitCode::SUCCESS
    } else {
        if how.format == Format::Json {
            for o in &failed {
                let line = format!(
                    "✗ {} — {}",
                    o.expectation,
                    words::detail(&o.detail, world, Lang::En)
                );
                eprintln!("{}", terminal(&line));
            }
            eprintln!("re-run with --seed {seed}");
        }
        ExitCode::from(1)
    }
}

/// Runs a scene and writes its sequence diagram to `out`.
/// The options of `postoffice diagram`.
#[derive(Clone, Copy)]
struct HowToDraw {
    lang: Lang,
    register: Register,
    heartbeats: bool,
    seed: Option<u64>,
    until: Option<u64>,
    /// Replace a file at `--out` postoffice did not write.
    force: bool,
}

fn diagram(file: &std::path::Path, out: &std::path::Path, how: &HowToDraw) -> ExitCode {
    use postoffice::report::diagram;
    let HowToDraw {
        lang,
        register,
        heartbeats,
        seed,
        until,
        force,
    } = *how;
    let refused = |e: postoffice::files::Refused| {
        eprintln!("postoffice diagram: {}", terminal(&e.to_string()));
        ExitCode::from(2)
    };
    // Before any work: where it would write.
    if let Err(e) = postoffice::files::may_write(out, file, force, postoffice::files::svg_is_ours) {
        return refused(e);
    }
    let scene = match scenario::open(file) {
        Ok(s) => s,
        Err(e) => return invalid(&e),
    };
    if let Err(e) = scene.check_size(until) {
        return invalid(&e);
    }
    let phones = scene.world.phones();
    if phones > diagram::MAX_PHONES {
        eprintln!(
            "{}: {phones} phones are more than a diagram has room for (at most {}); try a smaller scene",
            terminal(&scene.file),
            diagram::MAX_PHONES
        );
        return ExitCode::from(2);
    }
    let seed = seed.unwrap_or(scene.seed);
    let mut sim = scene.sim(Some(seed), true);
    if until.is_some() {
        sim.set_until(until);
    }
    let cap = 10 * scenario::size::LIMIT;
    if !sim.run_at_most(cap) {
        eprintln!(
            "{}: the run went on past {cap} simulation events (virtual time {}) and was stopped",
            terminal(&scene.file),
            postoffice::sim::Secs(sim.now())
        );
        return ExitCode::from(2);
    }
    let events = sim.take_events();
    let subtitle = match lang {
        Lang::En => format!("{} · seed {seed}", scene.file),
        Lang::Zh => format!("{} · 随机种子 {seed}", scene.file),
    };
    let options = diagram::Options {
        lang,
        register,
        settings: &scene.settings,
        heartbeats,
        title: scene.title.get(lang),
        subtitle: &subtitle,
    };
    let svg = diagram::svg(&events, &scene.world, &options);
    // Checked again: against the file the scene was read from (`hello` may have
    // been ./scenes/hello.ron).
    let (ours, read) = (
        postoffice::files::svg_is_ours,
        std::path::Path::new(&scene.file),
    );
    if let Err(e) = postoffice::files::write_output(out, read, force, ours, svg.as_bytes()) {
        return refused(e);
    }
    println!("wrote {}", terminal(&out.display().to_string()));
    ExitCode::SUCCESS
}

/// Checks each file; a folder stands for the `.ron` files in it (sorted, not the
/// folders inside it).
fn check(paths: &[PathBuf]) -> ExitCode {
    let (mut bad, mut all) = (0, 0);
    for path in paths {
        let files = if path.is_dir() {
            match scenario::scene_files(path) {
                Ok(files) => files,
                Err(e) => {
                    all += 1;
                    bad += 1;
                    eprintln!("{}", terminal(&e.to_string()));
                    continue;
                }
            }
        } else {
            vec![path.clone()]
        };
        for f in &files {
            all += 1;
            let checked = scenario::open(f).and_then(|s| {
                s.check_size(None)?;
                s.check_moments()?;
                Ok(s)
            });
            match checked {
                Ok(s) => println!("ok  {} — {}", terminal(&s.file), terminal(&s.title.en)),
                Err(e) => {
                    bad += 1;
                    eprintln!("{}", terminal(&e.to_string()));
                }
            }
        }
    }
    if bad == 0 {
        ExitCode::SUCCESS
    } else {
        let files = if all == 1 { "file" } else { "files" };
        eprintln!("{bad} of {all} {files} are not valid scenarios");
        ExitCode::from(2)
    }
}

/// Lists the built-in scenes and those in ./scenes, with their titles.
fn scenes(lang: Lang) -> ExitCode {
    let listed = scenario::builtin::list(std::path::Path::new("scenes"));
    let (builtin, files): (Vec<_>, Vec<_>) = listed.iter().partition(|l| l.builtin);
    let width = listed
        .iter()
        .map(|l| l.path.display().to_string().chars().count())
        .max()
        .unwrap_or(0);
    let heading = |en: &'static str, zh: &'static str| if lang == Lang::En { en } else { zh };
    let mut out = String::new();
    for (list, en, zh) in [
        (
            files,
            "In ./scenes (postoffice run FILE):",
            "./scenes 里的场景（postoffice run 文件名）：",
        ),
        (
            builtin,
            "Built into the program (postoffice run NAME, from any folder):",
            "程序自带的场景（在任何文件夹里都可以 postoffice run 名字）：",
        ),
    ] {
        if list.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
        }
        out += heading(en, zh);
        out.push('\n');
        for l in list {
            let path = l.path.display().to_string();
            let pad = " ".repeat(width.saturating_sub(path.chars().count()));
            out += &format!("  {path}{pad}  {}\n", l.title.get(lang));
        }
    }
    print!("{}", terminal(&out));
    ExitCode::SUCCESS
}

/// Prints the glossary as a table.
fn glossary(lang: Lang) -> ExitCode {
    print!("{}", report::glossary_table(lang));
    ExitCode::SUCCESS
}

/// A faster allocator for the simulation's many small, short-lived allocations.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
