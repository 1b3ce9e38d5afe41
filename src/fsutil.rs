//! Disk helpers shared by the commands: UTF-8 reading with a clear error and
//! atomic writes (a temporary file in the same directory, then a rename; for
//! a build, a new folder made whole under a temporary name, then renamed), so
//! an interrupted run leaves the previous file whole.

use crate::error::{Error, Result};
use std::io::Write;
use std::path::Path;

/// The largest file ftlkit reads: 64 MiB. A document or Fluent file is a few
/// hundred kilobytes, a whole book's a few megabytes (and a 50 MB file is
/// still checked in seconds); a larger one is a mistake and is refused before
/// it fills the memory.
pub const MAX_READ: u64 = 64 * 1024 * 1024;

/// Reads a UTF-8 text file. A leading byte-order mark is dropped; invalid UTF-8 is
/// an error naming the line and column of the first bad byte.
///
/// Only a regular file of at most [`MAX_READ`] bytes inside the project is
/// read (see [`read_guarded`]): a FIFO, a device, or a symbolic link that
/// leads out of the project is an error, never read.
pub fn read_text(path: &Path) -> Result<String> {
    let bytes = read_guarded(path)?;
    decode(path, bytes)
}

/// `String::from_utf8`, checked with vector instructions. Translations are
/// often a third non-ASCII bytes (and pages more), which the standard library
/// checks one character at a time; simdutf8 checks them in a fraction of the
/// time. Only bytes it refuses are checked again by the standard library,
/// whose error says where they go wrong.
pub fn string_from_utf8(bytes: Vec<u8>) -> std::result::Result<String, std::string::FromUtf8Error> {
    if simdutf8::basic::from_utf8(&bytes).is_ok() {
        // SAFETY: simdutf8 has just checked that `bytes` is valid UTF-8.
        Ok(unsafe { String::from_utf8_unchecked(bytes) })
    } else {
        String::from_utf8(bytes)
    }
}

fn decode(path: &Path, bytes: Vec<u8>) -> Result<String> {
    let mut text = string_from_utf8(bytes).map_err(|err| {
        let valid = err.utf8_error().valid_up_to();
        let good = String::from_utf8_lossy(&err.as_bytes()[..valid]);
        let line = good.matches('\n').count() + 1;
        let column = good.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        Error::At {
            path: path.to_path_buf(),
            line,
            column,
            message: "the file is not valid UTF-8; save it as UTF-8".into(),
        }
    })?;
    if text.starts_with('\u{feff}') {
        text.drain(..3);
    }
    Ok(text)
}

/// Reads a file's bytes the safe way for files that came from someone else
/// (translations are untrusted):
///
/// - only a regular file: a FIFO, socket or device is an error (checked
///   before opening, and again on the open file, which is opened
///   non-blocking so that a FIFO swapped in meanwhile cannot hang the run);
/// - a symbolic link (the file or a folder on its way) is followed only when
///   its target stays inside the project: the nearest folder above the file
///   that holds `ftlkit.toml`, `l10n.toml`, `content/`, `locales/`, `.git` or
///   `.hg` (the file's own folder when none does);
/// - at most [`MAX_READ`] bytes.
///
/// A missing file is the usual `NotFound` I/O error.
pub fn read_guarded(path: &Path) -> Result<Vec<u8>> {
    let (file, len) = open_guarded(path)?;
    let bytes = read_sized(&file, len, MAX_READ).map_err(|e| Error::io(path, e))?;
    if bytes.len() as u64 > MAX_READ {
        return Err(too_large(path));
    }
    Ok(bytes)
}

