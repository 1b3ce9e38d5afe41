//! Pseudo-locales, to test layout and direction before any translator starts:
//! `en-XA` (accented and about a third longer) and `ar-XB` (right-to-left: each
//! word mirrored and wrapped in a right-to-left override). Only text changes:
//! ids, placeables, variant keys and markup (`<tags>`, Markdown link targets,
//! `code`) are left as they are.

use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement, Resource};

/// The pseudo-locales ftlkit knows.
pub const PSEUDO_LOCALES: [&str; 2] = ["en-XA", "ar-XB"];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Strategy {
    Accented,
    Bidi,
}

impl Strategy {
    pub fn for_locale(id: &str) -> Option<Strategy> {
        match id {
            "en-XA" => Some(Strategy::Accented),
            "ar-XB" => Some(Strategy::Bidi),
            _ => None,
        }
    }
}

fn accent(c: char) -> &'static str {
    match c {
        'a' => "áá",
        'e' => "éé",
        'i' => "íí",
        'o' => "óó",
        'u' => "úú",
        'y' => "ýý",
        'A' => "ÁÁ",
        'E' => "ÉÉ",
        'I' => "ÍÍ",
        'O' => "ÓÓ",
        'U' => "ÚÚ",
        'Y' => "ÝÝ",
        'b' => "ƀ",
        'c' => "ç",
        'd' => "đ",
        'g' => "ĝ",
        'h' => "ĥ",
        'j' => "ĵ",
        'k' => "ķ",
        'l' => "ļ",
        'n' => "ñ",
        'r' => "ŕ",
        's' => "š",
        't' => "ţ",
        'w' => "ŵ",
        'z' => "ž",
        'C' => "Ç",
        'D' => "Đ",
        'G' => "Ĝ",
        'H' => "Ĥ",
        'L' => "Ļ",
        'N' => "Ñ",
        'R' => "Ŕ",
        'S' => "Š",
        'T' => "Ţ",
        'Z' => "Ž",
        _ => "",
    }
}

fn flip(c: char) -> char {
    const FROM: &str = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    const TO: &str = "ɐqɔpǝɟƃɥıɾʞʅɯuodbɹsʇnʌʍxʎz∀ԐↃᗡƎℲ⅁HIſӼ⅂WNOԀÒᴚS⊥∩ɅＭX⅄Z";
    FROM.chars()
        .position(|f| f == c)
        .and_then(|i| TO.chars().nth(i))
        .unwrap_or(c)
}

/// How far the markup that starts at `at` (a byte offset into `text`) runs,
/// if markup starts there: a `<tag>` or autolink, a code span (to the closing
/// run of as many backticks), a link's `(target)` or `[label]` after its
/// `]`, a footnote reference `[^label]`, an entity `&name;`, or a `{{ … }}`
/// directive of mdBook and other templates.
fn markup_end(text: &str, at: usize, prev: char) -> Option<usize> {
    let rest = &text[at..];
    let until = |close: &str, from: usize| {
        rest[from..]
            .find(close)
            .map(|i| at + from + i + close.len())
    };
    match rest.chars().next()? {
        // Code in HTML is code too: up to its end tag.
        '<' if starts_with_tag(rest, "code") => until("</code>", 5),
        '<' if starts_with_tag(rest, "samp") => until("</samp>", 5),
        '<' => until(">", 1),
        '`' => {
            let run = rest.len() - rest.trim_start_matches('`').len();
            let fence = &rest[..run];
            // An unclosed run is literal backticks.
            until(fence, run).or(Some(at + run))
        }
        '(' if prev == ']' => until(")", 1),
        '[' if prev == ']' || rest.starts_with("[^") => until("]", 1),
        '{' if rest.starts_with("{{") => until("}}", 2),
        '&' => {
            let name = rest[1..]
                .find(|c: char| !c.is_ascii_alphanumeric() && c != '#')
                .filter(|&n| n > 0 && rest[1 + n..].starts_with(';'))?;
            Some(at + name + 2)
        }
        _ => None,
    }
}

/// Whether `text` starts with the start tag `<name…>` (any case).
fn starts_with_tag(text: &str, name: &str) -> bool {
    let after = 1 + name.len();
    text.len() > after
        && text.is_char_boundary(after)
        && text[1..after].eq_ignore_ascii_case(name)
        && text[after..].starts_with(|c: char| c == '>' || c.is_whitespace())
}

/// Transforms the words of `text`, leaving markup alone (see [`markup_end`]).
pub fn transform_text(text: &str, strategy: Strategy) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    let mut word = String::new();
    let mut prev = '\0';
    let flush = |word: &mut String, out: &mut String| {
        if word.is_empty() {
            return;
        }
        match strategy {
            Strategy::Accented => {
                for c in word.chars() {
                    match accent(c) {
                        "" => out.push(c),
                        s => out.push_str(s),
                    }
                }
            }
            Strategy::Bidi => {
                out.push('\u{202E}');
                out.extend(word.chars().map(flip));
                out.push('\u{202C}');
            }
        }
        word.clear();
    };
    let mut at = 0;
    while let Some(c) = text[at..].chars().next() {
        if let Some(end) = markup_end(text, at, prev) {
            flush(&mut word, &mut out);
            out.push_str(&text[at..end]);
            prev = text[..end].chars().next_back().unwrap_or(c);
            at = end;
            continue;
        }
        if c.is_alphabetic() {
            word.push(c);
        } else {
            flush(&mut word, &mut out);
            out.push(c);
        }
        prev = c;
        at += c.len_utf8();
    }
    flush(&mut word, &mut out);
    out
}

