//! PO (gettext) for translators: written and read by a small, careful
//! implementation of the format (every line's position kept for errors).
//!
//! Per unit: `#.` the English file's comment and the section; `#:` the
//! document and line (`article.ftl:12`); `msgctxt` the unit id; `msgid` the
//! English; `msgstr` the translation (empty when there is none). A stale unit
//! is `#, fuzzy` with the English it was translated from as `#| msgid`.
//! Placeables stay as Fluent text; `import` checks them.

use super::{Catalog, Incoming, IncomingFile, UnitState};
use crate::error::{Error, Result};
use std::fmt::Write as _;
use std::path::Path;

/// A translation memory match as translator comments (`# `), the only
/// place gettext tools keep free text for the translator and never take
/// for the translation: `# Translation memory (92%, fuzzy, from …):`, then
/// the English it matched and the translation offered, a line each.
fn memory_comment(out: &mut String, m: &super::Matched) {
    let _ = writeln!(
        out,
        "# Translation memory ({}%, {}, from {}):",
        m.score, m.kind, m.origin
    );
    for (label, text) in [("English", &m.source), ("Translation", &m.text)] {
        for (i, line) in text.lines().enumerate() {
            let lead = if i == 0 { label } else { "" };
            let _ = writeln!(out, "# {lead:>11}: {line}");
        }
    }
}

/// The PO file of a catalog.
pub fn write(catalog: &Catalog) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# {} translation, exported by ftlkit from the {} messages.\n# Translate the msgstr lines; keep every {{ … }} placeable.",
        catalog.locale, catalog.source_locale
    );
    out.push_str("msgid \"\"\nmsgstr \"\"\n");
    for field in [
        "Project-Id-Version: ftlkit\\n".to_string(),
        "PO-Revision-Date: \\n".into(),
        "Last-Translator: \\n".into(),
        format!("Language-Team: {}\\n", catalog.locale),
        format!("Language: {}\\n", catalog.locale),
        "MIME-Version: 1.0\\n".into(),
        "Content-Type: text/plain; charset=UTF-8\\n".into(),
        "Content-Transfer-Encoding: 8bit\\n".into(),
        format!("X-Source-Language: {}\\n", catalog.source_locale),
        "X-Generator: ftlkit\\n".into(),
    ] {
        let _ = writeln!(out, "\"{field}\"");
    }
    for unit in &catalog.units {
        out.push('\n');
        if let Some(m) = catalog.matched(unit) {
            memory_comment(&mut out, m);
        }
        if let Some(note) = &unit.note {
            for line in note.lines() {
                let _ = writeln!(out, "#. {line}");
            }
        }
        if let Some(section) = &unit.section {
            let _ = writeln!(out, "#. {section}");
        }
        let _ = writeln!(out, "#: {}:{}", super::location_file(unit), unit.line);
        if unit.state == UnitState::NeedsReview {
            out.push_str("#, fuzzy\n");
            if let Some(previous) = &unit.previous {
                field(&mut out, "#| msgid", previous);
            }
        } else if unit.state == UnitState::Translated && !unit.reviewed {
            // Translated, not reviewed yet: for a reviewer, as gettext marks it.
            out.push_str("#, fuzzy\n");
        }
        field(&mut out, "msgctxt", &unit.id);
        field(&mut out, "msgid", &unit.source);
        field(&mut out, "msgstr", unit.target.as_deref().unwrap_or(""));
    }
    out
}

/// `keyword "text"`, a multi-line text as `keyword ""` and one quoted line each.
fn field(out: &mut String, keyword: &str, text: &str) {
    let prefix = if keyword.starts_with("#|") { "#| " } else { "" };
    if !text.contains('\n') {
        let _ = writeln!(out, "{keyword} \"{}\"", escape(text));
        return;
    }
    let _ = writeln!(out, "{keyword} \"\"");
    for piece in text.split_inclusive('\n') {
        let _ = writeln!(out, "{prefix}\"{}\"", escape(piece));
    }
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
    out
}

/// Which string a quoted line continues.
#[derive(Clone, Copy, PartialEq)]
enum Field {
    None,
    Ctxt,
    Id,
    Str,
}

#[derive(Default)]
struct Entry {
    ctxt: Option<String>,
    id: Option<String>,
    text: Option<String>,
    doc: Option<String>,
    location: Option<usize>,
    location_variant: Option<String>,
    line: usize,
    obsolete: bool,
    fuzzy: bool,
}

