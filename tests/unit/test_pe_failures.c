/* Unit tests of the failure rules: failed monitor recovery, fail-count
 * against migration-threshold, failure-timeout expiry, failed stop without
 * fencing (blocked) and with fencing (node fenced), unclean nodes, hard
 * errors, probes that find a resource active, and injections. */
#include "check.h"
#include "test_pe_common.c"

static char *two_ops(const char *rsc, const char *op2, int interval, int rc, int status, const char *extra)
{
	return g_strdup_printf("<lrm_resource id=\"%s\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\">"
			       "<lrm_rsc_op id=\"%s_start_0\" operation=\"start\" interval=\"0\" call-id=\"1\" rc-code=\"0\" "
			       "op-status=\"0\" transition-key=\"1:1:0:x\"/>"
			       "<lrm_rsc_op id=\"%s_%s_%d\" operation=\"%s\" interval=\"%d\" call-id=\"2\" rc-code=\"%d\" "
			       "op-status=\"%d\" transition-key=\"2:1:0:x\" last-rc-change=\"999000\" %s/></lrm_resource>",
			       rsc, rsc, rsc, op2, interval, op2, interval, rc, status, extra ? extra : "");
}

static struct pe_ws *scenario(const char *meta, const char *opts, const char *lrm, const char *attrs, struct cib **cp)
{
	char *a = t_prim("A", meta);
	char *n1 = t_node("n1", lrm, attrs), *n2 = t_node("n2", NULL, NULL), *n3 = t_node("n3", NULL, NULL);
	char *st = g_strconcat(n1, n2, n3, NULL);
	*cp = t_cib(opts, a, "<rsc_location id=\"l\" rsc=\"A\" node=\"n1\" score=\"100\"/>", st);
	g_free(a);
	g_free(n1);
	g_free(n2);
	g_free(n3);
	g_free(st);
	return pe_run(*cp, NULL);
}

#define FC(v) "<nvpair id=\"fc\" name=\"fail-count-A\" value=\"" v "\"/><nvpair id=\"lf\" name=\"last-failure-A\" value=\"999000\"/></instance_attributes></transient_attributes>"

