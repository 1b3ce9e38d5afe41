//! The publish plan, without a disk: which (document, locale) pages are
//! published and why the others are skipped (no folder, below the threshold,
//! required messages missing), each page's fallback chain, the versions each
//! page links to, and the files the build makes.

use super::format::page_string;
use super::load::{LocaleFiles, SourceDoc};
use super::Skipped;
use crate::page_strings::Id;
use crate::project::Project;
use crate::render::page::Alternate;
use std::path::PathBuf;

/// One page to render: a document in a locale, and its files.
pub(super) struct Job {
    /// Index into the documents.
    pub doc: usize,
    /// Index into the locales' files.
    pub locale: usize,
}

impl Job {
    /// The page's HTML, text and Markdown files, in that order (made when
    /// the page is: a plan of 8,000 pages holds no paths).
    pub fn files(&self, project: &Project, doc: &str, locale: &str) -> [PathBuf; 3] {
        let dir = project.output_dir.join(locale);
        ["html", "txt", "md"].map(|ext| dir.join(format!("{doc}.{ext}")))
    }
}

#[derive(Default)]
pub(super) struct Plan {
    /// Every page, locale by locale (a locale's are together, see [`Plan::jobs_of`]).
    pub jobs: Vec<Job>,
    /// Each locale as a version to link to, in the order of the locales.
    pub names: Vec<Alternate>,
    /// Where each locale's pages are in `jobs`.
    by_locale: Vec<std::ops::Range<usize>>,
    /// The locales that publish each document.
    by_doc: Vec<Vec<usize>>,
}

/// Matches `pattern` (with `*` for any run of characters) against `id`. Kept
/// by hand: a few lines, where a glob crate would bring path semantics
/// (separators, classes) that message ids do not have.
pub fn glob_match(pattern: &str, id: &str) -> bool {
    let parts: Vec<&str> = pattern.split('*').collect();
    if parts.len() == 1 {
        return pattern == id;
    }
    let (first, last) = (parts[0], parts[parts.len() - 1]);
    if !id.starts_with(first) || !id[first.len()..].ends_with(last) {
        return false;
    }
    let mut rest = &id[first.len()..id.len() - last.len()];
    for part in &parts[1..parts.len() - 1] {
        match rest.find(part) {
            Some(i) => rest = &rest[i + part.len()..],
            None => return false,
        }
    }
    true
}

/// Locale `lf` as a version to link to: its language's own name from its
/// page strings, else CLDR's, else its code.
pub(super) fn alternate(lf: &LocaleFiles) -> Alternate {
    Alternate {
        locale: lf.locale.id.clone(),
        dir: lf.locale.direction,
        og_locale: crate::locale::og_locale(&lf.locale.format_langid),
        name: page_string(lf, Id::LanguageName, None)
            .or_else(|| crate::intl::language_autonym(&lf.locale.langid))
            .unwrap_or_else(|| lf.locale.id.clone()),
    }
}

/// Why locale `l` (its files `lf`; `has_folder` says whether it has its
/// folder — the source and the pseudo-locales always do) would not publish
/// each of documents `own`, if it would not (see [`plan_locale`]).
pub(super) fn skip_reasons(
    project: &Project,
    docs: &[SourceDoc],
    own: std::ops::Range<usize>,
    lf: &LocaleFiles,
    l: usize,
    has_folder: bool,
) -> Vec<Option<(String, Option<f64>)>> {
    docs[own]
        .iter()
        .map(|doc| match l {
            0 => None,
            _ => skip_reason(project, doc, lf, has_folder),
        })
        .collect()
}

