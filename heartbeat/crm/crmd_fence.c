/* Fencing, run by the DC: the engine's stonith event is carried out with a
 * configured stonith-class primitive (cluster-glue's plugins, or ours) by
 * the stonith command (HB_STONITH_CMD, default cluster-glue's), its
 * parameters in the environment (-E), never on the command line.  The
 * command runs through lib/spawn, so the loop never waits for a device;
 * stonith-timeout bounds it.  A device whose hostlist names the victim is
 * preferred; one without a hostlist may fence anyone. */
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include "config.h"
#include "crmd.h"
#include "cib/cib.h"
#include "spawn.h"

struct fence_job {
	char *victim;
	fence_done_fn done;
	void *data;
};

static bool lists(const char *hostlist, const char *victim)
{
	char **h = g_strsplit_set(hostlist, " ,", -1);
	bool found = false;
	for (int i = 0; h[i] && !found; i++)
		found = !g_ascii_strcasecmp(h[i], victim);
	g_strfreev(h);
	return found;
}

static void collect(GPtrArray *rscs, GPtrArray *out)
{
	for (guint i = 0; rscs && i < rscs->len; i++) {
		struct cib_rsc *r = g_ptr_array_index(rscs, i);
		if (r->kind == CIB_PRIMITIVE && r->cls && !strcmp(r->cls, "stonith"))
			g_ptr_array_add(out, r);
		collect(r->children, out);
	}
}

static struct cib_rsc *device_for(struct cib *c, const char *victim)
{
	GPtrArray *devs = g_ptr_array_new();
	collect(c->resources, devs);
	struct cib_rsc *pick = NULL, *any = NULL;
	for (guint i = 0; i < devs->len && !pick; i++) {
		struct cib_rsc *r = g_ptr_array_index(devs, i);
		const char *hl = cib_nv_get(&r->params, "hostlist");
		if (hl && lists(hl, victim))
			pick = r;
		else if (!hl && !any)
			any = r;
	}
	g_ptr_array_free(devs, TRUE);
	return pick ? pick : any;
}

static void on_done(void *data, const struct spawn_result *res)
{
	struct fence_job *j = data;
	bool ok = !res->failed && !res->timed_out && WIFEXITED(res->status) && WEXITSTATUS(res->status) == 0;
	if (ok)
		crm_info("crmd: %s was fenced", j->victim);
	else
		crm_err("crmd: fencing %s failed (%s)", j->victim,
			res->failed ? "could not run the stonith command" : res->timed_out ? "timed out" : "device error");
	j->done(j->victim, ok, j->data);
	g_free(j->victim);
	g_free(j);
}

static void on_output(void *data, int stream, const char *buf, size_t len)
{
	struct fence_job *j = data;
	crm_info("crmd: stonith %s: %.*s", j->victim, (int)(len && buf[len - 1] == '\n' ? len - 1 : len), buf);
}

bool fence_run(const char *victim, const char *action, fence_done_fn done, void *data)
{
	struct cib *c = cib_from_doc(cib_edit_copy());
	struct cib_rsc *dev = device_for(c, victim);
	if (!dev || !dev->type) {
		crm_err("crmd: no stonith device can fence %s: configure a stonith-class primitive", victim);
		cib_free(c);
		return false;
	}
	const char *cmd = getenv("HB_STONITH_CMD");
	if (!cmd || !*cmd)
		cmd = HA_STONITH_CMD;
	char **env = g_get_environ();
	for (guint i = 0; dev->params.items && i < dev->params.items->len; i++) {
		struct cib_nv *nv = g_ptr_array_index(dev->params.items, i);
		env = g_environ_setenv(env, nv->name, nv->value, TRUE);
	}
	const char *how = action && !strcmp(action, "poweroff") ? "off" : "reset";
	char *argv[] = { (char *)cmd, "-t", dev->type, "-E", "-T", (char *)how, (char *)victim, NULL };
	const char *to = cib_nv_get(&c->options, "stonith-timeout");
	long long ms = to ? cib_parse_interval(to) : -1;
	struct fence_job *j = g_new0(struct fence_job, 1);
	j->victim = g_strdup(victim);
	j->done = done;
	j->data = data;
	struct spawn_opts o = { .name = "stonith", .argv = argv, .envp = env, .capture_out = true, .capture_err = true };
	crm_info("crmd: fencing %s (%s) with %s (%s)", victim, how, dev->id, dev->type);
	spawn_start(&o, ms > 0 ? (unsigned)ms : 60000, 0, on_output, on_done, j);
	g_strfreev(env);
	cib_free(c);
	return true;
}
