//! Links between the pages of a tree, without a disk: a relative link to a
//! document's `.md` becomes a link to its page (`../format/summary.md#x` →
//! `../format/summary.html#x`, or the source locale's page when the reader's
//! locale does not publish it), and headings get ids made from the English
//! heading, as mdBook makes them, so `#anchors` work in every locale.

use std::collections::{HashMap, HashSet};

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

/// The page URL for a link's target in a page, if it names a document.
pub fn page_url(url: &str, links: &Links) -> Option<String> {
    if !is_relative(url) {
        return None;
    }
    let (path, rest) = split_url(url);
    let stem = path.strip_suffix(".md")?;
    let target = resolve(links.doc, stem)?;
    if !links.docs.contains(&target) {
        return None;
    }
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

/// Ids made unique within a page as mdBook does: the second `intro` is `intro-1`.
#[derive(Default)]
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
}
