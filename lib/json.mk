# lib/json.c: JSON string escaping for status output; lib/json_parse.c: JSON text -> tree.
LIBHB_SRCS += lib/json.c lib/json_parse.c
