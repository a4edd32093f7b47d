/* The heartbeat client library (client.h).  The socket is non-blocking; a
 * blocking call polls with a deadline, keeps whatever else arrives in the
 * meantime for client_recv or the glib callbacks, and drops replies to
 * requests nobody waits for any more. */
#include <errno.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>
#include <glib.h>
#include <glib-unix.h>
#include "config.h"
#include "api_proto.h"
#include "client.h"
#include "clock.h"
#include "nodename.h"
#include "msg_compress.h"

#define T_REQ "hbapi-req"
#define T_RESP "hbapi-resp"

struct hb_client {
	int fd;
	bool casual;
	bool lost;
	pid_t pid;
	char dest[256];          /* the node name our requests carry */
	char id[64];
	unsigned timeout_ms;
	GString *in;             /* bytes not yet framed */
	GQueue pending;          /* struct hb_msg *: arrived while we waited for a reply */
	enum client_error err;
	char errmsg[512];
	/* from the sign-on reply */
	char node[256], hbversion[128], pacemaker[64];
	unsigned deadtime_ms, keepalive_ms;
	int logfacility;
	/* glib delivery */
	struct client_callbacks cb;
	void *cbdata;
	bool attached, lost_told;
	guint watch, idle;
	int dispatching;         /* callbacks running: closing is deferred */
	bool close_asked;
	bool keep_compressed;    /* client_set_decompress(c, false) */
};

