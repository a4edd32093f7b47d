/* heartbeat: command line, configuration loading and checking, daemonising,
 * the pid file, signals, and the glib main loop that drives everything else.
 * Options as heartbeat 3.0.6 (-d -D -k -M -r -s -v -W -l -V -f) plus -t. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <malloc.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <syslog.h>
#include <unistd.h>
#include <glib-unix.h>
#include "config.h"
#include "daemon.h"
#include "haresources.h"
#include "crm_children.h"
#include "log.h"
#include "clock.h"
#include "timer.h"
#include "pidfile.h"
#include "rsc.h"
#include "ipfail.h"
#include "sdnotify.h"
#include "config_check.h"
#include "daemonize.h"
#include "reload.h"
#include "conf_diff.h"
#include "compress.h"
#include "stonith_check.h"

#define EXIT_USAGE 2
#define EXIT_PERM 4
#define EXIT_CONFIG 6
#define TICK_MS 100
#define STARTUP_TIMEOUT_S 120   /* the init script's start waits at most this */
#define RELOAD_WAIT_MS 10000     /* heartbeat -r waits this long for the daemon's report */
#define HB_VERSION_STRING HB_VERSION " (heartbeat-ng)"


static GMainLoop *loop;
static struct timer keepalive_timer, tick_timer;
static struct haresources *hares;
static char pidfile[4096];
static int opt_foreground, opt_debug, opt_norealtime, opt_verbose, opt_nomanage;

static void set_paths(void)
{
	/* Environment overrides exist for tests that run without mount namespaces. */
	const char *e;

	snprintf(hb.ha_dir, sizeof hb.ha_dir, "%s", (e = getenv("HB_HA_DIR")) ? e : HA_SYSCONFDIR);
	snprintf(hb.var_lib, sizeof hb.var_lib, "%s", (e = getenv("HB_VARLIB")) ? e : HA_VARLIBDIR);
	snprintf(hb.run_dir, sizeof hb.run_dir, "%s", (e = getenv("HB_RUNDIR")) ? e : HA_RUNDIR);
	snprintf(pidfile, sizeof pidfile, "%s", (e = getenv("HB_PIDFILE")) ? e : HA_PIDFILE);
}

static void usage(void)
{
	fprintf(stderr, "Usage: heartbeat [-dDkMrRsvWlVft] [-C Current-resource-state]\n"
		"\t-d\tincrease debug level\n\t-D\tprint directive defaults\n"
		"\t-k\tstop the running heartbeat\n\t-r\treload the running heartbeat's configuration\n"
		"\t-s\treport whether heartbeat is running\n\t-t\tcheck the configuration and exit\n"
		"\t-f\tstay in the foreground\n\t-l\tno realtime priority\n"
		"\t-M\tno resource management\n\t-v\tverbose\n\t-V\tprint the version\n");
}

/* A configuration error goes to stderr when a person is watching (start,
 * -t, -r) and to the log when a running daemon re-reads its files. */
static void report(bool print, const char *level, const char *text)
{
	if (print)
		fprintf(stderr, "heartbeat: %s: %s\n", level, text);
	else if (strcmp(level, "ERROR") == 0)
		log_err("%s", text);
}

struct report_line {
	int line;            /* 0: about the file as a whole */
	int seq;             /* order found in: ties keep it */
	const char *level, *text;
};

/* "file:12: ..." -> 12; "file: ..." -> 0 */
static int msg_line(const char *text)
{
	const char *c;

	for (c = strchr(text, ':'); c; c = strchr(c + 1, ':')) {
		size_t d = strspn(c + 1, "0123456789");

		if (d > 0 && c[1 + d] == ':')
			return atoi(c + 1);
		if (c[1] == ' ')
			break;
	}
	return 0;
}

static int by_line(const void *a, const void *b)
{
	const struct report_line *x = a, *y = b;
	int lx = x->line ? x->line : 1 << 30, ly = y->line ? y->line : 1 << 30;

	if (lx != ly)
		return lx < ly ? -1 : 1;
	return x->seq - y->seq;
}

/* One file's messages in line order, warnings and errors mixed, the ones
 * about the whole file last: what an operator reads top to bottom. */
