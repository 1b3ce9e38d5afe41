//! `.ini` files (Firefox's crash reporter, updater and default agent
//! strings), read as compare-locales' `IniParser` reads them: `[section]`
//! headers (not entities: keys are not scoped by them), `;`/`#` comment
//! lines, and `key=value` lines, the key up to the first `=` (its blanks
//! kept), the value the rest of the line.
//!
//! A few lines by hand rather than an INI crate (`rust-ini`, `configparser`):
//! those trim keys, scope them by section and reject what compare-locales
//! reads as junk and goes on, so their counts would not be compare-locales'.

use super::Parsed;
use std::ops::Range;

/// Parses an `.ini` text (line ends already `\n`).
pub fn parse(text: &str) -> Parsed {
    super::scan(text, 0, &Ini)
}

/// compare-locales' `IniParser`, as [`super::Grammar`].
struct Ini;

impl super::Grammar for Ini {
    fn comment_at(&self, text: &str, at: usize) -> Option<usize> {
        comment_at(text.as_bytes(), at)
    }

    fn entity_at(&self, text: &str, at: usize) -> Option<(Range<usize>, Range<usize>, usize)> {
        let (key, value) = key_at(text.as_bytes(), at)?;
        let end = value.end;
        Some((key, value, end))
    }

    fn junk_end(&self, text: &str, at: usize) -> usize {
        junk_end(text.as_bytes(), at)
    }

    fn skip_at(&self, text: &str, at: usize) -> Option<usize> {
        section_at(text.as_bytes(), at)
    }

    fn license_before(&self) -> usize {
        2
    }
}

/// `\[(.*?)\]` at `at`: its end.
fn section_at(bytes: &[u8], at: usize) -> Option<usize> {
    if bytes.get(at) != Some(&b'[') {
        return None;
    }
    let close = bytes[at + 1..]
        .iter()
        .position(|&b| b == b']' || b == b'\n')?;
    (bytes[at + 1 + close] == b']').then_some(at + close + 2)
}

/// `(?:^[;#][^\n]*\n)*(?:^[;#][^\n]*)` at `at` (a line's start): its end.
fn comment_at(bytes: &[u8], at: usize) -> Option<usize> {
    if at > 0 && bytes[at - 1] != b'\n' {
        return None;
    }
    let mut end = None;
    let mut pos = at;
    while pos < bytes.len() && matches!(bytes[pos], b';' | b'#') {
        let line_end = memchr::memchr(b'\n', &bytes[pos..]).map_or(bytes.len(), |i| pos + i);
        end = Some(line_end);
        if line_end + 1 < bytes.len() && matches!(bytes[line_end + 1], b';' | b'#') {
            pos = line_end + 1;
        } else {
            break;
        }
    }
    end
}

/// `(?P<key>.+?)=(?P<val>.*)` at `at`.
fn key_at(bytes: &[u8], at: usize) -> Option<(std::ops::Range<usize>, std::ops::Range<usize>)> {
    let line_end = memchr::memchr(b'\n', &bytes[at..]).map_or(bytes.len(), |i| at + i);
    let eq = at
        + 1
        + bytes
            .get(at + 1..line_end)?
            .iter()
            .position(|&b| b == b'=')?;
    Some((at..eq, eq + 1..line_end))
}

/// Junk ends where a key line, a comment line or a `[…]` starts.
fn junk_end(bytes: &[u8], at: usize) -> usize {
    let mut end = bytes.len();
    for i in at..bytes.len() {
        let line_start = i == 0 || bytes[i - 1] == b'\n';
        if (line_start && comment_at(bytes, i).is_some())
            || section_at(bytes, i).is_some()
            || (bytes[i] != b'\n' && key_at(bytes, i).is_some())
        {
            end = i;
            break;
        }
    }
    end.max(at + 1)
}

#[cfg(test)]
mod tests {
    #[test]
    fn entities_as_compare_locales_reads_them() {
        // Modelled on Firefox's toolkit/crashreporter/crashreporter.ini.
        let text = "; This Source Code Form is subject to the terms of the Mozilla Public\n\
; License, v. 2.0.\n\
\n\
; This file is in the UTF-8 encoding\n\
[Strings]\n\
isRTL=\n\
CrashReporterTitle=Crash Reporter\n\
CrashReporterVendorTitle=%s Crash Reporter\n\
not a key\n\
Spaced key = value = more\n";
        let parsed = super::parse(text);
        let keys = parsed.keys(text);
        assert_eq!(
            keys,
            [
                "isRTL",
                "CrashReporterTitle",
                "CrashReporterVendorTitle",
                "Spaced key "
            ]
        );
        assert_eq!(&text[parsed.entities[3].value.clone()], " value = more");
        assert_eq!(parsed.junk.len(), 1);
    }
}
