//! ftlkit: localize Markdown documents with Project Fluent.
//!
//! Commands (the binary's `cli` module) call stages; stages call shared leaves;
//! nothing calls upwards. Each stage is a folder whose `mod.rs` is the disk-free
//! core and whose `run.rs` (where there is one) reads and writes around it:
//!
//! - stages: [`markdown`] → [`extract`] (ids, the source locale's file);
//!   [`lint`] (reference digests, rules, findings; [`lint::audit`] reads files);
//!   [`state`] (stale records); [`standing`] (where each message stands: the
//!   one answer export, import, fill, serve, the language server and accept read); [`sync`] (templates, obsolete section, `init`);
//!   [`build`] (publish plan, fallback formatting, execution) → [`render`]
//!   (HTML body, Markdown, text, the page); [`pseudo`]; [`exchange`]
//!   (export/import: XLIFF and PO units, merged back through [`sync::edit`],
//!   the one-message byte-preserving writer); [`l10n_toml`]
//!   (Mozilla project configurations); [`report`] (human and JSON reporters).
//! - shared leaves: [`project`] (ftlkit.toml, the layout, reading documents and
//!   Fluent files), [`ftl`], [`intl`], [`locale`], [`fsutil`], [`error`].
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod build;
pub mod error;
pub mod exchange;
pub mod extract;
pub mod finding;
pub mod fsutil;
pub mod ftl;
pub mod intl;
pub mod l10n_toml;
pub mod lint;
pub mod locale;
pub mod lsp;
pub mod markdown;
pub mod memory;
pub mod page_strings;
pub mod project;
pub mod pseudo;
pub mod render;
pub mod report;
pub mod serve;
pub mod standing;
pub mod state;
pub mod sync;

pub use error::{Error, Result};
