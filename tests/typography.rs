//! The typography and comparison rules on an Arabic, a Kurdish and a French
//! translation of the same messages (`tests/fixtures/typography`): each
//! mistake found at its characters, and nothing found on the same messages
//! written right.

mod common;

use ftlkit::lint::{check_locale, digest, Finding, LocaleFile};
use std::path::Path;

const NEW_CODES: &[&str] = &[
    "arabic-punctuation",
    "changed-number",
    "changed-url",
    "double-space",
    "edge-whitespace",
    "end-punctuation",
    "french-spacing",
    "repeated-word",
    "sorani-letters",
    "tatweel",
    "unbalanced-brackets",
    "zero-width-space",
];

fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/typography")
        .join(format!("{name}.ftl"));
    std::fs::read_to_string(path).unwrap()
}

/// The new rules' findings on `text` as (code, id, line, column, the
/// characters the span covers).
fn findings(locale: &str, text: &str) -> Vec<(String, String, usize, usize, String)> {
    let (reference, _) = digest("en-US/x.ftl", &fixture("en-US"), "en-US");
    let files = [LocaleFile {
        reference: Some(&reference),
        display: format!("{locale}/x.ftl"),
        text: Some(text.to_string()),
        reference_display: None,
        state: None,
    }];
    let (_, found) = check_locale(locale, &locale.parse().unwrap(), &files, None);
    found
        .iter()
        .filter(|f: &&Finding| NEW_CODES.contains(&f.code.as_str()))
        .map(|f| {
            (
                f.code.to_string(),
                f.id.clone().unwrap_or_default(),
                f.line,
                f.column,
                text[f.span.clone()].to_string(),
            )
        })
        .collect()
}

fn show(found: &[(String, String, usize, usize, String)]) -> String {
    found
        .iter()
        .map(|(code, id, line, column, span)| format!("{code} {id} {line}:{column} {span:?}\n"))
        .collect()
}

#[test]
fn correct_text_has_no_finding_in_any_of_the_three_locales() {
    for locale in ["ar", "ckb", "fr"] {
        let found = findings(locale, &fixture(&format!("{locale}-ok")));
        assert!(found.is_empty(), "{locale}:\n{}", show(&found));
    }
}

/// (code, id, line:column, the characters) as one line each.
fn expect(locale: &str, expected: &[&str]) {
    let found = show(&findings(locale, &fixture(locale)));
    let expected: String = expected.iter().map(|e| format!("{e}\n")).collect();
    assert_eq!(found, expected, "{locale}");
}

#[test]
fn arabic_mistakes_are_found_at_their_characters() {
    expect(
        "ar",
        &[
            r#"arabic-punctuation question 1:28 "?""#,
            r#"arabic-punctuation list 2:12 ",""#,
            r#"arabic-punctuation list 2:19 ";""#,
            r#"arabic-punctuation percent 3:17 "%""#,
            r#"changed-number since 4:13 "١٨""#,
            r#"changed-url link 5:23 "https://example.org/?q=2""#,
            r#"changed-url link 5:1 "link""#,
            r#"end-punctuation label 6:13 "م""#,
            r#"unbalanced-brackets quote 8:18 "(""#,
            r#"unbalanced-brackets quote 8:13 "\"""#,
            r#"tatweel plain 9:16 "ـــ""#,
            r#"double-space plain 9:22 "  ""#,
        ],
    );
}

#[test]
fn kurdish_mistakes_are_found_at_their_characters() {
    expect(
        "ckb",
        &[
            r#"arabic-punctuation question 1:25 "?""#,
            r#"arabic-punctuation list 2:11 ",""#,
            r#"arabic-punctuation list 2:18 ";""#,
            r#"arabic-punctuation percent 3:13 "%""#,
            r#"changed-number since 4:9 "١٨""#,
            r#"changed-url link 5:17 "https://example.org/?q=2""#,
            r#"changed-url link 5:1 "link""#,
            r#"end-punctuation label 6:11 "و""#,
            r#"unbalanced-brackets quote 8:21 "(""#,
            r#"sorani-letters plain 9:15 "ك""#,
            r#"sorani-letters plain 9:27 "ي""#,
            r#"sorani-letters plain 9:36 "ي""#,
            r#"double-space plain 9:29 "  ""#,
            r#"repeated-word plain 9:29 "  گەورەيە""#,
        ],
    );
}

