#!/usr/bin/env bash
# Set up (if needed) and run the hub on the embedded store with the demo world.
# Extra arguments go to `cluehub serve`, e.g. scripts/run-hub.sh --port 8080
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/cluehub serve --demo "$@"
