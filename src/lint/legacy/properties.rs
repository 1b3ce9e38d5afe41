//! Java-style `.properties` files as Firefox keeps them (its configs list 113
//! of them beside the Fluent files), read as compare-locales' `PropertiesParser`
//! reads them, and its `PropertiesChecker`'s checks: printf-style arguments
//! (`%S`, `%1$S`, `%d`…) lost, added or renumbered, unknown escapes, and the
//! forms of PluralForm.jsm strings.
//!
//! Hand-written rather than the `java-properties` crate: that crate reads
//! Java's rules (a key ends at the first space, ISO-8859-1 text), while
//! compare-locales reads UTF-8 and a key up to `=` or `:` (spaces inside
//! kept, trailing ones dropped), a value going on after an odd number of
//! backslashes, comments glued to the entity below them.

use super::{Entity, Issue, Parsed};
use crate::finding::Severity;
use std::ops::Range;

/// Parses a `.properties` text (line ends already made `\n`) as
/// compare-locales 9 does: comments (`#`/`!` at a line's start, glued to the
/// entity below unless a blank line parts them), blanks, entities (a key not
/// starting with a blank, `#` or `!`, up to the first `=` or `:` of its
/// line, trailing blanks dropped; the value from after the separator and
/// its blanks, going on while a line ends with an odd number of
/// backslashes, trailing blanks dropped) and junk (what is none of these, up
/// to where a key or a `#`/`!` can start).
pub fn parse(text: &str) -> Parsed {
    super::scan(text, 0, &Properties)
}

/// compare-locales' `PropertiesParser`, as [`super::Grammar`].
struct Properties;

impl super::Grammar for Properties {
    fn comment_at(&self, text: &str, at: usize) -> Option<usize> {
        comment_at(text.as_bytes(), at)
    }

    fn entity_at(&self, text: &str, at: usize) -> Option<(Range<usize>, Range<usize>, usize)> {
        let bytes = text.as_bytes();
        let (key, value) = key_at(bytes, at)?;
        let end = value_end(bytes, value).max(value);
        Some((key, value..end, end))
    }

    fn junk_end(&self, text: &str, at: usize) -> usize {
        junk_end(text.as_bytes(), at)
    }

    fn license_before(&self) -> usize {
        1
    }
}

/// `(?:[#!][^\n]*\n)*(?:[#!][^\n]*)` at `at`: its end.
fn comment_at(bytes: &[u8], at: usize) -> Option<usize> {
    let mut end = None;
    let mut pos = at;
    while pos < bytes.len() && matches!(bytes[pos], b'#' | b'!') {
        let line_end = memchr::memchr(b'\n', &bytes[pos..]).map_or(bytes.len(), |i| pos + i);
        end = Some(line_end);
        if line_end + 1 < bytes.len() && matches!(bytes[line_end + 1], b'#' | b'!') {
            pos = line_end + 1;
        } else {
            break;
        }
    }
    end
}

/// `(?P<key>[^#! \t\r\n][^=:\n]*?)[ \t]*[:=][ \t]*` at `at`: the key's range
/// and where the value starts.
fn key_at(bytes: &[u8], at: usize) -> Option<(std::ops::Range<usize>, usize)> {
    let first = *bytes.get(at)?;
    if matches!(first, b'#' | b'!' | b' ' | b'\t' | b'\r' | b'\n') {
        return None;
    }
    let sep = at
        + 1
        + bytes[at + 1..]
            .iter()
            .position(|b| matches!(b, b'=' | b':' | b'\n'))?;
    if bytes[sep] == b'\n' {
        return None;
    }
    let mut key_end = sep;
    while key_end > at + 1 && matches!(bytes[key_end - 1], b' ' | b'\t') {
        key_end -= 1;
    }
    let value = sep
        + 1
        + bytes[sep + 1..]
            .iter()
            .take_while(|b| matches!(b, b' ' | b'\t'))
            .count();
    Some((at..key_end, value))
}

