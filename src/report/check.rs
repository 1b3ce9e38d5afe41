//! `check`: every finding with its source line marked, or JSON for CI, and
//! whether the run fails.

use super::{indent, plural};
use crate::lint::audit::Audit;
use crate::lint::{Finding, Severity};
use annotate_snippets::{AnnotationKind, Level, Renderer, Snippet};
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::Path;

#[derive(Serialize, Default)]
struct Summary {
    errors: usize,
    warnings: usize,
    missing: usize,
    obsolete: usize,
}

fn summary(audit: &Audit) -> Summary {
    let mut s = Summary::default();
    count_missing(&mut s, audit);
    for f in &audit.findings {
        tally(&mut s, f);
    }
    s
}

fn count_missing(s: &mut Summary, audit: &Audit) {
    for (_, c) in &audit.locales {
        s.missing += c.missing;
        s.obsolete += c.obsolete;
    }
}

fn tally(s: &mut Summary, f: &Finding) {
    match f.severity {
        Severity::Error => s.errors += 1,
        Severity::Warning => s.warnings += 1,
        Severity::Info => {}
    }
}

/// How [`Writer`] writes.
enum Form<'r> {
    Json,
    Human { renderer: Renderer, root: &'r Path },
    Github,
    Sarif(super::ci::Sarif),
}

/// `check`'s report written as the audit makes it: the findings a part (a
/// locale) at a time, then the summary, so that a run over a hundred
/// locales never holds all of their findings (see
/// `lint::audit::audit_streamed`). The bytes are those of [`json`],
/// [`human`], `ci::github` and `ci::sarif` on the whole audit.
pub struct Writer<'w, 'r> {
    out: &'w mut dyn Write,
    form: Form<'r>,
    show_info: bool,
    summary: Summary,
    wrote: usize,
}

impl<'w, 'r> Writer<'w, 'r> {
    /// `{"findings": [...], "summary": {...}}` (see [`json`]).
    pub fn json(out: &'w mut dyn Write, show_info: bool) -> Self {
        Self::new(out, Form::Json, show_info)
    }

