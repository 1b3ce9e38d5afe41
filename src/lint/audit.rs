//! The disk side of `status` and `check`: which files to compare (our project's
//! layout or an `l10n.toml`), read in parallel, each reference digested once,
//! then one [`lint::check_locale`] per locale on both cores.

use crate::error::{Error, Result};
use crate::ftl::blocks::TEMPLATE_MARK;
use crate::lint::{self, Code, Counts, Finding, LocaleFile, RefFile};
use crate::project::Project;
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// One locale's file and its reference.
#[derive(Debug, Clone)]
pub struct Pair {
    pub locale: String,
    pub reference: Option<PathBuf>,
    pub l10n: PathBuf,
    pub display: String,
    /// The stale-tracking records of this locale file, if the project keeps them.
    pub state: Option<PathBuf>,
}

/// A filter over (locale, display path, key), as `l10n.toml` filters answer.
pub type LocaleFilter<'a> = dyn Fn(&str, &str, Option<&str>) -> lint::FilterAction + Sync + 'a;

/// The filter of a whole project: its answers, and whether they depend on an
/// entry's key only through whether there is one (see [`lint::Filter`]).
#[derive(Clone, Copy)]
pub struct ProjectFilter<'a> {
    pub ask: &'a LocaleFilter<'a>,
    pub by_file: bool,
}

/// The result of auditing every locale.
#[derive(Debug, Default)]
pub struct Audit {
    /// Per locale, sorted by locale id.
    pub locales: Vec<(String, Counts)>,
    /// Sorted by locale, path, line, column.
    pub findings: Vec<Finding>,
    /// The digested reference files, by display path (their entries; the
    /// `templates`, which only the check of a locale file needs, left empty).
    pub references: BTreeMap<String, RefFile>,
    /// Files an `l10n.toml` config lists in formats ftlkit does not read
    /// (`.ini`, `.dtd`, Android's `strings.xml`…): named, not counted.
    /// (`.properties` files are counted into [`Audit::locales`].)
    pub unchecked: Vec<lint::legacy::Unchecked>,
}

impl Audit {
    /// The English (reference) text of the entry a finding is about.
    /// The reference's message as Fluent source (value and attributes, with
    /// its placeables and selectors), what a translator has to translate.
    pub fn reference_text(&self, finding: &Finding) -> Option<&str> {
        self.reference_entry(finding).map(|e| e.source.as_str())
    }

    /// The comment the reference has for the finding's message, if any.
    pub fn reference_note(&self, finding: &Finding) -> Option<&str> {
        self.reference_entry(finding)
            .map(|e| e.note.as_str())
            .filter(|n| !n.is_empty())
    }

    fn reference_entry(&self, finding: &Finding) -> Option<&lint::RefEntry> {
        let id = finding.id.as_deref()?;
        // Missing messages point at the reference; others at the locale file.
        match self.references.get(&finding.path) {
            Some(r) => r.get(id),
            None => self.references.values().find_map(|r| r.get(id)),
        }
    }
}

use crate::project::files::ftl_names;

/// The pairs of our own layout: every `.ftl` of the source locale, per target.
pub fn project_pairs(project: &Project, only: &[String]) -> Result<Vec<Pair>> {
    let reference = reference_names(project)?;
    let mut pairs = Vec::new();
    for locale in project_locales(project, only)? {
        pairs.extend(locale_pairs(project, locale, &reference)?);
    }
    Ok(pairs)
}

/// The names of the source locale's `.ftl` files (an error if it has none).
pub(super) fn reference_names(project: &Project) -> Result<std::collections::BTreeSet<String>> {
    let reference = ftl_names(&project.locales_dir.join(&project.source.id))?;
    if reference.is_empty() {
        return Err(Error::file(
            project.locales_dir.join(&project.source.id),
            "the source locale has no .ftl files: run `ftlkit extract` first",
        ));
    }
    Ok(reference)
}

/// The target locales checked: those named in `only` (each one the
/// project's), else all, in the project's order.
pub(super) fn project_locales<'p>(project: &'p Project, only: &[String]) -> Result<Vec<&'p str>> {
    for id in only {
        if project.locale(id).is_none() {
            return Err(project.unknown_locale(id));
        }
    }
    Ok(project
        .targets
        .iter()
        .filter(|l| only.is_empty() || only.contains(&l.id))
        .map(|l| l.id.as_str())
        .collect())
}

/// One target locale's pairs: the source locale's files and its own.
pub(super) fn locale_pairs(
    project: &Project,
    locale: &str,
    reference: &std::collections::BTreeSet<String>,
) -> Result<Vec<Pair>> {
    let own = ftl_names(&project.locales_dir.join(locale))?;
    Ok(reference
        .union(&own)
        .map(|name| pair(project, locale, name, reference.contains(name)))
        .collect())
}

/// Locale `locale`'s file `name` (`.ftl` under its folder), with the source
/// locale's when `has_reference`.
fn pair(project: &Project, locale: &str, name: &str, has_reference: bool) -> Pair {
    let l10n = project.ftl_path(locale, name);
    Pair {
        locale: locale.to_string(),
        reference: has_reference.then(|| project.ftl_path(&project.source.id, name)),
        display: l10n
            .strip_prefix(&project.root)
            .unwrap_or(&l10n)
            .display()
            .to_string(),
        state: Some(crate::state::StateFile::path(&project.root, locale, name)),
        l10n,
    }
}

