//! The pattern language of `l10n.toml` paths (compare-locales' `matcher.py`):
//! parsing `{var}`, `*` and `**`, expanding a pattern with variable values, and
//! the `{android_locale}` spelling of a locale.

use super::paths::is_abs;
use std::collections::{BTreeMap, BTreeSet};

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Node {
    Literal(String),
    Variable { name: String, repeat: bool },
    AndroidLocale { repeat: bool },
    Star(usize),
    Starstar(usize, &'static str),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Pattern {
    pub(super) nodes: Vec<Node>,
    pub(super) root: Option<String>,
    pub(super) prefix_length: usize,
}

impl Pattern {
    pub(super) fn wildcards(&self) -> usize {
        self.nodes
            .iter()
            .filter(|n| matches!(n, Node::Star(_) | Node::Starstar(..)))
            .count()
    }
}

pub(super) type Env = BTreeMap<String, Pattern>;

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// PatternParser.parse: `**` (at the start of a segment, alone in it), `*` and
/// `{ name }`; everything else is literal text.
pub(super) fn parse_pattern(text: &str) -> Pattern {
    let mut nodes = Vec::new();
    let mut prefix_length = None;
    let mut stars = 0;
    let mut known = BTreeSet::new();
    let mut cursor = 0;
    let mut i = 0;
    while i < text.len() {
        // (end of the match, node)
        let found = wildcard_at(text, i).or_else(|| {
            let (end, name) = variable_at(text, i)?;
            let repeat = !known.insert(name.clone());
            let node = if name == "android_locale" {
                Node::AndroidLocale { repeat }
            } else {
                Node::Variable { name, repeat }
            };
            Some((end, node))
        });
        match found {
            Some((end, mut node)) => {
                if i > cursor {
                    nodes.push(Node::Literal(text[cursor..i].to_string()));
                }
                if let Node::Star(n) | Node::Starstar(n, _) = &mut node {
                    if prefix_length.is_none() {
                        prefix_length = Some(nodes.len());
                    }
                    stars += 1;
                    *n = stars;
                }
                nodes.push(node);
                cursor = end;
                i = end;
            }
            None => i += text[i..].chars().next().map_or(1, char::len_utf8),
        }
    }
    nodes.push(Node::Literal(text[cursor..].to_string()));
    let prefix_length = prefix_length.unwrap_or(nodes.len());
    Pattern {
        nodes,
        root: None,
        prefix_length,
    }
}

/// `**` (at the start of a segment, with its `/` if one follows) or `*` at
/// byte `i`: the end of the match and the node, not yet numbered.
fn wildcard_at(text: &str, i: usize) -> Option<(usize, Node)> {
    let bytes = text.as_bytes();
    let after_segment_start = i == 0 || matches!(bytes[i - 1], b'/' | b'}');
    if after_segment_start && text[i..].starts_with("**") {
        let rest = &text[i + 2..];
        if rest.starts_with('/') {
            return Some((i + 3, Node::Starstar(0, "/")));
        } else if rest.is_empty() || rest == "\n" {
            return Some((i + 2, Node::Starstar(0, "")));
        }
    }
    (bytes[i] == b'*').then_some((i + 1, Node::Star(0)))
}

/// `{ name }` at byte `i`: the end of the match and the name.
fn variable_at(text: &str, i: usize) -> Option<(usize, String)> {
    if text.as_bytes()[i] != b'{' {
        return None;
    }
    let rest = &text[i + 1..];
    let spaces = rest.len() - rest.trim_start_matches(' ').len();
    let name_rest = &rest[spaces..];
    let name_len = name_rest
        .char_indices()
        .find(|(_, c)| !is_word(*c))
        .map_or(name_rest.len(), |(j, _)| j);
    if name_len == 0 {
        return None;
    }
    let after = &name_rest[name_len..];
    let trailing = after.len() - after.trim_start_matches(' ').len();
    if !after[trailing..].starts_with('}') {
        return None;
    }
    let end = i + 1 + spaces + name_len + trailing + 1;
    Some((end, name_rest[..name_len].to_string()))
}

/// Why a pattern cannot be expanded or turned into a matcher (compare-locales
/// raises for all of these).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum PatError {
    /// A variable without value where a value is needed.
    Missing(String),
    /// A wildcard with no corresponding wildcard in the other pattern.
    Wildcard(usize),
    /// A pattern that starts with a wildcard has no root to start from.
    Empty,
    /// The same variable captured twice (one inside another's value).
    Duplicate(String),
}

impl std::fmt::Display for PatError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PatError::Missing(name) => write!(f, "the variable `{{{name}}}` has no value here"),
            PatError::Wildcard(n) => write!(f, "wildcard number {n} has no counterpart"),
            PatError::Empty => f.write_str("a pattern cannot start with a wildcard"),
            PatError::Duplicate(name) => write!(f, "`{{{name}}}` is captured twice"),
        }
    }
}

