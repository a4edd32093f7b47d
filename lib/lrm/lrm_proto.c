/* lrmd messages: build and check (see lrm_proto.h).  Everything lrmd reads
 * from a client passes through lrm_proto_parse_*, which never trust a field:
 * names are checked, numbers parsed strictly, counts bounded. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "lrm/lrm_proto.h"

bool lrm_proto_uint(const char *s, unsigned max, unsigned *out)
{
	unsigned long v = 0;

	if (!s || !*s || strlen(s) > 10)
		return false;
	for (const char *p = s; *p; p++) {
		if (*p < '0' || *p > '9')
			return false;
		v = v * 10 + (unsigned long)(*p - '0');
	}
	if (v > max)
		return false;
	*out = (unsigned)v;
	return true;
}

bool lrm_proto_class_ok(const char *cls)
{
	return cls && (!strcmp(cls, "ocf") || !strcmp(cls, "lsb") || !strcmp(cls, "heartbeat") ||
		       !strcmp(cls, "stonith"));
}

bool lrm_proto_name_ok(const char *s)
{
	size_t n;

	if (!s || !*s || !strcmp(s, ".") || !strcmp(s, ".."))
		return false;
	n = strlen(s);
	if (n > LRM_MAX_ID)
		return false;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x21 || c > 0x7e || c == '/')
			return false;
	}
	return true;
}

void lrm_req_free(struct lrm_req *r)
{
	if (!r)
		return;
	g_free(r->rsc_id);
	g_free(r->cls);
	g_free(r->provider);
	g_free(r->type);
	g_free(r->op);
	g_free(r->user_data);
	g_strfreev(r->pnames);
	g_strfreev(r->pvalues);
	memset(r, 0, sizeof *r);
}

static int addu(struct hb_msg *m, const char *name, unsigned v)
{
	return msg_addf(m, name, "%u", v);
}

/* A stonith type names a plugin below its kind ("external/ssh",
 * "external/riloe"): one '/' between two names is allowed there. */
static bool type_ok(const char *cls, const char *type)
{
	const char *slash = type ? strchr(type, '/') : NULL;
	if (!slash || !cls || strcmp(cls, "stonith"))
		return lrm_proto_name_ok(type);
	char *kind = g_strndup(type, (gsize)(slash - type));
	bool ok = lrm_proto_name_ok(kind) && lrm_proto_name_ok(slash + 1);
	g_free(kind);
	return ok;
}

struct hb_msg *lrm_proto_exec_msg(const struct lrm_op_req *req, char *why, size_t whylen)
{
	struct hb_msg *m, *p;
	GHashTableIter it;
	gpointer k, v;
	size_t n = 0;

	if (!lrm_proto_name_ok(req->rsc_id) || !type_ok(req->cls, req->type) ||
	    !lrm_proto_name_ok(req->op)) {
		snprintf(why, whylen, "rsc_id, type and op must be 1..%d printable characters without '/'",
			 LRM_MAX_ID);
		return NULL;
	}
	if (!lrm_proto_class_ok(req->cls)) {
		snprintf(why, whylen, "unknown class [%.64s] (expected ocf, lsb, heartbeat or stonith)",
			 req->cls ? req->cls : "");
		return NULL;
	}
	if (!strcmp(req->cls, "ocf") && !lrm_proto_name_ok(req->provider)) {
		snprintf(why, whylen, "an ocf resource needs a provider");
		return NULL;
	}
	if (req->user_data && strlen(req->user_data) > LRM_MAX_USERDATA) {
		snprintf(why, whylen, "user_data longer than %d bytes", LRM_MAX_USERDATA);
		return NULL;
	}
	m = msg_new();
	p = msg_new();
	msg_add(m, "lrm_t", LRM_T_EXEC);
	msg_add(m, "rsc_id", req->rsc_id);
	msg_add(m, "class", req->cls);
	if (req->provider && *req->provider)
		msg_add(m, "provider", req->provider);
	msg_add(m, "type", req->type);
	msg_add(m, "op", req->op);
	addu(m, "interval", req->interval_ms);
	addu(m, "timeout", req->timeout_ms);
	addu(m, "start_delay", req->start_delay_ms);
	if (req->user_data)
		msg_add(m, "user_data", req->user_data);
	for (size_t i = 0; i < req->nparams && req->params; i++, n++)
		if (msg_add(p, req->params[i].name, req->params[i].value ? req->params[i].value : "") < 0)
			goto bad_param;
	if (req->params_hash) {
		g_hash_table_iter_init(&it, req->params_hash);
		while (g_hash_table_iter_next(&it, &k, &v)) {
			n++;
			if (msg_add(p, k, v ? v : "") < 0)
				goto bad_param;
		}
	}
	if (n > LRM_MAX_PARAMS) {
		snprintf(why, whylen, "more than %d parameters", LRM_MAX_PARAMS);
		goto fail;
	}
	msg_add_struct(m, "params", p);
	msg_free(p);
	return m;
bad_param:
	snprintf(why, whylen, "bad parameter name (empty, or with '=' or a newline)");
fail:
	msg_free(p);
	msg_free(m);
	return NULL;
}