/// Warns about each project locale whose folder under `locales/` does not exist
/// (a typo in `ftlkit.toml`, or `FR` for `fr`): otherwise it would only show as
/// every message missing.
pub fn note_missing_folders(audit: &mut Audit, project: &Project) {
    for (locale, counts) in &mut audit.locales {
        if let Some(finding) = missing_folder(project, locale) {
            counts.warnings += 1;
            audit.findings.push(finding);
        }
    }
    audit.findings.sort_by(report_order);
}

/// [`note_missing_folders`]'s warning for one locale, if its folder is missing.
pub(super) fn missing_folder(project: &Project, locale: &str) -> Option<Finding> {
    let dir = project.locales_dir.join(locale);
    if dir.is_dir() {
        return None;
    }
    let near = std::fs::read_dir(&project.locales_dir)
        .ok()
        .and_then(|entries| {
            entries
                .flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .find(|name| name.eq_ignore_ascii_case(locale) || name.replace('_', "-") == *locale)
        });
    let hint = match near {
        Some(name) => format!("there is `{name}`: rename it to `{locale}`"),
        None => {
            format!("`ftlkit init {locale}` creates it, or remove `{locale}` from ftlkit.toml")
        }
    };
    let path = dir
        .strip_prefix(&project.root)
        .unwrap_or(&dir)
        .display()
        .to_string();
    Some(Finding {
        code: Code::MissingFolder,
        severity: lint::rules::level(Code::MissingFolder),
        locale: locale.to_string(),
        message: format!(
            "the folder `{path}` does not exist, so every message counts as missing; {hint}"
        ),
        path,
        line: 0,
        column: 0,
        id: None,
        previous: None,
        span: 0..0,
    })
}

/// Adds a warning per broken relative link, image or anchor of the English
/// Markdown ([`lint::content`]), unless only some locales are checked.
pub fn note_broken_links(audit: &mut Audit, project: &Project) -> Result<()> {
    audit.findings.extend(lint::content::broken_links(project)?);
    audit.findings.sort_by(report_order);
    Ok(())
}

/// Reads, digests and checks. Reference paths are shown relative to `root`.
pub fn audit(
    pairs: &[Pair],
    root: &Path,
    source_locale: &str,
    filter: Option<ProjectFilter>,
) -> Result<Audit> {
    audit_with(pairs, root, source_locale, filter, None)
}

/// How much of `check` a project audit runs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Depth {
    /// Every rule: `ftlkit check`, `status`.
    #[default]
    Everything,
    /// What can be an error (a build's findings): the rule families whose
    /// codes are all warnings or notes are left out, unless the project's
    /// `[check]` levels might make one of theirs an error. Without such
    /// levels the audit holds a few documents at a time, has only the
    /// errors and no `references` (see `audit_by_documents`).
    ErrorsOnly,
}

/// `ftlkit check`'s audit of an `ftlkit.toml` project, the one place it is
/// put together: every target locale (or those named), with the project's
/// glossary and `[check]` levels, the locale folders that do not exist
/// noted. Returns the glossary files' warnings beside it.
pub fn project_audit(
    project: &Project,
    locales: &[String],
    depth: Depth,
) -> Result<(Audit, Vec<String>)> {
    let (glossary, warnings) =
        lint::rules::glossary::Glossary::load(&project.root, &project.glossary.files);
    let errors_only = depth == Depth::ErrorsOnly && project.check.is_empty();
    if errors_only {
        // A build's: a chunk of documents at a time, each chunk's pairs made for it.
        reference_names(project)?;
        let targets = project_locales(project, locales)?;
        let pages = page_strings(project, targets.iter().copied())?;
        let job = Job {
            glossary: Some(&glossary),
            errors_only,
            documents: Some(&pages),
            ..Job::of(&[], &project.root, &project.source.id)
        };
        let mut audit = project_by_documents(project, &job, &targets)?;
        note_missing_folders(&mut audit, project);
        relevel_audit(&mut audit, &project.check);
        return Ok((audit, warnings));
    }
    let pairs = project_pairs(project, locales)?;
    let pages = page_strings(project, pairs.iter().map(|p| p.locale.as_str()))?;
    let job = Job {
        glossary: Some(&glossary),
        errors_only,
        documents: Some(&pages),
        ..Job::of(&pairs, &project.root, &project.source.id)
    };
    let mut audit = audit_in(&job)?;
    note_missing_folders(&mut audit, project);
    relevel_audit(&mut audit, &project.check);
    Ok((audit, warnings))
}

/// [`audit`] with the project's glossary.
pub fn audit_with(
    pairs: &[Pair],
    root: &Path,
    source_locale: &str,
    filter: Option<ProjectFilter>,
    glossary: Option<&lint::rules::glossary::Glossary>,
) -> Result<Audit> {
    audit_in(&Job {
        filter,
        glossary,
        ..Job::of(pairs, root, source_locale)
    })
}

/// The audit `job` asks for, its findings collected; only the rules that
/// can make errors when `errors_only` (see [`Depth::ErrorsOnly`]).
fn audit_in(job: &Job) -> Result<Audit> {
    if job.errors_only && job.filter.is_none() {
        return audit_by_documents(job);
    }
    let mut findings = Vec::new();
    let mut audit = audit_streamed(job, &mut |_, part| {
        findings.extend(part);
        Ok(())
    })?;
    audit.findings = findings;
    Ok(audit)
}

/// What a locale has besides its Fluent files (an `l10n.toml` project's
/// `.properties`, `.ini`, `.dtd` and `strings.xml` files): their counts and
/// findings, for one locale.
pub type Others<'a> = dyn Fn(&str) -> Result<(Counts, Vec<Finding>)> + Sync + 'a;

