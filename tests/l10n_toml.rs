//! `l10n.toml` reading (`ftlkit::l10n_toml`): which files are paired for which
//! locale, what filters say, and which configurations are errors. The semantics
//! are compare-locales'; `tests/parity.rs` checks them against compare-locales itself.

use ftlkit::l10n_toml::{load, load_with, FilterAction, LoadOptions, ResolvedProject};
use ftlkit::Error;
use std::path::{Path, PathBuf};

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn load_dir(root: &Path, only: &[&str]) -> ResolvedProject {
    let only: Vec<String> = only.iter().map(|s| s.to_string()).collect();
    load(&[root.join("l10n.toml")], &only).unwrap()
}

fn load_err(root: &Path) -> String {
    match load(&[root.join("l10n.toml")], &[]) {
        Ok(p) => panic!("expected an error, got {p:?}"),
        Err(e) => e.to_string(),
    }
}

/// "locale display [missing|obsolete]" lines.
fn summary(project: &ResolvedProject) -> Vec<String> {
    project
        .pairs
        .iter()
        .map(|p| {
            let state = if p.reference.is_none() {
                " obsolete"
            } else if !p.l10n.exists() {
                " missing"
            } else {
                ""
            };
            format!("{} {}{state}", p.locale, p.display)
        })
        .collect()
}

fn corpus() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    for (rel, text) in [
        ("en-US/a.ftl", "a = A\n"),
        ("en-US/sub/deep/b.ftl", "b = B\n"),
        ("de/a.ftl", "a = A\n"),
        ("de/sub/deep/b.ftl", "b = B\n"),
        ("de/old.ftl", "old = Old\n"),
        ("fr/a.ftl", "a = A\n"),
    ] {
        write(root, rel, text);
    }
    dir
}

#[test]
fn locale_and_starstar_patterns_pair_missing_and_obsolete_files() {
    let dir = corpus();
    write(
        dir.path(),
        "l10n.toml",
        r#"
locales = ["de", "fr"]
[[paths]]
reference = "en-US/**"
l10n = "{l10n_base}/{locale}/**"
"#,
    );
    let project = load_dir(dir.path(), &[]);
    assert_eq!(project.locales, ["de", "fr"]);
    assert_eq!(
        summary(&project),
        [
            "de de/a.ftl",
            "de de/old.ftl obsolete",
            "de de/sub/deep/b.ftl",
            "fr fr/a.ftl",
            "fr fr/sub/deep/b.ftl missing",
        ]
    );
    let b = project
        .pairs
        .iter()
        .find(|p| p.locale == "fr" && p.display == "fr/sub/deep/b.ftl")
        .unwrap();
    assert_eq!(
        b.reference.as_deref(),
        Some(dir.path().join("en-US/sub/deep/b.ftl").as_path())
    );
    assert_eq!(b.l10n, dir.path().join("fr/sub/deep/b.ftl"));
}

#[test]
fn single_star_stays_in_its_segment_and_a_partial_prefix_finds_nothing() {
    let dir = corpus();
    write(
        dir.path(),
        "l10n.toml",
        r#"
locales = ["de"]
[[paths]]
reference = "en-US/*.ftl"
l10n = "{l10n_base}/{locale}/*.ftl"
[[paths]]
# compare-locales walks from `…/en-US/s`, which is no directory: nothing.
reference = "en-US/s*/deep/b.ftl"
l10n = "{l10n_base}/{locale}/s*/deep/b.ftl"
"#,
    );
    assert_eq!(
        summary(&load_dir(dir.path(), &[])),
        ["de de/a.ftl", "de de/old.ftl obsolete"]
    );
}

#[test]
fn per_path_locales_and_config_locales() {
    let dir = corpus();
    write(dir.path(), "en-US/extra/x.ftl", "x = X\n");
    write(dir.path(), "fr/extra/x.ftl", "x = X\n");
    write(
        dir.path(),
        "l10n.toml",
        r#"
locales = ["de", "fr"]
[[paths]]
reference = "en-US/a.ftl"
l10n = "{l10n_base}/{locale}/a.ftl"
[[paths]]
reference = "en-US/extra/*.ftl"
l10n = "{l10n_base}/{locale}/extra/*.ftl"
locales = ["de", "ja"]
"#,
    );
    let project = load_dir(dir.path(), &[]);
    // `ja` is listed by a path, so it is a locale of the project, but the config's
    // own `locales` does not have it: none of this config's paths apply to it.
    assert_eq!(project.locales, ["de", "fr", "ja"]);
    assert_eq!(
        summary(&project),
        ["de de/a.ftl", "de de/extra/x.ftl missing", "fr fr/a.ftl"]
    );
    // Asking for some locales only.
    let project = load_dir(dir.path(), &["fr"]);
    assert_eq!(project.locales, ["fr"]);
    assert_eq!(summary(&project), ["fr fr/a.ftl"]);
}

