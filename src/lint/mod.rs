//! `check` and `status`: one locale's Fluent files compared with the reference,
//! without a disk. Every problem is a [`Finding`] (data, reported later by a
//! reporter of the caller's choice); the counts feed `status`.
//!
//! Each reference file is parsed and digested once ([`RefFile`]) and shared by
//! every locale; each locale file is parsed once. The checks themselves are in
//! [`rules`], one file per family; this module walks files and entries, applies
//! the `l10n.toml` filters and counts.

pub mod audit;
pub mod content;
pub mod documents;
pub mod fix;
pub mod legacy;
pub mod rules;
mod walk;

use crate::ftl::load::{self, Parsed, TooDeep};
use crate::ftl::LineIndex;
use fluent_syntax::ast::Entry;
use rayon::prelude::*;
use rules::{presence, syntax, EntryContext, LocaleScope, Place};
use serde::Serialize;
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
// Ids are not attacker-chosen keys of a long-lived service: the fast hash is fine.
use rustc_hash::FxHashMap as HashMap;
use unic_langid::LanguageIdentifier;
use walk::{entry_id, uses_of, view};

pub use crate::finding::{Code, Finding, Severity};
pub use rules::markup::unsafe_markup;
pub use rules::syntax::MAX_SYNTAX_FINDINGS;

/// What a reference file says about one entry.
#[derive(Debug, Clone)]
pub struct RefEntry {
    /// Message id, or `-name` for a term.
    pub id: String,
    pub offset: usize,
    pub line: usize,
    pub column: usize,
    pub has_value: bool,
    pub attributes: BTreeSet<String>,
    pub variables: BTreeSet<String>,
    /// The variables it selects on as numbers (plural categories or numbers
    /// as keys): a locale's selector on one of them is a plural one too.
    pub plural_variables: BTreeSet<String>,
    /// The variables it selects on with exact numbers alone, without the
    /// plural forms its own language needs (`{ $minutes -> [0] … *[other] … }`
    /// in English, which needs [one] for 1): the text does not inflect for
    /// them, so a translation that selects the same way lacks nothing.
    pub exact_variables: BTreeSet<String>,
    /// The messages and terms (`-name`) it refers to.
    pub references: BTreeSet<String>,
    /// Whether it has select expressions (variants).
    pub has_selects: bool,
    /// The value and attributes as Fluent source, for the identical check.
    pub source: String,
    /// The entry as the file writes it ([`load::entry_text`]): a translation
    /// written the same is identical without serializing it.
    pub written: String,
    /// The value's text (placeables left out): words, markup, identical.
    pub text: String,
    /// [`RefEntry::text`] with a U+FFFC between the value's and each
    /// attribute's: the English the comparison rules read, parted as a
    /// translation's prose is (a label's `SOCKS v4` and its access key `4`
    /// are not the number 44).
    pub parted_text: String,
    pub words: usize,
    pub tags: Vec<String>,
    pub bidi: BTreeSet<char>,
    /// The comment above it (what the translator should know), lines joined.
    pub note: String,
    /// Targets of its Markdown links and images.
    pub links: BTreeSet<String>,
    /// The contents of its Markdown code spans ([`rules::code`]).
    pub code: BTreeSet<String>,
}

/// A reference file, parsed and digested once.
#[derive(Debug, Clone)]
pub struct RefFile {
    pub display: String,
    pub entries: Vec<RefEntry>,
    pub index: HashMap<String, usize>,
    /// The template `sync` writes for each message (see `sync::expected_templates`).
    pub templates: std::collections::BTreeMap<String, BTreeSet<String>>,
}

impl RefFile {
    pub fn get(&self, id: &str) -> Option<&RefEntry> {
        self.index.get(id).map(|&i| &self.entries[i])
    }

    /// [`get`](Self::get), trying entry number `guess` first: translations
    /// keep the reference's order, so the entry after the last one found is
    /// nearly always the next one asked for, and comparing its id spares a
    /// hash lookup (a cache miss, in a shared table, for every entry of every
    /// locale). Returns the entry's number with it.
    pub fn get_near(&self, id: &str, guess: usize) -> Option<(usize, &RefEntry)> {
        // Only when every id is the reference's once: `get` answers the
        // first entry of an id defined twice.
        if let Some(entry) = self.entries.get(guess) {
            if entry.id == id && self.ids_unique() {
                return Some((guess, entry));
            }
        }
        let &at = self.index.get(id)?;
        Some((at, &self.entries[at]))
    }

    /// Whether no id is defined twice (the index has an entry for each).
    fn ids_unique(&self) -> bool {
        self.index.len() == self.entries.len()
    }

    /// The number of the first entry with entry `i`'s id: `i` itself but
    /// in a (buggy) reference that defines an id twice.
    fn first_of(&self, i: usize) -> usize {
        if self.ids_unique() {
            return i;
        }
        // Every entry's id is in the index (`digest_entries` puts it there).
        self.index.get(&self.entries[i].id).copied().unwrap_or(i)
    }
}