/// What an audit compares: the Fluent pairs, where paths are shown from, the
/// reference's locale, the project's filter and glossary, the other files
/// (per locale) and the locales that get a row even without Fluent files.
#[derive(Clone, Copy)]
pub struct Job<'a> {
    pub pairs: &'a [Pair],
    pub root: &'a Path,
    pub source_locale: &'a str,
    pub filter: Option<ProjectFilter<'a>>,
    pub glossary: Option<&'a lint::rules::glossary::Glossary>,
    pub others: Option<&'a Others<'a>>,
    pub locales: &'a [String],
    /// Only the rule families that can make errors (a build's audit).
    pub errors_only: bool,
    /// See [`lint::Context::text_level_markup`].
    pub text_level_markup: bool,
    /// An `l10n.toml` project: the application passes the variables (see
    /// [`application_passes_variables`]).
    pub application_variables: bool,
    /// Only the counts are wanted (`status`): each locale's findings are
    /// dropped on the thread that made them, never handed to the sink.
    pub counts_only: bool,
    /// A project of documents' page strings (`other-document-reference`).
    pub documents: Option<&'a lint::PageStrings>,
}

impl<'a> Job<'a> {
    /// The job of comparing these files, every rule, nothing else set.
    pub fn of(pairs: &'a [Pair], root: &'a Path, source_locale: &'a str) -> Job<'a> {
        Job {
            pairs,
            root,
            source_locale,
            filter: None,
            glossary: None,
            others: None,
            locales: &[],
            errors_only: false,
            text_level_markup: false,
            application_variables: false,
            counts_only: false,
            documents: None,
        }
    }
}

/// The page strings of a project of documents, for these locales and the
/// source locale: each file's ids (read, not parsed: an id is the start of
/// a line) as [`lint::PageStrings`] holds them.
pub fn page_strings<'l>(
    project: &Project,
    locales: impl Iterator<Item = &'l str>,
) -> Result<lint::PageStrings> {
    let name = crate::project::PAGE_STRINGS;
    let ids = |locale: &str| -> Result<(PathBuf, rustc_hash::FxHashSet<String>)> {
        let path = project.ftl_path(locale, name);
        let text = crate::ftl::load::read(&path)?.unwrap_or_default();
        let ids = lint::defined_ids(&text).into_iter().map(str::to_string);
        Ok((path, ids.collect()))
    };
    let mut pages = lint::PageStrings {
        english: ids(&project.source.id)?.1,
        ..Default::default()
    };
    for locale in locales {
        if !pages.locales.contains_key(locale) {
            let (path, ids) = ids(locale)?;
            let display = path.strip_prefix(&project.root).unwrap_or(&path);
            let display = display.display().to_string();
            pages.locales.insert(locale.to_string(), (display, ids));
        }
    }
    Ok(pages)
}

/// Where an audit's findings go as it makes them: a part at a time, in
/// report order (by locale, path, line, column), with the counts of the
/// locale the part is about (None for the reference's findings), which the
/// sink may still change. Returning an error stops the audit.
pub type Sink<'s> = dyn FnMut(Option<&mut Counts>, Vec<Finding>) -> Result<()> + 's;

/// The audit a few locales at a time: each batch checked on both cores, its
/// findings handed to `sink` in report order and dropped, so memory holds
/// a batch of locales, never every locale's findings (Firefox: 114 locales,
/// 1.5 million findings). The returned audit has the counts, the
/// references and no findings.
pub fn audit_streamed(job: &Job, sink: &mut Sink) -> Result<Audit> {
    let digested = digest_references(job.pairs, job.root, job.source_locale)?;
    let by_path: FxHashMap<&Path, &Digested> =
        digested.iter().map(|d| (d.path.as_path(), d)).collect();
    let mut by_locale: BTreeMap<&str, Vec<&Pair>> = BTreeMap::new();
    for locale in job.locales {
        by_locale.entry(locale.as_str()).or_default();
    }
    for p in job.pairs {
        by_locale.entry(p.locale.as_str()).or_default().push(p);
    }
    let mut about_reference: Vec<Finding> = digested
        .iter()
        .flat_map(|d| d.findings.iter().cloned())
        .collect();
    about_reference.extend(lint::rules::references::in_reference(
        digested.iter().map(|d| (&d.file, d.text.as_str())),
        job.source_locale,
    ));
    about_reference.sort_by(report_order);
    let mut about_reference = about_reference.into_iter().peekable();

    let mut audit = Audit::default();
    let locales: Vec<(&str, Vec<&Pair>)> = by_locale.into_iter().collect();
    // Enough locales at once to keep both cores busy (each locale's files
    // are read and parsed in parallel too), few enough to hold; the next
    // batch is checked while this one goes to the sink (written, freed). An
    // audit for errors only runs beside a build's pages, which keep the
    // cores busy: a locale at a time (a project's build goes by documents
    // instead, `audit_by_documents`).
    let batch = match job.errors_only {
        true => 1,
        false => 2 * rayon::current_num_threads().max(1),
    };
    let chunks: Vec<&[(&str, Vec<&Pair>)]> = locales.chunks(batch).collect();
    let check_batch = |chunk: &[(&str, Vec<&Pair>)]| -> Result<Vec<(Counts, Vec<Finding>)>> {
        chunk
            .par_iter()
            .map(|(locale, pairs)| check_one(job, &by_path, locale, pairs))
            .collect()
    };
    let mut ready = chunks.first().map(|c| check_batch(c));
    for (k, chunk) in chunks.iter().enumerate() {
        let results = ready.take().unwrap_or_else(|| Ok(Vec::new()))?;
        let mut next = None;
        rayon::in_place_scope(|scope| -> Result<()> {
            if let Some(following) = chunks.get(k + 1) {
                let next = &mut next;
                let check_batch = &check_batch;
                scope.spawn(move |_| *next = Some(check_batch(following)));
            }
            let mut part = Part {
                sink: &mut *sink,
                about_reference: &mut about_reference,
                locales: &mut audit.locales,
            };
            for ((locale, _), (counts, findings)) in chunk.iter().zip(results) {
                part.locale(locale, counts, findings)?;
            }
            Ok(())
        })?;
        ready = next;
    }
    let rest: Vec<Finding> = about_reference.collect();
    if !rest.is_empty() {
        sink(None, rest)?;
    }
    drop(by_path);
    for d in digested {
        audit.references.insert(d.file.display.clone(), d.file);
    }
    Ok(audit)
}

