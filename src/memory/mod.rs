//! Translation memory: every translation the project already has, offered
//! where the same or similar English comes back.
//!
//! Disk-free core. A [`Memory`] holds one locale's pairs (English,
//! translation), each with where it came from ([`Origin`]): a translated
//! message of a document, the English a stale translation was made from, or a
//! unit of a TMX file ([`tmx`]). [`Memory::suggest`] answers, best first:
//!
//! 1. **exact** matches (100%): the same English;
//! 2. **carried** matches (100%): the same English but for placeables
//!    (`{ $count }`) or numbers, whose translation gets the new ones carried
//!    over (the old `{ $n }` in the translation becomes `{ $count }`);
//! 3. **fuzzy** matches: a word-level edit distance ratio (what Pontoon and
//!    OmegaT show), `100 × (1 − distance / longer length)`, over tokens:
//!    words (case-insensitive), numbers, each placeable and each markup tag
//!    as one token, punctuation. Never 100 unless the texts are equal.
//!
//! Matching does not compare against every entry: an inverted index of
//! tokens counts, per entry, how many tokens it shares with the English
//! asked (as multisets), and that count bounds the ratio from above
//! (`distance ≥ longer − shared`), so only entries that can reach the floor
//! get an edit distance computed, best bound first, in a band around the
//! diagonal that doubles until it holds the distance, within a fixed budget
//! per query ([`FUZZY_BUDGET`]).
//! [`run`] builds a locale's memory from the project and its TMX files.

pub mod fill;
pub mod orphans;
pub mod run;
pub mod tmx;

use rustc_hash::{FxHashMap, FxHashSet};
use serde::Serialize;

/// The default lowest fuzzy score offered.
pub const DEFAULT_FLOOR: u8 = crate::project::DEFAULT_MEMORY_FLOOR;
/// How many suggestions a message gets by default.
pub const DEFAULT_LIMIT: usize = 5;

/// Where a memory entry comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Origin {
    /// A translated message (or attribute, or variant) of a document. With
    /// `previous`, the English is what a now-stale translation was made from.
    Message {
        doc: String,
        id: String,
        previous: bool,
    },
    /// A translation unit of a TMX file (its path as shown, and line).
    Tmx { file: String, line: usize },
}

impl Origin {
    /// The origin as a translator reads it: `article: article-intro-words`,
    /// `article: article-intro-words (before the English changed)`, `old.tmx:12`.
    pub fn label(&self) -> String {
        match self {
            Origin::Message {
                doc,
                id,
                previous: false,
            } => format!("{doc}: {id}"),
            Origin::Message { doc, id, .. } => {
                format!("{doc}: {id} (before the English changed)")
            }
            Origin::Tmx { file, line } => format!("{file}:{line}"),
        }
    }
}

/// One pair of the memory.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entry {
    /// The English, as Fluent pattern source.
    pub source: String,
    /// Its translation, as Fluent pattern source.
    pub target: String,
    pub origin: Origin,
}

/// How a suggestion matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum MatchKind {
    /// The same English.
    Exact,
    /// The same English but for placeables or numbers, carried over.
    Carried,
    Fuzzy,
}

impl MatchKind {
    /// `exact`, `carried` or `fuzzy`, as the reports and files name it.
    pub fn name(self) -> &'static str {
        match self {
            MatchKind::Exact => "exact",
            MatchKind::Carried => "carried",
            MatchKind::Fuzzy => "fuzzy",
        }
    }
}

/// A suggested translation for some English.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Suggestion<'a> {
    /// 0–100.
    pub score: u8,
    pub kind: MatchKind,
    /// The translation to insert: the entry's, with placeables and numbers
    /// carried over for a carried match.
    pub text: String,
    /// The memory entry (its English, translation and origin).
    pub entry: &'a Entry,
}

/// A token's kind: placeables and numbers may be carried over.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Word,
    Number,
    Placeable,
    Markup,
    Punct,
}

/// One token of a text: its kind, byte range and the form compared.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Token {
    kind: Kind,
    start: usize,
    end: usize,
    /// Lowercased words, placeables without spaces, digits as ASCII.
    norm: String,
}

