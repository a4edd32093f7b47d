#!/bin/bash
# tests/bench/detect.sh — figures for one implementation pair or both: detection latency
# (kill -9 -> the survivor's cl_status says dead, 50 ms polling, median of N), resident memory
# and CPU seconds per idle minute of one node's daemon (all its processes). Not a pass/fail test.
# Usage: tests/bench/detect.sh [orig] [ours]   (default: both, ours only when built)
cd "$(dirname "$0")/../.." || exit 1
export HB_KEEPALIVE=${HB_KEEPALIVE:-500ms} HB_DEADTIME=${HB_DEADTIME:-2} HB_INITDEAD=${HB_INITDEAD:-2}
export HB_MEDIA=${HB_MEDIA:-bcast:eth0} HB_AUTH=${HB_AUTH:-sha1}
. tests/lib/harness.sh
. tests/lib/report.sh
. tests/lib/scenarios.sh
RUNS=${BENCH_RUNS:-5}
IDLE=${BENCH_IDLE_SECONDS:-60}
TCK=$(getconf CLK_TCK)

impls=("$@")
if [ ${#impls[@]} -eq 0 ]; then
	impls=(orig)
	if hb_ours_available; then impls+=(ours); else echo "bench: our daemon is not built; measuring the original only"; fi
fi

rss_kb() { # NODE: summed VmRSS of every process in the host
	local p s=0 v
	for p in $(hb_node_pids "$1"); do
		v=$(awk '/^VmRSS:/ { print $2 }' "/proc/$p/status" 2>/dev/null); s=$((s + ${v:-0}))
	done
	echo $s
}
cpu_ticks() { # NODE: "pid:ticks" (utime+stime+cutime+cstime) for every process in the host
	local p
	for p in $(hb_node_pids "$1"); do
		# fields after the ")" of comm: utime is the 12th, stime 13th, cutime 14th, cstime 15th
		sed 's/.*) //' "/proc/$p/stat" 2>/dev/null | awk -v p="$p" '{ print p ":" $12 + $13 + $14 + $15 }'
	done
}
median() { tr ' ' '\n' | grep -v '^$' | sort -n | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else print int((a[NR / 2] + a[NR / 2 + 1]) / 2) }'; }

bench_one() { # IMPL -> prints figures, sets R_<impl>_{det,rss,cpu}
	local impl=$1 runs="" i t before after d cpu rss nproc
	export HB_IMPL=$impl T_NAME=bench-$impl
	sc_up n1 n2 >/dev/null
	hb_settle n1 "$HB_SETTLE"; sleep 1
	rss=$(rss_kb n1); nproc=$(hb_node_pids n1 | wc -l)
	before=$(cpu_ticks n1); sleep "$IDLE"; after=$(cpu_ticks n1)
	d=$(join -t: <(echo "$before" | sort) <(echo "$after" | sort) | awk -F: '{ s += $3 - $2 } END { print s + 0 }')
	cpu=$(awk -v d="$d" -v t="$TCK" -v i="$IDLE" 'BEGIN { printf "%.3f", d / t * 60 / i }')
	for ((i = 1; i <= RUNS; i++)); do
		hb_settle n2 "$HB_SETTLE"
		HB_T0=$(hb_now_ms); hb_kill9 n2
		t=$(hb_time_until 20 hb_is_status n1 n2 dead) || t=-1
		runs="$runs $t"
		hb_restart n2 >/dev/null 2>&1 && hb_wait_for 30 hb_all_active || { echo "bench: $impl restart failed"; break; }
	done
	hb_teardown
	det=$(echo "$runs" | median)
	echo "$impl: detection median $det ms (runs:$runs; deadtime $HB_DEADTIME s, keepalive $HB_KEEPALIVE, $HB_MEDIA)"
	echo "$impl: RSS $rss kB over $nproc processes; CPU $cpu s per idle minute (measured over $IDLE s)"
	eval "R_${impl}_det=$det R_${impl}_rss=$rss R_${impl}_cpu=$cpu"
}

for impl in "${impls[@]}"; do ( bench_one "$impl" ) | tee "/tmp/hb-bench-$impl.$$"; done
if [ -s "/tmp/hb-bench-orig.$$" ] && [ -s "/tmp/hb-bench-ours.$$" ]; then
	val() { grep -o "$2 [0-9.]*" "/tmp/hb-bench-$1.$$" | head -n 1 | awk '{ print $NF }'; }
	ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }
	echo "ratio ours/orig: detection $(ratio "$(val ours median)" "$(val orig median)"), RSS $(ratio "$(val ours RSS)" "$(val orig RSS)"), CPU $(ratio "$(val ours CPU)" "$(val orig CPU)")"
fi
rm -f "/tmp/hb-bench-orig.$$" "/tmp/hb-bench-ours.$$"
