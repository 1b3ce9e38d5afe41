//! mdBook's `{{#include …}}` in a site's own pages: a block of directives
//! that names a document of the content tree shows that document as the same
//! locale renders it (its blocks, fallbacks marked as usual); a code block's
//! `{{#include ../listings/x.rs:2:10}}` shows the file's lines. A book
//! (`--layout mdbook`) keeps the directives for mdBook, which reads each
//! locale's own files.

use super::load::{Chunk, LocaleFiles, SourceDoc};
use super::Site;
use crate::markdown::directive::directives;
use crate::project::Project;
use crate::render::links::resolve;
use crate::render::{Included, Includes};
use std::collections::HashMap;
use std::ops::Range;

/// How deep included documents may include others (a cycle stops there).
const DEPTH: usize = 4;

/// The largest file a code block includes (a listing, not a data dump).
const FILE_MAX: u64 = 1 << 20;

/// The files (not documents) the documents' directives read, by their path
/// under the content folder, read once for every page of a site. A file
/// that is missing or unreadable is left out (`check` reports it).
pub(super) fn files(project: &Project, docs: &[SourceDoc]) -> HashMap<String, String> {
    let mut out = HashMap::new();
    for doc in docs.iter().filter(|d| d.text.contains("{{#")) {
        for d in directives(&doc.text) {
            // (a `.md` too: a code block may show a document's source)
            let Some(path) = d.path() else { continue };
            let Some(under) = resolve(&doc.loaded.name, path) else {
                continue;
            };
            if out.contains_key(&under) {
                continue;
            }
            let file = project.content_dir.join(&under);
            // Read as every file ftlkit reads (a regular file, links only
            // within the project: a link to `/etc/passwd` is never published).
            let small = file.symlink_metadata().is_ok_and(|m| m.len() <= FILE_MAX);
            if let Some(text) = small
                .then(|| crate::fsutil::read_text(&file).ok())
                .flatten()
            {
                out.insert(under, text);
            }
        }
    }
    out
}

/// What `doc`'s directives include on its page in `chain`'s first locale
/// (`depth`: how deep in other pages it is itself included).
pub(super) fn includes(
    doc: &SourceDoc,
    chain: &[&LocaleFiles],
    site: &Site,
    depth: usize,
) -> Includes {
    let mut out = Includes {
        inside: depth > 0,
        ..Default::default()
    };
    out.mdbook = site.links.docs.contains(crate::markdown::SUMMARY);
    if site.book.is_some() || !out.mdbook || !doc.text.contains("{{#") {
        return out;
    }
    let name = &doc.loaded.name;
    for d in directives(&doc.text) {
        let Some(path) = d.path() else { continue };
        if let Some(text) = resolve(name, path).and_then(|p| site.files?.get(&p)) {
            out.files.insert(path.to_string(), text.clone());
        }
    }
    for range in directive_paragraphs(&doc.text) {
        let mut included = Included {
            range: range.clone(),
            ..Default::default()
        };
        for d in directives(&doc.text[range.clone()]) {
            let Some(path) = d.path() else { continue };
            let target = resolve(name, path);
            let target = target.as_deref().and_then(|t| t.strip_suffix(".md"));
            let source = site
                .sources
                .iter()
                .find(|s| Some(&*s.loaded.name) == target);
            let whole_doc = d.name == "include" && d.selection().is_none();
            match (source, out.files.get(path)) {
                (Some(source), _) if whole_doc && depth < DEPTH => {
                    let (html, markdown) = fragment(source, chain, site, depth + 1);
                    included.html.push_str(&html);
                    included.markdown.push_str(&markdown);
                }
                // Included in itself, further down: it stops there.
                (Some(_), _) if whole_doc => {}
                (_, Some(text)) => {
                    let shown = crate::markdown::directive::select_lines(text, d.selection());
                    push_listing(&mut included, shown.as_deref().unwrap_or(text));
                }
                // A file it cannot read (`check` says so): the directive as
                // written, as mdBook leaves one it cannot include.
                (None, None) => {
                    let at = range.start + d.range.start..range.start + d.range.end;
                    let written = &doc.text[at];
                    included
                        .html
                        .push_str(&maud::html! { p { (written) } }.into_string());
                    included.markdown.push_str(&format!(
                        "{written}

"
                    ));
                }
                _ => {}
            }
        }
        out.blocks.push(included);
    }
    out
}

