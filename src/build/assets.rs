//! The files the documents use besides each other (images, downloads): found
//! from each document's links, images and HTML `src`/`href`, read once
//! (guarded: regular files, no link out of the project), and published beside
//! each locale's pages at the same path, a locale's own file at that path
//! under its locale folder taking the place of the content folder's.

use super::outputs::Output;
use crate::error::Result;
use crate::project::Project;
use crate::render::links::{is_relative, resolve, split_url};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

/// A relative link, image or HTML `src`/`href` of a Markdown text: its
/// target as written and its byte offset.
pub fn targets(source: &str) -> Vec<(String, usize)> {
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
    out.extend(includes(source));
    out.retain(|(url, _)| is_relative(url));
    out
}

/// The files mdBook's `{{#include}}`, `{{#rustdoc_include}}` and
/// `{{#playground}}` read (not those written `\{{#…}}`, which are shown).
fn includes(source: &str) -> Vec<(String, usize)> {
    let mut out = Vec::new();
    for (at, _) in source.match_indices("{{#") {
        if source[..at].ends_with('\\') {
            continue;
        }
        let rest = &source[at + 3..];
        let Some((directive, args)) = rest.split_once(char::is_whitespace) else {
            continue;
        };
        if !matches!(directive, "include" | "rustdoc_include" | "playground") {
            continue;
        }
        let path = args
            .trim_start()
            .split(|c: char| c.is_whitespace() || c == '}' || c == ':')
            .next()
            .unwrap_or("");
        if !path.is_empty() {
            out.push((path.to_string(), at));
        }
    }
    out
}

/// The `src="…"` and `href="…"` values of raw HTML, with their offsets.
fn html_urls(html: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for attr in ["src=", "href="] {
        let mut from = 0;
        while let Some(i) = html[from..].find(attr) {
            let start = from + i + attr.len();
            let rest = &html[start..];
            let quote = rest.chars().next().filter(|c| *c == '"' || *c == '\'');
            let value = match quote {
                Some(q) => rest[1..].split(q).next().unwrap_or(""),
                None => rest.split([' ', '>', '/']).next().unwrap_or(""),
            };
            out.push((start, value.to_string()));
            from = start;
        }
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

/// Every asset the documents use that exists under the content folder: its
/// path there (`/`-separated) → its bytes.
pub fn used(project: &Project, docs: &[super::SourceDoc]) -> Result<BTreeMap<String, Arc<[u8]>>> {
    let mut out = BTreeMap::new();
    for doc in docs {
        for (url, _) in targets(&doc.text) {
            let Some(rel) = asset_path(&doc.loaded.name, &url) else {
                continue;
            };
            if out.contains_key(&rel) {
                continue;
            }
            let path = project.content_dir.join(&rel);
            if path.is_file() && is_plain(&rel) {
                let bytes: Arc<[u8]> = crate::fsutil::read_guarded(&path)?.into();
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
    assets: &BTreeMap<String, Arc<[u8]>>,
    dir: &std::path::Path,
) -> Result<Vec<Output>> {
    let mut out = Vec::with_capacity(assets.len());
    for (rel, bytes) in assets {
        let bytes = match override_path(project, locale, rel) {
            Some(own) => crate::fsutil::read_guarded(&own)?.into(),
            None => bytes.clone(),
        };
        out.push(Output::bytes(dir.join(rel), bytes));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

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