/// Reads an open file whose size its `fstat` gave as `len`: in one `read` as
/// a rule, and one more that finds the end (where `read_to_end` without a
/// size reads 8 KiB at a time, and a `File`'s own asks its size and
/// position again). A file that grew since is read on, up to `limit` bytes
/// and one more (so the caller can tell it is too large).
fn read_sized(mut file: &std::fs::File, len: u64, limit: u64) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let want = usize::try_from(len.min(limit)).unwrap_or(usize::MAX - 1) + 1;
    let mut bytes = vec![0u8; want];
    let mut filled = 0;
    while filled < want {
        match file.read(&mut bytes[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    bytes.truncate(filled);
    if filled == want {
        // Longer than its size said: the rest, up to the limit and one more.
        let rest = (limit + 1).saturating_sub(filled as u64);
        file.take(rest).read_to_end(&mut bytes)?;
    }
    Ok(bytes)
}

/// Opens a file for reading after the checks of [`read_guarded`]; with its size.
///
/// The usual file (no link) costs an `open` and an `fstat`: it is opened
/// without following a link in its last component and non-blocking (a FIFO
/// opens at once and is refused by the `fstat`), and only when the open says
/// the path is a link does the link's target get looked at (a `stat`, the
/// project check) before it is opened. Where those flags' values are not
/// known ([`open_no_follow`]), the type is checked (an `lstat`) before
/// opening. (A device node in a project folder, which only root can make, is
/// opened before it is refused; a link to one is refused unopened.)
fn open_guarded(path: &Path) -> Result<(std::fs::File, u64)> {
    // A folder on the way that is a link (or missing): the file is looked
    // at (a missing one is the usual NotFound, without resolving its
    // folders) and its real path checked before it is opened, so nothing
    // outside the project is ever opened.
    let parent = path.parent().filter(|p| !p.as_os_str().is_empty());
    if !parent.is_none_or(folder_has_no_links) {
        path.symlink_metadata().map_err(|e| Error::io(path, e))?;
        resolve_known(path, false)?;
    }
    match open_no_follow(path) {
        Some(Ok(file)) => return checked_open(path, file),
        Some(Err(e)) if !is_link_error(&e) => return Err(refused_or_io(path, e)),
        // A link (or a loop of them, which the stat reports), or flags
        // unknown here.
        _ => {}
    }
    // One lstat tells both whether the path is a link and, when it is not,
    // what it is; only a link needs the stat of its target.
    let lmeta = path.symlink_metadata().map_err(|e| Error::io(path, e))?;
    let is_link = lmeta.file_type().is_symlink();
    let meta = if is_link {
        std::fs::metadata(path).map_err(|e| Error::io(path, e))?
    } else {
        lmeta
    };
    if !meta.is_file() {
        return Err(not_regular(path, &meta));
    }
    let real = resolve_known(path, is_link)?;
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(NO_FOLLOW_FLAGS.map_or(0, |(nonblock, _)| nonblock));
    }
    let file = options.open(&real).map_err(|e| Error::io(path, e))?;
    checked_open(path, file)
}

/// O_NONBLOCK and O_NOFOLLOW where their values are known: Linux on these
/// architectures (O_NOFOLLOW is 0o100000 on ARM, 0o400000 elsewhere).
const NO_FOLLOW_FLAGS: Option<(i32, i32)> = if cfg!(all(
    target_os = "linux",
    any(
        target_arch = "x86_64",
        target_arch = "x86",
        target_arch = "aarch64",
        target_arch = "arm",
        target_arch = "riscv64"
    )
)) {
    Some((
        0o4000,
        if cfg!(any(target_arch = "aarch64", target_arch = "arm")) {
            0o100000
        } else {
            0o400000
        },
    ))
} else {
    None
};

/// `path` opened for reading, non-blocking and without following a link in
/// its last component (a link is an error [`is_link_error`] knows); `None`
/// where those flags are not known.
fn open_no_follow(path: &Path) -> Option<std::io::Result<std::fs::File>> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        let (nonblock, nofollow) = NO_FOLLOW_FLAGS?;
        Some(
            std::fs::OpenOptions::new()
                .read(true)
                .custom_flags(nonblock | nofollow)
                .open(path),
        )
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        None
    }
}

/// Whether [`open_no_follow`] failed because the path is a link (ELOOP).
fn is_link_error(e: &std::io::Error) -> bool {
    const ELOOP: i32 = 40;
    NO_FOLLOW_FLAGS.is_some() && e.raw_os_error() == Some(ELOOP)
}

/// The open file with its size, when it is a regular file of at most
/// [`MAX_READ`] bytes (the `fstat` of the file opened, not of a path).
fn checked_open(path: &Path, file: std::fs::File) -> Result<(std::fs::File, u64)> {
    let meta = file.metadata().map_err(|e| Error::io(path, e))?;
    if !meta.is_file() {
        return Err(not_regular(path, &meta));
    }
    if meta.len() > MAX_READ {
        return Err(too_large(path));
    }
    Ok((file, meta.len()))
}

/// An open that failed: a socket (which cannot be opened) or another file
/// that is not regular is refused by what it is; any other error as it is.
fn refused_or_io(path: &Path, e: std::io::Error) -> Error {
    match path.symlink_metadata() {
        Ok(meta) if !meta.is_file() && !meta.file_type().is_symlink() => not_regular(path, &meta),
        _ => Error::io(path, e),
    }
}

/// What is at the place of a file the build writes (a link there is not
/// followed).
pub enum AtPlace {
    Nothing,
    Link,
    /// A folder, a FIFO, a device…
    NotAFile,
    /// A regular file: its bytes and permissions.
    File(Vec<u8>, std::fs::Permissions),
}

