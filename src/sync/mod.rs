//! `sync` and `init`: bring a locale file in line with its reference, line by
//! line, without re-serializing anything a translator wrote.
//!
//! The file is cut into blocks by [`crate::ftl::blocks`]; sync then only
//! inserts templates, drops templates that are no longer needed, and moves
//! obsolete entries into a marked section at the end.

use crate::ftl::blocks::*;
use std::collections::{BTreeMap, BTreeSet};

pub use crate::ftl::blocks::{
    expected_templates, find_templates, FoundTemplate, OBSOLETE_HEADER, TEMPLATE_MARK,
};

/// What sync did to one file.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct SyncOutcome {
    pub text: String,
    /// Ids that got a template.
    pub added: Vec<String>,
    /// Ids whose template was redone because the English changed.
    pub refreshed: Vec<String>,
    /// Ids moved to the obsolete section (or removed, with prune).
    pub obsolete: Vec<String>,
    /// Ids whose template someone edited: kept as it is, not redone.
    pub kept: Vec<String>,
    /// Obsolete ids `prune` kept because they look like a misspelt reference id.
    pub spared: Vec<String>,
    /// With prune: the first line of each block in the obsolete section that is
    /// not an entry (a translator's comment, junk). Kept: prune removes only
    /// the obsolete messages it names.
    pub other_kept: Vec<String>,
    /// The templates of the result that are ftlkit's (id → text), for the
    /// record that lets the next sync redo them.
    pub templates: BTreeMap<String, String>,
}

/// [`sync_with`] with no record of earlier templates: a template that is not
/// exactly the current English's is taken for someone's edit and kept.
pub fn sync(reference: &str, locale: &str, prune: bool) -> SyncOutcome {
    sync_with(reference, locale, prune, &|_, _| false)
}

/// Brings `locale` (a locale file's text, empty for a new file) in line with
/// `reference`. Every line the translator wrote is kept byte for byte, except
/// obsolete entries when `prune` is set.
///
/// Templates are ftlkit's and are redone from the current English, but only
/// those it wrote itself: the current English's template, or one for which
/// `recorded(id, text)` says an earlier sync wrote exactly that text. Any other
/// template was edited by hand (typically a translation typed after the
/// `# (untranslated)` mark) and is kept where it is, as it is.
pub fn sync_with(
    reference: &str,
    locale: &str,
    prune: bool,
    recorded: &dyn Fn(&str, &str) -> bool,
) -> SyncOutcome {
    let refs = reference_entries(reference);
    let input = blocks(locale);
    let mut run = Run::new(&refs, &input, line_ending(locale), prune, recorded);
    for b in &input {
        run.block(b);
    }
    run.add_missing_templates();
    let mut outcome = run.outcome;
    outcome.text = join(&run.body, &run.obsolete, run.eol);
    outcome
}

/// The file's own line ending: the one most of its lines use (what sync adds
/// keeps that majority, so a second run picks the same); a file with no LF but
/// a final lone CR becomes CRLF.
pub(crate) fn line_ending(locale: &str) -> &'static str {
    let crlf = locale.matches("\r\n").count();
    let lf = locale.matches('\n').count() - crlf;
    if crlf > lf || (lf == 0 && crlf == 0 && locale.ends_with('\r')) {
        "\r\n"
    } else {
        "\n"
    }
}

/// One sync of one file: what the reference says, and the file being rebuilt.
struct Run<'a> {
    refs: &'a [(String, String)],
    /// Reference position of each id.
    order: BTreeMap<&'a str, usize>,
    /// The templates ftlkit would write for each id (current English).
    expected: BTreeMap<String, BTreeSet<String>>,
    /// The English of each id (its first entry, should the reference repeat it).
    english_of: BTreeMap<&'a str, &'a str>,
    /// Ids the file has an entry for.
    present: BTreeSet<&'a str>,
    /// Reference ids with no translation: what an obsolete id may be a typo of
    /// (indexed on first use: thousands of obsolete × missing ids stay fast).
    untranslated: Vec<&'a str>,
    typos: std::cell::OnceCell<crate::ftl::TypoIndex<'a>>,
    eol: &'static str,
    prune: bool,
    recorded: &'a dyn Fn(&str, &str) -> bool,
    outcome: SyncOutcome,
    body: Vec<(Kind, String)>,
    obsolete: Vec<String>,
    /// Ids that have their template in `body` already.
    placed: BTreeSet<String>,
    in_obsolete: bool,
}

