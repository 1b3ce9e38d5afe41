//! `ftlkit sync` and `init`: property tests (translator lines kept byte for
//! byte, idempotence, CRLF) and CLI runs on copies of the shipped project.

mod common;
use common::*;
use ftlkit::sync::{sync, TEMPLATE_MARK};
use proptest::prelude::*;

/// A reference file: messages `m0…` with one-line or multi-line values, some commented.
fn reference_strategy() -> impl Strategy<Value = Vec<(String, bool, bool)>> {
    prop::collection::vec((any::<bool>(), any::<bool>()), 1..12).prop_map(|v| {
        v.into_iter()
            .enumerate()
            .map(|(i, (multi, comment))| (format!("m{i}"), multi, comment))
            .collect()
    })
}

fn render_reference(entries: &[(String, bool, bool)]) -> String {
    let mut out = String::from("### Reference\n\n");
    for (id, multi, comment) in entries {
        if *comment {
            out.push_str(&format!("# Context for {id}\n"));
        }
        if *multi {
            out.push_str(&format!(
                "{id} =\n    {{ $n ->\n        [one] One {id}\n       *[other] Many {id}\n    }}\n"
            ));
        } else {
            out.push_str(&format!("{id} = Value of {id}\n"));
        }
    }
    out
}

/// A translator's file: some reference ids translated (in any order), some
/// obsolete ones, comments and blank lines, LF or CRLF.
fn locale_strategy() -> impl Strategy<Value = (Vec<(String, u8)>, bool)> {
    (
        prop::collection::vec(("m[0-9]{1,2}|old[0-9]", 0u8..4), 0..14),
        any::<bool>(),
    )
}

fn render_locale(entries: &[(String, u8)], crlf: bool) -> String {
    let mut out = String::from("# Translator's header — كتبه المترجم\n\n");
    let mut seen = std::collections::HashSet::new();
    for (id, style) in entries {
        if !seen.insert(id.clone()) {
            continue;
        }
        match style {
            0 => out.push_str(&format!("{id} = ترجمة {id}\n")),
            1 => out.push_str(&format!("# my note on {id}\n{id} = Traduction de {id}\n\n")),
            2 => out.push_str(&format!("{id} =\n    Ligne un\n\n    ligne deux\n")),
            _ => out.push_str(&format!("\n## Group\n\n{id} = x\n")),
        }
    }
    if crlf {
        out = out.replace('\n', "\r\n");
    }
    out
}

