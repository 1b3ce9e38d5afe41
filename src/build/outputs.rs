//! The outputs list (`.ftlkit.outputs` in the output folder): which files the
//! build wrote there, with a hash of each as written, and which project wrote
//! them. It is what lets a build replace or remove a file only when ftlkit
//! wrote it and nobody changed it since, and refuse an output folder that
//! holds another project's pages.
//!
//! Format, one entry a line: `<path relative to the output folder>\t<hash>`
//! (`xxh3:` and the XXH3 64-bit hash of the contents in hex; 16 hex digits
//! without the prefix are an FNV-1a hash, from a list written before XXH3;
//! `*` is an entry of an older list that had no hashes), after a header line and a
//! `# project: <root relative to the output folder>` line. A list without the
//! header (ftlkit before the hashes) is read as entries without hashes: their
//! files count as ftlkit's, once.
//!
//! XXH3 because every page is hashed on every build: it reads 8 bytes and
//! more at a time, where FNV-1a's multiply per byte was 6% of a build's time.

use crate::error::{Error, Result};
use crate::project::{resolved, Project};
use std::collections::{BTreeSet, HashMap};
use std::path::{Component, Path, PathBuf};

/// The list's file name, in the output folder.
pub const MANIFEST: &str = ".ftlkit.outputs";

const HEADER: &str =
    "# ftlkit outputs: the files the last build wrote and a hash of each; written by `ftlkit build`, do not edit";
const PROJECT: &str = "# project: ";
/// The hash of an entry from a list that had none: any contents count as ftlkit's.
const ANY: &str = "*";
/// What marks a hash as XXH3's; a hash without it is FNV-1a's (older lists).
const XXH3: &str = "xxh3:";

/// The hash of contents the list records: XXH3's 64 bits (kept as a number,
/// written as [`Xxh3`] shows it).
fn hash(bytes: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(bytes)
}

/// A hash as the list writes it: `xxh3:` and 16 hex digits.
struct Xxh3(u64);

impl std::fmt::Display for Xxh3 {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{XXH3}{:016x}", self.0)
    }
}

/// A hash the previous list records of a file's contents.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Recorded {
    /// From a list that had none: any contents count as ftlkit's.
    Any,
    Xxh3(u64),
    /// FNV-1a's, as an older list wrote it.
    Fnv(Box<str>),
}

impl Recorded {
    fn parse(text: &str) -> Recorded {
        match text.strip_prefix(XXH3).map(|h| u64::from_str_radix(h, 16)) {
            _ if text == ANY => Recorded::Any,
            Some(Ok(h)) => Recorded::Xxh3(h),
            _ => Recorded::Fnv(text.into()),
        }
    }
}

impl std::fmt::Display for Recorded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Recorded::Any => f.write_str(ANY),
            Recorded::Xxh3(h) => Xxh3(*h).fmt(f),
            Recorded::Fnv(h) => f.write_str(h),
        }
    }
}

/// The previous list, read.
pub(super) struct Outputs {
    dir: PathBuf,
    project_line: String,
    /// (Path (relative, `/`-separated), a hash its contents may have), in
    /// order: a row each (a large site's list is 40,000 files).
    entries: Vec<(Box<str>, Recorded)>,
}

/// One file the build is about to write.
pub(super) struct Output {
    pub path: PathBuf,
    /// Shared: an asset is the same bytes in every locale.
    pub contents: std::sync::Arc<Vec<u8>>,
    /// Of the contents (XXH3).
    pub hash: u64,
}

impl Output {
    pub fn new(path: PathBuf, contents: String) -> Output {
        Output::bytes(path, std::sync::Arc::new(contents.into_bytes()))
    }

    pub fn bytes(path: PathBuf, contents: std::sync::Arc<Vec<u8>>) -> Output {
        let hash = hash(&contents);
        Output {
            path,
            contents,
            hash,
        }
    }
}

/// A file of this build: where it goes and the hash of its contents (which
/// are on disk by then, staged or already there). Compact, one for each of a
/// large site's files (24,000): the path as the list names it, the hash as a
/// number (written out only when the list is).
pub(super) struct Planned {
    /// Relative to the output folder, `/`-separated.
    pub rel: Box<str>,
    /// XXH3 of the contents.
    pub hash: u64,
}

