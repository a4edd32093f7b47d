#!/bin/bash
# tests/bench/failover.sh — haresources failover time: kill -9 of the holder's daemon (its VIP
# vanishing at the same instant, as with a crashed machine) to the VIP answering again from the
# peer, seen by a client pinging every 20 ms; median of N. For ours-ours and orig-orig on the
# same config (Debian's IPaddr2 + a marker) at keepalive 1 s / deadtime 5 s and 200 ms / 1 s.
# Prints each figure and the ratio orig/ours. Not a pass/fail test (not run by CI).
# Usage: tests/bench/failover.sh [ours] [orig]   (default both); BENCH_RUNS (default 5).
cd "$(dirname "$0")/../.." || exit 1
export HB_NETS=1 HB_MEDIA=bcast HB_AUTH=sha1
. tests/lib/harness.sh
. tests/lib/report.sh
. tests/lib/v1.sh
RUNS=${BENCH_RUNS:-5}
V1_OWN_SCRIPTS=0 V1_AF=on V1_WAIT=40
TIMINGS=${BENCH_TIMINGS:-"1:5 200ms:1"}

impls=("$@")
[ ${#impls[@]} -gt 0 ] || impls=(ours orig)

median() { sort -n | awk '{ a[NR] = $1 } END { if (NR) print a[int((NR + 1) / 2)]; else print -1 }'; }

# one_kill: n1 holds; returns (prints) ms from the kill to the first VIP reply after it.
one_kill() {
	local log=$HB_T/ping.log pid t0 t
	hb_settle n1 7
	: >"$log"
	# each reply line stamped on arrival (works with iputils and inetutils ping alike)
	hb_exec client stdbuf -oL ping -n -i 0.02 "$V1_VIP" 2>/dev/null |
		while read -r l; do echo "$(date +%s%3N) $l"; done >"$log" &
	pid=$!
	sleep 0.5
	t0=$(hb_now_ms)
	hb_exec n1 ip addr del "$V1_VIP/24" dev eth0 2>/dev/null
	hb_kill9 n1
	hb_kill_all n1
	rm -f "$(hb_dir n1)/lib/marker.m1"
	t=""
	local end=$((t0 + 60000))
	while [ "$(hb_now_ms)" -lt "$end" ]; do
		# the first reply after the gap in icmp_seq (a line read late cannot pass for it)
		t=$(awk -v t0="$t0" '/bytes from/ { q = $0; sub(/.*icmp_seq=/, "", q); q += 0
			if (seen && q > prev + 1 && $1 > t0) { print $1 - t0; exit }
			seen = 1; prev = q }' "$log")
		[ -n "$t" ] && break
		sleep 0.2
	done
	hb_kill_all client   # the ping (found by the client's namespace); the pipe then ends
	wait "$pid" 2>/dev/null
	v1_holds n2 || { echo "-1"; return; }
	echo "${t:--1}"
}

bench_one() { # IMPL KEEPALIVE DEADTIME
	local impl=$1 i t all=()
	export HB_IMPL=$impl HB_KEEPALIVE=$2 HB_DEADTIME=$3 HB_WARNTIME=$3
	HB_INITDEAD=$(( $3 * 2 )); [ "$HB_INITDEAD" -ge 4 ] || HB_INITDEAD=4; export HB_INITDEAD
	T_NAME=bench-$impl
	v1_up >&2
	v1_wait_owner n1 "cold start" >&2
	for ((i = 1; i <= RUNS; i++)); do
		t=$(one_kill)
		echo "  $impl keepalive $2 deadtime $3 run $i: $t ms" >&2
		all+=("$t")
		hb_start n1 || t_fail "restart n1"
		v1_wait_owner n1 "failback" >/dev/null
	done
	printf '%s\n' "${all[@]}" | median
	hb_teardown
}

hb_need_root || exit 1
declare -A MED
for tm in $TIMINGS; do
	ka=${tm%%:*} dt=${tm#*:}
	for impl in "${impls[@]}"; do
		MED[$impl:$tm]=$( (bench_one "$impl" "$ka" "$dt") )
		echo "$impl keepalive $ka deadtime $dt: median ${MED[$impl:$tm]} ms (kill -9 -> VIP answers, $RUNS runs)"
	done
	if [ -n "${MED[ours:$tm]:-}" ] && [ -n "${MED[orig:$tm]:-}" ] && [ "${MED[ours:$tm]}" -gt 0 ]; then
		echo "keepalive $ka deadtime $dt: orig/ours = $(awk -v a="${MED[orig:$tm]}" -v b="${MED[ours:$tm]}" 'BEGIN { printf "%.2f", a / b }')"
	fi
done
