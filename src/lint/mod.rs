//! `check` and `status`: one locale's Fluent files compared with the reference,
//! without a disk. Every problem is a [`Finding`] (data, reported later by a
//! reporter of the caller's choice); the counts feed `status`.
//!
//! Each reference file is parsed and digested once ([`RefFile`]) and shared by
//! every locale; each locale file is parsed once.

use crate::ftl::LineIndex;
use fluent_syntax::ast::{
    Entry, Expression, InlineExpression, Pattern, PatternElement, Resource, VariantKey,
};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
// Ids are not attacker-chosen keys of a long-lived service: the fast hash is fine.
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::ops::Range;
use unic_langid::LanguageIdentifier;

pub use crate::finding::{Code, Finding, Severity};

/// What a reference file says about one entry.
#[derive(Debug, Clone)]
pub struct RefEntry {
    /// Message id, or `-name` for a term.
    pub id: String,
    pub offset: usize,
    pub line: usize,
    pub has_value: bool,
    pub attributes: BTreeSet<String>,
    pub variables: BTreeSet<String>,
    /// The value and attributes as Fluent source, for the identical check.
    pub source: String,
    /// The value's text (placeables left out): words, markup, identical.
    pub text: String,
    pub words: usize,
    pub tags: Vec<String>,
    pub bidi: BTreeSet<char>,
    /// The comment above it (what the translator should know), lines joined.
    pub note: String,
    /// Targets of its Markdown links and images.
    pub links: BTreeSet<String>,
}

/// A reference file, parsed and digested once.
#[derive(Debug, Clone)]
pub struct RefFile {
    pub display: String,
    pub entries: Vec<RefEntry>,
    pub index: HashMap<String, usize>,
    /// The template `sync` writes for each message (see `sync::expected_templates`).
    pub templates: std::collections::BTreeMap<String, BTreeSet<String>>,
}

impl RefFile {
    pub fn get(&self, id: &str) -> Option<&RefEntry> {
        self.index.get(id).map(|&i| &self.entries[i])
    }
}

/// Counts for `status`.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Counts {
    pub messages: usize,
    pub translated: usize,
    pub missing: usize,
    pub stale: usize,
    pub obsolete: usize,
    pub identical: usize,
    pub errors: usize,
    pub warnings: usize,
    pub words: usize,
    pub words_translated: usize,
}

impl Counts {
    pub fn add(&mut self, other: &Counts) {
        self.messages += other.messages;
        self.translated += other.translated;
        self.missing += other.missing;
        self.stale += other.stale;
        self.obsolete += other.obsolete;
        self.identical += other.identical;
        self.errors += other.errors;
        self.warnings += other.warnings;
        self.words += other.words;
        self.words_translated += other.words_translated;
    }

    /// Share of the reference's messages translated (1.0 for an empty reference).
    pub fn complete(&self) -> f64 {
        if self.messages == 0 {
            1.0
        } else {
            self.translated as f64 / self.messages as f64
        }
    }

    pub fn complete_words(&self) -> f64 {
        if self.words == 0 {
            1.0
        } else {
            self.words_translated as f64 / self.words as f64
        }
    }
}

/// Byte offset of a slice of `text` that the parser borrowed from it.
fn offset_of(text: &str, slice: &str) -> usize {
    let start = text.as_ptr() as usize;
    let at = slice.as_ptr() as usize;
    if at >= start && at <= start + text.len() {
        at - start
    } else {
        0
    }
}

fn entry_id<'s>(entry: &Entry<&'s str>) -> Option<(String, &'s str)> {
    match entry {
        Entry::Message(m) => Some((m.id.name.to_string(), m.id.name)),
        Entry::Term(t) => Some((format!("-{}", t.id.name), t.id.name)),
        _ => None,
    }
}

/// Everything a pattern uses, gathered in one walk.
#[derive(Default)]
struct Uses {
    variables: BTreeSet<String>,
    messages: BTreeSet<String>,
    terms: BTreeSet<String>,
    text: String,
    /// (selector is a number-like variable or NUMBER(), variant keys)
    selects: Vec<(bool, Vec<String>)>,
}

fn walk_pattern(pattern: &Pattern<&str>, uses: &mut Uses, depth: usize) {
    if depth > 64 {
        return; // deeper nesting is reported by the parser's limits, not walked
    }
    for element in &pattern.elements {
        match element {
            PatternElement::TextElement { value } => uses.text.push_str(value),
            PatternElement::Placeable { expression } => {
                walk_expression(expression, uses, depth + 1)
            }
        }
    }
}

