//! Code actions (the fixes a finding has one of) and formatting: edits the
//! client applies to its buffer; the server writes nothing itself.

use super::text::Lines;
use super::workspace::{FileKind, Workspace};
use crate::ftl::blocks::entry_id;
use lsp_types::*;
use std::collections::HashMap;
use std::ops::Range as Bytes;
use std::path::Path;

/// The quick fixes for the client's diagnostics at the range, and *Mark as
/// reviewed* for the translations on its lines nobody has reviewed yet.
pub fn code_actions(
    ws: &mut Workspace,
    path: &Path,
    uri: &Uri,
    text: &str,
    lines: std::ops::RangeInclusive<u32>,
    context: &[Diagnostic],
) -> Result<Vec<CodeActionOrCommand>, String> {
    let FileKind::Translation(i) = ws.kind(path) else {
        return Ok(Vec::new());
    };
    let mut reviews = unreviewed_at(ws, i, text, lines);
    let (locale, reference) = (ws.pairs[i].locale.clone(), ws.pairs[i].reference.clone());
    let mut out = Vec::new();
    for d in context
        .iter()
        .filter(|d| d.source.as_deref() == Some("ftlkit"))
    {
        let Some(NumberOrString::String(code)) = &d.code else {
            continue;
        };
        // The id the server put in `data`; a client that drops `data` still
        // sends the message, which names the id first, in backticks.
        let from_data = d
            .data
            .as_ref()
            .and_then(|v| v.get("id"))
            .and_then(|v| v.as_str());
        let from_message = d
            .message
            .split('`')
            .nth(1)
            .filter(|_| d.message.starts_with('`'));
        let Some(id) = from_data.or(from_message) else {
            continue;
        };
        if code == "stale" && ws.project().is_some() {
            out.push(accept_action(d, &locale, id));
            continue;
        }
        let fixed = match code.as_str() {
            "missing-message" => reference.as_deref().and_then(|r| {
                let new = with_english(&ws.digest(r).text, text, &[id])?;
                Some((format!("Insert `{id}` from the English, to translate"), new))
            }),
            "bidi-unbalanced" => without_unbalanced(text, id).map(|new| {
                (
                    format!("Remove the unbalanced bidi controls of `{id}`"),
                    new,
                )
            }),
            "bidi-control" => reference.as_deref().and_then(|r| {
                let keep = ws.digest(r).file.get(id)?.bidi.clone();
                let new = without_controls(text, id, &keep)?;
                Some((
                    format!("Remove the bidi controls the English of `{id}` does not have"),
                    new,
                ))
            }),
            "plural-categories" => with_plural_variants(text, id, &locale).map(|(new, added)| {
                (
                    format!("Add the variants {} to `{id}`", added.join(", ")),
                    new,
                )
            }),
            _ => None,
        };
        if let Some((title, new)) = fixed {
            out.push(edit_action(title, uri, text, &new, vec![d.clone()]));
        }
    }
    out.extend(insert_all_missing(
        ws,
        reference.as_deref(),
        uri,
        text,
        context,
    ));
    out.append(&mut reviews);
    Ok(out)
}

/// Several missing messages at the cursor (they are all at the top of the
/// file, one diagnostic each or the file's summary with them all): all of
/// them at once.
fn insert_all_missing(
    ws: &mut Workspace,
    reference: Option<&Path>,
    uri: &Uri,
    text: &str,
    context: &[Diagnostic],
) -> Option<CodeActionOrCommand> {
    let missing: Vec<&Diagnostic> = context
        .iter()
        .filter(|d| d.code == Some(NumberOrString::String("missing-message".into())))
        .collect();
    // One id each, or the file's summary with them all (`data.ids`).
    let ids: Vec<&str> = missing
        .iter()
        .flat_map(|d| {
            let data = d.data.as_ref();
            let one = data.and_then(|v| v.get("id")?.as_str());
            let all = data
                .and_then(|v| v.get("ids")?.as_array())
                .into_iter()
                .flatten()
                .filter_map(|v| v.as_str());
            one.into_iter().chain(all)
        })
        .collect();
    if ids.len() < 2 {
        return None;
    }
    let new = with_english(&ws.digest(reference?).text, text, &ids)?;
    let title = format!(
        "Insert all {} missing messages from the English, to translate",
        ids.len()
    );
    let all = missing.into_iter().cloned().collect();
    let mut action = edit_action(title, uri, text, &new, all);
    if let CodeActionOrCommand::CodeAction(a) = &mut action {
        a.is_preferred = None;
    }
    Some(action)
}

