//! `ftlkit build`: snapshots of the three outputs in an RTL and an LTR locale
//! with fallback visible, injection, plurals and digits, bidi, thresholds.
//!
//! Snapshots live in `tests/snapshots/`; after a reviewed change run
//! `INSTA_UPDATE=always cargo test --test build` (or `cargo insta review`).

mod common;
use common::*;
use std::path::Path;

/// A temporary copy of the fixture site with the shipped page strings.
fn site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&repo().join("tests/fixtures/build/site"), dir.path());
    for locale in ["en-US", "ar", "fr"] {
        std::fs::copy(
            repo().join(format!("locales/{locale}/page.ftl")),
            dir.path().join(format!("locales/{locale}/page.ftl")),
        )
        .unwrap();
    }
    dir
}

fn build(root: &Path) -> Run {
    let run = ftlkit(root, &["build"]);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    run
}

#[test]
fn snapshots_rtl_and_ltr_with_fallback() {
    let tmp = site();
    let run = build(tmp.path());
    assert!(
        run.stdout
            .contains("ar       1 page published, 5/7 translated"),
        "{}",
        run.stdout
    );
    let dist = tmp.path().join("dist");
    for locale in ["ar", "fr"] {
        for ext in ["html", "md", "txt"] {
            let text = read(dist.join(format!("{locale}/guide.{ext}")));
            insta::assert_snapshot!(format!("guide-{locale}-{ext}"), text);
        }
    }
    let index = read(dist.join("index.html"));
    insta::assert_snapshot!("index", index);
}

#[test]
fn fallback_blocks_carry_their_own_language_and_direction() {
    let tmp = site();
    build(tmp.path());
    let html = read(tmp.path().join("dist/ar/guide.html"));
    assert!(html
        .starts_with("<!DOCTYPE html><html lang=\"ar\" dir=\"rtl\" data-digits=\"arabic-indic\">"));
    // A top-level English paragraph is wrapped with its language and the note.
    assert!(html.contains(
        "<div class=\"untranslated\" lang=\"en-US\" dir=\"ltr\"><p class=\"untranslated-note\" lang=\"ar\" dir=\"rtl\">لم يُترجَم هذا الجزء بعد.</p>\n<p>Ask for help when you are stuck.</p>"
    ), "{html}");
    // A list item cannot be wrapped in a div: its text is.
    assert!(html.contains("<li><span class=\"untranslated\" lang=\"en-US\" dir=\"ltr\" title=\"لم يُترجَم هذا الجزء بعد.\">Count the parts.</span></li>"), "{html}");
    // Translated blocks are not marked.
    assert!(html.contains("<li>افتح الصندوق.</li>"));
    let fr = read(tmp.path().join("dist/fr/guide.html"));
    assert!(fr.contains("<html lang=\"fr\" dir=\"ltr\">"));
    for locale in ["en-US", "ar", "fr"] {
        assert!(fr.contains(&format!(
            "<link rel=\"alternate\" hreflang=\"{locale}\" href=\"../{locale}/guide.html\">"
        )));
    }
    assert!(
        fr.contains("<link rel=\"alternate\" hreflang=\"x-default\" href=\"../en-US/guide.html\">")
    );
    assert!(
        fr.contains(">العربية</a>") && fr.contains(">English</a>") && fr.contains(">Français</a>")
    );
}

#[test]
fn a_left_to_right_name_inside_a_right_to_left_sentence() {
    let tmp = site();
    build(tmp.path());
    let dist = tmp.path().join("dist/ar");
    // HTML: the placeable is a <bdi>, the isolate characters are gone.
    let html = read(dist.join("guide.html"));
    assert!(
        html.contains("<span>بقلم <bdi>Jane Doe</bdi></span>"),
        "{html}"
    );
    // Markdown and text: no Fluent isolates, an RLM after the LTR name (the
    // text's only isolates are those around an English fallback paragraph:
    // LRI … PDI, balanced).
    for ext in ["md", "txt"] {
        let text = read(dist.join(format!("guide.{ext}")));
        assert!(!text.contains('\u{2068}'), "{ext} shows isolates");
        let opened = text.matches(['\u{2066}', '\u{2067}']).count();
        assert_eq!(text.matches('\u{2069}').count(), opened, "{ext}: {text}");
    }
    assert!(read(dist.join("guide.txt")).contains("بقلم Jane Doe\u{200f}"));
    assert!(read(dist.join("guide.md")).contains("author = \"Jane Doe\""));
}

