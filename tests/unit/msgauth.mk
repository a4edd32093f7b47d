# Unit tests of the messaging layer (lib/msg.c, lib/auth.c, lib/wire.c).
UNIT_TESTS += tests/unit/test_msg tests/unit/test_auth tests/unit/test_wire

tests/unit/test_msg: tests/unit/test_msg.o lib/libhb.a
	$(LINK) tests/unit/test_msg.o $(HB_LIBS)
tests/unit/test_auth: tests/unit/test_auth.o lib/libhb.a
	$(LINK) tests/unit/test_auth.o $(HB_LIBS)
tests/unit/test_wire: tests/unit/test_wire.o lib/libhb.a
	$(LINK) tests/unit/test_wire.o $(HB_LIBS)
# lib/compress.c, lib/msg_compress.c and the compression paths of lib/wire.c.
UNIT_TESTS += tests/unit/test_compress
tests/unit/test_compress: tests/unit/test_compress.o lib/libhb.a
	$(LINK) tests/unit/test_compress.o $(HB_LIBS)
