//! The shipped translations: valid Fluent, complete where promised, the source's
//! ids, attributes and variables kept, and plural selectors covering CLDR.

mod common;
use common::*;
use fluent_syntax::ast::{self, Entry, Expression, InlineExpression, PatternElement};
use std::collections::BTreeSet;

const LOCALES: [&str; 4] = ["en-US", "ar", "fr", "ckb"];
const FILES: [&str; 2] = ["article", "page"];

fn parse(locale: &str, file: &str) -> ast::Resource<String> {
    let path = repo().join(format!("locales/{locale}/{file}.ftl"));
    match fluent_syntax::parser::parse(read(&path)) {
        Ok(r) => r,
        Err((_, errors)) => panic!("{}: {errors:?}", path.display()),
    }
}

/// Every `$variable` a pattern uses, through selectors and their variants.
fn variables(pattern: &ast::Pattern<String>, out: &mut BTreeSet<String>) {
    for element in &pattern.elements {
        if let PatternElement::Placeable { expression } = element {
            expression_variables(expression, out);
        }
    }
}

fn expression_variables(expression: &Expression<String>, out: &mut BTreeSet<String>) {
    match expression {
        Expression::Select { selector, variants } => {
            inline_variables(selector, out);
            for v in variants {
                variables(&v.value, out);
            }
        }
        Expression::Inline(inline) => inline_variables(inline, out),
    }
}

fn inline_variables(inline: &InlineExpression<String>, out: &mut BTreeSet<String>) {
    match inline {
        InlineExpression::VariableReference { id } => {
            out.insert(id.name.clone());
        }
        InlineExpression::FunctionReference { arguments, .. } => {
            for a in &arguments.positional {
                inline_variables(a, out);
            }
        }
        InlineExpression::Placeable { expression } => expression_variables(expression, out),
        _ => {}
    }
}

/// id → (variables, attribute names) of every message.
fn shape(resource: &ast::Resource<String>) -> Vec<(String, BTreeSet<String>, BTreeSet<String>)> {
    resource
        .body
        .iter()
        .filter_map(|e| match e {
            Entry::Message(m) => {
                let mut vars = BTreeSet::new();
                if let Some(v) = &m.value {
                    variables(v, &mut vars);
                }
                for a in &m.attributes {
                    variables(&a.value, &mut vars);
                }
                let attrs = m.attributes.iter().map(|a| a.id.name.clone()).collect();
                Some((m.id.name.clone(), vars, attrs))
            }
            _ => None,
        })
        .collect()
}

#[test]
fn every_shipped_file_parses_without_junk() {
    let mut seen = 0;
    for locale in LOCALES {
        for file in FILES {
            let resource = parse(locale, file);
            assert!(!resource
                .body
                .iter()
                .any(|e| matches!(e, Entry::Junk { .. })));
            seen += 1;
        }
    }
    // And nothing else under locales/ is broken either.
    for dir in std::fs::read_dir(repo().join("locales")).unwrap() {
        for file in std::fs::read_dir(dir.unwrap().path()).unwrap() {
            let path = file.unwrap().path();
            assert!(
                fluent_syntax::parser::parse(read(&path)).is_ok(),
                "{}",
                path.display()
            );
        }
    }
    assert_eq!(seen, 8);
}

#[test]
fn ar_and_fr_have_every_source_message_with_its_variables_and_attributes() {
    for file in FILES {
        let source = shape(&parse("en-US", file));
        for locale in ["ar", "fr"] {
            let target = shape(&parse(locale, file));
            for (id, vars, attrs) in &source {
                let found = target.iter().find(|(t, _, _)| t == id);
                let (_, tvars, tattrs) =
                    found.unwrap_or_else(|| panic!("{locale}/{file}: {id} missing"));
                assert_eq!(vars, tvars, "{locale}: variables of {id}");
                assert_eq!(attrs, tattrs, "{locale}: attributes of {id}");
            }
            assert_eq!(
                source.len(),
                target.len(),
                "{locale}/{file}: obsolete messages"
            );
        }
    }
}

#[test]
fn ckb_has_page_strings_title_and_the_first_two_sections() {
    let doc = ftlkit::markdown::parse(&read(repo().join("content/article.md"))).unwrap();
    let previous: Vec<(String, Option<String>)> =
        messages(&read(repo().join("locales/en-US/article.ftl")))
            .into_iter()
            .map(|(id, text)| (id, Some(text)))
            .collect();
    let units = ftlkit::extract::assign_ids("article", &doc, &previous);
    let ckb: BTreeSet<String> = messages(&read(repo().join("locales/ckb/article.ftl")))
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    // The lead (section 0) and "Ministers After the Fall" (section 1), plus the title and byline.
    let mut expected = 0;
    for unit in &units {
        let promised = match unit.origin {
            ftlkit::extract::Origin::Block(i) => doc.blocks[i].section <= 1,
            ftlkit::extract::Origin::Meta(_) => true,
        };
        if promised {
            expected += 1;
            assert!(ckb.contains(&unit.id), "ckb lacks {}", unit.id);
        }
    }
    assert_eq!(expected, 21);
    assert!(
        ckb.len() < units.len(),
        "ckb is meant to be a partial translation"
    );
    let page = shape(&parse("ckb", "page"));
    for (id, vars, _) in shape(&parse("en-US", "page")) {
        let (_, tvars, _) = page
            .iter()
            .find(|(t, _, _)| *t == id)
            .expect("ckb page string");
        assert_eq!(&vars, tvars, "ckb: variables of {id}");
    }
}

/// The variant keys of every select expression in a resource.
fn selectors(resource: &ast::Resource<String>) -> Vec<(String, Vec<String>)> {
    fn walk(id: &str, pattern: &ast::Pattern<String>, out: &mut Vec<(String, Vec<String>)>) {
        for element in &pattern.elements {
            if let PatternElement::Placeable {
                expression: Expression::Select { variants, .. },
            } = element
            {
                let keys = variants
                    .iter()
                    .map(|v| match &v.key {
                        ast::VariantKey::Identifier { name } => name.clone(),
                        ast::VariantKey::NumberLiteral { value } => value.clone(),
                    })
                    .collect();
                out.push((id.to_string(), keys));
                for v in variants {
                    walk(id, &v.value, out);
                }
            }
        }
    }
    let mut out = Vec::new();
    for e in &resource.body {
        if let Entry::Message(m) = e {
            if let Some(v) = &m.value {
                walk(&m.id.name, v, &mut out);
            }
        }
    }
    out
}

#[test]
fn every_plural_selector_covers_the_locale_cldr_categories() {
    let mut checked = 0;
    for locale in LOCALES {
        let categories = ftlkit::intl::plural_categories(&locale.parse().unwrap());
        for file in FILES {
            for (id, keys) in selectors(&parse(locale, file)) {
                for category in &categories {
                    assert!(
                        keys.iter().any(|k| k == category),
                        "{locale}/{file}: {id} lacks [{category}]"
                    );
                }
                checked += 1;
            }
        }
    }
    assert_eq!(checked, 8, "two number selectors per locale");
}
