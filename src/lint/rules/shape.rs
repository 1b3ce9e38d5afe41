//! A translation has the reference's shape: a value where it has one, and the
//! same attributes. The build looks them up by name. A term's attributes are
//! private to its locale (Fluent: callers cannot read them), so not compared.

use super::{EntryContext, RuleInfo};
use crate::finding::{Code, Finding, Severity};
use std::collections::BTreeSet;

const SHAPE: &str =
    "the message's shape differs from the reference, so part of it is missing or never used";

pub const RULES: &[RuleInfo] = &[
    RuleInfo {
        code: Code::MissingAttribute,
        level: Severity::Error,
        rationale: SHAPE,
    },
    RuleInfo {
        code: Code::MissingValue,
        level: Severity::Error,
        rationale: SHAPE,
    },
    RuleInfo {
        code: Code::ObsoleteAttribute,
        level: Severity::Error,
        rationale: SHAPE,
    },
    RuleInfo {
        code: Code::ObsoleteValue,
        level: Severity::Error,
        rationale: SHAPE,
    },
];

pub fn check(ctx: &EntryContext, out: &mut Vec<Finding>) {
    let (id, reference) = (ctx.id(), ctx.reference);
    match (reference.has_value, ctx.view.value.is_some()) {
        (true, false) => out.push(ctx.finding(
            Code::MissingValue,
            format!("`{id}` has no value but the reference has one"),
        )),
        (false, true) => out.push(ctx.finding(
            Code::ObsoleteValue,
            format!("`{id}` has a value but the reference has none"),
        )),
        _ => {}
    }
    if ctx.is_term() {
        // A term's attributes are the locale's own grammatical data
        // (`.gender = masculine`), read only by its selectors: private.
        return;
    }
    let (ours, theirs) = (ctx.view, &reference.attributes);
    // The same names both ways (most entries: none on either side), looked
    // up without making a set.
    if ours.attributes().all(|(n, _)| theirs.contains(n))
        && theirs
            .iter()
            .all(|t| ours.attributes().any(|(n, _)| n == t))
    {
        return;
    }
    let attrs: BTreeSet<&str> = ours.attributes().map(|(n, _)| n).collect();
    for a in theirs.iter().filter(|a| !attrs.contains(a.as_str())) {
        out.push(ctx.finding(
            Code::MissingAttribute,
            format!("`{id}` lacks the attribute `.{a}`"),
        ));
    }
    for a in attrs.iter().filter(|a| !theirs.contains(**a)) {
        out.push(ctx.finding(
            Code::ObsoleteAttribute,
            format!("`{id}` has the attribute `.{a}` that the reference does not"),
        ));
    }
}
