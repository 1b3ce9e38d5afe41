//! Mozilla `l10n.toml` project configurations, read with compare-locales'
//! semantics (compare-locales 9.0.5: `paths/{configparser,project,matcher,files}.py`
//! and `compare/__init__.py`).
//!
//! What this module reproduces, and what is easy to get wrong:
//!
//! - **Paths are strings.** compare-locales matches absolute `/`-separated path
//!   strings against a regular expression built from each pattern, and walks the
//!   file system from the pattern's *prefix* (the text before its first wildcard).
//!   A prefix that is not a directory finds nothing: `en-US/a*.ftl` (prefix
//!   `…/en-US/a`) never matches a file, while `en-US/*.ftl` does.
//! - **`basepath`** is resolved against the toml's directory; every relative pattern
//!   (and every `[[includes]]`/`[[excludes]]` path) is resolved against that root,
//!   not against the including file's directory.
//! - **Variables**: `{name}` takes its value from `[env]`, then from the values the
//!   caller passes (`l10n_base`, which compare-locales' command line always sets,
//!   overriding the file's own). An env value is itself a pattern. A variable with no
//!   value matches any text (`.+?`), also across `/`. `{locale}` is set per locale,
//!   `{android_locale}` is its Android spelling. Included files do **not** inherit
//!   the including file's `[env]`, only the caller's values.
//! - **`*`** matches within one path segment, **`**`** (alone in a segment) any
//!   number of segments, also none. The n-th wildcard of an l10n pattern maps to the
//!   n-th wildcard of its reference pattern.
//! - **Locales**: a config applies to the locales of its `locales` list; a config
//!   without one (typically an included one) applies to every locale of the
//!   top-level config it belongs to, which applies to the union of all locales
//!   listed anywhere in it. A `[[paths]]` entry with a `locales` list applies only to
//!   those locales, and only if its config applies to them too.
//! - **Pairing** (per locale): every l10n file matching an l10n pattern is paired
//!   with its reference; every reference file is paired with its l10n path.
//!   A later `[[paths]]` entry wins over an earlier one for the same file. A pair
//!   whose l10n file does not exist is a *missing file*; one whose reference does
//!   not exist is an *obsolete file*.
//! - **`[[excludes]]`**: files matching an excluded config's l10n or reference
//!   patterns are skipped, but only for the locales that the excluded config itself
//!   lists. A config that is also included is not excluded.
//! - **`[[filters]]`**: the last matching rule of the config whose `[[paths]]` match
//!   the file decides; a rule with `key` applies only to entries, a rule without
//!   only to the file as a whole. Rules do not reach into included configs' paths,
//!   nor the other way round. `key = "re:…"` is a regular expression anchored at the
//!   start, any other key must match exactly.
//!
//! What compare-locales would crash on or silently accept is an error here: a
//! `[[paths]]` entry without `reference`, a pattern that starts with a wildcard,
//! l10n and reference patterns with different numbers of wildcards, unknown keys,
//! values of the wrong type, invalid locale ids, include cycles.
//!
//! The code is split by concern, following compare-locales' own modules:
//! `config.rs` reads a toml file into a `project::Config` (with `source.rs` for
//! typed, located TOML values), `project.rs` holds a config and its filter,
//! `pattern.rs` and `matcher.rs` are the path pattern language, `files.rs` finds
//! the files of a locale, `paths.rs` ports `posixpath` and `os.walk`.
//!
//! Why hand-written and not `globset`/`glob`, `regex`, `path-clean` or `walkdir`:
//! the parity tests compare every answer with compare-locales itself, and these
//! crates answer differently. compare-locales' `**` may match no directory at
//! all and captures what it matched; a repeated `{locale}` is a backreference
//! (not supported by `regex`); the captures are substituted into the other pattern
//! of a `[[paths]]` entry, so they must split a path as Python's backtracking `re`
//! does; `{a,b}` is an alternation in `globset`, a variable here. Python's
//! `normpath` keeps a leading `//` (Go-style cleaners do not), and `os.walk`'s
//! order (a directory's files before its subdirectories) decides which of two
//! files claiming the same l10n path wins.
//!
//! Real paths: to find the same l10n pattern declared twice, compare-locales
//! resolves the real path (`readlink` per path component) of the prefixes of
//! every pair of `[[paths]]` entries, per locale. `files.rs` compares the patterns
//! first, which cannot change the answer (both must be equal), and resolves a
//! prefix only when they are, once: no `readlink` at all for the usual config.
//!
//! The disk is asked once per question per run ([`files::Disk`], shared by the
//! locales, which are paired in parallel): each folder under a pattern's
//! prefix is listed once (the reference tree is the same for every locale,
//! compare-locales lists it again per locale), and whether a file exists —
//! compare-locales' `os.path.exists` of both files of every pair — is known
//! without a `stat` when a listing showed it as a regular file (no link: it
//! exists, and nothing is written meanwhile). Only the others (a missing
//! file, a link, a file no listing reached) are looked up. The answers are
//! the same; the parity tests compare them with compare-locales.

