/* The client API (heartbeat/api.c) as untrusted input: sign-on with its
 * credential checks and apiauth, every request and its answer, the limits
 * (connections not signed on, the sign-on deadline, an oversized sign-on,
 * a client that never reads, running out of fds), what clients may send and
 * the events they are told of.  Real unix sockets in a scratch directory;
 * the daemon's side runs in this process on the glib loop and fake timers. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/un.h>
#include "check.h"
#include "daemon_fixture.h"
#include "api_proto.h"
#include "crm_children.h"
#include "clock.h"
#include "timer.h"
#include "events.h"
#include "log.h"

static uint64_t now = 5000000;
static char dir[48], sock[64];

static void pump(void)
{
	int i;

	/* bounded: every source here is an fd that is ready or not */
	for (i = 0; i < 200 && g_main_context_iteration(NULL, FALSE); i++)
		;
}

static int tc_connect(void)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);

	snprintf(sa.sun_path, sizeof sa.sun_path, "%s", sock);
	if (fd < 0 || connect(fd, (struct sockaddr *)&sa, sizeof sa) < 0) {
		if (fd >= 0)
			close(fd);
		return -1;
	}
	pump();
	return fd;
}

static void tc_send(int fd, const struct hb_msg *m)
{
	GString *b = g_string_new(NULL);

	api_frame_msg(m, b);
	/* a refused client's write may fail: what it then reads says so */
	if (write(fd, b->str, b->len) != (ssize_t)b->len)
		b->len = 0;
	g_string_free(b, TRUE);
	pump();
}

/* The next message the daemon sent us, NULL after ~0.2 s of nothing or EOF. */
static GString *in;

/* Forget whatever is queued to us now. */
static void tc_drain(int fd)
{
	char buf[65536];

	pump();
	while (recv(fd, buf, sizeof buf, MSG_DONTWAIT) > 0)
		pump();
	if (in)
		g_string_truncate(in, 0);
}

static struct hb_msg *tc_recv(int fd)
{
	char buf[65536];
	int i;

	if (!in)
		in = g_string_new(NULL);
	for (i = 0; i < 20; i++) {
		struct hb_msg *m = NULL;
		int used = api_unframe(in->str, in->len, &m);
		ssize_t n;

		if (used > 0) {
			g_string_erase(in, 0, used);
			return m;
		}
		if (used < 0) {
			g_string_truncate(in, 0);
			return NULL;
		}
		pump();
		n = recv(fd, buf, sizeof buf, MSG_DONTWAIT);
		if (n == 0) {
			g_string_truncate(in, 0);
			return NULL;
		}
		if (n > 0)
			g_string_append_len(in, buf, n);
		else
			usleep(10000);
	}
	g_string_truncate(in, 0);
	return NULL;
}

/* true when the daemon has closed our connection */
static bool tc_closed(int fd)
{
	char buf[65536];
	int i;

	/* the daemon runs in this process: after a pump, what it will do is done */
	for (i = 0; i < 20; i++) {
		ssize_t n;

		pump();
		n = recv(fd, buf, sizeof buf, MSG_DONTWAIT);
		if (n == 0 || (n < 0 && errno != EAGAIN))
			return true;
		if (n < 0)
			usleep(10000);
	}
	return false;
}

static struct hb_msg *signon_msg(const char *from_id, long pid, long uid, long gid)
{
	struct hb_msg *m = msg_new();

	msg_add(m, "t", "hbapi-req");
	msg_add(m, "reqtype", "signon");
	if (from_id)
		msg_add(m, "from_id", from_id);
	msg_addf(m, "pid", "%ld", pid);
	msg_addf(m, "uid", "%ld", uid);
	msg_addf(m, "gid", "%ld", gid);
	return m;
}

/* Connect and sign on; returns the fd and puts the answer's result in *res. */
static int signon(const char *from_id, char *res, size_t reslen)
{
	int fd = tc_connect();
	struct hb_msg *m = signon_msg(from_id, getpid(), getuid(), getgid()), *r;

	tc_send(fd, m);
	msg_free(m);
	r = tc_recv(fd);
	snprintf(res, reslen, "%s", r && msg_get(r, "result") ? msg_get(r, "result") : "(none)");
	msg_free(r);
	return fd;
}

