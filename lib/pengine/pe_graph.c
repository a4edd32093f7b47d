/* Writes the action graph: the transition-graph XML in the shape
 * crm_simulate -G writes (one synapse per action that will run, with the
 * resource, its parameters and CRM_meta_* attributes, and the actions it
 * waits for as input triggers, pseudo actions included), and a Graphviz
 * view.  The transition engine executes this file. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "pengine/pe.h"

/* What the graph says it speaks: the feature set of the CRM of heartbeat
 * 2.x / Pacemaker 1.0, the generation this engine reproduces. */
#define PE_GRAPH_FEATURE_SET "3.0.1"
#define PE_DEFAULT_TIMEOUT_MS 20000

const char *pe_task_name(const struct pe_action *a)
{
	switch (a->task) {
	case PE_START:
	case PE_START_P:
		return "start";
	case PE_STOP:
	case PE_STOP_P:
		return "stop";
	case PE_MONITOR:
	case PE_PROBE:
		return "monitor";
	case PE_RUNNING:
		return "running";
	case PE_STOPPED:
		return "stopped";
	case PE_FENCE:
		return "stonith";
	case PE_CANCEL:
		return "cancel";
	case PE_DELETE:
		return "delete";
	case PE_SHUTDOWN:
		return "do_shutdown";
	case PE_CLEAR_FAILCOUNT:
		return "clear_failcount";
	case PE_MIGRATE_TO:
		return "migrate_to";
	case PE_MIGRATE_FROM:
		return "migrate_from";
	case PE_PROMOTE:
	case PE_PROMOTE_P:
		return "promote";
	case PE_DEMOTE:
	case PE_DEMOTE_P:
		return "demote";
	case PE_PROMOTED:
		return "promoted";
	case PE_DEMOTED:
		return "demoted";
	case PE_NOTIFY:
	case PE_NOTIFY_P:
		return "notify";
	case PE_NOTIFIED:
		return "notified";
	}
	return "?";
}

/* RSC_pre_notify_start_0 (an instance told), CLONE_pre_notify_start_0,
 * CLONE_confirmed-post_notify_running_0 (the clone's): the clone's own keys
 * name the phase's DONE after it. */
static char *notify_key(const struct pe_action *a, const char *name)
{
	int clone = a->task != PE_NOTIFY;
	return g_strdup_printf("%s_%s%s_notify_%s_0", name, a->task == PE_NOTIFIED ? "confirmed-" : "",
			       a->notify_post ? "post" : "pre", pe_notify_op_name(a->notify_op, clone && a->notify_post));
}

char *pe_action_key(const struct pe_action *a)
{
	if (a->task == PE_FENCE)
		return g_strdup_printf("stonith-%s-%s", a->node ? a->node->uname : "?", a->fence_action ? a->fence_action : "reboot");
	if (a->task == PE_SHUTDOWN)
		return g_strdup_printf("do_shutdown-%s", a->node ? a->node->uname : "?");
	if (a->task == PE_CANCEL)
		/* The key of the operation cancelled. */
		return g_strdup_printf("%s_%s_%lld", a->rsc->clone_name ? a->rsc->clone_name : a->rsc->id,
				       a->cancel_op ? a->cancel_op : "monitor", a->interval_ms);
	if (!a->rsc)
		/* The delete of an orphan's history: the history's id. */
		return g_strdup_printf("%s_%s_0", a->lrm ? a->lrm->id : "?", pe_task_name(a));
	if (a->task == PE_CLEAR_FAILCOUNT)
		/* Fail counts belong to the configured resource, not the instance. */
		return g_strdup_printf("%s_%s_0", a->rsc->base, pe_task_name(a));
	long long iv = a->task == PE_MONITOR ? a->interval_ms : 0;
	const char *name = a->rsc->clone_name && !a->pseudo ? a->rsc->clone_name : a->rsc->id;
	if (a->task == PE_NOTIFY || a->task == PE_NOTIFY_P || a->task == PE_NOTIFIED)
		return notify_key(a, name);
	return g_strdup_printf("%s_%s_%lld", name, pe_task_name(a), iv);
}

/* The key with the instance's own name, when the operation key uses
 * another (an anonymous instance's history name, a fail count's owner). */
