//! TMX 1.4b: a locale's memory written for CAT tools, and TMX files (from
//! another project, a CAT tool, Translate Toolkit's `po2tmx`) read as memory.
//!
//! Written by hand (a fixed, small shape): one `<tu>` per entry with the
//! entry's origin as a `<prop type="x-ftlkit-origin">`, one `<tuv>` for the
//! English and one for the translation, the Fluent text as the `<seg>`'s text.
//! Read with quick-xml (positions for warnings, entities not expanded, a
//! DOCTYPE allowed but never fetched): inline elements (`<ph>`, `<bpt>`,
//! `<ept>`, `<it>`, `<hi>`, `<ut>`) contribute their text, which in TMX is
//! the native code (a placeable) or the text itself.

use quick_xml::escape::escape;
use quick_xml::events::{BytesStart, Event};
use std::fmt::Write as _;

/// A TMX file's translation unit, for the languages asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    /// 1-based line of the `<tu>`.
    pub line: usize,
    pub source: String,
    pub target: String,
}

/// Something wrong in a TMX file: where, and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// What a TMX file gave for one language pair.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Read {
    pub units: Vec<Unit>,
    /// Units skipped, and why (no variant for the locale, …); at most a few
    /// per reason are listed, then a count.
    pub problems: Vec<Problem>,
    /// Every language the file's `<tuv>`s have, for a file with none of ours.
    pub languages: Vec<String>,
}

/// The TMX 1.4b file of a locale's memory entries.
pub fn write(source_locale: &str, locale: &str, entries: &[super::Entry]) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str("<!DOCTYPE tmx SYSTEM \"tmx14.dtd\">\n<tmx version=\"1.4\">\n");
    let _ = writeln!(
        out,
        "  <header creationtool=\"ftlkit\" creationtoolversion=\"{}\" datatype=\"plaintext\" segtype=\"paragraph\" adminlang=\"en-US\" srclang=\"{}\" o-tmf=\"ftlkit\"/>",
        env!("CARGO_PKG_VERSION"),
        escape(source_locale)
    );
    out.push_str("  <body>\n");
    for entry in entries {
        let tuid = match &entry.origin {
            super::Origin::Message { doc, id, .. } => {
                format!(" tuid=\"{}\"", escape(format!("{doc}/{id}")))
            }
            super::Origin::Tmx { .. } => String::new(),
        };
        let _ = writeln!(out, "    <tu{tuid}>");
        let _ = writeln!(
            out,
            "      <prop type=\"x-ftlkit-origin\">{}</prop>",
            escape(crate::ftl::escape_controls(&entry.origin.label()).as_ref())
        );
        for (lang, text) in [(source_locale, &entry.source), (locale, &entry.target)] {
            let _ = writeln!(
                out,
                "      <tuv xml:lang=\"{}\"><seg>{}</seg></tuv>",
                escape(lang),
                // What XML cannot hold goes as Fluent string literals.
                escape(crate::ftl::escape_controls(text).as_ref())
            );
        }
        out.push_str("    </tu>\n");
    }
    out.push_str("  </body>\n</tmx>\n");
    out
}

/// A TMX file's text from its bytes: UTF-8 (with or without a byte-order
/// mark), UTF-16 (by its byte-order mark, or its `<?xml` in either byte
/// order), or the encoding its XML declaration names (`ISO-8859-1`,
/// `windows-1252`, … as the WHATWG Encoding Standard reads the label),
/// decoded by `encoding_rs`. Bytes the encoding does not allow are an error.
pub fn decode(bytes: &[u8]) -> Result<String, String> {
    use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8};
    let (encoding, skip) = match Encoding::for_bom(bytes) {
        Some((e, n)) => (e, n),
        None if bytes.starts_with(b"<\0?\0") => (UTF_16LE, 0),
        None if bytes.starts_with(b"\0<\0?") => (UTF_16BE, 0),
        // A declaration read as ASCII is not in UTF-16, whatever it says.
        None => (
            declared(bytes)
                .filter(|e| *e != UTF_16LE && *e != UTF_16BE)
                .unwrap_or(UTF_8),
            0,
        ),
    };
    let body = &bytes[skip..];
    match encoding.decode_without_bom_handling_and_without_replacement(body) {
        Some(text) => Ok(text.into_owned()),
        None if encoding == UTF_8 => Err(
            "the file is not valid UTF-8 and declares no other encoding; save it as UTF-8".into(),
        ),
        None => Err(format!(
            "the file is not valid {} (its declared encoding); save it as UTF-8",
            encoding.name()
        )),
    }
}

