#!/usr/bin/env bash
# Benchmarks of the preview server.
#
#   bench/serve.sh [N] [EDITS]      # defaults: 10000 articles, 30 edits
#
# 1. Save-to-ready latency: generates an N-article corpus (with the default
#    page_size of 20, as a desk would run it), starts `briefing serve` on it
#    and times EDITS saves of one article's body, then EDITS saves of its
#    title, from the rename to the live-reload event (sent once the new site
#    is in place). Prints the median and 95th percentile of each, each
#    rebuild's stages (`--timings`), and the server's resident and peak
#    memory after its first build and after the edits.
# 2. Load: a 1,000-article preview, 100 concurrent clients for 10 seconds
#    (examples/serve_load.rs); prints requests per second and failures.
set -euo pipefail

N=${1:-10000}
EDITS=${2:-30}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
show() { printf '+ %s\n' "$*"; }
run() { show "$*"; "$@"; }

WORK=$(mktemp -d /tmp/briefing-serve-bench.XXXXXX)
SERVER=
cleanup() {
  [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

run cargo build --release --locked --bin briefing --example corpus --example serve_latency --example serve_load
echo "== commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"

echo "== save-to-ready latency, $N articles"
run target/release/examples/corpus --articles "$N" --out "$WORK/latency"
sed -i 's/^page_size: 0$/page_size: 20/' "$WORK/latency/site.yaml"
run target/release/examples/serve_latency --root "$WORK/latency" --edits "$EDITS" --kind both --timings

echo "== load: 1000 articles, 100 clients, 10 s"
run target/release/examples/corpus --articles 1000 --out "$WORK/load"
sed -i 's/^page_size: 0$/page_size: 20/' "$WORK/load/site.yaml"
show "target/release/briefing serve --port 0 --root $WORK/load"
target/release/briefing serve --port 0 --root "$WORK/load" > "$WORK/serve.log" 2>&1 &
SERVER=$!
URL=
for _ in $(seq 1 600); do
  URL=$(sed -n 's/^serving \([^ ]*\).*/\1/p' "$WORK/serve.log")
  [ -n "$URL" ] && break
  sleep 0.1
done
[ -n "$URL" ] || { cat "$WORK/serve.log"; echo "the server did not start" >&2; exit 1; }
run target/release/examples/serve_load --url "$URL" --clients 100 --seconds 10
