//! The built pages in a real browser: headless Chromium lays out the Arabic and
//! Central Kurdish articles, a probe script reports computed directions and text
//! rectangles, and screenshots are kept under `target/screenshots/` for a person
//! to look at.
//!
//! Needs the Debian package `chromium` (see `.ci/apt-packages.txt`). Without it
//! the tests are skipped, except when `CI` is set: then they fail.

mod common;

use common::{chromium, CHROMIUM_HEADLESS};
use serde_json::Value;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

/// How long one Chromium run may take before it is killed.
const CHROMIUM_TIMEOUT: Duration = Duration::from_secs(60);
/// Tolerance for edges that must coincide, in CSS pixels.
const EDGE_TOLERANCE: f64 = 1.0;
/// Window of the probe and of the screenshots.
const WINDOW_SIZE: &str = "--window-size=1200,1600";
/// A right-aligned heading's text must start at least this far from the left edge.
const MIN_LEFT_GAP: f64 = 20.0;

/// Builds the shipped project with the real binary into `<tmp>/dist`.
fn build_site(tmp: &Path) -> PathBuf {
    let dist = tmp.join("dist");
    let out = Command::new(env!("CARGO_BIN_EXE_ftlkit"))
        .arg("-C")
        .arg(env!("CARGO_MANIFEST_DIR"))
        .arg("build")
        .arg("-o")
        .arg(&dist)
        .output()
        .expect("ftlkit runs");
    assert!(
        out.status.success(),
        "ftlkit build failed: {}\nstdout:\n{}\nstderr:\n{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    dist
}

fn file_url(path: &Path) -> String {
    let path = path.canonicalize().expect("page exists");
    let mut url = String::from("file://");
    for byte in path.to_str().expect("UTF-8 path").bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' | b'~' => {
                url.push(byte as char)
            }
            _ => url.push_str(&format!("%{byte:02X}")),
        }
    }
    url
}

struct ChromiumRun {
    status: ExitStatus,
    stdout: String,
    stderr: String,
}

/// Runs headless Chromium with a fresh profile, killing it after `CHROMIUM_TIMEOUT`.
/// Output goes to files rather than pipes, so helper processes that keep the
/// descriptors open cannot block the test.
fn run_chromium(chromium: &Path, work: &Path, args: &[String]) -> ChromiumRun {
    use std::os::unix::process::CommandExt;

    let profile = tempfile::tempdir_in(work).expect("profile directory");
    let logs = tempfile::tempdir_in(work).expect("log directory");
    let stdout_path = logs.path().join("stdout");
    let stderr_path = logs.path().join("stderr");
    let mut child = Command::new(chromium)
        .args(CHROMIUM_HEADLESS)
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(args)
        .stdin(Stdio::null())
        .stdout(File::create(&stdout_path).unwrap())
        .stderr(File::create(&stderr_path).unwrap())
        // Its own process group, so the renderer and helpers can be ended with it.
        .process_group(0)
        .spawn()
        .unwrap_or_else(|e| panic!("{} does not start: {e}", chromium.display()));
    let pid = child.id();
    let deadline = Instant::now() + CHROMIUM_TIMEOUT;
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for chromium") {
            break Some(status);
        }
        if Instant::now() >= deadline {
            break None;
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    // End whatever is left of the group (all of it, after a timeout).
    let _ = Command::new("kill")
        .args(["-KILL", "--", &format!("-{pid}")])
        .stderr(Stdio::null())
        .status();
    let stderr = std::fs::read_to_string(&stderr_path).unwrap_or_default();
    let Some(status) = status else {
        let _ = child.kill();
        let _ = child.wait();
        panic!(
            "chromium did not finish within {CHROMIUM_TIMEOUT:?} and was killed; args {args:?}\n\
             stderr:\n{stderr}"
        );
    };
    ChromiumRun {
        status,
        stdout: String::from_utf8_lossy(&std::fs::read(&stdout_path).unwrap()).into_owned(),
        stderr,
    }
}

