/* Orderings of probes beyond "probe before its own start" (Pacemaker's
 * rules): what a probe finds can change what must happen to the resources
 * that depend on its resource, so it runs before
 *  - the stops ordered after a stop of its resource (a stop chain: finding
 *    the resource active somewhere else means stopping it first),
 *  - the stops of resources that restart because they are mandatorily
 *    ordered after its resource's start (they must not restart twice),
 *  - the starts, on the probed node, of resources that must never run with
 *    its resource there (-INFINITY colocation).
 * Runs after the actions are final (which stops are required is known). */
#include <string.h>
#include "pengine/pe.h"

static int is_runnable_req(const struct pe_action *a)
{
	return a && !a->optional && a->runnable;
}

static GPtrArray *probes_of(struct pe_ws *ws, GHashTable *by_rsc, struct pe_rsc *r)
{
	(void)ws;
	return g_hash_table_lookup(by_rsc, r);
}

static void stop_chain_rule(struct pe_ws *ws, GHashTable *by_rsc)
{
	guint n = ws->orders->len; /* orders added here are not revisited */
	for (guint i = 0; i < n; i++) {
		struct pe_order *o = g_ptr_array_index(ws->orders, i);
		struct pe_action *f = o->first, *t = o->then;
		if (f->task != PE_STOP || !f->rsc || (t->task != PE_STOP && t->task != PE_STOP_P) || !t->rsc ||
		    t->rsc == f->rsc || !is_runnable_req(t))
			continue;
		GPtrArray *ps = probes_of(ws, by_rsc, f->rsc);
		for (guint k = 0; ps && k < ps->len; k++)
			pe_order_actions(ws, g_ptr_array_index(ps, k), t, 0);
	}
}

/* From `from` along mandatory orderings: every primitive start reached whose
 * resource is stopped somewhere (a restart or move) gets probe before
 * those stops. */
static void walk_restarts(struct pe_ws *ws, struct pe_action *probe, struct pe_action *from, GHashTable *seen)
{
	if (g_hash_table_contains(seen, from))
		return;
	g_hash_table_add(seen, from);
	for (guint i = 0; i < from->before->len; i++) {
		struct pe_order *o = g_ptr_array_index(from->before, i);
		struct pe_action *t = o->then;
		if (!(o->flags & PE_ORD_IMPLIES_THEN) || (o->flags & PE_ORD_RESTART))
			continue;
		if (t->task == PE_START && t->rsc && t->rsc != probe->rsc && t->rsc->kind == PE_PRIMITIVE) {
			for (guint k = 0; k < t->rsc->stops->len; k++) {
				struct pe_action *s = g_ptr_array_index(t->rsc->stops, k);
				if (is_runnable_req(s))
					pe_order_actions(ws, probe, s, 0);
			}
		}
		if (t->task == PE_START || t->task == PE_START_P || t->task == PE_RUNNING)
			walk_restarts(ws, probe, t, seen);
	}
}

static void restart_rule(struct pe_ws *ws, GPtrArray *probes)
{
	for (guint i = 0; i < probes->len; i++) {
		struct pe_action *p = g_ptr_array_index(probes, i);
		if (!p->rsc->start)
			continue;
		GHashTable *seen = g_hash_table_new(g_direct_hash, g_direct_equal);
		walk_restarts(ws, p, p->rsc->start, seen);
		g_hash_table_destroy(seen);
	}
}

static void anti_colocation_rule(struct pe_ws *ws, GHashTable *by_rsc)
{
	for (guint i = 0; i < ws->colocs->len; i++) {
		struct pe_coloc *c = g_ptr_array_index(ws->colocs, i);
		if (c->score > -PE_INF || c->dep->kind != PE_PRIMITIVE || c->prim->kind != PE_PRIMITIVE)
			continue;
		struct pe_rsc *pair[2][2] = { { c->dep, c->prim }, { c->prim, c->dep } };
		for (int d = 0; d < 2; d++) {
			struct pe_rsc *probed = pair[d][0], *other = pair[d][1];
			struct pe_action *st = other->start;
			if (!is_runnable_req(st) || !st->node)
				continue;
			GPtrArray *ps = probes_of(ws, by_rsc, probed);
			for (guint k = 0; ps && k < ps->len; k++) {
				struct pe_action *p = g_ptr_array_index(ps, k);
				if (p->node == st->node)
					pe_order_actions(ws, p, st, 0);
			}
		}
	}
}

void pe_order_probes(struct pe_ws *ws)
{
	GHashTable *by_rsc = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL,
						   (GDestroyNotify)g_ptr_array_unref);
	GPtrArray *probes = g_ptr_array_new();
	for (guint i = 0; i < ws->actions->len; i++) {
		struct pe_action *a = g_ptr_array_index(ws->actions, i);
		if (a->task != PE_PROBE || !is_runnable_req(a) || !a->rsc)
			continue;
		GPtrArray *l = g_hash_table_lookup(by_rsc, a->rsc);
		if (!l) {
			l = g_ptr_array_new();
			g_hash_table_insert(by_rsc, a->rsc, l);
		}
		g_ptr_array_add(l, a);
		g_ptr_array_add(probes, a);
	}
	if (probes->len) {
		stop_chain_rule(ws, by_rsc);
		restart_rule(ws, probes);
		anti_colocation_rule(ws, by_rsc);
	}
	g_ptr_array_free(probes, TRUE);
	g_hash_table_destroy(by_rsc);
}
