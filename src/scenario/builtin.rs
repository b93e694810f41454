//! The lesson scenes built into the program, so that a downloaded binary with no
//! `scenes/` folder beside it still has them: `postoffice run tunnel` works from
//! any folder. A name that is not a file is looked up among them ([`open`]), with a
//! "did you mean" for a near miss; [`list`] gives the scenes a menu offers (the
//! built-in ones and those in a folder).
//!
//! A built-in scene's file label reads `hello (built in)`. It has no folder: a
//! lesson saved from it goes into the current folder (see
//! [`crate::lesson::save::write_beside`]).

use std::path::{Path, PathBuf};

use super::{Scenario, ScenarioError, did_you_mean, load, parse, read};
use crate::sim::Text;

/// Every scene in `scenes/`, by name, in the order a class meets them: the lessons
/// first (as the README's "For teachers" orders them), then the crowds.
pub const SCENES: [(&str, &str); 29] = [
    ("hello", include_str!("../../scenes/hello.ron")),
    ("not_friends", include_str!("../../scenes/not_friends.ron")),
    ("blocked", include_str!("../../scenes/blocked.ron")),
    (
        "unknown_user",
        include_str!("../../scenes/unknown_user.ron"),
    ),
    (
        "offline_mailbox",
        include_str!("../../scenes/offline_mailbox.ron"),
    ),
    ("group", include_str!("../../scenes/group.ron")),
    ("tunnel", include_str!("../../scenes/tunnel.ron")),
    ("lost_ack", include_str!("../../scenes/lost_ack.ron")),
    (
        "lost_message",
        include_str!("../../scenes/lost_message.ron"),
    ),
    ("bad_network", include_str!("../../scenes/bad_network.ron")),
    (
        "post_office_closed",
        include_str!("../../scenes/post_office_closed.ron"),
    ),
    ("same_time", include_str!("../../scenes/same_time.ron")),
    ("numbered", include_str!("../../scenes/numbered.ron")),
    (
        "online_pushed",
        include_str!("../../scenes/online_pushed.ron"),
    ),
    (
        "online_pulled",
        include_str!("../../scenes/online_pulled.ron"),
    ),
    ("typing", include_str!("../../scenes/typing.ron")),
    ("send_again", include_str!("../../scenes/send_again.ron")),
    (
        "group_members",
        include_str!("../../scenes/group_members.ron"),
    ),
    ("app_closed", include_str!("../../scenes/app_closed.ron")),
    (
        "app_closed_fetched",
        include_str!("../../scenes/app_closed_fetched.ron"),
    ),
    (
        "read_receipts",
        include_str!("../../scenes/read_receipts.ron"),
    ),
    ("recall", include_str!("../../scenes/recall.ron")),
    ("parcels", include_str!("../../scenes/parcels.ron")),
    ("two_devices", include_str!("../../scenes/two_devices.ron")),
    ("new_phone", include_str!("../../scenes/new_phone.ron")),
    (
        "new_phone_history",
        include_str!("../../scenes/new_phone_history.ron"),
    ),
    ("sealed", include_str!("../../scenes/sealed.ron")),
    ("classroom", include_str!("../../scenes/classroom.ron")),
    ("rush_hour", include_str!("../../scenes/rush_hour.ron")),
];

/// The lesson scenes (all but the two crowds), in the order of a course.
pub const LESSONS: [&str; 27] = [
    "hello",
    "not_friends",
    "blocked",
    "unknown_user",
    "offline_mailbox",
    "group",
    "tunnel",
    "lost_ack",
    "lost_message",
    "bad_network",
    "post_office_closed",
    "same_time",
    "numbered",
    "online_pushed",
    "online_pulled",
    "typing",
    "send_again",
    "group_members",
    "app_closed",
    "app_closed_fetched",
    "read_receipts",
    "recall",
    "parcels",
    "two_devices",
    "new_phone",
    "new_phone_history",
    "sealed",
];

/// The names of the built-in scenes, in course order.
pub fn names() -> impl Iterator<Item = &'static str> {
    SCENES.iter().map(|(name, _)| *name)
}

/// The text of the built-in scene `name` (`hello`), if there is one.
pub fn text(name: &str) -> Option<&'static str> {
    SCENES.iter().find(|(n, _)| *n == name).map(|(_, t)| *t)
}

/// How a built-in scene is named where a file name would stand: `hello (built in)`.
pub fn label(name: &str) -> String {
    format!("{name} (built in)")
}

