//! Reading one block's inline Markdown on its own, as it reads in its
//! document: reference links resolve to the document's definitions and
//! footnote references to its footnotes, though neither is in the block.

use super::options;
use pulldown_cmark::{BrokenLink, CowStr, Event, LinkType, Parser, RefDefs, Tag};
use std::collections::BTreeMap;
use std::ops::Range;

/// What a block needs from the rest of its document to be read alone.
#[derive(Debug, Clone, Default)]
pub struct Context {
    /// Normalized label → (destination, title) of each link reference definition.
    links: BTreeMap<String, (String, String)>,
    /// Labels of the footnote definitions, in document order.
    footnotes: Vec<String>,
    /// A footnote definition per label, appended to a text so that its
    /// `[^label]` reads as a footnote reference.
    stubs: String,
}

/// A link label as CommonMark matches it: case-insensitive, runs of white
/// space as one space.
pub fn normalize_label(label: &str) -> String {
    label
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

impl Context {
    pub fn new(refs: &RefDefs, footnotes: Vec<String>) -> Context {
        let links = refs
            .iter()
            .map(|(label, def)| {
                let title = def.title.as_deref().unwrap_or("").to_string();
                (normalize_label(label), (def.dest.to_string(), title))
            })
            .collect();
        let stubs = footnotes
            .iter()
            .map(|label| format!("[^{label}]: .\n\n"))
            .collect();
        Context {
            links,
            footnotes,
            stubs,
        }
    }

    /// Whether the document defines the link label `label`.
    pub fn has_link(&self, label: &str) -> bool {
        self.links.contains_key(&normalize_label(label))
    }

    /// Whether the document defines the footnote `label`.
    pub fn has_footnote(&self, label: &str) -> bool {
        let label = normalize_label(label);
        self.footnotes.iter().any(|f| normalize_label(f) == label)
    }

    /// The events of `text` (with their ranges in it) read in the document.
    pub fn events(&self, text: &str) -> Vec<(Event<'static>, Range<usize>)> {
        let mut joined = String::with_capacity(text.len() + self.stubs.len() + 2);
        joined.push_str(text);
        // Only a text with a `[^` can refer to a footnote.
        if !self.stubs.is_empty() && text.contains("[^") {
            joined.push_str("\n\n");
            joined.push_str(&self.stubs);
        }
        let mut resolve = |link: BrokenLink| -> Option<(CowStr, CowStr)> {
            self.links
                .get(&normalize_label(&link.reference))
                .map(|(dest, title)| (dest.clone().into(), title.clone().into()))
        };
        Parser::new_with_broken_link_callback(&joined, options(), Some(&mut resolve))
            .into_offset_iter()
            .filter(|(_, range)| range.start < text.len())
            .map(|(event, range)| (event.into_static(), range))
            .collect()
    }

    /// `text` with every shortcut (`[text]`) and collapsed (`[text][]`)
    /// reference link or image written in full (`[text][text]`), so that a
    /// translator can change the words without losing the link.
    pub fn full_reference_links(&self, text: &str) -> String {
        let mut edits: Vec<(usize, String)> = Vec::new();
        for (event, range) in self.events(text) {
            let (Event::Start(Tag::Link { link_type, id, .. })
            | Event::Start(Tag::Image { link_type, id, .. })) = event
            else {
                continue;
            };
            let whole = &text[range.clone()];
            match link_type {
                LinkType::Shortcut | LinkType::ShortcutUnknown if whole.ends_with(']') => {
                    edits.push((range.end, format!("[{id}]")))
                }
                LinkType::Collapsed | LinkType::CollapsedUnknown if whole.ends_with("[]") => {
                    edits.push((range.end - 1, id.to_string()))
                }
                // pulldown-cmark leaves a collapsed image's `[]` out of its range.
                LinkType::Collapsed | LinkType::CollapsedUnknown
                    if text[range.end..].starts_with("[]") =>
                {
                    edits.push((range.end + 1, id.to_string()))
                }
                _ => {}
            }
        }
        if edits.is_empty() {
            return text.to_string();
        }
        let mut out = text.to_string();
        edits.sort_by_key(|(at, _)| *at);
        for (at, insert) in edits.into_iter().rev() {
            out.insert_str(at, &insert);
        }
        out
    }
}

/// The labels of the full reference links and images (`[text][label]`) in
/// `text`, normalized, found by their syntax alone (no definitions needed):
/// what a translation must keep for its links to resolve.
pub fn reference_labels(text: &str) -> Vec<String> {
    let mut labels = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find("][") {
        let after = &rest[at + 2..];
        match after.find(']') {
            Some(end) if end > 0 && !after[..end].contains('[') => {
                labels.push(normalize_label(&after[..end]));
                rest = &after[end + 1..];
            }
            _ => rest = after,
        }
    }
    labels
}

#[cfg(test)]
mod tests {
    use super::*;

    fn context(source: &str) -> Context {
        let mut parser = Parser::new_ext(source, options());
        for _ in parser.by_ref() {}
        Context::new(parser.reference_definitions(), vec!["n".into()])
    }

    #[test]
    fn shortcut_and_collapsed_links_are_written_in_full() {
        let ctx = context("[mdBook]: https://x\n[Guide]: /g\n");
        assert_eq!(
            ctx.full_reference_links("See [mdBook], [the guide][guide] and ![Guide][]."),
            "See [mdBook][mdBook], [the guide][guide] and ![Guide][Guide]."
        );
        assert_eq!(ctx.full_reference_links("[not a link]"), "[not a link]");
    }

    #[test]
    fn labels_and_footnotes_resolve_in_a_lone_text() {
        let ctx = context("[A b]: https://x\n");
        let events: Vec<_> = ctx.events("[x][a  B] and [^n]").into_iter().collect();
        assert!(events.iter().any(|(e, _)| matches!(e,
            Event::Start(Tag::Link { dest_url, .. }) if dest_url.as_ref() == "https://x")));
        assert!(events
            .iter()
            .any(|(e, _)| matches!(e, Event::FootnoteReference(l) if l.as_ref() == "n")));
        assert_eq!(reference_labels("[x][a  B] and [y][c]"), ["a b", "c"]);
    }
}
