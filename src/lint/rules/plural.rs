//! `plural-categories`: a selector on a number has a variant for each CLDR
//! plural category of the locale, or some counts read wrong.

use super::{EntryContext, RuleInfo};
use crate::finding::{Code, Finding, Severity};

pub const RULES: &[RuleInfo] = &[RuleInfo {
    code: Code::PluralCategories,
    level: Severity::Warning,
    rationale: "a number falling into a category with no variant is shown with the default one",
}];

pub fn check(ctx: &EntryContext, out: &mut Vec<Finding>) {
    let categories = &ctx.scope.categories;
    for (numeric, keys) in &ctx.uses.selects {
        let plural_like = *numeric
            || keys
                .iter()
                .any(|k| ["zero", "one", "two", "few", "many"].contains(&k.as_str()));
        if !plural_like {
            continue;
        }
        let lacking: Vec<&str> = categories
            .iter()
            .copied()
            .filter(|c| !keys.iter().any(|k| k == c))
            .collect();
        if !lacking.is_empty() && keys.iter().any(|k| k.parse::<f64>().is_err()) {
            out.push(ctx.finding(
                Code::PluralCategories,
                format!(
                    "`{}` selects on a number but has no variant for [{}], which {} needs (CLDR)",
                    ctx.id(),
                    lacking.join("], ["),
                    ctx.scope.locale
                ),
            ));
        }
    }
}
