/* crm_mon --as-json: the status view as one JSON object with a schema
 * version ("format": "heartbeat-crm_mon", "version": MON_JSON_VERSION).
 * Fields are added in later versions, never renamed or removed, so that
 * scripts stop scraping the text screen (USERS.md 11).  Reads the view. */
#include <stdlib.h>
#include <string.h>
#include "crm_mon_out.h"
#include "crm_view_int.h"
#include "cib/cib_doc.h"

static void str(GString *s, const char *v)
{
	if (!v) {
		g_string_append(s, "null");
		return;
	}
	g_string_append_c(s, '"');
	for (const unsigned char *p = (const unsigned char *)v; *p; p++) {
		switch (*p) {
		case '"': g_string_append(s, "\\\""); break;
		case '\\': g_string_append(s, "\\\\"); break;
		case '\n': g_string_append(s, "\\n"); break;
		case '\t': g_string_append(s, "\\t"); break;
		case '\r': g_string_append(s, "\\r"); break;
		default:
			if (*p < 0x20)
				g_string_append_printf(s, "\\u%04x", *p);
			else
				g_string_append_c(s, (char)*p);
		}
	}
	g_string_append_c(s, '"');
}

static void key(GString *s, const char *k)
{
	str(s, k);
	g_string_append_c(s, ':');
}

static void kstr(GString *s, const char *k, const char *v)
{
	key(s, k);
	str(s, v);
	g_string_append_c(s, ',');
}

static void kbool(GString *s, const char *k, int v)
{
	key(s, k);
	g_string_append(s, v ? "true," : "false,");
}

static void kint(GString *s, const char *k, long long v)
{
	key(s, k);
	g_string_append_printf(s, "%lld,", v);
}

/* Closes an object or array, dropping a trailing comma. */
static void close_(GString *s, char c)
{
	if (s->len && s->str[s->len - 1] == ',')
		g_string_truncate(s, s->len - 1);
	g_string_append_c(s, c);
	g_string_append_c(s, ',');
}

static const char *kind(const struct view_rsc *r)
{
	switch (r->kind) {
	case VIEW_PRIM: return "primitive";
	case VIEW_GROUP: return "group";
	case VIEW_CLONE: return "clone";
	case VIEW_MASTERSET: return "master";
	}
	return "?";
}

static void json_rsc(GString *s, const struct view_rsc *r)
{
	g_string_append_c(s, '{');
	kstr(s, "id", r->id);
	kstr(s, "kind", kind(r));
	kbool(s, "managed", r->managed);
	kbool(s, "active", view_active(r, 0));
	if (r->kind == VIEW_PRIM) {
		char *agent = mon_agent(r);
		kstr(s, "agent", agent);
		g_free(agent);
		kstr(s, "role", view_role_text(r->role));
		kbool(s, "orphaned", r->orphan);
		kbool(s, "failed", r->failed);
		kbool(s, "failure_ignored", r->failure_ignored);
		if (r->desc)
			kstr(s, "description", r->desc);
		key(s, "nodes");
		g_string_append_c(s, '[');
		for (guint i = 0; i < r->nodes->len; i++) {
			str(s, ((struct view_node *)g_ptr_array_index(r->nodes, i))->uname);
			g_string_append_c(s, ',');
		}
		close_(s, ']');
	} else {
		if (r->kind != VIEW_GROUP)
			kbool(s, "unique", r->unique);
		key(s, "children");
		g_string_append_c(s, '[');
		for (guint i = 0; i < r->children->len; i++)
			json_rsc(s, g_ptr_array_index(r->children, i));
		close_(s, ']');
	}
	close_(s, '}');
}

static void json_history(GString *s, struct view *v, int operations)
{
	key(s, "node_history");
	g_string_append_c(s, '[');
	xmlNodePtr status = cib_section(v->doc, "status");
	for (xmlNodePtr ns = status ? status->children : NULL; ns; ns = ns->next) {
		struct view_node *n = ns->type == XML_ELEMENT_NODE ? view_node_by_id(v, cib_xml_attr(ns, "id")) : NULL;
		if (!n || !n->online)
			continue;
		g_string_append_c(s, '{');
		kstr(s, "node", n->uname);
		key(s, "resources");
		g_string_append_c(s, '[');
		GArray *hist = mon_node_history(v, ns, n, operations);
		for (guint h = 0; h < hist->len; h++) {
			const struct mon_hist *e = &g_array_index(hist, struct mon_hist, h);
			struct view_rsc *r = e->r;
			xmlNodePtr lr = e->lrm;
			const char *id = e->id;
			int fc = e->fail_count;
			long long last = e->last_failure;
			g_string_append_c(s, '{');
			kstr(s, "id", r ? r->id : id);
			kbool(s, "orphan", !r);
			if (r) {
				kint(s, "migration_threshold", r->migration_threshold);
				kint(s, "fail_count", fc);
				if (last > 0)
					kint(s, "last_failure", last);
			}
			if (operations) {
				key(s, "operations");
				g_string_append_c(s, '[');
				GPtrArray *ops = view_sorted_ops(lr);
				for (guint i = 0; i < ops->len; i++) {
					xmlNodePtr op = g_ptr_array_index(ops, i);
					const char *task = cib_xml_attr(op, "operation"), *iv = cib_xml_attr(op, "interval");
					const char *rc = view_op_attr(op, "rc-code"), *call = view_op_attr(op, "call-id");
					if (!task || !strcmp(task, "notify"))
						continue;
					g_string_append_c(s, '{');
					kint(s, "call", call ? atoll(call) : 0);
					kstr(s, "task", task);
					kint(s, "interval_ms", iv ? atoll(iv) : 0);
					kint(s, "rc", rc ? atoll(rc) : 0);
					kstr(s, "rc_text", view_rc_text(rc ? atoi(rc) : 0));
					static const char *const nums[][2] = { { "last-rc-change", "last_rc_change" },
									       { "last-run", "last_run" },
									       { "exec-time", "exec_time_ms" },
									       { "queue-time", "queue_time_ms" } };
					for (int k = 0; k < 4; k++)
						if (cib_xml_attr(op, nums[k][0]))
							kint(s, nums[k][1], atoll(cib_xml_attr(op, nums[k][0])));
					close_(s, '}');
				}
				g_ptr_array_free(ops, TRUE);
				close_(s, ']');
			}
			close_(s, '}');
		}
		g_array_free(hist, TRUE);
		close_(s, ']');
		close_(s, '}');
	}
	close_(s, ']');
}

