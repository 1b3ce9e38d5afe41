//! The sanitized HTML body: the source's events with each block's text
//! replaced by its translation's allowed inline events, runs of fallback blocks
//! wrapped and marked with their language, then ammonia's allow-list.

use super::bidi::html_text;
use super::markdown::{html_key, prepare, shared, Allowed, Prepared, PreparedBlock, Shared};
use super::{FallbackInfo, PageString, Piece, RenderInput};
use crate::markdown::{self, Block, BlockKind};
use maud::{html, Markup, PreEscaped};
use pulldown_cmark::{BlockQuoteKind, Event, Tag, TagEnd};
use std::collections::HashSet;

/// Parses a translation as inline Markdown in its document's context and
/// keeps only allowed markup; raw HTML the English block does not have, and
/// footnote references it does not make, become text.
fn inline_events(
    events: &[(Event<'static>, std::ops::Range<usize>)],
    allowed: &Allowed,
) -> Vec<Event<'static>> {
    let mut out = Vec::with_capacity(events.len());
    let mut kept: Vec<bool> = Vec::new();
    for (event, _) in events {
        let event = event.clone();
        match event {
            Event::Start(ref tag) => {
                let keep = match tag {
                    Tag::Emphasis => allowed.emphasis,
                    Tag::Strong => allowed.strong,
                    Tag::Strikethrough => allowed.strikethrough,
                    Tag::Link { dest_url, .. } => allowed.links.contains(dest_url.as_ref()),
                    Tag::Image { dest_url, .. } => allowed.images.contains(dest_url.as_ref()),
                    _ => continue, // block-level structure is flattened away
                };
                kept.push(keep);
                if keep {
                    out.push(event);
                }
            }
            Event::End(ref tag) => {
                let inline = matches!(
                    tag,
                    TagEnd::Emphasis
                        | TagEnd::Strong
                        | TagEnd::Strikethrough
                        | TagEnd::Link
                        | TagEnd::Image
                );
                if inline && kept.pop().unwrap_or(false) {
                    out.push(event);
                }
            }
            Event::InlineHtml(raw) if allowed.html.contains(&html_key(&raw)) => {
                out.push(Event::InlineHtml(raw))
            }
            Event::FootnoteReference(label) if !allowed.footnotes.contains(label.as_ref()) => {
                out.push(Event::Text(format!("[^{label}]").into()))
            }
            Event::Html(raw) | Event::InlineHtml(raw) => out.push(Event::Text(raw)),
            Event::SoftBreak => out.push(Event::Text(" ".into())),
            Event::Rule | Event::TaskListMarker(_) => {}
            other => out.push(other),
        }
    }
    out
}

/// The start tag of the element `markup` renders (maud cannot leave an element
/// open; the events between the start and its end are pulldown-cmark's).
fn start_tag(markup: Markup) -> String {
    let html = markup.into_string();
    let end = html.rfind("</").unwrap_or(html.len());
    html[..end].to_string()
}

/// The `<div>` that opens a run of top-level blocks shown in another language.
fn fallback_open(info: &FallbackInfo, page: &RenderInput) -> String {
    let div = html! { div.untranslated lang=(info.lang) dir=(info.dir.as_str()) {} };
    let note = html! {
        p.untranslated-note lang=(page.lang) dir=(page.dir.as_str()) {
            (PreEscaped(html_text(&page.page.untranslated_note)))
        }
    };
    format!("{}{}\n", start_tag(div), note.into_string())
}

/// The note on stale blocks shown in their old translation (`[build] stale =
/// "note"`): a `<details>` in the page's language whose summary says the
/// original changed, holding each block's current English (its footnote
/// references left out: they are the translation's).
fn stale_details(input: &RenderInput, shared: &Shared, blocks: &[usize]) -> Vec<Event<'static>> {
    let source = input.page.source.clone().unwrap_or(FallbackInfo {
        lang: "en".into(),
        dir: crate::locale::Direction::Ltr,
    });
    let note_lang = input.page.stale_note.fallback.as_ref();
    let open = html! {
        details.stale lang=(input.lang) dir=(input.dir.as_str()) {
            summary lang=[note_lang.map(|f| &f.lang)] dir=[note_lang.map(|f| f.dir.as_str())] {
                (PreEscaped(html_text(&input.page.stale_note.text)))
            }
        }
    };
    let open = open.into_string();
    let open = &open[..open.len() - "</details>".len()];
    let div = html! { div.stale-original lang=(source.lang) dir=(source.dir.as_str()) {} };
    let mut out = vec![Event::Html(format!("{open}{}\n", start_tag(div)).into())];
    for &i in blocks {
        let english = &shared.blocks[i];
        out.push(Event::Start(Tag::Paragraph));
        out.extend(
            inline_events(&english.events, &english.allowed)
                .into_iter()
                .filter(|e| !matches!(e, Event::FootnoteReference(_))),
        );
        out.push(Event::End(TagEnd::Paragraph));
    }
    out.push(Event::Html("</div></details>\n".into()));
    out
}

