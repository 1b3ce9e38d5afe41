//! The disk side of `serve`: what the dashboard and the translate view show,
//! read from the project's files on every request (so an edit in another
//! editor shows at once), the findings from the same code as `ftlkit check`,
//! saves written through `sync::edit` (the writer `import` uses) and the
//! preview rendered in memory by the build's renderer.

use super::{entry_for, message_block, message_token, Typed};
use crate::error::{Error, Result};
use crate::finding::{Code, Finding, Severity};
use crate::lint::{self, Counts, LocaleFile};
use crate::locale::Direction;
use crate::project::{Locale, Project};
use fluent_syntax::ast::Entry;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// The documents a translator can open: every `.ftl` of the source locale
/// (the page strings `page` too).
pub fn documents(project: &Project) -> Result<Vec<String>> {
    crate::project::files::source_files(project)
}

/// The locale and document a URL names, checked against the project's lists
/// before any path is made from them; `None` for anything else.
pub fn named<'p>(project: &'p Project, locale: &str, doc: &str) -> Result<Option<&'p Locale>> {
    let Some(locale) = project.targets.iter().find(|l| l.id == locale) else {
        return Ok(None);
    };
    Ok(documents(project)?
        .iter()
        .any(|d| d == doc)
        .then_some(locale))
}

/// One locale's row of the dashboard: its progress per document.
#[derive(Debug, Clone)]
pub struct DashRow {
    pub locale: String,
    pub dir: Direction,
    /// The language's own name (`page-language-name`), when the locale has one.
    pub name: Option<String>,
    pub docs: Vec<(String, Counts)>,
}

/// Every locale × document with its counts, as `status` counts them.
pub fn dashboard(project: &Project) -> Result<Vec<DashRow>> {
    let docs = documents(project)?;
    let names = crate::lint::audit::language_names(project);
    // Each English file is read and digested once, not once per locale.
    let english = english_files(project)?;
    project
        .targets
        .par_iter()
        .map(|locale| {
            let scope = LocaleScope::of(project, locale, english.clone())?;
            // The documents' English files come first, in the documents' order.
            let counts = english[..docs.len()]
                .iter()
                .map(|(doc, r)| {
                    let linted = lint_doc(project, locale, doc, r, None, &scope)?;
                    Ok((doc.clone(), linted.counts))
                })
                .collect::<Result<Vec<_>>>()?;
            Ok(DashRow {
                locale: locale.id.clone(),
                dir: locale.direction,
                name: names.get(&locale.id).cloned(),
                docs: counts,
            })
        })
        .collect()
}

/// A document of a locale checked as `ftlkit check` checks it.
struct Linted {
    counts: Counts,
    findings: Vec<Finding>,
    /// The locale file's text as read (empty when there is none).
    text: String,
    display: String,
}

/// A document's English file, read and digested.
struct Reference {
    text: String,
    digested: lint::RefFile,
}

fn rel(project: &Project, p: &std::path::Path) -> String {
    p.strip_prefix(&project.root)
        .unwrap_or(p)
        .display()
        .to_string()
}

/// Every English file (each document's and the page strings'), read and
/// digested: what a locale's check has in scope besides the locale's own files.
fn english_files(project: &Project) -> Result<std::sync::Arc<Vec<(String, Reference)>>> {
    // The documents first, in their order (the dashboard reads them so).
    let mut names = documents(project)?;
    let page = crate::project::PAGE_STRINGS;
    if project.ftl_path(&project.source.id, page).is_file() {
        names.push(page.to_string());
    }
    let files = names
        .par_iter()
        .map(|name| Ok((name.clone(), reference(project, name)?)))
        .collect::<Result<Vec<_>>>()?;
    Ok(std::sync::Arc::new(files))
}

fn reference(project: &Project, doc: &str) -> Result<Reference> {
    let path = project.ftl_path(&project.source.id, doc);
    let text = crate::fsutil::read_text(&path)?;
    let (digested, _) = lint::digest(&rel(project, &path), &text, &project.source.id);
    Ok(Reference { text, digested })
}

