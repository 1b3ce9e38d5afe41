//! The translation memory through the CLI, on a copy of the shipped project
//! (its real Arabic, Kurdish and French translations and `l10n-state/`):
//! `status --untranslated --suggest`, `export`'s matches, `memory export` and
//! `memory search`, `sync --fill-exact`, and TMX files named in ftlkit.toml.

mod common;

use common::{copy_dir, ftlkit, read, repo, shipped_copy};
use serde_json::Value;
use std::path::Path;

/// The shipped project with its stale records, an edited paragraph in the
/// article ("collapsed" became "fell apart"), its number changed ("17" became
/// "18"), and a second document repeating the article's title and the edited
/// paragraph.
fn edited_project() -> tempfile::TempDir {
    let dir = shipped_copy();
    copy_dir(&repo().join("l10n-state"), &dir.path().join("l10n-state"));
    let article = dir.path().join("content/article.md");
    let text = read(&article);
    let collapsed = "The country then collapsed and began";
    assert!(text.contains(collapsed) && text.contains("It has been 17 years since"));
    let text = text
        .replace(collapsed, "The country then fell apart and began")
        .replace("It has been 17 years since", "It has been 18 years since");
    std::fs::write(&article, &text).unwrap();
    let paragraph = text
        .lines()
        .find(|l| l.starts_with("The country then fell apart"))
        .unwrap();
    std::fs::write(
        dir.path().join("content/notes.md"),
        format!("# Notes\n\n{paragraph}\n\nAl-Kadhimi and the Iraqi Hope\n"),
    )
    .unwrap();
    let run = ftlkit(dir.path(), &["extract"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = ftlkit(dir.path(), &["sync"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    dir
}

/// Names TMX files (`"a.tmx", "b.tmx"`) in the project's `[memory] files`.
fn memory_files(root: &Path, files: &str) {
    let config = root.join("ftlkit.toml");
    let mut toml = read(&config);
    toml.push_str(&format!("\n[memory]\nfiles = [{files}]\n"));
    std::fs::write(&config, toml).unwrap();
}

/// `status ar --untranslated --suggest --format json`.
const SUGGEST_AR: [&str; 6] = [
    "status",
    "ar",
    "--untranslated",
    "--suggest",
    "--format",
    "json",
];

fn json(root: &Path, args: &[&str]) -> Value {
    let run = ftlkit(root, args);
    assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {}", run.stdout))
}

fn untranslated<'a>(report: &'a Value, id: &str) -> &'a Value {
    report["untranslated"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["id"] == id)
        .unwrap_or_else(|| panic!("{id} not untranslated: {report:#}"))
}

#[test]
fn status_suggests_own_previous_translation_a_repeat_and_carried_numbers() {
    let dir = edited_project();
    let root = dir.path();
    let report = json(root, &SUGGEST_AR);
    let arabic_before = read(repo().join("locales/ar/article.ftl"));

    // The edited paragraph, repeated in notes: its top fuzzy match is the
    // article paragraph's own translation, made from the English before the edit.
    let notes = untranslated(&report, "notes-intro-country-fell-apart");
    let best = &notes["suggestions"][0];
    assert_eq!(best["kind"], "fuzzy", "{best:#}");
    assert!(best["score"].as_u64().unwrap() >= 90, "{best:#}");
    assert!(best["score"].as_u64().unwrap() < 100, "{best:#}");
    assert_eq!(
        best["origin"],
        "article: article-intro-where-country-collapsed (before the English changed)"
    );
    assert!(best["english"].as_str().unwrap().contains("then collapsed"));
    let text = best["text"].as_str().unwrap();
    assert!(text.contains("انهارت البلاد"), "{text}");
    assert!(
        arabic_before.contains(text),
        "not the article's Arabic: {text}"
    );

    // The title, repeated as a paragraph of another document: 100%.
    let repeat = untranslated(&report, "notes-intro-kadhimi-iraqi-hope");
    assert_eq!(repeat["suggestions"][0]["score"], 100);
    assert_eq!(repeat["suggestions"][0]["kind"], "exact");
    assert_eq!(repeat["suggestions"][0]["text"], "الكاظمي والأمل العراقي");
    assert_eq!(repeat["suggestions"][0]["origin"], "article: article-title");

    // "17" became "18": the stale translation with the number carried over,
    // in the Arabic-Indic digits the translation uses.
    let years = untranslated(&report, "article-intro-17-years-since");
    let carried = &years["suggestions"][0];
    assert_eq!(carried["kind"], "carried", "{carried:#}");
    let text = carried["text"].as_str().unwrap();
    assert!(text.contains("١٨") && !text.contains("١٧"), "{text}");

    // A message with nothing close has no suggestions.
    assert!(untranslated(&report, "notes-title")
        .get("suggestions")
        .is_none());

    // The human report prints the best match under the message.
    let run = ftlkit(root, &["status", "ar", "--untranslated", "--suggest"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("memory 100% exact (from article: article-title): الكاظمي والأمل العراقي"),
        "{}",
        run.stdout
    );
    // Without --suggest, no memory is consulted.
    let plain = ftlkit(root, &["status", "ar", "--untranslated"]);
    assert!(!plain.stdout.contains("memory "), "{}", plain.stdout);
}

#[test]
fn export_hands_the_best_match_to_cat_tools_and_import_ignores_it() {
    let dir = edited_project();
    let root = dir.path();
    let po = root.join("ckb.po");
    let run = ftlkit(root, &["export", "ckb", "-o", po.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let po_text = read(&po);
    // A translator comment before the unit, never the msgstr.
    let at = po_text
        .find("msgctxt \"notes-intro-kadhimi-iraqi-hope\"")
        .unwrap();
    let unit = &po_text[po_text[..at].rfind("\n\n").unwrap()..];
    assert!(
        unit.starts_with("\n\n# Translation memory (100%, exact, from article: article-title):\n"),
        "{unit}"
    );
    let msgstr = unit.lines().find(|l| l.starts_with("msgstr")).unwrap();
    assert_eq!(msgstr, "msgstr \"\"");

    let xlf = root.join("ckb.xlf");
    let run = ftlkit(root, &["export", "ckb", "-o", xlf.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let xlf_text = read(&xlf);
    assert!(
        xlf_text.contains("<alt-trans match-quality=\"100\" origin=\"article: article-title\""),
        "{xlf_text}"
    );
    let without = ftlkit(root, &["export", "ckb", "--no-memory"]);
    assert!(!without.stdout.contains("<alt-trans"));

    // Imported as exported, the matches are not taken for translations.
    for file in [&po, &xlf] {
        let run = ftlkit(root, &["import", file.to_str().unwrap(), "--dry-run"]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert!(
            !run.stdout.contains("notes-intro-kadhimi-iraqi-hope"),
            "{}",
            run.stdout
        );
    }
}

#[test]
fn fill_exact_writes_100_percent_matches_marked_stale_until_reviewed() {
    let dir = edited_project();
    let root = dir.path();
    let notes = root.join("locales/ar/notes.ftl");
    let before = read(&notes);
    let dry = ftlkit(root, &["sync", "ar", "--fill-exact", "--dry-run"]);
    assert_eq!(dry.code, 0, "{}", dry.stderr);
    assert!(
        dry.stdout.contains("would fill 1 message"),
        "{}",
        dry.stdout
    );
    assert_eq!(read(&notes), before, "--dry-run wrote");

    let run = ftlkit(root, &["sync", "ar", "--fill-exact", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let report: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(
        report["filled"][0]["messages"][0]["id"],
        "notes-intro-kadhimi-iraqi-hope"
    );
    let after = read(&notes);
    assert!(after.contains("\nnotes-intro-kadhimi-iraqi-hope = الكاظمي والأمل العراقي\n"));
    // Only the 100% match: the 95% paragraph stays a template.
    assert!(after.contains("# (untranslated) notes-intro-country-fell-apart = "));
    // Every other line of the translator's file is kept.
    for line in before.lines().filter(|l| !l.contains("kadhimi-iraqi-hope")) {
        assert!(after.contains(line), "lost: {line}");
    }

    // Filled is not done: stale, with a warning that says so.
    let status = json(
        root,
        &["status", "ar", "--untranslated", "--format", "json"],
    );
    let filled = untranslated(&status, "notes-intro-kadhimi-iraqi-hope");
    assert_eq!(filled["stale"], true);
    let check = ftlkit(root, &["check", "ar"]);
    assert!(
        check
            .stdout
            .contains("was filled in from the translation memory (article: article-title)"),
        "{}",
        check.stdout
    );
    // Running again changes nothing; extract keeps the record.
    let state = root.join("l10n-state/ar/notes.json");
    let recorded = read(&state);
    assert!(
        recorded.contains("\"memory\": \"article: article-title\""),
        "{recorded}"
    );
    for args in [&["extract"][..], &["sync", "--fill-exact"]] {
        assert_eq!(ftlkit(root, args).code, 0);
        assert_eq!(read(&state), recorded, "{args:?} changed the record");
        assert_eq!(read(&notes), after);
    }
    // A translator accepts it: translated.
    let run = ftlkit(root, &["accept", "ar", "notes-intro-kadhimi-iraqi-hope"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let status = json(
        root,
        &["status", "ar", "--untranslated", "--format", "json"],
    );
    assert!(!status["untranslated"]
        .as_array()
        .unwrap()
        .iter()
        .any(|u| u["id"] == "notes-intro-kadhimi-iraqi-hope"));
}

#[test]
fn memory_export_writes_tmx_that_loads_back_as_a_configured_memory() {
    let dir = edited_project();
    let root = dir.path();
    let tmx = root.join("old.tmx");
    let run = ftlkit(
        root,
        &["memory", "export", "ar", "-o", tmx.to_str().unwrap()],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = read(&tmx);
    assert!(text.starts_with(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE tmx SYSTEM \"tmx14.dtd\">"
    ));
    assert!(text.contains("<tuv xml:lang=\"ar\"><seg>الكاظمي والأمل العراقي</seg></tuv>"));

    // The project's translations gone, the TMX named in ftlkit.toml brings
    // the match back, with the TMX file and line as its origin.
    std::fs::remove_dir_all(root.join("l10n-state/ar")).unwrap();
    std::fs::write(root.join("locales/ar/article.ftl"), "").unwrap();
    memory_files(root, "\"old.tmx\"");
    let report = json(root, &SUGGEST_AR);
    let best = &untranslated(&report, "notes-intro-kadhimi-iraqi-hope")["suggestions"][0];
    assert_eq!(best["text"], "الكاظمي والأمل العراقي");
    assert!(
        best["origin"].as_str().unwrap().contains("old.tmx:"),
        "{best:#}"
    );

    let run = ftlkit(root, &["memory", "search", "ar", "IRAQI HOPE"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("الكاظمي والأمل العراقي"),
        "{}",
        run.stdout
    );
}

#[test]
fn bad_tmx_files_are_warnings_naming_file_and_line_and_the_rest_still_works() {
    let dir = edited_project();
    let root = dir.path();
    std::fs::write(
        root.join("broken.tmx"),
        "<?xml version=\"1.0\"?>\n<tmx version=\"1.4\"><body>\n<tu><tuv xml:lang=\"en\"><seg>x</seg></tuv>\n</body></tmx>\n",
    )
    .unwrap();
    std::fs::write(
        root.join("german.tmx"),
        "<?xml version=\"1.0\"?>\n<tmx version=\"1.4\"><header srclang=\"en\"/><body>\n<tu><tuv xml:lang=\"en\"><seg>Hello</seg></tuv><tuv xml:lang=\"de\"><seg>Hallo</seg></tuv></tu>\n</body></tmx>\n",
    )
    .unwrap();
    let unit = "<tu><tuv xml:lang=\"en-US\"><seg>Notes</seg></tuv><tuv xml:lang=\"ar\"><seg>ملاحظات</seg></tuv></tu>\n";
    std::fs::write(
        root.join("twice.tmx"),
        format!("<?xml version=\"1.0\"?>\n<tmx version=\"1.4\"><header srclang=\"en-US\"/><body>\n{unit}{unit}</body></tmx>\n"),
    )
    .unwrap();
    // Over the 64 MB a TMX file may have (sparse: no time spent writing it).
    let huge = std::fs::File::create(root.join("huge.tmx")).unwrap();
    huge.set_len(65 * 1024 * 1024).unwrap();
    memory_files(
        root,
        "\"broken.tmx\", \"german.tmx\", \"absent.tmx\", \"twice.tmx\", \"huge.tmx\"",
    );
    let before = read(root.join("locales/ar/notes.ftl"));
    let run = ftlkit(root, &["status", "ar", "--untranslated", "--suggest"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("broken.tmx:4:"), "{}", run.stderr);
    assert!(
        run.stderr.contains("german.tmx") && run.stderr.contains("de"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("absent.tmx"), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("twice.tmx:4:1: 1 duplicate translation unit(s) skipped"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("huge.tmx") && run.stderr.contains("more than the 67 MB"),
        "{}",
        run.stderr
    );
    // The duplicated file's unit is used once.
    assert!(
        run.stdout.contains("memory 100% exact (from "),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("twice.tmx:3): ملاحظات"),
        "{}",
        run.stdout
    );
    // The project's own memory still answers.
    assert!(run.stdout.contains("memory 100% exact"), "{}", run.stdout);
    assert_eq!(read(root.join("locales/ar/notes.ftl")), before);
    assert!(!root.join("dist").exists());
}
