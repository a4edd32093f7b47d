/* Clone notifications.  A clone with meta notify=true tells its instances
 * before and after each of its start, stop, promote and demote that runs:
 *
 *   CLONE_pre_notify_OP -> RSC_pre_notify_OP (each instance told)
 *     -> CLONE_confirmed-pre_notify_OP -> CLONE_OP ... CLONE_DONE
 *     -> CLONE_post_notify_DONE -> RSC_post_notify_OP
 *     -> CLONE_confirmed-post_notify_DONE
 *
 * (DONE: running, stopped, promoted, demoted).  The instances told are
 * those active at that point of the clone's sequence demote, stop, start,
 * promote: before a demote or a stop the ones running now, after a stop
 * (before a start) those that do not stop, after a start (around a
 * promote) those placed.  Every notification carries the same lists
 * (CRM_meta_notify_start_resource, ..._uname, active, inactive, promoted
 * ...), which the clone's own instance actions get too.  What waits for
 * the clone's DONE waits for its notifications' confirmation as well, a
 * later phase's notifications follow an earlier phase's, and the new
 * recurring monitors of the instances follow the start, promote and demote
 * notifications: an agent must hear of the change before it is watched.
 * Runs on the finished graph (after propagation): only phases that will
 * run get notifications. */
#include <stdlib.h>
#include <string.h>
#include "pengine/pe.h"

enum { PH_DEMOTE, PH_STOP, PH_START, PH_PROMOTE, PH_N };

static const struct {
	int op;                   /* instance task */
	enum pe_task act, done;   /* the clone's pseudo actions */
} phases[PH_N] = {
	{ PE_DEMOTE, PE_DEMOTE_P, PE_DEMOTED },
	{ PE_STOP, PE_STOP_P, PE_STOPPED },
	{ PE_START, PE_START_P, PE_RUNNING },
	{ PE_PROMOTE, PE_PROMOTE_P, PE_PROMOTED },
};

const char *pe_notify_op_name(int op, int done)
{
	switch (op) {
	case PE_START: return done ? "running" : "start";
	case PE_STOP: return done ? "stopped" : "stop";
	case PE_PROMOTE: return done ? "promoted" : "promote";
	case PE_DEMOTE: return done ? "demoted" : "demote";
	}
	return "?";
}

struct phase {
	struct pe_action *act, *done;       /* the clone's */
	struct pe_action *pre, *pre_done, *post, *post_done;
};

static int runs(const struct pe_action *a)
{
	return a && !a->optional && a->runnable;
}

static int wants_notify(const struct pe_rsc *r)
{
	const char *v = r->cfg ? cib_nv_get(&r->cfg->meta, "notify") : NULL;
	return v && cib_is_true(v);
}

static void collect_prims(struct pe_rsc *r, GPtrArray *out)
{
	if (r->kind == PE_PRIMITIVE) {
		g_ptr_array_add(out, r);
		return;
	}
	for (guint i = 0; i < r->children->len; i++)
		collect_prims(g_ptr_array_index(r->children, i), out);
}

static int within(const struct pe_rsc *r, const struct pe_rsc *c)
{
	for (; r; r = r->parent)
		if (r == c)
			return 1;
	return 0;
}

/* The clone's own pseudo action t (not one of its children's). */
static struct pe_action *clone_action(struct pe_ws *ws, struct pe_rsc *clone, enum pe_task t)
{
	for (guint i = 0; i < ws->actions->len; i++) {
		struct pe_action *a = g_ptr_array_index(ws->actions, i);
		if (a->rsc == clone && a->task == t && !a->node)
			return a;
	}
	return NULL;
}

static struct pe_node *now_on(const struct pe_rsc *x)
{
	if (!x->running->len)
		return NULL;
	struct pe_node *n = g_ptr_array_index(x->running, 0);
	/* A node that is down or being fenced hears nothing. */
	return n->online && !n->unclean ? n : NULL;
}