/// What the rest of a locale adds to the check of one of its documents: the
/// ids each of its files defines (by document name, the page strings too),
/// the project's glossary. Read once for a view, or for a whole dashboard row.
struct LocaleScope {
    ids: Vec<(String, Vec<String>)>,
    /// Every English file ([`english_files`]).
    english: std::sync::Arc<Vec<(String, Reference)>>,
    glossary: lint::rules::glossary::Glossary,
    /// What the glossary could not read (a malformed file), as text.
    glossary_warnings: Vec<String>,
}

impl LocaleScope {
    fn of(
        project: &Project,
        locale: &Locale,
        english: std::sync::Arc<Vec<(String, Reference)>>,
    ) -> Result<LocaleScope> {
        let mut names = documents(project)?;
        names.push(crate::project::PAGE_STRINGS.to_string());
        let mut ids = Vec::with_capacity(names.len());
        for name in names {
            let text = crate::ftl::load::read(&project.ftl_path(&locale.id, &name))?;
            let defined = text
                .as_deref()
                .map(|t| {
                    lint::defined_ids(t)
                        .into_iter()
                        .map(str::to_string)
                        .collect()
                })
                .unwrap_or_default();
            ids.push((name, defined));
        }
        let (glossary, glossary_warnings) =
            lint::rules::glossary::Glossary::load(&project.root, &project.glossary.files);
        Ok(LocaleScope {
            ids,
            english,
            glossary,
            glossary_warnings,
        })
    }
}

/// Checks one document of a locale as `ftlkit check` checks it
/// ([`lint::check_one_file`]): its file against its English, the locale's
/// other files in scope (what they define), the glossary and `[check]`
/// levels. With `candidate`, that text stands for the file.
fn lint_doc(
    project: &Project,
    locale: &Locale,
    doc: &str,
    reference: &Reference,
    candidate: Option<String>,
    scope: &LocaleScope,
) -> Result<Linted> {
    let digested = &reference.digested;
    let path = project.ftl_path(&locale.id, doc);
    let text = crate::ftl::load::read(&path)?.unwrap_or_default();
    let state = crate::state::StateFile::load(&crate::state::StateFile::path(
        &project.root,
        &locale.id,
        doc,
    ))?;
    let display = rel(project, &path);
    let file = LocaleFile {
        reference: Some(digested),
        display: display.clone(),
        text: Some(candidate.unwrap_or_else(|| text.clone())),
        reference_display: Some(digested.display.clone()),
        state: Some(state),
    };
    // Each page has its own document's file and the page strings only.
    let pages = lint::audit::page_strings(project, std::iter::once(locale.id.as_str())).ok();
    let context = lint::Context {
        ids: scope
            .ids
            .iter()
            .filter(|(name, _)| name != doc)
            .flat_map(|(_, ids)| ids.iter().map(String::as_str))
            .collect(),
        references: scope
            .english
            .iter()
            .filter(|(name, _)| name != doc)
            .map(|(_, r)| &r.digested)
            .collect(),
        glossary: Some(&scope.glossary),
        documents: pages.as_ref(),
        ..Default::default()
    };
    let (counts, findings) = lint::check_one_file(
        &locale.id,
        &locale.langid,
        file,
        &context,
        None,
        Some(&project.check),
    );
    Ok(Linted {
        counts,
        findings,
        text,
        display,
    })
}

/// Where a message stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    Missing,
    /// A template someone typed into: their text is in the editor, not on the page.
    EditedTemplate,
    /// Lines for the message that do not parse: in the editor, not on the page.
    Broken,
    /// The English changed since the translation was made.
    Stale,
    Translated,
    /// `check` finds an error in it.
    Error,
}

impl State {
    /// What the view shows for a message that stands so, with these findings.
    fn of(standing: crate::standing::Standing, findings: &[Finding]) -> State {
        use crate::standing::Standing as S;
        match standing {
            S::Missing | S::Template => State::Missing,
            S::EditedTemplate => State::EditedTemplate,
            S::Broken => State::Broken,
            _ if findings.iter().any(|f| f.severity == Severity::Error) => State::Error,
            S::Stale => State::Stale,
            S::Translated => State::Translated,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            State::Missing => "missing",
            State::EditedTemplate => "edited-template",
            State::Broken => "broken",
            State::Stale => "stale",
            State::Translated => "translated",
            State::Error => "error",
        }
    }
}