/// The front matter's events: not part of the body.
fn is_front_matter(
    event: &Event,
    range: &std::ops::Range<usize>,
    doc: &markdown::Document,
) -> bool {
    match event {
        Event::Start(Tag::MetadataBlock(_)) | Event::End(TagEnd::MetadataBlock(_)) => true,
        Event::Text(_) => doc
            .meta
            .range
            .as_ref()
            .is_some_and(|r| r.contains(&range.start)),
        _ => false,
    }
}

/// The fallback locale of the top-level element at `range`, whose blocks start
/// at block `next`; `None` when it is in the page's language. A container (a
/// list, a quote, a table) is in another language only if every block in it
/// is: else only its fallback blocks are marked, each on its own (see
/// `block_events`).
fn run_of(
    input: &RenderInput,
    next: usize,
    range: &std::ops::Range<usize>,
) -> Option<FallbackInfo> {
    let blocks = &input.doc.blocks;
    let first = blocks.get(next).filter(|b| b.container == range.start);
    let inside = match first {
        // The blocks within this element's range.
        Some(_) => blocks[next..]
            .iter()
            .take_while(|b| b.range.start >= range.start && b.range.end <= range.end)
            .count(),
        None => 0,
    };
    let infos = &input.blocks[next..next + inside];
    infos
        .first()
        .and_then(|p| p.fallback.clone())
        .filter(|first| infos.iter().all(|p| p.fallback.as_ref() == Some(first)))
}

/// The nesting depth of containers (lists, quotes, tables, footnotes,
/// definition lists) after `event`.
fn nested(event: &Event, depth: usize) -> usize {
    match event {
        Event::Start(
            Tag::List(_)
            | Tag::BlockQuote(_)
            | Tag::Table(_)
            | Tag::FootnoteDefinition(_)
            | Tag::DefinitionList,
        ) => depth + 1,
        Event::End(
            TagEnd::List(_)
            | TagEnd::BlockQuote(_)
            | TagEnd::Table
            | TagEnd::FootnoteDefinition
            | TagEnd::DefinitionList,
        ) => depth.saturating_sub(1),
        _ => depth,
    }
}

/// Renders the document body (from the title to the last block) as sanitized HTML.
pub fn html_body(input: &RenderInput) -> String {
    let shared = shared(input.source, input.doc);
    html_body_prepared(input, &shared, &prepare(input, &shared))
}

