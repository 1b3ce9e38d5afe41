//! A line-exact block model of a Fluent file, shared by `sync` (which edits
//! files with it) and `lint` (which finds templates with it).
//!
//! A file is cut into blocks: entries (a message or term with the comment lines
//! right above it and its indented continuation lines), templates (ftlkit's
//! commented English for a message not translated yet) and everything else
//! (blank lines, group comments, junk), all kept as the exact bytes they were.

use std::collections::{BTreeMap, BTreeSet};

/// The mark at the start of a template's first line.
pub const TEMPLATE_MARK: &str = "# (untranslated) ";
/// The group comment that opens the section of obsolete entries.
pub const OBSOLETE_HEADER: &str =
    "## Obsolete: no longer in the reference. `ftlkit sync --prune` removes them.";

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Kind {
    Entry(String),
    Template(String),
    /// A template someone edited (a translation typed into it, most likely):
    /// kept as it is, never redone.
    Kept(String),
    Obsolete,
    Other,
}

#[derive(Debug, Clone)]
pub(crate) struct Block<'a> {
    pub(crate) kind: Kind,
    pub(crate) text: &'a str,
}

pub(crate) fn entry_id(line: &str) -> Option<&str> {
    let rest = line.strip_prefix('-').unwrap_or(line);
    let first = rest.chars().next()?;
    if !first.is_ascii_alphabetic() {
        return None;
    }
    let len = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
        .unwrap_or(rest.len());
    let after = rest[len..].trim_start_matches([' ', '\t']);
    if !after.starts_with('=') {
        return None;
    }
    Some(&line[..len + line.len() - rest.len()])
}

/// A real template's first line: the mark followed by `id =`.
pub(crate) fn is_template_line(line: &str) -> bool {
    line.strip_prefix(TEMPLATE_MARK)
        .and_then(entry_id)
        .is_some()
}

/// A line of spaces and tabs ended by LF or CRLF (or by the end of the file).
/// A lone CR is not a line end in Fluent, so a line holding one is not blank.
pub(crate) fn is_blank(line: &str) -> bool {
    let body = match line.strip_suffix('\n') {
        Some(l) => l.strip_suffix('\r').unwrap_or(l),
        None => line,
    };
    body.chars().all(|c| c == ' ' || c == '\t')
}

pub(crate) fn is_comment(line: &str) -> bool {
    line.starts_with('#')
}

/// Cuts a Fluent file into blocks whose texts concatenate to the input.
pub(crate) fn blocks(text: &str) -> Vec<Block<'_>> {
    let lines: Vec<(usize, &str)> = text
        .split_inclusive('\n')
        .scan(0, |pos, line| {
            let start = *pos;
            *pos += line.len();
            Some((start, line))
        })
        .collect();
    let mut out = Vec::new();
    let mut i = 0;
    let slice = |from: usize, to: usize| {
        let start = lines[from].0;
        let end = lines.get(to).map_or(text.len(), |l| l.0);
        &text[start..end]
    };
    while i < lines.len() {
        let line = lines[i].1;
        if line.trim_end() == OBSOLETE_HEADER {
            out.push(Block {
                kind: Kind::Obsolete,
                text: slice(i, i + 1),
            });
            i += 1;
        } else if let Some(id) = line.strip_prefix(TEMPLATE_MARK).and_then(entry_id) {
            let mut j = i + 1;
            while j < lines.len() && lines[j].1.starts_with("#  ") {
                j += 1;
            }
            // The blank line sync puts after a template is part of it.
            if j < lines.len() && is_blank(lines[j].1) {
                j += 1;
            }
            out.push(Block {
                kind: Kind::Template(id.to_string()),
                text: slice(i, j),
            });
            i = j;
        } else if is_comment(line) && !line.starts_with("##") {
            // Comment lines attach to an entry that follows with no blank line.
            let mut j = i;
            while j < lines.len()
                && is_comment(lines[j].1)
                && !lines[j].1.starts_with("##")
                && (j == i || !is_template_line(lines[j].1))
            {
                j += 1;
            }
            match lines.get(j).and_then(|l| entry_id(l.1)) {
                Some(_) => {
                    let end = entry_end(&lines, j);
                    let id = entry_id(lines[j].1).unwrap_or_default().to_string();
                    out.push(Block {
                        kind: Kind::Entry(id),
                        text: slice(i, end),
                    });
                    i = end;
                }
                None => {
                    out.push(Block {
                        kind: Kind::Other,
                        text: slice(i, j),
                    });
                    i = j;
                }
            }
        } else if let Some(id) = entry_id(line) {
            let end = entry_end(&lines, i);
            out.push(Block {
                kind: Kind::Entry(id.to_string()),
                text: slice(i, end),
            });
            i = end;
        } else {
            out.push(Block {
                kind: Kind::Other,
                text: slice(i, i + 1),
            });
            i += 1;
        }
    }
    out
}

