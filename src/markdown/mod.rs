//! Markdown → translatable blocks, with the one pulldown-cmark setup that both
//! extraction and rendering use, so both read a document alike.
//!
//! A block's text is the block's own inline Markdown source (emphasis, links and
//! code stay inside it), on one line. Its byte range in the source is kept so the
//! build can put a translation back in exactly that place.

pub mod directive;
pub mod inline;

pub use directive::{is_directives, DIRECTIVES};

pub use inline::{normalize_label, reference_labels, Context};
use pulldown_cmark::{Event, MetadataBlockKind, Options, Parser, Tag, TagEnd};
use std::collections::BTreeMap;
use std::ops::Range;

/// Targets of the links and images in a Markdown text (reference links
/// resolved), for checks and the fuzz target.
pub fn link_targets(text: &str) -> std::collections::BTreeSet<String> {
    Parser::new_ext(text, options())
        .filter_map(|e| match e {
            Event::Start(Tag::Link { dest_url, .. })
            | Event::Start(Tag::Image { dest_url, .. }) => Some(dest_url.to_string()),
            _ => None,
        })
        .collect()
}

/// The options every stage parses with: CommonMark, GitHub's tables,
/// strikethrough, task lists, footnotes and alerts (`> [!NOTE]`), definition
/// lists, `+++` (TOML) or `---` (YAML) front matter, and a heading's own id
/// (`## Gatekeeping {#gate}`, as mdBook reads it: not part of its text).
pub fn options() -> Options {
    Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_TABLES
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_GFM
        | Options::ENABLE_DEFINITION_LIST
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    /// The document's first `#` heading.
    Title,
    Heading(u8),
    Paragraph,
    ListItem,
    TableCell,
    /// The term of a definition list (`Term` above `: definition`).
    Term,
    /// A definition of a definition list.
    Definition,
}