static void set_err(struct hb_client *c, enum client_error e, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void set_err(struct hb_client *c, enum client_error e, const char *fmt, ...)
{
	va_list ap;

	c->err = e;
	va_start(ap, fmt);
	vsnprintf(c->errmsg, sizeof c->errmsg, fmt, ap);
	va_end(ap);
}

static void schedule_dispatch(struct hb_client *c);

enum client_error client_error(const struct hb_client *c) { return c->err; }
const char *client_errmsg(const struct hb_client *c) { return c->errmsg; }
void client_set_timeout(struct hb_client *c, unsigned ms) { c->timeout_ms = ms; }
int client_fd(const struct hb_client *c) { return c->fd; }
const char *client_node(const struct hb_client *c) { return c->node; }
const char *client_id(const struct hb_client *c) { return c->id; }
unsigned client_deadtime_ms(const struct hb_client *c) { return c->deadtime_ms; }
unsigned client_keepalive_ms(const struct hb_client *c) { return c->keepalive_ms; }
const char *client_hbversion(const struct hb_client *c) { return c->hbversion; }
const char *client_pacemaker(const struct hb_client *c) { return c->pacemaker; }
int client_logfacility(const struct hb_client *c) { return c->logfacility; }

/* ---- the wire ---- */

static void mark_lost(struct hb_client *c, const char *why)
{
	c->lost = true;
	set_err(c, CLIENT_LOST, "connection to heartbeat lost: %s", why);
	if (c->attached)
		schedule_dispatch(c);     /* tell the lost callback from the loop */
}

/* ms left until deadline (a clock_ms value; 0 = do not wait, UINT64_MAX = forever) */
static int remaining(uint64_t deadline)
{
	uint64_t now = clock_ms();

	if (deadline == UINT64_MAX)
		return -1;
	return deadline > now ? (int)(deadline - now > 600000 ? 600000 : deadline - now) : 0;
}

static uint64_t deadline_in(int ms)
{
	return ms < 0 ? UINT64_MAX : clock_ms() + (uint64_t)ms;
}

static int send_frame(struct hb_client *c, const struct hb_msg *m)
{
	GString *out = g_string_new(NULL);
	uint64_t deadline = deadline_in((int)c->timeout_ms);
	size_t off = 0;

	if (c->lost) {
		g_string_free(out, TRUE);
		return -1;
	}
	if (api_frame_msg(m, out) < 0) {
		set_err(c, CLIENT_PROTOCOL, "message cannot be encoded");
		g_string_free(out, TRUE);
		return -1;
	}
	while (off < out->len) {
		ssize_t n = send(c->fd, out->str + off, out->len - off, MSG_NOSIGNAL | MSG_DONTWAIT);

		if (n >= 0) {
			off += (size_t)n;
			continue;
		}
		if (errno == EINTR)
			continue;
		if (errno == EAGAIN) {
			struct pollfd p = { c->fd, POLLOUT, 0 };
			int r = poll(&p, 1, remaining(deadline));

			if (r == 0) {
				set_err(c, CLIENT_TIMEOUT, "heartbeat does not read its API socket");
				g_string_free(out, TRUE);
				return -1;
			}
			continue;
		}
		mark_lost(c, strerror(errno));
		g_string_free(out, TRUE);
		return -1;
	}
	g_string_free(out, TRUE);
	return 0;
}

/* Take one message from what has been read.  1: *m set; 0: need more
 * bytes; -1: the stream is broken (lost). */
static int take_frame(struct hb_client *c, struct hb_msg **m)
{
	for (;;) {
		int used = api_unframe(c->in->str, c->in->len, m);

		if (used == 0)
			return 0;
		if (used < 0) {
			mark_lost(c, "bad frame from heartbeat");
			c->err = CLIENT_PROTOCOL;
			return -1;
		}
		g_string_erase(c->in, 0, used);
		/* Compressed struct fields are undone here, as libhbclient does when
		 * a field is read; one that will not decompress stays FT_COMPRESS
		 * and the rest of the message is still delivered. */
		if (*m && !c->keep_compressed)
			mcz_unpack_fields(*m);
		if (*m)
			return 1;
		/* a body that did not decode: nothing to hand on */
	}
}

/* Read what the socket has (waiting up to deadline for the first byte).
 * 1: read something; 0: timeout; -1: lost. */
static int fill(struct hb_client *c, uint64_t deadline)
{
	char buf[65536];

	for (;;) {
		ssize_t n = recv(c->fd, buf, sizeof buf, MSG_DONTWAIT);

		if (n > 0) {
			g_string_append_len(c->in, buf, n);
			return 1;
		}
		if (n == 0) {
			mark_lost(c, "closed by heartbeat");
			return -1;
		}
		if (errno == EINTR)
			continue;
		if (errno != EAGAIN) {
			mark_lost(c, strerror(errno));
			return -1;
		}
		struct pollfd p = { c->fd, POLLIN, 0 };
		int r = poll(&p, 1, remaining(deadline));

		if (r == 0)
			return 0;
		if (r < 0 && errno != EINTR) {
			mark_lost(c, strerror(errno));
			return -1;
		}
	}
}

/* The next message off the socket, waiting until deadline.  NULL: timeout
 * (CLIENT_TIMEOUT) or lost. */
static struct hb_msg *read_msg(struct hb_client *c, uint64_t deadline)
{
	struct hb_msg *m = NULL;

	if (c->lost)
		return NULL;
	for (;;) {
		int r = take_frame(c, &m);

		if (r > 0)
			return m;
		if (r < 0)
			return NULL;
		r = fill(c, deadline);
		if (r == 0) {
			set_err(c, CLIENT_TIMEOUT, "timed out waiting for heartbeat");
			return NULL;
		}
		if (r < 0)
			return NULL;
	}
}

static bool is_type(const struct hb_msg *m, const char *t)
{
	const char *v = msg_get(m, "t");

	return v && strcmp(v, t) == 0;
}

static void keep_for_later(struct hb_client *c, struct hb_msg *m)
{
	g_queue_push_tail(&c->pending, m);
	if (c->attached)
		schedule_dispatch(c);
}

/* Wait for the reply to reqtype (or, with alt, a cluster message of that
 * type matching alt_key=alt_val); everything else is kept for later. */
static struct hb_msg *wait_reply(struct hb_client *c, const char *reqtype, const char *alt,
				 const char *alt_key, const char *alt_val, unsigned timeout_ms)
{
	uint64_t deadline = deadline_in((int)timeout_ms);

	for (;;) {
		struct hb_msg *m = read_msg(c, deadline);
		const char *rt;

		if (!m)
			return NULL;
		if (is_type(m, T_RESP)) {
			rt = msg_get(m, "reqtype");
			if (rt && strcmp(rt, reqtype) == 0)
				return m;
			msg_free(m);      /* an answer nobody waits for any more */
			continue;
		}
		if (alt && is_type(m, alt)) {
			const char *v = msg_get(m, alt_key);

			if (v && alt_val && strcmp(v, alt_val) == 0)
				return m;
		}
		keep_for_later(c, m);
	}
}

/* Every request names us the way the daemon checks: dest, pid and from_id. */
static struct hb_msg *new_request(const struct hb_client *c, const char *reqtype)
{
	struct hb_msg *m = msg_new();

	msg_add(m, "t", T_REQ);
	msg_add(m, "reqtype", reqtype);
	msg_add(m, "dest", c->dest);
	msg_addf(m, "pid", "%d", (int)c->pid);
	msg_add(m, "from_id", c->id);
	return m;
}

static struct hb_msg *vrequest(struct hb_client *c, const char *reqtype, va_list ap)
{
	struct hb_msg *m = new_request(c, reqtype);
	const char *k;
	int rc;

	while ((k = va_arg(ap, const char *)))
		msg_add(m, k, va_arg(ap, const char *));
	rc = send_frame(c, m);
	msg_free(m);
	if (rc < 0)
		return NULL;
	return wait_reply(c, reqtype, NULL, NULL, NULL, c->timeout_ms);
}

struct hb_msg *client_request(struct hb_client *c, const char *reqtype, ...)
{
	struct hb_msg *r;
	va_list ap;

	va_start(ap, reqtype);
	r = vrequest(c, reqtype, ap);
	va_end(ap);
	return r;
}

struct hb_msg *client_next_reply(struct hb_client *c, const char *reqtype)
{
	return wait_reply(c, reqtype, NULL, NULL, NULL, c->timeout_ms);
}

bool client_reply_ok(const struct hb_msg *r)
{
	const char *res = r ? msg_get(r, "result") : NULL;

	return res && (strcmp(res, "OK") == 0 || strcmp(res, API_MORE) == 0);
}

bool client_reply_last(const struct hb_msg *r)
{
	const char *res = r ? msg_get(r, "result") : NULL;

	return !res || strcmp(res, API_MORE) != 0;
}

/* A failed reply becomes CLIENT_BADREQ with the daemon's info (maybe ""). */
static bool check_reply(struct hb_client *c, const struct hb_msg *r)
{
	const char *info;

	if (!r)
		return false;
	if (client_reply_ok(r)) {
		c->err = CLIENT_OK;
		c->errmsg[0] = 0;
		return true;
	}
	info = msg_get(r, "info");
	set_err(c, CLIENT_BADREQ, "%s", info ? info : "");
	return false;
}

/* ---- connecting ---- */

static void free_client(struct hb_client *c)
{
	struct hb_msg *m;

	while ((m = g_queue_pop_head(&c->pending)))
		msg_free(m);
	if (c->fd >= 0)
		close(c->fd);
	g_string_free(c->in, TRUE);
	g_free(c);
}

static void fail(enum client_error *err, char *why, size_t whylen, enum client_error e, const char *text)
{
	if (err)
		*err = e;
	if (why && whylen)
		snprintf(why, whylen, "%s", text);
}

struct hb_client *client_signon_fd(int fd, const char *dest, const char *id, unsigned timeout_ms,
				   enum client_error *err, char *why, size_t whylen)
{
	struct hb_client *c = g_new0(struct hb_client, 1);
	struct hb_msg *m, *r;
	unsigned long v;
	long lv;
	const char *s;

	c->fd = fd;
	c->in = g_string_new(NULL);
	g_queue_init(&c->pending);
	c->pid = getpid();
	c->timeout_ms = timeout_ms ? timeout_ms : CLIENT_TIMEOUT_MS;
	c->logfacility = -1;
	c->casual = !id;
	snprintf(c->dest, sizeof c->dest, "%s", dest ? dest : "");
	/* a casual client is known by its pid, as libhbclient signs on */
	if (id)
		snprintf(c->id, sizeof c->id, "%s", id);
	else
		snprintf(c->id, sizeof c->id, "%d", (int)c->pid);
	snprintf(c->pacemaker, sizeof c->pacemaker, "false");
	m = new_request(c, "signon");
	msg_addf(m, "uid", "%d", (int)geteuid());
	msg_addf(m, "gid", "%d", (int)getegid());
	if (send_frame(c, m) < 0) {
		msg_free(m);
		fail(err, why, whylen, c->err, c->errmsg);
		free_client(c);
		return NULL;
	}
	msg_free(m);
	r = wait_reply(c, "signon", NULL, NULL, NULL, c->timeout_ms);
	if (!r || !client_reply_ok(r)) {
		if (r)
			set_err(c, CLIENT_REFUSED, "heartbeat refused the sign-on: %s",
				msg_get(r, "info") ? msg_get(r, "info") : "no reason given");
		fail(err, why, whylen, c->err, c->errmsg);
		msg_free(r);
		free_client(c);
		return NULL;
	}
	if ((s = msg_get(r, "node")))
		snprintf(c->node, sizeof c->node, "%s", s);
	if ((s = msg_get(r, "hbversion")))
		snprintf(c->hbversion, sizeof c->hbversion, "%s", s);
	if ((s = msg_get(r, "pacemaker")))
		snprintf(c->pacemaker, sizeof c->pacemaker, "%s", s);
	if (msg_get_hex(r, "deadtime", &v))
		c->deadtime_ms = (unsigned)v;
	if (msg_get_hex(r, "keepalive", &v))
		c->keepalive_ms = (unsigned)v;
	if (msg_get_dec(r, "logfacility", &lv))
		c->logfacility = (int)lv;
	msg_free(r);
	if (err)
		*err = CLIENT_OK;
	return c;
}

struct hb_client *client_signon(const char *id, enum client_error *err, char *why, size_t whylen)
{
	const char *e = getenv("HB_RUNDIR"), *hadir = getenv("HB_HA_DIR");
	char path[4200], dest[256];
	struct sockaddr_un sa;
	int fd;

	snprintf(path, sizeof path, "%s/register", e ? e : HA_RUNDIR);
	memset(&sa, 0, sizeof sa);
	sa.sun_family = AF_UNIX;
	if (strlen(path) >= sizeof sa.sun_path) {
		fail(err, why, whylen, CLIENT_SYSTEM, "API socket path too long");
		return NULL;
	}
	memcpy(sa.sun_path, path, strlen(path));
	if (nodename_local(hadir ? hadir : HA_SYSCONFDIR, dest, sizeof dest) < 0) {
		fail(err, why, whylen, CLIENT_SYSTEM, "cannot tell the local node name");
		return NULL;
	}
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0) {
		fail(err, why, whylen, CLIENT_SYSTEM, strerror(errno));
		return NULL;
	}
	if (connect(fd, (struct sockaddr *)&sa, sizeof sa) < 0) {
		char text[4400];

		snprintf(text, sizeof text, "cannot connect to %s: %s", path, strerror(errno));
		close(fd);
		fail(err, why, whylen, CLIENT_NO_DAEMON, text);
		return NULL;
	}
	return client_signon_fd(fd, dest, id, CLIENT_TIMEOUT_MS, err, why, whylen);
}