static int need(const struct hb_msg *m, const char *name, char **out, bool id, char *why,
		size_t whylen)
{
	const char *v = msg_get(m, name);

	if (!v || (id && !lrm_proto_name_ok(v))) {
		snprintf(why, whylen, v ? "bad %s [%.64s]" : "missing %s%.0s", name, v ? v : "");
		return -1;
	}
	*out = g_strdup(v);
	return 0;
}

static int num(const struct hb_msg *m, const char *name, unsigned *out, char *why, size_t whylen)
{
	const char *v = msg_get(m, name);

	*out = 0;
	if (!v)
		return 0;
	/* a day is the longest interval, timeout or delay that means anything */
	if (!lrm_proto_uint(v, 86400000u, out)) {
		snprintf(why, whylen, "bad %s [%.32s] (expected milliseconds, at most 86400000)", name, v);
		return -1;
	}
	return 0;
}

int lrm_proto_parse_exec(const struct hb_msg *m, struct lrm_req *r, char *why, size_t whylen)
{
	const struct hb_msg *p;
	const char *v;

	memset(r, 0, sizeof *r);
	if (need(m, "rsc_id", &r->rsc_id, true, why, whylen) < 0 ||
	    need(m, "class", &r->cls, false, why, whylen) < 0 ||
	    need(m, "type", &r->type, false, why, whylen) < 0 ||
	    need(m, "op", &r->op, true, why, whylen) < 0)
		goto fail;
	if (!type_ok(r->cls, r->type)) {
		snprintf(why, whylen, "bad type [%.64s]", r->type);
		goto fail;
	}
	if (!lrm_proto_class_ok(r->cls)) {
		snprintf(why, whylen, "unknown class [%.64s] (expected ocf, lsb, heartbeat or stonith)",
			 r->cls);
		goto fail;
	}
	v = msg_get(m, "provider");
	if (v && !lrm_proto_name_ok(v)) {
		snprintf(why, whylen, "bad provider [%.64s]", v);
		goto fail;
	}
	if (!strcmp(r->cls, "ocf") && !v) {
		snprintf(why, whylen, "missing provider (an ocf resource needs one)");
		goto fail;
	}
	r->provider = g_strdup(v ? v : "");
	v = msg_get(m, "user_data");
	if (v && strlen(v) > LRM_MAX_USERDATA) {
		snprintf(why, whylen, "user_data longer than %d bytes", LRM_MAX_USERDATA);
		goto fail;
	}
	r->user_data = g_strdup(v ? v : "");
	if (num(m, "interval", &r->interval_ms, why, whylen) < 0 ||
	    num(m, "timeout", &r->timeout_ms, why, whylen) < 0 ||
	    num(m, "start_delay", &r->start_delay_ms, why, whylen) < 0)
		goto fail;
	p = msg_get_struct(m, "params");
	r->pnames = g_new0(char *, (p ? p->n : 0) + 1);
	r->pvalues = g_new0(char *, (p ? p->n : 0) + 1);
	for (size_t i = 0; p && i < p->n; i++) {
		const struct msg_field *f = &p->f[i];
		if (f->type != FT_STRING)
			continue;
		if (r->nparams >= LRM_MAX_PARAMS) {
			snprintf(why, whylen, "more than %d parameters", LRM_MAX_PARAMS);
			goto fail;
		}
		/* it becomes part of an environment variable's name */
		if (!lrm_proto_name_ok(f->name)) {
			snprintf(why, whylen, "bad parameter name [%.64s]", f->name);
			goto fail;
		}
		r->pnames[r->nparams] = g_strdup(f->name);
		r->pvalues[r->nparams] = g_strndup(f->value, f->len);
		r->nparams++;
	}
	return 0;
fail:
	lrm_req_free(r);
	return -1;
}

