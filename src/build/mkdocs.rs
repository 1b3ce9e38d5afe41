//! `build --layout mkdocs`: one MkDocs site with the mkdocs-static-i18n
//! plugin's folder structure — `mkdocs.yml` and `docs/<locale>/<path>.md` per
//! locale with pages (fallback blocks marked for Python-Markdown's
//! `md_in_html`, headings with their English anchors for `attr_list`, a
//! right-to-left locale's page in a `dir="rtl"` block), the assets beside them.
//! A document a locale does not publish is left out: the plugin shows the
//! source locale's page there. `mkdocs build -f DIR/mkdocs.yml` builds it.

use super::load::LocaleFiles;
use super::nav::LocaleNav;
use super::outputs::Output;
use super::Skipped;
use crate::error::Result;
use crate::locale::Direction;
use crate::page_strings::Id;
use crate::project::Project;
use std::collections::BTreeMap;
use std::sync::Arc;

/// The language code mkdocs-static-i18n and MkDocs's theme both read for a
/// locale (`en_US` for `en-US`, `ar` for `ar`): an ISO 639-1 language and a
/// region at most; `None` for any other (`ckb`, `es-419`, `zh-Hant`).
pub fn plugin_code(locale: &str) -> Option<String> {
    let parts: Vec<&str> = locale.split('-').collect();
    let lower2 = |p: &str| p.len() == 2 && p.bytes().all(|b| b.is_ascii_lowercase());
    let upper2 = |p: &str| p.len() == 2 && p.bytes().all(|b| b.is_ascii_uppercase());
    match parts.as_slice() {
        [l] if lower2(l) => Some(l.to_string()),
        [l, r] if lower2(l) && upper2(r) => Some(format!("{l}_{r}")),
        _ => None,
    }
}

/// Where a rendered page goes in the site: its Markdown as
/// `docs/<code>/<path>.md` (see [`page`]); its HTML page and text are not
/// part of it. A locale the plugin cannot name has no folder: the page is
/// skipped, and why.
pub(super) fn place(
    out_dir: &std::path::Path,
    locales: &[crate::project::Locale],
    output: Output,
) -> std::result::Result<Option<Output>, Skipped> {
    let Ok(rel) = output.path.strip_prefix(out_dir) else {
        return Ok(None);
    };
    if rel.extension().is_none_or(|e| e != "md") {
        return Ok(None);
    }
    let mut parts = rel.components();
    let Some(locale) = parts.next().and_then(|c| c.as_os_str().to_str()) else {
        return Ok(None);
    };
    let Some(code) = plugin_code(locale) else {
        let doc = parts
            .as_path()
            .with_extension("")
            .to_string_lossy()
            .into_owned();
        return Err(Skipped {
            doc,
            locale: locale.to_string(),
            reason: "mkdocs-static-i18n and MkDocs name languages by ISO 639-1 codes and a region (`ar`, `pt_BR`): this locale has no folder in the MkDocs site".into(),
            below_threshold: None,
        });
    };
    let direction = locales
        .iter()
        .find(|l| l.id == locale)
        .map(|l| (l.direction, l.id.as_str()));
    let text = String::from_utf8_lossy(&output.contents);
    let page = page(&text, direction);
    let path = out_dir.join("docs").join(code).join(parts.as_path());
    Ok(Some(Output::new(path, page)))
}

/// The rest of the site (its pages are [`place`]d as they are rendered):
/// each language's assets and `mkdocs.yml`.
pub(super) fn site(
    project: &Project,
    locales: &[crate::project::Locale],
    names: &[crate::render::page::Alternate],
    source: &LocaleFiles,
    navs: &[Option<LocaleNav>],
    assets: &BTreeMap<String, Arc<Vec<u8>>>,
) -> Result<Vec<Output>> {
    let out_dir = &project.output_dir;
    let docs_dir = out_dir.join("docs");
    let mut writes = Vec::new();
    let mut languages = Vec::new();
    for ((locale, nav), alternate) in locales.iter().zip(navs).zip(names) {
        let id = &locale.id;
        let Some(code) = plugin_code(id).filter(|_| nav.is_some()) else {
            continue;
        };
        writes.extend(super::assets::outputs(
            project,
            id,
            assets,
            &docs_dir.join(&code),
        )?);
        languages.push((code, alternate.name.clone(), *id == project.source.id));
    }
    let title = super::format::page_string(source, Id::IndexTitle, None)
        .unwrap_or_else(|| "Documentation".into());
    writes.push(Output::new(
        out_dir.join("mkdocs.yml"),
        config(&title, &languages),
    ));
    Ok(writes)
}

/// A page for Python-Markdown: TOML front matter (which MkDocs does not
/// read) left out, a right-to-left page in a block of its direction.
fn page(markdown: &str, locale: Option<(Direction, &str)>) -> String {
    let body = match markdown.strip_prefix("+++\n") {
        Some(rest) => rest
            .split_once("\n+++\n")
            .map_or(markdown, |(_, body)| body),
        None => markdown,
    };
    match locale {
        Some((Direction::Rtl, lang)) => {
            format!("<div lang=\"{lang}\" dir=\"rtl\" markdown=\"1\">\n\n{body}\n\n</div>\n")
        }
        _ => body.to_string(),
    }
}

/// `mkdocs.yml`: the docs folder, the Markdown extensions the pages need,
/// and the i18n plugin with each language (the source is the default).
fn config(title: &str, languages: &[(String, String, bool)]) -> String {
    // A JSON string is a YAML string: quotes and escapes as YAML reads them.
    let quote = |s: &str| serde_json::Value::from(s).to_string();
    let mut out = format!(
        "# Written by `ftlkit build --layout mkdocs`: `mkdocs build -f mkdocs.yml` builds it.\n\
         site_name: {}\n\
         docs_dir: docs\n\
         site_dir: site\n\
         use_directory_urls: false\n\
         markdown_extensions:\n  - attr_list\n  - md_in_html\n  - tables\n  - fenced_code\n  - footnotes\n  - def_list\n  - toc\n\
         plugins:\n  - i18n:\n      docs_structure: folder\n      fallback_to_default: true\n      languages:\n",
        quote(title)
    );
    for (id, name, default) in languages {
        out.push_str(&format!(
            "        - locale: {}\n          name: {}\n",
            quote(id),
            quote(name)
        ));
        if *default {
            out.push_str("          default: true\n");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_plugin_names_iso_639_1_languages_only() {
        assert_eq!(super::plugin_code("en-US").as_deref(), Some("en_US"));
        assert_eq!(super::plugin_code("ar").as_deref(), Some("ar"));
        assert_eq!(super::plugin_code("ar-XB").as_deref(), Some("ar_XB"));
        for no in ["ckb", "zh-Hant-TW", "EN", "es-419"] {
            assert_eq!(super::plugin_code(no), None, "{no}");
        }
    }
}