/// Whether a file needs writing, why it may not be written, the
/// permissions of the file it replaces.
type FileCheck = (bool, Option<&'static str>, Option<std::fs::Permissions>);

/// The files of a build, each checked against the outputs list as soon as it
/// is made and, when it needs writing, written where it is not yet seen: no
/// page is held in memory, and none is put in place until every file of the
/// build is allowed ([`Stage::finish`]).
///
/// A file in a folder that exists is written beside its place under a
/// temporary name (renamed into place by [`Staged::persist`]). A folder
/// below the output folder that does not exist yet (a new locale's, a new
/// output's) is made under a temporary name beside its place
/// ([`crate::fsutil::StagedDir`]) and its files are written in it under
/// their own names: no temporary file and rename each, one rename for the
/// folder. (The output folder itself, when new, is made at once: the outputs
/// list goes there, and so does what a killed build leaves to clean up.)
pub(super) struct Stage<'a> {
    list: &'a Outputs,
    inner: std::sync::Mutex<Staging>,
    /// Folders of the build's files, each looked at (or made) once a build,
    /// not once a file (24,000 pages, a few hundred folders).
    ready: std::sync::RwLock<HashMap<PathBuf, Folder>>,
}

/// Where a folder of the build's files is.
#[derive(Clone)]
enum Folder {
    /// It exists and is no link; `made`: this build made it (so it holds
    /// only the build's files, which need no look).
    Exists { made: bool },
    /// This build makes it: until it is put in place it is here, in a
    /// staged folder.
    Staged(std::sync::Arc<Path>),
}

