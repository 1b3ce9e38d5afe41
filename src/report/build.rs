//! `build`: the pages rendered and skipped per locale, the outputs removed, and
//! the warnings that did not stop the build.

use super::shown;
use crate::build::BuildReport;
use crate::finding::Code;
use crate::project::Project;
use serde::Serialize;
use std::io::{self, Write};
use std::path::PathBuf;

/// Every warning of the build, `warning: …` a line (on stderr). The one place
/// that prints build warnings, whatever their type becomes.
pub fn warnings(err: &mut dyn Write, report: &BuildReport) -> io::Result<()> {
    // A file of junk is ten lines here (check and the JSON have them all).
    let mut syntax: std::collections::BTreeMap<&str, usize> = Default::default();
    for f in report
        .findings
        .iter()
        .filter(|f| f.code == Code::SyntaxError)
    {
        *syntax.entry(f.path.as_str()).or_default() += 1;
    }
    for (path, n) in syntax.iter().filter(|(_, n)| **n > SHOWN) {
        writeln!(
            err,
            "error: {path}: {n} Fluent syntax errors, the first {SHOWN} below; `ftlkit check` lists them"
        )?;
    }
    let mut printed: std::collections::BTreeMap<&str, usize> = Default::default();
    for (f, line) in report.findings.iter().zip(report.warning_lines()) {
        if f.code == Code::SyntaxError {
            let n = printed.entry(f.path.as_str()).or_default();
            *n += 1;
            if *n > SHOWN {
                continue;
            }
        }
        // check's word for it: an error is one (the build still publishes,
        // with the next locale's text where the message cannot be shown).
        let level = match f.severity {
            crate::finding::Severity::Error => "error",
            _ => "warning",
        };
        writeln!(err, "{level}: {line}")?;
    }
    for path in &report.kept {
        writeln!(
            err,
            "warning: {}: no longer built, but changed since ftlkit wrote it, so it was kept; delete it yourself if it may go",
            path.display()
        )?;
    }
    Ok(())
}

/// The syntax errors of one file printed on stderr.
const SHOWN: usize = 10;

/// `rendering DONE/TOTAL pages` over itself, for a terminal: only for 200
/// pages or more, at most every 2% of them.
pub fn progress(err: &mut dyn Write, done: usize, total: usize) -> io::Result<()> {
    if total >= 200 && (done % (total / 50).max(1) == 0 || done == total) {
        write!(err, "\rrendering {done}/{total} pages")?;
        if done == total {
            writeln!(err)?;
        }
        err.flush()?;
    }
    Ok(())
}

/// Per locale one line (pages published, messages translated, stale blocks
/// and what readers get for them, pages skipped and why); then the pages
/// skipped for another reason than the threshold, one a line, and the
/// removed outputs, then the totals. `verbose`: a line per page as well, and
/// per page skipped below the threshold.
pub fn human(
    out: &mut dyn Write,
    report: &BuildReport,
    project: &Project,
    verbose: bool,
) -> io::Result<()> {
    // Columns as wide as the longest locale id and document name.
    let lw = report
        .rendered
        .iter()
        .map(|r| r.locale.len())
        .chain(report.skipped.iter().map(|s| s.locale.len()))
        .max()
        .unwrap_or(0)
        .max(8);
    let dw = report
        .rendered
        .iter()
        .map(|r| r.doc.len())
        .chain(report.skipped.iter().map(|s| s.doc.len()))
        .max()
        .unwrap_or(0)
        .max(12);
    for locale in locales_of(report) {
        writeln!(out, "{:<lw$} {}", locale, locale_summary(report, locale))?;
    }
    if verbose {
        for r in &report.rendered {
            write!(
                out,
                "{:<lw$} {:<dw$} {:>3}/{:<3} translated",
                r.locale, r.doc, r.translated, r.total
            )?;
            if r.stale > 0 {
                write!(out, ", {} stale ({})", r.stale, stale_shown(r.stale_mode))?;
            }
            writeln!(out)?;
        }
    }
    for s in report
        .skipped
        .iter()
        .filter(|s| verbose || s.below_threshold.is_none())
    {
        writeln!(
            out,
            "{:<lw$} {:<dw$} skipped: {}",
            s.locale, s.doc, s.reason
        )?;
    }
    for path in &report.removed {
        writeln!(
            out,
            "removed {} (no longer built)",
            shown(&project.root, path)
        )?;
    }
    writeln!(
        out,
        "{} pages, {} files written to {}",
        report.rendered.len(),
        report.written,
        project.output_dir.display()
    )
}

