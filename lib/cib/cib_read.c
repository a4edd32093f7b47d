/* Reads a cib.xml document into the struct cib model, accepting both the
 * heartbeat 2.x (0.6) spelling and pacemaker-1.0..3.x.  Every element or
 * attribute outside the supported subset becomes a diagnostic naming it;
 * nothing is silently dropped.  Pure: no file writes, no global state. */
#include <stdlib.h>
#include <string.h>
#include <libxml/parser.h>
#include <libxml/xmlreader.h>
#include "cib/cib.h"

struct rd {
	struct cib *c;
	GHashTable *ids;           /* id -> xmlNode, configuration section only */
};

static const char *attr(xmlNodePtr n, const char *name)
{
	/* libxml2 returns xmlChar*; we keep pointers into the tree's own
	 * attribute values to avoid a copy per lookup (hot for big status). */
	for (xmlAttrPtr a = n->properties; a; a = a->next)
		if (strcmp((const char *)a->name, name) == 0 && a->children &&
		    a->children->type == XML_TEXT_NODE)
			return (const char *)a->children->content;
		else if (strcmp((const char *)a->name, name) == 0)
			return "";
	return NULL;
}

/* Dashed name first, then the v2 underscore spelling. */
static const char *attr2(xmlNodePtr n, const char *dashed)
{
	const char *v = attr(n, dashed);
	if (v)
		return v;
	char *u = g_strdup(dashed);
	for (char *p = u; *p; p++)
		if (*p == '-')
			*p = '_';
	v = attr(n, u);
	g_free(u);
	return v;
}

static int is_el(xmlNodePtr n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

static const char *nid(xmlNodePtr n)
{
	const char *id = attr(n, "id");
	return id ? id : "(no id)";
}

static char *dashify(const char *s)
{
	char *d = g_strdup(s);
	for (char *p = d; *p; p++)
		if (*p == '_')
			*p = '-';
	return d;
}

static void collect_ids(struct rd *r, xmlNodePtr n, int depth)
{
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		const char *id = attr(n, "id");
		/* A resource set's <resource_ref id=X> names a resource; it
		 * defines no id of its own. */
		if (id && !attr(n, "id-ref") && !is_el(n, "resource_ref")) {
			if (g_hash_table_contains(r->ids, id) && !is_el(n, "node"))
				cib_diag_add(r->c, CIB_ERROR, "%s id=\"%s\": duplicate id (also used by a <%s>)",
					     (const char *)n->name, id,
					     (const char *)((xmlNodePtr)g_hash_table_lookup(r->ids, id))->name);
			else
				g_hash_table_insert(r->ids, (gpointer)id, n);
		}
		if (depth < 64)
			collect_ids(r, n->children, depth + 1);
	}
}

static xmlNodePtr deref(struct rd *r, xmlNodePtr n)
{
	const char *ref = attr(n, "id-ref");
	if (!ref)
		return n;
	xmlNodePtr t = g_hash_table_lookup(r->ids, ref);
	if (!t)
		cib_diag_add(r->c, CIB_ERROR, "<%s id-ref=\"%s\">: no element with that id",
			     (const char *)n->name, ref);
	return t;
}

/* Reads the nvpairs of one set (meta_attributes, instance_attributes,
 * cluster_property_set...) into l; the first value for a name wins. */
static void read_nvset(struct rd *r, xmlNodePtr set, struct cib_nvlist *l, int dash)
{
	set = deref(r, set);
	if (!set)
		return;
	for (xmlNodePtr n = set->children; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (is_el(n, "attributes")) {
			read_nvset(r, n, l, dash);
			continue;
		}
		if (is_el(n, "rule")) {
			cib_diag_add(r->c, CIB_WARNING,
				     "<%s id=\"%s\">: rules inside attribute sets are not supported; the set is read as if the rule were true",
				     (const char *)set->name, nid(set));
			continue;
		}
		if (!is_el(n, "nvpair")) {
			cib_diag_add(r->c, CIB_ERROR, "<%s id=\"%s\">: unexpected child <%s>",
				     (const char *)set->name, nid(set), (const char *)n->name);
			continue;
		}
		xmlNodePtr src = deref(r, n);
		if (!src)
			continue;
		const char *name = attr(n, "name");
		if (!name)
			name = attr(src, "name");
		const char *value = attr(src, "value");
		if (!name) {
			cib_diag_add(r->c, CIB_ERROR, "<nvpair id=\"%s\">: missing name", nid(n));
			continue;
		}
		char *nm = dash ? dashify(name) : g_strdup(name);
		if (!cib_nv_get(l, nm))
			cib_nv_set(l, nm, value ? value : "");
		g_free(nm);
	}
}

static void read_sets(struct rd *r, xmlNodePtr parent, const char *elname,
		      struct cib_nvlist *l, int dash)
{
	for (xmlNodePtr n = parent->children; n; n = n->next)
		if (is_el(n, elname))
			read_nvset(r, n, l, dash);
}

static void read_crm_config(struct rd *r, xmlNodePtr cfg)
{
	for (xmlNodePtr n = cfg->children; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (is_el(n, "cluster_property_set"))
			read_nvset(r, n, &r->c->options, 1);
		else
			cib_diag_add(r->c, CIB_ERROR, "<crm_config>: unexpected child <%s>",
				     (const char *)n->name);
	}
}

