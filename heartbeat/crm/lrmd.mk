# heartbeat/crm/lrmd: the executor daemon (agents, queues, recurring
# monitors) that heartbeat starts with "crm yes"; crmd talks to it through
# lib/lrm.  The queue machine and the request handler are unit tested and
# fuzzed without the socket or main.
LRMD_CORE_SRCS = heartbeat/crm/lrmd_rsc.c heartbeat/crm/lrmd_exec.c heartbeat/crm/lrmd_ipc.c
LRMD_SRCS = heartbeat/crm/lrmd.c $(LRMD_CORE_SRCS)
PROGRAMS += heartbeat/crm/lrmd
heartbeat/crm/lrmd: $(LRMD_SRCS:.c=.o) lib/libhb.a
	$(LINK) $(LRMD_SRCS:.c=.o) $(HB_LIBS)
HA_DAEMONS += heartbeat/crm/lrmd
MANS += heartbeat/crm/lrmd.8

UNIT_TESTS += tests/unit/test_lrmd_proto tests/unit/test_lrmd_queue tests/unit/test_lrm_client
tests/unit/test_lrm_client: tests/unit/test_lrm_client.o $(LRMD_CORE_SRCS:.c=.o) lib/libhb.a
	$(LINK) tests/unit/test_lrm_client.o $(LRMD_CORE_SRCS:.c=.o) $(HB_LIBS)
tests/unit/test_lrmd_proto: tests/unit/test_lrmd_proto.o $(LRMD_CORE_SRCS:.c=.o) lib/libhb.a
	$(LINK) tests/unit/test_lrmd_proto.o $(LRMD_CORE_SRCS:.c=.o) $(HB_LIBS)
tests/unit/test_lrmd_queue: tests/unit/test_lrmd_queue.o $(LRMD_CORE_SRCS:.c=.o) lib/libhb.a
	$(LINK) tests/unit/test_lrmd_queue.o $(LRMD_CORE_SRCS:.c=.o) $(HB_LIBS)

# libFuzzer: untrusted frames from a client into the parser and the handler.
FUZZ_TARGETS += tests/fuzz/fuzz_lrmd
FUZZ_LRMD_SRCS = tests/fuzz/fuzz_lrmd.c $(LRMD_CORE_SRCS) lib/lrm/lrm_proto.c lib/api_proto.c \
	lib/msg.c lib/log.c lib/clock.c lib/timer.c lib/ra.c lib/ra_env.c lib/spawn.c \
	lib/compress.c lib/msg_compress.c
tests/fuzz/fuzz_lrmd: $(FUZZ_LRMD_SRCS) heartbeat/crm/lrmd.h lib/lrm/lrm_proto.h
	$(CLANG) -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all $(CPPFLAGS) -Iheartbeat/crm -o $@ \
		$(FUZZ_LRMD_SRCS) $(GLIB_LIBS) $(COMPRESS_LIBS)
FUZZ_TARGETS += tests/fuzz/corpus-lrmd/.seeded
tests/fuzz/corpus-lrmd/.seeded: $(wildcard tests/data/lrm/fuzz/*)
	mkdir -p tests/fuzz/corpus-lrmd && cp tests/data/lrm/fuzz/* tests/fuzz/corpus-lrmd/ && touch $@