fn lines(text: &str) -> Vec<&str> {
    text.split_inclusive('\n').collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn sync_keeps_translator_lines_and_is_idempotent(
        reference in reference_strategy(),
        (entries, crlf) in locale_strategy(),
    ) {
        let reference = render_reference(&reference);
        let locale = render_locale(&entries, crlf);
        let out = sync(&reference, &locale, false).text;
        // Every line the translator wrote is still there, byte for byte (as a multiset).
        let mut remaining = lines(&out);
        for line in lines(&locale) {
            let pos = remaining.iter().position(|l| *l == line);
            prop_assert!(pos.is_some(), "lost {line:?}\n--- in\n{locale}\n--- out\n{out}");
            remaining.remove(pos.unwrap());
        }
        // What was added is ftlkit's: templates, blank lines, the obsolete header.
        for line in remaining {
            prop_assert!(
                line.starts_with(TEMPLATE_MARK) || line.starts_with("#  ") || line.trim().is_empty() || line.starts_with("## Obsolete"),
                "unexpected {line:?}"
            );
        }
        // Line endings stay what they were.
        if crlf {
            prop_assert!(!out.replace("\r\n", "").contains('\n'));
        } else {
            prop_assert!(!out.contains('\r'));
        }
        // Valid Fluent, and a second run changes nothing.
        prop_assert!(fluent_syntax::parser::parse(out.as_str()).is_ok(), "{out}");
        let again = sync(&reference, &out, false);
        prop_assert_eq!(&again.text, &out);
        prop_assert!(again.added.is_empty() && again.obsolete.is_empty());
        // Pruning removes only obsolete messages, and is idempotent too.
        let pruned = sync(&reference, &out, true).text;
        prop_assert!(!pruned.contains("old"), "{pruned}");
        prop_assert_eq!(sync(&reference, &pruned, true).text, pruned);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// The English changes between two syncs; the translator's lines survive both.
    #[test]
    fn translator_lines_survive_a_changing_reference(
        first in reference_strategy(),
        second in reference_strategy(),
        (entries, crlf) in locale_strategy(),
    ) {
        let locale = render_locale(&entries, crlf);
        let once = sync(&render_reference(&first), &locale, false).text;
        let twice = sync(&render_reference(&second), &once, false).text;
        let mut remaining = lines(&twice);
        for line in lines(&locale).into_iter().filter(|l| !l.trim().is_empty()) {
            let pos = remaining.iter().position(|l| *l == line);
            prop_assert!(pos.is_some(), "lost {line:?}\n--- in\n{locale}\n--- out\n{twice}");
            remaining.remove(pos.unwrap());
        }
        prop_assert!(fluent_syntax::parser::parse(twice.as_str()).is_ok(), "{twice}");
        prop_assert_eq!(sync(&render_reference(&second), &twice, false).text, twice);
    }
}

#[test]
fn sync_cli_dry_run_writes_nothing_then_sync_adds_templates() {
    let tmp = shipped_copy();
    let root = tmp.path();
    let ckb = root.join("locales/ckb/article.ftl");
    // The shipped Kurdish has its templates; without them, sync writes them back.
    let shipped = read(&ckb);
    drop_templates(&ckb);
    let before = read(&ckb);
    let run = ftlkit(root, &["sync", "ckb", "--dry-run"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("+# (untranslated) article-iraqi-militias-heading = Iraqi Militias"),
        "{}",
        run.stdout
    );
    assert_eq!(read(&ckb), before, "dry run wrote");
    let run = ftlkit(root, &["sync"]);
    assert!(
        run.stdout
            .contains("locales/ckb/article.ftl: 19 templates added"),
        "{}",
        run.stdout
    );
    let after = read(&ckb);
    assert!(
        after.starts_with(&before),
        "the translated part is untouched"
    );
    // The untranslated listing points at each template in the translator's file.
    let run = ftlkit(root, &["status", "ckb", "--untranslated"]);
    let at = after
        .lines()
        .position(|l| l.starts_with("# (untranslated) article-iraqi-militias-heading ="))
        .unwrap()
        + 1;
    assert!(
        run.stdout.contains(&format!(
            "  article-iraqi-militias-heading\n    template: locales/ckb/article.ftl:{at}\n"
        )),
        "{}",
        run.stdout
    );
    // Templates are comments: nothing counts as translated, check stays clean.
    let status = ftlkit(root, &["status", "--format", "json"]).stdout;
    assert!(status.contains("\"missing\": 19"), "{status}");
    assert_eq!(ftlkit(root, &["check"]).code, 0);
    assert!(ftlkit(root, &["sync"])
        .stdout
        .contains("all locale files are in line"));
    // What sync writes is what the shipped Kurdish is.
    assert_eq!(read(&ckb), shipped);
}

#[test]
fn sync_moves_obsolete_messages_and_keeps_crlf() {
    let tmp = shipped_copy();
    let root = tmp.path();
    let fr = root.join("locales/fr/page.ftl");
    let text = read(&fr).replace('\n', "\r\n") + "page-old = Ancien\r\n";
    std::fs::write(&fr, &text).unwrap();
    let run = ftlkit(root, &["sync", "fr"]);
    assert!(
        run.stdout.contains(
            "0 templates added, 0 refreshed from new English, 1 obsolete message moved to the end"
        ),
        "{}",
        run.stdout
    );
    let after = read(&fr);
    assert!(after.ends_with("## Obsolete: no longer in the reference. `ftlkit sync --prune` removes them.\r\n\r\npage-old = Ancien\r\n"), "{after:?}");
    assert!(!after.replace("\r\n", "").contains('\n'), "still CRLF");
    ftlkit(root, &["sync", "fr", "--prune"]);
    assert_eq!(read(&fr), read(&fr).replace("page-old", "x"), "pruned");
}

#[test]
fn init_creates_templates_and_registers_the_locale() {
    let tmp = shipped_copy();
    let root = tmp.path();
    let run = ftlkit(root, &["init", "de"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for name in ["article", "page"] {
        let text = read(root.join(format!("locales/de/{name}.ftl")));
        let resource = fluent_syntax::parser::parse(text.as_str()).expect("template parses");
        assert!(!resource
            .body
            .iter()
            .any(|e| matches!(e, fluent_syntax::ast::Entry::Message(_))));
        // Every reference id is mirrored as a template, in order.
        let ids: Vec<String> = messages(&read(root.join(format!("locales/en-US/{name}.ftl"))))
            .into_iter()
            .map(|(id, _)| id)
            .collect();
        let templates: Vec<&str> = text
            .lines()
            .filter_map(|l| l.strip_prefix(TEMPLATE_MARK))
            .map(|l| l.split(" =").next().unwrap())
            .collect();
        assert_eq!(templates, ids);
    }
    assert!(read(root.join("ftlkit.toml")).contains("locales = [\"ar\", \"ckb\", \"fr\", \"de\"]"));
    let status = ftlkit(root, &["status", "de", "--format", "json"]).stdout;
    assert!(status.contains("\"complete\": 0.0"), "{status}");
    // Uncommenting and translating one template counts at once.
    let article = root.join("locales/de/article.ftl");
    std::fs::write(
        &article,
        read(&article).replace(
            "# (untranslated) article-title = Al-Kadhimi and the Iraqi Hope",
            "article-title = Al-Kazimi und die irakische Hoffnung",
        ),
    )
    .unwrap();
    let status = ftlkit(root, &["status", "de", "--format", "json"]).stdout;
    assert!(status.contains("\"translated\": 1"), "{status}");
}

#[test]
fn init_makes_the_files_of_a_listed_locale_that_has_none() {
    // `check` says of a locale in ftlkit.toml without its folder that
    // `ftlkit init` creates it: it does, leaving ftlkit.toml as it is.
    let tmp = shipped_copy();
    let root = tmp.path();
    std::fs::remove_dir_all(root.join("locales/ckb")).unwrap();
    let check = ftlkit(root, &["check"]);
    assert!(
        check.stdout.contains("`ftlkit init ckb` creates it"),
        "{}",
        check.stdout
    );
    let run = ftlkit(root, &["init", "ckb"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for name in ["article", "page"] {
        let text = read(root.join(format!("locales/ckb/{name}.ftl")));
        assert!(text.contains(TEMPLATE_MARK), "{text}");
    }
    assert_eq!(
        read(root.join("ftlkit.toml")),
        read(repo().join("ftlkit.toml"))
    );
    // Again: nothing to make, and it says what to run instead.
    let again = ftlkit(root, &["init", "ckb"]);
    assert_eq!(again.code, 2);
    assert!(again.stderr.contains("ftlkit sync ckb"), "{}", again.stderr);
}

#[test]
fn init_rejects_bad_ids_before_touching_the_disk() {
    let tmp = shipped_copy();
    let root = tmp.path();
    let before: Vec<_> = std::fs::read_dir(root.join("locales"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    for bad in ["../x", "ar/../../y", "", "en_US", "CON", "a/b", "fr"] {
        let run = ftlkit(root, &["init", bad]);
        assert_eq!(run.code, 2, "{bad:?}: {}", run.stdout);
        assert!(!run.stderr.is_empty());
    }
    let after: Vec<_> = std::fs::read_dir(root.join("locales"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(before.len(), after.len());
    assert!(!tmp.path().join("x").exists() && !tmp.path().parent().unwrap().join("y").exists());
    assert_eq!(
        read(root.join("ftlkit.toml")),
        read(repo().join("ftlkit.toml"))
    );
}

#[test]
fn a_translation_typed_into_a_template_is_never_overwritten() {
    let tmp = shipped_copy();
    let root = tmp.path();
    let translated = |root: &std::path::Path| {
        let json = ftlkit(root, &["status", "ckb", "--format", "json"]).stdout;
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        value["locales"][0]["translated"].as_u64().unwrap()
    };
    let before = translated(root);
    assert_eq!(ftlkit(root, &["sync", "ckb"]).code, 0);
    let ckb = root.join("locales/ckb/article.ftl");
    // The translator types after the mark instead of replacing it.
    let typed = "# (untranslated) article-iraqi-militias-heading = میلیشیاکانی عێراق";
    let text = read(&ckb).replace(
        "# (untranslated) article-iraqi-militias-heading = Iraqi Militias",
        typed,
    );
    std::fs::write(&ckb, &text).unwrap();
    // check says so at once (a warning: the message is still missing).
    let run = ftlkit(root, &["check", "ckb"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert!(
        run.stdout.contains("[ckb] edited-template"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("locales/ckb/article.ftl:"),
        "{}",
        run.stdout
    );
    assert_eq!(ftlkit(root, &["check", "ckb", "--deny-warnings"]).code, 1);
    // The editor changes that heading and another untranslated paragraph.
    let md = root.join("content/article.md");
    let source = read(&md)
        .replace("## Iraqi Militias", "## The Iraqi Militias")
        .replace(
            "Because of the increase in militias",
            "Because of the growth in militias",
        );
    std::fs::write(&md, source).unwrap();
    assert_eq!(ftlkit(root, &["extract"]).code, 0);
    let run = ftlkit(root, &["sync", "ckb"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("1 refreshed from new English"),
        "{}",
        run.stdout
    );
    assert!(
        run.stderr.contains(
            "1 template edited by hand and kept as it is: article-iraqi-militias-heading"
        ),
        "{}",
        run.stderr
    );
    let after = read(&ckb);
    assert!(
        after.contains(&format!("{typed}\n")),
        "the Kurdish is kept:\n{after}"
    );
    assert!(
        !after.contains("The Iraqi Militias"),
        "no second template for it"
    );
    assert!(after.contains(
        "# (untranslated) article-iraqi-militias-because-increase-militias = Because of the growth in militias"
    ));
    // Nothing more to do, however often it runs.
    let again = ftlkit(root, &["sync", "ckb"]);
    assert!(
        again.stdout.contains("all locale files are in line"),
        "{}",
        again.stdout
    );
    assert_eq!(read(&ckb), after);
    // Once the mark is gone, it is a translation like any other.
    std::fs::write(
        &ckb,
        after.replace(typed, "article-iraqi-militias-heading = میلیشیاکانی عێراق"),
    )
    .unwrap();
    let run = ftlkit(root, &["check", "ckb"]);
    assert!(!run.stdout.contains("edited-template"), "{}", run.stdout);
    assert_eq!(translated(root), before + 1);
}

#[test]
fn sync_refuses_locales_the_project_does_not_have() {
    let tmp = shipped_copy();
    let run = ftlkit(tmp.path(), &["sync", "zz"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("`zz` is not one of the project's locales"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("ftlkit init zz"), "{}", run.stderr);
    let run = ftlkit(tmp.path(), &["sync", "en-US"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("source locale"), "{}", run.stderr);
}

#[test]
fn the_untranslated_listing_shows_placeables_and_selectors() {
    let tmp = shipped_copy();
    let root = tmp.path();
    assert_eq!(ftlkit(root, &["init", "de"]).code, 0);
    let run = ftlkit(root, &["status", "de", "--untranslated"]);
    assert!(
        run.stdout.contains("    Written by { $author }\n"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("    { $minutes ->\n        [one] { $minutes } min read\n"),
        "{}",
        run.stdout
    );
    let run = ftlkit(
        root,
        &["status", "de", "--untranslated", "--format", "json"],
    );
    assert!(
        run.stdout
            .contains("\"english\": \"Written by { $author }\""),
        "{}",
        run.stdout
    );
}

#[test]
fn refreshing_templates_keeps_notes_beside_them_and_never_doubles_them() {
    let tmp = shipped_copy();
    let root = tmp.path();
    assert_eq!(ftlkit(root, &["init", "de"]).code, 0);
    let de = root.join("locales/de/page.ftl");
    // A translator's note right under a template.
    let note = "# Übersetzer: Bearbeitet von { $editor }";
    let text = read(&de).replace(
        "# (untranslated) page-edited-by = Edited by { $editor }\n",
        &format!("# (untranslated) page-edited-by = Edited by {{ $editor }}\n{note}\n"),
    );
    assert!(text.contains(note));
    std::fs::write(&de, &text).unwrap();
    // The English of that message changes: the template is redone in place.
    let en = root.join("locales/en-US/page.ftl");
    let english = read(&en);
    std::fs::write(
        &en,
        english.replace("Edited by { $editor }", "Edited by: { $editor }"),
    )
    .unwrap();
    let run = ftlkit(root, &["sync", "de"]);
    assert!(
        run.stdout.contains("0 templates added, 1 refreshed"),
        "{}",
        run.stdout
    );
    let after = read(&de);
    // Still right under it (sync keeps a blank line after each template).
    let template = "# (untranslated) page-edited-by = Edited by: { $editor }\n";
    let at = after.find(template).expect("the refreshed template") + template.len();
    assert!(
        after[at..].trim_start_matches('\n').starts_with(note),
        "{after}"
    );
    // An edited template whose message goes away and comes back is never doubled.
    let typed = "# (untranslated) page-index-title = Artikel";
    std::fs::write(
        &de,
        after.replace("# (untranslated) page-index-title = Articles", typed),
    )
    .unwrap();
    let without: String = english
        .lines()
        .filter(|l| !l.starts_with("page-index-title"))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(&en, &without).unwrap();
    ftlkit(root, &["sync", "de"]);
    assert!(read(&de).contains(typed));
    std::fs::write(&en, &english).unwrap();
    let run = ftlkit(root, &["sync", "de"]);
    assert!(run.stdout.contains("0 templates added"), "{}", run.stdout);
    let back = read(&de);
    assert_eq!(back.matches("page-index-title").count(), 1, "{back}");
    assert!(!back.contains("## Obsolete"), "{back}");
}

#[test]
fn prune_names_what_it_removes_and_spares_a_misspelt_id() {
    let tmp = shipped_copy();
    let root = tmp.path();
    let ckb = root.join("locales/ckb/article.ftl");
    let text = read(&ckb)
        + "article-iraqi-militas-heading = میلیشیاکانی عێراق\narticle-gone-for-good = کۆن\n";
    std::fs::write(&ckb, text).unwrap();
    let run = ftlkit(root, &["sync", "ckb", "--prune"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("1 obsolete message removed"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("  removed: article-gone-for-good"),
        "{}",
        run.stdout
    );
    assert!(
        run.stderr.contains(
            "kept article-iraqi-militas-heading (obsolete, but it looks like a misspelt id"
        ),
        "{}",
        run.stderr
    );
    let after = read(&ckb);
    assert!(after.contains("article-iraqi-militas-heading = میلیشیاکانی عێراق"));
    assert!(!after.contains("article-gone-for-good"));
}