static void read_nodes(struct rd *r, xmlNodePtr nodes)
{
	for (xmlNodePtr n = nodes->children; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (!is_el(n, "node")) {
			cib_diag_add(r->c, CIB_ERROR, "<nodes>: unexpected child <%s>", (const char *)n->name);
			continue;
		}
		struct cib_node *nd = g_new0(struct cib_node, 1);
		nd->id = g_strdup(attr(n, "id"));
		nd->uname = g_strdup(attr(n, "uname") ? attr(n, "uname") : attr(n, "id"));
		nd->type = g_strdup(attr(n, "type"));
		if (!nd->id)
			cib_diag_add(r->c, CIB_ERROR, "<node uname=\"%s\">: missing id", nd->uname ? nd->uname : "?");
		if (!nd->uname) {
			cib_diag_add(r->c, CIB_ERROR, "<node>: missing uname and id; ignored");
			g_free(nd->id);
			g_free(nd->type);
			g_free(nd);
			continue;
		}
		if (nd->type && strcmp(nd->type, "normal") && strcmp(nd->type, "member") &&
		    strcmp(nd->type, "ping"))
			cib_diag_add(r->c, CIB_WARNING, "<node id=\"%s\">: node type \"%s\" is not supported",
				     nid(n), nd->type);
		read_sets(r, n, "instance_attributes", &nd->attrs, 0);
		read_sets(r, n, "utilization", &nd->utilization, 0);
		for (xmlNodePtr k = n->children; k; k = k->next)
			if (k->type == XML_ELEMENT_NODE && !is_el(k, "instance_attributes") && !is_el(k, "utilization"))
				cib_diag_add(r->c, CIB_WARNING, "<node id=\"%s\">: <%s> is not supported; ignored",
					     nid(n), (const char *)k->name);
		g_ptr_array_add(r->c->nodes, nd);
	}
}

/* v2 put resource options as XML attributes or as instance attributes. */
static const char *const v2_meta_params[] = {
	"target_role", "resource_stickiness", "clone_max", "clone_node_max", "master_max",
	"master_node_max", "globally_unique", "allow_migrate", "is_managed", NULL
};
static const char *const v2_meta_xml_attrs[] = {
	"is_managed", "resource_stickiness", "restart_type", "multiple_active", "notify",
	"globally_unique", "ordered", "interleave", "collocated", "is-managed",
	"resource-stickiness", "target-role", "target_role", NULL
};

static void v2_fixups(struct cib_rsc *rs, xmlNodePtr n)
{
	for (int i = 0; v2_meta_xml_attrs[i]; i++) {
		const char *v = attr(n, v2_meta_xml_attrs[i]);
		if (v) {
			char *d = dashify(v2_meta_xml_attrs[i]);
			if (!cib_nv_get(&rs->meta, d))
				cib_nv_set(&rs->meta, d, v);
			g_free(d);
		}
	}
	for (int i = 0; v2_meta_params[i]; i++) {
		const char *v = cib_nv_get(&rs->params, v2_meta_params[i]);
		if (v) {
			char *d = dashify(v2_meta_params[i]);
			if (!cib_nv_get(&rs->meta, d))
				cib_nv_set(&rs->meta, d, v);
			g_free(d);
			cib_nv_unset(&rs->params, v2_meta_params[i]);
		}
	}
}

static void op_free(gpointer p)
{
	struct cib_op *o = p;
	g_free(o->id);
	g_free(o->name);
	g_free(o->on_fail);
	g_free(o->role);
	g_free(o);
}

static void read_ops(struct rd *r, struct cib_rsc *rs, xmlNodePtr ops)
{
	ops = deref(r, ops);
	if (!ops)
		return;
	for (xmlNodePtr n = ops->children; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (!is_el(n, "op")) {
			cib_diag_add(r->c, CIB_ERROR, "<primitive id=\"%s\">: unexpected <%s> in <operations>",
				     rs->id, (const char *)n->name);
			continue;
		}
		xmlNodePtr src = deref(r, n);
		if (!src)
			continue;
		struct cib_op *o = g_new0(struct cib_op, 1);
		o->id = g_strdup(nid(src));
		o->name = g_strdup(attr(src, "name"));
		o->interval_ms = cib_parse_interval(attr(src, "interval"));
		o->on_fail = g_strdup(attr2(src, "on-fail"));
		o->role = g_strdup(attr(src, "role"));
		const char *to = attr(src, "timeout"), *sd = attr2(src, "start-delay");
		o->timeout_ms = to ? cib_parse_interval(to) : -1;
		o->start_delay_ms = sd ? cib_parse_interval(sd) : -1;
		const char *en = attr(src, "enabled"), *dis = attr(src, "disabled");
		o->enabled = en ? cib_is_true(en) : !(dis && cib_is_true(dis));
		if (!o->name) {
			cib_diag_add(r->c, CIB_ERROR, "<op id=\"%s\">: missing name", o->id);
			op_free(o);
			continue;
		}
		if (o->interval_ms < 0) {
			cib_diag_add(r->c, CIB_ERROR, "<op id=\"%s\">: invalid interval \"%s\"", o->id,
				     attr(src, "interval"));
			o->interval_ms = 0;
		}
		if (strcmp(o->name, "start") && strcmp(o->name, "stop") && strcmp(o->name, "monitor"))
			cib_diag_add(r->c, CIB_WARNING, "<op id=\"%s\">: operation \"%s\" is not supported; ignored",
				     o->id, o->name);
		if (o->on_fail && strcmp(o->on_fail, "restart") && strcmp(o->on_fail, "block") &&
		    strcmp(o->on_fail, "stop") && strcmp(o->on_fail, "ignore") &&
		    strcmp(o->on_fail, "fence") && strcmp(o->on_fail, "standby"))
			cib_diag_add(r->c, CIB_ERROR, "<op id=\"%s\">: invalid on-fail \"%s\"", o->id, o->on_fail);
		if (o->role)
			cib_diag_add(r->c, CIB_WARNING, "<op id=\"%s\">: role-specific operations are not supported",
				     o->id);
		g_ptr_array_add(rs->ops, o);
	}
}

static struct cib_rsc *read_rsc(struct rd *r, xmlNodePtr n, struct cib_rsc *parent);

static struct cib_rsc *new_rsc(enum cib_rsc_kind k, xmlNodePtr n, struct cib_rsc *parent)
{
	struct cib_rsc *rs = g_new0(struct cib_rsc, 1);
	rs->kind = k;
	rs->id = g_strdup(nid(n));
	rs->parent = parent;
	rs->ops = g_ptr_array_new_with_free_func(op_free);
	rs->children = g_ptr_array_new();
	return rs;
}