void client_close(struct hb_client *c)
{
	if (!c)
		return;
	if (c->dispatching) {
		c->close_asked = true;    /* freed when the callbacks return */
		return;
	}
	client_detach(c);
	if (!c->lost) {
		struct hb_msg *m = new_request(c, "signoff");

		/* no reply to wait for; a short limit, the daemon may be gone */
		c->timeout_ms = c->timeout_ms < 1000 ? c->timeout_ms : 1000;
		send_frame(c, m);
		msg_free(m);
	}
	free_client(c);
}

/* ---- the requests ---- */

/* A walk (nodelist, iflist): take() keeps what each reply says.  0, or -1
 * with the error set. */
static int walk(struct hb_client *c, const char *reqtype, const char *k, const char *v,
		void (*take)(GArray *a, const struct hb_msg *r), GArray *a)
{
	struct hb_msg *r = client_request(c, reqtype, k, v, NULL);

	while (check_reply(c, r)) {
		bool last = client_reply_last(r);

		take(a, r);
		msg_free(r);
		if (last)
			return 0;
		r = client_next_reply(c, reqtype);
	}
	msg_free(r);
	return -1;
}

/* The walk's entries as a plain array (NULL when there are none). */
static void *entries(GArray *a, int *n)
{
	*n = (int)a->len;
	return g_array_free(a, FALSE);
}

