//! Rendering one document in one locale, without a disk: the source Markdown
//! plus each block's translation (or its fallback) → HTML body, Markdown, text.
//!
//! Translations are untrusted. Each is parsed as inline Markdown on its own
//! (it can never open a heading, a list or a raw-HTML block), keeps only the
//! inline markup its English block has (emphasis, a link to the same target),
//! shows any HTML it carries as text, and the HTML of the whole body then goes
//! through ammonia's allow-list sanitizer.

use crate::locale::Direction;
use crate::markdown::{self, Block, BlockKind, Document};
use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use std::collections::HashSet;

/// The text shown for one block or front-matter field.
#[derive(Debug, Clone)]
pub struct Piece {
    /// Formatted text (inline Markdown for blocks), with Fluent's bidi isolates.
    pub text: String,
    /// `None` when the page's own locale has it; else the fallback locale used.
    pub fallback: Option<FallbackInfo>,
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

impl PageString {
    /// `<span class="…" lang dir>text</span>`, marked when it is in another language.
    fn span(&self, class: &str) -> String {
        let class = if class.is_empty() {
            String::new()
        } else {
            format!(" class=\"{class}\"")
        };
        let lang = self.fallback.as_ref().map_or(String::new(), |f| {
            format!(" lang=\"{}\" dir=\"{}\"", f.lang, f.dir.as_str())
        });
        format!("<span{class}{lang}>{}</span>", html_text(&self.text))
    }
}

/// Page-level strings, already formatted in the page's locale.
#[derive(Debug, Clone, Default)]
pub struct PageText {
    /// Byline parts ("Written by …", "Edited by …") and the reading time.
    pub byline: Vec<PageString>,
    pub reading_time: PageString,
    /// "This part has not been translated yet."
    pub untranslated_note: String,
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
}

const FSI: char = '\u{2068}';
const PDI: char = '\u{2069}';
const RLM: char = '\u{200f}';

/// For Markdown and text: drop Fluent's isolates, which many terminals and
/// editors show as boxes. In a right-to-left text, a placeable that holds
/// left-to-right letters is followed by an RLM so that punctuation after it
/// stays with the right-to-left sentence.
pub fn plain_isolates(text: &str, dir: Direction) -> String {
    if !text.contains([FSI, PDI]) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut stack: Vec<usize> = Vec::new();
    for c in text.chars() {
        match c {
            FSI => stack.push(out.len()),
            PDI => {
                if let Some(start) = stack.pop() {
                    if dir == Direction::Rtl && has_strong_ltr(&out[start..]) {
                        out.push(RLM);
                    }
                }
            }
            _ => out.push(c),
        }
    }
    out
}

fn has_strong_ltr(text: &str) -> bool {
    text.chars().any(|c| c.is_alphabetic() && !is_rtl_char(c))
}

fn is_rtl_char(c: char) -> bool {
    matches!(c as u32, 0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF)
}

/// For HTML page strings: escape, then turn balanced Fluent isolates into
/// `<bdi>` elements (the same first-strong isolation, as markup).
pub fn html_text(text: &str) -> String {
    let mut escaped = String::new();
    let _ = pulldown_cmark_escape::escape_html(&mut escaped, text);
    let balanced = {
        let mut depth = 0i32;
        escaped.chars().all(|c| {
            match c {
                FSI => depth += 1,
                PDI => depth -= 1,
                _ => {}
            }
            depth >= 0
        }) && depth == 0
    };
    if balanced {
        escaped.replace(FSI, "<bdi>").replace(PDI, "</bdi>")
    } else {
        escaped.replace([FSI, PDI], "")
    }
}

/// Folds a translation onto one line and makes sure it reads as one paragraph
/// of inline Markdown: if on its own it would open a heading, list, quote,
/// code block, table or raw-HTML block, its first character is escaped, and if
/// that is not enough, all its markup is. Text that already reads as a
/// paragraph is left exactly as it is, so the source locale round-trips.
pub fn inline_only(text: &str) -> String {
    let folded = text.contains(['\n', '\r', '\t']) || text.contains("  ") || text.trim() != text;
    let text = if folded {
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    } else {
        text.to_string()
    };
    if is_one_paragraph(&text) {
        return text;
    }
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    let at = if digits > 0 { digits } else { 0 };
    if text[at..].starts_with(|c: char| c.is_ascii_punctuation()) {
        let escaped = format!("{}\\{}", &text[..at], &text[at..]);
        if is_one_paragraph(&escaped) {
            return escaped;
        }
    }
    let mut all = String::with_capacity(text.len() * 2);
    for c in text.chars() {
        if c.is_ascii_punctuation() {
            all.push('\\');
        }
        all.push(c);
    }
    all
}

/// A translation made safe for the place its block has in the Markdown: a
/// paragraph or list item must stay one paragraph; a heading's text cannot open
/// a block (it follows the `#` marker on its line); a table cell's `|` must be escaped.
pub fn in_context(kind: BlockKind, text: &str) -> String {
    match kind {
        BlockKind::Paragraph | BlockKind::ListItem => inline_only(text),
        BlockKind::Title | BlockKind::Heading(_) => {
            text.split_whitespace().collect::<Vec<_>>().join(" ")
        }
        BlockKind::TableCell => {
            escape_unescaped(&text.split_whitespace().collect::<Vec<_>>().join(" "), '|')
        }
    }
}

/// Backslash-escapes every `c` not already escaped.
fn escape_unescaped(text: &str, c: char) -> String {
    let mut out = String::with_capacity(text.len());
    let mut backslashes = 0;
    for ch in text.chars() {
        if ch == c && backslashes % 2 == 0 {
            out.push('\\');
        }
        backslashes = if ch == '\\' { backslashes + 1 } else { 0 };
        out.push(ch);
    }
    out
}

/// Whether Markdown text parses as (at most) one paragraph and nothing else.
fn is_one_paragraph(text: &str) -> bool {
    let mut depth = 0usize;
    let mut blocks = 0;
    for event in Parser::new_ext(text, markdown::options()) {
        match event {
            Event::Start(tag) => {
                if depth == 0 {
                    if !matches!(tag, Tag::Paragraph) {
                        return false;
                    }
                    blocks += 1;
                }
                depth += 1;
            }
            Event::End(_) => depth = depth.saturating_sub(1),
            _ if depth == 0 => return false,
            _ => {}
        }
    }
    blocks <= 1
}

/// The inline markup a block may carry: the kinds and link/image targets of
/// its English source.
#[derive(Debug, Default)]
struct Allowed {
    emphasis: bool,
    strong: bool,
    strikethrough: bool,
    links: HashSet<String>,
    images: HashSet<String>,
}

fn allowed_markup(english: &str) -> Allowed {
    let mut allowed = Allowed::default();
    for event in Parser::new_ext(english, markdown::options()) {
        match event {
            Event::Start(Tag::Emphasis) => allowed.emphasis = true,
            Event::Start(Tag::Strong) => allowed.strong = true,
            Event::Start(Tag::Strikethrough) => allowed.strikethrough = true,
            Event::Start(Tag::Link { dest_url, .. }) => {
                allowed.links.insert(dest_url.to_string());
            }
            Event::Start(Tag::Image { dest_url, .. }) => {
                allowed.images.insert(dest_url.to_string());
            }
            _ => {}
        }
    }
    allowed
}

/// The translation's Markdown with every link or image whose target the English
/// block does not have replaced by its text (an image by its alt text): the
/// Markdown and text outputs then carry no target a translator made up, as the
/// HTML output does not.
pub fn drop_foreign_links(translation: &str, english: &str) -> String {
    let allowed = allowed_markup(english);
    let text = inline_only(translation);
    // (whole link range, inner text range) of each link to drop, outermost only.
    let mut drops: Vec<(std::ops::Range<usize>, std::ops::Range<usize>)> = Vec::new();
    let mut open: Vec<(bool, usize, Option<usize>, usize)> = Vec::new(); // (drop, start, inner start, inner end)
    for (event, range) in Parser::new_ext(&text, markdown::options()).into_offset_iter() {
        match &event {
            Event::Start(Tag::Link { dest_url, .. })
            | Event::Start(Tag::Image { dest_url, .. }) => {
                let ok = match &event {
                    Event::Start(Tag::Link { .. }) => allowed.links.contains(dest_url.as_ref()),
                    _ => allowed.images.contains(dest_url.as_ref()),
                };
                open.push((!ok, range.start, None, range.start));
                continue;
            }
            Event::End(TagEnd::Link) | Event::End(TagEnd::Image) => {
                if let Some((drop, start, inner_start, inner_end)) = open.pop() {
                    let inside_dropped = open.iter().any(|o| o.0);
                    if drop && !inside_dropped {
                        let inner = inner_start.unwrap_or(inner_end)..inner_end;
                        drops.push((start..range.end, inner));
                    }
                    // The link is part of its parent's text.
                    if let Some(parent) = open.last_mut() {
                        parent.2.get_or_insert(start);
                        parent.3 = range.end;
                    }
                }
                continue;
            }
            _ => {}
        }
        if let Some(o) = open.last_mut() {
            o.2.get_or_insert(range.start);
            o.3 = o.3.max(range.end);
        }
    }
    if drops.is_empty() {
        return translation.to_string();
    }
    drops.sort_by_key(|(r, _)| r.start);
    let mut out = String::with_capacity(text.len());
    let mut cursor = 0;
    for (whole, inner) in drops {
        if whole.start < cursor {
            continue;
        }
        out.push_str(&text[cursor..whole.start]);
        out.push_str(&text[inner]);
        cursor = whole.end;
    }
    out.push_str(&text[cursor..]);
    out
}

/// Parses a translation as inline Markdown and keeps only allowed markup;
/// raw HTML becomes text.
fn inline_events(translation: &str, allowed: &Allowed) -> Vec<Event<'static>> {
    let text = inline_only(translation);
    let mut out = Vec::new();
    let mut kept: Vec<bool> = Vec::new();
    for event in Parser::new_ext(&text, markdown::options()) {
        let event = event.into_static();
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
            Event::Html(raw) | Event::InlineHtml(raw) => out.push(Event::Text(raw)),
            Event::SoftBreak => out.push(Event::Text(" ".into())),
            Event::Rule | Event::TaskListMarker(_) => {}
            other => out.push(other),
        }
    }
    out
}

