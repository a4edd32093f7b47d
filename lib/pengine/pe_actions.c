/* The action graph: start/stop/monitor/probe actions of every primitive,
 * pseudo actions of groups and clones, fencing, and the orderings between
 * them (groups, rsc_order, stop-before-start).  Orderings carry implications
 * (a required first makes the then required, an unrunnable first makes the
 * then unrunnable) that are propagated to a fixed point. */
#include <stdlib.h>
#include <string.h>
#include "pengine/pe.h"


static struct pe_action *new_action(struct pe_ws *ws, enum pe_task t, struct pe_rsc *r, struct pe_node *n)
{
	struct pe_action *a = g_new0(struct pe_action, 1);
	a->id = (int)ws->actions->len;
	a->task = t;
	a->rsc = r;
	a->node = n;
	a->optional = 1;
	a->runnable = 1;
	a->pseudo = (t == PE_RUNNING || t == PE_STOPPED || t == PE_START_P || t == PE_STOP_P || t == PE_PROMOTE_P ||
		     t == PE_PROMOTED || t == PE_DEMOTE_P || t == PE_DEMOTED || t == PE_NOTIFY_P || t == PE_NOTIFIED);
	a->after = g_ptr_array_new();
	a->before = g_ptr_array_new();
	g_ptr_array_add(ws->actions, a);
	return a;
}

static void order(struct pe_ws *ws, struct pe_action *f, struct pe_action *t, int flags)
{
	if (!f || !t || f == t)
		return;
	struct pe_order *o = g_new0(struct pe_order, 1);
	o->first = f;
	o->then = t;
	o->flags = flags;
	g_ptr_array_add(ws->orders, o);
	g_ptr_array_add(f->before, o);
	g_ptr_array_add(t->after, o);
}

struct pe_action *pe_new_action(struct pe_ws *ws, enum pe_task t, struct pe_rsc *r, struct pe_node *n)
{
	return new_action(ws, t, r, n);
}

void pe_order_actions(struct pe_ws *ws, struct pe_action *f, struct pe_action *t, int flags)
{
	order(ws, f, t, flags);
}

static void set_reason(struct pe_action *a, const char *fmt, const char *x, const char *y)
{
	if (a->reason)
		return;
	a->reason = g_strdup_printf(fmt, x, y);
}

static int quorum_ok(struct pe_ws *ws)
{
	return ws->have_quorum || !strcmp(ws->no_quorum_policy, "ignore");
}

static int on_node(struct pe_rsc *r, struct pe_node *n)
{
	for (guint i = 0; i < r->running->len; i++)
		if (g_ptr_array_index(r->running, i) == n)
			return 1;
	return 0;
}

static int has_history(struct pe_ws *ws, struct pe_rsc *r, struct pe_node *n)
{
	char *k = g_strdup_printf("%s\n%s", n->uname, r->base);
	int found = g_hash_table_contains(ws->known, k);
	g_free(k);
	return found;
}

/* A node that is joining (pending) cannot be probed yet; a start waits for
 * the probes, so it cannot run while such a node has not been probed. */
static int unprobed_pending(struct pe_ws *ws, struct pe_rsc *r)
{
	for (guint i = 0; i < ws->nodes->len; i++) {
		struct pe_node *n = g_ptr_array_index(ws->nodes, i);
		if (n->pending && !n->unclean && !has_history(ws, r, n))
			return 1;
	}
	return 0;
}

/* Demote where it runs promoted, promote where it will: a demote before
 * its stop (a stop needs it), a promote after its start (a restart needs it
 * again; it cannot run when the start cannot). */
static void role_actions(struct pe_ws *ws, struct pe_rsc *r, int managed)
{
	struct pe_node *p = r->promoted_on;
	if (p) {
		struct pe_action *d = new_action(ws, PE_DEMOTE, r, p);
		r->demote = d;
		if (p->unclean) {
			d->pseudo = 1;
			d->runnable = ws->stonith_enabled && quorum_ok(ws);
		}
		if (!managed)
			d->runnable = 0;
		else if (!r->promote_next || r->next != p)
			d->optional = 0;
		for (guint i = 0; i < r->stops->len; i++) {
			struct pe_action *s = g_ptr_array_index(r->stops, i);
			if (s->node == p)
				order(ws, d, s, managed ? PE_ORD_IMPLIES_FIRST : 0);
		}
	}
	if (r->promote_next && r->next) {
		struct pe_action *pr = new_action(ws, PE_PROMOTE, r, r->next);
		r->promote = pr;
		if (!managed)
			pr->runnable = 0;
		else if (p != r->next)
			pr->optional = 0;
		order(ws, r->start, pr, PE_ORD_RUNNABLE_LEFT | (managed ? PE_ORD_IMPLIES_THEN : 0));
		if (r->demote)
			order(ws, r->demote, pr, 0);
	}
}

