//! The layers import one another one way only. The lesson engine tells the story
//! and holds no sentences: it never imports the words layer (the words layer
//! reads the lesson, for its guesses, so an import back would make a loop).

use std::path::Path;

/// The lines of the `.rs` files under `dir` that name `module` in code (not in a
/// comment): `use crate::words…`, `crate::words::recap(…)`, `super::super::words`.
fn uses_of(dir: &Path, module: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    for path in files {
        if path.is_dir() {
            found.extend(uses_of(&path, module));
            continue;
        }
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or_default();
            let named = [
                format!("crate::{module}"),
                format!("super::super::{module}"),
            ]
            .iter()
            .any(|p| code.contains(p.as_str()))
                // `use crate::{sim, words};`
                || (code.contains("crate::{") && code.contains(module));
            if named {
                found.push(format!("{}:{}: {}", path.display(), n + 1, line.trim()));
            }
        }
    }
    found
}

#[test]
fn the_lesson_engine_does_not_import_the_words() {
    let lesson = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/lesson");
    let found = uses_of(&lesson, "words");
    assert!(
        found.is_empty(),
        "src/lesson/ imports the words layer ({} places); the callers should word the lesson:\n{}",
        found.len(),
        found.join("\n")
    );
}

/// The scan itself: it finds an import written in code, and not one in a comment.
#[test]
fn the_scan_finds_an_import_and_skips_a_comment() {
    let dir = std::env::temp_dir().join(format!("postoffice-layers-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("inner")).unwrap();
    std::fs::write(
        dir.join("a.rs"),
        "// crate::words is not used here\nfn a() {}\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("inner/b.rs"),
        "fn b() { crate::words::recap(); }\n",
    )
    .unwrap();
    let found = uses_of(&dir, "words");
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].contains("b.rs:1"), "{found:?}");
}

// ---------------------------------------------------------------------------
// No import loop: the modules of src/ import one another one way.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::str::FromStr as _;

use proc_macro2::{Delimiter, Spacing, TokenStream, TokenTree};

/// Groups of modules that still import one another, each named by its files'
/// stems (`told` for `viz/told.rs` or `viz/told/mod.rs`), so that moving a file
/// into a folder keeps its row. The list may only shrink: a loop not in it fails
/// the test, and so does a row that no loop matches any more. It is empty: no
/// module of `src/` imports, through others, one that imports it (issue 20).
const ALLOWED_LOOPS: &[&[&str]] = &[];

/// A module of the crate: its path (`sim::world`; `` for the crate root) and file.
struct Module {
    path: Vec<String>,
    file: String,
    /// `mod.rs` (or the root): `self::x` and `super::` count from the module itself.
    text: String,
}

/// The import graph: for each importing module, the modules it names, each with
/// the `file:line` places that name it.
type Graph = BTreeMap<String, BTreeMap<String, Vec<String>>>;

fn modules(root: &Path, dir: &Path, out: &mut Vec<Module>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("a directory entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            modules(root, &path, out);
            continue;
        }
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let rel = path
            .strip_prefix(root)
            .expect("under the root")
            .to_string_lossy()
            .replace('\\', "/");
        // The binary is a crate of its own: it imports the library by name and
        // nothing imports it, so it is in no loop.
        if rel == "main.rs" {
            continue;
        }
        let mut segs: Vec<String> = rel
            .trim_end_matches(".rs")
            .split('/')
            .map(str::to_string)
            .collect();
        if segs.last().is_some_and(|s| s == "mod" || s == "lib") {
            segs.pop();
        }
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{rel}: {e}"));
        out.push(Module {
            path: segs,
            file: format!("src/{rel}"),
            text,
        });
    }
}

/// Every path in `tokens` that starts with `crate`, `super` or `self` followed by
/// `::`, with `{…}` groups spelled out (`crate::sim::{frame::Frame, world}` is two
/// paths), each with the line it starts on. Comments are not tokens, so a path in
/// a comment is not read; a path inside a macro's arguments is.
fn rooted_paths(tokens: TokenStream, out: &mut Vec<(Vec<String>, usize)>) {
    let tts: Vec<TokenTree> = tokens.into_iter().collect();
    let mut i = 0;
    while i < tts.len() {
        if let TokenTree::Group(g) = &tts[i] {
            rooted_paths(g.stream(), out);
            i += 1;
            continue;
        }
        // A string that is a path and nothing else names a function, as serde's
        // `#[serde(serialize_with = "super::action::quoted_str")]` does.
        if let TokenTree::Literal(lit) = &tts[i]
            && let Some(inner) = lit
                .to_string()
                .strip_prefix('"')
                .and_then(|s| s.strip_suffix('"'))
            && inner.split("::").count() > 1
            && inner
                .split("::")
                .all(|s| !s.is_empty() && s.chars().all(|c| c == '_' || c.is_alphanumeric()))
            && let Ok(inner) = TokenStream::from_str(inner)
        {
            let line = lit.span().start().line;
            let mut paths = Vec::new();
            rooted_paths(inner, &mut paths);
            out.extend(paths.into_iter().map(|(p, _)| (p, line)));
            i += 1;
            continue;
        }
        let start = matches!(&tts[i], TokenTree::Ident(id) if ["crate", "super", "self"].contains(&id.to_string().as_str()));
        let after_colons = i > 1 && colons_at(&tts, i - 2);
        if start && !after_colons && colons_at(&tts, i + 1) {
            let line = tts[i].span().start().line;
            let mut paths = Vec::new();
            i = path_at(&tts, i, Vec::new(), &mut paths);
            out.extend(paths.into_iter().map(|p| (p, line)));
        } else {
            i += 1;
        }
    }
}

