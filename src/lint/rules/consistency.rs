//! `inconsistent`: the same English translated two ways in one locale
//! (Weblate's `ConsistencyCheck`). The translation most messages use is taken
//! for the locale's; each message that differs gets an info finding naming
//! one that has it. Messages with variants, and translations identical to
//! the English, are left out. `reused` is the converse: one translation used
//! for different English (Weblate's `ReusedCheck`).

use super::{silence, RuleInfo};
use crate::finding::{Code, Finding, Severity};
use crate::ftl::load::{entry_offset, entry_text};
use crate::lint::walk::entry_id;
use crate::lint::{LocaleFile, LocaleText};
use rustc_hash::FxHashMap as HashMap;
use std::borrow::Cow;

pub const RULES: &[RuleInfo] = &[
    RuleInfo {
        code: Code::Inconsistent,
        level: Severity::Info,
        rationale: "the same English translated two ways in one locale reads as two different \
                    things (Weblate `ConsistencyCheck`); a note, since context may call for it",
    },
    RuleInfo {
        code: Code::Reused,
        level: Severity::Info,
        rationale: "one translation for two different English texts in one locale may say one \
                    of them wrong (Weblate `ReusedCheck`); a note, since a language may not \
                    make the English distinction",
    },
];

/// One translated message of the locale, borrowed from its file (most are
/// in no group: nothing is copied for them), or owned
/// ([`Use::into_owned`]) where a locale is checked a few documents at a
/// time and its messages compared once all are seen.
pub(in crate::lint) struct Use<'e> {
    /// Its English, trimmed.
    english: Cow<'e, str>,
    /// The words of its English (attribute names and placeables left out).
    english_text: Cow<'e, str>,
    translation: Cow<'e, str>,
    path: Cow<'e, str>,
    id: Cow<'e, str>,
    /// Whether its comment silences `inconsistent`, `reused`.
    silenced: [bool; 2],
    line: usize,
    column: usize,
    span: std::ops::Range<usize>,
    /// Where the whole locale's check meets it: its file's number among the
    /// locale's files, then its entry's in the file.
    pub(in crate::lint) order: (usize, usize),
}

/// The translated messages of a locale's files that the consistency checks
/// compare: those without variants and not identical to their English.
/// Placeables count when either side has some: `Settings` and
/// `{ -brand } Settings` are two texts. Made once for both checks.
pub(in crate::lint) fn translated<'e>(
    files: &'e [LocaleFile],
    parsed: &'e [Option<LocaleText<'e>>],
) -> Vec<Use<'e>> {
    let mut out = Vec::new();
    for (k, (file, text)) in files.iter().zip(parsed).enumerate() {
        if let Some(text) = text {
            translated_of(file, text, k, &mut out);
        }
    }
    out
}

/// [`translated`]'s messages of one file, the file's number `k`.
pub(in crate::lint) fn translated_of<'e>(
    file: &'e LocaleFile,
    text: &'e LocaleText<'e>,
    k: usize,
    out: &mut Vec<Use<'e>>,
) {
    let Some(reference) = file.reference else {
        return;
    };
    let body = &text.parsed.resource.body;
    for (i, (entry, uses)) in body.iter().zip(&text.uses).enumerate() {
        let (Some((id, name)), Some(uses)) = (entry_id(entry), uses) else {
            continue;
        };
        let Some(english) = reference.get(&id) else {
            continue;
        };
        if english.has_selects || !uses.selects.is_empty() || uses.text.trim().is_empty() {
            continue;
        }
        // The English itself (written as the English is, or the same
        // once serialized) is no translation: not compared.
        let identical = entry_text(text.parsed.text, body, i) == english.written
            || (uses.text == english.text && crate::ftl::entry_source(entry) == english.source);
        if identical {
            continue;
        }
        let placeables =
            !uses.variables.is_empty() || !uses.messages.is_empty() || !uses.terms.is_empty();
        let translation = if placeables || english.source.contains('{') {
            Cow::Owned(crate::ftl::entry_source(entry))
        } else {
            Cow::Borrowed(uses.text.trim())
        };
        if translation == english.source.trim() {
            continue;
        }
        let offset = entry_offset(text.parsed.text, entry);
        let (line, column) = text.parsed.lines.position(offset);
        let ignored = silence::ignored_codes(entry);
        out.push(Use {
            english: Cow::Borrowed(english.source.trim()),
            english_text: Cow::Borrowed(&english.text),
            translation,
            path: Cow::Borrowed(&file.display),
            id,
            silenced: [Code::Inconsistent, Code::Reused].map(|c| ignored.contains(&c)),
            line,
            column,
            span: offset..offset + name.len(),
            order: (k, i),
        });
    }
}

