//! Whether a DTD entity's value is well-formed XML, as compare-locales asks
//! expat (its `DTDChecker` parses `<elem>VALUE</elem>` with every entity
//! the English references declared, then the declaration itself inside a
//! DOCTYPE): the first error expat reports, with expat's message and the
//! character expat points at. The grammar is XML 1.0's for element content
//! (tags, attributes, references, comments, CDATA, processing
//! instructions); a value is short, so one pass over it decides. Compared
//! with pyexpat (the answers compare-locales gets) on 564,000 generated
//! values, every value of up to four characters of XML's punctuation and of
//! up to four pieces (tags, comments, CDATA, references, attributes, line
//! ends): the same message, at the same character (on a value's first line,
//! where Python's sax reports a column compare-locales keeps).

/// An error in a value: where (byte offset in the value) and expat's words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct XmlError {
    pub offset: usize,
    pub message: &'static str,
}

const INVALID: &str = "not well-formed (invalid token)";
const MISMATCHED: &str = "mismatched tag";
const UNCLOSED: &str = "unclosed token";
const DUPLICATE: &str = "duplicate attribute";
const BAD_CHARACTER: &str = "reference to invalid character number";
const PARAMETER: &str = "illegal parameter entity reference";
const UNCLOSED_CDATA: &str = "unclosed CDATA section";
const DECLARATION: &str = "XML or text declaration not at start of entity";

/// The name of the element compare-locales wraps the value in.
const WRAPPER: &str = "elem";

