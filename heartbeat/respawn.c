/* respawn / failfast children (ha.cf "respawn USER /path args"): started
 * when communication comes up, as USER, in a process group of their own,
 * restarted when they die unless they exit 100; given up after more than 10
 * deaths in a row each within 30 s of starting.  A failfast child that dies
 * abnormally runs the stop-failure command (the original rebooted). */
#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <glib.h>
#include "daemon.h"
#include "log.h"
#include "ipfail.h"
#include "clock.h"
#include "ra.h"

#define FAST_DEATH_MS 30000
#define MAX_FAST_DEATHS 10

struct child {
	const struct conf_cmd *cmd;
	/* the user, resolved before fork: the child may only make syscalls */
	uid_t uid;
	gid_t gid;
	gid_t groups[64];
	int ngroups;
	GPid pid;
	uint64_t started_ms;
	int fast_deaths;
	bool given_up;
};

static struct child *children;
static int nchildren;

static void start_child(struct child *c);

static void drop_privileges(gpointer data)
{
	const struct child *c = data;
	int fd;

	setpgid(0, 0);
	signal(SIGPIPE, SIG_DFL);
	for (fd = 3; fd < 1024; fd++)
		close(fd);
	if (c->uid != getuid()) {
		if (setgroups((size_t)c->ngroups, c->groups) < 0 || setgid(c->gid) < 0 ||
		    setuid(c->uid) < 0)
			_exit(127);
	}
}

static int resolve_user(struct child *c)
{
	struct passwd *pw = getpwnam(c->cmd->user);

	if (!pw) {
		log_err("respawn: no such user %s for %s", c->cmd->user, c->cmd->cmdline);
		return -1;
	}
	c->uid = pw->pw_uid;
	c->gid = pw->pw_gid;
	c->ngroups = 64;
	if (getgrouplist(pw->pw_name, pw->pw_gid, c->groups, &c->ngroups) < 0)
		c->ngroups = 0;
	return 0;
}

static gboolean restart_later(gpointer data)
{
	struct child *c = data;

	if (!hb.shutting_down)
		start_child(c);
	return G_SOURCE_REMOVE;
}

static void on_child_exit(GPid pid, gint status, gpointer data)
{
	struct child *c = data;
	uint64_t lived = clock_ms() - c->started_ms;
	bool abnormal = WIFSIGNALED(status) || (WIFEXITED(status) && WEXITSTATUS(status) != 0);

	g_spawn_close_pid(pid);
	c->pid = 0;
	if (hb.shutting_down)
		return;
	log_warn("Managed %s process %d exited with return code %d.", c->cmd->cmdline, (int)pid,
		 WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status));
	if (c->cmd->failfast && abnormal) {
		char *argv[] = { "/bin/sh", "-c",
				 (char *)(hb.cf->stop_fail_cmd ? hb.cf->stop_fail_cmd : "reboot -nf"), NULL };
		log_crit("failfast process %s died: rebooting", c->cmd->cmdline);
		ra_spawn("failfast", "reboot", argv, NULL, 60000, NULL, NULL);
		return;
	}
	if (WIFEXITED(status) && WEXITSTATUS(status) == 100) {
		log_info("Client %s exited with 100: not restarting it.", c->cmd->cmdline);
		return;
	}
	c->fast_deaths = lived < FAST_DEATH_MS ? c->fast_deaths + 1 : 0;
	if (c->fast_deaths > MAX_FAST_DEATHS) {
		log_err("Client %s respawning too fast: given up.", c->cmd->cmdline);
		c->given_up = true;
		return;
	}
	g_timeout_add(lived < 1000 ? 1000 : 0, restart_later, c);
}

static void start_child(struct child *c)
{
	char *argv[] = { "/bin/sh", "-c", NULL, NULL };
	GError *err = NULL;

	argv[2] = g_strdup_printf("exec %s", c->cmd->cmdline);
	if (!g_spawn_async("/", argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL |
			   G_SPAWN_STDERR_TO_DEV_NULL | G_SPAWN_STDIN_FROM_DEV_NULL,
			   drop_privileges, c, &c->pid, &err)) {
		log_err("cannot start %s: %s", c->cmd->cmdline, err->message);
		g_error_free(err);
		g_free(argv[2]);
		return;
	}
	g_free(argv[2]);
	c->started_ms = clock_ms();
	log_info("Starting \"%s\" as uid %s", c->cmd->cmdline, c->cmd->user);
	g_child_watch_add(c->pid, on_child_exit, c);
}

void respawn_start(void)
{
	int i;

	if (children)
		return;
	children = calloc((size_t)(hb.cf->ncmds ? hb.cf->ncmds : 1), sizeof *children);
	for (i = 0; i < hb.cf->ncmds; i++) {
		struct child *c = &children[nchildren];

		if (ipfail_enabled() && strstr(hb.cf->cmds[i].cmdline, "ipfail")) {
			log_info("not spawning %s: ipfail is built in", hb.cf->cmds[i].cmdline);
			continue;
		}
		c->cmd = &hb.cf->cmds[i];
		if (resolve_user(c) < 0)
			continue;
		nchildren++;
		start_child(c);
	}
}

/* At shutdown, in reverse order.  Not waited for: the main loop must keep
 * running (the daemon exits a second later; the children are reparented). */
void respawn_stop(void)
{
	int i;

	for (i = nchildren - 1; i >= 0; i--) {
		if (children[i].pid)
			kill(children[i].pid, SIGTERM);
	}
}
