/* The crm_mon screens in Pacemaker 1.0's text (tools/crm_mon.c
 * print_status and friends): the banner, node lines, resources (by
 * resource or by node), node attributes, the migration summary or
 * operation history, "Failed actions", and the -s one-liner. */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "crm_mon_out.h"
#include "crm_view_int.h"
#include "cib/cib_doc.h"

void mon_format_date(char *buf, size_t len, long long t)
{
	time_t tt = (time_t)t;
	struct tm tm;
	char tmp[64];
	if (!localtime_r(&tt, &tm) || !asctime_r(&tm, tmp))
		snprintf(tmp, sizeof tmp, "%lld", t);
	tmp[strcspn(tmp, "\n")] = 0;
	snprintf(buf, len, "%s", tmp);
}

static void print_header(FILE *out, struct view *v, const struct mon_opts *o)
{
	time_t now = (time_t)o->now;
	char buf[64];
	fputs("============\n", out);
	if (ctime_r(&now, buf))
		fprintf(out, "Last updated: %s", buf);
	if (v->stack)
		fprintf(out, "Stack: %s\n", v->stack);
	if (!v->dc) {
		fputs("Current DC: NONE\n", out);
	} else {
		if (v->dc->id && strcmp(v->dc->uname, v->dc->id))
			fprintf(out, "Current DC: %s (%s)", v->dc->uname, v->dc->id);
		else
			fprintf(out, "Current DC: %s", v->dc->uname);
		fprintf(out, " - partition %s quorum\n", v->have_quorum ? "with" : "WITHOUT");
		if (v->dc_version)
			fprintf(out, "Version: %s\n", v->dc_version);
	}
	fprintf(out, "%u Nodes configured, %s expected votes\n", v->nodes->len,
		v->expected_votes ? v->expected_votes : "unknown");
	fprintf(out, "%d Resources configured.\n", v->configured);
	fputs("============\n\n", out);
}

static const char *node_mode(const struct view_node *n)
{
	if (n->unclean)
		return n->online ? "UNCLEAN (online)" : n->pending ? "UNCLEAN (pending)" : "UNCLEAN (offline)";
	if (n->pending)
		return "pending";
	if (n->standby_onfail && n->online)
		return "standby (on-fail)";
	if (n->standby)
		return n->online ? "standby" : "OFFLINE (standby)";
	return n->online ? "online" : "OFFLINE";
}

static void print_nodes(FILE *out, struct view *v, const struct mon_opts *o)
{
	GString *online = g_string_new(NULL), *offline = g_string_new(NULL);
	for (guint i = 0; i < v->nodes->len; i++) {
		struct view_node *n = g_ptr_array_index(v->nodes, i);
		const char *mode = node_mode(n);
		if (!o->group_by_node && !strcmp(mode, "online")) {
			g_string_append_printf(online, " %s", n->uname);
			continue;
		}
		if (!o->group_by_node && !strcmp(mode, "OFFLINE")) {
			g_string_append_printf(offline, " %s", n->uname);
			continue;
		}
		if (!n->id || !strcmp(n->uname, n->id))
			fprintf(out, "Node %s: %s\n", n->uname, mode);
		else
			fprintf(out, "Node %s (%s): %s\n", n->uname, n->id, mode);
		if (o->group_by_node)
			for (guint k = 0; k < n->running->len; k++)
				print_rsc(out, g_ptr_array_index(n->running, k), "\t", PRINT_RSCONLY);
	}
	if (online->len)
		fprintf(out, "Online: [%s ]\n", online->str);
	if (offline->len)
		fprintf(out, "OFFLINE: [%s ]\n", offline->str);
	g_string_free(online, TRUE);
	g_string_free(offline, TRUE);
}

