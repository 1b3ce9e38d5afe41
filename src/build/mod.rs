//! `build`: every document in every published locale → `dist/<locale>/<doc>.{html,md,txt}`
//! and `dist/index.html`.
//!
//! A build reads ([`load`]), decides without a disk what is published and how
//! each page falls back ([`plan`]), then renders the pages on their own
//! threads (rayon) and writes them ([`exec`]); formatting along a fallback
//! chain is [`format`]. Resources are parsed once per file.

mod assets;
mod exec;
mod format;
mod include;
mod load;
mod mdbook;
mod mkdocs;
mod nav;
mod outputs;
mod plan;
mod sitemap;

pub use assets::published_asset;
pub use format::{FormatError, WORDS_PER_MINUTE};
pub use load::{load_source_doc, LocaleFiles, SourceDoc};
pub use outputs::MANIFEST;
pub use plan::glob_match;

use crate::error::{Error, Result};
use crate::finding::{Code, Finding};
use crate::page_strings::Id;
use crate::project::files::LoadedDoc;
use crate::project::{Locale, Project};
use crate::render::page::{Alternate, IndexEntry, PageParts};
use crate::render::RenderInput;
use fluent_bundle::FluentValue;
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::PathBuf;

/// Why a locale was not published for a document.
#[derive(Debug, Clone)]
pub struct Skipped {
    pub doc: String,
    pub locale: String,
    pub reason: String,
    /// The locale's threshold, when the page is skipped for being below it
    /// (the reason a translation in progress gives for most pages).
    pub below_threshold: Option<f64>,
}

/// A page that was rendered (one of a report's 20,000: its names shared
/// with the document's other pages and the locale's, its files compact).
#[derive(Debug, Clone)]
pub struct Rendered {
    pub doc: std::sync::Arc<str>,
    pub locale: std::sync::Arc<str>,
    pub translated: usize,
    pub total: usize,
    /// Units whose translation is stale (the English changed since), and
    /// what readers get for them.
    pub stale: usize,
    pub stale_mode: crate::project::StaleMode,
    pub files: Files,
}

/// The files of a page: paths below the output folder, kept as one text.
#[derive(Debug, Clone, Default)]
pub struct Files(Box<str>);

impl Files {
    /// Paths below `output` (a path elsewhere is kept whole).
    pub fn new(paths: &[PathBuf], output: &std::path::Path) -> Files {
        let rel: Vec<String> = paths
            .iter()
            .map(|p| {
                p.strip_prefix(output)
                    .unwrap_or(p)
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        Files(rel.join("\0").into_boxed_str())
    }

    /// The paths, below `output`.
    pub fn paths<'a>(&'a self, output: &'a std::path::Path) -> impl Iterator<Item = PathBuf> + 'a {
        self.0
            .split('\0')
            .filter(|p| !p.is_empty())
            .map(move |p| output.join(p))
    }
}

#[derive(Debug, Default)]
pub struct BuildReport {
    pub rendered: Vec<Rendered>,
    pub skipped: Vec<Skipped>,
    /// Problems that did not stop the build (a Fluent syntax error, a
    /// formatting error), as warnings.
    pub findings: Vec<Finding>,
    /// Files written (unchanged files are not rewritten).
    pub written: usize,
    /// Outputs of an earlier build that this one no longer makes (a locale now
    /// below its threshold, a removed document or locale), removed.
    pub removed: Vec<PathBuf>,
    /// Outputs of an earlier build that this one no longer makes but someone
    /// changed since: left in place.
    pub kept: Vec<PathBuf>,
    /// Links to folders in the content folder: not followed, so the
    /// documents behind them are not built.
    pub skipped_files: Vec<PathBuf>,
}

impl BuildReport {
    /// Each finding as one line, as `ftlkit build` prints it after `warning: `.
    pub fn warning_lines(&self) -> Vec<String> {
        self.findings.iter().map(warning_line).collect()
    }
}

/// A warning per locale the switcher can only show by its code: its
/// `page.ftl` has no `page-language-name` and CLDR has no name for it.
fn unnamed_languages(project: &Project, plan: &plan::Plan, findings: &mut Vec<Finding>) {
    for alternate in plan.names.iter().filter(|a| a.name == a.locale) {
        findings.push(load::warning(
            Code::MissingMessage,
            &alternate.locale,
            &project.ftl_path(&alternate.locale, "page"),
            (0, 0),
            format!(
                "no `page-language-name`, and CLDR has no name for `{0}`: the language switcher shows the code `{0}`; give the language's name in its own script here",
                alternate.locale
            ),
        ));
    }
}

/// A build finding as one line: `path:line:column: message`, the line and
/// column left out where the finding has none (a formatting error has a line
/// only, `0` when its message was not found).
pub fn warning_line(f: &Finding) -> String {
    match (f.line, f.column) {
        (0, _) if f.code != Code::FormatError => format!("{}: {}", f.path, f.message),
        (line, 0) => format!("{}:{line}: {}", f.path, f.message),
        (line, column) => format!("{}:{line}:{column}: {}", f.path, f.message),
    }
}

/// The build's findings as `ftlkit check` gives them: check's error-level
/// findings of every target locale (the same code, severity, path, line and
/// column: what readers may get wrong), and, of what the build ran into while
/// loading and formatting, only what check does not already say — a
/// formatting error check cannot foresee stays a `format-error` at its line,
/// its path relative to the project root as check's are.
fn as_check_says(project: &Project, errors: Vec<Finding>, found: Vec<Finding>) -> Vec<Finding> {
    let covered = |f: &Finding| {
        errors.iter().any(|e| {
            e.locale == f.locale
                && match (&f.id, f.code) {
                    (Some(id), _) => e.id.as_deref() == Some(id.as_str()),
                    // An entry the build skipped for its syntax: check's
                    // syntax errors of the locale say it (all of them).
                    (None, Code::SyntaxError) => e.code == Code::SyntaxError,
                    (None, _) => false,
                }
        })
    };
    let mut out: Vec<Finding> = found
        .into_iter()
        .filter(|f| !covered(f))
        .map(|mut f| {
            let path = std::path::Path::new(&f.path);
            f.path = path
                .strip_prefix(&project.root)
                .unwrap_or(path)
                .display()
                .to_string();
            f
        })
        .collect();
    out.extend(errors);
    out.sort_by(|a, b| {
        (&a.locale, &a.path, a.line, a.column).cmp(&(&b.locale, &b.path, b.line, b.column))
    });
    out
}

/// `ftlkit check`'s error-level findings of the project (none where check
/// cannot read the project whole: no English yet).
fn check_errors(project: &Project) -> Vec<Finding> {
    crate::lint::audit::project_audit(project, &[], crate::lint::audit::Depth::ErrorsOnly)
        .map(|(a, _)| a.findings)
        .unwrap_or_default()
        .into_iter()
        .filter(|f| f.severity == crate::finding::Severity::Error)
        .collect()
}

/// Builds every document in every locale that passes its threshold.
pub fn build(project: &Project) -> Result<BuildReport> {
    build_with(project, &BuildOptions::default())
}

/// Extra choices for one build.
#[derive(Clone, Copy, Default)]
pub struct BuildOptions<'a> {
    /// Also build the pseudo-locales (`en-XA`, `ar-XB`), generated from the source.
    pub pseudo: bool,
    /// Called with (pages done, pages in all) as pages are rendered, from any thread.
    pub progress: Option<&'a (dyn Fn(usize, usize) + Sync)>,
    /// What to write: ftlkit's own site, or an mdBook source per locale.
    pub layout: Layout,
}

/// What a build writes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Layout {
    /// ftlkit's site: `<locale>/<doc>.html|md|txt`, the assets, each
    /// locale's index and `index.html`.
    #[default]
    Site,
    /// `<locale>/book.toml` and `<locale>/src/**`: a book `mdbook build` builds.
    Mdbook,
    /// `mkdocs.yml` and `docs/<locale>/**`: one MkDocs site with the
    /// mkdocs-static-i18n plugin (folder structure), built by `mkdocs build`.
    Mkdocs,
}

