//! `ftlkit check` and `status`: one test per check on small inputs, then the
//! CLI contract (formats, exit codes) on real project copies.

mod common;
use common::*;
use ftlkit::lint::{check_locale, digest, Counts, Finding, LocaleFile, Severity};

fn run_check(reference: &str, translation: Option<&str>, locale: &str) -> (Counts, Vec<Finding>) {
    let (r, findings) = digest("en-US/x.ftl", reference, "en-US");
    assert!(findings.is_empty(), "reference has errors: {findings:?}");
    let files = [LocaleFile {
        reference: Some(&r),
        display: format!("{locale}/x.ftl"),
        text: translation.map(str::to_string),
        reference_display: None,
        state: None,
    }];
    check_locale(locale, &locale.parse().unwrap(), &files, None)
}

/// (code, severity, line, column, id) of every finding.
fn codes(findings: &[Finding]) -> Vec<(&'static str, Severity, usize, usize, String)> {
    findings
        .iter()
        .map(|f| {
            (
                f.code.as_str(),
                f.severity,
                f.line,
                f.column,
                f.id.clone().unwrap_or_default(),
            )
        })
        .collect()
}

fn only(findings: &[Finding], code: &str) -> Vec<(&'static str, Severity, usize, usize, String)> {
    codes(findings)
        .into_iter()
        .filter(|c| c.0 == code)
        .collect()
}

#[test]
fn syntax_errors_have_positions_in_characters_and_the_rest_still_checks() {
    let (counts, f) = run_check(
        "a = A\nb = B\nc = C\n",
        Some("a = أ\nb = مرحبا { $x\nc = ج\n"),
        "ar",
    );
    let syntax = only(&f, "syntax-error");
    assert_eq!(syntax.len(), 1);
    // Line 2; the column counts Arabic letters as one each.
    assert_eq!((syntax[0].2, syntax[0].1), (2, Severity::Error));
    let line = "b = مرحبا { $x";
    assert!(
        syntax[0].3 > 5 && syntax[0].3 <= line.chars().count() + 1,
        "{syntax:?}"
    );
    assert_eq!(counts.translated, 2, "a and c are still checked");
    assert_eq!(counts.missing, 1, "b is junk, so it is missing");
}

#[test]
fn duplicate_ids_in_a_file() {
    let (_, f) = run_check("a = A\n", Some("a = x\na = y\n"), "fr");
    assert_eq!(
        only(&f, "duplicate-id"),
        [("duplicate-id", Severity::Error, 2, 1, "a".into())]
    );
}

#[test]
fn an_id_the_reference_defines_twice_is_had_by_one_translation() {
    let (r, _) = digest("en-US/x.ftl", "a = A\nb = B\na = A again\n", "en-US");
    let check = |text: &str| {
        let files = [LocaleFile {
            reference: Some(&r),
            display: "fr/x.ftl".into(),
            text: Some(text.into()),
            reference_display: None,
            state: None,
        }];
        check_locale("fr", &"fr".parse().unwrap(), &files, None)
    };
    let (counts, f) = check("a = x\n");
    assert_eq!(counts.missing, 1, "{f:?}");
    let missing: Vec<_> = only(&f, "missing-message")
        .into_iter()
        .map(|c| c.4)
        .collect();
    assert_eq!(missing, ["b"]);
    // Duplicates, of a reference id and of one it lacks, each reported at
    // the second, the obsolete one counted once.
    let (counts, f) = check("b = y\nz = q\nz = r\nb = w\n");
    assert_eq!(
        only(&f, "duplicate-id"),
        [
            ("duplicate-id", Severity::Error, 3, 1, "z".into()),
            ("duplicate-id", Severity::Error, 4, 1, "b".into())
        ]
    );
    assert_eq!(counts.obsolete, 1);
    assert_eq!(counts.missing, 2, "{f:?}");
}

#[test]
fn missing_and_obsolete_messages_and_terms() {
    let (counts, f) = run_check(
        "a = A\n-t = T\nb = B\n",
        Some("a = x\n-old = o\nz = z\n"),
        "fr",
    );
    assert_eq!(counts.missing, 2);
    assert_eq!(counts.obsolete, 2);
    let missing: Vec<_> = only(&f, "missing-message")
        .into_iter()
        .map(|c| c.4)
        .collect();
    assert_eq!(missing, ["-t", "b"]);
    let obsolete: Vec<_> = only(&f, "obsolete-message")
        .into_iter()
        .map(|c| (c.4, c.2))
        .collect();
    assert_eq!(obsolete, [("-old".to_string(), 2), ("z".to_string(), 3)]);
    assert!(f
        .iter()
        .filter(|x| x.code.as_str().ends_with("-message"))
        .all(|x| x.severity == Severity::Info));
    // A missing file makes every entry missing.
    let (counts, _) = run_check("a = A\n-t = T\nb = B\n", None, "fr");
    assert_eq!(
        (counts.messages, counts.missing, counts.translated),
        (3, 3, 0)
    );
}

#[test]
fn missing_and_obsolete_values_and_attributes() {
    let reference = "a = A\n    .title = T\nb =\n    .label = L\n";
    let (_, f) = run_check(
        reference,
        Some("a =\n    .title = x\nb = value\n    .label = y\n    .extra = e\n"),
        "fr",
    );
    let got: Vec<_> = codes(&f).into_iter().map(|c| (c.0, c.4)).collect();
    assert!(got.contains(&("missing-value", "a".into())), "{got:?}");
    assert!(got.contains(&("obsolete-value", "b".into())), "{got:?}");
    assert!(got.contains(&("obsolete-attribute", "b".into())), "{got:?}");
    let (_, f) = run_check(reference, Some("a = x\nb =\n    .label = y\n"), "fr");
    assert_eq!(
        only(&f, "missing-attribute"),
        [("missing-attribute", Severity::Error, 1, 1, "a".into())]
    );
}

