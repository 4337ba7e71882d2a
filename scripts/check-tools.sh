#!/usr/bin/env bash
# Trunk's pre-build hook: stop with a clear message when a build tool is missing or at a version
# other than the pinned one, instead of letting Trunk try to download it.
set -uo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
fail=0
pinned() { sed -n "s/^$1 *= *\"\(.*\)\"/\1/p" Trunk.toml; }
lock_wasm_bindgen=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
want_wasm_bindgen=$(pinned wasm_bindgen)
want_wasm_opt=$(pinned wasm_opt)

if [ "$lock_wasm_bindgen" != "$want_wasm_bindgen" ]; then
  echo "error: Trunk.toml pins wasm_bindgen = \"$want_wasm_bindgen\" but Cargo.lock has wasm-bindgen $lock_wasm_bindgen." >&2
  echo "       fix: set wasm_bindgen = \"$lock_wasm_bindgen\" in Trunk.toml, then run bash scripts/setup.sh" >&2
  fail=1
fi
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')
if [ "$have" != "$lock_wasm_bindgen" ]; then
  echo "error: wasm-bindgen ${have:-is not installed}${have:+ is installed}, but Cargo.lock needs $lock_wasm_bindgen." >&2
  echo "       fix: bash scripts/setup.sh   (or: cargo install wasm-bindgen-cli --version $lock_wasm_bindgen)" >&2
  fail=1
fi
have=$(wasm-opt --version 2>/dev/null | sed -n 's/.*(\(version_[0-9]*\)).*/\1/p')
if [ "$have" != "$want_wasm_opt" ]; then
  echo "error: wasm-opt ${have:-is not installed}${have:+ is installed}, but Trunk.toml pins $want_wasm_opt." >&2
  echo "       fix: bash scripts/setup.sh   (or: npm ci, which installs binaryen into node_modules/.bin)" >&2
  fail=1
fi
exit $fail
