# tests/lib/v1.sh — haresources-mode (v1) helpers on top of harness.sh and report.sh:
# a two-node cluster holding a VIP + marker group, a client host that pings the VIP, test
# resource scripts (marker, hanging, garbage, failing stop), a recording STONITH plugin, and
# checks on who holds what. Used by tests/failover, tests/interop-v1 and tests/bench/failover.sh.

V1_VIP=${V1_VIP:-10.250.0.100}
V1_AF=${V1_AF:-on}                  # auto_failback on|off|legacy
V1_OWN_SCRIPTS=${V1_OWN_SCRIPTS:-0} # 1: drop Debian's IPaddr2 wrapper so ours (resources.d) runs
V1_STOPRETRY=${V1_STOPRETRY:-1}     # HA_STOPRETRYMAX for both daemons
V1_WAIT=${V1_WAIT:-25}              # seconds allowed for any resource move
V1_EXTRA=${V1_EXTRA:-}              # more ha.cf lines
# haresources: the VIP (IPaddr2 on eth0) then two markers, preferred by n1.
V1_HARESOURCES=${V1_HARESOURCES:-"n1 IPaddr2::$V1_VIP/24/eth0 Marker::m1 Marker::m2"$'\n'}

v1_log() { hb_log "[v1] $*"; }

# v1_wrappers: daemons run under env -i (hb_exec), so the environment they need is set by
# wrapper scripts used as HB_OURS_DAEMON / HB_ORIG_DAEMON.
v1_wrappers() {
	local real_ours=${V1_REAL_OURS:-$HB_REPO/heartbeat/heartbeat}
	local real_orig=${V1_REAL_ORIG:-/usr/libexec/heartbeat/heartbeat}
	mkdir -p "$HB_T/bin" "$HB_T/stonith/external" || return 1
	cat >"$HB_T/bin/ours" <<EOF
#!/bin/sh
export HB_RSC_FALLBACK_DIR=$HB_REPO/resources.d HA_STOPRETRYMAX=$V1_STOPRETRY
export HB_STONITH_CMD=$HB_REPO/stonith/stonith HB_STONITH_PLUGINDIR=$HB_T/stonith
exec $real_ours "\$@"
EOF
	cat >"$HB_T/bin/orig" <<EOF
#!/bin/sh
export HA_STOPRETRYMAX=$V1_STOPRETRY
exec $real_orig "\$@"
EOF
	chmod 755 "$HB_T/bin/ours" "$HB_T/bin/orig"
	HB_OURS_DAEMON=$HB_T/bin/ours HB_ORIG_DAEMON=$HB_T/bin/orig
	v1_stonith_plugin
}

# v1_stonith_plugin: external/recorder, a cluster-glue style external plugin that appends
# "reset NODE <epoch ms>" to $HB_T/stonith.log instead of resetting anything.
v1_stonith_plugin() {
	cat >"$HB_T/stonith/external/recorder" <<EOF
#!/bin/sh
case \$1 in
gethosts) for h in \$hostlist; do echo \$h; done ;;
reset|off|on) echo "\$1 \$2 \$((\$(date +%s%N) / 1000000))" >>$HB_T/stonith.log ;;
status) ;;
getconfignames) echo hostlist ;;
getinfo-devid|getinfo-devname) echo "recorder" ;;
getinfo-devdescr|getinfo-devurl|getinfo-xml) echo "records resets for tests" ;;
*) exit 1 ;;
esac
exit 0
EOF
	chmod 755 "$HB_T/stonith/external/recorder"
}

# v1_scripts NODE: test resource scripts in the node's /etc/ha.d/resource.d. Marker NAME keeps
# /var/lib/heartbeat/marker.NAME while "running" and logs "<epoch ms> op NAME" to marker.log.
v1_scripts() {
	local rd; rd=$(hb_dir "$1")/etc/resource.d
	[ "$V1_OWN_SCRIPTS" = 1 ] && rm -f "$rd/IPaddr2" "$rd/IPaddr"
	# (each line also says whether the VIP was up then: vip=1|0, for the order checks)
	cat >"$rd/Marker" <<EOF
#!/bin/sh
f=/var/lib/heartbeat/marker.\$1
v=0; ip -o -4 addr show 2>/dev/null | grep -q " $V1_VIP/" && v=1
echo "\$((\$(date +%s%N) / 1000000)) \$2 \$1 vip=\$v" >>/var/lib/heartbeat/marker.log
EOF
	cat >>"$rd/Marker" <<'EOF'
case $2 in
start) : >"$f" ;;
stop) rm -f "$f" ;;
status) if [ -e "$f" ]; then echo "running"; else echo "stopped"; fi ;;
esac
exit 0
EOF
	# Hang NAME: start never returns (killed at resource_timeout); stop/status work.
	cat >"$rd/Hang" <<'EOF'