static void prim_actions(struct pe_ws *ws, struct pe_rsc *r)
{
	int managed = r->managed && !r->failed_stop_block;
	r->start = new_action(ws, PE_START, r, r->next);
	if (!r->next) {
		r->start->runnable = 0;
	} else if (!quorum_ok(ws) && !strcmp(ws->no_quorum_policy, "freeze")) {
		/* Freeze: what runs may go on (even move); nothing new starts. */
		if (!r->running->len) {
			r->start->runnable = 0;
			set_reason(r->start, "quorum freeze%s%s", "", "");
		}
	} else if (!quorum_ok(ws) && !r->requires_nothing) {
		/* stop, suicide: nothing may run without quorum (unless it
		 * requires nothing). */
		r->start->runnable = 0;
		set_reason(r->start, "no quorum%s%s", "", "");
	} else if (!pe_node_can_run(r->next)) {
		r->start->runnable = 0;
	} else if (!on_node(r, r->next) && unprobed_pending(ws, r)) {
		r->start->runnable = 0;
	}
	if (!managed) {
		/* Unmanaged: "started" exactly where it already runs. */
		r->start->runnable = r->next && on_node(r, r->next);
		if (r->start->runnable) {
			g_free(r->start->reason);
			r->start->reason = NULL;
		}
	}
	/* A partial migration goes on if it moves to the same target from
	 * the source: it is not stopped there. */
	r->partial_continue = r->partial_tgt && managed && !r->failed && r->next == r->partial_tgt &&
			      r->running->len == 2 && g_ptr_array_index(r->running, 0) == r->partial_src &&
			      pe_allows_migration(r);
	for (guint i = 0; i < r->running->len; i++) {
		struct pe_node *n = g_ptr_array_index(r->running, i);
		if (r->partial_continue && n == r->partial_tgt)
			continue;
		struct pe_action *s = new_action(ws, PE_STOP, r, n);
		g_ptr_array_add(r->stops, s);
		if (n->unclean) {
			/* Only fencing can stop it; without fencing (or without
			 * quorum to fence) it is stuck. */
			s->pseudo = 1;
			s->runnable = ws->stonith_enabled && quorum_ok(ws);
			if (ws->stonith_enabled && !quorum_ok(ws))
				set_reason(s, "no quorum%s%s", "", "");
		}
		if (!managed) {
			/* Unmanaged: never stopped by us.  Only a blocked
			 * (failed) stop holds up what is ordered after it. */
			s->runnable = !r->failed_stop_block;
			if (r->failed_stop_block)
				s->optional = 0;
			continue;
		}
		if (r->next != n || r->running->len > 1 || r->failed || r->def_changed)
			s->optional = 0;
		order(ws, s, r->start, PE_ORD_IMPLIES_THEN | PE_ORD_RESTART);
	}
	if (managed && r->next && (!on_node(r, r->next) || r->failed || r->running->len > 1 || r->def_changed))
		r->start->optional = 0;
	/* A start still in flight where it stays is issued again (with its
	 * monitors): its result is not known. */
	if (managed && r->next && r->pending_start_on == r->next && r->start->runnable && r->start->optional)
		r->start->optional = 0, r->start->reissue = 1;
	if (!managed)
		r->start->optional = 1;
	if (pe_is_promotable_inst(r))
		role_actions(ws, r, managed);
}

static struct pe_action *find_act(struct pe_rsc *r, enum pe_task t)
{
	if (!r)
		return NULL;
	return t == PE_START ? r->start : t == PE_STOP ? r->stop_any : NULL;
}

/* Pseudo actions of a collective: start, running, stop, stopped (and for a
 * promotable clone promote, promoted, demote, demoted). */
struct coll {
	struct pe_action *start, *running, *stop, *stopped;
	struct pe_action *promote, *promoted, *demote, *demoted;
};

static GHashTable *colls;

static struct pe_rsc *any_prim(struct pe_rsc *r)
{
	return r->kind == PE_PRIMITIVE ? r : NULL;
}

static void inst_role_orders(struct pe_ws *ws, struct pe_rsc *x, struct coll *c)
{
	if (x->kind != PE_PRIMITIVE) {
		for (guint i = 0; i < x->children->len; i++)
			inst_role_orders(ws, g_ptr_array_index(x->children, i), c);
		return;
	}
	int any = PE_ORD_RUNNABLE_LEFT | PE_ORD_ANY_RUNNABLE;
	if (x->promote) {
		order(ws, c->promote, x->promote, PE_ORD_RUNNABLE_LEFT);
		order(ws, x->promote, c->promoted, any);
	}
	if (x->demote) {
		order(ws, c->demote, x->demote, 0);
		order(ws, x->demote, c->demoted, any);
	}
}

static int has_role_action(struct pe_rsc *x, int promote)
{
	if (x->kind == PE_PRIMITIVE)
		return (promote ? x->promote : x->demote) != NULL;
	for (guint i = 0; i < x->children->len; i++)
		if (has_role_action(g_ptr_array_index(x->children, i), promote))
			return 1;
	return 0;
}

/* A promotable clone's promote/demote pseudo actions around its
 * instances', and its restart order: demote everything, stop, start,
 * then promote. */
static void clone_role_actions(struct pe_ws *ws, struct pe_rsc *r, struct coll *c)
{
	c->promote = new_action(ws, PE_PROMOTE_P, r, NULL);
	c->promoted = new_action(ws, PE_PROMOTED, r, NULL);
	c->demote = new_action(ws, PE_DEMOTE_P, r, NULL);
	c->demoted = new_action(ws, PE_DEMOTED, r, NULL);
	order(ws, c->promote, c->promoted, 0);
	order(ws, c->demote, c->demoted, 0);
	order(ws, c->stopped, c->promote, 0);
	order(ws, c->demoted, c->stop, 0);
	order(ws, c->demoted, c->start, 0);
	order(ws, c->demoted, c->promote, 0);
	order(ws, c->running, c->promote, 0);
	int promotes = 0;
	for (guint i = 0; i < r->children->len; i++) {
		inst_role_orders(ws, g_ptr_array_index(r->children, i), c);
		promotes |= has_role_action(g_ptr_array_index(r->children, i), 1);
	}
	/* The clone's promote stands for its instances': with none to
	 * promote, nothing ordered after "promoted" can run.  (With none to
	 * demote, "demoted" is merely void: what follows it may go on.) */
	if (!promotes)
		c->promote->runnable = c->promoted->runnable = 0;
}

