//! `build`: every document in every published locale → `dist/<locale>/<doc>.{html,md,txt}`
//! and `dist/index.html`.
//!
//! Resources are parsed once per file; each (document, locale) page is then
//! rendered on its own thread (rayon) with bundles for its fallback chain.

use crate::error::{Error, Result};
use crate::extract::{Origin, Unit};
use crate::fsutil::{write_if_changed_with, Durability};
use crate::locale::fallback_chain;
use crate::project::files::LoadedDoc;
use crate::project::{Locale, Project};
use crate::render::page::{Alternate, IndexEntry, PageParts};
use crate::render::{FallbackInfo, PageString, PageText, Piece, RenderInput};
use fluent_bundle::{FluentArgs, FluentBundle, FluentResource, FluentValue};
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::Path;
use std::path::PathBuf;

/// Words per minute used for the reading time.
pub const WORDS_PER_MINUTE: usize = 200;

/// A locale's parsed Fluent files.
pub struct LocaleFiles {
    pub locale: Locale,
    pub page: Option<FluentResource>,
    /// Keyed by document name.
    pub docs: HashMap<String, FluentResource>,
    /// Stale message ids per document, when the locale falls back on stale.
    pub stale: HashMap<String, std::collections::HashSet<String>>,
}

impl LocaleFiles {
    fn has(&self, doc: &str, id: &str) -> bool {
        self.docs.get(doc).is_some_and(|r| has_value(r, id))
            || self.page.as_ref().is_some_and(|r| has_value(r, id))
    }
}

fn has_value(resource: &FluentResource, id: &str) -> bool {
    use fluent_syntax::ast::Entry;
    resource
        .entries()
        .any(|e| matches!(e, Entry::Message(m) if m.id.name == id && m.value.is_some()))
}

/// A document with its units, checked against the source locale's file.
pub struct SourceDoc {
    pub loaded: LoadedDoc,
    pub text: String,
    pub units: Vec<Unit>,
    /// Words of the source, for the reading time.
    pub words: usize,
}

/// Why a locale was not published for a document.
#[derive(Debug, Clone)]
pub struct Skipped {
    pub doc: String,
    pub locale: String,
    pub reason: String,
}

/// A page that was rendered.
#[derive(Debug, Clone)]
pub struct Rendered {
    pub doc: String,
    pub locale: String,
    pub translated: usize,
    pub total: usize,
    pub files: Vec<PathBuf>,
}

#[derive(Debug, Default)]
pub struct BuildReport {
    pub rendered: Vec<Rendered>,
    pub skipped: Vec<Skipped>,
    /// Problems that did not stop the build (a Fluent syntax error, a formatting error).
    pub warnings: Vec<String>,
    /// Files written (unchanged files are not rewritten).
    pub written: usize,
    /// Outputs of an earlier build that this one no longer makes (a locale now
    /// below its threshold, a removed document or locale), removed.
    pub removed: Vec<PathBuf>,
}

/// The list of the files the last build made, relative to the output folder,
/// one per line: what lets the next build remove the ones it no longer makes
/// without touching anything else in the folder.
pub const MANIFEST: &str = ".ftlkit.outputs";

