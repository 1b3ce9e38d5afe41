#!/usr/bin/env bash
# Benchmark of `ftlkit build`; see bench/README.md. Arguments go to build.py.
set -euo pipefail
exec python3 "$(dirname "$0")/build.py" "$@"
