//! `.dtd` files (`<!ENTITY key "value">`), read as compare-locales'
//! `DTDParser` reads them: XML comments glued to the entity below them,
//! entity names of XML's name characters, values in double or single quotes,
//! a byte order mark skipped, parameter entities (`<!ENTITY % name SYSTEM
//! "…"> %name;`) as entities. A DTD is not a document an XML crate reads
//! (quick-xml reads a DOCTYPE as one opaque event); the grammar here is
//! compare-locales' regular expressions.

use super::xml::name_at;
use super::{Issue, Parsed};
use crate::finding::{Code, Severity};
use std::collections::BTreeSet;

/// Parses a `.dtd` text (line ends already `\n`).
pub fn parse(text: &str) -> Parsed {
    let first = if text.starts_with('\u{feff}') { 3 } else { 0 };
    super::scan(text, first, &Dtd)
}

/// compare-locales' `DTDParser`, as [`super::Grammar`].
struct Dtd;

impl super::Grammar for Dtd {
    fn comment_at(&self, text: &str, at: usize) -> Option<usize> {
        comment_at(text, at)
    }

    fn entity_at(&self, text: &str, at: usize) -> Option<Found> {
        entity_at(text, at)
    }

    fn junk_end(&self, text: &str, at: usize) -> usize {
        junk_end(text, at)
    }

    fn bare_entity_at(&self, text: &str, at: usize) -> Option<Found> {
        parameter_entity_at(text, at)
    }

    fn license_before(&self) -> usize {
        2
    }
}

/// `<!--(-?[^-])*?-->` at `at`: its end.
fn comment_at(text: &str, at: usize) -> Option<usize> {
    let rest = text.get(at..)?.strip_prefix("<!--")?;
    let dashes = rest.find("--")?;
    rest[dashes..]
        .starts_with("-->")
        .then_some(at + 4 + dashes + 3)
}

/// How many blanks (`[ \t\r\n]`) start at `at`.
fn blanks(bytes: &[u8], at: usize) -> usize {
    super::blank_at(bytes, at).map_or(0, |end| end - at)
}

type Found = (std::ops::Range<usize>, std::ops::Range<usize>, usize);

/// `<!ENTITY\s+(Name)\s+("[^"]*"|'[^']*'?)\s*>` at `at`: key, value (inside
/// the quotes) and end.
fn entity_at(text: &str, at: usize) -> Option<Found> {
    let bytes = text.as_bytes();
    let rest = text.get(at..)?.strip_prefix("<!ENTITY")?;
    let mut pos = at + 8;
    let n = blanks(bytes, pos);
    if n == 0 || rest.len() < n {
        return None;
    }
    pos += n;
    let key_end = name_at(text, pos)?;
    let key = pos..key_end;
    let n = blanks(bytes, key_end);
    if n == 0 {
        return None;
    }
    pos = key_end + n;
    let quote = *bytes.get(pos)?;
    if quote != b'"' && quote != b'\'' {
        return None;
    }
    let close = memchr::memchr(quote, &bytes[pos + 1..]).map(|i| pos + 1 + i);
    let (value, after) = match close {
        Some(close) => (pos + 1..close, close + 1),
        // `'[^']*'?`: an unclosed single quote runs to the end.
        None if quote == b'\'' => (pos + 1..bytes.len(), bytes.len()),
        None => return None,
    };
    let end = after + blanks(bytes, after);
    (bytes.get(end) == Some(&b'>')).then_some((key, value, end + 1))
}

/// `<!ENTITY % name SYSTEM "url"> %name;` (and the blanks, comments and line
/// end after it) at `at`.
fn parameter_entity_at(text: &str, at: usize) -> Option<Found> {
    let bytes = text.as_bytes();
    text.get(at..)?.strip_prefix("<!ENTITY")?;
    let mut pos = at + 8;
    let n = blanks(bytes, pos);
    (n > 0 && bytes.get(pos + n) == Some(&b'%')).then_some(())?;
    pos += n + 1;
    let n = blanks(bytes, pos);
    (n > 0).then_some(())?;
    pos += n;
    let key_end = name_at(text, pos)?;
    let key = pos..key_end;
    pos = key_end + blanks(bytes, key_end);
    text[pos..].strip_prefix("SYSTEM")?;
    let n = blanks(bytes, pos + 6);
    (n > 0).then_some(())?;
    pos += 6 + n;
    let quote = *bytes.get(pos)?;
    (quote == b'"' || quote == b'\'').then_some(())?;
    let close = pos + 1 + memchr::memchr(quote, &bytes[pos + 1..])?;
    let value = pos + 1..close;
    pos = close + 1;
    pos += blanks(bytes, pos);
    (bytes.get(pos) == Some(&b'>')).then_some(())?;
    pos += 1;
    pos += blanks(bytes, pos);
    (bytes.get(pos) == Some(&b'%')).then_some(())?;
    pos = name_at(text, pos + 1)?;
    (bytes.get(pos) == Some(&b';')).then_some(())?;
    pos += 1;
    // `(?:[ \t]*(?:<!--…-->\s*)*\n?)?`
    let mut end = pos;
    let mut p = pos
        + bytes[pos..]
            .iter()
            .take_while(|b| matches!(b, b' ' | b'\t'))
            .count();
    while let Some(c) = comment_at(text, p) {
        p = c + blanks(bytes, c);
    }
    if bytes.get(p) == Some(&b'\n') {
        p += 1;
    }
    if p > pos {
        end = p;
    }
    Some((key, value, end))
}

