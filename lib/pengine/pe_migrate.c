/* Live migration (allow-migrate=true): a primitive that moves from one
 * healthy node to another is not stopped and started but migrated: the
 * agent's migrate_to runs on the source, then migrate_from on the target,
 * then the (now cheap) stop on the source; the start becomes a pseudo
 * action that stands for "running on the target".  What had to happen
 * before the start happens before migrate_to (a migrating resource it
 * waits for counts as started once its migrate_from is done).  A failed,
 * unmanaged or restarting resource, or one with a failure in its history (a
 * failed migration among them), is moved the usual way. */
#include <string.h>
#include "pengine/pe.h"

static int runs(const struct pe_action *a)
{
	return a && !a->optional && a->runnable;
}

int pe_allows_migration(const struct pe_rsc *r)
{
	const char *v = NULL;
	for (struct cib_rsc *p = r->cfg; p && !v; p = p->parent)
		v = cib_nv_get(&p->meta, "allow-migrate");
	return v && cib_is_true(v);
}

static int can_migrate(struct pe_ws *ws, struct pe_rsc *r)
{
	if (r->kind != PE_PRIMITIVE || r->orphan || !r->managed || r->failed || r->failed_stop_block ||
	    r->failed_ops->len || r->running->len != 1 || !r->next || !pe_allows_migration(r))
		return 0;
	struct pe_node *src = g_ptr_array_index(r->running, 0);
	if (src == r->next || !src->online || src->unclean || !r->next->online || r->next->unclean)
		return 0;
	if (!runs(r->start))
		return 0;
	for (guint i = 0; i < r->stops->len; i++) {
		struct pe_action *s = g_ptr_array_index(r->stops, i);
		if (s->node == src && runs(s) && !s->pseudo)
			return 1;
	}
	(void)ws;
	return 0;
}

void pe_migrations(struct pe_ws *ws)
{
	GPtrArray *moving = g_ptr_array_new();
	for (guint i = 0; i < ws->prims->len; i++) {
		struct pe_rsc *r = g_ptr_array_index(ws->prims, i);
		if (r->partial_continue && runs(r->start)) {
			/* migrate_to is done: only migrate_from is left. */
			r->migrate_from = pe_new_action(ws, PE_MIGRATE_FROM, r, r->next);
			r->migrate_from->optional = 0;
			r->start->pseudo = 1;
			g_ptr_array_add(moving, r);
			continue;
		}
		if (!can_migrate(ws, r))
			continue;
		struct pe_node *src = g_ptr_array_index(r->running, 0);
		r->migrate_to = pe_new_action(ws, PE_MIGRATE_TO, r, src);
		r->migrate_from = pe_new_action(ws, PE_MIGRATE_FROM, r, r->next);
		r->migrate_to->optional = r->migrate_from->optional = 0;
		r->start->pseudo = 1;
		g_ptr_array_add(moving, r);
	}
	for (guint i = 0; i < moving->len; i++) {
		struct pe_rsc *r = g_ptr_array_index(moving, i);
		struct pe_action *first = r->migrate_to ? r->migrate_to : r->migrate_from;
		if (r->migrate_to)
			pe_order_actions(ws, r->migrate_to, r->migrate_from, PE_ORD_IMPLIES_THEN);
		for (guint k = 0; k < r->stops->len; k++) {
			struct pe_action *s = g_ptr_array_index(r->stops, k);
			/* What had to happen before it stops on the source (a
			 * demote that an order's inverse puts there) happens
			 * before it leaves. */
			guint m = s->after->len;
			for (guint q = 0; q < m; q++) {
				struct pe_order *o = g_ptr_array_index(s->after, q);
				struct pe_action *f = o->first;
				if (f->rsc == r || f->task == PE_STOP_P || f->task == PE_STOP || f->task == PE_FENCE)
					continue;
				pe_order_actions(ws, f, r->migrate_to, 0);
			}
			pe_order_actions(ws, r->migrate_from, s, PE_ORD_IMPLIES_THEN);
		}
		/* The start's prerequisites become migrate_to's (its own stop
		 * aside: that now comes after). */
		guint n = r->start->after->len;
		for (guint k = 0; k < n; k++) {
			struct pe_order *o = g_ptr_array_index(r->start->after, k);
			struct pe_action *f = o->first;
			/* Stop-side implications follow the migration; a group's or
			 * clone's start pseudo action waits for its stops, which
			 * now wait for the migration: not a prerequisite either. */
			if ((f->rsc == r && f->task == PE_STOP) || f->task == PE_STOPPED || f->task == PE_STOP_P ||
			    f->task == PE_START_P)
				continue;
			if (f->task == PE_START && f->rsc && f->rsc->migrate_from)
				f = f->rsc->migrate_from;
			pe_order_actions(ws, f, first, 0);
		}
	}
	g_ptr_array_free(moving, TRUE);
}
