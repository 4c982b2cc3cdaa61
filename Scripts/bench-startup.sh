#!/usr/bin/env bash
# Measures how fast Byline opens a large library: first screen with and without an index,
# its peak memory, and `byline list`. Folded into Scripts/bench; this runs those parts.
#
#   Scripts/bench-startup.sh                     # 1,000, 10,000 and 100,000 stories
#   Scripts/bench-startup.sh --sizes 10000       # one size
set -euo pipefail
exec "$(dirname "$0")/bench" --only startup,list "$@"