/// Counts for `status`.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Counts {
    pub messages: usize,
    pub translated: usize,
    pub missing: usize,
    pub stale: usize,
    pub obsolete: usize,
    pub identical: usize,
    pub errors: usize,
    pub warnings: usize,
    pub words: usize,
    pub words_translated: usize,
    /// Translated (not stale) but not reviewed by a person yet (`ftlkit review`).
    pub unreviewed: usize,
}

impl Counts {
    pub fn add(&mut self, other: &Counts) {
        self.messages += other.messages;
        self.translated += other.translated;
        self.missing += other.missing;
        self.stale += other.stale;
        self.obsolete += other.obsolete;
        self.identical += other.identical;
        self.errors += other.errors;
        self.warnings += other.warnings;
        self.words += other.words;
        self.words_translated += other.words_translated;
        self.unreviewed += other.unreviewed;
    }

    /// Share of the reference's messages translated (1.0 for an empty reference).
    pub fn complete(&self) -> f64 {
        if self.messages == 0 {
            1.0
        } else {
            self.translated as f64 / self.messages as f64
        }
    }

    pub fn complete_words(&self) -> f64 {
        if self.words == 0 {
            1.0
        } else {
            self.words_translated as f64 / self.words as f64
        }
    }
}

/// Digests a reference file. Syntax errors in it are returned as findings for
/// the source locale.
pub fn digest(display: &str, text: &str, source_locale: &str) -> (RefFile, Vec<Finding>) {
    let (mut file, findings) = digest_entries(display, text, source_locale);
    file.templates = crate::ftl::blocks::expected_templates(text);
    (file, findings)
}

/// [`digest`] without [`RefFile::templates`] (left empty): they matter only to
/// a locale file that has templates (`edited-template`), and finding them
/// costs as much as the rest of the digest.
pub(crate) fn digest_entries(
    display: &str,
    text: &str,
    source_locale: &str,
) -> (RefFile, Vec<Finding>) {
    let parsed = match load::parse(text) {
        Ok(parsed) => parsed,
        Err(TooDeep { at }) => {
            let empty = RefFile {
                display: display.to_string(),
                entries: vec![],
                index: HashMap::default(),
                templates: Default::default(),
            };
            let finding = syntax::too_deep_finding(text, at, display, source_locale);
            return (empty, vec![finding]);
        }
    };
    let lines = &parsed.lines;
    let mut findings = syntax::syntax_findings(&parsed.errors, text, lines, display, source_locale);
    let mut entries = Vec::new();
    let mut index = HashMap::default();
    // The source language's plural forms, asked of ICU4X only if needed.
    let source_plurals = std::cell::OnceCell::new();
    let source_plurals = || {
        source_plurals
            .get_or_init(|| rules::plural::Plurals::of(&source_locale.parse().unwrap_or_default()))
    };
    let body = &parsed.resource.body;
    for (i, entry) in body.iter().enumerate() {
        let written = load::entry_text(text, body, i);
        let Some(e) = ref_entry(entry, text, written, lines, &source_plurals) else {
            continue;
        };
        index.entry(e.id.clone()).or_insert(entries.len());
        entries.push(e);
    }
    findings.extend(rules::variables::page_strings(
        &entries,
        lines,
        display,
        source_locale,
    ));
    let file = RefFile {
        display: display.to_string(),
        entries,
        index,
        templates: Default::default(),
    };
    (file, findings)
}

/// What the rules need to know of one reference message or term.
fn ref_entry<'p>(
    entry: &Entry<&str>,
    text: &str,
    written: &str,
    lines: &LineIndex,
    source_plurals: &dyn Fn() -> &'p rules::plural::Plurals,
) -> Option<RefEntry> {
    let ((id, _), v) = (entry_id(entry)?, view(entry)?);
    let id = id.into_owned();
    let offset = load::entry_offset(text, entry);
    let uses = uses_of(&v);
    let links = if rules::markup::has_link(&uses.text) {
        crate::markdown::link_targets(&uses.text)
    } else {
        BTreeSet::new()
    };
    let code = match memchr::memchr(b'`', uses.text.as_bytes()) {
        Some(_) => rules::code::contents(&v, text),
        None => BTreeSet::new(),
    };
    let (line, column) = lines.position(offset);
    let plural_variables = uses
        .selects
        .iter()
        .filter(|s| s.has_number_keys())
        .filter_map(|s| match &s.selector {
            walk::Selector::Variable(name) => Some(name.to_string()),
            _ => None,
        })
        .collect();
    let exact_variables = rules::plural::exact_variables(&uses.selects, source_plurals);
    Some(RefEntry {
        id,
        offset,
        line,
        column,
        has_value: v.value.is_some(),
        attributes: v.attributes().map(|(n, _)| n.to_string()).collect(),
        plural_variables,
        exact_variables,
        references: uses.references().map(str::to_string).collect(),
        has_selects: !uses.selects.is_empty(),
        variables: uses.variables.iter().map(|v| v.to_string()).collect(),
        source: crate::ftl::entry_source(entry),
        written: written.to_string(),
        words: uses.text.split_whitespace().count(),
        tags: rules::markup::tags(&uses.text),
        bidi: rules::bidi::bidi_chars(&uses.text),
        text: uses.text.into_owned(),
        parted_text: walk::pattern_texts(&v).join("\u{FFFC}"),
        note: walk::entry_comment(entry),
        links,
        code,
    })
}

