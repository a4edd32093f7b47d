# ha.d/: the init script (generated: paths from configure) and the sample
# configuration files.  Samples go to the documentation directory; the init
# script to $(sysconfdir)/init.d/heartbeat.
PROGRAMS += ha.d/heartbeat.init
ha.d/heartbeat.init: ha.d/heartbeat.init.in Makefile
	sed -e 's|@HA_DAEMON@|$(libexecdir)/heartbeat/heartbeat|g' \
	    -e 's|@HA_DIR@|$(sysconfdir)/ha.d|g' ha.d/heartbeat.init.in > $@.tmp
	chmod 755 $@.tmp && mv $@.tmp $@
install:: ha.d/heartbeat.init
	install -d $(DESTDIR)$(sysconfdir)/init.d $(DESTDIR)$(datadir)/doc/heartbeat
	install -m 755 ha.d/heartbeat.init $(DESTDIR)$(sysconfdir)/init.d/heartbeat
	install -m 644 ha.d/ha.cf ha.d/haresources $(DESTDIR)$(datadir)/doc/heartbeat/
	install -m 600 ha.d/authkeys $(DESTDIR)$(datadir)/doc/heartbeat/authkeys
install:: contrib/heartbeat.service
	install -d $(DESTDIR)$(prefix)/lib/systemd/system
	sed -e 's|@HA_DAEMON@|$(libexecdir)/heartbeat/heartbeat|g' contrib/heartbeat.service \
		> $(DESTDIR)$(prefix)/lib/systemd/system/heartbeat.service
	chmod 644 $(DESTDIR)$(prefix)/lib/systemd/system/heartbeat.service