/// Builds with options (see [`BuildOptions`]).
///
/// Each file the build would write must be new, unchanged, or one ftlkit
/// wrote and nobody changed since (the outputs list, [`MANIFEST`], records a
/// hash of each): a file of someone else's is an error that names it, and
/// nothing is written. Each page is checked and written under a temporary
/// name as soon as it is rendered (memory does not grow with the pages); the
/// files are renamed into place once every one is allowed.
pub fn build_with(project: &Project, options: &BuildOptions<'_>) -> Result<BuildReport> {
    project.check_output()?;
    // Every file is checked against the outputs list and staged as soon as
    // it is made; none is put in place until all are allowed.
    let list = outputs::Outputs::read(project)?;
    // A build killed earlier may have left temporary files: they go first.
    crate::fsutil::remove_stale_temp_files(&project.output_dir, crate::fsutil::STALE_TEMP_AGE);
    let stage = outputs::Stage::new(&list);
    // Check's errors (what the build reports as check would) are found on
    // the other core while the pages are made: the build does not wait on
    // them, and a large site's check is a fifth of its build.
    let (check_errors, made) = rayon::join(
        || check_errors(project),
        || stage_pages(project, options, &stage),
    );
    let mut report = made?;
    report.findings = as_check_says(project, check_errors, std::mem::take(&mut report.findings));
    report
        .rendered
        .sort_by(|a, b| (&a.doc, &a.locale).cmp(&(&b.doc, &b.locale)));
    let mut staged = stage.finish()?;
    list.write_intent(&staged.planned)?;
    report.written = staged.persist()?;
    let cleanup = list.finish(&mut staged.planned)?;
    report.removed = cleanup.removed;
    report.kept = cleanup.kept;
    Ok(report)
}

