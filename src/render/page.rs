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
    /// Its Open Graph form (`ar_IQ`, from the format locale).
    pub og_locale: String,
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
    /// The locale's index, previous/next and table of contents; none in a preview.
    pub nav: Option<&'a Nav>,
    /// The CSS list style that counts in the locale's digits (`arabic-indic`),
    /// when they are not Latin: ordered lists and the footnotes use it.
    pub digits: Option<&'static str>,
    /// The page's description (`<meta name="description">`), in its language.
    pub description: Option<&'a str>,
    /// The page's locale in Open Graph's form (`og:locale`).
    pub og_locale: &'a str,
    /// `[build] base-url`, ending in `/`: absolute alternates and a canonical link.
    pub base_url: Option<&'a str>,
    /// An mdBook's 404 page, which a server shows at any address: search
    /// engines leave it out, and with a base URL its links are read from its
    /// locale's folder (`<base href>`, as mdBook's `site-url` does).
    pub not_found: bool,
}

/// Where a page of the site is, from a page `up` folders below the output
/// folder (`../../`): absolute under `base` when there is one.
fn site_url(base: Option<&str>, up: &str, path: &str) -> String {
    concat(&[base.unwrap_or(up), path])
}

/// The pieces one after the other: what `format!("{a}{b}…")` makes, without
/// its formatting machinery (a page has a link per locale and per table of
/// contents entry: hundreds of thousands in a book's build).
pub fn concat(pieces: &[&str]) -> String {
    let mut out = String::with_capacity(pieces.iter().map(|p| p.len()).sum());
    for p in pieces {
        out.push_str(p);
    }
    out
}

/// A table of contents line's class by its depth (deeper ones as 5).
const DEPTHS: [&str; 6] = [
    "depth-0", "depth-1", "depth-2", "depth-3", "depth-4", "depth-5",
];

/// The head's links for search engines and previews: `hreflang` alternates
/// (absolute with a base URL; else relative) and `x-default` (the source
/// locale's version, else the site index), `<link rel="canonical">` only with
/// a base URL, the description, Open Graph's title, locale and alternates, and
/// `noindex` on a pseudo-locale's page.
fn seo_head(parts: &PageParts, page: &dyn Fn(&str) -> String, up: &str) -> Markup {
    let pseudo = parts
        .lang
        .parse::<unic_langid::LanguageIdentifier>()
        .is_ok_and(|l| crate::locale::is_pseudo(&l));
    let default = if parts
        .alternates
        .iter()
        .any(|a| a.locale == parts.default_locale)
    {
        page(parts.default_locale)
    } else {
        site_url(parts.base_url, up, "index.html")
    };
    html! {
        @if let Some(d) = parts.description {
            meta name="description" content=(d);
        }
        @if pseudo {
            meta name="robots" content="noindex";
        }
        @for alt in parts.alternates {
            link rel="alternate" hreflang=(Text(&alt.locale)) href=(Text(&page(&alt.locale)));
        }
        @if !parts.alternates.is_empty() {
            link rel="alternate" hreflang="x-default" href=(default);
        }
        @if parts.base_url.is_some() {
            link rel="canonical" href=(page(parts.lang));
        }
        // An index lists pages; a document is an article.
        meta property="og:type" content=(if parts.body.is_empty() { "website" } else { "article" });
        meta property="og:title" content=(parts.title);
        @if let Some(d) = parts.description {
            meta property="og:description" content=(d);
        }
        meta property="og:locale" content=(parts.og_locale);
        @for alt in parts.alternates.iter().filter(|a| a.locale != parts.lang) {
            meta property="og:locale:alternate" content=(Text(&alt.og_locale));
        }
        @if parts.base_url.is_some() {
            meta property="og:url" content=(page(parts.lang));
        }
    }
}

