//! `ftlkit lsp` through the real binary, spoken to over stdio as an editor
//! does (Content-Length frames), on a copy of the shipped project with its
//! real Arabic, Kurdish and French translations: diagnostics on open and on
//! change from the unsaved buffer, UTF-16 ranges, hover, completion,
//! definition, quick fixes, formatting, an l10n.toml project, reloading, and
//! bad input (malformed frames, unknown methods, bad positions, a file
//! outside the project, a 50 MB buffer) answered without a crash or a write.

mod common;

use common::{copy_dir, drop_templates, read, repo, shipped_copy};
use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

const WAIT: Duration = Duration::from_secs(20);

struct Client {
    child: Child,
    stdin: ChildStdin,
    incoming: Receiver<Value>,
    /// Messages read while waiting for another.
    backlog: Vec<Value>,
    next_id: i64,
    root: PathBuf,
}

fn uri(path: &Path) -> String {
    url::Url::from_file_path(path).unwrap().to_string()
}

impl Client {
    fn start(root: &Path, args: &[&str]) -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_ftlkit"))
            .arg("lsp")
            .args(args)
            .current_dir("/")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("ftlkit lsp starts");
        let stdin = child.stdin.take().unwrap();
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let (tx, incoming) = std::sync::mpsc::channel();
        std::thread::spawn(move || loop {
            let mut length = None;
            loop {
                let mut line = String::new();
                if stdout.read_line(&mut line).unwrap_or(0) == 0 {
                    return;
                }
                let line = line.trim_end();
                if line.is_empty() {
                    break;
                }
                if let Some(n) = line.strip_prefix("Content-Length: ") {
                    length = Some(n.parse::<usize>().unwrap());
                }
            }
            let mut body = vec![0; length.expect("every frame has a Content-Length")];
            stdout.read_exact(&mut body).unwrap();
            if tx.send(serde_json::from_slice(&body).unwrap()).is_err() {
                return;
            }
        });
        Client {
            child,
            stdin,
            incoming,
            backlog: Vec::new(),
            next_id: 1,
            root: root.to_path_buf(),
        }
    }

    /// Started and initialized on `root`.
    fn initialized(root: &Path, options: Value) -> Client {
        let mut client = Client::start(root, &[]);
        let answer = client.request(
            "initialize",
            json!({"processId": null, "rootUri": uri(root), "capabilities": {},
                   "initializationOptions": options}),
        );
        assert_eq!(answer["result"]["serverInfo"]["name"], "ftlkit", "{answer}");
        client.notify("initialized", json!({}));
        client
    }

    fn write_raw(&mut self, body: &[u8]) {
        write!(self.stdin, "Content-Length: {}\r\n\r\n", body.len()).unwrap();
        self.stdin.write_all(body).unwrap();
        self.stdin.flush().unwrap();
    }

    fn send(&mut self, message: Value) {
        self.write_raw(message.to_string().as_bytes());
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// The next message `pick` takes, the others kept for later.
    fn wait_for(&mut self, what: &str, pick: impl Fn(&Value) -> bool) -> Value {
        if let Some(i) = self.backlog.iter().position(&pick) {
            return self.backlog.remove(i);
        }
        let deadline = Instant::now() + WAIT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.incoming.recv_timeout(left) {
                Ok(m) if pick(&m) => return m,
                Ok(m) => self.backlog.push(m),
                Err(RecvTimeoutError::Timeout) => {
                    panic!("no {what} within {WAIT:?}: {:#?}", self.backlog)
                }
                Err(RecvTimeoutError::Disconnected) => {
                    panic!("the server stopped while waiting for {what}")
                }
            }
        }
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        self.wait_for(method, |m| m["id"] == id && m.get("method").is_none())
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    fn open(&mut self, rel: &str, text: &str) -> Vec<Value> {
        let uri = uri(&self.path(rel));
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "fluent", "version": 1, "text": text}}),
        );
        self.diagnostics(rel)
    }

    fn change(&mut self, rel: &str, version: i64, text: &str) -> Vec<Value> {
        let uri = uri(&self.path(rel));
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]}),
        );
        self.diagnostics(rel)
    }

    /// The next diagnostics published for `rel`.
    fn diagnostics(&mut self, rel: &str) -> Vec<Value> {
        let uri = uri(&self.path(rel));
        let m = self.wait_for("diagnostics", |m| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
        });
        m["params"]["diagnostics"].as_array().unwrap().clone()
    }

    fn at(&mut self, method: &str, rel: &str, line: usize, character: usize) -> Value {
        let uri = uri(&self.path(rel));
        self.request(
            method,
            json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character}}),
        )
    }

    /// The code actions for `diagnostics` of `rel`, at the first one's range.
    fn code_actions(&mut self, rel: &str, diagnostics: &[Value]) -> Value {
        let uri = uri(&self.path(rel));
        let range = diagnostics[0]["range"].clone();
        self.request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": uri}, "range": range, "context": {"diagnostics": diagnostics}}),
        )
    }

    fn formatting(&mut self, rel: &str) -> Value {
        let uri = uri(&self.path(rel));
        self.request(
            "textDocument/formatting",
            json!({"textDocument": {"uri": uri}, "options": {"tabSize": 4, "insertSpaces": true}}),
        )
    }

    fn stop(mut self) -> i32 {
        let answer = self.request("shutdown", Value::Null);
        assert!(answer.get("error").is_none(), "{answer}");
        self.notify("exit", Value::Null);
        let deadline = Instant::now() + WAIT;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.code().unwrap_or(-1);
            }
            assert!(Instant::now() < deadline, "the server did not exit");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The UTF-16 column of byte `offset` of its line, as an LSP client counts.
fn utf16_column(text: &str, offset: usize) -> usize {
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    text[line_start..offset].encode_utf16().count()
}

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset].matches('\n').count()
}

fn codes(diagnostics: &[Value]) -> Vec<&str> {
    diagnostics
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect()
}

/// Every file under `dir` with its bytes, to tell that nothing was written.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(snapshot(&path));
        } else {
            out.push((path.clone(), std::fs::read(&path).unwrap()));
        }
    }
    out.sort();
    out
}

/// What `ftlkit check` reports of `rel` were `text` saved, in a copy of
/// `root`: (code, 0-based line, LSP severity, message), sorted.
fn check_says(root: &Path, rel: &str, text: &str) -> Vec<(String, u64, u64, String)> {
    check_says_with(root, rel, text, &[])
}

