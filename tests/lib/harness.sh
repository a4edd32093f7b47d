# tests/lib/harness.sh — builds throw-away heartbeat "hosts" on one machine.
# Each host is a holder process owning a network + mount + UTS namespace, with its own
# /etc/ha.d, /var/lib/heartbeat, /run and /var/log bound from a per-node directory, wired by
# veth pairs into bridges living in a separate namespace. Source it from bash; see hb_help.
#
# Nothing here touches the machine's own network or files: every namespace is owned by a
# process we started (it vanishes when that process dies), and teardown kills only PIDs we
# recorded or found inside our own namespaces.

HB_REPO=${HB_REPO:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
HB_ORIG_DAEMON=${HB_ORIG_DAEMON:-/usr/libexec/heartbeat/heartbeat}
HB_ORIG_CLSTATUS=${HB_ORIG_CLSTATUS:-/usr/bin/cl_status}
HB_OURS_DAEMON=${HB_OURS_DAEMON:-$HB_REPO/heartbeat/heartbeat}
HB_OURS_CLSTATUS=${HB_OURS_CLSTATUS:-$HB_REPO/heartbeat/cl_status}
HB_RESULTS=${HB_RESULTS:-/tmp/hb-results}
HB_NETS=${HB_NETS:-2}            # media networks per host: eth0 .. eth$((HB_NETS-1))

# Timings written into ha.cf (the original wants deadtime > 2*keepalive, initdead >= deadtime).
HB_KEEPALIVE=${HB_KEEPALIVE:-200ms}
HB_DEADTIME=${HB_DEADTIME:-2}
HB_WARNTIME=${HB_WARNTIME:-1}
HB_INITDEAD=${HB_INITDEAD:-2}
HB_AUTH=${HB_AUTH:-sha1}
HB_AUTHKEY=${HB_AUTHKEY:-harness-secret}
HB_MEDIA=${HB_MEDIA:-bcast}       # words: bcast mcast ucast serial, optional :ethN (default all nets)
HB_MCAST_GROUP=${HB_MCAST_GROUP:-239.250.0.1}
HB_MCAST_PORT=${HB_MCAST_PORT:-694}
HB_BAUD=${HB_BAUD:-115200}

declare -A HB_HOLDER HB_INDEX HB_SERIAL HB_STARTED
HB_NODES=()
HB_T=""
HB_BR_PID=""
HB_SOCAT_PIDS=()
HB_KEEP_REASON=""

hb_log() { printf '%s [harness] %s\n' "$(date +%H:%M:%S.%N | cut -c1-12)" "$*" >&2; }
hb_now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
hb_ms() { # time text as ha.cf reads it (bare seconds or NNNms) -> milliseconds
	case $1 in
	*ms) echo "${1%ms}" ;;
	*) awk -v s="$1" 'BEGIN { printf "%d\n", s * 1000 + 0.5 }' ;;
	esac
}

hb_need_root() {
	[ "$(id -u)" = 0 ] || { echo "harness: needs root (namespaces)"; return 1; }
	local t
	for t in unshare nsenter ip socat; do
		command -v "$t" >/dev/null || { echo "harness: missing tool $t"; return 1; }
	done
}

