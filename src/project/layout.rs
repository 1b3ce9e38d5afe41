//! What the layout of a project may be: whether a folder is a project at all,
//! where the output folder may be (never over what people write), and which
//! files of the content folder are documents (names that cannot collide with
//! the page strings or with each other on a case-insensitive disk).

use super::{Project, CONFIG_FILE};
use crate::error::{Error, Result};
use std::path::{Component, Path, PathBuf};

/// The hand-written page strings' file name (`locales/<locale>/page.ftl`); its
/// ids all begin with `page-` (see [`crate::page_strings`]).
pub const PAGE_STRINGS: &str = "page";

/// Whether `root` holds a project: `ftlkit.toml`, `content/` or `locales/`
/// (what [`super::find_root`] looks for).
pub fn is_project(root: &Path) -> bool {
    root.join(CONFIG_FILE).is_file()
        || root.join("content").is_dir()
        || root.join("locales").is_dir()
}

/// The error for a folder that is no project.
pub fn no_project(root: &Path) -> Error {
    Error::file(
        root,
        format!(
            "no ftlkit project here (no {CONFIG_FILE}, content/ or locales/); run ftlkit in a project folder or below it, or pass `-C DIR`; \
             to start a project, put documents in content/ and run `ftlkit extract`"
        ),
    )
}

/// `path` made absolute, its existing part with symbolic links resolved and
/// the rest with `.` and `..` worked out, so that two spellings of one folder
/// compare equal.
pub fn resolved(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut existing = absolute.as_path();
    let mut rest = Vec::new();
    loop {
        if let Ok(real) = existing.canonicalize() {
            let mut out = real;
            for part in rest.iter().rev() {
                match part {
                    Component::ParentDir => {
                        out.pop();
                    }
                    Component::CurDir => {}
                    other => out.push(other.as_os_str()),
                }
            }
            return out;
        }
        match (existing.parent(), existing.components().next_back()) {
            (Some(parent), Some(last)) => {
                rest.push(last);
                existing = parent;
            }
            _ => return absolute,
        }
    }
}

impl Project {
    /// Refuses an output folder that would write over what people write: the
    /// project root (or a folder above it), or a folder that holds or lies
    /// inside the content folder, the locales folder or `l10n-state/`; and one
    /// that is, or lies under, a symbolic link inside the project.
    pub fn check_output(&self) -> Result<()> {
        self.output_apart()?;
        self.no_link_to_output()
    }

    /// The output folder is neither the project root nor above it, and
    /// neither holds nor lies inside content, locales or l10n-state.
    pub(super) fn output_apart(&self) -> Result<()> {
        let out = resolved(&self.output_dir);
        let rel = |p: &Path| {
            let shown = p.strip_prefix(&self.root).unwrap_or(p);
            match shown.as_os_str().is_empty() {
                true => ".".to_string(),
                false => shown.display().to_string(),
            }
        };
        let shown = rel(&self.output_dir);
        if resolved(&self.root).starts_with(&out) {
            return Err(Error::file(
                &self.output_dir,
                format!(
                    "the output folder {shown} is the project folder or holds it: the build would write among (and clean up over) the documents and translations; \
                     choose an output folder of its own (`output` in {CONFIG_FILE}, or `build -o DIR`; the default is dist)"
                ),
            ));
        }
        // The stale records' folder, `STATE_DIR` of the state module (spelled out: state depends on project).
        let state = self.root.join("l10n-state");
        for (what, dir) in [
            ("content folder", &self.content_dir),
            ("locales folder", &self.locales_dir),
            ("stale-tracking folder", &state),
        ] {
            let inner = resolved(dir);
            let relation = if inner == out {
                "is"
            } else if inner.starts_with(&out) {
                "holds"
            } else if out.starts_with(&inner) {
                "lies inside"
            } else {
                continue;
            };
            return Err(Error::file(
                &self.output_dir,
                format!(
                    "the output folder {shown} {relation} the {what} {}: the build would overwrite or remove files people write; \
                     choose an output folder apart from content, locales and l10n-state (`output` in {CONFIG_FILE}, or `build -o DIR`; the default is dist)",
                    rel(dir)
                ),
            ));
        }
        Ok(())
    }

