//! Kinds are decided once per layer (issue 19, docs/adding-a-kind.md). Above the
//! simulation, a layer matches an event kind (`What`), a frame kind (`FrameKind`),
//! a stage, step or side road (`Stage`, `Step`, `Road`), or a letter's status on
//! its bubble (`Status`) exhaustively, so that a new kind is a compile
//! error wherever it must be told, drawn or counted. Three shapes hide a new kind
//! from the compiler, and this test refuses them outside the one file per layer
//! that may hold them (`<layer>/kinds.rs`):
//!
//! - a `match` with a catch-all arm (`_ =>`, or a bare binding `other =>`) beside
//!   an arm that names a kind;
//! - `matches!(…)` naming a kind;
//! - `if let` / `while let` / `let … else` whose pattern names a kind.
//!
//! Even in a layer's `kinds.rs`, a catch-all arm on a kind is refused: that file
//! asks yes/no questions of single kinds (`if let`, `matches!`), and decides for
//! every kind with exhaustive matches. `src/sim` is the catalogue itself
//! (`sim/kinds.rs`) and its handlers, and is not checked.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

mod common;

use syn::spanned::Spanned;
use syn::visit::{self, Visit};

/// The types whose variants are kinds.
const KINDS: [&str; 7] = [
    "What",
    "FrameKind",
    "Road",
    "Stage",
    "Step",
    "Status",
    "EventKind",
];

/// The one file per layer that may ask about single kinds.
const KIND_FILES: [&str; 6] = [
    "src/scenario/kinds.rs",
    "src/lesson/kinds.rs",
    "src/words/kinds.rs",
    "src/report/kinds.rs",
    "src/viz/kinds.rs",
    "src/kinds.rs",
];

/// Functions that still decide about single kinds (or fall back with a catch-all)
/// outside their layer's `kinds.rs`, each with how many such places it holds. The
/// list may only shrink: a new place fails the test, and so does a count higher
/// than the function needs (lower it when you move a decision to the catalogue).
/// Most are single-kind questions inside long functions that other work is
/// splitting (`svg`, `sentence`, `many`, `event`); the kinds' own columns (stage,
/// road, family, lane, cargo, look, fold, JSON names) are read from `sim/kinds.rs`.
const ALLOWED: &[(&str, &str, usize)] = &[
    // lesson: finding a scene's letters and the moments a class guesses about.
    ("src/lesson/mod.rs", "followed", 1),
    ("src/lesson/predict.rs", "answered_by", 2),
    ("src/lesson/predict.rs", "question", 2),
    // scenario: a letter is found by its `Edit`.
    ("src/scenario/question.rs", "find", 1),
    // viz: a tile's colours, and the phones a beat is about.
    ("src/viz/stage/crowd.rs", "tile_bubble", 1),
    ("src/viz/story/present.rs", "about", 1),
    ("src/viz/story/told.rs", "flights_where", 1),
    ("src/viz/story/told.rs", "refresh_crowd", 2),
    // words: sentences that look back along the trace for one kind.
    ("src/words/caption.rs", "frame_lost", 3),
    ("src/words/caption.rs", "mentions_line", 1),
    // `Marks::read_to`: where each letter was first shown, its receipt first lost.
    ("src/words/caption.rs", "read_to", 2),
    ("src/words/caption.rs", "retry", 1),
    ("src/words/caption.rs", "sentence", 1),
    ("src/words/fold.rs", "key", 1),
    // words: the inspector reads one letter's packets and one phone's heartbeats.
    ("src/words/inspect.rs", "inspect", 1),
    ("src/words/inspect.rs", "packets", 2),
    ("src/words/fold.rs", "many", 6),
    ("src/words/mod.rs", "told_from", 3),
];

/// One file's findings.
struct Scan<'a> {
    file: &'a str,
    /// The kind types' names in this file, with `use … as X` renames added.
    kinds: Vec<String>,
    kind_file: bool,
    /// The function being read (for allowances, which name functions, not lines).
    func: Vec<String>,
    found: Vec<String>,
}

