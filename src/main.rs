//! The `postoffice` command line.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(version, about)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// A scene to open in the window (default: scenes/hello.ron).
    file: Option<PathBuf>,
}

#[derive(Subcommand)]
enum Command {
    /// Open a scene in the window.
    Open { file: PathBuf },
    /// Save the picture after each narrated step as DIR/step-01.png, step-02.png, ...
    Slides {
        file: PathBuf,
        #[arg(long)]
        out: PathBuf,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Open { file }) => window(file),
        Some(Command::Slides { file, out }) => slides(file, out),
        None => window(cli.file.unwrap_or_else(|| PathBuf::from("scenes/hello.ron"))),
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

#[cfg(feature = "viz")]
fn slides(file: PathBuf, out: PathBuf) -> ExitCode {
    match postoffice::viz::slides::write(&file, &out) {
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

#[cfg(not(feature = "viz"))]
fn window(_file: PathBuf) -> ExitCode {
    eprintln!("postoffice was built without the window (cargo feature `viz`)");
    ExitCode::from(2)
}

#[cfg(not(feature = "viz"))]
fn slides(file: PathBuf, out: PathBuf) -> ExitCode {
    window(file.join(out))
}
