//! Findings as LSP diagnostics: `check`'s findings on a translation or a
//! reference buffer, placed by their byte spans in UTF-16 positions; for a
//! Markdown document, what `extract` would say of it (a Markdown error, and
//! each block that changed since the English file was extracted).

use super::place::english_place;
use super::text::Lines;
use super::workspace::{FileKind, Workspace};
use crate::finding::{Finding, Severity};
use lsp_types::{
    Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, NumberOrString, Range,
};
use std::path::Path;

/// The diagnostics of one buffer, and the findings they came from.
pub fn diagnose(ws: &mut Workspace, path: &Path, text: &str) -> (Vec<Diagnostic>, Vec<Finding>) {
    if text.len() > super::MAX_LINTED {
        let why = format!(
            "this file is {} MB: ftlkit lsp checks files up to {} MB as you type; `ftlkit check` checks it",
            text.len() / (1024 * 1024),
            super::MAX_LINTED / (1024 * 1024)
        );
        ws.log.push(format!("{}: {why}", path.display()));
        let top = Range::default();
        return (
            vec![diagnostic(
                top,
                DiagnosticSeverity::INFORMATION,
                "too-large",
                why,
            )],
            Vec::new(),
        );
    }
    let lines = Lines::new(text);
    // A byte-order mark some clients keep: read as `check` reads the file
    // (without it), the findings placed back in the buffer.
    let (bom, text) = match text.strip_prefix('\u{feff}') {
        Some(rest) => ('\u{feff}'.len_utf8(), rest),
        None => (0, text),
    };
    let (diagnostics, mut findings) = by_kind(ws, path, text, &lines, bom);
    for f in &mut findings {
        f.span = f.span.start + bom..f.span.end + bom;
    }
    (diagnostics, findings)
}

fn by_kind(
    ws: &mut Workspace,
    path: &Path,
    text: &str,
    lines: &Lines,
    bom: usize,
) -> (Vec<Diagnostic>, Vec<Finding>) {
    let shifted = |f: &Finding| Finding {
        span: f.span.start + bom..f.span.end + bom,
        ..f.clone()
    };
    match ws.kind(path) {
        FileKind::Translation(i) => {
            let mut findings = ws.lint_translation(i, text);
            if ws.pairs[i].reference.as_deref() == Some(path) {
                // The reference listed as a locale too (Relay's `en`): its
                // own checks as well, and no "same as the reference".
                findings.retain(|f| f.code != crate::finding::Code::Identical);
                for f in ws.lint_reference(path, text) {
                    let same = |g: &Finding| {
                        g.code == f.code && g.span == f.span && g.message == f.message
                    };
                    if !findings.iter().any(same) {
                        findings.push(f);
                    }
                }
            }
            let own = ws.pairs[i].display.clone();
            let reference = ws.pairs[i].reference.clone();
            let diagnostics = translation_diagnostics(ws, &findings, &own, reference, lines, bom);
            (diagnostics, findings)
        }
        FileKind::Other(i) => {
            // Another format (`.properties`, `.dtd`…): the English is no
            // Fluent file to point at, nor are there quick fixes.
            let (own, findings) = ws.lint_other(i, text);
            let diagnostics = translation_diagnostics(ws, &findings, &own, None, lines, bom);
            (diagnostics, findings)
        }
        FileKind::Reference { display } => {
            let findings = ws.lint_reference(path, text);
            let diagnostics = findings
                .iter()
                .map(|f| from_finding(&shifted(f), lines, &display))
                .collect();
            (diagnostics, findings)
        }
        FileKind::Content { doc } => (content(ws, &doc, text, lines, bom), Vec::new()),
        FileKind::Outside => (Vec::new(), Vec::new()),
    }
}

/// A translation's findings as diagnostics: missing messages as one
/// diagnostic for the file, however many (a locale in progress has
/// hundreds; one each drowned the Problems panel and cost a related
/// location each); the others each at its place, those about the English
/// (`reference`, a Fluent file) related to its message there.
fn translation_diagnostics(
    ws: &mut Workspace,
    findings: &[Finding],
    own: &str,
    reference: Option<std::path::PathBuf>,
    lines: &Lines,
    bom: usize,
) -> Vec<Diagnostic> {
    let missing: Vec<&Finding> = findings
        .iter()
        .filter(|f| f.code == crate::finding::Code::MissingMessage)
        .collect();
    let fix = reference.is_some();
    let summary = (missing.len() > 1).then(|| missing_summary(&missing, fix));
    let one_each = summary.is_none();
    findings
        .iter()
        .filter(|f| one_each || f.code != crate::finding::Code::MissingMessage)
        .map(|f| {
            let shifted = Finding {
                span: f.span.start + bom..f.span.end + bom,
                ..f.clone()
            };
            let mut d = from_finding(&shifted, lines, own);
            if f.path != own {
                d.related_information = reference
                    .as_deref()
                    .and_then(|r| english_place(ws, r, f.id.as_deref()?))
                    .map(|location| {
                        vec![DiagnosticRelatedInformation {
                            location,
                            message: "the English".into(),
                        }]
                    });
            }
            d
        })
        .chain(summary)
        .collect()
}

