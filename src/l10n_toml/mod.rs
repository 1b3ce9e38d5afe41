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

use crate::error::{Error, Result};
use crate::locale::parse_locale;
use std::collections::{btree_map, BTreeMap, BTreeSet, HashMap};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};
use toml::de::{DeTable, DeValue};
use toml::Spanned;

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
        let text = std::fs::read_to_string(&path).map_err(|e| Error::io(config, e))?;
        let mut stack = Vec::new();
        projects.push(parse_config(&path, &text, &parser_env, &mut stack)?);
    }

    let locales: Vec<String> = if only_locales.is_empty() {
        let mut all = BTreeSet::new();
        for project in &projects {
            all.extend(project.all_locales.iter().cloned());
        }
        all.into_iter().collect()
    } else {
        for id in only_locales {
            parse_locale(id).map_err(Error::Usage)?;
        }
        let set: BTreeSet<String> = only_locales.iter().cloned().collect();
        set.into_iter().collect()
    };

    let mut pairs = Vec::new();
    for locale in &locales {
        let active: Vec<&Config> = projects.iter().collect();
        let files = ProjectFiles::new(locale, &active)?;
        for (l10n, reference) in files.iter_locale()? {
            if !l10n.ends_with(".ftl") {
                continue;
            }
            let reference = if !Path::new(&l10n).exists() || Path::new(&reference).exists() {
                Some(PathBuf::from(reference))
            } else {
                None
            };
            let display = match relpath(&l10n, &l10n_base) {
                rel if rel.is_empty() => l10n.clone(),
                rel => rel,
            };
            pairs.push(FilePair {
                locale: locale.clone(),
                reference,
                l10n: PathBuf::from(l10n),
                display,
            });
        }
    }
    pairs.sort_by(|a, b| (&a.locale, &a.display).cmp(&(&b.locale, &b.display)));
    Ok(ResolvedProject {
        locales,
        pairs,
        projects,
    })
}

// ---------------------------------------------------------------------------
// Path strings, as Python's posixpath and compare-locales' mozpath treat them.

fn path_string(path: &Path) -> String {
    let s = path.to_string_lossy().into_owned();
    if std::path::MAIN_SEPARATOR == '\\' {
        s.replace('\\', "/")
    } else {
        s
    }
}

fn is_abs(path: &str) -> bool {
    path.starts_with('/') || Path::new(path).is_absolute()
}

/// posixpath.normpath.
fn normpath(path: &str) -> String {
    if path.is_empty() {
        return ".".into();
    }
    let initial = if path.starts_with("//") && !path.starts_with("///") {
        2
    } else if path.starts_with('/') {
        1
    } else {
        0
    };
    let mut comps: Vec<&str> = Vec::new();
    for comp in path.split('/') {
        if comp.is_empty() || comp == "." {
            continue;
        }
        if comp != ".." || (initial == 0 && comps.is_empty()) || comps.last() == Some(&"..") {
            comps.push(comp);
        } else if !comps.is_empty() {
            comps.pop();
        }
    }
    let out = format!("{}{}", "/".repeat(initial), comps.join("/"));
    if out.is_empty() {
        ".".into()
    } else {
        out
    }
}

/// os.path.abspath: joined to the current directory and normalized, symlinks kept.
fn abspath(path: &str) -> String {
    if is_abs(path) {
        normpath(path)
    } else {
        let cwd = std::env::current_dir()
            .map(|d| path_string(&d))
            .unwrap_or_else(|_| "/".into());
        normpath(&join(&cwd, path))
    }
}

/// posixpath.join of two parts.
fn join(a: &str, b: &str) -> String {
    if b.starts_with('/') {
        b.to_string()
    } else if a.is_empty() || a.ends_with('/') {
        format!("{a}{b}")
    } else {
        format!("{a}/{b}")
    }
}

/// posixpath.dirname.
fn dirname(path: &str) -> String {
    let i = path.rfind('/').map_or(0, |i| i + 1);
    let head = &path[..i];
    if !head.is_empty() && head.chars().any(|c| c != '/') {
        head.trim_end_matches('/').to_string()
    } else {
        head.to_string()
    }
}

/// mozpath.relpath: posixpath.relpath, with "" for the directory itself.
fn relpath(path: &str, start: &str) -> String {
    let start = abspath(start);
    let path = abspath(path);
    let s: Vec<&str> = start.split('/').filter(|c| !c.is_empty()).collect();
    let p: Vec<&str> = path.split('/').filter(|c| !c.is_empty()).collect();
    let common = s.iter().zip(&p).take_while(|(a, b)| a == b).count();
    let mut rel: Vec<&str> = vec![".."; s.len() - common];
    rel.extend(&p[common..]);
    rel.join("/")
}

/// mozpath.realpath, for comparing prefixes.
fn realpath(path: &str) -> String {
    std::fs::canonicalize(path)
        .map(|p| path_string(&p))
        .unwrap_or_else(|_| abspath(path))
}

/// os.walk(top) without following symlinked directories, calling `visit` with
/// `join(dir, file)` for every non-directory. A top that is no directory yields nothing.
fn walk(top: &str, visit: &mut dyn FnMut(String)) {
    let Ok(entries) = std::fs::read_dir(top) else {
        return;
    };
    let mut dirs = Vec::new();
    for entry in entries.flatten() {
        // Names that are not UTF-8 cannot match a pattern written in TOML.
        let Ok(name) = entry.file_name().into_string() else {
            continue;
        };
        let file_type = entry.file_type().ok();
        let is_link = file_type.is_some_and(|t| t.is_symlink());
        let is_dir = if is_link {
            entry.path().is_dir()
        } else {
            file_type.is_some_and(|t| t.is_dir())
        };
        if is_dir {
            if !is_link {
                dirs.push(name);
            }
        } else {
            visit(join(top, &name));
        }
    }
    for dir in dirs {
        walk(&join(top, &dir), visit);
    }
}

// ---------------------------------------------------------------------------
// Patterns (matcher.py).