void mon_print_json(FILE *out, struct view *v, const struct mon_opts *o)
{
	GString *s = g_string_new("{");
	kstr(s, "format", "heartbeat-crm_mon");
	kint(s, "version", MON_JSON_VERSION);
	kstr(s, "tool_version", MON_OUTPUT_VERSION);
	key(s, "summary");
	g_string_append_c(s, '{');
	kint(s, "last_update", o->now);
	kstr(s, "stack", v->stack);
	kstr(s, "dc", v->dc ? v->dc->uname : NULL);
	kstr(s, "dc_id", v->dc ? v->dc->id : NULL);
	kstr(s, "dc_version", v->dc_version);
	kbool(s, "have_quorum", v->have_quorum);
	kint(s, "nodes_configured", v->nodes->len);
	kstr(s, "expected_votes", v->expected_votes);
	kint(s, "resources_configured", v->configured);
	close_(s, '}');
	key(s, "nodes");
	g_string_append_c(s, '[');
	for (guint i = 0; i < v->nodes->len; i++) {
		const struct view_node *n = g_ptr_array_index(v->nodes, i);
		g_string_append_c(s, '{');
		kstr(s, "name", n->uname);
		kstr(s, "id", n->id);
		kbool(s, "online", n->online);
		kbool(s, "standby", n->standby);
		kbool(s, "standby_onfail", n->standby_onfail);
		kbool(s, "pending", n->pending);
		kbool(s, "unclean", n->unclean);
		kbool(s, "shutdown", n->shutdown);
		kbool(s, "expected_up", n->expected_up);
		kbool(s, "is_dc", n->is_dc);
		kint(s, "resources_running", n->running->len);
		if (o->attributes) {
			key(s, "attributes");
			g_string_append_c(s, '{');
			GPtrArray *names = mon_attr_names(n);
			for (guint k = 0; k < names->len; k++)
				kstr(s, g_ptr_array_index(names, k), view_node_attr(n, g_ptr_array_index(names, k)));
			g_ptr_array_free(names, TRUE);
			close_(s, '}');
		}
		close_(s, '}');
	}
	close_(s, ']');
	key(s, "resources");
	g_string_append_c(s, '[');
	for (guint i = 0; i < v->rscs->len; i++) {
		const struct view_rsc *r = g_ptr_array_index(v->rscs, i);
		if (o->inactive || view_active(r, 0))
			json_rsc(s, r);
	}
	close_(s, ']');
	if (o->operations || o->failcounts)
		json_history(s, v, o->operations);
	key(s, "failures");
	g_string_append_c(s, '[');
	for (guint i = 0; i < v->failed->len; i++) {
		const struct view_op *f = g_ptr_array_index(v->failed, i);
		const char *rc = view_op_attr(f->xml, "rc-code"), *st = view_op_attr(f->xml, "op-status");
		const char *call = view_op_attr(f->xml, "call-id"), *iv = cib_xml_attr(f->xml, "interval");
		g_string_append_c(s, '{');
		kstr(s, "op_key", f->key);
		kstr(s, "node", f->node->uname);
		kstr(s, "task", cib_xml_attr(f->xml, "operation"));
		kint(s, "interval_ms", iv ? atoll(iv) : 0);
		kint(s, "call", call ? atoll(call) : 0);
		kint(s, "rc", rc ? atoll(rc) : 0);
		kstr(s, "rc_text", view_rc_text(rc ? atoi(rc) : 0));
		kint(s, "status", st ? atoll(st) : 0);
		kstr(s, "status_text", view_op_status_text(st ? atoi(st) : 0));
		if (cib_xml_attr(f->xml, "last-rc-change"))
			kint(s, "last_rc_change", atoll(cib_xml_attr(f->xml, "last-rc-change")));
		close_(s, '}');
	}
	close_(s, ']');
	close_(s, '}');
	g_string_truncate(s, s->len - 1); /* the trailing comma of the top object */
	fprintf(out, "%s\n", s->str);
	g_string_free(s, TRUE);
}
