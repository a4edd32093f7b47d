/* Placement: decides the next node of every primitive instance from location
 * scores, stickiness, failure bans and colocations (spec section 2), with
 * groups as colocation chains and anonymous clones as sets of instances.
 * Pure: reads and writes only the working set. */
#include <stdlib.h>
#include <string.h>
#include "pengine/pe.h"

int pe_node_can_run(const struct pe_node *n)
{
	return n->online && !n->unclean && !n->standby && !n->pending && !n->shutdown && !n->maintenance;
}

static void for_prims(struct pe_rsc *r, void (*fn)(struct pe_ws *, struct pe_rsc *, void *), struct pe_ws *ws, void *arg)
{
	if (r->kind == PE_PRIMITIVE) {
		fn(ws, r, arg);
		return;
	}
	for (guint i = 0; i < r->children->len; i++)
		for_prims(g_ptr_array_index(r->children, i), fn, ws, arg);
}

struct loc_arg {
	int node;
	int score;
};

static void apply_loc(struct pe_ws *ws, struct pe_rsc *r, void *p)
{
	struct loc_arg *a = p;
	(void)ws;
	r->allowed[a->node] = 1;
	r->weight[a->node] = pe_score_add(r->weight[a->node], a->score);
}

static struct pe_rsc *first_prim(struct pe_rsc *r);

/* A group's location gives its score to the first member; the others only
 * become allowed there (score 0) and follow through the colocation chain.
 * A clone's location binds every instance. */
static void loc_targets(struct pe_ws *ws, struct pe_rsc *r, struct loc_arg *a)
{
	if (r->kind == PE_PRIMITIVE) {
		apply_loc(ws, r, a);
		return;
	}
	if (r->kind == PE_CLONE) {
		/* The clone keeps its own score too (see assign_clone). */
		r->weight[a->node] = pe_score_add(r->weight[a->node], a->score);
		for (guint i = 0; i < r->children->len; i++)
			loc_targets(ws, g_ptr_array_index(r->children, i), a);
		return;
	}
	struct loc_arg zero = { a->node, 0 };
	for (guint i = 0; i < r->children->len; i++)
		loc_targets(ws, g_ptr_array_index(r->children, i), i == 0 ? a : &zero);
}

static void apply_locations(struct pe_ws *ws)
{
	GPtrArray *loc = ws->cib->locations;
	for (guint i = 0; i < loc->len; i++) {
		struct cib_location *l = g_ptr_array_index(loc, i);
		struct pe_rsc *r = l->rsc ? pe_find_rsc(ws, l->rsc) : NULL;
		if (!r)
			continue;
		/* A constraint for the Promoted (or Unpromoted) role does not
		 * place; promotion reads it (pe_promote.c). */
		int lrole = pe_role_parse(l->role);
		if (lrole != PE_ROLE_UNKNOWN && lrole != PE_ROLE_STARTED)
			continue;
		for (guint k = 0; k < ws->nodes->len; k++) {
			struct pe_node *n = g_ptr_array_index(ws->nodes, k);
			struct loc_arg a = { n->idx, 0 };
			int hit = 0;
			if (l->node) {
				if (strcmp(l->node, n->uname))
					continue;
				a.score = l->score;
				hit = 1;
			}
			for (guint q = 0; q < l->rules->len; q++) {
				struct cib_rule *ru = g_ptr_array_index(l->rules, q);
				int sc;
				/* A rule for another role (Master) does not place. */
				if (ru->role && pe_role_parse(ru->role) != PE_ROLE_STARTED)
					continue;
				if (pe_rule_eval(ws, ru, n, &sc)) {
					a.score = pe_score_add(a.score, sc);
					hit = 1;
				}
			}
			if (hit)
				loc_targets(ws, r, &a);
		}
	}
}

static struct pe_rsc *first_prim(struct pe_rsc *r)
{
	while (r && r->kind == PE_GROUP)
		r = r->children->len ? g_ptr_array_index(r->children, 0) : NULL;
	return r;
}

static struct pe_rsc *last_prim(struct pe_rsc *r)
{
	while (r && r->kind == PE_GROUP)
		r = r->children->len ? g_ptr_array_index(r->children, r->children->len - 1) : NULL;
	return r;
}