/// [`html_body`] with the document's [`Shared`] part and the page's blocks
/// already [`prepare`]d.
pub fn html_body_prepared<'a>(
    input: &RenderInput,
    shared: &'a Shared<'a>,
    prepared: &'a Prepared<'a>,
) -> String {
    let doc = input.doc;
    let mut events: Vec<Event<'a>> = Vec::with_capacity(shared.source.len() * 2);
    let mut next = 0usize; // the next block not yet replaced
    let mut run: Option<FallbackInfo> = None;
    let mut depth = 0usize;
    let byline = byline_html(input);
    let mut byline_done = doc.blocks.first().map(|b| b.kind) != Some(BlockKind::Title);
    if byline_done {
        events.push(Event::Html(byline.clone().into()));
    }
    let mut in_title = false;
    let mut skipping: Option<usize> = None;
    let mut ids = input.includes.ids.clone();
    // Stale blocks shown with a note, waiting for their top-level element's end.
    let mut stale: Vec<usize> = Vec::new();
    let mut includes = IncludeState::default();

    for (event, range) in &shared.source {
        let (event, range) = (event.clone(), range.clone());
        if let Some(i) = skipping {
            if range.end <= doc.blocks[i].range.end && range.start >= doc.blocks[i].range.start {
                continue;
            }
            skipping = None;
        }
        if is_front_matter(&event, &range, doc) {
            continue;
        }
        // Top-level element starts decide fallback runs.
        if depth == 0 && matches!(event, Event::Start(_) | Event::Rule | Event::Html(_)) {
            let info = run_of(input, next, &range);
            if run != info {
                if run.is_some() {
                    events.push(Event::Html("</div>\n".into()));
                }
                if let Some(info) = &info {
                    events.push(Event::Html(fallback_open(info, input).into()));
                }
                run = info;
            }
        }
        depth = nested(&event, depth);
        if includes.step(&event, &range, input, &mut events, &mut ids) {
            continue;
        }
        let inside = |b: &&Block| b.range.start >= range.start && b.range.end <= range.end;
        let event = with_heading_id(event, doc.blocks.get(next).filter(inside), &mut ids);
        if matches!(event, Event::Start(Tag::Heading { .. })) && next == 0 && !byline_done {
            in_title = true;
        }
        let is_end_of_title = in_title && matches!(event, Event::End(TagEnd::Heading(_)));
        // The first inline event of a block: put the translation in its place.
        if let Some(block) = doc.blocks.get(next) {
            if range.start >= block.range.start
                && range.end <= block.range.end
                && !matches!(event, Event::End(_))
            {
                let prep = &prepared.blocks[next];
                events.extend(block_events(block, &input.blocks[next], prep, input));
                if input.blocks[next].stale.is_some() {
                    stale.push(next);
                }
                skipping = Some(next);
                next += 1;
                continue;
            }
        }
        let alert = match &event {
            Event::Start(Tag::BlockQuote(Some(kind))) => Some(alert_title(*kind, input)),
            _ => None,
        };
        push_with_notes(&mut events, event, depth, &mut stale, input, shared);
        events.extend(alert);
        if is_end_of_title {
            in_title = false;
            byline_done = true;
            // The byline is in the page's language, not in the title's fallback.
            if run.take().is_some() {
                events.push(Event::Html("</div>\n".into()));
            }
            events.push(Event::Html(byline.clone().into()));
        }
    }
    if run.is_some() {
        events.push(Event::Html("</div>\n".into()));
    }
    finish(events, input, shared.raw_html)
}

/// Where the body's events stand as to mdBook's `{{#include}}`: the block
/// of directives being replaced, and the depth of code blocks.
#[derive(Default)]
struct IncludeState {
    block: Option<std::ops::Range<usize>>,
    code: usize,
}

impl IncludeState {
    /// Pushes what `event` shows of the page's includes; `true` when that
    /// is all it shows (it is replaced, or part of a block replaced).
    fn step(
        &mut self,
        event: &Event,
        range: &std::ops::Range<usize>,
        input: &RenderInput,
        events: &mut Vec<Event>,
        ids: &mut super::links::Ids,
    ) -> bool {
        if let Some(r) = &self.block {
            if range.start >= r.start && range.end <= r.end {
                return true;
            }
            self.block = None;
        }
        match included(event, range, input, &mut self.code) {
            Included::Block(shown, headings) => {
                // Its headings are on this page: the page's next ones count after them.
                for id in headings {
                    ids.unique(id.clone());
                }
                events.extend(shown);
                self.block = Some(range.clone());
                true
            }
            Included::Code(text) => {
                events.push(Event::Text(text.into()));
                true
            }
            Included::No => false,
        }
    }
}