/// Removes the outputs listed in the previous manifest that `current` (paths
/// relative to the output folder) no longer has, then writes the new manifest.
/// Only plain `index.html` or `<locale>/<doc>.(html|md|txt)` entries are
/// honoured, never through a symbolic link: a manifest edited to point
/// elsewhere removes nothing.
fn replace_outputs(output_dir: &Path, current: &[String]) -> Result<Vec<PathBuf>> {
    let manifest = output_dir.join(MANIFEST);
    let previous = match std::fs::read_to_string(&manifest) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(Error::io(&manifest, e)),
    };
    let keep: std::collections::HashSet<&str> = current.iter().map(String::as_str).collect();
    let mut removed = Vec::new();
    for rel in previous.lines().filter(|l| !keep.contains(l)) {
        if !is_output_path(rel) {
            continue;
        }
        let path = output_dir.join(rel);
        let parent_is_link = path.parent().filter(|p| *p != output_dir).is_some_and(|p| {
            p.symlink_metadata()
                .is_ok_and(|m| m.file_type().is_symlink())
        });
        let is_file = path
            .symlink_metadata()
            .is_ok_and(|m| m.file_type().is_file());
        if parent_is_link || !is_file {
            continue;
        }
        std::fs::remove_file(&path).map_err(|e| Error::io(&path, e))?;
        // The locale's folder goes too once nothing is left in it.
        if let Some(dir) = path.parent().filter(|p| *p != output_dir) {
            let _ = std::fs::remove_dir(dir);
        }
        removed.push(path);
    }
    let mut list = current.to_vec();
    list.sort();
    list.dedup();
    let mut text = list.join("\n");
    text.push('\n');
    write_if_changed_with(&manifest, text.as_bytes(), Durability::Rebuildable)?;
    Ok(removed)
}

/// `index.html`, or `<locale>/<name>.(html|md|txt)` with plain components.
fn is_output_path(rel: &str) -> bool {
    let parts: Vec<&str> = rel.split('/').collect();
    let plain = |p: &str| !p.is_empty() && p != "." && p != ".." && !p.contains('\\');
    match parts.as_slice() {
        ["index.html"] => true,
        [locale, file] => {
            plain(locale)
                && plain(file)
                && [".html", ".md", ".txt"]
                    .iter()
                    .any(|ext| file.ends_with(ext))
        }
        _ => false,
    }
}

/// Matches `pattern` (with `*` for any run of characters) against `id`.
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

/// Loads a document and checks that the source locale's file matches it.
pub fn load_source_doc(project: &Project, name: &str) -> Result<SourceDoc> {
    let loaded = crate::project::files::load_document(project, name)?;
    let text = crate::fsutil::read_text(&loaded.path)?;
    let ftl_path = project.ftl_path(&project.source.id, name);
    let previous = crate::ftl::load::read_resource(&ftl_path)?
        .map(|r| crate::ftl::message_texts(&r))
        .ok_or_else(|| {
            Error::file(
                &ftl_path,
                "missing: run `ftlkit extract` to create the source messages",
            )
        })?;
    let units = crate::extract::assign_ids(name, &loaded.doc, &previous);
    let known: HashMap<&str, Option<&str>> = previous
        .iter()
        .map(|(id, t)| (id.as_str(), t.as_deref()))
        .collect();
    if let Some(stale) = units
        .iter()
        .find(|u| known.get(u.id.as_str()) != Some(&Some(u.text.as_str())))
    {
        return Err(Error::file(
            &loaded.path,
            format!(
                "does not match {1} at `{0}`: the document changed since the last extract, or {1} was edited by hand (it is written by `ftlkit extract`: edit the document instead); run `ftlkit extract`",
                stale.id,
                ftl_path
                    .strip_prefix(&project.root)
                    .unwrap_or(&ftl_path)
                    .display()
            ),
        ));
    }
    let words = loaded.doc.word_count();
    Ok(SourceDoc {
        loaded,
        text,
        units,
        words,
    })
}

