//! Message and term references: each resolves to an entry of the locale, and
//! none loops back to where it started.

use super::{EntryContext, RuleInfo};
use crate::finding::{Code, Finding, Severity};
use crate::lint::walk::{entry_id, Uses};
use crate::lint::RefFile;
use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::borrow::Cow;

pub const RULES: &[RuleInfo] = &[
    RuleInfo {
        code: Code::CyclicReference,
        level: Severity::Error,
        rationale: "a message that refers back to itself can never be shown",
    },
    RuleInfo {
        code: Code::MissingReference,
        level: Severity::Warning,
        rationale: "a message or term the reference shows that the translation leaves out is a placeable dropped (compare-locales warns too); not checked on terms, which are the locale's own",
    },
    RuleInfo {
        code: Code::OtherDocumentReference,
        level: Severity::Error,
        rationale: "in a project of documents the build renders a page from its document's own file and the page strings only: a message of another document's file is unknown there, and the page shows the fallback",
    },
    RuleInfo {
        code: Code::UnresolvedReference,
        level: Severity::Error,
        rationale: "a reference that resolves nowhere breaks the message; only a warning when the locale just does not translate the target yet; one the reference cannot resolve either is reported once, on the reference",
    },
];

pub fn cyclic(ctx: &EntryContext, out: &mut Vec<Finding>) {
    let id = ctx.id();
    if ctx.scope.cyclic.contains(id) {
        out.push(ctx.finding(
            Code::CyclicReference,
            format!("`{id}` refers back to itself through other messages or terms; it can never be shown"),
        ));
    }
}

pub fn dropped(ctx: &EntryContext, out: &mut Vec<Finding>) {
    if ctx.is_term() {
        return;
    }
    let (id, uses) = (ctx.id(), &ctx.uses);
    for r in &ctx.reference.references {
        if !uses.messages.contains(&r.as_str()) && !uses.terms.contains(r) {
            out.push(ctx.finding(
                Code::MissingReference,
                format!("`{id}` does not use `{{ {r} }}`, which the reference shows"),
            ));
        }
    }
}

pub fn unresolved(ctx: &EntryContext, out: &mut Vec<Finding>) {
    let (id, uses, scope) = (ctx.id(), &ctx.uses, ctx.scope);
    for r in uses.references() {
        match other_document(ctx, r) {
            Some(true) => {
                out.push(other_document_finding(ctx, r));
                continue;
            }
            // Neither its own file nor the page strings define it, but
            // its English does: the locale does not translate it yet.
            Some(false) if !scope.defined.contains(r) => {}
            Some(false) => continue,
            None if scope.defined.contains(r) => continue,
            None => {}
        }
        let (severity, mut message) = if scope.in_reference(r) {
            (
                Severity::Warning,
                format!("`{id}` refers to `{r}`, which this locale does not translate yet"),
            )
        } else if ctx.reference.references.contains(r) {
            // The reference has the same broken reference: reported once,
            // on the reference (see `in_reference`), not once per locale.
            continue;
        } else {
            (
                Severity::Error,
                format!("`{id}` refers to `{r}`, which is defined nowhere"),
            )
        };
        if severity == Severity::Error {
            if let Some(near) = closest_id(scope, r) {
                message.push_str(&format!(": did you mean `{near}`?"));
            }
        }
        let mut finding = match super::placeable_of(ctx, r) {
            Some(span) => super::placed(ctx, Code::UnresolvedReference, span, message),
            None => ctx.finding(Code::UnresolvedReference, message),
        };
        finding.severity = severity;
        out.push(finding);
    }
}

