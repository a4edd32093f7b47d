/* The CRM's processes (ha.cf "crm yes|respawn|minimal|manual"): one table,
 * started in order at comm-up through lib/spawn as their users, watched
 * with glib child watches, failfast or respawned (rate limited) as the
 * mode says, stopped in reverse order at shutdown with a bounded wait.
 * Nothing here runs CRM logic: heartbeat only keeps the children alive. */
#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <syslog.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <glib.h>
#include "config.h"
#include "daemon.h"
#include "crm_children.h"
#include "clock.h"
#include "events.h"
#include "log.h"
#include "ra.h"
#include "spawn.h"
#include "timer.h"

#define FAST_DEATH_MS 30000     /* a child that dies sooner counts as a fast death */
#define MAX_FAST_DEATHS 10      /* more in a row: respawning given up */
#define RESTART_DELAY_MS 1000   /* no restart sooner than this after a start */

/* The table: start order; stopped in reverse.  failfast applies in the
 * failfast modes (crm yes): as 2.x, lrmd is always respawned (crmd finds its
 * state again), a dying crmd reboots the node. */
static const struct crm_child_def defs[] = {
	{ "lrmd", "-r", "root", false, 30000, false },
	{ "crmd", NULL, HA_CLUSTER_USER, true, 20 * 60 * 1000, false },
	/* the management daemon (web page, API, metrics), as 2.x's crm yes started its mgmtd */
	{ "mgmtd", NULL, "root", false, 5000, true },
};
#define NDEFS (sizeof defs / sizeof defs[0])

struct child {
	const struct crm_child_def *def;
	char *path;
	struct spawn_user user;
	bool set_user;
	struct spawn *sp;
	pid_t pid;
	uint64_t started_ms;
	int fast_deaths;
	bool given_up, stopping;
	unsigned stop_ms;          /* the stop timeout in force */
	struct timer restart, stop_kill;
};

static struct child children[NDEFS];
static enum crm_mode mode;
static bool started;
static void (*stop_done)(void);
static int stop_index = -1;

enum crm_mode crm_mode_of(bool crm, const char *value)
{
	if (!crm)
		return CRM_OFF;
	if (!value)
		return CRM_FAILFAST;
	if (!strcasecmp(value, "respawn"))
		return CRM_RESPAWN;
	if (!strcasecmp(value, "minimal") || !strcasecmp(value, "manual"))
		return CRM_MINIMAL;
	if (!strcasecmp(value, "ccm-only"))
		return CRM_CCM_ONLY;
	return CRM_FAILFAST;   /* yes, on, true, y, 1, valgrind */
}

const char *crm_daemon_dir(const struct hb_config *cf)
{
	const char *d = getenv(CRM_DAEMON_DIR_ENV);

	if (d && *d)
		return d;
	return cf && cf->crm_daemon_dir ? cf->crm_daemon_dir : HA_LIBEXECDIR;
}

const struct crm_child_def *crm_child_defs(size_t *n)
{
	*n = NDEFS;
	return defs;
}

bool crm_child_failfast(enum crm_mode m, const struct crm_child_def *d)
{
	return d->failfast && (m == CRM_FAILFAST || m == CRM_MINIMAL);
}

void crm_children_check(const struct hb_config *cf, struct conf_errors *errs)
{
	enum crm_mode m = crm_mode_of(cf->crm, cf->crm_value);

	if (m == CRM_OFF || m == CRM_CCM_ONLY)
		return;
	for (size_t i = 0; i < NDEFS; i++) {
		char *p = g_strdup_printf("%s/%s", crm_daemon_dir(cf), defs[i].name);
		if (access(p, X_OK) < 0 && !defs[i].optional)
			conf_msg(errs, true, "ha.cf", 0,
				 "crm %s: %s is missing (%s): heartbeat will run without it and log an error; "
				 "%s", cf->crm_value ? cf->crm_value : "yes", p, g_strerror(errno),
				 !strcmp(defs[i].name, "lrmd") ? "no resource can be started on this node"
							      : "this node takes no part in the CRM");
		if (defs[i].user && strcmp(defs[i].user, "root") && !getpwnam(defs[i].user))
			conf_msg(errs, true, "ha.cf", 0, "crm: user %s (for %s) does not exist",
				 defs[i].user, defs[i].name);
		g_free(p);
	}
}

static int resolve_user(struct child *c)
{
	c->set_user = false;
	if (getuid() != 0)
		return 0;   /* not root (tests): children run as we do */
	if (spawn_user_lookup(c->def->user, &c->user) < 0) {
		log_err("crm: no such user %s for %s: not started", c->def->user, c->def->name);
		return -1;
	}
	c->set_user = c->user.uid != 0 || c->user.gid != 0;
	return 0;
}

