#!/usr/bin/env bash
# Lighthouse 12 scores of the 10k benchmark site (issue 27).
#
#   bench/lighthouse.sh [PAGES] [BINARY]
#       PAGES   which pages, comma-separated, of: home, article, actor,
#               search (/search/?q=council, the issue's address: no
#               briefing of the corpus holds the word) and search-hits
#               (/search/?q=pipeline+rights: a page of results and
#               filters) (default: all five)
#       BINARY  the briefing binary that builds the site (default: this
#               checkout's release build, built first)
#
# Generates the corpus (examples/corpus.rs, 10,000 articles or $ARTICLES, page_size 20
# as a desk runs it), builds it, serves the output over HTTP
# (python3 -m http.server on an ephemeral port) and runs Lighthouse 12
# (installed with npm into a temporary prefix; LIGHTHOUSE=path/to/bin
# skips the install) with Chromium (CHROME_PATH, default
# /usr/bin/chromium) on each page, desktop and mobile. Prints the four
# category scores per page and form factor, then the audits that did not
# pass. Audits only the test server causes (no cache headers, no text
# compression: http.server sends neither) are marked "(server)".
#
# The machine is shared and noisy: performance scores move by a few
# points from run to run; run it twice before reading much into one.
set -euo pipefail

PAGES=${1:-home,article,actor,search,search-hits}
BIN=${2:-}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
WORK=$(mktemp -d /tmp/briefing-lighthouse.XXXXXX)
SERVER=
cleanup() {
  [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
export CHROME_PATH=${CHROME_PATH:-/usr/bin/chromium}

if [ -z "$BIN" ]; then
  cargo build --release --locked --bin briefing --example corpus
  BIN=target/release/briefing
elif [ ! -x target/release/examples/corpus ]; then
  cargo build --release --locked --example corpus
fi
if [ -z "${LIGHTHOUSE:-}" ]; then
  npm install --silent --no-audit --no-fund --prefix "$WORK/npm" lighthouse@12 > /dev/null
  LIGHTHOUSE="$WORK/npm/node_modules/.bin/lighthouse"
fi
echo "== commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown), $BIN, $("$LIGHTHOUSE" --version | head -1)"

target/release/examples/corpus --articles "${ARTICLES:-10000}" --out "$WORK/site" > /dev/null
sed -i 's/^page_size: 0$/page_size: 20/' "$WORK/site/site.yaml"
"$BIN" build --root "$WORK/site" --output "$WORK/public" --base-url http://127.0.0.1/ > /dev/null 2>&1

PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 -m http.server "$PORT" --bind 127.0.0.1 --directory "$WORK/public" > /dev/null 2>&1 &
SERVER=$!
for _ in $(seq 100); do
  curl -fs "http://127.0.0.1:$PORT/" > /dev/null && break
  sleep 0.1
done

# One page of each kind: the first article and the most covered actor.
ARTICLE=$(cd "$WORK/public" && find 20* -name index.html -path '*/*/*/*/*' | sort | sed -n 1p)
ACTOR=$(cd "$WORK/public" && find actors -mindepth 1 -maxdepth 1 -type d | sort | sed -n 1p)
declare -A URL=(
  [home]="/"
  [article]="/${ARTICLE%index.html}"
  [actor]="/$ACTOR/"
  [search]="/search/?q=council"
  [search-hits]="/search/?q=pipeline+rights"
)

for PAGE in ${PAGES//,/ }; do
  for FORM in desktop mobile; do
    PRESET=()
    [ "$FORM" = desktop ] && PRESET=(--preset=desktop)
    OUT="$WORK/$PAGE-$FORM.json"
    "$LIGHTHOUSE" "http://127.0.0.1:$PORT${URL[$PAGE]}" "${PRESET[@]}" --quiet \
      --output=json --output-path="$OUT" \
      --chrome-flags="--headless --no-sandbox --disable-gpu --disable-dev-shm-usage" > /dev/null 2>&1 || true
    python3 - "$OUT" "$PAGE" "$FORM" "${URL[$PAGE]}" <<'EOF'
import json, sys
path, page, form, url = sys.argv[1:]
try:
    report = json.load(open(path))
except (OSError, ValueError) as e:
    print(f"{page:8} {form:8} lighthouse failed: {e}")
    sys.exit(0)
cats = report["categories"]
score = lambda k: "-" if cats[k]["score"] is None else round(cats[k]["score"] * 100)
print(f"{page:8} {form:8} performance {score('performance'):>3}  accessibility {score('accessibility'):>3}  "
      f"best-practices {score('best-practices'):>3}  seo {score('seo'):>3}  {url}")
metrics = report["audits"]
print("         " + ", ".join(
    f"{k} {metrics[k]['displayValue']}" for k in
    ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift")
    if k in metrics and metrics[k].get("displayValue")))
server = {"uses-long-cache-ttl", "uses-text-compression", "uses-http2", "cache-insight", "document-latency-insight"}
audited = {ref["id"] for c in cats.values() for ref in c["auditRefs"]}
for key in sorted(audited):
    audit = report["audits"][key]
    s, mode = audit.get("score"), audit.get("scoreDisplayMode")
    if s is None or mode in ("notApplicable", "manual", "informative") or s >= 0.9:
        continue
    note = " (server)" if key in server else ""
    value = audit.get("displayValue") or ""
    print(f"         fails: {key}{note} {value}".rstrip())
EOF
  done
done
