#!/usr/bin/env bash
# Times `byline fetch` against newsboat on the same feeds: 100 feeds x 100 items served
# from a loopback python3 http.server (which answers If-Modified-Since with 304).
#
#   Scripts/feeds-benchmark.sh            # builds byline in release mode first
#   BYLINE=path/to/byline Scripts/feeds-benchmark.sh
#   FEEDS=20 ITEMS=50 RUNS=5 Scripts/feeds-benchmark.sh
#
# Each figure is the median of RUNS runs. "cold" fetches into an empty library / cache;
# "warm" fetches again right after (every feed unchanged: 304). Both readers download
# 8 feeds at once (newsboat: reload-threads 8).
set -euo pipefail

FEEDS=${FEEDS:-100}
ITEMS=${ITEMS:-100}
RUNS=${RUNS:-3}
JOBS=${JOBS:-8}
ROOT=$(cd "$(dirname "$0")/.." && pwd)

if [[ -z "${BYLINE:-}" ]]; then
    (cd "$ROOT" && swift build -c release --product byline >&2)
    BYLINE="$ROOT/.build/release/byline"
fi
if ! command -v newsboat >/dev/null; then
    echo "newsboat is not installed (apt-get install -y newsboat)" >&2
    exit 1
fi

WORK=$(mktemp -d /tmp/byline-feeds-bench.XXXXXX)
SERVER_PID=""
cleanup() {
    if [[ -n "$SERVER_PID" ]]; then kill "$SERVER_PID" 2>/dev/null || true; fi
    rm -rf "$WORK"
}
trap cleanup EXIT

# --- The feeds -------------------------------------------------------------------------
python3 - "$WORK/site" "$FEEDS" "$ITEMS" <<'PY'
import os, sys
from email.utils import formatdate
site, feeds, items = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
os.makedirs(site, exist_ok=True)
para = ("The council met on Tuesday to discuss the budget, and members argued at length "
        "about the cost of the new bridge. ") * 4
for f in range(feeds):
    out = ['<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>',
           f'<title>Benchmark feed {f}</title><link>http://example.org/{f}/</link>',
           '<description>Generated for the fetch benchmark</description>']
    for i in range(items):
        date = formatdate(1_640_000_000 + f * 100_000 + i * 600, usegmt=True)
        out.append(f'<item><title>Story {i} of feed {f}</title>'
                   f'<link>http://example.org/{f}/story/{i}</link><guid>feed{f}-item{i}</guid>'
                   f'<pubDate>{date}</pubDate><author>desk@example.org (News Desk)</author>'
                   f'<description>&lt;p&gt;{para}&lt;/p&gt;&lt;p&gt;Second paragraph {i}.&lt;/p&gt;</description></item>')
    out.append('</channel></rss>\n')
    with open(os.path.join(site, f'feed{f}.xml'), 'w') as fh:
        fh.write(''.join(out))
PY

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
python3 -m http.server "$PORT" --bind 127.0.0.1 --directory "$WORK/site" >/dev/null 2>&1 &
SERVER_PID=$!
for _ in $(seq 50); do
    if python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$PORT/feed0.xml')" 2>/dev/null; then break; fi
    sleep 0.1
done

: > "$WORK/urls"
for f in $(seq 0 $((FEEDS - 1))); do echo "http://127.0.0.1:$PORT/feed$f.xml" >> "$WORK/urls"; done

now() { date +%s.%N; }
elapsed() { python3 -c "print(f'{$2 - $1:.3f}')"; }
median() { printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

# Feed text only (--full-story never): newsboat reads what the feed gives and does not
# fetch pages, so both sides do the same work.
# --- byline ----------------------------------------------------------------------------
byline_cold=(); byline_warm=()
for run in $(seq "$RUNS"); do
    home="$WORK/byline-$run"
    mkdir -p "$home/config/byline"
    while read -r url; do printf '[[feed]]\nurl = "%s"\n\n' "$url"; done < "$WORK/urls" > "$home/config/byline/feeds.toml"
    for phase in cold warm; do
        start=$(now)
        XDG_CONFIG_HOME="$home/config" "$BYLINE" fetch --library "$home/library" --jobs "$JOBS" --full-story never > "$home/$phase.log" 2>&1 \
            || { echo "byline fetch failed:" >&2; tail -5 "$home/$phase.log" >&2; exit 1; }
        t=$(elapsed "$start" "$(now)")
        if [[ $phase == cold ]]; then byline_cold+=("$t"); else byline_warm+=("$t"); fi
    done
done
stories=$(find "$WORK/byline-1/library/fetched" -name '*.txt' | wc -l)

# --- newsboat --------------------------------------------------------------------------
news_cold=(); news_warm=()
for run in $(seq "$RUNS"); do
    home="$WORK/newsboat-$run"
    mkdir -p "$home"
    printf 'reload-threads %s\n' "$JOBS" > "$home/config"
    for phase in cold warm; do
        start=$(now)
        HOME="$home" newsboat -x reload -u "$WORK/urls" -c "$home/cache.db" -C "$home/config" > "$home/$phase.log" 2>&1 \
            || { echo "newsboat failed:" >&2; tail -5 "$home/$phase.log" >&2; exit 1; }
        t=$(elapsed "$start" "$(now)")
        if [[ $phase == cold ]]; then news_cold+=("$t"); else news_warm+=("$t"); fi
    done
done
articles=$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('select count(*) from rss_item').fetchone()[0])" "$WORK/newsboat-1/cache.db" 2>/dev/null || echo "?")

bc=$(median "${byline_cold[@]}"); bw=$(median "${byline_warm[@]}")
nc=$(median "${news_cold[@]}"); nw=$(median "${news_warm[@]}")
echo "feeds: $FEEDS x $ITEMS items, median of $RUNS runs, $JOBS at once"
echo "byline   cold ${bc}s  warm ${bw}s  (runs: cold ${byline_cold[*]}; warm ${byline_warm[*]}; $stories story files)"
echo "newsboat cold ${nc}s  warm ${nw}s  (runs: cold ${news_cold[*]}; warm ${news_warm[*]}; $articles articles)"
python3 -c "print(f'ratio byline/newsboat: cold {$bc / $nc:.2f}  warm {$bw / $nw:.2f}')"