/// Where a value starting at `at` ends: its last line is the first that
/// does not end with an odd number of backslashes, and its trailing blanks
/// are not part of it.
fn value_end(bytes: &[u8], at: usize) -> usize {
    let mut line_start = at;
    loop {
        let Some(nl) = memchr::memchr(b'\n', &bytes[line_start..]).map(|i| line_start + i) else {
            line_start = line_start.min(bytes.len());
            let mut end = bytes.len();
            while end > line_start && matches!(bytes[end - 1], b' ' | b'\t' | b'\r') {
                end -= 1;
            }
            return end;
        };
        let backslashes = bytes[line_start..nl]
            .iter()
            .rev()
            .take_while(|&&b| b == b'\\')
            .count();
        if backslashes % 2 == 0 {
            let mut end = nl;
            while end > line_start && matches!(bytes[end - 1], b' ' | b'\t' | b'\r') {
                end -= 1;
            }
            return end;
        }
        line_start = nl + 1;
    }
}

/// Junk starting at `at` ends where the next key or `#`/`!` could start
/// (compare-locales searches for both and takes the first).
fn junk_end(bytes: &[u8], at: usize) -> usize {
    let comment = memchr::memchr2(b'#', b'!', &bytes[at..]).map(|i| at + i);
    let key = (at..bytes.len()).find(|&i| key_at(bytes, i).is_some());
    match (comment, key) {
        (Some(c), Some(k)) => c.min(k),
        (Some(p), None) | (None, Some(p)) => p,
        (None, None) => bytes.len(),
    }
    .max(at + 1)
}

/// A value as the application reads it: `\uXXXX` (one to four hex digits),
/// `\n`, `\r`, `\t`, `\\`, a backslash and line end with the next line's
/// leading blanks dropped, any other escaped character as itself.
pub fn unescape(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.char_indices().peekable();
    while let Some((_, c)) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let Some((i, next)) = chars.next() else {
            out.push('\\');
            break;
        };
        match next {
            'u' => {
                let hex: String = raw[i + 1..]
                    .chars()
                    .take(4)
                    .take_while(char::is_ascii_hexdigit)
                    .collect();
                if hex.is_empty() {
                    out.push('u');
                    continue;
                }
                for _ in 0..hex.len() {
                    chars.next();
                }
                let code = u32::from_str_radix(&hex, 16).unwrap_or(0xFFFD);
                out.push(char::from_u32(code).unwrap_or('\u{FFFD}'));
            }
            '\n' => while chars.next_if(|(_, c)| matches!(c, ' ' | '\t')).is_some() {},
            'n' => out.push('\n'),
            'r' => out.push('\r'),
            't' => out.push('\t'),
            other => out.push(other),
        }
    }
    out
}

/// Escapes compare-locales warns about: `\` before a character that is not
/// `u`+hex, `n`, `r`, `t`, `\` or a line end. Byte offsets into `raw`.
pub fn unknown_escapes(raw: &str) -> Vec<(usize, char)> {
    let mut out = Vec::new();
    let mut chars = raw.char_indices();
    while let Some((i, c)) = chars.next() {
        if c != '\\' {
            continue;
        }
        let Some((_, next)) = chars.next() else {
            break;
        };
        let hex_follows = raw[i + 2..].starts_with(|c: char| c.is_ascii_hexdigit());
        match next {
            'u' if hex_follows => {}
            'n' | 'r' | 't' | '\\' | '\n' => {}
            other => out.push((i, other)),
        }
    }
    out
}

/// One printf argument: its conversion (`S`, `d`…), by position.
type Specs = Vec<Option<char>>;

