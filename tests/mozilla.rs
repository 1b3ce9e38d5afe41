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
/// and a few `.ini`: their entities are counted as compare-locales counts
/// them (missing, obsolete, a missing file's all missing); files in formats
/// ftlkit does not read (`intl.css`) are named in the table and the JSON.
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
        "[Strings]\nCrashReporterTitle=Crash Reporter\nCrashReporterDescription=We're sorry\n",
    );
    write(s, "toolkit/chrome/global/intl.css", "html { }\n");
    write(b, "de/toolkit/chrome/global/intl.css", "html { }\n");
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
    // missing, OldKey obsolete), intl.properties (a missing file: 1) and
    // crashreporter.ini (1 of 2 translated; `[Strings]` is no entity).
    assert_eq!(counts(&json, "de"), (2 + 3 + 1, 2 + 1 + 1 + 1, 1 + 1));
    let unchecked = json["unchecked"].as_array().unwrap();
    assert_eq!(unchecked.len(), 1, "{json}");
    assert_eq!(unchecked[0]["format"], ".css");
    assert_eq!(unchecked[0]["locale"], "de");
    assert!(unchecked[0]["path"]
        .as_str()
        .unwrap()
        .ends_with("de/toolkit/chrome/global/intl.css"));
    let run = ftlkit(s, &["status", "--config", c, "--l10n-base", bs, "de"]);
    assert!(run.stdout.contains("not checked: 1 file in 1 locale that the configs list in formats ftlkit does not read (1 .css)"), "{}", run.stdout);
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
    assert_eq!(json["unchecked"][0]["format"], ".css");
}

