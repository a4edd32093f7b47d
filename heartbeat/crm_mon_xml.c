/* crm_mon -X / --as-xml: the status view as XML.  Pacemaker 1.0 had no XML
 * output; the element and attribute names follow Pacemaker 1.1's crm_mon
 * --as-xml (crm_mon version="..."; summary, nodes, resources,
 * node_attributes, node_history, failures) so scripts written for it read
 * ours.  Reads the view only. */
#include <stdlib.h>
#include <string.h>
#include "crm_mon_out.h"
#include "crm_view_int.h"
#include "cib/cib_doc.h"

static const char *tf(int b)
{
	return b ? "true" : "false";
}

static void set(xmlNodePtr n, const char *name, const char *value)
{
	xmlSetProp(n, (const xmlChar *)name, (const xmlChar *)(value ? value : ""));
}

static void set_int(xmlNodePtr n, const char *name, long long v)
{
	char buf[32];
	snprintf(buf, sizeof buf, "%lld", v);
	set(n, name, buf);
}

static xmlNodePtr child(xmlNodePtr p, const char *name)
{
	return xmlNewChild(p, NULL, (const xmlChar *)name, NULL);
}

char *mon_agent(const struct view_rsc *r)
{
	const char *prov = r->cls && !strcmp(r->cls, "ocf") ? r->provider : NULL;
	return g_strdup_printf("%s%s%s:%s", r->cls ? r->cls : "", prov ? "::" : "", prov ? prov : "",
			       r->type ? r->type : "");
}

static void xml_rsc(xmlNodePtr parent, const struct view_rsc *r)
{
	xmlNodePtr e;
	if (r->kind == VIEW_PRIM) {
		e = child(parent, "resource");
		set(e, "id", r->id);
		char *agent = mon_agent(r);
		set(e, "resource_agent", agent);
		g_free(agent);
		set(e, "role", view_role_text(r->role));
		set(e, "active", tf(view_active(r, 0)));
		set(e, "orphaned", tf(r->orphan));
		set(e, "managed", tf(r->managed));
		set(e, "failed", tf(r->failed));
		set(e, "failure_ignored", tf(r->failure_ignored));
		set_int(e, "nodes_running_on", r->nodes->len);
		for (guint i = 0; i < r->nodes->len; i++) {
			const struct view_node *n = g_ptr_array_index(r->nodes, i);
			xmlNodePtr x = child(e, "node");
			set(x, "name", n->uname);
			set(x, "id", n->id);
			set(x, "cached", "false");
		}
		return;
	}
	if (r->kind == VIEW_GROUP) {
		e = child(parent, "group");
		set(e, "id", r->id);
		set_int(e, "number_resources", r->children->len);
	} else {
		e = child(parent, "clone");
		set(e, "id", r->id);
		set(e, "multi_state", tf(r->kind == VIEW_MASTERSET));
		set(e, "unique", tf(r->unique));
		set(e, "managed", tf(r->managed));
		int failed = 0, ignored = 0;
		for (guint i = 0; i < r->children->len; i++) {
			const struct view_rsc *c = g_ptr_array_index(r->children, i);
			failed |= c->failed;
			ignored |= c->failure_ignored;
		}
		set(e, "failed", tf(failed));
		set(e, "failure_ignored", tf(ignored));
	}
	for (guint i = 0; i < r->children->len; i++)
		xml_rsc(e, g_ptr_array_index(r->children, i));
}

static void xml_history(xmlNodePtr top, struct view *v, int operations)
{
	xmlNodePtr hist = child(top, "node_history");
	xmlNodePtr status = cib_section(v->doc, "status");
	for (xmlNodePtr ns = status ? status->children : NULL; ns; ns = ns->next) {
		struct view_node *n = ns->type == XML_ELEMENT_NODE ? view_node_by_id(v, cib_xml_attr(ns, "id")) : NULL;
		if (!n || !n->online)
			continue;
		xmlNodePtr xn = child(hist, "node");
		set(xn, "name", n->uname);
		GArray *hist = mon_node_history(v, ns, n, operations);
		for (guint h = 0; h < hist->len; h++) {
			const struct mon_hist *e = &g_array_index(hist, struct mon_hist, h);
			struct view_rsc *r = e->r;
			xmlNodePtr lr = e->lrm;
			const char *id = e->id;
			int fc = e->fail_count;
			long long last = e->last_failure;
			xmlNodePtr xr = child(xn, "resource_history");
			set(xr, "id", r ? r->id : id);
			set(xr, "orphan", tf(!r));
			if (r) {
				set_int(xr, "migration-threshold", r->migration_threshold);
				if (fc > 0)
					set_int(xr, "fail-count", fc);
				if (last > 0) {
					char buf[64];
					mon_format_date(buf, sizeof buf, last);
					set(xr, "last-failure", buf);
				}
			}
			if (!operations)
				continue;
			GPtrArray *ops = view_sorted_ops(lr);
			for (guint i = 0; i < ops->len; i++) {
				xmlNodePtr op = g_ptr_array_index(ops, i);
				const char *task = cib_xml_attr(op, "operation"), *iv = cib_xml_attr(op, "interval");
				const char *rc = view_op_attr(op, "rc-code");
				if (!task || !strcmp(task, "notify"))
					continue;
				if (!strcmp(task, "monitor") && iv && !strcmp(iv, "0")) {
					task = "probe";
					if (rc && atoi(rc) == 7)
						continue;
				}
				xmlNodePtr xo = child(xr, "operation_history");
				set(xo, "call", view_op_attr(op, "call-id"));
				set(xo, "task", task);
				if (iv && strcmp(iv, "0")) {
					char *ms = g_strdup_printf("%sms", iv);
					set(xo, "interval", ms);
					g_free(ms);
				}
				static const char *const times[] = { "last-rc-change", "last-run", NULL };
				for (int k = 0; times[k]; k++)
					if (cib_xml_attr(op, times[k])) {
						char buf[64];
						mon_format_date(buf, sizeof buf, atoll(cib_xml_attr(op, times[k])));
						set(xo, times[k], buf);
					}
				if (cib_xml_attr(op, "exec-time"))
					set(xo, "exec-time", cib_xml_attr(op, "exec-time"));
				if (cib_xml_attr(op, "queue-time"))
					set(xo, "queue-time", cib_xml_attr(op, "queue-time"));
				set(xo, "rc", rc);
				set(xo, "rc_text", view_rc_text(rc ? atoi(rc) : 0));
			}
			g_ptr_array_free(ops, TRUE);
		}
		g_array_free(hist, TRUE);
	}
}

