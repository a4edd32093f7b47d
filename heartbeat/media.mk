# heartbeat/ media: the media behind media.h (bcast, mcast, ucast, serial, and
# ucast6/mcast6 as Debian ships them), as heartbeat/libmedia.a for
# the daemon, and tests/media/media_probe for the netns/pty suite.
MEDIA_SRCS = heartbeat/media.c heartbeat/media_udp.c heartbeat/media_bcast.c \
	heartbeat/media_mcast.c heartbeat/media_ucast.c heartbeat/media_serial.c \
	heartbeat/media_ucast6.c heartbeat/media_mcast6.c \
	heartbeat/serial_frame.c

heartbeat/libmedia.a: $(MEDIA_SRCS:.c=.o)
	rm -f $@ && ar rcs $@ $^

PROGRAMS += tests/media/media_probe
tests/media/media_probe: tests/media/media_probe.o heartbeat/libmedia.a lib/libhb.a
	$(LINK) tests/media/media_probe.o heartbeat/libmedia.a $(HB_LIBS)
CLEANFILES += heartbeat/libmedia.a

# libFuzzer target for the serial framing (outside input).  tests/media/suite
# runs it briefly when clang is there.
FUZZ_TARGETS += tests/media/fuzz_serial_frame
tests/media/fuzz_serial_frame: tests/media/fuzz_serial_frame.c heartbeat/serial_frame.c heartbeat/serial_frame.h
	$(CLANG) -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all $(CPPFLAGS) -o $@ tests/media/fuzz_serial_frame.c heartbeat/serial_frame.c
CLEANFILES += tests/media/fuzz_serial_frame
