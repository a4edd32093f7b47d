# Unit test for heartbeat/serial_frame.c (pure framing; lib/msg.o checks that
# the frames of the captured serial link decode).
UNIT_TESTS += tests/unit/test_serial_frame
tests/unit/test_serial_frame: tests/unit/test_serial_frame.o heartbeat/serial_frame.o lib/msg.o
	$(LINK) tests/unit/test_serial_frame.o heartbeat/serial_frame.o lib/msg.o $(GLIB_LIBS)
