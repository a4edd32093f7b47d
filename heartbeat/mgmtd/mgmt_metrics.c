/* /metrics: one reading (struct mgmt_snap) in the Prometheus text format
 * 0.0.4: HELP and TYPE before each family, label values escaped, counters
 * named *_total.  Pure: no I/O, no clock. */
#include <stdio.h>
#include <string.h>
#include "client.h"
#include "crm_view.h"
#include "json_parse.h"
#include "mgmt_render.h"

/* A label value as the text format wants it: \\, \" and \n escaped. */
static void label(GString *o, const char *name, const char *v)
{
	g_string_append_printf(o, "%s=\"", name);
	for (; v && *v; v++) {
		if (*v == '\\' || *v == '"')
			g_string_append_printf(o, "\\%c", *v);
		else if (*v == '\n')
			g_string_append(o, "\\n");
		else
			g_string_append_c(o, *v);
	}
	g_string_append_c(o, '"');
}

static void family(GString *o, const char *name, const char *type, const char *help)
{
	g_string_append_printf(o, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, type);
}

static void metric_val(GString *o, const struct json_val *v, double scale)
{
	if (v && v->type == JSON_NUM)
		g_string_append_printf(o, " %.17g\n", v->num * scale);
	else
		g_string_append(o, " NaN\n");
}

static void metrics_nodes(GString *o, const struct mgmt_snap *s)
{
	const struct json_val *nodes = json_get(s->hb, "nodes");
	size_t i, j;
	int k, l;

	family(o, "heartbeat_node_up", "gauge", "Whether the node is up (active, up or a ping node heard).");
	for (i = 0; i < json_len(nodes); i++) {
		const struct json_val *n = json_at(nodes, i);

		g_string_append(o, "heartbeat_node_up{");
		label(o, "node", json_get_str(n, "name"));
		g_string_append_c(o, ',');
		label(o, "type", json_get_str(n, "type"));
		g_string_append_printf(o, "} %d\n", mgmt_node_online(json_get_str(n, "status")));
	}
	for (k = 0; k < s->nnodes; k++) {
		g_string_append(o, "heartbeat_node_up{");
		label(o, "node", s->nodes[k].name);
		g_string_append_c(o, ',');
		label(o, "type", s->nodes[k].type);
		g_string_append_printf(o, "} %d\n", mgmt_node_online(s->nodes[k].status));
	}
	family(o, "heartbeat_node_max_gap_seconds", "gauge", "Largest gap between two heartbeats of the node.");
	for (i = 0; i < json_len(nodes); i++) {
		const struct json_val *n = json_at(nodes, i);

		g_string_append(o, "heartbeat_node_max_gap_seconds{");
		label(o, "node", json_get_str(n, "name"));
		g_string_append_c(o, '}');
		metric_val(o, json_get(n, "max_gap_ms"), 0.001);
	}
	family(o, "heartbeat_link_up", "gauge", "Whether the link to the node is up.");
	for (i = 0; i < json_len(nodes); i++) {
		const struct json_val *n = json_at(nodes, i), *links = json_get(n, "links");

		for (j = 0; j < json_len(links); j++) {
			const struct json_val *lk = json_at(links, j);
			const char *st = json_get_str(lk, "status");

			g_string_append(o, "heartbeat_link_up{");
			label(o, "node", json_get_str(n, "name"));
			g_string_append_c(o, ',');
			label(o, "link", json_get_str(lk, "ifname"));
			g_string_append_printf(o, "} %d\n", st && !strcmp(st, "up"));
		}
	}
	for (k = 0; k < s->nnodes; k++)
		for (l = 0; l < s->nlinks[k]; l++) {
			g_string_append(o, "heartbeat_link_up{");
			label(o, "node", s->nodes[k].name);
			g_string_append_c(o, ',');
			label(o, "link", s->links[k][l].ifname);
			g_string_append_printf(o, "} %d\n", !g_strcmp0(s->links[k][l].status, "up"));
		}
	family(o, "heartbeat_link_max_gap_seconds", "gauge", "Largest gap between two heartbeats on the link.");
	for (i = 0; i < json_len(nodes); i++) {
		const struct json_val *n = json_at(nodes, i), *links = json_get(n, "links");

		for (j = 0; j < json_len(links); j++) {
			const struct json_val *lk = json_at(links, j);

			g_string_append(o, "heartbeat_link_max_gap_seconds{");
			label(o, "node", json_get_str(n, "name"));
			g_string_append_c(o, ',');
			label(o, "link", json_get_str(lk, "ifname"));
			g_string_append_c(o, '}');
			metric_val(o, json_get(lk, "max_gap_ms"), 0.001);
		}
	}
}

