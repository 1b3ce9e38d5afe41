//! Carrying translations from one locale file to another when their English
//! moved between documents (found by extract's move detection): an entry or a
//! template is cut from one file with the comment lines above it, its id is
//! rewritten on its first line, and it is put where `sync` would put it in the
//! other file. Every other byte of both files stays as it was; nothing is
//! re-serialized.

use crate::ftl::blocks::{blocks, entry_id, is_blank, is_comment, Kind, TEMPLATE_MARK};
use std::collections::HashMap;

/// A cut entry or template: the id it had and its exact text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cut {
    pub id: String,
    pub text: String,
    /// A template (`# (untranslated) …`, as ftlkit wrote it or edited).
    pub template: bool,
}

/// `text` without the entries and templates whose id `wanted` says to take,
/// and those blocks, in file order. A template's trailing blank line stays in
/// the file (it separated it from what follows).
pub fn cut(text: &str, wanted: &dyn Fn(&str) -> bool) -> (String, Vec<Cut>) {
    let mut rest = String::with_capacity(text.len());
    let mut taken = Vec::new();
    for b in blocks(text) {
        let (id, template) = match &b.kind {
            Kind::Entry(id) => (id, false),
            Kind::Template(id) | Kind::Kept(id) => (id, true),
            _ => {
                rest.push_str(b.text);
                continue;
            }
        };
        if !wanted(id) {
            rest.push_str(b.text);
            continue;
        }
        let (block, blank) = split_trailing_blank(b.text);
        rest.push_str(blank);
        taken.push(Cut {
            id: id.clone(),
            text: block.to_string(),
            template,
        });
    }
    (rest, taken)
}

/// A block and the blank line that ends it, if it has one after other lines.
fn split_trailing_blank(block: &str) -> (&str, &str) {
    let lines: Vec<&str> = block.split_inclusive('\n').collect();
    match lines.split_last() {
        Some((last, rest)) if !rest.is_empty() && is_blank(last) => {
            block.split_at(block.len() - last.len())
        }
        _ => (block, ""),
    }
}

/// `block` (one entry with its comment lines, or one template) with its id
/// `old` rewritten as `new` on the line that defines it. Nothing else changes.
pub fn renamed(block: &str, old: &str, new: &str) -> String {
    let mut out = String::with_capacity(block.len() + new.len());
    let mut done = false;
    for line in block.split_inclusive('\n') {
        if !done {
            if let Some(rest) = line.strip_prefix(TEMPLATE_MARK) {
                if entry_id(rest) == Some(old) {
                    out.push_str(TEMPLATE_MARK);
                    out.push_str(new);
                    out.push_str(&rest[old.len()..]);
                    done = true;
                    continue;
                }
            } else if !is_comment(line) && entry_id(line) == Some(old) {
                out.push_str(new);
                out.push_str(&line[old.len()..]);
                done = true;
                continue;
            }
        }
        out.push_str(line);
    }
    out
}

/// The whole file with the ids `renames` names rewritten where they are
/// defined (a document renamed: its translations keep their file, renamed).
pub fn rename_all(text: &str, renames: &HashMap<String, String>) -> String {
    let mut out = String::with_capacity(text.len());
    for b in blocks(text) {
        match &b.kind {
            Kind::Entry(id) | Kind::Template(id) | Kind::Kept(id) => match renames.get(id) {
                Some(new) => out.push_str(&renamed(b.text, id, new)),
                None => out.push_str(b.text),
            },
            _ => out.push_str(b.text),
        }
    }
    out
}

/// `locale` with a carried block put where `sync` puts the message `id` of
/// `reference`: in place of its template, or after its nearest preceding
/// neighbour. The block's own line endings become the file's.
pub fn put(reference: &str, locale: &str, id: &str, block: &str) -> String {
    super::edit::set_message(reference, locale, id, block)
}

/// Whether what is left of a file holds nothing anyone wrote: blank lines,
/// section comments (`##`, `###`) copied from the English, the header `init`
/// writes, the obsolete section's title. Such a file may go once its
/// messages have moved; any entry, template or other comment keeps it.
pub fn only_boilerplate(text: &str) -> bool {
    blocks(text).iter().all(|b| match &b.kind {
        Kind::Obsolete => true,
        Kind::Other => b
            .text
            .split_inclusive('\n')
            .all(|line| is_blank(line) || line.starts_with("##") || is_init_header(line)),
        _ => false,
    })
}

/// A line of the header [`crate::sync::run::init`] writes.
fn is_init_header(line: &str) -> bool {
    let line = line.trim_end();
    (line.starts_with("# ") && line.contains(" translation of ") && line.ends_with(".ftl."))
        || line.starts_with("# Each message below is the English, commented out:")
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "### Arabic\n\n## Lead\n\n# mine\nold-a = أ\nold-b =\n    ب\n    ب\n\n# (untranslated) old-c = C\n\nkeep = ك\r\n";

    #[test]
    fn cuts_entries_with_their_comments_and_keeps_the_rest_byte_for_byte() {
        let (rest, taken) = cut(FILE, &|id| id.starts_with("old-"));
        assert_eq!(rest, "### Arabic\n\n## Lead\n\n\n\nkeep = ك\r\n");
        let texts: Vec<&str> = taken.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "# mine\nold-a = أ\n",
                "old-b =\n    ب\n    ب\n",
                "# (untranslated) old-c = C\n"
            ]
        );
        assert!(taken[2].template && !taken[0].template);
        assert!(!only_boilerplate(&rest));
        let (rest, _) = cut(&rest, &|_| true);
        assert!(only_boilerplate(&rest), "{rest:?}");
    }

    #[test]
    fn renames_only_the_defining_line() {
        assert_eq!(
            renamed(
                "# old-a is here\nold-a = x\n    .title = old-a\n",
                "old-a",
                "new-a"
            ),
            "# old-a is here\nnew-a = x\n    .title = old-a\n"
        );
        assert_eq!(
            renamed("# (untranslated) old-c = C\n#  more\n", "old-c", "n"),
            "# (untranslated) n = C\n#  more\n"
        );
        let renames = HashMap::from([("old-b".to_string(), "b".to_string())]);
        let out = rename_all(FILE, &renames);
        assert_eq!(out, FILE.replace("old-b =", "b ="));
    }

    #[test]
    fn puts_a_block_after_its_neighbour_in_the_files_line_endings() {
        let reference = "x = X\ny = Y\nz = Z\n";
        let out = put(reference, "x = 1\r\nz = 3\r\n", "y", "# note\ny = 2\n");
        assert_eq!(out, "x = 1\r\n# note\r\ny = 2\r\nz = 3\r\n");
    }

    #[test]
    fn a_translators_own_comment_keeps_the_file() {
        assert!(only_boilerplate(
            "# ar translation of a.ftl.\n# Each message below is the English, commented out: remove it.\n\n"
        ));
        assert!(!only_boilerplate(
            "# Remember to ask Leila about the names.\n"
        ));
    }
}