#[test]
fn hostile_translations_never_become_markup() {
    let tmp = site();
    let path = tmp.path().join("locales/ar/guide.ftl");
    let hostile = read(&path)
        .replace(
            "guide-steps-open-box = افتح الصندوق.",
            "guide-steps-open-box = افتح <script>alert(1)</script> الصندوق <img src=x onerror=alert(2)>",
        )
        .replace(
            "اقرأ [الدليل](https://example.com/manual) قبل أن تبدأ.",
            "اقرأ [الدليل](javascript:alert(3)) و[هنا](https://evil.example/) <a href=\"javascript:alert(4)\" onclick=\"x()\">قبل</a> <iframe src=x></iframe>",
        )
        .replace("guide-steps-heading = الخطوات", "guide-steps-heading = # <b onmouseover=alert(5)>الخطوات</b>");
    std::fs::write(&path, hostile).unwrap();
    build(tmp.path());
    let html = read(tmp.path().join("dist/ar/guide.html"));
    // Parse the page as a browser would and look at the real elements.
    let page = scraper::Html::parse_document(&html);
    let all = scraper::Selector::parse("*").unwrap();
    let mut tags = std::collections::BTreeSet::new();
    for element in page.select(&all) {
        let el = element.value();
        tags.insert(el.name().to_string());
        for (name, value) in el.attrs() {
            assert!(
                !name.starts_with("on"),
                "event handler {name} on <{}>",
                el.name()
            );
            assert!(
                !value.trim_start().to_lowercase().starts_with("javascript:"),
                "{name}={value}"
            );
            assert!(
                !value.contains("evil.example"),
                "a link the English block does not have: {value}"
            );
        }
    }
    for bad in ["script", "img", "iframe", "b"] {
        assert!(!tags.contains(bad), "<{bad}> reached the page:\n{html}");
    }
    // The text is still there, shown as text.
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{html}"
    );
    // Markdown output cannot be turned into structure either.
    let md = read(tmp.path().join("dist/ar/guide.md"));
    assert!(
        md.contains("## # \\<b onmouseover=alert(5)>الخطوات\\</b>"),
        "{md}"
    );
    assert!(
        md.contains("افتح \\<script>alert(1)\\</script> الصندوق"),
        "{md}"
    );
    // Nor carry a link target the English block does not have: the Markdown and
    // the text keep the words, not the targets.
    let txt = read(tmp.path().join("dist/ar/guide.txt"));
    for output in [&md, &txt] {
        assert!(!output.contains("javascript:alert(3)"), "{output}");
        assert!(!output.contains("evil.example"), "{output}");
        assert!(output.contains("اقرأ الدليل و"), "{output}");
    }
}

#[test]
fn the_english_link_stays_in_every_output() {
    let tmp = site();
    build(tmp.path());
    let md = read(tmp.path().join("dist/ar/guide.md"));
    assert!(md.contains("[الدليل](https://example.com/manual)"), "{md}");
    let txt = read(tmp.path().join("dist/ar/guide.txt"));
    assert!(txt.contains("الدليل (https://example.com/manual)"), "{txt}");
    // An image the English has not becomes its alt text.
    let path = tmp.path().join("locales/ar/guide.ftl");
    let text = read(&path).replace(
        "اقرأ [الدليل](https://example.com/manual) قبل أن تبدأ.",
        "اقرأ [الدليل](https://example.com/manual) ![صورة](https://evil.example/x.png) قبل أن تبدأ.",
    );
    std::fs::write(&path, text).unwrap();
    build(tmp.path());
    let md = read(tmp.path().join("dist/ar/guide.md"));
    assert!(
        md.contains("[الدليل](https://example.com/manual) صورة قبل"),
        "{md}"
    );
}

#[test]
fn markup_the_english_block_has_is_kept() {
    let tmp = site();
    build(tmp.path());
    let html = read(tmp.path().join("dist/ar/guide.html"));
    assert!(
        html.contains("<h1 id=\"a-small-guide\">دليل <em>صغير</em></h1>"),
        "{html}"
    );
    assert!(
        html.contains(
            "<a href=\"https://example.com/manual\" rel=\"noopener noreferrer\">الدليل</a>"
        ),
        "{html}"
    );
}

#[test]
fn arabic_reading_time_plurals_and_digits() {
    use fluent_bundle::{FluentArgs, FluentResource};
    let ftl = read(repo().join("locales/ar/page.ftl"));
    let resource = FluentResource::try_new(ftl).unwrap();
    let mut bundle = ftlkit::intl::new_bundle(&"ar-IQ".parse().unwrap());
    bundle.add_resource(&resource).unwrap();
    bundle.set_use_isolating(false);
    let message = bundle.get_message("page-reading-time").unwrap();
    let mut got = Vec::new();
    for n in [0u32, 1, 2, 3, 11, 100] {
        let mut args = FluentArgs::new();
        args.set("minutes", n);
        let mut errors = vec![];
        got.push(
            bundle
                .format_pattern(message.value().unwrap(), Some(&args), &mut errors)
                .into_owned(),
        );
        assert!(errors.is_empty(), "{errors:?}");
    }
    assert_eq!(
        got,
        [
            "مدة القراءة: أقل من دقيقة",
            "مدة القراءة: دقيقة واحدة",
            "مدة القراءة: دقيقتان",
            "مدة القراءة: ٣ دقائق",
            "مدة القراءة: ١١ دقيقة",
            "مدة القراءة: ١٠٠ دقيقة",
        ]
    );
    let ar = "ar".parse().unwrap();
    let categories: Vec<_> = [0, 1, 2, 3, 11, 100]
        .iter()
        .map(|&n| ftlkit::intl::plural_category(&ar, n))
        .collect();
    assert_eq!(categories, ["zero", "one", "two", "few", "many", "other"]);
}