fn load_resource(
    path: &std::path::Path,
    warnings: &mut Vec<String>,
) -> Result<Option<FluentResource>> {
    let text = match crate::fsutil::read_text(path) {
        Ok(t) => t,
        Err(Error::Io { source, .. }) if source.kind() == std::io::ErrorKind::NotFound => {
            return Ok(None)
        }
        Err(e) => return Err(e),
    };
    if let Some(at) = crate::ftl::too_deep(&text) {
        let (line, col) = crate::ftl::line_column(&text, at);
        warnings.push(format!(
            "{}:{line}:{col}: {}",
            path.display(),
            crate::ftl::too_deep_message()
        ));
        return Ok(None);
    }
    Ok(Some(match FluentResource::try_new(text) {
        Ok(r) => r,
        Err((r, errors)) => {
            const SHOWN: usize = 10;
            if errors.len() > SHOWN {
                warnings.push(format!(
                    "{}: {} Fluent syntax errors, the first {SHOWN} below; `ftlkit check` lists them",
                    path.display(),
                    errors.len()
                ));
            }
            for e in errors.iter().take(SHOWN) {
                let (line, col) = crate::ftl::line_column(r.source(), e.pos.start);
                warnings.push(format!(
                    "{}:{line}:{col}: Fluent syntax error, entry skipped: {}",
                    path.display(),
                    e.kind
                ));
            }
            r
        }
    }))
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
}

/// The pseudo-locales' files, generated in memory from the source locale's.
fn pseudo_files(project: &Project, docs: &[SourceDoc]) -> Result<Vec<LocaleFiles>> {
    use crate::pseudo::{pseudo_ftl, Strategy, PSEUDO_LOCALES};
    let mut out = Vec::new();
    for id in PSEUDO_LOCALES {
        let strategy = Strategy::for_locale(id).expect("known pseudo-locale");
        let langid: unic_langid::LanguageIdentifier = id.parse().expect("valid pseudo-locale id");
        let resource = |name: &str| -> Result<Option<FluentResource>> {
            let path = project.ftl_path(&project.source.id, name);
            if !path.exists() {
                return Ok(None);
            }
            let text = pseudo_ftl(&crate::fsutil::read_text(&path)?, strategy);
            Ok(Some(
                FluentResource::try_new(text).unwrap_or_else(|(r, _)| r),
            ))
        };
        let mut by_doc = HashMap::new();
        for doc in docs {
            if let Some(r) = resource(&doc.loaded.name)? {
                by_doc.insert(doc.loaded.name.clone(), r);
            }
        }
        out.push(LocaleFiles {
            locale: Locale::unconfigured(id, langid),
            page: resource("page")?,
            docs: by_doc,
            stale: HashMap::new(),
        });
    }
    Ok(out)
}

