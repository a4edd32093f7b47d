/* lrmd's protocol: exec requests encoded by the client library and parsed
 * (and refused with a reason) by lrmd, events and list replies both ways
 * through the api_proto frame, the request handler, and the environment an
 * agent gets (OCF_RESKEY_CRM_meta_*, OCF_CHECK_LEVEL). */
#include <stdlib.h>
#include "check.h"
#include "log.h"
#include "api_proto.h"
#include "timer.h"
#include "heartbeat/crm/lrmd.h"

static struct lrmd_op *last_started;
static void *fake_start(struct lrmd_op *op) { last_started = op; return op; }
static void fake_kill(void *h) { (void)h; }
static const struct lrmd_backend fake = { fake_start, fake_kill };
static int nev;
static void sink(const struct lrm_event *ev) { (void)ev; nev++; }

/* through the frame, as on the socket */
static struct hb_msg *wire(const struct hb_msg *m)
{
	GString *s = g_string_new(NULL);
	struct hb_msg *out = NULL;
	int used;

	CHECK_INT(api_frame_msg(m, s), 0);
	used = api_unframe(s->str, s->len, &out);
	CHECK_INT(used, (int)s->len);
	g_string_free(s, TRUE);
	return out;
}

static void test_exec_roundtrip(void)
{
	struct lrm_param p[] = { { "state", "/tmp/a b" }, { "OCF_CHECK_LEVEL", "10" },
				 { "multi", "line1\nline2" } };
	struct lrm_op_req req = { "rsc1", "ocf", "heartbeat", "Dummy", p, 3, NULL, "monitor",
				  10000, 20000, 500, "2:5:0:uuid" };
	char why[256] = "";
	struct hb_msg *m = lrm_proto_exec_msg(&req, why, sizeof why), *w;
	struct lrm_req r;

	CHECK(m != NULL);
	if (!m)
		return;
	w = wire(m);
	CHECK(w != NULL);
	CHECK_INT(lrm_proto_parse_exec(w, &r, why, sizeof why), 0);
	CHECK_STR(r.rsc_id, "rsc1");
	CHECK_STR(r.cls, "ocf");
	CHECK_STR(r.provider, "heartbeat");
	CHECK_STR(r.op, "monitor");
	CHECK_INT(r.interval_ms, 10000);
	CHECK_INT(r.timeout_ms, 20000);
	CHECK_INT(r.start_delay_ms, 500);
	CHECK_STR(r.user_data, "2:5:0:uuid");
	CHECK_INT(r.nparams, 3);
	if (r.nparams == 3) {
		CHECK_STR(r.pnames[0], "state");
		CHECK_STR(r.pvalues[0], "/tmp/a b");
		CHECK_STR(r.pvalues[2], "line1\nline2");
	}
	lrm_req_free(&r);
	msg_free(w);
	msg_free(m);

	/* a GHashTable works as well */
	GHashTable *h = g_hash_table_new(g_str_hash, g_str_equal);
	g_hash_table_insert(h, "ip", "10.0.0.1");
	struct lrm_op_req req2 = { "ip1", "ocf", "heartbeat", "IPaddr2", NULL, 0, h, "start", 0, 0, 0, NULL };
	m = lrm_proto_exec_msg(&req2, why, sizeof why);
	CHECK(m && lrm_proto_parse_exec(m, &r, why, sizeof why) == 0);
	CHECK(r.nparams == 1 && !strcmp(r.pvalues[0], "10.0.0.1"));
	CHECK_STR(r.user_data, "");
	lrm_req_free(&r);
	msg_free(m);
	g_hash_table_destroy(h);
}

static void refused(const char *name, const char *value, const char *want)
{
	struct hb_msg *m = msg_new();
	struct lrm_req r;
	char why[256] = "";
	const char *fields[][2] = { { "lrm_t", "exec" }, { "rsc_id", "r" }, { "class", "ocf" },
				    { "provider", "heartbeat" }, { "type", "Dummy" }, { "op", "start" } };

	for (size_t i = 0; i < 6; i++)
		if (strcmp(fields[i][0], name))
			msg_add(m, fields[i][0], fields[i][1]);
	if (value)
		msg_add(m, name, value);
	CHECK_INT(lrm_proto_parse_exec(m, &r, why, sizeof why), -1);
	if (!strstr(why, want))
		printf("FAIL: %s=%s: why \"%s\", want \"%s\"\n", name, value ? value : "(none)", why, want);
	CHECK(strstr(why, want) != NULL);
	msg_free(m);
}

