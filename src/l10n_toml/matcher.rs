//! compare-locales' `Matcher`: a pattern compiled to the regular expression
//! compare-locales builds from it, run by a small backtracking matcher with the
//! same preferences as Python's `re`.
//!
//! Why not the `regex` crate or `globset`: the expression needs backreferences
//! (a repeated `{locale}` must repeat the same text), which `regex` does not
//! support, and the captures (`s1`, `s2`, … per wildcard, lazy `.+?` for a variable
//! without value) must split a path exactly as Python's backtracking `re` does,
//! since they are substituted into the other pattern of a `[[paths]]` entry.
//! `globset`'s `**` and `{a,b}` mean something else and it reports no captures.

use super::paths::{abspath, is_abs};
use super::pattern::{
    android_locale, expand_node, expand_pattern, locale_of_android, parse_pattern, star_name,
    Captured, Env, Node, PatError, Pattern, Scope, Value,
};
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// The regular expression compare-locales builds, as a program for a small
/// backtracking matcher with the same preferences as Python's `re`.
#[derive(Debug, Clone)]
enum Tok {
    Lit(String),
    Open(usize),
    Close(usize),
    /// `.+?`
    Lazy,
    /// `[^/]*`
    Segment,
    /// `(?P<sN>.+suffix)?`
    Starstar(usize, &'static str),
    /// `(?P=name)`
    Backref(usize),
}

#[derive(Debug, Clone)]
pub(super) struct Compiled {
    toks: Vec<Tok>,
    names: Vec<String>,
}

pub(super) type Groups = Captured;

impl Compiled {
    fn new(pattern: &Pattern, env: &Env) -> Result<Compiled, PatError> {
        let mut c = Compiled {
            toks: Vec::new(),
            names: Vec::new(),
        };
        c.pattern(pattern, Scope::new(env))?;
        Ok(c)
    }

    fn group(&mut self, name: &str) -> Result<usize, PatError> {
        if self.names.iter().any(|n| n == name) {
            return Err(PatError::Duplicate(name.to_string()));
        }
        self.names.push(name.to_string());
        Ok(self.names.len() - 1)
    }

    fn backref(&self, name: &str) -> Result<usize, PatError> {
        self.names
            .iter()
            .position(|n| n == name)
            .ok_or_else(|| PatError::Missing(name.to_string()))
    }

    fn pattern(&mut self, pattern: &Pattern, env: Scope) -> Result<(), PatError> {
        if let Some(root) = &pattern.root {
            let first = pattern.nodes.first().ok_or(PatError::Empty)?;
            if !is_abs(&expand_node(first, env, false)?) {
                self.toks.push(Tok::Lit(root.clone()));
            }
        }
        for node in &pattern.nodes {
            match node {
                Node::Literal(s) => self.toks.push(Tok::Lit(s.clone())),
                Node::Variable { name, repeat: true } => {
                    let g = self.backref(name)?;
                    self.toks.push(Tok::Backref(g));
                }
                Node::Variable { name, .. } => {
                    let g = self.group(name)?;
                    self.toks.push(Tok::Open(g));
                    match env.get(name) {
                        Some(Value::Pattern(value)) => {
                            let hidden = env.hiding(name);
                            self.pattern(value, env.without(&hidden))?
                        }
                        Some(Value::Text(text)) => self.toks.push(Tok::Lit(text.to_string())),
                        None => self.toks.push(Tok::Lazy),
                    }
                    self.toks.push(Tok::Close(g));
                }
                Node::AndroidLocale { repeat: true } => {
                    let g = self.backref("android_locale")?;
                    self.toks.push(Tok::Backref(g));
                }
                Node::AndroidLocale { .. } => {
                    let g = self.group("android_locale")?;
                    self.toks.push(Tok::Open(g));
                    match android_locale(env) {
                        Some(code) => self.toks.push(Tok::Lit(code)),
                        None => self.toks.push(Tok::Lazy),
                    }
                    self.toks.push(Tok::Close(g));
                }
                Node::Star(n) => {
                    let g = self.group(&star_name(*n))?;
                    self.toks.push(Tok::Open(g));
                    self.toks.push(Tok::Segment);
                    self.toks.push(Tok::Close(g));
                }
                Node::Starstar(n, suffix) => {
                    let g = self.group(&star_name(*n))?;
                    self.toks.push(Tok::Starstar(g, suffix));
                }
            }
        }
        Ok(())
    }

    fn state<'t>(&self, text: &'t str) -> State<'t> {
        State {
            text,
            starts: vec![0; self.names.len()],
            spans: vec![None; self.names.len()],
        }
    }

    /// `re.match(regex + "$", text) is not None`.
    fn is_match(&self, text: &str) -> bool {
        self.state(text).run(&self.toks, 0, 0)
    }

    /// `re.match(regex + "$", text).groupdict()`.
    fn matches(&self, text: &str) -> Option<Groups> {
        let mut state = self.state(text);
        if !state.run(&self.toks, 0, 0) {
            return None;
        }
        Some(
            self.names
                .iter()
                .zip(&state.spans)
                .map(|(name, span)| (name.clone(), span.map(|(s, e)| text[s..e].to_string())))
                .collect(),
        )
    }
}

