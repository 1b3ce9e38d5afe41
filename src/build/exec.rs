//! Carrying out a plan: rendering its pages in parallel (rayon), writing each
//! file atomically and only when it changed, and the outputs list
//! (`.ftlkit.outputs`) that lets the next build remove what it no longer makes.

use super::load::{LocaleFiles, SourceDoc};
use super::plan::{chain, Job, Plan};
use super::{render_page, BuildOptions, FormatError, Rendered};
use crate::error::{Error, Result};
use crate::finding::{Code, Finding, Severity};
use crate::fsutil::{write_if_changed_with, Durability};
use crate::project::Project;
use rayon::prelude::*;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// The list of the files the last build made, relative to the output folder,
/// one per line: what lets the next build remove the ones it no longer makes
/// without touching anything else in the folder.
pub const MANIFEST: &str = ".ftlkit.outputs";

/// One rendered page: what the report says of it, its findings, and how many
/// of its files were written.
type Done = (Rendered, Vec<Finding>, usize);

/// Renders and writes every page of the plan, in parallel; the results come
/// back in the plan's order.
pub(super) fn render_all(
    project: &Project,
    docs: &[SourceDoc],
    files: &[LocaleFiles],
    plan: &Plan,
    options: &BuildOptions<'_>,
) -> Result<Vec<Done>> {
    // A build killed earlier may have left temporary files: they go now.
    crate::fsutil::remove_stale_temp_files(&project.output_dir, crate::fsutil::STALE_TEMP_AGE);
    let done = std::sync::atomic::AtomicUsize::new(0);
    plan.jobs
        .par_iter()
        .map(|job| {
            if let Some(progress) = options.progress {
                let n = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
                progress(n, plan.jobs.len());
            }
            let chain = chain(project, files, job.locale);
            render_job(project, &docs[job.doc], &chain, plan, job)
        })
        .collect()
}

fn render_job(
    project: &Project,
    doc: &SourceDoc,
    chain: &[&LocaleFiles],
    plan: &Plan,
    job: &Job,
) -> Result<Done> {
    let locale = &chain[0].locale;
    let alternates = plan.versions(job.doc);
    let page = render_page(doc, chain, &alternates, &project.source.id);
    let dir = project.output_dir.join(&locale.id);
    // The locale id was validated, so `dir` is one plain component below the
    // output folder; a symlink there could still lead elsewhere: never follow it.
    if dir
        .symlink_metadata()
        .is_ok_and(|m| m.file_type().is_symlink())
    {
        return Err(Error::file(
            &dir,
            "is a symbolic link; ftlkit writes only inside the output folder: remove the link",
        ));
    }
    let [html, txt, md] = &job.files;
    let outputs = [(html, page.html), (txt, page.text), (md, page.markdown)];
    let mut written = 0;
    for (path, contents) in &outputs {
        if write(path, contents)? {
            written += 1;
        }
    }
    let findings = page
        .errors
        .iter()
        .map(|e| format_finding(project, e))
        .collect();
    let rendered = Rendered {
        doc: doc.loaded.name.clone(),
        locale: locale.id.clone(),
        translated: page.translated,
        total: doc.units.len(),
        files: job.files.to_vec(),
    };
    Ok((rendered, findings, written))
}

/// A message that formatted with errors, as a warning at its line.
fn format_finding(project: &Project, e: &FormatError) -> Finding {
    Finding {
        code: Code::FormatError,
        severity: Severity::Warning,
        locale: e.locale.clone(),
        path: project.ftl_path(&e.locale, &e.file).display().to_string(),
        line: e.line,
        column: 0,
        id: Some(e.id.clone()),
        message: format!(
            "`{}`: {}; {} (`ftlkit check` lists such errors)",
            e.id,
            e.message,
            if e.fell_back {
                "the page shows the next fallback locale's text instead"
            } else {
                "no locale formats it cleanly, so the page shows it as it is"
            }
        ),
        previous: None,
        span: 0..0,
    }
}

/// Writes a file of the output folder; whether it changed.
pub(super) fn write(path: &Path, contents: &str) -> Result<bool> {
    write_if_changed_with(path, contents.as_bytes(), Durability::Rebuildable)
}

/// Removes the outputs listed in the previous manifest that `current` (paths
/// relative to the output folder) no longer has, then writes the new manifest.
/// Only plain `index.html` or `<locale>/<doc>.(html|md|txt)` entries are
/// honoured, never through a symbolic link: a manifest edited to point
/// elsewhere removes nothing.
pub(super) fn replace_outputs(output_dir: &Path, current: &[String]) -> Result<Vec<PathBuf>> {
    let manifest = output_dir.join(MANIFEST);
    let previous = match std::fs::read_to_string(&manifest) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(Error::io(&manifest, e)),
    };
    let keep: HashSet<&str> = current.iter().map(String::as_str).collect();
    let mut removed = Vec::new();
    for rel in previous.lines().filter(|l| !keep.contains(l)) {
        if !is_output_path(rel) {
            continue;
        }
        let path = output_dir.join(rel);
        let parent_is_link = path.parent().filter(|p| *p != output_dir).is_some_and(|p| {
            p.symlink_metadata()
                .is_ok_and(|m| m.file_type().is_symlink())
        });
        let is_file = path
            .symlink_metadata()
            .is_ok_and(|m| m.file_type().is_file());
        if parent_is_link || !is_file {
            continue;
        }
        std::fs::remove_file(&path).map_err(|e| Error::io(&path, e))?;
        // The locale's folder goes too once nothing is left in it.
        if let Some(dir) = path.parent().filter(|p| *p != output_dir) {
            let _ = std::fs::remove_dir(dir);
        }
        removed.push(path);
    }
    let mut list = current.to_vec();
    list.sort();
    list.dedup();
    let mut text = list.join("\n");
    text.push('\n');
    write(&manifest, &text)?;
    Ok(removed)
}

/// `index.html`, or `<locale>/<name>.(html|md|txt)` with plain components.
fn is_output_path(rel: &str) -> bool {
    let parts: Vec<&str> = rel.split('/').collect();
    let plain = |p: &str| !p.is_empty() && p != "." && p != ".." && !p.contains('\\');
    match parts.as_slice() {
        ["index.html"] => true,
        [locale, file] => {
            plain(locale)
                && plain(file)
                && [".html", ".md", ".txt"]
                    .iter()
                    .any(|ext| file.ends_with(ext))
        }
        _ => false,
    }
}
