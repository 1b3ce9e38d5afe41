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
    assert!(read(tmp.path().join("dist/ar/doc.html")).contains("<h1>عنوان</h1>"));
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
        run.stderr.contains("warning:"),
        "the cycle is reported: {}",
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
    // Reading through it is fine; writing is refused.
    assert_eq!(ftlkit(tmp.path(), &["status"]).code, 0);
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
