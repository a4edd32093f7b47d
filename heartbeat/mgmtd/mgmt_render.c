/* The API's view of one reading (struct mgmt_snap): the summary JSON of
 * GET /api/v1/summary (versioned: fields are only added), and the helpers
 * mgmt_metrics.c shares.  Pure: no I/O, no clock. */
#include <stdio.h>
#include <string.h>
#include "client.h"
#include "crm_view.h"
#include "json.h"
#include "json_parse.h"
#include "mgmt_render.h"

bool mgmt_node_online(const char *status)
{
	return status && (!strcmp(status, "active") || !strcmp(status, "up") || !strcmp(status, "ping"));
}

static void num_or_null(GString *o, const struct json_val *v)
{
	if (v && v->type == JSON_NUM)
		g_string_append_printf(o, "%.0f", v->num);
	else
		g_string_append(o, "null");
}

static struct view_node *crm_node(const struct mgmt_snap *s, const char *name)
{
	return s->view ? view_node_by_uname(s->view, name) : NULL;
}

GPtrArray *mgmt_snap_node_names(const struct mgmt_snap *s)
{
	GPtrArray *a = g_ptr_array_new_with_free_func(g_free);
	const struct json_val *nodes = json_get(s->hb, "nodes");
	size_t i;
	int k;

	for (i = 0; i < json_len(nodes); i++)
		if (!g_strcmp0(json_get_str(json_at(nodes, i), "type"), "normal") && json_get_str(json_at(nodes, i), "name"))
			g_ptr_array_add(a, g_strdup(json_get_str(json_at(nodes, i), "name")));
	for (k = 0; k < s->nnodes; k++)
		if (!g_strcmp0(s->nodes[k].type, "normal"))
			g_ptr_array_add(a, g_strdup(s->nodes[k].name));
	return a;
}

/* ---- summary ---- */

static void summary_nodes(GString *o, const struct mgmt_snap *s)
{
	size_t i, j;
	int k, l;

	g_string_append(o, ",\"nodes\":[");
	if (s->hb) {
		const struct json_val *nodes = json_get(s->hb, "nodes");

		for (i = 0; i < json_len(nodes); i++) {
			const struct json_val *n = json_at(nodes, i), *links = json_get(n, "links");
			const char *name = json_get_str(n, "name"), *st = json_get_str(n, "status");
			struct view_node *vn = name ? crm_node(s, name) : NULL;

			g_string_append(o, i ? ",{\"name\":" : "{\"name\":");
			json_str(o, name);
			g_string_append(o, ",\"type\":");
			json_str(o, json_get_str(n, "type"));
			g_string_append(o, ",\"status\":");
			json_str(o, st);
			g_string_append_printf(o, ",\"online\":%s,\"local\":%s",
					       (vn ? vn->online : mgmt_node_online(st)) ? "true" : "false",
					       name && !strcmp(name, s->local) ? "true" : "false");
			if (vn)
				g_string_append_printf(o, ",\"standby\":%s", vn->standby ? "true" : "false");
			else
				g_string_append(o, ",\"standby\":null");
			g_string_append(o, ",\"max_gap_ms\":");
			num_or_null(o, json_get(n, "max_gap_ms"));
			g_string_append(o, ",\"last_heard_ms\":");
			num_or_null(o, json_get(n, "last_heard_ms"));
			g_string_append(o, ",\"links\":[");
			for (j = 0; j < json_len(links); j++) {
				const struct json_val *lk = json_at(links, j);

				g_string_append(o, j ? ",{\"name\":" : "{\"name\":");
				json_str(o, json_get_str(lk, "ifname"));
				g_string_append(o, ",\"status\":");
				json_str(o, json_get_str(lk, "status"));
				g_string_append(o, ",\"max_gap_ms\":");
				num_or_null(o, json_get(lk, "max_gap_ms"));
				g_string_append(o, "}");
			}
			g_string_append(o, "]}");
		}
	} else {
		for (k = 0; k < s->nnodes; k++) {
			struct view_node *vn = crm_node(s, s->nodes[k].name);

			g_string_append(o, k ? ",{\"name\":" : "{\"name\":");
			json_str(o, s->nodes[k].name);
			g_string_append(o, ",\"type\":");
			json_str(o, s->nodes[k].type);
			g_string_append(o, ",\"status\":");
			json_str(o, s->nodes[k].status);
			g_string_append_printf(o, ",\"online\":%s,\"local\":%s,\"standby\":%s,"
					       "\"max_gap_ms\":null,\"last_heard_ms\":null,\"links\":[",
					       (vn ? vn->online : mgmt_node_online(s->nodes[k].status)) ? "true" : "false",
					       !strcmp(s->nodes[k].name, s->local) ? "true" : "false",
					       vn ? (vn->standby ? "true" : "false") : "null");
			for (l = 0; l < s->nlinks[k]; l++) {
				g_string_append(o, l ? ",{\"name\":" : "{\"name\":");
				json_str(o, s->links[k][l].ifname);
				g_string_append(o, ",\"status\":");
				json_str(o, s->links[k][l].status);
				g_string_append(o, ",\"max_gap_ms\":null}");
			}
			g_string_append(o, "]}");
		}
		/* only a CIB file: its nodes */
		if (!s->hb_up && s->view) {
			for (k = 0; k < (int)s->view->nodes->len; k++) {
				struct view_node *vn = g_ptr_array_index(s->view->nodes, k);

				g_string_append(o, k ? ",{\"name\":" : "{\"name\":");
				json_str(o, vn->uname);
				g_string_append_printf(o, ",\"type\":\"normal\",\"status\":\"%s\",\"online\":%s,"
						       "\"local\":false,\"standby\":%s,\"max_gap_ms\":null,"
						       "\"last_heard_ms\":null,\"links\":[]}",
						       vn->online ? "active" : "dead", vn->online ? "true" : "false",
						       vn->standby ? "true" : "false");
			}
		}
	}
	g_string_append(o, "]");
}

