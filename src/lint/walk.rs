//! What an entry uses, gathered in one walk of its patterns: variables,
//! message and term references, its text and its selectors. Every rule reads
//! this instead of walking the syntax tree again.

use std::borrow::Cow;

use fluent_syntax::ast::{
    Attribute, Entry, Expression, InlineExpression, Pattern, PatternElement, VariantKey,
};
/// Everything a pattern uses, gathered in one walk. Names and text are
/// borrowed from the file's text (`'s`): the walk of an entry, done for every
/// entry of every locale, copies only its text.
///
/// The names are sorted lists, each name once: an entry uses a few, most none,
/// and an empty list costs nothing to make or drop (a tree set did, for every
/// entry of every locale).
#[derive(Default)]
pub struct Uses<'s> {
    pub variables: Vec<&'s str>,
    pub messages: Vec<&'s str>,
    /// Term references, as `-name` (rare: made when met).
    pub terms: Vec<String>,
    /// The text of the value and attributes, placeables left out: the
    /// file's own when the entry is one piece of text (most are).
    pub text: Cow<'s, str>,
    /// Every select expression: what it selects on and its variant keys.
    pub selects: Vec<Select<'s>>,
    /// How many function calls (`NUMBER(…)`) it makes.
    pub calls: usize,
}

impl<'s> Uses<'s> {
    /// Message and term references alike (terms as `-name`).
    pub fn references(&self) -> impl Iterator<Item = &str> + '_ {
        self.messages
            .iter()
            .copied()
            .chain(self.terms.iter().map(String::as_str))
    }
}

/// What a select expression selects on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selector<'s> {
    /// `NUMBER(…)` or a number literal: always a number.
    Number,
    /// A `$variable`: a number or a string, as its variants tell.
    Variable(&'s str),
    /// A term attribute, a string literal or another function: never a plural.
    Other,
}

/// One select expression of a pattern.
#[derive(Debug, Clone)]
pub struct Select<'s> {
    pub selector: Selector<'s>,
    pub keys: Vec<&'s str>,
    /// Whether the default variant shows the variable selected on (`*[other]
    /// { $count } tabs`): the count in digits, not a word for it.
    pub default_shows_count: bool,
}

/// CLDR's plural category names but `other`, which string selectors use too.
pub const PLURAL_KEYS: [&str; 5] = ["zero", "one", "two", "few", "many"];

impl Select<'_> {
    /// Whether its own keys say it selects on a number: a plural category
    /// (but `other`) or a number literal.
    pub fn has_number_keys(&self) -> bool {
        self.keys
            .iter()
            .any(|k| PLURAL_KEYS.contains(k) || k.parse::<f64>().is_ok())
    }
}

/// A message's or term's value and attributes, alike for both.
#[derive(Clone, Copy)]
pub struct EntryView<'a, 's> {
    pub value: Option<&'a Pattern<&'s str>>,
    attributes: &'a [Attribute<&'s str>],
}

impl<'a, 's> EntryView<'a, 's> {
    /// Each attribute's name and pattern, in order.
    pub fn attributes(
        &self,
    ) -> impl Iterator<Item = (&'s str, &'a Pattern<&'s str>)> + use<'a, 's> {
        self.attributes.iter().map(|a| (a.id.name, &a.value))
    }
}

/// The id of a message, or `-name` of a term, and the name as it is in the
/// text. A message's id is its name, borrowed; only a term's is made.
pub fn entry_id<'s>(entry: &Entry<&'s str>) -> Option<(Cow<'s, str>, &'s str)> {
    match entry {
        Entry::Message(m) => Some((Cow::Borrowed(m.id.name), m.id.name)),
        Entry::Term(t) => Some((Cow::Owned(format!("-{}", t.id.name)), t.id.name)),
        _ => None,
    }
}

pub fn view<'a, 's>(entry: &'a Entry<&'s str>) -> Option<EntryView<'a, 's>> {
    match entry {
        Entry::Message(m) => Some(EntryView {
            value: m.value.as_ref(),
            attributes: &m.attributes,
        }),
        Entry::Term(t) => Some(EntryView {
            value: Some(&t.value),
            attributes: &t.attributes,
        }),
        _ => None,
    }
}

/// What the value and every attribute use, together.
pub fn uses_of<'s>(view: &EntryView<'_, 's>) -> Uses<'s> {
    if let (Some(value), []) = (view.value, view.attributes) {
        if let [PatternElement::TextElement { value }] = value.elements.as_slice() {
            // One piece of text uses nothing, and its text is the file's.
            return Uses {
                text: Cow::Borrowed(value),
                ..Uses::default()
            };
        }
    }
    let mut uses = Uses::default();
    // The text is at least the patterns' own text: made room for at once.
    let own_text: usize = view
        .value
        .into_iter()
        .chain(view.attributes().map(|(_, p)| p))
        .flat_map(|p| &p.elements)
        .map(|e| match e {
            PatternElement::TextElement { value } => value.len(),
            PatternElement::Placeable { .. } => 0,
        })
        .sum();
    uses.text = Cow::Owned(String::with_capacity(own_text));
    if let Some(v) = view.value {
        walk_pattern(v, &mut uses, 0);
    }
    for (_, p) in view.attributes() {
        walk_pattern(p, &mut uses, 0);
    }
    for names in [&mut uses.variables, &mut uses.messages] {
        names.sort_unstable();
        names.dedup();
    }
    uses.terms.sort_unstable();
    uses.terms.dedup();
    uses
}