/// How many reference files (documents) [`audit_by_documents`] holds at once.
pub(super) const DOCUMENTS_AT_ONCE: usize = 32;

/// A build's audit (errors only, see [`Depth::ErrorsOnly`]) a few documents
/// at a time, so that it holds neither every reference file nor a whole
/// locale's files (issue 30: a build's memory flat in its pages): for
/// [`DOCUMENTS_AT_ONCE`] reference files, their digests, then each
/// locale's files of theirs checked on their own
/// ([`lint::check_locale_alone`]), everything dropped before the next.
///
/// The findings are the whole audit's. A locale whose files of a chunk
/// refer to an id outside them, or loop, is checked again whole, as
/// [`audit_streamed`] does. The reference's undefined references are
/// gathered per chunk and kept once every reference id is known
/// ([`lint::rules::references::close_gaps`]). The returned audit has no
/// `references`.
fn audit_by_documents(job: &Job) -> Result<Audit> {
    let references: Vec<PathBuf> = reference_paths(job.pairs.iter())
        .into_iter()
        .cloned()
        .collect();
    let mut locales: Vec<String> = job.pairs.iter().map(|p| p.locale.clone()).collect();
    locales.sort_unstable();
    locales.dedup();
    let chunk = |paths: Option<&[PathBuf]>| -> Result<Vec<Pair>> {
        let wanted: rustc_hash::FxHashSet<&Path> = paths
            .unwrap_or_default()
            .iter()
            .map(PathBuf::as_path)
            .collect();
        Ok(job
            .pairs
            .iter()
            .filter(|p| match (&p.reference, paths) {
                (Some(r), Some(_)) => wanted.contains(r.as_path()),
                (None, None) => true,
                _ => false,
            })
            .cloned()
            .collect())
    };
    let whole = |of: &[&str]| -> Result<Vec<Pair>> {
        Ok(job
            .pairs
            .iter()
            .filter(|p| of.contains(&p.locale.as_str()))
            .cloned()
            .collect())
    };
    by_documents(
        job,
        &PairsBy {
            references,
            locales,
            chunk: &chunk,
            whole: &whole,
        },
    )
}

/// An `ftlkit.toml` project's errors-only audit by documents (the build's):
/// [`audit_by_documents`] with each chunk's pairs made for the chunk, so
/// that no list of every locale file's paths is held.
fn project_by_documents(project: &Project, job: &Job, locales: &[&str]) -> Result<Audit> {
    let names = reference_names(project)?;
    let source = |name: &String| (project.ftl_path(&project.source.id, name), name.clone());
    let mut references: Vec<(PathBuf, String)> = names.iter().map(source).collect();
    references.sort();
    let name_of: FxHashMap<&Path, &str> = references
        .iter()
        .map(|(path, name)| (path.as_path(), name.as_str()))
        .collect();
    // Each locale's own files that have no reference (obsolete ones).
    let mut orphans = Vec::new();
    for locale in locales {
        let own = ftl_names(&project.locales_dir.join(locale))?;
        orphans.push(
            own.into_iter()
                .filter(|n| !names.contains(n))
                .collect::<Vec<_>>(),
        );
    }
    let chunk = |paths: Option<&[PathBuf]>| -> Result<Vec<Pair>> {
        let mut pairs = Vec::new();
        for (locale, orphans) in locales.iter().zip(&orphans) {
            match paths {
                Some(paths) => pairs.extend(
                    paths
                        .iter()
                        .map(|p| pair(project, locale, name_of[p.as_path()], true)),
                ),
                None => pairs.extend(orphans.iter().map(|n| pair(project, locale, n, false))),
            }
        }
        Ok(pairs)
    };
    let whole = |of: &[&str]| -> Result<Vec<Pair>> {
        let mut pairs = Vec::new();
        for locale in of {
            pairs.extend(locale_pairs(project, locale, &names)?);
        }
        Ok(pairs)
    };
    by_documents(
        job,
        &PairsBy {
            references: references.iter().map(|(path, _)| path.clone()).collect(),
            locales: locales.iter().map(|l| l.to_string()).collect(),
            chunk: &chunk,
            whole: &whole,
        },
    )
}

/// The pairs of these reference files; `None`: the pairs without one.
type ChunkPairs<'a> = dyn Fn(Option<&[PathBuf]>) -> Result<Vec<Pair>> + 'a;

/// Where [`by_documents`] takes its pairs from, a chunk at a time.
struct PairsBy<'a> {
    /// Every reference file, sorted.
    references: Vec<PathBuf>,
    /// Every locale (each gets a row), sorted.
    locales: Vec<String>,
    chunk: &'a ChunkPairs<'a>,
    /// Every pair of these locales.
    whole: &'a dyn Fn(&[&str]) -> Result<Vec<Pair>>,
}