static void report_all(bool print, const struct conf_errors *errs)
{
	int i, n = errs->n + errs->nwarn;
	struct report_line *v = calloc((size_t)(n ? n : 1), sizeof *v);

	if (!v)
		return;
	for (i = 0; i < errs->nwarn; i++)
		v[i] = (struct report_line){ msg_line(errs->warn[i]), i, "WARN", errs->warn[i] };
	for (i = 0; i < errs->n; i++)
		v[errs->nwarn + i] = (struct report_line){ msg_line(errs->msg[i]), errs->nwarn + i, "ERROR",
							   errs->msg[i] };
	qsort(v, (size_t)n, sizeof *v, by_line);
	for (i = 0; i < n; i++)
		report(print, v[i].level, v[i].text);
	free(v);
}

/* Load ha.cf, authkeys and (haresources mode) haresources into fresh objects,
 * and check them against this machine (interfaces, names, scripts).  Every
 * file is checked whatever the others said, so one run shows every error.
 * Returns the exit code to use (0 = fine). */
static int load_config(struct hb_config **cfp, struct auth_keys *keys, struct haresources **hrp,
		       bool print)
{
	char path[4200], err[1024];
	struct conf_errors errs = { 0 };
	struct hb_config *cf = calloc(1, sizeof *cf);
	struct haresources *hr = NULL;
	char name[CONF_HOSTLEN];
	int rc = 0, i;

	if (nodename_local(hb.ha_dir, name, sizeof name) < 0) {
		fprintf(stderr, "heartbeat: cannot determine the local node name\n");
		free(cf);
		return EXIT_CONFIG;
	}
	/* A running node cannot change its name: peers know it by the old one. */
	if (hb.localname[0] && strcmp(name, hb.localname) != 0) {
		log_err("node name changed from %s to %s: restart heartbeat to use it", hb.localname, name);
		free(cf);
		return EXIT_CONFIG;
	}
	if (!hb.localname[0])      /* a reload (another thread) only compares it */
		snprintf(hb.localname, sizeof hb.localname, "%s", name);
	snprintf(path, sizeof path, "%s/ha.cf", hb.ha_dir);
	if (conf_load(path, hb.localname, cf, &errs) != 0)
		rc = EXIT_CONFIG;
	/* The checks against this machine resolve ucast peers and ping hosts
	 * (DNS): not in a running daemon's reload, which runs on the heartbeat
	 * path and cannot apply a change of media or ping nodes anyway (that
	 * takes a restart, which checks them).  heartbeat -r checks them
	 * before it signals the daemon. */
	if (print && conf_check_system(cf, &config_system_probes, &errs) > 0)
		rc = EXIT_CONFIG;
	/* STONITH types and parameters are checked by asking the stonith
	 * command, only where someone waits for the answer (start, -t, -r): a
	 * running daemon keeps the device it started with. */
	if (print && stonith_check_config(cf, hb.localname, &errs) > 0)
		rc = EXIT_CONFIG;
	report_all(print, &errs);
	for (i = 0; i < errs.n; i++)
		if (strstr(errs.msg[i], "Permission denied"))
			rc = EXIT_PERM;
	conf_errors_free(&errs);
	memset(keys, 0, sizeof *keys);
	snprintf(path, sizeof path, "%s/authkeys", hb.ha_dir);
	if (auth_load(path, keys, err, sizeof err) < 0) {
		int e = errno;

		report(print, "ERROR", err);
		if (!rc)
			rc = e == EACCES ? EXIT_PERM : EXIT_CONFIG;   /* cannot read it: 4; refused: 6 */
	}
	if (print && cf->crm) {
		crm_children_check(cf, &errs);
		report_all(print, &errs);
		conf_errors_free(&errs);
	}
	if (hrp && !cf->crm && !opt_nomanage) {
		/* Node names are checked only against an ha.cf that declares some. */
		hr = calloc(1, sizeof *hr);
		snprintf(path, sizeof path, "%s/haresources", hb.ha_dir);
		if (haresources_load(path, cf->nnodes ? cf : NULL, hr, &errs) != 0)
			rc = rc ? rc : EXIT_CONFIG;
		if (config_check_resources(hr, hb.ha_dir, path, &errs) > 0)
			rc = rc ? rc : EXIT_CONFIG;
		report_all(print, &errs);
		conf_errors_free(&errs);
	}
	if (rc) {
		if (hr) {
			haresources_free(hr);
			free(hr);
		}
		conf_free(cf);
		free(cf);
		auth_clear(keys);
		return rc;
	}
	if (hrp)
		*hrp = hr;
	*cfp = cf;
	return 0;
}