    /// Each finding with its source line (see [`human`]).
    pub fn human(out: &'w mut dyn Write, root: &'r Path, show_info: bool, color: bool) -> Self {
        let renderer = if color {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        Self::new(out, Form::Human { renderer, root }, show_info)
    }

    /// GitHub workflow commands (see `ci::github`).
    pub fn github(out: &'w mut dyn Write, show_info: bool) -> Self {
        Self::new(out, Form::Github, show_info)
    }

    /// A SARIF 2.1.0 log (see `ci::sarif`).
    pub fn sarif(out: &'w mut dyn Write, show_info: bool) -> Self {
        Self::new(
            out,
            Form::Sarif(super::ci::Sarif::new(show_info)),
            show_info,
        )
    }

    fn new(out: &'w mut dyn Write, form: Form<'r>, show_info: bool) -> Self {
        Writer {
            out,
            form,
            show_info,
            summary: Summary::default(),
            wrote: 0,
        }
    }

    /// The next findings, in report order.
    pub fn part(&mut self, findings: &[Finding]) -> io::Result<()> {
        for f in findings {
            tally(&mut self.summary, f);
        }
        match &mut self.form {
            Form::Json => self.json_part(findings),
            Form::Human { renderer, root } => {
                human_part(&mut *self.out, renderer, root, findings, self.show_info)
            }
            Form::Github => super::ci::github(&mut *self.out, findings, self.show_info),
            Form::Sarif(log) => log.part(&mut *self.out, findings),
        }
    }

    /// Each finding as `,\n    {…}`, indented as an element of the list,
    /// serialized in parallel chunks (43,000 findings serialized one after
    /// another took `check` as long as the rest of its main thread's work),
    /// a bounded number of chunks at a time.
    fn json_part(&mut self, findings: &[Finding]) -> io::Result<()> {
        use rayon::prelude::*;
        let shown: Vec<&Finding> = findings
            .iter()
            .filter(|f| self.show_info || f.severity != Severity::Info)
            .collect();
        for window in shown.chunks(64 * 1024) {
            let chunks: Vec<io::Result<Vec<u8>>> = window
                .par_chunks(1024)
                .map(|chunk| {
                    let (mut buf, mut one) = (Vec::new(), Vec::new());
                    for f in chunk {
                        buf.extend_from_slice(b",\n    ");
                        one.clear();
                        serde_json::to_writer_pretty(&mut one, f)?;
                        indent(&mut buf, &one, b"    ");
                    }
                    Ok(buf)
                })
                .collect();
            for chunk in chunks {
                let chunk = chunk?;
                // The first finding has no comma before it.
                if self.wrote == 0 {
                    self.out.write_all(b"{\n  \"findings\": [")?;
                    self.out.write_all(&chunk[1..])?;
                } else {
                    self.out.write_all(&chunk)?;
                }
                self.wrote += 1;
            }
        }
        Ok(())
    }

    /// The summary (and the files not checked); whether the run fails.
    pub fn finish(mut self, audit: &Audit, deny_warnings: bool) -> io::Result<bool> {
        count_missing(&mut self.summary, audit);
        let s = &self.summary;
        match self.form {
            Form::Json => {
                if self.wrote == 0 {
                    self.out.write_all(b"{\n  \"findings\": []")?;
                } else {
                    self.out.write_all(b"\n  ]")?;
                }
                self.out.write_all(b",\n  \"summary\": ")?;
                let (mut buf, one) = (Vec::new(), serde_json::to_vec_pretty(s)?);
                indent(&mut buf, &one, b"  ");
                self.out.write_all(&buf)?;
                if !audit.unchecked.is_empty() {
                    self.out.write_all(b",\n  \"unchecked\": ")?;
                    let (mut buf, one) = (Vec::new(), serde_json::to_vec_pretty(&audit.unchecked)?);
                    indent(&mut buf, &one, b"  ");
                    self.out.write_all(&buf)?;
                }
                self.out.write_all(b"\n}\n")?;
            }
            Form::Human { .. } => human_summary(&mut *self.out, s, audit, self.show_info)?,
            Form::Github => {}
            Form::Sarif(log) => log.finish(&mut *self.out)?,
        }
        Ok(s.errors > 0 || (deny_warnings && s.warnings > 0))
    }
}

/// `{"findings": [...], "summary": {...}}`, byte for byte as `serde_json`'s
/// pretty printer writes it (no JSON tree in memory).
pub fn json(out: &mut dyn Write, audit: &Audit, show_info: bool) -> io::Result<()> {
    let mut writer = Writer::json(out, show_info);
    writer.part(&audit.findings)?;
    writer.finish(audit, false).map(drop)
}

/// Each finding with its source line and the span marked; missing messages
/// are summed up per locale unless `show_info`.
pub fn human(
    out: &mut dyn Write,
    audit: &Audit,
    root: &Path,
    show_info: bool,
    color: bool,
) -> io::Result<()> {
    let mut writer = Writer::human(out, root, show_info, color);
    writer.part(&audit.findings)?;
    writer.finish(audit, false).map(drop)
}

/// Findings with their source lines; each file read once per part.
fn human_part(
    out: &mut dyn Write,
    renderer: &Renderer,
    root: &Path,
    findings: &[Finding],
    show_info: bool,
) -> io::Result<()> {
    let mut texts: BTreeMap<&str, Option<String>> = BTreeMap::new();
    for f in findings {
        if f.severity == Severity::Info && !show_info {
            continue;
        }
        let text = texts.entry(f.path.as_str()).or_insert_with(|| {
            let path = root.join(&f.path);
            match path.extension().is_some_and(|e| e == "ftl") {
                true => crate::ftl::load::read(&path).ok().flatten(),
                // As the findings' places were counted: compare-locales'
                // reading (U+FFFD for bytes that are not UTF-8, `\n` line ends).
                false => crate::fsutil::read_guarded(&path)
                    .ok()
                    .map(|b| crate::lint::legacy::decode(&b)),
            }
        });
        writeln!(out, "{}\n", finding(renderer, f, text.as_deref()))?;
    }
    Ok(())
}

/// The last lines of the human report: the totals.
fn human_summary(
    out: &mut dyn Write,
    s: &Summary,
    audit: &Audit,
    show_info: bool,
) -> io::Result<()> {
    let locales = audit.locales.len();
    writeln!(
        out,
        "{}, {}, {} missing, {} obsolete in {}",
        plural(s.errors, "error"),
        plural(s.warnings, "warning"),
        s.missing,
        s.obsolete,
        plural(locales, "locale")
    )?;
    if let Some(note) = super::unchecked_note(&audit.unchecked) {
        writeln!(out, "{note}")?;
    }
    if s.missing > 0 && !show_info {
        writeln!(out, "(missing messages are normal for a locale in progress: `ftlkit status LOCALE --untranslated` lists them)")?;
    }
    Ok(())
}

/// One finding: its source line with the span marked when the file's `text`
/// has the span, else a one-line `path:line:column: title`.
fn finding(renderer: &Renderer, f: &Finding, text: Option<&str>) -> String {
    let level = match f.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Info => Level::NOTE,
    };
    let title = format!("[{}] {}: {}", f.locale, f.code, f.message);
    match text.map(|t| (t, char_span(t, &f.span))) {
        Some((text, Some(span))) => {
            let index = crate::ftl::LineIndex::new(text);
            let line = index.line_text(f.line);
            let line_start = text[..span.start].rfind('\n').map_or(0, |i| i + 1);
            let start = span.start - line_start;
            let end = (span.end - line_start).min(line.len()).max(start);
            let (line, start, end) = visible_controls(line, start, end);
            let report = &[level.primary_title(&title).element(
                Snippet::source(&line)
                    .line_start(f.line)
                    .path(f.path.as_str())
                    .annotation(AnnotationKind::Primary.span(start..end)),
            )];
            renderer.render(report).to_string()
        }
        _ if f.line == 0 => {
            let level = match f.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "note",
            };
            format!("{level}: {}: {title}", f.path)
        }
        _ => format!("{}:{}:{}: {title}", f.path, f.line, f.column),
    }
}