/// One part of a message: its value (name `""`) or an attribute.
#[derive(Debug, Clone)]
pub struct Part {
    pub name: String,
    /// The English, as Fluent pattern source.
    pub english: String,
    pub translation: Option<String>,
    /// The translation memory's suggestions, best first (only for a message
    /// that is missing or stale).
    pub suggestions: Vec<Suggested>,
}

/// A translation memory suggestion for one part of a message.
#[derive(Debug, Clone)]
pub struct Suggested {
    /// 0–100.
    pub score: u8,
    pub kind: crate::memory::MatchKind,
    /// The translation to insert (placeables carried over for a carried match).
    pub text: String,
    /// The memory entry's English, to diff against the part's English.
    pub source: String,
    /// Where the entry comes from (`Origin::label`).
    pub origin: String,
}

/// One message of the translate view.
#[derive(Debug, Clone)]
pub struct MessageView {
    pub id: String,
    pub section: Option<String>,
    pub note: Option<String>,
    pub parts: Vec<Part>,
    pub state: State,
    /// What the file holds for the message that readers do not see (an
    /// edited template without its marks, or lines that do not parse):
    /// saving replaces it, so the page shows it.
    pub typed: Option<String>,
    /// Whether a person reviewed its translation (`ftlkit review`); true for
    /// what is not a translation yet.
    pub reviewed: bool,
    /// For a stale message: the English it was translated from, and the English now.
    pub stale: Option<(String, String)>,
    /// `check`'s findings for the message (info ones left out).
    pub findings: Vec<Finding>,
    /// For each finding, whether it has a safe fix (its Fix button).
    pub fixable: Vec<bool>,
    /// The glossary's terms of its English, as the locale writes them.
    pub terms: Vec<lint::rules::glossary::TermFor>,
    /// See [`super::message_token`].
    pub token: String,
}

/// A document of a locale, as the translate view shows it.
#[derive(Debug, Clone)]
pub struct DocView {
    pub locale: String,
    pub dir: Direction,
    pub doc: String,
    /// `locales/<locale>/<doc>.ftl`, relative to the root.
    pub path: String,
    pub messages: Vec<MessageView>,
    /// Findings of the file that belong to no message (syntax errors).
    pub file_findings: Vec<Finding>,
    /// Whether the document has a page to preview (a `content/<doc>.md`).
    pub previewable: bool,
    pub counts: Counts,
    /// What the translation memory could not use (a TMX file), as text.
    pub memory_warnings: Vec<String>,
    /// What the glossary could not read (a malformed file), as text.
    pub glossary_warnings: Vec<String>,
}