/// The encoding an XML declaration names (`<?xml … encoding="…"?>`).
fn declared(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = &bytes[..bytes.len().min(512)];
    let end = head.windows(2).position(|w| w == b"?>")?;
    let decl = std::str::from_utf8(head.get(..end)?).ok()?;
    let decl = decl.trim_start().strip_prefix("<?xml")?;
    let at = decl.find("encoding")?;
    let rest = decl[at + "encoding".len()..]
        .trim_start()
        .strip_prefix('=')?
        .trim_start();
    let quote = rest.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let value = rest[1..].split(quote).next()?;
    encoding_rs::Encoding::for_label(value.trim().as_bytes())
}

/// Whether a TMX language code is for `want` (`ar-IQ` and `ar` for `ar`;
/// `en` for `en-US`; case and `_` ignored): the same language subtag, and the
/// same region when both name one.
pub fn same_language(code: &str, want: &str) -> bool {
    let norm = |s: &str| s.trim().replace('_', "-").to_ascii_lowercase();
    let (code, want) = (norm(code), norm(want));
    let parts = |s: &str| -> (String, Option<String>) {
        let mut it = s.split('-');
        let lang = it.next().unwrap_or("").to_string();
        let region =
            it.find(|p| p.len() == 2 || (p.len() == 3 && p.bytes().all(|b| b.is_ascii_digit())));
        (lang, region.map(str::to_string))
    };
    let (cl, cr) = parts(&code);
    let (wl, wr) = parts(&want);
    !cl.is_empty() && cl == wl && (cr.is_none() || wr.is_none() || cr == wr)
}

#[derive(Default)]
struct State {
    /// In a `<tu>`: its line and the variants so far (language, text).
    tu: Option<(usize, Vec<(String, String)>)>,
    /// The current `<tuv>`'s language.
    lang: Option<String>,
    /// Collecting a `<seg>`'s text.
    seg: Option<String>,
    /// `<seg>`s opened inside the one collected (not TMX, but their text is
    /// kept: it belongs to the outer one).
    nested_segs: usize,
    languages: Vec<String>,
    done: Vec<(usize, Vec<(String, String)>)>,
}