#[test]
fn includes_resolve_against_basepath_and_take_the_parents_locales() {
    let dir = corpus();
    let root = dir.path();
    write(root, "en-US/toolkit/t.ftl", "t = T\n");
    write(root, "de/toolkit/t.ftl", "t = T\n");
    write(
        root,
        "config/l10n.toml",
        r#"
basepath = ".."
locales = ["de", "fr"]
[env]
top = "{l10n_base}/{locale}"
[[paths]]
reference = "en-US/a.ftl"
l10n = "{top}/a.ftl"
[[includes]]
# relative to basepath (the corpus root), not to config/
path = "config/toolkit/l10n.toml"
"#,
    );
    write(
        root,
        "config/toolkit/l10n.toml",
        r#"
basepath = "../.."
# no [env]: `{top}` of the including file is not visible here
[[paths]]
reference = "en-US/toolkit/*.ftl"
l10n = "{l10n_base}/{locale}/toolkit/*.ftl"
"#,
    );
    let options = LoadOptions {
        l10n_base: Some(root.to_path_buf()),
        ..LoadOptions::default()
    };
    let project = load_with(&[root.join("config/l10n.toml")], &[], &options).unwrap();
    assert_eq!(
        summary(&project),
        [
            "de de/a.ftl",
            "de de/toolkit/t.ftl",
            "fr fr/a.ftl",
            "fr fr/toolkit/t.ftl missing"
        ]
    );
    // By default `{l10n_base}` is the first config's directory, where no
    // translation is: every file is missing.
    let project = load(&[root.join("config/l10n.toml")], &[]).unwrap();
    assert_eq!(
        summary(&project),
        [
            "de de/a.ftl missing",
            "de de/toolkit/t.ftl missing",
            "fr fr/a.ftl missing",
            "fr fr/toolkit/t.ftl missing"
        ]
    );
}

#[test]
fn a_missing_include_is_an_error_naming_the_key() {
    let dir = corpus();
    write(
        dir.path(),
        "l10n.toml",
        "locales = [\"de\"]\n[[includes]]\npath = \"nope/l10n.toml\"\n",
    );
    let message = load_err(dir.path());
    assert!(message.contains("l10n.toml:3:8"), "{message}");
    assert!(message.contains("`includes[0].path`"), "{message}");
    assert!(message.contains("nope/l10n.toml"), "{message}");
}

#[test]
fn excludes_apply_to_the_locales_the_excluded_config_lists() {
    let dir = corpus();
    let root = dir.path();
    write(
        root,
        "l10n.toml",
        r#"
locales = ["de", "fr"]
[[paths]]
reference = "en-US/**"
l10n = "{l10n_base}/{locale}/**"
[[excludes]]
path = "sub.toml"
"#,
    );
    write(
        root,
        "sub.toml",
        r#"
locales = ["fr"]
[[paths]]
reference = "en-US/sub/**"
l10n = "{l10n_base}/{locale}/sub/**"
"#,
    );
    let project = load_dir(root, &[]);
    assert_eq!(
        summary(&project),
        [
            "de de/a.ftl",
            "de de/old.ftl obsolete",
            "de de/sub/deep/b.ftl",
            "fr fr/a.ftl"
        ]
    );
    // Filters ignore what is excluded.
    let fr_b = root.join("fr/sub/deep/b.ftl");
    assert_eq!(project.filter_for("fr", &fr_b, None), FilterAction::Ignore);
    let de_b = root.join("de/sub/deep/b.ftl");
    assert_eq!(project.filter(&de_b, None), FilterAction::Error);
}

