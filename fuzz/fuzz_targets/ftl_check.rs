//! Arbitrary Fluent text checked against an arbitrary reference, plus `sync`.
//!
//! Input: `reference \0 locale` (the first NUL byte splits; without one the
//! whole input is both the reference and the locale file).
#![no_main]

use libfuzzer_sys::fuzz_target;

fn parses_cleanly(text: &str) -> bool {
    fluent_syntax::parser::parse(text).is_ok()
}

/// A known bug, reported and kept as a test in tests/fuzz_regressions.rs, is
/// stepped around so that fuzzing goes on past it; set
/// `FTLKIT_FUZZ_KNOWN_BUGS=1` to hit it again (e.g. once it is fixed, then
/// remove the filter). Bugs 1-8 there are fixed and no longer filtered.
fn skip_known_bugs() -> bool {
    std::env::var_os("FTLKIT_FUZZ_KNOWN_BUGS").is_none()
}

/// Known bug 9: an entry with a `{` that is never closed runs, for `sync`, to
/// the end of the file: the templates and entries after it are taken as part
/// of it, so every sync adds the templates again.
fn has_unclosed_brace(text: &str) -> bool {
    // As `sync` counts: string literals inside placeables end at the line end.
    let mut depth = 0usize;
    for line in text.split('\n') {
        let (mut in_string, mut escaped) = (false, false);
        for c in line.chars() {
            if in_string {
                match c {
                    _ if escaped => escaped = false,
                    '\\' => escaped = true,
                    '"' => in_string = false,
                    _ => {}
                }
                continue;
            }
            match c {
                '{' => depth += 1,
                '}' => depth = depth.saturating_sub(1),
                '"' if depth > 0 => in_string = true,
                _ => {}
            }
        }
    }
    depth > 0
}

fuzz_target!(|data: &[u8]| {
    let Ok(input) = std::str::from_utf8(data) else {
        return;
    };
    let (reference, text) = input.split_once('\0').unwrap_or((input, input));

    let (refdigest, _ref_findings) = ftlkit::check::digest("en-US/x.ftl", reference, "en-US");
    let langid: unic_langid::LanguageIdentifier = "ar".parse().unwrap();
    let files = [ftlkit::check::LocaleFile {
        reference: Some(&refdigest),
        display: "ar/x.ftl".into(),
        text: Some(text.into()),
        reference_display: None,
        state: None,
    }];
    let (counts, findings) = ftlkit::check::check_locale("ar", &langid, &files, None);
    assert!(counts.errors + counts.warnings <= findings.len());

    let _ = ftlkit::state::sources(text);
    let _ = ftlkit::state::sources(reference);

    let once = ftlkit::sync::sync(reference, text, false);
    if skip_known_bugs() && has_unclosed_brace(text) {
        return;
    }
    let twice = ftlkit::sync::sync(reference, &once.text, false);
    assert_eq!(
        twice.text, once.text,
        "sync is not idempotent\nreference: {reference:?}\nlocale: {text:?}"
    );
    assert!(
        twice.added.is_empty(),
        "second sync added {:?}",
        twice.added
    );

    // The parsers recurse per nesting level: ftlkit itself never hands them a
    // text that `too_deep` flags, and neither does this target.
    let shallow = |t: &str| ftlkit::ftl::too_deep(t).is_none();
    if shallow(text) && shallow(reference) && shallow(&once.text) && parses_cleanly(text) {
        assert!(
            parses_cleanly(&once.text),
            "sync output has syntax errors its input had not\nreference: {reference:?}\nlocale: {text:?}\noutput: {:?}",
            once.text
        );
    }
});
