//! The workbench's pages, as maud templates (every value escaped), and its
//! stylesheet and script (plain, served by the server itself: no CDN, no
//! external fonts).

use super::model::{DashRow, DocView, MessageView, Part, State};
use super::{pieces, word_diff, Change, Piece};
use crate::finding::Finding;
use crate::lint::Counts;
use maud::{html, Markup, PreEscaped, DOCTYPE};

/// The stylesheet, served at `/static/serve.css`.
pub const CSS: &str = include_str!("serve.css");
/// The script, served at `/static/serve.js`.
pub const JS: &str = include_str!("serve.js");

fn layout(title: &str, body: Markup) -> String {
    html! {
        (DOCTYPE)
        html lang="en" dir="ltr" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · ftlkit serve" }
                link rel="stylesheet" href="/static/serve.css";
            }
            body { (body) }
        }
    }
    .into_string()
}

fn share(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        100.0 * part as f64 / whole as f64
    }
}

/// A progress bar: translated (less stale), stale, the rest missing. SVG
/// lengths, not inline styles, which the pages' CSP does not allow.
fn bar(c: &Counts) -> Markup {
    let done = share(c.translated.saturating_sub(c.stale), c.messages);
    let stale = share(c.stale, c.messages);
    let f = |x: f64| format!("{x:.1}");
    html! {
        svg.bar viewBox="0 0 100 8" preserveAspectRatio="none" role="img"
            aria-label={ (c.translated) " of " (c.messages) " messages translated" } {
            rect.missing width="100" height="8" {}
            rect.done width=(f(done)) height="8" {}
            rect.stale x=(f(done)) width=(f(stale)) height="8" {}
        }
    }
}

/// Rows of locale × document the dashboard shows at once; a larger
/// project's dashboard shows each locale's totals, its documents on the
/// locale's own page (`/locale/<id>`).
pub const DASHBOARD_ROWS: usize = 400;

/// The dashboard: each locale's totals, then every locale × document with
/// its progress (on a locale's own page: `locale`, its documents only).
pub fn dashboard(root: &str, rows: &[DashRow], locale: Option<&str>) -> String {
    let detail =
        locale.is_some() || rows.iter().map(|r| r.docs.len()).sum::<usize>() <= DASHBOARD_ROWS;
    let body = html! {
        header {
            h1 { "Translations" @if let Some(l) = locale { " · " (l) } }
            p.root { (root) }
            @if locale.is_some() { p { a href="/" { "All locales" } } }
        }
        @if locale.is_none() { (totals(rows)) }
        @if detail { (documents(rows)) } @else {
            p { "Each locale's documents are on its page (" (rows.iter().map(|r| r.docs.len()).sum::<usize>()) " rows in all)." }
        }
    };
    layout("Translations", body)
}

/// Each locale's totals, linking to its page.
fn totals(rows: &[DashRow]) -> Markup {
    let sums = rows.iter().map(|row| {
        let mut c = Counts::default();
        row.docs.iter().for_each(|(_, d)| c.add(d));
        c
    });
    let rows: Vec<(&DashRow, Counts)> = rows.iter().zip(sums).collect();
    html! {
        table.dashboard.locales {
            thead { tr {
                th { "locale" } th { "documents" } th { "progress" } th { "messages" }
                th { "words" } th { "missing" } th { "stale" } th { "errors" }
            } }
            tbody {
                @for (row, c) in &rows {
                    tr data-locale=(row.locale) {
                        td {
                            a href={ "/locale/" (row.locale) } { (row.locale) }
                            @if let Some(name) = &row.name {
                                " " span.name lang=(row.locale) dir=(row.dir.as_str()) { (name) }
                            }
                        }
                        td.num { (row.docs.len()) }
                        (progress(c))
                    }
                }
            }
        }
    }
}

/// A row's progress bar and counts: translated/messages, translated/words,
/// missing, stale, errors.
fn progress(c: &Counts) -> Markup {
    html! {
        td { (bar(c)) }
        td.num { (c.translated) " / " (c.messages) }
        td.num { (c.words_translated) " / " (c.words) }
        td.num.missing { (c.missing) }
        td.num.stale { (c.stale) }
        td.num.errors.some[c.errors > 0] { (c.errors) }
    }
}

/// Every locale × document of `rows` with its progress.
fn documents(rows: &[DashRow]) -> Markup {
    html! {
        table.dashboard {
            thead { tr {
                th { "locale" } th { "document" } th { "progress" } th { "messages" }
                th { "words" } th { "missing" } th { "stale" } th { "errors" }
            } }
            tbody {
                @for row in rows {
                    @for (doc, c) in &row.docs {
                        tr data-locale=(row.locale) data-doc=(doc) {
                            td {
                                (row.locale)
                                @if let Some(name) = &row.name {
                                    " " span.name lang=(row.locale) dir=(row.dir.as_str()) { (name) }
                                }
                            }
                            td { a href={ "/translate/" (row.locale) "/" (doc) } { (doc) } }
                            (progress(c))
                        }
                    }
                }
            }
        }
    }
}