fn ascii_digit(c: char) -> Option<char> {
    match c {
        '0'..='9' => Some(c),
        '\u{660}'..='\u{669}' => char::from_u32(c as u32 - 0x660 + u32::from(b'0')),
        '\u{6f0}'..='\u{6f9}' => char::from_u32(c as u32 - 0x6f0 + u32::from(b'0')),
        _ => None,
    }
}

/// The end of the placeable that opens at `start` (`{`), nesting counted and
/// string literals skipped; the text's end when it never closes.
fn placeable_end(text: &str, start: usize) -> usize {
    crate::ftl::placeable_end(text, start).unwrap_or(text.len())
}

/// The text's tokens (see the module's doc).
fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        let mut end = start + c.len_utf8();
        let (kind, norm) = if c == '{' {
            end = placeable_end(text, start);
            while chars.peek().is_some_and(|(i, _)| *i < end) {
                chars.next();
            }
            let norm: String = text[start..end]
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect();
            (Kind::Placeable, norm)
        } else if c == '<'
            && chars
                .peek()
                .is_some_and(|(_, n)| n.is_ascii_alphabetic() || *n == '/')
        {
            match text[start..].find('>') {
                Some(close) => {
                    end = start + close + 1;
                    while chars.peek().is_some_and(|(i, _)| *i < end) {
                        chars.next();
                    }
                    (Kind::Markup, text[start..end].to_lowercase())
                }
                None => (Kind::Punct, "<".to_string()),
            }
        } else if let Some(d) = ascii_digit(c) {
            let mut norm = String::from(d);
            while let Some(&(i, n)) = chars.peek() {
                let digit = ascii_digit(n);
                let separator = matches!(n, '.' | ',' | '\u{66b}' | '\u{66c}')
                    && text[i + n.len_utf8()..]
                        .chars()
                        .next()
                        .and_then(ascii_digit)
                        .is_some();
                if digit.is_none() && !separator {
                    break;
                }
                norm.push(digit.unwrap_or('.'));
                end = i + n.len_utf8();
                chars.next();
            }
            (Kind::Number, norm)
        } else if c.is_alphanumeric() {
            while let Some(&(i, n)) = chars.peek() {
                let joins = matches!(n, '\'' | '’' | '\u{200c}' | '\u{200d}')
                    && text[i + n.len_utf8()..]
                        .chars()
                        .next()
                        .is_some_and(char::is_alphanumeric);
                if !(n.is_alphanumeric() || is_mark(n) || joins) {
                    break;
                }
                end = i + n.len_utf8();
                chars.next();
            }
            (Kind::Word, text[start..end].to_lowercase())
        } else if c.is_whitespace() {
            continue;
        } else {
            (Kind::Punct, c.to_string())
        };
        tokens.push(Token {
            kind,
            start,
            end,
            norm,
        });
    }
    tokens
}

/// Combining marks (Arabic harakat, for one) belong to the word they sit on.
fn is_mark(c: char) -> bool {
    matches!(c as u32, 0x300..=0x36f | 0x610..=0x61a | 0x64b..=0x65f | 0x670 | 0x6d6..=0x6ed)
}

/// The form two texts share when they differ only in placeables and numbers.
fn skeleton(tokens: &[Token], text: &str) -> String {
    let mut out = String::new();
    for t in tokens {
        match t.kind {
            Kind::Placeable => out.push_str("\u{1}{}"),
            Kind::Number => out.push_str("\u{1}#"),
            _ => {
                out.push('\u{1}');
                out.push_str(&text[t.start..t.end]);
            }
        }
    }
    out
}

/// The memory of one locale. Build it with [`Memory::add`], ask it with
/// [`Memory::suggest`] and [`Memory::concordance`].
#[derive(Debug, Default)]
pub struct Memory {
    pub locale: String,
    entries: Vec<Entry>,
    /// Per entry, its interned tokens in order.
    tokens: Vec<Box<[u32]>>,
    /// Token text → id.
    interner: FxHashMap<String, u32>,
    /// Per token id, the entries that have it and how often.
    postings: Vec<Vec<(u32, u16)>>,
    /// English → entries with exactly that English.
    exact: FxHashMap<String, Vec<u32>>,
    /// Skeleton → entries.
    shapes: FxHashMap<String, Vec<u32>>,
    /// (English, translation) pairs held, for duplicates.
    pairs: FxHashMap<(String, String), u32>,
}

