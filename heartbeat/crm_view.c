/* Builds the status view the tools print: nodes and primitives as
 * lib/pengine's unpack sees them, master/slave sets replayed here (the
 * engine does not model them), and the failed operations judged by
 * Pacemaker 1.0's rules (crm_view_ops.c).  Prints nothing. */
#include <stdlib.h>
#include <string.h>
#include <libxml/xpath.h>
#include "crm_view.h"
#include "crm_view_int.h"
#include "cib/cib_doc.h"

const char *view_role_text(enum view_role r)
{
	switch (r) {
	case VIEW_STOPPED: return "Stopped";
	case VIEW_STARTED: return "Started";
	case VIEW_SLAVE: return "Slave";
	case VIEW_MASTER: return "Master";
	default: return "Unknown";
	}
}

static struct view_rsc *new_rsc(enum view_kind k, const char *id)
{
	struct view_rsc *r = g_new0(struct view_rsc, 1);
	r->kind = k;
	r->id = g_strdup(id);
	r->nodes = g_ptr_array_new();
	r->children = g_ptr_array_new();
	r->managed = 1;
	r->role = VIEW_STOPPED;
	r->migration_threshold = PE_INF;
	return r;
}

static void free_rsc(struct view_rsc *r)
{
	for (guint i = 0; i < r->children->len; i++)
		free_rsc(g_ptr_array_index(r->children, i));
	g_ptr_array_free(r->children, TRUE);
	g_ptr_array_free(r->nodes, TRUE);
	g_free(r->id);
	g_free(r);
}

struct view_node *view_node_by_uname(struct view *v, const char *uname)
{
	for (guint i = 0; uname && i < v->nodes->len; i++) {
		struct view_node *n = g_ptr_array_index(v->nodes, i);
		if (!strcmp(n->uname, uname))
			return n;
	}
	return NULL;
}

struct view_node *view_node_by_id(struct view *v, const char *id)
{
	for (guint i = 0; id && i < v->nodes->len; i++) {
		struct view_node *n = g_ptr_array_index(v->nodes, i);
		if (n->id && !strcmp(n->id, id))
			return n;
	}
	return NULL;
}

static struct view_rsc *find_in(GPtrArray *a, const char *id)
{
	for (guint i = 0; i < a->len; i++) {
		struct view_rsc *r = g_ptr_array_index(a, i);
		if (!strcmp(r->id, id))
			return r;
		struct view_rsc *f = find_in(r->children, id);
		if (f)
			return f;
	}
	return NULL;
}

struct view_rsc *view_find(struct view *v, const char *id)
{
	return id ? find_in(v->rscs, id) : NULL;
}

static int node_live(const struct view_node *n)
{
	return n->online && !n->unclean;
}

int view_active(const struct view_rsc *r, int all)
{
	if (r->kind == VIEW_PRIM) {
		for (guint i = 0; i < r->nodes->len; i++)
			if (node_live(g_ptr_array_index(r->nodes, i)))
				return 1;
		return 0;
	}
	if (!r->children->len)
		return 0;
	for (guint i = 0; i < r->children->len; i++) {
		int a = view_active(g_ptr_array_index(r->children, i), all);
		if (!all && a)
			return 1;
		if (all && !a)
			return 0;
	}
	return all;
}

static void collect_locations(const struct view_rsc *r, GPtrArray *out)
{
	if (r->kind == VIEW_PRIM) {
		for (guint i = 0; i < r->nodes->len; i++) {
			struct view_node *n = g_ptr_array_index(r->nodes, i);
			int have = 0;
			for (guint k = 0; k < out->len; k++)
				have |= g_ptr_array_index(out, k) == n;
			if (!have)
				g_ptr_array_add(out, n);
		}
		return;
	}
	for (guint i = 0; i < r->children->len; i++)
		collect_locations(g_ptr_array_index(r->children, i), out);
}

struct view_node *view_location(const struct view_rsc *r)
{
	GPtrArray *l = g_ptr_array_new();
	collect_locations(r, l);
	struct view_node *one = l->len == 1 ? g_ptr_array_index(l, 0) : NULL;
	g_ptr_array_free(l, TRUE);
	return one;
}

const char *view_node_attr(const struct view_node *n, const char *name)
{
	const char *v = NULL;
	for (guint i = 0; i < n->attrs->len; i++) {
		struct view_nv *nv = g_ptr_array_index(n->attrs, i);
		if (!strcmp(nv->name, name))
			v = nv->value;
	}
	return v;
}

