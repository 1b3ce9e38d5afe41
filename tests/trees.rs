//! Documentation trees (issue 30): a small mdBook source tree
//! (`tests/fixtures/trees/book`: `content = "src"`, nested chapters, a
//! `SUMMARY.md`, an image Arabic overrides, an excluded draft) through the
//! real binary: names and ids, files mirroring the tree, links and anchors,
//! assets, navigation, `check`'s link findings and `build --layout mdbook`.

mod common;
use common::{copy_dir, ftlkit, read, repo};
use std::path::Path;

fn book() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&repo().join("tests/fixtures/trees/book"), dir.path());
    dir
}

fn ok(root: &Path, args: &[&str]) -> String {
    let run = ftlkit(root, args);
    assert_eq!(run.code, 0, "{args:?}: {}\n{}", run.stdout, run.stderr);
    run.stdout
}

#[test]
fn nested_documents_are_named_by_their_path() {
    let tmp = book();
    let root = tmp.path();
    ok(root, &["extract"]);
    // The fixture's English files are what extract writes: nothing changed.
    for name in ["README", "SUMMARY", "guide/start", "guide/more"] {
        let path = format!("locales/en-US/{name}.ftl");
        let fixture = read(repo().join("tests/fixtures/trees/book").join(&path));
        assert_eq!(read(root.join(&path)), fixture, "{path}");
    }
    let start = read(root.join("locales/en-US/guide/start.ftl"));
    assert!(
        start.contains("guide-start-install-heading = Install it\n"),
        "{start}"
    );
    // Excluded by `exclude = ["drafts/**"]`.
    assert!(!root.join("locales/en-US/drafts").exists());
    // The summary gives translators its titles, never its targets.
    let summary = read(root.join("locales/en-US/SUMMARY.ftl"));
    assert!(
        summary.contains("SUMMARY-guide-getting-started = Getting started\n"),
        "{summary}"
    );
    assert!(!summary.contains(".md"), "{summary}");
    // Status, templates and stale records mirror the tree.
    let status = ok(root, &["status", "fr", "--untranslated"]);
    assert!(
        status.contains("locales/en-US/guide/more.ftl:9  guide-more-title"),
        "{status}"
    );
    ok(root, &["sync"]);
    let more = read(root.join("locales/fr/guide/more.ftl"));
    assert!(more.contains("guide-more-intro-read-how-install"), "{more}");
    assert!(root.join("l10n-state/ar/guide/start.json").is_file());
    // Export names the nested document, and import finds it again: its
    // file as written, and with the folders a tool may put in front.
    let xliff = ok(root, &["export", "ar", "--doc", "guide/start"]);
    assert!(xliff.contains("original=\"guide/start.ftl\""), "{xliff}");
    assert!(xliff.contains("التثبيت"), "{xliff}");
    let edited = xliff.replace(
        "<target state=\"translated\">التثبيت</target>",
        "<target state=\"translated\">تثبيت الأداة</target>",
    );
    assert_ne!(edited, xliff, "{xliff}");
    for (name, text) in [
        ("a.xlf", edited.clone()),
        (
            "b.xlf",
            edited.replace(
                "original=\"guide/start.ftl\"",
                "original=\"locales/en-US/guide/start.ftl\"",
            ),
        ),
    ] {
        std::fs::write(root.join(name), text).unwrap();
        ok(root, &["import", root.join(name).to_str().unwrap()]);
        let ar = read(root.join("locales/ar/guide/start.ftl"));
        assert!(
            ar.contains("guide-start-install-heading = تثبيت الأداة\n"),
            "{ar}"
        );
    }
    let po = ok(
        root,
        &["export", "fr", "--format", "po", "--doc", "guide/start"],
    );
    assert!(po.contains("#: guide/start.ftl:"), "{po}");
}

