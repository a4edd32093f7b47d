#!/bin/bash
# tests/packaging/in-root.sh package|make: the checks that install, run and
# remove things, run by tests/packaging/suite as root of a throwaway copy of
# the machine (overlay.sh): the .debs replacing Debian's heartbeat and going
# back, the cluster demo and a fenced takeover from the installed files, and
# make install / uninstall against the real dpkg database.  Each check
# appends "PASS name" or "FAIL name: why" to /scratch/results.
cd /scratch/src || exit 1
R=/scratch/results
ok() { echo "ok   $*"; echo "PASS $*" >>"$R"; }
bad() { echo "FAIL $*"; echo "FAIL $*" >>"$R"; }
check() { local _what=$1; shift; if "$@"; then ok "$_what"; else bad "$_what"; fi; }
status_of() { dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null; }
mode_owner() { stat -c '%a %U %G' "$1" 2>/dev/null; }
verify_clean() { [ -z "$(dpkg --verify "$@" 2>&1)" ]; }
DAEMON=/usr/libexec/heartbeat/heartbeat
ORIG_FILES="/usr/bin/cl_status /usr/libexec/heartbeat/heartbeat /etc/init.d/heartbeat /etc/logrotate.d/heartbeat"
# Other packages' files that a careless install would overwrite (crmsh when installed).
OTHERS=$(for p in cluster-glue resource-agents pacemaker-cli-utils crmsh; do
	[ "$(status_of $p)" = installed ] && echo $p; done)
OTHER_FILES=$(for f in /usr/sbin/stonith /usr/sbin/meatclient /usr/sbin/crm_verify \
	/usr/libexec/heartbeat/send_arp /usr/sbin/crm; do [ -e $f ] && echo $f; done)

# A configuration directory for heartbeat -t and refused starts (HB_HA_DIR).
conf_dir() { # DIR EXTRA-LINES
	mkdir -p "$1/lib" "$1/run"
	printf 'logfacility none\nkeepalive 1\ndeadtime 10\nauto_failback on\nbcast lo\nnode %s\n%s\n' \
		"$(uname -n | tr 'A-Z' 'a-z')" "$2" >"$1/ha.cf"
	printf 'auth 1\n1 sha1 packaging-test\n' >"$1/authkeys"
	chmod 600 "$1/authkeys"
	: >"$1/haresources"
}
hb_t() { HB_HA_DIR=$1 "$DAEMON" -t; }

# ---- the package route ------------------------------------------------------

stonith_types() {
	local d t names vals n bad_types= total=0 out rc line
	d=$(mktemp -d)
	for t in $(stonith -L); do
		names=$(stonith -t "$t" -n 2>/dev/null)
		vals= n=0
		for _ in $names; do n=$((n + 1)); vals="$vals v$n"; done
		conf_dir "$d" "stonith_host * $t$vals"
		total=$((total + 1))
		hb_t "$d" >/dev/null 2>&1 || bad_types="$bad_types $t"
	done
	check "heartbeat -t accepts every one of the $total types cluster-glue's stonith -L lists${bad_types:+ (refused:$bad_types)}" \
		[ -z "$bad_types" -a "$total" -ge 30 ]
	conf_dir "$d" "stonith_host * nosuchdevice a b"
	line=$(grep -n nosuchdevice "$d/ha.cf" | cut -d: -f1)
	out=$(hb_t "$d" 2>&1); rc=$?
	check "heartbeat -t rejects an unknown STONITH type, naming file:line and the type (rc $rc: $(echo "$out" | grep -m1 ERROR))" \
		eval '[ $rc -eq 6 ] && printf "%s" "$out" | grep -q "$d/ha.cf:$line: Invalid Stonith type \[nosuchdevice\]"'
	out=$(HB_HA_DIR=$d HB_VARLIB=$d/lib HB_RUNDIR=$d/run HB_PIDFILE=$d/run/pid "$DAEMON" 2>&1); rc=$?
	check "the daemon refuses to start with it (rc $rc)" \
		eval '[ $rc -eq 6 ] && [ ! -e $d/run/pid ] && printf "%s" "$out" | grep -q "ha.cf:$line: Invalid Stonith type"'
	conf_dir "$d" "stonith_host * external/ipmi nodeb 10.0.0.2"
	out=$(hb_t "$d" 2>&1); rc=$?
	check "heartbeat -t rejects too few STONITH parameters as 3.0.6 does (rc $rc)" \
		eval '[ $rc -eq 6 ] && printf "%s" "$out" | grep -q "Invalid Stonith configuration parameter: external/ipmi needs 5"'
	printf '# parameters of the null device\nnodea nodeb\n' >"$d/null.cfg"
	conf_dir "$d" "stonith null $d/null.cfg"
	check "stonith TYPE FILE is checked and accepted" eval 'hb_t "$d" 2>&1 | grep -qx "configuration OK"'
	rm -rf "$d"
}

