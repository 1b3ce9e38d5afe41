//! ftlkit: localize Markdown documents with Project Fluent.
//!
//! The pipeline is a chain of disk-free stages — [`markdown`] splits a document
//! into blocks, [`extract`] turns blocks into Fluent messages with stable ids —
//! driven by [`project`], which does the reading and writing.
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod audit;
pub mod build;
pub mod check;
pub mod config;
pub mod error;
pub mod extract;
pub mod fsutil;
pub mod ftl;
pub mod intl;
pub mod l10n_toml;
pub mod locale;
pub mod markdown;
pub mod page;
pub mod project;
pub mod pseudo;
pub mod render;
pub mod report;
pub mod state;
pub mod sync;

pub use error::{Error, Result};
