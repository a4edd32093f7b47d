/* Utilization and placement-strategy (Pacemaker 1.1+, as 2.1.5 does it):
 * nodes have capacities and resources needs (<utilization> nvpairs, whole
 * numbers).  With placement-strategy utilization, minimal or balanced a
 * resource may only go to a node whose remaining capacity covers every
 * need (a missing capacity is 0); a group's first member needs what the
 * whole group needs.  balanced prefers, among equal scores, the node with
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

/* Adds what r (and, for the first member of a group, the members after it
 * that are not placed yet) needs into `need`. */
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

static GHashTable *needs_of(struct pe_rsc *r, int with_group)
{
	GHashTable *need = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, g_free);
	struct pe_rsc *g = r->parent;
	if (with_group && g && g->kind == PE_GROUP && g->children->len && g_ptr_array_index(g->children, 0) == r) {
		for (guint i = 0; i < g->children->len; i++) {
			struct pe_rsc *m = g_ptr_array_index(g->children, i);
			if (m == r || (m->kind == PE_PRIMITIVE && !m->assigned_done))
				add_needs(need, m);
		}
	} else {
		add_needs(need, r);
	}
	return need;
}

int pe_util_fits(struct pe_ws *ws, struct pe_rsc *r, struct pe_node *n)
{
	if (ws->placement == PE_PLACE_DEFAULT || r->kind != PE_PRIMITIVE)
		return 1;
	GHashTable *need = needs_of(r, 1);
	int ok = 1;
	GHashTableIter it;
	gpointer k, v;
	g_hash_table_iter_init(&it, need);
	while (ok && g_hash_table_iter_next(&it, &k, &v))
		if (*(long long *)v > 0 && free_of(n, k) < *(long long *)v)
			ok = 0;
	g_hash_table_destroy(need);
	return ok;
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
