//! `[check]` in `ftlkit.toml`: the level of a finding's code for the whole
//! project, for one locale, or for the files a path glob matches (the most
//! specific wins: path, then locale, then project). `off` drops the code's
//! findings.
//!
//! ```toml
//! [check.levels]
//! double-space = "info"
//! [check.locale.fr]
//! french-spacing = "off"
//! [check.path."locales/*/page.ftl"]
//! end-punctuation = "off"
//! ```

use crate::error::{Error, Result};
use crate::finding::{Code, Severity};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

/// A level `[check]` sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Error,
    Warning,
    Info,
    Off,
}

impl Level {
    /// The severity findings get, `None` for `off`.
    pub fn severity(self) -> Option<Severity> {
        match self {
            Level::Error => Some(Severity::Error),
            Level::Warning => Some(Severity::Warning),
            Level::Info => Some(Severity::Info),
            Level::Off => None,
        }
    }
}

/// `[check]`, as written.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CheckConfig {
    /// Code → level, for the whole project.
    pub levels: BTreeMap<String, Level>,
    /// Locale → code → level.
    pub locale: BTreeMap<String, BTreeMap<String, Level>>,
    /// Path glob (relative to the project root; `*` within a folder, `**`
    /// across folders) → code → level.
    pub path: BTreeMap<String, BTreeMap<String, Level>>,
}

impl CheckConfig {
    /// Whether it sets nothing.
    pub fn is_empty(&self) -> bool {
        self.levels.is_empty() && self.locale.is_empty() && self.path.is_empty()
    }

    /// Refuses a code no rule has (a typo would silently silence nothing).
    pub fn validate(&self, file: &Path) -> Result<()> {
        let tables = std::iter::once(("check.levels".to_string(), &self.levels))
            .chain(
                self.locale
                    .iter()
                    .map(|(l, t)| (format!("check.locale.{l}"), t)),
            )
            .chain(
                self.path
                    .iter()
                    .map(|(p, t)| (format!("check.path.\"{p}\""), t)),
            );
        for (table, codes) in tables {
            for code in codes.keys() {
                if !Code::ALL.iter().any(|c| c.as_str() == code) {
                    let near = Code::ALL
                        .iter()
                        .map(|c| c.as_str())
                        .min_by_key(|c| strsim::levenshtein(c, code))
                        .unwrap_or_default();
                    return Err(Error::file(
                        file,
                        format!("[{table}] names `{code}`, which is no check's code: did you mean `{near}`? (README lists the codes)"),
                    ));
                }
            }
        }
        Ok(())
    }

    /// The level `[check]` sets for a finding of `code` in `locale`'s file
    /// `path` (relative to the root), if it sets one.
    pub fn level(&self, code: Code, locale: &str, path: &str) -> Option<Level> {
        let code = code.as_str();
        let by_path = self
            .path
            .iter()
            .filter(|(glob, _)| glob_matches(glob, path))
            .find_map(|(_, codes)| codes.get(code));
        by_path
            .or_else(|| self.locale.get(locale).and_then(|codes| codes.get(code)))
            .or_else(|| self.levels.get(code))
            .copied()
    }
}

/// Whether `path` matches `glob`: `**` any folders, `*` and `?` within one.
pub fn glob_matches(glob: &str, path: &str) -> bool {
    let path = path.replace('\\', "/");
    let mut pattern = String::from("^");
    let mut chars = glob.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '*' if chars.peek() == Some(&'*') => {
                chars.next();
                if chars.peek() == Some(&'/') {
                    chars.next();
                    pattern.push_str("(?:.*/)?");
                } else {
                    pattern.push_str(".*");
                }
            }
            '*' => pattern.push_str("[^/]*"),
            '?' => pattern.push_str("[^/]"),
            c => pattern.push_str(&regex::escape(&c.to_string())),
        }
    }
    pattern.push('$');
    regex::Regex::new(&pattern).is_ok_and(|re| re.is_match(&path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_most_specific_level_wins() {
        let config: CheckConfig = toml::from_str(
            "[levels]\ndouble-space = \"info\"\n[locale.fr]\ndouble-space = \"off\"\n[path.\"locales/fr/page.ftl\"]\ndouble-space = \"error\"\n",
        )
        .unwrap();
        let at = |locale, path| config.level(Code::DoubleSpace, locale, path);
        assert_eq!(at("ar", "locales/ar/article.ftl"), Some(Level::Info));
        assert_eq!(at("fr", "locales/fr/article.ftl"), Some(Level::Off));
        assert_eq!(at("fr", "locales/fr/page.ftl"), Some(Level::Error));
        assert_eq!(config.level(Code::Tatweel, "ar", "x"), None);
    }

    #[test]
    fn globs_match_within_and_across_folders() {
        assert!(glob_matches("locales/*/page.ftl", "locales/ar/page.ftl"));
        assert!(!glob_matches("locales/*/page.ftl", "locales/ar/x/page.ftl"));
        assert!(glob_matches("**/page.ftl", "locales/ar/page.ftl"));
        assert!(glob_matches("locales/**", "locales/ar/x/page.ftl"));
        assert!(!glob_matches("locales/fr/*.ftl", "locales/ar/page.ftl"));
    }

    #[test]
    fn an_unknown_code_is_an_error_that_names_the_closest() {
        let config: CheckConfig = toml::from_str("[levels]\ndouble-spaces = \"off\"\n").unwrap();
        let e = config
            .validate(Path::new("ftlkit.toml"))
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("double-spaces") && e.contains("did you mean `double-space`"),
            "{e}"
        );
    }
}