#[derive(Default)]
struct Staging {
    planned: Vec<Planned>,
    files: Vec<crate::fsutil::StagedFile>,
    /// Folders made under a temporary name (the outermost new ones).
    dirs: Vec<crate::fsutil::StagedDir>,
    /// Files written into them.
    written: usize,
    /// Folders made at once (the output folder, when new; the outermost).
    created: Vec<PathBuf>,
    refused: Vec<(PathBuf, &'static str)>,
}

/// Every file of a build allowed, the new ones staged.
pub(super) struct Staged {
    pub planned: Vec<Planned>,
    files: Vec<crate::fsutil::StagedFile>,
    dirs: Vec<crate::fsutil::StagedDir>,
    written: usize,
}

impl<'a> Stage<'a> {
    pub fn new(list: &'a Outputs) -> Stage<'a> {
        Stage {
            list,
            inner: Default::default(),
            ready: Default::default(),
        }
    }

    /// Checks one file of the build (new, the same as it will be, or
    /// ftlkit's and unchanged since) and stages it if it needs writing; a
    /// file of someone else's is remembered for [`Stage::finish`] to refuse.
    pub fn add(&self, out: Output) -> Result<()> {
        let folder = match out.path.parent().filter(|d| !d.as_os_str().is_empty()) {
            Some(dir) => self.folder(dir)?,
            None => Folder::Exists { made: false },
        };
        let (mut problem, mut staged, mut written) = (None, None, false);
        match &folder {
            Folder::Staged(real) => {
                // A new folder's file: nothing to look at, written as it is.
                let name = out.path.file_name().unwrap_or_default();
                crate::fsutil::write_staged(&real.join(name), &out.contents)
                    .map_err(|e| crate::fsutil::removed_or_io(&out.path, e))?;
                written = true;
            }
            Folder::Exists { made } => {
                let (write, why, kept) = match made {
                    true => (true, None, None),
                    false => self.list.check_one(&out)?,
                };
                problem = why;
                if write && why.is_none() {
                    let file = crate::fsutil::stage(&out.path, &out.contents, kept.as_ref())?;
                    staged = Some(file);
                }
            }
        }
        let mut inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(problem) = problem {
            inner.refused.push((out.path.clone(), problem));
        }
        inner.files.extend(staged);
        inner.written += usize::from(written);
        inner.planned.push(Planned {
            rel: self.list.rel(&out.path).into_boxed_str(),
            hash: out.hash,
        });
        Ok(())
    }

    /// Where the files of `dir` go: the folder itself when it exists (after
    /// checking that no folder on the way from the output folder is a link),
    /// or its place in a staged folder, made now with the folders on the way.
    fn folder(&self, dir: &Path) -> Result<Folder> {
        if let Some(f) = self
            .ready
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .get(dir)
        {
            return Ok(f.clone());
        }
        // One thread at a time decides (and makes) a folder, so that two
        // pages of a new folder go to one staged folder.
        let mut ready = self.ready.write().unwrap_or_else(|e| e.into_inner());
        if let Some(f) = ready.get(dir) {
            return Ok(f.clone());
        }
        // The folders to make, innermost first, up to one known or on disk.
        let mut missing = Vec::new();
        let mut at = dir;
        let mut base = loop {
            if let Some(f) = ready.get(at) {
                break f.clone();
            }
            match at.symlink_metadata() {
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => missing.push(at),
                Err(e) => return Err(Error::io(at, e)),
                Ok(_) => {
                    self.list.check_dirs(Some(at), &ready)?;
                    if !at.is_dir() {
                        return Err(Error::file(
                            at,
                            "is a file where the build makes a folder; move it away (or delete it if it may go), or choose another output folder",
                        ));
                    }
                    // Known from now on, and the folders above it.
                    let mut d = Some(at);
                    while let Some(up) = d.filter(|d| d.starts_with(&self.list.dir)) {
                        if ready.contains_key(up) {
                            break;
                        }
                        ready.insert(up.to_path_buf(), Folder::Exists { made: false });
                        d = up.parent();
                    }
                    break Folder::Exists { made: false };
                }
            }
            match at.parent().filter(|p| !p.as_os_str().is_empty()) {
                Some(parent) => at = parent,
                // A relative path's first folder: in the working folder.
                None => break Folder::Exists { made: false },
            }
        };
        for new in missing.into_iter().rev() {
            let made = self.make(new, &base)?;
            ready.insert(new.to_path_buf(), made.clone());
            base = made;
        }
        Ok(base)
    }

    /// Makes the folder `dir`, which does not exist, in `parent`.
    fn make(&self, dir: &Path, parent: &Folder) -> Result<Folder> {
        match parent {
            Folder::Staged(real) => {
                let real = real.join(dir.file_name().unwrap_or_default());
                std::fs::create_dir(&real).map_err(|e| crate::fsutil::removed_or_io(dir, e))?;
                Ok(Folder::Staged(real.into()))
            }
            Folder::Exists { .. } if dir != self.list.dir && dir.starts_with(&self.list.dir) => {
                let staged = crate::fsutil::stage_dir(dir)?;
                let real: std::sync::Arc<Path> = staged.temp_path().into();
                let mut inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
                inner.dirs.push(staged);
                Ok(Folder::Staged(real))
            }
            // The output folder (or one above it): made at once.
            Folder::Exists { made } => match std::fs::create_dir(dir) {
                Ok(()) => {
                    if !made {
                        let mut inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
                        inner.created.push(dir.to_path_buf());
                    }
                    Ok(Folder::Exists { made: true })
                }
                // Someone made it meanwhile: its files are looked at.
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && dir.is_dir() => {
                    Ok(Folder::Exists { made: false })
                }
                Err(e) => Err(Error::io(dir, e)),
            },
        }
    }

    /// The build's files, when every one is allowed; otherwise an error that
    /// names the first refused (and how many more), and every staged file
    /// and folder is removed: nothing was written.
    pub fn finish(self) -> Result<Staged> {
        let mut inner = self.inner.into_inner().unwrap_or_else(|e| e.into_inner());
        inner.refused.sort();
        if !inner.refused.is_empty() {
            // Nothing written: the staged files and folders go, and the
            // folders made for them.
            let created: BTreeSet<PathBuf> = inner
                .files
                .iter()
                .filter_map(|f| f.created.clone())
                .chain(inner.created.iter().cloned())
                .collect();
            inner.files.clear();
            inner.dirs.clear();
            for dir in created {
                crate::fsutil::remove_empty_dirs(&dir);
            }
        }
        let refused = &inner.refused;
        let Some((first, why)) = refused.first() else {
            return Ok(Staged {
                planned: inner.planned,
                files: inner.files,
                dirs: inner.dirs,
                written: inner.written,
            });
        };
        let more = match refused.len() {
            1 => String::new(),
            n => format!(
                " ({} more: {}{})",
                n - 1,
                refused[1..]
                    .iter()
                    .take(5)
                    .map(|(p, _)| p.display().to_string())
                    .collect::<Vec<_>>()
                    .join(", "),
                if n > 6 { ", …" } else { "" }
            ),
        };
        Err(Error::file(
            first,
            format!(
                "{why}: the build would replace it, so it wrote nothing{more}; move the file away (or delete it if it may go), or choose another output folder (`output` in ftlkit.toml, or `build -o DIR`)"
            ),
        ))
    }
}

impl Staged {
    /// Puts every staged file and folder in place (renames, in parallel);
    /// how many files.
    pub fn persist(&mut self) -> Result<usize> {
        use rayon::prelude::*;
        let n = self.files.len() + self.written;
        let (dirs, files) = rayon::join(
            || {
                std::mem::take(&mut self.dirs)
                    .into_par_iter()
                    .try_for_each(crate::fsutil::StagedDir::persist)
            },
            || {
                std::mem::take(&mut self.files)
                    .into_par_iter()
                    .try_for_each(crate::fsutil::StagedFile::persist)
            },
        );
        dirs.and(files)?;
        Ok(n)
    }
}

/// What became of the outputs of the last build that this one no longer makes.
#[derive(Default)]
pub(super) struct Cleanup {
    pub removed: Vec<PathBuf>,
    /// Changed by someone since the build wrote them: left in place.
    pub kept: Vec<PathBuf>,
}

/// Whether a file with these contents has one of `hashes` (of either kind).
fn has_hash(hashes: &[(Box<str>, Recorded)], bytes: &[u8]) -> bool {
    let has = |wanted: &Recorded| hashes.iter().any(|(_, h)| h == wanted);
    if has(&Recorded::Any) {
        return true;
    }
    let xxh3 = |(_, h): &(Box<str>, Recorded)| matches!(h, Recorded::Xxh3(_));
    let new = hashes.iter().any(xxh3) && has(&Recorded::Xxh3(hash(bytes)));
    let fnv = |(_, h): &(Box<str>, Recorded)| matches!(h, Recorded::Fnv(_));
    new || (hashes.iter().any(fnv)
        // FNV-1a of text: a file that is not UTF-8 is not ftlkit's.
        && std::str::from_utf8(bytes)
            .is_ok_and(|text| has(&Recorded::Fnv(crate::state::hash(text).into()))))
}

/// `to` relative to `from` (both resolved, absolute).
fn relative(from: &Path, to: &Path) -> PathBuf {
    let f: Vec<Component> = from.components().collect();
    let t: Vec<Component> = to.components().collect();
    let common = f.iter().zip(&t).take_while(|(a, b)| a == b).count();
    let mut out = PathBuf::new();
    for _ in common..f.len() {
        out.push("..");
    }
    for part in &t[common..] {
        out.push(part.as_os_str());
    }
    if out.as_os_str().is_empty() {
        out.push(".");
    }
    out
}

impl Outputs {
    /// Reads the list of `project`'s output folder. A list another project
    /// wrote is an error: its pages are not this build's to replace or remove.
    pub fn read(project: &Project) -> Result<Outputs> {
        let dir = project.output_dir.clone();
        let project_line = relative(&resolved(&dir), &resolved(&project.root))
            .to_string_lossy()
            .replace('\\', "/");
        let mut outputs = Outputs {
            dir,
            project_line,
            entries: Vec::new(),
        };
        let path = outputs.dir.join(MANIFEST);
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(outputs),
            Err(e) => return Err(Error::io(&path, e)),
        };
        let hashed = text.starts_with("# ftlkit outputs");
        for line in text.lines() {
            if let Some(root) = line.strip_prefix(PROJECT) {
                outputs.same_project(project, &path, root)?;
            } else if line.starts_with('#') || line.is_empty() {
                continue;
            } else if !hashed {
                outputs.entries.push((line.into(), Recorded::Any));
            } else if let Some((rel, hash)) = line.split_once('\t') {
                outputs.entries.push((rel.into(), Recorded::parse(hash)));
            }
        }
        outputs.entries.sort_unstable();
        outputs.entries.dedup();
        Ok(outputs)
    }

