# libFuzzer target for the node cache files and addnode/delnode node lists
# (lib/hostcache.c), both outside input to the daemon.  Seeds (git-ignored):
# tests/fuzz/seeds-hostcache.sh, run by tests/fuzz/suite.
FUZZ_TARGETS += tests/fuzz/fuzz_hostcache
FUZZ_HOSTCACHE_SRCS = tests/fuzz/fuzz_hostcache.c lib/hostcache.c
tests/fuzz/fuzz_hostcache: $(FUZZ_HOSTCACHE_SRCS) lib/hostcache.h
	$(CLANG) -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all $(CPPFLAGS) -o $@ \
		$(FUZZ_HOSTCACHE_SRCS) $(GLIB_LIBS)
