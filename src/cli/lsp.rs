//! `ftlkit lsp`: the language server on stdin and stdout.

use super::Outcome;
use std::path::{Path, PathBuf};

#[derive(clap::Args)]
pub struct Args {
    /// Mozilla `l10n.toml` project configurations (as for `check`); without
    /// them, the ftlkit project at the client's workspace folder (or an
    /// `l10n.toml` at its root).
    #[arg(long)]
    pub config: Vec<PathBuf>,
    /// Accepted for clients that pass it (VS Code's generic clients do):
    /// the server always speaks on stdin and stdout.
    #[arg(long, hide = true)]
    pub stdio: bool,
}

pub fn run(root: Option<&Path>, args: &Args) -> ftlkit::Result<Outcome> {
    let clean = ftlkit::lsp::run(ftlkit::lsp::Options {
        root: root.map(Path::to_path_buf),
        // Relative to the folder the server was started in (the client's
        // workspace folder may be another).
        configs: args
            .config
            .iter()
            .map(|c| std::path::absolute(c).unwrap_or_else(|_| c.clone()))
            .collect(),
    })?;
    // The protocol's exit code: 0 after `shutdown`, 1 without it.
    Ok(if clean {
        Outcome::Success
    } else {
        Outcome::Findings
    })
}