/// Reads a TMX file's units for `source` → `locale`. A file that is not
/// well-formed XML is an error at its position (no unit of it is used).
pub fn read(text: &str, source: &str, locale: &str) -> Result<Read, Problem> {
    let mut reader = quick_xml::Reader::from_str(text);
    reader.config_mut().trim_text(false);
    let lines = crate::ftl::LineIndex::new(text);
    let at = |offset: u64, message: String| {
        let (line, column) = lines.position(offset as usize);
        Problem {
            line,
            column,
            message,
        }
    };
    let mut st = State::default();
    let mut saw_tmx = false;
    // The line of the last offset asked, counted on from there: offsets only
    // grow, so the whole file is scanned once (a minified TMX is one line).
    let mut counted = (0usize, 1usize);
    let mut line_of = |offset: usize| {
        let (from, line) = counted;
        let to = offset.min(text.len()).max(from);
        let more = memchr::memchr_iter(b'\n', &text.as_bytes()[from..to]).count();
        counted = (to, line + more);
        line + more
    };
    loop {
        let offset = reader.buffer_position();
        let event = reader
            .read_event()
            .map_err(|e| at(reader.error_position(), format!("malformed XML: {e}")))?;
        match event {
            Event::Eof => break,
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == b"tmx" => {
                saw_tmx = true;
            }
            Event::Start(e) => {
                if e.local_name().as_ref() == b"tu" {
                    st.tu = Some((line_of(offset as usize), Vec::new()));
                } else {
                    start(&mut st, &e);
                }
            }
            Event::Empty(_) => {}
            Event::End(e) => end(&mut st, e.local_name().as_ref()),
            Event::Text(t) => {
                let s = t.xml10_content().map_err(|e| at(offset, e.to_string()))?;
                if let Some(seg) = &mut st.seg {
                    seg.push_str(&s);
                }
            }
            Event::CData(t) => {
                let s = t.decode().map_err(|e| at(offset, e.to_string()))?;
                if let Some(seg) = &mut st.seg {
                    seg.push_str(&s);
                }
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
                            .ok_or_else(|| {
                                at(
                                    offset,
                                    format!(
                                        "unknown entity `&{name};` (entities are not expanded)"
                                    ),
                                )
                            })?
                            .to_string()
                    }
                };
                if let Some(seg) = &mut st.seg {
                    seg.push_str(&c);
                }
            }
            _ => {}
        }
    }
    if !saw_tmx {
        return Err(at(0, "no <tmx> element: not a TMX file".into()));
    }
    Ok(pair_up(st, source, locale))
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

fn start(st: &mut State, e: &BytesStart) {
    match e.local_name().as_ref() {
        // `xml:lang` (TMX 1.4), `lang` (TMX 1.1).
        b"tuv" => st.lang = attr(e, "lang"),
        b"seg" if st.seg.is_some() => st.nested_segs += 1,
        b"seg" if st.tu.is_some() => st.seg = Some(String::new()),
        _ => {}
    }
}

fn end(st: &mut State, name: &[u8]) {
    match name {
        b"seg" if st.nested_segs > 0 => st.nested_segs -= 1,
        b"seg" => {
            if let (Some(text), Some(lang), Some((_, variants))) =
                (st.seg.take(), st.lang.clone(), &mut st.tu)
            {
                if !st.languages.contains(&lang) {
                    st.languages.push(lang.clone());
                }
                variants.push((lang, text));
            }
        }
        b"tuv" => st.lang = None,
        b"tu" => {
            if let Some(tu) = st.tu.take() {
                st.done.push(tu);
            }
        }
        _ => {}
    }
}