static void build(struct pe_ws *ws, struct pe_rsc *r)
{
	if (r->kind == PE_PRIMITIVE) {
		prim_actions(ws, r);
		/* A single "stop" handle for orderings: pseudo that follows all stops. */
		r->stop_any = NULL;
		return;
	}
	for (guint i = 0; i < r->children->len; i++)
		build(ws, g_ptr_array_index(r->children, i));
	struct coll *c = g_new0(struct coll, 1);
	c->start = new_action(ws, PE_START_P, r, NULL);
	c->running = new_action(ws, PE_RUNNING, r, NULL);
	c->stop = new_action(ws, PE_STOP_P, r, NULL);
	c->stopped = new_action(ws, PE_STOPPED, r, NULL);
	g_hash_table_insert(colls, r, c);
	order(ws, c->start, c->running, 0);
	order(ws, c->stop, c->stopped, 0);
	order(ws, c->stopped, c->start, 0);
	if (r->kind == PE_CLONE && r->promotable)
		clone_role_actions(ws, r, c);
	struct pe_action *prev_start = NULL;
	GPtrArray *prev_stops = NULL;
	for (guint i = 0; i < r->children->len; i++) {
		struct pe_rsc *ch = g_ptr_array_index(r->children, i);
		struct pe_action *cs, *cr, *cstop, *cstopped;
		GPtrArray *stops;
		if (ch->kind == PE_PRIMITIVE) {
			cs = cr = ch->start;
			stops = ch->stops;
			cstop = cstopped = NULL;
		} else {
			struct coll *cc = g_hash_table_lookup(colls, ch);
			cs = cc->start;
			cr = cc->running;
			cstop = cc->stop;
			cstopped = cc->stopped;
			stops = NULL;
		}
		int clone = r->kind == PE_CLONE;
		/* The chain first: a member that cannot start because its
		 * predecessor stops reports the predecessor. */
		if (!clone && prev_start)
			order(ws, prev_start, cs, PE_ORD_IMPLIES_THEN | PE_ORD_RUNNABLE_LEFT);
		order(ws, c->start, cs, clone ? PE_ORD_RUNNABLE_LEFT : PE_ORD_IMPLIES_THEN | PE_ORD_RUNNABLE_LEFT);
		order(ws, cr, c->running, clone ? PE_ORD_IMPLIES_THEN | PE_ORD_RUNNABLE_LEFT | PE_ORD_ANY_RUNNABLE
						   : PE_ORD_IMPLIES_THEN | PE_ORD_RUNNABLE_LEFT);
		if (stops) {
			for (guint k = 0; k < stops->len; k++) {
				order(ws, c->stop, g_ptr_array_index(stops, k), 0);
				order(ws, g_ptr_array_index(stops, k), c->stopped, PE_ORD_IMPLIES_THEN);
			}
		} else {
			order(ws, c->stop, cstop, 0);
			order(ws, cstopped, c->stopped, PE_ORD_IMPLIES_THEN);
		}
		if (!clone && prev_start && ch->kind == PE_PRIMITIVE) {
			/* A promotable group instance changes role member by
			 * member: promoted in its order, demoted in reverse. */
			struct pe_rsc *pm = g_ptr_array_index(r->children, i - 1);
			if (pm->kind == PE_PRIMITIVE) {
				if (pm->promote && ch->promote)
					order(ws, pm->promote, ch->promote, 0);
				if (pm->demote && ch->demote)
					order(ws, ch->demote, pm->demote, 0);
			}
		}
		if (!clone && prev_start) {
			if (stops && prev_stops)
				for (guint k = 0; k < stops->len; k++)
					for (guint q = 0; q < prev_stops->len; q++)
						order(ws, g_ptr_array_index(stops, k), g_ptr_array_index(prev_stops, q),
						      PE_ORD_RUNNABLE_LEFT);
		}
		prev_start = cr;
		/* Stops chain to the last member that is active: one that
		 * is not (no stop) does not break the chain. */
		if (!stops || stops->len)
			prev_stops = stops;
	}
}

/* The action of an ordering: start (default), stop, promote or demote. */
static int order_act(const char *s)
{
	if (!s)
		return PE_START;
	return !strcmp(s, "stop") ? PE_STOP : !strcmp(s, "promote") ? PE_PROMOTE :
	       !strcmp(s, "demote") ? PE_DEMOTE : PE_START;
}

/* Endpoints of a configured ordering on any resource kind (act PE_START,
 * PE_STOP, PE_PROMOTE, PE_DEMOTE).  A collective's promote/demote is its
 * pseudo action; a primitive that has none has no endpoint. */
static void endpoints(struct pe_rsc *r, int act, int as_first, GPtrArray *out)
{
	if (r->kind == PE_PRIMITIVE) {
		if (act == PE_START) {
			g_ptr_array_add(out, r->start);
		} else if (act == PE_STOP) {
			for (guint i = 0; i < r->stops->len; i++)
				g_ptr_array_add(out, g_ptr_array_index(r->stops, i));
		} else if (act == PE_PROMOTE && r->promote) {
			g_ptr_array_add(out, r->promote);
		} else if (act == PE_DEMOTE && r->demote) {
			g_ptr_array_add(out, r->demote);
		}
		return;
	}
	struct coll *c = g_hash_table_lookup(colls, r);
	struct pe_action *a = NULL;
	if (act == PE_START)
		a = as_first ? c->running : c->start;
	else if (act == PE_STOP)
		a = as_first ? c->stopped : c->stop;
	else if (act == PE_PROMOTE)
		a = as_first ? c->promoted : c->promote;
	else
		a = as_first ? c->demoted : c->demote;
	if (a)
		g_ptr_array_add(out, a);
}