static void take_node(GArray *a, const struct hb_msg *r)
{
	const char *name = msg_get(r, "node"), *ty = msg_get(r, "nodetype"), *st = msg_get(r, "st");

	if (name) {
		struct client_node x = { g_strdup(name), g_strdup(ty ? ty : "normal"), g_strdup(st ? st : "") };
		g_array_append_val(a, x);
	}
}

int client_nodes(struct hb_client *c, struct client_node **nodes)
{
	GArray *a = g_array_new(FALSE, TRUE, sizeof(struct client_node));
	int n, rc = walk(c, "nodelist", NULL, NULL, take_node, a);

	*nodes = entries(a, &n);
	if (rc < 0) {
		client_nodes_free(*nodes, n);
		*nodes = NULL;
		return -1;
	}
	return n;
}

void client_nodes_free(struct client_node *nodes, int n)
{
	for (int i = 0; i < n; i++) {
		g_free(nodes[i].name);
		g_free(nodes[i].type);
		g_free(nodes[i].status);
	}
	g_free(nodes);
}

static void take_link(GArray *a, const struct hb_msg *r)
{
	const char *ifn = msg_get(r, "ifname"), *st = msg_get(r, "st");

	if (ifn) {
		struct client_link x = { g_strdup(ifn), g_strdup(st ? st : "") };
		g_array_append_val(a, x);
	}
}

