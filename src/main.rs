//! The `postoffice` command line: the window (`postoffice [FILE]`, `open`), `slides`
//! renders the window's picture after each step, `run` tells a scene as a timeline,
//! `diagram` draws it as a sequence diagram for a handout, `check` validates scene
//! files, `scenes` lists the scenes (built in, and in `./scenes`), `glossary`
//! prints the story's words beside the technical ones. Where a scene file is
//! asked for, the name of a built-in scene (`hello`) does as well.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use postoffice::report;
use postoffice::report::out::{Out, warn};
use postoffice::report::safe::{self, NAMED, brief, one_line};
use postoffice::scenario::{self, ScenarioError};
use postoffice::sim::Lang;
use postoffice::words::{self, Register};

#[derive(Parser)]
#[command(
    name = "postoffice",
    version,
    about = "How one chat message travels from one phone to another, through the post office"
)]
#[command(args_conflicts_with_subcommands = true, after_help = TOP_STATUS)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// A scene to open in the window (default: scenes/hello.ron).
    file: Option<PathBuf>,
    /// The language of the window (L switches it).
    #[arg(long, value_enum, default_value = "en")]
    lang: LangArg,
    /// How the captions tell the story: `story`, `both` or `engineer` (see `run`;
    /// W switches it).
    #[arg(long, value_enum, default_value = "both")]
    words: WordsArg,
}

/// What each command's exit status means (its `--help` lists them).
const TOP_STATUS: &str = "Exit status (of the window; each command lists its own, as in
`postoffice run --help`, and docs/commands.md gathers them):
  0  the window was closed
  1  the window ended with an error
  2  no window could be opened: no display, or a bad flag";
const WINDOW_STATUS: &str = "Exit status:
  0  the window was closed
  1  the window ended with an error
  2  no window could be opened: no display, or a bad flag";
const RUN_STATUS: &str = "Exit status:
  0  every expectation of the scene holds
  1  some expectation does not hold (listed at the end)
  2  the file is not a valid scenario, a flag is refused, or the output cannot be
     written (a closed pipe, as with `| head`, is not an error: it ends quietly)";
const DIAGRAM_STATUS: &str = "Exit status:
  0  the diagram is written
  2  the file is not a valid scenario, a flag is refused, or the picture cannot be
     written (`--out -` writes it on standard output)";
const BENCH_STATUS: &str = "Exit status:
  0  the run is measured
  2  a flag is refused, the run would not fit in this machine's memory, or the
     report cannot be written";
const CHECK_STATUS: &str = "Exit status:
  0  every file is a valid scenario
  2  some file is not (each is listed), or the output cannot be written";
const LIST_STATUS: &str = "Exit status:
  0  listed
  2  a flag is refused, or the output cannot be written";
const SLIDES_STATUS: &str = "Exit status:
  0  the slides are written
  2  the file is not a valid scenario, a flag is refused (`--out -`: slides are a
     folder of pictures), there is no display, or a picture cannot be written
  3  the renderer found no graphics device";
const FRAMES_STATUS: &str = "Exit status:
  0  measured
  1  the bare app could not be measured
  2  the file is not a valid scenario, a flag is refused, or there is no display";