static struct pe_coloc *add_coloc(struct pe_ws *ws, struct pe_rsc *dep, struct pe_rsc *prim, int score, const char *id)
{
	if (!dep || !prim || dep == prim)
		return NULL;
	struct pe_coloc *c = g_new0(struct pe_coloc, 1);
	c->dep = dep;
	c->prim = prim;
	c->score = score;
	c->id = id;
	g_ptr_array_add(ws->colocs, c);
	g_ptr_array_add(dep->with, c);
	g_ptr_array_add(prim->deps, c);
	return c;
}

static void group_chain(struct pe_ws *ws, struct pe_rsc *r)
{
	if (r->kind == PE_GROUP)
		for (guint i = 1; i < r->children->len; i++)
			add_coloc(ws, g_ptr_array_index(r->children, i), g_ptr_array_index(r->children, i - 1),
				  PE_INF, "group");
	for (guint i = 0; i < r->children->len; i++)
		group_chain(ws, g_ptr_array_index(r->children, i));
}

/* Resolves a configured colocation to primitive level: a dependent group is
 * represented by its first member; a primary group by its last member for
 * mandatory colocations, by its first for advisory ones.  A clone as primary
 * stays the clone (its instances' nodes count). */
static void build_colocations(struct pe_ws *ws)
{
	for (guint i = 0; i < ws->rscs->len; i++)
		group_chain(ws, g_ptr_array_index(ws->rscs, i));
	GPtrArray *cl = ws->cib->colocations;
	for (guint i = 0; i < cl->len; i++) {
		struct cib_colocation *c = g_ptr_array_index(cl, i);
		if (!c->rsc || !c->with)
			continue;
		struct pe_rsc *d = pe_find_rsc(ws, c->rsc), *p = pe_find_rsc(ws, c->with);
		if (!d || !p || c->score == 0)
			continue;
		struct pe_rsc *pp = p->kind == PE_CLONE ? p : (c->score >= PE_INF ? last_prim(p) : first_prim(p));
		int drole = pe_role_parse(c->rsc_role), prole = pe_role_parse(c->with_role);
		if (prole == PE_ROLE_STARTED || p->kind != PE_CLONE || !p->promotable)
			prole = PE_ROLE_UNKNOWN;
		if (drole == PE_ROLE_STARTED)
			drole = PE_ROLE_UNKNOWN;
		struct pe_coloc *x;
		if (d->kind == PE_CLONE && d->promotable && drole != PE_ROLE_UNKNOWN) {
			/* The role of a promotable clone's instances: it
			 * decides promotion, not placement. */
			x = add_coloc(ws, d, pp, c->score, c->id);
			if (x)
				x->dep_role = drole, x->prim_role = prole;
		} else if (d->kind == PE_CLONE) {
			for (guint k = 0; k < d->children->len; k++) {
				x = add_coloc(ws, first_prim(g_ptr_array_index(d->children, k)), pp, c->score, c->id);
				if (x)
					x->prim_role = prole;
			}
		} else {
			x = add_coloc(ws, first_prim(d), pp, c->score, c->id);
			if (x)
				x->prim_role = prole;
		}
	}
}

static int node_available(struct pe_node *n)
{
	return pe_node_can_run(n);
}

/* Best weight among the dependent's allowed, available nodes equal to n. */
static int dep_score_on(struct pe_rsc *dep, int *w, char *allowed, struct pe_node *n)
{
	(void)dep;
	if (!allowed[n->idx] || !node_available(n))
		return -PE_INF;
	return w[n->idx];
}

static int any_available(struct pe_ws *ws, int *w, char *allowed)
{
	for (guint i = 0; i < ws->nodes->len; i++) {
		struct pe_node *n = g_ptr_array_index(ws->nodes, i);
		if (allowed[i] && w[i] >= 0 && node_available(n))
			return 1;
	}
	return 0;
}

static void base_weights(struct pe_ws *ws, struct pe_rsc *r, int *w, char *allowed);

/* Folds the preferences of `dep` (and, recursively, of its own dependents)
 * into the work table, scaled by factor.  Rolls back when the result would
 * leave no node available. */
