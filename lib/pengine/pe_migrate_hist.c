/* Live migrations in the history, read as Pacemaker 2.1.5 reads them
 * (unpack_migrate_to_success and _failure, unpack_migrate_from_failure):
 * where a resource may be active after a migration that did not complete.
 *
 *   migrate_to done on the source, no migrate_from on the target: partial;
 *     active on both, and the migration may go on (migrate_from, then the
 *     source's stop) if the target stays the resource's node;
 *   migrate_to done, migrate_from failed: active on both (failed) unless
 *     the target has news since, then failed on the source;
 *   migrate_to failed: also active on the target, unless that has news
 *     since or never saw the resource;
 *   migrate_from failed: also active on the source (unless news there).
 *
 * A node's news is a start, stop or migration newer than the migration
 * op, or a monitor since that found the resource stopped.  Newer is by
 * call id (the CIBs this reads have no on_node to tell that two ops ran on
 * different nodes, and Pacemaker then compares call ids too).  A migration
 * that completed but whose source was never stopped (dangling) is left to
 * the usual multiple-active handling. */
#include <string.h>
#include "pengine/pe.h"

static int cmp_call(gconstpointer a, gconstpointer b)
{
	const struct cib_lrm_op *x = *(struct cib_lrm_op *const *)a, *y = *(struct cib_lrm_op *const *)b;
	return (x->call_id > y->call_id) - (x->call_id < y->call_id);
}

/* r's history on n, by call id (NULL: none). */
static GPtrArray *ops_on(struct pe_ws *ws, struct pe_rsc *r, struct pe_node *n)
{
	for (guint i = 0; i < ws->cib->states->len; i++) {
		struct cib_node_state *st = g_ptr_array_index(ws->cib->states, i);
		if (!st->uname || strcmp(st->uname, n->uname))
			continue;
		for (guint j = 0; j < st->lrm->len; j++) {
			struct cib_lrm_rsc *lr = g_ptr_array_index(st->lrm, j);
			if (strcmp(lr->id, r->id))
				continue;
			GPtrArray *ops = g_ptr_array_new();
			for (guint k = 0; k < lr->ops->len; k++)
				g_ptr_array_add(ops, g_ptr_array_index(lr->ops, k));
			g_ptr_array_sort(ops, cmp_call);
			return ops;
		}
	}
	return NULL;
}

static int is(const struct cib_lrm_op *o, const char *task)
{
	return !strcmp(o->operation, task);
}

static int changes_state(const struct cib_lrm_op *o)
{
	return is(o, "start") || is(o, "stop") || is(o, "migrate_to") || is(o, "migrate_from");
}

/* A start, stop or migration in ops newer than ref. */
static int non_monitor_after(GPtrArray *ops, const struct cib_lrm_op *ref)
{
	for (guint i = 0; ops && i < ops->len; i++) {
		struct cib_lrm_op *o = g_ptr_array_index(ops, i);
		if (o != ref && changes_state(o) && o->call_id > ref->call_id)
			return 1;
	}
	return 0;
}

/* News on a node since ref: a newer state change, or a newer monitor that
 * found it not running. */
static int newer_state(GPtrArray *ops, const struct cib_lrm_op *ref)
{
	if (non_monitor_after(ops, ref))
		return 1;
	for (guint i = 0; ops && i < ops->len; i++) {
		struct cib_lrm_op *o = g_ptr_array_index(ops, i);
		if (o != ref && is(o, "monitor") && o->op_status == 0 && o->rc == 7 && o->call_id > ref->call_id)
			return 1;
	}
	return 0;
}

/* The newest `task` in ops from/to `peer` (migrate_source for migrate_from,
 * migrate_target for migrate_to); ok: only a successful one. */
static struct cib_lrm_op *find_migration(GPtrArray *ops, const char *task, const char *peer, int ok)
{
	struct cib_lrm_op *found = NULL;
	for (guint i = 0; ops && i < ops->len; i++) {
		struct cib_lrm_op *o = g_ptr_array_index(ops, i);
		const char *p = is(o, "migrate_from") ? o->migrate_source : o->migrate_target;
		if (!is(o, task) || !p || strcmp(p, peer) || (ok && (o->op_status != 0 || o->rc != 0)))
			continue;
		found = o;
	}
	return found;
}

static int index_of(struct pe_rsc *r, struct pe_node *n)
{
	for (guint i = 0; i < r->running->len; i++)
		if (g_ptr_array_index(r->running, i) == n)
			return (int)i;
	return -1;
}

/* n is active too; before `before` when given (Pacemaker notes the other
 * end while reading a node's history, before that node itself). */