static int stopping(const struct pe_rsc *x)
{
	for (guint i = 0; i < x->stops->len; i++)
		if (runs(g_ptr_array_index(x->stops, i)))
			return 1;
	return 0;
}

/* Where x is active once its start has run (NULL: nowhere). */
static struct pe_node *placed_on(const struct pe_rsc *x)
{
	if (!x->next || !x->start || !x->start->runnable)
		return NULL;
	if (!runs(x->start)) {
		/* Stays where it runs, if it does not stop there. */
		struct pe_node *n = now_on(x);
		if (n != x->next || stopping(x))
			return NULL;
	}
	return x->next->online && !x->next->unclean ? x->next : NULL;
}

/* The instance x is told of phase ph (pre or post) on the node returned. */
static struct pe_node *recipient(const struct pe_rsc *x, int ph, int post)
{
	switch (ph) {
	case PH_DEMOTE:
		return now_on(x);
	case PH_STOP:
		return post && stopping(x) ? NULL : now_on(x);
	case PH_START:
		if (post)
			return placed_on(x);
		return stopping(x) ? NULL : now_on(x);
	default:
		return placed_on(x);
	}
}

/* One list of the notification data: the instances (sorted by id) and,
 * unless NULL, their nodes; empty lists are a single space. */
struct entry {
	const char *rsc, *node;
};

static int cmp_entry(gconstpointer a, gconstpointer b)
{
	const struct entry *x = a, *y = b;
	int c = strcmp(x->rsc, y->rsc);
	return c ? c : strcmp(x->node ? x->node : "", y->node ? y->node : "");
}

static void add_list(GPtrArray *data, const char *name, GArray *l, int unames)
{
	g_array_sort(l, cmp_entry);
	GString *r = g_string_new(NULL), *u = g_string_new(NULL);
	for (guint i = 0; i < l->len; i++) {
		struct entry *e = &g_array_index(l, struct entry, i);
		g_string_append_printf(r, "%s%s", i ? " " : "", e->rsc);
		g_string_append_printf(u, "%s%s", i ? " " : "", e->node ? e->node : "");
	}
	g_ptr_array_add(data, g_strdup_printf("CRM_meta_notify_%s_resource", name));
	g_ptr_array_add(data, g_strdup(r->len ? r->str : " "));
	if (unames) {
		g_ptr_array_add(data, g_strdup_printf("CRM_meta_notify_%s_uname", name));
		g_ptr_array_add(data, g_strdup(u->len ? u->str : " "));
	}
	g_string_free(r, TRUE);
	g_string_free(u, TRUE);
	g_array_set_size(l, 0);
}

static void add_entry(GArray *l, const struct pe_rsc *x, const struct pe_node *n)
{
	struct entry e = { x->id, n ? n->uname : NULL };
	g_array_append_val(l, e);
}

static int cmp_node(gconstpointer a, gconstpointer b)
{
	const struct pe_node *x = *(struct pe_node *const *)a, *y = *(struct pe_node *const *)b;
	return strcmp(x->uname, y->uname);
}

