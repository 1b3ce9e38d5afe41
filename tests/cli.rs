//! The command line itself: a reader that stops early (`ftlkit … | head -1`)
//! is not an error, and `--format json` of every command that writes files.

mod common;
use common::*;
use serde_json::Value;
use std::path::Path;
use std::process::{Command, Stdio};

/// Runs `ftlkit -C root args` with its stdout a pipe whose read end is closed
/// at once, as `| head -0` would: (exit code, stderr).
fn with_closed_stdout(root: &Path, args: &[&str]) -> (i32, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_ftlkit"))
        .arg("-C")
        .arg(root)
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("ftlkit runs");
    // The child loads the project before it writes anything: by then no one
    // reads its stdout any more.
    drop(child.stdout.take());
    let out = child.wait_with_output().expect("ftlkit ends");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_closed_stdout_ends_every_command_quietly() {
    let dir = shipped_copy();
    for args in [
        &["extract"][..],
        &["build"],
        &["sync"],
        &["status"],
        &["check"],
        &["status", "--format", "json"],
        &["check", "--format", "json"],
    ] {
        let (code, stderr) = with_closed_stdout(dir.path(), args);
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert!(!stderr.contains("Broken pipe"), "{args:?}: {stderr}");
        assert_eq!(code, 0, "{args:?}: {stderr}");
    }
}

fn json(root: &Path, args: &[&str]) -> Value {
    let run = ftlkit(root, args);
    assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{args:?}: {e}\n{}", run.stdout))
}

#[test]
fn extract_reports_every_document_as_json() {
    let dir = shipped_copy();
    let root = dir.path();
    let text = read(root.join("content/article.md"));
    std::fs::write(
        root.join("content/article.md"),
        format!("{text}\nA new closing paragraph.\n"),
    )
    .unwrap();
    let report = json(root, &["extract", "--format", "json"]);
    let docs = report["documents"].as_array().unwrap();
    let article = docs.iter().find(|d| d["doc"] == "article").unwrap();
    assert_eq!(article["path"], "locales/en-US/article.ftl");
    assert_eq!(article["written"], true);
    assert_eq!(article["deleted"], false);
    assert_eq!(article["added"].as_array().unwrap().len(), 1);
    assert!(article["changed"].is_array() && article["removed"].is_array());
    // Human output stays the default.
    let run = ftlkit(root, &["extract"]);
    assert!(
        run.stdout.starts_with("article: unchanged ("),
        "{}",
        run.stdout
    );
}

#[test]
fn sync_init_pseudo_and_build_report_as_json() {
    let dir = shipped_copy();
    let root = dir.path();
    // A Kurdish file without templates, for sync to add them.
    drop_templates(&root.join("locales/ckb/article.ftl"));

    let sync = json(root, &["sync", "--dry-run", "--format", "json"]);
    assert_eq!(sync["dry_run"], true);
    assert_eq!(sync["prune"], false);
    let files = sync["files"].as_array().unwrap();
    let ckb = files
        .iter()
        .find(|f| f["path"] == "locales/ckb/article.ftl")
        .expect("ckb's article is synced");
    assert_eq!(ckb["locale"], "ckb");
    assert_eq!(ckb["changed"], true);
    assert!(!ckb["added"].as_array().unwrap().is_empty());
    assert!(ckb["diff"].as_str().unwrap().starts_with("---"));

    let init = json(root, &["init", "de", "--format", "json"]);
    assert_eq!(init["locale"], "de");
    let created = init["created"].as_array().unwrap();
    assert!(created.iter().any(|p| p == "locales/de/article.ftl"));

    let pseudo = json(root, &["pseudo", "--format", "json"]);
    let written = pseudo["written"].as_array().unwrap();
    assert!(written.iter().any(|p| p == "locales/en-XA/article.ftl"));

    let build = json(root, &["build", "--format", "json"]);
    let pages = build["pages"].as_array().unwrap();
    let ar = pages
        .iter()
        .find(|p| p["locale"] == "ar" && p["doc"] == "article")
        .expect("ar's article is built");
    assert_eq!(ar["translated"], ar["total"]);
    assert!(ar["files"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f.as_str().unwrap().starts_with("dist/")));
    assert!(build["skipped"].is_array() && build["removed"].is_array());
    assert!(build["findings"].is_array());
    assert!(build["written"].as_u64().unwrap() > 0);
    assert!(build["output"].as_str().unwrap().ends_with("dist"));
}