# A test device for cluster-glue's external plugin: records each reset, the
# parameters that came in its environment, and the command lines of the
# processes above it (none may show the secret).
install_test_device() {
	cat >/usr/lib/stonith/plugins/external/hbtest <<'EOS'
#!/bin/sh
case $1 in
getconfignames) echo "secret hostlist" ;;
gethosts) for h in $hostlist; do echo "$h"; done ;;
status) ;;
reset|on|off)
	echo "$1 $2 secret=$secret hostlist=$hostlist" >>/var/log/hbtest.log
	p=$$ i=0
	while [ $i -lt 8 ] && [ "${p:-1}" -gt 1 ]; do
		tr '\0' ' ' </proc/$p/cmdline; echo
		p=$(awk '/^PPid:/ { print $2 }' /proc/$p/status)
		i=$((i + 1))
	done >>/var/log/hbtest.cmdlines ;;
getinfo-devid|getinfo-devname) echo hbtest ;;
getinfo-devdescr|getinfo-devurl) echo "records resets for tests/packaging" ;;
getinfo-xml) echo "<parameters/>" ;;
*) exit 1 ;;
esac
exit 0
EOS
	chmod 755 /usr/lib/stonith/plugins/external/hbtest
	cat >/etc/ha.d/resource.d/hbmark <<'EOS'
#!/bin/sh
# hbmark NAME start|stop|status: a resource that is a file
f=/var/lib/heartbeat/hbmark.$1
case $2 in
start) date +%s%N >"$f" ;;
stop) rm -f "$f" ;;
status) if [ -e "$f" ]; then echo running; else echo stopped; fi ;;
esac
exit 0
EOS
	chmod 755 /etc/ha.d/resource.d/hbmark
}

# Two nodes from the installed files: any user's cl_status, and a takeover
# that waits for cluster-glue's stonith to reset the dead node.
two_nodes() (
	export HB_OURS_DAEMON=$DAEMON HB_OURS_CLSTATUS=/usr/bin/cl_status HB_IMPL=ours HB_NETS=1
	export HB_KEEPALIVE=200ms HB_DEADTIME=2 HB_INITDEAD=4 HB_WARNTIME=1
	secret=s3cr3t-$$
	export HB_EXTRA="stonith_host * external/hbtest $secret n1 n2"
	export HB_HARESOURCES="n2 hbmark::g
"
	. tests/lib/harness.sh
	hb_init pkg || { bad "two-node cluster: harness"; exit 0; }
	hb_add_hosts n1 n2 && hb_config_all && hb_start_all ||
		{ bad "two-node cluster from the installed files starts"; hb_keep pkg-start; exit 0; }
	check "two nodes of the installed heartbeat see each other active" hb_wait_for 20 hb_all_active
	out=$(hb_exec n1 setpriv --reuid=nobody --regid=nogroup --clear-groups /usr/bin/cl_status hbstatus 2>&1)
	check "user nobody: cl_status hbstatus says running ($out)" [ "$out" = "Heartbeat is running on this machine." ]
	cp /usr/bin/cl_status /tmp/cl_status.plain && chmod 755 /tmp/cl_status.plain
	out=$(hb_exec n1 setpriv --reuid=nobody --regid=nogroup --clear-groups /tmp/cl_status.plain hbstatus 2>&1)
	check "control: without set-group-id haclient the same user is refused ($out)" \
		[ "$out" != "Heartbeat is running on this machine." ]
	check "n2 holds its group" hb_wait_for 20 test -e "$(hb_dir n2)/lib/hbmark.g"
	hb_settle n2 6
	hb_kill9 n2
	check "n1 takes the group over after n2 dies" hb_wait_for 30 test -e "$(hb_dir n1)/lib/hbmark.g"
	log=$(hb_dir n1)/log
	check "n1 reset n2 through cluster-glue's stonith (device log: $(cat "$log/hbtest.log" 2>/dev/null))" \
		grep -qx "reset n2 secret=$secret hostlist=n1 n2" "$log/hbtest.log"
	check "the reset came before the takeover (\"node n2 now reset.\" logged)" \
		eval "grep -q 'node n2 now reset' $log/ha-log $log/ha-debug 2>/dev/null"
	check "the STONITH parameters were on no command line ($(grep -c . "$log/hbtest.cmdlines" 2>/dev/null) checked)" \
		eval "[ -s $log/hbtest.cmdlines ] && ! grep -q '$secret' $log/hbtest.cmdlines && grep -q '/usr/sbin/stonith -t external/hbtest -E -T reset n2' $log/hbtest.cmdlines"
	grep -q '^FAIL' "$R" && hb_keep pkg-two-nodes >/dev/null
	exit 0
)

