//! Reading an `l10n.toml` file into a [`Config`] (compare-locales'
//! `configparser.py`), with the checks compare-locales lacks: unknown keys, wrong
//! types, invalid locales, patterns that cannot work, include cycles.

use super::matcher::Matcher;
use super::paths::{abspath, dirname, join, normpath};
use super::pattern::{expand_pattern, parse_pattern, Env, Scope};
use super::project::{Config, KeyMatch, PathSpec, Rule};
use super::source::Source;
use super::FilterAction;
use crate::error::{Error, Result};
use std::collections::BTreeMap;
use std::ops::Range;
use std::path::PathBuf;
use toml::de::{DeTable, DeValue};
use toml::Spanned;

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

/// The keys of a `[[paths]]` entry.
const PATH_KEYS: &[&str] = &["l10n", "reference", "locales", "test"];

/// TOMLParser.parse: `path` is absolute and normalized.
pub(super) fn parse_config(
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
    if let (Some(v), Some(repository)) = (doc.get("basepath"), repository_of(path)) {
        let real = std::fs::canonicalize(&root).unwrap_or_else(|_| root.clone().into());
        if !real.starts_with(&repository) {
            return Err(src.error(
                v.span(),
                "basepath",
                format!(
                    "`{basepath}` leads to {}, outside the repository ({}); ftlkit reads only files inside the repository an l10n.toml is in (a configuration file from a pull request must not make it read others)",
                    real.display(),
                    repository.display()
                ),
            ));
        }
    }
    let mut environ = read_env(&src, doc)?;
    environ.extend(parser_env.iter().map(|(k, v)| (k.clone(), v.clone())));
    let reader = Reader { src, root, environ };

    let mut config = Config::new(path);
    if let Some(v) = doc.get("paths") {
        for (key, table, span) in reader.src.tables(v, "paths", PATH_KEYS)? {
            config.paths.push(reader.path_spec(&key, table, span)?);
        }
    }
    if let Some(v) = doc.get("filters") {
        for (key, table, span) in reader
            .src
            .tables(v, "filters", &["path", "key", "action"])?
        {
            reader.filter_rules(&key, table, span, &mut config.rules)?;
        }
    }

    stack.push(path.to_string());
    for field in ["includes", "excludes"] {
        let Some(v) = doc.get(field) else { continue };
        for (key, table, span) in reader.src.tables(v, field, &["path"])? {
            let Some(p) = table.get("path") else {
                return Err(reader.src.error(span, &key, "missing `path`"));
            };
            let pkey = format!("{key}.path");
            let child = reader.included(p, &pkey, parser_env, stack)?;
            reader.attach(&mut config, field, child, p, &pkey)?;
        }
    }
    stack.pop();

    if let Some(v) = doc.get("locales") {
        config.locales = Some(reader.src.locales(v, "locales")?);
    }
    if let Some(v) = doc.get("exclude-multi-locale") {
        reader.src.strings(v, "exclude-multi-locale", false)?;
    }
    config.all_locales = config.collect_locales();
    Ok(config)
}

/// `[env]`: each value is a pattern, but without wildcards.
fn read_env(src: &Source<'_>, doc: &DeTable<'_>) -> Result<BTreeMap<String, String>> {
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
    Ok(environ)
}

/// One toml file being read: where its patterns are rooted and the variables
/// they see (its `[env]`, overridden by the caller's values).
struct Reader<'a> {
    src: Source<'a>,
    root: String,
    environ: BTreeMap<String, String>,
}

