/* lib/client against a fake daemon on the other end of a socketpair: the
 * replies are written before each call (the socket holds them), and what
 * the library sent is read back and checked field by field.  Sign-on
 * (casual, named, refused), every request, walks interleaved with cluster
 * messages and stale replies, timeouts, a broken stream, sending, and the
 * glib delivery with its callbacks and lost-connection report. */
#include <stdarg.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>
#include <glib.h>
#include "check.h"
#include "api_proto.h"
#include "client.h"

static int daemon_fd;      /* the fake daemon's end */

/* The fake daemon says something: NULL-terminated name, value pairs. */
static void say(const char *t, ...)
{
	struct hb_msg *m = msg_new();
	GString *out = g_string_new(NULL);
	const char *k;
	va_list ap;

	msg_add(m, "t", t);
	va_start(ap, t);
	while ((k = va_arg(ap, const char *)))
		msg_add(m, k, va_arg(ap, const char *));
	va_end(ap);
	api_frame_msg(m, out);
	if (write(daemon_fd, out->str, out->len) != (ssize_t)out->len)
		printf("fake daemon: short write\n");
	g_string_free(out, TRUE);
	msg_free(m);
}

#define REPLY(rt, ...) say("hbapi-resp", "reqtype", rt, __VA_ARGS__)

/* What the library sent next (NULL when nothing is there). */
static GString *heard;
static struct hb_msg *heard_msg(void)
{
	char buf[65536];

	for (;;) {
		struct hb_msg *m = NULL;
		int used = api_unframe(heard->str, heard->len, &m);
		ssize_t n;

		if (used > 0) {
			g_string_erase(heard, 0, used);
			return m;
		}
		if (used < 0)
			return NULL;
		n = recv(daemon_fd, buf, sizeof buf, MSG_DONTWAIT);
		if (n <= 0)
			return NULL;
		g_string_append_len(heard, buf, n);
	}
}

/* Check the next request the library sent: its reqtype and one field. */
static void expect_request(const char *reqtype, const char *k, const char *v)
{
	struct hb_msg *m = heard_msg();
	char pid[32];

	snprintf(pid, sizeof pid, "%d", (int)getpid());
	CHECK(m != NULL);
	if (!m)
		return;
	CHECK_STR(msg_get(m, "t"), "hbapi-req");
	CHECK_STR(msg_get(m, "reqtype"), reqtype);
	CHECK_STR(msg_get(m, "dest"), "n1");
	CHECK_STR(msg_get(m, "pid"), pid);
	if (k)
		CHECK_STR(msg_get(m, k), v);
	msg_free(m);
}

static struct hb_client *connect_fake(const char *id)
{
	int sv[2];
	struct hb_client *c;
	enum client_error e;
	char why[256];

	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	daemon_fd = sv[1];
	g_string_truncate(heard, 0);
	REPLY("signon", "result", "OK", "deadtime", "1f40", "keepalive", "3e8", "node", "n1",
	      "hbversion", "3.0.6 (test)", "pacemaker", "false", "logfacility", "-1", NULL);
	c = client_signon_fd(sv[0], "n1", id, 1000, &e, why, sizeof why);
	CHECK(c != NULL);
	CHECK_INT(e, CLIENT_OK);
	return c;
}

