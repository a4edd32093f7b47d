#!/bin/bash
# tests/bench/crm-vs-pacemaker.sh — our v2 cluster against Pacemaker 2.1.5 + Corosync 3.1.7,
# two nodes in network namespaces (tests/lib/harness.sh), the same group on both (IPaddr2
# on the harness subnet + Dummy, monitor 1 s, tests/lib/v2.sh), no fencing, a lone node
# keeps running.  Ours: heartbeat keepalive 200 ms, deadtime 1 s, crm respawn.  Pacemaker:
# corosync (knet over the veths, token 1000 ms, two_node) + pacemakerd per namespace, each
# with its own /etc/corosync, /var/lib/{corosync,pacemaker}, /run, /var/log, /dev/shm bound
# from the namespace's directory: the machine's own files are never touched.
# Measured, per stack:
#   start     both nodes started together (the CIB already holds the group) -> the agents
#             say the group runs (VIP on eth0, Dummy's monitor 0)
#   failover  kill -9 of every process of the holder (its VIP dropped) -> the group runs on
#             the peer; median of BENCH_RUNS (3)
#   recover   Dummy's state file removed on the holder -> it exists again (restarted in
#             place); median of BENCH_RUNS
#   RSS, PSS  per node: sum over every process of the node (heartbeat + lrmd + crmd; corosync
#             + pacemakerd + its six daemons), settled, the group running
#   CPU       per node: utime+stime+cutime+cstime of those processes over BENCH_IDLE_SECONDS
#             (60) with the group running (its monitors' agents included), as CPU-s per
#             minute; and utime+stime alone (the daemons' own, without the agents)
# Then both side by side with the ratio and the issue's targets.  Pacemaker is measured when
# corosync and pacemakerd are installed (apt-get install -y pacemaker corosync with the
# services kept from starting; BENCH_INSTALL=1 does that with a temporary policy-rc.d);
# ours alone otherwise.  BENCH_ONLY=ours|pcmk.  Not part of make check.  Needs root.
cd "$(dirname "$0")/../.." || exit 1
export HB_KEEPALIVE=200ms HB_DEADTIME=1 HB_WARNTIME=500ms HB_INITDEAD=${HB_INITDEAD:-2} HB_NETS=1 HB_IMPL=ours
. tests/lib/harness.sh
. tests/lib/v2.sh
V2_MONITOR=1s
RUNS=${BENCH_RUNS:-3}
IDLE=${BENCH_IDLE_SECONDS:-60}
NODES=(n1 n2)
declare -A R   # results: R[stack.metric]

log() { printf '%s bench: %s\n' "$(date +%T)" "$*" >&2; }
median() { tr ' ' '\n' | grep -E '^-?[0-9]+$' | sort -n | awk '{ a[NR] = $1 } END { if (NR) print a[int((NR + 1) / 2)]; else print "-" }'; }
other() { [ "$1" = n1 ] && echo n2 || echo n1; }
state_file() { echo "$(hb_dir "$1")$V2_STATE"; }

# mem NODE: "RSS-kB PSS-kB" summed over the node's processes (the holder excluded)
mem() {
	local p rss=0 pss=0 r s
	for p in $(hb_node_pids "$1"); do
		r=$(awk '/^VmRSS:/ { print $2 }' "/proc/$p/status" 2>/dev/null)
		s=$(awk '/^Pss:/ { print $2 }' "/proc/$p/smaps_rollup" 2>/dev/null)
		rss=$((rss + ${r:-0})); pss=$((pss + ${s:-0}))
	done
	echo "$rss $pss"
}
# ticks NODE: "PID ALL OWN" per process: utime+stime+cutime+cstime, and utime+stime alone
# (without the agents the process waited for)
ticks() {
	local p
	for p in $(hb_node_pids "$1"); do
		awk -v p="$p" '{ sub(/^.*\) /, ""); print p, $12 + $13 + $14 + $15, $12 + $13 }' "/proc/$p/stat" 2>/dev/null
	done
}
# idle_cpu NODE...: CPU-s per minute of each node over IDLE seconds: "ALL OWN" a line
idle_cpu() {
	local n hz
	hz=$(getconf CLK_TCK)
	for n in "$@"; do ticks "$n" >"$HB_T/ticks0.$n"; done
	sleep "$IDLE"
	for n in "$@"; do
		ticks "$n" >"$HB_T/ticks1.$n"
		# processes present at both ends (an agent that ended is in its parent's cutime)
		awk -v hz="$hz" -v secs="$IDLE" 'NR == FNR { t0[$1] = $2; o0[$1] = $3; next }
			($1 in t0) { d += $2 - t0[$1]; o += $3 - o0[$1] }
			END { printf "%.2f %.2f\n", d / hz * 60 / secs, o / hz * 60 / secs }' "$HB_T/ticks0.$n" "$HB_T/ticks1.$n"
	done
}

