#!/usr/bin/env bash
# A fuzzing campaign of SECONDS (default 600) against the release build:
# prints runs, inputs rejected with an error, and findings (a panic, a run
# over its time budget or hung, a build that succeeds without pages or
# writes outside its output). Findings' inputs go to fuzz/findings/.
#
#   bench/fuzz.sh 600 [SEED]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-600}"
seed="${2:-$(date +%s)}"
cargo build --release --quiet --example fuzz
status=0
target/release/examples/fuzz --seconds "$seconds" --seed "$seed" || status=$?
case "$status" in
  0) echo "no findings" ;;
  1) echo "findings: see above and fuzz/findings/" ;;
  3) echo "a run hung: see above and fuzz/findings/hang/" ;;
  *) echo "the fuzzer failed to run (status $status)" ;;
esac
exit "$status"
