//! `stale`: the English changed since the translation was made from it (see
//! [`crate::state`]), and the translation has not been touched since.

use super::{EntryContext, RuleInfo};
use crate::finding::{Code, Finding, Severity};

pub const RULES: &[RuleInfo] = &[RuleInfo {
    code: Code::Stale,
    level: Severity::Warning,
    rationale: "a translation of English that has changed since may say something else now",
}];

pub fn check(ctx: &EntryContext, out: &mut Vec<Finding>) {
    let Some(state) = ctx.file.state.as_ref() else {
        return;
    };
    let standing =
        crate::standing::of_translation(state, ctx.id(), &ctx.reference.source, || ctx.source());
    if let crate::standing::OfTranslation::Stale { was } = standing {
        let message = match state.memory_origin(ctx.id()) {
            Some(origin) => format!(
                "`{}` was filled in from the translation memory ({origin}) and nobody has reviewed it: edit it, or `ftlkit accept` it",
                ctx.id()
            ),
            None => format!(
                "the English changed since `{}` was translated; it was: {was}",
                ctx.id()
            ),
        };
        let mut finding = ctx.finding(Code::Stale, message);
        finding.previous = Some(was.to_string());
        out.push(finding);
    }
}
