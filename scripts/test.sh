#!/usr/bin/env bash
# Sets up what is missing, then runs every check and test, and ends with a pass/fail count:
#   formatting, clippy (native and wasm32), native core, render and property tests, a short
#   fuzzing run, the release build, publishing the samples, the JSON Schema tests, the browser
#   tests in Chromium (a published site among them), and the
#   benchmarks in quick mode.
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh || { echo "set-up failed" >&2; exit 1; }
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
mkdir -p target
passed=0
failed=0
failures=()
log=target/test-step.log

step() { printf '\n\033[1m==> %s\033[0m\n' "$1"; }
# check NAME COMMAND...: a check that counts as one pass or one failure.
check() {
  local name=$1; shift
  step "$name"
  if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); failures+=("$name"); fi
}

check "cargo fmt --check" cargo fmt --check
check "clippy (native, all targets)" cargo clippy --quiet --all-targets -- -D warnings
check "clippy (wasm32)" cargo clippy --quiet --target wasm32-unknown-unknown --lib --bins -- -D warnings
check "clippy (wasm32, the XML reader's worker)" cargo clippy --quiet --target wasm32-unknown-unknown --lib --bins --features xml-reader -- -D warnings

step "cargo test (core and render tests)"
cargo test 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
p=$(grep -o '[0-9]* passed' "$log" | awk '{s += $1} END {print s + 0}')
f=$(grep -o '[0-9]* failed' "$log" | awk '{s += $1} END {print s + 0}')
passed=$((passed + p)); failed=$((failed + f))
if [ "$status" != 0 ] && [ "$f" = 0 ]; then failed=$((failed + 1)); failures+=("cargo test did not run"); fi
[ "$f" != 0 ] && failures+=("cargo test: $f failed")

check "fuzz the parser for 20 seconds (cargo fuzz)" bash scripts/fuzz.sh --quick
check "trunk build --release" trunk build --release
rm -f dist/.trunk-lock

step "generating 10,000 articles for the browser tests (target/e2e-data)"
mkdir -p target/e2e-data
cargo run --quiet --example generate -- 10000 > target/e2e-data/generated-10000.json
cargo run --quiet --example generate -- 2000 > target/e2e-data/generated-2000.json
cp -r samples/images target/e2e-data/

step "publishing the samples for the browser tests (target/e2e-site/news)"
rm -rf target/e2e-site
cargo run --quiet --bin publish -- samples/articles.json --out target/e2e-site/news --app dist \
  || { failed=$((failed + 1)); failures+=("publishing the samples"); }
step "publishing 2,000 generated articles as a sharded archive (target/e2e-site/archive)"
cargo run --quiet --bin publish -- target/e2e-data/generated-2000.json --form archive \
  --out target/e2e-site/archive --app dist \
  || { failed=$((failed + 1)); failures+=("publishing the archive"); }

step "schema and browser tests (node --test, headless Chromium)"
node --test --test-concurrency=1 --test-reporter=spec --test-reporter-destination=stdout \
  --test-reporter=tap --test-reporter-destination="$log" e2e/
status=$?
p=$(sed -n 's/^# pass \([0-9]*\)/\1/p' "$log" | tail -1)
f=$(sed -n 's/^# fail \([0-9]*\)/\1/p' "$log" | tail -1)
passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
if [ "$status" != 0 ] && [ "${f:-0}" = 0 ]; then failed=$((failed + 1)); failures+=("browser tests did not run"); fi
[ "${f:-0}" != 0 ] && failures+=("browser tests: $f failed")

check "benchmarks in quick mode (prove they run; timings are printed, not judged)" node bench/run.mjs --quick

printf '\n\033[1m==> Summary: %d passed, %d failed\033[0m\n' "$passed" "$failed"
for failure in "${failures[@]}"; do echo "    failed: $failure"; done
[ "$failed" = 0 ]