/// The translate view of a document: every message of the English in order.
pub fn translate_view(project: &Project, locale: &Locale, doc: &str) -> Result<DocView> {
    let english_file = reference(project, doc)?;
    let scope = LocaleScope::of(project, locale, english_files(project)?)?;
    let linted = lint_doc(project, locale, doc, &english_file, None, &scope)?;
    let state = crate::state::StateFile::load(&crate::state::StateFile::path(
        &project.root,
        &locale.id,
        doc,
    ))?;
    let english = crate::ftl::load::parse(&english_file.text).map_err(|deep| {
        deep.error(
            &project.ftl_path(&project.source.id, doc),
            &english_file.text,
        )
    })?;
    let standings = crate::standing::standings(
        &crate::standing::Reference::of(&english_file.text),
        &linted.text,
        &state,
    );
    let (mut by_id, file_findings) = findings_by_message(&linted, &standings);
    let (glossary, glossary_warnings) = (&scope.glossary, scope.glossary_warnings.clone());
    let mut messages = Vec::new();
    let mut section = None;
    for entry in &english.resource.body {
        if let Entry::GroupComment(c) = entry {
            section = Some(c.content.join(" ")).filter(|s| !s.trim().is_empty());
            continue;
        }
        let Some((id, parts)) = crate::exchange::parts_of(entry) else {
            continue;
        };
        let Some(standing) = standings.get(&id) else {
            continue;
        };
        if messages.iter().any(|m: &MessageView| m.id == id) {
            continue;
        }
        // What the editor starts with: the translation, or the text a
        // translator typed that does not count yet (shown, never dropped).
        let translated: BTreeMap<String, String> = match (&standing.translation, &standing.typed) {
            (Some(t), _) => super::parts_of_source(&id, t),
            (None, Some(typed)) => super::typed_parts(&id, typed),
            _ => BTreeMap::new(),
        };
        let stale = standing
            .was
            .clone()
            .map(|old| (old, crate::ftl::entry_source(entry)));
        let findings = by_id.remove(id.as_str()).unwrap_or_default();
        let state = State::of(standing.standing, &findings);
        messages.push(MessageView {
            fixable: fixable(&linted.text, &findings),
            terms: english_file
                .digested
                .get(&id)
                .map(|e| glossary.terms_for(&locale.id, &e.text))
                .unwrap_or_default(),
            token: message_token(&linted.text, &id),
            parts: parts
                .into_iter()
                .map(|(name, english)| Part {
                    translation: translated.get(&name).cloned(),
                    name,
                    english,
                    suggestions: Vec::new(),
                })
                .collect(),
            typed: standing.typed.clone(),
            reviewed: standing.reviewed
                || standing.standing != crate::standing::Standing::Translated,
            id,
            section: section.clone(),
            note: note_of(entry),
            state,
            stale,
            findings,
        });
    }
    let memory_warnings = suggest(project, locale, &mut messages);
    Ok(DocView {
        memory_warnings,
        glossary_warnings,
        locale: locale.id.clone(),
        dir: locale.direction,
        doc: doc.to_string(),
        path: linted.display,
        messages,
        file_findings,
        previewable: project.documents()?.iter().any(|d| d == doc),
        counts: linted.counts,
    })
}

/// The note for translators above an English entry, if it has one.
fn note_of(entry: &Entry<&str>) -> Option<String> {
    match entry {
        Entry::Message(m) => m.comment.as_ref(),
        Entry::Term(t) => t.comment.as_ref(),
        _ => None,
    }
    .map(|c| c.content.join("\n"))
    .filter(|s| !s.trim().is_empty())
}

/// For each finding of a file's `text`, whether it has a safe fix there.
fn fixable(text: &str, findings: &[Finding]) -> Vec<bool> {
    findings
        .iter()
        .map(|f| lint::fix::fix_of(text, f).is_some())
        .collect()
}

/// `check`'s findings of a document by the message they are about (info ones
/// left out), and those of the file that belong to none. A broken entry's
/// syntax findings belong to it: the lines it spans.
fn findings_by_message(
    linted: &Linted,
    standings: &crate::standing::Standings,
) -> (BTreeMap<String, Vec<Finding>>, Vec<Finding>) {
    let mut by_id: BTreeMap<String, Vec<Finding>> = BTreeMap::new();
    let mut file_findings = Vec::new();
    for f in &linted.findings {
        match &f.id {
            Some(id) if f.severity != Severity::Info => {
                by_id.entry(id.clone()).or_default().push(f.clone())
            }
            None if f.path == linted.display => file_findings.push(f.clone()),
            _ => {}
        }
    }
    let lines = crate::ftl::LineIndex::new(&linted.text);
    let mut broken_lines: Vec<(std::ops::RangeInclusive<usize>, &str)> = Vec::new();
    for m in &standings.messages {
        if let (crate::standing::Standing::Broken, Some(at), Some(typed)) =
            (m.standing, m.offset, &m.typed)
        {
            let first = lines.position(at).0;
            broken_lines.push((first..=first + typed.matches('\n').count(), &m.id));
        }
    }
    file_findings.retain(
        |f| match broken_lines.iter().find(|(r, _)| r.contains(&f.line)) {
            Some((_, id)) => {
                by_id.entry(id.to_string()).or_default().push(f.clone());
                false
            }
            None => true,
        },
    );
    (by_id, file_findings)
}

