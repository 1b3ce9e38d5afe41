//! Helpers shared by the integration tests: temporary project copies and CLI runs.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A temporary copy of the shipped project (content, locales, configuration).
pub fn shipped_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&repo().join("content"), &dir.path().join("content"));
    copy_dir(&repo().join("locales"), &dir.path().join("locales"));
    std::fs::copy(repo().join("ftlkit.toml"), dir.path().join("ftlkit.toml")).unwrap();
    dir
}

/// A locale file as a translator who never ran `sync` has it: its templates
/// (`# (untranslated) id = English`, one line each, as the shipped Kurdish has
/// them) taken out. For tests of what ftlkit does where a message has none.
pub fn drop_templates(path: &Path) {
    let text = read(path);
    let kept: Vec<&str> = text
        .split("\n\n")
        .filter(|block| !block.starts_with("# (untranslated) "))
        .collect();
    let mut out = kept.join("\n\n");
    if !out.ends_with('\n') {
        out.push('\n');
    }
    assert_ne!(out, text, "{}: no template to drop", path.display());
    std::fs::write(path, out).unwrap();
}

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Runs the real binary in `root`.
pub fn ftlkit(root: &Path, args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_ftlkit"))
        .arg("-C")
        .arg(root)
        .args(args)
        .output()
        .expect("ftlkit runs");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

pub fn read(path: impl AsRef<Path>) -> String {
    std::fs::read_to_string(path.as_ref())
        .unwrap_or_else(|e| panic!("{}: {e}", path.as_ref().display()))
}

/// (id, value source) of every message in a Fluent file, in order.
pub fn messages(ftl: &str) -> Vec<(String, String)> {
    let resource = fluent_syntax::parser::parse(ftl).expect("parses without errors");
    resource
        .body
        .iter()
        .filter_map(|e| match e {
            fluent_syntax::ast::Entry::Message(m) => Some((
                m.id.name.to_string(),
                ftlkit::ftl::pattern_text(m.value.as_ref().unwrap()).unwrap_or_default(),
            )),
            _ => None,
        })
        .collect()
}

/// Whether this test runs as root, for whom permission bits stop nothing.
pub fn running_as_root() -> bool {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0)
}

/// Runs the binary in `root` the way a user who owns nothing would: as
/// `nobody` (uid 65534) when the tests run as root, as ourselves otherwise.
pub fn ftlkit_unprivileged(root: &Path, args: &[&str]) -> Run {
    use std::os::unix::fs::PermissionsExt;
    use std::os::unix::process::CommandExt;
    let mut exe = std::path::PathBuf::from(env!("CARGO_BIN_EXE_ftlkit"));
    let run = |exe: &Path| {
        let mut command = std::process::Command::new(exe);
        command.arg("-C").arg(root).args(args);
        if running_as_root() {
            // std drops the supplementary groups along with the uid.
            command.uid(65534).gid(65534);
        }
        command.output()
    };
    if let Err(e) = run(&exe) {
        // The build folder may be out of nobody's reach: use a copy beside the project.
        assert_eq!(e.kind(), std::io::ErrorKind::PermissionDenied, "{e}");
        let copy = root.parent().unwrap().join("ftlkit-for-nobody");
        if !copy.exists() {
            std::fs::copy(&exe, &copy).unwrap();
            std::fs::set_permissions(&copy, std::fs::Permissions::from_mode(0o755)).unwrap();
        }
        exe = copy;
    }
    let out = run(&exe).expect("ftlkit runs");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

pub fn chmod(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

/// The flags every headless Chromium of the browser tests starts with.
pub const CHROMIUM_HEADLESS: &[&str] = &[
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
];

/// `/usr/bin/chromium`, else `chromium` on `PATH`; `None` means skip (or fail on CI).
pub fn chromium() -> Option<PathBuf> {
    let usr_bin = PathBuf::from("/usr/bin/chromium");
    let found = if usr_bin.is_file() {
        Some(usr_bin)
    } else {
        std::env::var_os("PATH").and_then(|path| {
            std::env::split_paths(&path)
                .map(|dir| dir.join("chromium"))
                .find(|candidate| candidate.is_file())
        })
    };
    if found.is_none() {
        if std::env::var_os("CI").is_some() {
            panic!(
                "chromium not found (neither /usr/bin/chromium nor `chromium` on PATH), \
                 but CI is set: CI must install the packages in .ci/apt-packages.txt"
            );
        }
        println!(
            "SKIPPED: chromium not found; install the Debian package `chromium` \
             (and the fonts in .ci/apt-packages.txt) to run the browser tests"
        );
    }
    found
}
