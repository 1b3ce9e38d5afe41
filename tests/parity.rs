//! Parity with compare-locales (`pip install -r .ci/python-requirements.txt`):
//! the same corpus and `l10n.toml` must give the same per-locale counts of missing
//! and obsolete strings, the same missing and obsolete files, the same file pairs
//! and the same filter answers as compare-locales itself.
//!
//! Runs only where `python3 -c "import compare_locales"` works; under CI
//! (env `CI` set) a missing compare-locales is a failure.

use ftlkit::l10n_toml::{load, FilterAction, ResolvedProject};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::{Command, Stdio};

/// Counts of one locale, named as in compare-locales' JSON summary.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
struct Counts {
    missing: u64,
    /// Missing strings a filter turns into warnings.
    report: u64,
    obsolete: u64,
}

/// Message and term ids (`-term`) of a Fluent file; attributes are part of their
/// message and do not count on their own.
fn entry_ids(path: &Path) -> Vec<String> {
    use fluent_syntax::ast::Entry;
    let text = std::fs::read_to_string(path).unwrap();
    let resource = match fluent_syntax::parser::parse(text.as_str()) {
        Ok(r) => r,
        Err((r, _)) => r,
    };
    resource
        .body
        .iter()
        .filter_map(|entry| match entry {
            Entry::Message(m) => Some(m.id.name.to_string()),
            Entry::Term(t) => Some(format!("-{}", t.id.name)),
            _ => None,
        })
        .collect()
}

/// What compare-locales reports, computed from `load` (to be replaced by
/// `ftlkit status`): per-locale counts, and detail lines
/// `path: missingFile <action>`, `path: obsoleteFile <action>`, `path: +id`, `path: -id`.
fn ftlkit_status(project: &ResolvedProject) -> (BTreeMap<String, Counts>, BTreeSet<String>) {
    let mut counts: BTreeMap<String, Counts> = BTreeMap::new();
    let mut details = BTreeSet::new();
    for pair in &project.pairs {
        let file_action = project.filter_for(&pair.locale, &pair.l10n, None);
        // compare-locales adds a file's numbers to a config's summary unless the
        // filter ignores the file for the empty key.
        let counted =
            project.filter_for(&pair.locale, &pair.l10n, Some("")) != FilterAction::Ignore;
        let Some(reference) = &pair.reference else {
            if file_action != FilterAction::Ignore {
                details.insert(format!("{}: obsoleteFile {file_action}", pair.display));
            }
            continue;
        };
        if !pair.l10n.exists() {
            if file_action == FilterAction::Ignore {
                continue;
            }
            details.insert(format!("{}: missingFile {file_action}", pair.display));
            if counted {
                // Every entry of a missing file counts, whatever the key filters say.
                counts.entry(pair.locale.clone()).or_default().missing +=
                    entry_ids(reference).len() as u64;
            }
            continue;
        }
        let ref_ids = entry_ids(reference);
        let l10n_ids = entry_ids(&pair.l10n);
        let mut file = Counts::default();
        for id in ref_ids.iter().filter(|id| !l10n_ids.contains(id)) {
            match project.filter_for(&pair.locale, &pair.l10n, Some(id)) {
                FilterAction::Ignore => continue,
                FilterAction::Error => file.missing += 1,
                FilterAction::Warning => file.report += 1,
            }
            details.insert(format!("{}: +{id}", pair.display));
        }
        for id in l10n_ids.iter().filter(|id| !ref_ids.contains(id)) {
            if project.filter_for(&pair.locale, &pair.l10n, Some(id)) != FilterAction::Ignore {
                file.obsolete += 1;
                details.insert(format!("{}: -{id}", pair.display));
            }
        }
        if counted {
            let c = counts.entry(pair.locale.clone()).or_default();
            c.missing += file.missing;
            c.report += file.report;
            c.obsolete += file.obsolete;
        }
    }
    (counts, details)
}

