/* crm_resource -M/-U (the cli-prefer-RSC and cli-standby-RSC location
 * constraints, with an optional ISO 8601 lifetime), -C (forget a
 * resource's history and fail count: an edit of the status section with a
 * CIB file, a controller request when live), controller requests, and
 * -O/-o (the recorded operations). */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "crm_resource.h"
#include "crm_view_int.h"

static xmlNodePtr location(const char *kind, const char *rsc, const char *node, const char *score, const char *until)
{
	xmlNodePtr l = xmlNewNode(NULL, (const xmlChar *)"rsc_location");
	char *id = g_strdup_printf("cli-%s-%s", kind, rsc);
	xmlSetProp(l, (const xmlChar *)"id", (const xmlChar *)id);
	g_free(id);
	xmlSetProp(l, (const xmlChar *)"rsc", (const xmlChar *)rsc);
	xmlNodePtr rule = xmlNewChild(l, NULL, (const xmlChar *)"rule", NULL);
	id = g_strdup_printf("cli-%s-rule-%s", kind, rsc);
	xmlSetProp(rule, (const xmlChar *)"id", (const xmlChar *)id);
	g_free(id);
	xmlSetProp(rule, (const xmlChar *)"score", (const xmlChar *)score);
	xmlSetProp(rule, (const xmlChar *)"boolean-op", (const xmlChar *)"and");
	xmlNodePtr e = xmlNewChild(rule, NULL, (const xmlChar *)"expression", NULL);
	id = g_strdup_printf("cli-%s-expr-%s", kind, rsc);
	xmlSetProp(e, (const xmlChar *)"id", (const xmlChar *)id);
	g_free(id);
	xmlSetProp(e, (const xmlChar *)"attribute", (const xmlChar *)"#uname");
	xmlSetProp(e, (const xmlChar *)"operation", (const xmlChar *)"eq");
	xmlSetProp(e, (const xmlChar *)"value", (const xmlChar *)node);
	xmlSetProp(e, (const xmlChar *)"type", (const xmlChar *)"string");
	if (until) {
		xmlNodePtr d = xmlNewChild(rule, NULL, (const xmlChar *)"date_expression", NULL);
		id = g_strdup_printf("cli-%s-lifetime-end-%s", kind, rsc);
		xmlSetProp(d, (const xmlChar *)"id", (const xmlChar *)id);
		g_free(id);
		xmlSetProp(d, (const xmlChar *)"operation", (const xmlChar *)"lt");
		xmlSetProp(d, (const xmlChar *)"end", (const xmlChar *)until);
	}
	return l;
}

static int put_constraint(struct rsc_opts *o, xmlNodePtr l)
{
	const char *id = cib_xml_attr(l, "id");
	int exists = cib_xml_find_id(cib_section(o->view->doc, "constraints"), "rsc_location", id) != NULL;
	struct cib_req req = { exists ? CIB_REQ_REPLACE : CIB_REQ_CREATE, "constraints", NULL, l, CIB_F_FORCE };
	return tool_apply(o->conn, rsc_prog, &req, NULL);
}

static int drop_constraint(struct rsc_opts *o, const char *kind)
{
	char *id = g_strdup_printf("cli-%s-%s", kind, o->rsc_id);
	xmlNodePtr l = xmlNewNode(NULL, (const xmlChar *)"rsc_location");
	xmlSetProp(l, (const xmlChar *)"id", (const xmlChar *)id);
	struct cib_req req = { CIB_REQ_DELETE, "constraints", NULL, l, CIB_F_FORCE };
	int rc = tool_apply(o->conn, rsc_prog, &req, NULL);
	xmlFreeNode(l);
	g_free(id);
	return rc == CIB_E_NOTEXISTS ? CIB_OK : rc;
}

