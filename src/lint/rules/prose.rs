//! The words readers see of one translated entry, for the typography and
//! comparison rules: its text elements joined in order, each placeable (and
//! each boundary between variants and attributes) one U+FFFC, with the place
//! of every character in the file and the parts that are not prose masked out
//! (Markdown code spans, HTML tags, URLs, e-mail addresses, link destinations,
//! character references): a `?` in a URL or a `:` in `` `a:b` `` is no
//! punctuation.

use fluent_syntax::ast::{Expression, InlineExpression, Pattern, PatternElement};
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// What stands for a placeable or a boundary between patterns.
pub const GAP: char = '\u{FFFC}';

/// One entry's prose.
pub struct Prose {
    /// The text, placeables as [`GAP`].
    pub flat: String,
    /// Each piece of file text in `flat`: its range there and where it
    /// starts in the file.
    pieces: Vec<(Range<usize>, usize)>,
    /// The ranges of `flat` that are not prose, in order.
    masked: Vec<Range<usize>>,
    /// Whether the entry selects between variants.
    pub has_select: bool,
}

/// Code spans, tags, URLs, e-mail addresses, Markdown link destinations and
/// character references: not prose.
static NOT_PROSE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"`[^`]*`",
        r"|</?[A-Za-z][^<>]*>",
        r"|\]\([^)\s]*\)",
        r"|(?:[a-z][a-z0-9+.-]*://|www\.|mailto:)[^\s<>()\[\]\x{FFFC}]*[^\s<>()\[\].,;:!?\x{FFFC}]",
        r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+",
        r"|&#?[A-Za-z0-9]+;",
    ))
    .expect("a valid pattern")
});

/// Whether `text` has a character every match of [`NOT_PROSE`] holds (a
/// backtick, `<`, `]`, `:` of a scheme, `www.`, `@`, `&`): most texts have
/// none, and the pattern, which may start at any word character (an e-mail
/// address), is not run on them.
fn could_hide_prose(text: &str) -> bool {
    text.bytes()
        .any(|b| matches!(b, b'`' | b'<' | b']' | b':' | b'@' | b'&'))
        || text.contains("www.")
}

impl Prose {
    /// The prose of a message's or term's patterns, `text` being the file
    /// they were parsed from (their text elements are slices of it).
    pub fn of_patterns<'p>(
        patterns: impl Iterator<Item = &'p Pattern<&'p str>>,
        text: &str,
    ) -> Self {
        let mut prose = Prose {
            flat: String::new(),
            pieces: Vec::new(),
            masked: Vec::new(),
            has_select: false,
        };
        for (i, pattern) in patterns.enumerate() {
            if i > 0 {
                prose.flat.push(GAP);
            }
            prose.walk(pattern, text, 0);
        }
        prose.mask();
        prose
    }

    /// The prose of a plain text (the reference's): one piece, at 0.
    pub fn of_text(text: &str) -> Self {
        let mut prose = Prose {
            flat: text.to_string(),
            pieces: vec![(0..text.len(), 0)],
            masked: Vec::new(),
            has_select: false,
        };
        prose.mask();
        prose
    }

    fn walk(&mut self, pattern: &Pattern<&str>, text: &str, depth: usize) {
        for element in &pattern.elements {
            match element {
                PatternElement::TextElement { value } => {
                    let at = (value.as_ptr() as usize).wrapping_sub(text.as_ptr() as usize);
                    if at <= text.len() && text.get(at..at + value.len()) == Some(value) {
                        let start = self.flat.len();
                        self.flat.push_str(value);
                        self.pieces.push((start..self.flat.len(), at));
                    } else {
                        self.flat.push(GAP);
                    }
                }
                PatternElement::Placeable { expression } => {
                    self.flat.push(GAP);
                    self.walk_expression(expression, text, depth + 1);
                }
            }
        }
    }

    fn walk_expression(&mut self, expression: &Expression<&str>, text: &str, depth: usize) {
        if depth > 16 {
            return;
        }
        match expression {
            Expression::Select { variants, .. } => {
                self.has_select = true;
                for v in variants {
                    self.walk(&v.value, text, depth);
                    self.flat.push(GAP);
                }
            }
            Expression::Inline(InlineExpression::Placeable { expression }) => {
                self.walk_expression(expression, text, depth + 1);
                self.flat.push(GAP);
            }
            Expression::Inline(_) => {}
        }
    }

    fn mask(&mut self) {
        if could_hide_prose(&self.flat) {
            self.masked = NOT_PROSE.find_iter(&self.flat).map(|m| m.range()).collect();
        }
    }

    /// Whether the character at byte `at` of `flat` is prose.
    pub fn is_prose(&self, at: usize) -> bool {
        let i = self.masked.partition_point(|r| r.end <= at);
        self.masked.get(i).is_none_or(|r| r.start > at)
    }

    /// The prose characters with their bytes in `flat`.
    pub fn chars(&self) -> impl Iterator<Item = (usize, char)> + '_ {
        self.flat
            .char_indices()
            .filter(|&(at, _)| self.is_prose(at))
    }

    /// The character before byte `at` of `flat`, if any.
    pub fn before(&self, at: usize) -> Option<char> {
        self.flat[..at].chars().next_back()
    }

    /// The character after the one at byte `at`, if any.
    pub fn after(&self, at: usize) -> Option<char> {
        let mut rest = self.flat[at..].chars();
        rest.next();
        rest.next()
    }

    /// Where byte `at` of `flat` is in the file: a gap is where the text
    /// before it ends.
    pub fn file_offset(&self, at: usize) -> usize {
        let i = self.pieces.partition_point(|(r, _)| r.start <= at);
        match i.checked_sub(1).map(|i| &self.pieces[i]) {
            Some((r, file)) if at < r.end => file + (at - r.start),
            Some((r, file)) => file + r.len(),
            None => 0,
        }
    }

    /// Whether `range` of `flat` is one piece of file text (no gap in it),
    /// so a finding can point at it and a fix replace it.
    pub fn in_file(&self, range: &Range<usize>) -> bool {
        self.pieces
            .iter()
            .any(|(r, _)| r.start <= range.start && range.end <= r.end)
    }

    /// The file range of `range` of `flat`.
    pub fn file_range(&self, range: &Range<usize>) -> Range<usize> {
        let start = self.file_offset(range.start);
        start..start + range.len()
    }
}

