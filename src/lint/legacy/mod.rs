//! The files an `l10n.toml` project lists besides Fluent (Firefox's configs
//! list 113 `.properties` files, four `.ini`, older projects `.dtd`), read as
//! compare-locales reads them: per locale, missing and obsolete entities
//! counted as it counts them, and its checks of `.properties` strings (see
//! `properties.rs`), `.dtd` values (`dtd.rs`), Android `<string>`s
//! (`android_check.rs`) and of every format (U+FFFD, duplicate keys, unparsed
//! content). Formats ftlkit does not read (`.css`, `.js`) are named as
//! [`Unchecked`], never skipped silently.
//!
//! A locale at a time ([`Others::locale`]), each English file parsed once
//! ([`Others::new`]), so that the audit holds a few locales, not all.

pub mod android;
pub mod android_check;
pub mod css;
pub mod diff;
pub mod dtd;
pub mod ini;
pub mod plurals;
pub mod properties;
pub mod xml;

use super::Counts;
use crate::error::{Error, Result};
use crate::finding::{Code, Finding, Severity};
use crate::l10n_toml::{FilePair, FilterAction, ResolvedProject};
use rayon::prelude::*;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// One entity of a file: byte ranges of its key and value (inside the quotes
/// of a DTD), where it starts, and the comment glued to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entity {
    pub key: Range<usize>,
    pub value: Range<usize>,
    pub start: usize,
    pub comment: Option<Range<usize>>,
}

/// A file's entities in order, and what its parser could not read.
#[derive(Debug, Default)]
pub struct Parsed {
    pub entities: Vec<Entity>,
    pub junk: Vec<Range<usize>>,
}

#[cfg(test)]
impl Parsed {
    /// The entities' keys as `text` has them (the parsers' tests).
    pub fn keys<'t>(&self, text: &'t str) -> Vec<&'t str> {
        self.entities.iter().map(|e| &text[e.key.clone()]).collect()
    }
}

/// A problem a check found in an entity's value: its severity, the byte
/// offset in the value where it is, and what compare-locales says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    pub severity: Severity,
    pub offset: usize,
    pub message: String,
    pub code: Code,
}

impl Issue {
    /// A `printf-placeholder` problem.
    pub fn printf(severity: Severity, offset: usize, message: String) -> Self {
        Issue {
            severity,
            offset,
            message,
            code: Code::PrintfPlaceholder,
        }
    }

    /// A `plural-forms` problem.
    pub fn plural(severity: Severity, message: String) -> Self {
        Issue {
            severity,
            offset: 0,
            message,
            code: Code::PluralForms,
        }
    }

    /// An `unknown-escape` in the raw value.
    pub fn escape(offset: usize, message: String) -> Self {
        Issue {
            severity: Severity::Warning,
            offset,
            message,
            code: Code::UnknownEscape,
        }
    }
}

/// The formats read here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Properties,
    Ini,
    Dtd,
    /// Android's `strings*.xml`.
    Android,
}

impl Format {
    /// The format of a path compare-locales has a parser for (and ftlkit too).
    pub fn of(path: &Path) -> Option<Format> {
        // compare-locales' `strings.*\.xml$`, searched in the whole path.
        let whole = path.to_str()?;
        let android = whole.strip_suffix(".xml").and_then(|p| p.find("strings"));
        if android.is_some() {
            return Some(Format::Android);
        }
        match path.extension().and_then(|e| e.to_str())? {
            "properties" => Some(Format::Properties),
            "ini" => Some(Format::Ini),
            "dtd" => Some(Format::Dtd),
            _ => None,
        }
    }

    fn parse(self, text: &str) -> Parsed {
        match self {
            Format::Properties => properties::parse(text),
            Format::Ini => ini::parse(text),
            Format::Dtd => dtd::parse(text),
            Format::Android => android::parse(text),
        }
    }
}