int main(void)
{
	struct cib *c;
	struct pe_ws *ws;
	char *s;

	/* Failed monitor, below threshold: recover in place. */
	char *mon = two_ops("A", "monitor", 10000, 7, 0, NULL);
	ws = scenario("<nvpair id=\"mt\" name=\"migration-threshold\" value=\"3\"/>", NULL, mon, FC("1"), &c);
	s = t_summary(ws);
	CHECK(t_has(s, "* Recover A ( n1 )"));
	g_free(s);
	pe_free(ws);
	cib_free(c);

	/* Threshold reached: moves away. */
	ws = scenario("<nvpair id=\"mt\" name=\"migration-threshold\" value=\"1\"/>", NULL, mon, FC("1"), &c);
	s = t_summary(ws);
	CHECK(t_has(s, "* Recover A ( n1 -> "));
	CHECK(strcmp(t_where(ws, "A"), "n1"));
	g_free(s);
	pe_free(ws);
	cib_free(c);

	/* migration-threshold 0 disables the ban. */
	ws = scenario("<nvpair id=\"mt\" name=\"migration-threshold\" value=\"0\"/>", NULL, mon, FC("5"), &c);
	CHECK_STR(t_where(ws, "A"), "n1");
	pe_free(ws);
	cib_free(c);

	/* failure-timeout long expired: failure and fail-count are ignored. */
	ws = scenario("<nvpair id=\"mt\" name=\"migration-threshold\" value=\"1\"/>"
		      "<nvpair id=\"ft\" name=\"failure-timeout\" value=\"60s\"/>", NULL, mon, FC("1"), &c);
	s = t_summary(ws);
	CHECK_STR(t_where(ws, "A"), "n1");
	CHECK(!t_has(s, "Recover"));
	g_free(s);
	pe_free(ws);
	cib_free(c);
	g_free(mon);

	/* Failed stop without fencing: blocked, nothing scheduled for it. */
	char *stop = two_ops("A", "stop", 0, 1, 0, NULL);
	ws = scenario(NULL, NULL, stop, NULL, &c);
	s = t_summary(ws);
	CHECK(!t_has(s, "A"));
	CHECK(pe_find_rsc(ws, "A")->failed_stop_block);
	g_free(s);
	pe_free(ws);
	cib_free(c);

	/* Failed stop with fencing: the node is fenced and A moves. */
	ws = scenario(NULL, "<nvpair id=\"se\" name=\"stonith-enabled\" value=\"true\"/>", stop, NULL, &c);
	s = t_summary(ws);
	CHECK(t_has(s, "* Fence (reboot) n1"));
	CHECK(t_has(s, "A ( n1 -> "));
	g_free(s);
	pe_free(ws);
	cib_free(c);
	g_free(stop);

	/* Hard error (not installed) on a start: banned from that node. */
	char *hard = two_ops("A", "monitor", 10000, 5, 0, NULL);
	ws = scenario(NULL, NULL, hard, NULL, &c);
	CHECK(strcmp(t_where(ws, "A"), "n1"));
	pe_free(ws);
	cib_free(c);
	g_free(hard);

	/* Timed-out monitor (op-status 2) is a failure whatever the rc. */
	char *to = two_ops("A", "monitor", 10000, 0, 2, NULL);
	ws = scenario(NULL, NULL, to, NULL, &c);
	s = t_summary(ws);
	CHECK(t_has(s, "* Recover A ( n1 )"));
	g_free(s);
	pe_free(ws);
	cib_free(c);
	g_free(to);

	/* Probe found it active: adopted, nothing to do. */
	char *probe = t_op("A", "monitor", 0, 1, 0, 7);
	ws = scenario(NULL, NULL, probe, NULL, &c);
	s = t_summary(ws);
	CHECK_STR(t_where(ws, "A"), "n1");
	CHECK(!t_has(s, "* "));
	g_free(s);
	pe_free(ws);
	cib_free(c);
	g_free(probe);

	/* Unclean node with fencing: fenced, its resource started elsewhere. */
	char *a = t_prim("A", NULL);
	char *runa = t_running("A");
	char *n1 = g_strdup_printf("<node_state id=\"n1\" uname=\"n1\" in_ccm=\"false\" crmd=\"online\" join=\"member\" "
				   "expected=\"member\"><lrm id=\"n1\"><lrm_resources>%s</lrm_resources></lrm></node_state>", runa);
	char *n2 = t_node("n2", NULL, NULL), *n3 = t_node("n3", NULL, NULL);
	char *st = g_strconcat(n1, n2, n3, NULL);
	c = t_cib("<nvpair id=\"se\" name=\"stonith-enabled\" value=\"true\"/>", a, NULL, st);
	ws = pe_run(c, NULL);
	s = t_summary(ws);
	CHECK(t_has(s, "* Fence (reboot) n1 'peer is no longer part of the cluster'"));
	CHECK(t_has(s, "* Move A ( n1 -> "));
	g_free(s);
	pe_free(ws);
	cib_free(c);
	/* Same without fencing: the node is unclean, A cannot be moved safely. */
	c = t_cib(NULL, a, NULL, st);
	ws = pe_run(c, NULL);
	s = t_summary(ws);
	CHECK(!t_has(s, "Fence"));
	g_free(s);
	pe_free(ws);
	cib_free(c);
	g_free(n1);
	g_free(n2);
	g_free(n3);
	g_free(st);

	/* Injection: a failed monitor on a running resource gives Recover. */
	n1 = t_node("n1", runa, NULL);
	n2 = t_node("n2", NULL, NULL);
	n3 = t_node("n3", NULL, NULL);
	st = g_strconcat(n1, n2, n3, NULL);
	c = t_cib(NULL, a, NULL, st);
	char *err = NULL;
	CHECK_INT(pe_inject_op(c, "A_monitor_10000@n1=7", &err), 0);
	CHECK_INT(pe_inject_op(c, "garbage", &err), -1);
	CHECK(err != NULL);
	g_free(err);
	ws = pe_run(c, NULL);
	s = t_summary(ws);
	CHECK(t_has(s, "* Recover A ( n1 )"));
	g_free(s);
	pe_free(ws);
	/* ...and taking n1 down moves it. */
	CHECK_INT(pe_inject_node_down(c, "n1"), 0);
	CHECK_INT(pe_inject_node_down(c, "nosuch"), -1);
	ws = pe_run(c, NULL);
	CHECK(*t_where(ws, "A") && strcmp(t_where(ws, "A"), "n1"));
	pe_free(ws);
	cib_free(c);
	g_free(n1);
	g_free(n2);
	g_free(n3);
	g_free(st);
	g_free(runa);
	g_free(a);
	return T_DONE();
}