/// The `<div>` that opens a run of top-level blocks shown in another language.
fn fallback_open(info: &FallbackInfo, page: &RenderInput) -> String {
    format!(
        "<div class=\"untranslated\" lang=\"{}\" dir=\"{}\"><p class=\"untranslated-note\" lang=\"{}\" dir=\"{}\">{}</p>\n",
        info.lang,
        info.dir.as_str(),
        page.lang,
        page.dir.as_str(),
        html_text(&page.page.untranslated_note)
    )
}

/// Renders the document body (from the title to the last block) as sanitized HTML.
pub fn html_body(input: &RenderInput) -> String {
    let doc = input.doc;
    let mut events: Vec<Event<'static>> = Vec::new();
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

    for (event, range) in Parser::new_ext(input.source, markdown::options()).into_offset_iter() {
        if let Some(i) = skipping {
            if range.end <= doc.blocks[i].range.end && range.start >= doc.blocks[i].range.start {
                continue;
            }
            skipping = None;
        }
        match &event {
            Event::Start(Tag::MetadataBlock(_)) | Event::End(TagEnd::MetadataBlock(_)) => continue,
            Event::Text(_)
                if input
                    .doc
                    .meta
                    .range
                    .as_ref()
                    .is_some_and(|r| r.contains(&range.start)) =>
            {
                continue
            }
            _ => {}
        }
        // Top-level element starts decide fallback runs.
        if depth == 0 {
            if let Event::Start(_) | Event::Rule | Event::Html(_) = &event {
                // A container (a list, a quote, a table) is in another language
                // only if every block in it is: else only its fallback blocks are
                // marked, each on its own (see `block_events`).
                let first = doc.blocks.get(next).filter(|b| b.container == range.start);
                let inside = match first {
                    // The blocks within this element's range.
                    Some(_) => doc.blocks[next..]
                        .iter()
                        .take_while(|b| b.range.start >= range.start && b.range.end <= range.end)
                        .count(),
                    None => 0,
                };
                let infos = &input.blocks[next..next + inside];
                let info = infos
                    .first()
                    .and_then(|p| p.fallback.clone())
                    .filter(|first| infos.iter().all(|p| p.fallback.as_ref() == Some(first)));
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
        }
        match &event {
            Event::Start(
                Tag::List(_) | Tag::BlockQuote(_) | Tag::Table(_) | Tag::FootnoteDefinition(_),
            ) => depth += 1,
            Event::End(
                TagEnd::List(_)
                | TagEnd::BlockQuote(_)
                | TagEnd::Table
                | TagEnd::FootnoteDefinition,
            ) => depth = depth.saturating_sub(1),
            Event::Start(Tag::Heading { .. }) if next == 0 && !byline_done => in_title = true,
            _ => {}
        }
        let is_end_of_title = in_title && matches!(event, Event::End(TagEnd::Heading(_)));
        // The first inline event of a block: put the translation in its place.
        if let Some(block) = doc.blocks.get(next) {
            if range.start >= block.range.start
                && range.end <= block.range.end
                && !matches!(event, Event::End(_))
            {
                events.extend(block_events(block, &input.blocks[next], input));
                skipping = Some(next);
                next += 1;
                continue;
            }
        }
        events.push(event.into_static());
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
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    sanitize(&html)
}

fn block_events(block: &Block, piece: &Piece, input: &RenderInput) -> Vec<Event<'static>> {
    let allowed = allowed_markup(&block.text);
    let inner = inline_events(&piece.text, &allowed);
    match (&piece.fallback, block.depth) {
        // Nested fallback blocks cannot be wrapped in a <div>: mark the text.
        (Some(info), d) if d > 0 => {
            let mut out = vec![Event::Html(
                format!(
                    "<span class=\"untranslated\" lang=\"{}\" dir=\"{}\" title=\"{}\">",
                    info.lang,
                    info.dir.as_str(),
                    html_text(&input.page.untranslated_note)
                )
                .into(),
            )];
            out.extend(inner);
            out.push(Event::Html("</span>".into()));
            out
        }
        _ => inner,
    }
}

fn byline_html(input: &RenderInput) -> String {
    let mut parts: Vec<String> = input.page.byline.iter().map(|s| s.span("")).collect();
    if !input.page.reading_time.text.is_empty() {
        parts.push(input.page.reading_time.span("reading-time"));
    }
    format!("<p class=\"byline\">{}</p>\n", parts.join(" · "))
}

/// The allow-list every page body goes through.
fn sanitizer() -> ammonia::Builder<'static> {
    let tags: HashSet<&str> = [
        "a",
        "bdi",
        "blockquote",
        "br",
        "code",
        "del",
        "div",
        "em",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "img",
        "li",
        "ol",
        "p",
        "pre",
        "span",
        "strong",
        "table",
        "tbody",
        "td",
        "th",
        "thead",
        "tr",
        "ul",
    ]
    .into();
    let generic: HashSet<&str> = ["lang", "dir", "class", "title"].into();
    let mut builder = ammonia::Builder::default();
    builder
        .tags(tags)
        .generic_attributes(generic)
        .add_tag_attributes("img", ["src", "alt"])
        .add_tag_attributes("ol", ["start"])
        .url_schemes(["http", "https", "mailto"].into())
        .link_rel(Some("noopener noreferrer"));
    builder
}