struct State<'t> {
    text: &'t str,
    starts: Vec<usize>,
    spans: Vec<Option<(usize, usize)>>,
}

impl<'t> State<'t> {
    /// Ends of the run of characters from `pos` that are not `stop`, shortest
    /// first (reversed: longest first, as a greedy `*` tries them).
    fn ends(&self, pos: usize, stop: u8) -> impl DoubleEndedIterator<Item = usize> + use<'t> {
        // `stop` is ASCII, so it never appears inside another character.
        let run = &self.text[pos..];
        let run = &run[..memchr::memchr(stop, run.as_bytes()).unwrap_or(run.len())];
        run.char_indices().map(move |(i, c)| pos + i + c.len_utf8())
    }

    fn run(&mut self, toks: &[Tok], i: usize, pos: usize) -> bool {
        let text = self.text;
        let Some(tok) = toks.get(i) else {
            // `$`: the end, or before a final newline.
            return pos == text.len() || (pos + 1 == text.len() && text.ends_with('\n'));
        };
        match tok {
            Tok::Lit(s) => {
                text[pos..].starts_with(s.as_str()) && self.run(toks, i + 1, pos + s.len())
            }
            Tok::Open(g) => {
                let old = self.starts[*g];
                self.starts[*g] = pos;
                let ok = self.run(toks, i + 1, pos);
                if !ok {
                    self.starts[*g] = old;
                }
                ok
            }
            Tok::Close(g) => {
                let old = self.spans[*g];
                self.spans[*g] = Some((self.starts[*g], pos));
                let ok = self.run(toks, i + 1, pos);
                if !ok {
                    self.spans[*g] = old;
                }
                ok
            }
            Tok::Lazy => {
                for end in self.ends(pos, b'\n') {
                    if self.run(toks, i + 1, end) {
                        return true;
                    }
                }
                false
            }
            Tok::Segment => {
                for end in self.ends(pos, b'/').rev().chain([pos]) {
                    if self.run(toks, i + 1, end) {
                        return true;
                    }
                }
                false
            }
            Tok::Starstar(g, suffix) => {
                let old = self.spans[*g];
                for end in self.ends(pos, b'\n').rev() {
                    if text[end..].starts_with(suffix) {
                        let end = end + suffix.len();
                        self.spans[*g] = Some((pos, end));
                        if self.run(toks, i + 1, end) {
                            return true;
                        }
                    }
                }
                self.spans[*g] = old;
                self.run(toks, i + 1, pos)
            }
            Tok::Backref(g) => match self.spans[*g] {
                Some((s, e)) => {
                    let captured = &text[s..e];
                    text[pos..].starts_with(captured) && self.run(toks, i + 1, pos + captured.len())
                }
                None => false,
            },
        }
    }
}

/// compare-locales' Matcher: a pattern, its root, and the values of its variables.
#[derive(Debug, Clone)]
pub(super) struct Matcher {
    pub(super) pattern: Pattern,
    env: Env,
    compiled: OnceLock<Result<Compiled, PatError>>,
}

impl Matcher {
    pub(super) fn new(
        pattern: &str,
        env: &BTreeMap<String, String>,
        root: Option<&str>,
    ) -> Matcher {
        let mut pattern = parse_pattern(pattern);
        pattern.root = root.map(|r| format!("{}/", abspath(r)));
        Matcher {
            pattern,
            env: env
                .iter()
                .map(|(k, v)| (k.clone(), parse_pattern(v)))
                .collect(),
            compiled: OnceLock::new(),
        }
    }

    pub(super) fn with_env(&self, vars: &[(&str, &str)]) -> Matcher {
        let mut env = self.env.clone();
        for (k, v) in vars {
            env.insert(k.to_string(), parse_pattern(v));
        }
        Matcher {
            pattern: self.pattern.clone(),
            env,
            compiled: OnceLock::new(),
        }
    }

    pub(super) fn compiled(&self) -> Result<&Compiled, PatError> {
        self.compiled
            .get_or_init(|| Compiled::new(&self.pattern, &self.env))
            .as_ref()
            .map_err(Clone::clone)
    }

    /// The path up to the first wildcard: where to look for files.
    pub(super) fn prefix(&self) -> Result<String, PatError> {
        let sub = Pattern {
            nodes: self.pattern.nodes[..self.pattern.prefix_length].to_vec(),
            root: self.pattern.root.clone(),
            prefix_length: self.pattern.prefix_length,
        };
        expand_pattern(&sub, Scope::new(&self.env), false)
    }

