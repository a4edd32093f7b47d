/* Unit tests of decisions Pacemaker 2.1.5 makes that the corpus showed we
 * made differently: a blocked clone instance does not carry what must run
 * with the clone; a negative colocation set keeps every member apart; on a
 * node to be fenced on-fail asks for nothing; mandatory anti-colocation
 * and fencing order starts; monitors missing from the history (or whose
 * failure expired) are scheduled; a failure of parameters since changed
 * has its fail count cleared; partial and failed migrations in the history;
 * a second instance history on a node is an orphan instance; probes in a
 * clone come before its start; interleaved clones stay ordered as clones;
 * a clone's negative score bars its instances. */
#include "check.h"
#include "test_pe_common.c"

static int ordered(struct pe_ws *ws, enum pe_task ft, const char *frsc, enum pe_task tt, const char *trsc)
{
	for (guint i = 0; i < ws->orders->len; i++) {
		struct pe_order *o = g_ptr_array_index(ws->orders, i);
		if (o->first->task != ft || o->then->task != tt || !o->then->rsc)
			continue;
		if (frsc && (!o->first->rsc || strcmp(o->first->rsc->id, frsc)))
			continue;
		if (!strcmp(o->then->rsc->id, trsc))
			return 1;
	}
	return 0;
}

/* A started, then its recurring monitor failed (rc 1). */
static char *failed_monitor(const char *id)
{
	return g_strdup_printf("<lrm_resource id=\"%s\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\">"
			       "<lrm_rsc_op id=\"%s_start_0\" operation=\"start\" interval=\"0\" call-id=\"1\" rc-code=\"0\" "
			       "op-status=\"0\" transition-key=\"1:1:0:x\"/><lrm_rsc_op id=\"%s_monitor_10000\" "
			       "operation=\"monitor\" interval=\"10000\" call-id=\"2\" rc-code=\"1\" op-status=\"0\" "
			       "transition-key=\"2:1:0:x\"/></lrm_resource>", id, id, id);
}

static void test_blocked_instance(void)
{
	const char *rscs = "<clone id=\"C\"><meta_attributes id=\"cm\"><nvpair id=\"cm1\" name=\"clone-max\" value=\"1\"/>"
			   "</meta_attributes><primitive id=\"cd\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\">"
			   "<operations><op id=\"cd-mon\" name=\"monitor\" interval=\"10s\" on-fail=\"block\"/>"
			   "</operations></primitive></clone>"
			   "<primitive id=\"D\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\"/>";
	const char *cons = "<rsc_colocation id=\"dc\" rsc=\"D\" with-rsc=\"C\" score=\"INFINITY\"/>";
	char *st = t_cat(t_cat(t_node_own("n1", t_cat(failed_monitor("cd"), t_running("D")), NULL), t_node("n2", NULL, NULL)),
			 t_node("n3", NULL, NULL));
	struct cib *c = t_cib(NULL, rscs, cons, st);
	struct pe_ws *ws = pe_run(c, NULL);
	/* The blocked instance stays; D, which needs an unblocked one, stops. */
	CHECK_STR(t_where(ws, "cd:0"), "n1");
	CHECK_STR(t_where(ws, "D"), "");
	char *s = t_summary(ws);
	CHECK(t_has(s, "* Stop D ( n1 ) due to node availability"));
	g_free(s);
	pe_free(ws);
	cib_free(c);
	g_free(st);
}

