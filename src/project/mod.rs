//! The project: `ftlkit.toml` at the root (optional) plus the conventional layout.
//!
//! Every key has a default, so a project with `content/` and `locales/en-US/`
//! needs no configuration at all. Unknown keys are errors, so a typo never
//! silently does nothing.

use crate::error::{Error, Result};
use crate::locale::{parse_locale, Direction};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use unic_langid::LanguageIdentifier;

pub mod check;
pub mod files;
mod layout;
pub mod starter;

pub use layout::{
    doc_prefix, glob_path, is_project, resolved, validate_doc_name, DocumentScan, PAGE_STRINGS,
};

/// The project file's name, looked for in the project root.
pub const CONFIG_FILE: &str = "ftlkit.toml";

/// `ftlkit.toml`, as written.
#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "kebab-case", deny_unknown_fields)]
pub struct ConfigFile {
    /// The locale the content is written in. Default `en-US`.
    pub source_locale: Option<String>,
    /// Target locales. Default: every folder under `locales/` but the source's.
    pub locales: Option<Vec<String>>,
    /// Folder of Markdown documents (every `*.md` at any depth). Default `content`.
    pub content: Option<PathBuf>,
    /// Globs over the content folder's paths (`guide/**`): only matching
    /// Markdown files are documents. Default: all.
    pub include: Vec<String>,
    /// Globs over the content folder's paths: matching Markdown files are not documents.
    pub exclude: Vec<String>,
    /// Folder of `<locale>/<doc>.ftl` files. Default `locales`.
    pub locales_dir: Option<PathBuf>,
    /// Where `build` writes. Default `dist`.
    pub output: Option<PathBuf>,
    pub build: BuildConfig,
    /// The translation memory (`[memory]`).
    pub memory: MemoryConfig,
    /// What formatting a Fluent file in an editor (`ftlkit lsp`) may change.
    pub format: FormatConfig,
    /// Per-locale settings, keyed by locale id.
    pub locale: BTreeMap<String, LocaleConfig>,
    /// The levels of `check`'s codes (`[check]`).
    pub check: check::CheckConfig,
    /// The project's terminology (`[glossary]`).
    pub glossary: GlossaryConfig,
}

/// `[glossary]`: the glossary tables `check` reads.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "kebab-case", deny_unknown_fields)]
pub struct GlossaryConfig {
    /// TOML glossary tables, relative to the project root.
    pub files: Vec<PathBuf>,
}

/// `[memory]`: what the translation memory reads besides the project's own
/// translations, and what it offers.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, rename_all = "kebab-case", deny_unknown_fields)]
pub struct MemoryConfig {
    /// TMX files read as memory, relative to the project root.
    pub files: Vec<PathBuf>,
    /// The lowest fuzzy match offered, in per cent (default 70).
    pub floor: u8,
}

/// `[format]`: the whitespace normalization `ftlkit lsp` formatting makes.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "kebab-case", deny_unknown_fields)]
pub struct FormatConfig {
    pub normalize: Normalize,
}

/// What formatting normalizes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Normalize {
    /// Trailing spaces and tabs on comment and blank lines, and one line end
    /// at the end of the file: whitespace no reader sees.
    #[default]
    Whitespace,
    /// Nothing: formatting leaves every byte.
    None,
}

/// The default `[memory] floor` (`memory::DEFAULT_FLOOR` is this): defined
/// here, since `memory` reads the project and `project` must not use `memory`.
pub const DEFAULT_MEMORY_FLOOR: u8 = 70;

impl Default for MemoryConfig {
    fn default() -> Self {
        MemoryConfig {
            files: Vec::new(),
            floor: DEFAULT_MEMORY_FLOOR,
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(default, rename_all = "kebab-case", deny_unknown_fields)]
pub struct BuildConfig {
    /// Share of a document's messages a locale must translate to be published.
    pub threshold: f64,
    /// Message ids a locale must have to be published (`*` matches any text).
    pub required: Vec<String>,
    /// What readers get for a stale translation (see [`StaleMode`]); default `note`.
    pub stale: Option<StaleMode>,
    /// The older spelling of `stale = "english"` (`true`) and `stale = "note"` (`false`).
    pub fallback_on_stale: Option<bool>,
    /// Publish only translations a person reviewed (`ftlkit review`): the
    /// others fall back block by block as missing ones do (default: false).
    pub require_review: bool,
    /// Where the output folder is published (`https://example.org/docs/`):
    /// absolute `hreflang` alternates, canonical links and `sitemap.xml`.
    pub base_url: Option<String>,
    /// Which page formats the site has (default all: `html`, `md`, `txt`).
    pub formats: Option<Vec<PageFormat>>,
}

/// A format of ftlkit's site's pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PageFormat {
    Html,
    Md,
    Txt,
}

/// The page formats a site build writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Formats {
    pub html: bool,
    pub md: bool,
    pub txt: bool,
}

