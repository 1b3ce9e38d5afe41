//! Hover, completion, definition and document symbols: read from the buffer
//! (line by line, so a half-typed file still answers), the reference's
//! digest, the last findings and the translation memory.

use super::place::{english_place, uri_of};
use super::text::Lines;
use super::workspace::{FileKind, Workspace};
use crate::finding::{Code, Finding};
use crate::ftl::blocks::{entry_id, TEMPLATE_MARK};
use crate::standing::Standing;
use lsp_types::*;
use std::path::{Path, PathBuf};

/// What the word under the cursor is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// The id that starts an entry (`id =` at the start of a line).
    Id,
    /// A reference to a term, `{ -brand }`.
    Term,
    /// A reference to a message, `{ other-id }`.
    Message,
    /// A variable, `{ $count }` (the name without `$`).
    Variable,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token<'t> {
    pub kind: TokenKind,
    pub name: &'t str,
    /// Byte range of the name in the text.
    pub start: usize,
}

fn ident(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '-'
}

/// Where the identifier characters that end `s` start.
fn ident_start(s: &str) -> usize {
    s.char_indices()
        .rev()
        .find(|&(_, c)| !ident(c))
        .map_or(0, |(i, c)| i + c.len_utf8())
}

/// The identifier at byte `offset` (or just before it) and what it names.
pub fn token_at(text: &str, offset: usize) -> Option<Token<'_>> {
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    let line = &text[line_start..line_end];
    let at = offset - line_start;
    let start = ident_start(&line[..at]);
    let end = line[at..]
        .find(|c: char| !ident(c))
        .map_or(line.len(), |i| at + i);
    if start >= end {
        return None;
    }
    let name = &line[start..end];
    let before = line[..start].trim_end_matches([' ', '\t']);
    let kind = if line[..start].ends_with('$') {
        TokenKind::Variable
    } else if start == 0 && entry_id(line).is_some() {
        TokenKind::Id
    } else if let Some(id) = line.strip_prefix(TEMPLATE_MARK).and_then(entry_id) {
        // A template's id: `# (untranslated) id = …`.
        if start != TEMPLATE_MARK.len() || id != name {
            return None;
        }
        TokenKind::Id
    } else if name.starts_with('-') && name.len() > 1 {
        TokenKind::Term
    } else if before.ends_with('{') || before.ends_with(',') || before.ends_with('(') {
        TokenKind::Message
    } else {
        return None;
    };
    Some(Token {
        kind,
        name,
        start: line_start + start,
    })
}

/// The id of the entry whose lines hold byte `offset`: the nearest entry
/// start above it across its indented and blank lines.
pub fn entry_at(text: &str, offset: usize) -> Option<&str> {
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let mut lines = text[..line_start].lines().rev();
    let current = text[line_start..].lines().next().unwrap_or("");
    let mut line = current;
    loop {
        if let Some(id) = entry_id(line) {
            return Some(id);
        }
        if let Some(id) = line.strip_prefix(TEMPLATE_MARK).and_then(entry_id) {
            return Some(id);
        }
        let continued = line.trim().is_empty() || line.starts_with([' ', '\t']);
        if !continued {
            return None;
        }
        line = lines.next()?;
    }
}

/// The translation file a request is about, with its reference and locale.
struct Translation {
    pair: usize,
    reference: Option<PathBuf>,
    locale: String,
}

fn translation(ws: &Workspace, path: &Path) -> Option<Translation> {
    match ws.kind(path) {
        FileKind::Translation(i) => Some(Translation {
            pair: i,
            reference: ws.pairs[i].reference.clone(),
            locale: ws.pairs[i].locale.clone(),
        }),
        _ => None,
    }
}

fn offset(lines: &Lines, at: Position) -> Result<usize, String> {
    lines.offset(at).ok_or_else(|| {
        let units = lines
            .line(at.line as usize)
            .map(|l| l.chars().map(char::len_utf16).sum::<usize>());
        match units {
            Some(n) => format!(
                "position {}:{} is outside the text: line {} has {n} UTF-16 code units",
                at.line, at.character, at.line
            ),
            None => format!(
                "position {}:{} is outside the text: it has {} lines",
                at.line,
                at.character,
                lines.count()
            ),
        }
    })
}

