#!/usr/bin/env bash
# Neovim as a real client of `ftlkit lsp` (issue 24): tests/nvim/diagnostic.lua
# on a copy of the shipped project. Usage, from anywhere:
#   bash tests/nvim/run.sh [target/debug/ftlkit]
# Needs Debian's neovim (0.7.2 or later; .ci/apt-packages.txt lists it).
# Exits 0 when Neovim showed ftlkit's diagnostic where it belongs, else nonzero
# and says why.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
bin="${1:-${FTLKIT_BIN:-target/debug/ftlkit}}"
case "$bin" in /*) ;; *) bin="$repo/$bin" ;; esac

if [ ! -x "$bin" ]; then
  echo "tests/nvim/run.sh: no server binary at $bin (run cargo build)" >&2
  exit 1
fi
if ! "$bin" lsp --help >/dev/null 2>&1; then
  echo "tests/nvim/run.sh: $bin has no working \`lsp\` subcommand:" >&2
  "$bin" lsp --help >&2 || true
  exit 1
fi
nvim="${NVIM:-nvim}"
if ! command -v "$nvim" >/dev/null 2>&1; then
  echo "tests/nvim/run.sh: no nvim on PATH (apt-get install neovim)" >&2
  exit 1
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/ftlkit-nvim.XXXXXX")"
trap 'rm -rf "$work"' EXIT
root="$work/project"
mkdir -p "$root"
cp -R "$repo/ftlkit.toml" "$repo/glossary.toml" "$repo/content" "$repo/locales" "$repo/l10n-state" "$root/"
before="$(cd "$root" && find . -type f -exec sha256sum {} + | sort)"

status=0
# -u NONE -i NONE -n: no user config, no shada, no swap file. timeout: a hung
# server or client must not hang CI (the script's own waits are 10 s each).
FTLKIT_BIN="$bin" FTLKIT_ROOT="$root" FTLKIT_REPO="$repo" HOME="$work" XDG_STATE_HOME="$work/state" \
  XDG_CACHE_HOME="$work/cache" XDG_DATA_HOME="$work/data" \
  timeout 60 "$nvim" --headless -u NONE -i NONE -n \
  -c "luafile $here/diagnostic.lua" </dev/null >"$work/out" 2>"$work/err" || status=$?
cat "$work/out"
if [ "$status" -ne 0 ]; then
  why="nvim exited $status"
  [ "$status" -eq 124 ] && why="nvim timed out after 60 s"
  echo "tests/nvim/run.sh: FAILED ($why)" >&2
  cat "$work/err" >&2
  [ -f "$work/state/nvim/lsp.log" ] && { echo "--- lsp.log" >&2; tail -40 "$work/state/nvim/lsp.log" >&2; }
  [ -f "$work/cache/nvim/lsp.log" ] && { echo "--- lsp.log" >&2; tail -40 "$work/cache/nvim/lsp.log" >&2; }
  exit 1
fi
if ! grep -q '^ok: ' "$work/out"; then
  echo "tests/nvim/run.sh: FAILED: nvim exited 0 without the script's ok line" >&2
  cat "$work/err" >&2
  exit 1
fi
after="$(cd "$root" && find . -type f -exec sha256sum {} + | sort)"
if [ "$before" != "$after" ]; then
  echo "tests/nvim/run.sh: FAILED: the project on disk changed (the edit must stay in the buffer)" >&2
  diff <(echo "$before") <(echo "$after") >&2 || true
  exit 1
fi
cat "$work/err" >&2
echo "tests/nvim/run.sh: passed"
