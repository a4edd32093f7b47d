/* The status section's operation history read as Pacemaker 1.0's unpack
 * read it for display: the remapping of op-status against the expected rc,
 * probes, hard errors, on-fail=ignore and failure-timeout, giving the
 * "Failed actions" list and the "(failure ignored)" flags. */
#include <stdlib.h>
#include <string.h>
#include "crm_view_int.h"
#include "cib/cib_doc.h"

const char *view_op_status_text(int status)
{
	switch (status) {
	case LRM_PENDING: return "pending";
	case LRM_DONE: return "complete";
	case LRM_CANCELLED: return "Cancelled";
	case LRM_TIMEOUT: return "Timed Out";
	case LRM_NOTSUPPORTED: return "NOT SUPPORTED";
	case LRM_ERROR: return "Error";
	}
	return "UNKNOWN!";
}

/* cluster-glue's execra_code2string. */
const char *view_rc_text(int rc)
{
	switch (rc) {
	case -2: return "unknown exec error";
	case -1: return "no RA";
	case 0: return "ok";
	case 1: return "unknown error";
	case 2: return "invalid parameter";
	case 3: return "unimplemented feature";
	case 4: return "insufficient privileges";
	case 5: return "not installed";
	case 6: return "not configured";
	case 7: return "not running";
	case 8: return "master";
	case 9: return "master (failed)";
	case 11:
	case 12: return "status: daemon dead";
	case 13: return "status: daemon stopped";
	case 14: return "status: unknown";
	}
	return "<unknown>";
}

static const char *attr2(xmlNodePtr n, const char *dashed, const char *under)
{
	const char *v = cib_xml_attr(n, dashed);
	return v ? v : cib_xml_attr(n, under);
}

static int target_rc(const char *key)
{
	/* action:transition:expected-rc:uuid (heartbeat 2.x wrote three fields). */
	if (!key)
		return -1;
	const char *c1 = strchr(key, ':'), *c2 = c1 ? strchr(c1 + 1, ':') : NULL;
	const char *c3 = c2 ? strchr(c2 + 1, ':') : NULL;
	return c3 ? atoi(c2 + 1) : -1;
}

void view_judge_op(xmlNodePtr op, const char *on_fail, long long failure_timeout, long long now,
		   int symmetric, struct op_judgement *j)
{
	memset(j, 0, sizeof *j);
	j->task = cib_xml_attr(op, "operation");
	const char *st = attr2(op, "op-status", "op_status"), *rc = attr2(op, "rc-code", "rc_code");
	const char *iv = cib_xml_attr(op, "interval");
	if (!j->task || !st || !rc || !strcmp(j->task, "notify")) {
		j->skip = 1;
		return;
	}
	j->status = atoi(st);
	j->rc = atoi(rc);
	j->interval = iv ? atoll(iv) : 0;
	j->target = target_rc(attr2(op, "transition-key", "transition_key"));
	j->probe = !strcmp(j->task, "monitor") && j->interval == 0;
	if (j->status < LRM_PENDING || j->status > LRM_ERROR) {
		j->skip = 1;
		return;
	}
	const char *lr = cib_xml_attr(op, "last-run");
	int expired = failure_timeout > 0 && lr && now > atoll(lr) + failure_timeout;
	if (j->status == LRM_DONE && j->target >= 0)
		j->status = j->target == j->rc ? LRM_DONE : LRM_ERROR;
	else if (j->status == LRM_ERROR)
		j->status = LRM_DONE; /* judged by the rc below */
	if (j->status == LRM_NOTSUPPORTED)
		j->rc = 3;
	if (expired && j->rc != 7 && j->rc != 8 && j->rc != 0) {
		j->expired = 1;
		return;
	}
	switch (j->rc) {
	case 7:
		if (j->probe || j->target == 7)
			j->status = LRM_DONE;
		else if (strcmp(j->task, "stop"))
			j->status = LRM_ERROR;
		break;
	case 8:
		if (j->probe)
			j->status = LRM_DONE;
		else if (j->target == 8)
			;
		else if (j->target >= 0 || strcmp(j->task, "monitor"))
			j->status = LRM_ERROR;
		break;
	case 9:
		j->status = LRM_ERROR;
		break;
	case 3:
		if (j->interval > 0) {
			j->status = LRM_NOTSUPPORTED;
			break;
		}
		/* fall through */
	case 2:
	case 4:
	case 5:
	case 6:
		if (j->probe) {
			/* A hard error found by a probe: shown, but treated as a stop. */
			j->status = LRM_DONE;
			j->entry = j->rc != 5 || symmetric;
		}
		break;
	case 0:
		if (j->probe && j->target == 7)
			j->status = LRM_DONE;
		break;
	default:
		if (j->status == LRM_DONE)
			j->status = LRM_ERROR;
	}
	if (j->status == LRM_ERROR || j->status == LRM_TIMEOUT || j->status == LRM_NOTSUPPORTED) {
		if (expired) {
			j->expired = 1;
			return;
		}
		j->entry = 1;
		if (on_fail && !strcmp(on_fail, "ignore")) {
			j->status = LRM_DONE;
			j->ignored = 1;
		}
	}
}