impl Scan<'_> {
    fn is_kind_path(&self, path: &syn::Path) -> bool {
        let segs: Vec<_> = path.segments.iter().collect();
        // `What::Edit`, `sim::What::Edit`: a kind's name followed by a variant.
        segs.len() >= 2
            && segs[..segs.len() - 1]
                .iter()
                .any(|s| self.kinds.iter().any(|k| s.ident == k))
    }

    fn pat_names_kind(&self, pat: &syn::Pat) -> bool {
        struct Finder<'s, 'a> {
            scan: &'s Scan<'a>,
            hit: bool,
        }
        impl<'ast> Visit<'ast> for Finder<'_, '_> {
            fn visit_path(&mut self, p: &'ast syn::Path) {
                self.hit |= self.scan.is_kind_path(p);
                visit::visit_path(self, p);
            }
        }
        let mut f = Finder {
            scan: self,
            hit: false,
        };
        f.visit_pat(pat);
        f.hit
    }

    fn tokens_name_kind(&self, tokens: &proc_macro2::TokenStream) -> bool {
        let mut last: Option<String> = None;
        let mut colons = 0;
        for tt in tokens.clone() {
            match tt {
                proc_macro2::TokenTree::Group(g) => {
                    if self.tokens_name_kind(&g.stream()) {
                        return true;
                    }
                    last = None;
                }
                proc_macro2::TokenTree::Ident(i) => {
                    let name = i.to_string();
                    if colons == 2 && last.as_ref().is_some_and(|l| self.kinds.contains(l)) {
                        return true;
                    }
                    last = Some(name);
                    colons = 0;
                }
                proc_macro2::TokenTree::Punct(p) if p.as_char() == ':' => colons += 1,
                _ => {
                    last = None;
                    colons = 0;
                }
            }
        }
        false
    }

    fn report(&mut self, span: proc_macro2::Span, what: &str) {
        let line = span.start().line;
        let func = self.func.last().map_or("", String::as_str);
        self.found
            .push(format!("{}:{line}: {what} (in `{func}`)", self.file));
    }
}

/// A catch-all arm: `_`, or a bare binding (`other`), possibly guarded.
fn catch_all(pat: &syn::Pat) -> bool {
    match pat {
        syn::Pat::Wild(_) => true,
        syn::Pat::Ident(i) => {
            i.subpat.is_none() && i.ident.to_string().starts_with(char::is_lowercase)
        }
        _ => false,
    }
}

impl<'ast> Visit<'ast> for Scan<'_> {
    fn visit_item_fn(&mut self, f: &'ast syn::ItemFn) {
        self.func.push(f.sig.ident.to_string());
        visit::visit_item_fn(self, f);
        self.func.pop();
    }

    fn visit_impl_item_fn(&mut self, f: &'ast syn::ImplItemFn) {
        self.func.push(f.sig.ident.to_string());
        visit::visit_impl_item_fn(self, f);
        self.func.pop();
    }

    fn visit_use_rename(&mut self, r: &'ast syn::UseRename) {
        if self.kinds.iter().any(|k| r.ident == k) {
            self.kinds.push(r.rename.to_string());
        }
        visit::visit_use_rename(self, r);
    }

    fn visit_expr_match(&mut self, m: &'ast syn::ExprMatch) {
        let on_kind = m.arms.iter().any(|a| self.pat_names_kind(&a.pat));
        if on_kind && let Some(arm) = m.arms.iter().find(|a| catch_all(&a.pat)) {
            self.report(arm.pat.span(), "a catch-all arm in a match on a kind");
        }
        visit::visit_expr_match(self, m);
    }

    fn visit_expr_let(&mut self, l: &'ast syn::ExprLet) {
        if !self.kind_file && self.pat_names_kind(&l.pat) {
            self.report(l.let_token.span, "`if let` / `while let` on a kind");
        }
        visit::visit_expr_let(self, l);
    }

    fn visit_local(&mut self, l: &'ast syn::Local) {
        if !self.kind_file
            && l.init.as_ref().is_some_and(|i| i.diverge.is_some())
            && self.pat_names_kind(&l.pat)
        {
            self.report(l.let_token.span, "`let … else` on a kind");
        }
        visit::visit_local(self, l);
    }

    fn visit_macro(&mut self, m: &'ast syn::Macro) {
        if !self.kind_file && m.path.is_ident("matches") && self.tokens_name_kind(&m.tokens) {
            self.report(m.path.span(), "`matches!` on a kind");
        }
        visit::visit_macro(self, m);
    }
}

