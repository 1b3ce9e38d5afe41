//! `ftlkit extract`: fixture pairs (Markdown → expected FTL) and the stability
//! of ids and files across edits, inserts, deletes and moves.
//!
//! After a reviewed change to extraction, regenerate the expectations with
//! `FTLKIT_BLESS=1 cargo test --test extract` and review the diff.

mod common;
use common::*;
use std::path::Path;

#[test]
fn fixture_pairs() {
    let dir = repo().join("tests/fixtures/extract");
    let bless = std::env::var_os("FTLKIT_BLESS").is_some();
    let mut cases = 0;
    let mut failures = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let case = entry.unwrap().path();
        let input = read(case.join("input.md"));
        let doc = ftlkit::markdown::parse(&input).expect("fixture parses");
        let got = ftlkit::extract::extract("doc", &doc, &[]).ftl;
        let expected_path = case.join("expected.ftl");
        if bless {
            std::fs::write(&expected_path, &got).unwrap();
        } else if std::fs::read_to_string(&expected_path).ok().as_deref() != Some(got.as_str()) {
            failures.push(format!("{}:\n{got}", case.display()));
        }
        // Whatever extraction writes must be valid Fluent that gives the text back.
        let values: Vec<String> = messages(&got).into_iter().map(|(_, v)| v).collect();
        for block in &doc.blocks {
            assert!(
                values.contains(&block.text),
                "{}: lost {:?}",
                case.display(),
                block.text
            );
        }
        cases += 1;
    }
    assert!(cases >= 4, "fixture folders missing");
    assert!(
        failures.is_empty(),
        "extraction differs from expected.ftl (FTLKIT_BLESS=1 to regenerate after review):\n{}",
        failures.join("\n")
    );
}

fn article(root: &Path) -> String {
    read(root.join("content/article.md"))
}

fn write_article(root: &Path, text: &str) {
    std::fs::write(root.join("content/article.md"), text).unwrap();
}

fn en_messages(root: &Path) -> Vec<(String, String)> {
    messages(&read(root.join("locales/en-US/article.ftl")))
}

/// Byte range of the paragraph starting with PARA, its blank line included.
fn paragraph_span(text: &str) -> (usize, usize) {
    let start = text.find(PARA).unwrap();
    (start, start + text[start..].find("\n\n").unwrap() + 2)
}

const PARA: &str = "Iyad Allawi took over, and then Ibrahim al-Jaafari";