/// Fills in the translation memory's suggestions under each part of the
/// messages that need work (missing, or stale): the locale's memory is built
/// anew from the project's files (no cache to go stale), and only when a
/// message needs it. Returns what the memory could not use, as text; a
/// memory that cannot be built at all leaves the view without suggestions.
fn suggest(project: &Project, locale: &Locale, messages: &mut [MessageView]) -> Vec<String> {
    let needs = |m: &MessageView| {
        matches!(
            m.state,
            State::Missing | State::EditedTemplate | State::Broken
        ) || m.stale.is_some()
    };
    if !messages.iter().any(needs) {
        return Vec::new();
    }
    let loaded = match crate::memory::run::load(project, &locale.id) {
        Ok(loaded) => loaded,
        Err(e) => return vec![format!("no translation memory: {e}")],
    };
    let floor = project.memory.floor;
    for m in messages.iter_mut().filter(|m| needs(m)) {
        for part in &mut m.parts {
            part.suggestions = loaded
                .memory
                .suggest(&part.english, crate::memory::DEFAULT_LIMIT, floor)
                .into_iter()
                .map(|s| Suggested {
                    score: s.score,
                    kind: s.kind,
                    text: s.text,
                    source: s.entry.source.clone(),
                    origin: s.entry.origin.label(),
                })
                .collect();
        }
    }
    loaded.warnings.iter().map(ToString::to_string).collect()
}

/// The most entries a concordance search answers with.
pub const CONCORDANCE_LIMIT: usize = 50;

/// Every translation memory entry of `locale` whose English or translation
/// contains `phrase` (case ignored), at most [`CONCORDANCE_LIMIT`]; `None`
/// for a locale the project does not have.
pub fn concordance(
    project: &Project,
    locale: &str,
    phrase: &str,
) -> Result<Option<Vec<crate::memory::Entry>>> {
    if !project.targets.iter().any(|l| l.id == locale) {
        return Ok(None);
    }
    if phrase.trim().is_empty() {
        return Ok(Some(Vec::new()));
    }
    let loaded = crate::memory::run::load(project, locale)?;
    Ok(Some(
        loaded
            .memory
            .concordance(phrase, CONCORDANCE_LIMIT)
            .into_iter()
            .cloned()
            .collect(),
    ))
}

/// The findings `check` would give a message if the translator's text were
/// saved: the file with that message replaced, checked as a whole. Text that
/// is not valid Fluent gives one `syntax-error` finding with the reason.
pub fn lint_candidate(
    project: &Project,
    locale: &Locale,
    doc: &str,
    id: &str,
    typed: &Typed,
) -> Result<Vec<Finding>> {
    Ok(lint_candidate_fixes(project, locale, doc, id, typed)?
        .into_iter()
        .map(|(f, _)| f)
        .collect())
}

/// [`lint_candidate`], each finding with whether it has a safe fix (the
/// one `check --fix` makes), which [`fix_candidate`] makes in the editor.
pub fn lint_candidate_fixes(
    project: &Project,
    locale: &Locale,
    doc: &str,
    id: &str,
    typed: &Typed,
) -> Result<Vec<(Finding, bool)>> {
    Ok(match candidate(project, locale, doc, id, typed)? {
        Ok((text, findings)) => findings
            .into_iter()
            .map(|f| {
                let fixable = lint::fix::fix_of(&text, &f).is_some();
                (f, fixable)
            })
            .collect(),
        Err(refused) => vec![(refused, false)],
    })
}

/// The locale file with the translator's text for `id` in it, and the
/// findings of that message there (info ones left out); or, for text that
/// is not valid Fluent, the finding that says why.
fn candidate(
    project: &Project,
    locale: &Locale,
    doc: &str,
    id: &str,
    typed: &Typed,
) -> Result<std::result::Result<(String, Vec<Finding>), Finding>> {
    let path = project.ftl_path(&locale.id, doc);
    let entry = match entry_for(id, typed) {
        Ok(entry) => entry,
        Err(reason) => return Ok(Err(refusal(locale, &path, id, reason))),
    };
    let english = reference(project, doc)?;
    let text = crate::ftl::load::read(&path)?.unwrap_or_default();
    let candidate = crate::sync::edit::set_message(&english.text, &text, id, &entry);
    let scope = LocaleScope::of(project, locale, english_files(project)?)?;
    let linted = lint_doc(
        project,
        locale,
        doc,
        &english,
        Some(candidate.clone()),
        &scope,
    )?;
    let findings = linted
        .findings
        .into_iter()
        .filter(|f| f.id.as_deref() == Some(id) && f.severity != Severity::Info)
        .collect();
    Ok(Ok((candidate, findings)))
}

