//! `sync` and `init`: bring a locale file in line with its reference, line by
//! line, without re-serializing anything a translator wrote.
//!
//! A file is cut into blocks: entries (a message or term with the comment lines
//! right above it and its indented continuation lines), templates (ftlkit's
//! commented English for a message not translated yet) and everything else
//! (blank lines, group comments, junk), all kept as the exact bytes they were.
//! Sync then only inserts templates, drops templates that are no longer needed,
//! and moves obsolete entries into a marked section at the end.

use std::collections::{BTreeMap, BTreeSet};

/// The mark at the start of a template's first line.
pub const TEMPLATE_MARK: &str = "# (untranslated) ";
/// The group comment that opens the section of obsolete entries.
pub const OBSOLETE_HEADER: &str =
    "## Obsolete: no longer in the reference. `ftlkit sync --prune` removes them.";

#[derive(Debug, Clone, PartialEq)]
enum Kind {
    Entry(String),
    Template(String),
    /// A template someone edited (a translation typed into it, most likely):
    /// kept as it is, never redone.
    Kept(String),
    Obsolete,
    Other,
}

#[derive(Debug, Clone)]
struct Block<'a> {
    kind: Kind,
    text: &'a str,
}

fn entry_id(line: &str) -> Option<&str> {
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
fn is_template_line(line: &str) -> bool {
    line.strip_prefix(TEMPLATE_MARK)
        .and_then(entry_id)
        .is_some()
}

/// A line of spaces and tabs ended by LF or CRLF (or by the end of the file).
/// A lone CR is not a line end in Fluent, so a line holding one is not blank.
fn is_blank(line: &str) -> bool {
    let body = match line.strip_suffix('\n') {
        Some(l) => l.strip_suffix('\r').unwrap_or(l),
        None => line,
    };
    body.chars().all(|c| c == ' ' || c == '\t')
}

fn is_comment(line: &str) -> bool {
    line.starts_with('#')
}

/// Cuts a Fluent file into blocks whose texts concatenate to the input.
fn blocks(text: &str) -> Vec<Block<'_>> {
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
fn entry_end(lines: &[(usize, &str)], start: usize) -> usize {
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
fn placeable_depth(mut depth: usize, line: &str) -> usize {
    let mut in_string = false;
    let mut escaped = false;
    for b in line.bytes() {
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'{' => depth += 1,
            b'}' => depth = depth.saturating_sub(1),
            b'"' if depth > 0 => in_string = true,
            _ => {}
        }
    }
    depth
}

/// The reference's entries, in order, with their source lines (no comments).
fn reference_entries(reference: &str) -> Vec<(String, String)> {
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

fn template(id: &str, body: &str, eol: &str) -> String {
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
fn template_key(block: &str) -> String {
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
fn templates_of(entries: &[(String, String)]) -> BTreeMap<String, BTreeSet<String>> {
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

/// What sync did to one file.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct SyncOutcome {
    pub text: String,
    /// Ids that got a template.
    pub added: Vec<String>,
    /// Ids whose template was redone because the English changed.
    pub refreshed: Vec<String>,
    /// Ids moved to the obsolete section (or removed, with prune).
    pub obsolete: Vec<String>,
    /// Ids whose template someone edited: kept as it is, not redone.
    pub kept: Vec<String>,
    /// Obsolete ids `prune` kept because they look like a misspelt reference id.
    pub spared: Vec<String>,
    /// The templates of the result that are ftlkit's (id → text), for the
    /// record that lets the next sync redo them.
    pub templates: BTreeMap<String, String>,
}

/// [`sync_with`] with no record of earlier templates: a template that is not
/// exactly the current English's is taken for someone's edit and kept.
pub fn sync(reference: &str, locale: &str, prune: bool) -> SyncOutcome {
    sync_with(reference, locale, prune, &|_, _| false)
}

/// Brings `locale` (a locale file's text, empty for a new file) in line with
/// `reference`. Every line the translator wrote is kept byte for byte, except
/// obsolete entries when `prune` is set.
///
/// Templates are ftlkit's and are redone from the current English, but only
/// those it wrote itself: the current English's template, or one for which
/// `recorded(id, text)` says an earlier sync wrote exactly that text. Any other
/// template was edited by hand (typically a translation typed after the
/// `# (untranslated)` mark) and is kept where it is, as it is.
pub fn sync_with(
    reference: &str,
    locale: &str,
    prune: bool,
    recorded: &dyn Fn(&str, &str) -> bool,
) -> SyncOutcome {
    // The file's own line ending: the one most of its lines use (what sync
    // adds keeps that majority, so a second run picks the same); a file with
    // no LF but a final lone CR becomes CRLF.
    let crlf = locale.matches("\r\n").count();
    let lf = locale.matches('\n').count() - crlf;
    let eol = if crlf > lf || (lf == 0 && crlf == 0 && locale.ends_with('\r')) {
        "\r\n"
    } else {
        "\n"
    };
    let refs = reference_entries(reference);
    let order: BTreeMap<&str, usize> = refs
        .iter()
        .enumerate()
        .map(|(i, (id, _))| (id.as_str(), i))
        .collect();
    let expected = templates_of(&refs);
    let input = blocks(locale);
    let present: BTreeSet<&str> = input
        .iter()
        .filter_map(|b| match &b.kind {
            Kind::Entry(id) => Some(id.as_str()),
            _ => None,
        })
        .collect();

    // The English of each id (its first entry, should the reference repeat it).
    let mut english_of: BTreeMap<&str, &str> = BTreeMap::new();
    for (id, body) in &refs {
        english_of.entry(id.as_str()).or_insert(body.as_str());
    }
    // Reference ids with no translation: what an obsolete id may be a typo of.
    let untranslated: Vec<&str> = english_of
        .keys()
        .copied()
        .filter(|id| !present.contains(id))
        .collect();

    let mut outcome = SyncOutcome::default();
    let mut body: Vec<(Kind, String)> = Vec::new();
    let mut obsolete: Vec<String> = Vec::new();
    // Ids that have their template in `body` already.
    let mut placed: BTreeSet<String> = BTreeSet::new();
    let mut in_obsolete = false;
    for b in &input {
        match &b.kind {
            Kind::Obsolete => in_obsolete = true,
            Kind::Entry(id) if !order.contains_key(id.as_str()) => {
                if !in_obsolete {
                    outcome.obsolete.push(id.clone());
                }
                // --prune spares what looks like a misspelt id: its translation
                // is most likely meant for the message it almost names.
                let typo =
                    prune && crate::check::likely_typo(id, untranslated.iter().copied()).is_some();
                if typo {
                    outcome.spared.push(id.clone());
                }
                if !prune || typo {
                    obsolete.push(b.text.to_string());
                }
            }
            Kind::Template(id) => {
                let key = template_key(b.text);
                let ours = expected.get(id).is_some_and(|k| k.contains(&key)) || recorded(id, &key);
                let english = english_of.get(id.as_str()).copied();
                let wanted =
                    english.is_some() && !present.contains(id.as_str()) && !placed.contains(id);
                if ours {
                    // Redone in place from the current English, if still needed.
                    if let (true, Some(english)) = (wanted, english) {
                        let text = template(id, english, eol);
                        let new_key = template_key(&text);
                        if new_key != key {
                            outcome.refreshed.push(id.clone());
                        }
                        outcome.templates.insert(id.clone(), new_key);
                        placed.insert(id.clone());
                        body.push((Kind::Template(id.clone()), text));
                    }
                } else if english.is_some() {
                    // Someone's edit: kept as it is, back in the body if its
                    // message came back to the reference.
                    outcome.kept.push(id.clone());
                    placed.insert(id.clone());
                    body.push((Kind::Kept(id.clone()), without_blank_after(b.text)));
                } else {
                    if !in_obsolete {
                        outcome.obsolete.push(id.clone());
                    }
                    if !prune {
                        obsolete.push(b.text.to_string());
                    }
                }
            }
            _ if in_obsolete => {
                if !prune && !is_blank(b.text) {
                    obsolete.push(b.text.to_string());
                }
            }
            kind => body.push((kind.clone(), b.text.to_string())),
        }
    }
    // Templates for what is still missing, each after its nearest preceding
    // neighbour.
    for (i, (id, english)) in refs.iter().enumerate() {
        if present.contains(id.as_str()) || placed.contains(id) {
            continue;
        }
        placed.insert(id.clone());
        let text = template(id, english, eol);
        outcome.templates.insert(id.clone(), template_key(&text));
        outcome.added.push(id.clone());
        let after = body.iter().rposition(|(k, _)| match k {
            Kind::Entry(e) | Kind::Template(e) | Kind::Kept(e) => {
                order.get(e.as_str()).is_some_and(|&j| j < i)
            }
            _ => false,
        });
        let at = match after {
            // After the neighbour and the blank lines that follow it.
            Some(p) => {
                let mut at = p + 1;
                while body
                    .get(at)
                    .is_some_and(|(k, t)| *k == Kind::Other && is_blank(t))
                {
                    at += 1;
                }
                at
            }
            None => body
                .iter()
                .position(|(k, _)| matches!(k, Kind::Entry(_) | Kind::Template(_) | Kind::Kept(_)))
                .unwrap_or(body.len()),
        };
        body.insert(at, (Kind::Template(id.clone()), text));
    }
    // Join, keeping one blank line around each template.
    // A kept template stays among the translator's blocks, where moving an
    // obsolete entry away can leave blank lines in a row after it: one is kept,
    // so that the next run (which reads it back with its blank line) agrees.
    let mut text = String::new();
    let mut after_template = false;
    for (n, (kind, block)) in body.iter().enumerate() {
        let is_template = matches!(kind, Kind::Template(_) | Kind::Kept(_));
        if is_blank(block) && after_template && ends_blank(&text) {
            continue;
        }
        after_template = is_template || (after_template && is_blank(block));
        end_line(&mut text, eol);
        if is_template && !ends_blank(&text) {
            text.push_str(eol);
        }
        text.push_str(block);
        let next_blank = body.get(n + 1).is_none_or(|(_, t)| is_blank(t));
        if is_template && !next_blank {
            text.push_str(eol);
        }
    }
    if !obsolete.is_empty() {
        end_line(&mut text, eol);
        if !text.is_empty() && !ends_blank(&text) {
            text.push_str(eol);
        }
        text.push_str(OBSOLETE_HEADER);
        text.push_str(eol);
        text.push_str(eol);
        for entry in obsolete {
            end_line(&mut text, eol);
            text.push_str(&entry);
        }
    }
    outcome.text = text;
    outcome
}

/// A template block without the blank line `blocks` counts as part of it
/// (the join puts one back).
fn without_blank_after(block: &str) -> String {
    let lines: Vec<&str> = block.split_inclusive('\n').collect();
    match lines.split_last() {
        Some((last, rest)) if !rest.is_empty() && is_blank(last) => rest.concat(),
        _ => block.to_string(),
    }
}

/// Ends the text's last line before something follows it (a file's last line
/// may have no line ending; a final lone CR becomes CRLF, not CR + another).
fn end_line(text: &mut String, eol: &str) {
    if text.is_empty() || text.ends_with('\n') {
        return;
    }
    if text.ends_with('\r') {
        text.push('\n');
    } else {
        text.push_str(eol);
    }
}

/// Whether `text` is empty or ends with a blank line.
fn ends_blank(text: &str) -> bool {
    text.is_empty() || text.ends_with("\n\n") || text.ends_with("\n\r\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    const REF: &str = "a = A\n\n# about b\nb =\n    multi\n    line\n-t = T\nc = C\n";

    #[test]
    fn templates_are_redone_only_when_ftlkit_wrote_them() {
        let old_ref = "a = A\nb = Old B\nc = C\n";
        let new_ref = "a = A\nb = New B\nc = New C\n";
        let first = sync(old_ref, "a = أ\n", false);
        assert_eq!(first.added, ["b", "c"]);
        // The translator types a translation into c's template.
        let typed = first
            .text
            .replace("# (untranslated) c = C", "# (untranslated) c = ج");
        let recorded = |id: &str, text: &str| first.templates.get(id).is_some_and(|t| t == text);
        let out = sync_with(new_ref, &typed, false, &recorded);
        assert_eq!(out.refreshed, ["b"]);
        assert_eq!(out.kept, ["c"]);
        assert!(
            out.text.contains("# (untranslated) b = New B\n"),
            "{}",
            out.text
        );
        assert!(
            out.text.contains("# (untranslated) c = ج\n"),
            "{}",
            out.text
        );
        assert!(!out.text.contains("New C"), "{}", out.text);
        assert!(!out.templates.contains_key("c"));
        // Without a record, an older template counts as edited too.
        let out = sync(new_ref, &first.text, false);
        assert_eq!(out.kept, ["b", "c"]);
        // An edited template whose message went away moves to the obsolete section.
        let out = sync_with("a = A\nb = Old B\n", &typed, false, &recorded);
        assert_eq!(out.obsolete, ["c"]);
        assert!(
            out.text.ends_with("# (untranslated) c = ج\n"),
            "{}",
            out.text
        );
    }

    #[test]
    fn adds_templates_next_to_neighbours_and_is_idempotent() {
        let locale = "# my header\n\na = أ\n\nc = ج\n";
        let once = sync(REF, locale, false);
        assert_eq!(once.added, ["b", "-t"]);
        assert_eq!(
            once.text,
            "# my header\n\na = أ\n\n# (untranslated) b =\n#      multi\n#      line\n\n# (untranslated) -t = T\n\nc = ج\n"
        );
        assert!(fluent_syntax::parser::parse(once.text.as_str()).is_ok());
        let twice = sync(REF, &once.text, false);
        assert_eq!(twice.text, once.text);
        assert!(twice.added.is_empty());
    }

    #[test]
    fn obsolete_entries_move_to_the_end_with_their_comments() {
        let locale = "a = x\r\n# translator note\r\nold = y\r\nc = z\r\n";
        let out = sync(REF, locale, false);
        assert_eq!(out.obsolete, ["old"]);
        assert!(
            out.text.ends_with(&format!(
                "{OBSOLETE_HEADER}\r\n\r\n# translator note\r\nold = y\r\n"
            )),
            "{:?}",
            out.text
        );
        assert!(!out.text.replace("\r\n", "").contains('\n'), "CRLF kept");
        assert_eq!(sync(REF, &out.text, false).text, out.text);
        let pruned = sync(REF, &out.text, true);
        assert!(!pruned.text.contains("old = y"));
        assert!(!pruned.text.contains(OBSOLETE_HEADER));
    }

    #[test]
    fn a_translated_template_goes_away() {
        let once = sync(REF, "a = x\n", false).text;
        let translated = once.replace("# (untranslated) -t = T", "-t = Т");
        let out = sync(REF, &translated, false);
        assert!(out.text.contains("-t = Т\n"));
        assert!(!out.text.contains("(untranslated) -t"));
    }
}