static void test_negative_set(void)
{
	char *rscs = t_cat(t_cat(t_prim("r1", NULL), t_prim("r2", NULL)), t_prim("r3", NULL));
	const char *cons = "<rsc_location id=\"l1\" rsc=\"r1\" node=\"n1\" score=\"100\"/>"
			   "<rsc_location id=\"l2\" rsc=\"r2\" node=\"n2\" score=\"100\"/>"
			   "<rsc_location id=\"l3\" rsc=\"r3\" node=\"n1\" score=\"50\"/>"
			   "<rsc_colocation id=\"apart\" score=\"-INFINITY\"><resource_set id=\"s\">"
			   "<resource_ref id=\"r1\"/><resource_ref id=\"r2\"/><resource_ref id=\"r3\"/>"
			   "</resource_set></rsc_colocation>";
	struct cib *c = t_cib(NULL, rscs, cons, NULL);
	struct pe_ws *ws = pe_run(c, NULL);
	/* r3 is kept from r1 too, not only from the member before it. */
	CHECK_STR(t_where(ws, "r1"), "n1");
	CHECK_STR(t_where(ws, "r2"), "n2");
	CHECK_STR(t_where(ws, "r3"), "n3");
	pe_free(ws);
	cib_free(c);
	g_free(rscs);
}

/* n1 left without a clean shutdown: fenced (stonith on). */
static char *unclean_n1(const char *lrm)
{
	return g_strdup_printf("<node_state id=\"n1\" uname=\"n1\" in_ccm=\"false\" crmd=\"offline\" join=\"member\" "
			       "expected=\"member\"><lrm id=\"n1\"><lrm_resources>%s</lrm_resources></lrm></node_state>",
			       lrm);
}

static const char *stonith_on = "<nvpair id=\"se\" name=\"stonith-enabled\" value=\"true\"/>";

static void test_unclean_ignores_on_fail(void)
{
	const char *rscs = "<primitive id=\"F\" class=\"stonith\" type=\"dummy\"/>"
			   "<primitive id=\"A\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\"><operations>"
			   "<op id=\"A-stop\" name=\"stop\" interval=\"0\" on-fail=\"block\"/></operations></primitive>";
	char *stop = g_strdup("<lrm_resource id=\"A\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\">"
			      "<lrm_rsc_op id=\"A_stop_0\" operation=\"stop\" interval=\"0\" call-id=\"1\" rc-code=\"1\" "
			      "op-status=\"4\" transition-key=\"1:1:0:x\"/></lrm_resource>");
	char *st = t_cat(t_cat(unclean_n1(stop), t_node("n2", NULL, NULL)), t_node("n3", NULL, NULL));
	g_free(stop);
	struct cib *c = t_cib(stonith_on, rscs, NULL, st);
	CHECK(c != NULL);
	struct pe_ws *ws = pe_run(c, NULL);
	/* Its failed stop would block it; fencing n1 stops it instead, and
	 * it starts elsewhere. */
	CHECK(pe_find_node(ws, "n1")->fence);
	CHECK(strcmp(t_where(ws, "A"), "") && strcmp(t_where(ws, "A"), "n1"));
	char *s = t_summary(ws);
	CHECK(t_has(s, "* Move A ( n1 -> "));
	/* A requires fencing: its start waits for it; the fencing device
	 * (requires quorum), unknown on n1, waits too. */
	CHECK(ordered(ws, PE_FENCE, NULL, PE_START, "A"));
	CHECK(ordered(ws, PE_FENCE, NULL, PE_START, "F"));
	g_free(s);
	pe_free(ws);
	cib_free(c);
	g_free(st);
}

