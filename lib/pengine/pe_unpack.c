/* First stage of the policy engine: turns the struct cib into the working
 * set: cluster options, node states (online, unclean, standby...), resource
 * instances with resolved meta attributes, and each primitive's current state
 * replayed from its operation history.  Decides nothing about placement. */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "pengine/pe.h"

static const char *opt(struct pe_ws *ws, const char *name, const char *def)
{
	const char *v = cib_nv_get(&ws->cib->options, name);
	return v ? v : def;
}

static int opt_bool(struct pe_ws *ws, const char *name, int def)
{
	const char *v = cib_nv_get(&ws->cib->options, name);
	return v ? cib_is_true(v) : def;
}

static int attr_true(const struct cib_nvlist *a, const struct cib_nvlist *b, const char *name)
{
	const char *v = cib_nv_get(a, name);
	if (!v && b)
		v = cib_nv_get(b, name);
	return v && cib_is_true(v);
}

static int is_member_time(const char *v)
{
	/* in_ccm is "true"/"false" or, in newer CIBs, a timestamp. */
	if (!v)
		return -1;
	if (cib_is_true(v))
		return 1;
	char *end;
	long long t = strtoll(v, &end, 10);
	if (end != v && !*end)
		return t > 0;
	return 0;
}

static void fence_node(struct pe_ws *ws, struct pe_node *n, const char *reason)
{
	n->unclean = 1;
	n->online = 0;
	if (!n->fence_reason)
		n->fence_reason = reason;
	(void)ws;
}

static void unpack_node_state(struct pe_ws *ws, struct pe_node *n, struct cib_node_state *st)
{
	const char *join = st->join, *exp = st->expected;
	int member = is_member_time(st->in_ccm);
	n->member = member > 0;
	int crmd_online = st->crmd && (!strcmp(st->crmd, "online") || (atoll(st->crmd) > 0));
	const char *term = cib_nv_get(&st->attrs, "terminate");
	int terminate = term && (cib_is_true(term) || atoll(term) > 0);
	const char *sd = cib_nv_get(&st->attrs, "shutdown");
	if ((sd && atoll(sd) > 0) || st->shutdown > 0)
		n->shutdown = 1;
	n->expected_down = exp && !strcmp(exp, "down");
	if (!ws->stonith_enabled) {
		if (member <= 0) {
			n->online = 0;
		} else if (crmd_online) {
			if (join && !strcmp(join, "member"))
				n->online = 1;
			else
				n->pending = 1;
		} else if (!exp || strcmp(exp, "member")) {
			n->online = 0;
		} else {
			fence_node(ws, n, "peer is unexpectedly down");
		}
		return;
	}
	if (member < 0 && !crmd_online) {
		fence_node(ws, n, "peer has not been seen by the cluster");
	} else if (member < 0 && (!exp || strcmp(exp, "down"))) {
		fence_node(ws, n, "peer has not been seen by the cluster");
	} else if (join && !strcmp(join, "banned")) {
		fence_node(ws, n, "peer failed Pacemaker membership criteria");
	} else if (!terminate && (!exp || !strcmp(exp, "down"))) {
		if (crmd_online || member > 0)
			n->pending = 1;
	} else if (member <= 0 && !crmd_online && join && !strcmp(join, "down")) {
		n->online = 0; /* left cleanly */
	} else if (member <= 0) {
		fence_node(ws, n, "peer is no longer part of the cluster");
	} else if (!crmd_online) {
		fence_node(ws, n, "peer process is no longer available");
	} else if (terminate) {
		fence_node(ws, n, "termination was requested");
	} else if (join && !strcmp(join, "member")) {
		n->online = 1;
	} else if (join && (!strcmp(join, "pending") || !strcmp(join, "down"))) {
		n->pending = 1;
	} else {
		fence_node(ws, n, "peer was in an unknown state");
	}
}

static void unpack_nodes(struct pe_ws *ws)
{
	struct cib *c = ws->cib;
	for (guint i = 0; i < c->nodes->len; i++) {
		struct cib_node *cn = g_ptr_array_index(c->nodes, i);
		if (pe_find_node(ws, cn->uname))
			continue;
		struct pe_node *n = g_new0(struct pe_node, 1);
		n->uname = cn->uname;
		n->id = cn->id;
		n->idx = (int)ws->nodes->len;
		g_ptr_array_add(ws->nodes, n);
		struct cib_node_state *st = cib_find_state(c, cn->uname);
		n->standby = attr_true(&cn->attrs, st ? &st->attrs : NULL, "standby");
		n->maintenance = attr_true(&cn->attrs, st ? &st->attrs : NULL, "maintenance");
		if (st) {
			n->seen = 1;
			unpack_node_state(ws, n, st);
		} else if (ws->stonith_enabled && opt_bool(ws, "startup-fencing", 1)) {
			fence_node(ws, n, "node is unclean");
		}
	}
}

/* Meta lookup: own value, then each ancestor's, then rsc_defaults. */
static const char *meta(struct pe_ws *ws, struct cib_rsc *r, const char *name)
{
	for (struct cib_rsc *p = r; p; p = p->parent) {
		const char *v = cib_nv_get(&p->meta, name);
		if (v)
			return v;
		/* Clones are sticky by default (stickiness 1) unless
		 * rsc_defaults says otherwise, as in Pacemaker. */
		if (p->kind == CIB_CLONE && !strcmp(name, "resource-stickiness")) {
			const char *d = cib_nv_get(&ws->cib->rsc_defaults, name);
			return d ? d : "1";
		}
	}
	return cib_nv_get(&ws->cib->rsc_defaults, name);
}