/// Looks at the place of a file the build writes: where the flags are known,
/// an `open` without following a link and an `fstat` (not an `lstat`, an
/// `open` and an `fstat`).
pub fn at_place(path: &Path) -> Result<AtPlace> {
    let file = match open_no_follow(path) {
        Some(Ok(file)) => file,
        Some(Err(e)) if e.kind() == std::io::ErrorKind::NotFound => return Ok(AtPlace::Nothing),
        Some(Err(e)) if is_link_error(&e) => return Ok(AtPlace::Link),
        _ => {
            let meta = match path.symlink_metadata() {
                Ok(meta) => meta,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(AtPlace::Nothing),
                Err(e) => return Err(Error::io(path, e)),
            };
            if meta.file_type().is_symlink() {
                return Ok(AtPlace::Link);
            }
            if !meta.is_file() {
                return Ok(AtPlace::NotAFile);
            }
            std::fs::File::open(path).map_err(|e| Error::io(path, e))?
        }
    };
    let meta = file.metadata().map_err(|e| Error::io(path, e))?;
    if !meta.is_file() {
        return Ok(AtPlace::NotAFile);
    }
    let bytes = read_sized(&file, meta.len(), u64::MAX - 1).map_err(|e| Error::io(path, e))?;
    Ok(AtPlace::File(bytes, meta.permissions()))
}

fn not_regular(path: &Path, meta: &std::fs::Metadata) -> Error {
    let kind = describe(meta);
    Error::file(
        path,
        format!(
            "is {kind}, not a regular file; ftlkit reads only regular files: replace it with one"
        ),
    )
}

fn describe(meta: &std::fs::Metadata) -> &'static str {
    let kind = meta.file_type();
    if kind.is_dir() {
        return "a folder";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if kind.is_socket() {
            return "a socket";
        }
        if kind.is_block_device() || kind.is_char_device() {
            return "a device";
        }
    }
    "a special file"
}

fn too_large(path: &Path) -> Error {
    Error::file(
        path,
        format!(
            "is larger than {} MiB, the most ftlkit reads from one file: split it, or check that it is the file you meant",
            MAX_READ / (1024 * 1024)
        ),
    )
}

/// The path with its symbolic links resolved, when they stay inside the
/// project (see [`read_guarded`]); the path as given when it has none.
pub fn resolve_inside(path: &Path) -> Result<std::path::PathBuf> {
    let is_link = path
        .symlink_metadata()
        .map_err(|e| Error::io(path, e))?
        .file_type()
        .is_symlink();
    resolve_known(path, is_link)
}

/// [`resolve_inside`] when the caller already knows whether `path` itself is a
/// link. The usual case is cheap: no link and a folder whose path has none
/// (known once per folder), instead of resolving every component of every
/// path (a readlink each, as realpath does).
fn resolve_known(path: &Path, is_link: bool) -> Result<std::path::PathBuf> {
    let parent = path.parent().filter(|p| !p.as_os_str().is_empty());
    if !is_link && parent.is_none_or(folder_has_no_links) {
        return Ok(path.to_path_buf());
    }
    let absolute = std::path::absolute(path).map_err(|e| Error::io(path, e))?;
    let real = std::fs::canonicalize(path).map_err(|e| Error::io(path, e))?;
    if real == absolute {
        return Ok(path.to_path_buf());
    }
    let dir = absolute.parent().unwrap_or(Path::new("/"));
    let root = project_root_of(dir);
    let real_root = std::fs::canonicalize(root).map_err(|e| Error::io(root, e))?;
    if real.starts_with(&real_root) {
        return Ok(real);
    }
    Err(Error::file(
        path,
        format!(
            "leads through a symbolic link to {}, outside the project ({}); ftlkit follows links only within the project: replace the link with the file",
            real.display(),
            root.display()
        ),
    ))
}