mod config;
mod files;
mod matcher;
mod paths;
mod pattern;
mod project;
mod source;

pub use config::IGNORED_KEYS;

use crate::error::{Error, Result};
use config::parse_config;
use files::ProjectFiles;
use paths::{abspath, dirname, is_abs, path_string, relpath};
use project::Config;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// One file of one locale, with the reference file it is compared to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilePair {
    pub locale: String,
    /// The reference (source) file; None for a file only the locale has (obsolete file).
    pub reference: Option<PathBuf>,
    /// Where this locale's translation is (may not exist: then all its entries are missing).
    pub l10n: PathBuf,
    /// Display path relative to the first config's directory, e.g. "de/browser/foo.ftl".
    pub display: String,
}

/// What a `[[filters]]` rule says about a file or an entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FilterAction {
    Error,
    Warning,
    Ignore,
}

impl FilterAction {
    pub fn as_str(self) -> &'static str {
        match self {
            FilterAction::Error => "error",
            FilterAction::Warning => "warning",
            FilterAction::Ignore => "ignore",
        }
    }
}

impl std::fmt::Display for FilterAction {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Values the command line of compare-locales would give: `l10n-base-dir` and `-D`.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    /// The value of `{l10n_base}`; relative paths are taken from the current
    /// directory. None: the directory of the first config (what `load` uses).
    pub l10n_base: Option<PathBuf>,
    /// `-D name=value`: values that override every config's `[env]`.
    pub defines: Vec<(String, String)>,
}

/// The files to compare, per locale, and the filters that say what counts.
#[derive(Debug)]
pub struct ResolvedProject {
    /// The locales compared, sorted: the ones asked for, or else every locale that
    /// any config lists. A locale asked for that no config lists has no pairs.
    pub locales: Vec<String>,
    /// Fluent (`.ftl`) files only, sorted by (locale, display).
    pub pairs: Vec<FilePair>,
    /// The other files the configs list (`.properties`, `.ini`, `.dtd`,
    /// Android's `strings.xml`, `.inc`…), sorted the same way: read by
    /// the lint's properties module or named as not checked, never skipped
    /// silently.
    pub other: Vec<FilePair>,
    projects: Vec<Config>,
}

impl ResolvedProject {
    /// compare-locales' filter(): for an l10n file and optional entry id, the action ("error" when no filter matches).
    ///
    /// The locale is the one of the pair with this l10n path (the most severe
    /// answer if several locales share the file). A file no config covers is
    /// ignored. compare-locales asks with `key: None` about a missing or obsolete
    /// file (ignored: not reported, and a missing file's entries are not counted;
    /// otherwise all of them are, whatever rules with a `key` say),
    /// with `Some(id)` about each missing entry (error: missing, warning: reported
    /// apart, ignore: nothing) and each obsolete entry (counted unless ignored), and
    /// with `Some("")` before adding a file's counts to a config's summary.
    pub fn filter(&self, l10n: &Path, key: Option<&str>) -> FilterAction {
        let mut locales: Vec<&str> = self
            .pairs
            .iter()
            .filter(|p| p.l10n == l10n)
            .map(|p| p.locale.as_str())
            .collect();
        if locales.is_empty() {
            locales = self.locales.iter().map(String::as_str).collect();
        }
        locales
            .into_iter()
            .map(|locale| self.filter_for(locale, l10n, key))
            .max_by_key(|a| severity(*a))
            .unwrap_or(FilterAction::Ignore)
    }

    /// Whether any filter of any config looks at entry keys. When none does, the
    /// answer for an entry does not depend on its key, so a caller can ask once
    /// per file instead of once per entry.
    pub fn has_key_rules(&self) -> bool {
        self.projects.iter().any(|p| {
            p.configs()
                .iter()
                .any(|c| c.rules.iter().any(|r| r.key.is_some()))
        })
    }

    /// [`filter`](Self::filter) for a given locale, as compare-locales calls it.
    /// With several configs, as its observer list: ignore if every config ignores,
    /// else error if any config says error, else warning.
    pub fn filter_for(&self, locale: &str, l10n: &Path, key: Option<&str>) -> FilterAction {
        let path = path_string(l10n);
        let path = if is_abs(&path) { path } else { abspath(&path) };
        self.projects
            .iter()
            .map(|p| p.filter(locale, &path, key))
            .max_by_key(|a| severity(*a))
            .unwrap_or(FilterAction::Ignore)
    }
}

fn severity(action: FilterAction) -> u8 {
    match action {
        FilterAction::Ignore => 0,
        FilterAction::Warning => 1,
        FilterAction::Error => 2,
    }
}

/// Loads one or more l10n.toml files (like compare-locales accepts several), restricted to `only_locales` when not empty.
///
/// Like `compare-locales <configs> <directory of the first config> <only_locales>`:
/// `{l10n_base}` is the first config's directory.
pub fn load(configs: &[PathBuf], only_locales: &[String]) -> Result<ResolvedProject> {
    load_with(configs, only_locales, &LoadOptions::default())
}

