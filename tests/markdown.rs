//! Real-world Markdown through extract → build (issue 14): one fixture per
//! class of syntax under `tests/fixtures/markdown/`, each run through the real
//! binary in a temporary project; the pages are read with an HTML parser.

mod common;

use common::{ftlkit, messages, read, repo};
use scraper::{Html, Selector};
use std::path::Path;

/// A project whose only document is the fixture `name`, extracted, with the
/// French file `fr` makes from the English messages, the pseudo-locales'
/// files written, built with the pseudo-locales.
fn project(name: &str, fr: impl Fn(&str) -> String) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("content")).unwrap();
    std::fs::copy(
        repo().join(format!("tests/fixtures/markdown/{name}.md")),
        root.join(format!("content/{name}.md")),
    )
    .unwrap();
    std::fs::write(
        root.join("ftlkit.toml"),
        "locales = [\"fr\"]\n[build]\nthreshold = 0.0\n",
    )
    .unwrap();
    let run = ftlkit(root, &["extract"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = ftlkit(root, &["pseudo"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let english = english(root, name);
    std::fs::create_dir_all(root.join("locales/fr")).unwrap();
    std::fs::write(root.join(format!("locales/fr/{name}.ftl")), fr(&english)).unwrap();
    let run = ftlkit(root, &["build", "--pseudo"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    dir
}

fn english(root: &Path, name: &str) -> String {
    read(root.join(format!("locales/en-US/{name}.ftl")))
}

fn page(root: &Path, locale: &str, name: &str) -> Html {
    Html::parse_document(&read(root.join(format!("dist/{locale}/{name}.html"))))
}

fn select<'a>(html: &'a Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    html.select(&Selector::parse(css).unwrap()).collect()
}

fn hrefs(html: &Html) -> Vec<String> {
    select(html, "article a[href]")
        .iter()
        .map(|a| a.attr("href").unwrap().to_string())
        .collect()
}

fn article_text(html: &Html) -> String {
    select(html, "article")[0].text().collect()
}

/// The message whose English contains `needle`.
fn message_with(ftl: &str, needle: &str) -> (String, String) {
    messages(ftl)
        .into_iter()
        .find(|(_, text)| text.contains(needle))
        .unwrap_or_else(|| panic!("no message contains {needle:?} in\n{ftl}"))
}

#[test]
fn reference_links_resolve_on_every_page_and_labels_stay_out_of_the_words() {
    let dir = project("reference-links", |en| {
        en.replace(
            "Read [an mdBook link][an mdBook link] first",
            "Lisez d'abord [un lien mdBook][an mdBook link]",
        )
    });
    let root = dir.path();
    let en = english(root, "reference-links");
    // Shortcut and collapsed links are written in full in the message, so
    // the words can change without losing the link.
    let (id, text) = message_with(&en, "Read");
    // Labels, like targets, are not words of the id.
    assert_eq!(id, "reference-links-intro-read-mdbook-link");
    assert_eq!(
        text,
        "Read [an mdBook link][an mdBook link] first, then [the guide][guide-label] and [Rust][Rust]."
    );
    assert!(!en.contains("https://"), "no URL in the messages:\n{en}");
    let targets = [
        "https://rust-lang.github.io/mdBook/",
        "https://example.org/guide",
        "https://www.rust-lang.org/",
    ];
    for locale in ["en-US", "fr", "en-XA", "ar-XB"] {
        let html = page(root, locale, "reference-links");
        assert_eq!(hrefs(&html), targets, "{locale}");
        let img = select(&html, "article img");
        assert_eq!(img.len(), 1, "{locale}");
        assert_eq!(img[0].attr("src"), Some("https://example.org/logo.png"));
        assert!(!article_text(&html).contains("]["), "{locale}");
    }
    let fr = page(root, "fr", "reference-links");
    let first = select(&fr, "article a")[0];
    assert_eq!(first.text().collect::<String>(), "un lien mdBook");
    // The Markdown output keeps the definitions, so its links resolve too.
    let md = read(root.join("dist/fr/reference-links.md"));
    assert!(md.contains("[un lien mdBook][an mdBook link]"), "{md}");
    assert!(md.contains("[an mdBook link]: https://rust-lang.github.io/mdBook/"));
}

#[test]
fn the_editors_inline_html_is_html_and_a_translation_may_carry_only_the_same_tags() {
    let dir = project("inline-html", |en| {
        en.replace(
            "Press <kbd>Ctrl</kbd>",
            "Appuyez sur <kbd>Ctrl</kbd> <b>vite</b>",
        )
        .replace("holds the code.", "contient le code.")
    });
    let root = dir.path();
    let html = page(root, "en-US", "inline-html");
    assert_eq!(
        select(&html, "article span.filename")[0]
            .text()
            .collect::<String>(),
        "Filename: src/main.rs"
    );
    assert_eq!(select(&html, "article kbd").len(), 1);
    assert_eq!(select(&html, "article i.fa-print").len(), 1);
    assert_eq!(select(&html, "article a#printing").len(), 1);
    let code = select(&html, "article code.language-markdown");
    assert_eq!(code[0].text().collect::<String>(), "# Summary");
    // The `<img>` spans three lines of the source.
    let img = select(&html, "article img");
    assert_eq!(img.len(), 1);
    assert_eq!(img[0].attr("src"), Some("img/figure-1.svg"));
    assert_eq!(img[0].attr("alt"), Some("A figure"));
    assert!(
        !article_text(&html).contains('<'),
        "{}",
        article_text(&html)
    );
    // French keeps the English block's <kbd>; its own <b> shows as text.
    let fr = page(root, "fr", "inline-html");
    assert_eq!(select(&fr, "article kbd").len(), 1);
    assert!(select(&fr, "article b").is_empty());
    assert!(article_text(&fr).contains("<b>vite</b>"));
    assert_eq!(select(&fr, "article span.filename").len(), 1);
    // So does the Markdown output.
    let md = read(root.join("dist/fr/inline-html.md"));
    assert!(
        md.contains("Appuyez sur <kbd>Ctrl</kbd> \\<b>vite\\</b>"),
        "{md}"
    );
    for pseudo in ["en-XA", "ar-XB"] {
        let html = page(root, pseudo, "inline-html");
        assert_eq!(
            select(&html, "article kbd, article img, article span.filename").len(),
            3
        );
        let code = select(&html, "article code")[0].text().collect::<String>();
        assert_eq!(code, "# Summary", "{pseudo}");
    }
}

#[test]
fn footnotes_details_and_yaml_front_matter() {
    let dir = project("footnotes", |en| {
        en.replace("Compiled to machine code.", "Compilé en code machine.")
    });
    let root = dir.path();
    let en = english(root, "footnotes");
    // Two definitions on consecutive lines are two messages; the markers
    // are not in them.
    let (_, speed) = message_with(&en, "machine code");
    assert_eq!(speed, "Compiled to machine code.");
    let (_, safety) = message_with(&en, "borrow checker");
    assert_eq!(safety, "Checked by the borrow checker.");
    assert!(
        !en.contains("minutes"),
        "YAML front matter is not a message:\n{en}"
    );
    for locale in ["en-US", "fr", "en-XA"] {
        let html = page(root, locale, "footnotes");
        let refs = select(&html, "article sup.footnote-ref a");
        let refs: Vec<_> = refs.iter().map(|a| a.attr("href").unwrap()).collect();
        assert_eq!(refs, ["#fn-1", "#fn-2", "#fn-1"], "{locale}");
        let notes = select(&html, "article section.footnotes li");
        assert_eq!(notes.len(), 2, "{locale}");
        // Two references to the first note: two links back.
        assert_eq!(notes[0].select(&Selector::parse("a").unwrap()).count(), 2);
        assert!(!article_text(&html).contains("[^"), "{locale}");
        assert_eq!(
            select(&html, "article details summary").len(),
            1,
            "{locale}"
        );
        assert!(select(&html, "article h2").is_empty(), "{locale}");
    }
    let fr = page(root, "fr", "footnotes");
    let notes = select(&fr, "article section.footnotes li");
    assert!(notes[0]
        .text()
        .collect::<String>()
        .contains("Compilé en code machine."));
    let title = select(&fr, "title")[0].text().collect::<String>();
    assert_eq!(title, "Footnotes and details");
    // The Markdown output keeps the YAML front matter as it is.
    let md = read(root.join("dist/fr/footnotes.md"));
    assert!(md.starts_with("---\nminutes: 5\n---\n"), "{md}");
    assert!(
        md.contains("[^speed]: Compilé en code machine.\n[^safety]:"),
        "{md}"
    );
}

#[test]
fn pseudo_localization_leaves_code_labels_and_directives_alone() {
    let dir = project("pseudo-code", |en| en.to_string());
    let root = dir.path();
    let xa = read(root.join("locales/en-XA/pseudo-code.ftl"));
    let (_, first) = message_with(&xa, "Point");
    assert!(first.contains("`Point { x: i32 }`"), "{first}");
    assert!(first.contains("`println!`"), "{first}");
    assert!(
        first.contains("ĥóóļđš"),
        "the words after the code: {first}"
    );
    let (_, second) = message_with(&xa, "mdbook");
    assert!(second.contains("{{ mdbook-version }}"), "{second}");
    assert!(
        second.contains("][book]") && second.contains("][Rust]"),
        "{second}"
    );
    for pseudo in ["en-XA", "ar-XB"] {
        let html = page(root, pseudo, "pseudo-code");
        assert_eq!(
            hrefs(&html),
            [
                "https://doc.rust-lang.org/book/",
                "https://www.rust-lang.org/"
            ],
            "{pseudo}"
        );
        let code: Vec<String> = select(&html, "article code")
            .iter()
            .map(|c| c.text().collect())
            .collect();
        assert_eq!(code, ["Point { x: i32 }", "println!"], "{pseudo}");
    }
}

#[test]
fn a_page_whose_first_heading_is_not_level_one_has_a_title() {
    let dir = project("no-h1", |en| en.to_string());
    let html = page(dir.path(), "en-US", "no-h1");
    let title = select(&html, "title")[0].text().collect::<String>();
    assert_eq!(title, "Getting started");
    // A README that opens with a badge and a paragraph: its first heading.
    let dir = project("badge-first", |en| en.to_string());
    let html = page(dir.path(), "en-US", "badge-first");
    let title = select(&html, "title")[0].text().collect::<String>();
    assert_eq!(title, "Installing the tool");
    // No heading at all: the first paragraph, cut at a word.
    let dir = project("paragraph-only", |en| en.to_string());
    let html = page(dir.path(), "en-US", "paragraph-only");
    let title = select(&html, "title")[0].text().collect::<String>();
    assert!(
        title.starts_with("This note has no heading at all") && title.ends_with('…'),
        "{title}"
    );
    assert!(title.chars().count() <= 81, "{title}");
}

#[test]
fn check_warns_when_a_translation_changes_a_link_label_or_drops_a_footnote() {
    let dir = project("reference-links", |en| {
        en.replace(
            "Read [an mdBook link][an mdBook link] first",
            "Lisez d'abord [un lien mdBook]",
        )
    });
    let root = dir.path();
    let run = ftlkit(root, &["check", "fr", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let labels: Vec<&serde_json::Value> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "link-label")
        .collect();
    assert_eq!(labels.len(), 1, "{}", run.stdout);
    assert_eq!(labels[0]["severity"], "warning");
    assert_eq!(labels[0]["path"], "locales/fr/reference-links.ftl");
    let message = labels[0]["message"].as_str().unwrap();
    assert!(message.contains("`[an mdbook link]`"), "{message}");
    // The page shows the words, not the link: what the warning is about.
    let fr = page(root, "fr", "reference-links");
    assert!(!hrefs(&fr).contains(&"https://rust-lang.github.io/mdBook/".to_string()));

    let dir = project("footnotes", |en| en.replace("[^speed]", ""));
    let run = ftlkit(dir.path(), &["check", "fr"]);
    assert!(run.stdout.contains("link-label"), "{}", run.stdout);
    assert!(run.stdout.contains("`[^speed]`"), "{}", run.stdout);
    // A translation that keeps labels and markers is clean.
    let dir = project("footnotes", |en| {
        en.replace("Rust is fast", "Rust est rapide")
    });
    let run = ftlkit(dir.path(), &["check", "fr"]);
    assert!(!run.stdout.contains("link-label"), "{}", run.stdout);
}

#[test]
fn hard_breaks_alerts_and_definition_lists_survive() {
    let dir = project("line-breaks", |en| {
        en.replace("Sunnyvale, CA", "Sunnyvale, Californie")
            .replace(
                "A compilation unit of Rust.",
                "Une unité de compilation de Rust.",
            )
    });
    let root = dir.path();
    let en = english(root, "line-breaks");
    let (_, address) = message_with(&en, "Foundation");
    assert_eq!(
        address,
        "Rust Foundation<br>440 N Wolfe Rd<br>Sunnyvale, CA"
    );
    let (_, alert) = message_with(&en, "Alerts");
    assert_eq!(
        alert, "Alerts keep their kind.",
        "the marker is not a word to translate"
    );
    let (term, _) = message_with(&en, "Crate");
    let (definition, text) = message_with(&en, "compilation unit");
    assert_ne!(
        term, definition,
        "a term and its definition are two messages"
    );
    assert_eq!(text, "A compilation unit of Rust.");
    for locale in ["en-US", "fr", "en-XA", "ar-XB"] {
        let html = page(root, locale, "line-breaks");
        assert_eq!(select(&html, "article p br").len(), 2, "{locale}");
        assert_eq!(
            select(&html, "article blockquote.markdown-alert-note").len(),
            1,
            "{locale}"
        );
        assert_eq!(select(&html, "article dl dt").len(), 2, "{locale}");
        assert_eq!(select(&html, "article dl dd").len(), 2, "{locale}");
        assert!(!article_text(&html).contains('<'), "{locale}");
    }
    let md = read(root.join("dist/fr/line-breaks.md"));
    assert!(
        md.contains("Rust Foundation<br>440 N Wolfe Rd<br>Sunnyvale, Californie"),
        "{md}"
    );
    assert!(md.contains("> [!NOTE]\n> Alerts keep their kind."), "{md}");
    assert!(
        md.contains("Crate\n: Une unité de compilation de Rust."),
        "{md}"
    );
    let text = read(root.join("dist/fr/line-breaks.txt"));
    assert!(
        text.contains("Rust Foundation\n440 N Wolfe Rd\nSunnyvale, Californie"),
        "{text}"
    );
    assert!(
        text.contains("Crate\n    Une unité de compilation de Rust."),
        "{text}"
    );
}

#[test]
fn alerts_have_a_title_in_the_readers_language() {
    let dir = common::shipped_copy();
    let root = dir.path();
    std::fs::write(
        root.join("content/notes.md"),
        "# Notes\n\n> [!WARNING]\n> Back up your files first.\n\n> [!TIP]\n> Keep them in git.\n",
    )
    .unwrap();
    assert_eq!(ftlkit(root, &["extract"]).code, 0);
    let en = read(root.join("locales/en-US/notes.ftl"));
    for (locale, words) in [
        (
            "ar",
            ["ملاحظات", "احفظ نسخة من ملفاتك أولاً.", "احتفظ بها في git."],
        ),
        (
            "ckb",
            [
                "تێبینییەکان",
                "سەرەتا لە پەڕگەکانت پاشەکەوت بکە.",
                "لە git دایانبنێ.",
            ],
        ),
    ] {
        let translated = en
            .replace("= Notes", &format!("= {}", words[0]))
            .replace("Back up your files first.", words[1])
            .replace("Keep them in git.", words[2]);
        std::fs::write(root.join(format!("locales/{locale}/notes.ftl")), translated).unwrap();
    }
    let run = ftlkit(root, &["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for (locale, warning, tip, dir) in [
        ("en-US", "Warning", "Tip", "ltr"),
        ("ar", "تحذير", "نصيحة", "rtl"),
        ("ckb", "ئاگاداری", "ئامۆژگاری", "rtl"),
    ] {
        let html = page(root, locale, "notes");
        let titles: Vec<String> = select(&html, "article blockquote > p.markdown-alert-title")
            .iter()
            .map(|p| {
                assert_eq!(p.value().attr("lang"), Some(locale));
                assert_eq!(p.value().attr("dir"), Some(dir));
                p.text().collect()
            })
            .collect();
        assert_eq!(titles, [warning, tip], "{locale}");
        assert_eq!(
            select(&html, "blockquote.markdown-alert-warning").len(),
            1,
            "{locale}"
        );
    }
}

#[test]
fn task_lists_keep_their_checkboxes_out_of_the_words() {
    let dir = project("task-list", |en| {
        en.replace("Tag the release", "Étiqueter la version")
    });
    let root = dir.path();
    let en = english(root, "task-list");
    let (_, text) = message_with(&en, "changelog");
    assert_eq!(text, "Update the **changelog**", "no `[x]` to translate");
    assert!(!en.contains("[ ]") && !en.contains("[x]"), "{en}");
    for locale in ["en-US", "fr", "en-XA", "ar-XB"] {
        let html = page(root, locale, "task-list");
        let boxes = select(&html, "article li > input[type=checkbox][disabled]");
        assert_eq!(boxes.len(), 3, "{locale}");
        let checked = boxes.iter().filter(|b| b.value().attr("checked").is_some());
        assert_eq!(checked.count(), 1, "{locale}");
        assert_eq!(select(&html, "article li").len(), 4, "{locale}");
    }
    let md = read(root.join("dist/fr/task-list.md"));
    assert!(
        md.contains("- [ ] Étiqueter la version\n  - [ ] Push"),
        "{md}"
    );
    assert!(md.contains("- [x] Update the **changelog**"), "{md}");
    let text = read(root.join("dist/fr/task-list.txt"));
    assert!(
        text.contains("• [x] Update the changelog\n• [ ] Étiqueter la version\n  • [ ] Push the tag to origin\n• Not a task"),
        "{text}"
    );
}

/// A code span is a file name, a command, an identifier: a translation that
/// drops, translates or adds one gets `changed-code` (issue 30), at the span
/// in the translation where there is one; one that keeps them in its own
/// order (literal braces and all) gets nothing.
#[test]
fn check_warns_when_a_translation_drops_or_alters_a_code_span() {
    let dir = project("code-spans", |en| {
        en.replace(
            "Edit `SUMMARY.md` to add chapters, then run `mdbook build`.",
            "Modifiez SOMMAIRE.md pour ajouter des chapitres, puis lancez `mdbook build`.",
        )
        .replace("The `book.toml` file", "Le fichier `livre.toml`")
        .replace(
            "Write ``{ \"{\" }{ \"{\" }#include file.rs{ \"}\" }{ \"}\" }`` where the file goes, or `{ \"{\" }{ \"{\" }#title …{ \"}\" }{ \"}\" }` for the page's title.",
            "Pour le titre de la page, `{ \"{\" }{ \"{\" }#title …{ \"}\" }{ \"}\" }` ; là où va le fichier, ``{ \"{\" }{ \"{\" }#include file.rs{ \"}\" }{ \"}\" }``.",
        )
    });
    let root = dir.path();
    let fr = read(root.join("locales/fr/code-spans.ftl"));
    assert!(fr.contains("Le fichier `livre.toml`"), "{fr}");
    let run = ftlkit(root, &["check", "fr", "--format", "json"]);
    assert_eq!(run.code, 0, "warnings only: {}", run.stdout);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let found: Vec<(&str, u64, u64, &str)> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "changed-code")
        .map(|f| {
            assert_eq!(f["severity"], "warning");
            assert_eq!(f["path"], "locales/fr/code-spans.ftl");
            (
                f["id"].as_str().unwrap(),
                f["line"].as_u64().unwrap(),
                f["column"].as_u64().unwrap(),
                f["message"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(found.len(), 2, "{}", run.stdout);
    let line_of = |id: &str| {
        1 + fr
            .lines()
            .position(|l| l.starts_with(&format!("{id} =")))
            .unwrap() as u64
    };
    // Dropped: at the message, naming the span.
    let (id, line, column, message) = found[0];
    assert_eq!(id, "code-spans-intro-edit-summary-md");
    assert_eq!((line, column), (line_of(id), 1));
    assert!(
        message.contains("lacks the code span `SUMMARY.md`"),
        "{message}"
    );
    assert!(!message.contains("mdbook build"), "{message}");
    // Translated: at the translation's span, naming the English's.
    let (id, line, column, message) = found[1];
    assert_eq!(id, "code-spans-book-toml-file-heading");
    let prefix = format!("{id} = Le fichier ");
    assert_eq!(
        (line, column),
        (line_of(id), prefix.chars().count() as u64 + 1)
    );
    assert!(
        message.contains("has the code span `livre.toml` where the English has `book.toml`"),
        "{message}"
    );
    // The human report underlines the span; SARIF has the same place.
    let human = ftlkit(root, &["check", "fr"]);
    assert!(human.stdout.contains("^^^^^^^^^^^^"), "{}", human.stdout);
    let run = ftlkit(root, &["check", "fr", "--format", "sarif"]);
    let log: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let results = log["runs"][0]["results"].as_array().unwrap();
    let region = results
        .iter()
        .find(|r| r["ruleId"] == "changed-code" && r["properties"]["id"] == id)
        .map(|r| &r["locations"][0]["physicalLocation"]["region"])
        .unwrap_or_else(|| panic!("{log:#}"));
    assert_eq!(region["startLine"], line);
    assert_eq!(region["startColumn"], column);
    // The pseudo-locales keep every code span: nothing to report.
    std::fs::write(
        root.join("ftlkit.toml"),
        "locales = [\"fr\", \"en-XA\", \"ar-XB\"]\n[build]\nthreshold = 0.0\n",
    )
    .unwrap();
    let run = ftlkit(root, &["check", "en-XA", "ar-XB"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("in 2 locales"), "{}", run.stdout);
    assert!(!run.stdout.contains("changed-code"), "{}", run.stdout);
}
