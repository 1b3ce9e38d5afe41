//! Where each message of a locale file stands — the one answer that
//! `status`, `check`, `export`, `import`, `sync --fill-exact`, `accept`,
//! `serve` and the language server give. Disk-free: the English file's text,
//! the locale file's text and its state record in; per message, in the
//! English's order, a [`Standing`] and, where the file holds text that does
//! not count as a translation (a template someone typed into, an entry that
//! does not parse), that text as the translator typed it.
//!
//! The rules, once:
//! - the *first* definition of an id is the translation (as fluent-bundle,
//!   which keeps the first, shows it to readers);
//! - a translation is *stale* when its state record says so
//!   ([`StateFile::stale`]: the English changed since, or a memory filled it,
//!   and the translation has not been touched);
//! - a `# (untranslated) ` template is *untouched* when it is the English's
//!   template or the one `sync`/`init` recorded writing, and *edited*
//!   otherwise: someone typed into it (`check`'s `edited-template`);
//! - an entry the parser turns into junk whose first line is `id = …` is
//!   *broken*: the translator's text is there, it just does not parse.

use crate::ftl::blocks::{entry_id, find_templates, FoundTemplate, TEMPLATE_MARK};
use crate::state::{Records, StateFile};
use fluent_syntax::ast::Entry;
use std::collections::{BTreeMap, BTreeSet};

/// Where one message stands in a locale file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Standing {
    /// Nothing in the file: neither a translation nor a template.
    Missing,
    /// A template as ftlkit wrote it (`# (untranslated) id = English`).
    Template,
    /// A template someone typed into: its text is a comment, never shown.
    EditedTemplate,
    /// Lines for the message that do not parse: never shown.
    Broken,
    /// Translated, and the English has not changed since.
    Translated,
    /// Translated, but the English changed since (or a memory filled it in
    /// and nobody reviewed it).
    Stale,
}

impl Standing {
    pub fn as_str(self) -> &'static str {
        match self {
            Standing::Missing => "missing",
            Standing::Template => "template",
            Standing::EditedTemplate => "edited-template",
            Standing::Broken => "broken",
            Standing::Translated => "translated",
            Standing::Stale => "stale",
        }
    }

    /// Whether readers see a translation (stale or not): what `status` counts
    /// as translated.
    pub fn is_translation(self) -> bool {
        matches!(self, Standing::Translated | Standing::Stale)
    }

    /// Whether the file holds text a translator typed that is not shown:
    /// saving over it replaces their work, so tools must show it.
    pub fn holds_typed_text(self) -> bool {
        matches!(self, Standing::EditedTemplate | Standing::Broken)
    }

    /// What `status` counts it as: translated, or missing (a template, an
    /// edited one and a broken entry are all still missing to readers).
    pub fn needs_translation(self) -> bool {
        !self.is_translation()
    }
}

/// One message of the English and where the locale file has it.
#[derive(Debug, Clone, PartialEq)]
pub struct Message {
    /// The message id, `-name` for a term.
    pub id: String,
    pub standing: Standing,
    /// Byte offset in the locale file of what it holds for the message (the
    /// entry, the template's first line, the junk), if anything.
    pub offset: Option<usize>,
    /// The translation's Fluent source after `id =` (value and attributes),
    /// for a translated or stale message.
    pub translation: Option<String>,
    /// The text a translator typed that does not count: an edited template
    /// with its marks removed (`id = …`, continuation lines unindented as
    /// written), or a broken entry's lines as they are.
    pub typed: Option<String>,
    /// For a stale message: the English the translation was made from.
    pub was: Option<String>,
    /// For a stale message a memory filled in: the match's origin.
    pub memory: Option<String>,
    /// For a translated message: whether a person reviewed it against the
    /// English now ([`StateFile::reviewed`]; `ftlkit review`).
    pub reviewed: bool,
}

/// Every message of an English file, in its order, as one locale file has it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Standings {
    pub messages: Vec<Message>,
    index: BTreeMap<String, usize>,
}

impl Standings {
    pub fn get(&self, id: &str) -> Option<&Message> {
        self.index.get(id).map(|&i| &self.messages[i])
    }

