/* Promotable clones: which placed instances run promoted after the
 * transition, decided as Pacemaker 2.1.5 documents it.  An instance's
 * promotion priority is its promotion score on the node it was placed on
 * (the node attribute master-RSC that the agent sets with crm_master; none
 * at all means "do not promote", -1) plus the location constraints for the
 * Promoted role; its sort key adds the clone's own preference for that node
 * and the colocations that involve the Promoted role.  The instances with
 * the best keys are promoted, up to promoted-max in all and
 * promoted-node-max per node; a negative priority or key never promotes.
 * Runs right after the clone's instances are placed, so colocations with
 * the promoted role see the result. */
#include <stdlib.h>
#include <string.h>
#include "pengine/pe.h"

int pe_role_parse(const char *s)
{
	if (!s)
		return PE_ROLE_UNKNOWN;
	if (!g_ascii_strcasecmp(s, "Master") || !g_ascii_strcasecmp(s, "Promoted"))
		return PE_ROLE_PROMOTED;
	if (!g_ascii_strcasecmp(s, "Slave") || !g_ascii_strcasecmp(s, "Unpromoted"))
		return PE_ROLE_UNPROMOTED;
	if (!g_ascii_strcasecmp(s, "Started"))
		return PE_ROLE_STARTED;
	if (!g_ascii_strcasecmp(s, "Stopped"))
		return PE_ROLE_STOPPED;
	return PE_ROLE_UNKNOWN;
}

const char *pe_role_name(int role)
{
	switch (role) {
	case PE_ROLE_STOPPED: return "Stopped";
	case PE_ROLE_STARTED: return "Started";
	case PE_ROLE_UNPROMOTED: return "Unpromoted";
	case PE_ROLE_PROMOTED: return "Promoted";
	}
	return "Unknown";
}

static struct pe_rsc *top_clone(const struct pe_rsc *r)
{
	for (const struct pe_rsc *p = r; p; p = p->parent)
		if (p->kind == PE_CLONE)
			return (struct pe_rsc *)p;
	return NULL;
}

int pe_is_promotable_inst(const struct pe_rsc *r)
{
	struct pe_rsc *c = top_clone(r);
	return c && c != r && c->promotable;
}

int pe_role_now(const struct pe_rsc *r)
{
	if (!r->running->len)
		return PE_ROLE_STOPPED;
	if (!pe_is_promotable_inst(r))
		return PE_ROLE_STARTED;
	return r->promoted_on ? PE_ROLE_PROMOTED : PE_ROLE_UNPROMOTED;
}

int pe_role_next(const struct pe_rsc *r)
{
	if (!r->next)
		return PE_ROLE_STOPPED;
	if (!pe_is_promotable_inst(r))
		return PE_ROLE_STARTED;
	return r->promote_next ? PE_ROLE_PROMOTED : PE_ROLE_UNPROMOTED;
}

static struct pe_rsc *first_prim(struct pe_rsc *r)
{
	while (r && r->kind != PE_PRIMITIVE)
		r = r->children->len ? g_ptr_array_index(r->children, 0) : NULL;
	return r;
}

/* The promotion score of one primitive on n: master-NAME, NAME being the
 * name its history has there (or its own), then the configured id for an
 * anonymous instance.  *set is cleared when there is none. */
static int prim_score(struct pe_ws *ws, struct pe_rsc *r, struct pe_node *n, int *set)
{
	const char *names[2] = { r->clone_name ? r->clone_name : r->id, r->base };
	for (int i = 0; i < 2; i++) {
		char *a = g_strdup_printf("master-%s", names[i]);
		const char *v = pe_node_attr(ws, n, a);
		g_free(a);
		if (v) {
			int ok;
			int s = cib_parse_score(v, &ok);
			*set = 1;
			return ok ? s : 0;
		}
	}
	return 0;
}

/* A constraint names the clone or (as Pacemaker maps it) its child. */
static int names_clone(const char *id, struct pe_rsc *clone)
{
	if (!id)
		return 0;
	if (!strcmp(id, clone->id))
		return 1;
	struct cib_rsc *c = clone->cfg->children->len ? g_ptr_array_index(clone->cfg->children, 0) : NULL;
	return c && !strcmp(id, c->id);
}

/* Sum of the clone's location constraints on n that hold for role (Promoted:
 * only those for that role; else those for no role or Started). */