/// Stands for a placeable while a pattern's text is transformed as one.
const PLACEABLE: char = '\u{E000}';

/// Transforms a pattern's text as one string, so that markup split by a
/// placeable (`` `{ "{" }` ``, `{{ … }}` in extracted text) stays whole; the
/// placeables themselves are kept, and the text is escaped again as
/// extraction writes it.
fn pattern(p: &mut Pattern<String>, strategy: Strategy) {
    let mut joined = String::new();
    let mut kept = Vec::new();
    for element in std::mem::take(&mut p.elements) {
        match element {
            PatternElement::TextElement { value } => joined.push_str(&value),
            PatternElement::Placeable {
                expression: Expression::Inline(InlineExpression::StringLiteral { value }),
            } if value == "{" || value == "}" => joined.push_str(&value),
            PatternElement::Placeable {
                expression:
                    Expression::Select {
                        selector,
                        mut variants,
                    },
            } => {
                for v in &mut variants {
                    pattern(&mut v.value, strategy);
                }
                joined.push(PLACEABLE);
                kept.push(PatternElement::Placeable {
                    expression: Expression::Select { selector, variants },
                });
            }
            other => {
                joined.push(PLACEABLE);
                kept.push(other);
            }
        }
    }
    let transformed = transform_text(&joined, strategy);
    let mut kept = kept.into_iter();
    for (i, piece) in transformed.split(PLACEABLE).enumerate() {
        if i > 0 {
            p.elements.extend(kept.next());
        }
        p.elements.extend(crate::ftl::text_pattern(piece).elements);
    }
}

/// The pseudo-translation of a whole Fluent file. Comments are dropped.
pub fn pseudo_ftl(reference: &str, strategy: Strategy) -> String {
    if crate::ftl::too_deep(reference).is_some() {
        return String::new();
    }
    let mut resource: Resource<String> = match fluent_syntax::parser::parse(reference.to_string()) {
        Ok(r) | Err((r, _)) => r,
    };
    resource
        .body
        .retain(|e| matches!(e, Entry::Message(_) | Entry::Term(_)));
    for entry in &mut resource.body {
        match entry {
            Entry::Message(m) => {
                if let Some(v) = &mut m.value {
                    pattern(v, strategy);
                }
                for a in &mut m.attributes {
                    pattern(&mut a.value, strategy);
                }
                m.comment = None;
            }
            Entry::Term(t) => {
                pattern(&mut t.value, strategy);
                for a in &mut t.attributes {
                    pattern(&mut a.value, strategy);
                }
                t.comment = None;
            }
            _ => {}
        }
    }
    fluent_syntax::serializer::serialize(&resource)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accented_is_longer_and_keeps_markup() {
        let text = "Read the [manual](https://example.com/a) and <b>press</b> `Save`";
        let out = transform_text(text, Strategy::Accented);
        assert!(
            out.contains("](https://example.com/a)")
                && out.contains("<b>")
                && out.contains("`Save`"),
            "{out}"
        );
        assert!(out.starts_with("Ŕééááđ ţĥéé [mááñúúááļ]"), "{out}");
        let grow = out.chars().count() as f64 / text.chars().count() as f64;
        assert!(grow > 1.1, "{grow}");
        let plain = "The river has run past the town for three hundred years.";
        let grow = transform_text(plain, Strategy::Accented).chars().count() as f64
            / plain.chars().count() as f64;
        assert!((1.25..1.5).contains(&grow), "about a third longer: {grow}");
    }

    #[test]
    fn bidi_wraps_words_and_keeps_placeables() {
        let ftl = "a = Hello { $name }, see <b>this</b>\n";
        let out = pseudo_ftl(ftl, Strategy::Bidi);
        assert!(out.contains("{ $name }"), "{out}");
        assert!(out.contains("\u{202E}Hǝʅʅo\u{202C} { $name }"), "{out}");
        assert!(out.contains("<b>"));
        assert!(fluent_syntax::parser::parse(out.as_str()).is_ok());
    }

    #[test]
    fn markup_split_by_brace_placeables_stays_whole() {
        let ftl = "a = Use `Point {\"{\"} x {\"}\"}` then `println!`, see [docs][the docs], {\"{\"}{\"{\"} mdbook-version {\"}\"}{\"}\"} &amp; more[^n]\n";
        let out = pseudo_ftl(ftl, Strategy::Accented);
        assert!(out.contains("`Point { \"{\" } x { \"}\" }`"), "{out}");
        assert!(out.contains("ţĥééñ `println!`"), "{out}");
        assert!(out.contains("[đóóçš][the docs]"), "{out}");
        assert!(
            out.contains("{ \"{\" }{ \"{\" } mdbook-version { \"}\" }{ \"}\" }"),
            "{out}"
        );
        assert!(out.contains("&amp; móóŕéé[^n]"), "{out}");
    }
}
pub mod run;
