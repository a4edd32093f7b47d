/* The transition-graph writer (lib/pengine/pe_graph.c): crm_simulate's
 * shape, every action with key, node and uuid, its resource, parameters and
 * CRM_meta attributes, and its inputs. */
#include <libxml/parser.h>
#include <libxml/xpath.h>
#include "check.h"
#include "test_pe_common.c"

static xmlDocPtr graph_of(struct cib *c, struct pe_ws **wsp)
{
	struct pe_options o = { 0, 0 };
	struct pe_ws *ws = pe_run(c, &o);
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	pe_write_graph_stream(ws, f);
	fclose(f);
	xmlDocPtr d = xmlReadMemory(buf, (int)len, "graph.xml", NULL, XML_PARSE_NONET);
	if (!d)
		printf("FAIL: graph does not parse:\n%s\n", buf);
	free(buf);
	*wsp = ws;
	return d;
}

/* The value of XPath expression x (a string()), "" when nothing matches. */
static char *xs(xmlDocPtr d, const char *x)
{
	xmlXPathContextPtr ctx = xmlXPathNewContext(d);
	char *e = g_strdup_printf("string(%s)", x);
	xmlXPathObjectPtr r = xmlXPathEvalExpression(BAD_CAST e, ctx);
	char *s = g_strdup(r && r->stringval ? (const char *)r->stringval : "");
	xmlXPathFreeObject(r);
	xmlXPathFreeContext(ctx);
	g_free(e);
	return s;
}

static int xcount(xmlDocPtr d, const char *x)
{
	xmlXPathContextPtr ctx = xmlXPathNewContext(d);
	char *e = g_strdup_printf("count(%s)", x);
	xmlXPathObjectPtr r = xmlXPathEvalExpression(BAD_CAST e, ctx);
	int n = r ? (int)r->floatval : -1;
	xmlXPathFreeObject(r);
	xmlXPathFreeContext(ctx);
	g_free(e);
	return n;
}

#define CHECK_X(d, x, want) do { char *v_ = xs((d), (x)); CHECK_STR(v_, (want)); g_free(v_); } while (0)

static void fresh_primitive(void)
{
	struct cib *c = t_cib(NULL,
			      "<primitive id=\"ip\" class=\"ocf\" provider=\"heartbeat\" type=\"IPaddr2\">"
			      "<instance_attributes id=\"ip-ia\"><nvpair id=\"ip-a\" name=\"ip\" value=\"10.0.0.1\"/>"
			      "<nvpair id=\"ip-b\" name=\"cidr_netmask\" value=\"24\"/></instance_attributes>"
			      "<operations><op id=\"ip-start\" name=\"start\" interval=\"0\" timeout=\"60s\"/>"
			      "<op id=\"ip-mon\" name=\"monitor\" interval=\"10s\" timeout=\"30s\" start-delay=\"5s\" "
			      "on-fail=\"restart\"/></operations></primitive>",
			      "<rsc_location id=\"l\" rsc=\"ip\" node=\"n2\" score=\"100\"/>", NULL);
	struct pe_ws *ws;
	xmlDocPtr d = graph_of(c, &ws);
	if (d) {
		CHECK_X(d, "/transition_graph/@transition_id", "0");
		CHECK_X(d, "/transition_graph/@failed-start-offset", "INFINITY");
		/* Three probes, one start, one recurring monitor, each a synapse. */
		CHECK_INT(xcount(d, "//synapse"), 5);
		CHECK_INT(xcount(d, "//action_set/rsc_op[@operation_key='ip_monitor_0']"), 3);
		const char *st = "//action_set/rsc_op[@operation_key='ip_start_0']";
		CHECK_INT(xcount(d, st), 1);
		char *p = g_strdup_printf("%s/@on_node", st);
		CHECK_X(d, p, "n2");
		g_free(p);
		p = g_strdup_printf("%s/@on_node_uuid", st);
		CHECK_X(d, p, "n2");
		g_free(p);
		p = g_strdup_printf("%s/primitive/@type", st);
		CHECK_X(d, p, "IPaddr2");
		g_free(p);
		p = g_strdup_printf("%s/primitive/@provider", st);
		CHECK_X(d, p, "heartbeat");
		g_free(p);
		p = g_strdup_printf("%s/attributes/@CRM_meta_timeout", st);
		CHECK_X(d, p, "60000");
		g_free(p);
		p = g_strdup_printf("%s/attributes/@ip", st);
		CHECK_X(d, p, "10.0.0.1");
		g_free(p);
		p = g_strdup_printf("%s/attributes/@cidr_netmask", st);
		CHECK_X(d, p, "24");
		g_free(p);
		p = g_strdup_printf("%s/@transition-key", st);
		char *tk = xs(d, p);
		CHECK(g_str_has_suffix(tk, ":0:0:0") || strstr(tk, ":0:0:") != NULL);
		g_free(tk);
		g_free(p);
		/* The start waits for the probes on every node. */
		CHECK_INT(xcount(d, "//synapse[action_set/rsc_op[@operation_key='ip_start_0']]/inputs/trigger/"
				    "rsc_op[@operation_key='ip_monitor_0']"), 3);
		/* Probe: expects "not running", runs with the monitor's timeout. */
		CHECK_X(d, "//action_set/rsc_op[@operation_key='ip_monitor_0'][@on_node='n1']/attributes/@CRM_meta_op_target_rc",
			"7");
		CHECK_X(d, "//action_set/rsc_op[@operation_key='ip_monitor_0'][@on_node='n1']/attributes/@CRM_meta_timeout",
			"30000");
		/* Recurring monitor: interval, name, start-delay, on-fail, after the start. */
		const char *mo = "//action_set/rsc_op[@operation_key='ip_monitor_10000']/attributes";
		p = g_strdup_printf("%s/@CRM_meta_interval", mo);
		CHECK_X(d, p, "10000");
		g_free(p);
		p = g_strdup_printf("%s/@CRM_meta_name", mo);
		CHECK_X(d, p, "monitor");
		g_free(p);
		p = g_strdup_printf("%s/@CRM_meta_start_delay", mo);
		CHECK_X(d, p, "5000");
		g_free(p);
		p = g_strdup_printf("%s/@CRM_meta_on_fail", mo);
		CHECK_X(d, p, "restart");
		g_free(p);
		CHECK_INT(xcount(d, "//synapse[action_set/rsc_op[@operation_key='ip_monitor_10000']]/inputs/trigger/"
				    "rsc_op[@operation_key='ip_start_0']"), 1);
		xmlFreeDoc(d);
	}
	pe_free(ws);
	cib_free(c);
}