/// [`check_says`] with more arguments to `check` (`--config l10n.toml`: a
/// file of the copy, passed as its path there).
fn check_says_with(
    root: &Path,
    rel: &str,
    text: &str,
    args: &[&str],
) -> Vec<(String, u64, u64, String)> {
    let copy = tempfile::tempdir().unwrap();
    copy_dir(root, copy.path());
    std::fs::write(copy.path().join(rel), text).unwrap();
    let args: Vec<String> = ["check", "--format", "json"]
        .iter()
        .chain(args)
        .map(|a| match copy.path().join(a) {
            file if a.contains('.') && file.is_file() => file.display().to_string(),
            _ => a.to_string(),
        })
        .collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let run = common::ftlkit(copy.path(), &args);
    let json: Value = serde_json::from_str(&run.stdout).unwrap();
    let mut out: Vec<_> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["path"] == rel)
        .map(|f| {
            let severity = match f["severity"].as_str().unwrap() {
                "error" => 1,
                "warning" => 2,
                _ => 3,
            };
            let line = f["line"].as_u64().unwrap().saturating_sub(1);
            (
                f["code"].as_str().unwrap().to_string(),
                line,
                severity,
                f["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    out.sort();
    out
}

/// The diagnostics as [`check_says`] gives findings (those about the file itself).
fn as_findings(diagnostics: &[Value]) -> Vec<(String, u64, u64, String)> {
    let mut out: Vec<_> = diagnostics
        .iter()
        .filter(|d| d["code"] != "missing-message")
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["range"]["start"]["line"].as_u64().unwrap(),
                d["severity"].as_u64().unwrap(),
                d["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    out.sort();
    out
}

fn project() -> tempfile::TempDir {
    let dir = shipped_copy();
    copy_dir(&repo().join("l10n-state"), &dir.path().join("l10n-state"));
    dir
}

#[test]
fn a_lost_placeable_in_arabic_is_reported_as_typed_and_cleared_when_fixed() {
    let dir = project();
    let before = snapshot(dir.path());
    let rel = "locales/ar/page.ftl";
    let text = read(dir.path().join(rel));
    let mut client = Client::initialized(dir.path(), Value::Null);
    let opened = client.open(rel, &text);
    assert!(
        !opened.iter().any(|d| d["severity"] == 1),
        "the shipped Arabic has no error: {opened:#?}"
    );
    // The translator deletes `{ $author }` (unsaved).
    let placeable = "بقلم { $author }";
    assert!(text.contains(placeable));
    let broken = text.replace(placeable, "بقلم");
    let changed = client.change(rel, 2, &broken);
    let lost: Vec<&Value> = changed
        .iter()
        .filter(|d| d["code"] == "missing-variable")
        .collect();
    assert_eq!(lost.len(), 1, "{changed:#?}");
    let d = lost[0];
    assert_eq!(d["source"], "ftlkit");
    // What `check` would say of the file saved so, no more and no less.
    assert_eq!(as_findings(&changed), check_says(dir.path(), rel, &broken));
    assert!(d["message"].as_str().unwrap().contains("$author"), "{d}");
    // Its range is the message's id, as `check` underlines it.
    let at = broken.find("page-written-by =").unwrap();
    assert_eq!(
        d["range"]["start"],
        json!({"line": line_of(&broken, at), "character": 0})
    );
    assert_eq!(
        d["range"]["end"],
        json!({"line": line_of(&broken, at), "character": "page-written-by".len()})
    );
    // Put back: the error is gone.
    let fixed = client.change(rel, 3, &text);
    assert!(!codes(&fixed).contains(&"missing-variable"), "{fixed:#?}");
    assert_eq!(client.stop(), 0);
    // The buffer was never saved: the disk is as it was.
    assert_eq!(snapshot(dir.path()), before);
}

#[test]
fn positions_are_utf16_code_units_after_arabic_and_an_emoji() {
    let dir = project();
    let rel = "locales/ar/page.ftl";
    let text = read(dir.path().join(rel));
    let mut client = Client::initialized(dir.path(), Value::Null);
    client.open(rel, &text);
    // A syntax error after Arabic letters (1 unit, 2 bytes) and an emoji
    // (2 units, 4 bytes): bytes, characters and units all differ.
    let line = "page-written-by = بقلم 😀 { $author ";
    let broken = text.replace("page-written-by = بقلم { $author }", line);
    let diagnostics = client.change(rel, 2, &broken);
    assert_eq!(
        as_findings(&diagnostics),
        check_says(dir.path(), rel, &broken)
    );
    let syntax: Vec<&Value> = diagnostics
        .iter()
        .filter(|d| d["code"] == "syntax-error")
        .collect();
    assert!(!syntax.is_empty(), "{diagnostics:#?}");
    let start = &syntax[0]["range"]["start"];
    let line_start = broken.find(line).unwrap();
    assert_eq!(start["line"], line_of(&broken, line_start));
    // Where `check` puts it (a column in characters), in UTF-16 units.
    let copy = tempfile::tempdir().unwrap();
    copy_dir(dir.path(), copy.path());
    std::fs::write(copy.path().join(rel), &broken).unwrap();
    let run = common::ftlkit(copy.path(), &["check", "--format", "json"]);
    let json: Value = serde_json::from_str(&run.stdout).unwrap();
    let finding = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["path"] == rel && f["code"] == "syntax-error")
        .unwrap()
        .clone();
    let (line_no, column) = (
        finding["line"].as_u64().unwrap() as usize,
        finding["column"].as_u64().unwrap() as usize,
    );
    let checked_line = broken.lines().nth(line_no - 1).unwrap();
    let units: usize = checked_line
        .chars()
        .take(column - 1)
        .map(char::len_utf16)
        .sum();
    let chars = column - 1;
    assert_eq!(start, &json!({"line": line_no - 1, "character": units}));
    if line_no - 1 == line_of(&broken, line_start) {
        // On the emoji's line, units and characters differ: the test tells them apart.
        assert!(units > chars, "{units} {chars}");
    }
    // A hover at a position inside the emoji's surrogate pair answers as
    // on the emoji (nothing to show there), not with an error.
    let emoji = utf16_column(&broken, line_start + line.find('😀').unwrap());
    let answer = client.at(
        "textDocument/hover",
        rel,
        line_of(&broken, line_start),
        emoji + 1,
    );
    assert!(answer.get("error").is_none(), "{answer}");
    assert_eq!(client.stop(), 0);
}

#[test]
fn hover_shows_the_english_its_note_and_the_stale_change() {
    let dir = project();
    // The English of a translated paragraph changes (extract marks it stale).
    let md = dir.path().join("content/article.md");
    let english = read(&md);
    let old = "The country then collapsed and began";
    assert!(english.contains(old));
    std::fs::write(
        &md,
        english.replace(old, "The country then fell apart and began"),
    )
    .unwrap();
    assert_eq!(common::ftlkit(dir.path(), &["extract"]).code, 0);
    let en = read(dir.path().join("locales/en-US/article.ftl"));
    let id = en
        .lines()
        .find(|l| l.contains("fell apart"))
        .and_then(|l| l.split(" = ").next())
        .unwrap()
        .to_string();
    let rel = "locales/ar/article.ftl";
    let text = read(dir.path().join(rel));
    let mut client = Client::initialized(dir.path(), Value::Null);
    let diagnostics = client.open(rel, &text);
    let stale: Vec<&Value> = diagnostics
        .iter()
        .filter(|d| d["code"] == "stale")
        .collect();
    assert_eq!(stale.len(), 1, "{diagnostics:#?}");
    let line = line_of(&text, text.find(&format!("{id} =")).unwrap());
    assert_eq!(stale[0]["range"]["start"]["line"], line);
    let hover = client.at("textDocument/hover", rel, line, 3);
    let value = hover["result"]["contents"]["value"].as_str().unwrap();
    assert!(value.contains("stale"), "{value}");
    assert!(
        value.contains("The country then fell apart"),
        "the English: {value}"
    );
    assert!(
        value.contains("[-collapsed-] {+fell apart+}")
            || value.contains("[-collapsed-]{+fell apart+}"),
        "the word diff: {value}"
    );
    // The memory's best match would be the Arabic the file has now: not shown.
    let arabic = text.lines().nth(line).unwrap().split(" = ").nth(1).unwrap();
    assert!(!value.contains("Translation memory"), "{value}");
    assert!(!value.contains(arabic), "{value}");
    assert_eq!(client.stop(), 0);
}

#[test]
fn completion_offers_missing_ids_variables_and_arabic_plural_categories() {
    let dir = project();
    let rel = "locales/ar/page.ftl";
    let text = read(dir.path().join(rel));
    let mut client = Client::initialized(dir.path(), Value::Null);
    // The buffer lacks `page-edited-by`.
    let edited = "page-edited-by = تحرير { $editor }\n";
    assert!(text.contains(edited));
    let without = text.replace(edited, "");
    let diagnostics = client.open(rel, &without);
    assert!(
        codes(&diagnostics).contains(&"missing-message"),
        "{diagnostics:#?}"
    );
    let end = line_of(&without, without.len());
    let answer = client.at("textDocument/completion", rel, end, 0);
    let items = answer["result"].as_array().unwrap();
    let item = items
        .iter()
        .find(|i| i["label"] == "page-edited-by")
        .expect("the missing id");
    assert_eq!(
        item["textEdit"]["newText"],
        "page-edited-by = Edited by { $editor }"
    );
    assert!(
        !items.iter().any(|i| i["label"] == "page-written-by"),
        "present ids are not offered"
    );
    // `$` in `page-written-by` offers the English's variable.
    let line = without
        .lines()
        .position(|l| l.starts_with("page-written-by"))
        .unwrap();
    let typed = without.replace("بقلم { $author }", "بقلم { $");
    client.change(rel, 2, &typed);
    let column = typed.lines().nth(line).unwrap().encode_utf16().count();
    let answer = client.at("textDocument/completion", rel, line, column);
    let labels: Vec<&str> = answer["result"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].as_str().unwrap())
        .collect();
    assert_eq!(labels, ["$author"]);
    // In the `{ $minutes -> … }` selector, a new variant key: Arabic's six categories.
    let line = text
        .lines()
        .position(|l| l.trim_start().starts_with("[few] مدة القراءة"))
        .unwrap();
    client.change(rel, 3, &text);
    let column = text.lines().nth(line).unwrap().find('[').unwrap() + 1;
    let answer = client.at("textDocument/completion", rel, line, column);
    let mut labels: Vec<&str> = answer["result"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].as_str().unwrap())
        .collect();
    labels.sort();
    assert_eq!(labels, ["few", "many", "one", "other", "two", "zero"]);
    assert_eq!(client.stop(), 0);
}

#[test]
fn definition_goes_to_the_english_and_the_markdown_paragraph() {
    let dir = project();
    let rel = "locales/fr/article.ftl";
    let text = read(dir.path().join(rel));
    let en = read(dir.path().join("locales/en-US/article.ftl"));
    // A paragraph's message: the first that is not front matter or the title.
    let (line, id) = text
        .lines()
        .enumerate()
        .find_map(|(n, l)| {
            let id = l.split(" = ").next()?;
            (id.starts_with("article-") && en.contains(&format!("\n{id} = ")) && l.len() > 200)
                .then(|| (n, id.to_string()))
        })
        .expect("a paragraph");
    let mut client = Client::initialized(dir.path(), Value::Null);
    client.open(rel, &text);
    let answer = client.at("textDocument/definition", rel, line, 2);
    let places = answer["result"].as_array().expect("locations");
    assert_eq!(places.len(), 2, "{answer}");
    assert_eq!(
        places[0]["uri"],
        uri(&dir.path().join("locales/en-US/article.ftl"))
    );
    let en_line = line_of(&en, en.find(&format!("\n{id} = ")).unwrap() + 1);
    assert_eq!(places[0]["range"]["start"]["line"], en_line);
    assert_eq!(
        places[1]["uri"],
        uri(&dir.path().join("content/article.md"))
    );
    // The Markdown range starts where the paragraph's English starts.
    let md = read(dir.path().join("content/article.md"));
    let english = en
        .lines()
        .nth(en_line)
        .unwrap()
        .split(" = ")
        .nth(1)
        .unwrap();
    let first_words: String = english.split(' ').take(4).collect::<Vec<_>>().join(" ");
    let at = md
        .find(&first_words)
        .expect("the paragraph in the Markdown");
    assert_eq!(places[1]["range"]["start"]["line"], line_of(&md, at));
    assert_eq!(client.stop(), 0);
}

/// The edit of a code action applied to `text`.
fn apply(text: &str, edit: &Value) -> String {
    let offset = |p: &Value| {
        let line = p["line"].as_u64().unwrap() as usize;
        let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
        let units = p["character"].as_u64().unwrap() as usize;
        let rest = &text[start..];
        let mut seen = 0;
        rest.char_indices()
            .find(|(_, c)| {
                let here = seen >= units;
                seen += c.len_utf16();
                here
            })
            .map_or(text.len(), |(i, _)| start + i)
    };
    let (a, b) = (
        offset(&edit["range"]["start"]),
        offset(&edit["range"]["end"]),
    );
    format!(
        "{}{}{}",
        &text[..a],
        edit["newText"].as_str().unwrap(),
        &text[b..]
    )
}

fn only_edit(action: &Value) -> &Value {
    let changes = action["edit"]["changes"].as_object().unwrap();
    assert_eq!(changes.len(), 1);
    let edits = changes.values().next().unwrap().as_array().unwrap();
    assert_eq!(edits.len(), 1);
    &edits[0]
}

#[test]
fn quick_fixes_insert_a_missing_message_remove_a_bidi_control_and_add_plural_variants() {
    let dir = project();
    let rel = "locales/ar/page.ftl";
    let text = read(dir.path().join(rel));
    let mut client = Client::initialized(dir.path(), Value::Null);
    // Missing message, an isolate opened and never closed, Arabic's [two] lost.
    let edited = "page-edited-by = تحرير { $editor }\n";
    let two = text
        .lines()
        .find(|l| l.trim_start().starts_with("[two] مدة"))
        .unwrap()
        .to_string()
        + "\n";
    let broken = text
        .replace(edited, "")
        .replace("بقلم { $author }", "بقلم \u{2068}{ $author }")
        .replacen(&two, "", 1);
    let diagnostics = client.open(rel, &broken);
    let mut seen = Vec::new();
    let mut fixed = broken.clone();
    for code in ["missing-message", "bidi-unbalanced", "plural-categories"] {
        let d = diagnostics
            .iter()
            .find(|d| d["code"] == code)
            .unwrap_or_else(|| panic!("{code}: {diagnostics:#?}"))
            .clone();
        let answer = client.code_actions(rel, &[d]);
        let actions = answer["result"].as_array().unwrap();
        assert_eq!(actions.len(), 1, "{code}: {answer}");
        seen.push(actions[0]["title"].as_str().unwrap().to_string());
        // Each fix is made on the text as the server saw it, then the next
        // is asked of the fixed text.
        fixed = apply(&fixed, only_edit(&actions[0]));
        let after = client.change(rel, seen.len() as i64 + 1, &fixed);
        assert!(!codes(&after).contains(&code), "{code} fixed: {after:#?}");
    }
    assert!(seen[0].starts_with("Insert `page-edited-by`"), "{seen:?}");
    assert!(seen[2].contains("[two]"), "{seen:?}");
    // The inserted message is the English to translate, where sync puts it;
    // the isolate is gone and `[two]` is back as a copy of the default.
    assert!(
        fixed.contains("page-edited-by = Edited by { $editor }\n"),
        "{fixed}"
    );
    assert!(!fixed.contains('\u{2068}'));
    assert_eq!(fixed.lines().count(), text.lines().count());
    assert!(
        fixed.contains("[two] مدة القراءة: { $minutes } دقيقة"),
        "{fixed}"
    );
    // Nothing was written by the server.
    assert_eq!(read(dir.path().join(rel)), text);
    assert_eq!(client.stop(), 0);
}

#[test]
fn formatting_changes_only_whitespace_no_reader_sees() {
    let dir = project();
    let rel = "locales/ckb/article.ftl";
    let text = read(dir.path().join(rel));
    let mut client = Client::initialized(dir.path(), Value::Null);
    // The shipped file needs nothing.
    client.open(rel, &text);
    let answer = client.formatting(rel);
    assert_eq!(answer["result"], json!([]), "{answer}");
    // Trailing blanks on a comment and a blank line, none at the end: fixed;
    // the message's own trailing space stays.
    let messy = format!("# note   \n   \n{}x = y  ", text);
    client.change(rel, 2, &messy);
    let answer = client.formatting(rel);
    let mut edits = answer["result"].as_array().unwrap().clone();
    edits.reverse();
    let formatted = edits.iter().fold(messy.clone(), |t, e| apply(&t, e));
    assert_eq!(formatted, format!("# note\n\n{}x = y  \n", text));
    assert_eq!(client.stop(), 0);
}

#[test]
fn bad_input_gets_errors_and_the_server_goes_on() {
    let dir = project();
    let before = snapshot(dir.path());
    let rel = "locales/ar/page.ftl";
    let text = read(dir.path().join(rel));
    let mut client = Client::start(dir.path(), &[]);
    // Before initialize: refused.
    let early = client.request("textDocument/hover", json!({}));
    assert_eq!(early["error"]["code"], -32002, "{early}");
    let mut client = {
        drop(client);
        Client::initialized(dir.path(), Value::Null)
    };
    client.open(rel, &text);
    // Not JSON: a parse error with id null.
    client.write_raw(b"{\"jsonrpc\": \"2.0\", \"id\": ");
    let parse = client.wait_for("a parse error", |m| m["error"]["code"] == -32700);
    assert_eq!(parse["id"], Value::Null);
    // JSON, not a message: an invalid request with its id.
    client.send(json!({"jsonrpc": "2.0", "id": 99, "params": {}}));
    let invalid = client.wait_for("invalid request", |m| m["id"] == 99);
    assert_eq!(invalid["error"]["code"], -32600, "{invalid}");
    // Unknown method, unreadable parameters, a line past the end.
    assert_eq!(
        client.request("textDocument/rename", json!({}))["error"]["code"],
        -32601
    );
    assert_eq!(
        client.request("textDocument/hover", json!({"foo": 1}))["error"]["code"],
        -32602
    );
    let past = client.at("textDocument/hover", rel, 10_000, 0);
    assert_eq!(past["error"]["code"], -32602);
    assert!(past["error"]["message"]
        .as_str()
        .unwrap()
        .contains("outside the text"));
    // A file outside the project: no diagnostics, an explanation in the log.
    let outside = tempfile::tempdir().unwrap();
    let stray = outside.path().join("stray.ftl");
    std::fs::write(&stray, "hello = { $x\n").unwrap();
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri(&stray), "languageId": "fluent", "version": 1, "text": "hello = { $x\n"}}),
    );
    let log = client.wait_for("a log line", |m| {
        m["method"] == "window/logMessage"
            && m["params"]["message"]
                .as_str()
                .unwrap()
                .contains("not a file of the project")
    });
    assert!(log["params"]["message"]
        .as_str()
        .unwrap()
        .contains("stray.ftl"));
    // A 50 MB buffer: one diagnostic saying it is too large to check as you type.
    let huge = format!(
        "{text}{}",
        "# filler line of a huge file\n".repeat(50 * 1024 * 1024 / 29)
    );
    assert!(huge.len() > 50 * 1024 * 1024 - 100);
    let diagnostics = client.change(rel, 2, &huge);
    assert_eq!(codes(&diagnostics), ["too-large"], "{diagnostics:#?}");
    // Still answering, on the normal text again.
    let diagnostics = client.change(rel, 3, &text);
    assert!(!codes(&diagnostics).contains(&"too-large"));
    let hover = client.at(
        "textDocument/hover",
        rel,
        text.lines()
            .position(|l| l.starts_with("page-written-by"))
            .unwrap(),
        1,
    );
    assert!(
        hover["result"]["contents"]["value"]
            .as_str()
            .unwrap()
            .contains("Written by"),
        "{hover}"
    );
    assert_eq!(client.stop(), 0);
    assert_eq!(snapshot(dir.path()), before, "the server wrote a file");
}

