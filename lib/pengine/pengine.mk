# lib/pengine: placement and action graph as a pure function of the CIB.
LIBCIB_SRCS += lib/pengine/pe_score.c lib/pengine/pe_unpack.c lib/pengine/pe_assign.c \
	lib/pengine/pe_actions.c lib/pengine/pe_print.c lib/pengine/pe_graph.c \
	lib/pengine/pe_inject.c lib/pengine/pe_run.c lib/pengine/pe_probes.c \
	lib/pengine/pe_housekeeping.c lib/pengine/pe_rules.c \
	lib/pengine/pe_utilization.c lib/pengine/pe_migrate.c lib/pengine/pe_migrate_hist.c \
	lib/pengine/pe_promote.c lib/pengine/pe_notify.c