/// Renders every page and makes every other file of the build, each
/// checked and staged as it is made ([`outputs::Stage::add`]).
fn stage_pages(
    project: &Project,
    options: &BuildOptions<'_>,
    stage: &outputs::Stage,
) -> Result<BuildReport> {
    let mut report = BuildReport::default();
    let scan = project.scan_documents()?;
    report.skipped_files = scan.skipped;
    // What the whole build reads of each document (the rest is loaded
    // again for the chunk that makes its pages: [`load::ChunkDocs`]).
    let docs = load::outlines(project, &scan.names)?;
    // A chunk of documents at a time, and one locale's files of it at a
    // time (and the source's): every page decided first, then rendered.
    let loader = load::Loader::new(project, &docs, options.pseudo, &mut report.findings)?;
    let chunks = include::chunks(&docs, load::CHUNK);
    let summary = docs.iter().find(|d| d.name == nav::SUMMARY);
    let summary = summary
        .map(|d| load::load_source_doc(project, &d.name))
        .transpose()?;
    let order = nav::order(&docs, summary.as_ref());
    drop(summary);
    let (plan, navs) = plan_all(
        project,
        &docs,
        &loader,
        &chunks,
        &order,
        options,
        &mut report,
    )?;
    // The source locale's page strings (the site index's words).
    let source = loader.load(0, &load::Chunk::none(), None, &mut Vec::new())?;
    unnamed_languages(project, &plan, &mut report.findings);
    let site = exec::SiteParts {
        order: &order,
        navs: &navs,
        book: match options.layout {
            Layout::Site => None,
            Layout::Mdbook => Some(crate::render::Book::Mdbook),
            Layout::Mkdocs => Some(crate::render::Book::Mkdocs),
        },
    };
    let skipped = std::sync::Mutex::new(Vec::new());
    // Where each file goes (a book's and MkDocs's pages elsewhere than a site's), staged there.
    let emit = |page: outputs::Output| -> Result<Option<PathBuf>> {
        let placed = match options.layout {
            Layout::Site => Some(page),
            Layout::Mdbook => mdbook::place(&project.output_dir, page),
            Layout::Mkdocs => match mkdocs::place(&project.output_dir, &loader.locales, page) {
                Ok(placed) => placed,
                Err(why) => {
                    skipped.lock().unwrap_or_else(|e| e.into_inner()).push(why);
                    None
                }
            },
        };
        let Some(out) = placed else { return Ok(None) };
        let path = out.path.clone();
        stage.add(out)?;
        Ok(Some(path))
    };
    let pages = exec::Pages::new(project, &docs, &loader.locales, &site)?;
    let rendering = Rendering {
        loader: &loader,
        chunks: &chunks,
        plan: &plan,
        site: &site,
        pages: &pages,
    };
    render_locales(project, &rendering, options, &emit, &mut report)?;
    report
        .skipped
        .extend(skipped.into_inner().unwrap_or_else(|e| e.into_inner()));
    let mut used = assets::used(project, &docs)?;
    // A page's own path is the page's: a file of the same name is not published over it.
    used.retain(|rel, _| {
        let page = [".html", ".txt", ".md"]
            .iter()
            .find_map(|ext| rel.strip_suffix(ext))
            .is_some_and(|stem| docs.iter().any(|d| d.name == stem));
        !page && rel != "index.html"
    });
    let site_parts = SiteFiles {
        docs: &docs,
        locales: &loader.locales,
        source: &source,
        plan: &plan,
        navs: &navs,
        order: &order,
    };
    let writes = match options.layout {
        Layout::Mdbook => mdbook::books(project, &docs, &loader.locales, &order, &navs, &used)?,
        Layout::Mkdocs => {
            mkdocs::site(project, &loader.locales, &plan.names, &source, &navs, &used)?
        }
        Layout::Site => site_files(project, &site_parts, &used)?,
    };
    writes.into_par_iter().try_for_each(|out| stage.add(out))?;
    Ok(report)
}

/// What rendering every locale's pages reads.
struct Rendering<'a> {
    loader: &'a load::Loader<'a>,
    chunks: &'a [load::Chunk],
    plan: &'a plan::Plan,
    site: &'a exec::SiteParts<'a>,
    pages: &'a exec::Pages<'a>,
}

/// Renders every page, a chunk of documents at a time and in each chunk
/// one locale at a time (its fallback chain's files of the chunk read, used
/// and dropped), each page handed to `emit`; then each locale's index page
/// (ftlkit's site only).
fn render_locales(
    project: &Project,
    r: &Rendering,
    options: &BuildOptions<'_>,
    emit: &exec::Emit<'_>,
    report: &mut BuildReport,
) -> Result<()> {
    let docs = r.pages.docs();
    let locales = 0..r.loader.locales.len();
    for chunk in r.chunks {
        let jobs_in = |l: usize| r.plan.jobs_of_docs(l, chunk.own.clone());
        if locales.clone().all(|l| jobs_in(l).is_empty()) {
            continue;
        }
        let whole = load::ChunkDocs::load(project, docs, chunk)?;
        let shared = exec::Shared::new(&whole, chunk.own.clone());
        let source = r.loader.load(0, chunk, None, &mut Vec::new())?;
        let references = r.loader.references(&source, &chunk.read)?;
        for l in locales.clone() {
            let jobs = jobs_in(l);
            if jobs.is_empty() {
                continue;
            }
            let owned = load_chain(r.loader, l, chunk, Some(&references), None)?;
            let chain = chain_refs(r.loader, l, &source, &owned);
            let inputs = exec::Inputs {
                pages: r.pages,
                docs: &whole,
                shared: &shared,
                chain: &chain,
            };
            for (rendered, findings) in
                exec::render_locale(project, &inputs, jobs, r.plan, r.site, options, emit)?
            {
                report.findings.extend(findings);
                report.rendered.push(rendered);
            }
        }
    }
    if options.layout == Layout::Site && project.formats.html {
        for l in locales.filter(|&l| !r.plan.jobs_of(l).is_empty()) {
            let own = r
                .loader
                .load(l, &load::Chunk::none(), None, &mut Vec::new())?;
            let index = locale_index(project, docs, &own, r.plan, r.site.order, r.site.navs);
            index.map(emit).transpose()?;
        }
    }
    Ok(())
}

