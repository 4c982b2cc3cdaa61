#!/usr/bin/env bash
# Measures Byline against the security review's hostile inputs, with the release build:
# wall time and peak resident memory (GNU time) of each command.
#
#   Scripts/hostile-inputs.sh        (builds `byline` in release first)
#
# 1. `byline fetch` of a 1 GiB gzip bomb, an entity blow-up and a good feed, from a
#    loopback server (Scripts/hostile_server.py, which makes the bomb as it sends it).
# 2. `byline list --json` of a story whose title is 1.6 MB of non-ASCII text.
# 3. `byline extract` of a page with one element of 40,000 attributes.
# 4. `byline show` of a story with one 15 MB line.
set -euo pipefail
cd "$(dirname "$0")/.."
# BYLINE=path measures another build (a debug one, say) without building.
if [ -z "${BYLINE:-}" ]; then swift build -c release --product byline 2>&1 | tail -n 1; fi
byline=${BYLINE:-$PWD/.build/release/byline}
work=$(mktemp -d)
trap 'kill "${server:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT
measure() { /usr/bin/time -f "    %e s wall, %M KB peak resident, exit %x" "$@"; }

python3 Scripts/hostile_server.py > "$work/port" &
server=$!
for _ in $(seq 50); do [ -s "$work/port" ] && break; sleep 0.1; done
port=$(cat "$work/port")
mkdir -p "$work/config/byline"
for path in bomb blowup good; do printf '[[feed]]\nurl = "http://127.0.0.1:%s/%s"\n\n' "$port" "$path"; done > "$work/config/byline/feeds.toml"
echo "1. fetch: 1 GiB gzip bomb, entity blow-up, good feed"
XDG_CONFIG_HOME=$work/config measure "$byline" fetch --library "$work/library" --full-story never 2>&1 | sed 's/^/    /' || true
echo "    stories saved: $(ls "$work/library/fetched" | wc -l); largest file: $(ls -S -l "$work/library/fetched" | awk 'NR==2 {print $5}') bytes"

mkdir -p "$work/title"
python3 -c "import sys; sys.stdout.write('Title: ' + 'a' * 1_600_000 + '中\n\nBody.\n')" > "$work/title/long.txt"
echo "2. list --json, a 1.6 MB non-ASCII title"
measure "$byline" list --json "$work/title" > /dev/null

python3 -c "
import sys
a = ' '.join('data-a%d=\"v\"' % i for i in range(40000))
sys.stdout.write('<html><body><article><h1>Many</h1><p ' + a + '>The one paragraph of this story, long enough to be its body.</p></article></body></html>')
" > "$work/attributes.html"
echo "3. extract, 40,000 attributes on one element"
measure "$byline" extract "$work/attributes.html" > /dev/null

python3 -c "import sys; sys.stdout.write('Title: One long line\n\n' + 'wörd ' * 2_500_000 + '\n')" > "$work/line.txt"
echo "4. show, one 15 MB line"
measure "$byline" show --width 80 "$work/line.txt" > /dev/null
