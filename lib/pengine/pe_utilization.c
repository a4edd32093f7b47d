/* Utilization and placement-strategy (Pacemaker 1.1+, as 2.1.5 does it):
 * nodes have capacities and resources needs (<utilization> nvpairs, whole
 * numbers).  With placement-strategy utilization, minimal or balanced a
 * resource may only go to a node whose remaining capacity covers every
 * need (a missing capacity is 0), and only to a node with room for the
 * resources it is mandatorily colocated with too, when some node has that
 * room; otherwise the node with the most free capacity is preferred.  balanced prefers, among equal scores, the node with
 * more free capacity; minimal packs (no spreading by resource count);
 * default ignores utilization. */
#include <stdlib.h>
#include <string.h>
#include "pengine/pe.h"

static long long util_value(const char *v)
{
	return v ? strtoll(v, NULL, 10) : 0;
}

void pe_util_init(struct pe_ws *ws)
{
	const char *ps = cib_nv_get(&ws->cib->options, "placement-strategy");
	ws->placement = PE_PLACE_DEFAULT;
	if (ps && !strcmp(ps, "utilization"))
		ws->placement = PE_PLACE_UTILIZATION;
	else if (ps && !strcmp(ps, "minimal"))
		ws->placement = PE_PLACE_MINIMAL;
	else if (ps && !strcmp(ps, "balanced"))
		ws->placement = PE_PLACE_BALANCED;
	if (ws->placement == PE_PLACE_DEFAULT)
		return;
	for (guint i = 0; i < ws->nodes->len; i++) {
		struct pe_node *n = g_ptr_array_index(ws->nodes, i);
		n->free_cap = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, g_free);
		struct cib_node *cn = cib_find_node(ws->cib, n->uname);
		if (!cn || !cn->utilization.items)
			continue;
		for (guint k = 0; k < cn->utilization.items->len; k++) {
			struct cib_nv *nv = g_ptr_array_index(cn->utilization.items, k);
			if (g_hash_table_contains(n->free_cap, nv->name))
				continue; /* the first set wins */
			long long *v = g_new(long long, 1);
			*v = util_value(nv->value);
			g_hash_table_insert(n->free_cap, nv->name, v);
		}
	}
}

static long long free_of(const struct pe_node *n, const char *name)
{
	long long *v = n->free_cap ? g_hash_table_lookup(n->free_cap, name) : NULL;
	return v ? *v : 0;
}

/* Adds what r needs into `need`. */
static void add_needs(GHashTable *need, struct pe_rsc *r)
{
	GPtrArray *items = r->cfg->utilization.items;
	for (guint k = 0; items && k < items->len; k++) {
		struct cib_nv *nv = g_ptr_array_index(items, k);
		long long *v = g_hash_table_lookup(need, nv->name);
		if (!v) {
			v = g_new0(long long, 1);
			g_hash_table_insert(need, nv->name, v);
		}
		*v += util_value(nv->value);
	}
}

static struct pe_rsc *first_member(struct pe_rsc *r)
{
	while (r && r->kind == PE_GROUP)
		r = r->children->len ? g_ptr_array_index(r->children, 0) : NULL;
	return r;
}

/* The resources that must end up on r's node: the closure of r over
 * mandatory colocations, both ways (group members are chained that way).
 * A clone as primary does not pull in a dependent that is not a clone
 * instance: where it goes among the instances' nodes is not known yet. */
static void colocated_set(struct pe_rsc *r, GPtrArray *set)
{
	for (guint i = 0; i < set->len; i++)
		if (g_ptr_array_index(set, i) == r)
			return;
	g_ptr_array_add(set, r);
	for (guint k = 0; k < r->with->len; k++) {
		struct pe_coloc *c = g_ptr_array_index(r->with, k);
		if (c->score >= PE_INF && c->dep_role == PE_ROLE_UNKNOWN)
			colocated_set(c->prim, set);
	}
	for (guint k = 0; k < r->deps->len; k++) {
		struct pe_coloc *c = g_ptr_array_index(r->deps, k);
		if (c->score < PE_INF || c->dep_role != PE_ROLE_UNKNOWN)
			continue;
		if (r->kind == PE_CLONE && !(c->dep->parent && c->dep->parent->kind == PE_CLONE))
			continue;
		colocated_set(c->dep, set);
	}
}

/* What the set still needs: its primitives not placed yet (r is being
 * placed); a clone counts one instance not placed yet. */
static GHashTable *set_needs(struct pe_rsc *r, GPtrArray *set)
{
	GHashTable *need = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, g_free);
	for (guint i = 0; i < set->len; i++) {
		struct pe_rsc *m = g_ptr_array_index(set, i);
		if (m->kind == PE_CLONE) {
			for (guint k = 0; k < m->children->len; k++) {
				struct pe_rsc *p = first_member(g_ptr_array_index(m->children, k));
				if (p && p->kind == PE_PRIMITIVE && !p->assigned_done) {
					add_needs(need, p);
					break;
				}
			}
		} else if (m->kind == PE_PRIMITIVE && (m == r || !m->assigned_done)) {
			add_needs(need, m);
		}
	}
	return need;
}

static int has_room(const struct pe_node *n, GHashTable *need)
{
	GHashTableIter it;
	gpointer k, v;
	g_hash_table_iter_init(&it, need);
	while (g_hash_table_iter_next(&it, &k, &v))
		if (*(long long *)v > 0 && free_of(n, k) < *(long long *)v)
			return 0;
	return 1;
}