pub fn hover(
    ws: &mut Workspace,
    path: &Path,
    text: &str,
    at: Position,
    findings: &[Finding],
) -> Result<Option<Hover>, String> {
    let lines = Lines::new(text);
    let offset = offset(&lines, at)?;
    if let FileKind::Content { doc } = ws.kind(path) {
        return Ok(super::editor::paragraph_hover(ws, &doc, text, offset));
    }
    let Some(token) = token_at(text, offset) else {
        return Ok(None);
    };
    let range = lines.range(token.start..token.start + token.name.len());
    let english = matches!(ws.kind(path), FileKind::Reference { .. });
    let markdown = match (translation(ws, path), token.kind) {
        (None, TokenKind::Id) if english => super::editor::english_hover(ws, path, token.name),
        (Some(t), TokenKind::Id) => message_hover(ws, &t, text, token.name, findings),
        (_, TokenKind::Term | TokenKind::Message) => reference_hover(ws, path, text, token.name),
        (Some(t), TokenKind::Variable) => {
            let id = entry_at(text, offset).unwrap_or_default().to_string();
            variable_hover(ws, &t, &id, token.name)
        }
        _ => None,
    };
    Ok(markdown.map(|value| Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value,
        }),
        range: Some(range),
    }))
}

/// The English of a translated message, its note and section, where it
/// stands and, when it needs work, the translation memory's best match.
fn message_hover(
    ws: &mut Workspace,
    t: &Translation,
    text: &str,
    id: &str,
    findings: &[Finding],
) -> Option<String> {
    let reference = t.reference.as_deref()?;
    let digest = ws.digest(reference);
    let Some(entry) = digest.file.get(id) else {
        let what = match ws.project() {
            Some(_) => "obsolete: `ftlkit sync` moves it to the end, `--prune` removes it",
            None => "obsolete: nobody reads it until the English has it again",
        };
        return Some(format!(
            "**`{id}`** is not in the English (`{}`): {what}",
            digest.file.display
        ));
    };
    let mine: Vec<&Finding> = findings
        .iter()
        .filter(|f| f.id.as_deref() == Some(id))
        .collect();
    let standing = ws.standings(t.pair, text).get(id).cloned();
    let standing_is = |s: Standing| standing.as_ref().is_some_and(|m| m.standing == s);
    let stale = standing.as_ref().and_then(|m| m.was.clone());
    let template = standing
        .as_ref()
        .is_some_and(|m| m.standing.needs_translation());
    let identical = mine.iter().any(|f| f.code == Code::Identical);
    let state = if standing_is(Standing::EditedTemplate) {
        "typed into its template: still a comment readers never see (delete `# (untranslated) ` in front of it)"
    } else if standing_is(Standing::Broken) {
        "does not parse: readers see the English"
    } else if template {
        "untranslated (a template: replace it with the translation)"
    } else if stale.is_some() {
        "stale: the English changed since it was translated"
    } else if identical {
        "the same as the English: still to translate, unless it is a name kept as it is"
    } else {
        "translated"
    };
    let mut out = format!(
        "**`{id}`** · {state}\n\nEnglish (`{}`):\n\n```fluent\n{id} = {}\n```\n",
        digest.file.display, entry.source
    );
    let note = note_lines(&digest.text, entry.offset);
    if !note.is_empty() {
        // The translator's note as written, line by line.
        out.push_str("\nNote:\n");
        for line in note {
            out.push_str(&format!("> {line}  \n"));
        }
    }
    if let Some(section) = section_of(&digest.text, entry.offset) {
        let section = section.strip_prefix("Section: ").unwrap_or(&section);
        out.push_str(&format!("\nSection: {section}\n"));
    }
    out.push_str(&glossary_lines(&ws.glossary_terms(&t.locale, &entry.text)));
    if let Some(previous) = stale.as_deref() {
        out.push_str(&format!(
            "\nWhat changed in the English: {}\n",
            diff(previous, &entry.source)
        ));
    }
    for f in mine
        .iter()
        .filter(|f| !matches!(f.code, Code::Stale | Code::Identical))
    {
        out.push_str(&format!("\n- {}: {}", f.code, f.message));
    }
    if template || stale.is_some() || identical {
        // What the file has now is no suggestion.
        let current = current_value(text, id);
        if let Some(memory) = ws.memory(&t.locale) {
            let floor = ws
                .project()
                .map_or(crate::project::DEFAULT_MEMORY_FLOOR, |p| p.memory.floor);
            let suggestions = memory.suggest(&entry.source, 5, floor);
            let best = suggestions
                .into_iter()
                .find(|s| Some(s.text.trim()) != current.as_deref());
            if let Some(best) = best {
                out.push_str(&format!(
                    "\n\nTranslation memory, {}% {}: `{}` (from {})\n",
                    best.score,
                    best.kind.name(),
                    best.text,
                    best.entry.origin.label()
                ));
            }
        }
    }
    Some(out)
}