static void test_anti_colocation_order(void)
{
	char *rscs = t_cat(t_prim("A", "<nvpair id=\"ta\" name=\"target-role\" value=\"Stopped\"/>"), t_prim("B", NULL));
	const char *cons = "<rsc_location id=\"lb\" rsc=\"B\" node=\"n1\" score=\"INFINITY\"/>"
			   "<rsc_colocation id=\"ab\" rsc=\"A\" with-rsc=\"B\" score=\"-INFINITY\"/>";
	char *st = t_cat(t_cat(t_node_own("n1", t_running("A"), NULL), t_node("n2", NULL, NULL)), t_node("n3", NULL, NULL));
	struct cib *c = t_cib(NULL, rscs, cons, st);
	struct pe_ws *ws = pe_run(c, NULL);
	/* B takes n1 only after A has left it. */
	CHECK_STR(t_where(ws, "B"), "n1");
	CHECK(ordered(ws, PE_STOP, "A", PE_START, "B"));
	pe_free(ws);
	cib_free(c);
	/* Advisory: no such order. */
	g_free(st);
	st = t_cat(t_cat(t_node_own("n1", t_running("A"), NULL), t_node("n2", NULL, NULL)), t_node("n3", NULL, NULL));
	c = t_cib(NULL, rscs, "<rsc_location id=\"lb\" rsc=\"B\" node=\"n1\" score=\"INFINITY\"/>"
		  "<rsc_colocation id=\"ab\" rsc=\"A\" with-rsc=\"B\" score=\"-100\"/>", st);
	ws = pe_run(c, NULL);
	CHECK(!ordered(ws, PE_STOP, "A", PE_START, "B"));
	pe_free(ws);
	cib_free(c);
	g_free(st);
	g_free(rscs);
}

static int has_monitor(struct pe_ws *ws, const char *rsc, const char *node, long long interval)
{
	for (guint i = 0; i < ws->actions->len; i++) {
		struct pe_action *a = g_ptr_array_index(ws->actions, i);
		if (a->task == PE_MONITOR && a->rsc && !strcmp(a->rsc->id, rsc) && a->node &&
		    !strcmp(a->node->uname, node) && a->interval_ms == interval && !a->optional && a->runnable)
			return 1;
	}
	return 0;
}

/* A configured monitor not recurring where the resource stays is scheduled
 * (another interval recurring there is not it); one whose failure expired
 * (failure-timeout) is scheduled again. */
static void test_monitors_scheduled(void)
{
	char *a = t_prim("A", NULL); /* monitor every 10s */
	char *lrm = g_strdup("<lrm_resource id=\"A\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\">"
			     "<lrm_rsc_op id=\"A_start_0\" operation=\"start\" interval=\"0\" call-id=\"1\" rc-code=\"0\" "
			     "op-status=\"0\" transition-key=\"1:1:0:x\"/><lrm_rsc_op id=\"A_monitor_5000\" "
			     "operation=\"monitor\" interval=\"5000\" call-id=\"2\" rc-code=\"0\" op-status=\"0\" "
			     "transition-key=\"2:1:0:x\"/></lrm_resource>");
	char *st = t_cat(t_cat(t_node("n1", lrm, NULL), t_node("n2", NULL, NULL)), t_node("n3", NULL, NULL));
	struct cib *c = t_cib(NULL, a, "<rsc_location id=\"l\" rsc=\"A\" node=\"n1\" score=\"100\"/>", st);
	struct pe_ws *ws = pe_run(c, NULL);
	CHECK_STR(t_where(ws, "A"), "n1");
	CHECK(has_monitor(ws, "A", "n1", 10000));
	pe_free(ws);
	cib_free(c);
	g_free(st);
	g_free(lrm);
	g_free(a);
	/* The 10s monitor timed out long ago (failure-timeout 60s). */
	a = t_prim("A", "<nvpair id=\"ft\" name=\"failure-timeout\" value=\"60\"/>");
	lrm = g_strdup("<lrm_resource id=\"A\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\">"
		       "<lrm_rsc_op id=\"A_start_0\" operation=\"start\" interval=\"0\" call-id=\"1\" rc-code=\"0\" "
		       "op-status=\"0\" transition-key=\"1:1:0:x\"/><lrm_rsc_op id=\"A_monitor_10000\" "
		       "operation=\"monitor\" interval=\"10000\" call-id=\"2\" rc-code=\"-2\" op-status=\"2\" "
		       "last-rc-change=\"1000\" transition-key=\"2:1:0:x\"/></lrm_resource>");
	st = t_cat(t_cat(t_node("n1", lrm, NULL), t_node("n2", NULL, NULL)), t_node("n3", NULL, NULL));
	c = t_cib(NULL, a, "<rsc_location id=\"l\" rsc=\"A\" node=\"n1\" score=\"100\"/>", st);
	ws = pe_run(c, NULL);
	CHECK_STR(t_where(ws, "A"), "n1");
	char *s = t_summary(ws);
	CHECK(!t_has(s, "Recover"));
	g_free(s);
	CHECK(has_monitor(ws, "A", "n1", 10000));
	pe_free(ws);
	cib_free(c);
	g_free(st);
	g_free(lrm);
	g_free(a);
}

