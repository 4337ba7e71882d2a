#!/usr/bin/env bash
# Fuzzes the readers with cargo fuzz (libFuzzer), starting from the samples and the hostile
# corpus: target `parse` (no input panics) and target `json` (the JSON reader equals serde_json). cargo-fuzz needs nightly features; RUSTC_BOOTSTRAP=1 enables them on the
# stable toolchain, which is the only one on these machines.
#   bash scripts/fuzz.sh            fuzz for 10 minutes
#   bash scripts/fuzz.sh --quick    fuzz for 20 seconds (what scripts/test.sh runs)
#   SECONDS_TO_FUZZ=3600 bash scripts/fuzz.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
seconds="${SECONDS_TO_FUZZ:-600}"
[ "${1:-}" = "--quick" ] && seconds=20
if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "==> installing cargo-fuzz"
  cargo install --locked cargo-fuzz || cargo install cargo-fuzz
fi
export RUSTC_BOOTSTRAP=1
# fuzz NAME SECONDS: one target, seeded from the samples and the hostile corpus. The fuzz crate
# shares the main target directory, so repeated runs reuse the build.
fuzz() {
  local name=$1 seconds=$2 log="target/fuzz-$1.log"
  mkdir -p "target/fuzz-corpus/$name"
  cp -n fuzz/corpus/parse/* "target/fuzz-corpus/$name/" 2>/dev/null || true
  cargo fuzz run "$name" --fuzz-dir fuzz --target-dir target/fuzz -- \
    -max_total_time="$seconds" -max_len=65536 -timeout=10 "target/fuzz-corpus/$name" fuzz/corpus/parse 2>&1 \
    | tee "$log" | grep -E "^#[0-9]+[[:space:]]+(DONE|INITED)|ERROR|panicked|SUMMARY" || true
  if grep -qE "ERROR|panicked|SUMMARY: " "$log"; then
    echo "fuzzing $name found a crash: see $log and fuzz/artifacts/$name/" >&2
    return 1
  fi
  echo "fuzzed $name for ${seconds}s without a crash: $(grep -oE '#[0-9]+[[:space:]]+DONE[[:space:]]+cov: [0-9]+' "$log" | tail -1)"
}
# parse: any bytes through every reader, never a panic. json: the JSON reader equals serde_json.
fuzz parse $(( seconds * 3 / 5 ))
fuzz json $(( seconds * 2 / 5 ))