/// The units that have both languages; the others counted as problems.
fn pair_up(st: State, source: &str, locale: &str) -> Read {
    let mut read = Read {
        languages: st.languages,
        ..Read::default()
    };
    let mut lacking: Vec<usize> = Vec::new();
    for (line, variants) in st.done {
        let find = |want: &str| {
            variants
                .iter()
                .find(|(l, _)| same_language(l, want))
                .map(|(_, t)| t.clone())
        };
        match (find(source), find(locale)) {
            (Some(source), Some(target)) => read.units.push(Unit {
                line,
                source,
                target,
            }),
            _ => lacking.push(line),
        }
    }
    if !lacking.is_empty() && !read.units.is_empty() {
        let listed: Vec<String> = lacking.iter().take(5).map(|l| l.to_string()).collect();
        read.problems.push(Problem {
            line: lacking[0],
            column: 1,
            message: format!(
                "{} translation unit(s) without both `{source}` and `{locale}` skipped (lines {}{})",
                lacking.len(),
                listed.join(", "),
                if lacking.len() > 5 { ", …" } else { "" }
            ),
        });
    }
    read
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::memory::{Entry, Origin};

    #[test]
    fn written_tmx_reads_back_with_placeables_and_arabic() {
        let entries = vec![Entry {
            source: "You have { $count } <b>files</b> & more".into(),
            target: "لديك { $count } <b>ملفات</b> & المزيد".into(),
            origin: Origin::Message {
                doc: "article".into(),
                id: "article-files".into(),
                previous: false,
            },
        }];
        let text = write("en-US", "ar", &entries);
        assert!(text.contains("<tuv xml:lang=\"ar\"><seg>لديك { $count } &lt;b&gt;ملفات"));
        let read = read(&text, "en-US", "ar").unwrap();
        assert_eq!(read.units.len(), 1);
        assert_eq!(read.units[0].source, entries[0].source);
        assert_eq!(read.units[0].target, entries[0].target);
        assert_eq!(read.units[0].line, 6);
    }

    #[test]
    fn inline_codes_give_their_text_and_languages_match_by_subtag() {
        let text = r#"<?xml version="1.0"?>
<tmx version="1.4"><header srclang="en"/><body>
<tu><tuv xml:lang="EN"><seg>Hi <ph x="1">{ $name }</ph>!</seg></tuv>
<tuv xml:lang="fr_FR"><seg>Salut <bpt i="1">&lt;b&gt;</bpt>x<ept i="1">&lt;/b&gt;</ept></seg></tuv></tu>
<tu><tuv xml:lang="en"><seg>Only English</seg></tuv></tu>
</body></tmx>"#;
        let read = read(text, "en-US", "fr").unwrap();
        assert_eq!(read.units[0].source, "Hi { $name }!");
        assert_eq!(read.units[0].target, "Salut <b>x</b>");
        assert_eq!(read.problems.len(), 1);
        assert_eq!(read.problems[0].line, 5);
        assert!(same_language("ar-IQ", "ar") && !same_language("ar-IQ", "ar-EG"));
        assert!(!same_language("ckb", "ku") && same_language("en", "en-US"));
    }

    #[test]
    fn utf16_and_latin1_files_are_decoded() {
        let text = "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n<tmx version=\"1.4\"><body><tu><tuv xml:lang=\"en\"><seg>Coffee</seg></tuv><tuv xml:lang=\"fr\"><seg>Café crème</seg></tuv></tu></body></tmx>\n";
        let mut le = vec![0xff, 0xfe];
        le.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        let mut be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(decode(&le).unwrap(), text);
        assert_eq!(decode(&be).unwrap(), text);
        be.splice(0..0, [0xfe, 0xff]);
        assert_eq!(decode(&be).unwrap(), text);
        let latin = text.replace("UTF-16", "ISO-8859-1");
        let bytes: Vec<u8> = latin.chars().map(|c| c as u32 as u8).collect();
        let read = read(&decode(&bytes).unwrap(), "en-US", "fr").unwrap();
        assert_eq!(read.units[0].target, "Café crème");
        assert!(decode(&[b'<', b'a', 0xff, b'>'])
            .unwrap_err()
            .contains("not valid UTF-8"));
    }

    #[test]
    fn a_nested_seg_keeps_its_text_and_a_long_line_reads_fast() {
        let one = "<tu><tuv xml:lang=\"en\"><seg>a <seg>b</seg> c</seg></tuv><tuv xml:lang=\"fr\"><seg>x</seg></tuv></tu>";
        let text = format!("<tmx>\n<body>{}</body></tmx>", one.repeat(3000));
        let read = read(&text, "en-US", "fr").unwrap();
        assert_eq!(read.units.len(), 3000);
        assert_eq!(read.units[2999].source, "a b c");
        assert_eq!(read.units[2999].line, 2);
    }

    #[test]
    fn malformed_tmx_is_an_error_at_its_line() {
        let e = read("<tmx>\n<body>\n<tu></body>", "en-US", "ar").unwrap_err();
        assert_eq!(e.line, 3, "{e:?}");
        assert!(read("<x/>", "en-US", "ar").is_err());
    }
}
