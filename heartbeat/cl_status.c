/* cl_status: asks the local heartbeat over the client API (lib/client) about
 * nodes, links, clients and resources.  Options, output and exit codes as
 * Debian's cl_status (0 ok, 1 failure, 11 bad parameter, 12 timeout, 13
 * other), plus --json.  Presentation only: the protocol is the library's. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <unistd.h>
#include <glib.h>
#include "client.h"

#define EXIT_PARAM 11
#define EXIT_TIMEOUT 12
#define EXIT_UNKNOWN 13

static struct hb_client *hc;
static int human;

static const char *timeout_text = "cl_status: timed out waiting for heartbeat\n";
static int timeout_exit = EXIT_TIMEOUT;
static int timeout_fd = 2;

static void on_alarm(int sig)
{
	(void)sig;
	if (write(timeout_fd, timeout_text, strlen(timeout_text)) < 0)
		_exit(timeout_exit);
	_exit(timeout_exit);
}

/* The library's own limit ends a request the way the global alarm would. */
static void check_timeout(void)
{
	if (hc && client_error(hc) == CLIENT_TIMEOUT)
		on_alarm(0);
}

/* 0 signed on; -1 heartbeat not there; -2 there but the sign-on failed. */
static int signon(void)
{
	enum client_error e;

	hc = client_signon(NULL, &e, NULL, 0);
	if (hc)
		return 0;
	if (e == CLIENT_TIMEOUT)
		on_alarm(0);
	return e == CLIENT_NO_DAEMON || e == CLIENT_SYSTEM ? -1 : -2;
}

static void usage(void)
{
	fprintf(stderr,
		"Usage: cl_status <sub-command> [<options>] [<parameters>]\n"
		"  hbstatus [-v]               is heartbeat running here\n"
		"  listnodes [-p|-n|-v]        list nodes (ping / normal only / verbose)\n"
		"  nodetype <node>             normal or ping\n"
		"  nodestatus <node>           node status\n"
		"  nodeweight <node> | nodesite <node>\n"
		"  listhblinks [-v] <node>     heartbeat links to a node\n"
		"  hblinkstatus <node> <link>  link status\n"
		"  clientstatus <node> <client> [<timeout-ms>]\n"
		"  rscstatus [-m]              resources this node holds\n"
		"  hbparameter -p <name>       a configuration parameter\n"
		"  --json                      everything as one JSON object\n"
		"Options: -m human-readable output\n");
}

static int need_signon(void)
{
	int rc = signon();

	if (rc == -1) {
		fprintf(stderr, "Cannot signon with heartbeat\n");
		return 1;
	}
	if (rc < 0) {
		fprintf(stderr, "Cannot signon with heartbeat: connection refused\n");
		return 1;
	}
	return 0;
}

static int cmd_links(const char *node, bool verbose);

static int cmd_listnodes(char mode, bool verbose)
{
	struct client_node *nodes;
	int n = client_nodes(hc, &nodes), i;

	check_timeout();
	/* libhbclient builds its list by prepending: reverse config order. */
	for (i = n - 1; i >= 0; i--) {
		struct client_node *x = &nodes[i];

		if (mode && (mode == 'p') != (strcmp(x->type, "ping") == 0))
			continue;
		if (!verbose) {
			printf("%s\n", x->name);
			continue;
		}
		printf("\n%s\t%s\t(nodetype: %s)\n", x->name, x->status, x->type);
		fflush(stdout);
		cmd_links(x->name, true);
	}
	if (n >= 0)
		client_nodes_free(nodes, n);
	return 0;
}

