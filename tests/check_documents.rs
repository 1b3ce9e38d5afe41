//! `ftlkit check` on a project a few documents at a time
//! (`lint::documents::project_check`) finds what the whole project's audit
//! finds (`lint::audit::project_audit`, which `status` and the language
//! server share), in the same order, with the same counts: on a book of
//! 70 documents (three chunks) whose locales have findings of every kind
//! that looks past one file — consistency between documents of different
//! chunks, a misspelt id, missing and obsolete files, a reference to
//! another chunk's message (that locale checked whole), a missing folder,
//! `[check]` levels.

mod common;
use common::{ftlkit, read};
use ftlkit::finding::Finding;
use ftlkit::lint::audit::{self, Depth};
use std::path::Path;

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// A book of 70 documents, its English extracted, locales translated.
fn book(root: &Path) {
    write(
        root,
        "ftlkit.toml",
        "locales = [\"ar\", \"de\", \"es\", \"fr\"]\n\n[check.levels]\nfrench-spacing = \"error\"\n\n[check.locale.de]\nidentical = \"off\"\n",
    );
    for d in 0..70 {
        let shared = match d % 7 {
            0 => "Read the installation guide first.",
            1 => "Open the settings of your browser.",
            _ => "Each chapter stands on its own.",
        };
        // Folders and names whose order as paths and as text differ.
        let name = match d % 3 {
            0 => format!("part-{d:02}"),
            1 => format!("part/{d:02}"),
            _ => format!("p{d:02}/guide"),
        };
        write(
            root,
            &format!("content/{name}.md"),
            &format!("# Chapter {d}\n\n{shared}\n\nThe text of chapter {d} is here.\n"),
        );
    }
    assert_eq!(ftlkit(root, &["extract"]).code, 0);
    for locale in ["ar", "de", "fr"] {
        translate(root, locale);
    }
}

/// Makes `locale`'s files from the English, each message changed a little
/// (some identical), with the findings the test is about.
fn translate(root: &Path, locale: &str) {
    let english = root.join("locales/en-US");
    let mut files = Vec::new();
    collect(&english, &mut files);
    files.sort();
    for (k, path) in files.iter().enumerate() {
        let rel = path.strip_prefix(&english).unwrap().to_str().unwrap();
        if locale == "ar" && k % 4 == 3 {
            continue; // a missing file
        }
        let mut text = String::new();
        for line in read(path).lines() {
            let Some((id, value)) = line.split_once(" = ") else {
                text.push_str(line);
                text.push('\n');
                continue;
            };
            let value = match (locale, value) {
                // One English translated two ways, in documents of
                // different chunks; two English texts translated alike.
                ("fr", "Read the installation guide first.") if k < 20 => {
                    "Lisez d'abord le guide d'installation.".to_string()
                }
                ("fr", "Read the installation guide first.") => {
                    "Commencez par le guide d'installation.".to_string()
                }
                ("fr", "Open the settings of your browser.") => {
                    "Commencez par le guide d'installation.".to_string()
                }
                ("fr", v) if v.starts_with("The text") => format!("{v} : traduit"),
                (_, v) if k % 5 == 0 => v.to_string(),
                (_, v) => format!("{v} ({locale})"),
            };
            text.push_str(&format!("{id} = {value}\n"));
        }
        if locale == "fr" && k == 40 {
            // A message left out, and one whose id is misspelt.
            let lines: Vec<&str> = text.lines().collect();
            let at = lines.iter().rposition(|l| l.contains(" = ")).unwrap();
            let (id, value) = lines[at].split_once(" = ").unwrap();
            let misspelt = format!("{}x = {value}", &id[..id.len() - 1]);
            text = lines[..at].join("\n") + "\n" + &misspelt + "\n";
        }
        if locale == "de" && k == 5 {
            // A reference to a message of a document checked at another time.
            let other = read(&files[60]);
            let id = other
                .lines()
                .find_map(|l| l.split_once(" = ").map(|(id, _)| id.to_string()))
                .unwrap();
            let at = text.find(" = ").unwrap();
            let end = at + text[at..].find('\n').unwrap();
            text.insert_str(end, &format!(" {{ {id} }}"));
        }
        write(root, &format!("locales/{locale}/{rel}"), &text);
    }
    if locale == "fr" {
        write(root, "locales/fr/zz/old.ftl", "old-message = Vieux\n");
        write(root, "locales/fr/a-old.ftl", "older = Vieux\n");
    }
}

fn collect(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|e| e == "ftl") {
            out.push(path);
        }
    }
}

#[test]
fn check_by_documents_finds_what_the_whole_audit_finds_in_its_order() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    book(root);
    let project = ftlkit::project::Project::load(root).unwrap();
    // As `check` put it together before it went by documents.
    let (mut whole, _) = audit::project_audit(&project, &[], Depth::Everything).unwrap();
    audit::note_broken_links(&mut whole, &project).unwrap();
    let links = ftlkit::lint::content::broken_links(&project).unwrap();
    let mut parts: Vec<Vec<Finding>> = Vec::new();
    let (by_documents, _) =
        ftlkit::lint::documents::project_check(&project, &[], links, &mut |_, part| {
            parts.push(part);
            Ok(())
        })
        .unwrap();
    let findings: Vec<Finding> = parts.into_iter().flatten().collect();
    let shown = |f: &[Finding]| f.iter().map(|f| format!("{f:?}\n")).collect::<String>();
    assert_eq!(shown(&findings), shown(&whole.findings));
    assert_eq!(
        format!("{:?}", by_documents.locales),
        format!("{:?}", whole.locales)
    );
    // What the book was made to have, so the comparison means something.
    let has = |code: &str, locale: &str| {
        findings
            .iter()
            .any(|f| f.code.as_str() == code && f.locale == locale)
    };
    for (code, locale) in [
        ("inconsistent", "fr"),
        ("reused", "fr"),
        ("misspelled-id", "fr"),
        ("missing-message", "fr"),
        ("missing-message", "ar"),
        ("obsolete-file", "fr"),
        ("other-document-reference", "de"),
        ("missing-folder", "es"),
        ("identical", "ar"),
    ] {
        assert!(has(code, locale), "no {code} in {locale}");
    }
    assert!(!has("identical", "de"), "`[check.locale.de]` turns it off");
    assert!(findings.iter().any(
        |f| f.code.as_str() == "french-spacing" && f.severity == ftlkit::lint::Severity::Error
    ));
}
