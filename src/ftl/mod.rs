//! Fluent helpers shared by every stage: positions, plain-text values, and the
//! one place that turns text into a Fluent pattern and back.

pub mod blocks;
pub mod load;

use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement, Resource};

/// 1-based line and column of a byte offset; the column counts characters, not
/// bytes, so a finding on an Arabic line points at the right letter.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = floor_char_boundary(text, offset.min(text.len()));
    let before = &text.as_bytes()[..offset];
    // Both with vector instructions: the count of line ends does not stop at each.
    let line_start = memchr::memrchr(b'\n', before).map_or(0, |i| i + 1);
    let line = memchr::memchr_iter(b'\n', before).count() + 1;
    (line, text[line_start..offset].chars().count() + 1)
}

/// Many lookups in one text: the first few count the lines before them
/// ([`line_column`]); then line starts are computed once. Most files checked
/// have no finding to place, and most that have one have few.
pub struct LineIndex<'a> {
    text: &'a str,
    starts: std::sync::OnceLock<Vec<usize>>,
    counted: std::sync::atomic::AtomicUsize,
}

/// How many positions [`LineIndex::position`] counts before it indexes.
const COUNTED: usize = 4;

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        LineIndex {
            text,
            starts: std::sync::OnceLock::new(),
            counted: std::sync::atomic::AtomicUsize::new(0),
        }
    }

    fn starts(&self) -> &[usize] {
        self.starts.get_or_init(|| {
            let mut starts = vec![0];
            starts.extend(memchr::memchr_iter(b'\n', self.text.as_bytes()).map(|i| i + 1));
            starts
        })
    }

    /// 1-based (line, column in characters) of a byte offset.
    pub fn position(&self, offset: usize) -> (usize, usize) {
        use std::sync::atomic::Ordering::Relaxed;
        if self.starts.get().is_none() && self.counted.fetch_add(1, Relaxed) < COUNTED {
            return line_column(self.text, offset);
        }
        let offset = floor_char_boundary(self.text, offset.min(self.text.len()));
        let starts = self.starts();
        let line = starts.partition_point(|&s| s <= offset);
        let start = starts[line - 1];
        (line, self.text[start..offset].chars().count() + 1)
    }

    /// The 1-based line of a byte offset (no column: cheap on a long line).
    pub fn line(&self, offset: usize) -> usize {
        self.starts().partition_point(|&s| s <= offset)
    }

    /// The text of a 1-based line, without its line ending.
    pub fn line_text(&self, line: usize) -> &'a str {
        let starts = self.starts();
        let start = starts[line - 1];
        let end = starts.get(line).copied().unwrap_or(self.text.len());
        self.text[start..end].trim_end_matches(['\n', '\r'])
    }
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The plain text of a pattern made only of text and string literals (what
/// `extract` writes); `None` for anything that needs formatting.
pub fn pattern_text<S: AsRef<str>>(pattern: &Pattern<S>) -> Option<String> {
    let mut out = String::new();
    for element in &pattern.elements {
        match element {
            PatternElement::TextElement { value } => out.push_str(value.as_ref()),
            PatternElement::Placeable {
                expression: Expression::Inline(InlineExpression::StringLiteral { value }),
            } => out.push_str(&unescape_literal(value.as_ref())),
            _ => return None,
        }
    }
    Some(out)
}

/// A Fluent pattern that shows `text` literally: braces, which Fluent reserves
/// for placeables, become string-literal placeables (`{ "{" }`).
pub fn text_pattern(text: &str) -> Pattern<String> {
    let mut elements = Vec::new();
    let mut plain = String::new();
    for c in text.chars() {
        if c == '{' || c == '}' {
            if !plain.is_empty() {
                elements.push(PatternElement::TextElement {
                    value: std::mem::take(&mut plain),
                });
            }
            elements.push(PatternElement::Placeable {
                expression: Expression::Inline(InlineExpression::StringLiteral {
                    value: c.to_string(),
                }),
            });
        } else {
            plain.push(c);
        }
    }
    if !plain.is_empty() {
        elements.push(PatternElement::TextElement { value: plain });
    }
    Pattern { elements }
}

fn unescape_literal(raw: &str) -> String {
    // fluent-syntax keeps escapes raw; `unescape_unicode_to_string` resolves them.
    fluent_syntax::unicode::unescape_unicode_to_string(raw).into_owned()
}

/// Messages of a resource with their plain-text values, in file order.
pub fn message_texts<S: AsRef<str>>(resource: &Resource<S>) -> Vec<(String, Option<String>)> {
    resource
        .body
        .iter()
        .filter_map(|entry| match entry {
            Entry::Message(m) => Some((
                m.id.name.as_ref().to_string(),
                m.value.as_ref().and_then(pattern_text),
            )),
            _ => None,
        })
        .collect()
}

/// Deepest placeable nesting ftlkit parses. Real files nest a few levels; the
/// parsers recurse per level, so a hostile file could otherwise overflow the stack.
pub const MAX_NESTING: usize = 64;

/// Bytes that change the state of [`too_deep`]'s scan; a run of any other
/// bytes changes it as one such byte does.
const SIGNIFICANT: [bool; 256] = {
    let mut table = [false; 256];
    let mut i = 0;
    while i < 8 {
        table[b"{}()\"\\\n#"[i] as usize] = true;
        i += 1;
    }
    table
};

/// The byte offset where nesting (`{`, and `(` inside placeables) first
/// exceeds [`MAX_NESTING`], if it does. String literals inside placeables and
/// comment lines are skipped. The scan skips the runs of bytes that cannot
/// change its state instead of deciding on every byte: the guard runs on every
/// file read, so it has to cost little next to the parse.
pub fn too_deep(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    // Nesting grows only at `{` and `(`: a text with no more of them than the
    // limit cannot pass it. Most files have a few dozen, counted with vector
    // instructions in a fraction of the scan's time.
    let openings = memchr::memchr2_iter(b'{', b'(', bytes).take(MAX_NESTING + 1);
    if openings.count() <= MAX_NESTING {
        return None;
    }
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    let (mut line_start, mut in_comment) = (true, false);
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if !SIGNIFICANT[b as usize] {
            // What one ordinary byte does; the rest of the run does nothing more.
            if line_start {
                in_comment = false;
            }
            line_start = false;
            if !in_comment && in_string {
                escaped = false;
            }
            i += bytes[i..]
                .iter()
                .position(|&b| SIGNIFICANT[b as usize])
                .unwrap_or(bytes.len() - i);
            continue;
        }
        if line_start {
            in_comment = b == b'#';
        }
        line_start = b == b'\n';
        i += 1;
        if in_comment {
            continue;
        }
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' | b'\n' => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'{' => depth += 1,
            b'(' if depth > 0 => depth += 1,
            b'}' | b')' => depth = depth.saturating_sub(1),
            b'"' if depth > 0 => in_string = true,
            _ => {}
        }
        if depth > MAX_NESTING {
            return Some(i - 1);
        }
    }
    None
}