#!/bin/sh
f=/var/lib/heartbeat/marker.$1
echo "$(($(date +%s%N) / 1000000)) $2 $1" >>/var/lib/heartbeat/marker.log
case $2 in
start) : >"$f"; sleep 100000 ;;
stop) rm -f "$f" ;;
status) if [ -e "$f" ]; then echo "running"; else echo "stopped"; fi ;;
esac
exit 0
EOF
	# Garbage NAME: a marker that prints binary bytes and very long lines on every operation.
	cat >"$rd/Garbage" <<'EOF'
#!/bin/sh
f=/var/lib/heartbeat/marker.$1
head -c 3000 /dev/urandom
head -c 200000 /dev/zero | tr '\0' 'x'; echo
printf '\001\002\377\376\000\033[31m%%s%%n\n'
echo "$(($(date +%s%N) / 1000000)) $2 $1" >>/var/lib/heartbeat/marker.log
case $2 in
start) : >"$f" ;;
stop) rm -f "$f" ;;
status) if [ -e "$f" ]; then echo "running"; else echo "stopped"; fi ;;
esac
exit 0
EOF
	# Stuck NAME: starts, but every stop fails and status keeps saying running.
	cat >"$rd/Stuck" <<'EOF'
#!/bin/sh
f=/var/lib/heartbeat/marker.$1
echo "$(($(date +%s%N) / 1000000)) $2 $1" >>/var/lib/heartbeat/marker.log
case $2 in
start) : >"$f" ;;
stop) echo "cannot stop $1"; exit 1 ;;
status) if [ -e "$f" ]; then echo "running"; else echo "stopped"; fi ;;
esac
exit 0
EOF
	chmod 755 "$rd/Marker" "$rd/Hang" "$rd/Garbage" "$rd/Stuck"
}

# v1_config NODE: harness config with our auto_failback mode and extra lines.
v1_config() {
	local f
	HB_HARESOURCES=$V1_HARESOURCES HB_EXTRA=$V1_EXTRA hb_config "$1" || return 1
	f=$(hb_dir "$1")/etc/ha.cf
	# @T@ in V1_EXTRA stands for the state dir (unknown before hb_init)
	sed -i -e "s/^auto_failback .*/auto_failback $V1_AF/" -e "s|@T@|$HB_T|g" "$f"
}

