# helpers/: the /usr/share/heartbeat scripts of 3.0.6 that rc.d scripts,
# the init script and operators run (ResourceManager, req_resource,
# mach_down, hb_addnode, hb_delnode, hb_setweight, hb_setsite).  They share
# resources.d/hb-rscfuncs (installed in resource.d beside them).
HELPER_NAMES = ResourceManager req_resource mach_down hb_addnode hb_delnode hb_setweight hb_setsite
HELPER_SCRIPTS = $(addprefix helpers/,$(HELPER_NAMES))
SCRIPTS += $(HELPER_SCRIPTS)
PROGRAMS += $(HELPER_SCRIPTS)
$(HELPER_SCRIPTS): helpers/%: helpers/%.in Makefile
	sed -e 's|@HA_DIR@|$(sysconfdir)/ha.d|g' -e 's|@VARLIB@|$(localstatedir)/lib/heartbeat|g' \
	    -e 's|@DATADIR@|$(datadir)/heartbeat|g' -e 's|@RUNSTATEDIR@|$(runstatedir)|g' $< > $@.tmp
	chmod 755 $@.tmp && mv $@.tmp $@
HA_HELPERS += $(HELPER_SCRIPTS)
MANS += helpers/ResourceManager.8 helpers/req_resource.8 helpers/mach_down.8 \
	helpers/hb_addnode.1 helpers/hb_delnode.1 helpers/hb_setweight.1 helpers/hb_setsite.1
