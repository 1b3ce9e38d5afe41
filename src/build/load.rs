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

/// A locale's parsed Fluent files.
pub struct LocaleFiles {
    pub locale: Locale,
    pub page: Option<FluentResource>,
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

/// Reads the Fluent files of one locale at a time, so that a build holds a
/// locale's worth (and the source's) rather than every locale's: the
/// locales a build makes, the English of each document as `standing` reads
/// it (read once, for every locale's stale ids), and the pseudo-locales'
/// files generated from the source.
pub(super) struct Loader<'a> {
    project: &'a Project,
    docs: &'a [SourceDoc],
    references: Vec<crate::standing::Reference>,
    /// Every locale of the build: the source first, the pseudo-locales last.
    pub locales: Vec<Locale>,
}

impl<'a> Loader<'a> {
    pub fn new(project: &'a Project, docs: &'a [SourceDoc], pseudo: bool) -> Result<Loader<'a>> {
        use rayon::prelude::*;
        let references = docs
            .par_iter()
            .map(|doc| {
                let path = project.ftl_path(&project.source.id, &doc.loaded.name);
                Ok(crate::standing::Reference::of(&crate::fsutil::read_text(
                    &path,
                )?))
            })
            .collect::<Result<_>>()?;
        let mut locales: Vec<Locale> = project.all_locales().cloned().collect();
        if pseudo {
            for id in crate::pseudo::PSEUDO_LOCALES {
                let langid = id.parse().expect("valid pseudo-locale id");
                locales.push(Locale::unconfigured(id, langid));
            }
        }
        Ok(Loader {
            project,
            docs,
            references,
            locales,
        })
    }

    /// The files of locale `l` (an index into [`Loader::locales`]), its
    /// files' warnings added to `findings`.
    pub fn load(&self, l: usize, findings: &mut Vec<Finding>) -> Result<LocaleFiles> {
        self.load_with(l, findings, true)
    }

    /// [`Loader::load`] without the stale and unreviewed ids (what deciding
    /// which pages publish and their titles does not need).
    pub fn load_for_plan(&self, l: usize, findings: &mut Vec<Finding>) -> Result<LocaleFiles> {
        self.load_with(l, findings, false)
    }

    fn load_with(
        &self,
        l: usize,
        findings: &mut Vec<Finding>,
        standing: bool,
    ) -> Result<LocaleFiles> {
        let locale = &self.locales[l];
        if crate::pseudo::PSEUDO_LOCALES.contains(&locale.id.as_str()) {
            return pseudo_files(self.project, self.docs, locale);
        }
        let references = if standing { &self.references[..] } else { &[] };
        locale_files_of(self.project, self.docs, references, locale, findings)
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

/// One locale's files: its page strings and each document's file, read and
/// parsed in parallel (warnings and the first error in the order a
/// sequential reading has them), with its stale and unreviewed ids (when
/// given each document's English in `references`).
fn locale_files_of(
    project: &Project,
    docs: &[SourceDoc],
    references: &[crate::standing::Reference],
    locale: &Locale,
    findings: &mut Vec<Finding>,
) -> Result<LocaleFiles> {
    use rayon::prelude::*;
    /// One Fluent file read and parsed, with the warnings it gave, and for a
    /// document's file (given its English) where its messages stand.
    type Loaded = Result<(Option<FluentResource>, Vec<Finding>, Option<Found>)>;
    let names: Vec<&str> = std::iter::once("page")
        .chain(docs.iter().map(|d| d.loaded.name.as_str()))
        .collect();
    let mut loaded: Vec<Loaded> = names
        .par_iter()
        .enumerate()
        .map(|(k, name)| {
            let mut found = Vec::new();
            let path = project.ftl_path(&locale.id, name);
            let resource = load_resource(&path, &locale.id, &mut found)?;
            // No references: the stale and unreviewed ids are not wanted.
            let reference = k
                .checked_sub(1)
                .and_then(|d| references.get(d))
                .filter(|_| locale.id != project.source.id);
            let standing = match (&resource, reference) {
                (Some(r), Some(reference)) => Some(stale_ids(project, locale, name, reference, r)?),
                _ => None,
            };
            Ok((resource, found, standing))
        })
        .collect::<Vec<_>>();
    let mut next = loaded.drain(..);
    let mut take =
        |findings: &mut Vec<Finding>| -> Result<(Option<FluentResource>, Option<Found>)> {
            let (resource, found, standing) = next.next().expect("one result a file")?;
            findings.extend(found);
            Ok((resource, standing))
        };
    let mut page = take(findings)?.0;
    if page.is_none() && locale.id == project.source.id {
        page = Some(built_in_page_strings(project, findings));
    }
    let mut by_doc = HashMap::new();
    let mut stale = HashMap::new();
    let mut unreviewed = HashMap::new();
    for doc in docs {
        let name = &doc.loaded.name;
        let (resource, standing) = take(findings)?;
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
        page,
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
/// answer, nothing parsed again).
fn stale_ids(
    project: &Project,
    locale: &crate::project::Locale,
    doc: &str,
    reference: &crate::standing::Reference,
    translation: &FluentResource,
) -> Result<Found> {
    use crate::standing::{of_entries, OfTranslation};
    let state = crate::state::StateFile::load(&crate::state::StateFile::path(
        &project.root,
        &locale.id,
        doc,
    ))?;
    let mut found = Found {
        stale: HashSet::new(),
        unreviewed: HashSet::new(),
    };
    for (id, standing) in of_entries(reference, translation.entries(), &state) {
        match standing {
            OfTranslation::Stale { .. } => found.stale.insert(id),
            OfTranslation::Translated { reviewed: false } => found.unreviewed.insert(id),
            OfTranslation::Translated { reviewed: true } => false,
        };
    }
    Ok(found)
}

/// A pseudo-locale's files, generated in memory from the source locale's.
fn pseudo_files(project: &Project, docs: &[SourceDoc], locale: &Locale) -> Result<LocaleFiles> {
    use crate::pseudo::{pseudo_ftl, Strategy};
    let strategy = Strategy::for_locale(&locale.id).expect("known pseudo-locale");
    let resource = |name: &str| -> Result<Option<FluentResource>> {
        let Some(text) = load::read(&project.ftl_path(&project.source.id, name))? else {
            return Ok(None);
        };
        // A source file nested too deeply has no pseudo-translation.
        Ok(load::bundle_resource(pseudo_ftl(&text, strategy)).ok())
    };
    let mut by_doc = HashMap::new();
    for doc in docs {
        if let Some(r) = resource(&doc.loaded.name)? {
            by_doc.insert(doc.loaded.name.clone(), r);
        }
    }
    Ok(LocaleFiles {
        locale: locale.clone(),
        page: resource("page")?,
        docs: by_doc,
        stale: HashMap::new(),
        unreviewed: HashMap::new(),
    })
}
