//! The publish plan, without a disk: which (document, locale) pages are
//! published and why the others are skipped (no folder, below the threshold,
//! required messages missing), each page's fallback chain, the versions each
//! page links to, and the files the build makes.

use super::format::page_string;
use super::load::{LocaleFiles, SourceDoc};
use super::Skipped;
use crate::locale::fallback_chain;
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
    /// The HTML, text and Markdown files, in that order.
    pub files: [PathBuf; 3],
}

pub(super) struct Plan {
    pub jobs: Vec<Job>,
    pub skipped: Vec<Skipped>,
    /// Each locale as a version to link to, in the order of the locales' files.
    pub names: Vec<Alternate>,
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

/// Decides every (document, locale) pair. `has_folder[l]` says whether locale
/// `l` has its folder (the source and the pseudo-locales always do).
pub(super) fn plan(
    project: &Project,
    docs: &[SourceDoc],
    files: &[LocaleFiles],
    has_folder: &[bool],
) -> Plan {
    let mut plan = Plan {
        jobs: Vec::new(),
        skipped: Vec::new(),
        names: files
            .iter()
            .map(|f| Alternate {
                locale: f.locale.id.clone(),
                dir: f.locale.direction,
                og_locale: crate::locale::og_locale(&f.locale.format_langid),
                name: page_string(f, Id::LanguageName, None)
                    .or_else(|| crate::intl::language_autonym(&f.locale.langid))
                    .unwrap_or_else(|| f.locale.id.clone()),
            })
            .collect(),
    };
    for (d, doc) in docs.iter().enumerate() {
        for (l, lf) in files.iter().enumerate() {
            let reason = if l == 0 {
                None
            } else {
                skip_reason(project, doc, lf, has_folder[l])
            };
            let name = &doc.loaded.name;
            match reason {
                Some(reason) => plan.skipped.push(Skipped {
                    doc: name.clone(),
                    locale: lf.locale.id.clone(),
                    reason,
                }),
                None => {
                    let dir = project.output_dir.join(&lf.locale.id);
                    let files = ["html", "txt", "md"].map(|ext| dir.join(format!("{name}.{ext}")));
                    plan.jobs.push(Job {
                        doc: d,
                        locale: l,
                        files,
                    });
                }
            }
        }
    }
    plan
}

/// Why a locale (not the source) is not published for a document, if it is not.
fn skip_reason(
    project: &Project,
    doc: &SourceDoc,
    lf: &LocaleFiles,
    has_folder: bool,
) -> Option<String> {
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
        Some(format!(
            "there is no folder {}: `ftlkit init {}` creates it",
            project
                .locales_dir
                .join(&lf.locale.id)
                .strip_prefix(&project.root)
                .unwrap_or(&project.locales_dir)
                .display(),
            lf.locale.id
        ))
    } else if share < lf.locale.threshold {
        Some(format!(
            "{:.0}% translated, below the threshold of {:.0}%",
            share * 100.0,
            lf.locale.threshold * 100.0
        ))
    } else if !missing_required.is_empty() {
        Some(format!(
            "required messages missing: {}",
            missing_required.join(", ")
        ))
    } else {
        None
    }
}

impl Plan {
    /// The locales document `d` is published in, as versions to link to.
    pub fn versions(&self, d: usize) -> Vec<Alternate> {
        self.jobs
            .iter()
            .filter(|job| job.doc == d)
            .map(|job| self.names[job.locale].clone())
            .collect()
    }
}

/// The fallback chain of locale `l`: its files, then those of each locale it falls back on.
pub(super) fn chain<'a>(
    project: &Project,
    files: &'a [LocaleFiles],
    l: usize,
) -> Vec<&'a LocaleFiles> {
    let available: Vec<_> = files.iter().map(|f| f.locale.langid.clone()).collect();
    fallback_chain(&files[l].locale.langid, &available, &project.source.langid)
        .iter()
        .filter_map(|id| files.iter().find(|f| &f.locale.langid == id))
        .collect()
}