#[derive(Debug, Clone, PartialEq, Eq)]
enum Node {
    Literal(String),
    Variable { name: String, repeat: bool },
    AndroidLocale { repeat: bool },
    Star(usize),
    Starstar(usize, &'static str),
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Pattern {
    nodes: Vec<Node>,
    root: Option<String>,
    prefix_length: usize,
}

impl Pattern {
    fn literal(text: &str) -> Pattern {
        Pattern {
            nodes: vec![Node::Literal(text.to_string())],
            root: None,
            prefix_length: 1,
        }
    }

    fn wildcards(&self) -> usize {
        self.nodes
            .iter()
            .filter(|n| matches!(n, Node::Star(_) | Node::Starstar(..)))
            .count()
    }
}

type Env = BTreeMap<String, Pattern>;

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// PatternParser.parse: `**` (at the start of a segment, alone in it), `*` and
/// `{ name }`; everything else is literal text.
fn parse_pattern(text: &str) -> Pattern {
    let mut nodes = Vec::new();
    let mut prefix_length = None;
    let mut stars = 0;
    let mut known = BTreeSet::new();
    let mut cursor = 0;
    let mut i = 0;
    let bytes = text.as_bytes();
    while i < text.len() {
        // (end of the match, node)
        let mut found: Option<(usize, Node)> = None;
        let after_segment_start = i == 0 || matches!(bytes[i - 1], b'/' | b'}');
        if after_segment_start && text[i..].starts_with("**") {
            let rest = &text[i + 2..];
            if rest.starts_with('/') {
                found = Some((i + 3, Node::Starstar(0, "/")));
            } else if rest.is_empty() || rest == "\n" {
                found = Some((i + 2, Node::Starstar(0, "")));
            }
        }
        if found.is_none() && bytes[i] == b'*' {
            found = Some((i + 1, Node::Star(0)));
        }
        if found.is_none() && bytes[i] == b'{' {
            let rest = &text[i + 1..];
            let spaces = rest.len() - rest.trim_start_matches(' ').len();
            let name_rest = &rest[spaces..];
            let name_len = name_rest
                .char_indices()
                .find(|(_, c)| !is_word(*c))
                .map_or(name_rest.len(), |(j, _)| j);
            if name_len > 0 {
                let after = &name_rest[name_len..];
                let trailing = after.len() - after.trim_start_matches(' ').len();
                if after[trailing..].starts_with('}') {
                    let name = name_rest[..name_len].to_string();
                    let end = i + 1 + spaces + name_len + trailing + 1;
                    let repeat = !known.insert(name.clone());
                    let node = if name == "android_locale" {
                        Node::AndroidLocale { repeat }
                    } else {
                        Node::Variable { name, repeat }
                    };
                    found = Some((end, node));
                }
            }
        }
        match found {
            Some((end, mut node)) => {
                if i > cursor {
                    nodes.push(Node::Literal(text[cursor..i].to_string()));
                }
                if let Node::Star(n) | Node::Starstar(n, _) = &mut node {
                    if prefix_length.is_none() {
                        prefix_length = Some(nodes.len());
                    }
                    stars += 1;
                    *n = stars;
                }
                nodes.push(node);
                cursor = end;
                i = end;
            }
            None => i += text[i..].chars().next().map_or(1, char::len_utf8),
        }
    }
    nodes.push(Node::Literal(text[cursor..].to_string()));
    let prefix_length = prefix_length.unwrap_or(nodes.len());
    Pattern {
        nodes,
        root: None,
        prefix_length,
    }
}

/// Why a pattern cannot be expanded or turned into a matcher (compare-locales
/// raises for all of these).
#[derive(Debug, Clone, PartialEq, Eq)]
enum PatError {
    /// A variable without value where a value is needed.
    Missing(String),
    /// A wildcard with no corresponding wildcard in the other pattern.
    Wildcard(usize),
    /// A pattern that starts with a wildcard has no root to start from.
    Empty,
    /// The same variable captured twice (one inside another's value).
    Duplicate(String),
}

impl std::fmt::Display for PatError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PatError::Missing(name) => write!(f, "the variable `{{{name}}}` has no value here"),
            PatError::Wildcard(n) => write!(f, "wildcard number {n} has no counterpart"),
            PatError::Empty => f.write_str("a pattern cannot start with a wildcard"),
            PatError::Duplicate(name) => write!(f, "`{{{name}}}` is captured twice"),
        }
    }
}

fn without(env: &Env, name: &str) -> Env {
    let mut env = env.clone();
    env.remove(name);
    env
}

fn expand_node(node: &Node, env: &Env, raise_missing: bool) -> Result<String, PatError> {
    match node {
        Node::Literal(s) => Ok(s.clone()),
        Node::Variable { name, .. } => match env.get(name) {
            Some(value) => expand_pattern(value, &without(env, name), raise_missing),
            None => Err(PatError::Missing(name.clone())),
        },
        Node::AndroidLocale { .. } => {
            android_locale(env).ok_or_else(|| PatError::Missing("android_locale".into()))
        }
        Node::Star(n) | Node::Starstar(n, _) => match env.get(&format!("s{n}")) {
            Some(value) => expand_pattern(value, env, raise_missing),
            None => Err(PatError::Wildcard(*n)),
        },
    }
}

/// Pattern.expand: the root unless the first part is absolute, then the parts up to
/// the first variable without value.
fn expand_pattern(pattern: &Pattern, env: &Env, raise_missing: bool) -> Result<String, PatError> {
    let mut out = String::new();
    if let Some(root) = &pattern.root {
        let first = pattern.nodes.first().ok_or(PatError::Empty)?;
        if !is_abs(&expand_node(first, env, false)?) {
            out.push_str(root);
        }
    }
    for node in &pattern.nodes {
        match expand_node(node, env, true) {
            Ok(s) => out.push_str(&s),
            Err(PatError::Missing(_)) if !raise_missing => break,
            Err(e) => return Err(e),
        }
    }
    Ok(out)
}

/// The `{android_locale}` spelling of `{locale}`: `ab-rCD` or `b+ab+Scrp+CD`.
fn android_locale(env: &Env) -> Option<String> {
    let locale = env.get("locale")?;
    let bcp47 = expand_pattern(locale, &without(env, "android_locale"), false).ok()?;
    let bcp47 = replace_codes(&bcp47, &[("he", "iw"), ("id", "in"), ("yi", "ji")]);
    let b = bcp47.as_bytes();
    let lower = b.iter().take_while(|c| c.is_ascii_lowercase()).count();
    let region = (lower == 2 || lower == 3)
        && b.get(lower) == Some(&b'-')
        && b.len() >= lower + 3
        && b[lower + 1..lower + 3].iter().all(u8::is_ascii_uppercase);
    Some(if region {
        let parts: Vec<&str> = bcp47.split('-').collect();
        format!("{}-r{}", parts[0], parts[1])
    } else if bcp47.contains('-') {
        format!("b+{}", bcp47.replace('-', "+"))
    } else {
        bcp47
    })
}