const char *mgmt_v1_state(const struct json_val *g)
{
	const char *st = json_get_str(g, "state"), *owner = json_get_str(g, "owner");

	if (st && (!strcmp(st, "starting") || !strcmp(st, "stopping") || !strcmp(st, "failed")))
		return st;
	return owner && *owner ? "started" : "stopped";
}

static void summary_v1_resources(GString *o, const struct mgmt_snap *s)
{
	const struct json_val *groups = json_get(json_get(s->hb, "resources"), "groups");
	size_t i, j, nf = 0;

	g_string_append(o, ",\"resources\":[");
	for (i = 0; i < json_len(groups); i++) {
		const struct json_val *g = json_at(groups, i), *rs = json_get(g, "resources");
		const char *owner = json_get_str(g, "owner");

		g_string_append(o, i ? ",{\"id\":" : "{\"id\":");
		json_str(o, json_get_str(g, "key"));
		g_string_append(o, ",\"kind\":\"group\",\"state\":");
		json_str(o, mgmt_v1_state(g));
		g_string_append(o, ",\"node\":");
		json_str(o, owner && *owner ? owner : NULL);
		g_string_append(o, ",\"preferred\":");
		json_str(o, json_get_str(g, "preferred"));
		g_string_append_printf(o, ",\"failed\":%s,\"members\":[",
				       json_get(g, "last_failure") && json_get(g, "last_failure")->type == JSON_OBJ
				       ? "true" : "false");
		for (j = 0; j < json_len(rs); j++) {
			const struct json_val *r = json_at(rs, j);

			g_string_append(o, j ? ",{\"id\":" : "{\"id\":");
			json_str(o, r->type == JSON_STR ? r->str : NULL);
			g_string_append(o, ",\"kind\":\"primitive\",\"state\":");
			json_str(o, mgmt_v1_state(g));
			g_string_append(o, ",\"node\":");
			json_str(o, owner && *owner ? owner : NULL);
			g_string_append(o, "}");
		}
		g_string_append(o, "]}");
	}
	g_string_append(o, "],\"failed_actions\":[");
	for (i = 0; i < json_len(groups); i++) {
		const struct json_val *f = json_get(json_at(groups, i), "last_failure");

		if (!f || f->type != JSON_OBJ)
			continue;
		g_string_append(o, nf++ ? ",{\"resource\":" : "{\"resource\":");
		json_str(o, json_get_str(f, "resource"));
		g_string_append(o, ",\"node\":");
		json_str(o, s->local);
		g_string_append(o, ",\"operation\":");
		json_str(o, json_get_str(f, "operation"));
		g_string_append(o, ",\"rc\":");
		num_or_null(o, json_get(f, "exit_code"));
		g_string_append(o, ",\"reason\":");
		json_str(o, json_get_str(f, "reason"));
		g_string_append(o, ",\"time\":");
		num_or_null(o, json_get(f, "time"));
		g_string_append(o, "}");
	}
	g_string_append(o, "],\"fail_counts\":[]");
}

