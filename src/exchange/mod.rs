//! `export` / `import`: a locale handed to translators who work in CAT tools
//! as XLIFF 1.2 or PO, and taken back. Disk-free core: the units of a
//! document ([`units_of`]), the two formats ([`po`], [`xliff`]) and the merge
//! of imported units into a locale file ([`merge`]); [`run`] reads and writes.
//!
//! A unit is one message's value (id = the message id) or one attribute
//! (`id.attr`); its text is the pattern's Fluent source, with no indentation
//! (a select expression stays one unit, its variants on their own lines).

pub mod merge;
pub mod po;
pub mod run;
pub mod variants;
pub mod xliff;

use crate::state::StateFile;
use fluent_syntax::ast::{Entry, Identifier, Message, Pattern, Resource};
use std::collections::BTreeMap;

/// Where a unit stands, as `status` counts it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum UnitState {
    /// Not translated: no target.
    New,
    /// Stale: the English changed since the translation was made.
    NeedsReview,
    Translated,
}

/// One unit of an exported file.
#[derive(Debug, Clone, PartialEq)]
pub struct Unit {
    /// The document (`article` for `locales/<locale>/article.ftl`).
    pub doc: String,
    /// The message id, `id.attr` for an attribute (`-term` for a term).
    pub id: String,
    /// The English, as Fluent pattern source.
    pub source: String,
    /// The translation, when there is one.
    pub target: Option<String>,
    pub state: UnitState,
    /// Where its message stands ([`crate::standing`]): a new unit may be a
    /// template someone typed into, which tools must not write over unasked.
    pub standing: crate::standing::Standing,
    /// For a translated unit: whether a person reviewed it (`ftlkit review`);
    /// an unreviewed one is exported as CAT tools mark work to check (PO
    /// `#, fuzzy`, XLIFF `approved="no"`).
    pub reviewed: bool,
    /// For a stale unit: the English the translation was made from.
    pub previous: Option<String>,
    /// The English file's comment for the message.
    pub note: Option<String>,
    /// The section (the group comment above the message in the English file).
    pub section: Option<String>,
    /// 1-based line of the message in the English file.
    pub line: usize,
}

/// A locale's file for translators: its units, all documents or one.
#[derive(Debug, Clone, PartialEq)]
pub struct Catalog {
    pub source_locale: String,
    pub locale: String,
    pub units: Vec<Unit>,
    /// The translation memory's best match of new and stale units, by
    /// (document, unit id): what a CAT tool shows beside the unit (XLIFF
    /// `<alt-trans>`, a PO translator comment), never the translation.
    pub matches: BTreeMap<(String, String), Matched>,
}

/// A translation memory match handed on with a unit.
#[derive(Debug, Clone, PartialEq)]
pub struct Matched {
    /// 0–100.
    pub score: u8,
    /// `exact`, `carried` or `fuzzy`.
    pub kind: &'static str,
    /// The translation offered (placeables carried over for a carried match).
    pub text: String,
    /// The memory entry's English.
    pub source: String,
    /// Where the entry comes from (`article/intro-2`, `memory.tmx:12`).
    pub origin: String,
}

impl Catalog {
    /// The memory's match for a unit, if it has one.
    pub fn matched(&self, unit: &Unit) -> Option<&Matched> {
        self.matches.get(&(unit.doc.clone(), unit.id.clone()))
    }
}

/// One unit read back from a file.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Incoming {
    /// The document, when the file says (`#:` reference, `<file original>`).
    pub doc: Option<String>,
    pub id: String,
    /// The English the file carries (`msgid`, `<source>`).
    pub source: Option<String>,
    /// The translation; `None` or empty when there is none.
    pub target: Option<String>,
    /// 1-based line of the unit in the file read.
    pub line: usize,
    /// The unit's line in the English file, when the file says (`#:
    /// article.ftl:12`, a location context): what names a unit when a
    /// converter dropped its id.
    pub location: Option<usize>,
    /// The variant key the location names (`page.ftl[few]:19`).
    pub location_variant: Option<String>,
    /// Whether the translator approved the unit in their tool: XLIFF
    /// `approved="yes"` or a target `state="final"`/`"signed-off"`, a PO
    /// entry with a translation and no `#, fuzzy`; `Some(false)` for a unit
    /// marked for review, `None` when the file does not say.
    pub approved: Option<bool>,
}

/// A unit's file as its location names it: `article.ftl`, and
/// `page.ftl[few]` for a variant (so that every unit has its own location,
/// which converters that drop ids keep).
pub fn location_file(unit: &Unit) -> String {
    match variants::unit_variant(&unit.id) {
        Some((_, key)) => format!("{}.ftl[{key}]", unit.doc),
        None => format!("{}.ftl", unit.doc),
    }
}