static struct hb_msg *request(int fd, const char *rt, const char *k1, const char *v1,
			      const char *k2, const char *v2)
{
	struct hb_msg *m = msg_new();

	msg_add(m, "t", "hbapi-req");
	msg_add(m, "reqtype", rt);
	if (k1)
		msg_add(m, k1, v1);
	if (k2)
		msg_add(m, k2, v2);
	tc_send(fd, m);
	msg_free(m);
	return tc_recv(fd);
}

static const char *field(const struct hb_msg *m, const char *k)
{
	const char *v = m ? msg_get(m, k) : NULL;

	return v ? v : "(none)";
}

static char hacf[1024];

static void setup(const char *extra)
{
	fx_setup(hacf);
	(void)extra;
	timer_fake_start(&now);
	node_add("gw", NODE_PING);
	api_init();
	api_config(hb.cf);
	CHECK_INT(api_start(sock), 0);
}

static void teardown(void)
{
	api_stop();
	fx_teardown();
}

static void test_signon(void)
{
	char res[64];
	struct hb_msg *m, *r;
	int fd, fd2;

	setup(NULL);
	/* casual (from_id is our pid): anon is uid root or gid haclient; we
	 * are allowed through ha.cf's "apiauth anon uid=<us>" */
	fd = signon(NULL, res, sizeof res);
	CHECK_STR(res, "OK");
	close(fd);
	/* a named client ha.cf authorises */
	fd = signon("tclient", res, sizeof res);
	CHECK_STR(res, "OK");
	/* the same name twice */
	fd2 = signon("tclient", res, sizeof res);
	CHECK_STR(res, "badreq");
	CHECK(tc_closed(fd2));
	close(fd2);
	close(fd);
	/* a client ha.cf gives to another uid */
	fd = signon("other", res, sizeof res);
	CHECK_STR(res, "badreq");
	close(fd);
	/* a name without an entry goes by "default" (here: none, so refused) */
	fd = signon("nobody-knows", res, sizeof res);
	CHECK_STR(res, "badreq");
	close(fd);
	/* reserved names */
	fd = signon("default", res, sizeof res);
	CHECK_STR(res, "badreq");
	close(fd);
	/* lying about the uid, the pid, or leaving them out */
	fd = tc_connect();
	m = signon_msg("tclient", getpid(), getuid() + 1, getgid());
	tc_send(fd, m);
	msg_free(m);
	r = tc_recv(fd);
	CHECK_STR(field(r, "info"), "incorrect/false credentials");
	msg_free(r);
	close(fd);
	fd = tc_connect();
	m = signon_msg("tclient", getpid() + 1, getuid(), getgid());
	tc_send(fd, m);
	msg_free(m);
	r = tc_recv(fd);
	CHECK_STR(field(r, "info"), "pid mismatch");
	msg_free(r);
	close(fd);
	fd = tc_connect();
	m = signon_msg("tclient", 0, getuid(), getgid());
	tc_send(fd, m);
	msg_free(m);
	r = tc_recv(fd);
	CHECK_STR(field(r, "info"), "missing pid/uid/gid");
	msg_free(r);
	close(fd);
	/* requests before sign-on are not answered; a bad frame drops */
	fd = tc_connect();
	m = msg_new();
	msg_add(m, "t", "hbapi-req");
	msg_add(m, "reqtype", "nodelist");
	tc_send(fd, m);
	msg_free(m);
	CHECK(!tc_closed(fd));
	if (write(fd, "garbage!garbage!", 16) != 16)
		CHECK(0);
	CHECK(tc_closed(fd));
	close(fd);
	/* the answer carries the timing and our name */
	fd = tc_connect();
	m = signon_msg(NULL, getpid(), getuid(), getgid());
	tc_send(fd, m);
	msg_free(m);
	r = tc_recv(fd);
	CHECK_STR(field(r, "node"), "n1");
	CHECK_STR(field(r, "keepalive"), "3e8");
	CHECK_STR(field(r, "pacemaker"), "false");
	msg_free(r);
	/* signoff closes */
	m = msg_new();
	msg_add(m, "t", "hbapi-req");
	msg_add(m, "reqtype", "signoff");
	tc_send(fd, m);
	msg_free(m);
	CHECK(tc_closed(fd));
	close(fd);
	teardown();
}