static const char *role_state(const struct view_rsc *r)
{
	if (r->failed)
		return "failed";
	switch (r->role) {
	case VIEW_STARTED: return "started";
	case VIEW_MASTER: return "master";
	case VIEW_SLAVE: return "slave";
	case VIEW_STOPPED: return "stopped";
	default: return "unknown";
	}
}

static const char *kind_name(enum view_kind k)
{
	switch (k) {
	case VIEW_GROUP: return "group";
	case VIEW_CLONE: return "clone";
	case VIEW_MASTERSET: return "master";
	default: return "primitive";
	}
}

static void crm_rsc(GString *o, const struct view_rsc *r)
{
	struct view_node *loc = view_location(r);
	guint i;
	bool any_failed = r->failed;

	g_string_append(o, "{\"id\":");
	json_str(o, r->id);
	g_string_append_printf(o, ",\"kind\":\"%s\",\"state\":", kind_name(r->kind));
	for (i = 0; r->children && i < r->children->len; i++)
		any_failed |= ((struct view_rsc *)g_ptr_array_index(r->children, i))->failed;
	if (r->kind == VIEW_GROUP || r->kind == VIEW_CLONE || r->kind == VIEW_MASTERSET)
		json_str(o, any_failed ? "failed" : view_active(r, 0) ? "started" : "stopped");
	else
		json_str(o, role_state(r));
	g_string_append(o, ",\"node\":");
	json_str(o, loc ? loc->uname : NULL);
	g_string_append_printf(o, ",\"managed\":%s,\"failed\":%s", r->managed ? "true" : "false",
			       any_failed ? "true" : "false");
	if (r->children) {
		g_string_append(o, ",\"members\":[");
		for (i = 0; i < r->children->len; i++) {
			if (i)
				g_string_append_c(o, ',');
			crm_rsc(o, g_ptr_array_index(r->children, i));
		}
		g_string_append_c(o, ']');
	}
	g_string_append_c(o, '}');
}

/* Every primitive of the tree, for the fail counts. */
void mgmt_primitives(const struct view_rsc *r, GPtrArray *out)
{
	guint i;

	if (!r->children || !r->children->len) {
		g_ptr_array_add(out, (gpointer)r);
		return;
	}
	for (i = 0; i < r->children->len; i++)
		mgmt_primitives(g_ptr_array_index(r->children, i), out);
}

static void summary_crm_resources(GString *o, const struct mgmt_snap *s)
{
	struct view *v = s->view;
	GPtrArray *prims = g_ptr_array_new();
	guint i, j, nf = 0;

	g_string_append(o, ",\"resources\":[");
	for (i = 0; i < v->rscs->len; i++) {
		if (i)
			g_string_append_c(o, ',');
		crm_rsc(o, g_ptr_array_index(v->rscs, i));
		mgmt_primitives(g_ptr_array_index(v->rscs, i), prims);
	}
	g_string_append(o, "],\"failed_actions\":[");
	for (i = 0; i < v->failed->len; i++) {
		struct view_op *op = g_ptr_array_index(v->failed, i);
		const char *rc = view_op_attr(op->xml, "rc-code");

		g_string_append(o, i ? ",{\"resource\":" : "{\"resource\":");
		json_str(o, op->key);
		g_string_append(o, ",\"node\":");
		json_str(o, op->node ? op->node->uname : NULL);
		g_string_append(o, ",\"operation\":");
		json_str(o, view_op_attr(op->xml, "operation"));
		g_string_append_printf(o, ",\"rc\":%s,\"reason\":", rc && *rc ? rc : "null");
		json_str(o, rc ? view_rc_text(atoi(rc)) : NULL);
		g_string_append(o, ",\"time\":null}");
	}
	g_string_append(o, "],\"fail_counts\":[");
	for (i = 0; i < v->nodes->len; i++) {
		struct view_node *n = g_ptr_array_index(v->nodes, i);

		for (j = 0; j < prims->len; j++) {
			const struct view_rsc *r = g_ptr_array_index(prims, j);
			long long last = 0;
			int fc = view_failcount(n, r->id, &last);

			if (fc <= 0)
				continue;
			g_string_append(o, nf++ ? ",{\"node\":" : "{\"node\":");
			json_str(o, n->uname);
			g_string_append(o, ",\"resource\":");
			json_str(o, r->id);
			g_string_append_printf(o, ",\"count\":%d,\"last_failure\":%lld}", fc, last);
		}
	}
	g_string_append_c(o, ']');
	g_ptr_array_free(prims, TRUE);
}