/// The text of the value and of each attribute apart (placeables left
/// out), which [`uses_of`] joins into one.
pub fn pattern_texts<'s>(view: &EntryView<'_, 's>) -> Vec<Cow<'s, str>> {
    view.value
        .into_iter()
        .chain(view.attributes().map(|(_, p)| p))
        .map(|p| {
            let one = EntryView {
                value: Some(p),
                attributes: &[],
            };
            uses_of(&one).text
        })
        .collect()
}

/// A message's or term's own comment, its lines joined by spaces.
pub fn entry_comment(entry: &Entry<&str>) -> String {
    let comment = match entry {
        Entry::Message(m) => m.comment.as_ref(),
        Entry::Term(t) => t.comment.as_ref(),
        _ => None,
    };
    comment.map_or_else(String::new, |c| c.content.join(" "))
}

fn walk_pattern<'s>(pattern: &Pattern<&'s str>, uses: &mut Uses<'s>, depth: usize) {
    if depth > 64 {
        return; // deeper nesting is reported by the parser's limits, not walked
    }
    for element in &pattern.elements {
        match element {
            PatternElement::TextElement { value } => uses.text.to_mut().push_str(value),
            PatternElement::Placeable { expression } => {
                walk_expression(expression, uses, depth + 1)
            }
        }
    }
}

fn walk_expression<'s>(expression: &Expression<&'s str>, uses: &mut Uses<'s>, depth: usize) {
    match expression {
        Expression::Select { selector, variants } => {
            walk_inline(selector, uses, depth);
            let selector = match selector {
                InlineExpression::VariableReference { id } => Selector::Variable(id.name),
                InlineExpression::FunctionReference { id, .. } if id.name == "NUMBER" => {
                    Selector::Number
                }
                InlineExpression::NumberLiteral { .. } => Selector::Number,
                _ => Selector::Other,
            };
            let keys = variants
                .iter()
                .map(|v| match &v.key {
                    VariantKey::Identifier { name } => *name,
                    VariantKey::NumberLiteral { value } => *value,
                })
                .collect();
            let default_shows_count = match selector {
                Selector::Variable(name) => variants
                    .iter()
                    .find(|v| v.default)
                    .is_some_and(|v| shows_variable(&v.value, name, depth)),
                _ => false,
            };
            uses.selects.push(Select {
                selector,
                keys,
                default_shows_count,
            });
            for v in variants {
                walk_pattern(&v.value, uses, depth + 1);
            }
        }
        Expression::Inline(inline) => walk_inline(inline, uses, depth),
    }
}

/// Whether a pattern shows `$name` (in a placeable, a function's argument).
fn shows_variable(pattern: &Pattern<&str>, name: &str, depth: usize) -> bool {
    fn inline(e: &InlineExpression<&str>, name: &str, depth: usize) -> bool {
        if depth > 64 {
            return false; // as `walk_pattern`: deeper nesting is not walked
        }
        match e {
            InlineExpression::VariableReference { id } => id.name == name,
            InlineExpression::FunctionReference { arguments, .. } => arguments
                .positional
                .iter()
                .any(|a| inline(a, name, depth + 1)),
            InlineExpression::Placeable { expression } => match &**expression {
                Expression::Inline(e) => inline(e, name, depth + 1),
                Expression::Select { .. } => false,
            },
            _ => false,
        }
    }
    depth < 64
        && pattern.elements.iter().any(|e| match e {
            PatternElement::Placeable {
                expression: Expression::Inline(e),
            } => inline(e, name, depth + 1),
            PatternElement::Placeable {
                expression: Expression::Select { variants, .. },
            } => variants
                .iter()
                .any(|v| shows_variable(&v.value, name, depth + 1)),
            PatternElement::TextElement { .. } => false,
        })
}

fn walk_inline<'s>(inline: &InlineExpression<&'s str>, uses: &mut Uses<'s>, depth: usize) {
    match inline {
        InlineExpression::VariableReference { id } => {
            uses.variables.push(id.name);
        }
        InlineExpression::MessageReference { id, .. } => {
            uses.messages.push(id.name);
        }
        InlineExpression::TermReference { id, arguments, .. } => {
            uses.terms.push(format!("-{}", id.name));
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
            uses.calls += 1;
            for a in &arguments.positional {
                walk_inline(a, uses, depth + 1);
            }
            for n in &arguments.named {
                walk_inline(&n.value, uses, depth + 1);
            }
        }
        InlineExpression::Placeable { expression } => walk_expression(expression, uses, depth + 1),
        InlineExpression::StringLiteral { value } => uses.text.to_mut().push_str(value),
        InlineExpression::NumberLiteral { .. } => {}
    }
}
