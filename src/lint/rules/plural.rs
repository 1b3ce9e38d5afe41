//! Plural selectors: a selector on a number has a variant for each CLDR plural
//! category that whole counts take in the locale, or some counts read wrong.
//!
//! Only a selector on a number is a plural selector: `NUMBER(…)`, a number
//! literal, or a `$variable` whose variants are plural categories or numbers,
//! in this locale or in the reference. `{ $case -> [gen] … *[nom] … }` on a
//! term, or `{ -brand.gender -> … }`, selects on a string.

use super::{EntryContext, RuleInfo};
use crate::finding::{Code, Finding, Severity};
use crate::lint::walk::{Select, Selector, PLURAL_KEYS};
use icu::plurals::{PluralCategory, PluralRules};
use std::collections::BTreeSet;
use unic_langid::LanguageIdentifier;

pub const RULES: &[RuleInfo] = &[
    RuleInfo {
        code: Code::PluralCategories,
        level: Severity::Warning,
        rationale: "a whole number falling into a category with no variant is shown with the default one",
    },
    RuleInfo {
        code: Code::PluralRare,
        level: Severity::Info,
        rationale: "the selector lacks only categories that no count below 1000 takes (fractions, or exact millions as in French `many`): the default variant reads right for counts",
    },
];

/// Categories of a language that are a word's own form for the number (a
/// dual: Hebrew יומיים "two days", שעתיים "two hours"), written instead of
/// the digits: with the count shown in digits, the plural (`other`) form is
/// right (`2 לשוניות`), so a selector whose default variant shows the count
/// lacks nothing. CLDR's Hebrew (42 and later: `one`, `two`, `other`) has
/// `two` for those duals. Arabic's and Slovenian's dual is grammar, used with
/// digits too: not listed.
const NUMERAL_TAKES_DEFAULT: &[(&str, &str)] = &[("he", "two"), ("iw", "two")];

/// Counts up to this are sampled to tell which integers take each category.
const SAMPLED: u64 = 1000;

/// A locale's CLDR plural categories, with the whole numbers up to
/// [`SAMPLED`] that take each.
#[derive(Debug, Clone, Default)]
pub struct Plurals {
    pub categories: Vec<(&'static str, Vec<u64>)>,
}

impl Plurals {
    /// Asks ICU4X once per locale (CLDR data compiled in).
    pub fn of(langid: &LanguageIdentifier) -> Plurals {
        let names = crate::intl::plural_categories(langid);
        let locale = icu::locale::Locale::try_from_str(&langid.to_string())
            .unwrap_or(icu::locale::Locale::UNKNOWN);
        let Ok(rules) = PluralRules::try_new_cardinal(locale.into()) else {
            return Plurals {
                categories: vec![("other", (0..=SAMPLED).collect())],
            };
        };
        let mut categories: Vec<(&'static str, Vec<u64>)> =
            names.iter().map(|&n| (n, Vec::new())).collect();
        for n in 0..=SAMPLED {
            let name = name_of(rules.category_for(n));
            if let Some((_, members)) = categories.iter_mut().find(|(c, _)| *c == name) {
                members.push(n);
            }
        }
        Plurals { categories }
    }

    pub fn names(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.categories.iter().map(|(n, _)| *n)
    }
}

/// `[one] (0, 1)`: a category with the first counts that take it.
fn with_counts(plurals: &Plurals, category: &str) -> String {
    let members = plurals
        .categories
        .iter()
        .find(|(c, _)| *c == category)
        .map_or(&[][..], |(_, m)| m.as_slice());
    let mut shown: Vec<String> = members.iter().take(4).map(u64::to_string).collect();
    if members.len() > 4 {
        shown.push("…".to_string());
    }
    format!("[{category}] ({})", shown.join(", "))
}

/// A hint when a key looks like a translated category name (`*[otro]`): a
/// key that is neither a category nor a number never matches a number.
fn translated_keys(plurals: &Plurals, keys: &[&str]) -> String {
    let strays: Vec<&str> = keys
        .iter()
        .filter(|k| k.parse::<f64>().is_err() && !plurals.names().any(|c| c == **k))
        .copied()
        .collect();
    if strays.is_empty() {
        String::new()
    } else {
        format!(
            "; [{}] is no CLDR category, so no number ever matches it (a translated keyword?)",
            strays.join("], [")
        )
    }
}

fn name_of(category: PluralCategory) -> &'static str {
    match category {
        PluralCategory::Zero => "zero",
        PluralCategory::One => "one",
        PluralCategory::Two => "two",
        PluralCategory::Few => "few",
        PluralCategory::Many => "many",
        PluralCategory::Other => "other",
    }
}

/// Whether `select` selects on a number: by its selector, by its own keys, or
/// because the reference selects on the same variable with plural keys.
fn is_plural(select: &Select, ctx: &EntryContext) -> bool {
    match &select.selector {
        Selector::Number => true,
        Selector::Other => false,
        Selector::Variable(name) => {
            select.has_number_keys() || ctx.reference.plural_variables.contains(*name)
        }
    }
}

/// What a plural selector lacks: categories whole counts take, and categories
/// only fractions or huge numbers take. A category whose few counts all have
/// a number variant (`[1]` for English `one`) is not lacking.
fn lacking<'p>(plurals: &'p Plurals, keys: &[&str]) -> (Vec<&'p str>, Vec<&'p str>) {
    let numbers: Vec<f64> = keys.iter().filter_map(|k| k.parse().ok()).collect();
    let (mut real, mut rare) = (Vec::new(), Vec::new());
    for (name, members) in &plurals.categories {
        if keys.iter().any(|k| k == name) {
            continue;
        }
        let covered = !members.is_empty()
            && (members.len() as u64) < SAMPLED / 2
            && members.iter().all(|&m| numbers.contains(&(m as f64)));
        if covered {
            continue;
        }
        if members.is_empty() {
            rare.push(*name);
        } else {
            real.push(*name);
        }
    }
    (real, rare)
}