static struct cib_rsc *read_rsc(struct rd *r, xmlNodePtr n, struct cib_rsc *parent)
{
	struct cib_rsc *rs;
	if (is_el(n, "primitive")) {
		rs = new_rsc(CIB_PRIMITIVE, n, parent);
		rs->cls = g_strdup(attr(n, "class"));
		rs->provider = g_strdup(attr(n, "provider"));
		rs->type = g_strdup(attr(n, "type"));
		if (!rs->cls || !rs->type)
			cib_diag_add(r->c, CIB_ERROR, "<primitive id=\"%s\">: missing %s", rs->id,
				     !rs->cls ? "class" : "type");
		else if (!strcmp(rs->cls, "ocf") && !rs->provider)
			cib_diag_add(r->c, CIB_ERROR, "<primitive id=\"%s\">: class ocf requires a provider", rs->id);
		else if (strcmp(rs->cls, "ocf") && strcmp(rs->cls, "lsb") && strcmp(rs->cls, "heartbeat") &&
			 strcmp(rs->cls, "stonith") && strcmp(rs->cls, "service") && strcmp(rs->cls, "systemd"))
			cib_diag_add(r->c, CIB_WARNING, "<primitive id=\"%s\">: class \"%s\" is not supported",
				     rs->id, rs->cls);
		if (attr(n, "template"))
			cib_diag_add(r->c, CIB_WARNING, "<primitive id=\"%s\">: templates are not supported", rs->id);
	} else if (is_el(n, "group")) {
		rs = new_rsc(CIB_GROUP, n, parent);
	} else if (is_el(n, "clone") || is_el(n, "master") || is_el(n, "master_slave")) {
		/* master (v2 master_slave) is a clone that can promote:
		 * read as a clone with promotable=true, as Pacemaker 2 does. */
		rs = new_rsc(CIB_CLONE, n, parent);
		if (!is_el(n, "clone"))
			rs->promotable = 1;
	} else {
		cib_diag_add(r->c, CIB_WARNING, "<%s id=\"%s\">: resource type not supported; ignored",
			     (const char *)n->name, nid(n));
		return NULL;
	}
	if (!attr(n, "id"))
		cib_diag_add(r->c, CIB_ERROR, "<%s>: missing id", (const char *)n->name);
	read_sets(r, n, "meta_attributes", &rs->meta, 1);
	read_sets(r, n, "instance_attributes", &rs->params, 0);
	if (rs->kind == CIB_CLONE && cib_nv_get(&rs->meta, "promotable") &&
	    cib_is_true(cib_nv_get(&rs->meta, "promotable")))
		rs->promotable = 1;
	if (r->c->legacy) {
		v2_fixups(rs, n);
	} else {
		/* Pacemaker still honours the v2 spelling target_role among the
		 * instance attributes of newer files (and nothing else there). */
		const char *tr = cib_nv_get(&rs->params, "target_role");
		if (tr && !cib_nv_get(&rs->meta, "target-role"))
			cib_nv_set(&rs->meta, "target-role", tr);
	}
	for (xmlNodePtr k = n->children; k; k = k->next) {
		if (k->type != XML_ELEMENT_NODE || is_el(k, "meta_attributes") ||
		    is_el(k, "instance_attributes"))
			continue;
		if (is_el(k, "operations") && rs->kind == CIB_PRIMITIVE) {
			read_ops(r, rs, k);
		} else if (rs->kind == CIB_GROUP && is_el(k, "primitive")) {
			struct cib_rsc *c = read_rsc(r, k, rs);
			if (c)
				g_ptr_array_add(rs->children, c);
		} else if (rs->kind == CIB_CLONE && (is_el(k, "primitive") || is_el(k, "group"))) {
			struct cib_rsc *c = read_rsc(r, k, rs);
			if (c && rs->children->len)
				cib_diag_add(r->c, CIB_ERROR, "<clone id=\"%s\">: more than one child", rs->id);
			if (c)
				g_ptr_array_add(rs->children, c);
		} else if (is_el(k, "utilization")) {
			read_nvset(r, k, &rs->utilization, 0);
		} else {
			cib_diag_add(r->c, CIB_ERROR, "<%s id=\"%s\">: unexpected child <%s>",
				     (const char *)n->name, rs->id, (const char *)k->name);
		}
	}
	if (rs->kind != CIB_PRIMITIVE && rs->children->len == 0)
		cib_diag_add(r->c, CIB_ERROR, "<%s id=\"%s\">: has no resources",
			     (const char *)n->name, rs->id);
	if (rs->kind == CIB_CLONE) {
		const char *gu = cib_nv_get(&rs->meta, "globally-unique");
		if (gu && cib_is_true(gu))
			cib_diag_add(r->c, CIB_WARNING,
				     "<clone id=\"%s\">: globally-unique clones are not supported; treated as anonymous", rs->id);
	}
	return rs;
}

static void read_resources(struct rd *r, xmlNodePtr res)
{
	for (xmlNodePtr n = res->children; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		struct cib_rsc *rs = read_rsc(r, n, NULL);
		if (rs)
			g_ptr_array_add(r->c->resources, rs);
	}
}

static const char *const expr_ops[] = { "eq", "ne", "lt", "gt", "lte", "gte", "defined", "not_defined", NULL };
static const char *const expr_types[] = { "", "string", "integer", "number", "version", NULL };

static int word_index(const char *const *words, const char *w)
{
	for (int i = 0; words[i]; i++)
		if (!g_ascii_strcasecmp(words[i], w))
			return i;
	return -1;
}

/* A <rule> with its expressions, date expressions and nested rules
 * (pacemaker-1.0 rule.rng). */