/* ---- run time ---- */

static void rewatch_medium(void *data);

static gboolean on_medium(gint fd, GIOCondition cond, gpointer data)
{
	int mi = GPOINTER_TO_INT(data);
	struct medium *m = &hb.media[mi];
	static char buf[MSG_MAXMSG];
	int i;

	/* Drain what is there now, but bounded so one flooded medium cannot
	 * starve the timers. */
	for (i = 0; i < 64; i++) {
		ssize_t n = m->ops->recv(m, buf, sizeof buf);

		if (n < 0) {
			m->recv_errors++;
			if (errno == EAGAIN)
				break;
			if (errno == EINTR || errno == EMSGSIZE)
				continue;
			/* A hung-up serial line stays "readable" forever: stop
			 * watching it for a second instead of spinning. */
			log_warn("medium %s: read error: %s; retrying in 1 s", m->name, strerror(errno));
			timer_once(1000, rewatch_medium, data);
			return G_SOURCE_REMOVE;
		}
		if (n == 0)
			break;
		transport_receive(mi, buf, (size_t)n);
	}
	return G_SOURCE_CONTINUE;
}

static void rewatch_medium(void *data)
{
	struct medium *m = &hb.media[GPOINTER_TO_INT(data)];

	g_unix_fd_add(m->fd, G_IO_IN | G_IO_HUP | G_IO_ERR, on_medium, data);
}

static void on_keepalive(void *data)
{
	membership_send_status();
}

static void on_tick(void *data)
{
	uint64_t now = clock_ms();

	membership_tick(now);
	transport_tick(now);
}

static void on_exit_timer(void *data)
{
	g_main_loop_quit(loop);
}

static void children_stopped(void)
{
	struct hb_msg *m = msg_new();

	/* shutdone first: the peer must not mistake our silence for a death */
	msg_add(m, "t", "shutdone");
	msg_add(m, "st", "dead");
	transport_send(m, false);
	respawn_stop();
	watchdog_close();
	log_info("%s Heartbeat shutdown complete.", hb.localname);
	timer_once(1000, on_exit_timer, NULL);
}

/* The CRM goes first, while messaging still works: crmd may need it to
 * hand its resources over. */
static void released_all(void)
{
	crm_children_stop(children_stopped);
}

static void emergency_exit(void *data)
{
	log_err("Emergency shutdown: resources were not released within an hour");
	g_main_loop_quit(loop);
}

static void daemon_request_shutdown(void)
{
	if (hb.shutting_down)
		return;
	hb.shutting_down = true;
	sd_notify_state("STOPPING=1");
	log_info("Heartbeat shutdown in progress. (%d)", (int)getpid());
	timer_once(3600 * 1000, emergency_exit, NULL);
	rsc_shutdown(released_all);
}

static gboolean on_term(gpointer data)
{
	daemon_request_shutdown();
	return G_SOURCE_CONTINUE;
}

static void apply_timing(void)
{
	timer_start_periodic(&keepalive_timer, hb.cf->keepalive_ms);
}

/* Logging as ha.cf says; called at start and on every reload.  starting:
 * warnings and errors also go to stderr, which is then the starting
 * command's (daemonize.c), so the init script can show why a start failed. */
static void setup_logging(const struct hb_config *cf, bool foreground, bool starting)
{
	struct log_settings ls = { 0 };
	static char logd_sock[4200];

	ls.ident = "heartbeat";
	ls.to_stderr = foreground ? 1 : starting ? 2 : 0;
	ls.facility = cf->logfacility;
	ls.logfile = cf->logfile;
	ls.debugfile = cf->debugfile;
	ls.debug = cf->debug + opt_debug;
	ls.fmt = cf->syslogmsgfmt ? LOG_FMT_SYSLOG : LOG_FMT_PLAIN;
	ls.use_logd = cf->use_logd > 0;
	snprintf(logd_sock, sizeof logd_sock, "%s/log_daemon", hb.var_lib);
	ls.logd_socket = logd_sock;
	ls.logd_retry_ms = cf->conn_logd_time_ms;
	ls.logd_facility = cf->logfacility >= 0 ? cf->logfacility : LOG_DAEMON;
	/* No log entry at all means ha_logd; while it is not running the lines
	 * go to syslog's daemon facility rather than nowhere.  An explicit
	 * "logfacility none" is respected. */
	if (ls.facility < 0 && !ls.logfile && !ls.debugfile && !cf->logfacility_none && !foreground)
		ls.facility = LOG_DAEMON;
	log_setup(&ls);
}

