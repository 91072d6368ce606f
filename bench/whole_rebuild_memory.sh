#!/usr/bin/env bash
# Memory of the preview through whole rebuilds that change every list
# entry (issue 29).
#
#   bench/whole_rebuild_memory.sh BINARY SITE [EDITS] [WAIT]
#       BINARY  the briefing binary to serve with
#       SITE    a site folder without templates/ of its own (the benchmark
#               corpus: examples/corpus.rs, page_size 20)
#       EDITS   whole rebuilds (default 3), then the override removed
#       WAIT    seconds after each save before reading (default 25)
#
# Serves SITE, then saves a templates/partials/entry.html of its own (the
# theme's with a comment: every list entry's HTML changes, so a rebuild
# shares no list entry with the last), EDITS times and removes it, and
# prints the server's VmRSS and VmHWM (peak) at the first answer, after
# 20 s idle, and WAIT seconds after each save. Removes what it made.
set -euo pipefail

BIN=$1
SITE=$2
EDITS=${3:-3}
WAIT=${4:-25}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
[ ! -e "$SITE/templates" ] || { echo "$SITE/templates exists; use a site without one" >&2; exit 1; }
OUT=$(mktemp /tmp/briefing-memory-bench.XXXXXX)
"$BIN" serve --port 0 --root "$SITE" > "$OUT" 2>/dev/null &
PID=$!
trap 'kill $PID 2>/dev/null || true; rm -rf "$SITE/templates" "$OUT"' EXIT
until grep -q "http://" "$OUT"; do sleep 0.5; done
URL=$(grep -o "http://[^ ]*" "$OUT" | head -1)
until curl -sf "$URL" > /dev/null; do sleep 0.5; done
memory() {
  echo "$1: $(grep -E 'VmRSS|VmHWM' /proc/$PID/status | tr -s ' \t' ' ' | tr '\n' ' ')"
}
memory "first answer"
sleep 20
memory "idle 20 s"
mkdir -p "$SITE/templates/partials"
for i in $(seq 1 "$EDITS"); do
  { cat "$ROOT/templates/partials/entry.html"; echo "<!-- edit $i -->"; } > "$SITE/templates/entry.tmp"
  mv "$SITE/templates/entry.tmp" "$SITE/templates/partials/entry.html"
  sleep "$WAIT"
  memory "entry.html edit $i, after $WAIT s"
done
rm -rf "$SITE/templates"
sleep "$WAIT"
memory "override removed, after $WAIT s"