static void merge_dep(struct pe_ws *ws, struct pe_rsc *dep, int *w, char *allowed, double factor, int positive)
{
	if (dep->merging || dep->kind != PE_PRIMITIVE)
		return;
	dep->merging = 1;
	guint nn = ws->nodes->len;
	int *work = g_memdup2(w, (nn + 1) * sizeof(int));
	int *dw = g_new0(int, nn + 1);
	char *da = g_new0(char, nn + 1);
	base_weights(ws, dep, dw, da);
	for (guint i = 0; i < nn; i++) {
		struct pe_node *n = g_ptr_array_index(ws->nodes, i);
		if (!allowed[i])
			continue;
		int score = dep_score_on(dep, dw, da, n);
		if (factor < 0 && score < 0)
			continue;
		int add = pe_score_scale(score, factor);
		/* A preference scaled below 1 still counts as one point, so a
		 * weak colocation breaks ties (as Pacemaker does). */
		if (add == 0 && score != 0 && factor != 0)
			add = (score > 0) == (factor > 0) ? 1 : -1;
		int ns = pe_score_add(add, work[i]);
		if (positive && ns < 0 && work[i] > 0) {
			work[i] = 1;
			continue;
		}
		if (positive && ns < 0 && work[i] == 0)
			continue;
		work[i] = ns;
	}
	if (any_available(ws, work, allowed)) {
		for (guint k = 0; k < dep->deps->len; k++) {
			struct pe_coloc *c = g_ptr_array_index(dep->deps, k);
			if (c->dep->assigned_done)
				continue;
			merge_dep(ws, c->dep, work, allowed, factor * (double)c->score / PE_INF, 1);
		}
	}
	if (any_available(ws, work, allowed))
		memcpy(w, work, nn * sizeof(int));
	g_free(work);
	g_free(dw);
	g_free(da);
	dep->merging = 0;
}

/* Whether r or one of its members is blocked (a failure with
 * on-fail=block, a stop that failed without fencing). */
static int blocked(const struct pe_rsc *r)
{
	if (r->kind == PE_PRIMITIVE)
		return r->failed_stop_block;
	for (guint i = 0; i < r->children->len; i++)
		if (blocked(g_ptr_array_index(r->children, i)))
			return 1;
	return 0;
}

/* An instance of clone on n after the transition, in role (UNKNOWN: any).
 * A blocked instance stays where it is but does not count for what must
 * run with the clone (unblocked): nothing new may rely on it. */
static int clone_has_instance_on(struct pe_rsc *clone, struct pe_node *n, int role, int unblocked)
{
	for (guint i = 0; i < clone->children->len; i++) {
		struct pe_rsc *inst = g_ptr_array_index(clone->children, i);
		struct pe_rsc *p = last_prim(inst);
		if (unblocked && blocked(inst))
			continue;
		if (p && p->next == n && (role == PE_ROLE_UNKNOWN || pe_role_next(p) == role))
			return 1;
	}
	return 0;
}

static void assign_rsc(struct pe_ws *ws, struct pe_rsc *r);

/* The weights of r before it chooses: its own (location, stickiness, bans)
 * plus the colocations with primaries that are already placed. */
static void base_weights(struct pe_ws *ws, struct pe_rsc *r, int *w, char *allowed)
{
	guint nn = ws->nodes->len;
	memcpy(w, r->weight, nn * sizeof(int));
	memcpy(allowed, r->allowed, nn);
	for (guint k = 0; k < r->with->len; k++) {
		struct pe_coloc *c = g_ptr_array_index(r->with, k);
		struct pe_rsc *p = c->prim;
		if (p->kind != PE_CLONE && !p->assigned_done)
			continue;
		if (p->kind == PE_CLONE && !p->assigned_done)
			continue;
		int finite = c->score < PE_INF && c->score > -PE_INF;
		int *keep = finite ? g_memdup2(w, (nn + 1) * sizeof(int)) : NULL;
		for (guint i = 0; i < nn; i++) {
			struct pe_node *n = g_ptr_array_index(ws->nodes, i);
			int on = p->kind == PE_CLONE ? clone_has_instance_on(p, n, c->prim_role, c->score >= PE_INF)
						  : p->next == n;
			if (c->score >= PE_INF) {
				if (!on)
					w[i] = -PE_INF;
			} else if (c->score <= -PE_INF) {
				if (on)
					w[i] = -PE_INF;
			} else if (on && allowed[i]) {
				w[i] = pe_score_add(w[i], c->score);
			}
		}
		/* An advisory colocation that would leave no node is dropped. */
		if (finite && !any_available(ws, w, allowed))
			memcpy(w, keep, nn * sizeof(int));
		g_free(keep);
	}
}

