//! `edited-template`: a template (`# (untranslated) …`) that is neither the
//! English's nor one sync wrote holds someone's edit, most often a translation
//! typed after the mark, which never counts.

use super::RuleInfo;
use crate::finding::{Code, Finding, Severity};
use crate::ftl::blocks::{find_templates, TEMPLATE_MARK};
use crate::ftl::LineIndex;
use crate::lint::{LocaleFile, RefFile};

pub const RULES: &[RuleInfo] = &[RuleInfo {
    code: Code::EditedTemplate,
    level: Severity::Warning,
    rationale: "a translation written into a template is a comment: it is never shown",
}];

/// The edited templates of a locale file's `text`.
pub fn edited(
    file: &LocaleFile,
    reference: &RefFile,
    text: &str,
    lines: &LineIndex,
    locale: &str,
) -> Vec<Finding> {
    if !text.contains(TEMPLATE_MARK) {
        return Vec::new();
    }
    let mut out = Vec::new();
    for t in find_templates(text) {
        let expected = reference.templates.get(&t.id);
        if expected.is_none()
            || crate::standing::template_untouched(expected, file.state.as_ref(), &t)
        {
            continue;
        }
        let (line, column) = lines.position(t.offset);
        let first_line = t.text.split('\n').next().unwrap_or_default().len();
        let message = format!(
            "the template of `{}` was edited, so it is not the English any more: if this is your translation, delete `{}` in front of it so that it counts",
            t.id,
            TEMPLATE_MARK.trim_end()
        );
        out.push(Finding {
            line,
            column,
            id: Some(t.id.clone()),
            span: t.offset..t.offset + first_line,
            ..super::finding(Code::EditedTemplate, locale, &file.display, message)
        });
    }
    out
}
