//! Markup in translations: no script, the reference's tags, and only the
//! reference's link targets (the build drops the others).

use super::{EntryContext, RuleInfo};
use crate::finding::{Code, Finding, Severity};

pub const RULES: &[RuleInfo] = &[
    RuleInfo {
        code: Code::MarkupMismatch,
        level: Severity::Warning,
        rationale:
            "tags or link targets the reference does not have are shown as words, or not linked",
    },
    RuleInfo {
        code: Code::UnsafeMarkup,
        level: Severity::Error,
        rationale: "script in a translation is never rendered as markup, and must never be",
    },
];

pub fn check(ctx: &EntryContext, out: &mut Vec<Finding>) {
    let (id, reference, text) = (ctx.id(), ctx.reference, &ctx.uses.text);
    // A tag, a script URL and a link each need one of these: one look
    // decides for most texts (and nothing lacks when the reference has no tag).
    if reference.tags.is_empty()
        && reference.links.is_empty()
        && memchr::memchr3(b'<', b':', b']', text.as_bytes()).is_none()
    {
        return;
    }
    // An audit for errors only (a build's): unsafe markup is the one error
    // here; the comparisons below find warnings.
    if ctx.scope.errors_only {
        if let Some(bad) = unsafe_markup(text) {
            out.push(unsafe_finding(ctx, bad));
        }
        return;
    }
    let mut t_tags = tags(text);
    // In Mozilla's projects a translation's text-level elements are its
    // own (Fluent's DOM overlays): compared are the others (links, images,
    // buttons…), which carry function.
    let mut r_tags = std::borrow::Cow::Borrowed(reference.tags.as_slice());
    if ctx.scope.text_level_markup {
        t_tags.retain(|t| !text_level(t));
        r_tags = r_tags.iter().filter(|t| !text_level(t)).cloned().collect();
    }
    if let Some(bad) = unsafe_markup(text) {
        out.push(unsafe_finding(ctx, bad));
    } else if !(t_tags.is_empty() && r_tags.is_empty())
        && tags_differ(&t_tags, &r_tags, variants(ctx))
    {
        out.push(ctx.finding(
            Code::MarkupMismatch,
            format!(
                "`{id}` has the tags [{}] but the reference has [{}]",
                t_tags.join(", "),
                r_tags.join(", ")
            ),
        ));
    } else {
        let targets = match has_link(text) {
            true => crate::markdown::link_targets(text),
            false => Default::default(),
        };
        let foreign: Vec<String> = targets
            .iter()
            .filter(|t| !reference.links.contains(*t))
            .cloned()
            .collect();
        let dropped: Vec<&str> = reference
            .links
            .iter()
            .filter(|t| !targets.contains(*t))
            .map(String::as_str)
            .collect();
        if foreign.is_empty() && !dropped.is_empty() && !variants(ctx) {
            out.push(ctx.finding(
                Code::MarkupMismatch,
                format!(
                    "`{id}` drops the link to {} that the reference has: readers of this language lose it (the page, an anchor, an image); keep `[words](target)` with the reference's target",
                    dropped.join(", ")
                ),
            ));
        }
        if !foreign.is_empty() {
            out.push(ctx.finding(
                Code::MarkupMismatch,
                format!(
                    "`{id}` links to {} which the reference does not: the build shows the words without the link; use the reference's targets",
                    foreign.join(", ")
                ),
            ));
        }
    }
}

/// The error for a translation with `bad` markup in it.
fn unsafe_finding(ctx: &EntryContext, bad: &str) -> Finding {
    ctx.finding(
        Code::UnsafeMarkup,
        format!(
            "`{}` contains {bad}; it is never rendered as markup, remove it",
            ctx.id()
        ),
    )
}

/// The text-level elements Fluent's DOM overlays let a translation use
/// freely (@fluent/dom's `TEXT_LEVEL_ELEMENTS`), closing tags too.
fn text_level(tag: &str) -> bool {
    const TEXT_LEVEL: &[&str] = &[
        "em", "strong", "small", "s", "cite", "q", "dfn", "abbr", "data", "time", "code", "var",
        "samp", "kbd", "sub", "sup", "i", "b", "u", "mark", "bdi", "bdo", "span", "br", "wbr",
    ];
    TEXT_LEVEL.contains(&tag.trim_start_matches('/'))
}

/// Whether either side has variants: a locale may have more or fewer
/// (three Russian plural forms for two English ones, one Japanese), each
/// repeating the tags.
fn variants(ctx: &EntryContext) -> bool {
    ctx.reference.has_selects || !ctx.uses.selects.is_empty()
}

/// Tags differ: as multisets, or, when the variants may repeat them, as sets
/// of distinct tags.
fn tags_differ(ours: &[String], theirs: &[String], variants: bool) -> bool {
    if variants {
        distinct(ours) != distinct(theirs)
    } else {
        sorted(ours) != sorted(theirs)
    }
}

fn distinct(v: &[String]) -> Vec<&String> {
    let mut v = sorted(v);
    v.dedup();
    v
}

fn sorted(v: &[String]) -> Vec<&String> {
    let mut v: Vec<&String> = v.iter().collect();
    v.sort();
    v
}

/// Whether a text has a Markdown link's `](`, looked for with memchr (a
/// substring search is set up anew for each text).
pub fn has_link(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr_iter(b']', bytes).any(|at| bytes.get(at + 1) == Some(&b'('))
}