static char *internal_key(const struct pe_action *a)
{
	if (!a->rsc || a->rsc->kind != PE_PRIMITIVE || a->pseudo)
		return NULL;
	if (a->task == PE_CLEAR_FAILCOUNT || a->task == PE_DELETE) {
		if (!strcmp(a->rsc->id, a->rsc->base))
			return NULL;
		return g_strdup_printf("%s_%s_0", a->rsc->id, pe_task_name(a));
	}
	if (!a->rsc->clone_name || a->task == PE_FENCE || a->task == PE_SHUTDOWN)
		return NULL;
	if (a->task == PE_NOTIFY)
		return notify_key(a, a->rsc->id);
	long long iv = a->task == PE_MONITOR || a->task == PE_CANCEL ? a->interval_ms : 0;
	const char *op = a->task == PE_CANCEL && a->cancel_op ? a->cancel_op : pe_task_name(a);
	return g_strdup_printf("%s_%s_%lld", a->rsc->id, op, iv);
}

static int runs(const struct pe_action *a)
{
	return !a->optional && a->runnable;
}

static void xml_escape(FILE *f, const char *s)
{
	for (; *s; s++) {
		if (*s == '<')
			fputs("&lt;", f);
		else if (*s == '>')
			fputs("&gt;", f);
		else if (*s == '&')
			fputs("&amp;", f);
		else if (*s == '"')
			fputs("&quot;", f);
		else if (*s == '\n')
			fputs("&#10;", f);
		else
			fputc(*s, f);
	}
}

static void xattr(FILE *f, const char *name, const char *value)
{
	fprintf(f, " %s=\"", name);
	xml_escape(f, value);
	fputc('"', f);
}

static const char *element(const struct pe_action *a)
{
	if (a->task == PE_FENCE || a->task == PE_SHUTDOWN || a->task == PE_CLEAR_FAILCOUNT)
		return "crm_event";
	return a->pseudo || !a->node ? "pseudo_event" : "rsc_op";
}

/* The clone an action's resource is an instance (or part of one) of. */
static struct pe_rsc *clone_of(struct pe_rsc *r)
{
	for (struct pe_rsc *p = r; p; p = p->parent)
		if (p->kind == PE_CLONE)
			return p;
	return NULL;
}

/* The instance number of r in its clone ("rsc:3" -> 3), -1 if none. */
static int instance_no(const struct pe_rsc *r)
{
	const char *c = strrchr(r->id, ':');
	return c && c[1] ? atoi(c + 1) : -1;
}

static struct cib_op *cfg_op(const struct pe_rsc *r, const char *name, long long interval)
{
	if (!r || !r->cfg || !r->cfg->ops)
		return NULL;
	for (guint i = 0; i < r->cfg->ops->len; i++) {
		struct cib_op *o = g_ptr_array_index(r->cfg->ops, i);
		if (!strcmp(o->name, name) && o->interval_ms == interval)
			return o;
	}
	return NULL;
}

/* The agent's exit code the action expects: a probe "not running" (7), a
 * monitor of the promoted role "running promoted" (8), the rest 0. */
static int target_rc(const struct pe_action *a)
{
	if (a->task == PE_PROBE)
		return 7;
	struct cib_op *o = a->task == PE_MONITOR ? cfg_op(a->rsc, "monitor", a->interval_ms) : NULL;
	return o && o->role && pe_role_parse(o->role) == PE_ROLE_PROMOTED ? 8 : 0;
}

/* The timeout an action runs with: its configured op's, else op_defaults',
 * else the cluster's default-action-timeout, else 20s. */
long long pe_action_timeout(struct pe_ws *ws, const struct pe_action *a)
{
	const char *name = a->task == PE_CANCEL ? NULL : pe_task_name(a);
	long long iv = a->task == PE_MONITOR ? a->interval_ms : 0;
	struct cib_op *o = name && a->rsc && a->rsc->kind == PE_PRIMITIVE ? cfg_op(a->rsc, name, iv) : NULL;
	if (!o && a->task == PE_PROBE && a->rsc && a->rsc->cfg && a->rsc->cfg->ops) {
		/* A probe without its own op runs with the timeout of the
		 * most frequent recurring monitor. */
		for (guint i = 0; i < a->rsc->cfg->ops->len; i++) {
			struct cib_op *m = g_ptr_array_index(a->rsc->cfg->ops, i);
			if (!strcmp(m->name, "monitor") && m->interval_ms > 0 && m->timeout_ms > 0 &&
			    (!o || m->interval_ms < o->interval_ms))
				o = m;
		}
	}
	if (o && o->timeout_ms > 0)
		return o->timeout_ms;
	const char *v = cib_nv_get(&ws->cib->op_defaults, "timeout");
	if (!v)
		v = cib_nv_get(&ws->cib->options, "default-action-timeout");
	long long t = v ? cib_parse_interval(v) : -1;
	return t > 0 ? t : PE_DEFAULT_TIMEOUT_MS;
}

