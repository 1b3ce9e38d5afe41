//! A state file read borrowed from its text ([`StateView`]): ids, hashes and
//! the English (copied only where written with escapes); every other field
//! checked as the full read checks it but not kept. The build judges
//! translations on it; extract decides on it whether `update` would change
//! anything ([`would_update`]), and takes the full read only when it would.

use rustc_hash::FxHashMap;
use serde::de::{Deserializer, Visitor};
use serde::Deserialize;
use std::borrow::Cow;
use std::collections::BTreeMap;

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

/// A state file's records read borrowed from its text, for judging
/// translations ([`super::Records`]): ids, hashes and (when written without
/// escapes) the English borrowed, the templates checked and not kept. A
/// build reads every locale's records for every document and keeps nothing
/// of them but the stale ids. Whatever the full read ([`super::StateFile::parse`])
/// refuses, this refuses too (and a text written with escapes in an id or a
/// hash): the caller then takes the full read, which reports it.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StateView<'a> {
    version: u32,
    #[serde(borrow)]
    messages: FxHashMap<&'a str, ViewRecord<'a>>,
    #[serde(default)]
    #[allow(dead_code)]
    templates: BTreeMap<&'a str, &'a str>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ViewRecord<'a> {
    #[serde(borrow)]
    english: Cow<'a, str>,
    translation: &'a str,
    #[serde(default)]
    memory: Option<AnyString>,
    #[serde(default = "super::reviewed_by_default")]
    reviewed: bool,
}

impl<'a> StateView<'a> {
    /// The view of a state file's text; `None` when it is not read this way.
    pub fn of(text: &'a str) -> Option<StateView<'a>> {
        serde_json::from_str(text).ok()
    }
}

impl super::Records for StateView<'_> {
    fn record(&self, id: &str) -> Option<super::RecordRef<'_>> {
        self.messages.get(id).map(|r| super::RecordRef {
            english: &r.english,
            translation: r.translation,
            memory: r.memory.is_some(),
            reviewed: r.reviewed,
        })
    }

    fn has_records(&self) -> bool {
        !self.messages.is_empty()
    }
}

/// Whether [`super::StateFile::update`] would change the state file whose text is
/// `text`, with the same English and translations; `None` when the text is
/// not read this way (then the full read decides, and reports what is wrong
/// with it). `translations` are the locale file's [`super::source_hashes`].
pub fn would_update(
    text: &str,
    english_seen: &BTreeMap<String, String>,
    translations: &BTreeMap<Cow<str>, u64>,
) -> Option<bool> {
    let glance = StateView::of(text)?;
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
            .filter(|(id, _)| english_seen.contains_key(id.as_ref()))
            .any(|(id, &hash)| {
                glance
                    .messages
                    .get(id.as_ref())
                    .is_none_or(|r| !super::hash_is(hash, r.translation))
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

    /// The glance answers as `update` does, on every kind of change, with
    /// the locale file's hashes for its sources.
    #[test]
    fn the_glance_says_what_update_does() {
        use crate::state::{source_hashes, sources};
        let english = map(&[("a", "Hello"), ("b", "Bye \"now\"\nthen"), ("c", "New")]);
        let arabic = "a = مرحبا\nb =\n    وداعاً\n    { $name }\n";
        let mut state = StateFile::default();
        state.update(&english, &sources(arabic));
        state.record_templates(&map(&[("c", "New")]));
        let text = state.to_json();
        let cases = [
            ("nothing changed", english.clone(), arabic.to_string()),
            (
                "a translation edited",
                english.clone(),
                arabic.replace("مرحبا", "أهلاً"),
            ),
            (
                "a multiline one edited",
                english.clone(),
                arabic.replace("$name", "$who"),
            ),
            (
                "a translation added",
                english.clone(),
                format!("{arabic}c = جديد\n"),
            ),
            (
                "a translation gone, its English kept",
                english.clone(),
                "a = مرحبا\n".into(),
            ),
            ("both gone", map(&[("a", "Hello")]), "a = مرحبا\n".into()),
            (
                "the English changed only",
                map(&[("a", "Hi"), ("b", "Bye")]),
                arabic.into(),
            ),
            (
                "a translation with no English",
                english.clone(),
                format!("{arabic}-z = ؟\n"),
            ),
            (
                "defined twice, the second edited",
                english.clone(),
                format!("{arabic}a = أهلاً\n"),
            ),
            (
                "defined twice, the first edited",
                english.clone(),
                format!("a = أهلاً\n{arabic}"),
            ),
            ("not Fluent", english.clone(), "{{{".into()),
        ];
        for (what, english, translation) in cases {
            let mut full = StateFile::parse(std::path::Path::new("x.json"), &text).unwrap();
            let changed = full.update(&english, &sources(&translation));
            assert_eq!(
                would_update(&text, &english, &source_hashes(&translation)),
                Some(changed),
                "{what}"
            );
            let changes = ["edited", "added", "both gone"];
            let changes = changes.iter().any(|c| what.contains(c)) && !what.contains("second");
            assert_eq!(changed, changes, "{what}");
        }
        // An older version is rewritten.
        let old = text.replacen("\"version\": 1", "\"version\": 0", 1);
        assert_eq!(
            would_update(&old, &english, &source_hashes(arabic)),
            Some(true)
        );
    }

    /// The hashes are those of `sources`, first definitions, terms and all.
    #[test]
    fn source_hashes_are_the_sources_hashed() {
        let text = "a = مرحبا\nb =\n    سطران\n    { $n }\n-t = مصطلح\n    .gender = m\na = ثانية\nc = { $n ->\n    [one] واحد\n   *[other] كثير\n}\n!!junk\n";
        let hashes = crate::state::source_hashes(text);
        let sources = crate::state::sources(text);
        assert_eq!(hashes.len(), 4);
        assert_eq!(
            hashes
                .iter()
                .map(|(id, &h)| (id.to_string(), format!("{h:016x}")))
                .collect::<BTreeMap<_, _>>(),
            sources
                .iter()
                .map(|(id, s)| (id.clone(), crate::state::hash(s)))
                .collect::<BTreeMap<_, _>>()
        );
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
        let translations = crate::state::source_hashes("a = مرحبا\n");
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
        // The view refuses the same texts, and leaves escaped ids to the full read.
        for bad in [
            good.replace("\"english\": \"Hello\"", "\"english\": 5"),
            good.replace("\"english\"", "\"englsh\""),
            good.replace("\"version\": 1", "\"version\": -1"),
            good.replace("\"reviewed\": false", "\"reviewed\": \"no\""),
            good.replace("\"messages\"", "\"message\""),
            format!("{good}x"),
            escaped,
        ] {
            assert!(super::StateView::of(&bad).is_none(), "{bad}");
        }
        assert!(super::StateView::of(&good).is_some());
    }
}