int rsc_move(struct rsc_opts *o, const char *existing, const char *preferred)
{
	if (!o->conn)
		return CIB_E_CONNECTION;
	char *until = NULL;
	if (o->lifetime) {
		long long secs = cib_iso_duration(o->lifetime, 1);
		if (secs < 0) {
			CMD_ERR("Invalid duration specified: %s\n", o->lifetime);
			CMD_ERR("Please refer to http://en.wikipedia.org/wiki/ISO_8601#Duration for examples of valid durations\n");
			return CIB_E_INVALID_ARG;
		}
		time_t later = time(NULL) + (time_t)secs;
		struct tm tm;
		char buf[64];
		gmtime_r(&later, &tm);
		strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%SZ", &tm);
		until = g_strdup(buf);
		printf("Migration will take effect until: %s\n", until);
	}
	int rc = CIB_OK;
	if (!existing) {
		rc = drop_constraint(o, "standby");
	} else {
		if (!o->quiet) {
			fprintf(stderr, "WARNING: Creating rsc_location constraint 'cli-standby-%s' with a score of -INFINITY for resource %s on %s.\n",
				o->rsc_id, o->rsc_id, existing);
			CMD_ERR("\tThis will prevent %s from running on %s until the constraint is removed using the 'crm_resource -U' command or manually with cibadmin\n",
				o->rsc_id, existing);
			CMD_ERR("\tThis will be the case even if %s is the last node in the cluster\n", existing);
			CMD_ERR("\tThis message can be disabled with -Q\n");
		}
		xmlNodePtr l = location("standby", o->rsc_id, existing, "-INFINITY", until);
		rc = put_constraint(o, l);
		xmlFreeNode(l);
	}
	if (rc == CIB_OK) {
		if (!preferred) {
			rc = drop_constraint(o, "prefer");
		} else {
			xmlNodePtr l = location("prefer", o->rsc_id, preferred, "INFINITY", until);
			rc = put_constraint(o, l);
			xmlFreeNode(l);
		}
	}
	g_free(until);
	return rc;
}

int rsc_migrate(struct rsc_opts *o)
{
	struct view_rsc *r = view_find(o->view, o->rsc_id);
	if (!r) {
		CMD_ERR("Resource %s not moved: not found\n", o->rsc_id);
		return CIB_E_NOTEXISTS;
	}
	GPtrArray *prims = g_ptr_array_new();
	rsc_prims(r, prims);
	const char *current = NULL;
	for (guint i = 0; i < prims->len && !current; i++) {
		struct view_rsc *p = g_ptr_array_index(prims, i);
		if (p->nodes->len)
			current = ((struct view_node *)g_ptr_array_index(p->nodes, 0))->uname;
	}
	g_ptr_array_free(prims, TRUE);
	struct view_node *dest = o->host ? view_node_by_uname(o->view, o->host) : NULL;
	if (r->kind == VIEW_PRIM && r->nodes->len > 1) {
		CMD_ERR("Resource %s not moved: active on multiple nodes\n", o->rsc_id);
		return CIB_OK;
	}
	if (o->host && !dest) {
		CMD_ERR("Error performing operation: %s is not a known node\n", o->host);
		return CIB_E_NOTEXISTS;
	}
	if (o->host && current && !strcmp(current, o->host)) {
		CMD_ERR("Error performing operation: %s is already active on %s\n", o->rsc_id, o->host);
		return CIB_OK;
	}
	if (current && (o->force || !o->host))
		return rsc_move(o, current, o->host);
	if (o->host)
		return rsc_move(o, NULL, o->host);
	CMD_ERR("Resource %s not moved: not-active and no preferred location specified.\n", o->rsc_id);
	return CIB_E_MISSING;
}

static int xpath_delete(struct rsc_opts *o, char *xpath)
{
	struct cib_req req = { CIB_REQ_DELETE, NULL, xpath, NULL, CIB_F_MULTIPLE | CIB_F_FORCE };
	int rc = tool_apply(o->conn, rsc_prog, &req, NULL);
	g_free(xpath);
	return rc;
}

/* The history and fail count of one primitive on one node, from the file. */
static int forget(struct rsc_opts *o, const struct view_rsc *p, const struct view_node *n)
{
	char *base = g_strndup(p->id, strcspn(p->id, ":"));
	int rc = xpath_delete(o, g_strdup_printf("/cib/status/node_state[@id='%s']/lrm/lrm_resources/lrm_resource"
						 "[@id='%s' or @id='%s']", n->id, p->id, base));
	if (rc == CIB_OK)
		rc = xpath_delete(o, g_strdup_printf("/cib/status/node_state[@id='%s']/transient_attributes//nvpair"
						     "[@name='fail-count-%s' or @name='last-failure-%s' or "
						     "starts-with(@name, 'fail-count-%s#') or starts-with(@name, 'last-failure-%s#')]",
						     n->id, p->id, p->id, p->id, p->id));
	g_free(base);
	return rc;
}

