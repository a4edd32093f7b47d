/* Unit tests of clone notifications (notify=true): which pre/post
 * notifications a transition gets, who is told, how they are ordered, and
 * the CRM_meta_notify_* lists the graph gives the agents. */
#include "check.h"
#include "test_pe_common.c"

/* ms: a promotable clone of S with two instances (notify as given), a
 * monitor for each role. */
static char *n_ms(int notify)
{
	return g_strdup_printf("<clone id=\"ms\"><meta_attributes id=\"ms-m\"><nvpair id=\"ms-p\" name=\"promotable\" "
			       "value=\"true\"/><nvpair id=\"ms-cm\" name=\"clone-max\" value=\"2\"/>"
			       "<nvpair id=\"ms-n\" name=\"notify\" value=\"%s\"/></meta_attributes>"
			       "<primitive id=\"S\" class=\"ocf\" provider=\"pacemaker\" type=\"Stateful\"><operations>"
			       "<op id=\"S-m5\" name=\"monitor\" interval=\"5s\" role=\"Promoted\"/>"
			       "<op id=\"S-m10\" name=\"monitor\" interval=\"10s\" role=\"Unpromoted\"/>"
			       "</operations></primitive></clone>", notify ? "true" : "false");
}

/* An instance running unpromoted, its monitor active. */
static char *n_inst(const char *id)
{
	return g_strdup_printf("<lrm_resource id=\"%s\" class=\"ocf\" provider=\"pacemaker\" type=\"Stateful\">"
			       "<lrm_rsc_op id=\"%s_start_0\" operation=\"start\" interval=\"0\" call-id=\"1\" "
			       "rc-code=\"0\" op-status=\"0\" transition-key=\"1:1:0:x\"/>"
			       "<lrm_rsc_op id=\"%s_monitor_10000\" operation=\"monitor\" interval=\"10000\" call-id=\"2\" "
			       "rc-code=\"0\" op-status=\"0\" transition-key=\"1:1:0:x\"/></lrm_resource>", id, id, id);
}

static char *n_score(const char *v)
{
	return g_strdup_printf("<nvpair id=\"ms-S\" name=\"master-S\" value=\"%s\"/>"
			       "</instance_attributes></transient_attributes>", v);
}

/* S:0 running on n1 with promotion score 10, S:1 on n2; n3 empty. */
static struct cib *running(int notify, const char *cons)
{
	char *ms = n_ms(notify), *i0 = n_inst("S:0"), *i1 = n_inst("S:1"), *sc = n_score("10");
	char *st = t_cat(t_cat(t_node("n1", i0, sc), t_node("n2", i1, NULL)), t_node("n3", NULL, NULL));
	struct cib *c = t_cib(NULL, ms, cons, st);
	g_free(ms);
	g_free(i0);
	g_free(i1);
	g_free(sc);
	g_free(st);
	return c;
}


static int count(const char *hay, const char *needle)
{
	int n = 0;
	for (const char *p = hay; (p = strstr(p, needle)); p += strlen(needle))
		n++;
	return n;
}

static struct pe_action *find(struct pe_ws *ws, const char *key, const char *node)
{
	for (guint i = 0; i < ws->actions->len; i++) {
		struct pe_action *a = g_ptr_array_index(ws->actions, i);
		char *k = pe_action_key(a);
		int hit = !strcmp(k, key) && (!node || (a->node && !strcmp(a->node->uname, node))) &&
			  !a->optional && a->runnable;
		g_free(k);
		if (hit)
			return a;
	}
	return NULL;
}

/* Does a wait (directly) for b? */
static int waits_for(struct pe_action *a, struct pe_action *b)
{
	for (guint i = 0; a && b && i < a->after->len; i++)
		if (((struct pe_order *)g_ptr_array_index(a->after, i))->first == b)
			return 1;
	return 0;
}

static char *graph(struct pe_ws *ws)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	pe_write_graph_stream(ws, f);
	fclose(f);
	return buf;
}