static void add_running(struct pe_rsc *r, struct pe_node *n, struct pe_node *before)
{
	int at = index_of(r, n), b = before ? index_of(r, before) : -1;
	if (at >= 0 && (b < 0 || at < b))
		return;
	if (at >= 0)
		g_ptr_array_remove_index(r->running, (guint)at);
	if (b >= 0)
		g_ptr_array_insert(r->running, b, n);
	else
		g_ptr_array_add(r->running, n);
}

static void to_success(struct pe_ws *ws, struct pe_rsc *r, struct pe_node *src, struct pe_node *tgt,
		       struct cib_lrm_op *o, GPtrArray *src_ops)
{
	GPtrArray *tgt_ops = ops_on(ws, r, tgt);
	struct cib_lrm_op *from = find_migration(tgt_ops, "migrate_from", src->uname, 0);
	int src_newer = non_monitor_after(src_ops, o);
	int tgt_newer = newer_state(tgt_ops, from ? from : o);
	if ((from && src_newer) || (src_newer && tgt_newer) || (from && from->op_status == 0 && from->rc == 0)) {
		/* Irrelevant now, or complete (dangling). */
	} else if (from && from->op_status != -1) {
		/* The migrate_from failed. */
		if (!tgt_newer && tgt->online)
			add_running(r, tgt, src);
		else
			r->failed = 1;
	} else if (!tgt_newer && tgt->online) {
		/* Partial: it may run on both; the migration may go on. */
		add_running(r, tgt, NULL);
		if (src->online)
			r->partial_src = src, r->partial_tgt = tgt;
	} else if (!src_newer) {
		r->failed = 1;
	}
	if (tgt_ops)
		g_ptr_array_free(tgt_ops, TRUE);
}

static void to_failure(struct pe_ws *ws, struct pe_rsc *r, struct pe_node *src, struct pe_node *tgt,
		       struct cib_lrm_op *o)
{
	GPtrArray *tgt_ops = ops_on(ws, r, tgt);
	struct cib_lrm_op *from = find_migration(tgt_ops, "migrate_from", src->uname, 1);
	if (tgt_ops && tgt_ops->len && !newer_state(tgt_ops, from ? from : o) && tgt->online)
		add_running(r, tgt, src);
	if (tgt_ops)
		g_ptr_array_free(tgt_ops, TRUE);
}

static void from_failure(struct pe_ws *ws, struct pe_rsc *r, struct pe_node *tgt, struct pe_node *src,
			 struct cib_lrm_op *o)
{
	GPtrArray *src_ops = ops_on(ws, r, src);
	struct cib_lrm_op *to = find_migration(src_ops, "migrate_to", tgt->uname, 1);
	if (src_ops && src_ops->len && !newer_state(src_ops, to ? to : o) && src->online)
		add_running(r, src, NULL);
	if (src_ops)
		g_ptr_array_free(src_ops, TRUE);
}

static int in_clone(const struct pe_rsc *r)
{
	for (const struct pe_rsc *p = r->parent; p; p = p->parent)
		if (p->kind == PE_CLONE)
			return 1;
	return 0;
}

void pe_unpack_migrations(struct pe_ws *ws)
{
	for (guint i = 0; i < ws->prims->len; i++) {
		struct pe_rsc *r = g_ptr_array_index(ws->prims, i);
		if (r->orphan || in_clone(r))
			continue; /* clones do not migrate */
		for (guint k = 0; k < ws->nodes->len; k++) {
			struct pe_node *n = g_ptr_array_index(ws->nodes, k);
			if (!n->online && !n->unclean && !n->pending && !n->shutdown)
				continue;
			GPtrArray *ops = ops_on(ws, r, n);
			for (guint q = 0; ops && q < ops->len; q++) {
				struct cib_lrm_op *o = g_ptr_array_index(ops, q);
				int failed = o->op_status != 0 || o->rc != 0;
				if (o->op_status == -1 || o->op_status == 1)
					continue; /* pending, cancelled */
				if (is(o, "migrate_to") && o->migrate_target) {
					struct pe_node *t = pe_find_node(ws, o->migrate_target);
					if (t && t != n) {
						if (failed)
							to_failure(ws, r, n, t, o);
						else
							to_success(ws, r, n, t, o, ops);
					}
				} else if (is(o, "migrate_from") && failed && o->migrate_source) {
					struct pe_node *s = pe_find_node(ws, o->migrate_source);
					if (s && s != n)
						from_failure(ws, r, n, s, o);
				}
			}
			if (ops)
				g_ptr_array_free(ops, TRUE);
		}
	}
}