#[test]
fn filters_last_rule_wins_and_file_rules_do_not_apply_to_keys() {
    let dir = corpus();
    let root = dir.path();
    write(
        root,
        "l10n.toml",
        r#"
locales = ["de", "fr"]
[[paths]]
reference = "en-US/**"
l10n = "{l10n_base}/{locale}/**"
[[filters]]
path = "{l10n_base}/{locale}/a.ftl"
action = "ignore"
[[filters]]
path = ["{l10n_base}/{locale}/a.ftl", "{l10n_base}/{locale}/sub/**"]
key = ["a", "re:^old-"]
action = "warning"
[[filters]]
path = "{l10n_base}/de/a.ftl"
key = "a"
action = "ignore"
[[filters]]
path = "{l10n_base}/{locale}/sub/**"
key = "re:(x|y)"
action = "ignore"
"#,
    );
    let project = load_dir(root, &[]);
    let de_a = root.join("de/a.ftl");
    let fr_a = root.join("fr/a.ftl");
    let de_b = root.join("de/sub/deep/b.ftl");
    // File-level rules only answer file-level questions.
    assert_eq!(project.filter(&de_a, None), FilterAction::Ignore);
    assert_eq!(project.filter(&de_a, Some("b")), FilterAction::Error);
    assert_eq!(project.filter(&de_a, Some("")), FilterAction::Error);
    // The last matching rule decides.
    assert_eq!(project.filter(&de_a, Some("a")), FilterAction::Ignore);
    assert_eq!(project.filter(&fr_a, Some("a")), FilterAction::Warning);
    // Exact keys are exact; `re:` keys are anchored at the start only.
    assert_eq!(project.filter(&fr_a, Some("ab")), FilterAction::Error);
    assert_eq!(
        project.filter(&de_b, Some("old-thing")),
        FilterAction::Warning
    );
    assert_eq!(project.filter(&de_b, Some("x-thing")), FilterAction::Ignore);
    assert_eq!(project.filter(&de_b, Some("a-x")), FilterAction::Error);
    assert_eq!(project.filter(&de_b, None), FilterAction::Error);
    // A file no path covers, and a locale the project does not have.
    assert_eq!(
        project.filter(&root.join("elsewhere/a.ftl"), None),
        FilterAction::Ignore
    );
    assert_eq!(
        project.filter_for("it", &root.join("it/a.ftl"), None),
        FilterAction::Ignore
    );
}

#[test]
fn only_fluent_files_are_paired() {
    let dir = corpus();
    write(dir.path(), "en-US/notes.txt", "x");
    write(dir.path(), "en-US/brand.properties", "x = y\n");
    write(
        dir.path(),
        "l10n.toml",
        "locales = [\"fr\"]\n[[paths]]\nreference = \"en-US/*\"\nl10n = \"{l10n_base}/{locale}/*\"\n",
    );
    assert_eq!(summary(&load_dir(dir.path(), &[])), ["fr fr/a.ftl"]);
}

#[test]
fn several_configs_share_their_locales() {
    let dir = corpus();
    let root = dir.path();
    write(
        root,
        "l10n.toml",
        "locales = [\"de\"]\n[[paths]]\nreference = \"en-US/a.ftl\"\nl10n = \"{l10n_base}/{locale}/a.ftl\"\n",
    );
    write(
        root,
        "more.toml",
        "locales = [\"fr\"]\n[[paths]]\nreference = \"en-US/sub/**\"\nl10n = \"{l10n_base}/{locale}/sub/**\"\n",
    );
    let project = load(&[root.join("l10n.toml"), root.join("more.toml")], &[]).unwrap();
    assert_eq!(
        summary(&project),
        ["de de/a.ftl", "fr fr/sub/deep/b.ftl missing"]
    );
}

fn error_for(config: &str) -> String {
    let dir = corpus();
    write(dir.path(), "l10n.toml", config);
    write(
        dir.path(),
        "loop.toml",
        "[[includes]]\npath = \"loop.toml\"\n",
    );
    write(
        dir.path(),
        "has-excludes.toml",
        "[[excludes]]\npath = \"other.toml\"\n",
    );
    write(dir.path(), "other.toml", "");
    load_err(dir.path())
}

