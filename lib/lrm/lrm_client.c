/* The client side of lrmd's socket (lrm_client.h).  Requests block until
 * their reply (poll with a timeout, never forever); events that arrive in
 * between are queued and handed out by the glib source or lrm_dispatch, so
 * the caller sees every event exactly once and in order. */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <glib-unix.h>
#include "api_proto.h"
#include "clock.h"
#include "lrm/lrm_proto.h"

struct lrm_conn {
	int fd;
	GString *in;
	GQueue events;          /* struct hb_msg *, not yet delivered */
	unsigned seq;
	unsigned timeout_ms;
	bool lost;
	char errmsg[256];
	GSource *src, *idle;
	GMainContext *ctx;
	lrm_event_fn cb;
	void *cb_data;
};

G_DEFINE_QUARK(lrm-error-quark, lrm_error)

int lrm_fd(const struct lrm_conn *c) { return c ? c->fd : -1; }
void lrm_set_timeout(struct lrm_conn *c, unsigned ms) { c->timeout_ms = ms ? ms : LRM_REQ_TIMEOUT_MS; }
const char *lrm_errmsg(const struct lrm_conn *c) { return c ? c->errmsg : ""; }

static void set_err(struct lrm_conn *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void set_err(struct lrm_conn *c, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(c->errmsg, sizeof c->errmsg, fmt, ap);
	va_end(ap);
}

/* Read what is there (nonblocking) and queue complete frames.  Replies are
 * queued too; the request loop picks its own out.  -1 when the peer is gone. */
static int fill(struct lrm_conn *c)
{
	char buf[65536];
	ssize_t n;

	if (c->lost)
		return -1;
	for (;;) {
		n = read(c->fd, buf, sizeof buf);
		if (n > 0) {
			g_string_append_len(c->in, buf, n);
			continue;
		}
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			break;
		c->lost = true;
		set_err(c, n == 0 ? "lrmd closed the connection" : "read from lrmd: %s", g_strerror(errno));
		break;
	}
	for (;;) {
		struct hb_msg *m;
		int used = api_unframe(c->in->str, c->in->len, &m);
		if (used == 0)
			break;
		if (used < 0) {
			c->lost = true;
			set_err(c, "bad frame from lrmd");
			break;
		}
		g_string_erase(c->in, 0, used);
		if (m)
			g_queue_push_tail(&c->events, m);
	}
	return c->lost ? -1 : 0;
}

static int write_all(struct lrm_conn *c, const char *p, size_t len)
{
	uint64_t deadline = clock_ms() + c->timeout_ms;

	while (len) {
		/* send, not write: a closed lrmd must be an error, not SIGPIPE */
		ssize_t n = send(c->fd, p, len, MSG_NOSIGNAL);
		if (n > 0) {
			p += n;
			len -= (size_t)n;
			continue;
		}
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno == EAGAIN) {
			uint64_t now = clock_ms();
			struct pollfd pfd = { c->fd, POLLOUT, 0 };
			if (now >= deadline) {
				set_err(c, "timed out writing to lrmd");
				return -1;
			}
			poll(&pfd, 1, (int)(deadline - now));
			continue;
		}
		c->lost = true;
		set_err(c, "write to lrmd: %s", g_strerror(errno));
		return -1;
	}
	return 0;
}

static void schedule_delivery(struct lrm_conn *c);

/* Send m (seq added) and wait for its reply; the reply is returned, events
 * stay queued. */
static struct hb_msg *request(struct lrm_conn *c, struct hb_msg *m)
{
	GString *out = g_string_new(NULL);
	unsigned seq = ++c->seq;
	uint64_t deadline;
	struct hb_msg *reply = NULL;

	msg_del(m, "seq");
	msg_addf(m, "seq", "%u", seq);
	if (api_frame_msg(m, out) < 0) {
		set_err(c, "request too large or not encodable");
		g_string_free(out, TRUE);
		return NULL;
	}
	if (c->lost || write_all(c, out->str, out->len) < 0) {
		if (!*c->errmsg)
			set_err(c, "connection to lrmd lost");
		g_string_free(out, TRUE);
		return NULL;
	}
	g_string_free(out, TRUE);
	deadline = clock_ms() + c->timeout_ms;
	for (;;) {
		uint64_t now;
		struct pollfd pfd = { c->fd, POLLIN, 0 };

		fill(c);
		for (GList *l = c->events.head; l; l = l->next) {
			struct hb_msg *r = l->data;
			const char *t = msg_get(r, "lrm_t");
			long s;
			if (t && !strcmp(t, LRM_T_REPLY) && msg_get_dec(r, "seq", &s) && s == (long)seq) {
				g_queue_delete_link(&c->events, l);
				reply = r;
				break;
			}
		}
		if (reply || c->lost)
			break;
		now = clock_ms();
		if (now >= deadline) {
			set_err(c, "no answer from lrmd within %u ms", c->timeout_ms);
			break;
		}
		poll(&pfd, 1, (int)(deadline - now));
	}
	schedule_delivery(c);
	return reply;
}

