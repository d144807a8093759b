#!/usr/bin/env bash
# Set up (if needed) and run every check CI runs: lint, layering, schema freshness, tests.
# Extra arguments go to pytest, e.g. scripts/test.sh -k store
#   scripts/test.sh --fast [ARGS]   lint and the pure-rule tests only (no engine, no
#                                   processes; see the README's "Fast lane"), < 30 s
set -euo pipefail
cd "$(dirname "$0")/.."
fast=0
if [ "${1:-}" = --fast ]; then
  fast=1
  shift
fi
if [ "$fast" = 0 ] || [ ! -x .venv/bin/cluehub ]; then
  bash scripts/setup.sh dev
fi
. .venv/bin/activate
echo "== ruff"; ruff check . && ruff format --check .
if [ "$fast" = 1 ]; then
  echo "== pytest (fast lane)"; python -m pytest -m "not engine and not slow" "$@"
else
  echo "== pytest"; python -m pytest "$@"
fi
