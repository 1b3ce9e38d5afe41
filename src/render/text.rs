//! Plain text for terminals and e-mail, from the translated Markdown.

use super::bidi::plain_isolates;
use super::RenderInput;
use crate::locale::Direction;
use crate::markdown;
use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};

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
    let mut marks = Marks::default();
    for event in Parser::new_ext(md, markdown::options()) {
        if marks.read(&event, input.dir, &mut out, &mut line) {
            continue;
        }
        match event {
            Event::Start(Tag::MetadataBlock(_)) => in_meta = true,
            Event::End(TagEnd::MetadataBlock(_)) => in_meta = false,
            Event::Text(t) | Event::Code(t) if !in_meta => line.push_str(&t),
            Event::SoftBreak => line.push(' '),
            Event::HardBreak => line.push('\n'),
            Event::InlineHtml(tag) if is_br(&tag) => line.push('\n'),
            Event::FootnoteReference(label) => push_label(&mut line, &label, "]"),
            Event::Start(Tag::FootnoteDefinition(label)) => push_label(&mut line, &label, "] "),
            Event::End(TagEnd::DefinitionListTitle) => {
                out.push_str(&line);
                out.push('\n');
                line.clear();
            }
            Event::Start(Tag::DefinitionListDefinition) => line.push_str("    "),
            Event::End(TagEnd::DefinitionListDefinition) => {
                out.push_str(line.trim_end());
                out.push_str("\n\n");
                line.clear();
            }
            Event::Start(Tag::Heading { level, .. }) => {
                heading = Some(if level == HeadingLevel::H1 { '=' } else { '-' })
            }
            Event::End(TagEnd::Heading(_)) => {
                push_underlined(&mut out, &line, heading.take().unwrap_or('-'));
                line.clear();
                if !byline_done {
                    byline_done = true;
                    out.push_str(&byline(input));
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
                flush_line(&mut out, &mut line); // a nested list ends its parent's line
                for _ in 1..lists.len() {
                    line.push_str("  ");
                }
                push_item_marker(&mut line, lists.last_mut());
            }
            Event::TaskListMarker(done) => line.push_str(if done { "[x] " } else { "[ ] " }),
            Event::End(TagEnd::Item) => flush_line(&mut out, &mut line),
            Event::End(TagEnd::Paragraph) => {
                if lists.is_empty() {
                    line = marks.mark(line);
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
                    line.push_str(" (");
                    line.push_str(&url);
                    line.push(')');
                }
            }
            Event::End(TagEnd::CodeBlock) => {
                push_code(&mut out, &line);
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
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

/// The Markdown output's marks read for the text: the isolate a block in
/// another direction is wrapped in, the spans open (whether each opened an
/// isolate), and a stale block's note.
#[derive(Default)]
struct Marks {
    block: Option<char>,
    /// The language of the block in another language being read, shown
    /// before its text (`[en-US] `): the visible mark a plain-text reader
    /// and a downstream renderer have.
    lang: Option<String>,
    spans: Vec<bool>,
}

impl Marks {
    /// A paragraph's text with the marks of the block it is in: its
    /// language shown, and its isolate.
    fn mark(&self, mut line: String) -> String {
        if let Some(lang) = &self.lang {
            line = format!("[{lang}] {line}");
        }
        if let Some(open) = self.block {
            line = format!("{open}{line}{PDI}");
        }
        line
    }

    /// Reads `event` if it is one of the marks (a `<div|span lang dir>`, its
    /// end, a `<summary>`): true when it was.
    fn read(
        &mut self,
        event: &Event,
        page: Direction,
        out: &mut String,
        line: &mut String,
    ) -> bool {
        match event {
            Event::Html(tag) => {
                if let Some(summary) = summary_text(tag) {
                    out.push_str(&format!("{summary}\n\n"));
                }
                if let Some(opening) = marked_dir(tag, "<div ") {
                    self.block = isolate(opening, page);
                    self.lang = marked_lang(tag);
                } else if tag.trim_start().starts_with("</div>") {
                    self.block = None;
                    self.lang = None;
                }
                true
            }
            Event::InlineHtml(tag) if tag.starts_with("<span ") => {
                let opens = marked_dir(tag, "<span ").and_then(|d| isolate(d, page));
                line.extend(opens);
                self.spans.push(opens.is_some());
                true
            }
            Event::InlineHtml(tag) if tag.as_ref() == "</span>" => {
                if self.spans.pop() == Some(true) {
                    line.push(PDI);
                }
                true
            }
            _ => false,
        }
    }
}

/// Left-to-right and right-to-left isolates, and their end (Unicode's
/// LRI, RLI and PDI): a paragraph in another direction than its text's.
const LRI: char = '\u{2066}';
const RLI: char = '\u{2067}';
const PDI: char = '\u{2069}';

/// The direction of the Markdown output's mark of a block or span in
/// another language (`<div lang="en-US" dir="ltr">`), if `tag` is one.
fn marked_dir(tag: &str, open: &str) -> Option<Direction> {
    let rest = tag.trim().strip_prefix(open)?;
    let (_, dir) = rest.split_once(" dir=\"")?;
    match dir.split('"').next()? {
        "ltr" => Some(Direction::Ltr),
        "rtl" => Some(Direction::Rtl),
        _ => None,
    }
}

/// The language of the Markdown output's mark of a block in another
/// language (`<div lang="en-US" dir="ltr">` → `en-US`), if `tag` has one.
fn marked_lang(tag: &str) -> Option<String> {
    let (_, rest) = tag.split_once(" lang=\"")?;
    let lang = rest.split('"').next()?;
    let plain = !lang.is_empty() && lang.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    plain.then(|| lang.to_string())
}

/// The isolate that opens text in direction `dir` inside a text in `page`'s:
/// none when they are the same.
fn isolate(dir: Direction, page: Direction) -> Option<char> {
    (dir != page).then_some(match dir {
        Direction::Ltr => LRI,
        Direction::Rtl => RLI,
    })
}

/// The note of a stale block's `<details>` in the Markdown output (its `<summary>`).
fn summary_text(html: &str) -> Option<String> {
    let start = html.find("<summary>")? + "<summary>".len();
    let end = html[start..].find("</summary>")? + start;
    let text = &html[start..end];
    Some(
        text.replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&amp;", "&"),
    )
}

/// Ends the line being gathered, if it has words (an item whose nested list
/// already ended it adds no blank line).
fn flush_line(out: &mut String, line: &mut String) {
    if !line.trim().is_empty() {
        out.push_str(line.trim_end());
        out.push('\n');
    }
    line.clear();
}

/// Whether an inline HTML tag is a line break (`<br>`, `<br/>`, `<BR />`).
fn is_br(tag: &str) -> bool {
    let name: String = tag
        .trim_start_matches('<')
        .trim_end_matches('>')
        .trim_end_matches('/')
        .trim()
        .to_ascii_lowercase();
    name == "br"
}

/// The byline and the reading time under the title, each on its line, then a blank line.
fn byline(input: &RenderInput) -> String {
    let parts: Vec<&str> = input
        .page
        .byline
        .iter()
        .map(|s| s.text.as_str())
        .filter(|t| !t.is_empty())
        .collect();
    let lines: Vec<String> = [parts.join(" · "), input.page.reading_time.text.clone()]
        .into_iter()
        .filter(|l| !l.is_empty())
        .collect();
    if lines.is_empty() {
        return String::new();
    }
    format!("{}\n\n", plain_isolates(&lines.join("\n"), input.dir))
}

/// A footnote's label as the text shows it: `[label` and `after`.
fn push_label(line: &mut String, label: &str, after: &str) {
    line.push('[');
    line.push_str(label);
    line.push_str(after);
}

/// A code block's lines, indented by four spaces, then a blank line.
fn push_code(out: &mut String, code: &str) {
    for l in code.lines() {
        out.push_str("    ");
        out.push_str(l);
        out.push('\n');
    }
    out.push('\n');
}

/// `1. ` (counting on) in an ordered list, `• ` in a bulleted one.
fn push_item_marker(line: &mut String, list: Option<&mut Option<u64>>) {
    match list {
        Some(Some(n)) => {
            *n += 1;
            line.push_str(&(*n - 1).to_string());
            line.push_str(". ");
        }
        _ => line.push_str("• "),
    }
}

/// A heading's line, underlined with `mark` as wide as it shows (at least 3), then a blank line.
fn push_underlined(out: &mut String, line: &str, mark: char) {
    let width = unicode_width::UnicodeWidthStr::width(line).max(3);
    out.push_str(line);
    out.push('\n');
    out.extend(std::iter::repeat_n(mark, width));
    out.push_str("\n\n");
}