/// The locale code of an Android locale directory name.
fn locale_of_android(android: &str) -> String {
    let s = replace_codes(android, &[("iw", "he"), ("in", "id"), ("ji", "yi")]);
    // re.sub(r"-r([A-Z]{2})", r"-\1", s)
    let mut out = String::new();
    let mut rest = s.as_str();
    while let Some(i) = rest.find("-r") {
        let tail = &rest.as_bytes()[i + 2..];
        out.push_str(&rest[..i]);
        if tail.len() >= 2 && tail[..2].iter().all(u8::is_ascii_uppercase) {
            out.push('-');
            out.push_str(&rest[i + 2..i + 4]);
            rest = &rest[i + 4..];
        } else {
            out.push_str("-r");
            rest = &rest[i + 2..];
        }
    }
    out.push_str(rest);
    out.replace("b+", "").replace('+', "-")
}

/// re.sub(r"(a|b|c)(?=\Z|-)", mapping, text) for two-letter codes.
fn replace_codes(text: &str, map: &[(&str, &str)]) -> String {
    let mut out = String::new();
    let mut i = 0;
    while i < text.len() {
        let rest = &text[i..];
        let hit = map.iter().find(|(from, _)| {
            rest.starts_with(from)
                && (rest.len() == from.len() || rest[from.len()..].starts_with('-'))
        });
        match hit {
            Some((from, to)) => {
                out.push_str(to);
                i += from.len();
            }
            None => {
                let c = rest.chars().next().unwrap_or(' ');
                out.push(c);
                i += c.len_utf8();
            }
        }
    }
    out
}

/// The regular expression compare-locales builds, as a program for a small
/// backtracking matcher with the same preferences as Python's `re`.
#[derive(Debug, Clone)]
enum Tok {
    Lit(String),
    Open(usize),
    Close(usize),
    /// `.+?`
    Lazy,
    /// `[^/]*`
    Segment,
    /// `(?P<sN>.+suffix)?`
    Starstar(usize, &'static str),
    /// `(?P=name)`
    Backref(usize),
}

#[derive(Debug, Clone)]
struct Compiled {
    toks: Vec<Tok>,
    names: Vec<String>,
}

type Groups = BTreeMap<String, Option<String>>;

impl Compiled {
    fn new(pattern: &Pattern, env: &Env) -> Result<Compiled, PatError> {
        let mut c = Compiled {
            toks: Vec::new(),
            names: Vec::new(),
        };
        c.pattern(pattern, env)?;
        Ok(c)
    }

    fn group(&mut self, name: &str) -> Result<usize, PatError> {
        if self.names.iter().any(|n| n == name) {
            return Err(PatError::Duplicate(name.to_string()));
        }
        self.names.push(name.to_string());
        Ok(self.names.len() - 1)
    }

    fn backref(&self, name: &str) -> Result<usize, PatError> {
        self.names
            .iter()
            .position(|n| n == name)
            .ok_or_else(|| PatError::Missing(name.to_string()))
    }

    fn pattern(&mut self, pattern: &Pattern, env: &Env) -> Result<(), PatError> {
        if let Some(root) = &pattern.root {
            let first = pattern.nodes.first().ok_or(PatError::Empty)?;
            if !is_abs(&expand_node(first, env, false)?) {
                self.toks.push(Tok::Lit(root.clone()));
            }
        }
        for node in &pattern.nodes {
            match node {
                Node::Literal(s) => self.toks.push(Tok::Lit(s.clone())),
                Node::Variable { name, repeat: true } => {
                    let g = self.backref(name)?;
                    self.toks.push(Tok::Backref(g));
                }
                Node::Variable { name, .. } => {
                    let g = self.group(name)?;
                    self.toks.push(Tok::Open(g));
                    match env.get(name) {
                        Some(value) => self.pattern(value, &without(env, name))?,
                        None => self.toks.push(Tok::Lazy),
                    }
                    self.toks.push(Tok::Close(g));
                }
                Node::AndroidLocale { repeat: true } => {
                    let g = self.backref("android_locale")?;
                    self.toks.push(Tok::Backref(g));
                }
                Node::AndroidLocale { .. } => {
                    let g = self.group("android_locale")?;
                    self.toks.push(Tok::Open(g));
                    match android_locale(env) {
                        Some(code) => self.toks.push(Tok::Lit(code)),
                        None => self.toks.push(Tok::Lazy),
                    }
                    self.toks.push(Tok::Close(g));
                }
                Node::Star(n) => {
                    let g = self.group(&format!("s{n}"))?;
                    self.toks.push(Tok::Open(g));
                    self.toks.push(Tok::Segment);
                    self.toks.push(Tok::Close(g));
                }
                Node::Starstar(n, suffix) => {
                    let g = self.group(&format!("s{n}"))?;
                    self.toks.push(Tok::Starstar(g, suffix));
                }
            }
        }
        Ok(())
    }

    /// `re.match(regex + "$", text).groupdict()`.
    fn matches(&self, text: &str) -> Option<Groups> {
        let mut state = State {
            text,
            starts: vec![0; self.names.len()],
            spans: vec![None; self.names.len()],
        };
        if !state.run(&self.toks, 0, 0) {
            return None;
        }
        Some(
            self.names
                .iter()
                .zip(&state.spans)
                .map(|(name, span)| (name.clone(), span.map(|(s, e)| text[s..e].to_string())))
                .collect(),
        )
    }
}

struct State<'t> {
    text: &'t str,
    starts: Vec<usize>,
    spans: Vec<Option<(usize, usize)>>,
}

