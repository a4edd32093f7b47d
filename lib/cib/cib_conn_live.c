/* LIVE backend of cib_conn: the local controller's socket (crmd's cib_rw),
 * in the protocol of cib_live_proto.h.  Each call sends one request and
 * waits for its reply, bounded by CIB_LIVE_TIMEOUT_MS (changes go through
 * the DC, so they take a round trip of the cluster).  Change notices use a
 * second connection, opened by the first watch_fd call, so a reply and a
 * notice never interleave on one stream. */
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/un.h>
#include "cib/cib_conn.h"
#include "cib/cib_live_proto.h"

#define CIB_LIVE_TIMEOUT_MS 30000

struct live_st {
	char *path;
	int fd, wfd;
	GString *in, *win;
};

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int connect_to(const char *path, char **err)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	if (strlen(path) >= sizeof sa.sun_path) {
		*err = g_strdup_printf("%s: socket path too long", path);
		return -1;
	}
	strcpy(sa.sun_path, path);
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0 || connect(fd, (struct sockaddr *)&sa, sizeof sa) < 0) {
		*err = g_strdup_printf("%s: %s", path, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	return fd;
}

static int send_all(int fd, const GString *s, char **err)
{
	size_t off = 0;
	while (off < s->len) {
		ssize_t w = send(fd, s->str + off, s->len - off, MSG_NOSIGNAL);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			*err = g_strdup_printf("controller connection: %s", strerror(errno));
			return -1;
		}
		off += (size_t)w;
	}
	return 0;
}

/* The next frame on fd within timeout_ms (-1: for ever): 1 with *doc,
 * 0 timed out, -1 lost or bad. */
static int read_frame(int fd, GString *in, int timeout_ms, xmlDocPtr *doc, char **err)
{
	long long end = timeout_ms < 0 ? -1 : now_ms() + timeout_ms;
	for (;;) {
		char *perr = NULL;
		long used = cib_live_unframe(in->str, in->len, doc, &perr);
		if (used < 0) {
			*err = g_strdup_printf("controller sent a bad frame: %s", perr ? perr : "?");
			g_free(perr);
			return -1;
		}
		if (used > 0) {
			g_string_erase(in, 0, used);
			return 1;
		}
		int left = end < 0 ? -1 : (int)(end - now_ms());
		if (end >= 0 && left <= 0)
			return 0;
		struct pollfd p = { fd, POLLIN, 0 };
		int r = poll(&p, 1, left);
		if (r < 0 && errno == EINTR)
			continue;
		if (r == 0)
			return 0;
		char buf[65536];
		ssize_t n = r > 0 ? recv(fd, buf, sizeof buf, 0) : -1;
		if (n <= 0) {
			*err = g_strdup("the controller closed the connection");
			return -1;
		}
		g_string_append_len(in, buf, n);
	}
}

/* One request, its reply: rc from the reply, *out its first element child
 * (copied), *err its err attribute. */
static int roundtrip(struct live_st *s, xmlNodePtr req, xmlNodePtr *out, char **err)
{
	GString *f = g_string_new(NULL);
	cib_live_frame(f, req);
	int rc = send_all(s->fd, f, err);
	g_string_free(f, TRUE);
	if (rc < 0)
		return CIB_E_CONNECTION;
	xmlDocPtr doc = NULL;
	int r = read_frame(s->fd, s->in, CIB_LIVE_TIMEOUT_MS, &doc, err);
	if (r == 0) {
		*err = g_strdup_printf("no answer from the controller within %d s", CIB_LIVE_TIMEOUT_MS / 1000);
		return CIB_E_CONNECTION;
	}
	if (r < 0)
		return CIB_E_CONNECTION;
	xmlNodePtr root = xmlDocGetRootElement(doc);
	const char *rcs = cib_xml_attr(root, "rc"), *e = cib_xml_attr(root, "err");
	rc = rcs ? atoi(rcs) : CIB_E_OPERATION;
	if (e && *e && !*err)
		*err = g_strdup(e);
	if (out) {
		*out = NULL;
		for (xmlNodePtr c = root->children; c; c = c->next)
			if (c->type == XML_ELEMENT_NODE) {
				*out = xmlCopyNode(c, 1);
				break;
			}
	}
	xmlFreeDoc(doc);
	return rc;
}

static xmlNodePtr new_req(const char *op)
{
	xmlNodePtr n = xmlNewNode(NULL, (const xmlChar *)"cib_request");
	xmlSetProp(n, (const xmlChar *)"op", (const xmlChar *)op);
	return n;
}

