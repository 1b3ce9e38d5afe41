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
    // And back out of the folder: the folder it leaves empty goes too.
    let back: Vec<Move> = moves
        .iter()
        .map(|m| Move {
            from_doc: m.to_doc.clone(),
            from_id: m.to_id.clone(),
            to_doc: m.from_doc.clone(),
            to_id: m.from_id.clone(),
        })
        .collect();
    let references = std::collections::HashMap::from([("article".to_string(), english)]);
    let gone = std::collections::HashSet::from(["guide/iraq".to_string()]);
    ftlkit::extract::carry::carry(&project, &back, &references, &gone).unwrap();
    assert_eq!(read(root.join("locales/ar/article.ftl")), old);
    assert_eq!(read(root.join("l10n-state/ar/article.json")), state);
    assert!(!root.join("locales/ar/guide").exists());
    assert!(!root.join("l10n-state/ar/guide").exists());
    assert!(root.join("locales/ar").is_dir());
}

mod random {
    //! Random documents, translations, comments and junk, then a rename, a
    //! split or a split and a merge: no line a translator wrote is lost
    //! (each translation line is somewhere, under whatever id it has now).

    use super::*;
    use ftlkit::project::Project;
    use proptest::prelude::*;
    use std::collections::BTreeMap;

    #[derive(Debug, Clone, Copy)]
    enum Move {
        Rename,
        Split(usize),
        SplitAndMerge(usize),
    }

    fn paragraphs(n: usize) -> Vec<String> {
        const WORDS: [&str; 8] = [
            "river", "border", "council", "harvest", "station", "market", "bridge", "valley",
        ];
        (0..n)
            .map(|i| {
                format!(
                    "The {} near the {} saw the {} in year {i}.",
                    WORDS[i % 8],
                    WORDS[(i / 2 + 3) % 8],
                    WORDS[(i / 3 + 5) % 8]
                )
            })
            .collect()
    }

    fn write(root: &Path, name: &str, title: &str, body: &[String]) {
        let mut md = format!("# {title}\n\n");
        for p in body {
            md.push_str(p);
            md.push_str("\n\n");
        }
        std::fs::write(root.join(format!("content/{name}.md")), md).unwrap();
    }

    fn extract(root: &Path) {
        ftlkit::extract::run::extract(&Project::load(root).unwrap()).unwrap();
    }

    /// Every line of every French file, ids cut off (`= value` stays).
    fn french_lines(root: &Path) -> BTreeMap<String, usize> {
        let mut out = BTreeMap::new();
        for entry in std::fs::read_dir(root.join("locales/fr")).unwrap() {
            let text = read(entry.unwrap().path());
            for line in text.lines().filter(|l| !l.trim().is_empty()) {
                *out.entry(without_id(line)).or_default() += 1;
            }
        }
        out
    }

    /// French translations whose id the English has, over every document.
    fn counted(root: &Path) -> usize {
        let mut n = 0;
        for entry in std::fs::read_dir(root.join("locales/en-US")).unwrap() {
            let path = entry.unwrap().path();
            let fr = root.join("locales/fr").join(path.file_name().unwrap());
            if !fr.exists() {
                continue;
            }
            let ids: Vec<String> = messages(&read(&path)).into_iter().map(|m| m.0).collect();
            // (`state::sources`, not `messages`: the translator's junk is there.)
            n += ftlkit::state::sources(&read(&fr))
                .iter()
                .filter(|(id, v)| ids.contains(id) && v.starts_with("Traduction"))
                .count();
        }
        n
    }

    fn without_id(line: &str) -> String {
        match line.split_once(" = ") {
            Some((id, value)) if !id.starts_with('#') && !id.contains(' ') => format!("= {value}"),
            _ => line.to_string(),
        }
    }

    fn run(n: usize, translate: &[bool], notes: &[usize], how: Move) -> Result<(), TestCaseError> {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        for dir in ["content", "locales/en-US", "locales/fr"] {
            std::fs::create_dir_all(root.join(dir)).unwrap();
        }
        std::fs::write(root.join("ftlkit.toml"), "locales = [\"fr\"]\n").unwrap();
        let body = paragraphs(n);
        write(root, "doc", "The Valley", &body);
        extract(root);
        // The translator translates some messages, with a note above some,
        // and writes a comment and a broken line at the end.
        let english = read(root.join("locales/en-US/doc.ftl"));
        let mut fr = String::new();
        let mut written = Vec::new();
        for (k, (id, _)) in messages(&english).into_iter().enumerate() {
            if translate.get(k).copied().unwrap_or(false) {
                if notes.contains(&k) {
                    let note = format!("# Note {k}: check the name");
                    fr.push_str(&note);
                    fr.push('\n');
                    written.push(note);
                }
                let line = format!("{id} = Traduction {k}");
                fr.push_str(&line);
                fr.push('\n');
                written.push(line);
            }
        }
        fr.push_str("\n# Ask the editor about the title\nbroken line without an equals sign\n");
        written.push("# Ask the editor about the title".into());
        written.push("broken line without an equals sign".into());
        std::fs::write(root.join("locales/fr/doc.ftl"), &fr).unwrap();
        extract(root);
        let at = |i: usize| 1 + i % (n - 1);
        match how {
            Move::Rename => {
                std::fs::remove_file(root.join("content/doc.md")).unwrap();
                write(root, "valley", "The Valley", &body);
            }
            Move::Split(i) | Move::SplitAndMerge(i) => {
                write(root, "doc", "The Valley", &body[..at(i)]);
                write(root, "second", "Later Years", &body[at(i)..]);
            }
        }
        extract(root);
        if let Move::SplitAndMerge(_) = how {
            std::fs::remove_file(root.join("content/second.md")).unwrap();
            write(root, "doc", "The Valley", &body);
            extract(root);
        }
        // Every translation still counts: under the English's ids now.
        let translated = translate.iter().take(n + 1).filter(|t| **t).count();
        prop_assert_eq!(counted(root), translated, "{:?}", how);
        let now = french_lines(root);
        let mut wanted: BTreeMap<String, usize> = BTreeMap::new();
        for l in &written {
            *wanted.entry(without_id(l)).or_default() += 1;
        }
        for (l, count) in wanted {
            prop_assert!(
                now.get(&l).copied().unwrap_or(0) >= count,
                "{how:?} lost {l:?}: {now:#?}"
            );
        }
        Ok(())
    }

    fn a_move() -> impl Strategy<Value = Move> {
        prop_oneof![
            Just(Move::Rename),
            (0..20usize).prop_map(Move::Split),
            (0..20usize).prop_map(Move::SplitAndMerge),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(32))]

        #[test]
        fn moves_never_lose_a_translator_line(
            n in 2..9usize,
            translate in prop::collection::vec(any::<bool>(), 10),
            notes in prop::collection::vec(0..10usize, 0..3),
            how in a_move(),
        ) {
            run(n, &translate, &notes, how)?;
        }
    }
}
