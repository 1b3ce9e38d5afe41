//! Review before publishing: a translation is reviewed or not (recorded in
//! `l10n-state/`), `ftlkit review` records a person's check, `status` counts
//! the unreviewed, export marks them as CAT tools expect (PO `#, fuzzy`,
//! XLIFF `approved="no"`), an approval in the translator's tool is recorded
//! on import, and `[build] require-review` publishes only reviewed text.
//! Real CLI runs on a copy of the shipped project.

mod common;

use common::{copy_dir, ftlkit, read, repo, shipped_copy};
use serde_json::Value;
use std::path::Path;

const FRENCH: &str = "Une traduction refaite à la main, pas encore relue.";

/// The shipped project (its records: everything reviewed, as shipped) with
/// one French paragraph retranslated by hand and recorded by `sync`.
/// Returns the paragraph's id.
fn retranslated(root: &Path) -> String {
    copy_dir(&repo().join("l10n-state"), &root.join("l10n-state"));
    let path = root.join("locales/fr/article.ftl");
    let text = read(&path);
    let line = text
        .lines()
        .find(|l| l.starts_with("article-intro-"))
        .unwrap();
    let id = line.split(" = ").next().unwrap().to_string();
    std::fs::write(&path, text.replacen(line, &format!("{id} = {FRENCH}"), 1)).unwrap();
    let run = ftlkit(root, &["sync", "fr"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    id
}

fn counts(root: &Path, locale: &str) -> Value {
    let run = ftlkit(root, &["status", locale, "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json: Value = serde_json::from_str(&run.stdout).unwrap();
    json["locales"][0].clone()
}

#[test]
fn shipped_translations_stay_reviewed_and_a_new_one_waits_for_review() {
    let dir = shipped_copy();
    let root = dir.path();
    copy_dir(&repo().join("l10n-state"), &root.join("l10n-state"));
    for locale in ["ar", "fr", "ckb"] {
        assert_eq!(counts(root, locale)["unreviewed"], 0, "{locale}");
    }
    let id = retranslated(root);
    let fr = counts(root, "fr");
    assert_eq!(fr["unreviewed"], 1, "{fr}");
    assert_eq!(fr["translated"], fr["messages"], "still translated: {fr}");
    let table = ftlkit(root, &["status", "fr"]);
    assert!(
        table.stdout.lines().next().unwrap().contains("unreviewed"),
        "{}",
        table.stdout
    );

    let dry = ftlkit(root, &["review", "fr", &id, "--dry-run"]);
    assert!(
        dry.stdout
            .contains(&format!("would record as reviewed fr/article: {id}")),
        "{}",
        dry.stdout
    );
    assert_eq!(counts(root, "fr")["unreviewed"], 1);
    let run = ftlkit(root, &["review", "fr", &id]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(counts(root, "fr")["unreviewed"], 0);
    // Edited again: unreviewed again, without any command.
    let path = root.join("locales/fr/article.ftl");
    std::fs::write(
        &path,
        read(&path).replace(FRENCH, "Encore une autre version."),
    )
    .unwrap();
    assert_eq!(counts(root, "fr")["unreviewed"], 1);
    // A misspelt id writes nothing.
    let run = ftlkit(root, &["review", "fr", "no-such-id"]);
    assert_eq!(run.code, 2, "{}", run.stdout);
}

#[test]
fn require_review_publishes_only_reviewed_translations() {
    let dir = shipped_copy();
    let root = dir.path();
    let id = retranslated(root);
    let config = root.join("ftlkit.toml");
    std::fs::write(
        &config,
        read(&config).replace("[build]\n", "[build]\nrequire-review = true\n"),
    )
    .unwrap();
    let run = ftlkit(root, &["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = read(root.join("dist/fr/article.html"));
    assert!(
        !page.contains(FRENCH),
        "an unreviewed translation was published"
    );
    assert!(
        page.contains("class=\"untranslated\""),
        "its English stands in"
    );
    // Arabic, reviewed as shipped, is published whole.
    let arabic = read(root.join("dist/ar/article.html"));
    assert!(!arabic.contains("class=\"untranslated\""));
    assert_eq!(ftlkit(root, &["review", "fr", &id]).code, 0);
    assert_eq!(ftlkit(root, &["build"]).code, 0);
    assert!(read(root.join("dist/fr/article.html")).contains(FRENCH));
    // Without require-review (the default), unreviewed text is published.
    let dir = shipped_copy();
    retranslated(dir.path());
    assert_eq!(ftlkit(dir.path(), &["build"]).code, 0);
    assert!(read(dir.path().join("dist/fr/article.html")).contains(FRENCH));
}

#[test]
fn approvals_in_po_and_xliff_are_recorded_on_import() {
    for ext in ["po", "xlf"] {
        let dir = shipped_copy();
        let root = dir.path();
        let id = retranslated(root);
        let file = root.join(format!("fr.{ext}"));
        let run = ftlkit(root, &["export", "fr", "-o", file.to_str().unwrap()]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let text = read(&file);
        // Exported for review: fuzzy / approved="no"; the reviewed ones are not.
        let approve = match ext {
            "po" => {
                let marked = format!("#, fuzzy\nmsgctxt \"{id}\"");
                assert!(text.contains(&marked), "{text}");
                assert_eq!(
                    text.matches("#, fuzzy").count(),
                    1,
                    "only the unreviewed one"
                );
                text.replace(&marked, &format!("msgctxt \"{id}\""))
            }
            _ => {
                let marked = format!("<trans-unit id=\"{id}\" resname=\"{id}\" approved=\"no\"");
                assert!(text.contains(&marked), "{text}");
                text.replace(&marked, &marked.replace("\"no\"", "\"yes\""))
            }
        };
        // Unchanged, the import writes nothing at all.
        let state = root.join("l10n-state/fr/article.json");
        let recorded = read(&state);
        let run = ftlkit(root, &["import", file.to_str().unwrap()]);
        assert_eq!(run.code, 0, "{ext}: {}", run.stderr);
        assert!(
            run.stdout.contains("nothing to change"),
            "{ext}: {}",
            run.stdout
        );
        assert_eq!(read(&state), recorded, "{ext}");
        // Approved in the translator's tool: recorded as reviewed.
        std::fs::write(&file, approve).unwrap();
        let run = ftlkit(
            root,
            &["import", file.to_str().unwrap(), "--format", "json"],
        );
        assert_eq!(run.code, 0, "{ext}: {}", run.stderr);
        let report: Value = serde_json::from_str(&run.stdout).unwrap();
        assert_eq!(
            report["reviewed"][0]["ids"][0],
            id.as_str(),
            "{ext}: {report}"
        );
        assert_eq!(counts(root, "fr")["unreviewed"], 0, "{ext}");
    }
}

#[test]
fn a_stale_unit_approved_in_po_is_accepted_on_import() {
    let dir = shipped_copy();
    let root = dir.path();
    copy_dir(&repo().join("l10n-state"), &root.join("l10n-state"));
    let article = root.join("content/article.md");
    let text = read(&article);
    let lead = text
        .lines()
        .find(|l| l.starts_with("It has been "))
        .unwrap();
    std::fs::write(&article, text.replacen(lead, &format!("{lead} Indeed."), 1)).unwrap();
    assert_eq!(ftlkit(root, &["extract"]).code, 0);
    assert_eq!(counts(root, "fr")["stale"], 1);
    let file = root.join("fr.po");
    assert_eq!(
        ftlkit(root, &["export", "fr", "-o", file.to_str().unwrap()]).code,
        0
    );
    let po = read(&file);
    // The reviewer removes `#, fuzzy` (and the old msgid) in Poedit.
    let start = po.find("#, fuzzy\n#| msgid").expect("the stale unit");
    let end = start + po[start..].find("msgctxt").unwrap();
    std::fs::write(&file, format!("{}{}", &po[..start], &po[end..])).unwrap();
    let run = ftlkit(root, &["import", file.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("recorded as reviewed 1 message"),
        "{}",
        run.stdout
    );
    let fr = counts(root, "fr");
    assert_eq!(
        (fr["stale"].as_u64(), fr["unreviewed"].as_u64()),
        (Some(0), Some(0)),
        "{fr}"
    );
}