/// One file of a locale to check.
pub struct LocaleFile<'r> {
    pub reference: Option<&'r RefFile>,
    pub display: String,
    /// The file's text; `None` when the locale does not have the file.
    pub text: Option<String>,
    /// Where the reference is, for findings about what the locale lacks.
    pub reference_display: Option<String>,
    /// What English each translation was made from (stale tracking).
    pub state: Option<crate::state::StateFile>,
}

/// What an `l10n.toml` filter says of a file or entry (compare-locales' actions).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FilterAction {
    Error,
    Warning,
    Ignore,
}

/// Decides, per file and entry, whether a finding counts (l10n.toml filters).
#[derive(Clone, Copy)]
pub struct Filter<'f> {
    /// The answer for a file (its display path) and an entry key (`None`
    /// for the file itself).
    pub ask: &'f (dyn Fn(&str, Option<&str>) -> FilterAction + Sync),
    /// Whether the answer depends on the key only through whether there is
    /// one (no filter rule names keys): a file's two answers are then asked
    /// once each, not once per entry.
    pub by_file: bool,
}

/// The error-level findings a rewrite of a locale file adds, by message id:
/// what `check` would call an error in `after` (the file as written) that it
/// does not in `before`, each as `code: message`. `sync --fill-exact` leaves
/// such messages out; `import` warns of them.
pub fn new_errors(
    locale: &str,
    langid: &LanguageIdentifier,
    reference: &str,
    before: &str,
    after: &str,
) -> BTreeMap<String, Vec<String>> {
    let (digested, _) = digest(REFERENCE, reference, "en-US");
    let errors = |text: &str| {
        let files = [LocaleFile {
            reference: Some(&digested),
            display: "locale.ftl".into(),
            text: Some(text.to_string()),
            reference_display: Some(REFERENCE.into()),
            state: None,
        }];
        let (_, findings) = check_locale(locale, langid, &files, None);
        findings
            .into_iter()
            .filter(|f| f.severity == Severity::Error && f.path != REFERENCE)
            .filter_map(|f| Some((f.id?, f.code.as_str(), f.message)))
            .collect::<Vec<_>>()
    };
    const REFERENCE: &str = "reference.ftl";
    let had: BTreeSet<(String, &str)> = errors(before)
        .into_iter()
        .map(|(id, code, _)| (id, code))
        .collect();
    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (id, code, message) in errors(after) {
        if !had.contains(&(id.clone(), code)) {
            out.entry(id)
                .or_default()
                .push(format!("{code}: {message}"));
        }
    }
    out
}

/// Checks every file of one locale.
pub fn check_locale(
    locale: &str,
    langid: &LanguageIdentifier,
    files: &[LocaleFile],
    filter: Option<Filter>,
) -> (Counts, Vec<Finding>) {
    check_locale_in(locale, langid, files, &Context::default(), filter)
}

/// `check`'s findings and counts for one locale file, as if `file.text`
/// were its text (an unsaved buffer, a candidate save), the rest of its
/// locale given as `context`, the project's `[check]` levels applied: only
/// findings about the file itself or its reference (messages it lacks) are
/// kept, and the counts are the file's (errors and warnings recounted after
/// the levels; nothing obsolete: that is a whole-locale matter). The one
/// per-file check, asked by the language server and serve alike.
pub fn check_one_file(
    locale: &str,
    langid: &LanguageIdentifier,
    file: LocaleFile,
    context: &Context,
    filter: Option<Filter>,
    levels: Option<&crate::project::check::CheckConfig>,
) -> (Counts, Vec<Finding>) {
    let own = file.display.clone();
    let reference = file.reference_display.clone();
    let files = [file];
    let (mut counts, mut findings) = check_locale_in(locale, langid, &files, context, filter);
    if let Some(levels) = levels {
        audit::relevel(&mut findings, levels);
    }
    findings.retain(|f| f.path == own || Some(&f.path) == reference.as_ref());
    let of = |s| findings.iter().filter(|f| f.severity == s).count();
    counts.errors = of(Severity::Error);
    counts.warnings = of(Severity::Warning);
    counts.obsolete = 0;
    (counts, findings)
}

