/* lrmd's runner: turns a queued operation into a lib/ra run (path from the
 * class, OCF_RESKEY_* / CRM_meta_* environment, heartbeat-class positional
 * arguments), and the ra result into rc + op_status.  Never blocks: every
 * outcome, even "no such agent", is reported from the main loop. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <glib.h>
#include "config.h"
#include "log.h"
#include "ra.h"
#include "lrmd.h"

struct exec_run {
	struct lrmd_op *op;      /* NULL once abandoned (shutdown) */
	struct ra_run *ra;
	int rc;                  /* for the immediate results */
	enum lrm_op_status st;
	char *out;
};

static const char *ocf_root, *lsb_dir, *hb_dir, *stonith_cmd;

static const char *env_or(const char *name, const char *def)
{
	const char *v = getenv(name);

	return v && *v ? v : def;
}

void lrmd_exec_init(void)
{
	const char *g = getenv("HA_LRMD_KILL_GRACE_MS");
	unsigned ms;

	ocf_root = env_or("OCF_ROOT", "/usr/lib/ocf");
	lsb_dir = env_or("HA_LRMD_LSB_DIR", "/etc/init.d");
	hb_dir = env_or("HA_LRMD_HB_DIR", "/etc/ha.d/resource.d");
	stonith_cmd = env_or("HB_STONITH_CMD", HA_STONITH_CMD);
	if (g && lrm_proto_uint(g, 600000, &ms))
		ra_set_kill_grace(ms);
}

static const char *param(const struct lrmd_op *o, const char *name)
{
	for (size_t i = 0; i < o->nparams; i++)
		if (!strcmp(o->pnames[i], name))
			return o->pvalues[i];
	return NULL;
}

char **lrmd_exec_env(const struct lrmd_op *o)
{
	GPtrArray *a = g_ptr_array_new();
	const char *lvl = param(o, "OCF_CHECK_LEVEL");

	g_ptr_array_add(a, g_strdup_printf("OCF_RESOURCE_INSTANCE=%s", o->rsc->id));
	g_ptr_array_add(a, g_strdup_printf("OCF_RESKEY_CRM_meta_interval=%u", o->interval_ms));
	g_ptr_array_add(a, g_strdup_printf("OCF_RESKEY_CRM_meta_timeout=%u", o->timeout_ms));
	g_ptr_array_add(a, g_strdup_printf("OCF_RESKEY_CRM_meta_name=%s", o->op));
	if (o->start_delay_ms)
		g_ptr_array_add(a, g_strdup_printf("OCF_RESKEY_CRM_meta_start_delay=%u", o->start_delay_ms));
	if (!lvl)
		lvl = param(o, "CRM_meta_OCF_CHECK_LEVEL");
	g_ptr_array_add(a, g_strdup_printf("OCF_CHECK_LEVEL=%s", lvl ? lvl : "0"));
	g_ptr_array_add(a, NULL);
	return (char **)g_ptr_array_free(a, FALSE);
}

static gboolean report_now(gpointer data)
{
	struct exec_run *x = data;

	if (x->op)
		lrmd_op_done(x->op, x->rc, x->st, x->out);
	g_free(x->out);
	g_free(x);
	return G_SOURCE_REMOVE;
}

/* Results that need no child still arrive from the main loop. */
static struct exec_run *later(struct exec_run *x, int rc, enum lrm_op_status st, char *out)
{
	x->rc = rc;
	x->st = st;
	x->out = out;
	/* default priority, not idle: a busy lrmd must not starve it */
	g_timeout_add(0, report_now, x);
	return x;
}

static void ra_done(const struct ra_result *res, void *data)
{
	struct exec_run *x = data;
	enum lrm_op_status st = LRM_OP_DONE;
	int rc = res->rc;
	char *out;

	if (!x->op) {
		g_free(x);
		return;
	}
	if (res->timed_out) {
		st = LRM_OP_TIMEOUT;
		rc = RA_RC_ERR_GENERIC;
		log_err("lrmd: %s_%s_%u (call %d) timed out after %u ms", x->op->rsc->id, x->op->op,
			x->op->interval_ms, x->op->call_id, x->op->timeout_ms);
	} else if (res->spawn_failed) {
		st = LRM_OP_ERROR;
		rc = RA_RC_ERR_INSTALLED;
	} else if (!res->exited) {
		st = LRM_OP_ERROR;
		rc = RA_RC_ERR_GENERIC;
	} else if (!strcmp(x->op->rsc->cls, "lsb") && ra_op_is_status(x->op->op)) {
		/* as 2.x's LRM, not v1's text rule: 0 running, 1-3 stopped, 4 and
		 * up unknown, a failure whatever the script printed */
		int code = res->exit_code;
		rc = code == 0 ? RA_RC_OK : code <= 3 ? RA_RC_NOT_RUNNING : RA_RC_ERR_GENERIC;
	} else if (rc < 0 || rc > 9) {
		rc = RA_RC_ERR_GENERIC;
	}
	if (!strcmp(x->op->rsc->cls, "stonith") && st == LRM_OP_DONE && !strcmp(x->op->op, "start"))
		x->op->rsc->stonith_started = rc == 0;
	out = g_strndup(res->out ? res->out : "", LRM_OUTPUT_MAX);
	lrmd_op_done(x->op, rc, st, out);
	g_free(out);
	g_free(x);
}

