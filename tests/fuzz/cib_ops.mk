# libFuzzer target for the CIB document layer (requests, diff/patch,
# upgrade: lib/cib/cib_doc.h).  Seeds: CIB examples, the crm corpus, and
# requests and diffs made by hand (tests/fuzz/seeds-cib-ops.sh).
FUZZ_TARGETS += tests/fuzz/fuzz_cib_ops
FUZZ_CIB_OPS_SRCS = tests/fuzz/fuzz_cib_ops.c $(wildcard lib/cib/*.c) lib/log.c lib/clock.c
tests/fuzz/fuzz_cib_ops: $(FUZZ_CIB_OPS_SRCS) lib/cib/cib.h lib/cib/cib_doc.h
	$(CLANG) -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all $(CPPFLAGS) -o $@ \
		$(FUZZ_CIB_OPS_SRCS) $(XML_LIBS) $(GLIB_LIBS) -lm
