//! What a translation keeps of its English besides placeables: its numbers
//! (in any digits: Arabic-Indic ١٧ is 17), its URLs and e-mail addresses, its
//! balanced brackets, its end punctuation (a question stays a question, in
//! each script's marks) and its outer whitespace. Messages that select
//! between variants are left to the plural rules: their numbers and ends
//! differ by variant.

use super::prose::{digit_value, Prose, GAP};
use super::{EntryContext, RuleInfo};
use crate::finding::{Code, Finding, Severity};
use regex::Regex;
use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::LazyLock;

pub const RULES: &[RuleInfo] = &[
    RuleInfo {
        code: Code::ChangedNumber,
        level: Severity::Warning,
        rationale: "a number of the English replaced by another (17 → 18) misinforms; digits \
                    of any script are the same number (١٧ is 17); a number only added (a date \
                    written the language's way) or only gone (written in words: Dix-sept) is \
                    not reported (pofilter `numbers`, Weblate `SameNumbersCheck`)",
    },
    RuleInfo {
        code: Code::ChangedUrl,
        level: Severity::Warning,
        rationale: "a URL in the text that changed sends readers elsewhere, an e-mail address \
                    added or dropped writes to the wrong place (pofilter `urls`, `emails`; an \
                    address replaced by another is taken for a localized example); Markdown \
                    link targets are `unsafe-markup`'s",
    },
    RuleInfo {
        code: Code::EdgeWhitespace,
        level: Severity::Warning,
        rationale: "leading or trailing whitespace the English does not have shifts the text \
                    where it is joined (Weblate `BeginSpaceCheck`, `EndSpaceCheck`)",
    },
    RuleInfo {
        code: Code::EndPunctuation,
        level: Severity::Warning,
        rationale: "a question that stopped being one, or a sentence (three words or more) or label that lost its \
                    end mark, in each script's marks (؟ ? ？ ; । 。 ۔ …: pofilter `endpunc`, \
                    Weblate `EndQuestionCheck`)",
    },
    RuleInfo {
        code: Code::UnbalancedBrackets,
        level: Severity::Warning,
        rationale: "a bracket or quote opened and not closed where the English closes it \
                    (pofilter `brackets`, Weblate `BracketsCheck`)",
    },
];

/// Numbers: digits of any script with thousands groups (`1,000`, `1 000`,
/// `١٬٠٠٠`); decimals and dates are several numbers (`1.5` is 1 and 5, as
/// `1,5` is; `31.12.2023` is 31, 12 and 2023).
static NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\d+(?:[.,٬'\x{00A0}\x{202F}\x{2009}]\d{3}\b)*").expect("a valid pattern")
});

/// URLs and e-mail addresses readers see (group 1): not those of Markdown
/// links and HTML tags, which the markup rules compare, nor code spans.
static URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"\]\([^)\s]*\)|</?[A-Za-z][^<>]*>|`[^`]*`",
        r"|((?:https?://|www\.)[^\s<>()\[\]\x{FFFC}]*[^\s<>()\[\].,;:!?\x{FFFC}]",
        r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)",
    ))
    .expect("a valid pattern")
});

pub fn check(ctx: &EntryContext, out: &mut Vec<Finding>) {
    // The English itself differs from the English in nothing (the
    // `identical` note says it is not translated yet).
    if ctx.is_reference_source() {
        return;
    }
    let Some(prose) = ctx.prose() else {
        return;
    };
    let (id, reference) = (ctx.id(), ctx.reference);
    let english = Prose::of_text(&reference.parted_text);
    if let Some(side) = literal_edge(ctx) {
        let message =
            format!("`{id}` {side} with whitespace (a `{{ \" \" }}`) the English does not have");
        out.push(ctx.finding(Code::EdgeWhitespace, message));
    }
    urls(ctx, prose, &english, out);
    brackets(ctx, prose, &english, out);
    if prose.has_select || reference.has_selects {
        return;
    }
    numbers(ctx, prose, &english, out);
    if reference.attributes.is_empty() && ctx.view.attributes().next().is_none() {
        end_punctuation(ctx, prose, &english, out);
    }
}

