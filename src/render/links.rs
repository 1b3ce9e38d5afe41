//! Links between the pages of a tree, without a disk: a relative link to a
//! document's `.md` becomes a link to its page (`../format/summary.md#x` →
//! `../format/summary.html#x`, or the source locale's page when the reader's
//! locale does not publish it), and headings get ids made from the English
//! heading, as mdBook makes them, so `#anchors` work in every locale.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

/// What a page needs to point its links at pages.
#[derive(Debug, Clone, Copy)]
pub struct Links<'a> {
    /// The page's document name (`cli/build`).
    pub doc: &'a str,
    /// Every document of the project, by name.
    pub docs: &'a HashSet<String>,
    /// The documents published in the page's locale (the others link to the
    /// source locale's page). `None`: every document is.
    pub published: Option<&'a HashSet<String>>,
    /// The source locale's id (its folder beside the page's locale's).
    pub source: &'a str,
}

/// Whether a URL is relative to the page (no scheme, not `/…`, not `#…`).
pub fn is_relative(url: &str) -> bool {
    !url.is_empty()
        && !url.starts_with('#')
        && !url.starts_with('/')
        && !url.starts_with('\\')
        && !url
            .split_once(':')
            .is_some_and(|(scheme, _)| !scheme.contains('/') && !scheme.is_empty())
}

/// `base`'s folder joined with a relative path, `.` and `..` worked out;
/// `None` when it climbs out of the content folder.
pub fn resolve(doc: &str, rel: &str) -> Option<String> {
    let mut parts: Vec<&str> = doc.split('/').collect();
    parts.pop();
    for part in rel.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            other => parts.push(other),
        }
    }
    Some(parts.join("/"))
}

/// A URL split into its path and the rest (`?query#fragment`).
pub fn split_url(url: &str) -> (&str, &str) {
    let cut = url.find(['#', '?']).unwrap_or(url.len());
    url.split_at(cut)
}

/// The document a link's path names, if it names one, and the path without
/// its extension: `../format/summary.md`, or, as mdBook names a folder's
/// `README.md`, `../cli/index.html` when `cli/README` is a document and
/// `cli/index` is not.
pub fn document_link<'p>(
    doc: &str,
    path: &'p str,
    docs: &HashSet<String>,
) -> Option<(std::borrow::Cow<'p, str>, String)> {
    if let Some(stem) = path.strip_suffix(".md") {
        let target = resolve(doc, stem)?;
        return docs.contains(&target).then_some((stem.into(), target));
    }
    let folder = path.strip_suffix("index.html")?;
    if !(folder.is_empty() || folder.ends_with('/'))
        || docs.contains(&resolve(doc, &format!("{folder}index"))?)
    {
        return None;
    }
    let stem = format!("{folder}README");
    let target = resolve(doc, &stem)?;
    docs.contains(&target).then_some((stem.into(), target))
}

/// The page URL for a link's target in a page, if it names a document.
pub fn page_url(url: &str, links: &Links) -> Option<String> {
    if !is_relative(url) {
        return None;
    }
    let (path, rest) = split_url(url);
    let (stem, target) = document_link(links.doc, path, links.docs)?;
    if links.published.is_none_or(|p| p.contains(&target)) {
        return Some(format!("{stem}.html{rest}"));
    }
    let up = "../".repeat(links.doc.matches('/').count() + 1);
    Some(format!("{up}{}/{target}.html{rest}", links.source))
}

/// The id of a heading, as mdBook makes it from the heading's text: letters,
/// digits, `_` and `-` kept (lower-cased), spaces made `-`, the rest dropped.
pub fn heading_id(inline: &str) -> String {
    crate::markdown::plain_text(inline)
        .trim()
        .chars()
        .filter_map(|c| {
            if c.is_alphanumeric() || c == '_' || c == '-' {
                Some(c.to_ascii_lowercase())
            } else if c.is_whitespace() {
                Some('-')
            } else {
                None
            }
        })
        .collect()
}

/// Ids made unique within a page as mdBook does: the second `intro` is
/// `intro-1` (an included document's headings count in the page that shows them).
#[derive(Debug, Clone, Default)]
pub struct Ids(HashMap<String, usize>);

impl Ids {
    pub fn unique(&mut self, id: String) -> String {
        let n = self.0.entry(id.clone()).or_insert(0);
        let out = match *n {
            0 => id,
            k => format!("{id}-{k}"),
        };
        *n += 1;
        out
    }
}

/// The names of the documents a text of document `doc` (or a paragraph of
/// it) includes whole, read from `doc`'s folder, in order
/// (`{{#include ../shared/x.md}}` in `cli/watch` → `shared/x`).
pub fn included(doc: &str, text: &str) -> Vec<String> {
    crate::markdown::directive::included_documents(text)
        .into_iter()
        .filter_map(|path| resolve(doc, path.strip_suffix(".md")?))
        .collect()
}