    /// The rows of path `rel`.
    fn rows(&self, rel: &str) -> &[(Box<str>, Recorded)] {
        let start = self.entries.partition_point(|(r, _)| &**r < rel);
        let len = self.entries[start..].partition_point(|(r, _)| &**r == rel);
        &self.entries[start..start + len]
    }

    fn same_project(&self, project: &Project, path: &Path, root: &str) -> Result<()> {
        let theirs = resolved(&self.dir.join(root));
        if theirs == resolved(&project.root) {
            return Ok(());
        }
        Err(Error::file(
            path,
            format!(
                "the output folder holds the pages of another project ({}), which this build would overwrite and remove; \
                 choose another output folder (`output` in ftlkit.toml, or `build -o DIR`), or delete {} if those pages may go",
                theirs.display(),
                self.dir.display()
            ),
        ))
    }

    /// Whether `rel` with these contents is a file ftlkit wrote and nobody changed since.
    fn owns(&self, rel: &str, bytes: &[u8]) -> bool {
        has_hash(self.rows(rel), bytes)
    }

    fn rel(&self, path: &Path) -> String {
        path.strip_prefix(&self.dir)
            .unwrap_or(path)
            .to_string_lossy()
            .replace('\\', "/")
    }

    /// Refuses a folder on the way from the output folder to `dir` that is a
    /// symbolic link; `ready` holds folders already looked at (the walk
    /// stops there: the folders above them were looked at too).
    fn check_dirs(&self, dir: Option<&Path>, ready: &HashMap<PathBuf, Folder>) -> Result<()> {
        let mut dir = dir;
        while let Some(d) = dir.filter(|d| *d != self.dir && d.starts_with(&self.dir)) {
            if ready.contains_key(d) {
                break;
            }
            if d.symlink_metadata()
                .is_ok_and(|m| m.file_type().is_symlink())
            {
                return Err(Error::file(
                    d,
                    "is a symbolic link; ftlkit writes only inside the output folder: remove the link",
                ));
            }
            dir = d.parent();
        }
        Ok(())
    }

