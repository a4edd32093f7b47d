# lib/cib: the CIB model over libxml2 (read, validate, persist).
LIBCIB_SRCS += lib/cib/cib_util.c lib/cib/cib_read.c lib/cib/cib_free.c lib/cib/cib_date.c \
	lib/cib/cib_validate.c lib/cib/cib_save.c lib/cib/cib_signed.c
