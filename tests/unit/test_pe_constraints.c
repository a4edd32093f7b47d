/* Unit tests of placement by constraint type: location (node and #uname
 * rules), symmetric-cluster, stickiness, colocation (mandatory, advisory,
 * anti), ordering (restart propagation), groups, clones, standby/offline
 * nodes, quorum, and the N+1 layout. */
#include "check.h"
#include "test_pe_common.c"

static struct pe_ws *run(struct cib *c)
{
	return pe_run(c, NULL);
}

#define LOC(id, rsc, node, score) \
	"<rsc_location id=\"" id "\" rsc=\"" rsc "\" node=\"" node "\" score=\"" score "\"/>"

static void test_location(void)
{
	char *a = t_prim("A", NULL);
	struct cib *c = t_cib(NULL, a, LOC("l1", "A", "n2", "100"), NULL);
	struct pe_ws *ws = run(c);
	CHECK_STR(t_where(ws, "A"), "n2");
	char *s = t_summary(ws);
	CHECK(t_has(s, "* Start A ( n2 )"));
	g_free(s);
	pe_free(ws);
	cib_free(c);

	/* A ban keeps it off; a negative score alone forbids the node too. */
	c = t_cib(NULL, a, LOC("l1", "A", "n1", "-INFINITY") LOC("l2", "A", "n2", "-1"), NULL);
	ws = run(c);
	CHECK_STR(t_where(ws, "A"), "n3");
	pe_free(ws);
	cib_free(c);

	/* #uname rule. */
	c = t_cib(NULL, a,
		  "<rsc_location id=\"l\" rsc=\"A\"><rule id=\"r\" score=\"50\"><expression id=\"e\" "
		  "attribute=\"#uname\" operation=\"eq\" value=\"n3\"/></rule></rsc_location>", NULL);
	ws = run(c);
	CHECK_STR(t_where(ws, "A"), "n3");
	pe_free(ws);
	cib_free(c);

	/* ne rule with -INFINITY: only n1 remains. */
	c = t_cib(NULL, a,
		  "<rsc_location id=\"l\" rsc=\"A\"><rule id=\"r\" score=\"-INFINITY\"><expression id=\"e\" "
		  "attribute=\"#uname\" operation=\"ne\" value=\"n1\"/></rule></rsc_location>", NULL);
	ws = run(c);
	CHECK_STR(t_where(ws, "A"), "n1");
	pe_free(ws);
	cib_free(c);

	/* Opt-in cluster: no location, no placement. */
	c = t_cib("<nvpair id=\"o2\" name=\"symmetric-cluster\" value=\"false\"/>", a, NULL, NULL);
	ws = run(c);
	CHECK_STR(t_where(ws, "A"), "");
	pe_free(ws);
	cib_free(c);
	c = t_cib("<nvpair id=\"o2\" name=\"symmetric-cluster\" value=\"false\"/>", a, LOC("l", "A", "n3", "0"), NULL);
	ws = run(c);
	CHECK_STR(t_where(ws, "A"), "n3");
	pe_free(ws);
	cib_free(c);
	g_free(a);
}

static void test_spread_and_stickiness(void)
{
	char *r = t_cat(t_cat(t_prim("A", NULL), t_prim("B", NULL)), t_prim("C", NULL));
	struct cib *c = t_cib(NULL, r, NULL, NULL);
	struct pe_ws *ws = run(c);
	/* Unconstrained resources spread one per node. */
	CHECK(strcmp(t_where(ws, "A"), t_where(ws, "B")) && strcmp(t_where(ws, "B"), t_where(ws, "C")) &&
	      strcmp(t_where(ws, "A"), t_where(ws, "C")));
	pe_free(ws);
	cib_free(c);
	g_free(r);

	/* Running on n1, preferred elsewhere by 50: stickiness 100 keeps it. */
	char *a = t_prim("A", "<nvpair id=\"s\" name=\"resource-stickiness\" value=\"100\"/>");
	char *run1 = t_running("A");
	char *n1 = t_node("n1", run1, NULL), *n2 = t_node("n2", NULL, NULL), *n3 = t_node("n3", NULL, NULL);
	char *st = g_strconcat(n1, n2, n3, NULL);
	c = t_cib(NULL, a, LOC("l", "A", "n2", "50"), st);
	ws = run(c);
	CHECK_STR(t_where(ws, "A"), "n1");
	char *s = t_summary(ws);
	CHECK(!t_has(s, "Move"));
	g_free(s);
	pe_free(ws);
	cib_free(c);
	/* ...but a preference of 150 wins over stickiness 100. */
	c = t_cib(NULL, a, LOC("l", "A", "n2", "150"), st);
	ws = run(c);
	CHECK_STR(t_where(ws, "A"), "n2");
	s = t_summary(ws);
	CHECK(t_has(s, "* Move A ( n1 -> n2 )"));
	g_free(s);
	pe_free(ws);
	cib_free(c);
	g_free(a);
	g_free(run1);
	g_free(n1);
	g_free(n2);
	g_free(n3);
	g_free(st);
}

