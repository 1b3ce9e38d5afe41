//! Stale translations: what English each translation was made from.
//!
//! `l10n-state/<locale>/<file>.json` records, per message, the English source it
//! was translated from and a hash of the translation as it was then. A message
//! is stale when the English has changed since and the translation has not.
//! Editing the translation makes it fresh at once (its hash no longer matches),
//! with no command to run; `extract` (and `sync`) bring the records up to date.
//! Translators never touch these files; editors commit them with the English.

pub mod accept;
mod glance;

pub use glance::{would_update, StateView};

use crate::error::{Error, Result};
use fluent_syntax::ast::Entry;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The state folder, relative to the project root.
pub const STATE_DIR: &str = "l10n-state";

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct StateFile {
    pub version: u32,
    pub messages: BTreeMap<String, Record>,
    /// Hashes of the templates (`# (untranslated) …`) sync or init wrote, by id:
    /// a template that no longer hashes the same was edited by someone and is
    /// never overwritten.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub templates: BTreeMap<String, String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Record {
    /// The English (value and attributes, as Fluent source) the translation was made from.
    pub english: String,
    /// FNV-1a hash of the translation (value and attributes) as it was then.
    pub translation: String,
    /// Where `sync --fill-exact` took the translation from (a translation
    /// memory match's origin): until a translator edits or accepts it, the
    /// translation is stale, for review, however the English stands.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub memory: Option<String>,
    /// Whether a person checked the translation (`ftlkit review`, `accept`,
    /// serve's Accept, an approved unit imported). Records written before
    /// reviews existed have no field and count as reviewed (nothing shipped
    /// becomes unreviewed unasked); a new or edited translation is recorded
    /// unreviewed. Only `true` is left out of the file.
    #[serde(default = "reviewed_by_default", skip_serializing_if = "is_true")]
    pub reviewed: bool,
}

fn reviewed_by_default() -> bool {
    true
}

fn is_true(b: &bool) -> bool {
    *b
}

/// One state record as the judgement of a translation reads it
/// (`standing::of_translation`), borrowed from a [`StateFile`] or a
/// [`StateView`].
#[derive(Debug, Clone, Copy)]
pub struct RecordRef<'a> {
    pub english: &'a str,
    /// The translation's [`hash`] when it was recorded.
    pub translation: &'a str,
    /// Whether a memory match filled the translation in.
    pub memory: bool,
    pub reviewed: bool,
}

/// A state file's records, however they were read.
pub trait Records {
    fn record(&self, id: &str) -> Option<RecordRef<'_>>;
    /// Whether the file holds any record (one that holds none does not track).
    fn has_records(&self) -> bool;
}

impl Records for StateFile {
    fn record(&self, id: &str) -> Option<RecordRef<'_>> {
        self.messages.get(id).map(|r| RecordRef {
            english: &r.english,
            translation: &r.translation,
            memory: r.memory.is_some(),
            reviewed: r.reviewed,
        })
    }

    fn has_records(&self) -> bool {
        !self.messages.is_empty()
    }
}

/// Whether `translation_source` hashes to `hex` (a record's [`hash`]),
/// without making the string.
pub fn hashes_to(translation_source: &str, hex: &str) -> bool {
    hash_is(fnv(translation_source), hex)
}

/// A stable hash (FNV-1a, 64 bits): the same on every machine and Rust version.
pub fn hash(text: &str) -> String {
    format!("{:016x}", fnv(text))
}

fn fnv(text: &str) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for b in text.as_bytes() {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x100000001b3);
    }
    h
}

/// Whether `hex` is the [`hash`] whose number is `h`, without making the string.
fn hash_is(h: u64, hex: &str) -> bool {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    hex.len() == 16
        && hex
            .bytes()
            .enumerate()
            .all(|(i, b)| b == DIGITS[((h >> (60 - 4 * i)) & 0xf) as usize])
}

/// Entry sources (value and attributes as Fluent source) by id, terms as
/// `-name`, of a Fluent file's text: the first definition of an id. Junk is
/// left out.
pub fn sources(text: &str) -> BTreeMap<String, String> {
    let Ok(parsed) = crate::ftl::load::parse(text) else {
        return BTreeMap::new();
    };
    let mut out = BTreeMap::new();
    for e in &parsed.resource.body {
        let Some(id) = entry_key(e) else {
            continue;
        };
        // The first definition is the translation (fluent-bundle keeps the
        // first): the one recorded, accepted and counted (`standing`).
        out.entry(id.into_owned())
            .or_insert_with(|| crate::ftl::entry_source(e));
    }
    out
}

/// [`sources`]' [`hash`]es (as numbers), the sources not kept: what
/// [`would_update`] compares with the records.
pub fn source_hashes(text: &str) -> BTreeMap<Cow<'_, str>, u64> {
    let Ok(parsed) = crate::ftl::load::parse(text) else {
        return BTreeMap::new();
    };
    let mut out = BTreeMap::new();
    for e in &parsed.resource.body {
        if let Some(id) = entry_key(e) {
            out.entry(id)
                .or_insert_with(|| fnv(&crate::ftl::entry_source_ref(e)));
        }
    }
    out
}

/// A message's id or a term's `-name`; `None` for comments and junk.
fn entry_key<'s>(entry: &Entry<&'s str>) -> Option<Cow<'s, str>> {
    match entry {
        Entry::Message(m) => Some(Cow::Borrowed(m.id.name)),
        Entry::Term(t) => Some(Cow::Owned(format!("-{}", t.id.name))),
        _ => None,
    }
}

