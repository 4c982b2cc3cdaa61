#!/usr/bin/env bash
# Times `byline fetch` against newsboat: 100 feeds x 100 and x 500 items from a loopback
# server, cold and unchanged (304), the two programs alternating run by run, each pair's
# ratio printed. Folded into Scripts/bench; this runs only its fetch part.
#
#   Scripts/feeds-benchmark.sh                  # builds byline in release mode first
#   BYLINE=path/to/byline Scripts/feeds-benchmark.sh --fetch-runs 5
set -euo pipefail
exec "$(dirname "$0")/bench" --only fetch "$@"