/// Which documents include which, as mdBook's `{{#include other.md}}` in a
/// paragraph of its own does, in an mdBook (a `SUMMARY.md` among the
/// documents; elsewhere `{{#…}}` is text and nothing is included). mdBook
/// includes text: the included document's links and images are read from
/// the folder of the page that shows it, not its own; the paths of its own
/// directives from its own folder.
#[derive(Debug, Default)]
pub struct Inclusions {
    /// Document → the documents that include it, each once.
    by: HashMap<String, Vec<String>>,
    /// The documents the summary lists: pages of their own, included or not.
    listed: HashSet<String>,
    /// Whether the documents are an mdBook's (a `SUMMARY.md` among them).
    mdbook: bool,
}

impl Inclusions {
    /// The inclusions among `docs` (name, Markdown), of the documents named `names`.
    pub fn new<'t>(
        docs: impl IntoIterator<Item = (&'t str, &'t str)>,
        names: &HashSet<String>,
    ) -> Inclusions {
        let mut by: HashMap<String, Vec<String>> = HashMap::new();
        let mut listed = None;
        for (name, text) in docs {
            if name == crate::markdown::SUMMARY {
                listed = Some(summary_listed(text));
            }
            for target in included(name, text) {
                let includers = by.entry(target).or_default();
                if names.contains(name) && !includers.iter().any(|n| n == name) {
                    includers.push(name.to_string());
                }
            }
        }
        let Some(listed) = listed else {
            return Inclusions::default();
        };
        by.retain(|target, _| names.contains(target));
        Inclusions {
            by,
            listed,
            mdbook: true,
        }
    }

    /// Whether `doc` has a page of its own: in an mdBook, a chapter its
    /// summary lists or `404.md` (mdBook makes no other); elsewhere every
    /// document.
    pub fn has_page(&self, doc: &str) -> bool {
        !self.mdbook || self.listed.contains(doc) || doc == crate::markdown::NOT_FOUND
    }

    /// The documents whose folder `doc`'s links are read from: its own when
    /// it is a page of its own (listed in the summary, or included by no
    /// other), and each page that shows it.
    pub fn link_bases(&self, doc: &str) -> Vec<String> {
        self.bases(doc, &|d| !self.is_included(d) || self.listed.contains(d))
    }

    /// Whether the summary lists `doc` (it is a page of its own).
    pub fn is_listed(&self, doc: &str) -> bool {
        self.listed.contains(doc)
    }

    /// Whether another document (not only itself) includes `doc`.
    pub fn is_included(&self, doc: &str) -> bool {
        self.by
            .get(doc)
            .is_some_and(|by| by.iter().any(|n| n != doc))
    }

    /// The documents whose folder `doc`'s relative links are read from: its
    /// own when `own` says it is a page of its own, and each page that shows
    /// it (through includes of includes, a few levels up); its own when
    /// nothing else is.
    pub fn bases(&self, doc: &str, own: &dyn Fn(&str) -> bool) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        let mut seen: HashSet<&str> = HashSet::from([doc]);
        let mut level: Vec<&str> = vec![doc];
        for _ in 0..=INCLUDE_DEPTH {
            let mut next = Vec::new();
            for d in level {
                if own(d) && !out.iter().any(|o| o == d) {
                    out.push(d.to_string());
                }
                for by in self.by.get(d).into_iter().flatten() {
                    if seen.insert(by) {
                        next.push(by.as_str());
                    }
                }
            }
            level = next;
        }
        if out.is_empty() {
            out.push(doc.to_string());
        }
        out
    }
}

/// The documents a `SUMMARY.md` links to, by name.
fn summary_listed(text: &str) -> HashSet<String> {
    crate::markdown::link_targets(text)
        .into_iter()
        .filter_map(|url| {
            let (path, _) = split_url(&url);
            resolve(crate::markdown::SUMMARY, path.strip_suffix(".md")?)
        })
        .collect()
}

/// How deep mdBook's included documents may include others (a document
/// that includes itself stops there).
pub const INCLUDE_DEPTH: usize = 4;

/// A relative link, image or HTML `src`/`href` of a Markdown text, an
/// in-page anchor (`#x`), or a file an mdBook directive reads: its target as
/// written and its byte offset.
pub fn targets(source: &str) -> Vec<(String, usize)> {
    let mut out = link_targets(source);
    out.extend(includes(source));
    out
}