# hb_init LABEL: fresh state dir, the bridge namespace and one bridge per media network.
hb_init() {
	local label=${1:-hb} n
	hb_need_root || return 1
	HB_LABEL=$label
	HB_T=$(mktemp -d "/tmp/hbt-$label.XXXXXX") || return 1
	HB_NODES=(); HB_HOLDER=(); HB_INDEX=(); HB_SERIAL=(); HB_STARTED=(); HB_SOCAT_PIDS=(); HB_KEEP_REASON=""
	trap 'hb_teardown' EXIT
	trap 'exit 130' INT TERM
	# holders never keep the caller's stdout open: a pipe reader would wait for them
	unshare --net -- sleep 100000 </dev/null >/dev/null 2>&1 &
	HB_BR_PID=$!
	echo "$HB_BR_PID" >"$HB_T/bridge.pid"
	# Until unshare has exec'd sleep, nsenter would join the machine's own namespace.
	hb_wait_for 5 hb_own_netns "$HB_BR_PID" || { hb_log "bridge namespace failed"; return 1; }
	for ((n = 0; n < HB_NETS; n++)); do
		nsenter -t "$HB_BR_PID" -n ip link add "br$n" type bridge || return 1
		# Snooping would drop multicast to ports that never sent an IGMP join in time.
		nsenter -t "$HB_BR_PID" -n ip link set "br$n" type bridge mcast_snooping 0 2>/dev/null
		nsenter -t "$HB_BR_PID" -n ip link set "br$n" up || return 1
	done
}

# hb_own_netns PID: PID runs sleep in a network namespace other than the caller's.
hb_own_netns() {
	[ "$(cat "/proc/$1/comm" 2>/dev/null)" = sleep ] &&
		[ "$(readlink "/proc/$1/ns/net")" != "$(readlink /proc/self/ns/net)" ]
}

hb_dir() { echo "$HB_T/nodes/$1"; }
hb_addr() { echo "10.250.$2.$((10 + HB_INDEX[$1]))"; } # NODE NET -> IPv4 address