static struct pe_node *inst_node(struct pe_rsc *inst)
{
	while (inst && inst->kind == PE_GROUP)
		inst = inst->children->len ? g_ptr_array_index(inst->children, 0) : NULL;
	if (!inst)
		return NULL;
	if (inst->next)
		return inst->next;
	return inst->running->len ? g_ptr_array_index(inst->running, 0) : NULL;
}

/* start and promote; their inverses stop and demote. */
static int positive(int act)
{
	return act == PE_START || act == PE_PROMOTE;
}

static int inverse(int act)
{
	return act == PE_START ? PE_STOP : act == PE_PROMOTE ? PE_DEMOTE : act == PE_STOP ? PE_START : PE_PROMOTE;
}

/* Interleaved clones: each instance of "then" waits only for the instance
 * of "first" on the same node. */
static void interleave_orders(struct pe_ws *ws, struct cib_order *o, struct pe_rsc *f, struct pe_rsc *t,
			      int fact, int tact, int flags)
{
	GPtrArray *fa = g_ptr_array_new(), *ta = g_ptr_array_new();
	for (guint i = 0; i < t->children->len; i++) {
		struct pe_rsc *ti = g_ptr_array_index(t->children, i);
		struct pe_node *n = inst_node(ti);
		struct pe_rsc *fi = NULL;
		for (guint k = 0; n && k < f->children->len && !fi; k++)
			if (inst_node(g_ptr_array_index(f->children, k)) == n)
				fi = g_ptr_array_index(f->children, k);
		if (!fi)
			continue;
		g_ptr_array_set_size(fa, 0);
		g_ptr_array_set_size(ta, 0);
		endpoints(fi, fact, 1, fa);
		endpoints(ti, tact, 0, ta);
		for (guint a = 0; a < fa->len; a++)
			for (guint b = 0; b < ta->len; b++)
				order(ws, g_ptr_array_index(fa, a), g_ptr_array_index(ta, b), flags);
		if (o->symmetrical && positive(fact) && positive(tact)) {
			g_ptr_array_set_size(fa, 0);
			g_ptr_array_set_size(ta, 0);
			endpoints(ti, inverse(tact), 1, ta);
			endpoints(fi, inverse(fact), 0, fa);
			for (guint a = 0; a < ta->len; a++)
				for (guint b = 0; b < fa->len; b++)
					order(ws, g_ptr_array_index(ta, a), g_ptr_array_index(fa, b),
					      o->mandatory ? PE_ORD_IMPLIES_FIRST | PE_ORD_RUNNABLE_LEFT : 0);
		}
	}
	g_ptr_array_free(fa, TRUE);
	g_ptr_array_free(ta, TRUE);
}

static void config_orders(struct pe_ws *ws)
{
	GPtrArray *co = ws->cib->orders;
	for (guint i = 0; i < co->len; i++) {
		struct cib_order *o = g_ptr_array_index(co, i);
		if (!o->first || !o->then)
			continue;
		struct pe_rsc *f = pe_find_rsc(ws, o->first), *t = pe_find_rsc(ws, o->then);
		if (!f || !t)
			continue;
		int fact = order_act(o->first_action), tact = order_act(o->then_action);
		/* "Negative" actions (stop, demote) as first only order. */
		int fstop = !positive(fact), tstop = !positive(tact);
		int flags = o->mandatory ? PE_ORD_IMPLIES_THEN | PE_ORD_RUNNABLE_LEFT : 0;
		if (f->kind == PE_CLONE && o->mandatory)
			flags = PE_ORD_IMPLIES_THEN | PE_ORD_RUNNABLE_LEFT;
		if (f->kind == PE_CLONE && t->kind == PE_CLONE && t->interleave) {
			interleave_orders(ws, o, f, t, fact, tact, flags);
			/* The clones themselves stay ordered too (Pacemaker keeps
			 * the order of the collective actions, implying nothing):
			 * the first clone done, then the second one begins. */
			GPtrArray *fa = g_ptr_array_new(), *ta = g_ptr_array_new();
			endpoints(f, fact, 1, fa);
			endpoints(t, tact, 0, ta);
			for (guint a = 0; a < fa->len; a++)
				for (guint b = 0; b < ta->len; b++)
					order(ws, g_ptr_array_index(fa, a), g_ptr_array_index(ta, b), 0);
			if (o->symmetrical && !fstop && !tstop) {
				g_ptr_array_set_size(fa, 0);
				g_ptr_array_set_size(ta, 0);
				endpoints(t, inverse(tact), 1, ta);
				endpoints(f, inverse(fact), 0, fa);
				for (guint a = 0; a < ta->len; a++)
					for (guint b = 0; b < fa->len; b++)
						order(ws, g_ptr_array_index(ta, a), g_ptr_array_index(fa, b), 0);
			}
			g_ptr_array_free(fa, TRUE);
			g_ptr_array_free(ta, TRUE);
			continue;
		}
		GPtrArray *fa = g_ptr_array_new(), *ta = g_ptr_array_new();
		endpoints(f, fact, 1, fa);
		endpoints(t, tact, 0, ta);
		/* After a clone: new instances starting elsewhere do not
		 * restart what follows, only an instance that stops does. */
		int clone_first = f->kind == PE_CLONE && fact == PE_START && tact == PE_START &&
				  (flags & PE_ORD_IMPLIES_THEN);
		/* An asymmetrical order only holds starts back: it never stops
		 * what already runs. */
		int asym = !o->symmetrical && !fstop ? PE_ORD_ASYMMETRIC : 0;
		for (guint a = 0; a < fa->len; a++)
			for (guint b = 0; b < ta->len; b++)
				order(ws, g_ptr_array_index(fa, a), g_ptr_array_index(ta, b),
				      (fstop ? (o->mandatory ? PE_ORD_IMPLIES_THEN : 0) :
				       clone_first ? flags & ~PE_ORD_IMPLIES_THEN : flags) | asym);
		if (clone_first) {
			struct coll *cc = g_hash_table_lookup(colls, f);
			for (guint b = 0; cc && b < ta->len; b++)
				order(ws, cc->stopped, g_ptr_array_index(ta, b), PE_ORD_IMPLIES_THEN | PE_ORD_AS_RUNNING);
		}
		g_ptr_array_set_size(fa, 0);
		g_ptr_array_set_size(ta, 0);
		if (o->symmetrical && !fstop && !tstop) {
			endpoints(t, inverse(tact), 1, ta);
			endpoints(f, inverse(fact), 0, fa);
			for (guint a = 0; a < ta->len; a++)
				for (guint b = 0; b < fa->len; b++)
					order(ws, g_ptr_array_index(ta, a), g_ptr_array_index(fa, b),
					      o->mandatory ? PE_ORD_IMPLIES_FIRST | PE_ORD_RUNNABLE_LEFT : 0);
		}
		g_ptr_array_free(fa, TRUE);
		g_ptr_array_free(ta, TRUE);
	}
}

