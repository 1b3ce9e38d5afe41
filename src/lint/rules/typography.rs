//! The typography of the locale: what Weblate's and Translate Toolkit's
//! checks catch for each language, each active only for the locales whose
//! script or language it concerns (ICU4X's likely subtags give a locale's
//! script: `ckb` is written in Arabic letters, `fr` in Latin ones). Each
//! finding spans the characters concerned; [`fix_for`] says what the safe
//! fix of one is (`ftlkit check --fix`).

use super::prose::{is_arabic_letter, Prose, GAP};
use super::{EntryContext, RuleInfo};
use crate::finding::{Code, Finding, Severity};
use std::ops::Range;

pub const RULES: &[RuleInfo] = &[
    RuleInfo {
        code: Code::ArabicPunctuation,
        level: Severity::Warning,
        rationale: "Arabic-script text takes the Arabic question mark, comma, semicolon and \
                    percent sign (؟ ، ؛ ٪, W3C alreq); a Latin `?` after Arabic words faces \
                    the wrong way",
    },
    RuleInfo {
        code: Code::DoubleSpace,
        level: Severity::Warning,
        rationale: "two spaces in a row where the English has none are a slip (pofilter \
                    `doublespacing`, Weblate `DoubleSpaceCheck`)",
    },
    RuleInfo {
        code: Code::FrenchSpacing,
        level: Severity::Warning,
        rationale: "French puts a narrow no-break space (U+202F) before `; : ! ?` and inside \
                    « » (Weblate `PunctuationSpacingCheck`, pofilter `puncspacing`); a plain \
                    space lets the mark wrap to the next line alone",
    },
    RuleInfo {
        code: Code::RepeatedWord,
        level: Severity::Warning,
        rationale: "a word of three letters or more written twice in a row (\"the the\"), \
                    case and all, is a slip the English does not have (pofilter \
                    `doublewords`); not checked in languages that double words in their \
                    grammar (Turkish, Persian, Hindi, Indonesian…)",
    },
    RuleInfo {
        code: Code::SoraniLetters,
        level: Severity::Warning,
        rationale: "Central Kurdish writes ی ک ە ڕ, not the Arabic ي ى ك ة ڒ or ه with ZWNJ \
                    (the letters Lucene's Sorani normalizer replaces): search and sorting \
                    miss words spelled with them",
    },
    RuleInfo {
        code: Code::Tatweel,
        level: Severity::Warning,
        rationale: "tatweel (U+0640) between two letters stretches a word to fill space; it \
                    breaks search and justified text (Weblate `KashidaCheck`); the one joining \
                    a prefix to a number (`بـ١٠`) or making an abbreviation (`هـ`) is kept",
    },
    RuleInfo {
        code: Code::ZeroWidthSpace,
        level: Severity::Warning,
        rationale: "a zero-width space (U+200B) the English lacks is invisible and breaks \
                    words and search; Persian and Kurdish need ZWNJ (U+200C), which is left \
                    alone, and Thai, Lao, Khmer and Burmese use U+200B between words",
    },
];

/// What the locale's typography asks, found once per locale.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Profile {
    /// Written in the Arabic script (ar, fa, ckb, ur…).
    pub arabic_script: bool,
    /// Central Kurdish (Sorani), or Kurdish in Arabic letters.
    pub sorani: bool,
    /// French; `full` but in Canada and Switzerland, which put no space
    /// before `; ! ?`.
    pub french: Option<bool>,
    /// A script that separates words with U+200B (Thai, Lao, Khmer, Burmese).
    pub zwsp_words: bool,
    /// A language that doubles words in its grammar (Turkish `ayrı ayrı`,
    /// Persian `کم کم`, Hindi, Indonesian…): no repeated-word check.
    pub reduplicates: bool,
}

