/* The live CIB socket (cib_rw): the server side of lib/cib's LIVE backend,
 * protocol in lib/cib/cib_live_proto.h.  Queries are answered from the
 * local replica; changes go through cibreq (to the DC); controller
 * requests are answered here.  One request per connection at a time, so
 * replies keep request order.  Access: root and the haclient group (the
 * socket is 0660 root:haclient in a 0750 directory). */
#include <errno.h>
#include <grp.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <glib-unix.h>
#include "crmd.h"
#include "cib/cib_conn.h"
#include "cib/cib_live_proto.h"

struct conn {
	unsigned long id;
	int fd;
	guint in_src, out_src;
	GString *in, *out;
	bool busy, watch, closing;
};

static int listen_fd = -1;
static guint listen_src;
static char *sock_path;
static GHashTable *conns;      /* id -> struct conn */
static unsigned long next_id = 1;

static void conn_free(struct conn *c)
{
	if (c->in_src)
		g_source_remove(c->in_src);
	if (c->out_src)
		g_source_remove(c->out_src);
	close(c->fd);
	g_string_free(c->in, TRUE);
	g_string_free(c->out, TRUE);
	g_free(c);
}

static void conn_drop(struct conn *c)
{
	g_hash_table_remove(conns, &c->id);   /* frees it */
}

static gboolean on_writable(gint fd, GIOCondition cond, gpointer data)
{
	struct conn *c = data;
	while (c->out->len) {
		ssize_t w = send(fd, c->out->str, c->out->len, MSG_NOSIGNAL | MSG_DONTWAIT);
		if (w < 0 && errno == EAGAIN)
			return G_SOURCE_CONTINUE;
		if (w <= 0) {
			c->out_src = 0;
			conn_drop(c);
			return G_SOURCE_REMOVE;
		}
		g_string_erase(c->out, 0, w);
	}
	c->out_src = 0;
	return G_SOURCE_REMOVE;
}

static void conn_send(struct conn *c, xmlNodePtr n)
{
	/* a watcher that does not read gets cut off rather than grow us */
	if (c->out->len > CIB_LIVE_MAX_FRAME) {
		crm_warn("crmd: CIB client on fd %d does not read its notices: dropping it", c->fd);
		conn_drop(c);
		return;
	}
	cib_live_frame(c->out, n);
	if (!c->out_src)
		c->out_src = g_unix_fd_add(c->fd, G_IO_OUT, on_writable, c);
}

static void reply(struct conn *c, int rc, const char *err, xmlNodePtr child)
{
	xmlNodePtr r = xmlNewNode(NULL, (const xmlChar *)"cib_reply");
	char buf[16];
	snprintf(buf, sizeof buf, "%d", rc);
	xmlSetProp(r, (const xmlChar *)"rc", (const xmlChar *)buf);
	if (err)
		xmlSetProp(r, (const xmlChar *)"err", (const xmlChar *)err);
	if (child)
		xmlAddChild(r, xmlCopyNode(child, 1));
	conn_send(c, r);
	xmlFreeNode(r);
}

static void process_frames(struct conn *c);

static void apply_done(void *data, int rc, xmlNodePtr output, const char *err)
{
	unsigned long id = GPOINTER_TO_SIZE(data);
	struct conn *c = g_hash_table_lookup(conns, &id);
	if (!c)
		return;   /* the tool went away meanwhile */
	reply(c, rc, err, output);
	c->busy = false;
	process_frames(c);
}

