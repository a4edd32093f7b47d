/* mgmtd's pure parts: the JSON reader, the action body parser, the static
 * file name check, mgmtd.conf, and the summary and metrics renderings of a
 * heartbeat status answer. */
#include <math.h>
#include <stdlib.h>
#include "check.h"
#include "json_parse.h"
#include "mgmtd.h"
#include "mgmt_render.h"

/* mgmt_action.c asks these of mgmt_status.c, which is not linked here */
bool mgmt_status_crm(void) { return false; }
void mgmt_status_local(char *buf, size_t len) { g_strlcpy(buf, "n1", len); }
bool mgmt_status_has_node(const char *name) { return !strcmp(name, "n1") || !strcmp(name, "n2"); }

static void test_json(void)
{
	char err[200];
	struct json_val *v;
	GString *deep = g_string_new(NULL);
	int i;

	const char *t = " {\"a\": [1, -2.5e1, true, false, null], \"b\": \"x\\u00e9\\ud83d\\ude00\\n\"} ";

	v = json_parse(t, strlen(t), err, sizeof(err));
	CHECK(v != NULL);
	CHECK_INT(json_len(json_get(v, "a")), 5);
	CHECK(json_at(json_get(v, "a"), 1)->num == -25);
	CHECK(json_at(json_get(v, "a"), 2)->b);
	CHECK(!json_at(json_get(v, "a"), 3)->b);
	CHECK_STR(json_get_str(v, "b"), "x\xc3\xa9\xf0\x9f\x98\x80\n");
	json_free(v);

	CHECK(json_parse("{\"a\":1,}", 8, err, sizeof(err)) == NULL);
	CHECK_STR(err, "line 1, column 8: expected '\"' to start an object key");
	CHECK(json_parse("{\n\"a\" 1}", 8, err, sizeof(err)) == NULL);
	CHECK_STR(err, "line 2, column 5: expected ':' after an object key");
	CHECK(json_parse("[1 2]", 5, err, sizeof(err)) == NULL);
	CHECK_STR(err, "line 1, column 4: expected ',' or ']' after an array item");
	CHECK(json_parse("\"abc", 4, err, sizeof(err)) == NULL);
	CHECK_STR(err, "line 1, column 1: expected '\"' to close this string");
	CHECK(json_parse("01", 2, err, sizeof(err)) == NULL);
	CHECK(json_parse("\"\\ud800\"", 8, err, sizeof(err)) == NULL);
	CHECK(json_parse("\"\\u0000\"", 8, err, sizeof(err)) == NULL);
	CHECK(json_parse("\"\xff\"", 3, err, sizeof(err)) == NULL);
	CHECK(json_parse("", 0, err, sizeof(err)) == NULL);
	CHECK(json_parse("nul", 3, err, sizeof(err)) == NULL);
	CHECK(json_parse("1 2", 3, err, sizeof(err)) == NULL);
	CHECK_STR(err, "line 1, column 3: expected the end of the text after the value");
	for (i = 0; i < 100; i++)
		g_string_append_c(deep, '[');
	CHECK(json_parse(deep->str, deep->len, err, sizeof(err)) == NULL);
	CHECK(strstr(err, "64 levels") != NULL);
	g_string_free(deep, TRUE);
}

static void test_actions(void)
{
	struct mgmt_action a;
	char err[300];
#define P(s) mgmt_action_parse(s, strlen(s), &a, err, sizeof(err))

	CHECK(P("{\"action\":\"node_standby\",\"node\":\"n1\"}"));
	CHECK_INT(a.kind, ACT_NODE_STANDBY);
	CHECK_STR(a.node, "n1");
	CHECK(P("{\"action\":\"resource_move\",\"resource\":\"grp\"}"));
	CHECK_STR(a.resource, "grp");
	CHECK_STR(a.node, "");
	CHECK(P("{\"action\":\"maintenance\",\"on\":true}"));
	CHECK(a.on);
	CHECK(P("{\"action\":\"takeover\"}"));
	CHECK_STR(a.what, "all");
	CHECK(P("{\"action\":\"standby\",\"what\":\"foreign\"}"));
	CHECK_STR(a.what, "foreign");
	CHECK(!P("{\"action\":\"standby\",\"what\":\"some\"}"));
	CHECK_STR(err, "field 'what': expected all, foreign or local");
	CHECK(!P("{\"action\":\"node_standby\"}"));
	CHECK_STR(err, "field 'node': expected a string, it is missing");
	CHECK(!P("{\"action\":\"node_standby\",\"node\":\"n1; reboot\"}"));
	CHECK(!P("{\"action\":\"node_standby\",\"node\":\"-rf\"}"));
	CHECK(!P("{\"action\":\"reboot\"}"));
	CHECK(!P("{\"action\":\"maintenance\",\"on\":\"yes\"}"));
	CHECK(!P("{\"action\":\"maintenance\",\"on\":true,\"x\":1}"));
	CHECK(strstr(err, "unknown") != NULL);
	CHECK(!P("[1]"));
	CHECK_STR(err, "expected a JSON object");
	CHECK(!P("{\"action\":"));
	CHECK(strstr(err, "line 1, column 11") != NULL);
#undef P
	CHECK(mgmt_static_name_ok("index.html"));
	CHECK(mgmt_static_name_ok("app.js"));
	CHECK(!mgmt_static_name_ok("../etc/passwd"));
	CHECK(!mgmt_static_name_ok("a/b.js"));
	CHECK(!mgmt_static_name_ok(".html"));
	CHECK(!mgmt_static_name_ok("key.pem"));
	CHECK(!mgmt_static_name_ok("index.html%00"));
}