struct hb_msg *lrm_proto_event_msg(const struct lrm_event *ev)
{
	struct hb_msg *m = msg_new();

	msg_add(m, "lrm_t", LRM_T_EVENT);
	msg_add(m, "rsc_id", ev->rsc_id);
	msg_add(m, "op", ev->op);
	if (ev->cls)
		msg_add(m, "class", ev->cls);
	if (ev->provider && *ev->provider)
		msg_add(m, "provider", ev->provider);
	if (ev->type)
		msg_add(m, "type", ev->type);
	addu(m, "interval", ev->interval_ms);
	msg_addf(m, "call_id", "%d", ev->call_id);
	msg_addf(m, "rc", "%d", ev->rc);
	msg_addf(m, "op_status", "%d", (int)ev->op_status);
	addu(m, "exec_time", ev->exec_time_ms);
	addu(m, "queue_time", ev->queue_time_ms);
	msg_addf(m, "last_run", "%lld", (long long)ev->last_run);
	msg_addf(m, "last_rc_change", "%lld", (long long)ev->last_rc_change);
	msg_add(m, "user_data", ev->user_data ? ev->user_data : "");
	if (ev->output && *ev->output)
		msg_add_bin(m, "output", ev->output, strlen(ev->output));
	return m;
}

static long getl(const struct hb_msg *m, const char *name)
{
	long v = 0;

	msg_get_dec(m, name, &v);
	return v;
}

int lrm_proto_parse_event(const struct hb_msg *m, struct lrm_event *ev)
{
	size_t olen = 0;
	const char *out;

	memset(ev, 0, sizeof *ev);
	ev->rsc_id = msg_get(m, "rsc_id");
	ev->op = msg_get(m, "op");
	if (!ev->rsc_id || !ev->op)
		return -1;
	ev->cls = msg_get(m, "class");
	ev->provider = msg_get(m, "provider");
	ev->type = msg_get(m, "type");
	ev->interval_ms = (unsigned)getl(m, "interval");
	ev->call_id = (int)getl(m, "call_id");
	ev->rc = (int)getl(m, "rc");
	ev->op_status = (enum lrm_op_status)getl(m, "op_status");
	ev->exec_time_ms = (unsigned)getl(m, "exec_time");
	ev->queue_time_ms = (unsigned)getl(m, "queue_time");
	ev->last_run = (time_t)getl(m, "last_run");
	ev->last_rc_change = (time_t)getl(m, "last_rc_change");
	ev->user_data = msg_get(m, "user_data");
	if (!ev->user_data)
		ev->user_data = "";
	/* msg keeps a NUL after binary values, so the bytes are a string */
	out = msg_get_bin(m, "output", &olen);
	ev->output = out && strlen(out) == olen ? out : "";
	return 0;
}

void lrm_proto_add_rsc(struct hb_msg *reply, const struct lrm_rsc_info *ri)
{
	struct hb_msg *r = msg_new();

	msg_add(r, "rsc_id", ri->rsc_id);
	msg_add(r, "class", ri->cls);
	if (ri->provider && *ri->provider)
		msg_add(r, "provider", ri->provider);
	msg_add(r, "type", ri->type);
	for (size_t i = 0; i < ri->nops; i++) {
		const struct lrm_op_record *o = &ri->ops[i];
		struct hb_msg *om = msg_new();
		msg_add(om, "op", o->op);
		addu(om, "interval", o->interval_ms);
		msg_addf(om, "call_id", "%d", o->call_id);
		msg_addf(om, "rc", "%d", o->rc);
		msg_addf(om, "op_status", "%d", (int)o->op_status);
		addu(om, "exec_time", o->exec_time_ms);
		addu(om, "queue_time", o->queue_time_ms);
		msg_addf(om, "last_run", "%lld", (long long)o->last_run);
		msg_addf(om, "last_rc_change", "%lld", (long long)o->last_rc_change);
		msg_add(om, "user_data", o->user_data ? o->user_data : "");
		msg_add(om, "recurring", o->recurring_active ? "1" : "0");
		msg_add_struct(r, "op", om);
		msg_free(om);
	}
	msg_add_struct(reply, "rsc", r);
	msg_free(r);
}