impl Reader<'_> {
    fn matcher(
        &self,
        value: &Spanned<DeValue<'_>>,
        key: &str,
        with_locale: bool,
    ) -> Result<Matcher> {
        self.src
            .matcher(value, key, &self.environ, &self.root, with_locale)
    }

    /// A `[[paths]]` entry.
    fn path_spec(&self, key: &str, table: &DeTable<'_>, span: Range<usize>) -> Result<PathSpec> {
        let src = &self.src;
        let Some(l10n) = table.get("l10n") else {
            return Err(src.error(span, key, "missing `l10n`"));
        };
        let Some(reference) = table.get("reference") else {
            return Err(src.error(
                span,
                key,
                "missing `reference` (each l10n file is compared with its reference)",
            ));
        };
        let l10n_key = format!("{key}.l10n");
        let l10n_matcher = self.matcher(l10n, &l10n_key, true)?;
        let reference_matcher = self.matcher(reference, &format!("{key}.reference"), false)?;
        let (a, b) = (
            l10n_matcher.pattern.wildcards(),
            reference_matcher.pattern.wildcards(),
        );
        if a != b {
            return Err(src.error(
                l10n.span(),
                &l10n_key,
                format!("has {a} wildcards but `{key}.reference` has {b}: they must correspond"),
            ));
        }
        let locales = match table.get("locales") {
            Some(v) => Some(src.locales(v, &format!("{key}.locales"))?),
            None => None,
        };
        if let Some(v) = table.get("test") {
            src.strings(v, &format!("{key}.test"), false)?;
        }
        Ok(PathSpec {
            l10n: l10n_matcher,
            reference: reference_matcher,
            locales,
        })
    }

    /// A `[[filters]]` entry: one rule per path, or per path and key.
    fn filter_rules(
        &self,
        key: &str,
        table: &DeTable<'_>,
        span: Range<usize>,
        rules: &mut Vec<Rule>,
    ) -> Result<()> {
        let src = &self.src;
        let Some(paths) = table.get("path") else {
            return Err(src.error(span, key, "missing `path`"));
        };
        let Some(action) = table.get("action") else {
            return Err(src.error(span, key, "missing `action`"));
        };
        let action = self.action(action, &format!("{key}.action"))?;
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
            let matcher = self.matcher(p, &pkey, true)?;
            let Some(keys) = &keys else {
                rules.push(Rule {
                    path: matcher,
                    key: None,
                    action,
                });
                continue;
            };
            for (kkey, k, kspan) in keys {
                rules.push(Rule {
                    path: matcher.clone(),
                    key: Some(self.key_match(kkey, k, kspan)?),
                    action,
                });
            }
        }
        Ok(())
    }

    fn action(&self, value: &Spanned<DeValue<'_>>, key: &str) -> Result<FilterAction> {
        Ok(match self.src.string(value, key)? {
            "error" => FilterAction::Error,
            "warning" => FilterAction::Warning,
            "ignore" => FilterAction::Ignore,
            other => {
                return Err(self.src.error(
                    value.span(),
                    key,
                    format!("`{other}` is not one of `error`, `warning`, `ignore`"),
                ))
            }
        })
    }

    /// A filter's `key`: `re:` and a regular expression anchored at the start, or
    /// the exact key.
    fn key_match(&self, key: &str, k: &str, span: &Range<usize>) -> Result<KeyMatch> {
        Ok(match k.strip_prefix("re:") {
            Some(re) => {
                KeyMatch::Regex(regex::Regex::new(&format!(r"\A(?:{re})")).map_err(|e| {
                    self.src.error(
                        span.clone(),
                        key,
                        format!("`{k}` is not a valid regular expression: {e}"),
                    )
                })?)
            }
            None => KeyMatch::Exact(k.to_string()),
        })
    }

    /// The config an `[[includes]]` or `[[excludes]]` path names, read.
    fn included(
        &self,
        p: &Spanned<DeValue<'_>>,
        pkey: &str,
        parser_env: &BTreeMap<String, String>,
        stack: &mut Vec<String>,
    ) -> Result<Config> {
        let src = &self.src;
        let text_path = src.string(p, pkey)?;
        let env: Env = self
            .environ
            .iter()
            .map(|(k, v)| (k.clone(), parse_pattern(v)))
            .collect();
        let mut pattern = parse_pattern(text_path);
        pattern.root = Some(format!("{}/", self.root));
        if pattern.wildcards() > 0 {
            return Err(src.error(p.span(), pkey, "an included path cannot contain wildcards"));
        }
        let child_path = expand_pattern(&pattern, Scope::new(&env), true)
            .map(|s| normpath(&s))
            .map_err(|e| src.error(p.span(), pkey, format!("`{text_path}`: {e}")))?;
        if stack.contains(&child_path) {
            return Err(src.error(p.span(), pkey, format!("{child_path} includes itself")));
        }
        let child_text = crate::fsutil::read_text(std::path::Path::new(&child_path))
            .map_err(|e| src.error(p.span(), pkey, format!("{e}")))?;
        parse_config(&child_path, &child_text, parser_env, stack)
    }

    /// Adds an included or excluded config; neither may declare excludes itself.
    fn attach(
        &self,
        config: &mut Config,
        field: &str,
        child: Config,
        p: &Spanned<DeValue<'_>>,
        pkey: &str,
    ) -> Result<()> {
        let (has_excludes, what) = if field == "includes" {
            (!child.excludes.is_empty(), "included")
        } else {
            let has = child.configs().iter().any(|c| !c.excludes.is_empty());
            (has, "excluded")
        };
        if has_excludes {
            return Err(self.src.error(
                p.span(),
                pkey,
                format!(
                    "{}: {what} configs cannot declare their own excludes",
                    child.path
                ),
            ));
        }
        if field == "includes" {
            config.children.push(child);
        } else {
            config.excludes.push(child);
        }
        Ok(())
    }
}

/// The repository an l10n.toml is in: the nearest folder above it with
/// `.git` or `.hg`, its symbolic links resolved; `None` outside any.
fn repository_of(path: &str) -> Option<std::path::PathBuf> {
    let dir = std::fs::canonicalize(std::path::Path::new(path).parent()?).ok()?;
    dir.ancestors()
        .find(|d| {
            d.join(".git").symlink_metadata().is_ok() || d.join(".hg").symlink_metadata().is_ok()
        })
        .map(std::path::Path::to_path_buf)
}
