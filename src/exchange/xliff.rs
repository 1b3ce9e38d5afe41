//! XLIFF 1.2 for translators, written by hand (a fixed, small shape) and read
//! with quick-xml (positions for errors, no DTDs, no entity expansion).
//!
//! One `<file original="<doc>.ftl">` per document; per unit a `<trans-unit
//! id resname>` with `<source>` (the English), `<target state>` (`new` and
//! empty when untranslated, `needs-review-translation` when stale,
//! `translated`), `<note from="developer">` (the English file's comment),
//! `<note from="ftlkit">` with the previous English of a stale unit, and a
//! context group with the section and the English file's line. Simple
//! placeables (`{ $var }`, `{ -term }`, `{ NUMBER($n) }`) are `<ph>` inline
//! codes holding the Fluent text (also as `equiv-text`), so CAT tools protect
//! them; a select expression's unit is plain Fluent text.

use super::{Catalog, Incoming, IncomingFile, Unit, UnitState};
use crate::error::{Error, Result};
use quick_xml::escape::{escape, minimal_escape};
use quick_xml::events::{BytesStart, Event};
use std::fmt::Write as _;
use std::path::Path;

/// The XLIFF 1.2 file of a catalog.
pub fn write(catalog: &Catalog) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\">\n",
    );
    let mut docs: Vec<&str> = Vec::new();
    for u in &catalog.units {
        if !docs.contains(&u.doc.as_str()) {
            docs.push(&u.doc);
        }
    }
    for doc in docs {
        let _ = writeln!(
            out,
            "  <file original=\"{}.ftl\" source-language=\"{}\" target-language=\"{}\" datatype=\"plaintext\">\n    <header>\n      <tool tool-id=\"ftlkit\" tool-name=\"ftlkit\"/>\n    </header>\n    <body>",
            escape(doc),
            escape(&catalog.source_locale),
            escape(&catalog.locale)
        );
        for unit in catalog.units.iter().filter(|u| u.doc == doc) {
            trans_unit(&mut out, unit);
            if let Some(m) = catalog.matched(unit) {
                alt_trans(&mut out, unit, m);
            }
            out.push_str("      </trans-unit>\n");
        }
        out.push_str("    </body>\n  </file>\n");
    }
    out.push_str("</xliff>\n");
    out
}

fn trans_unit(out: &mut String, unit: &Unit) {
    let id = escape(&unit.id);
    let approved = match unit.state {
        UnitState::Translated if !unit.reviewed => " approved=\"no\"",
        UnitState::Translated => " approved=\"yes\"",
        UnitState::NeedsReview => " approved=\"no\"",
        UnitState::New => "",
    };
    let _ = writeln!(
        out,
        "      <trans-unit id=\"{id}\" resname=\"{id}\"{approved} xml:space=\"preserve\">"
    );
    let _ = writeln!(
        out,
        "        <source>{}</source>",
        inline(&unit.source, &unit.source)
    );
    match (&unit.target, unit.state) {
        (None, _) => out.push_str("        <target state=\"new\"></target>\n"),
        (Some(t), state) => {
            let state = if state == UnitState::NeedsReview {
                "needs-review-translation"
            } else {
                "translated"
            };
            let _ = writeln!(
                out,
                "        <target state=\"{state}\">{}</target>",
                inline(t, &unit.source)
            );
        }
    }
    if let Some(note) = &unit.note {
        let _ = writeln!(
            out,
            "        <note from=\"developer\">{}</note>",
            minimal_escape(crate::ftl::escape_controls(note).as_ref())
        );
    }
    if let Some(previous) = &unit.previous {
        let _ = writeln!(
            out,
            "        <note from=\"ftlkit\" annotates=\"source\">The English changed; the translation was made from: {}</note>",
            minimal_escape(crate::ftl::escape_controls(previous).as_ref())
        );
    }
    if let Some(section) = &unit.section {
        let _ = writeln!(
            out,
            "        <context-group name=\"section\" purpose=\"information\">\n          <context context-type=\"x-section\">{}</context>\n        </context-group>",
            minimal_escape(section)
        );
    }
    let _ = writeln!(
        out,
        "        <context-group name=\"location\" purpose=\"location\">\n          <context context-type=\"sourcefile\">{}</context>\n          <context context-type=\"linenumber\">{}</context>\n        </context-group>",
        minimal_escape(super::location_file(unit)),
        unit.line
    );
}

