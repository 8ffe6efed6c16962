//! The shape of the code (DESIGN.md, "Shape of the code"): data flows one
//! way, text → document → model → pathway → compile → query → analysis →
//! lint → render → testing, so no file imports from a later stage, and no
//! two files import each other, directly or through others.
//!
//! Imports are read from the source: every `crate::a::b` and `super::a`
//! path outside comments and test modules, and the `use child::…` of a
//! module file. A reference resolves to the deepest module file it names.
#![cfg(test)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The stage of a top-level module: a file may import only from its own
/// stage or an earlier one.
fn stage(top: &str) -> Option<usize> {
    Some(match top {
        "age" | "suggest" | "diagnostic" | "bits" | "limits" | "error" | "escape" => 0,
        "document" => 1,
        "model" => 2,
        "pathway" => 3,
        "compile" => 4,
        "query" => 5,
        "analysis" => 6,
        "lint" => 7,
        "render" => 8,
        "testing" => 9,
        _ => return None,
    })
}

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let p = entry.unwrap().path();
        if p.is_dir() {
            files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

/// `src/query/route/mod.rs` → `query::route`; `src/age.rs` → `age`.
fn module_of(src: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(src).unwrap().with_extension("");
    let mut parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    parts.join("::")
}

/// The code of a file without comments and without its test module.
fn code(text: &str) -> String {
    let text = text.split("#[cfg(test)]").next().unwrap_or("");
    text.lines()
        .map(|l| l.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every path the code names: `crate::…`, `super::…`, and `use x::…` for
/// a child module `x`. Each as a list of segments, resolved from the crate root.
fn references(
    module: &str,
    is_mod_file: bool,
    code: &str,
    known: &BTreeSet<String>,
) -> Vec<Vec<String>> {
    // `a::b::c` at the start of `s`, up to the first character that is
    // neither an identifier's nor part of `::`.
    let ident = |s: &str| -> Vec<String> {
        let mut segs = Vec::new();
        let mut rest = s;
        loop {
            let seg: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if seg.is_empty() {
                break;
            }
            rest = &rest[seg.len()..];
            segs.push(seg);
            match rest.strip_prefix("::") {
                Some(r) => rest = r,
                None => break,
            }
        }
        segs
    };
    let here: Vec<String> = if module.is_empty() {
        Vec::new()
    } else {
        module.split("::").map(str::to_owned).collect()
    };
    // The module that `super` names: a mod.rs file's parent is one up from
    // its folder; any other file's is its folder.
    let parent: Vec<String> = here[..here.len().saturating_sub(1)].to_vec();
    let mut out = Vec::new();
    let text = code;
    for (i, _) in text.match_indices("crate::") {
        let before = text[..i].chars().last();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '$') {
            continue;
        }
        out.push(ident(&text[i + "crate::".len()..]));
    }
    for (i, _) in text.match_indices("super::") {
        let before = text[..i].chars().last();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        let mut p = parent.clone();
        p.extend(ident(&text[i + "super::".len()..]));
        out.push(p);
    }
    if is_mod_file {
        // `use child::…` / `pub use child::…` in a module file.
        for line in text.lines() {
            let l = line.trim_start();
            let rest = l
                .strip_prefix("pub use ")
                .or_else(|| l.strip_prefix("pub(crate) use "))
                .or_else(|| l.strip_prefix("use "));
            if let Some(rest) = rest {
                let segs = ident(rest);
                if let Some(first) = segs.first() {
                    let mut p = here.clone();
                    p.push(first.clone());
                    if known.contains(&p.join("::")) {
                        p.extend(segs.into_iter().skip(1));
                        out.push(p);
                    }
                }
            }
        }
    }
    out
}

/// The deepest known module a path names.
fn resolve(path: &[String], known: &BTreeSet<String>) -> Option<String> {
    (1..=path.len())
        .rev()
        .map(|n| path[..n].join("::"))
        .find(|m| known.contains(m))
}

struct Layout {
    /// file module → modules it imports from.
    edges: BTreeMap<String, BTreeSet<String>>,
}

fn read_layout(src: &Path) -> Layout {
    let mut all = Vec::new();
    files(src, &mut all);
    let lib_files: Vec<PathBuf> = all
        .into_iter()
        .filter(|f| !f.starts_with(src.join("bin")) && f != &src.join("lib.rs"))
        .collect();
    let known: BTreeSet<String> = lib_files.iter().map(|f| module_of(src, f)).collect();
    let mut edges = BTreeMap::new();
    for f in &lib_files {
        let m = module_of(src, f);
        let is_mod = f.file_name().is_some_and(|n| n == "mod.rs");
        let text = std::fs::read_to_string(f).unwrap();
        let mut to = BTreeSet::new();
        for r in references(&m, is_mod, &code(&text), &known) {
            match resolve(&r, &known) {
                Some(t) if t != m => {
                    to.insert(t);
                }
                Some(_) => {}
                None => {
                    // `crate::Name`: a re-export from lib.rs, which hides where it lives.
                    to.insert(format!("<lib.rs>::{}", r.join("::")));
                }
            }
        }
        edges.insert(m, to);
    }
    Layout { edges }
}

fn problems(layout: &Layout) -> Vec<String> {
    let mut out = Vec::new();
    for (from, tos) in &layout.edges {
        let top = |m: &str| m.split("::").next().unwrap_or("").to_owned();
        let Some(s_from) = stage(&top(from)) else {
            out.push(format!(
                "`{from}` is in no stage: add it to DESIGN.md's layout and to `stage`"
            ));
            continue;
        };
        for to in tos {
            if to.starts_with("<lib.rs>") {
                out.push(format!(
                    "`{from}` imports `{to}` through lib.rs: name the module it lives in"
                ));
                continue;
            }
            match stage(&top(to)) {
                Some(s_to) if s_to > s_from => {
                    out.push(format!(
                        "`{from}` (stage {s_from}) imports `{to}` (stage {s_to}), a later stage"
                    ));
                }
                _ => {}
            }
        }
    }
    // Circles: depth-first search for a back edge.
    let mut state: BTreeMap<&str, u8> = BTreeMap::new();
    fn visit<'a>(
        n: &'a str,
        layout: &'a Layout,
        state: &mut BTreeMap<&'a str, u8>,
        stack: &mut Vec<&'a str>,
        out: &mut Vec<String>,
    ) {
        state.insert(n, 1);
        stack.push(n);
        for t in layout.edges.get(n).into_iter().flatten() {
            match state.get(t.as_str()) {
                Some(1) => {
                    let at = stack.iter().position(|s| s == t).unwrap_or(0);
                    let mut circle: Vec<&str> = stack[at..].to_vec();
                    circle.push(t);
                    out.push(format!("import circle: {}", circle.join(" → ")));
                }
                Some(_) => {}
                None if layout.edges.contains_key(t.as_str()) => {
                    visit(t, layout, state, stack, out)
                }
                None => {}
            }
        }
        stack.pop();
        state.insert(n, 2);
    }
    let mut stack = Vec::new();
    for n in layout.edges.keys() {
        if !state.contains_key(n.as_str()) {
            visit(n, layout, &mut state, &mut stack, &mut out);
        }
    }
    out
}

#[test]
fn imports_flow_one_way_with_no_circle() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let layout = read_layout(&src);
    assert!(
        layout.edges.len() > 20,
        "the layout check found too few files"
    );
    let found = problems(&layout);
    assert!(
        found.is_empty(),
        "the layout is broken:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_check_catches_a_planted_circle_and_an_upward_import() {
    let dir = std::env::temp_dir().join(format!("carepath-layout-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("query")).unwrap();
    std::fs::write(dir.join("age.rs"), "use crate::suggest::x;\n").unwrap();
    std::fs::write(dir.join("suggest.rs"), "use crate::age::y;\n").unwrap();
    std::fs::write(
        dir.join("document.rs"),
        "// crate::query is only a comment\nuse crate::query::z;\n",
    )
    .unwrap();
    std::fs::write(dir.join("query/mod.rs"), "mod a;\npub use a::T;\n").unwrap();
    std::fs::write(dir.join("query/a.rs"), "use super::T2;\n").unwrap();
    let found = problems(&read_layout(&dir));
    let _ = std::fs::remove_dir_all(&dir);
    let circles = found
        .iter()
        .filter(|p| p.starts_with("import circle"))
        .count();
    let upward = found.iter().filter(|p| p.contains("a later stage")).count();
    // age ↔ suggest, and query ↔ query::a (a child naming its parent).
    assert_eq!((circles, upward), (2, 1), "{found:#?}");
}