static long call_id(xmlNodePtr op)
{
	const char *c = attr2(op, "call-id", "call_id");
	long v = c ? atol(c) : 0;
	return v < 0 ? G_MAXLONG : v; /* pending calls are the newest */
}

static int cmp_call(gconstpointer a, gconstpointer b)
{
	long x = call_id(*(xmlNodePtr const *)a), y = call_id(*(xmlNodePtr const *)b);
	return x < y ? -1 : x > y;
}

GPtrArray *view_sorted_ops(xmlNodePtr lr)
{
	GPtrArray *ops = g_ptr_array_new();
	for (xmlNodePtr o = lr->children; o; o = o->next)
		if (o->type == XML_ELEMENT_NODE && !strcmp((const char *)o->name, "lrm_rsc_op"))
			g_ptr_array_add(ops, o);
	g_ptr_array_sort(ops, cmp_call);
	return ops;
}

const char *view_xml_meta(struct view *v, xmlNodePtr rsc, const char *name)
{
	for (xmlNodePtr s = rsc->children; s; s = s->next) {
		if (s->type != XML_ELEMENT_NODE || strcmp((const char *)s->name, "meta_attributes"))
			continue;
		for (xmlNodePtr nv = s->children; nv; nv = nv->next)
			if (nv->type == XML_ELEMENT_NODE && cib_xml_attr(nv, "name") && !strcmp(cib_xml_attr(nv, "name"), name))
				return cib_xml_attr(nv, "value");
	}
	return cib_nv_get(&v->cib->rsc_defaults, name);
}

/* The on-fail of the configured op matching task and interval. */
static const char *cfg_on_fail(struct view *v, const char *lrm_id, const char *task, long long interval)
{
	char *base = g_strndup(lrm_id, strcspn(lrm_id, ":"));
	struct cib_rsc *r = cib_find_rsc(v->cib, base);
	const char *of = NULL;
	for (guint i = 0; r && i < r->ops->len; i++) {
		struct cib_op *o = g_ptr_array_index(r->ops, i);
		if (!strcmp(o->name, task) && o->interval_ms == interval)
			of = o->on_fail;
	}
	if (!r) {
		/* A master/slave child: read its XML ops. */
		xmlNodePtr x = cib_xml_find_id(cib_section(v->doc, "resources"), "primitive", base);
		xmlNodePtr ops = x ? cib_xml_child(x, "operations", NULL) : NULL;
		for (xmlNodePtr o = ops ? ops->children : NULL; o; o = o->next) {
			const char *n = cib_xml_attr(o, "name");
			if (n && !strcmp(n, task) && cib_parse_interval(cib_xml_attr(o, "interval")) == interval)
				of = cib_xml_attr(o, "on-fail") ? cib_xml_attr(o, "on-fail") : cib_xml_attr(o, "on_fail");
		}
	}
	g_free(base);
	return of;
}