/// Whether `tts[i]`, `tts[i + 1]` are the two colons of `::`.
fn colons_at(tts: &[TokenTree], i: usize) -> bool {
    matches!((tts.get(i), tts.get(i + 1)),
        (Some(TokenTree::Punct(a)), Some(TokenTree::Punct(b)))
            if a.as_char() == ':' && a.spacing() == Spacing::Joint && b.as_char() == ':')
}

/// Reads `a::b::{c, d::e}` from `tts[i]` on, after `prefix`; pushes each whole
/// path and returns the index after it.
fn path_at(
    tts: &[TokenTree],
    mut i: usize,
    mut prefix: Vec<String>,
    out: &mut Vec<Vec<String>>,
) -> usize {
    loop {
        match tts.get(i) {
            Some(TokenTree::Ident(id)) => {
                prefix.push(id.to_string());
                i += 1;
            }
            Some(TokenTree::Group(g)) if g.delimiter() == Delimiter::Brace => {
                let inner: Vec<TokenTree> = g.stream().into_iter().collect();
                let mut j = 0;
                while j < inner.len() {
                    j = path_at(&inner, j, prefix.clone(), out);
                    // Skip `as name`, `*` and the like up to the next comma.
                    while j < inner.len()
                        && !matches!(&inner[j], TokenTree::Punct(p) if p.as_char() == ',')
                    {
                        j += 1;
                    }
                    j += 1;
                }
                return i + 1;
            }
            _ => {
                out.push(prefix);
                return i;
            }
        }
        if colons_at(tts, i) {
            i += 2;
        } else {
            out.push(prefix);
            return i;
        }
    }
}

/// The module a path names: the longest leading part of it that is a module.
fn resolve(from: &Module, path: &[String], names: &BTreeSet<Vec<String>>) -> Option<Vec<String>> {
    let mut base: Vec<String> = from.path.clone();
    let mut rest = path;
    match rest.first().map(String::as_str) {
        Some("crate") => {
            base.clear();
            rest = &rest[1..];
        }
        Some("self") => rest = &rest[1..],
        Some("super") => {
            while rest.first().is_some_and(|s| s == "super") {
                base.pop()?;
                rest = &rest[1..];
            }
        }
        _ => return None,
    }
    (0..=rest.len()).rev().find_map(|k| {
        let mut m = base.clone();
        m.extend(rest[..k].iter().filter(|s| *s != "self").cloned());
        names.contains(&m).then_some(m)
    })
}

/// The import graph of the modules under `src`.
fn import_graph(src: &Path) -> Graph {
    let mut mods = Vec::new();
    modules(src, src, &mut mods);
    let names: BTreeSet<Vec<String>> = mods.iter().map(|m| m.path.clone()).collect();
    let mut graph = Graph::new();
    for m in &mods {
        let from = m.path.join("::");
        let edges = graph.entry(from.clone()).or_default();
        let tokens = TokenStream::from_str(&m.text).unwrap_or_else(|e| panic!("{}: {e}", m.file));
        let mut paths = Vec::new();
        rooted_paths(tokens, &mut paths);
        for (path, line) in paths {
            if let Some(to) = resolve(m, &path, &names) {
                let to = to.join("::");
                if to == from {
                    continue;
                }
                let place = format!("{}:{line}", m.file);
                let places = edges.entry(to).or_default();
                if !places.contains(&place) {
                    places.push(place);
                }
            }
        }
    }
    graph
}