impl Profile {
    pub fn of(langid: &unic_langid::LanguageIdentifier) -> Profile {
        let language = langid.language.as_str();
        let script = script_of(langid);
        let region = langid.region.as_ref().map(|r| r.as_str());
        Profile {
            arabic_script: script == "Arab",
            sorani: language == "ckb" || (language == "ku" && script == "Arab"),
            french: (language == "fr").then_some(!matches!(region, Some("CA" | "CH"))),
            zwsp_words: matches!(script.as_str(), "Thai" | "Laoo" | "Khmr" | "Mymr"),
            reduplicates: matches!(
                language,
                "tr" | "az"
                    | "fa"
                    | "ur"
                    | "skr"
                    | "pa"
                    | "hi"
                    | "bn"
                    | "id"
                    | "ms"
                    | "tl"
                    | "vi"
                    | "th"
                    | "ja"
                    | "zh"
                    | "ko"
                    | "sw"
            ),
        }
    }
}

/// The locale's script, as written or as ICU4X's likely subtags give it.
fn script_of(langid: &unic_langid::LanguageIdentifier) -> String {
    if let Some(script) = langid.script {
        return script.as_str().to_string();
    }
    let Ok(mut id) = icu::locale::LanguageIdentifier::try_from_str(langid.language.as_str()) else {
        return String::new();
    };
    icu::locale::LocaleExpander::new_extended().maximize(&mut id);
    id.script
        .map(|s| s.as_str().to_string())
        .unwrap_or_default()
}

/// One finding in the prose: its code, its range in `flat`, its message.
struct Issue {
    code: Code,
    at: Range<usize>,
    message: String,
}

pub fn check(ctx: &EntryContext, out: &mut Vec<Finding>) {
    let Some(prose) = ctx.prose() else {
        return;
    };
    let profile = ctx.scope.typography;
    let mut issues = Vec::new();
    if profile.arabic_script {
        arabic_punctuation(prose, &mut issues);
    }
    tatweel(prose, &mut issues);
    if let Some(full) = profile.french {
        french_spacing(prose, full, &mut issues);
    }
    if profile.sorani {
        sorani_letters(prose, &mut issues);
    }
    let english = &ctx.reference.text;
    if !english.contains("  ") {
        double_space(prose, &mut issues);
    }
    let zwsp = prose.flat.contains('\u{200B}');
    if zwsp && !profile.zwsp_words && !english.contains('\u{200B}') {
        for (at, c) in prose.chars().filter(|&(_, c)| c == '\u{200B}') {
            let message = "a zero-width space (U+200B) the English does not have: remove it (ZWNJ, U+200C, is the joiner-breaker Persian and Kurdish need)".to_string();
            issues.push(Issue {
                code: Code::ZeroWidthSpace,
                at: at..at + c.len_utf8(),
                message,
            });
        }
    }
    if !profile.reduplicates {
        repeated_words(prose, english, profile.french.is_some(), &mut issues);
    }
    for issue in issues.into_iter().filter(|i| prose.in_file(&i.at)) {
        let span = prose.file_range(&issue.at);
        out.push(super::placed(
            ctx,
            issue.code,
            span,
            format!("`{}`: {}", ctx.id(), issue.message),
        ));
    }
}

/// The safe fix of a finding of `code` whose span has `text`: what replaces
/// it, when one replacement is certainly right.
pub fn fix_for(code: Code, text: &str) -> Option<String> {
    let fixed = match (code, text) {
        (Code::ArabicPunctuation, "?") => "؟",
        (Code::ArabicPunctuation, ",") => "،",
        (Code::ArabicPunctuation, ";") => "؛",
        (Code::ArabicPunctuation, "%") => "٪",
        (Code::FrenchSpacing, " " | "\u{00A0}") => "\u{202F}",
        (Code::FrenchSpacing, "«") => "«\u{202F}",
        (Code::FrenchSpacing, m @ ("»" | "?" | "!" | ";" | ":")) => {
            return Some(format!("\u{202F}{m}"))
        }
        (Code::SoraniLetters, "ي" | "ى") => "ی",
        (Code::SoraniLetters, "ك") => "ک",
        (Code::DoubleSpace, t) if t.len() > 1 && t.bytes().all(|b| b == b' ') => " ",
        _ => return None,
    };
    Some(fixed.to_string())
}