/// Builds with options (see [`BuildOptions`]).
pub fn build_with(project: &Project, options: &BuildOptions<'_>) -> Result<BuildReport> {
    let mut report = BuildReport::default();
    let docs: Vec<SourceDoc> = project
        .documents()?
        .iter()
        .map(|name| load_source_doc(project, name))
        .collect::<Result<_>>()?;
    let mut files = Vec::new();
    for locale in project.all_locales() {
        let page = load_resource(&project.ftl_path(&locale.id, "page"), &mut report.warnings)?;
        let mut by_doc = HashMap::new();
        let mut stale = HashMap::new();
        for doc in &docs {
            let name = &doc.loaded.name;
            let path = project.ftl_path(&locale.id, name);
            if let Some(r) = load_resource(&path, &mut report.warnings)? {
                if locale.fallback_on_stale && locale.id != project.source.id {
                    stale.insert(
                        name.clone(),
                        stale_ids(project, &locale.id, name, r.source())?,
                    );
                }
                by_doc.insert(name.clone(), r);
            }
        }
        files.push(LocaleFiles {
            locale: locale.clone(),
            page,
            docs: by_doc,
            stale,
        });
    }
    if options.pseudo {
        files.extend(pseudo_files(project, &docs)?);
    }

    // Decide what is published.
    let mut jobs: Vec<(usize, usize)> = Vec::new();
    for (d, doc) in docs.iter().enumerate() {
        for (l, lf) in files.iter().enumerate() {
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
            let is_pseudo = crate::pseudo::PSEUDO_LOCALES.contains(&lf.locale.id.as_str());
            let reason = if l == 0 {
                None
            } else if !is_pseudo && !project.locales_dir.join(&lf.locale.id).is_dir() {
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
            };
            match reason {
                Some(reason) => report.skipped.push(Skipped {
                    doc: name.clone(),
                    locale: lf.locale.id.clone(),
                    reason,
                }),
                None => jobs.push((d, l)),
            }
        }
    }

    let available: Vec<_> = files.iter().map(|f| f.locale.langid.clone()).collect();
    let names: Vec<Alternate> = files
        .iter()
        .map(|f| Alternate {
            locale: f.locale.id.clone(),
            dir: f.locale.direction,
            name: page_string(f, "page-language-name", None).unwrap_or_else(|| f.locale.id.clone()),
        })
        .collect();

    // A build killed earlier may have left temporary files: they go now.
    crate::fsutil::remove_stale_temp_files(&project.output_dir, crate::fsutil::STALE_TEMP_AGE);

    let done = std::sync::atomic::AtomicUsize::new(0);
    let outputs: Vec<Result<(Rendered, Vec<String>, usize)>> = jobs
        .par_iter()
        .map(|&(d, l)| {
            if let Some(progress) = options.progress {
                let n = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
                progress(n, jobs.len());
            }
            let doc = &docs[d];
            let chain: Vec<&LocaleFiles> =
                fallback_chain(&files[l].locale.langid, &available, &project.source.langid)
                    .iter()
                    .filter_map(|id| files.iter().find(|f| &f.locale.langid == id))
                    .collect();
            let alternates: Vec<Alternate> = jobs
                .iter()
                .filter(|(jd, _)| *jd == d)
                .map(|&(_, jl)| names[jl].clone())
                .collect();
            render_job(project, doc, &chain, &alternates)
        })
        .collect();
    for output in outputs {
        let (rendered, warnings, written) = output?;
        report.written += written;
        report.warnings.extend(warnings);
        report.rendered.push(rendered);
    }

    // The index lists each document in the source locale's words.
    let source_files = &files[0];
    let entries: Vec<IndexEntry> = docs
        .iter()
        .enumerate()
        .map(|(d, doc)| {
            let versions: Vec<Alternate> = jobs
                .iter()
                .filter(|(jd, _)| *jd == d)
                .map(|&(_, l)| names[l].clone())
                .collect();
            let mut args = FluentArgs::new();
            args.set("count", versions.len());
            IndexEntry {
                doc: doc.loaded.name.clone(),
                title: doc
                    .loaded
                    .doc
                    .blocks
                    .first()
                    .map(|b| crate::markdown::plain_text(&b.text))
                    .unwrap_or_else(|| doc.loaded.name.clone()),
                languages_line: page_string(source_files, "page-index-languages", Some(&args))
                    .map(|s| crate::render::plain_isolates(&s, source_files.locale.direction))
                    .unwrap_or_default(),
                versions,
            }
        })
        .collect();
    let index = crate::render::page::index_page(
        &project.source.id,
        project.source.direction,
        &page_string(source_files, "page-index-title", None).unwrap_or_else(|| "Documents".into()),
        &entries,
    );
    if write_if_changed_with(
        &project.output_dir.join("index.html"),
        index.as_bytes(),
        Durability::Rebuildable,
    )? {
        report.written += 1;
    }
    report
        .rendered
        .sort_by(|a, b| (&a.doc, &a.locale).cmp(&(&b.doc, &b.locale)));
    let current: Vec<String> = std::iter::once("index.html".to_string())
        .chain(report.rendered.iter().flat_map(|r| {
            r.files.iter().filter_map(|f| {
                let rel = f.strip_prefix(&project.output_dir).ok()?;
                Some(rel.to_string_lossy().replace('\\', "/"))
            })
        }))
        .collect();
    report.removed = replace_outputs(&project.output_dir, &current)?;
    Ok(report)
}

