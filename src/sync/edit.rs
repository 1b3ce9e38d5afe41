//! The byte-preserving writer of one message into a locale file: the entry
//! replaces the message's template where there is one, the message's own lines
//! where it is translated already (the comment lines above it stay), and is
//! otherwise inserted where `sync` would put its template (after its nearest
//! preceding neighbour of the reference). Every other byte stays as it was.

use crate::ftl::blocks::{blocks, is_comment, reference_entries, Block, Kind};

/// `locale` with the message `id` set to `entry` (its Fluent source, `id = …`
/// and attribute lines, LF-ended; written with the file's own line ending).
/// `reference` (the source locale's file) decides where a new entry goes.
pub fn set_message(reference: &str, locale: &str, id: &str, entry: &str) -> String {
    set_messages(reference, locale, &[(id.to_string(), entry.to_string())])
}

/// [`set_message`] for many messages in one pass over the file (an import
/// or a fill of thousands of messages cuts the file into blocks once, not
/// once per message). New entries sharing a place go in the reference's order.
pub fn set_messages(reference: &str, locale: &str, entries: &[(String, String)]) -> String {
    // The file's own line ending, as sync chooses it.
    let eol = super::line_ending(locale);
    let normal = |entry: &str| {
        let mut entry = entry.replace("\r\n", "\n");
        if !entry.ends_with('\n') {
            entry.push('\n');
        }
        if eol == "\n" {
            entry
        } else {
            entry.replace('\n', eol)
        }
    };
    let mut wanted: std::collections::HashMap<&str, String> = entries
        .iter()
        .map(|(id, entry)| (id.as_str(), normal(entry)))
        .collect();
    let parts = blocks(locale);
    let id_of = |b: &Block| match &b.kind {
        Kind::Entry(e) | Kind::Template(e) | Kind::Kept(e) => Some(e.clone()),
        _ => None,
    };
    // Each id's first block is the one replaced.
    let mut replaced: std::collections::HashMap<usize, String> = Default::default();
    for (n, b) in parts.iter().enumerate() {
        if let Some(entry) = id_of(b).and_then(|id| wanted.remove(id.as_str())) {
            replaced.insert(n, entry);
        }
    }
    let inserts = insertion_points(reference, &parts, wanted, entries);
    let mut out =
        String::with_capacity(locale.len() + entries.iter().map(|e| e.1.len()).sum::<usize>());
    let mut next = inserts.iter().peekable();
    for (n, b) in parts.iter().enumerate() {
        while let Some((_, entry)) = next.next_if(|(at, _)| *at == n) {
            push_entry(&mut out, entry, eol);
        }
        match replaced.get(&n) {
            None => out.push_str(b.text),
            Some(entry) => replace_block(&mut out, b, entry),
        }
    }
    for (_, entry) in next {
        push_entry(&mut out, entry, eol);
    }
    out
}

/// Block `b` written as `entry`: an entry's comment lines stay, and so does
/// the blank line after a template.
fn replace_block(out: &mut String, b: &Block, entry: &str) {
    match &b.kind {
        Kind::Entry(_) => {
            for line in b.text.split_inclusive('\n') {
                if is_comment(line) {
                    out.push_str(line);
                } else {
                    break;
                }
            }
            out.push_str(entry);
        }
        _ => {
            out.push_str(entry);
            let lines: Vec<&str> = b.text.split_inclusive('\n').collect();
            if let Some(last) = lines.last().filter(|_| lines.len() > 1) {
                if crate::ftl::blocks::is_blank(last) {
                    out.push_str(last);
                }
            }
        }
    }
}

/// Where each entry the file lacks goes, as (block it goes before, entry),
/// in order: after the last block the reference puts before it, or before
/// the first message, or at the end (before an obsolete section).
fn insertion_points(
    reference: &str,
    parts: &[Block],
    mut wanted: std::collections::HashMap<&str, String>,
    entries: &[(String, String)],
) -> Vec<(usize, String)> {
    if wanted.is_empty() {
        return Vec::new();
    }
    let order: std::collections::HashMap<String, usize> = reference_entries(reference)
        .into_iter()
        .enumerate()
        .map(|(n, (i, _))| (i, n))
        .rev()
        .collect();
    let unknown = order.len();
    let rank = |e: &str| order.get(e).copied();
    // Blocks with a rank, by rank: the last block of rank below r is the
    // largest index among the ranks before r.
    let mut ranked: Vec<(usize, usize)> = parts
        .iter()
        .enumerate()
        .filter_map(|(n, b)| match &b.kind {
            Kind::Entry(e) | Kind::Template(e) | Kind::Kept(e) => rank(e).map(|r| (r, n)),
            _ => None,
        })
        .collect();
    ranked.sort_unstable();
    let mut latest = Vec::with_capacity(ranked.len());
    let mut best: Option<usize> = None;
    for &(_, n) in &ranked {
        best = best.max(Some(n));
        latest.push(best);
    }
    let before_first = parts
        .iter()
        .position(|b| matches!(b.kind, Kind::Entry(_) | Kind::Template(_) | Kind::Kept(_)));
    let end = parts
        .iter()
        .position(|b| b.kind == Kind::Obsolete)
        .unwrap_or(parts.len());
    let mut out: Vec<(usize, usize, usize, String)> = Vec::new();
    for (k, (id, _)) in entries.iter().enumerate() {
        let Some(entry) = wanted.remove(id.as_str()) else {
            continue;
        };
        let mine = rank(id).unwrap_or(unknown);
        let below = ranked.partition_point(|&(r, _)| r < mine);
        let after = below.checked_sub(1).and_then(|i| latest[i]);
        let at = match (after, before_first) {
            (Some(p), _) => p + 1,
            (None, Some(f)) => f,
            (None, None) => end,
        };
        out.push((at, mine, k, entry));
    }
    out.sort_unstable_by_key(|(at, mine, k, _)| (*at, *mine, *k));
    out.into_iter().map(|(at, _, _, e)| (at, e)).collect()
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
    fn many_messages_at_once_go_where_one_at_a_time_would() {
        let reference: String = (0..40).map(|i| format!("m{i:02} = E{i}\n")).collect();
        let locale = "# head\n\nm05 = x\n\n# (untranslated) m10 = E10\n\nm20 = y\n\n## Obsolete: no longer in the reference. `ftlkit sync --prune` removes them.\n\nold = z\n";
        let entries: Vec<(String, String)> = [33, 1, 10, 21, 6, 0, 39, 20]
            .iter()
            .map(|i| (format!("m{i:02}"), format!("m{i:02} = T{i}\n")))
            .collect();
        let mut one_by_one = locale.to_string();
        for (id, entry) in &entries {
            one_by_one = set_message(&reference, &one_by_one, id, entry);
        }
        assert_eq!(set_messages(&reference, locale, &entries), one_by_one);
        assert!(
            one_by_one.contains("m00 = T0\nm01 = T1\nm05 = x\nm06 = T6\n\nm10 = T10\n"),
            "{one_by_one}"
        );
        assert!(
            one_by_one.contains("m20 = T20\nm21 = T21\nm33 = T33\nm39 = T39\n\n## Obsolete"),
            "{one_by_one}"
        );
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