/// The non-Fluent files of a Firefox-like project (modelled on Firefox's
/// commonDialogs.properties, browser.properties, crashreporter.ini and an
/// about.dtd), with the drift translations have: a `%2$S` lost at the end, a
/// `%S` become `%d`, a lone `%`, an argument added, `\'` written for `'`, a
/// PluralForm string with two forms in Arabic and `#2` in French, Latin-1
/// bytes, a key twice, a line without `=`.
fn legacy_project() -> (tempfile::TempDir, tempfile::TempDir) {
    let source = tempfile::tempdir().unwrap();
    let s = source.path();
    write(
        s,
        "_configs/browser.toml",
        "basepath = \"..\"\nlocales = [\"ar\", \"de\", \"fr\"]\n\n[env]\nl = \"{l10n_base}/{locale}/\"\n\n\
[[paths]]\nreference = \"browser/**\"\nl10n = \"{l}browser/**\"\n\n\
[[paths]]\nreference = \"toolkit/**\"\nl10n = \"{l}toolkit/**\"\n",
    );
    write(
        s,
        "toolkit/chrome/global/commonDialogs.properties",
        "# This Source Code Form is subject to the terms of the Mozilla Public\n# License, v. 2.0.\n\n\
Alert=Alert\nEnterPasswordFor = Enter password for %1$S on %2$S\n\
EnterLoginForRealm3=The site %2$S is requesting your username and password. \\\n    The site says: “%3$S”\n\
Close=Close %S tabs\nPercent=%S%% done\n",
    );
    write(
        s,
        "browser/chrome/browser/browser.properties",
        "# LOCALIZATION NOTE (sendTabsToDevice.label):\n# Semi-colon list of plural forms.\n\
# See: https://developer.mozilla.org/en/docs/Localization_and_Plurals\n##1 is the number of tabs sent to the device.\n\
sendTabsToDevice.label = Send tab to device;Send #1 tabs to device\n\
tabHideControlled.message = An extension, %1$S, is hiding some of your tabs.\n",
    );
    write(
        s,
        "toolkit/crashreporter/crashreporter.ini",
        "; License\n[Strings]\nCrashReporterTitle=Crash Reporter\nCrashReporterDescription=We're sorry\n",
    );
    write(
        s,
        "browser/locales/about.dtd",
        "<!-- License -->\n<!ENTITY aboutTitle \"About\">\n<!ENTITY version.label \"Version\">\n",
    );
    write(
        s,
        "browser/android/values/strings.xml",
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<resources>\n    <!-- The menu's settings item -->\n\
    <string name=\"browser_menu_settings\">Settings</string>\n    <string name=\"browser_menu_help\">Help</string>\n\
    <plurals name=\"tabs\"><item quantity=\"one\">1 tab</item></plurals>\n</resources>\n",
    );
    let base = tempfile::tempdir().unwrap();
    let b = base.path();
    write(
        b,
        "de/browser/android/values/strings.xml",
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<resources>\n    <string name=\"browser_menu_settings\">Einstellungen</string>\n\
    <string name=\"browser_menu_old\">Alt</string>\n</resources>\n",
    );
    write(
        b,
        "de/toolkit/chrome/global/commonDialogs.properties",
        "Alert=Achtung\nEnterPasswordFor = Passwort für %1$S auf %2$S eingeben\n\
EnterLoginForRealm3=Die Website %2$S fordert… \\\n    Sie sagt: „%3$S“\nClose=%S Tabs schließen\nPercent=%S%% fertig\nAlert=Alarm\n",
    );
    write(
        b,
        "de/browser/chrome/browser/browser.properties",
        "sendTabsToDevice.label = Tab an Gerät senden;#1 Tabs an Gerät senden\n\
tabHideControlled.message = Eine Erweiterung, %1$S, blendet Tabs aus.\n",
    );
    write(
        b,
        "de/toolkit/crashreporter/crashreporter.ini",
        "[Strings]\nCrashReporterTitle=Absturzmelder\nOld=Alt\n",
    );
    write(
        b,
        "de/browser/locales/about.dtd",
        "<!ENTITY aboutTitle \"Über\">\n<!ENTITY old \"Alt\">\n",
    );
    let fr = b.join("fr/toolkit/chrome/global/commonDialogs.properties");
    std::fs::create_dir_all(fr.parent().unwrap()).unwrap();
    let mut bytes = "Alert=Alerte\nEnterPasswordFor = Saisir le mot de passe pour %1$S\n\
EnterLoginForRealm3=Le site %2$S demande %4$S \\\n    Le site indique : « %3$S »\n\
Close=Fermer %d onglets\nPercent=%S % fait\nnot a key line\nAlert2=caf"
        .as_bytes()
        .to_vec();
    bytes.extend_from_slice(b"\xe9\n"); // Latin-1
    std::fs::write(fr, bytes).unwrap();
    write(
        b,
        "fr/browser/chrome/browser/browser.properties",
        "sendTabsToDevice.label = Envoyer l\\'onglet;Envoyer #2 onglets\n\
tabHideControlled.message = Une extension, %1$S, masque l\\'onglet %2$S.\n",
    );
    write(
        b,
        "ar/browser/chrome/browser/browser.properties",
        "sendTabsToDevice.label = أرسل لسانا;أرسل #1 لسان\ntabHideControlled.message = امتداد %S يخفي ألسنتك.\n",
    );
    write(
        b,
        "ar/toolkit/chrome/global/commonDialogs.properties",
        "EnterPasswordFor = أدخل كلمة السر لـ %2$S على %1$S\nClose=أغلق %S ألسنة\nPercent=٪%S تم\u{FFFD}\n",
    );
    (source, base)
}

/// A finding as `path:line:column: severity code key: message`, the path
/// from the locale's folder.
fn legacy_line(f: &Value) -> String {
    let path = f["path"].as_str().unwrap();
    // The locale's folder, not the same letters in a temporary folder's name.
    let folder = format!("/{}/", f["locale"].as_str().unwrap());
    let at = path.find(&folder).map_or(0, |i| i + 1);
    format!(
        "{}:{}:{}: {} {} {}: {}",
        &path[at..],
        f["line"],
        f["column"],
        f["severity"].as_str().unwrap(),
        f["code"].as_str().unwrap(),
        f["id"].as_str().unwrap_or("-"),
        f["message"].as_str().unwrap()
    )
}