fn compare_locales_available() -> bool {
    let ok = Command::new("python3")
        .args(["-c", "import compare_locales"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !ok {
        if std::env::var_os("CI").is_some() {
            panic!(
                "compare-locales is required under CI: pip install -r .ci/python-requirements.txt"
            );
        }
        eprintln!("skipped: compare-locales is not installed (pip install -r .ci/python-requirements.txt)");
    }
    ok
}

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

const MAIN_TOML: &str = r#"
locales = ["ar", "de", "fr"]

[env]
l = "{l10n_base}/{locale}/"

[[paths]]
reference = "en-US/browser/**"
l10n = "{l}browser/**"

[[paths]]
reference = "en-US/extra/*.ftl"
l10n = "{l}extra/*.ftl"
locales = ["ar", "de"]

[[paths]]
# compare-locales walks from `…/en-US/quirk/q`, no directory: no files at all
reference = "en-US/quirk/q*.ftl"
l10n = "{l}quirk/q*.ftl"

[[includes]]
path = "toolkit/l10n.toml"

[[excludes]]
path = "devtools.toml"

[[filters]]
path = "{l}browser/menu.ftl"
key = "menu-beta"
action = "warning"

[[filters]]
path = "{l}browser/menu.ftl"
key = "re:menu-old-"
action = "ignore"

[[filters]]
path = "{l}browser/optional.ftl"
action = "ignore"
"#;

const TOOLKIT_TOML: &str = r#"
basepath = ".."
locales = ["ar", "de", "fr", "ja"]

[[paths]]
reference = "en-US/toolkit/**"
l10n = "{l10n_base}/{locale}/toolkit/**"

[[filters]]
path = "{l10n_base}/{locale}/toolkit/about.ftl"
key = ["about-legacy", "-brand-short"]
action = "warning"
"#;

const DEVTOOLS_TOML: &str = r#"
locales = ["de", "fr"]

[[paths]]
reference = "en-US/browser/devtools/**"
l10n = "{l10n_base}/{locale}/browser/devtools/**"
"#;

/// Several locales, a path restricted to some of them, missing and obsolete
/// files and strings, terms and attributes, an include, an exclude and filters.
fn corpus(root: &Path) {
    let files: &[(&str, &str)] = &[
        ("l10n.toml", MAIN_TOML),
        ("toolkit/l10n.toml", TOOLKIT_TOML),
        ("devtools.toml", DEVTOOLS_TOML),
        (
            "en-US/browser/main.ftl",
            "-brand = Firefox\n    .gender = masculine\nmain-title = { -brand } Main\n\
             main-button = Click\n    .title = Click me\n    .accesskey = C\n\
             # A comment\nmain-new = New string\n\n## Group\n",
        ),
        (
            "de/browser/main.ftl",
            "-brand = Firefox\nmain-title = { -brand } Haupt\nmain-button = Klick\n    \
             .title = Klick mich\nmain-removed = Weg\n",
        ),
        (
            "ar/browser/main.ftl",
            "-brand = فايرفوكس\n    .gender = masculine\nmain-title = { -brand }\n\
             main-button = انقر\n    .title = انقر\n    .accesskey = ن\n\
             main-new = جديد\n-old-term = قديم\n",
        ),
        (
            "en-US/browser/menu.ftl",
            "menu-file = File\nmenu-beta = Beta\nmenu-old-1 = Old\n",
        ),
        (
            "de/browser/menu.ftl",
            "menu-file = Datei\nmenu-old-2 = Alt\n",
        ),
        (
            "fr/browser/menu.ftl",
            "menu-file = Fichier\nmenu-beta = Bêta\nmenu-old-1 = Vieux\nextra-x = X\n",
        ),
        ("en-US/browser/optional.ftl", "opt-a = A\nopt-b = B\n"),
        ("fr/browser/optional.ftl", "opt-a = A\n"),
        (
            "en-US/browser/devtools/tools.ftl",
            "tools-a = A\ntools-b = B\n",
        ),
        ("de/browser/devtools/tools.ftl", "tools-a = A\n"),
        ("en-US/browser/notes.txt", "not Fluent\n"),
        ("de/browser/gone.ftl", "gone = Weg\n"),
        ("fr/browser/sub/old.ftl", "old = Vieux\n"),
        ("en-US/extra/beta.ftl", "beta-a = A\nbeta-b = B\n"),
        ("de/extra/beta.ftl", "beta-a = A\n"),
        ("fr/extra/beta.ftl", "beta-a = A\n"),
        ("en-US/quirk/q1.ftl", "q = Q\n"),
        (
            "en-US/toolkit/about.ftl",
            "about-a = A\nabout-legacy = L\n-brand-short = Fx\n",
        ),
        ("de/toolkit/about.ftl", "about-a = A\n"),
        (
            "fr/toolkit/about.ftl",
            "about-a = A\nabout-legacy = L\n-brand-short = Fx\n",
        ),
    ];
    for (rel, text) in files {
        write(root, rel, text);
    }
}

fn python(root: &Path, script: &str, args: &[&str], stdin: &str) -> String {
    use std::io::Write;
    let mut child = Command::new("python3")
        .arg("-c")
        .arg(script)
        .args(args)
        .current_dir(root)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("python3 runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "python failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// `compare-locales --json` on the corpus: counts and detail lines per locale.
fn compare_locales_status(
    root: &Path,
    locales: &[&str],
) -> (BTreeMap<String, Counts>, BTreeSet<String>) {
    let json = root.join("out.json");
    let base = root.to_str().unwrap();
    let mut args = vec![
        "--return-zero",
        "--json",
        json.to_str().unwrap(),
        "l10n.toml",
        base,
    ];
    args.extend(locales);
    python(
        root,
        "import sys; from compare_locales.commands import CompareLocales; sys.exit(CompareLocales.call())",
        &args,
        "",
    );
    let data: Value = serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    let observers = data.as_array().unwrap();
    assert_eq!(observers.len(), 1, "one observer per top-level config");
    let mut counts = BTreeMap::new();
    for (locale, summary) in observers[0]["summary"].as_object().unwrap() {
        let get = |k: &str| summary[k].as_u64().unwrap();
        counts.insert(
            locale.clone(),
            Counts {
                missing: get("missing"),
                report: get("report"),
                obsolete: get("obsolete"),
            },
        );
    }
    let mut details = BTreeSet::new();
    flatten_details("", &observers[0]["details"], &mut details);
    (counts, details)
}

fn flatten_details(prefix: &str, value: &Value, out: &mut BTreeSet<String>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                let path = if prefix.is_empty() {
                    k.clone()
                } else {
                    format!("{prefix}/{k}")
                };
                flatten_details(&path, v, out);
            }
        }
        Value::Array(items) => {
            // ftlkit pairs Fluent files only.
            if !prefix.ends_with(".ftl") {
                return;
            }
            for item in items {
                let (kind, v) = item.as_object().unwrap().iter().next().unwrap();
                let v = v.as_str().unwrap_or_default();
                match kind.as_str() {
                    "missingFile" | "obsoleteFile" => {
                        out.insert(format!("{prefix}: {kind} {v}"));
                    }
                    "missingEntity" => {
                        out.insert(format!("{prefix}: +{v}"));
                    }
                    "obsoleteEntity" => {
                        out.insert(format!("{prefix}: -{v}"));
                    }
                    _ => {} // checks' errors and warnings
                }
            }
        }
        _ => {}
    }
}

/// Drops locales whose counts are all zero (compare-locales has no summary for a
/// locale it never counted anything for).
fn nonzero(counts: BTreeMap<String, Counts>) -> BTreeMap<String, Counts> {
    counts
        .into_iter()
        .filter(|(_, c)| *c != Counts::default())
        .collect()
}

const PY_PAIRS: &str = r#"
import json, os, sys
from compare_locales.paths import TOMLParser, ProjectFiles, File
base = sys.argv[2]
config = TOMLParser().parse(sys.argv[1], env={"l10n_base": base})
queries = json.load(sys.stdin)
pairs = []
for locale in queries["locales"]:
    for l10n, ref, _, _ in ProjectFiles(locale, [config]):
        if not l10n.endswith(".ftl"):
            continue
        if os.path.exists(l10n) and not os.path.exists(ref):
            ref = None
        pairs.append([locale, l10n, ref])
answers = []
for locale, l10n, key in queries["filters"]:
    f = File(l10n, os.path.relpath(l10n, base), locale=locale)
    answers.append(config.filter(f, key))
print(json.dumps({"pairs": pairs, "filters": answers}))
"#;

fn action(a: FilterAction) -> &'static str {
    a.as_str()
}