/* LSB and heartbeat scripts carry no meta-data; lrmd made it up, as 2.x did. */
static char *fake_metadata(const struct lrmd_rsc *r)
{
	return g_strdup_printf(
		"<?xml version=\"1.0\"?>\n"
		"<!DOCTYPE resource-agent SYSTEM \"ra-api-1.dtd\">\n"
		"<resource-agent name=\"%s\" version=\"0.1\">\n"
		"  <version>1.0</version>\n"
		"  <longdesc lang=\"en\">%s script %s</longdesc>\n"
		"  <shortdesc lang=\"en\">%s</shortdesc>\n"
		"  <parameters/>\n"
		"  <actions>\n"
		"    <action name=\"start\" timeout=\"15s\"/>\n"
		"    <action name=\"stop\" timeout=\"15s\"/>\n"
		"    <action name=\"status\" timeout=\"15s\"/>\n"
		"    <action name=\"monitor\" timeout=\"15s\" interval=\"15s\"/>\n"
		"    <action name=\"meta-data\" timeout=\"5s\"/>\n"
		"  </actions>\n"
		"</resource-agent>\n",
		r->type, r->cls, r->type, r->type);
}

/* stonith class, as 2.x's lrmd did it without stonithd: start and monitor
 * ask the device for its status ("stonith -t TYPE name=value... -S"), stop
 * only forgets it, meta-data is the plugin's own. */
static struct exec_run *stonith_start(struct exec_run *x, struct lrmd_op *o)
{
	struct lrmd_rsc *r = o->rsc;
	GPtrArray *argv = g_ptr_array_new_with_free_func(g_free);
	bool status = !strcmp(o->op, "start") || !strcmp(o->op, "monitor") || !strcmp(o->op, "status");
	char **env;

	if (!strcmp(o->op, "stop")) {
		r->stonith_started = false;
		g_ptr_array_free(argv, TRUE);
		return later(x, 0, LRM_OP_DONE, NULL);
	}
	if (status && strcmp(o->op, "start") && !r->stonith_started) {
		g_ptr_array_free(argv, TRUE);
		return later(x, RA_RC_NOT_RUNNING, LRM_OP_DONE, NULL);
	}
	if (!status && strcmp(o->op, "meta-data")) {
		g_ptr_array_free(argv, TRUE);
		return later(x, RA_RC_ERR_UNIMPLEMENTED, LRM_OP_DONE, NULL);
	}
	if (access(stonith_cmd, X_OK) < 0) {
		log_err("lrmd: %s: no stonith command %s (%s)", r->id, stonith_cmd, g_strerror(errno));
		g_ptr_array_free(argv, TRUE);
		return later(x, RA_RC_ERR_INSTALLED, LRM_OP_NOTSUPPORTED, NULL);
	}
	g_ptr_array_add(argv, g_strdup(stonith_cmd));
	g_ptr_array_add(argv, g_strdup("-t"));
	g_ptr_array_add(argv, g_strdup(r->type));
	if (status) {
		for (size_t i = 0; i < o->nparams; i++)
			if (strncmp(o->pnames[i], "CRM_meta_", 9) && strcmp(o->pnames[i], "OCF_CHECK_LEVEL"))
				g_ptr_array_add(argv, g_strdup_printf("%s=%s", o->pnames[i], o->pvalues[i]));
		g_ptr_array_add(argv, g_strdup("-S"));
	} else {
		g_ptr_array_add(argv, g_strdup("-m"));
	}
	g_ptr_array_add(argv, NULL);
	env = lrmd_exec_env(o);
	x->ra = ra_spawn(r->id, o->op, (char *const *)argv->pdata, env, o->timeout_ms, ra_done, x);
	g_strfreev(env);
	g_ptr_array_free(argv, TRUE);
	return x;
}