#[test]
fn french_mistakes_are_found_at_their_characters() {
    expect(
        "fr",
        &[
            r#"french-spacing question 1:30 " ""#,
            r#"french-spacing list 2:22 ";""#,
            r#"changed-number since 4:9 "18""#,
            r#"changed-url link 5:24 "https://example.org/?q=2""#,
            r#"changed-url link 5:1 "link""#,
            r#"end-punctuation label 6:11 "m""#,
            r#"french-spacing quote 8:18 "«""#,
            r#"french-spacing quote 8:22 " ""#,
            r#"unbalanced-brackets quote 8:25 "(""#,
            r#"double-space plain 9:22 "  ""#,
            r#"repeated-word plain 9:22 "  est""#,
        ],
    );
}

/// French rules are the locale's: Arabic's Latin `?` is no French mistake,
/// and French spacing is not asked of Arabic.
#[test]
fn each_rule_is_active_only_for_its_locales() {
    let french_in_arabic = findings("ar", &fixture("fr"));
    assert!(!french_in_arabic
        .iter()
        .any(|f| f.0 == "french-spacing" || f.0 == "arabic-punctuation"));
    let arabic_in_french = findings("fr", &fixture("ar"));
    assert!(!arabic_in_french
        .iter()
        .any(|f| f.0 == "arabic-punctuation" || f.0 == "sorani-letters"));
    let arabic_letters_in_kurdish = findings("ar", &fixture("ckb"));
    assert!(!arabic_letters_in_kurdish
        .iter()
        .any(|f| f.0 == "sorani-letters"));
    // Canadian French puts no space before `?`, but does before `:`.
    let canada = findings("fr-CA", "question = Voulez-vous partir?\nlabel = Nom :\n");
    assert_eq!(show(&canada), "french-spacing label 2:12 \" \"\n");
}

#[test]
fn zero_width_spaces_and_outer_whitespace_are_found_and_zwnj_is_not() {
    let zwsp = "plain = البيت\u{200B}كبير\nquestion = دەتەوێ\u{200C}ت بڕۆیت؟\nwho = { \" \" }Écrit par { $author }.\n";
    for locale in ["ar", "ckb", "fr"] {
        let found = show(&findings(locale, zwsp));
        assert!(
            found.contains("zero-width-space plain 1:14 \"\\u{200b}\"\n"),
            "{locale}: {found}"
        );
        assert!(
            found.contains("edge-whitespace who 3:1 \"who\"\n"),
            "{locale}: {found}"
        );
        assert!(
            !found.contains("question"),
            "ZWNJ is Kurdish spelling: {found}"
        );
    }
    // Thai separates words with U+200B.
    assert!(findings("th", zwsp)
        .iter()
        .all(|f| f.0 != "zero-width-space"));
}

/// A project of the fixtures: `locales/<locale>/x.ftl` for en-US, ar, ckb, fr.
fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for locale in ["en-US", "ar", "ckb", "fr"] {
        let folder = dir.path().join("locales").join(locale);
        std::fs::create_dir_all(&folder).unwrap();
        std::fs::write(folder.join("x.ftl"), fixture(locale)).unwrap();
    }
    std::fs::write(
        dir.path().join("ftlkit.toml"),
        "locales = [\"ar\", \"ckb\", \"fr\"]\n",
    )
    .unwrap();
    dir
}

