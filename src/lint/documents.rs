//! `ftlkit check` on an `ftlkit.toml` project a few documents at a time
//! (issue 30: memory flat in the pages), its findings handed on a locale
//! at a time in report order, as `check` prints them.
//!
//! The English is digested [`DOCUMENTS_AT_ONCE`] files at a time: once for
//! its own findings, every id it defines and their words, then once for
//! each batch of locales, whose files of those documents are checked on
//! their own ([`lint::ByDocuments`]) and dropped. A locale whose files of
//! some documents refer outside them, or loop, is checked whole, as the
//! whole project's audit ([`audit::project_audit`]) checks it; the
//! consistency rules, which compare a locale's messages with one another,
//! run on what each part kept of its translations. The findings are the
//! whole audit's, in its order.

use super::audit::{self, Audit, Digested, Job, Pair, Part, Sink, DOCUMENTS_AT_ONCE};
use crate::error::Result;
use crate::lint::{self, Counts, Finding};
use crate::project::Project;
use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// [`audit::project_audit`] with every rule, its findings, with `extra`
/// ones (the English Markdown's broken links: not releveled, as `check`
/// adds them after), handed to `sink` a locale at a time in report order.
/// Returns the audit without findings or references, and the glossary
/// files' warnings.
pub fn project_check(
    project: &Project,
    locales: &[String],
    extra: Vec<Finding>,
    sink: &mut Sink,
) -> Result<(Audit, Vec<String>)> {
    let pairs = audit::project_pairs(project, locales)?;
    let (glossary, warnings) =
        lint::rules::glossary::Glossary::load(&project.root, &project.glossary.files);
    let job = Job {
        pairs: &pairs,
        root: &project.root,
        source_locale: &project.source.id,
        filter: None,
        glossary: Some(&glossary),
        others: None,
        locales: &[],
        errors_only: false,
        text_level_markup: false,
        application_variables: false,
        counts_only: false,
    };
    let references = audit::reference_paths(pairs.iter());
    let english = English::read(&job, &references, project, extra)?;
    let mut about_reference = english.findings.into_iter().peekable();
    let words = lint::rules::typos::id_words_of(english.ids.iter().map(String::as_str));
    let chunks: Vec<&[&PathBuf]> = references.chunks(DOCUMENTS_AT_ONCE).collect();
    let locales = Locales::of(&pairs, &references);
    let mut audit = Audit::default();
    let batch = 2 * rayon::current_num_threads().max(1);
    for names in locales.names.chunks(batch) {
        let checked = check_batch(&job, &chunks, &locales, names, &words)?;
        for (locale, (mut counts, mut findings)) in names.iter().zip(checked) {
            if let Some(missing) = audit::missing_folder(project, locale) {
                counts.warnings += 1;
                findings.push(missing);
            }
            relevel_locale(&mut counts, &mut findings, &project.check);
            findings.sort_by(audit::report_order);
            Part {
                sink: &mut *sink,
                about_reference: &mut about_reference,
                locales: &mut audit.locales,
            }
            .locale(locale, counts, findings)?;
        }
    }
    let rest: Vec<Finding> = about_reference.collect();
    if !rest.is_empty() {
        sink(None, rest)?;
    }
    Ok((audit, warnings))
}

/// What the English files say on their own, read a chunk at a time.
struct English {
    /// Its findings (the project's levels applied) and `extra`, sorted.
    findings: Vec<Finding>,
    /// Every id it defines.
    ids: FxHashSet<String>,
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
        Ok(English { findings, ids })
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
}

/// Some locales checked a chunk of documents at a time, each chunk's English
/// digested once for all of them; their counts and findings (not sorted).
fn check_batch(
    job: &Job,
    chunks: &[&[&PathBuf]],
    locales: &Locales,
    names: &[&str],
    words: &FxHashSet<&str>,
) -> Result<Vec<(Counts, Vec<Finding>)>> {
    let mut parts: Vec<Option<lint::ByDocuments>> =
        names.iter().map(|_| Some(Default::default())).collect();
    // The last chunk: the locales' files without a reference.
    let paths = chunks.iter().copied().chain([&[][..]]);
    for (k, paths) in paths.enumerate() {
        if parts.iter().all(Option::is_none) {
            break;
        }
        let digested = audit::digest_files(paths, job.root, job.source_locale)?;
        let by_path: FxHashMap<&Path, &Digested> =
            digested.iter().map(|d| (d.path.as_path(), d)).collect();
        parts
            .par_iter_mut()
            .zip(names)
            .try_for_each(|(part, locale)| -> Result<()> {
                let Some(so_far) = part else { return Ok(()) };
                let files = &locales.files[locale][k];
                if files.is_empty() {
                    return Ok(());
                }
                let (orders, pairs): (Vec<usize>, Vec<&Pair>) = files.iter().copied().unzip();
                let read = audit::read_locale_files(&pairs, &by_path, true)?;
                let context = lint::Context {
                    glossary: job.glossary,
                    ..Default::default()
                };
                let langid = crate::locale::language_of(locale);
                if !so_far.add(locale, &langid, &read, &orders, &context, words) {
                    *part = None;
                }
                Ok(())
            })?;
    }
    let mut out = Vec::with_capacity(names.len());
    for (part, locale) in parts.into_iter().zip(names) {
        out.push(match part {
            Some(part) => part.finish(locale, &crate::locale::language_of(locale)),
            None => whole(job, &locales.pairs[locale], locale)?,
        });
    }
    Ok(out)
}

/// A locale checked whole, as the project's audit checks each.
fn whole(job: &Job, pairs: &[&Pair], locale: &str) -> Result<(Counts, Vec<Finding>)> {
    let paths = audit::reference_paths(pairs.iter().copied());
    let digested = audit::digest_files(&paths, job.root, job.source_locale)?;
    let by_path: FxHashMap<&Path, &Digested> =
        digested.iter().map(|d| (d.path.as_path(), d)).collect();
    audit::check_one(job, &by_path, locale, pairs)
}

/// [`audit::relevel`] on one locale's findings, its error and warning
/// counts kept true (as [`audit::relevel_audit`] does for a whole audit).
fn relevel_locale(
    counts: &mut Counts,
    findings: &mut Vec<Finding>,
    config: &crate::project::check::CheckConfig,
) {
    if config.is_empty() {
        return;
    }
    let tally = |findings: &[Finding]| {
        let of = |s| findings.iter().filter(|f| f.severity == s).count();
        (of(lint::Severity::Error), of(lint::Severity::Warning))
    };
    let (errors, warnings) = tally(findings);
    audit::relevel(findings, config);
    let (e, w) = tally(findings);
    counts.errors = (counts.errors + e).saturating_sub(errors);
    counts.warnings = (counts.warnings + w).saturating_sub(warnings);
}
