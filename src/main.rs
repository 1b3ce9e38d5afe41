//! The `ftlkit` command: parses the arguments and hands them to the command's
//! module under `cli/`, which calls the library and a reporter. Exit codes
//! (see [`cli::exit_code`]): 0 success, 1 findings (errors in translations),
//! 2 usage, configuration or I/O error.

mod cli;

use clap::Parser;
use cli::{Cli, Command};
use std::process::ExitCode;

/// mimalloc: `status` and `build` allocate many small, short-lived strings and
/// trees (about a fifth of their instructions went to glibc malloc and free).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let root = cli.root.as_deref();
    cli::exit_code(match &cli.command {
        Command::Extract(args) => cli::extract::run(root, args),
        Command::Status(args) => cli::status::run(root, args),
        Command::Check(args) => cli::check::run(root, args),
        Command::Init(args) => cli::init::run(root, args),
        Command::Sync(args) => cli::sync::run(root, args),
        Command::Build(args) => cli::build::run(root, args),
        Command::Pseudo(args) => cli::pseudo::run(root, args),
        Command::Accept(args) => cli::accept::run(root, args),
        Command::Review(args) => cli::review::run(root, args),
        Command::Export(args) => cli::export::run(root, args),
        Command::Import(args) => cli::import::run(root, args),
        Command::Serve(args) => cli::serve::run(root, args),
        Command::Memory(args) => cli::memory::run(root, args),
        Command::Lsp(args) => cli::lsp::run(root, args),
    })
}
