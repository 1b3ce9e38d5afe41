//! Findings written away as they come, in a sorted run, and read back
//! merged with others: an unnamed temporary file each (nothing left behind,
//! even by a run that is killed), so a locale of a big book does not hold
//! its findings (a book of 15,000 pages: 18,000 a locale).

use crate::error::{Error, Result};
use crate::finding::{Code, Finding, Severity};
use std::fs::File;
use std::io::{self, BufReader, BufWriter, Read, Seek, Write};

/// A sorted run of findings, in a temporary file once it has some.
#[derive(Default)]
pub(super) struct Run {
    file: Option<BufWriter<File>>,
    len: usize,
}

/// The temporary files' error: where they are made.
fn error(e: io::Error) -> Error {
    Error::io(std::env::temp_dir(), e)
}

impl Run {
    /// Adds findings that sort after those added before.
    pub(super) fn push(&mut self, findings: &[Finding]) -> Result<()> {
        if findings.is_empty() {
            return Ok(());
        }
        if self.file.is_none() {
            self.file = Some(BufWriter::new(tempfile::tempfile().map_err(error)?));
        }
        let Some(out) = self.file.as_mut() else {
            return Ok(());
        };
        for f in findings {
            encode(out, f).map_err(error)?;
        }
        self.len += findings.len();
        Ok(())
    }

    /// The run's findings, read back in order.
    pub(super) fn read(self) -> Result<Reader> {
        let file = match self.file {
            Some(out) => {
                let mut file = out.into_inner().map_err(|e| error(e.into_error()))?;
                file.rewind().map_err(error)?;
                Some(BufReader::new(file))
            }
            None => None,
        };
        Ok(Reader {
            file,
            left: self.len,
        })
    }
}

/// A run being read.
pub(super) struct Reader {
    file: Option<BufReader<File>>,
    left: usize,
}

impl Reader {
    fn next(&mut self) -> Result<Option<Finding>> {
        match (&mut self.file, self.left) {
            (Some(file), 1..) => {
                self.left -= 1;
                decode(file).map(Some).map_err(error)
            }
            _ => Ok(None),
        }
    }
}

/// Two runs and a sorted list merged into one sorted sequence.
pub(super) struct Merge {
    runs: [Reader; 2],
    heads: [Option<Finding>; 2],
    held: std::iter::Peekable<std::vec::IntoIter<Finding>>,
}

impl Merge {
    pub(super) fn new(mut runs: [Reader; 2], held: Vec<Finding>) -> Result<Merge> {
        let heads = [runs[0].next()?, runs[1].next()?];
        Ok(Merge {
            runs,
            heads,
            held: held.into_iter().peekable(),
        })
    }

    /// The next finding in report order (the first run's on a tie, then
    /// the second's, then the list's).
    pub(super) fn next(&mut self) -> Result<Option<Finding>> {
        let order = super::audit::report_order;
        let mut first: Option<usize> = None;
        for k in 0..2 {
            if let Some(f) = &self.heads[k] {
                let earlier = match first.and_then(|j| self.heads[j].as_ref()) {
                    Some(best) => order(f, best).is_lt(),
                    None => true,
                };
                if earlier {
                    first = Some(k);
                }
            }
        }
        let held_first = match (first.and_then(|j| self.heads[j].as_ref()), self.held.peek()) {
            (Some(best), Some(h)) => order(h, best).is_lt(),
            (None, Some(_)) => true,
            _ => false,
        };
        if held_first {
            return Ok(self.held.next());
        }
        let Some(k) = first else { return Ok(None) };
        let next = self.runs[k].next()?;
        Ok(std::mem::replace(&mut self.heads[k], next))
    }
}