impl State<'_> {
    /// Ends of runs of characters from `pos` that satisfy `ok`, shortest first.
    fn ends(&self, pos: usize, ok: impl Fn(char) -> bool) -> Vec<usize> {
        self.text[pos..]
            .char_indices()
            .take_while(|(_, c)| ok(*c))
            .map(|(i, c)| pos + i + c.len_utf8())
            .collect()
    }

    fn run(&mut self, toks: &[Tok], i: usize, pos: usize) -> bool {
        let text = self.text;
        let Some(tok) = toks.get(i) else {
            // `$`: the end, or before a final newline.
            return pos == text.len() || (pos + 1 == text.len() && text.ends_with('\n'));
        };
        match tok {
            Tok::Lit(s) => {
                text[pos..].starts_with(s.as_str()) && self.run(toks, i + 1, pos + s.len())
            }
            Tok::Open(g) => {
                let old = self.starts[*g];
                self.starts[*g] = pos;
                let ok = self.run(toks, i + 1, pos);
                if !ok {
                    self.starts[*g] = old;
                }
                ok
            }
            Tok::Close(g) => {
                let old = self.spans[*g];
                self.spans[*g] = Some((self.starts[*g], pos));
                let ok = self.run(toks, i + 1, pos);
                if !ok {
                    self.spans[*g] = old;
                }
                ok
            }
            Tok::Lazy => {
                for end in self.ends(pos, |c| c != '\n') {
                    if self.run(toks, i + 1, end) {
                        return true;
                    }
                }
                false
            }
            Tok::Segment => {
                let mut ends = vec![pos];
                ends.extend(self.ends(pos, |c| c != '/'));
                for end in ends.into_iter().rev() {
                    if self.run(toks, i + 1, end) {
                        return true;
                    }
                }
                false
            }
            Tok::Starstar(g, suffix) => {
                let old = self.spans[*g];
                for end in self.ends(pos, |c| c != '\n').into_iter().rev() {
                    if text[end..].starts_with(suffix) {
                        let end = end + suffix.len();
                        self.spans[*g] = Some((pos, end));
                        if self.run(toks, i + 1, end) {
                            return true;
                        }
                    }
                }
                self.spans[*g] = old;
                self.run(toks, i + 1, pos)
            }
            Tok::Backref(g) => match self.spans[*g] {
                Some((s, e)) => {
                    let captured = &text[s..e];
                    text[pos..].starts_with(captured) && self.run(toks, i + 1, pos + captured.len())
                }
                None => false,
            },
        }
    }
}

/// compare-locales' Matcher: a pattern, its root, and the values of its variables.
#[derive(Debug, Clone)]
struct Matcher {
    pattern: Pattern,
    env: Env,
    compiled: OnceLock<Result<Compiled, PatError>>,
}

impl Matcher {
    fn new(pattern: &str, env: &BTreeMap<String, String>, root: Option<&str>) -> Matcher {
        let mut pattern = parse_pattern(pattern);
        pattern.root = root.map(|r| format!("{}/", abspath(r)));
        Matcher {
            pattern,
            env: env
                .iter()
                .map(|(k, v)| (k.clone(), parse_pattern(v)))
                .collect(),
            compiled: OnceLock::new(),
        }
    }

    fn with_env(&self, vars: &[(&str, &str)]) -> Matcher {
        let mut env = self.env.clone();
        for (k, v) in vars {
            env.insert(k.to_string(), parse_pattern(v));
        }
        Matcher {
            pattern: self.pattern.clone(),
            env,
            compiled: OnceLock::new(),
        }
    }

    fn compiled(&self) -> Result<&Compiled, PatError> {
        self.compiled
            .get_or_init(|| Compiled::new(&self.pattern, &self.env))
            .as_ref()
            .map_err(Clone::clone)
    }

    /// The path up to the first wildcard: where to look for files.
    fn prefix(&self) -> Result<String, PatError> {
        let sub = Pattern {
            nodes: self.pattern.nodes[..self.pattern.prefix_length].to_vec(),
            root: self.pattern.root.clone(),
            prefix_length: self.pattern.prefix_length,
        };
        expand_pattern(&sub, &self.env, false)
    }

    fn groups(&self, path: &str) -> Result<Option<Groups>, PatError> {
        let Some(mut groups) = self.compiled()?.matches(path) else {
            return Ok(None);
        };
        if !groups.contains_key("locale") {
            if let Some(Some(android)) = groups.get("android_locale") {
                let locale = locale_of_android(android);
                groups.insert("locale".into(), Some(locale));
            }
        }
        Ok(Some(groups))
    }

    fn is_match(&self, path: &str) -> bool {
        matches!(self.groups(path), Ok(Some(_)))
    }

    /// The path `other` gives with the wildcards and variables this matcher
    /// captures in `path`.
    fn sub(&self, other: &Matcher, path: &str) -> Result<Option<String>, PatError> {
        let Some(groups) = self.groups(path)? else {
            return Ok(None);
        };
        let mut env: Env = groups
            .into_iter()
            .map(|(k, v)| (k, Pattern::literal(v.as_deref().unwrap_or(""))))
            .collect();
        env.extend(other.env.iter().map(|(k, v)| (k.clone(), v.clone())));
        expand_pattern(&other.pattern, &env, false).map(Some)
    }
}

// ---------------------------------------------------------------------------
// Configurations (project.py, configparser.py).

#[derive(Debug)]
struct PathSpec {
    l10n: Matcher,
    reference: Matcher,
    locales: Option<Vec<String>>,
}

#[derive(Debug)]
enum KeyMatch {
    Exact(String),
    Regex(regex::Regex),
}

impl KeyMatch {
    fn matches(&self, key: &str) -> bool {
        match self {
            // re.escape(key) + "$"
            KeyMatch::Exact(k) => key == k || key.strip_suffix('\n').is_some_and(|stem| stem == k),
            KeyMatch::Regex(re) => re.is_match(key),
        }
    }
}

#[derive(Debug)]
struct Rule {
    path: Matcher,
    key: Option<KeyMatch>,
    action: FilterAction,
}

/// The per-locale matchers of a config's filter (compare-locales' FilterCache).
#[derive(Debug)]
struct LocaleCache {
    l10n_paths: Vec<Matcher>,
    rule_paths: Vec<Matcher>,
}

#[derive(Debug)]
struct Config {
    /// Absolute, normalized path of the toml file.
    path: String,
    paths: Vec<PathSpec>,
    rules: Vec<Rule>,
    locales: Option<Vec<String>>,
    children: Vec<Config>,
    excludes: Vec<Config>,
    /// Every locale this config and its included ones list.
    all_locales: BTreeSet<String>,
    cache: Mutex<HashMap<String, Arc<LocaleCache>>>,
}

impl Config {
    /// This config and its included ones, depth first.
    fn configs(&self) -> Vec<&Config> {
        let mut out = vec![self];
        for child in &self.children {
            out.extend(child.configs());
        }
        out
    }