/// `[ \t\r\n]+` at `at`: its end.
/// One format's grammar, as compare-locales' parser for it reads a file
/// (its regular expressions written out by hand); [`scan`] is the loop all
/// three formats share.
pub(crate) trait Grammar {
    /// Where a comment (glued to the entity below it unless a blank line
    /// parts them) starting at `at` ends.
    fn comment_at(&self, text: &str, at: usize) -> Option<usize>;
    /// An entity at `at`: its key, its value and where it ends.
    fn entity_at(&self, text: &str, at: usize) -> Option<(Range<usize>, Range<usize>, usize)>;
    /// Where junk starting at `at` ends.
    fn junk_end(&self, text: &str, at: usize) -> usize;
    /// Something read and dropped (an `.ini` section header): its end.
    fn skip_at(&self, _text: &str, _at: usize) -> Option<usize> {
        None
    }
    /// An entity only read where no comment or blank came first (a `.dtd`
    /// parameter entity).
    fn bare_entity_at(
        &self,
        _text: &str,
        _at: usize,
    ) -> Option<(Range<usize>, Range<usize>, usize)> {
        None
    }
    /// A comment starting before this offset that says `License` is the
    /// license header and stands alone.
    fn license_before(&self) -> usize;
}

/// Reads `text` from `first` with `grammar`: comments, blanks, entities and
/// junk, as compare-locales' parsers walk a file.
pub(crate) fn scan(text: &str, first: usize, grammar: &impl Grammar) -> Parsed {
    let bytes = text.as_bytes();
    let mut parsed = Parsed::default();
    let mut offset = first;
    while offset < bytes.len() {
        if let Some(end) = grammar.skip_at(text, offset) {
            offset = end;
            continue;
        }
        let start = offset;
        let comment = grammar.comment_at(text, offset);
        if let Some(end) = comment {
            let license =
                offset < grammar.license_before() && text[offset..end].contains("License");
            offset = end;
            if license {
                continue;
            }
        }
        let blank = blank_at(bytes, offset);
        if let Some(end) = blank {
            let newlines = bytes[offset..end].iter().filter(|&&b| b == b'\n').count();
            if comment.is_some() && newlines > 1 {
                continue; // a comment standing alone; the blank read again
            }
            offset = end;
            if comment.is_none() {
                continue;
            }
        }
        if let Some((key, value, end)) = grammar.entity_at(text, offset) {
            parsed.entities.push(Entity {
                key,
                value,
                start: offset,
                comment: comment.map(|end| start..end),
            });
            offset = end;
            continue;
        }
        if comment.is_some() || blank.is_some() {
            continue;
        }
        if let Some((key, value, end)) = grammar.bare_entity_at(text, start) {
            parsed.entities.push(Entity {
                key,
                value,
                start,
                comment: None,
            });
            offset = end;
            continue;
        }
        let end = grammar.junk_end(text, start);
        parsed.junk.push(start..end);
        offset = end;
    }
    parsed
}

pub(crate) fn blank_at(bytes: &[u8], at: usize) -> Option<usize> {
    let n = bytes[at.min(bytes.len())..]
        .iter()
        .take_while(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n'))
        .count();
    (n > 0).then_some(at + n)
}

/// The extension a non-Fluent file is named by in reports (`.properties`,
/// `.dtd`, `strings.xml` by its name).
pub fn format_of(path: &Path) -> String {
    match path.extension().and_then(|e| e.to_str()) {
        Some("xml") => path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("xml")
            .to_string(),
        Some(ext) => format!(".{ext}"),
        None => path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("?")
            .to_string(),
    }
}

/// A file a config lists that ftlkit does not read (`.css`, `.js`,
/// Android's `strings.xml`…): named in the reports, not counted.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Unchecked {
    pub locale: String,
    pub path: String,
    pub format: String,
}

/// A text as compare-locales reads it: invalid UTF-8 as U+FFFD, line ends
/// made `\n` (Python's universal newlines).
pub fn decode(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes);
    if !text.contains('\r') {
        return text.into_owned();
    }
    text.replace("\r\n", "\n").replace('\r', "\n")
}