static struct pe_node *current_node(struct pe_rsc *r)
{
	return r->running->len ? g_ptr_array_index(r->running, 0) : NULL;
}

static void log_scores(struct pe_ws *ws, const char *fn, struct pe_rsc *r, int *w, char *allowed)
{
	if (!ws->show_scores)
		return;
	for (guint i = 0; i < ws->nodes->len; i++) {
		struct pe_node *n = g_ptr_array_index(ws->nodes, i);
		char b[16];
		if (!allowed[i] && !ws->symmetric)
			continue;
		g_string_append_printf(ws->log, "%s: %s allocation score on %s: %s\n", fn, r->id, n->uname,
				       pe_score_str(allowed[i] ? w[i] : -PE_INF, b));
	}
}

/* Node order of Pacemaker's choice: weight, then fewest resources, then the
 * current node, then the name.  A preferred node (a clone instance's
 * current one, else the one utilization prefers) wins when it is as good
 * as the best. */
static struct pe_node *choose(struct pe_ws *ws, struct pe_rsc *r, int *w, char *allowed, int (*cap)(struct pe_rsc *, struct pe_node *),
			      struct pe_node *pf)
{
	struct pe_node *best = NULL, *cur = current_node(r);
	int bw = -PE_INF;
	for (guint i = 0; i < ws->nodes->len; i++) {
		struct pe_node *n = g_ptr_array_index(ws->nodes, i);
		if (!allowed[i] || !node_available(n) || w[i] < 0)
			continue;
		if (cap && !cap(r, n))
			continue;
		if (!best || w[i] > bw) {
			best = n, bw = w[i];
			continue;
		}
		if (w[i] < bw)
			continue;
		if (ws->placement == PE_PLACE_BALANCED) {
			int u = pe_util_compare(n, best);
			if (u) {
				if (u < 0)
					best = n;
				continue;
			}
		}
		if (ws->placement != PE_PLACE_MINIMAL && n->count != best->count) {
			if (n->count < best->count)
				best = n;
			continue;
		}
		if (cur == n) {
			best = n;
			continue;
		}
		if (cur == best)
			continue;
		if (strcmp(n->uname, best->uname) < 0)
			best = n;
	}
	if (best && pf && pf != best && allowed[pf->idx] && node_available(pf) && w[pf->idx] >= w[best->idx] &&
	    (!cap || cap(r, pf)))
		best = pf;
	return best;
}

static void assign_prim(struct pe_ws *ws, struct pe_rsc *r, int (*cap)(struct pe_rsc *, struct pe_node *))
{
	if (r->assigned_done || r->assigning)
		return;
	r->assigning = 1;
	for (guint k = 0; k < r->with->len; k++) {
		struct pe_coloc *c = g_ptr_array_index(r->with, k);
		struct pe_rsc *p = c->prim;
		struct pe_rsc *top = p;
		while (top->parent && top->parent->kind == PE_GROUP && !top->parent->assigning &&
		       !(top->parent->parent && top->parent->parent->kind == PE_CLONE))
			top = top->parent;
		if (top != p && !top->assigning)
			assign_rsc(ws, top);
		else
			assign_rsc(ws, p);
	}
	guint nn = ws->nodes->len;
	int *w = g_new0(int, nn + 1);
	char *allowed = g_new0(char, nn + 1);
	base_weights(ws, r, w, allowed);
	for (guint k = 0; k < r->deps->len; k++) {
		struct pe_coloc *c = g_ptr_array_index(r->deps, k);
		if (c->dep->assigned_done)
			continue;
		/* r itself is not marked: a loop of colocations back to it
		 * folds in its own scores, scaled, as Pacemaker does. */
		merge_dep(ws, c->dep, w, allowed, (double)c->score / PE_INF, 0);
	}
	const char *fn = r->parent && r->parent->kind == PE_GROUP ? "pcmk__group_assign" : "pcmk__primitive_assign";
	(void)fn;
	/* As Pacemaker shows them: a stopped role bans every node, an
	 * unmanaged resource is pinned where it is. */
	if (r->target_stopped || r->orphan) {
		for (guint i = 0; i < nn; i++)
			w[i] = -PE_INF;
	} else if ((!r->managed || r->failed_stop_block) && current_node(r)) {
		w[current_node(r)->idx] = PE_INF;
	}
	log_scores(ws, "pcmk__primitive_assign", r, w, allowed);
	struct pe_node *n = NULL;
	if (!r->managed || r->failed_stop_block) {
		/* Unmanaged: it stays where it is (and counts there). */
		n = current_node(r);
	} else if (r->target_stopped || r->orphan) {
		n = NULL;
	} else if (r->running->len > 1 && r->multiple_active == PE_MULTI_STOP_ONLY) {
		/* Active on several nodes, multiple-active=stop_only: stopped
		 * everywhere, started nowhere. */
		n = NULL;
	} else {
		struct pe_node *most_free = pe_util_ban(ws, r, w, allowed);
		n = choose(ws, r, w, allowed, cap, r->prefer ? r->prefer : most_free);
	}
	r->next = n;
	if (n)
		n->count++;
	pe_util_consume(ws, r, n);
	r->assigned_done = 1;
	r->assigning = 0;
	g_free(w);
	g_free(allowed);
}