/// Measures the page once the document is parsed and writes JSON into `<pre id="probe">`.
/// `&`, `<`, `>` and no-break spaces are \u-escaped so the serialized DOM holds the
/// JSON verbatim.
const PROBE: &str = r#"<script>
(function () {
  function rect(r) {
    return { left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width };
  }
  function info(el) {
    if (!el) return null;
    var s = getComputedStyle(el);
    var box = el.getBoundingClientRect();
    var range = document.createRange();
    range.selectNodeContents(el);
    return {
      tag: el.tagName.toLowerCase(),
      cls: el.className,
      direction: s.direction,
      textAlign: s.textAlign,
      fontFamily: s.fontFamily,
      box: rect(box),
      content: {
        left: box.left + parseFloat(s.borderLeftWidth) + parseFloat(s.paddingLeft),
        right: box.right - parseFloat(s.borderRightWidth) - parseFloat(s.paddingRight)
      },
      text: rect(range.getBoundingClientRect()),
      excerpt: el.textContent.trim().slice(0, 40)
    };
  }
  var article = document.querySelector("main article");
  var untranslated = article && article.querySelector(".untranslated");
  var out = {
    viewportWidth: document.documentElement.clientWidth,
    pageHeight: document.documentElement.scrollHeight,
    article: info(article),
    h1: info(article && article.querySelector("h1")),
    h2: info(article && article.querySelector("h2")),
    untranslated: info(untranslated),
    note: info(untranslated && untranslated.querySelector(".untranslated-note")),
    englishH2: info(untranslated && untranslated.querySelector("h2")),
    englishP: info(untranslated && untranslated.querySelector("p:not(.untranslated-note)"))
  };
  var pre = document.createElement("pre");
  pre.id = "probe";
  pre.textContent = JSON.stringify(out).replace(/[&<>\u00a0]/g, function (c) {
    return "\\u" + ("0000" + c.charCodeAt(0).toString(16)).slice(-4);
  });
  document.body.appendChild(pre);
})();
</script>"#;

/// Copies `page` next to itself with the probe before `</body>`, loads it in
/// Chromium with `--dump-dom` and returns the probe's JSON.
fn probe(chromium: &Path, work: &Path, page: &Path) -> Value {
    let html = std::fs::read_to_string(page).unwrap_or_else(|e| panic!("{}: {e}", page.display()));
    let at = html
        .rfind("</body>")
        .unwrap_or_else(|| panic!("{}: no </body>", page.display()));
    let probed = format!("{}{PROBE}{}", &html[..at], &html[at..]);
    // Same directory as the page, so relative URLs resolve alike.
    let copy = page.with_file_name("article.probe.html");
    std::fs::write(&copy, probed).unwrap();

    let run = run_chromium(
        chromium,
        work,
        &[
            "--dump-dom".to_string(),
            "--virtual-time-budget=2000".to_string(),
            // The screenshots' window, so the numbers describe what they show.
            WINDOW_SIZE.to_string(),
            "--hide-scrollbars".to_string(),
            file_url(&copy),
        ],
    );
    let start_tag = "<pre id=\"probe\">";
    let json = run
        .stdout
        .find(start_tag)
        .map(|i| &run.stdout[i + start_tag.len()..])
        .and_then(|rest| rest.find("</pre>").map(|end| &rest[..end]))
        .unwrap_or_else(|| {
            panic!(
                "no probe output from chromium ({}) for {}\nstdout (start):\n{}\nstderr:\n{}",
                run.status,
                copy.display(),
                run.stdout.chars().take(2000).collect::<String>(),
                run.stderr
            )
        });
    serde_json::from_str(json).unwrap_or_else(|e| panic!("probe JSON: {e}\n{json}"))
}

/// A measured element; fails with the whole probe when it is missing.
fn element<'a>(probe: &'a Value, key: &str) -> &'a Value {
    let v = &probe[key];
    assert!(v.is_object(), "probe found no {key}: {probe:#}");
    v
}

fn num(v: &Value, path: &str) -> f64 {
    let mut cur = v;
    for part in path.split('.') {
        cur = &cur[part];
    }
    cur.as_f64()
        .unwrap_or_else(|| panic!("no number at {path} in {v:#}"))
}

fn direction(v: &Value) -> &str {
    v["direction"].as_str().unwrap_or("<none>")
}

/// The text of `el` ends at `container`'s content-box right edge and starts well
/// away from its left edge: right-aligned, as RTL text at `start` must be.
fn assert_right_aligned(locale: &str, what: &str, el: &Value, container: &Value) {
    let text_left = num(el, "text.left");
    let text_right = num(el, "text.right");
    let content_left = num(container, "content.left");
    let content_right = num(container, "content.right");
    println!(
        "{locale} {what}: text [{text_left:.2}, {text_right:.2}], \
         container content box [{content_left:.2}, {content_right:.2}], \
         text-align {}, font {}",
        el["textAlign"], el["fontFamily"]
    );
    assert!(
        (text_right - content_right).abs() <= EDGE_TOLERANCE,
        "{locale} {what}: text right edge {text_right} is not at the content box's right \
         edge {content_right} (±{EDGE_TOLERANCE}px): {el:#}"
    );
    assert!(
        text_left > content_left + MIN_LEFT_GAP,
        "{locale} {what}: text left edge {text_left} is not more than {MIN_LEFT_GAP}px \
         right of the content box's left edge {content_left}, so it is not right-aligned: {el:#}"
    );
}