static int location_score(struct pe_ws *ws, struct pe_rsc *clone, struct pe_node *n, int promoted)
{
	int total = 0;
	GPtrArray *loc = ws->cib->locations;
	for (guint i = 0; i < loc->len; i++) {
		struct cib_location *l = g_ptr_array_index(loc, i);
		if (!names_clone(l->rsc, clone))
			continue;
		int lr = pe_role_parse(l->role);
		if (l->node && !strcmp(l->node, n->uname) &&
		    (promoted ? lr == PE_ROLE_PROMOTED : lr == PE_ROLE_UNKNOWN || lr == PE_ROLE_STARTED))
			total = pe_score_add(total, l->score);
		for (guint q = 0; q < l->rules->len; q++) {
			struct cib_rule *ru = g_ptr_array_index(l->rules, q);
			int rr = pe_role_parse(ru->role ? ru->role : l->role);
			int sc;
			if (promoted ? rr != PE_ROLE_PROMOTED : rr != PE_ROLE_UNKNOWN && rr != PE_ROLE_STARTED)
				continue;
			if (pe_rule_eval(ws, ru, n, &sc))
				total = pe_score_add(total, sc);
		}
	}
	return total;
}

/* Is p (a resource, or a clone's instance) on n after the transition in
 * role (PE_ROLE_UNKNOWN: any)? */
static int placed_on(struct pe_rsc *p, struct pe_node *n, int role)
{
	if (p->kind == PE_CLONE) {
		for (guint i = 0; i < p->children->len; i++)
			if (placed_on(g_ptr_array_index(p->children, i), n, role))
				return 1;
		return 0;
	}
	struct pe_rsc *f = first_prim(p);
	if (!f || f->next != n)
		return 0;
	return role == PE_ROLE_UNKNOWN || role == PE_ROLE_STARTED || pe_role_next(f) == role;
}

struct inst {
	struct pe_rsc *rsc;       /* the instance (primitive or group) */
	struct pe_node *node;     /* where it was placed */
	int priority, sort, promoted_now, order;
	int pull;                 /* tie-break: what its dependents like of its node */
};

static int cmp_inst(gconstpointer a, gconstpointer b)
{
	const struct inst *x = a, *y = b;
	if (x->sort != y->sort)
		return x->sort > y->sort ? -1 : 1;
	if (x->promoted_now != y->promoted_now)
		return x->promoted_now ? -1 : 1;
	if (x->pull != y->pull)
		return x->pull > y->pull ? -1 : 1;
	return x->order - y->order;
}

static void set_promoted(struct pe_rsc *inst, int on)
{
	if (inst->kind == PE_PRIMITIVE) {
		inst->promote_next = on;
		return;
	}
	for (guint i = 0; i < inst->children->len; i++)
		set_promoted(g_ptr_array_index(inst->children, i), on);
}

static int inst_managed(struct pe_rsc *inst)
{
	struct pe_rsc *f = first_prim(inst);
	return f && f->managed && !f->failed_stop_block;
}

/* Promotion priority of an instance placed on n. */
static int inst_priority(struct pe_ws *ws, struct pe_rsc *clone, struct pe_rsc *inst, struct pe_node *n)
{
	int set = 0, score = 0;
	if (inst->kind == PE_PRIMITIVE) {
		score = prim_score(ws, inst, n, &set);
	} else {
		for (guint i = 0; i < inst->children->len; i++)
			score = pe_score_add(score, prim_score(ws, g_ptr_array_index(inst->children, i), n, &set));
	}
	/* No score at all: not promoted unless a constraint says so. */
	if (!set)
		score = -1;
	return pe_score_add(score, location_score(ws, clone, n, 1));
}

