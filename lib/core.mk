# lib/ core: log and clock.  Each area of lib/ has its own NAME.mk beside this one.
LIBHB_SRCS += lib/clock.c lib/log.c lib/readfile.c
