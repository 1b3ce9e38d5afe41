//! The checks `check` runs, one file per family. Each family declares its
//! codes' levels and rationales (`RULES`) next to the code that emits them, so
//! that adding a rule touches one file (and README's table). The checks of one
//! translated entry are plain functions over a shared [`EntryContext`], run in
//! the order of [`ENTRY_RULES`]; the others (syntax, templates, presence,
//! typos) are called by the orchestrator in `lint`, which knows files.

pub mod bidi;
pub mod code;
pub mod comparison;
pub mod consistency;
pub mod format;
pub mod glossary;
pub mod legacy;
pub mod links;
pub mod markup;
pub mod plural;
pub mod presence;
pub mod prose;
pub mod references;
pub mod shape;
pub mod silence;
pub mod stale;
pub mod syntax;
pub mod templates;
pub mod typography;
pub mod typos;
pub mod variables;

use super::walk::{EntryView, Uses};
use super::{LocaleFile, RefEntry, RefFile};
use crate::finding::{Code, Finding, Severity};
use crate::ftl::LineIndex;
use fluent_syntax::ast::Entry;
use rustc_hash::FxHashSet as HashSet;
use std::cell::OnceCell;
use std::ops::Range;

/// A code's default level and why the rule exists. Some rules choose another
/// level by context (said in their rationale), and `l10n.toml` filters demote
/// errors to warnings.
#[derive(Debug)]
pub struct RuleInfo {
    pub code: Code,
    pub level: Severity,
    pub rationale: &'static str,
}

const FAMILIES: &[&[RuleInfo]] = &[
    syntax::RULES,
    presence::RULES,
    shape::RULES,
    variables::RULES,
    references::RULES,
    plural::RULES,
    markup::RULES,
    links::RULES,
    bidi::RULES,
    stale::RULES,
    templates::RULES,
    typos::RULES,
    format::RULES,
    typography::RULES,
    comparison::RULES,
    code::RULES,
    consistency::RULES,
    glossary::RULES,
    legacy::RULES,
];

/// What the rule family of `code` declares about it.
pub fn info(code: Code) -> &'static RuleInfo {
    FAMILIES
        .iter()
        .flat_map(|family| family.iter())
        .find(|rule| rule.code == code)
        .unwrap_or_else(|| panic!("no rule family declares `{code}`"))
}

/// The level a finding of `code` has unless its rule says otherwise.
pub fn level(code: Code) -> Severity {
    info(code).level
}

/// A finding of `code` at its rule's level, about a whole file (line 1,
/// column 1, no id) until the caller places it.
pub fn finding(code: Code, locale: &str, path: &str, message: String) -> Finding {
    Finding {
        code,
        severity: level(code),
        locale: locale.to_string(),
        path: path.to_string(),
        line: 1,
        column: 1,
        id: None,
        message,
        previous: None,
        span: 0..0,
    }
}

/// Where an entry of a locale file is, for the findings about it.
pub struct Place<'a> {
    pub locale: &'a str,
    pub path: &'a str,
    pub id: &'a str,
    /// The file's lines, asked only when a finding is made.
    pub lines: &'a LineIndex<'a>,
    /// The entry's name in the text.
    pub span: Range<usize>,
    /// The entry as the file writes it ([`crate::ftl::load::entry_text`]).
    pub written: &'a str,
}

impl Place<'_> {
    /// The 1-based line and column of the entry's name.
    pub fn position(&self) -> (usize, usize) {
        self.lines.position(self.span.start)
    }

    /// A finding of `code` about this entry, at its rule's level.
    pub fn finding(&self, code: Code, message: String) -> Finding {
        let (line, column) = self.position();
        Finding {
            line,
            column,
            id: Some(self.id.to_string()),
            span: self.span.clone(),
            ..finding(code, self.locale, self.path, message)
        }
    }
}