/// An English file, parsed once for every locale.
struct Reference {
    format: Format,
    text: String,
    parsed: Parsed,
    /// Each key's entity (the last of its name, as compare-locales keeps).
    by_key: HashMap<String, usize>,
    /// For `.properties`, what the checks need of each entity.
    english: Vec<properties::English>,
    /// For `.dtd`, the entities its values reference (compare-locales'
    /// known entities).
    known: std::collections::BTreeSet<String>,
    /// Where it is shown from, and each entity's key's line and column:
    /// where `missing-message` points, as for Fluent.
    display: String,
    places: Vec<(usize, usize)>,
}

impl Reference {
    fn key(&self, e: &Entity) -> &str {
        &self.text[e.key.clone()]
    }

    /// An English file read and parsed, shown relative to `root`.
    fn read(path: &Path, root: &Path) -> Result<Reference> {
        let format = Format::of(path).unwrap_or(Format::Properties);
        let bytes = crate::fsutil::read_guarded(path)?;
        let text = decode(&bytes);
        let parsed = format.parse(&text);
        let by_key = parsed
            .entities
            .iter()
            .enumerate()
            .map(|(i, e)| (text[e.key.clone()].to_string(), i))
            .collect();
        let english = match format {
            Format::Properties => parsed
                .entities
                .iter()
                .map(|e| properties::English::of(e, &text))
                .collect(),
            _ => Vec::new(),
        };
        let known = match format {
            Format::Dtd => parsed
                .entities
                .iter()
                .flat_map(|e| dtd::references(&text[e.value.clone()]))
                .map(str::to_string)
                .collect(),
            _ => Default::default(),
        };
        let lines = crate::ftl::LineIndex::new(&text);
        let places = parsed
            .entities
            .iter()
            .map(|e| lines.position(e.key.start))
            .collect();
        Ok(Reference {
            display: crate::l10n_toml::relative_path(path, root),
            format,
            text,
            parsed,
            by_key,
            english,
            known,
            places,
        })
    }
}

/// The other files of an `l10n.toml` project, ready to be compared a locale
/// at a time.
pub struct Others<'p> {
    project: &'p ResolvedProject,
    root: PathBuf,
    by_locale: BTreeMap<&'p str, Vec<&'p FilePair>>,
    references: HashMap<&'p Path, Reference>,
    by_key: bool,
}

impl<'p> Others<'p> {
    /// Parses the English of every file in a format read here (in
    /// parallel), and names the files in other formats.
    pub fn new(project: &'p ResolvedProject, root: &Path) -> Result<(Self, Vec<Unchecked>)> {
        let (read, others): (Vec<&FilePair>, Vec<&FilePair>) = project
            .other
            .iter()
            .partition(|p| Format::of(&p.l10n).is_some());
        let unchecked = others
            .iter()
            .map(|p| Unchecked {
                locale: p.locale.clone(),
                path: crate::l10n_toml::relative_path(&p.l10n, root),
                format: format_of(&p.l10n),
            })
            .collect();
        let paths: HashSet<&Path> = read.iter().filter_map(|p| p.reference.as_deref()).collect();
        let references = paths
            .into_par_iter()
            .map(|path| Ok((path, Reference::read(path, root)?)))
            .collect::<Result<_>>()?;
        let mut by_locale: BTreeMap<&str, Vec<&FilePair>> = BTreeMap::new();
        for p in read {
            by_locale.entry(p.locale.as_str()).or_default().push(p);
        }
        let others = Others {
            project,
            root: root.to_path_buf(),
            by_locale,
            references,
            by_key: project.has_key_rules(),
        };
        Ok((others, unchecked))
    }

    /// One locale's counts and findings in these files.
    pub fn locale(&self, locale: &str) -> Result<(Counts, Vec<Finding>)> {
        let mut counts = Counts::default();
        let mut findings = Vec::new();
        for pair in self.by_locale.get(locale).into_iter().flatten() {
            let Some(reference) = pair
                .reference
                .as_deref()
                .and_then(|r| self.references.get(r))
            else {
                continue;
            };
            counts.add(&self.file(pair, reference, &mut findings)?);
        }
        count_levels(&mut counts, &findings);
        Ok((counts, findings))
    }

