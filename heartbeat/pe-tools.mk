# ptest and crm_verify: the policy engine and CIB checks on a file.
PROGRAMS += heartbeat/ptest heartbeat/crm_verify
heartbeat/ptest: heartbeat/ptest.o lib/libhbcib.a lib/libhb.a
	$(LINK) heartbeat/ptest.o $(CIB_LIBS)
heartbeat/crm_verify: heartbeat/crm_verify.o lib/libhbcib.a lib/libhb.a
	$(LINK) heartbeat/crm_verify.o $(CIB_LIBS)
# Pacemaker's names: they go in the v2 tools package (pkg/install.mk).
CRM_TOOLS += heartbeat/ptest heartbeat/crm_verify
CRM_MANS += heartbeat/ptest.8 heartbeat/crm_verify.8