/// What the whole locale tells the check of each entry.
pub struct LocaleScope<'a> {
    pub locale: &'a str,
    /// The CLDR plural categories of the locale, with the counts each takes.
    pub plurals: plural::Plurals,
    /// Every id the locale's files define (terms as `-name`).
    pub defined: HashSet<std::borrow::Cow<'a, str>>,
    /// The reference files of the locale's files.
    pub reference_files: Vec<&'a RefFile>,
    /// The locale's ids on (or between) reference cycles.
    pub cyclic: HashSet<String>,
    /// What the locale's typography asks (its script, French spacing…).
    pub typography: typography::Profile,
    /// The project's glossary, if it has one.
    pub glossary: Option<&'a glossary::Glossary>,
    /// Only rules that can find an error run (see [`WARNING_ONLY_FAMILIES`]).
    pub errors_only: bool,
    /// See [`crate::lint::Context::text_level_markup`].
    pub text_level_markup: bool,
    /// In a project of documents, what a document's page is rendered from
    /// besides its own file (see [`references::other_document`]).
    pub documents: Option<Documents<'a>>,
}

/// A project of documents (`ftlkit.toml`, `content/` Markdown): the build
/// renders each document's page from the document's own file and the page
/// strings only, so a message of one document's file can use no message
/// of another's.
pub struct Documents<'a> {
    /// The locale's page strings file, as its findings name it.
    pub page_display: &'a str,
    /// The ids the locale's page strings define.
    pub page_ids: &'a HashSet<String>,
    /// The ids the English page strings define.
    pub english_page_ids: &'a HashSet<String>,
    /// The ids each of the locale's files defines, by its display path.
    pub own: rustc_hash::FxHashMap<&'a str, HashSet<std::borrow::Cow<'a, str>>>,
}

impl LocaleScope<'_> {
    /// Whether a reference file defines `id`.
    pub fn in_reference(&self, id: &str) -> bool {
        self.reference_files
            .iter()
            .any(|r| r.index.contains_key(id))
    }
}

/// One translated entry that the reference has, with all an entry rule needs.
pub struct EntryContext<'a> {
    pub scope: &'a LocaleScope<'a>,
    pub file: &'a LocaleFile<'a>,
    pub place: Place<'a>,
    pub entry: &'a Entry<&'a str>,
    pub view: EntryView<'a, 'a>,
    pub uses: &'a Uses<'a>,
    pub reference: &'a RefEntry,
    source: OnceCell<String>,
    prose: OnceCell<Option<prose::Prose>>,
}

impl<'a> EntryContext<'a> {
    pub fn new(
        scope: &'a LocaleScope<'a>,
        file: &'a LocaleFile<'a>,
        place: Place<'a>,
        entry: &'a Entry<&'a str>,
        view: EntryView<'a, 'a>,
        uses: &'a Uses<'a>,
        reference: &'a RefEntry,
    ) -> Self {
        EntryContext {
            scope,
            file,
            place,
            entry,
            uses,
            view,
            reference,
            source: OnceCell::new(),
            prose: OnceCell::new(),
        }
    }

    pub fn id(&self) -> &'a str {
        self.place.id
    }

    /// Whether the entry is a term (`-name`): private to its locale, with
    /// parameters and attributes of its own.
    pub fn is_term(&self) -> bool {
        matches!(self.entry, Entry::Term(_))
    }

    /// A finding of `code` about this entry, at its rule's level.
    pub fn finding(&self, code: Code, message: String) -> Finding {
        self.place.finding(code, message)
    }

    /// The words readers see, with their places in the file (made once, for
    /// the typography and comparison rules); `None` without the file's text.
    pub fn prose(&self) -> Option<&prose::Prose> {
        self.prose
            .get_or_init(|| {
                let text = self.file.text.as_deref()?;
                let patterns = self
                    .view
                    .value
                    .into_iter()
                    .chain(self.view.attributes().map(|(_, p)| p));
                Some(prose::Prose::of_patterns(patterns, text))
            })
            .as_ref()
    }

    /// Whether the entry is the reference's own source: written the same
    /// (most copies of the English), else the same once serialized.
    pub fn is_reference_source(&self) -> bool {
        self.place.written == self.reference.written || self.source() == self.reference.source
    }

    /// The entry as Fluent source, for the stale and identical checks.
    /// Serializing is costly: only done when its text could be the reference's,
    /// or when a stale record exists for it; empty otherwise.
    pub fn source(&self) -> &str {
        self.source.get_or_init(|| {
            let has_record = self
                .file
                .state
                .as_ref()
                .is_some_and(|st| st.messages.contains_key(self.id()));
            if has_record || self.uses.text == self.reference.text {
                crate::ftl::entry_source(self.entry)
            } else {
                String::new()
            }
        })
    }
}

