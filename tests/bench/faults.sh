#!/bin/sh
# tests/bench/faults.sh — tests/faults/suite's cases at bench length: each loss, starvation,
# stalled-log and flood case runs BENCH_SECS (default 600 s = 10 minutes) instead of 10 s.
# Usage: tests/bench/faults.sh [case ...]   (names as in tests/faults/suite: ft-loss ...)
cd "$(dirname "$0")/../.." || exit 1
[ $# -gt 0 ] && FT_ONLY="$*" && export FT_ONLY
FT_SECS=${BENCH_SECS:-600} exec bash tests/faults/suite
