#!/usr/bin/env bash
# Times Byline's sync with Tiny Tiny RSS against newsboat's TT-RSS mode, on the same
# loopback server: a first sync of FEEDS feeds x ITEMS stories into an empty library,
# and a second sync with nothing new. Prints each figure's median of $RUNS runs and the
# ratio newsboat / Byline.
#
#   Scripts/bench-sync.sh            # 100 feeds x 100 stories, 3 runs
#   FEEDS=20 ITEMS=50 RUNS=5 Scripts/bench-sync.sh
#
# Run as root. Starts its own server with Scripts/ttrss-server.sh (under $BENCH_DIR,
# default $TMPDIR/byline-bench-sync, TT-RSS on port 8292) and stops it at the end. The
# feeds are generated, served on port 80 and fetched once by TT-RSS (update.php), which is
# not timed. Stories have whole paragraphs (150 words), so neither reader fetches pages.
# Needs newsboat (apt-get install -y newsboat); builds Byline in release mode.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
feeds="${FEEDS:-100}"
items="${ITEMS:-100}"
runs="${RUNS:-3}"
export TTRSS_BASE="${BENCH_DIR:-${TMPDIR:-/tmp}/byline-bench-sync}"
export TTRSS_PORT=8292 PG_PORT=55492
server="$root/Scripts/ttrss-server.sh"
api="http://127.0.0.1:$TTRSS_PORT/api/"

command -v newsboat >/dev/null || { echo "bench-sync: newsboat is not installed (apt-get install -y newsboat)" >&2; exit 1; }

echo "Building release…" >&2
(cd "$root" && swift build -c release --product byline >&2)
byline="$root/.build/release/byline"

"$server" start >&2
trap '"$server" stop >&2' EXIT
password="bench-$(date +%s%N)"
echo "$password" | "$server" password

# ---------------------------------------------------------------- the server's stories
count=$("$server" sql "select count(*) from ttrss_entries" | tail -1)
if [ "$count" -lt $((feeds * items)) ]; then
    echo "Generating $feeds feeds x $items stories and letting TT-RSS fetch them…" >&2
    python3 - "$TTRSS_BASE/feeds" "$feeds" "$items" <<'PY'
import os, sys
folder, feeds, items = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
os.makedirs(folder, exist_ok=True)
words = "the harbour council reopened its bridge after three days of storms while ships waited".split()
for f in range(feeds):
    out = ['<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>',
           f'<title>Bench feed {f}</title><link>http://example.invalid/{f}/</link><description>bench</description>']
    for i in range(items):
        body = " ".join(words[(i + k) % len(words)] for k in range(150)) + "."
        out.append(f'<item><title>Feed {f} story {i}</title><link>http://example.invalid/{f}/{i}</link>'
                   f'<guid isPermaLink="false">bench-{f}-{i}</guid>'
                   f'<pubDate>Mon, 01 Jan 2024 {i // 60 % 24:02d}:{i % 60:02d}:00 +0000</pubDate>'
                   f'<description>&lt;p&gt;{body}&lt;/p&gt;&lt;p&gt;{body}&lt;/p&gt;</description></item>')
    out.append('</channel></rss>\n')
    with open(f"{folder}/bench-{f:03d}.xml", "w") as fh:
        fh.write("\n".join(out))
PY
    sid=$(curl -sS -d "{\"op\":\"login\",\"user\":\"admin\",\"password\":\"$password\"}" "$api" |
          python3 -c 'import json,sys; print(json.load(sys.stdin)["content"]["session_id"])')
    for f in $(seq 0 $((feeds - 1))); do
        curl -sS -o /dev/null -d "{\"op\":\"subscribeToFeed\",\"sid\":\"$sid\",\"feed_url\":\"http://0.0.0.0/bench-$(printf %03d "$f").xml\"}" "$api"
    done
    "$server" update
    count=$("$server" sql "select count(*) from ttrss_entries" | tail -1)
fi
echo "TT-RSS holds $count stories" >&2

# ---------------------------------------------------------------- timing
work=$(mktemp -d)
trap 'rm -rf "$work"; "$server" stop >&2' EXIT
printf '%s\n' "$password" >"$work/secret"

now() { date +%s.%N; }
median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

byline_run() {  # byline_run DIR: one sync into the machine at DIR
    XDG_CONFIG_HOME="$1/config" XDG_DATA_HOME="$1/data" XDG_STATE_HOME="$1/state" "$byline" sync >/dev/null
}
newsboat_run() {  # newsboat_run DIR: one reload with the cache at DIR
    newsboat -x reload -C "$1/config" -c "$1/cache.db" -u "$1/urls" >/dev/null 2>&1
}

for run in $(seq 1 "$runs"); do
    machine="$work/byline-$run"
    mkdir -p "$machine/config/byline"
    cat >"$machine/config/byline/config.toml" <<TOML
[sync]
service = "ttrss"
url = "http://127.0.0.1:$TTRSS_PORT/"
user = "admin"
password-command = "cat '$work/secret'"
TOML
    t0=$(now); byline_run "$machine"; t1=$(now); byline_run "$machine"; t2=$(now)
    stories=$(find "$machine/data/byline/library/fetched" -name '*.txt' | wc -l)
    echo "byline run $run: first $(echo "$t1 - $t0" | bc) s ($stories stories), second $(echo "$t2 - $t1" | bc) s" >&2
    echo "$t1 - $t0" | bc >>"$work/byline-first"
    echo "$t2 - $t1" | bc >>"$work/byline-second"

    boat="$work/newsboat-$run"
    mkdir -p "$boat"
    : >"$boat/urls"
    cat >"$boat/config" <<CONF
urls-source "ttrss"
ttrss-url "http://127.0.0.1:$TTRSS_PORT/"
ttrss-login "admin"
ttrss-passwordeval "cat '$work/secret'"
ttrss-mode "multi"
CONF
    t0=$(now); newsboat_run "$boat"; t1=$(now); newsboat_run "$boat"; t2=$(now)
    echo "newsboat run $run: first $(echo "$t1 - $t0" | bc) s, second $(echo "$t2 - $t1" | bc) s" >&2
    echo "$t1 - $t0" | bc >>"$work/newsboat-first"
    echo "$t2 - $t1" | bc >>"$work/newsboat-second"
done

echo
echo "Sync from a loopback Tiny Tiny RSS, $feeds feeds x $items stories ($count on the server), median of $runs runs"
printf '%-34s %10s %10s %8s\n' "" "Byline" "newsboat" "ratio"
for phase in first second; do
    b=$(median <"$work/byline-$phase")
    n=$(median <"$work/newsboat-$phase")
    label=$([ "$phase" = first ] && echo "first sync (empty library)" || echo "second sync (nothing new)")
    printf '%-34s %9.2fs %9.2fs %7.2fx\n' "$label" "$b" "$n" "$(echo "$n / $b" | bc -l)"
done
echo "(ratio = newsboat / Byline; above 1 means Byline is faster)"
