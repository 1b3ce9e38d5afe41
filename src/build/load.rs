//! Reading what a build needs: the source documents (checked against the
//! source locale's file), each locale's Fluent files with the stale ids of the
//! locales that fall back on stale, and the pseudo-locales' files generated
//! from the source. Problems that do not stop the build become findings.

use crate::error::{Error, Result};
use crate::extract::Unit;
use crate::finding::{Code, Finding, Severity};
use crate::ftl::load;
use crate::project::files::LoadedDoc;
use crate::project::{Locale, Project};
use fluent_bundle::FluentResource;
use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::Arc;

/// A locale's parsed Fluent files (a build's: those of the documents it
/// renders at the time, see [`Chunk`]).
pub struct LocaleFiles {
    pub locale: Locale,
    /// Read once a build: every chunk's pages use them.
    pub page: Option<Arc<FluentResource>>,
    /// Keyed by document name.
    pub docs: HashMap<String, FluentResource>,
    /// Per document, the ids whose translation is stale (a target locale's;
    /// what readers get for them is the locale's `stale` mode).
    pub stale: HashMap<String, HashSet<String>>,
    /// Per document, with `require-review`, the ids translated but not
    /// reviewed: readers get the next locale's text for them.
    pub unreviewed: HashMap<String, HashSet<String>>,
}