    fn collect_locales(&self) -> BTreeSet<String> {
        let mut all = BTreeSet::new();
        for config in self.configs() {
            all.extend(config.locales.iter().flatten().cloned());
            for spec in &config.paths {
                all.extend(spec.locales.iter().flatten().cloned());
            }
        }
        all
    }

    fn filter(&self, locale: &str, path: &str, key: Option<&str>) -> FilterAction {
        if !self.all_locales.contains(locale) {
            return FilterAction::Ignore;
        }
        self.filter_inner(locale, path, key)
            .unwrap_or(FilterAction::Ignore)
    }

    fn locale_cache(&self, locale: &str) -> Arc<LocaleCache> {
        let mut cache = self.cache.lock().unwrap_or_else(|e| e.into_inner());
        cache
            .entry(locale.to_string())
            .or_insert_with(|| {
                Arc::new(LocaleCache {
                    l10n_paths: self
                        .paths
                        .iter()
                        .filter(|p| {
                            p.locales
                                .as_ref()
                                .is_none_or(|l| l.iter().any(|x| x == locale))
                        })
                        .map(|p| p.l10n.with_env(&[("locale", locale)]))
                        .collect(),
                    rule_paths: self
                        .rules
                        .iter()
                        .map(|r| r.path.with_env(&[("locale", locale)]))
                        .collect(),
                })
            })
            .clone()
    }

    fn filter_inner(&self, locale: &str, path: &str, key: Option<&str>) -> Option<FilterAction> {
        if self
            .excludes
            .iter()
            .any(|e| e.filter(locale, path, None) == FilterAction::Error)
        {
            return None;
        }
        let mut actions: BTreeSet<u8> = self
            .children
            .iter()
            .filter_map(|c| c.filter_inner(locale, path, key))
            .map(severity)
            .collect();
        if actions.contains(&severity(FilterAction::Error)) {
            return Some(FilterAction::Error);
        }
        let cache = self.locale_cache(locale);
        if cache.l10n_paths.iter().any(|m| m.is_match(path)) {
            let mut action = FilterAction::Error;
            for (rule, rule_path) in self.rules.iter().zip(&cache.rule_paths).rev() {
                if !rule_path.is_match(path) || rule.key.is_some() != key.is_some() {
                    continue;
                }
                if let (Some(pattern), Some(key)) = (&rule.key, key) {
                    if !pattern.matches(key) {
                        continue;
                    }
                }
                action = rule.action;
                break;
            }
            actions.insert(severity(action));
        }
        actions.last().map(|s| match s {
            2 => FilterAction::Error,
            1 => FilterAction::Warning,
            _ => FilterAction::Ignore,
        })
    }
}

/// compare-locales' ProjectFiles: the l10n and reference patterns in force for a locale.
struct ProjectFiles {
    /// (l10n with the locale set, reference, config path), the last declared first.
    matchers: Vec<(Matcher, Matcher, String)>,
    exclude: Option<Box<ProjectFiles>>,
}

impl ProjectFiles {
    fn new(locale: &str, projects: &[&Config]) -> Result<ProjectFiles> {
        let mut configs: Vec<&Config> = Vec::new();
        let mut excludes: Vec<&Config> = Vec::new();
        for project in projects {
            if !project.all_locales.contains(locale) {
                continue;
            }
            for config in project.configs() {
                if !configs.iter().any(|c| c.path == config.path) {
                    configs.push(config);
                }
            }
            for config in &project.excludes {
                if !excludes.iter().any(|c| c.path == config.path) {
                    excludes.push(config);
                }
            }
        }
        excludes.retain(|e| !configs.iter().any(|c| c.path == e.path));
        let exclude = if excludes.is_empty() {
            None
        } else {
            Some(Box::new(ProjectFiles::new(locale, &excludes)?))
        };
        let mut matchers = Vec::new();
        for config in configs {
            if config
                .locales
                .as_ref()
                .is_some_and(|l| !l.iter().any(|x| x == locale))
            {
                continue;
            }
            for spec in &config.paths {
                if spec
                    .locales
                    .as_ref()
                    .is_some_and(|l| !l.iter().any(|x| x == locale))
                {
                    continue;
                }
                matchers.push((
                    spec.l10n.with_env(&[("locale", locale)]),
                    spec.reference.clone(),
                    config.path.clone(),
                ));
            }
        }
        matchers.reverse();
        // The same l10n pattern twice must have the same reference.
        let mut drops = BTreeSet::new();
        for i in 0..matchers.len() {
            if drops.contains(&i) {
                continue;
            }
            let (l10n, reference, path) = &matchers[i];
            let prefix = realpath(&pat(l10n.prefix(), path)?);
            for (j, (l10n2, reference2, _)) in matchers.iter().enumerate().skip(i + 1) {
                if realpath(&pat(l10n2.prefix(), path)?) != prefix || l10n.pattern != l10n2.pattern
                {
                    continue;
                }
                let r1 = realpath(&pat(reference.prefix(), path)?);
                let r2 = realpath(&pat(reference2.prefix(), path)?);
                if r1 != r2 {
                    return Err(Error::file(
                        path,
                        format!("the l10n files under {prefix} have two different references: {r1} and {r2}"),
                    ));
                }
                drops.insert(j);
            }
        }
        let matchers = matchers
            .into_iter()
            .enumerate()
            .filter(|(i, _)| !drops.contains(i))
            .map(|(_, m)| m)
            .collect();
        Ok(ProjectFiles { matchers, exclude })
    }

    /// Whether an excluded config claims the path (ProjectFiles.match).
    fn claims(&self, path: &str) -> bool {
        self.matchers
            .iter()
            .any(|(l10n, reference, _)| l10n.is_match(path) || reference.is_match(path))
    }

    fn excluded(&self, path: &str) -> bool {
        self.exclude.as_ref().is_some_and(|e| e.claims(path))
    }

    fn files(&self, matcher: &Matcher, config: &str) -> Result<Vec<String>> {
        let base = pat(matcher.prefix(), config)?;
        let mut out = Vec::new();
        if Path::new(&base).is_file() {
            if !self.excluded(&base) && matcher.is_match(&base) {
                out.push(base);
            }
            return Ok(out);
        }
        walk(&base, &mut |p| {
            if !self.excluded(&p) && matcher.is_match(&p) {
                out.push(p);
            }
        });
        Ok(out)
    }

