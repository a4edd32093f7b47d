# lib/ core: log, clock and timers.  Each area of lib/ has its own NAME.mk beside this one.
LIBHB_SRCS += lib/clock.c lib/timer.c lib/log.c lib/readfile.c