# hb_add_host NODE: the holder, private directories, eth0..ethN-1 on the bridges.
hb_add_host() {
	local node=$1 d n idx=${#HB_NODES[@]}
	d=$(hb_dir "$node")
	mkdir -p "$d"/etc "$d"/lib "$d"/run "$d"/log || return 1
	cp -a /etc/ha.d/. "$d/etc/" 2>/dev/null   # resource.d, rc.d, shellfuncs, harc
	rm -f "$d/etc/ha.cf" "$d/etc/authkeys" "$d/etc/haresources"
	for n in api casual ckpt cores cores/root cores/nobody; do mkdir -p "$d/lib/$n"; done
	mkdir -p "$d/lib/cores/hacluster"; chown hacluster "$d/lib/cores/hacluster"; chmod 700 "$d/lib/cores/"*
	for n in ccm crm; do mkdir -p "$d/lib/$n"; chown hacluster:haclient "$d/lib/$n"; chmod 750 "$d/lib/$n"; done
	mkdir -p "$d/run/heartbeat/ccm" "$d/run/heartbeat/crm" "$d/run/heartbeat/dopd" "$d/run/crm" "$d/run/lock"
	chown -R hacluster:haclient "$d/run/heartbeat" "$d/run/crm"
	chmod 750 "$d/run/heartbeat" "$d/run/heartbeat/ccm" "$d/run/heartbeat/crm" "$d/run/heartbeat/dopd" "$d/run/crm"
	chmod 1777 "$d/run/lock"
	rm -f "$d/ready"
	unshare --net --mount --uts --propagation private -- /bin/sh -c '
		d=$1; hostname "$2" || exit 1
		mount -t sysfs sysfs /sys 2>/dev/null
		mount --bind "$d/etc" /etc/ha.d &&
		mount --bind "$d/lib" /var/lib/heartbeat &&
		mount --bind "$d/run" /run &&
		mount --bind "$d/log" /var/log || exit 1
		ip link set lo up
		: >"$d/ready"
		exec sleep 100000' holder "$d" "$node" </dev/null >>"$d/log/holder.log" 2>&1 &
	HB_HOLDER[$node]=$!
	echo "${HB_HOLDER[$node]}" >"$d/holder.pid"
	HB_INDEX[$node]=$idx
	HB_NODES+=("$node")
	hb_wait_for 5 test -e "$d/ready" && hb_wait_for 5 hb_own_netns "${HB_HOLDER[$node]}" ||
		{ hb_log "host $node did not come up"; return 1; }
	for ((n = 0; n < HB_NETS; n++)); do
		ip link add name "eth$n" netns "${HB_HOLDER[$node]}" type veth \
			peer name "h${idx}n$n" netns "$HB_BR_PID" || return 1
		nsenter -t "$HB_BR_PID" -n ip link set "h${idx}n$n" master "br$n" up || return 1
		hb_exec "$node" ip addr add "$(hb_addr "$node" "$n")/24" brd + dev "eth$n" || return 1
		hb_exec "$node" ip link set "eth$n" up || return 1
	done
}

# hb_add_hosts NODE...
hb_add_hosts() { local n; for n in "$@"; do hb_add_host "$n" || return 1; done; }

# hb_exec NODE CMD...: run inside the host (network, mounts, hostname), clean environment.
hb_exec() {
	local node=$1; shift
	nsenter -t "${HB_HOLDER[$node]}" -n -m -u -- env -i \
		PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LANG=C "$@"
}

# hb_serial_pair A B: a socat pty pair, one end for each host (recorded in HB_SERIAL[A:B]).
hb_serial_pair() {
	local a=$1 b=$2 ta tb
	mkdir -p "$HB_T/serial"
	socat "pty,raw,echo=0,link=$HB_T/serial/$a-$b.a" "pty,raw,echo=0,link=$HB_T/serial/$a-$b.b" \
		</dev/null >/dev/null 2>>"$HB_T/serial/socat.log" &
	HB_SOCAT_PIDS+=($!)
	hb_wait_for 5 test -e "$HB_T/serial/$a-$b.b" || { hb_log "socat pty pair failed"; return 1; }
	ta=$(readlink -f "$HB_T/serial/$a-$b.a"); tb=$(readlink -f "$HB_T/serial/$a-$b.b")
	HB_SERIAL[$a:$b]=$ta; HB_SERIAL[$b:$a]=$tb
}

# hb_media_lines NODE: the media directives for NODE from $HB_MEDIA.
hb_media_lines() {
	local node=$1 m kind ifs i other n
	for m in $HB_MEDIA; do
		kind=${m%%:*}
		if [ "$kind" = "$m" ]; then
			ifs=""; for ((n = 0; n < HB_NETS; n++)); do ifs="$ifs eth$n"; done
		else
			ifs=${m#*:}; ifs=${ifs//,/ }
		fi
		case $kind in
		bcast) for i in $ifs; do echo "bcast $i"; done ;;
		mcast) for i in $ifs; do echo "mcast $i $HB_MCAST_GROUP $HB_MCAST_PORT 1 0"; done ;;
		ucast) # every node, ourselves included, so ha.cf is identical on all nodes
			for i in $ifs; do for other in "${HB_NODES[@]}"; do
				echo "ucast $i $(hb_addr "$other" "${i#eth}")"; done; done ;;
		serial) for other in "${HB_NODES[@]}"; do
				[ -n "${HB_SERIAL[$node:$other]:-}" ] && echo "serial ${HB_SERIAL[$node:$other]}"; done ;;
		*) hb_log "unknown medium $kind"; return 1 ;;
		esac
	done
	return 0
}