static char *adesc(struct pe_action *a)
{
	if (!a->rsc)
		return g_strdup("fencing");
	return g_strdup_printf("%s %s", a->rsc->id, pe_task_name(a));
}

/* r is c or part of it. */
static int within(const struct pe_rsc *r, const struct pe_rsc *c)
{
	for (; r; r = r->parent)
		if (r == c)
			return 1;
	return 0;
}

/* What an ordering names as the cause: its first action, or for the
 * "an instance stops" edge of a clone ordering, the clone's running. */
static char *cause(const struct pe_order *o)
{
	if ((o->flags & PE_ORD_AS_RUNNING) && o->first->rsc)
		return g_strdup_printf("%s running", o->first->rsc->id);
	return adesc(o->first);
}

/* Actions of unmanaged resources never become required. */
static int frozen(const struct pe_action *a)
{
	return a->rsc && a->rsc->kind == PE_PRIMITIVE && (!a->rsc->managed || a->rsc->failed_stop_block);
}

/* The member before r in its group, if any. */
static struct pe_rsc *group_pred(struct pe_rsc *r)
{
	struct pe_rsc *g = r->parent;
	if (!g || g->kind != PE_GROUP)
		return NULL;
	for (guint i = 1; i < g->children->len; i++)
		if (g_ptr_array_index(g->children, i) == r)
			return g_ptr_array_index(g->children, i - 1);
	return NULL;
}

static int propagate(struct pe_ws *ws)
{
	int changed = 0;
	for (guint i = 0; i < ws->orders->len; i++) {
		struct pe_order *o = g_ptr_array_index(ws->orders, i);
		struct pe_action *f = o->first, *t = o->then;
		if ((o->flags & PE_ORD_RUNNABLE_LEFT) && t->runnable) {
			int unrun;
			if (o->flags & PE_ORD_ANY_RUNNABLE) {
				unrun = 1;
				for (guint k = 0; k < t->after->len; k++) {
					struct pe_order *x = g_ptr_array_index(t->after, k);
					if ((x->flags & PE_ORD_ANY_RUNNABLE) && x->first->runnable)
						unrun = 0;
				}
			} else {
				unrun = !f->runnable;
			}
			if (unrun && (o->flags & PE_ORD_ASYMMETRIC) && t->optional) {
				unrun = 0; /* nothing to start: an asymmetrical order stops nothing */
				if (!t->held)
					t->held = 1, changed = 1;
			}
			if (!unrun && f->held && t->optional && !t->held && !(o->flags & PE_ORD_ANY_RUNNABLE))
				t->held = 1, changed = 1;
			if (unrun) {
				t->runnable = 0;
				if (!t->reason && f->reason && !strncmp(f->reason, "unrunnable ", 11) &&
				    (f->task == PE_START_P || (f->task == PE_START && t->rsc && f->rsc &&
							       f->rsc->parent == t->rsc->parent &&
							       f->rsc->parent && f->rsc->parent->kind == PE_GROUP))) {
					/* Through a collective's start, or along a
					 * group's chain, the root cause is reported. */
					t->reason = g_strdup(f->reason);
				} else if (!t->reason) {
					char *d = adesc(f);
					t->reason = g_strdup_printf("unrunnable %s", d);
					g_free(d);
				}
				changed = 1;
			}
		}
		/* A restart for a changed definition reports an ordering cause
		 * when there is one. */
		if ((o->flags & PE_ORD_IMPLIES_THEN) && !(o->flags & PE_ORD_RESTART) && !f->optional &&
		    !t->optional && !t->reason && t->task == PE_START && t->rsc && t->rsc->def_changed) {
			char *d = cause(o);
			t->reason = g_strdup_printf("required %s", d);
			g_free(d);
		}
		if ((o->flags & PE_ORD_IMPLIES_THEN) && !f->optional && t->optional && !frozen(t) &&
		    !(t->task == PE_START && !t->rsc->next)) {
			t->optional = 0;
			if (!t->reason && !(o->flags & PE_ORD_RESTART)) {
				char *d = cause(o);
				t->reason = g_strdup_printf("required %s", d);
				g_free(d);
			}
			changed = 1;
		}
		if ((o->flags & PE_ORD_IMPLIES_FIRST) && !t->optional && f->optional && !frozen(f)) {
			f->optional = 0;
			if (!f->reason) {
				char *d = adesc(t);
				f->reason = g_strdup_printf("required %s", d);
				g_free(d);
			}
			changed = 1;
		}
	}
	/* Per-resource consequences. */
	for (guint i = 0; i < ws->prims->len; i++) {
		struct pe_rsc *r = g_ptr_array_index(ws->prims, i);
		/* What must live with a resource that cannot start cannot start. */
		if (r->start && !r->start->runnable && r->next) {
			for (guint k = 0; k < r->deps->len; k++) {
				struct pe_coloc *c = g_ptr_array_index(r->deps, k);
				struct pe_action *ds = c->dep->start;
				if (c->score < PE_INF || !ds || !ds->runnable || c->dep->next != r->next)
					continue;
				ds->runnable = 0;
				if (!ds->reason)
					ds->reason = g_strdup_printf("colocation with %s", r->id);
				changed = 1;
			}
		}
		if (!r->managed || r->failed_stop_block)
			continue;
		struct pe_action *s = r->start;
		for (guint k = 0; k < r->stops->len; k++) {
			struct pe_action *st = g_ptr_array_index(r->stops, k);
			if (st->node != r->next)
				continue;
			/* Restart: a required start where it already runs needs a stop. */
			if (!s->optional && st->optional && !s->reissue) {
				st->optional = 0;
				if (!st->reason && s->reason)
					st->reason = g_strdup(s->reason);
				changed = 1;
			}
			/* Cannot (re)start: it must not keep running unsupervised. */
			if (!s->runnable && st->optional) {
				st->optional = 0;
				struct pe_rsc *pred = group_pred(r);
				if (!st->reason && pred && pred->start && !pred->start->runnable &&
				    pred->running->len && g_ptr_array_index(pred->running, 0) == st->node)
					/* It stops because the member below it stops. */
					st->reason = g_strdup_printf("required %s start", pred->id);
				if (!st->reason && s->reason)
					st->reason = g_strdup(s->reason);
				changed = 1;
			}
		}
	}
	return changed;
}

