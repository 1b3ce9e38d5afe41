//! The English Markdown's own links (`check`'s `broken-link`): every relative
//! link, image and `#anchor` of each document must name a document, a file
//! under the content folder (which the build publishes beside the pages) or
//! a heading of its page; otherwise it is broken in every locale.

use crate::finding::{Code, Finding};
use crate::project::Project;
use crate::render::links::{
    anchors, asset_path, document_link, includes, link_targets, page_anchors, split_url, Inclusions,
};
use std::collections::{HashMap, HashSet};

/// A warning per broken relative link, image or anchor of the documents,
/// at its line and column in the Markdown. In an mdBook (a `SUMMARY.md`), a
/// document that others `{{#include}}` is read as mdBook reads it: its
/// links from the folder of each page that shows it (and its own, when it
/// is a page of its own), its `#anchors` among that page's headings.
pub fn broken_links(project: &Project) -> crate::error::Result<Vec<Finding>> {
    let names = project.documents()?;
    let mut docs = Vec::with_capacity(names.len());
    for name in &names {
        let loaded = crate::project::files::load_document(project, name)?;
        let text = crate::fsutil::read_text(&loaded.path)?;
        docs.push((loaded, text));
    }
    let set: HashSet<String> = names.iter().cloned().collect();
    let inclusions = Inclusions::new(
        docs.iter()
            .map(|(l, text)| (l.name.as_str(), text.as_str())),
        &set,
    );
    // In an mdBook, a page's anchors are those of the text mdBook makes of
    // it and what it includes.
    let parsed: HashMap<&str, (&str, &crate::markdown::Document)> = docs
        .iter()
        .map(|(l, text)| (l.name.as_str(), (text.as_str(), &l.doc)))
        .collect();
    let mdbook = set.contains(crate::markdown::SUMMARY);
    let anchors: HashMap<&str, HashSet<String>> = docs
        .iter()
        .map(|(l, text)| {
            let anchors = match mdbook {
                true => page_anchors(&l.name, &parsed),
                false => anchors(text, &l.doc),
            };
            (l.name.as_str(), anchors)
        })
        .collect();
    let mut out = Vec::new();
    for (loaded, text) in &docs {
        let links = Links {
            project,
            docs: &set,
            anchors: &|page| anchors.get(page).cloned(),
            pages: &|d| inclusions.has_page(d),
        };
        let bases = inclusions.link_bases(&loaded.name);
        out.extend(links.broken_from(&loaded.name, &bases, text, &loaded.path));
    }
    Ok(out)
}

/// The project's [`Inclusions`] (in an mdBook: which documents include
/// which, which the summary lists), the documents read from the disk but
/// `doc` itself (`text`: an editor's buffer): the language server says what
/// check says.
pub fn inclusions(project: &Project, names: &HashSet<String>, doc: &str, text: &str) -> Inclusions {
    if !names.contains(crate::markdown::SUMMARY) {
        return Inclusions::default();
    }
    let texts: Vec<(&str, String)> = names
        .iter()
        .filter(|name| name.as_str() != doc)
        .filter_map(|name| {
            let path = project.content_dir.join(format!("{name}.md"));
            Some((name.as_str(), crate::fsutil::read_text(&path).ok()?))
        })
        .collect();
    let all = texts
        .iter()
        .map(|(name, text)| (*name, text.as_str()))
        .chain([(doc, text)]);
    Inclusions::new(all, names)
}

/// The anchors of document `page`'s page as check finds them, its file
/// read from the disk but for `open` (name, buffer, parsed): in an mdBook,
/// with what it includes ([`page_anchors`]).
pub fn anchors_of(
    project: &Project,
    names: &HashSet<String>,
    page: &str,
    open: (&str, &str, &crate::markdown::Document),
) -> Option<HashSet<String>> {
    let load = |name: &str| -> Option<(String, crate::markdown::Document)> {
        if name == open.0 {
            return Some((open.1.to_string(), open.2.clone()));
        }
        let loaded = crate::project::files::load_document(project, name).ok()?;
        Some((crate::fsutil::read_text(&loaded.path).ok()?, loaded.doc))
    };
    let (text, doc) = load(page)?;
    if !names.contains(crate::markdown::SUMMARY) || !text.contains("{{#") {
        return Some(anchors(&text, &doc));
    }
    // The page and what it includes, a few levels down.
    let mut loaded: Vec<(String, String, crate::markdown::Document)> =
        vec![(page.to_string(), text, doc)];
    let mut next = 0;
    while next < loaded.len() && loaded.len() < 64 {
        let (name, text, _) = &loaded[next];
        let targets: Vec<String> = crate::render::links::included(name, text)
            .into_iter()
            .filter(|t| names.contains(t) && !loaded.iter().any(|(n, _, _)| n == t))
            .collect();
        for target in targets {
            if let Some((text, doc)) = load(&target) {
                loaded.push((target, text, doc));
            }
        }
        next += 1;
    }
    let parsed = loaded
        .iter()
        .map(|(name, text, doc)| (name.as_str(), (text.as_str(), doc)))
        .collect();
    Some(page_anchors(page, &parsed))
}

