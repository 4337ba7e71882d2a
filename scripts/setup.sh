#!/usr/bin/env bash
# Installs what building and testing the viewer need, skipping whatever is already there.
# Only package registries are used: rustup, crates.io, npm and Debian.
#   bash scripts/setup.sh            everything (build tools and the browser for tests)
#   bash scripts/setup.sh --build    only what building and serving need
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
TRUNK_VERSION=0.22.1
want_browser=1
[ "${1:-}" = "--build" ] && want_browser=0

step() { printf '\033[1m==> %s\033[0m\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
apt_updated=0
apt_install() {
  if [ $apt_updated = 0 ]; then as_root apt-get update -qq; apt_updated=1; fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@"
}

command -v cargo >/dev/null || { echo "error: cargo not found; install Rust with rustup first (https://rustup.rs)" >&2; exit 1; }

if rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  step "wasm32-unknown-unknown target: installed"
else
  step "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if [ "$(trunk --version 2>/dev/null)" = "trunk $TRUNK_VERSION" ]; then
  step "trunk $TRUNK_VERSION: installed"
else
  step "installing trunk $TRUNK_VERSION (takes about 9 minutes on 2 cores)"
  # trunk 0.22.1 declares a newer rust-version than it needs; it builds and runs on 1.95.
  cargo install --locked --ignore-rust-version trunk --version "$TRUNK_VERSION"
fi

wasm_bindgen_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if [ "$(wasm-bindgen --version 2>/dev/null)" = "wasm-bindgen $wasm_bindgen_version" ]; then
  step "wasm-bindgen $wasm_bindgen_version (as in Cargo.lock): installed"
else
  step "installing wasm-bindgen-cli $wasm_bindgen_version, the version in Cargo.lock"
  # --locked can fail when a pinned transitive crate is not served; fall back without it.
  cargo install --locked wasm-bindgen-cli --version "$wasm_bindgen_version" \
    || cargo install --force wasm-bindgen-cli --version "$wasm_bindgen_version"
fi

if cargo fuzz --version >/dev/null 2>&1; then
  step "cargo-fuzz: installed"
elif [ $want_browser = 1 ]; then
  step "installing cargo-fuzz (for the fuzzing run in the tests)"
  cargo install --locked cargo-fuzz || cargo install cargo-fuzz
fi

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  step "installing Node.js and npm from Debian"
  apt_install nodejs npm
fi
lock_hash=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ -f node_modules/.installed-from ] && [ "$(cat node_modules/.installed-from)" = "$lock_hash" ]; then
  step "node packages (package-lock.json): installed"
else
  step "installing node packages from package-lock.json"
  npm ci --no-audit --no-fund
  echo "$lock_hash" > node_modules/.installed-from
fi

if [ $want_browser = 1 ]; then
  if command -v chromium >/dev/null && command -v chromedriver >/dev/null; then
    step "chromium and chromedriver: installed"
  else
    step "installing chromium and chromedriver from Debian"
    apt_install chromium chromium-driver fonts-dejavu-core
  fi
fi

step "fetching crates (Cargo.lock)"
cargo fetch --locked --quiet
cargo fetch --locked --quiet --target wasm32-unknown-unknown
bash scripts/check-tools.sh