/// The files of locale `l`'s fallback chain but the source's (which the
/// caller reads once for every locale), by locale index, of the documents
/// `chunk` reads; with stale ids when given the documents' English; the
/// warnings of `l`'s own files go to `findings` when given: the first
/// reading of a build, which decides the pages and reports the warnings.
fn load_chain(
    loader: &load::Loader,
    l: usize,
    chunk: &load::Chunk,
    references: Option<&[crate::standing::Reference]>,
    mut findings: Option<&mut Vec<Finding>>,
) -> Result<Vec<(usize, LocaleFiles)>> {
    let mut out = Vec::new();
    for i in loader.chain(l).into_iter().filter(|&i| i != 0) {
        let mut ignored = Vec::new();
        let sink = match findings.as_deref_mut() {
            Some(findings) if i == l => findings,
            _ => &mut ignored,
        };
        out.push((i, loader.load(i, chunk, references, sink)?));
    }
    Ok(out)
}

/// Locale `l`'s fallback chain, from the source's files and those
/// [`load_chain`] read.
fn chain_refs<'a>(
    loader: &load::Loader,
    l: usize,
    source: &'a LocaleFiles,
    owned: &'a [(usize, LocaleFiles)],
) -> Vec<&'a LocaleFiles> {
    loader
        .chain(l)
        .into_iter()
        .filter_map(|i| match i {
            0 => Some(source),
            i => owned.iter().find(|(j, _)| *j == i).map(|(_, f)| f),
        })
        .collect()
}

/// What deciding the pages gathers of each locale, chunk by chunk.
struct Decisions {
    /// Per document, why the locale would not publish it, if it would not.
    reasons: Vec<Option<(String, Option<f64>)>>,
    /// Per entry of the navigation's order, its title (once its document's
    /// chunk was read).
    titles: Vec<Option<nav::Title>>,
    /// The book's title and description (once the summary's chunk was read).
    book: Option<[Option<nav::Title>; 2]>,
}

/// Decides every page, a chunk of documents at a time and in each chunk
/// locale by locale (each locale's files of the chunk read, used and
/// dropped): which documents each locale publishes (the others in
/// `report.skipped`, in the documents' order), each locale as a version to
/// link to, and each locale's navigation (none for a locale without pages).
fn plan_all(
    project: &Project,
    docs: &[load::Outline],
    loader: &load::Loader,
    chunks: &[load::Chunk],
    order: &nav::Order,
    options: &BuildOptions<'_>,
    report: &mut BuildReport,
) -> Result<(plan::Plan, Vec<Option<nav::LocaleNav>>)> {
    let locales = &loader.locales;
    let has_folder = |l: usize| {
        let id = locales[l].id.as_str();
        crate::pseudo::PSEUDO_LOCALES.contains(&id) || project.locales_dir.join(id).is_dir()
    };
    let has_folder: Vec<bool> = (0..locales.len()).map(has_folder).collect();
    let mut decided: Vec<Decisions> = (0..locales.len())
        .map(|_| Decisions {
            reasons: Vec::with_capacity(docs.len()),
            titles: vec![None; order.entries.len()],
            book: None,
        })
        .collect();
    let summary = docs.iter().position(|d| d.name == nav::SUMMARY);
    for chunk in chunks {
        let read: std::collections::HashSet<usize> = chunk.read.iter().copied().collect();
        let source = loader.load(0, chunk, None, &mut report.findings)?;
        for (l, d) in decided.iter_mut().enumerate() {
            let owned = load_chain(loader, l, chunk, None, Some(&mut report.findings))?;
            let chain = chain_refs(loader, l, &source, &owned);
            let own = chunk.own.clone();
            let reasons = plan::skip_reasons(project, docs, own, chain[0], l, has_folder[l]);
            d.reasons.extend(reasons);
            // Each title once, from the first chunk that reads its document.
            let wanted = |e: usize, doc: usize| d.titles[e].is_none() && read.contains(&doc);
            let titles = nav::titles_of(order, docs, &chain, &wanted);
            for (title, new) in d.titles.iter_mut().zip(titles) {
                if title.is_none() {
                    *title = new;
                }
            }
            if d.book.is_none() && summary.is_some_and(|s| read.contains(&s)) {
                d.book = Some(nav::book_fields(docs, &chain));
            }
        }
    }
    let mut plan = plan::Plan::default();
    plan.roles = plan::roles(docs, order, options.layout);
    let mut skipped = Vec::new();
    let mut navs = Vec::new();
    let source = loader.load(0, &load::Chunk::none(), None, &mut Vec::new())?;
    for (l, d) in decided.into_iter().enumerate() {
        // The locale's page strings, along its chain.
        let pages = load_chain(loader, l, &load::Chunk::none(), None, None)?;
        let chain = chain_refs(loader, l, &source, &pages);
        plan.names.push(plan::alternate(chain[0]));
        let (jobs, not) = plan::plan_locale(docs, &plan.roles, &locales[l].id, l, d.reasons);
        let published: rustc_hash::FxHashSet<usize> = jobs.iter().map(|j| j.doc).collect();
        navs.push((!published.is_empty()).then(|| {
            let titles = d
                .titles
                .into_iter()
                .map(|t| t.unwrap_or_default())
                .collect();
            let mut nav = nav::LocaleNav::new(order, titles, &chain, published, &project.source.id);
            [nav.book_title, nav.book_description] = d.book.unwrap_or_default();
            nav
        }));
        plan.add(jobs);
        skipped.extend(not.into_iter().map(|(d, s)| (d, l, s)));
    }
    skipped.sort_by_key(|(d, l, _)| (*d, *l));
    report.skipped = skipped.into_iter().map(|(_, _, s)| s).collect();
    Ok((plan, navs))
}