static int meta_score(struct pe_ws *ws, struct cib_rsc *r, const char *name, int def)
{
	const char *v = meta(ws, r, name);
	int ok;
	if (!v)
		return def;
	int s = cib_parse_score(v, &ok);
	return ok ? s : def;
}

static void resolve_meta(struct pe_ws *ws, struct pe_rsc *pr)
{
	struct cib_rsc *r = pr->cfg;
	const char *v = meta(ws, r, "is-managed");
	pr->managed = v ? cib_is_true(v) : opt_bool(ws, "is-managed-default", 1);
	if (opt_bool(ws, "maintenance-mode", 0))
		pr->managed = 0;
	v = meta(ws, r, "target-role");
	pr->target_stopped = v && !g_ascii_strcasecmp(v, "Stopped");
	for (struct cib_rsc *p = r->parent; p; p = p->parent) {
		const char *pv = cib_nv_get(&p->meta, "target-role");
		if (pv && !g_ascii_strcasecmp(pv, "Stopped"))
			pr->target_stopped = 1;
	}
	/* target-role Unpromoted (Slave) caps a promotable instance's role. */
	for (struct cib_rsc *p = r; p; p = p->parent) {
		const char *pv = cib_nv_get(&p->meta, "target-role");
		if (pv && pe_role_parse(pv) == PE_ROLE_UNPROMOTED)
			pr->target_unpromoted = 1;
	}
	pr->stickiness = meta_score(ws, r, "resource-stickiness", ws->default_stickiness);
	pr->migration_threshold = meta_score(ws, r, "migration-threshold", PE_INF);
	pr->priority = meta_score(ws, r, "priority", 0);
	v = meta(ws, r, "requires");
	pr->requires_nothing = v && !strcmp(v, "nothing");
	pr->requires_fencing = ws->stonith_enabled && (v ? !strcmp(v, "fencing") || !strcmp(v, "unfencing")
							 : !(r->cls && !strcmp(r->cls, "stonith")));
	v = meta(ws, r, "multiple-active");
	pr->multiple_active = v && !strcmp(v, "stop_only") ? PE_MULTI_STOP_ONLY :
			      v && !strcmp(v, "block") ? PE_MULTI_BLOCK : PE_MULTI_STOP_START;
	/* A resource in maintenance is left alone, like an unmanaged one. */
	v = meta(ws, r, "maintenance");
	if (v && cib_is_true(v))
		pr->managed = 0;
	v = meta(ws, r, "failure-timeout");
	pr->failure_timeout = v ? cib_parse_interval(v) / 1000 : 0;
	if (pr->failure_timeout < 0)
		pr->failure_timeout = 0;
}

static struct pe_rsc *new_rsc(struct pe_ws *ws, struct cib_rsc *cfg, const char *id, struct pe_rsc *parent)
{
	struct pe_rsc *r = g_new0(struct pe_rsc, 1);
	r->id = g_strdup(id);
	r->base = cfg->id;
	r->cfg = cfg;
	r->parent = parent;
	r->kind = cfg->kind == CIB_PRIMITIVE ? PE_PRIMITIVE : cfg->kind == CIB_GROUP ? PE_GROUP : PE_CLONE;
	r->children = g_ptr_array_new();
	r->running = g_ptr_array_new();
	r->failed_ops = g_ptr_array_new_with_free_func(g_free);
	r->with = g_ptr_array_new();
	r->deps = g_ptr_array_new();
	r->stops = g_ptr_array_new();
	guint nn = ws->nodes->len + 1;
	r->weight = g_new0(int, nn);
	r->allowed = g_new0(char, nn);
	r->cfg_order = (int)g_hash_table_size(ws->by_id);
	resolve_meta(ws, r);
	g_hash_table_insert(ws->by_id, r->id, r);
	return r;
}

static struct pe_rsc *build(struct pe_ws *ws, struct cib_rsc *cfg, struct pe_rsc *parent, const char *suffix)
{
	char *id = g_strconcat(cfg->id, suffix, NULL);
	struct pe_rsc *r = new_rsc(ws, cfg, id, parent);
	g_free(id);
	if (cfg->kind == CIB_PRIMITIVE) {
		g_ptr_array_add(ws->prims, r);
	} else if (cfg->kind == CIB_GROUP) {
		for (guint i = 0; i < cfg->children->len; i++)
			g_ptr_array_add(r->children, build(ws, g_ptr_array_index(cfg->children, i), r, suffix));
	} else if (cfg->children->len) {
		struct cib_rsc *child = g_ptr_array_index(cfg->children, 0);
		int nodes = (int)ws->nodes->len;
		r->clone_max = meta_score(ws, cfg, "clone-max", nodes);
		r->clone_node_max = meta_score(ws, cfg, "clone-node-max", 1);
		const char *il = cib_nv_get(&cfg->meta, "interleave");
		r->interleave = il && cib_is_true(il);
		r->promotable = cfg->promotable;
		/* promoted-max, or master-max as heartbeat 2.x / Pacemaker 1.x
		 * named it; 1 and 1 by default. */
		r->promoted_max = meta_score(ws, cfg, cib_nv_get(&cfg->meta, "promoted-max") ? "promoted-max" : "master-max", 1);
		r->promoted_node_max = meta_score(ws, cfg, cib_nv_get(&cfg->meta, "promoted-node-max") ?
						  "promoted-node-max" : "master-node-max", 1);
		if (r->clone_max < 0)
			r->clone_max = 0;
		if (r->clone_max > 10000)
			r->clone_max = 10000;
		for (int i = 0; i < r->clone_max; i++) {
			char sfx[24];
			snprintf(sfx, sizeof sfx, ":%d", i);
			g_ptr_array_add(r->children, build(ws, child, r, sfx));
		}
	}
	return r;
}

