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
#include "timer.h"
#include "spawn.h"
#include "events.h"

#define FAST_DEATH_MS 30000
#define MAX_FAST_DEATHS 10

struct child {
	const struct conf_cmd *cmd;
	struct spawn_user user;     /* resolved at start, before any fork */
	GPid pid;
	uint64_t started_ms;
	int fast_deaths;
	bool given_up;
	struct timer restart;
};

static struct child *children;
static int nchildren;

static void start_child(struct child *c);

static int resolve_user(struct child *c)
{
	if (spawn_user_lookup(c->cmd->user, &c->user) < 0) {
		log_err("respawn: no such user %s for %s", c->cmd->user, c->cmd->cmdline);
		return -1;
	}
	return 0;
}

static void restart_later(void *data)
{
	struct child *c = data;

	if (!hb.shutting_down)
		start_child(c);
}

static void on_child_exit(void *data, const struct spawn_result *res)
{
	struct child *c = data;
	uint64_t lived = clock_ms() - c->started_ms;
	int status = res->status;
	bool abnormal = WIFSIGNALED(status) || (WIFEXITED(status) && WEXITSTATUS(status) != 0);
	pid_t pid = c->pid;

	c->pid = 0;
	if (hb.shutting_down)
		return;
	if (res->failed) {
		/* never ran (fork, exec of /bin/sh or the user switch failed):
		 * not a death to respawn or fail fast on */
		log_err("cannot start %s as %s: %s", c->cmd->cmdline, c->cmd->user, g_strerror(res->err_no));
		return;
	}
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
	timer_start(&c->restart, lived < 1000 ? 1000 : 0);
}

static void start_child(struct child *c)
{
	char *argv[] = { "/bin/sh", "-c", NULL, NULL };
	struct spawn_opts o = { 0 };
	struct spawn *sp;

	argv[2] = g_strdup_printf("exec %s", c->cmd->cmdline);
	o.name = c->cmd->cmdline;
	o.argv = argv;
	o.new_pgrp = true;
	if (c->user.uid != getuid())
		spawn_opts_user(&o, &c->user);
	c->started_ms = clock_ms();
	sp = spawn_start(&o, 0, 0, NULL, on_child_exit, c);
	g_free(argv[2]);
	c->pid = spawn_pid(sp);
	if (c->pid <= 0)
		return;       /* fork failed: on_child_exit reports it */
	log_info("Starting \"%s\" as uid %s", c->cmd->cmdline, c->cmd->user);
}

static void respawn_start(const struct event *e, void *data)
{
	int i;

	for (i = 0; i < nchildren; i++) {
		struct child *c = &children[i];

		if (c->pid || c->started_ms || c->given_up)
			continue;
		/* known only now: ipfail_init runs after us */
		if (ipfail_enabled() && strstr(c->cmd->cmdline, "ipfail")) {
			log_info("not spawning %s: ipfail is built in", c->cmd->cmdline);
			c->given_up = true;
			continue;
		}
		start_child(c);
	}
}

/* The children and their users are worked out at start: a user lookup may
 * wait on NSS (LDAP, NIS), which has no place at comm-up on the heartbeat
 * path. */
void respawn_init(void)
{
	int i;

	children = calloc((size_t)(hb.cf->ncmds ? hb.cf->ncmds : 1), sizeof *children);
	for (i = 0; children && i < hb.cf->ncmds; i++) {
		struct child *c = &children[nchildren];

		c->cmd = &hb.cf->cmds[i];
		timer_init(&c->restart, restart_later, c);
		if (resolve_user(c) < 0)
			continue;
		nchildren++;
	}
	events_subscribe(EV_COMM_UP, respawn_start, NULL);
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
