#!/usr/bin/env bash
# `ftlkit extract` on the bench book of issue 30 (bench/tree_book.sh: COPIES
# copies of mdBook's guide, 20 target locales each translating every message,
# the English copied). Prints the wall time, CPU time (user + system: what the
# machine's other work does not inflate) and peak memory of
#
#   new translations   extract with every locale's translations new to it (no
#                      l10n-state/ yet: 20 × 375 state records written), RUNS times
#   nothing changed    extract right after, RUNS times
#   one edit a locale  extract after a translator edited one message in each
#                      locale (20 records rewritten), RUNS times
#
# and the median CPU time of each. The book is made in $TMPDIR (use
# TMPDIR=/dev/shm: on tmpfs the figures are CPU, not the disk) and removed.
# BEFORE=OTHER_BIN times that binary too, in turn with FTLKIT_BIN (a change
# compared under the same load).
#
#   [BEFORE=OTHER_BIN] bench/extract.sh [FTLKIT_BIN] [RUNS] [CORPUS_DIR] [COPIES]
# FTLKIT_BIN defaults to target/release/ftlkit (build it with cargo build --release).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bin="$(realpath "${1:-$here/../target/release/ftlkit}")"
runs="${2:-5}"
corpus="$(realpath "${3:-$here/../../shared/corpora/mdbook-guide}")"
copies="${4:-11}"
locales=(ar fr de es it pt-BR ru ja zh-CN ko he fa tr pl nl sv uk vi id ckb)
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
book="$tmp/book"
"$here/tree_book.sh" "$book" "$corpus" "$copies" "${locales[@]}"
cd "$book"
"$bin" extract > /dev/null
for l in "${locales[@]}"; do
  mkdir -p "locales/$l"
  cp -r locales/en-US/. "locales/$l/"
done
pages=$(find src -name '*.md' | wc -l)
echo "book: $pages documents, ${#locales[@]} target locales"

# One timed extract by binary $1: prints its line, appends its CPU seconds to
# $tmp/cpu.<label>.
measure() { # binary, label
  /usr/bin/time -f "%e %U %S %M" -o "$tmp/time" "$1" extract > "$tmp/out" 2> "$tmp/err" || { cat "$tmp/err" >&2; exit 1; }
  read -r secs user sys kb < "$tmp/time"
  cpu="$(echo "$user + $sys" | bc)"
  echo "$cpu" >> "$tmp/cpu.$2"
  printf '%-28s %5.2f s wall  %5.2f s CPU (%4.2f user + %4.2f system)  %4d MB peak\n' "$2" "$secs" "$cpu" "$user" "$sys" "$((kb / 1024))"
}
# The binaries timed, one run of each in turn (BEFORE=another binary compares
# the two under the same load).
bins=("$bin")
[ -z "${BEFORE:-}" ] || bins=("$(realpath "$BEFORE")" "$bin")
name() { [ "$1" = "$bin" ] && echo "" || echo " (before)"; }
for _ in $(seq "$runs"); do
  for b in "${bins[@]}"; do
    rm -rf l10n-state
    measure "$b" "new translations$(name "$b")"
  done
done
for _ in $(seq "$runs"); do
  for b in "${bins[@]}"; do
    measure "$b" "nothing changed$(name "$b")"
  done
done
cp l10n-state/fr/part01/guide/creating.json "$tmp/before.json"
for _ in $(seq "$runs"); do
  for b in "${bins[@]}"; do
    for l in "${locales[@]}"; do
      perl -pi -e 'if (!$done && /^[a-z][\w-]* = /) { s/$/ (edited)/; $done = 1 }' "locales/$l/part01/guide/creating.ftl"
    done
    measure "$b" "one edit a locale$(name "$b")"
  done
done
# The edits were recorded (a new hash, unreviewed).
! cmp -s "$tmp/before.json" l10n-state/fr/part01/guide/creating.json || { echo "the edits were not recorded" >&2; exit 1; }
for f in "$tmp"/cpu.*; do
  printf '%-28s median %.2f s CPU\n' "${f#"$tmp"/cpu.}" "$(sort -n "$f" | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')"
done
