//! Arbitrary Markdown → blocks → the source locale's Fluent file.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
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
            "extract wrote a file with syntax errors: {errors:?}\nmarkdown: {text:?}\nftl: {:?}",
            first.ftl
        ),
    };
    let previous = ftlkit::ftl::message_texts(&parsed);

    // Every block (and front-matter unit) is a message value, verbatim.
    for unit in &first.units {
        assert!(
            previous
                .iter()
                .any(|(id, value)| *id == unit.id && value.as_deref() == Some(unit.text.as_str())),
            "unit {:?} ({:?}) is not a message value\nmarkdown: {text:?}\nftl: {:?}",
            unit.id,
            unit.text,
            first.ftl
        );
    }
    for block in &doc.blocks {
        assert!(
            previous
                .iter()
                .any(|(_, value)| value.as_deref() == Some(block.text.as_str())),
            "block {:?} is not among the message values\nmarkdown: {text:?}",
            block.text
        );
    }

    // Extracting again from the file just written changes nothing.
    let second = ftlkit::extract::extract("doc", &doc, &previous);
    assert_eq!(
        second.ftl, first.ftl,
        "extract is not stable\nmarkdown: {text:?}"
    );
    assert!(second.added.is_empty() && second.changed.is_empty() && second.removed.is_empty());
});
