#!/bin/bash
# demo/story-v2.sh — the talk's story (Linux-HA Japan, OSC 2010) on a live v2 cluster of
# ours: two nodes in network namespaces, heartbeat with `crm respawn` (lrmd + crmd), a
# group of a virtual IP (IPaddr2 on the demo subnet) and a monitored Dummy configured with
# cibadmin.  The `crm_mon -1` view is printed each time it changes while: the group
# starts; Dummy's state file is removed (its monitor sees rc 7, "Failed actions", restarted
# in place); the holder is killed with kill -9 (the group moves, the peer is alone);
# the killed node comes back.  Run through demo/cluster-demo.sh; needs root and a build.
# DEMO_TIMEOUT (150 s): the whole run is bounded, then torn down by PID.
cd "$(dirname "$0")/.." || exit 1
export HB_KEEPALIVE=${HB_KEEPALIVE:-200ms} HB_DEADTIME=${HB_DEADTIME:-1} HB_WARNTIME=${HB_WARNTIME:-500ms}
export HB_INITDEAD=${HB_INITDEAD:-2} HB_NETS=1 HB_IMPL=ours HB_MEDIA=${DEMO_MEDIA:-bcast}
. tests/lib/harness.sh
. tests/lib/v2.sh
NODES=(alpha bravo)
STEP_LIMIT=${DEMO_STEP_SECONDS:-25}   # each step of the story gives up after this long

say() { printf '%s\n' "demo: $*"; }
ts() { awk -v m=$(( $(hb_now_ms) - T_START )) 'BEGIN { printf "%5.1fs", m / 1000 }'; }

# view OBSERVER: OBSERVER's crm_mon -1 without the lines that change every second
view() { v2_mon "$1" | grep -v -e '^Last updated:' -e '^Last change:' -e '^ *$'; }

# follow OBSERVER WHAT CMD...: print OBSERVER's view whenever it changes until CMD holds
# (CMD may read the view just taken in $V), at most STEP_LIMIT seconds, a poll every
# FOLLOW_POLL seconds.
follow() {
	local obs=$1 what=$2 end; shift 2
	end=$(( $(hb_now_ms) + STEP_LIMIT * 1000 ))
	while :; do
		V=$(view "$obs")
		if [ "$V" != "$LAST_VIEW" ]; then
			printf '  -- %s crm_mon -1 on %s:\n%s\n' "$(ts)" "$obs" "$(printf '%s\n' "$V" | sed 's/^/     | /')"
			LAST_VIEW=$V
		fi
		if "$@"; then say "$(ts) $what"; return 0; fi
		[ "$(hb_now_ms)" -ge "$end" ] && { say "$(ts) FAILED: not $what within ${STEP_LIMIT}s"; return 1; }
		sleep "${FOLLOW_POLL:-0.3}"
	done
}
shows() { # NODE: the view just taken ($V) has both members Started on NODE
	grep -qE "prmIp[[:space:]].*Started $1( |\$)" <<<"$V" && grep -qE "prmDummy[[:space:]].*Started $1( |\$)" <<<"$V"
}
other() { [ "$1" = "${NODES[0]}" ] && echo "${NODES[1]}" || echo "${NODES[0]}"; }

