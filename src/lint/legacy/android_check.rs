//! compare-locales' `AndroidChecker` on a translated `<string>` of a
//! `strings.xml`: the element as minidom gives it (its children: text,
//! CDATA, anything else), then its checks in their order — translatable,
//! no `@string/` reference, plain text or one CDATA, Android's quoting of
//! `'` and `""`, and the printf-style formatters (`%1$s`, `%d`, `%.2f`)
//! compared with the English's. Its messages and levels; the offsets are the
//! characters' own in the file (compare-locales says line 0 and the offset
//! in the decoded value, or column 0).

use super::{Entity, Issue};
use crate::finding::{Code, Severity};
use quick_xml::events::Event;
use std::ops::Range;

/// A `<string>` element read from its start tag.
struct Element {
    translatable: bool,
    children: Vec<Child>,
    /// The whole element's source (minidom's `toxml`, near enough: what
    /// compare-locales reads as the text of an element with markup).
    whole: Range<usize>,
}

/// A child node as minidom tells them apart.
enum Child {
    /// Character data (references decoded), each byte's place in the file
    /// (one more for the end).
    Text { data: String, places: Vec<usize> },
    /// A CDATA section's content.
    CData(Range<usize>),
    /// An element, a comment, a processing instruction.
    Other,
}

/// The `<string>` element starting at `start`, or None when it is not one.
fn element(text: &str, start: usize) -> Option<Element> {
    let mut reader = quick_xml::Reader::from_str(text.get(start..)?);
    reader.config_mut().trim_text(false);
    let (tag, empty) = match reader.read_event().ok()? {
        Event::Start(e) => (e, false),
        Event::Empty(e) => (e, true),
        _ => return None,
    };
    let translatable = !tag
        .attributes()
        .flatten()
        .any(|a| a.key.as_ref() == b"translatable" && a.value.as_ref() == b"false");
    let mut element = Element {
        translatable,
        children: Vec::new(),
        whole: start..start + reader.buffer_position() as usize,
    };
    if empty {
        return Some(element);
    }
    let mut run: Option<Range<usize>> = None;
    let mut depth = 0usize;
    loop {
        let at = start + reader.buffer_position() as usize;
        let event = reader.read_event().ok()?;
        let end = start + reader.buffer_position() as usize;
        if depth == 0 && matches!(event, Event::Text(_) | Event::GeneralRef(_)) {
            run = Some(run.map_or(at..end, |r| r.start..end));
            continue;
        }
        if let Some(r) = run.take() {
            let (data, places) = decode(&text[r.clone()], r.start);
            element.children.push(Child::Text { data, places });
        }
        match event {
            Event::Eof => return None,
            Event::End(_) if depth == 0 => {
                element.whole.end = end;
                break;
            }
            Event::End(_) => depth -= 1,
            Event::Start(_) => {
                if depth == 0 {
                    element.children.push(Child::Other);
                }
                depth += 1;
            }
            Event::CData(_) if depth == 0 => element.children.push(Child::CData(at + 9..end - 3)),
            _ if depth == 0 => element.children.push(Child::Other),
            _ => {}
        }
    }
    Some(element)
}

/// XML character data decoded (the five entities and character
/// references), with each decoded byte's place in the file.
fn decode(raw: &str, base: usize) -> (String, Vec<usize>) {
    let mut data = String::with_capacity(raw.len());
    let mut places = Vec::with_capacity(raw.len() + 1);
    let mut i = 0;
    while i < raw.len() {
        let rest = &raw[i..];
        let reference = rest
            .starts_with('&')
            .then(|| rest.find(';'))
            .flatten()
            .and_then(|end| Some((super::android::character(&rest[1..end])?, end + 1)));
        let (c, len) = reference.unwrap_or_else(|| {
            let c = rest.chars().next().unwrap_or(' ');
            (c, c.len_utf8())
        });
        data.push(c);
        places.extend(std::iter::repeat_n(base + i, c.len_utf8()));
        i += len;
    }
    places.push(base + raw.len());
    (data, places)
}

impl Element {
    /// compare-locales' `textContent`: the first CDATA's content, the one
    /// text child's, "" for no child, else the element's source; with each
    /// byte's place in the file.
    fn content(&self, text: &str) -> (String, Vec<usize>) {
        let cdata = self.children.iter().find_map(|c| match c {
            Child::CData(r) => Some(r.clone()),
            _ => None,
        });
        let source = |r: Range<usize>| (text[r.clone()].to_string(), (r.start..=r.end).collect());
        match (cdata, self.children.as_slice()) {
            (_, []) => (String::new(), vec![self.whole.end]),
            (Some(r), _) => source(r),
            (None, [Child::Text { data, places }]) => (data.clone(), places.clone()),
            (None, _) => source(self.whole.clone()),
        }
    }