/// A page's way around its locale's site, in the reader's language.
#[derive(Debug, Clone, Default)]
pub struct Nav {
    /// The locale's index page (relative to the page) and its label.
    pub home: Link,
    pub previous: Option<Link>,
    pub next: Option<Link>,
    /// "Previous", "Next" (page strings).
    pub previous_label: String,
    pub next_label: String,
    /// The table of contents (a book's `SUMMARY.md`); empty: none.
    pub toc: Vec<TocEntry>,
}

/// A link: where to and its text.
#[derive(Debug, Clone, Default)]
pub struct Link {
    pub href: String,
    pub text: String,
    /// The text's language when it is not the page's (a fallback).
    pub lang: Option<Lang>,
}

/// A language other than the page's, for `lang` and `dir` on what is in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lang {
    pub id: String,
    pub dir: Direction,
}

/// One line of a table of contents: a part title (no link) or a page.
#[derive(Debug, Clone)]
pub struct TocEntry {
    pub href: Option<String>,
    pub title: String,
    /// The title's language when it is not the page's (a fallback).
    pub lang: Option<Lang>,
    /// Nesting, 0 for the top.
    pub depth: usize,
    /// The page it is on.
    pub current: bool,
}

/// From a document's page to its locale's folder: `../` per folder of its name.
pub fn up_to_locale(doc: &str) -> String {
    "../".repeat(doc.matches('/').count())
}

/// The file name of a document's page (`build.html` for `cli/build`).
fn own_file(doc: &str) -> String {
    format!("{}.html", doc.rsplit('/').next().unwrap_or(doc))
}

fn toc(entries: &[TocEntry], label: &str) -> Markup {
    html! {
        details.toc {
            summary { (label) }
            ol {
                @for e in entries {
                    li class=(DEPTHS[e.depth.min(5)]) {
                        (toc_line(e))
                    }
                }
            }
        }
    }
}

/// A table of contents' line: a link to its page (the current one marked),
/// or a part title; a title in another language says so.
fn toc_line(e: &TocEntry) -> TocLine<'_> {
    TocLine(e)
}

/// [`toc_line`], written straight into the page (a page has a line per
/// document of its part and per part: 300,000 in a 375-page book's build,
/// each its own `Markup` before). The markup maud makes of
///
/// ```text
/// @match &e.href {
///     Some(href) if e.current => a href=(href) aria-current="page" lang=[lang] dir=[dir] { (e.title) },
///     Some(href) => a href=(href) lang=[lang] dir=[dir] { (e.title) },
///     None => strong lang=[lang] dir=[dir] { (e.title) },
/// }
/// ```
///
/// byte for byte (a unit test holds it to maud's).
struct TocLine<'a>(&'a TocEntry);

impl maud::Render for TocLine<'_> {
    fn render_to(&self, out: &mut String) {
        let e = self.0;
        let (lang, dir) = lang_dir(e.lang.as_ref());
        let tag = if e.href.is_some() { "a" } else { "strong" };
        out.push('<');
        out.push_str(tag);
        if let Some(href) = &e.href {
            attribute(out, "href", href);
            if e.current {
                out.push_str(" aria-current=\"page\"");
            }
        }
        if let Some(lang) = lang {
            attribute(out, "lang", lang);
        }
        if let Some(dir) = dir {
            attribute(out, "dir", dir);
        }
        out.push('>');
        Text(&e.title).render_to(out);
        out.push_str("</");
        out.push_str(tag);
        out.push('>');
    }
}

/// ` name="value"`, the value escaped as maud escapes it.
fn attribute(out: &mut String, name: &str, value: &str) {
    use maud::Render;
    out.push(' ');
    out.push_str(name);
    out.push_str("=\"");
    Text(value).render_to(out);
    out.push('"');
}

/// A text as maud renders a `&str` (`&`, `<`, `>` and `"` escaped, nothing
/// else), the runs between those copied whole instead of byte by byte (a
/// book's build renders millions of titles, names and links).
pub struct Text<'a>(pub &'a str);

