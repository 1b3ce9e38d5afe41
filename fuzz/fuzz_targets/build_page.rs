//! A document rendered with an arbitrary translation and page strings: never a
//! panic, never a script or an event handler in the HTML, and never a link
//! target in the Markdown output that the source does not have.
//!
//! Input: `markdown \0 translation.ftl \0 page.ftl` (missing parts are empty).
#![no_main]

use libfuzzer_sys::fuzz_target;

/// Tags and attribute names, read as a browser would read them (html5ever).
fn structural_problem(html: &str) -> Option<String> {
    let doc = scraper::Html::parse_document(html);
    for node in doc.tree.nodes() {
        if let Some(el) = node.value().as_element() {
            if el.name().eq_ignore_ascii_case("script") {
                return Some("a <script> element".into());
            }
            for (name, value) in el.attrs() {
                if name.to_ascii_lowercase().starts_with("on") {
                    return Some(format!("an event handler attribute {name}={value:?}"));
                }
                let url_attribute = matches!(
                    name.to_ascii_lowercase().as_str(),
                    "href" | "src" | "action" | "formaction" | "xlink:href" | "poster" | "cite"
                );
                if url_attribute
                    && value
                        .trim_start()
                        .to_ascii_lowercase()
                        .starts_with("javascript:")
                {
                    return Some(format!("a javascript: URL in {name}={value:?}"));
                }
            }
        }
    }
    None
}

/// The same by a plain scan of the text: `<script` anywhere outside a quoted
/// attribute value, and ` on…=` inside a tag.
fn textual_problem(html: &str) -> Option<String> {
    let b = html.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'<' {
            i += 1;
            continue;
        }
        if html[i..].len() >= 7
            && html[i + 1..]
                .get(..6)
                .is_some_and(|s| s.eq_ignore_ascii_case("script"))
        {
            return Some(format!("`<script` at byte {i}"));
        }
        // A tag: walk to its `>`, skipping quoted attribute values.
        let mut j = i + 1;
        if !b.get(j).is_some_and(|c| c.is_ascii_alphabetic()) {
            i += 1;
            continue;
        }
        let mut quote: Option<u8> = None;
        while j < b.len() {
            let c = b[j];
            match quote {
                Some(q) if c == q => quote = None,
                Some(_) => {}
                None if c == b'"' || c == b'\'' => quote = Some(c),
                None if c == b'>' => break,
                None if c.is_ascii_whitespace() => {
                    let name_start = j + 1;
                    let mut k = name_start;
                    while k < b.len() && b[k].is_ascii_alphabetic() {
                        k += 1;
                    }
                    let name = html[name_start..k].to_ascii_lowercase();
                    if name.len() > 2 && name.starts_with("on") && b.get(k) == Some(&b'=') {
                        return Some(format!("an ` {name}=` attribute at byte {j}"));
                    }
                }
                None => {}
            }
            j += 1;
        }
        i = j;
    }
    None
}

fuzz_target!(|data: &[u8]| {
    let Ok(input) = std::str::from_utf8(data) else {
        return;
    };
    let mut parts = input.splitn(3, '\0');
    let markdown = parts.next().unwrap_or("");
    let translation = parts.next().unwrap_or("");
    let page_ftl = parts.next().unwrap_or("");
    let Ok(page) = ftlkit::build::render_text(markdown, translation, page_ftl, "ar") else {
        return;
    };
    if let Some(problem) = textual_problem(&page.html).or_else(|| structural_problem(&page.html)) {
        panic!(
            "the page has {problem}\nmarkdown: {markdown:?}\ntranslation: {translation:?}\npage: {page_ftl:?}\nhtml: {}",
            page.html
        );
    }
    // The Markdown output links only where the source does (up to the bidi
    // isolates, which the Markdown output removes from all text by design).
    let plain = |t: String| t.replace(['\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}'], "");
    let allowed: Vec<String> = ftlkit::markdown::link_targets(markdown)
        .into_iter()
        .map(plain)
        .collect();
    let foreign: Vec<String> = ftlkit::markdown::link_targets(&page.markdown)
        .into_iter()
        .map(plain)
        .filter(|t| !allowed.contains(t))
        .collect();
    assert!(
        foreign.is_empty(),
        "the Markdown output links to {foreign:?}, which the source does not\nmarkdown: {markdown:?}\ntranslation: {translation:?}\noutput: {:?}",
        page.markdown
    );
});