/// compare-locales' checks of `.properties` (printf arguments, escapes,
/// PluralForm strings), of every format (U+FFFD, keys twice, unparsed
/// content) and its counts of `.properties`, `.ini` and `.dtd` entities:
/// ftlkit's findings, with compare-locales' messages, lines and columns.
#[test]
fn properties_ini_and_dtd_checked_as_compare_locales_checks_them() {
    let (source, base) = legacy_project();
    let (s, b) = (source.path(), base.path());
    let bs = b.to_str().unwrap();
    let config = s.join("_configs/browser.toml");
    let args = ["--config", config.to_str().unwrap(), "--l10n-base", bs];
    let run = ftlkit(s, &[&["check"][..], &args, &["--format", "json"]].concat());
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    let json: Value = serde_json::from_str(&run.stdout).unwrap();
    let lines: Vec<String> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["severity"] != "info")
        .map(legacy_line)
        .collect();
    assert_eq!(
        lines,
        [
            "ar/browser/chrome/browser/browser.properties:1:26: warning plural-forms sendTabsToDevice.label: expecting 6 plurals, found 2",
            "ar/toolkit/chrome/global/commonDialogs.properties:3:15: warning replacement-character Percent: \u{FFFD} in: Percent",
            "de/browser/android/values/strings.xml:1:1: warning syntax-error -: Parser error in en-US",
            "de/toolkit/chrome/global/commonDialogs.properties:7:1: error duplicate-id Alert: Alert occurs 2 times",
            "fr/browser/chrome/browser/browser.properties:1:26: warning plural-forms sendTabsToDevice.label: not all variables used in l10n",
            "fr/browser/chrome/browser/browser.properties:2:29: error printf-placeholder tabHideControlled.message: argument 2 `S` obsolete",
            "fr/browser/chrome/browser/browser.properties:2:58: warning unknown-escape tabHideControlled.message: unknown escape sequence, \\'",
            "fr/toolkit/chrome/global/commonDialogs.properties:2:20: warning printf-placeholder EnterPasswordFor: trailing argument 2 `S` missing",
            "fr/toolkit/chrome/global/commonDialogs.properties:5:7: error printf-placeholder Close: argument 1 `d` should be `S`",
            "fr/toolkit/chrome/global/commonDialogs.properties:6:12: error printf-placeholder Percent: Found single %",
            "fr/toolkit/chrome/global/commonDialogs.properties:7:1: error syntax-error -: Unparsed content \"not a key line\n\" from line 7 column 1 to line 8 column 1",
        ]
    );
    // Counts: .properties, .ini ([Strings] no entity), .dtd and strings.xml
    // (<plurals> no entity) entities; a missing file's entities all missing.
    let status = status_json(s, &[&["status"][..], &args, &["--format", "json"]].concat());
    assert_eq!(counts(&status, "de"), (9 + 1, 2 + 1, 2 + 1));
    assert_eq!(counts(&status, "fr"), (7, 4 + 2, 1));
    assert_eq!(counts(&status, "ar"), (5, 6 + 2, 0));
    assert!(status.get("unchecked").is_none(), "{status}");
    // Listed one by one as Fluent's are, where the English has them.
    let list = ftlkit(
        s,
        &[&["status"][..], &args, &["fr", "--untranslated"]].concat(),
    );
    assert!(
        list.stdout.contains("6 untranslated in fr"),
        "{}",
        list.stdout
    );
    assert!(
        list.stdout
            .contains("toolkit/crashreporter/crashreporter.ini:4  CrashReporterDescription"),
        "{}",
        list.stdout
    );

    // The same as compare-locales itself, when it is installed.
    let Some(theirs) = compare_locales_json(s, bs) else {
        return;
    };
    let summary = &theirs[0]["summary"];
    for locale in ["ar", "de", "fr"] {
        let (_, missing, obsolete) = counts(&status, locale);
        let n = |k: &str| summary[locale][k].as_u64().unwrap_or(0);
        assert_eq!(
            (missing, obsolete),
            (n("missing"), n("obsolete")),
            "{locale}"
        );
        let row = status["locales"]
            .as_array()
            .unwrap()
            .iter()
            .find(|l| l["locale"] == locale)
            .unwrap();
        assert_eq!(
            (
                row["errors"].as_u64().unwrap(),
                row["warnings"].as_u64().unwrap()
            ),
            (n("errors"), n("warnings")),
            "{locale}"
        );
    }
}