/// Whether `dir` (as given) is its own real path: no component is a symbolic
/// link. Remembered per folder for the life of the process, so reading a
/// thousand files of one folder resolves it once, and a folder's answer is
/// its parent's and one `lstat` of its own (not a `readlink` per component
/// of every folder, as `realpath` does). (A folder that cannot be resolved
/// says no, and the caller takes the slow path, which reports.)
fn folder_has_no_links(dir: &Path) -> bool {
    use std::path::Component;
    let known = known_folders();
    if let Some(&answer) = known.lock().unwrap_or_else(|e| e.into_inner()).get(dir) {
        return answer;
    }
    // A leading `./` (paths relative to the project root) is plain too:
    // `.`'s own answer is the working folder's real path, asked once.
    let plain = dir.components().enumerate().all(|(i, c)| {
        matches!(c, Component::Normal(_) | Component::RootDir) || (i == 0 && c == Component::CurDir)
    });
    let answer = match dir.parent() {
        // `/`: no link.
        None if plain && dir.has_root() => true,
        // A plain path: its parent's answer, and whether it is a link itself.
        Some(parent) if plain && (!parent.as_os_str().is_empty() || !dir.has_root()) => {
            let parent_ok = if parent.as_os_str().is_empty() {
                is_own_real_path(Path::new("."))
            } else {
                folder_has_no_links(parent)
            };
            parent_ok
                && dir
                    .symlink_metadata()
                    .is_ok_and(|m| !m.file_type().is_symlink())
        }
        // `.` or `..` in it (or the empty path): compare with its real path.
        _ => is_own_real_path(dir),
    };
    known
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .insert(dir.to_path_buf(), answer);
    answer
}

/// Whether `dir`'s absolute path is its real path (the slow way: a
/// `readlink` per component).
fn is_own_real_path(dir: &Path) -> bool {
    match (std::path::absolute(dir), std::fs::canonicalize(dir)) {
        (Ok(absolute), Ok(real)) => absolute == real,
        _ => false,
    }
}

type KnownFolders = std::sync::Mutex<std::collections::HashMap<std::path::PathBuf, bool>>;

/// The folders [`folder_has_no_links`] has resolved in this process.
fn known_folders() -> &'static KnownFolders {
    static KNOWN: std::sync::OnceLock<KnownFolders> = std::sync::OnceLock::new();
    KNOWN.get_or_init(Default::default)
}

/// Forgets which folders were found free of symbolic links: a long-running
/// process (`ftlkit serve`) calls it when the files change, so a folder
/// replaced by a link since is resolved, and checked, again.
pub fn forget_folder_links() {
    known_folders()
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .clear();
    plain_below_root()
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .clear();
}

/// Folders [`first_link_below`] found to be folders, not links, by the
/// root they were asked about (with every folder between them and it).
type PlainBelow = std::sync::Mutex<
    std::collections::HashMap<std::path::PathBuf, std::collections::HashSet<std::path::PathBuf>>,
>;

fn plain_below_root() -> &'static PlainBelow {
    static PLAIN: std::sync::OnceLock<PlainBelow> = std::sync::OnceLock::new();
    PLAIN.get_or_init(Default::default)
}

/// The first folder between `path` and `root` (both excluded; `path`'s own
/// folder first) that is a symbolic link, if any; folders that are not
/// there are none. Each folder found plain is remembered for the life of
/// the process ([`forget_folder_links`] forgets), so writing a thousand
/// files of one folder looks at it once, not once a file and again for
/// every folder above it.
pub fn first_link_below(root: &Path, path: &Path) -> Option<std::path::PathBuf> {
    let known = |d: &Path| {
        plain_below_root()
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(root)
            .is_some_and(|plain| plain.contains(d))
    };
    let mut checked = Vec::new();
    let mut dir = path.parent();
    while let Some(d) = dir {
        if d == root || !d.starts_with(root) || known(d) {
            break;
        }
        match d.symlink_metadata() {
            Ok(meta) if meta.file_type().is_symlink() => return Some(d.to_path_buf()),
            Ok(_) => checked.push(d.to_path_buf()),
            // Not there (yet): no link, and asked again once it is.
            Err(_) => checked.clear(),
        }
        dir = d.parent();
    }
    plain_below_root()
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .entry(root.to_path_buf())
        .or_default()
        .extend(checked);
    None
}

/// The nearest folder from `dir` up that marks a project (see [`read_guarded`]).
fn project_root_of(dir: &Path) -> &Path {
    const MARKS: &[&str] = &[
        "ftlkit.toml",
        "l10n.toml",
        "content",
        "locales",
        ".git",
        ".hg",
    ];
    dir.ancestors()
        .find(|d| MARKS.iter().any(|m| d.join(m).symlink_metadata().is_ok()))
        .unwrap_or(dir)
}

/// Whether the file begins with a UTF-8 byte-order mark (which [`read_text`]
/// drops), so that a rewrite can keep it.
pub fn starts_with_bom(path: &Path) -> bool {
    let mut head = [0u8; 3];
    open_guarded(path)
        .and_then(|(mut f, _)| {
            std::io::Read::read_exact(&mut f, &mut head).map_err(|e| Error::io(path, e))
        })
        .is_ok_and(|()| head == [0xef, 0xbb, 0xbf])
}

