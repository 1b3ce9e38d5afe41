//! The byte-preserving writer of one message into a locale file: the entry
//! replaces the message's template where there is one, the message's own lines
//! where it is translated already (the comment lines above it stay), and is
//! otherwise inserted where `sync` would put its template (after its nearest
//! preceding neighbour of the reference). Every other byte stays as it was.

use crate::ftl::blocks::{blocks, is_comment, reference_entries, Kind};

/// `locale` with the message `id` set to `entry` (its Fluent source, `id = …`
/// and attribute lines, LF-ended; written with the file's own line ending).
/// `reference` (the source locale's file) decides where a new entry goes.
pub fn set_message(reference: &str, locale: &str, id: &str, entry: &str) -> String {
    // The file's own line ending, as sync chooses it.
    let eol = super::line_ending(locale);
    let mut entry = entry.replace("\r\n", "\n");
    if !entry.ends_with('\n') {
        entry.push('\n');
    }
    let entry = if eol == "\n" {
        entry
    } else {
        entry.replace('\n', eol)
    };
    let parts = blocks(locale);
    let mut out = String::with_capacity(locale.len() + entry.len());
    let at = parts.iter().position(|b| match &b.kind {
        Kind::Entry(e) | Kind::Template(e) | Kind::Kept(e) => e == id,
        _ => false,
    });
    if let Some(at) = at {
        for (n, b) in parts.iter().enumerate() {
            if n != at {
                out.push_str(b.text);
                continue;
            }
            match &b.kind {
                Kind::Entry(_) => {
                    // The comment lines above the entry stay.
                    for line in b.text.split_inclusive('\n') {
                        if is_comment(line) {
                            out.push_str(line);
                        } else {
                            break;
                        }
                    }
                    out.push_str(&entry);
                }
                _ => {
                    out.push_str(&entry);
                    // The blank line after a template stays.
                    let lines: Vec<&str> = b.text.split_inclusive('\n').collect();
                    if let Some(last) = lines.last().filter(|_| lines.len() > 1) {
                        if crate::ftl::blocks::is_blank(last) {
                            out.push_str(last);
                        }
                    }
                }
            }
        }
        return out;
    }
    let order: Vec<String> = reference_entries(reference)
        .into_iter()
        .map(|(i, _)| i)
        .collect();
    let rank = |e: &str| order.iter().position(|o| o == e);
    let mine = rank(id).unwrap_or(order.len());
    let after = parts.iter().rposition(|b| match &b.kind {
        Kind::Entry(e) | Kind::Template(e) | Kind::Kept(e) => rank(e).is_some_and(|r| r < mine),
        _ => false,
    });
    let before_first = parts
        .iter()
        .position(|b| matches!(b.kind, Kind::Entry(_) | Kind::Template(_) | Kind::Kept(_)));
    // Inserted before block `insert_at`: after the neighbour, or before the
    // first message, or at the end (before an obsolete section).
    let insert_at = match (after, before_first) {
        (Some(p), _) => p + 1,
        (None, Some(f)) => f,
        (None, None) => parts
            .iter()
            .position(|b| b.kind == Kind::Obsolete)
            .unwrap_or(parts.len()),
    };
    for (n, b) in parts.iter().enumerate() {
        if n == insert_at {
            push_entry(&mut out, &entry, eol);
        }
        out.push_str(b.text);
    }
    if insert_at >= parts.len() {
        push_entry(&mut out, &entry, eol);
    }
    out
}

/// Appends an entry on a line of its own.
fn push_entry(out: &mut String, entry: &str, eol: &str) {
    if !out.is_empty() && !out.ends_with('\n') {
        out.push_str(if out.ends_with('\r') { "\n" } else { eol });
    }
    out.push_str(entry);
}

#[cfg(test)]
mod tests {
    use super::*;

    const REF: &str = "# note a\na = A\nb = B\nc = C\n";

    #[test]
    fn fills_a_template_in_place() {
        let locale = "# head\n\na = أ\n\n# (untranslated) b = B\n\nc = ج\n";
        let out = set_message(REF, locale, "b", "b = ب\n");
        assert_eq!(out, "# head\n\na = أ\n\nb = ب\n\nc = ج\n");
    }

    #[test]
    fn replaces_an_entry_keeping_its_comment_and_crlf() {
        let locale = "a = x\r\n# mine\r\nb =\r\n    old\r\n    lines\r\nc = z\r\n";
        let out = set_message(REF, locale, "b", "b = new\n");
        assert_eq!(out, "a = x\r\n# mine\r\nb = new\r\nc = z\r\n");
    }

    #[test]
    fn inserts_after_the_neighbour() {
        assert_eq!(
            set_message(REF, "a = x\nc = z\n", "b", "b = y\n"),
            "a = x\nb = y\nc = z\n"
        );
        assert_eq!(
            set_message(REF, "# head\n\nc = z", "a", "a = x\n"),
            "# head\n\na = x\nc = z"
        );
        assert_eq!(set_message(REF, "a = x", "c", "c = z\n"), "a = x\nc = z\n");
    }
}
