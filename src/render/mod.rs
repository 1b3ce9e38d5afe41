//! Rendering one document in one locale, without a disk: the source Markdown
//! plus each block's translation (or its fallback) → HTML body, Markdown, text.
//!
//! Translations are untrusted. Each is parsed as inline Markdown on its own
//! (it can never open a heading, a list or a raw-HTML block), keeps only the
//! inline markup its English block has (emphasis, a link to the same target),
//! shows any HTML it carries as text, and the HTML of the whole body then goes
//! through ammonia's allow-list sanitizer.
//!
//! - [`html`]: the sanitized HTML body; [`markdown`](mod@markdown): the translated
//!   Markdown and the rules that keep a translation inline; [`text`](mod@text):
//!   plain text; [`bidi`]: Fluent's isolates for HTML and for plain outputs;
//!   [`page`]: the page around the body and the site index (maud).
//!
//! Each piece of Markdown is parsed once: a document's source and English
//! blocks once for all its pages ([`shared`]), each page's translations once
//! for its HTML and Markdown outputs ([`prepare`]); [`html_body`] and
//! [`markdown()`] do both for one page.

pub mod bidi;
pub mod footnotes;
pub mod html;
pub mod links;
pub mod markdown;
pub mod page;
pub mod text;

pub use bidi::{html_text, plain_isolates};
pub use html::{html_body, html_body_prepared, sanitize};
pub use markdown::{
    drop_foreign_links, in_context, inline_only, markdown, markdown_prepared, prepare, shared,
    Prepared, Shared,
};
pub use text::text;

use crate::locale::Direction;
use crate::markdown::Document;

/// The text shown for one block or front-matter field.
#[derive(Debug, Clone)]
pub struct Piece {
    /// Formatted text (inline Markdown for blocks), with Fluent's bidi isolates.
    pub text: String,
    /// `None` when the page's own locale has it; else the fallback locale used.
    pub fallback: Option<FallbackInfo>,
    /// When the page shows a stale translation with a note (`[build] stale =
    /// "note"`): the current English block (inline Markdown), shown beside it.
    pub stale: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FallbackInfo {
    pub lang: String,
    pub dir: Direction,
}

/// A page string and, when it was taken from another locale of the fallback
/// chain (the page's own lacks it), that locale.
#[derive(Debug, Clone, Default)]
pub struct PageString {
    pub text: String,
    pub fallback: Option<FallbackInfo>,
}

/// Page-level strings, already formatted in the page's locale.
#[derive(Debug, Clone, Default)]
pub struct PageText {
    /// Byline parts ("Written by …", "Edited by …") and the reading time.
    pub byline: Vec<PageString>,
    pub reading_time: PageString,
    /// "This part has not been translated yet."
    pub untranslated_note: String,
    /// "This part may be out of date…" (the summary of a stale block's
    /// note), marked with its language when it is not the page's (a project
    /// whose page strings lack it gets ftlkit's built-in English).
    pub stale_note: PageString,
    /// The source locale (the language of a stale block's English) and its direction.
    pub source: Option<FallbackInfo>,
    /// The titles of GitHub alerts: note, tip, important, warning, caution.
    pub alert_titles: [String; 5],
}

/// Everything needed to render a document in one locale.
pub struct RenderInput<'a> {
    pub source: &'a str,
    pub doc: &'a Document,
    /// One piece per block of `doc`, in order.
    pub blocks: &'a [Piece],
    /// Translated front-matter fields (key, text).
    pub meta: &'a [(String, String)],
    pub lang: &'a str,
    pub dir: Direction,
    pub page: &'a PageText,
    /// Where links to other documents point (see [`links`]).
    pub links: links::Links<'a>,
    /// The book generator the Markdown is for, if any: then each fallback
    /// block is marked with its language and direction (`<div lang dir>`
    /// around a top-level paragraph, `<span lang dir>` inside a nested one)
    /// and each heading carries its English anchor (`{#id}`).
    pub book: Option<Book>,
    /// What the page's mdBook directives include in ftlkit's own pages
    /// (none in a book, whose generator expands them).
    pub includes: &'a Includes,
    /// The locale's digits when they are not Latin (`intl::digits`): footnote
    /// numbers are written in them.
    pub digits: Option<[char; 10]>,
}

/// What mdBook's `{{#include …}}` directives of a page bring into ftlkit's
/// own pages (a site's HTML, and its Markdown and text for a whole block of
/// them): the build works it out, the renderers put it in place.
#[derive(Debug, Clone, Default)]
pub struct Includes {
    /// Each block of directives only ([`crate::markdown::is_directives`]),
    /// by its source range, and what is shown in its place.
    pub blocks: Vec<Included>,
    /// The text of the files the page's directives include, by the path as
    /// written (`../listings/x.rs`), for code blocks.
    pub files: std::collections::HashMap<String, String>,
    /// Whether the page is itself included in another (then it has no byline).
    pub inside: bool,
    /// When it is: the ids of the headings the page that shows it has
    /// before it (its own headings' ids are made unique after those, as
    /// mdBook makes them in the text it includes).
    pub ids: links::Ids,
    /// Whether the project is an mdBook (a `SUMMARY.md` at the top of its
    /// content): only then are `{{#…}}` mdBook's directives, expanded in
    /// code and shown without their escaping backslash; elsewhere they are
    /// text like any other.
    pub mdbook: bool,
}

/// A block of directives and what it includes: the documents it names as
/// this page's locale renders them, one after another.
#[derive(Debug, Clone, Default)]
pub struct Included {
    /// The paragraph of directives in the source.
    pub range: std::ops::Range<usize>,
    /// The documents' HTML bodies (sanitized).
    pub html: String,
    /// The documents' translated Markdown (no front matter).
    pub markdown: String,
    /// The ids its headings are made from (without an id of their own), in
    /// order, included ones too: they count in the page that shows them.
    pub headings: Vec<String>,
}

/// A generator whose Markdown a book's pages are written for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Book {
    /// mdBook (CommonMark: Markdown inside an HTML block between blank lines).
    Mdbook,
    /// MkDocs (Python-Markdown with `md_in_html`: a block's `markdown="1"`).
    Mkdocs,
}
