/* cl_status: asks the local heartbeat over the client API about nodes, links,
 * clients and resources.  Output and exit codes as the original's (0 ok,
 * 1 failure, 11 bad parameter, 12 timeout, 13 other), plus --json. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/un.h>
#include <unistd.h>
#include "config.h"
#include "api_proto.h"
#include "daemon.h"

#define EXIT_PARAM 11
#define EXIT_TIMEOUT 12
#define EXIT_UNKNOWN 13

static int fd = -1;
static char localname[CONF_HOSTLEN];
static GString *inbuf;
static int human;
static char hbversion[128], pacemaker[64];

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

static void alarm_ms(long ms)
{
	struct itimerval it = { { 0, 0 }, { ms / 1000, (ms % 1000) * 1000 } };

	setitimer(ITIMER_REAL, &it, NULL);
}

static int send_msg(struct hb_msg *m)
{
	GString *out = g_string_new(NULL);
	size_t off = 0;

	api_frame_msg(m, out);
	while (off < out->len) {
		ssize_t n = write(fd, out->str + off, out->len - off);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			g_string_free(out, TRUE);
			return -1;
		}
		off += (size_t)n;
	}
	g_string_free(out, TRUE);
	return 0;
}

static const char *also_accept;   /* a cluster message type that answers too */

/* Next reply of this reqtype (unsolicited cluster messages are skipped). */
static struct hb_msg *read_reply(const char *reqtype)
{
	char buf[65536];

	for (;;) {
		struct hb_msg *m = NULL;
		int used = api_unframe(inbuf->str, inbuf->len, &m);
		ssize_t n;

		if (used < 0)
			return NULL;
		if (used > 0) {
			const char *t, *rt;
			g_string_erase(inbuf, 0, used);
			if (!m)
				continue;
			t = msg_get(m, "t");
			rt = msg_get(m, "reqtype");
			if (t && strcmp(t, "hbapi-resp") == 0 && rt && strcmp(rt, reqtype) == 0)
				return m;
			if (t && also_accept && strcmp(t, also_accept) == 0)
				return m;
			msg_free(m);
			continue;
		}
		n = read(fd, buf, sizeof buf);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return NULL;
		g_string_append_len(inbuf, buf, n);
	}
}

/* Every request names us the way the daemon checks: dest, pid and from_id. */
static struct hb_msg *new_request(const char *reqtype)
{
	struct hb_msg *m = msg_new();

	msg_add(m, "t", "hbapi-req");
	msg_add(m, "reqtype", reqtype);
	msg_add(m, "dest", localname);
	msg_addf(m, "pid", "%d", (int)getpid());
	msg_addf(m, "from_id", "%d", (int)getpid());
	return m;
}

/* Send a request (up to two extra fields); 0 or -1. */
static int send_request(const char *reqtype, const char *k1, const char *v1,
			const char *k2, const char *v2)
{
	struct hb_msg *m = new_request(reqtype);
	int rc;

	if (k1)
		msg_add(m, k1, v1);
	if (k2)
		msg_add(m, k2, v2);
	rc = send_msg(m);
	msg_free(m);
	return rc;
}

static struct hb_msg *request(const char *reqtype, const char *k1, const char *v1,
			      const char *k2, const char *v2)
{
	if (send_request(reqtype, k1, v1, k2, v2) < 0)
		return NULL;
	return read_reply(reqtype);
}

static bool ok(const struct hb_msg *r)
{
	const char *res = r ? msg_get(r, "result") : NULL;

	return res && (strcmp(res, "OK") == 0 || strcmp(res, API_MORE) == 0);
}