static void test_conf(void)
{
	struct mgmt_conf c;
	GString *e = g_string_new(NULL);

	mgmt_conf_defaults(&c);
	CHECK_INT(c.port, 7630);
	CHECK_STR(c.group, "haclient");
	CHECK(mgmt_conf_parse(&c, "m.conf", "port 8443 # here\naddress ::1\nmetrics_bind [::1]:9630\n", e));
	CHECK_INT(c.port, 8443);
	CHECK_STR(c.address, "::1");
	CHECK_STR(c.metrics_address, "::1");
	CHECK_INT(c.metrics_port, 9630);
	CHECK(!mgmt_conf_parse(&c, "m.conf", "port 0\nbogus 1\ncert rel/path\nsession_timeout\n", e));
	CHECK(strstr(e->str, "m.conf:1: port: expected a port number 1-65535") != NULL);
	CHECK(strstr(e->str, "m.conf:2: bogus: unknown directive") != NULL);
	CHECK(strstr(e->str, "m.conf:3: cert: expected an absolute path") != NULL);
	CHECK(strstr(e->str, "m.conf:4: session_timeout: expected a value") != NULL);
	mgmt_conf_free(&c);
	g_string_free(e, TRUE);
}

static const char *HBSTATS =
	"{\"node\":\"n1\",\"status\":\"active\",\"nodes\":["
	"{\"name\":\"n1\",\"type\":\"normal\",\"status\":\"active\",\"last_heard_ms\":0,\"max_gap_ms\":0,\"links\":[]},"
	"{\"name\":\"n2\",\"type\":\"normal\",\"status\":\"dead\",\"last_heard_ms\":5000,\"max_gap_ms\":2500,"
	"\"links\":[{\"ifname\":\"eth0\",\"status\":\"dead\",\"max_gap_ms\":2500,\"packets\":10}]}],"
	"\"media\":[{\"name\":\"eth0\",\"type\":\"bcast\",\"sent\":7,\"received\":9,\"send_errors\":0,\"recv_errors\":0}],"
	"\"dropped\":{\"bad_auth\":3,\"replay\":0},\"duplicates\":1,\"own_packets\":2,\"retransmitted\":4,\"rexmit_requests\":5,"
	"\"resources\":{\"version\":1,\"managed_by\":\"haresources\",\"groups\":["
	"{\"key\":\"IPaddr2::10.0.0.1\",\"preferred\":\"n1\",\"state\":\"held\",\"owner\":\"n1\",\"since\":1,"
	"\"resources\":[\"IPaddr2::10.0.0.1\",\"Marker::m1\"],\"last_failure\":null}]}}";

static void test_render(void)
{
	struct mgmt_snap s;
	char err[100], *sum, *met;
	struct json_val *j;

	memset(&s, 0, sizeof(s));
	s.hb_up = true;
	g_strlcpy(s.local, "n1", sizeof(s.local));
	s.hb = json_parse(HBSTATS, strlen(HBSTATS), err, sizeof(err));
	CHECK(s.hb != NULL);
	sum = mgmt_render_summary(&s);
	j = json_parse(sum, strlen(sum), err, sizeof(err));
	CHECK(j != NULL);
	CHECK_STR(json_get_str(j, "mode"), "haresources");
	CHECK_INT(json_len(json_get(j, "nodes")), 2);
	CHECK_STR(json_get_str(json_at(json_get(j, "nodes"), 1), "status"), "dead");
	CHECK(json_get_num(json_at(json_get(j, "nodes"), 1), "max_gap_ms", 0) == 2500);
	CHECK_STR(json_get_str(json_at(json_get(j, "resources"), 0), "state"), "started");
	CHECK_STR(json_get_str(json_at(json_get(j, "resources"), 0), "node"), "n1");
	CHECK_INT(json_len(json_get(json_at(json_get(j, "resources"), 0), "members")), 2);
	CHECK(json_get_num(json_get(j, "counters"), "retransmitted", 0) == 4);
	json_free(j);
	met = mgmt_render_metrics(&s);
	CHECK(strstr(met, "heartbeat_node_up{node=\"n2\",type=\"normal\"} 0\n") != NULL);
	CHECK(strstr(met, "heartbeat_link_max_gap_seconds{node=\"n2\",link=\"eth0\"} 2.5\n") != NULL);
	CHECK(strstr(met, "heartbeat_dropped_packets_total{reason=\"bad_auth\"} 3\n") != NULL);
	CHECK(strstr(met, "heartbeat_retransmissions_total 4\n") != NULL);
	CHECK(strstr(met, "heartbeat_resource_up{resource=\"IPaddr2::10.0.0.1\",node=\"n1\"} 1\n") != NULL);
	CHECK(strstr(met, "# TYPE heartbeat_messages_sent_total counter\n") != NULL);
	g_free(sum);
	g_free(met);
	{
		GPtrArray *names = mgmt_snap_node_names(&s);

		CHECK_INT(names->len, 2);
		CHECK_STR(g_ptr_array_index(names, 1), "n2");
		g_ptr_array_free(names, TRUE);
	}
	json_free(s.hb);

	/* heartbeat down: still valid JSON and metrics */
	memset(&s, 0, sizeof(s));
	s.hb_error = "cannot connect";
	sum = mgmt_render_summary(&s);
	j = json_parse(sum, strlen(sum), err, sizeof(err));
	CHECK(j != NULL);
	CHECK_STR(json_get_str(j, "mode"), "none");
	json_free(j);
	g_free(sum);
	met = mgmt_render_metrics(&s);
	CHECK(strstr(met, "heartbeat_up 0\n") != NULL);
	g_free(met);
}

int main(void)
{
	test_json();
	test_actions();
	test_conf();
	test_render();
	return T_DONE();
}