/* The lists every notification of the clone carries. */
static GPtrArray *notify_data(struct pe_ws *ws, GPtrArray *prims)
{
	GPtrArray *d = g_ptr_array_new_with_free_func(g_free);
	GArray *l = g_array_new(FALSE, TRUE, sizeof(struct entry));
	/* active, inactive: now; start, stop, promote, demote: what runs;
	 * promoted (master), unpromoted (slave): the roles now. */
	for (guint i = 0; i < prims->len; i++) {
		struct pe_rsc *x = g_ptr_array_index(prims, i);
		if (x->running->len)
			add_entry(l, x, g_ptr_array_index(x->running, 0));
	}
	add_list(d, "active", l, 1);
	for (guint i = 0; i < prims->len; i++) {
		struct pe_rsc *x = g_ptr_array_index(prims, i);
		if (!x->running->len && !x->orphan)
			add_entry(l, x, NULL);
	}
	add_list(d, "inactive", l, 0);
	for (int ph = 0; ph < PH_N; ph++) {
		for (guint i = 0; i < prims->len; i++) {
			struct pe_rsc *x = g_ptr_array_index(prims, i);
			struct pe_action *a = phases[ph].op == PE_START ? x->start : phases[ph].op == PE_PROMOTE ? x->promote :
					      phases[ph].op == PE_DEMOTE ? x->demote : NULL;
			if (phases[ph].op == PE_STOP) {
				for (guint k = 0; k < x->stops->len; k++) {
					struct pe_action *s = g_ptr_array_index(x->stops, k);
					if (runs(s))
						add_entry(l, x, s->node);
				}
			} else if (runs(a) && a->node) {
				add_entry(l, x, a->node);
			}
		}
		add_list(d, pe_notify_op_name(phases[ph].op, 0), l, 1);
	}
	/* The roles now, under both their old and new names. */
	for (int promoted = 1; promoted >= 0; promoted--) {
		for (guint i = 0; i < prims->len; i++) {
			struct pe_rsc *x = g_ptr_array_index(prims, i);
			int role = pe_role_now(x);
			if (role == (promoted ? PE_ROLE_PROMOTED : PE_ROLE_UNPROMOTED))
				add_entry(l, x, promoted ? x->promoted_on : g_ptr_array_index(x->running, 0));
		}
		GArray *copy = g_array_copy(l);
		add_list(d, promoted ? "promoted" : "unpromoted", l, 1);
		add_list(d, promoted ? "master" : "slave", copy, 1);
		g_array_free(copy, TRUE);
	}
	/* Every node of the cluster. */
	GPtrArray *nodes = g_ptr_array_new();
	for (guint i = 0; i < ws->nodes->len; i++)
		g_ptr_array_add(nodes, g_ptr_array_index(ws->nodes, i));
	g_ptr_array_sort(nodes, cmp_node);
	GString *all = g_string_new(NULL);
	for (guint i = 0; i < nodes->len; i++)
		g_string_append_printf(all, "%s%s", i ? " " : "", ((struct pe_node *)g_ptr_array_index(nodes, i))->uname);
	g_ptr_array_add(d, g_strdup("CRM_meta_notify_all_uname"));
	g_ptr_array_add(d, g_strdup(all->len ? all->str : " "));
	g_ptr_array_add(d, g_strdup("CRM_meta_notify_available_uname"));
	g_ptr_array_add(d, g_strdup(all->len ? all->str : " "));
	g_string_free(all, TRUE);
	g_ptr_array_free(nodes, TRUE);
	g_array_free(l, TRUE);
	return d;
}

static struct pe_action *notify_action(struct pe_ws *ws, enum pe_task t, struct pe_rsc *r, struct pe_node *n,
				       int op, int post)
{
	struct pe_action *a = pe_new_action(ws, t, r, n);
	a->optional = 0;
	a->notify_op = op;
	a->notify_post = post;
	return a;
}

/* The notifications of one phase that runs. */
static void phase_notifications(struct pe_ws *ws, struct pe_rsc *clone, GPtrArray *prims, int ph, struct phase *p)
{
	int op = phases[ph].op;
	p->pre = notify_action(ws, PE_NOTIFY_P, clone, NULL, op, 0);
	p->pre_done = notify_action(ws, PE_NOTIFIED, clone, NULL, op, 0);
	p->post = notify_action(ws, PE_NOTIFY_P, clone, NULL, op, 1);
	p->post_done = notify_action(ws, PE_NOTIFIED, clone, NULL, op, 1);
	/* After the clone's DONE, which may not be reachable. */
	p->post->runnable = p->post_done->runnable = runs(p->done);
	pe_order_actions(ws, p->pre, p->pre_done, 0);
	pe_order_actions(ws, p->pre_done, p->act, 0);
	pe_order_actions(ws, p->done, p->post, 0);
	pe_order_actions(ws, p->pre_done, p->post, 0);
	pe_order_actions(ws, p->post, p->post_done, 0);
	for (int post = 0; post < 2; post++) {
		for (guint i = 0; i < prims->len; i++) {
			struct pe_rsc *x = g_ptr_array_index(prims, i);
			struct pe_node *n = recipient(x, ph, post);
			if (!n || x->orphan || !x->managed)
				continue;
			struct pe_action *a = notify_action(ws, PE_NOTIFY, x, n, op, post);
			a->runnable = post ? p->post->runnable : 1;
			pe_order_actions(ws, post ? p->post : p->pre, a, 0);
			pe_order_actions(ws, a, post ? p->post_done : p->pre_done, 0);
		}
	}
}