/// In a project of documents ([`super::Documents`]), for a reference `r`
/// of an entry of a document's file: whether only another document's file
/// defines it (`true`), or the document's own file, its English or the
/// page strings do (`false`); `None` elsewhere (an `l10n.toml` project, the
/// page strings' own file) and for an id no file defines (`unresolved`'s
/// other cases).
pub fn other_document(ctx: &EntryContext, r: &str) -> Option<bool> {
    let documents = ctx.scope.documents.as_ref()?;
    let display = ctx.file.display.as_str();
    if display == documents.page_display {
        return None;
    }
    let own = documents
        .own
        .get(display)
        .is_some_and(|ids| ids.contains(r));
    if own || documents.page_ids.contains(r) {
        return Some(false);
    }
    let english = ctx.file.reference.is_some_and(|f| f.index.contains_key(r));
    if english || documents.english_page_ids.contains(r) {
        return Some(false);
    }
    let elsewhere = ctx.scope.defined.contains(r) || ctx.scope.in_reference(r);
    elsewhere.then_some(true)
}

/// The finding of a reference to another document's message.
fn other_document_finding(ctx: &EntryContext, r: &str) -> Finding {
    let message = format!(
        "`{}` refers to `{r}`, which only another document's file defines: the build renders a document's page from its own file and the page strings only, so the page shows “Unknown message” and the fallback; copy the text into `{}`, or move `{r}` into this document's file",
        ctx.id(),
        ctx.id()
    );
    match super::placeable_of(ctx, r) {
        Some(span) => super::placed(ctx, Code::OtherDocumentReference, span, message),
        None => ctx.finding(Code::OtherDocumentReference, message),
    }
}

/// The id closest to `r` among the locale's and its references' (terms
/// for a term, messages for a message), if one is a likely typo.
fn closest_id(scope: &super::LocaleScope, r: &str) -> Option<String> {
    let term = r.starts_with('-');
    let defined = scope.defined.iter().map(|d| d.as_ref());
    let reference = scope
        .reference_files
        .iter()
        .flat_map(|f| f.entries.iter().map(|e| e.id.as_str()));
    let known: Vec<&str> = defined
        .chain(reference)
        .filter(|k| k.starts_with('-') == term)
        .collect();
    super::variables::closest(r, known.into_iter()).map(str::to_string)
}

/// Whether every message and term the entries refer to is in `defined`.
pub fn resolve_within<'r, 's: 'r>(
    mut entries: impl Iterator<Item = (&'r Entry<&'s str>, &'r Uses<'s>)>,
    defined: &HashSet<Cow<'s, str>>,
) -> bool {
    entries.all(|(_, uses)| uses.references().all(|r| defined.contains(r)))
}

/// References in the reference files that resolve to no reference entry: a
/// bug of the reference, reported once on it for the source locale, at the
/// placeable (each file given with its text).
pub fn in_reference<'r>(
    files: impl Iterator<Item = (&'r RefFile, &'r str)> + Clone,
    source_locale: &str,
) -> Vec<Finding> {
    let defined: HashSet<&str> = files
        .clone()
        .flat_map(|(f, _)| f.entries.iter().map(|e| e.id.as_str()))
        .collect();
    let gaps = reference_gaps(files, &|r| defined.contains(r), source_locale);
    close_gaps(gaps, &defined)
}

/// A reference of a reference file to an id none of the reference files
/// looked at defines: [`in_reference`]'s finding, unless another file
/// defines it, without its suggestion yet.
pub struct Gap {
    finding: Finding,
    target: String,
}

/// [`in_reference`] over some of the reference files, the ids of all of
/// them not known yet: each reference `defined` does not know, as a gap
/// for [`close_gaps`] (which knows every id) to keep or drop.
pub fn reference_gaps<'r>(
    files: impl Iterator<Item = (&'r RefFile, &'r str)>,
    defined: &dyn Fn(&str) -> bool,
    source_locale: &str,
) -> Vec<Gap> {
    let mut out = Vec::new();
    for (file, text) in files {
        let lines = crate::ftl::LineIndex::new(text);
        for e in &file.entries {
            for r in e.references.iter().filter(|r| !defined(r.as_str())) {
                let message = format!(
                    "`{}` refers to `{r}`, which is defined nowhere (a bug of the reference: every locale has it)",
                    e.id
                );
                let name = e.id.trim_start_matches('-');
                let span = super::placeable_in(text, e.offset, r)
                    .unwrap_or(e.offset..e.offset + name.len());
                let (line, column) = lines.position(span.start);
                let finding = Finding {
                    line,
                    column,
                    id: Some(e.id.clone()),
                    span,
                    ..super::finding(
                        Code::UnresolvedReference,
                        source_locale,
                        &file.display,
                        message,
                    )
                };
                out.push(Gap {
                    finding,
                    target: r.clone(),
                });
            }
        }
    }
    out
}

