//! `ftlkit lsp`: a Language Server for Fluent files and the Markdown they
//! are extracted from, over stdio. The same rules as `ftlkit check` run on
//! the editor's unsaved buffer ([`workspace`]); their findings become
//! diagnostics with UTF-16 ranges ([`text`], [`diagnose`]); hover,
//! completion, definition and symbols read the reference and the locale
//! ([`features`]); code actions and formatting are edits the client applies
//! ([`actions`]). The server writes no file.
//!
//! The wire is read by [`transport`] (a malformed message is answered, not
//! fatal); messages are lsp-server's, types lsp-types'. One thread handles
//! requests in order; a change is linted when no other message is waiting,
//! so a burst of keystrokes is checked once.

pub mod actions;
pub mod diagnose;
pub mod editor;
pub mod features;
pub mod place;
pub mod text;
pub mod transport;
pub mod workspace;

mod server;

pub use server::{run, Options};

/// Buffers larger than this are not checked as you type (a diagnostic says
/// so): `ftlkit check` reads them.
pub const MAX_LINTED: usize = 8 * 1024 * 1024;