impl BlockKind {
    pub fn describe(self) -> String {
        match self {
            BlockKind::Title => "Title of the document".into(),
            BlockKind::Heading(level) => format!("Section heading (level {level})"),
            BlockKind::Paragraph => "Paragraph".into(),
            BlockKind::ListItem => "List item".into(),
            BlockKind::TableCell => "Table cell".into(),
            BlockKind::Term => "Term of a definition list".into(),
            BlockKind::Definition => "Definition in a definition list".into(),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Block {
    pub kind: BlockKind,
    /// Inline Markdown on one line (soft line breaks become spaces, hard
    /// line breaks `<br>`).
    pub text: String,
    /// Where the inline source stands in the document.
    pub range: Range<usize>,
    /// 1-based line of the block's first character.
    pub line: usize,
    /// Index into `Document::sections`.
    pub section: usize,
    /// Byte offset of the event that opens the block's element (`<p>`, `<li>`,
    /// `<h2>`…), so a renderer can find it again.
    pub container: usize,
    /// How many lists, quotes and tables hold the block (0 = top level).
    pub depth: usize,
}

/// A run of blocks under one heading. Section 0 is the lead: everything before
/// the first section heading.
#[derive(Debug, Clone)]
pub struct Section {
    /// The heading's text; empty for the lead.
    pub heading: String,
}

/// Metadata from the `+++` TOML front matter. Only string values are kept;
/// `author`, `editor` and `description` are translatable.
#[derive(Debug, Clone, Default)]
pub struct Meta {
    pub fields: BTreeMap<String, String>,
    /// Where the front matter's TOML text starts, for error positions.
    pub offset: usize,
    /// The whole front matter, `+++` lines included.
    pub range: Option<Range<usize>>,
    /// The front matter's TOML text.
    pub toml: String,
}

/// Front-matter keys whose values are translated like blocks.
pub const TRANSLATABLE_META: [&str; 3] = ["author", "editor", "description"];

/// An mdBook's `book.toml` keys of `[book]` translated with its summary,
/// and the field each is there (see `project::files::book_fields`).
pub const BOOK_META: [(&str, &str); 2] =
    [("title", "book-title"), ("description", "book-description")];

#[derive(Debug, Clone)]
pub struct Document {
    pub meta: Meta,
    pub blocks: Vec<Block>,
    pub sections: Vec<Section>,
    /// The link reference definitions and footnote labels of the document,
    /// with which a block's text (or its translation) is read on its own.
    pub context: Context,
}

impl Document {
    /// Words of the source's blocks, for the reading time.
    pub fn word_count(&self) -> usize {
        self.blocks
            .iter()
            .map(|b| b.text.split_whitespace().count())
            .sum()
    }
}

/// A problem in a document, at a byte offset.
#[derive(Debug, Clone)]
pub struct MarkdownError {
    pub offset: usize,
    pub message: String,
}

/// The name of an mdBook's table of contents (`SUMMARY.md` at the top of the
/// content folder).
pub const SUMMARY: &str = "SUMMARY";

/// The name of an mdBook's page for addresses that name nothing (`404.md`),
/// a page though its summary does not list it.
pub const NOT_FOUND: &str = "404";

/// [`parse`] for the document named `name`: in a book's summary, a block that
/// is one link and nothing else is its link's text only (its range narrowed
/// to the words in the brackets), so translators see the entry titles and
/// never the targets, which stay in the Markdown as they are.
pub fn parse_named(source: &str, name: &str) -> Result<Document, MarkdownError> {
    let mut doc = parse(source)?;
    if name == SUMMARY {
        for block in &mut doc.blocks {
            if matches!(block.kind, BlockKind::ListItem | BlockKind::Paragraph) {
                if let Some(inner) = link_text(&source[block.range.clone()]) {
                    let start = block.range.start + inner.start;
                    block.range = start..block.range.start + inner.end;
                    block.text = source[block.range.clone()].to_string();
                }
            }
        }
    }
    Ok(doc)
}

/// The range of a link's words when `inline` is that link and nothing else.
fn link_text(inline: &str) -> Option<Range<usize>> {
    let mut depth = 0usize;
    let mut inner: Option<Range<usize>> = None;
    let mut whole = false;
    for (event, range) in Parser::new_ext(inline, options()).into_offset_iter() {
        match event {
            Event::Start(Tag::Paragraph) | Event::End(TagEnd::Paragraph) => {}
            Event::Start(Tag::Link { .. }) if depth == 0 && inner.is_none() && !whole => {
                whole = range == (0..inline.trim_end().len());
                depth = 1;
            }
            Event::End(TagEnd::Link) if depth == 1 => depth = 0,
            _ if depth >= 1 => {
                if let Event::Start(_) = event {
                    depth += 1;
                } else if let Event::End(_) = event {
                    depth -= 1;
                }
                let r = inner.get_or_insert(range.clone());
                r.start = r.start.min(range.start);
                r.end = r.end.max(range.end);
            }
            _ => return None,
        }
    }
    inner.filter(|r| whole && !inline[r.clone()].contains('\n'))
}

/// Splits a document into blocks. Code blocks, raw HTML blocks and blocks of
/// mdBook directives only ([`is_directives`]) are not translatable and are
/// left out.
pub fn parse(source: &str) -> Result<Document, MarkdownError> {
    let mut splitter = Splitter::new(source);
    let mut parser = Parser::new_ext(source, options()).into_offset_iter();
    for (event, range) in parser.by_ref() {
        if let Event::Start(Tag::FootnoteDefinition(label)) = &event {
            splitter.footnotes.push(label.to_string());
        }
        splitter.event(event, range)?;
    }
    splitter.finish();
    let context = Context::new(parser.reference_definitions(), splitter.footnotes);
    let mut blocks = splitter.blocks;
    for block in &mut blocks {
        block.text = context.full_reference_links(&block.text);
    }
    let mut sections = splitter.sections;
    for section in &mut sections {
        section.heading = context.full_reference_links(&section.heading);
    }
    Ok(Document {
        meta: splitter.meta,
        blocks,
        sections,
        context,
    })
}

/// The state of [`parse`] as it walks pulldown-cmark's events: the block being
/// gathered (`open`), the kind of leaf we are in, and how deep in containers.
struct Splitter<'s> {
    source: &'s str,
    index: crate::ftl::LineIndex<'s>,
    meta: Meta,
    blocks: Vec<Block>,
    sections: Vec<Section>,
    open: Option<(BlockKind, Range<usize>)>,
    leaf: Option<BlockKind>,
    container: usize,
    depth: usize,
    /// The kinds of the list items and definitions that hold the block.
    items: Vec<BlockKind>,
    /// Hard line breaks in the block being gathered.
    breaks: Vec<Range<usize>>,
    in_meta: bool,
    /// Whether the metadata block is YAML (`---`).
    yaml: bool,
    /// Labels of the footnote definitions, in document order.
    footnotes: Vec<String>,
    /// Nesting of the code block being skipped (0: not in one).
    skip_depth: usize,
}

impl<'s> Splitter<'s> {
    fn new(source: &'s str) -> Self {
        Splitter {
            source,
            index: crate::ftl::LineIndex::new(source),
            meta: Meta::default(),
            blocks: Vec::new(),
            sections: vec![Section {
                heading: String::new(),
            }],
            open: None,
            leaf: None,
            container: 0,
            depth: 0,
            items: Vec::new(),
            breaks: Vec::new(),
            in_meta: false,
            yaml: false,
            footnotes: Vec::new(),
            skip_depth: 0,
        }
    }

    /// Ends the block being gathered, if any: it becomes a [`Block`] (the first
    /// `#` heading is the title; any other heading opens a section).
    fn finish(&mut self) {
        let breaks = std::mem::take(&mut self.breaks);
        let Some((mut kind, range)) = self.open.take() else {
            return;
        };
        let text = one_line(&with_breaks(self.source, range.clone(), &breaks));
        // A block of mdBook directives only is the book's, like a code block.
        // (`\{{#include x}}` is shown: the escape is before the range.)
        let escaped = self.source[..range.start].ends_with('\\');
        if text.is_empty() || (is_directives(&text) && !escaped) {
            return;
        }
        if let BlockKind::Heading(level) = kind {
            if level == 1 && self.blocks.is_empty() {
                kind = BlockKind::Title;
            } else {
                self.sections.push(Section {
                    heading: text.clone(),
                });
            }
        }
        self.blocks.push(Block {
            kind,
            text,
            line: self.index.position(range.start).0,
            range,
            section: self.sections.len() - 1,
            container: self.container,
            depth: self.depth,
        });
    }

    /// Starts a leaf block (heading, paragraph, cell, item) at `start`.
    fn start_leaf(&mut self, kind: BlockKind, start: usize) {
        self.finish();
        self.container = start;
        self.leaf = Some(kind);
    }

    fn event(&mut self, event: Event, range: Range<usize>) -> Result<(), MarkdownError> {
        if self.skip_depth > 0 {
            match event {
                Event::Start(Tag::CodeBlock(_)) => self.skip_depth += 1,
                Event::End(TagEnd::CodeBlock) => self.skip_depth -= 1,
                _ => {}
            }
            return Ok(());
        }
        match event {
            // Front matter is only at the very start; pulldown-cmark also
            // reports `+++` lines inside list items as metadata blocks.
            Event::Start(Tag::MetadataBlock(kind)) => {
                self.in_meta = true;
                if range.start == 0 {
                    self.meta.range = Some(range);
                }
                // YAML front matter (`---`) is kept as it is, not read: only
                // `+++` TOML front matter has fields ftlkit uses.
                self.yaml = kind == MetadataBlockKind::YamlStyle;
            }
            Event::End(TagEnd::MetadataBlock(_)) => self.in_meta = false,
            Event::Text(text) if self.in_meta => {
                if self.meta.range.is_some() && !self.yaml {
                    let whole = self.meta.range.take();
                    self.meta = parse_meta(&text, range.start)?;
                    self.meta.range = whole;
                }
            }
            Event::Start(tag) => self.start(tag, range),
            Event::End(tag) => self.end(tag, range),
            // A task's `[ ]` / `[x]` is structure, not words: it stays out
            // of the message and every output keeps it in place.
            Event::Html(_) | Event::Rule | Event::TaskListMarker(_) => {}
            Event::HardBreak => {
                if let Some(kind) = self.leaf {
                    self.breaks.push(range.clone());
                    extend(&mut self.open, kind, range);
                }
            }
            Event::Text(_)
            | Event::Code(_)
            | Event::InlineHtml(_)
            | Event::InlineMath(_)
            | Event::DisplayMath(_)
            | Event::FootnoteReference(_)
            | Event::SoftBreak => {
                if let Some(kind) = self.leaf {
                    extend(&mut self.open, kind, range);
                }
            }
        }
        Ok(())
    }

    fn start(&mut self, tag: Tag, range: Range<usize>) {
        match tag {
            Tag::CodeBlock(_) => {
                self.finish();
                self.skip_depth = 1;
            }
            Tag::Heading { level, .. } => {
                self.start_leaf(BlockKind::Heading(level as u8), range.start)
            }
            Tag::Paragraph => {
                let kind = self.items.last().copied().unwrap_or(BlockKind::Paragraph);
                self.start_leaf(kind, range.start);
            }
            Tag::TableCell => self.start_leaf(BlockKind::TableCell, range.start),
            Tag::DefinitionListTitle => self.start_leaf(BlockKind::Term, range.start),
            Tag::Item | Tag::DefinitionListDefinition => {
                let kind = if matches!(tag, Tag::Item) {
                    BlockKind::ListItem
                } else {
                    BlockKind::Definition
                };
                self.start_leaf(kind, range.start);
                self.items.push(kind);
            }
            Tag::List(_)
            | Tag::BlockQuote(_)
            | Tag::Table(_)
            | Tag::FootnoteDefinition(_)
            | Tag::DefinitionList => {
                // A nested list ends the text of the item that holds it.
                self.finish();
                self.depth += 1;
                self.leaf = None;
            }
            tag => {
                if let (true, Some(kind)) = (is_inline(&tag), self.leaf) {
                    extend(&mut self.open, kind, range);
                }
            }
        }
    }

    fn end(&mut self, tag: TagEnd, range: Range<usize>) {
        match tag {
            TagEnd::List(_)
            | TagEnd::BlockQuote(_)
            | TagEnd::Table
            | TagEnd::FootnoteDefinition
            | TagEnd::DefinitionList => {
                self.finish();
                self.depth = self.depth.saturating_sub(1);
                self.leaf = None;
            }
            TagEnd::Item | TagEnd::DefinitionListDefinition => {
                self.finish();
                self.items.pop();
                self.leaf = None;
            }
            TagEnd::Paragraph
            | TagEnd::Heading(_)
            | TagEnd::TableCell
            | TagEnd::DefinitionListTitle => {
                self.finish();
                self.leaf = None;
            }
            tag => {
                if let (true, Some(kind)) = (is_inline_end(&tag), self.leaf) {
                    extend(&mut self.open, kind, range);
                }
            }
        }
    }
}

fn extend(open: &mut Option<(BlockKind, Range<usize>)>, kind: BlockKind, range: Range<usize>) {
    match open {
        Some((_, r)) => {
            r.start = r.start.min(range.start);
            r.end = r.end.max(range.end);
        }
        None => *open = Some((kind, range)),
    }
}

fn is_inline(tag: &Tag) -> bool {
    matches!(
        tag,
        Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Link { .. } | Tag::Image { .. }
    )
}

fn is_inline_end(tag: &TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link | TagEnd::Image
    )
}

/// The source of `range` with each hard line break (`\\` or two spaces at
/// the end of a line, `breaks`) written `<br>`, which reads the same on one line.
fn with_breaks(source: &str, range: Range<usize>, breaks: &[Range<usize>]) -> String {
    let mut out = String::with_capacity(range.len() + 4 * breaks.len());
    let mut cursor = range.start;
    for b in breaks {
        out.push_str(&source[cursor..b.start]);
        out.push_str("<br>\n");
        cursor = b.end;
    }
    out.push_str(&source[cursor..range.end]);
    out
}

/// Joins a block's source lines into one: each line trimmed, blockquote markers
/// of continuation lines dropped.
pub fn one_line(source: &str) -> String {
    let mut out = String::new();
    // Lone CRs (old Mac line endings) end lines too.
    for (i, line) in source.split(['\n', '\r']).enumerate() {
        let mut line = line.trim();
        if i > 0 {
            while let Some(rest) = line.strip_prefix('>') {
                line = rest.trim_start();
            }
        }
        if line.is_empty() {
            continue;
        }
        // A line break needs no space after it.
        if !out.is_empty() && !out.ends_with("<br>") {
            out.push(' ');
        }
        out.push_str(line);
    }
    out
}

fn parse_meta(text: &str, offset: usize) -> Result<Meta, MarkdownError> {
    type Table = BTreeMap<String, toml::Spanned<toml::Value>>;
    let table: Table = toml::from_str(text).map_err(|e| MarkdownError {
        offset: offset + e.span().map_or(0, |s| s.start),
        message: format!("front matter is not valid TOML: {}", e.message()),
    })?;
    let mut fields = BTreeMap::new();
    for (key, value) in table {
        let span = value.span();
        match value.into_inner() {
            toml::Value::String(s) => {
                fields.insert(key, s);
            }
            // A translatable field that is not text would vanish from every page.
            other if TRANSLATABLE_META.contains(&key.as_str()) => {
                return Err(MarkdownError {
                    offset: offset + span.start,
                    message: format!(
                        "front matter `{key}` must be text in quotes (`{key} = \"…\"`), not {} {}; it is shown and translated on every page",
                        if other.type_str().starts_with(['a', 'i']) { "an" } else { "a" },
                        other.type_str()
                    ),
                })
            }
            // Other keys are the editor's own metadata: only text is kept.
            _ => {}
        }
    }
    Ok(Meta {
        fields,
        offset,
        range: None,
        toml: text.to_string(),
    })
}

/// The words of inline Markdown without its markup (for `<title>` and counts).
pub fn plain_text(inline: &str) -> String {
    let mut out = String::new();
    for event in Parser::new_ext(inline, options()) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            _ => {}
        }
    }
    out
}