    /// compare-locales' `non_simple_data`: more than one text child, or
    /// one CDATA with anything but whitespace around it.
    fn non_simple(&self) -> bool {
        let cdata = self
            .children
            .iter()
            .filter(|c| matches!(c, Child::CData(_)))
            .count();
        match cdata {
            0 => !matches!(self.children.as_slice(), [] | [Child::Text { .. }]),
            1 => self.children.iter().any(|c| match c {
                Child::CData(_) => false,
                Child::Text { data, .. } => !data.trim().is_empty(),
                Child::Other => true,
            }),
            _ => true,
        }
    }
}

/// compare-locales' `AndroidChecker.check_string` on the translation's
/// entity `ours` of `text`, its English `theirs` of `english`. Offsets are
/// from `ours.value.start`.
pub fn check(english: &str, theirs: &Entity, text: &str, ours: &Entity) -> Vec<Issue> {
    let (Some(en), Some(l10n)) = (element(english, theirs.start), element(text, ours.start)) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut push = |severity, place: usize, message: String, code| {
        let offset = place.saturating_sub(ours.value.start);
        out.push(Issue {
            severity,
            offset,
            message,
            code,
        });
    };
    let start = ours.value.start;
    let untranslatable = "strings must be translatable".to_string();
    let (value, places) = l10n.content(text);
    if !en.translatable || !l10n.translatable || value.starts_with("@string/") {
        push(Severity::Error, start, untranslatable, Code::AndroidString);
        return out;
    }
    let (en_value, _) = en.content(english);
    if en_value.starts_with("@string/") {
        push(
            Severity::Warning,
            start,
            untranslatable,
            Code::AndroidString,
        );
    }
    if l10n.non_simple() {
        let message = "Only plain text allowed, or one CDATA surrounded by whitespace";
        push(Severity::Error, start, message.into(), Code::AndroidString);
        return out;
    }
    for (at, message) in apostrophes(&value) {
        push(
            Severity::Error,
            places[at],
            message.into(),
            Code::AndroidString,
        );
    }
    let reference = params(&en_value);
    for (message, _) in &reference.errors {
        // At the English's formatter: compare-locales says the same offset in the translation.
        push(
            Severity::Warning,
            start,
            message.clone(),
            Code::PrintfPlaceholder,
        );
    }
    for (severity, at, message) in compare_params(&reference, &params(&value)) {
        let place = at.map_or(start, |at| places[at]);
        push(severity, place, message, Code::PrintfPlaceholder);
    }
    out
}

/// compare-locales' `check_apostrophes`: `""` anywhere, and an unescaped
/// `'` in a string not enclosed in `"`: (byte offset, message).
fn apostrophes(value: &str) -> Vec<(usize, &'static str)> {
    let mut out: Vec<(usize, &str)> = value
        .match_indices("\"\"")
        .map(|(at, _)| (at, "Double straight quotes not allowed"))
        .collect();
    // `\\.|""` silenced, keeping every other byte where it is.
    let mut silenced = value.as_bytes().to_vec();
    let mut i = 0;
    while i < value.len() {
        let rest = &value[i..];
        let len = match rest.chars().nth(1) {
            Some(c) if rest.starts_with('\\') && c != '\n' => 1 + c.len_utf8(),
            _ if rest.starts_with("\"\"") => 2,
            _ => 0,
        };
        silenced[i..i + len].fill(b' ');
        i += len.max(rest.chars().next().map_or(1, char::len_utf8));
    }
    let quoted = silenced.first() == Some(&b'"') && silenced.last() == Some(&b'"');
    if !quoted {
        out.extend(
            (0..silenced.len())
                .filter(|&i| silenced[i] == b'\'')
                .map(|i| (i, "Apostrophe must be escaped")),
        );
    }
    out
}

/// A string's printf formatters as compare-locales' `get_params` reads
/// them: each position's formatter (in the order first seen), how many,
/// and the conflicts (message, byte offset).
struct Params {
    formats: Vec<(u32, String)>,
    count: usize,
    errors: Vec<(String, usize)>,
}

impl Params {
    fn get(&self, order: u32) -> Option<&str> {
        self.formats
            .iter()
            .find(|(o, _)| *o == order)
            .map(|(_, f)| f.as_str())
    }
}

/// `%(?P<order>[1-9]\$)?(?P<format>(?:\.[0-9]+)?f|[dsS])` over `value`.
fn params(value: &str) -> Params {
    let mut params = Params {
        formats: Vec::new(),
        count: 0,
        errors: Vec::new(),
    };
    let mut next_implicit = 1;
    let bytes = value.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let Some((order, format, end)) = formatter(bytes, i) else {
            i += 1;
            continue;
        };
        params.count += 1;
        let order = order.unwrap_or_else(|| {
            next_implicit += 1;
            next_implicit - 1
        });
        let format = value[format].to_string();
        match params.get(order) {
            None => params.formats.push((order, format)),
            Some(first) if first == format => {}
            Some(first) => {
                let message =
                    format!("Conflicting formatting, %{order}${format} vs %{order}${first}");
                params.errors.push((message, i));
            }
        }
        i = end;
    }
    params
}

