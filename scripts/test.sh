#!/usr/bin/env bash
# Set up (if needed) and run every check CI runs: lint, layering, schema freshness, tests.
# Extra arguments go to pytest, e.g. scripts/test.sh -k store
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh dev
. .venv/bin/activate
echo "== ruff"; ruff check . && ruff format --check .
echo "== pytest"; python -m pytest "$@"
