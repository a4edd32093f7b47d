/* crmd's main: sign on to heartbeat as the client "crmd", load the CIB
 * replica, open the CIB socket and the executor, say hello, and run the
 * glib loop.  Messages from other controllers are dispatched by type;
 * heartbeat's node and client notices feed membership.  When heartbeat
 * goes away crmd exits: heartbeat starts it again (crm respawn) or the
 * node is restarted (crm yes), as with the original. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>
#include <glib-unix.h>
#include "crmd.h"

struct crmd crmd;

static void on_message(struct hb_client *c, const struct hb_msg *m, void *data)
{
	const char *t = msg_get(m, "t");
	if (!t)
		return;
	static const struct {
		const char *type;
		void (*fn)(const struct hb_msg *m);
	} table[] = {
		{ CRM_T_HELLO, peers_on_hello },
		{ CRM_T_DC, peers_on_dc },
		{ CRM_T_CIB_FULL, cib_replica_on_full },
		{ CRM_T_CIB_DIFF, cib_replica_on_diff },
		{ CRM_T_CIB_PULL, cib_replica_on_pull },
		{ CRM_T_CIB_REQ, cibreq_on_req },
		{ CRM_T_CIB_REP, cibreq_on_rep },
		{ CRM_T_RSC_OP, lrm_local_on_op },
		{ CRM_T_OP_RESULT, te_on_result },
		{ CRM_T_FORGET, lrm_local_on_forget },
		{ CRM_T_SHUTDOWN, shutdown_on_request },
		{ CRM_T_SHUTDOWN_OK, shutdown_on_ok },
	};
	for (size_t i = 0; i < G_N_ELEMENTS(table); i++)
		if (!strcmp(t, table[i].type)) {
			table[i].fn(m);
			return;
		}
}

static void on_node_status(struct hb_client *c, const char *node, const char *status, void *data)
{
	peers_node_status(node, status);
}

static void on_client_status(struct hb_client *c, const char *node, const char *client, const char *status,
			     void *data)
{
	if (client && !strcmp(client, "crmd"))
		peers_client_status(node, status);
}

static void on_lost(struct hb_client *c, void *data)
{
	crm_err("crmd: heartbeat went away: exiting");
	g_main_loop_quit(crmd.loop);
	crmd.hb_lost = true;
}

static gboolean on_term(gpointer data)
{
	shutdown_request((const char *)data);
	return G_SOURCE_CONTINUE;
}

/* crmd runs as hacluster: a log file root made 0644 cannot be opened by it.
 * As 2.x's children did, it logs through ha_logd when ha.cf says use_logd
 * (logd, root, writes the files), else to a file only when it can write
 * it, and otherwise to syslog (heartbeat's facility, daemon without one)
 * with one warning saying so: never silently nowhere. */
static bool writable(const char *path)
{
	if (access(path, W_OK) == 0)
		return true;
	if (errno != ENOENT)
		return false;
	char *dir = g_path_get_dirname(path);
	bool ok = access(dir, W_OK) == 0;
	g_free(dir);
	return ok;
}

static bool truthy(const char *v)
{
	return v && (!g_ascii_strcasecmp(v, "yes") || !g_ascii_strcasecmp(v, "on") ||
		     !g_ascii_strcasecmp(v, "true") || !g_ascii_strcasecmp(v, "y") || !strcmp(v, "1"));
}

