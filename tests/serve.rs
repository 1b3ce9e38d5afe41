//! `ftlkit serve` over HTTP: the real binary on an ephemeral port, serving a
//! copy of the shipped project, spoken to with plain sockets (so a test can
//! send a foreign `Host` or `Origin` as an attacker's page would).

mod common;

use common::{chromium, ftlkit, read, shipped_copy, CHROMIUM_HEADLESS};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A running server; killed when dropped.
pub struct Server {
    child: Child,
    pub port: u16,
    pub root: PathBuf,
    _dir: Option<tempfile::TempDir>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    /// Starts `ftlkit serve --port 0` on a copy of the shipped project.
    fn start() -> Server {
        let dir = shipped_copy();
        let root = dir.path().to_path_buf();
        common::copy_dir(&common::repo().join("l10n-state"), &root.join("l10n-state"));
        let mut server = Server::on(&root);
        server._dir = Some(dir);
        server
    }

    fn on(root: &Path) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_ftlkit"))
            .arg("-C")
            .arg(root)
            .args(["serve", "--port", "0"])
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("ftlkit serve starts");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let url = line
            .trim()
            .strip_prefix("ftlkit serve: ")
            .unwrap_or_else(|| {
                let _ = child.kill();
                panic!("no URL printed: {line:?}")
            });
        let port = url
            .trim_end_matches('/')
            .rsplit(':')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        assert!(url.starts_with("http://127.0.0.1:"), "{url}");
        Server {
            child,
            port,
            root: root.to_path_buf(),
            _dir: None,
        }
    }

    fn host(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }

    /// Sends one request with `headers` (a `Host` is added unless given).
    pub fn send(&self, method: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) -> Reply {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(30)))
            .unwrap();
        let mut head = format!("{method} {path} HTTP/1.1\r\nConnection: close\r\n");
        if !headers.iter().any(|(k, _)| k.eq_ignore_ascii_case("host")) {
            head.push_str(&format!("Host: {}\r\n", self.host()));
        }
        for (k, v) in headers {
            head.push_str(&format!("{k}: {v}\r\n"));
        }
        head.push_str(&format!("Content-Length: {}\r\n\r\n", body.len()));
        stream.write_all(head.as_bytes()).unwrap();
        // A refused body may not be read at all: the server may close first.
        let _ = stream.write_all(body);
        let mut raw = Vec::new();
        let _ = stream.read_to_end(&mut raw);
        Reply::parse(&raw)
    }

    pub fn get(&self, path: &str) -> Reply {
        self.send("GET", path, &[], b"")
    }

    /// A form POST as the page sends it, with the page's secret.
    pub fn post(&self, path: &str, secret: &str, form: &[(&str, &str)]) -> Reply {
        let body = encode(form);
        self.send(
            "POST",
            path,
            &[
                ("X-Ftlkit-Token", secret),
                ("Origin", &format!("http://{}", self.host())),
                ("Content-Type", "application/x-www-form-urlencoded"),
            ],
            body.as_bytes(),
        )
    }

    pub fn ftl(&self, locale: &str) -> PathBuf {
        self.root.join("locales").join(locale).join("article.ftl")
    }

    /// Saves `title` as the locale's article title (what the editor had),
    /// then `ftlkit check LOCALE --format json` on it: what check says.
    fn check_with_title(&self, locale: &str, title: &str) -> serde_json::Value {
        let ftl = self.ftl(locale);
        let text = read(&ftl);
        let line = text
            .lines()
            .find(|l| l.starts_with("article-title ="))
            .unwrap();
        let saved = text.replacen(line, &format!("article-title = {title}"), 1);
        std::fs::write(&ftl, saved).unwrap();
        let check = ftlkit(&self.root, &["check", locale, "--format", "json"]);
        serde_json::from_str(&check.stdout).unwrap()
    }
}

pub struct Reply {
    pub status: u16,
    pub body: String,
}

impl Reply {
    fn parse(raw: &[u8]) -> Reply {
        let text = String::from_utf8_lossy(raw).into_owned();
        let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
        let status = head
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        let chunked = head
            .to_ascii_lowercase()
            .contains("transfer-encoding: chunked");
        let body = if chunked {
            dechunk(body)
        } else {
            body.to_string()
        };
        Reply { status, body }
    }

    fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("{e}: {}", self.body))
    }
}

fn dechunk(mut body: &str) -> String {
    let mut out = String::new();
    while let Some((size, rest)) = body.split_once("\r\n") {
        let n = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
        if n == 0 {
            break;
        }
        out.push_str(&rest[..n]);
        body = rest[n..].trim_start_matches("\r\n");
    }
    out
}

fn encode(form: &[(&str, &str)]) -> String {
    let esc = |s: &str| {
        s.bytes()
            .map(|b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => {
                    (b as char).to_string()
                }
                _ => format!("%{b:02X}"),
            })
            .collect::<String>()
    };
    form.iter()
        .map(|(k, v)| format!("{}={}", esc(k), esc(v)))
        .collect::<Vec<_>>()
        .join("&")
}

/// What the translate view says of each message: (id, state, token).
struct View {
    secret: String,
    messages: Vec<(String, String, String)>,
    html: String,
}

fn view(server: &Server, locale: &str) -> View {
    view_of(server, locale, "article")
}

fn view_of(server: &Server, locale: &str, doc: &str) -> View {
    let reply = server.get(&format!("/translate/{locale}/{doc}"));
    assert_eq!(reply.status, 200, "{}", reply.body);
    let doc = scraper::Html::parse_document(&reply.body);
    let sel = |s: &str| scraper::Selector::parse(s).unwrap();
    let secret = doc
        .select(&sel("#workbench"))
        .next()
        .and_then(|m| m.value().attr("data-secret"))
        .expect("the page carries the secret")
        .to_string();
    let messages = doc
        .select(&sel("article.msg"))
        .map(|m| {
            let a = |k: &str| m.value().attr(k).unwrap().to_string();
            (a("data-id"), a("data-state"), a("data-token"))
        })
        .collect();
    View {
        secret,
        messages,
        html: reply.body,
    }
}

impl View {
    fn token(&self, id: &str) -> &str {
        &self.messages.iter().find(|m| m.0 == id).unwrap().2
    }

    fn missing(&self) -> Vec<&str> {
        self.messages
            .iter()
            .filter(|m| m.1 == "missing")
            .map(|m| m.0.as_str())
            .collect()
    }
}

const KURDISH: &str = "ئەمە وەرگێڕانێکی تاقیکردنەوەیە بۆ ئەم بڕگەیە.";