impl<'a> Run<'a> {
    fn new(
        refs: &'a [(String, String)],
        input: &'a [Block<'a>],
        eol: &'static str,
        prune: bool,
        recorded: &'a dyn Fn(&str, &str) -> bool,
    ) -> Self {
        let order = refs
            .iter()
            .enumerate()
            .map(|(i, (id, _))| (id.as_str(), i))
            .collect();
        let present: BTreeSet<&str> = input
            .iter()
            .filter_map(|b| match &b.kind {
                Kind::Entry(id) => Some(id.as_str()),
                _ => None,
            })
            .collect();
        let mut english_of: BTreeMap<&str, &str> = BTreeMap::new();
        for (id, body) in refs {
            english_of.entry(id.as_str()).or_insert(body.as_str());
        }
        let untranslated = english_of
            .keys()
            .copied()
            .filter(|id| !present.contains(id))
            .collect();
        Run {
            refs,
            order,
            expected: templates_of(refs),
            english_of,
            present,
            untranslated,
            typos: std::cell::OnceCell::new(),
            eol,
            prune,
            recorded,
            outcome: SyncOutcome::default(),
            body: Vec::new(),
            obsolete: Vec::new(),
            placed: BTreeSet::new(),
            in_obsolete: false,
        }
    }

    /// Takes one block of the locale file into the body or the obsolete section.
    fn block(&mut self, b: &Block) {
        match &b.kind {
            Kind::Obsolete => self.in_obsolete = true,
            Kind::Entry(id) if !self.order.contains_key(id.as_str()) => self.obsolete_entry(id, b),
            Kind::Template(id) => self.template_block(id, b),
            // A translator's comment or junk after the obsolete entries stays,
            // prune or not: it is nobody's obsolete message.
            _ if self.in_obsolete => {
                if !is_blank(b.text) {
                    if self.prune {
                        let first = b.text.lines().next().unwrap_or_default();
                        self.outcome.other_kept.push(first.to_string());
                    }
                    self.obsolete.push(b.text.to_string());
                }
            }
            kind => self.body.push((kind.clone(), b.text.to_string())),
        }
    }

    /// An entry the reference no longer has.
    fn obsolete_entry(&mut self, id: &str, b: &Block) {
        // Counted when moved to the section now, or removed (prune) from it.
        if !self.in_obsolete || self.prune {
            self.outcome.obsolete.push(id.to_string());
        }
        // --prune spares what looks like a misspelt id: its translation
        // is most likely meant for the message it almost names.
        let typo = self.prune
            && self
                .typos
                .get_or_init(|| crate::ftl::TypoIndex::new(self.untranslated.iter().copied()))
                .likely_typo(id)
                .is_some();
        if typo {
            self.outcome.spared.push(id.to_string());
        }
        if !self.prune || typo {
            self.obsolete.push(b.text.to_string());
        }
    }

    /// A template: ours is redone from the current English (or dropped when no
    /// longer needed); someone's edit is kept as it is.
    fn template_block(&mut self, id: &String, b: &Block) {
        let key = template_key(b.text);
        let ours =
            self.expected.get(id).is_some_and(|k| k.contains(&key)) || (self.recorded)(id, &key);
        let english = self.english_of.get(id.as_str()).copied();
        let wanted =
            english.is_some() && !self.present.contains(id.as_str()) && !self.placed.contains(id);
        if ours {
            // Redone in place from the current English, if still needed.
            if let (true, Some(english)) = (wanted, english) {
                let text = template(id, english, self.eol);
                let new_key = template_key(&text);
                if new_key != key {
                    self.outcome.refreshed.push(id.clone());
                }
                self.outcome.templates.insert(id.clone(), new_key);
                self.placed.insert(id.clone());
                self.body.push((Kind::Template(id.clone()), text));
            }
        } else if english.is_some() {
            // Someone's edit: kept as it is, back in the body if its
            // message came back to the reference.
            self.outcome.kept.push(id.clone());
            self.placed.insert(id.clone());
            self.body
                .push((Kind::Kept(id.clone()), without_blank_after(b.text)));
        } else {
            if !self.in_obsolete || self.prune {
                self.outcome.obsolete.push(id.clone());
            }
            if !self.prune {
                self.obsolete.push(b.text.to_string());
            }
        }
    }

    /// Templates for what is still missing, each after its nearest preceding
    /// neighbour.
    fn add_missing_templates(&mut self) {
        for (i, (id, english)) in self.refs.iter().enumerate() {
            if self.present.contains(id.as_str()) || self.placed.contains(id) {
                continue;
            }
            self.placed.insert(id.clone());
            let text = template(id, english, self.eol);
            self.outcome
                .templates
                .insert(id.clone(), template_key(&text));
            self.outcome.added.push(id.clone());
            let at = self.template_position(i);
            self.body.insert(at, (Kind::Template(id.clone()), text));
        }
    }

    /// Where the template of the `i`-th reference entry goes in the body.
    fn template_position(&self, i: usize) -> usize {
        let after = self.body.iter().rposition(|(k, _)| match k {
            Kind::Entry(e) | Kind::Template(e) | Kind::Kept(e) => {
                self.order.get(e.as_str()).is_some_and(|&j| j < i)
            }
            _ => false,
        });
        match after {
            // After the neighbour and the blank lines that follow it.
            Some(p) => {
                let mut at = p + 1;
                while self
                    .body
                    .get(at)
                    .is_some_and(|(k, t)| *k == Kind::Other && is_blank(t))
                {
                    at += 1;
                }
                at
            }
            None => self
                .body
                .iter()
                .position(|(k, _)| matches!(k, Kind::Entry(_) | Kind::Template(_) | Kind::Kept(_)))
                .unwrap_or(self.body.len()),
        }
    }
}