/* SIGHUP: the files are read into fresh objects; when they are good, what
 * can change live does (timers, logging, script settings, authkeys,
 * haresources groups), the rest keeps its running value, and both are said
 * (reload.c). */
/* A reload's files are read and checked on a thread of their own: parsing
 * looks users and groups up (apiauth, respawn, the authkeys owner), which
 * may wait on NSS (LDAP, NIS) while heartbeats are due.  What they change
 * is applied on the main loop when the thread is done. */
struct reload_job {
	GThread *thread;
	struct hb_config *cf;
	struct haresources *hr;
	struct auth_keys keys;
	bool want_hr;
	int rc;
};
static struct reload_job *reloading;
static bool reload_again;

static void reload_apply(struct reload_job *j)
{
	struct conf_diff d;
	GString *did = g_string_new(NULL), *refused = g_string_new(NULL);

	if (j->rc != 0) {
		reload_report(hb.run_dir, NULL, NULL, NULL,
			      "configuration reloading FAILED: keeping the running configuration (the errors are in the log)");
	} else {
		auth_clear(&hb.keys);
		hb.keys = j->keys;
		conf_diff(hb.cf, j->cf, &d);
		conf_apply_live(hb.cf, j->cf);
		/* whatever of the compression directives the reload took */
		cz_policy_set(hb.cf->compression, hb.cf->compression_threshold, hb.cf->traditional_compression);
		setup_logging(hb.cf, opt_foreground, false);
		apply_timing();
		watchdog_apply_timing();
		rsc_export_env();
		rsc_reload(j->hr, did, refused);
		reload_report(hb.run_dir, &d, did, refused, NULL);
		conf_diff_free(&d);
		conf_free(j->cf);
		free(j->cf);
	}
	g_string_free(did, TRUE);
	g_string_free(refused, TRUE);
	sd_notify_state("READY=1");
}

static gpointer reload_thread(gpointer data)
{
	struct reload_job *j = data;

	j->rc = load_config(&j->cf, &j->keys, j->want_hr ? &j->hr : NULL, false);
	return NULL;
}

static void start_reload(void);

static gboolean reload_done(gpointer data)
{
	struct reload_job *j = data;

	g_thread_join(j->thread);
	reload_apply(j);
	g_free(j);
	reloading = NULL;
	if (reload_again) {
		reload_again = false;
		start_reload();
	}
	return G_SOURCE_REMOVE;
}

static gpointer reload_thread_main(gpointer data)
{
	reload_thread(data);
	g_idle_add(reload_done, data);     /* g_idle_add is safe from any thread */
	return NULL;
}

static void start_reload(void)
{
	struct reload_job *j = g_new0(struct reload_job, 1);

	sd_notify_state("RELOADING=1");
	log_info("Rereading configuration (SIGHUP)");
	j->want_hr = hb.resources_managed;
	reloading = j;
	j->thread = g_thread_try_new("reload", reload_thread_main, j, NULL);
	if (!j->thread) {
		/* no thread (memory locked to its limit): read them here */
		reload_thread(j);
		reload_apply(j);
		g_free(j);
		reloading = NULL;
	}
}

static gboolean on_hup(gpointer data)
{
	if (reloading)
		reload_again = true;    /* once more when this one is done */
	else
		start_reload();
	return G_SOURCE_CONTINUE;
}

static gboolean on_usr1(gpointer data)
{
	log_set_debug_level(log_debug_level() + 1);
	log_info("debug level now %d", log_debug_level());
	return G_SOURCE_CONTINUE;
}

static gboolean on_usr2(gpointer data)
{
	log_set_debug_level(log_debug_level() - 1);
	log_info("debug level now %d", log_debug_level());
	return G_SOURCE_CONTINUE;
}