static struct cib_op *find_cfg_op(struct pe_rsc *r, const char *name, long long interval)
{
	for (guint i = 0; i < r->cfg->ops->len; i++) {
		struct cib_op *o = g_ptr_array_index(r->cfg->ops, i);
		if (!strcmp(o->name, name) && o->interval_ms == interval)
			return o;
	}
	return NULL;
}

static int cmp_call(gconstpointer a, gconstpointer b)
{
	const struct cib_lrm_op *x = *(struct cib_lrm_op *const *)a, *y = *(struct cib_lrm_op *const *)b;
	/* Pending ops (call-id -1) are the newest. */
	int cx = x->call_id < 0 ? G_MAXINT : x->call_id, cy = y->call_id < 0 ? G_MAXINT : y->call_id;
	return cx < cy ? -1 : cx > cy;
}

static void add_adj(struct pe_rsc *r, struct pe_node *n, int score);

/* Per-node fail count of a primitive from the transient attributes. */
static int fail_count(struct pe_ws *ws, struct pe_rsc *r, struct cib_node_state *st, long long *last)
{
	const char *fs = ws->cib->feature_set;
	int per_op = fs && strverscmp(fs, "3.0.13") >= 0;
	const char *base = r->base;
	size_t bl = strlen(base);
	int total = 0;
	*last = 0;
	if (!st->attrs.items)
		return 0;
	for (guint i = 0; i < st->attrs.items->len; i++) {
		struct cib_nv *nv = g_ptr_array_index(st->attrs.items, i);
		const char *rest;
		if (!strncmp(nv->name, "fail-count-", 11)) {
			rest = nv->name + 11;
			if (strncmp(rest, base, bl) || (rest[bl] && !(per_op && rest[bl] == '#') &&
							 !(rest[bl] == ':' && !strchr(rest + bl, '#'))))
				continue;
			if (!per_op && strchr(rest, '#'))
				continue;
			if (per_op && !strchr(rest, '#') && !ws->cib->legacy)
				continue;
			int ok;
			total = pe_score_add(total, cib_parse_score(nv->value, &ok));
		} else if (!strncmp(nv->name, "last-failure-", 13)) {
			rest = nv->name + 13;
			if (strncmp(rest, base, bl) || (rest[bl] && rest[bl] != '#' && rest[bl] != ':'))
				continue;
			long long t = atoll(nv->value);
			if (t > *last)
				*last = t;
		}
	}
	return total;
}

/* The parameter digest Pacemaker records as op-digest: md5 of the
 * parameters element as its XML writer prints it (attributes sorted). */
char *pe_params_digest(const struct cib_nvlist *params)
{
	GString *x = g_string_new(" <parameters");
	GPtrArray *items = params->items;
	GPtrArray *sorted = g_ptr_array_new();
	for (guint i = 0; items && i < items->len; i++) {
		struct cib_nv *nv = g_ptr_array_index(items, i);
		/* "#default" (heartbeat 2.x, Pacemaker 1.0) means "not set". */
		if (!g_ascii_strcasecmp(nv->value, "#default"))
			continue;
		g_ptr_array_add(sorted, nv);
	}
	for (guint i = 1; i < sorted->len; i++)
		for (guint k = i; k > 0; k--) {
			struct cib_nv *a = g_ptr_array_index(sorted, k - 1), *b = g_ptr_array_index(sorted, k);
			if (strcmp(a->name, b->name) <= 0)
				break;
			sorted->pdata[k - 1] = b;
			sorted->pdata[k] = a;
		}
	for (guint i = 0; i < sorted->len; i++) {
		struct cib_nv *nv = g_ptr_array_index(sorted, i);
		g_string_append_printf(x, " %s=\"", nv->name);
		for (const char *c = nv->value; *c; c++) {
			switch (*c) {
			case '&': g_string_append(x, "&amp;"); break;
			case '<': g_string_append(x, "&lt;"); break;
			case '>': g_string_append(x, "&gt;"); break;
			case '"': g_string_append(x, "&quot;"); break;
			default: g_string_append_c(x, *c);
			}
		}
		g_string_append_c(x, '"');
	}
	g_string_append(x, "/>\n");
	g_ptr_array_free(sorted, TRUE);
	char *d = g_compute_checksum_for_string(G_CHECKSUM_MD5, x->str, (gssize)x->len);
	g_string_free(x, TRUE);
	return d;
}

