//! The project's terminology: a glossary table (TOML) names, per English
//! term, its approved translation per locale, translations that are
//! forbidden, and terms not to translate. A message whose English has a term
//! and whose translation lacks the approved one (or uses a forbidden one, or
//! translates a do-not-translate term) gets a warning.
//!
//! ```toml
//! [[term]]
//! en = "Popular Mobilization Forces"
//! ar = "الحشد الشعبي"
//! fr = "Forces de mobilisation populaire"
//! forbidden = { ar = ["قوات التعبئة الشعبية"] }
//! [[term]]
//! en = "Firefox"
//! do-not-translate = true
//! ```
//!
//! Matching tolerates inflection and Arabic's attached words: the English
//! term is found case-insensitively at word boundaries; a translation's word
//! of five letters or more matches by all but its last two (`populaire`,
//! `populaires`), and an Arabic-script word without its article `ال` may
//! have a clitic and the article in front (`بالحشد`, `للحشد`, `والحشد`) and
//! suffixes after (Kurdish `شەعبییە`, Arabic `الكاظمي` + pronoun).

use super::RuleInfo;
use crate::finding::{Code, Finding, Severity};
use regex::Regex;
use serde::Deserialize;
use std::collections::BTreeMap;

pub const RULES: &[RuleInfo] = &[
    RuleInfo {
        code: Code::GlossaryForbidden,
        level: Severity::Warning,
        rationale: "the glossary forbids this translation of a term of the English",
    },
    RuleInfo {
        code: Code::GlossaryTerm,
        level: Severity::Warning,
        rationale: "a term of the glossary in the English whose approved translation (or, for a \
                    do-not-translate term, the term itself) the translation lacks: names \
                    spelled two ways read as two people",
    },
];

/// One term as written in the table.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "kebab-case")]
struct Row {
    en: String,
    #[serde(default)]
    forbidden: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    do_not_translate: bool,
    /// Locale → approved translation.
    #[serde(flatten)]
    approved: BTreeMap<String, String>,
}

#[derive(Debug, Default, Deserialize)]
struct Table {
    #[serde(default)]
    term: Vec<Row>,
}

/// A term, its patterns made.
#[derive(Debug)]
struct Term {
    en: String,
    english: Regex,
    approved: BTreeMap<String, (String, Regex)>,
    forbidden: BTreeMap<String, Vec<(String, Regex)>>,
    do_not_translate: bool,
}

/// A glossary term found in an English text, as one locale writes it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct TermFor {
    /// The English term, as the glossary writes it.
    pub en: String,
    /// The locale's approved translation, if the glossary has one.
    pub approved: Option<String>,
    /// Translations the glossary forbids for the locale.
    pub forbidden: Vec<String>,
    /// Kept as it is in every language.
    pub do_not_translate: bool,
}

/// A project's glossary.
#[derive(Debug, Default)]
pub struct Glossary {
    terms: Vec<Term>,
}

impl Glossary {
    /// Reads a table; the error says what is wrong where (TOML's line and
    /// column).
    pub fn parse(text: &str) -> Result<Glossary, String> {
        let table: Table = toml::from_str(text).map_err(|e| {
            let at = e
                .span()
                .map(|s| {
                    let before = &text[..s.start.min(text.len())];
                    let line = before.matches('\n').count() + 1;
                    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
                    format!("{line}:{column}: ")
                })
                .unwrap_or_default();
            format!("{at}{}", e.message())
        })?;
        Ok(Glossary::from_rows(table.term))
    }

    fn from_rows(rows: Vec<Row>) -> Glossary {
        let terms = rows
            .into_iter()
            .filter(|r| !r.en.trim().is_empty())
            .map(|r| Term {
                english: english_pattern(&r.en),
                approved: r
                    .approved
                    .into_iter()
                    .map(|(l, t)| {
                        let re = translated_pattern(&t);
                        (l, (t, re))
                    })
                    .collect(),
                forbidden: r
                    .forbidden
                    .into_iter()
                    .map(|(l, ts)| {
                        let patterns = ts.into_iter().map(|t| {
                            let re = translated_pattern(&t);
                            (t, re)
                        });
                        (l, patterns.collect())
                    })
                    .collect(),
                do_not_translate: r.do_not_translate,
                en: r.en,
            })
            .collect();
        Glossary { terms }
    }

