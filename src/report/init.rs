//! `init`: the template files made for a new locale.

use super::shown;
use crate::project::Project;
use serde::Serialize;
use std::io::{self, Write};
use std::path::PathBuf;

/// `created PATH` per file, then where to go next.
pub fn human(
    out: &mut dyn Write,
    created: &[PathBuf],
    project: &Project,
    locale: &str,
) -> io::Result<()> {
    for path in created {
        writeln!(out, "created {}", shown(&project.root, path))?;
    }
    writeln!(
        out,
        "`ftlkit status {locale}` shows what is left; templates show the English to translate"
    )
}

/// `{"locale", "created": [paths relative to the project root]}`.
pub fn json(
    out: &mut dyn Write,
    created: &[PathBuf],
    project: &Project,
    locale: &str,
) -> io::Result<()> {
    #[derive(Serialize)]
    struct Init<'a> {
        locale: &'a str,
        created: Vec<String>,
    }
    let init = Init {
        locale,
        created: created.iter().map(|p| shown(&project.root, p)).collect(),
    };
    super::json(out, &init)
}
