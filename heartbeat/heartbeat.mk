# heartbeat/: the daemon and cl_status.
HEARTBEAT_SRCS = heartbeat/main.c heartbeat/identity.c heartbeat/nodes.c heartbeat/transport.c \
	heartbeat/membership.c heartbeat/dispatch.c heartbeat/rsc_v1.c heartbeat/api.c \
	heartbeat/api_proto.c heartbeat/pidfile.c heartbeat/sdnotify.c
CL_STATUS_SRCS = heartbeat/cl_status.c heartbeat/api_proto.c heartbeat/identity.c

PROGRAMS += heartbeat/heartbeat heartbeat/cl_status

heartbeat/heartbeat: $(HEARTBEAT_SRCS:.c=.o) heartbeat/libmedia.a lib/libhb.a
	$(LINK) $(HEARTBEAT_SRCS:.c=.o) heartbeat/libmedia.a $(HB_LIBS)

heartbeat/cl_status: $(CL_STATUS_SRCS:.c=.o) lib/libhb.a
	$(LINK) $(CL_STATUS_SRCS:.c=.o) $(HB_LIBS)

install:: heartbeat/heartbeat heartbeat/cl_status
	install -d $(DESTDIR)$(libexecdir)/heartbeat $(DESTDIR)$(bindir)
	install -m 755 heartbeat/heartbeat $(DESTDIR)$(libexecdir)/heartbeat/heartbeat
	install -m 755 heartbeat/cl_status $(DESTDIR)$(bindir)/cl_status