/// Whether a write waits for the disk. Files people wrote or only ftlkit can
/// recreate from them (source messages, translations, stale records) are synced
/// before the rename; build outputs, which a rebuild recreates, are not: the
/// rename alone keeps an interrupted build from leaving a half-written page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Durability {
    Synced,
    Rebuildable,
}

/// Writes `contents` to `path` atomically, creating parent directories.
/// Returns false, writing nothing, when the file already holds exactly these bytes.
pub fn write_if_changed(path: &Path, contents: &[u8]) -> Result<bool> {
    write_if_changed_with(path, contents, Durability::Synced)
}

/// [`write_if_changed`] with a choice of [`Durability`].
pub fn write_if_changed_with(path: &Path, contents: &[u8], durability: Durability) -> Result<bool> {
    if let Ok(existing) = read_guarded(path) {
        if existing == contents {
            return Ok(false);
        }
    }
    write_atomic_with(path, contents, durability)?;
    Ok(true)
}

/// Writes through a temporary file in the target's directory and renames it into
/// place. A symlink at `path` is replaced, never written through.
pub fn write_atomic(path: &Path, contents: &[u8]) -> Result<()> {
    write_atomic_with(path, contents, Durability::Synced)
}

/// [`write_atomic`] with a choice of [`Durability`].
///
/// The file keeps the permissions of the one it replaces; a new file gets the
/// usual ones (0666 less the umask), as `std::fs::write` would give it, not the
/// owner-only mode of a temporary file. A folder that vanishes while the write
/// is under way (another process cleaning the output) is created again.
pub fn write_atomic_with(path: &Path, contents: &[u8], durability: Durability) -> Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let kept = std::fs::metadata(path).ok().map(|m| m.permissions());
    let mut attempt = 0;
    loop {
        attempt += 1;
        match write_once(dir, path, contents, durability, kept.as_ref(), &|| Ok(())) {
            Err(Error::Io { source, .. })
                if source.kind() == std::io::ErrorKind::NotFound && attempt < 3 => {}
            other => return other,
        }
    }
}

/// A file written beside its destination under a temporary name, not yet
/// in place: [`StagedFile::persist`] renames it there; dropped, it is removed.
/// What lets a build write each page as soon as it is rendered (holding none
/// in memory) and still put none in place until every page is allowed.
pub struct StagedFile {
    temp: tempfile::TempPath,
    path: std::path::PathBuf,
    /// The outermost folder made for it, if any (what a staging given up
    /// removes again: [`remove_empty_dirs`]).
    pub created: Option<std::path::PathBuf>,
}

/// Removes `root` and the folders below it that hold no file.
pub fn remove_empty_dirs(root: &Path) {
    if let Ok(entries) = std::fs::read_dir(root) {
        for entry in entries.flatten() {
            if entry.file_type().is_ok_and(|t| t.is_dir()) {
                remove_empty_dirs(&entry.path());
            }
        }
    }
    let _ = std::fs::remove_dir(root);
}

/// Writes `contents` beside `path` under a temporary name (in its folder,
/// which the caller made sure of; made again if it went meanwhile), with the
/// permissions of the file it will replace (`kept`, which the caller looked
/// up; a new file gets the usual ones), not synced (for rebuildable outputs).
pub fn stage(
    path: &Path,
    contents: &[u8],
    kept: Option<&std::fs::Permissions>,
) -> Result<StagedFile> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut created = None;
    let tmp = match temp_beside(dir, path, contents, kept) {
        Ok(tmp) => tmp,
        // The folder went meanwhile (someone cleaned the output): made again.
        Err(_) if !dir.is_dir() => {
            let mut outermost = dir;
            while let Some(parent) = outermost.parent().filter(|p| !p.as_os_str().is_empty()) {
                if parent.is_dir() {
                    break;
                }
                outermost = parent;
            }
            std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
            created = Some(outermost.to_path_buf());
            temp_beside(dir, path, contents, kept)?
        }
        Err(e) => return Err(e),
    };
    Ok(StagedFile {
        temp: tmp.into_temp_path(),
        path: path.to_path_buf(),
        created,
    })
}

impl StagedFile {
    /// Renames the file into place. A staged file someone removed meanwhile
    /// (the output folder cleaned during the build) is an error that says
    /// to build again: its contents are not kept anywhere else.
    pub fn persist(self) -> Result<()> {
        self.temp
            .persist(&self.path)
            .map(|_| ())
            .map_err(|e| removed_or_io(&self.path, e.error))
    }
}

/// A staged file or folder that could not be put in place: when it was
/// removed meanwhile (the output folder cleaned during the build), an
/// error that says to build again: its contents are not kept anywhere else.
pub fn removed_or_io(path: &Path, e: std::io::Error) -> Error {
    if e.kind() == std::io::ErrorKind::NotFound {
        Error::file(
            path,
            "was removed while the build wrote it (something cleaned the output folder meanwhile); nothing half-written is left: run the build again",
        )
    } else {
        Error::io(path, e)
    }
}