/// `text` with the English of each of `ids` inserted where `sync` would put
/// it; `None` when the English has none of them. An id whose entry the text
/// has (one `check` counts as missing because it does not parse: a
/// translation being typed) is left alone: its syntax error is the problem,
/// and the translator's line is never replaced.
fn with_english(english: &str, text: &str, ids: &[&str]) -> Option<String> {
    let entries = crate::ftl::blocks::reference_entries(english);
    let present = super::workspace::defined_ids(text);
    let mut out = text.to_string();
    let mut any = false;
    for id in ids.iter().filter(|id| !present.contains(id)) {
        if let Some((_, body)) = entries.iter().find(|(e, _)| e == id) {
            out = crate::sync::edit::set_message(english, &out, id, body.trim_end());
            any = true;
        }
    }
    any.then_some(out)
}

/// A quick fix that turns the buffer's `text` into `new`, in one edit.
fn edit_action(
    title: String,
    uri: &Uri,
    text: &str,
    new: &str,
    fixes: Vec<Diagnostic>,
) -> CodeActionOrCommand {
    // lsp-types keys its edits by `Uri`, which clippy thinks mutable (it
    // caches its parts); nothing here changes one.
    #[allow(clippy::mutable_key_type)]
    let changes = HashMap::from([(uri.clone(), vec![edit_between(text, new)])]);
    CodeActionOrCommand::CodeAction(CodeAction {
        title,
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: Some(fixes),
        edit: Some(WorkspaceEdit {
            changes: Some(changes),
            ..Default::default()
        }),
        is_preferred: Some(true),
        ..Default::default()
    })
}

/// The command that runs `ftlkit accept` on a stale translation.
pub const ACCEPT: &str = "ftlkit.accept";

/// "The translation is still right": `ftlkit accept LOCALE ID`, run by the
/// server when the user picks it (the one action that writes a file: the
/// state record, never a translation).
fn accept_action(d: &Diagnostic, locale: &str, id: &str) -> CodeActionOrCommand {
    let title = format!("Mark `{id}` as reviewed: still right for the new English (ftlkit accept)");
    CodeActionOrCommand::CodeAction(CodeAction {
        title: title.clone(),
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![d.clone()]),
        command: Some(Command {
            title,
            command: ACCEPT.into(),
            arguments: Some(vec![locale.into(), id.into()]),
        }),
        ..Default::default()
    })
}

/// The command that runs `ftlkit review` on a translation nobody reviewed.
pub const REVIEW: &str = "ftlkit.review";

/// *Mark as reviewed* (`ftlkit review LOCALE ID`) for each translated, not
/// stale, not yet reviewed message whose entry starts on the given lines of
/// an ftlkit project's file (where each stands is `standing`'s answer).
fn unreviewed_at(
    ws: &mut Workspace,
    pair: usize,
    text: &str,
    lines: std::ops::RangeInclusive<u32>,
) -> Vec<CodeActionOrCommand> {
    if ws.project().is_none() {
        return Vec::new();
    }
    // `ftlkit review` records the file as saved: a buffer with unsaved
    // changes is reviewed once saved.
    let saved = crate::ftl::load::read(&ws.pairs[pair].l10n).ok().flatten();
    if saved.as_deref() != Some(text) {
        return Vec::new();
    }
    let locale = ws.pairs[pair].locale.clone();
    let at = crate::lsp::text::Lines::new(text);
    ws.standings(pair, text)
        .messages
        .iter()
        .filter(|m| m.standing == crate::standing::Standing::Translated && !m.reviewed)
        .filter(|m| {
            m.offset
                .is_some_and(|o| lines.contains(&at.position(o).line))
        })
        .map(|m| {
            let title = format!("Mark `{}` as reviewed (ftlkit review)", m.id);
            CodeActionOrCommand::CodeAction(CodeAction {
                title: title.clone(),
                kind: Some(CodeActionKind::SOURCE),
                command: Some(Command {
                    title,
                    command: REVIEW.into(),
                    arguments: Some(vec![locale.clone().into(), m.id.clone().into()]),
                }),
                ..Default::default()
            })
        })
        .collect()
}