impl maud::Render for Text<'_> {
    fn render_to(&self, out: &mut String) {
        let text = self.0;
        let mut start = 0;
        for (i, b) in text.bytes().enumerate() {
            let escaped = match b {
                b'&' => "&amp;",
                b'<' => "&lt;",
                b'>' => "&gt;",
                b'"' => "&quot;",
                _ => continue,
            };
            out.push_str(&text[start..i]);
            out.push_str(escaped);
            start = i + 1;
        }
        out.push_str(&text[start..]);
    }
}

/// `lang` and `dir` attributes for text in `lang` (none: the page's own).
fn lang_dir(lang: Option<&Lang>) -> (Option<&str>, Option<&'static str>) {
    (lang.map(|l| l.id.as_str()), lang.map(|l| l.dir.as_str()))
}

fn pager(nav: &Nav) -> Markup {
    let title = |link: &Link| match &link.lang {
        Some(lang) => html! { span lang=(lang.id) dir=(lang.dir.as_str()) { (link.text) } },
        None => html! { (link.text) },
    };
    html! {
        nav.pager {
            @if let Some(p) = &nav.previous {
                a rel="prev" href=(p.href) { (nav.previous_label) ": " (title(p)) }
            }
            @if let Some(n) = &nav.next {
                a rel="next" href=(n.href) { (nav.next_label) ": " (title(n)) }
            }
        }
    }
}