static struct cib_rule *parse_rule(struct rd *r, xmlNodePtr n, int depth)
{
	n = deref(r, n);
	if (!n)
		return NULL;
	struct cib_rule *ru = g_new0(struct cib_rule, 1);
	ru->id = g_strdup(nid(n));
	ru->exprs = g_ptr_array_new();
	ru->rules = g_ptr_array_new();
	const char *sc = attr(n, "score");
	int ok = 1;
	if (sc)
		ru->score = cib_parse_score(sc, &ok);
	else
		ru->score_attr = g_strdup(attr2(n, "score-attribute"));
	if (!ok)
		cib_diag_add(r->c, CIB_ERROR, "<rule id=\"%s\">: invalid score \"%s\"", ru->id, sc);
	const char *bop = attr2(n, "boolean-op");
	ru->is_or = bop && !strcmp(bop, "or");
	if (bop && strcmp(bop, "or") && strcmp(bop, "and"))
		cib_diag_add(r->c, CIB_ERROR, "<rule id=\"%s\">: invalid boolean-op \"%s\" (expected and or or)",
			     ru->id, bop);
	ru->role = g_strdup(attr(n, "role"));
	for (xmlNodePtr k = n->children; k; k = k->next) {
		if (k->type != XML_ELEMENT_NODE)
			continue;
		if (is_el(k, "rule")) {
			struct cib_rule *sub = depth < 32 ? parse_rule(r, k, depth + 1) : NULL;
			if (sub)
				g_ptr_array_add(ru->rules, sub);
			else
				g_ptr_array_add(ru->exprs, NULL);
			continue;
		}
		if (is_el(k, "date_expression")) {
			xmlNodePtr e = deref(r, k);
			char *why = NULL;
			struct cib_date *d = e ? cib_date_read(e, &why) : NULL;
			if (!d) {
				if (why)
					cib_diag_add(r->c, CIB_ERROR, "<date_expression id=\"%s\">: %s; it never matches",
						     e ? nid(e) : "?", why);
				g_free(why);
				g_ptr_array_add(ru->exprs, NULL);
				continue;
			}
			struct cib_expr *x = g_new0(struct cib_expr, 1);
			x->attr = g_strdup("");
			x->value = g_strdup("");
			x->date = d;
			g_ptr_array_add(ru->exprs, x);
			continue;
		}
		if (!is_el(k, "expression")) {
			cib_diag_add(r->c, CIB_WARNING, "<rule id=\"%s\">: <%s> is not supported; it never matches",
				     ru->id, (const char *)k->name);
			g_ptr_array_add(ru->exprs, NULL);
			continue;
		}
		xmlNodePtr e = deref(r, k);
		if (!e)
			continue;
		const char *a = attr(e, "attribute"), *op = attr(e, "operation"), *v = attr(e, "value");
		const char *ty = attr(e, "type");
		int o = op ? word_index(expr_ops, op) : -1;
		int t = ty ? word_index(expr_types, ty) : 0;
		if (!a || o < 0 || (ty && t <= 0) || (o < CIB_DEFINED && !v)) {
			cib_diag_add(r->c, CIB_ERROR,
				     "<expression id=\"%s\">: expected attribute, operation (lt gt lte gte eq ne defined "
				     "not_defined), a value, type string|integer|number|version (got %s %s %s %s); "
				     "it never matches",
				     nid(e), a ? a : "?", op ? op : "?", v ? v : "?", ty ? ty : "-");
			g_ptr_array_add(ru->exprs, NULL);
			continue;
		}
		struct cib_expr *x = g_new0(struct cib_expr, 1);
		x->attr = g_strdup(a);
		x->value = g_strdup(v ? v : "");
		x->op = (enum cib_expr_op)o;
		x->type = (enum cib_expr_type)t;
		g_ptr_array_add(ru->exprs, x);
	}
	return ru;
}

static void read_rule(struct rd *r, struct cib_location *l, xmlNodePtr n)
{
	struct cib_rule *ru = parse_rule(r, n, 0);
	if (ru)
		g_ptr_array_add(l->rules, ru);
}

/* One <resource_set>: its members in order and whether they are sequential. */
struct rset {
	GPtrArray *ids;   /* const char * (document strings) */
	int sequential;
	const char *action;
};

static GPtrArray *read_rsets(struct rd *r, xmlNodePtr n)
{
	GPtrArray *sets = g_ptr_array_new();
	for (xmlNodePtr k = n->children; k; k = k->next) {
		if (k->type != XML_ELEMENT_NODE || !is_el(k, "resource_set"))
			continue;
		xmlNodePtr sn = deref(r, k);
		if (!sn)
			continue;
		struct rset *st = g_new0(struct rset, 1);
		st->ids = g_ptr_array_new();
		const char *sq = attr(sn, "sequential");
		st->sequential = sq ? cib_is_true(sq) : 1;
		st->action = attr(sn, "action");
		if (attr(sn, "require-all") || attr(sn, "role"))
			cib_diag_add(r->c, CIB_WARNING, "<resource_set id=\"%s\">: require-all/role not supported", nid(sn));
		for (xmlNodePtr m = sn->children; m; m = m->next)
			if (m->type == XML_ELEMENT_NODE && is_el(m, "resource_ref") && attr(m, "id"))
				g_ptr_array_add(st->ids, (gpointer)attr(m, "id"));
		if (st->ids->len)
			g_ptr_array_add(sets, st);
		else
			g_ptr_array_free(st->ids, TRUE), g_free(st);
	}
	return sets;
}

static void free_rsets(GPtrArray *sets)
{
	for (guint i = 0; i < sets->len; i++) {
		struct rset *st = g_ptr_array_index(sets, i);
		g_ptr_array_free(st->ids, TRUE);
		g_free(st);
	}
	g_ptr_array_free(sets, TRUE);
}

static void add_coloc_pair(struct rd *r, const struct cib_colocation *t, const char *rsc, const char *with, int *k)
{
	struct cib_colocation *co = g_new0(struct cib_colocation, 1);
	co->id = g_strdup_printf("%s-%d", t->id, (*k)++);
	co->rsc = g_strdup(rsc);
	co->with = g_strdup(with);
	co->score = t->score;
	g_ptr_array_add(r->c->colocations, co);
}