#[test]
fn dashboard_shows_every_locale_and_document_with_progress() {
    let server = Server::start();
    let reply = server.get("/");
    assert_eq!(reply.status, 200);
    for locale in ["ar", "ckb", "fr"] {
        for doc in ["article", "page"] {
            assert!(
                reply
                    .body
                    .contains(&format!("href=\"/translate/{locale}/{doc}\"")),
                "{locale}/{doc}"
            );
        }
    }
    let status = ftlkit(&server.root, &["status", "ckb", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&status.stdout).unwrap();
    let missing = json["locales"][0]["missing"].as_u64().unwrap();
    assert!(missing > 0);
    // The ckb article row says how many messages are missing.
    let doc = scraper::Html::parse_document(&reply.body);
    let sel = scraper::Selector::parse("tr[data-locale=ckb][data-doc=article] td.missing").unwrap();
    let shown: u64 = doc
        .select(&sel)
        .next()
        .unwrap()
        .text()
        .collect::<String>()
        .parse()
        .unwrap();
    assert!(shown > 0 && shown <= missing, "{shown} of {missing}");
    // Its bar is as long as its share of translated messages (none stale).
    let cell = scraper::Selector::parse("tr[data-locale=ckb][data-doc=article] td.num").unwrap();
    let counts: String = doc.select(&cell).next().unwrap().text().collect();
    let (done, all) = counts.split_once(" / ").unwrap();
    let (done, all): (f64, f64) = (done.parse().unwrap(), all.parse().unwrap());
    assert!(done > 0.0 && done < all, "{counts}");
    let sel = scraper::Selector::parse("tr[data-locale=ckb][data-doc=article] rect.done").unwrap();
    let width = doc
        .select(&sel)
        .next()
        .unwrap()
        .value()
        .attr("width")
        .unwrap();
    assert_eq!(width, format!("{:.1}", 100.0 * done / all));
}

#[test]
fn translate_view_shows_english_state_and_rtl_editors() {
    let server = Server::start();
    let view = view(&server, "ckb");
    assert!(
        !view.missing().is_empty(),
        "ckb has untranslated paragraphs"
    );
    assert!(view.messages.iter().any(|m| m.1 == "translated"));
    assert!(view.html.contains("lang=\"ckb\" dir=\"rtl\""));
    assert!(view.html.contains("lang=\"en-US\" dir=\"ltr\""));
    // The English of the article's title, and its translation in the editor.
    assert!(view.html.contains("کازمی و هیوای عێراقی"));
    assert!(view.html.contains("/preview/ckb/article"));
    let fr = self::view(&server, "fr");
    assert!(fr.html.contains("lang=\"fr\" dir=\"ltr\""));
    // Offline: no URL of another host in the page.
    for remote in ["src=\"http", "src=\"//", "href=\"http", "@import", "url("] {
        assert!(!view.html.contains(remote), "{remote}");
    }
    let css = server.get("/static/serve.css");
    assert!(css.body.contains("Noto Naskh Arabic") && !css.body.contains("url("));
}

#[test]
fn save_writes_only_that_message_and_clears_it_from_missing() {
    let server = Server::start();
    let view = view(&server, "ckb");
    let id = view.missing()[0].to_string();
    let path = server.ftl("ckb");
    let before = read(&path);
    let reply = server.post(
        "/api/save/ckb/article",
        &view.secret,
        &[("id", &id), ("token", view.token(&id)), ("part:", KURDISH)],
    );
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(reply.json()["status"], "saved");
    let after = read(&path);
    // Exactly what the byte-preserving writer makes of the file, nothing else.
    let reference = read(server.root.join("locales/en-US/article.ftl"));
    let expected =
        ftlkit::sync::edit::set_message(&reference, &before, &id, &format!("{id} = {KURDISH}\n"));
    assert_eq!(after, expected);
    assert!(after.contains(&format!("{id} = {KURDISH}\n")));
    let again = self::view(&server, "ckb");
    assert!(!again.missing().contains(&id.as_str()));
    assert_eq!(ftlkit(&server.root, &["check", "ckb"]).code, 0);
}

fn stale_count(root: &Path, locale: &str) -> u64 {
    let run = ftlkit(root, &["status", locale, "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    json["locales"][0]["stale"].as_u64().unwrap()
}

#[test]
fn a_stale_translation_saved_is_no_longer_stale() {
    let server = Server::start();
    // Make a French translation stale: change its English through the document.
    let md = server.root.join("content/article.md");
    let text = read(&md);
    let first = "It has been 17 years since the US invasion of Iraq";
    assert!(text.contains(first));
    std::fs::write(
        &md,
        text.replace(
            first,
            "It has been seventeen years since the US invasion of Iraq",
        ),
    )
    .unwrap();
    assert_eq!(ftlkit(&server.root, &["extract"]).code, 0);
    assert_eq!(stale_count(&server.root, "fr"), 1);
    let view = view(&server, "fr");
    let (id, _, token) = view
        .messages
        .iter()
        .find(|m| m.1 == "stale")
        .expect("a stale message")
        .clone();
    assert!(
        view.html.contains("<ins>"),
        "the word diff shows the new words"
    );
    let reply = server.post(
        "/api/save/fr/article",
        &view.secret,
        &[
            ("id", &id),
            ("token", &token),
            ("part:", "Une traduction revue. En effet."),
        ],
    );
    assert_eq!(reply.json()["status"], "saved", "{}", reply.body);
    let again = self::view(&server, "fr");
    let state = &again.messages.iter().find(|m| m.0 == id).unwrap().1;
    assert_eq!(state, "translated");
    assert_eq!(stale_count(&server.root, "fr"), 0, "as after a hand edit");
}

#[test]
fn a_syntax_error_is_refused_and_nothing_is_written() {
    let server = Server::start();
    let view = view(&server, "ckb");
    let id = view.missing()[0].to_string();
    let path = server.ftl("ckb");
    let before = std::fs::read(&path).unwrap();
    for broken in ["{ $author", "line one\n*[other] two", "line one\n}", "   "] {
        let reply = server.post(
            "/api/save/ckb/article",
            &view.secret,
            &[("id", &id), ("token", view.token(&id)), ("part:", broken)],
        );
        assert_eq!(reply.status, 422, "{broken}: {}", reply.body);
        assert_eq!(reply.json()["status"], "refused");
        assert!(!reply.json()["error"].as_str().unwrap().is_empty());
        assert_eq!(std::fs::read(&path).unwrap(), before, "{broken}");
    }
    let reply = server.post(
        "/api/save/ckb/article",
        &view.secret,
        &[("id", "no-such-id"), ("token", "x"), ("part:", KURDISH)],
    );
    assert_eq!(reply.status, 422);
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn a_message_changed_on_disk_since_the_view_is_a_conflict() {
    let server = Server::start();
    let view = view(&server, "ckb");
    let path = server.ftl("ckb");
    let on_disk = read(&path).replace(
        "article-title = کازمی و هیوای عێراقی",
        "article-title = کازمی و هیوای عێراق (دەستکاری)",
    );
    std::fs::write(&path, &on_disk).unwrap();
    let reply = server.post(
        "/api/save/ckb/article",
        &view.secret,
        &[
            ("id", "article-title"),
            ("token", view.token("article-title")),
            ("part:", "ناونیشانێکی تر"),
        ],
    );
    assert_eq!(reply.status, 409, "{}", reply.body);
    let json = reply.json();
    assert_eq!(json["status"], "conflict");
    assert!(json["disk"].as_str().unwrap().contains("(دەستکاری)"));
    assert!(json["yours"].as_str().unwrap().contains("ناونیشانێکی تر"));
    assert_eq!(
        read(&path),
        on_disk,
        "the file keeps what was saved on disk"
    );
    // With the new token (the translator chose to keep theirs), it saves.
    let reply = server.post(
        "/api/save/ckb/article",
        &view.secret,
        &[
            ("id", "article-title"),
            ("token", json["token"].as_str().unwrap()),
            ("part:", "ناونیشانێکی تر"),
        ],
    );
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert!(read(&path).contains("article-title = ناونیشانێکی تر\n"));
}

#[test]
fn foreign_host_origin_and_missing_token_are_refused() {
    let server = Server::start();
    let view = view(&server, "ckb");
    let id = view.missing()[0].to_string();
    let path = server.ftl("ckb");
    let before = std::fs::read(&path).unwrap();
    // DNS rebinding: a foreign name that resolves to this machine.
    let evil_host = format!("evil.example:{}", server.port);
    for host in [evil_host.as_str(), "127.0.0.1:1", "localhost.evil.example"] {
        let reply = server.send("GET", "/", &[("Host", host)], b"");
        assert_eq!(reply.status, 403, "{host}");
    }
    let form = encode(&[("id", &id), ("token", view.token(&id)), ("part:", KURDISH)]);
    let own = format!("http://{}", server.host());
    let cases: [(&[(&str, &str)], &str); 4] = [
        (
            &[
                ("Origin", "http://evil.example"),
                ("X-Ftlkit-Token", &view.secret),
            ],
            "origin",
        ),
        (&[("Origin", &own)], "no token"),
        (
            &[
                ("Origin", &own),
                ("X-Ftlkit-Token", "0123456789abcdef0123456789abcdef"),
            ],
            "wrong token",
        ),
        (
            &[
                ("Sec-Fetch-Site", "cross-site"),
                ("X-Ftlkit-Token", &view.secret),
            ],
            "cross-site",
        ),
    ];
    for (headers, what) in cases {
        let mut headers = headers.to_vec();
        headers.push(("Content-Type", "application/x-www-form-urlencoded"));
        let reply = server.send("POST", "/api/save/ckb/article", &headers, form.as_bytes());
        assert_eq!(reply.status, 403, "{what}: {}", reply.body);
    }
    assert_eq!(std::fs::read(&path).unwrap(), before);
    // The same request with the page's own headers is accepted.
    let reply = server.post(
        "/api/save/ckb/article",
        &view.secret,
        &[("id", &id), ("token", view.token(&id)), ("part:", KURDISH)],
    );
    assert_eq!(reply.status, 200, "{}", reply.body);
}

#[test]
fn names_outside_the_project_are_not_found() {
    let server = Server::start();
    let view = view(&server, "ckb");
    for path in [
        "/translate/%2e%2e/article",
        "/translate/ckb/%2e%2e",
        "/translate/..%2Fckb/article",
        "/translate/ckb/..%2F..%2Fetc%2Fpasswd",
        "/translate/ckb/../x",
        "/translate/../x",
        "/translate/%2Fetc/passwd",
        "/translate/en-US/article",
        "/translate/de/article",
        "/translate/ckb/nonexistent",
        "/preview/%2e%2e/article",
        "/preview/ckb/..%2Fpage",
    ] {
        let reply = server.get(path);
        assert!(
            reply.status == 404 || reply.status == 400,
            "{path}: {}",
            reply.status
        );
    }
    let reply = server.post(
        "/api/save/%2e%2e/article",
        &view.secret,
        &[("id", "article-title"), ("token", "x"), ("part:", KURDISH)],
    );
    assert_eq!(reply.status, 404);
    assert!(!server.root.join("locales/article.ftl").exists());
    assert!(!server.root.join("locales/../article.ftl").exists());
}

#[test]
fn an_oversized_body_is_refused() {
    let server = Server::start();
    let view = view(&server, "ckb");
    let huge = "ا".repeat(700 * 1024);
    let reply = server.post(
        "/api/save/ckb/article",
        &view.secret,
        &[
            ("id", "article-title"),
            ("token", view.token("article-title")),
            ("part:", &huge),
        ],
    );
    assert_eq!(
        reply.status,
        413,
        "{}",
        &reply.body[..reply.body.len().min(200)]
    );
    assert!(!read(server.ftl("ckb")).contains(&huge[..100]));
}

#[test]
fn concurrent_saves_to_one_file_all_land() {
    let server = Server::start();
    let view = view(&server, "ckb");
    let ids: Vec<String> = view
        .missing()
        .iter()
        .take(8)
        .map(|s| s.to_string())
        .collect();
    assert!(ids.len() >= 4, "{ids:?}");
    std::thread::scope(|scope| {
        for (n, id) in ids.iter().enumerate() {
            let (server, view) = (&server, &view);
            scope.spawn(move || {
                let text = format!("{KURDISH} {}", n + 1);
                let reply = server.post(
                    "/api/save/ckb/article",
                    &view.secret,
                    &[("id", id), ("token", view.token(id)), ("part:", &text)],
                );
                assert_eq!(reply.status, 200, "{id}: {}", reply.body);
            });
        }
    });
    let after = read(server.ftl("ckb"));
    for (n, id) in ids.iter().enumerate() {
        assert!(
            after.contains(&format!("{id} = {KURDISH} {}\n", n + 1)),
            "{id} lost"
        );
    }
    assert_eq!(ftlkit(&server.root, &["check", "ckb"]).code, 0);
}

#[test]
fn findings_come_as_the_translator_types() {
    let server = Server::start();
    let view = view(&server, "fr");
    let lint = |text: &str| {
        server
            .post(
                "/api/lint/fr/article",
                &view.secret,
                &[("id", "article-title"), ("part:", text)],
            )
            .json()
    };
    let unknown = lint("Le titre { $nope }");
    assert!(
        unknown.to_string().contains("unknown-variable"),
        "{unknown}"
    );
    let broken = lint("Le titre { $nope");
    assert!(broken.to_string().contains("syntax-error"), "{broken}");
    let fine = lint("Kazimi et l'espoir irakien");
    assert_eq!(fine["findings"], serde_json::json!([]), "{fine}");
    // A code span the English does not have (issue 30), as check says it.
    let code = lint("Kazimi et l'espoir `irakien`");
    assert!(code.to_string().contains("changed-code"), "{code}");
}

/// serve checks a message as `ftlkit check` does: the glossary and the
/// project's `[check]` levels apply, and a term the locale defines in
/// another file is in scope.
#[test]
fn serve_checks_with_the_glossary_levels_and_the_whole_locale_as_check_does() {
    let server = Server::start();
    let toml = server.root.join("ftlkit.toml");
    std::fs::write(
        &toml,
        format!("{}\n[check.levels]\ndouble-space = \"off\"\n", read(&toml)),
    )
    .unwrap();
    // A term only the French page strings define.
    let page = server.root.join("locales/fr/page.ftl");
    std::fs::write(&page, format!("{}\n-pays = Irak\n", read(&page))).unwrap();
    let view = view(&server, "fr");
    let lint = |text: &str| {
        let answer = server
            .post(
                "/api/lint/fr/article",
                &view.secret,
                &[("id", "article-title"), ("part:", text)],
            )
            .json();
        let codes: Vec<String> = answer["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["code"].as_str().unwrap().to_string())
            .collect();
        codes
    };
    // The glossary's French spelling of al-Kadhimi is Kazimi.
    assert_eq!(
        lint("Kadhimi et l'espoir de l'{ -pays }"),
        ["glossary-term"]
    );
    assert!(lint("Kazimi et l'espoir de l'{ -pays }").is_empty());
    // `double-space` is off in this project: serve does not say it.
    assert!(lint("Kazimi et  l'espoir irakien").is_empty());
    // And check agrees, on the same text saved.
    let json = server.check_with_title("fr", "Kadhimi et l'espoir de l'{ -pays }");
    let codes: Vec<&str> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["id"] == "article-title")
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["glossary-term"], "{json:#}");
}

/// A reference to a message only another file's English defines (French
/// lacks it): `check` says it is not translated yet, a warning, and so does
/// serve, which has every English file in scope as check has.
#[test]
fn a_reference_to_another_files_english_only_message_is_what_check_says() {
    let server = Server::start();
    let page = server.root.join("locales/fr/page.ftl");
    let text = read(&page);
    std::fs::write(&page, text.replace("page-next = Suivant\n", "")).unwrap();
    let typed = "Kazimi et l’espoir irakien { page-next }";
    let view = view(&server, "fr");
    let answer = server
        .post(
            "/api/lint/fr/article",
            &view.secret,
            &[("id", "article-title"), ("part:", typed)],
        )
        .json();
    let served: Vec<(String, String)> = answer["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let code = f["code"].as_str().unwrap().to_string();
            (code, f["severity"].as_str().unwrap().to_string())
        })
        .collect();
    let json = server.check_with_title("fr", typed);
    let checked: Vec<(String, String)> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["id"] == "article-title")
        .map(|f| {
            let code = f["code"].as_str().unwrap().to_string();
            (code, f["severity"].as_str().unwrap().to_string())
        })
        .collect();
    assert!(!checked.is_empty(), "{json:#}");
    assert_eq!(served, checked, "{answer}");
}

/// An unresolved reference typed in the editor is found at its placeable
/// (the line and column of `{ article-autor }` in the file the text would
/// make), with the id it most likely means.
#[test]
fn an_unresolved_reference_is_found_at_its_placeable_as_typed() {
    let server = Server::start();
    let view = view(&server, "ar");
    let typed = "الكاظمي { article-autor } والأمل العراقي";
    let answer = server
        .post(
            "/api/lint/ar/article",
            &view.secret,
            &[("id", "article-title"), ("part:", typed)],
        )
        .json();
    let found: Vec<&serde_json::Value> = answer["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "unresolved-reference")
        .collect();
    assert_eq!(found.len(), 1, "{answer}");
    let line = read(server.ftl("ar"))
        .lines()
        .position(|l| l.starts_with("article-title ="))
        .unwrap()
        + 1;
    let column = "article-title = الكاظمي ".chars().count() + 1;
    assert_eq!(found[0]["line"], line, "{answer}");
    assert_eq!(found[0]["column"], column, "{answer}");
    assert_eq!(found[0]["fix"], false);
    assert!(
        found[0]["message"]
            .as_str()
            .unwrap()
            .ends_with("did you mean `article-author`?"),
        "{answer}"
    );
}

/// A finding with a safe fix offers Fix: the server gives back the editor's
/// text with only the finding's characters replaced (Arabic `?` → `؟`;
/// French, the second of two plain spaces → U+202F), nothing written; the
/// save that follows, with the view's token, changes only those characters
/// in the file. A finding without a fix, or one no longer there, is refused.
#[test]
fn a_fix_button_makes_the_safe_fix_in_the_editor_and_save_writes_only_it() {
    let server = Server::start();
    for (locale, typed, code, n, want) in [
        (
            "ar",
            "الكاظمي والأمل العراقي?",
            "arabic-punctuation",
            0,
            "الكاظمي والأمل العراقي؟".to_string(),
        ),
        (
            "fr",
            "Al-Kazimi et « l’espoir irakien »",
            "french-spacing",
            1,
            "Al-Kazimi et « l’espoir irakien\u{202F}»".to_string(),
        ),
    ] {
        let view = view(&server, locale);
        let path = server.ftl(locale);
        let before = read(&path);
        let lint = server
            .post(
                &format!("/api/lint/{locale}/article"),
                &view.secret,
                &[("id", "article-title"), ("part:", typed)],
            )
            .json();
        let offered: Vec<&serde_json::Value> = lint["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["code"] == code)
            .collect();
        assert!(offered.len() > n, "{lint}");
        assert_eq!(offered[n]["fix"], true, "{lint}");
        let n_text = n.to_string();
        let fix = |code: &str, n: &str| {
            server.post(
                &format!("/api/fix/{locale}/article"),
                &view.secret,
                &[
                    ("id", "article-title"),
                    ("token", view.token("article-title")),
                    ("part:", typed),
                    ("code", code),
                    ("n", n),
                ],
            )
        };
        let reply = fix(code, &n_text);
        assert_eq!(reply.status, 200, "{}", reply.body);
        let answer = reply.json();
        assert_eq!(answer["status"], "fixed");
        assert_eq!(answer["parts"][""], want.as_str(), "{answer}");
        assert_eq!(read(&path), before, "a fix writes nothing");
        let refused = fix("unresolved-reference", "0");
        assert_eq!(refused.status, 422, "{}", refused.body);
        assert_eq!(fix(code, "9").status, 422);
        // Saved through the usual path: only the fixed characters differ
        // from the translator's text.
        let saved = server.post(
            &format!("/api/save/{locale}/article"),
            &view.secret,
            &[
                ("id", "article-title"),
                ("token", view.token("article-title")),
                ("part:", &want),
            ],
        );
        assert_eq!(saved.status, 200, "{}", saved.body);
        let old_line = before
            .lines()
            .find(|l| l.starts_with("article-title = "))
            .unwrap();
        let after = read(&path);
        assert_eq!(
            after,
            before.replacen(old_line, &format!("article-title = {want}"), 1)
        );
        let left = saved.json()["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["code"] == code)
            .count();
        assert_eq!(left, offered.len() - 1, "{}", saved.body);
        // The view made from the file has the Fix buttons of what is left,
        // ranked as the server counts them.
        let again = self::view(&server, locale);
        let doc = scraper::Html::parse_document(&again.html);
        let buttons: Vec<(String, String)> = doc
            .select(&scraper::Selector::parse("#m-article-title button.fix").unwrap())
            .map(|b| {
                let a = |k: &str| b.value().attr(k).unwrap_or_default().to_string();
                (a("data-code"), a("data-n"))
            })
            .collect();
        let want: Vec<(String, String)> = (0..left)
            .map(|n| (code.to_string(), n.to_string()))
            .collect();
        assert_eq!(buttons, want, "{locale}");
    }
}

/// The translate view lists beside each editor the glossary's terms of the
/// message's English as the locale writes them (approved, forbidden,
/// do-not-translate), read afresh for each view; a malformed glossary is a
/// note at the top naming its line, and the view still opens.
#[test]
fn the_translate_view_lists_the_glossary_terms_of_each_message() {
    let server = Server::start();
    std::fs::write(
        server.root.join("glossary.toml"),
        "[[term]]\nen = \"Kadhimi\"\nar = \"الكاظمي\"\nforbidden = { ar = [\"الكاظمى\"] }\n\
         [[term]]\nen = \"Hope\"\ndo-not-translate = true\n",
    )
    .unwrap();
    let view = view(&server, "ar");
    let doc = scraper::Html::parse_document(&view.html);
    let sel = |s: &str| scraper::Selector::parse(s).unwrap();
    let text = |css: &str| {
        doc.select(&sel(css))
            .map(|e| e.text().collect::<String>())
            .collect::<Vec<_>>()
    };
    let title = "#m-article-title aside.terms";
    assert_eq!(
        text(&format!("{title} li[data-term=Kadhimi] .approved")),
        ["الكاظمي"]
    );
    let approved = doc
        .select(&sel(&format!("{title} .approved")))
        .next()
        .unwrap();
    assert_eq!(
        (approved.value().attr("lang"), approved.value().attr("dir")),
        (Some("ar"), Some("rtl"))
    );
    assert_eq!(
        text(&format!("{title} li[data-term=Kadhimi] .forbidden del")),
        ["الكاظمى"]
    );
    assert_eq!(
        text(&format!("{title} li[data-term=Hope] .dnt")),
        ["do not translate: keep it as it is"]
    );
    // A message whose English has no term has no list.
    assert!(text("#m-article-author aside.terms").is_empty());
    // A long paragraph naming al-Kadhimi has its term too.
    let kadhimi = doc
        .select(&sel("article.msg"))
        .filter(|m| {
            m.select(&sel("aside.terms li[data-term=Kadhimi]"))
                .next()
                .is_some()
        })
        .count();
    assert!(kadhimi > 3, "{kadhimi}");
    std::fs::write(server.root.join("glossary.toml"), "[[term]]\nen = [\n").unwrap();
    let broken = self::view(&server, "ar");
    assert!(
        broken.html.contains("glossary glossary.toml: 2:"),
        "{}",
        broken.html
    );
    assert!(!broken.html.contains("aside class=\"terms\""));
}

fn generation(server: &Server) -> u64 {
    server.get("/api/generation").body.trim().parse().unwrap()
}

fn wait_for_generation_after(server: &Server, seen: u64) {
    let start = Instant::now();
    while generation(server) == seen {
        assert!(start.elapsed() < Duration::from_secs(10), "no change seen");
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn a_change_on_disk_reaches_the_preview() {
    let server = Server::start();
    let preview = server.get("/preview/ckb/article");
    assert_eq!(preview.status, 200);
    assert!(preview.body.contains("dir=\"rtl\""));
    assert!(preview.body.contains("کازمی و هیوای عێراقی"));
    let seen = generation(&server);
    let path = server.ftl("ckb");
    let edited = read(&path).replace("کازمی و هیوای عێراقی", "ناونیشانی نوێ لە دیسکدا");
    std::fs::write(&path, edited).unwrap();
    wait_for_generation_after(&server, seen);
    let preview = server.get("/preview/ckb/article");
    assert!(
        preview.body.contains("ناونیشانی نوێ لە دیسکدا"),
        "the preview shows the change"
    );
    // dist/ is never written.
    assert!(!server.root.join("dist").exists());
}

// ---------------------------------------------------------------------------
// In a real browser: headless Chromium driven over the DevTools protocol.

/// A headless Chromium with its DevTools endpoint; killed (its whole process
/// group) when dropped.
struct Browser {
    child: Child,
    _profile: tempfile::TempDir,
    ws: tungstenite::WebSocket<tungstenite::stream::MaybeTlsStream<TcpStream>>,
    next: u64,
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .args(["-KILL", "--", &format!("-{}", self.child.id())])
            .stderr(Stdio::null())
            .status();
        let _ = self.child.wait();
    }
}

impl Browser {
    fn start(chromium: &Path) -> Browser {
        use std::os::unix::process::CommandExt;
        let profile = tempfile::tempdir().unwrap();
        let log = profile.path().join("stderr.log");
        let child = Command::new(chromium)
            .args(CHROMIUM_HEADLESS)
            .args(["--remote-debugging-port=0", "--window-size=1400,1000"])
            .arg(format!(
                "--user-data-dir={}",
                profile.path().join("p").display()
            ))
            .arg("about:blank")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&log).unwrap())
            .process_group(0)
            .spawn()
            .expect("chromium starts");
        let deadline = Instant::now() + Duration::from_secs(30);
        let port = loop {
            let text = std::fs::read_to_string(&log).unwrap_or_default();
            if let Some(rest) = text.split("DevTools listening on ws://127.0.0.1:").nth(1) {
                break rest.split('/').next().unwrap().parse::<u16>().unwrap();
            }
            assert!(Instant::now() < deadline, "no DevTools endpoint: {text}");
            std::thread::sleep(Duration::from_millis(50));
        };
        let page = Browser::page_socket(port);
        let (ws, _) = tungstenite::connect(page.as_str()).expect("DevTools websocket");
        if let tungstenite::stream::MaybeTlsStream::Plain(tcp) = ws.get_ref() {
            tcp.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
        }
        Browser {
            child,
            _profile: profile,
            ws,
            next: 0,
        }
    }

    /// The websocket URL of the browser's first page, from `/json/list`.
    fn page_socket(port: u16) -> String {
        let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
        let request = format!(
            "GET /json/list HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
        );
        stream.write_all(request.as_bytes()).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        // Chromium keeps the connection open: read the length it announces.
        let mut raw = Vec::new();
        let mut buf = [0u8; 4096];
        loop {
            let n = stream.read(&mut buf).expect("DevTools answers /json/list");
            raw.extend_from_slice(&buf[..n]);
            let text = String::from_utf8_lossy(&raw).to_ascii_lowercase();
            if let Some((head, body)) = text.split_once("\r\n\r\n") {
                let length = head
                    .lines()
                    .find_map(|l| l.strip_prefix("content-length:"))
                    .and_then(|v| v.trim().parse::<usize>().ok());
                if n == 0 || length.is_some_and(|l| body.len() >= l) {
                    break;
                }
            }
            assert!(n > 0, "DevTools closed the connection");
        }
        let reply = Reply::parse(&raw);
        let list: serde_json::Value = serde_json::from_str(&reply.body).unwrap();
        list.as_array()
            .unwrap()
            .iter()
            .find(|t| t["type"] == "page")
            .and_then(|t| t["webSocketDebuggerUrl"].as_str())
            .expect("a page target")
            .to_string()
    }

    /// Sends one DevTools command and waits for its answer.
    fn call(&mut self, method: &str, params: serde_json::Value) -> serde_json::Value {
        self.next += 1;
        let id = self.next;
        let message = serde_json::json!({ "id": id, "method": method, "params": params });
        self.ws
            .send(tungstenite::Message::Text(message.to_string().into()))
            .unwrap();
        loop {
            let tungstenite::Message::Text(text) = self.ws.read().unwrap() else {
                continue;
            };
            let answer: serde_json::Value = serde_json::from_str(text.as_str()).unwrap();
            if answer["id"] == id {
                assert!(answer.get("error").is_none(), "{method}: {answer}");
                return answer["result"].clone();
            }
        }
    }

    /// Evaluates JavaScript in the page and returns its value.
    fn eval(&mut self, expression: &str) -> serde_json::Value {
        let result = self.call(
            "Runtime.evaluate",
            serde_json::json!({ "expression": expression, "returnByValue": true, "awaitPromise": true }),
        );
        assert!(
            result.get("exceptionDetails").is_none(),
            "{expression}: {result}"
        );
        result["result"]["value"].clone()
    }

    /// Waits until `expression` is true in the page.
    fn wait_for(&mut self, expression: &str, what: &str) {
        let deadline = Instant::now() + Duration::from_secs(20);
        while self.eval(expression) != serde_json::Value::Bool(true) {
            assert!(Instant::now() < deadline, "timed out waiting for {what}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Presses a key as the keyboard would (`modifiers`: 1 Alt, 2 Ctrl).
    fn press(&mut self, key: &str, code: u32, modifiers: u32) {
        for kind in ["rawKeyDown", "keyUp"] {
            self.call(
                "Input.dispatchKeyEvent",
                serde_json::json!({
                    "type": kind, "key": key, "code": key, "modifiers": modifiers,
                    "windowsVirtualKeyCode": code, "nativeVirtualKeyCode": code,
                }),
            );
        }
    }

    fn screenshot(&mut self, name: &str) -> PathBuf {
        let shot = self.call(
            "Page.captureScreenshot",
            serde_json::json!({ "format": "png" }),
        );
        let png = base64_decode(shot["data"].as_str().unwrap());
        assert!(png.starts_with(b"\x89PNG\r\n\x1a\n") && png.len() > 10_000);
        let dir = common::repo().join("target/serve-screenshots");
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(name);
        std::fs::write(&path, png).unwrap();
        println!("screenshot: {}", path.display());
        path
    }
}

fn base64_decode(text: &str) -> Vec<u8> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        _ => 63,
    };
    let bytes: Vec<u8> = text
        .bytes()
        .filter(|c| *c != b'=' && !c.is_ascii_whitespace())
        .collect();
    let mut out = Vec::with_capacity(bytes.len() * 3 / 4);
    for chunk in bytes.chunks(4) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, c)| n | (u32::from(value(*c)) << (18 - 6 * i)));
        out.extend(&n.to_be_bytes()[1..chunk.len()]);
    }
    out
}

#[test]
fn in_chromium_a_kurdish_translation_is_typed_saved_and_previewed_rtl() {
    let Some(chromium) = chromium() else {
        return;
    };
    let server = Server::start();
    let mut browser = Browser::start(&chromium);
    browser.call("Page.enable", serde_json::json!({}));
    let url = format!("http://{}/translate/ckb/article", server.host());
    browser.call("Page.navigate", serde_json::json!({ "url": url }));
    browser.wait_for(
        "document.readyState === 'complete' && !!document.querySelector('.msg')",
        "the translate view",
    );
    // Alt+Down goes to the first message that needs work.
    let first = browser.eval(
        "Array.from(document.querySelectorAll('.msg')).find(m => ['missing','stale','error'].includes(m.dataset.state)).dataset.id",
    );
    browser.press("ArrowDown", 40, 1);
    let focused = browser.eval("document.activeElement.closest('.msg').dataset.id");
    assert_eq!(focused, first);
    let id = first.as_str().unwrap().to_string();
    let area = browser.eval("[document.activeElement.tagName, document.activeElement.lang, document.activeElement.dir, getComputedStyle(document.activeElement).direction]");
    assert_eq!(area, serde_json::json!(["TEXTAREA", "ckb", "rtl", "rtl"]));
    // Typed as a keyboard types (input events), then Ctrl+Enter saves.
    browser.call("Input.insertText", serde_json::json!({ "text": KURDISH }));
    browser.press("Enter", 13, 2);
    browser.wait_for(
        "document.activeElement.closest('.msg').querySelector('.status').textContent === 'saved'",
        "the save",
    );
    let on_disk = read(server.ftl("ckb"));
    assert!(
        on_disk.contains(&format!("{id} = {KURDISH}\n")),
        "saved to the file"
    );
    // The preview shows it, right-to-left, as the build renders it. (The
    // frame reloads on each change the server counts: a document still
    // loading says nothing yet.)
    let found = format!(
        "const d = document.getElementById('preview').contentDocument;
         const p = d && d.readyState === 'complete' && d.body
             ? Array.from(d.querySelectorAll('body *')).filter(e => e.textContent.includes({KURDISH:?})).pop()
             : null;"
    );
    let facts = format!(
        "(() => {{ {found} return p ? [d.documentElement.dir, getComputedStyle(p).direction, p.closest('[lang]').lang] : null; }})()"
    );
    let deadline = Instant::now() + Duration::from_secs(20);
    let shown = loop {
        let shown = browser.eval(&facts);
        if shown == serde_json::json!(["rtl", "rtl", "ckb"]) || Instant::now() > deadline {
            break shown;
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    assert_eq!(shown, serde_json::json!(["rtl", "rtl", "ckb"]));
    browser.eval("document.activeElement.closest('.msg').scrollIntoView({block: 'center'})");
    browser.eval(&format!(
        "(() => {{ {found} if (p) p.scrollIntoView({{block: 'center'}}); }})()"
    ));
    browser.screenshot("ckb-translate.png");
    // The "missing" filter leaves only the messages still missing.
    browser.eval("document.querySelector('.filters input[value=missing]').click()");
    let shown = browser.eval(
        "Array.from(document.querySelectorAll('.msg')).filter(m => !m.hidden).map(m => m.dataset.state)",
    );
    let shown = shown.as_array().unwrap();
    assert!(
        !shown.is_empty() && shown.iter().all(|s| s == "missing"),
        "{shown:?}"
    );
    let saved_hidden = browser.eval(&format!(
        "document.getElementById('m-{id}').hidden && document.getElementById('m-{id}').dataset.state === 'translated'"
    ));
    assert_eq!(saved_hidden, serde_json::Value::Bool(true));
}

/// In the browser: a Latin `?` typed after Arabic words is found as the
/// translator types, its Fix button puts `؟` in the editor (nothing else
/// changes), and Save writes that line.
#[test]
fn in_chromium_an_arabic_question_mark_is_fixed_with_the_button_and_saved() {
    let Some(chromium) = chromium() else {
        return;
    };
    const TYPED: &str = "هل يصلح الكاظمي العراق?";
    const FIXED: &str = "هل يصلح الكاظمي العراق؟";
    let server = Server::start();
    let before = read(server.ftl("ar"));
    let mut browser = Browser::start(&chromium);
    browser.call("Page.enable", serde_json::json!({}));
    let url = format!("http://{}/translate/ar/article", server.host());
    browser.call("Page.navigate", serde_json::json!({ "url": url }));
    browser.wait_for(
        "document.readyState === 'complete' && !!document.querySelector('#m-article-title textarea')",
        "the translate view",
    );
    browser.eval("(() => { const t = document.querySelector('#m-article-title textarea'); t.focus(); t.select(); })()");
    browser.call("Input.insertText", serde_json::json!({ "text": TYPED }));
    browser.wait_for(
        "!!document.querySelector('#m-article-title .findings button.fix[data-code=\"arabic-punctuation\"]')",
        "the finding with its Fix button",
    );
    browser.eval("document.querySelector('#m-article-title button.fix').click()");
    browser.wait_for(
        &format!("document.querySelector('#m-article-title textarea').value === {FIXED:?}"),
        "the fix in the editor",
    );
    assert_eq!(read(server.ftl("ar")), before, "Fix writes nothing");
    browser.wait_for(
        "!document.querySelector('#m-article-title button.fix')",
        "the finding gone once the text is checked again",
    );
    browser.eval("document.querySelector('#m-article-title button.save').click()");
    browser.wait_for(
        "document.querySelector('#m-article-title .status').textContent === 'saved'",
        "the save",
    );
    let old_line = before
        .lines()
        .find(|l| l.starts_with("article-title = "))
        .unwrap();
    assert_eq!(
        read(server.ftl("ar")),
        before.replacen(old_line, &format!("article-title = {FIXED}"), 1)
    );
}

#[test]
fn translations_are_escaped_in_the_view_and_sanitized_in_the_preview() {
    let server = Server::start();
    let view = view(&server, "ckb");
    let id = view.missing()[1].to_string();
    let hostile = "<img src=x onerror=alert(1)> </textarea><script>alert(2)</script> دەق";
    let reply = server.post(
        "/api/save/ckb/article",
        &view.secret,
        &[("id", &id), ("token", view.token(&id)), ("part:", hostile)],
    );
    assert_eq!(reply.status, 200, "{}", reply.body);
    // check's own verdict comes back with the save.
    assert!(reply.body.contains("unsafe-markup"), "{}", reply.body);
    let page = server.get("/translate/ckb/article").body;
    assert!(!page.contains("<script>alert(2)"), "escaped in the view");
    assert!(page.contains("&lt;/textarea&gt;&lt;script&gt;alert(2)"));
    let preview = server.get("/preview/ckb/article").body;
    assert!(preview.contains("دەق"));
    assert!(!preview.contains("<script>alert(2)") && !preview.contains("<img src"));
    // The view is an editor of the message, not of the page: state error.
    let again = self::view(&server, "ckb");
    let state = &again.messages.iter().find(|m| m.0 == id).unwrap().1;
    assert_eq!(state, "error");
}

#[test]
fn the_page_strings_open_with_their_plural_variants() {
    let server = Server::start();
    let reply = server.get("/translate/ar/page");
    assert_eq!(reply.status, 200);
    // A select expression is one editor, its variants on their own lines.
    assert!(reply.body.contains("*[other]"), "{}", &reply.body[..500]);
    assert!(
        !reply.body.contains("/preview/ar/page"),
        "page strings have no page of their own"
    );
}

#[test]
fn a_folder_replaced_by_a_link_outside_is_refused_after_it_was_read() {
    let server = Server::start();
    let secret_text = "SECRET-OUTSIDE-THE-PROJECT";
    assert_eq!(server.get("/translate/fr/article").status, 200);
    // The folder, read once (and known free of links), becomes a link to a
    // folder outside the project.
    let outside = tempfile::tempdir().unwrap();
    let fr = server.root.join("locales/fr");
    common::copy_dir(&fr, outside.path());
    let planted = read(outside.path().join("article.ftl")).replace(
        "article-title = ",
        &format!("article-title = {secret_text} "),
    );
    std::fs::write(outside.path().join("article.ftl"), planted).unwrap();
    let seen = generation(&server);
    std::fs::remove_dir_all(&fr).unwrap();
    std::os::unix::fs::symlink(outside.path(), &fr).unwrap();
    wait_for_generation_after(&server, seen);
    for path in ["/translate/fr/article", "/preview/fr/article"] {
        let reply = server.get(path);
        assert!(
            !reply.body.contains(secret_text),
            "{path} read through the link"
        );
        assert!(reply.status >= 400, "{path}: {}", reply.status);
    }
}

#[test]
fn a_locale_added_while_serving_shows_up() {
    let server = Server::start();
    assert_eq!(server.get("/translate/de/article").status, 404);
    assert_eq!(ftlkit(&server.root, &["init", "de"]).code, 0);
    let dashboard = server.get("/").body;
    assert!(dashboard.contains("href=\"/translate/de/article\""));
    let view = view(&server, "de");
    assert!(!view.missing().is_empty());
    assert!(view.html.contains("lang=\"de\" dir=\"ltr\""));
    // Its first save fills the template `init` wrote, in place.
    let id = view.missing()[0].to_string();
    let before = read(server.ftl("de"));
    assert!(before.contains(&format!("# (untranslated) {id} = ")));
    let reply = server.post(
        "/api/save/de/article",
        &view.secret,
        &[
            ("id", &id),
            ("token", view.token(&id)),
            ("part:", "Kazimi und die irakische Hoffnung"),
        ],
    );
    assert_eq!(reply.status, 200, "{}", reply.body);
    let after = read(server.ftl("de"));
    assert!(after.contains(&format!("\n{id} = Kazimi und die irakische Hoffnung\n")));
    assert!(!after.contains(&format!("# (untranslated) {id} = ")));
}

// ---------------------------------------------------------------------------
// The translation memory in the translate view.

/// A second document whose section heading and paragraph repeat the
/// article's, word for word: translated in the article, missing here.
const NOTES: &str = "# Notes on the Iraqi Governments\n\n## Prime Ministers After the Fall\n\nIyad Allawi took over, and then Ibrahim al-Jaafari; each of them held power for one year, a year full of blood and killing in the country.\n";

/// The article's messages the notes repeat.
const REPEATED: [&str; 2] = [
    "article-ministers-after-fall-heading",
    "article-ministers-after-fall-iyad-allawi-took",
];

/// `ftlkit serve` on a copy of the shipped project with the document
/// `notes` ([`NOTES`]) added and extracted: its messages are missing in
/// every locale, the repeated ones with a 100% match in the memory.
fn serve_with_notes() -> Server {
    let dir = shipped_copy();
    let root = dir.path().to_path_buf();
    common::copy_dir(&common::repo().join("l10n-state"), &root.join("l10n-state"));
    std::fs::write(root.join("content/notes.md"), NOTES).unwrap();
    let run = ftlkit(&root, &["extract"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let mut server = Server::on(&root);
    server._dir = Some(dir);
    server
}

/// (id, English) of the notes' messages, and the ckb translations of the
/// article's messages they repeat, in [`REPEATED`]'s order.
fn notes_and_translations(server: &Server) -> (Vec<(String, String)>, Vec<String>) {
    let notes = common::messages(&read(server.root.join("locales/en-US/notes.ftl")));
    let article = common::messages(&read(server.ftl("ckb")));
    let ckb = REPEATED
        .iter()
        .map(|id| article.iter().find(|(i, _)| i == id).unwrap().1.clone())
        .collect();
    (notes, ckb)
}

/// The id of the notes' message whose English is `english`.
fn id_of<'n>(notes: &'n [(String, String)], english: &str) -> &'n str {
    &notes.iter().find(|(_, e)| e == english).expect(english).0
}

#[test]
fn a_missing_message_repeating_a_translated_one_gets_a_100_percent_suggestion() {
    let server = serve_with_notes();
    let (notes, ckb) = notes_and_translations(&server);
    let untranslated = ftlkit(&server.root, &["status", "ckb", "--untranslated"]);
    let paragraph = id_of(&notes, NOTES.lines().nth(4).unwrap());
    assert!(
        untranslated.stdout.contains(paragraph),
        "{}",
        untranslated.stdout
    );
    let page = view_of(&server, "ckb", "notes");
    assert!(page.missing().contains(&paragraph), "{:?}", page.messages);
    let doc = scraper::Html::parse_document(&page.html);
    let sel = |s: &str| scraper::Selector::parse(s).unwrap();
    let text = |e: scraper::ElementRef, s: &str| {
        e.select(&sel(s))
            .next()
            .map(|e| e.text().collect::<String>())
    };
    let msg = doc
        .select(&sel(&format!("article.msg[data-id={paragraph}]")))
        .next()
        .unwrap();
    let first = msg
        .select(&sel("li.suggestion"))
        .next()
        .expect("a suggestion");
    assert_eq!(text(first, ".score").as_deref(), Some("100%"));
    assert_eq!(text(first, ".kind").as_deref(), Some("exact"));
    assert_eq!(
        text(first, ".origin").as_deref(),
        Some(format!("article: {}", REPEATED[1]).as_str())
    );
    assert_eq!(first.value().attr("data-text"), Some(ckb[1].as_str()));
    let shown = first.select(&sel(".text")).next().unwrap();
    assert_eq!(text(first, ".text").as_deref(), Some(ckb[1].as_str()));
    assert_eq!(
        (shown.value().attr("lang"), shown.value().attr("dir")),
        (Some("ckb"), Some("rtl"))
    );
    // The same English: no diff to show.
    assert!(first.select(&sel(".diff")).next().is_none());
    // A title no translation resembles gets none.
    let title = id_of(&notes, "Notes on the Iraqi Governments");
    let title = doc
        .select(&sel(&format!("article.msg[data-id={title}]")))
        .next()
        .unwrap();
    assert!(title.select(&sel(".suggestion")).next().is_none());
    // Translated messages get none: the article's view has them only under
    // missing or stale messages.
    let article = view(&server, "ckb");
    let doc = scraper::Html::parse_document(&article.html);
    for m in doc.select(&sel("article.msg")) {
        let state = m.value().attr("data-state").unwrap();
        if m.select(&sel(".suggestion")).next().is_some() {
            assert!(
                ["missing", "stale", "error"].contains(&state),
                "{:?} {state}",
                m.value().attr("data-id")
            );
        }
    }
}

#[test]
fn an_edited_paragraph_is_offered_its_own_previous_translation_with_a_diff() {
    let server = serve_with_notes();
    let article = common::messages(&read(server.ftl("ckb")));
    let (id, before) = article
        .iter()
        .find(|(i, _)| i == REPEATED[1])
        .cloned()
        .unwrap();
    // The English changes by a word; extract keeps the id, the translation
    // turns stale.
    let md = read(server.root.join("content/article.md"));
    std::fs::write(
        server.root.join("content/article.md"),
        md.replace("killing in the country.", "killing across the country."),
    )
    .unwrap();
    let run = ftlkit(&server.root, &["extract"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let page = view(&server, "ckb");
    let doc = scraper::Html::parse_document(&page.html);
    let sel = |s: &str| scraper::Selector::parse(s).unwrap();
    let msg = doc
        .select(&sel(&format!("article.msg[data-id={id}]")))
        .next()
        .unwrap();
    assert_eq!(msg.value().attr("data-state"), Some("stale"));
    let first = msg
        .select(&sel("li.suggestion"))
        .next()
        .expect("a suggestion");
    assert_eq!(first.value().attr("data-kind"), Some("fuzzy"));
    assert!(
        first
            .value()
            .attr("data-score")
            .unwrap()
            .parse::<u8>()
            .unwrap()
            >= 90
    );
    assert_eq!(first.value().attr("data-text"), Some(before.as_str()));
    let origin: String = first
        .select(&sel(".origin"))
        .next()
        .unwrap()
        .text()
        .collect();
    assert!(origin.starts_with(&format!("article: {id}")), "{origin}");
    let removed: String = first
        .select(&sel(".diff del"))
        .flat_map(|e| e.text())
        .collect();
    let added: String = first
        .select(&sel(".diff ins"))
        .flat_map(|e| e.text())
        .collect();
    assert!(
        removed.contains("in") && added.contains("across"),
        "{removed} / {added}"
    );
}

#[test]
fn in_chromium_a_kurdish_suggestion_is_inserted_and_saved() {
    let Some(chromium) = chromium() else {
        return;
    };
    let server = serve_with_notes();
    let (notes, ckb) = notes_and_translations(&server);
    let heading = id_of(&notes, "Prime Ministers After the Fall").to_string();
    let paragraph = id_of(&notes, NOTES.lines().nth(4).unwrap()).to_string();
    let mut browser = Browser::start(&chromium);
    browser.call("Page.enable", serde_json::json!({}));
    let url = format!("http://{}/translate/ckb/notes", server.host());
    browser.call("Page.navigate", serde_json::json!({ "url": url }));
    browser.wait_for(
        "document.readyState === 'complete' && !!document.querySelector('.suggestion')",
        "the translate view with suggestions",
    );
    let area = |id: &str| format!("document.querySelector('#m-{id} textarea')");
    // The keyboard: in the paragraph's editor, Alt+1 inserts its first
    // suggestion; Ctrl+Enter saves.
    browser.eval(&format!("{}.focus()", area(&paragraph)));
    browser.press("1", 49, 1);
    browser.wait_for(
        &format!("{}.value === {:?}", area(&paragraph), ckb[1]),
        "the suggestion in the editor",
    );
    browser.press("Enter", 13, 2);
    browser.wait_for(
        &format!("document.querySelector('#m-{paragraph} .status').textContent === 'saved'"),
        "the save",
    );
    // The mouse: the heading's Insert button, then Save.
    browser.eval(&format!(
        "document.querySelector('#m-{heading} .suggestion .insert').click()"
    ));
    browser.wait_for(
        &format!("{}.value === {:?}", area(&heading), ckb[0]),
        "the clicked suggestion in the editor",
    );
    browser.eval(&format!(
        "document.querySelector('#m-{heading} .save').click()"
    ));
    browser.wait_for(
        &format!("document.querySelector('#m-{heading} .status').textContent === 'saved'"),
        "the second save",
    );
    // The concordance box: the memory's entries that contain a phrase.
    browser.eval("document.querySelector('.concordance input').focus()");
    browser.call("Input.insertText", serde_json::json!({ "text": "Allawi" }));
    browser.wait_for(
        "document.querySelectorAll('.concordance .results li').length > 0",
        "the concordance results",
    );
    let first = browser.eval(
        "(() => { const t = document.querySelector('.concordance .results li .target'); return [t.textContent, t.lang, t.dir]; })()",
    );
    assert_eq!(first, serde_json::json!([ckb[1], "ckb", "rtl"]));
    browser.eval(&format!(
        "document.getElementById('m-{paragraph}').scrollIntoView({{block: 'center'}})"
    ));
    browser.screenshot("ckb-suggestion.png");
    let on_disk = read(server.root.join("locales/ckb/notes.ftl"));
    assert!(
        on_disk.contains(&format!("{paragraph} = {}\n", ckb[1])),
        "{on_disk}"
    );
    assert!(
        on_disk.contains(&format!("{heading} = {}\n", ckb[0])),
        "{on_disk}"
    );
    let page = view_of(&server, "ckb", "notes");
    assert!(!page.missing().contains(&paragraph.as_str()));
    assert!(!page.missing().contains(&heading.as_str()));
    let untranslated = ftlkit(&server.root, &["status", "ckb", "--untranslated"]);
    assert!(
        !untranslated.stdout.contains(&paragraph),
        "{}",
        untranslated.stdout
    );
}

#[test]
fn concordance_finds_memory_entries_by_english_or_translation() {
    let server = Server::start();
    let article = common::messages(&read(server.ftl("ckb")));
    let allawi = &article.iter().find(|(i, _)| i == REPEATED[1]).unwrap().1;
    let reply = server.get("/api/concordance/ckb?q=IYAD%20allawi");
    assert_eq!(reply.status, 200, "{}", reply.body);
    let entries = reply.json()["entries"].as_array().unwrap().clone();
    assert_eq!(entries.len(), 1, "{entries:?}");
    assert_eq!(entries[0]["target"], allawi.as_str());
    assert_eq!(
        entries[0]["origin"],
        format!("article: {}", REPEATED[1]).as_str()
    );
    // A phrase of the translation finds it too.
    let word = allawi.split_whitespace().next().unwrap();
    let path = format!(
        "/api/concordance/ckb?q={}",
        encode(&[("", word)]).trim_start_matches('=')
    );
    let found = server.get(&path).json()["entries"]
        .as_array()
        .unwrap()
        .clone();
    assert!(
        found.iter().any(|e| e["target"] == allawi.as_str()),
        "{found:?}"
    );
    assert_eq!(
        server.get("/api/concordance/ckb?q=").json()["entries"],
        serde_json::json!([])
    );
    assert_eq!(server.get("/api/concordance/xx?q=Iraq").status, 404);
    assert_eq!(server.get("/api/concordance/..%2Fckb?q=Iraq").status, 404);
    let foreign = server.send(
        "GET",
        "/api/concordance/ckb?q=Iraq",
        &[("Host", "evil.example:80")],
        b"",
    );
    assert_eq!(foreign.status, 403);
    // The view has the search box.
    assert!(view(&server, "ckb").html.contains("class=\"concordance\""));
}

#[test]
fn a_hostile_translation_in_the_memory_is_escaped_in_the_suggestions() {
    let server = serve_with_notes();
    let (_, ckb) = notes_and_translations(&server);
    let hostile = "<img src=x onerror=alert(1)> \"' </textarea><script>alert(2)</script> دەق";
    let file = read(server.ftl("ckb"));
    std::fs::write(server.ftl("ckb"), file.replace(&ckb[1], hostile)).unwrap();
    let page = server.get("/translate/ckb/notes").body;
    assert!(!page.contains("<script>alert(2)"), "escaped in the view");
    assert!(!page.contains("<img src=x"), "escaped in the view");
    let doc = scraper::Html::parse_document(&page);
    let sel = scraper::Selector::parse("li.suggestion").unwrap();
    let texts: Vec<&str> = doc
        .select(&sel)
        .filter_map(|s| s.value().attr("data-text"))
        .collect();
    assert!(texts.contains(&hostile), "{texts:?}");
}

// Issue 28 (hardening round 3), item 7: what a foreign page or a slow client
// can make the server do; item 14: two Host headers; item 9: a save's lone CR.

#[test]
fn cross_site_gets_and_two_host_headers_are_refused_before_any_work() {
    let server = Server::start();
    for site in ["cross-site", "same-site"] {
        let reply = server.send(
            "GET",
            "/translate/ckb/article",
            &[("Sec-Fetch-Site", site)],
            b"",
        );
        assert_eq!(reply.status, 403, "{site}: {}", reply.body);
        assert!(reply.body.contains("another site"), "{}", reply.body);
    }
    // The server's own pages and a typed address still work.
    for site in ["same-origin", "none"] {
        let reply = server.send("GET", "/", &[("Sec-Fetch-Site", site)], b"");
        assert_eq!(reply.status, 200, "{site}");
    }
    let own = server.host();
    let reply = server.send("GET", "/", &[("Host", &own), ("Host", &own)], b"");
    assert_eq!(reply.status, 400, "{}", reply.body);
}

#[test]
fn a_client_that_never_finishes_its_headers_is_dropped_and_others_are_served() {
    let server = Server::start();
    // More stalled connections than the server serves at once.
    let stalled: Vec<TcpStream> = (0..80)
        .map(|_| {
            let mut s = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
            s.write_all(b"GET / HTTP/1.1\r\nHost: 127").unwrap();
            s
        })
        .collect();
    let started = std::time::Instant::now();
    // Served once the stalled ones time out (10 s), not never.
    let reply = server.get("/");
    assert_eq!(reply.status, 200);
    assert!(started.elapsed() < Duration::from_secs(25));
    let mut first = &stalled[0];
    first
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    let mut buf = [0u8; 64];
    // Closed by the server: end of stream (or a reset), never a hang.
    let n = first.read(&mut buf).unwrap_or(0);
    assert_eq!(n, 0, "{:?}", String::from_utf8_lossy(&buf[..n]));
}

#[test]
fn a_saved_line_separator_or_lone_cr_is_written_as_a_fluent_literal() {
    let server = Server::start();
    let view = view(&server, "ckb");
    let id = view.missing()[0].to_string();
    let typed = format!("ئەمە\r{id}-x = HIJACKED\u{2028}تاقی\u{85}");
    let reply = server.post(
        "/api/save/ckb/article",
        &view.secret,
        &[("id", &id), ("token", view.token(&id)), ("part:", &typed)],
    );
    assert_eq!(reply.status, 200, "{}", reply.body);
    let after = read(server.ftl("ckb"));
    assert!(
        !after.contains(['\r', '\u{2028}', '\u{85}']),
        "a raw line breaker was written"
    );
    assert!(
        after.contains(&format!(
            "{id} = ئەمە{{ \"\\u000D\" }}{id}-x = HIJACKED{{ \"\\u2028\" }}تاقی"
        )),
        "{after}"
    );
    // One message, as every Fluent reader sees it.
    let resource = fluent_syntax::parser::parse(after.as_str()).unwrap();
    let ids: Vec<String> = resource
        .body
        .iter()
        .filter_map(|e| match e {
            fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_string()),
            _ => None,
        })
        .collect();
    assert!(!ids.contains(&format!("{id}-x")), "{ids:?}");
}

/// The id and line of the first entry of `text` whose line starts with
/// `prefix` and that is not the title.
fn first_line_with<'t>(text: &'t str, prefix: &str) -> (&'t str, &'t str) {
    let line = text
        .lines()
        .find(|l| l.starts_with(prefix) && !l.contains("-title "))
        .unwrap_or_else(|| panic!("no line starting {prefix:?}:\n{text}"));
    let id = line
        .trim_start_matches("# (untranslated) ")
        .split(" =")
        .next()
        .unwrap();
    (id, line)
}

/// The text of the editor of message `id`'s value in a translate view.
fn editor_text(html: &str, id: &str) -> String {
    let doc = scraper::Html::parse_document(html);
    let sel = scraper::Selector::parse(&format!("article[data-id=\"{id}\"] textarea")).unwrap();
    let area = doc.select(&sel).next().expect("an editor");
    area.text().collect()
}

#[test]
fn typed_text_that_does_not_count_is_shown_in_its_editor_and_saved_knowingly() {
    let server = Server::start();
    let root = server.root.clone();
    // Kurdish in progress: templates for what it lacks, one typed into.
    assert_eq!(ftlkit(&root, &["sync", "ckb"]).code, 0);
    let ckb = server.ftl("ckb");
    let text = read(&ckb);
    let (edited, line) = first_line_with(&text, "# (untranslated) ");
    let (edited, line) = (edited.to_string(), line.to_string());
    std::fs::write(
        &ckb,
        text.replace(&line, &format!("# (untranslated) {edited} = {KURDISH}")),
    )
    .unwrap();
    // French: a translation broken by an unclosed placeable.
    let fr = server.ftl("fr");
    let text = read(&fr);
    let (broken, line) = first_line_with(&text, "article-intro-");
    let (broken, line) = (broken.to_string(), line.to_string());
    let broken_line = format!("{line} {{ $autor");
    std::fs::write(&fr, text.replace(&line, &broken_line)).unwrap();

    let view = self::view(&server, "ckb");
    let state = |v: &View, id: &str| v.messages.iter().find(|m| m.0 == id).unwrap().1.clone();
    assert_eq!(state(&view, &edited), "edited-template");
    assert_eq!(editor_text(&view.html, &edited).trim(), KURDISH);
    assert!(
        view.html.contains("class=\"typed\""),
        "the page says what a save replaces"
    );
    let fr_view = self::view(&server, "fr");
    assert_eq!(state(&fr_view, &broken), "broken");
    let typed = broken_line.split_once(" = ").unwrap().1;
    assert_eq!(editor_text(&fr_view.html, &broken).trim(), typed);
    let findings = |v: &View, id: &str| {
        let doc = scraper::Html::parse_document(&v.html);
        let sel = scraper::Selector::parse(&format!("article[data-id=\"{id}\"]")).unwrap();
        let n = doc
            .select(&sel)
            .next()
            .unwrap()
            .value()
            .attr("data-findings")
            .unwrap()
            .to_string();
        n
    };
    assert_ne!(
        findings(&fr_view, &broken),
        "0",
        "its syntax error is shown with it"
    );
    assert_ne!(
        findings(&view, &edited),
        "0",
        "edited-template is shown with it"
    );

    // Saving the editor's text makes it the translation; the lines after stay.
    let reply = server.post(
        "/api/save/ckb/article",
        &view.secret,
        &[
            ("id", &edited),
            ("token", view.token(&edited)),
            ("part:", KURDISH),
        ],
    );
    assert_eq!(reply.status, 200, "{}", reply.body);
    let after = read(&ckb);
    assert!(
        after.contains(&format!("\n{edited} = {KURDISH}\n")),
        "{after}"
    );
    assert!(!after.contains(&format!("# (untranslated) {edited} =")));
    let before_fr = read(&fr);
    let fixed = typed.replace(" { $autor", "");
    let reply = server.post(
        "/api/save/fr/article",
        &fr_view.secret,
        &[
            ("id", &broken),
            ("token", fr_view.token(&broken)),
            ("part:", &fixed),
        ],
    );
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(
        read(&fr),
        before_fr.replace(&broken_line, &format!("{broken} = {fixed}")),
        "only the broken message's line changed"
    );
    let check = ftlkit(&root, &["check", "fr"]);
    assert_eq!(check.code, 0, "{}", check.stdout);
}

#[test]
fn a_stale_translation_still_right_is_accepted_not_saved_again() {
    let server = Server::start();
    // A French translation made stale by a change of the article's English.
    let md = server.root.join("content/article.md");
    let text = read(&md);
    let first = text
        .lines()
        .find(|l| l.starts_with("It has been "))
        .expect("the lead paragraph")
        .to_string();
    std::fs::write(&md, text.replacen(&first, &format!("{first} Indeed."), 1)).unwrap();
    assert_eq!(ftlkit(&server.root, &["extract"]).code, 0);
    assert_eq!(stale_count(&server.root, "fr"), 1);
    let view = view(&server, "fr");
    let (id, _, token) = view
        .messages
        .iter()
        .find(|m| m.1 == "stale")
        .expect("a stale message")
        .clone();
    assert!(view.html.contains("class=\"accept\""), "an Accept button");
    let fr = server.ftl("fr");
    let before = read(&fr);
    let current = editor_text(&view.html, &id);
    // Saving the same text writes nothing and says it is still stale.
    let reply = server.post(
        "/api/save/fr/article",
        &view.secret,
        &[("id", &id), ("token", &token), ("part:", &current)],
    );
    let answer = reply.json();
    assert_eq!(answer["status"], "unchanged", "{}", reply.body);
    assert_eq!(answer["stale"], true);
    assert!(answer["note"].as_str().unwrap().contains("Accept"));
    assert_eq!(read(&fr), before);
    assert_eq!(stale_count(&server.root, "fr"), 1);
    // A token from before a change on disk is refused.
    let reply = server.post(
        "/api/accept/fr/article",
        &view.secret,
        &[("id", &id), ("token", "stale-token")],
    );
    assert_eq!(reply.status, 409, "{}", reply.body);
    assert_eq!(stale_count(&server.root, "fr"), 1);
    // Accept: the record takes the new English; the translation is untouched.
    let reply = server.post(
        "/api/accept/fr/article",
        &view.secret,
        &[("id", &id), ("token", &token)],
    );
    assert_eq!(reply.json()["status"], "accepted", "{}", reply.body);
    assert_eq!(read(&fr), before);
    assert_eq!(stale_count(&server.root, "fr"), 0);
    let again = self::view(&server, "fr");
    assert_eq!(
        again.messages.iter().find(|m| m.0 == id).unwrap().1,
        "translated"
    );
}

#[test]
fn a_conflict_offers_the_files_version_by_part() {
    let server = Server::start();
    let view = view(&server, "fr");
    let fr = server.ftl("fr");
    let text = read(&fr);
    let line = text
        .lines()
        .find(|l| l.starts_with("article-title = "))
        .unwrap();
    let on_disk = text.replace(line, "article-title = Titre changé ailleurs");
    std::fs::write(&fr, &on_disk).unwrap();
    let reply = server.post(
        "/api/save/fr/article",
        &view.secret,
        &[
            ("id", "article-title"),
            ("token", view.token("article-title")),
            ("part:", "Le mien"),
        ],
    );
    assert_eq!(reply.status, 409, "{}", reply.body);
    assert_eq!(reply.json()["disk_parts"][""], "Titre changé ailleurs");
    assert_eq!(read(&fr), on_disk);
}

/// A nested document of a book (issue 30): its translate view, a save into
/// the nested locale file, its preview with the English anchors, and the
/// image beside it as the locale publishes it; nothing outside the tree.
#[test]
fn nested_documents_and_their_images() {
    let dir = tempfile::tempdir().unwrap();
    common::copy_dir(
        &common::repo().join("tests/fixtures/trees/book"),
        dir.path(),
    );
    let server = Server::on(dir.path());
    let view = view_of(&server, "ar", "guide/more");
    assert_eq!(view.missing(), ["guide-more-intro-nobody-translated-this"]);
    let id = "guide-more-intro-nobody-translated-this";
    let reply = server.post(
        "/api/save/ar/guide/more",
        &view.secret,
        &[
            ("id", id),
            ("token", view.token(id)),
            ("part:", "لم يترجم أحد هذه الفقرة."),
        ],
    );
    assert_eq!(reply.status, 200, "{}", reply.body);
    let saved = read(dir.path().join("locales/ar/guide/more.ftl"));
    assert!(
        saved.contains(&format!("{id} = لم يترجم أحد هذه الفقرة.\n")),
        "{saved}"
    );
    let preview = server.get("/preview/ar/guide/start");
    assert_eq!(preview.status, 200, "{}", preview.body);
    assert!(
        preview.body.contains("<h2 id=\"install-it\">التثبيت</h2>"),
        "{}",
        preview.body
    );
    assert!(
        preview.body.contains("href=\"../images/map.png\""),
        "{}",
        preview.body
    );
    // A link to another document points at its preview, which serve gives:
    // `../README.md` from /preview/ar/guide/start is /preview/ar/README.html.
    assert!(
        preview.body.contains("href=\"../README.html\""),
        "{}",
        preview.body
    );
    let linked = server.get("/preview/ar/README.html");
    assert_eq!(linked.status, 200, "{}", linked.body);
    assert_eq!(linked.body, server.get("/preview/ar/README").body);
    assert!(linked.body.contains("lang=\"ar\""), "{}", linked.body);
    assert_eq!(server.get("/preview/ar/nothing.html").status, 404);
    // `../images/map.png` from /preview/ar/guide/start: Arabic's own image.
    let image = server.get("/preview/ar/images/map.png");
    assert_eq!(image.status, 200);
    let own = std::fs::read(dir.path().join("locales/ar/images/map.png")).unwrap();
    assert_eq!(image.body, String::from_utf8_lossy(&own));
    for path in [
        "/preview/ar/..%2F..%2Fftlkit.toml",
        "/preview/ar/guide/start.md",
        "/preview/ar/.hidden",
        "/translate/ar/..%2FREADME",
    ] {
        assert_eq!(server.get(path).status, 404, "{path}");
    }
}

#[test]
fn a_translation_nobody_reviewed_has_mark_reviewed() {
    let server = Server::start();
    let fr = server.ftl("fr");
    let text = read(&fr);
    let (id, line) = first_line_with(&text, "article-intro-");
    let (id, line) = (id.to_string(), line.to_string());
    std::fs::write(
        &fr,
        text.replacen(&line, &format!("{id} = Refait, pas encore relu."), 1),
    )
    .unwrap();
    assert_eq!(ftlkit(&server.root, &["sync", "fr"]).code, 0);
    let view = view(&server, "fr");
    let doc = scraper::Html::parse_document(&view.html);
    let sel = |s: &str| scraper::Selector::parse(s).unwrap();
    let with_button: Vec<&str> = doc
        .select(&sel("article.msg"))
        .filter(|m| m.select(&sel("button.review")).next().is_some())
        .map(|m| m.value().attr("data-id").unwrap())
        .collect();
    assert_eq!(
        with_button,
        [id.as_str()],
        "only the unreviewed translation"
    );
    let reply = server.post(
        "/api/review/fr/article",
        &view.secret,
        &[("id", &id), ("token", view.token(&id))],
    );
    assert_eq!(reply.json()["status"], "accepted", "{}", reply.body);
    let run = ftlkit(&server.root, &["status", "fr", "--format", "json"]);
    assert!(run.stdout.contains("\"unreviewed\": 0"), "{}", run.stdout);
    assert!(!self::view(&server, "fr").html.contains("class=\"review\""));
}

#[test]
fn in_chromium_typed_and_broken_text_is_in_its_editor() {
    let Some(chromium) = chromium() else {
        return;
    };
    let server = Server::start();
    // The shipped Kurdish (templates for what it lacks), one typed into.
    let ckb = server.ftl("ckb");
    let text = read(&ckb);
    let (edited, line) = first_line_with(&text, "# (untranslated) ");
    let (edited, line) = (edited.to_string(), line.to_string());
    std::fs::write(
        &ckb,
        text.replace(&line, &format!("# (untranslated) {edited} = {KURDISH}")),
    )
    .unwrap();
    // And a broken one: an unclosed placeable.
    let text = read(&ckb);
    let (broken, line) = first_line_with(&text, "article-intro-");
    let (broken, line) = (broken.to_string(), line.to_string());
    std::fs::write(&ckb, text.replace(&line, &format!("{line} {{ $autor"))).unwrap();
    let mut browser = Browser::start(&chromium);
    browser.call("Page.enable", serde_json::json!({}));
    let url = format!("http://{}/translate/ckb/article", server.host());
    browser.call("Page.navigate", serde_json::json!({ "url": url }));
    browser.wait_for(
        "document.readyState === 'complete' && !!document.querySelector('.msg')",
        "the translate view",
    );
    let mut facts = |id: &str| {
        browser.eval(&format!(
            "(() => {{ const m = document.getElementById('m-{id}'); const t = m.querySelector('textarea');
               return [m.dataset.state, t.value, getComputedStyle(t).direction, !!m.querySelector('.typed pre'), m.dataset.findings !== '0']; }})()"
        ))
    };
    let shown = facts(&edited);
    assert_eq!(
        shown,
        serde_json::json!(["edited-template", KURDISH, "rtl", true, true])
    );
    let shown = facts(&broken);
    assert_eq!(shown[0], "broken");
    assert!(shown[1].as_str().unwrap().ends_with("{ $autor"), "{shown}");
    assert_eq!(shown[3], true);
    assert_eq!(shown[4], true, "its syntax error is shown with it");
    browser.eval(&format!(
        "document.getElementById('m-{edited}').scrollIntoView({{block: 'center'}})"
    ));
    browser.screenshot("ckb-typed-template.png");
    // The "missing" filter keeps them: they are not translations yet.
    browser.eval("document.querySelector('.filters input[value=missing]').click()");
    let visible = browser.eval(&format!(
        "[!document.getElementById('m-{edited}').hidden, !document.getElementById('m-{broken}').hidden]"
    ));
    assert_eq!(visible, serde_json::json!([true, true]));
}

