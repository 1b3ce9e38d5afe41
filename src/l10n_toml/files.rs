//! compare-locales' `ProjectFiles`: which l10n files a locale has and which
//! reference file each one is compared with.

use super::matcher::{Groups, Matcher};
use super::paths::{realpath, walk};
use super::pattern::PatError;
use super::project::Config;
use crate::error::{Error, Result};
use rustc_hash::{FxHashMap, FxHashSet};
use std::collections::{btree_map, BTreeMap, BTreeSet, HashMap};
use std::path::Path;
use std::sync::{Arc, Mutex, RwLock};

/// What the file system said, asked once per run and shared by every locale:
/// the files under each walked folder (the reference tree is the same for all
/// locales, so it is listed once, not once per locale), whether a prefix is a
/// file, and which paths a listing showed as regular files.
///
/// Same answers as asking every time: nothing is written meanwhile, and a
/// path a listing showed as a regular file (no link) exists, so
/// [`Disk::exists`] needs a `stat` only for the others (missing files,
/// links).
#[derive(Default)]
pub(super) struct Disk {
    walks: Mutex<FxHashMap<String, Arc<Vec<String>>>>,
    is_file: Mutex<FxHashMap<String, bool>>,
    existing: RwLock<FxHashSet<String>>,
}

impl Disk {
    fn files_under(&self, base: &str) -> Arc<Vec<String>> {
        if let Some(files) = lock(&self.walks).get(base) {
            return files.clone();
        }
        let (mut files, mut regular) = (Vec::new(), Vec::new());
        walk(base, &mut |p, is_regular| {
            if is_regular {
                regular.push(p.clone());
            }
            files.push(p);
        });
        self.existing
            .write()
            .unwrap_or_else(|e| e.into_inner())
            .extend(regular);
        let files = Arc::new(files);
        lock(&self.walks).insert(base.to_string(), files.clone());
        files
    }

    fn is_file(&self, path: &str) -> bool {
        if let Some(&answer) = lock(&self.is_file).get(path) {
            return answer;
        }
        let answer = Path::new(path).is_file();
        lock(&self.is_file).insert(path.to_string(), answer);
        answer
    }