static void print_resources(FILE *out, struct view *v, const struct mon_opts *o)
{
	if (!o->group_by_node && o->inactive)
		fputs("\nFull list of resources:\n", out);
	else if (o->inactive)
		fputs("\nInactive resources:\n", out);
	if (o->group_by_node && !o->inactive)
		return;
	fputc('\n', out);
	for (guint i = 0; i < v->rscs->len; i++) {
		struct view_rsc *r = g_ptr_array_index(v->rscs, i);
		int active = view_active(r, 1), partial = view_active(r, 0);
		if (r->orphan && !active)
			continue;
		if (!o->group_by_node) {
			if (partial || o->inactive)
				print_rsc(out, r, NULL, 0);
		} else if (!active && o->inactive) {
			print_rsc(out, r, NULL, 0);
		}
	}
}

/* Names crm_mon -A leaves out: the cluster's own bookkeeping. */
static int filtered_attr(const char *name)
{
	static const char *const prefixes[] = { "shutdown", "terminate", "standby", "fail-count", "last-failure",
						"probe_complete", "#id", "#uname", "#is_dc", NULL };
	for (int i = 0; prefixes[i]; i++)
		if (g_str_has_prefix(name, prefixes[i]))
			return 1;
	return 0;
}

static int cmp_name(gconstpointer a, gconstpointer b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int param_int(xmlNodePtr prim, const char *name, int def)
{
	for (xmlNodePtr s = prim ? prim->children : NULL; s; s = s->next) {
		if (s->type != XML_ELEMENT_NODE || strcmp((const char *)s->name, "instance_attributes"))
			continue;
		for (xmlNodePtr nv = s->children; nv; nv = nv->next)
			if (cib_xml_attr(nv, "name") && !strcmp(cib_xml_attr(nv, "name"), name) && cib_xml_attr(nv, "value"))
				return atoi(cib_xml_attr(nv, "value"));
	}
	return def;
}

static const char *param_str(xmlNodePtr prim, const char *name)
{
	for (xmlNodePtr s = prim ? prim->children : NULL; s; s = s->next) {
		if (s->type != XML_ELEMENT_NODE || strcmp((const char *)s->name, "instance_attributes"))
			continue;
		for (xmlNodePtr nv = s->children; nv; nv = nv->next)
			if (cib_xml_attr(nv, "name") && !strcmp(cib_xml_attr(nv, "name"), name))
				return cib_xml_attr(nv, "value");
	}
	return NULL;
}

/* 1.0's connectivity note after a pingd attribute: the ping resource
 * running here that maintains it, compared with its host_list. */
static void ping_note(FILE *out, const struct view_node *n, const char *name, const char *value)
{
	for (guint i = 0; i < n->running->len; i++) {
		const struct view_rsc *r = g_ptr_array_index(n->running, i);
		if (!r->type || (strcmp(r->type, "ping") && strcmp(r->type, "pingd")))
			continue;
		const char *an = param_str(r->xml, "name");
		if (strcmp(an ? an : "pingd", name))
			continue;
		const char *hl = param_str(r->xml, "host_list");
		char **hosts = g_strsplit(hl ? hl : "", " ", 0);
		int count = 0;
		for (int k = 0; hosts[k]; k++)
			count += hosts[k][0] != 0;
		g_strfreev(hosts);
		int expected = count * param_int(r->xml, "multiplier", 1);
		int val = value ? atoi(value) : 0;
		if (val <= 0)
			fputs("\t: Connectivity is lost", out);
		else if (val < expected)
			fprintf(out, "\t: Connectivity is degraded (Expected=%d)", expected);
	}
}

GPtrArray *mon_attr_names(const struct view_node *n)
{
	GPtrArray *names = g_ptr_array_new();
	for (guint k = 0; k < n->attrs->len; k++) {
		struct view_nv *nv = g_ptr_array_index(n->attrs, k);
		int dup = 0;
		for (guint q = 0; q < names->len; q++)
			dup |= !strcmp(g_ptr_array_index(names, q), nv->name);
		if (!dup && !filtered_attr(nv->name))
			g_ptr_array_add(names, (gpointer)nv->name);
	}
	g_ptr_array_sort(names, cmp_name);
	return names;
}

static void print_attributes(FILE *out, struct view *v)
{
	fputs("\nNode Attributes:\n", out);
	for (guint i = 0; i < v->nodes->len; i++) {
		struct view_node *n = g_ptr_array_index(v->nodes, i);
		if (!n->online)
			continue;
		fprintf(out, "* Node %s:\n", n->uname);
		GPtrArray *names = mon_attr_names(n);
		for (guint k = 0; k < names->len; k++) {
			const char *name = g_ptr_array_index(names, k), *value = view_node_attr(n, name);
			fprintf(out, "    + %-32s\t: %-10s", name, value);
			ping_note(out, n, name, value);
			fputc('\n', out);
		}
		g_ptr_array_free(names, TRUE);
	}
}

GArray *mon_node_history(struct view *v, xmlNodePtr ns, struct view_node *n, int all)
{
	GArray *a = g_array_new(FALSE, TRUE, sizeof(struct mon_hist));
	xmlNodePtr rs = cib_xml_child(cib_xml_child(ns, "lrm", NULL), "lrm_resources", NULL);
	for (xmlNodePtr lr = rs ? rs->children : NULL; lr; lr = lr->next) {
		struct mon_hist h = { lr, cib_xml_attr(lr, "id"), NULL, 0, 0 };
		if (lr->type != XML_ELEMENT_NODE || strcmp((const char *)lr->name, "lrm_resource") || !h.id)
			continue;
		h.r = view_history_rsc(v, h.id, n);
		if (h.r)
			h.fail_count = view_failcount(n, h.r->id, &h.last_failure);
		if (!all && h.r && !h.fail_count && h.last_failure <= 0)
			continue;
		g_array_append_val(a, h);
	}
	return a;
}

/* 1.0's migration summary line. */
static void rsc_summary(FILE *out, const struct mon_hist *h)
{
	fprintf(out, "   %s: migration-threshold=%d", h->r->id, h->r->migration_threshold);
	if (h->fail_count > 0)
		fprintf(out, " fail-count=%d", h->fail_count);
	if (h->last_failure > 0) {
		char buf[64];
		mon_format_date(buf, sizeof buf, h->last_failure);
		fprintf(out, " last-failure='%s'", buf);
	}
	fputc('\n', out);
}

static void print_date_attr(FILE *out, xmlNodePtr op, const char *attr)
{
	const char *v = cib_xml_attr(op, attr);
	if (v) {
		char buf[64];
		mon_format_date(buf, sizeof buf, atoll(v));
		fprintf(out, " %s='%s'", attr, buf);
	}
}

static void rsc_history(FILE *out, const struct mon_hist *h, int timing)
{
	GPtrArray *ops = view_sorted_ops(h->lrm);
	int name_done = 0;
	for (guint i = 0; i < ops->len; i++) {
		xmlNodePtr op = g_ptr_array_index(ops, i);
		const char *call = view_op_attr(op, "call-id");
		const char *task = cib_xml_attr(op, "operation");
		const char *rc = view_op_attr(op, "rc-code");
		const char *interval = cib_xml_attr(op, "interval");
		int rci = rc ? atoi(rc) : 0;
		if (!task)
			continue;
		if (!strcmp(task, "monitor") && interval && !strcmp(interval, "0"))
			task = "probe";
		if ((rci == 7 && !strcmp(task, "probe")) || !strcmp(task, "notify"))
			continue;
		if (!name_done) {
			name_done = 1;
			if (!h->r)
				fprintf(out, "Orphan resource: %s", h->id);
			else
				rsc_summary(out, h);
		}
		fprintf(out, "    + (%s) %s:", call ? call : "(null)", task);
		if (interval && strcmp(interval, "0"))
			fprintf(out, " interval=%sms", interval);
		if (timing) {
			print_date_attr(out, op, "last-rc-change");
			print_date_attr(out, op, "last-run");
			const char *et = cib_xml_attr(op, "exec-time"), *qt = cib_xml_attr(op, "queue-time");
			if (et)
				fprintf(out, " exec-time=%dms", atoi(et));
			if (qt)
				fprintf(out, " queue-time=%dms", atoi(qt));
		}
		fprintf(out, " rc=%s (%s)\n", rc ? rc : "(null)", view_rc_text(rci));
	}
	g_ptr_array_free(ops, TRUE);
}

static void print_node_summary(FILE *out, struct view *v, const struct mon_opts *o)
{
	fputs(o->operations ? "\nOperations:\n" : "\nMigration summary:\n", out);
	xmlNodePtr status = cib_section(v->doc, "status");
	for (xmlNodePtr ns = status ? status->children : NULL; ns; ns = ns->next) {
		if (ns->type != XML_ELEMENT_NODE || strcmp((const char *)ns->name, "node_state"))
			continue;
		struct view_node *n = view_node_by_id(v, cib_xml_attr(ns, "id"));
		if (!n || !n->online)
			continue;
		fprintf(out, "* Node %s: ", cib_xml_attr(ns, "uname") ? cib_xml_attr(ns, "uname") : n->uname);
		if (!o->attributes) {
			const char *ping = view_node_attr(n, "pingd");
			if (ping)
				fprintf(out, " pingd=%s", ping);
		}
		fputc('\n', out);
		GArray *hist = mon_node_history(v, ns, n, o->operations);
		for (guint i = 0; i < hist->len; i++) {
			const struct mon_hist *h = &g_array_index(hist, struct mon_hist, i);
			if (o->operations)
				rsc_history(out, h, o->timing);
			else if (h->r)
				rsc_summary(out, h);
			else
				fprintf(out, "   %s: orphan\n", h->id);
		}
		g_array_free(hist, TRUE);
	}
}

static void print_failed(FILE *out, struct view *v)
{
	if (!v->failed->len)
		return;
	fputs("\nFailed actions:\n", out);
	for (guint i = 0; i < v->failed->len; i++) {
		struct view_op *f = g_ptr_array_index(v->failed, i);
		xmlNodePtr op = f->xml;
		const char *call = view_op_attr(op, "call-id");
		const char *rc = view_op_attr(op, "rc-code");
		const char *st = view_op_attr(op, "op-status");
		fprintf(out, "    %s (node=%s, call=%s, rc=%s, status=%s", f->key ? f->key : "(null)", f->node->uname,
			call ? call : "(null)", rc ? rc : "(null)", view_op_status_text(st ? atoi(st) : 0));
		/* 1.0 looked for last_run (underscore), which its own history
		 * never wrote; kept so the line reads the same either way. */
		const char *last = cib_xml_attr(op, "last_run");
		if (last) {
			time_t t = (time_t)atoll(last);
			char buf[64];
			if (!ctime_r(&t, buf))
				buf[0] = 0;
			const char *et = cib_xml_attr(op, "exec_time"), *qt = cib_xml_attr(op, "queue_time");
			fprintf(out, ", last-run=%s, queued=%sms, exec=%sms\n", buf, et ? et : "(null)", qt ? qt : "(null)");
		}
		fprintf(out, "): %s\n", view_rc_text(rc ? atoi(rc) : 0));
	}
}

void mon_print_status(FILE *out, struct view *v, const struct mon_opts *o)
{
	print_header(out, v, o);
	print_nodes(out, v, o);
	print_resources(out, v, o);
	if (o->attributes)
		print_attributes(out, v);
	if (o->operations || o->failcounts)
		print_node_summary(out, v, o);
	print_failed(out, v);
}

int mon_print_simple(FILE *out, struct view *v)
{
	int warned = 0, online = 0, standby = 0;
	if (!v->dc) {
		fputs("Warning:No DC ", out);
		warned = 1;
	}
	for (guint i = 0; i < v->nodes->len; i++) {
		struct view_node *n = g_ptr_array_index(v->nodes, i);
		if (n->standby && n->online) {
			standby++;
		} else if (n->online) {
			online++;
		} else {
			fputs(warned ? "," : "Warning:", out);
			fprintf(out, "offline node: %s", n->uname);
			warned = 1;
		}
	}
	if (!warned) {
		fprintf(out, "Ok: %d nodes online", online);
		if (standby)
			fprintf(out, ", %d standby nodes", standby);
		fprintf(out, ", %u resources configured", v->rscs->len);
	}
	fputc('\n', out);
	return warned;
}