/// See [`audit_by_documents`].
fn by_documents(job: &Job, source: &PairsBy) -> Result<Audit> {
    let mut counts: BTreeMap<String, Counts> = source
        .locales
        .iter()
        .map(|l| (l.clone(), Counts::default()))
        .collect();
    let mut found = Found::default();
    // A locale's files without a reference make a last chunk.
    let chunks = source
        .references
        .chunks(DOCUMENTS_AT_ONCE)
        .map(Some)
        .chain([None]);
    for paths in chunks {
        let pairs = (source.chunk)(paths)?;
        let paths: Vec<&PathBuf> = paths.unwrap_or_default().iter().collect();
        let pairs: Vec<&Pair> = pairs.iter().collect();
        found.chunk(job, &paths, &pairs, &mut counts)?;
    }
    let whole: Vec<&str> = counts
        .keys()
        .map(String::as_str)
        .filter(|l| found.whole.contains(*l))
        .collect();
    if !whole.is_empty() {
        let pairs = (source.whole)(&whole)?;
        let digested = digest_references(&pairs, job.root, job.source_locale)?;
        let by_path: FxHashMap<&Path, &Digested> =
            digested.iter().map(|d| (d.path.as_path(), d)).collect();
        let mut checked = Vec::new();
        for locale in whole {
            let of: Vec<&Pair> = pairs.iter().filter(|p| p.locale == locale).collect();
            let (c, findings) = check_one(job, &by_path, locale, &of)?;
            checked.push((locale.to_string(), c));
            found.findings.extend(findings);
        }
        counts.extend(checked);
    }
    let defined: rustc_hash::FxHashSet<&str> = found.ids.iter().map(String::as_str).collect();
    let mut findings = found.findings;
    findings.extend(lint::rules::references::close_gaps(found.gaps, &defined));
    findings.sort_by(report_order);
    Ok(Audit {
        locales: counts.into_iter().collect(),
        findings,
        ..Audit::default()
    })
}

/// What [`audit_by_documents`] has found so far.
#[derive(Default)]
struct Found {
    /// Errors, the reference's and the locales' checked by chunks.
    findings: Vec<Finding>,
    /// Every id the reference files seen so far define.
    ids: rustc_hash::FxHashSet<String>,
    /// The reference's references to ids its files seen so far did not define.
    gaps: Vec<lint::rules::references::Gap>,
    /// The locales to check whole, their findings not in `findings`.
    whole: rustc_hash::FxHashSet<String>,
}

impl Found {
    /// Digests a chunk's reference files and checks each locale's files of
    /// theirs (`pairs`), adding to `counts`.
    fn chunk<'p>(
        &mut self,
        job: &Job,
        paths: &[&PathBuf],
        pairs: &[&'p Pair],
        counts: &mut BTreeMap<String, Counts>,
    ) -> Result<()> {
        let digested = digest_files(paths, job.root, job.source_locale)?;
        for d in &digested {
            self.findings.extend(errors(d.findings.iter().cloned()));
            self.ids.extend(d.file.entries.iter().map(|e| e.id.clone()));
        }
        let ids = &self.ids;
        self.gaps.extend(lint::rules::references::reference_gaps(
            digested.iter().map(|d| (&d.file, d.text.as_str())),
            &|r| ids.contains(r),
            job.source_locale,
        ));
        let by_path: FxHashMap<&Path, &Digested> =
            digested.iter().map(|d| (d.path.as_path(), d)).collect();
        let mut by_locale: BTreeMap<&'p str, Vec<&Pair>> = BTreeMap::new();
        for p in pairs.iter().filter(|p| !self.whole.contains(&p.locale)) {
            by_locale.entry(p.locale.as_str()).or_default().push(p);
        }
        let by_locale: Vec<(&'p str, Vec<&Pair>)> = by_locale.into_iter().collect();
        let checked: Vec<Option<(Counts, Vec<Finding>)>> = by_locale
            .par_iter()
            .map(|(locale, pairs)| alone(job, &by_path, locale, pairs))
            .collect::<Result<_>>()?;
        for ((locale, _), result) in by_locale.into_iter().zip(checked) {
            match result {
                Some((c, findings)) => {
                    counts.entry(locale.to_string()).or_default().add(&c);
                    self.findings.extend(findings);
                }
                None => {
                    self.whole.insert(locale.to_string());
                    self.findings.retain(|f| f.locale != locale);
                }
            }
        }
        Ok(())
    }
}

/// The error findings among these.
fn errors(findings: impl Iterator<Item = Finding>) -> impl Iterator<Item = Finding> {
    findings.filter(|f| f.severity == crate::finding::Severity::Error)
}

/// A locale's files of a chunk checked on their own, their errors kept;
/// `None` where that would not find what checking the whole locale does.
fn alone(
    job: &Job,
    by_path: &FxHashMap<&Path, &Digested>,
    locale: &str,
    pairs: &[&Pair],
) -> Result<Option<(Counts, Vec<Finding>)>> {
    let langid = crate::locale::language_of(locale);
    let files = read_locale_files(pairs, by_path, false)?;
    let context = lint::Context {
        glossary: job.glossary,
        errors_only: true,
        text_level_markup: job.text_level_markup,
        documents: job.documents,
        ..Default::default()
    };
    let checked = lint::check_locale_alone(locale, &langid, &files, &context);
    Ok(checked.map(|(counts, findings)| (counts, errors(findings.into_iter()).collect())))
}

/// Hands one locale's findings to the sink, after the reference's of the
/// locales sorting before it and with the reference's of its own.
pub(super) struct Part<'p, 's, 'r> {
    pub(super) sink: &'p mut Sink<'s>,
    pub(super) about_reference: &'p mut std::iter::Peekable<std::vec::IntoIter<Finding>>,
    pub(super) locales: &'r mut Vec<(String, Counts)>,
}

