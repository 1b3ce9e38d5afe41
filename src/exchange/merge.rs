//! The way back: imported units merged into a locale file's text, each
//! changed message written by [`crate::sync::edit::set_messages`] (templates
//! filled in place, every other line kept). A unit that would break the file
//! is refused with its reason, and the caller writes nothing.

use super::{entry_source, parts_of, unit_id, Incoming};
use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};
use std::collections::{BTreeMap, BTreeSet};

/// A unit `import` will not write, and why.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Refusal {
    /// 1-based line of the unit in the imported file.
    pub line: usize,
    pub unit: String,
    pub reason: String,
}

/// A locale file's text after the merge and the messages that changed.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Merged {
    pub text: String,
    pub changed: Vec<String>,
    /// Messages every unit of which the translator approved in their tool
    /// (see [`Incoming::approved`]): `import` records them as reviewed.
    pub approved: Vec<String>,
}

type Parts = Vec<(String, String)>;

fn entries_by_id(text: &str) -> Vec<(String, Parts, Entry<&str>)> {
    let Ok(parsed) = crate::ftl::load::parse(text) else {
        return Vec::new();
    };
    parsed
        .resource
        .body
        .into_iter()
        .filter_map(|e| parts_of(&e).map(|(id, parts)| (id, parts, e)))
        .collect()
}

/// Merges `incoming` (the units of one document) into `locale`, the locale's
/// file (locale `locale_id`) for the English `reference`. Refusals name every
/// unit that cannot be written; when there are any, the text must not be written.
pub fn merge(
    reference: &str,
    locale: &str,
    locale_id: &str,
    incoming: &[&Incoming],
) -> (Merged, Vec<Refusal>) {
    let english = entries_by_id(reference);
    let mut current: BTreeMap<String, Parts> = BTreeMap::new();
    for (id, parts, _) in entries_by_id(locale) {
        current.entry(id).or_insert(parts);
    }
    // unit id (without a variant) → (message index, part)
    let mut where_is: BTreeMap<String, (usize, String)> = BTreeMap::new();
    for (n, (id, parts, _)) in english.iter().enumerate() {
        for (part, _) in parts {
            where_is
                .entry(unit_id(id, part))
                .or_insert((n, part.clone()));
        }
    }
    let exported = super::units_of("", reference, locale, locale_id, &Default::default());
    let mut refusals = Vec::new();
    let (wholes, groups) = resolve(&exported, &where_is, incoming, &mut refusals);
    let approved = approved_messages(&english, &where_is, &wholes, &groups);
    let mut owned = Vec::new();
    for (base, units) in &groups {
        let Some((n, part)) = where_is.get(base) else {
            continue;
        };
        let english_part = english[*n].1.iter().find(|(p, _)| p == part);
        let now = current
            .get(&english[*n].0)
            .and_then(|c| c.iter().find(|(p, _)| p == part))
            .map(|(_, t)| t.as_str());
        match reassemble(
            base,
            english_part.map_or("", |(_, t)| t),
            now,
            locale_id,
            units,
        ) {
            Ok(Some(unit)) => owned.push((*n, part.clone(), unit)),
            Ok(None) => {}
            Err(r) => refusals.push(r),
        }
    }
    let mut by_message: BTreeMap<usize, BTreeMap<String, &Incoming>> = BTreeMap::new();
    for (n, part, unit) in wholes {
        by_message.entry(n).or_default().insert(part, unit);
    }
    for (n, part, unit) in &owned {
        by_message.entry(*n).or_default().insert(part.clone(), unit);
    }
    let mut merged = Merged {
        text: locale.to_string(),
        changed: Vec::new(),
        approved,
    };
    let mut entries = Vec::new();
    for (n, units) in by_message {
        let (id, parts, entry) = &english[n];
        match message_entry(id, parts, entry, current.get(id), &units) {
            Ok(None) => {}
            Ok(Some(text)) => {
                merged.changed.push(id.clone());
                entries.push((id.clone(), text));
            }
            Err(r) => refusals.push(r),
        }
    }
    if !entries.is_empty() {
        merged.text = crate::sync::edit::set_messages(reference, locale, &entries);
    }
    (merged, refusals)
}