/// [`targets`] but the files of mdBook's directives: what a page's reader
/// follows (read from the folder of the page that shows the text; an
/// included document's directives are read from its own).
pub fn link_targets(source: &str) -> Vec<(String, usize)> {
    use pulldown_cmark::{Event, Parser, Tag};
    let mut out = Vec::new();
    for (event, range) in Parser::new_ext(source, crate::markdown::options()).into_offset_iter() {
        match event {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                out.push((dest_url.to_string(), range.start))
            }
            Event::Html(html) | Event::InlineHtml(html) => {
                for (at, url) in html_urls(&html) {
                    out.push((url, range.start + at));
                }
            }
            _ => {}
        }
    }
    out.retain(|(url, _)| is_relative(url) || (url.starts_with('#') && url.len() > 1));
    out
}

/// What a document's Markdown (`source`) may use besides pages: its link
/// and image targets that name a file ([`link_targets`] but anchors, `.md`
/// pages and folders), and the files its directives name ([`includes`]).
pub fn asset_candidates(source: &str) -> (Vec<String>, Vec<String>) {
    let links = link_targets(source)
        .into_iter()
        .map(|(url, _)| url)
        .filter(|url| {
            let (path, _) = split_url(url);
            !(path.is_empty() || path.ends_with(".md") || path.ends_with('/'))
        })
        .collect();
    let files = match source.contains("{{#") {
        true => includes(source).into_iter().map(|(path, _)| path).collect(),
        false => Vec::new(),
    };
    (links, files)
}

/// The files mdBook's `{{#include}}`, `{{#rustdoc_include}}` and
/// `{{#playground}}` read (not those written `\{{#…}}`, which are shown), as
/// [`crate::markdown::directive`] reads them.
pub fn includes(source: &str) -> Vec<(String, usize)> {
    crate::markdown::directive::directives(source)
        .into_iter()
        .filter_map(|d| Some((d.path()?.to_string(), d.range.start)))
        .filter(|(path, _)| is_relative(path))
        .collect()
}

/// The `src="…"` and `href="…"` values of raw HTML, with their offsets.
fn html_urls(html: &str) -> Vec<(usize, String)> {
    let mut out = attr_values(html, "src=");
    out.extend(attr_values(html, "href="));
    out
}

/// The values of one attribute (`src=`) in raw HTML, with their offsets.
fn attr_values(html: &str, attr: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = html[from..].find(attr) {
        let start = from + i + attr.len();
        // `data-src=` is not `src=`.
        let before = html[..from + i].chars().next_back();
        let rest = &html[start..];
        let quote = rest.chars().next().filter(|c| *c == '"' || *c == '\'');
        let value = match quote {
            Some(q) => rest[1..].split(q).next().unwrap_or(""),
            None => rest.split([' ', '>', '/']).next().unwrap_or(""),
        };
        if before.is_none_or(char::is_whitespace) {
            out.push((start, value.to_string()));
        }
        from = start;
    }
    out
}

/// The path under the content folder a document's relative target names
/// (`None` for a link to a document's `.md`, which is a page, or one that
/// climbs out of the content folder).
pub fn asset_path(doc: &str, url: &str) -> Option<String> {
    let (path, _) = split_url(url);
    if path.is_empty() || path.ends_with(".md") || path.ends_with('/') {
        return None;
    }
    let path = percent_decode(path);
    resolve(doc, &path).filter(|p| !p.is_empty())
}

/// `%20` and other escapes of a URL path, as a browser resolves them.
fn percent_decode(path: &str) -> String {
    url::form_urlencoded::parse(format!("x={}", path.replace('+', "%2B")).as_bytes())
        .next()
        .map(|(_, v)| v.into_owned())
        .unwrap_or_else(|| path.to_string())
}

/// A heading's id: its own (`## Options {#opts}`), or the one made from its
/// English text before it is made unique in the page (see [`Ids`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HeadingId {
    Own(String),
    Made(String),
}

/// Each heading of a document (its Markdown `source`, parsed as `doc`): where
/// it starts in the source, and its id.
pub fn headings(source: &str, doc: &crate::markdown::Document) -> Vec<(usize, HeadingId)> {
    use pulldown_cmark::{Event, Parser, Tag};
    let mut out = Vec::new();
    let mut next = 0usize;
    for (event, range) in Parser::new_ext(source, crate::markdown::options()).into_offset_iter() {
        if let Event::Start(Tag::Heading { id, .. }) = event {
            while doc
                .blocks
                .get(next)
                .is_some_and(|b| b.range.start < range.start)
            {
                next += 1;
            }
            let block = doc
                .blocks
                .get(next)
                .filter(|b| b.range.start >= range.start && b.range.end <= range.end);
            match (id, block) {
                (Some(id), _) => out.push((range.start, HeadingId::Own(id.to_string()))),
                (None, Some(block)) => {
                    out.push((range.start, HeadingId::Made(heading_id(&block.text))))
                }
                _ => {}
            }
        }
    }
    out
}