/* Name/value pairs of <attributes>, written sorted by name as Pacemaker's
 * XML writer does. */
static void kv(GPtrArray *l, const char *k, char *v)
{
	g_ptr_array_add(l, g_strdup(k));
	g_ptr_array_add(l, v);
}

static int cmp_pair(const void *a, const void *b)
{
	return strcmp(**(char *const *const *)a, **(char *const *const *)b);
}

/* Can name be an XML attribute name?  A heartbeat-class agent's positional
 * parameters are called "1", "2", ...; an attribute of that name would
 * make the graph unreadable.  Namespaces are not ours to declare either. */
static int xml_name_ok(const char *name)
{
	if (!g_ascii_isalpha(*name) && *name != '_')
		return 0;
	for (const char *c = name + 1; *c; c++)
		if (!g_ascii_isalnum(*c) && *c != '_' && *c != '-' && *c != '.')
			return 0;
	return strncmp(name, "xmlns", 5) != 0;
}

/* The rest go as <param name= value=> children, which Pacemaker's graph
 * reader takes as the same name/value pairs. */
static void write_attributes(FILE *f, GPtrArray *l, const char *ind)
{
	guint n = l->len / 2, odd = 0;
	char ***pairs = g_new0(char **, n + 1);
	for (guint i = 0; i < n; i++)
		pairs[i] = (char **)&l->pdata[2 * i];
	qsort(pairs, n, sizeof *pairs, cmp_pair);
	fprintf(f, "%s<attributes", ind);
	for (guint i = 0; i < n; i++) {
		/* A name given twice (a parameter shadowing meta) keeps the first. */
		if (i && !strcmp(pairs[i][0], pairs[i - 1][0]))
			pairs[i] = NULL;
		else if (xml_name_ok(pairs[i][0]))
			xattr(f, pairs[i][0], pairs[i][1]);
		else
			odd++;
	}
	if (odd) {
		fputs(">\n", f);
		for (guint i = 0; i < n; i++)
			if (pairs[i] && !xml_name_ok(pairs[i][0])) {
				fprintf(f, "%s  <param", ind);
				xattr(f, "name", pairs[i][0]);
				xattr(f, "value", pairs[i][1]);
				fputs("/>\n", f);
			}
		fprintf(f, "%s</attributes>\n", ind);
	} else {
		fputs("/>\n", f);
	}
	g_free(pairs);
	for (guint i = 0; i < l->len; i++)
		g_free(l->pdata[i]);
}

static void clone_meta(GPtrArray *l, struct pe_rsc *c)
{
	const char *gu = cib_nv_get(&c->cfg->meta, "globally-unique");
	const char *nt = cib_nv_get(&c->cfg->meta, "notify");
	kv(l, "CRM_meta_clone_max", g_strdup_printf("%d", c->clone_max));
	kv(l, "CRM_meta_clone_node_max", g_strdup_printf("%d", c->clone_node_max));
	kv(l, "CRM_meta_globally_unique", g_strdup(gu && cib_is_true(gu) ? "true" : "false"));
	kv(l, "CRM_meta_notify", g_strdup(nt && cib_is_true(nt) ? "true" : "false"));
	if (c->promotable) {
		/* Agents read the limits under both names. */
		kv(l, "CRM_meta_promoted_max", g_strdup_printf("%d", c->promoted_max));
		kv(l, "CRM_meta_promoted_node_max", g_strdup_printf("%d", c->promoted_node_max));
		kv(l, "CRM_meta_master_max", g_strdup_printf("%d", c->promoted_max));
		kv(l, "CRM_meta_master_node_max", g_strdup_printf("%d", c->promoted_node_max));
	}
}

