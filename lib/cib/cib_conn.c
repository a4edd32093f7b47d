/* The connection every tool uses: picks the FILE backend (CIB_file,
 * CIB_shadow) or the LIVE one (the controller's socket) and forwards the
 * calls.  Holds no CIB knowledge of its own. */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "cib/cib_conn.h"

struct cib_conn {
	enum cib_conn_kind kind;
	const struct cib_conn_ops *ops;
	void *st;
	char *path;
};

struct cib_conn *cib_conn_open(const char *client, int *rc, char **err)
{
	const char *file = getenv("CIB_file");
	const char *shadow = getenv("CIB_shadow");
	struct cib_conn *c = g_new0(struct cib_conn, 1);
	*err = NULL;
	if (file && *file) {
		c->path = g_strdup(file);
	} else if (shadow && *shadow) {
		const char *dir = getenv("CIB_shadow_dir");
		c->path = g_strdup_printf("%s/shadow.%s", dir && *dir ? dir : CIB_DEFAULT_DIR, shadow);
	}
	if (c->path) {
		c->kind = CIB_CONN_FILE;
		*rc = cib_conn_file_open(c->path, &c->ops, &c->st, err);
	} else {
		const char *sock = getenv("HA_CIB_SOCKET");
		c->kind = CIB_CONN_LIVE;
		*rc = cib_conn_live_open(sock && *sock ? sock : CIB_LIVE_SOCKET, client, &c->ops, &c->st, err);
	}
	if (*rc != CIB_OK) {
		g_free(c->path);
		g_free(c);
		return NULL;
	}
	return c;
}

struct cib_conn *cib_conn_open_live(const char *client, int *rc, char **err)
{
	struct cib_conn *c = g_new0(struct cib_conn, 1);
	const char *sock = getenv("HA_CIB_SOCKET");
	*err = NULL;
	c->kind = CIB_CONN_LIVE;
	*rc = cib_conn_live_open(sock && *sock ? sock : CIB_LIVE_SOCKET, client, &c->ops, &c->st, err);
	if (*rc != CIB_OK) {
		g_free(c);
		return NULL;
	}
	return c;
}

enum cib_conn_kind cib_conn_kind(const struct cib_conn *c)
{
	return c->kind;
}

const char *cib_conn_path(const struct cib_conn *c)
{
	return c->path;
}

void cib_conn_close(struct cib_conn *c)
{
	if (!c)
		return;
	if (c->ops && c->ops->close)
		c->ops->close(c->st);
	g_free(c->path);
	g_free(c);
}

int cib_conn_query(struct cib_conn *c, xmlDocPtr *doc, char **err)
{
	*err = NULL;
	return c->ops->query(c->st, doc, err);
}

int cib_conn_apply(struct cib_conn *c, const struct cib_req *req, xmlNodePtr *output, char **err)
{
	*err = NULL;
	if (output)
		*output = NULL;
	return c->ops->apply(c->st, req, output, err);
}

xmlDocPtr cib_conn_fetch(const char *prog)
{
	int rc;
	char *err = NULL;
	xmlDocPtr doc = NULL;
	struct cib_conn *c = cib_conn_open(prog, &rc, &err);
	if (c)
		rc = cib_conn_query(c, &doc, &err);
	cib_conn_close(c);
	if (rc != CIB_OK) {
		fprintf(stderr, "Live CIB query failed: %s\n", cib_strerror(rc));
		if (err)
			fprintf(stderr, "%s: %s\n", prog, err);
		g_free(err);
		return NULL;
	}
	return doc;
}

int cib_conn_crmd(struct cib_conn *c, const struct cib_crmd_req *req, xmlNodePtr *reply, char **err)
{
	*err = NULL;
	if (reply)
		*reply = NULL;
	if (!c->ops->crmd)
		return CIB_E_NOTSUPPORTED;
	return c->ops->crmd(c->st, req, reply, err);
}

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int cib_conn_wait(struct cib_conn *c, int timeout_ms)
{
	int fd = c->ops->watch_fd ? c->ops->watch_fd(c->st) : -1;
	long long end = now_ms() + timeout_ms;
	for (;;) {
		long long left = end - now_ms();
		if (left < 0)
			left = 0;
		if (fd >= 0) {
			struct pollfd p = { fd, POLLIN, 0 };
			int r = poll(&p, 1, (int)left);
			if (r < 0 && errno != EINTR)
				return -1;
			if (r > 0) {
				xmlNodePtr diff = NULL;
				int w = c->ops->watch_read(c->st, &diff);
				if (diff)
					xmlFreeNode(diff);
				if (w != 0)
					return w;
			}
		} else {
			/* Poll-only backend: ask a few times a second. */
			int step = left > 200 ? 200 : (int)left;
			if (step > 0)
				poll(NULL, 0, step);
			xmlNodePtr diff = NULL;
			int w = c->ops->watch_read ? c->ops->watch_read(c->st, &diff) : 0;
			if (diff)
				xmlFreeNode(diff);
			if (w != 0)
				return w;
		}
		if (now_ms() >= end)
			return 0;
	}
}
