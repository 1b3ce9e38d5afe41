//! `extract`: a parsed document → the source locale's Fluent messages.
//!
//! Ids are derived from the text once and then kept: a new extraction is matched
//! against the previous file so that an unchanged block keeps its id wherever it
//! moves, an edited block keeps its id, and only new blocks get new ids.

use crate::ftl::text_pattern;
use crate::markdown::{BlockKind, Document, TRANSLATABLE_META};
use fluent_syntax::ast::{Comment, Entry, Identifier, Message, Resource};
use std::collections::{BTreeSet, HashMap, HashSet};

/// One translatable unit of a document: a block or a front-matter field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    pub id: String,
    pub text: String,
    pub origin: Origin,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// `blocks[index]` of the document.
    Block(usize),
    /// A front-matter key.
    Meta(String),
}

/// What an extraction produced and how it differs from the previous file.
#[derive(Debug, Clone, Default)]
pub struct Extraction {
    pub units: Vec<Unit>,
    /// The source locale's `.ftl` text.
    pub ftl: String,
    pub added: Vec<String>,
    pub changed: Vec<String>,
    pub removed: Vec<String>,
}

/// The id of a front-matter field's message (`doc` is the document's name:
/// its id prefix is [`crate::project::doc_prefix`]).
pub fn meta_id(doc: &str, key: &str) -> String {
    format!("{}-{key}", crate::project::doc_prefix(doc))
}

/// Extracts `doc` (named `name`) given the previous file's messages (id, text).
pub fn extract(name: &str, doc: &Document, previous: &[(String, Option<String>)]) -> Extraction {
    let units = assign_ids(name, doc, previous);
    let old: std::collections::HashMap<&str, Option<&str>> = previous
        .iter()
        .map(|(id, text)| (id.as_str(), text.as_deref()))
        .collect();
    let mut extraction = Extraction::default();
    for unit in &units {
        match old.get(unit.id.as_str()) {
            None => extraction.added.push(unit.id.clone()),
            Some(text) if *text != Some(unit.text.as_str()) => {
                extraction.changed.push(unit.id.clone())
            }
            Some(_) => {}
        }
    }
    let kept: HashSet<&str> = units.iter().map(|u| u.id.as_str()).collect();
    extraction.removed = previous
        .iter()
        .filter(|(id, _)| !kept.contains(id.as_str()))
        .map(|(id, _)| id.clone())
        .collect();
    extraction.ftl = serialize(name, doc, &units);
    extraction.units = units;
    extraction
}

/// Gives every unit of `doc` an id, keeping the ids of `previous` where the
/// block is the same (same text, anywhere) or an edit of it (the one block that
/// changed between the same unchanged neighbours, or the most similar one).
pub fn assign_ids(name: &str, doc: &Document, previous: &[(String, Option<String>)]) -> Vec<Unit> {
    let mut units = meta_units(name, doc);
    let meta_ids: HashSet<String> = units.iter().map(|u| u.id.clone()).collect();
    let old: Vec<(&str, &str)> = previous
        .iter()
        .filter(|(id, _)| !meta_ids.contains(id))
        .map(|(id, text)| (id.as_str(), text.as_deref().unwrap_or("")))
        .collect();
    let mut pairing = Pairing::new(doc, &old);
    // 1. Unchanged blocks keep their id wherever they are now.
    pairing.keep_unchanged();
    // 2. Edited blocks: look between the old positions of the nearest unchanged
    //    neighbours; a lone candidate is the edit, else the most similar one.
    let gaps = Gaps::new(&pairing.matched);
    pairing.keep_own_ids(name, &gaps);
    pairing.keep_similar(&gaps);
    // 3. New blocks get an id made from their section and first words.
    let mut taken: BTreeSet<String> = meta_ids.into_iter().collect();
    let mut next_suffix = HashMap::new();
    taken.extend(
        pairing
            .matched
            .iter()
            .flatten()
            .map(|&j| old[j].0.to_string()),
    );
    for (i, block) in doc.blocks.iter().enumerate() {
        let id = match pairing.matched[i] {
            Some(j) => old[j].0.to_string(),
            None => {
                let id = unique(fresh_id(name, doc, i), &taken, &mut next_suffix);
                taken.insert(id.clone());
                id
            }
        };
        units.push(Unit {
            id,
            text: block.text.clone(),
            origin: Origin::Block(i),
        });
    }
    units
}

/// The translatable front-matter fields, in their fixed order.
fn meta_units(name: &str, doc: &Document) -> Vec<Unit> {
    let mut units = Vec::new();
    let book = crate::markdown::BOOK_META.map(|(_, field)| field);
    for key in TRANSLATABLE_META.into_iter().chain(book) {
        let text = doc
            .meta
            .fields
            .get(key)
            .map(|t| crate::markdown::one_line(t));
        // An empty field has nothing to translate (and `id = ` is not Fluent).
        if let Some(text) = text.filter(|t| !t.is_empty()) {
            units.push(Unit {
                id: meta_id(name, key),
                text,
                origin: Origin::Meta(key.to_string()),
            });
        }
    }
    units
}