/// The ids a Fluent text defines (terms as `-name`): what the other files of
/// a locale add to the scope of the one being checked, found in microseconds.
/// An entry starts at the start of a line with its identifier.
pub fn defined_ids(text: &str) -> Vec<&str> {
    text.lines()
        .filter_map(crate::ftl::blocks::entry_id)
        .collect()
}

/// What the rest of a locale adds to the scope of the files being checked:
/// the ids its other files define and those files' references. The
/// language server checks the file being edited with this, not the others.
#[derive(Debug, Default)]
pub struct Context<'a> {
    pub ids: Vec<&'a str>,
    pub references: Vec<&'a RefFile>,
    /// The project's glossary (`[glossary] files`), if any.
    pub glossary: Option<&'a rules::glossary::Glossary>,
    /// Only what can be an error is wanted (a build's findings): the rule
    /// families whose codes are all warnings or notes are not run
    /// ([`rules::WARNING_ONLY_FAMILIES`]).
    pub errors_only: bool,
    /// Translations may add or drop text-level elements (`<em>`, `<strong>`,
    /// `<span>`…) as Fluent's DOM overlays let them: Mozilla's apps and
    /// sites (`l10n.toml` projects). ftlkit's own build drops what the
    /// English lacks, so there every tag must match.
    pub text_level_markup: bool,
    /// A project of documents' page strings: each document's messages may
    /// use only their own file's and these ([`rules::Documents`]).
    pub documents: Option<&'a PageStrings>,
}

/// The page strings of a project of documents, each locale's and the
/// English's: the one file every page's messages may use besides their
/// document's own (see [`rules::Documents`]).
#[derive(Debug, Default)]
pub struct PageStrings {
    /// By locale: its page strings file as findings name it, and its ids.
    pub locales: HashMap<String, (String, rustc_hash::FxHashSet<String>)>,
    /// The ids of the source locale's page strings.
    pub english: rustc_hash::FxHashSet<String>,
}

/// Checks some files of one locale, the rest of the locale given as a
/// [`Context`].
pub fn check_locale_in<'a>(
    locale: &'a str,
    langid: &LanguageIdentifier,
    files: &'a [LocaleFile],
    context: &Context<'a>,
    filter: Option<Filter>,
) -> (Counts, Vec<Finding>) {
    let parsed = parse_locale_files(files);
    let scope = locale_scope(locale, langid, files, context, &parsed);
    check_parsed(&scope, files, &parsed, context, filter)
}

/// [`check_locale_in`] on some files of a locale checked as if they were
/// all of it (no [`Context`] ids or references), where that finds what
/// checking them among the locale's other files finds: when every message
/// and term they refer to is defined in them, and none of their entries is
/// on a reference cycle. Then the reference rules, the only ones that look
/// past an entry's own file and its reference, find nothing either way (a
/// cycle through these files' entries would be one among them, and found).
/// `None` otherwise, before any rule runs: the caller checks the whole
/// locale.
pub fn check_locale_alone<'a>(
    locale: &'a str,
    langid: &LanguageIdentifier,
    files: &'a [LocaleFile],
    context: &Context<'a>,
) -> Option<(Counts, Vec<Finding>)> {
    debug_assert!(context.ids.is_empty() && context.references.is_empty());
    let parsed = parse_locale_files(files);
    let scope = locale_scope(locale, langid, files, context, &parsed);
    alone(&scope, &parsed).then(|| check_parsed(&scope, files, &parsed, context, None))
}

/// Whether some files of a locale, checked as all of it, find what the
/// whole locale's check finds in them (see [`check_locale_alone`]).
fn alone(scope: &LocaleScope, parsed: &[Option<LocaleText>]) -> bool {
    scope.cyclic.is_empty()
        && rules::references::resolve_within(
            parsed
                .iter()
                .flatten()
                .flat_map(|t| t.parsed.resource.body.iter().zip(&t.uses))
                .filter_map(|(entry, uses)| Some((entry, uses.as_ref()?))),
            &scope.defined,
        )
}

/// Parses every file once; `None` where the locale lacks the file.
fn parse_locale_files<'a>(files: &'a [LocaleFile]) -> Vec<Option<LocaleText<'a>>> {
    files
        .par_iter()
        .map(|f| f.text.as_deref().map(parse_locale_file))
        .collect()
}

/// The rules on a locale's parsed files, in its scope.
fn check_parsed<'a>(
    scope: &LocaleScope<'a>,
    files: &'a [LocaleFile],
    parsed: &[Option<LocaleText<'a>>],
    context: &Context<'a>,
    filter: Option<Filter>,
) -> (Counts, Vec<Finding>) {
    let locale = scope.locale;
    let (mut counts, mut findings) = check_files(scope, files, parsed, filter);
    if !context.errors_only {
        let typos = rules::typos::misspelled_ids(files, &findings);
        findings.extend(typos);
        let translated = rules::consistency::translated(files, parsed);
        let one_plural_form = scope.plurals.categories.len() < 2;
        consistency(locale, one_plural_form, &translated, filter, &mut findings);
    }
    tally(&mut counts, &findings);
    (counts, findings)
}