/// A stylesheet that reads well in both directions: only logical properties
/// (`margin-inline`, `padding-inline-start`, `text-align: start`), never left/right.
pub const STYLESHEET: &str = r#"
:root { color-scheme: light dark; --accent: #0b5cad; --muted: #666; }
body { margin: 0; font-family: system-ui, "Noto Sans", "Segoe UI", sans-serif; line-height: 1.6; }
/* The Arabic-script face for text, never for code (below). */
:lang(ar):not(pre, code, kbd, samp, pre *, code *, kbd *, samp *), :lang(ckb):not(pre, code, kbd, samp, pre *, code *, kbd *, samp *), :lang(fa):not(pre, code, kbd, samp, pre *, code *, kbd *, samp *) { font-family: "Noto Naskh Arabic", "Noto Sans Arabic", "Vazirmatn", "Amiri", "Segoe UI", serif; line-height: 1.9; }
/* Code, keyboard and sample text read left to right in a monospace font on
   every page, isolated from a right-to-left sentence around them. */
pre, code, kbd, samp { font-family: ui-monospace, "DejaVu Sans Mono", "Noto Sans Mono", Menlo, Consolas, monospace; direction: ltr; unicode-bidi: isolate; }
pre { text-align: start; overflow-x: auto; line-height: 1.45; }
/* Arabic script has no italic: emphasis is weight (W3C alreq), not a
   synthetic slant of a Naskh face. A locale's stylesheet may choose otherwise. */
:lang(ar) em, :lang(ckb) em, :lang(fa) em, :lang(ur) em { font-style: normal; font-weight: 600; }
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
.untranslated:not(:lang(ar)):not(:lang(ckb)):not(:lang(fa)), .stale-original:not(:lang(ar)):not(:lang(ckb)):not(:lang(fa)) { font-family: system-ui, "Noto Sans", "Segoe UI", sans-serif; line-height: 1.6; }
.untranslated { border-inline-start: 3px solid #e0a800; padding-inline-start: 0.75rem; margin-block: 1rem; }
.untranslated-note { font-size: 0.85rem; color: var(--muted); margin-block: 0; }
/* A stale translation's note, under it; the current original opens below. */
details.stale { font-size: 0.85rem; color: var(--muted); border-inline-start: 3px solid #e0a800; padding-inline-start: 0.75rem; margin-block: -0.5rem 1rem; }
details.stale > summary { cursor: pointer; }
details.stale .stale-original { font-size: 1rem; color: CanvasText; }
nav.pager { display: flex; justify-content: space-between; gap: 1rem; margin-block: 2rem; }
nav.pager a[rel="next"] { margin-inline-start: auto; }
details.toc ol { list-style: none; padding-inline-start: 0; }
details.toc li.depth-1 { padding-inline-start: 1rem; } details.toc li.depth-2 { padding-inline-start: 2rem; }
details.toc li.depth-3, details.toc li.depth-4, details.toc li.depth-5 { padding-inline-start: 3rem; }
img { max-inline-size: 100%; }
/* Ordered lists and footnotes count in the locale's digits (ICU4X's
   numbering system: ar-IQ and ckb Arabic-Indic); English fallback keeps 1 2 3. */
html[data-digits="arabic-indic"] ol { list-style-type: arabic-indic; }
html[data-digits="persian"] ol { list-style-type: persian; }
html[data-digits="devanagari"] ol { list-style-type: devanagari; }
html[data-digits="bengali"] ol { list-style-type: bengali; }
html[data-digits] .untranslated ol { list-style-type: decimal; }
"#;

pub fn document_page(parts: &PageParts) -> String {
    // From the page to the output folder: its locale's folder and one per folder of its name.
    let root = format!("../{}", up_to_locale(parts.doc));
    let page: Markup = html! {
        (DOCTYPE)
        html lang=(parts.lang) dir=(parts.dir.as_str()) data-digits=[parts.digits] {
            head {
                meta charset="utf-8";
                @if parts.not_found {
                    @if let Some(base) = parts.base_url {
                        base href=(format!("{base}{}/", parts.lang));
                    }
                    meta name="robots" content="noindex";
                }
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (parts.title) }
                (seo_head(parts, &|locale: &str| site_url(parts.base_url, &root, &concat(&[locale, "/", parts.doc, ".html"])), &root))
                style { (PreEscaped(STYLESHEET)) }
            }
            body {
                header.site {
                    @if let Some(nav) = parts.nav {
                        a.home href=(nav.home.href) { (nav.home.text) }
                        " "
                    }
                    nav.languages aria-label=(parts.switcher_label) {
                        span { (parts.switcher_label) }
                        ul {
                            @for alt in parts.alternates {
                                li {
                                    @if alt.locale == parts.lang {
                                        a href=(own_file(parts.doc)) lang=(Text(&alt.locale)) dir=(alt.dir.as_str()) aria-current="page" { (Text(&alt.name)) }
                                    } @else {
                                        a href=(Text(&concat(&[&root, &alt.locale, "/", parts.doc, ".html"]))) hreflang=(Text(&alt.locale)) lang=(Text(&alt.locale)) dir=(alt.dir.as_str()) { (Text(&alt.name)) }
                                    }
                                }
                            }
                        }
                    }
                }
                main {
                    @if let Some(nav) = parts.nav.filter(|n| !n.toc.is_empty()) {
                        (toc(&nav.toc, &nav.home.text))
                    }
                    article { (PreEscaped(parts.body)) }
                    @if let Some(nav) = parts.nav.filter(|n| n.previous.is_some() || n.next.is_some()) {
                        (pager(nav))
                    }
                }
            }
        }
    };
    page.into_string()
}

/// What a locale's own index shows.
pub struct IndexParts<'a> {
    pub lang: &'a str,
    pub dir: Direction,
    pub title: &'a str,
    /// The title's language when it is not the page's (a book's title the
    /// locale has not translated).
    pub title_lang: Option<&'a Lang>,
    pub entries: &'a [TocEntry],
    pub alternates: &'a [Alternate],
    pub switcher_label: &'a str,
    /// The CSS list style of the locale's digits (see [`PageParts`]).
    pub digits: Option<&'static str>,
    pub og_locale: &'a str,
    pub base_url: Option<&'a str>,
}

/// A locale's own index: its documents in the tree's order (a book's
/// `SUMMARY.md` order), in its language and direction, linking to the other
/// locales' indexes.
pub fn locale_index(parts: &IndexParts) -> String {
    let IndexParts {
        lang,
        dir,
        title,
        entries,
        alternates,
        switcher_label,
        ..
    } = *parts;
    let head = PageParts {
        lang,
        dir,
        title,
        doc: "index",
        body: "",
        switcher_label,
        alternates,
        default_locale: "",
        nav: None,
        digits: parts.digits,
        description: None,
        og_locale: parts.og_locale,
        base_url: parts.base_url,
        not_found: false,
    };
    let page: Markup = html! {
        (DOCTYPE)
        html lang=(lang) dir=(dir.as_str()) data-digits=[parts.digits] {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) }
                (seo_head(&head, &|locale: &str| site_url(parts.base_url, "../", &format!("{locale}/index.html")), "../"))
                style { (PreEscaped(STYLESHEET)) }
            }
            body {
                header.site {
                    nav.languages aria-label=(switcher_label) {
                        span { (switcher_label) }
                        ul {
                            @for alt in alternates {
                                li {
                                    @if alt.locale == lang {
                                        a href="index.html" lang=(alt.locale) dir=(alt.dir.as_str()) aria-current="page" { (alt.name) }
                                    } @else {
                                        a href=(format!("../{}/index.html", alt.locale)) hreflang=(alt.locale) lang=(alt.locale) dir=(alt.dir.as_str()) { (alt.name) }
                                    }
                                }
                            }
                        }
                    }
                }
                main {
                    @let (title_lang, title_dir) = lang_dir(parts.title_lang);
                    h1 lang=[title_lang] dir=[title_dir] { (title) }
                    ol.documents {
                        @for e in entries {
                            li class=(DEPTHS[e.depth.min(5)]) {
                                (toc_line(e))
                            }
                        }
                    }
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

#[cfg(test)]
mod tests {
    use super::*;

    /// What maud made of a table of contents' line before [`TocLine`].
    fn maud_toc_line(e: &TocEntry) -> String {
        let (lang, dir) = lang_dir(e.lang.as_ref());
        let line: Markup = html! {
            @match &e.href {
                Some(href) if e.current => a href=(href) aria-current="page" lang=[lang] dir=[dir] { (e.title) },
                Some(href) => a href=(href) lang=[lang] dir=[dir] { (e.title) },
                None => strong lang=[lang] dir=[dir] { (e.title) },
            }
        };
        line.into_string()
    }

    /// Lines with and without a link, current or not, in the page's
    /// language or another's, with every character maud escapes.
    #[test]
    fn toc_lines_are_what_maud_made() {
        let hostile = "a & b <i>\"quoted\"</i> 'single' > c — مرحبا";
        let lang = Lang {
            id: "en-US".into(),
            dir: Direction::Ltr,
        };
        let mut seen = 0;
        for href in [
            None,
            Some("../cli/build.html".to_string()),
            Some(hostile.to_string()),
        ] {
            for title in ["Build", hostile, ""] {
                for lang in [None, Some(lang.clone())] {
                    for current in [false, true] {
                        let e = TocEntry {
                            href: href.clone(),
                            title: title.into(),
                            lang: lang.clone(),
                            depth: 1,
                            current,
                        };
                        let ours = html! { (toc_line(&e)) }.into_string();
                        assert_eq!(ours, maud_toc_line(&e), "{e:?}");
                        seen += usize::from(ours.contains("&amp;"));
                    }
                }
            }
        }
        assert!(seen > 10);
    }

    /// [`Text`] escapes as maud does, at the start, the end and between.
    #[test]
    fn text_is_escaped_as_maud_escapes() {
        for text in [
            "",
            "plain",
            "&",
            "<>\"&",
            "x < y && z > \"w\" 'v'",
            "مرحبا & <b>",
            "\"start and end\"",
        ] {
            let ours = html! { (Text(text)) }.into_string();
            let theirs = html! { (text) }.into_string();
            assert_eq!(ours, theirs, "{text}");
            let ours = html! { a href=(Text(text)) {} }.into_string();
            let theirs = html! { a href=(text) {} }.into_string();
            assert_eq!(ours, theirs, "{text}");
        }
    }
}