static void setup_logging(bool from_heartbeat)
{
	struct log_settings s = { .ident = "crmd", .to_stderr = 2, .facility = -1 };
	char *logfile = NULL, *debugfile = NULL, *logd = NULL;
	char dropped[512] = "";
	if (from_heartbeat) {
		logfile = client_parameter(crmd.hb, "logfile");
		debugfile = client_parameter(crmd.hb, "debugfile");
		logd = client_parameter(crmd.hb, "use_logd");
		s.facility = client_logfacility(crmd.hb);
		s.use_logd = truthy(logd);
		s.logd_facility = s.facility >= 0 ? s.facility : LOG_DAEMON;
		if (logfile && !writable(logfile)) {
			snprintf(dropped, sizeof dropped, "%s", logfile);
			g_free(logfile);
			logfile = NULL;
		}
		if (debugfile && !writable(debugfile)) {
			size_t l = strlen(dropped);
			snprintf(dropped + l, sizeof dropped - l, "%s%s", l ? ", " : "", debugfile);
			g_free(debugfile);
			debugfile = NULL;
		}
		if (dropped[0] && s.facility < 0)
			s.facility = LOG_DAEMON;
		s.logfile = logfile;
		s.debugfile = debugfile;
		const char *dbg = getenv("HA_debug");
		s.debug = dbg ? atoi(dbg) : 0;
	}
	log_setup(&s);
	if (dropped[0])
		crm_warn("crmd: cannot write %s as uid %d: logging to syslog%s instead "
			 "(use_logd yes, or make the file writable by group haclient)",
			 dropped, (int)getuid(), s.use_logd ? " and ha_logd" : "");
	g_free(logfile);
	g_free(debugfile);
	g_free(logd);
}

static struct hb_client *signon(void)
{
	/* heartbeat starts us right after its API socket opens; allow a
	 * moment for it, as the original's clients retry */
	for (int i = 0; i < 100; i++) {
		enum client_error e;
		char why[256] = "";
		struct hb_client *c = client_signon("crmd", &e, why, sizeof why);
		if (c)
			return c;
		if (i == 99 || (e != CLIENT_NO_DAEMON && e != CLIENT_TIMEOUT && e != CLIENT_LOST)) {
			crm_err("crmd: cannot sign on to heartbeat: %s", why);
			return NULL;
		}
		g_usleep(200 * 1000);
	}
	return NULL;
}

#define LRMD_WAIT_MS 5000

int main(int argc, char **argv)
{
	if (argc > 1 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
		printf("Usage: crmd\n  The v2 controller; heartbeat starts it (ha.cf: crm yes|respawn).\n"
		       "  Environment: HB_CRM_DIR (CIB directory), HA_CIB_SOCKET, HA_LRMD_SOCK.\n");
		return 0;
	}
	if (argc > 1) {
		fprintf(stderr, "crmd: unexpected argument %s (see crmd --help)\n", argv[1]);
		return 64;
	}
	signal(SIGPIPE, SIG_IGN);
	setup_logging(false);
	crmd.hb = signon();
	if (!crmd.hb)
		return 1;
	crmd.me = g_strdup(client_node(crmd.hb));
	crmd.deadtime_ms = client_deadtime_ms(crmd.hb);
	crmd.keepalive_ms = client_keepalive_ms(crmd.hb);
	setup_logging(true);
	log_start_async();
	crm_info("crmd: signed on to heartbeat on %s (deadtime %u ms)", crmd.me, crmd.deadtime_ms);
	cib_replica_load();
	peers_init();
	if (ipc_start() < 0)
		return 1;
	/* heartbeat starts lrmd just before us: as Pacemaker's controller, do
	 * not take part in the cluster (and be handed actions) before the
	 * executor answers.  Bounded: without lrmd we go on, retrying. */
	for (int i = 0; lrm_local_connect() < 0 && i < LRMD_WAIT_MS / 100; i++)
		g_usleep(100 * 1000);
	crmd.loop = g_main_loop_new(NULL, FALSE);
	static const struct client_callbacks cb = {
		on_message, on_node_status, NULL, on_client_status, on_lost,
	};
	client_attach(crmd.hb, &cb, NULL);
	g_unix_signal_add(SIGTERM, on_term, "SIGTERM");
	g_unix_signal_add(SIGINT, on_term, "SIGINT");
	election_start_timer();
	g_main_loop_run(crmd.loop);
	pe_cancel();
	ipc_stop();
	lrm_local_close();
	client_close(crmd.hb);
	log_flush(2000);
	return crmd.hb_lost ? 1 : 0;
}
