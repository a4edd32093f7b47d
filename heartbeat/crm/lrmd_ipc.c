/* lrmd's socket: a unix stream socket (0660 root:haclient in a 0750
 * root:haclient directory it creates; only root and the cluster user's
 * crmd are served),
 * clients served on the main loop without blocking, api_proto frames in,
 * replies and events out.  A client that floods or stops reading is dropped;
 * losing a client never touches the operations it asked for. */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <glib-unix.h>
#include "api_proto.h"
#include "log.h"
#include "lrmd.h"

#define MAX_OUTBUF (8 * 1024 * 1024)   /* unread replies/events before a client is dropped */

struct client {
	int fd;
	GString *in, *out;
	guint src_in, src_out;
	bool signed_on;
	bool dead;      /* dropped by the reaper, never inside a callback that uses it */
	int pid;
};

static int listen_fd = -1;
static guint listen_src;
static char *sock_path;
static GList *clients;
static int nclients;

int lrmd_ipc_nclients(void) { return nclients; }

static void client_drop(struct client *c, const char *why)
{
	log_info("lrmd: client %d (pid %d) gone: %s", c->fd, c->pid, why);
	if (c->src_in)
		g_source_remove(c->src_in);
	if (c->src_out)
		g_source_remove(c->src_out);
	close(c->fd);
	g_string_free(c->in, TRUE);
	g_string_free(c->out, TRUE);
	clients = g_list_remove(clients, c);
	nclients--;
	g_free(c);
}

static gboolean on_writable(gint fd, GIOCondition cond, gpointer data);
static guint reaper;

static gboolean reap(gpointer data)
{
	reaper = 0;
	for (GList *l = clients, *next; l; l = next) {
		struct client *c = l->data;
		next = l->next;
		if (c->dead)
			client_drop(c, "broken or not reading its events");
	}
	return G_SOURCE_REMOVE;
}

static void mark_dead(struct client *c)
{
	c->dead = true;
	/* high priority: a dead client's socket stays readable (EOF), and an
	 * ordinary idle source would wait behind it for ever */
	if (!reaper)
		reaper = g_idle_add_full(G_PRIORITY_HIGH, reap, NULL, NULL);
}

/* Write what the socket takes now; the rest waits for POLLOUT. -1: the
 * client is marked dead (the reaper drops it from the main loop). */
static int flush_out(struct client *c)
{
	if (c->dead)
		return -1;
	while (c->out->len) {
		ssize_t n = send(c->fd, c->out->str, c->out->len, MSG_NOSIGNAL);
		if (n > 0) {
			g_string_erase(c->out, 0, n);
			continue;
		}
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			break;
		mark_dead(c);
		return -1;
	}
	if (c->out->len > MAX_OUTBUF) {
		mark_dead(c);
		return -1;
	}
	if (c->out->len && !c->src_out)
		c->src_out = g_unix_fd_add(c->fd, G_IO_OUT, on_writable, c);
	return 0;
}

static gboolean on_writable(gint fd, GIOCondition cond, gpointer data)
{
	struct client *c = data;

	c->src_out = 0;
	flush_out(c);
	return G_SOURCE_REMOVE;
}

void lrmd_ipc_broadcast(const struct lrm_event *ev)
{
	struct hb_msg *m = lrm_proto_event_msg(ev);
	GString *frame = g_string_new(NULL);

	if (api_frame_msg(m, frame) == 0) {
		for (GList *l = clients, *next; l; l = next) {
			struct client *c = l->data;
			next = l->next;
			if (!c->signed_on)
				continue;
			g_string_append_len(c->out, frame->str, frame->len);
			flush_out(c);
		}
	}
	g_string_free(frame, TRUE);
	msg_free(m);
}

static struct hb_msg *reply_new(const struct hb_msg *req, long rc, const char *errmsg)
{
	struct hb_msg *r = msg_new();
	const char *seq = msg_get(req, "seq");

	msg_add(r, "lrm_t", LRM_T_REPLY);
	msg_add(r, "seq", seq ? seq : "0");
	msg_addf(r, "rc", "%ld", rc);
	if (errmsg)
		msg_add(r, "errmsg", errmsg);
	return r;
}

struct hb_msg *lrmd_handle_request(const struct hb_msg *m)
{
	const char *t = msg_get(m, "lrm_t");
	char why[256] = "";