/// A formatter at `at`: its explicit position, its format's range and its end.
fn formatter(bytes: &[u8], at: usize) -> Option<(Option<u32>, Range<usize>, usize)> {
    if bytes.get(at) != Some(&b'%') {
        return None;
    }
    let mut i = at + 1;
    let order = match (bytes.get(i), bytes.get(i + 1)) {
        (Some(d @ b'1'..=b'9'), Some(b'$')) => {
            i += 2;
            Some(u32::from(d - b'0'))
        }
        _ => None,
    };
    let start = i;
    match bytes.get(i)? {
        b'd' | b's' | b'S' | b'f' => Some((order, start..i + 1, i + 1)),
        b'.' => {
            let digits = bytes[i + 1..]
                .iter()
                .take_while(|b| b.is_ascii_digit())
                .count();
            let f = i + 1 + digits;
            (digits > 0 && bytes.get(f) == Some(&b'f')).then_some((order, start..f + 1, f + 1))
        }
        _ => None,
    }
}

/// compare-locales' `check_params`: the translation's formatters against
/// the English's (severity, byte offset if it has one, message).
fn compare_params(reference: &Params, ours: &Params) -> Vec<(Severity, Option<usize>, String)> {
    let mut out: Vec<(Severity, Option<usize>, String)> = ours
        .errors
        .iter()
        .map(|(m, at)| (Severity::Error, Some(*at), m.clone()))
        .collect();
    let mut sorted: Vec<&(u32, String)> = ours.formats.iter().collect();
    sorted.sort();
    for (order, format) in sorted {
        match reference.get(*order) {
            None => out.push((
                Severity::Error,
                None,
                format!("Formatter %{order}${format} not found in reference"),
            )),
            Some(theirs) if theirs != format => {
                out.push((Severity::Error, None, "Mismatching formatter".into()))
            }
            Some(_) => {}
        }
    }
    for (order, format) in &reference.formats {
        if ours.get(*order).is_none() {
            let message = format!("Formatter %{order}${format} not found in translation");
            out.push((Severity::Warning, None, message));
        }
    }
    if out.is_empty() && reference.count != ours.count {
        out.push((Severity::Warning, None, "Formatter count mismatch".into()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(english: &str, translation: &str) -> Vec<(Severity, usize, String)> {
        let wrap =
            |s: &str| format!("<resources>\n<string name=\"k\">{s}</string>\n</resources>\n");
        let (en, l10n) = (wrap(english), wrap(translation));
        let (a, b) = (
            super::super::android::parse(&en),
            super::super::android::parse(&l10n),
        );
        check(&en, &a.entities[0], &l10n, &b.entities[0])
            .into_iter()
            .map(|i| (i.severity, i.offset, i.message))
            .collect()
    }

    #[test]
    fn android_checks_as_compare_locales() {
        use Severity::{Error, Warning};
        assert_eq!(run("Tab", "Onglet"), []);
        assert_eq!(
            run("It's", "C&apos;est l\\'onglet"),
            [(Error, 1, "Apostrophe must be escaped".into())]
        );
        assert_eq!(run("It's", "\"C'est\""), []);
        assert_eq!(
            run("a", "x \"\" y"),
            [(Error, 2, "Double straight quotes not allowed".into())]
        );
        assert_eq!(
            run("a", "x <b>y</b>"),
            [(
                Error,
                0,
                "Only plain text allowed, or one CDATA surrounded by whitespace".into()
            )]
        );
        assert_eq!(run("a", " <![CDATA[<b>y</b>]]> "), []);
        assert_eq!(
            run("a", "@string/other"),
            [(Error, 0, "strings must be translatable".into())]
        );
        assert_eq!(run("%1$s of %2$d", "%2$d von %1$s"), []);
        assert_eq!(
            run("%1$s of %2$d", "%2$s von %3$s"),
            [
                (Error, 0, "Mismatching formatter".into()),
                (Error, 0, "Formatter %3$s not found in reference".into()),
                (Warning, 0, "Formatter %1$s not found in translation".into()),
            ]
        );
        assert_eq!(
            run("%s %s", "%1$s %1$s"),
            [(Warning, 0, "Formatter %2$s not found in translation".into())]
        );
        assert_eq!(
            run("%d", "%1$d %1$d"),
            [(Warning, 0, "Formatter count mismatch".into())]
        );
        assert_eq!(
            run("%.2f", "%1$d %1$.2f"),
            [
                (Error, 5, "Conflicting formatting, %1$.2f vs %1$d".into()),
                (Error, 0, "Mismatching formatter".into()),
            ]
        );
    }
}
