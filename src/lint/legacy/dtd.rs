//! `.dtd` files (`<!ENTITY key "value">`), read as compare-locales'
//! `DTDParser` reads them: XML comments glued to the entity below them,
//! entity names of XML's name characters, values in double or single quotes,
//! a byte order mark skipped, parameter entities (`<!ENTITY % name SYSTEM
//! "…"> %name;`) as entities. A DTD is not a document an XML crate reads
//! (quick-xml reads a DOCTYPE as one opaque event); the grammar here is
//! compare-locales' regular expressions.

use super::Parsed;

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

fn is_name_start(c: char) -> bool {
    matches!(c, ':' | 'A'..='Z' | '_' | 'a'..='z' | '\u{C0}'..='\u{D6}' | '\u{D8}'..='\u{F6}'
        | '\u{F8}'..='\u{2FF}' | '\u{370}'..='\u{37D}' | '\u{37F}'..='\u{1FFF}'
        | '\u{200C}'..='\u{200D}' | '\u{2070}'..='\u{218F}' | '\u{2C00}'..='\u{2FEF}'
        | '\u{3001}'..='\u{D7FF}' | '\u{F900}'..='\u{FDCF}' | '\u{FDF0}'..='\u{FFFD}')
}

fn is_name(c: char) -> bool {
    is_name_start(c)
        || matches!(c, '-' | '.' | '0'..='9' | '\u{B7}' | '\u{300}'..='\u{36F}' | '\u{203F}'..='\u{2040}')
}

/// An XML name at `at`: its end.
fn name_at(text: &str, at: usize) -> Option<usize> {
    let mut chars = text[at..].char_indices();
    let (_, first) = chars.next()?;
    if !is_name_start(first) {
        return None;
    }
    let len = chars
        .find(|(_, c)| !is_name(*c))
        .map_or(text.len() - at, |(i, _)| i);
    Some(at + len)
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
        let keys: Vec<&str> = parsed
            .entities
            .iter()
            .map(|e| &text[e.key.clone()])
            .collect();
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