/// A finding of `code` about the characters at `span` of the entry's file
/// (its line and column theirs).
pub fn placed(ctx: &EntryContext, code: Code, span: Range<usize>, message: String) -> Finding {
    let (line, column) = ctx.place.lines.position(span.start);
    Finding {
        line,
        column,
        span,
        ..ctx.finding(code, message)
    }
}

/// Where the entry's first use of `name` (`$var`, `-term`, `message`) is in
/// the file: the whole placeable `{ … }` around it when it is the placeable's
/// expression (a term's arguments and an attribute included), else the name.
/// A reference is looked for only right after a `{` (or a call's `(`, `,`),
/// so the same word in the text is not taken for it.
pub fn placeable_of(ctx: &EntryContext, name: &str) -> Option<Range<usize>> {
    placeable_in(ctx.file.text.as_deref()?, ctx.place.span.start, name)
}

/// [`placeable_of`] in a file's `text`, for the entry starting at `start`.
pub fn placeable_in(text: &str, start: usize, name: &str) -> Option<Range<usize>> {
    // The entry ends where a line starts with something else than a space.
    let end = text[start..]
        .match_indices('\n')
        .map(|(i, _)| start + i + 1)
        .find(|&i| !matches!(text.as_bytes().get(i), Some(b' ' | b'\n' | b'\r')))
        .unwrap_or(text.len());
    let ident = |c: char| c.is_alphanumeric() || c == '_' || c == '-';
    let variable = name.starts_with('$');
    let at = text[start..end]
        .match_indices(name)
        .map(|(i, _)| start + i)
        .filter(|&i| i > start || variable)
        .find(|&i| {
            let after = text[i + name.len()..].chars().next();
            let before = text[..i].trim_end_matches(' ').chars().next_back();
            !after.is_some_and(ident)
                && (variable || matches!(before, Some('{' | '(' | ',' | ':')))
                && !(variable && text[..i].ends_with(ident))
        })?;
    let mut after = at + name.len();
    // `.attr` and `(arguments)` belong to the expression.
    if text[after..].starts_with('.') {
        after += 1 + text[after + 1..]
            .find(|c: char| !ident(c))
            .unwrap_or(text.len() - after - 1);
    }
    if text[after..].starts_with('(') {
        if let Some(close) = text[after..end].find(')') {
            after += close + 1;
        }
    }
    let open = text[..at].trim_end_matches(' ');
    let close = text[after..].trim_start_matches(' ');
    if open.ends_with('{') && close.starts_with('}') {
        Some(open.len() - 1..text.len() - close.len() + 1)
    } else {
        Some(at..at + name.len())
    }
}

/// A check of one translated entry: pushes what it finds.
pub type EntryRule = fn(&EntryContext, &mut Vec<Finding>);

/// The entry checks, in the order their findings have always come out (which
/// the findings of one code at one place keep after sorting), each with
/// whether it can find an error (those that cannot belong to
/// [`WARNING_ONLY_FAMILIES`]).
const ENTRY_RULES: &[(EntryRule, bool)] = &[
    (references::cyclic, true),
    (shape::check, true),
    (variables::check, true),
    (references::unresolved, true),
    (references::dropped, true),
    (plural::check, true),
    (markup::check, true),
    (links::check, false),
    (bidi::check, true),
    (presence::empty, true),
    (stale::check, false),
    // Info only (`identical`), whatever else its family finds: held to it below.
    (presence::identical, false),
    (format::invalid_function_argument, true),
    (typography::check, false),
    (comparison::check, false),
    (code::check, false),
    (glossary::check, false),
];

/// Runs every entry rule on one entry.
pub fn check_entry(ctx: &EntryContext) -> Vec<Finding> {
    let mut out = Vec::new();
    for (rule, can_error) in ENTRY_RULES {
        if ctx.scope.errors_only && !can_error {
            continue;
        }
        rule(ctx, &mut out);
    }
    out
}

