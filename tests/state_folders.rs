//! How `extract` writes the state records of a locale it records for the
//! first time (`l10n-state/<locale>` not there yet): the folder is made whole
//! under a temporary name and renamed into place, while a locale whose folder
//! exists gets its files one by one. Both give the same files; a failure
//! leaves no temporary folder and no half-recorded locale behind. Through the
//! real binary on the small book of `tests/fixtures/trees/book` (ar and fr
//! translate part of it).

mod common;
use common::{chmod, copy_dir, ftlkit, ftlkit_unprivileged, read, repo};
use std::collections::BTreeMap;
use std::path::Path;

fn book(dir: &Path) {
    copy_dir(&repo().join("tests/fixtures/trees/book"), dir);
}

/// Every file below `dir` by its path relative to it, with its bytes.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(dir: &Path, rel: &str, out: &mut BTreeMap<String, Vec<u8>>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let entry = entry.unwrap();
            let name = format!("{rel}{}", entry.file_name().to_string_lossy());
            if entry.file_type().unwrap().is_dir() {
                walk(&entry.path(), &format!("{name}/"), out);
            } else {
                out.insert(name, std::fs::read(entry.path()).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, "", &mut out);
    out
}

/// The temporary names ftlkit writes under (`.ftlkit-*.tmp`) anywhere below `dir`.
fn leftovers(dir: &Path) -> Vec<String> {
    tree(dir)
        .into_keys()
        .chain(folders(dir))
        .filter(|p| p.split('/').any(|c| c.starts_with(".ftlkit-")))
        .collect()
}

fn folders(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    for entry in entries.flatten() {
        if entry.file_type().unwrap().is_dir() {
            let name = entry.file_name().to_string_lossy().into_owned();
            out.push(name.clone());
            out.extend(
                folders(&entry.path())
                    .into_iter()
                    .map(|f| format!("{name}/{f}")),
            );
        }
    }
    out
}

#[test]
fn a_new_locale_folder_holds_what_file_by_file_writing_writes() {
    // Staged: neither locale has a state folder.
    let staged = tempfile::tempdir().unwrap();
    book(staged.path());
    let run = ftlkit(staged.path(), &["extract"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // File by file: both folders there (empty) before the extract.
    let plain = tempfile::tempdir().unwrap();
    book(plain.path());
    std::fs::create_dir_all(plain.path().join("l10n-state/ar")).unwrap();
    std::fs::create_dir_all(plain.path().join("l10n-state/fr")).unwrap();
    let run = ftlkit(plain.path(), &["extract"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let records = tree(&staged.path().join("l10n-state"));
    assert_eq!(records, tree(&plain.path().join("l10n-state")));
    // Every translated document of each locale has its records, nested ones
    // in their folders; nothing temporary is left.
    let names: Vec<&str> = records.keys().map(String::as_str).collect();
    assert_eq!(
        names,
        [
            "ar/README.json",
            "ar/SUMMARY.json",
            "ar/guide/more.json",
            "ar/guide/start.json",
            "ar/page.json",
            "fr/SUMMARY.json",
            "fr/guide/start.json",
            "fr/page.json",
        ]
    );
    let start = String::from_utf8(records["ar/guide/start.json"].clone()).unwrap();
    assert!(
        start.contains("\"english\": \"Install it\"") && start.contains("\"reviewed\": false"),
        "{start}"
    );
    assert!(leftovers(&staged.path().join("l10n-state")).is_empty());
    // The folder has the usual permissions, not a temporary folder's
    // owner-only ones.
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(staged.path().join("l10n-state/fr"))
        .unwrap()
        .permissions()
        .mode();
    assert_ne!(mode & 0o055, 0, "{mode:o}");
    // A second extract has nothing to record.
    let again = tree(&staged.path().join("l10n-state"));
    let run = ftlkit(staged.path(), &["extract"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(tree(&staged.path().join("l10n-state")), again);
}

#[test]
fn a_document_that_fails_leaves_the_other_records_whole() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    book(root);
    // ar has a state folder (written file by file), with a file of its own;
    // fr has none (staged). fr's translation of guide/start is a folder:
    // that document cannot be recorded.
    std::fs::create_dir_all(root.join("l10n-state/ar")).unwrap();
    std::fs::write(root.join("l10n-state/ar/notes.txt"), "mine\n").unwrap();
    let start = root.join("locales/fr/guide/start.ftl");
    std::fs::remove_file(&start).unwrap();
    std::fs::create_dir(&start).unwrap();
    let english = tree(&root.join("locales/en-US"));
    let run = ftlkit(root, &["extract"]);
    assert_ne!(run.code, 0, "{}", run.stdout);
    assert!(
        run.stderr.contains("locales/fr/guide/start.ftl") && run.stderr.contains("folder"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    // The other documents' records are in place, both locales, complete
    // (ar's of guide/start too: ar comes before fr); fr's of the one that
    // failed is not there, and nothing temporary is left.
    let records = tree(&root.join("l10n-state"));
    let names: Vec<&str> = records.keys().map(String::as_str).collect();
    assert_eq!(
        names,
        [
            "ar/README.json",
            "ar/SUMMARY.json",
            "ar/guide/more.json",
            "ar/guide/start.json",
            "ar/notes.txt",
            "fr/SUMMARY.json",
        ]
    );
    for (name, bytes) in &records {
        if name.ends_with(".json") {
            let json: serde_json::Value = serde_json::from_slice(bytes).unwrap();
            assert_eq!(json["version"], 1, "{name}");
        }
    }
    assert_eq!(read(root.join("l10n-state/ar/notes.txt")), "mine\n");
    assert!(leftovers(&root.join("l10n-state")).is_empty());
    // The English files are as they were (extract had nothing to change).
    assert_eq!(tree(&root.join("locales/en-US")), english);
    // Fixed, the document is recorded too.
    std::fs::remove_dir(&start).unwrap();
    std::fs::copy(
        repo().join("tests/fixtures/trees/book/locales/fr/guide/start.ftl"),
        &start,
    )
    .unwrap();
    let run = ftlkit(root, &["extract"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(root.join("l10n-state/fr/guide/start.json").is_file());
}

#[test]
fn a_new_locale_folder_that_cannot_be_made_leaves_nothing() {
    let outer = tempfile::tempdir().unwrap();
    chmod(outer.path(), 0o755);
    let root = outer.path().join("book");
    book(&root);
    std::fs::create_dir(root.join("l10n-state")).unwrap();
    let status = std::process::Command::new("chmod")
        .args(["-R", "a+rwX"])
        .arg(&root)
        .status()
        .unwrap();
    assert!(status.success());
    // The state folder is read-only for whoever runs ftlkit.
    chmod(&root.join("l10n-state"), 0o555);
    let english = tree(&root.join("locales/en-US"));
    let run = ftlkit_unprivileged(&root, &["extract"]);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    assert_ne!(run.code, 0, "{}", run.stdout);
    assert!(run.stderr.contains("l10n-state"), "{}", run.stderr);
    assert!(folders(&root.join("l10n-state")).is_empty());
    assert!(tree(&root.join("l10n-state")).is_empty());
    assert_eq!(tree(&root.join("locales/en-US")), english);
    // Writable again, both locales are recorded.
    chmod(&root.join("l10n-state"), 0o777);
    let run = ftlkit_unprivileged(&root, &["extract"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(root.join("l10n-state/fr/guide/start.json").is_file());
    assert!(root.join("l10n-state/ar/README.json").is_file());
}
