//! A state file read only as far as [`super::StateFile::update`] looks: its version
//! and each record's id and translation hash. Every other field is checked
//! as the full read checks it (a string, a bool) but not kept: the English of
//! every record, most of the file, is never copied. Whether `update` would
//! change anything is decided on this; the full read only when it would.

use rustc_hash::FxHashMap;
use serde::de::{Deserializer, Visitor};
use serde::Deserialize;
use std::collections::BTreeMap;

/// What of a state file `update` reads. Ids and hashes are borrowed from the
/// text: one written with escapes in them (ftlkit never writes one) is not
/// read this way, and the full read takes over.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Glance<'a> {
    version: u32,
    #[serde(borrow)]
    messages: FxHashMap<&'a str, GlanceRecord<'a>>,
    #[serde(default)]
    #[allow(dead_code)]
    templates: BTreeMap<&'a str, &'a str>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct GlanceRecord<'a> {
    english: AnyString,
    translation: &'a str,
    #[serde(default)]
    memory: Option<AnyString>,
    #[serde(default)]
    reviewed: bool,
}

/// A JSON string, checked and not kept.
struct AnyString;

impl<'de> Deserialize<'de> for AnyString {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Any;
        impl Visitor<'_> for Any {
            type Value = AnyString;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a string")
            }
            fn visit_str<E: serde::de::Error>(self, _: &str) -> Result<AnyString, E> {
                Ok(AnyString)
            }
        }
        deserializer.deserialize_str(Any)
    }
}

/// Whether [`super::StateFile::update`] would change the state file whose text is
/// `text`, with the same English and translations; `None` when the text is
/// not read this way (then the full read decides, and reports what is wrong
/// with it). `translations` are the locale file's, each with its
/// [`super::hash`] already made or not.
pub fn would_update(
    text: &str,
    english_seen: &BTreeMap<String, String>,
    translations: &BTreeMap<String, String>,
) -> Option<bool> {
    let glance: Glance = serde_json::from_str(text).ok()?;
    if glance.version != 1 {
        return Some(true);
    }
    // A record that `retain` would forget.
    let forgotten = glance
        .messages
        .keys()
        .any(|id| !translations.contains_key(*id) && !english_seen.contains_key(*id));
    // A translation with no record, or another hash: recorded afresh.
    let recorded = || {
        translations
            .iter()
            .filter(|(id, _)| english_seen.contains_key(*id))
            .any(|(id, translation)| {
                glance
                    .messages
                    .get(id.as_str())
                    .is_none_or(|r| !super::hash_is(translation, r.translation))
            })
    };
    Some(forgotten || recorded())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::{Record, StateFile};

    fn map(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    /// The glance answers as `update` does, on every kind of change.
    #[test]
    fn the_glance_says_what_update_does() {
        let english = map(&[("a", "Hello"), ("b", "Bye \"now\"\nthen"), ("c", "New")]);
        let translations = map(&[("a", "مرحبا"), ("b", "وداعاً")]);
        let mut state = StateFile::default();
        state.update(&english, &translations);
        state.record_templates(&map(&[("c", "New")]));
        let text = state.to_json();
        type Case<'c> = (&'c str, BTreeMap<String, String>, BTreeMap<String, String>);
        let cases: Vec<Case> = vec![
            ("nothing changed", english.clone(), translations.clone()),
            (
                "a translation edited",
                english.clone(),
                map(&[("a", "أهلاً"), ("b", "وداعاً")]),
            ),
            (
                "a translation added",
                english.clone(),
                map(&[("a", "مرحبا"), ("b", "وداعاً"), ("c", "جديد")]),
            ),
            (
                "a translation gone, its English kept",
                english.clone(),
                map(&[("a", "مرحبا")]),
            ),
            ("both gone", map(&[("a", "Hello")]), map(&[("a", "مرحبا")])),
            (
                "the English changed only",
                map(&[("a", "Hi"), ("b", "Bye")]),
                translations.clone(),
            ),
            (
                "a translation with no English",
                english.clone(),
                map(&[("a", "مرحبا"), ("b", "وداعاً"), ("z", "؟")]),
            ),
        ];
        for (what, english, translations) in cases {
            let mut full = StateFile::parse(std::path::Path::new("x.json"), &text).unwrap();
            let changed = full.update(&english, &translations);
            assert_eq!(
                would_update(&text, &english, &translations),
                Some(changed),
                "{what}"
            );
        }
        // An older version is rewritten.
        let old = text.replacen("\"version\": 1", "\"version\": 0", 1);
        assert_eq!(would_update(&old, &english, &translations), Some(true));
    }

    /// What the full read refuses, the glance does not read either.
    #[test]
    fn what_the_full_read_refuses_the_glance_leaves_to_it() {
        let record = Record {
            english: "Hello".into(),
            translation: crate::state::hash("مرحبا"),
            memory: None,
            reviewed: false,
        };
        let mut state = StateFile {
            version: 1,
            ..StateFile::default()
        };
        state.messages.insert("a".into(), record);
        let good = state.to_json();
        let english = map(&[("a", "Hello")]);
        let translations = map(&[("a", "مرحبا")]);
        assert_eq!(would_update(&good, &english, &translations), Some(false));
        for bad in [
            good.replace("\"english\": \"Hello\"", "\"english\": 5"),
            good.replace("\"english\"", "\"englsh\""),
            good.replace("\"version\": 1", "\"version\": -1"),
            good.replace("\"reviewed\": false", "\"reviewed\": \"no\""),
            good.replace(
                "\"reviewed\": false",
                "\"reviewed\": false, \"reviewed\": true",
            ),
            good.replace("\"messages\"", "\"message\""),
            format!("{good}x"),
            good[..good.len() / 2].to_string(),
            format!(
                "{}, \"templates\": {{\"a\": 1}}}}",
                good.trim_end().strip_suffix('}').unwrap()
            ),
        ] {
            let full = StateFile::parse(std::path::Path::new("x.json"), &bad);
            assert!(full.is_err(), "{bad}");
            assert_eq!(would_update(&bad, &english, &translations), None, "{bad}");
        }
        // Escapes in an id: left to the full read, which takes it.
        let escaped = good.replace("\"a\":", "\"\\u0061\":");
        assert!(StateFile::parse(std::path::Path::new("x.json"), &escaped).is_ok());
        assert_eq!(would_update(&escaped, &english, &translations), None);
    }
}