int client_links(struct hb_client *c, const char *node, struct client_link **links)
{
	GArray *a = g_array_new(FALSE, TRUE, sizeof(struct client_link));
	int n, rc = walk(c, "iflist", "node", node, take_link, a);

	*links = entries(a, &n);
	if (rc < 0) {
		client_links_free(*links, n);
		*links = NULL;
		return -1;
	}
	return n;
}

void client_links_free(struct client_link *links, int n)
{
	for (int i = 0; i < n; i++) {
		g_free(links[i].ifname);
		g_free(links[i].status);
	}
	g_free(links);
}

/* One request, one field of its reply ("" when the reply lacks it). */
static char *ask(struct hb_client *c, const char *reqtype, const char *field,
		 const char *k1, const char *v1, const char *k2, const char *v2)
{
	struct hb_msg *r = client_request(c, reqtype, k1, v1, k2, v2, NULL);
	char *v = NULL;

	if (check_reply(c, r))
		v = g_strdup(msg_get(r, field) ? msg_get(r, field) : "");
	msg_free(r);
	return v;
}

char *client_node_status(struct hb_client *c, const char *node)
{
	return ask(c, "nodestatus", "st", "node", node, NULL, NULL);
}

char *client_node_type(struct hb_client *c, const char *node)
{
	return ask(c, "nodetype", "nodetype", "node", node, NULL, NULL);
}

char *client_node_weight(struct hb_client *c, const char *node)
{
	return ask(c, "nodeweight", "weight", "node", node, NULL, NULL);
}

char *client_node_site(struct hb_client *c, const char *node)
{
	return ask(c, "nodesite", "site", "node", node, NULL, NULL);
}

char *client_link_status(struct hb_client *c, const char *node, const char *ifname)
{
	return ask(c, "ifstatus", "st", "node", node, "ifname", ifname);
}

char *client_parameter(struct hb_client *c, const char *name)
{
	struct hb_msg *r;
	char *v = NULL;

	/* 3.0.6 answers getparm hbversion with the bare number; libhbclient
	 * gives the sign-on's full text, and so do we */
	if (strcmp(name, "hbversion") == 0 && c->hbversion[0]) {
		c->err = CLIENT_OK;
		return g_strdup(c->hbversion);
	}
	r = client_request(c, "getparm", "pname", name, NULL);
	if (check_reply(c, r) && msg_get(r, "pvalue"))
		v = g_strdup(msg_get(r, "pvalue"));
	msg_free(r);
	return v;
}

char *client_resources(struct hb_client *c)
{
	return ask(c, "getrsc", "rsc_hold", NULL, NULL, NULL, NULL);
}

