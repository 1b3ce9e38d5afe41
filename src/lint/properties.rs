//! Java-style `.properties` files as Firefox keeps them (its configs list 113
//! of them beside the Fluent files): the keys, read as compare-locales'
//! `PropertiesParser` reads them, so that missing and obsolete entities are
//! counted as it counts them.
//!
//! Hand-written rather than the `java-properties` crate: that crate reads
//! Java's rules (a key ends at the first space, ISO-8859-1 text), while
//! compare-locales reads UTF-8 and a key up to `=` or `:` (spaces inside
//! kept, trailing ones dropped). Only keys are needed here, not values.

use super::Counts;
use crate::error::Result;
use crate::l10n_toml::{FilePair, FilterAction, ResolvedProject};
use rayon::prelude::*;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The keys of a `.properties` text, in order, with their 1-based lines.
///
/// compare-locales' rules: lines starting (after blanks) with `#` or `!` are
/// comments; an entity is a key — not starting with a blank, `#` or `!`, up
/// to the first `=` or `:` on its line, trailing blanks dropped — and a value
/// that goes on to the next line while the line ends with an odd number of
/// backslashes. A line that is none of these is junk: skipped.
pub fn keys(text: &str) -> Vec<(&str, usize)> {
    let mut out = Vec::new();
    let mut continued = false;
    for (i, line) in text.lines().enumerate() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if continued {
            continued = escapes_newline(line);
            continue;
        }
        let content = line.trim_start_matches([' ', '\t', '\u{c}']);
        if content.is_empty() || content.starts_with(['#', '!']) {
            continue;
        }
        let Some(end) = content.find(['=', ':']) else {
            continue; // junk
        };
        let key = content[..end].trim_end_matches([' ', '\t']);
        if key.is_empty() {
            continue;
        }
        out.push((key, i + 1));
        continued = escapes_newline(line);
    }
    out
}

/// Whether a line ends with an odd number of backslashes (its value goes on).
fn escapes_newline(line: &str) -> bool {
    let trailing = line.bytes().rev().take_while(|&b| b == b'\\').count();
    trailing % 2 == 1
}

/// The extension a non-Fluent file is named by in reports (`.properties`,
/// `.dtd`, `strings.xml` by its name).
pub fn format_of(path: &std::path::Path) -> String {
    match path.extension().and_then(|e| e.to_str()) {
        Some("xml") => path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("xml")
            .to_string(),
        Some(ext) => format!(".{ext}"),
        None => path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("?")
            .to_string(),
    }
}

/// A file a config lists that ftlkit does not read (`.ini`, `.dtd`,
/// Android's `strings.xml`…): named in the reports, not counted.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Unchecked {
    pub locale: String,
    pub path: String,
    pub format: String,
}

/// What the non-Fluent files of an `l10n.toml` project add: per locale, the
/// `.properties` entities counted as compare-locales counts them (messages,
/// translated, missing, obsolete), and the files of other formats.
pub fn count(
    project: &ResolvedProject,
    root: &Path,
) -> Result<(BTreeMap<String, Counts>, Vec<Unchecked>)> {
    let (properties, others): (Vec<&FilePair>, Vec<&FilePair>) = project
        .other
        .iter()
        .partition(|p| p.l10n.extension().is_some_and(|e| e == "properties"));
    let unchecked = others
        .iter()
        .map(|p| Unchecked {
            locale: p.locale.clone(),
            path: crate::l10n_toml::relative_path(&p.l10n, root),
            format: format_of(&p.l10n),
        })
        .collect();
    // Each English file read once, the locales' files in parallel.
    let references: BTreeSet<&Path> = properties
        .iter()
        .filter_map(|p| p.reference.as_deref())
        .collect();
    let texts: Vec<(&Path, String)> = references
        .into_par_iter()
        .map(|r| Ok((r, crate::fsutil::read_text(r)?)))
        .collect::<Result<_>>()?;
    let reference_keys: HashMap<&Path, HashSet<&str>> = texts
        .iter()
        .map(|(r, text)| (*r, keys(text).into_iter().map(|(k, _)| k).collect()))
        .collect();
    let by_key = project.has_key_rules();
    let per_file: Vec<(String, Counts)> = properties
        .par_iter()
        .filter_map(|p| Some((p, reference_keys.get(p.reference.as_deref()?)?)))
        .map(|(p, reference)| {
            Ok((
                p.locale.clone(),
                file_counts(project, p, reference, by_key)?,
            ))
        })
        .collect::<Result<_>>()?;
    let mut counts: BTreeMap<String, Counts> = BTreeMap::new();
    for (locale, c) in per_file {
        counts.entry(locale).or_default().add(&c);
    }
    Ok((counts, unchecked))
}

/// One `.properties` file's counts against its English keys, with the
/// config's filters asked as compare-locales asks them: the file as a whole
/// when it is missing (ignored: nothing counted), each missing entity (only
/// an error counts as missing), each obsolete one (counted unless ignored).
fn file_counts(
    project: &ResolvedProject,
    pair: &FilePair,
    reference: &HashSet<&str>,
    by_key: bool,
) -> Result<Counts> {
    let ask = |key: Option<&str>| project.filter_for(&pair.locale, &pair.l10n, key);
    let text = match std::fs::read(&pair.l10n) {
        Ok(bytes) => Some(String::from_utf8_lossy(&bytes).into_owned()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(crate::error::Error::io(&pair.l10n, e)),
    };
    let mut counts = Counts {
        messages: reference.len(),
        ..Counts::default()
    };
    let Some(text) = text else {
        if ask(None) != FilterAction::Ignore {
            counts.missing = reference.len();
        } else {
            counts.messages = 0;
        }
        return Ok(counts);
    };
    let own: HashSet<&str> = keys(&text).into_iter().map(|(k, _)| k).collect();
    // Without rules on keys, every key's answer is the file's: asked once.
    let file_answer = (!by_key).then(|| ask(Some("")));
    let answer = |key: &str| file_answer.unwrap_or_else(|| ask(Some(key)));
    for key in reference {
        if own.contains(key) {
            counts.translated += 1;
        } else if answer(key) == FilterAction::Error {
            counts.missing += 1;
        }
    }
    counts.obsolete = own
        .iter()
        .filter(|k| !reference.contains(*k) && answer(k) != FilterAction::Ignore)
        .count();
    Ok(counts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_as_compare_locales_reads_them() {
        // Modelled on Firefox's toolkit/chrome/global/commonDialogs.properties.
        let text = "# This Source Code Form is subject to the terms of the Mozilla Public\n\
# License, v. 2.0.\n\
\n\
Alert=Alert\n\
ConfirmCheck = Confirm\n\
  ! a comment after blanks\n\
EnterLoginForRealm3=The site %2$S is requesting your username and password. \\\n\
    The site says: “%3$S”\n\
not=a key: still one\n\
junk line without separator\n\
key with spaces : value\n\
odd.backslashes=a\\\\\n\
after=b\n";
        let keys: Vec<&str> = keys(text).into_iter().map(|(k, _)| k).collect();
        assert_eq!(
            keys,
            [
                "Alert",
                "ConfirmCheck",
                "EnterLoginForRealm3",
                "not",
                "key with spaces",
                "odd.backslashes",
                "after"
            ]
        );
        assert_eq!(super::keys(text)[2].1, 7);
    }
}