static bool crm_maintenance(const struct view *v)
{
	xmlNodePtr cfg = xmlDocGetRootElement(v->doc), n;

	/* cib/configuration/crm_config/cluster_property_set/nvpair */
	for (cfg = cfg ? cfg->children : NULL; cfg; cfg = cfg->next)
		if (cfg->type == XML_ELEMENT_NODE && !xmlStrcmp(cfg->name, BAD_CAST "configuration"))
			break;
	for (n = cfg ? cfg->children : NULL; n; n = n->next) {
		xmlNodePtr set, nv;

		if (n->type != XML_ELEMENT_NODE || xmlStrcmp(n->name, BAD_CAST "crm_config"))
			continue;
		for (set = n->children; set; set = set->next)
			for (nv = set->children; nv; nv = nv->next) {
				xmlChar *name, *val;
				bool on;

				if (nv->type != XML_ELEMENT_NODE)
					continue;
				name = xmlGetProp(nv, BAD_CAST "name");
				val = xmlGetProp(nv, BAD_CAST "value");
				on = name && val && !xmlStrcmp(name, BAD_CAST "maintenance-mode") &&
				     (!xmlStrcmp(val, BAD_CAST "true") || !xmlStrcmp(val, BAD_CAST "on") ||
				      !xmlStrcmp(val, BAD_CAST "yes") || !xmlStrcmp(val, BAD_CAST "1"));
				xmlFree(name);
				xmlFree(val);
				if (on)
					return true;
			}
	}
	return false;
}

char *mgmt_render_summary(const struct mgmt_snap *s)
{
	GString *o = g_string_new(NULL);
	const struct json_val *dropped = json_get(s->hb, "dropped");
	size_t i;

	g_string_append_printf(o, "{\"api\":%d,\"mode\":\"%s\",\"heartbeat\":{\"up\":%s,\"error\":",
			       MGMT_API_VERSION, s->crm ? "crm" : s->hb_up ? "haresources" : "none",
			       s->hb_up ? "true" : "false");
	json_str(o, s->hb_error);
	g_string_append(o, "},\"local\":");
	json_str(o, s->local[0] ? s->local : NULL);
	if (s->view) {
		g_string_append(o, ",\"dc\":");
		json_str(o, s->view->dc ? s->view->dc->uname : NULL);
		g_string_append_printf(o, ",\"quorum\":%s,\"maintenance\":%s",
				       s->view->have_quorum ? "true" : "false",
				       crm_maintenance(s->view) ? "true" : "false");
	} else {
		g_string_append(o, ",\"dc\":null,\"quorum\":null,\"maintenance\":false");
	}
	g_string_append(o, ",\"cib_error\":");
	json_str(o, s->cib_error);
	summary_nodes(o, s);
	if (s->view)
		summary_crm_resources(o, s);
	else if (s->hb && !s->crm)
		summary_v1_resources(o, s);
	else
		g_string_append(o, ",\"resources\":[],\"failed_actions\":[],\"fail_counts\":[]");
	g_string_append(o, ",\"counters\":{\"dropped\":{");
	for (i = 0; i < json_len(dropped); i++) {
		g_string_append(o, i ? "," : "");
		json_str(o, dropped->keys[i]);
		g_string_append_c(o, ':');
		num_or_null(o, dropped->items[i]);
	}
	g_string_append(o, "},\"duplicates\":");
	num_or_null(o, json_get(s->hb, "duplicates"));
	g_string_append(o, ",\"retransmitted\":");
	num_or_null(o, json_get(s->hb, "retransmitted"));
	g_string_append(o, ",\"rexmit_requests\":");
	num_or_null(o, json_get(s->hb, "rexmit_requests"));
	g_string_append(o, "}}");
	return g_string_free(o, FALSE);
}