/// The open document's broken relative links, images and anchors, as
/// `ftlkit check` reports them (its own anchors from the buffer, another
/// document's from its file).
fn broken_links(
    project: &crate::project::Project,
    doc: &str,
    text: &str,
    document: &crate::markdown::Document,
    lines: &Lines,
    bom: usize,
) -> Vec<Diagnostic> {
    let Ok(names) = project.documents() else {
        return Vec::new();
    };
    let names: std::collections::HashSet<String> = names.into_iter().collect();
    // As check reads them: in an mdBook, an included document's links from
    // the pages that include it, a page's anchors with what it includes.
    let anchors =
        |page: &str| crate::lint::content::anchors_of(project, &names, page, (doc, text, document));
    let inclusions = crate::lint::content::inclusions(project, &names, doc, text);
    let links = crate::lint::content::Links {
        project,
        docs: &names,
        anchors: &anchors,
        pages: &|d| inclusions.has_page(d),
    };
    let path = project.content_dir.join(format!("{doc}.md"));
    let bases = inclusions.link_bases(doc);
    links
        .broken_from(doc, &bases, text, &path)
        .iter()
        .map(|f| {
            let range = lines.range(f.span.start + bom..f.span.end + bom);
            diagnostic(
                range,
                DiagnosticSeverity::WARNING,
                f.code.as_str(),
                f.message.clone(),
            )
        })
        .collect()
}

fn diagnostic(
    range: Range,
    severity: DiagnosticSeverity,
    code: &str,
    message: String,
) -> Diagnostic {
    Diagnostic {
        range,
        severity: Some(severity),
        code: Some(NumberOrString::String(code.to_string())),
        source: Some("ftlkit".into()),
        message,
        ..Default::default()
    }
}

/// A finding of the file shown as `own`; one about the reference (a message
/// the file lacks) goes at the top of the file.
pub fn from_finding(f: &Finding, lines: &Lines, own: &str) -> Diagnostic {
    let range = if f.path != own {
        Range::default()
    } else if f.span.end > f.span.start {
        lines.range(f.span.clone())
    } else if f.line > 0 {
        let start = lines.offset_of_line_column(f.line, f.column);
        let end = lines
            .line(f.line - 1)
            .map_or(start, |l| lines.offset_of_line_column(f.line, 1) + l.len());
        lines.range(start..end.max(start))
    } else {
        Range::default()
    };
    let severity = match f.severity {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
    };
    let mut d = diagnostic(range, severity, f.code.as_str(), f.message.clone());
    d.data = f.id.as_ref().map(|id| serde_json::json!({ "id": id }));
    d
}

/// The ids shown by name in the summary of missing messages.
const NAMED: usize = 5;

/// One Information diagnostic at the top of the file for all its missing
/// messages: their count, the first few ids, and every id in `data.ids` (the
/// quick fix inserts them all; hover on a template tells its English).
fn missing_summary(missing: &[&Finding], quick_fix: bool) -> Diagnostic {
    let ids: Vec<&str> = missing.iter().filter_map(|f| f.id.as_deref()).collect();
    let named: Vec<String> = ids.iter().take(NAMED).map(|id| format!("`{id}`")).collect();
    let more = match ids.len().saturating_sub(NAMED) {
        0 => String::new(),
        n => format!(" and {n} more"),
    };
    let fix = match quick_fix {
        true => "; the quick fix inserts the ones without a template",
        false => "",
    };
    let message = format!(
        "{} messages of the English are not translated in this file: {}{more} (`ftlkit status LOCALE --untranslated` lists them{fix})",
        ids.len(),
        named.join(", ")
    );
    let mut d = diagnostic(
        Range::default(),
        DiagnosticSeverity::INFORMATION,
        "missing-message",
        message,
    );
    d.data = Some(serde_json::json!({ "ids": ids }));
    d
}

/// A Markdown document: its error if it cannot be read, else each block that
/// `ftlkit extract` would add or change, so the editor knows before running it.
fn content(
    ws: &mut Workspace,
    doc: &str,
    text: &str,
    lines: &Lines,
    bom: usize,
) -> Vec<Diagnostic> {
    let Some(project) = ws.project() else {
        return Vec::new();
    };
    let document = match crate::markdown::parse_named(text, doc) {
        Ok(mut document) => {
            crate::project::files::with_book_if_summary(project, doc, &mut document);
            document
        }
        Err(e) => {
            let at = lines.position(e.offset + bom);
            let range = Range::new(at, at);
            return vec![diagnostic(
                range,
                DiagnosticSeverity::ERROR,
                "markdown",
                e.message,
            )];
        }
    };
    let english = project.ftl_path(&project.source.id, doc);
    let previous = match crate::ftl::load::read_resource(&english) {
        Ok(Some(resource)) => crate::ftl::message_texts(&resource),
        _ => Vec::new(),
    };
    let translated: Vec<String> = project
        .targets
        .iter()
        .filter(|l| project.ftl_path(&l.id, doc).is_file())
        .map(|l| l.id.clone())
        .collect();
    let extraction = crate::extract::extract(doc, &document, &previous);
    let mut out = broken_links(project, doc, text, &document, lines, bom);
    for unit in &extraction.units {
        let bytes = match &unit.origin {
            crate::extract::Origin::Block(i) => document.blocks.get(*i).map(|b| b.range.clone()),
            crate::extract::Origin::Meta(key) => super::editor::meta_line(&document, text, key),
        };
        let Some(bytes) = bytes else {
            continue;
        };
        let message = if extraction.added.contains(&unit.id) {
            format!(
                "new since `ftlkit extract`: it will add the message `{}` to translate",
                unit.id
            )
        } else if extraction.changed.contains(&unit.id) {
            let locales = if translated.is_empty() {
                String::new()
            } else {
                format!(" (translations in {} become stale)", translated.join(", "))
            };
            format!(
                "changed since `ftlkit extract`: run it to update `{}`{locales}",
                unit.id
            )
        } else {
            continue;
        };
        let range = lines.range(bytes.start + bom..bytes.end + bom);
        out.push(diagnostic(
            range,
            DiagnosticSeverity::INFORMATION,
            "not-extracted",
            message,
        ));
    }
    out
}
