/* The DC's policy engine runs.  Each run is a forked child that computes
 * on its copy of the CIB (lib/pengine) and writes the transition graph to
 * a pipe, so the controller's loop never waits for it however large the
 * CIB.  Events are coalesced for a moment; an event that arrives while a
 * child computes makes its result stale: the child is killed and a new run
 * starts.  While actions of a transition are in flight the transition is
 * aborted first and the engine runs once they have reported. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>
#include <glib-unix.h>
#include "crmd.h"
#include "cib/cib.h"
#include "pengine/pe.h"

#define COALESCE_MS 30

static struct timer kick_timer;
static bool kick_init;
static pid_t child = -1;
static guint child_src, child_watch;
static int child_fd = -1;
static GString *out;
static unsigned long child_seq;

static void child_stop(void)
{
	if (child_src)
		g_source_remove(child_src);
	child_src = 0;
	if (child_fd >= 0)
		close(child_fd);
	child_fd = -1;
	if (child > 0)
		kill(child, SIGKILL);   /* reaped by its child watch */
	child = -1;
}

void pe_cancel(void)
{
	if (kick_init)
		timer_stop(&kick_timer);
	child_stop();
}

static void on_exit_status(GPid pid, gint status, gpointer data)
{
	g_spawn_close_pid(pid);
}

/* cluster-recheck-interval: run the engine again without an event, for
 * failure-timeout expiry and time-based rules (default 15 min). */
static struct timer recheck_timer;
static bool recheck_init;

static void recheck(void *data)
{
	(void)data;
	pe_schedule("cluster-recheck-interval");
}

static void arm_recheck(void)
{
	long long ms = 15 * 60 * 1000;
	xmlNodePtr cc = cib_section(crmd.cib, "crm_config");
	for (xmlNodePtr ps = cc ? cc->children : NULL; ps; ps = ps->next)
		for (xmlNodePtr nv = ps->children; nv; nv = nv->next) {
			const char *n = nv->type == XML_ELEMENT_NODE ? cib_xml_attr(nv, "name") : NULL;
			if (n && (!strcmp(n, "cluster-recheck-interval") || !strcmp(n, "cluster_recheck_interval"))) {
				long long v = cib_parse_interval(cib_xml_attr(nv, "value"));
				if (v >= 0)
					ms = v;
			}
		}
	if (!recheck_init) {
		timer_init(&recheck_timer, recheck, NULL);
		recheck_init = true;
	}
	if (ms > 0)
		timer_start(&recheck_timer, ms > 0x7fffffff ? 0x7fffffff : (unsigned)ms);
	else
		timer_stop(&recheck_timer);
}

static void finished(void)
{
	unsigned long seq = child_seq;
	child_src = 0;
	close(child_fd);
	child_fd = -1;
	child = -1;
	if (!crm_is_dc())
		return;
	if (seq != crmd.pe_seq) {
		pe_schedule("the CIB changed while the engine ran");
		return;
	}
	char *err = NULL;
	xmlDocPtr g = out->len ? cib_xml_parse(out->str, out->len, &err) : NULL;
	if (!g) {
		crm_err("crmd: the policy engine gave no graph%s%s", err ? ": " : "", err ? err : "");
		g_free(err);
		return;
	}
	te_start(g);
	arm_recheck();
}

static gboolean on_output(gint fd, GIOCondition cond, gpointer data)
{
	char buf[65536];
	ssize_t n = read(fd, buf, sizeof buf);
	if (n < 0 && (errno == EINTR || errno == EAGAIN))
		return G_SOURCE_CONTINUE;
	if (n > 0) {
		g_string_append_len(out, buf, n);
		return G_SOURCE_CONTINUE;
	}
	finished();
	return G_SOURCE_REMOVE;
}

/* In the child: compute and write the graph, never touching the parent's
 * loop, logs or sockets. */
static void child_main(int fd)
{
	struct cib *c = cib_from_doc(xmlCopyDoc(crmd.cib, 1));
	struct pe_options opt = { 0, 0 };
	struct pe_ws *ws = pe_run(c, &opt);
	char path[64];
	snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
	int rc = pe_write_graph_xml(ws, path);
	_exit(rc < 0 ? 1 : 0);
}

static void kick(void *data)
{
	(void)data;
	if (!crm_is_dc())
		return;
	if (te_busy()) {
		te_abort("new event");   /* te_abort schedules us again when drained */
		return;
	}
	child_stop();
	status_flush();   /* the engine sees every result recorded so far */
	int p[2];
	if (pipe2(p, O_CLOEXEC) < 0) {
		crm_err("crmd: pipe: %s", strerror(errno));
		return;
	}
	child_seq = crmd.pe_seq;
	pid_t pid = fork();
	if (pid < 0) {
		crm_err("crmd: cannot fork the policy engine: %s", strerror(errno));
		close(p[0]);
		close(p[1]);
		return;
	}
	if (pid == 0) {
		close(p[0]);
		child_main(p[1]);
	}
	close(p[1]);
	child = pid;
	child_fd = p[0];
	if (!out)
		out = g_string_new(NULL);
	g_string_truncate(out, 0);
	child_src = g_unix_fd_add(child_fd, G_IO_IN | G_IO_HUP | G_IO_ERR, on_output, NULL);
	child_watch = g_child_watch_add(pid, on_exit_status, NULL);
}

void pe_schedule(const char *why)
{
	if (!crm_is_dc())
		return;
	if (!kick_init) {
		timer_init(&kick_timer, kick, NULL);
		kick_init = true;
	}
	crm_debug("crmd: policy engine run: %s", why);
	crmd.pe_seq++;
	if (!timer_armed(&kick_timer))
		timer_start(&kick_timer, COALESCE_MS);
}