static void test_signon(void)
{
	struct hb_client *c = connect_fake(NULL);
	struct hb_msg *m = heard_msg();
	char num[32];
	int sv[2];
	enum client_error e;
	char why[256];

	CHECK_STR(msg_get(m, "reqtype"), "signon");
	snprintf(num, sizeof num, "%d", (int)getpid());
	CHECK_STR(msg_get(m, "from_id"), num);      /* casual: known by its pid */
	snprintf(num, sizeof num, "%d", (int)geteuid());
	CHECK_STR(msg_get(m, "uid"), num);
	snprintf(num, sizeof num, "%d", (int)getegid());
	CHECK_STR(msg_get(m, "gid"), num);
	msg_free(m);
	CHECK_STR(client_node(c), "n1");
	CHECK_INT(client_deadtime_ms(c), 8000);
	CHECK_INT(client_keepalive_ms(c), 1000);
	CHECK_STR(client_hbversion(c), "3.0.6 (test)");
	CHECK_STR(client_pacemaker(c), "false");
	CHECK_INT(client_logfacility(c), -1);
	/* closing signs off (no reply expected) */
	client_close(c);
	m = heard_msg();
	CHECK(m && strcmp(msg_get(m, "reqtype"), "signoff") == 0);
	msg_free(m);
	close(daemon_fd);

	/* named */
	c = connect_fake("ipfail");
	m = heard_msg();
	CHECK_STR(msg_get(m, "from_id"), "ipfail");
	CHECK_STR(client_id(c), "ipfail");
	msg_free(m);
	client_close(c);
	close(daemon_fd);

	/* refused: the reason is reported */
	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	daemon_fd = sv[1];
	g_string_truncate(heard, 0);
	REPLY("signon", "info", "client failed authorization", "result", "badreq", "node", "n1", NULL);
	c = client_signon_fd(sv[0], "n1", "ipfail", 1000, &e, why, sizeof why);
	CHECK(c == NULL);
	CHECK_INT(e, CLIENT_REFUSED);
	CHECK(strstr(why, "client failed authorization") != NULL);
	close(daemon_fd);

	/* no answer: a timeout, not a hang */
	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	daemon_fd = sv[1];
	c = client_signon_fd(sv[0], "n1", NULL, 1, &e, why, sizeof why);
	CHECK(c == NULL);
	CHECK_INT(e, CLIENT_TIMEOUT);
	close(daemon_fd);

	/* the daemon goes away before answering */
	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	daemon_fd = sv[1];
	close(daemon_fd);
	c = client_signon_fd(sv[0], "n1", NULL, 1000, &e, why, sizeof why);
	CHECK(c == NULL);
	CHECK_INT(e, CLIENT_LOST);

	/* nothing listening */
	setenv("HB_RUNDIR", "/nonexistent-hb-rundir", 1);
	c = client_signon(NULL, &e, why, sizeof why);
	CHECK(c == NULL);
	CHECK_INT(e, CLIENT_NO_DAEMON);
	unsetenv("HB_RUNDIR");
}

static void test_walks(void)
{
	struct hb_client *c = connect_fake(NULL);
	struct client_node *nodes;
	struct client_link *links;
	struct hb_msg *m;
	int n;

	msg_free(heard_msg());
	/* replies come with cluster messages and a stale reply in between */
	REPLY("nodelist", "node", "n1", "nodetype", "normal", "st", "active", "result", "ok/more", NULL);
	say("status", "src", "n2", "st", "dead", NULL);
	REPLY("getrsc", "rsc_hold", "all", "result", "OK", NULL);
	REPLY("nodelist", "node", "n2", "nodetype", "normal", "st", "dead", "result", "ok/more", NULL);
	REPLY("nodelist", "node", "gw", "nodetype", "ping", "st", "ping", "result", "OK", NULL);
	n = client_nodes(c, &nodes);
	expect_request("nodelist", NULL, NULL);
	CHECK_INT(n, 3);
	if (n == 3) {
		CHECK_STR(nodes[0].name, "n1");
		CHECK_STR(nodes[1].status, "dead");
		CHECK_STR(nodes[2].type, "ping");
		client_nodes_free(nodes, n);
	}
	/* the cluster message waits for us; the stale reply was dropped */
	CHECK(client_msg_ready(c));
	m = client_recv(c, 0);
	CHECK(m && strcmp(msg_get(m, "t"), "status") == 0 && strcmp(msg_get(m, "st"), "dead") == 0);
	msg_free(m);
	CHECK(client_recv(c, 0) == NULL);
	CHECK_INT(client_error(c), CLIENT_TIMEOUT);
	CHECK(!client_msg_ready(c));

	REPLY("iflist", "ifname", "eth0", "st", "up", "result", "ok/more", NULL);
	REPLY("iflist", "ifname", "eth1", "st", "dead", "result", "OK", NULL);
	n = client_links(c, "n2", &links);
	expect_request("iflist", "node", "n2");
	CHECK_INT(n, 2);
	if (n == 2) {
		CHECK_STR(links[0].ifname, "eth0");
		CHECK_STR(links[1].status, "dead");
		client_links_free(links, n);
	}
	REPLY("iflist", "result", "badreq", "info", "unknown node", NULL);
	CHECK_INT(client_links(c, "zz", &links), -1);
	CHECK_INT(client_error(c), CLIENT_BADREQ);
	CHECK_STR(client_errmsg(c), "unknown node");
	msg_free(heard_msg());
	client_close(c);
	close(daemon_fd);
}