static int phase_of(const struct phase *p, const struct pe_action *a, int done)
{
	for (int ph = 0; ph < PH_N; ph++)
		if (p[ph].pre && (done ? p[ph].done : p[ph].act) == a)
			return ph;
	return -1;
}

/* Does an instance's action of phase ph run?  (The clone's pseudo action
 * alone may be required by an ordering while none of its instances acts.) */
static int phase_acts(GPtrArray *prims, int ph)
{
	for (guint i = 0; i < prims->len; i++) {
		struct pe_rsc *x = g_ptr_array_index(prims, i);
		switch (phases[ph].op) {
		case PE_START:
			if (runs(x->start) && x->start->node)
				return 1;
			break;
		case PE_STOP:
			if (stopping(x))
				return 1;
			break;
		case PE_PROMOTE:
			if (runs(x->promote))
				return 1;
			break;
		default:
			if (runs(x->demote))
				return 1;
		}
	}
	return 0;
}

static void clone_notifications(struct pe_ws *ws, struct pe_rsc *clone)
{
	struct phase p[PH_N];
	int live[PH_N], any = 0;
	memset(p, 0, sizeof p);
	GPtrArray *prims = g_ptr_array_new();
	collect_prims(clone, prims);
	for (int ph = 0; ph < PH_N; ph++) {
		p[ph].act = clone_action(ws, clone, phases[ph].act);
		p[ph].done = clone_action(ws, clone, phases[ph].done);
		live[ph] = runs(p[ph].act) && phase_acts(prims, ph);
		any |= live[ph];
	}
	if (!any) {
		g_ptr_array_free(prims, TRUE);
		return;
	}
	clone->notify_data = notify_data(ws, prims);
	guint norders = ws->orders->len, nactions = ws->actions->len;
	for (int ph = 0; ph < PH_N; ph++)
		if (live[ph])
			phase_notifications(ws, clone, prims, ph, &p[ph]);
	/* What follows a phase's DONE follows its notifications too; a later
	 * phase of the clone starts with its own notifications. */
	for (guint i = 0; i < norders; i++) {
		struct pe_order *o = g_ptr_array_index(ws->orders, i);
		int ph = phase_of(p, o->first, 1);
		if (ph < 0)
			continue;
		int q = phase_of(p, o->then, 0);
		if (q >= 0)
			pe_order_actions(ws, p[ph].post_done, p[q].pre, 0);
		else if (!within(o->then->rsc, clone) || o->then->rsc == clone)
			pe_order_actions(ws, p[ph].post_done, o->then, 0);
	}
	/* New recurring monitors wait for the agent to have heard. */
	for (guint i = 0; i < nactions; i++) {
		struct pe_action *m = g_ptr_array_index(ws->actions, i);
		if (m->task != PE_MONITOR || !m->rsc || !within(m->rsc, clone) || !runs(m))
			continue;
		for (int ph = 0; ph < PH_N; ph++)
			if (ph != PH_STOP && p[ph].pre)
				pe_order_actions(ws, p[ph].post_done, m, 0);
	}
	g_ptr_array_free(prims, TRUE);
}

void pe_notifications(struct pe_ws *ws)
{
	for (guint i = 0; i < ws->rscs->len; i++) {
		struct pe_rsc *r = g_ptr_array_index(ws->rscs, i);
		if (r->kind == PE_CLONE && wants_notify(r))
			clone_notifications(ws, r);
	}
}
