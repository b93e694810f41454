//! Reading a scenario file from disk, carefully: a folder, a device (`/dev/zero`), a
//! named pipe or a socket is refused by looking at it before opening it (a pipe
//! would block the reader forever), and a file is read through a limit, so that one
//! larger than [`MAX_FILE_BYTES`] — or one growing while it is read — is refused
//! without being read whole.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use super::ScenarioError;

/// The largest scenario file read: 4 MiB. `scenes/rush_hour.ron` is about 190 KB.
pub const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// What a path is, when it is not a regular file or a folder ("a device", "a
/// named pipe", …): one wording for every refusal.
pub fn kind(meta: &fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
        if t.is_fifo() {
            return "a named pipe";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    let _ = meta;
    "not a regular file"
}

/// The bytes of the scenario file at `path`, or why it cannot be one.
pub fn read(path: &Path) -> Result<Vec<u8>, ScenarioError> {
    let file = path.display().to_string();
    let unreadable = |e: std::io::Error| ScenarioError::Unreadable {
        file: file.clone(),
        reason: e.to_string(),
    };
    // `metadata` follows links: a link to /dev/zero is a device.
    let meta = fs::metadata(path).map_err(|e| match fs::read_link(path) {
        // A link that leads nowhere, or round in a loop.
        Ok(to) if e.kind() == std::io::ErrorKind::NotFound => ScenarioError::Unreadable {
            file: file.clone(),
            reason: format!(
                "it is a link to {}, which does not exist (a broken link)",
                to.display()
            ),
        },
        Ok(to) => ScenarioError::Unreadable {
            file: file.clone(),
            reason: format!(
                "it is a link to {} that cannot be followed: {e}",
                to.display()
            ),
        },
        Err(_) => unreadable(e),
    })?;
    if meta.is_dir() {
        return Err(ScenarioError::Folder {
            file: file.clone(),
            example: example_in(path),
        });
    }
    if !meta.is_file() {
        return Err(ScenarioError::NotAFile {
            file,
            kind: kind(&meta),
        });
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(ScenarioError::TooLarge {
            file,
            bytes: Some(meta.len()),
        });
    }
    let f = fs::File::open(path).map_err(unreadable)?;
    // The file may have been replaced since: look again at what was opened.
    let meta = f.metadata().map_err(unreadable)?;
    if !meta.is_file() {
        return Err(ScenarioError::NotAFile {
            file,
            kind: kind(&meta),
        });
    }
    let mut bytes = Vec::with_capacity(meta.len().min(MAX_FILE_BYTES) as usize);
    f.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(ScenarioError::TooLarge { file, bytes: None });
    }
    Ok(bytes)
}

/// The `.ron` files directly in `dir` (not in folders inside it), sorted by name.
pub fn scene_files(dir: &Path) -> Result<Vec<PathBuf>, ScenarioError> {
    let unreadable = |e: std::io::Error| ScenarioError::Unreadable {
        file: dir.display().to_string(),
        reason: e.to_string(),
    };
    let mut files = Vec::new();
    for e in fs::read_dir(dir).map_err(unreadable)? {
        let path = e.map_err(unreadable)?.path();
        // Whatever a name ending in .ron is (a link, a pipe), it is checked as a file
        // and refused there if it is not one; only folders are left out.
        if is_ron(&path) && !path.is_dir() {
            files.push(path);
        }
    }
    files.sort();
    if files.is_empty() {
        return Err(ScenarioError::NoScenes {
            file: dir.display().to_string(),
        });
    }
    Ok(files)
}

fn is_ron(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "ron")
}

/// A scenario file in `dir` to suggest: `hello.ron` when there is one, or else the
/// first `.ron` file by name.
fn example_in(dir: &Path) -> Option<String> {
    let mut best: Option<PathBuf> = None;
    for e in fs::read_dir(dir).ok()?.flatten() {
        let path = e.path();
        if !is_ron(&path) {
            continue;
        }
        if path.file_name().is_some_and(|n| n == "hello.ron") {
            best = Some(path);
            break;
        }
        if best.as_ref().is_none_or(|b| path < *b) {
            best = Some(path);
        }
    }
    best.map(|p| p.display().to_string())
}