    /// Whether it needs writing, why it may not be written, and the
    /// permissions of the file it replaces (kept by the new one).
    fn check_one(&self, out: &Output) -> Result<FileCheck> {
        use crate::fsutil::AtPlace;
        let (bytes, permissions) = match crate::fsutil::at_place(&out.path)? {
            AtPlace::Nothing => return Ok((true, None, None)),
            AtPlace::Link => {
                return Ok((
                    false,
                    Some("is a symbolic link, not a page ftlkit wrote"),
                    None,
                ))
            }
            AtPlace::NotAFile => {
                return Ok((
                    false,
                    Some("is a folder where the build writes a page"),
                    None,
                ))
            }
            AtPlace::File(bytes, permissions) => (bytes, permissions),
        };
        if *bytes == *out.contents {
            return Ok((false, None, None));
        }
        let kept = Some(permissions);
        if self.owns(&self.rel(&out.path), &bytes) {
            return Ok((true, None, kept));
        }
        let why = if !self.rows(&self.rel(&out.path)).is_empty() {
            "was changed since ftlkit wrote it"
        } else {
            "exists and was not written by ftlkit"
        };
        Ok((false, Some(why), None))
    }

    /// Before any page is put in place: the list with the new hashes added to the
    /// old ones, so that a build killed half-way leaves every page it wrote
    /// (old or new) known as ftlkit's.
    pub fn write_intent(&self, outputs: &[Planned]) -> Result<()> {
        use std::borrow::Cow;
        let old = self
            .entries
            .iter()
            .map(|(rel, h)| (&**rel, Cow::Borrowed(h)));
        let new = outputs
            .iter()
            .map(|o| (&*o.rel, Cow::Owned(Recorded::Xxh3(o.hash))));
        let mut lines: Vec<(&str, Cow<Recorded>)> = old.chain(new).collect();
        lines.sort_unstable();
        lines.dedup();
        self.write(lines)
    }