/// A message of another document's file, typed in the editor: the page
/// cannot show it (each page has its own document's file and the page
/// strings), an error, as `check` says.
#[test]
fn a_message_of_another_document_is_the_error_check_gives() {
    let server = Server::start();
    std::fs::write(
        server.root.join("content/notes.md"),
        "# Notes\n\nA note on the article.\n",
    )
    .unwrap();
    assert_eq!(ftlkit(&server.root, &["extract"]).code, 0);
    let typed = "الكاظمي والأمل العراقي { notes-title }";
    let view = view(&server, "ar");
    let answer = server
        .post(
            "/api/lint/ar/article",
            &view.secret,
            &[("id", "article-title"), ("part:", typed)],
        )
        .json();
    let pick = |findings: &serde_json::Value| -> Vec<(String, String, u64, u64)> {
        findings
            .as_array()
            .unwrap()
            .iter()
            // Serve's are the message's; check's name it.
            .filter(|f| f["id"].is_null() || f["id"] == "article-title")
            .map(|f| {
                let code = f["code"].as_str().unwrap().to_string();
                let severity = f["severity"].as_str().unwrap().to_string();
                (
                    code,
                    severity,
                    f["line"].as_u64().unwrap(),
                    f["column"].as_u64().unwrap(),
                )
            })
            .collect()
    };
    let served = pick(&answer["findings"]);
    assert!(
        served
            .iter()
            .any(|(code, severity, ..)| code == "other-document-reference" && severity == "error"),
        "{answer}"
    );
    let json = server.check_with_title("ar", typed);
    assert_eq!(served, pick(&json["findings"]), "{answer}");
}

