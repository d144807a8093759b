#!/usr/bin/env bash
# Set up (if needed) and run every check CI runs: lint, layering, schema freshness, the
# console's type check, lint and component tests, then pytest (browser tests included:
# Debian's chromium and CJK fonts are installed when missing, never a browser download).
# Extra arguments go to pytest, e.g. scripts/test.sh -k store
set -euo pipefail
cd "$(dirname "$0")/.."
if ! dpkg -s chromium fonts-noto-cjk >/dev/null 2>&1; then
  echo "test: installing chromium and fonts-noto-cjk (browser tests)" >&2
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && apt-get install -y -qq chromium fonts-noto-cjk >/dev/null
  else
    sudo apt-get update -qq && sudo apt-get install -y -qq chromium fonts-noto-cjk >/dev/null
  fi
fi
bash scripts/setup.sh dev
. .venv/bin/activate
echo "== ruff"; ruff check . && ruff format --check .
if [ -d console/node_modules ]; then
  echo "== console (eslint, vitest)"; (cd console && npx eslint . && npx vitest run)
fi
echo "== pytest"; python -m pytest "$@"