impl Default for Formats {
    fn default() -> Self {
        Formats {
            html: true,
            md: true,
            txt: true,
        }
    }
}

impl Formats {
    /// The formats named; an empty list is an error that says what to write.
    pub fn of(list: &[PageFormat]) -> std::result::Result<Formats, String> {
        if list.is_empty() {
            return Err("`formats` names no format: write one or more of \"html\", \"md\", \"txt\" (or leave it out for all three)".into());
        }
        Ok(Formats {
            html: list.contains(&PageFormat::Html),
            md: list.contains(&PageFormat::Md),
            txt: list.contains(&PageFormat::Txt),
        })
    }
}

impl Default for BuildConfig {
    fn default() -> Self {
        BuildConfig {
            threshold: 0.8,
            required: Vec::new(),
            stale: None,
            fallback_on_stale: None,
            require_review: false,
            base_url: None,
            formats: None,
        }
    }
}

/// What a page shows for a block whose translation is stale (the English
/// changed since it was translated).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum StaleMode {
    /// The old translation, silently.
    Show,
    /// The old translation with a note in the reader's language that the
    /// English changed, and the current English beside it (a `<details>`).
    #[default]
    Note,
    /// The English instead, block by block, as for a missing translation.
    English,
}

impl StaleMode {
    pub fn as_str(self) -> &'static str {
        match self {
            StaleMode::Show => "show",
            StaleMode::Note => "note",
            StaleMode::English => "english",
        }
    }

    /// `stale` if given, else the older `fallback-on-stale` if given.
    fn from_keys(stale: Option<StaleMode>, fallback_on_stale: Option<bool>) -> Option<StaleMode> {
        stale.or(fallback_on_stale.map(|english| {
            if english {
                StaleMode::English
            } else {
                StaleMode::Note
            }
        }))
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "kebab-case", deny_unknown_fields)]
pub struct LocaleConfig {
    pub threshold: Option<f64>,
    pub required: Option<Vec<String>>,
    /// Overrides the direction CLDR gives for the language.
    pub direction: Option<Direction>,
    /// Locale used for numbers, dates and plurals, e.g. `ar-IQ` for the `ar` folder.
    pub format_locale: Option<String>,
    pub stale: Option<StaleMode>,
    pub fallback_on_stale: Option<bool>,
    pub require_review: Option<bool>,
}

/// A target locale with everything resolved.
#[derive(Debug, Clone)]
pub struct Locale {
    /// The folder name and `lang` attribute.
    pub id: String,
    pub langid: LanguageIdentifier,
    /// The locale numbers, dates and plural rules are formatted for.
    pub format_langid: LanguageIdentifier,
    pub direction: Direction,
    pub threshold: f64,
    pub required: Vec<String>,
    /// What readers get for a stale translation (`[build] stale`).
    pub stale: StaleMode,
    /// Publish only reviewed translations (`[build] require-review`).
    pub require_review: bool,
}

impl Locale {
    /// A locale with no settings: CLDR direction, published whatever its share.
    /// Used for pseudo-locales and in-memory rendering.
    pub fn unconfigured(id: &str, langid: LanguageIdentifier) -> Locale {
        Locale {
            id: id.to_string(),
            direction: Direction::of(&langid),
            format_langid: langid.clone(),
            langid,
            threshold: 0.0,
            required: Vec::new(),
            stale: StaleMode::default(),
            require_review: false,
        }
    }
}

/// A loaded project: paths made absolute from the root, locales validated.
#[derive(Debug, Clone)]
pub struct Project {
    pub root: PathBuf,
    pub content_dir: PathBuf,
    /// `include` and `exclude`: which Markdown files of the content folder are documents.
    pub include: Vec<String>,
    pub exclude: Vec<String>,
    pub locales_dir: PathBuf,
    pub output_dir: PathBuf,
    pub source: Locale,
    /// Target locales, sorted by id; the source is not among them.
    pub targets: Vec<Locale>,
    /// `[memory]`, its files relative to the root.
    pub memory: MemoryConfig,
    /// `[format]`.
    pub format: FormatConfig,
    /// `[check]`: the levels of `check`'s codes for this project.
    pub check: check::CheckConfig,
    /// `[glossary]`: the glossary tables.
    pub glossary: GlossaryConfig,
    /// `[build] base-url`, ending in `/`: where the output folder is published.
    pub base_url: Option<String>,
    /// `[build] formats`: the site's page formats.
    pub formats: Formats,
}