/// Each file's rules ([`check_file`]): their counts (errors and warnings
/// not yet tallied) and findings.
fn check_files<'a>(
    scope: &LocaleScope<'a>,
    files: &'a [LocaleFile],
    parsed: &[Option<LocaleText<'a>>],
    filter: Option<Filter>,
) -> (Counts, Vec<Finding>) {
    let mut counts = Counts::default();
    let mut findings = Vec::new();
    for (file, parsed) in files.iter().zip(parsed) {
        let filter = FileFilter::new(filter, &file.display);
        counts.add(&check_file(
            scope,
            file,
            parsed.as_ref(),
            &filter,
            &mut findings,
        ));
    }
    (counts, findings)
}

/// The consistency rules on the locale's translated messages (all of them,
/// in the order of its files and entries), each note through its file's
/// `l10n.toml` filter as every finding.
fn consistency(
    locale: &str,
    one_plural_form: bool,
    translated: &[rules::consistency::Use],
    filter: Option<Filter>,
    findings: &mut Vec<Finding>,
) {
    let reused = rules::consistency::reused(locale, one_plural_form, translated);
    for note in rules::consistency::inconsistent(locale, translated)
        .into_iter()
        .chain(reused)
    {
        let path = note.path.clone();
        FileFilter::new(filter, &path).push(note, findings);
    }
}

/// Counts the errors and warnings among a locale's findings.
fn tally(counts: &mut Counts, findings: &[Finding]) {
    for f in findings {
        match f.severity {
            Severity::Error => counts.errors += 1,
            Severity::Warning => counts.warnings += 1,
            Severity::Info => {}
        }
    }
}

/// A locale checked a few documents at a time (issue 30: `check`'s memory
/// flat in the pages), each part's files on their own where that finds
/// what checking the whole locale does ([`ByDocuments::add`]); the rules
/// that compare the whole locale's messages with one another run once every
/// part is in ([`ByDocuments::finish`]): each part keeps a sketch of each
/// translation ([`rules::consistency::Sketch`]: hashes), and only the
/// messages whose groups may give a finding are read again
/// ([`ByDocuments::wanted`], [`translations_of`]).
#[derive(Default)]
pub struct ByDocuments {
    counts: Counts,
    sketches: Vec<rules::consistency::Sketch>,
}

impl ByDocuments {
    /// Checks some of a locale's files (those of some documents: a file and
    /// its reference together) as [`check_locale_alone`] does, with no
    /// `l10n.toml` filter, and returns their findings (not sorted), the
    /// counts kept. `orders`: each file's number among the whole locale's
    /// files; `words`: the parts of every id of the locale's English
    /// (`misspelled-id`, [`rules::typos::id_words_of`]). `None`, having
    /// kept nothing, where the locale must be checked whole.
    pub fn add<'a>(
        &mut self,
        locale: &'a str,
        langid: &LanguageIdentifier,
        files: &'a [LocaleFile],
        orders: &[usize],
        context: &Context<'a>,
        words: &rustc_hash::FxHashSet<&str>,
    ) -> Option<Vec<Finding>> {
        let parsed = parse_locale_files(files);
        let scope = locale_scope(locale, langid, files, context, &parsed);
        if !alone(&scope, &parsed) {
            return None;
        }
        let (mut counts, mut findings) = check_files(&scope, files, &parsed, None);
        if !context.errors_only {
            let typos = rules::typos::misspelled_ids_among(files, &findings, Some(words));
            findings.extend(typos);
            let mut uses = Vec::new();
            for ((file, text), &k) in files.iter().zip(&parsed).zip(orders) {
                if let Some(text) = text {
                    rules::consistency::translated_of(file, text, k, &mut uses);
                }
            }
            self.sketches.extend(uses.iter().map(|u| u.sketch()));
        }
        tally(&mut counts, &findings);
        self.counts.add(&counts);
        Some(findings)
    }

    /// The messages (file number, entry number; sorted) the consistency
    /// rules must read again: those whose groups may give a finding.
    pub fn wanted(&self, langid: &LanguageIdentifier) -> Vec<(usize, usize)> {
        let one_plural_form = rules::plural::Plurals::of(langid).categories.len() < 2;
        rules::consistency::may_find(&self.sketches, one_plural_form)
    }

    /// The locale's counts and the findings of the rules that compare its
    /// messages (not sorted), given the translations [`ByDocuments::wanted`]
    /// names ([`translations_of`]): with every part's, what
    /// [`check_locale_in`] gives on all its files at once.
    pub fn finish(
        mut self,
        locale: &str,
        langid: &LanguageIdentifier,
        mut wanted: Translations,
    ) -> (Counts, Vec<Finding>) {
        let mut findings = Vec::new();
        if !wanted.0.is_empty() {
            // In the whole locale's order, which says whose translation is a
            // group's first.
            wanted.0.sort_by_key(|u| u.order);
            let one_plural_form = rules::plural::Plurals::of(langid).categories.len() < 2;
            consistency(locale, one_plural_form, &wanted.0, None, &mut findings);
        }
        tally(&mut self.counts, &findings);
        (self.counts, findings)
    }
}

