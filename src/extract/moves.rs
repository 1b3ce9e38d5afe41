//! Moves between documents: which messages that left one document (renamed,
//! moved into a folder, split, merged, or a paragraph cut and pasted) are now
//! new messages of another, so that their translations follow them.
//!
//! Disk-free. A document name is an opaque string (it may hold `/`); ids are
//! whatever [`super::assign_ids`] makes, so this works however ids are formed.
//!
//! The pairing is the one a single document's re-extraction uses: each
//! document with new messages is paired once more, against its own previous
//! messages followed by the pool of messages other documents lost. A block
//! that then gets a pooled id came from there; it keeps the fresh id the
//! ordinary extraction gave it (extract's output does not change), and the
//! move says which old id its translations had.

use super::{assign_ids, jaccard, Origin, Unit};
use crate::markdown::Document;
use std::collections::{HashMap, HashSet};

/// One message that went from one document to another.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Move {
    pub from_doc: String,
    pub from_id: String,
    pub to_doc: String,
    pub to_id: String,
}

/// A document's messages: (id, English), as the previous file had them.
pub type Messages = Vec<(String, Option<String>)>;

/// A message a document had and no longer has (its document may be gone).
#[derive(Debug, Clone)]
pub struct Lost {
    pub doc: String,
    pub id: String,
    pub text: String,
}

/// A document as extracted now: its previous messages and its new units.
pub struct Current<'a> {
    pub name: &'a str,
    pub doc: &'a Document,
    pub previous: &'a [(String, Option<String>)],
    pub units: &'a [Unit],
}

/// The least share of words a moved message that was edited on the way must
/// keep (a message pasted unchanged always moves).
const MIN_SIMILARITY: f64 = 0.5;

/// The moves from `lost` into the `current` documents' new messages. Each
/// lost message moves at most once: documents are served in the order given.
pub fn find_moves(current: &[Current], lost: &[Lost]) -> Vec<Move> {
    let mut used = vec![false; lost.len()];
    let mut moves = Vec::new();
    if lost.is_empty() {
        return moves;
    }
    for doc in current {
        let own: HashSet<&str> = doc.previous.iter().map(|(id, _)| id.as_str()).collect();
        let fresh: Vec<usize> = (0..doc.units.len())
            .filter(|&u| !own.contains(doc.units[u].id.as_str()))
            .collect();
        if fresh.is_empty() {
            continue;
        }
        // The pool, after the document's own messages: own ones still win.
        let mut seen: HashSet<&str> = own.clone();
        let mut pooled: HashMap<&str, usize> = HashMap::new();
        let mut previous = doc.previous.to_vec();
        for (k, l) in lost.iter().enumerate() {
            if !used[k] && l.doc != doc.name && seen.insert(l.id.as_str()) {
                pooled.insert(l.id.as_str(), k);
                previous.push((l.id.clone(), Some(l.text.clone())));
            }
        }
        if pooled.is_empty() {
            continue;
        }
        let paired = assign_ids(doc.name, doc.doc, &previous);
        for &u in &fresh {
            let unit = &doc.units[u];
            let from = match &unit.origin {
                Origin::Block(_) => paired
                    .get(u)
                    .filter(|p| p.origin == unit.origin)
                    .and_then(|p| pooled.get(p.id.as_str()).copied()),
                Origin::Meta(key) => meta_from(key, unit, lost, &used, &pooled),
            };
            let Some(k) = from.filter(|&k| !used[k] && alike(&lost[k].text, &unit.text)) else {
                continue;
            };
            used[k] = true;
            moves.push(Move {
                from_doc: lost[k].doc.clone(),
                from_id: lost[k].id.clone(),
                to_doc: doc.name.to_string(),
                to_id: unit.id.clone(),
            });
        }
    }
    moves
}

/// A front-matter field (author, editor…) moves with its document: a lost
/// field of the same key (its id ends in `-key`, as every document's does)
/// with the same text.
fn meta_from(
    key: &str,
    unit: &Unit,
    lost: &[Lost],
    used: &[bool],
    pooled: &HashMap<&str, usize>,
) -> Option<usize> {
    (0..lost.len()).find(|&k| {
        !used[k]
            && pooled.contains_key(lost[k].id.as_str())
            && lost[k].id.ends_with(&format!("-{key}"))
            && lost[k].text == unit.text
    })
}

