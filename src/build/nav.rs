//! The order of a site's pages and the way around them, without a disk: a
//! book's `SUMMARY.md` (its links in order, its part titles), or else the
//! documents in the tree's order; each entry's title in each locale; each
//! page's links to its locale's index, the previous and next page, and the
//! table of contents.

use super::format::{bundles, format_first, page_string, Bundle};
use super::load::{LocaleFiles, Outline, SourceDoc};
use crate::extract::Origin;
use crate::page_strings::Id;
use crate::render::page::{up_to_locale, Link, Nav, TocEntry};
use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use std::collections::{HashMap, HashSet};

/// The name of an mdBook's table of contents, at the top of the content folder.
pub use crate::markdown::SUMMARY;

/// One line of the order: a page, or a part title (`# Reference guide`) or
/// a draft chapter (`[Draft]()`) of a summary, which link nowhere.
#[derive(Debug, Clone)]
pub struct Entry {
    pub doc: Option<usize>,
    pub depth: usize,
    /// A summary's part title (`# Reference guide`).
    pub part: bool,
    /// The message its title is: (document, message id).
    pub title: Option<(usize, String)>,
}

/// The site's order.
#[derive(Debug, Default)]
pub struct Order {
    pub entries: Vec<Entry>,
    /// Whether it is a book's summary (then pages get a table of contents).
    pub summary: bool,
}

fn unit_of(doc: &SourceDoc, block: usize) -> Option<String> {
    doc.units
        .iter()
        .find(|u| matches!(u.origin, Origin::Block(b) if b == block))
        .map(|u| u.id.clone())
}

/// The document a summary link names (`guide/installation.md` →
/// `guide/installation`), if it is one.
pub fn summary_target(url: &str, names: &HashMap<&str, usize>) -> Option<usize> {
    let (path, _) = crate::render::links::split_url(url);
    let stem = path.strip_suffix(".md")?;
    let name = crate::render::links::resolve(SUMMARY, stem)?;
    names.get(name.as_str()).copied()
}

/// The order of `docs`: the summary's when there is one (`summary`, the
/// document [`SUMMARY`] whole), else every document by name (folders nested
/// below their parent's pages).
pub fn order(docs: &[Outline], summary: Option<&SourceDoc>) -> Order {
    let names: HashMap<&str, usize> = docs
        .iter()
        .enumerate()
        .map(|(i, d)| (d.name.as_str(), i))
        .collect();
    let (Some(&s), Some(summary)) = (names.get(SUMMARY), summary) else {
        let entries = docs
            .iter()
            .enumerate()
            .map(|(d, doc)| Entry {
                doc: Some(d),
                part: false,
                depth: doc.name.matches('/').count(),
                title: doc
                    .title
                    .as_ref()
                    .and_then(|(_, unit)| unit.clone())
                    .map(|id| (d, id)),
            })
            .collect();
        return Order {
            entries,
            summary: false,
        };
    };
    let blocks = &summary.loaded.doc.blocks;
    let block_in = |range: &std::ops::Range<usize>| {
        blocks
            .iter()
            .position(|b| b.range.start <= range.end && b.range.end >= range.start)
            .filter(|b| !matches!(blocks[*b].kind, crate::markdown::BlockKind::Title))
    };
    let mut entries = Vec::new();
    let mut depth = 0usize;
    for (event, range) in Parser::new(&summary.text).into_offset_iter() {
        match event {
            Event::Start(Tag::List(_)) => depth += 1,
            Event::End(TagEnd::List(_)) => depth = depth.saturating_sub(1),
            Event::Start(Tag::Heading { .. }) if depth == 0 => {
                if let Some(b) = block_in(&range) {
                    entries.push(Entry {
                        doc: None,
                        part: true,
                        depth: 0,
                        title: unit_of(summary, b).map(|id| (s, id)),
                    });
                }
            }
            Event::Start(Tag::Link { dest_url, .. }) => entries.push(Entry {
                doc: summary_target(&dest_url, &names),
                part: false,
                depth: depth.saturating_sub(1),
                title: block_in(&range)
                    .and_then(|b| unit_of(summary, b))
                    .map(|id| (s, id)),
            }),
            _ => {}
        }
    }
    Order {
        entries,
        summary: true,
    }
}

