//! `status`: the counts of every locale as a table or JSON, and the list of a
//! locale's untranslated messages.

use crate::exchange::Matched;
use crate::lint::audit::Audit;
use crate::lint::{Code, Counts};
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::{self, Write};
use unicode_width::UnicodeWidthStr;

#[derive(Serialize)]
struct LocaleRow<'a> {
    locale: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<&'a str>,
    #[serde(flatten)]
    counts: &'a Counts,
    complete: f64,
    complete_words: f64,
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// `{"locales": [...]}` with the counts of every locale.
pub fn json(
    out: &mut dyn Write,
    audit: &Audit,
    names: &BTreeMap<String, String>,
) -> io::Result<()> {
    let rows: Vec<LocaleRow> = audit
        .locales
        .iter()
        .map(|(locale, counts)| LocaleRow {
            locale,
            name: names.get(locale).map(String::as_str),
            counts,
            complete: round3(counts.complete()),
            complete_words: round3(counts.complete_words()),
        })
        .collect();
    super::json(out, &serde_json::json!({ "locales": rows }))
}

fn pad(text: &str, width: usize) -> String {
    let w = UnicodeWidthStr::width(text);
    format!("{text}{}", " ".repeat(width.saturating_sub(w)))
}

/// An aligned table; the language's own name comes last, so a right-to-left
/// name never pulls the numbers out of their columns. It is not wrapped in
/// bidi isolates: many terminals draw those as boxes, and at the end of a
/// left-to-right line the name needs none.
pub fn table(
    out: &mut dyn Write,
    audit: &Audit,
    names: &BTreeMap<String, String>,
) -> io::Result<()> {
    let head = [
        "locale",
        "messages",
        "translated",
        "missing",
        "stale",
        "unreviewed",
        "obsolete",
        "identical",
        "errors",
        "warnings",
        "complete",
        "words",
    ];
    let mut rows: Vec<Vec<String>> = vec![head.iter().map(|s| s.to_string()).collect()];
    for (locale, c) in &audit.locales {
        rows.push(vec![
            locale.clone(),
            c.messages.to_string(),
            c.translated.to_string(),
            c.missing.to_string(),
            c.stale.to_string(),
            c.unreviewed.to_string(),
            c.obsolete.to_string(),
            c.identical.to_string(),
            c.errors.to_string(),
            c.warnings.to_string(),
            format!("{:.1}%", c.complete() * 100.0),
            format!("{:.1}%", c.complete_words() * 100.0),
        ]);
    }
    let widths: Vec<usize> = (0..head.len())
        .map(|i| {
            rows.iter()
                .map(|r| UnicodeWidthStr::width(r[i].as_str()))
                .max()
                .unwrap_or(0)
        })
        .collect();
    for (n, row) in rows.iter().enumerate() {
        let mut line = String::new();
        for (i, cell) in row.iter().enumerate() {
            if i == 0 {
                line.push_str(&pad(cell, widths[i]));
            } else {
                line.push_str(&format!("  {:>w$}", cell, w = widths[i]));
            }
        }
        let name = if n == 0 {
            Some("language".to_string())
        } else {
            names.get(&row[0]).cloned()
        };
        if let Some(name) = name {
            line.push_str("  ");
            line.push_str(&name);
        }
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}

/// The memory's matches of a message (finding path, id), by part.
pub type MatchesOf<'a> = dyn Fn(&str, &str) -> Vec<(String, Matched)> + 'a;

/// What `status --untranslated` looks up for a message besides the audit:
/// where its template is, and (with `--suggest`) the translation memory's
/// best match of each of its parts.
pub struct Lookups<'a> {
    /// `path:line` of the message's template in the locale's file, by id.
    pub template_at: &'a dyn Fn(&str) -> Option<String>,
    /// The memory's matches of a message (finding path, id), by part
    /// (`id` or `id.attr`).
    pub matches: &'a MatchesOf<'a>,
    /// Whether `ftlkit sync` writes templates in this project (an ftlkit.toml
    /// project; not an l10n.toml one): then a message without one is named.
    pub sync_writes_templates: bool,
}

/// A translation memory match as the reports show it.
#[derive(Serialize)]
struct Suggested {
    /// The unit: the message id, or `id.attr` for an attribute.
    part: String,
    score: u8,
    kind: &'static str,
    text: String,
    /// The English the memory entry was made from.
    english: String,
    origin: String,
}

