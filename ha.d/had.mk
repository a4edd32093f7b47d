# ha.d/: the init script (generated: paths from configure), the sample
# configuration files (installed as documentation, never into /etc/ha.d) and
# the man pages of the three configuration files.
PROGRAMS += ha.d/heartbeat.init
ha.d/heartbeat.init: ha.d/heartbeat.init.in Makefile
	sed -e 's|@HA_DAEMON@|$(libexecdir)/heartbeat/heartbeat|g' \
	    -e 's|@HA_DIR@|$(sysconfdir)/ha.d|g' ha.d/heartbeat.init.in > $@.tmp
	chmod 755 $@.tmp && mv $@.tmp $@
DOCS += ha.d/ha.cf ha.d/haresources ha.d/authkeys
MANS += ha.d/ha.cf.5 ha.d/haresources.5 ha.d/authkeys.5
