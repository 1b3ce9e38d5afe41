//! Random sequences of what editors, translators and ftlkit do to a small
//! project — edit the English, extract, translate, write junk, sync, build —
//! and the invariants that must hold after every step (issue 17):
//! - no line a translator wrote is lost by `sync` (without `--prune`);
//! - `build` writes and removes nothing outside its output folder, and changes
//!   no source file (content, locales, state, configuration);
//! - `sync --fill-exact` keeps every translator line and adds no error
//!   `check` reports; `import` writes the messages it names and keeps every
//!   other translator line, and importing the same file again writes
//!   nothing; `accept` changes no locale file; `serve`'s save writes the
//!   message (line breakers as string literals) and keeps every other
//!   translator line (issue 28).

use ftlkit::project::Project;
use proptest::prelude::*;
use std::collections::BTreeMap;
use std::path::Path;

#[derive(Debug, Clone)]
enum Step {
    /// The editor rewrites paragraph `n` (mod the count) with word `w`.
    EditParagraph(usize, usize),
    AddParagraph(usize),
    RemoveParagraph(usize),
    Extract,
    /// A translator translates the `n`-th English message (mod the count).
    Translate(usize),
    /// A translator writes a comment, or a broken line, at the end.
    Comment(usize),
    Junk(usize),
    Sync,
    Build,
    /// `sync --fill-exact` from a TMX holding translations of some paragraphs.
    FillExact,
    /// `import` of a PO translating the `n`-th English message (mod the count).
    Import(usize),
    Accept,
    /// `serve`'s save of the `n`-th English message (mod the count) with
    /// text `k` of [`SAVES`].
    Save(usize, usize),
}

/// What a translator types into `serve`, line breakers included.
const SAVES: [&str; 4] = [
    "Enregistré",
    "Bonjour\rdoc-intro-x = HIJACKED",
    "Ligne\u{2028}séparée\u{85}",
    "Fin\u{c}",
];

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        (0..8usize, 0..50usize).prop_map(|(n, w)| Step::EditParagraph(n, w)),
        (0..50usize).prop_map(Step::AddParagraph),
        (0..8usize).prop_map(Step::RemoveParagraph),
        Just(Step::Extract),
        Just(Step::Extract),
        (0..20usize).prop_map(Step::Translate),
        (0..50usize).prop_map(Step::Comment),
        (0..50usize).prop_map(Step::Junk),
        Just(Step::Sync),
        Just(Step::Sync),
        Just(Step::Build),
        Just(Step::FillExact),
        (0..20usize).prop_map(Step::Import),
        Just(Step::Accept),
        (0..20usize, 0..4usize).prop_map(|(n, k)| Step::Save(n, k)),
    ]
}

/// The error-level findings `check` reports for the project.
fn errors(project: &Project) -> usize {
    let pairs = ftlkit::lint::audit::project_pairs(project, &[]).unwrap();
    let audit =
        ftlkit::lint::audit::audit(&pairs, &project.root, &project.source.id, None).unwrap();
    audit
        .findings
        .iter()
        .filter(|f| f.severity == ftlkit::finding::Severity::Error)
        .count()
}

/// Every translator line of `written` is still in `text` (as a multiset).
fn kept(written: &[String], text: &str) -> Result<(), TestCaseError> {
    let now = lines(text);
    let mut wanted: BTreeMap<&str, usize> = BTreeMap::new();
    for l in written {
        *wanted.entry(l.as_str()).or_default() += 1;
    }
    for (l, n) in wanted {
        prop_assert!(now.get(l).copied().unwrap_or(0) >= n, "lost {l:?}:\n{text}");
    }
    Ok(())
}

const WORDS: [&str; 10] = [
    "militias",
    "embassy",
    "reform",
    "council",
    "election",
    "statement",
    "border",
    "minister",
    "parliament",
    "security",
];

fn paragraph(w: usize) -> String {
    format!(
        "The {} of the {} met the {} about {} number {w}.",
        WORDS[w % 10],
        WORDS[(w / 2) % 10],
        WORDS[(w / 3) % 10],
        WORDS[(w / 5) % 10]
    )
}

fn write_doc(root: &Path, paragraphs: &[String]) {
    let mut md = String::from("+++\nauthor = \"Abduljalil Hage\"\n+++\n\n# The Iraqi Hope\n\n");
    for p in paragraphs {
        md.push_str(p);
        md.push_str("\n\n");
    }
    std::fs::write(root.join("content/doc.md"), md).unwrap();
}

