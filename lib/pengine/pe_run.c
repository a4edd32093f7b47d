/* Entry point of the policy engine: runs the stages (unpack, assign,
 * actions) on a parsed CIB and owns the working set's lifetime. */
#include <string.h>
#include <time.h>
#include "pengine/pe.h"

struct pe_node *pe_find_node(struct pe_ws *ws, const char *uname)
{
	for (guint i = 0; i < ws->nodes->len; i++) {
		struct pe_node *n = g_ptr_array_index(ws->nodes, i);
		if (!strcmp(n->uname, uname))
			return n;
	}
	return NULL;
}

struct pe_rsc *pe_find_rsc(struct pe_ws *ws, const char *id)
{
	return g_hash_table_lookup(ws->by_id, id);
}

struct pe_ws *pe_run(struct cib *cib, const struct pe_options *opt)
{
	struct pe_ws *ws = g_new0(struct pe_ws, 1);
	ws->cib = cib;
	ws->now = opt && opt->now ? opt->now : (cib->execution_date ? cib->execution_date : (long long)time(NULL));
	ws->show_scores = opt ? opt->show_scores : 0;
	ws->log = g_string_new(NULL);
	ws->nodes = g_ptr_array_new();
	ws->rscs = g_ptr_array_new();
	ws->prims = g_ptr_array_new();
	ws->colocs = g_ptr_array_new();
	ws->actions = g_ptr_array_new();
	ws->orders = g_ptr_array_new();
	ws->by_id = g_hash_table_new(g_str_hash, g_str_equal);
	ws->known = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	ws->notes = g_ptr_array_new_with_free_func(g_free);
	pe_unpack(ws);
	pe_assign(ws);
	pe_actions(ws);
	return ws;
}

static void free_rsc(struct pe_rsc *r)
{
	for (guint i = 0; i < r->children->len; i++)
		free_rsc(g_ptr_array_index(r->children, i));
	g_ptr_array_free(r->children, TRUE);
	g_ptr_array_free(r->running, TRUE);
	g_ptr_array_free(r->failed_ops, TRUE);
	g_ptr_array_free(r->with, TRUE);
	g_ptr_array_free(r->deps, TRUE);
	g_ptr_array_free(r->stops, TRUE);
	if (r->notify_data)
		g_ptr_array_free(r->notify_data, TRUE);
	g_free(r->weight);
	g_free(r->allowed);
	if (r->own_cfg) {
		struct cib_rsc *c = r->cfg;
		g_free(c->id);
		g_free(c->cls);
		g_free(c->provider);
		g_free(c->type);
		g_ptr_array_free(c->ops, TRUE);
		g_ptr_array_free(c->children, TRUE);
		g_free(c);
	}
	g_free(r->id);
	g_free(r);
}

void pe_free(struct pe_ws *ws)
{
	if (!ws)
		return;
	for (guint i = 0; i < ws->rscs->len; i++)
		free_rsc(g_ptr_array_index(ws->rscs, i));
	for (guint i = 0; i < ws->nodes->len; i++) {
		struct pe_node *n = g_ptr_array_index(ws->nodes, i);
		if (n->free_cap)
			g_hash_table_destroy(n->free_cap);
		g_free(n);
	}
	for (guint i = 0; i < ws->colocs->len; i++)
		g_free(g_ptr_array_index(ws->colocs, i));
	for (guint i = 0; i < ws->actions->len; i++) {
		struct pe_action *a = g_ptr_array_index(ws->actions, i);
		g_ptr_array_free(a->after, TRUE);
		g_ptr_array_free(a->before, TRUE);
		g_free(a->reason);
		g_free(a);
	}
	for (guint i = 0; i < ws->orders->len; i++)
		g_free(g_ptr_array_index(ws->orders, i));
	g_ptr_array_free(ws->nodes, TRUE);
	g_ptr_array_free(ws->rscs, TRUE);
	g_ptr_array_free(ws->prims, TRUE);
	g_ptr_array_free(ws->colocs, TRUE);
	g_ptr_array_free(ws->actions, TRUE);
	g_ptr_array_free(ws->orders, TRUE);
	g_hash_table_destroy(ws->by_id);
	g_hash_table_destroy(ws->known);
	g_ptr_array_free(ws->notes, TRUE);
	g_string_free(ws->log, TRUE);
	g_free(ws->no_quorum_policy);
	g_free(ws);
}