/// Runs [`REVIEW`]: what `ftlkit review` says, as one line.
pub fn run_review(ws: &Workspace, arguments: &[serde_json::Value]) -> Result<String, String> {
    let project = ws
        .project()
        .ok_or("`ftlkit review` needs an ftlkit project")?;
    let (Some(locale), Some(id)) = (
        arguments.first().and_then(|v| v.as_str()),
        arguments.get(1).and_then(|v| v.as_str()),
    ) else {
        return Err(format!(
            "{REVIEW} takes a locale and a message id, as strings"
        ));
    };
    let report = crate::state::accept::review(project, locale, &[id.to_string()], false, false)
        .map_err(|e| e.to_string())?;
    Ok(match report.accepted.is_empty() {
        true => format!("`{id}` of {locale} was reviewed already"),
        false => format!("recorded `{id}` of {locale} as reviewed"),
    })
}

/// Runs [`ACCEPT`]: what `ftlkit accept` says, as one line.
pub fn run_accept(ws: &Workspace, arguments: &[serde_json::Value]) -> Result<String, String> {
    let project = ws
        .project()
        .ok_or("`ftlkit accept` needs an ftlkit project")?;
    let [locale, id] = arguments else {
        return Err(format!("{ACCEPT} takes a locale and a message id"));
    };
    let (Some(locale), Some(id)) = (locale.as_str(), id.as_str()) else {
        return Err(format!(
            "{ACCEPT} takes a locale and a message id, as strings"
        ));
    };
    let report = crate::state::accept::accept(project, locale, &[id.to_string()], false, false)
        .map_err(|e| e.to_string())?;
    if report.accepted.is_empty() {
        return Err(format!(
            "`{id}` of {locale} is not stale (or not translated): nothing to accept"
        ));
    }
    Ok(format!(
        "accepted `{id}` of {locale}: recorded as made from the English now"
    ))
}

/// One edit that turns `old` into `new`: what lies between their common
/// start and end (cut at characters), so the client's cursor and the lines
/// around stay where they were.
pub fn edit_between(old: &str, new: &str) -> TextEdit {
    let mut start = old
        .bytes()
        .zip(new.bytes())
        .take_while(|(a, b)| a == b)
        .count();
    while !old.is_char_boundary(start) || !new.is_char_boundary(start) {
        start -= 1;
    }
    let most = old.len().min(new.len()) - start;
    let mut end = old
        .bytes()
        .rev()
        .zip(new.bytes().rev())
        .take(most)
        .take_while(|(a, b)| a == b)
        .count();
    while !old.is_char_boundary(old.len() - end) || !new.is_char_boundary(new.len() - end) {
        end -= 1;
    }
    let lines = Lines::new(old);
    TextEdit::new(
        lines.range(start..old.len() - end),
        new[start..new.len() - end].to_string(),
    )
}

/// The bytes of entry `id`: its first line through its indented lines.
pub fn entry_span(text: &str, id: &str) -> Option<Bytes<usize>> {
    let mut offset = 0;
    let mut found: Option<Bytes<usize>> = None;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        match &mut found {
            None if entry_id(line) == Some(id) => found = Some(start..offset),
            None => {}
            Some(_) if line.trim().is_empty() => {}
            Some(span) if line.starts_with([' ', '\t']) => span.end = offset,
            Some(_) => break,
        }
    }
    found
}