/// The locales of the report's pages, published or skipped, in order.
fn locales_of(report: &BuildReport) -> Vec<&str> {
    let mut seen: Vec<&str> = Vec::new();
    let all = report.rendered.iter().map(|r| &*r.locale);
    for locale in all.chain(report.skipped.iter().map(|s| s.locale.as_str())) {
        if !seen.contains(&locale) {
            seen.push(locale);
        }
    }
    seen
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// `12 pages published, 380/420 translated, 2 stale (shown with a note and
/// the English); 23 skipped (20 below the threshold of 80%, 3 listed below)`.
fn locale_summary(report: &BuildReport, locale: &str) -> String {
    let pages: Vec<_> = report
        .rendered
        .iter()
        .filter(|r| &*r.locale == locale)
        .collect();
    let translated: usize = pages.iter().map(|r| r.translated).sum();
    let total: usize = pages.iter().map(|r| r.total).sum();
    let mut line = plural(pages.len(), "page", "pages") + " published";
    if !pages.is_empty() {
        line += &format!(", {translated}/{total} translated");
    }
    let mut modes: Vec<crate::project::StaleMode> = Vec::new();
    for r in pages.iter().filter(|r| r.stale > 0) {
        if !modes.contains(&r.stale_mode) {
            modes.push(r.stale_mode);
        }
    }
    for mode in modes {
        let stale: usize = pages
            .iter()
            .filter(|r| r.stale_mode == mode)
            .map(|r| r.stale)
            .sum();
        line += &format!(", {stale} stale ({})", stale_shown(mode));
    }
    let skipped: Vec<_> = report
        .skipped
        .iter()
        .filter(|s| s.locale == locale)
        .collect();
    if skipped.is_empty() {
        return line;
    }
    let mut why = Vec::new();
    let below: Vec<f64> = skipped.iter().filter_map(|s| s.below_threshold).collect();
    if let Some(threshold) = below.first() {
        why.push(format!(
            "{} below the threshold of {:.0}%",
            below.len(),
            threshold * 100.0
        ));
    }
    let other = skipped.len() - below.len();
    if other > 0 {
        why.push(format!("{other} listed below"));
    }
    line + &format!("; {} skipped ({})", skipped.len(), why.join(", "))
}

/// What readers of a page get for its stale blocks, in the summary's words.
fn stale_shown(mode: crate::project::StaleMode) -> &'static str {
    use crate::project::StaleMode;
    match mode {
        StaleMode::Show => "shown as translated",
        StaleMode::Note => "shown with a note and the English",
        StaleMode::English => "shown in English",
    }
}

#[derive(Serialize)]
struct Page<'a> {
    locale: &'a str,
    doc: &'a str,
    translated: usize,
    total: usize,
    /// Units whose translation is stale, and what the page shows for them
    /// (`show`, `note`, `english`).
    stale: usize,
    stale_mode: &'static str,
    files: Vec<String>,
}

#[derive(Serialize)]
struct Skipped<'a> {
    locale: &'a str,
    doc: &'a str,
    reason: &'a str,
}

#[derive(Serialize)]
struct Build<'a> {
    output: String,
    pages: Vec<Page<'a>>,
    skipped: Vec<Skipped<'a>>,
    removed: Vec<String>,
    kept: Vec<String>,
    skipped_files: Vec<String>,
    written: usize,
    findings: &'a [crate::finding::Finding],
}

/// `{"output", "pages": [{"locale", "doc", "translated", "total", "stale", "stale_mode", "files"}],
/// "skipped": [{"locale", "doc", "reason"}], "removed", "kept" (no longer built but changed
/// since, so left in place), "skipped_files" (links to folders in the content folder, not followed), "written", "findings": [as `check --format json` gives them]}`;
/// paths relative to the project root when inside it.
pub fn json(out: &mut dyn Write, report: &BuildReport, project: &Project) -> io::Result<()> {
    let rel = |paths: &[PathBuf]| paths.iter().map(|p| shown(&project.root, p)).collect();
    let files = |files: &crate::build::Files| {
        files
            .paths(&project.output_dir)
            .map(|p| shown(&project.root, &p))
            .collect()
    };
    let build = Build {
        output: project.output_dir.display().to_string(),
        pages: report
            .rendered
            .iter()
            .map(|r| Page {
                locale: &r.locale,
                doc: &r.doc,
                translated: r.translated,
                total: r.total,
                stale: r.stale,
                stale_mode: r.stale_mode.as_str(),
                files: files(&r.files),
            })
            .collect(),
        skipped: report
            .skipped
            .iter()
            .map(|s| Skipped {
                locale: &s.locale,
                doc: &s.doc,
                reason: &s.reason,
            })
            .collect(),
        removed: rel(&report.removed),
        kept: rel(&report.kept),
        skipped_files: rel(&report.skipped_files),
        written: report.written,
        findings: &report.findings,
    };
    super::json(out, &build)
}
