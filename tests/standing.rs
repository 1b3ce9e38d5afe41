//! One model of where a message stands (`ftlkit::standing`), seen through
//! every command that reads it: a template someone typed into and a broken
//! entry are never written over unasked (`sync --fill-exact`), `import` says
//! what it replaced, and `accept`, `status` and `check` agree on an id
//! defined twice. Real CLI runs on a copy of the shipped project.

mod common;

use common::{copy_dir, ftlkit, read, repo, shipped_copy};
use serde_json::Value;
use std::path::Path;

/// The article's title, as its `#` heading says it.
fn article_title(root: &Path) -> String {
    let text = read(root.join("content/article.md"));
    // After the `+++` front matter, whose TOML comments start with `# ` too.
    let body = text.splitn(3, "+++\n").last().unwrap_or(&text).to_string();
    body.lines()
        .find_map(|l| l.strip_prefix("# "))
        .expect("the article has a title")
        .trim()
        .to_string()
}

/// The shipped project with a second document, `notes`, whose title repeats
/// the article's (so the translation memory has a 100% match for it in every
/// locale), extracted and synced: `locales/ar/notes.ftl` holds its template.
fn project_with_notes() -> tempfile::TempDir {
    let dir = shipped_copy();
    copy_dir(&repo().join("l10n-state"), &dir.path().join("l10n-state"));
    let title = article_title(dir.path());
    std::fs::write(
        dir.path().join("content/notes.md"),
        format!("# {title}\n\nA paragraph nobody has translated yet.\n"),
    )
    .unwrap();
    for args in [&["extract"][..], &["sync"]] {
        let run = ftlkit(dir.path(), args);
        assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
    }
    dir
}

const TYPED: &str = "عنوان كتبه المترجم بيده";

/// Types a translation after the `# (untranslated) ` mark of `notes-title`
/// in Arabic: the README's "usual slip".
fn type_into_template(root: &Path) -> std::path::PathBuf {
    let path = root.join("locales/ar/notes.ftl");
    let text = read(&path);
    let line = text
        .lines()
        .find(|l| l.starts_with("# (untranslated) notes-title = "))
        .unwrap_or_else(|| panic!("no template for notes-title:\n{text}"))
        .to_string();
    let edited = text.replace(&line, &format!("# (untranslated) notes-title = {TYPED}"));
    std::fs::write(&path, edited).unwrap();
    path
}

fn json(root: &Path, args: &[&str]) -> Value {
    let run = ftlkit(root, args);
    assert!(run.code <= 1, "{args:?}: {}", run.stderr);
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {}", run.stdout))
}

