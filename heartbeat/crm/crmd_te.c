/* The transition engine on the DC: carries out the engine's graph (the
 * transition_graph XML of lib/pengine/pe_graph.c).  An action runs once
 * every action it waits for has been confirmed; pseudo actions confirm at
 * once; resource actions go to the target node's controller (ours: the
 * local executor directly), which answers with the result.  Results are
 * recorded in the status section (crmd_status.c); a result other than the
 * expected one counts as a failure (fail-count-RSC, last-failure-RSC) and
 * aborts the transition: nothing new starts, and once the actions in
 * flight have reported the engine computes again.  batch-limit bounds the
 * actions in flight; each has a timer (its timeout plus cluster-delay). */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "clock.h"
#include "crmd.h"
#include "cib/cib.h"
#include "pengine/pe.h"

#define CLUSTER_DELAY_MS 20000
#define FENCE_RETRY_MS 2000

struct te_action {
	int id;
	char *operation, *key, *rsc, *node;
	char *cancel_op;         /* cancel: the operation cancelled */
	char *fence_action;      /* stonith: reboot / poweroff */
	GPtrArray *meta;         /* name, value: the clone's CRM_meta_* for the agent */
	long long interval_ms;
	int target_rc;           /* what the agent should answer: 7 probe, 8 promoted monitor, 0 */
	bool pseudo, fence;
	GArray *inputs;          /* int ids */
	int state;               /* 0 waiting, 1 in flight, 2 confirmed */
	struct timer timer;
};

static struct {
	GPtrArray *actions;      /* struct te_action * */
	struct cib *model;       /* the configuration the graph was made from */
	int inflight;
	bool aborted, active;
	bool hold;               /* aborted for something a new run cannot fix: wait for an event */
	bool in_run;             /* inside run_ready: aborts only mark */
	int batch_limit;
	uint64_t started_ms;     /* when the running transition began */
} te;

static void action_free(gpointer p)
{
	struct te_action *a = p;
	timer_stop(&a->timer);
	g_free(a->operation);
	g_free(a->cancel_op);
	g_free(a->fence_action);
	g_free(a->key);
	g_free(a->rsc);
	g_free(a->node);
	if (a->meta)
		g_ptr_array_free(a->meta, TRUE);
	g_array_free(a->inputs, TRUE);
	g_free(a);
}

bool te_busy(void)
{
	return te.inflight > 0;
}

/* A transition that ran ends: complete, or aborted/superseded. */
static void te_account(bool complete)
{
	if (!te.active)
		return;
	if (complete)
		crmd.stats.complete++;
	else
		crmd.stats.aborted++;
	crmd.stats.seconds += (double)(clock_ms() - te.started_ms) / 1000.0;
}

static void te_reset(void)
{
	if (te.actions)
		g_ptr_array_free(te.actions, TRUE);
	te.actions = NULL;
	if (te.model)
		cib_free(te.model);
	te.model = NULL;
	te.inflight = 0;
	te.active = false;
	te.aborted = false;
	te.hold = false;
}

static struct te_action *find_action(int id)
{
	for (guint i = 0; te.actions && i < te.actions->len; i++) {
		struct te_action *a = g_ptr_array_index(te.actions, i);
		if (a->id == id)
			return a;
	}
	return NULL;
}

/* The CRM_meta_* attributes an agent of a clone instance reads from its
 * environment (OCF_RESKEY_CRM_meta_notify_type, ..._clone_max, ...): the
 * notification's kind and lists, the clone's shape.  The executor sets
 * interval, timeout and name itself. */
int te_agent_meta(const char *name)
{
	static const char *const prefixes[] = { "CRM_meta_notify", "CRM_meta_clone", "CRM_meta_globally_unique",
						"CRM_meta_promoted_", "CRM_meta_master_" };
	for (size_t i = 0; i < sizeof prefixes / sizeof *prefixes; i++)
		if (!strncmp(name, prefixes[i], strlen(prefixes[i])))
			return 1;
	return 0;
}