static void metrics_counters(GString *o, const struct mgmt_snap *s)
{
	const struct json_val *dropped = json_get(s->hb, "dropped"), *media = json_get(s->hb, "media");
	size_t i;

	family(o, "heartbeat_dropped_packets_total", "counter", "Packets dropped, by reason.");
	for (i = 0; i < json_len(dropped); i++) {
		g_string_append(o, "heartbeat_dropped_packets_total{");
		label(o, "reason", dropped->keys[i]);
		g_string_append_c(o, '}');
		metric_val(o, dropped->items[i], 1);
	}
	family(o, "heartbeat_messages_sent_total", "counter", "Packets sent on each medium.");
	for (i = 0; i < json_len(media); i++) {
		g_string_append(o, "heartbeat_messages_sent_total{");
		label(o, "medium", json_get_str(json_at(media, i), "name"));
		g_string_append_c(o, ',');
		label(o, "type", json_get_str(json_at(media, i), "type"));
		g_string_append_c(o, '}');
		metric_val(o, json_get(json_at(media, i), "sent"), 1);
	}
	family(o, "heartbeat_messages_received_total", "counter", "Packets received on each medium.");
	for (i = 0; i < json_len(media); i++) {
		g_string_append(o, "heartbeat_messages_received_total{");
		label(o, "medium", json_get_str(json_at(media, i), "name"));
		g_string_append_c(o, ',');
		label(o, "type", json_get_str(json_at(media, i), "type"));
		g_string_append_c(o, '}');
		metric_val(o, json_get(json_at(media, i), "received"), 1);
	}
	if (!s->hb)
		return;
	family(o, "heartbeat_duplicate_packets_total", "counter", "Packets seen twice (another medium).");
	g_string_append(o, "heartbeat_duplicate_packets_total");
	metric_val(o, json_get(s->hb, "duplicates"), 1);
	family(o, "heartbeat_retransmissions_total", "counter", "Messages sent again at a peer's request.");
	g_string_append(o, "heartbeat_retransmissions_total");
	metric_val(o, json_get(s->hb, "retransmitted"), 1);
	family(o, "heartbeat_retransmit_requests_total", "counter", "Retransmissions this node asked for.");
	g_string_append(o, "heartbeat_retransmit_requests_total");
	metric_val(o, json_get(s->hb, "rexmit_requests"), 1);
}