impl LocaleFiles {
    /// Whether the locale has a value for `id`, in the document's file or its page strings.
    pub(super) fn has(&self, doc: &str, id: &str) -> bool {
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

/// Loads a document and checks that the source locale's file matches it.
pub fn load_source_doc(project: &Project, name: &str) -> Result<SourceDoc> {
    let loaded = crate::project::files::load_document(project, name)?;
    let text = crate::fsutil::read_text(&loaded.path)?;
    let ftl_path = project.ftl_path(&project.source.id, name);
    let previous = load::read_resource(&ftl_path)?
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
        let shown = ftl_path.strip_prefix(&project.root).unwrap_or(&ftl_path);
        // A field of `book.toml` the summary's messages translate.
        let book_field = crate::markdown::BOOK_META
            .iter()
            .find(|(_, field)| crate::extract::meta_id(name, field) == stale.id)
            .filter(|_| name == crate::markdown::SUMMARY);
        if let Some((key, _)) = book_field {
            return Err(Error::file(
                project.root.join("book.toml"),
                format!(
                    "`{key}` changed since the last extract (the summary's `{}` in {} translates it); run `ftlkit extract`",
                    stale.id,
                    shown.display()
                ),
            ));
        }
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

/// The documents `names` of the project, loaded and checked.
pub(super) fn source_docs(project: &Project, names: &[String]) -> Result<Vec<SourceDoc>> {
    use rayon::prelude::*;
    // Loaded in parallel; the first error in the names' order is the one reported.
    let loaded: Vec<Result<SourceDoc>> = names
        .par_iter()
        .map(|name| load_source_doc(project, name))
        .collect();
    loaded.into_iter().collect()
}

/// What a build keeps of a document from its start to its end: what the
/// site's order, navigation, plan, inclusions and assets read. The rest
/// ([`SourceDoc`]: its parsed blocks and units) is loaded again for the
/// chunk that makes its pages ([`ChunkDocs`]), so that a build does not
/// hold every document whole.
#[derive(Debug, Clone)]
pub struct Outline {
    pub name: String,
    /// Its Markdown when it has mdBook's directives (`{{#include …}}`) or is
    /// the summary: what the inclusions among the documents are read from.
    pub text: Option<String>,
    /// What its links and images may point at besides pages (each URL as
    /// written), and the files its directives name: the assets it may use.
    pub links: Vec<String>,
    pub files: Vec<String>,
    /// Its units' ids, in order.
    pub ids: Vec<String>,
    /// Its title block's plain text, and the unit of the title.
    pub title: Option<(String, Option<String>)>,
}

impl Outline {
    pub fn of(doc: &SourceDoc) -> Outline {
        let blocks = &doc.loaded.doc.blocks;
        let title = crate::markdown::title_block(blocks).map(|b| {
            let unit = doc
                .units
                .iter()
                .find(|u| matches!(u.origin, crate::extract::Origin::Block(i) if i == b))
                .map(|u| u.id.clone());
            (crate::markdown::title_text(&blocks[b].text), unit)
        });
        let name = &doc.loaded.name;
        let keep = doc.text.contains("{{#") || name == crate::markdown::SUMMARY;
        let (links, files) = crate::render::links::asset_candidates(&doc.text);
        Outline {
            name: name.clone(),
            text: keep.then(|| doc.text.clone()),
            links,
            files,
            ids: doc.units.iter().map(|u| u.id.clone()).collect(),
            title,
        }
    }

    /// Its name and Markdown, if it keeps it ([`Outline::text`]).
    pub fn named_text(&self) -> Option<(&str, &str)> {
        Some((self.name.as_str(), self.text.as_deref()?))
    }
}

/// The outlines of documents `names`, each loaded and checked as
/// [`source_docs`] does, a chunk's worth at a time (the first error in the
/// names' order is the one reported).
pub(super) fn outlines(project: &Project, names: &[String]) -> Result<Vec<Outline>> {
    use rayon::prelude::*;
    let mut out = Vec::with_capacity(names.len());
    for group in names.chunks(CHUNK.max(1) * 2) {
        let loaded: Vec<Result<Outline>> = group
            .par_iter()
            .map(|name| load_source_doc(project, name).map(|d| Outline::of(&d)))
            .collect();
        for outline in loaded {
            out.push(outline?);
        }
    }
    Ok(out)
}

/// The documents a chunk reads ([`Chunk::read`]), loaded whole.
pub(super) struct ChunkDocs {
    read: Vec<usize>,
    docs: Vec<SourceDoc>,
}

impl ChunkDocs {
    /// Documents `chunk.read` of `outlines`, loaded and checked again (one
    /// changed since the build began is an error, as at its start).
    pub fn load(project: &Project, outlines: &[Outline], chunk: &Chunk) -> Result<ChunkDocs> {
        let names: Vec<String> = chunk
            .read
            .iter()
            .map(|&d| outlines[d].name.clone())
            .collect();
        Ok(ChunkDocs {
            read: chunk.read.clone(),
            docs: source_docs(project, &names)?,
        })
    }

    /// Document `d` (an index into the build's documents), which the chunk reads.
    pub fn get(&self, d: usize) -> &SourceDoc {
        let k = self
            .read
            .binary_search(&d)
            .expect("a document the chunk reads");
        &self.docs[k]
    }

    /// Every document the chunk reads.
    pub fn all(&self) -> &[SourceDoc] {
        &self.docs
    }
}

/// A warning the build found in a Fluent file.
pub(super) fn warning(
    code: Code,
    locale: &str,
    path: &Path,
    (line, column): (usize, usize),
    message: String,
) -> Finding {
    Finding {
        code,
        severity: Severity::Warning,
        locale: locale.to_string(),
        path: path.display().to_string(),
        line,
        column,
        id: None,
        message,
        previous: None,
        span: 0..0,
    }
}

/// At most this many syntax errors of one file are reported by the build; `check` lists them all.
const SHOWN: usize = 10;

/// Reads and parses one Fluent file for formatting; `None` when it does not
/// exist or is nested too deeply to parse. Syntax errors skip their entries.
fn load_resource(
    path: &Path,
    locale: &str,
    findings: &mut Vec<Finding>,
) -> Result<Option<FluentResource>> {
    let Some(text) = load::read(path)? else {
        return Ok(None);
    };
    // The text is kept for the position of a refusal.
    let (resource, errors) = match load::bundle_resource_with_errors(text.clone()) {
        Ok(parsed) => parsed,
        Err(deep) => {
            let at = crate::ftl::line_column(&text, deep.at);
            let message = crate::ftl::too_deep_message();
            findings.push(warning(Code::SyntaxError, locale, path, at, message));
            return Ok(None);
        }
    };
    if errors.len() > SHOWN {
        let message = format!(
            "{} Fluent syntax errors, the first {SHOWN} below; `ftlkit check` lists them",
            errors.len()
        );
        findings.push(warning(Code::SyntaxError, locale, path, (0, 0), message));
    }
    for e in errors.iter().take(SHOWN) {
        let at = crate::ftl::line_column(resource.source(), e.pos.start);
        let message = format!("Fluent syntax error, entry skipped: {}", e.kind);
        findings.push(warning(Code::SyntaxError, locale, path, at, message));
    }
    Ok(Some(resource))
}

/// Reads the Fluent files of one locale at a time, and of a chunk of the
/// documents at a time ([`Chunk`]), so that a build holds a chunk's worth
/// of one locale's files (and the source's) rather than every locale's
/// whole book: the locales a build makes, each one's page strings (read
/// once), and the pseudo-locales' files generated from the source.
pub(super) struct Loader<'a> {
    project: &'a Project,
    docs: &'a [Outline],
    /// Every locale of the build: the source first, the pseudo-locales last.
    pub locales: Vec<Locale>,
    /// Each locale's page strings (by locale index).
    pages: Vec<Option<Arc<FluentResource>>>,
}

impl<'a> Loader<'a> {
    /// The build's locales, each one's page strings read (their warnings
    /// added to `findings`).
    pub fn new(
        project: &'a Project,
        docs: &'a [Outline],
        pseudo: bool,
        findings: &mut Vec<Finding>,
    ) -> Result<Loader<'a>> {
        let mut locales: Vec<Locale> = project.all_locales().cloned().collect();
        if pseudo {
            for id in crate::pseudo::PSEUDO_LOCALES {
                let langid = id.parse().expect("valid pseudo-locale id");
                locales.push(Locale::unconfigured(id, langid));
            }
        }
        let mut pages = Vec::new();
        for locale in &locales {
            let page = match crate::pseudo::PSEUDO_LOCALES.contains(&locale.id.as_str()) {
                true => pseudo_resource(project, locale, "page")?,
                false => {
                    load_resource(&project.ftl_path(&locale.id, "page"), &locale.id, findings)?
                }
            };
            let page = match page {
                None if locale.id == project.source.id => {
                    Some(built_in_page_strings(project, findings))
                }
                page => page,
            };
            pages.push(page.map(Arc::new));
        }
        Ok(Loader {
            project,
            docs,
            locales,
            pages,
        })
    }

    /// The English of documents `which` as `standing` reads it (what a
    /// target locale's stale and unreviewed ids are judged against), from
    /// the source locale's files of them as `source` read them (a file
    /// nested too deeply to keep is read again).
    pub fn references(
        &self,
        source: &LocaleFiles,
        which: &[usize],
    ) -> Result<Vec<crate::standing::Reference>> {
        use rayon::prelude::*;
        which
            .par_iter()
            .map(|&d| {
                let name = &self.docs[d].name;
                let path = || self.project.ftl_path(&self.project.source.id, name);
                Ok(match source.docs.get(name) {
                    Some(resource) => crate::standing::Reference::of(resource.source()),
                    None => crate::standing::Reference::of(&crate::fsutil::read_text(&path())?),
                })
            })
            .collect()
    }

    /// The files of locale `l` (an index into [`Loader::locales`]) for the
    /// documents `chunk` reads, the warnings of the chunk's own added to
    /// `findings` (each document's are reported once a build); with the
    /// stale and unreviewed ids when given the documents' English
    /// (`references`, in `chunk.read`'s order; deciding which pages publish
    /// and their titles needs none).
    pub fn load(
        &self,
        l: usize,
        chunk: &Chunk,
        references: Option<&[crate::standing::Reference]>,
        findings: &mut Vec<Finding>,
    ) -> Result<LocaleFiles> {
        let locale = &self.locales[l];
        let page = self.pages[l].clone();
        if crate::pseudo::PSEUDO_LOCALES.contains(&locale.id.as_str()) {
            return pseudo_files(self.project, self.docs, &chunk.read, locale, page);
        }
        let load = Load {
            which: &chunk.read,
            warn: chunk.own.clone(),
            references: references.unwrap_or(&[]),
            page,
        };
        locale_files_of(self.project, self.docs, load, locale, findings)
    }

    /// The indices of locale `l`'s fallback chain: itself, then each locale it
    /// falls back on (the source last).
    pub fn chain(&self, l: usize) -> Vec<usize> {
        let available: Vec<_> = self.locales.iter().map(|f| f.langid.clone()).collect();
        crate::locale::fallback_chain(
            &self.locales[l].langid,
            &available,
            &self.project.source.langid,
        )
        .iter()
        .filter_map(|id| self.locales.iter().position(|f| &f.langid == id))
        .collect()
    }
}

/// What to read of a locale: documents `which`, with their English when
/// stale ids are wanted, and the locale's page strings (read already).
struct Load<'a> {
    which: &'a [usize],
    /// The documents whose files' warnings are wanted.
    warn: std::ops::Range<usize>,
    references: &'a [crate::standing::Reference],
    page: Option<Arc<FluentResource>>,
}