/// Latin `? , ; %` after Arabic words (`%` next to Arabic-Indic digits).
fn arabic_punctuation(prose: &Prose, issues: &mut Vec<Issue>) {
    for (at, c) in prose.chars() {
        let arabic = match c {
            '?' | ',' | ';' => "؟،؛".chars().nth("?,;".find(c).unwrap_or(0)),
            '%' => Some('٪'),
            _ => continue,
        };
        let before = prose.flat[..at]
            .chars()
            .rev()
            .find(|c| !matches!(c, ')' | '»' | '"' | '”' | '*' | '_'));
        let indic = |c: Option<char>| {
            c.is_some_and(|c| {
                ('\u{0660}'..='\u{0669}').contains(&c) || ('\u{06F0}'..='\u{06F9}').contains(&c)
            })
        };
        let concerned = match c {
            '%' => indic(before) || indic(prose.after(at)),
            _ => before.is_some_and(is_arabic_letter),
        };
        if let (true, Some(arabic)) = (concerned, arabic) {
            issues.push(Issue {
                code: Code::ArabicPunctuation,
                at: at..at + 1,
                message: format!("Latin `{c}` in Arabic text: write `{arabic}`"),
            });
        }
    }
}

/// Tatweel inside a word, between Arabic letters: not the one that joins a
/// prefix to a number or a placeable (`بـ{ $count }`, `بـ١٠`) or makes an
/// abbreviation (`هـ`).
fn tatweel(prose: &Prose, issues: &mut Vec<Issue>) {
    if !prose.flat.contains('\u{0640}') {
        return;
    }
    for (at, _) in prose.chars().filter(|&(_, c)| c == '\u{0640}') {
        if prose.before(at) == Some('\u{0640}') || !prose.before(at).is_some_and(is_arabic_letter) {
            continue;
        }
        let run = prose.flat[at..]
            .chars()
            .take_while(|&c| c == '\u{0640}')
            .count();
        let len = run * '\u{0640}'.len_utf8();
        if !prose.flat[at + len..]
            .chars()
            .next()
            .is_some_and(is_arabic_letter)
        {
            continue;
        }
        issues.push(Issue {
            code: Code::Tatweel,
            at: at..at + len,
            message: "tatweel (U+0640) stretches the word: remove it and let justification do the spacing".to_string(),
        });
    }
}

/// The spaces French puts before `; : ! ?`, after « and before ».
fn french_spacing(prose: &Prose, full: bool, issues: &mut Vec<Issue>) {
    let spaced = |c: Option<char>| matches!(c, Some('\u{202F}' | '\u{00A0}' | '\u{2009}'));
    let marks = |c| matches!(c, ':' | ';' | '!' | '?' | '«' | '»');
    for (at, c) in prose.chars().filter(|&(_, c)| marks(c)) {
        let (before, after) = (prose.before(at), prose.after(at));
        let mark = match c {
            ':' => true,
            ';' | '!' | '?' if full => true,
            '«' => {
                if !spaced(after) && after.is_some_and(|a| a != '\n' && a != GAP) {
                    let message = if after == Some(' ') {
                        "a plain space after `«`: French puts a narrow no-break space (U+202F) there".to_string()
                    } else {
                        "no space after `«`: French puts a narrow no-break space (U+202F) there"
                            .to_string()
                    };
                    let at = if after == Some(' ') {
                        at + 2..at + 3
                    } else {
                        at..at + 2
                    };
                    issues.push(Issue {
                        code: Code::FrenchSpacing,
                        at,
                        message,
                    });
                }
                continue;
            }
            '»' => false,
            _ => continue,
        };
        if mark {
            // `12:30`, `a:b`, `?!`, `![image]`: no punctuation to space.
            // `{ $minutes }:{ $seconds }`: a time between placeables.
            let joined = after
                .is_some_and(|a| a.is_alphanumeric() || matches!(a, '/' | '[' | '(' | '_'))
                || (c == ':' && after == Some(GAP) && before == Some(GAP));
            let doubled = before.is_some_and(|b| ";:!?…".contains(b));
            if joined || doubled || before.is_none_or(|b| b == '\n') {
                continue;
            }
        } else if before.is_none_or(|b| b == '\n' || b == GAP) {
            continue;
        }
        if spaced(before) {
            continue;
        }
        let (range, message) = if before == Some(' ') {
            (at - 1..at, format!("a plain space before `{c}`: French puts a narrow no-break space (U+202F) there, which keeps the mark on the line"))
        } else {
            (
                at..at + c.len_utf8(),
                format!(
                    "no space before `{c}`: French puts a narrow no-break space (U+202F) there"
                ),
            )
        };
        issues.push(Issue {
            code: Code::FrenchSpacing,
            at: range,
            message,
        });
    }
}