/// The translation memory's match as `<alt-trans>` (what CAT tools show as
/// a match with its score; `import` never reads it as the translation).
fn alt_trans(out: &mut String, unit: &Unit, m: &super::Matched) {
    let _ = writeln!(
        out,
        "        <alt-trans match-quality=\"{}\" origin=\"{}\" tool-id=\"ftlkit\">\n          <source>{}</source>\n          <target>{}</target>\n          <note from=\"ftlkit\">{} match from the translation memory</note>\n        </alt-trans>",
        m.score,
        escape(&m.origin),
        inline(&m.source, &unit.source),
        inline(&m.text, &unit.source),
        m.kind
    );
}

/// A unit's text with its simple placeables as `<ph>` codes, numbered as in
/// the English (`source`), so that a CAT tool pairs a target's code with the
/// source's.
///
/// Characters XML cannot hold (U+0001, a vertical tab) or would change (a
/// lone CR) go as Fluent string literals (`{ "\u000B" }`, see
/// [`crate::ftl::escape_controls`]), which are `<ph>` codes: `import` reads
/// them back as the same text.
fn inline(text: &str, source: &str) -> String {
    let (text, source) = (
        crate::ftl::escape_controls(text),
        crate::ftl::escape_controls(source),
    );
    let (text, source) = (text.as_ref(), source.as_ref());
    let codes: Vec<&str> = segments(source)
        .into_iter()
        .filter(|(c, _)| *c)
        .map(|(_, p)| p)
        .collect();
    let mut out = String::new();
    let mut extra = codes.len();
    for (code, piece) in segments(text) {
        if code {
            let n = match codes.iter().position(|c| *c == piece) {
                Some(i) => i + 1,
                None => {
                    extra += 1;
                    extra
                }
            };
            let e = escape(piece);
            let _ = write!(
                out,
                "<ph id=\"{n}\" ctype=\"x-fluent-placeable\" equiv-text=\"{e}\">{e}</ph>"
            );
        } else {
            out.push_str(&minimal_escape(piece));
        }
    }
    out
}

/// The text cut into plain text and top-level placeables (`true`). A select
/// expression's text is all plain: its structure spans lines.
pub fn segments(text: &str) -> Vec<(bool, &str)> {
    if text.contains("->") {
        return vec![(false, text)];
    }
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'{' {
            i += 1;
            continue;
        }
        // One line only: a placeable over lines is a select's structure.
        let Some(end) = crate::ftl::placeable_end(text, i).filter(|e| !text[i..*e].contains('\n'))
        else {
            break;
        };
        if start < i {
            out.push((false, &text[start..i]));
        }
        out.push((true, &text[i..end]));
        start = end;
        i = end;
    }
    if start < text.len() {
        out.push((false, &text[start..]));
    }
    out
}

/// Which text is being collected.
#[derive(Clone, Copy, PartialEq)]
enum Slot {
    Source,
    Target,
    /// A location context: the English file, its line.
    File,
    Line,
}

#[derive(Default)]
struct State {
    locale: Option<String>,
    doc: Option<String>,
    unit: Option<Incoming>,
    into: Option<Slot>,
    context: String,
    /// In a `<context-group purpose="location">`.
    in_location: bool,
    /// In a unit to skip (a converter's header unit).
    skip: bool,
    /// Depth inside `<alt-trans>` (its source and target are not the unit's).
    alt: usize,
    units: Vec<Incoming>,
}