/// The text with the bidi controls of entry `id` that open nothing or are
/// never closed removed.
fn without_unbalanced(text: &str, id: &str) -> Option<String> {
    let span = entry_span(text, id)?;
    let entry = &text[span.clone()];
    let mut open: Vec<(usize, char)> = Vec::new();
    let mut drop: Vec<usize> = Vec::new();
    for (i, c) in entry.char_indices() {
        match c {
            '\u{202A}' | '\u{202B}' | '\u{202D}' | '\u{202E}' => open.push((i, 'e')),
            '\u{2066}'..='\u{2068}' => open.push((i, 'i')),
            '\u{202C}' | '\u{2069}' => {
                let kind = if c == '\u{202C}' { 'e' } else { 'i' };
                match open.last() {
                    Some((_, k)) if *k == kind => {
                        open.pop();
                    }
                    _ => drop.push(i),
                }
            }
            _ => {}
        }
    }
    drop.extend(open.into_iter().map(|(i, _)| i));
    if drop.is_empty() {
        return None;
    }
    let fixed: String = entry
        .char_indices()
        .filter(|(i, _)| !drop.contains(i))
        .map(|(_, c)| c)
        .collect();
    Some(format!(
        "{}{fixed}{}",
        &text[..span.start],
        &text[span.end..]
    ))
}

/// The text with the bidi controls of entry `id` that `keep` lacks removed.
fn without_controls(
    text: &str,
    id: &str,
    keep: &std::collections::BTreeSet<char>,
) -> Option<String> {
    let span = entry_span(text, id)?;
    let entry = &text[span.clone()];
    let control = |c: char| crate::lint::rules::bidi::bidi_chars(&c.to_string()).contains(&c);
    let fixed: String = entry
        .chars()
        .filter(|&c| !control(c) || keep.contains(&c))
        .collect();
    (fixed.len() != entry.len())
        .then(|| format!("{}{fixed}{}", &text[..span.start], &text[span.end..]))
}

/// One select expression of an entry, by line numbers of the entry.
#[derive(Default)]
struct Select<'t> {
    keys: Vec<&'t str>,
    /// The default variant's line, and the indentation before its `*`.
    default: Option<(usize, usize)>,
    /// The line that closes it (`}`), if it has one of its own.
    close: Option<usize>,
}

/// The select expressions of an entry's lines, inner ones first: a line
/// ending with `->` opens one, a variant line (`[key]`, `*[key]`) adds its
/// key to the innermost open one, a line starting with `}` closes it.
fn selects<'t>(lines: &[&'t str]) -> Vec<Select<'t>> {
    let mut open: Vec<Select> = Vec::new();
    let mut done = Vec::new();
    for (n, line) in lines.iter().enumerate() {
        let body = line.trim_start();
        if body.starts_with('}') {
            if let Some(mut s) = open.pop() {
                s.close = Some(n);
                done.push(s);
            }
            continue;
        }
        let variant = body.trim_start_matches('*').strip_prefix('[');
        if let (Some((key, _)), Some(s)) =
            (variant.and_then(|r| r.split_once(']')), open.last_mut())
        {
            s.keys.push(key.trim());
            if body.starts_with('*') {
                s.default = Some((n, line.len() - body.len()));
            }
        }
        if line.trim_end().ends_with("->") {
            open.push(Select::default());
        }
    }
    done.extend(open);
    done
}

/// The text with every number selector of entry `id` given a variant for
/// each plural category of the locale it lacks: a copy of its default
/// variant (all its lines) to translate, inserted before the default. The
/// categories added.
fn with_plural_variants(text: &str, id: &str, locale: &str) -> Option<(String, Vec<String>)> {
    // A copied default may hold a selector that lacks the categories too:
    // again until every selector has them (a few rounds for nested ones).
    let (mut text, mut added) = plural_round(text, id, locale)?;
    for _ in 0..8 {
        let Some((next, more)) = plural_round(&text, id, locale) else {
            break;
        };
        text = next;
        added.extend(more);
    }
    added.sort_by_key(|c| {
        ["[zero]", "[one]", "[two]", "[few]", "[many]", "[other]"]
            .iter()
            .position(|k| k == c)
    });
    added.dedup();
    Some((text, added))
}