static int signon(void)
{
	const char *e = getenv("HB_RUNDIR");
	char path[4200];
	struct sockaddr_un sa;
	struct hb_msg *m, *r;
	bool good;

	snprintf(path, sizeof path, "%s/register", e ? e : HA_RUNDIR);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	memset(&sa, 0, sizeof sa);
	sa.sun_family = AF_UNIX;
	if (strlen(path) >= sizeof sa.sun_path)
		return -1;
	memcpy(sa.sun_path, path, strlen(path));
	if (fd < 0 || connect(fd, (struct sockaddr *)&sa, sizeof sa) < 0)
		return -1;
	m = new_request("signon");
	msg_addf(m, "uid", "%d", (int)geteuid());
	msg_addf(m, "gid", "%d", (int)getegid());
	if (send_msg(m) < 0) {
		msg_free(m);
		return -2;
	}
	msg_free(m);
	r = read_reply("signon");
	good = ok(r);
	if (good) {
		const char *v = msg_get(r, "hbversion"), *p = msg_get(r, "pacemaker");
		snprintf(hbversion, sizeof hbversion, "%s", v ? v : "");
		snprintf(pacemaker, sizeof pacemaker, "%s", p ? p : "false");
	}
	msg_free(r);
	return good ? 0 : -2;
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
	struct hb_msg *r;
	GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
	GPtrArray *info = g_ptr_array_new_with_free_func(g_free);
	int i;

	send_request("nodelist", NULL, NULL, NULL, NULL);
	while ((r = read_reply("nodelist"))) {
		const char *res = msg_get(r, "result"), *n = msg_get(r, "node"), *ty = msg_get(r, "nodetype");
		bool last = res && strcmp(res, API_MORE) != 0;

		if (n && (!mode || (mode == 'p') == (ty && strcmp(ty, "ping") == 0))) {
			const char *st = msg_get(r, "st");
			g_ptr_array_add(names, g_strdup(n));
			g_ptr_array_add(info, g_strdup_printf("%s\t%s\t(nodetype: %s)", n, st ? st : "",
							      ty ? ty : "normal"));
		}
		msg_free(r);
		if (last)
			break;
	}
	/* libhbclient builds its list by prepending: reverse config order. */
	for (i = (int)names->len - 1; i >= 0; i--) {
		if (!verbose) {
			printf("%s\n", (char *)names->pdata[i]);
			continue;
		}
		printf("\n%s\n", (char *)info->pdata[i]);
		fflush(stdout);
		cmd_links(names->pdata[i], true);
	}
	g_ptr_array_free(names, TRUE);
	g_ptr_array_free(info, TRUE);
	return 0;
}

static int cmd_links(const char *node, bool verbose)
{
	struct hb_msg *r;
	int rc = 1;

	send_request("iflist", "node", node, NULL, NULL);
	while ((r = read_reply("iflist"))) {
		const char *res = msg_get(r, "result"), *ifn = msg_get(r, "ifname"), *st = msg_get(r, "st");

		if (!ok(r)) {
			msg_free(r);
			fprintf(stderr, "unknown node %s\n", node);
			return EXIT_PARAM;
		}
		rc = 0;
		if (ifn)
			printf(verbose ? "\t%s\t%s\n" : "\t%s\n", ifn, st ? st : "");
		if (res && strcmp(res, API_MORE) != 0) {
			msg_free(r);
			break;
		}
		msg_free(r);
	}
	return rc;
}