    /// The output folder, and each folder between it and the project root,
    /// must not be a symbolic link: the build never writes through one.
    fn no_link_to_output(&self) -> Result<()> {
        let mut dir = Some(self.output_dir.as_path());
        while let Some(d) = dir {
            if d == self.root || d.as_os_str().is_empty() {
                break;
            }
            if d.symlink_metadata()
                .is_ok_and(|m| m.file_type().is_symlink())
            {
                return Err(Error::file(
                    d,
                    "is a symbolic link; ftlkit does not write through links: build into a real folder (replace the link, or choose it with `build -o DIR`)",
                ));
            }
            // Above the project root the folders are the user's business.
            if !d.starts_with(&self.root) {
                break;
            }
            dir = d.parent();
        }
        Ok(())
    }

    /// The documents of the content folder, at any depth (`cli/build` for
    /// `content/cli/build.md`), those `include`/`exclude` leave out dropped,
    /// and the folders it skips (symbolic links to folders, not followed).
    /// A `.MD` extension, a reserved or unusable name, two names that differ
    /// only in case and two names that give the same id prefix are errors.
    pub fn scan_documents(&self) -> Result<DocumentScan> {
        let mut scan = DocumentScan::default();
        let mut found = Vec::new();
        if let Err(e) = markdown_below(&self.content_dir, "", &mut found, &mut scan.skipped) {
            return match e.kind() {
                std::io::ErrorKind::NotFound => Ok(scan),
                _ => Err(Error::io(&self.content_dir, e)),
            };
        }
        let mut seen: Vec<(String, String, PathBuf)> = Vec::new();
        for (rel, path) in found {
            let Some((name, ext)) = rel.rsplit_once('.') else {
                continue;
            };
            let wanted = (self.include.is_empty()
                || self.include.iter().any(|g| glob_path(g, &rel)))
                && !self.exclude.iter().any(|g| glob_path(g, &rel));
            if !wanted {
                continue;
            }
            if ext != "md" {
                let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
                return Err(Error::file(
                    &path,
                    format!(
                        "the extension `.{ext}` must be written `.md` (in lower case) for the document to be read; rename it to {stem}.md"
                    ),
                ));
            }
            validate_doc_name(name).map_err(|m| Error::file(&path, m))?;
            let folded = name.to_ascii_lowercase();
            let prefix = doc_prefix(name);
            if let Some((_, _, other)) = seen.iter().find(|(f, _, _)| *f == folded) {
                return Err(Error::file(
                    &path,
                    format!(
                        "and {} differ only in case: on a case-insensitive disk (macOS, Windows) their message files and pages are one file; rename one",
                        other.display()
                    ),
                ));
            }
            if let Some((_, _, other)) = seen.iter().find(|(_, p, _)| *p == prefix) {
                return Err(Error::file(
                    &path,
                    format!(
                        "and {} give the same message ids (`{prefix}-…`: a folder's `/` becomes `-` in an id); rename one",
                        other.display()
                    ),
                ));
            }
            seen.push((folded, prefix, path));
            scan.names.push(name.to_string());
        }
        scan.names.sort();
        Ok(scan)
    }
}

/// The documents of a project, and the folders it does not read.
#[derive(Debug, Default)]
pub struct DocumentScan {
    /// Names of the documents: their paths under the content folder without
    /// `.md`, `/`-separated (`cli/build`), sorted.
    pub names: Vec<String>,
    /// Symbolic links to folders inside the content folder: not followed
    /// (ftlkit never reads or writes through a folder link), so commands say
    /// they skip them.
    pub skipped: Vec<PathBuf>,
}

fn is_real_dir(path: &Path) -> bool {
    path.symlink_metadata().is_ok_and(|m| m.is_dir())
}