/// The printf-style arguments of a value (unescaped), as compare-locales'
/// `getPrintfSpecs` reads them: `%%` skipped; `%S`, `%1$S`, with width and
/// precision; a lone `%`, numbered and plain arguments mixed, or a numbered
/// one left out are problems (with their byte offset).
pub fn printf_specs(value: &str) -> Result<Specs, (usize, &'static str)> {
    let bytes = value.as_bytes();
    let mut specs: Specs = Vec::new();
    let mut numbered = false;
    let mut at = 0;
    while let Some(i) = memchr::memchr(b'%', &bytes[at..]).map(|i| at + i) {
        let (number, spec, end) = match spec_at(bytes, i + 1) {
            Some(found) => found,
            None if bytes.get(i + 1) == Some(&b'%') => {
                at = i + 2;
                continue;
            }
            None => return Err((i, "Found single %")),
        };
        if (numbered && number.is_none()) || (!numbered && !specs.is_empty() && number.is_some()) {
            return Err((i, "Mixed ordered and non-ordered args"));
        }
        numbered = number.is_some();
        match number {
            Some(n) => {
                let pos = n - 1;
                if pos >= specs.len() {
                    specs.resize(pos, None);
                    specs.push(Some(spec));
                } else {
                    specs[pos] = Some(spec);
                }
            }
            None => specs.push(Some(spec)),
        }
        at = end;
    }
    if numbered && specs.iter().any(Option::is_none) {
        return Err((0, "Ordered argument missing"));
    }
    Ok(specs)
}

/// `(?:([1-9][0-9]*)\$)?(\*|[0-9]+)?(\.(?:\*|[0-9]+)?)?([duxXosScpfg])` at
/// `at` (after a `%`): the argument's number, conversion and end.
fn spec_at(bytes: &[u8], at: usize) -> Option<(Option<usize>, char, usize)> {
    let n = digits(bytes, at);
    if n > 0 && bytes[at] != b'0' && bytes.get(at + n) == Some(&b'$') {
        let number: usize = std::str::from_utf8(&bytes[at..at + n]).ok()?.parse().ok()?;
        if let Some((spec, end)) = conversion_at(bytes, at + n + 1) {
            return Some((Some(number), spec, end));
        }
        // The regex backtracks: a number without `$` may be a width.
    }
    conversion_at(bytes, at).map(|(spec, end)| (None, spec, end))
}

/// `(\*|[0-9]+)?(\.(?:\*|[0-9]+)?)?([duxXosScpfg])` at `at`: the conversion and its end.
fn conversion_at(bytes: &[u8], at: usize) -> Option<(char, usize)> {
    let width = |pos: usize| match bytes.get(pos) {
        Some(b'*') => pos + 1,
        _ => pos + digits(bytes, pos),
    };
    let mut pos = width(at);
    if bytes.get(pos) == Some(&b'.') {
        pos = width(pos + 1);
    }
    let spec = *bytes.get(pos)?;
    b"duxXosScpfg"
        .contains(&spec)
        .then_some((spec as char, pos + 1))
}

/// How many ASCII digits start at `at`.
fn digits(bytes: &[u8], at: usize) -> usize {
    bytes[at.min(bytes.len())..]
        .iter()
        .take_while(|b| b.is_ascii_digit())
        .count()
}

/// compare-locales' `checkPrintf`: the translation's arguments against the
/// English's, as a diff (Python's `SequenceMatcher` opcodes): an argument
/// missing or added, or another conversion, is an error; arguments missing
/// only at the end, a warning.
pub fn compare_printf(reference: &Specs, l10n_value: &str) -> Vec<Issue> {
    let l10n = match printf_specs(l10n_value) {
        Ok(specs) => specs,
        Err((at, message)) => {
            return vec![Issue::printf(Severity::Error, at, message.to_string())];
        }
    };
    if *reference == l10n {
        return Vec::new();
    }
    let show = |s: &Option<char>| s.map_or("None".to_string(), String::from);
    let mut errors = Vec::new();
    let mut warn = None;
    for op in super::diff::opcodes(reference, &l10n) {
        use super::diff::Op;
        match op {
            Op::Equal(..) => {}
            Op::Delete(i1, i2) if i2 == reference.len() => {
                let list: Vec<String> = (i1..i2)
                    .map(|i| {
                        format!(
                            "trailing argument {} `{}` missing",
                            i + 1,
                            show(&reference[i])
                        )
                    })
                    .collect();
                warn = Some(list.join(", "));
            }
            Op::Delete(i1, i2) => errors.extend(
                (i1..i2).map(|i| format!("argument {} `{}` missing", i + 1, show(&reference[i]))),
            ),
            Op::Insert(j1, j2) => errors.extend(
                (j1..j2).map(|j| format!("argument {} `{}` obsolete", j + 1, show(&l10n[j]))),
            ),
            Op::Replace(i1, i2, j1, j2) => errors.extend((i1..i2).zip(j1..j2).map(|(i, j)| {
                format!(
                    "argument {} `{}` should be `{}`",
                    j + 1,
                    show(&l10n[j]),
                    show(&reference[i])
                )
            })),
        }
    }
    let mut out = Vec::new();
    if !errors.is_empty() {
        out.push(Issue::printf(Severity::Error, 0, errors.join(", ")));
    }
    if let Some(warn) = warn {
        out.push(Issue::printf(Severity::Warning, 0, warn));
    }
    out
}