int rsc_cleanup(struct rsc_opts *o)
{
	struct view_rsc *r = view_find(o->view, o->rsc_id);
	if (!r)
		return CIB_E_NOTEXISTS;
	struct view_node *only = NULL;
	if (o->host && !(only = view_node_by_uname(o->view, o->host))) {
		CMD_ERR("Error performing operation: %s is not a known node\n", o->host);
		return CIB_E_NOTEXISTS;
	}
	if (strchr(o->rsc_id, '\'') || (only && strchr(only->id, '\''))) {
		CMD_ERR("Resource and node ids with quotes cannot be cleaned up\n");
		return CIB_E_INVALID_ARG;
	}
	GPtrArray *prims = g_ptr_array_new();
	rsc_prims(r, prims);
	int rc = CIB_OK;
	for (guint i = 0; i < prims->len && rc == CIB_OK; i++) {
		struct view_rsc *p = g_ptr_array_index(prims, i);
		for (guint k = 0; k < o->view->nodes->len && rc == CIB_OK; k++) {
			struct view_node *n = g_ptr_array_index(o->view->nodes, k);
			if ((only && n != only) || (!only && !n->online))
				continue;
			printf("Cleaning up %s on %s\n", p->id, n->uname);
			if (cib_conn_kind(o->conn) == CIB_CONN_LIVE) {
				struct cib_crmd_req req = { .op = "lrm_delete", .node = n->uname, .rsc = p->id };
				char *err = NULL;
				rc = cib_conn_crmd(o->conn, &req, NULL, &err);
				if (err)
					tool_err(rsc_prog, "%s", err);
				g_free(err);
			} else {
				rc = forget(o, p, n);
			}
		}
	}
	g_ptr_array_free(prims, TRUE);
	return rc;
}

int rsc_crmd(struct rsc_opts *o, const char *op)
{
	struct cib_crmd_req req = { .op = op, .node = o->host, .rsc = o->rsc_id };
	char *err = NULL;
	int rc = cib_conn_crmd(o->conn, &req, NULL, &err);
	if (err)
		tool_err(rsc_prog, "%s", err);
	g_free(err);
	return rc;
}

/* Index of the op that made the resource active: the last start (or a
 * monitor finding it running after a stop), -1 when stopped after it. */
static int active_from(GPtrArray *ops)
{
	int start = -1, stop = -1;
	for (guint i = 0; i < ops->len; i++) {
		xmlNodePtr op = g_ptr_array_index(ops, i);
		const char *task = cib_xml_attr(op, "operation"), *st = view_op_attr(op, "op-status");
		const char *rc = view_op_attr(op, "rc-code");
		if (!task)
			continue;
		if (!strcmp(task, "stop") && st && !strcmp(st, "0"))
			stop = (int)i;
		else if (!strcmp(task, "start"))
			start = (int)i;
		else if (start <= stop && !strcmp(task, "monitor") && rc && (!strcmp(rc, "0") || !strcmp(rc, "8")))
			start = (int)i;
	}
	return start < stop ? -1 : start;
}

int rsc_list_operations(struct rsc_opts *o, int active_only)
{
	struct view *v = o->view;
	xmlNodePtr status = cib_section(v->doc, "status");
	for (xmlNodePtr ns = status ? status->children : NULL; ns; ns = ns->next) {
		if (ns->type != XML_ELEMENT_NODE || strcmp((const char *)ns->name, "node_state"))
			continue;
		const char *uname = cib_xml_attr(ns, "uname");
		if (o->host && (!uname || strcmp(uname, o->host)))
			continue;
		struct view_node *n = view_node_by_uname(v, uname);
		if (!n || (!n->online && !v->stonith_enabled))
			continue;
		xmlNodePtr rs = cib_xml_child(cib_xml_child(ns, "lrm", NULL), "lrm_resources", NULL);
		for (xmlNodePtr lr = rs ? rs->children : NULL; lr; lr = lr->next) {
			const char *id = cib_xml_attr(lr, "id");
			if (lr->type != XML_ELEMENT_NODE || !id || (o->rsc_id && strcmp(id, o->rsc_id)))
				continue;
			struct view_rsc *r = view_history_rsc(v, id, n);
			if (!r)
				continue;
			GPtrArray *ops = view_sorted_ops(lr);
			int from = active_only ? active_from(ops) : 0;
			for (guint i = 0; from >= 0 && i < ops->len; i++) {
				if ((int)i < from)
					continue;
				xmlNodePtr op = g_ptr_array_index(ops, i);
				const char *st = view_op_attr(op, "op-status");
				print_rsc(stdout, r, "", PRINT_RSCONLY | PRINT_SUPPRESS_NL);
				printf(": %s (node=%s, call=%s, rc=%s", cib_xml_attr(op, "id") ? cib_xml_attr(op, "id") : "(null)",
				       n->uname, view_op_attr(op, "call-id") ? view_op_attr(op, "call-id") : "(null)",
				       view_op_attr(op, "rc-code") ? view_op_attr(op, "rc-code") : "(null)");
				printf("): %s\n", view_op_status_text(st ? atoi(st) : 0));
			}
			g_ptr_array_free(ops, TRUE);
		}
	}
	return CIB_OK;
}