/// One round of [`with_plural_variants`], on the selectors as the text has them.
fn plural_round(text: &str, id: &str, locale: &str) -> Option<(String, Vec<String>)> {
    const CLDR: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];
    let span = entry_span(text, id)?;
    let lines: Vec<&str> = text[span.clone()].split_inclusive('\n').collect();
    let starts: Vec<usize> = lines
        .iter()
        .scan(span.start, |at, l| {
            let start = *at;
            *at += l.len();
            Some(start)
        })
        .collect();
    let categories = crate::intl::plural_categories(&locale.parse().unwrap_or_default());
    let mut inserts: Vec<(usize, String)> = Vec::new();
    let mut added: Vec<String> = Vec::new();
    for s in selects(&lines) {
        let plural = s.keys.iter().any(|k| CLDR.contains(k))
            && s.keys
                .iter()
                .all(|k| CLDR.contains(k) || k.parse::<f64>().is_ok());
        let (Some((d, indent)), true) = (s.default, plural) else {
            continue;
        };
        let missing: Vec<&str> = categories
            .iter()
            .copied()
            .filter(|c| !s.keys.contains(c))
            .collect();
        // The default's lines: to the next variant of this select, or its end.
        let end = (d + 1..s.close.unwrap_or(lines.len()))
            .find(|&n| {
                let body = lines[n].trim_start();
                lines[n].len() - body.len() <= indent + 1
                    && body.trim_start_matches('*').starts_with('[')
            })
            .unwrap_or(s.close.unwrap_or(lines.len()));
        let first = lines[d];
        let star = indent + first[indent..].find('*').unwrap_or(0);
        let mut copy = String::new();
        for c in &missing {
            copy.push_str(&first[..star]);
            copy.push(' ');
            copy.push_str(&first[star + 1..].replacen(
                &format!("[{}]", key_of(first)),
                &format!("[{c}]"),
                1,
            ));
            for line in &lines[d + 1..end] {
                copy.push_str(line);
            }
            if !copy.ends_with('\n') {
                copy.push('\n');
            }
            added.push(format!("[{c}]"));
        }
        if !copy.is_empty() {
            inserts.push((starts[d], copy));
        }
    }
    if inserts.is_empty() {
        return None;
    }
    inserts.sort_by_key(|(at, _)| std::cmp::Reverse(*at));
    let mut new = text.to_string();
    for (at, copy) in inserts {
        new.insert_str(at, &copy);
    }
    added.dedup();
    Some((new, added))
}

/// The key of a variant line (`other` of `   *[other] …`).
fn key_of(line: &str) -> &str {
    let body = line.trim_start().trim_start_matches('*');
    body.strip_prefix('[')
        .and_then(|r| r.split_once(']'))
        .map_or("", |(k, _)| k)
}

/// Formatting: whitespace no reader sees (trailing spaces and tabs on
/// comment and blank lines), and one line end at the end of the file. Every
/// byte of every message stays as the translator wrote it.
pub fn format(text: &str) -> Vec<TextEdit> {
    let lines = Lines::new(text);
    let mut edits = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let body = line.trim_end_matches(['\r', '\n']);
        let comment = body.starts_with('#');
        let blank = body.trim_matches([' ', '\t']).is_empty();
        if !(comment || blank) {
            continue;
        }
        let kept = body.trim_end_matches([' ', '\t']).len();
        if kept < body.len() {
            edits.push(TextEdit::new(
                lines.range(start + kept..start + body.len()),
                String::new(),
            ));
        }
    }
    if !text.is_empty() && !text.ends_with('\n') {
        let eol = if text.contains("\r\n") { "\r\n" } else { "\n" };
        let end = lines.position(text.len());
        edits.push(TextEdit::new(Range::new(end, end), eol.to_string()));
    }
    edits
}

#[cfg(test)]
mod tests {
    use super::*;

    fn apply(text: &str, edit: &TextEdit) -> String {
        let lines = Lines::new(text);
        let (a, b) = (
            lines.offset(edit.range.start).unwrap(),
            lines.offset(edit.range.end).unwrap(),
        );
        format!("{}{}{}", &text[..a], edit.new_text, &text[b..])
    }

