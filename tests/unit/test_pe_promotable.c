/* Unit tests of promotable clones: roles read from the history (rc 8,
 * promote), promotion by the master-RSC score and promoted-max, Promoted
 * location rules, colocation with the promoted role, promote/demote in the
 * summary and the graph, and monitors per role. */
#include "check.h"
#include "test_pe_common.c"

/* ms: a promotable clone of S (two instances), monitors 5s as Promoted and
 * 10s as Unpromoted. */
static char *t_ms(const char *meta)
{
	return g_strdup_printf("<clone id=\"ms\"><meta_attributes id=\"ms-m\"><nvpair id=\"ms-p\" name=\"promotable\" "
			       "value=\"true\"/><nvpair id=\"ms-cm\" name=\"clone-max\" value=\"2\"/>%s</meta_attributes>"
			       "<primitive id=\"S\" class=\"ocf\" provider=\"pacemaker\" type=\"Stateful\"><operations>"
			       "<op id=\"S-m5\" name=\"monitor\" interval=\"5s\" role=\"Promoted\"/>"
			       "<op id=\"S-m10\" name=\"monitor\" interval=\"10s\" role=\"Unpromoted\"/>"
			       "</operations></primitive></clone>", meta ? meta : "");
}

/* History of an instance: started, then (promoted) its role's monitor. */
static char *t_inst(const char *id, int promoted)
{
	char *pr = promoted ? g_strdup_printf("<lrm_rsc_op id=\"%s_promote_0\" operation=\"promote\" interval=\"0\" "
					      "call-id=\"2\" rc-code=\"0\" op-status=\"0\" transition-key=\"1:1:0:x\"/>", id)
			    : g_strdup("");
	char *x = g_strdup_printf("<lrm_resource id=\"%s\" class=\"ocf\" provider=\"pacemaker\" type=\"Stateful\">"
				  "<lrm_rsc_op id=\"%s_start_0\" operation=\"start\" interval=\"0\" call-id=\"1\" "
				  "rc-code=\"0\" op-status=\"0\" transition-key=\"1:1:0:x\"/>%s"
				  "<lrm_rsc_op id=\"%s_monitor\" operation=\"monitor\" interval=\"%d\" call-id=\"3\" "
				  "rc-code=\"%d\" op-status=\"0\" transition-key=\"1:1:%d:x\"/></lrm_resource>",
				  id, id, pr, id, promoted ? 5000 : 10000, promoted ? 8 : 0, promoted ? 8 : 0);
	g_free(pr);
	return x;
}

static char *t_score(const char *rsc, const char *v)
{
	return g_strdup_printf("<nvpair id=\"ms-%s\" name=\"master-%s\" value=\"%s\"/>"
			       "</instance_attributes></transient_attributes>", rsc, rsc, v);
}

/* S:0 on n1 (promoted or not), S:1 on n2, with promotion scores. */
static struct cib *two(const char *meta, int promoted0, const char *score1, const char *score2, const char *cons,
		       const char *extra_rsc)
{
	char *ms = t_ms(meta);
	if (extra_rsc)
		ms = t_cat(ms, g_strdup(extra_rsc));
	char *a1 = score1 ? t_score("S", score1) : NULL, *a2 = score2 ? t_score("S", score2) : NULL;
	char *i0 = t_inst("S:0", promoted0), *i1 = t_inst("S:1", 0);
	char *st = t_cat(t_cat(t_node("n1", i0, a1), t_node("n2", i1, a2)), t_node("n3", NULL, NULL));
	struct cib *c = t_cib(NULL, ms, cons, st);
	g_free(ms);
	g_free(a1);
	g_free(a2);
	g_free(i0);
	g_free(i1);
	g_free(st);
	return c;
}