/// [`load`] with the values compare-locales takes from its command line.
pub fn load_with(
    configs: &[PathBuf],
    only_locales: &[String],
    options: &LoadOptions,
) -> Result<ResolvedProject> {
    let Some(first) = configs.first() else {
        return Err(Error::Usage("no l10n.toml given".into()));
    };
    let first = abspath(&path_string(first));
    let l10n_base = match &options.l10n_base {
        Some(base) => abspath(&path_string(base)),
        None => dirname(&first),
    };
    let mut parser_env = BTreeMap::new();
    parser_env.insert("l10n_base".to_string(), l10n_base.clone());
    for (name, value) in &options.defines {
        parser_env.insert(name.clone(), value.clone());
    }

    let mut projects = Vec::new();
    for config in configs {
        let path = abspath(&path_string(config));
        let text = crate::fsutil::read_text(Path::new(&path))?;
        let mut stack = Vec::new();
        projects.push(parse_config(&path, &text, &parser_env, &mut stack)?);
    }

    let locales = compared_locales(&mut projects, only_locales)?;
    // Locales in parallel, sharing what the disk said (the reference tree is
    // listed once); the first error in locale order is the one reported, as
    // when they were done one after the other.
    let disk = files::Disk::default();
    let per_locale: Vec<Result<Vec<FilePair>>> = locales
        .par_iter()
        .map(|locale| locale_pairs(locale, &projects, &l10n_base, &disk))
        .collect();
    let mut pairs = Vec::new();
    for result in per_locale {
        pairs.extend(result?);
    }
    pairs.sort_by(|a, b| (&a.locale, &a.display).cmp(&(&b.locale, &b.display)));
    let (pairs, other) = pairs
        .into_iter()
        .partition(|p| p.l10n.extension().is_some_and(|e| e == "ftl"));
    Ok(ResolvedProject {
        locales,
        pairs,
        other,
        projects,
    })
}

/// The locales asked for (checked), or else every locale any config lists; sorted.
///
/// A locale asked for must be one the configs list (the error names them),
/// unless a config lists none: such a config applies to the locales asked
/// for (compare-locales' `--full`); without any asked for, there is nothing
/// to compare (see [`no_locales_error`]).
fn compared_locales(projects: &mut [Config], only_locales: &[String]) -> Result<Vec<String>> {
    let listed: BTreeSet<String> = projects
        .iter()
        .flat_map(|p| p.all_locales.iter().cloned())
        .collect();
    let unlisted = projects.iter().any(|p| p.all_locales.is_empty());
    if only_locales.is_empty() {
        return Ok(listed.into_iter().collect());
    }
    for id in only_locales {
        crate::locale::check_folder_locale(id).map_err(Error::Usage)?;
        if !unlisted && !listed.contains(id) {
            let all: Vec<&str> = listed.iter().map(String::as_str).collect();
            return Err(Error::Usage(format!(
                "`{id}` is not a locale of the config(s), which list {}: {}",
                all.len(),
                all.join(", ")
            )));
        }
    }
    let set: BTreeSet<String> = only_locales.iter().cloned().collect();
    for project in projects.iter_mut().filter(|p| p.all_locales.is_empty()) {
        project.all_locales = set.clone();
    }
    Ok(set.into_iter().collect())
}

/// What to say when no config lists a locale and none was asked for:
/// compare-locales compares nothing then (unless given locales and `--full`).
pub fn no_locales_error(configs: &[PathBuf]) -> Error {
    let names: Vec<String> = configs.iter().map(|c| c.display().to_string()).collect();
    Error::Usage(format!(
        "{} list(s) no locales: name the locales to compare after the options \
         (for example `--config {} de fr`), as compare-locales needs them \
         (`compare-locales --full CONFIG L10N_BASE de fr`)",
        names.join(", "),
        names.first().map_or("l10n.toml", String::as_str)
    ))
}

/// `path` relative to `base` as compare-locales writes paths (`/`-separated,
/// with `..` when it is not below `base`); both are made absolute first.
pub fn relative_path(path: &Path, base: &Path) -> String {
    relpath(&path_string(path), &path_string(base))
}

/// The files of one locale, with their references.
fn locale_pairs(
    locale: &str,
    projects: &[Config],
    l10n_base: &str,
    disk: &files::Disk,
) -> Result<Vec<FilePair>> {
    let active: Vec<&Config> = projects.iter().collect();
    let files = ProjectFiles::new(locale, &active)?;
    let mut pairs = Vec::new();
    for (l10n, reference) in files.iter_locale(disk)? {
        // A file only the locale has is obsolete: it has no reference.
        let reference = if !disk.exists(&l10n) || disk.exists(&reference) {
            Some(PathBuf::from(reference))
        } else {
            None
        };
        let display = match relpath(&l10n, l10n_base) {
            rel if rel.is_empty() => l10n.clone(),
            rel => rel,
        };
        pairs.push(FilePair {
            locale: locale.to_string(),
            reference,
            l10n: PathBuf::from(l10n),
            display,
        });
    }
    Ok(pairs)
}
