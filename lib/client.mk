# lib/ client: the heartbeat API's framing (shared with the daemon's api.c)
# and the client library every program that talks to the daemon uses.
LIBHB_SRCS += lib/api_proto.c lib/client.c
# Unit test: the library against a fake daemon on a socketpair.
UNIT_TESTS += tests/unit/test_client
tests/unit/test_client: tests/unit/test_client.o lib/libhb.a
	$(LINK) tests/unit/test_client.o $(HB_LIBS)