# hb_config NODE: ha.cf, authkeys (600), haresources from the HB_* variables.
# HB_EXTRA (lines) is appended to ha.cf; HB_HARESOURCES is the haresources text.
hb_config() {
	local node=$1 d other
	d=$(hb_dir "$node")
	{
		echo "# written by tests/lib/harness.sh for $node"
		echo "logfile /var/log/ha-log"
		echo "debugfile /var/log/ha-debug"
		echo "logfacility none"
		echo "use_logd no"
		echo "keepalive $HB_KEEPALIVE"
		echo "warntime $HB_WARNTIME"
		echo "deadtime $HB_DEADTIME"
		echo "initdead $HB_INITDEAD"
		echo "udpport 694"
		echo "baud $HB_BAUD"
		echo "auto_failback on"
		hb_media_lines "$node" || return 1
		for other in "${HB_NODES[@]}"; do echo "node $other"; done
		if [ -n "${HB_EXTRA:-}" ]; then printf '%s\n' "$HB_EXTRA"; fi
	} >"$d/etc/ha.cf" || return 1
	case $HB_AUTH in
	crc) printf 'auth 1\n1 crc\n' ;;
	md5) printf 'auth 2\n2 md5 %s\n' "$HB_AUTHKEY" ;;
	sha1) printf 'auth 3\n3 sha1 %s\n' "$HB_AUTHKEY" ;;
	*) hb_log "unknown auth $HB_AUTH"; return 1 ;;
	esac >"$d/etc/authkeys"
	chmod 600 "$d/etc/authkeys"
	printf '%s' "${HB_HARESOURCES:-}" >"$d/etc/haresources"
}
hb_config_all() { local n; for n in "${HB_NODES[@]}"; do hb_config "$n" || return 1; done; }

# Which implementation a node runs: HB_IMPL_<node> (ours|orig), else HB_IMPL, else ours.
hb_impl() { local v="HB_IMPL_$1"; echo "${!v:-${HB_IMPL:-ours}}"; }
hb_daemon_bin() { if [ "$(hb_impl "$1")" = orig ]; then echo "$HB_ORIG_DAEMON"; else echo "$HB_OURS_DAEMON"; fi; }
hb_clstatus_bin() { if [ "$(hb_impl "$1")" = orig ]; then echo "$HB_ORIG_CLSTATUS"; else echo "$HB_OURS_CLSTATUS"; fi; }
hb_ours_available() { [ -x "$HB_OURS_DAEMON" ] && [ -x "$HB_OURS_CLSTATUS" ]; }

# hb_start NODE [ARGS]: start the node's daemon (it daemonizes like the init script does);
# waits until the pid file names a live process.
hb_start() {
	local node=$1 d bin rc; shift
	d=$(hb_dir "$node"); bin=$(hb_daemon_bin "$node")
	[ -x "$bin" ] || { hb_log "$node: no daemon binary $bin"; return 1; }
	rm -f "$d/run/heartbeat.pid"
	echo "=== $(date +%T) start $bin $*" >>"$d/log/start.out"
	hb_exec "$node" "$bin" "$@" >>"$d/log/start.out" 2>&1
	rc=$?
	[ $rc -eq 0 ] || { hb_log "$node: $bin exited $rc"; return 1; }
	hb_wait_for 10 hb_daemon_alive "$node" || { hb_log "$node: no live daemon after start"; return 1; }
	HB_STARTED[$node]=$(hb_now_ms)
	hb_log "$node: started $(hb_impl "$node") daemon pid $(hb_daemon_pid "$node")"
}
hb_start_all() { local n; for n in "${HB_NODES[@]}"; do hb_start "$n" || return 1; done; }

# hb_settle NODE SECONDS: wait until NODE's daemon has been up SECONDS. The original
# advertises deadtime + 2 s for its first 5 s, so a kill before that measures the wrong thing.
hb_settle() {
	local left=$(( ${HB_STARTED[$1]:-0} + $(hb_ms "$2") - $(hb_now_ms) ))
	[ "$left" -gt 0 ] && sleep "$(awk -v m="$left" 'BEGIN { printf "%.3f", m / 1000 }')"
	return 0
}

hb_daemon_pid() { local p; p=$(cat "$(hb_dir "$1")/run/heartbeat.pid" 2>/dev/null); echo "${p//[!0-9]/}"; }
hb_daemon_alive() { local p; p=$(hb_daemon_pid "$1"); [ -n "$p" ] && kill -0 "$p" 2>/dev/null; }