impl Part<'_, '_, '_> {
    pub(super) fn locale(
        &mut self,
        locale: &str,
        mut counts: Counts,
        mut findings: Vec<Finding>,
    ) -> Result<()> {
        let about_reference = &mut *self.about_reference;
        let before: Vec<Finding> =
            std::iter::from_fn(|| about_reference.next_if(|f| f.locale.as_str() < locale))
                .collect();
        if !before.is_empty() {
            (self.sink)(None, before)?;
        }
        let len = findings.len();
        findings.extend(std::iter::from_fn(|| {
            about_reference.next_if(|f| f.locale.as_str() == locale)
        }));
        if findings.len() > len {
            findings.sort_by(report_order);
        }
        (self.sink)(Some(&mut counts), findings)?;
        self.locales.push((locale.to_string(), counts));
        Ok(())
    }
}

/// One locale's counts and findings (sorted): its Fluent files against
/// their digested references, and its other files.
pub(super) fn check_one(
    job: &Job,
    by_path: &FxHashMap<&Path, &Digested>,
    locale: &str,
    pairs: &[&Pair],
) -> Result<(Counts, Vec<Finding>)> {
    let langid = crate::locale::language_of(locale);
    let files = read_locale_files(pairs, by_path, !job.errors_only)?;
    let ask = job
        .filter
        .map(|f| move |display: &str, key: Option<&str>| (f.ask)(locale, display, key));
    let per_locale = ask.as_ref().zip(job.filter).map(|(ask, f)| lint::Filter {
        ask,
        by_file: f.by_file,
    });
    let context = lint::Context {
        glossary: job.glossary,
        errors_only: job.errors_only,
        text_level_markup: job.text_level_markup,
        documents: job.documents,
        ..Default::default()
    };
    let (mut counts, mut findings) =
        lint::check_locale_in(locale, &langid, &files, &context, per_locale);
    drop(files);
    if let Some(others) = job.others {
        let (more, found) = others(locale)?;
        counts.add(&more);
        findings.extend(found);
    }
    if job.application_variables {
        application_passes_variables(Some(&mut counts), &mut findings);
    }
    if job.errors_only {
        // Only errors are wanted: the rest goes now, not at the end.
        findings.retain(|f| f.severity == crate::finding::Severity::Error);
    }
    if job.counts_only {
        // Freed where they were made (a thread's own allocations are the
        // allocator's cheap case).
        drop(findings);
        return Ok((counts, Vec::new()));
    }
    // Sorted here, while the other core checks another locale.
    findings.sort_by(report_order);
    Ok((counts, findings))
}

/// Applies `[check]`'s levels to findings: a code's severity changed, or
/// the finding dropped for `off`. Paths are the findings' (relative to the
/// project root).
pub fn relevel(findings: &mut Vec<Finding>, config: &crate::project::check::CheckConfig) {
    if config.is_empty() {
        return;
    }
    findings.retain_mut(|f| match config.level(f.code, &f.locale, &f.path) {
        None => true,
        Some(level) => level.severity().map(|s| f.severity = s).is_some(),
    });
}

/// [`relevel`] on an audit, its error and warning counts kept true.
pub fn relevel_audit(audit: &mut Audit, config: &crate::project::check::CheckConfig) {
    if config.is_empty() {
        return;
    }
    let tally = |findings: &[Finding], locale: &str| {
        let of = |s| {
            findings
                .iter()
                .filter(|f| f.locale == locale && f.severity == s)
                .count()
        };
        (of(lint::Severity::Error), of(lint::Severity::Warning))
    };
    let before: Vec<_> = audit
        .locales
        .iter()
        .map(|(l, _)| tally(&audit.findings, l))
        .collect();
    relevel(&mut audit.findings, config);
    for ((locale, counts), (errors, warnings)) in audit.locales.iter_mut().zip(before) {
        let (e, w) = tally(&audit.findings, locale);
        counts.errors = (counts.errors + e).saturating_sub(errors);
        counts.warnings = (counts.warnings + w).saturating_sub(warnings);
    }
}

/// The order of findings in reports: by locale, path, line, column, code.
pub(super) fn report_order(a: &Finding, b: &Finding) -> std::cmp::Ordering {
    (&a.locale, &a.path, a.line, a.column, a.code)
        .cmp(&(&b.locale, &b.path, b.line, b.column, b.code))
}

/// A reference file, digested once: its path, text, digest (without
/// templates) and findings, and the digest with its templates, made when a
/// locale file first needs them (one that has templates).
pub(super) struct Digested {
    pub(super) path: PathBuf,
    pub(super) text: String,
    pub(super) file: RefFile,
    pub(super) findings: Vec<Finding>,
    with_templates: OnceLock<RefFile>,
}

impl Digested {
    /// The digest a locale file with this text is checked against: the
    /// templates matter only where the text has some (`edited-template`).
    fn for_text(&self, text: Option<&str>) -> &RefFile {
        if !text.is_some_and(|t| t.contains(TEMPLATE_MARK)) {
            return &self.file;
        }
        self.with_templates.get_or_init(|| RefFile {
            templates: crate::ftl::blocks::expected_templates(&self.text),
            ..self.file.clone()
        })
    }
}

/// Reads and digests each reference file once, in parallel.
pub(super) fn digest_references(
    pairs: &[Pair],
    root: &Path,
    source_locale: &str,
) -> Result<Vec<Digested>> {
    digest_files(&reference_paths(pairs.iter()), root, source_locale)
}