/// Reads a PO file written by ftlkit or by a tool that kept its `msgctxt`s.
pub fn read(path: &Path, text: &str) -> Result<IncomingFile> {
    let at = |line: usize, message: String| Error::At {
        path: path.to_path_buf(),
        line,
        column: 1,
        message,
    };
    let mut entries: Vec<Entry> = Vec::new();
    let mut cur = Entry::default();
    let mut field_now = Field::None;
    for (n, raw) in text.lines().enumerate() {
        let line_no = n + 1;
        let line = raw.trim_end_matches('\r').trim_start();
        let done = cur.text.is_some();
        if line.is_empty() {
            finish(&mut entries, &mut cur);
            field_now = Field::None;
            continue;
        }
        if line.starts_with("#~") {
            cur.obsolete = true;
            continue;
        }
        if let Some(rest) = line.strip_prefix('#') {
            if done {
                finish(&mut entries, &mut cur);
            }
            if let Some(flags) = rest.strip_prefix(',') {
                cur.fuzzy |= flags.split(',').any(|f| f.trim() == "fuzzy");
            }
            if let Some(reference) = rest.strip_prefix(':') {
                let first = reference.split_whitespace().next().unwrap_or("");
                let (file, line) = first.rsplit_once(':').unwrap_or((first, ""));
                (cur.doc, cur.location_variant) = super::parse_location_file(file);
                cur.location = line.parse().ok();
            }
            field_now = Field::None;
            continue;
        }
        if line.starts_with("msgid_plural") || line.starts_with("msgstr[") {
            return Err(at(
                line_no,
                "a plural entry (msgid_plural/msgstr[n]): ftlkit's files have none; \
                 plurals are Fluent select expressions inside one msgstr"
                    .into(),
            ));
        }
        let (keyword, quoted) = match line.split_once(|c: char| c.is_whitespace()) {
            Some((k, q)) if !line.starts_with('"') => (k, q.trim()),
            _ => ("", line),
        };
        let value = unquote(quoted).map_err(|e| at(line_no, e))?;
        match keyword {
            "" => match field_now {
                Field::Ctxt => push(&mut cur.ctxt, &value),
                Field::Id => push(&mut cur.id, &value),
                Field::Str => push(&mut cur.text, &value),
                Field::None => {
                    return Err(at(line_no, "a quoted line that continues nothing".into()))
                }
            },
            "msgctxt" | "msgid" if done => {
                finish(&mut entries, &mut cur);
                start(&mut cur, keyword, value, line_no, &mut field_now);
            }
            "msgctxt" | "msgid" => start(&mut cur, keyword, value, line_no, &mut field_now),
            "msgstr" => {
                if cur.id.is_none() {
                    return Err(at(line_no, "msgstr without a msgid before it".into()));
                }
                cur.text = Some(value);
                field_now = Field::Str;
            }
            other => return Err(at(line_no, format!("unknown PO keyword `{other}`"))),
        }
    }
    finish(&mut entries, &mut cur);
    units_of_entries(path, entries)
}

fn start(cur: &mut Entry, keyword: &str, value: String, line: usize, field_now: &mut Field) {
    if cur.line == 0 {
        cur.line = line;
    }
    if keyword == "msgctxt" {
        cur.ctxt = Some(value);
        *field_now = Field::Ctxt;
    } else {
        cur.id = Some(value);
        *field_now = Field::Id;
    }
}

fn push(slot: &mut Option<String>, value: &str) {
    slot.get_or_insert_with(String::new).push_str(value);
}

fn finish(entries: &mut Vec<Entry>, cur: &mut Entry) {
    let entry = std::mem::take(cur);
    if entry.id.is_some() && !entry.obsolete {
        entries.push(entry);
    } else if entry.id.is_none() {
        // Comments with no entry: keep nothing, but a reference line seen
        // before a blank line belongs to nobody.
    }
}

