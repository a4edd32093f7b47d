/* Utilization and placement-strategy (lib/pengine/pe_utilization.c). */
#include "check.h"
#include "test_pe_common.c"

/* Three nodes with cpu capacity 2 (n1), 1 (n2), none (n3); resources each
 * needing one cpu, r1..rN. */
static struct pe_ws *place(const char *strategy, int nres, struct cib **cp)
{
	GString *r = g_string_new(NULL);
	for (int i = 1; i <= nres; i++)
		g_string_append_printf(r, "<primitive id=\"r%d\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\">"
				       "<utilization id=\"u%d\"><nvpair id=\"u%d-c\" name=\"cpu\" value=\"1\"/>"
				       "</utilization></primitive>", i, i, i);
	char *opts = g_strdup_printf("<nvpair id=\"ps\" name=\"placement-strategy\" value=\"%s\"/>", strategy);
	struct cib *c = t_cib(opts, r->str, NULL, NULL);
	g_string_free(r, TRUE);
	g_free(opts);
	/* Capacities are node <utilization>: added to the parsed model. */
	struct cib_node *n1 = cib_find_node(c, "n1"), *n2 = cib_find_node(c, "n2");
	cib_nv_set(&n1->utilization, "cpu", "2");
	cib_nv_set(&n2->utilization, "cpu", "1");
	struct pe_options o = { 0, 0 };
	*cp = c;
	return pe_run(c, &o);
}

static int on(struct pe_ws *ws, const char *node, int nres)
{
	int k = 0;
	for (int i = 1; i <= nres; i++) {
		char id[8];
		snprintf(id, sizeof id, "r%d", i);
		k += !strcmp(t_where(ws, id), node);
	}
	return k;
}

/* A resource needing `cpu` cpus, with optional meta attributes. */
static char *u_prim(const char *id, int cpu, const char *meta)
{
	return g_strdup_printf("<primitive id=\"%s\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\">"
			       "<meta_attributes id=\"%s-m\">%s</meta_attributes>"
			       "<utilization id=\"%s-u\"><nvpair id=\"%s-uc\" name=\"cpu\" value=\"%d\"/>"
			       "</utilization></primitive>", id, id, meta ? meta : "", id, id, cpu);
}

/* Runs rscs/cons/status with the strategy and the cpu capacities of n1, n2,
 * n3 (negative: none). */
static struct pe_ws *u_run(const char *strategy, const char *rscs, const char *cons, const char *status, int c1,
			   int c2, int c3, struct cib **cp)
{
	char *opts = g_strdup_printf("<nvpair id=\"ps\" name=\"placement-strategy\" value=\"%s\"/>", strategy);
	struct cib *c = t_cib(opts, rscs, cons, status);
	g_free(opts);
	int cap[3] = { c1, c2, c3 };
	for (int i = 0; i < 3; i++) {
		char name[4], v[16];
		snprintf(name, sizeof name, "n%d", i + 1);
		snprintf(v, sizeof v, "%d", cap[i]);
		if (cap[i] >= 0)
			cib_nv_set(&cib_find_node(c, name)->utilization, "cpu", v);
	}
	struct pe_options o = { 0, 0 };
	*cp = c;
	return pe_run(c, &o);
}

static int ordered(struct pe_ws *ws, const char *frsc, enum pe_task ft, const char *trsc, enum pe_task tt)
{
	for (guint i = 0; i < ws->orders->len; i++) {
		struct pe_order *o = g_ptr_array_index(ws->orders, i);
		if (o->first->rsc && o->then->rsc && o->first->task == ft && o->then->task == tt &&
		    !strcmp(o->first->rsc->id, frsc) && !strcmp(o->then->rsc->id, trsc))
			return 1;
	}
	return 0;
}

/* Mandatory colocations: a node must have room for the whole set. */
static void test_colocated_set(void)
{
	struct cib *c;
	char *r = t_cat(u_prim("r1", 1, NULL), u_prim("r2", 1, NULL));
	const char *cons = "<rsc_colocation id=\"c\" rsc=\"r2\" with-rsc=\"r1\" score=\"INFINITY\"/>";
	/* n1 (first by name) has room for r1 alone: both go to n2. */
	struct pe_ws *ws = u_run("utilization", r, cons, NULL, 1, 2, 0, &c);
	CHECK_STR(t_where(ws, "r1"), "n2");
	CHECK_STR(t_where(ws, "r2"), "n2");
	pe_free(ws);
	cib_free(c);
	g_free(r);
	/* Room for the set nowhere: r1 prefers the node with the most free
	 * capacity (n2), r2 follows, r3 finds no room left. */
	r = t_cat(t_cat(u_prim("r1", 1, NULL), u_prim("r2", 1, NULL)), u_prim("r3", 1, NULL));
	cons = "<rsc_colocation id=\"c2\" rsc=\"r2\" with-rsc=\"r1\" score=\"INFINITY\"/>"
	       "<rsc_colocation id=\"c3\" rsc=\"r3\" with-rsc=\"r1\" score=\"INFINITY\"/>";
	ws = u_run("utilization", r, cons, NULL, 1, 2, 0, &c);
	CHECK_STR(t_where(ws, "r1"), "n2");
	CHECK_INT(!strcmp(t_where(ws, "r2"), "n2") + !strcmp(t_where(ws, "r3"), "n2"), 1);
	pe_free(ws);
	cib_free(c);
	g_free(r);
}