/// The built-in scene `name`, read and checked (it always is valid: the tests
/// check every one).
pub fn load_builtin(name: &str) -> Option<Result<Scenario, ScenarioError>> {
    text(name).map(|t| parse(&label(name), t.as_bytes()))
}

/// The built-in scene a path stands for when it is not a file: a bare name
/// (`tunnel`, `tunnel.ron`), or the repository's own `scenes/tunnel.ron` run from
/// another folder. `None` for anything else (a path into another folder).
pub fn name_in(path: &Path) -> Option<String> {
    let parent = path.parent().map(Path::as_os_str).unwrap_or_default();
    if !(parent.is_empty() || parent == "scenes") {
        return None;
    }
    let name = path.file_name()?.to_str()?;
    Some(name.strip_suffix(".ron").unwrap_or(name).to_string())
}

/// Reads a scene: the file at `path` when there is one; for a bare name
/// (`tunnel`), `scenes/tunnel.ron` when there is one (as [`list`] offers it); or
/// else the built-in scene of that name (`postoffice run hello` from any folder).
/// When none is found the message says so, with a "did you mean" among the
/// built-in scenes.
///
/// What is named is what is read: when anything at all stands at `path` (or, for a
/// bare name, at `scenes/NAME.ron`) — a folder, a broken link, a link loop, a pipe,
/// a device — it is read or refused, never replaced by the built-in scene.
pub fn open(path: impl AsRef<Path>) -> Result<Scenario, ScenarioError> {
    let path = path.as_ref();
    if something_at(path) {
        return load(path);
    }
    let Some(name) = name_in(path) else {
        return load(path);
    };
    let in_scenes = Path::new("scenes").join(format!("{name}.ron"));
    if path.parent().is_some_and(|p| p.as_os_str().is_empty()) && something_at(&in_scenes) {
        return load(&in_scenes);
    }
    if let Some(scene) = load_builtin(&name) {
        return scene;
    }
    match load(path) {
        Err(ScenarioError::Unreadable { file, reason }) => {
            let mut reason = format!(
                "{reason}, and no scene built into the program is called `{}`",
                crate::report::safe::brief(&name, crate::report::safe::QUOTED)
            );
            if let Some(m) = did_you_mean(&name, names()) {
                reason += &format!(" (did you mean `{m}`?)");
            }
            reason += &format!(
                "; the built-in scenes: {}",
                names().collect::<Vec<_>>().join(", ")
            );
            Err(ScenarioError::Unreadable { file, reason })
        }
        other => other,
    }
}

/// Whether anything stands at `path`, a link that leads nowhere included.
fn something_at(path: &Path) -> bool {
    match std::fs::symlink_metadata(path) {
        Ok(_) => true,
        // Not there, or a part of the path is a file, not a folder.
        Err(e) => !matches!(
            e.kind(),
            std::io::ErrorKind::NotFound | std::io::ErrorKind::NotADirectory
        ),
    }
}

/// One scene a menu can offer.
#[derive(Clone, Debug, PartialEq)]
pub struct Listed {
    /// What opens it with [`open`]: the file's path, or the built-in scene's name.
    pub path: PathBuf,
    /// Its name: the file's stem, or the built-in scene's name.
    pub name: String,
    pub title: super::SceneText,
    /// Built into the program (no file).
    pub builtin: bool,
}

/// The scenes to offer, in course order: each built-in scene — or, in its place,
/// a file of the same name in `folder` (a teacher's edited copy) — then the other
/// `.ron` files in `folder`, by name. A file that is not a valid scene is listed
/// under its name.
pub fn list(folder: &Path) -> Vec<Listed> {
    let mut files: Vec<Listed> = read::scene_files(folder)
        .unwrap_or_default()
        .into_iter()
        .map(|p| {
            let name = p
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            let title = load(&p)
                .map(|s| s.title)
                .unwrap_or_else(|_| super::SceneText::new(Text::same(&name)));
            Listed {
                path: p,
                name,
                title,
                builtin: false,
            }
        })
        .collect();
    let mut out = Vec::new();
    for (name, text) in SCENES {
        if let Some(i) = files.iter().position(|l| l.name == name) {
            out.push(files.remove(i));
            continue;
        }
        let title = parse(&label(name), text.as_bytes())
            .map(|s| s.title)
            .unwrap_or_else(|_| super::SceneText::new(Text::same(name)));
        out.push(Listed {
            path: PathBuf::from(name),
            name: name.to_string(),
            title,
            builtin: true,
        });
    }
    out.extend(files);
    out
}