impl Use<'_> {
    /// The message with its texts copied, to keep once its file is dropped.
    pub(in crate::lint) fn into_owned(self) -> Use<'static> {
        Use {
            english: Cow::Owned(self.english.into_owned()),
            english_text: Cow::Owned(self.english_text.into_owned()),
            translation: Cow::Owned(self.translation.into_owned()),
            path: Cow::Owned(self.path.into_owned()),
            id: Cow::Owned(self.id.into_owned()),
            ..self
        }
    }

    /// Whether the message's comment silences `code`.
    fn silenced(&self, code: Code) -> bool {
        match code {
            Code::Inconsistent => self.silenced[0],
            _ => self.silenced[1],
        }
    }

    fn line(&self) -> usize {
        self.line
    }

    fn finding(&self, code: Code, locale: &str, message: String) -> Finding {
        Finding {
            line: self.line,
            column: self.column,
            id: Some(self.id.to_string()),
            span: self.span.clone(),
            ..super::finding(code, locale, &self.path, message)
        }
    }
}

/// What the consistency rules need of a translated message to tell whether
/// it may be in one of their findings: its texts' hashes (XXH3, 64 bits),
/// not its texts. A locale checked a few documents at a time keeps one for
/// each of its messages ([`may_find`]), and reads again only the files of
/// those that may.
#[derive(Clone, Copy, Debug)]
pub(in crate::lint) struct Sketch {
    english: u64,
    english_key: u64,
    translation: u64,
    silenced: [bool; 2],
    /// [`Use::order`].
    pub(in crate::lint) order: (usize, usize),
}

impl Use<'_> {
    pub(in crate::lint) fn sketch(&self) -> Sketch {
        let hash = |text: &str| xxhash_rust::xxh3::xxh3_64(text.as_bytes());
        Sketch {
            english: hash(&self.english),
            english_key: hash(&english_key(&self.english)),
            translation: hash(&self.translation),
            silenced: self.silenced,
            order: self.order,
        }
    }
}

/// The messages (their orders, sorted) whose groups may give a finding: an
/// English translated two ways (`inconsistent`), a translation of English
/// texts that differ in more than case, spacing and end mark (`reused`,
/// unless the locale has one plural form) — every message of such a group,
/// so that [`inconsistent`] and [`reused`] on them alone find what they find
/// on all the locale's messages.
pub(in crate::lint) fn may_find(sketches: &[Sketch], one_plural_form: bool) -> Vec<(usize, usize)> {
    // For each key: the first value met, and whether another one was.
    fn two_ways(pairs: impl Iterator<Item = (u64, u64)>) -> HashMap<u64, (u64, bool)> {
        let mut groups: HashMap<u64, (u64, bool)> = HashMap::default();
        for (key, value) in pairs {
            let group = groups.entry(key).or_insert((value, false));
            group.1 |= group.0 != value;
        }
        groups
    }
    let english = two_ways(
        sketches
            .iter()
            .filter(|s| !s.silenced[0])
            .map(|s| (s.english, s.translation)),
    );
    let translation = match one_plural_form {
        true => HashMap::default(),
        false => two_ways(
            sketches
                .iter()
                .filter(|s| !s.silenced[1])
                .map(|s| (s.translation, s.english_key)),
        ),
    };
    let mut out: Vec<(usize, usize)> = sketches
        .iter()
        .filter(|s| {
            let two =
                |groups: &HashMap<u64, (u64, bool)>, key| groups.get(&key).is_some_and(|g| g.1);
            (!s.silenced[0] && two(&english, s.english))
                || (!s.silenced[1] && two(&translation, s.translation))
        })
        .map(|s| s.order)
        .collect();
    out.sort_unstable();
    out
}

