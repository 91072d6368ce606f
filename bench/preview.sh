#!/usr/bin/env bash
# How fast the preview starts and how much memory it holds (issue 29).
#
#   bench/preview.sh [SIZES] [EDITS] [BINARIES...]
#       SIZES     article counts, comma-separated (default 10000,100000)
#       EDITS     body edits to time (default 10)
#       BINARIES  briefing binaries to compare (default: this checkout's
#                 release build); e.g. a copy of an older build first
#
# For each size, generates the benchmark corpus (examples/corpus.rs, with
# page_size 20 as a desk runs it) and, for each binary, starts
# `briefing serve` on it (examples/serve_latency.rs) and prints: seconds
# to the first build and to the first answer (the home page), the time
# to fetch one article's page, resident and peak memory (VmRSS, VmHWM)
# after the first build and after the edits, and a body edit's latency
# (save -> live-reload event, and save -> the edited page fetched).
set -euo pipefail

SIZES=${1:-10000,100000}
EDITS=${2:-10}
shift $(( $# > 2 ? 2 : $# ))
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
WORK=$(mktemp -d /tmp/briefing-preview-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

cargo build --release --locked --bin briefing --example corpus --example serve_latency
BINARIES=("$@")
[ ${#BINARIES[@]} -gt 0 ] || BINARIES=(target/release/briefing)
echo "== commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"

for N in ${SIZES//,/ }; do
  target/release/examples/corpus --articles "$N" --out "$WORK/$N" > /dev/null
  sed -i 's/^page_size: 0$/page_size: 20/' "$WORK/$N/site.yaml"
  for BIN in "${BINARIES[@]}"; do
    echo "== $N articles, $BIN"
    target/release/examples/serve_latency --root "$WORK/$N" --edits "$EDITS" \
      --kind body --briefing "$BIN" 2>/dev/null \
      | grep -E '^(first |the edited|preview memory|save ->|server: built)'
  done
done
