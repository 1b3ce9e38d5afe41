//! Carrying out a plan: rendering its pages in parallel (rayon), each page's
//! files handed on as soon as they are made (the build checks and stages
//! them: [`super::outputs::Stage`]).

use super::load::{ChunkDocs, LocaleFiles, Outline, SourceDoc};
use super::outputs::Output;
use super::plan::{Job, Plan};
use super::{render_page_shared, BuildOptions, FormatError, Rendered};
use crate::error::Result;
use crate::finding::{Code, Finding, Severity};
use crate::project::Project;
use rayon::prelude::*;
use std::collections::HashSet;

/// One rendered page: what the report says of it and its findings (its
/// files went to the build's [`Emit`]).
type Done = (Rendered, Vec<Finding>);

/// What takes each file a build makes: puts it where its layout has it
/// (none: the layout has no place for it) and stages it there; says where.
pub(super) type Emit<'a> = dyn Fn(Output) -> Result<Option<std::path::PathBuf>> + Sync + 'a;

/// The site's order and each locale's navigation, for the pages.
pub(super) struct SiteParts<'a> {
    pub order: &'a super::nav::Order,
    pub navs: &'a [Option<super::nav::LocaleNav>],
    pub book: Option<crate::render::Book>,
}

/// What every page of a build shares: the documents' names, the names each
/// locale publishes, and the count of pages done.
pub(super) struct Pages<'a> {
    docs: &'a [Outline],
    names: HashSet<String>,
    /// Each document's name and each locale's id, as the report's pages share them.
    doc_names: Vec<std::sync::Arc<str>>,
    locale_names: Vec<std::sync::Arc<str>>,
    published: Vec<HashSet<String>>,
    /// The files the documents' `{{#include}}` read (a site's pages show them).
    files: std::collections::HashMap<String, String>,
    /// A book's included documents' ids (see [`super::include::book_ids`]).
    book_ids: std::collections::HashMap<String, crate::render::links::Ids>,
    done: std::sync::atomic::AtomicUsize,
}

impl<'a> Pages<'a> {
    /// The documents.
    pub fn docs(&self) -> &'a [Outline] {
        self.docs
    }

    /// (`locales`: the build's, by index.)
    pub fn new(
        project: &Project,
        docs: &'a [Outline],
        locales: &[crate::project::Locale],
        site: &SiteParts,
    ) -> Result<Pages<'a>> {
        let published = site
            .navs
            .iter()
            .map(|n| {
                n.iter()
                    .flat_map(|n| n.published.iter().map(|d| docs[*d].name.clone()))
                    .collect()
            })
            .collect();
        Ok(Pages {
            docs,
            names: docs.iter().map(|d| d.name.clone()).collect(),
            doc_names: docs.iter().map(|d| d.name.as_str().into()).collect(),
            locale_names: locales.iter().map(|l| l.id.as_str().into()).collect(),
            published,
            files: match site.book {
                Some(_) => Default::default(),
                None => super::include::files(project, docs),
            },
            book_ids: match site.book {
                Some(crate::render::Book::Mdbook) => super::include::book_ids(project, docs)?,
                _ => Default::default(),
            },
            done: Default::default(),
        })
    }
}

/// What each page of a chunk of documents shares, in every locale (worked
/// out once per document: [`crate::render::shared`]).
pub(super) struct Shared<'a> {
    first: usize,
    each: Vec<crate::render::Shared<'a>>,
}

impl<'a> Shared<'a> {
    /// Of documents `own` (of those `docs` holds).
    pub fn new(docs: &'a ChunkDocs, own: std::ops::Range<usize>) -> Shared<'a> {
        let first = own.start;
        let own: Vec<&SourceDoc> = own.map(|d| docs.get(d)).collect();
        Shared {
            first,
            each: own
                .par_iter()
                .map(|doc| crate::render::shared(&doc.text, &doc.loaded.doc))
                .collect(),
        }
    }

    fn of(&self, d: usize) -> &crate::render::Shared<'a> {
        &self.each[d - self.first]
    }
}

/// What one locale's pages of a chunk are made from: the build's, the
/// chunk's, and the locale's fallback chain's files of the chunk.
pub(super) struct Inputs<'p, 'a> {
    pub pages: &'p Pages<'a>,
    /// The documents the chunk reads, whole.
    pub docs: &'p ChunkDocs,
    pub shared: &'p Shared<'a>,
    pub chain: &'p [&'p LocaleFiles],
}

