#!/usr/bin/env bash
# The translation memory with Translate Toolkit (issue 23), on a copy of the
# shipped project with a repeated title in a second document:
#  - `ftlkit memory export` writes TMX that translate.storage.tmx reads, with
#    as many units as the file has <tu>, the same English and Arabic;
#  - a TMX written by Translate Toolkit's po2tmx loads as a configured memory
#    (`status --suggest` offers its unit, origin the TMX file);
#  - the export's XLIFF <alt-trans> and PO translator comment are what
#    Translate Toolkit shows as a unit's alternative translation and notes.
# Usage: bench/memory_interop.sh path/to/ftlkit  (TT_BIN: Translate Toolkit's bin folder)
set -euo pipefail
bin="$(realpath "${1:-target/debug/ftlkit}")"
tt="${TT_BIN:-$(dirname "$(command -v po2tmx)")}"
py="$tt/python3"
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp -r "$repo/content" "$repo/locales" "$repo/l10n-state" "$repo/ftlkit.toml" "$work/"
printf '# Notes\n\nAl-Kadhimi and the Iraqi Hope\n' > "$work/content/notes.md"
"$bin" -C "$work" extract >/dev/null
"$bin" -C "$work" sync >/dev/null

# 1. ftlkit's TMX read by Translate Toolkit.
"$bin" -C "$work" memory export ar -o "$work/ar.tmx"
"$py" - "$work/ar.tmx" <<'PY'
import sys
from translate.storage import tmx
path = sys.argv[1]
text = open(path, encoding="utf-8").read()
store = tmx.tmxfile.parsefile(path)
units = [u for u in store.units if u.source]
want = text.count("<tu ") + text.count("<tu>")
assert len(units) == want, f"Translate Toolkit read {len(units)} units, the file has {want}"
title = [u for u in units if u.source == "Al-Kadhimi and the Iraqi Hope"]
assert title and title[0].target == "الكاظمي والأمل العراقي", [(u.source, u.target) for u in title]
print(f"memory interop: Translate Toolkit read {len(units)}/{want} units of ftlkit's TMX")
PY

# 2. A TMX written by po2tmx as a configured memory. The PO is ftlkit's
# export of the Arabic translations of the article alone, so the title comes
# back only through the TMX.
"$bin" -C "$work" export ar --only translated --doc article --no-memory -o "$work/ar.po"
"$tt/po2tmx" -l ar --progress=none "$work/ar.po" "$work/from-po.tmx" >/dev/null
rm -rf "$work/l10n-state/ar"
: > "$work/locales/ar/article.ftl"
printf '\n[memory]\nfiles = ["from-po.tmx"]\n' >> "$work/ftlkit.toml"
"$bin" -C "$work" status ar --untranslated --suggest --format json > "$work/suggest.json"
"$py" - "$work/suggest.json" <<'PY'
import json, sys
report = json.load(open(sys.argv[1], encoding="utf-8"))
unit = next(u for u in report["untranslated"] if u["id"] == "notes-intro-kadhimi-iraqi-hope")
best = unit["suggestions"][0]
assert best["text"] == "الكاظمي والأمل العراقي" and best["score"] == 100, best
assert "from-po.tmx:" in best["origin"], best
print(f"memory interop: po2tmx's TMX loads as a memory ({best['origin']}, {best['score']}%)")
PY

# 3. The export's matches as Translate Toolkit shows them.
"$bin" -C "$work" export ckb -o "$work/ckb.xlf"
"$bin" -C "$work" export ckb -o "$work/ckb.po"
"$py" - "$work/ckb.xlf" "$work/ckb.po" <<'PY'
import sys
from translate.storage import factory
xlf = factory.getobject(sys.argv[1])
unit = next(u for u in xlf.units if u.getid().endswith("notes-intro-kadhimi-iraqi-hope"))
alts = unit.getalttrans()
assert alts, "no alt-trans for the repeated title"
quality = alts[0].xmlelement.get("match-quality")
assert quality == "100", quality
assert alts[0].target, "the alt-trans has no target"
assert not unit.target, f"the match became the translation: {unit.target!r}"
po = factory.getobject(sys.argv[2])
unit = next(u for u in po.units if u.getcontext() == "notes-intro-kadhimi-iraqi-hope")
notes = unit.getnotes("translator")
assert "Translation memory (100%, exact" in notes and alts[0].target in notes, notes
assert not unit.target, f"the match became the translation: {unit.target!r}"
print("memory interop: Translate Toolkit shows the XLIFF alt-trans (100%) and the PO translator comment")
PY