struct pe_node *pe_util_ban(struct pe_ws *ws, struct pe_rsc *r, int *w, const char *allowed)
{
	if (ws->placement == PE_PLACE_DEFAULT || r->kind != PE_PRIMITIVE)
		return NULL;
	GPtrArray *set = g_ptr_array_new();
	colocated_set(r, set);
	GHashTable *all = set_needs(r, set), *own = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, g_free);
	add_needs(own, r);
	struct pe_node *most = NULL;
	int any = 0;
	for (guint i = 0; i < ws->nodes->len; i++) {
		struct pe_node *n = g_ptr_array_index(ws->nodes, i);
		if (!allowed[i] || !pe_node_can_run(n) || w[i] < 0)
			continue;
		if (has_room(n, all))
			any = 1;
		if (!most || pe_util_compare(n, most) < 0)
			most = n;
	}
	/* Room for the whole set somewhere: only such nodes.  Otherwise
	 * only nodes with room for r alone, and the one with the most free
	 * capacity is preferred. */
	GHashTable *need = any ? all : own;
	for (guint i = 0; i < ws->nodes->len; i++) {
		struct pe_node *n = g_ptr_array_index(ws->nodes, i);
		if (allowed[i] && pe_node_can_run(n) && w[i] >= 0 && !has_room(n, need))
			w[i] = -PE_INF;
	}
	g_hash_table_destroy(all);
	g_hash_table_destroy(own);
	g_ptr_array_free(set, TRUE);
	return any ? NULL : most;
}

void pe_util_consume(struct pe_ws *ws, struct pe_rsc *r, struct pe_node *n)
{
	if (ws->placement == PE_PLACE_DEFAULT || !n || !n->free_cap || r->kind != PE_PRIMITIVE)
		return;
	GPtrArray *items = r->cfg->utilization.items;
	for (guint k = 0; items && k < items->len; k++) {
		struct cib_nv *nv = g_ptr_array_index(items, k);
		long long *v = g_hash_table_lookup(n->free_cap, nv->name);
		if (!v) {
			v = g_new0(long long, 1);
			g_hash_table_insert(n->free_cap, nv->name, v);
		}
		*v -= util_value(nv->value);
	}
}

void pe_util_release(struct pe_ws *ws, struct pe_rsc *r, struct pe_node *n)
{
	if (ws->placement == PE_PLACE_DEFAULT || !n || !n->free_cap || r->kind != PE_PRIMITIVE)
		return;
	GPtrArray *items = r->cfg->utilization.items;
	for (guint k = 0; items && k < items->len; k++) {
		struct cib_nv *nv = g_ptr_array_index(items, k);
		long long *v = g_hash_table_lookup(n->free_cap, nv->name);
		if (v)
			*v += util_value(nv->value);
	}
}

/* balanced: < 0 when a has more free capacity than b (counted per
 * attribute), > 0 when b has, 0 when neither. */
int pe_util_compare(const struct pe_node *a, const struct pe_node *b)
{
	int result = 0;
	GHashTableIter it;
	gpointer k, v;
	if (a->free_cap) {
		g_hash_table_iter_init(&it, a->free_cap);
		while (g_hash_table_iter_next(&it, &k, &v)) {
			long long x = *(long long *)v, y = free_of(b, k);
			result += x > y ? -1 : x < y ? 1 : 0;
		}
	}
	if (b->free_cap) {
		g_hash_table_iter_init(&it, b->free_cap);
		while (g_hash_table_iter_next(&it, &k, &v)) {
			if (a->free_cap && g_hash_table_contains(a->free_cap, k))
				continue;
			long long y = *(long long *)v;
			result += y > 0 ? 1 : y < 0 ? -1 : 0;
		}
	}
	return result;
}

/* Whether `to` can be reached from `from` by orderings. */
static int reaches(struct pe_action *from, struct pe_action *to, GHashTable *seen)
{
	if (from == to)
		return 1;
	if (g_hash_table_contains(seen, from))
		return 0;
	g_hash_table_add(seen, from);
	for (guint i = 0; i < from->before->len; i++) {
		struct pe_order *o = g_ptr_array_index(from->before, i);
		if (reaches(o->then, to, seen))
			return 1;
	}
	return 0;
}

static int has_utilization(const struct pe_rsc *r)
{
	return r->cfg->utilization.items && r->cfg->utilization.items->len;
}

/* Pacemaker's load_stopped_<node>: with a placement-strategy other than
 * default, what stops on a node frees capacity there first, so every start
 * on that node (and every migration to it) waits for those stops, for the
 * resources that have utilization.  An optional stop orders nothing; an
 * order that would close a loop through a migration is left out, as
 * Pacemaker breaks it. */
void pe_util_orders(struct pe_ws *ws)
{
	if (ws->placement == PE_PLACE_DEFAULT)
		return;
	for (guint i = 0; i < ws->prims->len; i++) {
		struct pe_rsc *x = g_ptr_array_index(ws->prims, i);
		for (guint k = 0; k < x->stops->len; k++) {
			struct pe_action *s = g_ptr_array_index(x->stops, k);
			if (s->optional || !s->node || !has_utilization(x))
				continue;
			for (guint j = 0; j < ws->prims->len; j++) {
				struct pe_rsc *y = g_ptr_array_index(ws->prims, j);
				if (!y->allowed[s->node->idx] || !has_utilization(y))
					continue;
				if (y->start && y->start->node == s->node && !y->start->optional)
					pe_order_actions(ws, s, y->start, 0);
				if (y->migrate_to && y->next == s->node) {
					GHashTable *seen = g_hash_table_new(g_direct_hash, g_direct_equal);
					if (!reaches(y->migrate_to, s, seen))
						pe_order_actions(ws, s, y->migrate_to, 0);
					g_hash_table_destroy(seen);
				}
			}
		}
	}
}
