//! Right for every reader (issue 31, round 2): outdated translations are never
//! silent, fallback blocks carry their language and direction in the Markdown
//! and text outputs, search engines get absolute alternates and a sitemap,
//! and every number the page writes is in the locale's digits.

mod common;

use common::{ftlkit, read, shipped_copy};
use std::path::Path;

/// The shipped article's first two paragraphs, and the English an editor
/// makes of them by merging the second into the first.
const FIRST: &str =
    "This invasion is considered the main turning point in the modern history of Iraq to this day.";
const ABSORBED: &str = "The country then collapsed and began to transform";

/// A copy of the shipped project whose editor merged the article's first two
/// paragraphs (and ran `extract`): the merged message is stale in every locale.
fn merged_paragraphs(stale: Option<&str>) -> tempfile::TempDir {
    let dir = shipped_copy();
    let root = dir.path();
    let article = root.join("content/article.md");
    let text = read(&article);
    let joint = format!("{FIRST}\n\n{ABSORBED}");
    assert!(text.contains(&joint), "the shipped article changed");
    std::fs::write(
        &article,
        text.replace(&joint, &format!("{FIRST} {ABSORBED}")),
    )
    .unwrap();
    // The state records of the shipped translations (what makes a message stale).
    common::copy_dir(&common::repo().join("l10n-state"), &root.join("l10n-state"));
    if let Some(mode) = stale {
        let config = read(root.join("ftlkit.toml"));
        let config = config.replace("[build]\n", &format!("[build]\nstale = \"{mode}\"\n"));
        std::fs::write(root.join("ftlkit.toml"), config).unwrap();
    }
    let run = ftlkit(root, &["extract"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    dir
}

fn build(root: &Path) -> String {
    let run = ftlkit(root, &["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.stdout
}

/// The `<main>` of a page as a document.
fn main_of(path: &Path) -> scraper::Html {
    scraper::Html::parse_document(&read(path))
}

fn select<'a>(doc: &'a scraper::Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    doc.select(&scraper::Selector::parse(css).unwrap())
        .collect()
}

fn text_of(el: &scraper::ElementRef) -> String {
    el.text().collect()
}

#[test]
fn a_merged_paragraph_is_stale_and_its_absorbed_text_shows_under_a_translated_note() {
    let dir = merged_paragraphs(None);
    let root = dir.path();
    let summary = build(root);
    let ar_line = summary.lines().find(|l| l.starts_with("ar ")).unwrap();
    assert!(
        ar_line.contains("1 stale (shown with a note and the English)"),
        "{summary}"
    );
    let page = main_of(&root.join("dist/ar/article.html"));
    let notes = select(&page, "main details.stale");
    assert_eq!(
        notes.len(),
        1,
        "{}",
        read(root.join("dist/ar/article.html"))
    );
    let note = &notes[0];
    assert_eq!(note.value().attr("lang"), Some("ar"));
    assert_eq!(note.value().attr("dir"), Some("rtl"));
    let summary_text = text_of(&select(&page, "details.stale > summary")[0]);
    assert_eq!(
        summary_text,
        "قد لا يكون هذا الجزء محدَّثًا: تغيَّر النص الأصلي بعد ترجمته."
    );
    let english = &select(&page, "details.stale > div.stale-original")[0];
    assert_eq!(english.value().attr("lang"), Some("en-US"));
    assert_eq!(english.value().attr("dir"), Some("ltr"));
    assert!(text_of(english).contains(ABSORBED), "{}", text_of(english));
    // The old Arabic translation is still what the paragraph says, before the note.
    let before = note
        .prev_siblings()
        .find_map(scraper::ElementRef::wrap)
        .unwrap();
    assert!(
        text_of(&before).starts_with("مضى ١٧ عاماً"),
        "{}",
        text_of(&before)
    );
    // French says it in French.
    let fr = main_of(&root.join("dist/fr/article.html"));
    assert_eq!(
        text_of(&select(&fr, "details.stale > summary")[0]),
        "Cette partie n’est peut-être plus à jour\u{202f}: l’original a changé depuis sa traduction."
    );
    // The Markdown keeps the note where CommonMark renderers show it, and the
    // text output shows the note and the English, isolated left to right.
    let md = read(root.join("dist/ar/article.md"));
    let html = markdown_to_html(&md);
    let rendered = scraper::Html::parse_fragment(&html);
    let original = select(&rendered, "details[lang=ar] div[lang=en-US][dir=ltr] p");
    assert_eq!(original.len(), 1, "{html}");
    assert!(text_of(&original[0]).contains(ABSORBED));
    let txt = read(root.join("dist/ar/article.txt"));
    assert!(txt.contains("قد لا يكون هذا الجزء محدَّثًا"), "{txt}");
    let line = txt.lines().find(|l| l.contains(ABSORBED)).unwrap();
    assert!(
        line.starts_with('\u{2066}') && line.ends_with('\u{2069}'),
        "{line:?}"
    );
    // JSON says it too.
    let run = ftlkit(root, &["build", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let ar = json["pages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["locale"] == "ar")
        .unwrap();
    assert_eq!(ar["stale"], 1);
    assert_eq!(ar["stale_mode"], "note");
}

#[test]
fn stale_english_falls_back_block_by_block_and_show_keeps_the_old_translation() {
    let dir = merged_paragraphs(Some("english"));
    let root = dir.path();
    let summary = build(root);
    assert!(summary.contains("1 stale (shown in English)"), "{summary}");
    let page = main_of(&root.join("dist/ar/article.html"));
    let fallback = select(&page, "main div.untranslated[lang=en-US][dir=ltr]");
    assert!(
        fallback.iter().any(|d| text_of(d).contains(ABSORBED)),
        "the merged English paragraph is shown"
    );
    assert!(select(&page, "details.stale").is_empty());

    let dir = merged_paragraphs(Some("show"));
    let root = dir.path();
    let summary = build(root);
    assert!(
        summary.contains("1 stale (shown as translated)"),
        "{summary}"
    );
    let html = read(root.join("dist/ar/article.html"));
    assert!(!html.contains(ABSORBED) && !html.contains("details class=\"stale\""));
}

#[test]
fn a_locale_sets_its_own_stale_mode() {
    let dir = merged_paragraphs(None);
    let root = dir.path();
    let config = read(root.join("ftlkit.toml"));
    std::fs::write(
        root.join("ftlkit.toml"),
        config.replace("[locale.ar]\n", "[locale.ar]\nstale = \"english\"\n"),
    )
    .unwrap();
    let summary = build(root);
    assert!(summary
        .lines()
        .any(|l| l.starts_with("ar ") && l.contains("shown in English")));
    assert!(summary
        .lines()
        .any(|l| l.starts_with("fr ") && l.contains("with a note")));
    let bad = config.replace("[build]\n", "[build]\nstale = \"hide\"\n");
    std::fs::write(root.join("ftlkit.toml"), bad).unwrap();
    let run = ftlkit(root, &["build"]);
    assert_ne!(run.code, 0);
    assert!(
        run.stderr.contains("ftlkit.toml:") && run.stderr.contains("hide"),
        "{}",
        run.stderr
    );
}

/// CommonMark to HTML, as a Markdown renderer (mdBook, GitHub) does it.
fn markdown_to_html(md: &str) -> String {
    let mut options = pulldown_cmark::Options::empty();
    options.insert(pulldown_cmark::Options::ENABLE_TABLES);
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, pulldown_cmark::Parser::new_ext(md, options));
    html
}

/// The sentence with URLs, translated.
const URLS_CKB: &str = "سەیری <https://example.org/raw>، https://example.org/bare و [https://example.org/text](https://example.org/text) بکە. ![وێنەی https://example.org/alt](map.png)";
const URLS_FR: &str = "Voir <https://example.org/raw>, https://example.org/bare et [https://example.org/text](https://example.org/text). ![carte https://example.org/alt](map.png)";

/// A small project: a Kurdish page with an English paragraph that has
/// emphasis, a link and a URL in it.
fn kurdish_with_fallback() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("content")).unwrap();
    std::fs::write(
        root.join("content/guide.md"),
        "+++\ndescription = \"How to publish\"\n+++\n\n# Guide\n\nThe first step is easy.\n\nThe *second* step needs [the manual](https://example.org/manual) and <https://example.org/raw>.\n\nSee <https://example.org/raw>, https://example.org/bare and [https://example.org/text](https://example.org/text). ![map https://example.org/alt](map.png)\n",
    )
    .unwrap();
    std::fs::write(
        root.join("ftlkit.toml"),
        "locales = [\"ckb\", \"fr\"]\n[build]\nthreshold = 0.0\n",
    )
    .unwrap();
    assert_eq!(ftlkit(root, &["extract"]).code, 0);
    let english = read(root.join("locales/en-US/guide.ftl"));
    for (locale, title, first, description, see) in [
        (
            "ckb",
            "ڕێبەر",
            "هەنگاوی یەکەم ئاسانە.",
            "چۆن بڵاو بکەیتەوە",
            URLS_CKB,
        ),
        (
            "fr",
            "Guide",
            "La première étape est facile.",
            "Comment publier",
            URLS_FR,
        ),
    ] {
        let mut out = String::new();
        for (id, value) in common::messages(&english) {
            let text = match value.as_str() {
                "Guide" => title,
                "The first step is easy." => first,
                "How to publish" => description,
                t if t.starts_with("See ") => see,
                _ => continue,
            };
            out.push_str(&format!("{id} = {text}\n"));
        }
        std::fs::create_dir_all(root.join("locales").join(locale)).unwrap();
        std::fs::write(root.join("locales").join(locale).join("guide.ftl"), out).unwrap();
    }
    dir
}

#[test]
fn fallback_paragraphs_in_markdown_and_text_carry_their_direction() {
    let dir = kurdish_with_fallback();
    let root = dir.path();
    build(root);
    let md = read(root.join("dist/ckb/guide.md"));
    let html = markdown_to_html(&md);
    let rendered = scraper::Html::parse_fragment(&html);
    let blocks = select(&rendered, "div[lang=en-US][dir=ltr]");
    assert_eq!(blocks.len(), 1, "{md}\n---\n{html}");
    // The Markdown inside is still Markdown: emphasis and the link rendered.
    let inside = blocks[0].inner_html();
    assert!(inside.contains("<em>second</em>"), "{inside}");
    assert!(
        inside.contains("<a href=\"https://example.org/manual\">the manual</a>"),
        "{inside}"
    );
    // The translated paragraph is not wrapped.
    assert!(select(&rendered, "p")
        .iter()
        .any(|p| text_of(p) == "هەنگاوی یەکەم ئاسانە."));
    // Text: the English paragraph between LRI and PDI; the Kurdish one bare.
    let txt = read(root.join("dist/ckb/guide.txt"));
    let english = txt.lines().find(|l| l.contains("step needs")).unwrap();
    assert!(
        english.starts_with('\u{2066}') && english.ends_with('\u{2069}'),
        "{english:?}"
    );
    assert!(txt.lines().any(|l| l == "هەنگاوی یەکەم ئاسانە."), "{txt}");
    // French text has no isolates (same direction as English), its Markdown marks the language.
    let fr_txt = read(root.join("dist/fr/guide.txt"));
    assert!(!fr_txt.contains('\u{2066}'), "{fr_txt}");
    let fr_md = read(root.join("dist/fr/guide.md"));
    assert!(
        fr_md.contains("<div lang=\"en-US\" dir=\"ltr\">\n\nThe *second*"),
        "{fr_md}"
    );
}

/// The `content` of every element `css` selects, attribute `attr`.
fn attrs(doc: &scraper::Html, css: &str, attr: &str) -> Vec<String> {
    select(doc, css)
        .iter()
        .filter_map(|e| e.value().attr(attr).map(str::to_string))
        .collect()
}

#[test]
fn urls_shown_as_text_are_isolated_left_to_right_on_right_to_left_pages() {
    let dir = kurdish_with_fallback();
    let root = dir.path();
    build(root);
    let page = main_of(&root.join("dist/ckb/guide.html"));
    let isolated: Vec<String> = select(&page, "main bdi[dir=ltr]")
        .iter()
        .map(text_of)
        .collect();
    for url in [
        "https://example.org/raw",
        "https://example.org/bare",
        "https://example.org/text",
    ] {
        assert!(isolated.iter().any(|t| t == url), "{url}: {isolated:?}");
    }
    // The Kurdish comma after the autolink stays outside, with the sentence.
    let html = read(root.join("dist/ckb/guide.html"));
    assert!(
        html.contains("</a></bdi>، <bdi dir=\"ltr\">https://example.org/bare</bdi> و"),
        "{html}"
    );
    // An image's alt text stays text.
    assert!(
        html.contains("alt=\"وێنەی https://example.org/alt\""),
        "{html}"
    );
    // Left-to-right pages are left as they are.
    let fr = read(root.join("dist/fr/guide.html"));
    assert!(!fr.contains("<bdi dir=\"ltr\">"), "{fr}");
}

#[test]
fn search_engines_get_absolute_alternates_a_canonical_link_and_a_sitemap() {
    let dir = kurdish_with_fallback();
    let root = dir.path();
    let run = ftlkit(root, &["build", "--base-url", "https://example.org/guide"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let base = "https://example.org/guide/";
    let page = main_of(&root.join("dist/ckb/guide.html"));
    assert_eq!(
        attrs(&page, "link[rel=canonical]", "href"),
        [format!("{base}ckb/guide.html")]
    );
    let mut alternates: Vec<(String, String)> = select(&page, "link[rel=alternate]")
        .iter()
        .map(|e| {
            (
                e.value().attr("hreflang").unwrap().to_string(),
                e.value().attr("href").unwrap().to_string(),
            )
        })
        .collect();
    alternates.sort();
    let mut want: Vec<(String, String)> = ["en-US", "ckb", "fr"]
        .iter()
        .map(|l| (l.to_string(), format!("{base}{l}/guide.html")))
        .chain([("x-default".to_string(), format!("{base}en-US/guide.html"))])
        .collect();
    want.sort();
    assert_eq!(alternates, want);
    assert_eq!(
        attrs(&page, "meta[name=description]", "content"),
        ["چۆن بڵاو بکەیتەوە"]
    );
    assert_eq!(
        attrs(&page, "meta[property='og:title']", "content"),
        ["ڕێبەر"]
    );
    assert_eq!(
        attrs(&page, "meta[property='og:locale']", "content"),
        ["ckb"]
    );
    assert_eq!(
        attrs(&page, "meta[property='og:locale:alternate']", "content"),
        ["en_US", "fr"]
    );
    // The sitemap: well-formed XML, absolute URLs, each page's alternates as its head has them.
    let xml = read(root.join("dist/sitemap.xml"));
    let urls = parse_sitemap(&xml);
    for (loc, links) in &urls {
        assert!(loc.starts_with(base), "{loc}");
        assert!(
            links.iter().all(|(_, href)| href.starts_with(base)),
            "{links:?}"
        );
    }
    let mut ckb = urls
        .iter()
        .find(|(loc, _)| loc == &format!("{base}ckb/guide.html"))
        .expect("the Kurdish page is listed")
        .1
        .clone();
    ckb.sort();
    assert_eq!(ckb, want);
    let locs: Vec<&str> = urls.iter().map(|(l, _)| l.as_str()).collect();
    for locale in ["en-US", "ckb", "fr"] {
        assert!(locs.contains(&format!("{base}{locale}/guide.html").as_str()));
        assert!(locs.contains(&format!("{base}{locale}/index.html").as_str()));
    }
    // Without a base URL: relative alternates, no canonical link, no sitemap.
    build(root);
    let page = main_of(&root.join("dist/ckb/guide.html"));
    assert!(attrs(&page, "link[rel=canonical]", "href").is_empty());
    assert!(attrs(&page, "link[rel=alternate]", "href")
        .iter()
        .all(|h| h.starts_with("../")));
    assert!(
        !root.join("dist/sitemap.xml").exists(),
        "the old sitemap is removed"
    );
    // A base URL that is not one is an error naming the file.
    let config = read(root.join("ftlkit.toml"));
    std::fs::write(
        root.join("ftlkit.toml"),
        config.replace("[build]\n", "[build]\nbase-url = \"example.org/guide\"\n"),
    )
    .unwrap();
    let run = ftlkit(root, &["build"]);
    assert_ne!(run.code, 0);
    assert!(
        run.stderr.contains("ftlkit.toml") && run.stderr.contains("base-url"),
        "{}",
        run.stderr
    );
}

/// Each `<url>` of a sitemap: its `<loc>` and its `xhtml:link` alternates
/// (hreflang, href); panics unless the XML is well-formed.
fn parse_sitemap(xml: &str) -> Vec<(String, Vec<(String, String)>)> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    reader.config_mut().check_end_names = true;
    let mut urls: Vec<(String, Vec<(String, String)>)> = Vec::new();
    let mut in_loc = false;
    let mut depth = 0i32;
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) => {
                depth += 1;
                match e.name().as_ref() {
                    b"url" => urls.push((String::new(), Vec::new())),
                    b"loc" => in_loc = true,
                    _ => {}
                }
            }
            Event::End(e) => {
                depth -= 1;
                if e.name().as_ref() == b"loc" {
                    in_loc = false;
                }
            }
            Event::Text(t) if in_loc => {
                urls.last_mut().unwrap().0 = t.decode().unwrap().into_owned();
            }
            Event::Empty(e) if e.name().as_ref() == b"xhtml:link" => {
                let attr = |name: &str| {
                    e.try_get_attribute(name)
                        .unwrap()
                        .map(|a| {
                            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                                .unwrap()
                                .into_owned()
                        })
                        .unwrap()
                };
                assert_eq!(attr("rel"), "alternate");
                urls.last_mut()
                    .unwrap()
                    .1
                    .push((attr("hreflang"), attr("href")));
            }
            Event::Eof => break,
            _ => {}
        }
    }
    assert_eq!(depth, 0, "unbalanced");
    assert!(!urls.is_empty());
    urls
}

#[test]
fn numbers_the_page_writes_are_in_the_locale_digits() {
    let dir = shipped_copy();
    let root = dir.path();
    build(root);
    let arabic_indic = |s: &str| s.chars().any(|c| ('٠'..='٩').contains(&c));
    for (locale, arabic) in [("ar", true), ("ckb", true), ("fr", false)] {
        let page = main_of(&root.join(format!("dist/{locale}/article.html")));
        let minutes = text_of(&select(&page, "span.reading-time")[0]);
        assert_eq!(arabic_indic(&minutes), arabic, "{locale}: {minutes}");
        assert_eq!(
            minutes.chars().any(|c| c.is_ascii_digit()),
            !arabic,
            "{locale}: {minutes}"
        );
        // The locale's index counts its list in the same digits.
        let index = main_of(&root.join(format!("dist/{locale}/index.html")));
        let digits = attrs(&index, "html", "data-digits");
        assert_eq!(
            digits.first().map(String::as_str),
            arabic.then_some("arabic-indic"),
            "{locale}"
        );
    }
}

#[test]
fn the_site_index_lists_no_pseudo_locale() {
    let dir = shipped_copy();
    let root = dir.path();
    let run = ftlkit(
        root,
        &["build", "--pseudo", "--base-url", "https://example.org/"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(root.join("dist/ar-XB/article.html").exists());
    let index = read(root.join("dist/index.html"));
    assert!(
        !index.contains("ar-XB") && !index.contains("en-XA"),
        "{index}"
    );
    assert!(index.contains("hreflang=\"ckb\""));
    let ar_index = read(root.join("dist/ar/index.html"));
    assert!(!ar_index.contains("ar-XB"), "{ar_index}");
    let sitemap = read(root.join("dist/sitemap.xml"));
    assert!(!sitemap.contains("-XA") && !sitemap.contains("-XB"));
    // The pseudo pages themselves tell search engines to leave them out.
    let pseudo = read(root.join("dist/ar-XB/article.html"));
    assert!(pseudo.contains("<meta name=\"robots\" content=\"noindex\">"));
}

#[test]
fn page_strings_without_the_stale_note_get_the_built_in_one_marked_english() {
    let dir = merged_paragraphs(None);
    let root = dir.path();
    for locale in ["en-US", "ar", "ckb", "fr"] {
        let path = root.join(format!("locales/{locale}/page.ftl"));
        let text = read(&path);
        let kept: Vec<&str> = text
            .lines()
            .filter(|l| !l.starts_with("page-stale-note"))
            .collect();
        std::fs::write(&path, kept.join("\n") + "\n").unwrap();
    }
    build(root);
    let page = main_of(&root.join("dist/ar/article.html"));
    let summary = &select(&page, "details.stale > summary")[0];
    assert_eq!(
        text_of(summary),
        "This part may be out of date: the original has changed since it was translated."
    );
    assert_eq!(summary.value().attr("lang"), Some("en"));
    assert_eq!(summary.value().attr("dir"), Some("ltr"));
}
