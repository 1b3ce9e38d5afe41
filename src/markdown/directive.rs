//! mdBook's preprocessor directives (`{{#include file.md}}`,
//! `{{#rustdoc_include x.rs:2:10}}`, `{{#playground x.rs}}`, `{{#title …}}`,
//! `{{#template …}}`): mdBook replaces each with what it names, so a block of
//! them has no words to translate, and ftlkit's own pages show what they
//! include (see `render::Includes`).

use std::ops::Range;

/// The directives mdBook's preprocessors expand.
pub const DIRECTIVES: [&str; 5] = [
    "include",
    "rustdoc_include",
    "playground",
    "title",
    "template",
];

/// One directive in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Directive<'a> {
    /// Where it stands, `{{` to `}}`.
    pub range: Range<usize>,
    /// `include`, `rustdoc_include`…
    pub name: &'a str,
    /// What follows the name (`../listings/x.rs:2:10`, `x.rs editable`).
    pub args: &'a str,
}

impl<'a> Directive<'a> {
    /// The file it reads (`include`, `rustdoc_include`, `playground`), as
    /// written, without its lines or anchor (`../listings/x.rs`).
    pub fn path(&self) -> Option<&'a str> {
        if !matches!(self.name, "include" | "rustdoc_include" | "playground") {
            return None;
        }
        let first = self.args.split_whitespace().next()?;
        first.split(':').next().filter(|p| !p.is_empty())
    }

    /// What follows the path's first `:` (`2:10`, `anchor`), if anything.
    pub fn selection(&self) -> Option<&'a str> {
        let first = self.args.split_whitespace().next()?;
        first.split_once(':').map(|(_, rest)| rest)
    }
}

/// The directives of a text (not those written `\{{#…}}`, which mdBook shows).
pub fn directives(text: &str) -> Vec<Directive<'_>> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = text[from..].find("{{#") {
        let at = from + i;
        from = at + 3;
        if text[..at].ends_with('\\') {
            continue;
        }
        let Some(end) = text[from..].find("}}").map(|n| from + n) else {
            break;
        };
        let inner = &text[from..end];
        let name = inner.split_whitespace().next().unwrap_or("");
        if DIRECTIVES.contains(&name) && inner.starts_with(name) {
            out.push(Directive {
                range: at..end + 2,
                name,
                args: inner[name.len()..].trim(),
            });
            from = end + 2;
        }
    }
    out
}

/// Whether a block's text is mdBook directives and nothing else
/// (`{{#include arg-watcher.md}}`).
pub fn is_directives(text: &str) -> bool {
    let text = text.trim();
    let found = directives(text);
    let mut cursor = 0;
    for d in &found {
        if !text[cursor..d.range.start].trim().is_empty() {
            return false;
        }
        cursor = d.range.end;
    }
    !found.is_empty() && text[cursor..].trim().is_empty()
}

/// The paragraphs of a Markdown text that are mdBook directives only
/// ([`is_directives`]): what mdBook replaces by the files they name.
pub fn paragraphs(text: &str) -> Vec<Range<usize>> {
    use pulldown_cmark::{Event, Parser, Tag};
    Parser::new_ext(text, super::options())
        .into_offset_iter()
        .filter_map(|(event, range)| match event {
            Event::Start(Tag::Paragraph) => Some(range),
            _ => None,
        })
        .filter(|r| is_directives(&text[r.clone()]))
        .collect()
}

/// Whether a text has an `{{#include x.md}}` (a quick look before reading
/// its paragraphs: most texts with directives include code).
pub fn includes_a_document(text: &str) -> bool {
    text.contains("{{#include")
        && directives(text)
            .iter()
            .any(|d| d.name == "include" && d.path().is_some_and(|p| p.ends_with(".md")))
}

/// The paths of the documents (`.md`, as written) that a text's paragraphs
/// of directives include whole (`{{#include other.md}}`: no lines, no anchor).
pub fn included_documents(text: &str) -> Vec<&str> {
    if !includes_a_document(text) {
        return Vec::new();
    }
    paragraphs(text)
        .into_iter()
        .flat_map(|range| directives(&text[range]))
        .filter(|d| d.name == "include" && d.selection().is_none())
        .filter_map(|d| d.path().filter(|p| p.ends_with(".md")))
        .collect()
}

