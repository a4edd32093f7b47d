/* lrmd: the local executor.  main: options, logging, signals, the loop.
 * heartbeat starts it (crm_children.c) as root; it outlives any client, so
 * crmd may restart while recurring monitors keep running here. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>
#include <glib-unix.h>
#include "config.h"
#include "log.h"
#include "ra.h"
#include "lrmd.h"

static GMainLoop *loop;

static gboolean on_term(gpointer data)
{
	log_info("lrmd: signal %s: stopping", (const char *)data);
	g_main_loop_quit(loop);
	return G_SOURCE_CONTINUE;
}

/* As heartbeat: USR1 raises the debug level, USR2 lowers it; HUP only
 * says it was heard (an HA daemon must not die of a stray signal). */
static gboolean on_usr(gpointer data)
{
	int up = GPOINTER_TO_INT(data), lvl = log_debug_level() + (up ? 1 : -1);

	log_set_debug_level(lvl < 0 ? 0 : lvl);
	log_info("lrmd: debug level now %d", log_debug_level());
	return G_SOURCE_CONTINUE;
}

static gboolean on_hup(gpointer data)
{
	log_info("lrmd: SIGHUP: nothing to reload");
	return G_SOURCE_CONTINUE;
}

static void usage(FILE *f)
{
	fprintf(f, "usage: lrmd [-d] [-r] [-s SOCKET]\n"
		   "  -s SOCKET  listen there (default $" LRM_SOCK_ENV " or " LRM_DEFAULT_SOCK ")\n"
		   "  -d         debug: log lines also on stderr, debug level 1\n"
		   "  -r         accepted for heartbeat 2.x compatibility (ignored)\n"
		   "environment: HA_logfacility, HA_logfile, HA_debugfile, HA_debug (as heartbeat\n"
		   "sets them), OCF_ROOT, HA_LRMD_LSB_DIR, HA_LRMD_HB_DIR, HA_LRMD_KILL_GRACE_MS,\n"
		   "HA_LRMD_MAX_CHILDREN (agents at once, default 16), HB_STONITH_CMD\n");
}

static int facility_of(const char *name)
{
	static const struct { const char *n; int v; } t[] = {
		{ "daemon", LOG_DAEMON }, { "user", LOG_USER }, { "local0", LOG_LOCAL0 },
		{ "local1", LOG_LOCAL1 }, { "local2", LOG_LOCAL2 }, { "local3", LOG_LOCAL3 },
		{ "local4", LOG_LOCAL4 }, { "local5", LOG_LOCAL5 }, { "local6", LOG_LOCAL6 },
		{ "local7", LOG_LOCAL7 }, { "auth", LOG_AUTH }, { "authpriv", LOG_AUTHPRIV },
	};
	if (!name || !*name)
		return LOG_DAEMON;
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
		if (!strcmp(name, t[i].n))
			return t[i].v;
	return -1;   /* "none" and anything unknown: no syslog */
}

int main(int argc, char **argv)
{
	struct log_settings ls = { 0 };
	const char *sock = NULL, *dbg = getenv("HA_debug");
	char why[512];
	int opt, debug = 0;

	while ((opt = getopt(argc, argv, "drs:hv")) != -1) {
		switch (opt) {
		case 'd': debug = 1; break;
		case 'r': break;
		case 's': sock = optarg; break;
		case 'v': printf("lrmd (heartbeat %s)\n", HB_VERSION); return 0;
		case 'h': usage(stdout); return 0;
		default: usage(stderr); return 2;
		}
	}
	if (optind < argc) {
		usage(stderr);
		return 2;
	}
	if (!sock)
		sock = getenv(LRM_SOCK_ENV);
	if (!sock || !*sock)
		sock = LRM_DEFAULT_SOCK;
	ls.ident = "lrmd";
	ls.to_stderr = debug ? 1 : 2;
	ls.facility = facility_of(getenv("HA_logfacility"));
	ls.logfile = getenv("HA_logfile");
	ls.debugfile = getenv("HA_debugfile");
	ls.debug = debug + (dbg ? atoi(dbg) : 0);
	ls.fmt = LOG_FMT_SYSLOG;
	log_setup(&ls);

	signal(SIGPIPE, SIG_IGN);
	loop = g_main_loop_new(NULL, FALSE);
	lrmd_exec_init();
	lrmd_rsc_init(&lrmd_ra_backend, lrmd_ipc_broadcast);
	if (getenv("HA_LRMD_MAX_CHILDREN"))
		lrmd_set_max_children(atoi(getenv("HA_LRMD_MAX_CHILDREN")));
	if (lrmd_ipc_start(sock, why, sizeof why) < 0) {
		log_err("lrmd: %s", why);
		/* 100: heartbeat must not respawn us while another lrmd serves */
		return strstr(why, "another lrmd") ? 100 : 1;
	}
	g_unix_signal_add(SIGTERM, on_term, "TERM");
	g_unix_signal_add(SIGINT, on_term, "INT");
	g_unix_signal_add(SIGHUP, on_hup, NULL);
	g_unix_signal_add(SIGUSR1, on_usr, GINT_TO_POINTER(1));
	g_unix_signal_add(SIGUSR2, on_usr, GINT_TO_POINTER(0));
	log_info("lrmd: started, listening on %s", sock);
	g_main_loop_run(loop);
	lrmd_ipc_stop();
	/* Agents still running are killed (their process groups), not waited for. */
	lrmd_rsc_shutdown();
	log_info("lrmd: stopped");
	log_flush(1000);
	g_main_loop_unref(loop);
	return 0;
}