fn scan(root: &Path, path: &Path) -> Vec<String> {
    let rel = path
        .strip_prefix(root)
        .expect("under the root")
        .to_string_lossy()
        .replace('\\', "/");
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{rel}: {e}"));
    let file = syn::parse_file(&text).unwrap_or_else(|e| panic!("{rel}: {e}"));
    let mut s = Scan {
        file: &rel,
        kinds: KINDS.iter().map(|k| k.to_string()).collect(),
        kind_file: KIND_FILES.contains(&rel.as_str()),
        func: Vec::new(),
        found: Vec::new(),
    };
    // Renames first (`use Road as S` inside a function comes before its use).
    struct Renames<'s, 'a>(&'s mut Scan<'a>);
    impl<'ast> Visit<'ast> for Renames<'_, '_> {
        fn visit_use_rename(&mut self, r: &'ast syn::UseRename) {
            if KINDS.iter().any(|k| r.ident == k) {
                self.0.kinds.push(r.rename.to_string());
            }
        }
    }
    Renames(&mut s).visit_file(&file);
    s.visit_file(&file);
    s.found
}

#[test]
fn kinds_are_matched_in_one_place_per_layer() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    common::rust_files(&root.join("src"), &mut files);
    let checked: Vec<_> = files
        .iter()
        .filter(|p| !p.starts_with(root.join("src/sim")))
        .collect();
    assert!(checked.len() > 50, "found only {} files", checked.len());
    let mut found = Vec::new();
    for path in checked {
        found.extend(scan(root, path));
    }
    // Per function: its findings, against its allowance.
    let mut by_fn: BTreeMap<(String, String), Vec<&String>> = BTreeMap::new();
    for f in &found {
        let file = f.split(':').next().expect("a file").to_string();
        let func = f.rsplit('`').nth(1).expect("a function").to_string();
        by_fn.entry((file, func)).or_default().push(f);
    }
    let mut msg = String::new();
    for ((file, func), places) in &by_fn {
        let allowed = ALLOWED
            .iter()
            .find(|(f, g, _)| f == file && g == func)
            .map_or(0, |a| a.2);
        if places.len() > allowed {
            for p in places {
                writeln!(msg, "  {p}").unwrap();
            }
        }
    }
    for (file, func, n) in ALLOWED {
        let now = by_fn
            .get(&(file.to_string(), func.to_string()))
            .map_or(0, Vec::len);
        if now < *n {
            writeln!(
                msg,
                "  {file} `{func}`: allowed {n}, now {now}: lower its allowance in ALLOWED"
            )
            .unwrap();
        }
    }
    assert!(
        msg.is_empty(),
        "kinds are decided outside their layer's kinds.rs or the catalogue \
         (see docs/adding-a-kind.md): match them exhaustively, or read a column of \
         sim/kinds.rs:\n{msg}"
    );
}

/// The check itself finds each shape it refuses (a check that cannot fail is no check).
#[test]
fn the_check_finds_each_shape() {
    let src = r#"
        use crate::sim::Road as S;
        fn a(e: &Event) -> u8 { match e.what { What::Edit { .. } => 1, _ => 2 } }
        fn b(e: &Event) -> bool { matches!(e.what, What::Send) }
        fn c(e: &Event) { if let What::Store = e.what {} }
        fn d(e: &Event) { let What::Store = e.what else { return }; }
        fn f(r: S) -> u8 { match r { S::Lost => 1, other => 2 } }
        fn g(k: FrameKind) -> u8 { match k { FrameKind::MsgR => 1, FrameKind::MsgN => 2, FrameKind::Login | FrameKind::Logout => 3 } }
        fn h(x: Option<u8>) -> u8 { match x { Some(_) => 1, _ => 2 } }
    "#;
    let dir = std::env::temp_dir().join(format!("kinds_once_{}", std::process::id()));
    std::fs::create_dir_all(dir.join("src")).unwrap();
    let path = dir.join("src/demo.rs");
    std::fs::write(&path, src).unwrap();
    let found = scan(&dir, &path);
    std::fs::remove_dir_all(&dir).unwrap();
    let lines: Vec<_> = found
        .iter()
        .map(|f| f.split(':').nth(1).unwrap().parse::<usize>().unwrap())
        .collect();
    assert_eq!(lines, [3, 4, 5, 6, 7], "{found:#?}");
}
