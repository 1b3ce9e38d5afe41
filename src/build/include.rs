//! mdBook's `{{#include …}}` in a site's own pages: a block of directives
//! that names a document of the content tree shows that document as the same
//! locale renders it (its blocks, fallbacks marked as usual); a code block's
//! `{{#include ../listings/x.rs:2:10}}` shows the file's lines. A book
//! (`--layout mdbook`) keeps the directives for mdBook, which reads each
//! locale's own files.

use super::load::{Chunk, LocaleFiles, Outline, SourceDoc};
use super::Site;
use crate::markdown::directive::directives;
use crate::project::Project;
use crate::render::links::{resolve, HeadingId, Ids};
use crate::render::{Included, Includes};
use std::collections::HashMap;

/// How deep included documents may include others (a cycle stops there).
const DEPTH: usize = crate::render::links::INCLUDE_DEPTH;

/// The largest file a code block includes (a listing, not a data dump).
const FILE_MAX: u64 = 1 << 20;

/// The files (not documents) the documents' directives read, by their path
/// under the content folder, read once for every page of a site. A file
/// that is missing or unreadable is left out (`check` reports it).
pub(super) fn files(project: &Project, docs: &[Outline]) -> HashMap<String, String> {
    let mut out = HashMap::new();
    for (name, text) in docs.iter().filter_map(Outline::named_text) {
        for d in directives(text) {
            // (a `.md` too: a code block may show a document's source)
            let Some(path) = d.path() else { continue };
            let Some(under) = resolve(name, path) else {
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
/// (`depth`: how deep in other pages it is itself included; `ids`: the ids
/// of the headings the page has before it).
pub(super) fn includes(
    doc: &SourceDoc,
    chain: &[&LocaleFiles],
    site: &Site,
    depth: usize,
    ids: &Ids,
) -> Includes {
    let name = &doc.loaded.name;
    // A book's document only included by others: its `{#id}`s are made
    // where mdBook shows it, after the including page's ids.
    let seed = site.book_ids.and_then(|seeds| seeds.get(name));
    let mut out = Includes {
        inside: depth > 0,
        ids: seed.unwrap_or(ids).clone(),
        ..Default::default()
    };
    out.mdbook = site.links.docs.contains(crate::markdown::SUMMARY);
    if !out.mdbook || !doc.text.contains("{{#") {
        return out;
    }
    if let Some(book) = site.book {
        // mdBook includes them: only the ids their headings take count,
        // for the `{#id}` the page's later headings carry (MkDocs includes nothing).
        if book == crate::render::Book::Mdbook {
            out.blocks = book_blocks(doc, site.sources, 0);
        }
        return out;
    }
    for d in directives(&doc.text) {
        let Some(path) = d.path() else { continue };
        if let Some(text) = resolve(name, path).and_then(|p| site.files?.get(&p)) {
            out.files.insert(path.to_string(), text.clone());
        }
    }
    // The page's headings and those it includes count in its order, as
    // mdBook makes the ids of the text it includes.
    let headings = match crate::markdown::directive::includes_a_document(&doc.text) {
        true => made_ids(doc),
        false => Vec::new(),
    };
    let mut counted = 0;
    let mut ids = ids.clone();
    for range in crate::markdown::directive::paragraphs(&doc.text) {
        let mut included = Included {
            range: range.clone(),
            ..Default::default()
        };
        while let Some((_, id)) = headings.get(counted).filter(|(at, _)| *at < range.start) {
            ids.unique(id.clone());
            counted += 1;
        }
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
                    let shown = fragment(source, chain, site, depth + 1, &ids);
                    for id in &shown.headings {
                        ids.unique(id.clone());
                    }
                    included.html.push_str(&shown.html);
                    included.markdown.push_str(&shown.markdown);
                    included.headings.extend(shown.headings);
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
    doc: &Outline,
    names: &std::collections::HashSet<String>,
) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let Some((name, text)) = doc.named_text() else {
        return out;
    };
    for target in crate::render::links::included(name, text) {
        if names.contains(&target) && target != doc.name && !out.contains(&target) {
            out.push(target);
        }
    }
    out
}

/// The documents in chunks of `size`, each with what its documents
/// include (and those include): a chunk's pages need those documents' files.
pub(super) fn chunks(docs: &[Outline], size: usize) -> Vec<Chunk> {
    use std::collections::HashSet;
    let names: HashSet<String> = docs.iter().map(|d| d.name.clone()).collect();
    let index: HashMap<&str, usize> = docs
        .iter()
        .enumerate()
        .map(|(i, d)| (d.name.as_str(), i))
        .collect();
    (0..docs.len())
        .step_by(size.max(1))
        .map(|start| {
            let own = start..(start + size.max(1)).min(docs.len());
            let mut read: std::collections::BTreeSet<usize> = own.clone().collect();
            // What they include, and what that includes.
            let mut todo: Vec<usize> = own.clone().collect();
            while let Some(d) = todo.pop() {
                if !docs[d].text.as_ref().is_some_and(|t| t.contains("{{#")) {
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
/// matter) in `chain`'s first locale, and the ids its headings are made
/// from (its own and those it includes, in order); `ids`: those of the page
/// before it. Its links are the page's: mdBook includes text, so they are
/// read from the folder of the page that shows it. Its format errors are
/// its own page's.
fn fragment(
    doc: &SourceDoc,
    chain: &[&LocaleFiles],
    site: &Site,
    depth: usize,
    ids: &Ids,
) -> Included {
    let mut site = *site;
    site.book = None;
    let formatted = super::Formatted::new(doc, chain, &site, depth, ids);
    let input = formatted.input(doc, chain, &site);
    let shared = crate::render::shared(&doc.text, &doc.loaded.doc);
    let prepared = crate::render::prepare(&input, &shared);
    let html = crate::render::html_body_prepared(&input, &shared, &prepared);
    let markdown = crate::render::markdown_prepared(&input, &prepared);
    let body = match &doc.loaded.doc.meta.range {
        Some(_) => without_front_matter(&markdown),
        None => &markdown,
    };
    Included {
        range: 0..0,
        headings: brought(doc, &formatted.includes.blocks),
        html,
        markdown: format!("{}\n", body.trim_end()),
    }
}

/// For a book: each document that only others include (the summary does
/// not list it), and the ids of the headings before it on the first page
/// that includes it, after which its headings' ids are made (one file, one
/// set of `{#id}`s: the first place mdBook shows it). Reads (whole) the
/// documents that include others and those they include.
pub(super) fn book_ids(
    project: &Project,
    outlines: &[Outline],
) -> crate::error::Result<HashMap<String, Ids>> {
    let names = outlines.iter().map(|d| d.name.clone()).collect();
    let inclusions = crate::render::links::Inclusions::new(
        outlines.iter().filter_map(Outline::named_text),
        &names,
    );
    let includes = |d: &Outline| {
        let text = d.text.as_deref();
        text.is_some_and(crate::markdown::directive::includes_a_document)
    };
    if !outlines.iter().any(includes) {
        return Ok(HashMap::new());
    }
    // Those that include others and those included, in the documents' order.
    let read: Vec<String> = outlines
        .iter()
        .filter(|d| includes(d) || inclusions.is_included(&d.name))
        .map(|d| d.name.clone())
        .collect();
    let docs = super::load::source_docs(project, &read)?;
    let mut out: HashMap<String, Ids> = HashMap::new();
    let including = docs
        .iter()
        .filter(|d| crate::markdown::directive::includes_a_document(&d.text));
    for doc in including {
        let headings = made_ids(doc);
        let mut counted = 0;
        let mut ids = out.get(&doc.loaded.name).cloned().unwrap_or_default();
        for block in book_blocks(doc, &docs, 0) {
            while let Some((_, id)) = headings
                .get(counted)
                .filter(|(at, _)| *at < block.range.start)
            {
                ids.unique(id.clone());
                counted += 1;
            }
            let text = &doc.text[block.range];
            for target in crate::render::links::included(&doc.loaded.name, text) {
                let only_included = inclusions.is_included(&target)
                    && !inclusions.is_listed(&target)
                    && target != doc.loaded.name;
                if only_included {
                    out.entry(target).or_insert_with(|| ids.clone());
                }
            }
            for id in &block.headings {
                ids.unique(id.clone());
            }
        }
    }
    Ok(out)
}

/// A book page's paragraphs of directives, each with the ids the headings
/// of the documents it includes take (mdBook includes them; `depth`: how
/// deep `doc` is itself included).
fn book_blocks(doc: &SourceDoc, sources: &[SourceDoc], depth: usize) -> Vec<Included> {
    let mut out = Vec::new();
    if !crate::markdown::directive::includes_a_document(&doc.text) {
        return out;
    }
    for range in crate::markdown::directive::paragraphs(&doc.text) {
        let mut headings = Vec::new();
        let targets = crate::render::links::included(&doc.loaded.name, &doc.text[range.clone()]);
        for target in targets.into_iter().filter(|_| depth < DEPTH) {
            if let Some(source) = sources.iter().find(|s| s.loaded.name == target) {
                headings.extend(brought(source, &book_blocks(source, sources, depth + 1)));
            }
        }
        out.push(Included {
            range,
            headings,
            ..Default::default()
        });
    }
    out
}

/// The ids the headings of `doc` and of what it includes (`blocks`) are
/// made from, in the order they stand.
fn brought(doc: &SourceDoc, blocks: &[Included]) -> Vec<String> {
    let own = made_ids(doc);
    let mut headings: Vec<(usize, &[String])> = own
        .iter()
        .map(|(at, id)| (*at, std::slice::from_ref(id)))
        .collect();
    headings.extend(blocks.iter().map(|b| (b.range.start, &b.headings[..])));
    headings.sort_by_key(|(at, _)| *at);
    headings
        .into_iter()
        .flat_map(|(_, ids)| ids.to_vec())
        .collect()
}

/// The ids `doc`'s headings without an id of their own are made from, with
/// where each heading stands.
fn made_ids(doc: &SourceDoc) -> Vec<(usize, String)> {
    crate::render::links::headings(&doc.text, &doc.loaded.doc)
        .into_iter()
        .filter_map(|(at, id)| match id {
            HeadingId::Made(id) => Some((at, id)),
            HeadingId::Own(_) => None,
        })
        .collect()
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