static void test_requests(void)
{
	char res[64], uuidhex[64];
	struct hb_msg *r;
	int fd, i, n;

	setup(NULL);
	fd = signon("tclient", res, sizeof res);
	CHECK_STR(res, "OK");
	/* nodelist: one answer per node, ok/more but the last */
	r = request(fd, "nodelist", NULL, NULL, NULL, NULL);
	CHECK_STR(field(r, "node"), "n1");
	CHECK_STR(field(r, "result"), API_MORE);
	msg_free(r);
	for (n = 1; n < 10; n++) {
		r = tc_recv(fd);
		if (!r)
			break;
		i = strcmp(field(r, "result"), "OK") == 0;
		msg_free(r);
		if (i)
			break;
	}
	CHECK_INT(n, 2);      /* n1 n2 gw */
	r = request(fd, "numnodes", NULL, NULL, NULL, NULL);
	CHECK_STR(field(r, "numnodes"), "2");
	msg_free(r);
	r = request(fd, "nodestatus", "node", "n2", NULL, NULL);
	CHECK_STR(field(r, "st"), "init");
	msg_free(r);
	r = request(fd, "nodestatus", "node", "nosuch", NULL, NULL);
	CHECK_STR(field(r, "result"), "badreq");
	msg_free(r);
	r = request(fd, "nodestatus", NULL, NULL, NULL, NULL);
	CHECK_STR(field(r, "result"), "badreq");
	msg_free(r);
	r = request(fd, "nodetype", "node", "gw", NULL, NULL);
	CHECK_STR(field(r, "nodetype"), "ping");
	msg_free(r);
	r = request(fd, "nodetype", "node", "n2", NULL, NULL);
	CHECK_STR(field(r, "nodetype"), "normal");
	msg_free(r);
	r = request(fd, "nodeweight", "node", "n2", NULL, NULL);
	CHECK_STR(field(r, "weight"), "100");
	msg_free(r);
	r = request(fd, "nodesite", "node", "n2", NULL, NULL);
	CHECK_STR(field(r, "result"), "OK");
	msg_free(r);
	/* iflist: a peer's links, a ping node's one, an unknown node */
	r = request(fd, "iflist", "node", "n2", NULL, NULL);
	CHECK_STR(field(r, "ifname"), "eth0");
	CHECK_STR(field(r, "st"), "dead");
	CHECK_STR(field(r, "result"), "OK");
	msg_free(r);
	r = request(fd, "iflist", "node", "n1", NULL, NULL);
	CHECK_STR(field(r, "st"), "up");
	msg_free(r);
	r = request(fd, "iflist", "node", "gw", NULL, NULL);
	CHECK_STR(field(r, "ifname"), "gw");
	CHECK_STR(field(r, "st"), "dead");
	msg_free(r);
	r = request(fd, "iflist", "node", "x", NULL, NULL);
	CHECK_STR(field(r, "result"), "badreq");
	msg_free(r);
	r = request(fd, "ifstatus", "node", "n2", "ifname", "eth0");
	CHECK_STR(field(r, "st"), "dead");
	msg_free(r);
	r = request(fd, "ifstatus", "node", "gw", "ifname", "gw");
	CHECK_STR(field(r, "st"), "dead");
	msg_free(r);
	r = request(fd, "ifstatus", "node", "n2", "ifname", "eth9");
	CHECK_STR(field(r, "result"), "badreq");
	msg_free(r);
	/* a peer heard: its status and link come up */
	fx_deliver("n2", "status", 1, 0x200, "st", "active", NULL, NULL);
	pump();
	for (i = 0; i < 4; i++) {
		/* the status/ifstat events we were sent on the way */
		r = tc_recv(fd);
		if (!r)
			break;
		msg_free(r);
	}
	r = request(fd, "nodestatus", "node", "n2", NULL, NULL);
	CHECK_STR(field(r, "st"), "active");
	msg_free(r);
	r = request(fd, "ifstatus", "node", "n2", "ifname", "eth0");
	CHECK_STR(field(r, "st"), "up");
	msg_free(r);
	/* getparm: ha.cf values, the crm alias, hbversion, unknown */
	r = request(fd, "getparm", "pname", "keepalive", NULL, NULL);
	CHECK_STR(field(r, "pvalue"), "1");
	msg_free(r);
	r = request(fd, "getparm", "pname", "crm", NULL, NULL);
	CHECK_STR(field(r, "result"), "OK");
	msg_free(r);
	r = request(fd, "getparm", "pname", "hbversion", NULL, NULL);
	CHECK(strstr(field(r, "pvalue"), "heartbeat-ng") != NULL);
	msg_free(r);
	r = request(fd, "getparm", "pname", "no-such-parameter", NULL, NULL);
	CHECK_STR(field(r, "pvalue"), "(none)");
	msg_free(r);
	r = request(fd, "getrsc", NULL, NULL, NULL, NULL);
	CHECK_STR(field(r, "result"), "OK");
	msg_free(r);
	/* uuids both ways */
	r = request(fd, "getuuid", "queryname", "n1", NULL, NULL);
	{
		size_t ul = 0;
		const unsigned char *u = r ? msg_get_bin(r, "queryuuid", &ul) : NULL;
		struct hb_msg *q = msg_new();

		CHECK_INT(ul, 16);
		CHECK(u && u[0] == 0xaa);
		msg_add(q, "t", "hbapi-req");
		msg_add(q, "reqtype", "getnodename");
		msg_add_bin(q, "queryuuid", hb.uuid, 16);
		tc_send(fd, q);
		msg_free(q);
	}
	msg_free(r);
	r = tc_recv(fd);
	CHECK_STR(field(r, "queryname"), "n1");
	msg_free(r);
	r = request(fd, "getuuid", "queryname", "nosuch", NULL, NULL);
	CHECK_STR(field(r, "queryuuid"), "(none)");
	msg_free(r);
	snprintf(uuidhex, sizeof uuidhex, "x");
	r = request(fd, "getnodename", "queryuuid", uuidhex, NULL, NULL);
	CHECK_STR(field(r, "queryname"), "(none)");
	msg_free(r);
	/* clientstatus: ours online/offline, a live peer's is asked for */
	r = request(fd, "clientstatus", "node", "n1", "cn", "tclient");
	CHECK_STR(field(r, "cs"), "online");
	msg_free(r);
	r = request(fd, "clientstatus", "node", "n1", "cn", "absent");
	CHECK_STR(field(r, "cs"), "offline");
	msg_free(r);
	fx_clear();
	{
		struct hb_msg *q = msg_new();

		msg_add(q, "t", "hbapi-req");
		msg_add(q, "reqtype", "clientstatus");
		msg_add(q, "node", "n2");
		msg_add(q, "cn", "tclient");
		tc_send(fd, q);
		msg_free(q);
	}
	CHECK(fx_find("query-cstatus", "dest", "n2") != NULL);
	r = request(fd, "clientstatus", "node", "gw", "cn", "x");
	CHECK_STR(field(r, "cs"), "offline");
	msg_free(r);
	r = request(fd, "clientstatus", "node", "nosuch", "cn", "x");
	CHECK_STR(field(r, "result"), "badreq");
	msg_free(r);
	/* filters and signals */
	r = request(fd, "setfilter", "fmask", "3", NULL, NULL);
	CHECK_STR(field(r, "result"), "OK");
	msg_free(r);
	r = request(fd, "setfilter", "fmask", "0", NULL, NULL);
	CHECK_STR(field(r, "result"), "badreq");
	msg_free(r);
	r = request(fd, "setsignal", "signal", "9", NULL, NULL);
	CHECK_STR(field(r, "result"), "badreq");
	msg_free(r);
	r = request(fd, "setsignal", "signal", "0", NULL, NULL);
	CHECK_STR(field(r, "result"), "OK");
	msg_free(r);
	{
		/* set_sendqlen has no answer: the next one is the next request's */
		struct hb_msg *q = msg_new();

		msg_add(q, "t", "hbapi-req");
		msg_add(q, "reqtype", "set_sendqlen");
		tc_send(fd, q);
		msg_free(q);
	}
	r = request(fd, "hbstats", NULL, NULL, NULL, NULL);
	CHECK_STR(field(r, "reqtype"), "hbstats");
	CHECK(strstr(field(r, "json"), "\"node\":\"n1\"") != NULL);
	msg_free(r);
	r = request(fd, "no-such-request", NULL, NULL, NULL, NULL);
	CHECK_STR(field(r, "result"), "badreq");
	msg_free(r);
	close(fd);
	teardown();
}