/// Renders the pages of one locale (`jobs`, its fallback chain's files in
/// `inputs.chain`), in parallel, each page's files handed to `emit` as soon as
/// they are made (so that no page waits in memory); the results come back in
/// the jobs' order.
pub(super) fn render_locale(
    project: &Project,
    inputs: &Inputs,
    jobs: &[Job],
    plan: &Plan,
    site: &SiteParts,
    options: &BuildOptions<'_>,
    emit: &Emit<'_>,
) -> Result<Vec<Done>> {
    let (pages, chain) = (inputs.pages, inputs.chain);
    let docs = pages.docs;
    let whole = inputs.docs;
    jobs.par_iter()
        .map(|job| {
            if let Some(progress) = options.progress {
                let n = pages
                    .done
                    .fetch_add(1, std::sync::atomic::Ordering::Relaxed)
                    + 1;
                progress(n, plan.jobs.len());
            }
            let doc = whole.get(job.doc);
            // A book's generator makes its own navigation.
            let nav = site.navs[job.locale]
                .as_ref()
                .filter(|_| site.book.is_none())
                .map(|n| n.page(site.order, docs, job.doc));
            let page_site = super::Site {
                links: crate::render::links::Links {
                    doc: &doc.loaded.name,
                    docs: &pages.names,
                    published: Some(&pages.published[job.locale]),
                    source: &project.source.id,
                },
                nav: nav.as_ref(),
                book: site.book,
                base_url: project.base_url.as_deref(),
                formats: project.formats,
                sources: whole.all(),
                files: Some(&pages.files),
                book_ids: Some(&pages.book_ids),
            };
            let (mut rendered, findings, outputs) = render_job(
                project,
                doc,
                inputs.shared.of(job.doc),
                chain,
                plan,
                job,
                page_site,
            );
            let mut files = Vec::new();
            for out in outputs {
                files.extend(emit(out)?);
            }
            rendered.files = super::Files::new(&files, &project.output_dir);
            rendered.doc = pages.doc_names[job.doc].clone();
            rendered.locale = pages.locale_names[job.locale].clone();
            Ok((rendered, findings))
        })
        .collect()
}

fn render_job(
    project: &Project,
    doc: &SourceDoc,
    shared: &crate::render::Shared,
    chain: &[&LocaleFiles],
    plan: &Plan,
    job: &Job,
    site: super::Site,
) -> (Rendered, Vec<Finding>, Vec<Output>) {
    let locale = &chain[0].locale;
    let book = site.book.is_some();
    let mut alternates = plan.versions(job.doc);
    // A real locale's readers are never offered a pseudo-locale's page (in
    // the language switcher or as an hreflang alternate): it tests layouts,
    // it is no language. The pseudo pages themselves list every version.
    if !crate::locale::is_pseudo(&locale.langid) {
        alternates.retain(|a| {
            a.locale
                .parse::<unic_langid::LanguageIdentifier>()
                .map_or(true, |l| !crate::locale::is_pseudo(&l))
        });
    }
    let page = render_page_shared(doc, shared, chain, &alternates, &project.source.id, site);
    // A site writes the formats the project asks for; a book's generator
    // takes the Markdown ([`super::mdbook::place`]).
    let f = project.formats;
    let wanted = [f.html, f.txt, f.md].map(|w| w || book);
    let files = job.files(project, &doc.loaded.name, &locale.id);
    let [html, txt, md] = files.clone();
    let outputs: Vec<Output> = [(html, page.html), (txt, page.text), (md, page.markdown)]
        .into_iter()
        .zip(wanted)
        .filter(|(_, w)| *w)
        .map(|((path, text), _)| Output::new(path, text))
        .collect();
    let findings = page
        .errors
        .iter()
        .map(|e| format_finding(project, e))
        .collect();
    // Named by the caller (the names every page of the build shares).
    let rendered = Rendered {
        doc: Default::default(),
        locale: Default::default(),
        translated: page.translated,
        total: doc.units.len(),
        stale: page.stale,
        stale_mode: locale.stale,
        // Where the layout put them (see [`Emit`]).
        files: Default::default(),
    };
    (rendered, findings, outputs)
}

/// A message that formatted with errors, as a warning at its line.
fn format_finding(project: &Project, e: &FormatError) -> Finding {
    Finding {
        code: Code::FormatError,
        severity: Severity::Warning,
        locale: e.locale.clone(),
        path: project.ftl_path(&e.locale, &e.file).display().to_string(),
        line: e.line,
        column: 0,
        id: Some(e.id.clone()),
        message: format!(
            "`{}`: {}; {} (`ftlkit check` lists such errors)",
            e.id,
            e.message,
            if e.fell_back {
                "the page shows the next fallback locale's text instead"
            } else {
                "no locale formats it cleanly, so the page shows it as it is"
            }
        ),
        previous: None,
        span: 0..0,
    }
}
