# libFuzzer targets for the messaging layer: message decoding and wire
# verification (fuzz_msg), and the authkeys parser (fuzz_authkeys).
FUZZ_TARGETS += tests/fuzz/fuzz_msg tests/fuzz/fuzz_authkeys tests/fuzz/fuzz_compress
FUZZ_MSGAUTH_CFLAGS = -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all
FUZZ_CZ_SRCS = lib/compress.c lib/msg_compress.c
FUZZ_MSG_SRCS = tests/fuzz/fuzz_msg.c lib/msg.c lib/auth.c lib/wire.c $(FUZZ_CZ_SRCS)
tests/fuzz/fuzz_msg: $(FUZZ_MSG_SRCS) lib/msg.h lib/auth.h lib/wire.h lib/msg_compress.h
	$(CLANG) $(FUZZ_MSGAUTH_CFLAGS) $(CPPFLAGS) -o $@ $(FUZZ_MSG_SRCS) $(GLIB_LIBS) $(COMPRESS_LIBS)
# compressed payloads and fields (lib/compress.c, lib/msg_compress.c)
FUZZ_COMPRESS_SRCS = tests/fuzz/fuzz_compress.c lib/msg.c $(FUZZ_CZ_SRCS)
tests/fuzz/fuzz_compress: $(FUZZ_COMPRESS_SRCS) lib/compress.h lib/msg_compress.h
	$(CLANG) $(FUZZ_MSGAUTH_CFLAGS) $(CPPFLAGS) -o $@ $(FUZZ_COMPRESS_SRCS) $(GLIB_LIBS) $(COMPRESS_LIBS)
FUZZ_AUTHKEYS_SRCS = tests/fuzz/fuzz_authkeys.c lib/auth.c
tests/fuzz/fuzz_authkeys: $(FUZZ_AUTHKEYS_SRCS) lib/auth.h
	$(CLANG) $(FUZZ_MSGAUTH_CFLAGS) $(CPPFLAGS) -o $@ $(FUZZ_AUTHKEYS_SRCS) $(GLIB_LIBS)
