//! Fluent's bidi isolates (FSI … PDI around each placeable): as `<bdi>` in
//! HTML, dropped (with an RLM where needed) in Markdown and text.

use crate::locale::Direction;

const FSI: char = '\u{2068}';
const PDI: char = '\u{2069}';
const RLM: char = '\u{200f}';

/// For Markdown and text: drop Fluent's isolates, which many terminals and
/// editors show as boxes. In a right-to-left text, a placeable that holds
/// left-to-right letters is followed by an RLM so that punctuation after it
/// stays with the right-to-left sentence.
pub fn plain_isolates(text: &str, dir: Direction) -> String {
    if !text.contains([FSI, PDI]) {
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

fn has_strong_ltr(text: &str) -> bool {
    text.chars().any(|c| c.is_alphabetic() && !is_rtl_char(c))
}

fn is_rtl_char(c: char) -> bool {
    matches!(c as u32, 0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF)
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
