#!/usr/bin/env bash
# Measures how fast Byline opens a large library: reader start-up to its first frame and
# `byline list`, cold (no index) and warm (index present), and their peak memory.
#
#   Scripts/bench-startup.sh             # 10,000 stories
#   Scripts/bench-startup.sh --large     # 10,000 and 100,000 stories
#   Scripts/bench-startup.sh 2000 50000  # any counts
#
# Builds release first. Libraries are generated once with Scripts/make-library.py into
# $BENCH_DIR (default: $TMPDIR/byline-bench) and reused: the same count always gives the
# same files. Each figure is the median of $RUNS runs (default 5).
#
# The reader needs a terminal, so it runs under `script` (a pseudo-terminal) with the
# hidden --exit-after-first-frame flag; the table also shows what `script` alone costs.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
runs="${RUNS:-5}"
bench_dir="${BENCH_DIR:-${TMPDIR:-/tmp}/byline-bench}"

counts=()
for arg in "$@"; do
    case "$arg" in
        --large) counts+=(10000 100000) ;;
        -h|--help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *[!0-9]*|'') echo "bench-startup: $arg: not a story count (try --help)" >&2; exit 2 ;;
        *) counts+=("$arg") ;;
    esac
done
[ ${#counts[@]} -gt 0 ] || counts=(10000)

for tool in script python3; do
    command -v "$tool" >/dev/null || { echo "bench-startup: $tool is not installed" >&2; exit 1; }
done
[ -x /usr/bin/time ] || { echo "bench-startup: /usr/bin/time is missing (apt-get install -y time)" >&2; exit 1; }

echo "Building release…" >&2
(cd "$root" && swift build -c release >&2)
byline="$root/.build/release/byline"

# The reader's terminal: a UTF-8, 256-colour 100×30 screen, and no user config or state.
scratch="$(mktemp -d "${TMPDIR:-/tmp}/byline-bench-home.XXXXXX")"
trap 'rm -rf "$scratch"' EXIT
export LANG=C.UTF-8 TERM=xterm-256color COLUMNS=100 LINES=30
export HOME="$scratch" XDG_CONFIG_HOME="$scratch/config" XDG_STATE_HOME="$scratch/state" XDG_DATA_HOME="$scratch/data"

now_ms() { date +%s%N | awk '{ printf "%.1f", $1 / 1e6 }'; }

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# measure NAME COLD LIBRARY COMMAND…: runs COMMAND $runs times; prints "NAME ms kB"
# (median wall time, median peak resident memory). COLD=1 removes the index first.
measure() {
    local name="$1" cold="$2" library="$3"; shift 3
    local times="$scratch/times" memory="$scratch/memory" rss="$scratch/rss"
    : > "$times"; : > "$memory"
    if [ "$cold" = 0 ]; then "$@" >/dev/null 2>&1 || true; fi   # build the index once
    for _ in $(seq "$runs"); do
        [ "$cold" = 1 ] && rm -rf "$library/.byline"
        local start end
        start="$(now_ms)"
        "$@" > /dev/null 2>&1 || { echo "bench-startup: $name failed: $*" >&2; exit 1; }
        end="$(now_ms)"
        awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f\n", b - a }' >> "$times"
        cat "$rss" >> "$memory"
    done
    printf '%s %s %s\n' "$name" "$(median < "$times")" "$(median < "$memory")"
}

# Each command writes its peak memory (kB) to $rss through /usr/bin/time.
reader() { script -qec "/usr/bin/time -f %M -o '$scratch/rss' '$byline' --exit-after-first-frame '$1'" /dev/null; }
list() { /usr/bin/time -f %M -o "$scratch/rss" "$byline" list "$1"; }
script_only() { script -qec "/usr/bin/time -f %M -o '$scratch/rss' true" /dev/null; }

results="$scratch/results"
: > "$results"
for count in "${counts[@]}"; do
    library="$bench_dir/library-$count"
    if [ ! -d "$library" ]; then
        echo "Generating $count stories in $library…" >&2
        mkdir -p "$bench_dir"
        python3 "$root/Scripts/make-library.py" --count "$count" --out "$library" >&2
    fi
    files="$(find "$library" -name '*.txt' | wc -l)"
    echo "Measuring $files stories ($runs runs each)…" >&2
    {
        measure "reader-cold" 1 "$library" reader "$library"
        measure "reader-warm" 0 "$library" reader "$library"
        measure "list-cold" 1 "$library" list "$library"
        measure "list-warm" 0 "$library" list "$library"
    } | sed "s/^/$count /" >> "$results"
done
baseline="$(measure "script-alone" 0 "$scratch" script_only)"

echo
printf '%-8s  %-12s  %12s  %14s\n' "stories" "what" "median ms" "peak RSS MB"
while read -r count name ms kb; do
    printf '%-8s  %-12s  %12s  %14.1f\n' "$count" "$name" "$ms" "$(awk -v k="$kb" 'BEGIN { print k / 1024 }')"
done < "$results"
read -r name ms kb <<< "$baseline"
printf '%-8s  %-12s  %12s  %14s\n' "-" "$name" "$ms" "(pty only)"
echo
echo "reader = byline --exit-after-first-frame under script(1); list = byline list > /dev/null."
echo "cold = the library's .byline/ index removed before each run; warm = index present."