void mon_print_xml(FILE *out, struct view *v, const struct mon_opts *o)
{
	xmlDocPtr d = xmlNewDoc((const xmlChar *)"1.0");
	xmlNodePtr top = xmlNewNode(NULL, (const xmlChar *)"crm_mon");
	xmlDocSetRootElement(d, top);
	set(top, "version", MON_OUTPUT_VERSION);
	xmlNodePtr sum = child(top, "summary");
	char buf[64];
	mon_format_date(buf, sizeof buf, o->now);
	set(child(sum, "last_update"), "time", buf);
	if (v->stack)
		set(child(sum, "stack"), "type", v->stack);
	xmlNodePtr dc = child(sum, "current_dc");
	set(dc, "present", tf(v->dc != NULL));
	if (v->dc) {
		if (v->dc_version)
			set(dc, "version", v->dc_version);
		set(dc, "name", v->dc->uname);
		set(dc, "id", v->dc->id);
		set(dc, "with_quorum", tf(v->have_quorum));
	}
	xmlNodePtr nc = child(sum, "nodes_configured");
	set_int(nc, "number", v->nodes->len);
	set(nc, "expected_votes", v->expected_votes ? v->expected_votes : "unknown");
	set_int(child(sum, "resources_configured"), "number", v->configured);
	xmlNodePtr nodes = child(top, "nodes");
	for (guint i = 0; i < v->nodes->len; i++) {
		const struct view_node *n = g_ptr_array_index(v->nodes, i);
		xmlNodePtr x = child(nodes, "node");
		set(x, "name", n->uname);
		set(x, "id", n->id);
		set(x, "online", tf(n->online));
		set(x, "standby", tf(n->standby));
		set(x, "standby_onfail", tf(n->standby_onfail));
		set(x, "pending", tf(n->pending));
		set(x, "unclean", tf(n->unclean));
		set(x, "shutdown", tf(n->shutdown));
		set(x, "expected_up", tf(n->expected_up));
		set(x, "is_dc", tf(n->is_dc));
		set_int(x, "resources_running", n->running->len);
		set(x, "type", "member");
	}
	xmlNodePtr rscs = child(top, "resources");
	for (guint i = 0; i < v->rscs->len; i++) {
		const struct view_rsc *r = g_ptr_array_index(v->rscs, i);
		if (o->inactive || view_active(r, 0))
			xml_rsc(rscs, r);
	}
	if (o->attributes) {
		xmlNodePtr na = child(top, "node_attributes");
		for (guint i = 0; i < v->nodes->len; i++) {
			const struct view_node *n = g_ptr_array_index(v->nodes, i);
			if (!n->online)
				continue;
			xmlNodePtr x = child(na, "node");
			set(x, "name", n->uname);
			GPtrArray *names = mon_attr_names(n);
			for (guint k = 0; k < names->len; k++) {
				xmlNodePtr a = child(x, "attribute");
				set(a, "name", g_ptr_array_index(names, k));
				set(a, "value", view_node_attr(n, g_ptr_array_index(names, k)));
			}
			g_ptr_array_free(names, TRUE);
		}
	}
	if (o->operations || o->failcounts)
		xml_history(top, v, o->operations);
	xmlNodePtr fails = child(top, "failures");
	for (guint i = 0; i < v->failed->len; i++) {
		const struct view_op *f = g_ptr_array_index(v->failed, i);
		xmlNodePtr x = child(fails, "failure");
		const char *rc = view_op_attr(f->xml, "rc-code"), *st = view_op_attr(f->xml, "op-status");
		set(x, "op_key", f->key);
		set(x, "node", f->node->uname);
		set(x, "exitstatus", view_rc_text(rc ? atoi(rc) : 0));
		set(x, "exitcode", rc);
		set(x, "call", view_op_attr(f->xml, "call-id"));
		set(x, "status", view_op_status_text(st ? atoi(st) : 0));
		if (cib_xml_attr(f->xml, "last-rc-change"))
			set(x, "last-rc-change", cib_xml_attr(f->xml, "last-rc-change"));
		if (cib_xml_attr(f->xml, "interval"))
			set(x, "interval", cib_xml_attr(f->xml, "interval"));
		if (cib_xml_attr(f->xml, "operation"))
			set(x, "task", cib_xml_attr(f->xml, "operation"));
	}
	xmlChar *mem = NULL;
	int len = 0;
	xmlDocDumpFormatMemory(d, &mem, &len, 1);
	if (mem)
		fwrite(mem, 1, (size_t)len, out);
	xmlFree(mem);
	xmlFreeDoc(d);
}
