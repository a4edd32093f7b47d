/* Releases a struct cib and everything it owns (including the XML document).
 * Kept apart from the reader so the reader stays about reading. */
#include "cib/cib.h"

static void nv_clear(struct cib_nvlist *l)
{
	if (l->items)
		g_ptr_array_free(l->items, TRUE);
	l->items = NULL;
}

static void rsc_free(struct cib_rsc *r)
{
	g_free(r->id);
	g_free(r->cls);
	g_free(r->provider);
	g_free(r->type);
	nv_clear(&r->meta);
	nv_clear(&r->params);
	nv_clear(&r->utilization);
	g_ptr_array_free(r->ops, TRUE);
	for (guint i = 0; i < r->children->len; i++)
		rsc_free(g_ptr_array_index(r->children, i));
	g_ptr_array_free(r->children, TRUE);
	g_free(r);
}

static void rule_free(struct cib_rule *ru)
{
	for (guint k = 0; k < ru->exprs->len; k++) {
		struct cib_expr *e = g_ptr_array_index(ru->exprs, k);
		if (e) {
			g_free(e->attr);
			g_free(e->value);
			cib_date_free(e->date);
			g_free(e);
		}
	}
	g_ptr_array_free(ru->exprs, TRUE);
	if (ru->rules) {
		for (guint k = 0; k < ru->rules->len; k++)
			rule_free(g_ptr_array_index(ru->rules, k));
		g_ptr_array_free(ru->rules, TRUE);
	}
	g_free(ru->score_attr);
	g_free(ru->role);
	g_free(ru->id);
	g_free(ru);
}

void cib_free(struct cib *c)
{
	if (!c)
		return;
	guint i, j;
	for (i = 0; i < c->nodes->len; i++) {
		struct cib_node *n = g_ptr_array_index(c->nodes, i);
		g_free(n->id);
		g_free(n->uname);
		g_free(n->type);
		nv_clear(&n->attrs);
		nv_clear(&n->utilization);
		g_free(n);
	}
	for (i = 0; i < c->resources->len; i++)
		rsc_free(g_ptr_array_index(c->resources, i));
	for (i = 0; i < c->locations->len; i++) {
		struct cib_location *l = g_ptr_array_index(c->locations, i);
		for (j = 0; j < l->rules->len; j++) {
			rule_free(g_ptr_array_index(l->rules, j));
		}
		g_ptr_array_free(l->rules, TRUE);
		g_free(l->id);
		g_free(l->rsc);
		g_free(l->node);
		g_free(l->role);
		g_free(l);
	}
	for (i = 0; i < c->colocations->len; i++) {
		struct cib_colocation *co = g_ptr_array_index(c->colocations, i);
		g_free(co->id);
		g_free(co->rsc);
		g_free(co->with);
		g_free(co->rsc_role);
		g_free(co->with_role);
		g_free(co);
	}
	for (i = 0; i < c->orders->len; i++) {
		struct cib_order *o = g_ptr_array_index(c->orders, i);
		g_free(o->id);
		g_free(o->first);
		g_free(o->then);
		g_free(o->first_action);
		g_free(o->then_action);
		g_free(o);
	}
	for (i = 0; i < c->states->len; i++) {
		struct cib_node_state *s = g_ptr_array_index(c->states, i);
		for (j = 0; j < s->lrm->len; j++) {
			struct cib_lrm_rsc *lr = g_ptr_array_index(s->lrm, j);
			g_ptr_array_free(lr->ops, TRUE);
			g_free(lr->id);
			g_free(lr->cls);
			g_free(lr->provider);
			g_free(lr->type);
			g_free(lr);
		}
		g_ptr_array_free(s->lrm, TRUE);
		nv_clear(&s->attrs);
		g_free(s->id);
		g_free(s->uname);
		g_free(s->in_ccm);
		g_free(s->crmd);
		g_free(s->join);
		g_free(s->expected);
		g_free(s->ha);
		g_free(s);
	}
	for (i = 0; i < c->diags->len; i++) {
		struct cib_diag *d = g_ptr_array_index(c->diags, i);
		g_free(d->text);
		g_free(d);
	}
	g_ptr_array_free(c->nodes, TRUE);
	g_ptr_array_free(c->resources, TRUE);
	g_ptr_array_free(c->locations, TRUE);
	g_ptr_array_free(c->colocations, TRUE);
	g_ptr_array_free(c->orders, TRUE);
	g_ptr_array_free(c->states, TRUE);
	g_ptr_array_free(c->diags, TRUE);
	nv_clear(&c->options);
	nv_clear(&c->rsc_defaults);
	nv_clear(&c->op_defaults);
	g_free(c->validate_with);
	g_free(c->feature_set);
	g_free(c->dc_uuid);
	if (c->doc)
		xmlFreeDoc(c->doc);
	g_free(c);
}
