//! What the editor of the English sees: on a message of the reference, or on
//! a paragraph of the Markdown it is extracted from, where each locale's
//! translation stands (translated, stale, an untranslated template, missing);
//! from a paragraph to its message, and from a message to its paragraph.

use super::place::{english_place, uri_of};
use super::text::Lines;
use super::workspace::Workspace;
use crate::extract::{Origin, Unit};
use crate::markdown::Document;
use crate::standing::Standing;
use lsp_types::{Hover, HoverContents, Location, MarkupContent, MarkupKind};
use std::path::{Path, PathBuf};

/// Each locale's state of message `id` of `reference`, by locale.
pub fn translation_states(
    ws: &mut Workspace,
    reference: &Path,
    id: &str,
) -> Vec<(String, &'static str)> {
    let pairs: Vec<usize> = (0..ws.pairs.len())
        .filter(|&i| ws.pairs[i].reference.as_deref() == Some(reference))
        .collect();
    let mut out = Vec::new();
    for i in pairs {
        let l10n = ws.pairs[i].l10n.clone();
        let locale = ws.pairs[i].locale.clone();
        let state = match ws.text(&l10n) {
            Ok(Some(text)) => match ws.standings(i, &text).get(id).map(|m| m.standing) {
                Some(Standing::Template) => "untranslated (template)",
                Some(Standing::EditedTemplate) => "typed into its template (not shown)",
                Some(Standing::Broken) => "broken (does not parse)",
                Some(Standing::Stale) => "stale",
                Some(Standing::Translated) => "translated",
                Some(Standing::Missing) | None => "missing",
            },
            _ => "missing (no file)",
        };
        out.push((locale, state));
    }
    out
}

fn states_line(states: &[(String, &str)]) -> String {
    if states.is_empty() {
        return "No locale translates this file.".into();
    }
    let list: Vec<String> = states.iter().map(|(l, s)| format!("{l} {s}")).collect();
    format!("Translations: {}", list.join(" · "))
}

/// A message of the English: its note and each locale's state.
pub fn english_hover(ws: &mut Workspace, path: &Path, id: &str) -> Option<String> {
    let digest = ws.digest(path);
    let entry = digest.file.get(id)?;
    let mut out = format!("**`{id}`** · English\n");
    if !entry.note.is_empty() {
        out.push_str(&format!("\nNote: {}\n", entry.note));
    }
    let states = translation_states(ws, path, id);
    out.push_str(&format!("\n{}\n", states_line(&states)));
    Some(out)
}

/// The Markdown document `doc` as extract reads it: its path, the document
/// and its units with their ids (the English file's ids kept where the
/// text is the same or an edit of it).
fn units(ws: &Workspace, doc: &str, source: &str) -> Option<(PathBuf, Document, Vec<Unit>)> {
    let project = ws.project()?;
    let english = project.ftl_path(&project.source.id, doc);
    let mut document = crate::markdown::parse_named(source, doc).ok()?;
    crate::project::files::with_book_if_summary(project, doc, &mut document);
    let previous = crate::ftl::load::read_resource(&english)
        .ok()
        .flatten()
        .map(|r| crate::ftl::message_texts(&r))
        .unwrap_or_default();
    let units = crate::extract::assign_ids(doc, &document, &previous);
    Some((english, document, units))
}

/// The unit of the Markdown at byte `offset`: a block's, or a front-matter
/// field's line.
fn unit_at<'u>(
    document: &Document,
    units: &'u [Unit],
    source: &str,
    offset: usize,
) -> Option<&'u Unit> {
    units.iter().find(|u| match &u.origin {
        Origin::Block(i) => document
            .blocks
            .get(*i)
            .is_some_and(|b| b.range.contains(&offset)),
        Origin::Meta(key) => meta_line(document, source, key).is_some_and(|r| r.contains(&offset)),
    })
}

/// The bytes of front-matter field `key`'s line.
pub(super) fn meta_line(
    document: &Document,
    source: &str,
    key: &str,
) -> Option<std::ops::Range<usize>> {
    let range = document.meta.range.clone()?;
    let mut offset = range.start;
    for line in source.get(range)?.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let name = line.split(['=', ':']).next().unwrap_or("").trim();
        if name == key {
            return Some(start..start + line.trim_end().len());
        }
    }
    None
}

/// A paragraph of the Markdown: its message id and each locale's state.
pub fn paragraph_hover(
    ws: &mut Workspace,
    doc: &str,
    source: &str,
    offset: usize,
) -> Option<Hover> {
    let (english, document, units) = units(ws, doc, source)?;
    let unit = unit_at(&document, &units, source, offset)?;
    let lines = Lines::new(source);
    let range = match &unit.origin {
        Origin::Block(i) => lines.range(document.blocks[*i].range.clone()),
        Origin::Meta(key) => lines.range(meta_line(&document, source, key)?),
    };
    let known = ws.digest(&english).file.get(&unit.id).is_some();
    let mut value = format!("**`{}`**\n", unit.id);
    if known {
        let states = translation_states(ws, &english, &unit.id);
        value.push_str(&format!("\n{}\n", states_line(&states)));
    } else {
        value.push_str("\nNot extracted yet: `ftlkit extract` adds it for translators.\n");
    }
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value,
        }),
        range: Some(range),
    })
}

/// From a paragraph of the Markdown to its message in the English file.
pub fn paragraph_definition(
    ws: &mut Workspace,
    doc: &str,
    source: &str,
    offset: usize,
) -> Option<Location> {
    let (english, document, units) = units(ws, doc, source)?;
    let unit = unit_at(&document, &units, source, offset)?;
    english_place(ws, &english, &unit.id)
}

/// The block (or front-matter line) of `content/<doc>.md` that message `id`
/// of a translation or reference file was extracted from.
pub fn markdown_place(ws: &mut Workspace, path: &Path, id: &str) -> Option<Location> {
    let reference = match ws.kind(path) {
        super::workspace::FileKind::Translation(i) => ws.pairs[i].reference.clone()?,
        super::workspace::FileKind::Reference { .. } => path.to_path_buf(),
        _ => return None,
    };
    let project = ws.project()?;
    // The document's name is the reference's path below the source locale's
    // folder (`cli/build` for `locales/en-US/cli/build.ftl`).
    let doc = reference
        .strip_prefix(project.locales_dir.join(&project.source.id))
        .ok()?
        .to_str()?
        .strip_suffix(".ftl")?
        .to_string();
    let md = project.content_dir.join(format!("{doc}.md"));
    let source = match ws.open.get(&md) {
        Some(text) => text.clone(),
        None => crate::fsutil::read_text(&md).ok()?,
    };
    let (_, document, units) = units(ws, &doc, &source)?;
    let unit = units.iter().find(|u| u.id == id)?;
    let bytes = match &unit.origin {
        Origin::Block(i) => document.blocks.get(*i)?.range.clone(),
        Origin::Meta(key) => meta_line(&document, &source, key)?,
    };
    Some(Location::new(
        uri_of(&md)?,
        Lines::new(&source).range(bytes),
    ))
}
