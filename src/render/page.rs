//! The HTML page around a rendered document, and the site index. maud escapes
//! every value it interpolates; only the sanitized body goes in pre-escaped.

use crate::locale::Direction;
use maud::{html, Markup, PreEscaped, DOCTYPE};

/// One published version of a document, for the switcher and `hreflang` links.
#[derive(Debug, Clone)]
pub struct Alternate {
    pub locale: String,
    pub dir: Direction,
    /// The language's name in its own script (`page-language-name`).
    pub name: String,
}

pub struct PageParts<'a> {
    pub lang: &'a str,
    pub dir: Direction,
    pub title: &'a str,
    pub doc: &'a str,
    /// Sanitized HTML of the document body.
    pub body: &'a str,
    pub switcher_label: &'a str,
    pub alternates: &'a [Alternate],
    /// The locale `x-default` points at (the source).
    pub default_locale: &'a str,
}

/// A stylesheet that reads well in both directions: only logical properties
/// (`margin-inline`, `padding-inline-start`, `text-align: start`), never left/right.
pub const STYLESHEET: &str = r#"
:root { color-scheme: light dark; --accent: #0b5cad; --muted: #666; }
body { margin: 0; font-family: system-ui, "Noto Sans", "Segoe UI", sans-serif; line-height: 1.6; }
:lang(ar), :lang(ckb), :lang(fa) { font-family: "Noto Naskh Arabic", "Noto Sans Arabic", "Vazirmatn", "Amiri", "Segoe UI", serif; line-height: 1.9; }
header.site, main { max-inline-size: 42rem; margin-inline: auto; padding-inline: 1.25rem; }
header.site { padding-block: 1rem; border-block-end: 1px solid #ddd; font-size: 0.95rem; }
nav.languages ul { display: inline; list-style: none; margin: 0; padding: 0; }
nav.languages li { display: inline; margin-inline-start: 0.75rem; }
nav.languages a[aria-current] { font-weight: bold; text-decoration: none; color: inherit; }
article { text-align: start; }
h1 { font-size: 2rem; line-height: 1.25; margin-block: 1.5rem 0.5rem; }
h2 { font-size: 1.4rem; margin-block: 2rem 0.5rem; }
p.byline { color: var(--muted); margin-block-start: 0; }
a { color: var(--accent); }
blockquote { margin-inline: 0; padding-inline-start: 1rem; border-inline-start: 3px solid #ccc; }
blockquote[class^="markdown-alert-"] { border-inline-start-color: var(--alert); }
.markdown-alert-note { --alert: #0969da; } .markdown-alert-tip { --alert: #1a7f37; }
.markdown-alert-important { --alert: #8250df; } .markdown-alert-warning { --alert: #9a6700; }
.markdown-alert-caution { --alert: #cf222e; }
p.markdown-alert-title { font-weight: 600; color: var(--alert); margin-block-end: 0.25rem; }
ul, ol { padding-inline-start: 1.5rem; }
.untranslated:not(:lang(ar)):not(:lang(ckb)):not(:lang(fa)) { font-family: system-ui, "Noto Sans", "Segoe UI", sans-serif; line-height: 1.6; }
.untranslated { border-inline-start: 3px solid #e0a800; padding-inline-start: 0.75rem; margin-block: 1rem; }
.untranslated-note { font-size: 0.85rem; color: var(--muted); margin-block: 0; }
"#;

pub fn document_page(parts: &PageParts) -> String {
    let page: Markup = html! {
        (DOCTYPE)
        html lang=(parts.lang) dir=(parts.dir.as_str()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (parts.title) }
                @for alt in parts.alternates {
                    link rel="alternate" hreflang=(alt.locale) href=(format!("../{}/{}.html", alt.locale, parts.doc));
                }
                link rel="alternate" hreflang="x-default" href=(format!("../{}/{}.html", parts.default_locale, parts.doc));
                style { (PreEscaped(STYLESHEET)) }
            }
            body {
                header.site {
                    nav.languages aria-label=(parts.switcher_label) {
                        span { (parts.switcher_label) }
                        ul {
                            @for alt in parts.alternates {
                                li {
                                    @if alt.locale == parts.lang {
                                        a href=(format!("{}.html", parts.doc)) lang=(alt.locale) dir=(alt.dir.as_str()) aria-current="page" { (alt.name) }
                                    } @else {
                                        a href=(format!("../{}/{}.html", alt.locale, parts.doc)) hreflang=(alt.locale) lang=(alt.locale) dir=(alt.dir.as_str()) { (alt.name) }
                                    }
                                }
                            }
                        }
                    }
                }
                main {
                    article { (PreEscaped(parts.body)) }
                }
            }
        }
    };
    page.into_string()
}

/// One row of the index: a document and the versions it is published in.
pub struct IndexEntry {
    pub doc: String,
    pub title: String,
    pub languages_line: String,
    pub versions: Vec<Alternate>,
}

pub fn index_page(lang: &str, dir: Direction, title: &str, entries: &[IndexEntry]) -> String {
    let page: Markup = html! {
        (DOCTYPE)
        html lang=(lang) dir=(dir.as_str()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) }
                style { (PreEscaped(STYLESHEET)) }
            }
            body {
                main {
                    h1 { (title) }
                    ul.documents {
                        @for entry in entries {
                            li {
                                a href=(format!("{}/{}.html", lang, entry.doc)) { (entry.title) }
                                " — " (entry.languages_line) ": "
                                @for (i, v) in entry.versions.iter().enumerate() {
                                    @if i > 0 { " · " }
                                    a href=(format!("{}/{}.html", v.locale, entry.doc)) hreflang=(v.locale) lang=(v.locale) dir=(v.dir.as_str()) { (v.name) }
                                }
                            }
                        }
                    }
                }
            }
        }
    };
    page.into_string()
}
