//! Issue 17, hardening round 2: `build` (and `extract`) never overwrite or
//! delete what ftlkit did not write. Each test is an item of the issue, run
//! with the real binary on real files.

mod common;
use common::*;
use std::path::Path;

/// Every file below `dir` with its bytes (links not followed).
fn snapshot(dir: &Path) -> std::collections::BTreeMap<std::path::PathBuf, Vec<u8>> {
    let mut out = std::collections::BTreeMap::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    for e in entries {
        let p = e.unwrap().path();
        let meta = p.symlink_metadata().unwrap();
        if meta.is_dir() {
            out.extend(snapshot(&p));
        } else if meta.is_file() {
            out.insert(p.clone(), std::fs::read(&p).unwrap());
        }
    }
    out
}

fn write(path: impl AsRef<Path>, text: &str) {
    let path = path.as_ref();
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn fails_with(run: &Run, words: &[&str]) {
    assert_eq!(
        run.code, 2,
        "stdout: {}\nstderr: {}",
        run.stdout, run.stderr
    );
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    for w in words {
        assert!(run.stderr.contains(w), "no `{w}` in: {}", run.stderr);
    }
}

// Item 1: an output folder over the content, the locales, l10n-state or the root.

#[test]
fn an_output_folder_holding_the_content_is_refused() {
    // English beside its translations: docs/en-US/article.md, output docs.
    let tmp = shipped_copy();
    let root = tmp.path();
    std::fs::create_dir_all(root.join("docs")).unwrap();
    std::fs::rename(root.join("content"), root.join("docs/en-US")).unwrap();
    let config = read(root.join("ftlkit.toml"));
    write(
        root.join("ftlkit.toml"),
        &format!("content = \"docs/en-US\"\noutput = \"docs\"\n{config}"),
    );
    let source = read(root.join("docs/en-US/article.md"));
    ftlkit(root, &["extract"]);
    let run = ftlkit(root, &["build"]);
    fails_with(&run, &["ftlkit.toml", "content folder", "docs/en-US"]);
    assert_eq!(read(root.join("docs/en-US/article.md")), source);
    assert!(!root.join("docs/index.html").exists());
}

#[test]
fn an_output_folder_that_is_the_project_is_refused() {
    // `locales = [.., "content"]` with `output = "."`: the "content" locale's
    // pages would be content/article.md.
    let tmp = shipped_copy();
    let root = tmp.path();
    let config = read(root.join("ftlkit.toml")).replace(
        "locales = [\"ar\", \"ckb\", \"fr\"]",
        "locales = [\"ar\", \"ckb\", \"content\", \"fr\"]\noutput = \".\"",
    );
    write(root.join("ftlkit.toml"), &config);
    std::fs::create_dir_all(root.join("locales/content")).unwrap();
    std::fs::copy(
        root.join("locales/fr/article.ftl"),
        root.join("locales/content/article.ftl"),
    )
    .unwrap();
    let before = snapshot(root);
    let run = ftlkit(root, &["build"]);
    fails_with(&run, &["ftlkit.toml", "project folder"]);
    assert_eq!(snapshot(root), before, "nothing written");
}

#[test]
fn build_o_into_content_locales_state_or_the_root_is_refused() {
    let tmp = shipped_copy();
    let root = tmp.path();
    assert_eq!(ftlkit(root, &["extract"]).code, 0);
    let before = snapshot(root);
    for (dir, words) in [
        (".", &["project folder"][..]),
        ("..", &["project folder"]),
        ("content", &["content folder"]),
        ("content/site", &["lies inside", "content folder"]),
        ("locales", &["locales folder"]),
        ("locales/fr", &["locales folder"]),
        ("l10n-state", &["l10n-state"]),
    ] {
        let out = root.join(dir);
        let run = ftlkit(root, &["build", "-o", out.to_str().unwrap()]);
        fails_with(&run, words);
        assert_eq!(snapshot(root), before, "-o {dir}: nothing written");
    }
    // A folder of its own is fine, inside the project or out of it.
    assert_eq!(
        ftlkit(root, &["build", "-o", root.join("site").to_str().unwrap()]).code,
        0
    );
    assert!(root.join("site/ar/article.html").is_file());
}

// Item 2: a document named like the page strings.

#[test]
fn a_document_named_page_is_refused_and_page_ftl_kept() {
    let tmp = shipped_copy();
    let root = tmp.path();
    let page_ftl = read(root.join("locales/en-US/page.ftl"));
    let fr_page = read(root.join("locales/fr/page.ftl"));
    write(root.join("content/page.md"), "# A page\n\nAbout pages.\n");
    let run = ftlkit(root, &["extract"]);
    fails_with(&run, &["content/page.md", "reserved", "rename"]);
    assert_eq!(read(root.join("locales/en-US/page.ftl")), page_ftl);
    let run = ftlkit(root, &["sync", "--prune"]);
    assert_eq!(
        read(root.join("locales/fr/page.ftl")),
        fr_page,
        "{}",
        run.stdout
    );
    fails_with(&ftlkit(root, &["build"]), &["content/page.md", "reserved"]);
}

#[test]
fn a_document_whose_ids_would_be_page_strings_is_refused() {
    // `page-index.md` gets the title id `page-index-title`: the index title.
    let tmp = shipped_copy();
    let root = tmp.path();
    assert_eq!(ftlkit(root, &["build"]).code, 0);
    write(
        root.join("content/page-index.md"),
        "# Articles\n\nThe list.\n",
    );
    fails_with(
        &ftlkit(root, &["extract"]),
        &["content/page-index.md", "reserved"],
    );
    assert!(!root.join("locales/en-US/page-index.ftl").exists());
    // Even with the messages there, the build refuses.
    write(
        root.join("locales/en-US/page-index.ftl"),
        "page-index-title = Articles\npage-index-1-paragraph = The list.\n",
    );
    fails_with(
        &ftlkit(root, &["build"]),
        &["content/page-index.md", "reserved"],
    );
    assert!(!read(root.join("dist/ar/article.html")).contains("Articles"));
    // `Page.md` differs from `page.md` only in case: reserved too.
    std::fs::remove_file(root.join("content/page-index.md")).unwrap();
    write(root.join("content/Page.md"), "# Capital\n");
    fails_with(
        &ftlkit(root, &["extract"]),
        &["content/Page.md", "reserved"],
    );
}

// Item 4: the outputs list.

#[test]
fn a_hand_written_file_in_the_output_folder_is_never_replaced() {
    let tmp = shipped_copy();
    let root = tmp.path();
    let site = root.join("site");
    write(site.join("index.html"), "<h1>my own home page</h1>");
    let run = ftlkit(root, &["build", "-o", site.to_str().unwrap()]);
    fails_with(
        &run,
        &[
            "site/index.html",
            "not written by ftlkit",
            "wrote nothing",
            "another output folder",
        ],
    );
    assert_eq!(read(site.join("index.html")), "<h1>my own home page</h1>");
    assert_eq!(snapshot(&site).len(), 1, "nothing else written");
    // Not even a folder (each page was staged beside its place, then removed).
    let entries: Vec<_> = std::fs::read_dir(&site)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(entries, ["index.html"], "{entries:?}");
    // Moved away, the build goes through.
    std::fs::remove_file(site.join("index.html")).unwrap();
    assert_eq!(
        ftlkit(root, &["build", "-o", site.to_str().unwrap()]).code,
        0
    );
    assert!(site.join("index.html").is_file());
}

#[test]
fn a_page_changed_since_the_build_is_neither_replaced_nor_removed() {
    let tmp = shipped_copy();
    let root = tmp.path();
    assert_eq!(ftlkit(root, &["build"]).code, 0);
    let page = root.join("dist/fr/article.html");
    let fixed = read(&page).replace("</h1>", " (corrigé à la main)</h1>");
    write(&page, &fixed);
    // A build that would rewrite it refuses, naming it.
    let fr = root.join("locales/fr/article.ftl");
    let translation = read(&fr);
    write(
        &fr,
        &translation.replacen("article-title = ", "article-title = ¶ ", 1),
    );
    fails_with(
        &ftlkit(root, &["build"]),
        &["dist/fr/article.html", "changed since"],
    );
    assert_eq!(read(&page), fixed);
    // French drops out: its other pages go, the changed one stays, with a warning.
    write(
        &fr,
        &translation.replacen("article-title = ", "article-title ", 1),
    );
    let run = ftlkit(root, &["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(read(&page), fixed);
    assert!(!root.join("dist/fr/article.md").exists());
    assert!(
        run.stdout.contains("removed dist/fr/article.md"),
        "{}",
        run.stdout
    );
    assert!(
        !run.stdout.contains("removed dist/fr/article.html"),
        "{}",
        run.stdout
    );
    assert!(
        run.stderr.contains("dist/fr/article.html") && run.stderr.contains("kept"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_listed_file_that_is_not_an_output_is_never_removed() {
    // The list says a file is ftlkit's; its contents say otherwise.
    let tmp = shipped_copy();
    let root = tmp.path();
    assert_eq!(ftlkit(root, &["build"]).code, 0);
    write(root.join("dist/fr/notes.html"), "my notes");
    let manifest = root.join("dist/.ftlkit.outputs");
    let listed = read(&manifest);
    write(
        &manifest,
        &format!("{listed}fr/notes.html\t0123456789abcdef\nfr/notes.html\n"),
    );
    let run = ftlkit(root, &["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(read(root.join("dist/fr/notes.html")), "my notes");
    assert!(!run.stdout.contains("removed"), "{}", run.stdout);
}

#[test]
fn two_projects_built_into_one_folder_do_not_delete_each_others_pages() {
    let a = shipped_copy();
    let b = tempfile::tempdir().unwrap();
    write(
        b.path().join("content/notes.md"),
        "# Notes\n\nA short note.\n",
    );
    assert_eq!(ftlkit(b.path(), &["extract"]).code, 0);
    let site = tempfile::tempdir().unwrap();
    let out = site.path().join("site");
    let out_arg = out.to_str().unwrap();
    assert_eq!(ftlkit(a.path(), &["build", "-o", out_arg]).code, 0);
    let built = snapshot(&out);
    let run = ftlkit(b.path(), &["build", "-o", out_arg]);
    fails_with(
        &run,
        &[
            ".ftlkit.outputs",
            "another project",
            "another output folder",
        ],
    );
    assert_eq!(snapshot(&out), built, "A's pages untouched");
    // A builds there again as before.
    let run = ftlkit(a.path(), &["build", "-o", out_arg]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("0 files written"), "{}", run.stdout);
}

#[test]
fn a_moved_project_still_owns_its_output_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let first = tmp.path().join("one");
    copy_dir(shipped_copy().path(), &first);
    assert_eq!(ftlkit(&first, &["build"]).code, 0);
    let second = tmp.path().join("two");
    std::fs::rename(&first, &second).unwrap();
    let run = ftlkit(&second, &["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("0 files written"), "{}", run.stdout);
}

#[test]
fn an_output_folder_that_is_a_link_is_not_written_through() {
    let tmp = shipped_copy();
    let root = tmp.path();
    let outside = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(outside.path(), root.join("dist")).unwrap();
    let run = ftlkit(root, &["build"]);
    fails_with(&run, &["dist", "symbolic link"]);
    assert_eq!(std::fs::read_dir(outside.path()).unwrap().count(), 0);
    // A link to a page inside the output folder is not written through either.
    std::fs::remove_file(root.join("dist")).unwrap();
    assert_eq!(ftlkit(root, &["build"]).code, 0);
    let victim = outside.path().join("victim.html");
    write(&victim, "not ftlkit's");
    let page = root.join("dist/fr/article.html");
    std::fs::remove_file(&page).unwrap();
    std::os::unix::fs::symlink(&victim, &page).unwrap();
    fails_with(
        &ftlkit(root, &["build"]),
        &["dist/fr/article.html", "symbolic link"],
    );
    assert_eq!(read(&victim), "not ftlkit's");
}

/// The shipped project built once: its folder and its outputs list.
fn built() -> (tempfile::TempDir, String) {
    let tmp = shipped_copy();
    assert_eq!(ftlkit(tmp.path(), &["build"]).code, 0);
    let list = read(tmp.path().join("dist/.ftlkit.outputs"));
    (tmp, list)
}

/// Breaks the French title, so that French drops out, and builds again.
fn build_without_french(root: &Path) -> Run {
    let fr = root.join("locales/fr/article.ftl");
    write(
        &fr,
        &read(&fr).replacen("article-title = ", "article-title ", 1),
    );
    let run = ftlkit(root, &["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run
}

#[test]
fn an_old_outputs_list_without_hashes_is_honoured_once_then_migrated() {
    let (tmp, list) = built();
    let root = tmp.path();
    let manifest = root.join("dist/.ftlkit.outputs");
    assert!(list.starts_with("# ftlkit outputs"), "{list}");
    assert!(list.contains("fr/article.html\t"), "{list}");
    // The list as ftlkit wrote it before the hashes: paths only.
    let old: String = list
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| format!("{}\n", l.split('\t').next().unwrap()))
        .collect();
    write(&manifest, &old);
    let run = build_without_french(root);
    assert!(
        run.stdout.contains("removed dist/fr/article.html"),
        "{}",
        run.stdout
    );
    assert!(!root.join("dist/fr").exists());
    let migrated = read(&manifest);
    assert!(migrated.starts_with("# ftlkit outputs"), "{migrated}");
    assert!(migrated.contains("ar/article.html\t"), "{migrated}");
    assert!(!migrated.contains("fr/article.html"), "{migrated}");
}

#[test]
fn a_list_with_the_older_fnv_hashes_is_honoured_then_rewritten_with_xxh3() {
    let (tmp, list) = built();
    let root = tmp.path();
    let manifest = root.join("dist/.ftlkit.outputs");
    assert!(list.contains("fr/article.html\txxh3:"), "{list}");
    // The list as ftlkit wrote it before XXH3: FNV-1a of each page, 16 hex digits.
    let old: String = list
        .lines()
        .map(|l| match l.split_once('\t') {
            Some((rel, _)) => {
                let page = read(root.join("dist").join(rel));
                format!("{rel}\t{}\n", ftlkit::state::hash(&page))
            }
            None => format!("{l}\n"),
        })
        .collect();
    assert!(
        !old.contains("xxh3:") && old.contains("fr/article.md\t"),
        "{old}"
    );
    write(&manifest, &old);
    // A changed page is still told from an unchanged one by its old hash.
    write(root.join("dist/fr/article.txt"), "changed by hand");
    let run = build_without_french(root);
    assert!(
        run.stdout.contains("removed dist/fr/article.html")
            && run.stdout.contains("removed dist/fr/article.md"),
        "{}",
        run.stdout
    );
    assert_eq!(read(root.join("dist/fr/article.txt")), "changed by hand");
    assert!(run.stderr.contains("dist/fr/article.txt"), "{}", run.stderr);
    let rewritten = read(&manifest);
    assert!(rewritten.contains("ar/article.html\txxh3:"), "{rewritten}");
    assert!(!rewritten.contains("fr/article"), "{rewritten}");
}

// Item 12: a folder that is no project.

#[test]
fn a_folder_that_is_no_project_is_an_error_for_every_command() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    for args in [
        &["build"][..],
        &["sync"],
        &["extract"],
        &["status"],
        &["pseudo"],
    ] {
        let run = ftlkit(root, args);
        fails_with(&run, &["no ftlkit project here"]);
    }
    assert_eq!(
        std::fs::read_dir(root).unwrap().count(),
        0,
        "nothing written"
    );
}

// Item 13: files of the content folder that were silently ignored.

#[test]
fn markdown_in_subfolders_are_documents() {
    let tmp = shipped_copy();
    let root = tmp.path();
    write(root.join("content/guides/intro.md"), "# Intro\n\nHello.\n");
    let run = ftlkit(root, &["extract"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("skipped"), "{}", run.stderr);
    let ftl = std::fs::read_to_string(root.join("locales/en-US/guides/intro.ftl")).unwrap();
    assert!(ftl.contains("guides-intro-title = Intro"), "{ftl}");
    let run = ftlkit(root, &["build", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(root.join("dist/en-US/guides/intro.html").is_file());
}

#[test]
fn an_upper_case_md_extension_is_refused() {
    let tmp = shipped_copy();
    let root = tmp.path();
    write(root.join("content/Notes.MD"), "# Notes\n");
    fails_with(
        &ftlkit(root, &["extract"]),
        &[
            "content/Notes.MD",
            "`.md` (in lower case)",
            "rename it to Notes.md",
        ],
    );
}

#[test]
fn two_documents_differing_only_in_case_are_refused() {
    let tmp = shipped_copy();
    let root = tmp.path();
    write(root.join("content/Article.md"), "# Another article\n");
    let run = ftlkit(root, &["extract"]);
    fails_with(
        &run,
        &["Article.md", "content/article.md", "differ only in case"],
    );
    assert!(!root.join("locales/en-US/Article.ftl").exists());
}

#[test]
fn a_byline_that_is_not_text_is_an_error_at_its_place() {
    let tmp = shipped_copy();
    let root = tmp.path();
    let md = root.join("content/article.md");
    write(
        &md,
        &read(&md).replace("author = \"Abduljalil Hage\"", "author = 42"),
    );
    // The byline's line in the front matter (comments may come before it).
    let line = read(&md)
        .lines()
        .position(|l| l.starts_with("author = "))
        .unwrap()
        + 1;
    let at = format!("content/article.md:{line}:10:");
    let run = ftlkit(root, &["extract"]);
    fails_with(
        &run,
        &[&at, "`author` must be text in quotes", "not an integer"],
    );
    // Other front-matter keys are the editor's own, whatever their type.
    write(
        &md,
        &read(&md).replace("author = 42", "author = \"A\"\ndraft = false"),
    );
    assert_eq!(ftlkit(root, &["extract"]).code, 0);
}