/* A notification's own attributes: what is notified, and when. */
static void notify_meta(GPtrArray *l, const struct pe_action *a)
{
	const char *type = a->notify_post ? "post" : "pre";
	kv(l, "CRM_meta_notify_type", g_strdup(type));
	kv(l, "CRM_meta_notify_operation", g_strdup(pe_notify_op_name(a->notify_op, 0)));
	kv(l, "CRM_meta_notify_key_type", a->task == PE_NOTIFIED ? g_strdup_printf("confirmed-%s", type) : g_strdup(type));
	kv(l, "CRM_meta_notify_key_operation", g_strdup(pe_notify_op_name(a->notify_op, a->notify_post)));
}

/* An instance's notifications and its start, stop, promote and demote carry
 * the clone's notification lists. */
static void notify_data(GPtrArray *l, const struct pe_action *a, const struct pe_rsc *c)
{
	if (!c->notify_data || a->pseudo)
		return;
	if (a->task != PE_NOTIFY && a->task != PE_START && a->task != PE_STOP && a->task != PE_PROMOTE &&
	    a->task != PE_DEMOTE)
		return;
	for (guint i = 0; i + 1 < c->notify_data->len; i += 2)
		kv(l, g_ptr_array_index(c->notify_data, i), g_strdup(g_ptr_array_index(c->notify_data, i + 1)));
}

static void action_attributes(struct pe_ws *ws, FILE *f, const struct pe_action *a, const char *ind)
{
	GPtrArray *l = g_ptr_array_new();
	struct pe_rsc *r = a->rsc;
	struct pe_rsc *c = r ? clone_of(r) : NULL;
	if (c) {
		clone_meta(l, c);
		if (r->kind == PE_PRIMITIVE) {
			/* The instance number is the clone's child's, i.e. the
			 * primitive's own or its group's. */
			int no = instance_no(r);
			if (no >= 0)
				kv(l, "CRM_meta_clone", g_strdup_printf("%d", no));
		}
		notify_data(l, a, c);
		if (a->task == PE_NOTIFY || a->task == PE_NOTIFY_P || a->task == PE_NOTIFIED)
			notify_meta(l, a);
	}
	if (a->node && !(a->pseudo && a->task != PE_FENCE)) {
		kv(l, "CRM_meta_on_node", g_strdup(a->node->uname));
		kv(l, "CRM_meta_on_node_uuid", g_strdup(a->node->id ? a->node->id : a->node->uname));
	}
	switch (a->task) {
	case PE_FENCE:
		kv(l, "CRM_meta_stonith_action", g_strdup(a->fence_action ? a->fence_action : "reboot"));
		break;
	case PE_SHUTDOWN:
		kv(l, "CRM_meta_op_no_wait", g_strdup("true"));
		break;
	case PE_CLEAR_FAILCOUNT:
		kv(l, "CRM_meta_op_no_wait", g_strdup("true"));
		kv(l, "CRM_meta_timeout", g_strdup_printf("%lld", pe_action_timeout(ws, a)));
		break;
	case PE_MIGRATE_TO:
	case PE_MIGRATE_FROM: {
		struct pe_node *src = r->running->len ? g_ptr_array_index(r->running, 0) : NULL;
		if (src)
			kv(l, "CRM_meta_migrate_source", g_strdup(src->uname));
		if (r->next)
			kv(l, "CRM_meta_migrate_target", g_strdup(r->next->uname));
		struct cib_op *o = cfg_op(r, pe_task_name(a), 0);
		if (o)
			kv(l, "CRM_meta_name", g_strdup(pe_task_name(a)));
		kv(l, "CRM_meta_timeout", g_strdup_printf("%lld", pe_action_timeout(ws, a)));
		break;
	}
	case PE_CANCEL:
		kv(l, "CRM_meta_call_id", g_strdup_printf("%d", a->cancel_call_id));
		kv(l, "CRM_meta_interval", g_strdup_printf("%lld", a->interval_ms));
		kv(l, "CRM_meta_operation", g_strdup(a->cancel_op ? a->cancel_op : "monitor"));
		kv(l, "CRM_meta_timeout", g_strdup_printf("%lld", pe_action_timeout(ws, a)));
		break;
	default: {
		struct cib_op *o = NULL;
		if (a->task == PE_MONITOR) {
			kv(l, "CRM_meta_interval", g_strdup_printf("%lld", a->interval_ms));
			o = cfg_op(r, "monitor", a->interval_ms);
		} else if (r && r->kind == PE_PRIMITIVE && !a->pseudo && a->task != PE_PROBE) {
			o = cfg_op(r, pe_task_name(a), 0);
		}
		/* A configured op passes its name and on-fail on. */
		if (o || a->task == PE_MONITOR)
			kv(l, "CRM_meta_name", g_strdup(pe_task_name(a)));
		if (o && o->on_fail)
			kv(l, "CRM_meta_on_fail", g_strdup(o->on_fail));
		if (o && o->start_delay_ms > 0)
			kv(l, "CRM_meta_start_delay", g_strdup_printf("%lld", o->start_delay_ms));
		/* A monitor of one role says so; what the agent should answer
		 * when it is not 0 is written too (the transition key has it). */
		int role = a->task == PE_MONITOR && o ? pe_role_parse(o->role) : PE_ROLE_UNKNOWN;
		if (role > PE_ROLE_STARTED)
			kv(l, "CRM_meta_role", g_strdup(pe_role_name(role)));
		if (target_rc(a))
			kv(l, "CRM_meta_op_target_rc", g_strdup_printf("%d", target_rc(a)));
		kv(l, "CRM_meta_timeout", g_strdup_printf("%lld", pe_action_timeout(ws, a)));
		break;
	}
	}
	kv(l, "crm_feature_set", g_strdup(PE_GRAPH_FEATURE_SET));
	/* The agent's parameters go with every real resource action. */
	if (r && r->kind == PE_PRIMITIVE && !a->pseudo && a->task != PE_FENCE && r->cfg->params.items)
		for (guint i = 0; i < r->cfg->params.items->len; i++) {
			struct cib_nv *nv = g_ptr_array_index(r->cfg->params.items, i);
			if (g_ascii_strcasecmp(nv->value, "#default")) /* "#default": not set */
				kv(l, nv->name, g_strdup(nv->value));
		}
	write_attributes(f, l, ind);
	g_ptr_array_free(l, TRUE);
}