#[test]
fn bad_configs_are_errors_naming_file_and_key() {
    let paths = "[[paths]]\nreference = \"en-US/*.ftl\"\nl10n = \"{l10n_base}/{locale}/*.ftl\"\n";
    let cases: Vec<(String, &str)> = vec![
        ("localse = [\"de\"]\n".into(), "`localse`: unknown key"),
        (
            format!("{paths}refrence = \"x\"\n"),
            "`paths[0].refrence`: unknown key",
        ),
        ("locales = \"de\"\n".into(), "`locales`: expected an array of strings, found string"),
        ("locales = [\"../x\"]\n".into(), "`locales[0]`"),
        (
            format!("{paths}locales = [\"de\", \"DE_de\"]\n"),
            "`paths[0].locales[1]`",
        ),
        ("basepath = 1\n".into(), "`basepath`: expected a string, found integer"),
        ("[env]\nx = 1\n".into(), "`env.x`: expected a string"),
        ("[paths]\nl10n = \"x\"\n".into(), "`paths`: expected an array of tables"),
        (
            "[[paths]]\nl10n = \"{l10n_base}/{locale}/*.ftl\"\n".into(),
            "`paths[0]`: missing `reference`",
        ),
        (
            "[[paths]]\nreference = \"**/*.ftl\"\nl10n = \"{l10n_base}/{locale}/**/*.ftl\"\n".into(),
            "`paths[0].reference`: `**/*.ftl`: a pattern cannot start with a wildcard",
        ),
        (
            "[[paths]]\nreference = \"en-US/*.ftl\"\nl10n = \"{l10n_base}/{locale}/**/*.ftl\"\n"
                .into(),
            "`paths[0].l10n`: has 2 wildcards but `paths[0].reference` has 1",
        ),
        (
            "[[paths]]\nreference = \"{nowhere}/*.ftl\"\nl10n = \"{l10n_base}/{locale}/*.ftl\"\n"
                .into(),
            "`paths[0].reference`: `{nowhere}/*.ftl`: the variable `{nowhere}` has no value",
        ),
        (
            format!("{paths}[[filters]]\npath = \"{{l10n_base}}/{{locale}}/a.ftl\"\naction = \"drop\"\n"),
            "`filters[0].action`: `drop` is not one of",
        ),
        (
            format!("{paths}[[filters]]\npath = \"{{l10n_base}}/{{locale}}/a.ftl\"\nkey = \"re:(\"\naction = \"ignore\"\n"),
            "`filters[0].key`: `re:(` is not a valid regular expression",
        ),
        (
            format!("{paths}[[filters]]\npath = \"*.ftl\"\naction = \"ignore\"\n"),
            "`filters[0].path`: `*.ftl`: a pattern cannot start with a wildcard",
        ),
        (
            format!("{paths}[[filters]]\npath = \"{{l10n_base}}/{{locale}}/a.ftl\"\n"),
            "`filters[0]`: missing `action`",
        ),
        ("[[includes]]\npath = \"loop.toml\"\n".into(), "includes itself"),
        (
            "[[includes]]\npath = \"has-excludes.toml\"\n".into(),
            "included configs cannot declare their own excludes",
        ),
        ("[[includes]]\npath = \"{x}/l10n.toml\"\n".into(), "`includes[0].path`"),
        ("locales = [\n".into(), "l10n.toml:1:"),
    ];
    for (config, expected) in cases {
        let message = error_for(&config);
        assert!(
            message.contains(expected),
            "config:\n{config}\nexpected `{expected}` in: {message}"
        );
        assert!(
            message.contains("l10n.toml") || message.contains("loop.toml"),
            "{message}"
        );
    }
}