#[test]
fn the_english_file_and_the_markdown_get_what_applies_to_them() {
    let dir = project();
    let mut client = Client::initialized(dir.path(), Value::Null);
    // The English: a reference to a message no file defines.
    let rel = "locales/en-US/page.ftl";
    let text = read(dir.path().join(rel));
    let diagnostics = client.open(rel, &text);
    assert!(diagnostics.is_empty(), "{diagnostics:#?}");
    let broken = text.replace(
        "Written by { $author }",
        "Written by { $author } { page-nowhere }",
    );
    let diagnostics = client.change(rel, 2, &broken);
    assert!(
        codes(&diagnostics).contains(&"unresolved-reference"),
        "{diagnostics:#?}"
    );
    // The Markdown: an edited paragraph, before `ftlkit extract` runs.
    let rel = "content/article.md";
    let md = read(dir.path().join(rel));
    assert!(client.open(rel, &md).is_empty());
    let old = "The country then collapsed and began";
    let edited = md.replace(old, "The country then fell apart and began");
    let diagnostics = client.change(rel, 2, &edited);
    assert_eq!(codes(&diagnostics), ["not-extracted"], "{diagnostics:#?}");
    let message = diagnostics[0]["message"].as_str().unwrap();
    assert!(message.contains("ar, ckb, fr"), "{message}");
    assert_eq!(
        diagnostics[0]["range"]["start"]["line"],
        line_of(&edited, edited.find("The country then fell").unwrap())
    );
    assert_eq!(client.stop(), 0);
}

#[test]
fn a_broken_link_in_the_open_markdown_is_reported_as_check_reports_it() {
    let dir = project();
    let mut client = Client::initialized(dir.path(), Value::Null);
    let rel = "content/article.md";
    let md = read(dir.path().join(rel));
    assert!(client.open(rel, &md).is_empty());
    let edited = format!(
        "{}\nSee [the map](images/nowhere.png), [the notes](notes.md) and [above](#nowhere).\n",
        md
    );
    let diagnostics = client.change(rel, 2, &edited);
    let broken: Vec<&Value> = diagnostics
        .iter()
        .filter(|d| d["code"] == "broken-link")
        .collect();
    assert_eq!(broken.len(), 3, "{diagnostics:#?}");
    // Each underlines its target as written.
    let at = edited.find("images/nowhere.png").unwrap();
    assert_eq!(broken[0]["range"]["start"]["line"], line_of(&edited, at));
    assert_eq!(broken[0]["severity"], 2);
    // What `ftlkit check` says of the same text saved, line for line.
    let check: Vec<_> = check_says(dir.path(), rel, &edited)
        .into_iter()
        .filter(|f| f.0 == "broken-link")
        .collect();
    let ours: Vec<_> = as_findings(&diagnostics)
        .into_iter()
        .filter(|f| f.0 == "broken-link")
        .collect();
    assert_eq!(ours, check);
    // Fixed in the buffer: gone.
    let fixed = edited.replace("(#nowhere)", "(#prime-ministers-after-the-fall)");
    let diagnostics = client.change(rel, 3, &fixed);
    assert_eq!(
        diagnostics
            .iter()
            .filter(|d| d["code"] == "broken-link")
            .count(),
        2,
        "{diagnostics:#?}"
    );
    assert_eq!(client.stop(), 0);
}