/* Colocation sets as Pacemaker reads them: in a sequential set each member
 * lives with the one before it (with a negative score, apart from every
 * member before it: only that keeps any two of the set apart); between two
 * sets the earlier set lives with the later (its first member with the
 * later's last when both are sequential, else member by member). */
static void expand_coloc_sets(struct rd *r, const struct cib_colocation *t, GPtrArray *sets)
{
	int k = 0;
	for (guint i = 0; i < sets->len; i++) {
		struct rset *st = g_ptr_array_index(sets, i);
		if (st->sequential)
			for (guint m = 1; m < st->ids->len; m++)
				for (guint j = t->score < 0 ? 0 : m - 1; j < m; j++)
					add_coloc_pair(r, t, g_ptr_array_index(st->ids, m), g_ptr_array_index(st->ids, j),
						       &k);
		if (i + 1 == sets->len)
			continue;
		struct rset *nx = g_ptr_array_index(sets, i + 1);
		guint a0 = 0, a1 = st->sequential ? 1 : st->ids->len;
		guint b0 = nx->sequential ? nx->ids->len - 1 : 0, b1 = nx->ids->len;
		for (guint a = a0; a < a1; a++)
			for (guint b = b0; b < b1; b++)
				add_coloc_pair(r, t, g_ptr_array_index(st->ids, a), g_ptr_array_index(nx->ids, b), &k);
	}
}

static void add_order_pair(struct rd *r, const struct cib_order *t, const char *first, const char *fa,
			   const char *then, const char *ta, int *k)
{
	struct cib_order *o = g_new0(struct cib_order, 1);
	o->id = g_strdup_printf("%s-%d", t->id, (*k)++);
	o->first = g_strdup(first);
	o->then = g_strdup(then);
	o->first_action = g_strdup(fa);
	o->then_action = g_strdup(ta);
	o->mandatory = t->mandatory;
	o->symmetrical = t->symmetrical;
	g_ptr_array_add(r->c->orders, o);
}

/* Ordered sets: a sequential set is a chain; between two sets the earlier
 * set's last member (all members when not sequential) goes before the
 * later's first (all when not sequential). */
static void expand_order_sets(struct rd *r, const struct cib_order *t, GPtrArray *sets)
{
	int k = 0;
	for (guint i = 0; i < sets->len; i++) {
		struct rset *st = g_ptr_array_index(sets, i);
		if (st->sequential)
			for (guint m = 1; m < st->ids->len; m++)
				add_order_pair(r, t, g_ptr_array_index(st->ids, m - 1), st->action,
					       g_ptr_array_index(st->ids, m), st->action, &k);
		if (i + 1 == sets->len)
			continue;
		struct rset *nx = g_ptr_array_index(sets, i + 1);
		guint a0 = st->sequential ? st->ids->len - 1 : 0, a1 = st->ids->len;
		guint b0 = 0, b1 = nx->sequential ? 1 : nx->ids->len;
		for (guint a = a0; a < a1; a++)
			for (guint b = b0; b < b1; b++)
				add_order_pair(r, t, g_ptr_array_index(st->ids, a), st->action,
					       g_ptr_array_index(nx->ids, b), nx->action, &k);
	}
}

static void read_constraints(struct rd *r, xmlNodePtr cons)
{
	for (xmlNodePtr n = cons->children; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		int ok = 1;
		const char *sc;
		if (is_el(n, "rsc_location")) {
			struct cib_location *l = g_new0(struct cib_location, 1);
			l->id = g_strdup(nid(n));
			l->rsc = g_strdup(attr(n, "rsc"));
			l->node = g_strdup(attr(n, "node"));
			l->rules = g_ptr_array_new();
			sc = attr(n, "score");
			if (l->node) {
				l->score = cib_parse_score(sc, &ok);
				if (!ok)
					cib_diag_add(r->c, CIB_ERROR, "<rsc_location id=\"%s\">: invalid score \"%s\"",
						     l->id, sc ? sc : "");
			}
			l->role = g_strdup(attr(n, "role"));
			if (attr(n, "rsc-pattern"))
				cib_diag_add(r->c, CIB_WARNING, "<rsc_location id=\"%s\">: rsc-pattern not supported", l->id);
			for (xmlNodePtr k = n->children; k; k = k->next)
				if (is_el(k, "rule"))
					read_rule(r, l, k);
				else if (k->type == XML_ELEMENT_NODE)
					cib_diag_add(r->c, CIB_WARNING, "<rsc_location id=\"%s\">: <%s> is not supported",
						     l->id, (const char *)k->name);
			if (!l->rsc)
				cib_diag_add(r->c, CIB_ERROR, "<rsc_location id=\"%s\">: missing rsc", l->id);
			if (!l->node && l->rules->len == 0)
				cib_diag_add(r->c, CIB_ERROR, "<rsc_location id=\"%s\">: needs node+score or a rule", l->id);
			g_ptr_array_add(r->c->locations, l);
		} else if (is_el(n, "rsc_colocation")) {
			struct cib_colocation *co = g_new0(struct cib_colocation, 1);
			co->id = g_strdup(nid(n));
			co->rsc = g_strdup(attr(n, "rsc") ? attr(n, "rsc") : attr(n, "from"));
			co->with = g_strdup(attr(n, "with-rsc") ? attr(n, "with-rsc") : attr(n, "to"));
			sc = attr(n, "score");
			co->score = cib_parse_score(sc, &ok);
			if (!ok)
				cib_diag_add(r->c, CIB_ERROR, "<rsc_colocation id=\"%s\">: invalid score \"%s\"",
					     co->id, sc ? sc : "");
			co->rsc_role = g_strdup(attr2(n, "rsc-role"));
			co->with_role = g_strdup(attr2(n, "with-rsc-role"));
			if (attr2(n, "node-attribute"))
				cib_diag_add(r->c, CIB_WARNING, "<rsc_colocation id=\"%s\">: node-attribute not supported", co->id);
			GPtrArray *sets = !co->rsc && !co->with ? read_rsets(r, n) : NULL;
			if (sets && sets->len) {
				expand_coloc_sets(r, co, sets);
				g_free(co->id);
				g_free(co);
				co = NULL;
			} else if (!co->rsc || !co->with) {
				cib_diag_add(r->c, CIB_ERROR,
					     "<rsc_colocation id=\"%s\">: expected rsc and with-rsc, or resource sets", co->id);
			}
			if (sets)
				free_rsets(sets);
			if (co)
				g_ptr_array_add(r->c->colocations, co);
		} else if (is_el(n, "rsc_order")) {
			struct cib_order *o = g_new0(struct cib_order, 1);
			o->id = g_strdup(nid(n));
			if (attr(n, "first")) {
				o->first = g_strdup(attr(n, "first"));
				o->then = g_strdup(attr(n, "then"));
				o->first_action = g_strdup(attr(n, "first-action"));
				o->then_action = g_strdup(attr(n, "then-action"));
			} else {
				const char *from = attr(n, "from"), *to = attr(n, "to");
				const char *type = attr(n, "type");
				int before = type && !strcmp(type, "before");
				o->first = g_strdup(before ? from : to);
				o->then = g_strdup(before ? to : from);
				o->first_action = g_strdup(before ? attr(n, "action") : attr(n, "to_action"));
				o->then_action = g_strdup(before ? attr(n, "to_action") : attr(n, "action"));
			}
			const char *kind = attr(n, "kind");
			sc = attr(n, "score");
			if (kind)
				o->mandatory = !strcmp(kind, "Mandatory");
			else if (sc) {
				int s = cib_parse_score(sc, &ok);
				o->mandatory = s > 0;
				if (!ok)
					cib_diag_add(r->c, CIB_ERROR, "<rsc_order id=\"%s\">: invalid score \"%s\"", o->id, sc);
			} else
				o->mandatory = 1;
			if (kind && strcmp(kind, "Mandatory") && strcmp(kind, "Optional"))
				cib_diag_add(r->c, CIB_WARNING, "<rsc_order id=\"%s\">: kind \"%s\" not supported", o->id, kind);
			const char *sym = attr(n, "symmetrical");
			o->symmetrical = sym ? cib_is_true(sym) : 1;
			GPtrArray *sets = !o->first && !o->then ? read_rsets(r, n) : NULL;
			if (sets && sets->len) {
				expand_order_sets(r, o, sets);
				g_free(o->id);
				g_free(o->first_action);
				g_free(o->then_action);
				g_free(o);
				o = NULL;
			} else if (!o->first || !o->then) {
				cib_diag_add(r->c, CIB_ERROR,
					     "<rsc_order id=\"%s\">: expected first and then, or resource sets", o->id);
			}
			if (sets)
				free_rsets(sets);
			if (o)
				g_ptr_array_add(r->c->orders, o);
		} else {
			cib_diag_add(r->c, CIB_WARNING, "<%s id=\"%s\">: constraint type not supported; ignored",
				     (const char *)n->name, nid(n));
		}
	}
}

