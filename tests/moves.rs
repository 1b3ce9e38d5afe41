//! Documents that move keep their translations: a rename, a split, a merge of
//! the shipped article, then `extract`, and every locale keeps what it had
//! (status counts, stale records, the translators' bytes); a translation
//! left without its document stays offered by the translation memory.

mod common;
use common::*;
use std::path::Path;

const STALE_OLD: &str = "Iyad Allawi took over, and then Ibrahim al-Jaafari";
const STALE_NEW: &str = "Iyad Allawi came to power, followed by Ibrahim al-Jaafari";
const LOCALES: [&str; 3] = ["ar", "ckb", "fr"];

/// The shipped project with its stale records, one paragraph's English
/// changed since its translations (so each locale has a stale message).
fn project_with_a_stale_message() -> tempfile::TempDir {
    let tmp = shipped_copy();
    let root = tmp.path();
    copy_dir(&repo().join("l10n-state"), &root.join("l10n-state"));
    let md = root.join("content/article.md");
    std::fs::write(&md, read(&md).replace(STALE_OLD, STALE_NEW)).unwrap();
    assert_eq!(ftlkit(root, &["extract"]).code, 0);
    tmp
}

/// Per locale: (translated, stale, missing, obsolete), as `status` counts them.
fn counts(root: &Path) -> Vec<(String, [u64; 4])> {
    let run = ftlkit(root, &["status", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    json["locales"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            let n = |k: &str| l[k].as_u64().unwrap();
            (
                l["locale"].as_str().unwrap().to_string(),
                [n("translated"), n("stale"), n("missing"), n("obsolete")],
            )
        })
        .collect()
}

/// A locale file with every message id replaced by `ID` (ids are the only
/// bytes a move may change).
fn without_ids(text: &str) -> String {
    let id = regex::Regex::new(r"(?m)^(# \(untranslated\) )?[a-z][a-z0-9-]* =").unwrap();
    id.replace_all(text, "${1}ID =").into_owned()
}

fn split_at_militias(root: &Path) {
    let md = root.join("content/article.md");
    let text = read(&md);
    let at = text.find("## Iraqi Militias").unwrap();
    std::fs::write(&md, &text[..at]).unwrap();
    let second = text[at..].replacen("## Iraqi Militias", "# Iraqi Militias", 1);
    std::fs::write(root.join("content/militias.md"), second).unwrap();
}

#[test]
fn a_renamed_document_keeps_every_translation_stale_record_and_byte() {
    let tmp = project_with_a_stale_message();
    let root = tmp.path();
    let before = counts(root);
    assert!(before.iter().all(|(_, c)| c[1] == 1), "{before:?}");
    let summary = |root: &Path| {
        let check = ftlkit(root, &["check"]);
        let line = check.stdout.lines().find(|l| l.contains(" errors, "));
        line.unwrap_or_default().to_string()
    };
    let check_before = summary(root);
    assert!(
        check_before.starts_with("0 errors, 3 warnings"),
        "{check_before}"
    );
    let old: Vec<String> = LOCALES
        .iter()
        .map(|l| read(root.join(format!("locales/{l}/article.ftl"))))
        .collect();

    // What should move: every English message, and each locale's translations.
    let english: Vec<String> = messages(&read(root.join("locales/en-US/article.ftl")))
        .into_iter()
        .map(|m| m.0)
        .collect();
    let carried: Vec<String> = LOCALES
        .iter()
        .zip(&old)
        .map(|(l, text)| {
            let n = messages(text)
                .iter()
                .filter(|m| english.contains(&m.0))
                .count();
            format!("{l} {n}")
        })
        .collect();
    assert!(carried.iter().all(|c| !c.ends_with(" 0")), "{carried:?}");

    std::fs::rename(
        root.join("content/article.md"),
        root.join("content/iraq.md"),
    )
    .unwrap();
    let run = ftlkit(root, &["extract"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let line = format!(
        "← {} messages moved from article; translations carried: {}",
        english.len(),
        carried.join(", ")
    );
    assert!(run.stdout.contains(&line), "{line}\n{}", run.stdout);
    assert!(run
        .stdout
        .contains("locales/ar/article.ftl renamed for iraq"));
    assert_eq!(counts(root), before);
    for (l, old) in LOCALES.iter().zip(&old) {
        assert!(!root.join(format!("locales/{l}/article.ftl")).exists());
        assert!(!root.join(format!("l10n-state/{l}/article.json")).exists());
        let new = read(root.join(format!("locales/{l}/iraq.ftl")));
        assert_eq!(without_ids(&new), without_ids(old), "{l}");
        assert!(new.contains("iraq-title = "), "{l}");
    }
    // The stale one is still stale, under its new id.
    let run = ftlkit(root, &["status", "ar", "--untranslated"]);
    let stale = regex::Regex::new(r"iraq-[a-z-]+-iyad-allawi-came \(stale: the English changed\)");
    assert!(stale.unwrap().is_match(&run.stdout), "{}", run.stdout);
    assert!(
        run.stdout.contains("was: Iyad Allawi took over"),
        "{}",
        run.stdout
    );
    // A second extract has nothing more to do; check has nothing against it.
    let again = ftlkit(root, &["extract"]);
    assert!(!again.stdout.contains("moved"), "{}", again.stdout);
    // check says what it said before: the three stale warnings, no more.
    assert_eq!(summary(root), check_before);
    // And the build still publishes every locale.
    let build = ftlkit(root, &["build"]);
    assert_eq!(build.code, 0, "{}", build.stderr);
    for l in LOCALES {
        assert!(root.join(format!("dist/{l}/iraq.html")).exists(), "{l}");
    }
}

#[test]
fn a_split_document_keeps_both_halves_translations_and_a_merge_brings_them_back() {
    let tmp = project_with_a_stale_message();
    let root = tmp.path();
    let before = counts(root);
    let original = read(root.join("content/article.md"));

    split_at_militias(root);
    let run = ftlkit(root, &["extract", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let militias = json["documents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["doc"] == "militias")
        .unwrap();
    assert_eq!(militias["moved_from"][0]["doc"], "article");
    // Arabic translates everything: every message of the second half moved.
    let second = messages(&read(root.join("locales/en-US/militias.ftl"))).len();
    assert_eq!(militias["moved_from"][0]["translations"]["ar"], second);
    // The heading became the second document's title: the same message.
    assert_eq!(counts(root), before);
    let ar = read(root.join("locales/ar/militias.ftl"));
    assert!(
        ar.starts_with("# ar translation of militias.ftl.\n"),
        "{ar}"
    );
    assert!(
        ar.contains("militias-title = الميليشيات العراقية\n"),
        "{ar}"
    );
    // Messages in the English file's order, as sync would place them.
    let ids = |text: &str| -> Vec<String> { messages(text).into_iter().map(|m| m.0).collect() };
    assert_eq!(
        ids(&ar),
        ids(&read(root.join("locales/en-US/militias.ftl")))
    );
    assert!(!read(root.join("locales/ar/article.ftl")).contains("ميليشيا الحشد الشعبي، بل"));

    // Merged back: the second file's translations return, its file goes.
    std::fs::write(root.join("content/article.md"), &original).unwrap();
    std::fs::remove_file(root.join("content/militias.md")).unwrap();
    let run = ftlkit(root, &["extract"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("moved from militias"), "{}", run.stdout);
    assert!(
        run.stdout
            .contains("locales/ar/militias.ftl removed: every translation in it moved"),
        "{}",
        run.stdout
    );
    assert_eq!(counts(root), before);
    for l in LOCALES {
        assert!(
            !root.join(format!("locales/{l}/militias.ftl")).exists(),
            "{l}"
        );
    }
}

#[test]
fn a_document_moved_into_a_folder_by_rename_keeps_a_bom_and_crlf() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("content")).unwrap();
    std::fs::write(
        root.join("content/old.md"),
        "# Water\n\nRivers carry water to the sea.\n\nHills stand still.\n",
    )
    .unwrap();
    assert_eq!(ftlkit(root, &["extract"]).code, 0);
    assert_eq!(ftlkit(root, &["init", "ar"]).code, 0);
    let ar = root.join("locales/ar/old.ftl");
    let text = read(&ar)
        .replace("# (untranslated) old-title = Water", "old-title = ماء")
        .replace('\n', "\r\n");
    std::fs::write(&ar, format!("\u{feff}{text}")).unwrap();
    std::fs::rename(root.join("content/old.md"), root.join("content/new.md")).unwrap();
    let run = ftlkit(root, &["extract"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let bytes = std::fs::read(root.join("locales/ar/new.ftl")).unwrap();
    let new = String::from_utf8(bytes).unwrap();
    assert!(new.starts_with('\u{feff}'), "{new:?}");
    assert!(new.contains("\r\nnew-title = ماء\r\n"), "{new:?}");
    assert!(
        new.contains("# (untranslated) new-intro-rivers-carry-water = Rivers"),
        "{new:?}"
    );
    assert_eq!(without_ids(&new), without_ids(&format!("\u{feff}{text}")));
}

#[test]
fn translations_left_without_their_document_stay_in_the_memory_and_check_keeps_them() {
    let tmp = shipped_copy();
    let root = tmp.path();
    copy_dir(&repo().join("l10n-state"), &root.join("l10n-state"));
    std::fs::remove_file(root.join("content/article.md")).unwrap();
    std::fs::write(
        root.join("content/other.md"),
        "# Other\n\nSomething else.\n",
    )
    .unwrap();
    let run = ftlkit(root, &["extract"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("the translation memory offers them"),
        "{}",
        run.stdout
    );
    assert!(root.join("locales/ar/article.ftl").exists());
    let found = ftlkit(root, &["memory", "search", "ar", "17 years since"]);
    assert_eq!(found.code, 0, "{}", found.stderr);
    assert!(
        found
            .stdout
            .contains("article: article-intro-17-years-since"),
        "{}",
        found.stdout
    );
    assert!(
        found
            .stdout
            .contains("مضى ١٧ عاماً على الغزو الأمريكي للعراق"),
        "{}",
        found.stdout
    );
    let check = ftlkit(root, &["check", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&check.stdout).unwrap();
    let obsolete: Vec<&serde_json::Value> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "obsolete-file")
        .collect();
    assert_eq!(obsolete.len(), 3, "{}", check.stdout);
    for f in obsolete {
        let message = f["message"].as_str().unwrap();
        assert!(
            !message.contains("remove") && !message.contains("delete"),
            "{message}"
        );
        assert!(message.contains("translation memory"), "{message}");
    }
}

/// Document names are opaque: a name with a folder in it (as a content tree
/// names its documents, `guide/iraq`) gets its translations in that folder.
#[test]
fn translations_carried_to_a_nested_name_land_in_its_folder() {
    use ftlkit::extract::moves::Move;
    let tmp = shipped_copy();
    let root = tmp.path();
    copy_dir(&repo().join("l10n-state"), &root.join("l10n-state"));
    let project = ftlkit::project::Project::load(root).unwrap();
    let english = read(root.join("locales/en-US/article.ftl"));
    let moves: Vec<Move> = messages(&english)
        .into_iter()
        .map(|(id, _)| Move {
            from_doc: "article".into(),
            to_id: id.replacen("article-", "guide-iraq-", 1),
            from_id: id,
            to_doc: "guide/iraq".into(),
        })
        .collect();
    let renamed = english.replace("article-", "guide-iraq-");
    let references = std::collections::HashMap::from([("guide/iraq".to_string(), renamed)]);
    let gone = std::collections::HashSet::from(["article".to_string()]);
    let old = read(root.join("locales/ar/article.ftl"));
    let state = read(root.join("l10n-state/ar/article.json"));
    let carried = ftlkit::extract::carry::carry(&project, &moves, &references, &gone).unwrap();
    assert_eq!(carried.len(), 1);
    assert_eq!(carried[0].to, "guide/iraq");
    let new = read(root.join("locales/ar/guide/iraq.ftl"));
    assert_eq!(new, old.replace("\narticle-", "\nguide-iraq-"));
    let new_state = read(root.join("l10n-state/ar/guide/iraq.json"));
    assert_eq!(new_state, state.replace("\"article-", "\"guide-iraq-"));
    assert!(!root.join("locales/ar/article.ftl").exists());
    assert!(!root.join("l10n-state/ar/article.json").exists());
}
