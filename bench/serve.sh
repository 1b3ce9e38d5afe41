#!/usr/bin/env bash
# Benchmark of `ftlkit serve`: time to first byte of the translate view, save
# latency, change-to-preview latency. See bench/README.md. Arguments go to serve.py.
set -euo pipefail
exec python3 "$(dirname "$0")/serve.py" "$@"