/// Joins the body, keeping one blank line around each template, then the
/// obsolete section. A kept template stays among the translator's blocks, where
/// moving an obsolete entry away can leave blank lines in a row after it: one
/// is kept, so that the next run (which reads it back with its blank line)
/// agrees.
fn join(body: &[(Kind, String)], obsolete: &[String], eol: &str) -> String {
    let mut text = String::new();
    let mut after_template = false;
    for (n, (kind, block)) in body.iter().enumerate() {
        let is_template = matches!(kind, Kind::Template(_) | Kind::Kept(_));
        if is_blank(block) && after_template && ends_blank(&text) {
            continue;
        }
        after_template = is_template || (after_template && is_blank(block));
        end_line(&mut text, eol);
        // A translator's comment right above a template belongs to it.
        if is_template && !ends_blank(&text) && !ends_with_comment(&text) {
            text.push_str(eol);
        }
        text.push_str(block);
        let next_blank = body.get(n + 1).is_none_or(|(_, t)| is_blank(t));
        if is_template && !next_blank {
            text.push_str(eol);
        }
    }
    if !obsolete.is_empty() {
        end_line(&mut text, eol);
        if !text.is_empty() && !ends_blank(&text) {
            text.push_str(eol);
        }
        text.push_str(OBSOLETE_HEADER);
        text.push_str(eol);
        text.push_str(eol);
        for entry in obsolete {
            end_line(&mut text, eol);
            text.push_str(entry);
        }
    }
    text
}

/// A template block without the blank line `blocks` counts as part of it
/// (the join puts one back).
fn without_blank_after(block: &str) -> String {
    let lines: Vec<&str> = block.split_inclusive('\n').collect();
    match lines.split_last() {
        Some((last, rest)) if !rest.is_empty() && is_blank(last) => rest.concat(),
        _ => block.to_string(),
    }
}

/// Whether the text's last line is a comment of the entry below (`#`, not a
/// group's `##` or a file's `###`).
fn ends_with_comment(text: &str) -> bool {
    let body = text.trim_end_matches(['\n', '\r']);
    let last = body.rsplit('\n').next().unwrap_or(body);
    body.len() < text.len() && is_comment(last) && !last.starts_with("##")
}