static int cmp_positional(const void *a, const void *b)
{
	return atoi(*(char *const *)a) - atoi(*(char *const *)b);
}

static void *exec_start(struct lrmd_op *o)
{
	struct exec_run *x = g_new0(struct exec_run, 1);
	const struct lrmd_rsc *r = o->rsc;
	struct ra_spec spec = { 0 };
	GPtrArray *args = g_ptr_array_new_with_free_func(g_free);
	const char *op = o->op;
	char **env;

	x->op = o;
	if (!strcmp(op, "notify") && strcmp(r->cls, "ocf")) {
		/* Only OCF agents have a notify action (its CRM_meta_notify_*
		 * lists arrive as OCF_RESKEY_ parameters): an init script
		 * would take the word for something else. */
		g_ptr_array_free(args, TRUE);
		return later(x, RA_RC_ERR_UNIMPLEMENTED, LRM_OP_NOTSUPPORTED, NULL);
	}
	spec.name = g_strdup_printf("%s", r->id);
	spec.type = r->type;
	spec.provider = r->provider;
	if (!strcmp(r->cls, "ocf")) {
		spec.cls = RA_CLASS_OCF;
		spec.path = g_strdup_printf("%s/resource.d/%s/%s", ocf_root, r->provider, r->type);
		for (size_t i = 0; i < o->nparams; i++)
			if (strcmp(o->pnames[i], "OCF_CHECK_LEVEL"))
				g_ptr_array_add(args, g_strdup_printf("%s=%s", o->pnames[i], o->pvalues[i]));
	} else if (!strcmp(r->cls, "lsb") || !strcmp(r->cls, "heartbeat")) {
		bool lsb = r->cls[0] == 'l';
		spec.cls = lsb ? RA_CLASS_LSB : RA_CLASS_HEARTBEAT;
		spec.path = g_strdup_printf("%s/%s", lsb ? lsb_dir : hb_dir, r->type);
		if (!strcmp(op, "meta-data")) {
			g_free(spec.path);
			g_free(spec.name);
			g_ptr_array_free(args, TRUE);
			return later(x, 0, LRM_OP_DONE, fake_metadata(r));
		}
		if (!lsb) {
			/* instance attributes "1", "2"... are the positional arguments */
			GPtrArray *pos = g_ptr_array_new();
			for (size_t i = 0; i < o->nparams; i++) {
				unsigned n;
				if (lrm_proto_uint(o->pnames[i], 99, &n) && n > 0)
					g_ptr_array_add(pos, o->pnames[i]);
			}
			qsort(pos->pdata, pos->len, sizeof(char *), cmp_positional);
			for (guint i = 0; i < pos->len; i++)
				g_ptr_array_add(args, g_strdup(param(o, pos->pdata[i])));
			g_ptr_array_free(pos, TRUE);
			if (!strcmp(op, "monitor"))
				op = "status";
		}
	} else if (!strcmp(r->cls, "stonith")) {
		g_free(spec.name);
		g_ptr_array_free(args, TRUE);
		return stonith_start(x, o);
	} else {
		g_free(spec.name);
		g_ptr_array_free(args, TRUE);
		log_err("lrmd: %s: class %s is not supported by this lrmd", r->id, r->cls);
		return later(x, RA_RC_ERR_UNIMPLEMENTED, LRM_OP_NOTSUPPORTED, NULL);
	}
	if (access(spec.path, X_OK) < 0) {
		log_err("lrmd: %s: no agent %s (%s)", r->id, spec.path, g_strerror(errno));
		g_free(spec.path);
		g_free(spec.name);
		g_ptr_array_free(args, TRUE);
		return later(x, RA_RC_ERR_INSTALLED, LRM_OP_NOTSUPPORTED, NULL);
	}
	spec.nargs = (int)args->len;
	spec.args = (char **)args->pdata;
	env = lrmd_exec_env(o);
	x->ra = ra_start(&spec, op, env, o->timeout_ms, ra_done, x);
	g_strfreev(env);
	g_free(spec.path);
	g_free(spec.name);
	g_ptr_array_free(args, TRUE);
	return x;
}

static void exec_kill(void *handle)
{
	struct exec_run *x = handle;

	x->op = NULL;
	if (x->ra)
		ra_cancel(x->ra);
}

const struct lrmd_backend lrmd_ra_backend = { exec_start, exec_kill };