    /// After the pages are written: removes the outputs of the last build that
    /// this one no longer makes — only files ftlkit wrote and nobody changed,
    /// never through a link, never outside the output folder — and writes the
    /// list of this build.
    /// `outputs` are left in order, one a file (the last made, when one was made twice).
    pub fn finish(&self, outputs: &mut Vec<Planned>) -> Result<Cleanup> {
        outputs.sort_by(|a, b| a.rel.cmp(&b.rel));
        outputs.dedup_by(|later, kept| {
            let same = later.rel == kept.rel;
            if same {
                kept.hash = later.hash;
            }
            same
        });
        let current = |rel: &str| outputs.binary_search_by(|o| (*o.rel).cmp(rel)).is_ok();
        let mut cleanup = Cleanup::default();
        let rels = self.entries.iter().map(|(rel, _)| &**rel);
        let mut last = None;
        for rel in rels.filter(|r| last.replace(*r) != Some(*r) && !current(r)) {
            if !is_output_path(rel) {
                continue;
            }
            let path = self.dir.join(rel);
            let parent_is_link = path.parent().filter(|p| *p != self.dir).is_some_and(|p| {
                p.symlink_metadata()
                    .is_ok_and(|m| m.file_type().is_symlink())
            });
            let is_file = path
                .symlink_metadata()
                .is_ok_and(|m| m.file_type().is_file());
            if parent_is_link || !is_file {
                continue;
            }
            let bytes = std::fs::read(&path).map_err(|e| Error::io(&path, e))?;
            if !self.owns(rel, &bytes) {
                cleanup.kept.push(path);
                continue;
            }
            std::fs::remove_file(&path).map_err(|e| Error::io(&path, e))?;
            // Its folders go too once nothing is left in them.
            let mut dir = path.parent();
            while let Some(d) = dir.filter(|p| *p != self.dir && p.starts_with(&self.dir)) {
                if std::fs::remove_dir(d).is_err() {
                    break;
                }
                dir = d.parent();
            }
            cleanup.removed.push(path);
        }
        self.write(outputs.iter().map(|o| (&*o.rel, Xxh3(o.hash))))?;
        Ok(cleanup)
    }

    /// Writes the list: `lines` (path, hash) in order.
    fn write<'l, H: std::fmt::Display>(
        &self,
        lines: impl IntoIterator<Item = (&'l str, H)>,
    ) -> Result<()> {
        use std::fmt::Write;
        let mut text = format!("{HEADER}\n{PROJECT}{}\n", self.project_line);
        for (rel, hash) in lines {
            let _ = writeln!(text, "{rel}\t{hash}");
        }
        // Rebuildable as the pages are (exec writes them; the list is written
        // here, so that exec and this module do not need each other).
        crate::fsutil::write_if_changed_with(
            &self.dir.join(MANIFEST),
            text.as_bytes(),
            crate::fsutil::Durability::Rebuildable,
        )?;
        Ok(())
    }
}

/// `index.html` (or `mkdocs.yml`, `sitemap.xml`), or a file in a locale's folder (`<locale>/<path>`: pages,
/// assets, a book's sources) with plain components only: no `.`, `..`,
/// empty part or backslash, so a tampered list names nothing outside.
fn is_output_path(rel: &str) -> bool {
    let parts: Vec<&str> = rel.split('/').collect();
    let plain = |p: &&str| !p.is_empty() && *p != "." && *p != ".." && !p.contains('\\');
    match parts.as_slice() {
        ["index.html"] | ["mkdocs.yml"] | ["sitemap.xml"] => true,
        [_, _, ..] => parts.iter().all(plain),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_between_folders() {
        assert_eq!(
            relative(Path::new("/a/b/dist"), Path::new("/a/b")),
            Path::new("..")
        );
        assert_eq!(
            relative(Path::new("/a/site"), Path::new("/a/b")),
            Path::new("../b")
        );
        assert_eq!(relative(Path::new("/a"), Path::new("/a")), Path::new("."));
    }
}
