//! Issue 17, round 2: what ftlkit reads (only regular files inside the
//! project, of a bounded size) and how it rewrites a translator's file (never
//! over an edit saved meanwhile, never through a read-only file or a link).

mod common;
use common::*;
use std::os::unix::fs::symlink;
use std::path::Path;
use std::time::{Duration, Instant};

const ID: &str = "article-ministers-after-fall-iyad-allawi-took";
const OLD: &str = "Iyad Allawi took over, and then Ibrahim al-Jaafari";
const NEW: &str = "Iyad Allawi came to power, followed by Ibrahim al-Jaafari";

fn no_panic(run: &Run) {
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
}

/// Runs the binary, killing it if it has not finished after `limit`.
fn ftlkit_within(root: &Path, args: &[&str], limit: Duration) -> Option<Run> {
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_ftlkit"))
        .arg("-C")
        .arg(root)
        .args(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while start.elapsed() < limit {
        if child.try_wait().unwrap().is_some() {
            let out = child.wait_with_output().unwrap();
            return Some(Run {
                code: out.status.code().unwrap_or(-1),
                stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
                stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
            });
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    None
}

// Item 6: reading outside the project.

#[test]
fn a_link_to_a_file_outside_the_project_is_not_read() {
    let tmp = shipped_copy();
    let root = tmp.path();
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("passwd");
    std::fs::write(
        &secret,
        "root:x:0:0:root:/root:/bin/bash\nsecret-key = hunter2 {\n",
    )
    .unwrap();
    let page = root.join("locales/fr/page.ftl");
    std::fs::remove_file(&page).unwrap();
    symlink(&secret, &page).unwrap();
    for args in [
        &["check", "fr"][..],
        &["status"],
        &["build"],
        &["sync", "fr"],
    ] {
        let run = ftlkit(root, args);
        no_panic(&run);
        assert_ne!(run.code, 0, "{args:?}: {}{}", run.stdout, run.stderr);
        let all = format!("{}{}", run.stdout, run.stderr);
        assert!(!all.contains("root:x:0"), "{args:?} leaks the file: {all}");
        assert!(!all.contains("hunter2"), "{args:?} leaks the file: {all}");
        assert!(
            run.stderr.contains("locales/fr/page.ftl")
                && run.stderr.contains("outside the project"),
            "{args:?}: {}",
            run.stderr
        );
    }
    // sync kept the link as it was.
    assert!(page.symlink_metadata().unwrap().file_type().is_symlink());
    assert!(read(&secret).contains("hunter2"));
}

#[test]
fn a_link_within_the_project_is_read() {
    let tmp = shipped_copy();
    let root = tmp.path();
    let shared = root.join("shared");
    std::fs::create_dir(&shared).unwrap();
    std::fs::rename(root.join("locales/fr/page.ftl"), shared.join("fr-page.ftl")).unwrap();
    symlink("../../shared/fr-page.ftl", root.join("locales/fr/page.ftl")).unwrap();
    let run = ftlkit(root, &["check", "fr"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert_eq!(ftlkit(root, &["build"]).code, 0);
    assert!(read(root.join("dist/fr/article.html")).contains("Écrit par"));
}

#[test]
fn a_link_to_a_device_is_refused_at_once() {
    let tmp = shipped_copy();
    let root = tmp.path();
    let page = root.join("locales/fr/page.ftl");
    std::fs::remove_file(&page).unwrap();
    symlink("/dev/zero", &page).unwrap();
    let run = ftlkit_within(root, &["check", "fr"], Duration::from_secs(20))
        .expect("check stops instead of reading /dev/zero forever");
    no_panic(&run);
    assert_ne!(run.code, 0);
    assert!(
        run.stderr.contains("locales/fr/page.ftl") && run.stderr.contains("not a regular file"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_fifo_does_not_hang_status() {
    let tmp = shipped_copy();
    let root = tmp.path();
    let page = root.join("locales/fr/page.ftl");
    std::fs::remove_file(&page).unwrap();
    let made = std::process::Command::new("mkfifo")
        .arg(&page)
        .status()
        .unwrap();
    assert!(made.success());
    for args in [&["status"][..], &["check", "fr"], &["build"]] {
        let run = ftlkit_within(root, args, Duration::from_secs(20))
            .unwrap_or_else(|| panic!("{args:?} hangs on a FIFO"));
        no_panic(&run);
        assert_ne!(run.code, 0, "{args:?}");
        assert!(
            run.stderr.contains("named pipe (FIFO)"),
            "{args:?}: {}",
            run.stderr
        );
    }
}

/// A socket cannot even be opened (the open fails, not with "a link"):
/// still refused by what it is, as a FIFO is.
#[test]
fn a_socket_in_place_of_a_file_is_refused_by_name() {
    let tmp = shipped_copy();
    let root = tmp.path();
    let page = root.join("locales/fr/page.ftl");
    std::fs::remove_file(&page).unwrap();
    let _listener = std::os::unix::net::UnixListener::bind(&page).unwrap();
    for args in [&["status"][..], &["check", "fr"]] {
        let run = ftlkit_within(root, args, Duration::from_secs(20))
            .unwrap_or_else(|| panic!("{args:?} hangs on a socket"));
        no_panic(&run);
        assert_ne!(run.code, 0, "{args:?}");
        assert!(
            run.stderr.contains("locales/fr/page.ftl") && run.stderr.contains("a socket"),
            "{args:?}: {}",
            run.stderr
        );
    }
}

/// A link to a link to a file, all within the project, is read; a link to a
/// FIFO within the project is refused as the FIFO is, without hanging.
#[test]
fn links_within_the_project_lead_to_regular_files_only() {
    let tmp = shipped_copy();
    let root = tmp.path();
    let shared = root.join("shared");
    std::fs::create_dir(&shared).unwrap();
    std::fs::rename(root.join("locales/fr/page.ftl"), shared.join("fr-page.ftl")).unwrap();
    symlink("fr-page.ftl", shared.join("second-link.ftl")).unwrap();
    symlink(
        "../../shared/second-link.ftl",
        root.join("locales/fr/page.ftl"),
    )
    .unwrap();
    let run = ftlkit(root, &["check", "fr"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    std::fs::remove_file(shared.join("fr-page.ftl")).unwrap();
    let made = std::process::Command::new("mkfifo")
        .arg(shared.join("fr-page.ftl"))
        .status()
        .unwrap();
    assert!(made.success());
    let run = ftlkit_within(root, &["check", "fr"], Duration::from_secs(20))
        .expect("check hangs on a link to a FIFO");
    no_panic(&run);
    assert_ne!(run.code, 0);
    assert!(
        run.stderr.contains("locales/fr/page.ftl") && run.stderr.contains("named pipe (FIFO)"),
        "{}",
        run.stderr
    );
}

/// What stands where the build writes a page is looked at without
/// following or blocking: a FIFO or a folder there is refused by name (the
/// build does not hang on the FIFO), and both are left as they are.
#[test]
fn a_fifo_or_a_folder_where_a_page_goes_is_refused() {
    let tmp = shipped_copy();
    let root = tmp.path();
    assert_eq!(ftlkit(root, &["build"]).code, 0);
    let fifo = root.join("dist/ar/article.html");
    std::fs::remove_file(&fifo).unwrap();
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let folder = root.join("dist/fr/article.html");
    std::fs::remove_file(&folder).unwrap();
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(folder.join("mine.txt"), "mine").unwrap();
    let run = ftlkit_within(root, &["build"], Duration::from_secs(20))
        .expect("build hangs on a FIFO where a page goes");
    no_panic(&run);
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(
        run.stderr.contains("dist/ar/article.html")
            && run
                .stderr
                .contains("is a folder where the build writes a page")
            && run.stderr.contains("dist/fr/article.html"),
        "{}",
        run.stderr
    );
    use std::os::unix::fs::FileTypeExt;
    assert!(fifo.symlink_metadata().unwrap().file_type().is_fifo());
    assert_eq!(read(folder.join("mine.txt")), "mine");
}

#[test]
fn a_file_over_the_size_limit_is_refused() {
    let tmp = shipped_copy();
    let root = tmp.path();
    let page = root.join("locales/fr/page.ftl");
    let line = "# padding padding padding padding padding padding padding padding\n";
    let big = line.repeat((65 << 20) / line.len());
    std::fs::write(&page, read(&page) + &big).unwrap();
    let run = ftlkit(root, &["check", "fr"]);
    no_panic(&run);
    assert_ne!(run.code, 0);
    assert!(
        run.stderr.contains("locales/fr/page.ftl") && run.stderr.contains("larger than 64 MiB"),
        "{}",
        run.stderr
    );
}

#[test]
fn an_l10n_toml_project_does_not_read_through_a_link_out_of_its_basepath() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    std::fs::create_dir_all(root.join("en-US")).unwrap();
    std::fs::create_dir_all(root.join("fr")).unwrap();
    std::fs::write(
        root.join("l10n.toml"),
        "basepath = \".\"\nlocales = [\"fr\"]\n\n[[paths]]\nreference = \"en-US/**\"\nl10n = \"{locale}/**\"\n",
    )
    .unwrap();
    std::fs::write(root.join("en-US/app.ftl"), "hello = Hello\n").unwrap();
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("secret.ftl");
    std::fs::write(&secret, "hello = hunter2 {\n").unwrap();
    symlink(&secret, root.join("fr/app.ftl")).unwrap();
    let config = root.join("l10n.toml");
    let run = ftlkit(root, &["check", "--config", config.to_str().unwrap()]);
    no_panic(&run);
    let all = format!("{}{}", run.stdout, run.stderr);
    assert!(!all.contains("hunter2"), "{all}");
    assert!(all.contains("outside the project"), "{all}");
}

// Item 5: edits made while sync runs are not lost.

#[test]
fn write_if_unchanged_keeps_an_edit_saved_meanwhile() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("fr.ftl");
    std::fs::write(&path, "hello = Bonjour\n").unwrap();
    // ftlkit read "hello = Bonjour"; the translator saved a new line since.
    std::fs::write(&path, "hello = Bonjour\nbye = Au revoir\n").unwrap();
    let err = ftlkit::fsutil::write_if_unchanged(&path, Some("hello = Bonjour\n"), b"new\n")
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("fr.ftl") && err.contains("changed while"),
        "{err}"
    );
    assert_eq!(read(&path), "hello = Bonjour\nbye = Au revoir\n");
    // A file that appeared since ftlkit found none is kept too.
    let fresh = tmp.path().join("de.ftl");
    std::fs::write(&fresh, "hallo = Hallo\n").unwrap();
    assert!(ftlkit::fsutil::write_if_unchanged(&fresh, None, b"new\n").is_err());
    assert_eq!(read(&fresh), "hallo = Hallo\n");
    // Unchanged (a byte-order mark apart), the file is written.
    std::fs::write(&path, "\u{feff}hello = Bonjour\n").unwrap();
    ftlkit::fsutil::write_if_unchanged(&path, Some("hello = Bonjour\n"), b"hello = Salut\n")
        .unwrap();
    assert_eq!(read(&path), "hello = Salut\n");
    assert!(!std::fs::read_dir(tmp.path()).unwrap().any(|e| e
        .unwrap()
        .file_name()
        .to_string_lossy()
        .ends_with(".tmp")));
}

// Item 14: links and read-only files.

fn add_english(root: &Path) {
    let md = root.join("content/article.md");
    std::fs::write(&md, read(&md) + "\nA closing line added by the editor.\n").unwrap();
    assert_eq!(ftlkit(root, &["extract"]).code, 0);
}

#[test]
fn sync_writes_a_linked_translation_through_its_link() {
    let tmp = shipped_copy();
    let root = tmp.path();
    let shared = root.join("shared");
    std::fs::create_dir(&shared).unwrap();
    std::fs::rename(root.join("locales/fr/article.ftl"), shared.join("fr.ftl")).unwrap();
    let link = root.join("locales/fr/article.ftl");
    symlink("../../shared/fr.ftl", &link).unwrap();
    add_english(root);
    let run = ftlkit(root, &["sync", "fr"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        link.symlink_metadata().unwrap().file_type().is_symlink(),
        "the link stays"
    );
    assert!(read(shared.join("fr.ftl")).contains("A closing line added by the editor."));
    assert!(!leftover_tmp(&shared) && !leftover_tmp(&root.join("locales/fr")));
}

fn leftover_tmp(dir: &Path) -> bool {
    std::fs::read_dir(dir).unwrap().any(|e| {
        e.unwrap()
            .file_name()
            .to_string_lossy()
            .starts_with(".ftlkit-")
    })
}

#[test]
fn sync_does_not_replace_a_read_only_translation() {
    let outer = tempfile::tempdir().unwrap();
    chmod(outer.path(), 0o755);
    let root = outer.path().join("project");
    copy_dir(&repo().join("content"), &root.join("content"));
    copy_dir(&repo().join("locales"), &root.join("locales"));
    std::fs::copy(repo().join("ftlkit.toml"), root.join("ftlkit.toml")).unwrap();
    add_english(&root);
    let status = std::process::Command::new("chmod")
        .args(["-R", "a+rwX"])
        .arg(&root)
        .status()
        .unwrap();
    assert!(status.success());
    let fr = root.join("locales/fr/article.ftl");
    chmod(&fr, 0o444);
    let before = read(&fr);
    let run = ftlkit_unprivileged(&root, &["sync", "fr"]);
    no_panic(&run);
    assert_ne!(run.code, 0, "{}", run.stdout);
    assert!(
        run.stderr.contains("locales/fr/article.ftl") && run.stderr.contains("read-only"),
        "{}",
        run.stderr
    );
    assert_eq!(read(&fr), before);
    assert!(!leftover_tmp(&root.join("locales/fr")));
    // Made writable, it is synced.
    chmod(&fr, 0o666);
    let run = ftlkit_unprivileged(&root, &["sync", "fr"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(read(&fr).contains("A closing line added by the editor."));
}

// Item 9: the English a translation was made from survives a syntax slip.

fn stale(root: &Path, locale: &str) -> u64 {
    let run = ftlkit(root, &["status", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    json["locales"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["locale"] == locale)
        .unwrap()["stale"]
        .as_u64()
        .unwrap()
}

#[test]
fn stale_tracking_survives_a_temporary_syntax_slip() {
    let tmp = shipped_copy();
    let root = tmp.path();
    copy_dir(&repo().join("l10n-state"), &root.join("l10n-state"));
    assert_eq!(stale(root, "fr"), 0);
    let fr = root.join("locales/fr/article.ftl");
    let good = read(&fr);
    let line = good
        .lines()
        .find(|l| l.starts_with(&format!("{ID} = ")))
        .unwrap();
    // A stray `}` in the French; the English of that paragraph is edited and extracted.
    std::fs::write(&fr, good.replace(line, &format!("{line} }}"))).unwrap();
    let md = root.join("content/article.md");
    std::fs::write(&md, read(&md).replace(OLD, NEW)).unwrap();
    assert_eq!(ftlkit(root, &["extract"]).code, 0);
    // The translator fixes the slip: the translation is stale.
    std::fs::write(&fr, &good).unwrap();
    assert_eq!(stale(root, "fr"), 1);
    assert!(ftlkit(root, &["status", "fr", "--untranslated"])
        .stdout
        .contains(&format!("    was: {OLD}")));
}

// Item 11: init completes a locale or changes nothing.

#[test]
fn init_completes_a_locale_whose_folder_has_files_already() {
    let tmp = shipped_copy();
    let root = tmp.path();
    let de = root.join("locales/de");
    std::fs::create_dir(&de).unwrap();
    let page = "page-language-name = Deutsch\n";
    std::fs::write(de.join("page.ftl"), page).unwrap();
    let run = ftlkit(root, &["init", "de"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        read(de.join("page.ftl")),
        page,
        "the translator's file is kept"
    );
    assert!(read(de.join("article.ftl")).contains("# (untranslated)"));
    assert!(read(root.join("ftlkit.toml")).contains("\"de\""));
    let run = ftlkit(root, &["sync", "de"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(read(de.join("page.ftl")).starts_with(page));
}

#[test]
fn init_that_fails_writes_nothing() {
    let tmp = shipped_copy();
    let root = tmp.path();
    // The second reference file (page.ftl, after article.ftl) cannot be read.
    let page = root.join("locales/en-US/page.ftl");
    let mut bytes = std::fs::read(&page).unwrap();
    bytes.extend_from_slice(b"broken = \xff\n");
    std::fs::write(&page, bytes).unwrap();
    let config = read(root.join("ftlkit.toml"));
    let run = ftlkit(root, &["init", "de"]);
    assert_ne!(run.code, 0);
    assert!(run.stderr.contains("page.ftl"), "{}", run.stderr);
    assert!(
        !root.join("locales/de/article.ftl").exists(),
        "{}",
        run.stderr
    );
    assert_eq!(read(root.join("ftlkit.toml")), config);
}

// Item 10: a function call the runtime cannot format.

#[test]
fn a_function_call_that_cannot_be_formatted_is_a_check_error_and_falls_back() {
    let tmp = shipped_copy();
    let root = tmp.path();
    let calls = [
        ("fr", "{ NUMBER(\"abc\") }"),
        ("ar", "{ NUMBER(\"٣\") }"),
        ("ckb", "{ DATETIME(\"31/12/2011\") }"),
    ];
    for (locale, call) in calls {
        let path = root.join(format!("locales/{locale}/article.ftl"));
        let text = read(&path);
        let line = text
            .lines()
            .find(|l| l.starts_with(&format!("{ID} = ")))
            .unwrap()
            .to_string();
        std::fs::write(
            &path,
            text.replace(&line, &format!("{ID} = {call} ministres")),
        )
        .unwrap();
        let run = ftlkit(root, &["check", locale]);
        no_panic(&run);
        assert_eq!(run.code, 1, "{locale}: {}{}", run.stdout, run.stderr);
        assert!(
            run.stdout.contains("invalid-function-argument")
                && run
                    .stdout
                    .contains(&format!("locales/{locale}/article.ftl")),
            "{locale}: {}",
            run.stdout
        );
    }
    let run = ftlkit(root, &["check", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let found: Vec<_> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "invalid-function-argument")
        .collect();
    assert_eq!(found.len(), 3, "{found:?}");
    assert!(found
        .iter()
        .all(|f| f["severity"] == "error" && f["id"] == ID));
    let run = ftlkit(root, &["build"]);
    no_panic(&run);
    for (locale, _) in calls {
        let html = read(root.join(format!("dist/{locale}/article.html")));
        assert!(
            !html.contains("NUMBER()") && !html.contains("DATETIME()"),
            "{locale}"
        );
        assert!(html.contains(OLD), "{locale}: the English is shown instead");
    }
    assert!(run.stderr.contains("NUMBER(\"abc\")"), "{}", run.stderr);
    assert!(run.stderr.contains("NUMBER(\"٣\")"), "{}", run.stderr);
    assert!(
        run.stderr.contains("DATETIME(\"31/12/2011\")"),
        "{}",
        run.stderr
    );
}

#[test]
fn function_calls_that_format_are_no_finding() {
    let tmp = shipped_copy();
    let root = tmp.path();
    let path = root.join("locales/fr/article.ftl");
    let text = read(&path);
    let line = text
        .lines()
        .find(|l| l.starts_with(&format!("{ID} = ")))
        .unwrap()
        .to_string();
    let value = format!(
        "{ID} = {{ NUMBER(\"3\") }} {{ NUMBER(2) }} {{ DATETIME(\"2011-12-31\") }} ministres"
    );
    std::fs::write(&path, text.replace(&line, &value)).unwrap();
    let run = ftlkit(root, &["check", "fr"]);
    assert!(
        !run.stdout.contains("invalid-function-argument"),
        "{}",
        run.stdout
    );
    assert_eq!(ftlkit(root, &["build"]).code, 0);
    let html = read(root.join("dist/fr/article.html")).replace(['\u{2068}', '\u{2069}'], "");
    assert!(html.contains("3 2 31 décembre 2011 ministres"), "formatted");
}