	if (!t)
		return reply_new(m, -1, "missing lrm_t");
	if (!strcmp(t, LRM_T_SIGNON)) {
		return reply_new(m, 0, NULL);
	} else if (!strcmp(t, LRM_T_EXEC)) {
		struct lrm_req req;
		int id;
		if (lrm_proto_parse_exec(m, &req, why, sizeof why) < 0)
			return reply_new(m, -1, why);
		id = lrmd_submit(&req, why, sizeof why);
		if (id > 0)
			log_debug("lrmd: call %d: %s %s interval %u", id, req.rsc_id, req.op, req.interval_ms);
		lrm_req_free(&req);
		return reply_new(m, id > 0 ? id : -1, id > 0 ? NULL : why);
	} else if (!strcmp(t, LRM_T_CANCEL)) {
		const char *rsc = msg_get(m, "rsc_id"), *op = msg_get(m, "op"), *iv = msg_get(m, "interval");
		unsigned interval = 0;
		if (!rsc || !op || (iv && !lrm_proto_uint(iv, 86400000u, &interval)))
			return reply_new(m, -1, "cancel needs rsc_id, op and interval");
		if (lrmd_cancel(rsc, op, interval) < 0)
			return reply_new(m, -1, "no such operation");
		return reply_new(m, 0, NULL);
	} else if (!strcmp(t, LRM_T_FORGET)) {
		const char *rsc = msg_get(m, "rsc_id");
		if (!rsc || lrmd_forget(rsc) < 0)
			return reply_new(m, -1, "no such resource");
		return reply_new(m, 0, NULL);
	} else if (!strcmp(t, LRM_T_LIST)) {
		const char *from = msg_get(m, "offset");
		unsigned off = 0;
		size_t next;
		struct hb_msg *r;
		if (from && !lrm_proto_uint(from, 1000000000u, &off))
			return reply_new(m, -1, "bad offset");
		r = reply_new(m, 0, NULL);
		next = lrmd_list(r, off, LRMD_LIST_PAGE);
		if (next)
			msg_addf(r, "next", "%zu", next);
		return r;
	}
	snprintf(why, sizeof why, "unknown request [%.64s]", t);
	return reply_new(m, -1, why);
}

static void handle(struct client *c, const struct hb_msg *m)
{
	const char *t = msg_get(m, "lrm_t");
	struct hb_msg *r;

	if (!c->signed_on && (!t || strcmp(t, LRM_T_SIGNON))) {
		r = reply_new(m, -1, "sign on first");
	} else {
		r = lrmd_handle_request(m);
		if (t && !strcmp(t, LRM_T_SIGNON)) {
			long pid = 0;
			msg_get_dec(m, "pid", &pid);
			c->pid = (int)pid;
			c->signed_on = true;
			log_info("lrmd: client %d (pid %d) signed on", c->fd, c->pid);
		}
	}
	if (api_frame_msg(r, c->out) < 0) {
		struct hb_msg *e = reply_new(m, -1, "reply too large");
		api_frame_msg(e, c->out);
		msg_free(e);
	}
	msg_free(r);
}

static gboolean on_readable(gint fd, GIOCondition cond, gpointer data)
{
	struct client *c = data;
	char buf[65536];
	ssize_t n;

	if (c->dead) {
		c->src_in = 0;          /* nothing more is read from it; the reaper closes it */
		return G_SOURCE_REMOVE;
	}
	n = read(fd, buf, sizeof buf);
	if (n < 0 && (errno == EINTR || errno == EAGAIN))
		return G_SOURCE_CONTINUE;
	if (n <= 0) {
		c->src_in = 0;
		client_drop(c, n == 0 ? "disconnected" : g_strerror(errno));
		return G_SOURCE_REMOVE;
	}
	g_string_append_len(c->in, buf, n);
	for (;;) {
		struct hb_msg *m;
		int used = api_unframe(c->in->str, c->in->len, &m);
		if (used == 0)
			break;
		if (used < 0) {
			log_warn("lrmd: client %d sent a bad frame", c->fd);
			mark_dead(c);
			c->src_in = 0;
			return G_SOURCE_REMOVE;
		}
		g_string_erase(c->in, 0, used);
		if (!m) {
			log_warn("lrmd: client %d sent a message that does not decode", c->fd);
			continue;
		}
		handle(c, m);
		msg_free(m);
		if (c->dead) {
			c->src_in = 0;
			return G_SOURCE_REMOVE;
		}
	}
	flush_out(c);
	return G_SOURCE_CONTINUE;
}