static char *param_digest(struct pe_rsc *r)
{
	return pe_params_digest(&r->cfg->params);
}

/* Did the definition change since the op that made it active here? */
static int definition_changed(struct pe_rsc *r, GPtrArray *ops)
{
	struct cib_lrm_op *last = NULL;
	for (guint i = 0; i < ops->len; i++) {
		struct cib_lrm_op *o = g_ptr_array_index(ops, i);
		if (o->interval_ms == 0 && o->op_status == 0 && o->rc == 0 &&
		    (!strcmp(o->operation, "start") || !strcmp(o->operation, "monitor")))
			last = o;
	}
	if (!last || !last->digest || r->orphan || !r->cfg->type)
		return 0;
	char *d = param_digest(r);
	int changed = strcmp(d, last->digest) != 0;
	g_free(d);
	return changed;
}

struct hist {
	int active, failed, pending, block, fence, stop_target, hard_ban, fatal_ban, start_failed;
	int expired_failure;
	int pending_start;        /* the newest op is a start still running */
	int promoted;             /* promotable: the newest result says promoted */
};

static int is_probe(const struct cib_lrm_op *o)
{
	return !strcmp(o->operation, "monitor") && o->interval_ms == 0;
}

static struct pe_note *note(struct pe_ws *ws, enum pe_note_kind k, struct pe_rsc *r,
			      const struct cib_lrm_rsc *lr, struct pe_node *n);

static void replay(struct pe_ws *ws, struct pe_rsc *r, struct pe_node *n, GPtrArray *ops, struct hist *h)
{
	for (guint i = 0; i < ops->len; i++) {
		struct cib_lrm_op *o = g_ptr_array_index(ops, i);
		const char *task = o->operation;
		int probe = is_probe(o);
		int exp = o->expected_rc >= 0 ? o->expected_rc : (probe ? 7 : 0);
		if (o->op_status == 1)
			continue; /* cancelled */
		if (o->op_status == -1) {
			if (!strcmp(task, "start") || !strcmp(task, "stop"))
				h->active = 1, h->pending = 1;
			h->pending_start = !strcmp(task, "start");
			continue;
		}
		int failure = 0, hard = 0, fatal = 0;
		if (o->expected_rc < 0 && (o->op_status == 0 || o->op_status == 4)) {
			failure = 1;
		} else if (o->op_status == 0 || o->op_status == 4) {
			/* "error" is judged by the rc like "done": the
			 * expected result is known here, not to the executor. */
			if (o->rc == exp) {
				failure = 0;
			} else if (probe && (o->rc == 0 || o->rc == 7 || o->rc == 8)) {
				failure = 0;
			} else if (o->rc == 7 && !strcmp(task, "monitor") && !r->managed) {
				/* Unmanaged: "not running" is news, not a failure. */
				failure = 0;
			} else if (o->rc == 7 && !strcmp(task, "stop")) {
				failure = 0;
			} else if (o->rc == 2 || o->rc == 4 || o->rc == 5 || (o->rc == 3 && o->interval_ms == 0)) {
				failure = hard = 1;
			} else if (o->rc == 6) {
				failure = fatal = 1;
			} else {
				failure = 1;
			}
		} else if (o->op_status == 3 || o->op_status >= 5) {
			failure = hard = 1;
		} else {
			failure = 1;
		}
		/* rc 8 and 9 (failed promoted) say it runs promoted, whatever
		 * was expected. */
		if ((o->op_status == 0 || o->op_status == 4) && (o->rc == 8 || o->rc == 9))
			h->promoted = 1;
		if (!failure) {
			int rc = o->rc;
			if (!strcmp(task, "start") || !strcmp(task, "migrate_from")) {
				h->active = 1;
				h->failed = 0, h->start_failed = 0;
				h->promoted = 0;
			} else if (!strcmp(task, "stop")) {
				h->active = 0;
				h->failed = 0, h->start_failed = 0, h->block = 0;
				h->promoted = 0;
			} else if (!strcmp(task, "promote")) {
				h->active = 1;
				h->promoted = 1;
			} else if (!strcmp(task, "demote")) {
				h->promoted = 0;
			} else if (!strcmp(task, "monitor")) {
				if (rc == 7)
					h->active = 0, h->promoted = 0;
				else if (rc == 0 || rc == 8)
					h->active = 1;
			}
			continue;
		}
		/* A failure.  Expired ones (failure-timeout) are forgotten. */
		if (r->failure_timeout > 0 && o->last_rc_change > 0 &&
		    o->last_rc_change + r->failure_timeout <= ws->now) {
			h->expired_failure = 1;
			/* A recurring op whose failure expired is scheduled
			 * again: it stopped recurring when it failed. */
			if (o->interval_ms > 0) {
				struct pe_note *x = note(ws, PE_NOTE_RESCHEDULE, r, NULL, n);
				x->op = o->operation;
				x->interval_ms = o->interval_ms;
			}
			continue;
		}
		if (hard || fatal) {
			if (fatal)
				h->fatal_ban = 1;
			else
				h->hard_ban = 1;
			if (probe && o->rc == 5) {
				h->active = 0;
				continue;
			}
		}
		struct cib_op *co = find_cfg_op(r, task, o->interval_ms);
		const char *on_fail = co ? co->on_fail : NULL;
		if (!strcmp(task, "stop"))
			on_fail = (on_fail && strcmp(on_fail, "restart")) ? on_fail : (ws->stonith_enabled ? "fence" : "block");
		if (!on_fail)
			on_fail = "restart";
		if (!strcmp(on_fail, "fence") && !ws->stonith_enabled)
			on_fail = "stop";
		if (!strcmp(on_fail, "ignore")) {
			continue;
		}
		h->active = 1;
		h->failed = 1;
		if (!strcmp(task, "start"))
			h->start_failed = 1;
		/* A failed promote leaves it promoted; a failed demote is
		 * taken as unpromoted (it is recovered by a stop, and promoting
		 * again waits for that) unless the failure blocks. */
		if (!strcmp(task, "promote"))
			h->promoted = 1;
		else if (!strcmp(task, "demote"))
			h->promoted = !strcmp(on_fail, "block");
		if (!strcmp(on_fail, "block"))
			h->block = 1;
		else if (!strcmp(on_fail, "fence"))
			h->fence = 1;
		else if (!strcmp(on_fail, "stop"))
			h->stop_target = 1;
		else if (!strcmp(on_fail, "standby"))
			n->standby = 1;
		char *desc = g_strdup_printf("%s_%s_%lld on %s", r->base, task, o->interval_ms, n->uname);
		g_ptr_array_add(r->failed_ops, desc);
	}
}