# v1_up [NODE...] (default n1 n2): hosts, a client host on the same nets, scripts, start in
# order, both active. Extra hosts: V1_HOSTS (names added after the config, not cluster nodes).
v1_up() {
	local nodes=("$@") n t0
	[ ${#nodes[@]} -gt 0 ] || nodes=(n1 n2)
	hb_init "${T_NAME:-v1}" || t_fail "harness init"
	v1_wrappers || t_fail "wrappers"
	hb_add_hosts "${nodes[@]}" || t_fail "creating hosts"
	case " $HB_MEDIA " in *" serial "*|*" serial:"*)
		hb_serial_pair "${nodes[0]}" "${nodes[1]}" || t_fail "socat pty pair" ;;
	esac
	V1_CLUSTER=("${nodes[@]}")
	for n in "${nodes[@]}"; do v1_config "$n" || t_fail "config $n"; v1_scripts "$n"; done
	hb_add_hosts client ${V1_HOSTS:-} || t_fail "creating client host"
	[ -z "${V1_PRESTART:-}" ] || $V1_PRESTART || t_fail "pre-start hook"
	for n in "${nodes[@]}"; do hb_start "$n" || t_fail "starting $n ($(hb_impl "$n"))"; done
	t0=$(hb_now_ms)
	hb_wait_for 20 hb_all_active "${nodes[@]}" || t_fail "not all active: $(v1_matrix)"
	t_note "all active after $(( $(hb_now_ms) - t0 )) ms ($(v1_impls), auto_failback $V1_AF, media $HB_MEDIA)"
}

v1_impls() { local n s=""; for n in "${V1_CLUSTER[@]}"; do s="$s $n=$(hb_impl "$n")"; done; echo "${s# }"; }
v1_matrix() {
	local a b s=""
	for a in "${V1_CLUSTER[@]}"; do for b in "${V1_CLUSTER[@]}"; do
		s="$s $a:$b=$(hb_nodestatus "$a" "$b")"; done; done
	echo "${s# }"
}

# Who holds what.
v1_has_marker() { [ -e "$(hb_dir "$1")/lib/marker.${2:-m1}" ]; }
v1_has_vip() { hb_exec "$1" ip -o -4 addr show 2>/dev/null | grep -q " $V1_VIP/"; }
v1_holds() { v1_has_vip "$1" && v1_has_marker "$1" && v1_has_marker "$1" m2; } # NODE: whole group
v1_free() { ! v1_has_vip "$1" && ! v1_has_marker "$1" && ! v1_has_marker "$1" m2; } # none of it
v1_vip_answers() { hb_exec client ping -c 1 -W 1 "$V1_VIP" >/dev/null 2>&1; }
v1_rscstatus() { hb_cl_status "$1" rscstatus | head -n 1; }
v1_is_rsc() { [ "$(v1_rscstatus "$1")" = "$2" ]; }                 # NODE WORD

# v1_owner_is NODE: NODE holds the group, every other cluster node holds nothing, the VIP
# answers the client, and NODE's rscstatus is settled (not "transition").
v1_owner_is() {
	local n
	v1_holds "$1" || return 1
	for n in "${V1_CLUSTER[@]}"; do [ "$n" = "$1" ] || v1_free "$n" || return 1; done
	v1_vip_answers || return 1
	[ "$(v1_rscstatus "$1")" != transition ]
}
# v1_wait_owner NODE WHAT: wait up to V1_WAIT s, fail the test with WHAT otherwise.
v1_wait_owner() {
	hb_wait_for "$V1_WAIT" v1_owner_is "$1" || t_fail "$2: $1 does not hold the group: $(v1_where)"
	t_note "$2: $1 holds VIP+marker, VIP answers ($(v1_where))"
}
# v1_stays NODE SECONDS WHAT: NODE keeps the group for SECONDS (nothing moves).
v1_stays() {
	local end=$(( $(hb_now_ms) + $(hb_ms "$2") ))
	while [ "$(hb_now_ms)" -lt "$end" ]; do
		v1_holds "$1" || t_fail "$3: group left $1: $(v1_where)"
		sleep 0.3
	done
}
v1_where() {
	local n s=""
	for n in "${V1_CLUSTER[@]}"; do
		s="$s $n[$(hb_impl "$n")]:vip=$(v1_has_vip "$n" && echo y || echo n),marker=$(v1_has_marker "$n" && echo y || echo n),rsc=$(v1_rscstatus "$n")"
	done
	echo "${s# }"
}

# v1_crash NODE: kill -9 the daemon and simulate the machine going down: every process in
# the host dies, the VIP and markers vanish (a rebooted machine holds nothing).
v1_crash() {
	hb_kill9 "$1" || t_fail "kill -9 $1"
	hb_kill_all "$1"
	hb_exec "$1" ip addr del "$V1_VIP/24" dev eth0 2>/dev/null
	rm -f "$(hb_dir "$1")"/lib/marker.*[!g]
}

# v1_standby NODE [ARG] / v1_takeover NODE [ARG]: the node's own operator command.
v1_opcmd() {
	local node=$1 cmd=$2; shift 2
	if [ "$(hb_impl "$node")" = orig ]; then
		hb_exec "$node" "/usr/share/heartbeat/$cmd" "$@" >/dev/null
	else
		hb_exec "$node" "$HB_REPO/heartbeat/$cmd" "$@"
	fi
}
v1_standby() { local n=$1; shift; v1_opcmd "$n" hb_standby "$@"; }
v1_takeover() { local n=$1; shift; v1_opcmd "$n" hb_takeover "$@"; }

# v1_marker_time NODE OP NAME: epoch ms of the last OP of marker NAME on NODE.
v1_marker_time() { awk -v op="$2" -v n="$3" '$2 == op && $3 == n { t = $1 } END { print t }' "$(hb_dir "$1")/lib/marker.log" 2>/dev/null; }

# v1_running NODE REGEX: a process inside NODE whose command line matches REGEX.
v1_running() {
	local p
	for p in $(hb_node_pids "$1"); do
		tr '\0' ' ' <"/proc/$p/cmdline" 2>/dev/null | grep -Eq "$2" && return 0
	done
	return 1
}

# v1_check_order NODE: in NODE's marker log, every group start ran IPaddr2, m1, m2 in that
# order and every release m2, m1, IPaddr2 (the VIP is up while m1 starts and stops).
v1_check_order() {
	local bad
	bad=$(awk '$2 == "status" { next }
		$2 == "start" && $3 == "m2" && p != "start m1" { print "m2 started after [" p "] not m1"; exit }
		$2 == "stop" && $3 == "m1" && p != "stop m2" { print "m1 stopped after [" p "] not m2"; exit }
		$3 == "m1" && $4 != "vip=1" { print "m1 " $2 " while the VIP was not up (line " NR ")"; exit }
		{ p = $2 " " $3 }' "$(hb_dir "$1")/lib/marker.log" 2>/dev/null)
	[ -z "$bad" ] || t_fail "$1: group order: $bad"
}

# v1_orig_race NODE PEER: NODE (3.0.6) logged Comm_now_up before its first status of PEER
# since its last start, and acquired its groups without asking (legacy).
v1_orig_race() {
	awk -v p="Status update for node $2:" '/Configuration validated/ { c = 0; s = 0 }
		/Comm_now_up/ && !s { c = 1 } index($0, p) { s = 1 } END { exit !c }' "$(hb_dir "$1")/log/ha-log"
}

# v1_daemon_ok NODE: daemon running and answering cl_status.
v1_daemon_ok() { hb_daemon_alive "$1" && [ -n "$(hb_nodestatus "$1" "$1")" ]; }

# v1_max_gap OBS PEER: max_gap_ms of PEER in OBS's cl_status --json (ours only).
v1_max_gap() {
	hb_cl_status "$1" --json | tr ',' '\n' |
		awk -v p="\"name\":\"$2\"" 'index($0, p) { f = 1 } f && /"max_gap_ms"/ { gsub(/[^0-9]/, ""); print; exit }'
}

# --- scenarios shared by tests/failover and tests/interop-v1 ------------------------------

# kill -9 the holder: the peer takes the group within deadtime + keepalive + start time, and
# the VIP answers the client; then the holder returns and auto_failback decides.
v1_sc_kill_return() {
	local af=$1 t
	V1_AF=$af v1_up
	v1_wait_owner n1 "cold start"
	hb_settle n1 "${V1_SETTLE:-6}"
	HB_T0=$(hb_now_ms)
	v1_crash n1
	t=$(hb_time_until "$V1_WAIT" v1_owner_is n2) || t_fail "no takeover by n2: $(v1_where)"
	t_note "kill -9 n1 -> n2 holds the group, VIP answers: $t ms"
	v1_check_order n2
	# A machine takes a while to reboot. Restarting within ~0.5 s of the takeover races the
	# peer's first status message: 3.0.6 (legacy) then takes its groups without asking.
	sleep 2
	hb_start n1 || t_fail "restart n1"
	hb_wait_for 20 hb_all_active n1 n2 || t_fail "n1 not back: $(v1_matrix)"
	case $af in
	on) v1_wait_owner n1 "n1 back, auto_failback $af" ;;
	legacy)
		if ! hb_wait_for "$V1_WAIT" v1_owner_is n1 && [ "$(hb_impl n1)" = orig ] && v1_orig_race n1 n2; then
			t_note "KNOWN 3.0.6 RACE: restarted n1 (orig) heard n2 first through an NS_ackmsg, came up"
			t_note "before n2's first status and took its group without ip-request: $(v1_where)"
			return 0
		fi
		v1_wait_owner n1 "n1 back, auto_failback $af" ;;
	off)
		v1_stays n2 8 "n1 back, auto_failback off"
		v1_owner_is n2 || t_fail "auto_failback off: group not settled on n2: $(v1_where)"
		t_note "auto_failback off: group stays on n2 ($(v1_where))" ;;
	esac
}