static void test_names(void)
{
	CHECK_STR(pe_notify_op_name(PE_START, 0), "start");
	CHECK_STR(pe_notify_op_name(PE_START, 1), "running");
	CHECK_STR(pe_notify_op_name(PE_STOP, 1), "stopped");
	CHECK_STR(pe_notify_op_name(PE_PROMOTE, 1), "promoted");
	CHECK_STR(pe_notify_op_name(PE_DEMOTE, 0), "demote");
}

static void test_start(void)
{
	/* Nothing runs: both start; nobody is active to hear the pre
	 * notification, both hear the post one. */
	char *ms = n_ms(1);
	struct cib *c = t_cib(NULL, ms, NULL, NULL);
	struct pe_ws *ws = pe_run(c, NULL);
	char *a = t_actions(ws);
	CHECK(strstr(a, "ms_pre_notify_start_0 -") != NULL);
	CHECK(strstr(a, "ms_confirmed-pre_notify_start_0 -") != NULL);
	CHECK(strstr(a, "ms_post_notify_running_0 -") != NULL);
	CHECK(strstr(a, "ms_confirmed-post_notify_running_0 -") != NULL);
	CHECK_INT(count(a, "_pre_notify_start_0 n"), 0);
	CHECK_INT(count(a, "_post_notify_start_0 n"), 2);
	/* The clone's start waits for the pre notification's confirmation;
	 * the post notification for the clone's running. */
	CHECK(waits_for(find(ws, "ms_start_0", NULL), find(ws, "ms_confirmed-pre_notify_start_0", NULL)));
	CHECK(waits_for(find(ws, "ms_post_notify_running_0", NULL), find(ws, "ms_running_0", NULL)));
	/* Nothing is promoted (no scores): no promote notifications. */
	CHECK_INT(count(a, "notify_promote"), 0);
	g_free(a);
	char *g = graph(ws);
	CHECK(strstr(g, "operation=\"notify\" operation_key=\"S:0_post_notify_start_0\"") != NULL);
	CHECK(strstr(g, "operation=\"notified\" operation_key=\"ms_confirmed-post_notify_running_0\"") != NULL);
	CHECK(strstr(g, "CRM_meta_notify_start_resource=\"S:0 S:1\"") != NULL);
	CHECK(strstr(g, "CRM_meta_notify_active_resource=\" \"") != NULL);
	CHECK(strstr(g, "CRM_meta_notify_inactive_resource=\"S:0 S:1\"") != NULL);
	CHECK(strstr(g, "CRM_meta_notify_all_uname=\"n1 n2 n3\"") != NULL);
	CHECK(strstr(g, "CRM_meta_notify_key_operation=\"running\" CRM_meta_notify_key_type=\"post\"") != NULL);
	CHECK(strstr(g, "CRM_meta_notify_key_type=\"confirmed-post\"") != NULL);
	CHECK(strstr(g, "CRM_meta_promoted_max=\"1\"") != NULL);
	free(g);
	pe_free(ws);
	cib_free(c);
	g_free(ms);

	/* notify=false: none of it. */
	ms = n_ms(0);
	c = t_cib(NULL, ms, NULL, NULL);
	ws = pe_run(c, NULL);
	a = t_actions(ws);
	CHECK_INT(count(a, "notify"), 0);
	g_free(a);
	g = graph(ws);
	CHECK(strstr(g, "CRM_meta_notify_start_resource") == NULL);
	free(g);
	pe_free(ws);
	cib_free(c);
	g_free(ms);
}

