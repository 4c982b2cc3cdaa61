#!/usr/bin/env bash
# Scores `byline extract --text` on the article-extraction corpus (dev half) and compares
# it with trafilatura when that can be installed.
#
# usage: Scripts/extraction-benchmark.sh [--debug] [--passes N] [--per-doc] [--no-trafilatura]
# The corpus is read in place from ../shared/corpora/article-extraction (relative to the
# project root); predictions go to a temporary folder that is printed.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
corpus="$root/../shared/corpora/article-extraction"
config=release
passes=3
per_doc=""
trafilatura=yes
while [ $# -gt 0 ]; do
    case "$1" in
        --debug) config=debug ;;
        --passes) passes="$2"; shift ;;
        --per-doc) per_doc=--per-doc ;;
        --no-trafilatura) trafilatura=no ;;
        *) echo "extraction-benchmark: unknown option $1" >&2; exit 2 ;;
    esac
    shift
done

if [ ! -f "$corpus/dev/ground-truth.json" ]; then
    echo "extraction-benchmark: no corpus at $corpus" >&2
    exit 1
fi

cd "$root"
out="$(mktemp -d "${TMPDIR:-/tmp}/byline-extraction.XXXXXX")"
if ! swift build -c "$config" --product byline >"$out/build.log" 2>&1; then
    cat "$out/build.log" >&2
    exit 1
fi
binary="$(swift build -c "$config" --show-bin-path 2>/dev/null)/byline"
echo "predictions: $out"

python3 "$root/Scripts/extraction_benchmark.py" byline "$binary" "$corpus" "$out" --passes "$passes" | tee "$out/byline.txt"
python3 "$corpus/score.py" "$corpus/dev/ground-truth.json" "$out/byline-predictions.json" $per_doc
# The same extraction in one process, timed as trafilatura is (its predictions must score the same).
python3 "$root/Scripts/extraction_benchmark.py" byline-batch "$binary" "$corpus" "$out" --passes "$passes" \
    | tee "$out/byline-batch.txt"
python3 "$corpus/score.py" "$corpus/dev/ground-truth.json" "$out/byline-batch-predictions.json" | tail -1

if [ "$trafilatura" = yes ]; then
    # A private virtual environment keeps the benchmark's Python packages out of the system's.
    venv="$root/.build/benchmark-venv"
    if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c "import trafilatura" 2>/dev/null; then
        python3 -m venv "$venv" && "$venv/bin/pip" install --quiet trafilatura lxml_html_clean >/dev/null 2>&1 || true
    fi
    if "$venv/bin/python" -c "import trafilatura" 2>/dev/null; then
        "$venv/bin/python" "$root/Scripts/extraction_benchmark.py" trafilatura "$corpus" "$out" --passes "$passes" \
            | tee "$out/trafilatura.txt"
        python3 "$corpus/score.py" "$corpus/dev/ground-truth.json" "$out/trafilatura-predictions.json"
        single=$(awk '{print $4}' "$out/byline.txt")
        batch=$(awk '{print $4}' "$out/byline-batch.txt")
        theirs=$(awk '{print $4}' "$out/trafilatura.txt")
        awk -v a="$batch" -v s="$single" -v b="$theirs" 'BEGIN {
            printf "speed: byline %.1fx trafilatura in one process (%.1fx with a process per page)\n", a / b, s / b }'
    else
        echo "trafilatura: could not be installed; skipped"
    fi
fi