/// The allow-list every page body goes through (built once, shared by threads).
pub fn sanitize(html: &str) -> String {
    static SANITIZER: std::sync::OnceLock<ammonia::Builder<'static>> = std::sync::OnceLock::new();
    SANITIZER.get_or_init(sanitizer).clean(html).to_string()
}

/// The translated Markdown: the source with each block's text replaced in
/// place, and the front matter's translatable fields translated.
pub fn markdown(input: &RenderInput) -> String {
    let mut out = String::with_capacity(input.source.len());
    let mut cursor = 0;
    if let Some(range) = &input.doc.meta.range {
        out.push_str(&input.source[..range.start]);
        out.push_str(&front_matter(input));
        // The block's range may or may not hold the closing line's newline.
        if !input.source[..range.end].ends_with('\n') {
            out.pop();
        }
        cursor = range.end;
    }
    for (block, piece) in input.doc.blocks.iter().zip(input.blocks) {
        out.push_str(&input.source[cursor..block.range.start]);
        let own = drop_foreign_links(&piece.text, &block.text);
        let mut text = in_context(block.kind, &plain_isolates(&own, input.dir));
        // Raw HTML only where the English block has some, as in the HTML output.
        if !block.text.contains('<') {
            text = escape_unescaped(&text, '<');
        }
        out.push_str(&text);
        cursor = block.range.end;
    }
    out.push_str(&input.source[cursor..]);
    out
}

