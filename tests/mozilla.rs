//! Firefox's own configs, as Mozilla's localizers run compare-locales on
//! them: the English in one folder (firefox-l10n-source: `_configs/*.toml`,
//! `basepath = ".."`), the translations in another (`--l10n-base`, the
//! `{l10n_base}` of `l = "{l10n_base}/{locale}/"`). Small fixtures modelled on
//! ../shared/corpora/firefox-l10n-source, written here.

mod common;
use common::*;
use serde_json::Value;
use std::path::Path;

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

const BROWSER_TOML: &str = r#"basepath = ".."

locales = [
    "de",
    "ja-JP-mac",
]

includes = [
    { path = "_configs/toolkit.toml" },
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

const TOOLKIT_TOML: &str = r#"basepath = ".."

paths = [
    { reference = "toolkit/**", l10n = "{l}toolkit/**" },
]

[env]
l = "{l10n_base}/{locale}/"
"#;

/// The English (as firefox-l10n-source keeps it) and a separate l10n base
/// where `de` drifted: a message left out, one the English dropped, a file
/// not translated yet.
fn firefox() -> (tempfile::TempDir, tempfile::TempDir) {
    let source = tempfile::tempdir().unwrap();
    let s = source.path();
    write(s, "_configs/browser.toml", BROWSER_TOML);
    write(s, "_configs/toolkit.toml", TOOLKIT_TOML);
    write(
        s,
        "browser/browser/menubar.ftl",
        "menu-file =\n    .label = File\n    .accesskey = F\nmenu-edit =\n    .label = Edit\n",
    );
    write(
        s,
        "browser/browser/tabbrowser.ftl",
        "tab-close = Close tab\n",
    );
    write(
        s,
        "toolkit/toolkit/about/aboutSupport.ftl",
        "page-title = Troubleshooting Information\n",
    );

    let base = tempfile::tempdir().unwrap();
    let b = base.path();
    write(
        b,
        "de/browser/browser/menubar.ftl",
        "menu-file =\n    .label = Datei\n    .accesskey = D\nmenu-view =\n    .label = Ansicht\n",
    );
    write(
        b,
        "de/toolkit/toolkit/about/aboutSupport.ftl",
        "page-title = Informationen zur Fehlerbehebung\n",
    );
    write(
        b,
        "ja-JP-mac/browser/browser/tabbrowser.ftl",
        "tab-close = タブを閉じる\n",
    );
    (source, base)
}

fn status_json(here: &Path, args: &[&str]) -> Value {
    let run = ftlkit(here, args);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {}", run.stdout))
}

fn counts(json: &Value, locale: &str) -> (u64, u64, u64) {
    let row = json["locales"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["locale"] == locale)
        .unwrap_or_else(|| panic!("no {locale} in {json}"));
    let n = |k: &str| row[k].as_u64().unwrap();
    (n("translated"), n("missing"), n("obsolete"))
}

#[test]
fn status_reads_firefox_configs_with_a_separate_l10n_base() {
    let (source, base) = firefox();
    let (s, b) = (source.path(), base.path());
    let config = s.join("_configs/browser.toml");
    let args = [
        "status",
        "--config",
        config.to_str().unwrap(),
        "--l10n-base",
        b.to_str().unwrap(),
        "--format",
        "json",
    ];
    let json = status_json(s, &args);
    // de: menu-file and page-title translated; menu-edit and tab-close
    // missing (tabbrowser.ftl is not there); menu-view obsolete.
    assert_eq!(counts(&json, "de"), (2, 2, 1));
    // ja-JP-mac, Firefox's Japanese for macOS, is a folder name.
    assert_eq!(counts(&json, "ja-JP-mac"), (1, 3, 0));

    // Without --l10n-base, `{l10n_base}` is the config's folder: nothing
    // translated there.
    let json = status_json(
        s,
        &args[..3]
            .iter()
            .chain(&["--format", "json"])
            .copied()
            .collect::<Vec<_>>(),
    );
    assert_eq!(counts(&json, "de"), (0, 4, 0));
}

#[test]
fn a_locale_the_configs_do_not_list_is_an_error_naming_theirs() {
    let (source, base) = firefox();
    let config = source.path().join("_configs/browser.toml");
    let run = ftlkit(
        source.path(),
        &[
            "status",
            "--config",
            config.to_str().unwrap(),
            "--l10n-base",
            base.path().to_str().unwrap(),
            "ar",
        ],
    );
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stderr
            .contains("`ar` is not a locale of the config(s), which list 2: de, ja-JP-mac"),
        "{}",
        run.stderr
    );
    // --l10n-base belongs to --config.
    let run = ftlkit(source.path(), &["status", "--l10n-base", "x"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
}

/// Mozilla Monitor's config lists no locales: compare-locales compares them
/// only when named on its command line (with `--full`); so does ftlkit, and
/// it says so when none are named.
#[test]
fn a_config_without_locales_needs_them_named() {
    let (source, base) = firefox();
    let s = source.path();
    write(
        s,
        "_configs/browser.toml",
        &BROWSER_TOML.replace("locales = [\n    \"de\",\n    \"ja-JP-mac\",\n]\n", ""),
    );
    let config = s.join("_configs/browser.toml");
    let (c, b) = (config.to_str().unwrap(), base.path().to_str().unwrap());
    let run = ftlkit(s, &["status", "--config", c, "--l10n-base", b]);
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stderr
            .contains("list(s) no locales: name the locales to compare"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("compare-locales --full"),
        "{}",
        run.stderr
    );
    let json = status_json(
        s,
        &[
            "status",
            "--config",
            c,
            "--l10n-base",
            b,
            "de",
            "--format",
            "json",
        ],
    );
    assert_eq!(counts(&json, "de"), (2, 2, 1));
}

/// Paths as one types them from the current folder (`-C`), and the English's
/// own findings labelled `en-US` (firefox-l10n-source has no `en-US/` folder).
#[test]
fn check_paths_are_relative_to_the_current_folder_and_the_reference_is_en_us() {
    let (source, base) = firefox();
    let s = source.path();
    write(
        s,
        "browser/browser/tabbrowser.ftl",
        "tab-close = Close { -brand-nowhere }\n",
    );
    let config = s.join("_configs/browser.toml");
    let (c, b) = (config.to_str().unwrap(), base.path().to_str().unwrap());
    let here = base.path();
    let run = ftlkit(
        here,
        &[
            "check",
            "--config",
            c,
            "--l10n-base",
            b,
            "de",
            "--format",
            "json",
            "-v",
        ],
    );
    let json: Value = serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}{}", run.stdout, run.stderr));
    let findings = json["findings"].as_array().unwrap();
    let find = |code: &str| {
        findings
            .iter()
            .find(|f| f["code"] == code)
            .unwrap_or_else(|| panic!("no {code}: {findings:?}"))
    };
    let obsolete = find("obsolete-message");
    assert_eq!(obsolete["path"], "de/browser/browser/menubar.ftl");
    let unresolved = find("unresolved-reference");
    assert_eq!(unresolved["locale"], "en-US");
    let english = pathdiff(s.join("browser/browser/tabbrowser.ftl"), here);
    assert_eq!(unresolved["path"], english.as_str());
    assert!(english.starts_with("../"), "{english}");
    let missing = find("missing-message");
    assert!(
        !missing["path"].as_str().unwrap().starts_with('/'),
        "{missing}"
    );
}

/// `path` relative to `base`, with `..`.
fn pathdiff(path: std::path::PathBuf, base: &Path) -> String {
    let (p, b): (Vec<_>, Vec<_>) = (path.components().collect(), base.components().collect());
    let common = p.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let mut out: Vec<String> = vec!["..".into(); b.len() - common];
    out.extend(
        p[common..]
            .iter()
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    out.join("/")
}

/// Firefox's configs list `.properties` files (113) beside the Fluent ones,
/// and a few `.ini`: entities of `.properties` are counted as compare-locales
/// counts them (missing, obsolete, a missing file's all missing); files in
/// formats ftlkit does not read are named in the table and the JSON.
#[test]
fn properties_files_are_counted_and_other_formats_named() {
    let (source, base) = firefox();
    let (s, b) = (source.path(), base.path());
    // Modelled on toolkit/chrome/global/commonDialogs.properties.
    write(
        s,
        "toolkit/chrome/global/commonDialogs.properties",
        "# This Source Code Form is subject to the terms of the Mozilla Public\n# License.\n\nAlert=Alert\nConfirm=Confirm\nEnterLoginForRealm3=The site %2$S is requesting your username and password. \\\n    The site says: “%3$S”\nOK=OK\n",
    );
    write(
        s,
        "toolkit/chrome/global/intl.properties",
        "intl.accept_languages=en-US, en\n",
    );
    write(
        s,
        "toolkit/crashreporter/crashreporter.ini",
        "[Strings]\nCrashReporterTitle=Crash Reporter\n",
    );
    write(
        b,
        "de/toolkit/chrome/global/commonDialogs.properties",
        "Alert=Achtung\nEnterLoginForRealm3=Die Website %2$S fordert Ihren Benutzernamen und Ihr Passwort. \\\n    Sie sagt: „%3$S“\nOK=OK\nOldKey=Alt\n",
    );
    write(
        b,
        "de/toolkit/crashreporter/crashreporter.ini",
        "[Strings]\nCrashReporterTitle=Absturzmelder\n",
    );
    let config = s.join("_configs/browser.toml");
    let (c, bs) = (config.to_str().unwrap(), b.to_str().unwrap());
    let json = status_json(
        s,
        &[
            "status",
            "--config",
            c,
            "--l10n-base",
            bs,
            "de",
            "--format",
            "json",
        ],
    );
    // Fluent (2, 2, 1) plus commonDialogs (3 of 4 translated, Confirm
    // missing, OldKey obsolete) and intl.properties (a missing file: 1).
    assert_eq!(counts(&json, "de"), (2 + 3, 2 + 1 + 1, 1 + 1));
    let unchecked = json["unchecked"].as_array().unwrap();
    assert_eq!(unchecked.len(), 1, "{json}");
    assert_eq!(unchecked[0]["format"], ".ini");
    assert_eq!(unchecked[0]["locale"], "de");
    assert!(unchecked[0]["path"]
        .as_str()
        .unwrap()
        .ends_with("de/toolkit/crashreporter/crashreporter.ini"));
    let run = ftlkit(s, &["status", "--config", c, "--l10n-base", bs, "de"]);
    assert!(run.stdout.contains("not checked: 1 file in 1 locale that the configs list in formats ftlkit does not read (1 .ini)"), "{}", run.stdout);
    let run = ftlkit(
        s,
        &[
            "check",
            "--config",
            c,
            "--l10n-base",
            bs,
            "de",
            "--format",
            "json",
        ],
    );
    let json: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(json["unchecked"][0]["format"], ".ini");
}
