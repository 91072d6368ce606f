#!/usr/bin/env bash
# Times `check` against `build` (and `build --check`), for two binaries, on
# the same corpus: what the Pages workflow pays on every deploy.
#
#   bench/check.sh OLD_BINARY NEW_BINARY [N] [RUNS]   # defaults: 10000 articles, 3 runs
#
# Generates an N-article corpus with examples/corpus.rs (seed 1) with the
# default `page_size: 20`, then RUNS rounds, each running, in this order:
# old build, old check, new build, new check, new build --check (builds
# into fresh folders, deleted only at the end; `sync` before each run).
# Prints each run's wall
# time, CPU time (user + sys: steadier than wall time on a shared machine)
# and peak resident memory (/usr/bin/time), the medians, and the ratios to
# the same binary's build. Use an odd RUNS.
set -euo pipefail

if [ ! -x /usr/bin/time ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time
fi

OLD=${1:?usage: bench/check.sh OLD_BINARY NEW_BINARY [N] [RUNS]}
NEW=${2:?usage: bench/check.sh OLD_BINARY NEW_BINARY [N] [RUNS]}
N=${3:-10000}
RUNS=${4:-3}
ROOT=$(cd "$(dirname "$0")/.." && pwd)

WORK=$(mktemp -d /tmp/briefing-check.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
(cd "$ROOT" && cargo build --release --locked --example corpus >/dev/null 2>&1)
"$ROOT/target/release/examples/corpus" --articles "$N" --seed 1 --out "$WORK/corpus" >/dev/null
sed -i 's/^page_size: 0$/page_size: 20/' "$WORK/corpus/site.yaml"

# One warm-up of each, so the corpus is in the page cache.
"$OLD" build --root "$WORK/corpus" --output "$WORK/warm" >/dev/null 2>&1
"$NEW" check --root "$WORK/corpus" >/dev/null 2>&1

time_one() { # name binary args... -> "name wall_ms peak_kb cpu_ms"
  local name=$1
  shift
  # The previous build's writes are flushed first, so no run pays for them.
  sync
  /usr/bin/time -f "%e %M %U %S" -o "$WORK/time" "$@" >/dev/null 2>&1
  awk -v n="$name" '{printf "%s %d %d %d\n", n, $1 * 1000, $2, ($3 + $4) * 1000}' "$WORK/time"
}

: >"$WORK/all"
for i in $(seq "$RUNS"); do
  {
    time_one old-build "$OLD" build --root "$WORK/corpus" --output "$WORK/old-$i"
    time_one old-check "$OLD" check --root "$WORK/corpus"
    time_one new-build "$NEW" build --root "$WORK/corpus" --output "$WORK/new-$i"
    time_one new-check "$NEW" check --root "$WORK/corpus"
    time_one new-build-check "$NEW" build --check --root "$WORK/corpus" --output "$WORK/both-$i"
  } | tee -a "$WORK/all" | sed "s/^/run $i: /"
done

median() { # name column -> median of that column over the runs of name
  awk -v n="$1" -v c="$2" '$1 == n {print $c}' "$WORK/all" | sort -n |
    awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a/b}'; }
for name in old-build old-check new-build new-check new-build-check; do
  echo "median $name: $(median "$name" 2) ms wall, $(median "$name" 4) ms cpu, $(median "$name" 3) KB peak"
done
compare() { # label a b
  echo "$1: wall $(ratio "$(median "$2" 2)" "$(median "$3" 2)")x, cpu $(ratio "$(median "$2" 4)" "$(median "$3" 4)")x, memory $(ratio "$(median "$2" 3)" "$(median "$3" 3)")x"
}
compare "old check/build" old-check old-build
compare "new check/build" new-check new-build
compare "new build --check/build" new-build-check new-build
echo "new build --check against old check then build (the workflow's two steps): wall $(ratio "$(median new-build-check 2)" "$(( $(median old-check 2) + $(median old-build 2) ))")x"
