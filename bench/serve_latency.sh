#!/usr/bin/env bash
# Save-to-ready latency of the preview for every kind of edit (issue 28).
#
#   bench/serve_latency.sh [SIZES] [EDITS] [BINARIES...]
#       SIZES     article counts, comma-separated (default 10000)
#       EDITS     edits timed per kind (default 7)
#       BINARIES  briefing binaries to compare (default: this checkout's
#                 release build); e.g. a copy of an older build first
#
# For each size, generates the benchmark corpus (examples/corpus.rs, with
# page_size 20 as a desk runs it) and, for each binary, starts one
# `briefing serve` on it (examples/serve_latency.rs --kind all) and prints
# the median (and p95) from the save (a temporary file renamed over the
# file, as editors do) to the live-reload event, for each kind: body,
# title, reorder (a title that moves the article within its day), actor
# (one added: a new actor, then one other articles name), date (to another
# day, weeks and months away), place, tag, author, milestone, alias, draft,
# correction (that front-matter key added, then taken away), new (a published article as `briefing new`
# writes it), delete (that article), rename (the file), profile (an actor's
# role), site (site.yaml's title), template (templates/404.html), entry
# (templates/partials/entry.html: every list entry's HTML changes).
# The machine may be shared: compare binaries within one run.
set -euo pipefail

SIZES=${1:-10000}
EDITS=${2:-7}
shift $(( $# > 2 ? 2 : $# ))
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
WORK=$(mktemp -d /tmp/briefing-latency-bench.XXXXXX)
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
      --kind all --briefing "$BIN" 2>/dev/null \
      | grep -E '^(first build|save -> ready)' \
      | sed -E 's/^save -> ready, [0-9]+ edits of the ([a-z]+): median ([0-9.]+ ms), p95 ([0-9.]+ ms).*/\1: median \2 (p95 \3)/'
  done
  rm -rf "${WORK:?}/$N"
done
