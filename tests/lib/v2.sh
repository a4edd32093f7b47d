# tests/lib/v2.sh — a v2 (crm respawn) cluster of ours in namespaces for the demo and the
# bench: heartbeat starts lrmd and crmd from the build tree, Debian's resource-agents run
# the talk's group (IPaddr2 on the harness subnet + a monitored Dummy).  On top of
# harness.sh; every function returns non-zero instead of ending the caller, so a script
# (demo/cluster-demo.sh, tests/bench/crm-vs-pacemaker.sh) decides what a failure means.

V2_REPO=${V2_REPO:-$HB_REPO}
V2_TOOLS=$V2_REPO/heartbeat
V2_VIP=${V2_VIP:-10.250.0.200}
V2_OCF=/usr/lib/ocf/resource.d/heartbeat
V2_MONITOR=${V2_MONITOR:-2s}        # the group's monitor interval
V2_STATE=/run/v2-dummy.state        # Dummy's state file, inside the node's /run

v2_group_xml() {
	cat <<EOF
<group id="grpWWW">
  <primitive id="prmIp" class="ocf" provider="heartbeat" type="IPaddr2">
    <instance_attributes id="prmIp-ia">
      <nvpair id="prmIp-ip" name="ip" value="$V2_VIP"/>
      <nvpair id="prmIp-mask" name="cidr_netmask" value="24"/>
      <nvpair id="prmIp-nic" name="nic" value="eth0"/>
    </instance_attributes>
    <operations>
      <op id="prmIp-monitor" name="monitor" interval="$V2_MONITOR" timeout="20s"/>
    </operations>
  </primitive>
  <primitive id="prmDummy" class="ocf" provider="heartbeat" type="Dummy">
    <instance_attributes id="prmDummy-ia">
      <nvpair id="prmDummy-state" name="state" value="$V2_STATE"/>
    </instance_attributes>
    <operations>
      <op id="prmDummy-monitor" name="monitor" interval="$V2_MONITOR" timeout="20s"/>
    </operations>
  </primitive>
</group>
EOF
}

v2_built() { # prints what is missing
	local f
	for f in heartbeat/heartbeat heartbeat/crm/crmd heartbeat/crm/lrmd heartbeat/cibadmin \
		heartbeat/crm_mon heartbeat/crm_attribute heartbeat/crmadmin heartbeat/crm_resource; do
		[ -x "$V2_REPO/$f" ] || { echo "$f"; return 1; }
	done
	[ -x "$V2_OCF/Dummy" ] && [ -x "$V2_OCF/IPaddr2" ] || { echo "resource-agents (IPaddr2, Dummy)"; return 1; }
}

# v2_prepare LABEL NODE...: hosts, configuration (crm respawn), a wrapper that points
# heartbeat at the build tree's CRM daemons.  Nothing is started.
v2_prepare() {
	local label=$1 n f; shift
	HB_EXTRA="crm respawn${V2_EXTRA:+$'\n'$V2_EXTRA}"
	hb_init "$label" || return 1
	chmod 711 "$HB_T"   # crmd (hacluster) reaches its node's directories
	printf '#!/bin/sh\nexec env HA_CRM_DAEMON_DIR=%s HB_STONITH_CMD=%s %s "$@"\n' \
		"$V2_REPO/heartbeat/crm" "$V2_REPO/stonith/stonith" "$V2_REPO/heartbeat/heartbeat" >"$HB_T/heartbeat-crm"
	chmod 755 "$HB_T/heartbeat-crm"
	HB_OURS_DAEMON=$HB_T/heartbeat-crm
	hb_add_hosts "$@" || return 1
	for n in "$@"; do
		mkdir -p "$(hb_dir "$n")/run/resource-agents"   # tmpfiles makes it on a real machine
		for f in ha-log ha-debug; do   # crmd runs as hacluster and logs here too
			: >"$(hb_dir "$n")/log/$f"; chgrp haclient "$(hb_dir "$n")/log/$f"; chmod 664 "$(hb_dir "$n")/log/$f"
		done
	done
	hb_config_all
}