#[test]
fn the_english_changing_on_disk_rechecks_the_open_translation() {
    let dir = project();
    let rel = "locales/fr/page.ftl";
    let text = read(dir.path().join(rel));
    let mut client = Client::initialized(dir.path(), Value::Null);
    let diagnostics = client.open(rel, &text);
    assert!(!codes(&diagnostics).contains(&"missing-variable"));
    // Someone edits the English page strings outside the editor.
    let en = dir.path().join("locales/en-US/page.ftl");
    let english = read(&en);
    std::fs::write(
        &en,
        english.replace(
            "Written by { $author }",
            "Written by { $author } on { $date }",
        ),
    )
    .unwrap();
    let deadline = Instant::now() + WAIT;
    loop {
        let diagnostics = client.diagnostics(rel);
        if codes(&diagnostics).contains(&"missing-variable") {
            break;
        }
        assert!(Instant::now() < deadline, "not rechecked: {diagnostics:#?}");
    }
    assert_eq!(client.stop(), 0);
}

#[test]
fn an_l10n_toml_project_is_checked_as_check_does() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::write(
        root.join("l10n.toml"),
        "basepath = \".\"\nlocales = [\"de\"]\n[[paths]]\nreference = \"en/**\"\nl10n = \"{locale}/**\"\n",
    )
    .unwrap();
    std::fs::create_dir_all(root.join("en/app")).unwrap();
    std::fs::create_dir_all(root.join("de/app")).unwrap();
    std::fs::write(root.join("en/brand.ftl"), "-brand-name = Relay\n").unwrap();
    std::fs::write(root.join("de/brand.ftl"), "-brand-name = Relay\n").unwrap();
    std::fs::write(
        root.join("en/app/main.ftl"),
        "# $count is the number of masks.\nmasks = { $count ->\n    [one] { -brand-name } has one mask\n   *[other] { -brand-name } has { $count } masks\n}\n",
    )
    .unwrap();
    let german = "masks = { $count ->\n    [one] { -brand-name } hat eine Maske\n   *[other] { -brand-name } hat { $count } Masken\n}\n";
    std::fs::write(root.join("de/app/main.ftl"), german).unwrap();
    // The l10n.toml at the root is found without options.
    let mut client = Client::initialized(root, Value::Null);
    let rel = "de/app/main.ftl";
    assert!(client.open(rel, german).is_empty());
    // A term reference misspelled: the term is in another file of the locale.
    let broken = german.replace("[one] { -brand-name }", "[one] { -brand-nme }");
    let diagnostics = client.change(rel, 2, &broken);
    assert!(
        codes(&diagnostics).contains(&"unresolved-reference"),
        "{diagnostics:#?}"
    );
    // Hover on the term: the German of this locale's file is not in this
    // buffer, so the English one.
    let line = 2;
    let column = broken
        .lines()
        .nth(line)
        .unwrap()
        .find("-brand-name")
        .unwrap()
        + 2;
    let hover = client.at("textDocument/hover", rel, line, column);
    assert!(
        hover["result"]["contents"]["value"]
            .as_str()
            .unwrap()
            .contains("-brand-name = Relay"),
        "{hover}"
    );
    let value = hover["result"]["contents"]["value"].as_str().unwrap();
    assert!(
        value.contains("In `de/brand.ftl`"),
        "the locale's own term: {value}"
    );
    // Definition: the locale's term first, then the English one.
    let def = client.at("textDocument/definition", rel, line, column);
    let places = def["result"].as_array().unwrap();
    assert_eq!(places[0]["uri"], uri(&root.join("de/brand.ftl")), "{def}");
    assert_eq!(
        places[0]["range"]["start"],
        json!({"line": 0, "character": 0})
    );
    assert_eq!(places[1]["uri"], uri(&root.join("en/brand.ftl")), "{def}");
    assert_eq!(client.stop(), 0);
}

/// The `.properties` and `.dtd` files an `l10n.toml` lists are checked as
/// typed, as `check` checks them saved (the same findings, lines and
/// messages: compare-locales' printf and XML checks, missing keys summed up
/// in one note), and a fix clears them.
#[test]
fn properties_and_dtd_buffers_are_checked_as_check_does() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let write = |rel: &str, text: &str| {
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    write(
        "l10n.toml",
        "basepath = \".\"\nlocales = [\"de\"]\n[[paths]]\nreference = \"en/**\"\nl10n = \"{locale}/**\"\n",
    );
    write(
        "en/chrome/commonDialogs.properties",
        "Alert=Alert\nEnterPasswordFor = Enter password for %1$S on %2$S\nClose=Close %S tabs\nPercent=%S%% done\n",
    );
    write(
        "en/chrome/about.dtd",
        "<!ENTITY aboutVersion \"Version &brandShortName;\">\n<!ENTITY update.link \"<a href='https://example.org'>Update</a> now\">\n",
    );
    let german = "Alert=Achtung\nEnterPasswordFor = Passwort für %1$S auf %2$S eingeben\nClose=%S Tabs schließen\nPercent=%S%% fertig\n";
    let dtd = "<!ENTITY aboutVersion \"Version &brandShortName;\">\n<!ENTITY update.link \"<a href='https://example.org'>Aktualisieren</a> jetzt\">\n";
    write("de/chrome/commonDialogs.properties", german);
    write("de/chrome/about.dtd", dtd);
    let mut client = Client::initialized(root, Value::Null);
    let rel = "de/chrome/commonDialogs.properties";
    assert!(client.open(rel, german).is_empty());
    // An argument of another kind, a stray `%`, a key left out: as typed.
    let broken = "Alert=Achtung\nClose=%d Tabs schließen\nPercent=%S % fertig\n";
    let diagnostics = client.change(rel, 2, broken);
    let found = as_findings(&diagnostics);
    let config = ["--config", "l10n.toml"];
    assert_eq!(
        found,
        check_says_with(root, rel, broken, &config),
        "{diagnostics:#?}"
    );
    assert_eq!(
        found
            .iter()
            .map(|f| (f.0.as_str(), f.1))
            .collect::<Vec<_>>(),
        [("printf-placeholder", 1), ("printf-placeholder", 2)],
        "{diagnostics:#?}"
    );
    let close = diagnostics
        .iter()
        .find(|d| d["code"] == "printf-placeholder")
        .unwrap();
    // The `%d`, where `check` says line 2, column 7.
    assert_eq!(close["range"]["start"], json!({"line": 1, "character": 6}));
    assert!(
        close["message"]
            .as_str()
            .unwrap()
            .contains("argument 1 `d` should be `S`"),
        "{close}"
    );
    let missing: Vec<&Value> = diagnostics
        .iter()
        .filter(|d| d["code"] == "missing-message")
        .collect();
    assert_eq!(missing.len(), 1, "{diagnostics:#?}");
    assert!(missing[0]["message"]
        .as_str()
        .unwrap()
        .contains("`EnterPasswordFor`"));
    // With CRLF line ends (compare-locales reads them as LF): the same places.
    let crlf = client.change(rel, 3, &broken.replace('\n', "\r\n"));
    let close = crlf
        .iter()
        .find(|d| d["code"] == "printf-placeholder")
        .unwrap();
    assert_eq!(close["range"]["start"], json!({"line": 1, "character": 6}));
    assert_eq!(as_findings(&crlf), found);
    // Fixed: nothing left.
    assert!(client.change(rel, 4, german).is_empty());

    // A DTD value that is no XML, at the character expat points at.
    let rel = "de/chrome/about.dtd";
    assert!(client.open(rel, dtd).is_empty());
    let broken = dtd.replace("href='https://example.org'", "href=https://example.org");
    let diagnostics = client.change(rel, 2, &broken);
    assert_eq!(
        as_findings(&diagnostics),
        check_says_with(root, rel, &broken, &config)
    );
    assert_eq!(codes(&diagnostics), ["xml-parse"], "{diagnostics:#?}");
    assert_eq!(
        diagnostics[0]["range"]["start"],
        json!({"line": 1, "character": 30})
    );
    assert_eq!(client.stop(), 0);
}