fn walk_expression(expression: &Expression<&str>, uses: &mut Uses, depth: usize) {
    match expression {
        Expression::Select { selector, variants } => {
            walk_inline(selector, uses, depth);
            let numeric = match selector {
                InlineExpression::VariableReference { .. } => true,
                InlineExpression::FunctionReference { id, .. } => id.name == "NUMBER",
                InlineExpression::NumberLiteral { .. } => true,
                _ => false,
            };
            let keys = variants
                .iter()
                .map(|v| match &v.key {
                    VariantKey::Identifier { name } => name.to_string(),
                    VariantKey::NumberLiteral { value } => value.to_string(),
                })
                .collect();
            uses.selects.push((numeric, keys));
            for v in variants {
                walk_pattern(&v.value, uses, depth + 1);
            }
        }
        Expression::Inline(inline) => walk_inline(inline, uses, depth),
    }
}

fn walk_inline(inline: &InlineExpression<&str>, uses: &mut Uses, depth: usize) {
    match inline {
        InlineExpression::VariableReference { id } => {
            uses.variables.insert(id.name.to_string());
        }
        InlineExpression::MessageReference { id, .. } => {
            uses.messages.insert(id.name.to_string());
        }
        InlineExpression::TermReference { id, arguments, .. } => {
            uses.terms.insert(format!("-{}", id.name));
            if let Some(args) = arguments {
                for a in &args.positional {
                    walk_inline(a, uses, depth + 1);
                }
                for n in &args.named {
                    walk_inline(&n.value, uses, depth + 1);
                }
            }
        }
        InlineExpression::FunctionReference { arguments, .. } => {
            for a in &arguments.positional {
                walk_inline(a, uses, depth + 1);
            }
            for n in &arguments.named {
                walk_inline(&n.value, uses, depth + 1);
            }
        }
        InlineExpression::Placeable { expression } => walk_expression(expression, uses, depth + 1),
        InlineExpression::StringLiteral { value } => uses.text.push_str(value),
        InlineExpression::NumberLiteral { .. } => {}
    }
}

