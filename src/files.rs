//! Writing files as a good citizen: a command never writes over the scene it reads,
//! nor over a file postoffice did not write, unless told to (`--force`); it never
//! writes through a link; and a file is written whole or not at all.
//!
//! - What postoffice wrote carries a mark: a diagram, the comment [`SVG_MARK`] at
//!   its top; a folder of slides, the file [`SLIDES_MARK`] in it. Running the same
//!   command again writes over its own output without asking.
//! - A file is written to a temporary file beside it (created new, so that a link
//!   planted under that name is never followed), then renamed over the target: the
//!   target, even a link, is replaced, never written through.
//! - A folder, a named pipe or a device is never written to, `--force` or not (a
//!   pipe would block the command; a rename would replace the device).
//!
//! `docs/files.md` says, for each command that writes, what it writes and when it
//! refuses.

use std::fs;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

/// The comment at the top of every diagram (after the XML declaration): what
/// marks an SVG as postoffice's own output.
pub const SVG_MARK: &str =
    "<!-- Written by postoffice diagram; running it again replaces this file. -->";

/// The file in a folder of slides that marks it as postoffice's own.
pub const SLIDES_MARK: &str = ".postoffice-slides";

/// The text of [`SLIDES_MARK`].
const SLIDES_MARK_TEXT: &str = "This folder holds slides written by `postoffice slides`.\n\
Running it again with this folder as --out removes the slides in it (the PNGs named\n\
like 001-opening.png, 002-step-01.png, ...; no other file) and writes new ones.\n\
Delete this file to keep the folder from being written to again.\n";

/// Why a command does not write where it was asked to.
#[derive(Debug, thiserror::Error)]
pub enum Refused {
    #[error("cannot write {0}: it is the scene being read; give another name")]
    TheScene(String),
    #[error(
        "cannot write {0}: a file postoffice did not write is there; give another name, or add --force to replace it"
    )]
    NotOurs(String),
    #[error(
        "cannot write {0}: it is a link (to {1}), and postoffice does not write through a link; give another name, or add --force to replace the link itself"
    )]
    Link(String, String),
    #[error("cannot write {0}: it is {1}; expected the name of a file")]
    NotAFile(String, &'static str),
    #[error("cannot write into {0}: it is a file; expected a folder for the slides")]
    NotAFolder(String),
    #[error(
        "cannot write into {0}: the folder holds files postoffice did not write; give a new or empty folder, or add --force to write into it"
    )]
    FolderNotOurs(String),
    #[error("cannot write {0}: {1}")]
    Io(String, io::Error),
}

fn shown(p: &Path) -> String {
    p.display().to_string()
}

/// What a path is, when it is not a regular file, a folder or a link.
fn odd_kind(meta: &fs::Metadata) -> &'static str {
    crate::scenario::read::kind(meta)
}

/// Whether `a` and `b` are the same file (following links), both existing.
pub fn same_file(a: &Path, b: &Path) -> bool {
    let (Ok(ma), Ok(mb)) = (fs::metadata(a), fs::metadata(b)) else {
        return false;
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        ma.dev() == mb.dev() && ma.ino() == mb.ino()
    }
    #[cfg(not(unix))]
    {
        let _ = (ma, mb);
        matches!((fs::canonicalize(a), fs::canonicalize(b)), (Ok(x), Ok(y)) if x == y)
    }
}

/// The first `n` bytes of the regular file at `path` (never a pipe or a device).
fn head(path: &Path, n: u64) -> Option<Vec<u8>> {
    let meta = fs::symlink_metadata(path).ok()?;
    if !meta.is_file() {
        return None;
    }
    let mut bytes = Vec::new();
    fs::File::open(path)
        .ok()?
        .take(n)
        .read_to_end(&mut bytes)
        .ok()?;
    Some(bytes)
}

/// Whether the file at `path` is a diagram postoffice wrote: its mark on its first
/// two lines.
pub fn svg_is_ours(path: &Path) -> bool {
    head(path, 512).is_some_and(|bytes| {
        let text = String::from_utf8_lossy(&bytes);
        text.lines().take(2).any(|l| l.trim() == SVG_MARK)
    })
}

