# lib/lrm: the executor's protocol and client library (crmd, tests and
# lrmd itself link it from libhb).
LIBHB_SRCS += lib/lrm/lrm_proto.c lib/lrm/lrm_client.c