/// What the site's own files (besides the pages and each locale's index) are made of.
struct SiteFiles<'a> {
    docs: &'a [load::Outline],
    locales: &'a [Locale],
    source: &'a LocaleFiles,
    plan: &'a plan::Plan,
    navs: &'a [Option<nav::LocaleNav>],
    order: &'a nav::Order,
}

/// ftlkit's site besides the pages and each locale's index: each locale's
/// assets, the site index and, with a base URL, `sitemap.xml`.
fn site_files(
    project: &Project,
    site: &SiteFiles,
    used: &std::collections::BTreeMap<String, std::sync::Arc<Vec<u8>>>,
) -> Result<Vec<outputs::Output>> {
    let SiteFiles {
        docs,
        locales,
        source,
        plan,
        navs,
        order,
    } = *site;
    let mut writes = Vec::new();
    for (locale, nav) in locales.iter().zip(navs) {
        if nav.is_some() {
            let dir = project.output_dir.join(&locale.id);
            writes.extend(assets::outputs(project, &locale.id, used, &dir)?);
        }
    }
    // The indexes are HTML pages: a site without them has none.
    if !project.formats.html {
        return Ok(writes);
    }
    writes.push(outputs::Output::new(
        project.output_dir.join("index.html"),
        index_page(project, docs, source, plan, order, navs),
    ));
    if let Some(base) = &project.base_url {
        writes.push(outputs::Output::new(
            project.output_dir.join("sitemap.xml"),
            site_map(project, base, docs, plan, navs),
        ));
    }
    Ok(writes)
}

/// Whether a version is a real locale's (not a pseudo-locale's, which tests
/// layouts and is never offered to readers or search engines as a language).
fn is_real(alternate: &Alternate) -> bool {
    alternate
        .locale
        .parse::<unic_langid::LanguageIdentifier>()
        .map_or(true, |l| !crate::locale::is_pseudo(&l))
}

/// `sitemap.xml`: each document's pages in the real locales that publish it,
/// and each locale's index, with their alternates (see [`sitemap`]).
fn site_map(
    project: &Project,
    base: &str,
    docs: &[load::Outline],
    plan: &plan::Plan,
    navs: &[Option<nav::LocaleNav>],
) -> String {
    let source = project.source.id.as_str();
    // `x-default` as the pages have it: the source's version, else the site index.
    fn entry<'a>(source: &str, path: String, locales: Vec<&'a str>) -> sitemap::Entry<'a> {
        let default = match locales.contains(&source) && path != "index.html" {
            true => format!("{source}/{path}"),
            false => "index.html".into(),
        };
        sitemap::Entry {
            default,
            path,
            locales,
        }
    }
    let mut entries: Vec<sitemap::Entry> = docs
        .iter()
        .enumerate()
        .filter(|(d, _)| plan.listed(*d))
        .map(|(d, doc)| {
            let versions: Vec<&str> = plan
                .jobs
                .iter()
                .filter(|j| j.doc == d && is_real(&plan.names[j.locale]))
                .map(|j| plan.names[j.locale].locale.as_str())
                .collect();
            entry(source, format!("{}.html", doc.name), versions)
        })
        .collect();
    if !docs.iter().any(|d| d.name == "index") {
        let indexes: Vec<&str> = plan
            .names
            .iter()
            .zip(navs)
            .filter(|(a, n)| n.is_some() && is_real(a))
            .map(|(a, _)| a.locale.as_str())
            .collect();
        entries.push(entry(source, "index.html".into(), indexes));
    }
    sitemap::sitemap(base, &entries)
}

/// `<locale>/index.html` of the locale whose files are `lf` (if it has
/// pages): its documents in order, in its language (none where a document is
/// named `index`: it is the page).
fn locale_index(
    project: &Project,
    docs: &[load::Outline],
    lf: &LocaleFiles,
    plan: &plan::Plan,
    order: &nav::Order,
    navs: &[Option<nav::LocaleNav>],
) -> Option<outputs::Output> {
    if docs.iter().any(|d| d.name == "index") {
        return None;
    }
    let l = plan.names.iter().position(|a| a.locale == lf.locale.id)?;
    let nav = navs[l].as_ref()?;
    // A real locale's readers are not offered the pseudo-locales'.
    let shown: Vec<Alternate> = plan
        .names
        .iter()
        .zip(navs)
        .filter(|(_, n)| n.is_some())
        .map(|(a, _)| a)
        .filter(|a| is_real(a) || crate::locale::is_pseudo(&lf.locale.langid))
        .cloned()
        .collect();
    // A book's index is titled as the book in the locale's words; the
    // locale's own index title before the book's title in another language.
    let book = nav.book_title.as_ref();
    let (title, title_lang) = book
        .filter(|t| t.lang.is_none())
        .map(|t| (t.text.clone(), None))
        .or_else(|| format::page_string(lf, Id::IndexTitle, None).map(|t| (t, None)))
        .or_else(|| book.map(|t| (t.text.clone(), t.lang.as_ref())))
        .unwrap_or((nav.contents.clone(), None));
    let html = crate::render::page::locale_index(&crate::render::page::IndexParts {
        lang: &lf.locale.id,
        dir: lf.locale.direction,
        title: &title,
        title_lang,
        entries: &nav.toc(order, docs, "", None),
        alternates: &shown,
        switcher_label: &format::page_string(lf, Id::LanguageSwitcher, None)
            .map(|s| crate::render::plain_isolates(&s, lf.locale.direction))
            .unwrap_or_default(),
        digits: crate::intl::digits(&lf.locale.format_langid)
            .as_ref()
            .and_then(crate::intl::list_style),
        og_locale: &crate::locale::og_locale(&lf.locale.format_langid),
        base_url: project.base_url.as_deref(),
    });
    Some(outputs::Output::new(
        project.output_dir.join(&lf.locale.id).join("index.html"),
        html,
    ))
}

