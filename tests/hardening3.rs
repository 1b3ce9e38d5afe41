//! Issue 28, hardening round 3: the translation memory, `sync --fill-exact`,
//! `import` and `export` under hostile input. Each test is an item of the
//! issue, run with the real binary on real files (the speed items are
//! `bench/quadratic.py`'s; serve's and the language server's are in
//! tests/serve.rs and tests/lsp.rs).

mod common;
use common::*;
use std::path::Path;

fn write(path: impl AsRef<Path>, text: impl AsRef<[u8]>) {
    let path = path.as_ref();
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// A project of one document (`doc`) in English and French, its French
/// templates made, with `[memory] files = ["tm.tmx"]`.
fn project(paragraphs: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root.join("ftlkit.toml"),
        "locales = [\"fr\"]\n[memory]\nfiles = [\"tm.tmx\"]\n",
    );
    write(root.join("content/doc.md"), paragraphs.join("\n\n") + "\n");
    assert_eq!(ftlkit(root, &["extract"]).code, 0);
    assert_eq!(ftlkit(root, &["sync", "fr"]).code, 0);
    dir
}

fn tmx(units: &[(&str, &str)]) -> String {
    let esc = |t: &str| t.replace('&', "&amp;").replace('<', "&lt;");
    let mut out = String::from(
        "<?xml version=\"1.0\"?>\n<tmx version=\"1.4\"><header srclang=\"en\"/><body>\n",
    );
    for (en, fr) in units {
        out.push_str(&format!(
            "<tu><tuv xml:lang=\"en\"><seg>{}</seg></tuv><tuv xml:lang=\"fr\"><seg>{}</seg></tuv></tu>\n",
            esc(en),
            esc(fr)
        ));
    }
    out.push_str("</body></tmx>\n");
    out
}

fn fr(root: &Path) -> String {
    read(root.join("locales/fr/doc.ftl"))
}

fn id_of(root: &Path, english: &str) -> String {
    messages(&read(root.join("locales/en-US/doc.ftl")))
        .into_iter()
        .find(|(_, t)| t == english)
        .unwrap_or_else(|| panic!("no message for {english}"))
        .0
}

// Item 10: terminal escapes from a TMX are shown, never obeyed, and never filled.
#[test]
fn terminal_escapes_from_a_tmx_are_printed_visibly_and_never_filled() {
    let dir = project(&["Hello world.", "Second paragraph."]);
    let root = dir.path();
    let evil = "Bonjour \u{1b}]0;pwned\u{7}\u{1b}[2J\u{0} le monde \u{9b}31m";
    let mut file = tmx(&[("Hello world.", evil)]);
    file = file.replace(
        "</body>",
        "<tu><tuv xml:lang=\"e\u{1b}[2Jn\"><seg>x</seg></tuv></tu></body>",
    );
    write(root.join("tm.tmx"), &file);
    let before = fr(root);
    for args in [
        &["memory", "search", "fr", "Bonjour"][..],
        &["status", "fr", "--untranslated", "--suggest"][..],
        &["sync", "fr", "--fill-exact"][..],
    ] {
        let run = ftlkit(root, args);
        assert!(run.code <= 1, "{args:?}: {}", run.stderr);
        for out in [&run.stdout, &run.stderr] {
            assert!(
                !out.contains(['\u{1b}', '\u{7}', '\u{0}', '\u{9b}']),
                "{args:?} printed a raw control character: {out:?}"
            );
        }
        if args[0] == "memory" {
            assert!(
                run.stdout.contains("Bonjour \\u001b]0;pwned\\u0007"),
                "{}",
                run.stdout
            );
        }
    }
    // Not filled: the file is as sync left it.
    assert_eq!(fr(root), before);
}

// Item 9: a lone CR, U+2028, U+0085 or a form feed in an imported
// translation is written as a Fluent string literal, never raw.
#[test]
fn an_imported_lone_cr_cannot_hijack_the_next_message() {
    let dir = project(&["Hello world.", "Second paragraph."]);
    let root = dir.path();
    let hello = id_of(root, "Hello world.");
    let second = id_of(root, "Second paragraph.");
    let po = format!(
        "msgid \"\"\nmsgstr \"\"\n\"Language: fr\\n\"\n\n#: doc.ftl\nmsgctxt \"{hello}\"\nmsgid \"Hello world.\"\nmsgstr \"Bonjour\\r{second} = HIJACKED\"\n\n#: doc.ftl\nmsgctxt \"{second}\"\nmsgid \"Second paragraph.\"\nmsgstr \"Deuxième\u{2028}paragraphe\u{85}\u{c}.\"\n"
    );
    write(root.join("fr.po"), &po);
    let run = ftlkit(root, &["import", root.join("fr.po").to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let text = fr(root);
    assert!(
        !text.contains(['\r', '\u{2028}', '\u{85}', '\u{c}']),
        "raw: {text:?}"
    );
    // Python's universal newlines and str.splitlines see what ftlkit sees.
    for line in text.lines() {
        assert!(!line.starts_with(&format!("{second} = HIJACKED")), "{text}");
    }
    // Two messages, the first one's CR a string literal Fluent reads back.
    let got = messages(&text);
    assert_eq!(got.len(), 2, "{got:?}");
    assert_eq!(got[0].1, format!("Bonjour\r{second} = HIJACKED"));
    assert!(
        text.contains(&format!(
            "{hello} = Bonjour{{ \"\\u000D\" }}{second} = HIJACKED\n"
        )),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            "{second} = Deuxième{{ \"\\u2028\" }}paragraphe{{ \"\\u0085\" }}{{ \"\\u000C\" }}.\n"
        )),
        "{text}"
    );
    assert_eq!(ftlkit(root, &["check"]).code, 0);
}