/// A folder the build makes, made under a temporary name beside its place
/// (`.ftlkit-*.tmp`, in the folder that will hold it): the files inside are
/// written under their own names ([`write_staged`]), with no temporary file
/// and rename each, and [`StagedDir::persist`] renames the whole folder into
/// place. Dropped, it is removed with everything in it.
pub struct StagedDir {
    temp: tempfile::TempDir,
    path: std::path::PathBuf,
}

/// Makes the folder `path` (whose parent exists) under a temporary name
/// beside it, with the usual permissions (0777 less the umask).
pub fn stage_dir(path: &Path) -> Result<StagedDir> {
    let parent = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut builder = tempfile::Builder::new();
    builder.prefix(".ftlkit-").suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o777));
    }
    let temp = match builder.tempdir_in(parent) {
        // The folder went meanwhile (someone cleaned the output): made
        // again, as for a file (the files staged before it are missed when
        // they are put in place, which says to build again).
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
            builder.tempdir_in(parent)
        }
        other => other,
    }
    .map_err(|e| Error::io(parent, plain_io_error(e)))?;
    Ok(StagedDir {
        temp,
        path: path.to_path_buf(),
    })
}

/// Writes a new file in a staged folder (`path` is where it is until the
/// folder is put in place): created, never opened if it exists. The same
/// path written twice is replaced whole (a temporary file and a rename).
pub fn write_staged(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    write_staged_with(path, contents, Durability::Rebuildable)
}

/// [`write_staged`] with a choice of [`Durability`]: a synced file's data
/// reaches the disk before this returns, so the folder's rename, which
/// comes after every file's write, never puts a file in place that a crash
/// could leave empty.
pub fn write_staged_with(
    path: &Path,
    contents: &[u8],
    durability: Durability,
) -> std::io::Result<()> {
    let created = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path);
    match created {
        Ok(mut file) => {
            file.write_all(contents)?;
            if durability == Durability::Synced {
                file.sync_data()?;
            }
            Ok(())
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            let dir = path.parent().unwrap_or(Path::new("."));
            let tmp = temp_beside(dir, path, contents, None).map_err(into_io)?;
            if durability == Durability::Synced {
                tmp.as_file().sync_data()?;
            }
            tmp.persist(path).map(|_| ()).map_err(|e| e.error)
        }
        Err(e) => Err(e),
    }
}

fn into_io(e: Error) -> std::io::Error {
    match e {
        Error::Io { source, .. } => source,
        other => std::io::Error::other(other.to_string()),
    }
}

impl StagedDir {
    /// Where the folder is until it is put in place.
    pub fn temp_path(&self) -> &Path {
        self.temp.path()
    }

    /// Renames the folder into place. A folder that appeared there
    /// meanwhile (someone made it, or another build) is not replaced: the
    /// files are moved into it one by one, each only where no file is or
    /// the same bytes are; another file there is an error naming it, and
    /// stays as it is.
    pub fn persist(self) -> Result<()> {
        let from = self.temp.path();
        let free = |path: &Path| matches!(path.symlink_metadata(), Err(e) if e.kind() == std::io::ErrorKind::NotFound);
        if free(&self.path) {
            match std::fs::rename(from, &self.path) {
                Ok(()) => {
                    let _ = self.temp.keep();
                    return Ok(());
                }
                // Nothing in the way: the rename's own error.
                Err(e) if free(&self.path) => return Err(removed_or_io(&self.path, e)),
                // It appeared in between: merged below.
                Err(_) => {}
            }
        }
        // What is left of the temporary folder goes with it (dropped).
        match self.path.symlink_metadata() {
            Ok(meta) if meta.is_dir() => merge_into(from, &self.path),
            Ok(_) => Err(appeared(&self.path)),
            Err(e) => Err(Error::io(&self.path, e)),
        }
    }
}

