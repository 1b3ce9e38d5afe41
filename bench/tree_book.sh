#!/usr/bin/env bash
# The bench book of issue 30 (trees.sh, extract.sh, pages-memory.sh): COPIES copies of mdBook's
# guide (../shared/corpora/mdbook-guide) under one src/ with one SUMMARY.md,
# and an ftlkit.toml with `content = "src"` and the LOCALES as targets.
#
#   bench/tree_book.sh BOOK_DIR CORPUS_DIR COPIES LOCALE…
set -euo pipefail
book="$1"; corpus="$(realpath "$2")"; copies="$3"; shift 3
locales=("$@")
mkdir -p "$book/src"
python3 - "$corpus" "$book" "$copies" <<'PY'
import os, re, shutil, sys
corpus, book, copies = sys.argv[1], sys.argv[2], int(sys.argv[3])
summary = ["# Summary", ""]
for k in range(1, copies + 1):
    part = f"part{k:02d}"
    shutil.copytree(os.path.join(corpus, "src"), os.path.join(book, "src", part))
    os.remove(os.path.join(book, "src", part, "SUMMARY.md"))
    text = open(os.path.join(corpus, "src", "SUMMARY.md")).read()
    summary.append(f"# Part {k}")
    summary.append("")
    for line in text.splitlines()[1:]:
        if line.startswith("# "):
            continue
        line = re.sub(r"\]\(([^)]+\.md)\)", lambda m: f"]({part}/{m.group(1)})", line)
        # A prefix chapter (`[Introduction](README.md)`) is one of the part's.
        if line.startswith("["):
            line = "- " + line
        # The part's own {{#include ../SUMMARY.md}} now names a chapter.
        summary.append(line)
    summary.append("")
open(os.path.join(book, "src", "SUMMARY.md"), "w").write("\n".join(summary))
toml = open(os.path.join(corpus, "book.toml")).read()
toml = re.sub(r"\[preprocessor\.guide-helper\]\ncommand = [^\n]*\n", "", toml)
open(os.path.join(book, "book.toml"), "w").write(toml)
PY
# Each part's `{{#include ../SUMMARY.md}}` would read the whole book's summary.
find "$book/src" -name summary.md -path '*/format/*' -exec sed -i 's|{{#include ../SUMMARY.md}}|(the summary)|' {} +
{
  echo 'source-locale = "en-US"'
  echo 'content = "src"'
  printf 'locales = ['; printf '"%s", ' "${locales[@]}" | sed 's/, $//'; echo ']'
} > "$book/ftlkit.toml"