    /// Reads a TBX file: TBX-Basic (`conceptEntry`, `langSec`, `termSec`)
    /// or the older MARTIF form Translate Toolkit writes (`termEntry`,
    /// `langSet`, `tig`). Per entry, the English term (a `xml:lang` of
    /// `en` or `en-…`), and per other language its first term, or those
    /// whose `administrativeStatus` is `deprecatedTerm-admn-sts` or
    /// `supersededTerm-admn-sts` (Weblate: `forbidden`, `obsolete`) as
    /// forbidden. An entry is do-not-translate when it says so as Translate
    /// Toolkit reads it (`<descrip type="Translation needed">no</descrip>`),
    /// as Weblate does (`<termNote type="translationNote">no</termNote>`), or
    /// with `<termNote type="translate">no</termNote>`, at any level of the
    /// entry. The error gives the line.
    pub fn parse_tbx(text: &str) -> Result<Glossary, String> {
        use quick_xml::events::Event;
        let mut reader = quick_xml::Reader::from_str(text);
        let lines = crate::ftl::LineIndex::new(text);
        let mut rows = Vec::new();
        let mut entry: Vec<(String, String, bool)> = Vec::new();
        let mut do_not_translate = false;
        let (mut lang, mut in_term, mut note) = (String::new(), false, None);
        loop {
            let event = reader.read_event().map_err(|e| {
                let (line, column) = lines.position(reader.error_position() as usize);
                format!("{line}:{column}: malformed XML: {e}")
            })?;
            match event {
                Event::Eof => break,
                Event::Start(e) => match e.local_name().as_ref() {
                    b"termEntry" | b"conceptEntry" => {
                        entry.clear();
                        do_not_translate = false;
                    }
                    b"langSet" | b"langSec" => {
                        lang = e
                            .attributes()
                            .flatten()
                            .find(|a| a.key.as_ref() == b"xml:lang")
                            .map(|a| String::from_utf8_lossy(&a.value).into_owned())
                            .unwrap_or_default();
                    }
                    b"term" => in_term = true,
                    name @ (b"termNote" | b"descrip") => {
                        let kind = e
                            .attributes()
                            .flatten()
                            .find(|a| a.key.as_ref() == b"type")
                            .map(|a| a.value.into_owned());
                        note = match (name, kind.as_deref()) {
                            (b"termNote", Some(b"administrativeStatus")) => Some(TbxNote::Status),
                            (b"termNote", Some(b"translationNote" | b"translate"))
                            | (b"descrip", Some(b"Translation needed")) => Some(TbxNote::Translate),
                            _ => None,
                        };
                    }
                    _ => {}
                },
                Event::Text(t) if in_term || note.is_some() => {
                    let value = t.decode().map_err(|e| e.to_string())?;
                    let value = quick_xml::escape::unescape(&value).map_err(|e| e.to_string())?;
                    let value = value.trim();
                    match note {
                        _ if in_term => entry.push((lang.clone(), value.to_string(), false)),
                        Some(TbxNote::Status) => {
                            if let Some(last) = entry.last_mut() {
                                last.2 = [
                                    "deprecatedTerm-admn-sts",
                                    "supersededTerm-admn-sts",
                                    "deprecated",
                                    "forbidden",
                                    "obsolete",
                                ]
                                .iter()
                                .any(|s| value.eq_ignore_ascii_case(s));
                            }
                        }
                        Some(TbxNote::Translate) => {
                            do_not_translate |= value.eq_ignore_ascii_case("no")
                        }
                        None => {}
                    }
                }
                Event::End(e) => match e.local_name().as_ref() {
                    b"term" => in_term = false,
                    b"termNote" | b"descrip" => note = None,
                    b"termEntry" | b"conceptEntry" => {
                        rows.extend(tbx_row(&entry).map(|mut row| {
                            row.do_not_translate = do_not_translate;
                            row
                        }))
                    }
                    _ => {}
                },
                _ => {}
            }
        }
        Ok(Glossary::from_rows(rows))
    }

    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// The glossary files of a project (paths inside it), read together; a
    /// file that cannot be read or parsed is a warning naming it (and the
    /// line), and the others still count.
    pub fn load(root: &std::path::Path, files: &[std::path::PathBuf]) -> (Glossary, Vec<String>) {
        let mut glossary = Glossary::default();
        let mut warnings = Vec::new();
        for file in files {
            let path = root.join(file);
            let read = crate::fsutil::resolve_inside(&path)
                .and_then(|p| crate::fsutil::read_text(&p))
                .map_err(|e| e.to_string())
                .and_then(|text| {
                    let tbx = file
                        .extension()
                        .is_some_and(|e| e.eq_ignore_ascii_case("tbx"));
                    if tbx {
                        Glossary::parse_tbx(&text)
                    } else {
                        Glossary::parse(&text)
                    }
                });
            match read {
                Ok(g) => glossary.terms.extend(g.terms),
                Err(e) => warnings.push(format!("glossary {}: {e}", file.display())),
            }
        }
        (glossary, warnings)
    }