/// The pairs' reference files, each once, sorted.
pub(super) fn reference_paths<'p>(pairs: impl Iterator<Item = &'p Pair>) -> Vec<&'p PathBuf> {
    // Thousands of pairs share a hundred references: told apart by hash, and
    // only those sorted (comparing paths goes component by component).
    let unique: rustc_hash::FxHashSet<&PathBuf> =
        pairs.filter_map(|p| p.reference.as_ref()).collect();
    let mut references: Vec<&PathBuf> = unique.into_iter().collect();
    references.sort();
    references
}

/// Reads and digests these reference files, in parallel.
pub(super) fn digest_files(
    references: &[&PathBuf],
    root: &Path,
    source_locale: &str,
) -> Result<Vec<Digested>> {
    references
        .par_iter()
        .map(|path| {
            let text = crate::fsutil::read_text(path)?;
            let display = match path.strip_prefix(root) {
                Ok(inside) => inside.display().to_string(),
                Err(_) => crate::l10n_toml::relative_path(path, root),
            };
            let (file, findings) = lint::digest_entries(&display, &text, source_locale);
            Ok(Digested {
                path: (*path).clone(),
                text,
                file,
                findings,
                with_templates: OnceLock::new(),
            })
        })
        .collect()
}

/// Reads one locale's files (and their stale records, unless `with_state` is
/// false: no rule that can find an error reads them, so a check for errors
/// only — a build's — leaves them), each with its digested reference.
pub(super) fn read_locale_files<'r>(
    pairs: &[&Pair],
    by_path: &FxHashMap<&Path, &'r Digested>,
    with_state: bool,
) -> Result<Vec<LocaleFile<'r>>> {
    // In parallel too (a single locale, `status ar`, has no other locale to
    // share the cores with); the first error in file order is the one
    // reported, as when they were read one after the other.
    let files: Vec<Result<LocaleFile>> = pairs
        .par_iter()
        .map(|p| {
            let text = crate::ftl::load::read(&p.l10n)?;
            let reference = p
                .reference
                .as_ref()
                .and_then(|r| by_path.get(r.as_path()).copied())
                .map(|d| d.for_text(text.as_deref()));
            let state = match &p.state {
                Some(path) if with_state => Some(crate::state::StateFile::load(path)?),
                _ => None,
            };
            Ok(LocaleFile {
                reference,
                display: p.display.clone(),
                text,
                reference_display: reference.map(|r| r.display.clone()),
                state,
            })
        })
        .collect();
    files.into_iter().collect()
}

/// Each locale's name in its own language, for tables: its
/// `page-language-name`, else CLDR's name (as the build's language switcher
/// shows it); a locale with neither has none.
pub fn language_names(project: &Project) -> BTreeMap<String, String> {
    let mut names = BTreeMap::new();
    for locale in project.all_locales() {
        let path = project.ftl_path(&locale.id, "page");
        if let Ok(Some(resource)) = crate::ftl::load::read_resource(&path) {
            for (id, text) in crate::ftl::message_texts(&resource) {
                if let (true, Some(text)) = (id == "page-language-name", text) {
                    names.insert(locale.id.clone(), text);
                }
            }
        }
        if !names.contains_key(&locale.id) {
            if let Some(name) = crate::intl::language_autonym(&locale.langid) {
                names.insert(locale.id.clone(), name);
            }
        }
    }
    names
}

/// Audits a Mozilla `l10n.toml` project (see [`crate::l10n_toml`]): the files,
/// locales and filters as compare-locales reads them, with `{l10n_base}` and
/// `-D` values from `options`. Returns the audit and `here`, the folder
/// finding paths are relative to (the current folder: paths as one types
/// them there), with `..` for files outside it.
pub fn audit_l10n_toml(
    configs: &[PathBuf],
    only: &[String],
    options: &crate::l10n_toml::LoadOptions,
    here: &Path,
) -> Result<(Audit, PathBuf, BTreeMap<String, String>)> {
    let mut findings = Vec::new();
    let (mut audit, root, names) =
        audit_l10n_toml_streamed(configs, only, options, here, &mut |_, part| {
            findings.extend(part);
            Ok(())
        })?;
    audit.findings = findings;
    Ok((audit, root, names))
}

/// [`audit_l10n_toml`] with its findings handed to `sink` a locale at a
/// time (see [`audit_streamed`]): the returned audit has none.
pub fn audit_l10n_toml_streamed(
    configs: &[PathBuf],
    only: &[String],
    options: &crate::l10n_toml::LoadOptions,
    here: &Path,
    sink: &mut Sink,
) -> Result<(Audit, PathBuf, BTreeMap<String, String>)> {
    l10n_toml_audit(configs, only, options, here, Some(sink))
}

/// [`audit_l10n_toml`]'s counts alone (`status`): no findings kept.
pub fn count_l10n_toml(
    configs: &[PathBuf],
    only: &[String],
    options: &crate::l10n_toml::LoadOptions,
    here: &Path,
) -> Result<(Audit, PathBuf, BTreeMap<String, String>)> {
    l10n_toml_audit(configs, only, options, here, None)
}