/// Whether ftlkit writes `c` into a Fluent file escaped rather than raw: a
/// control character other than LF and tab (a lone CR, NUL, ESC, VT, form
/// feed, U+0085 NEL, C1 controls) or a line or paragraph separator
/// (U+2028, U+2029), or U+FFFE and U+FFFF (which XML forbids). Fluent has no escape for them in text, and other tools
/// read some as line ends (Python's universal newlines: a lone CR; its
/// `splitlines`: VT, FF, U+001C–U+001E, U+0085, U+2028, U+2029), so a raw one
/// could end a message early for them (`Bonjour\rdoc-intro = HIJACKED`) or
/// hide a line in a terminal or a diff.
pub fn needs_escape(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{2028}' | '\u{2029}' | '\u{fffe}' | '\u{ffff}')
}

/// Pattern source with each character of [`needs_escape`] written as a
/// Fluent string literal, `{ "\u2028" }` (inside a string literal already,
/// as `\u2028`): it reads back as the same character, and the file holds
/// only characters every tool reads alike. A CRLF is a line end (LF).
pub fn escape_controls(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(needs_escape) {
        return std::borrow::Cow::Borrowed(text);
    }
    let text = text.replace("\r\n", "\n");
    let mut out = String::with_capacity(text.len() + 16);
    let mut scan = PlaceableScan::default();
    let mut utf8 = [0u8; 4];
    for c in text.chars() {
        if needs_escape(c) {
            let code = u32::from(c);
            if scan.in_string() {
                out.push_str(&format!("\\u{code:04X}"));
            } else {
                out.push_str(&format!("{{ \"\\u{code:04X}\" }}"));
            }
        } else {
            out.push(c);
        }
        for &b in c.encode_utf8(&mut utf8).as_bytes() {
            scan.step(b);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// A scan through Fluent text for `{ … }` placeables: the nesting depth and
/// whether it is inside a string literal (`{ "}" }`, `{ "\"" }`), where
/// braces and an escaped quote are text. The one placeable scanner: the
/// block model, XLIFF's inline codes, the memory's tokenizer and serve's
/// highlighting all step through text with it.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct PlaceableScan {
    /// How many placeables are open.
    pub depth: usize,
    in_string: bool,
    escaped: bool,
}

impl PlaceableScan {
    /// Takes one byte of the text (UTF-8 continuation bytes are never
    /// `{`, `}`, `"` or `\`, so bytes are enough).
    pub fn step(&mut self, b: u8) {
        if self.in_string {
            match b {
                _ if self.escaped => self.escaped = false,
                b'\\' => self.escaped = true,
                b'"' => self.in_string = false,
                _ => {}
            }
            return;
        }
        match b {
            b'{' => self.depth += 1,
            b'}' => self.depth = self.depth.saturating_sub(1),
            // A quote is text outside placeables, a string literal inside.
            b'"' if self.depth > 0 => self.in_string = true,
            _ => {}
        }
    }

    /// Whether the scan is inside a string literal.
    pub fn in_string(&self) -> bool {
        self.in_string
    }
}

/// The end (exclusive) of the placeable that opens at `open` (a `{`), with
/// nested placeables and string literals skipped; `None` when it never
/// closes.
pub fn placeable_end(text: &str, open: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    if bytes.get(open) != Some(&b'{') {
        return None;
    }
    let mut scan = PlaceableScan::default();
    for (j, &b) in bytes.iter().enumerate().skip(open) {
        scan.step(b);
        if scan.depth == 0 {
            return Some(j + 1);
        }
    }
    None
}

/// The error for a file nested too deeply.
pub fn too_deep_message() -> String {
    format!("placeables are nested more than {MAX_NESTING} levels deep; the file is not read until this is fixed")
}

/// Serializes one entry's value and attributes without its comment: the
/// identical check and stale tracking compare these.
pub fn entry_source(entry: &Entry<&str>) -> String {
    entry_source_ref(entry).into_owned()
}

/// [`entry_source`], borrowed from the file's text where it can be.
pub fn entry_source_ref<'s>(entry: &Entry<&'s str>) -> std::borrow::Cow<'s, str> {
    // Most messages are one line of text: the serializer writes it as it
    // is (`id = text`), so it is taken without cloning and serializing the
    // entry (a test holds the two ways to the same answer).
    match one_line_text(entry) {
        Some(text) => std::borrow::Cow::Borrowed(text.trim_matches(' ')),
        None => std::borrow::Cow::Owned(serialized_source(entry)),
    }
}