int view_failcount(const struct view_node *n, const char *rsc_id, long long *last_failure)
{
	char *fc = g_strdup_printf("fail-count-%s", rsc_id), *lf = g_strdup_printf("last-failure-%s", rsc_id);
	const char *v = view_node_attr(n, fc), *l = view_node_attr(n, lf);
	int ok, count = 0;
	if (v) {
		count = cib_parse_score(v, &ok);
	} else {
		/* Pacemaker >= 1.1.17 counts per operation: fail-count-RSC#OP_MS. */
		size_t len = strlen(fc);
		for (guint i = 0; i < n->attrs->len; i++) {
			struct view_nv *nv = g_ptr_array_index(n->attrs, i);
			if (!strncmp(nv->name, fc, len) && nv->name[len] == '#')
				count = pe_score_add(count, cib_parse_score(nv->value, &ok));
		}
	}
	if (last_failure)
		*last_failure = l ? atoll(l) : 0;
	g_free(fc);
	g_free(lf);
	return count;
}

static void add_attr(GPtrArray *a, const char *name, const char *value)
{
	struct view_nv *nv = g_new0(struct view_nv, 1);
	nv->name = name;
	nv->value = value;
	g_ptr_array_add(a, nv);
}

static void build_nodes(struct view *v)
{
	struct cib *c = v->cib;
	for (guint i = 0; i < v->ws->nodes->len; i++) {
		struct pe_node *p = g_ptr_array_index(v->ws->nodes, i);
		struct view_node *n = g_new0(struct view_node, 1);
		n->uname = p->uname;
		n->id = p->id;
		n->online = p->online;
		n->pending = p->pending;
		n->state = cib_find_state(c, p->uname);
		/* 1.0 called a node that is up but must be fenced (terminate
		 * requested) "UNCLEAN (online)"; the engine counts it offline. */
		if (p->unclean && n->state && n->state->crmd && !strcmp(n->state->crmd, "online") &&
		    n->state->join && !strcmp(n->state->join, "member") && p->member)
			n->online = 1;
		n->unclean = p->unclean;
		n->shutdown = p->shutdown;
		n->running = g_ptr_array_new();
		n->attrs = g_ptr_array_new_with_free_func(g_free);
		struct cib_node *cn = cib_find_node(c, p->uname);
		n->expected_up = n->state && n->state->expected && !strcmp(n->state->expected, "member");
		n->is_dc = c->dc_uuid && p->id && !strcmp(c->dc_uuid, p->id);
		for (guint k = 0; cn && cn->attrs.items && k < cn->attrs.items->len; k++) {
			struct cib_nv *nv = g_ptr_array_index(cn->attrs.items, k);
			add_attr(n->attrs, nv->name, nv->value);
		}
		for (guint k = 0; n->state && n->state->attrs.items && k < n->state->attrs.items->len; k++) {
			struct cib_nv *nv = g_ptr_array_index(n->state->attrs.items, k);
			add_attr(n->attrs, nv->name, nv->value);
		}
		const char *sb = view_node_attr(n, "standby");
		int attr_standby = sb && cib_is_true(sb);
		n->standby = p->standby;
		/* The engine also puts a node in standby for on-fail=standby. */
		n->standby_onfail = p->standby && !attr_standby;
		if (n->is_dc)
			v->dc = n;
		g_ptr_array_add(v->nodes, n);
	}
}

static struct view_node *node_of(struct view *v, struct pe_node *p)
{
	return view_node_by_uname(v, p->uname);
}

static int meta_true(struct cib_rsc *c, const char *name)
{
	for (; c; c = c->parent) {
		const char *val = cib_nv_get(&c->meta, name);
		if (val)
			return cib_is_true(val);
	}
	return 0;
}

static struct view_rsc *from_pe(struct view *v, struct pe_rsc *p, struct view_rsc *parent, xmlNodePtr res)
{
	enum view_kind k = p->kind == PE_PRIMITIVE ? VIEW_PRIM : p->kind == PE_GROUP ? VIEW_GROUP : VIEW_CLONE;
	struct view_rsc *r = new_rsc(k, p->id);
	r->parent = parent;
	r->cls = p->cfg->cls;
	r->provider = p->cfg->provider;
	r->type = p->cfg->type;
	r->managed = p->managed;
	r->failed = p->failed;
	r->orphan = p->orphan;
	r->migration_threshold = p->migration_threshold;
	r->unique = k == VIEW_CLONE && meta_true(p->cfg, "globally-unique");
	r->xml = p->own_cfg ? NULL : cib_xml_find_id(res, NULL, p->base);
	r->desc = r->xml ? cib_xml_attr(r->xml, "description") : NULL;
	for (guint i = 0; i < p->running->len; i++)
		g_ptr_array_add(r->nodes, node_of(v, g_ptr_array_index(p->running, i)));
	r->role = r->nodes->len ? VIEW_STARTED : VIEW_STOPPED;
	for (guint i = 0; i < p->children->len; i++)
		g_ptr_array_add(r->children, from_pe(v, g_ptr_array_index(p->children, i), r, res));
	if (k != VIEW_PRIM) {
		/* A collective is managed unless told otherwise itself. */
		const char *m = cib_nv_get(&p->cfg->meta, "is-managed");
		r->managed = m ? cib_is_true(m) : 1;
		if (cib_is_true(cib_nv_get(&v->cib->options, "maintenance-mode")))
			r->managed = 0;
	}
	return r;
}