fn english(text: &str) -> Markup {
    html! {
        @for piece in pieces(text) {
            @match piece {
                Piece::Text(t) => (t),
                Piece::Placeable(p) => code.placeable title="placeable: keep it as it is" { (p) },
                Piece::Markup(m) => code.markup title="markup: keep it around the words it marks" { (m) },
            }
        }
    }
}

/// A message's findings; one with a safe fix has a Fix button, which
/// serve.js sends with the finding's code and its rank among the message's
/// findings of that code (`data-n`).
fn findings(list: &[Finding], fixable: &[bool]) -> Markup {
    html! {
        ul.findings aria-live="polite" {
            @for (i, f) in list.iter().enumerate() {
                li class=(severity(f)) {
                    span.code { (f.code.as_str()) } " " (f.message)
                    @if fixable.get(i).copied().unwrap_or(false) {
                        " " button.fix type="button" data-code=(f.code.as_str())
                            data-n=(list[..i].iter().filter(|g| g.code == f.code).count())
                            title="Make this fix in the editor (as ftlkit check --fix); Save writes it" { "Fix" }
                    }
                }
            }
        }
    }
}

/// A finding's level as the page's class and the JSON's `severity`.
pub fn severity(f: &Finding) -> &'static str {
    match f.severity {
        crate::finding::Severity::Error => "error",
        crate::finding::Severity::Warning => "warning",
        crate::finding::Severity::Info => "info",
    }
}

fn diff(label: &str, old: &str, new: &str) -> Markup {
    html! {
        div.diff lang="en-US" dir="ltr" {
            span.label { (label) }
            @for change in word_diff(old, new) {
                @match change {
                    Change::Same(t) => (t),
                    Change::Removed(t) => del { (t) },
                    Change::Added(t) => ins { (t) },
                }
            }
        }
    }
}

/// How a suggestion matched, as the page says it.
fn kind_label(kind: crate::memory::MatchKind) -> &'static str {
    match kind {
        crate::memory::MatchKind::Exact => "exact",
        crate::memory::MatchKind::Carried => "placeables carried over",
        crate::memory::MatchKind::Fuzzy => "fuzzy",
    }
}

/// The translation memory's suggestions under a part's editor: score, kind,
/// origin, the translation (in the locale's direction), and the memory's
/// English diffed against this English when they differ. `Insert` (or
/// Alt+1…) puts the text in the editor; serve.js does it.
fn suggestions(view: &DocView, part: &Part) -> Markup {
    html! {
        @if !part.suggestions.is_empty() {
            div.suggestions {
                div.label { "Suggestions" }
                ol {
                    @for (n, s) in part.suggestions.iter().enumerate() {
                        li.suggestion data-text=(s.text) data-score=(s.score)
                            data-kind=(kind_label(s.kind)) {
                            span.score { (s.score) "%" }
                            " " span.kind { (kind_label(s.kind)) }
                            " " span.origin { (s.origin) }
                            " " button.insert type="button" title={ "Insert into the editor (Alt+" (n + 1) ")" }
                                { "Insert" }
                            div.text lang=(view.locale) dir=(view.dir.as_str()) { (s.text) }
                            @if s.source != part.english {
                                (diff("Its English: ", &s.source, &part.english))
                            }
                        }
                    }
                }
            }
        }
    }
}

fn message(view: &DocView, m: &MessageView) -> Markup {
    let state = m.state.as_str();
    html! {
        article.msg id={ "m-" (m.id) } data-id=(m.id) data-state=(state)
            data-token=(m.token) data-findings=(m.findings.len()) {
            header {
                code.id { (m.id) }
                " " span class={ "state " (state) } { (state) }
                @if let Some(section) = &m.section { " " span.section { (section) } }
            }
            @if let Some(note) = &m.note { p.note { (note) } }
            @if let Some((old, new)) = &m.stale { (diff("English changed since translated: ", old, new)) }
            @if let Some(typed) = &m.typed {
                div.typed {
                    p { (typed_note(m.state)) }
                    // Fluent source: the id first, so the line reads left to right,
                    // the translation in it in its own direction.
                    pre lang=(view.locale) dir="auto" { (typed) }
                }
            }
            @for part in &m.parts {
                div.part data-part=(part.name) {
                    @if !part.name.is_empty() { div.attr { "." (part.name) } }
                    div.english lang="en-US" dir="ltr" { (english(&part.english)) }
                    textarea lang=(view.locale) dir=(view.dir.as_str()) rows="3"
                        data-part=(part.name) aria-label={ "translation of " (m.id) " " (part.name) }
                        { (part.translation.as_deref().unwrap_or("")) }
                    (suggestions(view, part))
                }
            }
            (terms(view, &m.terms))
            div.actions {
                button.save type="button" { "Save" }
                @if m.state == State::Translated && !m.reviewed {
                    " " button.review type="button" title="You checked this translation: record it as reviewed (ftlkit review)" { "Mark reviewed" }
                }
                @if m.state == State::Stale {
                    " " button.accept type="button" title="The translation is still right for the new English: mark it as reviewed (ftlkit accept)" { "Accept: still right" }
                }
                " " span.status aria-live="polite" {}
            }
            (findings(&m.findings, &m.fixable))
            div.conflict hidden {}
        }
    }
}