static struct pe_rsc *cap_clone;

static int clone_count_on(struct pe_rsc *clone, struct pe_node *n)
{
	int c = 0;
	for (guint i = 0; i < clone->children->len; i++) {
		struct pe_rsc *p = first_prim(g_ptr_array_index(clone->children, i));
		if (p && p->assigned_done && p->next == n)
			c++;
	}
	return c;
}

static int clone_cap(struct pe_rsc *r, struct pe_node *n)
{
	(void)r;
	return !cap_clone || clone_count_on(cap_clone, n) < cap_clone->clone_node_max;
}

static void assign_group(struct pe_ws *ws, struct pe_rsc *g, int (*cap)(struct pe_rsc *, struct pe_node *))
{
	if (g->assigned_done || g->assigning)
		return;
	g->assigning = 1;
	for (guint i = 0; i < g->children->len; i++) {
		struct pe_rsc *m = g_ptr_array_index(g->children, i);
		if (m->kind == PE_PRIMITIVE)
			assign_prim(ws, m, i == 0 ? cap : NULL);
		else
			assign_rsc(ws, m);
	}
	struct pe_rsc *f = first_prim(g);
	g->next = f ? f->next : NULL;
	g->assigned_done = 1;
	g->assigning = 0;
}

static void assign_inst(struct pe_ws *ws, struct pe_rsc *inst)
{
	if (inst->kind == PE_GROUP)
		assign_group(ws, inst, clone_cap);
	else
		assign_prim(ws, inst, clone_cap);
}

static int inst_running_on(struct pe_rsc *inst, struct pe_node **n)
{
	struct pe_rsc *p = first_prim(inst);
	if (!p || p->running->len != 1)
		return 0;
	*n = g_ptr_array_index(p->running, 0);
	return 1;
}

static void ban_inst(struct pe_rsc *r, int node)
{
	if (r->kind == PE_PRIMITIVE) {
		r->weight[node] = -PE_INF;
		return;
	}
	for (guint i = 0; i < r->children->len; i++)
		ban_inst(g_ptr_array_index(r->children, i), node);
}

/* Undoes the placement of r and its members. */
static void unassign(struct pe_ws *ws, struct pe_rsc *r)
{
	for (guint i = 0; r->kind != PE_PRIMITIVE && i < r->children->len; i++)
		unassign(ws, g_ptr_array_index(r->children, i));
	if (r->kind == PE_PRIMITIVE && r->next) {
		r->next->count--;
		pe_util_release(ws, r, r->next);
	}
	r->next = NULL;
	r->prefer = NULL;
	r->assigned_done = 0;
}

/* Anonymous clone: instances already running keep their node when it is
 * still allowed and the per-node limit holds; the rest are placed in order. */