struct EntryView<'a, 's> {
    value: Option<&'a Pattern<&'s str>>,
    attributes: Vec<(&'s str, &'a Pattern<&'s str>)>,
}

fn view<'a, 's>(entry: &'a Entry<&'s str>) -> Option<EntryView<'a, 's>> {
    match entry {
        Entry::Message(m) => Some(EntryView {
            value: m.value.as_ref(),
            attributes: m.attributes.iter().map(|a| (a.id.name, &a.value)).collect(),
        }),
        Entry::Term(t) => Some(EntryView {
            value: Some(&t.value),
            attributes: t.attributes.iter().map(|a| (a.id.name, &a.value)).collect(),
        }),
        _ => None,
    }
}

fn uses_of(view: &EntryView) -> Uses {
    let mut uses = Uses::default();
    if let Some(v) = view.value {
        walk_pattern(v, &mut uses, 0);
    }
    for (_, p) in &view.attributes {
        walk_pattern(p, &mut uses, 0);
    }
    uses
}

/// HTML-like tag names in a text, in order (`<a>`, `</a>` → `a`, `/a`).
fn tags(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(pos) = text[i..].find('<') {
        let start = i + pos + 1;
        let mut j = start;
        if bytes.get(j) == Some(&b'/') {
            j += 1;
        }
        let name_start = j;
        while j < bytes.len() && (bytes[j].is_ascii_alphanumeric() || bytes[j] == b'-') {
            j += 1;
        }
        if j > name_start && bytes[name_start].is_ascii_alphabetic() {
            out.push(text[start..j].to_ascii_lowercase());
        }
        i = start;
    }
    out
}

const BIDI_CONTROLS: [char; 9] = [
    '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}', '\u{2066}', '\u{2067}', '\u{2068}',
    '\u{2069}',
];

fn bidi_chars(text: &str) -> BTreeSet<char> {
    text.chars().filter(|c| BIDI_CONTROLS.contains(c)).collect()
}

/// Embeddings/overrides must be closed by PDF and isolates by PDI, in order.
fn bidi_balanced(text: &str) -> bool {
    let mut stack = Vec::new();
    for c in text.chars() {
        match c {
            '\u{202A}'..='\u{202E}' if c != '\u{202C}' => stack.push('e'),
            '\u{2066}'..='\u{2068}' => stack.push('i'),
            '\u{202C}' if stack.pop() != Some('e') => return false,
            '\u{2069}' if stack.pop() != Some('i') => return false,
            _ => {}
        }
    }
    stack.is_empty()
}

/// Digests a reference file. Syntax errors in it are returned as findings for
/// the source locale.
pub fn digest(display: &str, text: &str, source_locale: &str) -> (RefFile, Vec<Finding>) {
    if let Some(at) = crate::ftl::too_deep(text) {
        let empty = RefFile {
            display: display.to_string(),
            entries: vec![],
            index: HashMap::default(),
            templates: Default::default(),
        };
        return (
            empty,
            vec![too_deep_finding(text, at, display, source_locale)],
        );
    }
    let (resource, errors) = match fluent_syntax::parser::parse(text) {
        Ok(r) => (r, vec![]),
        Err((r, e)) => (r, e),
    };
    let lines = LineIndex::new(text);
    let findings = syntax_findings(&errors, text, &lines, display, source_locale);
    let mut entries = Vec::new();
    let mut index = HashMap::default();
    for entry in &resource.body {
        let (Some((id, name)), Some(v)) = (entry_id(entry), view(entry)) else {
            continue;
        };
        let offset = offset_of(text, name);
        let uses = uses_of(&v);
        let all_text: String = uses.text.clone();
        index.entry(id.clone()).or_insert(entries.len());
        entries.push(RefEntry {
            id,
            offset,
            line: lines.position(offset).0,
            has_value: v.value.is_some(),
            attributes: v.attributes.iter().map(|(n, _)| n.to_string()).collect(),
            variables: uses.variables,
            source: crate::ftl::entry_source(entry),
            words: all_text.split_whitespace().count(),
            tags: tags(&all_text),
            bidi: bidi_chars(&all_text),
            text: all_text,
            note: entry_comment(entry),
            links: if uses.text.contains("](") {
                crate::markdown::link_targets(&uses.text)
            } else {
                BTreeSet::new()
            },
        });
    }
    // Page strings get only the variables the build gives them: a typo in the
    // English would show readers a raw `{$name}`, and blame every translation.
    let mut findings = findings;
    for e in &entries {
        let Some((_, given)) = PAGE_VARIABLES.iter().find(|(id, _)| *id == e.id) else {
            continue;
        };
        for v in e.variables.iter().filter(|v| !given.contains(&v.as_str())) {
            let (line, column) = lines.position(e.offset);
            findings.push(Finding {
                code: Code::UnknownVariable,
                severity: Severity::Error,
                locale: source_locale.to_string(),
                path: display.to_string(),
                line,
                column,
                id: Some(e.id.clone()),
                message: format!(
                    "`{}` uses `${v}`, but the build gives it only {}: correct the name",
                    e.id,
                    if given.is_empty() {
                        "no variables".to_string()
                    } else {
                        given
                            .iter()
                            .map(|g| format!("`${g}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    }
                ),
                previous: None,
                span: e.offset..e.offset + e.id.len(),
            });
        }
    }
    (
        RefFile {
            display: display.to_string(),
            entries,
            index,
            templates: crate::ftl::blocks::expected_templates(text),
        },
        findings,
    )
}

/// The page strings `build` formats and the variables it gives each of them.
pub const PAGE_VARIABLES: &[(&str, &[&str])] = &[
    ("page-written-by", &["author"]),
    ("page-edited-by", &["editor"]),
    ("page-reading-time", &["minutes"]),
    ("page-index-languages", &["count"]),
    ("page-language-name", &[]),
    ("page-language-switcher", &[]),
    ("page-untranslated-note", &[]),
    ("page-index-title", &[]),
];

/// At most this many syntax errors are reported per file; the rest are counted.
pub const MAX_SYNTAX_FINDINGS: usize = 100;

/// A message's or term's own comment, its lines joined by spaces.
fn entry_comment(entry: &Entry<&str>) -> String {
    let comment = match entry {
        Entry::Message(m) => m.comment.as_ref(),
        Entry::Term(t) => t.comment.as_ref(),
        _ => None,
    };
    comment.map_or_else(String::new, |c| c.content.join(" "))
}

/// What to do about the syntax errors translators make most.
fn syntax_hint(kind: &fluent_syntax::parser::ErrorKind) -> &'static str {
    use fluent_syntax::parser::ErrorKind;
    match kind {
        ErrorKind::ExpectedInlineExpression | ErrorKind::UnbalancedClosingBrace => {
            " (braces hold placeables such as `{ $name }`; a brace as text is written `{\"{\"}` or `{\"}\"}`)"
        }
        ErrorKind::ExpectedToken('=') => " (a message is `id = value`: is the `=` missing?)",
        ErrorKind::ExpectedToken('}') => " (a placeable opened with `{` is not closed with `}`)",
        ErrorKind::MissingDefaultVariant => {
            " (one variant of a selector must be the default, marked with `*`, as in `*[other]`)"
        }
        ErrorKind::MissingValue => " (the message has no text: translate it or remove it)",
        ErrorKind::ExpectedMessageField { .. } => {
            " (the message has no value on its line: if you uncommented a template, remove `#  ` from its other lines too, and indent them)"
        }
        ErrorKind::UnterminatedStringLiteral => " (a `\"` inside `{ }` is not closed on the same line)",
        _ => "",
    }
}

fn syntax_findings(
    errors: &[fluent_syntax::parser::ParserError],
    text: &str,
    lines: &LineIndex,
    display: &str,
    locale: &str,
) -> Vec<Finding> {
    let mut out: Vec<Finding> = errors
        .iter()
        .take(MAX_SYNTAX_FINDINGS)
        .map(|e| {
            // An entry cut short by a line end is reported at the end of that
            // line, where the translator has to add something, not on the next.
            let mut at = e.pos.start.min(text.len());
            let junk_start = e.slice.as_ref().map_or(at, |s| s.start);
            while at > junk_start && text[..at].ends_with('\n') {
                at -= 1;
                if text[..at].ends_with('\r') {
                    at -= 1;
                }
            }
            let (line, column) = lines.position(at);
            syntax_error(
                locale,
                display,
                (line, column),
                format!(
                    "{}; the entry is skipped until it is fixed{}",
                    e.kind,
                    syntax_hint(&e.kind)
                ),
                at..e.pos.end.max(at + 1).min(text.len()),
            )
        })
        .collect();
    if errors.len() > MAX_SYNTAX_FINDINGS {
        let last = out.last().cloned();
        if let Some(mut f) = last {
            f.message = format!(
                "{} more syntax errors in this file are not shown",
                errors.len() - MAX_SYNTAX_FINDINGS
            );
            out.push(f);
        }
    }
    out
}

/// One file of a locale to check.
pub struct LocaleFile<'r> {
    pub reference: Option<&'r RefFile>,
    pub display: String,
    /// The file's text; `None` when the locale does not have the file.
    pub text: Option<String>,
    /// Where the reference is, for findings about what the locale lacks.
    pub reference_display: Option<String>,
    /// What English each translation was made from (stale tracking).
    pub state: Option<crate::state::StateFile>,
}

/// What an `l10n.toml` filter says of a file or entry (compare-locales' actions).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FilterAction {
    Error,
    Warning,
    Ignore,
}

/// Decides, per file and entry, whether a finding counts (l10n.toml filters).
pub type Filter<'f> = &'f (dyn Fn(&str, Option<&str>) -> FilterAction + Sync);

/// Checks every file of one locale.
pub fn check_locale(
    locale: &str,
    langid: &LanguageIdentifier,
    files: &[LocaleFile],
    filter: Option<Filter>,
) -> (Counts, Vec<Finding>) {
    let categories = crate::intl::plural_categories(langid);
    let mut counts = Counts::default();
    let mut findings = Vec::new();

    // Parse every file once and gather the ids the locale defines. A file
    // nested too deeply is read as empty (and reported below).
    let too_deep: Vec<Option<usize>> = files
        .iter()
        .map(|f| f.text.as_deref().and_then(crate::ftl::too_deep))
        .collect();
    let parsed: Vec<Option<(Resource<&str>, Vec<fluent_syntax::parser::ParserError>)>> = files
        .iter()
        .zip(&too_deep)
        .map(|(f, deep)| {
            let t = f.text.as_deref()?;
            let t = if deep.is_some() { "" } else { t };
            Some(match fluent_syntax::parser::parse(t) {
                Ok(r) => (r, vec![]),
                Err((r, e)) => (r, e),
            })
        })
        .collect();
    let mut defined: HashSet<String> = HashSet::default();
    for (r, _) in parsed.iter().flatten() {
        defined.extend(r.body.iter().filter_map(|e| entry_id(e).map(|(id, _)| id)));
    }
    let cyclic = cyclic_ids(&parsed);
    let in_reference: HashSet<&str> = files
        .iter()
        .filter_map(|f| f.reference)
        .flat_map(|r| r.entries.iter().map(|e| e.id.as_str()))
        .collect();

    for ((file, parsed), deep) in files.iter().zip(&parsed).zip(&too_deep) {
        let push = |f: Finding, findings: &mut Vec<Finding>| {
            let action = filter.map_or(FilterAction::Error, |flt| {
                flt(&file.display, f.id.as_deref())
            });
            if action == FilterAction::Ignore {
                return;
            }
            let mut f = f;
            if action == FilterAction::Warning && f.severity == Severity::Error {
                f.severity = Severity::Warning;
            }
            findings.push(f);
        };
        let ask =
            |key: Option<&str>| filter.map_or(FilterAction::Error, |flt| flt(&file.display, key));
        let ignored = |id: &str| ask(Some(id)) == FilterAction::Ignore;
        // As compare-locales: a file's numbers count unless its filter ignores "".
        let counted = ask(Some("")) != FilterAction::Ignore;
        let mut fc = Counts::default();
        if file.reference.is_none() {
            // A file only the locale has: reported, its entries not counted.
            if file.text.is_some() && ask(None) != FilterAction::Ignore {
                findings.push(Finding {
                    code: Code::ObsoleteFile,
                    severity: Severity::Info,
                    locale: locale.to_string(),
                    path: file.display.clone(),
                    line: 1,
                    column: 1,
                    id: None,
                    message: "the reference has no such file; remove it".into(),
                    previous: None,
                    span: 0..0,
                });
            }
            continue;
        }
        if let Some(reference) = file.reference {
            for e in &reference.entries {
                if !ignored(&e.id) {
                    fc.messages += 1;
                    fc.words += e.words;
                }
            }
        }
        let Some((resource, errors)) = parsed else {
            // A missing file: unless its filter ignores it, every entry is missing,
            // whatever the filters on keys say (compare-locales).
            if let (Some(reference), false) = (file.reference, ask(None) == FilterAction::Ignore) {
                let rd = file
                    .reference_display
                    .clone()
                    .unwrap_or_else(|| reference.display.clone());
                for e in &reference.entries {
                    fc.missing += 1;
                    findings.push(missing(locale, &rd, e));
                }
            }
            if counted {
                counts.add(&fc);
            }
            continue;
        };
        let text = file.text.as_deref().unwrap_or("");
        if let Some(at) = *deep {
            push(
                too_deep_finding(text, at, &file.display, locale),
                &mut findings,
            );
        }
        let lines = LineIndex::new(text);
        for f in syntax_findings(errors, text, &lines, &file.display, locale) {
            push(f, &mut findings);
        }
        // A template that is neither the English's nor one sync wrote holds
        // someone's edit: most often a translation typed after the mark.
        if let Some(reference) = file
            .reference
            .filter(|_| text.contains(crate::ftl::blocks::TEMPLATE_MARK))
        {
            for t in crate::ftl::blocks::find_templates(text) {
                let Some(expected) = reference.templates.get(&t.id) else {
                    continue;
                };
                let recorded = file
                    .state
                    .as_ref()
                    .is_some_and(|st| st.wrote_template(&t.id, &t.text));
                if expected.contains(&t.text) || recorded {
                    continue;
                }
                let (line, column) = lines.position(t.offset);
                let first_line = t.text.split('\n').next().unwrap_or_default().len();
                push(
                    Finding {
                        code: Code::EditedTemplate,
                        severity: Severity::Warning,
                        locale: locale.to_string(),
                        path: file.display.clone(),
                        line,
                        column,
                        id: Some(t.id.clone()),
                        message: format!(
                            "the template of `{}` was edited, so it is not the English any more: if this is your translation, delete `{}` in front of it so that it counts",
                            t.id,
                            crate::ftl::blocks::TEMPLATE_MARK.trim_end()
                        ),
                        previous: None,
                        span: t.offset..t.offset + first_line,
                    },
                    &mut findings,
                );
            }
        }
        let mut seen: HashMap<String, usize> = HashMap::default();
        for entry in &resource.body {
            let (Some((id, name)), Some(v)) = (entry_id(entry), view(entry)) else {
                continue;
            };
            let offset = offset_of(text, name);
            let (line, column) = lines.position(offset);
            let at = |code: Code, severity: Severity, message: String| Finding {
                code,
                severity,
                locale: locale.to_string(),
                path: file.display.clone(),
                line,
                column,
                id: Some(id.clone()),
                message,
                previous: None,
                span: offset..offset + name.len(),
            };
            if let Some(first) = seen.insert(id.clone(), line) {
                push(
                    at(
                        Code::DuplicateId,
                        Severity::Error,
                        format!("`{id}` is already defined on line {first}; remove one of them"),
                    ),
                    &mut findings,
                );
                continue;
            }
            let Some(reference) = file.reference.and_then(|r| r.get(&id)) else {
                if !ignored(&id) {
                    fc.obsolete += 1;
                    push(
                        at(
                            Code::ObsoleteMessage,
                            Severity::Info,
                            format!("`{id}` is not in the reference any more; remove it"),
                        ),
                        &mut findings,
                    );
                }
                continue;
            };
            let uses = uses_of(&v);
            let mut entry_errors = 0;
            let mut problems: Vec<Finding> = Vec::new();
            if cyclic.contains(&id) {
                problems.push(at(
                    Code::CyclicReference,
                    Severity::Error,
                    format!("`{id}` refers back to itself through other messages or terms; it can never be shown"),
                ));
            }

            match (reference.has_value, v.value.is_some()) {
                (true, false) => problems.push(at(
                    Code::MissingValue,
                    Severity::Error,
                    format!("`{id}` has no value but the reference has one"),
                )),
                (false, true) => problems.push(at(
                    Code::ObsoleteValue,
                    Severity::Error,
                    format!("`{id}` has a value but the reference has none"),
                )),
                _ => {}
            }
            let attrs: BTreeSet<String> = v.attributes.iter().map(|(n, _)| n.to_string()).collect();
            for a in reference.attributes.difference(&attrs) {
                problems.push(at(
                    Code::MissingAttribute,
                    Severity::Error,
                    format!("`{id}` lacks the attribute `.{a}`"),
                ));
            }
            for a in attrs.difference(&reference.attributes) {
                problems.push(at(
                    Code::ObsoleteAttribute,
                    Severity::Error,
                    format!("`{id}` has the attribute `.{a}` that the reference does not"),
                ));
            }
            for var in reference.variables.difference(&uses.variables) {
                problems.push(at(
                    Code::MissingVariable,
                    Severity::Warning,
                    format!("`{id}` does not use `${var}`, which the reference uses"),
                ));
            }
            for var in uses.variables.difference(&reference.variables) {
                problems.push(at(
                    Code::UnknownVariable,
                    Severity::Error,
                    format!("`{id}` uses `${var}`, which the reference does not provide"),
                ));
            }
            for r in uses.messages.iter().chain(&uses.terms) {
                if !defined.contains(r) {
                    if in_reference.contains(r.as_str()) {
                        problems.push(at(
                            Code::UnresolvedReference,
                            Severity::Warning,
                            format!(
                                "`{id}` refers to `{r}`, which this locale does not translate yet"
                            ),
                        ));
                    } else {
                        problems.push(at(
                            Code::UnresolvedReference,
                            Severity::Error,
                            format!("`{id}` refers to `{r}`, which is defined nowhere"),
                        ));
                    }
                }
            }
            for (numeric, keys) in &uses.selects {
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
                    problems.push(at(Code::PluralCategories, Severity::Warning, format!(
                        "`{id}` selects on a number but has no variant for [{}], which {locale} needs (CLDR)",
                        lacking.join("], [")
                    )));
                }
            }
            let t_tags = tags(&uses.text);
            if let Some(bad) = unsafe_markup(&uses.text) {
                problems.push(at(
                    Code::UnsafeMarkup,
                    Severity::Error,
                    format!("`{id}` contains {bad}; it is never rendered as markup, remove it"),
                ));
            } else if sorted(&t_tags) != sorted(&reference.tags) {
                problems.push(at(
                    Code::MarkupMismatch,
                    Severity::Warning,
                    format!(
                        "`{id}` has the tags [{}] but the reference has [{}]",
                        t_tags.join(", "),
                        reference.tags.join(", ")
                    ),
                ));
            } else if uses.text.contains("](") {
                let foreign: Vec<String> = crate::markdown::link_targets(&uses.text)
                    .into_iter()
                    .filter(|t| !reference.links.contains(t))
                    .collect();
                if !foreign.is_empty() {
                    problems.push(at(
                        Code::MarkupMismatch,
                        Severity::Warning,
                        format!(
                            "`{id}` links to {} which the reference does not: the build shows the words without the link; use the reference's targets",
                            foreign.join(", ")
                        ),
                    ));
                }
            }
            let bidi = bidi_chars(&uses.text);
            if !bidi_balanced(&uses.text) {
                problems.push(at(Code::BidiUnbalanced, Severity::Error, format!("`{id}` has bidi controls that are not closed in order (U+202C/U+2069); they can reorder the text around it")));
            } else if !bidi.is_subset(&reference.bidi) {
                let list: Vec<String> = bidi
                    .difference(&reference.bidi)
                    .map(|c| format!("U+{:04X}", *c as u32))
                    .collect();
                problems.push(at(Code::BidiControl, Severity::Warning, format!("`{id}` contains bidi controls the reference does not ({}); check that they are intended", list.join(", "))));
            }
            if v.value.is_some()
                && uses.text.trim().is_empty()
                && uses.variables.is_empty()
                && uses.messages.is_empty()
                && uses.terms.is_empty()
            {
                problems.push(at(
                    Code::EmptyValue,
                    Severity::Warning,
                    format!("`{id}` is empty"),
                ));
            }
            // Serializing the entry is costly: only when its text could be the
            // reference's, or when a stale record exists for it.
            let has_record = file
                .state
                .as_ref()
                .is_some_and(|st| st.messages.contains_key(&id));
            let source = if has_record || uses.text == reference.text {
                crate::ftl::entry_source(entry)
            } else {
                String::new()
            };
            let stale = file
                .state
                .as_ref()
                .and_then(|st| st.stale(&id, &reference.source, &source));
            if let Some(was) = stale {
                let mut finding = at(
                    Code::Stale,
                    Severity::Warning,
                    format!("the English changed since `{id}` was translated; it was: {was}"),
                );
                finding.previous = Some(was.to_string());
                problems.push(finding);
            }
            let identical = source == reference.source && !reference.text.trim().is_empty();
            if identical {
                fc.identical += 1;
                problems.push(at(
                    Code::Identical,
                    Severity::Info,
                    format!("`{id}` is the same as the reference"),
                ));
            }
            for p in problems {
                if p.severity == Severity::Error {
                    entry_errors += 1;
                }
                push(p, &mut findings);
            }
            let _ = entry_errors;
            if stale.is_some() {
                fc.stale += 1;
            } else {
                fc.translated += 1;
                fc.words_translated += reference.words;
            }
        }
        if let Some(reference) = file.reference {
            let rd = file
                .reference_display
                .clone()
                .unwrap_or_else(|| reference.display.clone());
            for e in reference
                .entries
                .iter()
                .filter(|e| !seen.contains_key(&e.id))
            {
                match ask(Some(&e.id)) {
                    FilterAction::Ignore => {}
                    // A filter's warning: reported apart, not counted as missing.
                    FilterAction::Warning => {
                        let mut f = missing(locale, &rd, e);
                        f.severity = Severity::Warning;
                        findings.push(f);
                    }
                    FilterAction::Error => {
                        fc.missing += 1;
                        findings.push(missing(locale, &rd, e));
                    }
                }
            }
        }
        if counted {
            counts.add(&fc);
        }
    }
    let typos = misspelled_ids(files, &findings);
    findings.extend(typos);
    for f in &findings {
        match f.severity {
            Severity::Error => counts.errors += 1,
            Severity::Warning => counts.warnings += 1,
            Severity::Info => {}
        }
    }
    (counts, findings)
}