/// The ids of the messages whose every incoming unit (whole parts and
/// variants, however the file named them) is approved, and none is not.
fn approved_messages(
    english: &[(String, Parts, Entry<&str>)],
    where_is: &BTreeMap<String, (usize, String)>,
    wholes: &Wholes,
    groups: &Groups,
) -> Vec<String> {
    let mut by_message: BTreeMap<usize, bool> = BTreeMap::new();
    let units = wholes.iter().map(|(n, _, u)| (*n, *u)).chain(
        groups
            .iter()
            .filter_map(|(base, units)| Some((where_is.get(base)?.0, units)))
            .flat_map(|(n, units)| units.iter().map(move |(_, u)| (n, *u))),
    );
    for (n, unit) in units {
        let ok = unit.approved == Some(true);
        by_message.entry(n).and_modify(|a| *a &= ok).or_insert(ok);
    }
    by_message
        .into_iter()
        .filter(|(_, ok)| *ok)
        .map(|(n, _)| english[n].0.clone())
        .collect()
}

type Wholes<'u> = Vec<(usize, String, &'u Incoming)>;
type Groups<'u> = BTreeMap<String, Vec<(String, &'u Incoming)>>;

/// Each incoming unit found among the units an export has (by id, or by its
/// location and order when a converter dropped the ids) and checked against
/// the English: whole parts, and select variants grouped by part.
fn resolve<'u>(
    exported: &[super::Unit],
    where_is: &BTreeMap<String, (usize, String)>,
    incoming: &[&'u Incoming],
    refusals: &mut Vec<Refusal>,
) -> (Wholes<'u>, Groups<'u>) {
    let source_of: BTreeMap<&str, &str> = exported
        .iter()
        .map(|u| (u.id.as_str(), u.source.as_str()))
        .collect();
    let mut by_line: BTreeMap<usize, std::collections::VecDeque<&str>> = BTreeMap::new();
    for u in exported {
        by_line.entry(u.line).or_default().push_back(&u.id);
    }
    let mut wholes = Vec::new();
    let mut groups: Groups = BTreeMap::new();
    for unit in incoming {
        let refuse = |reason: &str| Refusal {
            line: unit.line,
            unit: unit.id.clone(),
            reason: reason.to_string(),
        };
        // A converter that dropped the id (or numbered the units) kept the
        // location; an id that reads as a message id must be one.
        let looks_like_id = unit
            .id
            .starts_with(|c: char| c.is_ascii_alphabetic() || c == '-');
        let id = if source_of.contains_key(unit.id.as_str()) {
            Some(unit.id.as_str())
        } else {
            let queue = unit
                .location
                .filter(|_| !looks_like_id)
                .and_then(|l| by_line.get_mut(&l));
            match (queue, &unit.location_variant) {
                (Some(q), Some(key)) => {
                    let suffix = format!("[{key}]");
                    q.iter()
                        .position(|id| id.ends_with(&suffix))
                        .and_then(|i| q.remove(i))
                }
                (Some(q), None) => q.pop_front(),
                (None, _) => None,
            }
        };
        let Some(id) = id else {
            refusals.push(refuse(
                "unknown id: the English has no such message or attribute",
            ));
            continue;
        };
        if let (Some(source), Some(now)) = (&unit.source, source_of.get(id)) {
            // Compared as export wrote it (control characters as literals).
            let escaped = |t: &str| crate::ftl::escape_controls(t.trim_end()).into_owned();
            if escaped(source) != escaped(now) {
                refusals.push(refuse("the English changed since this file was exported: export again and carry the translation over"));
                continue;
            }
        }
        match super::variants::unit_variant(id) {
            Some((base, key)) => groups
                .entry(base.to_string())
                .or_default()
                .push((key.to_string(), *unit)),
            None => {
                if let Some((n, part)) = where_is.get(id) {
                    wholes.push((*n, part.clone(), *unit));
                }
            }
        }
    }
    (wholes, groups)
}

/// A part's select expression put together from its variant units (the
/// current translation's variants where a unit has no target); `None` when
/// no unit has one.
fn reassemble(
    base: &str,
    english: &str,
    now: Option<&str>,
    locale_id: &str,
    units: &[(String, &Incoming)],
) -> Result<Option<Incoming>, Refusal> {
    let given = |key: &str| {
        units
            .iter()
            .find(|(k, _)| k == key)
            .and_then(|(_, u)| u.target.as_deref())
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty())
    };
    let first = units.iter().map(|(_, u)| u.line).min().unwrap_or(0);
    if units.iter().all(|(k, _)| given(k).is_none()) {
        return Ok(None);
    }
    let Some((en, keys, default)) = super::variants::plan(english, now, locale_id) else {
        return Ok(None);
    };
    let current = now.and_then(super::variants::split);
    let mut variants = Vec::new();
    for key in &keys {
        let text = given(key).or_else(|| {
            current
                .as_ref()
                .and_then(|c| c.variants.iter().find(|(k, _)| k == key))
                .map(|(_, t)| t.clone())
        });
        let Some(text) = text else {
            return Err(Refusal {
                line: first,
                unit: format!("{base}[{key}]"),
                reason: "no translation: every variant of a selection is written at once".into(),
            });
        };
        variants.push((key.clone(), text));
    }
    let selector = current.as_ref().map_or(&en.selector, |c| &c.selector);
    Ok(Some(Incoming {
        id: base.to_string(),
        target: Some(super::variants::join(selector, &variants, &default)),
        line: first,
        ..Incoming::default()
    }))
}