/// The hover's glossary terms, one list item each: `Kadhimi` → `الكاظمي`
/// (not `…`), or kept as it is; nothing without terms.
fn glossary_lines(terms: &[crate::lint::rules::glossary::TermFor]) -> String {
    if terms.is_empty() {
        return String::new();
    }
    let lines: String = terms.iter().map(glossary_line).collect();
    format!("\nGlossary:\n{lines}")
}

fn glossary_line(term: &crate::lint::rules::glossary::TermFor) -> String {
    let mut line = format!("- `{}`", term.en);
    if term.do_not_translate {
        line.push_str(": do not translate, keep it as it is");
    } else if let Some(approved) = &term.approved {
        line.push_str(&format!(" → `{approved}`"));
    } else {
        line.push_str(": no approved translation for this locale");
    }
    if !term.forbidden.is_empty() {
        let forbidden: Vec<String> = term.forbidden.iter().map(|f| format!("`{f}`")).collect();
        line.push_str(&format!(" (not {})", forbidden.join(", ")));
    }
    line.push('\n');
    line
}

/// The word diff of the English as `git diff --word-diff` shows it:
/// `[-removed-]{+added+}`, plain text that no Markdown of the English can be
/// mistaken for; the spaces around a change kept outside its marks.
fn diff(old: &str, new: &str) -> String {
    use crate::serve::Change;
    let mark = |t: &str, open: &str, close: &str| {
        let body = t.trim();
        if body.is_empty() {
            return t.to_string();
        }
        let lead = &t[..t.len() - t.trim_start().len()];
        let trail = &t[t.trim_end().len()..];
        format!("{lead}{open}{body}{close}{trail}")
    };
    let shown: String = crate::serve::word_diff(old, new)
        .into_iter()
        .map(|c| match c {
            Change::Same(t) => t,
            Change::Removed(t) => mark(&t, "[-", "-]"),
            Change::Added(t) => mark(&t, "{+", "+}"),
        })
        .collect();
    format!("`{}`", shown.replace('`', "'"))
}

/// The comment lines right above the entry at `offset` of a reference
/// (`#` lines, not group or file comments), without their `# `.
fn note_lines(reference: &str, offset: usize) -> Vec<String> {
    let line_start = reference[..offset.min(reference.len())]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let mut out: Vec<String> = reference[..line_start]
        .lines()
        .rev()
        .take_while(|l| l.starts_with('#') && !l.starts_with("##"))
        .map(|l| l.trim_start_matches('#').trim().to_string())
        .collect();
    out.reverse();
    while out.first().is_some_and(|l| l.is_empty()) {
        out.remove(0);
    }
    out
}

/// The value of message `id` as the buffer has it (its first line's text
/// after `=`, and the lines that follow), trimmed.
fn current_value(text: &str, id: &str) -> Option<String> {
    let span = super::actions::entry_span(text, id)?;
    let entry = &text[span];
    let value = entry.split_once('=')?.1;
    Some(value.trim().to_string())
}

/// The group comment (`## …`) the reference puts the entry under.
fn section_of(reference: &str, offset: usize) -> Option<String> {
    reference[..offset.min(reference.len())]
        .lines()
        .rev()
        .find_map(|l| l.strip_prefix("## "))
        .map(str::to_string)
}

