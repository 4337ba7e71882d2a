#!/usr/bin/env bash
# Fuzzes the article parser with cargo fuzz (libFuzzer), starting from the samples and the
# hostile corpus. cargo-fuzz needs nightly features; RUSTC_BOOTSTRAP=1 enables them on the
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
mkdir -p target/fuzz-corpus
cp -n fuzz/corpus/parse/* target/fuzz-corpus/ 2>/dev/null || true
export RUSTC_BOOTSTRAP=1
# The fuzz crate shares the main target directory, so repeated runs reuse the build.
cargo fuzz run parse --fuzz-dir fuzz --target-dir target/fuzz -- \
  -max_total_time="$seconds" -max_len=65536 -timeout=10 target/fuzz-corpus fuzz/corpus/parse 2>&1 \
  | tee target/fuzz.log | grep -E "^#[0-9]+[[:space:]]+(DONE|INITED)|ERROR|panicked|SUMMARY" || true
if grep -qE "ERROR|panicked|SUMMARY: " target/fuzz.log; then
  echo "fuzzing found a crash: see target/fuzz.log and fuzz/artifacts/" >&2
  exit 1
fi
echo "fuzzed for ${seconds}s without a crash: $(grep -oE '#[0-9]+[[:space:]]+DONE[[:space:]]+cov: [0-9]+' target/fuzz.log | tail -1)"