/// The value of a message or term that is one line of text and has no
/// attributes. A text with a `\r` is left to the serializer (which doubles
/// one at the end of a line).
fn one_line_text<'s>(entry: &Entry<&'s str>) -> Option<&'s str> {
    let (value, attributes) = match entry {
        Entry::Message(m) => (m.value.as_ref()?, &m.attributes),
        Entry::Term(t) => (&t.value, &t.attributes),
        _ => return None,
    };
    match value.elements.as_slice() {
        [PatternElement::TextElement { value }]
            if attributes.is_empty()
                && memchr::memchr2(b'\n', b'\r', value.as_bytes()).is_none() =>
        {
            Some(value)
        }
        _ => None,
    }
}

/// [`entry_source`] by the serializer, for every entry.
fn serialized_source(entry: &Entry<&str>) -> String {
    let mut entry = entry.clone();
    match &mut entry {
        Entry::Message(m) => m.comment = None,
        Entry::Term(t) => t.comment = None,
        _ => {}
    }
    let text = fluent_syntax::serializer::serialize(&Resource { body: vec![entry] });
    // Only the blanks the serializer puts around it (a translation ending
    // with a vertical tab keeps it: it is text to Fluent).
    text.split_once('=')
        .map(|(_, v)| v.trim_matches([' ', '\n']).to_string())
        .unwrap_or_default()
}

