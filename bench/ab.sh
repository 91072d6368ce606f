#!/usr/bin/env bash
# Times two briefing binaries against each other on the same corpus: a
# refactor's "no slower" check.
#
#   bench/ab.sh OLD_BINARY NEW_BINARY [N] [RUNS]     # defaults: 10000 articles, 5 runs
#
# Generates an N-article corpus with examples/corpus.rs (seed 1), builds it
# once with each binary as a warm-up and checks that both outputs are
# byte-identical (diff -r), then times RUNS builds of each, alternating,
# each into a fresh folder. Prints each run and the medians of wall time,
# CPU time (user + sys: steadier than wall time on a shared machine) and
# peak resident memory, with the ratios new/old. Old outputs are deleted only at the end (deleting a large tree
# right before writing one slows the write on this kind of disk).
set -euo pipefail

if [ ! -x /usr/bin/time ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time
fi

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

time_one() { # binary output -> "wall_ms cpu_ms peak_kb" (cpu = user + sys)
  /usr/bin/time -f "%e %U %S %M" -o "$WORK/time" "$1" build --root "$WORK/corpus" --output "$2" >/dev/null 2>&1
  awk '{printf "%d %d %d\n", $1 * 1000, ($2 + $3) * 1000, $4}' "$WORK/time"
}

old_wall=(); new_wall=(); old_cpu=(); new_cpu=(); old_mem=(); new_mem=()
for i in $(seq "$RUNS"); do
  read -r ow oc om < <(time_one "$OLD" "$WORK/old-$i")
  read -r nw nc nm < <(time_one "$NEW" "$WORK/new-$i")
  echo "run $i: old ${ow} ms wall, ${oc} ms cpu, ${om} KB; new ${nw} ms wall, ${nc} ms cpu, ${nm} KB"
  old_wall+=("$ow"); new_wall+=("$nw"); old_cpu+=("$oc"); new_cpu+=("$nc"); old_mem+=("$om"); new_mem+=("$nm")
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.3f", a/b}'; }
report() { # name old... -- new...
  local name=$1 mo=$2 mn=$3
  echo "median $name: old $mo, new $mn, new/old $(ratio "$mn" "$mo")"
}
report "wall ms" "$(median "${old_wall[@]}")" "$(median "${new_wall[@]}")"
report "cpu ms" "$(median "${old_cpu[@]}")" "$(median "${new_cpu[@]}")"
report "peak KB" "$(median "${old_mem[@]}")" "$(median "${new_mem[@]}")"
