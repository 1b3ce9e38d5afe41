#!/usr/bin/env bash
# Markdown fidelity on real documentation pages (issue 14): copies the shared
# corpus into a temporary project, runs `extract`, `pseudo` and `build --pseudo`,
# then ../shared/tools/md_fidelity.py on it, and exits with its status.
#
# usage: bench/md_fidelity.sh [FTLKIT_BIN]
#   FTLKIT_BIN   default target/debug/ftlkit (built with `cargo build` if missing)
#   MD_CORPUS    folder of the documents   (default ../shared/corpora/markdown)
#   MD_FIDELITY  the comparison script      (default ../shared/tools/md_fidelity.py)
#   PYTHON       a python3 with markdown-it-py and mdit-py-plugins (default python3)
#   KEEP=1       keep the temporary project and print its path
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
bin="${1:-$repo/target/debug/ftlkit}"
corpus="${MD_CORPUS:-$repo/../shared/corpora/markdown}"
tool="${MD_FIDELITY:-$repo/../shared/tools/md_fidelity.py}"
python="${PYTHON:-python3}"
if [ ! -x "$bin" ]; then
  (cd "$repo" && cargo build -q)
fi
for need in "$corpus" "$tool"; do
  [ -e "$need" ] || { echo "md_fidelity: $need not found" >&2; exit 2; }
done
project="$(mktemp -d "${TMPDIR:-/tmp}/ftlkit-md-fidelity.XXXXXX")"
if [ "${KEEP:-0}" = 1 ]; then
  echo "project: $project" >&2
else
  trap 'rm -rf "$project"' EXIT
fi
mkdir -p "$project/content" "$project/locales/en-US"
cp "$corpus"/*.md "$project/content/"
cat > "$project/ftlkit.toml" <<'TOML'
source-locale = "en-US"
locales = []
TOML
"$bin" -C "$project" extract >/dev/null
"$bin" -C "$project" pseudo >/dev/null
"$bin" -C "$project" build --pseudo >/dev/null
"$python" "$tool" "$project"