/// compare-locales' `check_plural` for PluralForm.jsm strings (the English
/// comment links to Localization_and_Plurals): as many `;`-separated forms
/// as the locale's rule has, and the English's `#1`-style variables.
pub fn compare_plural(locale: &str, reference: &str, l10n: &str) -> Vec<Issue> {
    let mut out = Vec::new();
    if let Some(expected) = super::plurals::forms(locale) {
        let found = l10n.matches(';').count() + 1;
        if expected != found {
            out.push(Issue::plural(
                Severity::Warning,
                format!("expecting {expected} plurals, found {found}"),
            ));
        }
    }
    let variables = |text: &str| -> std::collections::BTreeSet<u64> {
        let bytes = text.as_bytes();
        let mut set = std::collections::BTreeSet::new();
        for (i, _) in text.match_indices('#') {
            let n = bytes[i + 1..]
                .iter()
                .take_while(|b| b.is_ascii_digit())
                .count();
            if let Ok(v) = text[i + 1..i + 1 + n].parse() {
                set.insert(v);
            }
        }
        set
    };
    let (theirs, ours) = (variables(reference), variables(l10n));
    if theirs.is_empty() {
        return out;
    }
    if !theirs.is_subset(&ours) {
        out.push(Issue::plural(
            Severity::Warning,
            "not all variables used in l10n".to_string(),
        ));
    } else if !ours.is_subset(&theirs) {
        out.push(Issue::plural(
            Severity::Error,
            "unreplaced variables in l10n".to_string(),
        ));
    }
    out
}

/// What the checks need of an English entity, made once for every locale:
/// its value as the application reads it, its printf arguments, and
/// whether it is a PluralForm.jsm string.
#[derive(Debug, Clone)]
pub struct English {
    value: String,
    specs: Specs,
    plural: bool,
}

impl English {
    pub fn of(entity: &Entity, text: &str) -> English {
        let value = unescape(&text[entity.value.clone()]);
        let plural_doc = entity
            .comment
            .as_ref()
            .is_some_and(|c| text[c.clone()].contains("Localization_and_Plurals"));
        let plural = plural_doc && &text[entity.key.clone()] != "pluralRule" && !is_number(&value);
        let specs = if plural {
            Vec::new()
        } else {
            printf_specs(&value).unwrap_or_default()
        };
        English {
            value,
            specs,
            plural,
        }
    }
}

/// The checks of one entity both files have, as compare-locales'
/// `PropertiesChecker` runs them (after the U+FFFD check every format gets).
pub fn check(locale: &str, english: &English, l10n: &Entity, text: &str) -> Vec<Issue> {
    let raw = &text[l10n.value.clone()];
    let value = || -> std::borrow::Cow<str> {
        match raw.contains('\\') {
            true => unescape(raw).into(),
            false => raw.into(),
        }
    };
    if english.plural {
        return compare_plural(locale, &english.value, &value());
    }
    let mut out: Vec<Issue> = match raw.contains('\\') {
        true => unknown_escapes(raw)
            .into_iter()
            .map(|(at, c)| Issue::escape(at, format!("unknown escape sequence, \\{c}")))
            .collect(),
        false => Vec::new(),
    };
    if !english.specs.is_empty() {
        out.extend(compare_printf(&english.specs, &value()));
    }
    out
}