#[test]
fn fill_exact_fills_an_untouched_template_but_never_one_someone_typed_into() {
    // Untouched: the 100% match is written (the test can see a fill).
    let dir = project_with_notes();
    let root = dir.path();
    let report = json(root, &["sync", "ar", "--fill-exact", "--format", "json"]);
    let filled: Vec<&str> = report["filled"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|f| f["messages"].as_array().unwrap())
        .map(|m| m["id"].as_str().unwrap())
        .collect();
    assert_eq!(filled, ["notes-title"], "{report}");

    // Typed into: kept byte for byte, and nothing is said to be filled.
    let dir = project_with_notes();
    let root = dir.path();
    let path = type_into_template(root);
    let before = read(&path);
    let run = ftlkit(root, &["sync", "ar", "--fill-exact"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(read(&path), before, "fill-exact wrote over the typed text");
    assert!(!run.stdout.contains("notes-title"), "{}", run.stdout);
    // check still points at the slip, and status counts it as not translated.
    let check = ftlkit(root, &["check", "ar"]);
    assert!(check.stdout.contains("edited-template"), "{}", check.stdout);
    let status = json(
        root,
        &["status", "ar", "--untranslated", "--format", "json"],
    );
    assert!(status.to_string().contains("notes-title"), "{status}");
}

#[test]
fn import_over_a_template_someone_typed_into_says_what_it_replaced() {
    let dir = project_with_notes();
    let root = dir.path();
    let path = type_into_template(root);
    let po = root.join("ar.po");
    let run = ftlkit(
        root,
        &["export", "ar", "--doc", "notes", "-o", po.to_str().unwrap()],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = read(&po);
    let unit = "msgctxt \"notes-title\"\n";
    let at = text.find(unit).unwrap_or_else(|| panic!("{text}"));
    let empty = text[at..].find("msgstr \"\"").unwrap() + at;
    let imported = format!(
        "{}msgstr \"عنوان جديد من أداة الترجمة\"{}",
        &text[..empty],
        &text[empty + "msgstr \"\"".len()..]
    );
    std::fs::write(&po, imported).unwrap();

    let dry = ftlkit(root, &["import", po.to_str().unwrap(), "--dry-run"]);
    assert_eq!(dry.code, 0, "{}", dry.stderr);
    assert!(
        dry.stdout
            .contains("would replace what was typed into the template of `notes-title`"),
        "{}",
        dry.stdout
    );
    let run = ftlkit(root, &["import", po.to_str().unwrap(), "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let report: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(report["replaced"][0]["id"], "notes-title", "{report}");
    assert_eq!(report["replaced"][0]["standing"], "edited-template");
    assert_eq!(
        report["replaced"][0]["text"],
        format!("notes-title = {TYPED}")
    );
    let after = read(&path);
    assert!(
        after
            .lines()
            .any(|l| l == "notes-title = عنوان جديد من أداة الترجمة"),
        "{after}"
    );
    assert!(!after.contains(TYPED));
}

#[test]
fn an_id_defined_twice_is_the_first_definition_for_status_check_and_accept() {
    let dir = shipped_copy();
    let root = dir.path();
    copy_dir(&repo().join("l10n-state"), &root.join("l10n-state"));
    // The English title changes: French's translation of it is stale.
    let article = root.join("content/article.md");
    let title = article_title(root);
    let text = read(&article).replacen(
        &format!("\n# {title}"),
        &format!("\n# {title}, revisited"),
        1,
    );
    std::fs::write(&article, text).unwrap();
    assert_eq!(ftlkit(root, &["extract"]).code, 0);
    let fr = root.join("locales/fr/article.ftl");
    let stale = |root: &Path| json(root, &["status", "fr", "--format", "json"]).to_string();
    assert!(stale(root).contains("\"stale\":1"), "{}", stale(root));
    // A second definition appended (a paste slip): readers see the first.
    let mut text = read(&fr);
    text.push_str("article-title = Un doublon collé par erreur\n");
    std::fs::write(&fr, text).unwrap();
    assert!(stale(root).contains("\"stale\":1"), "{}", stale(root));
    let run = ftlkit(root, &["accept", "fr", "article-title"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(!run.stdout.contains("not stale"), "{}", run.stdout);
    assert!(stale(root).contains("\"stale\":0"), "{}", stale(root));
    let check = ftlkit(root, &["check", "fr", "--format", "json"]);
    assert!(
        !check.stdout.contains("\"code\": \"stale\""),
        "{}",
        check.stdout
    );
}

#[test]
fn untranslated_messages_without_a_template_are_told_to_run_sync() {
    let dir = shipped_copy();
    let root = dir.path();
    copy_dir(&repo().join("l10n-state"), &root.join("l10n-state"));
    let hint = "writes one for each";
    // The shipped Kurdish has its templates: nothing to say.
    let run = ftlkit(root, &["status", "ckb", "--untranslated"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("template: locales/ckb/article.ftl:"),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains(hint), "{}", run.stdout);
    // Without them (removed by hand), the translator is told what to run.
    common::drop_templates(&root.join("locales/ckb/article.ftl"));
    let run = ftlkit(root, &["status", "ckb", "--untranslated"]);
    let last = run.stdout.lines().last().unwrap();
    assert!(
        last.ends_with(&format!("no template in your file to translate in: `ftlkit sync ckb` {hint} (the English, commented out, where the message goes)")),
        "{}",
        run.stdout
    );
    assert_eq!(ftlkit(root, &["sync", "ckb"]).code, 0);
    let run = ftlkit(root, &["status", "ckb", "--untranslated"]);
    assert!(!run.stdout.contains(hint), "{}", run.stdout);
}