/* rc field of a reply; -1 with errmsg when it is an error. */
static long reply_rc(struct lrm_conn *c, struct hb_msg *r)
{
	long rc = -1;

	if (!r)
		return -1;
	if (!msg_get_dec(r, "rc", &rc))
		rc = -1;
	if (rc < 0) {
		const char *e = msg_get(r, "errmsg");
		set_err(c, "%s", e ? e : "refused by lrmd");
	}
	msg_free(r);
	return rc;
}

struct lrm_conn *lrm_connect(const char *sock, GError **err)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	struct lrm_conn *c;
	struct hb_msg *m, *r;
	long rc;

	if (!sock)
		sock = getenv(LRM_SOCK_ENV);
	if (!sock || !*sock)
		sock = LRM_DEFAULT_SOCK;
	if (strlen(sock) >= sizeof sa.sun_path) {
		g_set_error(err, LRM_ERROR, LRM_ERR_CONNECT, "socket path too long: %s", sock);
		return NULL;
	}
	strcpy(sa.sun_path, sock);
	c = g_new0(struct lrm_conn, 1);
	c->fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	c->timeout_ms = LRM_REQ_TIMEOUT_MS;
	c->in = g_string_new(NULL);
	g_queue_init(&c->events);
	if (c->fd < 0 || connect(c->fd, (struct sockaddr *)&sa, sizeof sa) < 0) {
		g_set_error(err, LRM_ERROR, LRM_ERR_CONNECT, "cannot connect to lrmd at %s: %s", sock,
			    g_strerror(errno));
		lrm_close(c);
		return NULL;
	}
	fcntl(c->fd, F_SETFL, fcntl(c->fd, F_GETFL) | O_NONBLOCK);
	m = msg_new();
	msg_add(m, "lrm_t", LRM_T_SIGNON);
	msg_add(m, "version", LRM_PROTO_VERSION);
	msg_addf(m, "pid", "%d", (int)getpid());
	r = request(c, m);
	msg_free(m);
	rc = reply_rc(c, r);
	if (rc < 0) {
		g_set_error(err, LRM_ERROR, r ? LRM_ERR_REFUSED : LRM_ERR_PROTOCOL,
			    "lrmd at %s: sign-on failed: %s", sock, c->errmsg);
		lrm_close(c);
		return NULL;
	}
	return c;
}

void lrm_close(struct lrm_conn *c)
{
	struct hb_msg *m;

	if (!c)
		return;
	if (c->src) {
		g_source_destroy(c->src);
		g_source_unref(c->src);
	}
	if (c->idle) {
		g_source_destroy(c->idle);
		g_source_unref(c->idle);
	}
	while ((m = g_queue_pop_head(&c->events)))
		msg_free(m);
	if (c->fd >= 0)
		close(c->fd);
	g_string_free(c->in, TRUE);
	g_free(c);
}

/* Hand queued events to the callback; replies nobody waits for are dropped. */
static int deliver(struct lrm_conn *c)
{
	struct hb_msg *m;
	int n = 0;

	while ((m = g_queue_pop_head(&c->events))) {
		const char *t = msg_get(m, "lrm_t");
		struct lrm_event ev;
		if (t && !strcmp(t, LRM_T_EVENT) && lrm_proto_parse_event(m, &ev) == 0) {
			n++;
			if (c->cb)
				c->cb(c, &ev, c->cb_data);
		}
		msg_free(m);
	}
	return n;
}

int lrm_dispatch(struct lrm_conn *c)
{
	int rc = fill(c);
	int n = deliver(c);

	return rc < 0 && !n ? -1 : n;
}

