# ptest and crm_verify: the policy engine and CIB checks on a file.
PROGRAMS += heartbeat/ptest heartbeat/crm_verify
heartbeat/ptest: heartbeat/ptest.o lib/libhbcib.a lib/libhb.a
	$(LINK) heartbeat/ptest.o $(CIB_LIBS)
heartbeat/crm_verify: heartbeat/crm_verify.o lib/libhbcib.a lib/libhb.a
	$(LINK) heartbeat/crm_verify.o $(CIB_LIBS)
install:: heartbeat/ptest heartbeat/crm_verify
	mkdir -p $(DESTDIR)$(sbindir)
	install -m 0755 heartbeat/ptest $(DESTDIR)$(sbindir)/ptest
	install -m 0755 heartbeat/crm_verify $(DESTDIR)$(sbindir)/crm_verify
