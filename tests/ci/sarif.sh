#!/usr/bin/env bash
# SARIF from `check`, `status` and `build` validated against the published
# SARIF 2.1.0 schema (the copy npm's @microsoft/jest-sarif ships), with
# PyPI's jsonschema, on a copy of the shipped project with broken French and
# an edited Kurdish template (issue 29). Usage: tests/ci/sarif.sh FTLKIT PYTHON
set -euo pipefail
bin="$(realpath "$1")"
python="${2:-python3}"
repo="$(cd "$(dirname "$0")/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm install --silent --no-audit --no-fund --prefix "$work/npm" @microsoft/jest-sarif@1.0.0-beta.0 >/dev/null)
schema="$work/npm/node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json"
test -f "$schema" || { echo "no SARIF schema at $schema" >&2; exit 1; }
mkdir "$work/p"
cp -r "$repo/content" "$repo/locales" "$repo/l10n-state" "$repo/ftlkit.toml" "$work/p/"
cd "$work/p"
# A French paragraph with an unknown variable, a syntax error in the page strings.
sed -i '0,/^article-intro-/s/^\(article-intro-[^ ]* = .*\)$/\1 { $autor }/' locales/fr/article.ftl
printf 'broken = { \n' >> locales/fr/page.ftl
"$bin" check --format sarif > "$work/check.sarif" || true
"$bin" status --format sarif > "$work/status.sarif"
"$bin" build --format sarif > "$work/build.sarif" 2>/dev/null
"$python" - "$schema" "$work/check.sarif" "$work/status.sarif" "$work/build.sarif" <<'PY'
import json, sys
import jsonschema
schema = json.load(open(sys.argv[1]))
validator = jsonschema.validators.validator_for(schema)(schema)
bad = 0
for path in sys.argv[2:]:
    log = json.load(open(path))
    errors = list(validator.iter_errors(log))
    for e in errors[:5]:
        print(f"{path}: {list(e.path)}: {e.message}")
    results = log["runs"][0]["results"]
    levels = sorted({r["level"] for r in results})
    print(f"sarif {path.rsplit('/', 1)[1]}: {len(results)} results ({', '.join(levels)}), {len(errors)} schema errors")
    bad += len(errors)
    if not any(r["level"] == "error" for r in results):
        print(f"{path}: the broken French is not an error")
        bad += 1
sys.exit(1 if bad else 0)
PY
