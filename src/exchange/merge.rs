//! The way back: imported units merged into a locale file's text, each
//! changed message written by [`crate::sync::edit::set_message`] (templates
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
/// file for the English `reference`. Refusals name every unit that cannot be
/// written; when there are any, the text must not be written.
pub fn merge(reference: &str, locale: &str, incoming: &[&Incoming]) -> (Merged, Vec<Refusal>) {
    let english = entries_by_id(reference);
    let mut current: BTreeMap<String, Parts> = BTreeMap::new();
    for (id, parts, _) in entries_by_id(locale) {
        current.entry(id).or_insert(parts);
    }
    // unit id → (message index, part)
    let mut where_is: BTreeMap<String, (usize, String)> = BTreeMap::new();
    for (n, (id, parts, _)) in english.iter().enumerate() {
        for (part, _) in parts {
            where_is
                .entry(unit_id(id, part))
                .or_insert((n, part.clone()));
        }
    }
    let by_line: BTreeMap<usize, String> = super::units_of("", reference, "", &Default::default())
        .into_iter()
        .map(|u| (u.line, u.id))
        .collect();
    let mut refusals = Vec::new();
    let mut by_message: BTreeMap<usize, BTreeMap<String, &Incoming>> = BTreeMap::new();
    for unit in incoming {
        let refuse = |reason: String| Refusal {
            line: unit.line,
            unit: unit.id.clone(),
            reason,
        };
        // A converter that dropped the id (or numbered the units) kept the
        // location; an id that reads as a message id must be one.
        let looks_like_id = unit
            .id
            .starts_with(|c: char| c.is_ascii_alphabetic() || c == '-');
        let found = where_is.get(&unit.id).or_else(|| {
            let id = by_line.get(&unit.location.filter(|_| !looks_like_id)?)?;
            where_is.get(id)
        });
        let Some((n, part)) = found else {
            refusals.push(refuse(
                "unknown id: the English has no such message or attribute".into(),
            ));
            continue;
        };
        let english_part = &english[*n]
            .1
            .iter()
            .find(|(p, _)| p == part)
            .map(|(_, t)| t);
        if let (Some(source), Some(now)) = (&unit.source, english_part) {
            if source.trim_end() != now.as_str() {
                refusals.push(refuse(
                    "the English changed since this file was exported: export again and carry the translation over".into(),
                ));
                continue;
            }
        }
        by_message.entry(*n).or_default().insert(part.clone(), unit);
    }
    let mut merged = Merged {
        text: locale.to_string(),
        changed: Vec::new(),
    };
    for (n, units) in by_message {
        let (id, parts, entry) = &english[n];
        match message_entry(id, parts, entry, current.get(id), &units) {
            Ok(None) => {}
            Ok(Some(text)) => {
                merged.text = crate::sync::edit::set_message(reference, &merged.text, id, &text);
                merged.changed.push(id.clone());
            }
            Err(r) => refusals.push(r),
        }
    }
    (merged, refusals)
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
        let given = units
            .get(part)
            .and_then(|u| u.target.as_deref())
            .map(|t| t.trim_end().to_string())
            .filter(|t| !t.trim().is_empty());
        let was = now(part);
        let text = match (given, was) {
            (Some(g), was) => {
                changed |= was.as_deref() != Some(g.as_str());
                g
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
        }
    }

    const REF: &str = "a = Written by { $author }\nb = Hello\n    .title = Tip\n";

    #[test]
    fn writes_changed_messages_and_refuses_broken_ones() {
        let locale =
            "# (untranslated) a = Written by { $author }\n\nb = مرحبا\n    .title = نصيحة\n";
        let a = unit("a", "Written by { $author }", "كتبه { $author }");
        let (m, r) = merge(REF, locale, &[&a]);
        assert!(r.is_empty(), "{r:?}");
        assert_eq!(
            m.text,
            "a = كتبه { $author }\n\nb = مرحبا\n    .title = نصيحة\n"
        );
        assert_eq!(m.changed, ["a"]);
        // Unchanged: nothing to do.
        let same = unit("b.title", "Tip", "نصيحة");
        let (m, r) = merge(REF, locale, &[&same]);
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
            let (_, r) = merge(REF, locale, &[&bad]);
            assert_eq!(r.len(), 1, "{target}");
            assert!(r[0].reason.contains(why), "{target}: {}", r[0].reason);
            assert_eq!((r[0].line, r[0].unit.as_str()), (7, "a"));
        }
        let unknown = unit("zzz", "x", "y");
        assert!(merge(REF, locale, &[&unknown]).1[0]
            .reason
            .starts_with("unknown id"));
    }
}
