/* crm_mon: the cluster status, once (-1, -s, -X, --as-json) or refreshed
 * every -i seconds and whenever the CIB changes (in place on a terminal,
 * one screen after another when piped).  Options, connection and the
 * refresh loop live here; the screens are in crm_mon_text.c and
 * crm_mon_{xml,json}.c, the status interpretation in crm_view*.c. */
#include <getopt.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "crm_mon_out.h"
#include "crm_tool.h"

static const char *prog = "crm_mon";

enum { OPT_AS_JSON = 256 };

static void usage(FILE *f)
{
	fprintf(f,
		"crm_mon - Provides a summary of cluster's current state.\n\n"
		"Outputs varying levels of detail in a number of different formats.\n\n"
		"Usage: crm_mon mode [options]\n"
		"Options:\n"
		" -?, --help\t\tThis text\n"
		" -$, --version\t\tVersion information\n"
		" -V, --verbose\t\tIncrease debug output\n\n"
		"Modes:\n"
		" -s, --simple-status\tDisplay the cluster status once as a simple one line output (suitable for nagios)\n"
		" -X, --as-xml\t\tDisplay the cluster status once as XML\n"
		"     --as-json\t\tDisplay the cluster status once as JSON (versioned schema)\n\n"
		"Display Options:\n"
		" -n, --group-by-node\tGroup resources by node\n"
		" -r, --inactive\t\tDisplay inactive resources\n"
		" -f, --failcounts\tDisplay resource fail counts\n"
		" -o, --operations\tDisplay resource operation history\n"
		" -t, --timing-details\tDisplay resource operation history with timing details\n"
		" -A, --show-node-attributes\tDisplay node attributes\n\n"
		"Additional Options:\n"
		" -i, --interval=value\tUpdate frequency in seconds\n"
		" -1, --one-shot\t\tDisplay the cluster status once on the console and exit\n"
		" -N, --disable-ncurses\tDisable the use of ncurses\n\n"
		"Environment: CIB_file=PATH reads a CIB file instead of the running cluster.\n\n"
		"Examples:\n"
		"Display the cluster status on the console with updates as they occur:\n"
		" crm_mon\n"
		"Display the cluster status on the console just once then exit:\n"
		" crm_mon -1\n"
		"Display your cluster status, group resources by node, and include inactive resources in the list:\n"
		" crm_mon --group-by-node --inactive\n");
}

static void on_signal(int sig)
{
	(void)sig;
	_exit(0);
}

enum mode { MODE_SCREEN, MODE_SIMPLE, MODE_XML, MODE_JSON };

/* Draws one screen from doc (consumed); returns the -s result. */
static int draw(xmlDocPtr doc, enum mode mode, const struct mon_opts *o, int tty)
{
	struct view *v = view_build(doc, 0);
	int rc = 0;
	switch (mode) {
	case MODE_SIMPLE:
		rc = mon_print_simple(stdout, v);
		break;
	case MODE_XML:
		mon_print_xml(stdout, v, o);
		break;
	case MODE_JSON:
		mon_print_json(stdout, v, o);
		break;
	case MODE_SCREEN:
		if (tty)
			fputs("\033[H\033[2J", stdout); /* in place, as 1.0's ncurses screen */
		mon_print_status(stdout, v, o);
		break;
	}
	fflush(stdout);
	view_free(v);
	return rc;
}

static int not_connected(enum mode mode, int rc)
{
	if (mode == MODE_SIMPLE) {
		/* Nagios: unreachable is CRITICAL. */
		printf("Critical: Connection to cluster failed: %s\n", cib_strerror(rc));
		return 2;
	}
	printf("\nConnection to cluster failed: %s\n", cib_strerror(rc));
	return -rc;
}

/* 1.0 retried for ever, a dot a try, until the interrupt (on_signal). */
static struct cib_conn *reconnect(long long interval_ms, int *rc)
{
	struct cib_conn *conn = NULL;
	fflush(stdout);
	while (!conn) {
		usleep((useconds_t)(interval_ms > 60000 ? 60000 : interval_ms) * 1000);
		putchar('.');
		fflush(stdout);
		char *err = NULL;
		conn = cib_conn_open(prog, rc, &err);
		g_free(err);
	}
	return conn;
}