phase_package() {
	local out rc
	mkdir -p /tmp/repack
	(cd /tmp/repack && dpkg-repack heartbeat >/dev/null 2>&1)
	check "dpkg-repack saved Debian's heartbeat (to go back to)" ls /tmp/repack/heartbeat_*.deb
	md5sum $ORIG_FILES >/tmp/orig.md5
	md5sum $OTHER_FILES >/tmp/others.md5
	# a fresh node: no cluster user or group yet (and no overrides naming them)
	sed -i '/^hacluster:/d' /etc/passwd /etc/shadow
	sed -i '/^haclient:/d' /etc/group /etc/gshadow
	grep -v -e hacluster -e haclient /var/lib/dpkg/statoverride >/tmp/so
	cat /tmp/so >/var/lib/dpkg/statoverride
	out=$(dpkg -i /scratch/heartbeat-ng_*.deb 2>&1 </dev/null); rc=$?
	check "dpkg -i heartbeat-ng over Debian's heartbeat (rc $rc)" [ $rc -eq 0 ]
	echo "$out" | sed 's/^/    /'
	check "Debian's heartbeat was removed in its favour (heartbeat: $(status_of heartbeat))" \
		[ "$(status_of heartbeat)" = config-files -a "$(status_of heartbeat-ng)" = installed ]
	check "postinst created the hacluster user in group haclient" \
		eval '[ "$(id -gn hacluster 2>/dev/null)" = haclient ]'
	check "cl_status is 2555 root:haclient ($(mode_owner /usr/bin/cl_status))" \
		[ "$(mode_owner /usr/bin/cl_status)" = "2555 root haclient" ]
	check "/var/lib/heartbeat/crm is 750 hacluster:haclient" \
		[ "$(mode_owner /var/lib/heartbeat/crm)" = "750 hacluster haclient" ]
	check "Pacemaker's, cluster-glue's, resource-agents' and crmsh's files are untouched" \
		eval 'verify_clean $OTHERS && md5sum --quiet -c /tmp/others.md5'
	check "pacemaker-cli-utils is still installed beside it" [ "$(status_of pacemaker-cli-utils)" = installed ]
	check "heartbeat-ng's files verify" verify_clean heartbeat-ng
	stonith_types
	out=$(HB_OURS_DAEMON=$DAEMON HB_OURS_CLSTATUS=/usr/bin/cl_status DEMO_SECONDS=8 DEMO_INTERVAL=4 \
		DEMO_FAILOVER=0 timeout 120 bash demo/cluster-demo.sh --v1 2>&1)
	echo "$out" | sed 's/^/    /'
	check "the cluster demo runs from the installed files" \
		eval 'echo "$out" | grep -q "all three nodes see each other active" &&
		      echo "$out" | grep -q "ours heartbeat on alpha bravo charlie" &&
		      echo "$out" | grep -q "alpha    sees:  alpha=active  bravo=active"'
	install_test_device
	two_nodes
	# going back
	out=$(dpkg -r heartbeat-ng 2>&1 && dpkg -i /tmp/repack/heartbeat_*.deb 2>&1 </dev/null); rc=$?
	check "going back: dpkg -r heartbeat-ng, dpkg -i Debian's heartbeat (rc $rc)" [ $rc -eq 0 ]
	[ $rc -eq 0 ] || echo "$out" | sed 's/^/    /'
	check "Debian's files are back, unchanged" eval 'verify_clean heartbeat && md5sum --quiet -c /tmp/orig.md5'
	check "and its cl_status is 2555 root:haclient again" [ "$(mode_owner /usr/bin/cl_status)" = "2555 root haclient" ]
	# the v2 tools replace Pacemaker's command-line tools
	out=$(dpkg --auto-deconfigure -i /scratch/heartbeat-ng-crm-tools_*.deb 2>&1 </dev/null)
	check "heartbeat-ng-crm-tools replaces pacemaker-cli-utils (crm_verify: $(dpkg -S /usr/sbin/crm_verify 2>&1 | cut -d: -f1))" \
		eval '[ "$(status_of heartbeat-ng-crm-tools)" = installed ] &&
		      [ "$(status_of pacemaker-cli-utils)" != installed ] &&
		      [ "$(dpkg -S /usr/sbin/crm_verify 2>/dev/null | cut -d: -f1)" = heartbeat-ng-crm-tools ] &&
		      verify_clean heartbeat-ng-crm-tools'
}