void pe_promotion_roles(struct pe_ws *ws, struct pe_rsc *clone)
{
	guint nn = ws->nodes->len;
	GArray *v = g_array_new(FALSE, TRUE, sizeof(struct inst));
	int *cw = g_new0(int, nn + 1), *pull = g_new0(int, nn + 1);
	for (guint k = 0; k < nn; k++)
		cw[k] = location_score(ws, clone, g_ptr_array_index(ws->nodes, k), 0);
	for (guint i = 0; i < clone->children->len; i++) {
		struct pe_rsc *inst = g_ptr_array_index(clone->children, i);
		struct pe_rsc *f = first_prim(inst);
		struct inst x = { inst, f ? f->next : NULL, -PE_INF, -PE_INF, f && f->promoted_on, (int)i, 0 };
		set_promoted(inst, 0);
		if (x.node && !inst->target_unpromoted && !(f && f->target_unpromoted) && !(f && f->orphan))
			x.priority = inst_priority(ws, clone, inst, x.node);
		x.sort = x.priority;
		if (x.sort >= 0 && x.node)
			cw[x.node->idx] = pe_score_add(cw[x.node->idx], x.sort);
		g_array_append_val(v, x);
	}
	/* Colocations of the clone's promoted role with another resource
	 * (mandatory: only where that one is; advisory: a bonus there). */
	for (guint i = 0; i < ws->colocs->len; i++) {
		struct pe_coloc *c = g_ptr_array_index(ws->colocs, i);
		if (c->dep != clone)
			continue;
		if (c->dep_role == PE_ROLE_UNPROMOTED && c->score >= PE_INF) {
			/* The instance that must be with it unpromoted is not
			 * promoted there. */
			for (guint k = 0; k < nn; k++)
				if (placed_on(c->prim, g_ptr_array_index(ws->nodes, k), c->prim_role))
					cw[k] = -PE_INF;
			continue;
		}
		if (c->dep_role != PE_ROLE_PROMOTED)
			continue;
		for (guint k = 0; k < nn; k++) {
			struct pe_node *n = g_ptr_array_index(ws->nodes, k);
			int on = placed_on(c->prim, n, c->prim_role);
			if (c->score >= PE_INF && !on)
				cw[k] = -PE_INF;
			else if (c->score <= -PE_INF && on)
				cw[k] = -PE_INF;
			else if (on && c->score > -PE_INF && c->score < PE_INF)
				cw[k] = pe_score_add(cw[k], c->score);
		}
	}
	/* Resources that want to be with the promoted instance pull it to
	 * where they would rather be (their preferences, scaled).  Where they
	 * may not go, a node the clone likes keeps a token score of 1 rather
	 * than becoming negative: a dependent cannot forbid a promotion, only
	 * rank the candidates (promoted with a group banned from its node, the
	 * instance on the other node wins). */
	for (guint i = 0; i < clone->deps->len; i++) {
		struct pe_coloc *c = g_ptr_array_index(clone->deps, i);
		if ((c->prim_role != PE_ROLE_PROMOTED && c->prim_role != PE_ROLE_UNKNOWN && c->prim_role != PE_ROLE_STARTED) ||
		    c->dep_role == PE_ROLE_UNPROMOTED || c->score <= 0)
			continue;
		struct pe_rsc *d = first_prim(c->dep);
		if (!d)
			continue;
		for (guint k = 0; k < nn; k++) {
			int w = d->weight[k];
			if (!d->allowed[k] || w == 0)
				continue;
			int add = pe_score_scale(w, (double)c->score / PE_INF);
			int sum = pe_score_add(cw[k], add);
			if (add > 0)
				pull[k] = pe_score_add(pull[k], add);
			if (sum < 0 && cw[k] > 0)
				cw[k] = 1;
			else if (sum >= 0 || cw[k] < 0)
				cw[k] = sum;
		}
	}
	for (guint i = 0; i < v->len; i++) {
		struct inst *x = &g_array_index(v, struct inst, i);
		if (!inst_managed(x->rsc) && x->promoted_now)
			x->sort = PE_INF;
		else if (x->node && x->sort >= 0)
			x->sort = cw[x->node->idx];
		if (x->node)
			x->pull = pull[x->node->idx];
	}
	g_array_sort(v, cmp_inst);
	int *per_node = g_new0(int, nn + 1);
	int promoted = 0;
	int frozen = !ws->have_quorum && !strcmp(ws->no_quorum_policy, "freeze");
	for (guint i = 0; i < v->len; i++) {
		struct inst *x = &g_array_index(v, struct inst, i);
		int managed = inst_managed(x->rsc);
		if (!x->node)
			continue;
		if (!managed) {
			/* Left as it is. */
			if (x->promoted_now)
				set_promoted(x->rsc, 1);
			continue;
		}
		if (x->sort < 0 || x->priority < 0 || promoted >= clone->promoted_max ||
		    per_node[x->node->idx] >= clone->promoted_node_max || !pe_node_can_run(x->node))
			continue;
		if (frozen && !x->promoted_now)
			continue;
		per_node[x->node->idx]++;
		promoted++;
		set_promoted(x->rsc, 1);
	}
	g_free(per_node);
	g_free(cw);
	g_free(pull);
	g_array_free(v, TRUE);
}