/// What an event of the source shows of mdBook's `{{#include}}`.
enum Included<'a> {
    /// A block of directives: what it includes in its place (its own
    /// events skipped), and the ids its headings are made from.
    Block(Option<Event<'static>>, &'a [String]),
    /// A code block's text with the files it includes in it.
    Code(String),
    No,
}

/// What `event` shows of the page's [`super::Includes`] (`code`: the
/// depth of code blocks, kept up to date): a paragraph of directives only
/// is replaced by what it includes (a directive that reads no file, as
/// `{{#title}}`, shows nothing; one whose file is missing shows as written,
/// as mdBook leaves it); a code block's text
/// has its included files' lines in place of their directives.
fn included<'a>(
    event: &Event,
    range: &std::ops::Range<usize>,
    input: &RenderInput<'a>,
    code: &mut usize,
) -> Included<'a> {
    match event {
        Event::Start(Tag::CodeBlock(_)) => *code += 1,
        Event::End(TagEnd::CodeBlock) => *code = code.saturating_sub(1),
        Event::Start(Tag::Paragraph) if input.book.is_none() => {
            if let Some(block) = input.includes.blocks.iter().find(|b| b.range == *range) {
                let html = (!block.html.is_empty()).then(|| Event::Html(block.html.clone().into()));
                return Included::Block(html, &block.headings);
            }
        }
        Event::Text(text)
            if *code > 0
                && input.book.is_none()
                && input.includes.mdbook
                && text.contains("{{#") =>
        {
            if let Some(text) = markdown::directive::expand_in_code(text, &input.includes.files) {
                return Included::Code(text);
            }
        }
        _ => {}
    }
    Included::No
}

/// Pushes `event`; when it ends a top-level element that holds stale blocks
/// shown with a note, their current English goes after it (inside a footnote,
/// which moves to the end, before its end).
fn push_with_notes<'a>(
    events: &mut Vec<Event<'a>>,
    event: Event<'a>,
    depth: usize,
    stale: &mut Vec<usize>,
    input: &RenderInput,
    shared: &Shared,
) {
    if depth != 0 || !matches!(event, Event::End(_)) || stale.is_empty() {
        events.push(event);
        return;
    }
    let notes = stale_details(input, shared, &std::mem::take(stale));
    if matches!(event, Event::End(TagEnd::FootnoteDefinition)) {
        events.extend(notes);
        events.push(event);
    } else {
        events.push(event);
        events.extend(notes);
    }
}

/// The body's events made HTML: links to documents made links to pages, URLs
/// isolated on a right-to-left page, footnotes at the end, then sanitized
/// (see [`needs_sanitizer`]).
fn finish(events: Vec<Event>, input: &RenderInput, raw_html: bool) -> String {
    let mut events: Vec<Event> = events
        .into_iter()
        .map(|e| to_pages(e, input.links))
        .map(|e| match input.includes.mdbook {
            true => shown_directive(e),
            false => e,
        })
        .collect();
    if input.dir == crate::locale::Direction::Rtl {
        events = isolate_urls(events);
    }
    let sanitized = needs_sanitizer(raw_html, &events);
    if !sanitized {
        // What the sanitizer would remove and cannot be judged unsafe:
        // table cells' `style="text-align: …"` (a left set in English is
        // wrong on a right-to-left page anyway).
        for event in &mut events {
            if let Event::Start(Tag::Table(alignments)) = event {
                alignments.fill(pulldown_cmark::Alignment::None);
            }
        }
    }
    let mut html = String::new();
    pulldown_cmark::html::push_html(
        &mut html,
        super::footnotes::at_the_end(events, input.digits.as_ref()).into_iter(),
    );
    match sanitized {
        true => sanitize(&html),
        false => with_link_rel(&html),
    }
}