/// The candidate `id` most likely misspells: one or two edits away (and fewer
/// than one edit per 8 characters), ties to the first.
pub fn likely_typo<'a>(id: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let most = (id.len() / 8).min(2);
    if most == 0 {
        return None;
    }
    candidates
        .filter(|m| m.len().abs_diff(id.len()) <= most)
        .filter(|m| !letters_too_far(id, m, most))
        .map(|m| (strsim::damerau_levenshtein(id, m), m))
        .filter(|(d, _)| *d <= 2 && *d * 8 <= id.len())
        .min()
        .map(|(_, m)| m)
}

/// Whether two ASCII texts are certainly more than `edits` edits apart, told
/// by their letter counts: an insertion or deletion changes one count, a
/// substitution two, a transposition none. Much cheaper than the distance,
/// which most candidates need not be given. `false` for other texts.
fn letters_too_far(a: &str, b: &str, edits: usize) -> bool {
    if !a.is_ascii() || !b.is_ascii() {
        return false;
    }
    let mut counts = [0i32; 128];
    for c in a.bytes() {
        counts[usize::from(c)] += 1;
    }
    for c in b.bytes() {
        counts[usize::from(c)] -= 1;
    }
    counts
        .iter()
        .map(|c| c.unsigned_abs() as usize)
        .sum::<usize>()
        > 2 * edits
}

/// [`likely_typo`] for many ids against one set of candidates, in time near
/// linear in their number instead of their product: every candidate is indexed
/// by the hashes of the strings left after deleting up to two of its
/// characters. Two ids at most two edits apart (insertions, deletions,
/// substitutions, transpositions) reach a common string by deleting at most two
/// characters from each, so the index finds every candidate the edit distance
/// would accept, and the answer is exactly [`likely_typo`]'s.
pub struct TypoIndex<'a> {
    candidates: Vec<&'a str>,
    /// (variant hash, candidate index), sorted.
    variants: Vec<(u64, u32)>,
    /// Where each variant hash starts in `variants`.
    starts: rustc_hash::FxHashMap<u64, u32>,
}

impl<'a> TypoIndex<'a> {
    pub fn new(candidates: impl IntoIterator<Item = &'a str>) -> Self {
        let candidates: Vec<&str> = candidates.into_iter().collect();
        let mut variants = Vec::new();
        for (n, c) in candidates.iter().enumerate() {
            for h in deletion_hashes(c) {
                variants.push((h, n as u32));
            }
        }
        variants.sort_unstable();
        variants.dedup();
        let mut starts = rustc_hash::FxHashMap::default();
        starts.reserve(variants.len());
        for (n, (h, _)) in variants.iter().enumerate() {
            starts.entry(*h).or_insert(n as u32);
        }
        TypoIndex {
            candidates,
            variants,
            starts,
        }
    }

    /// The same answer as `likely_typo(id, candidates)`.
    pub fn likely_typo(&self, id: &str) -> Option<&'a str> {
        let mut near: Vec<u32> = Vec::new();
        for h in deletion_hashes(id) {
            let Some(&from) = self.starts.get(&h) else {
                continue;
            };
            let from = from as usize;
            near.extend(
                self.variants[from..]
                    .iter()
                    .take_while(|(v, _)| *v == h)
                    .map(|(_, n)| *n),
            );
        }
        near.sort_unstable();
        near.dedup();
        likely_typo(id, near.into_iter().map(|n| self.candidates[n as usize]))
    }
}