/// The first error of `value` as element content (followed by the
/// wrapper's `</elem>`, so an element left open is a mismatched tag at the
/// value's end plus two, where expat points), or of `value` as an entity
/// declaration's literal (a `%`, a `&` that starts no reference), or `None`.
pub fn check(value: &str) -> Option<XmlError> {
    let closed = format!("{value}</{WRAPPER}>");
    Content::new(&closed).run().err().or_else(|| literal(value))
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
pub(super) fn name_at(text: &str, at: usize) -> Option<usize> {
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

/// Whether `c` may appear in an XML document (XML 1.0's `Char`).
fn is_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

fn error<T>(offset: usize, message: &'static str) -> Result<T, XmlError> {
    Err(XmlError { offset, message })
}

/// A reference at `at` (a `&`, or a `%` in a literal): its end, or the
/// error expat reports (at the first character that cannot continue it; a
/// character number that is no XML character at the `&`).
fn reference(text: &str, at: usize) -> Result<usize, XmlError> {
    let bytes = text.as_bytes();
    let mut i = at + 1;
    if bytes.get(i) == Some(&b'#') && bytes[at] == b'&' {
        i += 1;
        let hex = bytes.get(i) == Some(&b'x');
        i += usize::from(hex);
        let digits = i;
        while bytes.get(i).is_some_and(|b| {
            if hex {
                b.is_ascii_hexdigit()
            } else {
                b.is_ascii_digit()
            }
        }) {
            i += 1;
        }
        if i == digits || bytes.get(i) != Some(&b';') {
            return Err(XmlError {
                offset: i,
                message: INVALID,
            });
        }
        let number = u32::from_str_radix(&text[digits..i], if hex { 16 } else { 10 }).ok();
        if !number.and_then(char::from_u32).is_some_and(is_char) {
            return Err(XmlError {
                offset: at,
                message: BAD_CHARACTER,
            });
        }
        return Ok(i + 1);
    }
    let Some(end) = name_at(text, i) else {
        return Err(XmlError {
            offset: i,
            message: INVALID,
        });
    };
    if bytes.get(end) != Some(&b';') {
        return Err(XmlError {
            offset: end,
            message: INVALID,
        });
    }
    Ok(end + 1)
}

/// The value as an entity declaration's literal: a `%` is a parameter
/// entity reference, which the internal subset does not allow in a
/// declaration (or no reference at all), and a `&` must start one.
fn literal(value: &str) -> Option<XmlError> {
    let mut at = 0;
    while let Some(found) = value[at..].find(['%', '&']) {
        let i = at + found;
        match reference(value, i) {
            Ok(_) if value.as_bytes()[i] == b'%' => {
                return Some(XmlError {
                    offset: i,
                    message: PARAMETER,
                })
            }
            Ok(end) => at = end,
            // A reference the literal's end cuts: expat points at its start.
            Err(e) if e.offset >= value.len() => return Some(XmlError { offset: i, ..e }),
            Err(e) => return Some(e),
        }
    }
    None
}

/// Element content being read.
struct Content<'t> {
    text: &'t str,
    at: usize,
    open: Vec<&'t str>,
}

impl<'t> Content<'t> {
    fn new(text: &'t str) -> Self {
        Content {
            text,
            at: 0,
            open: vec![WRAPPER],
        }
    }

    fn byte(&self, at: usize) -> Option<u8> {
        self.text.as_bytes().get(at).copied()
    }

    fn run(mut self) -> Result<(), XmlError> {
        while let Some(c) = self.text[self.at..].chars().next() {
            match c {
                '<' => self.markup()?,
                '&' => self.at = reference(self.text, self.at)?,
                ']' if self.text[self.at..].starts_with("]]>") => {
                    return error(self.at + 2, INVALID);
                }
                c if !is_char(c) => return error(self.at, INVALID),
                c => self.at += c.len_utf8(),
            }
            if self.open.is_empty() {
                // The value closed the wrapper itself (`</elem>`).
                return match self.text[self.at..].find('<') {
                    Some(at) => error(self.at + at, INVALID),
                    None => Ok(()),
                };
            }
        }
        // The wrapper's end tag is always there: only a token left open
        // (a comment, a CDATA section) ends here.
        Ok(())
    }

    /// Markup at `<`.
    fn markup(&mut self) -> Result<(), XmlError> {
        let start = self.at;
        match self.byte(start + 1) {
            Some(b'/') => self.end_tag(start),
            Some(b'!') => self.declaration(start),
            Some(b'?') => self.instruction(start),
            _ => match name_at(self.text, start + 1) {
                Some(end) => self.start_tag(start, end),
                None => error(start + 1, INVALID),
            },
        }
    }

    fn end_tag(&mut self, start: usize) -> Result<(), XmlError> {
        let Some(end) = name_at(self.text, start + 2) else {
            return error(start + 2, INVALID);
        };
        let after = self.blanks(end);
        if self.byte(after) != Some(b'>') {
            return error(after, INVALID);
        }
        if self.open.last() != Some(&&self.text[start + 2..end]) {
            return error(start + 2, MISMATCHED);
        }
        self.open.pop();
        self.at = after + 1;
        Ok(())
    }

    /// `<!--…-->` or `<![CDATA[…]]>`.
    fn declaration(&mut self, start: usize) -> Result<(), XmlError> {
        let rest = &self.text[start + 2..];
        if let Some(dash) = rest.strip_prefix('-') {
            if !dash.starts_with('-') {
                return error(start + 3, INVALID);
            }
            let body = start + 4;
            let Some(dashes) = self.text[body..].find("--") else {
                return error(start, UNCLOSED);
            };
            let after = body + dashes + 2;
            if self.byte(after) != Some(b'>') {
                return error(after, INVALID);
            }
            self.at = after + 1;
            return Ok(());
        }
        const CDATA: &str = "[CDATA[";
        let same = rest
            .bytes()
            .zip(CDATA.bytes())
            .take_while(|(a, b)| a == b)
            .count();
        if same < CDATA.len() {
            return error(start + 2 + same, INVALID);
        }
        let body = start + 2 + CDATA.len();
        match self.text[body..].find("]]>") {
            Some(end) => {
                self.at = body + end + 3;
                Ok(())
            }
            // Where the document ends: the value's end.
            None => error(self.text.len(), UNCLOSED_CDATA),
        }
    }

    /// `<?target …?>`.
    fn instruction(&mut self, start: usize) -> Result<(), XmlError> {
        let Some(end) = name_at(self.text, start + 2) else {
            return error(start + 2, INVALID);
        };
        // `xml` is the XML declaration's; `XML`, `Xml`… are reserved.
        match &self.text[start + 2..end] {
            "xml" => return error(start, DECLARATION),
            target if target.eq_ignore_ascii_case("xml") => return error(end, INVALID),
            _ => {}
        }
        let rest = &self.text[end..];
        if !rest.starts_with("?>") && !rest.starts_with([' ', '\t', '\n', '\r']) {
            // A `?` must end it: the character after is the wrong one.
            return error(end + usize::from(rest.starts_with('?')), INVALID);
        }
        match self.text[start + 2..].find("?>") {
            Some(end) => {
                self.at = start + 2 + end + 2;
                Ok(())
            }
            None => error(start, UNCLOSED),
        }
    }

    fn blanks(&self, at: usize) -> usize {
        at + self.text[at..]
            .bytes()
            .take_while(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
            .count()
    }

    /// A start tag whose name ends at `end`: its attributes, then `>` or `/>`.
    fn start_tag(&mut self, start: usize, end: usize) -> Result<(), XmlError> {
        let name = &self.text[start + 1..end];
        let mut names: Vec<&str> = Vec::new();
        // expat reads the whole tag before it looks at the names.
        let mut duplicate = None;
        let mut at = end;
        loop {
            let after = self.blanks(at);
            let close = match self.byte(after) {
                Some(b'>') => Some((after + 1, true)),
                Some(b'/') if self.byte(after + 1) == Some(b'>') => Some((after + 2, false)),
                Some(b'/') => return error(after + 1, INVALID),
                _ => None,
            };
            if let Some((next, open)) = close {
                if let Some(at) = duplicate {
                    return error(at, DUPLICATE);
                }
                if open {
                    self.open.push(name);
                }
                self.at = next;
                return Ok(());
            }
            let attribute = name_at(self.text, after).filter(|_| after > at);
            let Some(attribute_end) = attribute else {
                return error(after, INVALID);
            };
            let attribute_name = &self.text[after..attribute_end];
            at = self.attribute_value(attribute_end)?;
            if names.contains(&attribute_name) {
                duplicate = duplicate.or(Some(after));
            }
            names.push(attribute_name);
        }
    }

    /// `= "value"` after an attribute's name: where it ends.
    fn attribute_value(&self, end: usize) -> Result<usize, XmlError> {
        let equals = self.blanks(end);
        if self.byte(equals) != Some(b'=') {
            return error(equals, INVALID);
        }
        let open = self.blanks(equals + 1);
        let quote = match self.byte(open) {
            Some(q @ (b'"' | b'\'')) => q,
            _ => return error(open, INVALID),
        };
        let mut i = open + 1;
        while let Some(c) = self.text[i..].chars().next() {
            match c {
                c if c as u32 == u32::from(quote) => return Ok(i + 1),
                '<' => return error(i, INVALID),
                '&' => i = reference(self.text, i)?,
                c if !is_char(c) => return error(i, INVALID),
                c => i += c.len_utf8(),
            }
        }
        // Not reached: the wrapper's `<` comes first.
        error(open, UNCLOSED)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every text of up to four characters of XML's punctuation, a letter,
    /// a digit, a space and a two-byte letter: no panic, and the place is a
    /// character boundary of the value or its end (where the caller puts a
    /// place in the wrapper's closing tag).
    #[test]
    fn any_short_text_gets_an_answer_at_a_character() {
        let alphabet = [
            "<", ">", "&", "#", "x", ";", "/", "!", "-", "[", "]", "?", "%", "\"", "'", "=", "a",
            "1", " ", "é",
        ];
        let mut texts = vec![String::new()];
        for _ in 0..4 {
            let longer: Vec<String> = texts
                .iter()
                .filter(|t| t.chars().count() == texts.last().unwrap().chars().count())
                .flat_map(|t| alphabet.iter().map(move |c| format!("{t}{c}")))
                .collect();
            texts.extend(longer);
        }
        for text in &texts {
            if let Some(e) = check(text) {
                let closed = format!("{text}</elem>");
                assert!(closed.is_char_boundary(e.offset), "{text:?}: {e:?}");
            }
        }
    }

    /// Each case with the character expat points at (its 0-based column
    /// in `<elem>VALUE</elem>` less six, as Python's sax module reports it;
    /// measured with pyexpat), and expat's message.
    #[test]
    fn errors_where_expat_reports_them() {
        let cases: &[(&str, Option<(usize, &str)>)] = &[
            ("Click <b>here</b> &amp; &brand; &#65; &#x42;", None),
            ("A & B", Some((3, INVALID))),
            ("A &amp B", Some((6, INVALID))),
            ("A &; B", Some((3, INVALID))),
            ("A &#xZZ; B", Some((5, INVALID))),
            ("A &#0; B", Some((2, BAD_CHARACTER))),
            ("&#xD800;", Some((0, BAD_CHARACTER))),
            ("&#65", Some((4, INVALID))),
            ("A < B", Some((3, INVALID))),
            ("A <", Some((3, INVALID))),
            ("<1b>", Some((1, INVALID))),
            ("<b>A</i>", Some((6, MISMATCHED))),
            ("<b>A", Some((6, MISMATCHED))),
            ("A</b>", Some((3, MISMATCHED))),
            ("<b><i>A</b></i>", Some((9, MISMATCHED))),
            ("</", Some((2, INVALID))),
            ("</b", Some((3, INVALID))),
            ("<b>x</b ", Some((8, INVALID))),
            ("<b/ >", Some((3, INVALID))),
            ("<b", Some((2, INVALID))),
            ("<b a", Some((4, INVALID))),
            ("<b a=", Some((5, INVALID))),
            ("<b a='x'", Some((8, INVALID))),
            ("<a href=x>A</a>", Some((8, INVALID))),
            ("<a href='x' href='y'>A</a>", Some((12, DUPLICATE))),
            ("<a href=\"x>A</a>", Some((12, INVALID))),
            ("<a href=\"x\"title=\"y\">A</a>", Some((11, INVALID))),
            ("<a href=\"a&b\">A</a>", Some((12, INVALID))),
            ("<a href=\"a<b\">A</a>", Some((10, INVALID))),
            ("<br/><hr />ok <b >A</b >", None),
            ("A <!-- x -- y --> B", Some((11, INVALID))),
            ("A <!-- x --> B <?pi x?> <b:c>x</b:c>", None),
            ("A <!-- x", Some((2, UNCLOSED))),
            ("A <!DOCTYPE x> B", Some((4, INVALID))),
            ("A ]]> B", Some((4, INVALID))),
            ("A \u{1} B", Some((2, INVALID))),
            ("\u{FFFE}", Some((0, INVALID))),
            ("Ü <b>ß</i>", Some((10, MISMATCHED))),
            // Well-formed content, but no entity literal.
            ("A <![CDATA[ <x> & ]]> B", Some((17, INVALID))),
            ("50 % off", Some((4, INVALID))),
            ("50 %foo; off", Some((3, PARAMETER))),
            ("x</elem>y", Some((9, INVALID))),
            ("<b a='1' a='2' c=>", Some((17, INVALID))),
            ("<b a='1' a='2'>", Some((9, DUPLICATE))),
            ("<![CDA", Some((6, INVALID))),
            ("<![", Some((3, INVALID))),
            ("<?XML?>", Some((5, INVALID))),
            ("<?a?", Some((4, INVALID))),
            ("a%", Some((1, INVALID))),
            ("%a", Some((0, INVALID))),
            ("%a b", Some((2, INVALID))),
            ("<![CDATA[ x", Some((18, UNCLOSED_CDATA))),
            ("<!-x", Some((3, INVALID))),
            ("<?xml x?>", Some((0, DECLARATION))),
            ("<? x?>", Some((2, INVALID))),
            ("<?pi", Some((4, INVALID))),
            ("A &#x41;&#65; ok", None),
        ];
        for (value, expected) in cases {
            let found = check(value).map(|e| (e.offset, e.message));
            assert_eq!(found, *expected, "{value:?}");
        }
    }
}