/// compare-locales' `DTDChecker` on `.dtd` values (Firefox's older
/// windows, Thunderbird and SeaMonkey keep them): a value that is not
/// well-formed XML is an error with expat's message at the character expat
/// points at, an entity no English value of the file references and one
/// the English of this entity does not use are warnings, an English value
/// that is not XML a warning, a number or CSS sizes not kept one. The same messages, keys and levels as
/// compare-locales, and the same places where compare-locales reports the
/// character itself (see README for where it reports another).
#[test]
fn dtd_values_checked_as_compare_locales_checks_them() {
    let source = tempfile::tempdir().unwrap();
    let s = source.path();
    write(
        s,
        "_configs/browser.toml",
        "basepath = \"..\"\nlocales = [\"de\"]\n\n[env]\nl = \"{l10n_base}/{locale}/\"\n\n\
[[paths]]\nreference = \"browser/**\"\nl10n = \"{l}browser/**\"\n",
    );
    write(
        s,
        "browser/chrome/browser/aboutDialog.dtd",
        "<!-- License -->\n\
<!ENTITY aboutVersion \"Version &brandShortName;\">\n\
<!ENTITY update.link \"<a href='https://example.org'>Update</a> now\">\n\
<!ENTITY community.start \"&brandShortName; is made by <label class='text-link'>the community</label>\">\n\
<!ENTITY vendor \"&vendorShortName; &brandShortName;\">\n\
<!ENTITY warning \"Tom &amp; Jerry\">\n\
<!ENTITY multi \"first line\nsecond <b>line</b>\">\n\
<!ENTITY percent \"50 off\">\n\
<!ENTITY broken.en \"A & B\">\n\
<!ENTITY channel \"You are on the &channelName; channel.\">\n\
<!ENTITY window.size \"width: 40em; height: 30em\">\n\
<!ENTITY count \"5\">\n",
    );
    let base = tempfile::tempdir().unwrap();
    let b = base.path();
    write(
        b,
        "de/browser/chrome/browser/aboutDialog.dtd",
        "<!ENTITY aboutVersion \"Version &brandShortNme;\">\n\
<!ENTITY update.link \"<a href=https://example.org>Aktualisieren</a> jetzt\">\n\
<!ENTITY community.start \"&brandShortName; wird von <label class='text-link'>der Community</labl> gemacht\">\n\
<!ENTITY vendor \"&brandShortName; &vendorShortName;\">\n\
<!ENTITY warning \"Tom & Jerry\">\n\
<!ENTITY multi \"erste Zeile\nzweite <b>Zeile\">\n\
<!ENTITY percent \"50 % Rabatt\">\n\
<!ENTITY broken.en \"A und B\">\n\
<!ENTITY channel \"Sie verwenden den Kanal &vendorShortName;.\">\n\
<!ENTITY window.size \"width: 40ch\">\n\
<!ENTITY count \"fünf\">\n",
    );
    let bs = b.to_str().unwrap();
    let config = s.join("_configs/browser.toml");
    let args = ["--config", config.to_str().unwrap(), "--l10n-base", bs];
    let run = ftlkit(s, &[&["check"][..], &args, &["--format", "json"]].concat());
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    let json: Value = serde_json::from_str(&run.stdout).unwrap();
    let found: Vec<&Value> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["severity"] != "info")
        .collect();
    let lines: Vec<String> = found.iter().map(|f| legacy_line(f)).collect();
    let p = "de/browser/chrome/browser/aboutDialog.dtd";
    assert_eq!(
        lines,
        [
            format!("{p}:1:32: warning unknown-entity aboutVersion: Referencing unknown entity `brandShortNme` (brandShortName used in context, channelName, vendorShortName known)"),
            format!("{p}:2:31: error xml-parse update.link: not well-formed (invalid token)"),
            format!("{p}:3:93: error xml-parse community.start: mismatched tag"),
            format!("{p}:5:24: error xml-parse warning: not well-formed (invalid token)"),
            // An element left open: at the value's end.
            format!("{p}:7:16: error xml-parse multi: mismatched tag"),
            // `%` is a parameter entity reference in a declaration.
            format!("{p}:8:23: error xml-parse percent: not well-formed (invalid token)"),
            format!("{p}:9:21: warning xml-parse broken.en: can't parse en-US value"),
            format!("{p}:10:43: warning unknown-entity channel: Entity vendorShortName referenced, but channelName used in context"),
            // What the English value is for: a window's size, a number.
            format!("{p}:11:23: warning dtd-value window.size: height only in reference, units for width don't match (ch != em)"),
            format!("{p}:12:17: warning dtd-value count: reference is a number"),
        ]
    );

    // compare-locales, when installed: the same messages on the same
    // entities, and the same places where it reports the character itself
    // (an error on the value's first line that expat finds in the element).
    let Some(theirs) = compare_locales_json(s, bs) else {
        return;
    };
    let reported = compare_locales_reports(&theirs);
    let ours = our_reports(&found);
    let without_place = |v: &[(String, String, String, String)]| {
        v.iter()
            .map(|(a, b, c, _)| (a.clone(), b.clone(), c.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(without_place(&ours), without_place(&reported));
    for key in [
        "update.link",
        "community.start",
        "warning",
        "window.size",
        "count",
    ] {
        let place = |v: &[(String, String, String, String)]| {
            v.iter().find(|r| r.1 == key).map(|r| r.3.clone())
        };
        assert_eq!(place(&ours), place(&reported), "{key}");
    }
}

/// compare-locales' errors and warnings in its JSON, sorted: (level, key,
/// message, "line L, column C").
fn compare_locales_reports(theirs: &Value) -> Vec<(String, String, String, String)> {
    let mut reported = Vec::new();
    for items in theirs[0]["details"].as_object().unwrap().values() {
        for item in items.as_array().unwrap() {
            for (kind, text) in item.as_object().unwrap() {
                if kind != "error" && kind != "warning" {
                    continue;
                }
                let text = text.as_str().unwrap();
                let (message, rest) = text.rsplit_once(" at line ").unwrap();
                let (place, key) = rest.split_once(" for ").unwrap();
                reported.push((
                    kind.clone(),
                    key.to_string(),
                    message.to_string(),
                    place.to_string(),
                ));
            }
        }
    }
    reported.sort();
    reported
}

/// ftlkit's findings as [`compare_locales_reports`] gives compare-locales'.
fn our_reports(found: &[&Value]) -> Vec<(String, String, String, String)> {
    let mut ours: Vec<(String, String, String, String)> = found
        .iter()
        .map(|f| {
            (
                f["severity"].as_str().unwrap().to_string(),
                f["id"].as_str().unwrap().to_string(),
                f["message"].as_str().unwrap().to_string(),
                format!("{}, column {}", f["line"], f["column"]),
            )
        })
        .collect();
    ours.sort();
    ours
}

/// compare-locales' `AndroidChecker` on the `<string>`s of a `strings.xml`
/// (Firefox for Android, Focus): each problem once — a `translatable="false"`
/// string translated, an `@string/` reference in the translation (error) and
/// in the English (warning), markup, `""`, an unescaped `'`, and the printf
/// formatters: conflicting in the English (warning) and in the translation,
/// one the English lacks, one of another kind, one lost (warning), as many
/// as the English's but not the same count (warning) — beside strings that
/// are right (`\'`, a string in `"…"`, a CDATA, entities, formatters
/// reordered). The same messages, keys and levels as compare-locales; the
/// places are the characters' own (compare-locales says line 0).
#[test]
fn android_strings_checked_as_compare_locales_checks_them() {
    let source = tempfile::tempdir().unwrap();
    let s = source.path();
    write(
        s,
        "_configs/browser.toml",
        "basepath = \"..\"\nlocales = [\"de\"]\n\n[env]\nl = \"{l10n_base}/{locale}/\"\n\n\
[[paths]]\nreference = \"mobile/**\"\nl10n = \"{l}mobile/**\"\n",
    );
    write(
        s,
        "mobile/android/values/strings.xml",
        r#"<?xml version="1.0" encoding="utf-8"?>
<!-- License -->
<resources xmlns:tools="http://schemas.android.com/tools">
    <string name="app_name" translatable="false">Firefox</string>
    <string name="menu_help">@string/help_label</string>
    <string name="menu_settings">Settings</string>
    <string name="tab_title">%1$s — %2$s</string>
    <string name="tabs_open">%1$d open tabs in %2$s</string>
    <string name="welcome">It's %1$s &amp; you</string>
    <string name="quoted">Don't stop</string>
    <string name="cdata"><![CDATA[<b>Bold</b> move]]></string>
    <string name="bold">Open the menu</string>
    <string name="quotes">Say hello</string>
    <string name="apostrophe">Firefox's home</string>
    <string name="en_conflict">%1$s of %1$d</string>
    <string name="l10n_conflict">%1$s tabs</string>
    <string name="extra">%1$s tabs</string>
    <string name="kind">%1$d tabs</string>
    <string name="lost">%1$s on %2$s</string>
    <string name="count">%s, %s</string>
    <string name="reference">Help</string>
</resources>
"#,
    );
    let base = tempfile::tempdir().unwrap();
    let b = base.path();
    write(
        b,
        "de/mobile/android/values/strings.xml",
        r#"<?xml version="1.0" encoding="utf-8"?>
<resources xmlns:tools="http://schemas.android.com/tools">
    <string name="app_name">Feuerfuchs</string>
    <string name="menu_help">Hilfe</string>
    <string name="menu_settings">Einstellungen</string>
    <string name="tab_title">%2$s — %1$s</string>
    <string name="tabs_open">%1$d offene Tabs in %2$s</string>
    <string name="welcome">Das ist %1$s \&apos;s &amp; du</string>
    <string name="quoted">"Hör nicht auf, it's fine"</string>
    <string name="cdata"> <![CDATA[<b>Fetter</b> Zug]]> </string>
    <string name="bold">Öffne das <b>Menü</b></string>
    <string name="quotes">Sag ""Hallo</string>
    <string name="apostrophe">Firefox' Startseite</string>
    <string name="en_conflict">%1$s von %1$s</string>
    <string name="l10n_conflict">%1$s Tabs (%1$d)</string>
    <string name="extra">%1$s Tabs von %2$s</string>
    <string name="kind">%1$s Tabs</string>
    <string name="lost">%1$s</string>
    <string name="count">%1$s, %1$s, %2$s</string>
    <string name="reference">@string/help_label</string>
</resources>
"#,
    );
    let bs = b.to_str().unwrap();
    let config = s.join("_configs/browser.toml");
    let args = ["--config", config.to_str().unwrap(), "--l10n-base", bs];
    let run = ftlkit(s, &[&["check"][..], &args, &["--format", "json"]].concat());
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    let json: Value = serde_json::from_str(&run.stdout).unwrap();
    let found: Vec<&Value> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["severity"] != "info")
        .collect();
    let lines: Vec<String> = found.iter().map(|f| legacy_line(f)).collect();
    let p = "de/mobile/android/values/strings.xml";
    assert_eq!(
        lines,
        [
            format!("{p}:3:29: error android-string app_name: strings must be translatable"),
            format!("{p}:4:30: warning android-string menu_help: strings must be translatable"),
            format!("{p}:11:25: error android-string bold: Only plain text allowed, or one CDATA surrounded by whitespace"),
            format!("{p}:12:31: error android-string quotes: Double straight quotes not allowed"),
            format!("{p}:13:38: error android-string apostrophe: Apostrophe must be escaped"),
            // The English's conflict: compare-locales reports it on the translation.
            format!("{p}:14:32: warning printf-placeholder en_conflict: Conflicting formatting, %1$d vs %1$s"),
            format!("{p}:15:45: error printf-placeholder l10n_conflict: Conflicting formatting, %1$d vs %1$s"),
            format!("{p}:16:26: error printf-placeholder extra: Formatter %2$s not found in reference"),
            format!("{p}:17:25: error printf-placeholder kind: Mismatching formatter"),
            format!("{p}:18:25: warning printf-placeholder lost: Formatter %2$s not found in translation"),
            format!("{p}:19:26: warning printf-placeholder count: Formatter count mismatch"),
            format!("{p}:20:30: error android-string reference: strings must be translatable"),
        ]
    );

    // compare-locales, when installed: the same messages, keys and levels.
    let Some(theirs) = compare_locales_json(s, bs) else {
        return;
    };
    let without_place = |v: &[(String, String, String, String)]| {
        v.iter()
            .map(|(a, b, c, _)| (a.clone(), b.clone(), c.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        without_place(&our_reports(&found)),
        without_place(&compare_locales_reports(&theirs))
    );
    // And `status` counts them as compare-locales sums them up.
    let status = status_json(s, &[&["status"][..], &args, &["--format", "json"]].concat());
    let row = &status["locales"][0];
    let summary = &theirs[0]["summary"]["de"];
    assert_eq!(
        (&summary["errors"], &summary["warnings"]),
        (&8.into(), &4.into())
    );
    for level in ["errors", "warnings"] {
        assert_eq!(row[level], summary[level], "{level}: {status}");
    }
}

/// `compare-locales --json` on a Firefox-like project, or None (and a
/// note) when it is not installed (required under CI).
fn compare_locales_json(source: &Path, base: &str) -> Option<Value> {
    let out = source.join("cl.json");
    let run = std::process::Command::new("python3")
        .current_dir(source)
        .args([
            "-c",
            "import sys; from compare_locales.commands import CompareLocales; sys.exit(CompareLocales.call())",
            "--return-zero",
            "--json",
            out.to_str().unwrap(),
            "_configs/browser.toml",
            base,
        ])
        .output()
        .ok()
        .filter(|o| o.status.success());
    if run.is_none() {
        assert!(
            std::env::var_os("CI").is_none(),
            "compare-locales is required under CI: pip install -r .ci/python-requirements.txt"
        );
        eprintln!("skipped: compare-locales is not installed");
        return None;
    }
    Some(serde_json::from_str(&std::fs::read_to_string(out).unwrap()).unwrap())
}

/// Mozilla's sites and apps render Fluent markup as Fluent's DOM overlays
/// do: a translation's text-level elements (`<em>`, `<strong>`, `<span>`…)
/// are its own, as firefox.com's translators use them (`<em>` around a
/// borrowed word; a `<strong>` that reads wrong in their language left
/// out). Links and other functional elements still must match.
#[test]
fn text_level_markup_is_the_translations_own_in_mozilla_projects() {
    let (source, base) = firefox();
    let (s, b) = (source.path(), base.path());
    write(
        s,
        "browser/browser/firefox-home.ftl",
        "# The <strong> tags may be removed if emphasis does not suit your language.\n\
firefox-home-protects = Get the browser that protects <strong>what’s important</strong>.\n\
firefox-home-privacy = Read our <a { $link }>Privacy Notice</a>.\n\
firefox-home-vpn = Browse with a VPN.\n",
    );
    write(
        b,
        "de/browser/browser/firefox-home.ftl",
        "firefox-home-protects = Hol dir den Browser, der schützt, was dir wichtig ist.\n\
firefox-home-privacy = Lies unseren Datenschutzhinweis.\n\
firefox-home-vpn = Surfe mit einem <em>VPN</em>.\n",
    );
    let config = s.join("_configs/browser.toml");
    let (c, bs) = (config.to_str().unwrap(), b.to_str().unwrap());
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
    let markup: Vec<&str> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "markup-mismatch")
        .map(|f| f["id"].as_str().unwrap())
        .collect();
    assert_eq!(markup, ["firefox-home-privacy"], "{}", run.stdout);
}

/// A `.properties` translation that is a FIFO (or anything but a regular
/// file) is refused as every translation is, with its path: the run never
/// hangs reading it.
#[test]
fn a_fifo_among_the_properties_files_does_not_hang() {
    let (source, base) = legacy_project();
    let (s, b) = (source.path(), base.path());
    let fifo = b.join("de/toolkit/chrome/global/commonDialogs.properties");
    std::fs::remove_file(&fifo).unwrap();
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let config = s.join("_configs/browser.toml");
    let (c, bs) = (config.to_str().unwrap(), b.to_str().unwrap());
    for command in ["status", "check"] {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_ftlkit"))
            .args([command, "--config", c, "--l10n-base", bs, "de"])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let start = std::time::Instant::now();
        while child.try_wait().unwrap().is_none() {
            if start.elapsed() > std::time::Duration::from_secs(20) {
                child.kill().unwrap();
                panic!("{command} hangs on a FIFO");
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{command}: {stderr}");
        assert!(
            stderr.contains("commonDialogs.properties") && stderr.contains("named pipe (FIFO)"),
            "{command}: {stderr}"
        );
    }
}