/// The document and variant key of a location's file (`guide/start.ftl`,
/// `page.ftl[few]`; folders a tool added in front are matched on import).
pub fn parse_location_file(file: &str) -> (Option<String>, Option<String>) {
    let file = file.trim().trim_start_matches("./");
    let (file, key) = match file.split_once('[') {
        Some((f, rest)) => (f, rest.strip_suffix(']').map(str::to_string)),
        None => (file, None),
    };
    (file.strip_suffix(".ftl").map(str::to_string), key)
}

/// A file read back: its locale and units.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct IncomingFile {
    pub locale: String,
    pub units: Vec<Incoming>,
}

/// The Fluent source of a pattern as a unit's text: single-line patterns as
/// they are, multi-line ones (a select expression, several lines of text)
/// without the message's indentation.
pub fn pattern_source(pattern: &Pattern<&str>) -> String {
    let message = Entry::Message(Message {
        id: Identifier { name: "x" },
        value: Some(pattern.clone()),
        attributes: Vec::new(),
        comment: None,
    });
    let text = fluent_syntax::serializer::serialize(&Resource {
        body: vec![message],
    });
    let rest = text.strip_prefix("x =").unwrap_or(&text);
    let rest = rest.strip_suffix('\n').unwrap_or(rest);
    match rest.strip_prefix(' ') {
        Some(single) if !single.contains('\n') => single.to_string(),
        _ => rest
            .trim_start_matches([' ', '\n'])
            .split('\n')
            .map(|l| l.strip_prefix("    ").unwrap_or(l))
            .collect::<Vec<_>>()
            .join("\n"),
    }
}

/// The Fluent entry (`id = …` and its attributes, LF-ended) for unit texts
/// (see [`pattern_source`]): the way back.
pub fn entry_source(id: &str, value: Option<&str>, attributes: &[(String, String)]) -> String {
    let mut out = format!("{id} =");
    if let Some(value) = value {
        push_pattern(&mut out, value, "    ");
    }
    for (name, text) in attributes {
        out.push_str("\n    .");
        out.push_str(name);
        out.push_str(" =");
        push_pattern(&mut out, text, "        ");
    }
    out.push('\n');
    out
}

fn push_pattern(out: &mut String, text: &str, indent: &str) {
    if !text.contains('\n') {
        out.push(' ');
        out.push_str(text);
        return;
    }
    for line in text.split('\n') {
        out.push('\n');
        if !line.trim().is_empty() {
            out.push_str(indent);
            out.push_str(line);
        }
    }
}

/// A message's parts as unit texts: the value under `""`, attributes by name.
pub type Parts = BTreeMap<String, String>;

/// The parts of a message or term.
pub fn parts_of(entry: &Entry<&str>) -> Option<(String, Vec<(String, String)>)> {
    let (id, value, attributes) = match entry {
        Entry::Message(m) => (m.id.name.to_string(), m.value.as_ref(), &m.attributes),
        Entry::Term(t) => (format!("-{}", t.id.name), Some(&t.value), &t.attributes),
        _ => return None,
    };
    let mut parts = Vec::new();
    if let Some(v) = value {
        parts.push((String::new(), pattern_source(v)));
    }
    for a in attributes {
        parts.push((a.id.name.to_string(), pattern_source(&a.value)));
    }
    Some((id, parts))
}

/// The unit id of a part: the message id, `id.attr` for an attribute.
pub fn unit_id(id: &str, part: &str) -> String {
    if part.is_empty() {
        id.to_string()
    } else {
        format!("{id}.{part}")
    }
}

/// The parts of an entry's source as `StateFile` records it (value and
/// attributes after `id =`), for a stale unit's previous English.
fn recorded_parts(recorded: &str) -> BTreeMap<String, String> {
    let text = format!("x = {recorded}\n");
    let Ok(parsed) = crate::ftl::load::parse(&text) else {
        return BTreeMap::new();
    };
    parsed
        .resource
        .body
        .iter()
        .find_map(parts_of)
        .map(|(_, parts)| parts.into_iter().collect())
        .unwrap_or_default()
}