#[test]
fn the_editor_sees_each_locales_state_on_the_english_and_the_markdown() {
    let dir = project();
    // Kurdish lacks a message the others have; French's is stale.
    let md_rel = "content/article.md";
    let md = read(dir.path().join(md_rel));
    let old = "The country then collapsed and began";
    std::fs::write(
        dir.path().join(md_rel),
        md.replace(old, "The country then fell apart and began"),
    )
    .unwrap();
    assert_eq!(common::ftlkit(dir.path(), &["extract"]).code, 0);
    let md = read(dir.path().join(md_rel));
    let en_rel = "locales/en-US/article.ftl";
    let en = read(dir.path().join(en_rel));
    let id = "article-intro-where-country-collapsed";
    assert!(
        en.contains(&format!("\n{id} = The country then fell apart")),
        "{en}"
    );
    // The Arabic is reviewed (accepted); French stays stale; Kurdish loses it.
    assert_eq!(common::ftlkit(dir.path(), &["accept", "ar", id]).code, 0);
    let ckb = dir.path().join("locales/ckb/article.ftl");
    let kurdish = read(&ckb);
    let start = kurdish
        .find(&format!("{id} = "))
        .expect("ckb translates it");
    let end = kurdish[start..].find('\n').unwrap() + start + 1;
    std::fs::write(&ckb, format!("{}{}", &kurdish[..start], &kurdish[end..])).unwrap();
    let mut client = Client::initialized(dir.path(), Value::Null);
    client.open(en_rel, &en);
    let line = line_of(&en, en.find(&format!("\n{id} = ")).unwrap() + 1);
    let hover = client.at("textDocument/hover", en_rel, line, 2);
    let value = hover["result"]["contents"]["value"].as_str().unwrap();
    assert!(
        value.contains("ar translated · ckb missing · fr stale"),
        "{value}"
    );
    // The same on the paragraph in the Markdown, and its definition is the message.
    client.open(md_rel, &md);
    let paragraph = md.find("The country then fell apart").unwrap();
    let (line, column) = (line_of(&md, paragraph), utf16_column(&md, paragraph) + 5);
    let hover = client.at("textDocument/hover", md_rel, line, column);
    let value = hover["result"]["contents"]["value"].as_str().unwrap();
    assert!(
        value.contains(&format!("`{id}`")) && value.contains("fr stale"),
        "{value}"
    );
    let def = client.at("textDocument/definition", md_rel, line, column);
    assert_eq!(
        def["result"][0]["uri"],
        uri(&dir.path().join(en_rel)),
        "{def}"
    );
    assert_eq!(
        def["result"][0]["range"]["start"]["line"],
        line_of(&en, en.find(&format!("\n{id} = ")).unwrap() + 1)
    );
    // A front-matter field's message goes to its line in the Markdown.
    let fr_rel = "locales/fr/article.ftl";
    let french = read(dir.path().join(fr_rel));
    client.open(fr_rel, &french);
    let line = french
        .lines()
        .position(|l| l.starts_with("article-editor = "))
        .expect("the editor field");
    let def = client.at("textDocument/definition", fr_rel, line, 2);
    let places = def["result"].as_array().unwrap();
    assert_eq!(places.len(), 2, "{def}");
    let editor_line = md.lines().position(|l| l.starts_with("editor")).unwrap();
    assert_eq!(places[1]["range"]["start"]["line"], editor_line, "{def}");
    assert_eq!(client.stop(), 0);
}

#[test]
fn formatting_does_nothing_when_the_project_asks_for_none() {
    let dir = project();
    let config = dir.path().join("ftlkit.toml");
    std::fs::write(
        &config,
        format!("{}\n[format]\nnormalize = \"none\"\n", read(&config)),
    )
    .unwrap();
    let rel = "locales/ar/page.ftl";
    let messy = format!("# note   \n{}", read(dir.path().join(rel)).trim_end());
    let mut client = Client::initialized(dir.path(), Value::Null);
    client.open(rel, &messy);
    let answer = client.formatting(rel);
    assert_eq!(answer["result"], json!([]), "{answer}");
    assert_eq!(client.stop(), 0);
}

#[test]
fn a_new_ftlkit_toml_setting_is_followed_without_a_restart() {
    let dir = project();
    let rel = "locales/ar/page.ftl";
    let messy = format!("# note   \n{}", read(dir.path().join(rel)));
    let mut client = Client::initialized(dir.path(), Value::Null);
    client.open(rel, &messy);
    let format = |client: &mut Client| client.formatting(rel)["result"].as_array().unwrap().len();
    assert_eq!(format(&mut client), 1, "the comment's trailing blanks");
    let config = dir.path().join("ftlkit.toml");
    std::fs::write(
        &config,
        format!("{}\n[format]\nnormalize = \"none\"\n", read(&config)),
    )
    .unwrap();
    let deadline = Instant::now() + WAIT;
    while format(&mut client) != 0 {
        assert!(Instant::now() < deadline, "ftlkit.toml not reloaded");
        std::thread::sleep(Duration::from_millis(100));
    }
    assert_eq!(client.stop(), 0);
}

#[test]
fn a_project_not_extracted_yet_still_checks_its_markdown() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("content")).unwrap();
    let md = "+++\nauthor = \"R\"\n+++\n\n# عنوان\n\nA first paragraph.\n";
    std::fs::write(dir.path().join("content/doc.md"), md).unwrap();
    let mut client = Client::initialized(dir.path(), Value::Null);
    let rel = "content/doc.md";
    let diagnostics = client.open(rel, md);
    // The author (front matter), the title and the paragraph, each on its line.
    assert_eq!(
        codes(&diagnostics),
        ["not-extracted"; 3],
        "{diagnostics:#?}"
    );
    let lines: Vec<u64> = diagnostics
        .iter()
        .map(|d| d["range"]["start"]["line"].as_u64().unwrap())
        .collect();
    assert_eq!(lines, [1, 4, 6]);
    assert!(diagnostics[2]["message"]
        .as_str()
        .unwrap()
        .contains("`doc-intro-first-paragraph`"));
    // Broken front matter: the Markdown's own error, where it is.
    let broken = md.replace("author = \"R\"", "author = R\"");
    let diagnostics = client.change(rel, 2, &broken);
    assert_eq!(codes(&diagnostics), ["markdown"], "{diagnostics:#?}");
    assert_eq!(diagnostics[0]["range"]["start"]["line"], 1);
    assert_eq!(client.stop(), 0);
}

#[test]
fn a_stale_translation_is_accepted_from_its_quick_fix() {
    let dir = project();
    let md = dir.path().join("content/article.md");
    let english = read(&md);
    std::fs::write(
        &md,
        english.replace(
            "The country then collapsed and began",
            "The country then fell apart and began",
        ),
    )
    .unwrap();
    assert_eq!(common::ftlkit(dir.path(), &["extract"]).code, 0);
    let rel = "locales/ar/article.ftl";
    let text = read(dir.path().join(rel));
    let mut client = Client::initialized(dir.path(), Value::Null);
    let diagnostics = client.open(rel, &text);
    let stale = diagnostics
        .iter()
        .find(|d| d["code"] == "stale")
        .expect("stale")
        .clone();
    let answer = client.code_actions(rel, &[stale]);
    let action = &answer["result"][0];
    assert!(
        action["title"].as_str().unwrap().contains("ftlkit accept"),
        "{answer}"
    );
    assert!(
        action.get("edit").is_none(),
        "no edit of the translation: {action}"
    );
    let command = action["command"].clone();
    let done = client.request(
        "workspace/executeCommand",
        json!({"command": command["command"], "arguments": command["arguments"]}),
    );
    assert!(done.get("error").is_none(), "{done}");
    // Checked again: no longer stale; the translation untouched, and `status` agrees.
    let deadline = Instant::now() + WAIT;
    loop {
        let diagnostics = client.diagnostics(rel);
        if !codes(&diagnostics).contains(&"stale") {
            break;
        }
        assert!(Instant::now() < deadline, "still stale: {diagnostics:#?}");
    }
    assert_eq!(read(dir.path().join(rel)), text);
    let again = client.request(
        "workspace/executeCommand",
        json!({"command": command["command"], "arguments": command["arguments"]}),
    );
    assert_eq!(
        again["error"]["code"], -32602,
        "nothing left to accept: {again}"
    );
    assert_eq!(client.stop(), 0);
    let status = common::ftlkit(dir.path(), &["status", "ar", "--format", "json"]);
    assert!(status.stdout.contains("\"stale\": 0"), "{}", status.stdout);
}

#[test]
fn every_missing_message_is_inserted_at_once_in_the_kurdish() {
    let dir = project();
    let rel = "locales/ckb/article.ftl";
    // A Kurdish file without sync's templates: the messages are missing from it.
    drop_templates(&dir.path().join(rel));
    let text = read(dir.path().join(rel));
    let mut client = Client::initialized(dir.path(), Value::Null);
    let diagnostics = client.open(rel, &text);
    let missing: Vec<Value> = diagnostics
        .iter()
        .filter(|d| d["code"] == "missing-message")
        .cloned()
        .collect();
    // One diagnostic for the file, however many are missing, with every id.
    assert_eq!(
        missing.len(),
        1,
        "the Kurdish is in progress: {diagnostics:#?}"
    );
    let ids = missing[0]["data"]["ids"].as_array().unwrap().len();
    assert!(ids > 1, "{missing:#?}");
    let message = missing[0]["message"].as_str().unwrap();
    assert!(
        message.starts_with(&format!("{ids} messages of the English are not translated")),
        "{message}"
    );
    assert_eq!(missing[0]["range"]["start"]["line"], 0);
    let answer = client.code_actions(rel, &missing);
    let actions = answer["result"].as_array().unwrap();
    let title = format!("Insert all {ids} missing messages from the English, to translate");
    let all = actions
        .iter()
        .find(|a| a["title"] == title.as_str())
        .unwrap_or_else(|| panic!("{answer}"));
    let fixed = apply(&text, only_edit(all));
    let after = client.change(rel, 2, &fixed);
    assert!(!codes(&after).contains(&"missing-message"), "{after:#?}");
    // Every Kurdish line is still there, in order.
    let mut rest = fixed.as_str();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let at = rest
            .find(line)
            .unwrap_or_else(|| panic!("lost or moved: {line}"));
        rest = &rest[at + line.len()..];
    }
    assert_eq!(as_findings(&after), check_says(dir.path(), rel, &fixed));
    assert_eq!(client.stop(), 0);
}

#[test]
fn a_translation_being_typed_is_never_replaced_by_the_english() {
    let dir = project();
    let rel = "locales/ar/page.ftl";
    let text = read(dir.path().join(rel));
    let mut client = Client::initialized(dir.path(), Value::Null);
    client.open(rel, &text);
    // Typing a placeable: the message does not parse, so check counts it missing.
    let typing = text.replace("بقلم { $author }", "بقلم { $");
    let diagnostics = client.change(rel, 2, &typing);
    let missing: Vec<Value> = diagnostics
        .iter()
        .filter(|d| d["code"] == "missing-message" && d["data"]["id"] == "page-written-by")
        .cloned()
        .collect();
    assert_eq!(missing.len(), 1, "{diagnostics:#?}");
    let answer = client.code_actions(rel, &missing);
    assert_eq!(
        answer["result"],
        json!([]),
        "no fix replaces the Arabic being typed: {answer}"
    );
    assert_eq!(client.stop(), 0);
}