/// Whether the value starts or ends with whitespace written as a string
/// literal (text elements cannot: Fluent trims them), where the English
/// has none at that end.
fn literal_edge(ctx: &EntryContext) -> Option<&'static str> {
    use fluent_syntax::ast::{Expression, InlineExpression, PatternElement};
    let elements = &ctx.view.value?.elements;
    fn literal<'s>(e: Option<&PatternElement<&'s str>>) -> Option<&'s str> {
        match e {
            Some(PatternElement::Placeable {
                expression: Expression::Inline(InlineExpression::StringLiteral { value }),
            }) => Some(*value),
            _ => None,
        }
    }
    let english = &ctx.reference.text;
    if literal(elements.first()).is_some_and(|v| v.starts_with(char::is_whitespace))
        && !english.starts_with(char::is_whitespace)
    {
        return Some("starts");
    }
    let ends = literal(elements.last()).is_some_and(|v| v.ends_with(char::is_whitespace));
    (ends && !english.ends_with(char::is_whitespace)).then_some("ends")
}

/// A finding at `range` of the translation's prose, or at the id when the
/// range is not one piece of file text.
fn at(
    ctx: &EntryContext,
    prose: &Prose,
    range: Range<usize>,
    code: Code,
    message: String,
) -> Finding {
    if prose.in_file(&range) {
        super::placed(ctx, code, prose.file_range(&range), message)
    } else {
        ctx.finding(code, message)
    }
}

/// Each number of the prose, by its digits' values, with where it is.
fn number_list(prose: &Prose) -> BTreeMap<String, Vec<Range<usize>>> {
    let mut numbers: BTreeMap<String, Vec<Range<usize>>> = BTreeMap::new();
    // `\d` is a decimal digit (Nd), which `is_numeric` includes: a text
    // without one has no number, and most have none.
    if !prose.flat.chars().any(char::is_numeric) {
        return numbers;
    }
    for m in NUMBER
        .find_iter(&prose.flat)
        .filter(|m| prose.is_prose(m.start()))
    {
        let digits: String = m
            .as_str()
            .chars()
            .filter_map(digit_value)
            .filter_map(|d| char::from_digit(d, 10))
            .collect();
        let value = digits.trim_start_matches('0');
        let value = if value.is_empty() { "0" } else { value };
        numbers
            .entry(value.to_string())
            .or_default()
            .push(m.range());
    }
    numbers
}

fn numbers(ctx: &EntryContext, prose: &Prose, english: &Prose, out: &mut Vec<Finding>) {
    let (theirs, ours) = (number_list(english), number_list(prose));
    if theirs.keys().eq(ours.keys()) {
        return;
    }
    let id = ctx.id();
    // Only a number changed: an English one gone and another in its place.
    // A number added alone is a date or ordinal written the language's way
    // (`31.12.2023`, `12 月`, `1er`), one gone alone is written in words.
    let lacking: Vec<&str> = theirs
        .keys()
        .filter(|k| !ours.contains_key(*k))
        .map(String::as_str)
        .collect();
    if lacking.is_empty() {
        return;
    }
    for (value, places) in ours.iter().filter(|(k, _)| !theirs.contains_key(*k)) {
        let written = &prose.flat[places[0].clone()];
        let message = format!(
            "`{id}` has the number {written} ({value}) where the English has {}",
            lacking.join(", ")
        );
        out.push(at(
            ctx,
            prose,
            places[0].clone(),
            Code::ChangedNumber,
            message,
        ));
    }
}

fn url_list(prose: &Prose) -> BTreeMap<String, Range<usize>> {
    // A URL needs `://` or `www.`, an address `@`: a text without them has
    // none (the pattern's other branches only keep links and tags out).
    let flat = &prose.flat;
    if !(flat.contains("://") || flat.contains("www.") || flat.contains('@')) {
        return BTreeMap::new();
    }
    URL.captures_iter(&prose.flat)
        .filter_map(|c| c.get(1))
        .map(|m| (m.as_str().trim_end_matches('/').to_lowercase(), m.range()))
        .collect()
}

fn urls(ctx: &EntryContext, prose: &Prose, english: &Prose, out: &mut Vec<Finding>) {
    let (mut theirs, mut ours) = (url_list(english), url_list(prose));
    let id = ctx.id();
    // An e-mail address replaced by another is a localized example
    // (`yourname@example.com`, `иван@домен.ru`): only one added or dropped
    // is reported.
    let mail = |m: &BTreeMap<String, Range<usize>>| m.keys().filter(|u| u.contains('@')).count();
    if mail(&theirs) == mail(&ours) {
        theirs.retain(|u, _| !u.contains('@'));
        ours.retain(|u, _| !u.contains('@'));
    }
    for (url, range) in ours.iter().filter(|(u, _)| !theirs.contains_key(*u)) {
        let message = format!("`{id}` has `{url}`, which the English does not: keep the English's address unless it has a page in this language");
        out.push(at(ctx, prose, range.clone(), Code::ChangedUrl, message));
    }
    for url in theirs.keys().filter(|u| !ours.contains_key(*u)) {
        out.push(ctx.finding(
            Code::ChangedUrl,
            format!("`{id}` lacks `{url}` of the English"),
        ));
    }
}

