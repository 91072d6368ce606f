#!/usr/bin/env bash
# Times two briefing binaries against each other on the same corpus: a
# refactor's "no slower" check.
#
#   bench/ab.sh OLD_BINARY NEW_BINARY [N] [RUNS]     # defaults: 10000 articles, 5 runs
#
# Generates an N-article corpus with examples/corpus.rs (seed 1), builds it
# once with each binary as a warm-up and checks that both outputs are
# byte-identical (diff -r), then times RUNS builds of each, alternating,
# each into a fresh folder. Prints each run and the medians, and the ratio
# new/old. Old outputs are deleted only at the end (deleting a large tree
# right before writing one slows the write on this kind of disk).
set -euo pipefail

OLD=${1:?usage: bench/ab.sh OLD_BINARY NEW_BINARY [N] [RUNS]}
NEW=${2:?usage: bench/ab.sh OLD_BINARY NEW_BINARY [N] [RUNS]}
N=${3:-10000}
RUNS=${4:-5}
ROOT=$(cd "$(dirname "$0")/.." && pwd)

WORK=$(mktemp -d /tmp/briefing-ab.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
(cd "$ROOT" && cargo build --release --locked --example corpus >/dev/null 2>&1)
"$ROOT/target/release/examples/corpus" --articles "$N" --seed 1 --out "$WORK/corpus" >/dev/null

"$OLD" build --root "$WORK/corpus" --output "$WORK/warm-old" >/dev/null 2>&1
"$NEW" build --root "$WORK/corpus" --output "$WORK/warm-new" >/dev/null 2>&1
if diff -r "$WORK/warm-old" "$WORK/warm-new" >/dev/null; then
  echo "outputs: byte-identical"
else
  echo "outputs: DIFFER"
fi

time_one() { # binary output -> milliseconds
  local start end
  start=$(date +%s%N)
  "$1" build --root "$WORK/corpus" --output "$2" >/dev/null 2>&1
  end=$(date +%s%N)
  echo $(( (end - start) / 1000000 ))
}

old_times=(); new_times=()
for i in $(seq "$RUNS"); do
  o=$(time_one "$OLD" "$WORK/old-$i"); n=$(time_one "$NEW" "$WORK/new-$i")
  echo "run $i: old ${o} ms, new ${n} ms"
  old_times+=("$o"); new_times+=("$n")
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
mo=$(median "${old_times[@]}"); mn=$(median "${new_times[@]}")
echo "median: old ${mo} ms, new ${mn} ms, new/old $(awk -v a="$mn" -v b="$mo" 'BEGIN {printf "%.3f", a/b}')"