static void set(xmlNodePtr n, const char *name, const char *v)
{
	if (v)
		xmlSetProp(n, (const xmlChar *)name, (const xmlChar *)v);
}

static int live_query(void *st, xmlDocPtr *doc, char **err)
{
	xmlNodePtr req = new_req("query"), out = NULL;
	int rc = roundtrip(st, req, &out, err);
	xmlFreeNode(req);
	*doc = NULL;
	if (rc == CIB_OK && !out) {
		*err = g_strdup("the controller answered without a CIB");
		return CIB_E_MISSING;
	}
	if (out) {
		*doc = xmlNewDoc((const xmlChar *)"1.0");
		xmlDocSetRootElement(*doc, out);
	}
	return rc;
}

static int live_apply(void *st, const struct cib_req *r, xmlNodePtr *output, char **err)
{
	xmlNodePtr req = new_req("apply"), out = NULL;
	char flags[16];
	snprintf(flags, sizeof flags, "%d", r->flags);
	set(req, "opcode", cib_live_opname(r->op));
	set(req, "section", r->section);
	set(req, "xpath", r->xpath);
	set(req, "flags", flags);
	if (r->data)
		xmlAddChild(req, xmlCopyNode(r->data, 1));
	int rc = roundtrip(st, req, &out, err);
	xmlFreeNode(req);
	if (output)
		*output = out;
	else if (out)
		xmlFreeNode(out);
	return rc;
}

static int live_crmd(void *st, const struct cib_crmd_req *r, xmlNodePtr *reply, char **err)
{
	xmlNodePtr req = new_req("crmd"), out = NULL;
	set(req, "crmd_op", r->op);
	set(req, "node", r->node);
	set(req, "rsc", r->rsc);
	set(req, "name", r->name);
	set(req, "value", r->value);
	if (r->dampen_ms) {
		char d[32];
		snprintf(d, sizeof d, "%u", r->dampen_ms);
		set(req, "dampen", d);
	}
	int rc = roundtrip(st, req, &out, err);
	xmlFreeNode(req);
	if (reply)
		*reply = out;
	else if (out)
		xmlFreeNode(out);
	return rc;
}

static int live_watch_fd(void *st)
{
	struct live_st *s = st;
	if (s->wfd >= 0)
		return s->wfd;
	char *err = NULL;
	int fd = connect_to(s->path, &err);
	g_free(err);
	if (fd < 0)
		return -1;
	struct live_st w = { s->path, fd, -1, s->win, NULL };
	xmlNodePtr req = new_req("watch");
	err = NULL;
	int rc = roundtrip(&w, req, NULL, &err);
	xmlFreeNode(req);
	g_free(err);
	if (rc != CIB_OK) {
		close(fd);
		return -1;
	}
	s->wfd = fd;
	return fd;
}

static int live_watch_read(void *st, xmlNodePtr *diff)
{
	struct live_st *s = st;
	*diff = NULL;
	if (s->wfd < 0)
		return live_watch_fd(st) < 0 ? -1 : 0;
	xmlDocPtr doc = NULL;
	char *err = NULL;
	int r = read_frame(s->wfd, s->win, 0, &doc, &err);
	g_free(err);
	if (r <= 0)
		return r;
	xmlNodePtr root = xmlDocGetRootElement(doc);
	for (xmlNodePtr c = root->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE) {
			*diff = xmlCopyNode(c, 1);
			break;
		}
	xmlFreeDoc(doc);
	return 1;
}

static void live_close(void *st)
{
	struct live_st *s = st;
	if (s->fd >= 0)
		close(s->fd);
	if (s->wfd >= 0)
		close(s->wfd);
	g_string_free(s->in, TRUE);
	g_string_free(s->win, TRUE);
	g_free(s->path);
	g_free(s);
}

static const struct cib_conn_ops live_ops = {
	live_query, live_apply, live_watch_fd, live_watch_read, live_crmd, live_close,
};

int cib_conn_live_open(const char *socket_path, const char *client,
		       const struct cib_conn_ops **ops, void **st, char **err)
{
	(void)client;
	*ops = NULL;
	*st = NULL;
	int fd = connect_to(socket_path, err);
	if (fd < 0)
		return CIB_E_CONNECTION;
	struct live_st *s = g_new0(struct live_st, 1);
	s->path = g_strdup(socket_path);
	s->fd = fd;
	s->wfd = -1;
	s->in = g_string_new(NULL);
	s->win = g_string_new(NULL);
	*ops = &live_ops;
	*st = s;
	return CIB_OK;
}