void cib_lrm_op_free(gpointer p)
{
	struct cib_lrm_op *o = p;
	g_free(o->id);
	g_free(o->operation);
	g_free(o->digest);
	g_free(o->migrate_source);
	g_free(o->migrate_target);
	g_free(o);
}

static void read_lrm(struct rd *r, struct cib_node_state *st, xmlNodePtr lrm)
{
	for (xmlNodePtr rs = lrm->children; rs; rs = rs->next) {
		if (!is_el(rs, "lrm_resources"))
			continue;
		for (xmlNodePtr n = rs->children; n; n = n->next) {
			if (!is_el(n, "lrm_resource"))
				continue;
			struct cib_lrm_rsc *lr = g_new0(struct cib_lrm_rsc, 1);
			lr->id = g_strdup(nid(n));
			lr->cls = g_strdup(attr(n, "class"));
			lr->provider = g_strdup(attr(n, "provider"));
			lr->type = g_strdup(attr(n, "type"));
			lr->ops = g_ptr_array_new_with_free_func(cib_lrm_op_free);
			for (xmlNodePtr k = n->children; k; k = k->next) {
				if (!is_el(k, "lrm_rsc_op"))
					continue;
				struct cib_lrm_op *o = g_new0(struct cib_lrm_op, 1);
				o->expected_rc = -1;
				/* One pass over the attributes: status sections are
				 * large (tens of thousands of ops). */
				const char *key = NULL, *lrc = NULL, *lrun = NULL;
				for (xmlAttrPtr a = k->properties; a; a = a->next) {
					const char *an = (const char *)a->name;
					const char *v = a->children && a->children->type == XML_TEXT_NODE ?
							(const char *)a->children->content : "";
					char c0 = an[0];
					if (c0 == 'i' && !strcmp(an, "id"))
						o->id = g_strdup(v);
					else if (c0 == 'i' && !strcmp(an, "interval"))
						o->interval_ms = strtoll(v, NULL, 10);
					else if (c0 == 'o' && !strcmp(an, "operation"))
						o->operation = g_strdup(v);
					else if (c0 == 'o' && (!strcmp(an, "op-status") || !strcmp(an, "op_status")))
						o->op_status = atoi(v);
					else if (c0 == 'o' && (!strcmp(an, "op-digest") || !strcmp(an, "op_digest")))
						o->digest = g_strdup(v);
					else if (c0 == 'c' && (!strcmp(an, "call-id") || !strcmp(an, "call_id")))
						o->call_id = atoi(v);
					else if (c0 == 'r' && (!strcmp(an, "rc-code") || !strcmp(an, "rc_code")))
						o->rc = atoi(v);
					else if (c0 == 't' && (!strcmp(an, "transition-key") || !strcmp(an, "transition_key")))
						key = v;
					else if (c0 == 'l' && !strcmp(an, "last-rc-change"))
						lrc = v;
					else if (c0 == 'l' && !strcmp(an, "last-run"))
						lrun = v;
					else if (c0 == 'm' && !strcmp(an, "migrate_source"))
						o->migrate_source = g_strdup(v);
					else if (c0 == 'm' && !strcmp(an, "migrate_target"))
						o->migrate_target = g_strdup(v);
				}
				if (!o->id)
					o->id = g_strdup("(no id)");
				o->last_rc_change = lrc ? strtoll(lrc, NULL, 10) : (lrun ? strtoll(lrun, NULL, 10) : 0);
				if (key) {
					/* action:transition:expected-rc:uuid; v2 had no rc. */
					const char *c1 = strchr(key, ':'), *c2 = c1 ? strchr(c1 + 1, ':') : NULL;
					const char *c3 = c2 ? strchr(c2 + 1, ':') : NULL;
					if (c3)
						o->expected_rc = atoi(c2 + 1);
					else if (c2)
						o->expected_rc = (o->operation && !strcmp(o->operation, "monitor") &&
								  o->interval_ms == 0) ? 7 : 0;
				}
				if (!o->operation) {
					cib_diag_add(r->c, CIB_ERROR, "<lrm_rsc_op id=\"%s\">: missing operation", o->id);
					cib_lrm_op_free(o);
					continue;
				}
				g_ptr_array_add(lr->ops, o);
			}
			g_ptr_array_add(st->lrm, lr);
		}
	}
}