/// A documentation tree of more locale × document rows than a page lists
/// at once: the dashboard shows each locale's totals (in its language's own
/// name), each locale's page its documents, nested names linked whole.
#[test]
fn a_large_tree_s_dashboard_shows_each_locale_s_totals_and_its_page_its_documents() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::write(
        root.join("ftlkit.toml"),
        "content = \"docs\"\nlocales = [\"ar\", \"fr\", \"ckb\"]\n",
    )
    .unwrap();
    // 140 documents × 3 locales: 420 rows.
    for k in 0..140 {
        let dir = root.join(format!("docs/part{}/guide", k % 7));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join(format!("page{k}.md")),
            format!("# Page {k}\n\nThe text of page {k}.\n"),
        )
        .unwrap();
    }
    for args in [
        &["extract"][..],
        &["init", "ar"],
        &["init", "fr"],
        &["init", "ckb"],
    ] {
        let run = ftlkit(root, args);
        assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
    }
    // Arabic translates one page's title.
    let ar = root.join("locales/ar/part3/guide/page3.ftl");
    let text = std::fs::read_to_string(&ar).unwrap();
    let id = text
        .lines()
        .find_map(|l| {
            l.strip_prefix("# (untranslated) ")
                .and_then(|l| l.split_once(" = "))
        })
        .map(|(id, _)| id.to_string())
        .unwrap();
    std::fs::write(&ar, format!("{text}\n{id} = الصفحة ٣\n")).unwrap();
    let server = Server::on(root);
    let home = server.get("/");
    assert_eq!(home.status, 200);
    let doc = scraper::Html::parse_document(&home.body);
    let rows = scraper::Selector::parse("table.locales tr[data-locale]").unwrap();
    let locales: Vec<&str> = doc
        .select(&rows)
        .map(|r| r.value().attr("data-locale").unwrap())
        .collect();
    assert_eq!(locales, ["ar", "ckb", "fr"], "{}", home.body);
    // No row per document here: each locale's page has them.
    assert!(!home.body.contains("href=\"/translate/"), "{}", home.body);
    assert!(home.body.contains("href=\"/locale/ar\""));
    let counts = scraper::Selector::parse("tr[data-locale=ar] td.num").unwrap();
    let cells: Vec<String> = doc.select(&counts).map(|c| c.text().collect()).collect();
    // The 140 documents and the page strings (extract wrote them).
    assert_eq!(cells[0], "141", "{cells:?}");
    assert_eq!(cells[1], "1 / 297", "{cells:?}");
    let page = server.get("/locale/ar");
    assert_eq!(page.status, 200);
    assert!(
        page.body
            .contains("href=\"/translate/ar/part3/guide/page3\""),
        "{}",
        page.body
    );
    assert!(!page.body.contains("href=\"/translate/fr/"));
    let doc = scraper::Html::parse_document(&page.body);
    let row = scraper::Selector::parse("tr[data-locale=ar][data-doc]").unwrap();
    assert_eq!(doc.select(&row).count(), 141);
    assert_eq!(server.get("/locale/xx").status, 404);
}