/// Screenshots the real built page into `target/screenshots/<name>` and checks the PNG.
/// `window_size` is a `--window-size=W,H` flag.
fn screenshot(
    chromium: &Path,
    work: &Path,
    page: &Path,
    name: &str,
    window_size: String,
) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    let png = dir.join(name);
    let _ = std::fs::remove_file(&png);
    let run = run_chromium(
        chromium,
        work,
        &[
            format!("--screenshot={}", png.display()),
            window_size,
            "--hide-scrollbars".to_string(),
            file_url(page),
        ],
    );
    let size = std::fs::metadata(&png).map(|m| m.len()).unwrap_or(0);
    assert!(
        size > 10_000,
        "screenshot {} is missing or too small ({size} bytes); chromium {}\nstderr:\n{}",
        png.display(),
        run.status,
        run.stderr
    );
    let head = std::fs::read(&png).unwrap();
    assert!(
        head.starts_with(b"\x89PNG\r\n\x1a\n"),
        "{} is not a PNG",
        png.display()
    );
    println!("screenshot: {} ({size} bytes)", png.display());
    png
}

/// `<locale>-article.png` (1200×1600, the top of the page) and
/// `<locale>-article-full.png` (1200 wide, the whole page as measured by the probe).
fn screenshots(chromium: &Path, work: &Path, page: &Path, locale: &str, probe: &Value) {
    screenshot(
        chromium,
        work,
        page,
        &format!("{locale}-article.png"),
        WINDOW_SIZE.to_string(),
    );
    let height = num(probe, "pageHeight").ceil().clamp(1600.0, 16_000.0);
    screenshot(
        chromium,
        work,
        page,
        &format!("{locale}-article-full.png"),
        format!("--window-size=1200,{height}"),
    );
}

/// Builds the site into `tmp`, probes `<locale>/article.html` and checks that
/// its article is right-to-left; returns the page and the probe.
fn built_page(chromium: &Path, tmp: &Path, locale: &str) -> (PathBuf, Value) {
    let page = build_site(tmp).join(format!("{locale}/article.html"));
    let p = probe(chromium, tmp, &page);
    println!(
        "viewport width {}, page height {}",
        p["viewportWidth"], p["pageHeight"]
    );
    let article = element(&p, "article");
    assert_eq!(
        direction(article),
        "rtl",
        "{locale} article direction: {article:#}"
    );
    (page, p)
}

#[test]
fn arabic_article_is_rtl_and_right_aligned() {
    let Some(chromium) = chromium() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let (page, p) = built_page(&chromium, tmp.path(), "ar");
    let article = element(&p, "article");
    let h1 = element(&p, "h1");
    assert_eq!(direction(h1), "rtl", "ar h1 direction: {h1:#}");
    assert_right_aligned("ar", "h1", h1, article);
    let h2 = element(&p, "h2");
    assert_eq!(direction(h2), "rtl", "ar h2 direction: {h2:#}");
    assert_right_aligned("ar", "first h2", h2, article);
    assert!(
        p["untranslated"].is_null(),
        "the Arabic article is complete, yet has an untranslated block: {p:#}"
    );

    screenshots(&chromium, tmp.path(), &page, "ar", &p);
}

#[test]
fn kurdish_article_keeps_english_fallback_ltr() {
    let Some(chromium) = chromium() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let (page, p) = built_page(&chromium, tmp.path(), "ckb");
    let article = element(&p, "article");
    let h1 = element(&p, "h1");
    assert_right_aligned("ckb", "h1", h1, article);

    let untranslated = element(&p, "untranslated");
    let note = element(&p, "note");
    let english_h2 = element(&p, "englishH2");
    let english_p = element(&p, "englishP");
    println!(
        "ckb directions: .untranslated {}, .untranslated-note {}, English h2 {} ({:?}), \
         English p {} ({:?})",
        direction(untranslated),
        direction(note),
        direction(english_h2),
        english_h2["excerpt"],
        direction(english_p),
        english_p["excerpt"]
    );
    assert_eq!(
        direction(untranslated),
        "ltr",
        "ckb .untranslated: {untranslated:#}"
    );
    assert_eq!(
        direction(english_h2),
        "ltr",
        "ckb English h2: {english_h2:#}"
    );
    assert_eq!(direction(english_p), "ltr", "ckb English p: {english_p:#}");
    assert_eq!(direction(note), "rtl", "ckb .untranslated-note: {note:#}");

    // The English heading starts at the block's left content edge (LTR start)…
    let h2_left = num(english_h2, "text.left");
    let block_left = num(untranslated, "content.left");
    println!("ckb English h2: text left {h2_left:.2}, .untranslated content left {block_left:.2}");
    assert!(
        (h2_left - block_left).abs() <= EDGE_TOLERANCE,
        "ckb English h2 text starts at {h2_left}, not at the untranslated block's left \
         content edge {block_left}: {english_h2:#}"
    );
    // …while the Kurdish note inside it is right-aligned.
    assert_right_aligned("ckb", ".untranslated-note", note, untranslated);

    screenshots(&chromium, tmp.path(), &page, "ckb", &p);
}