/// The rule families whose every code is a warning or a note, and which
/// never choose another level: what a check that wants only errors (a
/// build's) leaves out. A test holds them to it.
pub const WARNING_ONLY_FAMILIES: &[&[RuleInfo]] = &[
    typography::RULES,
    comparison::RULES,
    glossary::RULES,
    consistency::RULES,
    typos::RULES,
    stale::RULES,
    links::RULES,
    code::RULES,
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_families_an_errors_only_check_skips_find_no_errors() {
        for family in WARNING_ONLY_FAMILIES {
            for rule in family.iter() {
                assert_ne!(rule.level, Severity::Error, "`{}`", rule.code);
            }
        }
        // Nor do their sources ever set an error themselves.
        for file in [
            "typography.rs",
            "comparison.rs",
            "glossary.rs",
            "consistency.rs",
            "typos.rs",
            "prose.rs",
            "stale.rs",
            "links.rs",
            "code.rs",
        ] {
            let path = format!("{}/src/lint/rules/{file}", env!("CARGO_MANIFEST_DIR"));
            let source = std::fs::read_to_string(&path).unwrap();
            assert!(
                !source.contains("Severity::Error"),
                "{file} can set an error"
            );
        }
        // `identical`, skipped too, finds its own code only, a note.
        let presence = std::fs::read_to_string(format!(
            "{}/src/lint/rules/presence.rs",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap();
        let body = &presence[presence.find("pub fn identical").unwrap()..];
        let body = &body[..body.find("\n}\n").unwrap()];
        assert!(!body.contains("Severity::"), "{body}");
        assert_eq!(body.matches("Code::").count(), 1, "{body}");
        assert!(body.contains("Code::Identical"));
        assert_ne!(info(Code::Identical).level, Severity::Error);
        // A check for errors only reads no state records (`audit`'s
        // `read_locale_files`): the rules that read them find no error —
        // `stale`, `edited-template`, and `EntryContext::source` (asked by
        // `stale` and `identical` only).
        let dir = format!("{}/src/lint/rules", env!("CARGO_MANIFEST_DIR"));
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let source = std::fs::read_to_string(&path).unwrap_or_default();
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            if source.contains(".state") {
                assert!(
                    ["stale.rs", "templates.rs", "mod.rs"].contains(&name.as_str()),
                    "{name} reads state records"
                );
            }
        }
        let templates = std::fs::read_to_string(format!("{dir}/templates.rs")).unwrap();
        assert!(!templates.contains("Severity::Error"));
        assert!(super::templates::RULES
            .iter()
            .all(|r| r.level != Severity::Error));
        // (`is_reference_source` asks `source`: `identical`, and the
        // comparison rules, which an errors-only check does not run.)
        let mut source_callers: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| !p.ends_with("mod.rs"))
            .filter(|p| {
                let s = std::fs::read_to_string(p).unwrap_or_default();
                s.contains("ctx.source()") || s.contains("ctx.is_reference_source()")
            })
            .map(|p| p.file_name().unwrap().to_string_lossy().to_string())
            .collect();
        source_callers.sort();
        assert_eq!(
            source_callers,
            ["comparison.rs", "presence.rs", "stale.rs"],
            "`stale`, `identical` and the warnings-only comparison rules only"
        );
        let codes = |f: &[RuleInfo]| f.iter().map(|r| r.code).collect::<Vec<_>>();
        assert!(WARNING_ONLY_FAMILIES
            .iter()
            .any(|f| codes(f) == codes(comparison::RULES)));
        let presence_source = presence.matches("ctx.is_reference_source()").count()
            + presence.matches("ctx.source()").count();
        assert_eq!(presence_source, 1, "`identical` only, in presence.rs");
    }

    #[test]
    fn every_code_is_declared_by_exactly_one_rule_family() {
        for &code in Code::ALL {
            let declared = FAMILIES
                .iter()
                .flat_map(|family| family.iter())
                .filter(|rule| rule.code == code)
                .count();
            assert_eq!(declared, 1, "`{code}` is declared {declared} times");
            assert!(!info(code).rationale.is_empty());
        }
    }
}
