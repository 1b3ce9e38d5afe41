#!/usr/bin/env bash
# Peak memory of `ftlkit build` (and of a build again into its own output
# folder, of `extract` and `check`) by the number of
# pages (issue 30: memory flat in the pages): trees.sh's book at several
# sizes, each locale translating every message. Prints one line a size, and
# how much each added page cost between the smallest and the largest book.
#
#   bench/pages-memory.sh [FTLKIT_BIN] [CORPUS_DIR] [COPIES...]
# COPIES defaults to 1 3 11 22 (35, 103, 375, 749 documents) × 21 locales.
# Set TMPDIR=/dev/shm to keep the disk out of it.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bin="$(realpath "${1:-$here/../target/release/ftlkit}")"
corpus="$(realpath "${2:-$here/../../shared/corpora/mdbook-guide}")"
shift $(( $# > 2 ? 2 : $# ))
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1 3 11 22)
locales=(ar fr de es it pt-BR ru ja zh-CN ko he fa tr pl nl sv uk vi id ckb)
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
peak() { # command… → peak MB
  /usr/bin/time -f "%M" -o "$tmp/time" "$@" > /dev/null 2> "$tmp/err" || { cat "$tmp/err" >&2; exit 1; }
  echo $(( $(cat "$tmp/time") / 1024 ))
}
printf '%-10s %8s %10s %10s %12s %10s\n' pages files "build MB" "again MB" "extract MB" "check MB"
first=""; last=""
for copies in "${sizes[@]}"; do
  book="$tmp/book-$copies"
  "$here/tree_book.sh" "$book" "$corpus" "$copies" "${locales[@]}"
  docs=$(find "$book/src" -name '*.md' | wc -l)
  "$bin" -C "$book" extract > /dev/null
  for l in "${locales[@]}"; do
    mkdir -p "$book/locales/$l"
    cp -r "$book/locales/en-US/." "$book/locales/$l/"
  done
  # The translations' state records, as a project has them.
  "$bin" -C "$book" extract > /dev/null
  build=$(peak "$bin" -C "$book" build -o "$tmp/site-$copies")
  again=$(peak "$bin" -C "$book" build -o "$tmp/site-$copies")
  extract=$(peak "$bin" -C "$book" extract)
  check=$(peak "$bin" -C "$book" check)
  files=$(find "$tmp/site-$copies" -type f | wc -l)
  pages=$(( docs * (${#locales[@]} + 1) ))
  printf '%-10s %8d %10d %10d %12d %10d\n' "$pages" "$files" "$build" "$again" "$extract" "$check"
  [ -n "$first" ] || first="$pages $build"
  last="$pages $build"
  rm -rf "$book" "$tmp/site-$copies"
done
read -r p0 m0 <<< "$first"; read -r p1 m1 <<< "$last"
if [ "$p1" -gt "$p0" ]; then
  echo "build: $(echo "scale=1; ($m1 - $m0) * 1024 / ($p1 - $p0)" | bc) KB a page between $p0 and $p1 pages"
fi