/// Documents a build reads together: a pass over the book holds one chunk's
/// files at a time (each locale's in turn), so that its memory does not
/// grow with the pages.
pub(super) struct Chunk {
    /// The documents whose pages the chunk makes (indices into the documents).
    pub own: std::ops::Range<usize>,
    /// Those and the documents they include (and those include), in the
    /// documents' order.
    pub read: Vec<usize>,
}

/// Documents a chunk makes the pages of: enough that each locale's pages
/// keep both cores busy, few enough that a chunk's files are a small part
/// of a large book.
pub(super) const CHUNK: usize = 32;

impl Chunk {
    /// No document: a locale's page strings only.
    pub fn none() -> Chunk {
        Chunk {
            own: 0..0,
            read: Vec::new(),
        }
    }

    /// Every one of `n` documents, as one chunk.
    pub fn all(n: usize) -> Chunk {
        Chunk {
            own: 0..n,
            read: (0..n).collect(),
        }
    }
}

/// One locale's files: each document's of `load.which`, read and parsed in
/// parallel (warnings and the first error in the order a sequential reading
/// has them), with its stale and unreviewed ids (when given each
/// document's English in `load.references`).
fn locale_files_of(
    project: &Project,
    docs: &[Outline],
    load: Load,
    locale: &Locale,
    findings: &mut Vec<Finding>,
) -> Result<LocaleFiles> {
    use rayon::prelude::*;
    /// One Fluent file read and parsed, with the warnings it gave, and for a
    /// document's file (given its English) where its messages stand.
    type Loaded = Result<(Option<FluentResource>, Vec<Finding>, Option<Found>)>;
    let loaded: Vec<Loaded> = load
        .which
        .par_iter()
        .enumerate()
        .map(|(k, &d)| {
            let name = &docs[d].name;
            let mut found = Vec::new();
            let path = project.ftl_path(&locale.id, name);
            let resource = load_resource(&path, &locale.id, &mut found)?;
            // No references: the stale and unreviewed ids are not wanted.
            let reference = load
                .references
                .get(k)
                .filter(|_| locale.id != project.source.id);
            let standing = match (&resource, reference) {
                (Some(r), Some(reference)) => Some(stale_ids(project, locale, name, reference, r)?),
                _ => None,
            };
            Ok((resource, found, standing))
        })
        .collect::<Vec<_>>();
    let mut by_doc = HashMap::new();
    let mut stale = HashMap::new();
    let mut unreviewed = HashMap::new();
    for (&d, result) in load.which.iter().zip(loaded) {
        let name = &docs[d].name;
        let (resource, found, standing) = result?;
        if load.warn.contains(&d) {
            findings.extend(found);
        }
        if let Some(r) = resource {
            if let Some(found) = standing {
                stale.insert(name.clone(), found.stale);
                if locale.require_review {
                    unreviewed.insert(name.clone(), found.unreviewed);
                }
            }
            by_doc.insert(name.clone(), r);
        }
    }
    Ok(LocaleFiles {
        locale: locale.clone(),
        page: load.page,
        docs: by_doc,
        stale,
        unreviewed,
    })
}