static void test_exec_refused(void)
{
	refused("rsc_id", NULL, "missing rsc_id");
	refused("rsc_id", "../etc", "bad rsc_id");
	refused("type", "a/b", "bad type");
	refused("class", "systemd", "unknown class [systemd]");
	refused("provider", NULL, "missing provider");
	refused("interval", "10s", "bad interval [10s]");
	refused("interval", "-1", "bad interval");
	refused("timeout", "99999999999", "bad timeout");
	refused("op", NULL, "missing op");

	/* too many parameters, from the client side */
	struct lrm_param p[LRM_MAX_PARAMS + 1];
	char names[LRM_MAX_PARAMS + 1][8];
	for (int i = 0; i <= LRM_MAX_PARAMS; i++) {
		snprintf(names[i], sizeof names[i], "p%d", i);
		p[i].name = names[i];
		p[i].value = "v";
	}
	struct lrm_op_req req = { "r", "ocf", "heartbeat", "Dummy", p, LRM_MAX_PARAMS + 1, NULL,
				  "start", 0, 0, 0, NULL };
	char why[256];
	CHECK(lrm_proto_exec_msg(&req, why, sizeof why) == NULL);
	CHECK(strstr(why, "parameters") != NULL);
	req.nparams = 1;
	req.cls = "upstart";
	CHECK(lrm_proto_exec_msg(&req, why, sizeof why) == NULL);
	req.cls = "ocf";
	req.provider = NULL;
	CHECK(lrm_proto_exec_msg(&req, why, sizeof why) == NULL);
	req.cls = "lsb";
	struct hb_msg *m = lrm_proto_exec_msg(&req, why, sizeof why);
	CHECK(m != NULL);   /* lsb needs no provider */
	msg_free(m);
}

static void test_event_roundtrip(void)
{
	struct lrm_event ev = { "rsc1", "monitor", 5000, 42, 7, LRM_OP_DONE, 12, 3, 1700000000,
				1690000000, "1:2:7:key", "some\noutput", "ocf", "heartbeat", "Dummy" };
	struct hb_msg *m = lrm_proto_event_msg(&ev), *w = wire(m);
	struct lrm_event e;

	CHECK_INT(lrm_proto_parse_event(w, &e), 0);
	CHECK_STR(e.rsc_id, "rsc1");
	CHECK_STR(e.op, "monitor");
	CHECK_INT(e.interval_ms, 5000);
	CHECK_INT(e.call_id, 42);
	CHECK_INT(e.rc, 7);
	CHECK_INT(e.op_status, LRM_OP_DONE);
	CHECK_INT(e.exec_time_ms, 12);
	CHECK_INT(e.queue_time_ms, 3);
	CHECK_INT(e.last_run, 1700000000);
	CHECK_INT(e.last_rc_change, 1690000000);
	CHECK_STR(e.user_data, "1:2:7:key");
	CHECK_STR(e.output, "some\noutput");
	CHECK_STR(e.type, "Dummy");
	msg_free(w);
	msg_free(m);
	m = msg_new();
	msg_add(m, "lrm_t", "event");
	CHECK_INT(lrm_proto_parse_event(m, &e), -1);
	msg_free(m);
	CHECK_STR(lrm_rc_str(7), "not running");
	CHECK_STR(lrm_rc_str(42), "unknown");
	CHECK_STR(lrm_op_status_str(LRM_OP_TIMEOUT), "timed out");
}

static struct hb_msg *req_msg(const char *t, const char *k1, const char *v1, const char *k2,
			      const char *v2)
{
	struct hb_msg *m = msg_new();

	msg_add(m, "lrm_t", t);
	msg_add(m, "seq", "7");
	if (k1)
		msg_add(m, k1, v1);
	if (k2)
		msg_add(m, k2, v2);
	return m;
}

static long rc_of(struct hb_msg *r)
{
	long rc = -99;

	msg_get_dec(r, "rc", &rc);
	return rc;
}