/// The site index: each document in the source locale's words, with the
/// versions it is published in, in the tree's order (a book's summary's,
/// then what it does not list, by name).
fn index_page(
    project: &Project,
    docs: &[load::Outline],
    source: &LocaleFiles,
    plan: &plan::Plan,
    order: &nav::Order,
    navs: &[Option<nav::LocaleNav>],
) -> String {
    let mut seen = std::collections::HashSet::new();
    let ordered: Vec<usize> = order
        .entries
        .iter()
        .filter_map(|e| e.doc)
        .chain(0..docs.len())
        .filter(|d| plan.listed(*d) && seen.insert(*d))
        .collect();
    let entries: Vec<IndexEntry> = ordered
        .into_iter()
        .map(|d| (d, &docs[d]))
        .map(|(d, doc)| {
            // Pseudo-locales test layouts: they are no language to list.
            let versions: Vec<Alternate> = plan.versions(d).into_iter().filter(is_real).collect();
            let count = FluentValue::from(versions.len());
            IndexEntry {
                doc: doc.name.clone(),
                title: doc
                    .title
                    .as_ref()
                    .map(|(title, _)| title.clone())
                    .unwrap_or_else(|| doc.name.clone()),
                languages_line: format::page_string(source, Id::IndexLanguages, Some(count))
                    .map(|s| crate::render::plain_isolates(&s, source.locale.direction))
                    .unwrap_or_default(),
                versions,
            }
        })
        .collect();
    crate::render::page::index_page(
        &project.source.id,
        project.source.direction,
        // A book's is titled as the book.
        &navs
            .first()
            .and_then(|n| n.as_ref()?.book_title.as_ref())
            .map(|t| t.text.clone())
            .or_else(|| format::page_string(source, Id::IndexTitle, None))
            .unwrap_or_else(|| "Documents".into()),
        &entries,
    )
}

/// One document rendered in one locale, without a disk.
#[derive(Debug, Clone)]
pub struct Page {
    pub html: String,
    pub markdown: String,
    pub text: String,
    /// Units the locale itself translated (not taken from a fallback).
    pub translated: usize,
    /// Units the locale has stale (shown as its `stale` mode says).
    pub stale: usize,
    /// Messages that formatted with errors (each shown from the next locale of
    /// the chain that has it cleanly, usually the English).
    pub errors: Vec<FormatError>,
}

/// Renders `doc` for the first locale of `chain`, falling back along it.
pub fn render_page(
    doc: &SourceDoc,
    chain: &[&LocaleFiles],
    alternates: &[Alternate],
    default_locale: &str,
) -> Page {
    let shared = crate::render::shared(&doc.text, &doc.loaded.doc);
    static NONE: std::sync::OnceLock<std::collections::HashSet<String>> =
        std::sync::OnceLock::new();
    let site = Site {
        links: crate::render::links::Links {
            doc: &doc.loaded.name,
            docs: NONE.get_or_init(Default::default),
            published: None,
            source: default_locale,
        },
        nav: None,
        book: None,
        base_url: None,
        formats: Default::default(),
        sources: &[],
        files: None,
        book_ids: None,
    };
    render_page_shared(doc, &shared, chain, alternates, default_locale, site)
}

/// Where a page stands in its site: where its links to other documents
/// point, and its way around (none in a preview).
#[derive(Clone, Copy)]
pub(crate) struct Site<'a> {
    pub links: crate::render::links::Links<'a>,
    pub nav: Option<&'a crate::render::page::Nav>,
    /// The book the Markdown is for, if any (see [`crate::render::Book`]).
    pub book: Option<crate::render::Book>,
    /// `[build] base-url`: absolute alternates and a canonical link.
    pub base_url: Option<&'a str>,
    /// The site's page formats (an HTML page or a text not asked for is not made).
    pub formats: crate::project::Formats,
    /// The documents another's `{{#include x.md}}` may show (none in a preview).
    pub sources: &'a [SourceDoc],
    /// The files code blocks include, by path under the content folder.
    pub files: Option<&'a std::collections::HashMap<String, String>>,
    /// A book's documents only included by others, and the ids before them
    /// where mdBook first shows them ([`include::book_ids`]).
    pub book_ids: Option<&'a HashMap<String, crate::render::links::Ids>>,
}

/// A document formatted in its locale (the first of `chain`): its blocks,
/// page strings and what its mdBook directives include — what a page's
/// [`RenderInput`] is made of, for a page and for a document included in one.
struct Formatted {
    units: format::Units,
    page: crate::render::PageText,
    switcher_label: String,
    includes: crate::render::Includes,
    errors: Vec<format::RawError>,
}

