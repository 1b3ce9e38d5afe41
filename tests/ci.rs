//! What CI reads: `--format github` (workflow commands) and `--format sarif`
//! from `check`, `status` and `build`, and `extract --check`. Real CLI runs on
//! a copy of the shipped project. (`tests/ci/sarif.sh`, run by `.ci/run`,
//! validates the SARIF against the published 2.1.0 schema.)

mod common;

use common::{copy_dir, ftlkit, read, repo, shipped_copy};
use std::path::Path;

/// The shipped project with an unknown variable in a French paragraph;
/// returns the paragraph's id and line.
fn broken_french(root: &Path) -> (String, usize) {
    copy_dir(&repo().join("l10n-state"), &root.join("l10n-state"));
    let path = root.join("locales/fr/article.ftl");
    let text = read(&path);
    let (n, line) = text
        .lines()
        .enumerate()
        .find(|(_, l)| l.starts_with("article-intro-"))
        .unwrap();
    let id = line.split(" = ").next().unwrap().to_string();
    std::fs::write(
        &path,
        text.replacen(line, &format!("{line} {{ $autor }}"), 1),
    )
    .unwrap();
    (id, n + 1)
}

#[test]
fn check_speaks_githubs_workflow_commands() {
    let dir = shipped_copy();
    let (id, line) = broken_french(dir.path());
    let run = ftlkit(dir.path(), &["check", "--format", "github"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let expected = format!(
        "::error file=locales/fr/article.ftl,line={line},col=1,title=ftlkit unknown-variable (fr)::`{id}` uses `$autor`, which the reference does not provide"
    );
    assert!(run.stdout.lines().any(|l| l == expected), "{}", run.stdout);
    // Info findings (identical, missing) only with -v, as in the human report.
    assert!(!run.stdout.contains("::notice"), "{}", run.stdout);
    let verbose = ftlkit(dir.path(), &["check", "-v", "--format", "github"]);
    assert!(verbose.stdout.contains("::notice "), "{}", verbose.stdout);

    let status = ftlkit(dir.path(), &["status", "--format", "github"]);
    assert_eq!(status.code, 0);
    assert!(
        status.stdout.lines().any(
            |l| l.starts_with("::warning title=ftlkit status (fr)::fr: ") && l.contains("1 errors")
        ),
        "{}",
        status.stdout
    );
    assert!(status
        .stdout
        .contains("::notice title=ftlkit status (ar)::ar: "));
}

#[test]
fn check_status_and_build_speak_sarif_with_rules_and_places() {
    let dir = shipped_copy();
    let (id, line) = broken_french(dir.path());
    for args in [&["check"][..], &["status"], &["build"]] {
        let mut args = args.to_vec();
        args.extend(["--format", "sarif"]);
        let run = ftlkit(dir.path(), &args);
        assert!(run.code <= 1, "{args:?}: {}", run.stderr);
        let log: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
        assert_eq!(log["version"], "2.1.0");
        let run0 = &log["runs"][0];
        let rules = run0["tool"]["driver"]["rules"].as_array().unwrap();
        let result = run0["results"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["ruleId"] == "unknown-variable")
            .unwrap_or_else(|| panic!("{args:?}: {log:#}"));
        assert_eq!(result["level"], "error");
        assert_eq!(result["properties"]["id"], id.as_str());
        let rule = &rules[result["ruleIndex"].as_u64().unwrap() as usize];
        assert_eq!(rule["id"], "unknown-variable");
        assert!(!rule["help"]["text"].as_str().unwrap().is_empty());
        let place = &result["locations"][0]["physicalLocation"];
        assert_eq!(place["artifactLocation"]["uri"], "locales/fr/article.ftl");
        assert_eq!(place["region"]["startLine"], line);
    }
}

#[test]
fn extract_check_lists_what_extract_would_write_and_writes_nothing() {
    let dir = shipped_copy();
    let root = dir.path();
    copy_dir(&repo().join("l10n-state"), &root.join("l10n-state"));
    let run = ftlkit(root, &["extract", "--check"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("up to date"), "{}", run.stdout);
    // An edited paragraph, not extracted.
    let article = root.join("content/article.md");
    let text = read(&article);
    let lead = text
        .lines()
        .find(|l| l.starts_with("It has been "))
        .unwrap();
    std::fs::write(&article, text.replacen(lead, &format!("{lead} Indeed."), 1)).unwrap();
    let snapshot = |root: &Path| {
        let mut files = Vec::new();
        for dir in ["locales", "l10n-state"] {
            for locale in std::fs::read_dir(root.join(dir)).unwrap() {
                for f in std::fs::read_dir(locale.unwrap().path()).unwrap() {
                    let p = f.unwrap().path();
                    files.push((p.clone(), std::fs::read(&p).unwrap()));
                }
            }
        }
        files.sort();
        files
    };
    let before = snapshot(root);
    let run = ftlkit(root, &["extract", "--check", "--format", "json"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let pending: Vec<(&str, &str)> = json["pending"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["path"].as_str().unwrap(), p["change"].as_str().unwrap()))
        .collect();
    assert!(
        pending.contains(&("locales/en-US/article.ftl", "changed")),
        "{pending:?}"
    );
    assert!(snapshot(root) == before, "extract --check wrote");
    // Once extracted, it is up to date again.
    assert_eq!(ftlkit(root, &["extract"]).code, 0);
    assert_eq!(ftlkit(root, &["extract", "--check"]).code, 0);
}