static int cmd_links(const char *node, bool verbose)
{
	struct client_link *links;
	int n = client_links(hc, node, &links), i, j;

	check_timeout();
	if (n < 0) {
		if (client_error(hc) == CLIENT_BADREQ)
			fprintf(stderr, "unknown node %s\n", node);
		return EXIT_UNKNOWN;
	}
	/* As libhbclient shows them: each interface once (the first answer
	 * for it: bcast and ucast on one interface are one link), last first. */
	for (i = n - 1; i >= 0; i--) {
		for (j = 0; j < i && strcmp(links[j].ifname, links[i].ifname) != 0; j++)
			;
		if (j == i)
			printf(verbose ? "\t%s\t%s\n" : "\t%s\n", links[i].ifname, links[i].status);
	}
	client_links_free(links, n);
	return 0;
}

/* The subcommand's options as the original parses them (getopt, from the
 * word after the subcommand); '?' for an unknown one, 0 at the end. */
static int next_opt(int argc, char **argv, const char *opts)
{
	int c = getopt(argc, argv, opts);

	return c == -1 ? 0 : c;
}

static bool need_args(int argc, int n)
{
	if (argc - optind >= n)
		return true;
	fprintf(stderr, "Not enough parameters.\n");
	usage();
	return false;
}

static int run(int argc, char **argv)
{
	const char *cmd;
	struct hb_msg *r;
	char *v, mode = 0, *pname = NULL;
	bool verbose = false;
	int rc, c;

	if (argc < 2) {
		usage();
		return EXIT_PARAM;
	}
	cmd = argv[1];
	if (strcmp(cmd, "-h") == 0 || strcmp(cmd, "--help") == 0) {
		usage();
		return 0;
	}
	/* getopt sees "SUBCOMMAND options... parameters..." */
	argc--;
	argv++;
	optind = 1;
	while ((c = next_opt(argc, argv, strcmp(cmd, "hbparameter") == 0 ? "mp:" : "vpnm"))) {
		if (c == '?') {
			/* hbstatus carries on after a bad option, as the original */
			if (strcmp(cmd, "hbstatus") == 0)
				continue;
			return EXIT_PARAM;
		}
		if (c == 'v')
			verbose = true;
		else if (c == 'p' && optarg)
			pname = optarg;
		else if (c == 'p' || c == 'n')
			mode = (char)c;       /* the last of -p / -n wins */
		else if (c == 'm')
			human = 1;
	}
	if (strcmp(cmd, "hbstatus") == 0) {
		rc = signon();
		if (rc == 0 && verbose) {
			printf("version:\t%s\n", client_hbversion(hc));
			if (strcmp(client_pacemaker(hc), "false") == 0)
				printf("managed by:\t\"haresources\"\n");
			else
				printf("managed by:\tpacemaker\t(%s)\n", client_pacemaker(hc));
			return cmd_listnodes(0, true);
		}
		if (rc == 0) {
			printf("Heartbeat is running on this machine.\n");
			return 0;
		}
		if (rc == -2) {
			printf("Heartbeat is apparently running on this machine, but refuses my connection\n");
			return 0;
		}
		printf("Heartbeat is stopped on this machine.\n");
		return 1;
	}
	if (strcmp(cmd, "listnodes") == 0) {
		if ((rc = need_signon()))
			return rc;
		return cmd_listnodes(mode, verbose);
	}
	if (strcmp(cmd, "listhblinks") == 0) {
		if (!need_args(argc, 1))
			return EXIT_PARAM;
		if ((rc = need_signon()))
			return rc;
		return cmd_links(argv[optind], verbose);
	}
	if (strcmp(cmd, "nodestatus") == 0 || strcmp(cmd, "nodetype") == 0 ||
	    strcmp(cmd, "nodeweight") == 0 || strcmp(cmd, "nodesite") == 0) {
		bool st = cmd[4] == 's' && cmd[5] == 't';
		const char *node = argv[optind];
		if (!need_args(argc, 1))
			return EXIT_PARAM;
		if ((rc = need_signon()))
			return rc;
		v = st ? client_node_status(hc, node) : cmd[4] == 't' ? client_node_type(hc, node) :
		    cmd[4] == 'w' ? client_node_weight(hc, node) : client_node_site(hc, node);
		check_timeout();
		if (!v) {
			fprintf(stderr, "Error. May be due to incorrect node name\n");
			return EXIT_PARAM;
		}
		printf("%s\n", v);
		rc = 0;
		if (st)
			rc = strcmp(v, "active") == 0 || strcmp(v, "up") == 0 || strcmp(v, "ping") == 0 ? 0 : 1;
		g_free(v);
		return rc;
	}
	if (strcmp(cmd, "hblinkstatus") == 0) {
		if (!need_args(argc, 2))
			return EXIT_PARAM;
		if ((rc = need_signon()))
			return rc;
		v = client_link_status(hc, argv[optind], argv[optind + 1]);
		check_timeout();
		if (!v) {
			fprintf(stderr, "Error. May be due to incorrect node or link name\n");
			return EXIT_UNKNOWN;
		}
		printf("%s\n", v);
		rc = strcmp(v, "up") == 0 ? 0 : 1;
		g_free(v);
		return rc;
	}
	if (strcmp(cmd, "clientstatus") == 0) {
		long ms;
		if (!need_args(argc, 2))
			return EXIT_PARAM;
		ms = argc - optind > 2 ? atol(argv[optind + 2]) : 500;
		if ((rc = need_signon()))
			return rc;
		/* a remote node answers with a cluster message, within the timeout
		 * (500 ms unless given); no answer is an error, as in the original */
		alarm(0);
		v = client_client_status(hc, argv[optind], argv[optind + 1], ms > 0 ? (unsigned)ms : 0);
		if (!v) {
			fprintf(stderr, "Cannot get heartbeat client %s's status: %s\n", argv[optind + 1],
				client_error(hc) == CLIENT_TIMEOUT ? "No timely response." : client_errmsg(hc));
			return EXIT_UNKNOWN;
		}
		printf("%s\n", v);
		rc = strcmp(v, "online") == 0 ? 0 : strcmp(v, "offline") == 0 ? 1 :
		     strcmp(v, "join") == 0 ? 2 : 3;
		g_free(v);
		return rc;
	}
	if (strcmp(cmd, "rscstatus") == 0) {
		if ((rc = need_signon()))
			return rc;
		v = client_resources(hc);
		check_timeout();
		if (!v) {
			bool info = client_error(hc) == CLIENT_BADREQ && *client_errmsg(hc);
			fprintf(stderr, "%s\n", info ? client_errmsg(hc) : "cannot get resource status");
			return 1;
		}
		if (human)
			printf("This node is holding %s resources.\n", *v ? v : "no");
		else
			printf("%s\n", v);
		g_free(v);
		return 0;
	}
	if (strcmp(cmd, "hbparameter") == 0) {
		if (!pname) {
			fprintf(stderr, "parameter name required\n");
			usage();
			return EXIT_PARAM;
		}
		if ((rc = need_signon()))
			return rc;
		v = client_parameter(hc, pname);
		check_timeout();
		if (!v) {
			fprintf(stderr, "Failed to get parameter %s: not set\n", pname);
			return 1;
		}
		printf("%s\n", v);
		g_free(v);
		return 0;
	}
	if (strcmp(cmd, "--json") == 0 || strcmp(cmd, "json") == 0) {
		const char *js;
		if ((rc = need_signon()))
			return rc;
		r = client_request(hc, "hbstats", NULL);
		check_timeout();
		js = r ? msg_get(r, "json") : NULL;
		if (!js) {
			fprintf(stderr, "this heartbeat does not report statistics\n");
			msg_free(r);
			return 1;
		}
		printf("%s\n", js);
		msg_free(r);
		return 0;
	}
	fprintf(stderr, "%s: invalid sub-command.\n", cmd);
	usage();
	return EXIT_PARAM;
}

int main(int argc, char **argv)
{
	int rc;

	signal(SIGALRM, on_alarm);
	signal(SIGPIPE, SIG_IGN);
	alarm(5);
	rc = run(argc, argv);
	client_close(hc);
	return rc;
}