/// `check --fix` changes exactly the characters of the safe fixes: each
/// file is its original with those replaced, byte for byte; what has no
/// safe fix (tatweel, a lost end mark, a repeated word) is still reported.
#[test]
fn check_fix_makes_the_safe_fixes_and_keeps_every_other_byte() {
    let dir = project();
    // A byte-order mark and CRLF line ends are kept too.
    let fr = dir.path().join("locales/fr/x.ftl");
    let crlf = format!("\u{FEFF}{}", fixture("fr").replace('\n', "\r\n"));
    std::fs::write(&fr, &crlf).unwrap();
    let run = common::ftlkit(dir.path(), &["check", "--fix"]);
    assert!(
        run.stderr.contains("fixed 5 in locales/ar/x.ftl"),
        "{}",
        run.stderr
    );
    let replace = |text: String, pairs: &[(&str, &str)]| {
        pairs
            .iter()
            .fold(text, |t, (from, to)| t.replacen(from, to, 1))
    };
    let ar = replace(
        fixture("ar"),
        &[
            ("المغادرة?", "المغادرة؟"),
            ("تفاح,", "تفاح،"),
            ("كمثرى;", "كمثرى؛"),
            ("٥٠%", "٥٠٪"),
            ("كـــبير  جداً", "كـــبير جداً"),
        ],
    );
    assert_eq!(
        std::fs::read(dir.path().join("locales/ar/x.ftl")).unwrap(),
        ar.as_bytes()
    );
    let ckb = replace(
        fixture("ckb"),
        &[
            ("بڕۆیت?", "بڕۆیت؟"),
            ("سێو,", "سێو،"),
            ("هەرمێ;", "هەرمێ؛"),
            ("٥٠%", "٥٠٪"),
            (
                "خانووەكە زۆر گەورەيە  گەورەيە",
                "خانووەکە زۆر گەورەیە گەورەیە",
            ),
        ],
    );
    assert_eq!(
        std::fs::read(dir.path().join("locales/ckb/x.ftl")).unwrap(),
        ckb.as_bytes()
    );
    let fr_fixed = replace(
        crlf,
        &[
            ("partir ?", "partir\u{202F}?"),
            ("poires;", "poires\u{202F};"),
            ("«oui »", "«\u{202F}oui\u{202F}»"),
            ("est  est", "est est"),
        ],
    );
    assert_eq!(std::fs::read(&fr).unwrap(), fr_fixed.as_bytes());
    // What is left has no safe fix, and a second run changes nothing.
    assert!(
        run.stdout.contains("tatweel") && run.stdout.contains("repeated-word"),
        "{}",
        run.stdout
    );
    assert!(
        !run.stdout.contains("french-spacing") && !run.stdout.contains("arabic-punctuation"),
        "{}",
        run.stdout
    );
    let again = common::ftlkit(dir.path(), &["check", "--fix"]);
    assert!(!again.stderr.contains("fixed"), "{}", again.stderr);
    assert_eq!(std::fs::read(&fr).unwrap(), fr_fixed.as_bytes());
}

