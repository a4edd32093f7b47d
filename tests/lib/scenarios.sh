# tests/lib/scenarios.sh — cluster scenarios shared by tests/cluster and tests/interop.
# Every scenario is implementation-blind: which daemon a node runs comes from
# HB_IMPL_<node> / HB_IMPL (see harness.sh), so one function covers ours-ours,
# ours-orig, orig-ours and orig-orig. Run them through t_run (report.sh).

HB_ACTIVE_TIMEOUT=${HB_ACTIVE_TIMEOUT:-20}   # seconds for a fresh cluster to be all active
HB_SETTLE=${HB_SETTLE:-6}                    # seconds a node runs before we kill it
HB_SLACK_MS=${HB_SLACK_MS:-250}              # allowance for cl_status round trip + 50 ms poll
# what the original (first two) and ours ("Dropped packet ...: bad authentication") log
HB_AUTH_FAIL_RE=${HB_AUTH_FAIL_RE:-'authtoken does not match|authentication failed|bad authentication|no authentication'}

sc_bound_ms() { echo $(( $(hb_ms "$HB_DEADTIME") + $(hb_ms "$HB_KEEPALIVE") + HB_SLACK_MS )); }

sc_impls() { local n s=""; for n in "${HB_NODES[@]}"; do s="$s $n=$(hb_impl "$n")"; done; echo "${s# }"; }

# sc_up NODE...: hosts, config from HB_MEDIA/HB_AUTH, start, everyone sees everyone active.
sc_up() {
	local t0
	hb_init "${T_NAME:-sc}" || t_fail "harness init"
	hb_add_hosts "$@" || t_fail "creating hosts"
	case " $HB_MEDIA " in *" serial "*|*" serial:"*)
		[ $# -eq 2 ] || t_fail "serial scenarios take two nodes"
		hb_serial_pair "$1" "$2" || t_fail "socat pty pair" ;;
	esac
	hb_config_all || t_fail "writing config"
	hb_start_all || t_fail "starting daemons ($(sc_impls))"
	t0=$(hb_now_ms)
	hb_wait_for "$HB_ACTIVE_TIMEOUT" hb_all_active ||
		t_fail "not all active after ${HB_ACTIVE_TIMEOUT}s: $(sc_matrix)"
	t_note "all active after $(( $(hb_now_ms) - t0 )) ms ($(sc_impls), media: $HB_MEDIA, auth: $HB_AUTH)"
}

# sc_matrix: who sees whom how (for failure messages).
sc_matrix() {
	local a b s=""
	for a in "${HB_NODES[@]}"; do for b in "${HB_NODES[@]}"; do
		s="$s $a:$b=$(hb_nodestatus "$a" "$b")"
	done; done
	echo "${s# }"
}

sc_check_auth() {
	local bad; bad=$(hb_grep_logs "$HB_AUTH_FAIL_RE" | head -n 5)
	[ -z "$bad" ] || t_fail "authentication failures logged: $bad"
}

