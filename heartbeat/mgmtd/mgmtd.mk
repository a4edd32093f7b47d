# heartbeat/mgmtd/: the management daemon (HTTPS JSON API with PAM login,
# Prometheus metrics, one static page).  Built only when configure found
# libmicrohttpd and GnuTLS (MGMTD = yes); it says so when it did not.
MGMTD_SRCS = heartbeat/mgmtd/mgmtd.c heartbeat/mgmtd/mgmt_conf.c heartbeat/mgmtd/mgmt_tls.c \
	heartbeat/mgmtd/mgmt_auth.c heartbeat/mgmtd/mgmt_session.c heartbeat/mgmtd/mgmt_action.c \
	heartbeat/mgmtd/mgmt_status.c heartbeat/mgmtd/mgmt_render.c heartbeat/mgmtd/mgmt_metrics.c heartbeat/mgmtd/mgmt_http.c heartbeat/mgmtd/mgmt_jobs.c heartbeat/mgmtd/mgmt_deadline.c
MGMTD_WWW = heartbeat/mgmtd/www/index.html heartbeat/mgmtd/www/app.js heartbeat/mgmtd/www/style.css

ifeq ($(MGMTD),yes)
PROGRAMS += heartbeat/mgmtd/mgmtd
$(MGMTD_SRCS:.c=.o): CPPFLAGS += -Iheartbeat $(MHD_CFLAGS) $(GNUTLS_CFLAGS) $(PAM_CFLAGS)
heartbeat/mgmtd/mgmtd: $(MGMTD_SRCS:.c=.o) $(CRM_VIEW_OBJS) lib/libhbcib.a lib/libhb.a
	$(LINK) $(MGMTD_SRCS:.c=.o) $(CRM_VIEW_OBJS) $(CIB_LIBS) $(MHD_LIBS) $(GNUTLS_LIBS) $(PAM_LIBS) -lpthread

HA_DAEMONS += heartbeat/mgmtd/mgmtd
MANS += heartbeat/mgmtd/mgmtd.8
MGMT_WWW_FILES += $(MGMTD_WWW)
MGMT_CONF_FILES += heartbeat/mgmtd/mgmtd.conf
PAM_FILES += heartbeat/mgmtd/hbmgmtd.pam=hbmgmtd

# Unit test: the config parser, the JSON reader, the action body parser,
# the static name check and the renderings.
UNIT_TESTS += tests/unit/test_mgmt
TEST_MGMT_OBJS = heartbeat/mgmtd/mgmt_conf.o heartbeat/mgmtd/mgmt_action.o heartbeat/mgmtd/mgmt_render.o \
	heartbeat/mgmtd/mgmt_metrics.o
tests/unit/test_mgmt.o: CPPFLAGS += -Iheartbeat -Iheartbeat/mgmtd -Itests/unit
tests/unit/test_mgmt: tests/unit/test_mgmt.o $(TEST_MGMT_OBJS) $(CRM_VIEW_OBJS) lib/libhbcib.a lib/libhb.a
	$(LINK) tests/unit/test_mgmt.o $(TEST_MGMT_OBJS) $(CRM_VIEW_OBJS) $(CIB_LIBS) -lpthread

# libFuzzer target: the request body parsers (JSON reader, actions, login).
FUZZ_TARGETS += tests/fuzz/fuzz_mgmt
tests/fuzz/fuzz_mgmt: tests/fuzz/fuzz_mgmt.c lib/json_parse.c heartbeat/mgmtd/mgmt_action.c lib/json_parse.h
	$(CLANG) -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all $(CPPFLAGS) \
		-Iheartbeat/mgmtd -DMGMT_FUZZ -o $@ tests/fuzz/fuzz_mgmt.c lib/json_parse.c \
		heartbeat/mgmtd/mgmt_action.c $(GLIB_LIBS)
endif