/// The new entry of one message, `None` when nothing changes.
fn message_entry(
    id: &str,
    english: &Parts,
    entry: &Entry<&str>,
    current: Option<&Parts>,
    units: &BTreeMap<String, &Incoming>,
) -> Result<Option<String>, Refusal> {
    let now = |part: &str| {
        current.and_then(|c| c.iter().find(|(p, _)| p == part).map(|(_, t)| t.clone()))
    };
    let first = units.values().map(|u| u.line).min().unwrap_or(0);
    let mut new: Parts = Vec::new();
    let mut changed = false;
    for (part, _) in english {
        // Trailing spaces go (Fluent drops them), but not a control
        // character (a vertical tab the translation ends with stays).
        let given = units
            .get(part)
            .and_then(|u| u.target.as_deref())
            .map(|t| {
                t.trim_end_matches(|c: char| {
                    c.is_whitespace() && (c == '\r' || !crate::ftl::needs_escape(c))
                })
                .to_string()
            })
            .filter(|t| !t.trim().is_empty());
        let was = now(part);
        let text = match (given, was) {
            // The same text once escaped as ftlkit writes it: unchanged (an
            // export's `{ "\u000B" }` is the file's raw vertical tab).
            (Some(g), Some(w))
                if crate::ftl::escape_controls(&g) == crate::ftl::escape_controls(&w) =>
            {
                w
            }
            // Control characters and line separators are written as string
            // literals, never raw (see `ftl::needs_escape`).
            (Some(g), _) => {
                changed = true;
                crate::ftl::escape_controls(&g).into_owned()
            }
            (None, Some(w)) => w,
            (None, None) => {
                if units
                    .values()
                    .any(|u| u.target.as_deref().is_some_and(|t| !t.trim().is_empty()))
                {
                    return Err(Refusal {
                        line: first,
                        unit: unit_id(id, part),
                        reason: "no translation: a message is written with its value and every attribute at once".into(),
                    });
                }
                return Ok(None);
            }
        };
        new.push((part.clone(), text));
    }
    if !changed {
        return Ok(None);
    }
    let value = new
        .iter()
        .find(|(p, _)| p.is_empty())
        .map(|(_, t)| t.as_str());
    let attributes: Parts = new.iter().filter(|(p, _)| !p.is_empty()).cloned().collect();
    let text = entry_source(id, value, &attributes);
    let line_of = |part: &str| units.get(part).map_or(first, |u| u.line);
    check_entry(id, &text, &new, entry).map_err(|(part, reason)| Refusal {
        line: line_of(&part),
        unit: unit_id(id, &part),
        reason,
    })?;
    Ok(Some(text))
}

/// Whether the entry parses back to exactly its parts, with the English's
/// placeables: `Err((part, reason))` otherwise.
fn check_entry(
    id: &str,
    text: &str,
    parts: &Parts,
    english: &Entry<&str>,
) -> Result<(), (String, String)> {
    let whole = || parts.first().map(|(p, _)| p.clone()).unwrap_or_default();
    let parsed =
        crate::ftl::load::parse(text).map_err(|_| (whole(), crate::ftl::too_deep_message()))?;
    if let Some(e) = parsed.errors.first() {
        let (line, column) = parsed.lines.position(e.pos.start);
        return Err((
            whole(),
            format!("not valid Fluent ({}, at line {line} column {column} of the message); a literal brace is written {{ \"{{\" }}", e.kind),
        ));
    }
    let entries: Vec<_> = parsed.resource.body.iter().filter_map(parts_of).collect();
    match entries.as_slice() {
        [(got_id, got)] if got_id == id && got == parts => {}
        _ => {
            return Err((
                whole(),
                "the text does not read back the same as Fluent (a line starting with `[`, `*` or `.`, or leading spaces?)".into(),
            ))
        }
    }
    let theirs = placeables_by_part(&parsed.resource.body[0]);
    let ours = placeables_by_part(english);
    for (part, want) in &ours {
        let got = theirs.get(part).cloned().unwrap_or_default();
        let lost: Vec<&String> = want.difference(&got).collect();
        let invented: Vec<&String> = got.difference(want).collect();
        if !lost.is_empty() || !invented.is_empty() {
            let mut reason = String::new();
            if !lost.is_empty() {
                reason.push_str(&format!("placeable lost: {}", join(&lost)));
            }
            if !invented.is_empty() {
                if !reason.is_empty() {
                    reason.push_str("; ");
                }
                reason.push_str(&format!(
                    "placeable the English does not have: {}",
                    join(&invented)
                ));
            }
            return Err((part.clone(), reason));
        }
    }
    Ok(())
}