/// Moves the files of the staged folder `from` into the folder `to`, which
/// appeared meanwhile (see [`StagedDir::persist`]).
fn merge_into(from: &Path, to: &Path) -> Result<()> {
    let entries = std::fs::read_dir(from).map_err(|e| Error::io(to, e))?;
    for entry in entries {
        let entry = entry.map_err(|e| Error::io(to, e))?;
        let (src, dst) = (entry.path(), to.join(entry.file_name()));
        let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
        let there = dst.symlink_metadata();
        match there {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && is_dir => {
                if std::fs::rename(&src, &dst).is_err() {
                    merge_into(&src, &dst)?;
                }
            }
            Ok(meta) if is_dir && meta.is_dir() => merge_into(&src, &dst)?,
            _ if is_dir => return Err(appeared(&dst)),
            // A file: a hard link never replaces what is there (the staged
            // name goes with the temporary folder).
            _ => match std::fs::hard_link(&src, &dst) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    let same = dst.symlink_metadata().is_ok_and(|m| m.is_file())
                        && std::fs::read(&dst).ok() == std::fs::read(&src).ok();
                    if !same {
                        return Err(appeared(&dst));
                    }
                }
                // No hard links here (some file systems): a rename, where
                // nothing is.
                Err(_) if dst.symlink_metadata().is_err() => {
                    std::fs::rename(&src, &dst).map_err(|e| Error::io(&dst, e))?;
                }
                Err(e) => return Err(Error::io(&dst, e)),
            },
        }
    }
    Ok(())
}

fn appeared(path: &Path) -> Error {
    Error::file(
        path,
        "appeared while the build wrote it (something else made it meanwhile) and holds other contents; ftlkit did not replace it: look at it, move it away if it may go, and run the build again",
    )
}

/// `contents` in a new temporary file in `dir` (the folder of `path`, which
/// it will replace): named `.ftlkit-*.tmp`, with the permissions of the
/// file it replaces (`kept`) or the usual ones (0666 less the umask), not
/// the owner-only mode of a temporary file.
fn temp_beside(
    dir: &Path,
    path: &Path,
    contents: &[u8],
    kept: Option<&std::fs::Permissions>,
) -> Result<tempfile::NamedTempFile> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(".ftlkit-").suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut tmp = builder
        .tempfile_in(dir)
        .map_err(|e| Error::io(dir, plain_io_error(e)))?;
    if let Some(permissions) = kept {
        tmp.as_file()
            .set_permissions(permissions.clone())
            .map_err(|e| Error::io(path, e))?;
    }
    tmp.write_all(contents).map_err(|e| Error::io(path, e))?;
    Ok(tmp)
}

fn write_once(
    dir: &Path,
    path: &Path,
    contents: &[u8],
    durability: Durability,
    kept: Option<&std::fs::Permissions>,
    before_rename: &dyn Fn() -> Result<()>,
) -> Result<()> {
    if !dir.is_dir() {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    }
    let tmp = temp_beside(dir, path, contents, kept)?;
    if durability == Durability::Synced {
        tmp.as_file().sync_data().map_err(|e| Error::io(path, e))?;
    }
    before_rename()?;
    tmp.persist(path).map_err(|e| Error::io(path, e.error))?;
    Ok(())
}

/// Rewrites a file a person may be editing at the same time (a translator's
/// file), given the text it held when it was read (`None`: it did not exist).
/// What the person did wins:
///
/// - just before the rename the file is read again; when it no longer holds
///   `expected` (an editor saved it meanwhile, or it appeared), nothing is
///   written and the error says so: the person's file stays as they saved it;
/// - a file this user may not write (read-only, `chmod a-w`) is refused, not
///   replaced (a rename would replace it, as the folder is writable);
/// - a symbolic link is kept: its target is written, when it is inside the
///   project (see [`resolve_inside`]).
///
/// `expected` is compared with the text [`read_text`] gives (byte-order mark
/// dropped). Returns the path written (the link's target for a link).
pub fn write_if_unchanged(
    path: &Path,
    expected: Option<&str>,
    new: &[u8],
) -> Result<std::path::PathBuf> {
    let is_link = path
        .symlink_metadata()
        .is_ok_and(|m| m.file_type().is_symlink());
    let target = if is_link {
        resolve_inside(path)?
    } else {
        path.to_path_buf()
    };
    let dir = target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let kept = match std::fs::metadata(&target) {
        Ok(meta) => {
            refuse_unwritable(path, &target)?;
            Some(meta.permissions())
        }
        Err(_) => None,
    };
    let changed = || {
        Error::file(
            path,
            "changed while ftlkit was updating it; ftlkit wrote nothing and kept the file as it is now: run the command again",
        )
    };
    let check = || {
        let now = match read_text(&target) {
            Ok(text) => Some(text),
            Err(Error::Io { source, .. }) if source.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) => return Err(e),
        };
        if now.as_deref() == expected {
            Ok(())
        } else {
            Err(changed())
        }
    };
    write_once(dir, &target, new, Durability::Synced, kept.as_ref(), &check)?;
    Ok(target)
}

