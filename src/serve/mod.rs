//! `ftlkit serve`: a local translator workbench over the project's own files.
//!
//! This file is the disk-free core: which requests the server accepts (its
//! own `Host` and `Origin` only), how a message's Fluent entry is made from
//! what the translator typed (and refused when it is not valid Fluent), the
//! token that tells whether a message changed on disk since a view showed
//! it, the English with its placeables and markup marked, and the old → new
//! English word diff of a stale message. [`model`] reads and writes the
//! project (the dashboard, the translate view, saves, live findings, the
//! preview), [`pages`] renders the HTML with maud, [`http`] wires it to
//! axum and [`watch`] follows the files with notify.

pub mod http;
pub mod model;
pub mod pages;
pub mod watch;

use crate::ftl::blocks::{blocks, Kind};
use fluent_syntax::ast::Entry;
use std::collections::BTreeMap;

/// The largest request body the server reads (a save, a lint request).
pub const MAX_BODY: usize = 1024 * 1024;

/// Whether a request's `Host` header names this server: `127.0.0.1`,
/// `localhost` or `[::1]` with its port, or the `--host` it was started
/// with. Anything else is a DNS-rebinding attempt (a foreign name that
/// resolves to this machine) and is refused.
pub fn host_allowed(host: &str, port: u16, bound: &str) -> bool {
    let host = host.trim();
    let Some((name, p)) = host.rsplit_once(':') else {
        return false;
    };
    if p.parse::<u16>().ok() != Some(port) {
        return false;
    }
    let name = name.to_ascii_lowercase();
    let bound = bound.trim_start_matches('[').trim_end_matches(']');
    matches!(name.as_str(), "127.0.0.1" | "localhost" | "[::1]")
        || name.trim_start_matches('[').trim_end_matches(']') == bound
}

/// Whether a request's `Origin` header (when it has one) is this server's:
/// `http://` and an allowed host. A page of another site posting here is refused.
pub fn origin_allowed(origin: &str, port: u16, bound: &str) -> bool {
    origin
        .strip_prefix("http://")
        .is_some_and(|host| host_allowed(host, port, bound))
}

/// Compares two secrets in time independent of where they differ.
pub fn same_secret(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// A message's token: a hash of what the locale file holds for it (its
/// lines, its template, or nothing). A save carries the token its view was
/// shown with; a different one now means someone changed that message on
/// disk since, and the save is refused as a conflict.
pub fn message_token(file: &str, id: &str) -> String {
    crate::state::hash(message_block(file, id).unwrap_or("\u{0}none"))
}

/// The lines a locale file holds for a message: its entry (with the comment
/// lines above it), its template, or `None`.
pub fn message_block<'t>(file: &'t str, id: &str) -> Option<&'t str> {
    blocks(file)
        .into_iter()
        .find(|b| match &b.kind {
            Kind::Entry(e) | Kind::Template(e) | Kind::Kept(e) => e == id,
            _ => false,
        })
        .map(|b| b.text)
}

/// What a translator typed for a message: its value (part `""`) and
/// attributes by name.
pub type Typed = Vec<(String, String)>;

/// The Fluent entry for what a translator typed, or why it is refused (the
/// parser's error with line and column within the message). Parts left empty
/// are left out; a message with nothing typed is refused.
pub fn entry_for(id: &str, typed: &Typed) -> Result<String, String> {
    // Control characters and line separators (a lone CR, U+2028) are
    // written as Fluent string literals, never raw (see `ftl::needs_escape`).
    let clean =
        |t: &str| crate::ftl::escape_controls(t.replace("\r\n", "\n").trim_end()).into_owned();
    let value = typed
        .iter()
        .find(|(p, _)| p.is_empty())
        .map(|(_, t)| clean(t))
        .filter(|t| !t.trim().is_empty());
    let attributes: Vec<(String, String)> = typed
        .iter()
        .filter(|(p, t)| !p.is_empty() && !t.trim().is_empty())
        .map(|(p, t)| (p.clone(), clean(t)))
        .collect();
    if value.is_none() && attributes.is_empty() {
        return Err("nothing to save: the translation is empty".to_string());
    }
    for (name, _) in &attributes {
        if name.is_empty()
            || !name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        {
            return Err(format!("`{name}` is not an attribute name"));
        }
    }
    let entry = crate::exchange::entry_source(id, value.as_deref(), &attributes);
    check_entry(id, &entry)?;
    Ok(entry)
}