    /// iter_locale: l10n path → reference path, sorted by l10n path.
    fn iter_locale(&self) -> Result<BTreeMap<String, String>> {
        let mut known = BTreeMap::new();
        for (l10n, reference, config) in &self.matchers {
            for path in self.files(l10n, config)? {
                if let btree_map::Entry::Vacant(slot) = known.entry(path) {
                    if let Some(r) = pat(l10n.sub(reference, slot.key()), config)? {
                        slot.insert(r);
                    }
                }
            }
            for path in self.files(reference, config)? {
                if let Some(l) = pat(reference.sub(l10n, &path), config)? {
                    known.entry(l).or_insert(path);
                }
            }
        }
        Ok(known)
    }
}

fn pat<T>(result: Result<T, PatError>, config: &str) -> Result<T> {
    result.map_err(|e| Error::file(config, e.to_string()))
}

// ---------------------------------------------------------------------------
// Reading the TOML.

struct Source<'a> {
    path: &'a str,
    text: &'a str,
}

impl Source<'_> {
    fn error(&self, span: Range<usize>, key: &str, message: impl std::fmt::Display) -> Error {
        let (line, column) = crate::ftl::line_column(self.text, span.start);
        Error::At {
            path: PathBuf::from(self.path),
            line,
            column,
            message: format!("`{key}`: {message}"),
        }
    }

    fn string<'v>(&self, value: &'v Spanned<DeValue<'_>>, key: &str) -> Result<&'v str> {
        value.get_ref().as_str().ok_or_else(|| {
            self.error(
                value.span(),
                key,
                format!("expected a string, found {}", value.get_ref().type_str()),
            )
        })
    }

    /// A string or an array of strings, each with its key for messages.
    fn strings<'v>(
        &self,
        value: &'v Spanned<DeValue<'_>>,
        key: &str,
        allow_single: bool,
    ) -> Result<Vec<(String, &'v str, Range<usize>)>> {
        match value.get_ref() {
            DeValue::String(s) if allow_single => {
                Ok(vec![(key.to_string(), s.as_ref(), value.span())])
            }
            DeValue::Array(items) => items
                .iter()
                .enumerate()
                .map(|(i, item)| {
                    let key = format!("{key}[{i}]");
                    let s = self.string(item, &key)?;
                    Ok((key, s, item.span()))
                })
                .collect(),
            other => Err(self.error(
                value.span(),
                key,
                format!(
                    "expected {}an array of strings, found {}",
                    if allow_single { "a string or " } else { "" },
                    other.type_str()
                ),
            )),
        }
    }

    fn locales(&self, value: &Spanned<DeValue<'_>>, key: &str) -> Result<Vec<String>> {
        self.strings(value, key, false)?
            .into_iter()
            .map(|(key, id, span)| {
                parse_locale(id).map_err(|m| self.error(span, &key, m))?;
                Ok(id.to_string())
            })
            .collect()
    }

    fn table<'v, 'i>(&self, value: &'v Spanned<DeValue<'i>>, key: &str) -> Result<&'v DeTable<'i>> {
        value.get_ref().as_table().ok_or_else(|| {
            self.error(
                value.span(),
                key,
                format!("expected a table, found {}", value.get_ref().type_str()),
            )
        })
    }

    /// `[[key]]` entries, each checked for unknown keys.
    fn tables<'v, 'i>(
        &self,
        value: &'v Spanned<DeValue<'i>>,
        key: &str,
        known: &[&str],
    ) -> Result<Vec<(String, &'v DeTable<'i>, Range<usize>)>> {
        let Some(items) = value.get_ref().as_array() else {
            return Err(self.error(
                value.span(),
                key,
                format!(
                    "expected an array of tables ([[{key}]]), found {}",
                    value.get_ref().type_str()
                ),
            ));
        };
        items
            .iter()
            .enumerate()
            .map(|(i, item)| {
                let key = format!("{key}[{i}]");
                let table = self.table(item, &key)?;
                self.known_keys(table, &key, known)?;
                Ok((key, table, item.span()))
            })
            .collect()
    }

    fn known_keys(&self, table: &DeTable<'_>, prefix: &str, known: &[&str]) -> Result<()> {
        for (k, _) in table.iter() {
            if !known.contains(&k.get_ref().as_ref()) {
                let key = if prefix.is_empty() {
                    k.get_ref().to_string()
                } else {
                    format!("{prefix}.{}", k.get_ref())
                };
                let expected: Vec<String> = known.iter().map(|k| format!("`{k}`")).collect();
                return Err(self.error(
                    k.span(),
                    &key,
                    format!("unknown key (expected {})", expected.join(", ")),
                ));
            }
        }
        Ok(())
    }

    /// A path pattern, checked the way compare-locales would use it.
    fn matcher(
        &self,
        value: &Spanned<DeValue<'_>>,
        key: &str,
        env: &BTreeMap<String, String>,
        root: &str,
        with_locale: bool,
    ) -> Result<Matcher> {
        let text = self.string(value, key)?;
        let matcher = Matcher::new(text, env, Some(root));
        if matches!(
            matcher.pattern.nodes.first(),
            Some(Node::Star(_) | Node::Starstar(..))
        ) {
            return Err(self.error(value.span(), key, format!("`{text}`: {}", PatError::Empty)));
        }
        let probe = if with_locale {
            matcher.with_env(&[("locale", "en-US")])
        } else {
            matcher.clone()
        };
        if let Err(e) = probe
            .compiled()
            .map(|_| ())
            .and_then(|_| probe.prefix().map(|_| ()))
        {
            return Err(self.error(value.span(), key, format!("`{text}`: {e}")));
        }
        Ok(matcher)
    }
}

fn toml_error(path: &str, text: &str, err: toml::de::Error) -> Error {
    let message = err.message().to_string();
    match err.span() {
        Some(span) => {
            let (line, column) = crate::ftl::line_column(text, span.start);
            Error::At {
                path: PathBuf::from(path),
                line,
                column,
                message,
            }
        }
        None => Error::file(path, message),
    }
}

const TOP_KEYS: &[&str] = &[
    "basepath",
    "locales",
    "env",
    "paths",
    "filters",
    "includes",
    "excludes",
    // Read by Firefox for Android's build, ignored by compare-locales.
    "exclude-multi-locale",
];