#[test]
fn variables_missing_in_every_variant_or_unknown() {
    let reference = "a = { $count } files in { $folder }\n";
    let translation =
        "a = { $count ->\n    [one] un fichier\n   *[other] { $count } fichiers { $dossier }\n}\n";
    let (_, f) = run_check(reference, Some(translation), "fr");
    let got: Vec<_> = codes(&f).into_iter().map(|c| (c.0, c.1)).collect();
    assert!(
        got.contains(&("missing-variable", Severity::Warning)),
        "$folder unused: {got:?}"
    );
    assert!(
        got.contains(&("unknown-variable", Severity::Error)),
        "$dossier unknown: {got:?}"
    );
    assert_eq!(
        f.iter()
            .filter(|x| x.code.as_str() == "missing-variable")
            .count(),
        1,
        "$count is used in a variant"
    );
}

#[test]
fn references_that_do_not_resolve() {
    let reference = "-brand = Brand\na = { -brand } and { b }\nb = B\n";
    let (_, f) = run_check(
        reference,
        Some("-brand = Marque\na = { -brnad } et { b } { c }\n"),
        "fr",
    );
    let got: Vec<_> = only(&f, "unresolved-reference")
        .into_iter()
        .map(|c| c.1)
        .collect();
    // -brnad and c exist nowhere (errors); b is in the reference but not translated (warning).
    assert_eq!(
        got.iter().filter(|s| **s == Severity::Error).count(),
        2,
        "{f:?}"
    );
    assert_eq!(
        got.iter().filter(|s| **s == Severity::Warning).count(),
        1,
        "{f:?}"
    );
}

#[test]
fn plural_selectors_cover_the_target_locale_categories() {
    let reference = "a = { $n ->\n    [one] one\n   *[other] many\n}\n";
    let (_, f) = run_check(reference, Some(reference), "ar");
    let plural = f
        .iter()
        .find(|x| x.code.as_str() == "plural-categories")
        .expect("reported");
    // Each lacking category with the first counts that take it.
    assert!(
        plural
            .message
            .contains("[zero] (0), [two] (2), [few] (3, 4, 5, 6, …), [many] (11, 12, 13, 14, …)"),
        "{}",
        plural.message
    );
    let full =
        "a = { $n ->\n [zero] ٠\n [one] ١\n [two] ٢\n [few] ٣\n [many] ١١\n *[other] ١٠٠\n}\n";
    let (_, f) = run_check(reference, Some(full), "ar");
    assert!(only(&f, "plural-categories").is_empty());
    // French has [many] too (CLDR 38+), but only exact millions take it:
    // a note (info), not a warning.
    let (_, f) = run_check(reference, Some(reference), "fr");
    assert!(only(&f, "plural-categories").is_empty(), "{f:?}");
    assert_eq!(
        only(&f, "plural-rare")
            .into_iter()
            .map(|c| c.1)
            .collect::<Vec<_>>(),
        [Severity::Info]
    );
}

#[test]
fn markup_that_differs_and_markup_that_is_unsafe() {
    let reference = "a = Press <b>Save</b>\n";
    let (_, f) = run_check(
        reference,
        Some("a = Appuyez sur <i>Enregistrer</i>\n"),
        "fr",
    );
    assert_eq!(only(&f, "markup-mismatch").len(), 1);
    for bad in [
        "a = <b>x</b><script>alert(1)</script>",
        "a = <b onclick=\"x()\">x</b>",
        "a = <b>x</b> <img src=x onerror=alert(1)>",
        "a = <b>[x](javascript:alert(1))</b>",
    ] {
        let (_, f) = run_check(reference, Some(bad), "fr");
        assert_eq!(only(&f, "unsafe-markup").len(), 1, "{bad}: {f:?}");
    }
    let (_, f) = run_check(
        reference,
        Some("a = Appuyez sur <b>Enregistrer</b> pour continuer\n"),
        "fr",
    );
    assert!(f.iter().all(|x| x.severity == Severity::Info), "{f:?}");
}

#[test]
fn bidi_controls_unbalanced_or_not_in_the_source() {
    let reference = "a = Hello { $name }\n";
    // RLO (U+202E) never closed: the Trojan-source pattern.
    let (_, f) = run_check(reference, Some("a = مرحبا \u{202E}{ $name }\n"), "ar");
    assert_eq!(only(&f, "bidi-unbalanced").len(), 1);
    // Balanced isolates the source does not have: a warning to look at.
    let (_, f) = run_check(
        reference,
        Some("a = مرحبا \u{2067}{ $name }\u{2069}\n"),
        "ar",
    );
    assert_eq!(only(&f, "bidi-control").len(), 1);
    assert!(only(&f, "bidi-unbalanced").is_empty());
}

#[test]
fn identical_to_the_source_and_empty_values() {
    let (counts, f) = run_check(
        "a = Same\nb = Text\n",
        Some("a = Same\nb = { \"\" }\n"),
        "fr",
    );
    assert_eq!(counts.identical, 1);
    assert_eq!(only(&f, "identical")[0].4, "a");
    assert_eq!(only(&f, "empty-value")[0].4, "b");
}