/// Each entry's title in the chain's first locale (falling back along it),
/// as plain text, the document's name when it has none — of the entries
/// `wanted` (given the entry's index and the document its title is in,
/// whose files `chain` must hold: see [`super::load::Chunk`]); `None` for
/// the others.
pub fn titles_of(
    order: &Order,
    docs: &[Outline],
    chain: &[&LocaleFiles],
    wanted: &dyn Fn(usize, usize) -> bool,
) -> Vec<Option<Title>> {
    let mut cache: HashMap<usize, Vec<Bundle>> = HashMap::new();
    let dir = chain[0].locale.direction;
    // A title from a locale after the first (a fallback) says its language.
    let language_of = |k: usize| {
        (k > 0).then(|| chain.get(k)).flatten().map(|lf| Lang {
            id: lf.locale.id.clone(),
            dir: lf.locale.direction,
        })
    };
    order
        .entries
        .iter()
        .enumerate()
        .map(|(i, e)| {
            if e.title.as_ref().is_some_and(|(d, _)| !wanted(i, *d)) {
                return None;
            }
            let text = e.title.as_ref().and_then(|(d, id)| {
                let b = cache
                    .entry(*d)
                    .or_insert_with(|| bundles(chain, &docs[*d].name));
                format_first(b, id, None, &mut Vec::new())
            });
            let text = text
                .map(|(t, k)| {
                    let t = crate::markdown::title_text(&crate::render::plain_isolates(&t, dir));
                    (t, k)
                })
                .filter(|(t, _)| !t.is_empty());
            Some(match text {
                Some((text, k)) => Title {
                    text,
                    lang: language_of(k),
                },
                // A document's name is no language's words.
                None => Title {
                    text: e.doc.map(|d| docs[d].name.clone()).unwrap_or_default(),
                    lang: None,
                },
            })
        })
        .collect()
}

/// The title and description of `book.toml` translated with the summary
/// (`project::files::book_fields`), in the chain's first locale (`chain`
/// holds the summary's files).
pub fn book_fields(docs: &[Outline], chain: &[&LocaleFiles]) -> [Option<Title>; 2] {
    ["book-title", "book-description"].map(|field| book_field(docs, chain, field))
}

/// A field of `book.toml` translated with the summary, in the chain's first locale.
fn book_field(docs: &[Outline], chain: &[&LocaleFiles], field: &str) -> Option<Title> {
    let summary = docs.iter().find(|d| d.name == SUMMARY)?;
    let id = crate::extract::meta_id(SUMMARY, field);
    summary.ids.iter().find(|u| **u == id)?;
    let (text, k) = format_first(&bundles(chain, SUMMARY), &id, None, &mut Vec::new())?;
    let dir = chain[0].locale.direction;
    Some(Title {
        text: crate::render::plain_isolates(&text, dir),
        lang: (k > 0).then(|| chain.get(k)).flatten().map(|lf| Lang {
            id: lf.locale.id.clone(),
            dir: lf.locale.direction,
        }),
    })
}

pub use crate::render::page::Lang;

/// An entry's title in a locale, and its language when it is another
/// locale's words (a fallback): marked so on the page.
#[derive(Debug, Clone, Default)]
pub struct Title {
    pub text: String,
    pub lang: Option<Lang>,
}

/// What every page of one locale shares: the order's titles in its
/// language, which documents it publishes, its labels.
pub struct LocaleNav {
    pub titles: Vec<Title>,
    pub published: rustc_hash::FxHashSet<usize>,
    /// Every document in reading order, each once, with the entry that puts
    /// them there (its title is in `titles`): previous and next (a page the
    /// locale does not publish is the source locale's, as in the table of
    /// contents).
    sequence: Vec<(usize, usize)>,
    /// Document → its place in `sequence`.
    place: std::collections::HashMap<usize, usize>,
    pub contents: String,
    pub previous: String,
    pub next: String,
    pub source: String,
    /// An mdBook's title and description (`book.toml`, translated with its
    /// summary), in the locale's words or its fallback's.
    pub book_title: Option<Title>,
    pub book_description: Option<Title>,
}

impl LocaleNav {
    /// A locale's navigation: its `titles` (as [`titles_of`] gives them), its
    /// page strings' labels (the first of `chain` that has each), the
    /// documents it publishes.
    pub fn new(
        order: &Order,
        titles: Vec<Title>,
        chain: &[&LocaleFiles],
        published: rustc_hash::FxHashSet<usize>,
        source: &str,
    ) -> LocaleNav {
        let label = |id: Id, default: &str| {
            chain
                .iter()
                .find_map(|lf| page_string(lf, id, None))
                .unwrap_or_else(|| default.to_string())
        };
        let mut seen = HashSet::new();
        let sequence: Vec<(usize, usize)> = order
            .entries
            .iter()
            .enumerate()
            .filter_map(|(i, e)| e.doc.map(|doc| (doc, i)))
            .filter(|(doc, _)| seen.insert(*doc))
            .collect();
        let place = sequence
            .iter()
            .enumerate()
            .map(|(i, (doc, _))| (*doc, i))
            .collect();
        LocaleNav {
            // (set from the summary's chunk: [`book_fields`])
            book_title: None,
            book_description: None,
            titles,
            published,
            sequence,
            place,
            contents: label(Id::Contents, "Contents"),
            previous: label(Id::Previous, "Previous"),
            next: label(Id::Next, "Next"),
            source: source.to_string(),
        }
    }