/* The opening tag of an action: id, operation, key, node; `full` adds
 * the primitive, the attributes and, for fencing, the node taken down. */
static void write_action(struct pe_ws *ws, FILE *f, const struct pe_action *a, const char *ind, int full)
{
	const char *el = element(a);
	char *k = pe_action_key(a);
	fprintf(f, "%s<%s id=\"%d\"", ind, el, a->id);
	xattr(f, "operation", pe_task_name(a));
	xattr(f, "operation_key", k);
	g_free(k);
	char *ik = internal_key(a);
	if (ik)
		xattr(f, "internal_operation_key", ik);
	g_free(ik);
	if (a->node && !(a->pseudo && a->task != PE_FENCE)) {
		xattr(f, "on_node", a->node->uname);
		xattr(f, "on_node_uuid", a->node->id ? a->node->id : a->node->uname);
	}
	if (full && !strcmp(el, "rsc_op")) {
		/* As the controller keys the op it dispatches:
		 * action:transition:expected-rc:DC. */
		char *tk = g_strdup_printf("%d:0:%d:%s", a->id, target_rc(a),
					   ws->cib->dc_uuid ? ws->cib->dc_uuid : "0");
		xattr(f, "transition-key", tk);
		g_free(tk);
	}
	if (!full) {
		fputs("/>\n", f);
		return;
	}
	fputs(">\n", f);
	char *in = g_strconcat(ind, "  ", NULL);
	struct pe_rsc *r = a->rsc;
	if (r && r->kind == PE_PRIMITIVE && !a->pseudo) {
		struct cib_rsc *c = r->cfg;
		fprintf(f, "%s<primitive", in);
		xattr(f, "id", r->base);
		if (strcmp(r->id, r->base))
			xattr(f, "long-id", r->id);
		if (c->cls)
			xattr(f, "class", c->cls);
		if (c->provider && c->cls && !strcmp(c->cls, "ocf"))
			xattr(f, "provider", c->provider);
		if (c->type)
			xattr(f, "type", c->type);
		fputs("/>\n", f);
	} else if (!r && a->lrm) {
		fprintf(f, "%s<primitive", in);
		xattr(f, "id", a->lrm->id);
		if (a->lrm->cls)
			xattr(f, "class", a->lrm->cls);
		if (a->lrm->provider)
			xattr(f, "provider", a->lrm->provider);
		if (a->lrm->type)
			xattr(f, "type", a->lrm->type);
		fputs("/>\n", f);
	}
	action_attributes(ws, f, a, in);
	if ((a->task == PE_FENCE || a->task == PE_SHUTDOWN) && a->node)
		fprintf(f, "%s<downed>\n%s  <node id=\"%s\"/>\n%s</downed>\n", in, in,
			a->node->id ? a->node->id : a->node->uname, in);
	g_free(in);
	fprintf(f, "%s</%s>\n", ind, el);
}