# the measurements common to both stacks, once the group runs; START_FN NODE... starts
# nodes (in parallel), CRASH_FN NODE kills one like a power loss.
measure() {
	local st=$1 start_fn=$2 crash_fn=$3 settle=$4 mon_fn=$5 i holder peer t m1 m2 list dead
	holder=$(v2_holder) || { log "$st: the group does not run"; return 1; }
	# failover, RUNS times: the group moves to the peer, the victim comes back
	list=""
	for ((i = 1; i <= RUNS; i++)); do
		holder=$(v2_holder) || { log "$st: no holder before failover $i"; return 1; }
		peer=$(other "$holder")
		hb_settle "$holder" "$settle"
		HB_T0=$(hb_now_ms)
		"$crash_fn" "$holder"
		# ours: when heartbeat itself declared the holder dead (the rest is the CRM's)
		[ "$st" = ours ] && { hb_time_until 10 hb_is_status "$peer" "$holder" dead >"$HB_T/dead-ms" & }
		t=$(hb_time_until 60 v2_runs "$peer") || { log "$st: failover $i: the group did not move to $peer"; return 1; }
		dead=""
		[ "$st" = ours ] && { wait $!; dead=$(cat "$HB_T/dead-ms"); R[$st.dead.all]="${R[$st.dead.all]:-}$dead "; }
		log "$st: failover $i: $holder killed, group on $peer after $t ms${dead:+ (heartbeat declared it dead after $dead ms)}"
		list="$list $t"
		"$start_fn" "$holder" || return 1
		hb_wait_for 60 eval '"$mon_fn" "$peer" | grep -q "Online: \[ n1 n2 \]"' ||
			{ log "$st: $holder did not rejoin"; return 1; }
		sleep 3   # the returning node settles (probes, joins)
		hb_wait_for 30 eval 'v2_holder >/dev/null && ! { v2_has_vip n1 && v2_has_vip n2; }' ||
			{ log "$st: the group does not run on one node after $holder returned"; return 1; }
	done
	R[$st.failover]=$(echo "$list" | median); R[$st.failover.all]=${list# }
	# monitor failure -> restarted in place, RUNS times
	list=""
	for ((i = 1; i <= RUNS; i++)); do
		holder=$(v2_holder) || { log "$st: no holder before recovery $i"; return 1; }
		sleep 1.$((RANDOM % 10))   # a random phase against the monitor's period
		HB_T0=$(hb_now_ms)
		rm -f "$(state_file "$holder")"
		hb_wait_for 2 eval '! [ -e "$(state_file $holder)" ]'
		t=$(HB_POLL=0.02 hb_time_until 30 test -e "$(state_file "$holder")") ||
			{ log "$st: recovery $i: Dummy not restarted on $holder"; return 1; }
		log "$st: recovery $i: Dummy restarted on $holder after $t ms"
		list="$list $t"
		[ "$(v2_holder)" = "$holder" ] || log "$st: recovery $i: WARNING: the group is not on $holder any more"
		sleep 2
	done
	R[$st.recover]=$(echo "$list" | median); R[$st.recover.all]=${list# }
	# memory and idle CPU, the group running
	sleep 3
	m1=$(mem n1); m2=$(mem n2)
	R[$st.rss]=$(( (${m1% *} + ${m2% *}) / 2 )); R[$st.pss]=$(( (${m1#* } + ${m2#* }) / 2 ))
	R[$st.rss.all]="n1 ${m1% *} kB, n2 ${m2% *} kB"
	R[$st.procs]=$(for p in $(hb_node_pids n1); do cat "/proc/$p/comm"; done 2>/dev/null | sort | tr '\n' ' ')
	log "$st: RSS/PSS n1 $m1 kB, n2 $m2 kB (n1: ${R[$st.procs]})"
	log "$st: idle CPU over ${IDLE}s..."
	idle_cpu n1 n2 >"$HB_T/cpu"
	R[$st.cpu.all]="n1 $(sed -n 1p "$HB_T/cpu"), n2 $(sed -n 2p "$HB_T/cpu") (with agents, without)"
	R[$st.cpu]=$(awk '{ s += $1 } END { printf "%.2f", s / NR }' "$HB_T/cpu")
	R[$st.cpuown]=$(awk '{ s += $2 } END { printf "%.2f", s / NR }' "$HB_T/cpu")
	log "$st: idle CPU-s/min: ${R[$st.cpu.all]}"
}

# start_both START_FN: both nodes of a stopped cluster started at once -> the group runs
start_both() {
	local st=$1 fn=$2 t
	HB_T0=$(hb_now_ms)
	"$fn" n1 n2 || return 1
	t=$(hb_time_until 90 eval 'v2_holder >/dev/null') || { log "$st: the group did not start ($(hb_keep start))"; return 1; }
	R[$st.start]=$t
	log "$st: both nodes started, group active on $(v2_holder) after $t ms"
}

# ---- ours -----------------------------------------------------------------------------
ours_start() { # NODE...: in parallel, as the init scripts of two machines would
	local n pids=()
	for n in "$@"; do hb_start "$n" >/dev/null 2>&1 & pids+=($!); done
	for n in "${pids[@]}"; do wait "$n" || return 1; done
	for n in "$@"; do HB_STARTED[$n]=$(hb_now_ms); done
}
ours_crash() { v2_crash "$1"; wait "$V2_KILLER"; }

# coldcheck NAME TEXT: the stopped cluster is started: the group must run within 15 s;
# the cluster is left stopped.  R[ours.check.NAME] says PASS or FAIL.
coldcheck() {
	local t n
	HB_T0=$(hb_now_ms)
	ours_start "${NODES[@]}" || return 1
	if t=$(hb_time_until 15 eval 'v2_holder >/dev/null'); then
		R[ours.check.$1]="PASS: $2, then started: the group runs $t ms later"
	else
		R[ours.check.$1]="FAIL: $2, then started: the group is not running 15 s later; crm_mon: $(v2_mon n1 | grep -E 'prm|Current DC' | tr -s ' \t' ' ' | tr '\n' ';') ($(hb_keep "cold-$1"))"
	fi
	log "ours: ${R[ours.check.$1]}"
	for n in "${NODES[@]}"; do ours_crash "$n"; done
}
# wipe_status NODE: the node's cib.xml without its status section, digest renewed
wipe_status() {
	local f; f=$(hb_dir "$1")/lib/crm/cib.xml
	perl -0pi -e 's{<status>.*</status>}{<status/>}s' "$f" &&
		md5sum "$f" | cut -d' ' -f1 >"$f.sig"
}

bench_ours() {
	local n missing
	missing=$(v2_built) || { log "ours: not built or missing: $missing"; return 1; }
	V2_EXTRA="" v2_prepare crmbench "${NODES[@]}" || return 1
	ours_start "${NODES[@]}" || return 1
	hb_wait_for 20 hb_all_active && hb_wait_for 20 v2_same_dc "${NODES[@]}" >/dev/null || { log "ours: no DC"; return 1; }
	v2_setup n1 && v2_add_group n1 || { log "ours: configuring failed"; return 1; }
	hb_wait_for 30 eval 'v2_holder >/dev/null' || { log "ours: the group did not start: $(v2_mon n1; hb_keep ours)"; return 1; }
	for n in "${NODES[@]}"; do hb_wait_for 10 grep -q grpWWW "$(hb_dir "$n")/lib/crm/cib.xml" || return 1; done
	# Two checks of a whole-cluster restart from the CIB on disk: both nodes lose power
	# while the group runs; both are stopped in order (the spare first, then the holder).
	for n in "${NODES[@]}"; do ours_crash "$n"; done
	coldcheck powerloss "both nodes lost power while the group ran"
	for n in "${NODES[@]}"; do wipe_status "$n"; done
	ours_start "${NODES[@]}" && hb_wait_for 20 eval 'v2_holder >/dev/null' || { log "ours: no group after a restart"; return 1; }
	n=$(v2_holder)
	hb_stop "$(other "$n")" >/dev/null 2>&1; hb_stop "$n" >/dev/null 2>&1
	coldcheck stopped "both nodes stopped with heartbeat -k (the spare first)"
	# the figure: both stopped, the status section of the CIB on disk emptied (what
	# Pacemaker's cib does on load) so the run measures the start, then started together
	for n in "${NODES[@]}"; do ours_crash "$n"; wipe_status "$n"; done
	start_both ours ours_start || return 1
	measure ours ours_start ours_crash 6 v2_mon
}

# ---- Pacemaker + Corosync ---------------------------------------------------------------
pm_available() { command -v corosync >/dev/null && command -v pacemakerd >/dev/null && command -v cibadmin >/dev/null; }
pm_conf() {
	cat <<EOF
# written by tests/bench/crm-vs-pacemaker.sh
totem {
	version: 2
	cluster_name: pmbench
	transport: knet
	token: 1000
	crypto_cipher: none
	crypto_hash: none
}
nodelist {
	node {
		name: n1
		nodeid: 1
		ring0_addr: $(hb_addr n1 0)
	}
	node {
		name: n2
		nodeid: 2
		ring0_addr: $(hb_addr n2 0)
	}
}
quorum {
	provider: corosync_votequorum
	two_node: 1
}
logging {
	to_logfile: yes
	logfile: /var/log/corosync/corosync.log
	to_syslog: no
	to_stderr: no
	timestamp: on
}
EOF
}
# pm_host NODE: the node's private corosync/pacemaker directories, bound in its mount namespace
pm_host() {
	local d; d=$(hb_dir "$1")
	mkdir -p "$d/corosync-etc/uidgid.d" "$d/corosync-lib" "$d/pcmk-lib"/{cib,pengine,blackbox,cores} \
		"$d/log/corosync" "$d/log/pacemaker" "$d/run/resource-agents" "$d/shm" || return 1
	pm_conf >"$d/corosync-etc/corosync.conf"
	chown -R hacluster:haclient "$d/pcmk-lib" "$d/log/pacemaker"
	chmod 750 "$d/pcmk-lib"/*
	hb_exec "$1" sh -c "mount --bind '$d/corosync-etc' /etc/corosync &&
		mount --bind '$d/corosync-lib' /var/lib/corosync &&
		mount --bind '$d/pcmk-lib' /var/lib/pacemaker &&
		mount -t tmpfs -o mode=1777 tmpfs /dev/shm"
}
pm_start() { # NODE...: corosync, then pacemakerd, per node, the nodes in parallel
	local n pids=()
	for n in "$@"; do
		(
			hb_exec "$n" corosync -f </dev/null >>"$(hb_dir "$n")/log/corosync.out" 2>&1 &
			hb_wait_for 10 eval 'hb_exec '"$n"' corosync-cfgtool -s >/dev/null 2>&1' || exit 1
			hb_exec "$n" env PCMK_logfile=/var/log/pacemaker/pacemaker.log pacemakerd -f </dev/null \
				>>"$(hb_dir "$n")/log/pacemakerd.out" 2>&1 &
		) </dev/null >/dev/null 2>&1 &
		pids+=($!)
	done
	for n in "${pids[@]}"; do wait "$n" || return 1; done
	for n in "$@"; do HB_STARTED[$n]=$(hb_now_ms); done
}
pm_crash() {
	local pids; pids=$(hb_node_pids "$1")
	kill -9 $pids 2>/dev/null
	hb_exec "$1" ip addr del "$V2_VIP/24" dev eth0 2>/dev/null
	rm -f "$(state_file "$1")"
	hb_kill_all "$1"
	rm -f "$(hb_dir "$1")/shm/"* 2>/dev/null
	hb_exec "$1" sh -c 'rm -f /dev/shm/*' 2>/dev/null
}
pm_stop() { # NODE: pacemakerd's own shutdown (SIGTERM), then corosync's
	local p c
	p=$(v2_node_pids_named "$1" pacemakerd)
	[ -n "$p" ] && kill -TERM $p && hb_wait_for 90 hb_gone $p
	c=$(v2_node_pids_named "$1" corosync)
	[ -n "$c" ] && kill -TERM $c && hb_wait_for 30 hb_gone $c
	hb_kill_all "$1"
	hb_exec "$1" sh -c 'rm -f /dev/shm/*' 2>/dev/null
}
pm_tool() { local n=$1; shift; hb_exec "$n" "$@" 2>&1; }
pm_mon() { pm_tool "$1" crm_mon -1; }

bench_pcmk() {
	local n
	hb_init pmbench || return 1
	chmod 711 "$HB_T"
	hb_add_hosts "${NODES[@]}" || return 1
	for n in "${NODES[@]}"; do pm_host "$n" || { log "pcmk: private directories for $n failed"; return 1; }; done
	pm_start "${NODES[@]}"
	hb_wait_for 90 eval 'pm_tool n1 crm_mon -1 | grep -q "Online: \[ n1 n2 \]"' ||
		{ log "pcmk: the nodes did not come online: $(pm_tool n1 crm_mon -1 | head -20)"; return 1; }
	pm_tool n1 crm_attribute -n stonith-enabled -v false >/dev/null &&
		pm_tool n1 crm_attribute -n no-quorum-policy -v ignore >/dev/null &&
		pm_tool n1 cibadmin -C -o resources -X "$(v2_group_xml)" >/dev/null ||
		{ log "pcmk: configuring failed"; return 1; }
	hb_wait_for 60 eval 'v2_holder >/dev/null' || { log "pcmk: the group did not start: $(pm_tool n1 crm_mon -1)"; return 1; }
	for n in "${NODES[@]}"; do hb_wait_for 10 grep -q grpWWW "$(hb_dir "$n")/pcmk-lib/cib/cib.xml" || return 1; done
	n=$(v2_holder)
	pm_stop "$(other "$n")"; pm_stop "$n"
	start_both pcmk pm_start || return 1
	measure pcmk pm_start pm_crash 1 pm_mon
}

# ---- report ---------------------------------------------------------------------------
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a + 0 > 0 && b + 0 > 0) printf "%.3f", a / b; else print "-" }'; }
report() {
	local have=$1 f
	echo
	echo "crm-vs-pacemaker: 2 nodes in namespaces, group IPaddr2 + Dummy, monitor $V2_MONITOR, $(nproc) CPUs, $(date -u +%FT%TZ)"
	echo "ours: heartbeat keepalive $HB_KEEPALIVE deadtime ${HB_DEADTIME}s initdead ${HB_INITDEAD}s, crm respawn"
	[ "$have" = 1 ] && echo "pacemaker: Pacemaker $(pacemakerd --version 2>/dev/null | head -n 1 | awk '{ print $2 }') + Corosync $(corosync -v 2>/dev/null | sed -n 's/.*version .\([0-9.]*\).*/\1/p' | head -n 1), knet, token 1000 ms, dc-deadtime default"
	printf '%-42s %12s %12s %8s   %s\n' metric ours pacemaker ratio "target (issue 9)"
	row() { # LABEL KEY UNIT TARGET
		local o=${R[ours.$2]:--} p=${R[pcmk.$2]:--}
		printf '%-42s %12s %12s %8s   %s\n' "$1 ($3)" "$o" "$p" "$(ratio "$o" "$p")" "$4"
	}
	row "start both -> group active" start ms "ours < 3000 ms (Pacemaker measured 22900, dc-deadtime 20 s)"
	row "kill -9 holder -> on peer (median)" failover ms "ours < deadtime + 500 = $(( $(hb_ms "$HB_DEADTIME") + 500 )) ms (Pacemaker 2360 at token 1 s)"
	row "monitor failure -> restarted (med.)" recover ms "ours < monitor + 200 = 1200 ms (Pacemaker 980)"
	row "RSS per node" rss kB "ours < 1/4 of Pacemaker's (aim 1/8; Pacemaker ~200 MB)"
	row "PSS per node" pss kB "(Pacemaker ~130 MB, corosync alone ~100 MB)"
	row "idle CPU per node" cpu "CPU-s/min" "ours < 1/2 of Pacemaker's (Pacemaker 0.96)"
	row "idle CPU, daemons alone" cpuown "CPU-s/min" "(the monitors' agents, IPaddr2 every 1 s, are the rest)"
	for f in powerloss stopped; do
		[ -n "${R[ours.check.$f]:-}" ] && echo "ours check ($f): ${R[ours.check.$f]}"
	done
	[ -n "${R[ours.dead.all]:-}" ] && echo "ours failover: heartbeat declared the holder dead after (ms): ${R[ours.dead.all]}"
	for f in failover.all recover.all rss.all cpu.all procs; do
		[ -n "${R[ours.$f]:-}" ] && echo "ours $f: ${R[ours.$f]}"
		[ -n "${R[pcmk.$f]:-}" ] && echo "pacemaker $f: ${R[pcmk.$f]}"
	done
	verdict() { # TEXT CONDITION
		if eval "$2" 2>/dev/null; then echo "  met:     $1"; else echo "  NOT MET: $1"; fi
	}
	echo "targets:"
	verdict "start < 3000 ms" '[ "${R[ours.start]:--1}" -ge 0 ] && [ "${R[ours.start]}" -lt 3000 ]'
	verdict "failover < $(( $(hb_ms "$HB_DEADTIME") + 500 )) ms" '[ "${R[ours.failover]:--1}" -ge 0 ] && [ "${R[ours.failover]}" -lt $(( $(hb_ms "$HB_DEADTIME") + 500 )) ]'
	verdict "recovery < 1200 ms" '[ "${R[ours.recover]:--1}" -ge 0 ] && [ "${R[ours.recover]}" -lt 1200 ]'
	if [ "$have" = 1 ]; then
		verdict "RSS < 1/4 of Pacemaker's" '[ $(( ${R[ours.rss]:-999999999} * 4)) -lt "${R[pcmk.rss]:-0}" ]'
		verdict "RSS < 1/8 of Pacemaker's (aim)" '[ $(( ${R[ours.rss]:-999999999} * 8)) -lt "${R[pcmk.rss]:-0}" ]'
		verdict "idle CPU < 1/2 of Pacemaker's" 'awk -v o="${R[ours.cpu]:-99}" -v p="${R[pcmk.cpu]:-0}" "BEGIN { exit !(o * 2 < p) }"'
	else
		verdict "RSS < 50 MB (1/4 of the issue's 200 MB)" '[ "${R[ours.rss]:-999999}" -lt 51200 ]'
		verdict "idle CPU < 0.48 CPU-s/min (1/2 of the issue's 0.96)" 'awk -v o="${R[ours.cpu]:-99}" "BEGIN { exit !(o < 0.48) }"'
	fi
}

maybe_install() {
	local made=0
	[ "${BENCH_INSTALL:-0}" = 1 ] || return 1
	# services kept from starting: a policy-rc.d for the install's time, and masked units
	if [ ! -e /usr/sbin/policy-rc.d ]; then printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d; chmod 755 /usr/sbin/policy-rc.d; made=1; fi
	systemctl mask corosync.service pacemaker.service >/dev/null 2>&1
	DEBIAN_FRONTEND=noninteractive apt-get install -y pacemaker corosync >&2
	[ "$made" = 1 ] && rm -f /usr/sbin/policy-rc.d
	pm_available
}

hb_need_root || exit 1
have=0
if [ "${BENCH_ONLY:-}" != ours ]; then
	if pm_available || maybe_install; then have=1; else log "Pacemaker/Corosync not installed: ours alone (BENCH_INSTALL=1 installs them)"; fi
fi
if [ "${BENCH_ONLY:-}" != pcmk ]; then
	( bench_ours; rc=$?; declare -p R >"/tmp/crmbench.ours.$$"; exit $rc ) || log "ours: the run failed (results so far kept)"
	[ -e "/tmp/crmbench.ours.$$" ] && . "/tmp/crmbench.ours.$$"
	rm -f "/tmp/crmbench.ours.$$"
fi
if [ "$have" = 1 ]; then
	declare -A SAVED; for k in "${!R[@]}"; do SAVED[$k]=${R[$k]}; done
	( bench_pcmk; rc=$?; declare -p R >"/tmp/crmbench.pcmk.$$"; exit $rc ) || log "pcmk: the run failed (results so far kept)"
	[ -e "/tmp/crmbench.pcmk.$$" ] && . "/tmp/crmbench.pcmk.$$"
	rm -f "/tmp/crmbench.pcmk.$$"
	for k in "${!SAVED[@]}"; do R[$k]=${SAVED[$k]}; done
fi
report "$have"