/// Which old message (by index into `old`) each block of the document keeps.
struct Pairing<'a> {
    doc: &'a Document,
    old: &'a [(&'a str, &'a str)],
    matched: Vec<Option<usize>>,
    used: Vec<bool>,
    unused: usize,
}

/// For every block, the old positions of its nearest unchanged neighbours,
/// and how many changed blocks share each gap between them (linear time).
struct Gaps {
    before: Vec<Option<usize>>,
    after: Vec<Option<usize>>,
    per_gap: HashMap<(Option<usize>, Option<usize>), usize>,
}

impl Gaps {
    fn new(anchors: &[Option<usize>]) -> Gaps {
        let n = anchors.len();
        let mut before = vec![None; n];
        let mut last = None;
        for i in 0..n {
            before[i] = last;
            if anchors[i].is_some() {
                last = anchors[i];
            }
        }
        let mut after = vec![None; n];
        let mut next = None;
        for i in (0..n).rev() {
            after[i] = next;
            if anchors[i].is_some() {
                next = anchors[i];
            }
        }
        let mut per_gap: HashMap<(Option<usize>, Option<usize>), usize> = HashMap::new();
        for i in (0..n).filter(|&i| anchors[i].is_none()) {
            *per_gap.entry((before[i], after[i])).or_default() += 1;
        }
        Gaps {
            before,
            after,
            per_gap,
        }
    }

    /// The old positions in block `i`'s gap (of `n` old messages).
    fn range(&self, i: usize, n: usize) -> std::ops::Range<usize> {
        match (self.before[i], self.after[i]) {
            (Some(l), Some(h)) if l < h => l + 1..h,
            (Some(l), None) => l + 1..n,
            (None, Some(h)) => 0..h.min(n),
            _ => 0..n,
        }
    }

    /// Whether old message `j` stood in block `i`'s gap.
    fn contains(&self, i: usize, j: usize) -> bool {
        match (self.before[i], self.after[i]) {
            (Some(l), Some(h)) if l < h => l < j && j < h,
            (Some(l), None) => l < j,
            (None, Some(h)) => j < h,
            _ => true,
        }
    }
}

impl<'a> Pairing<'a> {
    fn new(doc: &'a Document, old: &'a [(&'a str, &'a str)]) -> Self {
        Pairing {
            doc,
            old,
            matched: vec![None; doc.blocks.len()],
            used: vec![false; old.len()],
            unused: old.len(),
        }
    }

    fn pair(&mut self, i: usize, j: usize) {
        self.matched[i] = Some(j);
        self.used[j] = true;
        self.unused -= 1;
    }

    /// A block with the same text as an old message keeps its id (the first
    /// such message not taken yet), wherever it moved.
    fn keep_unchanged(&mut self) {
        let mut by_text: HashMap<&str, std::collections::VecDeque<usize>> = HashMap::new();
        for (j, (_, text)) in self.old.iter().enumerate() {
            by_text.entry(text).or_default().push_back(j);
        }
        for i in 0..self.doc.blocks.len() {
            let text = self.doc.blocks[i].text.as_str();
            if let Some(j) = by_text.get_mut(text).and_then(|q| q.pop_front()) {
                self.pair(i, j);
            }
        }
    }

    /// A block whose own id (section and first words) is an unused old id in
    /// its gap takes it: splitting a paragraph keeps the id on the half it
    /// still describes.
    fn keep_own_ids(&mut self, name: &str, gaps: &Gaps) {
        let unused_by_id: HashMap<&str, usize> = (0..self.old.len())
            .filter(|&j| !self.used[j])
            .map(|j| (self.old[j].0, j))
            .collect();
        for i in 0..self.doc.blocks.len() {
            if self.matched[i].is_some() || self.unused == 0 {
                continue;
            }
            let Some(&j) = unused_by_id.get(fresh_id(name, self.doc, i).as_str()) else {
                continue;
            };
            if !self.used[j] && gaps.contains(i, j) {
                self.pair(i, j);
            }
        }
    }

