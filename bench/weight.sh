#!/usr/bin/env bash
# What briefing publishes per article, by kind of page, on the benchmark
# corpus with default settings (page_size: 20).
#
#   bench/weight.sh [N...]                         # defaults: 10000 100000
#   BEFORE=/tmp/briefing-old bench/weight.sh 10000 # the same, beside an older binary
#
# Builds briefing (release) and the corpus example, writes an N-article
# corpus per N (examples/corpus.rs, seed SEED, default 1) with its
# `page_size: 0` line removed so the default applies, builds it, and prints
# bench/weight.py's table: files and bytes per article for articles, feeds
# (the site's and the terms'), lists, pair pages, date pages, search and the
# rest, and whether the total is within 20 KB (KiB) per article, the weight
# at which 50,000 briefings fit GitHub Pages' 1 GB. With BEFORE, the older
# binary builds the same corpus and both are shown side by side. Then
# bench/feeds.py reads every feed of the new build with feedparser (installed
# from PyPI if missing; FEEDS=0 skips it).
#
# Environment:
#   BEFORE=PATH  a briefing binary to compare with (copy it aside first)
#   SEED=S       corpus seed (default 1)
#   FEEDS=0      do not check the feeds
#   KEEP=1       keep the temporary folder (corpora and outputs)
set -euo pipefail

SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(10000 100000)
SEED=${SEED:-1}
FEEDS=${FEEDS:-1}
KEEP=${KEEP:-0}
BEFORE=${BEFORE:-}
for n in "${SIZES[@]}" "$SEED"; do
  case "$n" in
    '' | *[!0-9]*) echo "usage: bench/weight.sh [N articles...]  (whole numbers; SEED too)" >&2; exit 2 ;;
  esac
done
if [ -n "$BEFORE" ] && [ ! -x "$BEFORE" ]; then
  echo "error: BEFORE=$BEFORE is not an executable" >&2
  exit 2
fi

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
show() { printf '+ %s\n' "$*"; }
run() { show "$*"; "$@"; }
# quiet COMMAND...: runs it, printing its last line (the corpus's warnings
# about near-miss names go to the log only).
quiet() {
  show "$*"
  if ! "$@" >"$WORK/log.txt" 2>&1; then
    tail -n 30 "$WORK/log.txt" >&2
    exit 1
  fi
  tail -n 1 "$WORK/log.txt"
}

WORK=$(mktemp -d /tmp/briefing-weight.XXXXXX)
cleanup() {
  if [ "$KEEP" = 1 ]; then echo "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
mkdir -p "$WORK/bin"

run cargo build --release --locked --bin briefing --example corpus
cp target/release/briefing target/release/examples/corpus "$WORK/bin/"
echo "briefing built from commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet 2>/dev/null || echo ' (with uncommitted changes)')"
if [ -n "$BEFORE" ]; then
  cp "$BEFORE" "$WORK/bin/briefing-before"
  echo "before: $BEFORE ($("$WORK/bin/briefing-before" --version))"
fi
if [ "$FEEDS" = 1 ] && ! python3 -c 'import feedparser' 2>/dev/null; then
  run python3 -m pip install -q feedparser
fi

for n in "${SIZES[@]}"; do
  echo "== $n articles"
  corpus="$WORK/corpus-$n"
  run "$WORK/bin/corpus" --articles "$n" --seed "$SEED" --out "$corpus"
  sed -i '/^page_size: 0$/d' "$corpus/site.yaml"
  quiet "$WORK/bin/briefing" build --root "$corpus" --output "$WORK/after-$n"
  if [ -n "$BEFORE" ]; then
    quiet "$WORK/bin/briefing-before" build --root "$corpus" --output "$WORK/before-$n"
    python3 bench/weight.py "$n" "$WORK/before-$n" before --compare "$WORK/after-$n" after
    rm -rf "$WORK/before-$n"
  else
    python3 bench/weight.py "$n" "$WORK/after-$n" "$(git rev-parse --short HEAD 2>/dev/null || echo this)"
  fi
  if [ "$FEEDS" = 1 ]; then
    python3 bench/feeds.py "$WORK/after-$n"
  fi
  rm -rf "$WORK/after-$n" "$corpus"
done