static gboolean on_idle(gpointer data)
{
	struct lrm_conn *c = data;

	g_source_unref(c->idle);
	c->idle = NULL;
	deliver(c);
	return G_SOURCE_REMOVE;
}

static void schedule_delivery(struct lrm_conn *c)
{
	if (!c->src || c->idle || !c->events.length)
		return;
	c->idle = g_idle_source_new();
	g_source_set_callback(c->idle, on_idle, c, NULL);
	g_source_attach(c->idle, c->ctx);
}

static gboolean on_readable(gint fd, GIOCondition cond, gpointer data)
{
	struct lrm_conn *c = data;
	int rc = fill(c);

	deliver(c);
	if (rc < 0) {
		/* the source goes; the owner learns of it through ev == NULL */
		g_source_unref(c->src);
		c->src = NULL;
		if (c->cb)
			c->cb(c, NULL, c->cb_data);
		return G_SOURCE_REMOVE;
	}
	return G_SOURCE_CONTINUE;
}

void lrm_attach(struct lrm_conn *c, GMainContext *ctx, lrm_event_fn cb, void *user_data)
{
	c->cb = cb;
	c->cb_data = user_data;
	if (c->src)
		return;
	c->ctx = ctx;
	c->src = g_unix_fd_source_new(c->fd, G_IO_IN | G_IO_HUP | G_IO_ERR);
	g_source_set_callback(c->src, (GSourceFunc)(void (*)(void))on_readable, c, NULL);
	g_source_attach(c->src, ctx);
	schedule_delivery(c);
}

int lrm_exec(struct lrm_conn *c, const struct lrm_op_req *req)
{
	char why[256];
	struct hb_msg *m = lrm_proto_exec_msg(req, why, sizeof why);

	if (!m) {
		set_err(c, "%s", why);
		return -1;
	}
	long rc = reply_rc(c, request(c, m));
	msg_free(m);
	return rc > 0 ? (int)rc : -1;
}

int lrm_cancel(struct lrm_conn *c, const char *rsc_id, const char *op, unsigned interval_ms)
{
	struct hb_msg *m = msg_new();
	long rc;

	msg_add(m, "lrm_t", LRM_T_CANCEL);
	msg_add(m, "rsc_id", rsc_id ? rsc_id : "");
	msg_add(m, "op", op ? op : "");
	msg_addf(m, "interval", "%u", interval_ms);
	rc = reply_rc(c, request(c, m));
	msg_free(m);
	return rc < 0 ? -1 : 0;
}

int lrm_forget(struct lrm_conn *c, const char *rsc_id)
{
	struct hb_msg *m = msg_new();
	long rc;

	msg_add(m, "lrm_t", LRM_T_FORGET);
	msg_add(m, "rsc_id", rsc_id ? rsc_id : "");
	rc = reply_rc(c, request(c, m));
	msg_free(m);
	return rc < 0 ? -1 : 0;
}

/* Pages ("offset" / "next") keep each reply under MSG_MAXMSG whatever the
 * number of resources; they are put together here. */
int lrm_list(struct lrm_conn *c, struct lrm_rsc_info **out)
{
	GArray *all = g_array_new(FALSE, TRUE, sizeof(struct lrm_rsc_info));
	long off = 0;

	*out = NULL;
	for (int page = 0; page < 100000; page++) {
		struct hb_msg *m = msg_new(), *r;
		struct lrm_rsc_info *v;
		long rc = -1, next = 0;
		int n;

		msg_add(m, "lrm_t", LRM_T_LIST);
		msg_addf(m, "offset", "%ld", off);
		r = request(c, m);
		msg_free(m);
		if (!r || !msg_get_dec(r, "rc", &rc) || rc < 0) {
			const char *e = r ? msg_get(r, "errmsg") : NULL;
			if (r || !*c->errmsg)
				set_err(c, "%s", e ? e : "refused by lrmd");
			msg_free(r);
			lrm_rsc_info_free_all((struct lrm_rsc_info *)all->data, all->len);
			g_array_free(all, FALSE);
			return -1;
		}
		n = lrm_proto_parse_list(r, &v);
		g_array_append_vals(all, v, (guint)n);
		g_free(v);
		if (!msg_get_dec(r, "next", &next) || next <= off) {
			msg_free(r);
			break;
		}
		off = next;
		msg_free(r);
	}
	{
		int n = (int)all->len;
		*out = (struct lrm_rsc_info *)g_array_free(all, FALSE);
		return n;
	}
}
