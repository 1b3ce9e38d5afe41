//! The shipped article against its source: every paragraph of the published text
//! (`tests/fixtures/article/published.txt`, the scrape of the article as it
//! appeared online) is in `content/article.md`, in the same order, once the
//! copy-edits of `tests/fixtures/article/copyedits.toml` are applied.
//!
//! How the scrape is read, explicitly:
//! - a paragraph is a run of non-blank lines; a line of whitespace only (the
//!   scrape has one holding a no-break space) separates paragraphs like an empty
//!   one, and the lines of a paragraph are joined with a space;
//! - the first paragraph is the title (the article's `#` heading); section
//!   headings are flattened into plain paragraphs by the scrape, so they are
//!   compared by their text like any other block;
//! - everything from the paragraph starting with "Written by" on is the page's
//!   chrome: the byline ("Written by- NAME", "Edited by – NAME"), which the
//!   article keeps in its front matter, then the blog's comment widget ("Post a
//!   Comment", "0 Comments"), which it drops. The chrome must be exactly that, so
//!   nothing else can hide in it.
//!
//! The article's blocks are read with pulldown-cmark: front matter stripped,
//! each paragraph's or heading's text without its Markdown syntax.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use std::path::PathBuf;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read(relative: &str) -> String {
    let path = repo().join(relative);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[derive(serde::Deserialize)]
struct CopyEdits {
    copyedit: Vec<CopyEdit>,
}

#[derive(serde::Deserialize)]
struct CopyEdit {
    published: String,
    edited: String,
    why: String,
}

fn copyedits() -> Vec<CopyEdit> {
    let table: CopyEdits = toml::from_str(&read("tests/fixtures/article/copyedits.toml"))
        .expect("copyedits.toml parses");
    table.copyedit
}

/// The scrape's paragraphs: runs of non-blank lines, each joined with spaces.
fn paragraphs(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for line in text.lines() {
        // `trim` also removes U+00A0, the scrape's one "blank" line.
        let line = line.trim();
        if line.is_empty() {
            if !current.is_empty() {
                out.push(current.join(" "));
                current.clear();
            }
        } else {
            current.push(line);
        }
    }
    if !current.is_empty() {
        out.push(current.join(" "));
    }
    out
}

/// The published paragraphs with the copy-edits applied, and the byline
/// (author, editor) read from the chrome.
fn source() -> (Vec<String>, (String, String)) {
    let mut text = read("tests/fixtures/article/published.txt");
    for edit in copyedits() {
        assert_eq!(
            text.matches(edit.published.as_str()).count(),
            1,
            "copy-edit ({}) no longer applies once: {:?}",
            edit.why,
            edit.published
        );
        text = text.replacen(&edit.published, &edit.edited, 1);
    }
    let mut all = paragraphs(&text);
    let chrome_at = all
        .iter()
        .position(|p| p.starts_with("Written by"))
        .expect("the scrape ends with the byline");
    let chrome = all.split_off(chrome_at);
    let name = |line: &str, prefix: &str| {
        line.strip_prefix(prefix)
            .unwrap_or_else(|| panic!("byline {line:?} does not start with {prefix:?}"))
            .trim_start_matches(['-', '–', ' '])
            .to_string()
    };
    assert_eq!(chrome.len(), 4, "unexpected chrome: {chrome:?}");
    let author = name(&chrome[0], "Written by");
    let editor = name(&chrome[1], "Edited by");
    assert_eq!(
        chrome[2..],
        ["Post a Comment", "0 Comments"],
        "the chrome after the byline is the comment widget and nothing else"
    );
    (all, (author, editor))
}

struct Article {
    /// The `+++` front matter's TOML text.
    front_matter: String,
    /// (heading level or 0 for a paragraph, text) of every block, in order.
    blocks: Vec<(u8, String)>,
}

