# crmgen: pm_crmgen 1.0 in C, CSV design sheet -> crm file (contrib/, installed in bin).
PROGRAMS += contrib/crmgen/crmgen
CRMGEN_SRCS = contrib/crmgen/cg_csv.c contrib/crmgen/cg_text.c contrib/crmgen/cg_pydict.c \
	contrib/crmgen/cg_msg.c contrib/crmgen/cg_sheet.c contrib/crmgen/cg_rsc.c \
	contrib/crmgen/cg_cons.c contrib/crmgen/cg_out.c
CRMGEN_OBJS = $(CRMGEN_SRCS:.c=.o)
CLEANFILES += contrib/crmgen/crmgen.a
contrib/crmgen/crmgen.a: $(CRMGEN_OBJS)
	rm -f $@ && ar rcs $@ $^
contrib/crmgen/crmgen: contrib/crmgen/crmgen.o contrib/crmgen/crmgen.a
	$(LINK) contrib/crmgen/crmgen.o contrib/crmgen/crmgen.a
# A user command of the v2 tools package (pkg/install.mk).
CRM_BIN_PROGRAMS += contrib/crmgen/crmgen
CRM_MANS += contrib/crmgen/crmgen.1