    /// The rest by similarity: the lone candidate of a gap with one changed
    /// block, else the most similar old message in the gap (≥ 0.5).
    ///
    /// A gap is usually a handful of messages. When thousands of blocks
    /// changed between the same anchors (a long document without headings,
    /// every paragraph edited), each block is compared only with the
    /// [`WINDOW`] candidates around its own rank in the gap, so the work stays
    /// linear: an edit rarely moves a paragraph far among its changed peers.
    fn keep_similar(&mut self, gaps: &Gaps) {
        let words: Vec<HashSet<&str>> = self
            .old
            .iter()
            .map(|(_, text)| text.split_whitespace().collect())
            .collect();
        let mut rank_in_gap: HashMap<(Option<usize>, Option<usize>), usize> = HashMap::new();
        for i in 0..self.doc.blocks.len() {
            if self.matched[i].is_some() {
                continue;
            }
            let gap = (gaps.before[i], gaps.after[i]);
            let rank = *rank_in_gap.entry(gap).and_modify(|r| *r += 1).or_default();
            if self.unused == 0 {
                continue;
            }
            let text = self.doc.blocks[i].text.as_str();
            let mut range = gaps.range(i, self.old.len());
            let new_in_gap = gaps.per_gap.get(&gap).copied().unwrap_or(0);
            if range.len() > 2 * WINDOW {
                // Where this block's old message stands if the gap kept its order.
                let centre = range.start + rank * range.len() / new_in_gap.max(1);
                let from = centre.saturating_sub(WINDOW).max(range.start);
                range = from..(from + 2 * WINDOW).min(range.end);
            }
            let candidates: Vec<usize> = range.filter(|&j| !self.used[j]).collect();
            let lone = candidates.len() == 1 && new_in_gap == 1;
            let mine: HashSet<&str> = text.split_whitespace().collect();
            let best = candidates
                .iter()
                .map(|&j| (jaccard(&mine, &words[j]), j))
                .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)));
            let pick = match best {
                Some((_, j)) if lone => Some(j),
                Some((score, j)) if score >= 0.5 => Some(j),
                _ => None,
            };
            if let Some(j) = pick {
                self.pair(i, j);
            }
        }
    }
}

/// How many candidates on each side of its rank a changed block is compared
/// with, in a gap with very many (see [`Pairing::keep_similar`]).
const WINDOW: usize = 64;

/// Share of words two texts have in common (Jaccard index of their word sets).
fn jaccard(a: &HashSet<&str>, b: &HashSet<&str>) -> f64 {
    let union = a.len() + b.len() - a.intersection(b).count();
    if union == 0 {
        return 1.0;
    }
    a.intersection(b).count() as f64 / union as f64
}

/// `id`, or `id-2`, `id-3`… the first one not taken. `next` remembers where the
/// search for each base id stopped, so many equal blocks stay linear.
fn unique(id: String, taken: &BTreeSet<String>, next: &mut HashMap<String, usize>) -> String {
    if !taken.contains(&id) {
        return id;
    }
    let start = next.get(&id).copied().unwrap_or(2);
    let (n, found) = (start..)
        .map(|n| (n, format!("{id}-{n}")))
        .find(|(_, c)| !taken.contains(c))
        .expect("an unused suffix exists");
    next.insert(id, n + 1);
    found
}

const STOP_WORDS: [&str; 57] = [
    "a", "al", "also", "an", "and", "are", "as", "at", "be", "been", "but", "by", "can", "could",
    "did", "do", "does", "for", "from", "had", "has", "have", "he", "his", "i", "in", "into", "is",
    "it", "its", "mr", "not", "of", "on", "or", "our", "she", "so", "than", "that", "the", "their",
    "them", "then", "there", "these", "those", "to", "was", "were", "which", "who", "whom",
    "whose", "will", "with", "would",
];

/// Lower-case ASCII words of `text` that carry meaning, at most `max`.
pub fn slug_words(text: &str, max: usize) -> Vec<String> {
    let plain = strip_markup(text);
    plain
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w.to_ascii_lowercase())
        .filter(|w| !STOP_WORDS.contains(&w.as_str()))
        .take(max)
        .collect()
}

/// Drops link targets and labels and markup characters so slugs come from the words.
fn strip_markup(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        // A link's `(target)` or `[label]` is not words of the text.
        if c == ']' && matches!(chars.peek(), Some('(' | '[')) {
            let close = if chars.peek() == Some(&'(') { ')' } else { ']' };
            for c in chars.by_ref() {
                if c == close {
                    break;
                }
            }
            continue;
        }
        if c.is_ascii_punctuation() && c != '-' {
            out.push(' ');
        } else {
            out.push(c);
        }
    }
    out
}

fn section_slug(doc: &Document, section: usize) -> String {
    if section == 0 {
        return "intro".into();
    }
    let words = slug_words(&doc.sections[section].heading, 3);
    if words.is_empty() {
        format!("section{section}")
    } else {
        words.join("-")
    }
}