    /// The glossary's terms that occur in `english`, as `locale` must write
    /// them (its own entry, else its language's: `fr` for `fr-CA`): what
    /// the check compares, and what the language server's hover and serve's
    /// translate view show beside a translation.
    pub fn terms_for(&self, locale: &str, english: &str) -> Vec<TermFor> {
        self.matching(locale, english)
            .map(|(term, approved, forbidden)| TermFor {
                en: term.en.clone(),
                approved: approved.map(|(t, _)| t.clone()),
                forbidden: forbidden
                    .into_iter()
                    .flatten()
                    .map(|(t, _)| t.clone())
                    .collect(),
                do_not_translate: term.do_not_translate,
            })
            .collect()
    }

    /// The terms of `english`, each with the locale's approved and
    /// forbidden translations.
    #[allow(clippy::type_complexity)]
    fn matching<'g>(
        &'g self,
        locale: &'g str,
        english: &'g str,
    ) -> impl Iterator<
        Item = (
            &'g Term,
            Option<&'g (String, Regex)>,
            Option<&'g Vec<(String, Regex)>>,
        ),
    > + 'g {
        let language = locale.split(['-', '_']).next().unwrap_or(locale);
        self.terms
            .iter()
            .filter(move |t| t.english.is_match(english))
            .map(move |term| {
                let approved = term
                    .approved
                    .get(locale)
                    .or_else(|| term.approved.get(language));
                let forbidden = term
                    .forbidden
                    .get(locale)
                    .or_else(|| term.forbidden.get(language));
                (term, approved, forbidden)
            })
    }

    /// The problems of one translation of `english` in `locale`: each with
    /// its code and message.
    pub fn check(&self, locale: &str, english: &str, translation: &str) -> Vec<(Code, String)> {
        let mut out = Vec::new();
        for (term, approved, forbidden) in self.matching(locale, english) {
            if term.do_not_translate && !translation.contains(term.en.as_str()) {
                out.push((Code::GlossaryTerm, format!("the English has `{}`, which the glossary says not to translate: keep it as it is", term.en)));
            } else if let Some((text, _)) = approved.filter(|(_, re)| !re.is_match(translation)) {
                out.push((
                    Code::GlossaryTerm,
                    format!(
                        "the English has `{}`, which the glossary translates `{text}`",
                        term.en
                    ),
                ));
            }
            for (text, _) in forbidden
                .into_iter()
                .flatten()
                .filter(|(_, re)| re.is_match(translation))
            {
                out.push((
                    Code::GlossaryForbidden,
                    format!(
                        "`{text}` for `{}` is forbidden by the glossary{}",
                        term.en,
                        approved
                            .map(|(a, _)| format!(": write `{a}`"))
                            .unwrap_or_default()
                    ),
                ));
            }
        }
        out
    }
}

/// What a TBX note being read says.
#[derive(Debug, Clone, Copy)]
enum TbxNote {
    /// `administrativeStatus`: preferred, deprecated…
    Status,
    /// Whether the term is translated (`no`: keep it as it is).
    Translate,
}

/// A glossary row of one TBX entry: (language, term, forbidden) each.
fn tbx_row(entry: &[(String, String, bool)]) -> Option<Row> {
    let english = |l: &str| l == "en" || l.starts_with("en-") || l.starts_with("en_");
    let en = entry
        .iter()
        .find(|(l, t, _)| english(l) && !t.is_empty())?
        .1
        .clone();
    let mut row = Row {
        en,
        forbidden: BTreeMap::new(),
        do_not_translate: false,
        approved: BTreeMap::new(),
    };
    for (lang, term, forbidden) in entry
        .iter()
        .filter(|(l, t, _)| !english(l) && !t.is_empty())
    {
        if *forbidden {
            row.forbidden
                .entry(lang.clone())
                .or_default()
                .push(term.clone());
        } else {
            row.approved
                .entry(lang.clone())
                .or_insert_with(|| term.clone());
        }
    }
    Some(row)
}