/* A heartbeat-class agent's positional parameters ("1", "2") cannot be
 * attribute names: they go as <param> children, the graph stays readable. */
static void positional_params(void)
{
	struct cib *c = t_cib(NULL,
			      "<primitive id=\"web\" class=\"heartbeat\" type=\"apache\">"
			      "<instance_attributes id=\"web-ia\"><nvpair id=\"web-1\" name=\"1\" value=\"/etc/a &amp; b\"/>"
			      "<nvpair id=\"web-2\" name=\"2\" value=\"x\"/><nvpair id=\"web-3\" name=\"conf\" value=\"y\"/>"
			      "</instance_attributes></primitive>",
			      "<rsc_location id=\"l\" rsc=\"web\" node=\"n1\" score=\"100\"/>", NULL);
	struct pe_ws *ws;
	xmlDocPtr d = graph_of(c, &ws);
	CHECK(d != NULL);
	if (d) {
		const char *st = "//action_set/rsc_op[@operation_key='web_start_0']/attributes";
		char *p = g_strdup_printf("%s/param[@name='1']/@value", st);
		CHECK_X(d, p, "/etc/a & b");
		g_free(p);
		p = g_strdup_printf("%s/param[@name='2']/@value", st);
		CHECK_X(d, p, "x");
		g_free(p);
		p = g_strdup_printf("%s/@conf", st);
		CHECK_X(d, p, "y");
		g_free(p);
		p = g_strdup_printf("%s/param", st);
		CHECK_INT(xcount(d, p), 2);
		g_free(p);
		CHECK_X(d, "//action_set/rsc_op[@operation_key='web_start_0']/attributes/@CRM_meta_timeout", "20000");
		xmlFreeDoc(d);
	}
	pe_free(ws);
	cib_free(c);
}

/* A monitor of the promoted role expects 8 ("running promoted") in its
 * attributes and transition key, and says its role; the unpromoted one 0. */