/// HTML-like tag names in a text, in order (`<a>`, `</a>` → `a`, `/a`).
pub fn tags(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(pos) = memchr::memchr(b'<', &bytes[i..]) {
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

/// `<script>`, an `on…=` event handler or a `javascript:` URL, if present
/// (in any case). A `javascript:` URL is one in a link target: inside a tag
/// (`<a href="javascript:…">`, `<javascript:…>`) or a Markdown link's
/// (`[a](javascript:…)`, `[a]: javascript:…`); the scheme named in plain
/// text (Firefox's `placesPrompts.ftl`: “javascript:” URLs cannot be
/// loaded…) runs nothing. Runs on every entry, so it looks without copying the text.
pub fn unsafe_markup(text: &str) -> Option<&'static str> {
    let bytes = text.as_bytes();
    // Each pattern needs a `<` (tags, handlers) or a `:` (URLs): one look
    // for either decides for most texts.
    let first = memchr::memchr2(b'<', b':', bytes)?;
    let first_tag = memchr::memchr(b'<', &bytes[first..]).map(|at| first + at);
    let has_colon = memchr::memchr(b':', &bytes[first..]).is_some();
    if first_tag.is_some() && contains_ignoring_case(bytes, b"<script") {
        return Some("a <script> tag");
    }
    if has_colon && javascript_url(bytes) {
        return Some("a javascript: URL");
    }
    // An `on…=` after a `<`, at the start of a word or after a `/`.
    let first_tag = first_tag?;
    for at in first_tag + 1..bytes.len().saturating_sub(1) {
        if !bytes[at..at + 2].eq_ignore_ascii_case(b"on") {
            continue;
        }
        let before_ok = bytes[at - 1].is_ascii_whitespace() || bytes[at - 1] == b'/';
        let mut j = at + 2;
        while j < bytes.len() && bytes[j].is_ascii_alphabetic() {
            j += 1;
        }
        let mut k = j;
        while k < bytes.len() && bytes[k] == b' ' {
            k += 1;
        }
        if before_ok && j > at + 2 && bytes.get(k) == Some(&b'=') {
            return Some("an on…= event handler");
        }
    }
    None
}

/// Whether a `javascript:` (any case) is where a link target is.
pub(crate) fn javascript_url(bytes: &[u8]) -> bool {
    const NEEDLE: &[u8] = b"javascript:";
    (0..bytes.len().saturating_sub(NEEDLE.len() - 1))
        .filter(|&at| bytes[at..at + NEEDLE.len()].eq_ignore_ascii_case(NEEDLE))
        .any(|at| link_target_at(&bytes[..at]))
}

/// Whether text ending with `before` is followed by a link target: inside a
/// tag (a `<` not closed by `>` yet) or after a Markdown link's `](` or a
/// reference definition's `]:` (spaces, `<` and quotes between).
fn link_target_at(before: &[u8]) -> bool {
    let lt = memchr::memrchr(b'<', before);
    if lt.is_some() && memchr::memrchr(b'>', before) < lt {
        return true;
    }
    let trimmed = before
        .iter()
        .rposition(|&b| !matches!(b, b' ' | b'\t' | b'<' | b'"' | b'\''))
        .map_or(&before[..0], |end| &before[..=end]);
    trimmed.ends_with(b"](") || trimmed.ends_with(b"]:")
}

fn contains_ignoring_case(haystack: &[u8], needle: &[u8]) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w.eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The first form, on a lowercased copy: the oracle of the copy-free one.
    fn lowercased(text: &str) -> Option<&'static str> {
        if !text.contains(['<', ':']) {
            return None;
        }
        let lower = text.to_ascii_lowercase();
        if lower.contains("<script") {
            return Some("a <script> tag");
        }
        if lower.contains("javascript:") && javascript_url(lower.as_bytes()) {
            return Some("a javascript: URL");
        }
        let bytes = lower.as_bytes();
        let mut i = 0;
        while let Some(pos) = lower[i..].find("on") {
            let at = i + pos;
            let before_ok =
                at > 0 && (bytes[at - 1].is_ascii_whitespace() || bytes[at - 1] == b'/');
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

    proptest::proptest! {
        #[test]
        fn finds_what_the_lowercased_search_finds(
            parts in proptest::collection::vec(
                proptest::sample::select(vec![
                    "<", ">", "/", " ", "=", ":", "on", "ON", "oN", "click", "Load",
                    "script", "SCRIPT", "javascript", "JavaScript", "a", "é", "\t", "ن", "](", "]",
                ]),
                0..14,
            )
        ) {
            let text: String = parts.concat();
            proptest::prop_assert_eq!(unsafe_markup(&text), lowercased(&text), "{}", text);
        }
    }

    #[test]
    fn finds_each_kind_in_any_case() {
        assert_eq!(unsafe_markup("x <SCRIPT>"), Some("a <script> tag"));
        assert_eq!(
            unsafe_markup("[a](JavaScript:go)"),
            Some("a javascript: URL")
        );
        assert_eq!(
            unsafe_markup("<img OnError = x>"),
            Some("an on…= event handler")
        );
        assert_eq!(
            unsafe_markup("<b>on=</b> onclick= x"),
            Some("an on…= event handler")
        );
        assert_eq!(unsafe_markup("onclick= before any tag <b>"), None);
        assert_eq!(unsafe_markup("بدون علامات: نص"), None);
        assert_eq!(
            unsafe_markup("<a href=\"JAVASCRIPT:go()\">x</a>"),
            Some("a javascript: URL")
        );
        assert_eq!(
            unsafe_markup("[a]: javascript:go"),
            Some("a javascript: URL")
        );
        assert_eq!(unsafe_markup("<javascript:go>"), Some("a javascript: URL"));
        // The scheme named in plain text, as Firefox's placesPrompts.ftl does.
        assert_eq!(
            unsafe_markup("For security reasons, “javascript:” or “data:” URLs cannot be loaded."),
            None
        );
        assert_eq!(unsafe_markup("<b>javascript:</b> URLs"), None);
    }
}