/* Agents run as root: only root, the cluster user (crmd) and our own uid
 * may ask for them, whatever the socket's group lets connect (as 2.x's
 * lrmd, which let root and hacluster in). */
static bool peer_allowed(int fd, uid_t *uid_out)
{
	struct ucred cr;
	socklen_t len = sizeof cr;
	struct passwd *pw;

	if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cr, &len) < 0)
		return false;
	*uid_out = cr.uid;
	if (cr.uid == 0 || cr.uid == geteuid())
		return true;
	pw = getpwnam("hacluster");
	return pw && pw->pw_uid == cr.uid;
}

static gboolean on_accept(gint fd, GIOCondition cond, gpointer data)
{
	int cfd = accept4(fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
	struct client *c;
	uid_t uid = (uid_t)-1;

	if (cfd < 0)
		return G_SOURCE_CONTINUE;
	if (!peer_allowed(cfd, &uid)) {
		log_warn("lrmd: refusing a client of uid %d (only root and hacluster may use lrmd)",
			 (int)uid);
		close(cfd);
		return G_SOURCE_CONTINUE;
	}
	if (nclients >= LRMD_MAX_CLIENTS) {
		log_warn("lrmd: refusing a client: %d connected already", nclients);
		close(cfd);
		return G_SOURCE_CONTINUE;
	}
	c = g_new0(struct client, 1);
	c->fd = cfd;
	c->in = g_string_new(NULL);
	c->out = g_string_new(NULL);
	c->src_in = g_unix_fd_add(cfd, G_IO_IN | G_IO_HUP | G_IO_ERR, on_readable, c);
	clients = g_list_prepend(clients, c);
	nclients++;
	return G_SOURCE_CONTINUE;
}

/* root:haclient when we are root and the group exists; otherwise (tests)
 * the files stay ours. */
static void own(const char *path, mode_t mode)
{
	struct group *g = geteuid() == 0 ? getgrnam("haclient") : NULL;

	if (g && chown(path, 0, g->gr_gid) < 0)
		log_warn("lrmd: chown %s: %s", path, g_strerror(errno));
	chmod(path, mode);
}

int lrmd_ipc_start(const char *path, char *why, size_t whylen)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	char *dir = g_path_get_dirname(path);
	int probe;

	if (strlen(path) >= sizeof sa.sun_path) {
		snprintf(why, whylen, "socket path too long: %s", path);
		g_free(dir);
		return -1;
	}
	strcpy(sa.sun_path, path);
	/* Only a directory we create is made ours: -s may point into any
	 * directory, whose owner and mode are not lrmd's to change. */
	if (access(dir, F_OK) < 0) {
		if (g_mkdir_with_parents(dir, 0750) < 0) {
			snprintf(why, whylen, "cannot create %s: %s", dir, g_strerror(errno));
			g_free(dir);
			return -1;
		}
		own(dir, 0750);
	}
	g_free(dir);
	/* A live lrmd answers on the socket: never steal it from under crmd. */
	probe = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (probe >= 0 && connect(probe, (struct sockaddr *)&sa, sizeof sa) == 0) {
		close(probe);
		snprintf(why, whylen, "another lrmd listens on %s", path);
		return -1;
	}
	if (probe >= 0)
		close(probe);
	unlink(path);
	listen_fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (listen_fd < 0 || bind(listen_fd, (struct sockaddr *)&sa, sizeof sa) < 0 ||
	    listen(listen_fd, 16) < 0) {
		snprintf(why, whylen, "cannot listen on %s: %s", path, g_strerror(errno));
		if (listen_fd >= 0)
			close(listen_fd);
		listen_fd = -1;
		return -1;
	}
	own(path, 0660);
	sock_path = g_strdup(path);
	listen_src = g_unix_fd_add(listen_fd, G_IO_IN, on_accept, NULL);
	return 0;
}

void lrmd_ipc_stop(void)
{
	if (reaper)
		g_source_remove(reaper);
	reaper = 0;
	while (clients)
		client_drop(clients->data, "lrmd stopping");
	if (listen_src)
		g_source_remove(listen_src);
	listen_src = 0;
	if (listen_fd >= 0) {
		close(listen_fd);
		unlink(sock_path);
	}
	listen_fd = -1;
	g_free(sock_path);
	sock_path = NULL;
}