static void role_monitors(void)
{
	struct cib *c = t_cib(NULL,
			      "<master id=\"ms\"><meta_attributes id=\"ms-m\"><nvpair id=\"ms-m1\" name=\"master-max\" value=\"1\"/>"
			      "</meta_attributes><primitive id=\"st\" class=\"ocf\" provider=\"pacemaker\" type=\"Stateful\">"
			      "<operations><op id=\"st-mm\" name=\"monitor\" interval=\"2s\" role=\"Master\"/>"
			      "<op id=\"st-ms\" name=\"monitor\" interval=\"3s\" role=\"Slave\"/></operations></primitive></master>",
			      "<rsc_location id=\"l\" rsc=\"ms\" node=\"n1\" score=\"100\" role=\"Master\"/>", NULL);
	struct pe_ws *ws;
	xmlDocPtr d = graph_of(c, &ws);
	CHECK(d != NULL);
	if (d) {
		const char *pm = "//action_set/rsc_op[@operation='monitor'][attributes/@CRM_meta_interval='2000']";
		CHECK_INT(xcount(d, pm), 1);
		char *p = g_strdup_printf("%s/attributes/@CRM_meta_role", pm);
		CHECK_X(d, p, "Promoted");
		g_free(p);
		p = g_strdup_printf("%s/attributes/@CRM_meta_op_target_rc", pm);
		CHECK_X(d, p, "8");
		g_free(p);
		p = g_strdup_printf("%s/@transition-key", pm);
		char *tk = xs(d, p);
		CHECK(strstr(tk, ":0:8:") != NULL);
		g_free(tk);
		g_free(p);
		const char *um = "//action_set/rsc_op[@operation='monitor'][attributes/@CRM_meta_interval='3000']";
		p = g_strdup_printf("%s/attributes/@CRM_meta_role", um);
		CHECK_X(d, p, "Unpromoted");
		g_free(p);
		p = g_strdup_printf("%s/attributes/@CRM_meta_op_target_rc", um);
		CHECK_X(d, p, "");
		g_free(p);
		xmlFreeDoc(d);
	}
	pe_free(ws);
	cib_free(c);
}

static void clone_and_group(void)
{
	char *p1 = t_prim("a", NULL), *p2 = t_prim("b", NULL);
	char *r = g_strdup_printf("<clone id=\"cl\"><meta_attributes id=\"cl-m\">"
				  "<nvpair id=\"cl-1\" name=\"clone-max\" value=\"2\"/></meta_attributes>%s</clone>"
				  "<group id=\"g\">%s</group>", p1, p2);
	struct cib *c = t_cib(NULL, r, NULL, NULL);
	struct pe_ws *ws;
	xmlDocPtr d = graph_of(c, &ws);
	if (d) {
		/* Clone pseudo actions carry the clone's meta; instances their number. */
		CHECK_X(d, "//action_set/pseudo_event[@operation_key='cl_start_0']/attributes/@CRM_meta_clone_max", "2");
		CHECK_X(d, "//action_set/pseudo_event[@operation_key='cl_start_0']/attributes/@CRM_meta_notify", "false");
		CHECK_INT(xcount(d, "//action_set/pseudo_event[@operation_key='cl_start_0']/@on_node"), 0);
		CHECK_X(d, "//action_set/rsc_op[@operation_key='a:1_start_0']/primitive/@id", "a");
		CHECK_X(d, "//action_set/rsc_op[@operation_key='a:1_start_0']/primitive/@long-id", "a:1");
		CHECK_X(d, "//action_set/rsc_op[@operation_key='a:1_start_0']/attributes/@CRM_meta_clone", "1");
		CHECK_X(d, "//action_set/rsc_op[@operation_key='a:1_start_0']/attributes/@CRM_meta_globally_unique",
			"false");
		/* The group's start and running surround the member's start. */
		CHECK_INT(xcount(d, "//synapse[action_set/rsc_op[@operation_key='b_start_0']]/inputs/trigger/"
				    "pseudo_event[@operation_key='g_start_0']"), 1);
		CHECK_INT(xcount(d, "//synapse[action_set/pseudo_event[@operation_key='g_running_0']]/inputs/trigger/"
				    "rsc_op[@operation_key='b_start_0']"), 1);
		/* Every trigger names an action of the graph. */
		CHECK_INT(xcount(d, "//trigger/*[not(@id = //action_set/*/@id)]"), 0);
		xmlFreeDoc(d);
	}
	pe_free(ws);
	cib_free(c);
	g_free(p1);
	g_free(p2);
	g_free(r);
}

