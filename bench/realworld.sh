#!/usr/bin/env bash
# Calibration on a real Fluent project (Firefox Relay's translations, see
# ../shared/corpora/README.md): `ftlkit check` and `status` against
# compare-locales, per-code counts side by side. Exits 1 when ftlkit reports
# an error compare-locales does not (but the known true positives), a variable,
# attribute or plural finding on a term, or other status counts.
#   bench/realworld.sh [--bin target/release/ftlkit] [--corpus DIR]
# The binary defaults to $FTLKIT or target/debug/ftlkit (build it first).
set -euo pipefail
exec python3 "$(dirname "$0")/realworld.py" "$@"
