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
    /// With --config: where the translations are, `{l10n_base}` in the
    /// configs (as for `check`).
    #[arg(long, value_name = "DIR", requires = "config")]
    pub l10n_base: Option<PathBuf>,
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
        l10n_base: args
            .l10n_base
            .as_ref()
            .map(|b| std::path::absolute(b).unwrap_or_else(|_| b.clone())),
    })?;
    // The protocol's exit code: 0 after `shutdown`, 1 without it.
    Ok(if clean {
        Outcome::Success
    } else {
        Outcome::Findings
    })
}
