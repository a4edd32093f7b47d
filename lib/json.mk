# lib/json.c: JSON string escaping for status output.
LIBHB_SRCS += lib/json.c