/// Which block names the page (`<title>`, the index): the document's `#`
/// title, else its first heading, else its first block with words in it (a
/// README may open with a paragraph or a badge). `None` when nothing has words.
pub fn title_block(blocks: &[Block]) -> Option<usize> {
    let has_words = |b: &Block| plain_text(&b.text).chars().any(char::is_alphanumeric);
    let heading = |b: &Block| matches!(b.kind, BlockKind::Title | BlockKind::Heading(_));
    blocks
        .iter()
        .position(|b| heading(b) && has_words(b))
        .or_else(|| blocks.iter().position(has_words))
}

/// A block's text as a page title: plain, and cut at a word near 80
/// characters when the block is a paragraph rather than a heading.
pub fn title_text(inline: &str) -> String {
    const MAX: usize = 80;
    let plain = plain_text(inline);
    let plain = plain.trim();
    if plain.chars().count() <= MAX {
        return plain.to_string();
    }
    let cut = plain
        .char_indices()
        .nth(MAX)
        .map_or(plain.len(), |(i, _)| i);
    let head = &plain[..cut];
    let head = head.rfind(' ').map_or(head, |space| &head[..space]);
    format!("{}…", head.trim_end_matches([',', ';', ':', ' ']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_title_is_the_first_heading_with_words() {
        let titled = parse("![badge](b.svg)\n\n# Tool\n\nText.\n").unwrap();
        assert_eq!(
            titled.blocks[title_block(&titled.blocks).unwrap()].text,
            "Tool"
        );
        let sub = parse("Intro words.\n\n## Install\n").unwrap();
        assert_eq!(
            sub.blocks[title_block(&sub.blocks).unwrap()].text,
            "Install"
        );
        let plain = parse("![](x.png)\n\nOnly a paragraph here.\n").unwrap();
        assert_eq!(title_block(&plain.blocks), Some(1));
        let long = "word ".repeat(40);
        let t = title_text(&long);
        assert!(t.ends_with("word…") && t.chars().count() <= 81, "{t}");
        assert_eq!(title_text("**Bold** `code`"), "Bold code");
    }

    #[test]
    fn blocks_and_sections() {
        let md = "+++\nauthor = \"A\"\n+++\n\n# Title *here*\n\nFirst\nline.\n\n## Part one\n\n- item [link](http://x)\n- two\n  - nested\n\n```\ncode\n```\n\n> quoted\n> text\n";
        let doc = parse(md).unwrap();
        let got: Vec<_> = doc
            .blocks
            .iter()
            .map(|b| (b.kind, b.text.as_str(), b.section))
            .collect();
        assert_eq!(
            got,
            vec![
                (BlockKind::Title, "Title *here*", 0),
                (BlockKind::Paragraph, "First line.", 0),
                (BlockKind::Heading(2), "Part one", 1),
                (BlockKind::ListItem, "item [link](http://x)", 1),
                (BlockKind::ListItem, "two", 1),
                (BlockKind::ListItem, "nested", 1),
                (BlockKind::Paragraph, "quoted text", 1),
            ]
        );
        assert_eq!(doc.meta.fields["author"], "A");
        assert_eq!(doc.blocks[1].line, 7);
        assert_eq!(&md[doc.blocks[0].range.clone()], "Title *here*");
    }

    #[test]
    fn a_block_of_mdbook_directives_is_no_block() {
        let md = "# T\n\n{{#include arg-watcher.md}}\n\n- {{#playground x.rs editable}}\n\n{{#title A}} {{#include b.md:2:4}}\n\n\\{{#include shown.md}}\n\nSee {{#include c.md}}.\n\n{{#unknown x}}\n";
        let texts: Vec<_> = parse(md)
            .unwrap()
            .blocks
            .into_iter()
            .map(|b| b.text)
            .collect();
        assert_eq!(
            texts,
            // (the escape stays in the source, before the block's range)
            [
                "T",
                "{{#include shown.md}}",
                "See {{#include c.md}}.",
                "{{#unknown x}}"
            ]
        );
    }

    #[test]
    fn bad_front_matter_has_a_position() {
        let err = parse("+++\nauthor = \n+++\n# T\n").unwrap_err();
        assert!(err.message.contains("TOML"), "{}", err.message);
        assert!(err.offset >= 4);
    }
}
