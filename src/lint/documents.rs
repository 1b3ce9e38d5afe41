//! `ftlkit check` on an `ftlkit.toml` project a few documents at a time
//! (issue 30: memory flat in the pages), its findings handed on in report
//! order, as `check` prints them, without holding a locale's.
//!
//! The English is digested [`DOCUMENTS_AT_ONCE`] files at a time: once for
//! its own findings, every id it defines and their words, then once for
//! each batch of locales, whose files of those documents are checked on
//! their own ([`lint::ByDocuments`]) and dropped. A locale whose files of
//! some documents refer outside them, or loop, is checked whole, as the
//! whole project's audit ([`audit::project_audit`]) checks it; the
//! consistency rules, which compare a locale's messages with one another,
//! keep a sketch of each translation (hashes) and read again, once the
//! locale is done, the files of those whose groups may give a finding.
//!
//! The documents go in the order of their files' paths, so a locale's
//! findings come sorted in two runs: those about its own files, and those
//! about the English files it lacks messages of (`missing-message`, whose
//! path is the English file's). Each run is written to an unnamed temporary
//! file as it comes ([`spill`]), and the two are merged, with the few the
//! locale's end adds (consistency, a missing folder), when the locale is
//! done: the findings are the whole audit's, in its order.

mod spill;

use super::audit::{self, Audit, Digested, Job, Pair, Sink, DOCUMENTS_AT_ONCE};
use crate::error::Result;
use crate::lint::{self, Counts, Finding, Severity};
use crate::project::Project;
use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// How many findings go to the sink at once.
const PART: usize = 4096;

/// [`audit::project_audit`] with every rule, its findings, with `extra`
/// ones (the English Markdown's broken links: not releveled, as `check`
/// adds them after), handed to `sink` in report order, a part at a time.
/// Returns the audit without findings or references, and the glossary
/// files' warnings.
pub fn project_check(
    project: &Project,
    locales: &[String],
    extra: Vec<Finding>,
    sink: &mut Sink,
) -> Result<(Audit, Vec<String>)> {
    let names = audit::reference_names(project)?;
    let mut targets = audit::project_locales(project, locales)?;
    targets.sort_unstable();
    let (glossary, warnings) =
        lint::rules::glossary::Glossary::load(&project.root, &project.glossary.files);
    let pages = audit::page_strings(project, targets.iter().copied())?;
    // Each batch of locales is given its own pairs: the job has none.
    let job = Job {
        glossary: Some(&glossary),
        documents: Some(&pages),
        ..Job::of(&[], &project.root, &project.source.id)
    };
    let source = |name: &String| project.ftl_path(&project.source.id, name);
    let mut references: Vec<PathBuf> = names.iter().map(source).collect();
    // In the order of their paths as text, which is their findings'.
    references.sort_by(|a, b| a.as_os_str().cmp(b.as_os_str()));
    let references: Vec<&PathBuf> = references.iter().collect();
    let english = English::read(&job, &references, project, extra)?;
    let chunks: Vec<&[&PathBuf]> = references.chunks(DOCUMENTS_AT_ONCE).collect();
    let mut out = Out {
        sink,
        about_reference: english.findings.into_iter().peekable(),
        audit: Audit::default(),
    };
    let batch = 2 * rayon::current_num_threads().max(1);
    for batch in targets.chunks(batch) {
        let mut pairs = Vec::new();
        for locale in batch {
            pairs.extend(audit::locale_pairs(project, locale, &names)?);
        }
        let locales = Locales::of(&pairs, &references);
        let words = english.words.iter().map(String::as_str).collect();
        let checked = check_batch(&job, project, &chunks, &locales, batch, &words)?;
        for (locale, checked) in batch.iter().zip(checked) {
            out.locale(locale, checked)?;
        }
    }
    let rest: Vec<Finding> = out.about_reference.collect();
    if !rest.is_empty() {
        (out.sink)(None, rest)?;
    }
    Ok((out.audit, warnings))
}

/// What the English files say on their own, read a chunk at a time.
struct English {
    /// Its findings (the project's levels applied) and `extra`, sorted.
    findings: Vec<Finding>,
    /// The parts of every id it defines (`misspelled-id`).
    words: FxHashSet<String>,
}

impl English {
    fn read(
        job: &Job,
        references: &[&PathBuf],
        project: &Project,
        extra: Vec<Finding>,
    ) -> Result<English> {
        let mut findings = Vec::new();
        let mut ids = FxHashSet::default();
        let mut gaps = Vec::new();
        for paths in references.chunks(DOCUMENTS_AT_ONCE) {
            let digested = audit::digest_files(paths, job.root, job.source_locale)?;
            for d in &digested {
                findings.extend(d.findings.iter().cloned());
                ids.extend(d.file.entries.iter().map(|e| e.id.clone()));
            }
            gaps.extend(lint::rules::references::reference_gaps(
                digested.iter().map(|d| (&d.file, d.text.as_str())),
                &|r| ids.contains(r),
                job.source_locale,
            ));
        }
        let defined: FxHashSet<&str> = ids.iter().map(String::as_str).collect();
        findings.extend(lint::rules::references::close_gaps(gaps, &defined));
        audit::relevel(&mut findings, &project.check);
        findings.extend(extra);
        findings.sort_by(audit::report_order);
        let words = lint::rules::typos::id_words_of(ids.iter().map(String::as_str));
        let words = words.into_iter().map(str::to_string).collect();
        Ok(English { findings, words })
    }
}

