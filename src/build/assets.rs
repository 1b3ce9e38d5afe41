//! The files the documents use besides each other (images, downloads): found
//! from each document's links, images and HTML `src`/`href`, read once
//! (guarded: regular files, no link out of the project), and published beside
//! each locale's pages at the same path, a locale's own file at that path
//! under its locale folder taking the place of the content folder's.

use super::outputs::Output;
use crate::error::Result;
use crate::project::Project;
use crate::render::links::{asset_path, Inclusions};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

/// Every asset the documents use that exists under the content folder: its
/// path there (`/`-separated) → its bytes.
pub fn used(
    project: &Project,
    docs: &[super::load::Outline],
) -> Result<BTreeMap<String, Arc<Vec<u8>>>> {
    let mut out = BTreeMap::new();
    // An included document's images are read from the pages that show it.
    let names = docs.iter().map(|d| d.name.clone()).collect();
    let inclusions = Inclusions::new(
        docs.iter().filter_map(super::load::Outline::named_text),
        &names,
    );
    for doc in docs {
        let own = [doc.name.clone()];
        let bases = inclusions.link_bases(&doc.name);
        let links = doc.links.iter().map(|t| (t, &bases[..]));
        let files = doc.files.iter().map(|t| (t, &own[..]));
        let paths = links
            .chain(files)
            .flat_map(|(url, bases)| bases.iter().map(move |b| asset_path(b, url)));
        for rel in paths {
            let Some(rel) = rel else {
                continue;
            };
            if out.contains_key(&rel) {
                continue;
            }
            let path = project.content_dir.join(&rel);
            if path.is_file() && is_plain(&rel) {
                let bytes = Arc::new(crate::fsutil::read_guarded(&path)?);
                out.insert(rel, bytes);
            }
        }
    }
    Ok(out)
}

/// A path of plain parts (no hidden file, nothing the outputs list refuses).
fn is_plain(rel: &str) -> bool {
    rel.split('/')
        .all(|p| !p.is_empty() && !p.starts_with('.') && !p.contains('\\'))
}

/// A locale's own file for an asset (`locales/ar/images/map.png`), if it has one.
pub fn override_path(project: &Project, locale: &str, rel: &str) -> Option<PathBuf> {
    let path = project.locales_dir.join(locale).join(rel);
    path.is_file().then_some(path)
}

/// The assets written into `dir` for `locale`: its own file where it has one.
pub fn outputs(
    project: &Project,
    locale: &str,
    assets: &BTreeMap<String, Arc<Vec<u8>>>,
    dir: &std::path::Path,
) -> Result<Vec<Output>> {
    let mut out = Vec::with_capacity(assets.len());
    for (rel, bytes) in assets {
        let bytes = match override_path(project, locale, rel) {
            Some(own) => Arc::new(crate::fsutil::read_guarded(&own)?),
            None => bytes.clone(),
        };
        out.push(Output::bytes(dir.join(rel), bytes));
    }
    Ok(out)
}

/// The file a page's relative link names, as the build would publish it for
/// `locale` (its own file first, else the content folder's), for `serve`'s
/// preview; `None` for a path that is not plain, a Markdown file, or no file.
pub fn published_asset(project: &Project, locale: &str, rel: &str) -> Result<Option<Vec<u8>>> {
    if !is_plain(rel) || rel.ends_with(".md") || rel.ends_with(".ftl") {
        return Ok(None);
    }
    let own = override_path(project, locale, rel);
    let path = own.unwrap_or_else(|| project.content_dir.join(rel));
    if !path.is_file() {
        return Ok(None);
    }
    crate::fsutil::read_guarded(&path).map(Some)
}
