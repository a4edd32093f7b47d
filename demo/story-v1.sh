#!/bin/sh
# demo/story-v1.sh (demo/cluster-demo.sh --v1) — the haresources (v1) story: a live
# three-node cluster of our heartbeat in network namespaces (tests/lib/harness.sh) whose
# haresources gives alpha a virtual IP; each node's own cl_status view and where the VIP
# is are printed every few seconds; the holder is killed a third of the way in, once it
# holds the VIP (the VIP moves: v1 has no monitors, so a resource failure is v2's part of
# the story) and brought back at two thirds, once a survivor was seen holding the VIP
# (auto_failback takes it home); each wait is bounded by 15 s. Builds nothing; needs root.
# DEMO_SECONDS (60), DEMO_INTERVAL (5), DEMO_MEDIA (bcast), DEMO_FAILOVER (1), DEMO_IMPL (ours).
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
cd "$(dirname "$0")/.." || exit 1
export HB_KEEPALIVE=${HB_KEEPALIVE:-500ms} HB_DEADTIME=${HB_DEADTIME:-2} HB_INITDEAD=${HB_INITDEAD:-2}
. tests/lib/harness.sh

SECONDS_TOTAL=${DEMO_SECONDS:-60}
INTERVAL=${DEMO_INTERVAL:-5}
export HB_MEDIA=${DEMO_MEDIA:-bcast} HB_AUTH=${DEMO_AUTH:-sha1}
export HB_IMPL=${DEMO_IMPL:-ours}
NODES="alpha bravo charlie"
VIP=${DEMO_VIP:-10.250.0.100}
export HB_HARESOURCES="alpha IPaddr2::$VIP/24/eth0"$'\n'

hb_need_root || exit 1
if [ "$HB_IMPL" = ours ] && ! hb_ours_available; then
	echo "demo: our daemon is not built ($HB_OURS_DAEMON, $HB_OURS_CLSTATUS)."
	echo "demo: run ./configure && make first. Falling back to Debian's heartbeat 3.0.6 so you can see the harness."
	[ -x "$HB_ORIG_DAEMON" ] || { echo "demo: $HB_ORIG_DAEMON is missing too; nothing to run."; exit 1; }
	export HB_IMPL=orig
fi

view() { # NODE: one line with what NODE's daemon thinks of every node and its links
	local me=$1 n line="" links
	for n in $(hb_cl_status "$me" listnodes | sort); do
		links=$(hb_cl_status "$me" listhblinks "$n" | while read -r l; do
			printf '%s:%s ' "$l" "$(hb_linkstatus "$me" "$n" "$l")"; done)
		[ "$n" = "$me" ] && links=""
		line="$line  $n=$(hb_nodestatus "$me" "$n")${links:+ [${links% }]}"
	done
	[ -n "$line" ] || line="  (cl_status gets no answer: $(hb_cl_status "$me" hbstatus))"
	printf '  %-8s sees:%s\n' "$me" "$line"
}

where_vip() { # the nodes holding the VIP on eth0
	local n w=""
	for n in $NODES; do
		hb_exec "$n" ip -4 addr show dev eth0 2>/dev/null | grep -q "inet $VIP/" && w="$w $n"
	done
	echo "${w:- nowhere}"
}

echo "demo: $HB_IMPL heartbeat on $NODES, media $HB_MEDIA over eth0+eth1, auth $HB_AUTH," \
	"keepalive $HB_KEEPALIVE, deadtime ${HB_DEADTIME}s; ${SECONDS_TOTAL}s; haresources: alpha IPaddr2::$VIP"
hb_init demo || exit 1
hb_add_hosts $NODES || exit 1
hb_config_all || exit 1
hb_start_all 2>/dev/null || { echo "demo: a daemon did not start"; hb_keep demo; exit 1; }
t0=$(hb_now_ms)
if hb_wait_for 20 hb_all_active; then
	echo "demo: all three nodes see each other active after $(( $(hb_now_ms) - t0 )) ms"
else
	echo "demo: not all active after 20 s; showing what each node sees anyway"
fi
victim=alpha killed=0 back=0 held=0 moved=0
start=$(date +%s)
while :; do
	t=$(( $(date +%s) - start ))
	[ "$t" -ge "$SECONDS_TOTAL" ] && break
	# Two nodes starting together wait 10 s (RQSTDELAY) before taking their
	# groups, as 3.0.6 does: kill the holder only once it holds the VIP, and
	# bring it back only once the failover was seen, so every act is shown.
	if [ "${DEMO_FAILOVER:-1}" = 1 ] && [ "$killed" = 0 ] && [ "$t" -ge $((SECONDS_TOTAL / 3)) ] &&
		{ [ "$held" = 1 ] || [ "$t" -ge $((SECONDS_TOTAL / 3 + 15)) ]; }; then
		echo "== ${t}s: kill -9 the daemon on $victim (pid $(hb_daemon_pid "$victim"))"
		hb_kill9 "$victim"; killed=1
		# a crash takes the node's addresses along; kill -9 of the daemon alone would not
		hb_kill_all "$victim"; hb_exec "$victim" ip addr del "$VIP/24" dev eth0 2>/dev/null
	elif [ "$killed" = 1 ] && [ "$back" = 0 ] && [ "$t" -ge $((2 * SECONDS_TOTAL / 3)) ] &&
		{ [ "$moved" = 1 ] || [ "$t" -ge $((2 * SECONDS_TOTAL / 3 + 15)) ]; }; then
		echo "== ${t}s: restart $victim (generation was $(hb_generation "$victim"))"
		hb_restart "$victim" 2>/dev/null; back=1
	fi
	echo "== ${t}s"
	dead_seen=0
	for n in $NODES; do
		if hb_daemon_alive "$n"; then
			line=$(view "$n")
			echo "$line"
			[ "$n" != "$victim" ] && case $line in *" $victim=dead"*) dead_seen=1 ;; esac
		else
			printf '  %-8s (daemon not running)\n' "$n"
		fi
	done
	vip_on=$(where_vip)
	echo "  VIP $VIP on:$vip_on"
	[ "$vip_on" = " $victim" ] && held=1
	[ "$killed" = 1 ] && [ "$dead_seen" = 1 ] && case $vip_on in " $victim" | " nowhere") ;; *) moved=1 ;; esac
	sleep "$INTERVAL"
done
[ "$back" = 1 ] && echo "demo: $victim generation now $(hb_generation "$victim")"
[ -n "${DEMO_KEEP:-}" ] && hb_keep demo
echo "demo: tearing down"