fn front_matter(input: &RenderInput) -> String {
    let mut table: toml::Table = toml::from_str(&input.doc.meta.toml).unwrap_or_default();
    table.insert("lang".into(), input.lang.into());
    table.insert("dir".into(), input.dir.as_str().into());
    for (key, text) in input.meta {
        table.insert(key.clone(), plain_isolates(text, input.dir).into());
    }
    format!("+++\n{}+++\n", toml::to_string(&table).unwrap_or_default())
}

/// Plain text for terminals and e-mail, from the translated Markdown: headings
/// underlined, list items bulleted, link targets in parentheses.
pub fn text(input: &RenderInput, md: &str) -> String {
    let mut out = String::new();
    let mut line = String::new();
    let mut lists: Vec<Option<u64>> = Vec::new();
    let mut link: Vec<String> = Vec::new();
    let mut heading: Option<char> = None;
    let mut byline_done = false;
    let mut in_meta = false;
    for event in Parser::new_ext(md, markdown::options()) {
        match event {
            Event::Start(Tag::MetadataBlock(_)) => in_meta = true,
            Event::End(TagEnd::MetadataBlock(_)) => in_meta = false,
            Event::Text(t) | Event::Code(t) if !in_meta => line.push_str(&t),
            Event::SoftBreak => line.push(' '),
            Event::HardBreak => line.push('\n'),
            Event::Start(Tag::Heading { level, .. }) => {
                heading = Some(if level == pulldown_cmark::HeadingLevel::H1 {
                    '='
                } else {
                    '-'
                })
            }
            Event::End(TagEnd::Heading(_)) => {
                let width = unicode_width::UnicodeWidthStr::width(line.as_str()).max(3);
                let mark = heading.take().unwrap_or('-');
                out.push_str(&format!("{line}\n{}\n\n", mark.to_string().repeat(width)));
                line.clear();
                if !byline_done {
                    byline_done = true;
                    let parts: Vec<&str> = input
                        .page
                        .byline
                        .iter()
                        .map(|s| s.text.as_str())
                        .filter(|t| !t.is_empty())
                        .collect();
                    let lines: Vec<String> =
                        [parts.join(" · "), input.page.reading_time.text.clone()]
                            .into_iter()
                            .filter(|l| !l.is_empty())
                            .collect();
                    if !lines.is_empty() {
                        out.push_str(&plain_isolates(&lines.join("\n"), input.dir));
                        out.push_str("\n\n");
                    }
                }
            }
            Event::Start(Tag::List(start)) => lists.push(start),
            Event::End(TagEnd::List(_)) => {
                lists.pop();
                if lists.is_empty() {
                    out.push('\n');
                }
            }
            Event::Start(Tag::Item) => {
                let indent = "  ".repeat(lists.len().saturating_sub(1));
                let marker = match lists.last_mut() {
                    Some(Some(n)) => {
                        *n += 1;
                        format!("{}. ", *n - 1)
                    }
                    _ => "• ".to_string(),
                };
                line.push_str(&indent);
                line.push_str(&marker);
            }
            Event::End(TagEnd::Item) => {
                out.push_str(line.trim_end());
                out.push('\n');
                line.clear();
            }
            Event::End(TagEnd::Paragraph) => {
                if lists.is_empty() {
                    out.push_str(&line);
                    out.push_str("\n\n");
                    line.clear();
                } else {
                    line.push(' ');
                }
            }
            Event::Start(Tag::Link { dest_url, .. }) => link.push(dest_url.to_string()),
            Event::End(TagEnd::Link) => {
                if let Some(url) = link.pop() {
                    line.push_str(&format!(" ({url})"));
                }
            }
            Event::End(TagEnd::CodeBlock) => {
                for l in line.lines() {
                    out.push_str(&format!("    {l}\n"));
                }
                out.push('\n');
                line.clear();
            }
            Event::End(TagEnd::TableCell) => line.push_str(" | "),
            Event::End(TagEnd::TableRow | TagEnd::TableHead) => {
                out.push_str(line.trim_end_matches([' ', '|']));
                out.push('\n');
                line.clear();
            }
            _ => {}
        }
    }
    out.push_str(&line);
    let trimmed = out.trim_end();
    format!("{trimmed}\n")
}
pub mod page;
