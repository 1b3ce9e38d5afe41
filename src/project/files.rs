//! Reading a project's documents and Fluent files with positioned errors, and
//! the guard every write inside the project goes through.

use crate::error::{Error, Result};
use crate::fsutil::read_text;
use crate::markdown::Document;
use crate::project::Project;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// A document read and split into blocks.
pub struct LoadedDoc {
    pub name: String,
    pub path: PathBuf,
    pub doc: Document,
}

/// Reads and parses `content/<name>.md`.
pub fn load_document(project: &Project, name: &str) -> Result<LoadedDoc> {
    let path = project.content_dir.join(format!("{name}.md"));
    let text = read_text(&path)?;
    let doc = crate::markdown::parse_named(&text, name).map_err(|e| {
        let (line, column) = crate::ftl::line_column(&text, e.offset);
        Error::At {
            path: path.clone(),
            line,
            column,
            message: e.message,
        }
    })?;
    let mut loaded = LoadedDoc {
        name: name.to_string(),
        path,
        doc,
    };
    if name == crate::markdown::SUMMARY {
        with_book(&mut loaded.doc, &book_fields(project)?);
    }
    Ok(loaded)
}

/// An mdBook's `book.toml`, at the project's root, if it has one.
pub fn read_book_toml(project: &Project) -> Result<Option<String>> {
    let path = project.root.join("book.toml");
    match read_text(&path) {
        Ok(text) => Ok(Some(text)),
        Err(Error::Io { source, .. }) if source.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

/// The words of an mdBook's `book.toml` to translate, as fields of its
/// summary's messages (`[book] title` → `book-title`, `description` →
/// `book-description`): the book a translator reads the summary of is
/// named there. None without a `book.toml`.
pub fn book_fields(project: &Project) -> Result<Vec<(String, String)>> {
    let Some(text) = read_book_toml(project)? else {
        return Ok(Vec::new());
    };
    let path = project.root.join("book.toml");
    let table: toml::Table = toml::from_str(&text).map_err(|e| {
        let (line, column) = crate::ftl::line_column(&text, e.span().map_or(0, |s| s.start));
        Error::At {
            path: path.clone(),
            line,
            column,
            message: format!("is not valid TOML: {}", e.message()),
        }
    })?;
    let book = table.get("book").and_then(|b| b.as_table());
    Ok(crate::markdown::BOOK_META
        .iter()
        .filter_map(|(key, field)| {
            let text = book?.get(*key)?.as_str()?.trim();
            (!text.is_empty()).then(|| (field.to_string(), text.to_string()))
        })
        .collect())
}

/// Document `name` (parsed from an editor's buffer) with the book's fields
/// when it is the summary, as extract reads it (a `book.toml` it cannot
/// read is extract's to report).
pub fn with_book_if_summary(project: &Project, name: &str, doc: &mut Document) {
    if name == crate::markdown::SUMMARY {
        with_book(doc, &book_fields(project).unwrap_or_default());
    }
}

/// The summary `doc` with the book's fields ([`book_fields`]) as its own.
pub fn with_book(doc: &mut Document, fields: &[(String, String)]) {
    for (key, text) in fields {
        doc.meta.fields.insert(key.clone(), text.clone());
    }
}

/// Refuses a write whose folders below the project root include a symbolic
/// link: a link in `locales/` could point anywhere, and ftlkit never writes
/// through one.
pub fn inside_project(project: &Project, path: &Path) -> Result<()> {
    match crate::fsutil::first_link_below(&project.root, path) {
        Some(link) => Err(Error::file(
            &link,
            "is a symbolic link; ftlkit does not write through links: replace it with a folder",
        )),
        None => Ok(()),
    }
}

/// The names of the source locale's Fluent files (documents' and page
/// strings'), sorted; see [`ftl_names`].
pub fn source_files(project: &Project) -> Result<Vec<String>> {
    let dir = project.locales_dir.join(&project.source.id);
    if !dir.is_dir() {
        // The error read_dir gives, with the path.
        std::fs::read_dir(&dir).map_err(|e| Error::io(&dir, e))?;
    }
    Ok(ftl_names(&dir)?.into_iter().collect())
}

/// The `.ftl` files below a locale's folder, at any depth, by name: the path
/// without `.ftl`, `/`-separated (`cli/build` for `cli/build.ftl`), as the
/// documents are named. Hidden files and folders, and links to folders, are
/// left out. No folder: none.
pub fn ftl_names(dir: &Path) -> Result<std::collections::BTreeSet<String>> {
    let mut names = std::collections::BTreeSet::new();
    ftl_names_below(dir, "", &mut names)?;
    Ok(names)
}

fn ftl_names_below(
    dir: &Path,
    rel: &str,
    names: &mut std::collections::BTreeSet<String>,
) -> Result<()> {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(Error::io(dir, e)),
    };
    for entry in entries {
        let entry = entry.map_err(|e| Error::io(dir, e))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        let path = entry.path();
        let child = match rel {
            "" => name.clone(),
            _ => format!("{rel}/{name}"),
        };
        // The folder's listing says what each entry is (no stat a file);
        // only a link is followed, to see whether it leads to a file.
        let kind = entry.file_type().map_err(|e| Error::io(&path, e))?;
        if kind.is_dir() {
            ftl_names_below(&path, &child, names)?;
        } else if let Some(stem) = child.strip_suffix(".ftl") {
            if kind.is_file() || (kind.is_symlink() && path.is_file()) {
                names.insert(stem.to_string());
            }
        }
    }
    Ok(())
}

/// Where each template of a locale's files is (`locales/ckb/article.ftl:34`),
/// by id; the first one where an id has several. Empty when the locale has no
/// folder.
pub fn template_locations(project: &Project, locale: &str) -> Result<BTreeMap<String, String>> {
    let mut out = BTreeMap::new();
    let dir = project.locales_dir.join(locale);
    for name in ftl_names(&dir)? {
        let path = project.ftl_path(locale, &name);
        let Some(text) = crate::ftl::load::read(&path)? else {
            continue;
        };
        let shown = path
            .strip_prefix(&project.root)
            .unwrap_or(&path)
            .display()
            .to_string();
        for t in crate::ftl::blocks::find_templates(&text) {
            let line = text[..t.offset].matches('\n').count() + 1;
            out.entry(t.id).or_insert(format!("{shown}:{line}"));
        }
    }
    Ok(out)
}