#[test]
fn shipped_project_checks_clean_and_reports_ckb_missing() {
    let run = ftlkit(&repo(), &["check"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains("0 errors, 0 warnings, 19 missing"),
        "{}",
        run.stdout
    );
    let run = ftlkit(&repo(), &["check", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let findings = json["findings"].as_array().unwrap();
    assert!(!findings.is_empty());
    for f in findings {
        for key in [
            "code", "severity", "locale", "path", "line", "column", "id", "message",
        ] {
            assert!(f.get(key).is_some(), "{key} missing in {f}");
        }
    }
    assert!(findings
        .iter()
        .any(|f| f["code"] == "missing-message" && f["locale"] == "ckb"));
}

#[test]
fn status_json_has_the_promised_keys() {
    let run = ftlkit(&repo(), &["status", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let locales = json["locales"].as_array().unwrap();
    assert_eq!(locales.len(), 3);
    for l in locales {
        assert!(l["locale"].is_string());
        for key in [
            "messages",
            "translated",
            "missing",
            "stale",
            "obsolete",
            "errors",
            "warnings",
            "complete",
        ] {
            assert!(l[key].is_number(), "{key} in {l}");
        }
    }
    let ckb = locales.iter().find(|l| l["locale"] == "ckb").unwrap();
    assert_eq!(ckb["missing"], 19);
    assert!(ckb["complete"].as_f64().unwrap() < 0.7);
    let table = ftlkit(&repo(), &["status"]).stdout;
    assert!(
        table
            .lines()
            .any(|l| l.starts_with("ckb") && l.contains("کوردی")),
        "{table}"
    );
}

#[test]
fn untranslated_lists_file_line_id_and_english() {
    let run = ftlkit(&repo(), &["status", "ckb", "--untranslated"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("locales/en-US/article.ftl:"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("  article-iraqi-militias-heading\n    template: locales/ckb/article.ftl:34\n    note: Section heading (level 2).\n    Iraqi Militias\n"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.ends_with("19 untranslated in ckb\n"));
}

#[test]
fn exit_codes_errors_warnings_and_usage() {
    let tmp = shipped_copy();
    let fr = tmp.path().join("locales/fr/page.ftl");
    let text = read(&fr);
    // A warning only: a variable the translation does not use.
    std::fs::write(
        &fr,
        text.replace("Écrit par { $author }", "Écrit par quelqu’un"),
    )
    .unwrap();
    assert_eq!(ftlkit(tmp.path(), &["check"]).code, 0);
    assert_eq!(ftlkit(tmp.path(), &["check", "--deny-warnings"]).code, 1);
    // An error: an unknown variable. The human report shows the line and marks it.
    std::fs::write(
        &fr,
        text.replace("Écrit par { $author }", "Écrit par { $auteur }"),
    )
    .unwrap();
    let run = ftlkit(tmp.path(), &["check", "fr"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stdout.contains("error: [fr] unknown-variable"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("--> locales/fr/page.ftl:"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("page-written-by = Écrit par { $auteur }"),
        "{}",
        run.stdout
    );
    // Usage and configuration errors exit 2.
    assert_eq!(ftlkit(tmp.path(), &["check", "xx"]).code, 2);
    assert_eq!(ftlkit(tmp.path(), &["check", "--format", "yaml"]).code, 2);
    std::fs::write(tmp.path().join("ftlkit.toml"), "locales = [\"../x\"]\n").unwrap();
    let run = ftlkit(tmp.path(), &["check"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("ftlkit.toml") && run.stderr.contains("../x"),
        "{}",
        run.stderr
    );
}

#[test]
fn ten_thousand_nested_placeables_are_an_error_not_a_crash() {
    let tmp = shipped_copy();
    let root = tmp.path();
    let deep = format!(
        "article-title = {}\"x\"{}\n",
        "{ ".repeat(10_000),
        " }".repeat(10_000)
    );
    let fr = root.join("locales/fr/article.ftl");
    std::fs::write(&fr, read(&fr) + &deep).unwrap();
    let run = ftlkit(root, &["check", "fr", "--format", "json"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stdout.contains("nested more than 64 levels"),
        "{}",
        run.stdout
    );
    let run = ftlkit(root, &["status", "fr"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // The build skips the file with a warning and falls back to English.
    let run = ftlkit(root, &["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("nested more than 64 levels"),
        "{}",
        run.stderr
    );
    // Nested selectors too.
    let selectors = format!(
        "article-title = {}x{}\n",
        "{ $n -> *[a] ".repeat(5_000),
        " }".repeat(5_000)
    );
    std::fs::write(&fr, selectors).unwrap();
    assert_eq!(ftlkit(root, &["check", "fr"]).code, 1);
}

#[test]
fn cyclic_references_including_through_a_term() {
    let reference = "a = A\nb = B\n-t = T\nc = C\n";
    let (_, f) = run_check(
        reference,
        Some("a = { b }\nb = { -t }\n-t = { a }\nc = { a } and { c }\n"),
        "fr",
    );
    let mut cyclic: Vec<String> = only(&f, "cyclic-reference")
        .into_iter()
        .map(|c| c.4)
        .collect();
    cyclic.sort();
    // a → b → -t → a is a cycle; c refers to itself.
    assert_eq!(cyclic, ["-t", "a", "b", "c"]);
    // A long chain without a cycle is fine (and does not recurse).
    let chain: String = (0..5000)
        .map(|i| format!("m{i} = {{ m{} }}\n", i + 1))
        .collect::<String>()
        + "m5000 = end\n";
    let (_, f) = run_check(&chain, Some(&chain), "fr");
    assert!(only(&f, "cyclic-reference").is_empty());
}

#[test]
fn a_syntax_error_at_an_arabic_letter_is_shown_and_marked() {
    let tmp = shipped_copy();
    let ar = tmp.path().join("locales/ar/article.ftl");
    let text = read(&ar);
    // The `=` forgotten: the parser stops at the first Arabic letter.
    let broken = text.replacen("article-title = ", "article-title ", 1);
    assert_ne!(broken, text);
    std::fs::write(&ar, broken).unwrap();
    let run = ftlkit(tmp.path(), &["check", "ar"]);
    assert_eq!(run.code, 1);
    let lines: Vec<&str> = run.stdout.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.contains("--> locales/ar/article.ftl:"))
        .unwrap_or_else(|| panic!("no snippet:\n{}", run.stdout));
    let source = lines[at + 2];
    assert!(source.contains("| article-title "), "{}", run.stdout);
    // The caret sits under the first letter of the title.
    let caret = lines[at + 3];
    let column = caret.find('^').expect("a caret");
    let letter = source.find("| article-title ").unwrap() + "| article-title ".len();
    assert_eq!(
        caret[..column].chars().count(),
        source[..letter].chars().count(),
        "{}",
        run.stdout
    );
}

#[test]
fn a_locale_whose_folder_is_missing_is_reported() {
    let tmp = shipped_copy();
    let root = tmp.path();
    std::fs::rename(root.join("locales/fr"), root.join("locales/FR")).unwrap();
    let run = ftlkit(root, &["check", "fr"]);
    assert_eq!(run.code, 0, "a warning: {}", run.stdout);
    assert!(
        run.stdout.contains(
            "warning: locales/fr: [fr] missing-folder: the folder `locales/fr` does not exist"
        ) && run.stdout.contains("there is `FR`: rename it to `fr`"),
        "{}",
        run.stdout
    );
    assert_eq!(ftlkit(root, &["check", "--deny-warnings"]).code, 1);
    let json = ftlkit(root, &["status", "fr", "--format", "json"]).stdout;
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value["locales"][0]["warnings"], 1, "{json}");
    let build = ftlkit(root, &["build"]);
    assert!(
        build
            .stdout
            .contains("skipped: there is no folder locales/fr: `ftlkit init fr` creates it"),
        "{}",
        build.stdout
    );
    std::fs::remove_dir_all(root.join("locales/FR")).unwrap();
    let run = ftlkit(root, &["check", "fr"]);
    assert!(
        run.stdout.contains("`ftlkit init fr` creates it"),
        "{}",
        run.stdout
    );
}

#[test]
fn an_obsolete_id_close_to_a_missing_one_is_a_likely_typo() {
    let reference = "article-iraqi-militias-heading = Iraqi Militias\nintro = Hello\n";
    let (_, f) = run_check(
        reference,
        Some("article-iraqi-militia-heading = الميليشيات العراقية\nintro = مرحبا\nold-thing = قديم\n"),
        "ar",
    );
    let typos = only(&f, "misspelled-id");
    assert_eq!(
        typos,
        [(
            "misspelled-id",
            Severity::Warning,
            1,
            1,
            "article-iraqi-militia-heading".to_string()
        )]
    );
    assert!(f.iter().any(|x| x.code.as_str() == "misspelled-id"
        && x.message.contains("`article-iraqi-militias-heading`")));
    // Far from every missing id: only obsolete.
    assert_eq!(only(&f, "obsolete-message").len(), 2);
    // A translated id is no candidate, and short ids need to be close.
    let (_, f) = run_check("ab = A\ncd = C\n", Some("ab = x\nxy = y\n"), "fr");
    assert!(only(&f, "misspelled-id").is_empty(), "{f:?}");
}

#[test]
fn syntax_errors_say_what_to_do() {
    let cases = [
        ("a = A\n", "a = مرحبا { و\n", "a brace as text is written"),
        ("a = A\n", "a مرحبا\n", "is the `=` missing?"),
        // After a message, a line that is not `id text` is its second line.
        (
            "a = A\nb = B\n",
            "a = Un\nb-c Deux\n",
            "is the `=` missing?",
        ),
        ("a = A B\n", "a = Un\ndeux\n", "indent this line"),
        ("a = A B\n", "a = Un\nle monde entier\n", "indent this line"),
        ("a = A B\n", "a = واحد\nاثنان\n", "indent this line"),
        (
            "a = A\n",
            "a = { $n ->\n    [one] واحد\n}\n",
            "marked with `*`",
        ),
        (
            "a =\n    A\n",
            "a =\n#      واحد\n",
            "remove `#  ` from its other lines",
        ),
    ];
    for (reference, translation, hint) in cases {
        let (_, f) = run_check(reference, Some(translation), "ar");
        let syntax: Vec<_> = f
            .iter()
            .filter(|x| x.code.as_str() == "syntax-error")
            .collect();
        assert!(
            syntax.iter().any(|x| x.message.contains(hint)),
            "{translation:?}: {syntax:?}"
        );
    }
}

#[test]
fn untranslated_segments_as_json_come_with_the_translators_note() {
    let run = ftlkit(
        &repo(),
        &["status", "ckb", "--untranslated", "--format", "json"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(json["untranslated"].as_array().unwrap().len(), 19);
    let first = &json["untranslated"][0];
    assert_eq!(first["id"], "article-iraqi-militias-heading");
    assert_eq!(first["note"], "Section heading (level 2).", "{first}");
    assert_eq!(first["english"], "Iraqi Militias");
    assert_eq!(first["stale"], false);
}

#[test]
fn a_link_target_the_reference_does_not_have_is_a_mismatch() {
    let reference = "a = Read [the guide](https://example.com/manual) first.\n";
    let (_, f) = run_check(
        reference,
        Some("a = اقرأ [الدليل](https://evil.example/phish) أولاً.\n"),
        "ar",
    );
    let found = only(&f, "markup-mismatch");
    assert_eq!(found.len(), 1, "{f:?}");
    assert!(f
        .iter()
        .any(|x| x.message.contains("https://evil.example/phish")));
    let (_, f) = run_check(
        reference,
        Some("a = اقرأ [الدليل](https://example.com/manual) أولاً.\n"),
        "ar",
    );
    assert!(only(&f, "markup-mismatch").is_empty(), "{f:?}");
}

#[test]
fn a_page_string_variable_the_build_does_not_give_is_an_error_in_the_english() {
    let tmp = shipped_copy();
    let root = tmp.path();
    let en = root.join("locales/en-US/page.ftl");
    std::fs::write(
        &en,
        read(&en).replace("Edited by { $editor }", "Edited by { $editr }"),
    )
    .unwrap();
    let run = ftlkit(root, &["check", "--format", "json"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let found = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["path"] == "locales/en-US/page.ftl" && f["code"] == "unknown-variable")
        .unwrap_or_else(|| panic!("{}", run.stdout));
    assert_eq!(found["id"], "page-edited-by");
    assert!(found["message"]
        .as_str()
        .unwrap()
        .contains("`$editr`, but the build gives it only `$editor`"));
    // The shipped English is clean.
    assert_eq!(ftlkit(&repo(), &["check"]).code, 0);
}

/// README's `### Checks` table lists every code with the level its rule
/// declares (the first word of the severity column).
#[test]
fn readme_checks_table_lists_every_code_with_its_level() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let table = readme
        .split("### Checks")
        .nth(1)
        .expect("README has a `### Checks` section");
    let rows: Vec<(&str, &str)> = table
        .lines()
        .skip_while(|l| !l.starts_with('|'))
        .take_while(|l| l.starts_with('|'))
        .filter_map(|l| {
            let mut cells = l.split('|').skip(1);
            Some((cells.next()?, cells.next()?.trim()))
        })
        .collect();
    for &code in ftlkit::finding::Code::ALL {
        let listed = format!("`{code}`");
        let Some((_, severity)) = rows.iter().find(|(codes, _)| codes.contains(&listed)) else {
            panic!("README's checks table does not list {listed}");
        };
        let level = match ftlkit::lint::rules::level(code) {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        };
        assert_eq!(
            severity.split_whitespace().next(),
            Some(level),
            "README gives {listed} the level `{severity}`"
        );
    }
}

#[test]
fn a_reference_the_translation_drops_is_a_warning_but_not_on_terms() {
    let reference =
        "-brand = Firefox\n-suite = { -brand } Suite\na = Open { -brand }\nb = See { a }\n";
    let translation =
        "-brand = Firefox\n-suite = Suite Firefox\na = Ouvrir Firefox\nb = Voir { a }\n";
    let (_, f) = run_check(reference, Some(translation), "fr");
    assert_eq!(
        only(&f, "missing-reference"),
        [(
            "missing-reference",
            Severity::Warning,
            3,
            1,
            "a".to_string()
        )],
        "{f:?}"
    );
    let dropped = f.iter().find(|x| x.code.as_str() == "missing-reference");
    assert!(
        dropped.unwrap().message.contains("`{ -brand }`"),
        "{dropped:?}"
    );
}

#[test]
fn number_keys_cover_a_category_of_few_counts_and_translated_keywords_are_named() {
    // German `one` is 1 only: `[1]` covers it, as the English does.
    let reference = "a = { $n ->\n    [0] none\n    [1] one\n   *[other] { $n }\n}\n";
    let de = "a = { $n ->\n    [0] keine\n    [1] eine\n   *[other] { $n }\n}\n";
    let (_, f) = run_check(reference, Some(de), "de");
    assert!(only(&f, "plural-categories").is_empty(), "{f:?}");
    // French `one` is 0 and 1: `[1]` alone leaves 0 to the plural variant.
    let fr = "a = { $n ->\n    [1] une\n   *[other] { $n }\n}\n";
    let (_, f) = run_check(reference, Some(fr), "fr");
    let plural: Vec<_> = f
        .iter()
        .filter(|x| x.code.as_str() == "plural-categories")
        .collect();
    assert_eq!(plural.len(), 1, "{f:?}");
    assert!(
        plural[0].message.contains("[one] (0, 1)"),
        "{}",
        plural[0].message
    );
    // `*[otro]` is a translated `other`: never matched, named in the message.
    let es = "a = { $n ->\n    [0] nada\n    [1] uno\n   *[otro] { $n }\n}\n";
    let (_, f) = run_check(reference, Some(es), "es");
    let plural: Vec<_> = f
        .iter()
        .filter(|x| x.code.as_str() == "plural-categories")
        .collect();
    assert_eq!(plural.len(), 1, "{f:?}");
    assert!(
        plural[0].message.contains("[otro] is no CLDR category"),
        "{}",
        plural[0].message
    );
}

#[test]
fn a_string_selector_is_not_a_plural_unless_the_reference_selects_a_number() {
    let reference = "a = { $kind ->\n    [dark] Dark\n   *[light] Light\n}\n";
    let (_, f) = run_check(reference, Some(reference), "pl");
    assert!(only(&f, "plural-categories").is_empty(), "{f:?}");
    // The reference selects `$n` by plural category: a translation with only
    // number keys and `other` still selects a number.
    let reference = "b = { $n ->\n    [one] one\n   *[other] many\n}\n";
    let pl = "b = { $n ->\n    [1] jeden\n   *[other] wiele\n}\n";
    let (_, f) = run_check(reference, Some(pl), "pl");
    assert_eq!(only(&f, "plural-categories").len(), 1, "{f:?}");
}

#[test]
fn markup_repeated_by_more_or_fewer_variants_is_the_same_markup() {
    let reference = "a = { $n ->\n    [one] <b>1</b> mask\n   *[other] <b>{ $n }</b> masks\n}\n";
    // Three Russian plural forms, one Japanese text: the same tags.
    let ru = "a = { $n ->\n    [one] <b>{ $n }</b> маска\n    [few] <b>{ $n }</b> маски\n   *[many] <b>{ $n }</b> масок\n}\n";
    let ja = "a = <b>{ $n }</b> 個のマスク\n";
    for (locale, text) in [("ru", ru), ("ja", ja)] {
        let (_, f) = run_check(reference, Some(text), locale);
        assert!(only(&f, "markup-mismatch").is_empty(), "{locale}: {f:?}");
    }
    // A tag dropped from every variant still differs.
    let dropped =
        "a = { $n ->\n    [one] { $n } маска\n    [few] { $n } маски\n   *[many] { $n } масок\n}\n";
    let (_, f) = run_check(reference, Some(dropped), "ru");
    assert_eq!(only(&f, "markup-mismatch").len(), 1, "{f:?}");
}

#[test]
fn nested_selectors_lacking_the_same_categories_are_one_finding() {
    let reference = "a = { $d ->\n    [0] { $h ->\n        [one] 1 hour\n       *[other] { $h } hours\n    }\n   *[other] { $h ->\n        [one] { $d } days, 1 hour\n       *[other] { $d } days, { $h } hours\n    }\n}\n";
    let pl = "a = { $d ->\n    [0] { $h ->\n        [one] 1 godzina\n       *[other] { $h } godzin\n    }\n   *[other] { $h ->\n        [one] { $d } dni, 1 godzina\n       *[other] { $d } dni, { $h } godzin\n    }\n}\n";
    let (_, f) = run_check(reference, Some(pl), "pl");
    let plural: Vec<&Finding> = f
        .iter()
        .filter(|x| x.code.as_str() == "plural-categories")
        .collect();
    // The two `$h` selectors lack [few] and [many]: one finding. The `$d` one
    // picks exact 0 as the English does, which has no [one] either (the English
    // does not inflect for `$d`): it lacks nothing.
    assert_eq!(plural.len(), 1, "{f:?}");
    assert!(
        plural.iter().any(|p| p
            .message
            .contains("[few] (2, 3, 4, 22, …), [many] (0, 5, 6, 7, …)")
            && p.message.ends_with("(in 2 selectors)")),
        "{plural:?}"
    );
}

#[test]
fn the_human_report_names_invisible_bidi_controls() {
    let dir = shipped_copy();
    let page = dir.path().join("locales/fr/page.ftl");
    let text = read(&page).replace(
        "page-index-title = Articles",
        "page-index-title = \u{2068}Articles",
    );
    assert!(text.contains('\u{2068}'), "the fixture line moved");
    std::fs::write(&page, text).unwrap();
    let run = ftlkit(dir.path(), &["check", "fr"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(run.stdout.contains("bidi-unbalanced"), "{}", run.stdout);
    assert!(
        run.stdout.contains("| page-index-title = ⟨FSI⟩Articles\n"),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains('\u{FFFD}'), "{}", run.stdout);
}

/// Firefox's `preferences.ftl`, `editBookmarkOverlay.ftl` and `payments.ftl`:
/// an attribute that shows its own message's value or a sibling attribute is
/// valid Fluent (no cycle of values and attributes); a value that shows its
/// own attribute that shows the value is a cycle.
#[test]
fn attributes_referring_to_their_own_message_are_no_cycle() {
    let reference = "pane-appearance-title = Appearance\n    .title = { pane-appearance-title }\n\
bookmark-overlay-tags-expander =\n    .tooltiptext = Show all tags\n    .tooltiptextdown = { bookmark-overlay-tags-expander.tooltiptext }\n    .tooltiptextup = Hide\n\
credit-card-label-number-2 = Ending in { $number }\n    .tooltiptext = { credit-card-label-number-2 }\n\
loop = A { loop.title }\n    .title = { loop }\n";
    let translation = "pane-appearance-title = Darstellung\n    .title = { pane-appearance-title }\n\
bookmark-overlay-tags-expander =\n    .tooltiptext = Alle Schlagwörter anzeigen\n    .tooltiptextdown = { bookmark-overlay-tags-expander.tooltiptext }\n    .tooltiptextup = Ausblenden\n\
credit-card-label-number-2 = Endet auf { $number }\n    .tooltiptext = { credit-card-label-number-2 }\n\
loop = A { loop.title }\n    .title = { loop }\n";
    let (_, f) = run_check(reference, Some(translation), "de");
    let cyclic: Vec<String> = only(&f, "cyclic-reference")
        .into_iter()
        .map(|c| c.4)
        .collect();
    assert_eq!(cyclic, ["loop"]);
}

/// Firefox's `placesPrompts.ftl` names the scheme in plain text (its comment
/// says not to translate it): no link target, nothing runs. In a link target
/// it is still an error.
#[test]
fn the_javascript_scheme_named_in_plain_text_is_not_unsafe_markup() {
    let reference = "# Do not translate `javascript:` and `data:`, they refer to the scheme used in URLs\n\
places-load-js-data-url-error = For security reasons, “javascript:” or “data:” URLs cannot be loaded from the history window or sidebar.\n\
help = <a href=\"https://example.com\">Help</a>\n";
    let translation = "places-load-js-data-url-error = Aus Sicherheitsgründen können „javascript:“- oder „data:“-Adressen nicht aus dem Chronikfenster oder der Sidebar geladen werden.\n\
help = <a href=\"javascript:alert(1)\">Hilfe</a>\n";
    let (_, f) = run_check(reference, Some(translation), "de");
    let unsafe_ids: Vec<String> = only(&f, "unsafe-markup").into_iter().map(|c| c.4).collect();
    assert_eq!(unsafe_ids, ["help"]);
}

/// Mozilla's id versioning: when the English changes meaning the id gets a
/// new version (`…-header` → `…-header2`, `-2` → `-3`) or a new variant
/// (`…-label` → `…-label-short`), and the old translation must not be moved
/// onto it. Those are no typos; a letter changed still is.
#[test]
fn mozilla_id_versions_are_not_misspelled_ids() {
    let reference = "onboarding-welcome-header2 = Welcome to Firefox\n\
credit-card-label-number-3 = Ending in { $number }\n\
addon-detail-private-browsing-label-short = Private\n\
pane-experimental-subtitle = Proceed with caution\n";
    let translation = "onboarding-welcome-header = Willkommen bei Firefox\n\
credit-card-label-number-2 = Endet auf { $number }\n\
addon-detail-private-browsing-label = Privat\n\
pane-experimental-subtilte = Mit Vorsicht fortfahren\n";
    let (_, f) = run_check(reference, Some(translation), "de");
    let typos: Vec<String> = only(&f, "misspelled-id").into_iter().map(|t| t.4).collect();
    assert_eq!(typos, ["pane-experimental-subtilte"]);
    assert_eq!(only(&f, "obsolete-message").len(), 4);
}

/// Mozilla renames ids without a version too, when the English changes
/// (Firefox's `places-delete-domain-data` became `places-forget-domain-data`
/// with "Forget About This Site…"): the old id is then made of words the
/// English's ids use, or its translation has other variables or attributes
/// than the new English. Moving that translation onto the new id would put
/// outdated text on new English: no `misspelled-id`. A slip of the keyboard
/// (a word no id has) with the same shape still is one.
#[test]
fn mozilla_renames_are_not_misspelled_ids() {
    let reference = "tab-context-close-tabs =\n    .label = Close Tabs\n    .accesskey = C\n\
tab-context-reopen-closed-tab =\n    .label = Reopen Closed Tab\n    .accesskey = o\n\
places-delete-page =\n    .label =\n        { $count ->\n            [1] Delete Page\n           *[other] Delete Pages\n        }\n    .accesskey = D\n\
places-open-all =\n    .label = Open All Pages\n\
sidebar-menu-close =\n    .label = Close Sidebar\n";
    let translation = "tab-context-reopen-closed-tab =\n    .label = Geschlossenen Tab wieder öffnen\n    .accesskey = o\n\
tab-context-close-tab =\n    .label = Tab schließen\n    .accesskey = s\n\
places-delete-pages =\n    .label = Seite löschen\n    .accesskey = S\n\
places-open-all =\n    .label = Alle Seiten öffnen\n\
sidebar-menu-clsoe =\n    .label = Sidebar schließen\n";
    let (_, f) = run_check(reference, Some(translation), "de");
    let typos: Vec<String> = only(&f, "misspelled-id").into_iter().map(|t| t.4).collect();
    // `tab-context-close-tab`: every word is an English id's (a rename);
    // `places-delete-pages`: the English it would move onto takes `$count`.
    assert_eq!(typos, ["sidebar-menu-clsoe"]);
    assert_eq!(only(&f, "obsolete-message").len(), 3);
}

/// Hebrew (CLDR 42+: `one`, `two`, `other`): `two` is the dual some words
/// have instead of the number (יומיים, "two days"); with the count in digits
/// the plural form is right (`2 לשוניות`), so a Hebrew translation whose
/// default variant shows the count lacks nothing. One that spells the count
/// out still needs `[two]`.
#[test]
fn hebrew_needs_two_only_when_the_default_variant_does_not_show_the_count() {
    let reference =
        "tabs-count = { $count ->\n    [one] { $count } tab\n   *[other] { $count } tabs\n}\n\
days-left = { $days ->\n    [one] One day left\n   *[other] Several days left\n}\n";
    let translation =
        "tabs-count = { $count ->\n    [one] לשונית אחת\n   *[other] { $count } לשוניות\n}\n\
days-left = { $days ->\n    [one] נותר יום אחד\n   *[other] נותרו כמה ימים\n}\n";
    let (_, f) = run_check(reference, Some(translation), "he");
    let plural: Vec<String> = only(&f, "plural-categories")
        .into_iter()
        .map(|p| p.4)
        .collect();
    assert_eq!(plural, ["days-left"]);
    assert!(f
        .iter()
        .any(|x| x.code.as_str() == "plural-categories" && x.message.contains("[two] (2)")));
}

/// Firefox's `langpack-metadata.ftl`: `langpack-contributors = { "" }` is
/// empty in the English on purpose (a locale may credit no one): an empty
/// translation of it renders what the English renders.
#[test]
fn an_empty_value_is_fine_where_the_english_is_empty_too() {
    let reference = "# To credit multiple contributors, use a comma-delimited list.\n\
langpack-contributors = { \"\" }\nlanguage-name = English\n";
    let translation = "langpack-contributors = { \"\" }\nlanguage-name = { \"\" }\n";
    let (_, f) = run_check(reference, Some(translation), "de");
    let empty: Vec<String> = only(&f, "empty-value").into_iter().map(|e| e.4).collect();
    assert_eq!(empty, ["language-name"]);
}

/// A stray PDI (U+2069) at the end of Czech left-to-right text closes
/// nothing: UAX #9 ignores it and nothing moves on screen. Not an error; the
/// control the English lacks is still named (a warning to clean it up).
#[test]
fn a_stray_bidi_terminator_is_a_warning_not_an_error() {
    let reference = "download-file = Download { $name }\n";
    let (_, f) = run_check(
        reference,
        Some("download-file = Stáhnout { $name }\u{2069}\n"),
        "cs",
    );
    assert!(only(&f, "bidi-unbalanced").is_empty(), "{f:?}");
    assert_eq!(only(&f, "bidi-control").len(), 1);
    // An isolate opened and never closed still is.
    let (_, f) = run_check(
        reference,
        Some("download-file = Stáhnout \u{2068}{ $name }\n"),
        "cs",
    );
    assert_eq!(only(&f, "bidi-unbalanced").len(), 1);
}

#[test]
fn an_unindented_second_line_is_told_to_be_indented() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    for (locale, text) in [
        (
            "en-US",
            "hello-title = Hello world\nhello-body = Some text.\n",
        ),
        (
            "fr",
            "hello-title = Bonjour\nle monde entier\nhello-body Du texte.\n",
        ),
    ] {
        std::fs::create_dir_all(root.join("locales").join(locale)).unwrap();
        std::fs::write(root.join("locales").join(locale).join("hello.ftl"), text).unwrap();
    }
    let run = ftlkit(root, &["check", "fr"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let out = format!("{}{}", run.stdout, run.stderr);
    let findings: Vec<&str> = out.lines().filter(|l| l.contains("syntax-error")).collect();
    assert_eq!(findings.len(), 2, "{out}");
    // The text line: indent it; the id without `=`: the `=` is missing.
    assert!(findings[0].contains("indent this line"), "{out}");
    assert!(!findings[0].contains("is the `=` missing"), "{out}");
    assert!(out.contains("locales/fr/hello.ftl:2:"), "{out}");
    assert!(findings[1].contains("is the `=` missing?"), "{out}");
}

/// `changed-code` on Arabic: code spans compared as sets (order and
/// repetition by variants are the language's), a span around a placeable
/// compared with it, one the English lacks reported at its place (column in
/// characters, after Arabic letters), and a message whose English is only a
/// code span.
#[test]
fn a_code_span_dropped_translated_or_added_is_changed_code() {
    let reference = "\
a = Edit `SUMMARY.md` to add chapters, then run `mdbook build`.
b = { $count ->
    [one] One chapter in `{ $file }`
   *[other] { $count } chapters in `{ $file }`
}
c = `book.toml`
d = Run `mdbook serve` and open the page.
";
    // Kept, in Arabic order, in six variants; `c` as it is.
    let kept = "\
a = شغّل `mdbook build` بعد أن تعدّل `SUMMARY.md` لإضافة الفصول.
b = { $count ->
    [zero] لا فصول في `{ $file }`
    [one] فصل واحد في `{ $file }`
    [two] فصلان في `{ $file }`
    [few] { $count } فصول في `{ $file }`
    [many] { $count } فصلاً في `{ $file }`
   *[other] { $count } فصل في `{ $file }`
}
c = `book.toml`
d = شغّل `mdbook serve` وافتح الصفحة.
";
    let (_, f) = run_check(reference, Some(kept), "ar");
    assert!(only(&f, "changed-code").is_empty(), "{f:?}");
    let changed = "\
a = عدّل SUMMARY.md لإضافة الفصول، ثم شغّل `mdbook build`.
b = { $count ->
    [one] فصل واحد في `{ $path }`
   *[other] { $count } فصل في `{ $path }`
}
c = ملف الإعدادات
d = شغّل `mdbook serve` وافتح `index.html`.
";
    let (_, f) = run_check(reference, Some(changed), "ar");
    let found = only(&f, "changed-code");
    let column = |line: &str, span: &str| line.find(span).map(|at| line[..at].chars().count() + 1);
    let d = changed.lines().nth(6).unwrap();
    let b = changed.lines().nth(2).unwrap();
    assert_eq!(
        found,
        [
            ("changed-code", Severity::Warning, 1, 1, "a".to_string()),
            (
                "changed-code",
                Severity::Warning,
                3,
                column(b, "`{").unwrap(),
                "b".to_string()
            ),
            ("changed-code", Severity::Warning, 6, 1, "c".to_string()),
            (
                "changed-code",
                Severity::Warning,
                7,
                column(d, "`index").unwrap(),
                "d".to_string()
            ),
        ],
        "{f:?}"
    );
    let message = |id: &str| {
        f.iter()
            .find(|x| x.code.as_str() == "changed-code" && x.id.as_deref() == Some(id))
            .unwrap()
            .message
            .clone()
    };
    assert!(message("a").contains("lacks the code span `SUMMARY.md`"));
    assert!(message("b").contains("`{ $path }` where the English has `{ $file }`"));
    assert!(message("c").contains("`book.toml`"));
    assert!(message("d").contains("`index.html`, which the English does not have"));
}

/// Writes `text` at `rel` under `root`, making its folders.
fn write_file(root: &std::path::Path, rel: &str, text: &str) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

#[test]
fn a_document_s_message_that_uses_another_document_s_is_an_error() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    write_file(root, "ftlkit.toml", "locales = [\"ar\"]\n");
    write_file(root, "content/apples.md", "# Apples\n\nApples are red.\n");
    write_file(
        root,
        "content/bananas.md",
        "# Bananas\n\nBananas are yellow.\n",
    );
    assert_eq!(ftlkit(root, &["extract"]).code, 0);
    let english_page = read(root.join("locales/en-US/page.ftl"));
    write_file(root, "locales/ar/page.ftl", &english_page);
    // Its own file's message and a page string resolve on its page; the
    // other document's title does not.
    let line = "apples-intro-apples-red = التفاح أحمر و{ bananas-title } أصفر، { apples-title }، { page-language-name }.";
    write_file(
        root,
        "locales/ar/apples.ftl",
        &format!("apples-title = التفاح\n{line}\n"),
    );
    write_file(
        root,
        "locales/ar/bananas.ftl",
        "bananas-title = الموز\nbananas-intro-bananas-yellow = الموز أصفر.\n",
    );
    let run = ftlkit(root, &["check", "--format", "json"]);
    assert_eq!(run.code, 1, "an error: {}", run.stdout);
    let value: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let found: Vec<&serde_json::Value> = value["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "other-document-reference")
        .collect();
    assert_eq!(found.len(), 1, "{}", run.stdout);
    let f = found[0];
    // The column counts characters: the Arabic before the placeable.
    let column = line[..line.find("{ bananas-title }").unwrap()]
        .chars()
        .count()
        + 1;
    assert_eq!(
        (f["path"].as_str(), f["line"].as_u64(), f["column"].as_u64()),
        (Some("locales/ar/apples.ftl"), Some(2), Some(column as u64)),
        "{f}"
    );
    assert_eq!(f["severity"], "error");
    let message = f["message"].as_str().unwrap();
    assert!(
        message.contains("`bananas-title`")
            && message.contains("own file and the page strings only")
            && message.contains("copy the text")
            && message.contains("move `bananas-title` into this document's file"),
        "{message}"
    );
    // The build reports it, and shows the page's paragraph in English.
    let build = ftlkit(root, &["build"]);
    assert!(
        build.stderr.contains("locales/ar/apples.ftl:2:")
            && build
                .stderr
                .contains("only another document's file defines"),
        "{}",
        build.stderr
    );
    let page = read(root.join("dist/ar/apples.html"));
    assert!(page.contains("Apples are red."), "{page}");
    // Moved into the document's own file, the message resolves.
    write_file(
        root,
        "locales/ar/apples.ftl",
        &format!("apples-title = التفاح\n{line}\nbananas-title = الموز\n"),
    );
    let run = ftlkit(root, &["check", "--format", "json"]);
    assert!(
        !run.stdout.contains("other-document-reference"),
        "{}",
        run.stdout
    );
}

#[test]
fn an_l10n_toml_locale_is_one_scope_for_its_references() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    write_file(
        root,
        "l10n.toml",
        "locales = [\"fr\"]\n[[paths]]\nreference = \"en/**\"\nl10n = \"{locale}/**\"\n",
    );
    write_file(root, "en/a.ftl", "a = Apples\n");
    write_file(root, "en/b.ftl", "b = Bananas\n");
    write_file(root, "fr/a.ftl", "a = Pommes et { b }\n");
    write_file(root, "fr/b.ftl", "b = Bananes\n");
    let config = root.join("l10n.toml");
    let config = config.to_str().unwrap();
    let run = ftlkit(root, &["check", "--config", config, "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert!(!run.stdout.contains("-reference"), "{}", run.stdout);
}