fn fresh_id(name: &str, doc: &Document, index: usize) -> String {
    let block = &doc.blocks[index];
    let section = section_slug(doc, block.section);
    let name = &crate::project::doc_prefix(name);
    match block.kind {
        BlockKind::Title => format!("{name}-title"),
        BlockKind::Heading(_) => format!("{name}-{section}-heading"),
        _ => {
            let words = slug_words(&block.text, 3);
            let tail = if words.is_empty() {
                match block.kind {
                    BlockKind::ListItem => "item".to_string(),
                    BlockKind::TableCell => "cell".to_string(),
                    BlockKind::Term => "term".to_string(),
                    BlockKind::Definition => "definition".to_string(),
                    _ => "paragraph".to_string(),
                }
            } else {
                words.join("-")
            };
            format!("{name}-{section}-{tail}")
        }
    }
}

fn comment(lines: Vec<String>) -> Comment<String> {
    Comment { content: lines }
}

fn has_markup(text: &str) -> bool {
    text.contains(['*', '_', '[', '`', '<', '~'])
}

/// The first line of every file `extract` writes for document `name`: how a
/// generated file is told from a hand-written one (such as `page.ftl`).
pub fn generated_mark(name: &str) -> String {
    format!(
        "### Messages of the document `{name}`, extracted from its Markdown by `ftlkit extract`."
    )
}

/// Writes the source locale's file: a resource comment, the title and byline,
/// then a group comment per section and a context comment per message.
fn serialize(name: &str, doc: &Document, units: &[Unit]) -> String {
    let mut body = vec![Entry::ResourceComment(comment(vec![
        generated_mark(name)
            .trim_start_matches("### ")
            .to_string(),
        "Do not edit this file: change the Markdown and run `ftlkit extract` again.".into(),
        "Translators: keep Markdown markup (*emphasis*, [links](…), `code`) around the words it marks.".into(),
    ]))];
    let mut current_group: Option<String> = None;
    let mut push_group = |body: &mut Vec<Entry<String>>, group: String, lines: Vec<String>| {
        if current_group.as_deref() != Some(group.as_str()) {
            body.push(Entry::GroupComment(comment(lines)));
            current_group = Some(group);
        }
    };
    // The title first, then the byline, then the body in document order.
    let mut order: Vec<&Unit> = Vec::new();
    order.extend(units.iter().filter(
        |u| matches!(u.origin, Origin::Block(i) if doc.blocks[i].kind == BlockKind::Title),
    ));
    order.extend(units.iter().filter(|u| matches!(u.origin, Origin::Meta(_))));
    order.extend(units.iter().filter(
        |u| matches!(u.origin, Origin::Block(i) if doc.blocks[i].kind != BlockKind::Title),
    ));
    for unit in order {
        let note = match &unit.origin {
            Origin::Meta(key) if key.starts_with("book-") => {
                push_group(
                    &mut body,
                    "book".into(),
                    vec!["The book (book.toml)".into()],
                );
                match key.as_str() {
                    "book-title" => "The book's title (`title` in book.toml): the translated book's title, and its site's index title.".to_string(),
                    _ => "The book's description (`description` in book.toml), for search engines.".to_string(),
                }
            }
            Origin::Meta(key) => {
                push_group(&mut body, "meta".into(), vec!["Title and byline".into()]);
                match key.as_str() {
                    "author" => {
                        "Byline: the writer's name, shown as “Written by …”. Transliterate it."
                            .to_string()
                    }
                    "editor" => {
                        "Byline: the editor's name, shown as “Edited by …”. Transliterate it."
                            .to_string()
                    }
                    _ => format!("Document metadata: {key}."),
                }
            }
            Origin::Block(i) => {
                let block = &doc.blocks[*i];
                let heading = &doc.sections[block.section].heading;
                if block.kind == BlockKind::Title {
                    push_group(&mut body, "meta".into(), vec!["Title and byline".into()]);
                } else if block.section == 0 {
                    push_group(
                        &mut body,
                        "s0".into(),
                        vec!["Lead: the paragraphs before the first section heading".into()],
                    );
                } else {
                    push_group(
                        &mut body,
                        format!("s{}", block.section),
                        vec![format!("Section: {heading}")],
                    );
                }
                let mut note = match block.kind {
                    BlockKind::Title => "Title of the document, also the page title.".to_string(),
                    BlockKind::Heading(_) => format!("{}.", block.kind.describe()),
                    _ if block.section == 0 => format!("{} in the lead.", block.kind.describe()),
                    _ => format!("{} in the section “{heading}”.", block.kind.describe()),
                };
                if has_markup(&block.text) {
                    note.push_str(" Contains Markdown markup: keep it around the words it marks.");
                }
                note
            }
        };
        body.push(Entry::Message(Message {
            id: Identifier {
                name: unit.id.clone(),
            },
            value: Some(text_pattern(&unit.text)),
            attributes: vec![],
            comment: Some(comment(vec![note])),
        }));
    }
    fluent_syntax::serializer::serialize(&Resource { body })
}
pub mod carry;
pub mod check;
pub mod moves;
mod new_state;
pub mod run;