#[test]
fn errors_carry_positions() {
    let dir = corpus();
    write(
        dir.path(),
        "l10n.toml",
        "locales = [\"de\"]\n\n[[paths]]\nreference = \"en-US/*.ftl\"\nl10n = 3\n",
    );
    match load(&[dir.path().join("l10n.toml")], &[]) {
        Err(Error::At {
            path,
            line,
            column,
            message,
        }) => {
            assert_eq!(path, dir.path().join("l10n.toml"));
            assert_eq!((line, column), (5, 8));
            assert_eq!(message, "`paths[0].l10n`: expected a string, found integer");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn invalid_requested_locales_and_missing_configs_are_errors() {
    let dir = corpus();
    write(dir.path(), "l10n.toml", "locales = [\"de\"]\n");
    assert!(load(&[dir.path().join("l10n.toml")], &["../x".to_string()]).is_err());
    assert!(load(&[PathBuf::from("/nonexistent/l10n.toml")], &[]).is_err());
    assert!(load(&[], &[]).is_err());
}

#[test]
fn real_mozilla_layout_loads() {
    // The shape of browser/locales/l10n.toml in mozilla-central.
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        "src/browser/locales/en-US/browser/menu.ftl",
        "m = M\n",
    );
    write(root, "src/browser/locales/en-US/defines.inc", "#define X\n");
    write(root, "l10n/de/browser/browser/menu.ftl", "m = M\n");
    write(
        root,
        "src/browser/locales/l10n.toml",
        r#"
basepath = "../.."
locales = ["de"]
exclude-multi-locale = ["de"]
[env]
    l = "{l10n_base}/{locale}/"
[[paths]]
    reference = "browser/locales/en-US/**"
    l10n = "{l}browser/**"
    test = ["fluent"]
[[filters]]
    path = "{l}browser/defines.inc"
    key = "MOZ_LANGPACK_CONTRIBUTORS"
    action = "ignore"
"#,
    );
    let options = LoadOptions {
        l10n_base: Some(root.join("l10n")),
        ..LoadOptions::default()
    };
    let project = load_with(&[root.join("src/browser/locales/l10n.toml")], &[], &options).unwrap();
    assert_eq!(summary(&project), ["de de/browser/browser/menu.ftl"]);
    assert_eq!(
        project.pairs[0].reference.as_deref(),
        Some(
            root.join("src/browser/locales/en-US/browser/menu.ftl")
                .as_path()
        )
    );
}

/// Two `[[paths]]` entries with the same l10n pattern whose prefixes are the
/// same directory (here through a symlink) are one entry: the last declared
/// wins, and their references must agree (compare-locales raises otherwise).
#[cfg(unix)]
#[test]
fn the_same_l10n_pattern_twice_is_one_entry_with_one_reference() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    for (rel, text) in [
        ("real/de/a.ftl", "a = A\n"),
        ("en-US/a.ftl", "a = A\n"),
        ("en-US/b.ftl", "b = B\n"),
        ("en2/a.ftl", "a = A\n"),
    ] {
        write(root, rel, text);
    }
    std::os::unix::fs::symlink("real", root.join("link")).unwrap();
    write(
        root,
        "l10n.toml",
        "locales = [\"de\"]\n[env]\nx = \"real\"\n[[paths]]\nreference = \"en-US/*.ftl\"\nl10n = \"{x}/{locale}/*.ftl\"\n[[includes]]\npath = \"child.toml\"\n",
    );
    let child = |reference: &str| {
        format!("[env]\nx = \"link\"\n[[paths]]\nreference = \"{reference}/*.ftl\"\nl10n = \"{{x}}/{{locale}}/*.ftl\"\n")
    };
    write(root, "child.toml", &child("en-US"));
    assert_eq!(
        summary(&load_dir(root, &[])),
        ["de link/de/a.ftl", "de link/de/b.ftl missing"]
    );
    write(root, "child.toml", &child("en2"));
    let err = load_err(root);
    assert!(
        err.contains("child.toml: the l10n files under")
            && err.contains("have two different references"),
        "{err}"
    );
}

/// The shape of Firefox's `_configs/browser.toml` and `mobile-android.toml`
/// (firefox-l10n-source): `basepath = ".."`, translations under
/// `{l10n_base}/{locale}/`, the locale code `ja-JP-mac` (not BCP 47, but a
/// folder name) and the `[build]` table Firefox's build reads and
/// compare-locales ignores. A misspelled key is still an error.
#[test]
fn firefox_configs_with_folder_locale_codes_and_build_table_load() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "source/browser/browser/menu.ftl", "m = M\n");
    write(root, "l10n/ja-JP-mac/browser/browser/menu.ftl", "m = M\n");
    let config = r#"
basepath = ".."
locales = [
    "de",
    "ja-JP-mac",
]

[build]
exclude-multi-locale = [
    "ja-JP-mac",
]

[env]
l = "{l10n_base}/{locale}/"

[[paths]]
reference = "browser/**"
l10n = "{l}browser/**"
"#;
    write(root, "source/_configs/browser.toml", config);
    let options = LoadOptions {
        l10n_base: Some(root.join("l10n")),
        ..LoadOptions::default()
    };
    let toml = root.join("source/_configs/browser.toml");
    let project = load_with(std::slice::from_ref(&toml), &[], &options).unwrap();
    assert_eq!(project.locales, ["de", "ja-JP-mac"]);
    assert_eq!(
        summary(&project),
        [
            "de de/browser/browser/menu.ftl missing",
            "ja-JP-mac ja-JP-mac/browser/browser/menu.ftl"
        ]
    );

    for (bad, expected) in [
        ("[bulid]\nx = 1\n", "`bulid`: unknown key"),
        ("locales = [\"ja-JP-../x\"]\n", "`locales[0]`"),
        ("locales = [\"ja_JP\"]\n", "`locales[0]`"),
        (
            "locales = [\"EN-us\"]\n",
            "write the locale id `EN-us` as `en-US`",
        ),
    ] {
        write(
            root,
            "source/_configs/browser.toml",
            &format!("{bad}{}", &config[config.find("[env]").unwrap()..]),
        );
        let err = load_with(std::slice::from_ref(&toml), &[], &options)
            .unwrap_err()
            .to_string();
        assert!(err.contains(expected), "{bad}: {err}");
        assert!(err.contains("browser.toml:1:"), "{bad}: {err}");
    }
}