static int has_clear(struct pe_ws *ws, const char *rsc, const char *node)
{
	for (guint i = 0; i < ws->actions->len; i++) {
		struct pe_action *a = g_ptr_array_index(ws->actions, i);
		if (a->task == PE_CLEAR_FAILCOUNT && a->rsc && !strcmp(a->rsc->id, rsc) && a->node &&
		    !strcmp(a->node->uname, node) && !a->optional)
			return 1;
	}
	return 0;
}

/* A start that failed (fail count INFINITY) with parameters since changed:
 * the fail count is cleared and bans nothing; unchanged, it bans. */
static void test_last_failure_params(void)
{
	const char *rscs = "<primitive id=\"A\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\">"
			   "<instance_attributes id=\"A-i\"><nvpair id=\"A-ip\" name=\"ip\" value=\"10.0.0.1\"/>"
			   "</instance_attributes></primitive>";
	const char *fc = "<nvpair id=\"fc\" name=\"fail-count-A\" value=\"INFINITY\"/>"
			 "<nvpair id=\"lf\" name=\"last-failure-A\" value=\"999000\"/>"
			 "</instance_attributes></transient_attributes>";
	/* md5 of " <parameters/>\n": no parameters when it failed; then of
	 * the parameters it has now. */
	const char *digests[2] = { "f2317cad3d54cec5d7d7aa7d0bf35cf8", NULL };
	struct cib_nvlist now = { g_ptr_array_new() };
	struct cib_nv ip = { "ip", "10.0.0.1" };
	g_ptr_array_add(now.items, &ip);
	char *same = pe_params_digest(&now);
	g_ptr_array_free(now.items, TRUE);
	digests[1] = same;
	for (int k = 0; k < 2; k++) {
		char *lrm = g_strdup_printf("<lrm_resource id=\"A\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\">"
					    "<lrm_rsc_op id=\"A_last_failure_0\" operation=\"start\" interval=\"0\" "
					    "call-id=\"1\" rc-code=\"1\" op-status=\"0\" transition-key=\"1:1:0:x\" "
					    "op-digest=\"%s\"/><lrm_rsc_op id=\"A_last_0\" operation=\"stop\" "
					    "interval=\"0\" call-id=\"2\" rc-code=\"0\" op-status=\"0\" "
					    "transition-key=\"2:1:0:x\"/></lrm_resource>", digests[k]);
		char *st = t_cat(t_cat(t_node("n1", lrm, fc), t_node("n2", NULL, NULL)), t_node("n3", NULL, NULL));
		struct cib *c = t_cib(NULL, rscs, "<rsc_location id=\"l\" rsc=\"A\" node=\"n1\" score=\"100\"/>", st);
		struct pe_ws *ws = pe_run(c, NULL);
		CHECK_INT(has_clear(ws, "A", "n1"), k == 0);
		CHECK_INT(!strcmp(t_where(ws, "A"), "n1"), k == 0);
		pe_free(ws);
		cib_free(c);
		g_free(st);
		g_free(lrm);
	}
	g_free(same);
}

