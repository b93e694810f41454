//! Functions a reader can hold (issue 20, item 4): no function in `src/` is over
//! [`MOST`] lines, counted from the first line of its signature (attributes and
//! doc comments aside) to its closing brace, unless it is a table of data
//! ([`TABLES`]) or in the shrink-only list of long functions that other work is
//! splitting ([`SPLITTING`]). Free functions, methods, trait methods with a body
//! and functions nested inside others are all measured.
//!
//! `cargo test --test lengths -- --nocapture` prints the longest functions.

use std::fmt::Write as _;
use std::path::Path;

mod common;

use syn::spanned::Spanned;
use syn::visit::{self, Visit};

/// The most lines a function may have.
const MOST: usize = 150;

/// Functions that are tables of data, not steps to follow: (file, function,
/// why). A table may be long; a reader looks one row up, not reads it through.
const TABLES: &[(&str, &str, &str)] = &[(
    "src/words/glossary.rs",
    "glossary",
    "the glossary: one row per thing and side road, in two languages",
)];

/// Long functions that other work is splitting. The list may only shrink: a
/// function that is no longer long, or no longer there, fails the test until its
/// row goes. Matched by file stem and function name, so that moving a file into a
/// folder keeps its row. Empty since issue 20 split the last of them.
const SPLITTING: &[(&str, &str)] = &[];

/// One function: where it is, its name, and how many lines it spans.
#[derive(Debug, Clone, PartialEq)]
struct Length {
    file: String,
    line: usize,
    name: String,
    lines: usize,
}

struct Measure<'a> {
    file: &'a str,
    found: Vec<Length>,
}

impl Measure<'_> {
    /// From the signature's first line (after attributes and doc comments) to
    /// the body's closing brace.
    fn note(&mut self, name: &syn::Ident, sig: &syn::Signature, block: &syn::Block) {
        let start = sig.span().start().line;
        let end = block.brace_token.span.close().end().line;
        self.found.push(Length {
            file: self.file.to_string(),
            line: start,
            name: name.to_string(),
            lines: end + 1 - start,
        });
    }
}

impl<'ast> Visit<'ast> for Measure<'_> {
    fn visit_item_fn(&mut self, f: &'ast syn::ItemFn) {
        self.note(&f.sig.ident, &f.sig, &f.block);
        visit::visit_item_fn(self, f);
    }

    fn visit_impl_item_fn(&mut self, f: &'ast syn::ImplItemFn) {
        self.note(&f.sig.ident, &f.sig, &f.block);
        visit::visit_impl_item_fn(self, f);
    }

    fn visit_trait_item_fn(&mut self, f: &'ast syn::TraitItemFn) {
        if let Some(block) = &f.default {
            self.note(&f.sig.ident, &f.sig, block);
        }
        visit::visit_trait_item_fn(self, f);
    }
}

/// Every function in one file, in the order they start.
fn measure(file: &str, text: &str) -> Vec<Length> {
    let parsed = syn::parse_file(text).unwrap_or_else(|e| panic!("{file}: {e}"));
    let mut m = Measure {
        file,
        found: Vec::new(),
    };
    m.visit_file(&parsed);
    m.found
}

/// A file's stem: `src/viz/told.rs` and `src/viz/told/mod.rs` are both `told`.
fn stem(file: &str) -> &str {
    let file = file.strip_suffix("/mod.rs").unwrap_or(file);
    let name = file.rsplit('/').next().unwrap_or(file);
    name.strip_suffix(".rs").unwrap_or(name)
}

fn all_lengths() -> Vec<Length> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    common::rust_files(&root.join("src"), &mut files);
    assert!(files.len() > 50, "found only {} files", files.len());
    let mut all = Vec::new();
    for path in &files {
        let rel = path
            .strip_prefix(root)
            .expect("under the root")
            .to_string_lossy()
            .replace('\\', "/");
        let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{rel}: {e}"));
        all.extend(measure(&rel, &text));
    }
    all
}

#[test]
fn no_function_is_over_150_lines_but_tables_of_data() {
    let mut all = all_lengths();
    all.sort_by(|a, b| b.lines.cmp(&a.lines).then(a.file.cmp(&b.file)));
    println!("the longest functions in src/ (most allowed: {MOST} lines):");
    for l in all.iter().take(25) {
        println!("  {:4} {}:{} `{}`", l.lines, l.file, l.line, l.name);
    }
    let over: Vec<_> = all.iter().filter(|l| l.lines > MOST).collect();
    println!("{} functions over {MOST} lines", over.len());
    let table = |l: &Length| TABLES.iter().any(|t| t.0 == l.file && t.1 == l.name);
    let splitting = |l: &Length| {
        SPLITTING
            .iter()
            .any(|s| s.0 == stem(&l.file) && s.1 == l.name)
    };
    let mut msg = String::new();
    for l in &over {
        if !table(l) && !splitting(l) {
            writeln!(
                msg,
                "  {}:{} `{}` is {} lines: split it into parts a reader can hold",
                l.file, l.line, l.name, l.lines
            )
            .unwrap();
        }
    }
    for (file, name) in SPLITTING {
        if !over
            .iter()
            .any(|l| stem(&l.file) == *file && l.name == *name)
        {
            writeln!(
                msg,
                "  `{name}` in {file}.rs is no longer over {MOST} lines: take its row out of SPLITTING"
            )
            .unwrap();
        }
    }
    for (file, name, _) in TABLES {
        if !all.iter().any(|l| l.file == *file && l.name == *name) {
            writeln!(msg, "  {file} `{name}` is gone: take its row out of TABLES").unwrap();
        }
    }
    assert!(msg.is_empty(), "functions over {MOST} lines:\n{msg}");
}

/// The measure itself: it finds a long function wherever one may hide (free,
/// method, trait default, nested), and counts a short one right.
#[test]
fn the_measure_finds_long_functions() {
    let body = "    let x = 1;\n".repeat(MOST);
    let src = format!(
        "/// A doc line.\n#[inline]\nfn short(a: u8)\n    -> u8 {{\n    a\n}}\n\
         fn free() {{\n{body}}}\n\
         impl S {{\n    fn method(&self) {{\n{body}    }}\n}}\n\
         trait T {{\n    fn given(&self) {{\n{body}    }}\n    fn bare(&self);\n}}\n\
         fn outer() {{\n    fn inner() {{\n{body}    }}\n}}\n"
    );
    let found = measure("src/demo.rs", &src);
    let short = found.iter().find(|l| l.name == "short").expect("short");
    assert_eq!((short.line, short.lines), (3, 4), "{short:?}");
    let long: Vec<_> = found
        .iter()
        .filter(|l| l.lines > MOST)
        .map(|l| l.name.as_str())
        .collect();
    assert_eq!(
        long,
        ["free", "method", "given", "outer", "inner"],
        "{found:#?}"
    );
    assert!(!found.iter().any(|l| l.name == "bare"));
    assert_eq!(stem("src/viz/told/mod.rs"), "told");
    assert_eq!(stem("src/viz/told.rs"), "told");
}