    /// One file against its English, as compare-locales' `compare` (or,
    /// for a missing file, `add`) counts and checks it.
    fn file(
        &self,
        pair: &FilePair,
        reference: &Reference,
        findings: &mut Vec<Finding>,
    ) -> Result<Counts> {
        let text = match crate::fsutil::read_guarded(&pair.l10n) {
            Ok(bytes) => decode(&bytes),
            Err(Error::Io { source, .. }) if source.kind() == std::io::ErrorKind::NotFound => {
                return Ok(self.absent(pair, reference, findings));
            }
            Err(e) => return Err(e),
        };
        Ok(self.compare(pair, reference, &text, findings))
    }

    /// A file the locale lacks: compare-locales counts its English's
    /// entities missing, repeated keys too.
    fn absent(
        &self,
        pair: &FilePair,
        reference: &Reference,
        findings: &mut Vec<Finding>,
    ) -> Counts {
        let mut counts = Counts {
            messages: reference.by_key.len(),
            ..Counts::default()
        };
        match self.project.filter_for(&pair.locale, &pair.l10n, None) {
            FilterAction::Ignore => counts.messages = 0,
            _ => {
                counts.missing = reference.parsed.entities.len();
                findings.extend(
                    (0..reference.parsed.entities.len())
                        .map(|i| missing(&pair.locale, reference, i, Severity::Info)),
                );
            }
        }
        counts
    }

    /// A file's `text` (decoded as compare-locales decodes) against its English.
    fn compare(
        &self,
        pair: &FilePair,
        reference: &Reference,
        text: &str,
        findings: &mut Vec<Finding>,
    ) -> Counts {
        let ask = |key: Option<&str>| self.project.filter_for(&pair.locale, &pair.l10n, key);
        let mut counts = Counts {
            messages: reference.by_key.len(),
            ..Counts::default()
        };
        let parsed = reference.format.parse(text);
        let display = crate::l10n_toml::relative_path(&pair.l10n, &self.root);
        let file = FileCheck {
            locale: &pair.locale,
            display: &display,
            text,
            lines: crate::ftl::LineIndex::new(text),
            replaced: text.contains('\u{FFFD}'),
        };
        // Without rules on keys, every key's answer is the file's: asked once.
        let file_answer = (!self.by_key).then(|| ask(Some("")));
        let answer = |key: &str| file_answer.unwrap_or_else(|| ask(Some(key)));
        let mut own: HashMap<&str, usize> = HashMap::default();
        for (i, e) in parsed.entities.iter().enumerate() {
            own.insert(&text[e.key.clone()], i);
        }
        let mut found = Vec::new();
        file.duplicates(&parsed, Severity::Error, &mut found);
        file.about_english(reference, &mut found);
        let mut seen: HashSet<&str> = HashSet::default();
        for (n, e) in reference.parsed.entities.iter().enumerate() {
            let key = reference.key(e);
            if !seen.insert(key) {
                continue;
            }
            match (own.get(key), answer(key)) {
                (Some(&i), _) => {
                    counts.translated += 1;
                    let ours = &parsed.entities[i];
                    file.check(reference, reference.by_key[key], ours, &mut found);
                }
                (None, FilterAction::Error) => {
                    counts.missing += 1;
                    findings.push(missing(&pair.locale, reference, n, Severity::Info));
                }
                // A filter's warning: reported apart, not counted as missing.
                (None, FilterAction::Warning) => {
                    findings.push(missing(&pair.locale, reference, n, Severity::Warning));
                }
                (None, FilterAction::Ignore) => {}
            }
        }
        // Each key the English lacks, once (where it is last, as compare-locales keeps it).
        for (i, e) in parsed.entities.iter().enumerate() {
            let key = &text[e.key.clone()];
            if own[key] == i
                && !reference.by_key.contains_key(key)
                && answer(key) != FilterAction::Ignore
            {
                counts.obsolete += 1;
                findings.push(file.obsolete(e));
            }
        }
        for junk in &parsed.junk {
            found.push(file.junk(junk.clone()));
        }
        // As compare-locales asks its filter about each error and warning.
        findings.extend(found.into_iter().filter(|f| {
            let key = f.message.as_str();
            (if self.by_key {
                ask(Some(key))
            } else {
                answer(key)
            }) != FilterAction::Ignore
        }));
        counts
    }
}