static void test_colocation(void)
{
	char *r = t_cat(t_prim("A", NULL), t_prim("B", NULL));
	struct cib *c = t_cib(NULL, r,
			      LOC("l", "B", "n3", "100")
			      "<rsc_colocation id=\"c\" rsc=\"A\" with-rsc=\"B\" score=\"INFINITY\"/>", NULL);
	struct pe_ws *ws = run(c);
	CHECK_STR(t_where(ws, "B"), "n3");
	CHECK_STR(t_where(ws, "A"), "n3");
	pe_free(ws);
	cib_free(c);

	/* Anti-colocation. */
	c = t_cib(NULL, r, LOC("l", "B", "n3", "100") LOC("l2", "A", "n3", "50")
		  "<rsc_colocation id=\"c\" rsc=\"A\" with-rsc=\"B\" score=\"-INFINITY\"/>", NULL);
	ws = run(c);
	CHECK_STR(t_where(ws, "B"), "n3");
	CHECK(strcmp(t_where(ws, "A"), "n3") && *t_where(ws, "A"));
	pe_free(ws);
	cib_free(c);

	/* Advisory: +200 with B beats a location of 100 elsewhere. */
	c = t_cib(NULL, r, LOC("l", "B", "n3", "100") LOC("l2", "A", "n1", "100")
		  "<rsc_colocation id=\"c\" rsc=\"A\" with-rsc=\"B\" score=\"200\"/>", NULL);
	ws = run(c);
	CHECK_STR(t_where(ws, "A"), "n3");
	pe_free(ws);
	cib_free(c);

	/* Mandatory colocation with something that cannot run: stays stopped. */
	c = t_cib(NULL, r, "<rsc_location id=\"l\" rsc=\"B\" node=\"n1\" score=\"-INFINITY\"/>"
		  LOC("l2", "B", "n2", "-INFINITY") LOC("l3", "B", "n3", "-INFINITY")
		  "<rsc_colocation id=\"c\" rsc=\"A\" with-rsc=\"B\" score=\"INFINITY\"/>", NULL);
	ws = run(c);
	CHECK_STR(t_where(ws, "B"), "");
	CHECK_STR(t_where(ws, "A"), "");
	pe_free(ws);
	cib_free(c);
	g_free(r);
}