    #[test]
    fn the_edit_between_two_texts_is_the_middle_only() {
        let old = "a = عنوان\nb = ب\n";
        let new = "a = عنوان\nx = y\nb = ب\n";
        let edit = edit_between(old, new);
        assert_eq!(apply(old, &edit), new);
        assert_eq!(edit.range.start.line, 1);
        // Differing inside a two-byte letter: cut at the letter.
        let (old, new) = ("x = ب", "x = ت");
        let edit = edit_between(old, new);
        assert_eq!(edit.new_text, "ت");
        assert_eq!(apply(old, &edit), new);
    }

    #[test]
    fn controls_the_english_lacks_are_removed() {
        let text = "a = \u{2068}نص\u{2069} and \u{202B}x\u{202C}\n";
        let keep = std::collections::BTreeSet::from(['\u{2068}', '\u{2069}']);
        let fixed = without_controls(text, "a", &keep).unwrap();
        assert_eq!(fixed, "a = \u{2068}نص\u{2069} and x\n");
        assert_eq!(without_controls(&fixed, "a", &keep), None);
    }

    #[test]
    fn unbalanced_controls_are_removed_and_balanced_ones_kept() {
        let text = "a = \u{2068}ok\u{2069} x\nb = \u{2067}عربي and \u{2069}\u{2069} end\n    .t = \u{202B}y\nc = z\n";
        let fixed = without_unbalanced(text, "b").unwrap();
        assert_eq!(
            fixed,
            "a = \u{2068}ok\u{2069} x\nb = \u{2067}عربي and \u{2069} end\n    .t = y\nc = z\n"
        );
        assert_eq!(without_unbalanced(text, "a"), None);
    }

    #[test]
    fn arabic_gets_the_plural_variants_it_lacks() {
        let text = "n = { $n ->\n    [one] رسالة واحدة\n   *[other] { $n } رسائل\n}\n";
        let (fixed, added) = with_plural_variants(text, "n", "ar").unwrap();
        assert_eq!(added, ["[zero]", "[two]", "[few]", "[many]"]);
        assert!(
            fixed.contains("    [few] { $n } رسائل\n    [many] { $n } رسائل\n   *[other]"),
            "{fixed}"
        );
        let resource = fluent_syntax::parser::parse(fixed.as_str());
        assert!(resource.is_ok(), "{fixed}");
    }

    #[test]
    fn nested_selectors_each_get_their_variants_with_the_whole_default() {
        let text = "x = { $a ->\n    [one] { $b ->\n        [one] un\n       *[other] { $b } deux\n    }\n   *[other] { $b ->\n        [one] trois\n       *[other] quatre\n    }\n}\n";
        let (fixed, added) = with_plural_variants(text, "x", "fr").unwrap();
        assert_eq!(added, ["[many]"]);
        // Three selectors, each given `[many]`: the outer one a copy of its
        // whole multi-line default.
        assert_eq!(fixed.matches("[many]").count(), 4, "{fixed}");
        assert!(fixed.contains("    [many] { $b ->\n        [one] trois\n        [many] quatre\n       *[other] quatre\n    }\n   *[other] { $b ->"), "{fixed}");
        assert_eq!(
            with_plural_variants(&fixed, "x", "fr"),
            None,
            "nothing left to add"
        );
        assert!(
            fluent_syntax::parser::parse(fixed.as_str()).is_ok(),
            "{fixed}"
        );
        // A string selector is left alone.
        let gender = "y = { -brand.gender ->\n    [masculine] le\n   *[other] la\n}\n";
        assert_eq!(with_plural_variants(gender, "y", "fr"), None);
    }

    #[test]
    fn formatting_touches_no_message() {
        let text = "# note  \n  \nhello = مرحبا  \n    .title = x \t\n\n## group\t\nbye = y";
        let edits = format(text);
        let mut out = text.to_string();
        for e in edits.iter().rev() {
            out = apply(&out, e);
        }
        assert_eq!(
            out,
            "# note\n\nhello = مرحبا  \n    .title = x \t\n\n## group\nbye = y\n"
        );
    }
}
