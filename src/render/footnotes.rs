//! Footnotes in HTML as readers expect them (and as GitHub and markdown-it
//! show them): each reference a numbered superscript link, the definitions
//! gathered at the end of the page in the order of their first reference,
//! each with a link back to every place that refers to it. A definition
//! nothing refers to is not shown.

use crate::markdown::normalize_label;
use pulldown_cmark::{CowStr, Event, Tag, TagEnd};
use std::collections::HashMap;

/// The body's events with footnote references numbered (in the locale's
/// `digits`, when they are not Latin) and the definitions moved to a list at
/// the end (whose counters the stylesheet writes in the same digits).
pub fn at_the_end<'a>(events: Vec<Event<'a>>, digits: Option<&[char; 10]>) -> Vec<Event<'a>> {
    let mut out = Vec::with_capacity(events.len());
    let mut definitions: HashMap<String, Vec<Event<'a>>> = HashMap::new();
    let mut current: Option<(String, Vec<Event<'a>>)> = None;
    // Labels in the order of their first reference, with how many references.
    let mut order: Vec<(String, usize)> = Vec::new();
    for event in events {
        let event = match event {
            Event::Start(Tag::FootnoteDefinition(label)) => {
                current = Some((normalize_label(&label), Vec::new()));
                continue;
            }
            Event::End(TagEnd::FootnoteDefinition) => {
                if let Some((label, events)) = current.take() {
                    definitions.entry(label).or_insert(events);
                }
                continue;
            }
            Event::FootnoteReference(label) => reference(&mut order, &label, digits),
            other => other,
        };
        match &mut current {
            Some((_, events)) => events.push(event),
            None => out.push(event),
        }
    }
    if order.is_empty() {
        return out;
    }
    out.push(Event::Html("<section class=\"footnotes\">\n<ol>\n".into()));
    for (i, (label, count)) in order.iter().enumerate() {
        let n = i + 1;
        let backrefs: String = (1..=*count)
            .map(|k| {
                let mark = if *count > 1 {
                    format!("↩{}", crate::intl::with_digits(&k.to_string(), digits))
                } else {
                    "↩".into()
                };
                format!(" <a href=\"#fnref-{n}-{k}\" class=\"footnote-backref\">{mark}</a>")
            })
            .collect();
        out.push(Event::Html(format!("<li id=\"fn-{n}\">\n").into()));
        let mut events = definitions.remove(label).unwrap_or_default();
        let at = events
            .iter()
            .rposition(|e| matches!(e, Event::End(TagEnd::Paragraph)))
            .unwrap_or(events.len());
        events.insert(at, Event::InlineHtml(backrefs.into()));
        out.extend(events);
        out.push(Event::Html("</li>\n".into()));
    }
    out.push(Event::Html("</ol>\n</section>\n".into()));
    out
}

/// The superscript link of a reference to `label`, numbered by first reference.
fn reference(
    order: &mut Vec<(String, usize)>,
    label: &CowStr,
    digits: Option<&[char; 10]>,
) -> Event<'static> {
    let label = normalize_label(label);
    let n = match order.iter().position(|(l, _)| *l == label) {
        Some(i) => i,
        None => {
            order.push((label, 0));
            order.len() - 1
        }
    };
    order[n].1 += 1;
    let (n, k) = (n + 1, order[n].1);
    let shown = crate::intl::with_digits(&n.to_string(), digits);
    Event::InlineHtml(
        format!(
            "<sup class=\"footnote-ref\"><a href=\"#fn-{n}\" id=\"fnref-{n}-{k}\">{shown}</a></sup>"
        )
        .into(),
    )
}