/// Arabic letters Sorani writes otherwise.
fn sorani_letters(prose: &Prose, issues: &mut Vec<Issue>) {
    for (at, c) in prose.chars() {
        let (len, wrote, sorani) = match c {
            'ي' | 'ى' => (2, c.to_string(), 'ی'),
            'ك' => (2, c.to_string(), 'ک'),
            'ة' => (2, c.to_string(), 'ە'),
            'ڒ' => (2, c.to_string(), 'ڕ'),
            'ه' if prose.after(at) == Some('\u{200C}') => (5, "ه + ZWNJ".to_string(), 'ە'),
            _ => continue,
        };
        issues.push(Issue {
            code: Code::SoraniLetters,
            at: at..at + len,
            message: format!("`{wrote}` is an Arabic letter Central Kurdish writes as `{sorani}`"),
        });
    }
}

/// Runs of spaces between words (not before a line end, where two spaces
/// are Markdown's line break).
fn double_space(prose: &Prose, issues: &mut Vec<Issue>) {
    let bytes = prose.flat.as_bytes();
    let mut at = 0;
    while let Some(found) = prose.flat[at..].find("  ") {
        let start = at + found;
        let end = start + bytes[start..].iter().take_while(|&&b| b == b' ').count();
        at = end;
        let before = prose.before(start);
        let after = prose.flat[end..].chars().next();
        let between_words =
            before.is_some_and(|b| !b.is_whitespace()) && after.is_some_and(|a| !a.is_whitespace());
        if between_words && prose.is_prose(start) {
            issues.push(Issue {
                code: Code::DoubleSpace,
                at: start..end,
                message: format!("{} spaces in a row: one is enough", end - start),
            });
        }
    }
}

/// A word written twice in a row, which the English does not repeat.
fn repeated_words(prose: &Prose, english: &str, french: bool, issues: &mut Vec<Issue>) {
    let flat = prose.flat.as_str();
    // The word before, where only spaces followed it: its range in `flat`.
    let mut last: Option<Range<usize>> = None;
    let mut start: Option<usize> = None;
    let mut only_space = true;
    for (at, c) in flat.char_indices().chain([(flat.len(), GAP)]) {
        let joins =
            matches!(c, '-' | '’' | '\'') && prose.after(at).is_some_and(char::is_alphabetic);
        if c.is_alphabetic() || (start.is_some() && (c.is_alphanumeric() || is_mark(c) || joins)) {
            start.get_or_insert(at);
            continue;
        }
        if let Some(from) = start.take() {
            let word = &flat[from..at];
            // Case counts: German `Sie sie` is you and it.
            let repeated = only_space && last.as_ref().is_some_and(|w| &flat[w.clone()] == word);
            let allowed = || {
                word.chars().count() < 3
                    || french && matches!(word, "nous" | "vous")
                    || english.contains(&format!("{word} {word}"))
            };
            if repeated && prose.is_prose(from) && !allowed() {
                let before = last.as_ref().map_or(from, |w| w.end);
                issues.push(Issue {
                    code: Code::RepeatedWord,
                    at: before..at,
                    message: format!("`{word}` twice in a row"),
                });
            }
            last = Some(from..at);
            only_space = true;
        }
        if c != ' ' {
            only_space = false;
            last = None;
        }
    }
}

/// Combining marks (Arabic harakat, ZWNJ inside Persian and Kurdish words).
fn is_mark(c: char) -> bool {
    matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{200C}' | '\u{0300}'..='\u{036F}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn profiles_follow_the_locale_script_and_region() {
        let of = |id: &str| Profile::of(&id.parse().unwrap());
        assert!(of("ar").arabic_script && !of("ar").sorani);
        assert!(of("ckb").arabic_script && of("ckb").sorani);
        assert!(of("ku-Arab").sorani && !of("ku").sorani);
        assert_eq!(of("fr").french, Some(true));
        assert_eq!(of("fr-CA").french, Some(false));
        assert_eq!(of("en").french, None);
        assert!(of("th").zwsp_words);
    }
}