/// Ids of a locale's document whose English changed since they were translated.
fn stale_ids(
    project: &Project,
    locale: &str,
    doc: &str,
    translation: &str,
) -> Result<std::collections::HashSet<String>> {
    let state =
        crate::state::StateFile::load(&crate::state::StateFile::path(&project.root, locale, doc))?;
    let english = crate::state::sources(&crate::fsutil::read_text(
        &project.ftl_path(&project.source.id, doc),
    )?);
    Ok(crate::state::sources(translation)
        .into_iter()
        .filter(|(id, source)| {
            english
                .get(id)
                .is_some_and(|e| state.stale(id, e, source).is_some())
        })
        .map(|(id, _)| id)
        .collect())
}

/// A bundle per locale of the chain, holding its page strings and the document's messages.
fn bundles<'a>(chain: &[&'a LocaleFiles], doc: &str) -> Vec<FluentBundle<&'a FluentResource>> {
    chain
        .iter()
        .map(|lf| {
            let mut bundle = crate::intl::new_bundle(&lf.locale.format_langid);
            if let Some(r) = lf.docs.get(doc) {
                bundle.add_resource_overriding(r);
            }
            if let Some(r) = &lf.page {
                bundle.add_resource_overriding(r);
            }
            bundle
        })
        .collect()
}

/// Formats `id` from the first bundle of the chain that has it; returns the
/// text and the index of the bundle used.
fn format_first(
    bundles: &[FluentBundle<&FluentResource>],
    id: &str,
    args: Option<&FluentArgs>,
    errors: &mut Vec<RawError>,
) -> Option<(String, usize)> {
    format_from(bundles, 0, id, args, errors)
}

/// (bundle index, id, error, whether a later bundle was shown instead).
type RawError = (usize, String, String, bool);

/// Like [`format_first`], starting at bundle `from` of the chain. A message
/// that formats with errors (an unknown `$variable`, a missing reference) would
/// show readers raw `{$name}` text: the next bundle that has the message is
/// used instead, and the errors are recorded as (bundle index, id, error).
fn format_from(
    bundles: &[FluentBundle<&FluentResource>],
    from: usize,
    id: &str,
    args: Option<&FluentArgs>,
    errors: &mut Vec<RawError>,
) -> Option<(String, usize)> {
    let mut broken: Option<(String, usize)> = None;
    let mut pending: Vec<(usize, String)> = Vec::new();
    for (i, bundle) in bundles.iter().enumerate().skip(from) {
        let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else {
            continue;
        };
        let mut errs = Vec::new();
        let text = bundle.format_pattern(pattern, args, &mut errs).into_owned();
        if errs.is_empty() {
            errors.extend(
                pending
                    .into_iter()
                    .map(|(b, e)| (b, id.to_string(), e, true)),
            );
            return Some((text, i));
        }
        pending.extend(errs.into_iter().map(|e| (i, e.to_string())));
        broken.get_or_insert((text, i));
    }
    // No bundle formats it cleanly: the first attempt is the best there is.
    errors.extend(
        pending
            .into_iter()
            .map(|(b, e)| (b, id.to_string(), e, false)),
    );
    broken
}

fn page_string(lf: &LocaleFiles, id: &str, args: Option<&FluentArgs>) -> Option<String> {
    let bundles = bundles(&[lf], "");
    format_first(&bundles, id, args, &mut Vec::new()).map(|(t, _)| t)
}

/// A message that formatted with errors while a page was rendered.
#[derive(Debug, Clone, PartialEq)]
pub struct FormatError {
    /// The locale whose file holds the message.
    pub locale: String,
    /// The file's name without `.ftl`: the document's, or `page`.
    pub file: String,
    /// 1-based line of the message in that file (0 when unknown).
    pub line: usize,
    pub id: String,
    pub message: String,
    /// Whether a later locale of the chain was shown instead.
    pub fell_back: bool,
}

