# resources.d: our heartbeat-class resource scripts.  Installed beside the
# package data, never over Debian's /etc/ha.d/resource.d.
RESOURCE_SCRIPTS = resources.d/IPaddr resources.d/IPaddr2 resources.d/SendArp \
	resources.d/Filesystem resources.d/MailTo resources.d/Delay
install::
	install -d $(DESTDIR)$(datadir)/heartbeat/resource.d
	for f in $(RESOURCE_SCRIPTS); do \
		[ -f $$f ] && install -m 755 $$f $(DESTDIR)$(datadir)/heartbeat/resource.d/ || exit 1; \
	done
	install -m 644 resources.d/hb-rscfuncs $(DESTDIR)$(datadir)/heartbeat/resource.d/hb-rscfuncs