    /// Whether `path` exists (as `os.path.exists`: links followed).
    pub(super) fn exists(&self, path: &str) -> bool {
        let listed = self
            .existing
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .contains(path);
        listed || Path::new(path).exists()
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

/// A `[[paths]]` entry for one locale: (l10n with the locale set, reference,
/// the path of its config).
type Matchers = (Matcher, Matcher, String);

/// compare-locales' ProjectFiles: the l10n and reference patterns in force for a locale.
pub(super) struct ProjectFiles {
    /// The last declared first.
    matchers: Vec<Matchers>,
    exclude: Option<Box<ProjectFiles>>,
}

impl ProjectFiles {
    pub(super) fn new(locale: &str, projects: &[&Config]) -> Result<ProjectFiles> {
        let (configs, excludes) = in_force(locale, projects);
        let exclude = if excludes.is_empty() {
            None
        } else {
            Some(Box::new(ProjectFiles::new(locale, &excludes)?))
        };
        let mut matchers = locale_matchers(locale, &configs);
        // compare-locales iterates the last declared first.
        matchers.reverse();
        let matchers = without_duplicates(matchers)?;
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

    /// The files `matcher` matches, with what it captures in each (matched
    /// once: the capture is what `sub` substitutes).
    fn files(&self, matcher: &Matcher, config: &str, disk: &Disk) -> Result<Vec<(String, Groups)>> {
        let base = pat(matcher.prefix(), config)?;
        let mut out = Vec::new();
        if disk.is_file(&base) {
            if !self.excluded(&base) {
                if let Some(groups) = matcher.captures(&base) {
                    out.push((base, groups));
                }
            }
            return Ok(out);
        }
        for p in disk.files_under(&base).iter() {
            if !self.excluded(p) {
                if let Some(groups) = matcher.captures(p) {
                    out.push((p.clone(), groups));
                }
            }
        }
        Ok(out)
    }

    /// iter_locale: l10n path → reference path, sorted by l10n path.
    pub(super) fn iter_locale(&self, disk: &Disk) -> Result<BTreeMap<String, String>> {
        let mut known = BTreeMap::new();
        for (l10n, reference, config) in &self.matchers {
            for (path, groups) in self.files(l10n, config, disk)? {
                if let btree_map::Entry::Vacant(slot) = known.entry(path) {
                    slot.insert(pat(Matcher::sub_captured(groups, reference), config)?);
                }
            }
            for (path, groups) in self.files(reference, config, disk)? {
                let l = pat(Matcher::sub_captured(groups, l10n), config)?;
                known.entry(l).or_insert(path);
            }
        }
        Ok(known)
    }
}

/// The configs of the projects that apply to `locale` (with their included
/// ones), and the excluded configs that are not also included.
fn in_force<'c>(locale: &str, projects: &[&'c Config]) -> (Vec<&'c Config>, Vec<&'c Config>) {
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
    (configs, excludes)
}

fn lists(locales: &Option<Vec<String>>, locale: &str) -> bool {
    locales
        .as_ref()
        .is_none_or(|l| l.iter().any(|x| x == locale))
}

/// The `[[paths]]` entries in force for `locale`, in declaration order.
fn locale_matchers(locale: &str, configs: &[&Config]) -> Vec<Matchers> {
    let mut matchers = Vec::new();
    for config in configs {
        if !lists(&config.locales, locale) {
            continue;
        }
        for spec in &config.paths {
            if !lists(&spec.locales, locale) {
                continue;
            }
            // Compiled once, before the copy, and shared by every locale's
            // copy (a compile error too: the answer is the same each time).
            let _ = spec.reference.compiled();
            matchers.push((
                spec.l10n.with_env(&[("locale", locale)]),
                spec.reference.clone(),
                config.path.clone(),
            ));
        }
    }
    matchers
}

/// Drops an entry whose l10n pattern an earlier one already has (same pattern,
/// same real prefix); the two must have the same reference.
///
/// compare-locales resolves the real path of both prefixes of every pair of
/// entries before it compares their patterns: O(n²) `realpath` calls per locale,
/// each one a `readlink` per path component (13,428 failed `readlink`s for the
/// 20 entries and 35 locales of a small repository). Comparing the patterns
/// first gives the same answer, since both conditions must hold and `realpath`
/// has no effect but its answer, and entries with different patterns (nearly all)
/// then need no real path at all; the ones needed are resolved once each.
fn without_duplicates(matchers: Vec<Matchers>) -> Result<Vec<Matchers>> {
    let mut real = RealPaths::default();
    let mut drops = BTreeSet::new();
    for i in 0..matchers.len() {
        if drops.contains(&i) {
            continue;
        }
        let (l10n, reference, path) = &matchers[i];
        let prefix = pat(l10n.prefix(), path)?;
        for (j, (l10n2, reference2, _)) in matchers.iter().enumerate().skip(i + 1) {
            let prefix2 = pat(l10n2.prefix(), path)?;
            if l10n.pattern != l10n2.pattern || real.get(&prefix2) != real.get(&prefix) {
                continue;
            }
            let r1 = real.get(&pat(reference.prefix(), path)?);
            let r2 = real.get(&pat(reference2.prefix(), path)?);
            if r1 != r2 {
                let prefix = real.get(&prefix);
                return Err(Error::file(
                    path,
                    format!("the l10n files under {prefix} have two different references: {r1} and {r2}"),
                ));
            }
            drops.insert(j);
        }
    }
    Ok(matchers
        .into_iter()
        .enumerate()
        .filter(|(i, _)| !drops.contains(i))
        .map(|(_, m)| m)
        .collect())
}

/// [`realpath`], each path resolved once.
#[derive(Default)]
struct RealPaths(HashMap<String, String>);

impl RealPaths {
    fn get(&mut self, path: &str) -> String {
        if let Some(real) = self.0.get(path) {
            return real.clone();
        }
        let real = realpath(path);
        self.0.insert(path.to_string(), real.clone());
        real
    }
}

fn pat<T>(result: Result<T, PatError>, config: &str) -> Result<T> {
    result.map_err(|e| Error::file(config, e.to_string()))
}