/* The resource placed first is the one with the higher score on the first
 * node that can run resources: a standby node's stickiness does not win. */
static void test_order_skips_standby(void)
{
	struct cib *c;
	char *r = t_cat(u_prim("r1", 1, "<nvpair id=\"s1\" name=\"resource-stickiness\" value=\"100\"/>"),
			u_prim("r2", 1, "<nvpair id=\"s2\" name=\"resource-stickiness\" value=\"100\"/>"));
	char *st = t_cat(t_cat(t_node_own("n1", t_running("r1"), "<nvpair id=\"sb\" name=\"standby\" value=\"on\"/>"
				      "</instance_attributes></transient_attributes>"),
			       t_node_own("n2", t_running("r2"), NULL)), t_node("n3", NULL, NULL));
	struct pe_ws *ws = u_run("balanced", r, NULL, st, 1, 1, 0, &c);
	CHECK_STR(t_where(ws, "r2"), "n2");
	CHECK_STR(t_where(ws, "r1"), "");
	pe_free(ws);
	cib_free(c);
	g_free(r);
	g_free(st);
}

/* A clone instance keeps its node only if it still fits there; the others
 * that do keep theirs first. */
static void test_clone_instance_keeps_only_if_fits(void)
{
	struct cib *c;
	char *big = u_prim("big", 2, "<nvpair id=\"p\" name=\"priority\" value=\"2\"/>"), *d = u_prim("d", 1, NULL);
	char *r = g_strdup_printf("%s<clone id=\"cl\"><meta_attributes id=\"clm\"><nvpair id=\"cm\" "
				  "name=\"clone-max\" value=\"2\"/></meta_attributes>%s</clone>", big, d);
	g_free(big);
	g_free(d);
	char *st = t_cat(t_cat(t_node_own("n1", t_cat(t_running("big"), t_running("d:0")), NULL),
			       t_node_own("n2", t_running("d:1"), NULL)), t_node("n3", NULL, NULL));
	/* big (placed first) takes n1 whole; d:0 would have to move onto n2
	 * where d:1 is: d:1 stays, d:0 stops. */
	struct pe_ws *ws = u_run("utilization", r, NULL, st, 2, 1, 0, &c);
	CHECK_STR(t_where(ws, "big"), "n1");
	CHECK_STR(t_where(ws, "d:1"), "n2");
	CHECK_STR(t_where(ws, "d:0"), "");
	pe_free(ws);
	cib_free(c);
	g_free(r);
	g_free(st);
}

/* load_stopped: a stop on a node comes before the starts there. */
static void test_load_stopped_orders(void)
{
	struct cib *c;
	char *r = t_cat(u_prim("a", 1, "<nvpair id=\"ta\" name=\"target-role\" value=\"Stopped\"/>"),
			u_prim("b", 1, NULL));
	char *st = t_cat(t_cat(t_node_own("n1", t_running("a"), NULL), t_node("n2", NULL, NULL)), t_node("n3", NULL, NULL));
	struct pe_ws *ws = u_run("utilization", r, NULL, st, 1, -1, -1, &c);
	CHECK_STR(t_where(ws, "b"), "n1");
	CHECK_INT(ordered(ws, "a", PE_STOP, "b", PE_START), 1);
	pe_free(ws);
	cib_free(c);
	/* Nor for a resource without utilization. */
	char *r2 = t_cat(u_prim("a", 1, "<nvpair id=\"ta\" name=\"target-role\" value=\"Stopped\"/>"),
			 t_prim("b", NULL));
	ws = u_run("utilization", r2, NULL, st, 1, -1, -1, &c);
	CHECK_INT(ordered(ws, "a", PE_STOP, "b", PE_START), 0);
	pe_free(ws);
	cib_free(c);
	g_free(r2);
	/* The default strategy orders nothing of the kind. */
	ws = u_run("default", r, NULL, st, 1, -1, -1, &c);
	CHECK_INT(ordered(ws, "a", PE_STOP, "b", PE_START), 0);
	pe_free(ws);
	cib_free(c);
	g_free(r);
	g_free(st);
}

int main(void)
{
	struct cib *c;
	/* utilization: capacity is a hard limit; 3 cpus for 4 resources. */
	struct pe_ws *ws = place("utilization", 4, &c);
	CHECK_INT(on(ws, "n1", 4), 2);
	CHECK_INT(on(ws, "n2", 4), 1);
	CHECK_INT(on(ws, "n3", 4), 0);
	CHECK_INT(on(ws, "", 4), 1);
	pe_free(ws);
	cib_free(c);
	/* default ignores utilization: spread by count, n3 too. */
	ws = place("default", 3, &c);
	CHECK_INT(on(ws, "n3", 3), 1);
	pe_free(ws);
	cib_free(c);
	/* balanced: most free capacity first (n1 has 2). */
	ws = place("balanced", 1, &c);
	CHECK_STR(t_where(ws, "r1"), "n1");
	pe_free(ws);
	cib_free(c);
	/* minimal: packs onto the first node that fits. */
	ws = place("minimal", 2, &c);
	CHECK_INT(on(ws, "n1", 2), 2);
	pe_free(ws);
	cib_free(c);
	test_colocated_set();
	test_order_skips_standby();
	test_clone_instance_keeps_only_if_fits();
	test_load_stopped_orders();
	return T_DONE();
}