/// `check`'s findings and counts for one non-Fluent file of an `l10n.toml`
/// project (`pair`, one of `project.other`) as if `text` were its text (an
/// editor's unsaved buffer), its English read from disk: the per-file entry
/// of these formats, as [`crate::lint::check_one_file`] is Fluent's. `None`
/// for a format ftlkit does not read.
pub fn check_one_file(
    project: &ResolvedProject,
    root: &Path,
    pair: &FilePair,
    text: &str,
) -> Result<Option<(Counts, Vec<Finding>)>> {
    let (Some(_), Some(english)) = (Format::of(&pair.l10n), pair.reference.as_deref()) else {
        return Ok(None);
    };
    let reference = Reference::read(english, root)?;
    let others = Others {
        project,
        root: root.to_path_buf(),
        by_locale: BTreeMap::new(),
        references: HashMap::default(),
        by_key: project.has_key_rules(),
    };
    let mut findings = Vec::new();
    let mut counts = others.compare(pair, &reference, &decode(text.as_bytes()), &mut findings);
    count_levels(&mut counts, &findings);
    Ok(Some((counts, findings)))
}

/// Errors and warnings counted from findings.
fn count_levels(counts: &mut Counts, findings: &[Finding]) {
    for f in findings {
        match f.severity {
            Severity::Error => counts.errors += 1,
            Severity::Warning => counts.warnings += 1,
            Severity::Info => {}
        }
    }
}

/// An English entity a locale lacks (entity number `n`), reported in the
/// English file as Fluent's missing messages are.
fn missing(locale: &str, reference: &Reference, n: usize, severity: Severity) -> Finding {
    let e = &reference.parsed.entities[n];
    let key = reference.key(e);
    let (line, column) = reference.places[n];
    Finding {
        code: Code::MissingMessage,
        severity,
        locale: locale.to_string(),
        path: reference.display.clone(),
        line,
        column,
        id: Some(key.to_string()),
        message: format!("`{key}` is not translated yet"),
        previous: None,
        span: e.key.clone(),
    }
}

/// A locale file being checked: where findings about it point.
struct FileCheck<'a> {
    locale: &'a str,
    display: &'a str,
    text: &'a str,
    lines: crate::ftl::LineIndex<'a>,
    /// Whether the text has a U+FFFD at all.
    replaced: bool,
}