/// The anchors of document `name`'s page in an mdBook, where the documents
/// it includes (`docs`: name → Markdown and parsed document) are on it:
/// [`anchors`] of the text mdBook makes, each included document's headings
/// in their place, their ids made unique in the page's order.
pub fn page_anchors(
    name: &str,
    docs: &HashMap<&str, (&str, &crate::markdown::Document)>,
) -> HashSet<String> {
    match docs.get(name) {
        Some((source, doc)) if !crate::markdown::directive::includes_a_document(source) => {
            anchors(source, doc)
        }
        _ => {
            let mut out = HashSet::new();
            page_anchors_into(name, docs, &mut Ids::default(), &mut out, 0);
            out
        }
    }
}

fn page_anchors_into(
    name: &str,
    docs: &HashMap<&str, (&str, &crate::markdown::Document)>,
    ids: &mut Ids,
    out: &mut HashSet<String>,
    depth: usize,
) {
    let Some(&(source, doc)) = docs.get(name) else {
        return;
    };
    // The page's headings and its paragraphs of directives, in order.
    let mut items: Vec<(Range<usize>, Option<HeadingId>)> = headings(source, doc)
        .into_iter()
        .map(|(at, id)| (at..at, Some(id)))
        .collect();
    if depth < INCLUDE_DEPTH && crate::markdown::directive::includes_a_document(source) {
        items.extend(
            crate::markdown::directive::paragraphs(source)
                .into_iter()
                .map(|r| (r, None)),
        );
    }
    items.sort_by_key(|(r, _)| r.start);
    for (range, item) in items {
        match item {
            Some(HeadingId::Own(id)) => {
                out.insert(id);
            }
            Some(HeadingId::Made(id)) => {
                out.insert(ids.unique(id));
            }
            None => {
                for target in included(name, &source[range]) {
                    page_anchors_into(&target, docs, ids, out, depth + 1);
                }
            }
        }
    }
    out.extend(html_anchors(source));
}

/// The anchors a document's page has: each heading's id (its own, or the
/// one made from its English text, as the pages make them) and the `id`s and
/// `name`s of its raw HTML.
pub fn anchors(source: &str, doc: &crate::markdown::Document) -> HashSet<String> {
    let mut ids = Ids::default();
    let mut out: HashSet<String> = headings(source, doc)
        .into_iter()
        .map(|(_, id)| match id {
            HeadingId::Own(id) => id,
            HeadingId::Made(id) => ids.unique(id),
        })
        .collect();
    out.extend(html_anchors(source));
    out
}

/// The `id`s and `name`s of a text's raw HTML.
fn html_anchors(source: &str) -> Vec<String> {
    use pulldown_cmark::{Event, Parser};
    let mut out = Vec::new();
    for (event, _) in Parser::new_ext(source, crate::markdown::options()).into_offset_iter() {
        if let Event::Html(html) | Event::InlineHtml(html) = event {
            for attr in ["id=", "name="] {
                out.extend(attr_values(&html, attr).into_iter().map(|(_, v)| v));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_to_documents_become_links_to_pages() {
        let docs = ["cli/init", "format/summary", "README"]
            .map(String::from)
            .into();
        let published = ["cli/build", "cli/init"].map(String::from).into();
        let links = Links {
            doc: "cli/build",
            docs: &docs,
            published: Some(&published),
            source: "en-US",
        };
        assert_eq!(
            page_url("init.md#x", &links).as_deref(),
            Some("init.html#x")
        );
        assert_eq!(
            page_url("../format/summary.md", &links).as_deref(),
            Some("../../en-US/format/summary.html")
        );
        assert_eq!(page_url("../images/a.png", &links), None);
        assert_eq!(page_url("https://x.org/a.md", &links), None);
        assert_eq!(page_url("../../x.md", &links), None);
        assert_eq!(
            heading_id("The `mdbook build` command!"),
            "the-mdbook-build-command"
        );
        let mut ids = Ids::default();
        assert_eq!(ids.unique("a".into()), "a");
        assert_eq!(ids.unique("a".into()), "a-1");
    }

    #[test]
    fn targets_and_asset_paths() {
        let md = "# T\n\n![map](images/map.png) [a](other.md#x) [w](https://x.org)\n\n<img src=\"../logo.svg\">\n";
        let t: Vec<String> = targets(md).into_iter().map(|(u, _)| u).collect();
        assert_eq!(t, ["images/map.png", "other.md#x", "../logo.svg"]);
        assert_eq!(
            asset_path("cli/build", "../logo.svg").as_deref(),
            Some("logo.svg")
        );
        assert_eq!(
            asset_path("a", "img/x%20y.png").as_deref(),
            Some("img/x y.png")
        );
        assert_eq!(asset_path("a", "other.md#x"), None);
        assert_eq!(asset_path("a", "../../etc/passwd"), None);
    }
}