/// The lines of a file a directive's selection names, as mdBook reads it:
/// none (the whole file), `2:10`, `2:` (to the end), `:10`, `2` (one line),
/// 1-based and inclusive. `None` for an anchor (`:main`), left to mdBook.
pub fn select_lines<'a>(file: &'a str, selection: Option<&str>) -> Option<String> {
    let Some(selection) = selection else {
        return Some(file.to_string());
    };
    let number = |s: &str| -> Option<Option<usize>> {
        match s.trim() {
            "" => Some(None),
            n => n.parse::<usize>().ok().map(Some),
        }
    };
    let (start, end) = match selection.split_once(':') {
        Some((a, b)) => (number(a)?, number(b)?),
        None => {
            let line = number(selection)?;
            (line, line)
        }
    };
    let start = start.unwrap_or(1).max(1);
    let lines: Vec<&'a str> = file.lines().collect();
    let end = end.unwrap_or(lines.len()).min(lines.len());
    let picked = lines.get(start - 1..end).unwrap_or(&[]);
    Some(picked.iter().map(|l| format!("{l}\n")).collect())
}

/// A code block's text with each `{{#include file}}` of a file in `files`
/// (by the path as written) replaced by its lines; an anchor or a file not
/// there stays as written. `None` when nothing was replaced.
pub fn expand_in_code(
    text: &str,
    files: &std::collections::HashMap<String, String>,
) -> Option<String> {
    let mut out = String::new();
    let mut cursor = 0;
    for d in directives(text) {
        if !matches!(d.name, "include" | "rustdoc_include") {
            continue;
        }
        let Some(lines) = d
            .path()
            .and_then(|p| files.get(p))
            .and_then(|file| select_lines(file, d.selection()))
        else {
            continue;
        };
        out.push_str(&text[cursor..d.range.start]);
        out.push_str(&lines);
        cursor = d.range.end;
        // The directive's own line end: the file's lines end in theirs.
        if text[cursor..].starts_with('\n') && lines.ends_with('\n') {
            cursor += 1;
        }
    }
    let expanded = match cursor {
        0 => None,
        _ => Some(out + &text[cursor..]),
    };
    // mdBook shows `\{{#include x}}` as `{{#include x}}`, in code too.
    let shown = expanded.as_deref().unwrap_or(text);
    match shown.contains("\\{{#") {
        true => Some(unescape(shown)),
        false => expanded,
    }
}

/// A text with each escaped directive (`\{{#include x}}`) as mdBook shows it.
pub fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("\\{{#") {
        let after = &rest[at + 4..];
        let known = DIRECTIVES
            .iter()
            .any(|d| after.starts_with(d) && after[d.len()..].starts_with(char::is_whitespace));
        out.push_str(&rest[..at]);
        if !known {
            out.push('\\');
        }
        out.push_str("{{#");
        rest = after;
    }
    out + rest
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_selected_as_mdbook_reads_them() {
        let file = "a\nb\nc\nd\n";
        assert_eq!(select_lines(file, None).unwrap(), file);
        assert_eq!(select_lines(file, Some("2:3")).unwrap(), "b\nc\n");
        assert_eq!(select_lines(file, Some("3:")).unwrap(), "c\nd\n");
        assert_eq!(select_lines(file, Some(":1")).unwrap(), "a\n");
        assert_eq!(select_lines(file, Some("4")).unwrap(), "d\n");
        assert_eq!(select_lines(file, Some("9:12")).unwrap(), "");
        assert_eq!(select_lines(file, Some("main")), None);
    }

    #[test]
    fn code_includes_are_expanded_and_others_kept() {
        let files = [("x.rs".to_string(), "one\ntwo\n".to_string())].into();
        let code = "{{#include x.rs:2}}\n{{#include x.rs:anchor}}\n{{#include y.rs}}\n";
        assert_eq!(
            expand_in_code(code, &files).unwrap(),
            "two\n{{#include x.rs:anchor}}\n{{#include y.rs}}\n"
        );
        assert_eq!(
            expand_in_code("a \\{{#include x.rs}} \\{{#not x}}", &files).unwrap(),
            "a {{#include x.rs}} \\{{#not x}}"
        );
        assert_eq!(expand_in_code("{{#include y.rs}}", &files), None);
        let d = &directives("{{#playground x.rs editable}}")[0];
        assert_eq!(
            (d.name, d.path(), d.selection()),
            ("playground", Some("x.rs"), None)
        );
    }
}