static struct pe_rsc *instance_for(struct pe_ws *ws, struct pe_rsc *prim_cfg_owner, const char *lrm_id,
				   struct pe_node *n);

static void add_adj(struct pe_rsc *r, struct pe_node *n, int score)
{
	/* Bans gathered while unpacking are kept as location adjustments in
	 * the weight array; assignment starts from them. */
	r->weight[n->idx] = pe_score_add(r->weight[n->idx], score);
}

/* A ban learnt from one anonymous clone instance holds for all of them:
 * they are interchangeable copies of one configured primitive. */
static void ban_everywhere_alike(struct pe_ws *ws, struct pe_rsc *r, struct pe_node *n)
{
	for (guint i = 0; i < ws->prims->len; i++) {
		struct pe_rsc *x = g_ptr_array_index(ws->prims, i);
		if (x == r || (x->cfg == r->cfg && !r->orphan))
			add_adj(x, n, -PE_INF);
	}
}

static struct cib_rsc *first_prim_cfg(struct cib_rsc *c)
{
	while (c && c->kind != CIB_PRIMITIVE)
		c = c->children->len ? g_ptr_array_index(c->children, 0) : NULL;
	return c;
}

/* The anonymous clone a history id ("rsc" or "rsc:N") belongs to, if any. */
static struct pe_rsc *clone_of(struct pe_ws *ws, const char *lrm_id)
{
	char *base = g_strndup(lrm_id, strcspn(lrm_id, ":"));
	struct cib_rsc *cfg = cib_find_rsc(ws->cib, base);
	g_free(base);
	if (!cfg || cfg->kind != CIB_PRIMITIVE || !cfg->parent)
		return NULL;
	/* The clone above it, directly or as a cloned group's member. */
	struct cib_rsc *cc = cfg->parent->kind == CIB_GROUP ? cfg->parent->parent : cfg->parent;
	if (!cc || cc->kind != CIB_CLONE)
		return NULL;
	struct pe_rsc *c = pe_find_rsc(ws, cc->id);
	/* Duplicate ids in a broken CIB may name something else. */
	return c && c->kind == PE_CLONE && c->cfg == cc ? c : NULL;
}

static struct pe_note *note(struct pe_ws *ws, enum pe_note_kind k, struct pe_rsc *r,
			      const struct cib_lrm_rsc *lr, struct pe_node *n)
{
	struct pe_note *x = g_new0(struct pe_note, 1);
	x->kind = k;
	x->rsc = r;
	x->lrm = lr;
	x->node = n;
	g_ptr_array_add(ws->notes, x);
	return x;
}

static int str_differs(const char *a, const char *b)
{
	return (a || b) && (!a || !b || strcmp(a, b));
}

/* The history was written by another agent than the one configured now. */
static int agent_changed(const struct pe_rsc *r, const struct cib_lrm_rsc *lr)
{
	const struct cib_rsc *c = r->cfg;
	if (!lr->cls || !lr->type || !c->cls || !c->type)
		return 0;
	if (str_differs(lr->cls, c->cls) || str_differs(lr->type, c->type))
		return 1;
	return !strcmp(c->cls, "ocf") && str_differs(lr->provider, c->provider);
}

/* Recurring ops active since the resource last started here (ops sorted by
 * call-id): each one, once, with the call-id of its newest record. */