static void do_crmd(struct conn *c, xmlNodePtr req)
{
	const char *op = cib_xml_attr(req, "crmd_op");
	if (!op) {
		reply(c, CIB_E_MISSING_FIELD, "controller request without crmd_op", NULL);
		return;
	}
	if (!strcmp(op, "dc_query")) {
		xmlNodePtr n = xmlNewNode(NULL, (const xmlChar *)"dc");
		if (crmd.dc)
			xmlSetProp(n, (const xmlChar *)"uname", (const xmlChar *)crmd.dc);
		reply(c, CIB_OK, NULL, n);
		xmlFreeNode(n);
	} else if (!strcmp(op, "attr_update") || !strcmp(op, "attr_delete")) {
		const char *d = cib_xml_attr(req, "dampen"), *v = cib_xml_attr(req, "value"), *why = NULL;
		if (!strcmp(op, "attr_update") && !v)
			why = "attr_update without a value";
		else
			why = attrd_update(cib_xml_attr(req, "node"), cib_xml_attr(req, "name"),
					   !strcmp(op, "attr_update") ? v : NULL, d ? (unsigned)strtoul(d, NULL, 10) : 0);
		reply(c, why ? CIB_E_INVALID_ARG : CIB_OK, why, NULL);
	} else if (!strcmp(op, "stats")) {
		xmlNodePtr n = xmlNewNode(NULL, (const xmlChar *)"crmd_stats");
		char buf[64];
		snprintf(buf, sizeof buf, "%lu", crmd.stats.complete);
		xmlSetProp(n, (const xmlChar *)"transitions_complete", (const xmlChar *)buf);
		snprintf(buf, sizeof buf, "%lu", crmd.stats.aborted);
		xmlSetProp(n, (const xmlChar *)"transitions_aborted", (const xmlChar *)buf);
		snprintf(buf, sizeof buf, "%.3f", crmd.stats.seconds);
		xmlSetProp(n, (const xmlChar *)"transition_seconds", (const xmlChar *)buf);
		snprintf(buf, sizeof buf, "%lu", crmd.stats.dc_changes);
		xmlSetProp(n, (const xmlChar *)"dc_changes", (const xmlChar *)buf);
		reply(c, CIB_OK, NULL, n);
		xmlFreeNode(n);
	} else if (!strcmp(op, "node_status")) {
		static const char *const names[] = { "S_STARTING", "S_ELECTION", "S_NOT_DC", "S_IDLE" };
		xmlNodePtr n = xmlNewNode(NULL, (const xmlChar *)"ping");
		xmlSetProp(n, (const xmlChar *)"crm_subsystem", (const xmlChar *)"crmd");
		xmlSetProp(n, (const xmlChar *)"crmd_state",
			   (const xmlChar *)(crm_is_dc() && te_busy() ? "S_TRANSITION_ENGINE" : names[crmd.state]));
		xmlSetProp(n, (const xmlChar *)"result", (const xmlChar *)"ok");
		reply(c, CIB_OK, NULL, n);
		xmlFreeNode(n);
	} else if (!strcmp(op, "lrm_delete") || !strcmp(op, "reprobe") || !strcmp(op, "lrm_refresh")) {
		/* cleanup: forget the history (and fail-count) so the DC re-probes */
		struct cib_req r = { CIB_REQ_DELETE, "status", NULL, NULL, CIB_F_MULTIPLE };
		const char *node = cib_xml_attr(req, "node"), *rsc = cib_xml_attr(req, "rsc");
		if (!node || !rsc || strchr(node, '\'') || strchr(rsc, '\'')) {
			reply(c, CIB_OK, NULL, NULL);
			return;
		}
		char *xp = g_strdup_printf("/cib/status/node_state[@uname='%s']/lrm/lrm_resources/lrm_resource[@id='%s']"
					   " | /cib/status/node_state[@uname='%s']/transient_attributes//nvpair"
					   "[@name='fail-count-%s' or @name='last-failure-%s']",
					   node, rsc, node, rsc, rsc);
		r.xpath = xp;
		struct hb_msg *f = crm_msg_new(CRM_T_FORGET);
		msg_add(f, "node", node);
		msg_add(f, "rsc", rsc);
		if (!strcmp(node, crmd.me)) {
			lrm_local_on_forget(f);
			msg_free(f);
		} else {
			crm_send(f, node);
		}
		c->busy = true;
		cibreq_submit(&r, apply_done, GSIZE_TO_POINTER(c->id));
		g_free(xp);
	} else {
		reply(c, CIB_E_NOTSUPPORTED, "this controller request is not supported", NULL);
	}
}

static void do_request(struct conn *c, xmlNodePtr req)
{
	const char *op = cib_xml_attr(req, "op");
	if (!op) {
		reply(c, CIB_E_MISSING_FIELD, "request without op", NULL);
	} else if (!strcmp(op, "query")) {
		reply(c, CIB_OK, NULL, xmlDocGetRootElement(crmd.cib));
	} else if (!strcmp(op, "watch")) {
		c->watch = true;
		reply(c, CIB_OK, NULL, NULL);
	} else if (!strcmp(op, "crmd")) {
		do_crmd(c, req);
	} else if (!strcmp(op, "apply")) {
		int code = cib_live_opcode(cib_xml_attr(req, "opcode"));
		if (code < 0) {
			reply(c, CIB_E_OPERATION, "unknown opcode", NULL);
			return;
		}
		const char *fl = cib_xml_attr(req, "flags");
		struct cib_req r = { (enum cib_opcode)code, cib_xml_attr(req, "section"), cib_xml_attr(req, "xpath"),
				     NULL, fl ? atoi(fl) : 0 };
		for (xmlNodePtr ch = req->children; ch; ch = ch->next)
			if (ch->type == XML_ELEMENT_NODE) {
				r.data = ch;
				break;
			}
		if (r.op == CIB_REQ_QUERY) {
			xmlNodePtr out = NULL;
			char *reason = NULL;
			xmlDocPtr unchanged = NULL;
			int rc = cib_doc_process(crmd.cib, &r, &unchanged, &out, &reason);
			if (unchanged)
				xmlFreeDoc(unchanged);
			reply(c, rc, reason, out);
			if (out)
				xmlFreeNode(out);
			g_free(reason);
			return;
		}
		c->busy = true;
		cibreq_submit(&r, apply_done, GSIZE_TO_POINTER(c->id));
	} else {
		reply(c, CIB_E_OPERATION, "unknown request", NULL);
	}
}

