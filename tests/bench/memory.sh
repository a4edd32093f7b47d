#!/bin/bash
# tests/bench/memory.sh — resident memory of node n1 of a running pair, with 2 and with 16
# nodes in ha.cf (14 of them never started: the node table, links and histories are sized
# for them all), for ours and Debian's 3.0.6 (its four processes: master control, FIFO
# reader, a writer and a reader per medium).  "realtime on": the daemon mlockall()s, so RSS
# is what it must fit under RLIMIT_MEMLOCK; ours runs under an 8 MiB RLIMIT_MEMLOCK (common
# in containers) and the script says whether the lock held (VmLck) or failed (the log).
# Prints one line per case and the ratios.  Not a pass/fail test (not run by CI) unless
# BENCH_LIMIT_KB is set: then ours above it fails.
# Usage: tests/bench/memory.sh [ours] [orig]   (default both)
cd "$(dirname "$0")/../.." || exit 1
export HB_NETS=1 HB_MEDIA=bcast HB_AUTH=sha1 HB_KEEPALIVE=500ms HB_DEADTIME=2 HB_INITDEAD=2
. tests/lib/harness.sh
MEMLOCK=$((8 * 1024 * 1024))

impls=("$@")
[ ${#impls[@]} -gt 0 ] || impls=(ours orig)

# rss_of NODE FIELD: sum of FIELD (kB) over every process inside NODE's namespaces
rss_of() {
	local p sum=0 v
	for p in $(hb_node_pids "$1"); do
		v=$(awk -v f="$2:" '$1 == f { print $2 }' "/proc/$p/status" 2>/dev/null)
		sum=$((sum + ${v:-0}))
	done
	echo "$sum"
}

declare -A RSS
fail=0
for impl in "${impls[@]}"; do
	for nn in ${BENCH_NODES:-2 16}; do
		extra="realtime on"
		for ((i = 3; i <= nn; i++)); do extra="$extra"$'\n'"node n$i"; done
		export HB_EXTRA="$extra" HB_IMPL=$impl
		(
			hb_init mem || exit 1
			if [ "$impl" = ours ]; then
				# the daemon under an 8 MiB locked-memory limit, without the
				# CAP_IPC_LOCK that lets root ignore it (as in a container)
				w=$HB_T/heartbeat-memlock
				printf '#!/bin/sh\nexec prlimit --memlock=%d:%d setpriv --inh-caps=-ipc_lock --bounding-set=-ipc_lock %s "$@"\n' \
					"$MEMLOCK" "$MEMLOCK" "$HB_OURS_DAEMON" >"$w"
				chmod 755 "$w"
				HB_OURS_DAEMON=$w
			fi
			hb_add_hosts n1 n2 && hb_config_all && hb_start_all || exit 1
			hb_wait_for 20 hb_all_active n1 n2 || { echo "  $impl/$nn: pair not active"; exit 1; }
			sleep 3
			rss=$(rss_of n1 VmRSS) lck=$(rss_of n1 VmLck) vm=$(rss_of n1 VmSize)
			np=$(hb_node_pids n1 | wc -l) nt=$(rss_of n1 Threads)
			lockmsg=""
			if [ "$impl" = ours ]; then
				if grep -q "Cannot lock" "$(hb_dir n1)/log/ha-log" 2>/dev/null; then
					lockmsg=" LOCK FAILED under RLIMIT_MEMLOCK 8 MiB"
				else
					lockmsg=" locked under RLIMIT_MEMLOCK 8 MiB"
				fi
			fi
			echo "$impl $nn nodes: RSS ${rss} kB, locked ${lck} kB, virtual ${vm} kB, ${np} processes, ${nt} threads${lockmsg}"
			[ -n "${BENCH_MAPS:-}" ] && for p in $(hb_node_pids n1); do cat "/proc/$p/maps"; done >"$BENCH_MAPS"
			echo "$rss" >"/tmp/hb-memory.$impl.$nn"
		)
		RSS[$impl.$nn]=$(cat "/tmp/hb-memory.$impl.$nn" 2>/dev/null)
		rm -f "/tmp/hb-memory.$impl.$nn"
		if [ "$impl" = ours ] && [ -n "${BENCH_LIMIT_KB:-}" ] &&
			[ "${RSS[$impl.$nn]:-999999}" -gt "$BENCH_LIMIT_KB" ]; then
			fail=1
		fi
	done
done
for nn in ${BENCH_NODES:-2 16}; do
	o=${RSS[ours.$nn]:-} g=${RSS[orig.$nn]:-}
	[ -n "$o" ] && [ -n "$g" ] && [ "$o" -gt 0 ] &&
		awk -v o="$o" -v g="$g" -v n="$nn" 'BEGIN { printf "%d nodes: ours/orig RSS = %.2f\n", n, o / g }'
done
exit $fail