/// The findings of the gaps whose target none of the reference files
/// defines (`defined`: every id of every reference file), each with the
/// closest id as a suggestion.
pub fn close_gaps(gaps: Vec<Gap>, defined: &HashSet<&str>) -> Vec<Finding> {
    gaps.into_iter()
        .filter(|g| !defined.contains(g.target.as_str()))
        .map(
            |Gap {
                 mut finding,
                 target,
             }| {
                let term = target.starts_with('-');
                let near = super::variables::closest(
                    &target,
                    defined
                        .iter()
                        .copied()
                        .filter(|d| d.starts_with('-') == term),
                );
                if let Some(near) = near {
                    finding
                        .message
                        .push_str(&format!(": did you mean `{near}`?"));
                }
                finding
            },
        )
        .collect()
}

/// Ids of the locale's entries that are on (or between) reference cycles,
/// from each entry and what it uses (walked once for this and the entry rules).
/// Found without recursion, so a long chain of references cannot overflow the
/// stack: entries nothing refers to, and entries that refer to nothing in the
/// graph, are peeled off until only cycles remain.
///
/// A cycle is one of values and attributes, as Fluent resolves them: an
/// attribute that shows its own message's value (`.title = { pane-title }`)
/// or a sibling attribute (`.tooltiptextdown = { expander.tooltiptext }`) is
/// valid Fluent and ships in Firefox. Entries still on a cycle of whole
/// entries (rare) are looked at again part by part: a value, each attribute.
pub fn cyclic_ids<'r, 's: 'r>(
    entries: impl Iterator<Item = (&'r Entry<&'s str>, &'r Uses<'s>)>,
) -> HashSet<String> {
    let referring: Vec<(&'r Entry<&'s str>, Cow<'s, str>, Vec<&'r str>)> = entries
        .filter(|(_, uses)| !uses.messages.is_empty() || !uses.terms.is_empty())
        .filter_map(|(entry, uses)| {
            let (id, _) = entry_id(entry)?;
            Some((entry, id, uses.references().collect()))
        })
        .collect();
    let whole = on_cycles(
        referring
            .iter()
            .map(|(_, id, targets)| (id.clone(), targets.clone())),
    );
    if whole.is_empty() {
        return whole;
    }
    // The parts of the entries on whole-entry cycles: `id` for the value,
    // `id.attr` for an attribute; a reference to an attribute targets it.
    let parts = referring
        .iter()
        .filter(|(_, id, _)| whole.contains(id.as_ref()))
        .flat_map(|(entry, id, _)| part_references(entry, id));
    on_cycles(parts.map(|(part, targets)| (Cow::Owned(part), targets)))
        .into_iter()
        .map(|part| match part.split_once('.') {
            Some((id, _)) => id.to_string(),
            None => part,
        })
        .collect()
}

/// The value's and each attribute's references of an entry, as parts: `id`
/// or `id.attr`, each with the parts it refers to.
fn part_references(entry: &Entry<&str>, id: &str) -> Vec<(String, Vec<String>)> {
    let Some(view) = crate::lint::walk::view(entry) else {
        return Vec::new();
    };
    let mut parts = Vec::new();
    if let Some(value) = view.value {
        let mut targets = Vec::new();
        pattern_targets(value, &mut targets, 0);
        parts.push((id.to_string(), targets));
    }
    for (name, pattern) in view.attributes() {
        let mut targets = Vec::new();
        pattern_targets(pattern, &mut targets, 0);
        parts.push((format!("{id}.{name}"), targets));
    }
    parts
}