#[test]
fn shipped_extraction_is_up_to_date_and_a_no_op() {
    let tmp = shipped_copy();
    let root = tmp.path();
    let before = read(root.join("locales/en-US/article.ftl"));
    let mtime = std::fs::metadata(root.join("locales/en-US/article.ftl"))
        .unwrap()
        .modified()
        .unwrap();
    let run = ftlkit(root, &["extract"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("article: unchanged"), "{}", run.stdout);
    assert_eq!(read(root.join("locales/en-US/article.ftl")), before);
    let after = std::fs::metadata(root.join("locales/en-US/article.ftl"))
        .unwrap()
        .modified()
        .unwrap();
    assert_eq!(mtime, after, "an unchanged file was rewritten");
}

#[test]
fn editing_a_paragraph_changes_only_its_value() {
    let tmp = shipped_copy();
    let root = tmp.path();
    let before = en_messages(root);
    write_article(
        root,
        &article(root).replace(
            PARA,
            "Iyad Allawi came to power, followed by Ibrahim al-Jaafari",
        ),
    );
    let run = ftlkit(root, &["extract"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("0 added, 1 changed, 0 removed"),
        "{}",
        run.stdout
    );
    let after = en_messages(root);
    let ids = |m: &[(String, String)]| m.iter().map(|(i, _)| i.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&before), ids(&after));
    let changed: Vec<_> = before.iter().zip(&after).filter(|(b, a)| b != a).collect();
    assert_eq!(changed.len(), 1);
    assert_eq!(
        changed[0].0 .0,
        "article-ministers-after-fall-iyad-allawi-took"
    );
    assert!(changed[0].1 .1.starts_with("Iyad Allawi came to power"));
}

#[test]
fn inserting_a_paragraph_adds_one_message_and_keeps_the_rest() {
    let tmp = shipped_copy();
    let root = tmp.path();
    let before = en_messages(root);
    let text = article(root).replace(
        PARA,
        &format!("A new paragraph about the transition.\n\n{PARA}"),
    );
    write_article(root, &text);
    let run = ftlkit(root, &["extract"]);
    assert!(
        run.stdout.contains("1 added, 0 changed, 0 removed"),
        "{}",
        run.stdout
    );
    let after = en_messages(root);
    assert_eq!(after.len(), before.len() + 1);
    for m in &before {
        assert!(after.contains(m), "{m:?} changed");
    }
    assert!(after
        .iter()
        .any(|(id, _)| id == "article-prime-ministers-after-new-paragraph-about"));
}

#[test]
fn deleting_a_paragraph_removes_one_message_and_keeps_the_rest() {
    let tmp = shipped_copy();
    let root = tmp.path();
    let before = en_messages(root);
    let text = article(root);
    let (start, end) = paragraph_span(&text);
    write_article(root, &format!("{}{}", &text[..start], &text[end..]));
    let run = ftlkit(root, &["extract"]);
    assert!(
        run.stdout.contains("0 added, 0 changed, 1 removed"),
        "{}",
        run.stdout
    );
    let after = en_messages(root);
    assert_eq!(after.len(), before.len() - 1);
    for m in &after {
        assert!(before.contains(m), "{m:?} is new or changed");
    }
}

#[test]
fn moving_a_paragraph_keeps_every_id_and_value() {
    let tmp = shipped_copy();
    let root = tmp.path();
    let before = en_messages(root);
    let text = article(root);
    let (start, end) = paragraph_span(&text);
    let para = &text[start..end];
    let without = format!("{}{}", &text[..start], &text[end..]);
    // Into another section, before the last section's heading.
    let at = without.find("## The Initial Vision").unwrap();
    write_article(root, &format!("{}{para}{}", &without[..at], &without[at..]));
    let run = ftlkit(root, &["extract"]);
    assert!(
        run.stdout.contains("0 added, 0 changed, 0 removed"),
        "{}",
        run.stdout
    );
    let mut b = before.clone();
    let mut a = en_messages(root);
    assert_ne!(a, b, "the order in the file follows the document");
    b.sort();
    a.sort();
    assert_eq!(a, b);
}

#[test]
fn edit_and_insert_in_the_same_section() {
    let tmp = shipped_copy();
    let root = tmp.path();
    let text = article(root)
        .replace(PARA, "Iyad Allawi took over, then Ibrahim al-Jaafari")
        .replace(
            "Haider al-Abadi, the man",
            "A brand new paragraph on something else entirely.\n\nHaider al-Abadi, the man",
        );
    write_article(root, &text);
    let run = ftlkit(root, &["extract"]);
    assert!(
        run.stdout.contains("1 added, 1 changed, 0 removed"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("~ article-ministers-after-fall-iyad-allawi-took"),
        "{}",
        run.stdout
    );
}

#[test]
fn splitting_a_paragraph_keeps_its_id_on_the_first_half() {
    let tmp = shipped_copy();
    let root = tmp.path();
    const SPLIT: &str = "They also differ in their ideas";
    let text = article(root);
    assert!(
        text.contains(&format!(" {SPLIT}")),
        "the shipped paragraph changed"
    );
    write_article(
        root,
        &text.replacen(&format!(" {SPLIT}"), &format!("\n\n{SPLIT}"), 1),
    );
    let run = ftlkit(root, &["extract"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let messages = en_messages(root);
    let (id, value) = messages
        .iter()
        .find(|(id, _)| id == "article-iraqi-militias-iraq-filled-hundreds")
        .expect("the id is still there");
    assert!(
        value.starts_with("Iraq is filled with hundreds"),
        "{id} = {value}"
    );
    assert!(!value.contains(SPLIT));
    let second = messages
        .iter()
        .find(|(_, v)| v.starts_with(SPLIT))
        .expect("the second half");
    assert_eq!(second.0, "article-iraqi-militias-they-differ-ideas");
}

#[test]
fn a_deleted_document_takes_its_generated_file_with_it() {
    let tmp = shipped_copy();
    let root = tmp.path();
    std::fs::write(root.join("content/second.md"), "# Second\n\nHello there.\n").unwrap();
    assert_eq!(ftlkit(root, &["extract"]).code, 0);
    assert!(root.join("locales/en-US/second.ftl").is_file());
    // A translation of it exists when the editor deletes the document.
    std::fs::write(
        root.join("locales/fr/second.ftl"),
        "second-title = Deuxième\n",
    )
    .unwrap();
    std::fs::remove_file(root.join("content/second.md")).unwrap();
    let run = ftlkit(root, &["extract"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains(
            "second: the document is gone, locales/en-US/second.ftl removed (2 messages)"
        ),
        "{}",
        run.stdout
    );
    assert!(!root.join("locales/en-US/second.ftl").exists());
    // Hand-written source files stay; the translator's file stays, reported.
    assert!(root.join("locales/en-US/page.ftl").is_file());
    assert!(root.join("locales/fr/second.ftl").is_file());
    let check = ftlkit(root, &["check", "fr", "-v"]);
    assert!(check.stdout.contains("obsolete-file"), "{}", check.stdout);
    // With no document at all (a misplaced content folder), nothing is removed.
    std::fs::rename(root.join("content"), root.join("elsewhere")).unwrap();
    std::fs::create_dir(root.join("content")).unwrap();
    ftlkit(root, &["extract"]);
    assert!(root.join("locales/en-US/article.ftl").is_file());
}