int pe_write_graph_stream(struct pe_ws *ws, FILE *f)
{
	GPtrArray *acts = pe_sorted_actions(ws);
	const char *delay = cib_nv_get(&ws->cib->options, "cluster-delay");
	const char *st = cib_nv_get(&ws->cib->options, "stonith-timeout");
	fprintf(f, "<transition_graph");
	xattr(f, "cluster-delay", delay ? delay : "60s");
	xattr(f, "stonith-timeout", st ? st : "60s");
	fprintf(f, " failed-stop-offset=\"INFINITY\" failed-start-offset=\"%s\" batch-limit=\"0\" transition_id=\"0\"",
		ws->start_failure_fatal ? "INFINITY" : "1");
	if (!acts->len) {
		fputs("/>\n", f);
		g_ptr_array_free(acts, TRUE);
		return 0;
	}
	fputs(">\n", f);
	for (guint i = 0; i < acts->len; i++) {
		struct pe_action *a = g_ptr_array_index(acts, i);
		fprintf(f, "  <synapse id=\"%u\">\n    <action_set>\n", i);
		write_action(ws, f, a, "      ", 1);
		fputs("    </action_set>\n", f);
		/* Inputs: every ordering whose first action runs, once each. */
		GHashTable *seen = g_hash_table_new(g_direct_hash, g_direct_equal);
		int any = 0;
		for (guint k = 0; k < a->after->len; k++) {
			struct pe_order *o = g_ptr_array_index(a->after, k);
			if (!runs(o->first) || g_hash_table_contains(seen, o->first))
				continue;
			g_hash_table_add(seen, o->first);
			if (!any++)
				fputs("    <inputs>\n", f);
			fputs("      <trigger>\n", f);
			write_action(ws, f, o->first, "        ", 0);
			fputs("      </trigger>\n", f);
		}
		g_hash_table_destroy(seen);
		fputs(any ? "    </inputs>\n" : "    <inputs/>\n", f);
		fputs("  </synapse>\n", f);
	}
	fputs("</transition_graph>\n", f);
	g_ptr_array_free(acts, TRUE);
	return 0;
}

int pe_write_graph_xml(struct pe_ws *ws, const char *path)
{
	FILE *f = fopen(path, "w");
	if (!f)
		return -1;
	pe_write_graph_stream(ws, f);
	return fclose(f) == 0 ? 0 : -1;
}

static char *label(const struct pe_action *a)
{
	char *k = pe_action_key(a);
	char *l = a->node && a->rsc && !a->pseudo ? g_strdup_printf("%s %s", k, a->node->uname) : g_strdup(k);
	g_free(k);
	return l;
}

int pe_write_graph_dot(struct pe_ws *ws, const char *path)
{
	FILE *f = fopen(path, "w");
	if (!f)
		return -1;
	GPtrArray *acts = pe_sorted_actions(ws);
	fprintf(f, "digraph \"g\" {\n");
	for (guint i = 0; i < acts->len; i++) {
		struct pe_action *a = g_ptr_array_index(acts, i);
		char *l = label(a);
		fprintf(f, "\"%s\" [ style=bold color=\"%s\" fontcolor=\"%s\"]\n", l,
			a->pseudo ? "orange" : "green", a->pseudo ? "orange" : "black");
		g_free(l);
	}
	for (guint i = 0; i < acts->len; i++) {
		struct pe_action *a = g_ptr_array_index(acts, i);
		for (guint k = 0; k < a->after->len; k++) {
			struct pe_order *o = g_ptr_array_index(a->after, k);
			if (!runs(o->first))
				continue;
			char *x = label(o->first), *y = label(a);
			fprintf(f, "\"%s\" -> \"%s\" [ style = bold]\n", x, y);
			g_free(x);
			g_free(y);
		}
	}
	fprintf(f, "}\n");
	g_ptr_array_free(acts, TRUE);
	return fclose(f) == 0 ? 0 : -1;
}