/// Reads an XLIFF 1.2 file: its target language and units.
pub fn read(path: &Path, text: &str) -> Result<IncomingFile> {
    let mut reader = quick_xml::Reader::from_str(text);
    reader.config_mut().trim_text(false);
    let lines = crate::ftl::LineIndex::new(text);
    let at = |offset: u64, message: String| {
        let (line, column) = lines.position(offset as usize);
        Error::At {
            path: path.to_path_buf(),
            line,
            column,
            message,
        }
    };
    let mut st = State::default();
    loop {
        let offset = reader.buffer_position();
        let event = reader
            .read_event()
            .map_err(|e| at(reader.error_position(), format!("malformed XML: {e}")))?;
        match event {
            Event::Eof => break,
            Event::DocType(_) => {
                return Err(at(
                    offset,
                    "a DOCTYPE: XLIFF files have none (entities are not expanded)".into(),
                ))
            }
            Event::Start(e) => start(&mut st, &e, false, (offset, &lines), &at)?,
            Event::Empty(e) => start(&mut st, &e, true, (offset, &lines), &at)?,
            Event::End(e) => end(&mut st, e.local_name().as_ref()),
            Event::Text(t) => {
                let s = t.xml10_content().map_err(|e| at(offset, e.to_string()))?;
                push_text(&mut st, &s);
            }
            Event::CData(t) => {
                let s = t.decode().map_err(|e| at(offset, e.to_string()))?;
                push_text(&mut st, &s);
            }
            Event::GeneralRef(r) => {
                let c = match r
                    .resolve_char_ref()
                    .map_err(|e| at(offset, e.to_string()))?
                {
                    Some(c) => c.to_string(),
                    None => {
                        let name = r.decode().map_err(|e| at(offset, e.to_string()))?;
                        quick_xml::escape::resolve_predefined_entity(&name)
                            .ok_or_else(|| at(offset, format!("unknown entity `&{name};`")))?
                            .to_string()
                    }
                };
                push_text(&mut st, &c);
            }
            _ => {}
        }
    }
    let locale = st.locale.ok_or_else(|| {
        Error::file(
            path,
            "no `target-language` on <file>: ftlkit cannot tell which locale this file is for",
        )
    })?;
    Ok(IncomingFile {
        locale: locale.replace('_', "-"),
        units: st.units,
    })
}

fn attr(e: &BytesStart, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name.as_bytes())
        .and_then(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .ok()
                .map(|v| v.into_owned())
        })
}

fn start(
    st: &mut State,
    e: &BytesStart,
    empty: bool,
    (offset, lines): (u64, &crate::ftl::LineIndex),
    at: &dyn Fn(u64, String) -> Error,
) -> Result<()> {
    let name = e.local_name();
    let name = std::str::from_utf8(name.as_ref()).unwrap_or("");
    if st.alt > 0 {
        if name == "alt-trans" && !empty {
            st.alt += 1;
        }
        return Ok(());
    }
    match name {
        "file" => {
            if let Some(lang) = attr(e, "target-language") {
                match &st.locale {
                    Some(l) if *l != lang => {
                        return Err(at(offset, format!("<file> for `{lang}` in a file for `{l}`: one locale per file")))
                    }
                    _ => st.locale = Some(lang),
                }
            }
            // The document's name (`guide/start` for a nested one); a tool
            // that adds folders in front is matched on import (`known_doc`).
            st.doc = attr(e, "original").map(|o| {
                let o = o.trim_start_matches("./").to_string();
                o.strip_suffix(".ftl").map(str::to_string).unwrap_or(o)
            });
        }
        "trans-unit" => {
            st.skip = attr(e, "restype").as_deref() == Some("x-gettext-domain-header");
            let id = attr(e, "resname")
                .or_else(|| attr(e, "id"))
                .ok_or_else(|| at(offset, "a <trans-unit> without an id".into()))?;
            let line = lines.line(offset as usize);
            st.unit = Some(Incoming {
                doc: st.doc.clone(),
                id,
                line,
                approved: attr(e, "approved").map(|a| a == "yes"),
                ..Incoming::default()
            });
        }
        "alt-trans" if !empty => st.alt = 1,
        "context-group" => st.in_location = attr(e, "purpose").as_deref() == Some("location"),
        "context" if st.in_location && !empty && st.unit.is_some() => {
            st.context.clear();
            st.into = match attr(e, "context-type").as_deref() {
                Some("sourcefile") => Some(Slot::File),
                Some("linenumber") => Some(Slot::Line),
                _ => None,
            };
        }
        "source" | "target" if st.unit.is_some() && st.into.is_none() => {
            let which = if name == "source" { Slot::Source } else { Slot::Target };
            if let Some(u) = &mut st.unit {
                if which == Slot::Target
                    && matches!(attr(e, "state").as_deref(), Some("final" | "signed-off"))
                {
                    u.approved = Some(true);
                }
                let slot = if which == Slot::Source { &mut u.source } else { &mut u.target };
                *slot = Some(String::new());
            }
            if !empty {
                st.into = Some(which);
            }
        }
        "x" | "bx" | "ex" if st.into.is_some() => match attr(e, "equiv-text") {
            Some(text) => push_text(st, &text),
            None => {
                return Err(at(offset, "an inline code without `equiv-text`: the placeable it stood for is lost; export again".into()))
            }
        },
        _ => {}
    }
    Ok(())
}