static void test_roles(void)
{
	CHECK(pe_role_parse("Master") == PE_ROLE_PROMOTED);
	CHECK(pe_role_parse("promoted") == PE_ROLE_PROMOTED);
	CHECK(pe_role_parse("Slave") == PE_ROLE_UNPROMOTED);
	CHECK(pe_role_parse("Unpromoted") == PE_ROLE_UNPROMOTED);
	CHECK(pe_role_parse("Started") == PE_ROLE_STARTED);
	CHECK(pe_role_parse(NULL) == PE_ROLE_UNKNOWN);
	CHECK_STR(pe_role_name(PE_ROLE_PROMOTED), "Promoted");
	CHECK_STR(pe_role_name(PE_ROLE_UNPROMOTED), "Unpromoted");

	/* rc 8 of the recurring monitor: running promoted. */
	struct cib *c = two(NULL, 1, "10", "5", NULL, NULL);
	struct pe_ws *ws = pe_run(c, NULL);
	struct pe_rsc *s0 = pe_find_rsc(ws, "S:0"), *s1 = pe_find_rsc(ws, "S:1");
	CHECK(s0 && s0->promoted_on && !strcmp(s0->promoted_on->uname, "n1"));
	CHECK(s1 && !s1->promoted_on);
	CHECK(pe_role_now(s0) == PE_ROLE_PROMOTED && pe_role_now(s1) == PE_ROLE_UNPROMOTED);
	/* The better score is where it already is: nothing to do. */
	CHECK(s0->promote_next && !s1->promote_next);
	char *s = t_summary(ws);
	CHECK(!t_has(s, "Promote") && !t_has(s, "Demote"));
	g_free(s);
	pe_free(ws);
	cib_free(c);
}

static void test_promotion(void)
{
	/* Both unpromoted: the higher score is promoted. */
	struct cib *c = two(NULL, 0, "5", "10", NULL, NULL);
	struct pe_ws *ws = pe_run(c, NULL);
	char *s = t_summary(ws);
	CHECK(t_has(s, "* Promote S:1 ( Unpromoted -> Promoted n2 )"));
	CHECK(!t_has(s, "S:0"));
	g_free(s);
	char *a = t_actions(ws);
	if (getenv("T_DEBUG"))
		printf("%s", a);
	CHECK(t_has(a, "S:1_promote_0 n2\n"));
	/* The promoted role's monitor, the unpromoted one cancelled. */
	CHECK(t_has(a, "S:1_monitor_5000 n2\n"));
	CHECK(t_has(a, "S:1_monitor_10000 n2\n")); /* the cancel's key */
	CHECK(t_has(a, "ms_promote_0 -\n") && t_has(a, "ms_promoted_0 -\n"));
	g_free(a);
	pe_free(ws);
	cib_free(c);

	/* Promoted on n1, n2 scores better now: demote there, promote here. */
	c = two(NULL, 1, "5", "10", NULL, NULL);
	ws = pe_run(c, NULL);
	s = t_summary(ws);
	CHECK(t_has(s, "* Demote S:0 ( Promoted -> Unpromoted n1 )"));
	CHECK(t_has(s, "* Promote S:1 ( Unpromoted -> Promoted n2 )"));
	g_free(s);
	a = t_actions(ws);
	char *d = strstr(a, "S:0_demote_0 n1"), *p = strstr(a, "S:1_promote_0 n2");
	CHECK(d && p && d < p); /* demote first (the clone's demoted before its promote) */
	g_free(a);
	pe_free(ws);
	cib_free(c);

	/* No promotion score at all: nobody is promoted. */
	c = two(NULL, 0, NULL, NULL, NULL, NULL);
	ws = pe_run(c, NULL);
	s = t_summary(ws);
	CHECK(!t_has(s, "Promote"));
	g_free(s);
	pe_free(ws);
	cib_free(c);

	/* promoted-max 0: nobody either. */
	c = two("<nvpair id=\"ms-pm\" name=\"promoted-max\" value=\"0\"/>", 0, "5", "10", NULL, NULL);
	ws = pe_run(c, NULL);
	CHECK(!pe_find_rsc(ws, "S:0")->promote_next && !pe_find_rsc(ws, "S:1")->promote_next);
	pe_free(ws);
	cib_free(c);

	/* The 0.6 spelling master-max 2 promotes both. */
	c = two("<nvpair id=\"ms-pm\" name=\"master-max\" value=\"2\"/>", 0, "5", "10", NULL, NULL);
	ws = pe_run(c, NULL);
	CHECK(pe_find_rsc(ws, "S:0")->promote_next && pe_find_rsc(ws, "S:1")->promote_next);
	pe_free(ws);
	cib_free(c);

	/* Stopping a promoted instance shows its role. */
	c = two("<nvpair id=\"ms-tr\" name=\"target-role\" value=\"Stopped\"/>", 1, "5", "10", NULL, NULL);
	ws = pe_run(c, NULL);
	s = t_summary(ws);
	CHECK(t_has(s, "* Stop S:0 ( Promoted n1 ) due to node availability"));
	CHECK(t_has(s, "* Stop S:1 ( Unpromoted n2 ) due to node availability"));
	g_free(s);
	a = t_actions(ws);
	d = strstr(a, "S:0_demote_0 n1");
	p = strstr(a, "S:0_stop_0 n1");
	CHECK(d && p && d < p); /* demote before stop */
	g_free(a);
	pe_free(ws);
	cib_free(c);
}