impl Memory {
    pub fn new(locale: &str) -> Memory {
        Memory {
            locale: locale.to_string(),
            ..Memory::default()
        }
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// Adds a pair. An empty side, or a pair the memory holds already, is not
    /// added: the entry that has it is returned as `Err`.
    pub fn add(&mut self, entry: Entry) -> Result<(), Option<&Entry>> {
        if entry.source.trim().is_empty() || entry.target.trim().is_empty() {
            return Err(None);
        }
        let key = (entry.source.clone(), entry.target.clone());
        if let Some(&at) = self.pairs.get(&key) {
            return Err(Some(&self.entries[at as usize]));
        }
        let n = self.entries.len() as u32;
        self.pairs.insert(key, n);
        let tokens = tokenize(&entry.source);
        let mut ids = Vec::with_capacity(tokens.len());
        for t in &tokens {
            let next = self.interner.len() as u32;
            let id = *self.interner.entry(t.norm.clone()).or_insert(next);
            if id as usize == self.postings.len() {
                self.postings.push(Vec::new());
            }
            ids.push(id);
        }
        let mut counted: Vec<u32> = ids.clone();
        counted.sort_unstable();
        for run in counted.chunk_by(|a, b| a == b) {
            let count = u16::try_from(run.len()).unwrap_or(u16::MAX);
            self.postings[run[0] as usize].push((n, count));
        }
        self.exact.entry(entry.source.clone()).or_default().push(n);
        self.shapes
            .entry(skeleton(&tokens, &entry.source))
            .or_default()
            .push(n);
        self.tokens.push(ids.into_boxed_slice());
        self.entries.push(entry);
        Ok(())
    }

    /// The best translations for `english`, best first: at most `limit`,
    /// fuzzy ones only at or above `floor` (0–100). One suggestion per
    /// distinct translation text.
    pub fn suggest(&self, english: &str, limit: usize, floor: u8) -> Vec<Suggestion<'_>> {
        let mut found: Vec<Suggestion> = Vec::new();
        let mut seen: FxHashSet<u32> = FxHashSet::default();
        for &n in self.exact.get(english).into_iter().flatten() {
            seen.insert(n);
            found.push(self.suggestion(n, 100, MatchKind::Exact, None));
        }
        let tokens = tokenize(english);
        for &n in self
            .shapes
            .get(&skeleton(&tokens, english))
            .into_iter()
            .flatten()
        {
            if seen.contains(&n) {
                continue;
            }
            if let Some(text) = carry_over(&self.entries[n as usize], &tokens, english) {
                seen.insert(n);
                found.push(self.suggestion(n, 100, MatchKind::Carried, Some(text)));
            }
        }
        let floor = floor.min(100);
        for (n, score) in self.fuzzy(english, &tokens, floor, &seen, limit) {
            found.push(self.suggestion(n, score, MatchKind::Fuzzy, None));
        }
        found.sort_by(|a, b| {
            (b.score, a.kind, origin_rank(&a.entry.origin)).cmp(&(
                a.score,
                b.kind,
                origin_rank(&b.entry.origin),
            ))
        });
        let mut out: Vec<Suggestion> = Vec::new();
        for s in found {
            if out.len() == limit {
                break;
            }
            if !out.iter().any(|o| o.text == s.text) {
                out.push(s);
            }
        }
        out
    }

