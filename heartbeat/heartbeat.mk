# heartbeat/: the daemon and cl_status.
HEARTBEAT_SRCS = heartbeat/main.c heartbeat/identity.c heartbeat/nodes.c heartbeat/transport.c \
	heartbeat/membership.c heartbeat/dispatch.c heartbeat/rsc_v1.c heartbeat/rsc_groups.c heartbeat/rsc_stonith.c \
	heartbeat/fifo.c heartbeat/ping.c heartbeat/ipfail.c heartbeat/respawn.c heartbeat/crm_children.c heartbeat/watchdog.c heartbeat/notify.c heartbeat/api.c \
	heartbeat/pidfile.c heartbeat/sdnotify.c heartbeat/stonith_check.c heartbeat/events.c heartbeat/routes.c \
	heartbeat/config_check.c heartbeat/daemonize.c heartbeat/rsc_json.c heartbeat/rsc_reload.c heartbeat/reload.c \
	heartbeat/node_admin.c heartbeat/frag.c
CL_STATUS_SRCS = heartbeat/cl_status.c

PROGRAMS += heartbeat/heartbeat heartbeat/cl_status

heartbeat/heartbeat: $(HEARTBEAT_SRCS:.c=.o) heartbeat/libmedia.a lib/libhb.a
	$(LINK) $(HEARTBEAT_SRCS:.c=.o) heartbeat/libmedia.a $(HB_LIBS)

heartbeat/cl_status: $(CL_STATUS_SRCS:.c=.o) lib/libhb.a
	$(LINK) $(CL_STATUS_SRCS:.c=.o) $(HB_LIBS)

HA_DAEMONS += heartbeat/heartbeat
SGID_PROGRAMS += heartbeat/cl_status
MANS += heartbeat/heartbeat.8 heartbeat/cl_status.1

# Operator scripts: hb_standby and hb_takeover are one script.
SCRIPTS += heartbeat/hb_standby heartbeat/hb_takeover
PROGRAMS += heartbeat/hb_standby heartbeat/hb_takeover
heartbeat/hb_standby: heartbeat/hb_standby.in Makefile
	sed -e 's|@VARLIB@|$(localstatedir)/lib/heartbeat|g' heartbeat/hb_standby.in > $@ && chmod 755 $@
heartbeat/hb_takeover: heartbeat/hb_standby
	cp heartbeat/hb_standby $@

HA_HELPERS += heartbeat/hb_standby heartbeat/hb_takeover
MANS += heartbeat/hb_standby.1 heartbeat/hb_takeover.1

# Unit test of transport and membership: the daemon's objects minus main.c.
DAEMON_TEST_OBJS = $(filter-out heartbeat/main.o,$(HEARTBEAT_SRCS:.c=.o))
UNIT_TESTS += tests/unit/test_transport
FIXTURE_OBJS = tests/unit/daemon_fixture.o $(DAEMON_TEST_OBJS) heartbeat/libmedia.a
tests/unit/test_transport: tests/unit/test_transport.o $(FIXTURE_OBJS) lib/libhb.a
	$(LINK) tests/unit/test_transport.o $(FIXTURE_OBJS) $(HB_LIBS)
UNIT_TESTS += tests/unit/test_rsc_v1
tests/unit/test_rsc_v1: tests/unit/test_rsc_v1.o $(FIXTURE_OBJS) lib/libhb.a
	$(LINK) tests/unit/test_rsc_v1.o $(FIXTURE_OBJS) $(HB_LIBS)
UNIT_TESTS += tests/unit/test_events
tests/unit/test_events: tests/unit/test_events.o $(FIXTURE_OBJS) lib/libhb.a
	$(LINK) tests/unit/test_events.o $(FIXTURE_OBJS) $(HB_LIBS)
UNIT_TESTS += tests/unit/test_node_admin
tests/unit/test_node_admin: tests/unit/test_node_admin.o $(FIXTURE_OBJS) lib/libhb.a
	$(LINK) tests/unit/test_node_admin.o $(FIXTURE_OBJS) $(HB_LIBS)
tests/unit/test_node_admin.o: CPPFLAGS += -Iheartbeat -Itests/unit
UNIT_TESTS += tests/unit/test_crm_children
tests/unit/test_crm_children: tests/unit/test_crm_children.o $(FIXTURE_OBJS) lib/libhb.a
	$(LINK) tests/unit/test_crm_children.o $(FIXTURE_OBJS) $(HB_LIBS)
tests/unit/test_transport.o tests/unit/test_rsc_v1.o tests/unit/test_events.o tests/unit/daemon_fixture.o tests/unit/test_crm_children.o: CPPFLAGS += -Iheartbeat -Itests/unit
UNIT_TESTS += tests/unit/test_frag
tests/unit/test_frag: tests/unit/test_frag.o $(FIXTURE_OBJS) lib/libhb.a
	$(LINK) tests/unit/test_frag.o $(FIXTURE_OBJS) $(HB_LIBS)
tests/unit/test_frag.o: CPPFLAGS += -Iheartbeat -Itests/unit
UNIT_TESTS += tests/unit/test_api
tests/unit/test_api: tests/unit/test_api.o $(FIXTURE_OBJS) lib/libhb.a
	$(LINK) tests/unit/test_api.o $(FIXTURE_OBJS) $(HB_LIBS)
tests/unit/test_api.o: CPPFLAGS += -Iheartbeat -Itests/unit
UNIT_TESTS += tests/unit/test_pidfile
tests/unit/test_pidfile: tests/unit/test_pidfile.o heartbeat/pidfile.o
	$(LINK) tests/unit/test_pidfile.o heartbeat/pidfile.o
tests/unit/test_pidfile.o: CPPFLAGS += -Iheartbeat -Itests/unit
