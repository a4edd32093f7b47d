/* Master/slave sets for the status view.  lib/pengine does not model them,
 * so their instances are replayed here from the history with 1.0's role
 * rules: start makes a Slave, promote (or a monitor answering 8) a Master,
 * demote a Slave again, stop or "not running" Stopped. */
#include <stdlib.h>
#include <string.h>
#include "crm_view_int.h"
#include "cib/cib_doc.h"

static int is_el(xmlNodePtr n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name);
}

static int meta_bool(struct view *v, xmlNodePtr x, const char *name, int def)
{
	const char *s = view_xml_meta(v, x, name);
	return s ? cib_is_true(s) : def;
}

static const char *op_on_fail(xmlNodePtr prim, const char *task, long long interval)
{
	xmlNodePtr ops = cib_xml_child(prim, "operations", NULL);
	for (xmlNodePtr o = ops ? ops->children : NULL; o; o = o->next) {
		const char *n = cib_xml_attr(o, "name");
		if (n && !strcmp(n, task) && cib_parse_interval(cib_xml_attr(o, "interval")) == interval)
			return cib_xml_attr(o, "on-fail") ? cib_xml_attr(o, "on-fail") : cib_xml_attr(o, "on_fail");
	}
	return NULL;
}

/* Replays one instance's history on one node. */
static void replay(struct view *v, xmlNodePtr prim, xmlNodePtr lr, long long ft, enum view_role *role, int *failed)
{
	GPtrArray *ops = view_sorted_ops(lr);
	*role = VIEW_UNKNOWN;
	*failed = 0;
	for (guint i = 0; i < ops->len; i++) {
		xmlNodePtr op = g_ptr_array_index(ops, i);
		const char *task = cib_xml_attr(op, "operation");
		const char *iv = cib_xml_attr(op, "interval");
		struct op_judgement j;
		view_judge_op(op, task ? op_on_fail(prim, task, iv ? atoll(iv) : 0) : NULL, ft, v->ws->now,
			      v->symmetric, &j);
		if (j.skip || j.expired)
			continue;
		if (j.rc == 7 && (j.probe || j.target == 7)) {
			*role = VIEW_STOPPED;
			*failed = 0;
		} else if (j.rc == 8 || j.rc == 9) {
			*role = VIEW_MASTER;
		}
		switch (j.status) {
		case LRM_PENDING:
			if (!strcmp(task, "start") && *role < VIEW_STARTED)
				*role = VIEW_SLAVE;
			else if (!strcmp(task, "promote"))
				*role = VIEW_MASTER;
			break;
		case LRM_DONE:
			if (j.rc == 7)
				break;
			if (!strcmp(task, "stop")) {
				*role = VIEW_STOPPED;
				*failed = 0;
			} else if (!strcmp(task, "promote")) {
				*role = VIEW_MASTER;
			} else if (!strcmp(task, "demote")) {
				*role = VIEW_SLAVE;
			} else if (*role < VIEW_STARTED) {
				*role = VIEW_SLAVE;
			}
			break;
		case LRM_ERROR:
		case LRM_TIMEOUT:
		case LRM_NOTSUPPORTED:
			*failed = 1;
			if (!strcmp(task, "promote"))
				*role = VIEW_MASTER;
			else if (!strcmp(task, "demote"))
				*role = VIEW_SLAVE;
			else if (*role < VIEW_STARTED)
				*role = VIEW_SLAVE;
			break;
		}
	}
	g_ptr_array_free(ops, TRUE);
}

static struct view_rsc *pick_instance(struct view_rsc *set, const char *lrm_id)
{
	const char *colon = strchr(lrm_id, ':');
	if (colon) {
		char *end;
		long k = strtol(colon + 1, &end, 10);
		if (!*end && k >= 0 && (guint)k < set->children->len) {
			struct view_rsc *r = g_ptr_array_index(set->children, k);
			if (!r->nodes->len)
				return r;
		}
	}
	for (guint i = 0; i < set->children->len; i++) {
		struct view_rsc *r = g_ptr_array_index(set->children, i);
		if (!r->nodes->len)
			return r;
	}
	return NULL;
}

struct view_rsc *view_build_master(struct view *v, xmlNodePtr m)
{
	const char *id = cib_xml_attr(m, "id");
	if (!id)
		return NULL;
	struct view_rsc *set = view_new_rsc(VIEW_MASTERSET, id);
	set->xml = m;
	set->desc = cib_xml_attr(m, "description");
	int maint = cib_is_true(cib_nv_get(&v->cib->options, "maintenance-mode"));
	const char *imd = cib_nv_get(&v->cib->options, "is-managed-default");
	set->managed = !maint && meta_bool(v, m, "is-managed", imd ? cib_is_true(imd) : 1);
	set->unique = meta_bool(v, m, "globally-unique", 0);
	xmlNodePtr prim = NULL;
	for (xmlNodePtr c = m->children; c && !prim; c = c->next)
		if (is_el(c, "primitive"))
			prim = c;
	if (!prim)
		return set; /* a master of a group: not modelled, shown empty */
	const char *cm = view_xml_meta(v, m, "clone-max");
	int ok = 1, clone_max = cm ? cib_parse_score(cm, &ok) : (int)v->nodes->len;
	if (!ok || clone_max < 0)
		clone_max = 0;
	if (clone_max > 10000)
		clone_max = 10000;
	const char *pid = cib_xml_attr(prim, "id");
	const char *mt = view_xml_meta(v, prim, "migration-threshold");
	if (!mt)
		mt = view_xml_meta(v, m, "migration-threshold");
	const char *fts = view_xml_meta(v, prim, "failure-timeout");
	long long ft = fts ? cib_parse_interval(fts) / 1000 : 0;
	for (int i = 0; pid && i < clone_max; i++) {
		char *iid = g_strdup_printf("%s:%d", pid, i);
		struct view_rsc *r = view_new_rsc(VIEW_PRIM, iid);
		g_free(iid);
		r->parent = set;
		r->xml = prim;
		r->cls = cib_xml_attr(prim, "class");
		r->provider = cib_xml_attr(prim, "provider");
		r->type = cib_xml_attr(prim, "type");
		r->desc = cib_xml_attr(prim, "description");
		const char *pm = view_xml_meta(v, prim, "is-managed");
		r->managed = pm ? !maint && cib_is_true(pm) : set->managed;
		if (mt)
			r->migration_threshold = cib_parse_score(mt, &ok);
		g_ptr_array_add(set->children, r);
	}
	xmlNodePtr status = cib_section(v->doc, "status");
	for (xmlNodePtr ns = status ? status->children : NULL; pid && ns; ns = ns->next) {
		if (!is_el(ns, "node_state"))
			continue;
		struct view_node *n = view_node_by_id(v, cib_xml_attr(ns, "id"));
		if (!n || (!n->online && !v->stonith_enabled))
			continue;
		xmlNodePtr rs = cib_xml_child(cib_xml_child(ns, "lrm", NULL), "lrm_resources", NULL);
		for (xmlNodePtr lr = rs ? rs->children : NULL; lr; lr = lr->next) {
			const char *lid = cib_xml_attr(lr, "id");
			if (!is_el(lr, "lrm_resource") || !lid || !view_base_eq(lid, pid))
				continue;
			enum view_role role;
			int failed;
			replay(v, prim, lr, ft, &role, &failed);
			if (role <= VIEW_STOPPED)
				continue;
			struct view_rsc *r = pick_instance(set, lid);
			if (!r)
				continue;
			g_ptr_array_add(r->nodes, n);
			r->role = role;
			r->failed |= failed;
		}
	}
	return set;
}