/// How a Fix came out.
#[derive(Debug, Clone, PartialEq)]
pub enum Fixed {
    /// What the message's editors hold with the fix made, by part: only the
    /// characters the finding spans changed. Nothing is written: the
    /// translator saves as usual (with its conflict check).
    Parts(BTreeMap<String, String>),
    /// No such finding with a safe fix in this text (any more), or a text
    /// the fix cannot be put back into: why.
    Refused(String),
}

/// The translator's text for `id` with the safe fix of its `n`th finding of
/// `code` (counted as [`lint_candidate`] lists them) made, as `check --fix`
/// and the language server's quick fix make it: the file with the text in
/// it is checked, the finding's characters replaced there, and the message's
/// parts read back. Refused when reading the unfixed text back would not
/// give what the translator typed, as a save writes it (line ends and the
/// blanks at its end aside): the fix could change more than its characters.
#[allow(clippy::too_many_arguments)]
pub fn fix_candidate(
    project: &Project,
    locale: &Locale,
    doc: &str,
    id: &str,
    typed: &Typed,
    code: &str,
    n: usize,
) -> Result<Fixed> {
    let (text, findings) = match candidate(project, locale, doc, id, typed)? {
        Ok(found) => found,
        Err(refused) => return Ok(Fixed::Refused(refused.message)),
    };
    let Some((span, new)) = findings
        .iter()
        .filter(|f| f.code.as_str() == code)
        .nth(n)
        .and_then(|f| lint::fix::fix_of(&text, f))
    else {
        return Ok(Fixed::Refused(format!(
            "no `{code}` finding with a fix here any more"
        )));
    };
    let fixed = format!("{}{new}{}", &text[..span.start], &text[span.end..]);
    let parts = |file: &str| {
        message_block(file, id)
            .map(|b| super::block_parts(id, b))
            .unwrap_or_default()
    };
    let as_typed: BTreeMap<String, String> = typed
        .iter()
        .filter(|(_, t)| !t.trim().is_empty())
        .map(|(p, t)| (p.clone(), t.replace("\r\n", "\n").trim_end().to_string()))
        .collect();
    if parts(&text) != as_typed {
        return Ok(Fixed::Refused(
            "this text is not read back as typed (its spacing or line ends): save it, then fix"
                .into(),
        ));
    }
    Ok(Fixed::Parts(parts(&fixed)))
}

fn refusal(locale: &Locale, path: &std::path::Path, id: &str, reason: String) -> Finding {
    Finding {
        code: Code::SyntaxError,
        severity: Severity::Error,
        locale: locale.id.clone(),
        path: path.display().to_string(),
        line: 0,
        column: 0,
        id: Some(id.to_string()),
        message: reason,
        previous: None,
        span: 0..0,
    }
}

/// How a save came out.
#[derive(Debug, Clone, PartialEq)]
pub enum Saved {
    /// Written; the message's new token.
    Written { token: String },
    /// Not valid Fluent, or not a message of the document: nothing written.
    Refused(String),
    /// The text is what the file has already: nothing to write. `stale`:
    /// the message is still stale (a translation that is still right is
    /// cleared with Accept, not with a save).
    Unchanged { token: String, stale: bool },
    /// The message changed on disk since the view showed it: nothing written.
    /// What the file holds for it now (`None`: nothing), and its token.
    Conflict { disk: Option<String>, token: String },
}

/// Locks, one per file, that serialize the server's own writes to a file.
#[derive(Default)]
pub struct FileLocks(std::sync::Mutex<BTreeMap<PathBuf, std::sync::Arc<std::sync::Mutex<()>>>>);

impl FileLocks {
    fn of(&self, path: &std::path::Path) -> std::sync::Arc<std::sync::Mutex<()>> {
        let mut map = self.0.lock().unwrap_or_else(|e| e.into_inner());
        map.entry(path.to_path_buf()).or_default().clone()
    }
}

