# lib/cib document layer (the tools' side): document operations, version
# rules, upgrade, diff/patch, XML helpers and the cib_conn connection.
LIBCIB_SRCS += lib/cib/cib_xml.c lib/cib/cib_rc.c lib/cib/cib_ops.c lib/cib/cib_process.c \
	lib/cib/cib_diff.c lib/cib/cib_upgrade.c lib/cib/cib_conn.c lib/cib/cib_conn_file.c \
	lib/cib/cib_conn_live.c lib/cib/cib_live_proto.c
