/* This node's executor, through lib/lrm's client: the DC's actions for
 * this node are run on lrmd, and every result (the first run of a
 * recurring monitor and each change of its rc, too) goes back to the DC.
 * Before a stop, the resource's recurring operations are cancelled, as the
 * original controller did.  lrmd outlives us: if it is not there yet (or
 * restarts), we connect again every second. */
#include <stdlib.h>
#include <string.h>
#include "crmd.h"
#include "lrm/lrm_client.h"

#define RETRY_MS 1000

static struct lrm_conn *conn;
static struct timer retry;
static bool retry_init;
static GHashTable *recurring;  /* rsc -> GPtrArray of "op:interval" */

static void on_event(struct lrm_conn *c, const struct lrm_event *ev, void *data);

static void remember_recurring(const char *rsc, const char *op, unsigned interval)
{
	GPtrArray *l = g_hash_table_lookup(recurring, rsc);
	if (!l) {
		l = g_ptr_array_new_with_free_func(g_free);
		g_hash_table_insert(recurring, g_strdup(rsc), l);
	}
	char *k = g_strdup_printf("%s:%u", op, interval);
	for (guint i = 0; i < l->len; i++)
		if (!strcmp(g_ptr_array_index(l, i), k)) {
			g_free(k);
			return;
		}
	g_ptr_array_add(l, k);
}

static void try_connect(void *data)
{
	(void)data;
	GError *err = NULL;
	conn = lrm_connect(NULL, &err);
	if (!conn) {
		crm_debug("crmd: lrmd not reachable yet: %s", err ? err->message : "?");
		if (err)
			g_error_free(err);
		timer_start(&retry, RETRY_MS);
		return;
	}
	crm_info("crmd: connected to lrmd");
	/* after a restart of ours: the recurring ops lrmd still runs, so a
	 * later stop cancels them */
	struct lrm_rsc_info *rl = NULL;
	int n = lrm_list(conn, &rl);
	for (int i = 0; i < n; i++)
		for (size_t k = 0; k < rl[i].nops; k++)
			if (rl[i].ops[k].recurring_active)
				remember_recurring(rl[i].rsc_id, rl[i].ops[k].op, rl[i].ops[k].interval_ms);
	if (n > 0)
		lrm_rsc_info_free_all(rl, (size_t)n);
	lrm_attach(conn, NULL, on_event, NULL);
}

int lrm_local_connect(void)
{
	if (!retry_init) {
		timer_init(&retry, try_connect, NULL);
		retry_init = true;
		recurring = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, (GDestroyNotify)g_ptr_array_unref);
	}
	try_connect(NULL);
	return conn ? 0 : -1;
}

void lrm_local_close(void)
{
	if (retry_init)
		timer_stop(&retry);
	if (conn)
		lrm_close(conn);
	conn = NULL;
}

static void deliver(struct hb_msg *r)
{
	if (crm_is_dc()) {
		te_on_result(r);
		msg_free(r);
	} else if (crmd.dc) {
		crm_send(r, crmd.dc);
	} else {
		crm_warn("crmd: result of %s_%s on %s: no DC to tell", msg_get(r, "rsc"), msg_get(r, "op"), crmd.me);
		msg_free(r);
	}
}

static struct hb_msg *result_msg(const char *rsc, const char *op, unsigned interval, const char *ud)
{
	struct hb_msg *r = crm_msg_new(CRM_T_OP_RESULT);
	msg_add(r, "node", crmd.me);
	msg_add(r, "rsc", rsc);
	msg_add(r, "op", op);
	msg_addf(r, "interval", "%u", interval);
	/* user_data is "TKEY|DIGEST" */
	if (ud && *ud) {
		const char *bar = strchr(ud, '|');
		char *tkey = bar ? g_strndup(ud, (gsize)(bar - ud)) : g_strdup(ud);
		msg_add(r, "tkey", tkey);
		if (bar && bar[1])
			msg_add(r, "digest", bar + 1);
		g_free(tkey);
	}
	return r;
}

static void on_event(struct lrm_conn *c, const struct lrm_event *ev, void *data)
{
	if (!ev) {
		crm_err("crmd: lost the connection to lrmd: connecting again");
		lrm_close(conn);
		conn = NULL;
		timer_start(&retry, RETRY_MS);
		return;
	}
	if (ev->op_status == LRM_OP_CANCELLED)
		return;
	struct hb_msg *r = result_msg(ev->rsc_id, ev->op, ev->interval_ms, ev->user_data);
	if (ev->cls)
		msg_add(r, "class", ev->cls);
	if (ev->provider)
		msg_add(r, "provider", ev->provider);
	if (ev->type)
		msg_add(r, "type", ev->type);
	msg_addf(r, "call_id", "%d", ev->call_id);
	msg_addf(r, "rc", "%d", ev->rc);
	msg_addf(r, "op_status", "%d", (int)ev->op_status);
	msg_addf(r, "exec_time", "%u", ev->exec_time_ms);
	msg_addf(r, "queue_time", "%u", ev->queue_time_ms);
	crm_info("crmd: %s_%s_%u on %s: rc %d (%s), call %d", ev->rsc_id, ev->op, ev->interval_ms, crmd.me, ev->rc,
		 lrm_op_status_str(ev->op_status), ev->call_id);
	deliver(r);
}