/// Every `*.md`/`*.MD` file below `dir` (relative path with `/`, and path),
/// hidden files and folders left out, folder links listed in `links`, sorted.
fn markdown_below(
    dir: &Path,
    rel: &str,
    out: &mut Vec<(String, PathBuf)>,
    links: &mut Vec<PathBuf>,
) -> std::io::Result<()> {
    let mut entries: Vec<(String, PathBuf)> = std::fs::read_dir(dir)?
        .flatten()
        .map(|e| (e.file_name().to_string_lossy().into_owned(), e.path()))
        .filter(|(name, _)| !name.starts_with('.'))
        .collect();
    entries.sort();
    for (name, path) in entries {
        let child = match rel {
            "" => name.clone(),
            _ => format!("{rel}/{name}"),
        };
        if is_real_dir(&path) {
            markdown_below(&path, &child, out, links)?;
        } else if path.is_dir() {
            links.push(path);
        } else if Path::new(&name)
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| e.eq_ignore_ascii_case("md"))
            && path.is_file()
        {
            out.push((child, path));
        }
    }
    Ok(())
}

/// Whether a `/`-separated path matches a glob: `*` any run of characters
/// but `/`, `**` any run of folders (`docs/**` is everything under `docs`,
/// `**/draft.md` a `draft.md` at any depth), `?` one character but `/`.
pub fn glob_path(glob: &str, path: &str) -> bool {
    fn go(g: &[u8], p: &[u8]) -> bool {
        match g {
            [] => p.is_empty(),
            [b'*', b'*', b'/', rest @ ..] => {
                go(rest, p)
                    || p.iter()
                        .enumerate()
                        .any(|(i, c)| *c == b'/' && go(rest, &p[i + 1..]))
            }
            [b'*', b'*', rest @ ..] => (0..=p.len()).any(|i| go(rest, &p[i..])),
            [b'*', rest @ ..] => (0..=p.len())
                .take_while(|i| *i == 0 || p[i - 1] != b'/')
                .any(|i| go(rest, &p[i..])),
            [b'?', rest @ ..] => p.first().is_some_and(|c| *c != b'/') && go(rest, &p[1..]),
            [c, rest @ ..] => p.first() == Some(c) && go(rest, &p[1..]),
        }
    }
    go(glob.as_bytes(), path.as_bytes())
}

/// The prefix of a document's message ids: its name with each `/` (and `.`)
/// made `-` (`cli/build` → `cli-build`), `doc-` in front when it would not
/// begin with a letter (`404` → `doc-404`).
pub fn doc_prefix(name: &str) -> String {
    let id: String = name
        .chars()
        .map(|c| if c == '/' || c == '.' { '-' } else { c })
        .collect();
    match id.starts_with(|c: char| c.is_ascii_alphabetic()) {
        true => id,
        false => format!("doc-{id}"),
    }
}

/// A document's name becomes a Fluent id prefix ([`doc_prefix`]) and a path
/// in every locale: each of its `/`-separated parts must be plain (ASCII
/// letters, digits, `-`, `_`, `.`, not beginning with `.`), and its prefix may
/// not be (or begin like) the page strings' file, whose ids all begin with `page-`.
pub fn validate_doc_name(name: &str) -> std::result::Result<(), String> {
    let plain = |part: &str| {
        !part.is_empty()
            && !part.starts_with('.')
            && part
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
    };
    if !name.split('/').all(plain) {
        return Err(format!(
            "document name `{}` must use only ASCII letters, digits, `-`, `_` and `.` in each folder and file name; rename the file",
            name.escape_debug()
        ));
    }
    let folded = doc_prefix(name).to_ascii_lowercase();
    if folded == PAGE_STRINGS || folded.starts_with(&format!("{PAGE_STRINGS}-")) {
        return Err(format!(
            "document name `{name}` is reserved: `{PAGE_STRINGS}.ftl` holds each locale's hand-written page strings, whose ids begin with `{PAGE_STRINGS}-` \
             (`page-index-title`, …), and a document's file and ids would take their place; rename the file"
        ));
    }
    Ok(())
}