fn units_of_entries(path: &Path, entries: Vec<Entry>) -> Result<IncomingFile> {
    let mut file = IncomingFile::default();
    let mut header_seen = false;
    for e in entries {
        let id = e.id.unwrap_or_default();
        if id.is_empty() && e.ctxt.is_none() {
            header_seen = true;
            file.locale = header_field(e.text.as_deref().unwrap_or(""), "Language")
                .unwrap_or_default()
                .replace('_', "-");
            continue;
        }
        // A converter may drop the msgctxt; the `#:` location still names the unit.
        // xliff2po sets a duplicate source's msgctxt to its location.
        let ctxt = e.ctxt.filter(|c| !c.contains(".ftl"));
        let ctxt = match (ctxt, e.location) {
            (Some(c), _) => c,
            (None, Some(_)) => String::new(),
            (None, None) => {
                return Err(Error::At {
                    path: path.to_path_buf(),
                    line: e.line,
                    column: 1,
                    message:
                        "an entry with neither msgctxt nor a `#:` location: ftlkit cannot tell \
                              which message it is; export the file again and translate that one"
                            .into(),
                })
            }
        };
        let target = e.text.filter(|t| !t.is_empty());
        file.units.push(Incoming {
            approved: Some(!e.fuzzy && target.is_some()),
            doc: e.doc,
            id: ctxt,
            source: Some(id),
            target,
            line: e.line,
            location: e.location,
            location_variant: e.location_variant,
        });
    }
    if !header_seen {
        return Err(Error::file(
            path,
            "no PO header (msgid \"\"): not a PO file ftlkit or a gettext tool wrote",
        ));
    }
    Ok(file)
}

/// A header field's value (`Language: ar\n`).
pub fn header_field(header: &str, name: &str) -> Option<String> {
    header.lines().find_map(|l| {
        let (k, v) = l.split_once(':')?;
        (k.trim().eq_ignore_ascii_case(name)).then(|| v.trim().to_string())
    })
}

fn unquote(quoted: &str) -> std::result::Result<String, String> {
    let inner = quoted
        .strip_prefix('"')
        .and_then(|q| q.strip_suffix('"'))
        .filter(|_| quoted.len() >= 2)
        .ok_or_else(|| format!("expected a quoted string, found `{quoted}`"))?;
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some('r') => out.push('\r'),
                Some('\\') => out.push('\\'),
                Some('"') => out.push('"'),
                Some('a') => out.push('\u{7}'),
                Some('b') => out.push('\u{8}'),
                Some('f') => out.push('\u{c}'),
                Some('v') => out.push('\u{b}'),
                other => return Err(format!("unknown escape `\\{}`", other.unwrap_or(' '))),
            },
            '"' => return Err("an unescaped `\"` inside a string".into()),
            c => out.push(c),
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exchange::Unit;

    #[test]
    fn writes_and_reads_back() {
        let unit = |id: &str, target: Option<&str>, state| Unit {
            doc: "page".into(),
            id: id.into(),
            source: "Hi \"{ $name }\"\n\\ two".into(),
            target: target.map(str::to_string),
            state,
            standing: crate::standing::Standing::Translated,
            reviewed: true,
            previous: Some("Old".into()),
            note: Some("a note".into()),
            section: Some("Byline".into()),
            line: 3,
        };
        let catalog = Catalog {
            source_locale: "en-US".into(),
            locale: "ar".into(),
            units: vec![
                unit("a", None, UnitState::New),
                unit("b.title", Some("مرحبا { $name }"), UnitState::NeedsReview),
            ],
            matches: Default::default(),
        };
        let text = write(&catalog);
        assert!(
            text.contains("#, fuzzy\n#| msgid \"Old\"\nmsgctxt \"b.title\""),
            "{text}"
        );
        let back = read(Path::new("x.po"), &text).unwrap();
        assert_eq!(back.locale, "ar");
        assert_eq!(back.units.len(), 2);
        assert_eq!(back.units[0].target, None);
        assert_eq!(back.units[1].id, "b.title");
        assert_eq!(back.units[1].doc.as_deref(), Some("page"));
        assert_eq!(
            back.units[1].source.as_deref(),
            Some("Hi \"{ $name }\"\n\\ two")
        );
        assert_eq!(back.units[1].target.as_deref(), Some("مرحبا { $name }"));
    }

    #[test]
    fn bad_lines_are_named() {
        let err = read(
            Path::new("x.po"),
            "msgid \"\"\nmsgstr \"Language: ar\\n\"\n\nmsgctxt \"a\"\nmsgid \"x\nmsgstr \"y\"\n",
        )
        .unwrap_err()
        .to_string();
        assert!(err.starts_with("x.po:5:1: "), "{err}");
    }
}