static void collect_prims(struct view_rsc *r, GPtrArray *out)
{
	if (r->kind == VIEW_PRIM)
		g_ptr_array_add(out, r);
	for (guint i = 0; i < r->children->len; i++)
		collect_prims(g_ptr_array_index(r->children, i), out);
}

static int base_eq(const char *lrm_id, const char *rsc_id)
{
	size_t a = strcspn(lrm_id, ":"), b = strcspn(rsc_id, ":");
	return a == b && !strncmp(lrm_id, rsc_id, a);
}

static int on(struct view_rsc *r, struct view_node *n)
{
	for (guint i = 0; i < r->nodes->len; i++)
		if (g_ptr_array_index(r->nodes, i) == n)
			return 1;
	return 0;
}

/* Each node's running list in the order its history names them, as 1.0
 * appended them while unpacking. */
static void build_running(struct view *v)
{
	GPtrArray *prims = g_ptr_array_new();
	for (guint i = 0; i < v->rscs->len; i++)
		collect_prims(g_ptr_array_index(v->rscs, i), prims);
	for (guint k = 0; k < v->nodes->len; k++) {
		struct view_node *n = g_ptr_array_index(v->nodes, k);
		GPtrArray *lrm = n->state ? n->state->lrm : NULL;
		for (guint j = 0; lrm && j < lrm->len; j++) {
			struct cib_lrm_rsc *lr = g_ptr_array_index(lrm, j);
			for (guint i = 0; i < prims->len; i++) {
				struct view_rsc *r = g_ptr_array_index(prims, i);
				if (on(r, n) && base_eq(lr->id, r->id) && !g_ptr_array_find(n->running, r, NULL)) {
					g_ptr_array_add(n->running, r);
					break;
				}
			}
		}
		for (guint i = 0; i < prims->len; i++) {
			struct view_rsc *r = g_ptr_array_index(prims, i);
			if (on(r, n) && !g_ptr_array_find(n->running, r, NULL))
				g_ptr_array_add(n->running, r);
		}
	}
	g_ptr_array_free(prims, TRUE);
}

static const char *xpath_value(xmlDocPtr doc, const char *name)
{
	char *expr = g_strdup_printf("//nvpair[@name='%s']", name);
	xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
	xmlXPathObjectPtr o = ctx ? xmlXPathEvalExpression((const xmlChar *)expr, ctx) : NULL;
	const char *val = NULL;
	if (o && o->type == XPATH_NODESET && o->nodesetval && o->nodesetval->nodeNr > 0)
		val = cib_xml_attr(o->nodesetval->nodeTab[0], "value");
	if (o)
		xmlXPathFreeObject(o);
	if (ctx)
		xmlXPathFreeContext(ctx);
	g_free(expr);
	return val;
}

static int rsc_priority(struct view *v, struct view_rsc *r)
{
	struct pe_rsc *p = pe_find_rsc(v->ws, r->id);
	if (p)
		return p->priority;
	const char *pr = r->xml ? view_xml_meta(v, r->xml, "priority") : NULL;
	int ok;
	return pr ? cib_parse_score(pr, &ok) : 0;
}

static int in_master(xmlNodePtr res, const char *lrm_id)
{
	for (xmlNodePtr m = res ? res->children : NULL; m; m = m->next) {
		if (m->type != XML_ELEMENT_NODE ||
		    (strcmp((const char *)m->name, "master") && strcmp((const char *)m->name, "master_slave")))
			continue;
		for (xmlNodePtr c = m->children; c; c = c->next)
			if (c->type == XML_ELEMENT_NODE && cib_xml_attr(c, "id") && base_eq(lrm_id, cib_xml_attr(c, "id")))
				return 1;
	}
	return 0;
}

struct prio {
	struct view_rsc *r;
	int priority, index;
};

static int cmp_prio(gconstpointer a, gconstpointer b)
{
	const struct prio *x = a, *y = b;
	if (x->priority != y->priority)
		return x->priority > y->priority ? -1 : 1;
	return x->index - y->index;
}