static long long failure_timeout(struct view *v, const char *lrm_id)
{
	char *base = g_strndup(lrm_id, strcspn(lrm_id, ":"));
	struct pe_rsc *p = pe_find_rsc(v->ws, base);
	long long ft = p ? p->failure_timeout : 0;
	if (!p) {
		xmlNodePtr x = cib_xml_find_id(cib_section(v->doc, "resources"), "primitive", base);
		const char *s = x ? view_xml_meta(v, x, "failure-timeout") : NULL;
		ft = s ? cib_parse_interval(s) / 1000 : 0;
	}
	g_free(base);
	return ft < 0 ? 0 : ft;
}

static void mark_ignored(struct view *v, const char *lrm_id, struct view_node *n)
{
	GPtrArray *all = g_ptr_array_new();
	for (guint i = 0; i < v->rscs->len; i++) {
		GPtrArray *stack = g_ptr_array_new();
		g_ptr_array_add(stack, g_ptr_array_index(v->rscs, i));
		while (stack->len) {
			struct view_rsc *r = g_ptr_array_remove_index(stack, stack->len - 1);
			if (r->kind == VIEW_PRIM && view_base_eq(lrm_id, r->id))
				g_ptr_array_add(all, r);
			for (guint k = 0; k < r->children->len; k++)
				g_ptr_array_add(stack, g_ptr_array_index(r->children, k));
		}
		g_ptr_array_free(stack, TRUE);
	}
	struct view_rsc *pick = NULL;
	for (guint i = 0; i < all->len && !pick; i++)
		if (view_on(g_ptr_array_index(all, i), n))
			pick = g_ptr_array_index(all, i);
	if (!pick && all->len)
		pick = g_ptr_array_index(all, 0);
	if (pick)
		pick->failure_ignored = 1;
	g_ptr_array_free(all, TRUE);
}

void view_scan_ops(struct view *v)
{
	xmlNodePtr status = cib_section(v->doc, "status");
	long long now = v->ws->now;
	for (xmlNodePtr ns = status ? status->children : NULL; ns; ns = ns->next) {
		if (ns->type != XML_ELEMENT_NODE || strcmp((const char *)ns->name, "node_state"))
			continue;
		struct view_node *n = view_node_by_id(v, cib_xml_attr(ns, "id"));
		if (!n)
			n = view_node_by_uname(v, cib_xml_attr(ns, "uname"));
		/* 1.0 read the history of offline nodes only with stonith on. */
		if (!n || (!n->online && !v->stonith_enabled))
			continue;
		xmlNodePtr lrm = cib_xml_child(ns, "lrm", NULL);
		xmlNodePtr rs = cib_xml_child(lrm, "lrm_resources", NULL);
		for (xmlNodePtr lr = rs ? rs->children : NULL; lr; lr = lr->next) {
			const char *id = cib_xml_attr(lr, "id");
			if (lr->type != XML_ELEMENT_NODE || strcmp((const char *)lr->name, "lrm_resource") || !id)
				continue;
			GPtrArray *ops = view_sorted_ops(lr);
			long long ft = failure_timeout(v, id);
			for (guint i = 0; i < ops->len; i++) {
				xmlNodePtr op = g_ptr_array_index(ops, i);
				const char *task = cib_xml_attr(op, "operation");
				const char *iv = cib_xml_attr(op, "interval");
				const char *of = task ? cfg_on_fail(v, id, task, iv ? atoll(iv) : 0) : NULL;
				struct op_judgement j;
				view_judge_op(op, of, ft, now, v->symmetric, &j);
				if (j.skip || j.expired)
					continue;
				if (j.ignored)
					mark_ignored(v, id, n);
				if (j.entry && (!n->shutdown || n->online)) {
					struct view_op *e = g_new0(struct view_op, 1);
					e->key = cib_xml_attr(op, "operation_key");
					if (!e->key)
						e->key = cib_xml_attr(op, "id");
					e->node = n;
					e->xml = op;
					g_ptr_array_add(v->failed, e);
				}
			}
			g_ptr_array_free(ops, TRUE);
		}
	}
}