/// Decides every document of locale `l` (`locale`), given why it would not
/// publish each ([`skip_reasons`], every document's): the pages to render,
/// and the others with why not (and the document's index, for the report's
/// order).
pub(super) fn plan_locale(
    docs: &[SourceDoc],
    locale: &str,
    l: usize,
    mut reasons: Vec<Option<(String, Option<f64>)>>,
) -> (Vec<Job>, Vec<(usize, Skipped)>) {
    let mut jobs = Vec::new();
    let mut skipped = Vec::new();
    // A book's `SUMMARY.md` is the locale's navigation, not a page to
    // finish first: published with every locale that publishes any page,
    // its titles translated so far (the rest the next locale's), as the
    // site's navigation shows them (a book without it does not build).
    let is_summary = |doc: &SourceDoc| doc.loaded.name == crate::markdown::SUMMARY;
    let publishes_any = docs
        .iter()
        .zip(&reasons)
        .any(|(doc, r)| r.is_none() && !is_summary(doc));
    for (d, doc) in docs.iter().enumerate() {
        let reason = match publishes_any && is_summary(doc) {
            true => None,
            false => reasons[d].take(),
        };
        let name = &doc.loaded.name;
        match reason {
            Some((reason, below_threshold)) => skipped.push((
                d,
                Skipped {
                    doc: name.clone(),
                    locale: locale.to_string(),
                    reason,
                    below_threshold,
                },
            )),
            None => jobs.push(Job { doc: d, locale: l }),
        }
    }
    (jobs, skipped)
}

/// Why a locale (not the source) is not published for a document, if it is
/// not, with the locale's threshold when the page is below it.
fn skip_reason(
    project: &Project,
    doc: &SourceDoc,
    lf: &LocaleFiles,
    has_folder: bool,
) -> Option<(String, Option<f64>)> {
    let name = &doc.loaded.name;
    let translated = doc.units.iter().filter(|u| lf.has(name, &u.id)).count();
    let total = doc.units.len().max(1);
    let share = translated as f64 / total as f64;
    let missing_required: Vec<&str> = lf
        .locale
        .required
        .iter()
        .flat_map(|p| {
            doc.units
                .iter()
                .filter(move |u| glob_match(p, &u.id))
                .map(|u| u.id.as_str())
        })
        .filter(|id| !lf.has(name, id))
        .collect();
    if !has_folder {
        let reason = format!(
            "there is no folder {}: `ftlkit init {}` creates it",
            project
                .locales_dir
                .join(&lf.locale.id)
                .strip_prefix(&project.root)
                .unwrap_or(&project.locales_dir)
                .display(),
            lf.locale.id
        );
        Some((reason, None))
    } else if share < lf.locale.threshold {
        let reason = format!(
            "{:.0}% translated, below the threshold of {:.0}%",
            share * 100.0,
            lf.locale.threshold * 100.0
        );
        Some((reason, Some(lf.locale.threshold)))
    } else if !missing_required.is_empty() {
        let reason = format!("required messages missing: {}", missing_required.join(", "));
        Some((reason, None))
    } else {
        None
    }
}

impl Plan {
    /// Adds the pages of the next locale (as [`plan_locale`] decides them).
    pub fn add(&mut self, jobs: Vec<Job>) {
        let start = self.jobs.len();
        for job in &jobs {
            if self.by_doc.len() <= job.doc {
                self.by_doc.resize(job.doc + 1, Vec::new());
            }
            self.by_doc[job.doc].push(job.locale);
        }
        self.jobs.extend(jobs);
        self.by_locale.push(start..self.jobs.len());
    }

    /// The pages of locale `l`.
    pub fn jobs_of(&self, l: usize) -> &[Job] {
        self.by_locale
            .get(l)
            .map_or(&[][..], |range| &self.jobs[range.clone()])
    }

    /// The pages of locale `l` of documents `docs` (a locale's pages are in
    /// the documents' order).
    pub fn jobs_of_docs(&self, l: usize, docs: std::ops::Range<usize>) -> &[Job] {
        let jobs = self.jobs_of(l);
        let start = jobs.partition_point(|j| j.doc < docs.start);
        let end = jobs.partition_point(|j| j.doc < docs.end);
        &jobs[start..end]
    }

    /// The locales document `d` is published in, as versions to link to.
    pub fn versions(&self, d: usize) -> Vec<Alternate> {
        self.by_doc
            .get(d)
            .into_iter()
            .flatten()
            .map(|&l| self.names[l].clone())
            .collect()
    }
}
