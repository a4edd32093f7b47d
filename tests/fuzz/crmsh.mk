# libFuzzer target for the crm shell's lexer, parsers, builder and printer
# (heartbeat/crmsh).  Seeds: the crm corpus scripts and the pm-crmgen outputs.
FUZZ_TARGETS += tests/fuzz/fuzz_crmsh tests/fuzz/corpus-crmsh/.seeded
FUZZ_CRMSH_SRCS = tests/fuzz/fuzz_crmsh.c $(CRM_PARSE_OBJS:.o=.c) $(wildcard lib/cib/*.c) lib/log.c lib/clock.c
tests/fuzz/fuzz_crmsh: $(FUZZ_CRMSH_SRCS) heartbeat/crmsh/crm.h
	$(CLANG) -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all $(CPPFLAGS) -Iheartbeat/crmsh \
		-o $@ $(FUZZ_CRMSH_SRCS) $(XML_LIBS) $(GLIB_LIBS) -lm
tests/fuzz/corpus-crmsh/.seeded:
	mkdir -p tests/fuzz/corpus-crmsh
	for f in $${HB_DATA:-tests/data}/spec/crm-corpus/*.crm $${HB_DATA:-tests/data}/spec/pm-crmgen-examples/*.crm; do \
		[ -f "$$f" ] && cp "$$f" tests/fuzz/corpus-crmsh/; done; touch $@