/// Whether a page body's events need the sanitizer: when they hold markup
/// pulldown-cmark writes as it is (raw HTML, or a heading's custom
/// attributes: `raw_html`, from the source; a translation carries only the
/// raw HTML its English block has) or a link or image whose URL has a
/// scheme the sanitizer does not allow (`javascript:`). Without either,
/// pulldown-cmark's HTML escapes every text and attribute, and the
/// sanitizer would only parse and write it again: 6,000 pages of a
/// documentation site are then written in a third less time. A body with
/// either goes through ammonia as every body did.
fn needs_sanitizer(raw_html: bool, events: &[Event]) -> bool {
    raw_html
        || events.iter().any(|event| match event {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                !allowed_url(dest_url)
            }
            _ => false,
        })
}

/// A URL the sanitizer keeps as it is: relative (no scheme), or `http:`,
/// `https:` or `mailto:` (what [`sanitizer`] allows); any control character
/// or space sends it to the sanitizer, which knows how browsers read them.
fn allowed_url(url: &str) -> bool {
    if url.chars().any(|c| c.is_control() || c.is_whitespace()) {
        return false;
    }
    match url.find([':', '/', '?', '#']) {
        Some(at) if url[at..].starts_with(':') => {
            let scheme = url[..at].to_ascii_lowercase();
            ["http", "https", "mailto"].contains(&scheme.as_str())
        }
        _ => true,
    }
}

