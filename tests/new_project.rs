//! A new project, as a new user starts one: just `content/hello.md`, then
//! `extract`, `init ar`, `build`. It gets page strings (never a blank label,
//! byline or raw locale code), and a minimal `ftlkit.toml` that editors find.

mod common;
use common::*;
use std::path::Path;

const HELLO: &str = "+++\nauthor = \"Ann Writer\"\n+++\n\n# Hello\n\nA first page about rivers.\n";

fn new_project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("content")).unwrap();
    std::fs::write(dir.path().join("content/hello.md"), HELLO).unwrap();
    dir
}

/// Every template of the Arabic file translated.
fn translate_arabic(root: &Path) {
    let path = root.join("locales/ar/hello.ftl");
    let text = read(&path)
        .replace(
            "# (untranslated) hello-title = Hello",
            "hello-title = مرحبا",
        )
        .replace(
            "# (untranslated) hello-author = Ann Writer",
            "hello-author = آن رايتر",
        )
        .replace(
            "# (untranslated) hello-intro-first-page-about = A first page about rivers.",
            "hello-intro-first-page-about = صفحة أولى عن الأنهار.",
        );
    assert!(!text.contains("(untranslated) hello"), "{text}");
    std::fs::write(path, text).unwrap();
}

#[test]
fn a_one_file_project_gets_page_strings_a_config_and_named_languages() {
    let dir = new_project();
    let root = dir.path();
    let run = ftlkit(root, &["extract"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("page: no page strings yet: wrote locales/en-US/page.ftl"),
        "{}",
        run.stdout
    );
    let page = read(root.join("locales/en-US/page.ftl"));
    assert!(page.contains("page-language-name = English\n"), "{page}");
    assert!(
        page.contains("page-written-by = Written by { $author }\n"),
        "{page}"
    );
    assert!(!root.join("ftlkit.toml").exists());
    // The next extract leaves the file to its owner.
    std::fs::write(
        root.join("locales/en-US/page.ftl"),
        page.replace("Contents", "Pages"),
    )
    .unwrap();
    let again = ftlkit(root, &["extract"]);
    assert!(!again.stdout.contains("page strings"), "{}", again.stdout);
    assert!(read(root.join("locales/en-US/page.ftl")).contains("page-index-title = Pages"));

    let init = ftlkit(root, &["init", "ar"]);
    assert_eq!(init.code, 0, "{}", init.stderr);
    assert!(
        init.stdout.contains("created ftlkit.toml"),
        "{}",
        init.stdout
    );
    assert!(
        init.stdout.contains("created locales/ar/page.ftl"),
        "{}",
        init.stdout
    );
    let config = read(root.join("ftlkit.toml"));
    assert!(config.contains("source-locale = \"en-US\"\n"), "{config}");
    assert!(read(root.join("locales/ar/page.ftl")).contains("# (untranslated) page-written-by"));
    // A second locale finds the configuration as it is and leaves it be.
    assert_eq!(ftlkit(root, &["init", "fr"]).code, 0);
    assert_eq!(read(root.join("ftlkit.toml")), config);
    let status = ftlkit(root, &["status", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&status.stdout).unwrap();
    let locales: Vec<&str> = json["locales"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["locale"].as_str().unwrap())
        .collect();
    assert_eq!(locales, ["ar", "fr"]);

    translate_arabic(root);
    let build = ftlkit(root, &["build"]);
    assert_eq!(build.code, 0, "{}", build.stderr);
    let index = read(root.join("dist/index.html"));
    assert!(!index.contains(": en-US"), "{index}");
    assert!(index.contains("<title>Pages</title>"), "{index}");
    // Arabic's page strings are templates still: the switcher names Arabic
    // as CLDR does, the label and byline are the English, marked as such.
    assert!(index.contains(">العربية</a>"), "{index}");
    let ar = read(root.join("dist/ar/hello.html"));
    assert!(ar.contains(r#"aria-label="Read this page in""#), "{ar}");
    assert!(!ar.contains(r#"aria-label="""#), "{ar}");
    assert!(ar.contains("Written by <bdi>آن رايتر</bdi>"), "{ar}");
    assert!(ar.contains(r#"aria-current="page">العربية</a>"#), "{ar}");
    assert!(ar.contains(">English</a>"), "{ar}");
}

#[test]
fn a_build_without_page_strings_uses_the_built_in_ones_and_says_so() {
    let dir = new_project();
    let root = dir.path();
    assert_eq!(ftlkit(root, &["extract"]).code, 0);
    assert_eq!(ftlkit(root, &["init", "ar"]).code, 0);
    translate_arabic(root);
    for locale in ["en-US", "ar"] {
        std::fs::remove_file(root.join(format!("locales/{locale}/page.ftl"))).unwrap();
    }
    let build = ftlkit(root, &["build"]);
    assert_eq!(build.code, 0, "{}", build.stderr);
    assert!(
        build.stderr.contains("locales/en-US/page.ftl: no page strings (this file does not exist): the pages show ftlkit's built-in English ones"),
        "{}",
        build.stderr
    );
    let ar = read(root.join("dist/ar/hello.html"));
    assert!(ar.contains(r#"aria-label="Read this page in""#), "{ar}");
    assert!(ar.contains("Written by <bdi>آن رايتر</bdi>"), "{ar}");
    assert!(ar.contains(">العربية</a>"), "{ar}");
}

#[test]
fn a_language_cldr_cannot_name_is_shown_by_its_code_with_a_warning() {
    let dir = new_project();
    let root = dir.path();
    assert_eq!(ftlkit(root, &["extract"]).code, 0);
    let init = ftlkit(root, &["init", "qaa"]);
    assert_eq!(init.code, 0, "{}", init.stderr);
    let build = ftlkit(root, &["build"]);
    assert_eq!(build.code, 0, "{}", build.stderr);
    assert!(
        build.stderr.contains(
            "locales/qaa/page.ftl: no `page-language-name`, and CLDR has no name for `qaa`"
        ),
        "{}",
        build.stderr
    );
    // Named in its page strings, it is named so, and the warning goes.
    let page = root.join("locales/qaa/page.ftl");
    std::fs::write(&page, read(&page) + "page-language-name = Qaaish\n").unwrap();
    let build = ftlkit(root, &["build"]);
    assert!(
        !build.stderr.contains("CLDR has no name"),
        "{}",
        build.stderr
    );
}

#[test]
fn init_refuses_a_language_name_and_says_which_code_was_meant() {
    let dir = new_project();
    let root = dir.path();
    assert_eq!(ftlkit(root, &["extract"]).code, 0);
    for (name, code) in [("arabic", "`ar` (Arabic)"), ("french", "`fr` (French)")] {
        let run = ftlkit(root, &["init", name]);
        assert_eq!(run.code, 2, "{name}: {}", run.stdout);
        assert!(
            run.stderr.contains(&format!("did you mean {code}?")),
            "{}",
            run.stderr
        );
        assert!(!root.join("locales").join(name).exists());
    }
    // A code that names no language and no language's name: what to write.
    let run = ftlkit(root, &["init", "xx"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("such as `ar`, `fr` or `pt-BR`"),
        "{}",
        run.stderr
    );
    assert!(!root.join("ftlkit.toml").exists());
    // Real languages, regions, scripts, pseudo-locales and private use pass.
    for id in ["ckb", "ar-IQ", "pt-BR", "zh-Hant", "en-XA", "ar-XB", "qaa"] {
        let run = ftlkit(root, &["init", id]);
        assert_eq!(run.code, 0, "{id}: {}", run.stderr);
        assert!(root.join("locales").join(id).join("hello.ftl").exists());
    }
}

#[test]
fn init_adds_the_locale_to_a_locales_list_and_leaves_a_config_without_one() {
    let dir = new_project();
    let root = dir.path();
    assert_eq!(ftlkit(root, &["extract"]).code, 0);
    // No `locales` key: the locales are the folders, the file stays as it is.
    let plain = "source-locale = \"en-US\"\n";
    std::fs::write(root.join("ftlkit.toml"), plain).unwrap();
    assert_eq!(ftlkit(root, &["init", "fr"]).code, 0);
    assert_eq!(read(root.join("ftlkit.toml")), plain);
    let status = ftlkit(root, &["status", "--format", "json"]);
    assert!(status.stdout.contains("\"fr\""), "{}", status.stdout);
    // A list: the new locale joins it.
    std::fs::write(root.join("ftlkit.toml"), "locales = [\"fr\"]\n").unwrap();
    assert_eq!(ftlkit(root, &["init", "ar"]).code, 0);
    assert_eq!(
        read(root.join("ftlkit.toml")),
        "locales = [\"fr\", \"ar\"]\n"
    );
}

#[test]
fn status_names_each_language_from_its_page_strings_or_cldr() {
    let dir = new_project();
    let root = dir.path();
    assert_eq!(ftlkit(root, &["extract"]).code, 0);
    for id in ["ar", "fr", "qaa"] {
        assert_eq!(ftlkit(root, &["init", id]).code, 0);
    }
    // French names itself in its page strings; Arabic's is still a template.
    let page = root.join("locales/fr/page.ftl");
    std::fs::write(
        &page,
        read(&page) + "page-language-name = Français (France)\n",
    )
    .unwrap();
    let table = ftlkit(root, &["status"]);
    assert_eq!(table.code, 0, "{}", table.stderr);
    let row = |id: &str| {
        let prefix = format!("{id} ");
        table
            .stdout
            .lines()
            .find(|l| l.starts_with(&prefix))
            .unwrap()
            .to_string()
    };
    assert!(table.stdout.lines().next().unwrap().ends_with("  language"));
    assert!(row("ar").ends_with("%  العربية"), "{}", table.stdout);
    assert!(
        row("fr").ends_with("%  Français (France)"),
        "{}",
        table.stdout
    );
    assert!(row("qaa").ends_with('%'), "{}", table.stdout);
    let json = ftlkit(root, &["status", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let locales = json["locales"].as_array().unwrap();
    let of = |id: &str| locales.iter().find(|l| l["locale"] == id).unwrap().clone();
    assert_eq!(of("ar")["name"], "العربية");
    assert_eq!(of("fr")["name"], "Français (France)");
    assert!(of("qaa").get("name").is_none());
    // Every key README lists is there.
    for key in [
        "locale",
        "messages",
        "translated",
        "missing",
        "stale",
        "unreviewed",
        "obsolete",
        "identical",
        "errors",
        "warnings",
        "complete",
        "complete_words",
        "words",
        "words_translated",
        "name",
    ] {
        assert!(of("ar").get(key).is_some(), "{key}: {}", of("ar"));
    }
}
