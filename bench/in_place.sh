#!/usr/bin/env bash
# Rebuilding in place against building into a new folder, on one corpus:
# each round times, one after the other,
#   fresh       a build into a new folder (moved aside afterwards, not deleted),
#   in-place    a rebuild over the previous output, nothing changed,
#   edited      a rebuild over the previous output after one article's body
#               changed (a sentence appended to the newest article).
# In-place rebuilds stage into the output the build before them replaced
# (the spare), so they write and delete only what changed. Prints each run's
# wall and CPU time and how long it waited at its end for the removal of
# leftover folders (`--timings`), then the medians and the ratios to fresh.
#
#   cargo run --release --example corpus -- --articles 10000 --out /tmp/c10k
#   bench/in_place.sh /tmp/c10k [ROUNDS]
set -euo pipefail
CORPUS=${1:?usage: bench/in_place.sh CORPUS_DIR [ROUNDS]}
ROUNDS=${2:-3}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
# The same build as bench/compare.sh, so its compiled dependencies are shared.
(cd "$ROOT" && cargo build --release --locked --bin briefing --example corpus)
WORK=$(mktemp -d /tmp/briefing-in-place.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
cp "$ROOT/target/release/briefing" "$WORK/briefing"
B="$WORK/briefing"
mkdir -p "$WORK/trash"
cp -r "$CORPUS" "$WORK/corpus"
CORPUS="$WORK/corpus"
EDITED=$(find "$CORPUS/content" -name '*.md' | sort | tail -1)
# Two builds in place first, so the output has a spare to stage into.
"$B" build --root "$CORPUS" --output "$WORK/place" >/dev/null 2>&1
"$B" build --root "$CORPUS" --output "$WORK/place" >/dev/null 2>&1
: >"$WORK/results"
timed() { # LABEL OUTPUT
  sync
  /usr/bin/time -f "%e %U %S" -o "$WORK/time" "$B" build --root "$CORPUS" --output "$2" --timings >"$WORK/log"
  local removal
  removal=$(sed -n 's/^waited \([0-9.]*\) ms for the removal.*/\1/p' "$WORK/log")
  read -r wall user sys <"$WORK/time"
  printf '%s\t%s\t%s\t%s\n' "${1%-*}" "$wall" "$(echo "$user + $sys" | bc)" "$removal" | tee -a "$WORK/results"
}
for i in $(seq 1 "$ROUNDS"); do
  timed "fresh-$i" "$WORK/fresh"
  mv "$WORK/fresh" "$WORK/trash/$i"
  timed "in-place-$i" "$WORK/place"
  printf '\nA sentence added in round %s.\n' "$i" >>"$EDITED"
  timed "edited-$i" "$WORK/place"
done
python3 - "$WORK/results" <<'PY'
import statistics, sys
rows = [l.split("\t") for l in open(sys.argv[1]).read().splitlines()]
print(f"{'mode':<12} {'wall s':>8} {'CPU s':>8} {'waited for removal s':>21}   (medians)")
fresh = None
for mode in ("fresh", "in-place", "edited"):
    r = [x for x in rows if x[0] == mode]
    med = lambda i: statistics.median(float(x[i] or 0) for x in r)
    fresh = fresh or (med(1), med(2))
    print(f"{mode:<12} {med(1):>8.2f} {med(2):>8.2f} {med(3) / 1000:>21.2f}"
          f"   wall {med(1) / fresh[0]:.2f}x, CPU {med(2) / fresh[1]:.2f}x of fresh")
PY