    /// The best suggestion, if any reaches the default floor.
    pub fn best(&self, english: &str) -> Option<Suggestion<'_>> {
        self.suggest(english, 1, DEFAULT_FLOOR).into_iter().next()
    }

    fn suggestion(
        &self,
        n: u32,
        score: u8,
        kind: MatchKind,
        text: Option<String>,
    ) -> Suggestion<'_> {
        let entry = &self.entries[n as usize];
        Suggestion {
            score,
            kind,
            text: text.unwrap_or_else(|| entry.target.clone()),
            entry,
        }
    }

    /// Entries scoring at least `floor` against `tokens`, with their scores,
    /// but those in `skip` (matched already). Candidates are tried best bound
    /// first, and the search stops once `limit` distinct translations score
    /// above every bound left; at most [`FUZZY_BUDGET`] cells of edit
    /// distance are computed per query (a paragraph of thousands of words
    /// against thousands of long entries stops there, best bounds done).
    fn fuzzy(
        &self,
        english: &str,
        tokens: &[Token],
        floor: u8,
        skip: &FxHashSet<u32>,
        limit: usize,
    ) -> Vec<(u32, u8)> {
        let query: Vec<u32> = tokens
            .iter()
            .map(|t| self.interner.get(&t.norm).copied().unwrap_or(u32::MAX))
            .collect();
        if query.is_empty() || limit == 0 {
            return Vec::new();
        }
        let mut counted = query.clone();
        counted.sort_unstable();
        // Shared tokens per entry (multiset intersection), from the postings.
        let mut shared: FxHashMap<u32, usize> = FxHashMap::default();
        for run in counted.chunk_by(|a, b| a == b) {
            let Some(postings) = self.postings.get(run[0] as usize) else {
                continue;
            };
            for &(n, count) in postings {
                *shared.entry(n).or_default() += run.len().min(usize::from(count));
            }
        }
        // (bound, entry): distance ≥ longer − common, so the score is at
        // most common / longer.
        let mut candidates: Vec<(u8, u32)> = shared
            .into_iter()
            .filter(|(n, _)| !skip.contains(n))
            .filter_map(|(n, common)| {
                let longer = self.tokens[n as usize].len().max(query.len());
                let bound = (common * 100 / longer.max(1)).min(100) as u8;
                (common * 100 >= usize::from(floor) * longer).then_some((bound, n))
            })
            .collect();
        candidates.sort_unstable_by_key(|&(bound, n)| (std::cmp::Reverse(bound), n));
        let mut out: Vec<(u32, u8)> = Vec::new();
        let mut texts: FxHashMap<&str, u8> = FxHashMap::default();
        let mut budget = FUZZY_BUDGET;
        for (bound, n) in candidates {
            let above = texts.values().filter(|&&s| s > bound).count();
            if above >= limit || budget == 0 {
                break;
            }
            let theirs = &self.tokens[n as usize];
            let longer = theirs.len().max(query.len());
            // The most edits a score at the floor allows (one more for the
            // rounding of `ratio`).
            let most = (longer + 1).saturating_sub((usize::from(floor) * longer).div_ceil(100));
            let Some(distance) = distance_within(&query, theirs, most, &mut budget) else {
                continue;
            };
            let mut score = ratio(distance, longer);
            if score == 100 && self.entries[n as usize].source != english {
                score = 99;
            }
            if score >= floor {
                out.push((n, score));
                let best = texts.entry(&self.entries[n as usize].target).or_default();
                *best = (*best).max(score);
            }
        }
        out
    }

    /// Every entry whose English or translation contains `phrase` (case and
    /// surrounding spaces ignored), in the memory's order, at most `limit`.
    pub fn concordance(&self, phrase: &str, limit: usize) -> Vec<&Entry> {
        let needle = phrase.trim().to_lowercase();
        if needle.is_empty() {
            return Vec::new();
        }
        self.entries
            .iter()
            .filter(|e| {
                e.source.to_lowercase().contains(&needle)
                    || e.target.to_lowercase().contains(&needle)
            })
            .take(limit)
            .collect()
    }
}

fn ratio(distance: usize, longer: usize) -> u8 {
    if longer == 0 {
        return 100;
    }
    let kept = longer.saturating_sub(distance) as f64 / longer as f64;
    // Floored, so 99.6% is not shown as a 100% that is not one.
    (kept * 100.0).floor() as u8
}

/// The most cells of edit distance one query computes (see [`Memory::suggest`]).
pub const FUZZY_BUDGET: usize = 200_000_000;