/// The built-in English page strings, for a source locale without its
/// `page.ftl`, and the warning that says so: a page is never left with a
/// blank switcher label or byline, nor silently.
fn built_in_page_strings(project: &Project, findings: &mut Vec<Finding>) -> FluentResource {
    let name = crate::project::starter::source_language_name(project);
    let path = project.ftl_path(&project.source.id, "page");
    findings.push(warning(
        Code::MissingMessage,
        &project.source.id,
        &path,
        (0, 0),
        "no page strings (this file does not exist): the pages show ftlkit's built-in English ones; `ftlkit extract` writes them into this file for you to edit and translate".into(),
    ));
    // The built-in text is valid Fluent (a unit test parses it).
    FluentResource::try_new(crate::page_strings::built_in(&name)).unwrap_or_else(|(r, _)| r)
}

/// The ids of a locale's document whose translation is stale, and those
/// translated but not reviewed — where each stands is `standing`'s answer.
struct Found {
    stale: HashSet<String>,
    unreviewed: HashSet<String>,
}

/// [`Found`] for one locale's document, from its parsed file (`standing`'s
/// answer, nothing parsed again) and its state records read borrowed
/// (`state::StateView`; the full read when the view cannot take the text,
/// which reports what is wrong with it).
fn stale_ids(
    project: &Project,
    locale: &crate::project::Locale,
    doc: &str,
    reference: &crate::standing::Reference,
    translation: &FluentResource,
) -> Result<Found> {
    use crate::standing::{each_of_entries, OfTranslation};
    use crate::state::{StateFile, StateView};
    let path = StateFile::path(&project.root, &locale.id, doc);
    let text = StateFile::read(&path)?;
    let mut found = Found {
        stale: HashSet::new(),
        unreviewed: HashSet::new(),
    };
    // Unreviewed ids are kept only where they are withheld.
    let mut judge = |id: &str, standing: OfTranslation<'_>| match standing {
        OfTranslation::Stale { .. } => {
            found.stale.insert(id.to_string());
        }
        OfTranslation::Translated { reviewed: false } if locale.require_review => {
            found.unreviewed.insert(id.to_string());
        }
        OfTranslation::Translated { .. } => {}
    };
    let entries = translation.entries();
    match text.as_deref().map(|t| (t, StateView::of(t))) {
        Some((_, Some(view))) => each_of_entries(reference, entries, &view, &mut judge),
        Some((t, None)) => {
            each_of_entries(reference, entries, &StateFile::parse(&path, t)?, &mut judge)
        }
        None => each_of_entries(reference, entries, &StateFile::default(), &mut judge),
    }
    Ok(found)
}