#[derive(Subcommand)]
enum Command {
    /// Runs a scene without a window and prints its story as a timeline.
    #[command(after_help = RUN_STATUS)]
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
        #[arg(long, value_name = "MS", allow_hyphen_values = true, value_parser = clap::value_parser!(u64).range(1..=10_000_000_000))]
        until: Option<u64>,
        /// Use this seed instead of the file's.
        #[arg(long, value_name = "N", allow_hyphen_values = true)]
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
    #[command(after_help = DIAGRAM_STATUS)]
    Diagram {
        /// The scenario file (`scenes/hello.ron`).
        file: PathBuf,
        /// The SVG file to write (`-`: standard output). Replaces a diagram it
        /// wrote before; refuses any other file, and the scene itself: see docs/files.md.
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
        #[arg(long, value_name = "N", allow_hyphen_values = true)]
        seed: Option<u64>,
        /// Stop at this virtual time (milliseconds, 1 to 10000000000).
        #[arg(long, value_name = "MS", allow_hyphen_values = true, value_parser = clap::value_parser!(u64).range(1..=10_000_000_000))]
        until: Option<u64>,
        /// Replace a file (or link) at --out that postoffice did not write; its own
        /// earlier diagram is replaced without it. Never the scene, a folder or a pipe.
        #[arg(long)]
        force: bool,
    },
    /// Measures the simulation at scale: N phones in a ring of friends, each
    /// writing to a friend about once a minute, with no trace kept.
    #[command(after_help = BENCH_STATUS)]
    Bench(BenchArgs),
    /// Checks scenario files and reports every bad one (a scene with questions is
    /// run, to see that each question's moment comes).
    #[command(after_help = CHECK_STATUS)]
    Check {
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Lists the scenes: those built into the program (a name like `hello` opens
    /// one from any folder) and the .ron files in ./scenes, with their titles.
    #[command(after_help = LIST_STATUS)]
    Scenes {
        /// The language of the titles.
        #[arg(long, value_enum, default_value = "en")]
        lang: LangArg,
    },
    /// Prints the glossary: each word of the story beside its technical word and
    /// what a real app shows of it.
    #[command(after_help = LIST_STATUS)]
    Glossary {
        /// The language of the glossary.
        #[arg(long, value_enum, default_value = "en")]
        lang: LangArg,
    },
    /// Opens a scene in the window (the same as `postoffice FILE`).
    #[command(after_help = WINDOW_STATUS)]
    Open {
        /// The scenario file (`scenes/hello.ron`).
        file: PathBuf,
        /// The language of the window (L switches it).
        #[arg(long, value_enum, default_value = "en")]
        lang: LangArg,
        /// How the captions tell the story: `story`, `both` or `engineer` (see
        /// `run`; W switches it).
        #[arg(long, value_enum, default_value = "both")]
        words: WordsArg,
    },
    /// Saves the window's picture after each narrated step in show order as
    /// DIR/001-opening.png, 002-step-01.png, ..., each question followed by its
    /// answer, the recap last (needs a display: use xvfb-run where there is none).
    #[command(after_help = SLIDES_STATUS)]
    Slides {
        /// The scenario file (`scenes/hello.ron`).
        file: PathBuf,
        /// The folder to write the pictures into (not `-`): made when missing; an
        /// empty one, or one it wrote slides into before (its old slides are
        /// removed, nothing else); refuses a folder of other files (see docs/files.md).
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
        #[arg(long, value_name = "WxH", allow_hyphen_values = true, value_parser = parse_size, default_value = "1280x720")]
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
        #[arg(long, value_name = "FIRST-LAST", allow_hyphen_values = true, value_parser = parse_steps)]
        steps: Option<(usize, Option<usize>)>,
    },
    /// Plays a scene in the window (at 8×, over and over) and reports its frame
    /// times, then those of a bare bevy app drawing as much (the same sprites, UI
    /// boxes and texts) and nothing else (needs a display).
    #[command(after_help = FRAMES_STATUS)]
    Frames {
        /// The scenario file (`scenes/rush_hour.ron`).
        file: Option<PathBuf>,
        /// How long to measure each, in seconds (1 to 3600).
        #[arg(long, default_value_t = 20.0, allow_hyphen_values = true, value_parser = parse_seconds)]
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
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return refused(&e),
    };
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
            let how = HowToRun {
                lang: lang.into(),
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
            let how = HowToDraw {
                lang: lang.into(),
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
        Some(Command::Bench(args)) => bench_command(args),
        Some(Command::Open { file, lang, words }) => window(file, lang.into(), words.into()),
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
            if out.as_os_str() == "-" {
                warn(
                    "postoffice slides: found --out -; expected a folder to write the pictures into \
                     (slides are many pictures, which standard output cannot hold), like --out slides",
                );
                return ExitCode::from(2);
            }
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
        }) => {
            if let Some(replica) = &bare
                && let Err(why) = replica_file(replica)
            {
                return refused_replica(replica, &why);
            }
            frames(file, seconds, bare)
        }
        None => window(
            cli.file
                .unwrap_or_else(|| PathBuf::from(scenario::DEFAULT_SCENE)),
            cli.lang.into(),
            cli.words.into(),
        ),
    }
}

/// `bench`'s flags checked against each other, then the run.
fn bench_command(args: BenchArgs) -> ExitCode {
    let BenchArgs {
        phones,
        minutes,
        loss,
        seed,
        presence,
        pull_every_ms,
        friends,
        churn,
    } = args;
    if let Some(friends) = friends
        && friends as u64 >= phones
    {
        warn(format_args!(
            "postoffice bench: found --friends {friends} with --phones {phones}; \
                 expected fewer friends than phones"
        ));
        return ExitCode::from(2);
    }
    if let (Some(ms), PresenceArg::Off | PresenceArg::Push) = (pull_every_ms, presence) {
        warn(format_args!(
            "postoffice bench: found --pull-every-ms {ms} without --presence pull; \
                 expected it only with --presence pull"
        ));
        return ExitCode::from(2);
    }
    bench(postoffice::bench::Workload {
        phones: phones as usize,
        minutes,
        loss,
        seed,
        presence: match presence {
            PresenceArg::Off => postoffice::sim::Presence::Off,
            PresenceArg::Push => postoffice::sim::Presence::Push,
            PresenceArg::Pull => postoffice::sim::Presence::Pull {
                every_ms: pull_every_ms.unwrap_or(30_000),
            },
        },
        friends: friends.unwrap_or(postoffice::bench::DEFAULT_FRIENDS),
        churn,
    })
}

/// `bench`: the simulation at scale, if there is memory enough for it.
fn bench(w: postoffice::bench::Workload) -> ExitCode {
    let report = postoffice::bench::check_memory(&w, postoffice::bench::memory_available())
        .and_then(|()| postoffice::bench::run(&w));
    match report {
        Ok(report) => {
            let mut out = Out::stdout();
            out.line(report);
            out.finish("bench", 0)
        }
        Err(e) => {
            warn(format_args!("postoffice bench: {e}"));
            ExitCode::from(2)
        }
    }
}

/// `frames --bare FILE` names no replica file a measure writes: says so (status 2).
fn refused_replica(replica: &std::path::Path, why: &str) -> ExitCode {
    warn(format_args!(
        "postoffice frames: found --bare {}: {why}; expected the replica file a \
         measure of a scene writes",
        brief(&replica.display().to_string(), NAMED)
    ));
    ExitCode::from(2)
}

/// Says why the command line is refused (on standard error, status 2), or writes
/// the help or the version asked for (on standard output, status 0). A long value
/// is quoted briefly.
fn refused(e: &clap::Error) -> ExitCode {
    let mut text = e.render().to_string();
    for kind in [
        clap::error::ContextKind::InvalidValue,
        clap::error::ContextKind::InvalidArg,
    ] {
        if let Some(clap::error::ContextValue::String(value)) = e.get(kind)
            && value.chars().count() > safe::QUOTED
        {
            text = text.replace(value.as_str(), &brief(value, safe::QUOTED));
        }
    }
    if e.use_stderr() {
        warn(text.trim_end());
        ExitCode::from(2)
    } else {
        if !text.ends_with('\n') {
            text.push('\n');
        }
        let mut out = Out::stdout();
        out.text(&text);
        out.finish("", 0)
    }
}

/// Whether `path` may be read as a replica: a plain file of at most 16 MiB (not a
/// pipe, a device or a folder, which could block or never end).
fn replica_file(path: &std::path::Path) -> Result<(), String> {
    let meta = std::fs::metadata(path).map_err(|e| format!("cannot read it ({e})"))?;
    if !meta.is_file() {
        return Err("it is not a plain file (a pipe, a device or a folder)".into());
    }
    if meta.len() > 16 << 20 {
        return Err(format!("it is too large ({} bytes)", meta.len()));
    }
    Ok(())
}

#[cfg(feature = "viz")]
fn window(file: PathBuf, lang: Lang, register: Register) -> ExitCode {
    if let Err(why) = postoffice::viz::display() {
        warn(format_args!(
            "postoffice: no window can be opened here ({why}); run it on a desktop, or try \
             `postoffice run {}`",
            brief(&file.display().to_string(), NAMED)
        ));
        return ExitCode::from(2);
    }
    if postoffice::viz::open(file, lang, register).is_success() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// `20-60` → (20, Some(60)), `20` → (20, Some(20)), `20-` → (20, None): steps
/// counted from 1, the first no later than the last.
fn parse_steps(text: &str) -> Result<(usize, Option<usize>), String> {
    let bad = |why: &str| {
        format!(
            "\"{}\" is not a range of steps like 20-60, 20 or 20- ({why})",
            brief(text, safe::QUOTED)
        )
    };
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

/// `bench`'s flags.
#[derive(clap::Args, Debug)]
struct BenchArgs {
    /// How many phones (3 to 100,000,000; memory permitting).
    #[arg(long, default_value_t = 100_000, allow_hyphen_values = true, value_parser = clap::value_parser!(u64).range(3..=100_000_000))]
    phones: u64,
    /// How many virtual minutes (1 to 10,080, a week).
    #[arg(long, default_value_t = 10, allow_hyphen_values = true, value_parser = clap::value_parser!(u64).range(1..=postoffice::bench::MAX_MINUTES))]
    minutes: u64,
    /// Probability that each frame is lost (0 up to, not including, 1).
    #[arg(long, default_value_t = 0.01, allow_hyphen_values = true, value_parser = parse_loss)]
    loss: f64,
    /// The seed of the run.
    #[arg(long, default_value_t = 0, allow_hyphen_values = true)]
    seed: u64,
    /// How friends see each other's online dot: off, push (the post office
    /// tells friends) or pull (each phone asks every --pull-every-ms).
    #[arg(long, value_enum, default_value_t = PresenceArg::Off)]
    presence: PresenceArg,
    /// With --presence pull: how often each phone asks (1,000 to 3,600,000 ms;
    /// 30,000 unless given).
    #[arg(long, value_name = "MS", allow_hyphen_values = true, value_parser = clap::value_parser!(u64).range(1_000..=3_600_000))]
    pull_every_ms: Option<u64>,
    /// How many friends each phone has: the K/2 on each side of it in a ring
    /// (an even number from 2 to 1,000, fewer than the phones; 4 unless given,
    /// and then a ring of fewer than 5 phones has fewer).
    #[arg(long, value_name = "K", allow_hyphen_values = true, value_parser = parse_friends)]
    friends: Option<usize>,
    /// The share of phones that log out and log in again (20 s later) each
    /// minute, from 0 to 1.
    #[arg(long, value_name = "P", default_value_t = 0.0, allow_hyphen_values = true, value_parser = parse_churn)]
    churn: f64,
}

/// `bench --presence`.
#[derive(Clone, Copy, PartialEq, Eq, Debug, clap::ValueEnum)]
enum PresenceArg {
    Off,
    Push,
    Pull,
}

/// `bench --friends`: an even number from 2 to 1,000.
fn parse_friends(text: &str) -> Result<usize, String> {
    text.trim()
        .parse::<usize>()
        .ok()
        .filter(|k| (2..=1_000).contains(k) && k % 2 == 0)
        .ok_or_else(|| {
            "expected an even number of friends from 2 to 1000, like 10 \
             (each phone's friends are the K/2 on each side of it in a ring)"
                .into()
        })
}

/// `bench --churn`: a share of the phones, 0 to 1.
fn parse_churn(text: &str) -> Result<f64, String> {
    text.trim()
        .parse::<f64>()
        .ok()
        .filter(|p| (0.0..=1.0).contains(p))
        .ok_or_else(|| "expected a share of the phones from 0 to 1 a minute, like 0.05".into())
}

/// A probability that a frame is lost: 0 up to (not including) 1.
fn parse_loss(text: &str) -> Result<f64, String> {
    text.trim()
        .parse::<f64>()
        .ok()
        .filter(|p| (0.0..1.0).contains(p))
        .ok_or_else(|| "expected a probability from 0 up to (not including) 1, like 0.01".into())
}

/// How long `frames` measures: a number of seconds from 1 to 3600 (an hour).
fn parse_seconds(text: &str) -> Result<f32, String> {
    text.trim()
        .parse::<f32>()
        .ok()
        .filter(|s| (1.0..=3600.0).contains(s))
        .ok_or_else(|| "expected a number of seconds from 1 to 3600, like 20".into())
}

/// `1024x768` → (1024, 768), each side 200 to 8000 pixels.
fn parse_size(text: &str) -> Result<(u32, u32), String> {
    let bad = || {
        format!(
            "\"{}\" is not a size like 1024x768 (each side 200 to 8000)",
            brief(text, safe::QUOTED)
        )
    };
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
    let how = postoffice::viz::offline::slides::How {
        chinese: look.chinese,
        register: look.register,
        size: look.size,
        panel: look.panel,
        predict: look.predict,
        first,
        last,
        force: look.force,
    };
    match postoffice::viz::offline::slides::write(file, out, &how) {
        Ok(n) => {
            let mut stdout = Out::stdout();
            stdout.line(format_args!(
                "wrote {n} slides to {}",
                one_line(&out.display().to_string())
            ));
            stdout.finish("slides", 0)
        }
        Err(e) => {
            warn(format_args!(
                "postoffice slides: {}",
                one_line(&e.to_string())
            ));
            ExitCode::from(2)
        }
    }
}

#[cfg(feature = "viz")]
fn frames(file: Option<PathBuf>, seconds: f32, bare: Option<PathBuf>) -> ExitCode {
    use postoffice::viz::offline::frames;
    if let Err(why) = postoffice::viz::display() {
        warn(format_args!(
            "postoffice frames: no display ({why}; try: xvfb-run -a -s \"-screen 0 1920x1080x24\" \
             postoffice frames ...)"
        ));
        return ExitCode::from(2);
    }
    if let Some(replica) = bare {
        let replica = std::fs::read_to_string(&replica)
            .ok()
            .and_then(|text| serde_json::from_str(&text).ok());
        let Some(replica) = replica else {
            warn("postoffice frames: cannot read the bare app's replica");
            return ExitCode::from(2);
        };
        let stats = frames::measure_bare(replica, seconds);
        // Standard output is taken (locked) only once the app has run.
        let mut out = Out::stdout();
        out.line(format_args!("bare bevy   {stats}"));
        return out.finish("frames", 0);
    }
    let Some(file) = file else {
        warn("postoffice frames: which scene? (postoffice frames scenes/rush_hour.ron)");
        return ExitCode::from(2);
    };
    let scene = match frames::measure_scene(&file, seconds) {
        Ok(stats) => stats,
        Err(e) => {
            warn(one_line(&e.to_string()));
            return ExitCode::from(2);
        }
    };
    let mut out = Out::stdout();
    out.line(format_args!(
        "{:<11} {scene}",
        one_line(&file.display().to_string())
    ));
    // A process gets one window event loop: the bare app runs in a second one, and
    // draws what the scene's fullest frame drew.
    // A new file of its own in the temporary folder: a link planted under a name
    // that can be guessed is never followed.
    use std::io::Write as _;
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
            warn(format_args!(
                "postoffice frames: cannot write in {}: {e}",
                one_line(&tmp.display().to_string())
            ));
            return out.finish("frames", 1);
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
        Ok(bare) if bare.status.success() => {
            out.text(&String::from_utf8_lossy(&bare.stdout));
            out.finish("frames", 0)
        }
        Ok(bare) => {
            warn(format_args!(
                "postoffice frames: the bare app failed ({})",
                bare.status
            ));
            out.finish("frames", 1)
        }
        Err(e) => {
            warn(format_args!(
                "postoffice frames: cannot start the bare app: {e}"
            ));
            out.finish("frames", 1)
        }
    }
}

#[cfg(not(feature = "viz"))]
fn frames(_file: Option<PathBuf>, _seconds: f32, _bare: Option<PathBuf>) -> ExitCode {
    no_window()
}

#[cfg(not(feature = "viz"))]
fn window(_file: PathBuf, _lang: Lang, _register: Register) -> ExitCode {
    no_window()
}

#[cfg(not(feature = "viz"))]
fn no_window() -> ExitCode {
    warn(
        "postoffice: this build has no window (cargo feature `viz`); \
         try `postoffice run scenes/hello.ron` (see --help)",
    );
    ExitCode::from(2)
}

#[cfg(not(feature = "viz"))]
fn slides(_file: &std::path::Path, _out: &std::path::Path, _look: Look) -> ExitCode {
    no_window()
}

/// Reports why a scene cannot be loaded (each mistake on its line, escaped).
fn invalid(e: &ScenarioError) -> ExitCode {
    warn(e);
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
        warn(format_args!(
            "{}: the run went on past {cap} simulation events (virtual time {}) and was stopped; run it with --no-limit to let it finish",
            one_line(&scene.file),
            postoffice::sim::Secs(sim.now())
        ));
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
    let mut out = Out::stdout();
    let reg = how.register;
    let (world, settings) = (&scene.world, &scene.settings);
    out.write(|mut out| match how.format {
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
    });
    let failed: Vec<_> = outcomes.iter().filter(|o| !o.holds).collect();
    if !failed.is_empty() && how.format == Format::Json {
        for o in &failed {
            warn(format_args!(
                "✗ {} — {}",
                one_line(&o.expectation.to_string()),
                one_line(&words::detail(&o.detail, world, Lang::En))
            ));
        }
        warn(format_args!("re-run with --seed {seed}"));
    }
    out.finish("run", if failed.is_empty() { 0 } else { 1 })
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
        warn(format_args!("postoffice diagram: {e}"));
        ExitCode::from(2)
    };
    // Before any work: where it would write (`-` is standard output).
    if out.as_os_str() != "-"
        && let Err(e) =
            postoffice::files::may_write(out, file, force, postoffice::files::svg_is_ours)
    {
        return refused(e);
    }
    let scene = match scenario::open(file) {
        Ok(s) => s,
        Err(e) => return invalid(&e),
    };
    if let Err(e) = scene.check_size(until) {
        return invalid(&e);
    }
    let phones = scene.world.device_count();
    if phones > diagram::MAX_PHONES {
        warn(format_args!(
            "{}: {phones} phones are more than a diagram has room for (at most {}); try a smaller scene",
            one_line(&scene.file),
            diagram::MAX_PHONES
        ));
        return ExitCode::from(2);
    }
    let seed = seed.unwrap_or(scene.seed);
    let mut sim = scene.sim(Some(seed), true);
    if until.is_some() {
        sim.set_until(until);
    }
    let cap = 10 * scenario::size::LIMIT;
    if !sim.run_at_most(cap) {
        warn(format_args!(
            "{}: the run went on past {cap} simulation events (virtual time {}) and was stopped",
            one_line(&scene.file),
            postoffice::sim::Secs(sim.now())
        ));
        return ExitCode::from(2);
    }
    let events = sim.take_events();
    // The seed is a technical word: the engineer register's only.
    let subtitle = match (lang, register) {
        (Lang::En, words::Register::Engineer) => format!("{} · seed {seed}", scene.file),
        (Lang::Zh, words::Register::Engineer) => format!("{} · 随机种子 {seed}", scene.file),
        _ => scene.file.clone(),
    };
    let options = diagram::Options {
        lang,
        register,
        settings: &scene.settings,
        heartbeats,
        title: scene.title.told(lang, register),
        subtitle: &subtitle,
    };
    let svg = diagram::svg(&events, &scene.world, &options);
    let mut stdout = Out::stdout();
    if out.as_os_str() == "-" {
        stdout.text(&svg);
        return stdout.finish("diagram", 0);
    }
    let name = brief(&out.display().to_string(), NAMED);
    // Checked again: against the file the scene was read from (`hello` may have
    // been ./scenes/hello.ron).
    let (ours, read) = (
        postoffice::files::svg_is_ours,
        std::path::Path::new(&scene.file),
    );
    if let Err(e) = postoffice::files::write_output(out, read, force, ours, svg.as_bytes()) {
        return refused(e);
    }
    stdout.line(format_args!("wrote {name}"));
    stdout.finish("diagram", 0)
}

/// Checks each file; a folder stands for the `.ron` files in it (sorted, not the
/// folders inside it).
fn check(paths: &[PathBuf]) -> ExitCode {
    let (mut bad, mut all) = (0, 0);
    let mut out = Out::stdout();
    for path in paths {
        let files = if path.is_dir() {
            match scenario::scene_files(path) {
                Ok(files) => files,
                Err(e) => {
                    all += 1;
                    bad += 1;
                    warn(e);
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
                Ok(s) => {
                    out.line(format_args!(
                        "ok  {} — {}",
                        one_line(&s.file),
                        one_line(&s.title.en)
                    ));
                }
                Err(e) => {
                    bad += 1;
                    warn(e);
                }
            }
        }
    }
    if bad == 0 {
        out.finish("check", 0)
    } else {
        let files = if all == 1 { "file" } else { "files" };
        warn(format_args!(
            "{bad} of {all} {files} are not valid scenarios"
        ));
        out.finish("check", 2)
    }
}

/// Lists the built-in scenes and those in ./scenes, with their titles.
fn scenes(lang: Lang) -> ExitCode {
    let listed = scenario::builtin::list(std::path::Path::new("scenes"));
    let (builtin, files): (Vec<_>, Vec<_>) = listed.iter().partition(|l| l.builtin);
    let width = listed
        .iter()
        .map(|l| one_line(&l.path.display().to_string()).chars().count())
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
            let path = one_line(&l.path.display().to_string()).into_owned();
            let pad = " ".repeat(width.saturating_sub(path.chars().count()));
            out += &format!("  {path}{pad}  {}\n", one_line(l.title.get(lang)));
        }
    }
    let mut stdout = Out::stdout();
    stdout.text(&out);
    stdout.finish("scenes", 0)
}

/// Prints the glossary as a table.
fn glossary(lang: Lang) -> ExitCode {
    let mut out = Out::stdout();
    out.text(&report::glossary_table(lang));
    out.finish("glossary", 0)
}

/// A faster allocator for the simulation's many small, short-lived allocations.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