char *client_client_status(struct hb_client *c, const char *node, const char *client, unsigned timeout_ms)
{
	struct hb_msg *m = new_request(c, "clientstatus"), *r;
	char *v = NULL;

	msg_add(m, "node", node);
	msg_add(m, "cn", client);
	if (send_frame(c, m) < 0) {
		msg_free(m);
		return NULL;
	}
	msg_free(m);
	/* a remote node's daemon answers with a cluster message */
	r = wait_reply(c, "clientstatus", "respond-cstatus", "cn", client, timeout_ms);
	/* a refused request carries cs=offline from our daemon: an error all the same */
	if (r && msg_get(r, "cs") && (is_type(r, "respond-cstatus") || client_reply_ok(r))) {
		c->err = CLIENT_OK;
		v = g_strdup(msg_get(r, "cs"));
	} else if (r) {
		check_reply(c, r);
		if (c->err == CLIENT_OK)
			set_err(c, CLIENT_PROTOCOL, "clientstatus answer without a status");
	}
	msg_free(r);
	return v;
}

int client_num_nodes(struct hb_client *c)
{
	char *v = ask(c, "numnodes", "numnodes", NULL, NULL, NULL, NULL);
	int n = v && *v ? atoi(v) : -1;

	g_free(v);
	return n;
}

int client_node_uuid(struct hb_client *c, const char *node, unsigned char uuid[16])
{
	struct hb_msg *r = client_request(c, "getuuid", "queryname", node, NULL);
	const unsigned char *u;
	size_t len = 0;
	int rc = -1;

	if (check_reply(c, r) && (u = msg_get_bin(r, "queryuuid", &len)) && len == 16) {
		memcpy(uuid, u, 16);
		rc = 0;
	}
	msg_free(r);
	return rc;
}

char *client_uuid_node(struct hb_client *c, const unsigned char uuid[16])
{
	struct hb_msg *m = new_request(c, "getnodename"), *r;
	char *v = NULL;

	msg_add_bin(m, "queryuuid", uuid, 16);
	if (send_frame(c, m) < 0) {
		msg_free(m);
		return NULL;
	}
	msg_free(m);
	r = wait_reply(c, "getnodename", NULL, NULL, NULL, c->timeout_ms);
	if (check_reply(c, r) && msg_get(r, "queryname"))
		v = g_strdup(msg_get(r, "queryname"));
	msg_free(r);
	return v;
}

int client_set_filter(struct hb_client *c, unsigned mask)
{
	char hex[16];
	struct hb_msg *r;
	bool ok;

	snprintf(hex, sizeof hex, "%x", mask);
	r = client_request(c, "setfilter", "fmask", hex, NULL);
	ok = check_reply(c, r);
	msg_free(r);
	return ok ? 0 : -1;
}

int client_set_signal(struct hb_client *c, int sig)
{
	char dec[16];
	struct hb_msg *r;
	bool ok;

	snprintf(dec, sizeof dec, "%d", sig);
	r = client_request(c, "setsignal", "signal", dec, NULL);
	ok = check_reply(c, r);
	msg_free(r);
	return ok ? 0 : -1;
}

/* ---- sending and receiving ---- */

int client_send(struct hb_client *c, const struct hb_msg *m, const char *node)
{
	struct hb_msg *copy;
	int rc;

	if (!msg_get(m, "t") || is_type(m, T_REQ)) {
		set_err(c, CLIENT_PROTOCOL, "a cluster message needs a type (and is not a request)");
		return -1;
	}
	copy = msg_copy(m);
	if (node)
		msg_mod(copy, "dest", node);
	rc = send_frame(c, copy);
	msg_free(copy);
	return rc;
}

struct hb_msg *client_recv(struct hb_client *c, int timeout_ms)
{
	uint64_t deadline = deadline_in(timeout_ms);

	for (;;) {
		struct hb_msg *m = g_queue_pop_head(&c->pending);

		if (m)
			return m;
		m = read_msg(c, deadline);
		if (!m)
			return NULL;
		if (is_type(m, T_RESP)) {
			msg_free(m);      /* a reply to a request given up */
			continue;
		}
		return m;
	}
}

bool client_msg_ready(struct hb_client *c)
{
	struct hb_msg *m;

	if (!g_queue_is_empty(&c->pending))
		return true;
	if (c->lost)
		return false;
	m = read_msg(c, clock_ms());
	if (m && !is_type(m, T_RESP)) {
		g_queue_push_head(&c->pending, m);
		return true;
	}
	msg_free(m);
	if (c->err == CLIENT_TIMEOUT)
		c->err = CLIENT_OK;
	return false;
}