/// Hashes of `text` with zero, one or two of its characters deleted.
fn deletion_hashes(text: &str) -> Vec<u64> {
    use std::hash::{Hash, Hasher};
    let chars: Vec<char> = text.chars().collect();
    let hash = |skip: &[usize]| {
        let mut h = rustc_hash::FxHasher::default();
        for (i, c) in chars.iter().enumerate() {
            if !skip.contains(&i) {
                c.hash(&mut h);
            }
        }
        chars.len().saturating_sub(skip.len()).hash(&mut h);
        h.finish()
    };
    let mut out = vec![hash(&[])];
    for i in 0..chars.len() {
        out.push(hash(&[i]));
        for j in i + 1..chars.len() {
            out.push(hash(&[i, j]));
        }
    }
    // Duplicates (a doubled letter gives equal variants) are dropped by the
    // callers, once, after gathering.
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// A one-line message's source is the serializer's, whatever the
        /// text: leading marks, tabs, quotes, Arabic, spaces inside.
        #[test]
        fn one_line_sources_are_the_serializer_s(
            parts in proptest::collection::vec(
                proptest::sample::select(vec![
                    "a", " ", "  ", ".", "[", "*", "]", "\t", "\"", "\\", "#", "=", "-",
                    "نص", "\u{a0}", "\u{2068}", "`", "x y",
                ]),
                1..10,
            ),
            term in proptest::bool::ANY,
        ) {
            let id = if term { "-t" } else { "m" };
            let source = format!("{id} = {}\n", parts.concat());
            let resource = fluent_syntax::parser::parse(source.as_str());
            let Ok(resource) = resource else { return Ok(()) };
            for entry in &resource.body {
                proptest::prop_assert_eq!(entry_source(entry), serialized_source(entry), "{:?}", source);
            }
        }
    }

    #[test]
    fn only_one_line_of_text_takes_the_short_way() {
        let source =
            "a = one line\nb = two\n    lines\nc = x { $y }\nd = x\n    .title = t\n-t = term\n";
        let resource = fluent_syntax::parser::parse(source).unwrap();
        let short: Vec<bool> = resource
            .body
            .iter()
            .map(|e| one_line_text(e).is_some())
            .collect();
        assert_eq!(short, [true, false, false, false, true]);
        for entry in &resource.body {
            assert_eq!(entry_source(entry), serialized_source(entry));
        }
    }

    proptest::proptest! {
        /// Counted or looked up in the index, a position is the same.
        #[test]
        fn counted_and_indexed_positions_agree(
            chars in proptest::collection::vec(
                proptest::sample::select(vec!['a', '\n', 'م', '\r', '😀']),
                0..40,
            ),
            offsets in proptest::collection::vec(0usize..200, 1..12),
        ) {
            let text: String = chars.into_iter().collect();
            let index = LineIndex::new(&text);
            for offset in offsets {
                // The count as the standard library's string search makes it.
                let at = floor_char_boundary(&text, offset.min(text.len()));
                let before = &text[..at];
                let start = before.rfind('\n').map_or(0, |i| i + 1);
                let expected = (before.matches('\n').count() + 1, before[start..].chars().count() + 1);
                proptest::prop_assert_eq!(line_column(&text, offset), expected);
                proptest::prop_assert_eq!(index.position(offset), expected);
            }
        }
    }

    #[test]
    fn controls_are_escaped_as_string_literals_that_read_back() {
        let raw =
            "Bonjour\rdoc-intro = HIJACKED\u{2028}x\u{85}\u{c}{ \"a\u{b}\" } \u{1b}[2J\r\nfin\t!";
        let escaped = escape_controls(raw);
        assert_eq!(
            escaped,
            "Bonjour{ \"\\u000D\" }doc-intro = HIJACKED{ \"\\u2028\" }x{ \"\\u0085\" }{ \"\\u000C\" }{ \"a\\u000B\" } { \"\\u001B\" }[2J\nfin\t!"
        );
        assert!(!escaped.chars().any(needs_escape));
        // Fluent reads it back as the very characters.
        let entry = format!("m = {}\n", escaped.replace('\n', "\n    "));
        let resource = fluent_syntax::parser::parse(entry.as_str()).unwrap();
        let mut bundle = fluent_bundle::FluentBundle::new(vec!["fr".parse().unwrap()]);
        bundle.set_use_isolating(false);
        bundle
            .add_resource(fluent_bundle::FluentResource::try_new(entry.clone()).unwrap())
            .unwrap();
        let m = bundle.get_message("m").unwrap();
        let mut errors = vec![];
        let shown = bundle.format_pattern(m.value().unwrap(), None, &mut errors);
        // The string literal the text had reads as its text, like the rest.
        assert_eq!(
            shown,
            raw.replace("\r\n", "\n")
                .replace("{ \"a\u{b}\" }", "a\u{b}")
        );
        assert_eq!(resource.body.len(), 1);
        assert_eq!(escape_controls("plain { \"x\" }"), "plain { \"x\" }");
    }

    #[test]
    fn columns_count_characters() {
        let text = "a = b\nمرحبا = x\n";
        assert_eq!(line_column(text, 0), (1, 1));
        let eq = text.find(" = x").unwrap();
        assert_eq!(line_column(text, eq), (2, 6));
        let index = LineIndex::new(text);
        assert_eq!(index.position(eq), (2, 6));
        assert_eq!(index.line_text(2), "مرحبا = x");
    }

    #[test]
    fn braces_round_trip() {
        let text = "use {braces} and \"quotes\" \\ here";
        let pattern = text_pattern(text);
        let resource = Resource {
            body: vec![Entry::Message(fluent_syntax::ast::Message {
                id: fluent_syntax::ast::Identifier {
                    name: "m".to_string(),
                },
                value: Some(pattern),
                attributes: vec![],
                comment: None,
            })],
        };
        let ftl = fluent_syntax::serializer::serialize(&resource);
        let parsed = fluent_syntax::parser::parse(ftl.as_str()).unwrap();
        assert_eq!(
            message_texts(&parsed),
            vec![("m".into(), Some(text.into()))]
        );
    }

    #[test]
    fn the_typo_index_answers_as_the_edit_distance_does() {
        let candidates = [
            "article-intro-heading",
            "article-intro-hedaing",
            "page-written-by",
            "page-edited-by",
            "article-ministers-after-fall-nuri-maliki-close",
            "short",
        ];
        let ids = [
            "article-intro-headign",
            "page-writen-by",
            "page-edtied-by",
            "article-ministers-after-fall-nuri-malik-closer",
            "shrot",
            "unrelated-id-entirely",
            "article-intro-hed",
            "ca-long-enough-id",
            "abc-long-enough-id",
        ];
        let index = TypoIndex::new(candidates);
        for id in ids {
            assert_eq!(
                index.likely_typo(id),
                likely_typo(id, candidates.iter().copied()),
                "{id}"
            );
        }
        assert_eq!(index.likely_typo("page-writen-by"), Some("page-written-by"));
    }

    proptest::proptest! {
        /// The letter counts only rule out pairs the distance rules out too.
        #[test]
        fn letter_counts_never_rule_out_a_near_id(
            a in "[a-e-]{0,12}",
            edits in proptest::collection::vec((0usize..4, 0usize..12, "[a-e-]"), 0..4),
        ) {
            let mut b: Vec<char> = a.chars().collect();
            for (kind, at, c) in edits {
                let c = c.chars().next().unwrap();
                let at = at.min(b.len());
                match kind {
                    0 => b.insert(at, c),
                    1 if at < b.len() => { b.remove(at); }
                    2 if at < b.len() => b[at] = c,
                    3 if at + 1 < b.len() => b.swap(at, at + 1),
                    _ => {}
                }
            }
            let b: String = b.into_iter().collect();
            let distance = strsim::damerau_levenshtein(&a, &b);
            for most in 0..=3 {
                if letters_too_far(&a, &b, most) {
                    proptest::prop_assert!(distance > most, "{a} {b} {distance} {most}");
                }
            }
        }
    }
}

#[cfg(test)]
mod placeable_tests {
    use super::placeable_end;

    #[test]
    fn placeables_end_where_fluent_ends_them() {
        let t = r#"a { $n } b { "}" } c { "\"}" } d { { $x } } e { -t(k: "{") } f {"#;
        let ends: Vec<&str> = t
            .match_indices('{')
            .filter_map(|(i, _)| placeable_end(t, i).map(|e| &t[i..e]))
            .collect();
        assert_eq!(ends[0], "{ $n }");
        assert_eq!(ends[1], r#"{ "}" }"#);
        assert_eq!(ends[2], r#"{ "\"}" }"#);
        assert!(ends.contains(&"{ { $x } }"));
        assert!(ends.contains(&r#"{ -t(k: "{") }"#));
        assert_eq!(placeable_end("x {", 2), None);
        assert_eq!(placeable_end("x", 0), None);
    }
}
