# libFuzzer target for contrib/crmgen (CSV records, encodings, tables, output).
# The seed corpus (git-ignored) is the shared pm-crmgen examples.
FUZZ_TARGETS += tests/fuzz/fuzz_crmgen tests/fuzz/corpus-crmgen/.seeded
tests/fuzz/fuzz_crmgen: tests/fuzz/fuzz_crmgen.c $(CRMGEN_SRCS) contrib/crmgen/cg.h
	$(CLANG) -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all $(CPPFLAGS) -Icontrib/crmgen \
		-o $@ tests/fuzz/fuzz_crmgen.c $(CRMGEN_SRCS)
tests/fuzz/corpus-crmgen/.seeded:
	mkdir -p tests/fuzz/corpus-crmgen
	for f in $${HB_DATA:-tests/data}/spec/pm-crmgen-examples/*.csv; do \
		[ -f "$$f" ] && cp "$$f" tests/fuzz/corpus-crmgen/; done; touch $@
