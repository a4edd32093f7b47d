# lib/ messaging: message model and codecs, authkeys and signatures, wire sign/verify.
LIBHB_SRCS += lib/msg.c lib/auth.c lib/wire.c lib/compress.c lib/msg_compress.c