/// Where the chain's bundle `i` got `id` from: page strings override the document's.
fn locate(chain: &[&LocaleFiles], doc: &str, error: RawError) -> FormatError {
    let (i, id, message, fell_back) = error;
    let id = id.as_str();
    let lf = chain[i];
    let in_page = lf.page.as_ref().filter(|r| has_message(r, id));
    let (file, resource) = match in_page {
        Some(r) => ("page".to_string(), Some(r)),
        None => (doc.to_string(), lf.docs.get(doc)),
    };
    let line = resource.map_or(0, |r| {
        let source = r.source();
        source
            .split_inclusive('\n')
            .position(|l| {
                l.strip_prefix(id)
                    .is_some_and(|rest| rest.trim_start_matches([' ', '\t']).starts_with('='))
            })
            .map_or(0, |n| n + 1)
    });
    FormatError {
        locale: lf.locale.id.clone(),
        file,
        line,
        id: id.to_string(),
        message,
        fell_back,
    }
}

fn has_message(resource: &FluentResource, id: &str) -> bool {
    resource
        .entries()
        .any(|e| matches!(e, fluent_syntax::ast::Entry::Message(m) if m.id.name == id))
}

/// One document rendered in one locale, without a disk.
#[derive(Debug, Clone)]
pub struct Page {
    pub html: String,
    pub markdown: String,
    pub text: String,
    /// Units the locale itself translated (not taken from a fallback).
    pub translated: usize,
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
    let locale = &chain[0].locale;
    let name = &doc.loaded.name;
    let bundles = bundles(chain, name);
    let mut errors = Vec::new();
    let mut blocks: Vec<Piece> = Vec::with_capacity(doc.loaded.doc.blocks.len());
    let mut meta: Vec<(String, String)> = Vec::new();
    let mut translated = 0;
    let stale = chain[0].stale.get(name);
    for unit in &doc.units {
        let start = usize::from(stale.is_some_and(|s| s.contains(&unit.id)));
        let (text, from) = format_from(&bundles, start, &unit.id, None, &mut errors)
            .unwrap_or_else(|| (unit.text.clone(), chain.len()));
        if from == 0 {
            translated += 1;
        }
        let fallback = (from != 0).then(|| {
            let l = chain
                .get(from)
                .map_or(&chain[chain.len() - 1].locale, |f| &f.locale);
            FallbackInfo {
                lang: l.id.clone(),
                dir: l.direction,
            }
        });
        match &unit.origin {
            Origin::Block(_) => blocks.push(Piece { text, fallback }),
            Origin::Meta(key) => meta.push((key.clone(), text)),
        }
    }
    // A page string from another locale of the chain is marked with it.
    let string_of = |found: Option<(String, usize)>| {
        found.map_or_else(PageString::default, |(text, from)| PageString {
            text,
            fallback: (from != 0).then(|| FallbackInfo {
                lang: chain[from].locale.id.clone(),
                dir: chain[from].locale.direction,
            }),
        })
    };
    let mut page = PageText::default();
    for (key, id, var) in [
        ("author", "page-written-by", "author"),
        ("editor", "page-edited-by", "editor"),
    ] {
        if let Some((_, value)) = meta.iter().find(|(k, _)| k == key) {
            let mut args = FluentArgs::new();
            args.set(var, FluentValue::from(value.clone()));
            if let Some(found) = format_first(&bundles, id, Some(&args), &mut errors) {
                page.byline.push(string_of(Some(found)));
            }
        }
    }
    let minutes = (doc.words as f64 / WORDS_PER_MINUTE as f64)
        .round()
        .max(1.0);
    let mut args = FluentArgs::new();
    args.set("minutes", minutes);
    page.reading_time = string_of(format_first(
        &bundles,
        "page-reading-time",
        Some(&args),
        &mut errors,
    ));
    page.untranslated_note = format_first(&bundles, "page-untranslated-note", None, &mut errors)
        .map(|(t, _)| t)
        .unwrap_or_default();
    let switcher_label = format_first(&bundles, "page-language-switcher", None, &mut errors)
        .map(|(t, _)| t)
        .unwrap_or_default();