v2_tool() { local n=$1; shift; hb_exec "$n" "$V2_TOOLS/$@" 2>&1; }
v2_mon() { v2_tool "$1" crm_mon -1; }
v2_dc() { v2_tool "$1" crmadmin -D | sed -n 's/^Designated Controller is: //p'; }
v2_same_dc() { # NODE...: every node names the same DC; prints it
	local n d first=""
	for n in "$@"; do
		d=$(v2_dc "$n")
		[ -n "$d" ] && [ "$d" != "(null)" ] || return 1
		[ -z "$first" ] && first=$d
		[ "$d" = "$first" ] || return 1
	done
	echo "$first"
}
v2_has_vip() { hb_exec "$1" ip -4 addr show dev eth0 2>/dev/null | grep -q "inet $V2_VIP/"; }
v2_dummy_rc() { # NODE: Dummy's own monitor on NODE (0 running, 7 not)
	hb_exec "$1" env OCF_ROOT=/usr/lib/ocf OCF_RESOURCE_INSTANCE=prmDummy \
		OCF_RESKEY_state=$V2_STATE "$V2_OCF/Dummy" monitor >/dev/null 2>&1
	echo $?
}
v2_runs() { v2_has_vip "$1" && [ "$(v2_dummy_rc "$1")" = 0 ]; }   # NODE: the agents say the group runs there
v2_holder() { local n; for n in "${HB_NODES[@]}"; do v2_runs "$n" && { echo "$n"; return 0; }; done; return 1; }
v2_shown_on() { # OBSERVER NODE: OBSERVER's crm_mon shows both members Started on NODE
	local m; m=$(v2_mon "$1")
	echo "$m" | grep -qE "prmIp[[:space:]].*Started $2" && echo "$m" | grep -qE "prmDummy[[:space:]].*Started $2"
}
v2_failed_shown() { v2_mon "$1" | grep -q "prmDummy_monitor_.*rc=7"; }   # OBSERVER

# v2_setup NODE: the cluster options of the talk's 1+1 pair (no fencing device, a lone
# node keeps running), set through NODE.
v2_setup() {
	v2_tool "$1" crm_attribute -n stonith-enabled -v false >/dev/null &&
		v2_tool "$1" crm_attribute -n no-quorum-policy -v ignore >/dev/null
}
v2_add_group() { hb_exec "$1" "$V2_TOOLS/cibadmin" -C -o resources -X "$(v2_group_xml)" >/dev/null 2>&1; }
v2_break_dummy() { hb_exec "$1" rm -f "$V2_STATE"; }   # NODE: a resource failure the monitor sees

# v2_crash NODE: kill -9 heartbeat and every process of the node at once and drop what a
# power loss takes along (the VIP, /run's state files); V2_T0 = the kill.  The sweep of
# left-overs (an agent forked meanwhile) runs in the background: `wait $V2_KILLER`.
v2_crash() {
	local p pids
	p=$(hb_daemon_pid "$1")
	pids=$(hb_node_pids "$1")
	V2_T0=$(hb_now_ms)
	kill -9 $p $pids 2>/dev/null
	hb_exec "$1" ip addr del "$V2_VIP/24" dev eth0 2>/dev/null
	rm -f "$(hb_dir "$1")$V2_STATE"
	hb_kill_all "$1" &
	V2_KILLER=$!
}

# v2_node_pids_named NODE NAME...: the node's processes whose comm is one of NAME
v2_node_pids_named() {
	local n=$1 p c w; shift
	for p in $(hb_node_pids "$n"); do
		c=$(cat "/proc/$p/comm" 2>/dev/null) || continue
		for w in "$@"; do [ "$c" = "$w" ] && echo "$p"; done
	done
}