static void read_node_state(struct rd *r, xmlNodePtr n)
{
	{
		struct cib_node_state *st = g_new0(struct cib_node_state, 1);
		st->id = g_strdup(attr(n, "id"));
		st->uname = g_strdup(attr(n, "uname"));
		st->in_ccm = g_strdup(attr(n, "in_ccm"));
		st->crmd = g_strdup(attr(n, "crmd"));
		st->join = g_strdup(attr(n, "join"));
		st->expected = g_strdup(attr(n, "expected"));
		st->ha = g_strdup(attr(n, "ha"));
		const char *sd = attr(n, "shutdown");
		st->shutdown = sd ? strtoll(sd, NULL, 10) : 0;
		st->lrm = g_ptr_array_new();
		for (xmlNodePtr k = n->children; k; k = k->next) {
			if (is_el(k, "transient_attributes"))
				read_sets(r, k, "instance_attributes", &st->attrs, 0);
			else if (is_el(k, "lrm"))
				read_lrm(r, st, k);
		}
		if (!st->uname) {
			/* Pacemaker matches node_state to nodes by id. */
			for (guint i = 0; i < r->c->nodes->len && !st->uname; i++) {
				struct cib_node *nd = g_ptr_array_index(r->c->nodes, i);
				if (st->id && nd->id && !strcmp(nd->id, st->id))
					st->uname = g_strdup(nd->uname);
			}
		}
		if (!st->uname) {
			cib_diag_add(r->c, CIB_WARNING, "<node_state id=\"%s\">: matches no configured node; ignored",
				     st->id ? st->id : "?");
		}
		g_ptr_array_add(r->c->states, st);
	}
}

static void read_status(struct rd *r, xmlNodePtr status)
{
	for (xmlNodePtr n = status->children; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (!is_el(n, "node_state")) {
			cib_diag_add(r->c, CIB_WARNING, "<status>: unexpected <%s>", (const char *)n->name);
			continue;
		}
		read_node_state(r, n);
	}
}

static struct cib *new_cib(void)
{
	struct cib *c = g_new0(struct cib, 1);
	c->nodes = g_ptr_array_new();
	c->resources = g_ptr_array_new();
	c->locations = g_ptr_array_new();
	c->colocations = g_ptr_array_new();
	c->orders = g_ptr_array_new();
	c->states = g_ptr_array_new();
	c->diags = g_ptr_array_new();
	return c;
}

static int read_root(struct cib *c, xmlNodePtr root)
{
	if (!root || !is_el(root, "cib")) {
		cib_diag_add(c, CIB_ERROR, "document root is <%s>, expected <cib>",
			     root ? (const char *)root->name : "nothing");
		return -1;
	}
	const char *v;
	c->admin_epoch = (v = attr(root, "admin_epoch")) ? strtoll(v, NULL, 10) : 0;
	c->epoch = (v = attr(root, "epoch")) ? strtoll(v, NULL, 10) : 0;
	c->num_updates = (v = attr(root, "num_updates")) ? strtoll(v, NULL, 10) : 0;
	c->validate_with = g_strdup(attr(root, "validate-with"));
	c->feature_set = g_strdup(attr(root, "crm_feature_set"));
	c->dc_uuid = g_strdup(attr2(root, "dc-uuid"));
	c->legacy = !c->validate_with || !strncmp(c->validate_with, "transitional-0.6", 16) ||
		    !strcmp(c->validate_with, "pacemaker-0.6");
	v = attr2(root, "have-quorum");
	c->have_quorum = v ? cib_is_true(v) : 0;
	c->execution_date = (v = attr(root, "execution-date")) ? strtoll(v, NULL, 10) : 0;
	if (c->validate_with && !c->legacy && strncmp(c->validate_with, "pacemaker-", 10) &&
	    strcmp(c->validate_with, "none"))
		cib_diag_add(c, CIB_ERROR, "<cib>: unknown validate-with \"%s\"", c->validate_with);
	return 0;
}

static void read_config(struct rd *r, xmlNodePtr cfg)
{
	struct cib *c = r->c;
	collect_ids(r, cfg->children, 0);
	/* Nodes first: node_state and rules refer to them. */
	for (xmlNodePtr n = cfg->children; n; n = n->next)
		if (is_el(n, "nodes"))
			read_nodes(r, n);
	for (xmlNodePtr n = cfg->children; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE || is_el(n, "nodes"))
			continue;
		if (is_el(n, "crm_config"))
			read_crm_config(r, n);
		else if (is_el(n, "rsc_defaults"))
			read_sets(r, n, "meta_attributes", &c->rsc_defaults, 1);
		else if (is_el(n, "op_defaults"))
			read_sets(r, n, "meta_attributes", &c->op_defaults, 1);
		else if (is_el(n, "resources"))
			read_resources(r, n);
		else if (is_el(n, "constraints"))
			read_constraints(r, n);
		else
			cib_diag_add(c, CIB_WARNING, "<configuration>: <%s> is not supported; ignored",
				     (const char *)n->name);
	}
}

