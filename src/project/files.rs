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
    let doc = crate::markdown::parse(&text).map_err(|e| {
        let (line, column) = crate::ftl::line_column(&text, e.offset);
        Error::At {
            path: path.clone(),
            line,
            column,
            message: e.message,
        }
    })?;
    Ok(LoadedDoc {
        name: name.to_string(),
        path,
        doc,
    })
}

/// Refuses a write whose folders below the project root include a symbolic
/// link: a link in `locales/` could point anywhere, and ftlkit never writes
/// through one.
pub fn inside_project(project: &Project, path: &Path) -> Result<()> {
    let mut dir = path.parent();
    while let Some(d) = dir {
        if d == project.root || !d.starts_with(&project.root) {
            break;
        }
        if d.symlink_metadata()
            .is_ok_and(|m| m.file_type().is_symlink())
        {
            return Err(Error::file(
                d,
                "is a symbolic link; ftlkit does not write through links: replace it with a folder",
            ));
        }
        dir = d.parent();
    }
    Ok(())
}

pub fn source_files(project: &Project) -> Result<Vec<String>> {
    let dir = project.locales_dir.join(&project.source.id);
    let mut names = Vec::new();
    let entries = std::fs::read_dir(&dir).map_err(|e| Error::io(&dir, e))?;
    for entry in entries {
        let path = entry.map_err(|e| Error::io(&dir, e))?.path();
        if path.extension().and_then(|e| e.to_str()) == Some("ftl") {
            if let Some(stem) = path.file_stem().and_then(|s| s.to_str()) {
                names.push(stem.to_string());
            }
        }
    }
    names.sort();
    Ok(names)
}

/// Where each template of a locale's files is (`locales/ckb/article.ftl:34`),
/// by id; the first one where an id has several. Empty when the locale has no
/// folder.
pub fn template_locations(project: &Project, locale: &str) -> Result<BTreeMap<String, String>> {
    let mut out = BTreeMap::new();
    let dir = project.locales_dir.join(locale);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Ok(out);
    };
    let mut paths: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "ftl"))
        .collect();
    paths.sort();
    for path in paths {
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