fn parse_article(markdown: &str) -> Article {
    let rest = markdown
        .strip_prefix("+++\n")
        .expect("the article opens with +++ front matter");
    let end = rest.find("\n+++\n").expect("the front matter is closed");
    let front_matter = rest[..end + 1].to_string();
    let body = &rest[end + "\n+++\n".len()..];
    let mut blocks = Vec::new();
    let mut open: Option<(u8, String)> = None;
    for event in Parser::new(body) {
        match event {
            Event::Start(Tag::Paragraph) => open = Some((0, String::new())),
            Event::Start(Tag::Heading { level, .. }) => open = Some((level as u8, String::new())),
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, text)) = &mut open {
                    text.push_str(&t);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some((_, text)) = &mut open {
                    text.push(' ');
                }
            }
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_)) => {
                blocks.extend(open.take());
            }
            _ => {}
        }
    }
    Article {
        front_matter,
        blocks,
    }
}

/// Every source paragraph is a block of the article, in the same order, and the
/// article has no block the source does not have.
fn compare(source: &[String], blocks: &[(u8, String)]) -> Result<(), String> {
    let mut next = 0;
    for (i, paragraph) in source.iter().enumerate() {
        match blocks[next..].iter().position(|(_, b)| b == paragraph) {
            Some(at) => next += at + 1,
            None => {
                return Err(format!(
                    "paragraph {} of the source is not in content/article.md after block {next} \
                     (dropped, moved or edited without a copy-edit entry):\n{paragraph}",
                    i + 1
                ))
            }
        }
    }
    if blocks.len() != source.len() {
        let extra: Vec<&str> = blocks
            .iter()
            .map(|(_, b)| b.as_str())
            .filter(|b| !source.iter().any(|p| p == b))
            .collect();
        return Err(format!("blocks not in the source: {extra:#?}"));
    }
    Ok(())
}

#[test]
fn every_published_paragraph_is_in_the_article_in_order() {
    let (source, _) = source();
    let article = parse_article(&read("content/article.md"));
    assert!(source.len() > 30, "the scrape was read: {source:#?}");
    if let Err(e) = compare(&source, &article.blocks) {
        panic!("{e}");
    }
    // The title is the first paragraph of the scrape.
    assert_eq!(article.blocks[0], (1, source[0].clone()));
}

#[test]
fn the_byline_is_the_published_one() {
    let (_, (author, editor)) = source();
    let article = parse_article(&read("content/article.md"));
    let meta: toml::Table = toml::from_str(&article.front_matter).expect("front matter is TOML");
    assert_eq!(meta["author"].as_str(), Some(author.as_str()));
    assert_eq!(meta["editor"].as_str(), Some(editor.as_str()));
    assert_eq!(author, "Abduljalil Hage");
    assert_eq!(editor, "Adrija Saha");
}

#[test]
fn every_copy_edit_is_anchored_in_the_scrape_and_the_article() {
    let published = read("tests/fixtures/article/published.txt");
    let article = parse_article(&read("content/article.md"));
    let text: Vec<&str> = article.blocks.iter().map(|(_, b)| b.as_str()).collect();
    let text = text.join("\n\n");
    let edits = copyedits();
    assert!(!edits.is_empty());
    for edit in &edits {
        assert_eq!(
            published.matches(edit.published.as_str()).count(),
            1,
            "not exactly once in published.txt: {:?}",
            edit.published
        );
        assert!(
            text.contains(&edit.edited),
            "the edited text is not in content/article.md: {:?}",
            edit.edited
        );
        assert_ne!(edit.published, edit.edited);
        assert!(!edit.why.trim().is_empty(), "say why: {:?}", edit.published);
    }
    // The article says it was copy-edited, in a TOML comment the build drops.
    assert!(
        article
            .front_matter
            .lines()
            .any(|l| l.starts_with('#') && l.contains("copy-edited from the published text")),
        "{}",
        article.front_matter
    );
}

#[test]
fn a_dropped_paragraph_is_caught() {
    let (source, _) = source();
    let shipped = read("content/article.md");
    let last = source.last().unwrap();
    let dropped = parse_article(&shipped.replace(last.as_str(), ""));
    let err = compare(&source, &dropped.blocks).unwrap_err();
    assert!(err.contains(last.as_str()), "{err}");
    // And a paragraph moved out of order is caught too.
    let mut moved = parse_article(&shipped).blocks;
    moved.swap(1, 2);
    assert!(compare(&source, &moved).is_err());
}