static void test_messages(void)
{
	char res[64];
	struct hb_msg *m, *r;
	const struct hb_msg *s;
	int fd, cfd;

	setup(NULL);
	fd = signon("tclient", res, sizeof res);
	/* a named client's message goes to the same-named clients cluster-wide */
	fx_clear();
	m = msg_new();
	msg_add(m, "t", "tclient-hello");
	msg_add(m, "from_id", "forged");
	tc_send(fd, m);
	msg_free(m);
	s = fx_last("tclient-hello");
	CHECK(s != NULL);
	CHECK_STR(s ? msg_get(s, "from_id") : NULL, "tclient");
	CHECK_STR(s ? msg_get(s, "to_id") : NULL, "tclient");
	/* the daemons' own types are refused */
	fx_clear();
	m = msg_new();
	msg_add(m, "t", "shutdone");
	tc_send(fd, m);
	msg_free(m);
	CHECK_INT(fx_count("shutdone"), 0);
	/* delivery: to_id picks the client */
	m = msg_new();
	msg_add(m, "t", "tclient-hello");
	msg_add(m, "to_id", "tclient");
	api_deliver(m);
	msg_free(m);
	r = tc_recv(fd);
	CHECK_STR(field(r, "t"), "tclient-hello");
	msg_free(r);
	/* a peer asks whether our client is on */
	fx_clear();
	m = msg_new();
	msg_add(m, "cn", "tclient");
	msg_add(m, "from_id", "tclient");
	CHECK(api_on_query_cstatus(node_find("n2"), m, false));
	msg_free(m);
	s = fx_last("respond-cstatus");
	CHECK_STR(s ? msg_get(s, "cs") : NULL, "online");
	m = msg_new();
	CHECK(api_on_query_cstatus(node_find("n2"), m, false));
	msg_free(m);
	/* node and link events reach clients */
	tc_drain(fd);
	events_emit(EV_NODE_STATUS, node_find("gw"), -1);
	r = tc_recv(fd);
	CHECK_STR(field(r, "t"), "status");
	CHECK_STR(field(r, "src"), "gw");
	msg_free(r);
	events_emit(EV_LINK_STATUS, node_find("n2"), 0);
	r = tc_recv(fd);
	CHECK_STR(field(r, "t"), "ifstat");
	CHECK_STR(field(r, "ifname"), "eth0");
	msg_free(r);
	/* a casual client may not send cluster messages */
	cfd = signon(NULL, res, sizeof res);
	m = msg_new();
	msg_add(m, "t", "tclient-hello");
	tc_send(cfd, m);
	msg_free(m);
	CHECK(tc_closed(cfd));
	close(cfd);
	close(fd);
	teardown();
}