#[test]
fn shipped_build_publishes_four_locales_with_iraqi_digits() {
    let tmp = shipped_copy();
    let run = build(tmp.path());
    for locale in ["en-US", "ar", "fr", "ckb"] {
        for ext in ["html", "md", "txt"] {
            assert!(
                tmp.path()
                    .join(format!("dist/{locale}/article.{ext}"))
                    .is_file(),
                "{locale}.{ext}"
            );
        }
    }
    assert!(
        run.stdout
            .contains("ckb      1 page published, 21/40 translated"),
        "{}",
        run.stdout
    );
    let ar = read(tmp.path().join("dist/ar/article.html"));
    assert!(
        ar.contains("مدة القراءة: <bdi>٧</bdi> دقائق"),
        "reading time in Arabic-Indic digits"
    );
    let ckb = read(tmp.path().join("dist/ckb/article.html"));
    assert!(ckb.contains("<html lang=\"ckb\" dir=\"rtl\" data-digits=\"arabic-indic\">"));
    assert!(ckb.contains("<div class=\"untranslated\" lang=\"en-US\" dir=\"ltr\">"));
    assert!(ckb.contains("<h2 id=\"iraqi-militias\">Iraqi Militias</h2>"));
    assert!(tmp.path().join("dist/index.html").is_file());
    // A second build changes nothing.
    let again = build(tmp.path());
    assert!(again.stdout.contains("0 files written"), "{}", again.stdout);
}

#[test]
fn a_locale_below_its_threshold_is_skipped_with_the_reason() {
    let tmp = site();
    std::fs::write(
        tmp.path().join("ftlkit.toml"),
        "locales = [\"ar\", \"fr\"]\n[build]\nthreshold = 0.6\nrequired = [\"*-title\"]\n",
    )
    .unwrap();
    let run = build(tmp.path());
    assert!(
        run.stdout
            .contains("fr       0 pages published; 1 skipped (1 below the threshold of 60%)"),
        "{}",
        run.stdout
    );
    // The page and its share: with --verbose.
    assert!(!run.stdout.contains("57%"), "{}", run.stdout);
    let run = ftlkit(tmp.path(), &["build", "--verbose"]);
    assert!(
        run.stdout
            .contains("fr       guide        skipped: 57% translated, below the threshold of 60%"),
        "{}",
        run.stdout
    );
    assert!(!tmp.path().join("dist/fr/guide.html").exists());
    let ar = read(tmp.path().join("dist/ar/guide.html"));
    assert!(
        !ar.contains("hreflang=\"fr\""),
        "a skipped locale is not linked"
    );

    std::fs::write(
        tmp.path().join("ftlkit.toml"),
        "locales = [\"ar\", \"fr\"]\n[build]\nthreshold = 0.1\nrequired = [\"*-count-parts\"]\n",
    )
    .unwrap();
    let run = build(tmp.path());
    assert!(
        run.stdout.contains(
            "ar       guide        skipped: required messages missing: guide-steps-count-parts"
        ),
        "{}",
        run.stdout
    );
}

#[test]
fn regional_locale_falls_back_to_its_language_then_the_source() {
    let tmp = site();
    let root = tmp.path();
    std::fs::create_dir_all(root.join("locales/ar-IQ")).unwrap();
    std::fs::write(
        root.join("locales/ar-IQ/guide.ftl"),
        "guide-steps-heading = الخطوات العراقية\n",
    )
    .unwrap();
    std::fs::write(
        root.join("ftlkit.toml"),
        "locales = [\"ar\", \"ar-IQ\", \"fr\"]\n[build]\nthreshold = 0.1\n",
    )
    .unwrap();
    build(root);
    let html = read(root.join("dist/ar-IQ/guide.html"));
    assert!(
        html.contains("<h2 id=\"steps\">الخطوات العراقية</h2>"),
        "its own message"
    );
    assert!(
        html.contains("<div class=\"untranslated\" lang=\"ar\" dir=\"rtl\">"),
        "falls back to ar first:\n{html}"
    );
    assert!(
        html.contains("lang=\"en-US\" dir=\"ltr\""),
        "then to the source"
    );
}

#[test]
fn number_and_datetime_functions_are_locale_aware() {
    use fluent_bundle::{FluentArgs, FluentResource};
    let ftl =
        "n = { NUMBER($x, minimumFractionDigits: 2) }\nd = { DATETIME($date) }\nplain = { $x }\n";
    let resource = FluentResource::try_new(ftl.to_string()).unwrap();
    let mut got = Vec::new();
    for locale in ["fr", "ar-IQ", "en-US"] {
        let mut bundle = ftlkit::intl::new_bundle(&locale.parse().unwrap());
        bundle.set_use_isolating(false);
        bundle.add_resource(&resource).unwrap();
        let mut args = FluentArgs::new();
        args.set("x", 1234.5);
        args.set("date", "2020-10-05");
        for id in ["n", "d", "plain"] {
            let mut errors = vec![];
            let pattern = bundle.get_message(id).unwrap().value().unwrap();
            got.push(
                bundle
                    .format_pattern(pattern, Some(&args), &mut errors)
                    .into_owned(),
            );
            assert!(errors.is_empty(), "{errors:?}");
        }
    }
    assert_eq!(got[0], "1\u{202f}234,50");
    assert_eq!(got[1], "5 octobre 2020");
    assert_eq!(got[3], "١٬٢٣٤٫٥٠");
    assert!(got[4].contains("٢٠٢٠"), "{}", got[4]);
    assert_eq!(got[5], "١٬٢٣٤٫٥");
    assert_eq!(got[6], "1,234.50");
    assert_eq!(got[7], "October 5, 2020");
}