# hb_standby / hb_takeover from each node.
v1_sc_standby_takeover() {
	V1_AF=${1:-on} v1_up
	v1_wait_owner n1 "cold start"
	v1_standby n1 || t_fail "hb_standby on n1"
	v1_wait_owner n2 "hb_standby on n1"
	v1_is_rsc n1 none && v1_is_rsc n2 all || t_fail "rscstatus after hb_standby: n1 $(v1_rscstatus n1) n2 $(v1_rscstatus n2) (want none, all)"
	v1_takeover n1 || t_fail "hb_takeover on n1"
	v1_wait_owner n1 "hb_takeover on n1"
	v1_takeover n2 || t_fail "hb_takeover on n2"
	v1_wait_owner n2 "hb_takeover on n2"
	v1_standby n2 || t_fail "hb_standby on n2"
	v1_wait_owner n1 "hb_standby on n2"
	v1_check_order n1; v1_check_order n2
	t_note "both nodes started IPaddr2, m1, m2 left to right and released them right to left"
}

# heartbeat -k on the holder: released, shutdone, the peer takes over without fencing.
v1_sc_graceful() {
	local who=$1 other t
	[ "$who" = n1 ] && other=n2 || other=n1
	V1_EXTRA=${V1_GRACEFUL_EXTRA:-$V1_EXTRA} v1_up
	v1_wait_owner n1 "cold start"
	if [ "$who" = n2 ]; then
		v1_standby n1; v1_wait_owner n2 "hb_standby n1 (so that n2 holds)"
	fi
	HB_T0=$(hb_now_ms)
	hb_stop "$who" || t_fail "heartbeat -k on $who"
	t=$(hb_time_until "$V1_WAIT" v1_owner_is "$other") || t_fail "no takeover by $other after graceful stop: $(v1_where)"
	t_note "heartbeat -k on $who -> $other holds the group: $t ms"
	hb_daemon_alive "$who" && t_fail "$who daemon still running after -k"
	sleep "$(hb_ms "$HB_DEADTIME")e-3"; sleep 1
	[ -s "$HB_T/stonith.log" ] && t_fail "STONITH used after a graceful stop: $(cat "$HB_T/stonith.log")"
	hb_grep_logs "shutdone|shutdown notice" | grep -q "^$other:" || t_fail "$other logged no shutdown notice"
	t_note "no STONITH reset recorded, $other logged the shutdown notice"
}