/// Every file under `root` but the output folder, by path.
fn snapshot(root: &Path, skip: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(dir: &Path, root: &Path, skip: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path == skip {
                continue;
            }
            if path.is_dir() {
                walk(&path, root, skip, out);
            } else {
                let rel = path.strip_prefix(root).unwrap().display().to_string();
                out.insert(rel, std::fs::read(&path).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(root, root, skip, &mut out);
    out
}

/// The lines of `text` as a multiset.
fn lines(text: &str) -> BTreeMap<&str, usize> {
    let mut out = BTreeMap::new();
    for l in text.lines().filter(|l| !l.trim().is_empty()) {
        *out.entry(l).or_default() += 1;
    }
    out
}

fn run(steps: &[Step]) -> Result<(), TestCaseError> {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    for dir in ["content", "locales/en-US", "locales/fr"] {
        std::fs::create_dir_all(root.join(dir)).unwrap();
    }
    std::fs::write(
        root.join("ftlkit.toml"),
        "locales = [\"fr\"]\n[memory]\nfiles = [\"tm.tmx\"]\n",
    )
    .unwrap();
    // A TMX with a translation of every other paragraph word, one of them
    // with an unbalanced RLO (an error check reports: never filled).
    let mut tmx = String::from("<tmx version=\"1.4\"><body>\n");
    for w in 0..50 {
        let fr = if w % 7 == 3 {
            format!("Le conseil \u{202e}numéro {w}.")
        } else {
            format!("Paragraphe {w}.")
        };
        if w % 2 == 1 {
            continue;
        }
        tmx.push_str(&format!(
            "<tu><tuv xml:lang=\"en\"><seg>{}</seg></tuv><tuv xml:lang=\"fr\"><seg>{fr}</seg></tuv></tu>\n",
            paragraph(w)
        ));
    }
    tmx.push_str("</body></tmx>\n");
    std::fs::write(root.join("tm.tmx"), tmx).unwrap();
    let mut paragraphs: Vec<String> = (0..4).map(paragraph).collect();
    write_doc(root, &paragraphs);
    let project = Project::load(root).unwrap();
    ftlkit::extract::run::extract(&project).unwrap();
    let fr = root.join("locales/fr/doc.ftl");
    std::fs::write(&fr, "").unwrap();
    // Lines the translator wrote, which sync must keep (as a multiset).
    let mut written: Vec<String> = Vec::new();
    for s in steps {
        let project = Project::load(root).unwrap();
        match s {
            Step::EditParagraph(n, w) if !paragraphs.is_empty() => {
                let i = n % paragraphs.len();
                paragraphs[i] = paragraph(*w);
                write_doc(root, &paragraphs);
            }
            Step::AddParagraph(w) => {
                paragraphs.push(paragraph(*w));
                write_doc(root, &paragraphs);
            }
            Step::RemoveParagraph(n) if !paragraphs.is_empty() => {
                let i = n % paragraphs.len();
                paragraphs.remove(i);
                write_doc(root, &paragraphs);
            }
            Step::Extract => {
                ftlkit::extract::run::extract(&project).unwrap();
            }
            Step::Translate(n) => {
                let en = std::fs::read_to_string(root.join("locales/en-US/doc.ftl")).unwrap();
                let ids: Vec<&str> = en
                    .lines()
                    .filter_map(|l| l.split_once(" = ").map(|(id, _)| id))
                    .filter(|id| !id.starts_with('#'))
                    .collect();
                let text = std::fs::read_to_string(&fr).unwrap();
                if let Some(id) = ids.get(n % ids.len().max(1)) {
                    if !text.lines().any(|l| l.starts_with(&format!("{id} ="))) {
                        let line = format!("{id} = Traduction {n}");
                        std::fs::write(&fr, format!("{text}{line}\n")).unwrap();
                        written.push(line);
                    }
                }
            }
            Step::Comment(n) | Step::Junk(n) => {
                let line = match s {
                    Step::Comment(_) => format!("# Note for the reviewer {n}"),
                    _ => format!("broken line {n} without an equals sign"),
                };
                let text = std::fs::read_to_string(&fr).unwrap();
                std::fs::write(&fr, format!("{text}\n{line}\n")).unwrap();
                written.push(line);
            }
            Step::Sync => {
                // A document changed since the last extract is the editor's
                // business; sync reads the English as it is.
                ftlkit::sync::run::sync(&project, &[], false, false).unwrap();
                kept(&written, &std::fs::read_to_string(&fr).unwrap())?;
            }
            Step::FillExact => {
                let before = errors(&project);
                ftlkit::sync::run::sync(&project, &[], false, false).unwrap();
                // Refused whole when the English changed since extract.
                let _ = ftlkit::memory::fill::fill_exact(&project, &[], false);
                kept(&written, &std::fs::read_to_string(&fr).unwrap())?;
                let after = errors(&project);
                prop_assert!(after <= before, "fill added errors: {before} → {after}");
            }
            Step::Import(n) => {
                let en = std::fs::read_to_string(root.join("locales/en-US/doc.ftl")).unwrap();
                let messages: Vec<(&str, &str)> = en
                    .lines()
                    .filter(|l| !l.starts_with('#'))
                    .filter_map(|l| l.split_once(" = "))
                    .collect();
                let Some((id, english)) = messages.get(n % messages.len().max(1)) else {
                    continue;
                };
                let po = root.join("fr.po");
                std::fs::write(
                    &po,
                    format!("msgid \"\"\nmsgstr \"\"\n\"Language: fr\\n\"\n\nmsgctxt \"{id}\"\nmsgid \"{english}\"\nmsgstr \"Importé {n}\"\n"),
                )
                .unwrap();
                let Ok(report) = ftlkit::exchange::run::import(&project, &po, None, false) else {
                    continue;
                };
                if !report.refused.is_empty() {
                    continue;
                }
                let text = std::fs::read_to_string(&fr).unwrap();
                // The message imported is replaced on purpose; every other line stays.
                written.retain(|l| !l.starts_with(&format!("{id} =")));
                kept(&written, &text)?;
                prop_assert!(text.contains(&format!("{id} = Importé {n}\n")), "{text}");
                written.push(format!("{id} = Importé {n}"));
                let again = ftlkit::exchange::run::import(&project, &po, None, false).unwrap();
                prop_assert!(again.changed.is_empty() && !again.written, "{again:?}");
                prop_assert_eq!(std::fs::read_to_string(&fr).unwrap(), text);
            }
            Step::Save(n, k) => {
                let en = std::fs::read_to_string(root.join("locales/en-US/doc.ftl")).unwrap();
                let ids: Vec<&str> = en
                    .lines()
                    .filter(|l| !l.starts_with('#'))
                    .filter_map(|l| l.split_once(" = ").map(|(id, _)| id))
                    .collect();
                let Some(id) = ids.get(n % ids.len().max(1)) else {
                    continue;
                };
                let before = std::fs::read_to_string(&fr).unwrap_or_default();
                let token = ftlkit::serve::message_token(&before, id);
                let typed = vec![(String::new(), SAVES[*k].to_string())];
                let locks = ftlkit::serve::model::FileLocks::default();
                let locale = project.locale("fr").unwrap();
                let saved =
                    ftlkit::serve::model::save(&project, &locks, locale, "doc", id, &typed, &token);
                if !matches!(saved, Ok(ftlkit::serve::model::Saved::Written { .. })) {
                    continue;
                }
                let text = std::fs::read_to_string(&fr).unwrap();
                prop_assert!(
                    !text.chars().any(ftlkit::ftl::needs_escape),
                    "a raw control character saved: {text:?}"
                );
                written.retain(|l| !l.starts_with(&format!("{id} =")));
                kept(&written, &text)?;
                // Trailing blanks go (U+0085 is one), as serve trims them.
                let line = format!(
                    "{id} = {}",
                    ftlkit::ftl::escape_controls(SAVES[*k].trim_end())
                );
                prop_assert!(text.lines().any(|l| l == line), "{line:?} not in {text}");
                written.push(line);
            }
            Step::Accept => {
                let before = std::fs::read(&fr).unwrap();
                let _ = ftlkit::state::accept::accept(&project, "fr", &[], true, false);
                prop_assert!(
                    std::fs::read(&fr).unwrap() == before,
                    "accept changed the locale file"
                );
            }
            Step::Build => {
                let dist = root.join("dist");
                let before = snapshot(root, &dist);
                // A build may refuse (a document changed since the last
                // extract): then too it writes nothing outside dist/.
                let _ = ftlkit::build::build(&project);
                let after = snapshot(root, &dist);
                prop_assert_eq!(
                    before.keys().collect::<Vec<_>>(),
                    after.keys().collect::<Vec<_>>()
                );
                prop_assert!(before == after, "build changed a file outside dist/");
            }
            _ => {}
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn random_sessions_keep_translator_lines_and_sources(steps in prop::collection::vec(step(), 1..14)) {
        run(&steps)?;
    }
}