# hb_node_pids NODE: every process inside the host except its holder (found by mount namespace).
hb_node_pids() {
	local h=${HB_HOLDER[$1]} ns p
	ns=$(readlink "/proc/$h/ns/mnt" 2>/dev/null) || return 0
	# one stat for every process, not a readlink each: on a loaded machine
	# with a thousand processes the forks alone took seconds
	stat -c '%n %N' /proc/[0-9]*/ns/mnt 2>/dev/null |
		awk -v ns="'$ns'" -v h="$h" '$NF == ns { split($1, a, "/"); if (a[3] != h) print a[3] }'
}

# hb_kill9 NODE: SIGKILL the daemon's main process (what the scenarios measure).
hb_kill9() {
	local p; p=$(hb_daemon_pid "$1")
	[ -n "$p" ] || { hb_log "$1: no daemon pid"; return 1; }
	kill -9 "$p"
}
# hb_kill_all NODE: SIGKILL whatever is still running inside the host (left-over children).
hb_kill_all() {
	local p pids round
	# repeat: a dying daemon's children may fork (resource scripts) between listing and kill
	for round in 1 2 3 4 5 6 7 8 9 10; do
		pids=$(hb_node_pids "$1")
		[ -n "$pids" ] || return 0
		kill -9 $pids 2>/dev/null
		for p in $pids; do hb_wait_for 3 hb_gone "$p"; done
	done
	[ -z "$(hb_node_pids "$1")" ] || hb_log "$1: processes survive: $(hb_node_pids "$1" | tr '\n' ' ')"
}
hb_gone() { ! kill -0 "$1" 2>/dev/null; }
# hb_stop NODE: the daemon's own clean shutdown (-k), then anything left is killed.
hb_stop() {
	local bin; bin=$(hb_daemon_bin "$1")
	timeout 20 nsenter -t "${HB_HOLDER[$1]}" -n -m -u -- "$bin" -k >>"$(hb_dir "$1")/log/start.out" 2>&1
	hb_kill_all "$1"
}

# hb_restart NODE: after a kill -9, clear what is left and start again.
hb_restart() { hb_kill_all "$1"; hb_start "$1"; }

# hb_cl_status NODE ARGS...: the node's own cl_status, inside the host.
hb_cl_status() {
	local node=$1; shift
	hb_exec "$node" "$(hb_clstatus_bin "$node")" "$@" 2>/dev/null
}
# hb_nodestatus OBSERVER NODE: status word of NODE as OBSERVER's daemon sees it.
hb_nodestatus() { hb_cl_status "$1" nodestatus "$2" | head -n 1; }
hb_linkstatus() { hb_cl_status "$1" hblinkstatus "$2" "$3" | head -n 1; }
hb_is_status() { [ "$(hb_nodestatus "$1" "$2")" = "$3" ]; }         # OBS NODE WORD
hb_is_link() { [ "$(hb_linkstatus "$1" "$2" "$3")" = "$4" ]; }     # OBS NODE IF WORD