static void test_limits(void)
{
	char res[64];
	int fds[20], fd, i, closed;
	struct hb_msg *m;

	setup(NULL);
	/* the 17th connection not signed on pushes out the oldest */
	for (i = 0; i < 17; i++)
		fds[i] = tc_connect();
	CHECK(tc_closed(fds[0]));
	CHECK(!tc_closed(fds[1]));
	for (i = 0; i < 17; i++)
		close(fds[i]);
	pump();
	/* no sign-on within 5 s: dropped; signed on: kept */
	fd = tc_connect();
	fds[0] = signon("tclient", res, sizeof res);
	timer_fake_advance(4000);
	CHECK(!tc_closed(fd));
	timer_fake_advance(1000);
	CHECK(tc_closed(fd));
	CHECK(!tc_closed(fds[0]));
	close(fd);
	/* a sign-on frame over 4 KiB */
	fd = tc_connect();
	{
		char big[8192];
		uint32_t hdr[2] = { 6000, API_MAGIC };

		memset(big, 'a', sizeof big);
		memcpy(big, hdr, 8);
		if (write(fd, big, sizeof big) != (ssize_t)sizeof big)
			CHECK(0);
	}
	CHECK(tc_closed(fd));
	close(fd);
	/* a client that never reads: dropped once 256 KiB are queued, and the
	 * one that reads is not */
	m = msg_new();
	msg_add(m, "t", "tclient-bulk");
	{
		char *pad = g_malloc0(8001);

		memset(pad, 'x', 8000);
		msg_add(m, "pad", pad);
		g_free(pad);
	}
	closed = 0;
	for (i = 0; i < 200; i++) {
		api_deliver(m);
		pump();
	}
	closed = tc_closed(fds[0]);
	CHECK(closed);
	close(fds[0]);
	/* One of our CRM children (the DC's crmd busy with a transition) is
	 * not any local user: 1.6 MB queued and it is kept; what it is sent
	 * arrives whole once it reads again. */
	crm_child_adopt(getpid());
	fds[0] = signon("tclient", res, sizeof res);
	CHECK_STR(res, "OK");
	crm_child_adopt(0);
	for (i = 0; i < 200; i++) {
		api_deliver(m);
		pump();
	}
	{
		int got = 0;
		struct hb_msg *r;

		while (got < 200 && (r = tc_recv(fds[0])) != NULL) {
			got += strcmp(field(r, "t"), "tclient-bulk") == 0;
			msg_free(r);
		}
		CHECK_INT(got, 200);
	}
	CHECK(!tc_closed(fds[0]));
	close(fds[0]);
	pump();
	msg_free(m);
	/* half-sent messages are capped across clients: three clients each
	 * 240 KB into a 250 KB message pass 512 KiB, and the third is dropped */
	{
		int part[3];
		char *chunk = g_malloc0(240008);
		uint32_t hdr[2] = { 250000, API_MAGIC };

		memcpy(chunk, hdr, 8);
		for (i = 0; i < 3; i++) {
			size_t off = 0;

			int tries;

			part[i] = signon(NULL, res, sizeof res);
			/* non-blocking: the daemon reads only when we pump */
			fcntl(part[i], F_SETFL, O_NONBLOCK);
			for (tries = 0; off < 240008 && tries < 1000; tries++) {
				ssize_t w = write(part[i], chunk + off, 240008 - off);

				if (w > 0)
					off += (size_t)w;
				else if (errno != EAGAIN)
					break;
				pump();
			}
		}
		CHECK(!tc_closed(part[0]));
		CHECK(!tc_closed(part[1]));
		CHECK(tc_closed(part[2]));
		for (i = 0; i < 3; i++)
			close(part[i]);
		g_free(chunk);
		pump();
	}
	/* 64 connections at most: casual clients may share a name, so 70 of
	 * them sign on until the cap refuses the rest */
	{
		int many[70], ok = 0;

		for (i = 0; i < 70; i++) {
			many[i] = signon(NULL, res, sizeof res);
			ok += strcmp(res, "OK") == 0;
		}
		CHECK_INT(ok, 64);
		for (i = 0; i < 70; i++)
			close(many[i]);
	}
	pump();
	teardown();
}