/// The values of variables as a pattern sees them: an environment (over what
/// a matcher captured in a path, for what the environment lacks), minus the
/// names being expanded (Python's `without`, which copies the environment at
/// each variable; this only chains the names on the stack).
#[derive(Clone, Copy)]
pub(super) struct Scope<'e> {
    env: &'e Env,
    captured: Option<&'e Captured>,
    hidden: Option<&'e Hidden<'e>>,
}

/// What a matcher captured in a path, by group name (`None`: the group took
/// no part in the match).
pub(super) type Captured = BTreeMap<String, Option<String>>;

/// A variable's value: a pattern of the environment, or text a matcher
/// captured (compare-locales wraps it in a pattern of one literal; its
/// expansion is the text itself).
#[derive(Clone, Copy)]
pub(super) enum Value<'e> {
    Pattern(&'e Pattern),
    Text(&'e str),
}

/// The group name of wildcard number `n` (`s1`, `s2`, …), made without
/// formatting for the first ones.
pub(super) fn star_name(n: usize) -> std::borrow::Cow<'static, str> {
    const NAMES: [&str; 10] = ["s0", "s1", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9"];
    match NAMES.get(n) {
        Some(name) => std::borrow::Cow::Borrowed(name),
        None => std::borrow::Cow::Owned(format!("s{n}")),
    }
}

/// A name taken out of a [`Scope`], and the ones taken out before it.
pub(super) struct Hidden<'e> {
    name: &'e str,
    outer: Option<&'e Hidden<'e>>,
}

impl<'e> Scope<'e> {
    pub(super) fn new(env: &'e Env) -> Self {
        Scope {
            env,
            captured: None,
            hidden: None,
        }
    }

    /// `env` with the `captured` text for the names it lacks.
    pub(super) fn over(env: &'e Env, captured: &'e Captured) -> Self {
        Scope {
            captured: Some(captured),
            ..Scope::new(env)
        }
    }

    pub(super) fn get(&self, name: &str) -> Option<Value<'e>> {
        let mut hidden = self.hidden;
        while let Some(h) = hidden {
            if h.name == name {
                return None;
            }
            hidden = h.outer;
        }
        if let Some(pattern) = self.env.get(name) {
            return Some(Value::Pattern(pattern));
        }
        let captured = self.captured?.get(name)?;
        Some(Value::Text(captured.as_deref().unwrap_or("")))
    }

    /// This scope without `hidden.name` (made with [`Scope::hiding`]).
    pub(super) fn without<'x>(&self, hidden: &'x Hidden<'x>) -> Scope<'x>
    where
        'e: 'x,
    {
        Scope {
            env: self.env,
            captured: self.captured,
            hidden: Some(hidden),
        }
    }

    /// The link that takes `name` out of this scope, for [`Scope::without`].
    pub(super) fn hiding<'x>(&self, name: &'x str) -> Hidden<'x>
    where
        'e: 'x,
    {
        Hidden {
            name,
            outer: self.hidden,
        }
    }
}

pub(super) fn expand_node(
    node: &Node,
    scope: Scope,
    raise_missing: bool,
) -> Result<String, PatError> {
    let mut out = String::new();
    expand_node_into(node, scope, raise_missing, &mut out)?;
    Ok(out)
}

fn expand_node_into(
    node: &Node,
    scope: Scope,
    raise_missing: bool,
    out: &mut String,
) -> Result<(), PatError> {
    match node {
        Node::Literal(s) => out.push_str(s),
        Node::Variable { name, .. } => match scope.get(name) {
            Some(Value::Pattern(value)) => {
                let hidden = scope.hiding(name);
                expand_into(value, scope.without(&hidden), raise_missing, out)?
            }
            Some(Value::Text(text)) => out.push_str(text),
            None => return Err(PatError::Missing(name.clone())),
        },
        Node::AndroidLocale { .. } => out.push_str(
            &android_locale(scope).ok_or_else(|| PatError::Missing("android_locale".into()))?,
        ),
        Node::Star(n) | Node::Starstar(n, _) => match scope.get(&star_name(*n)) {
            Some(Value::Pattern(value)) => expand_into(value, scope, raise_missing, out)?,
            Some(Value::Text(text)) => out.push_str(text),
            None => return Err(PatError::Wildcard(*n)),
        },
    }
    Ok(())
}

/// Pattern.expand: the root unless the first part is absolute, then the parts up to
/// the first variable without value.
pub(super) fn expand_pattern(
    pattern: &Pattern,
    scope: Scope,
    raise_missing: bool,
) -> Result<String, PatError> {
    let mut out = String::new();
    expand_into(pattern, scope, raise_missing, &mut out)?;
    Ok(out)
}

