#!/usr/bin/env bash
# Moves keep translations on a real book (issue 30): mdBook's own guide
# (../shared/corpora/mdbook-guide, read there, never copied into the
# repository), its pages flattened into content/ (`cli/build.md` becomes
# `cli-build.md`), extracted, given a French translation, then a page is
# `git mv`ed into another "folder", another is split in two, and the two are
# merged back: French keeps its translated count every time. Then a new
# one-file project gets page strings that are not blank.
# Usage: tests/ci/moves_book.sh FTLKIT CORPUS_DIR
set -euo pipefail
bin="$(realpath "$1")"
book="$(realpath "$2")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
mkdir content
(cd "$book/src" && find . -name '*.md' -print) | while read -r rel; do
  rel="${rel#./}"
  name="$(echo "$rel" | tr '/' '-')"
  # A document name starts with a letter (404.md becomes p404.md).
  case "$name" in [a-zA-Z]*) ;; *) name="p$name" ;; esac
  cp "$book/src/$rel" "content/$name"
done
git init -q . && git config user.email ci@example.invalid && git config user.name ci
"$bin" extract >/dev/null
"$bin" init fr >/dev/null
# "Translate" French: every template's English taken as it is (identical
# translations count as translated), so that there is something to keep.
python3 - <<'PY'
import pathlib
for path in pathlib.Path("locales/fr").glob("*.ftl"):
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
git add -A && git commit -qm book
translated() {
  "$bin" status fr --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)["locales"][0]["translated"])'
}
before="$(translated)"
pages="$(ls content | wc -l)"
echo "mdbook guide: $pages pages, fr translated $before"
test "$before" -gt 100

step() {
  local what="$1"
  local start end now
  start="$(date +%s%N)"
  "$bin" extract > "$work/extract.out"
  end="$(date +%s%N)"
  now="$(translated)"
  echo "$what: extract $(( (end - start) / 1000000 )) ms, fr translated $now; $(grep -c '←' "$work/extract.out" || true) move line(s)"
  if [ "$now" != "$before" ]; then
    cat "$work/extract.out" >&2
    echo "fr's translated count went from $before to $now after $what" >&2
    exit 1
  fi
}

# A page moved into another folder.
git mv content/cli-build.md content/guide-build-command.md
step "git mv cli-build → guide-build-command"
test ! -e locales/fr/cli-build.ftl
test -f locales/fr/guide-build-command.ftl

# A page split in two at its fourth section heading.
python3 - <<'PY'
import pathlib, re
page = pathlib.Path("content/format-markdown.md")
text = page.read_text()
at = [m.start() for m in re.finditer(r"^## ", text, re.M)][3]
page.write_text(text[:at])
pathlib.Path("content/format-markdown-extensions.md").write_text("#" + text[at + 2:].lstrip("#"))
PY
step "split format-markdown in two"
test -f locales/fr/format-markdown-extensions.ftl

# And merged back.
git checkout -q content/format-markdown.md
rm content/format-markdown-extensions.md
step "merge the halves back"
test ! -e locales/fr/format-markdown-extensions.ftl

# A new one-file project: page strings are never blank.
mkdir "$work/new" && cd "$work/new" && mkdir content
printf '+++\nauthor = "Ann Writer"\n+++\n\n# Hello\n\nA page.\n' > content/hello.md
"$bin" extract >/dev/null
"$bin" init ar >/dev/null
test -f ftlkit.toml
sed -i 's/^# (untranslated) \(hello-[a-z-]*\) = .*/\1 = مرحبا/' locales/ar/hello.ftl
"$bin" build >/dev/null
for page in dist/index.html dist/en-US/hello.html dist/ar/hello.html; do
  if grep -q 'aria-label=""\|: en-US\|>ar</a>' "$page"; then
    echo "$page: a blank page string or a raw locale code" >&2
    exit 1
  fi
done
grep -q 'Written by' dist/ar/hello.html
grep -q '>العربية</a>' dist/index.html
echo "new project: page strings and language names present"
