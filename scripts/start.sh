#!/usr/bin/env bash
# Sets up what is missing, builds the viewer for release and serves it with the sample articles
# on http://127.0.0.1:8080 (PORT=… to change). Stop with Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --build
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
trunk build --release
port="${PORT:-8080}"
echo "Serving dist/ on http://127.0.0.1:$port/ (Ctrl-C stops)"
exec node e2e/static-server.mjs dist "$port"
