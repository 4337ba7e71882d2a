#!/usr/bin/env bash
# Publishes an archive as a static site:
#   bash scripts/publish.sh INPUT --out DIR [--base-url https://example.org/news/] [--form auto|file|archive]
# INPUT is any file the viewer reads (format v1, one article, JSON Feed). Sets up what is missing
# (as scripts/start.sh does), builds the viewer for release, then writes DIR: one prerendered page
# per article, the collection page, the viewer in a content-named folder, sitemap.xml, feed.json.
# Copy DIR to any static host, at its root or under a sub-path. Running it again rewrites only
# the files whose content changed.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -lt 3 ]; then
  echo "usage: bash scripts/publish.sh INPUT --out DIR [--base-url https://example.org/news/] [--form auto|file|archive]" >&2
  exit 2
fi
# Paths given relative to where the command was run from.
args=()
for arg in "$@"; do
  if [ -e "$OLDPWD/$arg" ] || [ "${prev:-}" = "--out" ]; then
    case "$arg" in /*) args+=("$arg") ;; *) args+=("$OLDPWD/$arg") ;; esac
  else
    args+=("$arg")
  fi
  prev=$arg
done
bash scripts/setup.sh --build >&2
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
trunk build --release >&2
rm -f dist/.trunk-lock
cargo run --quiet --release --bin publish -- "${args[@]}" --app dist