/// Checks that a file may be written at `out`: nothing there, or a file postoffice
/// wrote (`ours`), or (with `force`) a file or link a person made. Never the scene
/// read (`reads`), a folder, a pipe or a device.
pub fn may_write(
    out: &Path,
    reads: &Path,
    force: bool,
    ours: impl Fn(&Path) -> bool,
) -> Result<(), Refused> {
    if same_file(out, reads) {
        return Err(Refused::TheScene(shown(out)));
    }
    let meta = match fs::symlink_metadata(out) {
        Ok(m) => m,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(Refused::Io(shown(out), e)),
    };
    if meta.file_type().is_symlink() {
        if force {
            return Ok(());
        }
        let to = fs::read_link(out).map_or_else(|_| "?".into(), |t| shown(&t));
        return Err(Refused::Link(shown(out), to));
    }
    if meta.is_dir() {
        return Err(Refused::NotAFile(shown(out), "a folder"));
    }
    if !meta.is_file() {
        return Err(Refused::NotAFile(shown(out), odd_kind(&meta)));
    }
    if force || ours(out) {
        Ok(())
    } else {
        Err(Refused::NotOurs(shown(out)))
    }
}

/// A new file beside `path` (same folder), created so that nothing already there —
/// a file, a link planted under the name — is opened: `.NAME.PID-N.tmp`.
pub fn create_temp_beside(path: &Path) -> io::Result<(fs::File, PathBuf)> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .map_or_else(|| "file".into(), |n| n.to_string_lossy().into_owned());
    create_new_in(&dir, &format!(".{name}"))
}

/// A new file in `dir` named `STEM.PID-N.tmp` for the first free N.
pub fn create_new_in(dir: &Path, stem: &str) -> io::Result<(fs::File, PathBuf)> {
    let pid = std::process::id();
    for n in 0..1000u32 {
        let tmp = dir.join(format!("{stem}.{pid}-{n}.tmp"));
        match fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)
        {
            Ok(f) => return Ok((f, tmp)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::new(
        io::ErrorKind::AlreadyExists,
        format!("no free temporary name in {}", dir.display()),
    ))
}

/// Writes `bytes` to `path` whole: to a temporary file beside it, then renamed over
/// it (a link at `path` is replaced, not followed). On failure nothing is left.
pub fn replace(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let (mut f, tmp) = create_temp_beside(path)?;
    let written = f
        .write_all(bytes)
        .and_then(|()| f.sync_all())
        .and_then(|()| {
            drop(f);
            fs::rename(&tmp, path)
        });
    if written.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    written
}

/// Checks, then writes a file a command makes (see [`may_write`] and [`replace`]).
pub fn write_output(
    out: &Path,
    reads: &Path,
    force: bool,
    ours: impl Fn(&Path) -> bool,
    bytes: &[u8],
) -> Result<(), Refused> {
    may_write(out, reads, force, ours)?;
    replace(out, bytes).map_err(|e| Refused::Io(shown(out), e))
}

/// Whether a file name is one `postoffice slides` writes: `NNN-WHAT.png`, a
/// running number of three digits or more, then `opening`, `step-07`,
/// `step-07-question`, `step-07-answer`, `step-07-later-2`, `recap` or
/// `recap-answer`; or one an older postoffice wrote (`step-07.png`,
/// `step-07-question.png`, `step-07-later-2.png`, `step-13-recap.png`). Nothing
/// else: a person's `001-holiday.png` or `step-01-mine.png` is not ours.
pub fn is_slide_name(name: &str) -> bool {
    let Some(stem) = name.strip_suffix(".png") else {
        return false;
    };
    let number = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    // After `step-`: the step, and what of it.
    let step = |rest: &str, older: bool| {
        let (n, what) = rest.split_once('-').unwrap_or((rest, ""));
        number(n)
            && match what {
                "" | "question" => true,
                "answer" => !older,
                "recap" => older,
                _ => what.strip_prefix("later-").is_some_and(number),
            }
    };
    if let Some(rest) = stem.strip_prefix("step-") {
        return step(rest, true);
    }
    let Some((n, what)) = stem.split_once('-') else {
        return false;
    };
    n.len() >= 3
        && number(n)
        && (matches!(what, "opening" | "recap" | "recap-answer")
            || what.strip_prefix("step-").is_some_and(|r| step(r, false)))
}

/// What stands where slides are to go.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SlidesFolder {
    /// Nothing: it is made.
    New,
    /// An empty folder, or (with `--force`) a person's folder or link to one.
    Taken,
    /// A folder postoffice wrote slides into (its mark is there).
    Ours,
}