static void test_promote(void)
{
	/* S:0 is promoted on n1: both running instances hear before and
	 * after; the new Promoted monitor waits for the confirmation. */
	struct cib *c = running(1, NULL);
	struct pe_ws *ws = pe_run(c, NULL);
	char *a = t_actions(ws);
	CHECK(strstr(a, "S:0_promote_0 n1") != NULL);
	CHECK(strstr(a, "S:0_pre_notify_promote_0 n1") && strstr(a, "S:1_pre_notify_promote_0 n2"));
	CHECK(strstr(a, "S:0_post_notify_promote_0 n1") && strstr(a, "S:1_post_notify_promote_0 n2"));
	CHECK_INT(count(a, "notify_start"), 0);
	CHECK_INT(count(a, "notify_stop"), 0);
	g_free(a);
	CHECK(waits_for(find(ws, "S:0_monitor_5000", "n1"), find(ws, "ms_confirmed-post_notify_promoted_0", NULL)));
	CHECK(waits_for(find(ws, "ms_promote_0", NULL), find(ws, "ms_confirmed-pre_notify_promote_0", NULL)));
	char *g = graph(ws);
	CHECK(strstr(g, "CRM_meta_notify_promote_resource=\"S:0\" CRM_meta_notify_promote_uname=\"n1\"") != NULL);
	CHECK(strstr(g, "CRM_meta_notify_active_resource=\"S:0 S:1\" CRM_meta_notify_active_uname=\"n1 n2\"") != NULL);
	CHECK(strstr(g, "CRM_meta_notify_unpromoted_resource=\"S:0 S:1\"") != NULL);
	CHECK(strstr(g, "CRM_meta_notify_slave_resource=\"S:0 S:1\"") != NULL);
	free(g);
	pe_free(ws);
	cib_free(c);
}

static void test_stop(void)
{
	/* S:1 may not stay on n2 (nor go to n3): it stops.  Both hear of the
	 * stop before it, only the one left hears after; whatever waits for
	 * the clone's stopped waits for the post notification too. */
	char *a_prim = t_prim("A", NULL);
	char *ms = t_cat(n_ms(1), a_prim);
	char *i0 = n_inst("S:0"), *i1 = n_inst("S:1"), *sc = n_score("10");
	char *st = t_cat(t_cat(t_node("n1", i0, sc), t_node("n2", i1, NULL)), t_node("n3", NULL, NULL));
	struct cib *c = t_cib(NULL, ms,
			      "<rsc_location id=\"l2\" rsc=\"ms\" node=\"n2\" score=\"-INFINITY\"/>"
			      "<rsc_location id=\"l3\" rsc=\"ms\" node=\"n3\" score=\"-INFINITY\"/>"
			      "<rsc_location id=\"la\" rsc=\"A\" node=\"n3\" score=\"100\"/>"
			      "<rsc_order id=\"o\" first=\"ms\" first-action=\"stop\" then=\"A\" then-action=\"start\" "
			      "kind=\"Optional\"/>", st);
	struct pe_ws *ws = pe_run(c, NULL);
	char *a = t_actions(ws);
	CHECK(strstr(a, "S:1_stop_0 n2") != NULL);
	CHECK(strstr(a, "S:0_pre_notify_stop_0 n1") && strstr(a, "S:1_pre_notify_stop_0 n2"));
	CHECK(strstr(a, "S:0_post_notify_stop_0 n1") != NULL);
	CHECK(strstr(a, "S:1_post_notify_stop_0") == NULL);
	g_free(a);
	CHECK(waits_for(find(ws, "A_start_0", "n3"), find(ws, "ms_confirmed-post_notify_stopped_0", NULL)));
	/* The promotion's notifications follow the stop's. */
	CHECK(waits_for(find(ws, "ms_pre_notify_promote_0", NULL), find(ws, "ms_confirmed-post_notify_stopped_0", NULL)));
	char *g = graph(ws);
	CHECK(strstr(g, "CRM_meta_notify_stop_resource=\"S:1\" CRM_meta_notify_stop_uname=\"n2\"") != NULL);
	free(g);
	pe_free(ws);
	cib_free(c);
	g_free(ms);
	g_free(i0);
	g_free(i1);
	g_free(sc);
	g_free(st);
}

int main(void)
{
	test_names();
	test_start();
	test_promote();
	test_stop();
	return T_DONE();
}
