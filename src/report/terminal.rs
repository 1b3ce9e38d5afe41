//! Terminal-safe output: text that came from someone else (a TMX file's
//! segments and language codes, a translation) may hold control characters
//! (ESC, BEL, NUL, a lone CR, C1 controls such as CSI) that a terminal or a
//! CI log would obey: set the title, clear the screen, hide a line. Every
//! report the binary prints goes through [`Visible`], which writes each such
//! character as `\u{1b}` instead. Line feeds, tabs and CRLF line ends pass;
//! JSON stays JSON (serde escapes C0 controls itself, and a C1 control only
//! ever sits inside a string, where `\u0085` is the same character).

use std::io::{self, Write};

/// A writer that makes control characters visible (see the module's doc).
pub struct Visible<W: Write> {
    inner: W,
    /// A CR not yet known to end a line (CRLF) or not.
    cr: bool,
    /// A UTF-8 lead byte 0xC2 whose next byte may make a C1 control.
    c2: bool,
}

impl<W: Write> Visible<W> {
    pub fn new(inner: W) -> Self {
        Visible {
            inner,
            cr: false,
            c2: false,
        }
    }

    fn escaped(&mut self, code: u32) -> io::Result<()> {
        write!(self.inner, "\\u{:04x}", code)
    }
}

/// Whether the single byte `b` is a control character shown escaped.
const fn hidden(b: u8) -> bool {
    (b < 0x20 && b != b'\n' && b != b'\t' && b != b'\r') || b == 0x7f
}

/// The bytes [`Visible`] stops at: hidden ones, CR and the lead byte 0xC2.
static STOPS: [bool; 256] = {
    let mut stops = [false; 256];
    let mut b = 0;
    while b < 256 {
        stops[b] = hidden(b as u8) || b == 0x0d || b == 0xc2;
        b += 1;
    }
    stops
};

impl<W: Write> Write for Visible<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut plain = 0;
        let mut i = 0;
        while i < buf.len() {
            // Skipped in one pass up to the next byte to look at (a report
            // is megabytes of plain text).
            if !(self.cr || self.c2) {
                match buf[i..].iter().position(|&b| STOPS[usize::from(b)]) {
                    Some(skip) => i += skip,
                    None => break,
                }
            }
            let b = buf[i];
            i += 1;
            self.inner.write_all(&buf[plain..i - 1])?;
            plain = i;
            if self.cr {
                self.cr = false;
                if b == b'\n' {
                    self.inner.write_all(b"\r\n")?;
                    continue;
                }
                self.escaped(0x0d)?;
            }
            if self.c2 {
                self.c2 = false;
                if (0x80..=0x9f).contains(&b) {
                    self.escaped(u32::from(b))?;
                    continue;
                }
                self.inner.write_all(&[0xc2])?;
            }
            match b {
                b'\r' => self.cr = true,
                0xc2 => self.c2 = true,
                b if hidden(b) => self.escaped(u32::from(b))?,
                b => self.inner.write_all(&[b])?,
            }
        }
        self.inner.write_all(&buf[plain..])?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if std::mem::take(&mut self.cr) {
            self.escaped(0x0d)?;
        }
        if std::mem::take(&mut self.c2) {
            self.inner.write_all(&[0xc2])?;
        }
        self.inner.flush()
    }
}

/// `text` with its control characters written as [`Visible`] writes them.
pub fn visible(text: &str) -> String {
    let mut out = Visible::new(Vec::new());
    let _ = out.write_all(text.as_bytes());
    let _ = out.flush();
    String::from_utf8(out.inner).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_are_shown_and_text_kept() {
        assert_eq!(
            visible("a\u{1b}]0;x\u{7}b\r\nc\rd\u{9b}2J é\u{85}\té\u{0}"),
            "a\\u001b]0;x\\u0007b\r\nc\\u000dd\\u009b2J é\\u0085\té\\u0000"
        );
        // Split anywhere, the same.
        let text = "x\r\n\u{9b}y\r";
        for cut in 0..=text.len() {
            let mut out = Visible::new(Vec::new());
            out.write_all(&text.as_bytes()[..cut]).unwrap();
            out.write_all(&text.as_bytes()[cut..]).unwrap();
            out.flush().unwrap();
            assert_eq!(
                String::from_utf8(out.inner).unwrap(),
                "x\r\n\\u009by\\u000d"
            );
        }
    }
}
