//! Typed errors of the library. Each carries the path it is about; positions are
//! 1-based lines and columns counted in characters, so Arabic lines report right.

use std::path::PathBuf;

/// Everything that can stop a command. Findings about translations are not errors:
/// they are data (see `check`), reported all at once.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{}: {source}{}", path.display(), io_hint(source))]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// A file whose contents are wrong at a known place.
    #[error("{}:{line}:{column}: {message}", path.display())]
    At {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    /// A file whose contents are wrong as a whole (a bad value, a missing key).
    #[error("{}: {message}", path.display())]
    File { path: PathBuf, message: String },
    /// A problem that has no single file.
    #[error("{0}")]
    Usage(String),
}

/// What to do about the I/O errors people can fix themselves.
fn io_hint(e: &std::io::Error) -> &'static str {
    use std::io::ErrorKind;
    match e.kind() {
        ErrorKind::PermissionDenied => {
            "; check that you may read and write there (its permissions and those of the folders above it)"
        }
        ErrorKind::ReadOnlyFilesystem => {
            "; the file system is read-only: choose a folder on a writable one"
        }
        ErrorKind::StorageFull | ErrorKind::QuotaExceeded => {
            "; the disk is full: free some space and run again"
        }
        _ => "",
    }
}

impl Error {
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }

    pub fn file(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Error::File {
            path: path.into(),
            message: message.into(),
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