/// Whether `c` is a letter of the Arabic script.
pub fn is_arabic_letter(c: char) -> bool {
    matches!(c,
        '\u{0620}'..='\u{063F}' | '\u{0641}'..='\u{064A}' | '\u{066E}'..='\u{066F}'
        | '\u{0671}'..='\u{06D3}' | '\u{06D5}' | '\u{06EE}'..='\u{06EF}' | '\u{06FA}'..='\u{06FC}'
        | '\u{0750}'..='\u{077F}' | '\u{08A0}'..='\u{08C9}' | '\u{FB50}'..='\u{FDFF}'
        | '\u{FE70}'..='\u{FEFC}')
}

/// The value of a decimal digit of any script ICU4X's locales write
/// numbers in that a translation of an English number might use.
pub fn digit_value(c: char) -> Option<u32> {
    let zero = match c {
        '0'..='9' => '0',
        '\u{0660}'..='\u{0669}' => '\u{0660}',
        '\u{06F0}'..='\u{06F9}' => '\u{06F0}',
        '\u{0966}'..='\u{096F}' => '\u{0966}',
        '\u{09E6}'..='\u{09EF}' => '\u{09E6}',
        '\u{0E50}'..='\u{0E59}' => '\u{0E50}',
        '\u{1040}'..='\u{1049}' => '\u{1040}',
        '\u{FF10}'..='\u{FF19}' => '\u{FF10}',
        _ => return None,
    };
    Some(c as u32 - zero as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prose(source: &str) -> Prose {
        let resource = fluent_syntax::parser::parse(source).expect("valid");
        let fluent_syntax::ast::Entry::Message(m) = &resource.body[0] else {
            panic!("a message");
        };
        Prose::of_patterns(
            m.value.iter().chain(m.attributes.iter().map(|a| &a.value)),
            source,
        )
    }

    #[test]
    fn text_keeps_its_file_places_and_masks_what_is_not_prose() {
        let source = "m = Voir `a:b` sur https://example.org/?q=1 ou { $n } fois ?\n    suite\n";
        let p = prose(source);
        assert_eq!(
            p.flat,
            "Voir `a:b` sur https://example.org/?q=1 ou \u{FFFC} fois ?\nsuite"
        );
        let colon = p.flat.find(':').unwrap();
        assert!(!p.is_prose(colon));
        let query = p.flat.find("?q").unwrap();
        assert!(!p.is_prose(query));
        let last = p.flat.rfind('?').unwrap();
        assert!(p.is_prose(last));
        assert_eq!(&source[p.file_offset(last)..][..1], "?");
        let suite = p.flat.find("suite").unwrap();
        assert_eq!(&source[p.file_offset(suite)..][..5], "suite");
    }

    #[test]
    fn the_pattern_is_skipped_only_on_texts_it_cannot_match() {
        let hidden = [
            "`code`",
            "<b>",
            "[a](b)",
            "https://x.org",
            "www.example.org",
            "mailto:a",
            "a@b.org",
            "&amp;",
        ];
        for text in hidden {
            assert!(NOT_PROSE.is_match(text), "{text}");
            assert!(could_hide_prose(text), "{text}");
        }
        for text in ["Open a new tab", "Übersetzen (2) [x] wwwexample.org", "a @"] {
            assert!(!NOT_PROSE.is_match(text), "{text}");
        }
        assert!(!could_hide_prose("Open a new tab"));
        assert!(Prose::of_text("see a@b.org").masked.len() == 1);
    }

    #[test]
    fn digits_of_arabic_and_persian_are_numbers() {
        assert_eq!(digit_value('١'), Some(1));
        assert_eq!(digit_value('۷'), Some(7));
        assert_eq!(digit_value('a'), None);
    }
}