/// The line after an entry starting at `start`: indented lines continue it, and
/// so do blank lines that are followed by an indented one.
pub(crate) fn entry_end(lines: &[(usize, &str)], start: usize) -> usize {
    let mut depth = placeable_depth(0, lines[start].1);
    let mut end = start + 1;
    let mut j = end;
    while j < lines.len() {
        let line = lines[j].1;
        // As the Fluent parser reads it: inside an open placeable every line
        // continues the entry; outside, only a line that starts with an
        // identifier, a term's `-` or a comment's `#` begins something new (an
        // indented line, a `}` in column 0 or a stray CR continue it).
        // An unclosed `{` (a typo) must not swallow the file: like the
        // parser's recovery, a line that reads `id =` or a comment (never valid
        // inside a placeable) starts something new.
        if depth > 0 && (entry_id(line).is_some() || line.starts_with('#')) {
            break;
        }
        if depth == 0 {
            if is_blank(line) {
                j += 1;
                continue;
            }
            if line.starts_with(|c: char| c.is_ascii_alphabetic() || c == '-' || c == '#') {
                break;
            }
        }
        depth = placeable_depth(depth, line);
        j += 1;
        end = j;
    }
    end
}

/// The `{` nesting after `line`, starting from `depth`; string literals inside
/// placeables are skipped.
pub(crate) fn placeable_depth(depth: usize, line: &str) -> usize {
    // A line starts outside any string: Fluent strings do not span lines.
    let mut scan = super::PlaceableScan {
        depth,
        ..Default::default()
    };
    for b in line.bytes() {
        scan.step(b);
    }
    scan.depth
}

/// The reference's entries, in order, with their source lines (no comments).
pub(crate) fn reference_entries(reference: &str) -> Vec<(String, String)> {
    blocks(reference)
        .into_iter()
        .filter_map(|b| match b.kind {
            Kind::Entry(id) => {
                let body: String = b
                    .text
                    .split_inclusive('\n')
                    .skip_while(|l| is_comment(l))
                    .collect();
                Some((id, body))
            }
            _ => None,
        })
        .collect()
}

pub(crate) fn template(id: &str, body: &str, eol: &str) -> String {
    let mut out = String::new();
    for (n, line) in body.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if n == 0 {
            out.push_str("# (untranslated) ");
            out.push_str(line);
        } else if is_blank(line) {
            continue;
        } else {
            out.push_str("#  ");
            out.push_str(line);
        }
        out.push_str(eol);
    }
    let _ = id;
    out
}

/// A template's text as compared and recorded: LF line ends, no blank lines
/// after it.
pub(crate) fn template_key(block: &str) -> String {
    let mut lines: Vec<&str> = block
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .collect();
    while lines.last().is_some_and(|l| is_blank(l)) {
        lines.pop();
    }
    lines.join("\n")
}

/// The templates sync writes for a reference, by id (as [`find_templates`]
/// gives them back): one per entry, so more than one for an id the reference
/// defines twice.
pub fn expected_templates(reference: &str) -> BTreeMap<String, BTreeSet<String>> {
    templates_of(&reference_entries(reference))
}

/// [`expected_templates`] of entries already cut from the reference.
pub(crate) fn templates_of(entries: &[(String, String)]) -> BTreeMap<String, BTreeSet<String>> {
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (id, body) in entries {
        let key = template_key(&template(id, body, "\n"));
        out.entry(id.clone()).or_default().insert(key);
    }
    out
}

/// One template found in a locale file.
#[derive(Debug, Clone, PartialEq)]
pub struct FoundTemplate {
    pub id: String,
    /// Byte offset of its first line.
    pub offset: usize,
    /// Its text, LF-ended, without the blank lines after it.
    pub text: String,
}

/// Every template (`# (untranslated) id = …` and its `#  ` lines) in a file.
pub fn find_templates(text: &str) -> Vec<FoundTemplate> {
    let mut offset = 0;
    let mut out = Vec::new();
    for b in blocks(text) {
        if let Kind::Template(id) = &b.kind {
            out.push(FoundTemplate {
                id: id.clone(),
                offset,
                text: template_key(b.text),
            });
        }
        offset += b.text.len();
    }
    out
}