/// Each locale's files by chunk of documents.
struct Locales<'p> {
    /// The locales, sorted.
    names: Vec<&'p str>,
    /// By locale, by chunk (the last: files without a reference), each file
    /// with its number among the locale's files.
    files: BTreeMap<&'p str, Vec<Vec<(usize, &'p Pair)>>>,
    /// By locale, its pairs in the audit's order (for a whole check).
    pairs: BTreeMap<&'p str, Vec<&'p Pair>>,
}

impl<'p> Locales<'p> {
    fn of(pairs: &'p [Pair], references: &[&PathBuf]) -> Locales<'p> {
        let chunk_of: FxHashMap<&Path, usize> = references
            .iter()
            .enumerate()
            .map(|(k, path)| (path.as_path(), k / DOCUMENTS_AT_ONCE))
            .collect();
        let chunks = references.len().div_ceil(DOCUMENTS_AT_ONCE);
        let mut of = Locales {
            names: Vec::new(),
            files: BTreeMap::new(),
            pairs: BTreeMap::new(),
        };
        for p in pairs {
            let own = of.pairs.entry(p.locale.as_str()).or_default();
            let k = p
                .reference
                .as_ref()
                .map_or(chunks, |r| chunk_of[r.as_path()]);
            let by_chunk = of
                .files
                .entry(p.locale.as_str())
                .or_insert_with(|| vec![Vec::new(); chunks + 1]);
            by_chunk[k].push((own.len(), p));
            own.push(p);
        }
        of.names = of.pairs.keys().copied().collect();
        of
    }

    /// Whether the locale's files, in the order of their paths, come in the
    /// order of their chunks (their findings then come sorted, chunk after
    /// chunk): as they do where each is named as its English file is.
    fn in_order(&self, locale: &str) -> bool {
        let mut files: Vec<(&str, usize)> = self.files[locale]
            .iter()
            .enumerate()
            .flat_map(|(k, files)| files.iter().map(move |(_, p)| (p.display.as_str(), k)))
            .filter(|(_, k)| *k + 1 < self.files[locale].len())
            .collect();
        files.sort_unstable();
        files.windows(2).all(|w| w[0].1 <= w[1].1)
    }
}

/// A locale's findings so far, written away in their two sorted runs.
#[derive(Default)]
struct Checked {
    counts: Counts,
    /// Findings about the locale's files and about the English files, each
    /// run sorted.
    runs: [spill::Run; 2],
    /// The rest: the files without a reference, then the locale's end.
    held: Vec<Finding>,
}

impl Checked {
    /// A part's findings, the project's levels applied, put where they go.
    fn add(
        &mut self,
        mut findings: Vec<Finding>,
        project: &Project,
        english: Option<&FxHashSet<&str>>,
    ) -> Result<()> {
        audit::relevel(&mut findings, &project.check);
        for f in &findings {
            match f.severity {
                Severity::Error => self.counts.errors += 1,
                Severity::Warning => self.counts.warnings += 1,
                Severity::Info => {}
            }
        }
        let Some(english) = english else {
            self.held.extend(findings);
            return Ok(());
        };
        findings.sort_by(audit::report_order);
        let (about_english, own): (Vec<Finding>, Vec<Finding>) = findings
            .into_iter()
            .partition(|f| english.contains(f.path.as_str()));
        self.runs[0].push(&own)?;
        self.runs[1].push(&about_english)
    }
}

/// Some locales checked a chunk of documents at a time, each chunk's English
/// digested once for all of them.
fn check_batch(
    job: &Job,
    project: &Project,
    chunks: &[&[&PathBuf]],
    locales: &Locales,
    names: &[&str],
    words: &FxHashSet<&str>,
) -> Result<Vec<Checked>> {
    let mut parts: Vec<Option<lint::ByDocuments>> = names
        .iter()
        .map(|l| locales.in_order(l).then(Default::default))
        .collect();
    let mut checked: Vec<Checked> = names.iter().map(|_| Checked::default()).collect();
    // The last chunk: the locales' files without a reference.
    let paths = chunks.iter().copied().chain([&[][..]]);
    for (k, paths) in paths.enumerate() {
        if parts.iter().all(Option::is_none) {
            break;
        }
        let digested = audit::digest_files(paths, job.root, job.source_locale)?;
        let by_path: FxHashMap<&Path, &Digested> =
            digested.iter().map(|d| (d.path.as_path(), d)).collect();
        let english: FxHashSet<&str> = digested.iter().map(|d| d.file.display.as_str()).collect();
        let english = (k < chunks.len()).then_some(&english);
        parts
            .par_iter_mut()
            .zip(&mut checked)
            .zip(names)
            .try_for_each(|((part, checked), locale)| -> Result<()> {
                let Some(so_far) = part else { return Ok(()) };
                let files = &locales.files[locale][k];
                if files.is_empty() {
                    return Ok(());
                }
                let (orders, pairs): (Vec<usize>, Vec<&Pair>) = files.iter().copied().unzip();
                let read = audit::read_locale_files(&pairs, &by_path, true)?;
                let context = lint::Context {
                    glossary: job.glossary,
                    documents: job.documents,
                    ..Default::default()
                };
                let langid = crate::locale::language_of(locale);
                match so_far.add(locale, &langid, &read, &orders, &context, words) {
                    Some(findings) => checked.add(findings, project, english)?,
                    None => *part = None,
                }
                Ok(())
            })?;
    }
    let mut out = Vec::with_capacity(names.len());
    for ((part, checked), locale) in parts.into_iter().zip(checked).zip(names) {
        let pairs = &locales.pairs[locale];
        out.push(match part {
            Some(part) => {
                let wanted = part.wanted(&crate::locale::language_of(locale));
                let translations = read_again(job, pairs, &wanted)?;
                finish(part, translations, checked, project, locale)
            }
            None => whole(job, project, pairs, locale)?,
        });
    }
    Ok(out)
}

/// The translations `wanted` names (file number, entry number; sorted),
/// their files read again a chunk of documents at a time.
fn read_again(job: &Job, pairs: &[&Pair], wanted: &[(usize, usize)]) -> Result<lint::Translations> {
    let mut files: Vec<usize> = wanted.iter().map(|&(k, _)| k).collect();
    files.dedup();
    let mut translations = lint::Translations::default();
    for files in files.chunks(DOCUMENTS_AT_ONCE) {
        let pairs: Vec<&Pair> = files.iter().map(|&k| pairs[k]).collect();
        let paths = audit::reference_paths(pairs.iter().copied());
        let digested = audit::digest_files(&paths, job.root, job.source_locale)?;
        let by_path: FxHashMap<&Path, &Digested> =
            digested.iter().map(|d| (d.path.as_path(), d)).collect();
        let read = audit::read_locale_files(&pairs, &by_path, false)?;
        translations.extend(lint::translations_of(&read, files, wanted));
    }
    Ok(translations)
}

/// The locale's end: the rules that compare its messages, its folder.
fn finish(
    part: lint::ByDocuments,
    translations: lint::Translations,
    mut checked: Checked,
    project: &Project,
    locale: &str,
) -> Checked {
    let langid = crate::locale::language_of(locale);
    let (counts, found) = part.finish(locale, &langid, translations);
    let (errors, warnings) = (checked.counts.errors, checked.counts.warnings);
    checked.counts = Counts {
        errors,
        warnings,
        ..counts
    };
    let mut end = found;
    end.extend(audit::missing_folder(project, locale));
    // Never fails: no run to write.
    let _ = checked.add(end, project, None);
    checked
}

/// A locale checked whole, as the project's audit checks each.
fn whole(job: &Job, project: &Project, pairs: &[&Pair], locale: &str) -> Result<Checked> {
    let paths = audit::reference_paths(pairs.iter().copied());
    let digested = audit::digest_files(&paths, job.root, job.source_locale)?;
    let by_path: FxHashMap<&Path, &Digested> =
        digested.iter().map(|d| (d.path.as_path(), d)).collect();
    let (counts, mut findings) = audit::check_one(job, &by_path, locale, pairs)?;
    findings.extend(audit::missing_folder(project, locale));
    let mut checked = Checked {
        counts: Counts {
            errors: 0,
            warnings: 0,
            ..counts
        },
        ..Checked::default()
    };
    checked.add(findings, project, None)?;
    Ok(checked)
}

/// Where the findings go: the sink, the English's own put in their place.
struct Out<'s, 'k> {
    sink: &'s mut Sink<'k>,
    about_reference: std::iter::Peekable<std::vec::IntoIter<Finding>>,
    audit: Audit,
}

impl Out<'_, '_> {
    /// Hands on a locale's findings, after the English's of the locales
    /// sorting before it and with the English's of its own, merged in order.
    fn locale(&mut self, locale: &str, checked: Checked) -> Result<()> {
        let about_reference = &mut self.about_reference;
        let before: Vec<Finding> =
            std::iter::from_fn(|| about_reference.next_if(|f| f.locale.as_str() < locale))
                .collect();
        if !before.is_empty() {
            (self.sink)(None, before)?;
        }
        let Checked {
            mut counts,
            runs: [own, about_english],
            mut held,
        } = checked;
        held.extend(std::iter::from_fn(|| {
            about_reference.next_if(|f| f.locale.as_str() == locale)
        }));
        held.sort_by(audit::report_order);
        let mut merged = spill::Merge::new([own.read()?, about_english.read()?], held)?;
        let mut part = Vec::with_capacity(PART);
        while let Some(f) = merged.next()? {
            part.push(f);
            if part.len() == PART {
                (self.sink)(Some(&mut counts), std::mem::take(&mut part))?;
            }
        }
        (self.sink)(Some(&mut counts), part)?;
        self.audit.locales.push((locale.to_string(), counts));
        Ok(())
    }
}