/// An `l10n.toml` audit, its findings to `sink`, or counts only without one.
fn l10n_toml_audit(
    configs: &[PathBuf],
    only: &[String],
    options: &crate::l10n_toml::LoadOptions,
    here: &Path,
    sink: Option<&mut Sink>,
) -> Result<(Audit, PathBuf, BTreeMap<String, String>)> {
    let mut project = crate::l10n_toml::load_with(configs, only, options)?;
    if project.locales.is_empty() {
        return Err(crate::l10n_toml::no_locales_error(configs));
    }
    let root = std::path::absolute(here).map_err(|e| Error::io(here, e))?;
    for pair in &mut project.pairs {
        pair.display = crate::l10n_toml::relative_path(&pair.l10n, &root);
    }
    // Moved out of the project, which the filters need without them.
    let pairs: Vec<Pair> = l10n_pairs(std::mem::take(&mut project.pairs));
    // Asked for every entry of every file: a hash map, not a tree of string
    // comparisons.
    let paths: FxHashMap<(&str, &str), &Path> = pairs
        .iter()
        .map(|p| ((p.locale.as_str(), p.display.as_str()), p.l10n.as_path()))
        .collect();
    // Matching a path against every pattern is the costly part: without rules
    // on keys, an entry's answer is its file's, which each locale's check asks
    // once per file (on its own thread) and keeps.
    let filter = |locale: &str, display: &str, key: Option<&str>| {
        let Some(path) = paths.get(&(locale, display)) else {
            return lint::FilterAction::Error;
        };
        filter_action(project.filter_for(locale, path, key))
    };
    let reference_locale = reference_locale(&pairs, &root);
    let filter = ProjectFilter {
        ask: &filter,
        by_file: !project.has_key_rules(),
    };
    let (others, unchecked) = lint::legacy::Others::new(&project, &root)?;
    let others = |locale: &str| others.locale(locale);
    let job = Job {
        filter: Some(filter),
        others: Some(&others),
        // Locales asked for (or listed) that have no files still get a row.
        locales: &project.locales,
        text_level_markup: true,
        application_variables: true,
        counts_only: sink.is_none(),
        ..Job::of(&pairs, &root, &reference_locale)
    };
    let mut result = match sink {
        // The reference's own findings too (the locales' are done already).
        Some(sink) => audit_streamed(&job, &mut |counts, mut findings| {
            application_passes_variables(None, &mut findings);
            sink(counts, findings)
        })?,
        None => audit_streamed(&job, &mut |_, _| Ok(()))?,
    };
    result.unchecked = unchecked;
    Ok((result, root, BTreeMap::new()))
}

/// An `l10n.toml` project's file pairs as the audit's (no stale records).
pub fn l10n_pairs(pairs: Vec<crate::l10n_toml::FilePair>) -> Vec<Pair> {
    pairs
        .into_iter()
        .map(|p| Pair {
            locale: p.locale,
            reference: p.reference,
            l10n: p.l10n,
            display: p.display,
            state: None,
        })
        .collect()
}

/// An `l10n.toml` filter's answer as the lint's.
pub fn filter_action(a: crate::l10n_toml::FilterAction) -> lint::FilterAction {
    use crate::l10n_toml::FilterAction as A;
    match a {
        A::Error => lint::FilterAction::Error,
        A::Warning => lint::FilterAction::Warning,
        A::Ignore => lint::FilterAction::Ignore,
    }
}

/// In an `l10n.toml` project the application, not ftlkit, passes a message's
/// variables: the reference shows what it passes, but not all of it. A
/// translation's variable the reference never uses is then for a reviewer to
/// look at (a warning), not certainly a raw `{$name}` on screen (an error, as
/// in ftlkit's own projects, where the build is the only caller).
fn application_passes_variables(mut counts: Option<&mut Counts>, findings: &mut [Finding]) {
    for f in findings {
        if !application_passes_variable(f) {
            continue;
        }
        if let Some(counts) = counts.as_deref_mut() {
            counts.errors -= 1;
            counts.warnings += 1;
        }
    }
}

/// An `unknown-variable` error made the warning of an `l10n.toml` project
/// (see [`application_passes_variables`]); whether it was one.
pub fn application_passes_variable(f: &mut Finding) -> bool {
    if f.code != Code::UnknownVariable || f.severity != crate::finding::Severity::Error {
        return false;
    }
    f.severity = crate::finding::Severity::Warning;
    f.message
        .push_str(": unless the application passes it, readers see it raw");
    true
}

/// The reference's locale as its folder names it (`en/` in Firefox Relay,
/// `…/locales/en-US/` in mozilla-central), for the findings about the
/// reference: the reference's folder where its l10n file has the locale's
/// (as many folders up from the file), when that is a locale code and all
/// reference files agree; else `en-US` (Firefox's firefox-l10n-source has
/// no such folder: its English is the repository itself).
pub fn reference_locale(pairs: &[Pair], _root: &Path) -> String {
    let names = |path: &Path| -> Vec<String> {
        path.components()
            .rev()
            .skip(1)
            .filter_map(|c| c.as_os_str().to_str().map(str::to_string))
            .collect()
    };
    let mut found: Option<String> = None;
    let mut seen = rustc_hash::FxHashSet::default();
    for p in pairs {
        let Some(reference) = p.reference.as_deref() else {
            continue;
        };
        if !seen.insert(reference) {
            continue;
        }
        let Some(depth) = names(&p.l10n).iter().position(|n| *n == p.locale) else {
            return "en-US".to_string();
        };
        let candidate = names(reference).into_iter().nth(depth);
        let locale_like = |n: &String| {
            let language = n.split('-').next().unwrap_or_default();
            (2..=3).contains(&language.len()) && crate::locale::check_folder_locale(n).is_ok()
        };
        let Some(name) = candidate.filter(locale_like) else {
            return "en-US".to_string();
        };
        match &found {
            Some(first) if *first != name => return "en-US".to_string(),
            Some(_) => {}
            None => found = Some(name),
        }
    }
    found.unwrap_or_else(|| "en-US".to_string())
}
