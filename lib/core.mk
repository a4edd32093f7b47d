# lib/ core: log, clock, timers and child processes.  Each area of lib/ has its own NAME.mk beside this one.
LIBHB_SRCS += lib/clock.c lib/timer.c lib/spawn.c lib/log.c lib/readfile.c lib/nodename.c lib/hostcache.c
