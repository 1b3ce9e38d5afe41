//! Round trips: extract then build in the source locale gives the source back,
//! block for block; parse then serialize of every shipped file keeps every message.

mod common;
use common::*;
use proptest::prelude::*;

fn words() -> impl Strategy<Value = String> {
    let word = prop::sample::select(vec![
        "river",
        "town",
        "*old*",
        "**bridge**",
        "[map](https://example.com/map)",
        "`code`",
        "العراق",
        "Kurdistan",
        "2011",
        "a",
        "the",
        "{braces}",
        "and",
        "~~gone~~",
        "don't",
        "\"quoted\"",
        "x_y",
        "1.",
        "+",
        "#tag",
        "<b>bold</b>",
    ]);
    prop::collection::vec(word, 1..10).prop_map(|w| w.join(" "))
}

fn document() -> impl Strategy<Value = String> {
    let block = prop_oneof![
        words().prop_map(|w| format!("{w}\n")),
        words().prop_map(|w| format!("## {w}\n")),
        prop::collection::vec(words(), 1..4)
            .prop_map(|items| items.iter().map(|i| format!("- {i}\n")).collect::<String>()),
        (words(), words()).prop_map(|(a, b)| format!("{a}\n{b}\n")),
    ];
    (words(), prop::collection::vec(block, 0..8)).prop_map(|(title, blocks)| {
        let mut doc = format!("# {title}\n");
        for b in blocks {
            doc.push('\n');
            doc.push_str(&b);
        }
        doc
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn extract_then_build_in_the_source_locale_gives_the_blocks_back(md in document()) {
        let doc = ftlkit::markdown::parse(&md).unwrap();
        let ftl = ftlkit::extract::extract("doc", &doc, &[]).ftl;
        let page = ftlkit::build::render_text(&md, &ftl, "", "en-US").unwrap();
        let rebuilt = ftlkit::markdown::parse(&page.markdown).unwrap();
        let texts = |d: &ftlkit::markdown::Document| d.blocks.iter().map(|b| (b.kind, b.text.clone())).collect::<Vec<_>>();
        prop_assert_eq!(texts(&rebuilt), texts(&doc), "{}", page.markdown);
        prop_assert!(page.errors.is_empty(), "{:?}", page.errors);
    }
}

#[test]
fn parse_then_serialize_keeps_every_shipped_message() {
    let mut files = 0;
    for dir in std::fs::read_dir(repo().join("locales")).unwrap() {
        for file in std::fs::read_dir(dir.unwrap().path()).unwrap() {
            let path = file.unwrap().path();
            let text = read(&path);
            let parsed = fluent_syntax::parser::parse(text.as_str()).expect("parses");
            let serialized = fluent_syntax::serializer::serialize(&parsed);
            let again =
                fluent_syntax::parser::parse(serialized.as_str()).expect("serialized text parses");
            fn entries<'s>(
                r: &fluent_syntax::ast::Resource<&'s str>,
            ) -> Vec<fluent_syntax::ast::Entry<&'s str>> {
                r.body
                    .iter()
                    .filter(|e| {
                        matches!(
                            e,
                            fluent_syntax::ast::Entry::Message(_)
                                | fluent_syntax::ast::Entry::Term(_)
                        )
                    })
                    .cloned()
                    .collect()
            }
            assert_eq!(entries(&parsed), entries(&again), "{}", path.display());
            assert!(!entries(&parsed).is_empty());
            files += 1;
        }
    }
    assert!(files >= 8);
}