/// Where a bracket of the pair `open`/`close` is left alone, and how many
/// more opened than closed.
fn unbalanced(prose: &Prose, open: char, close: char) -> (Option<Range<usize>>, i64) {
    let (mut stack, mut strays) = (Vec::new(), Vec::new());
    for (at, c) in prose.chars() {
        if c == open && open == close {
            if stack.pop().is_none() {
                stack.push(at);
            }
        } else if c == open {
            stack.push(at);
        } else if c == close && stack.pop().is_none() {
            strays.push(at);
        }
    }
    let balance = stack.len() as i64 - strays.len() as i64;
    let at = strays.first().or(stack.last()).copied();
    (
        at.map(|at| at..at + prose.flat[at..].chars().next().map_or(1, char::len_utf8)),
        balance,
    )
}

fn brackets(ctx: &EntryContext, prose: &Prose, english: &Prose, out: &mut Vec<Finding>) {
    // Markdown links (`[words](target)`) are markup, not prose: a dropped or
    // added link is markup-mismatch's (and link-label's) to report.
    let links = prose.flat.contains("](") || english.flat.contains("](");
    for (open, close) in [('(', ')'), ('[', ']'), ('«', '»'), ('"', '"')] {
        if links && matches!(open, '(' | '[') {
            continue;
        }
        if !prose.flat.contains([open, close]) && !english.flat.contains([open, close]) {
            continue;
        }
        let (place, ours) = unbalanced(prose, open, close);
        let (_, theirs) = unbalanced(english, open, close);
        if ours == theirs || ours == 0 && place.is_none() {
            continue;
        }
        let message = format!(
            "`{}` leaves `{open}` … `{close}` unbalanced where the English does not",
            ctx.id()
        );
        out.push(match place {
            Some(range) => at(ctx, prose, range, Code::UnbalancedBrackets, message),
            None => ctx.finding(Code::UnbalancedBrackets, message),
        });
    }
}

/// What a text's last mark says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum End {
    Question,
    Colon,
    Stop,
    None,
}

/// The last mark of the prose (closing quotes, brackets and emphasis
/// skipped), and where it is.
fn end_of(prose: &Prose, greek: bool) -> (End, Option<Range<usize>>) {
    let last = prose
        .chars()
        .filter(|&(_, c)| !(c.is_whitespace() || c == GAP || ")]»”’\"'*_`".contains(c)))
        .last();
    let Some((at, c)) = last else {
        return (End::None, None);
    };
    let end = match c {
        '?' | '؟' | '？' | '⸮' => End::Question,
        ';' if greek => End::Question,
        ':' | '：' => End::Colon,
        '.' | '!' | '…' | '。' | '！' | '۔' | '।' | '॥' | '။' | '።' | '։' | '؛' => {
            End::Stop
        }
        _ => End::None,
    };
    (end, Some(at..at + c.len_utf8()))
}

fn end_punctuation(ctx: &EntryContext, prose: &Prose, english: &Prose, out: &mut Vec<Finding>) {
    let language = ctx.scope.locale.split(['-', '_']).next().unwrap_or("");
    // Armenian marks a question on its stressed vowel; Thai, Lao and Khmer
    // end sentences with a space.
    if matches!(language, "hy" | "th" | "lo" | "km") {
        return;
    }
    let (mut theirs, _) = end_of(english, false);
    // A label's `Copied!` or `Label saved.` may drop its mark; a sentence
    // (three words or more) keeps one.
    if theirs == End::Stop && english.flat.split_whitespace().count() < 3 {
        theirs = End::None;
    }
    let (ours, place) = end_of(prose, language == "el");
    let lost = match (theirs, ours) {
        (End::None, _) => return,
        (End::Question, End::Question) | (End::Colon, End::Colon) => return,
        (End::Stop, End::Stop | End::Question | End::Colon) => return,
        (End::Question, _) => "is a question in English and not in the translation: end it with the language's question mark",
        (End::Colon, _) => "ends with a colon in English, which the translation lost",
        (End::Stop, _) => "ends a sentence in English; the translation has no end mark",
    };
    let message = format!("`{}` {lost}", ctx.id());
    out.push(match place {
        Some(range) => at(ctx, prose, range, Code::EndPunctuation, message),
        None => ctx.finding(Code::EndPunctuation, message),
    });
}