    /// How many messages stand so.
    pub fn count(&self, standing: Standing) -> usize {
        self.messages
            .iter()
            .filter(|m| m.standing == standing)
            .count()
    }
}

/// The English of one file, reduced to what standing needs: each entry's
/// source (value and attributes after `id =`), in order, first definitions
/// only, and the templates `sync` writes for it.
#[derive(Debug, Clone, Default)]
pub struct Reference {
    pub entries: Vec<(String, String)>,
    pub templates: BTreeMap<String, BTreeSet<String>>,
}

impl Reference {
    /// The English file's text read as a reference.
    pub fn of(text: &str) -> Reference {
        let mut seen = BTreeSet::new();
        let entries = entry_sources(text)
            .into_iter()
            .filter(|(id, _)| seen.insert(id.clone()))
            .collect();
        Reference {
            entries,
            templates: crate::ftl::blocks::expected_templates(text),
        }
    }
}

/// Entry sources (after `id =`) in file order, every definition, terms as
/// `-name`; junk left out.
fn entry_sources(text: &str) -> Vec<(String, String)> {
    let Ok(parsed) = crate::ftl::load::parse(text) else {
        return Vec::new();
    };
    parsed
        .resource
        .body
        .iter()
        .filter_map(|e| Some((entry_name(e)?, crate::ftl::entry_source(e))))
        .collect()
}

/// A message's id, `-name` for a term.
pub fn entry_name(entry: &Entry<&str>) -> Option<String> {
    match entry {
        Entry::Message(m) => Some(m.id.name.to_string()),
        Entry::Term(t) => Some(format!("-{}", t.id.name)),
        _ => None,
    }
}

/// Whether template `t` found in a locale file is untouched: the English's
/// own template, or the one sync/init recorded writing. The one test behind
/// `edited-template`, `sync` (which redoes only untouched templates) and
/// every tool that would write over a template.
pub fn template_untouched(
    expected: Option<&BTreeSet<String>>,
    state: Option<&StateFile>,
    t: &FoundTemplate,
) -> bool {
    expected.is_some_and(|e| e.contains(&t.text))
        || state.is_some_and(|st| st.wrote_template(&t.id, &t.text))
}

/// A template's text with its marks removed: what the translator typed
/// (`id = Bonjour`, continuation lines as written after `#  `).
pub fn uncomment_template(text: &str) -> String {
    let mut out = String::new();
    for (n, line) in text.split('\n').enumerate() {
        if n > 0 {
            out.push('\n');
            out.push_str(
                line.strip_prefix("#  ")
                    .or_else(|| line.strip_prefix('#'))
                    .unwrap_or(line),
            );
        } else {
            out.push_str(line.strip_prefix(TEMPLATE_MARK).unwrap_or(line));
        }
    }
    out
}

/// Where a translation stands: what the locale file defines for `id`
/// (`source`, as the file has it) against the English now (`english`) and
/// the state record. The one judgement of stale, translated and reviewed:
/// [`standings`], `check`'s `stale` rule and `status`'s counts all ask it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OfTranslation<'s> {
    /// Made from other English: `was`.
    Stale { was: &'s str },
    /// Up to date; `reviewed` when a person approved it (or nobody asked).
    Translated { reviewed: bool },
}

/// See [`OfTranslation`].
///
/// The translation's source is asked for only when the message has a state
/// record to compare it with (a build or a check of a file without records
/// serializes no entry).
pub fn of_translation<'s, S: AsRef<str>, R: Records + ?Sized>(
    state: &'s R,
    id: &str,
    english: &str,
    source: impl FnOnce() -> S,
) -> OfTranslation<'s> {
    let Some(record) = state.record(id) else {
        // Neither stale nor reviewed without a record (see `StateFile`): a
        // file with no records at all has nothing unreviewed.
        return OfTranslation::Translated {
            reviewed: !state.has_records(),
        };
    };
    // The translation's text (serialized, hashed) tells only a record whose
    // English changed since (stale while untouched) or that says reviewed
    // (still, while untouched): the others are translated, not reviewed.
    let changed = record.english != english || record.memory;
    if !changed && !record.reviewed {
        return OfTranslation::Translated { reviewed: false };
    }
    // Untouched since recorded: the same hash.
    let untouched = crate::state::hashes_to(source().as_ref(), record.translation);
    match changed && untouched {
        true => OfTranslation::Stale {
            was: record.english,
        },
        // Reviewed: recorded so, for the English now, untouched since.
        false => OfTranslation::Translated {
            reviewed: record.reviewed && !changed && untouched,
        },
    }
}