// Item 12: an export XML parsers accept, and an unchanged import of it
// writes nothing (a translation ending with a vertical tab included).
#[test]
fn exports_hold_only_xml_characters_and_read_back_unchanged() {
    let dir = project(&["Hello world.", "Second paragraph."]);
    let root = dir.path();
    let hello = id_of(root, "Hello world.");
    let second = id_of(root, "Second paragraph.");
    let text = fr(root)
        .replace(
            &format!("# (untranslated) {hello} = Hello world."),
            &format!("{hello} = Bon\u{1}jour"),
        )
        .replace(
            &format!("# (untranslated) {second} = Second paragraph."),
            &format!("{second} = Deuxième\u{b}"),
        );
    write(root.join("locales/fr/doc.ftl"), &text);
    assert_eq!(ftlkit(root, &["check"]).code, 0, "check accepts both");
    for (format, file) in [("xliff", "fr.xlf"), ("po", "fr.po")] {
        let run = ftlkit(
            root,
            &[
                "export",
                "fr",
                "--format",
                format,
                "-o",
                root.join(file).to_str().unwrap(),
            ],
        );
        assert_eq!(run.code, 0, "{}", run.stderr);
        let exported = read(root.join(file));
        if format == "xliff" {
            let bad =
                |c: char| matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}');
            assert!(!exported.chars().any(bad), "{exported}");
            let mut reader = quick_xml::Reader::from_str(&exported);
            loop {
                match reader.read_event() {
                    Ok(quick_xml::events::Event::Eof) => break,
                    Ok(quick_xml::events::Event::Text(t)) => {
                        t.xml10_content().expect("XML 1.0 text");
                    }
                    Ok(_) => {}
                    Err(e) => panic!("{e}: {exported}"),
                }
            }
        }
        let before = std::fs::read(root.join("locales/fr/doc.ftl")).unwrap();
        let run = ftlkit(root, &["import", root.join(file).to_str().unwrap()]);
        assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
        assert!(
            run.stdout.contains("nothing to change"),
            "{format}: {}",
            run.stdout
        );
        assert_eq!(
            std::fs::read(root.join("locales/fr/doc.ftl")).unwrap(),
            before
        );
    }
    let run = ftlkit(
        root,
        &[
            "memory",
            "export",
            "fr",
            "-o",
            root.join("fr.tmx").to_str().unwrap(),
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let exported = read(root.join("fr.tmx"));
    assert!(!exported.contains(['\u{1}', '\u{b}']), "{exported}");
    assert!(
        exported.contains("Bon{ &quot;\\u0001&quot; }jour"),
        "{exported}"
    );
}

// Item 13: a fill never adds an error check would report; import writes the
// translator's text but says so.
#[test]
fn fill_never_adds_errors_and_import_warns_of_them() {
    let paragraphs = [
        "Hello world.",
        "Second paragraph.",
        "Third one here.",
        "Fourth [link](https://example.com).",
    ];
    let dir = project(&paragraphs);
    let root = dir.path();
    write(
        root.join("tm.tmx"),
        tmx(&[
            ("Hello world.", "Bonjour \u{202e}le monde"),
            ("Second paragraph.", "Deuxième <script>alert(1)</script>"),
            ("Third one here.", "Le troisième."),
            (
                "Fourth [link](https://example.com).",
                "Quatrième [lien](javascript:alert(1)).",
            ),
        ]),
    );
    let run = ftlkit(root, &["sync", "fr", "--fill-exact"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let third = id_of(root, "Third one here.");
    let filled = messages(&fr(root));
    assert_eq!(filled.len(), 1, "only the clean match: {filled:?}");
    assert_eq!(filled[0].0, third);
    let check = ftlkit(root, &["check"]);
    assert_eq!(check.code, 0, "{}", check.stdout);
    // The same texts imported: written, with a warning naming each.
    let hello = id_of(root, "Hello world.");
    let second = id_of(root, "Second paragraph.");
    let po = format!(
        "msgid \"\"\nmsgstr \"\"\n\"Language: fr\\n\"\n\nmsgctxt \"{hello}\"\nmsgid \"Hello world.\"\nmsgstr \"Bonjour \u{202e}le monde\"\n\nmsgctxt \"{second}\"\nmsgid \"Second paragraph.\"\nmsgstr \"Deuxième <script>alert(1)</script>\"\n"
    );
    write(root.join("fr.po"), &po);
    let run = ftlkit(root, &["import", root.join("fr.po").to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for id in [&hello, &second] {
        assert!(
            run.stderr
                .contains(&format!("`{id}` written; check calls an error")),
            "{}",
            run.stderr
        );
    }
    assert_eq!(ftlkit(root, &["check"]).code, 1);
}

// Item 11: `[memory] files` outside the project is not read, whether by an
// absolute path, a `..` or a link, with the same true reason.
#[test]
fn memory_files_outside_the_project_are_refused_alike() {
    let dir = project(&["Hello world."]);
    let root = dir.path();
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("secret.tmx");
    write(&secret, tmx(&[("Hello world.", "SECRET")]));
    write(root.join("inside.tmx"), tmx(&[("Hello world.", "Bonjour")]));
    std::os::unix::fs::symlink(&secret, root.join("link.tmx")).unwrap();
    std::os::unix::fs::symlink(root.join("inside.tmx"), root.join("good-link.tmx")).unwrap();
    let dotdot = Path::new("..")
        .join(outside.path().file_name().unwrap())
        .join("secret.tmx");
    // `..` from the project's parent, as the tempdirs are siblings.
    let relative = pathdiff(root, &secret);
    for file in [
        secret.display().to_string(),
        relative.clone(),
        "link.tmx".to_string(),
        "/proc/self/environ".to_string(),
    ] {
        write(
            root.join("ftlkit.toml"),
            format!("locales = [\"fr\"]\n[memory]\nfiles = [{file:?}, \"good-link.tmx\"]\n"),
        );
        let run = ftlkit(root, &["memory", "search", "fr", "Hello"]);
        assert_eq!(run.code, 0, "{file}: {}", run.stderr);
        assert!(!run.stdout.contains("SECRET"), "{file}: {}", run.stdout);
        assert!(
            run.stdout.contains("Bonjour"),
            "the link inside is read: {}",
            run.stdout
        );
        assert!(
            run.stderr.contains("outside the project") && !run.stderr.contains("symbolic link"),
            "{file}: {}",
            run.stderr
        );
    }
    let _ = dotdot;
}

/// `to` relative to `from` (both absolute), with `..`.
fn pathdiff(from: &Path, to: &Path) -> String {
    let up = from.components().count() - 1;
    format!(
        "{}{}",
        "../".repeat(up),
        to.strip_prefix("/").unwrap().display()
    )
}

// Item 11: an l10n.toml's basepath outside its repository is refused.
#[test]
fn an_l10n_toml_basepath_outside_its_repository_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path().join("repo");
    std::fs::create_dir_all(repo.join(".git")).unwrap();
    write(
        dir.path().join("elsewhere/en/a.ftl"),
        "private = Private line\n",
    );
    write(
        dir.path().join("elsewhere/de/a.ftl"),
        "private = { broken\n",
    );
    write(
        repo.join("l10n.toml"),
        "basepath = \"../elsewhere\"\nlocales = [\"de\"]\n[[paths]]\nreference = \"en/**\"\nl10n = \"{locale}/**\"\n",
    );
    let run = ftlkit(
        &repo,
        &[
            "check",
            "--config",
            repo.join("l10n.toml").to_str().unwrap(),
        ],
    );
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stderr.contains("outside the repository"),
        "{}",
        run.stderr
    );
    assert!(!run.stdout.contains("broken") && !run.stderr.contains("Private"));
    // Inside it, as Mozilla's `basepath = "../.."` from a subfolder, it works.
    write(repo.join("en/a.ftl"), "a = A\n");
    write(repo.join("de/a.ftl"), "a = A\n");
    write(
        repo.join("browser/locales/l10n.toml"),
        "basepath = \"../..\"\nlocales = [\"de\"]\n[[paths]]\nreference = \"en/**\"\nl10n = \"{locale}/**\"\n",
    );
    let run = ftlkit(
        &repo,
        &[
            "check",
            "--config",
            repo.join("browser/locales/l10n.toml").to_str().unwrap(),
        ],
    );
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
}

// Item 14: UTF-16 and ISO-8859-1 TMX files, a nested <seg>, and a
// translator's comment kept on its message by fill-exact.
#[test]
fn tmx_in_utf16_or_latin1_is_read_and_a_comment_stays_on_its_message() {
    let dir = project(&["Hello world.", "Coffee with cream."]);
    let root = dir.path();
    let hello = id_of(root, "Hello world.");
    let coffee = id_of(root, "Coffee with cream.");
    let text = tmx(&[
        ("Hello world.", "Bonjour <seg>le</seg> monde"),
        ("Coffee with cream.", "Café crème"),
    ])
    .replace("&lt;seg>le&lt;/seg>", "<seg>le</seg>")
    .replace(
        "<?xml version=\"1.0\"?>",
        "<?xml version=\"1.0\" encoding=\"UTF-16\"?>",
    );
    let mut utf16 = vec![0xff, 0xfe];
    utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    // A translator's note right above a template.
    let with_note = fr(root).replace(
        &format!("# (untranslated) {hello}"),
        &format!("# Translator: keep it short\n# (untranslated) {hello}"),
    );
    write(root.join("locales/fr/doc.ftl"), &with_note);
    write(root.join("tm.tmx"), &utf16);
    let run = ftlkit(root, &["sync", "fr", "--fill-exact"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let after = fr(root);
    assert!(
        after.contains(&format!(
            "# Translator: keep it short\n{hello} = Bonjour le monde\n"
        )),
        "{after}"
    );
    assert!(after.contains(&format!("{coffee} = Café crème")), "{after}");
    // ISO-8859-1, as its declaration says.
    let dir = project(&["Coffee with cream."]);
    let root = dir.path();
    let latin = tmx(&[("Coffee with cream.", "Café crème")]).replace(
        "<?xml version=\"1.0\"?>",
        "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>",
    );
    let bytes: Vec<u8> = latin.chars().map(|c| c as u32 as u8).collect();
    write(root.join("tm.tmx"), &bytes);
    let run = ftlkit(root, &["memory", "search", "fr", "crème"]);
    assert!(
        run.stdout.contains("Café crème"),
        "{}{}",
        run.stdout,
        run.stderr
    );
}

// Items 4 and 5: many messages filled and imported in one pass, each where
// it belongs (the speed is bench/quadratic.py's).
#[test]
fn many_messages_fill_and_import_in_the_reference_order() {
    // Words, not numbers: a number differing is a carried match.
    let word = |i: usize| -> String {
        [i / 26 / 26, i / 26 % 26, i % 26]
            .iter()
            .map(|d| char::from(b'a' + *d as u8))
            .collect()
    };
    let paragraphs: Vec<String> = (0..300)
        .map(|i| format!("Paragraph {} of many.", word(i)))
        .collect();
    let refs: Vec<&str> = paragraphs.iter().map(String::as_str).collect();
    let dir = project(&refs);
    let root = dir.path();
    let pairs: Vec<(String, String)> = paragraphs
        .iter()
        .step_by(2)
        .map(|p| (p.clone(), format!("FR {p}")))
        .collect();
    let units: Vec<(&str, &str)> = pairs
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    write(root.join("tm.tmx"), tmx(&units));
    // Half the templates gone: the fill inserts those messages.
    let text: String = fr(root)
        .split("\n\n")
        .enumerate()
        .filter(|(i, _)| i % 4 != 0)
        .map(|(_, b)| format!("{b}\n\n"))
        .collect();
    write(root.join("locales/fr/doc.ftl"), &text);
    let run = ftlkit(root, &["sync", "fr", "--fill-exact"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let english: Vec<String> = messages(&read(root.join("locales/en-US/doc.ftl")))
        .into_iter()
        .map(|m| m.0)
        .collect();
    let got = messages(&fr(root));
    assert_eq!(got.len(), 150, "{}", fr(root));
    let order: Vec<usize> = got
        .iter()
        .map(|(id, _)| english.iter().position(|e| e == id).unwrap())
        .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
    // The rest imported in one file: all written, in order.
    let run = ftlkit(
        root,
        &[
            "export",
            "fr",
            "-o",
            root.join("fr.xlf").to_str().unwrap(),
            "--only",
            "missing",
            // The document's units (a new project has page strings too).
            "--doc",
            "doc",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let empty = "<target state=\"new\"></target>";
    let mut xlf = read(root.join("fr.xlf"));
    let mut n = 0;
    while xlf.contains(empty) {
        let target = format!("<target state=\"translated\">Traduction {n}</target>");
        xlf = xlf.replacen(empty, &target, 1);
        n += 1;
    }
    assert_eq!(n, 150);
    write(root.join("fr.xlf"), xlf);
    let run = ftlkit(root, &["import", root.join("fr.xlf").to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let got = messages(&fr(root));
    assert_eq!(got.len(), 300);
    let order: Vec<usize> = got
        .iter()
        .map(|(id, _)| english.iter().position(|e| e == id).unwrap())
        .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]));
    assert_eq!(ftlkit(root, &["check"]).code, 0);
}