static int cmp_node_name(gconstpointer a, gconstpointer b)
{
	const struct pe_node *x = *(struct pe_node *const *)a, *y = *(struct pe_node *const *)b;
	return pe_natural_cmp(x->uname, y->uname);
}

/* Fencing one node at a time (concurrent-fencing=false, the default), in
 * node-name order, the DC last: it must stay to run the others. */
static void fencing(struct pe_ws *ws)
{
	GPtrArray *byname = g_ptr_array_new();
	for (guint i = 0; i < ws->nodes->len; i++)
		g_ptr_array_add(byname, g_ptr_array_index(ws->nodes, i));
	g_ptr_array_sort(byname, cmp_node_name);
	const char *cf = cib_nv_get(&ws->cib->options, "concurrent-fencing");
	int serial = !(cf && cib_is_true(cf));
	const char *dc = ws->cib->dc_uuid;
	struct pe_action *last = NULL, *dc_fence = NULL;
	for (guint i = 0; i < byname->len; i++) {
		struct pe_node *n = g_ptr_array_index(byname, i);
		/* Without quorum (and no-quorum-policy other than ignore) a
		 * partition may not fence. */
		if (!n->unclean || !ws->stonith_enabled || !quorum_ok(ws))
			continue;
		n->fence = 1;
		struct pe_action *f = new_action(ws, PE_FENCE, NULL, n);
		f->optional = 0;
		if (dc && n->id && !strcmp(dc, n->id)) {
			dc_fence = f;
		} else if (serial) {
			order(ws, last, f, 0);
			last = f;
		}
		for (guint k = 0; k < ws->prims->len; k++) {
			struct pe_rsc *r = g_ptr_array_index(ws->prims, k);
			for (guint q = 0; q < r->stops->len; q++) {
				struct pe_action *s = g_ptr_array_index(r->stops, q);
				if (s->node == n) {
					s->optional = 0;
					order(ws, f, s, 0);
				}
			}
			if (!r->managed)
				continue;
			/* What requires fencing starts (or is promoted) only
			 * after every fencing; what requires quorum only
			 * after the fencing of a node where it may run and
			 * whose state of it is unknown (it may be active). */
			if (r->requires_fencing) {
				order(ws, f, r->start, 0);
				order(ws, f, r->promote, 0);
			} else if (!r->requires_nothing && r->allowed[n->idx] && !has_history(ws, r, n)) {
				order(ws, f, r->start, PE_ORD_RUNNABLE_LEFT);
			}
		}
	}
	if (dc_fence && serial)
		order(ws, last, dc_fence, 0);
	g_ptr_array_free(byname, TRUE);
}

/* The anonymous clone r is an instance (or member of an instance) of. */
static struct pe_rsc *anon_clone_of(struct pe_rsc *r)
{
	for (struct pe_rsc *p = r->parent; p; p = p->parent)
		if (p->kind == PE_CLONE) {
			const char *gu = cib_nv_get(&p->cfg->meta, "globally-unique");
			return gu && cib_is_true(gu) ? NULL : p;
		}
	return NULL;
}

/* Every instance of r's configured primitive in the clone, in order. */
static GPtrArray *instances_alike(struct pe_ws *ws, struct pe_rsc *r, struct pe_rsc *clone)
{
	GPtrArray *l = g_ptr_array_new();
	for (guint i = 0; i < ws->prims->len; i++) {
		struct pe_rsc *x = g_ptr_array_index(ws->prims, i);
		if (x->cfg == r->cfg && !x->orphan && anon_clone_of(x) == clone)
			g_ptr_array_add(l, x);
	}
	return l;
}