impl StateFile {
    pub fn path(root: &Path, locale: &str, file: &str) -> PathBuf {
        root.join(STATE_DIR)
            .join(locale)
            .join(format!("{file}.json"))
    }

    pub fn load(path: &Path) -> Result<StateFile> {
        match Self::read(path)? {
            Some(text) => Self::parse(path, &text),
            None => Ok(StateFile::default()),
        }
    }

    /// The text of the state file at `path`; `None` when there is none.
    pub fn read(path: &Path) -> Result<Option<String>> {
        crate::ftl::load::read(path)
    }

    /// A state file's text read (`path` is where it is, for the error).
    pub fn parse(path: &Path, text: &str) -> Result<StateFile> {
        serde_json::from_str(text).map_err(|e| Error::At {
            path: path.to_path_buf(),
            line: e.line(),
            column: e.column(),
            message: format!(
                "{e}; this file is written by ftlkit: restore it from version control"
            ),
        })
    }

    /// Whether `id`, translated as `translation_source`, is stale against `english_now`.
    /// Returns the English it was translated from when it is.
    pub fn stale<'a>(
        &'a self,
        id: &str,
        english_now: &str,
        translation_source: &str,
    ) -> Option<&'a str> {
        let record = self.messages.get(id)?;
        let changed = record.english != english_now || record.memory.is_some();
        (changed && record.translation == hash(translation_source))
            .then_some(record.english.as_str())
    }

    /// Whether `id`, translated as `translation_source`, was reviewed by a
    /// person for the English as it is now: recorded as reviewed, untouched
    /// since (the same hash), and not stale. A translation with no record in
    /// a file that has records is new (unreviewed); a file with no records at
    /// all (a project that does not track, or an older one) has nothing
    /// unreviewed.
    pub fn reviewed(&self, id: &str, english_now: &str, translation_source: &str) -> bool {
        match self.messages.get(id) {
            Some(r) => {
                r.reviewed
                    && r.memory.is_none()
                    && r.english == english_now
                    && r.translation == hash(translation_source)
            }
            None => self.messages.is_empty(),
        }
    }

    /// Records that a person reviewed `id`, translated as
    /// `translation_source`, against the English as it is now (the record is
    /// made if there is none). Returns whether anything changed.
    pub fn mark_reviewed(&mut self, id: &str, english_now: &str, translation_source: &str) -> bool {
        let record = Record {
            english: english_now.to_string(),
            translation: hash(translation_source),
            memory: None,
            reviewed: true,
        };
        if self.messages.get(id) == Some(&record) {
            return false;
        }
        self.version = 1;
        self.messages.insert(id.to_string(), record);
        true
    }

    /// Where the translation of `id` was pre-filled from, while it is the
    /// memory's match as `sync --fill-exact` wrote it.
    pub fn memory_origin(&self, id: &str) -> Option<&str> {
        self.messages.get(id)?.memory.as_deref()
    }

    /// Brings the records up to date for a locale file. `english_seen` is the
    /// English the translator could see (the source file before this extract);
    /// `translations` the locale's entry sources. Returns whether anything changed.
    ///
    /// A record is forgotten only when neither the translation nor the English
    /// has its id any more. A translation missing from `translations` for a
    /// while (a syntax slip made it junk, or it was cut and pasted back) keeps
    /// the English it was made from: once it parses again as it was, it is
    /// stale if the English changed meanwhile; edited, it is recorded afresh.
    pub fn update(
        &mut self,
        english_seen: &BTreeMap<String, String>,
        translations: &BTreeMap<String, String>,
    ) -> bool {
        // Changed by the version, a record forgotten or a record made (a new
        // one, or one with another hash: never equal to the one it replaces).
        // [`would_update`] answers the same from the file's text.
        let mut changed = self.version != 1;
        self.version = 1;
        let before = self.messages.len();
        self.messages
            .retain(|id, _| translations.contains_key(id) || english_seen.contains_key(id));
        changed |= self.messages.len() != before;
        for (id, translation) in translations {
            let Some(english) = english_seen.get(id) else {
                continue;
            };
            let h = hash(translation);
            match self.messages.get_mut(id) {
                // Untouched since recorded: keep what it was translated from.
                Some(record) if record.translation == h => {}
                // New, or edited by the translator since: made from what they saw.
                _ => {
                    changed = true;
                    self.messages.insert(
                        id.clone(),
                        Record {
                            english: english.clone(),
                            translation: h,
                            memory: None,
                            reviewed: false,
                        },
                    );
                }
            }
        }
        changed
    }

    /// Whether a template with this text for `id` is one ftlkit wrote.
    pub fn wrote_template(&self, id: &str, text: &str) -> bool {
        self.templates.get(id).is_some_and(|h| *h == hash(text))
    }

    /// Records the templates ftlkit just wrote (id → text), forgetting the rest.
    /// Returns whether anything changed.
    pub fn record_templates(&mut self, templates: &BTreeMap<String, String>) -> bool {
        let now: BTreeMap<String, String> = templates
            .iter()
            .map(|(id, text)| (id.clone(), hash(text)))
            .collect();
        if now == self.templates {
            return false;
        }
        self.version = 1;
        self.templates = now;
        true
    }

    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
        text.push('\n');
        text
    }
}