/// Where each message a locale file defines stands — stale, or translated
/// and whether reviewed — from its entries already parsed (a build's
/// `FluentResource`: no text parsed again), first definitions only, messages
/// the English has only: what [`standings`] says of them.
pub fn of_entries<'e, 's>(
    reference: &Reference,
    entries: impl Iterator<Item = &'e Entry<&'e str>>,
    state: &'s StateFile,
) -> Vec<(String, OfTranslation<'s>)> {
    let mut out = Vec::new();
    each_of_entries(reference, entries, state, |id, standing| {
        out.push((id.to_string(), standing))
    });
    out
}

/// [`of_entries`], each answer handed to `each` as it is made (ids
/// borrowed: a build keeps only the few it needs), with the records read
/// however they were ([`Records`]: a build's are borrowed from the text,
/// `state::StateView`).
pub fn each_of_entries<'e, 's, R: Records + ?Sized>(
    reference: &Reference,
    entries: impl Iterator<Item = &'e Entry<&'e str>>,
    state: &'s R,
    mut each: impl FnMut(&str, OfTranslation<'s>),
) {
    use rustc_hash::{FxHashMap, FxHashSet};
    let english: FxHashMap<&str, &str> = reference
        .entries
        .iter()
        .map(|(id, text)| (id.as_str(), text.as_str()))
        .collect();
    let mut seen: FxHashSet<std::borrow::Cow<str>> = FxHashSet::default();
    for entry in entries {
        let id = match entry {
            Entry::Message(m) => std::borrow::Cow::Borrowed(m.id.name),
            Entry::Term(t) => std::borrow::Cow::Owned(format!("-{}", t.id.name)),
            _ => continue,
        };
        let Some(english) = english.get(id.as_ref()) else {
            continue;
        };
        if !seen.insert(id.clone()) {
            continue;
        }
        each(
            &id,
            of_translation(state, &id, english, || crate::ftl::entry_source(entry)),
        );
    }
}

/// Where each message of `reference` stands in the locale file `text`, with
/// its state record.
pub fn standings(reference: &Reference, text: &str, state: &StateFile) -> Standings {
    let parsed = crate::ftl::load::parse(text).ok();
    let mut translations: BTreeMap<String, (usize, String)> = BTreeMap::new();
    let mut broken: BTreeMap<String, (usize, String)> = BTreeMap::new();
    for entry in parsed.iter().flat_map(|p| &p.resource.body) {
        let offset = crate::ftl::load::entry_offset(text, entry);
        if let Entry::Junk { content } = entry {
            // The junk's first line that is not a comment names the message.
            let id = content
                .split('\n')
                .find(|l| !l.starts_with('#') && !l.trim().is_empty())
                .and_then(entry_id);
            if let Some(id) = id {
                broken
                    .entry(id.to_string())
                    .or_insert((offset, content.trim_end().to_string()));
            }
            continue;
        }
        if let Some(id) = entry_name(entry) {
            translations
                .entry(id)
                .or_insert_with(|| (offset, crate::ftl::entry_source(entry)));
        }
    }
    let mut templates: BTreeMap<String, FoundTemplate> = BTreeMap::new();
    if text.contains(TEMPLATE_MARK) {
        for t in find_templates(text) {
            templates.entry(t.id.clone()).or_insert(t);
        }
    }
    let mut out = Standings::default();
    for (id, english) in &reference.entries {
        let mut message = Message {
            id: id.clone(),
            standing: Standing::Missing,
            offset: None,
            translation: None,
            typed: None,
            was: None,
            memory: None,
            reviewed: false,
        };
        if let Some((offset, source)) = translations.get(id) {
            message.offset = Some(*offset);
            message.translation = Some(source.clone());
            message.standing = match of_translation(state, id, english, || source) {
                OfTranslation::Stale { was } => {
                    message.was = Some(was.to_string());
                    message.memory = state.memory_origin(id).map(str::to_string);
                    Standing::Stale
                }
                OfTranslation::Translated { reviewed } => {
                    message.reviewed = reviewed;
                    Standing::Translated
                }
            };
        } else if let Some((offset, junk)) = broken.get(id) {
            message.offset = Some(*offset);
            message.standing = Standing::Broken;
            message.typed = Some(junk.clone());
        } else if let Some(t) = templates.get(id) {
            message.offset = Some(t.offset);
            if template_untouched(reference.templates.get(id), Some(state), t) {
                message.standing = Standing::Template;
            } else {
                message.standing = Standing::EditedTemplate;
                message.typed = Some(uncomment_template(&t.text));
            }
        }
        out.index.insert(id.clone(), out.messages.len());
        out.messages.push(message);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const EN: &str = "a = Hello\nb = World\nc = Bye\nd = Again\ne = Gone\n";

    #[test]
    fn each_standing_with_the_typed_text() {
        let reference = Reference::of(EN);
        let fr = "a = Bonjour\n# (untranslated) b = World\n\n# (untranslated) c = Au revoir\n#  suite\n\nd = { $x\n";
        let s = standings(&reference, fr, &StateFile::default());
        let got: Vec<_> = s
            .messages
            .iter()
            .map(|m| (m.id.as_str(), m.standing))
            .collect();
        assert_eq!(
            got,
            vec![
                ("a", Standing::Translated),
                ("b", Standing::Template),
                ("c", Standing::EditedTemplate),
                ("d", Standing::Broken),
                ("e", Standing::Missing),
            ]
        );
        assert_eq!(
            s.get("c").unwrap().typed.as_deref(),
            Some("c = Au revoir\nsuite")
        );
        assert_eq!(s.get("d").unwrap().typed.as_deref(), Some("d = { $x"));
        assert_eq!(s.get("a").unwrap().translation.as_deref(), Some("Bonjour"));
        assert_eq!(s.get("b").unwrap().typed, None);
    }

    #[test]
    fn the_first_definition_is_the_translation_and_stale_is_the_records() {
        let reference = Reference::of("a = Hello again\n");
        let mut state = StateFile::default();
        state.update(
            &[("a".to_string(), "Hello".to_string())].into(),
            &[("a".to_string(), "Bonjour".to_string())].into(),
        );
        let s = standings(&reference, "a = Bonjour\na = Salut\n", &state);
        let a = s.get("a").unwrap();
        assert_eq!(a.standing, Standing::Stale);
        assert_eq!(a.was.as_deref(), Some("Hello"));
        assert_eq!(a.translation.as_deref(), Some("Bonjour"));
        // The second definition is not what readers see: editing it changes nothing.
        let s = standings(&reference, "a = Salut\na = Bonjour\n", &state);
        assert_eq!(s.get("a").unwrap().standing, Standing::Translated);
    }

    #[test]
    fn a_template_sync_recorded_is_untouched() {
        let reference = Reference::of("a = Hello\n");
        let mut state = StateFile::default();
        state.record_templates(&[("a".to_string(), "# (untranslated) a = Hi".to_string())].into());
        let s = standings(&reference, "# (untranslated) a = Hi\n", &state);
        assert_eq!(s.get("a").unwrap().standing, Standing::Template);
        let s = standings(&reference, "# (untranslated) a = Salut\n", &state);
        assert_eq!(s.get("a").unwrap().standing, Standing::EditedTemplate);
    }

    /// `of_entries` on a parsed resource says what `standings` says on the
    /// text: the shipped Arabic, French and Kurdish, and with the English of
    /// two messages changed (stale).
    #[test]
    fn of_entries_agrees_with_standings_on_the_shipped_files() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let english = std::fs::read_to_string(root.join("locales/en-US/article.ftl")).unwrap();
        let changed = english
            .replacen("article-title = ", "article-title = New: ", 1)
            .replacen(
                "article-intro-17-years-since = ",
                "article-intro-17-years-since = Now ",
                1,
            );
        for (n, en) in [english, changed].into_iter().enumerate() {
            let reference = Reference::of(&en);
            for locale in ["ar", "fr", "ckb"] {
                let text =
                    std::fs::read_to_string(root.join(format!("locales/{locale}/article.ftl")))
                        .unwrap();
                let state = StateFile::load(&StateFile::path(root, locale, "article")).unwrap();
                let whole = standings(&reference, &text, &state);
                let resource =
                    fluent_bundle::FluentResource::try_new(text.clone()).unwrap_or_else(|(r, _)| r);
                let parsed = of_entries(&reference, resource.entries(), &state);
                let from_text: Vec<(String, bool, bool)> = whole
                    .messages
                    .iter()
                    .filter(|m| m.standing.is_translation())
                    .map(|m| (m.id.clone(), m.standing == Standing::Stale, m.reviewed))
                    .collect();
                let from_entries: Vec<(String, bool, bool)> = parsed
                    .into_iter()
                    .map(|(id, o)| match o {
                        OfTranslation::Stale { .. } => (id, true, false),
                        OfTranslation::Translated { reviewed } => (id, false, reviewed),
                    })
                    .collect();
                let (mut from_entries, mut from_text) = (from_entries, from_text);
                from_entries.sort();
                from_text.sort();
                assert_eq!(from_entries, from_text, "{locale}");
                // The changed English makes its two messages stale where translated.
                let stale = from_text.iter().filter(|m| m.1).count();
                assert!(n == 0 || stale >= 2, "{locale}: {stale} stale");
            }
        }
    }

    /// The view of a state file judges every translation as the full read
    /// does: stale (with the English it was made from, escapes and all),
    /// translated, reviewed or not, filled from a memory, no record.
    #[test]
    fn the_view_judges_as_the_full_read() {
        use super::of_translation;
        use crate::state::Record;
        let english_then = "Say \"hi\"\n    { $name }";
        let record = |english: &str, translation: &str, memory: bool, reviewed: bool| Record {
            english: english.into(),
            translation: crate::state::hash(translation),
            memory: memory.then(|| "tm.tmx".into()),
            reviewed,
        };
        let mut state = StateFile {
            version: 1,
            ..StateFile::default()
        };
        for (id, r) in [
            ("same", record("Hello", "مرحبا", false, false)),
            ("same-reviewed", record("Hello", "مرحبا", false, true)),
            ("changed", record(english_then, "مرحبا", false, true)),
            ("changed-edited", record(english_then, "قديم", false, true)),
            ("memory", record("Hello", "مرحبا", true, false)),
            ("memory-reviewed", record("Hello", "مرحبا", true, true)),
            ("edited-reviewed", record("Hello", "قديم", false, true)),
        ] {
            state.messages.insert(id.into(), r);
        }
        state.templates.insert("t".into(), crate::state::hash("x"));
        let text = state.to_json();
        let view = crate::state::StateView::of(&text).expect("read borrowed");
        let empty = StateFile::default();
        let empty_text = StateFile {
            version: 1,
            ..StateFile::default()
        }
        .to_json();
        let empty_view = crate::state::StateView::of(&empty_text).unwrap();
        let ids = [
            "same",
            "same-reviewed",
            "changed",
            "changed-edited",
            "memory",
        ];
        let ids = ids
            .iter()
            .chain(&["memory-reviewed", "edited-reviewed", "none"]);
        let mut stale = 0;
        for id in ids {
            for english in ["Hello", english_then, "Other"] {
                let full = of_translation(&state, id, english, || "مرحبا");
                assert_eq!(of_translation(&view, id, english, || "مرحبا"), full, "{id}");
                stale += usize::from(matches!(full, super::OfTranslation::Stale { .. }));
                let none = of_translation(&empty, id, english, || "مرحبا");
                assert_eq!(of_translation(&empty_view, id, english, || "مرحبا"), none);
            }
        }
        assert!(stale >= 4, "{stale}");
        assert_eq!(
            of_translation(&view, "changed", "Hello", || "مرحبا"),
            super::OfTranslation::Stale { was: english_then }
        );
    }
}