/* ---- glib delivery ---- */

static void deliver(struct hb_client *c, const struct hb_msg *m)
{
	const char *t = msg_get(m, "t");

	if (t && strcmp(t, "status") == 0 && c->cb.node_status && msg_get(m, "src") && msg_get(m, "st")) {
		c->cb.node_status(c, msg_get(m, "src"), msg_get(m, "st"), c->cbdata);
		return;
	}
	if (t && strcmp(t, "ifstat") == 0 && c->cb.link_status && msg_get(m, "node") &&
	    msg_get(m, "ifname") && msg_get(m, "st")) {
		c->cb.link_status(c, msg_get(m, "node"), msg_get(m, "ifname"), msg_get(m, "st"), c->cbdata);
		return;
	}
	if (t && strcmp(t, "hbapi-clstat") == 0 && c->cb.client_status && msg_get(m, "src") &&
	    msg_get(m, "from_id") && msg_get(m, "st")) {
		c->cb.client_status(c, msg_get(m, "src"), msg_get(m, "from_id"), msg_get(m, "st"), c->cbdata);
		return;
	}
	if (t && strcmp(t, "respond-cstatus") == 0 && c->cb.client_status && msg_get(m, "src") &&
	    msg_get(m, "cn") && msg_get(m, "cs")) {
		c->cb.client_status(c, msg_get(m, "src"), msg_get(m, "cn"), msg_get(m, "cs"), c->cbdata);
		return;
	}
	if (c->cb.message)
		c->cb.message(c, m, c->cbdata);
}

/* Hand every complete message to the callbacks; then, if the daemon is
 * gone, say so once.  Returns false when the client was closed meanwhile. */
static bool dispatch_all(struct hb_client *c)
{
	struct hb_msg *m;

	c->dispatching++;
	for (;;) {
		if (c->close_asked || !c->attached)
			break;
		m = g_queue_pop_head(&c->pending);
		if (!m && take_frame(c, &m) <= 0)
			break;
		if (!is_type(m, T_RESP))
			deliver(c, m);
		msg_free(m);
	}
	if (c->lost && c->attached && !c->lost_told && !c->close_asked) {
		c->lost_told = true;
		if (c->cb.lost)
			c->cb.lost(c, c->cbdata);
	}
	c->dispatching--;
	if (c->close_asked && !c->dispatching) {
		c->close_asked = false;
		client_close(c);
		return false;
	}
	return true;
}

static gboolean on_idle(gpointer data)
{
	struct hb_client *c = data;

	c->idle = 0;
	dispatch_all(c);
	return G_SOURCE_REMOVE;
}

static void schedule_dispatch(struct hb_client *c)
{
	if (!c->idle)
		c->idle = g_idle_add(on_idle, c);
}

static gboolean on_readable(gint fd, GIOCondition cond, gpointer data)
{
	struct hb_client *c = data;
	int r;

	/* bounded: a flood from the daemon must not keep us here */
	for (int i = 0; i < 16; i++) {
		r = fill(c, clock_ms());
		if (r <= 0)
			break;
	}
	if (c->lost)
		c->watch = 0;
	if (!dispatch_all(c))
		return G_SOURCE_REMOVE;
	return c->lost ? G_SOURCE_REMOVE : G_SOURCE_CONTINUE;
}

void client_attach(struct hb_client *c, const struct client_callbacks *cb, void *data)
{
	client_detach(c);
	c->cb = *cb;
	c->cbdata = data;
	c->attached = true;
	c->lost_told = false;
	if (!c->lost)
		c->watch = g_unix_fd_add(c->fd, G_IO_IN | G_IO_HUP | G_IO_ERR, on_readable, c);
	/* what arrived before (or while attached during a request) */
	if (!g_queue_is_empty(&c->pending) || c->lost || c->in->len)
		schedule_dispatch(c);
}

void client_detach(struct hb_client *c)
{
	if (c->watch)
		g_source_remove(c->watch);
	if (c->idle)
		g_source_remove(c->idle);
	c->watch = c->idle = 0;
	c->attached = false;
}

void client_set_decompress(struct hb_client *c, bool on)
{
	c->keep_compressed = !on;
}