impl<'a> FileCheck<'a> {
    fn clone_with_lines(&self, text: &'a str) -> FileCheck<'a> {
        FileCheck {
            locale: self.locale,
            display: self.display,
            text,
            lines: crate::ftl::LineIndex::new(text),
            replaced: text.contains('\u{FFFD}'),
        }
    }

    /// A finding at byte `at` of the file.
    fn at(
        &self,
        code: Code,
        severity: Severity,
        at: usize,
        id: Option<&str>,
        message: String,
    ) -> Finding {
        let at = at.min(self.text.len());
        let (line, column) = self.lines.position(at);
        let end = self.text[at..]
            .chars()
            .next()
            .map_or(at, |c| at + c.len_utf8());
        Finding {
            code,
            severity,
            locale: self.locale.to_string(),
            path: self.display.to_string(),
            line,
            column,
            id: id.map(str::to_string),
            message,
            previous: None,
            span: at..end,
        }
    }

    /// The English's own problems, which compare-locales reports on the
    /// locale's file: keys it defines twice (warnings), what its parser
    /// could not read.
    fn about_english(&self, reference: &Reference, out: &mut Vec<Finding>) {
        let english = FileCheck {
            text: &reference.text,
            ..self.clone_with_lines(&reference.text)
        };
        let mut twice = Vec::new();
        english.duplicates(&reference.parsed, Severity::Warning, &mut twice);
        out.extend(twice.into_iter().map(|f| Finding {
            path: self.display.to_string(),
            line: 0,
            column: 0,
            ..f
        }));
        for _ in &reference.parsed.junk {
            let message = "Parser error in en-US".to_string();
            out.push(self.at(Code::SyntaxError, Severity::Warning, 0, None, message));
        }
    }

    /// An entity the English does not have.
    fn obsolete(&self, e: &Entity) -> Finding {
        let key = &self.text[e.key.clone()];
        let message = format!("`{key}` is not in the reference any more, so nothing shows it");
        self.at(
            Code::ObsoleteMessage,
            Severity::Info,
            e.key.start,
            Some(key),
            message,
        )
    }

    /// compare-locales' `findDuplicates`: each key defined more than once.
    fn duplicates(&self, parsed: &Parsed, severity: Severity, out: &mut Vec<Finding>) {
        let mut seen: HashMap<&str, (usize, usize)> = HashMap::default();
        for e in &parsed.entities {
            let entry = seen
                .entry(&self.text[e.key.clone()])
                .or_insert((e.key.start, 0));
            entry.0 = e.key.start;
            entry.1 += 1;
        }
        let mut repeated: Vec<(&str, (usize, usize))> =
            seen.into_iter().filter(|(_, (_, n))| *n > 1).collect();
        repeated.sort_by_key(|(_, (at, _))| *at);
        for (key, (at, n)) in repeated {
            out.push(self.at(
                Code::DuplicateId,
                severity,
                at,
                Some(key),
                format!("{key} occurs {n} times"),
            ));
        }
    }

    /// Unparsed content: compare-locales' message for it.
    fn junk(&self, span: Range<usize>) -> Finding {
        let (line, column) = self.lines.position(span.start);
        let (end_line, end_column) = self.lines.position(span.end);
        let message = format!(
            "Unparsed content \"{}\" from line {line} column {column} to line {end_line} column {end_column}",
            &self.text[span.clone()]
        );
        Finding {
            span: span.clone(),
            ..self.at(
                Code::SyntaxError,
                Severity::Error,
                span.start,
                None,
                message,
            )
        }
    }

    /// The checks of an entity both files have: U+FFFD (every format), then
    /// the `.properties`, `.dtd` or `strings.xml` ones.
    fn check(&self, reference: &Reference, theirs: usize, ours: &Entity, out: &mut Vec<Finding>) {
        let key = &self.text[ours.key.clone()];
        let whole = ours.comment.as_ref().map_or(ours.start, |c| c.start)..ours.value.end;
        let replaced = self.replaced.then_some(&self.text[whole.clone()]);
        for (i, _) in replaced
            .into_iter()
            .flat_map(|t| t.match_indices('\u{FFFD}'))
        {
            out.push(self.at(
                Code::ReplacementCharacter,
                Severity::Warning,
                whole.start + i,
                Some(key),
                format!("\u{FFFD} in: {key}"),
            ));
        }
        let issues = match reference.format {
            Format::Properties => {
                properties::check(self.locale, &reference.english[theirs], ours, self.text)
            }
            Format::Dtd => {
                let english = &reference.parsed.entities[theirs];
                let english = &reference.text[english.value.clone()];
                dtd::check(&reference.known, english, &self.text[ours.value.clone()])
            }
            Format::Android => {
                let english = &reference.parsed.entities[theirs];
                android_check::check(&reference.text, english, self.text, ours)
            }
            Format::Ini => return,
        };
        for issue in issues {
            let at = (ours.value.start + issue.offset).min(ours.value.end);
            out.push(self.at(issue.code, issue.severity, at, Some(key), issue.message));
        }
    }
}