#[test]
fn same_results_as_compare_locales() {
    if !compare_locales_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    corpus(root);

    for locales in [&[][..], &["fr", "ja"][..]] {
        let only: Vec<String> = locales.iter().map(|s| s.to_string()).collect();
        let project = load(&[root.join("l10n.toml")], &only).unwrap();
        if locales.is_empty() {
            assert_eq!(project.locales, ["ar", "de", "fr", "ja"]);
        }

        // The same file pairs, and the same filter answers for every file and entry.
        let mut queries = Vec::new();
        for pair in &project.pairs {
            let mut keys: Vec<Option<String>> = vec![None, Some(String::new())];
            for path in pair.reference.iter().chain([&pair.l10n]) {
                if path.exists() {
                    keys.extend(entry_ids(path).into_iter().map(Some));
                }
            }
            for key in keys {
                queries.push((pair.locale.clone(), pair.l10n.clone(), key));
            }
        }
        let input = serde_json::json!({
            "locales": project.locales,
            "filters": queries
                .iter()
                .map(|(l, p, k)| serde_json::json!([l, p.to_str().unwrap(), k]))
                .collect::<Vec<_>>(),
        });
        let out: Value = serde_json::from_str(&python(
            root,
            PY_PAIRS,
            &["l10n.toml", root.to_str().unwrap()],
            &input.to_string(),
        ))
        .unwrap();
        let theirs: BTreeSet<(String, String, Option<String>)> = out["pairs"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| {
                (
                    p[0].as_str().unwrap().to_string(),
                    p[1].as_str().unwrap().to_string(),
                    p[2].as_str().map(str::to_string),
                )
            })
            .collect();
        let ours: BTreeSet<(String, String, Option<String>)> = project
            .pairs
            .iter()
            .map(|p| {
                (
                    p.locale.clone(),
                    p.l10n.to_str().unwrap().to_string(),
                    p.reference
                        .as_ref()
                        .map(|r| r.to_str().unwrap().to_string()),
                )
            })
            .collect();
        assert_eq!(ours, theirs, "file pairs for {locales:?}");
        assert!(!ours.is_empty());
        let answers = out["filters"].as_array().unwrap();
        assert_eq!(answers.len(), queries.len());
        for ((locale, path, key), theirs) in queries.iter().zip(answers) {
            let ours = project.filter_for(locale, path, key.as_deref());
            assert_eq!(
                action(ours),
                theirs.as_str().unwrap(),
                "filter({locale}, {}, {key:?})",
                path.display()
            );
        }

        // The same counts and details end to end.
        let (our_counts, our_details) = ftlkit_status(&project);
        let (their_counts, their_details) = compare_locales_status(root, locales);
        assert_eq!(
            nonzero(our_counts.clone()),
            nonzero(their_counts.clone()),
            "counts for {locales:?}"
        );
        assert_eq!(our_details, their_details, "details for {locales:?}");

        // And the real command: `ftlkit status --config` gives compare-locales'
        // per-locale missing and obsolete counts.
        let mut args = vec!["status", "--config", "l10n.toml", "--format", "json"];
        args.extend(locales.iter().copied());
        let out = Command::new(env!("CARGO_BIN_EXE_ftlkit"))
            .current_dir(root)
            .args(&args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let json: Value = serde_json::from_slice(&out.stdout).unwrap();
        let cli: BTreeMap<String, (u64, u64)> = json["locales"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| {
                let n = |k: &str| l[k].as_u64().unwrap();
                (
                    l["locale"].as_str().unwrap().to_string(),
                    (n("missing"), n("obsolete")),
                )
            })
            .filter(|(_, c)| *c != (0, 0))
            .collect();
        let theirs: BTreeMap<String, (u64, u64)> = their_counts
            .iter()
            .map(|(l, c)| (l.clone(), (c.missing, c.obsolete)))
            .filter(|(_, c)| *c != (0, 0))
            .collect();
        assert_eq!(
            cli, theirs,
            "ftlkit status vs compare-locales for {locales:?}"
        );
        if locales.is_empty() {
            // The corpus exercises what it is meant to.
            let de = &their_counts["de"];
            assert!(de.missing > 0 && de.report > 0 && de.obsolete > 0, "{de:?}");
            assert!(their_details.contains("de/browser/gone.ftl: obsoleteFile error"));
            assert!(their_details.contains("fr/browser/main.ftl: missingFile error"));
            assert!(their_counts.contains_key("ja"));
        }
    }
}
