//! `ftlkit export` / `ftlkit import`: XLIFF 1.2 and PO round trips on the
//! shipped article, one translated unit, stale units, and every refusal.

mod common;

use common::{copy_dir, drop_templates, ftlkit, read, repo, shipped_copy};
use std::path::Path;

const LOCALES: [&str; 3] = ["ar", "fr", "ckb"];

/// Every file under `locales/`, path → bytes.
fn snapshot(root: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for locale in std::fs::read_dir(root.join("locales")).unwrap() {
        let dir = locale.unwrap().path();
        for file in std::fs::read_dir(&dir).unwrap() {
            let path = file.unwrap().path();
            out.push((path.display().to_string(), std::fs::read(&path).unwrap()));
        }
    }
    out.sort();
    out
}

/// Exports `locale` to `root/<name>` and returns the text.
fn export(root: &Path, locale: &str, name: &str, extra: &[&str]) -> String {
    let file = root.join(name);
    let mut args = vec!["export", locale, "-o", file.to_str().unwrap()];
    args.extend_from_slice(extra);
    let run = ftlkit(root, &args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    read(&file)
}

fn import(root: &Path, name: &str, extra: &[&str]) -> common::Run {
    let file = root.join(name);
    let mut args = vec!["import", file.to_str().unwrap()];
    args.extend_from_slice(extra);
    ftlkit(root, &args)
}

#[test]
fn unchanged_import_is_a_no_op_in_both_formats() {
    let dir = shipped_copy();
    let before = snapshot(dir.path());
    for locale in LOCALES {
        for ext in ["po", "xlf"] {
            let name = format!("{locale}.{ext}");
            export(dir.path(), locale, &name, &[]);
            let run = import(dir.path(), &name, &[]);
            assert_eq!(run.code, 0, "{name}: {}", run.stderr);
            assert!(
                run.stdout.contains("nothing to change"),
                "{name}: {}",
                run.stdout
            );
        }
    }
    assert!(snapshot(dir.path()) == before, "files changed");
}

#[test]
fn po_maps_states_notes_and_placeables() {
    let dir = shipped_copy();
    let po = export(dir.path(), "ckb", "ckb.po", &[]);
    assert!(po.contains("\"Language: ckb\\n\""), "{po}");
    // A translated unit: id as msgctxt, English, translation, note, section, location.
    assert!(po.contains(
        "#. Title of the document, also the page title.\n#. Title and byline\n#: article.ftl:9\nmsgctxt \"article-title\"\nmsgid \"Al-Kadhimi and the Iraqi Hope\"\nmsgstr \"کازمی و هیوای عێراقی\"\n"
    ), "{po}");
    // An untranslated one: empty msgstr, no fuzzy flag.
    let heading = po
        .split("msgctxt \"article-iraqi-militias-heading\"\n")
        .nth(1)
        .unwrap();
    assert!(
        heading.starts_with("msgid \"Iraqi Militias\"\nmsgstr \"\"\n"),
        "{heading}"
    );
    // Placeables stay as Fluent text; a select expression is one unit.
    assert!(
        po.contains("msgctxt \"page-written-by\"\nmsgid \"Written by { $author }\"\n"),
        "{po}"
    );
    // A select expression: one unit per variant, the selector in the note.
    assert!(po.contains("#. Variant [one] of the selection on { $minutes }.\n#. Byline and reading time\n#: page.ftl[one]:19\nmsgctxt \"page-reading-time[one]\"\nmsgid \"{ $minutes } min read\"\n"), "{po}");
    // --only and --doc filter.
    let missing = export(
        dir.path(),
        "ckb",
        "m.po",
        &["--only", "missing", "--doc", "article"],
    );
    assert_eq!(missing.matches("msgctxt").count(), 19, "{missing}");
    assert!(!missing.contains("page-"));
}

#[test]
fn xliff_maps_states_notes_and_placeables() {
    let dir = shipped_copy();
    let x = export(dir.path(), "ar", "ar.xlf", &[]);
    assert!(x.contains("<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\">"));
    assert!(x.contains("<file original=\"article.ftl\" source-language=\"en-US\" target-language=\"ar\" datatype=\"plaintext\">"));
    assert!(x.contains(
        "<source>Written by <ph id=\"1\" ctype=\"x-fluent-placeable\" equiv-text=\"{ $author }\">{ $author }</ph></source>\n        <target state=\"translated\">بقلم <ph id=\"1\" ctype=\"x-fluent-placeable\" equiv-text=\"{ $author }\">{ $author }</ph></target>"
    ), "{x}");
    assert!(x.contains("<trans-unit id=\"article-title\" resname=\"article-title\" approved=\"yes\" xml:space=\"preserve\">"));
    let ckb = export(dir.path(), "ckb", "ckb.xlf", &[]);
    let unit = ckb
        .split("<trans-unit id=\"article-iraqi-militias-heading\"")
        .nth(1)
        .unwrap();
    assert!(unit.starts_with(" resname=\"article-iraqi-militias-heading\" xml:space=\"preserve\">\n        <source>Iraqi Militias</source>\n        <target state=\"new\"></target>"), "{unit}");
}

#[test]
fn translating_one_unit_changes_exactly_that_message() {
    let dir = shipped_copy();
    let path = dir.path().join("locales/ckb/article.ftl");
    drop_templates(&path);
    let before = read(&path);
    // PO: the heading of an untranslated section, in Sorani.
    let po = export(dir.path(), "ckb", "ckb.po", &[]);
    let po = po.replace(
        "msgid \"Iraqi Militias\"\nmsgstr \"\"",
        "msgid \"Iraqi Militias\"\nmsgstr \"میلیشیا عێراقییەکان\"",
    );
    std::fs::write(dir.path().join("ckb.po"), po).unwrap();
    let run = import(dir.path(), "ckb.po", &["--dry-run"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("would update 1 message\n  article-iraqi-militias-heading"),
        "{}",
        run.stdout
    );
    assert_eq!(read(&path), before, "--dry-run wrote");
    let run = import(dir.path(), "ckb.po", &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let after = read(&path);
    let added: Vec<&str> = after
        .lines()
        .filter(|l| !before.lines().any(|b| b == *l))
        .collect();
    assert_eq!(
        added,
        ["article-iraqi-militias-heading = میلیشیا عێراقییەکان"]
    );
    assert_eq!(after.lines().count(), before.lines().count() + 1);
    // After its neighbour, where sync would have put the template.
    let lines: Vec<&str> = after.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.starts_with("article-iraqi-militias-heading = "))
        .unwrap();
    assert!(
        lines[at - 1].starts_with("article-ministers-after-fall-kazemi-obtained-additional = "),
        "{after}"
    );
    assert_eq!(ftlkit(dir.path(), &["check", "ckb"]).code, 0);
    // Imported again: nothing left to do.
    assert!(import(dir.path(), "ckb.po", &[])
        .stdout
        .contains("nothing to change"));

    // XLIFF: an Arabic page string, its placeable kept as the inline code.
    let page = dir.path().join("locales/ar/page.ftl");
    let before = read(&page);
    let x = export(dir.path(), "ar", "ar.xlf", &[]);
    let x = x.replacen(
        "<target state=\"translated\">بقلم <ph",
        "<target state=\"translated\">كتبه <ph",
        1,
    );
    std::fs::write(dir.path().join("ar.xlf"), x).unwrap();
    let run = import(dir.path(), "ar.xlf", &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        read(&page),
        before.replace(
            "page-written-by = بقلم { $author }",
            "page-written-by = كتبه { $author }"
        )
    );
}

#[test]
fn templates_are_filled_in_place() {
    let dir = shipped_copy();
    assert_eq!(ftlkit(dir.path(), &["sync", "ckb"]).code, 0);
    let path = dir.path().join("locales/ckb/article.ftl");
    let before = read(&path);
    assert!(before.contains("\n# (untranslated) article-iraqi-militias-heading = Iraqi Militias\n"));
    let x = export(dir.path(), "ckb", "ckb.xlf", &[]);
    let x = x.replace(
        "<source>Iraqi Militias</source>\n        <target state=\"new\"></target>",
        "<source>Iraqi Militias</source>\n        <target state=\"translated\">میلیشیا عێراقییەکان</target>",
    );
    std::fs::write(dir.path().join("ckb.xlf"), x).unwrap();
    let run = import(dir.path(), "ckb.xlf", &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        read(&path),
        before.replace(
            "# (untranslated) article-iraqi-militias-heading = Iraqi Militias\n",
            "article-iraqi-militias-heading = میلیشیا عێراقییەکان\n"
        )
    );
}

/// The shipped project with its stale records, and the English of one
/// paragraph changed since Arabic and French translated it.
fn with_stale() -> tempfile::TempDir {
    let dir = shipped_copy();
    copy_dir(&repo().join("l10n-state"), &dir.path().join("l10n-state"));
    let md = dir.path().join("content/article.md");
    let text = read(&md).replace(
        "Al-Kadhimi and the Iraqi Hope",
        "Al-Kazimi and the Iraqi Hope",
    );
    std::fs::write(&md, text).unwrap();
    assert_eq!(ftlkit(dir.path(), &["extract"]).code, 0);
    dir
}

#[test]
fn stale_units_need_review_with_the_previous_english() {
    // A file exported before the English changed is refused, unit by unit.
    let early = shipped_copy();
    let old = export(early.path(), "ar", "old.po", &[]);
    let dir = with_stale();
    std::fs::write(
        dir.path().join("old.po"),
        old.replace("msgstr \"الكاظمي والأمل العراقي\"", "msgstr \"الكاظمي\""),
    )
    .unwrap();
    let run = import(dir.path(), "old.po", &[]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("unit `article-title`: the English changed since this file was exported"),
        "{}",
        run.stderr
    );
    let po = export(dir.path(), "ar", "ar.po", &[]);
    assert!(po.contains(
        "#, fuzzy\n#| msgid \"Al-Kadhimi and the Iraqi Hope\"\nmsgctxt \"article-title\"\nmsgid \"Al-Kazimi and the Iraqi Hope\"\nmsgstr \"الكاظمي والأمل العراقي\"\n"
    ), "{}", &po[..2000]);
    let x = export(dir.path(), "ar", "ar.xlf", &[]);
    assert!(x.contains("<trans-unit id=\"article-title\" resname=\"article-title\" approved=\"no\" xml:space=\"preserve\">\n        <source>Al-Kazimi and the Iraqi Hope</source>\n        <target state=\"needs-review-translation\">الكاظمي والأمل العراقي</target>"), "{x}");
    assert!(x.contains("<note from=\"ftlkit\" annotates=\"source\">The English changed; the translation was made from: Al-Kadhimi and the Iraqi Hope</note>"));
    let stale = export(dir.path(), "ar", "s.po", &["--only", "stale"]);
    assert_eq!(stale.matches("msgctxt").count(), 1);
    // Unchanged: still stale, nothing written.
    let before = snapshot(dir.path());
    assert!(import(dir.path(), "ar.po", &[])
        .stdout
        .contains("nothing to change"));
    assert!(snapshot(dir.path()) == before);
    // Reviewed and edited: written as a hand edit would be, no longer stale.
    let po = po.replace(
        "msgstr \"الكاظمي والأمل العراقي\"",
        "msgstr \"الكاظمي وأمل العراق\"",
    );
    std::fs::write(dir.path().join("ar.po"), po).unwrap();
    assert_eq!(import(dir.path(), "ar.po", &[]).code, 0);
    let status = ftlkit(dir.path(), &["status", "ar", "--format", "json"]).stdout;
    assert!(status.contains("\"stale\": 0"), "{status}");
}

#[test]
fn units_that_would_break_the_file_are_refused_and_nothing_is_written() {
    let dir = shipped_copy();
    let before = snapshot(dir.path());
    let po = export(dir.path(), "ar", "ar.po", &[]);
    let po = po
        .replace("msgstr \"بقلم { $author }\"", "msgstr \"بقلم\"")
        .replace(
            "msgstr \"تحرير { $editor }\"",
            "msgstr \"تحرير { $editor } { $author }\"",
        )
        .replace(
            "msgstr \"الكاظمي والأمل العراقي\"",
            "msgstr \"الكاظمي { والأمل العراقي\"",
        )
        .replace("msgctxt \"article-author\"", "msgctxt \"article-writer\"");
    std::fs::write(dir.path().join("ar.po"), &po).unwrap();
    let run = import(dir.path(), "ar.po", &[]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    let line_of = |needle: &str| po.lines().position(|l| l == needle).unwrap() + 1;
    for (ctxt, reason) in [
        ("article-title", "not valid Fluent"),
        ("article-writer", "unknown id"),
        ("page-written-by", "placeable lost: { $author }"),
        (
            "page-edited-by",
            "placeable the English does not have: { $author }",
        ),
    ] {
        let expected = format!(
            "ar.po:{}: unit `{ctxt}`: {reason}",
            line_of(&format!("msgctxt \"{ctxt}\""))
        );
        assert!(run.stderr.contains(&expected), "{expected}\n{}", run.stderr);
    }
    assert!(
        run.stdout.contains("nothing written (4 units refused)"),
        "{}",
        run.stdout
    );
    assert!(snapshot(dir.path()) == before);
}

#[test]
fn bad_files_are_errors_naming_file_and_line() {
    let dir = shipped_copy();
    let before = snapshot(dir.path());
    let fixtures = repo().join("tests/fixtures/exchange");
    let cases: [(&str, &[&str], &str); 7] = [
        ("malformed.xlf", &[], "malformed.xlf:5:"),
        ("doctype.xlf", &[], "doctype.xlf:2:1: a DOCTYPE"),
        (
            "german.po",
            &[],
            "the file is for `de`, which is not a translation of this project",
        ),
        ("plural.po", &[], "plural.po:8:1: a plural entry"),
        (
            "duplicate.po",
            &[],
            "duplicate.po:12:1: unit `article-title` again (first at line 7)",
        ),
        (
            "duplicate.po",
            &["--locale", "fr"],
            "the file is for `ar`, not `fr`",
        ),
        ("nolanguage.po", &[], "name it with --locale"),
    ];
    for (name, extra, expected) in cases {
        let mut args = vec![
            "import".to_string(),
            fixtures.join(name).to_str().unwrap().to_string(),
        ];
        args.extend(extra.iter().map(|s| s.to_string()));
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let run = ftlkit(dir.path(), &args);
        assert_eq!(run.code, 2, "{name}: {}", run.stdout);
        assert!(run.stderr.contains(expected), "{name}: {}", run.stderr);
        assert!(
            run.stderr.contains(name),
            "{name} not named: {}",
            run.stderr
        );
    }
    // A huge file is refused before it is read (a sparse file: no disk used).
    let huge = dir.path().join("huge.xlf");
    std::fs::File::create(&huge)
        .unwrap()
        .set_len(65 * 1024 * 1024)
        .unwrap();
    let run = import(dir.path(), "huge.xlf", &[]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("huge.xlf: 68157440 bytes is more than"),
        "{}",
        run.stderr
    );
    assert!(snapshot(dir.path()) == before);
}

#[test]
fn select_expressions_are_one_unit_per_variant_reassembled_on_import() {
    let dir = shipped_copy();
    let page = dir.path().join("locales/ar/page.ftl");
    let shipped = read(&page);
    let start = shipped.find("page-reading-time =").unwrap();
    let end = start + shipped[start..].find("\n    }\n").unwrap() + "\n    }\n".len();
    let ar_variants = shipped[start..end].to_string();
    let without = format!("{}{}", &shipped[..start], &shipped[end..]);
    std::fs::write(&page, &without).unwrap();
    // Untranslated: Arabic's six CLDR categories, each with its English.
    let po = export(dir.path(), "ar", "ar.po", &["--only", "missing"]);
    let keys: Vec<&str> = po
        .lines()
        .filter_map(|l| l.strip_prefix("msgctxt \"page-reading-time["))
        .collect();
    assert_eq!(
        keys,
        ["zero]\"", "one]\"", "two]\"", "few]\"", "many]\"", "other]\""]
    );
    assert!(po.contains("#. Variant [few] of the selection on { $minutes } (the English shown is its [other] variant).\n#. Byline and reading time\n#: page.ftl[few]:19\nmsgctxt \"page-reading-time[few]\"\nmsgid \"{ $minutes } min read\"\nmsgstr \"\"\n"), "{po}");
    let fill = |po: &str, key: &str, text: &str| {
        let at = po
            .find(&format!("msgctxt \"page-reading-time[{key}]\""))
            .unwrap();
        let cut = at + po[at..].find("msgstr \"\"").unwrap();
        format!(
            "{}msgstr \"{text}\"{}",
            &po[..cut],
            &po[cut + "msgstr \"\"".len()..]
        )
    };
    // Some variants only: refused, naming the first one left empty.
    let partial = fill(&po, "one", "مدة القراءة: دقيقة واحدة");
    std::fs::write(dir.path().join("partial.po"), &partial).unwrap();
    let run = import(dir.path(), "partial.po", &[]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("unit `page-reading-time[zero]`: no translation: every variant of a selection is written at once"), "{}", run.stderr);
    assert_eq!(read(&page), without);
    // Every variant: the select expression comes back as the translator's.
    let mut full = po.clone();
    for (key, text) in [
        ("zero", "مدة القراءة: أقل من دقيقة"),
        ("one", "مدة القراءة: دقيقة واحدة"),
        ("two", "مدة القراءة: دقيقتان"),
        ("few", "مدة القراءة: { $minutes } دقائق"),
        ("many", "مدة القراءة: { $minutes } دقيقة"),
        ("other", "مدة القراءة: { $minutes } دقيقة"),
    ] {
        full = fill(&full, key, text);
    }
    std::fs::write(dir.path().join("full.po"), &full).unwrap();
    let run = import(dir.path(), "full.po", &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let now = read(&page);
    assert!(now.contains(&ar_variants), "{now}");
    assert_eq!(
        ftlkit(dir.path(), &["check", "ar", "--deny-warnings"]).code,
        0
    );
    // Exported again, the translated variants are the translation's own.
    let again = export(dir.path(), "ar", "again.po", &[]);
    assert!(again.contains("msgctxt \"page-reading-time[two]\"\nmsgid \"{ $minutes } min read\"\nmsgstr \"مدة القراءة: دقيقتان\"\n"));
}

#[test]
fn a_byte_order_mark_and_crlf_line_ends_are_kept() {
    let dir = shipped_copy();
    let path = dir.path().join("locales/ckb/article.ftl");
    drop_templates(&path);
    let crlf = format!("\u{feff}{}", read(&path).replace('\n', "\r\n"));
    std::fs::write(&path, &crlf).unwrap();
    let po = export(dir.path(), "ckb", "ckb.po", &[]);
    let po = po.replace(
        "msgid \"Iraqi Militias\"\nmsgstr \"\"",
        "msgid \"Iraqi Militias\"\nmsgstr \"میلیشیا عێراقییەکان\"",
    );
    std::fs::write(dir.path().join("ckb.po"), po).unwrap();
    assert_eq!(import(dir.path(), "ckb.po", &[]).code, 0);
    let after = read(&path);
    assert!(after.starts_with('\u{feff}'));
    assert_eq!(
        after,
        crlf.replace(
            "سڕ کران.\r\n",
            "سڕ کران.\r\narticle-iraqi-militias-heading = میلیشیا عێراقییەکان\r\n"
        )
    );
}