# sc_kill_detect VICTIM: kill -9 VICTIM's daemon; every other node must report it dead
# within deadtime + keepalive + HB_SLACK_MS. Each survivor's cl_status is polled every 50 ms
# by its own background loop, so one slow observer does not delay the others' figures.
# The figure includes one cl_status round trip; HB_SLACK_MS is the allowance for that.
sc_kill_detect() {
	local victim=$1 bound n t worst=0 pids=() d
	bound=$(sc_bound_ms)
	d=$HB_T/detect; mkdir -p "$d"; rm -f "$d"/*
	hb_settle "$victim" "$HB_SETTLE"
	HB_T0=$(hb_now_ms)
	hb_kill9 "$victim" || t_fail "kill -9 $victim"
	for n in "${HB_NODES[@]}"; do
		[ "$n" = "$victim" ] && continue
		hb_time_until $((bound * 3))ms hb_is_status "$n" "$victim" dead >"$d/$n" &
		pids+=($!)
	done
	wait "${pids[@]}"
	for n in "${HB_NODES[@]}"; do
		[ "$n" = "$victim" ] && continue
		t=$(cat "$d/$n")
		[ "${t:--1}" -ge 0 ] || t_fail "$n not reporting $victim dead after $((bound * 3)) ms: $(sc_matrix)"
		t_note "$n ($(hb_impl "$n")) reports $victim ($(hb_impl "$victim")) dead after $t ms (bound $bound ms)"
		[ "$t" -gt "$worst" ] && worst=$t
	done
	[ "$worst" -le "$bound" ] || t_fail "detection took $worst ms > bound $bound ms"
	# The last heartbeat left at most one keepalive before the kill: a report before
	# deadtime - keepalive means heartbeats went missing (load) or the timer is wrong.
	[ "$worst" -ge $(( $(hb_ms "$HB_DEADTIME") - $(hb_ms "$HB_KEEPALIVE") )) ] ||
		t_note "WARNING: dead reported earlier than deadtime - keepalive"
	SC_DETECT_MS=$worst
}

# sc_restart_higher_gen VICTIM: restart a killed node; all active again, generation grew.
sc_restart_higher_gen() {
	local victim=$1 g0 g1
	g0=$(hb_generation "$victim")
	hb_restart "$victim" || t_fail "restarting $victim"
	hb_wait_for "$HB_ACTIVE_TIMEOUT" hb_all_active ||
		t_fail "not all active after restart of $victim: $(sc_matrix)"
	g1=$(hb_generation "$victim")
	[ -n "$g0" ] && [ -n "$g1" ] && [ "$g1" -gt "$g0" ] ||
		t_fail "$victim generation did not grow: before '$g0' after '$g1'"
	t_note "$victim back active, generation $g0 -> $g1"
}

# --- scenarios ---------------------------------------------------------------------------

# sc_pair MEDIA AUTH VICTIM: two nodes n1 n2; active both ways, no auth failure, kill VICTIM.
sc_pair() {
	HB_MEDIA=$1 HB_AUTH=$2
	sc_up n1 n2
	sc_check_auth
	sc_kill_detect "$3"
	sc_check_auth
}

# sc_cluster N MEDIA: N nodes; kill the last, the others see it dead in time; restart it:
# active again with a higher generation.
sc_cluster() {
	local n=$1 i nodes=()
	HB_MEDIA=$2
	for ((i = 1; i <= n; i++)); do nodes+=("n$i"); done
	sc_up "${nodes[@]}"
	sc_kill_detect "n$n"
	sc_restart_higher_gen "n$n"
	sc_check_auth
}

# sc_cut_medium: two nodes, bcast on eth0 and eth1; cut eth1 on n2: both see that link
# dead within the bound while the node stays active; bring it back: link up again.
sc_cut_medium() {
	local bound t end
	HB_MEDIA="bcast:eth0 bcast:eth1"
	sc_up n1 n2
	hb_wait_for 5 hb_is_link n1 n2 eth1 up || t_fail "link n2 eth1 never up at n1"
	bound=$(sc_bound_ms)
	hb_settle n2 "$HB_SETTLE"
	HB_T0=$(hb_now_ms)
	hb_link_down n2 eth1 || t_fail "ip link set down"
	t=$(hb_time_until $((bound * 3))ms hb_is_link n1 n2 eth1 dead) ||
		t_fail "n1 never saw link n2:eth1 dead (status '$(hb_linkstatus n1 n2 eth1)')"
	t_note "n1 reports link n2:eth1 dead after $t ms (bound $bound ms)"
	[ "$t" -le "$bound" ] || t_fail "link death took $t ms > $bound ms"
	hb_wait_for "$((bound * 3))ms" hb_is_link n2 n1 eth1 dead || t_fail "n2 never saw link n1:eth1 dead"
	# the node itself must stay active the whole time, well past a deadtime
	end=$(( $(hb_now_ms) + 2 * $(hb_ms "$HB_DEADTIME") ))
	while [ "$(hb_now_ms)" -lt "$end" ]; do
		hb_all_active || t_fail "a node left active with one medium cut: $(sc_matrix)"
		hb_is_link n1 n2 eth0 up || t_fail "link n2:eth0 went $(hb_linkstatus n1 n2 eth0)"
		sleep 0.2
	done
	hb_link_up n2 eth1
	hb_wait_for 10 hb_is_link n1 n2 eth1 up || t_fail "link n2:eth1 not back up at n1"
	t_note "link back up, nodes stayed active"
	sc_check_auth
}

# sc_serial_pair: a serial-only two-node cluster over a socat pty pair.
sc_serial_pair() {
	HB_MEDIA=serial
	sc_up n1 n2
	sc_kill_detect n2
	sc_restart_higher_gen n2
	sc_check_auth
}

# sc_auth_mismatch AUTH: n2 has another key: neither may take the other for active, and
# both must log an authentication failure (this also proves sc_check_auth can see one).
sc_auth_mismatch() {
	local n logged
	HB_MEDIA=bcast HB_AUTH=$1
	hb_init "${T_NAME:-sc}" || t_fail "harness init"
	hb_add_hosts n1 n2 || t_fail "creating hosts"
	hb_config_all || t_fail "writing config"
	HB_AUTHKEY=other-$HB_AUTHKEY hb_config n2 || t_fail "writing config"
	hb_start_all || t_fail "starting daemons ($(sc_impls))"
	for n in n1 n2; do
		hb_wait_for 10 eval '[ -n "$(hb_grep_logs "$HB_AUTH_FAIL_RE" | grep "^$n: ")" ]' ||
			t_fail "$n ($(hb_impl "$n")) logged no authentication failure"
		logged=$(hb_grep_logs "$HB_AUTH_FAIL_RE" | grep "^$n: " | head -n 1)
		t_note "${logged:0:160}"
	done
	sleep "$HB_INITDEAD"
	! hb_is_status n1 n2 active || t_fail "n1 takes n2 for active despite the wrong key"
	! hb_is_status n2 n1 active || t_fail "n2 takes n1 for active despite the wrong key"
	t_note "n1 sees n2 $(hb_nodestatus n1 n2), n2 sees n1 $(hb_nodestatus n2 n1)"
}