    let input = RenderInput {
        source: &doc.text,
        doc: &doc.loaded.doc,
        blocks: &blocks,
        meta: &meta,
        lang: &locale.id,
        dir: locale.direction,
        page: &page,
    };
    let title = blocks
        .first()
        .map(|p| {
            crate::markdown::plain_text(&crate::render::plain_isolates(&p.text, locale.direction))
        })
        .unwrap_or_else(|| name.clone());
    let body = crate::render::html_body(&input);
    let html = crate::render::page::document_page(&PageParts {
        lang: &locale.id,
        dir: locale.direction,
        title: &title,
        doc: name,
        body: &body,
        switcher_label: &crate::render::plain_isolates(&switcher_label, locale.direction),
        alternates,
        default_locale,
    });
    let markdown = crate::render::markdown(&input);
    let text = crate::render::text(&input, &markdown);
    let errors = errors.into_iter().map(|e| locate(chain, name, e)).collect();
    Page {
        html,
        markdown,
        text,
        translated,
        errors,
    }
}

fn render_job(
    project: &Project,
    doc: &SourceDoc,
    chain: &[&LocaleFiles],
    alternates: &[Alternate],
) -> Result<(Rendered, Vec<String>, usize)> {
    let locale = &chain[0].locale;
    let name = &doc.loaded.name;
    let page = render_page(doc, chain, alternates, &project.source.id);
    let dir = project.output_dir.join(&locale.id);
    // The locale id was validated, so `dir` is one plain component below the
    // output folder; a symlink there could still lead elsewhere: never follow it.
    if dir
        .symlink_metadata()
        .is_ok_and(|m| m.file_type().is_symlink())
    {
        return Err(Error::file(
            &dir,
            "is a symbolic link; ftlkit writes only inside the output folder: remove the link",
        ));
    }
    let outputs = [
        (dir.join(format!("{name}.html")), page.html),
        (dir.join(format!("{name}.txt")), page.text),
        (dir.join(format!("{name}.md")), page.markdown),
    ];
    let mut written = 0;
    for (path, contents) in &outputs {
        if write_if_changed_with(path, contents.as_bytes(), Durability::Rebuildable)? {
            written += 1;
        }
    }
    let translated = page.translated;
    let warnings = page
        .errors
        .into_iter()
        .map(|e| {
            format!(
                "{}:{}: `{}`: {}; {} (`ftlkit check` lists such errors)",
                project.ftl_path(&e.locale, &e.file).display(),
                e.line,
                e.id,
                e.message,
                if e.fell_back {
                    "the page shows the next fallback locale's text instead"
                } else {
                    "no locale formats it cleanly, so the page shows it as it is"
                }
            )
        })
        .collect();
    Ok((
        Rendered {
            doc: name.clone(),
            locale: locale.id.clone(),
            translated,
            total: doc.units.len(),
            files: outputs.into_iter().map(|(p, _)| p).collect(),
        },
        warnings,
        written,
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
    let resource =
        |text: &str| FluentResource::try_new(text.to_string()).unwrap_or_else(|(r, _)| r);
    let locale = Locale::unconfigured;
    let safe = |text: &str| {
        if crate::ftl::too_deep(text).is_some() {
            String::new()
        } else {
            text.to_string()
        }
    };
    let files = [
        LocaleFiles {
            locale: locale(locale_id, langid),
            page: Some(resource(&safe(page_ftl))),
            docs: HashMap::from([("doc".to_string(), resource(&safe(translation)))]),
            stale: HashMap::new(),
        },
        LocaleFiles {
            locale: locale("en-US", source_langid),
            page: None,
            docs: HashMap::from([("doc".to_string(), resource(&extraction.ftl))]),
            stale: HashMap::new(),
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