/// A `{ -term }` or `{ message }` reference: its value in this file, else the
/// English's.
fn reference_hover(ws: &mut Workspace, path: &Path, text: &str, name: &str) -> Option<String> {
    let here = locale_entry(ws, path, text, name);
    let english = english_entry(ws, path, name);
    if here.is_none() && english.is_none() {
        return Some(format!(
            "**`{name}`** is defined nowhere in this locale or the English"
        ));
    }
    let mut out = format!("**`{name}`**\n");
    if let Some(here) = here {
        let place = if here.path == path {
            "this file".to_string()
        } else {
            format!("`{}`", ws.display(&here.path))
        };
        out.push_str(&format!(
            "\nIn {place}:\n\n```fluent\n{}\n```\n",
            here.source
        ));
    }
    if let Some((display, source)) = english {
        out.push_str(&format!(
            "\nEnglish (`{display}`):\n\n```fluent\n{name} = {source}\n```\n"
        ));
    }
    Some(out)
}

/// An entry of the locale a file belongs to.
struct LocaleEntry {
    path: PathBuf,
    /// Its lines (without the comment above).
    source: String,
    /// Where its id starts in its file, and the file's text.
    offset: usize,
    text: String,
}

/// Entry `name` in this buffer, else in another file of its locale (a term
/// of `brands.ftl` used in `faq.ftl`), as the locale has it.
fn locale_entry(ws: &mut Workspace, path: &Path, text: &str, name: &str) -> Option<LocaleEntry> {
    let find = |path: &Path, text: &str| {
        let mut offset = 0;
        for line in text.split_inclusive('\n') {
            if entry_id(line) == Some(name) {
                let block = crate::ftl::blocks::blocks(&text[offset..])
                    .into_iter()
                    .next()?;
                return Some(LocaleEntry {
                    path: path.to_path_buf(),
                    source: block.text.trim_end().to_string(),
                    offset,
                    text: text.to_string(),
                });
            }
            offset += line.len();
        }
        None
    };
    if let Some(found) = find(path, text) {
        return Some(found);
    }
    let FileKind::Translation(i) = ws.kind(path) else {
        return None;
    };
    let locale = ws.pairs[i].locale.clone();
    let others: Vec<PathBuf> = ws
        .pairs
        .iter()
        .filter(|p| p.locale == locale && p.l10n != path)
        .map(|p| p.l10n.clone())
        .collect();
    others.into_iter().find_map(|other| {
        let text = ws.text(&other).ok().flatten()?;
        find(&other, &text)
    })
}

/// An entry of the file's reference, or of any reference file (terms are
/// shared across files): its file as shown and its source.
fn english_entry(ws: &mut Workspace, path: &Path, name: &str) -> Option<(String, String)> {
    let own = translation(ws, path).and_then(|t| t.reference);
    let mut candidates: Vec<PathBuf> = own.into_iter().collect();
    candidates.extend(ws.reference_paths());
    candidates.into_iter().find_map(|r| {
        let digest = ws.digest(&r);
        let entry = digest.file.get(name)?;
        Some((digest.file.display.clone(), entry.source.clone()))
    })
}

fn variable_hover(ws: &mut Workspace, t: &Translation, id: &str, name: &str) -> Option<String> {
    let digest = ws.digest(t.reference.as_deref()?);
    let entry = digest.file.get(id)?;
    Some(if entry.variables.contains(name) {
        format!("`${name}`: the English of `{id}` uses it")
    } else {
        format!("`${name}`: the English of `{id}` does not use it; readers see it raw")
    })
}