#[test]
fn completion_never_merges_into_a_line_and_replaces_the_whole_word() {
    let dir = project();
    let rel = "locales/ar/page.ftl";
    let text = read(dir.path().join(rel)).replace("page-edited-by = تحرير { $editor }\n", "");
    let mut client = Client::initialized(dir.path(), Value::Null);
    client.open(rel, &text);
    // At the start of a line that holds a message: nothing to insert there.
    let line = text
        .lines()
        .position(|l| l.starts_with("page-written-by"))
        .unwrap();
    let answer = client.at("textDocument/completion", rel, line, 0);
    assert_eq!(answer["result"], json!([]), "{answer}");
    // An id typed on a line of its own: only the missing ids it matches.
    let typed = text.replacen("page-written-by", "page-ed\npage-written-by", 1);
    client.change(rel, 2, &typed);
    let answer = client.at("textDocument/completion", rel, line, 4);
    let items = answer["result"].as_array().unwrap();
    let labels: Vec<&str> = items.iter().map(|i| i["label"].as_str().unwrap()).collect();
    assert_eq!(labels, ["page-edited-by"]);
    assert_eq!(
        items[0]["textEdit"]["range"]["end"],
        json!({"line": line, "character": 7})
    );
    // `$au|thor`: the whole variable is replaced, not only up to the cursor.
    let line = text
        .lines()
        .position(|l| l.starts_with("page-written-by"))
        .unwrap();
    client.change(rel, 3, &text);
    let column = text.lines().nth(line).unwrap().find("$author").unwrap() + 3;
    let column = text.lines().nth(line).unwrap()[..column]
        .encode_utf16()
        .count();
    let answer = client.at("textDocument/completion", rel, line, column);
    let edit = &answer["result"][0]["textEdit"];
    assert_eq!(edit["newText"], "author");
    assert_eq!(
        edit["range"]["end"]["character"].as_u64().unwrap() as usize,
        column + 4
    );
    assert_eq!(client.stop(), 0);
}

#[test]
fn the_project_is_found_from_a_locale_folder_and_an_l10n_toml_from_elsewhere() {
    let dir = project();
    // A translator opens `locales/ar` as the workspace.
    let mut client = Client::initialized(&dir.path().join("locales/ar"), Value::Null);
    client.root = dir.path().to_path_buf();
    let rel = "locales/ar/page.ftl";
    let broken = read(dir.path().join(rel)).replace("بقلم { $author }", "بقلم");
    let diagnostics = client.open(rel, &broken);
    assert!(
        codes(&diagnostics).contains(&"missing-variable"),
        "{diagnostics:#?}"
    );
    assert_eq!(client.stop(), 0);
    // `--config` with an absolute path, started in another folder, no rootUri:
    // the project is the config's folder (not the current one, walked whole).
    let mozilla = tempfile::tempdir().unwrap();
    let root = mozilla.path();
    std::fs::write(root.join("l10n.toml"), "basepath = \".\"\nlocales = [\"de\"]\n[[paths]]\nreference = \"en/**\"\nl10n = \"{locale}/**\"\n").unwrap();
    std::fs::create_dir_all(root.join("en")).unwrap();
    std::fs::create_dir_all(root.join("de")).unwrap();
    std::fs::write(root.join("en/a.ftl"), "a = Hello { $name }\n").unwrap();
    std::fs::write(root.join("de/a.ftl"), "a = Hallo { $name }\n").unwrap();
    let config = root.join("l10n.toml");
    let mut client = Client::start(root, &["--config", config.to_str().unwrap()]);
    let answer = client.request(
        "initialize",
        json!({"processId": null, "rootUri": null, "capabilities": {}}),
    );
    assert_eq!(answer["result"]["serverInfo"]["name"], "ftlkit");
    let log = client.wait_for("the project line", |m| m["method"] == "window/logMessage");
    let said = log["params"]["message"].as_str().unwrap();
    assert!(said.contains(&format!("at {}", root.display())), "{said}");
    let diagnostics = client.open("de/a.ftl", "a = Hallo\n");
    assert!(
        codes(&diagnostics).contains(&"missing-variable"),
        "{diagnostics:#?}"
    );
    assert_eq!(client.stop(), 0);
}

#[test]
fn a_frame_with_a_wrong_length_costs_that_message_only() {
    let dir = project();
    let rel = "locales/ar/page.ftl";
    let text = read(dir.path().join(rel));
    let mut client = Client::initialized(dir.path(), Value::Null);
    client.open(rel, &text);
    // A client that counted characters, not bytes, of an Arabic message.
    let body =
        json!({"jsonrpc": "2.0", "method": "window/x", "params": {"text": "عربي"}}).to_string();
    let chars = body.chars().count();
    write!(client.stdin, "Content-Length: {chars}\r\n\r\n{body}").unwrap();
    client.stdin.flush().unwrap();
    let line = text
        .lines()
        .position(|l| l.starts_with("page-written-by"))
        .unwrap();
    for _ in 0..3 {
        let hover = client.at("textDocument/hover", rel, line, 1);
        assert!(
            hover["result"]["contents"]["value"]
                .as_str()
                .unwrap()
                .contains("Written by"),
            "{hover}"
        );
    }
    assert_eq!(client.stop(), 0);
}

#[test]
fn a_template_s_hover_offers_the_translation_memorys_match() {
    let dir = project();
    // A second document repeats a paragraph the Arabic article translates.
    let en = read(dir.path().join("locales/en-US/article.ftl"));
    let (id, english) = en
        .lines()
        .filter_map(|l| l.split_once(" = "))
        .find(|(id, v)| {
            id.starts_with("article-") && v.len() > 150 && !v.contains('{') && !v.contains('[')
        })
        .expect("a plain paragraph");
    let md = dir.path().join("content/notes.md");
    std::fs::write(&md, format!("# Notes\n\n{english}\n")).unwrap();
    assert_eq!(common::ftlkit(dir.path(), &["extract"]).code, 0);
    assert_eq!(common::ftlkit(dir.path(), &["sync", "ar"]).code, 0);
    let rel = "locales/ar/notes.ftl";
    let text = read(dir.path().join(rel));
    let line = text
        .lines()
        .position(|l| l.starts_with("# (untranslated) notes-") && l.contains(&english[..40]))
        .unwrap_or_else(|| panic!("{text}"));
    let arabic = read(dir.path().join("locales/ar/article.ftl"))
        .lines()
        .find_map(|l| l.strip_prefix(&format!("{id} = ")).map(str::to_string))
        .unwrap();
    let mut client = Client::initialized(dir.path(), Value::Null);
    client.open(rel, &text);
    let hover = client.at(
        "textDocument/hover",
        rel,
        line,
        "# (untranslated) ".len() + 2,
    );
    let value = hover["result"]["contents"]["value"]
        .as_str()
        .unwrap_or_else(|| panic!("{hover}"));
    assert!(value.contains("untranslated"), "{value}");
    assert!(value.contains("Translation memory, 100% exact"), "{value}");
    assert!(value.contains(&arabic), "{value}");
    assert!(
        value.contains(&format!("article: {id}")),
        "its origin: {value}"
    );
    assert_eq!(client.stop(), 0);
}

/// A nested document of a book (issue 30): a translation's diagnostics are
/// check's (a dropped link), and definition finds the nested English and the
/// paragraph in `src/guide/start.md`.
#[test]
fn a_nested_document_s_translation_finds_its_english_and_markdown() {
    let dir = tempfile::tempdir().unwrap();
    common::copy_dir(
        &common::repo().join("tests/fixtures/trees/book"),
        dir.path(),
    );
    let rel = "locales/ar/guide/start.ftl";
    let text = read(dir.path().join(rel)).replace("انظر [أعلاه](#install-it) و", "انظر أعلاه و");
    let mut client = Client::initialized(dir.path(), Value::Null);
    let diagnostics = client.open(rel, &text);
    assert_eq!(codes(&diagnostics), ["markup-mismatch"], "{diagnostics:?}");
    let line = text
        .lines()
        .position(|l| l.starts_with("guide-start-install-download-tool-run"))
        .unwrap();
    let answer = client.at("textDocument/definition", rel, line, 2);
    let places = answer["result"].as_array().expect("locations");
    assert_eq!(places.len(), 2, "{answer}");
    assert_eq!(
        places[0]["uri"],
        uri(&dir.path().join("locales/en-US/guide/start.ftl"))
    );
    assert_eq!(
        places[1]["uri"],
        uri(&dir.path().join("src/guide/start.md"))
    );
    assert_eq!(places[1]["range"]["start"]["line"], 6);
    assert_eq!(client.stop(), 0);
}

/// A translation's altered code span (issue 30) is among its diagnostics,
/// ranged over the span, as `check` places it.
#[test]
fn a_translated_code_span_is_a_diagnostic_at_the_span() {
    let dir = tempfile::tempdir().unwrap();
    common::copy_dir(
        &common::repo().join("tests/fixtures/trees/book"),
        dir.path(),
    );
    let md = dir.path().join("src/guide/start.md");
    let text = read(&md) + "\nEdit `SUMMARY.md` to add chapters.\n";
    std::fs::write(&md, text).unwrap();
    assert_eq!(common::ftlkit(dir.path(), &["extract"]).code, 0);
    let english = read(dir.path().join("locales/en-US/guide/start.ftl"));
    let id = english
        .lines()
        .find(|l| l.ends_with("= Edit `SUMMARY.md` to add chapters."))
        .and_then(|l| l.split(" = ").next())
        .unwrap_or_else(|| panic!("{english}"));
    let rel = "locales/ar/guide/start.ftl";
    let line = format!("{id} = عدّل `الملخص.md` لإضافة الفصول.");
    let text = format!("{}{line}\n", read(dir.path().join(rel)));
    let mut client = Client::initialized(dir.path(), Value::Null);
    let diagnostics = client.open(rel, &text);
    assert_eq!(codes(&diagnostics), ["changed-code"], "{diagnostics:?}");
    let range = &diagnostics[0]["range"];
    assert_eq!(range["start"]["line"], text.lines().count() - 1);
    let before = &line[..line.find('`').unwrap()];
    let units = |s: &str| s.encode_utf16().count();
    assert_eq!(range["start"]["character"], units(before));
    assert_eq!(
        range["end"]["character"],
        units(before) + units("`الملخص.md`")
    );
    assert_eq!(client.stop(), 0);
}