/* An instance is known on its node by the history where it is active:
 * a probe-only history under another instance's name there does not give
 * it that name (nor that name's promotion score). */
static void test_history_names(void)
{
	char *ms = t_ms(NULL);
	char *probe = g_strdup("<lrm_resource id=\"S:0\" class=\"ocf\" provider=\"pacemaker\" type=\"Stateful\">"
			       "<lrm_rsc_op id=\"S:0_monitor_0\" operation=\"monitor\" interval=\"0\" call-id=\"1\" "
			       "rc-code=\"7\" op-status=\"0\" transition-key=\"1:1:7:x\"/></lrm_resource>");
	char *i1 = t_cat(probe, t_inst("S:1", 1)), *i0 = t_inst("S:0", 0);
	char *a1 = g_strdup_printf("<nvpair id=\"ms-S1\" name=\"master-S:1\" value=\"10\"/>"
				   "</instance_attributes></transient_attributes>");
	char *a2 = g_strdup_printf("<nvpair id=\"ms-S0\" name=\"master-S:0\" value=\"10\"/>"
				   "</instance_attributes></transient_attributes>");
	/* n2's status first: its S:0 takes that name before n1's probe. */
	char *st = t_cat(t_cat(t_node("n2", i0, a2), t_node("n1", i1, a1)), t_node("n3", NULL, NULL));
	struct cib *c = t_cib(NULL, ms, NULL, st);
	struct pe_ws *ws = pe_run(c, NULL);
	char *s = t_summary(ws);
	CHECK(!t_has(s, "Promote"));
	CHECK(!t_has(s, "Demote"));
	g_free(s);
	pe_free(ws);
	cib_free(c);
	g_free(ms);
	g_free(i0);
	g_free(i1);
	g_free(a1);
	g_free(a2);
	g_free(st);
}