/// A `base-url` checked (an absolute `http`/`https` URL without a query or
/// fragment) and made to end in `/`; the message says what is wrong.
pub fn base_url(url: &str) -> std::result::Result<String, String> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"));
    let host = rest.and_then(|r| r.split('/').next()).unwrap_or("");
    if host.is_empty()
        || url.contains(|c: char| {
            c.is_whitespace() || c.is_control() || matches!(c, '?' | '#' | '"' | '<' | '>')
        })
    {
        return Err(format!(
            "base-url `{url}` is not an absolute http(s) URL without a query or fragment: give where the output folder is published, e.g. \"https://example.org/docs/\""
        ));
    }
    Ok(if url.ends_with('/') {
        url.to_string()
    } else {
        format!("{url}/")
    })
}

/// The project folder for a command run in `cwd` without `-C`: the nearest of
/// `cwd` and the folders above it that holds `ftlkit.toml`, `content/` or
/// `locales/` (as git finds its repository), written relative to `cwd`
/// (`.`, `..`, `../..`). `cwd` itself when none does.
pub fn find_root(cwd: &Path) -> PathBuf {
    let marks = |dir: &Path| {
        dir.join(CONFIG_FILE).is_file()
            || dir.join("content").is_dir()
            || dir.join("locales").is_dir()
    };
    let absolute = std::path::absolute(cwd).unwrap_or_else(|_| cwd.to_path_buf());
    for (up, dir) in absolute.ancestors().enumerate() {
        if marks(dir) {
            let ups = PathBuf::from(vec![".."; up].join("/"));
            return match up {
                0 => cwd.to_path_buf(),
                _ if cwd == Path::new(".") => ups,
                _ => cwd.join(ups),
            };
        }
    }
    cwd.to_path_buf()
}

impl Project {
    /// Loads `root/ftlkit.toml` if present, else the defaults.
    /// A folder with none of `ftlkit.toml`, `content/` and `locales/` is no
    /// project: an error, rather than an empty success or a `dist/` made there.
    /// An output folder over the documents or translations is an error too.
    pub fn load(root: &Path) -> Result<Project> {
        if !is_project(root) {
            return Err(layout::no_project(root));
        }
        let path = root.join(CONFIG_FILE);
        // Read as every project file is (a regular file, no link out of the project).
        let file = match crate::fsutil::read_text(&path) {
            Ok(text) => {
                toml::from_str::<ConfigFile>(&text).map_err(|e| toml_error(&path, &text, e))?
            }
            Err(Error::Io { source, .. }) if source.kind() == std::io::ErrorKind::NotFound => {
                ConfigFile::default()
            }
            Err(e) => return Err(e),
        };
        let project = Project::from_config(root, &path, file)?;
        project.output_apart().map_err(|e| match e {
            Error::File { message, .. } if path.is_file() => Error::file(&path, message),
            other => other,
        })?;
        Ok(project)
    }

    fn from_config(root: &Path, path: &Path, file: ConfigFile) -> Result<Project> {
        not_a_glob(path, file.content.as_deref())?;
        let content_dir = root.join(file.content.as_deref().unwrap_or(Path::new("content")));
        let locales_dir = root.join(file.locales_dir.as_deref().unwrap_or(Path::new("locales")));
        let output_dir = root.join(file.output.as_deref().unwrap_or(Path::new("dist")));
        let build = &file.build;
        check_threshold(path, "build.threshold", build.threshold)?;
        file.check.validate(path)?;
        if file.memory.floor > 100 {
            return Err(Error::file(
                path,
                format!(
                    "memory.floor is {}: give a share in per cent, 0 to 100",
                    file.memory.floor
                ),
            ));
        }

        let resolve = |id: &str| -> Result<Locale> {
            let langid = parse_locale(id).map_err(|m| Error::file(path, m))?;
            let settings = file.locale.get(id);
            let format_langid = match settings.and_then(|s| s.format_locale.as_deref()) {
                Some(f) => parse_locale(f)
                    .map_err(|m| Error::file(path, format!("locale.{id}.format-locale: {m}")))?,
                None => langid.clone(),
            };
            let threshold = settings
                .and_then(|s| s.threshold)
                .unwrap_or(build.threshold);
            check_threshold(path, &format!("locale.{id}.threshold"), threshold)?;
            Ok(Locale {
                id: id.to_string(),
                direction: settings
                    .and_then(|s| s.direction)
                    .unwrap_or_else(|| Direction::of(&langid)),
                langid,
                format_langid,
                threshold,
                required: settings
                    .and_then(|s| s.required.clone())
                    .unwrap_or_else(|| build.required.clone()),
                stale: settings
                    .and_then(|s| StaleMode::from_keys(s.stale, s.fallback_on_stale))
                    .or(StaleMode::from_keys(build.stale, build.fallback_on_stale))
                    .unwrap_or_default(),
                require_review: settings
                    .and_then(|s| s.require_review)
                    .unwrap_or(build.require_review),
            })
        };

        let source = resolve(file.source_locale.as_deref().unwrap_or("en-US"))?;
        let ids = match &file.locales {
            Some(ids) => ids.clone(),
            None => discover_locales(&locales_dir, &source.id)?,
        };
        let mut targets = Vec::new();
        for id in &ids {
            let locale = resolve(id)?;
            if locale.id != source.id && !targets.iter().any(|t: &Locale| t.id == locale.id) {
                targets.push(locale);
            }
        }
        for key in file.locale.keys() {
            if *key != source.id && !targets.iter().any(|t| &t.id == key) {
                return Err(Error::file(
                    path,
                    format!("[locale.{key}] configures a locale that is not in `locales`"),
                ));
            }
        }
        targets.sort_by(|a, b| a.id.cmp(&b.id));
        Ok(Project {
            root: root.to_path_buf(),
            content_dir,
            include: file.include.clone(),
            exclude: file.exclude.clone(),
            locales_dir,
            output_dir,
            source,
            targets,
            memory: file.memory.clone(),
            format: file.format.clone(),
            check: file.check.clone(),
            glossary: file.glossary.clone(),
            base_url: build
                .base_url
                .as_deref()
                .map(base_url)
                .transpose()
                .map_err(|m| Error::file(path, m))?,
            formats: build
                .formats
                .as_deref()
                .map(Formats::of)
                .transpose()
                .map_err(|m| Error::file(path, m))?
                .unwrap_or_default(),
        })
    }