/// Refuses to replace a file this user may not write.
fn refuse_unwritable(path: &Path, target: &Path) -> Result<()> {
    match std::fs::OpenOptions::new().write(true).open(target) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => Err(Error::file(
            path,
            "is read-only for you; ftlkit does not replace a file you may not write: make it writable (`chmod u+w`) or leave this locale out",
        )),
        Err(e) => Err(Error::io(path, e)),
    }
}

/// How old a temporary file must be before [`remove_stale_temp_files`] takes
/// it for the leftover of an interrupted run rather than another run's work in
/// progress (which lives for milliseconds).
pub const STALE_TEMP_AGE: std::time::Duration = std::time::Duration::from_secs(300);

/// Removes the temporary files and staged folders (`.ftlkit-*.tmp`, see
/// [`StagedDir`]) older than `age` that a killed run left in `dir` and its
/// subfolders (symbolic links are not followed); a folder is old when
/// nothing in it changed for `age`. Returns how many were removed; a folder
/// that cannot be read is skipped.
pub fn remove_stale_temp_files(dir: &Path, age: std::time::Duration) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    let now = std::time::SystemTime::now();
    let mut removed = 0;
    for entry in entries.flatten() {
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        let path = entry.path();
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let temp = name.starts_with(".ftlkit-") && name.ends_with(".tmp");
        if kind.is_dir() && !temp {
            removed += remove_stale_temp_files(&path, age);
            continue;
        }
        if !temp {
            // Only a temporary name's age is asked (a site's every page is
            // not `stat`ed for nothing).
            continue;
        }
        let old = |t: std::time::SystemTime| now.duration_since(t).is_ok_and(|d| d >= age);
        if kind.is_dir() {
            // A staged folder: stale when nothing in it changed for `age`
            // (a build at work writes into it all along).
            if newest_change(&path).is_some_and(old) && std::fs::remove_dir_all(&path).is_ok() {
                removed += 1;
            }
            continue;
        }
        let stale = || entry.metadata().and_then(|m| m.modified()).is_ok_and(old);
        if kind.is_file() && stale() && std::fs::remove_file(&path).is_ok() {
            removed += 1;
        }
    }
    removed
}

/// The latest modification time of `dir` and everything in it (links not
/// followed); `None` when one cannot be read.
fn newest_change(dir: &Path) -> Option<std::time::SystemTime> {
    let mut newest = dir.symlink_metadata().ok()?.modified().ok()?;
    for entry in std::fs::read_dir(dir).ok()? {
        let entry = entry.ok()?;
        let kind = entry.file_type().ok()?;
        let time = if kind.is_dir() {
            newest_change(&entry.path())?
        } else {
            entry.metadata().ok()?.modified().ok()?
        };
        newest = newest.max(time);
    }
    Some(newest)
}

/// `tempfile` adds the temporary file's random name to its errors ("… at path
/// \"/x/.ftlkit-Ab12.tmp\""), which means nothing to the reader: drop it.
fn plain_io_error(e: std::io::Error) -> std::io::Error {
    if e.get_ref().is_none() {
        return e;
    }
    let text = e.to_string();
    match text.rfind(" at path \"") {
        Some(cut) => std::io::Error::new(e.kind(), &text[..cut]),
        None => e,
    }
}

#[cfg(test)]
mod tests {
    use super::first_link_below;

    /// A link between a file and the root is found whether the folders
    /// above it were looked at before or not; a folder not there yet is not
    /// taken for plain once it appears as a link.
    #[cfg(unix)]
    #[test]
    fn a_link_below_the_root_is_found_through_what_was_remembered() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        let outside = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(root.join("l10n-state/ar/guide")).unwrap();
        let plain = root.join("l10n-state/ar/guide/start.json");
        assert_eq!(first_link_below(root, &plain), None);
        // Remembered: `l10n-state/ar` is plain; a link below it is still found.
        std::os::unix::fs::symlink(outside.path(), root.join("l10n-state/ar/cli")).unwrap();
        let through = root.join("l10n-state/ar/cli/build.json");
        assert_eq!(
            first_link_below(root, &through),
            Some(root.join("l10n-state/ar/cli"))
        );
        // Not there when asked, a link when asked again.
        let later = root.join("l10n-state/fr/guide/start.json");
        assert_eq!(first_link_below(root, &later), None);
        std::fs::create_dir_all(root.join("l10n-state/fr")).unwrap();
        std::os::unix::fs::symlink(outside.path(), root.join("l10n-state/fr/guide")).unwrap();
        assert_eq!(
            first_link_below(root, &later),
            Some(root.join("l10n-state/fr/guide"))
        );
        // Above the root is the root's business.
        assert_eq!(
            first_link_below(&root.join("l10n-state/ar/cli"), &through),
            None
        );
    }
}