/// A pseudo-locale's files of documents `which`, generated in memory from
/// the source locale's.
fn pseudo_files(
    project: &Project,
    docs: &[Outline],
    which: &[usize],
    locale: &Locale,
    page: Option<Arc<FluentResource>>,
) -> Result<LocaleFiles> {
    let mut by_doc = HashMap::new();
    for &d in which {
        let name = &docs[d].name;
        if let Some(r) = pseudo_resource(project, locale, name)? {
            by_doc.insert(name.clone(), r);
        }
    }
    Ok(LocaleFiles {
        locale: locale.clone(),
        page,
        docs: by_doc,
        stale: HashMap::new(),
        unreviewed: HashMap::new(),
    })
}

/// A pseudo-locale's version of the source locale's file `name` (none when
/// the source has none, or it is nested too deeply to parse).
fn pseudo_resource(
    project: &Project,
    locale: &Locale,
    name: &str,
) -> Result<Option<FluentResource>> {
    use crate::pseudo::{pseudo_ftl, Strategy};
    let strategy = Strategy::for_locale(&locale.id).expect("known pseudo-locale");
    let Some(text) = load::read(&project.ftl_path(&project.source.id, name))? else {
        return Ok(None);
    };
    Ok(load::bundle_resource(pseudo_ftl(&text, strategy)).ok())
}