/// The strongly connected groups of more than one module (Tarjan's), each sorted.
fn loops(graph: &Graph) -> Vec<Vec<String>> {
    struct Tarjan<'g> {
        graph: &'g Graph,
        index: BTreeMap<&'g str, usize>,
        low: BTreeMap<&'g str, usize>,
        stack: Vec<&'g str>,
        on: BTreeSet<&'g str>,
        found: Vec<Vec<String>>,
    }
    impl<'g> Tarjan<'g> {
        fn visit(&mut self, v: &'g str) {
            let n = self.index.len();
            self.index.insert(v, n);
            self.low.insert(v, n);
            self.stack.push(v);
            self.on.insert(v);
            for w in self.graph.get(v).into_iter().flat_map(|e| e.keys()) {
                let w = w.as_str();
                if !self.index.contains_key(w) {
                    self.visit(w);
                    let lw = self.low[w];
                    let lv = self.low.get_mut(v).expect("visited");
                    *lv = (*lv).min(lw);
                } else if self.on.contains(w) {
                    let iw = self.index[w];
                    let lv = self.low.get_mut(v).expect("visited");
                    *lv = (*lv).min(iw);
                }
            }
            if self.low[v] == self.index[v] {
                let mut group = Vec::new();
                loop {
                    let w = self.stack.pop().expect("on the stack");
                    self.on.remove(w);
                    group.push(w.to_string());
                    if w == v {
                        break;
                    }
                }
                if group.len() > 1 {
                    group.sort();
                    self.found.push(group);
                }
            }
        }
    }
    let mut t = Tarjan {
        graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on: BTreeSet::new(),
        found: Vec::new(),
    };
    for v in graph.keys() {
        if !t.index.contains_key(v.as_str()) {
            t.visit(v);
        }
    }
    t.found.sort();
    t.found
}

/// A loop's modules by their last names (`viz::told` is `told`), sorted.
fn stems(group: &[String]) -> Vec<String> {
    let mut s: Vec<String> = group
        .iter()
        .map(|m| m.rsplit("::").next().unwrap_or(m).to_string())
        .collect();
    s.sort();
    s
}

/// The imports that tie a loop together: every edge between two of its modules.
fn describe(graph: &Graph, group: &[String]) -> String {
    let mut out = format!("  {{{}}}\n", group.join(", "));
    for from in group {
        for (to, places) in graph.get(from).into_iter().flatten() {
            if group.contains(to) {
                writeln!(out, "    {from} -> {to}: {}", places.join(", ")).unwrap();
            }
        }
    }
    out
}

#[test]
fn no_import_loop_in_src() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let graph = import_graph(&src);
    assert!(graph.len() > 50, "found only {} modules", graph.len());
    let found = loops(&graph);
    println!(
        "{} import loops (strongly connected groups) among {} modules in src/",
        found.len(),
        graph.len()
    );
    for g in &found {
        print!("{}", describe(&graph, g));
    }
    let allowed = |g: &Vec<String>| {
        ALLOWED_LOOPS
            .iter()
            .any(|a| stems(g) == a.iter().map(|s| s.to_string()).collect::<Vec<_>>())
    };
    let mut msg = String::new();
    for g in found.iter().filter(|g| !allowed(g)) {
        msg += &describe(&graph, g);
    }
    for a in ALLOWED_LOOPS {
        if !found
            .iter()
            .any(|g| stems(g) == a.iter().map(|s| s.to_string()).collect::<Vec<_>>())
        {
            writeln!(
                msg,
                "  {a:?} is no longer a loop: take its row out of ALLOWED_LOOPS"
            )
            .unwrap();
        }
    }
    assert!(
        msg.is_empty(),
        "modules in src/ import one another in a loop; move what they share so that \
         imports go one way:\n{msg}"
    );
}

/// The scan itself: it finds a loop made by `use crate::…`, `super::`, `self::`
/// and a grouped `use`, skips comments, and finds none in a graph without one.
#[test]
fn the_loop_scan_finds_a_loop() {
    let dir = std::env::temp_dir().join(format!("postoffice-loops-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("a")).unwrap();
    let files = [
        ("lib.rs", "pub mod a;\npub mod b;\npub mod c;\n"),
        ("a/mod.rs", "pub mod x;\npub mod y;\nuse self::x::X;\n"),
        // x -> y through super::, y -> x through a grouped use: a loop.
        ("a/x.rs", "pub struct X;\nfn f() { super::y::g(); }\n"),
        (
            "a/y.rs",
            "use crate::{b::{self}, a::{x::X}};\npub fn g() {}\n",
        ),
        // b -> c in code (in a macro's arguments), c -> b only in comments; c -> the root
        // in a string that is a path, as serde's attributes name functions.
        ("b.rs", "fn f() { format!(\"{}\", crate::c::C); }\n"),
        (
            "c.rs",
            "// crate::b::f\n/// crate::b\n#[serde(with = \"crate::f\")]\npub struct C;\n",
        ),
    ];
    for (name, text) in files {
        std::fs::write(dir.join(name), text).unwrap();
    }
    let graph = import_graph(&dir);
    let found = loops(&graph);
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(
        found,
        [vec!["a::x".to_string(), "a::y".to_string()]],
        "{graph:#?}"
    );
    let edges = |m: &str| graph[m].keys().cloned().collect::<Vec<_>>();
    assert_eq!(edges("a"), ["a::x"]);
    assert_eq!(edges("a::x"), ["a::y"]);
    assert_eq!(edges("a::y"), ["a::x", "b"]);
    assert_eq!(edges("b"), ["c"]);
    assert_eq!(edges("c"), [""]);
    assert_eq!(graph["a::x"]["a::y"], ["src/a/x.rs:2"]);
    let text = describe(&graph, &found[0]);
    assert!(text.contains("a::y -> a::x: src/a/y.rs:1"), "{text}");
}