/// A document's anchors, `None` when there is no such document to ask.
type Anchors = Option<HashSet<String>>;

/// What the links of a document are judged against: the project's documents
/// and each one's anchors (asked only of the documents its links name).
pub struct Links<'a> {
    pub project: &'a Project,
    pub docs: &'a HashSet<String>,
    pub anchors: &'a dyn Fn(&str) -> Option<HashSet<String>>,
    /// Whether a document has a page of its own ([`Inclusions::has_page`]).
    pub pages: &'a dyn Fn(&str) -> bool,
}

impl Links<'_> {
    /// A `broken-link` warning per broken relative link, image or anchor of
    /// document `name` (its Markdown `text`, at `path`): the project's check
    /// and the language server on an open document say the same.
    pub fn broken_in(&self, name: &str, text: &str, path: &std::path::Path) -> Vec<Finding> {
        self.broken_from(name, &[name.to_string()], text, path)
    }

    /// [`Links::broken_in`] for a document whose links are read from the
    /// folders of the pages `bases` (itself, or the pages that include it):
    /// a link broken on any of them is, the page named when it is another's.
    /// The files its directives read are its own folder's.
    pub fn broken_from(
        &self,
        name: &str,
        bases: &[String],
        text: &str,
        path: &std::path::Path,
    ) -> Vec<Finding> {
        let project = self.project;
        let path = path.strip_prefix(&project.root).unwrap_or(path);
        let mut asked: HashMap<String, Option<HashSet<String>>> = HashMap::new();
        let mut anchors_of = |page: &str| -> Anchors {
            asked
                .entry(page.to_string())
                .or_insert_with(|| (self.anchors)(page))
                .clone()
        };
        let own = [name.to_string()];
        // (a link names a page; a directive names a file mdBook reads)
        let targets = link_targets(text)
            .into_iter()
            .map(|t| (t, bases, true))
            .chain(includes(text).into_iter().map(|t| (t, &own[..], false)));
        let mut out = Vec::new();
        for ((url, offset), bases, link) in targets {
            let why = bases.iter().find_map(|base| {
                let why = broken(project, base, &url, (self, link), &mut anchors_of)?;
                Some(match base == name {
                    true => why,
                    false => format!("{why} on the page of {base}.md, which includes it (mdBook reads an included document's links from there)"),
                })
            });
            let Some(why) = why else { continue };
            let (line, column) = crate::ftl::line_column(text, offset);
            // The target as written, inside the link that begins at `offset`.
            let at = text[offset..]
                .find(url.as_str())
                .filter(|i| !text[offset..offset + i].contains("\n\n"))
                .map_or(offset, |i| offset + i);
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
                span: at..(at + url.len()).min(text.len()),
            });
        }
        out
    }
}

/// Why a relative target of document `doc` is broken, if it is.
/// (`link`: whether it is a link to follow, not a file a directive reads.)
fn broken(
    project: &Project,
    doc: &str,
    url: &str,
    (links, link): (&Links, bool),
    anchors: &mut dyn FnMut(&str) -> Anchors,
) -> Option<String> {
    let docs = links.docs;
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
        // mdBook makes no page of a document its summary does not list.
        if link && !path.is_empty() && !(links.pages)(&page) {
            return Some(format!(
                "names {page}.md, which SUMMARY.md does not list: mdBook makes no page of it"
            ));
        }
        let fragment = fragment?;
        let has = anchors(&page).is_some_and(|a| a.contains(fragment));
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