/// A finding as bytes: its code's and severity's numbers, its numbers,
/// then its texts, each with its length (`u32::MAX` for none).
fn encode(out: &mut impl Write, f: &Finding) -> io::Result<()> {
    out.write_all(&(f.code as u16).to_le_bytes())?;
    out.write_all(&[f.severity as u8])?;
    for n in [f.line, f.column, f.span.start, f.span.end] {
        out.write_all(&(n as u64).to_le_bytes())?;
    }
    let texts = [
        Some(f.locale.as_str()),
        Some(f.path.as_str()),
        f.id.as_deref(),
        Some(f.message.as_str()),
        f.previous.as_deref(),
    ];
    for text in texts {
        match text {
            Some(text) => {
                out.write_all(&(text.len() as u32).to_le_bytes())?;
                out.write_all(text.as_bytes())?;
            }
            None => out.write_all(&u32::MAX.to_le_bytes())?,
        }
    }
    Ok(())
}

/// The finding [`encode`] wrote.
fn decode(input: &mut impl Read) -> io::Result<Finding> {
    fn bytes<const N: usize>(input: &mut impl Read) -> io::Result<[u8; N]> {
        let mut b = [0; N];
        input.read_exact(&mut b)?;
        Ok(b)
    }
    fn number(input: &mut impl Read) -> io::Result<usize> {
        Ok(u64::from_le_bytes(bytes::<8>(input)?) as usize)
    }
    fn text(input: &mut impl Read) -> io::Result<Option<String>> {
        let len = u32::from_le_bytes(bytes::<4>(input)?);
        if len == u32::MAX {
            return Ok(None);
        }
        let mut text = vec![0; len as usize];
        input.read_exact(&mut text)?;
        String::from_utf8(text)
            .map(Some)
            .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))
    }
    let invalid = || io::Error::new(io::ErrorKind::InvalidData, "not a finding");
    let code = *Code::ALL
        .get(usize::from(u16::from_le_bytes(bytes::<2>(input)?)))
        .ok_or_else(invalid)?;
    let severity = match bytes::<1>(input)?[0] {
        0 => Severity::Error,
        1 => Severity::Warning,
        _ => Severity::Info,
    };
    let (line, column) = (number(input)?, number(input)?);
    let span = number(input)?..number(input)?;
    let (locale, path) = (text(input)?, text(input)?);
    let (id, message, previous) = (text(input)?, text(input)?, text(input)?);
    Ok(Finding {
        code,
        severity,
        locale: locale.ok_or_else(invalid)?,
        path: path.ok_or_else(invalid)?,
        line,
        column,
        id,
        message: message.ok_or_else(invalid)?,
        previous,
        span,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_run_reads_back_what_it_was_given_merged_in_order() {
        let finding = |path: &str, line: usize, id: Option<&str>| Finding {
            line,
            id: id.map(str::to_string),
            previous: (line == 3).then(|| "كان\n\"هذا\"".to_string()),
            span: line..line + 4,
            ..crate::lint::rules::finding(Code::Identical, "ar", path, format!("« {line} »"))
        };
        let (mut own, mut english) = (Run::default(), Run::default());
        own.push(&[
            finding("locales/ar/a.ftl", 1, Some("a")),
            finding("locales/ar/b.ftl", 3, None),
        ])
        .unwrap();
        english
            .push(&[finding("locales/en-US/a.ftl", 2, Some("x"))])
            .unwrap();
        let held = vec![finding("locales/ar/a.ftl", 2, None)];
        let mut merged = Merge::new([own.read().unwrap(), english.read().unwrap()], held).unwrap();
        let mut out = Vec::new();
        while let Some(f) = merged.next().unwrap() {
            out.push(f);
        }
        let expected = [
            finding("locales/ar/a.ftl", 1, Some("a")),
            finding("locales/ar/a.ftl", 2, None),
            finding("locales/ar/b.ftl", 3, None),
            finding("locales/en-US/a.ftl", 2, Some("x")),
        ];
        assert_eq!(format!("{out:?}"), format!("{expected:?}"));
        assert_eq!(out[2].span, 3..7);
    }
}
