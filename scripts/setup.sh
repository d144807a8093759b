#!/usr/bin/env bash
# Everything a fresh Debian machine with Python >= 3.11 needs: the system library the
# FalkorDB module links (libgomp1) and a virtual environment with cluehub installed.
# Idempotent: a second run only checks. Usage: scripts/setup.sh [extra, e.g. dev]
set -euo pipefail
cd "$(dirname "$0")/.."

extras="${1:-}"
python="${PYTHON:-python3}"

if ! ldconfig -p 2>/dev/null | grep -q 'libgomp\.so\.1'; then
  echo "setup: installing libgomp1 (needed by the FalkorDB module)" >&2
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && apt-get install -y -qq libgomp1 >/dev/null
  else
    sudo apt-get update -qq && sudo apt-get install -y -qq libgomp1 >/dev/null
  fi
fi

if [ ! -x .venv/bin/python ]; then
  "$python" -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip 2>&1 | grep -v '^WARNING' || true
spec="."
[ -n "$extras" ] && spec=".[$extras]"
.venv/bin/python -m pip install -q -e "$spec" 2>&1 | grep -v '^WARNING' || true
.venv/bin/python -c "import cluehub, cluehub.graph, cluehub.api" # fail loudly if the install did not

# dev: node and the npm packages the Python tests drive (tests/js: Neo4j's Cypher linter
# for tests/test_queries.py), pinned by tests/js/package-lock.json.
if [ "$extras" = dev ]; then
  if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    echo "setup: installing nodejs and npm (tests/js)" >&2
    sudo_=""; [ "$(id -u)" = 0 ] || sudo_=sudo
    $sudo_ apt-get update -qq && $sudo_ apt-get install -y -qq nodejs npm >/dev/null
  fi
  lock=tests/js/package-lock.json
  stamp=tests/js/node_modules/.installed-lock
  if [ ! -f "$stamp" ] || ! cmp -s "$lock" "$stamp"; then
    (cd tests/js && npm ci --no-audit --no-fund --loglevel=error) && cp "$lock" "$stamp"
  fi
fi