/// The glossary's terms of a message's English beside its editor: each
/// English term with the locale's approved translation (in the locale's
/// direction), the forbidden ones, or that it is not translated.
fn terms(view: &DocView, terms: &[crate::lint::rules::glossary::TermFor]) -> Markup {
    html! {
        @if !terms.is_empty() {
            aside.terms {
                div.label { "Glossary" }
                ul {
                    @for t in terms {
                        li data-term=(t.en) {
                            span.en lang="en-US" dir="ltr" { (t.en) }
                            @if t.do_not_translate {
                                " " span.dnt { "do not translate: keep it as it is" }
                            } @else if let Some(approved) = &t.approved {
                                " → " span.approved lang=(view.locale) dir=(view.dir.as_str()) { (approved) }
                            } @else {
                                " " span.none { "no approved translation for this locale" }
                            }
                            @if !t.forbidden.is_empty() {
                                " " span.forbidden { "not: "
                                    @for (i, f) in t.forbidden.iter().enumerate() {
                                        @if i > 0 { ", " }
                                        del lang=(view.locale) dir=(view.dir.as_str()) { (f) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// Why a message's text in the file is shown apart: readers do not see it,
/// and saving replaces it (the editor starts with it, so nothing is lost).
fn typed_note(state: State) -> &'static str {
    match state {
        State::Broken => "The file has these lines for this message, which do not parse, so readers see the English. They are in the editor: Save replaces them with what the editor holds.",
        _ => "Someone typed this into the message's template (after # (untranslated)), so it is a comment readers never see. It is in the editor: Save makes what the editor holds the translation and replaces the template.",
    }
}

/// The translate view of a document.
pub fn translate(view: &DocView, secret: &str) -> String {
    let c = &view.counts;
    let body = html! {
        header.top {
            a href="/" { "← all translations" }
            h1 { (view.doc) " · " (view.locale) }
            p { code { (view.path) } " · " (c.translated) " / " (c.messages) " translated · "
                (c.missing) " missing · " (c.stale) " stale · " (c.errors) " errors" }
            div.filters {
                label { input type="checkbox" value="missing"; " missing" }
                label { input type="checkbox" value="stale"; " stale" }
                label { input type="checkbox" value="findings"; " with findings" }
                span.keys { "Alt+↓ / Alt+↑ next / previous untranslated · Alt+1…Alt+5 insert that suggestion · Ctrl+Enter save" }
            }
            @for f in &view.file_findings { p.filefinding { (f.code.as_str()) " line " (f.line) ": " (f.message) } }
            @for w in &view.memory_warnings { p.filefinding.memory { "translation memory: " (w) } }
            @for w in &view.glossary_warnings { p.filefinding.glossary { (w) } }
            div.concordance {
                label { "Search the translation memory: "
                    input type="search" name="q" autocomplete="off"
                        placeholder="a phrase in English or its translation"; }
                ol.results aria-live="polite" {}
            }
        }
        main id="workbench" data-locale=(view.locale) data-dir=(view.dir.as_str()) data-doc=(view.doc) data-secret=(secret) {
            section.messages {
                @for m in &view.messages { (message(view, m)) }
            }
            @if view.previewable {
                aside.preview {
                    iframe id="preview" title="preview" sandbox="allow-same-origin"
                        src={ "/preview/" (view.locale) "/" (view.doc) } {}
                }
            }
        }
        script src="/static/serve.js" {}
    };
    layout(&format!("{} · {}", view.doc, view.locale), body)
}

/// A page that says why a request could not be answered.
pub fn problem(title: &str, detail: &str) -> String {
    layout(title, html! { h1 { (title) } pre.problem { (detail) } })
}

/// A state's name for the JSON answers.
pub fn state_name(state: State) -> &'static str {
    state.as_str()
}

/// Escapes text for HTML, as maud does (for the rare string built by hand).
pub fn escaped(text: &str) -> PreEscaped<String> {
    PreEscaped(html! { (text) }.into_string())
}