static void build_rscs(struct view *v)
{
	xmlNodePtr res = cib_section(v->doc, "resources");
	for (xmlNodePtr c = res ? res->children : NULL; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		const char *id = cib_xml_attr(c, "id");
		if (!strcmp((const char *)c->name, "master") || !strcmp((const char *)c->name, "master_slave")) {
			struct view_rsc *m = view_build_master(v, c);
			if (m)
				g_ptr_array_add(v->rscs, m);
			continue;
		}
		struct pe_rsc *p = id ? pe_find_rsc(v->ws, id) : NULL;
		if (p && !p->parent && !p->orphan)
			g_ptr_array_add(v->rscs, from_pe(v, p, NULL, res));
	}
	/* 1.0 sorted the configured resources by priority, then appended the
	 * orphans it found in the history. */
	GArray *a = g_array_new(FALSE, FALSE, sizeof(struct prio));
	for (guint i = 0; i < v->rscs->len; i++) {
		struct prio p = { g_ptr_array_index(v->rscs, i), 0, (int)i };
		p.priority = rsc_priority(v, p.r);
		g_array_append_val(a, p);
	}
	g_array_sort(a, cmp_prio);
	for (guint i = 0; i < a->len; i++)
		v->rscs->pdata[i] = g_array_index(a, struct prio, i).r;
	g_array_free(a, TRUE);
	v->configured = (int)v->rscs->len;
	for (guint i = 0; i < v->ws->rscs->len; i++) {
		struct pe_rsc *p = g_ptr_array_index(v->ws->rscs, i);
		/* The engine takes the history of master/slave instances, which
		 * it does not model, for orphans; they are not. */
		if (p->orphan && !p->parent && !in_master(res, p->id))
			g_ptr_array_add(v->rscs, from_pe(v, p, NULL, res));
	}
}

struct view *view_build(xmlDocPtr doc, long long now)
{
	struct view *v = g_new0(struct view, 1);
	v->cib = cib_from_doc(doc);
	v->doc = doc;
	struct pe_options opt = { now, 0 };
	v->ws = pe_run(v->cib, &opt);
	v->nodes = g_ptr_array_new();
	v->rscs = g_ptr_array_new();
	v->failed = g_ptr_array_new_with_free_func(g_free);
	v->have_quorum = v->cib->have_quorum;
	v->stonith_enabled = v->ws->stonith_enabled;
	v->symmetric = v->ws->symmetric;
	v->stack = xpath_value(doc, "cluster-infrastructure");
	v->dc_version = xpath_value(doc, "dc-version");
	v->expected_votes = xpath_value(doc, "expected-quorum-votes");
	build_nodes(v);
	build_rscs(v);
	view_scan_ops(v);
	build_running(v);
	return v;
}

void view_free(struct view *v)
{
	if (!v)
		return;
	for (guint i = 0; i < v->rscs->len; i++)
		free_rsc(g_ptr_array_index(v->rscs, i));
	for (guint i = 0; i < v->nodes->len; i++) {
		struct view_node *n = g_ptr_array_index(v->nodes, i);
		g_ptr_array_free(n->running, TRUE);
		g_ptr_array_free(n->attrs, TRUE);
		g_free(n);
	}
	g_ptr_array_free(v->nodes, TRUE);
	g_ptr_array_free(v->rscs, TRUE);
	g_ptr_array_free(v->failed, TRUE);
	pe_free(v->ws);
	cib_free(v->cib);
	g_free(v);
}

/* The view resource an lrm_resource entry on node n stands for. */
struct view_rsc *view_history_rsc(struct view *v, const char *id, struct view_node *n)
{
	struct view_rsc *r = view_find(v, id);
	if (r || strchr(id, ':'))
		return r;
	/* Anonymous clone history without an instance number (Pacemaker
	 * >= 1.1 style): the instance active on this node. */
	for (guint i = 0; i < n->running->len; i++) {
		struct view_rsc *p = g_ptr_array_index(n->running, i);
		if (view_base_eq(id, p->id))
			return p;
	}
	return NULL;
}

const char *view_op_attr(xmlNodePtr op, const char *dashed)
{
	const char *v = cib_xml_attr(op, dashed);
	if (v)
		return v;
	char *u = g_strdup(dashed);
	for (char *p = u; *p; p++)
		if (*p == '-')
			*p = '_';
	v = cib_xml_attr(op, u);
	g_free(u);
	return v;
}

/* Shared with crm_view_master.c and crm_view_ops.c. */
struct view_rsc *view_new_rsc(enum view_kind k, const char *id)
{
	return new_rsc(k, id);
}

int view_base_eq(const char *lrm_id, const char *rsc_id)
{
	return base_eq(lrm_id, rsc_id);
}

int view_on(struct view_rsc *r, struct view_node *n)
{
	return on(r, n);
}