#[test]
fn a_symlinked_locale_folder_in_the_output_is_never_written_through() {
    let tmp = site();
    let outside = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(tmp.path().join("dist")).unwrap();
    std::os::unix::fs::symlink(outside.path(), tmp.path().join("dist/ar")).unwrap();
    let run = ftlkit(tmp.path(), &["build"]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(
        run.stderr.contains("dist/ar") && run.stderr.contains("symbolic link"),
        "{}",
        run.stderr
    );
    assert_eq!(
        std::fs::read_dir(outside.path()).unwrap().count(),
        0,
        "wrote outside"
    );
}

#[test]
fn a_message_that_cannot_be_formatted_falls_back_and_names_its_file() {
    let tmp = shipped_copy();
    let root = tmp.path();
    // A misspelt variable in the Kurdish page strings, and one in an Arabic paragraph.
    let page = root.join("locales/ckb/page.ftl");
    std::fs::write(&page, read(&page).replace("{ $author }", "{ $autor }")).unwrap();
    let line = read(&page)
        .lines()
        .position(|l| l.starts_with("page-written-by ="))
        .unwrap()
        + 1;
    let ar = root.join("locales/ar/article.ftl");
    let arabic = read(&ar);
    let (id, _) = arabic
        .lines()
        .find_map(|l| {
            l.split_once(" = ")
                .filter(|(id, _)| id.ends_with("-heading"))
        })
        .unwrap();
    let id = id.to_string();
    std::fs::write(
        &ar,
        arabic.replacen(&format!("{id} = "), &format!("{id} = {{ $x }} "), 1),
    )
    .unwrap();
    let run = build(root);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // Said as check says it: an error, at its file, line and column.
    assert!(
        run.stderr.contains(&format!(
            "error: locales/ckb/page.ftl:{line}:27: `page-written-by` uses `$autor`, which the reference does not provide: did you mean `$author`?"
        )),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("error: locales/ar/article.ftl:"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains(&format!("`{id}`")), "{}", run.stderr);
    // Readers never see the raw placeable: the English is shown instead.
    let ckb = read(root.join("dist/ckb/article.html"));
    assert!(!ckb.contains("autor"), "raw placeable published");
    assert!(ckb.contains("Written by"), "the English byline instead");
    for ext in ["html", "md", "txt"] {
        let page = read(root.join(format!("dist/ar/article.{ext}")));
        assert!(!page.contains("{$x}") && !page.contains("{ $x }"), "{ext}");
    }
}

#[test]
fn a_list_with_its_first_item_untranslated_stays_in_the_page_language() {
    let tmp = site();
    let path = tmp.path().join("locales/ar/guide.ftl");
    // Only the second item is translated now; the title falls back too.
    let text = read(&path).replace(
        "guide-steps-open-box = افتح الصندوق.",
        "guide-steps-count-parts = عُدّ القطع.",
    );
    let text: String = text
        .lines()
        .filter(|l| !l.starts_with("guide-title"))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(&path, text).unwrap();
    build(tmp.path());
    let html = read(tmp.path().join("dist/ar/guide.html"));
    let page = scraper::Html::parse_document(&html);
    let li = scraper::Selector::parse("article li").unwrap();
    let items: Vec<_> = page.select(&li).collect();
    assert_eq!(items.len(), 2);
    // The translated item inherits Arabic, right to left, from no wrapper of its own.
    let lang_of = |el: scraper::ElementRef| {
        el.ancestors()
            .filter_map(scraper::ElementRef::wrap)
            .find_map(|a| a.value().attr("lang").map(str::to_string))
            .unwrap()
    };
    assert_eq!(lang_of(items[1]), "ar", "{html}");
    assert_eq!(items[1].text().collect::<String>(), "عُدّ القطع.");
    // The English item is marked on its own.
    let span = scraper::Selector::parse("span.untranslated").unwrap();
    let first: Vec<_> = items[0].select(&span).collect();
    assert_eq!(first.len(), 1, "{html}");
    assert_eq!(first[0].value().attr("lang"), Some("en-US"));
    // The English title is marked, the Arabic byline after it is not.
    let byline = scraper::Selector::parse("p.byline").unwrap();
    let byline = page.select(&byline).next().unwrap();
    assert_eq!(lang_of(byline), "ar", "{html}");
    let h1 = scraper::Selector::parse("h1").unwrap();
    assert_eq!(lang_of(page.select(&h1).next().unwrap()), "en-US");
}

#[test]
fn page_strings_taken_from_english_are_marked_as_english() {
    let tmp = shipped_copy();
    let root = tmp.path();
    let page = root.join("locales/ckb/page.ftl");
    let text = read(&page)
        .replace("page-written-by =", "page-written-by-old =")
        .replace("page-reading-time =", "page-reading-time-old =");
    std::fs::write(&page, text).unwrap();
    build(root);
    let html = read(root.join("dist/ckb/article.html"));
    let doc = scraper::Html::parse_document(&html);
    let spans = scraper::Selector::parse("p.byline > span").unwrap();
    let parts: Vec<_> = doc.select(&spans).collect();
    let written = parts
        .iter()
        .find(|s| s.text().collect::<String>().starts_with("Written by"))
        .unwrap_or_else(|| panic!("{html}"));
    assert_eq!(written.value().attr("lang"), Some("en-US"));
    assert_eq!(written.value().attr("dir"), Some("ltr"));
    let reading = parts
        .iter()
        .find(|s| s.value().attr("class") == Some("reading-time"))
        .unwrap();
    assert_eq!(reading.value().attr("lang"), Some("en-US"));
    // The Kurdish parts are not marked: they inherit the page's language.
    let edited = parts
        .iter()
        .find(|s| {
            !s.text().collect::<String>().starts_with("Written by")
                && s.value().attr("class").is_none()
        })
        .unwrap();
    assert_eq!(edited.value().attr("lang"), None);
}

#[test]
fn the_text_output_has_no_empty_byline_without_page_strings() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    std::fs::create_dir_all(root.join("content")).unwrap();
    std::fs::write(root.join("content/doc.md"), "# Title\n\nHello there.\n").unwrap();
    assert_eq!(ftlkit(root, &["extract"]).code, 0);
    std::fs::create_dir_all(root.join("locales/fr")).unwrap();
    // The paragraph's id, whatever words it was made from.
    let english = read(root.join("locales/en-US/doc.ftl"));
    let id = english
        .lines()
        .find_map(|l| l.strip_suffix(" = Hello there."))
        .unwrap_or_else(|| panic!("{english}"));
    std::fs::write(
        root.join("locales/fr/doc.ftl"),
        format!("doc-title = Titre\n{id} = Bonjour.\n"),
    )
    .unwrap();
    std::fs::write(root.join("ftlkit.toml"), "locales = [\"fr\"]\n").unwrap();
    build(root);
    let text = read(root.join("dist/fr/doc.txt"));
    assert!(text.starts_with("Titre\n"), "{text:?}");
    assert!(!text.contains("\n\n\n"), "{text:?}");
    assert!(text.contains("Bonjour."), "{text:?}");
}

#[test]
fn build_findings_are_checks_findings() {
    let tmp = shipped_copy();
    let root = tmp.path();
    // Twelve broken entries in the French page strings, a misspelt variable
    // in the Kurdish ones, an unknown variable in a French paragraph.
    let fr = root.join("locales/fr/page.ftl");
    let broken: String = (0..12).map(|i| format!("broken{i} = {{ }}\n")).collect();
    std::fs::write(&fr, format!("{}{broken}", read(&fr))).unwrap();
    let ckb = root.join("locales/ckb/page.ftl");
    std::fs::write(&ckb, read(&ckb).replace("{ $author }", "{ $autor }")).unwrap();
    let article = root.join("locales/fr/article.ftl");
    let text = read(&article);
    let line = text
        .lines()
        .find(|l| l.starts_with("article-intro-"))
        .unwrap();
    std::fs::write(
        &article,
        text.replacen(line, &format!("{line} {{ $autor }}"), 1),
    )
    .unwrap();
    let check = ftlkit(root, &["check", "--format", "json"]);
    assert_eq!(check.code, 1, "{}", check.stderr);
    let check: serde_json::Value = serde_json::from_str(&check.stdout).unwrap();
    let run = ftlkit(root, &["build", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let built: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let (from_check, from_build) = (errors(&check), errors(&built));
    // Twelve syntax errors, two unknown variables: the same, finding for finding.
    assert_eq!(from_check.len(), 14, "{from_check:#?}");
    assert_eq!(from_build, from_check);
    assert!(from_build
        .iter()
        .all(|f| f["path"].as_str().unwrap().starts_with("locales/")));
    // Nothing else: no format-error for what check already said.
    assert_eq!(built["findings"].as_array().unwrap().len(), 14, "{built:#}");
}

#[test]
fn a_level_the_project_raises_to_error_is_an_error_of_the_build_too() {
    let tmp = shipped_copy();
    let root = tmp.path();
    // A doubled space in a French paragraph: a warning, unless the project
    // makes `double-space` an error (and the build then says it, as check does).
    let article = root.join("locales/fr/article.ftl");
    let text = read(&article);
    let line = text
        .lines()
        .find(|l| l.starts_with("article-intro-"))
        .unwrap();
    let (id, value) = line.split_once(" = ").unwrap();
    let doubled = format!("{id} = {}", value.replacen(' ', "  ", 1));
    std::fs::write(&article, text.replacen(line, &doubled, 1)).unwrap();
    let errors = |args: &[&str]| -> Vec<serde_json::Value> {
        let run = ftlkit(root, args);
        let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
        json["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["severity"] == "error")
            .cloned()
            .collect()
    };
    assert!(errors(&["build", "--format", "json"]).is_empty());
    let toml = root.join("ftlkit.toml");
    std::fs::write(
        &toml,
        format!(
            "{}\n[check.levels]\ndouble-space = \"error\"\n",
            read(&toml)
        ),
    )
    .unwrap();
    let from_check = errors(&["check", "--format", "json"]);
    assert_eq!(from_check.len(), 1, "{from_check:#?}");
    assert_eq!(from_check[0]["code"], "double-space");
    assert_eq!(errors(&["build", "--format", "json"]), from_check);
}

#[test]
fn a_regional_locale_falls_back_on_its_language_before_the_english() {
    let tmp = shipped_copy();
    let root = tmp.path();
    let toml = root.join("ftlkit.toml");
    let text = read(&toml).replace(
        "locales = [\"ar\", \"ckb\", \"fr\"]",
        "locales = [\"ar\", \"ckb\", \"fr\", \"fr-CA\"]",
    );
    std::fs::write(&toml, format!("{text}\n[locale.fr-CA]\nthreshold = 0.0\n")).unwrap();
    // Canadian French has its own title only.
    let dir = root.join("locales/fr-CA");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("article.ftl"),
        "article-title = Al-Kazimi et l’espoir de l’Irak\n",
    )
    .unwrap();
    let run = ftlkit(root, &["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = read(root.join("dist/fr-CA/article.html"));
    assert!(page.contains("Al-Kazimi et l’espoir de l’Irak"), "{page}");
    // The rest from French (read for this locale's chain), not the English.
    assert!(page.contains("Dix-sept ans se sont écoulés"), "{page}");
    assert!(!page.contains("It has been 17 years since"), "{page}");
    let french = read(root.join("dist/fr/article.html"));
    assert!(french.contains("Al-Kazimi et l’espoir irakien"), "{french}");
}

#[test]
fn a_site_writes_the_formats_the_project_asks_for() {
    let tmp = shipped_copy();
    let root = tmp.path();
    assert_eq!(ftlkit(root, &["build"]).code, 0);
    assert!(root.join("dist/ar/article.txt").is_file());
    // HTML only, from the command line: the Markdown and text pages of the
    // last build go (ftlkit wrote them, nobody changed them).
    let run = ftlkit(root, &["build", "--formats", "html"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for locale in ["ar", "ckb", "fr", "en-US"] {
        assert!(root.join(format!("dist/{locale}/article.html")).is_file());
        assert!(!root.join(format!("dist/{locale}/article.txt")).exists());
        assert!(!root.join(format!("dist/{locale}/article.md")).exists());
    }
    assert!(root.join("dist/index.html").is_file());
    // Markdown and text only, from ftlkit.toml: no HTML page, no index.
    let toml = root.join("ftlkit.toml");
    let original = read(&toml);
    std::fs::write(
        &toml,
        original.replace("[build]\n", "[build]\nformats = [\"md\", \"txt\"]\n"),
    )
    .unwrap();
    let run = ftlkit(root, &["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let ar = read(root.join("dist/ar/article.md"));
    assert!(ar.contains("الكاظمي"), "{ar}");
    assert!(root.join("dist/ar/article.txt").is_file());
    assert!(!root.join("dist/ar/article.html").exists());
    assert!(!root.join("dist/index.html").exists());
    // An empty list says what to write, at ftlkit.toml.
    std::fs::write(
        &toml,
        original.replace("[build]\n", "[build]\nformats = []\n"),
    )
    .unwrap();
    let run = ftlkit(root, &["build"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("ftlkit.toml"), "{}", run.stderr);
    assert!(
        run.stderr.contains("\"html\", \"md\", \"txt\""),
        "{}",
        run.stderr
    );
}

#[test]
fn pseudo_locales_never_reach_a_real_locales_readers() {
    let tmp = shipped_copy();
    let root = tmp.path();
    // An Arabic paragraph not translated: its fallback must be English.
    let ar = root.join("locales/ar/article.ftl");
    let text = read(&ar);
    let line = text
        .lines()
        .find(|l| l.starts_with("article-intro-"))
        .unwrap();
    let id = line.split(" = ").next().unwrap().to_string();
    std::fs::write(&ar, text.replacen(&format!("{line}\n"), "", 1)).unwrap();
    assert_eq!(ftlkit(root, &["pseudo"]).code, 0);
    let run = ftlkit(root, &["build", "--pseudo"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let html = read(root.join("dist/ar/article.html"));
    let body = html.split("<main").nth(1).unwrap_or(&html);
    let body = body.split("</main>").next().unwrap();
    assert!(
        !body.contains("ar-XB") && !body.contains('\u{202E}'),
        "ar-XB text on the Arabic page: {body}"
    );
    assert!(
        body.contains("class=\"untranslated\" lang=\"en-US\" dir=\"ltr\""),
        "English fallback"
    );
    for ext in ["md", "txt"] {
        let page = read(root.join(format!("dist/ar/article.{ext}")));
        assert!(
            !page.contains('\u{202E}'),
            "{ext}: upside-down text for Arabic readers"
        );
    }
    // Nor are the pseudo pages offered to them (switcher, hreflang).
    assert!(
        !html.contains("ar-XB") && !html.contains("en-XA"),
        "pseudo pages offered to Arabic readers"
    );
    // The pseudo-locale's own page is built, from its own messages.
    let pseudo = read(root.join("dist/ar-XB/article.html"));
    assert!(pseudo.contains('\u{202E}'), "ar-XB is still built");
    let _ = id;
}

/// A four-page project in French: `a` translated, `b` without its title,
/// `c` and `d` not started.
fn four_pages() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("content")).unwrap();
    for doc in ["a", "b", "c", "d"] {
        let text = format!("# Page {doc}\n\nThe rivers of page {doc} run to the sea.\n");
        std::fs::write(root.join(format!("content/{doc}.md")), text).unwrap();
    }
    std::fs::write(
        root.join("ftlkit.toml"),
        "locales = [\"fr\"]\n[build]\nthreshold = 0.5\nrequired = [\"*-title\"]\n",
    )
    .unwrap();
    let run = ftlkit(root, &["extract"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    std::fs::create_dir_all(root.join("locales/fr")).unwrap();
    for doc in ["a", "b"] {
        let english = read(root.join(format!("locales/en-US/{doc}.ftl")));
        let french: String = english
            .lines()
            .filter(|l| l.contains(" = ") && !l.starts_with('#'))
            .filter(|l| doc == "a" || !l.starts_with("b-title"))
            .map(|l| l.replacen(" = ", " = FR ", 1) + "\n")
            .collect();
        std::fs::write(root.join(format!("locales/fr/{doc}.ftl")), french).unwrap();
    }
    dir
}

#[test]
fn build_sums_up_each_locale_and_lists_only_pages_skipped_for_another_reason() {
    let tmp = four_pages();
    let root = tmp.path();
    let run = build(root);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(
        lines[..3],
        [
            "en-US    4 pages published, 8/8 translated",
            "fr       1 page published, 2/2 translated; 3 skipped (2 below the threshold of 50%, 1 listed below)",
            "fr       b            skipped: required messages missing: b-title",
        ],
        "{}",
        run.stdout
    );
    assert_eq!(lines.len(), 4, "{}", run.stdout);
    assert!(lines[3].starts_with("5 pages, "), "{}", run.stdout);
    // --verbose: every page, and every skipped one with its share.
    let run = ftlkit(root, &["build", "-v"]);
    assert!(
        run.stdout
            .contains("fr       a              2/2   translated"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("fr       c            skipped: 0% translated, below the threshold of 50%"),
        "{}",
        run.stdout
    );
    // JSON keeps every page and every skipped one.
    let run = ftlkit(root, &["build", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(json["pages"].as_array().unwrap().len(), 5);
    assert_eq!(json["skipped"].as_array().unwrap().len(), 3);
}

#[test]
fn extract_lists_what_changed_and_sums_up_the_unchanged_documents() {
    let tmp = four_pages();
    let root = tmp.path();
    let run = ftlkit(root, &["extract"]);
    assert_eq!(
        run.stdout, "4 documents unchanged: a, b, c and 1 more\n",
        "{}",
        run.stdout
    );
    let b = root.join("content/b.md");
    std::fs::write(&b, read(&b).replace("the sea", "the ocean")).unwrap();
    let run = ftlkit(root, &["extract"]);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert!(
        lines[0].starts_with("b: 0 added, 1 changed, 0 removed"),
        "{}",
        run.stdout
    );
    assert_eq!(
        lines.last().unwrap(),
        &"3 documents unchanged: a, c, d",
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("a: unchanged"), "{}", run.stdout);
}

/// The first message of a Fluent file: (line, id).
fn first_message(ftl: &str) -> (String, String) {
    let line = ftl
        .lines()
        .find(|l| l.contains(" = ") && !l.starts_with('#') && !l.starts_with('-'))
        .unwrap_or_else(|| panic!("{ftl}"));
    let id = line.split_once(" = ").unwrap().0.to_string();
    (line.to_string(), id)
}

#[test]
fn a_book_of_more_documents_than_the_audit_holds_at_once_gets_checks_errors() {
    // Seventy documents: the build's audit digests and checks a few dozen
    // at a time, and must find what check, which holds them all, finds.
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    std::fs::create_dir_all(root.join("content")).unwrap();
    for k in 0..70 {
        std::fs::write(
            root.join(format!("content/doc{k:02}.md")),
            format!("# Chapter {k}\n\nThe paragraph of chapter {k}.\n"),
        )
        .unwrap();
    }
    std::fs::write(
        root.join("ftlkit.toml"),
        "locales = [\"ar\", \"de\", \"fr\"]\n",
    )
    .unwrap();
    assert_eq!(ftlkit(root, &["extract"]).code, 0);
    let en = |k: usize| root.join(format!("locales/en-US/doc{k:02}.ftl"));
    for locale in ["ar", "de", "fr"] {
        std::fs::create_dir_all(root.join("locales").join(locale)).unwrap();
        for entry in std::fs::read_dir(root.join("locales/en-US")).unwrap() {
            let path = entry.unwrap().path();
            let to = root
                .join("locales")
                .join(locale)
                .join(path.file_name().unwrap());
            std::fs::copy(&path, to).unwrap();
        }
    }
    let edit = |path: &Path, k: usize, value: &str| {
        let text = read(path);
        let (line, id) = first_message(&read(en(k)));
        std::fs::write(path, text.replacen(&line, &format!("{id} = {value}"), 1)).unwrap();
    };
    let file = |locale: &str, k: usize| root.join(format!("locales/{locale}/doc{k:02}.ftl"));
    let id = |k: usize| first_message(&read(en(k))).1;
    // Arabic: a syntax error, an unknown variable, and a reference to a
    // message of a document near by (checked with it; a message of another
    // document's file, which the page cannot show: other-document-reference).
    let ar = file("ar", 3);
    std::fs::write(&ar, format!("{}مرحبا بالعالم\n", read(&ar))).unwrap();
    edit(&file("ar", 40), 40, "فقرة { $name }");
    edit(&file("ar", 4), 4, &format!("انظر {{ {} }}", id(5)));
    // French: a reference to a message of a document far away: defined,
    // but in another document's file; unsafe markup (an error) and markup
    // the English lacks (a warning).
    edit(&file("fr", 10), 10, &format!("Voir {{ {} }}", id(65)));
    edit(&file("fr", 30), 30, "Voir <img src=x onerror=alert(1)>");
    edit(&file("fr", 31), 31, "Voir <b>ceci</b>");
    // German: a cycle across two documents far apart.
    edit(&file("de", 20), 20, &format!("Siehe {{ {} }}", id(50)));
    edit(&file("de", 50), 50, &format!("Siehe {{ {} }}", id(20)));
    // The English: a message of a document far away (defined), and one
    // defined nowhere (a bug of the reference).
    let en1 = en(1);
    let more = format!(
        "see-far = See {{ {} }}\nsee-nowhere = See {{ chapter-nowhere }}\n",
        id(66)
    );
    std::fs::write(&en1, format!("{}{more}", read(&en1))).unwrap();

    let check = ftlkit(root, &["check", "--format", "json"]);
    assert_eq!(check.code, 1, "{}", check.stderr);
    let check: serde_json::Value = serde_json::from_str(&check.stdout).unwrap();
    let from_check = errors(&check);
    let found: Vec<(&str, &str, &str)> = from_check
        .iter()
        .map(|f| {
            (
                f["locale"].as_str().unwrap(),
                f["path"].as_str().unwrap(),
                f["code"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            ("ar", "locales/ar/doc03.ftl", "syntax-error"),
            ("ar", "locales/ar/doc04.ftl", "other-document-reference"),
            ("ar", "locales/ar/doc40.ftl", "unknown-variable"),
            ("de", "locales/de/doc20.ftl", "cyclic-reference"),
            ("de", "locales/de/doc20.ftl", "other-document-reference"),
            ("de", "locales/de/doc50.ftl", "cyclic-reference"),
            ("de", "locales/de/doc50.ftl", "other-document-reference"),
            ("en-US", "locales/en-US/doc01.ftl", "unresolved-reference"),
            ("fr", "locales/fr/doc10.ftl", "other-document-reference"),
            ("fr", "locales/fr/doc30.ftl", "unsafe-markup"),
        ],
        "{from_check:#?}"
    );
    let run = ftlkit(root, &["build", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let built: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    // Finding for finding: codes, paths, lines, columns, messages.
    assert_eq!(errors(&built), from_check);
    // The audit alone, as the build runs it.
    let project = ftlkit::project::Project::load(root).unwrap();
    let depth = ftlkit::lint::audit::Depth::ErrorsOnly;
    let (audit, _) = ftlkit::lint::audit::project_audit(&project, &[], depth).unwrap();
    let audit: Vec<(String, String, usize, usize, &str, String)> = audit
        .findings
        .iter()
        .filter(|f| f.severity == ftlkit::lint::Severity::Error)
        .map(|f| {
            let (l, p, m) = (f.locale.clone(), f.path.clone(), f.message.clone());
            (l, p, f.line, f.column, f.code.as_str(), m)
        })
        .collect();
    let text = |f: &serde_json::Value, key: &str| f[key].as_str().unwrap().to_string();
    let number = |f: &serde_json::Value, key: &str| f[key].as_u64().unwrap() as usize;
    let expected: Vec<(String, String, usize, usize, &str, String)> = from_check
        .iter()
        .zip(&found)
        .map(|(f, (_, _, code))| {
            let (l, p, m) = (text(f, "locale"), text(f, "path"), text(f, "message"));
            (l, p, number(f, "line"), number(f, "column"), *code, m)
        })
        .collect();
    assert_eq!(audit, expected);
}

/// The error findings of a `--format json` report (check's or the build's).
fn errors(report: &serde_json::Value) -> Vec<serde_json::Value> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["severity"] == "error")
        .cloned()
        .collect()
}
