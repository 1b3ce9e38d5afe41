//! What the language server knows of the project: which file is what (a
//! translation and its reference, a reference, a document under `content/`,
//! something outside), the editor's unsaved buffers, and what it read from
//! disk, kept until a watched file changes. Findings come from the same
//! rules as `ftlkit check`, run on the buffer's text.

use crate::error::{Error, Result};
use crate::ftl::blocks::TEMPLATE_MARK;
use crate::lint::audit::Pair;
use crate::lint::{self, Finding, LocaleFile, RefFile};
use crate::project::Project;
use std::cell::OnceCell;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::rc::Rc;

/// The project the server was started in.
pub enum Setup {
    /// An ftlkit project (`ftlkit.toml`, `content/`, `locales/`).
    Ftlkit(Box<Project>),
    /// A Mozilla project described by `l10n.toml` files.
    L10nToml {
        configs: Vec<PathBuf>,
        /// `--l10n-base` / `initializationOptions.l10n_base`: `{l10n_base}`.
        l10n_base: Option<PathBuf>,
        resolved: Box<crate::l10n_toml::ResolvedProject>,
    },
    /// No project could be loaded: every file is outside.
    None,
}

/// What a file is to the project.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileKind {
    /// A locale's translation: the pair's number.
    Translation(usize),
    /// A reference (source-locale) file, shown as `display`.
    Reference { display: String },
    /// A Markdown document under `content/`, by its document name.
    Content { doc: String },
    /// A file of another format (`.properties`, `.ini`, `.dtd`,
    /// `strings.xml`) a locale of an `l10n.toml` project has: its number
    /// among the project's other files.
    Other(usize),
    /// Not a file of the project.
    Outside,
}

/// A reference file digested: its text and what the rules need of it.
pub struct Digest {
    pub text: String,
    pub file: RefFile,
    pub findings: Vec<Finding>,
    with_templates: OnceCell<RefFile>,
}

impl Digest {
    fn new(display: &str, text: String, source_locale: &str) -> Digest {
        let (file, findings) = lint::digest_entries(display, &text, source_locale);
        Digest {
            text,
            file,
            findings,
            with_templates: OnceCell::new(),
        }
    }

    /// The digest a translation with this text is checked against (the
    /// templates `sync` wrote matter only to a text that has some).
    fn for_text(&self, text: &str) -> &RefFile {
        if !text.contains(TEMPLATE_MARK) {
            return &self.file;
        }
        self.with_templates.get_or_init(|| RefFile {
            templates: crate::ftl::blocks::expected_templates(&self.text),
            ..self.file.clone()
        })
    }
}

/// The ids one file defines (see [`defined_ids`]), shared by the checks.
type Ids = Rc<Vec<String>>;

pub struct Workspace {
    /// Absolute.
    pub root: PathBuf,
    pub setup: Setup,
    pub source_locale: String,
    pub pairs: Vec<Pair>,
    by_l10n: HashMap<PathBuf, usize>,
    /// An `l10n.toml` project's files in formats other than Fluent that
    /// ftlkit reads, by path: their number in `other`.
    by_other: HashMap<PathBuf, usize>,
    /// Every reference file, with its display path.
    references: BTreeMap<PathBuf, String>,
    /// The editor's buffers, by absolute path.
    pub open: HashMap<PathBuf, String>,
    digests: HashMap<PathBuf, Rc<Digest>>,
    /// The ids each locale file defines, for the scope of the others.
    stubs: HashMap<PathBuf, Ids>,
    states: HashMap<PathBuf, Rc<crate::state::StateFile>>,
    memories: HashMap<String, Rc<crate::memory::Memory>>,
    /// The project's glossary (`[glossary] files`), read when it loads.
    glossary: Rc<lint::rules::glossary::Glossary>,
    /// What could not be read, for the client's log.
    pub log: Vec<String>,
}