static GPtrArray *agent_meta(xmlNodePtr attrs)
{
	GPtrArray *l = NULL;
	for (xmlAttrPtr p = attrs ? attrs->properties : NULL; p; p = p->next) {
		const char *name = (const char *)p->name;
		if (!te_agent_meta(name))
			continue;
		xmlChar *v = xmlGetProp(attrs, p->name);
		if (!l)
			l = g_ptr_array_new_with_free_func(g_free);
		g_ptr_array_add(l, g_strdup(name));
		g_ptr_array_add(l, g_strdup(v ? (const char *)v : ""));
		xmlFree(v);
	}
	return l;
}

static struct te_action *parse_action(xmlNodePtr n)
{
	struct te_action *a = g_new0(struct te_action, 1);
	const char *id = cib_xml_attr(n, "id"), *op = cib_xml_attr(n, "operation");
	const char *key = cib_xml_attr(n, "operation_key"), *node = cib_xml_attr(n, "on_node");
	a->id = id ? atoi(id) : -1;
	a->operation = g_strdup(op ? op : "");
	a->key = g_strdup(key ? key : "");
	a->node = g_strdup(node);
	a->pseudo = !strcmp((const char *)n->name, "pseudo_event");
	/* crm_event: fencing, and the controller's own events (clear_failcount,
	 * do_shutdown) */
	a->fence = !strcmp((const char *)n->name, "crm_event") && !strcmp(a->operation, "stonith");
	a->inputs = g_array_new(FALSE, FALSE, sizeof(int));
	/* The full form names the primitive and carries CRM_meta_* attributes. */
	xmlNodePtr prim = cib_xml_child(n, "primitive", NULL), attrs = cib_xml_child(n, "attributes", NULL);
	const char *pid = prim ? cib_xml_attr(prim, "long-id") : NULL;
	if (!pid && prim)
		pid = cib_xml_attr(prim, "id");
	const char *iv = attrs ? cib_xml_attr(attrs, "CRM_meta_interval") : NULL;
	const char *cop = attrs ? cib_xml_attr(attrs, "CRM_meta_operation") : NULL;
	a->cancel_op = g_strdup(cop);
	a->fence_action = g_strdup(attrs ? cib_xml_attr(attrs, "CRM_meta_stonith_action") : NULL);
	if (!a->pseudo && !strcmp((const char *)n->name, "rsc_op"))
		a->meta = agent_meta(attrs);
	const char *trc = attrs ? cib_xml_attr(attrs, "CRM_meta_op_target_rc") : NULL;
	a->target_rc = trc ? atoi(trc) : -1;
	/* else the key: RSC_OPERATION_INTERVAL */
	char *last = strrchr(a->key, '_');
	if (last && !a->fence) {
		a->interval_ms = atoll(last + 1);
		const char *kop = !strcmp(a->operation, "cancel") && cop ? cop : a->operation;
		size_t oplen = strlen(kop);
		size_t rlen = (size_t)(last - a->key);
		if (rlen > oplen + 1)
			a->rsc = g_strndup(a->key, rlen - oplen - 1);
	}
	if (pid) {
		g_free(a->rsc);
		a->rsc = g_strdup(pid);
	}
	if (iv)
		a->interval_ms = atoll(iv);
	return a;
}