static struct pe_rsc *probe_owner(GPtrArray *alike, struct pe_node *n)
{
	for (guint i = 0; i < alike->len; i++) {
		struct pe_rsc *x = g_ptr_array_index(alike, i);
		if (x->next == n || on_node(x, n))
			return x;
	}
	return alike->len ? g_ptr_array_index(alike, 0) : NULL;
}

/* Is the recurring op op/interval active for r on n (in the history)? */
static int has_op_note(struct pe_ws *ws, enum pe_note_kind kind, struct pe_rsc *r, struct pe_node *n, const char *op,
		       long long interval)
{
	for (guint i = 0; i < ws->notes->len; i++) {
		struct pe_note *x = g_ptr_array_index(ws->notes, i);
		if (x->kind == kind && x->rsc == r && x->node == n && x->interval_ms == interval && !strcmp(x->op, op))
			return 1;
	}
	return 0;
}

static int recurring_active(struct pe_ws *ws, struct pe_rsc *r, struct pe_node *n, const char *op, long long interval)
{
	return has_op_note(ws, PE_NOTE_RECURRING, r, n, op, interval);
}

/* Pacemaker ignores an op with the name and interval of an earlier one
 * (whatever their roles). */
static int duplicate_op(struct pe_rsc *r, guint k)
{
	struct cib_op *o = g_ptr_array_index(r->cfg->ops, k);
	for (guint i = 0; i < k; i++) {
		struct cib_op *e = g_ptr_array_index(r->cfg->ops, i);
		if (!strcmp(e->name, o->name) && e->interval_ms == o->interval_ms)
			return 1;
	}
	return 0;
}

static void role_cancel(struct pe_ws *ws, struct pe_rsc *r, struct cib_op *o)
{
	struct pe_action *c = new_action(ws, PE_CANCEL, r, r->next);
	c->optional = 0;
	c->cancel_op = o->name;
	c->interval_ms = o->interval_ms;
	for (guint i = 0; i < ws->notes->len; i++) {
		struct pe_note *x = g_ptr_array_index(ws->notes, i);
		if (x->kind == PE_NOTE_RECURRING && x->rsc == r && x->node == r->next &&
		    x->interval_ms == o->interval_ms && !strcmp(x->op, o->name))
			c->cancel_call_id = x->call_id;
	}
	if (r->promote && r->promote->node == r->next)
		order(ws, c, r->promote, 0);
	if (r->demote && r->demote->node == r->next)
		order(ws, c, r->demote, 0);
}

static void monitors(struct pe_ws *ws)
{
	for (guint i = 0; i < ws->prims->len; i++) {
		struct pe_rsc *r = g_ptr_array_index(ws->prims, i);
		if (r->orphan)
			continue;
		/* Probes where the state is unknown.  An anonymous clone is
		 * probed once per node (by the instance placed or running
		 * there, else its first), before any instance starts. */
		struct pe_rsc *clone = anon_clone_of(r);
		GPtrArray *alike = clone ? instances_alike(ws, r, clone) : NULL;
		for (guint k = 0; k < ws->nodes->len; k++) {
			struct pe_node *n = g_ptr_array_index(ws->nodes, k);
			if (!n->online || n->unclean)
				continue;
			if (has_history(ws, r, n))
				continue;
			if (alike && probe_owner(alike, n) != r)
				continue;
			struct pe_action *p = new_action(ws, PE_PROBE, r, n);
			p->optional = 0;
			for (guint q = 0; alike && q < alike->len; q++)
				order(ws, p, ((struct pe_rsc *)g_ptr_array_index(alike, q))->start, 0);
			if (!alike && r->start)
				order(ws, p, r->start, 0);
			/* In a clone, before the clone starts at all (the start of
			 * every instance, every member of a cloned group). */
			struct pe_rsc *top = r;
			while (top->parent)
				top = top->parent;
			struct coll *tc = top->kind == PE_CLONE ? g_hash_table_lookup(colls, top) : NULL;
			if (tc)
				order(ws, p, tc->start, 0);
		}
		if (alike)
			g_ptr_array_free(alike, TRUE);
		if (!r->start || !r->next || !r->start->runnable)
			continue;
		if (r->start->optional && !on_node(r, r->next))
			continue;
		int restart = !r->start->optional;
		int next_role = pe_role_next(r);
		for (guint k = 0; k < r->cfg->ops->len; k++) {
			struct cib_op *o = g_ptr_array_index(r->cfg->ops, k);
			if (strcmp(o->name, "monitor") || o->interval_ms <= 0 || !o->enabled)
				continue;
			if (duplicate_op(r, k))
				continue;
			int orole = pe_role_parse(o->role);
			int active = recurring_active(ws, r, r->next, o->name, o->interval_ms);
			/* A monitor without a role is for the unpromoted roles. */
			if ((orole != PE_ROLE_UNKNOWN && orole != next_role) ||
			    (orole == PE_ROLE_UNKNOWN && next_role == PE_ROLE_PROMOTED)) {
				/* A monitor of the role it leaves is cancelled
				 * (before the role changes) where it stays. */
				if (active && !restart)
					role_cancel(ws, r, o);
				continue;
			}
			int again = has_op_note(ws, PE_NOTE_RESCHEDULE, r, r->next, o->name, o->interval_ms);
			if (!restart && !again && active)
				continue; /* already recurring where it runs */
			if (r->start->held)
				continue; /* its start could not run: nor can this */
			struct pe_action *m = new_action(ws, PE_MONITOR, r, r->next);
			m->interval_ms = o->interval_ms;
			m->optional = 0;
			order(ws, r->start, m, PE_ORD_RUNNABLE_LEFT);
			/* A monitor of the new role waits for the change. */
			if (next_role == PE_ROLE_PROMOTED && r->promote)
				order(ws, r->promote, m, PE_ORD_RUNNABLE_LEFT);
			else if (r->demote && r->demote->node == r->next)
				order(ws, r->demote, m, PE_ORD_RUNNABLE_LEFT);
		}
	}
}