static void metrics_resources(GString *o, const struct mgmt_snap *s)
{
	guint i, j;

	family(o, "heartbeat_resource_up", "gauge", "Whether the resource (v1: the haresources group) runs, and where.");
	if (s->view) {
		GPtrArray *prims = g_ptr_array_new();

		for (i = 0; i < s->view->rscs->len; i++)
			mgmt_primitives(g_ptr_array_index(s->view->rscs, i), prims);
		for (i = 0; i < prims->len; i++) {
			const struct view_rsc *r = g_ptr_array_index(prims, i);
			struct view_node *loc = view_location(r);

			g_string_append(o, "heartbeat_resource_up{");
			label(o, "resource", r->id);
			g_string_append_c(o, ',');
			label(o, "node", loc ? loc->uname : "");
			g_string_append_printf(o, "} %d\n", r->role == VIEW_STARTED || r->role == VIEW_MASTER ||
					       r->role == VIEW_SLAVE);
		}
		family(o, "heartbeat_resource_fail_count", "gauge", "Fail count of the resource on the node.");
		for (i = 0; i < s->view->nodes->len; i++) {
			struct view_node *n = g_ptr_array_index(s->view->nodes, i);

			for (j = 0; j < prims->len; j++) {
				const struct view_rsc *r = g_ptr_array_index(prims, j);
				long long last = 0;
				int fc = view_failcount(n, r->id, &last);

				g_string_append(o, "heartbeat_resource_fail_count{");
				label(o, "resource", r->id);
				g_string_append_c(o, ',');
				label(o, "node", n->uname);
				g_string_append_printf(o, "} %d\n", fc > 0 ? fc : 0);
			}
		}
		family(o, "heartbeat_crm_quorum", "gauge", "Whether the partition has quorum.");
		g_string_append_printf(o, "heartbeat_crm_quorum %d\n", s->view->have_quorum ? 1 : 0);
		family(o, "heartbeat_crm_dc", "gauge", "The designated controller (1 on its node).");
		for (i = 0; i < s->view->nodes->len; i++) {
			struct view_node *n = g_ptr_array_index(s->view->nodes, i);

			g_string_append(o, "heartbeat_crm_dc{");
			label(o, "node", n->uname);
			g_string_append_printf(o, "} %d\n", s->view->dc == n);
		}
		if (s->crmd.have) {
			family(o, "heartbeat_crm_transitions_total", "counter",
			       "Transitions with actions this node's controller ran as DC, by outcome.");
			g_string_append_printf(o, "heartbeat_crm_transitions_total{result=\"complete\"} %lu\n", s->crmd.complete);
			g_string_append_printf(o, "heartbeat_crm_transitions_total{result=\"aborted\"} %lu\n", s->crmd.aborted);
			family(o, "heartbeat_crm_transition_duration_seconds", "summary",
			       "Run time of those transitions, from the graph to the last action's result.");
			g_string_append_printf(o, "heartbeat_crm_transition_duration_seconds_sum %.3f\n", s->crmd.seconds);
			g_string_append_printf(o, "heartbeat_crm_transition_duration_seconds_count %lu\n",
					       s->crmd.complete + s->crmd.aborted);
			family(o, "heartbeat_crm_dc_changes_total", "counter", "Times this node's controller saw the DC change.");
			g_string_append_printf(o, "heartbeat_crm_dc_changes_total %lu\n", s->crmd.dc_changes);
		}
		g_ptr_array_free(prims, TRUE);
	} else if (s->hb) {
		const struct json_val *groups = json_get(json_get(s->hb, "resources"), "groups");
		size_t k;

		for (k = 0; k < json_len(groups); k++) {
			const struct json_val *g = json_at(groups, k);
			const char *owner = json_get_str(g, "owner");

			g_string_append(o, "heartbeat_resource_up{");
			label(o, "resource", json_get_str(g, "key"));
			g_string_append_c(o, ',');
			label(o, "node", owner ? owner : "");
			g_string_append_printf(o, "} %d\n", !strcmp(mgmt_v1_state(g), "started"));
		}
		family(o, "heartbeat_resource_failed", "gauge", "Whether the group's last operation here failed.");
		for (k = 0; k < json_len(groups); k++) {
			const struct json_val *g = json_at(groups, k), *f = json_get(g, "last_failure");

			g_string_append(o, "heartbeat_resource_failed{");
			label(o, "resource", json_get_str(g, "key"));
			g_string_append_printf(o, "} %d\n", f && f->type == JSON_OBJ);
		}
	}
}

char *mgmt_render_metrics(const struct mgmt_snap *s)
{
	GString *o = g_string_new(NULL);

	family(o, "heartbeat_up", "gauge", "Whether mgmtd could read the local heartbeat.");
	g_string_append_printf(o, "heartbeat_up %d\n", s->hb_up);
	metrics_nodes(o, s);
	metrics_counters(o, s);
	metrics_resources(o, s);
	return g_string_free(o, FALSE);
}