/// TOMLParser.parse: `path` is absolute and normalized.
fn parse_config(
    path: &str,
    text: &str,
    parser_env: &BTreeMap<String, String>,
    stack: &mut Vec<String>,
) -> Result<Config> {
    let src = Source { path, text };
    let doc = DeTable::parse(text).map_err(|e| toml_error(path, text, e))?;
    let doc = doc.get_ref();
    src.known_keys(doc, "", TOP_KEYS)?;

    let basepath = match doc.get("basepath") {
        Some(v) => src.string(v, "basepath")?,
        None => ".",
    };
    let root = abspath(&join(&dirname(path), basepath));

    let mut environ = BTreeMap::new();
    if let Some(v) = doc.get("env") {
        for (k, value) in src.table(v, "env")?.iter() {
            let key = format!("env.{}", k.get_ref());
            let s = src.string(value, &key)?;
            if s.contains('*') {
                return Err(src.error(value.span(), &key, "an env value cannot contain wildcards"));
            }
            environ.insert(k.get_ref().to_string(), s.to_string());
        }
    }
    environ.extend(parser_env.iter().map(|(k, v)| (k.clone(), v.clone())));

    let mut config = Config {
        path: path.to_string(),
        paths: Vec::new(),
        rules: Vec::new(),
        locales: None,
        children: Vec::new(),
        excludes: Vec::new(),
        all_locales: BTreeSet::new(),
        cache: Mutex::new(HashMap::new()),
    };

    if let Some(v) = doc.get("paths") {
        for (key, table, span) in
            src.tables(v, "paths", &["l10n", "reference", "locales", "test"])?
        {
            let Some(l10n) = table.get("l10n") else {
                return Err(src.error(span, &key, "missing `l10n`"));
            };
            let Some(reference) = table.get("reference") else {
                return Err(src.error(
                    span,
                    &key,
                    "missing `reference` (each l10n file is compared with its reference)",
                ));
            };
            let l10n_key = format!("{key}.l10n");
            let l10n_matcher = src.matcher(l10n, &l10n_key, &environ, &root, true)?;
            let reference_matcher = src.matcher(
                reference,
                &format!("{key}.reference"),
                &environ,
                &root,
                false,
            )?;
            let (a, b) = (
                l10n_matcher.pattern.wildcards(),
                reference_matcher.pattern.wildcards(),
            );
            if a != b {
                return Err(src.error(
                    l10n.span(),
                    &l10n_key,
                    format!(
                        "has {a} wildcards but `{key}.reference` has {b}: they must correspond"
                    ),
                ));
            }
            let locales = match table.get("locales") {
                Some(v) => Some(src.locales(v, &format!("{key}.locales"))?),
                None => None,
            };
            if let Some(v) = table.get("test") {
                src.strings(v, &format!("{key}.test"), false)?;
            }
            config.paths.push(PathSpec {
                l10n: l10n_matcher,
                reference: reference_matcher,
                locales,
            });
        }
    }

    if let Some(v) = doc.get("filters") {
        for (key, table, span) in src.tables(v, "filters", &["path", "key", "action"])? {
            let Some(paths) = table.get("path") else {
                return Err(src.error(span, &key, "missing `path`"));
            };
            let Some(action) = table.get("action") else {
                return Err(src.error(span, &key, "missing `action`"));
            };
            let action_key = format!("{key}.action");
            let action = match src.string(action, &action_key)? {
                "error" => FilterAction::Error,
                "warning" => FilterAction::Warning,
                "ignore" => FilterAction::Ignore,
                other => {
                    return Err(src.error(
                        action.span(),
                        &action_key,
                        format!("`{other}` is not one of `error`, `warning`, `ignore`"),
                    ))
                }
            };
            let keys = match table.get("key") {
                Some(v) => Some(src.strings(v, &format!("{key}.key"), true)?),
                None => None,
            };
            let path_key = format!("{key}.path");
            let path_values: Vec<&Spanned<DeValue<'_>>> = match paths.get_ref() {
                DeValue::Array(items) => items.iter().collect(),
                _ => vec![paths],
            };
            for (i, p) in path_values.into_iter().enumerate() {
                let pkey = if matches!(paths.get_ref(), DeValue::Array(_)) {
                    format!("{path_key}[{i}]")
                } else {
                    path_key.clone()
                };
                let matcher = src.matcher(p, &pkey, &environ, &root, true)?;
                match &keys {
                    None => config.rules.push(Rule {
                        path: matcher,
                        key: None,
                        action,
                    }),
                    Some(keys) => {
                        for (kkey, k, kspan) in keys {
                            let key_match = match k.strip_prefix("re:") {
                                Some(re) => KeyMatch::Regex(
                                    regex::Regex::new(&format!(r"\A(?:{re})")).map_err(|e| {
                                        src.error(
                                            kspan.clone(),
                                            kkey,
                                            format!("`{k}` is not a valid regular expression: {e}"),
                                        )
                                    })?,
                                ),
                                None => KeyMatch::Exact(k.to_string()),
                            };
                            config.rules.push(Rule {
                                path: matcher.clone(),
                                key: Some(key_match),
                                action,
                            });
                        }
                    }
                }
            }
        }
    }

    stack.push(path.to_string());
    for field in ["includes", "excludes"] {
        let Some(v) = doc.get(field) else { continue };
        for (key, table, span) in src.tables(v, field, &["path"])? {
            let Some(p) = table.get("path") else {
                return Err(src.error(span, &key, "missing `path`"));
            };
            let pkey = format!("{key}.path");
            let text_path = src.string(p, &pkey)?;
            let env: Env = environ
                .iter()
                .map(|(k, v)| (k.clone(), parse_pattern(v)))
                .collect();
            let mut pattern = parse_pattern(text_path);
            pattern.root = Some(format!("{root}/"));
            if pattern.wildcards() > 0 {
                return Err(src.error(
                    p.span(),
                    &pkey,
                    "an included path cannot contain wildcards",
                ));
            }
            let child_path = expand_pattern(&pattern, &env, true)
                .map(|s| normpath(&s))
                .map_err(|e| src.error(p.span(), &pkey, format!("`{text_path}`: {e}")))?;
            if stack.contains(&child_path) {
                return Err(src.error(p.span(), &pkey, format!("{child_path} includes itself")));
            }
            let child_text = std::fs::read_to_string(&child_path)
                .map_err(|e| src.error(p.span(), &pkey, format!("{child_path}: {e}")))?;
            let child = parse_config(&child_path, &child_text, parser_env, stack)?;
            if field == "includes" {
                if !child.excludes.is_empty() {
                    return Err(src.error(
                        p.span(),
                        &pkey,
                        format!("{child_path}: included configs cannot declare their own excludes"),
                    ));
                }
                config.children.push(child);
            } else {
                if child.configs().iter().any(|c| !c.excludes.is_empty()) {
                    return Err(src.error(
                        p.span(),
                        &pkey,
                        format!("{child_path}: excluded configs cannot declare their own excludes"),
                    ));
                }
                config.excludes.push(child);
            }
        }
    }
    stack.pop();

    if let Some(v) = doc.get("locales") {
        config.locales = Some(src.locales(v, "locales")?);
    }
    if let Some(v) = doc.get("exclude-multi-locale") {
        src.strings(v, "exclude-multi-locale", false)?;
    }
    config.all_locales = config.collect_locales();
    Ok(config)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn parses_like_compare_locales() {
        let p = parse_pattern("{l10n_base}/{locale}/**/*.ftl");
        assert_eq!(
            p.nodes,
            vec![
                Node::Variable {
                    name: "l10n_base".into(),
                    repeat: false
                },
                Node::Literal("/".into()),
                Node::Variable {
                    name: "locale".into(),
                    repeat: false
                },
                Node::Literal("/".into()),
                Node::Starstar(1, "/"),
                Node::Star(2),
                Node::Literal(".ftl".into()),
            ]
        );
        assert_eq!(p.prefix_length, 4);
        // `**` inside a segment is two stars; `{ x }` may have spaces.
        let p = parse_pattern("a**b/{ x }/{x}");
        assert_eq!(
            p.nodes,
            vec![
                Node::Literal("a".into()),
                Node::Star(1),
                Node::Star(2),
                Node::Literal("b/".into()),
                Node::Variable {
                    name: "x".into(),
                    repeat: false
                },
                Node::Literal("/".into()),
                Node::Variable {
                    name: "x".into(),
                    repeat: true
                },
                Node::Literal("".into()),
            ]
        );
        assert_eq!(
            parse_pattern("en-US/**").nodes.last(),
            Some(&Node::Literal("".into()))
        );
    }

    #[test]
    fn matches_and_substitutes() {
        let l10n = Matcher::new(
            "{l10n_base}/{locale}/**/*.ftl",
            &env(&[("l10n_base", "/l10n")]),
            Some("/src"),
        )
        .with_env(&[("locale", "de")]);
        let reference = Matcher::new(
            "en-US/**/*.ftl",
            &env(&[("l10n_base", "/l10n")]),
            Some("/src"),
        );
        assert_eq!(l10n.prefix().unwrap(), "/l10n/de/");
        assert_eq!(reference.prefix().unwrap(), "/src/en-US/");
        assert!(l10n.is_match("/l10n/de/a.ftl"));
        assert!(l10n.is_match("/l10n/de/x/y/a.ftl"));
        assert!(!l10n.is_match("/l10n/fr/a.ftl"));
        assert_eq!(
            l10n.sub(&reference, "/l10n/de/x/y/a.ftl")
                .unwrap()
                .as_deref(),
            Some("/src/en-US/x/y/a.ftl")
        );
        assert_eq!(
            reference.sub(&l10n, "/src/en-US/a.ftl").unwrap().as_deref(),
            Some("/l10n/de/a.ftl")
        );
        // A variable without value matches anything, also across segments.
        let any = Matcher::new("a/{x}/b.ftl", &BTreeMap::new(), Some("/r"));
        assert!(any.is_match("/r/a/q/z/b.ftl"));
        let groups = any.groups("/r/a/q/z/b.ftl").unwrap().unwrap();
        assert_eq!(groups["x"].as_deref(), Some("q/z"));
        // ... but not as the first part: there it has no value to decide on the root.
        let first = Matcher::new("{x}/b.ftl", &BTreeMap::new(), Some("/r"));
        assert_eq!(first.compiled().err(), Some(PatError::Missing("x".into())));
        // `**` also matches no directory at all; its group is then empty.
        let deep = Matcher::new("en-US/**/x/**", &BTreeMap::new(), Some("/r"));
        let groups = deep.groups("/r/en-US/a/x/b/c.ftl").unwrap().unwrap();
        assert_eq!(groups["s1"].as_deref(), Some("a/"));
        assert_eq!(groups["s2"].as_deref(), Some("b/c.ftl"));
        let groups = deep.groups("/r/en-US/x/c").unwrap().unwrap();
        assert_eq!(groups["s1"], None);
        // A repeated variable must repeat its text.
        let twice = Matcher::new("/{x}/{x}.ftl", &BTreeMap::new(), None);
        assert!(twice.is_match("/de/de.ftl"));
        assert!(!twice.is_match("/de/fr.ftl"));
    }

    #[test]
    fn android_locales() {
        let m = Matcher::new(
            "/res/values-{android_locale}/strings.xml",
            &BTreeMap::new(),
            None,
        );
        for (locale, dir) in [
            ("de", "de"),
            ("pt-BR", "pt-rBR"),
            ("he", "iw"),
            ("sr-Latn", "b+sr+Latn"),
        ] {
            let with = m.with_env(&[("locale", locale)]);
            assert_eq!(
                with.prefix().unwrap(),
                format!("/res/values-{dir}/strings.xml")
            );
            let groups = m
                .groups(&format!("/res/values-{dir}/strings.xml"))
                .unwrap()
                .unwrap();
            assert_eq!(groups["locale"].as_deref(), Some(locale));
        }
    }

    #[test]
    fn path_helpers() {
        assert_eq!(normpath("/a/./b/../c//d/"), "/a/c/d");
        assert_eq!(normpath("../a/.."), "..");
        assert_eq!(dirname("/a/b/c.toml"), "/a/b");
        assert_eq!(dirname("c.toml"), "");
        assert_eq!(relpath("/a/b/c", "/a"), "b/c");
        assert_eq!(relpath("/a", "/a"), "");
        assert_eq!(relpath("/x/y", "/a/b"), "../../x/y");
        assert_eq!(join("/a/", "b"), "/a/b");
    }
}