# kill -9 the holder of a serial-only pair.
v1_sc_serial() {
	local t
	HB_MEDIA=serial v1_up
	v1_wait_owner n1 "cold start (serial only)"
	hb_settle n1 "${V1_SETTLE:-6}"
	HB_T0=$(hb_now_ms)
	v1_crash n1
	t=$(hb_time_until "$V1_WAIT" v1_owner_is n2) || t_fail "no takeover over serial: $(v1_where)"
	t_note "serial-only: kill -9 n1 -> n2 holds, VIP answers: $t ms"
}

# Ping node loss on n1 (its link to the ping host's network goes down): n2 takes over.
v1_sc_ping_loss() {
	local pinger="10.250.1.13" t ipfail=/usr/libexec/heartbeat/ipfail # eth1 of the 4th host
	[ -x "$ipfail" ] || ipfail=/usr/lib/heartbeat/ipfail
	HB_NETS=2 HB_MEDIA=bcast:eth0 V1_HOSTS=pinger \
		V1_EXTRA="ping $pinger"$'\n'"deadping 2"$'\n'"respawn hacluster $ipfail" v1_up
	[ "$(hb_addr pinger 1)" = "$pinger" ] || t_fail "pinger address is $(hb_addr pinger 1), not $pinger"
	v1_wait_owner n1 "cold start"
	hb_wait_for 15 hb_is_status n1 "$pinger" ping || t_fail "n1 does not see the ping node: $(hb_nodestatus n1 "$pinger")"
	hb_wait_for 15 hb_is_status n2 "$pinger" ping || t_fail "n2 does not see the ping node"
	sleep 2
	HB_T0=$(hb_now_ms)
	hb_link_down n1 eth1
	t=$(hb_time_until 30 v1_owner_is n2) || t_fail "ping loss on n1: no move to n2: $(v1_where); n1 sees ping node $(hb_nodestatus n1 "$pinger")"
	t_note "n1 lost the ping node -> n2 holds the group after $t ms"
	hb_all_active n1 n2 || t_fail "a node left active: $(v1_matrix)"
}