/// The units of one document: the English file's messages in order, with the
/// locale file's translations and where each stands ([`crate::standing`], the
/// one answer `status`, `check`, `serve` and the language server give).
/// `locale_id` decides the plural categories of a select expression's units
/// (see [`variants`]).
pub fn units_of(
    doc: &str,
    reference: &str,
    locale: &str,
    locale_id: &str,
    state: &StateFile,
) -> Vec<Unit> {
    let Ok(english) = crate::ftl::load::parse(reference) else {
        return Vec::new();
    };
    let standings =
        crate::standing::standings(&crate::standing::Reference::of(reference), locale, state);
    let mut units = Vec::new();
    let mut section: Option<String> = None;
    let mut seen = std::collections::BTreeSet::new();
    for entry in &english.resource.body {
        if let Entry::GroupComment(c) = entry {
            section = Some(c.content.join(" ")).filter(|s| !s.trim().is_empty());
            continue;
        }
        let Some((id, parts)) = parts_of(entry) else {
            continue;
        };
        let Some(standing) = standings.get(&id).filter(|_| seen.insert(id.clone())) else {
            continue;
        };
        let note = match entry {
            Entry::Message(m) => m.comment.as_ref(),
            Entry::Term(t) => t.comment.as_ref(),
            _ => None,
        }
        .map(|c| c.content.join("\n"));
        let offset = crate::ftl::load::entry_offset(reference, entry);
        let line = english.lines.position(offset).0;
        // An attribute's unit is at its own line: a (file, line) location
        // names one unit, for tools that keep only locations.
        let attribute_lines: BTreeMap<String, usize> = match entry {
            Entry::Message(m) => &m.attributes,
            Entry::Term(t) => &t.attributes,
            _ => continue,
        }
        .iter()
        .map(|a| {
            let at = crate::ftl::load::offset_in(reference, a.id.name);
            (a.id.name.to_string(), english.lines.position(at).0)
        })
        .collect();
        let their_parts: BTreeMap<String, String> = standing
            .translation
            .as_deref()
            .map(recorded_parts)
            .unwrap_or_default();
        let previous = standing.was.as_deref().map(recorded_parts);
        for (part, source) in parts {
            let target = their_parts.get(&part).cloned();
            let state = match (&target, standing.standing) {
                (None, _) => UnitState::New,
                (Some(_), crate::standing::Standing::Stale) => UnitState::NeedsReview,
                (Some(_), _) => UnitState::Translated,
            };
            let unit = Unit {
                doc: doc.to_string(),
                id: unit_id(&id, &part),
                previous: previous
                    .as_ref()
                    .filter(|_| target.is_some())
                    .and_then(|p| p.get(&part).cloned()),
                source,
                target,
                state,
                standing: standing.standing,
                reviewed: standing.reviewed,
                note: note.clone(),
                section: section.clone(),
                line: attribute_lines.get(&part).copied().unwrap_or(line),
            };
            units.extend(variant_units(unit, locale_id));
        }
    }
    units
}

/// A part's unit, or one unit per variant when its English is a select
/// expression (see [`variants`]).
fn variant_units(unit: Unit, locale_id: &str) -> Vec<Unit> {
    let Some((english, keys, default)) =
        variants::plan(&unit.source, unit.target.as_deref(), locale_id)
    else {
        return vec![unit];
    };
    let target = unit.target.as_deref().and_then(variants::split);
    let previous = unit.previous.as_deref().and_then(variants::split);
    let selector = english.selector.trim_end_matches("->").trim();
    keys.iter()
        .map(|key| {
            let shown = if english.variants.iter().any(|(k, _)| k == key) {
                String::new()
            } else {
                format!(" (the English shown is its [{}] variant)", english.default)
            };
            let mark = if *key == default {
                " (the default)"
            } else {
                ""
            };
            let line = format!("Variant [{key}]{mark} of the selection on {selector} }}{shown}.");
            Unit {
                id: format!("{}[{key}]", unit.id),
                source: english.text(key).to_string(),
                target: target.as_ref().map(|t| t.text(key).to_string()),
                previous: previous.as_ref().map(|p| p.text(key).to_string()),
                note: Some(match &unit.note {
                    Some(n) => format!("{n}\n{line}"),
                    None => line,
                }),
                ..unit.clone()
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pattern_sources_round_trip_through_entries() {
        let ftl = "a = Hello { $name }!\n    .title = T { -brand }\nb =\n    { $n ->\n        [one] one\n       *[other] { $n } many\n    }\nc =\n    line one\n    line two\n";
        let parsed = crate::ftl::load::parse(ftl).unwrap();
        let mut again = String::new();
        for e in &parsed.resource.body {
            let (id, parts) = parts_of(e).unwrap();
            let value = parts
                .iter()
                .find(|(p, _)| p.is_empty())
                .map(|(_, t)| t.as_str());
            let attrs: Vec<(String, String)> = parts
                .iter()
                .filter(|(p, _)| !p.is_empty())
                .cloned()
                .collect();
            again.push_str(&entry_source(&id, value, &attrs));
        }
        assert_eq!(again, ftl);
        let (_, parts) = parts_of(&parsed.resource.body[1]).unwrap();
        assert_eq!(
            parts[0].1,
            "{ $n ->\n    [one] one\n   *[other] { $n } many\n}"
        );
    }
}
