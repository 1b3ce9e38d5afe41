//! The translator workflow end to end on the shipped article: the English
//! changes, translations go stale, translators see what changed and fix it.

mod common;
use common::*;
use std::path::Path;

const ID: &str = "article-ministers-after-fall-iyad-allawi-took";
const OLD: &str = "Iyad Allawi took over, and then Ibrahim al-Jaafari";
const NEW: &str = "Iyad Allawi came to power, followed by Ibrahim al-Jaafari";

fn status_json(root: &Path) -> serde_json::Value {
    let run = ftlkit(root, &["status", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    serde_json::from_str(&run.stdout).unwrap()
}

fn locale<'a>(json: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    json["locales"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["locale"] == id)
        .unwrap()
}

#[test]
fn editing_the_english_makes_translations_stale_until_translators_edit_them() {
    let tmp = shipped_copy();
    let root = tmp.path();
    std::fs::create_dir_all(root.join("l10n-state")).unwrap();
    copy_dir(&repo().join("l10n-state"), &root.join("l10n-state"));
    let before = status_json(root);
    for l in ["ar", "fr", "ckb"] {
        assert_eq!(locale(&before, l)["stale"], 0);
    }

    // The editor changes one paragraph and extracts. Nothing else to do.
    let md = root.join("content/article.md");
    std::fs::write(&md, read(&md).replace(OLD, NEW)).unwrap();
    assert_eq!(ftlkit(root, &["extract"]).code, 0);

    let after = status_json(root);
    for l in ["ar", "fr", "ckb"] {
        assert_eq!(
            locale(&after, l)["stale"],
            1,
            "{l}: only the edited message is stale"
        );
        let translated = locale(&before, l)["translated"].as_u64().unwrap();
        assert_eq!(
            locale(&after, l)["translated"].as_u64().unwrap(),
            translated - 1
        );
    }

    // The translator sees the previous and the current English.
    let run = ftlkit(root, &["status", "ar", "--untranslated"]);
    assert!(
        run.stdout
            .contains(&format!("  {ID} (stale: the English changed)")),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains(&format!("    was: {OLD}")),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains(&format!("    now: {NEW}")),
        "{}",
        run.stdout
    );
    // The same for CI and tools, as JSON.
    let run = ftlkit(
        root,
        &["status", "ar", "--untranslated", "--format", "json"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(json["locale"], "ar");
    let items = json["untranslated"].as_array().unwrap();
    let item = items
        .iter()
        .find(|i| i["id"] == ID)
        .expect("the stale message");
    assert_eq!(item["stale"], true);
    assert!(item["previous"].as_str().unwrap().contains(OLD));
    assert!(item["english"].as_str().unwrap().contains(NEW));
    assert!(item["path"].as_str().unwrap().ends_with("article.ftl"));

    // check warns; the build keeps the outdated Arabic rather than English.
    let run = ftlkit(root, &["check", "ar"]);
    assert_eq!(run.code, 0);
    assert!(run.stdout.contains("warning: [ar] stale"), "{}", run.stdout);
    assert_eq!(ftlkit(root, &["check", "ar", "--deny-warnings"]).code, 1);
    assert_eq!(ftlkit(root, &["build"]).code, 0);
    let html = read(root.join("dist/ar/article.html"));
    assert!(
        html.contains("تولّى إياد علاوي السلطة"),
        "stale translation kept"
    );

    // Configured to fall back, the build shows the English instead.
    let config = root.join("ftlkit.toml");
    std::fs::write(
        &config,
        read(&config).replace("[locale.ar]\n", "[locale.ar]\nfallback-on-stale = true\n"),
    )
    .unwrap();
    assert_eq!(ftlkit(root, &["build"]).code, 0);
    let html = read(root.join("dist/ar/article.html"));
    assert!(!html.contains("تولّى إياد علاوي السلطة"));
    assert!(html.contains(NEW), "English shown for the stale block");

    // The translator edits the Arabic: fresh at once, without any command.
    let ar = root.join("locales/ar/article.ftl");
    std::fs::write(
        &ar,
        read(&ar).replace("تولّى إياد علاوي السلطة", "وصل إياد علاوي إلى السلطة"),
    )
    .unwrap();
    let fixed = status_json(root);
    assert_eq!(locale(&fixed, "ar")["stale"], 0);
    assert_eq!(locale(&fixed, "fr")["stale"], 1, "fr is still stale");
    // A later extract records the new state and changes nothing else.
    assert_eq!(ftlkit(root, &["extract"]).code, 0);
    let again = status_json(root);
    assert_eq!(locale(&again, "ar")["stale"], 0);
    assert_eq!(locale(&again, "fr")["stale"], 1);
}

#[test]
fn pseudo_locales_build_and_the_bidi_one_is_right_to_left() {
    let tmp = shipped_copy();
    let root = tmp.path();
    let run = ftlkit(root, &["build", "--pseudo"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let xb = read(root.join("dist/ar-XB/article.html"));
    assert!(xb.starts_with("<!DOCTYPE html><html lang=\"ar-XB\" dir=\"rtl\">"));
    assert!(
        xb.contains('\u{202E}'),
        "words wrapped in right-to-left overrides"
    );
    let xa = read(root.join("dist/en-XA/article.html"));
    assert!(xa.contains("<html lang=\"en-XA\" dir=\"ltr\">"));
    let en = read(root.join("dist/en-US/article.txt"));
    let xa_txt = read(root.join("dist/en-XA/article.txt"));
    let grow = xa_txt.chars().count() as f64 / en.chars().count() as f64;
    assert!(grow > 1.25, "en-XA is about a third longer: {grow}");
    // Placeables still work: the byline's names and the reading time's number.
    assert!(
        xa_txt.contains("ÁÁƀđúúļĵááļííļ Ĥááĝéé") && xa_txt.contains("7 mííñ ŕééááđ"),
        "{xa_txt}"
    );
    // `ftlkit pseudo` writes the same locales as files, valid Fluent with the reference's ids.
    let run = ftlkit(root, &["pseudo"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for locale in ["en-XA", "ar-XB"] {
        for name in ["article", "page"] {
            let ids: Vec<String> =
                messages(&read(root.join(format!("locales/{locale}/{name}.ftl"))))
                    .into_iter()
                    .map(|(i, _)| i)
                    .collect();
            let reference: Vec<String> =
                messages(&read(root.join(format!("locales/en-US/{name}.ftl"))))
                    .into_iter()
                    .map(|(i, _)| i)
                    .collect();
            assert_eq!(ids, reference, "{locale}/{name}");
        }
    }
}

#[test]
fn commands_run_in_a_subfolder_find_the_project_above() {
    let tmp = shipped_copy();
    let root = tmp.path();
    let run_in = |dir: &std::path::Path, args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_ftlkit"))
            .current_dir(dir)
            .args(args)
            .output()
            .unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
        )
    };
    let (code, out) = run_in(&root.join("content"), &["build"]);
    assert_eq!(code, Some(0), "{out}");
    assert!(out.contains("files written to ../dist"), "{out}");
    assert!(root.join("dist/ar/article.html").is_file());
    assert!(!root.join("content/dist").exists());
    let (code, out) = run_in(&root.join("locales/ckb"), &["status", "ckb"]);
    assert_eq!(code, Some(0), "{out}");
    assert!(out.contains("ckb "), "{out}");
    let (code, out) = run_in(&root.join("locales/ckb"), &["extract"]);
    assert_eq!(code, Some(0), "{out}");
    assert!(out.contains("article: unchanged"), "{out}");
}

#[test]
fn the_source_locale_is_written_by_extract_only() {
    let tmp = shipped_copy();
    let root = tmp.path();
    // A hand edit of the generated English file: the build says which file and what to do.
    let en = root.join("locales/en-US/article.ftl");
    let text = read(&en);
    let edited = text
        .lines()
        .map(|l| {
            if l.starts_with("article-title = ") {
                "article-title = Edited by hand".to_string()
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n";
    std::fs::write(&en, edited).unwrap();
    let run = ftlkit(root, &["build"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("does not match locales/en-US/article.ftl at `article-title`")
            && run.stderr.contains("edited by hand")
            && run.stderr.contains("run `ftlkit extract`"),
        "{}",
        run.stderr
    );
    assert_eq!(ftlkit(root, &["extract"]).code, 0);
    assert_eq!(read(&en), text, "extract restores it from the document");
    let run = ftlkit(root, &["init", "en-US"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("`en-US` is the source locale"),
        "{}",
        run.stderr
    );
}

/// A stale translation the translator reviewed and that still reads right is
/// accepted as it is: `accept` records it against the new English; the
/// translation file is not touched; a misspelt id writes nothing.
#[test]
fn accept_clears_a_reviewed_stale_translation_without_touching_it() {
    let tmp = shipped_copy();
    let root = tmp.path();
    copy_dir(&repo().join("l10n-state"), &root.join("l10n-state"));
    let md = root.join("content/article.md");
    std::fs::write(&md, read(&md).replace(OLD, NEW)).unwrap();
    assert_eq!(ftlkit(root, &["extract"]).code, 0);
    assert_eq!(locale(&status_json(root), "fr")["stale"], 1);
    let fr = read(root.join("locales/fr/article.ftl"));
    let state = root.join("l10n-state/fr/article.json");
    let recorded = read(&state);

    // A typo among the ids: an error, and nothing is written.
    let run = ftlkit(root, &["accept", "fr", ID, "article-no-such-id"]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(run.stderr.contains("article-no-such-id"), "{}", run.stderr);
    assert_eq!(read(&state), recorded);
    // A dry run says what it would do and writes nothing.
    let run = ftlkit(root, &["accept", "fr", "--all", "--dry-run"]);
    assert!(
        run.stdout
            .contains(&format!("would accept fr/article: {ID}")),
        "{}",
        run.stdout
    );
    assert_eq!(read(&state), recorded);

    let run = ftlkit(root, &["accept", "fr", ID]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("fr: 1 stale translation accepted"),
        "{}",
        run.stdout
    );
    let after = status_json(root);
    assert_eq!(locale(&after, "fr")["stale"], 0);
    assert_eq!(
        locale(&after, "ar")["stale"],
        1,
        "other locales are theirs to review"
    );
    assert_eq!(read(root.join("locales/fr/article.ftl")), fr);
    assert!(
        read(&state).contains(NEW),
        "recorded against the new English"
    );
    // Accepting again: nothing stale any more.
    let run = ftlkit(root, &["accept", "fr", ID]);
    assert!(
        run.stdout.contains(&format!("not stale: {ID}")),
        "{}",
        run.stdout
    );
}