/* One lrm_rsc_op of A (migrations name their source and target). */
static char *mop(const char *op, int call, int rc)
{
	int mig = !strncmp(op, "migrate", 7);
	return g_strdup_printf("<lrm_rsc_op id=\"A_%s_0\" operation=\"%s\" interval=\"0\" call-id=\"%d\" "
			       "rc-code=\"%d\" op-status=\"0\" transition-key=\"%d:1:%d:x\"%s/>",
			       op, strcmp(op, "probe") ? op : "monitor", call, rc, call, strcmp(op, "probe") ? 0 : 7,
			       mig ? " migrate_source=\"n1\" migrate_target=\"n2\"" : "");
}

static char *a_hist(char *ops)
{
	char *x = g_strdup_printf("<lrm_resource id=\"A\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\">%s"
				  "</lrm_resource>", ops);
	g_free(ops);
	return x;
}

static int count_task(struct pe_ws *ws, enum pe_task t, const char *node)
{
	int k = 0;
	for (guint i = 0; i < ws->actions->len; i++) {
		struct pe_action *a = g_ptr_array_index(ws->actions, i);
		if (a->task == t && a->rsc && !strcmp(a->rsc->id, "A") && a->node && !strcmp(a->node->uname, node) &&
		    !a->optional && a->runnable && !a->pseudo)
			k++;
	}
	return k;
}

/* A (allow-migrate, preferring n2) was migrating from n1 to n2. */
static struct pe_ws *migrating(char *n1_ops, char *n2_ops, struct cib **cp)
{
	char *a = t_prim("A", "<nvpair id=\"am\" name=\"allow-migrate\" value=\"true\"/>");
	char *st = t_cat(t_cat(t_node("n1", n1_ops, NULL), t_node("n2", n2_ops, NULL)),
			 t_node_own("n3", t_op("A", "monitor", 0, 1, 7, 7), NULL));
	*cp = t_cib(NULL, a, "<rsc_location id=\"l\" rsc=\"A\" node=\"n2\" score=\"100\"/>", st);
	g_free(a);
	g_free(st);
	g_free(n1_ops);
	g_free(n2_ops);
	return pe_run(*cp, NULL);
}

static void test_migration_history(void)
{
	struct cib *c;
	/* migrate_to done, no migrate_from yet: the migration goes on. */
	struct pe_ws *ws = migrating(a_hist(t_cat(mop("start", 2, 0), mop("migrate_to", 3, 0))),
				     a_hist(mop("probe", 1, 7)), &c);
	char *s = t_summary(ws);
	CHECK(t_has(s, "* Migrate A ( n1 -> n2 )"));
	CHECK_INT(count_task(ws, PE_MIGRATE_TO, "n1"), 0);
	CHECK_INT(count_task(ws, PE_MIGRATE_FROM, "n2"), 1);
	CHECK_INT(count_task(ws, PE_STOP, "n1"), 1);
	CHECK_INT(count_task(ws, PE_STOP, "n2"), 0);
	g_free(s);
	pe_free(ws);
	cib_free(c);
	/* The migrate_from failed: active (failed) on both, recovered. */
	ws = migrating(a_hist(t_cat(mop("start", 2, 0), mop("migrate_to", 3, 0))),
		       a_hist(t_cat(mop("probe", 1, 7), mop("migrate_from", 4, 1))), &c);
	s = t_summary(ws);
	CHECK(t_has(s, "* Recover A ( n2 )"));
	CHECK_INT(count_task(ws, PE_STOP, "n1") + count_task(ws, PE_STOP, "n2"), 2);
	g_free(s);
	pe_free(ws);
	cib_free(c);
	/* ... and stopped on the target since: failed on the source. */
	ws = migrating(a_hist(t_cat(mop("start", 2, 0), mop("migrate_to", 3, 0))),
		       a_hist(t_cat(t_cat(mop("probe", 1, 7), mop("migrate_from", 4, 1)), mop("stop", 5, 0))), &c);
	s = t_summary(ws);
	CHECK(t_has(s, "* Recover A ( n1 -> n2 )"));
	g_free(s);
	pe_free(ws);
	cib_free(c);
	/* The migrate_to failed: it may be active on the target too. */
	ws = migrating(a_hist(t_cat(mop("start", 2, 0), mop("migrate_to", 3, 1))), a_hist(mop("probe", 1, 7)), &c);
	CHECK_INT(count_task(ws, PE_STOP, "n1") + count_task(ws, PE_STOP, "n2"), 2);
	pe_free(ws);
	cib_free(c);
}