static void test_out_of_fds(void)
{
	struct rlimit old, lim;
	int spare[1024], nspare = 0, fd, i;
	char res[64];

	setup(NULL);
	getrlimit(RLIMIT_NOFILE, &old);
	lim = old;
	/* a few fds above the lowest free one, whatever this process has open */
	fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
	close(fd);
	lim.rlim_cur = (rlim_t)fd + 8;
	if (setrlimit(RLIMIT_NOFILE, &lim) < 0) {
		SKIP("cannot lower RLIMIT_NOFILE");
		teardown();
		return;
	}
	/* use every fd but one: our own end of the connection takes it */
	while (nspare < 1024 && (spare[nspare] = open("/dev/null", O_RDONLY | O_CLOEXEC)) >= 0)
		nspare++;
	if (nspare == 0) {
		setrlimit(RLIMIT_NOFILE, &old);
		SKIP("no fd left to play with");
		teardown();
		return;
	}
	close(spare[--nspare]);
	{
		struct sockaddr_un sa = { .sun_family = AF_UNIX };

		fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
		snprintf(sa.sun_path, sizeof sa.sun_path, "%s", sock);
		CHECK(fd >= 0 && connect(fd, (struct sockaddr *)&sa, sizeof sa) == 0);
	}
	/* accept fails with EMFILE: the listener pauses instead of being
	 * called again and again */
	g_main_context_iteration(NULL, FALSE);
	for (i = 0; i < 5; i++)
		CHECK(!g_main_context_iteration(NULL, FALSE));
	while (nspare > 0)
		close(spare[--nspare]);
	setrlimit(RLIMIT_NOFILE, &old);
	/* half a second later it accepts again and the connection works */
	timer_fake_advance(500);
	pump();
	{
		struct hb_msg *m = signon_msg(NULL, getpid(), getuid(), getgid()), *r;

		tc_send(fd, m);
		msg_free(m);
		r = tc_recv(fd);
		snprintf(res, sizeof res, "%s", field(r, "result"));
		msg_free(r);
	}
	CHECK_STR(res, "OK");
	close(fd);
	teardown();
}