pub fn completion(
    ws: &mut Workspace,
    path: &Path,
    text: &str,
    at: Position,
) -> Result<Vec<CompletionItem>, String> {
    let lines = Lines::new(text);
    let offset = offset(&lines, at)?;
    let Some(t) = translation(ws, path) else {
        return Ok(Vec::new());
    };
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    let before = &text[line_start..offset];
    let after = text[offset..line_end].trim_end_matches('\r');
    let typed_start = ident_start(before);
    let typed = &before[typed_start..];
    // The whole identifier the cursor is in is replaced (`$us|ername`).
    let typed_end = offset + after.find(|c: char| !ident(c)).unwrap_or(after.len());
    let replace = lines.range(line_start + typed_start..typed_end);
    let rest_of_line = &text[typed_end..line_end];
    let mut items = Vec::new();
    if typed_start == 0 && !before.starts_with([' ', '\t']) {
        // An id only on a line that holds nothing else (never merged into
        // the line's message or comment).
        if rest_of_line.trim().is_empty() {
            let eol = if text.contains("\r\n") { "\r\n" } else { "\n" };
            items.extend(missing_ids(ws, &t, text, typed, replace, eol));
        }
    } else if before[..typed_start].ends_with('$') {
        items.extend(variables(ws, &t, text, offset, replace));
        items.retain(|i| i.label[1..].contains(typed));
    } else if in_selector(text, offset)
        && before.trim_start().trim_start_matches('*').starts_with('[')
    {
        items.extend(plural_keys(&t.locale, typed, replace, false));
    } else if in_selector(text, offset) && before.trim().is_empty() {
        // A new variant line: the key with its brackets.
        items.extend(plural_keys(&t.locale, "", replace, true));
    } else if typed.starts_with('-') || before[..typed_start].trim_end().ends_with('{') {
        items.extend(terms(ws, typed, replace));
    }
    Ok(items)
}

/// The reference's messages this buffer lacks, each inserting the English
/// as the text to translate.
fn missing_ids(
    ws: &mut Workspace,
    t: &Translation,
    text: &str,
    typed: &str,
    replace: Range,
    eol: &str,
) -> Vec<CompletionItem> {
    let Some(reference) = t.reference.as_deref() else {
        return Vec::new();
    };
    let digest = ws.digest(reference);
    let present: std::collections::HashSet<&str> =
        super::workspace::defined_ids(text).into_iter().collect();
    crate::ftl::blocks::reference_entries(&digest.text)
        .into_iter()
        .filter(|(id, _)| !present.contains(id.as_str()) && id.contains(typed))
        .enumerate()
        .map(|(n, (id, body))| {
            let note = digest
                .file
                .get(&id)
                .map(|e| e.note.clone())
                .unwrap_or_default();
            CompletionItem {
                label: id.clone(),
                kind: Some(CompletionItemKind::FIELD),
                detail: Some("missing: inserts the English to translate".into()),
                documentation: (!note.is_empty()).then_some(Documentation::String(note)),
                sort_text: Some(format!("{n:06}")),
                filter_text: Some(id.clone()),
                text_edit: Some(CompletionTextEdit::Edit(TextEdit::new(
                    replace,
                    body.trim_end().replace("\r\n", "\n").replace('\n', eol),
                ))),
                ..Default::default()
            }
        })
        .collect()
}

/// The variables the English of the message being written uses (all the
/// reference's when the cursor is in no known message).
fn variables(
    ws: &mut Workspace,
    t: &Translation,
    text: &str,
    offset: usize,
    replace: Range,
) -> Vec<CompletionItem> {
    let Some(reference) = t.reference.as_deref() else {
        return Vec::new();
    };
    let digest = ws.digest(reference);
    let id = entry_at(text, offset);
    let mut names: Vec<&String> = match id.and_then(|id| digest.file.get(id)) {
        Some(entry) => entry.variables.iter().collect(),
        None => digest
            .file
            .entries
            .iter()
            .flat_map(|e| &e.variables)
            .collect(),
    };
    names.sort();
    names.dedup();
    names
        .into_iter()
        .map(|name| CompletionItem {
            label: format!("${name}"),
            kind: Some(CompletionItemKind::VARIABLE),
            detail: Some("a variable the English uses".into()),
            filter_text: Some(name.clone()),
            text_edit: Some(CompletionTextEdit::Edit(TextEdit::new(
                replace,
                name.clone(),
            ))),
            ..Default::default()
        })
        .collect()
}

