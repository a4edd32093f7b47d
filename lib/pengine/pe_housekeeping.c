/* Housekeeping actions Pacemaker adds beside the placement's starts and
 * stops, from the notes unpacking took of the history:
 *  - cancel of a recurring op that is no longer wanted (not configured any
 *    more, disabled, or its node or resource in maintenance), after the
 *    resource's stop there;
 *  - delete of history written by another agent than the configured one
 *    (after the stop, before the start) and of inactive orphans' history;
 *  - clear_failcount of a fail count that has expired (failure-timeout);
 *  - do_shutdown of a node that asked to leave, after its stops.
 * Runs when the start/stop/monitor actions are final. */
#include <string.h>
#include "pengine/pe.h"

static int runs(const struct pe_action *a)
{
	return a && !a->optional && a->runnable;
}

static int configured(const struct pe_rsc *r, const char *op, long long interval)
{
	for (guint i = 0; i < r->cfg->ops->len; i++) {
		struct cib_op *o = g_ptr_array_index(r->cfg->ops, i);
		if (!strcmp(o->name, op) && o->interval_ms == interval)
			return o->enabled;
	}
	return 0;
}

static int in_maintenance(struct pe_ws *ws, const struct pe_rsc *r, const struct pe_node *n)
{
	if (n->maintenance)
		return 1;
	const char *v = cib_nv_get(&ws->cib->options, "maintenance-mode");
	if (v && cib_is_true(v))
		return 1;
	for (const struct pe_rsc *p = r; p; p = p->parent) {
		const char *m = cib_nv_get(&p->cfg->meta, "maintenance");
		if (m)
			return cib_is_true(m);
	}
	return 0;
}

static void order_after_stops(struct pe_ws *ws, struct pe_rsc *r, struct pe_node *n, struct pe_action *a)
{
	for (guint i = 0; r && i < r->stops->len; i++) {
		struct pe_action *s = g_ptr_array_index(r->stops, i);
		if (s->node == n && runs(s))
			pe_order_actions(ws, s, a, 0);
	}
}

static struct pe_action *required(struct pe_ws *ws, enum pe_task t, struct pe_rsc *r, struct pe_node *n)
{
	struct pe_action *a = pe_new_action(ws, t, r, n);
	a->optional = 0;
	return a;
}

static void cancels(struct pe_ws *ws, struct pe_note *x)
{
	struct pe_rsc *r = x->rsc;
	if (r->orphan)
		return; /* its stop ends every op */
	const char *soa = cib_nv_get(&ws->cib->options, "stop-orphan-actions");
	int unwanted = !configured(r, x->op, x->interval_ms) && !(soa && !cib_is_true(soa));
	if (!unwanted && !in_maintenance(ws, r, x->node))
		return;
	struct pe_action *c = required(ws, PE_CANCEL, r, x->node);
	c->cancel_op = x->op;
	c->interval_ms = x->interval_ms;
	c->cancel_call_id = x->call_id;
	order_after_stops(ws, r, x->node, c);
}

void pe_housekeeping(struct pe_ws *ws)
{
	for (guint i = 0; i < ws->notes->len; i++) {
		struct pe_note *x = g_ptr_array_index(ws->notes, i);
		switch (x->kind) {
		case PE_NOTE_RECURRING:
			cancels(ws, x);
			break;
		case PE_NOTE_AGENT_CHANGED: {
			struct pe_action *d = required(ws, PE_DELETE, x->rsc, x->node);
			order_after_stops(ws, x->rsc, x->node, d);
			if (runs(x->rsc->start))
				pe_order_actions(ws, d, x->rsc->start, 0);
			break;
		}
		case PE_NOTE_ORPHAN_HISTORY: {
			struct pe_action *d = required(ws, PE_DELETE, NULL, x->node);
			d->lrm = x->lrm;
			break;
		}
		case PE_NOTE_FC_EXPIRED:
			required(ws, PE_CLEAR_FAILCOUNT, x->rsc, x->node);
			break;
		case PE_NOTE_RESCHEDULE:
			break; /* read by the monitors */
		}
	}
	for (guint i = 0; i < ws->nodes->len; i++) {
		struct pe_node *n = g_ptr_array_index(ws->nodes, i);
		if (!n->shutdown || !n->online || n->unclean || n->fence)
			continue;
		struct pe_action *s = required(ws, PE_SHUTDOWN, NULL, n);
		for (guint k = 0; k < ws->prims->len; k++)
			order_after_stops(ws, g_ptr_array_index(ws->prims, k), n, s);
	}
}
