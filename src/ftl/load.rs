//! The one way to load a Fluent file: read it (UTF-8, BOM dropped, positioned
//! errors), refuse nesting the parsers cannot survive, parse it once, and locate
//! entries in it. Every stage that reads `.ftl` goes through here.

use super::{line_column, too_deep, too_deep_message, LineIndex};
use crate::error::{Error, Result};
use fluent_syntax::ast::{Entry, Resource};
use fluent_syntax::parser::ParserError;
use std::path::Path;

/// A text nested deeper than [`super::MAX_NESTING`] placeables at byte `at`:
/// refused before parsing, because the parsers recurse.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TooDeep {
    pub at: usize,
}

impl TooDeep {
    /// The error for `path`, positioned in `text`.
    pub fn error(self, path: &Path, text: &str) -> Error {
        let (line, column) = line_column(text, self.at);
        Error::At {
            path: path.to_path_buf(),
            line,
            column,
            message: too_deep_message(),
        }
    }
}

/// A Fluent text parsed once, borrowing from the text: the resource (junk
/// where the text is broken), the syntax errors and a line index for positions.
pub struct Parsed<'t> {
    pub text: &'t str,
    pub resource: Resource<&'t str>,
    pub errors: Vec<ParserError>,
    pub lines: LineIndex<'t>,
}

/// Parses `text` with fluent-syntax, recovering from syntax errors as the
/// parser does, after the depth guard.
pub fn parse(text: &str) -> std::result::Result<Parsed<'_>, TooDeep> {
    if let Some(at) = too_deep(text) {
        return Err(TooDeep { at });
    }
    let (resource, errors) = match fluent_syntax::parser::parse(text) {
        Ok(resource) => (resource, Vec::new()),
        Err((resource, errors)) => (resource, errors),
    };
    Ok(Parsed {
        text,
        resource,
        errors,
        lines: LineIndex::new(text),
    })
}