/* The actions by which r loses role (UNKNOWN: any role but stopped) or, when
 * gain, comes to have it; a collective's by its pseudo actions, as a first
 * by their completion (stopped, demoted). */
static void role_change_actions(struct pe_rsc *r, int role, int gain, GPtrArray *out)
{
	struct coll *c = r->kind == PE_PRIMITIVE ? NULL : g_hash_table_lookup(colls, r);
	if (r->kind != PE_PRIMITIVE && !c)
		return;
	if (role == PE_ROLE_PROMOTED) {
		struct pe_action *a = c ? (gain ? c->promote : c->demoted) : (gain ? r->promote : r->demote);
		if (a)
			g_ptr_array_add(out, a);
		return;
	}
	if (gain) {
		g_ptr_array_add(out, c ? c->start : r->start);
		if (role == PE_ROLE_UNPROMOTED && (c ? c->demote : r->demote))
			g_ptr_array_add(out, c ? c->demote : r->demote);
		return;
	}
	if (c)
		g_ptr_array_add(out, c->stopped);
	else
		for (guint i = 0; i < r->stops->len; i++)
			g_ptr_array_add(out, g_ptr_array_index(r->stops, i));
	if (role == PE_ROLE_UNPROMOTED && (c ? c->promoted : r->promote))
		g_ptr_array_add(out, c ? c->promoted : r->promote);
}

/* A mandatory anti-colocation: what one side gives up on a node is given up
 * before the other side takes it there (both ways).  A first that does not
 * happen, or one on another node, orders nothing. */
static void anti_colocation_orders(struct pe_ws *ws)
{
	GPtrArray *cl = ws->cib->colocations;
	for (guint i = 0; i < cl->len; i++) {
		struct cib_colocation *cc = g_ptr_array_index(cl, i);
		if (cc->score > -PE_INF || !cc->rsc || !cc->with)
			continue;
		struct pe_rsc *side[2] = { pe_find_rsc(ws, cc->rsc), pe_find_rsc(ws, cc->with) };
		int role[2] = { pe_role_parse(cc->rsc_role), pe_role_parse(cc->with_role) };
		if (!side[0] || !side[1])
			continue;
		for (int d = 0; d < 2; d++) {
			GPtrArray *firsts = g_ptr_array_new(), *thens = g_ptr_array_new();
			role_change_actions(side[d], role[d], 0, firsts);
			role_change_actions(side[1 - d], role[1 - d], 1, thens);
			for (guint f = 0; f < firsts->len; f++) {
				struct pe_action *a = g_ptr_array_index(firsts, f);
				if (a->optional || !a->runnable)
					continue;
				for (guint t = 0; t < thens->len; t++) {
					struct pe_action *b = g_ptr_array_index(thens, t);
					if (!a->node || !b->node || a->node == b->node)
						order(ws, a, b, 0);
				}
			}
			g_ptr_array_free(firsts, TRUE);
			g_ptr_array_free(thens, TRUE);
		}
	}
}

static void free_coll(gpointer p)
{
	g_free(p);
}

void pe_actions(struct pe_ws *ws)
{
	colls = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, free_coll);
	for (guint i = 0; i < ws->rscs->len; i++)
		build(ws, g_ptr_array_index(ws->rscs, i));
	config_orders(ws);
	fencing(ws);
	for (int guard = 0; guard < 1000 && propagate(ws); guard++)
		;
	/* Pseudo actions of collectives are required when any member action is. */
	for (guint i = 0; i < ws->actions->len; i++) {
		struct pe_action *a = g_ptr_array_index(ws->actions, i);
		if (!a->pseudo || a->node)
			continue;
		for (guint k = 0; k < a->after->len && a->optional; k++) {
			struct pe_order *o = g_ptr_array_index(a->after, k);
			/* An optional ordering from outside the collective
			 * only orders; it requires nothing. */
			if (!o->first->optional && o->first->runnable &&
			    (within(o->first->rsc, a->rsc) || (o->flags & PE_ORD_IMPLIES_THEN)))
				a->optional = 0;
		}
		for (guint k = 0; k < a->before->len && a->optional; k++) {
			struct pe_order *o = g_ptr_array_index(a->before, k);
			/* (The "an instance stops" edge of a clone ordering says
			 * nothing about whether the clone stops.) */
			if (!o->then->optional && o->then->runnable && o->then->rsc && o->then->task != PE_START_P &&
			    o->then->task != PE_STOP_P && o->then->task != PE_PROMOTE_P && o->then->task != PE_DEMOTE_P &&
			    !(o->flags & PE_ORD_AS_RUNNING))
				a->optional = 0;
		}
	}
	monitors(ws);
	pe_migrations(ws);
	anti_colocation_orders(ws);
	pe_util_orders(ws);
	pe_housekeeping(ws);
	pe_order_probes(ws);
	pe_notifications(ws);
	(void)any_prim;
	(void)find_act;
	g_hash_table_destroy(colls);
	colls = NULL;
}