static void assign_clone(struct pe_ws *ws, struct pe_rsc *c)
{
	if (c->assigned_done || c->assigning)
		return;
	c->assigning = 1;
	/* The primaries of its role colocations are placed first: promotion
	 * depends on where they are. */
	for (guint k = 0; k < c->with->len; k++) {
		struct pe_coloc *x = g_ptr_array_index(c->with, k);
		assign_rsc(ws, x->prim);
	}
	/* A promotable clone's new instances go where they are wanted
	 * promoted: the promotion scores (master-RSC) join their node weights,
	 * as Pacemaker adds them before placing the instances (running ones
	 * keep their node below). */
	if (c->promotable)
		for (guint i = 0; i < c->children->len; i++) {
			struct pe_node *where;
			if (inst_running_on(g_ptr_array_index(c->children, i), &where))
				continue;
			struct pe_rsc *p = first_prim(g_ptr_array_index(c->children, i));
			for (guint k = 0; p && k < ws->nodes->len; k++) {
				struct pe_node *n = g_ptr_array_index(ws->nodes, k);
				int set = 0, sc = pe_promotion_score(ws, p, n, &set);
				if (set && p->allowed[n->idx] && node_available(n))
					p->weight[n->idx] = pe_score_add(p->weight[n->idx], sc);
			}
		}
	/* No instance may run where the clone's own score is negative, however
	 * sticky it is there (Pacemaker's can_run_instance). */
	for (guint i = 0; i < c->children->len; i++)
		for (guint k = 0; k < ws->nodes->len; k++)
			if (c->weight[k] < 0)
				ban_inst(g_ptr_array_index(c->children, i), (int)k);
	struct pe_rsc *saved = cap_clone;
	cap_clone = c;
	for (guint i = 0; i < c->children->len; i++) {
		struct pe_rsc *inst = g_ptr_array_index(c->children, i);
		struct pe_node *n;
		if (!inst_running_on(inst, &n))
			continue;
		struct pe_rsc *p = first_prim(inst);
		guint nn = ws->nodes->len;
		int *w = g_new0(int, nn + 1);
		char *al = g_new0(char, nn + 1);
		base_weights(ws, p, w, al);
		int ok = al[n->idx] && w[n->idx] >= 0 && node_available(n) && clone_count_on(c, n) < c->clone_node_max;
		g_free(w);
		g_free(al);
		if (ok) {
			p->prefer = n;
			assign_inst(ws, inst);
			/* Kept only if it stays there (utilization, say, may
			 * send it elsewhere): otherwise placed again below,
			 * after the instances that keep their nodes. */
			if (p->next != n)
				unassign(ws, inst);
		}
	}
	for (guint i = 0; i < c->children->len; i++)
		assign_inst(ws, g_ptr_array_index(c->children, i));
	cap_clone = saved;
	if (c->promotable)
		pe_promotion_roles(ws, c);
	c->assigned_done = 1;
	c->assigning = 0;
}

static void assign_rsc(struct pe_ws *ws, struct pe_rsc *r)
{
	if (r->kind == PE_PRIMITIVE) {
		struct pe_rsc *top = r;
		while (top->parent && top->parent->kind == PE_GROUP)
			top = top->parent;
		if (top != r && !top->assigning && !top->assigned_done &&
		    !(top->parent && top->parent->kind == PE_CLONE)) {
			assign_group(ws, top, NULL);
			return;
		}
		assign_prim(ws, r, (r->parent && r->parent->kind == PE_CLONE) ? clone_cap : NULL);
	} else if (r->kind == PE_GROUP) {
		assign_group(ws, r, NULL);
	} else {
		assign_clone(ws, r);
	}
}

static void stickiness(struct pe_ws *ws, struct pe_rsc *r, void *arg)
{
	(void)arg;
	(void)ws;
	if (r->running->len != 1 || !r->managed || r->stickiness == 0)
		return;
	struct pe_node *n = g_ptr_array_index(r->running, 0);
	if (!r->allowed[n->idx])
		return;
	r->weight[n->idx] = pe_score_add(r->weight[n->idx], r->stickiness);
}

static void init_allowed(struct pe_ws *ws, struct pe_rsc *r, void *arg)
{
	(void)arg;
	memset(r->allowed, ws->symmetric ? 1 : 0, ws->nodes->len);
}