/// One untranslated (missing or stale) message, as both reports show it.
#[derive(Serialize)]
struct Untranslated<'a> {
    id: &'a str,
    path: &'a str,
    line: usize,
    stale: bool,
    /// `path:line` of the message's template in the locale's file.
    #[serde(skip_serializing_if = "Option::is_none")]
    template: Option<String>,
    /// The English file's comment for the message.
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'a str>,
    /// The English as Fluent source.
    english: Option<&'a str>,
    /// For stale messages: the English the translation was made from.
    #[serde(skip_serializing_if = "Option::is_none")]
    previous: Option<&'a str>,
    /// With `--suggest`: the translation memory's best match, per part.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    suggestions: Vec<Suggested>,
}

fn untranslated_items<'a>(
    audit: &'a Audit,
    locale: &str,
    lookups: &Lookups,
) -> Vec<Untranslated<'a>> {
    audit
        .findings
        .iter()
        .filter(|f| f.locale == locale && matches!(f.code, Code::MissingMessage | Code::Stale))
        .map(|f| Untranslated {
            id: f.id.as_deref().unwrap_or(""),
            path: &f.path,
            line: f.line,
            stale: f.code == Code::Stale,
            template: f.id.as_deref().and_then(lookups.template_at),
            note: audit.reference_note(f),
            english: audit.reference_text(f),
            previous: f.previous.as_deref(),
            suggestions: (lookups.matches)(&f.path, f.id.as_deref().unwrap_or(""))
                .into_iter()
                .map(|(part, m)| Suggested {
                    part,
                    score: m.score,
                    kind: m.kind,
                    text: m.text,
                    english: m.source,
                    origin: m.origin,
                })
                .collect(),
        })
        .collect()
}

/// What a translator opens the tool for: every untranslated segment of a
/// locale, with where its English is and the English itself.
pub fn untranslated(
    out: &mut dyn Write,
    audit: &Audit,
    locale: &str,
    lookups: &Lookups,
) -> io::Result<()> {
    let items = untranslated_items(audit, locale, lookups);
    for item in &items {
        let mark = if item.stale {
            " (stale: the English changed)"
        } else {
            ""
        };
        writeln!(out, "{}:{}  {}{mark}", item.path, item.line, item.id)?;
        if let Some(at) = &item.template {
            writeln!(out, "    template: {at}")?;
        }
        if let Some(note) = item.note {
            writeln!(out, "    note: {note}")?;
        }
        match (item.previous, item.english) {
            (Some(was), Some(now)) => {
                writeln!(out, "    was: {was}")?;
                writeln!(out, "    now: {now}")?;
            }
            (_, Some(text)) => writeln!(out, "    {text}")?,
            _ => {}
        }
        for s in &item.suggestions {
            let part = s.part.strip_prefix(item.id).unwrap_or(&s.part);
            writeln!(
                out,
                "    memory{part} {}% {} (from {}): {}",
                s.score, s.kind, s.origin, s.text
            )?;
        }
    }
    writeln!(out, "{} untranslated in {locale}", items.len())?;
    let bare = items
        .iter()
        .filter(|i| !i.stale && i.template.is_none())
        .count();
    if lookups.sync_writes_templates && bare > 0 {
        writeln!(
            out,
            "{bare} of them {} no template in your file to translate in: `ftlkit sync {locale}` writes one for each (the English, commented out, where the message goes)",
            if bare == 1 { "has" } else { "have" }
        )?;
    }
    Ok(())
}

/// `status LOCALE --untranslated --format json`: `{"locale", "untranslated":
/// [{"id", "path", "line", "stale", "template", "note", "english", "previous",
/// "suggestions"}]}`; `template` and `note` when there is one, `previous` only
/// for stale messages, `suggestions` (`[{"part", "score", "kind", "text",
/// "english", "origin"}]`) only with `--suggest` and a match.
pub fn untranslated_json(
    out: &mut dyn Write,
    audit: &Audit,
    locale: &str,
    lookups: &Lookups,
) -> io::Result<()> {
    #[derive(Serialize)]
    struct Report<'a> {
        locale: &'a str,
        untranslated: Vec<Untranslated<'a>>,
    }
    let report = Report {
        locale,
        untranslated: untranslated_items(audit, locale, lookups),
    };
    super::json(out, &report)
}