/// Translations the consistency rules compare, copied out of their files.
#[derive(Default)]
pub struct Translations(Vec<rules::consistency::Use<'static>>);

impl Translations {
    pub fn extend(&mut self, more: Translations) {
        self.0.extend(more.0);
    }
}

/// The translations of these files of a locale (`orders`: each file's
/// number among the locale's) that `wanted` names ([`ByDocuments::wanted`]).
pub fn translations_of(
    files: &[LocaleFile],
    orders: &[usize],
    wanted: &[(usize, usize)],
) -> Translations {
    let parsed = parse_locale_files(files);
    let mut uses = Vec::new();
    for ((file, text), &k) in files.iter().zip(&parsed).zip(orders) {
        if let Some(text) = text {
            rules::consistency::translated_of(file, text, k, &mut uses);
        }
    }
    Translations(
        uses.into_iter()
            .filter(|u| wanted.binary_search(&u.order).is_ok())
            .map(|u| u.into_owned())
            .collect(),
    )
}

/// A locale file parsed, with what each entry uses.
struct LocaleText<'t> {
    parsed: Parsed<'t>,
    /// Where it nests too deeply to parse, if it does.
    deep: Option<usize>,
    /// What each entry of the resource uses, in its order (`None` for
    /// comments and junk): walked once, for the cycle search and the rules.
    uses: Vec<Option<walk::Uses<'t>>>,
}

/// Parses a locale file. One nested too deeply is read as empty (and reported
/// by [`check_file`]), but keeps its text and lines for the other findings.
fn parse_locale_file(text: &str) -> LocaleText<'_> {
    let (parsed, deep) = match load::parse(text) {
        Ok(parsed) => (parsed, None),
        Err(TooDeep { at }) => {
            let mut parsed = load::parse("").expect("an empty text is not deep");
            parsed.text = text;
            parsed.lines = LineIndex::new(text);
            (parsed, Some(at))
        }
    };
    let uses = parsed
        .resource
        .body
        .iter()
        .map(|entry| view(entry).map(|v| uses_of(&v)))
        .collect();
    LocaleText { parsed, deep, uses }
}

/// What the whole locale tells each entry: the ids it and the reference
/// define, its reference cycles and its plural categories.
fn locale_scope<'a>(
    locale: &'a str,
    langid: &LanguageIdentifier,
    files: &'a [LocaleFile],
    context: &Context<'a>,
    parsed: &[Option<LocaleText<'a>>],
) -> LocaleScope<'a> {
    let resources = || parsed.iter().flatten().map(|t| &t.parsed.resource);
    // Sized up front: these hold every id of the locale and of its reference.
    // A message's id is borrowed from its file; only a term's (`-name`) is made.
    let mut defined = rustc_hash::FxHashSet::default();
    defined.reserve(resources().map(|r| r.body.len()).sum());
    defined.extend(
        resources().flat_map(|r| r.body.iter().filter_map(|e| entry_id(e).map(|(id, _)| id))),
    );
    defined.extend(context.ids.iter().map(|id| std::borrow::Cow::Borrowed(*id)));
    let references = || files.iter().filter_map(|f| f.reference);
    // Asked only of references the locale does not define (rare): each
    // reference file's index answers, no set of all their ids is made.
    let reference_files = references()
        .chain(context.references.iter().copied())
        .collect();
    let documents = context
        .documents
        .map(|pages| documents_scope(locale, pages, files, parsed));
    LocaleScope {
        locale,
        documents,
        plurals: rules::plural::Plurals::of(langid),
        typography: rules::typography::Profile::of(langid),
        glossary: context.glossary.filter(|g| !g.is_empty()),
        errors_only: context.errors_only,
        text_level_markup: context.text_level_markup,
        defined,
        reference_files,
        cyclic: rules::references::cyclic_ids(
            parsed
                .iter()
                .flatten()
                .flat_map(|t| t.parsed.resource.body.iter().zip(&t.uses))
                .filter_map(|(entry, uses)| Some((entry, uses.as_ref()?))),
        ),
    }
}

/// What a locale's documents may use ([`rules::Documents`]).
fn documents_scope<'a>(
    locale: &str,
    pages: &'a PageStrings,
    files: &'a [LocaleFile],
    parsed: &[Option<LocaleText<'a>>],
) -> rules::Documents<'a> {
    static NONE: std::sync::OnceLock<rustc_hash::FxHashSet<String>> = std::sync::OnceLock::new();
    let (page_display, page_ids) = match pages.locales.get(locale) {
        Some((display, ids)) => (display.as_str(), ids),
        None => ("", NONE.get_or_init(Default::default)),
    };
    let own = files
        .iter()
        .zip(parsed)
        .filter_map(|(f, t)| Some((f.display.as_str(), t.as_ref()?)))
        .map(|(display, t)| {
            let body = &t.parsed.resource.body;
            let ids = body.iter().filter_map(|e| entry_id(e).map(|(id, _)| id));
            (display, ids.collect())
        })
        .collect();
    rules::Documents {
        page_display,
        page_ids,
        english_page_ids: &pages.english,
        own,
    }
}

