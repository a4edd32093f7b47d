/* Injections for simulation (crm_simulate -d / -u / -i): they edit the
 * parsed CIB model's status before the engine runs, so any file can be
 * asked "what if this node died" or "what if this operation failed". */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "pengine/pe.h"

static struct cib_node_state *state_for(struct cib *c, const char *uname)
{
	struct cib_node_state *st = cib_find_state(c, uname);
	if (st)
		return st;
	struct cib_node *n = cib_find_node(c, uname);
	if (!n)
		return NULL;
	st = g_new0(struct cib_node_state, 1);
	st->id = g_strdup(n->id);
	st->uname = g_strdup(uname);
	st->lrm = g_ptr_array_new();
	g_ptr_array_add(c->states, st);
	return st;
}

static void set(char **f, const char *v)
{
	g_free(*f);
	*f = g_strdup(v);
}

int pe_inject_node_down(struct cib *c, const char *uname)
{
	struct cib_node_state *st = state_for(c, uname);
	if (!st)
		return -1;
	set(&st->in_ccm, "false");
	set(&st->crmd, "offline");
	set(&st->join, "down");
	set(&st->expected, "down");
	return 0;
}

int pe_inject_node_up(struct cib *c, const char *uname)
{
	struct cib_node_state *st = state_for(c, uname);
	if (!st)
		return -1;
	set(&st->in_ccm, "true");
	set(&st->crmd, "online");
	set(&st->join, "member");
	set(&st->expected, "member");
	return 0;
}

/* spec: RSC_OP_INTERVAL@NODE=RC, e.g. prmApache_monitor_10000@pm01=7 */
int pe_inject_op(struct cib *c, const char *spec, char **err)
{
	const char *at = strchr(spec, '@'), *eq = at ? strchr(at, '=') : NULL;
	if (!at || !eq) {
		*err = g_strdup_printf("invalid injection \"%s\" (want RSC_OP_INTERVAL@NODE=RC)", spec);
		return -1;
	}
	char *key = g_strndup(spec, (gsize)(at - spec));
	char *node = g_strndup(at + 1, (gsize)(eq - at - 1));
	int rc = atoi(eq + 1);
	int ret = -1;
	char *u2 = strrchr(key, '_');
	char *u1 = NULL;
	if (u2) {
		*u2 = 0;
		u1 = strrchr(key, '_');
	}
	if (!u1) {
		*err = g_strdup_printf("invalid operation key in \"%s\"", spec);
		goto out;
	}
	*u1 = 0;
	const char *rsc = key, *op = u1 + 1;
	long long interval = atoll(u2 + 1);
	struct cib_node_state *st = state_for(c, node);
	if (!st) {
		*err = g_strdup_printf("unknown node \"%s\"", node);
		goto out;
	}
	char *base = g_strdup(rsc);
	char *colon = strchr(base, ':');
	if (colon)
		*colon = 0;
	struct cib_rsc *cr = cib_find_rsc(c, base);
	g_free(base);
	if (!cr || cr->kind != CIB_PRIMITIVE) {
		*err = g_strdup_printf("unknown resource \"%s\"", rsc);
		goto out;
	}
	struct cib_lrm_rsc *lr = NULL;
	int max_call = 0;
	for (guint i = 0; i < st->lrm->len; i++) {
		struct cib_lrm_rsc *x = g_ptr_array_index(st->lrm, i);
		if (!strcmp(x->id, rsc))
			lr = x;
		for (guint k = 0; k < x->ops->len; k++) {
			struct cib_lrm_op *o = g_ptr_array_index(x->ops, k);
			if (o->call_id > max_call)
				max_call = o->call_id;
		}
	}
	if (!lr) {
		lr = g_new0(struct cib_lrm_rsc, 1);
		lr->id = g_strdup(rsc);
		lr->cls = g_strdup(cr->cls);
		lr->provider = g_strdup(cr->provider);
		lr->type = g_strdup(cr->type);
		lr->ops = g_ptr_array_new_with_free_func(cib_lrm_op_free);
		g_ptr_array_add(st->lrm, lr);
	}
	struct cib_lrm_op *o = g_new0(struct cib_lrm_op, 1);
	o->id = g_strdup_printf("%s_%s_%lld", rsc, op, interval);
	o->operation = g_strdup(op);
	o->interval_ms = interval;
	o->call_id = max_call + 1;
	o->rc = rc;
	o->op_status = 0;
	o->expected_rc = (!strcmp(op, "monitor") && interval == 0) ? 7 : 0;
	long long now = c->execution_date ? c->execution_date : (long long)time(NULL);
	o->last_rc_change = now;
	g_ptr_array_add(lr->ops, o);
	if (rc != o->expected_rc && !(o->expected_rc == 7 && rc == 0)) {
		/* As crm_simulate does: per-operation names, value++.  (It is
		 * the controller, not the simulator, that makes a failed start
		 * INFINITY; and CIBs with an old feature set ignore these names.) */
		char *name = g_strdup_printf("fail-count-%s#%s_%lld", cr->id, op, interval);
		const char *old = cib_nv_get(&st->attrs, name);
		int ok;
		int v = old ? cib_parse_score(old, &ok) : 0;
		char buf[32];
		snprintf(buf, sizeof buf, "%d", v + 1 >= PE_INF ? PE_INF : v + 1);
		cib_nv_set(&st->attrs, name, buf);
		g_free(name);
		name = g_strdup_printf("last-failure-%s#%s_%lld", cr->id, op, interval);
		snprintf(buf, sizeof buf, "%lld", now);
		cib_nv_set(&st->attrs, name, buf);
		g_free(name);
	}
	ret = 0;
out:
	g_free(key);
	g_free(node);
	return ret;
}