/// `\d+$` from the start, as Python's `re.match` reads it.
fn is_number(value: &str) -> bool {
    let digits = value.bytes().take_while(u8::is_ascii_digit).count();
    digits > 0 && (digits == value.len() || &value[digits..] == "\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(text: &str) -> Vec<&str> {
        parse(text).keys(text)
    }

    #[test]
    fn keys_as_compare_locales_reads_them() {
        // Modelled on Firefox's toolkit/chrome/global/commonDialogs.properties.
        let text = "# This Source Code Form is subject to the terms of the Mozilla Public\n\
# License, v. 2.0.\n\
\n\
Alert=Alert\n\
ConfirmCheck = Confirm\n\
  ! a comment after blanks\n\
EnterLoginForRealm3=The site %2$S is requesting your username and password. \\\n\
    The site says: “%3$S”\n\
not=a key: still one\n\
junk line without separator\n\
key with spaces : value\n\
odd.backslashes=a\\\\\n\
after=b\n";
        assert_eq!(
            keys(text),
            [
                "Alert",
                "ConfirmCheck",
                "EnterLoginForRealm3",
                "not",
                "key with spaces",
                "odd.backslashes",
                "after"
            ]
        );
        let parsed = parse(text);
        assert_eq!(parsed.junk.len(), 1);
        assert_eq!(
            &text[parsed.junk[0].clone()],
            "junk line without separator\n"
        );
        let e = &parsed.entities[2];
        assert!(text[e.value.clone()].ends_with("“%3$S”"));
        assert_eq!(&text[parsed.entities[5].value.clone()], "a\\\\");
    }

    #[test]
    fn printf_arguments_as_compare_locales_reads_them() {
        assert_eq!(
            printf_specs("%S and %d, 100%%"),
            Ok(vec![Some('S'), Some('d')])
        );
        assert_eq!(
            printf_specs("%2$S then %1$S"),
            Ok(vec![Some('S'), Some('S')])
        );
        assert_eq!(printf_specs("%02S:%02S"), Ok(vec![Some('S'), Some('S')]));
        assert_eq!(printf_specs("%1.2f"), Ok(vec![Some('f')]));
        assert_eq!(printf_specs("50% off"), Err((2, "Found single %")));
        assert_eq!(
            printf_specs("%1$S %S"),
            Err((5, "Mixed ordered and non-ordered args"))
        );
        assert_eq!(printf_specs("%2$S"), Err((0, "Ordered argument missing")));
        let english = printf_specs("%1$S of %2$S").unwrap();
        let messages = |l10n: &str| -> Vec<(Severity, String)> {
            compare_printf(&english, l10n)
                .into_iter()
                .map(|i| (i.severity, i.message))
                .collect()
        };
        assert!(messages("%2$S من %1$S").is_empty());
        assert_eq!(
            messages("%1$S"),
            [(
                Severity::Warning,
                "trailing argument 2 `S` missing".to_string()
            )]
        );
        assert_eq!(
            messages("%1$S %2$S %3$S"),
            [(Severity::Error, "argument 3 `S` obsolete".to_string())]
        );
        assert_eq!(
            messages("%1$S %2$d"),
            [(Severity::Error, "argument 2 `d` should be `S`".to_string())]
        );
    }

    #[test]
    fn escapes_and_plural_forms() {
        assert_eq!(
            unknown_escapes(r"a\qb \n \u00e9 \\ \uZZ"),
            [(1, 'q'), (18, 'u')]
        );
        assert_eq!(unescape(r"caf\u00e9\n\tx\\y\q"), "café\n\tx\\yq");
        // Arabic has six forms in PluralForm.jsm's rule 12.
        let issues = compare_plural("ar", "#1 tab;#1 tabs", "#1 لسان;#1 لسانان");
        assert_eq!(issues[0].message, "expecting 6 plurals, found 2");
        let issues = compare_plural("fr", "#1 tab;#1 tabs", "onglet;onglets");
        assert_eq!(issues[0].message, "not all variables used in l10n");
        let issues = compare_plural("de", "#1 tab;#1 tabs", "#1 Tab;#2 Tabs");
        assert_eq!(issues[0].message, "unreplaced variables in l10n");
    }
}