/// Junk ends where an entity or a comment starts.
fn junk_end(text: &str, at: usize) -> usize {
    let from = (at + 1).min(text.len());
    let rest = &text[from..];
    let entity = rest
        .match_indices("<!ENTITY")
        .map(|(i, _)| from + i)
        .find(|&i| entity_at(text, i).is_some());
    let comment = rest
        .match_indices("<!--")
        .map(|(i, _)| from + i)
        .find(|&i| comment_at(text, i).is_some());
    entity
        .into_iter()
        .chain(comment)
        .min()
        .unwrap_or(text.len())
}

/// The general entities a value references (`&name;`), but XML's own
/// (`&amp;` …): compare-locales' `entities_for_value`.
pub fn references(value: &str) -> BTreeSet<&str> {
    let mut found = BTreeSet::new();
    for (at, _) in value.match_indices('&') {
        let Some(end) = name_at(value, at + 1) else {
            continue;
        };
        let name = &value[at + 1..end];
        if value[end..].starts_with(';') && !matches!(name, "amp" | "lt" | "gt" | "apos" | "quot") {
            found.insert(name);
        }
    }
    found
}

/// compare-locales' `DTDChecker` on one entity: the English value parsed
/// (a warning if it is not XML), the translation's (its first error, as
/// expat reports it), then each entity it references that no English value
/// of the file references (`known`), and each it references that this
/// entity's English does not, though the English references others.
/// Offsets are into the translation's value.
pub fn check(known: &BTreeSet<String>, english: &str, ours: &str) -> Vec<Issue> {
    let mut issues = Vec::new();
    let issue = |severity, offset, message: String, code| Issue {
        severity,
        offset,
        message,
        code,
    };
    if super::xml::check(english).is_some() {
        let message = "can't parse en-US value".to_string();
        issues.push(issue(Severity::Warning, 0, message, Code::XmlParse));
    }
    if let Some(e) = super::xml::check(ours) {
        let message = e.message.to_string();
        issues.push(issue(Severity::Error, e.offset, message, Code::XmlParse));
    }
    let used = references(ours);
    let in_context = references(english);
    let first_use = |name: &str| ours.find(&format!("&{name};")).unwrap_or(0);
    let mut unknown = Vec::new();
    for name in used.iter().filter(|n| !known.contains(**n)) {
        unknown.push(*name);
        let message = format!(
            "Referencing unknown entity `{name}`{}",
            known_note(known, &in_context)
        );
        issues.push(issue(
            Severity::Warning,
            first_use(name),
            message,
            Code::UnknownEntity,
        ));
    }
    if !in_context.is_empty() {
        let context = in_context.iter().copied().collect::<Vec<_>>().join(", ");
        let others = used
            .iter()
            .filter(|n| !in_context.contains(*n) && !unknown.contains(n));
        for name in others {
            let message = format!("Entity {name} referenced, but {context} used in context");
            issues.push(issue(
                Severity::Warning,
                first_use(name),
                message,
                Code::UnknownEntity,
            ));
        }
    }
    super::css::check(english, ours, &mut issues);
    issues
}

/// What compare-locales adds to an unknown entity's message: the entities
/// this English uses and the others the file's English knows.
fn known_note(known: &BTreeSet<String>, in_context: &BTreeSet<&str>) -> String {
    if known.is_empty() {
        return String::new();
    }
    let elsewhere: Vec<&str> = known
        .iter()
        .map(String::as_str)
        .filter(|k| !in_context.contains(k))
        .collect();
    if in_context.is_empty() {
        return format!(" ({} known)", elsewhere.join(", "));
    }
    let context = in_context.iter().copied().collect::<Vec<_>>().join(", ");
    match elsewhere.is_empty() {
        true => format!(" ({context} used in context)"),
        false => format!(
            " ({context} used in context, {} known)",
            elsewhere.join(", ")
        ),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn entities_as_compare_locales_reads_them() {
        let text = "\u{feff}<!-- This Source Code Form is subject to the terms of the Mozilla Public\n   - License, v. 2.0. -->\n\n\
<!-- LOCALIZATION NOTE (aboutTitle): shown in the title -->\n\
<!ENTITY aboutTitle \"About &brandShortName;\">\n\
<!ENTITY  version.label\n  'Version'  >\n\
<!ENTITY broken \"no end\n\
<!ENTITY % brandDTD SYSTEM \"chrome://branding/locale/brand.dtd\">\n%brandDTD;\n\
<!ENTITY last \"\">\n";
        let parsed = super::parse(text);
        let keys = parsed.keys(text);
        assert_eq!(keys, ["aboutTitle", "version.label", "last"]);
        // The parameter entity after an unclosed value is junk, as in compare-locales.
        assert!(text[parsed.junk[0].clone()].ends_with("%brandDTD;\n"));
        assert_eq!(
            &text[parsed.entities[0].value.clone()],
            "About &brandShortName;"
        );
        assert!(parsed.entities[0].comment.is_some());
    }
}