impl Workspace {
    /// The project at `root`: `configs` (l10n.toml files) when given, else an
    /// `l10n.toml` at the root when there is no ftlkit project, else ftlkit's.
    pub fn load(root: &Path, configs: &[PathBuf], l10n_base: Option<&Path>) -> Result<Workspace> {
        let given = std::path::absolute(root).map_err(|e| Error::io(root, e))?;
        let mut configs: Vec<PathBuf> = configs.iter().map(|c| given.join(c)).collect();
        let l10n_base = l10n_base.map(|b| given.join(b));
        let root = match configs.first() {
            // An l10n.toml project is the config's folder (its paths are
            // relative to it; the watcher follows it, not the current folder).
            Some(first) => first.parent().map_or(given.clone(), Path::to_path_buf),
            None => project_above(&given).unwrap_or(given),
        };
        if configs.is_empty()
            && !root.join(crate::project::CONFIG_FILE).is_file()
            && root.join("l10n.toml").is_file()
        {
            configs.push(root.join("l10n.toml"));
        }
        let mut log = Vec::new();
        let mut loaded_glossary = lint::rules::glossary::Glossary::default();
        let (setup, pairs, source_locale) = if configs.is_empty() {
            let project = Project::load(&root)?;
            // A project not extracted yet has no files to pair: its Markdown
            // is still checked (what `extract` would add).
            let pairs = lint::audit::project_pairs(&project, &[]).unwrap_or_else(|e| {
                log.push(e.to_string());
                Vec::new()
            });
            let source = project.source.id.clone();
            let (glossary, warnings) =
                lint::rules::glossary::Glossary::load(&project.root, &project.glossary.files);
            log.extend(warnings);
            loaded_glossary = glossary;
            (Setup::Ftlkit(Box::new(project)), pairs, source)
        } else {
            l10n_setup(&root, configs, l10n_base)?
        };
        let mut workspace = Workspace::empty(root, setup, source_locale);
        workspace.log = log;
        workspace.glossary = Rc::new(loaded_glossary);
        workspace.set_pairs(pairs);
        Ok(workspace)
    }

    /// A server with no project (the folder has none, or its configuration
    /// is broken): it answers, and checks nothing.
    pub fn none(root: &Path) -> Workspace {
        let root = std::path::absolute(root).unwrap_or_else(|_| root.to_path_buf());
        Workspace::empty(root, Setup::None, "en-US".into())
    }

    /// A workspace that has read nothing yet, its files not listed.
    fn empty(root: PathBuf, setup: Setup, source_locale: String) -> Workspace {
        Workspace {
            root,
            setup,
            source_locale,
            pairs: Vec::new(),
            by_l10n: HashMap::new(),
            by_other: HashMap::new(),
            references: BTreeMap::new(),
            open: HashMap::new(),
            digests: HashMap::new(),
            stubs: HashMap::new(),
            states: HashMap::new(),
            memories: HashMap::new(),
            glossary: Rc::default(),
            log: Vec::new(),
        }
    }