/// The inconsistent translations of a locale's files.
pub(in crate::lint) fn inconsistent(locale: &str, translated: &[Use]) -> Vec<Finding> {
    let mut by_english: HashMap<&str, Vec<&Use>> = HashMap::default();
    for u in translated
        .iter()
        .filter(|u| !u.silenced(Code::Inconsistent))
    {
        by_english.entry(&u.english).or_default().push(u);
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
                model.line(),
                short(main)
            );
            out.push(u.finding(Code::Inconsistent, locale, message));
        }
    }
    out.sort_by(|a, b| (&a.path, a.line).cmp(&(&b.path, b.line)));
    out
}

/// The English as the reuse check compares it: case, spacing and the end
/// mark left out (`Name:` and `name` are one text; `end-punctuation` is
/// about the mark).
fn english_key(english: &str) -> String {
    let trimmed = english.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '.' | ':' | '!' | '?' | '…' | ';' | ',')
    });
    trimmed
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The words of an English text that carry its meaning (four letters or
/// more: `the`, `for`, `up` left out), placeables left out, each cut to its
/// first four letters (a crude stem: `emails`/`email`, `blocking`/`block`).
fn stems(english: &str) -> Vec<String> {
    let mut text = String::with_capacity(english.len());
    let mut depth = 0usize;
    for c in english.chars() {
        match c {
            '{' => depth += 1,
            '}' => depth = depth.saturating_sub(1),
            _ if depth == 0 => text.push(c),
            _ => {}
        }
    }
    let mut words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 4)
        .map(|w| w.to_lowercase().chars().take(4).collect())
        .collect();
    words.sort();
    words.dedup();
    words
}

/// Whether two English texts say different things, as far as words tell:
/// each of three words of meaning or more, sharing fewer than half of them.
/// Labels (`Close`/`Dismiss`, `FAQ`/`Frequently asked questions`) and
/// rewordings (`Block promotional emails`/`Promotional email blocking`) are
/// translated alike on purpose; two sentences about different things are not.
fn different_things(a: &str, b: &str) -> bool {
    let (a, b) = (stems(a), stems(b));
    if a.len() < 3 || b.len() < 3 {
        return false;
    }
    let shared = a.iter().filter(|w| b.contains(w)).count();
    let all = a.len() + b.len() - shared;
    shared * 2 < all
}

/// Translations used for different English in one locale (Weblate's
/// `ReusedCheck`): each message of a group but the first (in file order)
/// gets an info finding naming the first and its English. Not for locales
/// with one plural form (Japanese, Chinese, Korean…), whose words do not
/// mark number (`1 tab` and `tabs` read the same: Weblate skips them for
/// that), nor for English that differs only in case, spacing or end mark.
pub(in crate::lint) fn reused(
    locale: &str,
    one_plural_form: bool,
    translated: &[Use],
) -> Vec<Finding> {
    if one_plural_form {
        return Vec::new();
    }
    let mut by_translation: HashMap<&str, Vec<&Use>> = HashMap::default();
    for u in translated.iter().filter(|u| !u.silenced(Code::Reused)) {
        by_translation.entry(&u.translation).or_default().push(u);
    }
    let mut out = Vec::new();
    for uses in by_translation.into_values().filter(|u| u.len() > 1) {
        let first = uses[0];
        let first_key = english_key(&first.english);
        let others = uses[1..].iter().filter(|u| {
            english_key(&u.english) != first_key
                && different_things(&first.english_text, &u.english_text)
        });
        for u in others {
            let message = format!(
                "`{}` translates “{}” as “{}”, as `{}` ({}:{}) translates “{}”: two English texts, one translation",
                u.id,
                short(&u.english),
                short(&u.translation),
                first.id,
                first.path,
                first.line(),
                short(&first.english)
            );
            out.push(u.finding(Code::Reused, locale, message));
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