static void test_handler(void)
{
	struct lrm_param p[] = { { "state", "/tmp/s" }, { "OCF_CHECK_LEVEL", "20" } };
	struct lrm_op_req req = { "h1", "ocf", "heartbeat", "Dummy", p, 2, NULL, "monitor", 3000,
				  0, 0, "ud" };
	char why[256];
	struct hb_msg *m, *r;
	char **env;

	m = req_msg("signon", "version", "1", NULL, NULL);
	r = lrmd_handle_request(m);
	CHECK_INT(rc_of(r), 0);
	CHECK_STR(msg_get(r, "seq"), "7");
	CHECK_STR(msg_get(r, "lrm_t"), "reply");
	msg_free(r);
	msg_free(m);

	m = lrm_proto_exec_msg(&req, why, sizeof why);
	r = lrmd_handle_request(m);
	CHECK(rc_of(r) > 0);
	msg_free(r);
	msg_free(m);
	CHECK(last_started != NULL);
	if (last_started) {
		CHECK_INT(last_started->timeout_ms, LRMD_DEFAULT_TIMEOUT_MS);
		env = lrmd_exec_env(last_started);
		CHECK(g_strv_contains((const char *const *)env, "OCF_RESKEY_CRM_meta_interval=3000"));
		CHECK(g_strv_contains((const char *const *)env, "OCF_RESKEY_CRM_meta_timeout=20000"));
		CHECK(g_strv_contains((const char *const *)env, "OCF_CHECK_LEVEL=20"));
		CHECK(g_strv_contains((const char *const *)env, "OCF_RESOURCE_INSTANCE=h1"));
		CHECK(g_strv_contains((const char *const *)env, "OCF_RESKEY_CRM_meta_name=monitor"));
		g_strfreev(env);
	}

	m = req_msg("cancel", "rsc_id", "h1", "op", "monitor");
	msg_add(m, "interval", "4000");
	r = lrmd_handle_request(m);
	CHECK_INT(rc_of(r), -1);
	CHECK_STR(msg_get(r, "errmsg"), "no such operation");
	msg_free(r);
	msg_free(m);
	m = req_msg("cancel", "rsc_id", "h1", "op", "monitor");
	msg_add(m, "interval", "3000");
	r = lrmd_handle_request(m);
	CHECK_INT(rc_of(r), 0);
	msg_free(r);
	msg_free(m);

	m = req_msg("list", NULL, NULL, NULL, NULL);
	r = lrmd_handle_request(m);
	CHECK_INT(rc_of(r), 0);
	msg_free(r);
	msg_free(m);

	m = req_msg("forget", "rsc_id", "nope", NULL, NULL);
	r = lrmd_handle_request(m);
	CHECK_INT(rc_of(r), -1);
	msg_free(r);
	msg_free(m);

	m = req_msg("frobnicate", NULL, NULL, NULL, NULL);
	r = lrmd_handle_request(m);
	CHECK_INT(rc_of(r), -1);
	CHECK_STR(msg_get(r, "errmsg"), "unknown request [frobnicate]");
	msg_free(r);
	msg_free(m);

	m = req_msg("exec", "rsc_id", "x", NULL, NULL);
	r = lrmd_handle_request(m);
	CHECK_INT(rc_of(r), -1);
	CHECK(msg_get(r, "errmsg") && strstr(msg_get(r, "errmsg"), "missing class"));
	msg_free(r);
	msg_free(m);
}

static void test_names(void)
{
	unsigned v;

	CHECK(lrm_proto_uint("0", 10, &v) && v == 0);
	CHECK(!lrm_proto_uint("", 10, &v));
	CHECK(!lrm_proto_uint("11", 10, &v));
	CHECK(!lrm_proto_uint("1 ", 10, &v));
	CHECK(!lrm_proto_uint("+1", 10, &v));
	CHECK(lrm_proto_name_ok("my-rsc:0"));
	CHECK(!lrm_proto_name_ok(".."));
	CHECK(!lrm_proto_name_ok("a b"));
	CHECK(!lrm_proto_name_ok("a/b"));
}

int main(void)
{
	static uint64_t now = 1;

	log_set_stderr(0);
	timer_fake_start(&now);
	lrmd_rsc_init(&fake, sink);
	test_exec_roundtrip();
	test_exec_refused();
	test_event_roundtrip();
	test_handler();
	test_names();
	lrmd_rsc_shutdown();
	return T_DONE();
}