/* A cloned group with two instance histories of its members on one node
 * (clone-node-max 1): the second is an orphan group instance, stopped even
 * with stop-orphan-resources=false. */
static void test_clone_orphan_group(void)
{
	char *m1 = t_prim("m1", NULL), *m2 = t_prim("m2", NULL);
	char *rscs = g_strdup_printf("<clone id=\"C\"><meta_attributes id=\"cm\"><nvpair id=\"cm1\" name=\"clone-max\" "
				     "value=\"2\"/></meta_attributes><group id=\"G\">%s%s</group></clone>", m1, m2);
	char *lrm = t_cat(t_cat(t_running("m1:0"), t_running("m2:0")), t_cat(t_running("m1:1"), t_running("m2:1")));
	char *st = t_cat(t_cat(t_node("n1", lrm, NULL), t_node("n2", NULL, NULL)), t_node("n3", NULL, NULL));
	struct cib *c = t_cib("<nvpair id=\"so\" name=\"stop-orphan-resources\" value=\"false\"/>", rscs, NULL, st);
	struct pe_ws *ws = pe_run(c, NULL);
	char *s = t_summary(ws);
	CHECK(t_has(s, "* Stop m1:2 ( n1 ) due to node availability"));
	CHECK(t_has(s, "* Stop m2:2 ( n1 ) due to node availability"));
	CHECK_STR(t_where(ws, "m1:0"), "n1");
	g_free(s);
	pe_free(ws);
	cib_free(c);
	g_free(st);
	g_free(lrm);
	g_free(rscs);
	g_free(m1);
	g_free(m2);
}

/* A probe of a clone's member comes before the clone starts at all. */
static void test_probe_before_clone_start(void)
{
	char *m1 = t_prim("m1", NULL), *m2 = t_prim("m2", NULL);
	char *rscs = g_strdup_printf("<clone id=\"C\"><group id=\"G\">%s%s</group></clone>", m1, m2);
	struct cib *c = t_cib(NULL, rscs, NULL, NULL);
	struct pe_ws *ws = pe_run(c, NULL);
	int found = 0;
	for (guint i = 0; i < ws->orders->len; i++) {
		struct pe_order *o = g_ptr_array_index(ws->orders, i);
		if (o->first->task == PE_PROBE && o->first->rsc && !strncmp(o->first->rsc->id, "m2:", 3) &&
		    o->then->task == PE_START_P && o->then->rsc && !strcmp(o->then->rsc->id, "C"))
			found++;
	}
	CHECK_INT(found, 3); /* one probe of m2 per node */
	pe_free(ws);
	cib_free(c);
	g_free(rscs);
	g_free(m1);
	g_free(m2);
}

/* Interleaved clones: instances are ordered pairwise, and the clones
 * themselves stay ordered (A running before B starts, B stopped before A
 * stops), implying nothing. */
