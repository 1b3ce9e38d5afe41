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

    /// The documents of the content folder and the Markdown files it skips
    /// (in subfolders), checked: a `.MD` extension, a reserved name or two
    /// names that differ only in case are errors.
    pub fn scan_documents(&self) -> Result<DocumentScan> {
        let mut scan = DocumentScan::default();
        let entries = match std::fs::read_dir(&self.content_dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(scan),
            Err(e) => return Err(Error::io(&self.content_dir, e)),
        };
        let mut paths = Vec::new();
        for entry in entries {
            paths.push(entry.map_err(|e| Error::io(&self.content_dir, e))?.path());
        }
        paths.sort();
        let mut seen: Vec<(String, PathBuf)> = Vec::new();
        for path in paths {
            if is_real_dir(&path) {
                markdown_below(&path, &mut scan.skipped);
                continue;
            }
            let Some(ext) = path.extension().and_then(|e| e.to_str()) else {
                continue;
            };
            if !ext.eq_ignore_ascii_case("md") || !path.is_file() {
                continue;
            }
            let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
            if ext != "md" {
                return Err(Error::file(
                    &path,
                    format!(
                        "the extension `.{ext}` must be written `.md` (in lower case) for the document to be read; rename it to {stem}.md"
                    ),
                ));
            }
            validate_doc_name(stem).map_err(|m| Error::file(&path, m))?;
            let folded = stem.to_ascii_lowercase();
            if let Some((_, other)) = seen.iter().find(|(f, _)| *f == folded) {
                return Err(Error::file(
                    &path,
                    format!(
                        "and {} differ only in case: on a case-insensitive disk (macOS, Windows) their message files and pages are one file; rename one",
                        other.display()
                    ),
                ));
            }
            seen.push((folded, path.clone()));
            scan.names.push(stem.to_string());
        }
        scan.names.sort();
        Ok(scan)
    }
}

/// The documents of a project, and the Markdown files it does not read.
#[derive(Debug, Default)]
pub struct DocumentScan {
    /// Names (file stems) of `content/*.md`, sorted.
    pub names: Vec<String>,
    /// Markdown files in subfolders of the content folder: not documents
    /// (only `content/*.md` are), so commands say they skip them.
    pub skipped: Vec<PathBuf>,
}

fn is_real_dir(path: &Path) -> bool {
    path.symlink_metadata().is_ok_and(|m| m.is_dir())
}

/// Every `*.md` file below `dir`, hidden folders and links left out, sorted.
fn markdown_below(dir: &Path, out: &mut Vec<PathBuf>) {
    let hidden = dir
        .file_name()
        .is_some_and(|n| n.to_string_lossy().starts_with('.'));
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    if hidden {
        return;
    }
    let mut paths: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    paths.sort();
    for path in paths {
        if is_real_dir(&path) {
            markdown_below(&path, out);
        } else if path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| e.eq_ignore_ascii_case("md"))
        {
            out.push(path);
        }
    }
}

/// A document's name becomes a Fluent id prefix and a file name in every
/// locale: it must be a plain id, and it may not be (or begin like) the page
/// strings' file, whose ids all begin with `page-`.
pub fn validate_doc_name(name: &str) -> std::result::Result<(), String> {
    let mut chars = name.chars();
    let ok = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if !ok {
        return Err(format!(
            "document name `{}` must start with a letter and use only ASCII letters, digits, `-` and `_`; rename the file",
            name.escape_debug()
        ));
    }
    let folded = name.to_ascii_lowercase();
    if folded == PAGE_STRINGS || folded.starts_with(&format!("{PAGE_STRINGS}-")) {
        return Err(format!(
            "document name `{name}` is reserved: `{PAGE_STRINGS}.ftl` holds each locale's hand-written page strings, whose ids begin with `{PAGE_STRINGS}-` \
             (`page-index-title`, …), and a document's file and ids would take their place; rename the file"
        ));
    }
    Ok(())
}
