//! `inconsistent`: the same English translated two ways in one locale
//! (Weblate's `ConsistencyCheck`). The translation most messages use is taken
//! for the locale's; each message that differs gets an info finding naming
//! one that has it. Messages with variants, and translations identical to
//! the English, are left out.

use super::{silence, RuleInfo};
use crate::finding::{Code, Finding, Severity};
use crate::lint::walk::entry_id;
use crate::lint::{LocaleFile, LocaleText};
use rustc_hash::FxHashMap as HashMap;

pub const RULES: &[RuleInfo] = &[RuleInfo {
    code: Code::Inconsistent,
    level: Severity::Info,
    rationale: "the same English translated two ways in one locale reads as two different \
                things (Weblate `ConsistencyCheck`); a note, since context may call for it",
}];

/// One translated message of the locale.
struct Use {
    translation: String,
    path: String,
    id: String,
    line: usize,
    column: usize,
    span: std::ops::Range<usize>,
}

/// The inconsistent translations of a locale's files.
pub(in crate::lint) fn inconsistent(
    locale: &str,
    files: &[LocaleFile],
    parsed: &[Option<LocaleText>],
) -> Vec<Finding> {
    let mut by_english: HashMap<&str, Vec<Use>> = HashMap::default();
    for (file, text) in files.iter().zip(parsed) {
        let (Some(reference), Some(text)) = (file.reference, text) else {
            continue;
        };
        let body = text.parsed.resource.body.iter().zip(&text.uses);
        for (entry, uses) in body {
            let (Some((id, name)), Some(uses)) = (entry_id(entry), uses) else {
                continue;
            };
            let Some(english) = reference.get(&id) else {
                continue;
            };
            if english.has_selects || !uses.selects.is_empty() || uses.text.trim().is_empty() {
                continue;
            }
            // Placeables count: `Settings` and `{ -brand } Settings` are two
            // English texts, as are their translations.
            let translation = if english.source.contains('{') {
                crate::ftl::entry_source(entry)
            } else {
                uses.text.trim().to_string()
            };
            if translation == english.source.trim()
                || silence::ignored_codes(entry).contains(&Code::Inconsistent)
            {
                continue;
            }
            let offset = crate::ftl::load::entry_offset(text.parsed.text, entry);
            let (line, column) = text.parsed.lines.position(offset);
            by_english
                .entry(english.source.trim())
                .or_default()
                .push(Use {
                    translation,
                    path: file.display.clone(),
                    id: id.into_owned(),
                    line,
                    column,
                    span: offset..offset + name.len(),
                });
        }
    }
    let mut out = Vec::new();
    for (english, uses) in by_english.into_iter().filter(|(_, u)| u.len() > 1) {
        // The locale's translation: the one most messages have, the first on a tie.
        let mut counts: Vec<(&str, usize)> = Vec::new();
        for u in &uses {
            match counts.iter_mut().find(|(t, _)| *t == u.translation) {
                Some((_, n)) => *n += 1,
                None => counts.push((&u.translation, 1)),
            }
        }
        if counts.len() < 2 {
            continue;
        }
        let main = counts
            .iter()
            .max_by_key(|(_, n)| *n)
            .map_or("", |(t, _)| *t);
        let Some(model) = uses.iter().find(|u| u.translation == main) else {
            continue;
        };
        for u in uses.iter().filter(|u| u.translation != main) {
            let message = format!(
                "`{}` translates “{}” as “{}”, `{}` ({}:{}) as “{}”: one English, one translation, unless the context differs",
                u.id,
                short(english),
                short(&u.translation),
                model.id,
                model.path,
                model.line,
                short(main)
            );
            out.push(Finding {
                line: u.line,
                column: u.column,
                id: Some(u.id.clone()),
                span: u.span.clone(),
                ..super::finding(Code::Inconsistent, locale, &u.path, message)
            });
        }
    }
    out.sort_by(|a, b| (&a.path, a.line).cmp(&(&b.path, b.line)));
    out
}

/// A text cut to 60 characters for a message.
fn short(text: &str) -> String {
    match text.char_indices().nth(60) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_string(),
    }
}