/// The same project described by an `l10n.toml` (checked a few locales at
/// a time, never all findings held): `check --config … --fix` makes the
/// same fixes byte for byte as in an ftlkit project, then reports what is
/// left; `--format sarif` streamed gives the findings `--format json` gives,
/// in its order, each result pointing at its rule.
#[test]
fn an_l10n_toml_project_is_fixed_and_reported_in_sarif_as_it_is_checked() {
    let ftlkit_project = project();
    let fixed = common::ftlkit(ftlkit_project.path(), &["check", "--fix"]);
    assert!(
        fixed.stderr.contains("fixed 5 in locales/ar/x.ftl"),
        "{}",
        fixed.stderr
    );
    let dir = project();
    let config = dir.path().join("l10n.toml");
    std::fs::write(
        &config,
        "basepath = \".\"\nlocales = [\"ar\", \"ckb\", \"fr\"]\n\n[[paths]]\nreference = \"locales/en-US/**\"\nl10n = \"locales/{locale}/**\"\n",
    )
    .unwrap();
    let config = config.to_str().unwrap();
    let run = common::ftlkit(dir.path(), &["check", "--config", config, "--fix"]);
    assert!(
        run.stderr.contains("fixed 5 in locales/ar/x.ftl"),
        "{}",
        run.stderr
    );
    for locale in ["ar", "ckb", "fr"] {
        let file = format!("locales/{locale}/x.ftl");
        assert_eq!(
            std::fs::read(dir.path().join(&file)).unwrap(),
            std::fs::read(ftlkit_project.path().join(&file)).unwrap(),
            "{file}"
        );
    }
    assert!(run.stdout.contains("tatweel"), "{}", run.stdout);
    assert!(!run.stdout.contains("french-spacing"), "{}", run.stdout);
    let again = common::ftlkit(dir.path(), &["check", "--config", config, "--fix"]);
    assert!(!again.stderr.contains("fixed"), "{}", again.stderr);

    let json = common::ftlkit(
        dir.path(),
        &["check", "--config", config, "--format", "json"],
    );
    let json_code = json.code;
    let json: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let sarif = common::ftlkit(
        dir.path(),
        &["check", "--config", config, "--format", "sarif"],
    );
    assert_eq!(sarif.code, json_code, "{}", sarif.stderr);
    let log: serde_json::Value = serde_json::from_str(&sarif.stdout).unwrap();
    let run0 = &log["runs"][0];
    let rules = run0["tool"]["driver"]["rules"].as_array().unwrap();
    let results: Vec<(String, String, u64, String)> = run0["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let rule = &rules[r["ruleIndex"].as_u64().unwrap() as usize];
            assert_eq!(rule["id"], r["ruleId"]);
            let place = &r["locations"][0]["physicalLocation"];
            (
                r["ruleId"].as_str().unwrap().to_string(),
                place["artifactLocation"]["uri"]
                    .as_str()
                    .unwrap()
                    .to_string(),
                place["region"]["startLine"].as_u64().unwrap(),
                r["message"]["text"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let findings: Vec<(String, String, u64, String)> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["code"].as_str().unwrap().to_string(),
                f["path"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap(),
                f["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert!(results.iter().any(|r| r.0 == "tatweel"), "{results:?}");
    assert_eq!(results, findings);
}

/// A message's `# ftlkit-ignore: CODE reason` comment and `[check]` levels
/// (project, locale, path glob) as `check --format json` reports them; an
/// unknown code in `[check]` is an error naming the closest one.
#[test]
fn ignore_comments_and_check_levels_silence_findings() {
    let dir = project();
    let fr = dir.path().join("locales/fr/x.ftl");
    let text = fixture("fr").replace(
        "plain =",
        "# ftlkit-ignore: double-space, repeated-word the sample keeps the slip\nplain =",
    );
    std::fs::write(&fr, text).unwrap();
    std::fs::write(
        dir.path().join("ftlkit.toml"),
        concat!(
            "locales = [\"ar\", \"ckb\", \"fr\"]\n",
            "[check.levels]\nend-punctuation = \"error\"\n",
            "[check.locale.ar]\ntatweel = \"off\"\n",
            "[check.path.\"locales/ckb/*.ftl\"]\nsorani-letters = \"info\"\nend-punctuation = \"warning\"\n",
        ),
    )
    .unwrap();
    let run = common::ftlkit(dir.path(), &["check", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let found: Vec<(String, String, String, String)> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let s = |k: &str| f[k].as_str().unwrap_or_default().to_string();
            (s("locale"), s("code"), s("severity"), s("id"))
        })
        .collect();
    let has = |locale: &str, code: &str, severity: &str| {
        found
            .iter()
            .any(|f| f.0 == locale && f.1 == code && f.2 == severity)
    };
    // The comment silences its message's two codes, and only those.
    assert!(
        !found.iter().any(|f| f.0 == "fr" && f.3 == "plain"),
        "{found:?}"
    );
    assert!(has("fr", "french-spacing", "warning"));
    // Project, locale and path levels, the most specific winning.
    assert!(has("fr", "end-punctuation", "error") && has("ar", "end-punctuation", "error"));
    assert!(has("ckb", "end-punctuation", "warning") && !has("ckb", "end-punctuation", "error"));
    assert!(!found.iter().any(|f| f.0 == "ar" && f.1 == "tatweel"));
    assert!(has("ckb", "sorani-letters", "info") && !has("ckb", "sorani-letters", "warning"));
    assert_eq!(run.code, 1, "end-punctuation errors fail the run");
    // The summary counts the findings at their new levels.
    let count = |severity: &str| found.iter().filter(|f| f.2 == severity).count();
    assert_eq!(json["summary"]["errors"], count("error"));
    assert_eq!(json["summary"]["warnings"], count("warning"));

    std::fs::write(
        dir.path().join("ftlkit.toml"),
        "[check.levels]\ndouble-spaces = \"off\"\n",
    )
    .unwrap();
    let run = common::ftlkit(dir.path(), &["check"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("did you mean `double-space`"),
        "{}",
        run.stderr
    );
}

/// An unknown variable's finding spans its placeable and names the
/// reference's variable it most likely means.
#[test]
fn an_unknown_variable_spans_its_placeable_with_a_suggestion() {
    let (reference, _) = digest("en-US/x.ftl", &fixture("en-US"), "en-US");
    for (locale, text) in [
        ("ar", "who = كتبه {  $autor }.\n"),
        ("ckb", "who =\n    نووسینی { $autor }.\n"),
        ("fr", "who = Écrit par { $autor } et { $zzz }.\n"),
    ] {
        let files = [LocaleFile {
            reference: Some(&reference),
            display: format!("{locale}/x.ftl"),
            text: Some(text.to_string()),
            reference_display: None,
            state: None,
        }];
        let (_, found) = check_locale(locale, &locale.parse().unwrap(), &files, None);
        let unknown: Vec<&Finding> = found
            .iter()
            .filter(|f| f.code.as_str() == "unknown-variable")
            .collect();
        let autor = unknown
            .iter()
            .find(|f| f.message.contains("$autor"))
            .unwrap();
        assert!(
            text[autor.span.clone()].starts_with('{')
                && text[autor.span.clone()].ends_with("$autor }"),
            "{locale}"
        );
        assert!(
            autor.message.ends_with("did you mean `$author`?"),
            "{}",
            autor.message
        );
        let line = text[..autor.span.start].matches('\n').count() + 1;
        assert_eq!(autor.line, line);
        if let Some(zzz) = unknown.iter().find(|f| f.message.contains("$zzz")) {
            assert_eq!(&text[zzz.span.clone()], "{ $zzz }");
            assert!(
                !zzz.message.contains("did you mean"),
                "nothing is close to `zzz`"
            );
        }
    }
}

/// A message or term reference that resolves nowhere spans its placeable
/// (arguments and attribute included), after Arabic and Kurdish letters and
/// on a continuation line, and names the closest id of its kind; one to a
/// message the locale does not translate yet is a warning at its placeable.
#[test]
fn an_unresolved_reference_spans_its_placeable_with_a_suggestion() {
    let english =
        "-brand = Relay\nwho = Written by { $author }.\nplain = The house is big\nlabel = Name:\n";
    let (reference, _) = digest("en-US/x.ftl", english, "en-US");
    for (locale, text, name, placeable, near) in [
        (
            "ar",
            "-brand = Relay\nwho = كتبه { $author } مع {  -brnad(case: \"gen\") }.\n",
            "-brnad",
            "{  -brnad(case: \"gen\") }",
            Some("-brand"),
        ),
        (
            "ckb",
            "-brand = Relay\nwho =\n    نووسینی { $author } { whoo.title }.\n",
            "whoo",
            "{ whoo.title }",
            Some("who"),
        ),
        (
            "fr",
            "-brand = Relay\nwho = Écrit par { $author } et { -zzz }. plain\n",
            "-zzz",
            "{ -zzz }",
            None,
        ),
    ] {
        let files = [LocaleFile {
            reference: Some(&reference),
            display: format!("{locale}/x.ftl"),
            text: Some(text.to_string()),
            reference_display: None,
            state: None,
        }];
        let (_, found) = check_locale(locale, &locale.parse().unwrap(), &files, None);
        let unresolved: Vec<&Finding> = found
            .iter()
            .filter(|f| f.code.as_str() == "unresolved-reference")
            .collect();
        assert_eq!(unresolved.len(), 1, "{locale}: {unresolved:?}");
        let f = unresolved[0];
        assert_eq!(&text[f.span.clone()], placeable, "{locale}");
        assert_eq!(f.severity, ftlkit::lint::Severity::Error);
        let line_start = text[..f.span.start].rfind('\n').map_or(0, |n| n + 1);
        assert_eq!(f.line, text[..f.span.start].matches('\n').count() + 1);
        assert_eq!(f.column, text[line_start..f.span.start].chars().count() + 1);
        assert!(f.message.contains(&format!("`{name}`")), "{}", f.message);
        match near {
            Some(near) => assert!(
                f.message.ends_with(&format!("did you mean `{near}`?")),
                "{}",
                f.message
            ),
            None => assert!(!f.message.contains("did you mean"), "{}", f.message),
        }
    }
    // `plain` is in the reference, not in this locale yet: a warning, at
    // its placeable (the word `plain` in the text is not it).
    let text = "-brand = Relay\nwho = plain: { $author } { plain }\n";
    let files = [LocaleFile {
        reference: Some(&reference),
        display: "ar/x.ftl".into(),
        text: Some(text.to_string()),
        reference_display: None,
        state: None,
    }];
    let (_, found) = check_locale("ar", &"ar".parse().unwrap(), &files, None);
    let f = found
        .iter()
        .find(|f| f.code.as_str() == "unresolved-reference")
        .unwrap();
    assert_eq!(&text[f.span.clone()], "{ plain }");
    assert_eq!(f.severity, ftlkit::lint::Severity::Warning);
    assert!(!f.message.contains("did you mean"), "{}", f.message);
    // The English's own broken reference, reported once on it: at its
    // placeable too, with the id it most likely means.
    let english = "-brand = Relay\nlabel = Forwarding\npromo =\n    Try { -brand }: { labl }\n";
    let (reference, _) = digest("en-US/y.ftl", english, "en-US");
    let found = ftlkit::lint::rules::references::in_reference(
        std::iter::once((&reference, english)),
        "en-US",
    );
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(&english[found[0].span.clone()], "{ labl }");
    assert_eq!((found[0].line, found[0].column), (4, 21));
    assert!(
        found[0].message.ends_with("did you mean `label`?"),
        "{}",
        found[0].message
    );
}

/// The same English translated two ways in one locale is an info finding
/// on the message that differs from the others, naming one that has the
/// locale's translation; placeables make English texts different, and an
/// ignore comment silences it.
#[test]
fn the_same_english_translated_two_ways_is_a_note() {
    let english =
        "a = Settings\nb = Settings\nc = Settings\nd = Settings { -brand }\n-brand = Relay\n";
    let (reference, _) = digest("en-US/x.ftl", english, "en-US");
    let run = |locale: &str, text: &str| {
        let files = [LocaleFile {
            reference: Some(&reference),
            display: format!("{locale}/x.ftl"),
            text: Some(text.to_string()),
            reference_display: None,
            state: None,
        }];
        let (_, found) = check_locale(locale, &locale.parse().unwrap(), &files, None);
        found
            .into_iter()
            .filter(|f| f.code.as_str() == "inconsistent")
            .map(|f| (f.id.unwrap_or_default(), f.line, f.severity, f.message))
            .collect::<Vec<_>>()
    };
    let ar = run(
        "ar",
        "a = الإعدادات\nb = الضبط\nc = الإعدادات\nd = إعدادات { -brand }\n-brand = Relay\n",
    );
    assert_eq!(ar.len(), 1, "{ar:?}");
    assert_eq!((ar[0].0.as_str(), ar[0].1), ("b", 2));
    assert_eq!(ar[0].2, ftlkit::lint::Severity::Info);
    assert!(
        ar[0].3.contains("`a` (ar/x.ftl:1) as “الإعدادات”"),
        "{}",
        ar[0].3
    );
    let ckb = run("ckb", "a = ڕێکخستنەکان\nb = ڕێکخستن\nc = ڕێکخستن\n");
    assert_eq!(ckb.iter().map(|f| f.0.as_str()).collect::<Vec<_>>(), ["a"]);
    let fr = run(
        "fr",
        "a = Paramètres\n# ftlkit-ignore: inconsistent the menu says Réglages\nb = Réglages\nc = Paramètres\n",
    );
    assert!(fr.is_empty(), "{fr:?}");
}

/// One translation for two English texts that say different things is an
/// info finding on the second, naming the first and its English; labels
/// translated alike (`Close`/`Dismiss`), rewordings, English differing in
/// case or end mark, a silenced message and a locale with one plural form
/// (Japanese) are left alone.
#[test]
fn one_translation_for_different_english_is_a_note() {
    let english = "renew = Your subscription renews automatically every month\n\
                   delete = Delete every mask permanently from your account\n\
                   close = Close\n\
                   dismiss = Dismiss\n\
                   block = Block promotional emails\n\
                   blocking = Promotional email blocking\n\
                   name = Name\n\
                   name-label = name:\n";
    let (reference, _) = digest("en-US/x.ftl", english, "en-US");
    let run = |locale: &str, text: &str| {
        let files = [LocaleFile {
            reference: Some(&reference),
            display: format!("{locale}/x.ftl"),
            text: Some(text.to_string()),
            reference_display: None,
            state: None,
        }];
        let (_, found) = check_locale(locale, &locale.parse().unwrap(), &files, None);
        found
            .into_iter()
            .filter(|f| f.code.as_str() == "reused")
            .map(|f| {
                (
                    f.id.unwrap_or_default(),
                    f.line,
                    f.column,
                    f.severity,
                    f.message,
                )
            })
            .collect::<Vec<_>>()
    };
    let ar = run(
        "ar",
        "renew = يتجدد اشتراكك تلقائياً كل شهر\n\
         delete = يتجدد اشتراكك تلقائياً كل شهر\n\
         close = إغلاق\n\
         dismiss = إغلاق\n\
         block = حظر رسائل الترويج\n\
         blocking = حظر رسائل الترويج\n\
         name = الاسم\n\
         name-label = الاسم\n",
    );
    assert_eq!(ar.len(), 1, "{ar:?}");
    assert_eq!((ar[0].0.as_str(), ar[0].1, ar[0].2), ("delete", 2, 1));
    assert_eq!(ar[0].3, ftlkit::lint::Severity::Info);
    assert!(
        ar[0]
            .4
            .contains("as `renew` (ar/x.ftl:1) translates “Your subscription renews"),
        "{}",
        ar[0].4
    );
    let ckb = run(
        "ckb",
        "renew = بەشداریکردنەکەت هەموو مانگێک نوێ دەبێتەوە\n\
         delete = بەشداریکردنەکەت هەموو مانگێک نوێ دەبێتەوە\n",
    );
    assert_eq!(
        ckb.iter().map(|f| f.0.as_str()).collect::<Vec<_>>(),
        ["delete"]
    );
    let fr = run(
        "fr",
        "renew = Votre abonnement se renouvelle chaque mois\n\
         # ftlkit-ignore: reused the copy is deliberate here\n\
         delete = Votre abonnement se renouvelle chaque mois\n\
         close = Fermer\n\
         dismiss = Fermer\n",
    );
    assert!(fr.is_empty(), "{fr:?}");
    let ja = run("ja", "renew = 毎月自動更新\ndelete = 毎月自動更新\n");
    assert!(ja.is_empty(), "{ja:?}");
    // A question with a placeable copied onto an answer without one.
    let english = "-brand = Relay\n\
                   ask = What is a { -brand } email mask?\n\
                   answer = Email masks are private addresses that forward messages to your inbox.\n";
    let (reference, _) = digest("en-US/x.ftl", english, "en-US");
    let files = [LocaleFile {
        reference: Some(&reference),
        display: "fr/x.ftl".into(),
        text: Some(
            "-brand = Relay\n\
             ask = Qu’est-ce qu’un alias { -brand } ?\n\
             answer = Qu’est-ce qu’un alias { -brand } ?\n"
                .into(),
        ),
        reference_display: None,
        state: None,
    }];
    let (_, found) = check_locale("fr", &"fr".parse().unwrap(), &files, None);
    let reused: Vec<_> = found
        .iter()
        .filter(|f| f.code.as_str() == "reused")
        .map(|f| f.id.as_deref().unwrap_or_default())
        .collect();
    assert_eq!(reused, ["answer"]);
}

/// Firefox's attribute-only messages left in English (a locale's copy of
/// `.aria-label = Open menu` and `.title = Open menu`) are the English, not
/// one translation for two English texts: no `reused` note, whether the copy
/// is written as the English is or indented otherwise; both are `identical`.
/// A real translation of them still is compared.
#[test]
fn english_left_in_attributes_is_not_a_reused_translation() {
    let english = "menu =\n    .title = Open menu\n\
                   open-menu-button =\n    .aria-label = Open menu\n";
    let (reference, _) = digest("en-US/x.ftl", english, "en-US");
    let run = |text: &str| {
        let files = [LocaleFile {
            reference: Some(&reference),
            display: "de/x.ftl".into(),
            text: Some(text.to_string()),
            reference_display: None,
            state: None,
        }];
        let (_, found) = check_locale("de", &"de".parse().unwrap(), &files, None);
        let codes = |code: &str| {
            found
                .iter()
                .filter(|f| f.code.as_str() == code)
                .map(|f| f.id.clone().unwrap_or_default())
                .collect::<Vec<_>>()
        };
        (codes("reused"), codes("identical"))
    };
    let (reused, identical) = run(english);
    assert!(reused.is_empty(), "{reused:?}");
    assert_eq!(identical, ["menu", "open-menu-button"]);
    // Nor is the English compared with itself: Firefox's
    // `connection-proxy-socks4-remote-dns` (`.label = … SOCKS v4`,
    // `.accesskey = 4`) left in English has no changed number.
    let english = "socks =\n    .label = Proxy DNS when using SOCKS v4\n    .accesskey = 4\n";
    let (reference, _) = digest("en-US/x.ftl", english, "en-US");
    let files = [LocaleFile {
        reference: Some(&reference),
        display: "de/x.ftl".into(),
        text: Some(english.to_string()),
        reference_display: None,
        state: None,
    }];
    let (_, found) = check_locale("de", &"de".parse().unwrap(), &files, None);
    let codes: Vec<_> = found.iter().map(|f| f.code.as_str()).collect();
    assert_eq!(codes, ["identical"]);
    let (reused, identical) =
        run("menu =\n  .title = Open menu\nopen-menu-button =\n        .aria-label = Open menu\n");
    assert!(reused.is_empty(), "{reused:?}");
    assert_eq!(identical, ["menu", "open-menu-button"]);
    // Translated, the attributes are compared as before (the two English
    // texts differ only in the attribute's name: not different things).
    let (reused, identical) = run(
        "menu =\n    .title = Menü öffnen\nopen-menu-button =\n    .aria-label = Menü öffnen\n",
    );
    assert!(
        reused.is_empty() && identical.is_empty(),
        "{reused:?} {identical:?}"
    );
}

/// A label and its access key are two texts, in the English as in the
/// translation: Firefox's `connection-proxy-socks4-remote-dns` (`.label =
/// … SOCKS v4`, `.accesskey = 4`) translated keeps its numbers (the
/// English's are not one number 44); a number changed in an attribute is
/// still one.
#[test]
fn a_label_and_its_access_key_are_not_one_number() {
    let english = "socks4 =\n    .label = Proxy DNS when using SOCKS v4\n    .accesskey = 4\n\
                   items =\n    .label = Show 5 items\n    .accesskey = S\n";
    let (reference, _) = digest("en-US/x.ftl", english, "en-US");
    let files = [LocaleFile {
        reference: Some(&reference),
        display: "de/x.ftl".into(),
        text: Some(
            "socks4 =\n    .label = Proxy-DNS bei Verwendung von SOCKS v4\n    .accesskey = 4\n\
             items =\n    .label = 6 Elemente anzeigen\n    .accesskey = E\n"
                .into(),
        ),
        reference_display: None,
        state: None,
    }];
    let (_, found) = check_locale("de", &"de".parse().unwrap(), &files, None);
    let numbers: Vec<(&str, &str)> = found
        .iter()
        .filter(|f| f.code.as_str() == "changed-number")
        .map(|f| (f.id.as_deref().unwrap(), f.message.as_str()))
        .collect();
    assert_eq!(
        numbers,
        [(
            "items",
            "`items` has the number 6 (6) where the English has 5"
        )]
    );
}

/// The shipped glossary (`[glossary] files`): its names hold in the
/// shipped translations; a translation spelling one otherwise is a warning
/// at its message; a malformed glossary file is a warning naming its line,
/// and the other files still count.
#[test]
fn the_glossary_finds_a_name_spelled_otherwise_and_a_broken_table_is_a_warning() {
    let dir = common::shipped_copy();
    let clean = common::ftlkit(dir.path(), &["check"]);
    assert_eq!(clean.code, 0, "{}", clean.stderr);
    assert!(!clean.stdout.contains("glossary"), "{}", clean.stdout);
    let fr = dir.path().join("locales/fr/article.ftl");
    let text = common::read(&fr);
    let (line, _) = text
        .lines()
        .enumerate()
        .find(|(_, l)| l.starts_with("article-title = "))
        .unwrap();
    std::fs::write(&fr, text.replacen("Kazimi", "Kazemi", 1)).unwrap();
    let ar = dir.path().join("locales/ar/article.ftl");
    std::fs::write(
        &ar,
        common::read(&ar).replacen("الحشد الشعبي", "قوات التعبئة الشعبية", 1),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("broken.toml"),
        "[[term]]\nen = \"x\"\nar = [\n",
    )
    .unwrap();
    let toml = common::read(dir.path().join("ftlkit.toml")).replace(
        "files = [\"glossary.toml\"]",
        "files = [\"broken.toml\", \"glossary.toml\"]",
    );
    std::fs::write(dir.path().join("ftlkit.toml"), toml).unwrap();
    let run = common::ftlkit(dir.path(), &["check"]);
    assert_eq!(run.code, 0, "warnings only: {}", run.stderr);
    assert!(
        run.stderr
            .contains("warning: glossary broken.toml: 3:7: unclosed array"),
        "{}",
        run.stderr
    );
    let expected = format!(
        "warning: [fr] glossary-term: `article-title`: the English has `Kadhimi`, which the glossary translates `Kazimi`\n --> locales/fr/article.ftl:{}:1",
        line + 1
    );
    assert!(run.stdout.contains(&expected), "{}", run.stdout);
    assert!(
        run.stdout.contains("[ar] glossary-term:") && run.stdout.contains("`الحشد الشعبي`"),
        "{}",
        run.stdout
    );
}