/// Ends the text's last line before something follows it (a file's last line
/// may have no line ending; a final lone CR becomes CRLF, not CR + another).
fn end_line(text: &mut String, eol: &str) {
    if text.is_empty() || text.ends_with('\n') {
        return;
    }
    if text.ends_with('\r') {
        text.push('\n');
    } else {
        text.push_str(eol);
    }
}

/// Whether `text` is empty or ends with a blank line.
fn ends_blank(text: &str) -> bool {
    text.is_empty() || text.ends_with("\n\n") || text.ends_with("\n\r\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    const REF: &str = "a = A\n\n# about b\nb =\n    multi\n    line\n-t = T\nc = C\n";

    #[test]
    fn templates_are_redone_only_when_ftlkit_wrote_them() {
        let old_ref = "a = A\nb = Old B\nc = C\n";
        let new_ref = "a = A\nb = New B\nc = New C\n";
        let first = sync(old_ref, "a = أ\n", false);
        assert_eq!(first.added, ["b", "c"]);
        // The translator types a translation into c's template.
        let typed = first
            .text
            .replace("# (untranslated) c = C", "# (untranslated) c = ج");
        let recorded = |id: &str, text: &str| first.templates.get(id).is_some_and(|t| t == text);
        let out = sync_with(new_ref, &typed, false, &recorded);
        assert_eq!(out.refreshed, ["b"]);
        assert_eq!(out.kept, ["c"]);
        assert!(
            out.text.contains("# (untranslated) b = New B\n"),
            "{}",
            out.text
        );
        assert!(
            out.text.contains("# (untranslated) c = ج\n"),
            "{}",
            out.text
        );
        assert!(!out.text.contains("New C"), "{}", out.text);
        assert!(!out.templates.contains_key("c"));
        // Without a record, an older template counts as edited too.
        let out = sync(new_ref, &first.text, false);
        assert_eq!(out.kept, ["b", "c"]);
        // An edited template whose message went away moves to the obsolete section.
        let out = sync_with("a = A\nb = Old B\n", &typed, false, &recorded);
        assert_eq!(out.obsolete, ["c"]);
        assert!(
            out.text.ends_with("# (untranslated) c = ج\n"),
            "{}",
            out.text
        );
    }

    #[test]
    fn adds_templates_next_to_neighbours_and_is_idempotent() {
        let locale = "# my header\n\na = أ\n\nc = ج\n";
        let once = sync(REF, locale, false);
        assert_eq!(once.added, ["b", "-t"]);
        assert_eq!(
            once.text,
            "# my header\n\na = أ\n\n# (untranslated) b =\n#      multi\n#      line\n\n# (untranslated) -t = T\n\nc = ج\n"
        );
        assert!(fluent_syntax::parser::parse(once.text.as_str()).is_ok());
        let twice = sync(REF, &once.text, false);
        assert_eq!(twice.text, once.text);
        assert!(twice.added.is_empty());
    }

    #[test]
    fn obsolete_entries_move_to_the_end_with_their_comments() {
        let locale = "a = x\r\n# translator note\r\nold = y\r\nc = z\r\n";
        let out = sync(REF, locale, false);
        assert_eq!(out.obsolete, ["old"]);
        assert!(
            out.text.ends_with(&format!(
                "{OBSOLETE_HEADER}\r\n\r\n# translator note\r\nold = y\r\n"
            )),
            "{:?}",
            out.text
        );
        assert!(!out.text.replace("\r\n", "").contains('\n'), "CRLF kept");
        assert_eq!(sync(REF, &out.text, false).text, out.text);
        let pruned = sync(REF, &out.text, true);
        assert!(!pruned.text.contains("old = y"));
        assert!(!pruned.text.contains(OBSOLETE_HEADER));
    }

    #[test]
    fn a_translated_template_goes_away() {
        let once = sync(REF, "a = x\n", false).text;
        let translated = once.replace("# (untranslated) -t = T", "-t = Т");
        let out = sync(REF, &translated, false);
        assert!(out.text.contains("-t = Т\n"));
        assert!(!out.text.contains("(untranslated) -t"));
    }
}
pub mod carry;
pub mod edit;
pub mod run;