# hb_all_active [NODE...]: every listed (default: all) node sees every listed node active.
hb_all_active() {
	local a b list=("$@")
	[ ${#list[@]} -gt 0 ] || list=("${HB_NODES[@]}")
	for a in "${list[@]}"; do for b in "${list[@]}"; do
		hb_is_status "$a" "$b" active || return 1
	done; done
}

# hb_generation NODE: the generation number in the host's /var/lib/heartbeat/hb_generation.
hb_generation() { tr -dc '0-9' <"$(hb_dir "$1")/lib/hb_generation" 2>/dev/null; echo; }

hb_link_down() { hb_exec "$1" ip link set "$2" down; }  # NODE IF
hb_link_up() { hb_exec "$1" ip link set "$2" up; }

# hb_wait_for SECONDS CMD...: poll CMD every HB_POLL seconds until it succeeds or time runs out.
hb_wait_for() {
	local limit=$1 end; shift
	end=$(( $(hb_now_ms) + $(hb_ms "$limit") ))
	while :; do
		"$@" && return 0
		[ "$(hb_now_ms)" -ge "$end" ] && return 1
		sleep "${HB_POLL:-0.1}"
	done
}

# hb_time_until SECONDS CMD...: like hb_wait_for with 50 ms polling; prints the elapsed ms
# since $HB_T0 (set by the caller just before the event) when CMD first succeeds.
hb_time_until() {
	local limit=$1 end now; shift
	end=$(( HB_T0 + $(hb_ms "$limit") ))
	while :; do
		if "$@"; then now=$(hb_now_ms); echo $((now - HB_T0)); return 0; fi
		[ "$(hb_now_ms)" -ge "$end" ] && { echo -1; return 1; }
		sleep 0.05
	done
}

# hb_grep_logs PATTERN: which hosts' logs match (prints node: line).
hb_grep_logs() {
	local n
	for n in "${HB_NODES[@]}"; do
		grep -h -i -E "$1" "$(hb_dir "$n")"/log/ha-log "$(hb_dir "$n")"/log/ha-debug 2>/dev/null | sed "s/^/$n: /"
	done
}

# hb_keep NAME: copy each host's logs and config to $HB_RESULTS/<label>-<time>/NAME and say where.
hb_keep() {
	local name=${1:-run} dst n
	dst="$HB_RESULTS/$HB_LABEL-$(date +%Y%m%d-%H%M%S)-$$/$name"
	mkdir -p "$dst" || return 1
	for n in "${HB_NODES[@]}"; do
		mkdir -p "$dst/$n"
		cp -a "$(hb_dir "$n")/log/." "$dst/$n/" 2>/dev/null
		cp "$(hb_dir "$n")/etc/ha.cf" "$(hb_dir "$n")/etc/haresources" "$dst/$n/" 2>/dev/null
		cp "$(hb_dir "$n")/lib/hb_generation" "$dst/$n/" 2>/dev/null
	done
	cp -a "$HB_T/serial/socat.log" "$dst/" 2>/dev/null
	echo "logs kept in $dst"
}

# hb_teardown: kill what we started (by PID) and remove our state dir. Safe to call twice.
hb_teardown() {
	local n p
	[ -n "$HB_T" ] || return 0
	for n in "${HB_NODES[@]}"; do
		hb_kill_all "$n"
		p=${HB_HOLDER[$n]}
		kill -9 "$p" 2>/dev/null; wait "$p" 2>/dev/null
		# the holder's mounts die with its namespace; nothing to unmount on the host
	done
	for p in "${HB_SOCAT_PIDS[@]}" $HB_BR_PID; do
		kill -9 "$p" 2>/dev/null; wait "$p" 2>/dev/null
	done
	rm -rf "$HB_T"
	HB_T=""; HB_NODES=(); HB_HOLDER=(); HB_INDEX=(); HB_SERIAL=(); HB_SOCAT_PIDS=(); HB_BR_PID=""
}

hb_help() {
	cat <<'EOF'
harness.sh functions (bash):
  hb_init LABEL                 state dir, bridge namespace, EXIT trap
  hb_add_host NODE / hb_add_hosts NODE...   a host with eth0..eth$((HB_NETS-1))
  hb_serial_pair A B            socat pty pair between A and B
  hb_config NODE / hb_config_all            ha.cf authkeys haresources from HB_* vars
  hb_start NODE / hb_start_all  daemon per HB_IMPL_<node> or HB_IMPL (ours|orig)
  hb_kill9 NODE / hb_kill_all NODE / hb_stop NODE / hb_restart NODE
  hb_exec NODE CMD...           run inside the host
  hb_cl_status NODE ARGS...     the node's own cl_status
  hb_nodestatus OBS NODE / hb_linkstatus OBS NODE IF / hb_all_active [NODE...]
  hb_generation NODE / hb_link_down NODE IF / hb_link_up NODE IF
  hb_wait_for SEC CMD... / hb_time_until SEC CMD... (ms since $HB_T0)
  hb_grep_logs REGEX / hb_keep NAME / hb_teardown
EOF
}