static void cancel_recurring(const char *rsc)
{
	GPtrArray *l = g_hash_table_lookup(recurring, rsc);
	for (guint i = 0; l && i < l->len; i++) {
		char *k = g_ptr_array_index(l, i), *colon = strrchr(k, ':');
		char *op = g_strndup(k, (gsize)(colon - k));
		if (conn && lrm_cancel(conn, rsc, op, (unsigned)atol(colon + 1)) < 0)
			crm_debug("crmd: cancel %s %s: %s", rsc, k, lrm_errmsg(conn));
		g_free(op);
	}
	g_hash_table_remove(recurring, rsc);
}

void lrm_local_on_op(const struct hb_msg *m)
{
	const char *node = msg_get(m, "node");
	if (node && strcmp(node, crmd.me))
		return;
	const char *rsc = msg_get(m, "rsc"), *op = msg_get(m, "op"), *iv = msg_get(m, "interval");
	if (!rsc || !op)
		return;
	unsigned interval = iv ? (unsigned)atol(iv) : 0;
	if (!strcmp(op, "cancel")) {
		const char *cop = msg_get(m, "cancel_op") ? msg_get(m, "cancel_op") : "monitor";
		if (conn && lrm_cancel(conn, rsc, cop, interval) < 0)
			crm_debug("crmd: cancel %s_%s_%u: %s", rsc, cop, interval, lrm_errmsg(conn));
		GPtrArray *l = g_hash_table_lookup(recurring, rsc);
		char *k = g_strdup_printf("%s:%u", cop, interval);
		for (guint i = 0; l && i < l->len; i++)
			if (!strcmp(g_ptr_array_index(l, i), k)) {
				g_ptr_array_remove_index(l, i);
				break;
			}
		g_free(k);
		return;
	}
	char *ud = g_strdup_printf("%s|%s", msg_get(m, "tkey") ? msg_get(m, "tkey") : "",
				   msg_get(m, "digest") ? msg_get(m, "digest") : "");
	if (!strcmp(op, "stop"))
		cancel_recurring(rsc);
	const struct hb_msg *pm = msg_get_struct(m, "params");
	GArray *params = g_array_new(FALSE, FALSE, sizeof(struct lrm_param));
	for (size_t i = 0; pm && i < pm->n; i++) {
		if (pm->f[i].type != FT_STRING)
			continue;
		struct lrm_param p = { pm->f[i].name, pm->f[i].value };
		g_array_append_val(params, p);
	}
	const char *to = msg_get(m, "timeout"), *sd = msg_get(m, "start_delay");
	struct lrm_op_req req = {
		.rsc_id = rsc, .cls = msg_get(m, "class"), .provider = msg_get(m, "provider"),
		.type = msg_get(m, "type"), .params = (const struct lrm_param *)params->data,
		.nparams = params->len, .op = op, .interval_ms = interval,
		.timeout_ms = to ? (unsigned)atol(to) : 0, .start_delay_ms = sd ? (unsigned)atol(sd) : 0,
		.user_data = ud,
	};
	int call = conn ? lrm_exec(conn, &req) : -1;
	if (call < 0) {
		crm_err("crmd: cannot run %s_%s_%u: %s", rsc, op, interval, conn ? lrm_errmsg(conn) : "no lrmd");
		struct hb_msg *r = result_msg(rsc, op, interval, ud);
		msg_add(r, "rc", "1");
		msg_addf(r, "op_status", "%d", LRM_OP_ERROR);
		msg_add(r, "call_id", "-1");
		deliver(r);
	} else if (interval > 0) {
		remember_recurring(rsc, op, interval);
	}
	g_array_free(params, TRUE);
	g_free(ud);
}

/* crm_resource -C: lrmd forgets the resource (its recurring ops cancelled)
 * before the DC drops its history, so the re-probe finds a clean slate. */
void lrm_local_on_forget(const struct hb_msg *m)
{
	const char *node = msg_get(m, "node"), *rsc = msg_get(m, "rsc");
	if (!rsc || (node && strcmp(node, crmd.me)))
		return;
	g_hash_table_remove(recurring, rsc);
	if (conn && lrm_forget(conn, rsc) < 0)
		crm_debug("crmd: lrmd does not know %s: %s", rsc, lrm_errmsg(conn));
	else
		crm_info("crmd: %s forgotten by lrmd (cleanup)", rsc);
}