struct cib *cib_from_doc(xmlDocPtr doc)
{
	struct cib *c = new_cib();
	c->doc = doc;
	xmlNodePtr root = xmlDocGetRootElement(doc);
	if (read_root(c, root) < 0)
		return c;
	struct rd r = { c, g_hash_table_new(g_str_hash, g_str_equal) };
	xmlNodePtr cfg = NULL, status = NULL;
	for (xmlNodePtr n = root->children; n; n = n->next) {
		if (is_el(n, "configuration"))
			cfg = n;
		else if (is_el(n, "status"))
			status = n;
		else if (n->type == XML_ELEMENT_NODE)
			cib_diag_add(c, CIB_ERROR, "<cib>: unexpected child <%s>", (const char *)n->name);
	}
	if (!cfg)
		cib_diag_add(c, CIB_ERROR, "<cib>: missing <configuration>");
	else
		read_config(&r, cfg);
	if (status)
		read_status(&r, status);
	g_hash_table_destroy(r.ids);
	return c;
}

static struct cib *parse_result(xmlDocPtr doc, char **err)
{
	if (!doc) {
		const xmlError *e = xmlGetLastError();
		if (err) {
			char *m = g_strchomp(g_strdup(e && e->message ? e->message : "unreadable"));
			*err = g_strdup_printf("XML parse error: %s (line %d)", m, e ? e->line : 0);
			g_free(m);
		}
		return NULL;
	}
	return cib_from_doc(doc);
}

/* No network, no entity expansion beyond libxml2's default guards, and no
 * XML_PARSE_HUGE: nesting and text size stay bounded for hostile input. */
#define CIB_XML_OPTS (XML_PARSE_NONET | XML_PARSE_NOBLANKS | XML_PARSE_NOERROR | XML_PARSE_NOWARNING)

struct cib *cib_parse_file(const char *path, char **err)
{
	xmlResetLastError();
	return parse_result(xmlReadFile(path, NULL, CIB_XML_OPTS), err);
}

struct cib *cib_parse_memory(const char *buf, size_t len, char **err)
{
	xmlResetLastError();
	if (len > (size_t)INT32_MAX) {
		if (err)
			*err = g_strdup("input too large");
		return NULL;
	}
	return parse_result(xmlReadMemory(buf, (int)len, "cib.xml", NULL, CIB_XML_OPTS), err);
}

/* Read-only parse for the tools: the status section (most of a big CIB) is
 * read one node_state at a time and freed as the reader moves on, so peak
 * memory stays near the size of the model, not of the whole XML tree.  The
 * result has no document (c->doc is NULL) and cannot be saved. */
struct cib *cib_parse_file_ro(const char *path, char **err)
{
	xmlResetLastError();
	xmlTextReaderPtr rd = xmlReaderForFile(path, NULL, CIB_XML_OPTS);
	if (!rd) {
		if (err)
			*err = g_strdup_printf("cannot open %s", path);
		return NULL;
	}
	struct cib *c = new_cib();
	struct rd r = { c, g_hash_table_new(g_str_hash, g_str_equal) };
	int seen_root = 0, seen_cfg = 0;
	int ret = xmlTextReaderRead(rd);
	while (ret == 1) {
		if (xmlTextReaderNodeType(rd) != XML_READER_TYPE_ELEMENT) {
			ret = xmlTextReaderRead(rd);
			continue;
		}
		int depth = xmlTextReaderDepth(rd);
		const char *name = (const char *)xmlTextReaderConstName(rd);
		if (depth == 0) {
			seen_root = 1;
			if (read_root(c, xmlTextReaderCurrentNode(rd)) < 0)
				break;
			ret = xmlTextReaderRead(rd);
		} else if (depth == 1 && !strcmp(name, "configuration")) {
			xmlNodePtr cfg = xmlTextReaderExpand(rd);
			if (!cfg) {
				ret = -1;
				break;
			}
			seen_cfg = 1;
			read_config(&r, cfg);
			g_hash_table_remove_all(r.ids);
			ret = xmlTextReaderNext(rd);
		} else if (depth == 1 && !strcmp(name, "status") && !xmlTextReaderIsEmptyElement(rd)) {
			/* One node_state subtree at a time; the reader frees
			 * each one as it moves past it. */
			ret = xmlTextReaderRead(rd);
			while (ret == 1 && xmlTextReaderDepth(rd) > 1) {
				if (xmlTextReaderNodeType(rd) != XML_READER_TYPE_ELEMENT || xmlTextReaderDepth(rd) != 2) {
					ret = xmlTextReaderRead(rd);
					continue;
				}
				xmlNodePtr n = xmlTextReaderExpand(rd);
				if (!n) {
					ret = -1;
					break;
				}
				if (is_el(n, "node_state"))
					read_node_state(&r, n);
				else
					cib_diag_add(c, CIB_WARNING, "<status>: unexpected <%s>", (const char *)n->name);
				ret = xmlTextReaderNext(rd);
			}
		} else if (depth == 1 && strcmp(name, "status")) {
			cib_diag_add(c, CIB_ERROR, "<cib>: unexpected child <%s>", name);
			ret = xmlTextReaderNext(rd);
		} else {
			ret = xmlTextReaderRead(rd);
		}
	}
	g_hash_table_destroy(r.ids);
	xmlFreeTextReader(rd);
	if (ret < 0 || !seen_root) {
		const xmlError *e = xmlGetLastError();
		if (err) {
			char *m = g_strchomp(g_strdup(e && e->message ? e->message : "unreadable"));
			*err = g_strdup_printf("XML parse error: %s (line %d)", m, e ? e->line : 0);
			g_free(m);
		}
		cib_free(c);
		return NULL;
	}
	if (!seen_cfg)
		cib_diag_add(c, CIB_ERROR, "<cib>: missing <configuration>");
	return c;
}
