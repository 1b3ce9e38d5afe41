//! Hostile and broken input: a clear error naming the file (and line and column
//! where there is one), or correct handling — never a panic, a hang or a
//! half-written output.

mod common;
use common::*;
use std::path::Path;

fn project(md: &[u8]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("content")).unwrap();
    std::fs::create_dir_all(dir.path().join("locales/ar")).unwrap();
    std::fs::write(dir.path().join("content/doc.md"), md).unwrap();
    dir
}

fn no_panic(run: &Run) {
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    assert!(
        run.code == 0 || run.code == 1 || run.code == 2,
        "exit {}: {}",
        run.code,
        run.stderr
    );
}

#[test]
fn invalid_utf8_is_an_error_with_its_position() {
    let tmp = project(b"# Title\n\nGood line\nbad \xff byte\n");
    let run = ftlkit(tmp.path(), &["extract"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("content/doc.md:4:5: the file is not valid UTF-8"),
        "{}",
        run.stderr
    );

    let tmp = project(b"# Title\n");
    assert_eq!(ftlkit(tmp.path(), &["extract"]).code, 0);
    std::fs::write(
        tmp.path().join("locales/ar/doc.ftl"),
        b"doc-title = \xd8\xb9\n\xc3\x28 = x\n",
    )
    .unwrap();
    let run = ftlkit(tmp.path(), &["check"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("locales/ar/doc.ftl:2:1: the file is not valid UTF-8"),
        "{}",
        run.stderr
    );
}

#[test]
fn byte_order_marks_and_every_line_ending() {
    let tmp =
        project(b"\xef\xbb\xbf# Title\r\n\r\nFirst line\r\nsecond line\r\n\r\nOld mac\rline\r\n");
    let run = ftlkit(tmp.path(), &["extract"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let en = read(tmp.path().join("locales/en-US/doc.ftl"));
    assert!(en.contains("doc-title = Title\n"), "{en}");
    assert!(en.contains("= First line second line\n"), "{en}");
    assert!(en.contains("= Old mac line\n"), "{en}");
    assert!(!en.contains('\r'));
    // A translation with a BOM and CRLF reads like any other.
    std::fs::write(
        tmp.path().join("locales/ar/doc.ftl"),
        "\u{feff}doc-title = عنوان\r\n",
    )
    .unwrap();
    let run = ftlkit(tmp.path(), &["check", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert!(!run.stdout.contains("syntax-error"));
    std::fs::write(tmp.path().join("ftlkit.toml"), "[build]\nthreshold = 0.0\n").unwrap();
    assert_eq!(ftlkit(tmp.path(), &["build"]).code, 0);
    assert!(read(tmp.path().join("dist/ar/doc.html")).contains("<h1 id=\"title\">عنوان</h1>"));
    // sync adds its templates and keeps the mark and the line endings.
    let run = ftlkit(tmp.path(), &["sync"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let ar = std::fs::read(tmp.path().join("locales/ar/doc.ftl")).unwrap();
    let ar = String::from_utf8(ar).unwrap();
    assert!(ar.starts_with("\u{feff}doc-title = عنوان\r\n"), "{ar:?}");
    assert!(ar.contains("# (untranslated) doc-"), "{ar:?}");
    assert_eq!(
        ar.matches('\n').count(),
        ar.matches("\r\n").count(),
        "{ar:?}"
    );
}

#[test]
fn ten_thousand_junk_lines_are_reported_capped() {
    let tmp = project(b"# Title\n");
    ftlkit(tmp.path(), &["extract"]);
    std::fs::write(
        tmp.path().join("locales/ar/doc.ftl"),
        "doc-title = عنوان\n".to_string() + &"this is junk\n".repeat(10_000),
    )
    .unwrap();
    let run = ftlkit(tmp.path(), &["check", "--format", "json"]);
    assert_eq!(run.code, 1);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let syntax = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "syntax-error")
        .count();
    assert!(syntax <= 101, "{syntax} findings");
    assert!(run
        .stdout
        .contains("more syntax errors in this file are not shown"));
    std::fs::write(tmp.path().join("ftlkit.toml"), "[build]\nthreshold = 0.0\n").unwrap();
    let run = ftlkit(tmp.path(), &["build"]);
    assert_eq!(run.code, 0);
    assert!(
        run.stderr.lines().count() < 20,
        "{} warning lines",
        run.stderr.lines().count()
    );
}

#[test]
fn cyclic_references_terminate() {
    let tmp = project(b"# Title\n\nBody.\n");
    ftlkit(tmp.path(), &["extract"]);
    std::fs::write(
        tmp.path().join("locales/ar/doc.ftl"),
        "doc-title = { doc-intro-body }\ndoc-intro-body = { -t }\n-t = { doc-title }\n",
    )
    .unwrap();
    std::fs::write(tmp.path().join("ftlkit.toml"), "[build]\nthreshold = 0.0\n").unwrap();
    let run = ftlkit(tmp.path(), &["build"]);
    no_panic(&run);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("error:") && run.stderr.contains("refers back to itself"),
        "the cycle is reported as check reports it: {}",
        run.stderr
    );
    no_panic(&ftlkit(tmp.path(), &["check"]));
}

#[test]
fn raw_html_and_script_in_the_markdown_never_reach_the_page() {
    let tmp = project(b"# Title\n\n<script>alert(1)</script>\n\nText <b onclick=\"x()\">bold</b> <img src=x onerror=alert(2)>\n");
    assert_eq!(ftlkit(tmp.path(), &["extract"]).code, 0);
    assert_eq!(ftlkit(tmp.path(), &["build"]).code, 0);
    let html = read(tmp.path().join("dist/en-US/doc.html"));
    let page = scraper::Html::parse_document(&html);
    for element in page.select(&scraper::Selector::parse("*").unwrap()) {
        assert_ne!(element.value().name(), "script", "{html}");
        for (name, _) in element.value().attrs() {
            assert!(!name.starts_with("on"), "{name} in {html}");
        }
    }
}

#[test]
fn empty_content_empty_locales_and_a_missing_source() {
    let dir = tempfile::tempdir().unwrap();
    // A folder that is no project (no ftlkit.toml, content/ or locales/).
    let run = ftlkit(dir.path(), &["extract"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("no ftlkit project here"),
        "{}",
        run.stderr
    );
    // An empty content folder: nothing to do.
    std::fs::create_dir_all(dir.path().join("content")).unwrap();
    let run = ftlkit(dir.path(), &["extract"]);
    assert_eq!(run.code, 0);
    assert!(run.stdout.contains("no documents"), "{}", run.stdout);
    let run = ftlkit(dir.path(), &["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    std::fs::create_dir_all(dir.path().join("locales/ar")).unwrap();
    let run = ftlkit(dir.path(), &["status"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("run `ftlkit extract` first"),
        "{}",
        run.stderr
    );
    // A document without its source messages.
    let tmp = project(b"# Title\n");
    let run = ftlkit(tmp.path(), &["build"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("locales/en-US/doc.ftl: missing: run `ftlkit extract`"),
        "{}",
        run.stderr
    );
}

#[test]
fn broken_configuration_names_the_file_and_the_key() {
    let tmp = project(b"# Title\n");
    let cases: [(&str, &str); 4] = [
        ("sorce-locale = \"en-US\"\n", "unknown field `sorce-locale`"),
        ("[build]\nthreshold = \"high\"\n", "ftlkit.toml:2:13"),
        (
            "[build]\nthreshold = 7.0\n",
            "build.threshold must be between 0.0 and 1.0",
        ),
        (
            "locales = [\"ar\"]\n[locale.de]\nthreshold = 0.1\n",
            "[locale.de] configures a locale that is not in `locales`",
        ),
    ];
    for (config, expected) in cases {
        std::fs::write(tmp.path().join("ftlkit.toml"), config).unwrap();
        let run = ftlkit(tmp.path(), &["build"]);
        assert_eq!(run.code, 2, "{config}");
        assert!(
            run.stderr.contains("ftlkit.toml") && run.stderr.contains(expected),
            "{config}: {}",
            run.stderr
        );
    }
    let run = ftlkit(tmp.path(), &["status", "--config", "nope/l10n.toml"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("nope/l10n.toml"), "{}", run.stderr);
}

#[test]
fn an_output_folder_that_cannot_be_written_is_an_error() {
    let tmp = project(b"# Title\n");
    ftlkit(tmp.path(), &["extract"]);
    // A file where the output folder should be.
    std::fs::write(tmp.path().join("dist"), "not a folder").unwrap();
    let run = ftlkit(tmp.path(), &["build"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("dist"), "{}", run.stderr);
    assert_eq!(read(tmp.path().join("dist")), "not a folder");
}

#[test]
fn two_builds_at_once_leave_whole_files() {
    let tmp = shipped_copy();
    let root = tmp.path().to_path_buf();
    let runs: Vec<_> = (0..2)
        .map(|_| {
            let root = root.clone();
            std::thread::spawn(move || ftlkit(&root, &["build"]))
        })
        .collect();
    for r in runs {
        assert_eq!(r.join().unwrap().code, 0);
    }
    let again = ftlkit(&root, &["build"]);
    assert!(
        again.stdout.contains("0 files written"),
        "every file is whole: {}",
        again.stdout
    );
    assert!(!leftover_temp_files(&root.join("dist")));
}

fn leftover_temp_files(dir: &Path) -> bool {
    std::fs::read_dir(dir).unwrap().any(|e| {
        let p = e.unwrap().path();
        p.file_name()
            .unwrap()
            .to_string_lossy()
            .starts_with(".ftlkit-")
            || (p.is_dir() && leftover_temp_files(&p))
    })
}

#[test]
fn a_symlinked_locale_folder_is_never_written_through() {
    let tmp = shipped_copy();
    let outside = tempfile::tempdir().unwrap();
    let ckb = tmp.path().join("locales/ckb");
    copy_dir(&ckb, outside.path());
    std::fs::remove_dir_all(&ckb).unwrap();
    std::os::unix::fs::symlink(outside.path(), &ckb).unwrap();
    let before = read(outside.path().join("article.ftl"));
    // It leads out of the project: neither read (issue 17) nor written.
    let run = ftlkit(tmp.path(), &["status"]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(run.stderr.contains("outside the project"), "{}", run.stderr);
    let run = ftlkit(tmp.path(), &["sync", "ckb"]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(
        run.stderr.contains("locales/ckb") && run.stderr.contains("symbolic link"),
        "{}",
        run.stderr
    );
    assert_eq!(read(outside.path().join("article.ftl")), before);
    assert_eq!(
        std::fs::read_dir(outside.path()).unwrap().count(),
        2,
        "nothing added outside"
    );
}

/// How many page strings `extract` wrote for a project that had none.
fn page_strings(root: &Path) -> usize {
    messages(&read(root.join("locales/en-US/page.ftl"))).len()
}

#[test]
fn a_fifty_megabyte_file_is_checked_without_trouble() {
    let tmp = project(b"# Title\n");
    ftlkit(tmp.path(), &["extract"]);
    let line = "doc-big-message-number-{n} = ترجمة طويلة بعض الشيء مع { $var } ومتغيّر\n";
    let mut text = String::with_capacity(51 << 20);
    let mut n = 0;
    while text.len() < 50 << 20 {
        text.push_str(&line.replace("{n}", &n.to_string()));
        n += 1;
    }
    std::fs::write(tmp.path().join("locales/ar/doc.ftl"), &text).unwrap();
    let run = ftlkit(tmp.path(), &["status", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(json["locales"][0]["obsolete"], n);
    // The title, and the page strings extract wrote for the new project.
    assert_eq!(json["locales"][0]["missing"], 1 + page_strings(tmp.path()));
}

#[test]
fn two_extracts_at_once_leave_whole_files() {
    let tmp = shipped_copy();
    let md = tmp.path().join("content/article.md");
    std::fs::write(
        &md,
        read(&md).replace("Iyad Allawi took over", "Iyad Allawi came to power"),
    )
    .unwrap();
    let runs: Vec<_> = (0..3)
        .map(|_| {
            let root = tmp.path().to_path_buf();
            std::thread::spawn(move || ftlkit(&root, &["extract"]))
        })
        .collect();
    for r in runs {
        assert_eq!(r.join().unwrap().code, 0);
    }
    let en = read(tmp.path().join("locales/en-US/article.ftl"));
    assert!(en.contains("Iyad Allawi came to power"));
    assert_eq!(messages(&en).len(), 40);
    assert!(ftlkit(tmp.path(), &["extract"])
        .stdout
        .contains("unchanged"));
}

/// A site big enough that the build is still running when it is killed:
/// 150 documents, English and French.
fn big_site() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    std::fs::create_dir_all(root.join("content")).unwrap();
    for d in 0..150 {
        let body: String = (0..12)
            .map(|p| {
                format!("Paragraph {p} of document {d} says something long enough to render.\n\n")
            })
            .collect();
        std::fs::write(
            root.join(format!("content/doc{d}.md")),
            format!("# Document {d}\n\n{body}"),
        )
        .unwrap();
    }
    assert_eq!(ftlkit(root, &["extract"]).code, 0);
    std::fs::create_dir_all(root.join("locales/fr")).unwrap();
    std::fs::write(
        root.join("ftlkit.toml"),
        "locales = [\"fr\"]\n[build]\nthreshold = 0.0\n",
    )
    .unwrap();
    tmp
}

#[test]
fn killing_a_build_leaves_every_output_whole() {
    let tmp = big_site();
    let root = tmp.path();
    let started = std::time::Instant::now();
    assert_eq!(ftlkit(root, &["build"]).code, 0);
    // Killed a while into the build: at first a third of a whole build's time
    // (a debug build takes a second, an optimized one a tenth of it); a build
    // that ended first is tried again, with new titles, killed sooner.
    let mut delay = started.elapsed() / 3;
    let mut attempt = 0;
    let before = loop {
        let before: std::collections::BTreeMap<_, _> = walk(&root.join("dist"))
            .into_iter()
            .map(|p| (p.clone(), std::fs::read(&p).unwrap()))
            .collect();
        // Change every title, then kill the build that writes the new pages.
        for d in 0..150 {
            std::fs::write(
                root.join(format!("locales/fr/doc{d}.ftl")),
                format!("doc{d}-title = Document numéro {d} ({attempt})\n"),
            )
            .unwrap();
        }
        let mut child = spawn_build(root);
        std::thread::sleep(delay);
        if child.try_wait().unwrap().is_none() {
            child.kill().unwrap();
            child.wait().unwrap();
            break before;
        }
        attempt += 1;
        assert!(
            attempt < 8,
            "the build always ended before it could be killed"
        );
        delay /= 2;
    };
    // Every page is either the old one or a whole new one.
    let mut changed = 0;
    for (path, old) in &before {
        let now = std::fs::read(path).unwrap();
        if &now != old {
            changed += 1;
            let text = String::from_utf8(now).unwrap();
            if path.extension().is_some_and(|e| e == "html") {
                assert!(
                    text.trim_end().ends_with("</html>"),
                    "{} is cut short",
                    path.display()
                );
            }
        }
    }
    // The temporary files the kill left behind (if it left any) are cleaned up by
    // the next build once they are old enough not to be another build's work.
    let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    let stale = root.join("dist/fr/.ftlkit-KILLED.tmp");
    std::fs::write(&stale, "<html><body>half a pa").unwrap();
    let fresh = root.join("dist/fr/.ftlkit-RUNNING.tmp");
    std::fs::write(&fresh, "another build's page").unwrap();
    let mut leftovers = 0;
    for dir in [
        root.join("dist"),
        root.join("dist/fr"),
        root.join("dist/en-US"),
    ] {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if name.starts_with(".ftlkit-") && path != fresh {
                leftovers += 1;
                let file = std::fs::File::options().append(true).open(&path).unwrap();
                file.set_modified(hour_ago).unwrap();
            }
        }
    }
    // A new build finishes the job.
    assert_eq!(ftlkit(root, &["build"]).code, 0);
    assert!(changed < before.len(), "the kill came before the end");
    assert!(leftovers >= 1);
    assert!(!stale.exists());
    assert!(
        fresh.exists(),
        "a recent temporary file may be another build's"
    );
    std::fs::remove_file(&fresh).unwrap();
    assert!(!leftover_temp_files(&root.join("dist")));
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else if !p
            .file_name()
            .unwrap()
            .to_string_lossy()
            .starts_with(".ftlkit-")
        {
            out.push(p);
        }
    }
    out
}

#[test]
fn deeply_nested_markdown_is_extracted_and_built() {
    let mut md = String::from("# Deep\n\n");
    md.push_str(&"> ".repeat(10_000));
    md.push_str("a deep quote\n\n");
    for i in 0..2_000 {
        md.push_str(&"  ".repeat(i));
        md.push_str("- item\n");
    }
    let tmp = project(md.as_bytes());
    let run = ftlkit(tmp.path(), &["extract"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    std::fs::write(tmp.path().join("ftlkit.toml"), "[build]\nthreshold = 0.0\n").unwrap();
    let run = ftlkit(tmp.path(), &["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(read(tmp.path().join("dist/ar/doc.html")).contains("a deep quote"));
}

#[test]
fn an_empty_locale_folder_is_all_missing() {
    let tmp = project(b"# Title\n\nBody.\n");
    ftlkit(tmp.path(), &["extract"]);
    let run = ftlkit(tmp.path(), &["status", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(json["locales"][0]["locale"], "ar");
    assert_eq!(json["locales"][0]["missing"], 2 + page_strings(tmp.path()));
    assert_eq!(ftlkit(tmp.path(), &["check"]).code, 0);
}

#[test]
fn document_names_that_cannot_be_ids_or_paths_are_refused() {
    let tmp = project(b"# Title\n");
    std::fs::write(tmp.path().join("content/my doc.md"), "# Other\n").unwrap();
    let run = ftlkit(tmp.path(), &["extract"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("content/my doc.md") && run.stderr.contains("rename the file"),
        "{}",
        run.stderr
    );
    assert!(
        !tmp.path().join("locales/en-US").exists(),
        "nothing written"
    );
}

fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o7777
}

#[test]
fn a_read_only_output_folder_is_an_error_and_keeps_its_pages() {
    let outer = tempfile::tempdir().unwrap();
    chmod(outer.path(), 0o755);
    let root = outer.path().join("project");
    copy_dir(&repo().join("content"), &root.join("content"));
    copy_dir(&repo().join("locales"), &root.join("locales"));
    std::fs::copy(repo().join("ftlkit.toml"), root.join("ftlkit.toml")).unwrap();
    assert_eq!(ftlkit(&root, &["build"]).code, 0);
    // Everything is the unprivileged user's to write but the Arabic pages.
    let status = std::process::Command::new("chmod")
        .args(["-R", "a+rwX"])
        .arg(&root)
        .status()
        .unwrap();
    assert!(status.success());
    let ar = root.join("dist/ar");
    chmod(&ar, 0o555);
    let before: Vec<_> = walk(&ar)
        .into_iter()
        .map(|p| std::fs::read(p).unwrap())
        .collect();

    // Nothing to write: a read-only folder that is up to date is no error.
    let run = ftlkit_unprivileged(&root, &["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("0 files written"), "{}", run.stdout);

    // New English: the Arabic pages fall back for it, and cannot be written.
    let md = root.join("content/article.md");
    let text = read(&md) + "\nA closing line added by the editor.\n";
    std::fs::write(&md, text).unwrap();
    let run = ftlkit_unprivileged(&root, &["extract"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = ftlkit_unprivileged(&root, &["build"]);
    no_panic(&run);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("dist/ar"), "{}", run.stderr);
    assert!(run.stderr.contains("check that you may"), "{}", run.stderr);
    assert!(
        !run.stderr.contains(".ftlkit-"),
        "no temporary names: {}",
        run.stderr
    );
    let after: Vec<_> = walk(&ar)
        .into_iter()
        .map(|p| std::fs::read(p).unwrap())
        .collect();
    assert_eq!(before, after, "the Arabic pages are untouched");
    assert!(!leftover_temp_files(&root.join("dist")));
    // Once writable again, the build completes.
    chmod(&ar, 0o777);
    let run = ftlkit_unprivileged(&root, &["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(read(ar.join("article.html")).contains("A closing line added by the editor."));
}

#[test]
fn written_files_get_the_usual_permissions_and_keep_a_translators() {
    let tmp = shipped_copy();
    let root = tmp.path();
    // What a plain write gives under this process's umask.
    std::fs::write(root.join("probe"), "x").unwrap();
    let usual = mode(&root.join("probe"));
    assert_eq!(ftlkit(root, &["build"]).code, 0);
    for page in [
        "dist/index.html",
        "dist/ar/article.html",
        "dist/fr/article.txt",
    ] {
        assert_eq!(mode(&root.join(page)), usual, "{page}");
    }
    // A translator's file that sync rewrites keeps its own mode.
    let fr = root.join("locales/fr/article.ftl");
    chmod(&fr, 0o640);
    let md = root.join("content/article.md");
    std::fs::write(&md, read(&md) + "\nOne more paragraph.\n").unwrap();
    assert_eq!(ftlkit(root, &["extract"]).code, 0);
    let run = ftlkit(root, &["sync", "fr"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(read(&fr).contains("One more paragraph."));
    assert_eq!(mode(&fr), 0o640);
}

#[test]
fn an_output_folder_that_vanishes_during_the_build_is_made_again() {
    let tmp = shipped_copy();
    let root = tmp.path();
    let project = ftlkit::project::Project::load(root).unwrap();
    ftlkit::build::build(&project).unwrap();
    let clean: Vec<_> = walk(&root.join("dist"))
        .into_iter()
        .map(|p| (p.clone(), std::fs::read(&p).unwrap()))
        .collect();
    // Someone cleans the output while the pages are being written (each is
    // staged beside its place as it is rendered): the build stops with an
    // error that names a page and says to build again, leaves nothing
    // half-written, and the next build restores everything.
    let dist = project.output_dir.clone();
    let removed = std::sync::atomic::AtomicBool::new(false);
    let progress = |done: usize, _: usize| {
        if done == 3 && !removed.swap(true, std::sync::atomic::Ordering::SeqCst) {
            // Pages land (and temporary files go) while it deletes: go on
            // until it is gone.
            while dist.exists() {
                if let Err(e) = std::fs::remove_dir_all(&dist) {
                    use std::io::ErrorKind::{DirectoryNotEmpty, NotFound};
                    assert!(matches!(e.kind(), DirectoryNotEmpty | NotFound), "{e}");
                }
            }
        }
    };
    let options = ftlkit::build::BuildOptions {
        progress: Some(&progress),
        ..Default::default()
    };
    // Unchanged pages are not written: change them all.
    for locale in ["ar", "ckb", "fr"] {
        let ftl = root.join(format!("locales/{locale}/article.ftl"));
        std::fs::write(&ftl, read(&ftl).replacen(" = ", " = ¶ ", 1)).unwrap();
    }
    // Pages staged before the folder went cannot be put in place.
    let err = ftlkit::build::build_with(&project, &options)
        .err()
        .map(|e| e.to_string())
        .expect("the build says its pages were removed");
    assert!(removed.load(std::sync::atomic::Ordering::SeqCst));
    assert!(err.contains("run the build again"), "{err}");
    assert!(err.contains("dist/"), "{err}");
    assert!(!leftover_temp_files(&root.join("dist")));
    ftlkit::build::build(&project).unwrap();
    assert!(root.join("dist/index.html").is_file());
    for locale in ["ar", "ckb", "fr"] {
        let ftl = root.join(format!("locales/{locale}/article.ftl"));
        std::fs::write(&ftl, read(&ftl).replacen(" = ¶ ", " = ", 1)).unwrap();
    }
    ftlkit::build::build(&project).unwrap();
    for (path, bytes) in &clean {
        assert_eq!(&std::fs::read(path).unwrap(), bytes, "{}", path.display());
    }
}

#[test]
fn outputs_no_longer_built_are_removed_and_nothing_else() {
    let tmp = shipped_copy();
    let root = tmp.path();
    assert_eq!(ftlkit(root, &["build"]).code, 0);
    let fr = root.join("locales/fr/article.ftl");
    let translation = read(&fr);
    // French falls below its requirements: its old pages must not stay online.
    std::fs::write(
        &fr,
        translation.replacen("article-title = ", "article-title ", 1),
    )
    .unwrap();
    // Files of someone else's in the output folder stay.
    std::fs::write(root.join("dist/fr/notes.html"), "mine").unwrap();
    let run = ftlkit(root, &["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("fr       article      skipped"),
        "{}",
        run.stdout
    );
    for ext in ["html", "md", "txt"] {
        assert!(
            !root.join(format!("dist/fr/article.{ext}")).exists(),
            "{ext}"
        );
        assert!(
            run.stdout
                .contains(&format!("removed dist/fr/article.{ext} (no longer built)")),
            "{}",
            run.stdout
        );
    }
    assert_eq!(read(root.join("dist/fr/notes.html")), "mine");
    assert!(!read(root.join("dist/index.html")).contains("fr/article.html"));
    // Back above them: the pages come back.
    std::fs::write(&fr, &translation).unwrap();
    assert_eq!(ftlkit(root, &["build"]).code, 0);
    assert!(root.join("dist/fr/article.html").is_file());
}

#[test]
fn a_tampered_output_list_removes_nothing_outside_the_outputs() {
    let tmp = shipped_copy();
    let root = tmp.path();
    assert_eq!(ftlkit(root, &["build"]).code, 0);
    let outside = tempfile::tempdir().unwrap();
    let victim = outside.path().join("article.html");
    std::fs::write(&victim, "not ftlkit's").unwrap();
    std::fs::write(root.join("precious.html"), "not ftlkit's").unwrap();
    std::os::unix::fs::symlink(outside.path(), root.join("dist/xx")).unwrap();
    let manifest = root.join("dist/.ftlkit.outputs");
    let listed = read(&manifest);
    let outside_rel = format!("..{}", outside.path().display());
    std::fs::write(
        &manifest,
        format!(
            "{listed}../precious.html\nar/../../precious.html\nxx/article.html\n{outside_rel}/article.html\n/etc/hostname\nlocales/fr/article.ftl\n"
        ),
    )
    .unwrap();
    let run = ftlkit(root, &["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stdout.contains("removed"), "{}", run.stdout);
    assert_eq!(read(&victim), "not ftlkit's");
    assert_eq!(read(root.join("precious.html")), "not ftlkit's");
    assert!(root.join("locales/fr/article.ftl").is_file());
    assert_eq!(
        read(&manifest),
        listed,
        "the list is rewritten from this build"
    );
}

/// The element tree of an HTML fragment as a list of lines: each element
/// with its sorted attributes, each text, each end (what two serializations
/// of the same HTML share).
fn tree(fragment: &str) -> Vec<String> {
    fn walk(el: scraper::ElementRef, lines: &mut Vec<String>) {
        let mut attrs: Vec<String> = el
            .value()
            .attrs()
            .map(|(k, v)| format!("{k}={v:?}"))
            .collect();
        attrs.sort();
        lines.push(format!("<{} {}>", el.value().name(), attrs.join(" ")));
        for child in el.children() {
            if let Some(child) = scraper::ElementRef::wrap(child) {
                walk(child, lines);
            } else if let scraper::Node::Text(text) = child.value() {
                lines.push(format!("{:?}", text.to_string()));
            }
        }
        lines.push(format!("</{}>", el.value().name()));
    }
    let mut lines = Vec::new();
    walk(
        scraper::Html::parse_fragment(fragment).root_element(),
        &mut lines,
    );
    lines
}

/// Every page body the build writes is what the sanitizer leaves of it:
/// sanitizing it again changes no element, attribute or text. Bodies
/// without raw HTML or unsafe URLs skip the sanitizer (pulldown-cmark
/// escapes everything else), so this holds the two paths to one result:
/// every construct Markdown has, in English and Arabic, beside a page
/// whose raw HTML, heading attributes and `javascript:` links must go.
#[test]
fn every_page_body_is_what_the_sanitizer_leaves_of_it() {
    let every_construct = "# A guide {#top .lead}\n\nText with *emphasis*, **strong**, ~~gone~~, `code`, \
        a [link](other.md#part \"a title\"), a [mail](mailto:a@example.org), <https://example.org/a?b=1&c=2>, \
        <someone@example.org>, an ![image](img/x.png \"t\") and \"quotes\" & \\<angles> 1 < 2.\n\n\
        ## Part two\n\n| left | centre | right |\n|:-----|:------:|------:|\n| 1 | 2 | 3 |\n\n\
        - [x] done\n- [ ] open\n  1. nested\n\n> [!NOTE]\n> An alert[^1].\n\n[^1]: A footnote.\n\n\
        Term\n: Definition\n\n```rust\nfn main() { println!(\"<&>\"); }\n```\n\n---\n\nLast.\n";
    // Each way to the sanitizer on its own page.
    let hostile = [
        ("attrs", "# Attributes {onclick=alert(1) data-x=y}\n\nText.\n"),
        (
            "schemes",
            "# Schemes\n\n[click](javascript:alert(1)) and [upper](JavaScript:alert(2)) and [entity](&#106;avascript:alert(5)) \
             and ![i](data:image/png;base64,AAAA)\n",
        ),
        (
            "raw",
            "# Raw\n\n<div onclick=\"x()\"><script>alert(3)</script>raw</div>\n\n<img src=x onerror=alert(4)>\n",
        ),
    ];
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    std::fs::create_dir_all(root.join("content")).unwrap();
    std::fs::write(root.join("content/guide.md"), every_construct).unwrap();
    for (doc, text) in hostile {
        std::fs::write(root.join(format!("content/{doc}.md")), text).unwrap();
    }
    std::fs::write(
        root.join("content/other.md"),
        "# Other\n\n## Part\n\nText.\n",
    )
    .unwrap();
    assert_eq!(ftlkit(root, &["extract"]).code, 0);
    assert_eq!(ftlkit(root, &["init", "ar"]).code, 0);
    // Arabic for every message, its markup kept.
    let docs = ["guide", "other", "attrs", "schemes", "raw"];
    for doc in docs {
        let en = read(root.join(format!("locales/en-US/{doc}.ftl")));
        let ar: String = en
            .lines()
            .map(|l| match l.split_once(" = ") {
                Some((id, value)) if !id.starts_with('#') => format!("{id} = نص {value}\n"),
                _ => format!("{l}\n"),
            })
            .collect();
        std::fs::write(root.join(format!("locales/ar/{doc}.ftl")), ar).unwrap();
    }
    let run = ftlkit(root, &["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let article = scraper::Selector::parse("article").unwrap();
    let mut bodies = 0;
    for locale in ["en-US", "ar"] {
        for doc in docs {
            let page = read(root.join(format!("dist/{locale}/{doc}.html")));
            let page = scraper::Html::parse_document(&page);
            let body = page.select(&article).next().unwrap().inner_html();
            assert_eq!(
                tree(&body),
                tree(&ftlkit::render::sanitize(&body)),
                "{locale}/{doc}"
            );
            bodies += 1;
        }
    }
    assert_eq!(bodies, 10);
    let ar = read(root.join("dist/ar/guide.html"));
    assert!(ar.contains("نص"), "{ar}");
    assert!(ar.contains("rel=\"noopener noreferrer\""), "{ar}");
    for doc in ["attrs", "schemes", "raw"] {
        let page = read(root.join(format!("dist/ar/{doc}.html")));
        for gone in [
            "onclick",
            "<script",
            "href=\"javascript",
            "href=\"JavaScript",
            "onerror",
            "src=\"data:",
            "data-x",
        ] {
            assert!(!page.contains(gone), "{gone}: {page}");
        }
    }
}

/// A code block's `{{#include}}` shows a file of the content tree on the
/// site's page; a link there to a file outside the project is never read
/// (it would publish the file).
#[cfg(unix)]
#[test]
fn an_included_file_that_links_outside_the_project_is_not_published() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.txt"), "TOPSECRET\n").unwrap();
    let tmp = project(b"# Doc\n\nText.\n\n```text\n{{#include secret.txt}}\n```\n\n```text\n{{#include listing.txt}}\n```\n");
    let root = tmp.path();
    std::os::unix::fs::symlink(
        outside.path().join("secret.txt"),
        root.join("content/secret.txt"),
    )
    .unwrap();
    std::fs::write(root.join("content/listing.txt"), "LISTED LINE\n").unwrap();
    // An mdBook: its directives are read (see tests/trees.rs).
    std::fs::write(
        root.join("content/SUMMARY.md"),
        "# Summary\n\n- [Doc](doc.md)\n",
    )
    .unwrap();
    assert_eq!(ftlkit(root, &["extract"]).code, 0);
    let run = ftlkit(root, &["build"]);
    no_panic(&run);
    // The build names the link and writes nothing.
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("content/secret.txt: leads through a symbolic link"),
        "{}",
        run.stderr
    );
    assert!(!root.join("dist/en-US/doc.html").exists());
    // Without the link, the listing is on the page.
    std::fs::remove_file(root.join("content/secret.txt")).unwrap();
    std::fs::write(
        root.join("content/doc.md"),
        "# Doc\n\nText.\n\n```text\n{{#include listing.txt}}\n```\n",
    )
    .unwrap();
    let run = ftlkit(root, &["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = read(root.join("dist/en-US/doc.html"));
    assert!(page.contains("LISTED LINE"), "{page}");
}

/// A folder the build makes (here a locale's whole folder) is staged under
/// a temporary name and renamed into place at the end: a build refused
/// for another file leaves neither it nor its temporary folder; an allowed
/// one puts it in place with the usual permissions.
#[test]
fn a_new_folder_appears_whole_and_a_refused_build_leaves_none() {
    let tmp = shipped_copy();
    let root = tmp.path();
    assert_eq!(ftlkit(root, &["build"]).code, 0);
    let fr = root.join("dist/fr");
    std::fs::remove_dir_all(&fr).unwrap();
    let page = root.join("dist/ar/article.html");
    let ours = read(&page);
    std::fs::write(&page, "someone's edit").unwrap();
    let run = ftlkit(root, &["build"]);
    no_panic(&run);
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(
        run.stderr.contains("dist/ar/article.html") && run.stderr.contains("wrote nothing"),
        "{}",
        run.stderr
    );
    assert!(!fr.exists(), "the new folder is not put in place");
    assert!(!leftover_temp_files(&root.join("dist")));
    assert_eq!(read(&page), "someone's edit");
    // Allowed: the folder lands whole, as a plain mkdir would make it.
    std::fs::write(&page, ours).unwrap();
    std::fs::create_dir(root.join("probe")).unwrap();
    let usual = mode(&root.join("probe"));
    let run = ftlkit(root, &["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(read(fr.join("article.html")).contains("</html>"));
    assert_eq!(mode(&fr), usual);
    assert!(!leftover_temp_files(&root.join("dist")));
    let again = ftlkit(root, &["build"]);
    assert!(again.stdout.contains("0 files written"), "{}", again.stdout);
}

/// A staged folder a killed build left (`.ftlkit-*.tmp`, with the pages it
/// had written) goes with the next build once nothing in it changed for a
/// while; a recent one may be another build's at work and stays.
#[test]
fn a_stale_staged_folder_is_removed_and_a_recent_one_kept() {
    let tmp = shipped_copy();
    let root = tmp.path();
    assert_eq!(ftlkit(root, &["build"]).code, 0);
    let stale = root.join("dist/.ftlkit-KILLED.tmp");
    std::fs::create_dir_all(stale.join("guide")).unwrap();
    std::fs::write(stale.join("guide/page.html"), "<html><body>half").unwrap();
    let recent = root.join("dist/fr/.ftlkit-RUNNING.tmp");
    std::fs::create_dir_all(&recent).unwrap();
    std::fs::write(recent.join("page.html"), "another build's page").unwrap();
    let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    for path in [
        stale.join("guide/page.html"),
        stale.join("guide"),
        stale.clone(),
    ] {
        let file = std::fs::File::open(&path).unwrap();
        file.set_modified(hour_ago).unwrap();
    }
    // A recent file deep inside makes a staged folder recent.
    let busy = root.join("dist/.ftlkit-BUSY.tmp");
    std::fs::create_dir_all(busy.join("guide")).unwrap();
    std::fs::write(busy.join("guide/page.html"), "being written").unwrap();
    std::fs::File::open(&busy)
        .unwrap()
        .set_modified(hour_ago)
        .unwrap();
    assert_eq!(ftlkit(root, &["build"]).code, 0);
    assert!(!stale.exists());
    assert!(recent.join("page.html").exists());
    assert!(busy.join("guide/page.html").exists());
}

/// A staged folder whose place was taken meanwhile (another build, someone)
/// is not renamed over it: its files are moved in where nothing is or the
/// same bytes are; another file there is an error naming it, and stays.
#[test]
fn a_staged_folder_never_replaces_one_that_appeared_meanwhile() {
    use ftlkit::fsutil::{stage_dir, write_staged};
    let tmp = tempfile::tempdir().unwrap();
    let dist = tmp.path().join("dist");
    std::fs::create_dir(&dist).unwrap();
    let staged = |name: &str| {
        let dir = stage_dir(&dist.join(name)).unwrap();
        write_staged(&dir.temp_path().join("a.html"), b"ours A").unwrap();
        std::fs::create_dir(dir.temp_path().join("sub")).unwrap();
        write_staged(&dir.temp_path().join("sub/b.html"), b"ours B").unwrap();
        dir
    };
    // Nothing there: renamed.
    staged("fr").persist().unwrap();
    assert_eq!(read(dist.join("fr/sub/b.html")), "ours B");
    // The same file there already: the others join it.
    let de = staged("de");
    std::fs::create_dir(dist.join("de")).unwrap();
    std::fs::write(dist.join("de/a.html"), "ours A").unwrap();
    de.persist().unwrap();
    assert_eq!(read(dist.join("de/sub/b.html")), "ours B");
    // Another file there: an error naming it, and it is kept.
    let es = staged("es");
    std::fs::create_dir_all(dist.join("es/sub")).unwrap();
    std::fs::write(dist.join("es/sub/b.html"), "theirs").unwrap();
    let err = es.persist().unwrap_err().to_string();
    assert!(
        err.contains("es/sub/b.html") && err.contains("run the build again"),
        "{err}"
    );
    assert_eq!(read(dist.join("es/sub/b.html")), "theirs");
    // A file where the folder goes: an error naming it, and it is kept.
    let it = staged("it");
    std::fs::write(dist.join("it"), "a file").unwrap();
    let err = it.persist().unwrap_err().to_string();
    assert!(err.contains("dist/it"), "{err}");
    assert_eq!(read(dist.join("it")), "a file");
    assert!(!leftover_temp_files(&dist));
}

/// A first build killed half-way: its locale folders are staged whole
/// (`.ftlkit-*.tmp`), so the output folder shows a locale's pages all or
/// none, every file in it whole; the next build, once the leftovers are old,
/// removes them and completes.
#[test]
fn killing_a_first_build_leaves_no_locale_folder_half_made() {
    let tmp = big_site();
    let root = tmp.path();
    let dist = root.join("dist");
    let started = std::time::Instant::now();
    assert_eq!(ftlkit(root, &["build"]).code, 0);
    let whole = walk(&dist).len();
    let mut delay = started.elapsed() / 2;
    let mut attempt = 0;
    loop {
        std::fs::remove_dir_all(&dist).unwrap();
        let mut child = spawn_build(root);
        std::thread::sleep(delay);
        if child.try_wait().unwrap().is_none() {
            child.kill().unwrap();
            child.wait().unwrap();
            break;
        }
        attempt += 1;
        assert!(
            attempt < 8,
            "the build always ended before it could be killed"
        );
        delay /= 2;
    }
    for locale in ["en-US", "fr"] {
        let folder = dist.join(locale);
        if folder.exists() {
            let pages = walk(&folder);
            assert_eq!(pages.len(), 150 * 3, "{locale} is whole or absent");
            for page in pages
                .iter()
                .filter(|p| p.extension().is_some_and(|e| e == "html"))
            {
                assert!(
                    read(page).trim_end().ends_with("</html>"),
                    "{}",
                    page.display()
                );
            }
        }
    }
    // What the kill left goes once it is old enough not to be another build's.
    let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    fn age(path: &Path, when: std::time::SystemTime) {
        if path.is_dir() {
            for entry in std::fs::read_dir(path).unwrap() {
                age(&entry.unwrap().path(), when);
            }
        }
        std::fs::File::open(path)
            .unwrap()
            .set_modified(when)
            .unwrap();
    }
    if dist.exists() {
        for entry in std::fs::read_dir(&dist).unwrap() {
            let path = entry.unwrap().path();
            if path
                .file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with(".ftlkit-")
            {
                age(&path, hour_ago);
            }
        }
    }
    assert_eq!(ftlkit(root, &["build"]).code, 0);
    assert!(!leftover_temp_files(&dist));
    assert_eq!(walk(&dist).len(), whole);
}

/// `ftlkit build` of `root` started, not waited for (a test kills it part-way).
fn spawn_build(root: &Path) -> std::process::Child {
    std::process::Command::new(env!("CARGO_BIN_EXE_ftlkit"))
        .arg("-C")
        .arg(root)
        .arg("build")
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap()
}
