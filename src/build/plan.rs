//! The publish plan, without a disk: which (document, locale) pages are
//! published and why the others are skipped (no folder, below the threshold,
//! required messages missing), each page's fallback chain, the versions each
//! page links to, and the files the build makes.

use super::format::page_string;
use super::load::{LocaleFiles, Outline};
use super::nav::Order;
use super::{Layout, Skipped};
use crate::page_strings::Id;
use crate::project::Project;
use crate::render::links::Inclusions;
use crate::render::page::Alternate;
use std::collections::HashSet;
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
    /// Each document's role in the site.
    pub roles: Vec<Role>,
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

/// What a document is in the site: in an mdBook (a `SUMMARY.md`) ftlkit's
/// own site publishes what mdBook does. Every document stays one to
/// translate; a book layout (`--layout mdbook`) writes every one as a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Role {
    /// A page (every document of a site that is no mdBook).
    Page,
    /// `SUMMARY.md`: the navigation, no page.
    Summary,
    /// Shown only inside the pages that `{{#include}}` it: no page.
    Fragment,
    /// `404.md`: each locale's `404.html`, listed in no index.
    NotFound,
    /// Neither listed in `SUMMARY.md` nor included: mdBook ignores it.
    Unlisted,
}

pub(super) use crate::markdown::NOT_FOUND;

/// Each document's [`Role`] in a build of `layout` (`order`: the site's).
pub(super) fn roles(docs: &[Outline], order: &Order, layout: Layout) -> Vec<Role> {
    if !order.summary || layout != Layout::Site {
        return vec![Role::Page; docs.len()];
    }
    let listed: HashSet<usize> = order.entries.iter().filter_map(|e| e.doc).collect();
    let names: HashSet<String> = docs.iter().map(|d| d.name.clone()).collect();
    let inclusions = Inclusions::new(
        docs.iter().filter_map(super::load::Outline::named_text),
        &names,
    );
    docs.iter()
        .enumerate()
        .map(|(d, doc)| match doc.name.as_str() {
            crate::markdown::SUMMARY => Role::Summary,
            _ if listed.contains(&d) => Role::Page,
            NOT_FOUND => Role::NotFound,
            name if inclusions.is_included(name) => Role::Fragment,
            _ => Role::Unlisted,
        })
        .collect()
}

/// Why locale `l` (its files `lf`; `has_folder` says whether it has its
/// folder — the source and the pseudo-locales always do) would not publish
/// each of documents `own`, if it would not (see [`plan_locale`]).
pub(super) fn skip_reasons(
    project: &Project,
    docs: &[Outline],
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
/// publish each ([`skip_reasons`], every document's) and each one's role:
/// the pages to render, and the others with why not (and the document's
/// index, for the report's order).
pub(super) fn plan_locale(
    docs: &[Outline],
    roles: &[Role],
    locale: &str,
    l: usize,
    mut reasons: Vec<Option<(String, Option<f64>)>>,
) -> (Vec<Job>, Vec<(usize, Skipped)>) {
    let mut jobs = Vec::new();
    let mut skipped = Vec::new();
    // A book's `SUMMARY.md` (in a book layout) and an mdBook's `404.md` are
    // the locale's navigation and its page for a wrong address, not pages
    // to finish first: published with every locale that publishes any page,
    // their titles translated so far (the rest the next locale's), as the
    // site's navigation shows them (a book without it does not build).
    let whole = |d: usize| match roles[d] {
        Role::NotFound => true,
        Role::Page => docs[d].name == crate::markdown::SUMMARY,
        _ => false,
    };
    for (d, role) in roles.iter().enumerate() {
        if *role == Role::Unlisted {
            reasons[d] = Some((UNLISTED.to_string(), None));
        }
    }
    let publishes_any =
        (0..docs.len()).any(|d| reasons[d].is_none() && roles[d] == Role::Page && !whole(d));
    for (d, doc) in docs.iter().enumerate() {
        // The summary and a fragment of a site are in its pages, not pages
        // of their own: no page, and no page skipped.
        if matches!(roles[d], Role::Summary | Role::Fragment) {
            continue;
        }
        let reason = match publishes_any && whole(d) {
            true => None,
            false => reasons[d].take(),
        };
        let name = &doc.name;
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

/// Why an mdBook's document that its summary does not list is no page.
const UNLISTED: &str = "not in SUMMARY.md and included by no page: mdBook publishes it nowhere (list it in SUMMARY.md, or `exclude` it in ftlkit.toml)";

/// Why a locale (not the source) is not published for a document, if it is
/// not, with the locale's threshold when the page is below it.
fn skip_reason(
    project: &Project,
    doc: &Outline,
    lf: &LocaleFiles,
    has_folder: bool,
) -> Option<(String, Option<f64>)> {
    let name = &doc.name;
    let translated = doc.ids.iter().filter(|id| lf.has(name, id)).count();
    let total = doc.ids.len().max(1);
    let share = translated as f64 / total as f64;
    let missing_required: Vec<&str> = lf
        .locale
        .required
        .iter()
        .flat_map(|p| {
            doc.ids
                .iter()
                .filter(move |id| glob_match(p, id))
                .map(|id| id.as_str())
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

    /// Whether document `d` is a page that indexes list (not a summary, a
    /// fragment, an mdBook's 404 page or a document its summary leaves out).
    pub fn listed(&self, d: usize) -> bool {
        self.roles.get(d).is_none_or(|r| *r == Role::Page)
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
