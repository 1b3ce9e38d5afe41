//! `sitemap.xml` (with `[build] base-url` only): every published page of a
//! real locale with its `hreflang` alternates, in Google's format
//! (`xhtml:link rel="alternate"` under each `<url>`, every version listing
//! every version and itself, plus `x-default`). Disk-free.

/// One page of the site and the versions it has (locale ids, pseudo-locales
/// left out), each at `<locale>/<path>`.
pub(super) struct Entry<'a> {
    /// The page's path under each locale's folder (`article.html`, `index.html`).
    pub path: String,
    pub locales: Vec<&'a str>,
    /// Where `x-default` points, under the base URL: the source locale's
    /// version (`en-US/article.html`), else the site index (`index.html`).
    pub default: String,
}

/// XML text and attribute values.
fn escape(text: &str) -> String {
    quick_xml::escape::escape(text).into_owned()
}

/// The sitemap of `entries` under `base` (ending in `/`), and the site index.
pub(super) fn sitemap(base: &str, entries: &[Entry]) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    out.push_str(&format!(
        "  <url>\n    <loc>{}</loc>\n  </url>\n",
        escape(&format!("{base}index.html"))
    ));
    for entry in entries {
        let url = |locale: &str| escape(&format!("{base}{locale}/{}", entry.path));
        for locale in &entry.locales {
            out.push_str(&format!("  <url>\n    <loc>{}</loc>\n", url(locale)));
            if entry.locales.len() > 1 {
                for alternate in &entry.locales {
                    out.push_str(&format!(
                        "    <xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>\n",
                        escape(alternate),
                        url(alternate)
                    ));
                }
                out.push_str(&format!(
                    "    <xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"{}\"/>\n",
                    escape(&format!("{base}{}", entry.default))
                ));
            }
            out.push_str("  </url>\n");
        }
    }
    out.push_str("</urlset>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_version_lists_every_version_and_x_default() {
        let xml = sitemap(
            "https://example.org/docs/",
            &[Entry {
                path: "a&b.html".into(),
                locales: vec!["en-US", "ar"],
                default: "en-US/a&b.html".into(),
            }],
        );
        assert!(xml.contains("<loc>https://example.org/docs/index.html</loc>"));
        assert!(xml.contains("<loc>https://example.org/docs/ar/a&amp;b.html</loc>"));
        assert_eq!(xml.matches("hreflang=\"x-default\"").count(), 2);
        assert_eq!(xml.matches("hreflang=\"ar\"").count(), 2);
    }
}
