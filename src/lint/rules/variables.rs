//! Variables: a translated message uses the reference's `$variables` and no
//! others; the English page strings use only the variables the build gives
//! them. Terms are left alone: their variables are parameters that callers in
//! the same locale pass, so a locale may have its own (`$case`, `$sklon`).

use super::{EntryContext, RuleInfo};
use crate::finding::{Code, Finding, Severity};
use crate::ftl::LineIndex;
use crate::lint::RefEntry;

pub const RULES: &[RuleInfo] = &[
    RuleInfo {
        code: Code::MissingVariable,
        level: Severity::Warning,
        rationale: "a variable of the reference that no variant uses leaves out what it says",
    },
    RuleInfo {
        code: Code::UnknownVariable,
        level: Severity::Error,
        rationale: "a variable nobody provides shows readers a raw `{$name}`; a warning in \
                    `l10n.toml` projects, where the application may pass more than the \
                    reference uses. The finding spans the placeable and names the closest \
                    variable of the reference (\"did you mean `$author`?\")",
    },
];

pub fn check(ctx: &EntryContext, out: &mut Vec<Finding>) {
    let (id, reference, uses) = (ctx.id(), ctx.reference, &ctx.uses);
    if ctx.is_term() {
        // A term's variables are parameters its callers in the same locale
        // pass (`{ -brand(case: "gen") }`): each locale has its own.
        return;
    }
    // Both sorted: equal when their names are, in order.
    if reference
        .variables
        .iter()
        .map(String::as_str)
        .eq(uses.variables.iter().copied())
    {
        return;
    }
    for var in reference
        .variables
        .iter()
        .filter(|v| !uses.variables.contains(&v.as_str()))
    {
        out.push(ctx.finding(
            Code::MissingVariable,
            format!("`{id}` does not use `${var}`, which the reference uses"),
        ));
    }
    for var in uses
        .variables
        .iter()
        .filter(|v| !reference.variables.contains(**v))
    {
        let mut message = format!("`{id}` uses `${var}`, which the reference does not provide");
        if let Some(near) = closest(var, reference.variables.iter().map(String::as_str)) {
            message.push_str(&format!(": did you mean `${near}`?"));
        }
        out.push(match super::placeable_of(ctx, &format!("${var}")) {
            Some(span) => super::placed(ctx, Code::UnknownVariable, span, message),
            None => ctx.finding(Code::UnknownVariable, message),
        });
    }
}

/// The known name closest to `name`, if one is close (a typo: at most two
/// edits, and fewer than half its letters).
pub fn closest<'n>(name: &str, known: impl Iterator<Item = &'n str>) -> Option<&'n str> {
    known
        .map(|k| (strsim::damerau_levenshtein(name, k), k))
        .filter(|&(d, _)| d <= 2 && d * 2 < name.chars().count().max(2))
        .min()
        .map(|(_, k)| k)
}

/// Page strings get only the variables the build gives them: a typo in the
/// English would show readers a raw `{$name}`, and blame every translation.
pub fn page_strings(
    entries: &[RefEntry],
    lines: &LineIndex,
    display: &str,
    locale: &str,
) -> Vec<Finding> {
    let mut out = Vec::new();
    for e in entries {
        let Some(given) = crate::page_strings::variables_of(&e.id) else {
            continue;
        };
        let given_list = if given.is_empty() {
            "no variables".to_string()
        } else {
            given
                .iter()
                .map(|g| format!("`${g}`"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        for v in e.variables.iter().filter(|v| !given.contains(&v.as_str())) {
            let (line, column) = lines.position(e.offset);
            let message = format!(
                "`{}` uses `${v}`, but the build gives it only {given_list}: correct the name",
                e.id
            );
            out.push(Finding {
                line,
                column,
                id: Some(e.id.clone()),
                span: e.offset..e.offset + e.id.len(),
                ..super::finding(Code::UnknownVariable, locale, display, message)
            });
        }
    }
    out
}