main() {
	local missing holder peer t
	missing=$(v2_built) || { say "not built or missing: $missing (sh tests/install-deps && ./configure && make)"; return 1; }
	say "v2 cluster of ours: heartbeat + crm respawn (lrmd, crmd) on ${NODES[*]}, keepalive $HB_KEEPALIVE," \
		"deadtime ${HB_DEADTIME}s, group grpWWW = IPaddr2 $V2_VIP + Dummy, monitor $V2_MONITOR"
	v2_prepare demo "${NODES[@]}" || { say "cannot build the namespaces"; return 1; }
	T_START=$(hb_now_ms)
	say "namespaces held by pids $HB_BR_PID ${HB_HOLDER[alpha]} ${HB_HOLDER[bravo]}, state in $HB_T"
	hb_start_all 2>/dev/null || { say "a daemon did not start"; return 1; }
	hb_wait_for 20 hb_all_active || { say "the nodes do not see each other"; return 1; }
	hb_wait_for 20 v2_same_dc "${NODES[@]}" >/dev/null || { say "no DC elected"; return 1; }
	say "$(ts) both nodes up, DC is $(v2_same_dc "${NODES[@]}")"
	v2_setup alpha || { say "crm_attribute failed"; return 1; }

	say "== 1. cibadmin -C the group (on bravo)"
	v2_add_group bravo || { say "cibadmin -C refused the group"; return 1; }
	follow alpha "the group runs (VIP on eth0, Dummy's monitor 0)" eval 'holder=$(v2_holder) && shows $holder' || return 1
	peer=$(other "$holder")
	say "$(ts) group grpWWW started on $holder ($V2_VIP answers there)"

	say "== 2. resource failure: rm Dummy's state file on $holder"
	v2_break_dummy "$holder"
	# (crmd shows the failed monitor only until the restart's first monitor result: poll fast)
	FOLLOW_POLL=0.03 follow "$peer" "the monitor caught it (Failed actions)" \
		eval 'grep -q "prmDummy_monitor_.*rc=7" <<<"$V"' || return 1
	grep -A3 "^Failed actions:" <<<"$V" | grep -E "^Failed actions:|prmDummy_monitor" | sed 's/^/     /'
	follow "$peer" "Dummy restarted in place on $holder" eval 'v2_runs $holder && shows $holder' || return 1
	say "$(ts) fail-count: $(v2_tool "$peer" crm_failcount -G -U "$holder" -r prmDummy)"
	v2_tool "$peer" crm_resource -C -r prmDummy -H "$holder" >/dev/null
	follow "$peer" "crm_resource -C cleaned the failure up" \
		eval '[ -z "$(v2_tool $peer crm_failcount -G -U $holder -r prmDummy -Q 2>/dev/null | grep -v "^0$")" ]' || return 1

	say "== 3. node failure: kill -9 heartbeat, lrmd, crmd on $holder"
	hb_settle "$holder" 6   # a node advertises a longer deadtime for its first seconds
	v2_crash "$holder"
	say "$(ts) $holder killed"
	follow "$peer" "the group runs on $peer, $holder OFFLINE" \
		eval 'v2_runs $peer && shows $peer && grep -q "OFFLINE: \[ $holder \]" <<<"$V"' || return 1
	say "$(ts) group moved to $peer in $(( $(hb_now_ms) - V2_T0 )) ms"

	say "== 4. $holder comes back"
	wait "$V2_KILLER"
	hb_start "$holder" 2>/dev/null || { say "$holder did not start"; return 1; }
	follow "$peer" "$holder back online, the group running on one node" \
		eval 'grep -q "Online: \[ alpha bravo \]" <<<"$V" && h=$(v2_holder) && shows $h' || return 1
	say "$(ts) story done; tearing down"
}

hb_need_root || exit 1
timeout_s=${DEMO_TIMEOUT:-150}
# the watchdog's sleep holds no descriptor of ours: a pipe reading the demo ends with it
( sleep "$timeout_s" </dev/null >/dev/null 2>&1 & s=$!
  trap 'kill $s 2>/dev/null; exit 0' TERM
  wait $s; echo "demo: ${timeout_s}s are up, tearing down"; kill -TERM $$ ) </dev/null &
watchdog=$!
main
rc=$?
kill "$watchdog" 2>/dev/null; wait "$watchdog" 2>/dev/null
[ $rc -eq 0 ] || { [ -n "$HB_T" ] && hb_keep demo; }
[ -n "${DEMO_KEEP:-}" ] && [ -n "$HB_T" ] && hb_keep demo
hb_teardown
say "torn down (exit $rc)"
exit $rc