static void test_constraints(void)
{
	/* A location rule for the Promoted role decides without scores. */
	struct cib *c = two(NULL, 0, NULL, NULL,
			    "<rsc_location id=\"l\" rsc=\"ms\"><rule id=\"r\" role=\"Promoted\" score=\"100\">"
			    "<expression id=\"e\" attribute=\"#uname\" operation=\"eq\" value=\"n1\"/></rule></rsc_location>",
			    NULL);
	struct pe_ws *ws = pe_run(c, NULL);
	char *s = t_summary(ws);
	CHECK(t_has(s, "* Promote S:0 ( Unpromoted -> Promoted n1 )"));
	g_free(s);
	pe_free(ws);
	cib_free(c);

	/* A resource colocated with the promoted role goes where it is. */
	char *a = t_prim("A", NULL);
	c = two(NULL, 0, "5", "10",
		"<rsc_colocation id=\"c\" rsc=\"A\" with-rsc=\"ms\" with-rsc-role=\"Promoted\" score=\"INFINITY\"/>", a);
	ws = pe_run(c, NULL);
	CHECK_STR(t_where(ws, "A"), "n2");
	pe_free(ws);
	cib_free(c);

	/* The promoted role colocated with a resource: promoted where it is. */
	c = two(NULL, 0, "5", "10",
		"<rsc_location id=\"l\" rsc=\"A\" node=\"n1\" score=\"100\"/>"
		"<rsc_colocation id=\"c\" rsc=\"ms\" rsc-role=\"Promoted\" with-rsc=\"A\" score=\"INFINITY\"/>", a);
	ws = pe_run(c, NULL);
	CHECK_STR(t_where(ws, "A"), "n1");
	CHECK(pe_find_rsc(ws, "S:0")->promote_next && !pe_find_rsc(ws, "S:1")->promote_next);
	pe_free(ws);
	cib_free(c);

	/* The unpromoted role colocated with a resource: the instance there
	 * is not promoted, another one is. */
	c = two(NULL, 1, "10", "5",
		"<rsc_location id=\"l\" rsc=\"A\" node=\"n1\" score=\"100\"/>"
		"<rsc_colocation id=\"c\" rsc=\"ms\" rsc-role=\"Unpromoted\" with-rsc=\"A\" score=\"INFINITY\"/>", a);
	ws = pe_run(c, NULL);
	CHECK(!pe_find_rsc(ws, "S:0")->promote_next && pe_find_rsc(ws, "S:1")->promote_next);
	pe_free(ws);
	cib_free(c);

	/* A resource with the promoted role that may not run where the
	 * promoted instance is pulls the promotion to where it may. */
	c = two(NULL, 1, "10", "10",
		"<rsc_location id=\"l\" rsc=\"A\" node=\"n1\" score=\"-INFINITY\"/>"
		"<rsc_colocation id=\"c\" rsc=\"A\" with-rsc=\"ms\" with-rsc-role=\"Promoted\" score=\"INFINITY\"/>", a);
	ws = pe_run(c, NULL);
	CHECK(!pe_find_rsc(ws, "S:0")->promote_next && pe_find_rsc(ws, "S:1")->promote_next);
	CHECK_STR(t_where(ws, "A"), "n2");
	pe_free(ws);
	cib_free(c);

	/* Equal candidates: the one where the clone's dependents would rather
	 * be (whatever the role they are colocated with) is promoted. */
	c = two(NULL, 0, "10", "10",
		"<rsc_location id=\"l\" rsc=\"A\" node=\"n2\" score=\"100\"/>"
		"<rsc_colocation id=\"c\" rsc=\"A\" with-rsc=\"ms\" score=\"INFINITY\"/>", a);
	ws = pe_run(c, NULL);
	CHECK(!pe_find_rsc(ws, "S:0")->promote_next && pe_find_rsc(ws, "S:1")->promote_next);
	pe_free(ws);
	cib_free(c);

	/* A start ordered after the promotion waits for the promote. */
	c = two(NULL, 0, "5", "10",
		"<rsc_order id=\"o\" first=\"ms\" first-action=\"promote\" then=\"A\" then-action=\"start\"/>", a);
	ws = pe_run(c, NULL);
	char *acts = t_actions(ws);
	char *p = strstr(acts, "S:1_promote_0 n2"), *st = strstr(acts, "A_start_0");
	CHECK(p && st && p < st);
	g_free(acts);
	pe_free(ws);
	cib_free(c);
	g_free(a);
}

/* A new instance goes where its promotion score is highest (Pacemaker adds
 * the scores to the weights of the instances it has yet to place); a
 * running one keeps its node. */
static void test_placement_by_score(void)
{
	char *ms = t_ms("<nvpair id=\"ms-cm1\" name=\"clone-max\" value=\"1\"/>");
	/* clone-max twice in one set: the later wins in the CIB reader too */
	char *s10 = t_score("S", "10"), *s100 = t_score("S", "100"), *s5 = t_score("S", "5");
	char *st = t_cat(t_cat(t_node("n1", NULL, s10), t_node("n2", NULL, s100)), t_node("n3", NULL, NULL));
	struct cib *c = t_cib(NULL, ms, NULL, st);
	struct pe_ws *ws = pe_run(c, NULL);
	char *s = t_summary(ws);
	if (getenv("T_DEBUG"))
		printf("%s", s);
	CHECK(t_has(s, "* Promote S:0 ( Stopped -> Promoted n2 )"));
	g_free(s);
	pe_free(ws);
	cib_free(c);
	g_free(ms);
	g_free(st);
	/* running instances stay: S:0 on n1, S:1 on n2, a higher score on n3 */
	char *i0 = t_inst("S:0", 0), *i1 = t_inst("S:1", 0);
	ms = t_ms(NULL);
	st = t_cat(t_cat(t_node("n1", i0, s5), t_node("n2", i1, NULL)), t_node("n3", NULL, s100));
	c = t_cib(NULL, ms, NULL, st);
	ws = pe_run(c, NULL);
	s = t_summary(ws);
	CHECK(!t_has(s, "n3"));
	CHECK(t_has(s, "* Promote S:0 ( Unpromoted -> Promoted n1 )"));
	g_free(s);
	pe_free(ws);
	cib_free(c);
	g_free(ms);
	g_free(st);
	g_free(i0);
	g_free(i1);
	g_free(s5);
	g_free(s10);
	g_free(s100);
}

int main(void)
{
	test_roles();
	test_placement_by_score();
	test_promotion();
	test_constraints();
	test_history_names();
	return T_DONE();
}