    /// One line for the client's log: the project and what it holds.
    pub fn describe(&self) -> String {
        let locales: BTreeSet<&str> = self.pairs.iter().map(|p| p.locale.as_str()).collect();
        let what = match &self.setup {
            Setup::Ftlkit(_) => "ftlkit project".to_string(),
            Setup::L10nToml { configs, .. } => format!(
                "l10n.toml project ({})",
                configs
                    .iter()
                    .map(|c| self.display(c))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            Setup::None => "no project".to_string(),
        };
        format!(
            "{what} at {}: {} locales, {} reference files, {} translation files",
            self.root.display(),
            locales.len(),
            self.references.len(),
            self.pairs.len()
        )
    }

    /// The l10n.toml files the project was loaded from.
    pub fn configs(&self) -> Vec<PathBuf> {
        match &self.setup {
            Setup::L10nToml { configs, .. } => configs.clone(),
            _ => Vec::new(),
        }
    }

    /// The `{l10n_base}` the project was loaded with, if one was given.
    pub fn l10n_base(&self) -> Option<PathBuf> {
        match &self.setup {
            Setup::L10nToml { l10n_base, .. } => l10n_base.clone(),
            _ => None,
        }
    }

    /// The folders to follow for changes, and how.
    pub fn watched(&self) -> Vec<(PathBuf, notify::RecursiveMode)> {
        use notify::RecursiveMode::{NonRecursive, Recursive};
        match &self.setup {
            Setup::Ftlkit(project) => {
                let state = self.root.join(crate::state::STATE_DIR);
                let mut dirs = vec![(self.root.clone(), NonRecursive)];
                for dir in [&project.content_dir, &project.locales_dir, &state] {
                    if dir.is_dir() {
                        dirs.push((dir.clone(), Recursive));
                    }
                }
                dirs
            }
            Setup::L10nToml { l10n_base, .. } => std::iter::once(self.root.clone())
                .chain(
                    l10n_base
                        .iter()
                        .filter(|b| !b.starts_with(&self.root))
                        .cloned(),
                )
                .map(|folder| (folder, Recursive))
                .collect(),
            Setup::None => Vec::new(),
        }
    }

    fn set_pairs(&mut self, pairs: Vec<Pair>) {
        self.by_l10n = pairs
            .iter()
            .enumerate()
            .map(|(i, p)| (p.l10n.clone(), i))
            .collect();
        self.references = pairs
            .iter()
            .filter_map(|p| p.reference.clone())
            .map(|r| {
                let display = self.display(&r);
                (r, display)
            })
            .collect();
        self.pairs = pairs;
        if let Setup::L10nToml { resolved, .. } = &self.setup {
            self.by_other = resolved
                .other
                .iter()
                .enumerate()
                .filter(|(_, p)| lint::legacy::Format::of(&p.l10n).is_some())
                .map(|(i, p)| (p.l10n.clone(), i))
                .collect();
        }
    }

    /// Every reference file.
    pub fn reference_paths(&self) -> Vec<PathBuf> {
        self.references.keys().cloned().collect()
    }

    /// A path as findings show it: relative to the root.
    pub fn display(&self, path: &Path) -> String {
        path.strip_prefix(&self.root)
            .unwrap_or(path)
            .display()
            .to_string()
    }

    pub fn project(&self) -> Option<&Project> {
        match &self.setup {
            Setup::Ftlkit(project) => Some(project),
            Setup::L10nToml { .. } | Setup::None => None,
        }
    }

    pub fn kind(&self, path: &Path) -> FileKind {
        if let Some(&i) = self.by_l10n.get(path) {
            return FileKind::Translation(i);
        }
        if let Some(&i) = self.by_other.get(path) {
            return FileKind::Other(i);
        }
        if let Some(display) = self.references.get(path) {
            return FileKind::Reference {
                display: display.clone(),
            };
        }
        if let Some(project) = self.project() {
            let doc = path
                .strip_prefix(&project.content_dir)
                .ok()
                .filter(|_| path.extension().is_some_and(|e| e == "md"))
                .map(|rel| rel.with_extension("").to_string_lossy().replace('\\', "/"));
            if let Some(doc) = doc {
                return FileKind::Content { doc };
            }
        }
        FileKind::Outside
    }

    /// The editor's buffer of `path` changed (opened, edited, closed): what
    /// was made of its text is made again when next asked.
    pub fn buffer_changed(&mut self, path: &Path) {
        self.digests.remove(path);
        self.stubs.remove(path);
    }

    /// `path` changed on disk (an editor's save, a `git pull`): what was read
    /// of it is read again; the file list too when a Fluent file of the
    /// project appeared or went; the translation memories (made of the saved
    /// translations) when a Fluent or state file changed.
    pub fn disk_changed(&mut self, path: &Path) {
        // A folder (a checkout, a state folder rewritten) stands for all in it.
        self.digests.retain(|k, _| !k.starts_with(path));
        self.stubs.retain(|k, _| !k.starts_with(path));
        self.states.retain(|k, _| !k.starts_with(path));
        let ftl = path.extension().is_some_and(|e| e == "ftl");
        let inside = match &self.setup {
            Setup::Ftlkit(project) => path.starts_with(&project.locales_dir),
            Setup::L10nToml { .. } => path.starts_with(&self.root),
            Setup::None => false,
        };
        let known = self.by_l10n.contains_key(path) || self.references.contains_key(path);
        if ftl && inside && (!known || !path.exists()) {
            if let Err(e) = self.reload_pairs() {
                self.log
                    .push(format!("could not list the project's files: {e}"));
            }
        }
        if ftl || path.starts_with(self.root.join(crate::state::STATE_DIR)) {
            self.memories.clear();
        }
    }

    /// Lists the project's files again (a locale file was added or removed).
    pub fn reload_pairs(&mut self) -> Result<()> {
        let pairs = match &self.setup {
            Setup::Ftlkit(project) => lint::audit::project_pairs(project, &[])?,
            Setup::L10nToml {
                configs, l10n_base, ..
            } => l10n_setup(&self.root, configs.clone(), l10n_base.clone())?.1,
            Setup::None => Vec::new(),
        };
        self.set_pairs(pairs);
        Ok(())
    }

    /// The text of a file: the editor's buffer, else the disk's (`None` when
    /// there is no such file).
    pub fn text(&self, path: &Path) -> Result<Option<String>> {
        match self.open.get(path) {
            // As the disk's is read: without a byte-order mark.
            Some(text) => Ok(Some(
                text.strip_prefix('\u{feff}').unwrap_or(text).to_string(),
            )),
            None => crate::ftl::load::read(path),
        }
    }

    pub fn digest(&mut self, path: &Path) -> Rc<Digest> {
        if let Some(d) = self.digests.get(path) {
            return d.clone();
        }
        let text = match self.text(path) {
            Ok(text) => text.unwrap_or_default(),
            Err(e) => {
                self.log.push(e.to_string());
                String::new()
            }
        };
        let display = self.display(path);
        let digest = Rc::new(Digest::new(&display, text, &self.source_locale));
        self.digests.insert(path.to_path_buf(), digest.clone());
        digest
    }

    fn stub(&mut self, path: &Path) -> Ids {
        if let Some(s) = self.stubs.get(path) {
            return s.clone();
        }
        let text = self.text(path).ok().flatten().unwrap_or_default();
        let ids: Vec<String> = defined_ids(&text).into_iter().map(str::to_string).collect();
        let stub = Rc::new(ids);
        self.stubs.insert(path.to_path_buf(), stub.clone());
        stub
    }

    /// Where each message of pair `i`'s reference stands in `text` (the
    /// buffer, or the file as read), with the pair's state record: the one
    /// model ([`crate::standing`]) `status`, `check` and `serve` read too.
    pub fn standings(&mut self, i: usize, text: &str) -> crate::standing::Standings {
        let pair = self.pairs[i].clone();
        let Some(reference) = pair.reference.as_deref() else {
            return Default::default();
        };
        let digest = self.digest(reference);
        let state = match pair.state.as_deref() {
            Some(s) => self.state(s),
            None => Rc::default(),
        };
        crate::standing::standings(&crate::standing::Reference::of(&digest.text), text, &state)
    }

    fn state(&mut self, path: &Path) -> Rc<crate::state::StateFile> {
        if let Some(s) = self.states.get(path) {
            return s.clone();
        }
        let state = crate::state::StateFile::load(path).unwrap_or_else(|e| {
            self.log.push(e.to_string());
            Default::default()
        });
        let state = Rc::new(state);
        self.states.insert(path.to_path_buf(), state.clone());
        state
    }

    /// The glossary's terms of an English text, as `locale` must write them
    /// (what the hover on a translation shows).
    pub fn glossary_terms(
        &self,
        locale: &str,
        english: &str,
    ) -> Vec<lint::rules::glossary::TermFor> {
        self.glossary.terms_for(locale, english)
    }

    /// The translation memory of a locale (an ftlkit project's), built once
    /// until a Fluent or state file changes.
    pub fn memory(&mut self, locale: &str) -> Option<Rc<crate::memory::Memory>> {
        if let Some(m) = self.memories.get(locale) {
            return Some(m.clone());
        }
        let loaded = crate::memory::run::load(self.project()?, locale);
        let loaded = match loaded {
            Ok(loaded) => loaded,
            Err(e) => {
                self.log
                    .push(format!("no translation memory for {locale}: {e}"));
                return None;
            }
        };
        for w in &loaded.warnings {
            self.log.push(format!("translation memory: {w}"));
        }
        let memory = Rc::new(loaded.memory);
        self.memories.insert(locale.to_string(), memory.clone());
        Some(memory)
    }

    /// What `check` finds in translation `i` if its text were `text`, the
    /// locale's other files read for what they define. Missing messages
    /// are among them (their path is the reference's).
    pub fn lint_translation(&mut self, i: usize, text: &str) -> Vec<Finding> {
        let pair = self.pairs[i].clone();
        let own = pair.reference.as_deref().map(|r| self.digest(r));
        let same: Vec<usize> = (0..self.pairs.len())
            .filter(|&j| j != i && self.pairs[j].locale == pair.locale)
            .collect();
        let others: Vec<(Option<Rc<Digest>>, Ids)> = same
            .into_iter()
            .map(|j| {
                let other = self.pairs[j].clone();
                let digest = other.reference.as_deref().map(|r| self.digest(r));
                (digest, self.stub(&other.l10n))
            })
            .collect();
        let state = pair.state.as_deref().map(|s| self.state(s));
        let file = LocaleFile {
            reference: own.as_deref().map(|d| d.for_text(text)),
            display: pair.display.clone(),
            text: Some(text.to_string()),
            reference_display: own.as_ref().map(|d| d.file.display.clone()),
            state: state.map(|s| (*s).clone()),
        };
        let glossary = Rc::clone(&self.glossary);
        // A project of documents: each page has its own file and the page
        // strings only (read again: a translator may be editing them).
        let pages = match &self.setup {
            Setup::Ftlkit(project) => {
                lint::audit::page_strings(project, std::iter::once(pair.locale.as_str())).ok()
            }
            _ => None,
        };
        let context = lint::Context {
            ids: others
                .iter()
                .flat_map(|(_, ids)| ids.iter().map(String::as_str))
                .collect(),
            references: others
                .iter()
                .filter_map(|(d, _)| d.as_deref().map(|d| &d.file))
                .collect(),
            glossary: Some(&glossary),
            errors_only: false,
            text_level_markup: matches!(self.setup, Setup::L10nToml { .. }),
            documents: pages.as_ref(),
        };
        let langid = pair.locale.parse().unwrap_or_default();
        let check = |filter, levels| {
            lint::check_one_file(&pair.locale, &langid, file, &context, filter, levels).1
        };
        match &self.setup {
            Setup::Ftlkit(project) => check(None, Some(&project.check)),
            Setup::None => check(None, None),
            Setup::L10nToml { resolved, .. } => {
                let ask = |display: &str, key: Option<&str>| {
                    let path = if display == pair.display {
                        pair.l10n.clone()
                    } else {
                        self.root.join(display)
                    };
                    lint::audit::filter_action(resolved.filter_for(&pair.locale, &path, key))
                };
                let filter = lint::Filter {
                    ask: &ask,
                    by_file: !resolved.has_key_rules(),
                };
                let mut found = check(Some(filter), None);
                for f in &mut found {
                    lint::audit::application_passes_variable(f);
                }
                found
            }
        }
    }

    /// What `check` finds in other file `i` (`.properties`, `.dtd`…) if its
    /// text were `text` (`lint::legacy::check_one_file`), and the file as
    /// its findings name it. Missing entities are among them (their path is
    /// the English's).
    pub fn lint_other(&mut self, i: usize, text: &str) -> (String, Vec<Finding>) {
        let Setup::L10nToml { resolved, .. } = &self.setup else {
            return (String::new(), Vec::new());
        };
        let pair = &resolved.other[i];
        let own = crate::l10n_toml::relative_path(&pair.l10n, &self.root);
        match lint::legacy::check_one_file(resolved, &self.root, pair, text) {
            Ok(found) => {
                let mut findings = found.map(|(_, f)| f).unwrap_or_default();
                // Read as compare-locales reads it, CRLF made LF: the spans
                // are not the buffer's, the lines and columns are.
                if text.contains('\r') {
                    findings.iter_mut().for_each(|f| f.span = 0..0);
                }
                (own, findings)
            }
            Err(e) => {
                self.log.push(format!("{own}: {e}"));
                (own, Vec::new())
            }
        }
    }

    /// What `check` finds in a reference file if its text were `text`: its
    /// syntax, and references no reference file defines.
    pub fn lint_reference(&mut self, path: &Path, text: &str) -> Vec<Finding> {
        let display = self.display(path);
        let digest = Digest::new(&display, text.to_string(), &self.source_locale);
        let others: Vec<Rc<Digest>> = self
            .references
            .keys()
            .filter(|r| r.as_path() != path)
            .cloned()
            .collect::<Vec<_>>()
            .iter()
            .map(|r| self.digest(r))
            .collect();
        let files = others
            .iter()
            .map(|d| (&d.file, d.text.as_str()))
            .chain(std::iter::once((&digest.file, digest.text.as_str())));
        let mut findings = digest.findings.clone();
        findings.extend(lint::rules::references::in_reference(
            files,
            &self.source_locale,
        ));
        findings.retain(|f| f.path == display);
        findings
    }
}

/// The project a folder is in, as `check` finds it from there: the folder or
/// the nearest above it with `ftlkit.toml` or `l10n.toml`, else with
/// `content/` or `locales/` (a translator opens `locales/ar/`).
fn project_above(dir: &Path) -> Option<PathBuf> {
    let marked =
        |d: &Path| d.join(crate::project::CONFIG_FILE).is_file() || d.join("l10n.toml").is_file();
    dir.ancestors()
        .find(|d| marked(d))
        .or_else(|| dir.ancestors().find(|d| crate::project::is_project(d)))
        .map(Path::to_path_buf)
}

/// An `l10n.toml` project's setup, pairs and reference locale.
fn l10n_setup(
    root: &Path,
    configs: Vec<PathBuf>,
    l10n_base: Option<PathBuf>,
) -> Result<(Setup, Vec<Pair>, String)> {
    let options = crate::l10n_toml::LoadOptions {
        l10n_base: l10n_base.clone(),
        ..Default::default()
    };
    let mut resolved = crate::l10n_toml::load_with(&configs, &[], &options)?;
    let pairs = lint::audit::l10n_pairs(std::mem::take(&mut resolved.pairs));
    let source = lint::audit::reference_locale(&pairs, root);
    let setup = Setup::L10nToml {
        configs,
        l10n_base,
        resolved: Box::new(resolved),
    };
    Ok((setup, pairs, source))
}

pub use crate::lint::defined_ids;

#[cfg(test)]
mod tests {
    use super::defined_ids;

    #[test]
    fn defined_ids_finds_messages_and_terms_at_line_starts() {
        let text = "# c\n-brand = Relay\nhello = Hi { -brand }\n    .title = x\n  indented = no\nbad-=\nkey-id=v\n";
        assert_eq!(defined_ids(text), ["-brand", "hello", "bad-", "key-id"]);
    }
}
