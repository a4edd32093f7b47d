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
install:: contrib/crmgen/crmgen
	mkdir -p $(DESTDIR)$(bindir) $(DESTDIR)$(mandir)/man1
	install -m 0755 contrib/crmgen/crmgen $(DESTDIR)$(bindir)/crmgen
	install -m 0644 contrib/crmgen/crmgen.1 $(DESTDIR)$(mandir)/man1/crmgen.1