impl Formatted {
    /// `depth`: how deep in other pages the document is included (0: its own page).
    /// `ids`: the ids of the headings before it on the page that includes it.
    fn new(
        doc: &SourceDoc,
        chain: &[&LocaleFiles],
        site: &Site,
        depth: usize,
        ids: &crate::render::links::Ids,
    ) -> Formatted {
        let bundles = format::bundles(chain, &doc.loaded.name);
        let mut errors = Vec::new();
        let units = format::units(doc, chain, &bundles, &mut errors);
        let (page, switcher_label) =
            format::page_text(doc, &units.meta, chain, &bundles, &mut errors);
        Formatted {
            includes: include::includes(doc, chain, site, depth, ids),
            units,
            page,
            switcher_label,
            errors,
        }
    }

    fn input<'a>(
        &'a self,
        doc: &'a SourceDoc,
        chain: &[&'a LocaleFiles],
        site: &Site<'a>,
    ) -> RenderInput<'a> {
        let locale = &chain[0].locale;
        RenderInput {
            source: &doc.text,
            doc: &doc.loaded.doc,
            blocks: &self.units.blocks,
            meta: &self.units.meta,
            lang: &locale.id,
            dir: locale.direction,
            page: &self.page,
            links: site.links,
            book: site.book,
            includes: &self.includes,
            digits: crate::intl::digits(&locale.format_langid),
        }
    }
}

/// [`render_page`] with the part of the work all pages of `doc` share
/// ([`crate::render::shared`]) already done.
fn render_page_shared(
    doc: &SourceDoc,
    shared: &crate::render::Shared,
    chain: &[&LocaleFiles],
    alternates: &[Alternate],
    default_locale: &str,
    site: Site,
) -> Page {
    let locale = &chain[0].locale;
    let name = &doc.loaded.name;
    let formatted = Formatted::new(doc, chain, &site, 0, &Default::default());
    let input = formatted.input(doc, chain, &site);
    let Formatted {
        units,
        switcher_label,
        errors,
        ..
    } = &formatted;
    let title = crate::markdown::title_block(&doc.loaded.doc.blocks)
        .and_then(|i| units.blocks.get(i))
        .map(|p| {
            crate::markdown::title_text(&crate::render::plain_isolates(&p.text, locale.direction))
        })
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| name.clone());
    let prepared = crate::render::prepare(&input, shared);
    // The Markdown is a page of its own, a book's page, and what the text is
    // made from: a site of HTML pages only needs none.
    let markdown = match site.book.is_some() || site.formats.md || site.formats.txt {
        true => crate::render::markdown_prepared(&input, &prepared),
        false => String::new(),
    };
    // A book's pages are its Markdown: no HTML page or text is made for it.
    let (html, text) = match site.book {
        Some(_) => (String::new(), String::new()),
        None if !site.formats.html => {
            let text = match site.formats.txt {
                true => crate::render::text(&input, &markdown),
                false => String::new(),
            };
            (String::new(), text)
        }
        None => {
            let body = crate::render::html_body_prepared(&input, shared, &prepared);
            let html = crate::render::page::document_page(&PageParts {
                lang: &locale.id,
                dir: locale.direction,
                title: &title,
                doc: name,
                body: &body,
                switcher_label: &crate::render::plain_isolates(switcher_label, locale.direction),
                alternates,
                default_locale,
                nav: site.nav,
                digits: input.digits.as_ref().and_then(crate::intl::list_style),
                description: description(&input).as_deref(),
                og_locale: &crate::locale::og_locale(&locale.format_langid),
                base_url: site.base_url,
                not_found: name == plan::NOT_FOUND
                    && site.links.docs.contains(crate::markdown::SUMMARY),
            });
            let text = match site.formats.txt {
                true => crate::render::text(&input, &markdown),
                false => String::new(),
            };
            (html, text)
        }
    };
    let errors = errors
        .iter()
        .map(|e| format::locate(chain, name, e))
        .collect();
    Page {
        html,
        markdown,
        text,
        translated: units.translated,
        stale: units.stale,
        errors,
    }
}

