/* Message-triggered scripts (the original's notify_world): a cluster message
 * of type T runs <ha.d>/harc T when <ha.d>/rc.d/T exists, with the message's
 * string fields as HA_<name> in its environment.  One at a time, in order.
 * Which types reach here is the routing table's business (routes.c): the
 * ones this daemon handles itself are not handed to scripts, since running
 * the stock rc.d scripts for them would act twice. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <glib.h>
#include "daemon.h"
#include "log.h"
#include "ra.h"

#define NOTIFY_TIMEOUT_MS (300 * 1000)
#define NOTIFY_QUEUE_MAX 64

struct job {
	char *type;
	char **env;
};

static GQueue pending = G_QUEUE_INIT;
static bool running;

static void run_next(void);

static void finished(const struct ra_result *res, void *data)
{
	running = false;
	run_next();
}

static void run_next(void)
{
	struct job *j;
	char *harc, *argv[3];

	if (running || !(j = g_queue_pop_head(&pending)))
		return;
	harc = g_strdup_printf("%s/harc", hb.ha_dir);
	argv[0] = harc;
	argv[1] = j->type;
	argv[2] = NULL;
	running = ra_spawn("harc", j->type, argv, j->env, NOTIFY_TIMEOUT_MS, finished, NULL) != NULL;
	g_free(harc);
	g_free(j->type);
	g_strfreev(j->env);
	g_free(j);
	if (!running)
		run_next();
}

void notify_message(const struct hb_msg *m)
{
	const char *t = msg_get(m, "t");
	char *script;
	GPtrArray *env;
	struct job *j;
	size_t i;
	bool exists;

	if (!t || !*t || strchr(t, '/') || t[0] == '.' || hb.cf->crm)
		return;
	script = g_strdup_printf("%s/rc.d/%s", hb.ha_dir, t);
	exists = access(script, X_OK) == 0;
	g_free(script);
	if (!exists)
		return;
	if (g_queue_get_length(&pending) >= NOTIFY_QUEUE_MAX) {
		log_warn("rc.d/%s not run: %d scripts already waiting", t, NOTIFY_QUEUE_MAX);
		return;
	}
	env = g_ptr_array_new();
	for (i = 0; i < m->n; i++)
		if (m->f[i].type == FT_STRING)
			g_ptr_array_add(env, g_strdup_printf("HA_%s=%s", m->f[i].name, m->f[i].value));
	g_ptr_array_add(env, g_strdup_printf("HA_OSTATUS=%s", status_word(hb.status)));
	g_ptr_array_add(env, NULL);
	j = g_new0(struct job, 1);
	j->type = g_ascii_strdown(t, -1);
	j->env = (char **)g_ptr_array_free(env, FALSE);
	g_queue_push_tail(&pending, j);
	run_next();
}