/// One finding per entry and problem: the selectors that lack the same
/// categories (nested in each variant, say) are counted in one message.
pub fn check(ctx: &EntryContext, out: &mut Vec<Finding>) {
    let mut found: Vec<(Code, String, usize)> = Vec::new();
    for select in &ctx.uses.selects {
        if let Some((code, message)) = check_select(ctx, select) {
            match found
                .iter_mut()
                .find(|(c, m, _)| *c == code && *m == message)
            {
                Some((_, _, n)) => *n += 1,
                None => found.push((code, message, 1)),
            }
        }
    }
    for (code, message, n) in found {
        let message = if n > 1 {
            format!("{message} (in {n} selectors)")
        } else {
            message
        };
        out.push(ctx.finding(code, message));
    }
}

/// Whether a selector has no plural category key (`other` aside): only
/// exact numbers, like `[0]`, `[1]`, are special.
fn numbers_only(select: &Select) -> bool {
    !select.keys.iter().any(|k| PLURAL_KEYS.contains(k))
}

/// The variables every selector of a reference entry on them picks exact
/// numbers without the plural forms of the reference's own language
/// (`source`, asked for only when such a selector exists): see
/// `RefEntry::exact_variables`.
pub fn exact_variables<'p>(
    selects: &[Select],
    source: &dyn Fn() -> &'p Plurals,
) -> BTreeSet<String> {
    let exact = |s: &Select| {
        s.has_number_keys() && numbers_only(s) && !lacking(source(), &s.keys).0.is_empty()
    };
    let names: BTreeSet<&str> = selects
        .iter()
        .filter_map(|s| match &s.selector {
            Selector::Variable(name) => Some(*name),
            _ => None,
        })
        .collect();
    names
        .into_iter()
        .filter(|&name| {
            selects
                .iter()
                .filter(|s| matches!(&s.selector, Selector::Variable(n) if *n == name))
                .all(exact)
        })
        .map(str::to_string)
        .collect()
}

fn check_select(ctx: &EntryContext, select: &Select) -> Option<(Code, String)> {
    let plurals = &ctx.scope.plurals;
    if !is_plural(select, ctx) || select.keys.iter().all(|k| k.parse::<f64>().is_ok()) {
        return None;
    }
    // The English does not inflect for this number either (`[0] *[other]`
    // where English needs [one]): the same exact-number choice lacks nothing.
    if let Selector::Variable(name) = &select.selector {
        if numbers_only(select) && ctx.reference.exact_variables.contains(*name) {
            return None;
        }
    }
    let (mut real, rare) = lacking(plurals, &select.keys);
    let (id, locale) = (ctx.id(), ctx.scope.locale);
    if select.default_shows_count {
        let language = crate::locale::language_of(locale);
        real.retain(|c| !NUMERAL_TAKES_DEFAULT.contains(&(language.language.as_str(), *c)));
    }
    if !real.is_empty() {
        let needed: Vec<String> = real.iter().map(|c| with_counts(plurals, c)).collect();
        Some((
            Code::PluralCategories,
            format!(
                "`{id}` selects on a number but has no variant for {}, which {locale} needs (CLDR){}",
                needed.join(", "),
                translated_keys(plurals, &select.keys)
            ),
        ))
    } else if !rare.is_empty() {
        Some((
            Code::PluralRare,
            format!(
                "`{id}` has no variant for [{}], which in {locale} only fractions or numbers from 1000 up take (CLDR); the default variant serves them",
                rare.join("], [")
            ),
        ))
    } else {
        None
    }
}
