//! Fluent's bidi isolates (FSI … PDI around each placeable): as `<bdi>` in
//! HTML, dropped (with an RLM where needed) in Markdown and text.

use crate::locale::Direction;
use unicode_bidi::{bidi_class, BidiClass};

const FSI: char = '\u{2068}';
const PDI: char = '\u{2069}';
const RLM: char = '\u{200f}';

/// For Markdown and text: drop Fluent's isolates, which many terminals and
/// editors show as boxes. In a right-to-left text, a placeable that holds
/// left-to-right letters is followed by an RLM so that punctuation after it
/// stays with the right-to-left sentence.
pub fn plain_isolates(text: &str, dir: Direction) -> String {
    if !text.contains(FSI) && !text.contains(PDI) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut stack: Vec<usize> = Vec::new();
    for c in text.chars() {
        match c {
            FSI => stack.push(out.len()),
            PDI => {
                if let Some(start) = stack.pop() {
                    if dir == Direction::Rtl && has_strong_ltr(&out[start..]) {
                        out.push(RLM);
                    }
                }
            }
            _ => out.push(c),
        }
    }
    out
}

/// Whether the text has a strong left-to-right character (Unicode bidi class
/// L): one that would pull the punctuation after it out of a right-to-left
/// sentence. Letters of right-to-left scripts (R, AL), their vowel marks (NSM)
/// and digits are not.
fn has_strong_ltr(text: &str) -> bool {
    text.chars().any(|c| bidi_class(c) == BidiClass::L)
}

/// For HTML page strings: escape, then turn balanced Fluent isolates into
/// `<bdi>` elements (the same first-strong isolation, as markup).
pub fn html_text(text: &str) -> String {
    let mut escaped = String::new();
    let _ = pulldown_cmark_escape::escape_html(&mut escaped, text);
    let balanced = {
        let mut depth = 0i32;
        escaped.chars().all(|c| {
            match c {
                FSI => depth += 1,
                PDI => depth -= 1,
                _ => {}
            }
            depth >= 0
        }) && depth == 0
    };
    if balanced {
        escaped.replace(FSI, "<bdi>").replace(PDI, "</bdi>")
    } else {
        escaped.replace([FSI, PDI], "")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_rlm_follows_left_to_right_placeables_in_right_to_left_text() {
        let rtl = |s: &str| plain_isolates(s, Direction::Rtl);
        assert_eq!(
            rtl("نوسراو \u{2068}ftlkit\u{2069}."),
            "نوسراو ftlkit\u{200f}."
        );
        // Arabic with its vowel marks, Hebrew, and digits need none.
        assert_eq!(rtl("\u{2068}كَتَبَ\u{2069}."), "كَتَبَ.");
        assert_eq!(rtl("\u{2068}שָׁלוֹם\u{2069}."), "שָׁלוֹם.");
        assert_eq!(rtl("\u{2068}42\u{2069}."), "42.");
        assert_eq!(
            plain_isolates("\u{2068}ftlkit\u{2069}.", Direction::Ltr),
            "ftlkit."
        );
    }
}