static void test_interleave_keeps_clone_order(void)
{
	char *a = t_prim("a", NULL), *b = t_prim("b", NULL);
	char *rscs = g_strdup_printf("<clone id=\"A\">%s</clone><clone id=\"B\"><meta_attributes id=\"bm\">"
				     "<nvpair id=\"bi\" name=\"interleave\" value=\"true\"/></meta_attributes>%s</clone>",
				     a, b);
	struct cib *c = t_cib(NULL, rscs, "<rsc_order id=\"o\" first=\"A\" then=\"B\"/>", NULL);
	struct pe_ws *ws = pe_run(c, NULL);
	int fwd = 0, back = 0;
	for (guint i = 0; i < ws->orders->len; i++) {
		struct pe_order *o = g_ptr_array_index(ws->orders, i);
		if (!o->first->rsc || !o->then->rsc)
			continue;
		if (o->first->task == PE_RUNNING && !strcmp(o->first->rsc->id, "A") && o->then->task == PE_START_P &&
		    !strcmp(o->then->rsc->id, "B"))
			fwd = 1;
		if (o->first->task == PE_STOPPED && !strcmp(o->first->rsc->id, "B") && o->then->task == PE_STOP_P &&
		    !strcmp(o->then->rsc->id, "A"))
			back = 1;
	}
	CHECK(fwd);
	CHECK(back);
	pe_free(ws);
	cib_free(c);
	g_free(rscs);
	g_free(a);
	g_free(b);
}

/* A clone's own negative score on a node keeps every instance off it,
 * however sticky the instance running there is. */
static void test_clone_negative_score(void)
{
	char *p = t_prim("cp", "<nvpair id=\"st\" name=\"resource-stickiness\" value=\"200\"/>");
	char *rscs = g_strdup_printf("<clone id=\"C\"><meta_attributes id=\"cm\"><nvpair id=\"cm1\" "
				     "name=\"clone-max\" value=\"1\"/></meta_attributes>%s</clone>", p);
	char *st = t_cat(t_cat(t_node("n1", NULL, NULL), t_node_own("n2", t_running("cp"), NULL)), t_node("n3", NULL, NULL));
	struct cib *c = t_cib(NULL, rscs, "<rsc_location id=\"l\" rsc=\"C\" node=\"n2\" score=\"-50\"/>", st);
	struct pe_ws *ws = pe_run(c, NULL);
	CHECK(strcmp(t_where(ws, "cp:0"), "n2") && strcmp(t_where(ws, "cp:0"), ""));
	pe_free(ws);
	cib_free(c);
	/* A positive one is no bar: it stays. */
	c = t_cib(NULL, rscs, "<rsc_location id=\"l\" rsc=\"C\" node=\"n1\" score=\"50\"/>", st);
	ws = pe_run(c, NULL);
	CHECK_STR(t_where(ws, "cp:0"), "n2");
	pe_free(ws);
	cib_free(c);
	g_free(st);
	g_free(rscs);
	g_free(p);
}

/* A colocation loop back to the resource being placed folds its own
 * scores in, scaled (the -100 of r3 with r0 takes one point from r3's own
 * preference for n2, so n3 wins the tie). */
static void test_colocation_loop_back(void)
{
	char *rscs = t_cat(t_prim("r0", NULL), t_prim("r3", NULL));
	const char *cons = "<rsc_location id=\"l3\" rsc=\"r3\" node=\"n2\" score=\"50\"/>"
			   "<rsc_location id=\"l0\" rsc=\"r0\" node=\"n3\" score=\"50\"/>"
			   "<rsc_colocation id=\"c0\" rsc=\"r0\" with-rsc=\"r3\" score=\"INFINITY\"/>"
			   "<rsc_colocation id=\"c1\" rsc=\"r3\" with-rsc=\"r0\" score=\"-100\"/>";
	struct cib *c = t_cib(NULL, rscs, cons, NULL);
	struct pe_ws *ws = pe_run(c, NULL);
	CHECK_STR(t_where(ws, "r3"), "n3");
	CHECK_STR(t_where(ws, "r0"), "n3");
	pe_free(ws);
	cib_free(c);
	g_free(rscs);
}

int main(void)
{
	test_blocked_instance();
	test_negative_set();
	test_unclean_ignores_on_fail();
	test_anti_colocation_order();
	test_monitors_scheduled();
	test_last_failure_params();
	test_migration_history();
	test_clone_orphan_group();
	test_probe_before_clone_start();
	test_interleave_keeps_clone_order();
	test_clone_negative_score();
	test_colocation_loop_back();
	return T_DONE();
}