/// Whether slides may go into `out` (nothing is changed): a new folder, an empty
/// one, or one postoffice wrote slides into; a folder of a person's files, or a
/// link named as the folder, only with `force`; never a file, a pipe or a device.
pub fn check_slides_folder(out: &Path, force: bool) -> Result<SlidesFolder, Refused> {
    let io = |e: io::Error| Refused::Io(shown(out), e);
    let meta = match fs::symlink_metadata(out) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(SlidesFolder::New),
        Err(e) => return Err(io(e)),
        Ok(m) => m,
    };
    if meta.file_type().is_symlink() && !force {
        let to = fs::read_link(out).map_or_else(|_| "?".into(), |t| shown(&t));
        return Err(Refused::Link(shown(out), to));
    }
    let meta = fs::metadata(out).map_err(io)?;
    if meta.is_file() {
        return Err(Refused::NotAFolder(shown(out)));
    }
    if !meta.is_dir() {
        return Err(Refused::NotAFile(shown(out), odd_kind(&meta)));
    }
    if fs::symlink_metadata(out.join(SLIDES_MARK)).is_ok_and(|m| m.is_file()) {
        return Ok(SlidesFolder::Ours);
    }
    let empty = fs::read_dir(out).map_err(io)?.next().is_none();
    if empty || force {
        Ok(SlidesFolder::Taken)
    } else {
        Err(Refused::FolderNotOurs(shown(out)))
    }
}

/// Makes `out` ready for slides (see [`check_slides_folder`]): made when missing;
/// in a folder of postoffice's own, the old slides ([`is_slide_name`]) are removed (none of an
/// earlier, longer run is left among the new; a link among them is removed, not
/// followed); in a person's folder (`force`) nothing is removed. The folder gets its
/// mark.
pub fn prepare_slides_folder(out: &Path, force: bool) -> Result<(), Refused> {
    let io = |e: io::Error| Refused::Io(shown(out), e);
    match check_slides_folder(out, force)? {
        SlidesFolder::New => fs::create_dir_all(out).map_err(io)?,
        SlidesFolder::Taken => {}
        SlidesFolder::Ours => {
            for e in fs::read_dir(out).map_err(io)? {
                let e = e.map_err(io)?;
                if is_slide_name(&e.file_name().to_string_lossy()) {
                    fs::remove_file(e.path()).map_err(io)?;
                }
            }
            return Ok(());
        }
    }
    replace(&out.join(SLIDES_MARK), SLIDES_MARK_TEXT.as_bytes()).map_err(io)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("postoffice-files-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn a_temporary_file_is_never_opened_through_a_planted_link() {
        let dir = scratch("tmp");
        let victim = dir.join("victim");
        fs::write(&victim, "keep").unwrap();
        let target = dir.join("out.svg");
        #[cfg(unix)]
        for n in 0..3 {
            std::os::unix::fs::symlink(
                &victim,
                dir.join(format!(".out.svg.{}-{n}.tmp", std::process::id())),
            )
            .unwrap();
        }
        replace(&target, b"new").unwrap();
        assert_eq!(fs::read(&victim).unwrap(), b"keep");
        assert_eq!(fs::read(&target).unwrap(), b"new");
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn the_svg_mark_is_read_only_from_the_top_of_a_regular_file() {
        let dir = scratch("mark");
        let svg = dir.join("a.svg");
        fs::write(&svg, format!("<?xml version=\"1.0\"?>\n{SVG_MARK}\n<svg/>")).unwrap();
        assert!(svg_is_ours(&svg));
        fs::write(&svg, format!("<?xml?>\n<svg>\n{SVG_MARK}\n</svg>")).unwrap();
        assert!(!svg_is_ours(&svg));
        assert!(!svg_is_ours(&dir));
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn only_the_names_slides_write_are_taken_for_slides() {
        for ours in [
            "001-opening.png",
            "002-step-01.png",
            "0003-step-01-later-1.png",
            "005-step-102-question.png",
            "006-step-02-answer.png",
            "031-recap.png",
            "032-recap-answer.png",
            "step-00.png",
            "step-0178-question.png",
            "step-01-later-3.png",
            "step-13-recap.png",
        ] {
            assert!(is_slide_name(ours), "{ours}");
        }
        for theirs in [
            "001-holiday.png",
            "01-step-01.png",
            "001-step-01.jpg",
            "001-step-01-mine.png",
            "001-step-01-later-.png",
            "x01-opening.png",
            "step-01-mine.png",
            "step-.png",
            "step-01-answer.png",
            "notes.txt",
            ".postoffice-slides",
        ] {
            assert!(!is_slide_name(theirs), "{theirs}");
        }
    }
}
