//! Select expressions for CAT tools: a part whose pattern is one select
//! expression (`{ $minutes -> [one] … *[other] … }`) becomes one unit per
//! variant, `id[key]`, reassembled on import. A translated message has its
//! own variants; an untranslated one gets the English's, plus the locale's
//! CLDR plural categories when the English selects on a plural category
//! (Arabic: zero, one, two, few, many, other), each showing the English of its
//! variant or of the default one. Anything else (text around the select,
//! nested selects, multi-line variants) stays one unit of Fluent text.

use fluent_syntax::ast::{Entry, Expression, PatternElement, VariantKey};

/// A select-only pattern: its first line (`{ $minutes ->`), its variants
/// (key, text) and its default key.
#[derive(Debug, Clone, PartialEq)]
pub struct Select {
    pub selector: String,
    pub variants: Vec<(String, String)>,
    pub default: String,
}

impl Select {
    /// The text of `key`'s variant, or of the default one.
    pub fn text(&self, key: &str) -> &str {
        self.variants
            .iter()
            .find(|(k, _)| k == key)
            .or_else(|| self.variants.iter().find(|(k, _)| *k == self.default))
            .map_or("", |(_, t)| t.as_str())
    }
}

/// A unit text that is exactly one select expression, cut into variants.
pub fn split(text: &str) -> Option<Select> {
    let selector = text.lines().next()?.to_string();
    if !selector.ends_with("->") {
        return None;
    }
    let entry = super::entry_source("x", Some(text), &[]);
    let parsed = crate::ftl::load::parse(&entry).ok()?;
    if !parsed.errors.is_empty() {
        return None;
    }
    let Some(Entry::Message(m)) = parsed.resource.body.first() else {
        return None;
    };
    let elements = &m.value.as_ref()?.elements;
    let [PatternElement::Placeable {
        expression: Expression::Select { variants, .. },
    }] = elements.as_slice()
    else {
        return None;
    };
    let mut out = Select {
        selector,
        variants: Vec::new(),
        default: String::new(),
    };
    for v in variants {
        let key = match &v.key {
            VariantKey::Identifier { name } => name.to_string(),
            VariantKey::NumberLiteral { value } => value.to_string(),
        };
        let text = super::pattern_source(&v.value);
        if text.contains('\n') || text.contains("->") {
            return None;
        }
        if v.default {
            out.default = key.clone();
        }
        out.variants.push((key, text));
    }
    Some(out)
}

/// The select expression's text again (as [`super::pattern_source`] writes it).
pub fn join(selector: &str, variants: &[(String, String)], default: &str) -> String {
    let mut out = format!("{selector}\n");
    for (key, text) in variants {
        let mark = if key == default { "   *" } else { "    " };
        out.push_str(&format!("{mark}[{key}] {text}\n"));
    }
    out.push('}');
    out
}

const PLURAL: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

/// The variant units of a part: the English's select, the keys (in order)
/// and the default key; `None` when the part stays one unit.
pub fn plan(
    english: &str,
    target: Option<&str>,
    locale: &str,
) -> Option<(Select, Vec<String>, String)> {
    let en = split(english)?;
    if let Some(t) = target {
        let t = split(t)?;
        let keys = t.variants.iter().map(|(k, _)| k.clone()).collect();
        return Some((en, keys, t.default));
    }
    let plural = en
        .variants
        .iter()
        .all(|(k, _)| PLURAL.contains(&k.as_str()) || k.parse::<f64>().is_ok());
    let mut keys: Vec<String> = en.variants.iter().map(|(k, _)| k.clone()).collect();
    if plural {
        let categories = crate::locale::parse_locale(locale)
            .map(|l| crate::intl::plural_categories(&l))
            .unwrap_or_default();
        // Exact numbers first, then the categories in CLDR order.
        keys.retain(|k| k.parse::<f64>().is_ok());
        for c in PLURAL {
            if categories.contains(&c) || en.variants.iter().any(|(k, _)| k == c) {
                keys.push(c.to_string());
            }
        }
    }
    let default = if keys.contains(&en.default) {
        en.default.clone()
    } else {
        "other".to_string()
    };
    Some((en, keys, default))
}

/// `id[key]` → (`id`, `key`).
pub fn unit_variant(id: &str) -> Option<(&str, &str)> {
    let (base, rest) = id.split_once('[')?;
    Some((base, rest.strip_suffix(']')?))
}

#[cfg(test)]
mod tests {
    use super::*;

    const EN: &str = "{ $minutes ->\n    [one] { $minutes } minute read\n   *[other] { $minutes } minutes read\n}";

    #[test]
    fn untranslated_arabic_gets_its_plural_categories() {
        let (en, keys, default) = plan(EN, None, "ar").unwrap();
        assert_eq!(keys, ["zero", "one", "two", "few", "many", "other"]);
        assert_eq!(default, "other");
        assert_eq!(en.text("few"), "{ $minutes } minutes read");
        assert_eq!(en.text("one"), "{ $minutes } minute read");
        let (_, keys, _) = plan(EN, None, "fr").unwrap();
        assert_eq!(keys, ["one", "many", "other"]);
        let again = join(&en.selector, &en.variants, &en.default);
        assert_eq!(again, EN);
        assert_eq!(
            unit_variant("page-reading-time[one]"),
            Some(("page-reading-time", "one"))
        );
        assert!(split("Hello { $x }").is_none());
    }
}