/// The `rel` the sanitizer gives every link (after its other attributes, as
/// the sanitizer writes it), given to the links of a body that needed no
/// sanitizing. Its only `<a ` are start tags, and each ends at the first
/// `>`: text and attribute values are escaped (`<` and `>` are `&lt;` and
/// `&gt;`, or percent-encoded in a URL) and it has no raw HTML.
fn with_link_rel(html: &str) -> String {
    const REL: &str = " rel=\"noopener noreferrer\"";
    let mut out = String::with_capacity(html.len() + 64);
    let mut rest = html;
    while let Some(at) = rest.find("<a ") {
        let Some(end) = rest[at..].find('>').map(|n| at + n) else {
            break;
        };
        out.push_str(&rest[..end]);
        // (an included document's body has its links' already)
        if !rest[at..end].contains(REL) {
            out.push_str(REL);
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// Whether a text is a URL as readers see it (`https://…`, `mailto:…`, `www.…`).
fn is_url(text: &str) -> bool {
    let t = text.trim();
    !t.contains(char::is_whitespace)
        && ["http://", "https://", "mailto:", "ftp://", "www."]
            .iter()
            .any(|p| t.len() > p.len() && t.starts_with(p))
}

/// The `<bdi dir="ltr">` a URL shown as text is isolated in, and its end.
const LTR_OPEN: &str = "<bdi dir=\"ltr\">";
const LTR_CLOSE: &str = "</bdi>";

/// On a right-to-left page, every URL shown as text — an autolink, a link
/// whose text is its URL, a bare URL in a sentence — is isolated left to
/// right (`<bdi dir="ltr">`): the bidi algorithm would otherwise reorder its
/// slashes and dots among the Arabic-script words around it. Code is left
/// alone (it is left to right already), and so is an image's alt text.
fn isolate_urls(events: Vec<Event<'_>>) -> Vec<Event<'_>> {
    let mut out = Vec::with_capacity(events.len());
    let mut wrapped: Vec<bool> = Vec::new(); // per open link: whether it was isolated
    let mut in_code = 0usize;
    for (i, event) in events.iter().enumerate() {
        match event {
            // An image's alt text is an attribute: no markup inside.
            Event::Start(Tag::CodeBlock(_) | Tag::Image { .. }) => in_code += 1,
            Event::End(TagEnd::CodeBlock | TagEnd::Image) => in_code = in_code.saturating_sub(1),
            Event::Start(Tag::Link { link_type, .. }) => {
                use pulldown_cmark::LinkType;
                let shows_url = matches!(link_type, LinkType::Autolink | LinkType::Email)
                    || matches!(
                        (events.get(i + 1), events.get(i + 2)),
                        (Some(Event::Text(t)), Some(Event::End(TagEnd::Link))) if is_url(t)
                    );
                if shows_url {
                    out.push(Event::InlineHtml(LTR_OPEN.into()));
                }
                wrapped.push(shows_url);
                out.push(event.clone());
                continue;
            }
            Event::End(TagEnd::Link) => {
                out.push(event.clone());
                if wrapped.pop() == Some(true) {
                    out.push(Event::InlineHtml(LTR_CLOSE.into()));
                }
                continue;
            }
            Event::Text(text)
                if in_code == 0
                    && wrapped.is_empty()
                    && ["://", "www.", "mailto:"].iter().any(|p| text.contains(p)) =>
            {
                out.extend(split_urls(text));
                continue;
            }
            _ => {}
        }
        out.push(event.clone());
    }
    out
}

/// A text with each bare URL in it isolated (see [`isolate_urls`]); trailing
/// punctuation (`.`, `,`, `)`, Arabic comma…) stays with the sentence.
fn split_urls(text: &str) -> Vec<Event<'static>> {
    let mut out = Vec::new();
    let mut rest = 0;
    let mut at = 0;
    for word in text.split_inclusive(char::is_whitespace) {
        let trimmed = word.trim_end();
        let url_end = trimmed.trim_end_matches(|c: char| ".,;:!?)]}»،؛؟'\"".contains(c));
        if is_url(url_end) {
            if rest < at {
                out.push(Event::Text(text[rest..at].to_string().into()));
            }
            out.push(Event::InlineHtml(LTR_OPEN.into()));
            out.push(Event::Text(url_end.to_string().into()));
            out.push(Event::InlineHtml(LTR_CLOSE.into()));
            rest = at + url_end.len();
        }
        at += word.len();
    }
    if rest < text.len() {
        out.push(Event::Text(text[rest..].to_string().into()));
    }
    out
}

/// A heading without an id gets one made from its English text (the block
/// it opens), the same in every locale, unique in the page.
fn with_heading_id<'a>(
    event: Event<'a>,
    block: Option<&Block>,
    ids: &mut super::links::Ids,
) -> Event<'a> {
    match (event, block) {
        (
            Event::Start(Tag::Heading {
                level,
                id: None,
                classes,
                attrs,
            }),
            Some(block),
        ) => {
            let id = ids.unique(super::links::heading_id(&block.text));
            Event::Start(Tag::Heading {
                level,
                id: (!id.is_empty()).then(|| id.into()),
                classes,
                attrs,
            })
        }
        (event, _) => event,
    }
}

/// Inline code with an escaped mdBook directive (`\{{#title T}}`) as
/// mdBook shows it, without the backslash (a code block's: `included`).
fn shown_directive(event: Event) -> Event {
    match event {
        Event::Code(code) if code.contains("\\{{#") => {
            Event::Code(markdown::directive::unescape(&code).into())
        }
        other => other,
    }
}

/// A link to a document's `.md` made a link to its page.
fn to_pages<'a>(event: Event<'a>, links: super::links::Links) -> Event<'a> {
    match event {
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            let dest_url = super::links::page_url(&dest_url, &links)
                .map(Into::into)
                .unwrap_or(dest_url);
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            })
        }
        other => other,
    }
}

/// The title GitHub shows atop an alert (`> [!WARNING]`), in the page's
/// language (a page string); none when the locale chain has no text for it.
fn alert_title(kind: BlockQuoteKind, input: &RenderInput) -> Event<'static> {
    let index = match kind {
        BlockQuoteKind::Note => 0,
        BlockQuoteKind::Tip => 1,
        BlockQuoteKind::Important => 2,
        BlockQuoteKind::Warning => 3,
        BlockQuoteKind::Caution => 4,
    };
    let title = &input.page.alert_titles[index];
    if title.is_empty() {
        return Event::Html("".into());
    }
    let p = html! {
        p.markdown-alert-title lang=(input.lang) dir=(input.dir.as_str()) {
            (PreEscaped(html_text(title)))
        }
    };
    Event::Html(format!("{}\n", p.into_string()).into())
}