static const char *facility_name(int f)
{
	static const struct { int v; const char *n; } t[] = {
		{ LOG_DAEMON, "daemon" }, { LOG_USER, "user" }, { LOG_AUTH, "auth" },
		{ LOG_AUTHPRIV, "authpriv" }, { LOG_LOCAL0, "local0" }, { LOG_LOCAL1, "local1" },
		{ LOG_LOCAL2, "local2" }, { LOG_LOCAL3, "local3" }, { LOG_LOCAL4, "local4" },
		{ LOG_LOCAL5, "local5" }, { LOG_LOCAL6, "local6" }, { LOG_LOCAL7, "local7" },
	};
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
		if (t[i].v == f)
			return t[i].n;
	return "none";
}

/* What 2.x passed its children: where to log. */
static char **child_env(void)
{
	char **env = g_get_environ();
	char dbg[16];

	int fac = hb.cf->logfacility;

	/* heartbeat's own rule: no log directive at all means syslog's daemon
	 * facility, an explicit "logfacility none" means none */
	if (fac < 0 && !hb.cf->logfile && !hb.cf->debugfile && !hb.cf->logfacility_none)
		fac = LOG_DAEMON;
	env = g_environ_setenv(env, "HA_logfacility", facility_name(fac), TRUE);
	if (hb.cf->logfile)
		env = g_environ_setenv(env, "HA_logfile", hb.cf->logfile, TRUE);
	if (hb.cf->debugfile)
		env = g_environ_setenv(env, "HA_debugfile", hb.cf->debugfile, TRUE);
	snprintf(dbg, sizeof dbg, "%d", hb.cf->debug);
	env = g_environ_setenv(env, "HA_debug", dbg, TRUE);
	return env;
}

static void start_child(struct child *c);

static void restart_later(void *data)
{
	struct child *c = data;

	if (!hb.shutting_down && stop_index < 0)
		start_child(c);
}

static void stop_next(void);

static void failfast(struct child *c)
{
	const char *cmd = hb.cf->stop_fail_cmd ? hb.cf->stop_fail_cmd : CRM_REBOOT_DEFAULT;
	char *argv[] = { "/bin/sh", "-c", (char *)cmd, NULL };

	log_crit("crm: failfast process %s died: rebooting this node (%s)", c->def->name, cmd);
	ra_spawn("failfast", "reboot", argv, NULL, 60000, NULL, NULL);
}

static void on_child_exit(void *data, const struct spawn_result *res)
{
	struct child *c = data;
	uint64_t lived = clock_ms() - c->started_ms;
	int st = res->status;
	pid_t pid = c->pid;

	c->pid = 0;
	c->sp = NULL;
	if (c->stopping) {
		c->stopping = false;
		timer_stop(&c->stop_kill);
		log_info("crm: %s [%d] stopped", c->def->name, (int)pid);
		stop_next();
		return;
	}
	if (hb.shutting_down)
		return;
	if (res->failed) {
		log_err("crm: cannot start %s: %s", c->path, g_strerror(res->err_no));
		c->given_up = true;
		return;
	}
	log_warn("crm: managed %s process %d %s %d", c->def->name, (int)pid,
		 WIFSIGNALED(st) ? "killed by signal" : "exited with return code",
		 WIFSIGNALED(st) ? WTERMSIG(st) : WEXITSTATUS(st));
	if (WIFEXITED(st) && WEXITSTATUS(st) == CRM_EXIT_NO_RESTART) {
		/* as respawn's exit 100: the child says restarting cannot help
		 * (lrmd: another lrmd, left from an earlier heartbeat, serves) */
		log_err("crm: %s exited with %d: not restarting it", c->def->name, CRM_EXIT_NO_RESTART);
		c->given_up = true;
		return;
	}
	if (crm_child_failfast(mode, c->def)) {
		failfast(c);
		return;
	}
	c->fast_deaths = lived < FAST_DEATH_MS ? c->fast_deaths + 1 : 0;
	if (c->fast_deaths > MAX_FAST_DEATHS) {
		log_err("crm: %s respawning too fast (%d deaths within %d s of starting): given up",
			c->def->name, c->fast_deaths, FAST_DEATH_MS / 1000);
		c->given_up = true;
		return;
	}
	log_info("crm: respawning %s", c->def->name);
	timer_start(&c->restart, lived < RESTART_DELAY_MS ? (unsigned)(RESTART_DELAY_MS - lived) : 0);
}

static void start_child(struct child *c)
{
	char *argv[3] = { c->path, (char *)c->def->args, NULL };
	struct spawn_opts o = { 0 };
	char **env;

	if (access(c->path, X_OK) < 0 && c->def->optional) {
		log_info("crm: %s is not installed: %s not started", c->path, c->def->name);
		c->given_up = true;
		return;
	}
	if (access(c->path, X_OK) < 0) {
		log_err("crm: %s is missing (%s): %s not started", c->path, g_strerror(errno), c->def->name);
		c->given_up = true;
		return;
	}
	env = child_env();
	o.name = c->def->name;
	o.argv = argv;
	o.envp = env;
	o.new_pgrp = true;
	if (c->set_user)
		spawn_opts_user(&o, &c->user);
	c->started_ms = clock_ms();
	c->sp = spawn_start(&o, 0, 0, NULL, on_child_exit, c);
	c->pid = spawn_pid(c->sp);
	g_strfreev(env);
	if (c->pid > 0)
		log_info("crm: starting %s [%d] as %s", c->path, (int)c->pid,
			 c->set_user ? c->def->user : "ourselves");
}