static char *dupget(const struct hb_msg *m, const char *name)
{
	const char *v = msg_get(m, name);

	return g_strdup(v ? v : "");
}

int lrm_proto_parse_list(const struct hb_msg *reply, struct lrm_rsc_info **out)
{
	GArray *a = g_array_new(FALSE, TRUE, sizeof(struct lrm_rsc_info));

	for (size_t i = 0; i < reply->n; i++) {
		const struct msg_field *f = &reply->f[i];
		struct lrm_rsc_info ri = { 0 };
		GArray *ops;

		if (strcmp(f->name, "rsc") || f->type != FT_STRUCT || !f->child)
			continue;
		ri.rsc_id = dupget(f->child, "rsc_id");
		ri.cls = dupget(f->child, "class");
		ri.provider = dupget(f->child, "provider");
		ri.type = dupget(f->child, "type");
		ops = g_array_new(FALSE, TRUE, sizeof(struct lrm_op_record));
		for (size_t j = 0; j < f->child->n; j++) {
			const struct msg_field *g = &f->child->f[j];
			const struct hb_msg *om = g->child;
			struct lrm_op_record o = { 0 };
			if (strcmp(g->name, "op") || g->type != FT_STRUCT || !om)
				continue;
			o.op = dupget(om, "op");
			o.interval_ms = (unsigned)getl(om, "interval");
			o.call_id = (int)getl(om, "call_id");
			o.rc = (int)getl(om, "rc");
			o.op_status = (enum lrm_op_status)getl(om, "op_status");
			o.exec_time_ms = (unsigned)getl(om, "exec_time");
			o.queue_time_ms = (unsigned)getl(om, "queue_time");
			o.last_run = (time_t)getl(om, "last_run");
			o.last_rc_change = (time_t)getl(om, "last_rc_change");
			o.user_data = dupget(om, "user_data");
			o.recurring_active = getl(om, "recurring") != 0;
			g_array_append_val(ops, o);
		}
		ri.nops = ops->len;
		ri.ops = (struct lrm_op_record *)g_array_free(ops, FALSE);
		g_array_append_val(a, ri);
	}
	{
		int n = (int)a->len;
		*out = (struct lrm_rsc_info *)g_array_free(a, FALSE);
		return n;
	}
}

void lrm_rsc_info_free_all(struct lrm_rsc_info *v, size_t n)
{
	for (size_t i = 0; v && i < n; i++) {
		for (size_t j = 0; j < v[i].nops; j++) {
			g_free(v[i].ops[j].op);
			g_free(v[i].ops[j].user_data);
		}
		g_free(v[i].ops);
		g_free(v[i].rsc_id);
		g_free(v[i].cls);
		g_free(v[i].provider);
		g_free(v[i].type);
	}
	g_free(v);
}

const char *lrm_op_status_str(enum lrm_op_status s)
{
	switch (s) {
	case LRM_OP_DONE: return "done";
	case LRM_OP_CANCELLED: return "cancelled";
	case LRM_OP_TIMEOUT: return "timed out";
	case LRM_OP_NOTSUPPORTED: return "not supported";
	case LRM_OP_ERROR: return "error";
	}
	return "unknown";
}

const char *lrm_rc_str(int rc)
{
	static const char *const names[] = {
		"ok", "unknown error", "invalid parameter", "unimplemented feature",
		"insufficient privileges", "not installed", "not configured", "not running",
		"master", "master (failed)",
	};
	return rc >= 0 && rc <= 9 ? names[rc] : "unknown";
}
