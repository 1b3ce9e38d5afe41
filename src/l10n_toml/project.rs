//! A loaded configuration (compare-locales' `project.py`): its `[[paths]]`,
//! `[[filters]]` rules, locales, included and excluded configs, and the filter
//! that decides whether a file or an entry is an error, a warning or ignored.

use super::matcher::Matcher;
use super::{severity, FilterAction};
use std::collections::{BTreeSet, HashMap};
use std::sync::{Arc, Mutex};

#[derive(Debug)]
pub(super) struct PathSpec {
    pub(super) l10n: Matcher,
    pub(super) reference: Matcher,
    pub(super) locales: Option<Vec<String>>,
}

#[derive(Debug)]
pub(super) enum KeyMatch {
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
pub(super) struct Rule {
    pub(super) path: Matcher,
    pub(super) key: Option<KeyMatch>,
    pub(super) action: FilterAction,
}

/// The per-locale matchers of a config's filter (compare-locales' FilterCache).
#[derive(Debug)]
struct LocaleCache {
    l10n_paths: Vec<Matcher>,
    rule_paths: Vec<Matcher>,
}

#[derive(Debug)]
pub(super) struct Config {
    /// Absolute, normalized path of the toml file.
    pub(super) path: String,
    pub(super) paths: Vec<PathSpec>,
    pub(super) rules: Vec<Rule>,
    pub(super) locales: Option<Vec<String>>,
    pub(super) children: Vec<Config>,
    pub(super) excludes: Vec<Config>,
    /// Every locale this config and its included ones list.
    pub(super) all_locales: BTreeSet<String>,
    cache: Mutex<HashMap<String, Arc<LocaleCache>>>,
}

impl Config {
    /// An empty config for the toml file at `path` (absolute and normalized).
    pub(super) fn new(path: &str) -> Config {
        Config {
            path: path.to_string(),
            paths: Vec::new(),
            rules: Vec::new(),
            locales: None,
            children: Vec::new(),
            excludes: Vec::new(),
            all_locales: BTreeSet::new(),
            cache: Mutex::new(HashMap::new()),
        }
    }

    /// This config and its included ones, depth first.
    pub(super) fn configs(&self) -> Vec<&Config> {
        let mut out = vec![self];
        for child in &self.children {
            out.extend(child.configs());
        }
        out
    }

    pub(super) fn collect_locales(&self) -> BTreeSet<String> {
        let mut all = BTreeSet::new();
        for config in self.configs() {
            all.extend(config.locales.iter().flatten().cloned());
            for spec in &config.paths {
                all.extend(spec.locales.iter().flatten().cloned());
            }
        }
        all
    }

    pub(super) fn filter(&self, locale: &str, path: &str, key: Option<&str>) -> FilterAction {
        if !self.all_locales.contains(locale) {
            return FilterAction::Ignore;
        }
        self.filter_inner(locale, path, key)
            .unwrap_or(FilterAction::Ignore)
    }

    fn locale_cache(&self, locale: &str) -> Arc<LocaleCache> {
        let mut cache = self.cache.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(known) = cache.get(locale) {
            return known.clone();
        }
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
        // The most severe of the answers (compare-locales collects them in a
        // set and takes the last).
        let mut most = self
            .children
            .iter()
            .filter_map(|c| c.filter_inner(locale, path, key))
            .map(severity)
            .max();
        if most == Some(severity(FilterAction::Error)) {
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
            most = most.max(Some(severity(action)));
        }
        most.map(|s| match s {
            2 => FilterAction::Error,
            1 => FilterAction::Warning,
            _ => FilterAction::Ignore,
        })
    }
}
