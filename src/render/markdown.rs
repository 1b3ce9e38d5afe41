//! The translated Markdown, and the rules that keep a translation in the
//! place its block has (one paragraph, a heading's line, a table cell).

use super::bidi::plain_isolates;
use super::RenderInput;
use crate::markdown::{self, BlockKind};
use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use std::collections::HashSet;

/// Folds a translation onto one line and makes sure it reads as one paragraph
/// of inline Markdown: if on its own it would open a heading, list, quote,
/// code block, table or raw-HTML block, its first character is escaped, and if
/// that is not enough, all its markup is. Text that already reads as a
/// paragraph is left exactly as it is, so the source locale round-trips.
pub fn inline_only(text: &str) -> String {
    let folded = text.bytes().any(|b| matches!(b, b'\n' | b'\r' | b'\t'))
        || text.contains("  ")
        || text.trim() != text;
    let text = if folded {
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    } else {
        text.to_string()
    };
    if is_one_paragraph(&text) {
        return text;
    }
    // A lone HTML tag on its line (`<img src="…" alt="…">`, which the source
    // may have spread over lines) would start a raw-HTML block: with a line
    // break in the tag it stays inline HTML in a paragraph.
    if let Some(split) = split_first_tag(&text).filter(|t| is_one_paragraph(t)) {
        return split;
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

/// `text` with the first space inside its leading tag (`<img src=…`) made a
/// line break; `None` if it does not start with a tag that has one.
fn split_first_tag(text: &str) -> Option<String> {
    let tag_end = text.strip_prefix('<')?.find('>')? + 1;
    let space = text[..tag_end].find(' ')?;
    Some(format!("{}\n{}", &text[..space], &text[space + 1..]))
}

/// A translation made safe for the place its block has in the Markdown: a
/// paragraph or list item must stay one paragraph; a heading's text cannot open
/// a block (it follows the `#` marker on its line); a table cell's `|` must be escaped.
pub fn in_context(kind: BlockKind, text: &str) -> String {
    match kind {
        BlockKind::Paragraph | BlockKind::ListItem | BlockKind::Term | BlockKind::Definition => {
            inline_only(text)
        }
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
    if !text.contains(c) {
        return text.to_string();
    }
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
    starts_a_paragraph_line(text) || parses_as_one_paragraph(text)
}

/// Whether `text` is one line that starts with a letter: every block but a
/// paragraph starts with a marker that is not a letter (`#`, `-`, `1.`, `>`,
/// `<`, `[`, `|`, indentation…) or needs a second line (a setext heading, a
/// table's delimiter row, a definition), so such a line is one paragraph
/// without being parsed.
fn starts_a_paragraph_line(text: &str) -> bool {
    text.chars().next().is_some_and(char::is_alphabetic)
        && memchr::memchr2(b'\n', b'\r', text.as_bytes()).is_none()
}

/// [`is_one_paragraph`], by parsing.
fn parses_as_one_paragraph(text: &str) -> bool {
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
/// its English source, its inline HTML tags and its footnote references.
#[derive(Debug, Default)]
pub(super) struct Allowed {
    pub(super) emphasis: bool,
    pub(super) strong: bool,
    pub(super) strikethrough: bool,
    pub(super) links: HashSet<String>,
    pub(super) images: HashSet<String>,
    /// Inline HTML tags, white space folded (see [`html_key`]).
    pub(super) html: HashSet<String>,
    pub(super) footnotes: HashSet<String>,
}

/// An inline HTML tag as it is compared with the English block's: runs of
/// white space folded to one space.
pub(super) fn html_key(raw: &str) -> String {
    raw.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A block's inline Markdown and its events read in its document.
type Events = Vec<(Event<'static>, std::ops::Range<usize>)>;

/// What every page of a document needs of its source, worked out once per
/// document ([`shared`]) and shared by the pages of all locales: the
/// source's events, and each English block read on its own.
pub struct Shared<'a> {
    /// The events of the whole source, with their ranges (borrowing it).
    pub(super) source: Vec<(Event<'a>, std::ops::Range<usize>)>,
    pub(super) blocks: Vec<SharedBlock>,
    /// Whether the source has raw HTML (blocks or inline) or a heading with
    /// custom attributes (`{data-x=…}`): what only the sanitizer may judge.
    /// A translation can only carry the raw HTML its English block has
    /// (`inline_events`), so without it no page of the document has any.
    pub(super) raw_html: bool,
}

pub(super) struct SharedBlock {
    /// The markup the English block allows.
    pub(super) allowed: Allowed,
    /// `inline_only` of the English block's text, and its events: also those
    /// of a piece whose text is the English block's (a fallback, the source).
    pub(super) inline: String,
    pub(super) events: Events,
}

/// Reads the source of `doc` and each of its blocks once, for all its pages
/// (see [`Shared`]).
pub fn shared<'a>(source: &'a str, doc: &markdown::Document) -> Shared<'a> {
    let source: Vec<_> = Parser::new_ext(source, markdown::options())
        .into_offset_iter()
        .collect();
    let blocks = doc
        .blocks
        .iter()
        .map(|block| {
            let inline = inline_only(&block.text);
            let events = doc.context.events(&inline);
            SharedBlock {
                allowed: allowed_in(&events),
                inline,
                events,
            }
        })
        .collect();
    let raw_html = source.iter().any(|(event, _)| match event {
        Event::Html(_) | Event::InlineHtml(_) => true,
        Event::Start(pulldown_cmark::Tag::Heading { attrs, .. }) => !attrs.is_empty(),
        _ => false,
    });
    Shared {
        source,
        blocks,
        raw_html,
    }
}

/// What rendering one page needs of each of its blocks, worked out once and
/// shared by the HTML and Markdown outputs: the markup its English block
/// allows, and its translation as inline Markdown (see [`inline_only`]) with
/// that text's events read in the document.
pub struct Prepared<'a> {
    pub(super) blocks: Vec<PreparedBlock<'a>>,
}

pub(super) struct PreparedBlock<'a> {
    pub(super) allowed: &'a Allowed,
    /// `inline_only` of the translation.
    pub(super) inline: std::borrow::Cow<'a, str>,
    /// `context.events(&inline)`.
    pub(super) events: std::borrow::Cow<'a, [(Event<'static>, std::ops::Range<usize>)]>,
}