static void process_frames(struct conn *c)
{
	while (!c->busy && c->in->len) {
		xmlDocPtr doc = NULL;
		char *err = NULL;
		long used = cib_live_unframe(c->in->str, c->in->len, &doc, &err);
		if (used == 0)
			return;
		if (used < 0) {
			crm_warn("crmd: CIB client on fd %d: %s: dropping it", c->fd, err ? err : "bad frame");
			g_free(err);
			conn_drop(c);
			return;
		}
		g_string_erase(c->in, 0, used);
		do_request(c, xmlDocGetRootElement(doc));
		xmlFreeDoc(doc);
	}
}

static gboolean on_readable(gint fd, GIOCondition cond, gpointer data)
{
	struct conn *c = data;
	char buf[65536];
	ssize_t n = recv(fd, buf, sizeof buf, MSG_DONTWAIT);
	if (n < 0 && (errno == EAGAIN || errno == EINTR))
		return G_SOURCE_CONTINUE;
	if (n <= 0) {
		c->in_src = 0;
		conn_drop(c);
		return G_SOURCE_REMOVE;
	}
	if (c->in->len + (size_t)n > CIB_LIVE_MAX_FRAME + 4) {
		crm_warn("crmd: CIB client on fd %d sends too much: dropping it", fd);
		c->in_src = 0;
		conn_drop(c);
		return G_SOURCE_REMOVE;
	}
	g_string_append_len(c->in, buf, n);
	process_frames(c);
	return G_SOURCE_CONTINUE;
}

static gboolean on_accept(gint fd, GIOCondition cond, gpointer data)
{
	int cfd = accept4(fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
	if (cfd < 0)
		return G_SOURCE_CONTINUE;
	struct conn *c = g_new0(struct conn, 1);
	c->id = next_id++;
	c->fd = cfd;
	c->in = g_string_new(NULL);
	c->out = g_string_new(NULL);
	c->in_src = g_unix_fd_add(cfd, G_IO_IN | G_IO_HUP | G_IO_ERR, on_readable, c);
	g_hash_table_insert(conns, &c->id, c);
	return G_SOURCE_CONTINUE;
}

int ipc_start(void)
{
	const char *env = getenv("HA_CIB_SOCKET");
	sock_path = g_strdup(env && *env ? env : CIB_LIVE_SOCKET);
	conns = g_hash_table_new_full(g_int64_hash, g_int64_equal, NULL, (GDestroyNotify)conn_free);
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	if (strlen(sock_path) >= sizeof sa.sun_path) {
		crm_err("crmd: %s: socket path too long", sock_path);
		return -1;
	}
	strcpy(sa.sun_path, sock_path);
	unlink(sock_path);
	listen_fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	mode_t old = umask(0117);
	int rc = listen_fd < 0 ? -1 : bind(listen_fd, (struct sockaddr *)&sa, sizeof sa);
	umask(old);
	if (rc < 0 || listen(listen_fd, 32) < 0) {
		crm_err("crmd: cannot listen on %s: %s", sock_path, strerror(errno));
		return -1;
	}
	struct group *g = getgrnam("haclient");
	if (g && chown(sock_path, (uid_t)-1, g->gr_gid) < 0)
		crm_debug("crmd: chown %s: %s", sock_path, strerror(errno));
	listen_src = g_unix_fd_add(listen_fd, G_IO_IN, on_accept, NULL);
	crm_info("crmd: CIB socket %s", sock_path);
	return 0;
}

void ipc_stop(void)
{
	if (listen_fd < 0)
		return;
	g_source_remove(listen_src);
	close(listen_fd);
	unlink(sock_path);
	listen_fd = -1;
	g_hash_table_destroy(conns);
}

void ipc_notify(xmlNodePtr diff)
{
	if (!conns)
		return;
	xmlNodePtr n = xmlNewNode(NULL, (const xmlChar *)"cib_notify");
	xmlAddChild(n, xmlCopyNode(diff, 1));
	GList *l = g_hash_table_get_values(conns);
	for (GList *i = l; i; i = i->next) {
		struct conn *c = i->data;
		if (c->watch)
			conn_send(c, n);
	}
	g_list_free(l);
	xmlFreeNode(n);
}