/// Loads `page` in Chromium with `script` (an expression) evaluated once the
/// document is parsed; returns its value (JSON).
fn evaluate(chromium: &Path, work: &Path, page: &Path, script: &str) -> Value {
    let html = std::fs::read_to_string(page).unwrap();
    let at = html.rfind("</body>").unwrap();
    let probe = format!(
        "<script>(function () {{ var pre = document.createElement('pre'); pre.id = 'probe';
           pre.textContent = JSON.stringify({script}).replace(/[&<>\\u00a0]/g, function (c) {{
             return '\\\\u' + ('0000' + c.charCodeAt(0).toString(16)).slice(-4); }});
           document.body.appendChild(pre); }})();</script>"
    );
    let copy = page.with_file_name("eval.probe.html");
    std::fs::write(&copy, format!("{}{probe}{}", &html[..at], &html[at..])).unwrap();
    let run = run_chromium(
        chromium,
        work,
        &[
            "--dump-dom".into(),
            "--virtual-time-budget=2000".into(),
            file_url(&copy),
        ],
    );
    let json = run
        .stdout
        .split("<pre id=\"probe\">")
        .nth(1)
        .and_then(|rest| rest.split("</pre>").next())
        .unwrap_or_else(|| panic!("no probe output: {}", run.stderr));
    serde_json::from_str(json).unwrap_or_else(|e| panic!("{e}: {json}"))
}

/// Code on right-to-left pages (issue 31): `pre` and inline `code` inside a
/// translated Arabic or Kurdish sentence are left-to-right, isolated, in a
/// monospace font (never the Arabic-script face), and emphasis is not a
/// synthetic italic.
#[test]
fn code_stays_left_to_right_and_monospace_on_arabic_and_kurdish_pages() {
    let Some(chromium) = chromium() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    std::fs::create_dir_all(root.join("content")).unwrap();
    std::fs::write(
        root.join("content/code.md"),
        "# Code\n\nRun `ftlkit build` to *publish* the pages.[^note]\n\n3. One step\n4. Another step\n\n```fluent\n.title = { PLATFORM() ->\n```\n\n[^note]: A note.\n",
    )
    .unwrap();
    std::fs::write(
        root.join("ftlkit.toml"),
        "locales = [\"ar\", \"ckb\", \"fr\"]\n[build]\nthreshold = 0.0\n[locale.ar]\nformat-locale = \"ar-IQ\"\n",
    )
    .unwrap();
    let ftlkit = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_ftlkit"))
            .arg("-C")
            .arg(root)
            .args(args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    ftlkit(&["extract"]);
    let english = std::fs::read_to_string(root.join("locales/en-US/code.ftl")).unwrap();
    for (locale, sentence) in [
        ("ar", "شغّل `ftlkit build` *لنشر* الصفحات."),
        ("ckb", "`ftlkit build` لێبدە بۆ *بڵاوکردنەوەی* پەڕەکان."),
        ("fr", "Lancez `ftlkit build` pour *publier* les pages."),
    ] {
        let translated: String = english
            .lines()
            .filter(|l| !l.starts_with('#') && l.contains(" = "))
            .map(|l| match l.split_once(" = ") {
                Some((id, _)) if id.ends_with("-title") => format!("{id} = الكود\n"),
                Some((id, english)) if english.contains("[^note]") => {
                    format!("{id} = {sentence}[^note]\n")
                }
                Some((id, _)) => format!("{id} = {sentence}\n"),
                None => String::new(),
            })
            .collect();
        std::fs::create_dir_all(root.join("locales").join(locale)).unwrap();
        std::fs::write(
            root.join("locales").join(locale).join("code.ftl"),
            translated,
        )
        .unwrap();
    }
    ftlkit(&["build"]);
    // Lists and footnotes count in the locale's digits; French keeps 1 2 3.
    for (locale, style, one) in [
        ("ar", "arabic-indic", "١"),
        ("ckb", "arabic-indic", "١"),
        ("fr", "decimal", "1"),
    ] {
        let page = root.join("dist").join(locale).join("code.html");
        let got = evaluate(
            &chromium,
            root,
            &page,
            "[getComputedStyle(document.querySelector('main ol')).listStyleType,
              document.querySelector('main ol').start,
              getComputedStyle(document.querySelector('section.footnotes ol')).listStyleType,
              document.querySelector('sup.footnote-ref a').textContent]",
        );
        assert_eq!(got, serde_json::json!([style, 3, style, one]), "{locale}");
    }
    for locale in ["ar", "ckb"] {
        let page = root.join("dist").join(locale).join("code.html");
        let got = evaluate(
            &chromium,
            root,
            &page,
            "(function () { function f(el) { var s = getComputedStyle(el);
               return [s.direction, s.unicodeBidi, s.fontFamily, s.fontStyle]; }
               var p = document.querySelector('main p code').parentElement;
               return { pre: f(document.querySelector('main pre')), code: f(document.querySelector('main p code')),
                        p: f(p), em: f(document.querySelector('main em')) }; })()",
        );
        for el in ["pre", "code"] {
            let facts = &got[el];
            assert_eq!(facts[0], "ltr", "{locale} {el}: {got:#}");
            assert_eq!(facts[1], "isolate", "{locale} {el}: {got:#}");
            let family = facts[2].as_str().unwrap();
            assert!(
                family.contains("monospace") && !family.contains("Naskh"),
                "{locale} {el}: {family}"
            );
        }
        assert_eq!(
            got["p"][0], "rtl",
            "{locale}: the sentence around the code: {got:#}"
        );
        assert!(got["p"][2].as_str().unwrap().contains("Naskh"), "{got:#}");
        assert_eq!(
            got["em"][3], "normal",
            "{locale}: no synthetic italic: {got:#}"
        );
    }
}

