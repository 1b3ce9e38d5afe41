//! Inputs found by fuzzing (fuzz/, see fuzz/README.md) and by probing around
//! what it found, each run through the same library calls and checks as the
//! fuzz target that found it. A test here fails until its bug is fixed.
//!
//! Inputs that hang (with memory growing without bound) or overflow the stack
//! run in a child process of this test binary, under an address-space limit and
//! a time limit, so that a failure is a failed test and not a dead machine.

use std::process::Command;

const CHILD: &str = "FTLKIT_FUZZ_REGRESSION_CHILD";

/// Runs `body` in a child process: this binary again, running only the test
/// `name`, limited to 4 GiB of address space and 20 seconds.
fn isolated(name: &str, body: fn()) {
    if std::env::var_os(CHILD).is_some() {
        body();
        return;
    }
    let exe = std::env::current_exe().expect("the test binary");
    let out = Command::new("sh")
        .arg("-c")
        .arg(r#"ulimit -v 4194304 2>/dev/null; exec timeout 20 "$0" --exact "$1" --nocapture --test-threads=1"#)
        .arg(&exe)
        .arg(name)
        .env(CHILD, "1")
        .output()
        .expect("sh runs");
    assert!(
        out.status.success(),
        "`{name}` crashed, ran out of memory or hung in a child process ({}; 124 = timed out):\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
}

// ---------------------------------------------------------------------------
// The fuzz targets' bodies (fuzz/fuzz_targets/*.rs), minus libFuzzer.

/// `ftl_check`: `reference \0 locale`, or the whole input as both.
fn ftl_check(data: &[u8]) {
    let Ok(input) = std::str::from_utf8(data) else {
        return;
    };
    let (reference, text) = input.split_once('\0').unwrap_or((input, input));
    let (refdigest, _) = ftlkit::lint::digest("en-US/x.ftl", reference, "en-US");
    let langid: unic_langid::LanguageIdentifier = "ar".parse().unwrap();
    let files = [ftlkit::lint::LocaleFile {
        reference: Some(&refdigest),
        display: "ar/x.ftl".into(),
        text: Some(text.into()),
        reference_display: None,
        state: None,
    }];
    let (counts, findings) = ftlkit::lint::check_locale("ar", &langid, &files, None);
    assert!(counts.errors + counts.warnings <= findings.len());
    let _ = ftlkit::state::sources(text);
    let _ = ftlkit::state::sources(reference);

    let once = ftlkit::sync::sync(reference, text, false);
    let twice = ftlkit::sync::sync(reference, &once.text, false);
    assert_eq!(twice.text, once.text, "sync is not idempotent");
    assert!(
        twice.added.is_empty(),
        "second sync added {:?}",
        twice.added
    );
    let shallow = |t: &str| ftlkit::ftl::too_deep(t).is_none();
    let clean = |t: &str| fluent_syntax::parser::parse(t).is_ok();
    if shallow(text) && shallow(reference) && shallow(&once.text) && clean(text) {
        assert!(
            clean(&once.text),
            "sync output has syntax errors its input had not:\n{}",
            once.text
        );
    }
}

/// `markdown_extract`: a document, extracted twice.
fn markdown_extract(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(doc) = ftlkit::markdown::parse(text) else {
        return;
    };
    let first = ftlkit::extract::extract("doc", &doc, &[]);
    let parsed = match fluent_syntax::parser::parse(first.ftl.as_str()) {
        Ok(r) => r,
        Err((_, errors)) => panic!(
            "extract wrote a file with syntax errors: {errors:?}\n{}",
            first.ftl
        ),
    };
    let previous = ftlkit::ftl::message_texts(&parsed);
    for unit in &first.units {
        assert!(
            previous
                .iter()
                .any(|(id, value)| *id == unit.id && value.as_deref() == Some(&unit.text)),
            "unit {:?} ({:?}) is not a message value",
            unit.id,
            unit.text
        );
    }
    for block in &doc.blocks {
        assert!(previous
            .iter()
            .any(|(_, value)| value.as_deref() == Some(&block.text)));
    }
    let second = ftlkit::extract::extract("doc", &doc, &previous);
    assert_eq!(second.ftl, first.ftl, "extract is not stable");
    assert!(second.added.is_empty() && second.changed.is_empty() && second.removed.is_empty());
}

/// `build_page`: `markdown \0 translation \0 page strings`.
fn build_page(data: &[u8]) {
    let Ok(input) = std::str::from_utf8(data) else {
        return;
    };
    let mut parts = input.splitn(3, '\0');
    let markdown = parts.next().unwrap_or("");
    let translation = parts.next().unwrap_or("");
    let page_ftl = parts.next().unwrap_or("");
    let Ok(page) = ftlkit::build::render_text(markdown, translation, page_ftl, "ar") else {
        return;
    };
    let html = scraper::Html::parse_document(&page.html);
    for node in html.tree.nodes() {
        if let Some(el) = node.value().as_element() {
            assert_ne!(el.name(), "script", "{}", page.html);
            for (name, _) in el.attrs() {
                assert!(!name.starts_with("on"), "{name}= in {}", page.html);
            }
        }
    }
    // Up to the bidi isolates, which the Markdown output removes by design.
    let plain = |t: String| t.replace(['\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}'], "");
    let allowed: Vec<String> = ftlkit::markdown::link_targets(markdown)
        .into_iter()
        .map(plain)
        .collect();
    for target in ftlkit::markdown::link_targets(&page.markdown)
        .into_iter()
        .map(plain)
    {
        assert!(allowed.contains(&target), "{target} in {}", page.markdown);
    }
}

// ---------------------------------------------------------------------------
// Bug 1: `sync` never returns on a comment line that starts with the template
// mark `# (untranslated) ` but is not a template (what follows the mark is not
// `id =`). `blocks()` in src/sync.rs: the comment run stops at such a line
// without taking it (j == i), an empty `Other` block is pushed and `i = j`
// makes no progress, so it pushes empty blocks until memory runs out. Found by
// `ftl_check`; the file can be the reference or the locale file.

#[test]
fn sync_returns_on_a_comment_that_only_looks_like_a_template() {
    isolated(
        "sync_returns_on_a_comment_that_only_looks_like_a_template",
        || {
            // The fuzzer's minimized input (no NUL: reference and locale alike).
            ftl_check(b"n $co }\n# (untranslated)  --pr = y\n");
        },
    );
}

#[test]
fn sync_returns_on_a_false_template_mark_in_the_locale() {
    isolated(
        "sync_returns_on_a_false_template_mark_in_the_locale",
        || {
            let out =
                ftlkit::sync::sync("a = A\n", "# (untranslated) note to self\na = x\n", false);
            assert!(out.text.contains("# (untranslated) note to self\n"));
            assert!(out.text.contains("a = x\n"));
        },
    );
}

#[test]
fn sync_returns_on_a_false_template_mark_in_the_reference() {
    isolated(
        "sync_returns_on_a_false_template_mark_in_the_reference",
        || {
            let out = ftlkit::sync::sync("# (untranslated) ?\na = A\n", "", false);
            assert_eq!(out.added, ["a"]);
        },
    );
}

// ---------------------------------------------------------------------------
// Bug 2: `sync` cuts an entry whose continuation line is not indented — the
// `}` closing a multi-line placeable in column 0, which fluent-syntax accepts
// — from that line (`entry_end` in src/sync.rs only takes indented lines), so
// a template is inserted inside the message, or the message is moved to the
// obsolete section without its `}`. The same with a line holding a lone CR,
// which fluent-syntax reads as part of the entry. The input parses without
// errors, sync's output does not. Found by `ftl_check`.

#[test]
fn sync_inserts_no_template_inside_a_message_closed_in_column_0() {
    // The fuzzer's minimized input: the template for `-term` lands before `}`.
    ftl_check(b"n = { $cou<b>x</b>\n-term = Term\n\x00n = { $count ->\n    [zero] z\n   *[other] \xe2\x81\xa8{ $x }\n}solet .lkit sync --pr = y\n");
}

#[test]
fn sync_moves_an_obsolete_message_closed_in_column_0_whole() {
    // The fuzzer's minimized input: `n` goes to the obsolete section, its `}` stays.
    ftl_check(b"n $cou<b>x</b>\n-term = Term\n\x00n = { $count ->\n    [zero] z\n   *[other] \xe2\x81\xa8{ $x }\n}solet .lkit sync --pr = y\n");
}

#[test]
fn sync_moves_an_obsolete_message_whole_when_a_line_holds_a_lone_cr() {
    // The fuzzer's minimized input: fluent-syntax reads `l=\r\n\r` as one
    // message, sync leaves the `\r` line behind and moves `l=` alone, which is
    // then a message without a value.
    ftl_check(b"\x00l=\r\n\r");
}

#[test]
fn sync_keeps_a_closing_brace_in_column_0_with_its_message() {
    let locale = "a = { $n ->\n   *[other] x\n}\n";
    assert!(fluent_syntax::parser::parse(locale).is_ok(), "valid Fluent");
    let out = ftlkit::sync::sync("a = A\nb = B\n", locale, false);
    assert!(
        fluent_syntax::parser::parse(out.text.as_str()).is_ok(),
        "sync broke the file:\n{}",
        out.text
    );
    let out = ftlkit::sync::sync("b = B\n", locale, false);
    assert!(
        fluent_syntax::parser::parse(out.text.as_str()).is_ok(),
        "sync broke the file:\n{}",
        out.text
    );
}

// ---------------------------------------------------------------------------
// Bug 3: `sync` is not idempotent on a file that has no CRLF and ends in a lone
// CR: `sync` picks "\n" as the line ending and appends it after the last
// line, which makes a CRLF, so the next sync picks "\r\n" and rewrites its
// own lines (the obsolete header, templates). Found by `ftl_check` (whose
// minimized input `t=\r` also shows that fluent-syntax reads `t=\r` as a
// message but `t=\r\n` as an error, so sync "breaks" that file too).

#[test]
fn sync_is_idempotent_on_a_file_ending_in_a_lone_cr() {
    ftl_check(b"t=\r");
    for (reference, locale) in [("", "a = x\r"), ("a = A\n", "a = x\nb = y\r")] {
        let once = ftlkit::sync::sync(reference, locale, false);
        let twice = ftlkit::sync::sync(reference, &once.text, false);
        assert_eq!(twice.text, once.text, "{locale:?}");
    }
}

// ---------------------------------------------------------------------------
// Bug 4: the build panics (`begin > end` slicing in `render::markdown`,
// src/render.rs: `&input.source[cursor..block.range.start]`) on a document
// with `+++` at the start of a list item. pulldown-cmark (with
// ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS) reports `- +++` as an empty
// metadata block inside the item; `markdown::parse` takes any metadata block
// as the front matter, so `meta.range` (4..8 here) ends after the first
// block (0..1) starts. Found by `build_page`; `ftlkit build` on such a
// Markdown file panics the same way.

#[test]
fn build_survives_a_plus_line_at_the_start_of_a_list_item() {
    // The fuzzer's minimized input (markdown only).
    build_page(b"s\n- +++\n\"\n+++");
    build_page(b"Intro.\n\n- +++\n- item\n");
}

#[test]
fn front_matter_is_only_at_the_start_of_the_document() {
    let doc = ftlkit::markdown::parse("s\n- +++\n\"\n+++").unwrap();
    assert!(
        doc.meta.range.as_ref().is_none_or(|r| r.start == 0),
        "front matter found at {:?}",
        doc.meta.range
    );
}

// ---------------------------------------------------------------------------
// Bug 5: `extract` writes `doc-author = ` (a message with neither value nor
// attributes, a syntax error) for a front-matter field that is empty or blank.
// `assign_ids` in src/extract.rs makes a unit of it whatever its text, and
// `serialize` an empty pattern. Found by hand next to `markdown_extract`.

#[test]
fn extract_writes_valid_fluent_for_an_empty_front_matter_field() {
    markdown_extract(b"+++\nauthor = \"\"\n+++\n# T\n");
    markdown_extract(b"+++\ndescription = \" \\n \"\n+++\n# T\n");
}

// ---------------------------------------------------------------------------
// Bug 6: nesting without braces overflows the stack. `ftl::too_deep` counts
// only `{`, but call arguments nest too: `{ A(A(A(…))) }` makes
// fluent-syntax's parser recurse (get_inline_expression ↔
// get_call_arguments) once per level, with no limit, so `check::digest`,
// `check::check_locale`, `state::sources` and `build::render_text`
// (FluentResource::try_new) die with a stack overflow on a 120 kB file.
// Found by hand next to `ftl_check` and `build_page`.

fn nested_calls(levels: usize) -> String {
    format!("a = {{ {}1{} }}\n", "A(".repeat(levels), ")".repeat(levels))
}

#[test]
fn check_survives_deeply_nested_call_arguments() {
    isolated("check_survives_deeply_nested_call_arguments", || {
        let text = nested_calls(40_000);
        let (_, findings) = ftlkit::lint::digest("en-US/x.ftl", &text, "en-US");
        assert!(!findings.is_empty(), "too deep is reported");
        ftl_check(format!("{text}\0{text}").as_bytes());
    });
}

#[test]
fn build_survives_deeply_nested_call_arguments() {
    isolated("build_survives_deeply_nested_call_arguments", || {
        let ftl = nested_calls(40_000).replacen("a =", "doc-title =", 1);
        build_page(format!("# T\n\0{ftl}\0{ftl}").as_bytes());
    });
}

// ---------------------------------------------------------------------------
// Bug 7 (in the fix of bug 3, 27f32df): `sync` takes the line ending of the
// file's first line. When that line goes elsewhere (its entry is obsolete and
// moves to the end) and the file mixes LF and CRLF, the output's first line
// has the other ending, and the next sync rewrites the templates and the
// obsolete header with it: sync is not idempotent. Found by `ftl_check`
// replaying its corpus on 27f32df.

#[test]
fn sync_is_idempotent_on_mixed_line_endings() {
    // The fuzzer's minimized input: reference "", locale "o=\n\r\n".
    ftl_check(b"\x00o=\n\r\n");
    // Found by a run on 27f32df: LF lines and a final lone CR, which sync
    // turns into CRLF.
    ftl_check(b"aVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVV = A\n\n# about b\nb =\n  .  \x01multi\n    line\n-t = T\nc = C\n\x00# my header N\na =\ny\r");
    // A corpus entry (CRLF first line, LF elsewhere).
    ftl_check(b"a \n  #A\n=about  uline\xe2\x81\xa8\n-t  #A\n=~about b\nb =\n\xe2\x80\xa8\n\n=about b\n! =\n    muline\xe2\x80\xa8\n-\x0e\x00t = T\nc onclick= =\r\n");
}

// ---------------------------------------------------------------------------
// Bug 8 (in the fix of bug 2, 27f32df): `entry_end` now ends an entry at any
// line that starts with a letter in column 0, but inside a multi-line
// placeable such a line continues the entry: a message reference on its own
// line (`a = {\nx\n}`) or a variant key split after `[`. A template lands
// inside the message. Found by `ftl_check` replaying its corpus on 27f32df.

#[test]
fn sync_inserts_no_template_before_a_column_0_line_inside_a_placeable() {
    // The corpus entry.
    ftl_check(b"n = { $count ->\n    [one] one { $count }\n   *[other] { NUMBER($count) } many { -term } { msg.attr }\n}\n   \xe2\x80\xae .title = T <b>x</b>\n-term = Term\n\x00n = { $count ->\n    [\nzero] z\n   *[other] \xe2\x81\xa8{ $x }\n}\n    .title = <a onclick=x>\n## Obsolete: no longer in the refeernce. `ftlkit sync --prune` removes them.\n\nold = y\n");
    // Smaller forms of the same.
    ftl_check(b"a = A\nb = B\n\x00a = {\nx\n}\n");
    ftl_check(b"a = A\nb = B\n\x00a = { $n ->\n    [\nzero] z\n   *[other] o\n}\n");
}

// ---------------------------------------------------------------------------
// Bug 9 (in the fix of bug 8, 5fbd226): `entry_end` keeps an entry going while
// a placeable is open, so a `{` that is never closed (a typo, which the parser
// reports as junk up to the next line that starts an entry) makes the entry
// run to the end of the file. The entries and templates after it are taken as
// part of it: a translated message below gets a template as if missing, every
// sync adds the templates again, and an obsolete entry with such a typo takes
// every translation below it to the obsolete section. Found by `ftl_check`
// replaying its corpus on 5fbd226.

#[test]
fn sync_is_idempotent_after_an_unclosed_placeable() {
    // The corpus entry.
    ftl_check(b"a = \na =[on\x06a A b\nb =\n    mc = C\n\x00# my \na =[on\x06a ={ c\r\x0f\n");
    // A run's crash, minimized.
    ftl_check(b"b=\nc=\x00b={");
    // Smaller.
    ftl_check(b"a = A\nb = B\n\x00a = { c\n");
}

#[test]
fn an_unclosed_placeable_does_not_swallow_the_entries_after_it() {
    let out = ftlkit::sync::sync("a = A\nb = B\n", "a = { c\nb = x\n", false);
    assert!(out.added.is_empty(), "b is translated: {}", out.text);
    let out = ftlkit::sync::sync("b = B\n", "a = { c\nb = x\n", false);
    assert_eq!(out.obsolete, ["a"]);
    let kept = out
        .text
        .split(ftlkit::sync::OBSOLETE_HEADER)
        .next()
        .unwrap_or_default();
    assert!(kept.contains("b = x"), "b went obsolete:\n{}", out.text);
}

// ---------------------------------------------------------------------------
// Bug 10: once sync kept templates it did not write (fcc1a4c), a reference that
// defines an id twice got two templates for it, and the next run took the first
// for an edited one and kept it: not idempotent. Found by replaying the
// ftl_check corpus on fcc1a4c.

#[test]
fn sync_is_idempotent_when_the_reference_repeats_an_id() {
    // The corpus entry.
    ftl_check(b"a = \n= T\na = C\n\x00# my ld @ y\r\nc = z\x0f\n");
    // Smaller.
    ftl_check(b"a = A\na = B\n\x00");
    let once = ftlkit::sync::sync("a = A\na = B\n", "", false);
    assert!(once.kept.is_empty());
    let twice = ftlkit::sync::sync("a = A\na = B\n", &once.text, false);
    assert!(twice.kept.is_empty(), "{}", twice.text);
}

// ---------------------------------------------------------------------------
// Edge inputs that pass today, kept as smoke tests for the three targets.

const EDGES: &[&[u8]] = &[
    b"",
    b"\0",
    b"\0\0",
    b"\xef\xbb\xbf",
    b"\xef\xbb\xbfa = A\r\n\0a = B\r\n",
    b"a = A\rb = B\r",
    b"\n\n\n",
    b"# T\r\n\r\nline\rline\r\n",
    b"-\n",
    b"a =\n    .b = c\n\0a = x\n",
    b"a = { $x ->\n    [one] 1\n   *[other] n\n}\n",
    b"## Obsolete: no longer in the reference. `ftlkit sync --prune` removes them.\n\0## Obsolete: no longer in the reference. `ftlkit sync --prune` removes them.\n",
    b"+++\n+++\n",
    b"+++\nauthor = 1\n+++\n# { }\n\n| a | b |\n|---|---|\n| { | } |\n",
    b"# <script>alert(1)</script>\n\0doc-title = <script>alert(1)</script>\0",
    b"[x](javascript:alert(1))\n\0doc-intro-x = <img src=x onerror=alert(1)> [x](javascript:alert(1))\0page-reading-time = <b onclick=x>",
    b"\xff\xfe",
    // A bidi isolate inside a source link target (removed in the Markdown output).
    b"- item [link](http://x\xe2\x81\xa8\")\n\0",
    // Link targets the source does not have, inline, as reference links and images.
    b"# T\n\nRead [this](https://ok.example/).\n\0doc-title = T\ndoc-intro-read-this = [a](https://evil.example/) [b][r] ![c](https://evil.example/i.png) <https://evil.example/auto> [ok](https://ok.example/)\n\0",
];

#[test]
fn edge_inputs_pass_every_target() {
    for input in EDGES {
        ftl_check(input);
        markdown_extract(input);
        build_page(input);
    }
}

#[test]
fn deep_braces_are_refused_not_recursed() {
    let deep = format!("a = {}x{}\n", "{ ".repeat(5_000), " }".repeat(5_000));
    ftl_check(deep.as_bytes());
    ftl_check(format!("a = A\0{deep}").as_bytes());
    build_page(format!("# T\n\0{}\0{deep}", deep.replacen("a =", "doc-title =", 1)).as_bytes());
}

/// Every input kept under `fuzz/corpus/<target>/` replays clean through its
/// target's body (a crash here is a new bug: find its input in the message).
#[test]
fn the_committed_fuzz_corpora_replay_clean() {
    isolated("the_committed_fuzz_corpora_replay_clean", || {
        let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus");
        type Target = (&'static str, fn(&[u8]));
        let targets: [Target; 3] = [
            ("ftl_check", ftl_check),
            ("markdown_extract", markdown_extract),
            ("build_page", build_page),
        ];
        let mut replayed = 0;
        for (target, body) in targets {
            let Ok(entries) = std::fs::read_dir(corpus.join(target)) else {
                continue;
            };
            for entry in entries {
                let path = entry.unwrap().path();
                eprintln!("replaying {}", path.display());
                body(&std::fs::read(&path).unwrap());
                replayed += 1;
            }
        }
        assert!(replayed > 0, "no corpus under {}", corpus.display());
    });
}