/// A page's description: its translated `description` field, else the
/// start of its first paragraph in the page's own language (none when every
/// paragraph is a fallback: a description in another language misleads).
fn description(input: &RenderInput) -> Option<String> {
    use crate::markdown::BlockKind;
    let field = input
        .meta
        .iter()
        .find(|(key, _)| key == "description")
        .map(|(_, text)| crate::render::plain_isolates(text, input.dir));
    let first = || {
        input
            .doc
            .blocks
            .iter()
            .zip(input.blocks)
            .find(|(b, p)| b.kind == BlockKind::Paragraph && b.depth == 0 && p.fallback.is_none())
            .map(|(_, p)| crate::render::plain_isolates(&p.text, input.dir))
    };
    let text = field.or_else(first)?;
    // Read in the document (its link definitions resolve `[x][y]`), so a
    // reference link is its words, not its brackets.
    use pulldown_cmark::{Event, Tag, TagEnd};
    let mut plain = String::new();
    let mut in_footnote = false; // the context's footnote stubs, not the text
    for (event, _) in input.doc.context.events(&text) {
        match event {
            Event::Start(Tag::FootnoteDefinition(_)) => in_footnote = true,
            Event::End(TagEnd::FootnoteDefinition) => in_footnote = false,
            Event::Text(t) | Event::Code(t) if !in_footnote => plain.push_str(&t),
            Event::SoftBreak | Event::HardBreak if !in_footnote => plain.push(' '),
            _ => {}
        }
    }
    let words: Vec<&str> = plain.split_whitespace().collect();
    let mut out = String::new();
    for word in words {
        if out.chars().count() + word.chars().count() > DESCRIPTION_MAX {
            out.push('…');
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    (!out.is_empty()).then_some(out)
}

/// The longest description written, in characters (search engines show about 155).
const DESCRIPTION_MAX: usize = 160;

/// One document rendered for one locale from the files on disk, as `build`
/// renders it (fallback chain included), with nothing written: `serve`'s
/// live preview.
pub fn preview_page(project: &Project, locale: &str, doc: &str) -> Result<Page> {
    // The documents its `{{#include x.md}}` show, loaded beside it.
    let names: std::collections::HashSet<String> = project.documents()?.into_iter().collect();
    let mut docs = load::source_docs(project, &[doc.to_string()])?;
    let included = include::included_names(&load::Outline::of(&docs[0]), &names);
    if !included.is_empty() {
        docs = load::source_docs(project, &[&[doc.to_string()], &included[..]].concat())?;
    }
    let outlines: Vec<load::Outline> = docs.iter().map(load::Outline::of).collect();
    let files = include::files(project, &outlines[..1]);
    let loader = load::Loader::new(project, &outlines, false, &mut Vec::new())?;
    let l = loader
        .locales
        .iter()
        .position(|f| f.id == locale)
        .ok_or_else(|| project.unknown_locale(locale))?;
    let all = load::Chunk::all(docs.len());
    let source = loader.load(0, &all, None, &mut Vec::new())?;
    let references = loader.references(&source, &all.read)?;
    let owned = load_chain(&loader, l, &all, Some(&references), None)?;
    let chain = chain_refs(&loader, l, &source, &owned);
    // Links to the project's other documents point at their previews
    // (`other.md#x` → `other.html#x`, which serve previews as `other`).
    let doc = &docs[0];
    let shared = crate::render::shared(&doc.text, &doc.loaded.doc);
    let site = Site {
        links: crate::render::links::Links {
            doc: &doc.loaded.name,
            docs: &names,
            published: None,
            source: &project.source.id,
        },
        nav: None,
        book: None,
        base_url: None,
        formats: Default::default(),
        sources: &docs,
        files: Some(&files),
        book_ids: None,
    };
    Ok(render_page_shared(
        doc,
        &shared,
        &chain,
        &[],
        &project.source.id,
        site,
    ))
}

/// Renders a document given as text in one locale given as Fluent text, with
/// the source messages extracted on the spot: the whole build path without a
/// disk (used by the fuzz target and property tests). Page strings are optional.
pub fn render_text(
    markdown: &str,
    translation: &str,
    page_ftl: &str,
    locale_id: &str,
) -> Result<Page> {
    let doc = crate::markdown::parse(markdown).map_err(|e| Error::Usage(e.message))?;
    let langid = crate::locale::parse_locale(locale_id).map_err(Error::Usage)?;
    let source_langid: unic_langid::LanguageIdentifier = "en-US".parse().expect("valid");
    let extraction = crate::extract::extract("doc", &doc, &[]);
    // A text nested too deeply is left out, as the build leaves out such a file.
    let resource = |text: &str| {
        crate::ftl::load::bundle_resource(text.to_string())
            .unwrap_or_else(|_| crate::ftl::load::bundle_resource(String::new()).expect("empty"))
    };
    let locale = Locale::unconfigured;
    let files = [
        LocaleFiles {
            locale: locale(locale_id, langid),
            page: Some(std::sync::Arc::new(resource(page_ftl))),
            docs: HashMap::from([("doc".to_string(), resource(translation))]),
            stale: HashMap::new(),
            unreviewed: HashMap::new(),
        },
        LocaleFiles {
            locale: locale("en-US", source_langid),
            page: None,
            docs: HashMap::from([("doc".to_string(), resource(&extraction.ftl))]),
            stale: HashMap::new(),
            unreviewed: HashMap::new(),
        },
    ];
    let words = doc.word_count();
    let source = SourceDoc {
        loaded: LoadedDoc {
            name: "doc".into(),
            path: "doc.md".into(),
            doc,
        },
        text: markdown.to_string(),
        units: extraction.units,
        words,
    };
    let chain: Vec<&LocaleFiles> = files.iter().collect();
    Ok(render_page(&source, &chain, &[], "en-US"))
}

#[cfg(test)]
mod tests {
    use crate::page_strings::Id;

    /// The page-string ids are a contract with every translator's `page.ftl`:
    /// renaming one silently drops every translation of it. (lint's test that
    /// reads this file for `"page-…"` literals also checks this list until lint
    /// takes the ids from `page_strings`.)
    #[test]
    fn page_string_ids_are_stable() {
        let ids = Id::ALL.map(Id::id);
        assert_eq!(
            ids,
            [
                "page-written-by",
                "page-edited-by",
                "page-reading-time",
                "page-index-languages",
                "page-language-name",
                "page-language-switcher",
                "page-untranslated-note",
                "page-stale-note",
                "page-index-title",
                "page-alert-note",
                "page-alert-tip",
                "page-alert-important",
                "page-alert-warning",
                "page-alert-caution",
                "page-contents",
                "page-previous",
                "page-next",
            ]
        );
    }
}