    /// The source locale followed by the targets.
    pub fn all_locales(&self) -> impl Iterator<Item = &Locale> {
        std::iter::once(&self.source).chain(&self.targets)
    }

    pub fn locale(&self, id: &str) -> Option<&Locale> {
        self.all_locales().find(|l| l.id == id)
    }

    /// The target locales' ids, for messages: `ar, ckb, fr`.
    pub fn target_list(&self) -> String {
        self.targets
            .iter()
            .map(|l| l.id.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The error for a locale id on the command line that the project does not have.
    pub fn unknown_locale(&self, id: &str) -> Error {
        Error::Usage(format!(
            "`{id}` is not one of the project's locales ({}); `ftlkit init {id}` adds it",
            self.target_list()
        ))
    }

    /// `locales/<locale>/<name>.ftl`. The locale id was validated on load, so it
    /// is a single safe path component.
    pub fn ftl_path(&self, locale: &str, name: &str) -> PathBuf {
        self.locales_dir.join(locale).join(format!("{name}.ftl"))
    }

    /// Names of the Markdown documents under the content folder (paths
    /// without `.md`: `cli/build`), sorted; see [`Project::scan_documents`].
    pub fn documents(&self) -> Result<Vec<String>> {
        Ok(self.scan_documents()?.names)
    }
}

/// `content` names a folder: a glob there (`"src/**"`) is an error that says
/// what to write instead.
fn not_a_glob(path: &Path, content: Option<&Path>) -> Result<()> {
    if let Some(glob) = content
        .and_then(Path::to_str)
        .filter(|c| c.contains(['*', '?', '[']))
    {
        let folder = glob
            .split(['*', '?', '['])
            .next()
            .unwrap_or("")
            .trim_end_matches('/');
        return Err(Error::file(
            path,
            format!(
                "content = \"{glob}\" is a glob; content names the folder of the documents (every *.md under it, at any depth): \
                 write content = \"{}\" and, to choose among its files, include = [\"…\"] or exclude = [\"…\"]",
                if folder.is_empty() { "." } else { folder }
            ),
        ));
    }
    Ok(())
}

fn check_threshold(path: &Path, key: &str, value: f64) -> Result<()> {
    if (0.0..=1.0).contains(&value) {
        Ok(())
    } else {
        Err(Error::file(
            path,
            format!("{key} must be between 0.0 and 1.0, not {value}"),
        ))
    }
}

fn discover_locales(locales_dir: &Path, source: &str) -> Result<Vec<String>> {
    let mut ids = Vec::new();
    let entries = match std::fs::read_dir(locales_dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(ids),
        Err(e) => return Err(Error::io(locales_dir, e)),
    };
    for entry in entries {
        let entry = entry.map_err(|e| Error::io(locales_dir, e))?;
        if !entry
            .file_type()
            .map_err(|e| Error::io(entry.path(), e))?
            .is_dir()
        {
            continue;
        }
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') || name == source {
            continue;
        }
        parse_locale(&name).map_err(|m| Error::file(entry.path(), m))?;
        ids.push(name);
    }
    ids.sort();
    Ok(ids)
}

fn toml_error(path: &Path, text: &str, err: toml::de::Error) -> Error {
    let message = err.message().to_string();
    match err.span() {
        Some(span) => {
            let (line, column) = crate::ftl::line_column(text, span.start);
            Error::At {
                path: path.to_path_buf(),
                line,
                column,
                message,
            }
        }
        None => Error::file(path, message),
    }
}
