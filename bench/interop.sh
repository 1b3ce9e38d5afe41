#!/usr/bin/env bash
# Interop checks of `ftlkit export` / `ftlkit import` with real tools (exit 1 on
# the first failure):
#  - GNU gettext's `msgfmt --check` accepts every exported PO;
#  - Translate Toolkit reads both files: `pocount` counts the same units and
#    states in the PO and the XLIFF, and the same as ftlkit
#    (translated / stale = fuzzy / missing = untranslated, per unit: see
#    `export --only`); `pofilter` reads both;
#  - files written by Translate Toolkit (`po2xliff`, `xliff2po`, and a unit
#    translated through its Python API) import back: unchanged ones as a no-op,
#    the translated one changing exactly that message;
#  - a review through Translate Toolkit: an unreviewed translation exported
#    as fuzzy, approved with its API, imported back as reviewed (XLIFF, and
#    the PO xliff2po makes of it);
#  - a glossary in TBX written by Translate Toolkit's API is read by `check`;
#  - the XLIFF against the OASIS XLIFF 1.2 schema when `xmllint` and the
#    schema are installed (no Debian or PyPI package ships it: said, skipped).
# Run on the shipped article (ar, fr, ckb) and on bench/build.sh's site.
#
# Usage: bench/interop.sh [FTLKIT_BIN]
# Needs: apt-get install -y gettext; python3 -m venv /tmp/tt-venv &&
# /tmp/tt-venv/bin/pip install translate-toolkit (or TT_BIN=dir of pocount).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
if [ $# -ge 1 ]; then
    BIN="$(realpath "$1")"
else
    cargo build --quiet --manifest-path "$ROOT/Cargo.toml"
    BIN="$ROOT/target/debug/ftlkit"
fi
TT_BIN="${TT_BIN:-$(dirname "$(command -v pocount 2>/dev/null || echo /tmp/tt-venv/bin/pocount)")}"
PY="$TT_BIN/python3"
[ -x "$PY" ] || PY=python3
for tool in msgfmt "$TT_BIN/pocount" "$TT_BIN/po2xliff" "$TT_BIN/xliff2po" "$TT_BIN/pofilter"; do
    command -v "$tool" >/dev/null || { echo "interop: $tool missing (see the header of $0)" >&2; exit 1; }
done
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
fail() { echo "interop FAILED: $*" >&2; exit 1; }
tree_sum() { (cd "$1/locales" && find . -type f -print0 | sort -z | xargs -0 sha256sum | sha256sum); }

# pocount's translated,fuzzy,untranslated,total messages of a file.
counts() { "$TT_BIN/pocount" --csv "$1" | awk -F, 'NR==2 {print $2","$5","$7","$9}'; }
# ftlkit's own units per state (export --only …): translated,stale,missing,total.
ftlkit_counts() {
    local t f m
    t="$("$BIN" -C "$1" export "$2" --format po --only translated | grep -c '^msgctxt' || true)"
    f="$("$BIN" -C "$1" export "$2" --format po --only stale | grep -c '^msgctxt' || true)"
    m="$("$BIN" -C "$1" export "$2" --format po --only missing | grep -c '^msgctxt' || true)"
    echo "$t,$f,$m,$((t + f + m))"
}
check_locale() {
    local site="$1" locale="$2" out="$WORK/$3-$2"
    "$BIN" -C "$site" export "$locale" -o "$out.po"
    "$BIN" -C "$site" export "$locale" -o "$out.xlf"
    msgfmt --check -o /dev/null "$out.po" || fail "msgfmt --check $out.po"
    local po xlf st
    po="$(counts "$out.po")"
    xlf="$(counts "$out.xlf")"
    st="$(ftlkit_counts "$site" "$locale")"
    [ "$po" = "$xlf" ] || fail "$3 $locale: pocount PO $po, XLIFF $xlf"
    [ "$po" = "$st" ] || fail "$3 $locale: pocount $po, ftlkit $st (translated,stale,missing,total units)"
    "$TT_BIN/pofilter" --progress=none "$out.po" "$out-filtered.po" >/dev/null 2>&1 || fail "pofilter $out.po"
    "$TT_BIN/pofilter" --progress=none "$out.xlf" "$out-filtered.xlf" >/dev/null 2>&1 || fail "pofilter $out.xlf"
    "$TT_BIN/po2xliff" --progress=none "$out.po" "$out-tt.xlf" >/dev/null
    "$TT_BIN/xliff2po" --progress=none "$out.xlf" "$out-tt.po" >/dev/null
    local before
    before="$(tree_sum "$site")"
    "$BIN" -C "$site" import "$out.po" >/dev/null || fail "import $out.po"
    "$BIN" -C "$site" import "$out.xlf" >/dev/null || fail "import $out.xlf"
    "$BIN" -C "$site" import "$out-tt.xlf" >/dev/null || fail "import of po2xliff's $out-tt.xlf"
    "$BIN" -C "$site" import --locale "$locale" "$out-tt.po" >/dev/null || fail "import of xliff2po's $out-tt.po"
    [ "$(tree_sum "$site")" = "$before" ] || fail "$3 $locale: an unchanged import changed files"
    echo "$3 $locale: msgfmt ok; pocount PO = XLIFF = ftlkit ($po translated,fuzzy,untranslated,total); po2xliff/xliff2po files import as no-ops"
}

# A unit translated by Translate Toolkit's own PO writer imports as exactly one message.
translate_one() {
    local site="$1" locale="$2" out="$WORK/one-$2.po"
    "$BIN" -C "$site" export "$locale" --only missing -o "$out"
    "$PY" - "$out" <<'PYEOF'
import sys
from translate.storage import factory
store = factory.getobject(sys.argv[1])
unit = next(u for u in store.units if not u.isheader() and not u.target)
unit.target = "ترجمة " + unit.source
store.save()
PYEOF
    cp -r "$site/locales" "$WORK/locales-before"
    "$BIN" -C "$site" import "$out" >/dev/null || fail "import of a unit Translate Toolkit translated"
    # One line added; the only line it may take out is that message's template
    # (`# (untranslated) …`, which the shipped Kurdish has for each missing one).
    local diff added removed
    diff="$(diff -r "$WORK/locales-before" "$site/locales" || true)"
    added="$(grep -c '^>' <<<"$diff" || true)"
    removed="$(grep '^<' <<<"$diff" | grep -vc '^< # (untranslated) ' || true)"
    [ "$added" = 1 ] && [ "$removed" = 0 ] || fail "translating one unit added $added lines and removed $removed non-template lines"
    rm -rf "$WORK/locales-before"
    echo "$locale: one unit translated with Translate Toolkit imports as one line (in place of its template)"
}

schema() {
    local xsd
    xsd="$(find /usr/share/xml /usr/share/sgml -iname 'xliff-core-1.2*.xsd' 2>/dev/null | head -1 || true)"
    if command -v xmllint >/dev/null && [ -n "$xsd" ]; then
        for f in "$WORK"/*.xlf; do
            case "$f" in *-tt.xlf|*-filtered.xlf) continue;; esac
            xmllint --noout --schema "$xsd" "$f" || fail "schema: $f"
        done
        echo "XLIFF valid against $xsd"
    else
        echo "XLIFF schema check skipped: no installed package ships the OASIS XLIFF 1.2 schema (xliff-core-1.2-strict.xsd)"
    fi
}

SHIPPED="$WORK/shipped"
mkdir -p "$SHIPPED"
cp -r "$ROOT/content" "$ROOT/locales" "$ROOT/ftlkit.toml" "$ROOT/glossary.toml" "$SHIPPED/"
[ -d "$ROOT/l10n-state" ] && cp -r "$ROOT/l10n-state" "$SHIPPED/"
for locale in ar fr ckb; do check_locale "$SHIPPED" "$locale" shipped; done
translate_one "$SHIPPED" ckb
# Stale units (fuzzy / needs-review-translation): the English of the title changed.
if [ -d "$SHIPPED/l10n-state" ]; then
    sed -i "s/^# Al-Kadhimi and the Iraqi Hope/# Al-Kazimi and the Iraqi Hope/" "$SHIPPED/content/article.md"
    "$BIN" -C "$SHIPPED" extract >/dev/null
    check_locale "$SHIPPED" ar shipped-stale
fi

# Review through a CAT tool (issue 29): a French paragraph retranslated by
# hand and not reviewed is exported for review (PO `#, fuzzy`, XLIFF
# `approved="no"`); Translate Toolkit's API approves it (markfuzzy(False)) in
# the XLIFF, `xliff2po` carries that to a PO, and ftlkit's import of either
# records the review.
review_round_trip() {
    local kind="$1" site="$WORK/review-$1"
    mkdir -p "$site"
    cp -r "$ROOT/content" "$ROOT/locales" "$ROOT/ftlkit.toml" "$ROOT/glossary.toml" "$ROOT/l10n-state" "$site/"
    sed -i '0,/^article-intro-/s/^\(article-intro-[^ ]*\) = .*/\1 = Une traduction refaite, pas encore relue./' "$site/locales/fr/article.ftl"
    "$BIN" -C "$site" sync fr >/dev/null
    unreviewed() { "$BIN" -C "$site" status fr --format json | "$PY" -c 'import json,sys; print(json.load(sys.stdin)["locales"][0]["unreviewed"])'; }
    [ "$(unreviewed)" = 1 ] || fail "review: $(unreviewed) unreviewed after a retranslation, not 1"
    local out="$WORK/review-$1"
    "$BIN" -C "$site" export fr -o "$out.xlf"
    "$BIN" -C "$site" export fr -o "$out.po"
    [ "$(counts "$out.po" | cut -d, -f2)" = 1 ] || fail "review: pocount sees $(counts "$out.po") (translated,fuzzy,…), not 1 fuzzy"
    "$PY" - "$out.xlf" <<'PYEOF'
import sys
from translate.storage import factory
store = factory.getobject(sys.argv[1])
fuzzy = [u for u in store.units if not u.isheader() and u.isfuzzy()]
assert len(fuzzy) == 1, [u.getid() for u in fuzzy]
fuzzy[0].markfuzzy(False)
store.save()
PYEOF
    local file="$out.xlf"
    if [ "$kind" = po ]; then
        "$TT_BIN/xliff2po" --progress=none "$out.xlf" "$out-approved.po" >/dev/null
        file="$out-approved.po"
    fi
    "$BIN" -C "$site" import --locale fr "$file" >/dev/null || fail "review: import of $file"
    [ "$(unreviewed)" = 0 ] || fail "review: the approval in $file was not recorded"
    echo "review through Translate Toolkit ($kind): exported as fuzzy, approved in the tool, recorded as reviewed on import"
}
review_round_trip xliff
review_round_trip po

# A glossary in TBX written by Translate Toolkit (issue 33): the article's
# names for French and Arabic through its API (csv2tbx cannot name the target
# language: it writes `xx`); `check` reads it in place of the TOML table, the
# shipped translations agree with it, and a French name spelled otherwise is
# found.
glossary_tbx() {
    local site="$WORK/glossary"
    mkdir -p "$site"
    cp -r "$ROOT/content" "$ROOT/locales" "$ROOT/ftlkit.toml" "$site/"
    "$PY" - "$site/terms.tbx" <<'PYEOF'
import sys
from translate.storage import tbx
for lang, name, pmf in [("fr", "Kazimi", "Forces de mobilisation populaire")]:
    f = tbx.tbxfile()
    f.settargetlanguage(lang)
    f.addsourceunit("Kadhimi").settarget(name)
    f.addsourceunit("Popular Mobilization Forces").settarget(pmf)
    open(sys.argv[1], "wb").write(bytes(f))
PYEOF
    sed -i 's/files = \["glossary.toml"\]/files = ["terms.tbx"]/' "$site/ftlkit.toml"
    grep -q terms.tbx "$site/ftlkit.toml" || fail "glossary: ftlkit.toml names no terms.tbx"
    "$BIN" -C "$site" check --format json > "$WORK/glossary.json" 2> "$WORK/glossary.err" || true
    grep -q glossary "$WORK/glossary.err" && fail "glossary: $(cat "$WORK/glossary.err")"
    grep -q '"glossary-' "$WORK/glossary.json" && fail "glossary: the shipped French disagrees with the TBX"
    sed -i '0,/Kazimi/s//Kazemi/' "$site/locales/fr/article.ftl"
    "$BIN" -C "$site" check --format json > "$WORK/glossary.json" || true
    grep -q '"glossary-term"' "$WORK/glossary.json" || fail "glossary: Kazemi for Kazimi not found through the TBX"
    echo "glossary in TBX from Translate Toolkit: read, the shipped French agrees, a name spelled otherwise found"
}
glossary_tbx

# Do-not-translate in TBX (issue 33): the fixture tests/fixtures/glossary/terms.tbx
# marks Firefox as Translate Toolkit reads it (`<descrip type="Translation
# needed">no</descrip>`); Translate Toolkit's API reads it so, and `check`
# reads the file in place of the TOML table with no warning, the shipped
# translations agreeing with it.
glossary_do_not_translate() {
    local site="$WORK/glossary-dnt"
    mkdir -p "$site"
    cp -r "$ROOT/content" "$ROOT/locales" "$ROOT/ftlkit.toml" "$site/"
    cp "$ROOT/tests/fixtures/glossary/terms.tbx" "$site/terms.tbx"
    "$PY" - "$site/terms.tbx" <<'PYEOF' || fail "glossary: Translate Toolkit reads the fixture otherwise"
import sys
from translate.storage import tbx
units = {u.source: u for u in tbx.tbxfile.parsefile(sys.argv[1]).units}
assert not units["Firefox"].istranslatable(), "Firefox should be do-not-translate"
assert units["Kadhimi"].istranslatable() and units["mask"].istranslatable()
assert units["Kadhimi"].gettarget("ar") == "الكاظمي", units["Kadhimi"].gettarget("ar")
PYEOF
    sed -i 's/files = \["glossary.toml"\]/files = ["terms.tbx"]/' "$site/ftlkit.toml"
    "$BIN" -C "$site" check --format json > "$WORK/glossary-dnt.json" 2> "$WORK/glossary-dnt.err" || true
    grep -q glossary "$WORK/glossary-dnt.err" && fail "glossary: $(cat "$WORK/glossary-dnt.err")"
    grep -q '"glossary-' "$WORK/glossary-dnt.json" && fail "glossary: the shipped translations disagree with terms.tbx"
    echo "glossary do-not-translate in TBX: Translate Toolkit and check read the fixture alike"
}
glossary_do_not_translate

SITE="$WORK/site"
"$PY" - "$ROOT" "$BIN" "$SITE" <<'PYEOF'
import sys
root, binary, site = sys.argv[1:]
sys.path.insert(0, root + "/bench")
import build
build.BINARY = binary
build.generate(site, 20, 1)
PYEOF
for locale in ar fr ckb de ja; do check_locale "$SITE" "$locale" bench-site; done
translate_one "$SITE" de
schema
echo "interop: all checks passed"