/// Reads a Fluent file; `Ok(None)` when it does not exist.
pub fn read(path: &Path) -> Result<Option<String>> {
    match crate::fsutil::read_text(path) {
        Ok(text) => Ok(Some(text)),
        Err(Error::Io { source, .. }) if source.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

/// Reads a Fluent file that must be valid (a generated or reference file): a
/// syntax error becomes an error at the first one's position. `Ok(None)` when
/// the file does not exist.
pub fn read_resource(path: &Path) -> Result<Option<Resource<String>>> {
    let Some(text) = read(path)? else {
        return Ok(None);
    };
    strict(path, &text).map(Some)
}

/// Parses a text that must be valid Fluent, owning the result; the first
/// syntax error becomes an error at its position in `path`.
pub fn strict(path: &Path, text: &str) -> Result<Resource<String>> {
    if let Some(at) = too_deep(text) {
        return Err(TooDeep { at }.error(path, text));
    }
    match fluent_syntax::parser::parse(text.to_string()) {
        Ok(resource) => Ok(resource),
        Err((_, errors)) => {
            let first = &errors[0];
            let (line, column) = line_column(text, first.pos.start);
            Err(Error::At {
                path: path.to_path_buf(),
                line,
                column,
                message: format!("Fluent syntax error: {}", first.kind),
            })
        }
    }
}

/// A guarded [`fluent_bundle::FluentResource`] for formatting (fluent-bundle
/// parses with its own copy of the parser; it recovers from syntax errors, so
/// only the depth guard can refuse a text).
pub fn bundle_resource(
    text: String,
) -> std::result::Result<fluent_bundle::FluentResource, TooDeep> {
    bundle_resource_with_errors(text).map(|(resource, _)| resource)
}

/// [`bundle_resource`] with the syntax errors of fluent-bundle's parser (its
/// runtime parse, which skips comments: its errors are those of the entries
/// the bundle skips), positioned in the resource's `source()`.
pub fn bundle_resource_with_errors(
    text: String,
) -> std::result::Result<(fluent_bundle::FluentResource, Vec<ParserError>), TooDeep> {
    if let Some(at) = too_deep(&text) {
        return Err(TooDeep { at });
    }
    Ok(match fluent_bundle::FluentResource::try_new(text) {
        Ok(resource) => (resource, Vec::new()),
        Err((resource, errors)) => (resource, errors),
    })
}

/// Byte offset of `slice` in `text`, when `slice` borrows from `text` (as the
/// names and values of a resource parsed from `text` do); 0 otherwise.
pub fn offset_in(text: &str, slice: &str) -> usize {
    let start = text.as_ptr() as usize;
    let at = slice.as_ptr() as usize;
    if at >= start && at <= start + text.len() {
        at - start
    } else {
        0
    }
}

/// Where an entry of a resource parsed from `text` starts: the byte offset of
/// its id (a term's id after the `-`), or of its content for junk and comments.
pub fn entry_offset(text: &str, entry: &Entry<&str>) -> usize {
    match entry {
        Entry::Message(m) => offset_in(text, m.id.name),
        Entry::Term(t) => offset_in(text, t.id.name),
        Entry::Junk { content } => offset_in(text, content),
        Entry::Comment(c) | Entry::GroupComment(c) | Entry::ResourceComment(c) => {
            c.content.first().map_or(0, |line| offset_in(text, line))
        }
    }
}

/// The text of entry `i` of `body` (a resource parsed from `text`) as the
/// file writes it: from its [`entry_offset`] to the next entry's, the line
/// ends after it left out (a comment above the next entry stays in). Two
/// entries with the same such text parse alike, the parser stopping inside
/// it: equal texts save serializing both to compare them.
pub fn entry_text<'t>(text: &'t str, body: &[Entry<&str>], i: usize) -> &'t str {
    let Some(entry) = body.get(i) else {
        return "";
    };
    let start = entry_offset(text, entry);
    let end = body
        .get(i + 1)
        .map(|next| entry_offset(text, next))
        .filter(|&end| end > start)
        .unwrap_or(text.len());
    text.get(start..end)
        .map_or("", |t| t.trim_end_matches('\n'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_once_and_locates_entries() {
        let text = "# note\nhello = Hello\n-brand = ftlkit\nbroken {\n";
        let parsed = parse(text).unwrap();
        assert_eq!(parsed.errors.len(), 1);
        let offsets: Vec<usize> = parsed
            .resource
            .body
            .iter()
            .map(|e| entry_offset(text, e))
            .collect();
        assert_eq!(&text[offsets[0]..offsets[0] + 5], "hello");
        assert_eq!(&text[offsets[1]..offsets[1] + 5], "brand");
        assert_eq!(&text[offsets[2]..offsets[2] + 6], "broken");
        assert_eq!(parsed.lines.position(offsets[1]), (3, 2));
    }

    #[test]
    fn an_entry_text_runs_to_the_next_entry() {
        let text = "a = A\n    continued\n\n# about b\nb = { $n ->\n[one] B\n*[other] Bs\n}\n\n\n-t = T\r\n";
        let parsed = parse(text).unwrap();
        let body = &parsed.resource.body;
        assert_eq!(
            entry_text(text, body, 0),
            "a = A\n    continued\n\n# about b"
        );
        assert_eq!(
            entry_text(text, body, 1),
            "b = { $n ->\n[one] B\n*[other] Bs\n}\n\n\n-"
        );
        assert_eq!(entry_text(text, body, 2), "t = T\r");
        assert_eq!(entry_text(text, body, 3), "");
    }

    /// The depth guard's first form, deciding on every byte: the oracle of
    /// the run-skipping scan.
    fn byte_by_byte(text: &str) -> Option<usize> {
        // Every character that matters is ASCII, and UTF-8 never uses ASCII bytes
        // inside other characters, so bytes are enough.
        use crate::ftl::MAX_NESTING;
        if text.matches(['{', '(']).take(MAX_NESTING + 1).count() <= MAX_NESTING {
            return None;
        }
        let mut depth = 0usize;
        let mut in_string = false;
        let mut escaped = false;
        let mut line_start = true;
        let mut in_comment = false;
        for (i, b) in text.bytes().enumerate() {
            if line_start {
                in_comment = b == b'#';
            }
            line_start = b == b'\n';
            if in_comment {
                continue;
            }
            if in_string {
                match b {
                    _ if escaped => escaped = false,
                    b'\\' => escaped = true,
                    b'"' | b'\n' => in_string = false,
                    _ => {}
                }
                continue;
            }
            // Placeables and, inside them, call arguments make the parser recurse.
            match b {
                b'{' => depth += 1,
                b'(' if depth > 0 => depth += 1,
                b'}' | b')' => depth = depth.saturating_sub(1),
                b'"' if depth > 0 => in_string = true,
                _ => {}
            }
            if depth > MAX_NESTING {
                return Some(i);
            }
        }
        None
    }

    /// The fast scan answers as the byte-by-byte one, on texts
    /// made of the bytes that matter (nested near the limit, strings with
    /// escapes and newlines, comment lines) and runs of others, Arabic included.
    #[test]
    fn depth_guard_answers_as_the_reference_scan() {
        let pieces = [
            "{{{{{{{{", "{", "{", "((((", "}", ")", "\"", "\\", "\n", "#", "a", "سلام", " ", "\n#",
            "\n  ",
        ];
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let mut deep = 0;
        for _ in 0..4000 {
            let mut text = String::new();
            let len = 50 + next() % 300;
            for _ in 0..len {
                text.push_str(pieces[(next() % pieces.len() as u64) as usize]);
            }
            let expected = byte_by_byte(&text);
            deep += usize::from(expected.is_some());
            assert_eq!(too_deep(&text), expected, "{text:?}");
        }
        // Both answers occur.
        assert!(deep > 100 && deep < 3900, "{deep} deep texts of 4000");
    }

    #[test]
    fn refuses_deep_nesting_before_parsing() {
        let text = format!("x = {}{}", "{".repeat(200), "}".repeat(200));
        let err = parse(&text).err().unwrap();
        let e = err.error(Path::new("x.ftl"), &text);
        assert!(e.to_string().contains("x.ftl:1:"), "{e}");
    }
}