/// The parts of what a file holds for message `id` ([`message_block`]): its
/// entry's (the comment lines above it left out), or a template's text with
/// its marks removed (what a conflict's "take the file's version" puts in
/// the editor).
pub fn block_parts(id: &str, block: &str) -> BTreeMap<String, String> {
    let mut lines = block.split_inclusive('\n').peekable();
    let mut rest = String::new();
    while let Some(line) = lines.peek() {
        if line.starts_with('#') && !line.starts_with(crate::ftl::blocks::TEMPLATE_MARK) {
            lines.next();
        } else {
            break;
        }
    }
    rest.extend(lines);
    let rest = rest.replace("\r\n", "\n");
    if rest.starts_with(crate::ftl::blocks::TEMPLATE_MARK) {
        return typed_parts(id, &crate::standing::uncomment_template(rest.trim_end()));
    }
    typed_parts(id, &rest)
}

/// A message's parts (value under `""`, attributes by name) from its Fluent
/// source after `id =` ([`crate::standing::Message::translation`]).
pub fn parts_of_source(id: &str, source: &str) -> BTreeMap<String, String> {
    typed_parts(id, &format!("{id} = {source}"))
}

/// The parts of text a translator typed for message `id` (`id = …`): as
/// Fluent when it parses as the message, else the whole text after `id =`
/// in the value's editor, so nothing typed is hidden.
pub fn typed_parts(id: &str, typed: &str) -> BTreeMap<String, String> {
    let text = format!("{}\n", typed.trim_end());
    if let Ok(parsed) = crate::ftl::load::parse(&text) {
        let mut entries = parsed
            .resource
            .body
            .iter()
            .filter_map(crate::exchange::parts_of);
        if let (Some((name, parts)), None) = (entries.next(), entries.next()) {
            if name == id && parsed.errors.is_empty() {
                return parts.into_iter().collect();
            }
        }
    }
    let body = typed
        .split_once('=')
        .map_or(typed, |(_, rest)| rest)
        .trim_start_matches([' ', '\t']);
    let body = body.strip_prefix('\n').unwrap_or(body);
    let dedented: Vec<&str> = body
        .split('\n')
        .map(|l| l.strip_prefix("    ").unwrap_or(l))
        .collect();
    BTreeMap::from([(String::new(), dedented.join("\n").trim_end().to_string())])
}

/// Refuses an entry that is not exactly one valid message (or term) `id`.
fn check_entry(id: &str, entry: &str) -> Result<(), String> {
    let parsed = crate::ftl::load::parse(entry).map_err(|_| crate::ftl::too_deep_message())?;
    if let Some(e) = parsed.errors.first() {
        let (line, column) = parsed.lines.position(e.pos.start);
        return Err(format!(
            "Fluent syntax error at line {line}, column {column} of the message: {}",
            e.kind
        ));
    }
    let ids: Vec<String> = parsed
        .resource
        .body
        .iter()
        .filter_map(|e| match e {
            Entry::Message(m) => Some(m.id.name.to_string()),
            Entry::Term(t) => Some(format!("-{}", t.id.name)),
            Entry::Junk { .. } => Some(String::new()),
            _ => None,
        })
        .collect();
    match ids.as_slice() {
        [one] if one == id => Ok(()),
        _ => Err(
            "the text would make more than one message: a line that starts with `id =`, `[`, `*`, `.` or `}` ends the message; indent it or rephrase"
                .to_string(),
        ),
    }
}