/* With "realtime on" we mlockall(), and under a locked-memory limit (8 MiB
 * is common in containers) that needs the whole address space to fit, not
 * just what is resident.  Two things would blow it: glibc gives each thread
 * that allocates an arena of its own (64 MiB reserved each), and threads
 * we do not create ourselves (glib's worker, which dispatches signals and
 * child exits) get the 8 MiB default stack.  One arena does for our two
 * small threads; none of them recurses deeply. */
#define THREAD_STACK (256 * 1024)
static void small_footprint(void)
{
	pthread_attr_t a;

	mallopt(M_ARENA_MAX, 1);
	if (pthread_attr_init(&a) == 0) {
		pthread_attr_setstacksize(&a, THREAD_STACK);
		pthread_setattr_default_np(&a);
		pthread_attr_destroy(&a);
	}
}

/* RLIMIT_MEMLOCK binds only without CAP_IPC_LOCK (bit 14 of CapEff). */
static size_t memlock_limit(void)
{
	struct rlimit rl;

	if (getrlimit(RLIMIT_MEMLOCK, &rl) < 0 || rl.rlim_cur == RLIM_INFINITY)
		return 0;
	return (size_t)rl.rlim_cur;
}

static bool memlock_capped(void)
{
	char line[256];
	bool capped = memlock_limit() > 0;
	FILE *f = capped ? fopen("/proc/self/status", "r") : NULL;

	while (f && fgets(line, sizeof line, f))
		if (strncmp(line, "CapEff:", 7) == 0)
			capped = !(strtoull(line + 7, NULL, 16) & (1ULL << 14));
	if (f)
		fclose(f);
	return capped;
}

static void go_realtime(void)
{
	struct sched_param sp = { 0 };

	if (!hb.cf->realtime || opt_norealtime)
		return;
	sp.sched_priority = hb.cf->rtprio > 0 ? hb.cf->rtprio : sched_get_priority_min(SCHED_RR);
	if (sched_setscheduler(0, SCHED_RR, &sp) < 0)
		log_warn("Cannot set realtime priority: %s", strerror(errno));
	/* Locked memory keeps a busy machine from paging us out into a false
	 * failover; containers often cap it, and then we carry on unlocked. */
	if (mlockall(MCL_CURRENT | MCL_FUTURE) < 0)
		log_warn("Cannot lock ourselves into memory: %s", strerror(errno));
	else if (memlock_capped())
		api_memlock(memlock_limit());
}

static void dump_config(void)
{
	int i;

	for (i = 0; i < hb.cf->nparams; i++)
		log_info("ha.cf: %s %s", hb.cf->params[i].name, hb.cf->params[i].value);
	for (i = 0; i < hb.cf->nnodes; i++)
		log_info("ha.cf: node %s", hb.cf->nodes[i]);
	for (i = 0; i < hb.cf->nmedia; i++)
		log_info("ha.cf: medium %d on %s", hb.cf->media[i].type, hb.cf->media[i].dev);
}

static int init_nodes(void)
{
	/* Room for every node there can be, allocated once: with autojoin
	 * the table grows at run time up to the limit. */
	int cap = CONF_MAXNODES;   /* hb_addnode and autojoin add nodes at run time */
	int i;

	if (nodes_init(cap) < 0)
		return -1;
	for (i = 0; i < hb.cf->nnodes; i++)
		node_add(hb.cf->nodes[i], NODE_NORMAL);
	hb.local = node_find(hb.localname);
	if (hb.local < 0)          /* autojoin any */
		hb.local = node_add(hb.localname, NODE_NORMAL);
	if (hb.local < 0)
		return -1;
	memcpy(hb.nodes[hb.local].uuid, hb.uuid, 16);
	hb.nodes[hb.local].has_uuid = true;
	node_admin_load();
	return 0;
}

static int open_media(void)
{
	char err[512];
	int i;

	for (i = 0; i < hb.cf->nmedia; i++) {
		struct medium *m = &hb.media[i];

		if (media_open(m, &hb.cf->media[i], err, sizeof err) < 0) {
			log_err("cannot open medium %d: %s", i + 1, err);
			return -1;
		}
		g_unix_fd_add(m->fd, G_IO_IN | G_IO_HUP | G_IO_ERR, on_medium, GINT_TO_POINTER(i));
		hb.nmedia++;
	}
	return 0;
}

