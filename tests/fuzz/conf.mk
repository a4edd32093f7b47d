# libFuzzer target for the ha.cf and haresources parsers and the ha.cf checks.
FUZZ_TARGETS += tests/fuzz/fuzz_hacf
FUZZ_HACF_SRCS = tests/fuzz/fuzz_hacf.c lib/conf.c lib/conf_directives.c lib/conf_media.c \
	lib/conf_check.c lib/conf_diff.c lib/haresources.c lib/log.c lib/clock.c lib/readfile.c
tests/fuzz/fuzz_hacf: $(FUZZ_HACF_SRCS) lib/conf.h lib/conf_int.h lib/conf_check.h lib/conf_diff.h lib/haresources.h
	$(CLANG) -g -O1 -fsanitize=fuzzer,address,undefined $(CPPFLAGS) -o $@ $(FUZZ_HACF_SRCS) $(GLIB_LIBS)