/// An obsolete id one or two edits away from a reference id the file lacks is
/// most likely that id misspelt: its translation never shows, and `sync --prune`
/// would delete it. Said as a warning next to the obsolete-message info.
fn misspelled_ids(files: &[LocaleFile], findings: &[Finding]) -> Vec<Finding> {
    // Bounded work per file: a file that is all obsolete is a renamed reference,
    // not typos.
    const MAX_PAIRS: usize = 20_000;
    // One pass over the findings: obsolete ones by locale file, missing ids by
    // reference file.
    let mut obsolete_in: HashMap<&str, Vec<&Finding>> = HashMap::default();
    let mut missing_in: HashMap<&str, Vec<&str>> = HashMap::default();
    for f in findings {
        match f.code {
            Code::ObsoleteMessage => obsolete_in.entry(f.path.as_str()).or_default().push(f),
            Code::MissingMessage => {
                if let Some(id) = f.id.as_deref() {
                    missing_in.entry(f.path.as_str()).or_default().push(id);
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    for file in files {
        let Some(obsolete) = obsolete_in.get(file.display.as_str()) else {
            continue;
        };
        // Where missing messages are reported: the reference's display name.
        let Some(reference) = file
            .reference_display
            .as_ref()
            .or(file.reference.map(|r| &r.display))
        else {
            continue;
        };
        let Some(missing) = missing_in.get(reference.as_str()) else {
            continue;
        };
        if obsolete.len() * missing.len() > MAX_PAIRS {
            continue;
        }
        for f in obsolete {
            let Some(id) = f.id.as_deref() else {
                continue;
            };
            if let Some(near) = crate::ftl::likely_typo(id, missing.iter().copied()) {
                out.push(Finding {
                    code: Code::MisspelledId,
                    severity: Severity::Warning,
                    message: format!(
                        "`{id}` is not in the reference, but `{near}` is and has no translation: if that is what you meant, correct the id, or its translation is never shown"
                    ),
                    ..(*f).clone()
                });
            }
        }
    }
    out
}

/// Ids of the locale's entries that are on (or between) reference cycles.
/// Found without recursion, so a long chain of references cannot overflow the
/// stack: entries nothing refers to, and entries that refer to nothing in the
/// graph, are peeled off until only cycles remain.
fn cyclic_ids(
    parsed: &[Option<(Resource<&str>, Vec<fluent_syntax::parser::ParserError>)>],
) -> HashSet<String> {
    let mut edges: HashMap<String, BTreeSet<String>> = HashMap::default();
    for (r, _) in parsed.iter().flatten() {
        for entry in &r.body {
            let (Some((id, _)), Some(v)) = (entry_id(entry), view(entry)) else {
                continue;
            };
            // Only entries with placeables can refer to anything.
            let mut patterns = v
                .value
                .into_iter()
                .chain(v.attributes.iter().map(|(_, p)| *p));
            if !patterns.any(|p| {
                p.elements
                    .iter()
                    .any(|e| matches!(e, PatternElement::Placeable { .. }))
            }) {
                continue;
            }
            let uses = uses_of(&v);
            let targets: BTreeSet<String> = uses.messages.into_iter().chain(uses.terms).collect();
            if !targets.is_empty() {
                edges.entry(id).or_default().extend(targets);
            }
        }
    }
    // Kahn-style peeling with degree counters: linear in entries and references.
    let ids: Vec<&String> = edges.keys().collect();
    let index: HashMap<&String, usize> = ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
    let n = ids.len();
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut inn: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (id, targets) in &edges {
        let from = index[id];
        for t in targets.iter().filter_map(|t| index.get(t)) {
            out[from].push(*t);
            inn[*t].push(from);
        }
    }
    let mut out_degree: Vec<usize> = out.iter().map(Vec::len).collect();
    let mut in_degree: Vec<usize> = inn.iter().map(Vec::len).collect();
    let mut removed = vec![false; n];
    let mut queue: Vec<usize> = (0..n)
        .filter(|&i| out_degree[i] == 0 || in_degree[i] == 0)
        .collect();
    while let Some(u) = queue.pop() {
        if std::mem::replace(&mut removed[u], true) {
            continue;
        }
        for &v in &out[u] {
            in_degree[v] -= 1;
            if in_degree[v] == 0 && !removed[v] {
                queue.push(v);
            }
        }
        for &w in &inn[u] {
            out_degree[w] -= 1;
            if out_degree[w] == 0 && !removed[w] {
                queue.push(w);
            }
        }
    }
    (0..n)
        .filter(|&i| !removed[i])
        .map(|i| ids[i].clone())
        .collect()
}

fn too_deep_finding(text: &str, at: usize, display: &str, locale: &str) -> Finding {
    let position = crate::ftl::line_column(text, at);
    syntax_error(
        locale,
        display,
        position,
        crate::ftl::too_deep_message(),
        at..at + 1,
    )
}

fn syntax_error(
    locale: &str,
    display: &str,
    (line, column): (usize, usize),
    message: String,
    span: Range<usize>,
) -> Finding {
    Finding {
        code: Code::SyntaxError,
        severity: Severity::Error,
        locale: locale.to_string(),
        path: display.to_string(),
        line,
        column,
        id: None,
        message,
        previous: None,
        span,
    }
}

fn sorted(v: &[String]) -> Vec<&String> {
    let mut v: Vec<&String> = v.iter().collect();
    v.sort();
    v
}

fn missing(locale: &str, reference_display: &str, e: &RefEntry) -> Finding {
    Finding {
        code: Code::MissingMessage,
        severity: Severity::Info,
        locale: locale.to_string(),
        path: reference_display.to_string(),
        line: e.line,
        column: 1,
        id: Some(e.id.clone()),
        message: format!("`{}` is not translated yet", e.id),
        previous: None,
        span: e.offset..e.offset + e.id.trim_start_matches('-').len(),
    }
}

/// `<script>`, an `on…=` event handler or a `javascript:` URL, if present.
pub fn unsafe_markup(text: &str) -> Option<&'static str> {
    // Each pattern needs a `<` (tags, handlers) or a `:` (URLs).
    if !text.contains(['<', ':']) {
        return None;
    }
    let lower = text.to_ascii_lowercase();
    if lower.contains("<script") {
        return Some("a <script> tag");
    }
    if lower.contains("javascript:") {
        return Some("a javascript: URL");
    }
    let bytes = lower.as_bytes();
    let mut i = 0;
    while let Some(pos) = lower[i..].find("on") {
        let at = i + pos;
        let before_ok = at > 0 && (bytes[at - 1].is_ascii_whitespace() || bytes[at - 1] == b'/');
        let mut j = at + 2;
        while j < bytes.len() && bytes[j].is_ascii_alphabetic() {
            j += 1;
        }
        let mut k = j;
        while k < bytes.len() && bytes[k] == b' ' {
            k += 1;
        }
        if before_ok && j > at + 2 && bytes.get(k) == Some(&b'=') && lower[..at].contains('<') {
            return Some("an on…= event handler");
        }
        i = at + 2;
    }
    None
}

/// Groups findings by locale, for reporters.
pub fn by_locale(findings: &[Finding]) -> BTreeMap<&str, Vec<&Finding>> {
    let mut map: BTreeMap<&str, Vec<&Finding>> = BTreeMap::new();
    for f in findings {
        map.entry(f.locale.as_str()).or_default().push(f);
    }
    map
}

#[cfg(test)]
mod tests {
    use super::PAGE_VARIABLES;

    /// Every page string the build formats is in `PAGE_VARIABLES`, and the
    /// list names no other: the two are kept in step by this test.
    #[test]
    fn page_variables_name_the_page_strings_the_build_formats() {
        let build = include_str!("../build/mod.rs");
        // Every string literal that starts with `page-`.
        let mut used: Vec<&str> = build
            .match_indices("\"page-")
            .filter_map(|(at, _)| {
                let rest = &build[at + 1..];
                let id = &rest[..rest.find('"')?];
                id.chars()
                    .all(|c| c.is_ascii_lowercase() || c == '-')
                    .then_some(id)
            })
            .collect();
        used.sort_unstable();
        used.dedup();
        let mut listed: Vec<&str> = PAGE_VARIABLES.iter().map(|(id, _)| *id).collect();
        listed.sort_unstable();
        assert_eq!(used, listed);
    }
}
pub mod audit;
