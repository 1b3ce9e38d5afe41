#!/usr/bin/env bash
# The pages as validators see them (issue 31): the shipped project plus a test
# document (code, inline code in translated Arabic and Kurdish sentences, an
# ordered list, a footnote, URLs, an untranslated paragraph; its title and a
# list item then reworded: stale) and a stale merged paragraph, built with a
# base URL; then the W3C Nu HTML Checker
# (npm's vnu-jar, on the system's Java) with 0 errors, axe-core in headless
# Chromium (puppeteer-core) with 0 violations, on every page and index; and
# sitemap.xml parsed, its URLs absolute, its alternates the pages' own.
# Usage: tests/ci/readers.sh FTLKIT [PYTHON]
set -euo pipefail
bin="$(realpath "$1")"
python="${2:-python3}"
repo="$(cd "$(dirname "$0")/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# --ignore-scripts: vnu-jar's install script would fetch a Java; the system's is used.
npm install --silent --no-audit --no-fund --ignore-scripts --prefix "$work/npm" \
  vnu-jar@26.9.27 axe-core@4.14.1 puppeteer-core@24.43.1 >/dev/null
vnu="$work/npm/node_modules/vnu-jar/build/dist/vnu.jar"
test -f "$vnu" || { echo "no vnu.jar at $vnu" >&2; exit 1; }

p="$work/p"
mkdir "$p"
cp -r "$repo/content" "$repo/locales" "$repo/l10n-state" "$repo/ftlkit.toml" "$repo/glossary.toml" "$p/"
cd "$p"
cat > content/reader.md <<'MD'
+++
description = "What a reader sees"
+++

# Reader test

Run `ftlkit build` to *publish* the pages, then read <https://example.org/docs>.[^1]

3. Open the box.
4. Count the parts.

```toml
[build]
base-url = "https://example.org/"
```

This paragraph is not translated: it has **strong** words and [a link](https://example.org/).

[^1]: A footnote.
MD
# The editor merges the article's first two paragraphs: stale in every locale.
"$python" - <<'PY'
import re
p = "content/article.md"
s = open(p, encoding="utf-8").read()
s2 = re.sub(r"(to this day\.)\n\n(The country then)", r"\1 \2", s, count=1)
assert s2 != s, "the shipped article changed"
open(p, "w", encoding="utf-8").write(s2)
PY
"$bin" extract >/dev/null
"$python" - <<'PY'
import re
english = open("locales/en-US/reader.ftl", encoding="utf-8").read()
ids = {m.group(2): m.group(1) for m in re.finditer(r"^([a-z0-9-]+) = (.*)$", english, re.M)}
words = {
    "ar": ["اختبار القارئ", "ما يراه القارئ",
           "شغّل `ftlkit build` *لنشر* الصفحات، ثم اقرأ <https://example.org/docs>.[^1]",
           "افتح الصندوق.", "عُدّ القطع.", "حاشية."],
    "ckb": ["تاقیکردنەوەی خوێنەر", "ئەوەی خوێنەر دەیبینێت",
            "`ftlkit build` لێبدە بۆ *بڵاوکردنەوەی* پەڕەکان، پاشان <https://example.org/docs> بخوێنەوە.[^1]",
            "سندووقەکە بکەرەوە.", "پارچەکان بژمێرە.", "پەراوێز."],
    "fr": ["Test du lecteur", "Ce que voit un lecteur",
           "Lancez `ftlkit build` pour *publier* les pages, puis lisez <https://example.org/docs>.[^1]",
           "Ouvrez la boîte.", "Comptez les pièces.", "Une note."],
}
english_texts = ["Reader test", "What a reader sees",
                 "Run `ftlkit build` to *publish* the pages, then read <https://example.org/docs>.[^1]",
                 "Open the box.", "Count the parts.", "A footnote."]
for locale, texts in words.items():
    with open(f"locales/{locale}/reader.ftl", "w", encoding="utf-8") as f:
        for en, text in zip(english_texts, texts):
            f.write(f"{ids[en]} = {text}\n")
PY
# Then the editor rewords the test document's title and a list item: stale
# notes after a heading and after a list too.
"$bin" extract >/dev/null
sed -i 's/^# Reader test$/# Reader test page/; s/^3\. Open the box\.$/3. Open the box carefully./' content/reader.md
"$bin" extract >/dev/null
"$bin" build --verbose --base-url https://example.org/site/ > "$work/build.txt"
grep -q '^ar  *reader .*2 stale (shown with a note and the English)' "$work/build.txt" \
  || { echo "build does not count the stale blocks:" >&2; cat "$work/build.txt" >&2; exit 1; }
pages=(dist/index.html)
for locale in en-US ar ckb fr; do
  pages+=("dist/$locale/index.html" "dist/$locale/article.html" "dist/$locale/reader.html")
done
for page in "${pages[@]}"; do test -f "$page" || { echo "not built: $page" >&2; exit 1; }; done
for page in dist/ar/article.html dist/ckb/reader.html; do
  grep -q 'class="stale"' "$page" || { echo "no stale note on $page" >&2; exit 1; }
done

# The Nu HTML Checker: errors only (its warnings are advice).
if ! java -jar "$vnu" --errors-only --format gnu "${pages[@]}"; then
  echo "vnu found errors in the pages above" >&2
  exit 1
fi
echo "vnu: ${#pages[@]} pages, 0 errors"
NPM_DIR="$work/npm" node "$repo/tests/ci/axe.js" "${pages[@]}"

# sitemap.xml: well-formed, absolute, the same alternates as each page's head.
"$python" - <<'PY'
import html.parser, xml.etree.ElementTree as ET
base = "https://example.org/site/"
ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
root = ET.parse("dist/sitemap.xml").getroot()

class Head(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = set()
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "link" and a.get("rel") == "alternate":
            self.links.add((a["hreflang"], a["href"]))

urls = root.findall("s:url", ns)
assert len(urls) >= 13, len(urls)
for url in urls:
    loc = url.find("s:loc", ns).text
    assert loc.startswith(base), loc
    links = {(l.get("hreflang"), l.get("href")) for l in url.findall("x:link", ns)}
    assert all(h.startswith(base) for _, h in links), links
    if loc == base + "index.html":
        continue
    head = Head()
    head.feed(open("dist/" + loc[len(base):], encoding="utf-8").read())
    assert head.links == links, (loc, head.links ^ links)
print(f"sitemap.xml: {len(urls)} URLs, absolute, alternates as the pages have them")
PY