static void test_comm_up_opens(void)
{
	fx_setup(hacf);
	timer_fake_start(&now);
	snprintf(hb.run_dir, sizeof hb.run_dir, "%s", dir);
	api_init();
	events_emit(EV_COMM_UP, -1, -1);
	{
		char p[400];

		snprintf(p, sizeof p, "%s/register", dir);
		CHECK(access(p, F_OK) == 0);
		api_stop();
		CHECK(access(p, F_OK) != 0);
	}
	fx_teardown();
	/* a path too long for a unix socket is refused */
	{
		char longp[200];

		memset(longp, 'a', sizeof longp - 1);
		longp[sizeof longp - 1] = 0;
		CHECK_INT(api_start(longp), -1);
	}
}

int main(void)
{
	struct log_settings ls = { .ident = "test_api", .to_stderr = 0, .facility = -1 };

	log_setup(&ls);
	signal(SIGPIPE, SIG_IGN);
	snprintf(dir, sizeof dir, "/tmp/test_api.XXXXXX");
	if (!mkdtemp(dir)) {
		printf("FAIL: mkdtemp\n");
		return 1;
	}
	snprintf(sock, sizeof sock, "%s/sock", dir);
	snprintf(hacf, sizeof hacf,
		 "keepalive 1\ndeadtime 10\nudpport 694\nbcast eth0\nnode n1 n2\nping gw\n"
		 "apiauth anon uid=%u\napiauth tclient uid=%u\napiauth tclient-x uid=%u\n"
		 "apiauth other uid=%u\n",
		 (unsigned)getuid(), (unsigned)getuid(), (unsigned)getuid(), (unsigned)getuid() + 1);
	test_signon();
	test_requests();
	test_messages();
	test_limits();
	test_out_of_fds();
	test_comm_up_opens();
	rmdir(dir);
	return T_DONE();
}