/// Works out [`Prepared`] for a page, each translation parsed once, from its
/// document's [`Shared`] part.
pub fn prepare<'a>(input: &RenderInput, shared: &'a Shared) -> Prepared<'a> {
    let context = &input.doc.context;
    let blocks = input
        .doc
        .blocks
        .iter()
        .zip(input.blocks)
        .zip(&shared.blocks)
        .map(|((block, piece), english)| {
            if piece.text == block.text {
                return PreparedBlock {
                    allowed: &english.allowed,
                    inline: english.inline.as_str().into(),
                    events: english.events.as_slice().into(),
                };
            }
            let inline = inline_only(&piece.text);
            let events = context.events(&inline);
            PreparedBlock {
                allowed: &english.allowed,
                inline: inline.into(),
                events: events.into(),
            }
        })
        .collect();
    Prepared { blocks }
}

pub(super) fn allowed_markup(english: &str, context: &markdown::Context) -> Allowed {
    allowed_in(&context.events(&inline_only(english)))
}

/// The markup the events of an English block's inline Markdown allow.
fn allowed_in(events: &[(Event<'static>, std::ops::Range<usize>)]) -> Allowed {
    let mut allowed = Allowed::default();
    for (event, _) in events {
        match event {
            Event::InlineHtml(raw) => {
                allowed.html.insert(html_key(raw));
            }
            Event::FootnoteReference(label) => {
                allowed.footnotes.insert(label.to_string());
            }
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
pub fn drop_foreign_links(translation: &str, english: &str, context: &markdown::Context) -> String {
    let allowed = allowed_markup(english, context);
    let text = inline_only(translation);
    let events = context.events(&text);
    drop_links_in(translation, &allowed, &text, &events)
}

/// [`drop_foreign_links`] with the English block's markup (`allowed`), the
/// translation as inline Markdown (`text`) and its events already worked out.
fn drop_links_in(
    translation: &str,
    allowed: &Allowed,
    text: &str,
    events: &[(Event<'static>, std::ops::Range<usize>)],
) -> String {
    // (whole link range, inner text range) of each link to drop, outermost only.
    let mut drops: Vec<(std::ops::Range<usize>, std::ops::Range<usize>)> = Vec::new();
    let mut open: Vec<(bool, usize, Option<usize>, usize)> = Vec::new(); // (drop, start, inner start, inner end)
    for (event, range) in events {
        let range = range.clone();
        match event {
            Event::Start(Tag::Link { dest_url, .. })
            | Event::Start(Tag::Image { dest_url, .. }) => {
                let ok = match event {
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

/// The translated Markdown: the source with each block's text replaced in
/// place, and the front matter's translatable fields translated.
pub fn markdown(input: &RenderInput) -> String {
    let shared = shared(input.source, input.doc);
    markdown_prepared(input, &prepare(input, &shared))
}

/// [`markdown`] with the page's blocks already [`prepare`]d.
pub fn markdown_prepared(input: &RenderInput, prepared: &Prepared) -> String {
    let mut out = String::with_capacity(input.source.len());
    let mut cursor = 0;
    let yaml = input.doc.meta.range.as_ref().filter(|r| {
        // YAML front matter (`---`) is kept as the editor wrote it.
        input.source[(*r).clone()].starts_with("---")
    });
    if let Some(range) = yaml {
        out.push_str(&input.source[..range.end]);
        cursor = range.end;
    } else if let Some(range) = &input.doc.meta.range {
        out.push_str(&input.source[..range.start]);
        out.push_str(&front_matter(input));
        // The block's range may or may not hold the closing line's newline.
        if !input.source[..range.end].ends_with('\n') {
            out.pop();
        }
        cursor = range.end;
    }
    let mut ids = input.includes.ids.clone();
    // What the page's directives include: its headings' ids count first.
    let mut included = input.includes.blocks.iter().peekable();
    for ((block, piece), prep) in input
        .doc
        .blocks
        .iter()
        .zip(input.blocks)
        .zip(&prepared.blocks)
    {
        push_source(&mut out, input, cursor..block.range.start);
        let own = drop_links_in(&piece.text, prep.allowed, &prep.inline, &prep.events);
        let plain = plain_isolates(&own, input.dir);
        let mut text = match block.kind {
            // `inline_only` of the translation as it is: already worked out.
            BlockKind::Paragraph
            | BlockKind::ListItem
            | BlockKind::Term
            | BlockKind::Definition
                if plain == piece.text =>
            {
                prep.inline.to_string()
            }
            kind => in_context(kind, &plain),
        };
        // Raw HTML only where the English block has the same tag, as in the
        // HTML output.
        if !block.text.contains('<') {
            text = escape_unescaped(&text, '<');
        } else if text.contains('<') {
            text = escape_foreign_html(&text, prep.allowed, &input.doc.context);
        }
        match &piece.fallback {
            Some(info) => mark(&mut out, &text, block, info, input.book),
            _ => out.push_str(&text),
        }
        if let Some(english) = &piece.stale {
            stale_note(&mut out, english, block, input);
        }
        // Not in mdBook's `SUMMARY.md`: its headings are part titles, which
        // mdBook shows as written (`{#…}` and all) in the sidebar.
        if input.book.is_some()
            && input.links.doc != crate::markdown::SUMMARY
            && matches!(block.kind, BlockKind::Title | BlockKind::Heading(_))
        {
            // A book's heading keeps the English anchor (mdBook would make
            // one from the translated words), unless the source gives one;
            // unique after those of what the page includes before it.
            while let Some(inc) = included.next_if(|i| i.range.start < block.range.start) {
                for id in &inc.headings {
                    ids.unique(id.clone());
                }
            }
            // (A heading with its own id does not count, as in mdBook.)
            let rest = input.source[block.range.end..].lines().next().unwrap_or("");
            if !rest.contains('{') {
                let id = ids.unique(super::links::heading_id(&block.text));
                if !id.is_empty() {
                    out.push_str(&format!(" {{#{id}}}"));
                }
            }
        }
        cursor = block.range.end;
    }
    push_source(&mut out, input, cursor..input.source.len());
    out
}

/// The source between blocks, as it is; in a site's page (not a book's),
/// each block of mdBook directives that starts a line is replaced by the
/// documents it includes ([`super::Includes`]).
fn push_source(out: &mut String, input: &RenderInput, range: std::ops::Range<usize>) {
    let mut cursor = range.start;
    for block in &input.includes.blocks {
        let at = &block.range;
        let line_start = input.source[..at.start].ends_with('\n') || at.start == 0;
        if input.book.is_some() || at.start < cursor || at.end > range.end || !line_start {
            continue;
        }
        out.push_str(&input.source[cursor..at.start]);
        out.push_str(&block.markdown);
        cursor = at.end;
    }
    out.push_str(&input.source[cursor..range.end]);
}

/// A fallback block's text marked with its language and direction: a
/// top-level paragraph in a `<div>` (blank lines around it, so CommonMark
/// reads the Markdown inside), a nested block's text in a `<span>`; a heading
/// as it is (mdBook makes its anchor from the words, tags included).
fn mark(
    out: &mut String,
    text: &str,
    block: &markdown::Block,
    info: &super::FallbackInfo,
    book: Option<super::Book>,
) {
    let attrs = format!("lang=\"{}\" dir=\"{}\"", info.lang, info.dir.as_str());
    let inside = match book {
        Some(super::Book::Mkdocs) => " markdown=\"1\"",
        _ => "",
    };
    match block.kind {
        // After a backslash (the text begins after an escape) a tag would be text.
        _ if out.ends_with('\\') => out.push_str(text),
        BlockKind::Title | BlockKind::Heading(_) => out.push_str(text),
        // A paragraph whose text begins its line (not after an escape or a marker).
        BlockKind::Paragraph
            if block.depth == 0
                && out
                    .rsplit('\n')
                    .next()
                    .is_some_and(|line| line.trim().is_empty()) =>
        {
            out.push_str(&format!("<div {attrs}{inside}>\n\n{text}\n\n</div>\n"))
        }
        _ => out.push_str(&format!("<span {attrs}>{text}</span>")),
    }
}

/// After a stale top-level paragraph shown with a note (`[build] stale =
/// "note"`): a `<details>` in the page's language with the note as its
/// summary and the current English inside, between blank lines so that
/// CommonMark reads its Markdown. Nested and heading blocks get none here
/// (the HTML page has it).
fn stale_note(out: &mut String, english: &str, block: &markdown::Block, input: &RenderInput) {
    if block.depth > 0 || block.kind != BlockKind::Paragraph {
        return;
    }
    let Some(source) = &input.page.source else {
        return;
    };
    let mut summary = String::new();
    let note = plain_isolates(&input.page.stale_note.text, input.dir);
    let _ = pulldown_cmark_escape::escape_html(&mut summary, &note);
    let inside = match input.book {
        Some(super::Book::Mkdocs) => " markdown=\"1\"",
        _ => "",
    };
    // The source's own Markdown, inline HTML included: it is the editor's.
    let english = inline_only(english);
    out.push_str(&format!(
        "\n\n<details lang=\"{}\" dir=\"{}\"{inside}>\n<summary{}>{summary}</summary>\n\n<div lang=\"{}\" dir=\"{}\"{inside}>\n\n{english}\n\n</div>\n</details>",
        input.lang,
        input.dir.as_str(),
        input.page.stale_note.fallback.as_ref().map_or(String::new(), |f| format!(
            " lang=\"{}\" dir=\"{}\"",
            f.lang,
            f.dir.as_str()
        )),
        source.lang,
        source.dir.as_str(),
    ));
}

/// `text` with a backslash before each inline HTML tag that `allowed` does
/// not have, so that it reads as the words it is.
fn escape_foreign_html(text: &str, allowed: &Allowed, context: &markdown::Context) -> String {
    let mut at: Vec<usize> = context
        .events(text)
        .into_iter()
        .filter_map(|(event, range)| match event {
            Event::InlineHtml(raw) if !allowed.html.contains(&html_key(&raw)) => Some(range.start),
            _ => None,
        })
        .collect();
    at.sort_unstable();
    at.dedup();
    let mut out = text.to_string();
    for i in at.into_iter().rev() {
        out.insert(i, '\\');
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The shortcut of `is_one_paragraph` gives the parser's answer: lines
    /// that start with a letter, made of pieces that open blocks elsewhere.
    #[test]
    fn a_line_that_starts_with_a_letter_is_one_paragraph() {
        let pieces = [
            "a", "Ü", "ب", "ש", "文", " ", "# ", "- ", "* ", "+ ", "1. ", "2) ", "> ", "<div>",
            "<!--", "|", " | ", "---", "===", "```", "~~~", "[^n]: ", "[x]: /u", ": ", "$$", "+++",
            "\\", "*", "_", "`", "<", ">", "&amp;", "    ", "\t", "[", "]", "(", ")", "!",
            "\u{2068}",
        ];
        let mut seed = 7u64;
        let mut next = || {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as usize
        };
        let mut checked = 0;
        for _ in 0..20_000 {
            let mut text = String::new();
            for _ in 0..1 + next() % 6 {
                text.push_str(pieces[next() % pieces.len()]);
            }
            if starts_a_paragraph_line(&text) {
                assert!(parses_as_one_paragraph(&text), "{text:?}");
                checked += 1;
            }
        }
        assert!(checked > 1_000);
        assert!(!starts_a_paragraph_line("- a"));
        assert!(!starts_a_paragraph_line("a\n---"));
    }
}