/// The documents (of `names`) that `doc`'s paragraphs of directives show.
pub(super) fn included_names(
    doc: &SourceDoc,
    names: &std::collections::HashSet<String>,
) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for range in directive_paragraphs(&doc.text) {
        for d in directives(&doc.text[range]) {
            let target = d.path().and_then(|p| resolve(&doc.loaded.name, p));
            let Some(target) = target.as_deref().and_then(|t| t.strip_suffix(".md")) else {
                continue;
            };
            if names.contains(target)
                && target != doc.loaded.name
                && !out.iter().any(|n| n == target)
            {
                out.push(target.to_string());
            }
        }
    }
    out
}

/// The documents in chunks of `size`, each with what its documents
/// include (and those include): a chunk's pages need those documents' files.
pub(super) fn chunks(docs: &[SourceDoc], size: usize) -> Vec<Chunk> {
    use std::collections::HashSet;
    let names: HashSet<String> = docs.iter().map(|d| d.loaded.name.clone()).collect();
    let index: HashMap<&str, usize> = docs
        .iter()
        .enumerate()
        .map(|(i, d)| (d.loaded.name.as_str(), i))
        .collect();
    (0..docs.len())
        .step_by(size.max(1))
        .map(|start| {
            let own = start..(start + size.max(1)).min(docs.len());
            let mut read: std::collections::BTreeSet<usize> = own.clone().collect();
            // What they include, and what that includes.
            let mut todo: Vec<usize> = own.clone().collect();
            while let Some(d) = todo.pop() {
                if !docs[d].text.contains("{{#") {
                    continue;
                }
                for name in included_names(&docs[d], &names) {
                    if let Some(&i) = index.get(name.as_str()) {
                        if read.insert(i) {
                            todo.push(i);
                        }
                    }
                }
            }
            Chunk {
                own,
                read: read.into_iter().collect(),
            }
        })
        .collect()
}

/// The paragraphs of a document that are mdBook directives only.
fn directive_paragraphs(text: &str) -> Vec<Range<usize>> {
    use pulldown_cmark::{Event, Parser, Tag};
    Parser::new_ext(text, crate::markdown::options())
        .into_offset_iter()
        .filter_map(|(event, range)| match event {
            Event::Start(Tag::Paragraph) => Some(range),
            _ => None,
        })
        .filter(|r| crate::markdown::is_directives(&text[r.clone()]))
        .collect()
}

/// A file a block of directives includes (`{{#playground x.rs}}`), shown as
/// a code block.
fn push_listing(included: &mut Included, text: &str) {
    let html = maud::html! { pre { code { (text) } } };
    included.html.push_str(&html.into_string());
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest.max(2) + 1);
    let end = if text.ends_with('\n') { "" } else { "\n" };
    included
        .markdown
        .push_str(&format!("{fence}\n{text}{end}{fence}\n\n"));
}

/// An included document's HTML body and Markdown (without its front
/// matter) in `chain`'s first locale. Its format errors are its own page's.
fn fragment(
    doc: &SourceDoc,
    chain: &[&LocaleFiles],
    site: &Site,
    depth: usize,
) -> (String, String) {
    let mut site = *site;
    site.links.doc = &doc.loaded.name;
    site.book = None;
    let formatted = super::Formatted::new(doc, chain, &site, depth);
    let input = formatted.input(doc, chain, &site);
    let shared = crate::render::shared(&doc.text, &doc.loaded.doc);
    let prepared = crate::render::prepare(&input, &shared);
    let html = crate::render::html_body_prepared(&input, &shared, &prepared);
    let markdown = crate::render::markdown_prepared(&input, &prepared);
    let body = match &doc.loaded.doc.meta.range {
        Some(_) => without_front_matter(&markdown),
        None => &markdown,
    };
    (html, format!("{}\n", body.trim_end()))
}

/// A Markdown text after its front matter.
fn without_front_matter(markdown: &str) -> &str {
    use pulldown_cmark::{Event, Parser, TagEnd};
    Parser::new_ext(markdown, crate::markdown::options())
        .into_offset_iter()
        .find_map(|(event, range)| match event {
            Event::End(TagEnd::MetadataBlock(_)) => Some(markdown[range.end..].trim_start()),
            _ => None,
        })
        .unwrap_or(markdown)
}
