//! Android's `strings.xml` (Firefox for Android's configs list them), read
//! as compare-locales' `AndroidParser` reads them: the `<resources>`
//! element's children, each `<string name="…">` an entity (its key the
//! `name`), any other element (`<plurals>`, `<string-array>`, a `<string>`
//! without a name) unparsed content, and a file that is not well-formed XML,
//! or whose root is not `<resources>`, unparsed as a whole. Read with
//! quick-xml (an XML document: no hand-made XML parsing).

use super::{Entity, Parsed};
use quick_xml::events::{BytesStart, Event};

/// Parses a `strings.xml` text (line ends already `\n`).
pub fn parse(text: &str) -> Parsed {
    match read(text) {
        Some(parsed) => parsed,
        None => Parsed {
            entities: Vec::new(),
            junk: std::iter::once(0..text.len()).collect(),
        },
    }
}

/// A `<string name>`'s key and where its value starts.
type Named = (std::ops::Range<usize>, usize);

/// The entities and junk, or None when the file is not a `<resources>`
/// document of well-formed XML.
fn read(text: &str) -> Option<Parsed> {
    let mut reader = quick_xml::Reader::from_str(text);
    reader.config_mut().trim_text(false);
    let mut parsed = Parsed::default();
    let mut depth = 0usize;
    let mut root_seen = false;
    // The top-level child being read: where it started, and its key and
    // value start when it is a `<string name>`.
    let mut open: Option<(usize, Option<Named>)> = None;
    loop {
        let at = reader.buffer_position() as usize;
        let event = reader.read_event().ok()?;
        let end = reader.buffer_position() as usize;
        match event {
            Event::Eof => break,
            Event::Start(e) | Event::Empty(e) if depth == 0 => {
                if root_seen || e.name().as_ref() != b"resources" {
                    return None;
                }
                root_seen = true;
                // `<resources/>` has no children.
                depth = usize::from(!text[..end].ends_with("/>"));
            }
            Event::Start(e) if depth == 1 => {
                open = Some((at, string_key(text, &e).map(|k| (k, end))));
                depth = 2;
            }
            Event::Empty(e) if depth == 1 => match string_key(text, &e) {
                Some(key) => parsed.entities.push(Entity {
                    key,
                    value: end..end,
                    start: at,
                    comment: None,
                }),
                None => parsed.junk.push(at..end),
            },
            Event::Start(_) => depth += 1,
            // minidom knows the five entities and character references only.
            Event::GeneralRef(r) => {
                character(std::str::from_utf8(&r).ok()?)?;
            }
            Event::End(_) => {
                depth = depth.checked_sub(1)?;
                if depth == 1 {
                    match open.take()? {
                        (start, Some((key, value))) => parsed.entities.push(Entity {
                            key,
                            value: value..at.max(value),
                            start,
                            comment: None,
                        }),
                        (start, None) => parsed.junk.push(start..end),
                    }
                }
            }
            _ => {}
        }
    }
    (root_seen && depth == 0).then_some(parsed)
}

/// The character an XML reference's name (`amp`, `#233`, `#xE9`) stands for.
pub(super) fn character(name: &str) -> Option<char> {
    let code = match name {
        "lt" => '<',
        "gt" => '>',
        "amp" => '&',
        "quot" => '"',
        "apos" => '\'',
        _ => {
            let n = name.strip_prefix('#')?;
            let n = match n.strip_prefix('x') {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => n.parse().ok()?,
            };
            // XML's `Char`: no NUL, no other C0 control but tab and line ends.
            return char::from_u32(n).filter(|c| *c >= ' ' || matches!(c, '\t' | '\n' | '\r'));
        }
    };
    Some(code)
}

/// The byte range of a `<string>`'s `name` value, if it is a `<string>`
/// with a name.
fn string_key(text: &str, e: &BytesStart) -> Option<std::ops::Range<usize>> {
    if e.name().as_ref() != b"string" {
        return None;
    }
    let attribute = e
        .attributes()
        .flatten()
        .find(|a| a.key.as_ref() == b"name")?;
    let value: &[u8] = attribute.value.as_ref();
    // The value is a slice of the text (quick-xml borrows it): its place.
    let start = (value.as_ptr() as usize).checked_sub(text.as_ptr() as usize)?;
    (start + value.len() <= text.len()).then_some(start..start + value.len())
}

#[cfg(test)]
mod tests {
    #[test]
    fn entities_as_compare_locales_reads_them() {
        // Modelled on Firefox for Android's strings.xml.
        let text = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<!-- License -->\n<resources xmlns:tools=\"http://schemas.android.com/tools\">\n\
    <!-- Shown in the app's menu -->\n    <string name=\"browser_menu_settings\">Settings</string>\n\
    <string name=\"empty\"/>\n    <string name=\"with_markup\">Open <b>%1$s</b></string>\n\
    <plurals name=\"tabs\"><item quantity=\"one\">1 tab</item></plurals>\n</resources>\n";
        let parsed = super::parse(text);
        let keys = parsed.keys(text);
        assert_eq!(keys, ["browser_menu_settings", "empty", "with_markup"]);
        assert_eq!(&text[parsed.entities[2].value.clone()], "Open <b>%1$s</b>");
        assert_eq!(parsed.junk.len(), 1);
        assert!(text[parsed.junk[0].clone()].starts_with("<plurals"));
        // Not well-formed: one piece of junk, no entities.
        let broken = super::parse("<resources><string name=\"a\">A</resources>");
        assert!(broken.entities.is_empty());
        assert_eq!(broken.junk.len(), 1);
        // An entity XML does not define (`&nbsp;`), a NUL: minidom stops there.
        for text in ["A&nbsp;B", "A&#0;B"] {
            let file = format!("<resources><string name=\"a\">{text}</string></resources>");
            assert_eq!(super::parse(&file).junk.len(), 1, "{text}");
        }
        let fine = "<resources><string name=\"a\">A&amp;&#233;&#xE9;&lt;</string></resources>";
        assert_eq!(super::parse(fine).entities.len(), 1);
    }
}