fn join(items: &[&String]) -> String {
    items
        .iter()
        .map(|s| s.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The placeables (variables, terms, messages, functions) each part uses.
fn placeables_by_part(entry: &Entry<&str>) -> BTreeMap<String, BTreeSet<String>> {
    let mut out = BTreeMap::new();
    let (value, attributes) = match entry {
        Entry::Message(m) => (m.value.as_ref(), &m.attributes),
        Entry::Term(t) => (Some(&t.value), &t.attributes),
        _ => return out,
    };
    if let Some(v) = value {
        let mut set = BTreeSet::new();
        pattern_refs(v, &mut set);
        out.insert(String::new(), set);
    }
    for a in attributes {
        let mut set = BTreeSet::new();
        pattern_refs(&a.value, &mut set);
        out.insert(a.id.name.to_string(), set);
    }
    out
}

fn pattern_refs(pattern: &Pattern<&str>, out: &mut BTreeSet<String>) {
    for element in &pattern.elements {
        if let PatternElement::Placeable { expression } = element {
            match expression {
                Expression::Inline(e) => inline_refs(e, out),
                Expression::Select { selector, variants } => {
                    inline_refs(selector, out);
                    for v in variants {
                        pattern_refs(&v.value, out);
                    }
                }
            }
        }
    }
}

fn inline_refs(e: &InlineExpression<&str>, out: &mut BTreeSet<String>) {
    match e {
        InlineExpression::VariableReference { id } => {
            out.insert(format!("{{ ${} }}", id.name));
        }
        InlineExpression::TermReference { id, attribute, .. } => {
            let attr = attribute
                .as_ref()
                .map(|a| format!(".{}", a.name))
                .unwrap_or_default();
            out.insert(format!("{{ -{}{attr} }}", id.name));
        }
        InlineExpression::MessageReference { id, attribute } => {
            let attr = attribute
                .as_ref()
                .map(|a| format!(".{}", a.name))
                .unwrap_or_default();
            out.insert(format!("{{ {}{attr} }}", id.name));
        }
        InlineExpression::FunctionReference { id, arguments } => {
            out.insert(format!("{}()", id.name));
            for a in &arguments.positional {
                inline_refs(a, out);
            }
        }
        InlineExpression::Placeable { expression } => {
            if let Expression::Inline(e) = expression.as_ref() {
                inline_refs(e, out);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(id: &str, source: &str, target: &str) -> Incoming {
        Incoming {
            doc: None,
            id: id.into(),
            source: Some(source.into()),
            target: Some(target.into()),
            line: 7,
            location: None,
            location_variant: None,
            approved: None,
        }
    }

    const REF: &str = "a = Written by { $author }\nb = Hello\n    .title = Tip\n";

    #[test]
    fn writes_changed_messages_and_refuses_broken_ones() {
        let locale =
            "# (untranslated) a = Written by { $author }\n\nb = مرحبا\n    .title = نصيحة\n";
        let a = unit("a", "Written by { $author }", "كتبه { $author }");
        let (m, r) = merge(REF, locale, "ar", &[&a]);
        assert!(r.is_empty(), "{r:?}");
        assert_eq!(
            m.text,
            "a = كتبه { $author }\n\nb = مرحبا\n    .title = نصيحة\n"
        );
        assert_eq!(m.changed, ["a"]);
        // Unchanged: nothing to do.
        let same = unit("b.title", "Tip", "نصيحة");
        let (m, r) = merge(REF, locale, "ar", &[&same]);
        assert!(r.is_empty() && m.changed.is_empty() && m.text == locale);
        for (target, why) in [
            ("كتبه", "placeable lost: { $author }"),
            (
                "كتبه { $writer }",
                "placeable the English does not have: { $writer }",
            ),
            ("كتبه { $author", "not valid Fluent"),
        ] {
            let bad = unit("a", "Written by { $author }", target);
            let (_, r) = merge(REF, locale, "ar", &[&bad]);
            assert_eq!(r.len(), 1, "{target}");
            assert!(r[0].reason.contains(why), "{target}: {}", r[0].reason);
            assert_eq!((r[0].line, r[0].unit.as_str()), (7, "a"));
        }
        let unknown = unit("zzz", "x", "y");
        assert!(merge(REF, locale, "ar", &[&unknown]).1[0]
            .reason
            .starts_with("unknown id"));
    }
}