/// A stale paragraph on Arabic and Kurdish pages (issue 31): after an editor
/// merged two English paragraphs, the old translation is followed by its note
/// in the reader's language and direction, in the Arabic-script face, and the
/// current English opens under it left to right in a Latin face, with the
/// absorbed paragraph's words; a URL in a Kurdish sentence reads left to right.
#[test]
fn a_stale_paragraph_shows_its_note_and_the_english_in_their_directions() {
    let Some(chromium) = chromium() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    for dir in ["content", "locales", "l10n-state"] {
        common::copy_dir(&common::repo().join(dir), &root.join(dir));
    }
    for file in ["ftlkit.toml", "glossary.toml"] {
        std::fs::copy(common::repo().join(file), root.join(file)).unwrap();
    }
    let article = root.join("content/article.md");
    let text = std::fs::read_to_string(&article).unwrap();
    let merged = text.replacen(
        "to this day.\n\nThe country then",
        "to this day. The country then",
        1,
    );
    assert_ne!(merged, text, "the shipped article changed");
    std::fs::write(&article, merged).unwrap();
    for args in [&["extract"][..], &["build"]] {
        let out = Command::new(env!("CARGO_BIN_EXE_ftlkit"))
            .arg("-C")
            .arg(root)
            .args(args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    for locale in ["ar", "ckb"] {
        let page = root.join("dist").join(locale).join("article.html");
        let got = evaluate(
            &chromium,
            root,
            &page,
            "(function () { var d = document.querySelector('main details.stale'); d.open = true;
               function f(el) { var s = getComputedStyle(el);
                 return [s.direction, s.fontFamily, el.getBoundingClientRect().height > 0, el.textContent]; }
               return { summary: f(d.querySelector('summary')), original: f(d.querySelector('.stale-original')),
                        before: f(d.previousElementSibling) }; })()",
        );
        let summary = &got["summary"];
        assert_eq!(summary[0], "rtl", "{locale}: {got:#}");
        assert!(summary[1].as_str().unwrap().contains("Naskh"), "{got:#}");
        let original = &got["original"];
        assert_eq!(original[0], "ltr", "{locale}: {got:#}");
        assert!(!original[1].as_str().unwrap().contains("Naskh"), "{got:#}");
        assert_eq!(original[2], true, "the English shows once opened: {got:#}");
        assert!(
            original[3]
                .as_str()
                .unwrap()
                .contains("The country then collapsed"),
            "{got:#}"
        );
        assert_eq!(got["before"][0], "rtl", "{locale}: {got:#}");
    }
}