/* <rundir>/crm as the package's tmpfiles makes it (hacluster:haclient
 * 0750): lrmd's socket (root's) and crmd's (the cluster user's) both live
 * there, so lrmd must not be the one to create it root-owned. */
static void make_crm_dir(void)
{
	char path[4200];
	struct passwd *pw = getuid() == 0 ? getpwnam(HA_CLUSTER_USER) : NULL;
	struct group *g = getuid() == 0 ? getgrnam("haclient") : NULL;

	snprintf(path, sizeof path, "%s/crm", hb.run_dir);
	if (mkdir(path, 0750) < 0) {
		if (errno != EEXIST)
			log_warn("crm: cannot create %s: %s", path, g_strerror(errno));
		return;
	}
	if (pw && chown(path, pw->pw_uid, g ? g->gr_gid : pw->pw_gid) < 0)
		log_warn("crm: chown %s: %s", path, g_strerror(errno));
}

static void crm_start(const struct event *e, void *data)
{
	if (started || hb.shutting_down)
		return;
	started = true;
	for (size_t i = 0; i < NDEFS; i++)
		if (!children[i].given_up)
			start_child(&children[i]);
}

/* The children's users are looked up at start, not at comm-up: NSS (LDAP,
 * NIS) may take its time, and comm-up is on the heartbeat path. */
static void crm_prepare(void)
{
	make_crm_dir();
	for (size_t i = 0; i < NDEFS; i++) {
		struct child *c = &children[i];
		c->def = &defs[i];
		c->path = g_strdup_printf("%s/%s", crm_daemon_dir(hb.cf), defs[i].name);
		timer_init(&c->restart, restart_later, c);
		if (resolve_user(c) < 0)
			c->given_up = true;
	}
}

void crm_children_init(void)
{
	char path[4200];

	mode = crm_mode_of(hb.cf->crm, hb.cf->crm_value);
	if (mode == CRM_OFF)
		return;
	snprintf(path, sizeof path, "%s/haresources", hb.ha_dir);
	if (access(path, F_OK) == 0)
		log_info("%s: This file is not used because crm is enabled", path);
	if (mode == CRM_CCM_ONLY) {
		log_info("crm ccm-only: no CRM process is started");
		return;
	}
	crm_prepare();
	events_subscribe(EV_COMM_UP, crm_start, NULL);
}

static void stop_kill(void *data)
{
	struct child *c = data;

	log_warn("crm: %s [%d] did not stop within %u ms: killing it", c->def->name, (int)c->pid,
		 c->stop_ms);
	if (c->sp)
		spawn_signal(c->sp, SIGKILL);
}

/* Children go in reverse order, each waited for (bounded) before the next. */
static void stop_next(void)
{
	const char *t = getenv(CRM_STOP_TIMEOUT_ENV);
	unsigned override = 0;

	if (t)
		override = (unsigned)strtoul(t, NULL, 10);
	while (--stop_index >= 0) {
		struct child *c = &children[stop_index];
		timer_stop(&c->restart);
		if (!c->pid || !c->sp)
			continue;
		c->stopping = true;
		log_info("crm: stopping %s [%d]", c->def->name, (int)c->pid);
		spawn_signal(c->sp, SIGTERM);
		timer_init(&c->stop_kill, stop_kill, c);
		c->stop_ms = override ? override : c->def->stop_timeout_ms;
		timer_start(&c->stop_kill, c->stop_ms);
		return;
	}
	stop_index = -1;
	if (stop_done) {
		void (*done)(void) = stop_done;
		stop_done = NULL;
		done();
	}
}

void crm_children_stop(void (*done)(void))
{
	if (stop_index >= 0)
		return;          /* already stopping */
	stop_done = done;
	stop_index = (int)NDEFS;
	stop_next();
}

int crm_children_running(void)
{
	int n = 0;

	for (size_t i = 0; i < NDEFS; i++)
		n += children[i].pid > 0;
	return n;
}

/* A process the caller vouches for as a CRM child (the unit tests: they
 * cannot be spawned by us and still be the test). */
static pid_t adopted;

void crm_child_adopt(pid_t pid)
{
	adopted = pid;
}

bool crm_child_pid(pid_t pid)
{
	if (pid > 0 && pid == adopted)
		return true;
	for (size_t i = 0; pid > 0 && i < NDEFS; i++)
		if (children[i].pid == pid)
			return true;
	return false;
}