/// Whether byte `offset` is in a select expression's variants: a line above
/// it, in the same entry, ends with `->` and its placeable is still open.
fn in_selector(text: &str, offset: usize) -> bool {
    let before = &text[..offset];
    let Some(arrow) = before.rfind("->") else {
        return false;
    };
    let between = &before[arrow..];
    between.matches('{').count() + 1 > between.matches('}').count()
        && !between.lines().skip(1).any(|l| entry_id(l).is_some())
}

/// The locale's CLDR plural categories, as variant keys.
fn plural_keys(locale: &str, typed: &str, replace: Range, brackets: bool) -> Vec<CompletionItem> {
    let langid = locale.parse().unwrap_or_default();
    crate::intl::plural_categories(&langid)
        .into_iter()
        .filter(|c| c.starts_with(typed))
        .map(|c| {
            let (insert, filter) = match brackets {
                true => (format!("[{c}] "), format!("[{c}]")),
                false => (c.to_string(), c.to_string()),
            };
            CompletionItem {
                label: c.to_string(),
                kind: Some(CompletionItemKind::ENUM_MEMBER),
                detail: Some(format!("a CLDR plural category of {locale}")),
                filter_text: Some(filter),
                text_edit: Some(CompletionTextEdit::Edit(TextEdit::new(replace, insert))),
                ..Default::default()
            }
        })
        .collect()
}

/// Every term the references define.
fn terms(ws: &mut Workspace, typed: &str, replace: Range) -> Vec<CompletionItem> {
    let mut out: Vec<CompletionItem> = Vec::new();
    for r in ws.reference_paths() {
        let digest = ws.digest(&r);
        let terms = digest.file.entries.iter().filter(|e| e.id.starts_with('-'));
        for e in terms.filter(|e| e.id.contains(typed.trim_start_matches('-'))) {
            if out.iter().any(|i| i.label == e.id) {
                continue;
            }
            // Its value in a line; a term with variants by its default's text.
            let detail = match e.has_selects {
                true => format!("term with variants: {}", e.text.trim()),
                false => format!("term: {}", e.source),
            };
            out.push(CompletionItem {
                label: e.id.clone(),
                kind: Some(CompletionItemKind::CONSTANT),
                detail: Some(detail),
                text_edit: Some(CompletionTextEdit::Edit(TextEdit::new(
                    replace,
                    e.id.clone(),
                ))),
                ..Default::default()
            });
        }
    }
    out
}

/// From a translation's id to its English and the Markdown it was
/// extracted from; from a reference to the term or message.
pub fn definition(
    ws: &mut Workspace,
    path: &Path,
    text: &str,
    at: Position,
) -> Result<Vec<Location>, String> {
    let lines = Lines::new(text);
    let offset = offset(&lines, at)?;
    if let FileKind::Content { doc } = ws.kind(path) {
        return Ok(super::editor::paragraph_definition(ws, &doc, text, offset)
            .into_iter()
            .collect());
    }
    let Some(token) = token_at(text, offset) else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    match token.kind {
        TokenKind::Id => {
            if let Some(reference) = translation(ws, path).and_then(|t| t.reference) {
                out.extend(english_place(ws, &reference, token.name));
            }
            out.extend(super::editor::markdown_place(ws, path, token.name));
        }
        TokenKind::Term | TokenKind::Message => {
            // This locale first (this file, then its others), then the references.
            if let Some(here) = locale_entry(ws, path, text, token.name) {
                let lines = Lines::new(&here.text);
                let range = lines.range(here.offset..here.offset + token.name.len());
                out.extend(uri_of(&here.path).map(|uri| Location::new(uri, range)));
            }
            for r in ws.reference_paths() {
                if r != path {
                    out.extend(english_place(ws, &r, token.name));
                }
            }
        }
        TokenKind::Variable => {}
    }
    Ok(out)
}

