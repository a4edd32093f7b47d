# libFuzzer target for lib/cib (and lib/pengine behind it).  The seed corpus
# (git-ignored) is filled from the shared CIB examples and pe corpus.
FUZZ_TARGETS += tests/fuzz/fuzz_cib tests/fuzz/corpus-cib/.seeded
FUZZ_CIB_SRCS = tests/fuzz/fuzz_cib.c $(wildcard lib/cib/*.c) $(wildcard lib/pengine/*.c) lib/log.c lib/clock.c
tests/fuzz/fuzz_cib: $(FUZZ_CIB_SRCS) lib/cib/cib.h lib/pengine/pe.h
	$(CLANG) -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all $(CPPFLAGS) -o $@ \
		$(FUZZ_CIB_SRCS) $(XML_LIBS) $(GLIB_LIBS) -lm
tests/fuzz/corpus-cib/.seeded:
	mkdir -p tests/fuzz/corpus-cib
	for f in $${HB_DATA:-tests/data}/spec/cib-examples/*.xml $${HB_DATA:-tests/data}/spec/pe-corpus/*.xml \
		$${HB_DATA:-tests/data}/spec/pe-corpus-2/*.xml; do \
		[ -f "$$f" ] && cp "$$f" tests/fuzz/corpus-cib/; done; touch $@