/// [`expand_pattern`] at the end of `out`.
fn expand_into(
    pattern: &Pattern,
    scope: Scope,
    raise_missing: bool,
    out: &mut String,
) -> Result<(), PatError> {
    if let Some(root) = &pattern.root {
        let first = pattern.nodes.first().ok_or(PatError::Empty)?;
        if !is_abs(&expand_node(first, scope, false)?) {
            out.push_str(root);
        }
    }
    for node in &pattern.nodes {
        let before = out.len();
        match expand_node_into(node, scope, true, out) {
            Ok(()) => {}
            Err(PatError::Missing(_)) if !raise_missing => {
                // What the node wrote before it failed is not kept.
                out.truncate(before);
                break;
            }
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

/// The `{android_locale}` spelling of `{locale}`: `ab-rCD` or `b+ab+Scrp+CD`.
pub(super) fn android_locale(scope: Scope) -> Option<String> {
    let bcp47 = match scope.get("locale")? {
        Value::Pattern(locale) => {
            let hidden = scope.hiding("android_locale");
            expand_pattern(locale, scope.without(&hidden), false).ok()?
        }
        Value::Text(text) => text.to_string(),
    };
    let bcp47 = replace_codes(&bcp47, &[("he", "iw"), ("id", "in"), ("yi", "ji")]);
    let b = bcp47.as_bytes();
    let lower = b.iter().take_while(|c| c.is_ascii_lowercase()).count();
    let region = (lower == 2 || lower == 3)
        && b.get(lower) == Some(&b'-')
        && b.len() >= lower + 3
        && b[lower + 1..lower + 3].iter().all(u8::is_ascii_uppercase);
    Some(if region {
        let parts: Vec<&str> = bcp47.split('-').collect();
        format!("{}-r{}", parts[0], parts[1])
    } else if bcp47.contains('-') {
        format!("b+{}", bcp47.replace('-', "+"))
    } else {
        bcp47
    })
}

/// The locale code of an Android locale directory name.
pub(super) fn locale_of_android(android: &str) -> String {
    let s = replace_codes(android, &[("iw", "he"), ("in", "id"), ("ji", "yi")]);
    // re.sub(r"-r([A-Z]{2})", r"-\1", s)
    let mut out = String::new();
    let mut rest = s.as_str();
    while let Some(i) = rest.find("-r") {
        let tail = &rest.as_bytes()[i + 2..];
        out.push_str(&rest[..i]);
        if tail.len() >= 2 && tail[..2].iter().all(u8::is_ascii_uppercase) {
            out.push('-');
            out.push_str(&rest[i + 2..i + 4]);
            rest = &rest[i + 4..];
        } else {
            out.push_str("-r");
            rest = &rest[i + 2..];
        }
    }
    out.push_str(rest);
    out.replace("b+", "").replace('+', "-")
}

/// re.sub(r"(a|b|c)(?=\Z|-)", mapping, text) for two-letter codes.
fn replace_codes(text: &str, map: &[(&str, &str)]) -> String {
    let mut out = String::new();
    let mut i = 0;
    while i < text.len() {
        let rest = &text[i..];
        let hit = map.iter().find(|(from, _)| {
            rest.starts_with(from)
                && (rest.len() == from.len() || rest[from.len()..].starts_with('-'))
        });
        match hit {
            Some((from, to)) => {
                out.push_str(to);
                i += from.len();
            }
            None => {
                let c = rest.chars().next().unwrap_or(' ');
                out.push(c);
                i += c.len_utf8();
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_like_compare_locales() {
        let p = parse_pattern("{l10n_base}/{locale}/**/*.ftl");
        assert_eq!(
            p.nodes,
            vec![
                Node::Variable {
                    name: "l10n_base".into(),
                    repeat: false
                },
                Node::Literal("/".into()),
                Node::Variable {
                    name: "locale".into(),
                    repeat: false
                },
                Node::Literal("/".into()),
                Node::Starstar(1, "/"),
                Node::Star(2),
                Node::Literal(".ftl".into()),
            ]
        );
        assert_eq!(p.prefix_length, 4);
        // `**` inside a segment is two stars; `{ x }` may have spaces.
        let p = parse_pattern("a**b/{ x }/{x}");
        assert_eq!(
            p.nodes,
            vec![
                Node::Literal("a".into()),
                Node::Star(1),
                Node::Star(2),
                Node::Literal("b/".into()),
                Node::Variable {
                    name: "x".into(),
                    repeat: false
                },
                Node::Literal("/".into()),
                Node::Variable {
                    name: "x".into(),
                    repeat: true
                },
                Node::Literal("".into()),
            ]
        );
        assert_eq!(
            parse_pattern("en-US/**").nodes.last(),
            Some(&Node::Literal("".into()))
        );
    }
}