static void fencing_and_empty(void)
{
	/* n3 unclean (lost from the membership while expected): fenced. */
	char *a = t_node("n1", NULL, NULL), *b = t_node("n2", NULL, NULL);
	char *st = g_strconcat(a, b,
			       "<node_state id=\"n3\" uname=\"n3\" in_ccm=\"false\" crmd=\"offline\" join=\"member\" "
			       "expected=\"member\"/>", NULL);
	struct cib *c = t_cib("<nvpair id=\"o2\" name=\"stonith-enabled\" value=\"true\"/>", NULL, NULL, st);
	struct pe_ws *ws;
	xmlDocPtr d = graph_of(c, &ws);
	if (d) {
		const char *f = "//action_set/crm_event[@operation='stonith']";
		CHECK_INT(xcount(d, f), 1);
		char *p = g_strdup_printf("%s/@operation_key", f);
		CHECK_X(d, p, "stonith-n3-reboot");
		g_free(p);
		p = g_strdup_printf("%s/attributes/@CRM_meta_stonith_action", f);
		CHECK_X(d, p, "reboot");
		g_free(p);
		p = g_strdup_printf("%s/downed/node/@id", f);
		CHECK_X(d, p, "n3");
		g_free(p);
		xmlFreeDoc(d);
	}
	pe_free(ws);
	cib_free(c);
	g_free(a);
	g_free(b);
	g_free(st);
	/* Nothing to do: an empty graph, still with its attributes. */
	c = t_cib(NULL, NULL, NULL, NULL);
	d = graph_of(c, &ws);
	if (d) {
		CHECK_INT(xcount(d, "//synapse"), 0);
		CHECK_X(d, "/transition_graph/@cluster-delay", "60s");
		xmlFreeDoc(d);
	}
	pe_free(ws);
	cib_free(c);
}

static void migration(void)
{
	char *h = t_running("vm");
	char *a = t_node("n1", h, NULL), *b = t_node("n2", NULL, NULL), *c3 = t_node("n3", NULL, NULL);
	char *st = g_strconcat(a, b, c3, NULL);
	char *p = t_prim("vm", "<nvpair id=\"vm-am\" name=\"allow-migrate\" value=\"true\"/>");
	struct cib *c = t_cib(NULL, p, "<rsc_location id=\"l\" rsc=\"vm\" node=\"n2\" score=\"INFINITY\"/>", st);
	struct pe_ws *ws;
	xmlDocPtr d = graph_of(c, &ws);
	if (d) {
		/* migrate_to on the source, migrate_from on the target, then the
		 * stop; the start is a pseudo action. */
		CHECK_INT(xcount(d, "//action_set/rsc_op[@operation='migrate_to'][@on_node='n1']"), 1);
		CHECK_INT(xcount(d, "//action_set/rsc_op[@operation='migrate_from'][@on_node='n2']"), 1);
		CHECK_X(d, "//action_set/rsc_op[@operation='migrate_to']/attributes/@CRM_meta_migrate_target", "n2");
		CHECK_INT(xcount(d, "//action_set/pseudo_event[@operation_key='vm_start_0']"), 1);
		CHECK_INT(xcount(d, "//action_set/rsc_op[@operation_key='vm_start_0']"), 0);
		CHECK_INT(xcount(d, "//synapse[action_set/rsc_op[@operation='migrate_from']]/inputs/trigger/"
				    "rsc_op[@operation='migrate_to']"), 1);
		CHECK_INT(xcount(d, "//synapse[action_set/rsc_op[@operation_key='vm_stop_0']]/inputs/trigger/"
				    "rsc_op[@operation='migrate_from']"), 1);
		xmlFreeDoc(d);
	}
	pe_free(ws);
	cib_free(c);
	g_free(h);
	g_free(a);
	g_free(b);
	g_free(c3);
	g_free(st);
	g_free(p);
}

/* A parameter set to "#default" (as heartbeat 2.x wrote "unset") is not
 * a parameter: the digest and the graph leave it out. */
static void default_params(void)
{
	struct cib_nv a = { "device", "/dev/drbd0" }, b = { "target_role", "#default" };
	struct cib_nvlist with = { g_ptr_array_new() }, without = { g_ptr_array_new() };
	g_ptr_array_add(with.items, &a);
	g_ptr_array_add(with.items, &b);
	g_ptr_array_add(without.items, &a);
	char *d1 = pe_params_digest(&with), *d2 = pe_params_digest(&without);
	CHECK_STR(d1, d2);
	g_free(d1);
	g_free(d2);
	g_ptr_array_free(with.items, TRUE);
	g_ptr_array_free(without.items, TRUE);
}

int main(void)
{
	default_params();
	migration();
	fresh_primitive();
	positional_params();
	role_monitors();
	clone_and_group();
	fencing_and_empty();
	return T_DONE();
}