#[test]
fn names_that_would_collide_or_escape_are_refused() {
    let tmp = book();
    let root = tmp.path();
    // `guide-start` gives the ids `guide/start` has.
    std::fs::write(root.join("src/guide-start.md"), "# Start\n").unwrap();
    let run = ftlkit(root, &["extract"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("give the same message ids (`guide-start-…`"),
        "{}",
        run.stderr
    );
    std::fs::remove_file(root.join("src/guide-start.md")).unwrap();
    std::fs::write(root.join("src/guide/two words.md"), "# Two\n").unwrap();
    let run = ftlkit(root, &["extract"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("src/guide/two words.md"),
        "{}",
        run.stderr
    );
    std::fs::remove_file(root.join("src/guide/two words.md")).unwrap();
    // `content` is a folder, not a glob: said so, with what to write.
    let toml = read(root.join("ftlkit.toml"));
    std::fs::write(
        root.join("ftlkit.toml"),
        toml.replace("content = \"src\"", "content = \"src/**\""),
    )
    .unwrap();
    let run = ftlkit(root, &["extract"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("write content = \"src\""),
        "{}",
        run.stderr
    );
    std::fs::write(root.join("ftlkit.toml"), toml).unwrap();
    // A link to a folder is not followed, and said so.
    #[cfg(unix)]
    {
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret.md"), "# Secret\n").unwrap();
        std::os::unix::fs::symlink(outside.path(), root.join("src/linked")).unwrap();
        let run = ftlkit(root, &["extract"]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert!(
            run.stderr
                .contains("src/linked: skipped: a link to a folder is not followed"),
            "{}",
            run.stderr
        );
        assert!(!root.join("locales/en-US/linked").exists());
    }
}

#[test]
fn the_site_mirrors_the_tree_with_links_anchors_and_assets() {
    let tmp = book();
    let root = tmp.path();
    ok(root, &["build"]);
    let ar = read(root.join("dist/ar/guide/start.html"));
    assert!(ar.contains("<html lang=\"ar\" dir=\"rtl\">"), "{ar}");
    // The Arabic heading keeps the English anchor, and links to it work.
    assert!(ar.contains("<h2 id=\"install-it\">التثبيت</h2>"), "{ar}");
    assert!(ar.contains("<a href=\"#install-it\""), "{ar}");
    // `../README.md` is the page, from the nested folder.
    assert!(ar.contains("<a href=\"../README.html\""), "{ar}");
    let intro = read(root.join("dist/fr/README.html"));
    assert!(
        intro.contains("href=\"guide/start.html#install-it\""),
        "{intro}"
    );
    assert!(intro.contains("src=\"images/map.png\""), "{intro}");
    // The image is published in every locale; Arabic has its own.
    let image = |l: &str| std::fs::read(root.join(format!("dist/{l}/images/map.png"))).unwrap();
    let fixture =
        |p: &str| std::fs::read(repo().join("tests/fixtures/trees/book").join(p)).unwrap();
    assert_eq!(image("fr"), fixture("src/images/map.png"));
    assert_eq!(image("en-US"), fixture("src/images/map.png"));
    assert_eq!(image("ar"), fixture("locales/ar/images/map.png"));
    assert_ne!(image("ar"), image("fr"));
    // Navigation in the reader's language: previous/next, contents, index.
    assert!(
        ar.contains("<a rel=\"prev\" href=\"../README.html\">السابق: مقدمة</a>"),
        "{ar}"
    );
    assert!(
        ar.contains("<a rel=\"next\" href=\"../guide/more.html\">التالي: أبعد من ذلك</a>"),
        "{ar}"
    );
    assert!(
        ar.contains("<a class=\"home\" href=\"../index.html\">المحتويات</a>"),
        "{ar}"
    );
    assert!(
        ar.contains("<details class=\"toc\"><summary>المحتويات</summary>"),
        "{ar}"
    );
    // The table of contents: the page's part whole (its title and its
    // pages), and the other parts' titles and first-level chapters.
    let toc = &ar[ar.find("<details").unwrap()..ar.find("</details>").unwrap()];
    assert!(toc.contains("<strong>الدليل</strong>"), "{toc}");
    assert!(
        toc.contains("href=\"../guide/more.html\">أبعد من ذلك</a>"),
        "{toc}"
    );
    assert!(toc.contains("href=\"../README.html\">مقدمة</a>"), "{toc}");
    let index = read(root.join("dist/ar/index.html"));
    assert!(index.contains("<html lang=\"ar\" dir=\"rtl\">"), "{index}");
    assert!(index.contains("<h1>كتاب صغير</h1>"), "{index}");
    // In the summary's order, parts as titles.
    let order: Vec<usize> = [
        "README.html\">مقدمة",
        "<strong>الدليل</strong>",
        "guide/start.html\">البداية",
        "guide/more.html\">أبعد من ذلك",
    ]
    .iter()
    .map(|s| index.find(s).unwrap_or_else(|| panic!("{s} in {index}")))
    .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
    // The untranslated paragraph falls back to English, marked.
    let more = read(root.join("dist/ar/guide/more.html"));
    assert!(
        more.contains("<div class=\"untranslated\" lang=\"en-US\" dir=\"ltr\">"),
        "{more}"
    );

    // A document gone: its nested pages and their emptied folder go.
    std::fs::remove_file(root.join("src/guide/more.md")).unwrap();
    let summary =
        read(root.join("src/SUMMARY.md")).replace("    - [Going further](guide/more.md)\n", "");
    std::fs::write(root.join("src/SUMMARY.md"), summary).unwrap();
    ok(root, &["extract"]);
    ok(root, &["build"]);
    assert!(!root.join("dist/fr/guide/more.html").exists());
    assert!(root.join("dist/fr/guide/start.html").exists());
    let outputs = read(root.join("dist/.ftlkit.outputs"));
    assert!(outputs.contains("ar/images/map.png\txxh3:"), "{outputs}");
    assert!(!outputs.contains("guide/more"), "{outputs}");
}

#[test]
fn check_finds_broken_links_and_dropped_targets() {
    let tmp = book();
    let root = tmp.path();
    assert_eq!(ftlkit(root, &["check", "--deny-warnings"]).code, 0);
    let more = read(root.join("src/guide/more.md")).replace(
        "first.",
        "first.\n\n![Chart](../images/chart.png) and [a gap](start.md#nowhere).",
    );
    std::fs::write(root.join("src/guide/more.md"), more).unwrap();
    ok(root, &["extract"]);
    let run = ftlkit(root, &["check"]);
    assert!(
        run.stdout.contains(
            "broken-link: `../images/chart.png` names src/images/chart.png, which does not exist"
        ),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("--> src/guide/more.md:5:1"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("`start.md#nowhere` names no heading or id of guide/start.md"),
        "{}",
        run.stdout
    );
    // A translation that drops a link the English has.
    let path = root.join("locales/fr/guide/start.ftl");
    let fr = read(&path).replace("Voir [plus haut](#install-it) et", "Voir plus haut et");
    std::fs::write(&path, fr).unwrap();
    let run = ftlkit(root, &["check", "fr"]);
    assert!(
        run.stdout
            .contains("`guide-start-use-see-above-map` drops the link to #install-it"),
        "{}",
        run.stdout
    );
}

#[test]
fn mdbook_layout_writes_a_book_per_locale() {
    let tmp = book();
    let root = tmp.path();
    let books = root.join("books");
    ok(
        root,
        &["build", "--layout", "mdbook", "-o", books.to_str().unwrap()],
    );
    let toml = read(books.join("ar/book.toml"));
    assert!(toml.contains("language = \"ar\""), "{toml}");
    assert!(toml.contains("title = \"A Small Book\""), "{toml}");
    assert!(toml.contains("smart-punctuation = true"), "{toml}");
    let summary = read(books.join("ar/src/SUMMARY.md"));
    assert!(summary.contains("- [البداية](guide/start.md)"), "{summary}");
    assert!(
        summary.contains("    - [أبعد من ذلك](guide/more.md)"),
        "{summary}"
    );
    let start = read(books.join("ar/src/guide/start.md"));
    // mdBook would make the anchor from the Arabic words: the English one is given.
    assert!(start.contains("## التثبيت {#install-it}"), "{start}");
    assert!(start.contains("[أعلاه](#install-it)"), "{start}");
    // English fallback marked for a right-to-left book, as an HTML block.
    let more = read(books.join("ar/src/guide/more.md"));
    assert!(
        more.contains(
            "<div lang=\"en-US\" dir=\"ltr\">\n\nNobody translated this paragraph yet.\n\n</div>\n"
        ),
        "{more}"
    );
    assert_eq!(
        std::fs::read(books.join("ar/src/images/map.png")).unwrap(),
        std::fs::read(root.join("locales/ar/images/map.png")).unwrap()
    );
    // No site pages in a book.
    assert!(!books.join("ar/index.html").exists());
    assert!(!books.join("ar/src/guide/start.html").exists());
}

#[test]
fn a_chapter_a_locale_does_not_publish_is_marked_english_in_its_book() {
    let tmp = book();
    let root = tmp.path();
    // French has no README.ftl: below a threshold of 50%, its chapter is the English.
    let toml = read(root.join("ftlkit.toml")).replace("threshold = 0.0", "threshold = 0.5");
    std::fs::write(root.join("ftlkit.toml"), toml).unwrap();
    let books = root.join("books");
    ok(
        root,
        &["build", "--layout", "mdbook", "-o", books.to_str().unwrap()],
    );
    let english = read(root.join("src/README.md"));
    let readme = read(books.join("fr/src/README.md"));
    assert_eq!(
        readme,
        format!(
            "<div lang=\"en-US\" dir=\"ltr\">\n\n{}\n\n</div>\n",
            english.trim_end()
        )
    );
    // Rendered as Markdown, the chapter keeps its headings and links inside the block.
    let html = {
        let mut out = String::new();
        pulldown_cmark::html::push_html(&mut out, pulldown_cmark::Parser::new(&readme));
        out
    };
    assert!(
        html.starts_with("<div lang=\"en-US\" dir=\"ltr\">\n<h1>"),
        "{html}"
    );
    assert!(html.trim_end().ends_with("</div>"), "{html}");
    // A chapter French publishes is French, unwrapped.
    let start = read(books.join("fr/src/guide/start.md"));
    assert!(!start.starts_with("<div"), "{start}");
}

#[test]
fn mkdocs_layout_writes_one_site_with_every_language() {
    let tmp = book();
    let root = tmp.path();
    let site = root.join("site-src");
    ok(
        root,
        &["build", "--layout", "mkdocs", "-o", site.to_str().unwrap()],
    );
    let config = read(site.join("mkdocs.yml"));
    for want in [
        "docs_dir: docs",
        "  - md_in_html",
        "  - attr_list",
        "docs_structure: folder",
        "        - locale: \"en_US\"\n          name: \"English\"\n          default: true\n",
        "        - locale: \"ar\"\n          name: \"العربية\"\n",
    ] {
        assert!(config.contains(want), "{want} in {config}");
    }
    let start = read(site.join("docs/ar/guide/start.md"));
    assert!(
        start.starts_with("<div lang=\"ar\" dir=\"rtl\" markdown=\"1\">\n\n"),
        "{start}"
    );
    assert!(start.contains("## التثبيت {#install-it}"), "{start}");
    let more = read(site.join("docs/ar/guide/more.md"));
    assert!(
        more.contains("<div lang=\"en-US\" dir=\"ltr\" markdown=\"1\">\n\nNobody translated"),
        "{more}"
    );
    assert_eq!(
        std::fs::read(site.join("docs/ar/images/map.png")).unwrap(),
        std::fs::read(root.join("locales/ar/images/map.png")).unwrap()
    );
    assert!(site.join("docs/en_US/README.md").is_file());
    // A locale the plugin cannot name is said to be left out.
    let tmp = book();
    let root = tmp.path();
    copy_dir(&root.join("locales/fr"), &root.join("locales/ckb"));
    let toml =
        read(root.join("ftlkit.toml")).replace("[\"ar\", \"fr\"]", "[\"ar\", \"ckb\", \"fr\"]");
    std::fs::write(root.join("ftlkit.toml"), toml).unwrap();
    let site = root.join("site-src");
    let out = ok(
        root,
        &["build", "--layout", "mkdocs", "-o", site.to_str().unwrap()],
    );
    assert!(
        out.contains("mkdocs-static-i18n and MkDocs name languages by ISO 639-1 codes"),
        "{out}"
    );
    assert!(!root.join("site-src/docs/ckb").exists());
}

#[test]
fn a_file_named_like_a_page_is_not_published_over_it() {
    let tmp = book();
    let root = tmp.path();
    // An old export beside the chapter, linked from another one.
    std::fs::write(root.join("src/guide/start.html"), "<p>old export</p>").unwrap();
    let more = read(root.join("src/guide/more.md")).replace("first.", "first ([old](start.html)).");
    std::fs::write(root.join("src/guide/more.md"), more).unwrap();
    ok(root, &["extract"]);
    ok(root, &["build"]);
    let page = read(root.join("dist/fr/guide/start.html"));
    assert!(page.contains("<h2 id=\"install-it\">"), "{page}");
    assert!(!page.contains("old export"));
}

/// What a new user localizing mdBook's guide ran into: a book's summary
/// held back by the threshold (and its part titles given `{#…}` anchors
/// mdBook shows), previous/next links missing on a translated page whose
/// neighbours are not translated, English titles in an Arabic page's
/// navigation without their language, and a description with Markdown in it.
#[test]
fn navigation_stays_whole_and_says_its_languages_while_a_translation_is_partial() {
    let tmp = book();
    let root = tmp.path();
    std::fs::write(
        root.join("src/guide/refs.md"),
        "# References\n\nSee [the start][start] first.\n\n[start]: start.md\n",
    )
    .unwrap();
    let summary = root.join("src/SUMMARY.md");
    std::fs::write(
        &summary,
        read(&summary) + "\n# Reference\n\n- [All the references](guide/refs.md)\n",
    )
    .unwrap();
    ok(root, &["extract"]);
    // Only guide/start is far enough along; the summary has 3 of 5 titles.
    let config = read(root.join("ftlkit.toml")).replace("threshold = 0.0", "threshold = 0.9");
    std::fs::write(root.join("ftlkit.toml"), config).unwrap();
    std::fs::write(
        root.join("locales/fr/SUMMARY.ftl"),
        "SUMMARY-title = Sommaire\nSUMMARY-guide-heading = Guide\nSUMMARY-guide-getting-started = Premiers pas\n",
    )
    .unwrap();
    ok(root, &["build"]);
    let start = read(root.join("dist/fr/guide/start.html"));
    // Previous and next are the English pages, their titles said to be English.
    assert!(
        start.contains(
            "<nav class=\"pager\"><a rel=\"prev\" href=\"../../en-US/README.html\">Précédent: \
             <span lang=\"en-US\" dir=\"ltr\">Introduction</span></a><a rel=\"next\" \
             href=\"../../en-US/guide/more.html\">Suivant: <span lang=\"en-US\" dir=\"ltr\">\
             Going further</span></a></nav>"
        ),
        "{start}"
    );
    let toc = &start[start.find("<details").unwrap()..start.find("</details>").unwrap()];
    assert!(
        toc.contains(
            "<a href=\"../../en-US/guide/more.html\" lang=\"en-US\" dir=\"ltr\">Going further</a>"
        ),
        "{toc}"
    );
    assert!(toc.contains(">Premiers pas</a>"), "{toc}");
    // Another part: its title, a link to its first page; not its chapters.
    assert!(
        toc.contains(
            "<a href=\"../../en-US/guide/refs.html\" lang=\"en-US\" dir=\"ltr\">Reference</a>"
        ),
        "{toc}"
    );
    assert!(!toc.contains("All the references"), "{toc}");
    // The site index lists the documents in the summary's order (then the
    // others), not by name.
    let index = read(root.join("dist/index.html"));
    let at = |name: &str| {
        index
            .find(&format!("en-US/{name}.html"))
            .unwrap_or(usize::MAX)
    };
    assert!(at("README") < at("guide/start"), "{index}");
    assert!(at("guide/start") < at("guide/more"), "{index}");
    assert!(at("guide/more") < at("guide/refs"), "{index}");
    // The description is the paragraph's words, its links' brackets gone
    // (a reference link's too).
    let refs = read(root.join("dist/en-US/guide/refs.html"));
    assert!(
        refs.contains("<meta name=\"description\" content=\"See the start first.\">"),
        "{refs}"
    );
    assert!(
        start.contains("<meta name=\"description\" content=\"Retour à l’introduction.\">"),
        "{start}"
    );
    // The books: fr's summary is there with the titles it has, and no
    // heading of a summary carries an anchor.
    let books = root.join("books");
    ok(
        root,
        &["build", "--layout", "mdbook", "-o", books.to_str().unwrap()],
    );
    let summary = read(root.join("books/fr/src/SUMMARY.md"));
    assert!(summary.contains("# Sommaire"), "{summary}");
    assert!(
        summary.contains("[Premiers pas](guide/start.md)"),
        "{summary}"
    );
    assert!(summary.contains("guide/more.md"), "{summary}");
    for locale in ["en-US", "fr", "ar"] {
        let summary = read(root.join(format!("books/{locale}/src/SUMMARY.md")));
        assert!(!summary.contains("{#"), "{locale}: {summary}");
    }
    // A chapter's headings keep theirs (mdBook's anchor from the English).
    let chapter = read(root.join("books/fr/src/guide/start.md"));
    assert!(chapter.contains("{#install-it}"), "{chapter}");
}

/// `tests/fixtures/trees/includes`, extracted, with a French translation of
/// each message (`FR ` before the English).
fn includes_book() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    copy_dir(&repo().join("tests/fixtures/trees/includes"), root);
    ok(root, &["extract"]);
    for name in ["cli/watch", "cli/arg-watcher", "SUMMARY"] {
        let english = read(root.join(format!("locales/en-US/{name}.ftl")));
        let french: String = english
            .lines()
            .map(|l| match l.split_once(" = ") {
                Some((id, value)) if !l.starts_with('#') => format!("{id} = FR {value}\n"),
                _ => format!("{l}\n"),
            })
            .collect();
        let path = root.join(format!("locales/fr/{name}.ftl"));
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, french).unwrap();
    }
    tmp
}

#[test]
fn a_paragraph_of_mdbook_directives_is_no_message_and_stays_in_books() {
    let tmp = includes_book();
    let root = tmp.path();
    let watch = read(root.join("locales/en-US/cli/watch.ftl"));
    // Only the escaped one (below) is a message.
    assert_eq!(watch.matches("#include arg").count(), 1, "{watch}");
    assert!(!watch.contains("hello.rs"), "{watch}");
    // Written `\{{#…}}`, mdBook shows it: a sentence like any other.
    assert!(watch.contains("shows the directive"), "{watch}");
    // Nothing is missing in French once each message is translated.
    let status = ok(root, &["status", "fr", "--untranslated"]);
    assert!(!status.contains("cli-watch-"), "{status}");
    let books = root.join("books");
    ok(
        root,
        &["build", "--layout", "mdbook", "-o", books.to_str().unwrap()],
    );
    // The directives stay for mdBook, which includes each locale's own file.
    let fr = read(books.join("fr/src/cli/watch.md"));
    assert!(fr.contains("\n\n{{#include arg-watcher.md}}\n\n"), "{fr}");
    assert!(
        fr.contains("```rust\n{{#include ../listings/hello.rs:2:3}}\n```"),
        "{fr}"
    );
    assert!(fr.contains("FR The watch command rebuilds"), "{fr}");
    let fragment = read(books.join("fr/src/cli/arg-watcher.md"));
    assert!(fragment.contains("FR Selects the watcher"), "{fragment}");
}

#[test]
fn a_site_page_shows_what_its_mdbook_directives_include() {
    let tmp = includes_book();
    let root = tmp.path();
    // French lacks one message of the fragment: it falls back, marked.
    let path = root.join("locales/fr/cli/arg-watcher.ftl");
    let fragment = read(&path);
    let kept: String = fragment
        .lines()
        .filter(|l| !l.contains("= FR Selects"))
        .map(|l| format!("{l}\n"))
        .collect();
    assert_ne!(kept, fragment);
    std::fs::write(&path, kept).unwrap();
    let out = root.join("out");
    ok(root, &["build", "-o", out.to_str().unwrap()]);
    let html = read(root.join("out/fr/cli/watch.html"));
    let body = &html[html.find("<article").unwrap()..];
    // (the escaped one below only)
    assert_eq!(
        body.matches("{{#include arg-watcher.md}}").count(),
        1,
        "{body}"
    );
    // The fragment in French, its missing sentence in English and marked so.
    assert!(body.contains("FR <code>--watcher</code>"), "{body}");
    assert!(body.contains("lang=\"en-US\""), "{body}");
    assert!(body.contains("Selects the watcher to use."), "{body}");
    // One byline: the page's, not the fragment's.
    assert_eq!(body.matches("class=\"byline\"").count(), 1, "{body}");
    // Code listings: the lines asked for, escaped; the whole file.
    assert!(
        body.contains(
            "<code class=\"language-rust\">    let greeting = \"&lt;hello&gt;\";\n    println!(\"{greeting}\");\n</code>"
        ),
        "{body}"
    );
    assert!(
        body.contains("<code class=\"language-rust\">fn main() {"),
        "{body}"
    );
    assert!(!body.contains("hello.rs:2:3"), "{body}");
    assert_eq!(body.matches("hello.rs").count(), 1, "{body}");
    // Written `\{{#…}}`, it is text (in a code block too, as mdBook shows it).
    assert!(body.contains("{{#include arg-watcher.md}} shows"), "{body}");
    assert!(
        body.contains("<code class=\"language-md\">{{#include ../listings/hello.rs}}\n"),
        "{body}"
    );
    assert!(
        body.contains("mdBook shows <code>{{#title T}}</code> without"),
        "{body}"
    );
    // A document in a code block is its source; the fragment's link is
    // marked once.
    assert!(
        body.contains("<code class=\"language-md\">#### `--watcher`\n"),
        "{body}"
    );
    assert!(
        body.contains("href=\"https://example.com/383\" rel=\"noopener noreferrer\">"),
        "{body}"
    );
    // The page's Markdown and text: the fragment's words in place of its
    // directive; code listings stay mdBook's.
    let md = read(root.join("out/fr/cli/watch.md"));
    assert!(
        md.contains("FR The watch command rebuilds the book.\n\n#### FR `--watcher`"),
        "{md}"
    );
    assert!(
        md.contains("Selects the watcher to use.\n\n</div>\n"),
        "{md}"
    );
    assert!(
        md.contains("(https://example.com/383).\n\n```rust\n{{#include ../listings/hello.rs:2:3}}"),
        "{md}"
    );
    // A document that includes itself stops a few levels down.
    let loops = read(root.join("out/fr/cli/loop.html"));
    assert_eq!(loops.matches("<p>Once more.</p>").count(), 5, "{loops}");
    let txt = read(root.join("out/fr/cli/watch.txt"));
    assert!(txt.contains("FR --watcher\n"), "{txt}");
    // (a code block's directive, indented, stays: the text is the Markdown's)
    assert!(!txt.contains("\n{{#include arg-watcher.md}}"), "{txt}");
    assert!(txt.contains("\n    {{#include arg-watcher.md}}"), "{txt}");
}

#[test]
fn serve_s_preview_shows_what_a_page_includes() {
    let tmp = includes_book();
    let project = ftlkit::project::Project::load(tmp.path()).unwrap();
    let page = ftlkit::build::preview_page(&project, "fr", "cli/watch").unwrap();
    assert!(
        page.html.contains("FR <code>--watcher</code>"),
        "{}",
        page.html
    );
    assert!(
        page.html
            .contains("<code class=\"language-rust\">fn main() {"),
        "{}",
        page.html
    );
    assert!(!page.html.contains("<p>{{#include"), "{}", page.html);
    assert!(!page.html.contains("hello.rs:2:3"), "{}", page.html);
}

/// mdBook's directives are mdBook's: in an mdBook (a `SUMMARY.md`), one whose
/// file is missing shows as written, as mdBook leaves it; in a project that
/// is no mdBook, `{{#…}}` is text like any other (its escaping backslash kept).
#[test]
fn directives_are_read_in_an_mdbook_only_and_a_missing_file_shows_as_written() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    copy_dir(&repo().join("tests/fixtures/trees/includes"), root);
    let watch = root.join("src/cli/watch.md");
    std::fs::write(&watch, read(&watch) + "\n{{#include nowhere.md}}\n").unwrap();
    ok(root, &["extract"]);
    ok(root, &["build"]);
    let page = read(root.join("dist/en-US/cli/watch.html"));
    assert!(page.contains("<p>{{#include nowhere.md}}</p>"), "{page}");
    let md = read(root.join("dist/en-US/cli/watch.md"));
    assert!(md.contains("\n{{#include nowhere.md}}\n"), "{md}");

    let plain = tempfile::tempdir().unwrap();
    let root = plain.path();
    std::fs::create_dir_all(root.join("content")).unwrap();
    std::fs::write(
        root.join("content/doc.md"),
        "# Doc\n\nWrite `\\{{#title T}}` to set it.\n\n{{#include other.md}}\n",
    )
    .unwrap();
    std::fs::write(root.join("content/other.md"), "# Other\n\nOTHER TEXT\n").unwrap();
    ok(root, &["extract"]);
    ok(root, &["build"]);
    let page = read(root.join("dist/en-US/doc.html"));
    assert!(page.contains("<code>\\{{#title T}}</code>"), "{page}");
    assert!(page.contains("<p>{{#include other.md}}</p>"), "{page}");
    assert!(!page.contains("OTHER TEXT"), "{page}");
}

/// Writes `files` (path under `root`, text) into `root`.
fn write_tree(root: &Path, files: &[(&str, &str)]) {
    for (path, text) in files {
        let path = root.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
}

/// Each message of `locales/en-US/<name>.ftl` as `FR ` and its English, in
/// `locales/fr/<name>.ftl`.
fn translate_fr(root: &Path, name: &str) {
    let english = read(root.join(format!("locales/en-US/{name}.ftl")));
    let french: String = english
        .lines()
        .map(|l| match l.split_once(" = ") {
            Some((id, value)) if !l.starts_with('#') => format!("{id} = FR {value}\n"),
            _ => format!("{l}\n"),
        })
        .collect();
    write_tree(root, &[(&format!("locales/fr/{name}.ftl"), &french)]);
}

/// In an mdBook, ftlkit's own site publishes what mdBook does: the summary
/// is the navigation (no page), a document only included by others is in
/// their pages (no page of its own), `404.md` is each locale's `404.html`
/// listed in no index, and a document neither listed nor included is no
/// page (mdBook ignores it) — each still a document to translate.
#[test]
fn an_mdbook_site_publishes_the_pages_mdbook_publishes() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    write_tree(
        root,
        &[
            (
                "ftlkit.toml",
                "content = \"src\"\nlocales = [\"fr\"]\n\n[build]\nthreshold = 0.9\n",
            ),
            (
                "src/SUMMARY.md",
                "# Summary\n\n[Introduction](README.md)\n\n- [Watch](cli/watch.md)\n",
            ),
            (
                "src/README.md",
                "# Introduction\n\nHello.\n\nSee [the draft](notes/draft.md).\n",
            ),
            (
                "src/cli/watch.md",
                "# Watch\n\nThe watch command.\n\n{{#include arg-watcher.md}}\n",
            ),
            (
                "src/cli/arg-watcher.md",
                "#### `--watcher`\n\nSelects the watcher.\n",
            ),
            ("src/404.md", "# Not found\n\nThis page does not exist.\n"),
            ("src/notes/draft.md", "# Draft\n\nNot in the book.\n"),
        ],
    );
    ok(root, &["extract"]);
    // Each is a document to translate.
    for name in ["SUMMARY", "cli/arg-watcher", "404", "notes/draft"] {
        assert!(
            root.join(format!("locales/en-US/{name}.ftl")).is_file(),
            "{name}"
        );
    }
    // check says a link to it is broken, as it is in mdBook's book.
    let check = ftlkit(root, &["check"]);
    assert!(
        check.stdout.contains("src/README.md:5:")
            && check.stdout.contains(
                "`notes/draft.md` names notes/draft.md, which SUMMARY.md does not list: mdBook makes no page of it"
            ),
        "{}",
        check.stdout
    );
    ok(root, &["init", "fr"]);
    translate_fr(root, "cli/watch");
    translate_fr(root, "cli/arg-watcher");
    let out = ok(root, &["build", "--base-url", "https://example.org/book/"]);
    assert!(out.contains("notes/draft"), "{out}");
    assert!(out.contains("not in SUMMARY.md"), "{out}");
    let dist = root.join("dist");
    for page in [
        "en-US/README",
        "en-US/cli/watch",
        "en-US/404",
        "fr/cli/watch",
    ] {
        assert!(dist.join(format!("{page}.html")).is_file(), "{page}");
    }
    // fr's 404 page, though nothing of it is translated: every locale with
    // pages has one.
    assert!(dist.join("fr/404.html").is_file());
    for locale in ["en-US", "fr"] {
        for name in ["SUMMARY", "cli/arg-watcher", "notes/draft"] {
            for ext in ["html", "md", "txt"] {
                let path = dist.join(format!("{locale}/{name}.{ext}"));
                assert!(!path.exists(), "{}", path.display());
            }
        }
    }
    // The fragment is in the page that includes it, translated.
    let watch = read(dist.join("fr/cli/watch.html"));
    assert!(watch.contains("FR Selects the watcher."), "{watch}");
    // No index, table of contents or sitemap lists what is no page, nor the 404 page.
    for file in [
        "index.html",
        "en-US/index.html",
        "fr/index.html",
        "sitemap.xml",
        "en-US/cli/watch.html",
    ] {
        let text = read(dist.join(file));
        for name in ["SUMMARY", "arg-watcher", "404", "draft"] {
            assert!(!text.contains(name), "{file} lists {name}: {text}");
        }
    }
    assert!(read(dist.join("index.html")).contains("en-US/cli/watch.html"));
    let not_found = read(dist.join("en-US/404.html"));
    assert!(
        not_found.contains("This page does not exist."),
        "{not_found}"
    );
    // A server shows it at any address: its links are read from its
    // locale's folder under the base URL, and search engines skip it.
    assert!(
        not_found.contains("<base href=\"https://example.org/book/en-US/\">"),
        "{not_found}"
    );
    assert!(
        not_found.contains("<meta name=\"robots\" content=\"noindex\">"),
        "{not_found}"
    );
    assert!(!watch.contains("<base "), "{watch}");
}

/// mdBook includes text: an included document's links and images are read
/// from the folder of the page that shows it, and its headings' ids count
/// after the page's (the second `Options` is `options-1`); ftlkit's pages
/// and check's links say what mdBook does.
#[test]
fn an_included_document_s_links_and_ids_are_the_including_page_s() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    write_tree(
        root,
        &[
            ("ftlkit.toml", "content = \"src\"\n"),
            (
                "src/SUMMARY.md",
                "# Summary\n\n- [Watch](cli/watch.md)\n- [Build](cli/build.md)\n",
            ),
            (
                "src/cli/build.md",
                "# Build\n\nBuilds; see [watch's last options](watch.md#options-2).\n",
            ),
            (
                "src/cli/watch.md",
                "# Watch\n\n## Options\n\nFirst.\n\n{{#include ../shared/options.md}}\n\n## Options\n\nLast, after [the shared ones](#options-1).\n",
            ),
            (
                "src/shared/options.md",
                "## Options\n\nSee [build](build.md), ![map](img/map.png) and [a note](note.md).\n",
            ),
            ("src/shared/note.md", "# Note\n\nA note.\n"),
            ("src/cli/img/map.png", "PNG"),
        ],
    );
    ok(root, &["extract"]);
    ok(root, &["build"]);
    let page = read(root.join("dist/en-US/cli/watch.html"));
    assert!(page.contains("<a href=\"build.html\" "), "{page}");
    assert!(page.contains("src=\"img/map.png\""), "{page}");
    assert_eq!(read(root.join("dist/en-US/cli/img/map.png")), "PNG");
    let ids: Vec<&str> = page
        .match_indices("<h2 id=\"")
        .map(|(at, _)| page[at + 8..].split('"').next().unwrap())
        .collect();
    assert_eq!(ids, ["options", "options-1", "options-2"], "{page}");
    // check: `note.md` is broken where mdBook reads it (cli/note.md does
    // not exist), `build.md` and the image are not.
    let run = ftlkit(root, &["check", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let broken: Vec<String> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "broken-link")
        .map(|f| format!("{}: {}", f["path"], f["message"]))
        .collect();
    assert_eq!(broken.len(), 1, "{}", run.stdout);
    let all = &broken[0];
    assert!(all.contains("`note.md`"), "{}", run.stdout);
    assert!(all.contains("cli/watch.md"), "{}", run.stdout);
    assert!(all.contains("shared/options.md"), "{}", run.stdout);
    assert!(!all.contains("`build.md`"), "{}", run.stdout);
    assert!(!all.contains("img/map.png"), "{}", run.stdout);
    assert!(!all.contains("#options-1"), "{}", run.stdout);
    assert!(!all.contains("#options-2"), "{}", run.stdout);
    // A book's page: the heading after the include carries the id mdBook
    // gives it (the included one's counted before it).
    let books = root.join("books");
    ok(
        root,
        &["build", "--layout", "mdbook", "-o", books.to_str().unwrap()],
    );
    let watch = read(books.join("en-US/src/cli/watch.md"));
    assert!(
        watch.contains("## Options {#options}\n\nFirst.\n\n{{#include ../shared/options.md}}\n\n## Options {#options-2}\n"),
        "{watch}"
    );
    // The included document's own file: its ids where mdBook shows it.
    let options = read(books.join("en-US/src/shared/options.md"));
    assert!(
        options.starts_with("## Options {#options-1}\n"),
        "{options}"
    );
}

/// An mdBook's title and description (`book.toml`) are translated with its
/// summary: extract offers them with a comment saying what they are, each
/// locale's book is titled in its words (English where it has none), and
/// so is its index in ftlkit's site.
#[test]
fn a_book_s_title_is_translated_with_its_summary() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    write_tree(
        root,
        &[
            (
                "ftlkit.toml",
                "content = \"src\"\nlocales = [\"ar\", \"fr\"]\n\n[build]\nthreshold = 0.0\n",
            ),
            (
                "book.toml",
                "[book]\ntitle = \"The Guide\"\ndescription = \"All about it\"\nlanguage = \"en\"\n\n[output.html]\nmathjax-support = true\n",
            ),
            ("src/SUMMARY.md", "# Summary\n\n- [Start](start.md)\n"),
            ("src/start.md", "# Start\n\nHello.\n"),
        ],
    );
    ok(root, &["extract"]);
    let summary = read(root.join("locales/en-US/SUMMARY.ftl"));
    assert!(
        summary.contains(
            "# The book's title (`title` in book.toml): the translated book's title, and its site's index title.\nSUMMARY-book-title = The Guide\n"
        ),
        "{summary}"
    );
    assert!(
        summary.contains("SUMMARY-book-description = All about it\n"),
        "{summary}"
    );
    // Nothing changes on a second run; check finds nothing wrong.
    let again = ok(root, &["extract"]);
    assert!(!again.contains("added"), "{again}");
    ok(root, &["init", "ar"]);
    ok(root, &["init", "fr"]);
    write_tree(
        root,
        &[("locales/fr/SUMMARY.ftl", "SUMMARY-book-title = Le Guide\n")],
    );
    let check = ftlkit(root, &["check"]);
    assert!(
        check
            .stdout
            .contains("0 errors, 0 warnings, 45 missing, 0 obsolete"),
        "{}",
        check.stdout
    );
    let books = root.join("books");
    ok(
        root,
        &["build", "--layout", "mdbook", "-o", books.to_str().unwrap()],
    );
    // The report names the files where the layout put them (a book's pages are its sources).
    let json = ok(
        root,
        &[
            "build",
            "--layout",
            "mdbook",
            "-o",
            books.to_str().unwrap(),
            "--format",
            "json",
        ],
    );
    let report: serde_json::Value = serde_json::from_str(&json).unwrap();
    let pages = report["pages"].as_array().unwrap();
    assert!(!pages.is_empty(), "{json}");
    for page in pages {
        let files = page["files"].as_array().unwrap();
        assert_eq!(files.len(), 1, "{page}");
        let file = files[0].as_str().unwrap();
        assert!(file.ends_with(".md") && file.contains("/src/"), "{page}");
        assert!(
            root.join(file).is_file() || Path::new(file).is_file(),
            "{page}"
        );
    }
    let fr = read(books.join("fr/book.toml"));
    assert!(fr.contains("title = \"Le Guide\"\n"), "{fr}");
    assert!(fr.contains("description = \"All about it\"\n"), "{fr}");
    assert!(fr.contains("language = \"fr\"\n"), "{fr}");
    assert!(fr.contains("mathjax-support = true"), "{fr}");
    let ar = read(books.join("ar/book.toml"));
    assert!(ar.contains("title = \"The Guide\"\n"), "{ar}");
    ok(root, &["build"]);
    let index = read(root.join("dist/fr/index.html"));
    assert!(index.contains("<h1>Le Guide</h1>"), "{index}");
    assert!(read(root.join("dist/index.html")).contains("<h1>The Guide</h1>"));
    // Arabic translated neither the book's title nor its index's: the
    // English title stands in the Arabic index marked as English, left to right.
    let ar = read(root.join("dist/ar/index.html"));
    assert!(ar.contains(r#"<html lang="ar" dir="rtl""#), "{ar}");
    assert!(
        ar.contains(r#"<h1 lang="en-US" dir="ltr">The Guide</h1>"#),
        "{ar}"
    );
    // The title changed in book.toml without an extract: the error names book.toml.
    write_tree(
        root,
        &[("book.toml", "[book]\ntitle = \"The New Guide\"\n")],
    );
    let out = ftlkit(root, &["build"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("book.toml: `title` changed since the last extract")
            && out.stderr.contains("run `ftlkit extract`"),
        "{}",
        out.stderr
    );
}

/// A book of more documents than a build reads at a time (a chunk: the
/// build holds a chunk's files, not the book's) builds as one: titles of
/// every chunk in every page's navigation, a document included from
/// another chunk shown translated, stale blocks judged in every chunk, a
/// broken line of the summary's translation skipped.
#[test]
fn a_book_of_many_chunks_builds_as_one() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    let n = 70;
    std::fs::create_dir_all(root.join("src")).unwrap();
    std::fs::write(
        root.join("ftlkit.toml"),
        "source-locale = \"en-US\"\ncontent = \"src\"\nlocales = [\"ar\"]\n\n[build]\nstale = \"english\"\n",
    )
    .unwrap();
    let mut summary = String::from("# Summary\n\n");
    for k in 1..=n {
        summary.push_str(&format!("- [Chapter {k}](ch{k:02}.md)\n"));
        let mut text = format!("# Chapter {k}\n\nText of chapter {k}.\n");
        // The last chapter shows the first; the fifth the next to last.
        match k {
            70 => text.push_str("\n{{#include ch01.md}}\n"),
            5 => text.push_str("\n{{#include ch69.md}}\n"),
            _ => {}
        }
        std::fs::write(root.join(format!("src/ch{k:02}.md")), text).unwrap();
    }
    std::fs::write(root.join("src/SUMMARY.md"), summary).unwrap();
    ok(root, &["extract"]);
    ok(root, &["init", "ar"]);
    // Every message translated: the English words replaced.
    for entry in std::fs::read_dir(root.join("locales/en-US")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_owned();
        if name == "page.ftl" {
            continue;
        }
        let arabic = read(&path)
            .replace("= Text of chapter", "= نص الفصل")
            .replace("= Chapter", "= الفصل")
            .replace("= Summary", "= المحتويات");
        std::fs::write(root.join("locales/ar").join(name), arabic).unwrap();
    }
    // A line the parser refuses, in the summary's translation.
    let summary_ar = root.join("locales/ar/SUMMARY.ftl");
    std::fs::write(&summary_ar, read(&summary_ar) + "broken = {\n").unwrap();
    ok(root, &["extract"]);
    // The English of chapter 66 changes: its translation is stale.
    std::fs::write(
        root.join("src/ch66.md"),
        "# Chapter 66\n\nText of chapter 66, rewritten.\n",
    )
    .unwrap();
    ok(root, &["extract"]);
    let run = ftlkit(root, &["build"]);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    assert!(run.stderr.contains("SUMMARY.ftl:"), "{}", run.stderr);
    let page = |name: &str| read(root.join("dist/ar").join(format!("{name}.html")));
    // The first chapter's navigation has the last chapter's title, and the
    // last's the first's: each from another chunk.
    assert!(page("ch01").contains("الفصل 70"), "{}", page("ch01"));
    assert!(page("ch70").contains("الفصل 1<"), "{}", page("ch70"));
    assert!(read(root.join("dist/ar/index.html")).contains("الفصل 42"));
    // Included across chunks, in Arabic.
    assert!(page("ch70").contains("نص الفصل 1."), "{}", page("ch70"));
    assert!(page("ch05").contains("نص الفصل 69."), "{}", page("ch05"));
    // Stale in the last chunk: English for that block, Arabic for the rest.
    assert!(page("ch66").contains("Text of chapter 66, rewritten."));
    assert!(!page("ch66").contains("نص الفصل 66."), "{}", page("ch66"));
    assert!(page("ch65").contains("نص الفصل 65."));
}
