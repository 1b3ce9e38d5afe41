//! compare-locales' checks of what a `.dtd` value is for (its `DTDChecker`
//! with `CSSCheckMixin`): an English value that is a number, a CSS length
//! (`20em`) or CSS sizes (`width: 20em; height: 3ch`, a window's size in
//! the DTDs of older Firefox windows) must stay one in the translation,
//! with the same properties and units. Its messages, levels and rules,
//! including Python's `$`, which also matches before a final line end.

use super::Issue;
use crate::finding::{Code, Severity};
use regex::Regex;
use std::sync::LazyLock;

/// `(prop): (length)(unit)`, or the end of the text (compare-locales'
/// `_css_spec`).
static SPEC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?:(?P<prop>(?:min-|max-)?(?:width|height))[ \t\r\n]*:[ \t\r\n]*",
        r"(?P<length>[0-9]+|[0-9]*\.[0-9]+)(?P<unit>ch|em|ex|rem|px|cm|mm|in|pc|pt))|\z",
    ))
    .expect("a valid pattern")
});

/// The text as Python's `^…$` sees it: a final `\n` may follow the match.
fn whole(text: &str) -> &str {
    text.strip_suffix('\n').unwrap_or(text)
}

/// `[0-9]+|[0-9]*\.[0-9]+`, the whole of `text`.
fn is_number(text: &str) -> bool {
    let (int, frac) = match text.split_once('.') {
        Some((int, frac)) => (int, Some(frac)),
        None => (text, None),
    };
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    match frac {
        None => !int.is_empty() && digits(int),
        Some(frac) => digits(int) && !frac.is_empty() && digits(frac),
    }
}

/// A number followed by `em`, `px`, `ch`, `cm` or `in`.
fn is_length(text: &str) -> bool {
    ["em", "px", "ch", "cm", "in"]
        .iter()
        .any(|unit| text.strip_suffix(unit).is_some_and(is_number))
}

/// The CSS sizes a value declares, property and unit in order (a property
/// declared twice keeps its first place and last unit), and whether
/// anything else is in it; `None` when it declares none.
fn sizes(value: &str) -> Option<(Vec<(&str, &str)>, bool)> {
    let mut found: Vec<(&str, &str)> = Vec::new();
    let mut bad = false;
    let mut end = 0;
    // `[ \t\r\n]*(;)?[ \t\r\n]*$` between two declarations (before the
    // first, without the `;`): else `css-bad-content` or
    // `css-missing-semicolon`, both "reference is a CSS spec".
    let mut gap = |from: usize, to: usize| {
        fn blank(s: &str) -> &str {
            s.trim_start_matches([' ', '\t', '\r', '\n'])
        }
        let gap = blank(&value[from..to]);
        let semi = gap.strip_prefix(';');
        let fine = blank(semi.unwrap_or(gap)).is_empty() && (semi.is_some() || from == 0);
        bad |= !fine;
    };
    for m in SPEC.captures_iter(value) {
        let whole = m.get(0).expect("a match");
        let (Some(prop), Some(unit)) = (m.name("prop"), m.name("unit")) else {
            continue; // the end
        };
        if whole.start() > end {
            gap(end, whole.start());
        }
        match found.iter_mut().find(|(p, _)| *p == prop.as_str()) {
            Some(entry) => entry.1 = unit.as_str(),
            None => found.push((prop.as_str(), unit.as_str())),
        }
        end = whole.end();
    }
    if found.is_empty() {
        return None;
    }
    if value.len() > end {
        gap(end, value.len());
    }
    Some((found, bad))
}

/// The issues of a translation of `english` as `ours` (at the value's start).
pub fn check(english: &str, ours: &str, issues: &mut Vec<Issue>) {
    let mut issue = |severity, message: &str| {
        issues.push(Issue {
            severity,
            offset: 0,
            message: message.to_string(),
            code: Code::DtdValue,
        })
    };
    let (english_whole, ours_whole) = (whole(english), whole(ours));
    if is_number(english_whole) && !is_number(ours_whole) {
        issue(Severity::Warning, "reference is a number");
    }
    if is_length(english_whole) && !is_length(ours_whole) {
        issue(Severity::Error, "reference is a CSS length");
    }
    let Some((mut theirs, _)) = sizes(english) else {
        return;
    };
    let ours = match sizes(ours) {
        Some((ours, false)) => ours,
        _ => return issue(Severity::Error, "reference is a CSS spec"),
    };
    let mut messages: Vec<String> = Vec::new();
    for (prop, unit) in ours {
        match theirs.iter().position(|(p, _)| *p == prop) {
            None => messages.insert(0, format!("{prop} only in l10n")),
            Some(i) => {
                let (_, english_unit) = theirs.remove(i);
                if unit != english_unit {
                    messages.push(format!(
                        "units for {prop} don't match ({unit} != {english_unit})"
                    ));
                }
            }
        }
    }
    for (prop, _) in theirs {
        messages.insert(0, format!("{prop} only in reference"));
    }
    if !messages.is_empty() {
        issue(Severity::Warning, &messages.join(", "));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn messages(english: &str, ours: &str) -> Vec<(Severity, String)> {
        let mut issues = Vec::new();
        check(english, ours, &mut issues);
        issues
            .into_iter()
            .map(|i| (i.severity, i.message))
            .collect()
    }

    /// Each case as compare-locales 9.0.5 reports it (run on a `.dtd`).
    #[test]
    fn numbers_lengths_and_sizes_as_compare_locales_checks_them() {
        let w = |m: &str| (Severity::Warning, m.to_string());
        let e = |m: &str| (Severity::Error, m.to_string());
        assert_eq!(
            messages("42", "zweiundvierzig"),
            [w("reference is a number")]
        );
        assert_eq!(messages("42", "42"), []);
        assert_eq!(messages("1.5", ".5"), []);
        assert_eq!(messages("20em", "20"), [e("reference is a CSS length")]);
        assert_eq!(messages("20em", "22ch"), []);
        assert_eq!(
            messages("width: 20em; height: 3ch", "width: 20px"),
            [w(
                "height only in reference, units for width don't match (px != em)"
            )]
        );
        assert_eq!(
            messages("width: 20em", "min-width: 20em; width: 3em"),
            [w("min-width only in l10n")]
        );
        assert_eq!(
            messages("width: 20em", "Breite: 20em"),
            [e("reference is a CSS spec")]
        );
        assert_eq!(
            messages("width: 20em", "width: 20em height: 2em"),
            [e("reference is a CSS spec")]
        );
        assert_eq!(messages("width: 20em", "width:30em ;"), []);
        assert_eq!(messages("Plain text", "Texte"), []);
        assert_eq!(
            messages("width: 20em", "width: 20em und mehr"),
            [e("reference is a CSS spec")]
        );
    }
}