// Issue 28 (hardening round 3), items 8 and 11: the transport's bounds and
// what a client's settings may make the server read.

#[test]
fn an_endless_header_line_and_a_huge_frame_are_refused_and_the_server_goes_on() {
    let dir = project();
    let mut client = Client::initialized(dir.path(), json!({}));
    // 20 MB of header with no line end, then a line end: skipped as it streams.
    let junk = vec![b'x'; 20 * 1024 * 1024];
    client.stdin.write_all(&junk).unwrap();
    client.stdin.write_all(b"\r\n\r\n").unwrap();
    // A frame over the limit: answered with an error, its body never read.
    client
        .stdin
        .write_all(b"Content-Length: 200000000\r\n\r\n")
        .unwrap();
    let error = client.wait_for("an error for the huge frame", |m| {
        m["error"]["message"]
            .as_str()
            .is_some_and(|s| s.contains("200000000 bytes"))
    });
    assert_eq!(error["id"], Value::Null);
    let answer = client.at("textDocument/hover", "locales/ar/article.ftl", 0, 0);
    assert!(
        answer.get("error").is_none() || answer["error"]["code"] != -32700,
        "{answer}"
    );
    assert_eq!(client.stop(), 0);
}

#[test]
fn a_burst_of_changes_is_checked_as_its_last_text() {
    let dir = project();
    let rel = "locales/ar/article.ftl";
    let text = read(dir.path().join(rel));
    let mut client = Client::initialized(dir.path(), json!({}));
    client.open(rel, &text);
    let uri = uri(&client.path(rel));
    let padding = format!("# {}\n", "ح".repeat(20_000));
    for version in 2..=300 {
        client.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version},
                   "contentChanges": [{"text": format!("{padding}{text}")}]}),
        );
    }
    // The last one breaks a placeable: what is published last says so.
    let broken = format!("{text}\nbroken-at-the-end = {{ $\n");
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 301}, "contentChanges": [{"text": broken}]}),
    );
    let answer = client.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri}}),
    );
    assert!(answer.get("error").is_none(), "{answer}");
    let mut published = 0;
    let last = loop {
        let d = client.diagnostics(rel);
        published += 1;
        if !d.is_empty() && codes(&d).contains(&"syntax-error") {
            break d;
        }
    };
    assert!(!last.is_empty());
    assert!(published < 300, "{published} diagnostics for one burst");
    assert_eq!(client.stop(), 0);
}

#[test]
fn a_client_config_outside_the_workspace_is_not_read() {
    let dir = project();
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(
        outside.path().join("l10n.toml"),
        "basepath = \".\"\nlocales = [\"de\"]\n[[paths]]\nreference = \"en/**\"\nl10n = \"{locale}/**\"\n",
    )
    .unwrap();
    let config = outside.path().join("l10n.toml");
    let mut client = Client::initialized(dir.path(), json!({"config": [config.to_str().unwrap()]}));
    let log = client.wait_for("the refusal", |m| {
        m["method"] == "window/logMessage"
            && m["params"]["message"]
                .as_str()
                .is_some_and(|s| s.contains("outside the workspace"))
    });
    assert!(log["params"]["message"]
        .as_str()
        .unwrap()
        .contains("not read"));
    assert_eq!(client.stop(), 0);
}

#[test]
fn a_translation_nobody_reviewed_offers_mark_as_reviewed() {
    let dir = project();
    let rel = "locales/fr/article.ftl";
    let path = dir.path().join(rel);
    let text = read(&path);
    let (n, line) = text
        .lines()
        .enumerate()
        .find(|(_, l)| l.starts_with("article-intro-"))
        .unwrap();
    let id = line.split(" = ").next().unwrap().to_string();
    let edited = text.replacen(
        line,
        &format!("{id} = Refait à la main, pas encore relu."),
        1,
    );
    std::fs::write(&path, &edited).unwrap();
    assert_eq!(common::ftlkit(dir.path(), &["sync", "fr"]).code, 0);
    let unreviewed = |root: &std::path::Path| {
        let run = common::ftlkit(root, &["status", "fr", "--format", "json"]);
        let json: Value = serde_json::from_str(&run.stdout).unwrap();
        json["locales"][0]["unreviewed"].as_u64().unwrap()
    };
    assert_eq!(unreviewed(dir.path()), 1);
    let mut client = Client::initialized(dir.path(), Value::Null);
    client.open(rel, &edited);
    let at = json!({"start": {"line": n, "character": 0}, "end": {"line": n, "character": 3}});
    let answer = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri(&path)}, "range": at, "context": {"diagnostics": []}}),
    );
    let title = format!("Mark `{id}` as reviewed (ftlkit review)");
    let action = answer["result"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["title"] == title.as_str())
        .unwrap_or_else(|| panic!("{answer}"))
        .clone();
    // Elsewhere in the file: no such action (the reviewed messages have none).
    let other = json!({"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}});
    let none = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri(&path)}, "range": other, "context": {"diagnostics": []}}),
    );
    assert!(
        !none.to_string().contains("as reviewed (ftlkit review)"),
        "{none}"
    );
    let command = action["command"].clone();
    let done = client.request(
        "workspace/executeCommand",
        json!({"command": command["command"], "arguments": command["arguments"]}),
    );
    assert!(done.get("error").is_none(), "{done}");
    assert_eq!(client.stop(), 0);
    assert_eq!(unreviewed(dir.path()), 0);
    assert_eq!(read(&path), edited, "the translation is untouched");
}

/// Typography findings reach the editor at their characters, and their
/// quick fixes change exactly those: `؟` for a Latin `?` after Arabic
/// words, U+202F inside French « » (as `check --fix`).
#[test]
fn typography_quick_fixes_change_only_the_characters_concerned() {
    let dir = project();
    let mut client = Client::initialized(dir.path(), Value::Null);
    for (rel, from, to, code, fixed_text) in [
        (
            "locales/ar/page.ftl",
            "بلغات أخرى\n",
            "بلغات أخرى?\n",
            "arabic-punctuation",
            "بلغات أخرى؟\n",
        ),
        (
            "locales/fr/article.ftl",
            "«\u{202F}l’ennemi",
            "« l’ennemi",
            "french-spacing",
            "«\u{202F}l’ennemi",
        ),
    ] {
        let text = read(dir.path().join(rel));
        assert!(text.contains(from), "{rel}");
        let broken = text.replacen(from, to, 1);
        let diagnostics = client.open(rel, &broken);
        let d = diagnostics
            .iter()
            .find(|d| d["code"] == code)
            .unwrap_or_else(|| panic!("{code}: {diagnostics:#?}"))
            .clone();
        // The range is the one character (the `?`, the plain space).
        let range = &d["range"];
        assert_eq!(range["start"]["line"], range["end"]["line"]);
        assert_eq!(
            range["end"]["character"].as_u64().unwrap()
                - range["start"]["character"].as_u64().unwrap(),
            1,
            "{d}"
        );
        let answer = client.code_actions(rel, &[d]);
        let action = answer["result"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["kind"] == "quickfix")
            .unwrap_or_else(|| panic!("{answer}"))
            .clone();
        let fixed = apply(&broken, only_edit(&action));
        assert_eq!(
            fixed.as_bytes(),
            text.replacen(from, fixed_text, 1).as_bytes()
        );
    }
}

/// The project's glossary reaches the editor as `check` reads it.
#[test]
fn a_name_spelled_against_the_glossary_is_reported_as_typed() {
    let dir = project();
    std::fs::copy(
        repo().join("glossary.toml"),
        dir.path().join("glossary.toml"),
    )
    .unwrap();
    let rel = "locales/fr/article.ftl";
    let text = read(dir.path().join(rel));
    let mut client = Client::initialized(dir.path(), Value::Null);
    assert!(!codes(&client.open(rel, &text)).contains(&"glossary-term"));
    let typed = text.replacen("Kazimi", "Kazemi", 1);
    let after = client.change(rel, 2, &typed);
    let d = after
        .iter()
        .find(|d| d["code"] == "glossary-term")
        .unwrap_or_else(|| panic!("{after:#?}"));
    assert!(
        d["message"]
            .as_str()
            .unwrap()
            .contains("translates `Kazimi`"),
        "{d}"
    );
    assert_eq!(as_findings(&after), check_says(dir.path(), rel, &typed));
}

