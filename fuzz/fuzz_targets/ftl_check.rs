//! Arbitrary Fluent text checked against an arbitrary reference, plus `sync`.
//!
//! Input: `reference \0 locale` (the first NUL byte splits; without one the
//! whole input is both the reference and the locale file).
#![no_main]

use libfuzzer_sys::fuzz_target;

fn parses_cleanly(text: &str) -> bool {
    fluent_syntax::parser::parse(text).is_ok()
}

fuzz_target!(|data: &[u8]| {
    let Ok(input) = std::str::from_utf8(data) else {
        return;
    };
    let (reference, text) = input.split_once('\0').unwrap_or((input, input));

    let (refdigest, _ref_findings) = ftlkit::lint::digest("en-US/x.ftl", reference, "en-US");
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