static void make_dirs(void)
{
	char rsctmp[4200];

	mkdir(hb.var_lib, 0755);
	mkdir(hb.run_dir, 0755);
	snprintf(rsctmp, sizeof rsctmp, "%s/rsctmp", hb.run_dir);
	mkdir(rsctmp, 01777);
}

static int run_daemon(void)
{
	char err[512];
	struct hb_config *cf;
	bool stale;
	pid_t pid;
	int rc;

	small_footprint();
	rc = load_config(&cf, &hb.keys, &hares, true);
	if (rc) {
		fprintf(stderr, "heartbeat: Configuration error, heartbeat not started.\n");
		return rc;
	}
	hb.cf = cf;
	cz_policy_set(cf->compression, cf->compression_threshold, cf->traditional_compression);
	hb.haresources = hares;
	hb.resources_managed = !cf->crm && !opt_nomanage && hares != NULL;
	pid = pidfile_read(pidfile, &stale);
	if (pid > 0) {
		fprintf(stderr, "heartbeat: already running [pid %d].\n", (int)pid);
		return 0;
	}
	if (!opt_foreground && daemonize_start(STARTUP_TIMEOUT_S) < 0) {
		perror("heartbeat: fork");
		return 1;
	}
	setup_logging(hb.cf, opt_foreground, true);
	log_start_async();
	log_info("Configuration validated. Starting heartbeat %s", HB_VERSION_STRING);
	if (opt_verbose)
		dump_config();
	if (hb.cf->auto_failback == AF_LEGACY && !hb.cf->crm)
		log_info("Deprecated 'legacy' auto_failback option selected.");
	make_dirs();
	rc = pidfile_write(pidfile);
	if (rc == -2) {
		log_err("Heartbeat not started: another heartbeat holds the lock on %s.", pidfile);
		return 1;
	}
	if (rc < 0)
		log_warn("cannot write pid file %s: %s", pidfile, strerror(errno));
	if (identity_generation(hb.var_lib, hb.cf->hbgen_time, &hb.generation, err, sizeof err) < 0 ||
	    identity_uuid(hb.var_lib, hb.cf->uuid_from_nodename, hb.localname, hb.uuid, err, sizeof err) < 0) {
		log_err("%s", err);
		pidfile_remove(pidfile);
		return 1;
	}
	if (init_nodes() < 0) {
		log_err("cannot set up the node table");
		return 1;
	}
	hb.flow_control = true;
	loop = g_main_loop_new(NULL, FALSE);
	if (open_media() < 0) {
		log_err("Heartbeat not started: a medium could not be opened.");
		pidfile_remove(pidfile);
		return 1;
	}
	go_realtime();
	g_unix_signal_add(SIGTERM, on_term, NULL);
	g_unix_signal_add(SIGHUP, on_hup, NULL);
	g_unix_signal_add(SIGUSR1, on_usr1, NULL);
	g_unix_signal_add(SIGUSR2, on_usr2, NULL);
	/* As the original: ^C or terminal job control must not stop a cluster node. */
	signal(SIGPIPE, SIG_IGN);
	signal(SIGINT, SIG_IGN);
	signal(SIGTTOU, SIG_IGN);
	signal(SIGTTIN, SIG_IGN);
	signal(SIGALRM, SIG_IGN);
	{
		char fifo[4200];
		snprintf(fifo, sizeof fifo, "%s/fifo", hb.var_lib);
		fifo_start(fifo);
	}
	/* Each module subscribes to the membership events here; the order is
	 * the order they hear them (clients first, then resources, ipfail). */
	api_init();
	api_config(hb.cf);
	ping_start();
	watchdog_open();
	respawn_init();
	crm_children_init();
	rsc_init();
	ipfail_init();
	/* Up: the starting command may return; stderr is done with.  Before
	 * the first heartbeat: waiting here for a stalled log (up to 1 s)
	 * must not come between two of them. */
	log_flush(1000);
	setup_logging(hb.cf, opt_foreground, false);
	daemonize_ready();
	membership_start();
	timer_init(&keepalive_timer, on_keepalive, NULL);
	apply_timing();
	timer_init(&tick_timer, on_tick, NULL);
	timer_start_periodic(&tick_timer, TICK_MS);
	sd_notify_state("READY=1");
	g_main_loop_run(loop);
	api_stop();
	pidfile_remove(pidfile);
	return 0;
}

