/* pingd: heartbeat 2.x's ping-node watcher.  An API client of the local
 * heartbeat: counts the ha.cf ping nodes (or those named with -h) that
 * heartbeat hears, and keeps the transient node attribute NAME (default
 * "pingd") at count x multiplier through the controller, which dampens
 * the change (-d) as for attrd_updater.  Started by an ha.cf "respawn"
 * line or by resource-agents' ocf:heartbeat:pingd agent, which runs
 * $HA_BIN/pingd -D -p PIDFILE -a NAME -d DAMPEN [-m N] [-h HOST]... */
#include <errno.h>
#include <stdarg.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <glib-unix.h>
#include "config.h"
#include "client.h"
#include "cib/cib.h"
#include "cib/cib_conn.h"
#include "timer.h"

#define RETRY_MS 2000            /* the controller is not up yet: try again */

static const char *attr = "pingd";
static long multiplier = 1;
static unsigned dampen_ms = 5000;
static GPtrArray *hosts;         /* -h: only these ping nodes (NULL: all) */
static struct hb_client *hb;
static GMainLoop *loop;
static long written = -1;        /* the value the controller accepted last */
static struct timer retry;
static int exit_code;

static void say(const char *fmt, ...) G_GNUC_PRINTF(1, 2);
static void say(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("pingd: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
}

static bool watched(const char *name)
{
	if (!hosts)
		return true;
	for (guint i = 0; i < hosts->len; i++)
		if (!strcmp(g_ptr_array_index(hosts, i), name))
			return true;
	return false;
}

/* Ping nodes heartbeat hears (status "ping"), of those watched; -1 when
 * heartbeat does not answer. */
static int reachable(void)
{
	struct client_node *n = NULL;
	int k = client_nodes(hb, &n), up = 0;
	if (k < 0)
		return -1;
	for (int i = 0; i < k; i++)
		if (!strcmp(n[i].type, "ping") && watched(n[i].name) && !strcmp(n[i].status, "ping"))
			up++;
	client_nodes_free(n, k);
	return up;
}

static void update(void)
{
	int up = reachable();
	if (up < 0)
		return;
	long value = up * multiplier;
	if (value == written)
		return;
	char v[32], *err = NULL;
	int rc = 0;
	snprintf(v, sizeof v, "%ld", value);
	struct cib_conn *c = cib_conn_open_live("pingd", &rc, &err);
	if (c) {
		struct cib_crmd_req r = { .op = "attr_update", .name = attr, .value = v, .dampen_ms = dampen_ms };
		g_free(err);
		err = NULL;
		rc = cib_conn_crmd(c, &r, NULL, &err);
		cib_conn_close(c);
	}
	if (c && rc == CIB_OK) {
		say("%d ping node(s) reachable: %s=%s (after %u ms of dampening)", up, attr, v, dampen_ms);
		written = value;
	} else {
		/* crmd may not run yet (pingd can start first): try again */
		if (!timer_armed(&retry))
			say("cannot set %s=%s yet: %s", attr, v, err ? err : cib_strerror(rc));
		timer_start(&retry, RETRY_MS);
	}
	g_free(err);
}

static void on_retry(void *data)
{
	(void)data;
	update();
}

static void on_node(struct hb_client *c, const char *node, const char *status, void *data)
{
	(void)c;
	(void)status;
	(void)data;
	if (watched(node))
		update();
}

static void on_lost(struct hb_client *c, void *data)
{
	(void)c;
	(void)data;
	say("heartbeat went away");
	exit_code = 1;
	g_main_loop_quit(loop);
}

static gboolean on_term(gpointer data)
{
	(void)data;
	g_main_loop_quit(loop);
	return G_SOURCE_REMOVE;
}

static void usage(FILE *f)
{
	fprintf(f, "usage: pingd [-D] [-p pidfile] [-a attribute] [-d dampen] [-m multiplier] [-h host]...\n"
		   "  -a NAME   the node attribute (default pingd)\n"
		   "  -d TIME   dampening of a change (default 5s; a bare number is seconds)\n"
		   "  -m N      the value per reachable ping node (default 1)\n"
		   "  -h HOST   count only this ha.cf ping node (repeatable; default: all of them)\n"
		   "  -D        run in the background;  -p FILE  write our pid there\n"
		   "  -s SET, -S SECTION, -U USER, -V: accepted for compatibility\n");
}

int main(int argc, char **argv)
{
	const char *pidfile = NULL;
	int daemonize = 0, c;
	while ((c = getopt(argc, argv, "Dp:a:d:m:h:s:S:U:Vi:?")) != -1) {
		switch (c) {
		case 'D': daemonize = 1; break;
		case 'p': pidfile = optarg; break;
		case 'a': attr = optarg; break;
		case 'd': {
			long long ms = cib_parse_interval(optarg);
			if (ms < 0 || ms > 3600 * 1000) {
				say("invalid dampening '%s': expected a time such as 5s or 500ms", optarg);
				return 1;
			}
			dampen_ms = (unsigned)ms;
			break;
		}
		case 'm': {
			char *end;
			errno = 0;
			multiplier = strtol(optarg, &end, 10);
			if (errno || *end || end == optarg || multiplier < 0 || multiplier > 1000000) {
				say("invalid multiplier '%s': expected a whole number from 0 to 1000000", optarg);
				return 1;
			}
			break;
		}
		case 'h':
			if (!hosts)
				hosts = g_ptr_array_new();
			g_ptr_array_add(hosts, optarg);
			break;
		case 's': case 'S': case 'U': case 'V': case 'i': break;
		default:
			usage(c == '?' && optopt == 0 ? stdout : stderr);
			return c == '?' && optopt == 0 ? 0 : 1;
		}
	}
	if (optind < argc) {
		say("unexpected argument '%s'", argv[optind]);
		return 1;
	}
	/* into the background before signing on: heartbeat knows its clients
	 * by pid */
	if (daemonize && daemon(0, 0) < 0) {
		say("cannot go to the background: %s", strerror(errno));
		return 1;
	}
	enum client_error e;
	char why[256] = "";
	hb = client_signon("pingd", &e, why, sizeof why);
	if (!hb) {
		say("cannot sign on to heartbeat: %s", why[0] ? why : "is it running?");
		return 1;
	}
	if (pidfile) {
		char pid[32];
		snprintf(pid, sizeof pid, "%d\n", (int)getpid());
		if (!g_file_set_contents(pidfile, pid, -1, NULL)) {
			say("cannot write %s", pidfile);
			return 1;
		}
	}
	loop = g_main_loop_new(NULL, FALSE);
	timer_init(&retry, on_retry, NULL);
	static const struct client_callbacks cb = { .node_status = on_node, .lost = on_lost };
	client_attach(hb, &cb, NULL);
	g_unix_signal_add(SIGTERM, on_term, NULL);
	g_unix_signal_add(SIGINT, on_term, NULL);
	update();
	g_main_loop_run(loop);
	timer_stop(&retry);
	client_detach(hb);
	client_close(hb);
	if (pidfile)
		unlink(pidfile);
	return exit_code;
}
