//! The shape ARCHITECTURE.md describes, kept true: calls go from commands to
//! stages to shared leaves with no module cycles, `main.rs` only dispatches,
//! and no function in `src/` runs over 100 lines.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// The library's top-level modules each module uses (`crate::x`), tests left out.
fn module_graph() -> BTreeMap<String, BTreeSet<String>> {
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for path in files {
        let rel = path.strip_prefix(src()).unwrap();
        let top = rel
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_string_lossy();
        let top = top.trim_end_matches(".rs").to_string();
        if matches!(top.as_str(), "lib" | "main" | "cli") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let code = text.split("#[cfg(test)]").next().unwrap();
        let uses = graph.entry(top.clone()).or_default();
        for (at, _) in code.match_indices("crate::") {
            let name: String = code[at + 7..]
                .chars()
                .take_while(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '_')
                .collect();
            if !name.is_empty() && name != top {
                uses.insert(name);
            }
        }
    }
    graph
}

/// A cycle of `graph` (each node's uses), by a depth-first search for a
/// back edge: the nodes on it, the first repeated at the end.
fn cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        n: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(i) = path.iter().position(|p| p == n) {
            let mut cycle = path[i..].to_vec();
            cycle.push(n.to_string());
            return Some(cycle);
        }
        if done.contains(n) {
            return None;
        }
        path.push(n.to_string());
        for m in graph.get(n).into_iter().flatten() {
            if let Some(c) = visit(m, graph, path, done) {
                return Some(c);
            }
        }
        path.pop();
        done.insert(n.to_string());
        None
    }
    let mut done = BTreeSet::new();
    graph
        .keys()
        .find_map(|n| visit(n, graph, &mut Vec::new(), &mut done))
}

#[test]
fn library_modules_have_no_cycles() {
    let graph = module_graph();
    if let Some(c) = cycle(&graph) {
        panic!("module cycle: {}", c.join(" → "));
    }
    // Shared leaves use no stage.
    for leaf in [
        "error",
        "fsutil",
        "locale",
        "finding",
        "page_strings",
        "intl",
    ] {
        let uses = graph.get(leaf).cloned().unwrap_or_default();
        let allowed: BTreeSet<String> = ["error", "fsutil", "locale", "ftl", "finding"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert!(uses.is_subset(&allowed), "leaf `{leaf}` uses {uses:?}");
    }
}

/// Within each folder of `src/`, the files each file uses (`super::x`,
/// `super::{x, y}` and `crate::<folder>::x`), tests left out: a folder's
/// modules must not form cycles either (the language server's once did:
/// diagnose ⇄ editor, and three modules ⇄ server).
fn folder_graphs() -> BTreeMap<PathBuf, BTreeMap<String, BTreeSet<String>>> {
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    let mut out: BTreeMap<PathBuf, BTreeMap<String, BTreeSet<String>>> = BTreeMap::new();
    let stem = |p: &Path| p.file_stem().unwrap().to_string_lossy().to_string();
    for path in &files {
        let dir = path.parent().unwrap().to_path_buf();
        if dir == src() || stem(path) == "mod" {
            continue;
        }
        let siblings: BTreeSet<String> = files
            .iter()
            .filter(|f| f.parent() == Some(dir.as_path()) && stem(f) != "mod")
            .map(|f| stem(f))
            .collect();
        let folder = dir
            .strip_prefix(src())
            .unwrap()
            .to_string_lossy()
            .replace('/', "::");
        let text = std::fs::read_to_string(path).unwrap();
        let code = text.split("#[cfg(test)]").next().unwrap();
        let mut uses = BTreeSet::new();
        let ident = |rest: &str| -> String {
            rest.chars()
                .take_while(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '_')
                .collect()
        };
        let own = format!("crate::{folder}::");
        for prefix in ["super::", own.as_str()] {
            for (at, _) in code.match_indices(prefix) {
                let rest = &code[at + prefix.len()..];
                if let Some(group) = rest.strip_prefix('{') {
                    let inner = &group[..group.find('}').unwrap_or(group.len())];
                    uses.extend(inner.split(',').map(|i| ident(i.trim())));
                } else {
                    uses.insert(ident(rest));
                }
            }
        }
        uses.retain(|u| siblings.contains(u) && *u != stem(path));
        out.entry(dir).or_default().insert(stem(path), uses);
    }
    out
}

#[test]
fn modules_inside_each_folder_have_no_cycles() {
    let graphs = folder_graphs();
    assert!(graphs.keys().any(|d| d.ends_with("lsp")), "{graphs:?}");
    for (dir, graph) in &graphs {
        if let Some(c) = cycle(graph) {
            panic!("module cycle in {}: {}", dir.display(), c.join(" → "));
        }
    }
}

#[test]
fn main_only_dispatches_and_functions_stay_short() {
    let main = std::fs::read_to_string(src().join("main.rs")).unwrap();
    assert!(
        main.lines().count() <= 80,
        "main.rs has {} lines",
        main.lines().count()
    );
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    let mut long = Vec::new();
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            let trimmed = line.trim_start();
            let indent = &line[..line.len() - trimmed.len()];
            let is_fn = [
                "fn ",
                "pub fn ",
                "pub(crate) fn ",
                "const fn ",
                "pub const fn ",
            ]
            .iter()
            .any(|p| trimmed.starts_with(p));
            if !is_fn || trimmed.ends_with(';') {
                continue;
            }
            // The function ends at the first `}` line at its own indentation.
            let end = lines[i + 1..]
                .iter()
                .position(|l| l.starts_with(&format!("{indent}}}")) && l.trim().len() <= 2);
            if let Some(n) = end {
                if n + 2 > 100 {
                    long.push(format!("{}:{} ({} lines)", path.display(), i + 1, n + 2));
                }
            }
        }
    }
    assert!(long.is_empty(), "functions over 100 lines: {long:#?}");
}