int main(int argc, char **argv)
{
	static const struct option lo[] = {
		{ "help", no_argument, NULL, 'Z' }, { "version", no_argument, NULL, '$' },
		{ "verbose", no_argument, NULL, 'V' }, { "as-html", required_argument, NULL, 'h' },
		{ "web-cgi", no_argument, NULL, 'w' }, { "simple-status", no_argument, NULL, 's' },
		{ "snmp-traps", required_argument, NULL, 'S' }, { "mail-to", required_argument, NULL, 'T' },
		{ "group-by-node", no_argument, NULL, 'n' }, { "inactive", no_argument, NULL, 'r' },
		{ "failcounts", no_argument, NULL, 'f' }, { "operations", no_argument, NULL, 'o' },
		{ "timing-details", no_argument, NULL, 't' }, { "show-node-attributes", no_argument, NULL, 'A' },
		{ "interval", required_argument, NULL, 'i' }, { "one-shot", no_argument, NULL, '1' },
		{ "disable-ncurses", no_argument, NULL, 'N' }, { "daemonize", no_argument, NULL, 'd' },
		{ "pid-file", required_argument, NULL, 'p' }, { "mail-from", required_argument, NULL, 'F' },
		{ "mail-host", required_argument, NULL, 'H' }, { "mail-prefix", required_argument, NULL, 'P' },
		{ "external-agent", required_argument, NULL, 'E' },
		{ "external-recipient", required_argument, NULL, 'e' },
		{ "xml-file", required_argument, NULL, 'x' }, { "as-xml", no_argument, NULL, 'X' },
		{ "as-json", no_argument, NULL, OPT_AS_JSON }, { NULL, 0, NULL, 0 }
	};
	struct mon_opts o = { 0 };
	enum mode mode = MODE_SCREEN;
	int one_shot = 0, c;
	long long interval_ms = 5000;
	const char *xml_file = NULL;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":V$i:nrh:dp:s1wx:oftANS:T:F:H:P:E:e:X", lo, NULL)) != -1) {
		if (c == '$') {
			printf("crm_mon %s (heartbeat, Pacemaker 1.0 compatible)\n", MON_OUTPUT_VERSION);
			return 0;
		}
		int std = tool_std_option(prog, c, argv);
		if (std == TOOL_OPT_HELP) {
			usage(stdout);
			return 0;
		}
		if (std != TOOL_OPT_OTHER)
			return std;
		switch (c) {
		case 'V': break;
		case 'i': {
			long long ms = cib_parse_interval(optarg);
			if (ms <= 0) {
				tool_err(prog, "invalid interval '%s' (seconds, or a number with ms/s/min/h)", optarg);
				return 1;
			}
			interval_ms = ms;
			break;
		}
		case 'n': o.group_by_node = 1; break;
		case 'r': o.inactive = 1; break;
		case 'f': o.failcounts = 1; break;
		case 'o': o.operations = 1; break;
		case 't': o.operations = o.timing = 1; break;
		case 'A': o.attributes = 1; break;
		case '1': one_shot = 1; break;
		case 'N': break;
		case 's': mode = MODE_SIMPLE; one_shot = 1; break;
		case 'X': mode = MODE_XML; one_shot = 1; break;
		case OPT_AS_JSON: mode = MODE_JSON; one_shot = 1; break;
		case 'x': xml_file = optarg; one_shot = 1; break;
		case 'h': case 'w': case 'd': case 'p': case 'S': case 'T': case 'F': case 'H': case 'P':
		case 'E': case 'e':
			tool_err(prog, "option %s is not supported by this crm_mon (no HTML, daemon, SNMP, mail or external-agent mode)",
				 argv[optind - 1]);
			return 1;
		}
	}
	if (tool_args_done(prog, argc, argv, 1, NULL) != TOOL_ARGS_OK)
		return 1;
	int tty = isatty(STDOUT_FILENO);
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	if (xml_file) {
		char *err = NULL;
		xmlDocPtr d = cib_xml_read_file(xml_file, &err);
		if (!d) {
			tool_err(prog, "%s: %s", xml_file, err ? err : "unreadable");
			g_free(err);
			return not_connected(mode, CIB_E_CONNECTION);
		}
		o.now = time(NULL);
		return draw(d, mode, &o, 0);
	}
	int rc;
	struct cib_conn *conn = tool_connect(prog, &rc);
	if (!conn && one_shot)
		return not_connected(mode, rc);
	if (!conn) {
		printf("Attempting connection to the cluster...");
		conn = reconnect(interval_ms, &rc);
		putchar('\n');
	}
	for (;;) {
		xmlDocPtr d = tool_query(conn, prog, &rc);
		if (!d) {
			cib_conn_close(conn);
			if (one_shot)
				return not_connected(mode, rc);
			printf("Connection to the CIB terminated\nReconnecting...");
			conn = reconnect(interval_ms, &rc);
			continue;
		}
		o.now = time(NULL);
		int r = draw(d, mode, &o, tty);
		if (one_shot) {
			cib_conn_close(conn);
			return r;
		}
		if (!tty)
			putchar('\n');
		cib_conn_wait(conn, (int)(interval_ms > 86400000 ? 86400000 : interval_ms));
	}
}