/* ---- the one-shot commands ---- */

static int cmd_status(void)
{
	bool stale;
	pid_t pid = pidfile_read(pidfile, &stale);

	if (pid > 0) {
		char name[CONF_HOSTLEN];

		nodename_local(hb.ha_dir, name, sizeof name);
		printf("heartbeat OK [pid %d et al] is running on %s [%s]...\n", (int)pid, name, name);
		return 0;
	}
	printf("heartbeat is stopped. No process\n");
	return stale ? 1 : 3;
}

static int cmd_kill(void)
{
	bool stale;
	pid_t pid = pidfile_read(pidfile, &stale);
	int i;

	if (pid <= 0) {
		fprintf(stderr, "INFO: Heartbeat already stopped.\n");
		return 0;
	}
	if (kill(pid, SIGTERM) < 0) {
		fprintf(stderr, "heartbeat: cannot signal pid %d: %s\n", (int)pid, strerror(errno));
		return 1;
	}
	/* Wait as the original does: until the daemon has released its resources
	 * and gone; bounded at an hour like its emergency shutdown. */
	for (i = 0; i < 3600 * 10; i++) {
		if (kill(pid, 0) < 0 && errno == ESRCH)
			return 0;
		usleep(100000);
	}
	fprintf(stderr, "heartbeat: pid %d did not stop\n", (int)pid);
	return 1;
}

static int cmd_check(void)
{
	struct hb_config *cf;
	struct auth_keys keys;
	struct haresources *hr;
	int rc = load_config(&cf, &keys, &hr, true);

	if (rc) {
		fprintf(stderr, "heartbeat: configuration has errors\n");
		return rc;
	}
	printf("configuration OK\n");
	return 0;
}

static int cmd_reload(void)
{
	struct hb_config *cf;
	struct auth_keys keys;
	struct haresources *hr;
	bool stale;
	pid_t pid;
	int rc = load_config(&cf, &keys, &hr, true);

	if (rc)
		return rc == EXIT_PERM ? EXIT_PERM : 1;
	pid = pidfile_read(pidfile, &stale);
	if (pid > 0) {
		char marker[256];

		/* Wait for the daemon's report and say it: what changed, what
		 * waits for a restart and why. */
		reload_marker(hb.run_dir, marker, sizeof marker);
		if (kill(pid, SIGHUP) < 0) {
			perror("heartbeat: kill");
			return 1;
		}
		return reload_wait_print(hb.run_dir, marker, RELOAD_WAIT_MS);
	}
	return -1;   /* not running: start normally */
}

int main(int argc, char **argv)
{
	int c, opt_kill = 0, opt_status = 0, opt_reload = 0, opt_check = 0, opt_defaults = 0, rc;

	set_paths();
	while ((c = getopt(argc, argv, "dDkMrRsvWlC:Vft")) != -1) {
		switch (c) {
		case 'd': opt_debug++; break;
		case 'D': opt_defaults = 1; break;
		case 'k': opt_kill = 1; break;
		case 'M': opt_nomanage = 1; break;
		case 'r': opt_reload = 1; break;
		case 'R': case 'C': case 'W': break;
		case 's': opt_status = 1; break;
		case 'v': opt_verbose++; break;
		case 'l': opt_norealtime = 1; break;
		case 'V': printf("%s\n", HB_VERSION_STRING); return 0;
		case 'f': opt_foreground = 1; break;
		case 't': opt_check = 1; break;
		default: usage(); return EXIT_USAGE;
		}
	}
	if (optind < argc) {
		usage();
		return EXIT_USAGE;
	}
	if (opt_defaults) {
		conf_print_defaults();
		return 0;
	}
	if (opt_status)
		return cmd_status();
	if (opt_kill)
		return cmd_kill();
	if (opt_check)
		return cmd_check();
	if (opt_reload && (rc = cmd_reload()) >= 0)
		return rc;
	rc = run_daemon();
	/* the writer thread may still hold the last lines (why we stopped) */
	log_flush(2000);
	return rc;
}