static int cmp_priority(gconstpointer a, gconstpointer b)
{
	const struct pe_rsc *x = *(struct pe_rsc *const *)a, *y = *(struct pe_rsc *const *)b;
	if (x->priority != y->priority)
		return x->priority > y->priority ? -1 : 1;
	return x->cfg_order - y->cfg_order;
}

/* With a placement-strategy other than default, Pacemaker allocates (after
 * priority) the resource with the higher score where it runs first, then
 * the one with the higher score on the first node where they differ, the
 * nodes taken in the order of cmp_nodes_unplaced. */
static int top_weight(struct pe_ws *ws, struct pe_rsc *r, struct pe_node *n)
{
	struct pe_rsc *p = first_prim(r);
	if (!p || p->kind != PE_PRIMITIVE || !p->allowed[n->idx])
		return -PE_INF;
	(void)ws;
	return p->weight[n->idx];
}

struct process_order {
	struct pe_ws *ws;
	GPtrArray *nodes;         /* as Pacemaker sorts them before placing */
};

/* Nodes before anything is placed: those that can run resources first,
 * then (balanced) the most free capacity, then the name. */
static int cmp_nodes_unplaced(gconstpointer a, gconstpointer b, gpointer data)
{
	const struct pe_node *x = *(struct pe_node *const *)a, *y = *(struct pe_node *const *)b;
	struct pe_ws *ws = data;
	int ax = pe_node_can_run(x), ay = pe_node_can_run(y);
	if (ax != ay)
		return ax ? -1 : 1;
	if (ws->placement == PE_PLACE_BALANCED) {
		int u = pe_util_compare(x, y);
		if (u)
			return u;
	}
	return strcmp(x->uname, y->uname);
}

static int cmp_process_order(gconstpointer a, gconstpointer b, gpointer data)
{
	struct process_order *po = data;
	struct pe_ws *ws = po->ws;
	struct pe_rsc *x = *(struct pe_rsc *const *)a, *y = *(struct pe_rsc *const *)b;
	if (x->priority != y->priority)
		return x->priority > y->priority ? -1 : 1;
	struct pe_rsc *px = first_prim(x), *py = first_prim(y);
	struct pe_node *cx = px && px->kind == PE_PRIMITIVE ? current_node(px) : NULL;
	struct pe_node *cy = py && py->kind == PE_PRIMITIVE ? current_node(py) : NULL;
	int wx = cx ? top_weight(ws, x, cx) : -PE_INF, wy = cy ? top_weight(ws, y, cy) : -PE_INF;
	if (wx != wy)
		return wx > wy ? -1 : 1;
	for (guint i = 0; i < po->nodes->len; i++) {
		struct pe_node *n = g_ptr_array_index(po->nodes, i);
		wx = top_weight(ws, x, n);
		wy = top_weight(ws, y, n);
		if (wx != wy)
			return wx > wy ? -1 : 1;
	}
	return x->cfg_order - y->cfg_order;
}

void pe_assign(struct pe_ws *ws)
{
	pe_util_init(ws);
	for (guint i = 0; i < ws->rscs->len; i++)
		for_prims(g_ptr_array_index(ws->rscs, i), init_allowed, ws, NULL);
	apply_locations(ws);
	for (guint i = 0; i < ws->rscs->len; i++)
		for_prims(g_ptr_array_index(ws->rscs, i), stickiness, ws, NULL);
	build_colocations(ws);
	GPtrArray *order = g_ptr_array_new();
	for (guint i = 0; i < ws->rscs->len; i++)
		g_ptr_array_add(order, g_ptr_array_index(ws->rscs, i));
	if (ws->placement == PE_PLACE_DEFAULT)
		g_ptr_array_sort(order, cmp_priority);
	else {
		struct process_order po = { ws, g_ptr_array_new() };
		for (guint i = 0; i < ws->nodes->len; i++)
			g_ptr_array_add(po.nodes, g_ptr_array_index(ws->nodes, i));
		g_ptr_array_sort_with_data(po.nodes, cmp_nodes_unplaced, ws);
		g_ptr_array_sort_with_data(order, cmp_process_order, &po);
		g_ptr_array_free(po.nodes, TRUE);
	}
	for (guint i = 0; i < order->len; i++)
		assign_rsc(ws, g_ptr_array_index(order, i));
	g_ptr_array_free(order, TRUE);
}