    fn groups(&self, path: &str) -> Result<Option<Groups>, PatError> {
        let Some(mut groups) = self.compiled()?.matches(path) else {
            return Ok(None);
        };
        if !groups.contains_key("locale") {
            if let Some(Some(android)) = groups.get("android_locale") {
                let locale = locale_of_android(android);
                groups.insert("locale".into(), Some(locale));
            }
        }
        Ok(Some(groups))
    }

    /// Whether `path` matches (what it captures is not copied out).
    pub(super) fn is_match(&self, path: &str) -> bool {
        self.compiled().is_ok_and(|c| c.is_match(path))
    }

    /// What the wildcards and variables capture in `path`, when it matches
    /// ([`is_match`](Self::is_match) and [`sub`](Self::sub) in one).
    pub(super) fn captures(&self, path: &str) -> Option<Groups> {
        self.groups(path).ok().flatten()
    }

    /// The path `other` gives with the wildcards and variables this matcher
    /// captures in `path`.
    #[cfg(test)]
    pub(super) fn sub(&self, other: &Matcher, path: &str) -> Result<Option<String>, PatError> {
        let Some(groups) = self.groups(path)? else {
            return Ok(None);
        };
        Self::sub_captured(groups, other).map(Some)
    }

    /// [`sub`](Self::sub) with the captures already found.
    pub(super) fn sub_captured(groups: Groups, other: &Matcher) -> Result<String, PatError> {
        // `other`'s own values first, as Python's `dict.update` leaves them;
        // the captures as text (compare-locales wraps each in a literal pattern).
        expand_pattern(&other.pattern, Scope::over(&other.env, &groups), false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn matches_and_substitutes() {
        let l10n = Matcher::new(
            "{l10n_base}/{locale}/**/*.ftl",
            &env(&[("l10n_base", "/l10n")]),
            Some("/src"),
        )
        .with_env(&[("locale", "de")]);
        let reference = Matcher::new(
            "en-US/**/*.ftl",
            &env(&[("l10n_base", "/l10n")]),
            Some("/src"),
        );
        assert_eq!(l10n.prefix().unwrap(), "/l10n/de/");
        assert_eq!(reference.prefix().unwrap(), "/src/en-US/");
        assert!(l10n.is_match("/l10n/de/a.ftl"));
        assert!(l10n.is_match("/l10n/de/x/y/a.ftl"));
        assert!(!l10n.is_match("/l10n/fr/a.ftl"));
        assert_eq!(
            l10n.sub(&reference, "/l10n/de/x/y/a.ftl")
                .unwrap()
                .as_deref(),
            Some("/src/en-US/x/y/a.ftl")
        );
        assert_eq!(
            reference.sub(&l10n, "/src/en-US/a.ftl").unwrap().as_deref(),
            Some("/l10n/de/a.ftl")
        );
        // A variable without value matches anything, also across segments.
        let any = Matcher::new("a/{x}/b.ftl", &BTreeMap::new(), Some("/r"));
        assert!(any.is_match("/r/a/q/z/b.ftl"));
        let groups = any.groups("/r/a/q/z/b.ftl").unwrap().unwrap();
        assert_eq!(groups["x"].as_deref(), Some("q/z"));
        // ... but not as the first part: there it has no value to decide on the root.
        let first = Matcher::new("{x}/b.ftl", &BTreeMap::new(), Some("/r"));
        assert_eq!(first.compiled().err(), Some(PatError::Missing("x".into())));
        // `**` also matches no directory at all; its group is then empty.
        let deep = Matcher::new("en-US/**/x/**", &BTreeMap::new(), Some("/r"));
        let groups = deep.groups("/r/en-US/a/x/b/c.ftl").unwrap().unwrap();
        assert_eq!(groups["s1"].as_deref(), Some("a/"));
        assert_eq!(groups["s2"].as_deref(), Some("b/c.ftl"));
        let groups = deep.groups("/r/en-US/x/c").unwrap().unwrap();
        assert_eq!(groups["s1"], None);
        // A repeated variable must repeat its text.
        let twice = Matcher::new("/{x}/{x}.ftl", &BTreeMap::new(), None);
        assert!(twice.is_match("/de/de.ftl"));
        assert!(!twice.is_match("/de/fr.ftl"));
    }

    #[test]
    fn android_locales() {
        let m = Matcher::new(
            "/res/values-{android_locale}/strings.xml",
            &BTreeMap::new(),
            None,
        );
        for (locale, dir) in [
            ("de", "de"),
            ("pt-BR", "pt-rBR"),
            ("he", "iw"),
            ("sr-Latn", "b+sr+Latn"),
        ] {
            let with = m.with_env(&[("locale", locale)]);
            assert_eq!(
                with.prefix().unwrap(),
                format!("/res/values-{dir}/strings.xml")
            );
            let groups = m
                .groups(&format!("/res/values-{dir}/strings.xml"))
                .unwrap()
                .unwrap();
            assert_eq!(groups["locale"].as_deref(), Some(locale));
        }
    }
}