static void test_group_and_order(void)
{
	char *g = t_cat(t_cat(t_cat(t_cat(g_strdup("<group id=\"G\">"), t_prim("G1", NULL)), t_prim("G2", NULL)),
				  t_prim("G3", NULL)), g_strdup("</group>"));
	struct cib *c = t_cib(NULL, g, LOC("l", "G", "n2", "100"), NULL);
	struct pe_ws *ws = run(c);
	CHECK_STR(t_where(ws, "G1"), "n2");
	CHECK_STR(t_where(ws, "G2"), "n2");
	CHECK_STR(t_where(ws, "G3"), "n2");
	pe_free(ws);
	cib_free(c);

	/* A failed middle member restarts itself and what follows. */
	char *h1 = t_running("G1"), *h2 = t_op("G2", "monitor", 10000, 2, 7, 0), *h2s = t_running("G2");
	char *h3 = t_running("G3");
	/* G2: started (call 1) then its monitor failed (call 2). */
	char *g2 = g_strdup_printf("<lrm_resource id=\"G2\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\">"
				   "<lrm_rsc_op id=\"G2_start_0\" operation=\"start\" interval=\"0\" call-id=\"1\" "
				   "rc-code=\"0\" op-status=\"0\" transition-key=\"1:1:0:x\"/>"
				   "<lrm_rsc_op id=\"G2_monitor_10000\" operation=\"monitor\" interval=\"10000\" "
				   "call-id=\"2\" rc-code=\"7\" op-status=\"0\" transition-key=\"1:1:0:x\"/></lrm_resource>");
	char *lrm = g_strconcat(h1, g2, h3, NULL);
	char *n1 = t_node("n1", lrm, NULL), *n2 = t_node("n2", NULL, NULL), *n3 = t_node("n3", NULL, NULL);
	char *st = g_strconcat(n1, n2, n3, NULL);
	c = t_cib(NULL, g, NULL, st);
	ws = run(c);
	char *s = t_summary(ws);
	CHECK(t_has(s, "* Recover G2 ( n1 )"));
	CHECK(t_has(s, "* Restart G3 ( n1 ) due to required G2 start"));
	CHECK(!t_has(s, "G1"));
	g_free(s);
	pe_free(ws);
	cib_free(c);
	g_free(h1);
	g_free(h2);
	g_free(h2s);
	g_free(h3);
	g_free(g2);
	g_free(lrm);
	g_free(n1);
	g_free(n2);
	g_free(n3);
	g_free(st);

	/* Mandatory order: B after A; A cannot run, so B does not start. */
	char *r = t_cat(t_prim("A", "<nvpair id=\"tr\" name=\"target-role\" value=\"Stopped\"/>"),
			  t_prim("B", NULL));
	c = t_cib(NULL, r, "<rsc_order id=\"o\" first=\"A\" then=\"B\" kind=\"Mandatory\"/>", NULL);
	ws = run(c);
	s = t_summary(ws);
	CHECK(t_has(s, "* Start B ( n1 ) due to unrunnable A start (blocked)") ||
	      t_has(s, "* Start B ( n2 ) due to unrunnable A start (blocked)"));
	g_free(s);
	pe_free(ws);
	cib_free(c);
	/* Optional order: B starts anyway. */
	c = t_cib(NULL, r, "<rsc_order id=\"o\" first=\"A\" then=\"B\" kind=\"Optional\"/>", NULL);
	ws = run(c);
	s = t_summary(ws);
	CHECK(t_has(s, "* Start B"));
	g_free(s);
	pe_free(ws);
	cib_free(c);
	g_free(r);
	g_free(g);
}

static void test_nodes_and_quorum(void)
{
	char *a = t_prim("A", NULL);
	char *n1 = t_node("n1", NULL, NULL), *n3 = t_node("n3", NULL, NULL);
	char *n2 = g_strdup("<node_state id=\"n2\" uname=\"n2\" in_ccm=\"false\" crmd=\"offline\" join=\"down\" expected=\"down\"/>");
	char *st = g_strconcat(n1, n2, n3, NULL);
	struct cib *c = t_cib(NULL, a, LOC("l", "A", "n2", "100"), st);
	struct pe_ws *ws = run(c);
	CHECK(strcmp(t_where(ws, "A"), "n2") && *t_where(ws, "A"));
	pe_free(ws);
	cib_free(c);

	/* Standby node. */
	char *sb = t_node("n2", NULL, "<nvpair id=\"sb\" name=\"standby\" value=\"on\"/></instance_attributes></transient_attributes>");
	char *st2 = g_strconcat(n1, sb, n3, NULL);
	c = t_cib(NULL, a, LOC("l", "A", "n2", "100"), st2);
	ws = run(c);
	CHECK(strcmp(t_where(ws, "A"), "n2"));
	pe_free(ws);
	cib_free(c);

	/* No quorum, policy stop: nothing starts. */
	char *x = g_strconcat(n1, n3, NULL);
	c = t_cib(NULL, a, NULL, x);
	c->have_quorum = 0;
	ws = run(c);
	char *s = t_summary(ws);
	CHECK(t_has(s, "blocked"));
	g_free(s);
	pe_free(ws);
	cib_free(c);
	/* ...policy ignore: it starts. */
	c = t_cib("<nvpair id=\"q\" name=\"no-quorum-policy\" value=\"ignore\"/>", a, NULL, x);
	c->have_quorum = 0;
	ws = run(c);
	s = t_summary(ws);
	CHECK(t_has(s, "* Start A"));
	CHECK(!t_has(s, "blocked"));
	g_free(s);
	pe_free(ws);
	cib_free(c);
	g_free(a);
	g_free(n1);
	g_free(n2);
	g_free(n3);
	g_free(sb);
	g_free(st);
	g_free(st2);
	g_free(x);
}

