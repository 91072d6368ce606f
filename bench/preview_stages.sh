#!/usr/bin/env bash
# Where the preview's first build spends time and memory (issue 29).
#
#   bench/preview_stages.sh BINARY CORPUS
#
# Starts `BINARY serve --timings --port 0` on the site CORPUS (made by
# examples/corpus.rs), waits until it says it is serving, fetches the home
# page, and prints: seconds from the start to that answer, the first
# build's stage times and resident memory after each stage (the
# `MB resident after:` line, from binaries that print it), the server's
# VmRSS and VmHWM at the answer, and the CPU time it spent until then.
# Stops the server.
set -euo pipefail
BIN=$1
ROOT=$2
OUT=$(mktemp)
trap 'rm -f "$OUT"' EXIT
start=$(date +%s.%N)
"$BIN" serve --timings --port 0 --root "$ROOT" > "$OUT" 2>/dev/null &
PID=$!
until grep -q '^serving' "$OUT"; do
  kill -0 "$PID" 2>/dev/null || { echo "serve exited"; cat "$OUT"; exit 1; }
  sleep 0.05
done
URL=$(grep '^serving' "$OUT" | awk '{print $2}')
curl -s -o /dev/null "$URL"
end=$(date +%s.%N)
echo "first answer: $(echo "$end - $start" | bc) s"
grep -E '^(built|  ms:|  MB)' "$OUT" || true
grep -E 'VmRSS|VmHWM' "/proc/$PID/status" | tr -s ' \t\n' ' '
echo
# CPU time (user + system) the server spent until the answer: steadier
# than wall time on a shared machine.
read -r -a STAT < "/proc/$PID/stat"
echo "cpu at the answer: $(echo "scale=1; (${STAT[13]} + ${STAT[14]}) / $(getconf CLK_TCK)" | bc) s"
kill -INT "$PID"
wait "$PID" 2>/dev/null || true
