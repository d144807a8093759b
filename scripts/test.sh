#!/usr/bin/env bash
# Set up (if needed) and run every check CI runs: lint, layering, schema freshness, the
# console's lint and component tests, then pytest (browser tests included: Debian's
# chromium and CJK fonts are installed when missing, never a browser download).
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
if [ "$fast" = 0 ]; then
  if ! dpkg -s chromium fonts-noto-cjk >/dev/null 2>&1; then
    echo "test: installing chromium and fonts-noto-cjk (browser tests)" >&2
    sudo_=""; [ "$(id -u)" = 0 ] || sudo_=sudo
    $sudo_ apt-get update -qq && $sudo_ apt-get install -y -qq chromium fonts-noto-cjk >/dev/null
  fi
fi
if [ "$fast" = 0 ] || [ ! -x .venv/bin/cluehub ]; then
  bash scripts/setup.sh dev
fi
. .venv/bin/activate
echo "== ruff"; ruff check . && ruff format --check .
if [ "$fast" = 1 ]; then
  echo "== pytest (fast lane)"; python -m pytest -m "not engine and not slow" "$@"
else
  if [ -d console/node_modules ]; then
    echo "== console (eslint, vitest)"; (cd console && npx eslint . && npx vitest run)
  fi
  echo "== pytest"; python -m pytest "$@"
fi