static xmlNodePtr first_elem(xmlNodePtr n)
{
	for (xmlNodePtr c = n ? n->children : NULL; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			return c;
	return NULL;
}

/* The <op> of the primitive's definition for (name, interval). */
static xmlNodePtr find_op_def(const char *rsc, const char *name, long long interval)
{
	xmlNodePtr prim = cib_xml_find_id(xmlDocGetRootElement(crmd.cib), "primitive", rsc);
	xmlNodePtr ops = prim ? cib_xml_child(prim, "operations", NULL) : NULL;
	for (xmlNodePtr o = ops ? ops->children : NULL; o; o = o->next) {
		if (o->type != XML_ELEMENT_NODE || strcmp((const char *)o->name, "op"))
			continue;
		const char *n = cib_xml_attr(o, "name"), *iv = cib_xml_attr(o, "interval");
		if (n && !strcmp(n, name) && (iv ? cib_parse_interval(iv) : 0) == interval)
			return o;
	}
	return NULL;
}

static const char *cluster_option(const char *name)
{
	return te.model ? cib_nv_get(&te.model->options, name) : NULL;
}

static unsigned op_timeout(xmlNodePtr def)
{
	const char *t = def ? cib_xml_attr(def, "timeout") : NULL;
	if (!t && te.model)
		t = cib_nv_get(&te.model->op_defaults, "timeout");
	if (!t)
		t = cluster_option("default-action-timeout");
	long long ms = t ? cib_parse_interval(t) : -1;
	return ms > 0 ? (unsigned)ms : 20000;
}

static void confirm(struct te_action *a);
static void run_ready(void);

static void on_action_timeout(void *data)
{
	struct te_action *a = data;
	crm_warn("crmd: action %d (%s on %s) timed out: no result", a->id, a->key, a->node ? a->node : "?");
	a->state = 2;
	te.inflight--;
	te_abort("action timed out");
}

static void send_op(struct te_action *a)
{
	char *base = g_strdup(a->rsc);
	char *colon = strchr(base, ':');
	if (colon)
		*colon = 0;   /* clone instance: the primitive's definition */
	struct cib_rsc *r = te.model ? cib_find_rsc(te.model, base) : NULL;
	bool probe = !strcmp(a->operation, "monitor") && a->interval_ms == 0;
	if (!r || r->kind != CIB_PRIMITIVE) {
		crm_err("crmd: action %s: no primitive %s in the configuration", a->key, base);
		g_free(base);
		a->state = 2;
		te_abort("unknown resource");
		return;
	}
	struct hb_msg *m = crm_msg_new(CRM_T_RSC_OP);
	msg_add(m, "node", a->node);
	msg_add(m, "rsc", a->rsc);
	msg_add(m, "class", r->cls ? r->cls : "ocf");
	if (r->provider)
		msg_add(m, "provider", r->provider);
	msg_add(m, "type", r->type ? r->type : "");
	msg_add(m, "op", a->operation);
	msg_addf(m, "interval", "%lld", a->interval_ms);
	xmlNodePtr def = find_op_def(base, a->operation, a->interval_ms);
	unsigned timeout = op_timeout(def);
	msg_addf(m, "timeout", "%u", timeout);
	const char *sd = def ? cib_xml_attr(def, "start-delay") : NULL;
	if (!sd && def)
		sd = cib_xml_attr(def, "start_delay");
	if (sd && cib_parse_interval(sd) > 0)
		msg_addf(m, "start_delay", "%lld", cib_parse_interval(sd));
	char *tkey = g_strdup_printf("%d:%d:%d:%s", a->id, crmd.transition,
				     a->target_rc >= 0 ? a->target_rc : probe ? 7 : 0, crmd.my_uuid);
	msg_add(m, "tkey", tkey);
	g_free(tkey);
	char *digest = pe_params_digest(&r->params);
	msg_add(m, "digest", digest);
	g_free(digest);
	/* parameters: the primitive's, then the op's own (OCF_CHECK_LEVEL) */
	struct hb_msg *params = msg_new();
	for (guint i = 0; r->params.items && i < r->params.items->len; i++) {
		struct cib_nv *nv = g_ptr_array_index(r->params.items, i);
		if (g_ascii_strcasecmp(nv->value, "#default")) /* "#default": not set */
			msg_add(params, nv->name, nv->value);
	}
	xmlNodePtr ia = def ? cib_xml_child(def, "instance_attributes", NULL) : NULL;
	for (xmlNodePtr nv = ia ? ia->children : NULL; nv; nv = nv->next)
		if (nv->type == XML_ELEMENT_NODE && cib_xml_attr(nv, "name") && cib_xml_attr(nv, "value"))
			msg_add(params, cib_xml_attr(nv, "name"), cib_xml_attr(nv, "value"));
	for (guint i = 0; a->meta && i + 1 < a->meta->len; i += 2)
		msg_add(params, g_ptr_array_index(a->meta, i), g_ptr_array_index(a->meta, i + 1));
	msg_add_struct(m, "params", params);
	msg_free(params);
	g_free(base);
	crm_info("crmd: transition %d: %s on %s", crmd.transition, a->key, a->node);
	a->state = 1;
	te.inflight++;
	timer_init(&a->timer, on_action_timeout, a);
	timer_start(&a->timer, timeout + CLUSTER_DELAY_MS);
	if (!strcmp(a->node, crmd.me)) {
		lrm_local_on_op(m);
		msg_free(m);
	} else {
		crm_send(m, a->node);
	}
}

/* A fencing result: the victim's history goes (it runs nothing now) and
 * the transition goes on; a failure is retried after a pause and nothing
 * is recovered meanwhile (the victim stays unclean). */
struct fence_ref {
	int transition, id;
};

static void fence_retry(void *data)
{
	(void)data;
	pe_schedule("fencing retry");
}

static void fence_done(const char *victim, bool ok, void *data)
{
	struct fence_ref *f = data;
	struct te_action *a = te.active && f->transition == crmd.transition ? find_action(f->id) : NULL;
	g_free(f);
	if (ok)
		status_node_fenced(victim);
	if (a && a->state == 1) {
		confirm(a);
		if (!ok) {
			te.hold = true;
			te_abort("fencing failed");
		}
		run_ready();
	}
	if (!ok)
		timer_once(FENCE_RETRY_MS, fence_retry, NULL);
}

static void fire(struct te_action *a)
{
	if (a->pseudo) {
		a->state = 2;
		return;
	}
	if (a->fence) {
		struct fence_ref *f = g_new0(struct fence_ref, 1);
		f->transition = crmd.transition;
		f->id = a->id;
		if (!a->node || !fence_run(a->node, a->fence_action, fence_done, f)) {
			g_free(f);
			a->state = 2;
			te.hold = true;     /* nothing recovers until a device is configured */
			te_abort("no stonith device");
			return;
		}
		a->state = 1;
		te.inflight++;
		return;
	}
	if (!strcmp(a->operation, "cancel")) {
		/* the node's executor stops the recurring op; nothing to wait for */
		struct hb_msg *m = crm_msg_new(CRM_T_RSC_OP);
		msg_add(m, "node", a->node);
		msg_add(m, "rsc", a->rsc ? a->rsc : "");
		msg_add(m, "op", "cancel");
		msg_add(m, "cancel_op", a->cancel_op ? a->cancel_op : "monitor");
		msg_addf(m, "interval", "%lld", a->interval_ms);
		crm_info("crmd: transition %d: cancel %s on %s", crmd.transition, a->key, a->node);
		if (a->node && !strcmp(a->node, crmd.me)) {
			lrm_local_on_op(m);
			msg_free(m);
		} else {
			crm_send(m, a->node);
		}
		a->state = 2;
		return;
	}
	if (!strcmp(a->operation, "delete")) {
		/* an orphan's history: the node's executor forgets it, the
		 * status section drops it */
		struct crm_peer *p = peer_find(a->node);
		if (p && a->rsc) {
			xmlDocPtr next = cib_edit_copy();
			xmlNodePtr ns = status_node_state(next, p);
			xmlNodePtr lrm = cib_xml_child(ns, "lrm", NULL);
			xmlNodePtr lr = lrm ? cib_xml_child(lrm, "lrm_resources", NULL) : NULL;
			xmlNodePtr r = lr ? cib_xml_child(lr, "lrm_resource", a->rsc) : NULL;
			if (r) {
				xmlUnlinkNode(r);
				xmlFreeNode(r);
			}
			status_commit(next, NULL);
			struct hb_msg *f = crm_msg_new(CRM_T_FORGET);
			msg_add(f, "node", a->node);
			msg_add(f, "rsc", a->rsc);
			if (!strcmp(a->node, crmd.me)) {
				lrm_local_on_forget(f);
				msg_free(f);
			} else {
				crm_send(f, a->node);
			}
		}
		a->state = 2;
		return;
	}
	if (!strcmp(a->operation, "do_shutdown")) {
		if (a->node)
			shutdown_node_done(a->node);
		a->state = 2;
		return;
	}
	if (!strcmp(a->operation, "clear_failcount")) {
		struct crm_peer *p = peer_find(a->node);
		if (p && a->rsc) {
			xmlDocPtr next = cib_edit_copy();
			char *fc = g_strdup_printf("fail-count-%s", a->rsc), *lf = g_strdup_printf("last-failure-%s", a->rsc);
			status_set_attr(next, p, fc, NULL);
			status_set_attr(next, p, lf, NULL);
			g_free(fc);
			g_free(lf);
			status_commit(next, NULL);
		}
		a->state = 2;
		return;
	}
	send_op(a);
}

static void run_ready(void)
{
	if (!te.active || te.in_run)
		return;
	te.in_run = true;
	bool progress = true;
	while (progress) {
		progress = false;
		for (guint i = 0; i < te.actions->len; i++) {
			struct te_action *a = g_ptr_array_index(te.actions, i);
			if (a->state != 0 || te.aborted || te.inflight >= te.batch_limit)
				continue;
			bool ready = true;
			for (guint k = 0; k < a->inputs->len && ready; k++) {
				struct te_action *in = find_action(g_array_index(a->inputs, int, k));
				ready = !in || in->state == 2;
			}
			if (!ready)
				continue;
			fire(a);
			progress = true;
		}
	}
	te.in_run = false;
	if (te.inflight > 0)
		return;
	bool all = true;
	for (guint i = 0; i < te.actions->len; i++)
		all = all && ((struct te_action *)g_ptr_array_index(te.actions, i))->state == 2;
	bool aborted = te.aborted, hold = te.hold;
	if (all && !aborted)
		crm_info("crmd: transition %d complete", crmd.transition);
	te_account(all && !aborted);
	te_reset();
	if (aborted && !hold)
		pe_schedule("transition aborted");
}

static void confirm(struct te_action *a)
{
	timer_stop(&a->timer);
	if (a->state == 1)
		te.inflight--;
	a->state = 2;
}

void te_start(xmlDocPtr graph)
{
	te_account(false);
	te_reset();
	crmd.transition++;
	te.actions = g_ptr_array_new_with_free_func(action_free);
	te.model = cib_from_doc(cib_edit_copy());
	const char *bl = cluster_option("batch-limit");
	te.batch_limit = bl && atoi(bl) > 0 ? atoi(bl) : 30;
	xmlNodePtr root = xmlDocGetRootElement(graph);
	for (xmlNodePtr s = root ? root->children : NULL; s; s = s->next) {
		if (s->type != XML_ELEMENT_NODE || strcmp((const char *)s->name, "synapse"))
			continue;
		xmlNodePtr aset = cib_xml_child(s, "action_set", NULL), ins = cib_xml_child(s, "inputs", NULL);
		xmlNodePtr an = first_elem(aset);
		if (!an)
			continue;
		struct te_action *a = parse_action(an);
		for (xmlNodePtr t = ins ? ins->children : NULL; t; t = t->next) {
			xmlNodePtr in = first_elem(t);
			const char *id = in ? cib_xml_attr(in, "id") : NULL;
			if (id) {
				int v = atoi(id);
				g_array_append_val(a->inputs, v);
			}
		}
		g_ptr_array_add(te.actions, a);
	}
	xmlFreeDoc(graph);
	if (!te.actions->len) {
		crm_debug("crmd: nothing to do");
		te_reset();
		return;
	}
	crm_info("crmd: transition %d: %u actions", crmd.transition, te.actions->len);
	te.active = true;
	te.started_ms = clock_ms();
	run_ready();
}

void te_abort(const char *why)
{
	if (!te.active)
		return;
	if (!te.aborted)
		crm_info("crmd: transition %d aborted: %s", crmd.transition, why);
	te.aborted = true;
	if (te.inflight == 0 && !te.in_run)
		run_ready();
}

static int tkey_field(const char *tkey, int i)
{
	char **f = tkey ? g_strsplit(tkey, ":", 4) : NULL;
	int v = f && g_strv_length(f) > (guint)i ? atoi(f[i]) : -1;
	g_strfreev(f);
	return v;
}

static bool is_failure(const char *op, long long interval, int rc, int status, int expected)
{
	if (status != 0 && status != 4)
		return true;
	if (rc == expected)
		return false;
	if (!strcmp(op, "monitor") && interval == 0 && (rc == 0 || rc == 7))
		return false;   /* a probe: running or not, both are news only */
	if (!strcmp(op, "stop") && rc == 7)
		return false;
	return true;
}

/* On the DC: a result from any node's executor. */
void te_on_result(const struct hb_msg *m)
{
	if (!crm_is_dc())
		return;
	const char *node = msg_get(m, "node"), *op = msg_get(m, "op"), *rsc = msg_get(m, "rsc");
	const char *tkey = msg_get(m, "tkey"), *st = msg_get(m, "op_status"), *rcs = msg_get(m, "rc");
	const char *iv = msg_get(m, "interval");
	struct crm_peer *p = peer_find(node);
	if (!p || !op || !rsc)
		return;
	int status = st ? atoi(st) : 0, rc = rcs ? atoi(rcs) : 1;
	long long interval = iv ? atoll(iv) : 0;
	if (status == 1)
		return;   /* a cancelled recurring op: it ends, nothing to record */
	if (!strcmp(op, "notify")) {
		/* A notification is news for the agent, not a state: it is not
		 * recorded, and whatever it returns the transition goes on
		 * (as Pacemaker treats it). */
		int tid = tkey_field(tkey, 1), aid = tkey_field(tkey, 0);
		struct te_action *a = te.active && tid == crmd.transition ? find_action(aid) : NULL;
		if (rc != 0 || status != 0)
			crm_info("crmd: %s notify on %s returned rc %d, op-status %d (ignored)", rsc, node, rc, status);
		if (a && a->state == 1) {
			confirm(a);
			run_ready();
		}
		return;
	}
	int expected = tkey_field(tkey, 2);
	if (expected < 0)
		expected = 0;
	bool failed = is_failure(op, interval, rc, status, expected);
	xmlDocPtr next = status_batch_doc();
	xmlNodePtr rec = status_record_op(next, p, m);
	if (failed && rec)
		status_record_failure(rec);
	if (failed) {
		char *fc = g_strdup_printf("fail-count-%s", rsc), *lf = g_strdup_printf("last-failure-%s", rsc);
		const char *sff = cluster_option("start-failure-is-fatal");
		const char *old = status_get_attr(next, p, fc);
		char buf[32];
		if (!strcmp(op, "stop") || (!strcmp(op, "start") && (!sff || cib_is_true(sff))))
			snprintf(buf, sizeof buf, "INFINITY");
		else if (old && !strcmp(old, "INFINITY"))
			snprintf(buf, sizeof buf, "INFINITY");
		else
			snprintf(buf, sizeof buf, "%d", (old ? atoi(old) : 0) + 1);
		status_set_attr(next, p, fc, buf);
		snprintf(buf, sizeof buf, "%lld", (long long)time(NULL));
		status_set_attr(next, p, lf, buf);
		crm_warn("crmd: %s_%s_%lld on %s failed: rc %d, op-status %d (fail-count now %s)", rsc, op, interval,
			 node, rc, status, status_get_attr(next, p, fc));
		g_free(fc);
		g_free(lf);
	}
	if (failed) {
		/* a failure is acted on at once */
		status_flush();
		pe_schedule("operation failed");
	}
	int tid = tkey_field(tkey, 1), aid = tkey_field(tkey, 0);
	struct te_action *a = te.active && tid == crmd.transition ? find_action(aid) : NULL;
	if (a && a->state == 1) {
		confirm(a);
		if (failed)
			te_abort("operation failed");
		run_ready();
	}
	/* nothing more to wait for: the tools see the result now */
	if (te.inflight == 0)
		status_flush();
}
