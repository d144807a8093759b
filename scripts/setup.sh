#!/usr/bin/env bash
# Everything a fresh Debian machine with Python >= 3.11 needs: the system library the
# FalkorDB module links (libgomp1), a virtual environment with cluehub installed, and the
# web console built from console/ (Node.js and npm from Debian when missing; npm ci; the
# build goes to api/console_dist/, package data the hub serves at /).
# Idempotent: a second run only checks. Usage: scripts/setup.sh [extra, e.g. dev]
set -euo pipefail
cd "$(dirname "$0")/.."

extras="${1:-}"
python="${PYTHON:-python3}"

apt_install() {
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && apt-get install -y -qq "$@" >/dev/null
  else
    sudo apt-get update -qq && sudo apt-get install -y -qq "$@" >/dev/null
  fi
}

if ! ldconfig -p 2>/dev/null | grep -q 'libgomp\.so\.1'; then
  echo "setup: installing libgomp1 (needed by the FalkorDB module)" >&2
  apt_install libgomp1
fi

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "setup: installing nodejs and npm (to build the web console)" >&2
  apt_install nodejs npm
fi

if [ ! -x .venv/bin/python ]; then
  "$python" -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip 2>&1 | grep -v '^WARNING' || true
spec="."
[ -n "$extras" ] && spec=".[$extras]"
.venv/bin/python -m pip install -q -e "$spec" 2>&1 | grep -v '^WARNING' || true
.venv/bin/python -c "import cluehub, cluehub.graph, cluehub.api" # fail loudly if the install did not

# The web console: npm ci when the lock changed, the build when a source is newer than it.
# Without a usable Node.js the hub still runs, serving the API only (it says so).
node_ok=$(node -e 'const [a,b]=process.versions.node.split(".").map(Number); console.log(a>22||(a===22&&b>=12)||(a===20&&b>=19)||a===21?1:0)' 2>/dev/null || echo 0)
if [ "$node_ok" != 1 ]; then
  echo "setup: Node.js >= 20.19 is needed to build the console (found $(node --version 2>/dev/null || echo none)); the hub will serve the API only" >&2
else
  if [ ! -f console/node_modules/.package-lock.json ] || [ console/package-lock.json -nt console/node_modules/.package-lock.json ]; then
    echo "setup: npm ci (console)" >&2
    (cd console && npm ci --no-audit --no-fund --loglevel=error)
  fi
  if [ ! -f api/console_dist/index.html ] || [ -n "$(find console/src console/*.html console/*.ts console/package-lock.json schema.graphql -newer api/console_dist/index.html -print -quit)" ]; then
    echo "setup: building the console into api/console_dist/" >&2
    (cd console && npm run build --silent)
  fi
fi

# dev: the npm packages the Python tests drive (tests/js: Neo4j's Cypher linter for
# tests/test_queries.py), pinned by tests/js/package-lock.json (node: installed above).
if [ "$extras" = dev ]; then
  lock=tests/js/package-lock.json
  stamp=tests/js/node_modules/.installed-lock
  if [ ! -f "$stamp" ] || ! cmp -s "$lock" "$stamp"; then
    (cd tests/js && npm ci --no-audit --no-fund --loglevel=error) && cp "$lock" "$stamp"
  fi
fi
