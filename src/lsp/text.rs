//! Positions as the Language Server Protocol counts them: a line (from 0) and
//! a character offset in UTF-16 code units (from 0). Findings carry byte
//! ranges; an Arabic letter is two bytes and one unit, an emoji four bytes and
//! two units, so neither bytes nor characters will do.

use lsp_types::{Position, Range};

/// The line starts of one text, for converting both ways.
pub struct Lines<'t> {
    text: &'t str,
    starts: Vec<usize>,
}

impl<'t> Lines<'t> {
    /// Lines end at `\n`, `\r\n` and a lone `\r`, as the protocol counts
    /// them (Fluent reads a lone CR as text, but the client's lines end there).
    pub fn new(text: &'t str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        starts.extend(
            memchr::memchr2_iter(b'\n', b'\r', bytes)
                .filter(|&i| !(bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n')))
                .map(|i| i + 1),
        );
        Lines { text, starts }
    }

    pub fn text(&self) -> &'t str {
        self.text
    }

    /// The line's text without its line break.
    pub fn line(&self, line: usize) -> Option<&'t str> {
        let start = *self.starts.get(line)?;
        let end = self.starts.get(line + 1).map_or(self.text.len(), |&e| e);
        let line = &self.text[start..end];
        let line = line.strip_suffix('\n').unwrap_or(line);
        Some(line.strip_suffix('\r').unwrap_or(line))
    }

    pub fn count(&self) -> usize {
        self.starts.len()
    }

    /// The position of a byte offset (clamped to the text, and back to the
    /// character it falls in).
    pub fn position(&self, offset: usize) -> Position {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line];
        let units: usize = self.text[start..offset].chars().map(char::len_utf16).sum();
        Position::new(line as u32, units as u32)
    }

    /// The range of some bytes; a non-empty one whose end falls inside a
    /// character (a finding that underlines one byte of an Arabic letter)
    /// ends after that character.
    pub fn range(&self, bytes: std::ops::Range<usize>) -> Range {
        let mut end = bytes.end.min(self.text.len());
        if bytes.end > bytes.start {
            while !self.text.is_char_boundary(end) {
                end += 1;
            }
        }
        Range::new(self.position(bytes.start), self.position(end))
    }

    /// The byte offset of a position: a character past the line's end is the
    /// line's end (as the protocol says), one inside a surrogate pair the
    /// character it is half of; `None` for a line past the end of the text.
    pub fn offset(&self, position: Position) -> Option<usize> {
        let line = position.line as usize;
        let start = *self.starts.get(line)?;
        let content = self.line(line)?;
        let mut units = 0usize;
        let wanted = position.character as usize;
        for (i, c) in content.char_indices() {
            if units == wanted {
                return Some(start + i);
            }
            units += c.len_utf16();
            if units > wanted {
                // Inside a surrogate pair: the character it is part of.
                return Some(start + i);
            }
        }
        Some(start + content.len())
    }

    /// The byte offset of a 1-based line and a 1-based column counted in
    /// characters (how findings and `check` place things).
    pub fn offset_of_line_column(&self, line: usize, column: usize) -> usize {
        let Some(content) = line.checked_sub(1).and_then(|l| self.line(l)) else {
            return self.text.len();
        };
        let start = self.starts[line - 1];
        content
            .char_indices()
            .nth(column.saturating_sub(1))
            .map_or(start + content.len(), |(i, _)| start + i)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arabic_counts_one_unit_a_letter_and_an_emoji_two() {
        let text = "a = x\nعنوان = { $n } 😀 ب\n";
        let lines = Lines::new(text);
        let placeable = text.find("{ $n }").unwrap();
        // "عنوان = " is 8 UTF-16 units (5 letters, space, =, space).
        assert_eq!(lines.position(placeable), Position::new(1, 8));
        let after_emoji = text.find(" ب").unwrap();
        assert_eq!(lines.position(after_emoji), Position::new(1, 17));
        assert_eq!(lines.offset(Position::new(1, 8)), Some(placeable));
        assert_eq!(lines.offset(Position::new(1, 17)), Some(after_emoji));
        // Inside the emoji's surrogate pair: the emoji; past the line, past the text.
        let emoji = text.find('😀').unwrap();
        assert_eq!(lines.offset(Position::new(1, 16)), Some(emoji));
        let line_end = text.find("ب\n").unwrap() + 'ب'.len_utf8();
        assert_eq!(lines.offset(Position::new(1, 40)), Some(line_end));
        assert_eq!(lines.offset(Position::new(9, 0)), None);
        // The end of a line is a position.
        assert_eq!(lines.offset(Position::new(0, 5)), Some(5));
    }

    #[test]
    fn positions_and_offsets_round_trip_on_every_character() {
        let text = "-brand = Relay\nمرحبا { -brand }\r\nplain 😀\n";
        let lines = Lines::new(text);
        for (i, _) in text.char_indices() {
            if text[i..].starts_with('\n') || text[i..].starts_with("\r\n") {
                continue;
            }
            assert_eq!(lines.offset(lines.position(i)), Some(i), "at byte {i}");
        }
        // A byte inside a character goes back to the character.
        let alef = text.find('م').unwrap();
        assert_eq!(lines.position(alef + 1), lines.position(alef));
    }

    #[test]
    fn a_range_ending_inside_a_letter_ends_after_it() {
        let text = "x = { $n دقائق";
        let lines = Lines::new(text);
        let d = text.find('د').unwrap();
        let range = lines.range(d..d + 1);
        assert_eq!(range.start, Position::new(0, 9));
        assert_eq!(range.end, Position::new(0, 10));
        assert_eq!(lines.range(d..d).end, Position::new(0, 9));
    }

    #[test]
    fn a_lone_cr_ends_a_line_as_the_protocol_says() {
        let text = "a = b\rc = d\r\ne = f\n";
        let lines = Lines::new(text);
        assert_eq!(lines.count(), 4);
        assert_eq!(lines.line(1), Some("c = d"));
        assert_eq!(lines.position(text.find('c').unwrap()), Position::new(1, 0));
        assert_eq!(lines.offset(Position::new(2, 0)), text.find('e'));
        assert_eq!(lines.offset(Position::new(0, 99)), Some(5));
    }

    #[test]
    fn line_and_column_in_characters() {
        let text = "ab\nعنوان = x\n";
        let lines = Lines::new(text);
        assert_eq!(lines.offset_of_line_column(2, 7), text.find('=').unwrap());
        assert_eq!(lines.offset_of_line_column(9, 1), text.len());
    }
}