static void note_recurring(struct pe_ws *ws, struct pe_rsc *r, const struct cib_lrm_rsc *lr, struct pe_node *n,
			   GPtrArray *ops)
{
	GHashTable *seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	for (guint k = ops->len; k-- > 0;) {
		struct cib_lrm_op *o = g_ptr_array_index(ops, k);
		if (o->interval_ms == 0) {
			if (!strcmp(o->operation, "monitor"))
				continue; /* a probe says nothing about recurring ops */
			break;        /* start, stop, migrate...: nothing older counts */
		}
		if (o->op_status == 1)
			continue;     /* cancelled */
		char *key = g_strdup_printf("%s_%lld", o->operation, o->interval_ms);
		if (g_hash_table_contains(seen, key)) {
			g_free(key);
			continue;
		}
		g_hash_table_add(seen, key);
		struct pe_note *x = note(ws, PE_NOTE_RECURRING, r, lr, n);
		x->op = o->operation;
		x->interval_ms = o->interval_ms;
		x->call_id = o->call_id;
	}
	g_hash_table_destroy(seen);
}

/* The fail count of r on n is cleared (once per configured resource and
 * node, where a controller can do it). */
static int fc_clear_noted(struct pe_ws *ws, struct pe_rsc *r, struct pe_node *n)
{
	for (guint q = 0; q < ws->notes->len; q++) {
		struct pe_note *x = g_ptr_array_index(ws->notes, q);
		if (x->kind == PE_NOTE_FC_EXPIRED && x->node == n && x->rsc->cfg == r->cfg)
			return 1;
	}
	return 0;
}

static void note_fc_clear(struct pe_ws *ws, struct pe_rsc *r, struct pe_node *n)
{
	if (!fc_clear_noted(ws, r, n) && n->online)
		note(ws, PE_NOTE_FC_EXPIRED, r, NULL, n);
}

/* A failure recorded (the _last_failure_ entry of a start or probe) with
 * parameters that have changed since: its fail count is cleared, the
 * failure being of another definition.  (An expired one is cleared anyway.
 * A recurring op's digest also covers its own attributes and timeout,
 * which the model does not keep: not compared.) */
static void last_failure_params(struct pe_ws *ws, struct pe_rsc *r, struct pe_node *n, GPtrArray *ops)
{
	for (guint k = 0; k < ops->len; k++) {
		struct cib_lrm_op *o = g_ptr_array_index(ops, k);
		size_t il = o->id ? strlen(o->id) : 0;
		if (il < 15 || strcmp(o->id + il - 15, "_last_failure_0") || !o->digest || !r->cfg->type ||
		    (strcmp(o->operation, "start") && strcmp(o->operation, "monitor")))
			continue;
		if (r->failure_timeout > 0 && o->last_rc_change > 0 && o->last_rc_change + r->failure_timeout <= ws->now)
			continue;
		if (o->interval_ms > 0)
			continue;
		char *d = param_digest(r);
		if (strcmp(d, o->digest))
			note_fc_clear(ws, r, n);
		g_free(d);
	}
}