# ---- the make install route -------------------------------------------------

phase_make() {
	local out rc files
	md5sum $ORIG_FILES >/tmp/orig.md5
	md5sum $OTHER_FILES >/tmp/others.md5
	mkdir -p /tmp/repack
	(cd /tmp/repack && dpkg-repack heartbeat >/dev/null 2>&1)
	out=$(make -s install 2>&1); rc=$?
	echo "$out" | sed 's/^/    /'
	check "make install with Debian's heartbeat and Pacemaker's tools installed refuses (rc $rc)" [ $rc -ne 0 ]
	check "naming each file and its package" \
		eval 'echo "$out" | grep -q "/usr/bin/cl_status belongs to the installed package heartbeat" &&
		      echo "$out" | grep -q "/usr/libexec/heartbeat/heartbeat belongs to the installed package heartbeat" &&
		      echo "$out" | grep -q "/usr/sbin/crm_verify belongs to the installed package pacemaker-cli-utils"'
	check "and installs nothing" eval '[ ! -e /usr/share/man/man5/haresources.5 ] && verify_clean heartbeat pacemaker-cli-utils'
	out=$(make -s install-heartbeat FORCE=1 2>&1); rc=$?
	echo "$out" | sed 's/^/    /'
	check "make install-heartbeat FORCE=1 overwrites them (rc $rc)" \
		eval '[ $rc -eq 0 ] && cmp -s heartbeat/cl_status /usr/bin/cl_status && [ "$(mode_owner /usr/bin/cl_status)" = "2555 root haclient" ]'
	out=$(make -s uninstall-heartbeat 2>&1); rc=$?
	echo "$out" | sed 's/^/    /'
	check "make uninstall-heartbeat puts Debian's files back (rc $rc)" \
		eval '[ $rc -eq 0 ] && verify_clean heartbeat && md5sum --quiet -c /tmp/orig.md5 && [ ! -e /usr/share/man/man5/haresources.5 ]'
	# the operator's route: remove Debian's package, keep its configuration
	dpkg -r heartbeat >/dev/null 2>&1
	out=$(make -s install-heartbeat 2>&1); rc=$?
	echo "$out" | sed 's/^/    /'
	check "after dpkg -r heartbeat, make install-heartbeat installs (rc $rc)" [ $rc -eq 0 ]
	files=$(awk -F '\t' '$2 != "dir" { print $3 }' /var/lib/heartbeat/make-install.heartbeat.list 2>/dev/null)
	check "its record lists what it installed ($(echo "$files" | grep -c .) files)" \
		eval '[ -n "$files" ] && for f in $files; do [ -e "$f" ] || [ -L "$f" ] || exit 1; done'
	check "cl_status is 2555 root:haclient ($(mode_owner /usr/bin/cl_status))" \
		[ "$(mode_owner /usr/bin/cl_status)" = "2555 root haclient" ]
	check "other packages' files are untouched" eval 'verify_clean $OTHERS && md5sum --quiet -c /tmp/others.md5'
	local d; d=$(mktemp -d); conf_dir "$d" "stonith_host * external/ssh nodea"
	check "the installed daemon checks a configuration" eval 'hb_t "$d" 2>&1 | grep -qx "configuration OK"'
	rm -rf "$d"
	out=$(make -s uninstall-heartbeat 2>&1); rc=$?
	echo "$out" | sed 's/^/    /'
	check "make uninstall-heartbeat removes what install put (rc $rc)" \
		eval '[ $rc -eq 0 ] && for f in $files; do case $f in /etc/init.d/*|/etc/logrotate.d/*) continue ;; esac; [ ! -e "$f" ] || exit 1; done'
	check "and puts the removed package's configuration files back" \
		eval 'grep -e /etc/init.d/heartbeat -e /etc/logrotate.d/heartbeat /tmp/orig.md5 | md5sum --quiet -c'
	out=$(dpkg -i /tmp/repack/heartbeat_*.deb 2>&1 </dev/null); rc=$?
	check "going back: dpkg -i Debian's heartbeat, no configuration prompt (rc $rc)" \
		eval '[ $rc -eq 0 ] && verify_clean heartbeat && md5sum --quiet -c /tmp/orig.md5'
}

case ${1:-} in
package) phase_package ;;
make) phase_make ;;
*) echo "usage: in-root.sh package|make" >&2; exit 2 ;;
esac
exit 0
