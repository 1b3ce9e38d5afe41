#!/usr/bin/env bash
# Benchmark of `ftlkit status` / `ftlkit check` against compare-locales; see
# bench/README.md. Arguments go to status.py.
set -euo pipefail
if [ ! -x /usr/bin/time ]; then
    if [ "$(id -u)" = 0 ]; then
        apt-get install -y -q time >/dev/null || { apt-get update -q >/dev/null && apt-get install -y -q time >/dev/null; }
    else
        echo "/usr/bin/time missing: apt-get install -y time" >&2
        exit 1
    fi
fi
exec python3 "$(dirname "$0")/status.py" "$@"
