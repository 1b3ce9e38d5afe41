//! The English Markdown's own links (`check`'s `broken-link`): every relative
//! link, image and `#anchor` of each document must name a document, a file
//! under the content folder (which the build publishes beside the pages) or
//! a heading of its page; otherwise it is broken in every locale.

use crate::finding::{Code, Finding};
use crate::project::Project;
use crate::render::links::{anchors, asset_path, document_link, split_url, targets};
use std::collections::{HashMap, HashSet};

/// A warning per broken relative link, image or anchor of the documents,
/// at its line and column in the Markdown.
pub fn broken_links(project: &Project) -> crate::error::Result<Vec<Finding>> {
    let names = project.documents()?;
    let mut docs = Vec::with_capacity(names.len());
    for name in &names {
        let loaded = crate::project::files::load_document(project, name)?;
        let text = crate::fsutil::read_text(&loaded.path)?;
        docs.push((loaded, text));
    }
    let set: HashSet<String> = names.iter().cloned().collect();
    let anchors: HashMap<&str, HashSet<String>> = docs
        .iter()
        .map(|(l, text)| (l.name.as_str(), anchors(text, &l.doc)))
        .collect();
    let mut out = Vec::new();
    for (loaded, text) in &docs {
        for (url, offset) in targets(text) {
            let Some(why) = broken(project, &loaded.name, &url, &set, &anchors) else {
                continue;
            };
            let (line, column) = crate::ftl::line_column(text, offset);
            let path = loaded
                .path
                .strip_prefix(&project.root)
                .unwrap_or(&loaded.path);
            out.push(Finding {
                code: Code::BrokenLink,
                severity: super::rules::level(Code::BrokenLink),
                locale: project.source.id.clone(),
                path: path.display().to_string(),
                line,
                column,
                id: None,
                message: format!("`{url}` {why}: the link is broken in every locale; fix the link or add what it names"),
                previous: None,
                span: 0..0,
            });
        }
    }
    Ok(out)
}

/// Why a relative target of document `doc` is broken, if it is.
fn broken(
    project: &Project,
    doc: &str,
    url: &str,
    docs: &HashSet<String>,
    anchors: &HashMap<&str, HashSet<String>>,
) -> Option<String> {
    let (path, rest) = split_url(url);
    let fragment = rest
        .split_once('#')
        .map(|(_, f)| f)
        .filter(|f| !f.is_empty());
    let page = match path {
        "" => Some(doc.to_string()),
        _ => document_link(doc, path, docs).map(|(_, target)| target),
    };
    if let Some(page) = page {
        let fragment = fragment?;
        let has = anchors
            .get(page.as_str())
            .is_some_and(|a| a.contains(fragment));
        return (!has).then(|| format!("names no heading or id of {page}.md (`#{fragment}`)"));
    }
    match asset_path(doc, url) {
        Some(rel) => {
            let file = project.content_dir.join(&rel);
            (!file.exists())
                .then(|| format!("names {}, which does not exist", shown(project, &file)))
        }
        None if path.ends_with(".md") => Some("names no document".to_string()),
        None if path.ends_with('/') => None,
        None => {
            Some("points outside the content folder, which the build does not publish".to_string())
        }
    }
}

fn shown(project: &Project, path: &std::path::Path) -> String {
    path.strip_prefix(&project.root)
        .unwrap_or(path)
        .display()
        .to_string()
}
