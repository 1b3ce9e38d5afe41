//! `build --layout mdbook`: per locale with pages, a complete mdBook source
//! (`<locale>/book.toml`, `<locale>/src/**`) that `mdbook build <locale>`
//! builds: the translated Markdown of each document (fallback blocks marked
//! with their language and direction), `SUMMARY.md` (the project's,
//! translated, its targets unchanged; else one made from the tree), the
//! assets, and the project's `book.toml` with `language` set.

use super::load::Outline;
use super::nav::{LocaleNav, Order};
use super::outputs::Output;
use crate::error::{Error, Result};
use crate::project::Project;
use std::collections::BTreeMap;
use std::sync::Arc;

/// Where a rendered page goes in its locale's book: its Markdown as
/// `<locale>/src/<path>.md`; its HTML page and text are not part of a book.
pub(super) fn place(out_dir: &std::path::Path, page: Output) -> Option<Output> {
    let rel = page.path.strip_prefix(out_dir).ok()?;
    if rel.extension().is_none_or(|e| e != "md") {
        return None;
    }
    let mut parts = rel.components();
    let locale = parts.next()?;
    let path = out_dir.join(locale).join("src").join(parts.as_path());
    Some(Output::bytes(path, page.contents))
}

/// The rest of every book of a locale with pages (its pages are [`place`]d
/// as they are rendered): the chapters it does not publish, `SUMMARY.md`
/// unless the project has one, the assets and `book.toml`.
pub(super) fn books(
    project: &Project,
    docs: &[Outline],
    locales: &[crate::project::Locale],
    order: &Order,
    navs: &[Option<LocaleNav>],
    assets: &BTreeMap<String, Arc<Vec<u8>>>,
) -> Result<Vec<Output>> {
    let out_dir = &project.output_dir;
    let mut writes = Vec::new();
    let book_toml = crate::project::files::read_book_toml(project)?;
    // Each unpublished document read and wrapped once, for every locale without it.
    let mut wrapped: std::collections::HashMap<usize, Arc<Vec<u8>>> = Default::default();
    for (locale, nav) in locales.iter().zip(navs) {
        let Some(nav) = nav else { continue };
        let id = &locale.id;
        let src = out_dir.join(id).join("src");
        // A document this locale does not publish is there in the source's
        // words, marked with their language and direction (an Arabic book
        // shows it left to right), as a fallback block is.
        for (d, doc) in docs.iter().enumerate() {
            if nav.published.contains(&d) {
                continue;
            }
            let contents = match wrapped.get(&d) {
                Some(contents) => contents.clone(),
                None => {
                    let file = project.content_dir.join(format!("{}.md", doc.name));
                    let text = in_source_language(project, &crate::fsutil::read_text(&file)?);
                    wrapped
                        .entry(d)
                        .or_insert(Arc::new(text.into_bytes()))
                        .clone()
                }
            };
            writes.push(Output::bytes(
                src.join(format!("{}.md", doc.name)),
                contents,
            ));
        }
        if !order.summary {
            writes.push(Output::new(
                src.join("SUMMARY.md"),
                summary(docs, order, nav),
            ));
        }
        writes.extend(super::assets::outputs(project, id, assets, &src)?);
        let toml = book(book_toml.as_deref(), id, nav, project)?;
        writes.push(Output::new(out_dir.join(id).join("book.toml"), toml));
    }
    Ok(writes)
}

/// A whole document in the source's words inside a book of another
/// language: an HTML block with the source's language and direction, blank
/// lines around the Markdown so that mdBook reads it as Markdown.
fn in_source_language(project: &Project, text: &str) -> String {
    format!(
        "<div lang=\"{}\" dir=\"{}\">\n\n{}\n\n</div>\n",
        project.source.id,
        project.source.direction.as_str(),
        text.trim_end_matches('\n')
    )
}

/// A locale's `book.toml`: the project's with `[book] language` set,
/// `src = "src"`, and its title and description in the locale's words
/// (translated with the summary; the English where they are not), or a
/// minimal one titled as the locale's contents.
fn book(
    project_toml: Option<&str>,
    locale: &str,
    nav: &LocaleNav,
    project: &Project,
) -> Result<String> {
    let path = project.root.join("book.toml");
    let mut doc: toml_edit::DocumentMut = project_toml
        .unwrap_or("")
        .parse()
        .map_err(|e: toml_edit::TomlError| Error::file(&path, e.to_string()))?;
    let book = doc
        .entry("book")
        .or_insert_with(toml_edit::table)
        .as_table_mut()
        .ok_or_else(|| Error::file(&path, "`book` must be a table ([book])"))?;
    book["language"] = toml_edit::value(locale);
    book["src"] = toml_edit::value("src");
    for (key, field) in [
        ("title", &nav.book_title),
        ("description", &nav.book_description),
    ] {
        if let Some(field) = field {
            book[key] = toml_edit::value(field.text.as_str());
        }
    }
    if !book.contains_key("title") {
        book["title"] = toml_edit::value(nav.contents.as_str());
    }
    Ok(doc.to_string())
}

/// A `SUMMARY.md` made from the tree's order, in the locale's titles.
fn summary(docs: &[Outline], order: &Order, nav: &LocaleNav) -> String {
    let mut out = format!("# {}\n\n", escape(&nav.contents));
    for (e, title) in order.entries.iter().zip(&nav.titles) {
        let Some(d) = e.doc else { continue };
        let name = &docs[d].name;
        out.push_str(&format!(
            "{}- [{}]({}.md)\n",
            "    ".repeat(e.depth),
            escape(&title.text),
            name
        ));
    }
    out
}

/// Text safe inside a link's brackets.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '[' | ']' | '\\' | '*' | '_' | '`' | '<' | '&') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}