/* A one-answer request about a node: the request sent, the field returned. */
static void node_answer(struct hb_client *c, char *(*ask)(struct hb_client *, const char *),
			const char *reqtype, const char *field, const char *node, const char *value)
{
	char *v;

	REPLY(reqtype, field, value, "result", "OK", NULL);
	v = ask(c, node);
	expect_request(reqtype, "node", node);
	CHECK_STR(v, value);
	g_free(v);
}

static void test_requests(void)
{
	struct hb_client *c = connect_fake("crmd");
	unsigned char uuid[16] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 }, got[16];
	struct hb_msg *m;
	char *v;

	msg_free(heard_msg());
	node_answer(c, client_node_status, "nodestatus", "st", "n2", "active");
	node_answer(c, client_node_type, "nodetype", "nodetype", "gw", "ping");
	node_answer(c, client_node_weight, "nodeweight", "weight", "n2", "100");
	node_answer(c, client_node_site, "nodesite", "site", "n2", "");
	REPLY("nodestatus", "result", "badreq", "info", "unknown node", NULL);
	CHECK(client_node_status(c, "zz") == NULL);
	CHECK_INT(client_error(c), CLIENT_BADREQ);
	msg_free(heard_msg());
	REPLY("ifstatus", "st", "dead", "result", "OK", NULL);
	v = client_link_status(c, "n2", "eth1");
	expect_request("ifstatus", "ifname", "eth1");
	CHECK_STR(v, "dead");
	g_free(v);
	REPLY("getparm", "pvalue", "2", "result", "OK", NULL);
	v = client_parameter(c, "deadtime");
	expect_request("getparm", "pname", "deadtime");
	CHECK_STR(v, "2");
	g_free(v);
	v = client_parameter(c, "hbversion");     /* the sign-on's, no request */
	CHECK_STR(v, "3.0.6 (test)");
	g_free(v);
	REPLY("getparm", "result", "OK", NULL);     /* not set: no pvalue */
	CHECK(client_parameter(c, "watchdog") == NULL);
	CHECK_INT(client_error(c), CLIENT_OK);
	msg_free(heard_msg());
	REPLY("getrsc", "result", "badreq", "info", "Resource is managed by crm. Use crm tool to query resource", NULL);
	CHECK(client_resources(c) == NULL);
	CHECK_INT(client_error(c), CLIENT_BADREQ);
	CHECK(strstr(client_errmsg(c), "managed by crm") != NULL);
	expect_request("getrsc", NULL, NULL);
	REPLY("numnodes", "numnodes", "2", "result", "OK", NULL);
	CHECK_INT(client_num_nodes(c), 2);
	expect_request("numnodes", NULL, NULL);
	/* uuid both ways: binary fields */
	m = msg_new();
	msg_add(m, "t", "hbapi-resp");
	msg_add(m, "reqtype", "getuuid");
	msg_add_bin(m, "queryuuid", uuid, 16);
	msg_add(m, "result", "OK");
	{
		GString *out = g_string_new(NULL);
		api_frame_msg(m, out);
		CHECK(write(daemon_fd, out->str, out->len) == (ssize_t)out->len);
		g_string_free(out, TRUE);
	}
	msg_free(m);
	CHECK_INT(client_node_uuid(c, "n2", got), 0);
	CHECK_MEM(got, 16, uuid, 16);
	expect_request("getuuid", "queryname", "n2");
	REPLY("getnodename", "queryname", "n2", "result", "OK", NULL);
	v = client_uuid_node(c, uuid);
	CHECK_STR(v, "n2");
	g_free(v);
	m = heard_msg();
	{
		size_t len = 0;
		const void *u = m ? msg_get_bin(m, "queryuuid", &len) : NULL;
		CHECK(u && len == 16 && memcmp(u, uuid, 16) == 0);
	}
	msg_free(m);
	REPLY("setfilter", "result", "OK", NULL);
	CHECK_INT(client_set_filter(c, CLIENT_FILTER_ALLHB), 0);
	expect_request("setfilter", "fmask", "f");
	REPLY("setsignal", "result", "badreq", NULL);
	CHECK_INT(client_set_signal(c, 9), -1);
	expect_request("setsignal", "signal", "9");

	/* clientstatus: local answers in the reply, a remote node through the
	 * cluster (respond-cstatus), and silence is a timeout */
	REPLY("clientstatus", "subt", "respond-cstatus", "cs", "online", "result", "OK", NULL);
	v = client_client_status(c, "n1", "ipfail", 500);
	CHECK_STR(v, "online");
	g_free(v);
	expect_request("clientstatus", "cn", "ipfail");
	say("respond-cstatus", "src", "n2", "cn", "other", "cs", "online", NULL);
	say("respond-cstatus", "src", "n2", "cn", "ipfail", "cs", "offline", "to_id", "crmd", NULL);
	v = client_client_status(c, "n2", "ipfail", 500);
	CHECK_STR(v, "offline");
	g_free(v);
	msg_free(heard_msg());
	REPLY("clientstatus", "subt", "respond-cstatus", "cs", "offline", "result", "badreq", NULL);
	CHECK(client_client_status(c, "zz", "ipfail", 500) == NULL);
	CHECK_INT(client_error(c), CLIENT_BADREQ);
	msg_free(heard_msg());
	CHECK(client_client_status(c, "n2", "ipfail", 0) == NULL);
	CHECK_INT(client_error(c), CLIENT_TIMEOUT);
	msg_free(heard_msg());
	m = client_recv(c, 0);         /* the answer about "other" was kept */
	CHECK(m && strcmp(msg_get(m, "cn"), "other") == 0);
	msg_free(m);

	/* a request the daemon does not answer in time */
	client_set_timeout(c, 0);
	CHECK(client_request(c, "getrsc", NULL) == NULL);
	CHECK_INT(client_error(c), CLIENT_TIMEOUT);
	client_set_timeout(c, 1000);
	msg_free(heard_msg());

	/* sending: to a node and to the cluster; requests are not messages */
	m = msg_new();
	msg_add(m, "t", "crmd");
	msg_add(m, "subt", "hello");
	CHECK_INT(client_send(c, m, "n2"), 0);
	CHECK_INT(client_send(c, m, NULL), 0);
	msg_free(m);
	m = heard_msg();
	CHECK(m && strcmp(msg_get(m, "dest"), "n2") == 0 && strcmp(msg_get(m, "subt"), "hello") == 0);
	msg_free(m);
	m = heard_msg();
	CHECK(m && !msg_get(m, "dest"));
	msg_free(m);
	m = msg_new();
	msg_add(m, "t", "hbapi-req");
	CHECK_INT(client_send(c, m, NULL), -1);
	msg_free(m);

	/* a broken stream: bad magic */
	CHECK(write(daemon_fd, "\x05\0\0\0\x11\x11\0\0hello", 13) == 13);
	CHECK(client_request(c, "getrsc", NULL) == NULL);
	CHECK_INT(client_error(c), CLIENT_PROTOCOL);
	CHECK(client_node_status(c, "n1") == NULL);
	client_close(c);
	close(daemon_fd);

	/* the daemon goes away */
	c = connect_fake(NULL);
	close(daemon_fd);
	CHECK(client_node_status(c, "n1") == NULL);
	CHECK_INT(client_error(c), CLIENT_LOST);
	client_close(c);
}