/// Saves what the translator typed for message `id` of `doc`, given the
/// token the view showed it with: only that message is written (its template
/// filled in place, or its lines replaced, as `import` writes), atomically,
/// every other byte kept. Like any hand edit, a new translation is no longer
/// stale: no record needs writing. Saves to one file are serialized, and the
/// file is re-read under the lock, so concurrent saves of different messages
/// all land; one made meanwhile by another program wins (a conflict).
pub fn save(
    project: &Project,
    locks: &FileLocks,
    locale: &Locale,
    doc: &str,
    id: &str,
    typed: &Typed,
    token: &str,
) -> Result<Saved> {
    let reference = crate::fsutil::read_text(&project.ftl_path(&project.source.id, doc))?;
    let known = crate::state::sources(&reference);
    if !known.contains_key(id) {
        return Ok(Saved::Refused(format!("`{id}` is not a message of {doc}")));
    }
    let entry = match entry_for(id, typed) {
        Ok(entry) => entry,
        Err(reason) => return Ok(Saved::Refused(reason)),
    };
    let path = project.ftl_path(&locale.id, doc);
    let lock = locks.of(&path);
    let _guard = lock.lock().unwrap_or_else(|e| e.into_inner());
    let before = crate::ftl::load::read(&path)?;
    let text = before.clone().unwrap_or_default();
    let now = message_token(&text, id);
    if !super::same_secret(&now, token) {
        return Ok(Saved::Conflict {
            disk: message_block(&text, id).map(str::to_string),
            token: now,
        });
    }
    let after = crate::sync::edit::set_message(&reference, &text, id, &entry);
    if after == text {
        let state = crate::state::StateFile::load(&crate::state::StateFile::path(
            &project.root,
            &locale.id,
            doc,
        ))?;
        let standings =
            crate::standing::standings(&crate::standing::Reference::of(&reference), &text, &state);
        let stale = standings
            .get(id)
            .is_some_and(|m| m.standing == crate::standing::Standing::Stale);
        return Ok(Saved::Unchanged { token: now, stale });
    }
    crate::project::files::inside_project(project, &path)?;
    let bom = if before.is_some() && crate::fsutil::starts_with_bom(&path) {
        "\u{feff}"
    } else {
        ""
    };
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    }
    match crate::fsutil::write_if_unchanged(
        &path,
        before.as_deref(),
        format!("{bom}{after}").as_bytes(),
    ) {
        Ok(_) => Ok(Saved::Written {
            token: message_token(&after, id),
        }),
        Err(e) => Ok(Saved::Refused(e.to_string())),
    }
}

/// How an Accept came out.
#[derive(Debug, Clone, PartialEq)]
pub enum Accepted {
    /// The stale translation is recorded against the English now.
    Done,
    /// Not stale (any more): nothing to accept.
    NotStale,
    /// The message changed on disk since the view showed it: nothing written.
    Conflict,
}

/// Marks the stale translation of `id` as reviewed and still right, as
/// `ftlkit accept` does (its record takes the English now; the translation
/// is not touched), provided the message is what the view showed (`token`).
pub fn accept(
    project: &Project,
    locks: &FileLocks,
    locale: &Locale,
    doc: &str,
    id: &str,
    token: &str,
    review: bool,
) -> Result<Accepted> {
    let path = project.ftl_path(&locale.id, doc);
    let lock = locks.of(&path);
    let _guard = lock.lock().unwrap_or_else(|e| e.into_inner());
    let text = crate::ftl::load::read(&path)?.unwrap_or_default();
    if !super::same_secret(&message_token(&text, id), token) {
        return Ok(Accepted::Conflict);
    }
    let ids = [id.to_string()];
    // Accept is for a stale translation; a review records any translation
    // a person checked (a stale one is accepted too).
    let report = match review {
        false => crate::state::accept::accept(project, &locale.id, &ids, false, false)?,
        true => crate::state::accept::review(project, &locale.id, &ids, false, false)?,
    };
    Ok(if report.accepted.is_empty() {
        Accepted::NotStale
    } else {
        Accepted::Done
    })
}

/// The page as `build` renders it for the locale, in memory (`dist/` is not touched).
pub fn preview(project: &Project, locale: &Locale, doc: &str) -> Result<String> {
    Ok(crate::build::preview_page(project, &locale.id, doc)?.html)
}
