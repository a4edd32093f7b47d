# lib/ra: resource-agent runner (resolve, environment, async spawn).
LIBHB_SRCS += lib/ra.c lib/ra_env.c lib/ra_resolve.c
