#!/usr/bin/env bash
# Builds the "without issue 8" binary: the commit REV (default HEAD) with
# bench/without-issue8.patch applied (relations left empty, so no pair
# pages, "appears with" or related briefings; no mention automaton; no
# timelines; no JSON-LD; no /data/ files; roles and spelling checks stay),
# in a temporary worktree, and copies it to OUT.
#
#   bench/without.sh OUT [REV]
#   bench/ab.sh OUT target/release/briefing 10000 5   # the features' cost
#
# The patch is throwaway measuring code, never merged; when it no longer
# applies, redo it by hand (the six edits are one-liners) and commit it anew.
# CARGO_TARGET_DIR is honoured (point it at an existing target/ to save a
# full compile).
set -euo pipefail
OUT=${1:?usage: bench/without.sh OUT [REV]}
REV=${2:-HEAD}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
TMP=$(mktemp -d /tmp/briefing-without.XXXXXX)
cleanup() { git -C "$ROOT" worktree remove --force "$TMP/wt" >/dev/null 2>&1 || true; rm -rf "$TMP"; }
trap cleanup EXIT
git -C "$ROOT" worktree add --detach "$TMP/wt" "$REV" >/dev/null
git -C "$TMP/wt" apply "$ROOT/bench/without-issue8.patch"
TARGET=${CARGO_TARGET_DIR:-$TMP/wt/target}
(cd "$TMP/wt" && CARGO_TARGET_DIR="$TARGET" cargo build --release --locked >/dev/null)
cp "$TARGET/release/briefing" "$OUT"
echo "without-issue-8 binary of $(git -C "$ROOT" rev-parse --short "$REV"): $OUT"
