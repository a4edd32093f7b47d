# contrib/: the files around the daemon that the system reads: systemd unit,
# tmpfiles.d snippet, logrotate and /etc/default files.  Generated ones get
# their paths from configure; pkg/install.mk installs them.
PROGRAMS += contrib/heartbeat.service contrib/heartbeat.tmpfiles
contrib/heartbeat.service: contrib/heartbeat.service.in Makefile
	sed -e 's|@HA_DAEMON@|$(libexecdir)/heartbeat/heartbeat|g' \
	    -e 's|@HA_DIR@|$(sysconfdir)/ha.d|g' contrib/heartbeat.service.in > $@.tmp && mv $@.tmp $@
contrib/heartbeat.tmpfiles: contrib/heartbeat.tmpfiles.in Makefile
	sed -e 's|@RUNDIR@|$(runstatedir)|g' contrib/heartbeat.tmpfiles.in > $@.tmp && mv $@.tmp $@
