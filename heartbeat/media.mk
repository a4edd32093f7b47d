# heartbeat/ media: the four media behind media.h, as heartbeat/libmedia.a for
# the daemon, and tests/media/media_probe for the netns/pty suite.
MEDIA_SRCS = heartbeat/media.c heartbeat/media_udp.c heartbeat/media_bcast.c \
	heartbeat/media_mcast.c heartbeat/media_ucast.c heartbeat/media_serial.c \
	heartbeat/serial_frame.c

heartbeat/libmedia.a: $(MEDIA_SRCS:.c=.o)
	rm -f $@ && ar rcs $@ $^

PROGRAMS += tests/media/media_probe
tests/media/media_probe: tests/media/media_probe.o heartbeat/libmedia.a
	$(LINK) tests/media/media_probe.o heartbeat/libmedia.a $(GLIB_LIBS)
CLEANFILES += heartbeat/libmedia.a