/// The token edit distance of `a` and `b` if it is at most `most`, `None`
/// otherwise; the cells computed are taken from `budget` (`None` when it
/// runs out). The common start and end are skipped, and the distance is
/// looked for in a band around the diagonal that doubles until it holds it
/// (Ukkonen): near copies of a long paragraph cost a pass each, not
/// words × words.
fn distance_within(a: &[u32], b: &[u32], most: usize, budget: &mut usize) -> Option<usize> {
    let start = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (a, b) = (&a[start..], &b[start..]);
    let end = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (a, b) = (&a[..a.len() - end], &b[..b.len() - end]);
    let (a, b) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let gap = b.len() - a.len();
    if gap > most {
        return None;
    }
    if a.is_empty() {
        return Some(b.len());
    }
    let mut band = gap.max(4).min(most);
    loop {
        let cells = (a.len() + 1) * (2 * band + 1);
        if cells > *budget {
            *budget = 0;
            return None;
        }
        *budget -= cells;
        if let Some(d) = banded(a, b, band) {
            return Some(d);
        }
        if band >= most {
            return None;
        }
        band = (band * 2).min(most);
    }
}

/// The edit distance of `a` and `b` (`a` the shorter) if at most `k`,
/// computing only the cells within `k` of the diagonal.
fn banded(a: &[u32], b: &[u32], k: usize) -> Option<usize> {
    let (n, m) = (a.len(), b.len());
    let over = k + 1;
    let mut prev: Vec<usize> = vec![over; m + 1];
    let mut cur: Vec<usize> = vec![over; m + 1];
    for (j, cell) in prev.iter_mut().enumerate().take(k.min(m) + 1) {
        *cell = j;
    }
    for i in 1..=n {
        let lo = i.saturating_sub(k).max(1);
        let hi = (i + k).min(m);
        cur[lo - 1] = if lo == 1 && i <= k { i } else { over };
        let mut row_min = cur[lo - 1];
        for j in lo..=hi {
            let substitute = prev[j - 1] + usize::from(a[i - 1] != b[j - 1]);
            let delete = if j < i + k { prev[j] + 1 } else { over };
            let insert = cur[j - 1] + 1;
            let v = substitute.min(delete).min(insert).min(over);
            cur[j] = v;
            row_min = row_min.min(v);
        }
        if row_min > k {
            return None;
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    (prev[m] <= k).then_some(prev[m])
}

/// Documents' own messages before TMX units; current before previous English.
fn origin_rank(origin: &Origin) -> (u8, &str, &str) {
    match origin {
        Origin::Message {
            doc,
            id,
            previous: false,
        } => (0, doc, id),
        Origin::Message { doc, id, .. } => (1, doc, id),
        Origin::Tmx { file, .. } => (2, file, ""),
    }
}

/// The entry's translation with the placeables and numbers of `english`
/// carried over, when `english` has the entry's shape: each placeable or
/// number that differs must be found in the translation (by its normal form)
/// to be replaced; otherwise no carried match is offered.
fn carry_over(entry: &Entry, tokens: &[Token], english: &str) -> Option<String> {
    let theirs = tokenize(&entry.source);
    let movable = |t: &&Token| matches!(t.kind, Kind::Placeable | Kind::Number);
    let old: Vec<&Token> = theirs.iter().filter(movable).collect();
    let new: Vec<&Token> = tokens.iter().filter(movable).collect();
    if old.len() != new.len() {
        return None;
    }
    let target_tokens = tokenize(&entry.target);
    let mut used = vec![false; target_tokens.len()];
    // (range in the target, replacement)
    let mut edits: Vec<(usize, usize, String)> = Vec::new();
    for (o, n) in old.iter().zip(&new) {
        if o.norm == n.norm {
            continue;
        }
        let at = target_tokens
            .iter()
            .enumerate()
            .position(|(i, t)| !used[i] && t.kind == o.kind && t.norm == o.norm)?;
        used[at] = true;
        let t = &target_tokens[at];
        let replacement = match o.kind {
            Kind::Number => in_digits_of(&english[n.start..n.end], &entry.target[t.start..t.end]),
            _ => english[n.start..n.end].to_string(),
        };
        edits.push((t.start, t.end, replacement));
    }
    edits.sort_by_key(|e| std::cmp::Reverse(e.0));
    let mut text = entry.target.clone();
    for (start, end, replacement) in edits {
        text.replace_range(start..end, &replacement);
    }
    Some(text)
}

/// A number written in the digits the translation used (`٥` for `5` when it
/// wrote Arabic-Indic digits).
fn in_digits_of(number: &str, like: &str) -> String {
    let zero = like.chars().find_map(|c| match c {
        '\u{660}'..='\u{669}' => Some(0x660),
        '\u{6f0}'..='\u{6f9}' => Some(0x6f0),
        '0'..='9' => Some(u32::from(b'0')),
        _ => None,
    });
    number
        .chars()
        .map(|c| match (ascii_digit(c), zero) {
            (Some(d), Some(z)) => char::from_u32(z + (d as u32 - u32::from(b'0'))).unwrap_or(c),
            _ => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(source: &str, target: &str, id: &str) -> Entry {
        Entry {
            source: source.into(),
            target: target.into(),
            origin: Origin::Message {
                doc: "article".into(),
                id: id.into(),
                previous: false,
            },
        }
    }

    #[test]
    fn tokens_keep_placeables_markup_and_numbers_whole() {
        let t = tokenize("You have { $count } new <b>files</b>, 1,024 KB — don't { \"}\" } go");
        let norms: Vec<&str> = t.iter().map(|t| t.norm.as_str()).collect();
        assert_eq!(
            norms,
            [
                "you", "have", "{$count}", "new", "<b>", "files", "</b>", ",", "1.024", "kb", "—",
                "don't", "{\"}\"}", "go"
            ]
        );
        let ar = tokenize("لديك ٣ ملفات");
        assert_eq!(ar[1].kind, Kind::Number);
        assert_eq!(ar[1].norm, "3");
    }

    #[test]
    fn exact_carried_and_fuzzy_matches_rank_in_that_order() {
        let mut m = Memory::new("ar");
        m.add(entry(
            "The river floods every spring.",
            "يفيض النهر كل ربيع.",
            "a",
        ))
        .unwrap();
        m.add(entry(
            "You have { $n } messages in 3 folders.",
            "لديك { $n } رسائل في ٣ مجلدات.",
            "b",
        ))
        .unwrap();
        let s = m.suggest("The river floods every spring.", 5, 70);
        assert_eq!((s[0].score, s[0].kind), (100, MatchKind::Exact));
        let s = m.suggest("You have { $count } messages in 5 folders.", 5, 70);
        assert_eq!(s[0].kind, MatchKind::Carried);
        assert_eq!(s[0].text, "لديك { $count } رسائل في ٥ مجلدات.");
        let s = m.suggest("The river floods every autumn.", 5, 70);
        assert_eq!(s[0].kind, MatchKind::Fuzzy);
        // 6 tokens, one substituted.
        assert_eq!(s[0].score, 83);
        assert!(m.suggest("Something else entirely here.", 5, 70).is_empty());
    }

    #[test]
    fn a_placeable_the_translation_lost_is_not_carried() {
        let mut m = Memory::new("fr");
        m.add(entry("Hello { $name }!", "Bonjour !", "a")).unwrap();
        let s = m.suggest("Hello { $user }!", 5, 0);
        assert!(s.iter().all(|s| s.kind == MatchKind::Fuzzy), "{s:?}");
        assert!(s[0].score < 100);
    }

    #[test]
    fn duplicates_and_empty_sides_are_refused() {
        let mut m = Memory::new("fr");
        m.add(entry("One", "Un", "a")).unwrap();
        assert!(matches!(m.add(entry("One", "Un", "b")), Err(Some(e)) if e.target == "Un"));
        assert_eq!(m.add(entry("One", " ", "c")), Err(None));
        // The same English with another translation is another entry.
        m.add(entry("One", "Une", "d")).unwrap();
        assert_eq!(m.suggest("One", 5, 70).len(), 2);
    }

    #[test]
    fn fuzzy_scores_agree_with_comparing_every_entry() {
        let words = [
            "river", "city", "old", "the", "a", "bridge", "{ $n }", "in", "of",
        ];
        let mut m = Memory::new("fr");
        let mut all = Vec::new();
        let mut seed = 7u32;
        for i in 0..300 {
            let mut text = Vec::new();
            for _ in 0..(3 + i % 6) {
                seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12345);
                text.push(words[(seed >> 16) as usize % words.len()]);
            }
            let source = text.join(" ");
            if m.add(entry(&source, &format!("t{i}"), "x")).is_ok() {
                all.push(source);
            }
        }
        for q in all.iter().step_by(7) {
            let query = tokenize(q);
            let got: std::collections::BTreeSet<(u32, u8)> = m
                .fuzzy(q, &query, 60, &FxHashSet::default(), usize::MAX)
                .into_iter()
                .collect();
            let qn: Vec<&str> = query.iter().map(|t| t.norm.as_str()).collect();
            let want: std::collections::BTreeSet<(u32, u8)> = all
                .iter()
                .enumerate()
                .filter_map(|(n, s)| {
                    let theirs = tokenize(s);
                    let tn: Vec<&str> = theirs.iter().map(|t| t.norm.as_str()).collect();
                    let d = strsim::generic_levenshtein(&qn, &tn);
                    let mut score = ratio(d, qn.len().max(tn.len()));
                    if score == 100 && s != q {
                        score = 99;
                    }
                    (score >= 60).then_some((n as u32, score))
                })
                .collect();
            assert_eq!(got, want, "{q}");
        }
    }

    #[test]
    fn banded_distance_agrees_with_the_full_one() {
        let mut seed = 11u32;
        let mut next = |n: u32| {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12345);
            (seed >> 16) % n
        };
        for _ in 0..2000 {
            let a: Vec<u32> = (0..next(30)).map(|_| next(4)).collect();
            let mut b = a.clone();
            for _ in 0..next(8) {
                let at = next(b.len() as u32 + 1) as usize;
                match next(3) {
                    0 => b.insert(at, next(4)),
                    1 if at < b.len() => {
                        b.remove(at);
                    }
                    _ if at < b.len() => b[at] = next(4),
                    _ => {}
                }
            }
            let full = strsim::generic_levenshtein(&a, &b);
            for most in [0, 1, 3, 7, 40] {
                let mut budget = usize::MAX;
                let got = distance_within(&a, &b, most, &mut budget);
                assert_eq!(got, (full <= most).then_some(full), "{a:?} {b:?} {most}");
            }
        }
    }

    #[test]
    fn a_long_paragraph_against_many_near_copies_is_bounded() {
        let words: Vec<String> = (0..2000).map(|i| format!("w{}", i % 700)).collect();
        let mut m = Memory::new("fr");
        for copy in 0..200 {
            let mut w = words.clone();
            w[(copy * 7) % 2000] = format!("changed{copy}");
            m.add(entry(&w.join(" "), &format!("t{copy}"), "x"))
                .unwrap();
        }
        let s = m.suggest(&words.join(" "), 5, 70);
        assert_eq!(s.len(), 5);
        assert!(s
            .iter()
            .all(|s| s.score == 99 && s.kind == MatchKind::Fuzzy));
        // The same English many times: every translation is an exact match.
        let mut same = Memory::new("fr");
        for i in 0..20_000 {
            same.add(entry("One sentence", &format!("u{i}"), "x"))
                .unwrap();
        }
        let s = same.suggest("One sentence", 3, 70);
        assert_eq!(s.len(), 3);
        assert!(s.iter().all(|s| s.kind == MatchKind::Exact));
    }

    #[test]
    fn concordance_finds_a_phrase_on_either_side() {
        let mut m = Memory::new("ar");
        m.add(entry("The old bridge", "الجسر القديم", "a")).unwrap();
        m.add(entry("A new road", "طريق جديد", "b")).unwrap();
        assert_eq!(m.concordance("OLD bridge", 10).len(), 1);
        assert_eq!(m.concordance("طريق", 10)[0].source, "A new road");
        assert!(m.concordance("  ", 10).is_empty());
    }
}
