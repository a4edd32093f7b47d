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
	return T_DONE();
}