static void unpack_history(struct pe_ws *ws)
{
	struct cib *c = ws->cib;
	for (guint i = 0; i < c->states->len; i++) {
		struct cib_node_state *st = g_ptr_array_index(c->states, i);
		struct pe_node *n = st->uname ? pe_find_node(ws, st->uname) : NULL;
		if (!n)
			continue;
		/* A cleanly stopped node runs nothing; an unclean one may. */
		int use = n->online || n->unclean || n->pending || n->shutdown;
		for (guint j = 0; j < st->lrm->len; j++) {
			struct cib_lrm_rsc *lr = g_ptr_array_index(st->lrm, j);
			size_t bl = strcspn(lr->id, ":");
			g_hash_table_add(ws->known, g_strdup_printf("%s\n%.*s", n->uname, (int)bl, lr->id));
			struct pe_rsc *r = instance_for(ws, NULL, lr->id, n);
			GPtrArray *ops = g_ptr_array_new();
			for (guint k = 0; k < lr->ops->len; k++)
				g_ptr_array_add(ops, g_ptr_array_index(lr->ops, k));
			g_ptr_array_sort(ops, cmp_call);
			if (!r) {
				/* Orphan: history but no configuration. */
				struct hist h = { 0 };
				struct cib_rsc *fake = NULL;
				(void)fake;
				for (guint k = 0; k < ops->len; k++) {
					struct cib_lrm_op *o = g_ptr_array_index(ops, k);
					if (o->op_status == 0 && (o->rc == 0) && strcmp(o->operation, "stop"))
						h.active = 1;
					else if (!strcmp(o->operation, "stop") && o->op_status == 0 && o->rc == 0)
						h.active = 0;
				}
				struct pe_rsc *o = pe_find_rsc(ws, lr->id);
				struct pe_rsc *clone = clone_of(ws, lr->id);
				struct cib_rsc *ccfg = clone && clone->cfg->children->len ?
						       g_ptr_array_index(clone->cfg->children, 0) : NULL;
				/* A clone's orphan instance is stopped whatever
				 * stop-orphan-resources says: that option is about
				 * resources gone from the configuration. */
				if (h.active && use && clone && ccfg && ccfg->kind == CIB_GROUP) {
					/* A cloned group's orphan is a whole group
					 * instance (the other members' histories may
					 * belong to it too); this history is its member
					 * of that name. */
					char sfx[24];
					snprintf(sfx, sizeof sfx, ":%d", clone->clone_max + clone->norphans++);
					struct pe_rsc *g = build(ws, ccfg, clone, sfx);
					g_ptr_array_add(clone->children, g);
					o = NULL;
					for (guint q = 0; q < g->children->len; q++) {
						struct pe_rsc *m = g_ptr_array_index(g->children, q);
						m->orphan = 1;
						m->target_stopped = 1;
						if (!strncmp(m->cfg->id, lr->id, bl) && !m->cfg->id[bl])
							o = m;
					}
					if (o)
						g_ptr_array_add(o->running, n);
				} else if (h.active && use && clone) {
					/* An instance beyond clone-max: an orphan instance,
					 * numbered after the configured ones. */
					struct cib_rsc *pc = first_prim_cfg(clone->cfg);
					if (!pc)
						pc = g_ptr_array_index(clone->cfg->children, 0);
					char *iid = g_strdup_printf("%s:%d", pc->id,
								   clone->clone_max + clone->norphans++);
					o = new_rsc(ws, pc, iid, clone);
					g_free(iid);
					o->orphan = 1;
					o->target_stopped = 1;
					g_ptr_array_add(ws->prims, o);
					g_ptr_array_add(clone->children, o);
					g_ptr_array_add(o->running, n);
				} else if (h.active && use && ws->stop_orphans && (!o || o->orphan)) {
					if (!o) {
						struct cib_rsc *cr = g_new0(struct cib_rsc, 1);
						cr->kind = CIB_PRIMITIVE;
						cr->id = g_strdup(lr->id);
						cr->cls = g_strdup(lr->cls);
						cr->provider = g_strdup(lr->provider);
						cr->type = g_strdup(lr->type);
						cr->ops = g_ptr_array_new();
						cr->children = g_ptr_array_new();
						o = new_rsc(ws, cr, lr->id, NULL);
						o->orphan = 1;
						o->own_cfg = 1;
						o->target_stopped = 1;
						g_ptr_array_add(ws->rscs, o);
						g_ptr_array_add(ws->prims, o);
					}
					g_ptr_array_add(o->running, n);
				}
				/* An inactive orphan's history is deleted where a
				 * controller can do it. */
				char *base = g_strndup(lr->id, bl);
				if (!h.active && !cib_find_rsc(ws->cib, base) && ws->stop_orphans && n->online &&
				    !n->unclean && !n->shutdown)
					note(ws, PE_NOTE_ORPHAN_HISTORY, NULL, lr, n);
				g_free(base);
				g_ptr_array_free(ops, TRUE);
				continue;
			}
			if (!use) {
				g_ptr_array_free(ops, TRUE);
				continue;
			}
			struct hist h = { 0 };
			replay(ws, r, n, ops, &h);
			last_failure_params(ws, r, n, ops);
			/* An anonymous instance known to the node under another
			 * name ("rsc" for "rsc:0") is addressed by that name: the
			 * name of the history where it is active (a probe's
			 * elsewhere does not name it, nor its promotion score). */
			if (h.active && !r->running_name) {
				r->clone_name = strcmp(lr->id, r->id) ? lr->id : NULL;
				r->running_name = 1;
			} else if (!r->clone_name && !r->running_name && strcmp(lr->id, r->id)) {
				r->clone_name = lr->id;
			}
			if (h.active && !h.failed && definition_changed(r, ops))
				r->def_changed = 1;
			if (agent_changed(r, lr) && n->online && !n->unclean && !n->shutdown) {
				note(ws, PE_NOTE_AGENT_CHANGED, r, lr, n);
				r->agent_changed = 1;
			}
			if (h.active)
				note_recurring(ws, r, lr, n, ops);
			g_ptr_array_free(ops, TRUE);
			if (h.fatal_ban)
				for (guint k = 0; k < ws->nodes->len; k++)
					ban_everywhere_alike(ws, r, g_ptr_array_index(ws->nodes, k));
			if (h.hard_ban)
				ban_everywhere_alike(ws, r, n);
			/* A failed start bans nothing by itself: with
			 * start-failure-is-fatal the controller sets the
			 * fail-count to INFINITY, which the threshold sees. */
			if (h.fence && ws->stonith_enabled && h.active)
				fence_node(ws, n, "resource actions are unrunnable");
			/* On a node to be fenced a failure asks for nothing:
			 * fencing stops what runs there, and it may start
			 * again elsewhere (Pacemaker ignores on-fail there). */
			if (n->unclean)
				h.failed = h.block = h.stop_target = 0;
			if (h.active) {
				g_ptr_array_add(r->running, n);
				if (h.promoted && pe_is_promotable_inst(r))
					r->promoted_on = n;
				if (h.failed)
					r->failed = 1;
				if (h.block)
					r->failed_stop_block = 1;
				if (h.stop_target)
					r->target_stopped = 1;
				if (h.pending)
					r->pending_start = 1;
				if (h.pending_start)
					r->pending_start_on = n;
			}
		}
		/* Fail counts and migration-threshold, for every primitive. */
		if (!use)
			continue;
		for (guint j = 0; j < ws->prims->len; j++) {
			struct pe_rsc *r = g_ptr_array_index(ws->prims, j);
			if (r->orphan)
				continue;
			long long last;
			int fc = fail_count(ws, r, st, &last);
			if (fc <= 0)
				continue;
			if (r->failure_timeout > 0 && last > 0 && last + r->failure_timeout <= ws->now) {
				/* Expired: forgotten, and cleared (once per
				 * configured resource and node). */
				note_fc_clear(ws, r, n);
				continue;
			}
			/* A fail count about to be cleared bans nothing. */
			if (fc_clear_noted(ws, r, n))
				continue;
			if (r->migration_threshold > 0 && fc >= r->migration_threshold) {
				/* Clone instances share the count; ban every instance. */
				add_adj(r, n, -PE_INF);
			}
		}
	}
}

