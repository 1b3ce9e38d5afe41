#!/usr/bin/env bash
# What move detection costs `extract` on a large book (issue 30): COPIES
# copies of mdBook's guide flattened into one content folder (35 pages each),
# LOCALES locales each translated in full, then three extracts timed:
#   - nothing changed (the pairing only);
#   - one page deleted and one unrelated page added (detection runs, finds nothing);
#   - a tenth of the pages renamed (every locale's files carried).
# and fr's translated count before and after the renames (they must agree).
# Usage: bench/moves.sh FTLKIT [CORPUS_DIR] (COPIES=10 LOCALES=20 by default).
set -euo pipefail
bin="$(realpath "$1")"
book="$(realpath "${2:-$(dirname "$0")/../../shared/corpora/mdbook-guide}")"
copies="${COPIES:-10}"
nlocales="${LOCALES:-20}"
all=(fr ar de es it ja ko pt-BR ru zh-CN he fa tr pl nl sv cs uk id vi)
work="$(mktemp -d)"
[ -n "${KEEP:-}" ] || trap 'rm -rf "$work"' EXIT; echo "work: $work" >&2
cd "$work"
mkdir content
for k in $(seq 1 "$copies"); do
  (cd "$book/src" && find . -name '*.md' -print) | while read -r rel; do
    rel="${rel#./}"
    cp "$book/src/$rel" "content/c$k-$(echo "$rel" | tr '/' '-')"
  done
done
"$bin" extract >/dev/null
for l in "${all[@]:0:$nlocales}"; do "$bin" init "$l" >/dev/null; done
python3 - <<'PY'
import pathlib
for path in pathlib.Path("locales").glob("*/*.ftl"):
    if path.parent.name == "en-US":
        continue
    out = []
    for line in path.read_text().splitlines(keepends=True):
        if line.startswith("# (untranslated) "):
            out.append(line[len("# (untranslated) "):])
        elif line.startswith("#  "):
            out.append(line[3:])
        else:
            out.append(line)
    path.write_text("".join(out))
PY
"$bin" extract >/dev/null
translated() {
  "$bin" status fr --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)["locales"][0]["translated"])'
}
# Wall time, and the CPU time apart: what is left is waiting for the disk
# (every file ftlkit writes in locales/ and l10n-state/ is fsynced).
timed() {
  /usr/bin/time -f "%e s wall, %U s user, %S s system" -o "$work/time" "$bin" extract > "$work/out"
  cat "$work/time"
}
pages="$(ls content | wc -l)"
before="$(translated)"
echo "book: $pages pages, $nlocales locales, fr translated $before"
echo "extract, nothing changed: $(timed)"
first="$(ls content | sed -n 1p)"
rm "content/$first"
printf '# Unrelated\n\nA page about nothing in the book.\n' > content/zz-unrelated.md
echo "extract, one page deleted and one added: $(timed)"
kept="$(translated)"
n=0
for page in $(ls content | awk 'NR % 10 == 5'); do
  mv "content/$page" "content/moved-$page"
  n=$((n + 1))
done
echo "extract, $n pages renamed: $(timed) ($(grep -c '←' "$work/out") move lines)"
after="$(translated)"
echo "fr translated: $before at first, $kept after the deletion, $after after the renames"
if [ "$after" != "$kept" ]; then
  echo "the renames lost French translations" >&2
  exit 1
fi