static int run(int argc, char **argv)
{
	const char *cmd;
	struct hb_msg *r;
	int rc;

	if (argc < 2) {
		usage();
		return EXIT_PARAM;
	}
	cmd = argv[1];
	if (strcmp(cmd, "-h") == 0 || strcmp(cmd, "--help") == 0) {
		usage();
		return 0;
	}
	if (strcmp(cmd, "hbstatus") == 0) {
		rc = signon();
		if (rc == 0 && argc > 2 && strcmp(argv[2], "-v") == 0) {
			printf("version:\t%s\n", hbversion);
			if (strcmp(pacemaker, "false") == 0)
				printf("managed by:\t\"haresources\"\n");
			else
				printf("managed by:\tpacemaker\t(%s)\n", pacemaker);
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
		char mode = 0;
		bool verbose = argc > 2 && strcmp(argv[2], "-v") == 0;
		if (argc > 2 && (strcmp(argv[2], "-p") == 0 || strcmp(argv[2], "-n") == 0))
			mode = argv[2][1];
		if ((rc = need_signon()))
			return rc;
		return cmd_listnodes(mode, verbose);
	}
	if (strcmp(cmd, "listhblinks") == 0) {
		bool v = argc > 2 && strcmp(argv[2], "-v") == 0;
		if (argc < 3 + v)
			return usage(), EXIT_PARAM;
		if ((rc = need_signon()))
			return rc;
		return cmd_links(argv[2 + v], v);
	}
	if (strcmp(cmd, "nodestatus") == 0 || strcmp(cmd, "nodetype") == 0 ||
	    strcmp(cmd, "nodeweight") == 0 || strcmp(cmd, "nodesite") == 0) {
		const char *field = cmd[4] == 's' && cmd[5] == 't' ? "st" : cmd[4] == 't' ? "nodetype" :
				    cmd[4] == 'w' ? "weight" : "site";
		const char *v;
		if (argc < 3)
			return usage(), EXIT_PARAM;
		if ((rc = need_signon()))
			return rc;
		r = request(cmd, "node", argv[2], NULL, NULL);
		if (!ok(r)) {
			msg_free(r);
			fprintf(stderr, "Error. May be due to incorrect node name\n");
			return EXIT_PARAM;
		}
		v = msg_get(r, field);
		printf("%s\n", v ? v : "");
		rc = 0;
		if (strcmp(field, "st") == 0)
			rc = v && (strcmp(v, "active") == 0 || strcmp(v, "up") == 0 || strcmp(v, "ping") == 0) ? 0 : 1;
		msg_free(r);
		return rc;
	}
	if (strcmp(cmd, "hblinkstatus") == 0) {
		const char *st;
		if (argc < 4)
			return usage(), EXIT_PARAM;
		if ((rc = need_signon()))
			return rc;
		r = request("ifstatus", "node", argv[2], "ifname", argv[3]);
		if (!ok(r)) {
			msg_free(r);
			fprintf(stderr, "Error. May be due to incorrect node or link name\n");
			return EXIT_PARAM;
		}
		st = msg_get(r, "st");
		printf("%s\n", st ? st : "");
		rc = st && strcmp(st, "up") == 0 ? 0 : 1;
		msg_free(r);
		return rc;
	}
	if (strcmp(cmd, "clientstatus") == 0) {
		const char *cs;
		if (argc < 4)
			return usage(), EXIT_PARAM;
		if ((rc = need_signon()))
			return rc;
		/* a remote node answers with a cluster message, within the timeout
		 * (500 ms unless given) */
		timeout_text = "offline\n";
		timeout_fd = 1;
		timeout_exit = 1;
		alarm_ms(argc > 4 ? atol(argv[4]) : 500);
		also_accept = "respond-cstatus";
		r = request("clientstatus", "node", argv[2], "cn", argv[3]);
		cs = r ? msg_get(r, "cs") : NULL;
		if (!cs) {
			msg_free(r);
			return 1;
		}
		printf("%s\n", cs);
		rc = strcmp(cs, "online") == 0 ? 0 : strcmp(cs, "offline") == 0 ? 1 :
		     strcmp(cs, "join") == 0 ? 2 : 3;
		msg_free(r);
		return rc;
	}
	if (strcmp(cmd, "rscstatus") == 0) {
		const char *h;
		human = argc > 2 && strcmp(argv[2], "-m") == 0;
		if ((rc = need_signon()))
			return rc;
		r = request("getrsc", NULL, NULL, NULL, NULL);
		if (!ok(r)) {
			const char *info = r ? msg_get(r, "info") : NULL;
			fprintf(stderr, "%s\n", info ? info : "cannot get resource status");
			msg_free(r);
			return 1;
		}
		h = msg_get(r, "rsc_hold");
		if (human)
			printf("This node is holding %s resources.\n", h ? h : "no");
		else
			printf("%s\n", h ? h : "");
		msg_free(r);
		return 0;
	}
	if (strcmp(cmd, "hbparameter") == 0) {
		const char *v;
		if (argc < 4 || strcmp(argv[2], "-p") != 0)
			return usage(), EXIT_PARAM;
		if ((rc = need_signon()))
			return rc;
		r = request("getparm", "pname", argv[3], NULL, NULL);
		v = r ? msg_get(r, "pvalue") : NULL;
		if (!v) {
			fprintf(stderr, "Failed to get parameter %s: not set\n", argv[3]);
			msg_free(r);
			return 1;
		}
		printf("%s\n", v);
		msg_free(r);
		return 0;
	}
	if (strcmp(cmd, "--json") == 0 || strcmp(cmd, "json") == 0) {
		const char *js;
		if ((rc = need_signon()))
			return rc;
		r = request("hbstats", NULL, NULL, NULL, NULL);
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
	usage();
	return EXIT_PARAM;
}

int main(int argc, char **argv)
{
	const char *e = getenv("HB_HA_DIR");

	signal(SIGALRM, on_alarm);
	signal(SIGPIPE, SIG_IGN);
	alarm(5);
	inbuf = g_string_new(NULL);
	if (identity_local_name(e ? e : HA_SYSCONFDIR, localname, sizeof localname) < 0)
		return EXIT_UNKNOWN;
	return run(argc, argv);
}