/* ---- glib delivery ---- */

struct seen {
	GString *log;
	int lost;
	bool close_in_callback;
};

static void cb_message(struct hb_client *c, const struct hb_msg *m, void *data)
{
	struct seen *s = data;

	g_string_append_printf(s->log, "msg:%s ", msg_get(m, "t"));
	if (s->close_in_callback)
		client_close(c);
}

static void cb_node(struct hb_client *c, const char *node, const char *st, void *data)
{
	g_string_append_printf(((struct seen *)data)->log, "node:%s=%s ", node, st);
}

static void cb_link(struct hb_client *c, const char *node, const char *ifn, const char *st, void *data)
{
	g_string_append_printf(((struct seen *)data)->log, "link:%s:%s=%s ", node, ifn, st);
}

static void cb_client(struct hb_client *c, const char *node, const char *id, const char *st, void *data)
{
	g_string_append_printf(((struct seen *)data)->log, "client:%s:%s=%s ", node, id, st);
}

static void cb_lost(struct hb_client *c, void *data)
{
	((struct seen *)data)->lost++;
}

static void spin(void)
{
	for (int i = 0; i < 50; i++)
		g_main_context_iteration(NULL, FALSE);
}

static void test_glib(void)
{
	struct client_callbacks cb = { cb_message, cb_node, cb_link, cb_client, cb_lost };
	struct seen s = { g_string_new(NULL), 0, false };
	struct hb_client *c = connect_fake("crmd");
	char *v;

	msg_free(heard_msg());
	say("crmd", "subt", "early", NULL);        /* before attaching: kept */
	client_msg_ready(c);
	client_attach(c, &cb, &s);
	say("status", "src", "n2", "st", "active", NULL);
	say("ifstat", "node", "n2", "ifname", "eth0", "st", "dead", NULL);
	say("hbapi-clstat", "st", "join", "from_id", "crmd", "to_id", "crmd", "src", "n2", NULL);
	say("crmd", "subt", "x", NULL);
	spin();
	CHECK_STR(s.log->str, "msg:crmd node:n2=active link:n2:eth0=dead client:n2:crmd=join msg:crmd ");
	/* a request while attached: what arrives meanwhile is delivered later */
	g_string_truncate(s.log, 0);
	say("status", "src", "n2", "st", "dead", NULL);
	REPLY("nodestatus", "st", "dead", "result", "OK", NULL);
	v = client_node_status(c, "n2");
	CHECK_STR(v, "dead");
	g_free(v);
	CHECK_STR(s.log->str, "");
	spin();
	CHECK_STR(s.log->str, "node:n2=dead ");
	/* the daemon goes: lost, once */
	close(daemon_fd);
	spin();
	CHECK_INT(s.lost, 1);
	spin();
	CHECK_INT(s.lost, 1);
	client_close(c);

	/* a callback may close the client */
	c = connect_fake("crmd");
	s.close_in_callback = true;
	client_attach(c, &cb, &s);
	g_string_truncate(s.log, 0);
	say("crmd", "subt", "a", NULL);
	say("crmd", "subt", "b", NULL);
	spin();
	CHECK_STR(s.log->str, "msg:crmd ");
	close(daemon_fd);
	g_string_free(s.log, TRUE);
}

int main(void)
{
	heard = g_string_new(NULL);
	test_signon();
	test_walks();
	test_requests();
	test_glib();
	g_string_free(heard, TRUE);
	return T_DONE();
}