/// Whether a lost message's English and a new one's are the same message.
fn alike(old: &str, new: &str) -> bool {
    if old == new {
        return true;
    }
    let a: HashSet<&str> = old.split_whitespace().collect();
    let b: HashSet<&str> = new.split_whitespace().collect();
    jaccard(&a, &b) >= MIN_SIMILARITY
}

/// The messages each document lost: its previous ids it no longer has, and
/// every message of a document that is gone (`gone`: name and messages).
pub fn lost(current: &[Current], gone: &[(String, Messages)]) -> Vec<Lost> {
    let mut out = Vec::new();
    for doc in current {
        let now: HashSet<&str> = doc.units.iter().map(|u| u.id.as_str()).collect();
        for (id, text) in doc.previous {
            if !now.contains(id.as_str()) {
                out.push(Lost {
                    doc: doc.name.to_string(),
                    id: id.clone(),
                    text: text.clone().unwrap_or_default(),
                });
            }
        }
    }
    for (name, messages) in gone {
        for (id, text) in messages {
            out.push(Lost {
                doc: name.clone(),
                id: id.clone(),
                text: text.clone().unwrap_or_default(),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::parse;

    fn current<'a>(
        name: &'a str,
        doc: &'a Document,
        previous: &'a [(String, Option<String>)],
        units: &'a [Unit],
    ) -> Current<'a> {
        Current {
            name,
            doc,
            previous,
            units,
        }
    }

    fn messages(name: &str, md: &str) -> Vec<(String, Option<String>)> {
        assign_ids(name, &parse(md).unwrap(), &[])
            .into_iter()
            .map(|u| (u.id, Some(u.text)))
            .collect()
    }

    const OLD: &str = "+++\nauthor = \"Ann Writer\"\n+++\n# Old title\n\nFirst paragraph about rivers.\n\n## Part two\n\nSecond paragraph about hills.\n";

    #[test]
    fn a_renamed_document_moves_every_message() {
        let gone = vec![("a/old".to_string(), messages("a_old", OLD))];
        let doc = parse(OLD).unwrap();
        let units = assign_ids("b_new", &doc, &[]);
        let now = [current("b/new", &doc, &[], &units)];
        let moves = find_moves(&now, &lost(&now, &gone));
        assert_eq!(moves.len(), units.len(), "{moves:#?}");
        assert!(moves
            .iter()
            .all(|m| m.from_doc == "a/old" && m.to_doc == "b/new"));
        let author = moves.iter().find(|m| m.to_id.ends_with("-author")).unwrap();
        assert_eq!(author.from_id, "a_old-author");
    }

    #[test]
    fn a_split_serves_each_half_and_an_edit_on_the_way_still_moves() {
        let previous = messages("one", OLD);
        let first = parse("# Old title\n\nFirst paragraph about rivers.\n").unwrap();
        let first_units = assign_ids("one", &first, &previous);
        let second = parse("# Part two\n\nSecond paragraph about the hills.\n").unwrap();
        let second_units = assign_ids("two", &second, &[]);
        let now = [
            current("one", &first, &previous, &first_units),
            current("two", &second, &[], &second_units),
        ];
        let moves = find_moves(&now, &lost(&now, &[]));
        let ids: Vec<(&str, &str)> = moves
            .iter()
            .map(|m| (m.from_id.as_str(), m.to_id.as_str()))
            .collect();
        assert!(
            ids.contains(&(
                "one-part-two-second-paragraph-about",
                "two-intro-second-paragraph-about"
            )),
            "{ids:?}"
        );
        // The heading became the second document's title: same words, moved.
        assert!(
            ids.contains(&("one-part-two-heading", "two-title")),
            "{ids:?}"
        );
    }

    #[test]
    fn an_unrelated_new_paragraph_takes_nothing() {
        let gone = vec![("old".to_string(), messages("old", OLD))];
        let doc = parse("# Fresh\n\nNothing in common here at all.\n").unwrap();
        let units = assign_ids("fresh", &doc, &[]);
        let now = [current("fresh", &doc, &[], &units)];
        assert!(find_moves(&now, &lost(&now, &gone)).is_empty());
    }
}