/// A piece of the English as the translate view shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece<'t> {
    Text(&'t str),
    /// A Fluent placeable (`{ $author }`), kept as it is in a translation.
    Placeable(&'t str),
    /// Markup: an HTML tag, a Markdown emphasis mark, code span mark, link
    /// brackets or a link target.
    Markup(&'t str),
}

/// The English cut into text, placeables and markup, for highlighting.
pub fn pieces(text: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let (mut start, mut i) = (0, 0);
    while i < bytes.len() {
        let end = match bytes[i] {
            b'{' => crate::ftl::placeable_end(text, i).map(|e| (e, true)),
            b'<' => text[i..].find('>').map(|e| (i + e + 1, false)),
            b']' if text[i + 1..].starts_with('(') => {
                closing(text, i + 1, b'(', b')').map(|e| (e, false))
            }
            b'*' | b'_' | b'`' | b'[' | b']' | b'~' => Some((i + 1, false)),
            _ => None,
        };
        match end {
            Some((end, placeable)) => {
                if start < i {
                    out.push(Piece::Text(&text[start..i]));
                }
                let s = &text[i..end];
                out.push(if placeable {
                    Piece::Placeable(s)
                } else {
                    Piece::Markup(s)
                });
                start = end;
                i = end;
            }
            None => i += 1,
        }
    }
    if start < text.len() {
        out.push(Piece::Text(&text[start..]));
    }
    out
}

/// The end (exclusive) of a bracketed run starting at `at`, nesting counted.
fn closing(text: &str, at: usize, open: u8, close: u8) -> Option<usize> {
    let mut depth = 0;
    for (n, b) in text.as_bytes()[at..].iter().enumerate() {
        if *b == open {
            depth += 1;
        } else if *b == close {
            depth -= 1;
            if depth == 0 {
                return Some(at + n + 1);
            }
        }
    }
    None
}

/// A piece of the word diff between the English a translation was made from
/// and the English now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    Same(String),
    Removed(String),
    Added(String),
}

/// The word diff from the old English to the new.
pub fn word_diff(old: &str, new: &str) -> Vec<Change> {
    use similar::ChangeTag;
    let diff = similar::TextDiff::from_words(old, new);
    let mut out: Vec<Change> = Vec::new();
    for change in diff.iter_all_changes() {
        let text = change.value().to_string();
        let piece = match change.tag() {
            ChangeTag::Equal => Change::Same(text),
            ChangeTag::Delete => Change::Removed(text),
            ChangeTag::Insert => Change::Added(text),
        };
        // Runs of one kind are merged, so the page shows phrases.
        match (out.last_mut(), &piece) {
            (Some(Change::Same(a)), Change::Same(b))
            | (Some(Change::Removed(a)), Change::Removed(b))
            | (Some(Change::Added(a)), Change::Added(b)) => a.push_str(b),
            _ => out.push(piece),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_servers_own_host_and_origin_are_allowed() {
        for ok in [
            "127.0.0.1:8040",
            "localhost:8040",
            "[::1]:8040",
            "LOCALHOST:8040",
        ] {
            assert!(host_allowed(ok, 8040, "127.0.0.1"), "{ok}");
        }
        for bad in [
            "evil.example:8040",
            "127.0.0.1:8041",
            "127.0.0.1",
            "localhost.evil.example:8040",
            "",
        ] {
            assert!(!host_allowed(bad, 8040, "127.0.0.1"), "{bad}");
        }
        assert!(host_allowed("192.168.1.5:8040", 8040, "192.168.1.5"));
        assert!(origin_allowed("http://localhost:8040", 8040, "127.0.0.1"));
        assert!(!origin_allowed("https://evil.example", 8040, "127.0.0.1"));
        assert!(!origin_allowed("null", 8040, "127.0.0.1"));
    }

    #[test]
    fn entries_are_refused_unless_one_valid_message() {
        let typed = |v: &str| vec![(String::new(), v.to_string())];
        assert_eq!(
            entry_for("a", &typed("سڵاو { $name }")).unwrap(),
            "a = سڵاو { $name }\n"
        );
        assert!(entry_for("a", &typed("broken { $name"))
            .unwrap_err()
            .contains("syntax error"));
        assert!(entry_for("a", &typed("one\n*[other] two")).is_err());
        // An indented line is text of the message, not another message.
        assert!(entry_for("a", &typed("one\nb = two")).is_ok());
        assert!(entry_for("a", &typed("  ")).is_err());
        let two = entry_for("a", &typed("line one\nline two")).unwrap();
        assert_eq!(two, "a =\n    line one\n    line two\n");
    }

    #[test]
    fn tokens_change_only_with_the_message() {
        let file = "a = One\n# (untranslated) b = Two\n\nc = Three\n";
        let other = "a = One\n# (untranslated) b = Two\n\nc = Trois\n";
        assert_eq!(message_token(file, "a"), message_token(other, "a"));
        assert_eq!(message_token(file, "b"), message_token(other, "b"));
        assert_ne!(message_token(file, "c"), message_token(other, "c"));
        assert_ne!(message_token(file, "zz"), message_token(file, "a"));
    }

    #[test]
    fn placeables_and_markup_are_pieces_of_their_own() {
        let p = pieces("Hi *{ $name }*, see [the <b>docs</b>](https://x.y/(a)).");
        assert!(p.contains(&Piece::Placeable("{ $name }")));
        assert!(p.contains(&Piece::Markup("<b>")));
        assert!(p.contains(&Piece::Markup("](https://x.y/(a))")));
        let joined: String = p
            .iter()
            .map(|p| match p {
                Piece::Text(s) | Piece::Placeable(s) | Piece::Markup(s) => *s,
            })
            .collect();
        assert_eq!(
            joined,
            "Hi *{ $name }*, see [the <b>docs</b>](https://x.y/(a))."
        );
    }

    #[test]
    fn word_diff_marks_changed_words() {
        let d = word_diff("the old war", "the long war");
        assert!(d.contains(&Change::Removed("old".into())));
        assert!(d.contains(&Change::Added("long".into())));
    }
}
