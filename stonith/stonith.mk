# stonith/: STONITH devices (null, ssh, meatware, suicide, external/NAME) in
# libhb, plus the stonith and meatclient commands.  External scripts are
# looked up under $(exec_prefix)/lib/stonith/plugins/external, cluster-glue's
# directory.  The daemon runs cluster-glue's stonith when it is there; ours
# is installed (in $(libexecdir)/heartbeat) only where it is not (configure
# --with-stonith).
STONITH_SRCS = stonith/st_core.c stonith/st_simple.c stonith/st_external.c stonith/st_meatware.c
LIBHB_SRCS += $(STONITH_SRCS)
stonith/st_core.o: stonith/st_core.c
	$(CC) $(CPPFLAGS) -DSTONITH_PLUGINDIR='"$(exec_prefix)/lib/stonith/plugins"' $(ALL_CFLAGS) -c -o $@ $<
PROGRAMS += stonith/stonith stonith/meatclient
stonith/stonith: stonith/stonith_main.o lib/libhb.a
	$(LINK) stonith/stonith_main.o $(HB_LIBS)
stonith/meatclient: stonith/meatclient.o lib/libhb.a
	$(LINK) stonith/meatclient.o $(HB_LIBS)
ifeq ($(INSTALL_STONITH),yes)
HA_DAEMONS += stonith/stonith stonith/meatclient
MANS += stonith/stonith.8 stonith/meatclient.8
endif