fn pattern_targets(pattern: &Pattern<&str>, out: &mut Vec<String>, depth: usize) {
    if depth > 64 {
        return; // as `walk`: deeper nesting is the parser's limits' to report
    }
    for element in &pattern.elements {
        if let PatternElement::Placeable { expression } = element {
            expression_targets(expression, out, depth + 1);
        }
    }
}

fn expression_targets(expression: &Expression<&str>, out: &mut Vec<String>, depth: usize) {
    match expression {
        Expression::Select { selector, variants } => {
            inline_targets(selector, out, depth);
            for v in variants {
                pattern_targets(&v.value, out, depth + 1);
            }
        }
        Expression::Inline(inline) => inline_targets(inline, out, depth),
    }
}

fn inline_targets(inline: &InlineExpression<&str>, out: &mut Vec<String>, depth: usize) {
    let part =
        |prefix: &str, id: &str, attribute: &Option<fluent_syntax::ast::Identifier<&str>>| {
            match attribute {
                Some(a) => format!("{prefix}{id}.{}", a.name),
                None => format!("{prefix}{id}"),
            }
        };
    match inline {
        InlineExpression::MessageReference { id, attribute } => {
            out.push(part("", id.name, attribute))
        }
        InlineExpression::TermReference {
            id,
            attribute,
            arguments,
        } => {
            out.push(part("-", id.name, attribute));
            if let Some(args) = arguments {
                args.positional
                    .iter()
                    .chain(args.named.iter().map(|n| &n.value))
                    .for_each(|a| inline_targets(a, out, depth + 1));
            }
        }
        InlineExpression::FunctionReference { arguments, .. } => arguments
            .positional
            .iter()
            .chain(arguments.named.iter().map(|n| &n.value))
            .for_each(|a| inline_targets(a, out, depth + 1)),
        InlineExpression::Placeable { expression } => {
            expression_targets(expression, out, depth + 1)
        }
        _ => {}
    }
}

/// The nodes on (or between) cycles of a graph given as each node's targets
/// (a node given twice has the targets of both).
fn on_cycles<'s, T: AsRef<str>>(
    nodes: impl Iterator<Item = (Cow<'s, str>, Vec<T>)>,
) -> HashSet<String> {
    let mut index: HashMap<Cow<'s, str>, usize> = HashMap::default();
    let mut targets: Vec<Vec<T>> = Vec::new();
    for (id, to) in nodes {
        let at = *index.entry(id).or_insert_with(|| {
            targets.push(Vec::new());
            targets.len() - 1
        });
        targets[at].extend(to);
    }
    // A cycle needs a node that refers to another that refers on; most
    // locales have none (their references go to terms that refer to nothing).
    if !targets
        .iter()
        .flatten()
        .any(|t| index.contains_key(t.as_ref()))
    {
        return HashSet::default();
    }
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); targets.len()];
    let mut inn: Vec<Vec<usize>> = vec![Vec::new(); targets.len()];
    for (from, to) in targets.iter().enumerate() {
        let mut to: Vec<usize> = to
            .iter()
            .filter_map(|t| index.get(t.as_ref()).copied())
            .collect();
        to.sort_unstable();
        to.dedup();
        for t in to {
            out[from].push(t);
            inn[t].push(from);
        }
    }
    let removed = peel(&out, &inn);
    index
        .into_iter()
        .filter(|&(_, i)| !removed[i])
        .map(|(id, _)| id.into_owned())
        .collect()
}

/// Kahn-style peeling with degree counters, linear in entries and references:
/// which nodes are removed for being on no cycle.
fn peel(out: &[Vec<usize>], inn: &[Vec<usize>]) -> Vec<bool> {
    let n = out.len();
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
    removed
}