/// The `l10n.toml` filter of one file.
struct FileFilter<'f> {
    filter: Option<Filter<'f>>,
    display: &'f str,
    /// The answers for the file and for any key, when they do not depend on
    /// the key ([`Filter::by_file`]), once asked.
    answers: [std::cell::Cell<Option<FilterAction>>; 2],
}

impl<'f> FileFilter<'f> {
    fn new(filter: Option<Filter<'f>>, display: &'f str) -> Self {
        FileFilter {
            filter,
            display,
            answers: Default::default(),
        }
    }

    fn ask(&self, key: Option<&str>) -> FilterAction {
        let Some(filter) = self.filter else {
            return FilterAction::Error;
        };
        if !filter.by_file {
            return (filter.ask)(self.display, key);
        }
        let answer = &self.answers[usize::from(key.is_some())];
        answer.get().unwrap_or_else(|| {
            let action = (filter.ask)(self.display, key);
            answer.set(Some(action));
            action
        })
    }

    fn ignored(&self, id: &str) -> bool {
        self.ask(Some(id)) == FilterAction::Ignore
    }

    /// Keeps a finding unless the filter ignores it; a filter's warning
    /// demotes an error.
    fn push(&self, mut finding: Finding, findings: &mut Vec<Finding>) {
        match self.ask(finding.id.as_deref()) {
            FilterAction::Ignore => return,
            FilterAction::Warning if finding.severity == Severity::Error => {
                finding.severity = Severity::Warning;
            }
            _ => {}
        }
        findings.push(finding);
    }
}

/// Checks one file of the locale (`parsed` is `None` when the locale lacks
/// it). Returns its counts, empty when they do not count.
fn check_file(
    scope: &LocaleScope,
    file: &LocaleFile,
    parsed: Option<&LocaleText>,
    filter: &FileFilter,
    findings: &mut Vec<Finding>,
) -> Counts {
    let locale = scope.locale;
    let mut fc = Counts::default();
    let Some(reference) = file.reference else {
        // A file only the locale has: reported, its entries not counted.
        if file.text.is_some() && filter.ask(None) != FilterAction::Ignore {
            findings.push(presence::obsolete_file(locale, &file.display));
        }
        return fc;
    };
    for e in reference.entries.iter().filter(|e| !filter.ignored(&e.id)) {
        fc.messages += 1;
        fc.words += e.words;
    }
    let rd = file
        .reference_display
        .clone()
        .unwrap_or_else(|| reference.display.clone());
    if let Some(locale_text) = parsed {
        let parsed = &locale_text.parsed;
        let (text, lines) = (parsed.text, &parsed.lines);
        if let Some(at) = locale_text.deep {
            filter.push(
                syntax::too_deep_finding(text, at, &file.display, locale),
                findings,
            );
        }
        for f in syntax::syntax_findings(&parsed.errors, text, lines, &file.display, locale) {
            filter.push(f, findings);
        }
        for f in rules::templates::edited(file, reference, text, lines, locale) {
            filter.push(f, findings);
        }
        let seen = check_entries(scope, file, locale_text, filter, &mut fc, findings);
        // Seen is marked on an id's first entry: an id a buggy reference
        // defines twice is had by both or neither.
        let lacking = reference
            .entries
            .iter()
            .enumerate()
            .filter(|&(i, _)| seen.reference[reference.first_of(i)].is_none())
            .map(|(_, e)| e);
        report_missing(locale, &rd, lacking, filter, &mut fc, findings);
    } else if filter.ask(None) != FilterAction::Ignore {
        // A missing file: unless its filter ignores it, every entry is missing,
        // whatever the filters on keys say (compare-locales).
        for e in &reference.entries {
            fc.missing += 1;
            findings.push(presence::missing(locale, &rd, e));
        }
    }
    // As compare-locales: a file's numbers count unless its filter ignores "".
    if filter.ask(Some("")) == FilterAction::Ignore {
        return Counts::default();
    }
    fc
}

/// Reports the reference entries a present file lacks, as its filter says.
fn report_missing<'r>(
    locale: &str,
    rd: &str,
    lacking: impl Iterator<Item = &'r RefEntry>,
    filter: &FileFilter,
    fc: &mut Counts,
    findings: &mut Vec<Finding>,
) {
    for e in lacking {
        match filter.ask(Some(&e.id)) {
            FilterAction::Ignore => {}
            // A filter's warning: reported apart, not counted as missing.
            FilterAction::Warning => {
                let mut f = presence::missing(locale, rd, e);
                f.severity = Severity::Warning;
                findings.push(f);
            }
            FilterAction::Error => {
                fc.missing += 1;
                findings.push(presence::missing(locale, rd, e));
            }
        }
    }
}