/// The hover on a translation's id lists the glossary's terms of its
/// English as the locale must write them: the approved translation, the
/// forbidden ones, a do-not-translate term; none for a message without terms.
#[test]
fn the_hover_on_a_translation_shows_the_glossary_terms_of_its_english() {
    let dir = project();
    std::fs::write(
        dir.path().join("glossary.toml"),
        "[[term]]\nen = \"Kadhimi\"\nar = \"الكاظمي\"\nforbidden = { ar = [\"الكاظمى\", \"كاظمي\"] }\n\
         [[term]]\nen = \"Hope\"\ndo-not-translate = true\n\
         [[term]]\nen = \"Iraqi\"\nfr = \"irakien\"\n",
    )
    .unwrap();
    let rel = "locales/ar/article.ftl";
    let text = read(dir.path().join(rel));
    let mut client = Client::initialized(dir.path(), Value::Null);
    client.open(rel, &text);
    let hover_of = |client: &mut Client, id: &str| {
        let line = line_of(&text, text.find(&format!("\n{id} =")).unwrap() + 1);
        let hover = client.at("textDocument/hover", rel, line, 3);
        hover["result"]["contents"]["value"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let value = hover_of(&mut client, "article-title");
    let glossary = value
        .split("\nGlossary:\n")
        .nth(1)
        .unwrap_or_else(|| panic!("no glossary in {value}"));
    assert!(
        glossary.contains("- `Kadhimi` → `الكاظمي` (not `الكاظمى`, `كاظمي`)\n"),
        "{value}"
    );
    assert!(
        glossary.contains("- `Hope`: do not translate, keep it as it is\n"),
        "{value}"
    );
    // `Iraqi` has no Arabic entry: listed, without a translation to follow.
    assert!(
        glossary.contains("- `Iraqi`: no approved translation for this locale\n"),
        "{value}"
    );
    let plain = hover_of(&mut client, "article-author");
    assert!(!plain.contains("Glossary:"), "{plain}");
}

/// `[check]` levels and an `# ftlkit-ignore:` comment hold in the editor as
/// in `check`.
#[test]
fn check_levels_and_ignore_comments_hold_in_the_editor() {
    let dir = project();
    let toml = dir.path().join("ftlkit.toml");
    let config = read(&toml) + "\n[check.levels]\narabic-punctuation = \"off\"\n";
    std::fs::write(&toml, config).unwrap();
    let rel = "locales/ar/page.ftl";
    let text = read(dir.path().join(rel));
    let mut client = Client::initialized(dir.path(), Value::Null);
    let typed = text.replacen("بلغات أخرى\n", "بلغات أخرى?  أيضاً\n", 1);
    let found = client.open(rel, &typed);
    assert!(!codes(&found).contains(&"arabic-punctuation"), "{found:#?}");
    assert!(codes(&found).contains(&"double-space"), "{found:#?}");
    let ignored = typed.replacen(
        "page-language-switcher =",
        "# ftlkit-ignore: double-space kept for the test\npage-language-switcher =",
        1,
    );
    let after = client.change(rel, 2, &ignored);
    assert!(!codes(&after).contains(&"double-space"), "{after:#?}");
    assert_eq!(as_findings(&after), check_says(dir.path(), rel, &ignored));
}

/// Firefox's layout: the English and `_configs/browser.toml` in one folder
/// (`basepath = ".."`), the translations in another, given as
/// `initializationOptions.l10n_base` (`{l10n_base}` in the config). A German
/// file there is checked against its English.
#[test]
fn an_l10n_toml_project_with_a_separate_l10n_base() {
    let source = tempfile::tempdir().unwrap();
    let base = tempfile::tempdir().unwrap();
    let (s, b) = (source.path(), base.path());
    std::fs::create_dir_all(s.join("_configs")).unwrap();
    std::fs::create_dir_all(s.join("browser/browser")).unwrap();
    std::fs::create_dir_all(b.join("de/browser/browser")).unwrap();
    std::fs::write(
        s.join("_configs/browser.toml"),
        "basepath = \"..\"\nlocales = [\"de\", \"ja-JP-mac\"]\n[build]\nexclude-multi-locale = [\"ja-JP-mac\"]\n[env]\nl = \"{l10n_base}/{locale}/\"\n[[paths]]\nreference = \"browser/**\"\nl10n = \"{l}browser/**\"\n",
    )
    .unwrap();
    std::fs::write(
        s.join("browser/browser/tabbrowser.ftl"),
        "tab-close = Close tab\n    .tooltiptext = { tab-close }\n",
    )
    .unwrap();
    let german = "tab-close = Tab schließen\n    .tooltiptext = { tab-close }\n";
    let de = b.join("de/browser/browser/tabbrowser.ftl");
    std::fs::write(&de, german).unwrap();
    let options = json!({"config": [s.join("_configs/browser.toml").to_str().unwrap()],
                         "l10n_base": b.to_str().unwrap()});
    let mut client = Client::initialized(s, options);
    let rel = de.to_str().unwrap();
    // An attribute showing its own message's value: no cycle, nothing to say.
    assert!(client.open(rel, german).is_empty());
    let broken = german.replace("{ tab-close }", "{ tab-clsoe }");
    let diagnostics = client.change(rel, 2, &broken);
    assert!(
        codes(&diagnostics).contains(&"unresolved-reference"),
        "{diagnostics:#?}"
    );
}

/// A client that sends requests and never reads the answers (issue 28): the
/// server's outgoing queue and read-ahead are bounded, so it stops reading
/// and waits instead of holding every answer in memory.
#[test]
fn a_client_that_never_reads_cannot_grow_the_server() {
    use std::io::Write;
    let dir = project();
    let mut child = Command::new(env!("CARGO_BIN_EXE_ftlkit"))
        .arg("lsp")
        .current_dir(dir.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let _stdout = child.stdout.take().unwrap(); // kept open, never read
    let frame = |v: Value| {
        let body = v.to_string();
        format!("Content-Length: {}\r\n\r\n{body}", body.len()).into_bytes()
    };
    let path = dir.path().join("locales/ckb/article.ftl");
    let text = read(&path);
    let mut head = frame(json!({"jsonrpc": "2.0", "id": 1, "method": "initialize",
        "params": {"processId": null, "rootUri": uri(dir.path()), "capabilities": {}}}));
    head.extend(frame(
        json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}),
    ));
    head.extend(frame(json!({"jsonrpc": "2.0", "method": "textDocument/didOpen",
        "params": {"textDocument": {"uri": uri(&path), "languageId": "fluent", "version": 1, "text": text}}})));
    stdin.write_all(&head).unwrap();
    // Each answer lists the file's missing messages with their English: a few
    // kilobytes; 50,000 of them would be hundreds of megabytes if queued.
    let target = uri(&path);
    let request = move |id: u64| {
        frame(
            json!({"jsonrpc": "2.0", "id": id, "method": "textDocument/documentSymbol",
            "params": {"textDocument": {"uri": target}}}),
        )
    };
    let sent = std::sync::Arc::new(std::sync::atomic::AtomicU64::new(0));
    let counter = sent.clone();
    std::thread::spawn(move || {
        for id in 2..50_002 {
            if stdin.write_all(&request(id)).is_err() {
                return;
            }
            counter.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        }
    });
    std::thread::sleep(Duration::from_secs(5));
    let status = std::fs::read_to_string(format!("/proc/{}/status", child.id())).unwrap();
    let rss_kb: u64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.split_whitespace().next()?.parse().ok())
        .unwrap();
    let written = sent.load(std::sync::atomic::Ordering::Relaxed);
    let _ = child.kill();
    let _ = child.wait();
    assert!(
        written < 50_000,
        "the server kept reading: {written} requests taken"
    );
    assert!(
        rss_kb < 200 * 1024,
        "{} MB resident after {written} requests",
        rss_kb / 1024
    );
}

/// In an mdBook, an included document's links are read from the page that
/// includes it and a page's anchors are those of what it includes too: the
/// language server says what check says.
#[test]
fn an_included_document_s_links_are_read_as_check_reads_them() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    for (path, text) in [
        ("ftlkit.toml", "content = \"src\"\n"),
        (
            "src/SUMMARY.md",
            "# Summary\n\n- [Watch](cli/watch.md)\n- [Build](cli/build.md)\n",
        ),
        (
            "src/cli/build.md",
            "# Build\n\nSee [the shared options](watch.md#options-1).\n",
        ),
        (
            "src/cli/watch.md",
            "# Watch\n\n## Options\n\n{{#include ../shared/options.md}}\n",
        ),
        (
            "src/shared/options.md",
            "## Options\n\nSee [build](build.md).\n",
        ),
    ] {
        let path = root.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    assert_eq!(common::ftlkit(root, &["extract"]).code, 0);
    let mut client = Client::initialized(root, Value::Null);
    for rel in ["src/shared/options.md", "src/cli/build.md"] {
        let text = read(root.join(rel));
        let edited = format!("{text}\nAnd [a note](note.md).\n");
        client.open(rel, &text);
        let diagnostics = client.change(rel, 2, &edited);
        let ours: Vec<_> = as_findings(&diagnostics)
            .into_iter()
            .filter(|f| f.0 == "broken-link")
            .collect();
        // Only the note is broken (`build.md` is cli/build.md where mdBook
        // shows it; `#options-1` the included heading's id).
        assert_eq!(ours.len(), 1, "{rel}: {diagnostics:#?}");
        assert!(ours[0].3.contains("`note.md`"), "{ours:?}");
        let check: Vec<_> = check_says(root, rel, &edited)
            .into_iter()
            .filter(|f| f.0 == "broken-link")
            .collect();
        assert_eq!(ours, check, "{rel}");
    }
    assert_eq!(client.stop(), 0);
}

#[test]
fn a_message_of_another_document_is_an_error_as_typed_as_check_says() {
    let dir = project();
    std::fs::write(
        dir.path().join("content/notes.md"),
        "# Notes\n\nA note on the article.\n",
    )
    .unwrap();
    assert_eq!(common::ftlkit(dir.path(), &["extract"]).code, 0);
    let rel = "locales/ar/article.ftl";
    let text = read(dir.path().join(rel));
    let mut client = Client::initialized(dir.path(), Value::Null);
    client.open(rel, &text);
    // The title uses the other document's title: its page cannot show it.
    let title = "article-title = الكاظمي والأمل العراقي";
    assert!(text.contains(title));
    let typed = text.replace(title, &format!("{title} {{ notes-title }}"));
    let changed = client.change(rel, 2, &typed);
    let found: Vec<&Value> = changed
        .iter()
        .filter(|d| d["code"] == "other-document-reference")
        .collect();
    assert_eq!(found.len(), 1, "{changed:#?}");
    assert_eq!(found[0]["severity"], 1);
    let column = utf16_column(&typed, typed.find("{ notes-title }").unwrap());
    assert_eq!(
        found[0]["range"]["start"],
        json!({"line": line_of(&typed, typed.find(title).unwrap()), "character": column})
    );
    assert_eq!(as_findings(&changed), check_says(dir.path(), rel, &typed));
    assert_eq!(client.stop(), 0);
}