/// The line with its bidi controls and marks written out (`⟨FSI⟩`), the span
/// moved to match: invisible on a terminal (or shown as `�`), they are often
/// what the finding is about.
fn visible_controls(line: &str, start: usize, end: usize) -> (String, usize, usize) {
    let mut out = String::with_capacity(line.len());
    let (mut new_start, mut new_end) = (start, end);
    for (i, c) in line.char_indices() {
        if i == start {
            new_start = out.len();
        }
        if i == end {
            new_end = out.len();
        }
        match crate::lint::rules::bidi::control_name(c) {
            Some(name) => {
                out.push('⟨');
                out.push_str(name);
                out.push('⟩');
            }
            None => out.push(c),
        }
    }
    if end >= line.len() {
        new_end = out.len();
    }
    if start >= line.len() {
        new_start = out.len();
    }
    (out, new_start, new_end.max(new_start))
}

/// The span widened to whole characters: the parser's byte positions can fall
/// inside a multi-byte character (an Arabic letter where `=` was expected).
/// None when it lies outside the text.
fn char_span(text: &str, span: &std::ops::Range<usize>) -> Option<std::ops::Range<usize>> {
    if span.start > text.len() || span.end > text.len() {
        return None;
    }
    let mut start = span.start;
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = span.end.max(start);
    while !text.is_char_boundary(end) {
        end += 1;
    }
    Some(start..end)
}

/// Whether a check run fails.
pub fn failed(audit: &Audit, deny_warnings: bool) -> bool {
    let s = summary(audit);
    s.errors > 0 || (deny_warnings && s.warnings > 0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Code;

    /// What `json` wrote before it serialized in parallel: serde_json's
    /// pretty printer on the whole report.
    fn whole(audit: &Audit) -> String {
        #[derive(Serialize)]
        struct Report<'a> {
            findings: Vec<&'a Finding>,
            summary: Summary,
        }
        let report = Report {
            findings: audit.findings.iter().collect(),
            summary: summary(audit),
        };
        let mut out = Vec::new();
        super::super::json(&mut out, &report).unwrap();
        String::from_utf8(out).unwrap()
    }

    fn finding(i: usize, message: &str) -> Finding {
        Finding {
            id: (i % 3 != 0).then(|| format!("m-{i}")),
            previous: (i % 5 == 0).then(|| "was\n  \"this\"".to_string()),
            ..crate::lint::rules::finding(Code::MissingVariable, "ar", "ar/a.ftl", message.into())
        }
    }

    #[test]
    fn chunks_in_parallel_write_what_the_whole_report_did() {
        for n in [0, 1, 2, 1023, 1024, 1025, 3000] {
            let audit = Audit {
                findings: (0..n)
                    .map(|i| finding(i, &format!("`m-{i}` لا يستخدم {{ $name }}\n\t\"x\"")))
                    .collect(),
                ..Audit::default()
            };
            let mut out = Vec::new();
            json(&mut out, &audit, true).unwrap();
            assert_eq!(
                String::from_utf8(out).unwrap(),
                whole(&audit),
                "{n} findings"
            );
        }
    }
}