/* Maps an lrm_resource id (possibly "rsc:N") to the primitive instance it
 * describes on node n.  Anonymous clone instances are handed out in order. */
static struct pe_rsc *instance_for(struct pe_ws *ws, struct pe_rsc *unused, const char *lrm_id, struct pe_node *n)
{
	(void)unused;
	struct pe_rsc *r = pe_find_rsc(ws, lrm_id);
	if (r && r->kind == PE_PRIMITIVE && !r->orphan && !(r->parent && r->parent->kind == PE_CLONE) &&
	    !(r->parent && r->parent->parent && r->parent->parent->kind == PE_CLONE))
		return r;
	char *base = g_strdup(lrm_id);
	char *colon = strchr(base, ':');
	if (colon)
		*colon = 0;
	struct cib_rsc *cfg = cib_find_rsc(ws->cib, base);
	g_free(base);
	if (!cfg || cfg->kind != CIB_PRIMITIVE)
		return r && r->orphan ? NULL : NULL;
	/* Find the clone above it. */
	struct cib_rsc *clone_cfg = cfg->parent;
	while (clone_cfg && clone_cfg->kind != CIB_CLONE)
		clone_cfg = clone_cfg->parent;
	if (!clone_cfg) {
		r = pe_find_rsc(ws, cfg->id);
		return r;
	}
	struct pe_rsc *clone = pe_find_rsc(ws, clone_cfg->id);
	if (!clone)
		return NULL;
	/* The instance (child of clone) that already has something on n,
	 * else the first with nothing active anywhere.  One whose member of
	 * this name is active already does not take a second history of it
	 * on n: that is an orphan (numbered after the configured instances),
	 * as Pacemaker sees multiple instance histories on one node. */
	struct pe_rsc *pick = NULL;
	int taken = 0;
	for (guint i = 0; i < clone->children->len && !pick; i++) {
		struct pe_rsc *inst = g_ptr_array_index(clone->children, i);
		GPtrArray *members = inst->kind == PE_GROUP ? inst->children : NULL;
		int here = 0;
		struct pe_rsc *mine = inst;
		if (members) {
			mine = NULL;
			for (guint k = 0; k < members->len; k++) {
				struct pe_rsc *m = g_ptr_array_index(members, k);
				if (m->cfg == cfg)
					mine = m;
				for (guint q = 0; q < m->running->len; q++)
					if (g_ptr_array_index(m->running, q) == n)
						here = 1;
			}
		} else {
			for (guint q = 0; q < inst->running->len; q++)
				if (g_ptr_array_index(inst->running, q) == n)
					here = 1;
		}
		if (here && mine && mine->running->len)
			taken = 1;
		else if (here)
			pick = inst;
	}
	if (taken && !pick)
		return NULL;
	for (guint i = 0; i < clone->children->len && !pick; i++) {
		struct pe_rsc *inst = g_ptr_array_index(clone->children, i);
		int busy = 0;
		if (inst->kind == PE_GROUP) {
			for (guint k = 0; k < inst->children->len; k++)
				if (((struct pe_rsc *)g_ptr_array_index(inst->children, k))->running->len)
					busy = 1;
		} else {
			busy = inst->running->len > 0;
		}
		if (!busy)
			pick = inst;
	}
	if (!pick)
		return NULL;
	if (pick->kind == PE_GROUP) {
		for (guint k = 0; k < pick->children->len; k++) {
			struct pe_rsc *m = g_ptr_array_index(pick->children, k);
			if (m->cfg == cfg)
				return m;
		}
		return NULL;
	}
	return pick;
}

void pe_unpack(struct pe_ws *ws)
{
	struct cib *c = ws->cib;
	ws->stonith_enabled = opt_bool(ws, "stonith-enabled", 1);
	ws->symmetric = opt_bool(ws, "symmetric-cluster", 1);
	ws->start_failure_fatal = opt_bool(ws, "start-failure-is-fatal", 1);
	ws->stop_orphans = opt_bool(ws, "stop-orphan-resources", 1);
	ws->no_quorum_policy = g_strdup(opt(ws, "no-quorum-policy", "stop"));
	int ok;
	ws->default_stickiness = cib_parse_score(opt(ws, "default-resource-stickiness", "0"), &ok);
	ws->have_quorum = c->have_quorum;
	unpack_nodes(ws);
	for (guint i = 0; i < c->resources->len; i++)
		g_ptr_array_add(ws->rscs, build(ws, g_ptr_array_index(c->resources, i), NULL, ""));
	unpack_history(ws);
	pe_unpack_migrations(ws);
	/* Resources on a maintenance node are left alone. */
	for (guint i = 0; i < ws->prims->len; i++) {
		struct pe_rsc *r = g_ptr_array_index(ws->prims, i);
		for (guint k = 0; k < r->running->len; k++)
			if (((struct pe_node *)g_ptr_array_index(r->running, k))->maintenance)
				r->managed = 0;
	}
}