/// The entries of a locale file seen so far, by id: where each was first.
struct Seen<'t> {
    /// By the number of the reference entry the id is (the first of an id
    /// the reference defines twice): a slot instead of a hash of the id, for
    /// nearly every entry.
    reference: Vec<Option<usize>>,
    /// The ids the reference does not have.
    others: HashMap<Cow<'t, str>, usize>,
}

/// Checks each entry of a parsed locale file against the reference. Returns
/// the ids seen, with the byte offset of each.
fn check_entries<'t>(
    scope: &LocaleScope,
    file: &LocaleFile,
    locale_text: &LocaleText<'t>,
    filter: &FileFilter,
    fc: &mut Counts,
    findings: &mut Vec<Finding>,
) -> Seen<'t> {
    let parsed = &locale_text.parsed;
    let mut seen = Seen {
        reference: vec![None; file.reference.map_or(0, |r| r.entries.len())],
        others: HashMap::default(),
    };
    // The reference entry after the last one found: most likely the next.
    let mut next = 0;
    let body = &parsed.resource.body;
    for (i, (entry, uses)) in body.iter().zip(&locale_text.uses).enumerate() {
        let Some((id, name)) = entry_id(entry) else {
            continue;
        };
        let (Some(v), Some(uses)) = (view(entry), uses) else {
            continue;
        };
        let offset = load::entry_offset(parsed.text, entry);
        let place = Place {
            locale: scope.locale,
            path: &file.display,
            id: &id,
            lines: &parsed.lines,
            span: offset..offset + name.len(),
            written: load::entry_text(parsed.text, body, i),
        };
        let found = file.reference.and_then(|r| r.get_near(&id, next));
        let first = match found {
            Some((at, _)) => seen.reference[at].replace(offset),
            None => seen.others.insert(id.clone(), offset),
        };
        if let Some(first) = first {
            let first_line = parsed.lines.position(first).0;
            filter.push(presence::duplicate(&place, first_line), findings);
            continue;
        }
        let Some((at, reference)) = found else {
            if !filter.ignored(&id) {
                fc.obsolete += 1;
                filter.push(presence::obsolete_message(&place), findings);
            }
            continue;
        };
        next = at + 1;
        let ctx = EntryContext::new(scope, file, place, entry, v, uses, reference);
        let problems = rules::silence::unignored(entry, rules::check_entry(&ctx));
        fc.identical += usize::from(problems.iter().any(|p| p.code == Code::Identical));
        for p in problems {
            filter.push(p, findings);
        }
        // Counted as the one model of a message's standing says (a file
        // without state records: translated, nobody asked for a review).
        let standing = file.state.as_ref().map(|st| {
            crate::standing::of_translation(st, ctx.id(), &reference.source, || ctx.source())
        });
        match standing {
            Some(crate::standing::OfTranslation::Stale { .. }) => fc.stale += 1,
            Some(crate::standing::OfTranslation::Translated { reviewed }) => {
                fc.translated += 1;
                fc.words_translated += reference.words;
                fc.unreviewed += usize::from(!reviewed);
            }
            None => {
                fc.translated += 1;
                fc.words_translated += reference.words;
            }
        }
    }
    seen
}

/// Groups findings by locale, for reporters.
pub fn by_locale(findings: &[Finding]) -> BTreeMap<&str, Vec<&Finding>> {
    let mut map: BTreeMap<&str, Vec<&Finding>> = BTreeMap::new();
    for f in findings {
        map.entry(f.locale.as_str()).or_default().push(f);
    }
    map
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_guessed_entry_is_the_one_the_index_gives() {
        let (file, _) = digest_entries("en/a.ftl", "a = one\nb = two\nc = three\n", "en");
        assert_eq!(
            file.get_near("b", 1).map(|(i, e)| (i, e.text.as_str())),
            Some((1, "two"))
        );
        // A wrong guess falls back on the index.
        assert_eq!(
            file.get_near("c", 0).map(|(i, e)| (i, e.text.as_str())),
            Some((2, "three"))
        );
        assert_eq!(file.get_near("a", 9).map(|(i, _)| i), Some(0));
        assert!(file.get_near("d", 2).is_none());
        // An id the reference defines twice is its first entry, as `get` says,
        // even when the guess points at the second.
        let (twice, _) = digest_entries("en/a.ftl", "a = one\nb = two\na = again\n", "en");
        assert_eq!(twice.get("a").map(|e| e.text.as_str()), Some("one"));
        assert_eq!(
            twice.get_near("a", 2).map(|(i, e)| (i, e.text.as_str())),
            Some((0, "one"))
        );
    }
}