static void test_clone(void)
{
	char *cl = t_cat(t_cat(g_strdup("<clone id=\"C\"><meta_attributes id=\"cm\"><nvpair id=\"cm1\" "
					 "name=\"clone-max\" value=\"2\"/></meta_attributes>"), t_prim("P", NULL)),
			  g_strdup("</clone>"));
	struct cib *c = t_cib(NULL, cl, NULL, NULL);
	struct pe_ws *ws = run(c);
	CHECK(*t_where(ws, "P:0") && *t_where(ws, "P:1"));
	CHECK(strcmp(t_where(ws, "P:0"), t_where(ws, "P:1")));
	pe_free(ws);
	cib_free(c);
	g_free(cl);
}

/* N+1: two actives and a spare (spec 2.6). */
static void test_n_plus_1(void)
{
	char *r = t_cat(t_prim("A", NULL), t_prim("B", NULL));
	const char *cons = LOC("a1", "A", "n1", "200") LOC("a3", "A", "n3", "100") LOC("b2", "B", "n2", "200")
		LOC("b3", "B", "n3", "100") "<rsc_colocation id=\"c\" rsc=\"B\" with-rsc=\"A\" score=\"-INFINITY\"/>";
	const char *opts = "<nvpair id=\"o2\" name=\"symmetric-cluster\" value=\"false\"/>";
	struct cib *c = t_cib(opts, r, cons, NULL);
	struct pe_ws *ws = run(c);
	CHECK_STR(t_where(ws, "A"), "n1");
	CHECK_STR(t_where(ws, "B"), "n2");
	pe_free(ws);
	cib_free(c);
	char *n1 = g_strdup("<node_state id=\"n1\" uname=\"n1\" in_ccm=\"false\" crmd=\"offline\" join=\"down\" expected=\"down\"/>");
	char *ra = t_running("B");
	char *n2 = t_node("n2", ra, NULL), *n3 = t_node("n3", NULL, NULL);
	char *st = g_strconcat(n1, n2, n3, NULL);
	c = t_cib(opts, r, cons, st);
	ws = run(c);
	CHECK_STR(t_where(ws, "A"), "n3");
	CHECK_STR(t_where(ws, "B"), "n2");
	pe_free(ws);
	cib_free(c);
	g_free(r);
	g_free(n1);
	g_free(n2);
	g_free(n3);
	g_free(ra);
	g_free(st);
}

/* Spec 2.2: a 4-member group with stickiness 100 resists a preference
 * elsewhere with 4 x 100: it stays at 350 and moves at 450. */
static void test_group_stickiness(void)
{
	char *g = g_strdup("<group id=\"G\">");
	char *lrm = g_strdup("");
	for (int i = 1; i <= 4; i++) {
		char id[8];
		snprintf(id, sizeof id, "G%d", i);
		g = t_cat(g, t_prim(id, "<nvpair id=\"s\" name=\"resource-stickiness\" value=\"100\"/>"));
		lrm = t_cat(lrm, t_running(id));
	}
	g = t_cat(g, g_strdup("</group>"));
	char *st = t_cat(t_cat(t_node("n1", NULL, NULL), t_node("n2", lrm, NULL)), t_node("n3", NULL, NULL));
	const char *scores[] = { "350", "450" };
	for (int k = 0; k < 2; k++) {
		char *loc = g_strdup_printf("<rsc_location id=\"l\" rsc=\"G\" node=\"n1\" score=\"%s\"/>", scores[k]);
		struct cib *c = t_cib(NULL, g, loc, st);
		struct pe_ws *ws = pe_run(c, NULL);
		CHECK_STR(t_where(ws, "G1"), k == 0 ? "n2" : "n1");
		CHECK_STR(t_where(ws, "G4"), k == 0 ? "n2" : "n1");
		pe_free(ws);
		cib_free(c);
		g_free(loc);
	}
	g_free(g);
	g_free(lrm);
	g_free(st);
}

int main(void)
{
	test_group_stickiness();
	test_location();
	test_spread_and_stickiness();
	test_colocation();
	test_group_and_order();
	test_nodes_and_quorum();
	test_clone();
	test_n_plus_1();
	return T_DONE();
}