    /// From a page (`up`: its way up to the locale's folder, [`up_to_locale`])
    /// to document `target`'s page: the locale's own, or the source locale's
    /// when this one does not publish it.
    fn href(&self, docs: &[Outline], up: &str, target: usize) -> String {
        let name = &docs[target].name;
        use crate::render::page::concat;
        match self.published.contains(&target) {
            true => concat(&[up, name, ".html"]),
            false => concat(&[up, "../", &self.source, "/", name, ".html"]),
        }
    }

    /// The table of contents or index entries as seen from `from` (`""`: the locale's folder).
    pub fn toc(
        &self,
        order: &Order,
        docs: &[Outline],
        from: &str,
        current: Option<usize>,
    ) -> Vec<TocEntry> {
        let up = up_to_locale(from);
        order
            .entries
            .iter()
            .zip(&self.titles)
            .map(|(e, title)| TocEntry {
                href: e.doc.map(|d| self.href(docs, &up, d)),
                title: title.text.clone(),
                lang: title.lang.clone(),
                depth: e.depth,
                current: e.doc.is_some() && e.doc == current,
            })
            .collect()
    }

    /// The entries of the part (`# Reference guide` up to the next part
    /// title) holding document `d`.
    fn part_of(order: &Order, d: usize) -> std::ops::Range<usize> {
        let entries = &order.entries;
        let Some(at) = entries.iter().position(|e| e.doc == Some(d)) else {
            return 0..entries.len();
        };
        let start = entries[..at].iter().rposition(|e| e.part).unwrap_or(0);
        let end = entries[at..]
            .iter()
            .position(|e| e.part)
            .map_or(entries.len(), |n| at + n);
        start..end
    }

    /// Page `d`'s table of contents: the chapters before the first part,
    /// the page's part whole, the other parts' titles linking to their
    /// first page.
    fn page_toc(&self, order: &Order, docs: &[Outline], from: &str, d: usize) -> Vec<TocEntry> {
        let entries = &order.entries;
        // The chapters before the first part title (an introduction) are
        // every page's, as a part of their own.
        let prefix = 0..entries.iter().position(|e| e.part).unwrap_or(0);
        let part = Self::part_of(order, d);
        let up = up_to_locale(from);
        let mut toc = Vec::new();
        for (i, (e, title)) in entries.iter().zip(&self.titles).enumerate() {
            let href = match (part.contains(&i) || prefix.contains(&i), e.part) {
                (true, _) => e.doc.map(|t| self.href(docs, &up, t)),
                // Another part's title: a link to its first page.
                (false, true) => entries[i + 1..]
                    .iter()
                    .take_while(|next| !next.part)
                    .find_map(|next| next.doc)
                    .map(|t| self.href(docs, &up, t)),
                (false, false) => continue,
            };
            toc.push(TocEntry {
                href,
                title: title.text.clone(),
                lang: title.lang.clone(),
                depth: e.depth,
                current: e.doc.is_some() && e.doc == Some(d),
            });
        }
        toc
    }

    /// The way around from document `d`'s page.
    pub fn page(&self, order: &Order, docs: &[Outline], d: usize) -> Nav {
        let from = &docs[d].name;
        let at = self.place.get(&d).copied();
        let up = up_to_locale(from);
        let link = |i: Option<usize>| {
            let (doc, entry) = self.sequence.get(i?)?;
            let title = self.titles.get(*entry)?;
            Some(Link {
                href: self.href(docs, &up, *doc),
                text: title.text.clone(),
                lang: title.lang.clone(),
            })
        };
        Nav {
            home: Link {
                href: format!("{}index.html", up_to_locale(from)),
                text: self.contents.clone(),
                lang: None,
            },
            previous: link(at.and_then(|i| i.checked_sub(1))),
            next: link(at.map(|i| i + 1)),
            previous_label: self.previous.clone(),
            next_label: self.next.clone(),
            // The whole part the page is in, and the other parts' titles,
            // each a link to its first page: every part is a click away, and
            // a page of a book of many parts stays small.
            toc: match order.summary {
                true => self.page_toc(order, docs, from, d),
                false => Vec::new(),
            },
        }
    }
}
