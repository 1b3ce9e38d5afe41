//! Path strings as Python's `posixpath` and compare-locales' `mozpath` treat
//! them (normpath, abspath, join, dirname, relpath, realpath), and `os.walk`.
//!
//! compare-locales matches `/`-separated path *strings*, so these work on strings,
//! not on `std::path` components. Crates such as `path-clean` follow Go's `Clean`
//! (a leading `//` becomes `/`, unlike `posixpath.normpath`), and `walkdir` descends
//! into a subdirectory as soon as it meets it, where `os.walk` lists a directory's
//! files before any subdirectory: both would change which files are found first.

use std::path::Path;

pub(super) fn path_string(path: &Path) -> String {
    let s = path.to_string_lossy().into_owned();
    if std::path::MAIN_SEPARATOR == '\\' {
        s.replace('\\', "/")
    } else {
        s
    }
}

pub(super) fn is_abs(path: &str) -> bool {
    path.starts_with('/') || Path::new(path).is_absolute()
}

/// Whether `path` is its own [`normpath`]: no empty, `.` or `..` component
/// but a leading `/` (nearly every path a walk or a pattern gives).
fn is_normal(path: &str) -> bool {
    let mut comps = path.split('/');
    let first = comps.next().unwrap_or("");
    let plain = |c: &str| !c.is_empty() && c != "." && c != "..";
    !path.is_empty() && (first.is_empty() || plain(first)) && comps.all(plain)
}

/// posixpath.normpath.
pub(super) fn normpath(path: &str) -> String {
    if is_normal(path) {
        path.to_string()
    } else {
        normalized(path)
    }
}

/// posixpath.normpath's algorithm.
fn normalized(path: &str) -> String {
    if path.is_empty() {
        return ".".into();
    }
    let initial = if path.starts_with("//") && !path.starts_with("///") {
        2
    } else if path.starts_with('/') {
        1
    } else {
        0
    };
    let mut comps: Vec<&str> = Vec::new();
    for comp in path.split('/') {
        if comp.is_empty() || comp == "." {
            continue;
        }
        if comp != ".." || (initial == 0 && comps.is_empty()) || comps.last() == Some(&"..") {
            comps.push(comp);
        } else if !comps.is_empty() {
            comps.pop();
        }
    }
    let out = format!("{}{}", "/".repeat(initial), comps.join("/"));
    if out.is_empty() {
        ".".into()
    } else {
        out
    }
}

/// os.path.abspath: joined to the current directory and normalized, symlinks kept.
pub(super) fn abspath(path: &str) -> String {
    if is_abs(path) {
        normpath(path)
    } else {
        let cwd = std::env::current_dir()
            .map(|d| path_string(&d))
            .unwrap_or_else(|_| "/".into());
        normpath(&join(&cwd, path))
    }
}

/// posixpath.join of two parts.
pub(super) fn join(a: &str, b: &str) -> String {
    if b.starts_with('/') {
        b.to_string()
    } else if a.is_empty() || a.ends_with('/') {
        format!("{a}{b}")
    } else {
        format!("{a}/{b}")
    }
}

/// posixpath.dirname.
pub(super) fn dirname(path: &str) -> String {
    let i = path.rfind('/').map_or(0, |i| i + 1);
    let head = &path[..i];
    if !head.is_empty() && head.chars().any(|c| c != '/') {
        head.trim_end_matches('/').to_string()
    } else {
        head.to_string()
    }
}

/// mozpath.relpath: posixpath.relpath, with "" for the directory itself.
pub(super) fn relpath(path: &str, start: &str) -> String {
    let start = abspath(start);
    let path = abspath(path);
    // Both normal: a path below `start` is the rest after it and its `/`.
    if let Some(rest) = path
        .strip_prefix(start.as_str())
        .and_then(|rest| rest.strip_prefix('/'))
    {
        if is_normal(&start) && is_normal(rest) {
            return rest.to_string();
        }
    }
    let s: Vec<&str> = start.split('/').filter(|c| !c.is_empty()).collect();
    let p: Vec<&str> = path.split('/').filter(|c| !c.is_empty()).collect();
    let common = s.iter().zip(&p).take_while(|(a, b)| a == b).count();
    let mut rel: Vec<&str> = vec![".."; s.len() - common];
    rel.extend(&p[common..]);
    rel.join("/")
}

/// mozpath.realpath, for comparing prefixes.
///
/// Unlike Python's `os.path.realpath`, a path that does not exist is only made
/// absolute: Python also resolves the symlinks of its existing directories.
/// (Kept as is: changing it changes which `[[paths]]` entries count as one.)
pub(super) fn realpath(path: &str) -> String {
    std::fs::canonicalize(path)
        .map(|p| path_string(&p))
        .unwrap_or_else(|_| abspath(path))
}

/// os.walk(top) without following symlinked directories, calling `visit` with
/// `join(dir, file)` for every non-directory, and whether the listing already
/// tells that it is a regular file (not a link, so it exists: no stat needed
/// to know). A top that is no directory yields nothing.
pub(super) fn walk(top: &str, visit: &mut dyn FnMut(String, bool)) {
    let Ok(entries) = std::fs::read_dir(top) else {
        return;
    };
    let mut dirs = Vec::new();
    for entry in entries.flatten() {
        // Names that are not UTF-8 cannot match a pattern written in TOML.
        let Ok(name) = entry.file_name().into_string() else {
            continue;
        };
        let file_type = entry.file_type().ok();
        let is_link = file_type.is_some_and(|t| t.is_symlink());
        let is_dir = if is_link {
            entry.path().is_dir()
        } else {
            file_type.is_some_and(|t| t.is_dir())
        };
        if is_dir {
            if !is_link {
                dirs.push(name);
            }
        } else {
            let regular = file_type.is_some_and(|t| t.is_file());
            visit(join(top, &name), regular);
        }
    }
    for dir in dirs {
        walk(&join(top, &dir), visit);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_helpers() {
        assert_eq!(normpath("/a/./b/../c//d/"), "/a/c/d");
        assert_eq!(normpath("../a/.."), "..");
        assert_eq!(dirname("/a/b/c.toml"), "/a/b");
        assert_eq!(dirname("c.toml"), "");
        assert_eq!(relpath("/a/b/c", "/a"), "b/c");
        assert_eq!(relpath("/a", "/a"), "");
        assert_eq!(relpath("/x/y", "/a/b"), "../../x/y");
        assert_eq!(relpath("/a/bc/d", "/a/b"), "../bc/d");
        assert_eq!(relpath("/a/b/c/d.ftl", "/a/b/"), "c/d.ftl");
        assert_eq!(relpath("/a/b", "/"), "a/b");
        assert_eq!(join("/a/", "b"), "/a/b");
        // The shortcut takes what a walk gives, and nothing normpath changes.
        assert!(is_normal("/l10n/de/browser/a.ftl") && is_normal("de/a.ftl"));
        for changed in [
            "", "/", "//a", "a/", "a//b", "./a", "a/./b", "a/..", "/a/../b",
        ] {
            assert!(!is_normal(changed), "{changed:?}");
        }
    }

    proptest::proptest! {
        /// The shortcut never keeps a path `normpath` would change.
        #[test]
        fn a_path_taken_as_normal_is_normalized_already(
            parts in proptest::collection::vec(
                proptest::sample::select(vec!["", ".", "..", "a", "b.ftl", "…"]),
                0..7,
            )
        ) {
            let path = parts.join("/");
            if is_normal(&path) {
                proptest::prop_assert_eq!(normalized(&path), path);
            }
        }
    }
}
