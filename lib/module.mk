# lib/: the library every program links (libhb.a).  Add a source here when you add one.
LIBHB_SRCS += lib/clock.c lib/log.c