fn block_events(
    block: &Block,
    piece: &Piece,
    prep: &PreparedBlock,
    input: &RenderInput,
) -> Vec<Event<'static>> {
    let inner = inline_events(&prep.events, prep.allowed);
    match (&piece.fallback, block.depth) {
        // Nested fallback blocks cannot be wrapped in a <div>: mark the text.
        (Some(info), d) if d > 0 => {
            let span = html! {
                span.untranslated lang=(info.lang) dir=(info.dir.as_str())
                    title=(PreEscaped(html_text(&input.page.untranslated_note))) {}
            };
            let mut out = vec![Event::Html(start_tag(span).into())];
            out.extend(inner);
            out.push(Event::Html("</span>".into()));
            out
        }
        _ => inner,
    }
}

fn byline_html(input: &RenderInput) -> String {
    // A document shown inside another's page: that page has the byline.
    if input.includes.inside {
        return String::new();
    }
    let mut parts: Vec<Markup> = input.page.byline.iter().map(|s| span(s, None)).collect();
    if !input.page.reading_time.text.is_empty() {
        parts.push(span(&input.page.reading_time, Some("reading-time")));
    }
    let byline = html! {
        p.byline {
            @for (i, part) in parts.into_iter().enumerate() {
                @if i > 0 { " · " }
                (part)
            }
        }
    };
    format!("{}\n", byline.into_string())
}

/// `<span class="…" lang dir>text</span>`, marked when it is in another language.
fn span(string: &PageString, class: Option<&str>) -> Markup {
    let lang = string.fallback.as_ref();
    html! {
        span class=[class] lang=[lang.map(|f| &f.lang)] dir=[lang.map(|f| f.dir.as_str())] {
            (PreEscaped(html_text(&string.text)))
        }
    }
}

/// The allow-list every page body goes through.
fn sanitizer() -> ammonia::Builder<'static> {
    // Markdown's elements, the footnote list, and the inline and block HTML
    // documentation pages use (`<kbd>`, `<details>`, `<sup>`…). Translations
    // only ever carry the tags of their English block (see `inline_events`).
    let tags: HashSet<&str> = [
        "a",
        "abbr",
        "b",
        "bdi",
        "blockquote",
        "br",
        "code",
        "dd",
        "del",
        "details",
        "div",
        "dl",
        "dt",
        "em",
        "figcaption",
        "figure",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "i",
        "img",
        "input",
        "ins",
        "kbd",
        "li",
        "mark",
        "ol",
        "p",
        "pre",
        "q",
        "s",
        "samp",
        "section",
        "small",
        "span",
        "strong",
        "sub",
        "summary",
        "sup",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "u",
        "ul",
        "var",
    ]
    .into();
    let generic: HashSet<&str> = ["lang", "dir", "class", "title", "id"].into();
    let mut builder = ammonia::Builder::default();
    builder
        .tags(tags)
        .generic_attributes(generic)
        .add_tag_attributes("img", ["src", "alt", "width", "height"])
        .add_tag_attributes("a", ["name"])
        .add_tag_attributes("details", ["open"])
        // A task list's checkbox (`- [x]`), from the editor's source only:
        // a translation's markers are dropped (`inline_events`).
        .add_tag_attributes("input", ["type", "checked", "disabled"])
        .add_tag_attributes("ol", ["start"])
        .url_schemes(["http", "https", "mailto"].into())
        .link_rel(Some("noopener noreferrer"));
    builder
}

/// The allow-list every page body goes through (built once, shared by threads).
pub fn sanitize(html: &str) -> String {
    static SANITIZER: std::sync::OnceLock<ammonia::Builder<'static>> = std::sync::OnceLock::new();
    let document = SANITIZER.get_or_init(sanitizer).clean(html);
    // Serialized straight into one buffer (`to_string` serializes into one,
    // then copies it through a formatter into another).
    let mut out = Vec::with_capacity(html.len() + html.len() / 8);
    match document.write_to(&mut out) {
        Ok(()) => crate::fsutil::string_from_utf8(out).unwrap_or_else(|e| {
            // html5ever writes UTF-8 only; kept as `to_string` would have it.
            String::from_utf8_lossy(e.as_bytes()).into_owned()
        }),
        Err(_) => document.to_string(),
    }
}