/// Messages and terms, under the group comments (`## …`) that open sections.
#[allow(deprecated)]
pub fn symbols(text: &str) -> Vec<DocumentSymbol> {
    let lines = Lines::new(text);
    let mut groups: Vec<DocumentSymbol> = Vec::new();
    let mut loose: Vec<DocumentSymbol> = Vec::new();
    let mut offset = 0;
    let all: Vec<&str> = text.split_inclusive('\n').collect();
    for (n, line) in all.iter().enumerate() {
        let start = offset;
        offset += line.len();
        let symbol = |name: &str, kind: SymbolKind, end: usize| DocumentSymbol {
            name: name.to_string(),
            detail: None,
            kind,
            tags: None,
            deprecated: None,
            range: lines.range(start..end),
            selection_range: lines.range(start..start + name.len()),
            children: None,
        };
        if let Some(heading) = line.strip_prefix("## ") {
            let mut group = symbol(
                heading.trim_end(),
                SymbolKind::NAMESPACE,
                start + line.trim_end().len(),
            );
            group.selection_range = group.range;
            groups.push(group);
            continue;
        }
        let Some(id) = entry_id(line) else {
            continue;
        };
        // The entry runs over its indented and blank lines.
        let mut end = start + line.trim_end().len();
        let mut at = offset;
        for next in &all[n + 1..] {
            if !(next.trim().is_empty() || next.starts_with([' ', '\t'])) {
                break;
            }
            at += next.len();
            if !next.trim().is_empty() {
                end = at - (next.len() - next.trim_end().len());
            }
        }
        let kind = if id.starts_with('-') {
            SymbolKind::CONSTANT
        } else {
            SymbolKind::STRING
        };
        let entry = symbol(id, kind, end);
        match groups.last_mut() {
            Some(group) => {
                group.range.end = entry.range.end;
                group.children.get_or_insert_with(Vec::new).push(entry);
            }
            None => loose.push(entry),
        }
    }
    loose.extend(groups);
    loose
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_in_arabic_text() {
        let text =
            "title = عنوان { -brand } و{ $count } { other-msg }\n# (untranslated) intro = Hello\n";
        let at = |s: &str| token_at(text, text.find(s).unwrap() + 1).map(|t| (t.kind, t.name));
        assert_eq!(at("title"), Some((TokenKind::Id, "title")));
        assert_eq!(at("-brand"), Some((TokenKind::Term, "-brand")));
        assert_eq!(at("count"), Some((TokenKind::Variable, "count")));
        assert_eq!(at("other-msg"), Some((TokenKind::Message, "other-msg")));
        assert_eq!(at("intro"), Some((TokenKind::Id, "intro")));
        assert_eq!(at("Hello"), None);
        // Every position of the Arabic line answers (none panics).
        for (i, _) in text.char_indices() {
            token_at(text, i);
        }
        let glued = "x = نص{ -brand }نص{$n}";
        let brand = token_at(glued, glued.find("brand").unwrap());
        assert_eq!(brand.map(|t| t.name), Some("-brand"));
        let n = token_at(glued, glued.rfind('n').unwrap());
        assert_eq!(n.map(|t| t.kind), Some(TokenKind::Variable));
    }

    #[test]
    fn the_entry_of_a_line_across_its_continuation_lines() {
        let text = "# note\nemails = { $n ->\n    [one] رسالة\n\n   *[other] رسائل\n}\nnext = x\n";
        assert_eq!(entry_at(text, text.find("[one]").unwrap()), Some("emails"));
        assert_eq!(
            entry_at(text, text.find("*[other]").unwrap()),
            Some("emails")
        );
        assert_eq!(entry_at(text, text.find("note").unwrap()), None);
        assert_eq!(entry_at(text, text.find("next").unwrap()), Some("next"));
        assert!(in_selector(text, text.find("[one]").unwrap()));
        assert!(!in_selector(text, text.find("next").unwrap()));
    }

    #[test]
    fn symbols_nest_under_groups() {
        let text = "-brand = R\n\n## Intro\nhello = a\n    .title = b\n\nbye = c\n";
        let symbols = symbols(text);
        let names: Vec<&str> = symbols.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["-brand", "Intro"]);
        let children: Vec<&str> = symbols[1]
            .children
            .as_ref()
            .unwrap()
            .iter()
            .map(|s| s.name.as_str())
            .collect();
        assert_eq!(children, ["hello", "bye"]);
        // `hello` runs to the end of its attribute line.
        assert_eq!(
            symbols[1].children.as_ref().unwrap()[0].range.end,
            Position::new(4, 14)
        );
    }
}