fn end(st: &mut State, name: &[u8]) {
    if st.alt > 0 {
        if name == b"alt-trans" {
            st.alt -= 1;
        }
        return;
    }
    match name {
        b"source" | b"target" => st.into = None,
        b"context" => {
            let text = std::mem::take(&mut st.context);
            if let (Some(slot), Some(u)) = (st.into.take(), &mut st.unit) {
                if slot == Slot::File {
                    let (doc, key) = super::parse_location_file(&text);
                    if doc.is_some() {
                        u.doc = doc;
                        u.location_variant = key;
                    }
                } else {
                    u.location = text.trim().parse().ok();
                }
            }
        }
        b"context-group" => st.in_location = false,
        b"trans-unit" => {
            if let Some(u) = st.unit.take() {
                if !std::mem::take(&mut st.skip) {
                    st.units.push(u);
                }
            }
        }
        _ => {}
    }
}

fn push_text(st: &mut State, text: &str) {
    let (Some(into), Some(u)) = (st.into, &mut st.unit) else {
        return;
    };
    let slot = match into {
        Slot::Source => &mut u.source,
        Slot::Target => &mut u.target,
        Slot::File | Slot::Line => {
            st.context.push_str(text);
            return;
        }
    };
    slot.get_or_insert_with(String::new).push_str(text);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeables_become_codes_and_come_back() {
        assert_eq!(
            segments("Written by { $author }, { NUMBER($n, style: \"}\") } x"),
            [
                (false, "Written by "),
                (true, "{ $author }"),
                (false, ", "),
                (true, "{ NUMBER($n, style: \"}\") }"),
                (false, " x")
            ]
        );
        let unit = Unit {
            doc: "page".into(),
            id: "page-written-by".into(),
            source: "Written by { $author } & co".into(),
            target: Some("كتبه { $author }".into()),
            state: UnitState::Translated,
            standing: crate::standing::Standing::Translated,
            reviewed: true,
            previous: None,
            note: Some("<note>".into()),
            section: None,
            line: 4,
        };
        let catalog = Catalog {
            source_locale: "en-US".into(),
            locale: "ar".into(),
            units: vec![unit],
            matches: Default::default(),
        };
        let text = write(&catalog);
        assert!(text.contains("<ph id=\"1\" ctype=\"x-fluent-placeable\" equiv-text=\"{ $author }\">{ $author }</ph>"), "{text}");
        let back = read(Path::new("x.xlf"), &text).unwrap();
        assert_eq!(back.locale, "ar");
        assert_eq!(back.units[0].doc.as_deref(), Some("page"));
        assert_eq!(
            back.units[0].source.as_deref(),
            Some("Written by { $author } & co")
        );
        assert_eq!(back.units[0].target.as_deref(), Some("كتبه { $author }"));
        assert_eq!(back.units[0].line, 8);
    }

    #[test]
    fn malformed_xml_is_an_error_at_its_place() {
        let err = read(
            Path::new("x.xlf"),
            "<xliff>\n  <file target-language=\"ar\">\n  </fil>\n</xliff>",
        )
        .unwrap_err()
        .to_string();
        assert!(err.starts_with("x.xlf:3:"), "{err}");
    }
}