/// The English term, case ignored, at word boundaries.
fn english_pattern(term: &str) -> Regex {
    let words: Vec<String> = term.split_whitespace().map(regex::escape).collect();
    Regex::new(&format!(r"(?i)\b{}\b", words.join(r"\s+"))).expect("escaped words")
}

/// A translated term, tolerant of inflection and attached words.
fn translated_pattern(term: &str) -> Regex {
    let words: Vec<String> = term
        .split_whitespace()
        .map(|w| {
            let arabic = w.chars().any(super::prose::is_arabic_letter);
            if arabic {
                let bare = w
                    .strip_prefix("ال")
                    .filter(|b| b.chars().count() >= 2)
                    .unwrap_or(w);
                format!(r"[وفبكل]?(?:ال|لل)?{}\w*", regex::escape(bare))
            } else {
                let chars: Vec<char> = w.chars().collect();
                if chars.len() >= 5 {
                    let stem: String = chars[..chars.len() - 2].iter().collect();
                    format!(r"{}\w*", regex::escape(&stem))
                } else {
                    regex::escape(w)
                }
            }
        })
        .collect();
    Regex::new(&format!(r"(?i)(?:^|\W){}(?:\W|$)", words.join(r"\W+"))).expect("escaped words")
}

/// The glossary's findings on one message (at its id), when the project has
/// a glossary.
pub fn check(ctx: &super::EntryContext, out: &mut Vec<Finding>) {
    let Some(glossary) = ctx.scope.glossary else {
        return;
    };
    // The English copied as it is (a template filled with it): `identical`
    // says so already.
    if ctx.uses.text == ctx.reference.text {
        return;
    }
    let found = glossary.check(ctx.scope.locale, &ctx.reference.text, &ctx.uses.text);
    for (code, message) in found {
        out.push(ctx.finding(code, format!("`{}`: {message}", ctx.id())));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TABLE: &str = r#"
[[term]]
en = "Popular Mobilization Forces"
ar = "الحشد الشعبي"
ckb = "حەشدی شەعبی"
fr = "Forces de mobilisation populaire"
forbidden = { ar = ["قوات التعبئة الشعبية"] }

[[term]]
en = "Firefox"
do-not-translate = true
"#;

    #[test]
    fn approved_forbidden_and_do_not_translate_terms_in_three_languages() {
        let g = Glossary::parse(TABLE).unwrap();
        let en = "the popular mobilization forces grew";
        // Arabic: the article and a clitic in front are the same term.
        assert!(g.check("ar", en, "ازداد نفوذ الحشد الشعبي").is_empty());
        assert!(g.check("ar", en, "ونما دور بالحشد الشعبي").is_empty());
        let forbidden = g.check("ar", en, "ونمت قوات التعبئة الشعبية");
        let codes: Vec<Code> = forbidden.iter().map(|f| f.0).collect();
        assert_eq!(
            codes,
            [Code::GlossaryTerm, Code::GlossaryForbidden],
            "{forbidden:?}"
        );
        assert!(forbidden[1].1.contains("write `الحشد الشعبي`"));
        // Kurdish and French, French inflected.
        assert!(g.check("ckb", en, "حەشدی شەعبی گەورە بوو").is_empty());
        assert_eq!(g.check("ckb", en, "هێزەکانی بەسیج").len(), 1);
        assert!(g
            .check("fr-FR", en, "les forces de mobilisation populaires")
            .is_empty());
        assert_eq!(g.check("fr", en, "les milices").len(), 1);
        // A message without the term; a name kept or translated.
        assert!(g.check("fr", "Nothing here", "Rien").is_empty());
        assert!(g.check("ar", "Open Firefox", "افتح Firefox").is_empty());
        assert_eq!(
            g.check("ar", "Open Firefox", "افتح فايرفوكس")[0].0,
            Code::GlossaryTerm
        );
    }

    #[test]
    fn tbx_basic_with_a_forbidden_term() {
        let tbx = r#"<?xml version="1.0"?>
<tbx style="dca" type="TBX-Basic" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
<text><body>
<conceptEntry id="c1">
  <langSec xml:lang="en"><termSec><term>Popular Mobilization Forces</term></termSec></langSec>
  <langSec xml:lang="ar">
    <termSec><term>الحشد الشعبي</term><termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termSec>
    <termSec><term>قوات التعبئة الشعبية</term><termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></termSec>
  </langSec>
  <langSec xml:lang="ckb"><termSec><term>حەشدی شەعبی</term></termSec></langSec>
</conceptEntry>
</body></text></tbx>"#;
        let g = Glossary::parse_tbx(tbx).unwrap();
        let en = "The Popular Mobilization Forces";
        assert!(g.check("ar", en, "الحشد الشعبي").is_empty());
        let codes: Vec<Code> = g
            .check("ar", en, "قوات التعبئة الشعبية")
            .iter()
            .map(|f| f.0)
            .collect();
        assert_eq!(codes, [Code::GlossaryTerm, Code::GlossaryForbidden]);
        assert_eq!(g.check("ckb", en, "هێزەکان").len(), 1);
        let e = Glossary::parse_tbx("<tbx><text>\n<body></text></tbx>").unwrap_err();
        assert!(e.starts_with("2:"), "{e}");
    }

    #[test]
    fn terms_for_an_english_text_in_a_locale() {
        let g = Glossary::parse(TABLE).unwrap();
        let en = "Open Firefox: the Popular Mobilization Forces grew";
        let ar = g.terms_for("ar-IQ", en);
        assert_eq!(
            ar,
            [
                TermFor {
                    en: "Popular Mobilization Forces".into(),
                    approved: Some("الحشد الشعبي".into()),
                    forbidden: vec!["قوات التعبئة الشعبية".into()],
                    do_not_translate: false,
                },
                TermFor {
                    en: "Firefox".into(),
                    approved: None,
                    forbidden: vec![],
                    do_not_translate: true,
                },
            ]
        );
        let fr = g.terms_for("fr", en);
        assert_eq!(
            fr[0].approved.as_deref(),
            Some("Forces de mobilisation populaire")
        );
        assert!(fr[0].forbidden.is_empty());
        assert!(g.terms_for("ar", "Nothing here").is_empty());
    }

    /// The fixture Translate Toolkit's API reads too (bench/interop.sh):
    /// do-not-translate as Translate Toolkit, Weblate and `translate` mark
    /// it, a deprecated French spelling forbidden.
    #[test]
    fn tbx_do_not_translate_marks() {
        let tbx = include_str!("../../../tests/fixtures/glossary/terms.tbx");
        let g = Glossary::parse_tbx(tbx).unwrap();
        for term in ["Firefox", "Relay", "Mozilla"] {
            let english = format!("Open {term} now");
            let found = g.terms_for("ar", &english);
            assert_eq!(found.len(), 1, "{term}: {found:?}");
            assert!(found[0].do_not_translate, "{term}");
            assert!(g.check("ar", &english, &format!("افتح {term}")).is_empty());
            let translated = g.check("ar", &english, "افتح البرنامج");
            assert_eq!(translated.len(), 1, "{term}");
            assert_eq!(translated[0].0, Code::GlossaryTerm);
            assert!(
                translated[0].1.contains("not to translate"),
                "{translated:?}"
            );
        }
        // `Translation needed: yes` is an ordinary term.
        let mask = g.terms_for("ckb", "Create a mask");
        assert!(!mask[0].do_not_translate);
        assert_eq!(mask[0].approved.as_deref(), Some("ماسک"));
        let kadhimi = g.terms_for("fr", "Al-Kadhimi");
        assert_eq!(kadhimi[0].approved.as_deref(), Some("Kazimi"));
        assert_eq!(kadhimi[0].forbidden, ["Kazemi"]);
        assert!(!kadhimi[0].do_not_translate);
        let codes: Vec<Code> = g
            .check("fr", "Al-Kadhimi", "Al-Kazemi")
            .iter()
            .map(|f| f.0)
            .collect();
        assert_eq!(codes, [Code::GlossaryTerm, Code::GlossaryForbidden]);
    }

    #[test]
    fn a_malformed_table_says_where() {
        let e = Glossary::parse("[[term]]\nen = \"x\"\nar = [\n").unwrap_err();
        assert!(e.starts_with("3:") || e.starts_with("4:"), "{e}");
    }
}
