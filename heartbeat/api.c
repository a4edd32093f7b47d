/* The client API: the unix socket /run/heartbeat/register that cl_status,
 * hb_standby and the v2 tools use.  Framing and messages as libhbclient
 * speaks them (8-byte header: int32 length, uint32 0xabcd; classic text body),
 * sign-on with SO_PEERCRED checks and apiauth, and the query requests. */
#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>
#include <glib-unix.h>
#include "api_proto.h"
#include "json.h"
#include "daemon.h"
#include "log.h"
#include "clock.h"
#include "rsc.h"
#include "events.h"
#include "routes.h"
#include "timer.h"
#include "crm_children.h"
#include "config.h"

/* The socket is mode 0777: any local user may connect, so everything a
 * client can make us hold is capped.  A client that stops reading is
 * dropped when its queue passes API_MAX_OUTQ, or when all clients' queues
 * together pass API_MAX_OUTQ_ALL (a few slow readers cannot add up to a
 * daemon that no longer fits its locked memory: with "realtime on" and an
 * 8 MiB RLIMIT_MEMLOCK, an allocation over the limit would abort). */
#define API_MAX_OUTQ (256 * 1024)
#define API_MAX_OUTQ_ALL (512 * 1024)
/* The CRM children we started are not "any local user": the DC's crmd busy
 * committing a large transition is sent every peer's results meanwhile
 * (257 KiB measured at 32 nodes x 100 resources), and dropping it reboots
 * the node.  They get a queue of their own, outside the shared cap: at most
 * a handful of them, each bounded, so memory stays bounded.  Under a
 * locked-memory limit the queue is cut to a quarter of it (api_memlock). */
#define API_MAX_OUTQ_CRM (32 * 1024 * 1024)
#define API_MAX_INQ_ALL (512 * 1024)    /* unprocessed input of all clients */
#define API_KEEP_BUF (64 * 1024)        /* a drained buffer bigger than this is given back */
#define API_MAX_PENDING 16      /* connected, not yet signed on */
#define API_MAX_CLIENTS 64      /* all connections */
#define API_SIGNON_MS 5000      /* sign-on deadline after connecting */
#define API_MAX_SIGNON_BYTES 4096
#define API_ACCEPT_PAUSE_MS 500 /* out of fds: stop accepting this long */

struct api_client {
	int fd;
	guint in_src, out_src;
	GString *in, *out;
	bool signed_on;
	bool casual;
	bool crm_child;          /* one of our CRM children: its own output cap */
	bool doomed;             /* shut down, waiting for its read watch to free it */
	struct timer signon_deadline;
	pid_t pid;
	uid_t uid;
	gid_t gid;
	char id[64];
	unsigned fmask;
	int signal;
	struct api_client *next;
};

static int listen_fd = -1;
static guint listen_src;
static char sock_path[4096];
static struct api_client *clients;
static unsigned long client_gen;
static size_t outq_all;          /* bytes queued to all clients but CRM children */
static size_t outq_crm_cap = API_MAX_OUTQ_CRM;
static size_t inq_all;           /* bytes received, not yet a whole message */
static struct timer accept_pause;
static uint64_t last_refusal_log_ms;

/* apiauth resolved to numbers when the configuration is loaded
 * (api_config): sign-on runs on the heartbeat path, where a user or group
 * lookup could wait on NSS (LDAP, NIS) for as long as it likes. */
struct auth_rule {
	char *client;
	GArray *uids, *gids;     /* of guint */
};
static GPtrArray *auth_table;

static void client_drop(struct api_client *c, const char *why);

/* The shared cap counts every client but our CRM children. */
static void outq_less(const struct api_client *c, size_t n)
{
	if (!c->crm_child)
		outq_all -= n;
}

static bool outq_fits(const struct api_client *c, size_t n)
{
	if (c->crm_child)
		return c->out->len + n <= outq_crm_cap;
	return c->out->len + n <= API_MAX_OUTQ && outq_all + n <= API_MAX_OUTQ_ALL;
}

void api_memlock(size_t limit)
{
	outq_crm_cap = limit / 4 > API_MAX_OUTQ ? limit / 4 : API_MAX_OUTQ;
	if (outq_crm_cap > API_MAX_OUTQ_CRM)
		outq_crm_cap = API_MAX_OUTQ_CRM;
}

/* Write what is queued.  Returns -1 when the connection is broken; the
 * caller decides whether it may drop the client now. */
static int flush_out(struct api_client *c)
{
	while (c->out->len > 0) {
		ssize_t n = send(c->fd, c->out->str, c->out->len, MSG_DONTWAIT | MSG_NOSIGNAL);

		if (n < 0)
			return errno == EAGAIN || errno == EINTR ? 0 : -1;
		g_string_erase(c->out, 0, n);
		outq_less(c, (size_t)n);
	}
	return 0;
}

/* A GString keeps its largest size: a drained one that once held a big
 * message is given back, so idle clients cost little. */
static void shrink(GString **b)
{
	if ((*b)->len == 0 && (*b)->allocated_len > API_KEEP_BUF) {
		g_string_free(*b, TRUE);
		*b = g_string_new(NULL);
	}
}

static gboolean on_writable(gint fd, GIOCondition cond, gpointer data)
{
	struct api_client *c = data;

	if (flush_out(c) < 0) {
		c->out_src = 0;
		client_drop(c, "write failed");
		return G_SOURCE_REMOVE;
	}
	if (c->out->len > 0)
		return G_SOURCE_CONTINUE;
	shrink(&c->out);
	c->out_src = 0;
	return G_SOURCE_REMOVE;
}

/* Stop serving c: the read watch sees the shutdown and frees it (freeing
 * here would pull the client out from under our caller).  What it has
 * queued is released at once, so the memory cap holds. */
static void client_doom(struct api_client *c)
{
	c->doomed = true;
	shutdown(c->fd, SHUT_RDWR);
	outq_less(c, c->out->len);
	g_string_truncate(c->out, 0);
	if (c->out_src) {
		g_source_remove(c->out_src);
		c->out_src = 0;
	}
}

static void queue_out(struct api_client *c, const struct hb_msg *m)
{
	GString *body;

	if (c->doomed)
		return;
	body = g_string_new(NULL);
	if (api_frame_msg(m, body) < 0) {
		g_string_free(body, TRUE);
		return;
	}
	if (!outq_fits(c, body->len)) {
		g_string_free(body, TRUE);
		log_warn("API client %s (pid %d) is not reading (%zu bytes queued): dropping it",
			 c->id, (int)c->pid, c->out->len);
		client_doom(c);
		return;
	}
	g_string_append_len(c->out, body->str, body->len);
	if (!c->crm_child)
		outq_all += body->len;
	g_string_free(body, TRUE);
	if (flush_out(c) < 0)
		client_doom(c);
	else if (c->out->len > 0 && !c->out_src)
		c->out_src = g_unix_fd_add(c->fd, G_IO_OUT, on_writable, c);
	if (c->signal > 0 && c->pid > 0)
		kill(c->pid, c->signal);
}

/* Named clients' comings and goings, told to same-named clients cluster-wide
 * (the peer's ipfail waits for ours this way). */
static void send_clstat(const struct api_client *c, const char *st, const char *info)
{
	struct hb_msg *m;

	if (c->casual || !c->id[0] || !hb.comm_up)
		return;
	m = msg_new();
	msg_add(m, "t", "hbapi-clstat");
	msg_add(m, "st", st);
	msg_add(m, "from_id", c->id);
	msg_add(m, "to_id", c->id);
	msg_add(m, "src", hb.localname);
	msg_add(m, "info", info);
	msg_addf(m, "client_gen", "%lu", client_gen);
	transport_send(m, true);
}

static void client_drop(struct api_client *c, const char *why)
{
	struct api_client **pp;

	for (pp = &clients; *pp; pp = &(*pp)->next) {
		if (*pp == c) {
			*pp = c->next;
			break;
		}
	}
	log_debug("API client %s (pid %d) removed: %s", c->id, (int)c->pid, why);
	if (c->signed_on && !hb.shutting_down)
		send_clstat(c, "leave", why);
	if (c->in_src)
		g_source_remove(c->in_src);
	if (c->out_src)
		g_source_remove(c->out_src);
	timer_stop(&c->signon_deadline);
	outq_less(c, c->out->len);
	inq_all -= c->in->len;
	close(c->fd);
	g_string_free(c->in, TRUE);
	g_string_free(c->out, TRUE);
	g_free(c);
}

static struct hb_msg *reply_for(const char *reqtype)
{
	struct hb_msg *r = msg_new();

	msg_add(r, "t", "hbapi-resp");
	msg_add(r, "reqtype", reqtype);
	return r;
}

/* One apiauth list ("root,hacluster" or "0,haclient") as numbers.  A name
 * that does not resolve now is left out and said once: it cannot sign on. */
static GArray *resolve_list(const char *client, const char *list, bool is_gid)
{
	GArray *a = g_array_new(FALSE, FALSE, sizeof(guint));
	char **items;
	int i;

	if (!list)
		return a;
	items = g_strsplit(list, ",", -1);
	for (i = 0; items[i]; i++) {
		char *end, *name = g_strstrip(items[i]);
		unsigned long v = strtoul(name, &end, 10);
		guint id;

		if (!*name)
			continue;
		if (!*end) {
			id = (guint)v;
		} else if (is_gid) {
			struct group *g = getgrnam(name);

			if (!g) {
				log_warn("apiauth %s: no such group %s", client, name);
				continue;
			}
			id = g->gr_gid;
		} else {
			struct passwd *p = getpwnam(name);

			if (!p) {
				log_warn("apiauth %s: no such user %s", client, name);
				continue;
			}
			id = p->pw_uid;
		}
		g_array_append_val(a, id);
	}
	g_strfreev(items);
	return a;
}

static void auth_entry_free(gpointer p)
{
	struct auth_rule *e = p;

	g_free(e->client);
	g_array_free(e->uids, TRUE);
	g_array_free(e->gids, TRUE);
	g_free(e);
}

static void auth_add(const char *client, const char *uids, const char *gids)
{
	struct auth_rule *e;
	guint i;

	for (i = 0; i < auth_table->len; i++)
		if (strcmp(((struct auth_rule *)auth_table->pdata[i])->client, client) == 0)
			return;          /* the first (ha.cf's own) entry wins */
	e = g_new0(struct auth_rule, 1);
	e->client = g_strdup(client);
	e->uids = resolve_list(client, uids, false);
	e->gids = resolve_list(client, gids, true);
	g_ptr_array_add(auth_table, e);
}

void api_config(const struct hb_config *cf)
{
	/* The original's built-in entries, for clients ha.cf does not name. */
	static const char *const builtin[][3] = {
		{ "ipfail", "hacluster", NULL }, { "ccm", "hacluster", NULL },
		{ "ping", NULL, "haclient" }, { "lha-snmpagent", "root", NULL },
		{ "anon", "root", "haclient" },
	};
	int i;

	if (auth_table)
		g_ptr_array_free(auth_table, TRUE);
	auth_table = g_ptr_array_new_with_free_func(auth_entry_free);
	/* the last ha.cf line for a client is the one that counts */
	for (i = cf->napiauth - 1; i >= 0; i--)
		auth_add(cf->apiauth[i].client, cf->apiauth[i].uids, cf->apiauth[i].gids);
	for (i = 0; i < (int)(sizeof builtin / sizeof builtin[0]); i++)
		auth_add(builtin[i][0], builtin[i][1], builtin[i][2]);
	/* With crm on, the original adds implicit apiauth lines for the CRM's
	 * clients: the cluster user's (crmd, cib, attrd) and root's. */
	static const char *const crm_builtin[][2] = {
		{ "crmd", HA_CLUSTER_USER }, { "cib", HA_CLUSTER_USER }, { "attrd", HA_CLUSTER_USER },
		{ "stonithd", "root" }, { "pingd", "root" },
	};
	for (i = 0; cf->crm && i < (int)(sizeof crm_builtin / sizeof crm_builtin[0]); i++)
		auth_add(crm_builtin[i][0], crm_builtin[i][1], NULL);
}

static bool id_in(const GArray *a, guint id)
{
	guint i;

	for (i = 0; i < a->len; i++)
		if (g_array_index(a, guint, i) == id)
			return true;
	return false;
}

/* apiauth: uid in the uid list or gid in the gid list; a client without an
 * entry of its own goes by "default", and without that it is refused. */
static bool authorized(const char *client, uid_t uid, gid_t gid)
{
	guint i;

	if (!auth_table)
		api_config(hb.cf);
	for (i = 0; i < auth_table->len; i++) {
		const struct auth_rule *e = auth_table->pdata[i];

		if (strcmp(e->client, client) == 0)
			return id_in(e->uids, uid) || id_in(e->gids, gid);
	}
	return strcmp(client, "default") != 0 && authorized("default", uid, gid);
}

static void do_signon(struct api_client *c, const struct hb_msg *m)
{
	struct hb_msg *r = reply_for("signon");
	struct ucred cred;
	socklen_t len = sizeof cred;
	long pid = 0, uid = -1, gid = -1;
	const char *from = msg_get(m, "from_id");
	const char *why = NULL;

	msg_get_dec(m, "pid", &pid);
	msg_get_dec(m, "uid", &uid);
	msg_get_dec(m, "gid", &gid);
	c->casual = !from || strtol(from, NULL, 10) == pid;
	snprintf(c->id, sizeof c->id, "%s", from ? from : "");
	if (!c->casual) {
		struct api_client *o;
		for (o = clients; o; o = o->next)
			if (o != c && o->signed_on && strcmp(o->id, c->id) == 0)
				why = "duplicate add request";
	}
	client_gen++;
	if (getsockopt(c->fd, SOL_SOCKET, SO_PEERCRED, &cred, &len) < 0)
		why = "cannot read peer credentials";
	else if (pid <= 0 || uid < 0 || gid < 0)
		why = "missing pid/uid/gid";
	else if ((long)cred.uid != uid || (long)cred.gid != gid)
		why = "incorrect/false credentials";
	else if (!c->casual && (strcmp(c->id, "anon") == 0 || strcmp(c->id, "default") == 0))
		why = "reserved client name";
	else if (!authorized(c->casual ? "anon" : c->id, cred.uid, cred.gid))
		why = "client failed authorization";
	else if ((long)cred.pid != pid)
		why = "pid mismatch";
	if (why)
		msg_add(r, "info", why);
	msg_add(r, "result", why ? "badreq" : "OK");
	msg_addf(r, "deadtime", "%x", hb.cf->deadtime_ms);
	msg_addf(r, "keepalive", "%x", hb.cf->keepalive_ms);
	msg_add(r, "node", hb.localname);
	msg_add(r, "hbversion", HB_VERSION " (heartbeat-ng)");
	msg_add(r, "pacemaker", hb.cf->crm ? "true" : "false");
	msg_addf(r, "logfacility", "%d", hb.cf->logfacility);
	queue_out(c, r);
	msg_free(r);
	if (why) {
		log_warn("API client signon refused (pid %ld, id %s): %s", pid, c->id, why);
		shutdown(c->fd, SHUT_RD);
		return;
	}
	/* The sign-on reply may still be queued: it moves to the CRM budget. */
	if (crm_child_pid(cred.pid)) {
		outq_less(c, c->out->len);
		c->crm_child = true;
	}
	c->signed_on = true;
	timer_stop(&c->signon_deadline);
	c->pid = (pid_t)pid;
	c->uid = cred.uid;
	c->gid = cred.gid;
	c->fmask = 0x01;
	send_clstat(c, "join", "signon");
}

static const char *node_type_name(const struct hb_node *n)
{
	return n->type == NODE_PING ? "ping" : "normal";
}

static int req_node(const struct hb_msg *m)
{
	const char *name = msg_get(m, "node");

	return name ? node_find(name) : -1;
}

/* Everything an operator needs to see the cluster's health in one answer. */
static char *status_json(void)
{
	GString *s = g_string_new("{");
	uint64_t now = clock_ms();
	int i, j;

	g_string_append(s, "\"node\":");
	json_str(s, hb.localname);
	g_string_append_printf(s, ",\"status\":\"%s\",\"generation\":%lu,\"seq\":%lu,\"nodes\":[",
			       status_word(hb.status), hb.generation, hb.seq);
	for (i = 0; i < hb.nnodes; i++) {
		struct hb_node *n = &hb.nodes[i];

		if (n->type == NODE_DELETED)
			continue;

		g_string_append(s, i ? ",{\"name\":" : "{\"name\":");
		json_str(s, n->name);
		g_string_append_printf(s, ",\"type\":\"%s\",\"status\":", node_type_name(n));
		json_str(s, node_status_name(n));
		if (n->heard || i == hb.local)
			g_string_append_printf(s, ",\"last_heard_ms\":%llu",
					       (unsigned long long)(now - n->last_ms));
		else
			g_string_append(s, ",\"last_heard_ms\":null");
		g_string_append_printf(s, ",\"max_gap_ms\":%llu,\"packets\":%lu,\"generation\":%lu,\"deadtime_ms\":%u,\"links\":[",
				       (unsigned long long)n->max_gap_ms,
				       i == hb.local ? hb.seq : n->packets,
				       i == hb.local ? hb.generation : n->generation,
				       i == hb.local ? membership_advertised_dt() : n->dt_ms);
		for (j = 0; j < hb.nmedia && i != hb.local; j++) {
			struct hb_link *l = &n->links[j];

			g_string_append(s, j ? ",{\"ifname\":" : "{\"ifname\":");
			json_str(s, hb.media[j].name);
			g_string_append_printf(s, ",\"status\":\"%s\"", link_status_name(l->st));
			if (l->heard)
				g_string_append_printf(s, ",\"last_heard_ms\":%llu",
						       (unsigned long long)(now - l->last_ms));
			else
				g_string_append(s, ",\"last_heard_ms\":null");
			g_string_append_printf(s, ",\"max_gap_ms\":%llu,\"packets\":%lu,\"loss_pct\":%u,\"lossy\":%s}",
					       (unsigned long long)l->max_gap_ms, l->packets, l->loss_pct,
					       l->lossy ? "true" : "false");
		}
		g_string_append(s, "]}");
	}
	g_string_append(s, "],\"media\":[");
	for (j = 0; j < hb.nmedia; j++) {
		struct medium *md = &hb.media[j];

		g_string_append(s, j ? ",{\"name\":" : "{\"name\":");
		json_str(s, md->name);
		g_string_append_printf(s, ",\"type\":\"%s\",\"sent\":%lu,\"received\":%lu,\"send_errors\":%lu,\"recv_errors\":%lu}",
				       md->ops->type, md->sent, md->received, md->send_errors, md->recv_errors);
	}
	g_string_append(s, "],\"dropped\":{");
	for (j = 0; j < DROP__COUNT; j++)
		g_string_append_printf(s, "%s\"%s\":%lu", j ? "," : "", drop_reason_name(j), hb.drops[j]);
	g_string_append_printf(s, "},\"duplicates\":%lu,\"own_packets\":%lu,\"retransmitted\":%lu,\"rexmit_requests\":%lu",
			       hb.dup_packets, hb.own_packets, hb.rexmit_sent, hb.rexmit_requests);
	rsc_json(s);
	g_string_append_c(s, '}');
	return g_string_free(s, FALSE);
}

static void do_request(struct api_client *c, const struct hb_msg *m)
{
	const char *rt = msg_get(m, "reqtype");
	struct hb_msg *r;
	int ni, i;

	if (!rt)
		return;
	if (strcmp(rt, "signoff") == 0) {
		shutdown(c->fd, SHUT_RD);
		return;
	}
	r = reply_for(rt);
	if (strcmp(rt, "nodelist") == 0) {
		int last = -1;

		for (i = 0; i < hb.nnodes; i++)
			if (hb.nodes[i].type != NODE_DELETED)
				last = i;
		for (i = 0; i <= last; i++) {
			struct hb_msg *x;

			if (hb.nodes[i].type == NODE_DELETED)
				continue;
			x = reply_for(rt);
			msg_add(x, "node", hb.nodes[i].name);
			msg_add(x, "nodetype", node_type_name(&hb.nodes[i]));
			msg_add(x, "st", node_status_name(&hb.nodes[i]));
			msg_add(x, "result", i == last ? "OK" : API_MORE);
			queue_out(c, x);
			msg_free(x);
		}
		msg_free(r);
		return;
	} else if (strcmp(rt, "iflist") == 0) {
		ni = req_node(m);
		if (ni < 0) {
			msg_add(r, "result", "badreq");
			msg_add(r, "info", "unknown node");
		} else if (hb.nodes[ni].type == NODE_PING) {
			/* a ping node has one link, named after itself */
			msg_add(r, "ifname", hb.nodes[ni].name);
			msg_add(r, "st", hb.nodes[ni].st == ST_PING ? "up" : "dead");
			msg_add(r, "result", "OK");
		} else {
			for (i = 0; i < hb.nmedia; i++) {
				struct hb_msg *x = reply_for(rt);
				/* our own links are the media themselves, always up */
				bool up = ni == hb.local || hb.nodes[ni].links[i].st == LINK_UP;

				msg_add(x, "ifname", hb.media[i].name);
				msg_add(x, "st", up ? "up" : "dead");
				msg_add(x, "result", i == hb.nmedia - 1 ? "OK" : API_MORE);
				queue_out(c, x);
				msg_free(x);
			}
			msg_free(r);
			return;
		}
	} else if (strcmp(rt, "nodestatus") == 0 || strcmp(rt, "nodetype") == 0 ||
		   strcmp(rt, "nodeweight") == 0 || strcmp(rt, "nodesite") == 0) {
		ni = req_node(m);
		if (ni < 0) {
			msg_add(r, "result", "badreq");
			msg_add(r, "info", "unknown node");
		} else {
			if (rt[4] == 's' && rt[5] == 't')
				msg_add(r, "st", node_status_name(&hb.nodes[ni]));
			else if (rt[4] == 't')
				msg_add(r, "nodetype", node_type_name(&hb.nodes[ni]));
			else if (rt[4] == 'w')
				msg_addf(r, "weight", "%d", hb.nodes[ni].weight);
			else
				msg_add(r, "site", hb.nodes[ni].site);
			msg_add(r, "result", "OK");
		}
	} else if (strcmp(rt, "numnodes") == 0) {
		int count = 0;
		for (i = 0; i < hb.nnodes; i++)
			count += hb.nodes[i].type == NODE_NORMAL;
		msg_addf(r, "numnodes", "%d", count);
		msg_add(r, "result", "OK");
	} else if (strcmp(rt, "ifstatus") == 0) {
		const char *ifn = msg_get(m, "ifname");
		ni = req_node(m);
		if (ni >= 0 && hb.nodes[ni].type == NODE_PING && ifn && strcmp(ifn, hb.nodes[ni].name) == 0) {
			msg_add(r, "st", hb.nodes[ni].st == ST_PING ? "up" : "dead");
			msg_add(r, "result", "OK");
			queue_out(c, r);
			msg_free(r);
			return;
		}
		for (i = 0; ifn && i < hb.nmedia; i++)
			if (strcmp(hb.media[i].name, ifn) == 0)
				break;
		if (ni < 0 || !ifn || i >= hb.nmedia) {
			msg_add(r, "result", "badreq");
			msg_add(r, "info", "unknown node or interface");
		} else {
			msg_add(r, "st", ni == hb.local || hb.nodes[ni].links[i].st == LINK_UP ? "up" : "dead");
			msg_add(r, "result", "OK");
		}
	} else if (strcmp(rt, "getparm") == 0) {
		const char *p = msg_get(m, "pname"), *v = NULL;
		if (p && strcmp(p, "crm") == 0)
			p = "pacemaker";
		if (p && strcmp(p, "hbversion") == 0)
			v = HB_VERSION " (heartbeat-ng)";
		else if (p)
			v = conf_param(hb.cf, p);
		if (v)
			msg_add(r, "pvalue", v);
		msg_add(r, "result", "OK");
	} else if (strcmp(rt, "getrsc") == 0) {
		if (hb.cf->crm) {
			msg_add(r, "result", "badreq");
			msg_add(r, "info", "Resource is managed by crm. Use crm tool to query resource");
		} else {
			msg_add(r, "rsc_hold", rsc_hold_text());
			msg_add(r, "result", "OK");
		}
	} else if (strcmp(rt, "getuuid") == 0) {
		const char *q = msg_get(m, "queryname");
		ni = q ? node_find(q) : -1;
		if (ni >= 0 && hb.nodes[ni].has_uuid)
			msg_add_bin(r, "queryuuid", hb.nodes[ni].uuid, 16);
		msg_add(r, "result", "OK");
	} else if (strcmp(rt, "getnodename") == 0) {
		size_t ul;
		const unsigned char *u = msg_get_bin(m, "queryuuid", &ul);
		ni = u && ul == 16 ? node_find_uuid(u) : -1;
		if (ni >= 0)
			msg_add(r, "queryname", hb.nodes[ni].name);
		msg_add(r, "result", "OK");
	} else if (strcmp(rt, "clientstatus") == 0) {
		const char *cn = msg_get(m, "cn");
		ni = req_node(m);
		msg_add(r, "subt", "respond-cstatus");
		if (ni == hb.local && cn) {
			struct api_client *o;
			bool on = false;
			for (o = clients; o; o = o->next)
				on |= o->signed_on && strcmp(o->id, cn) == 0;
			msg_add(r, "cs", on ? "online" : "offline");
			msg_add(r, "result", "OK");
		} else if (ni >= 0 && cn && hb.nodes[ni].st == ST_ACTIVE) {
			struct hb_msg *q = msg_new();
			msg_add(q, "t", "query-cstatus");
			msg_add(q, "dest", hb.nodes[ni].name);
			msg_add(q, "cn", cn);
			msg_add(q, "from_id", c->id);
			transport_send(q, false);
			msg_free(r);
			return;
		} else {
			msg_add(r, "cs", "offline");
			msg_add(r, "result", ni >= 0 ? "OK" : "badreq");
		}
	} else if (strcmp(rt, "setfilter") == 0) {
		unsigned long mask;
		if (msg_get_hex(m, "fmask", &mask) && mask) {
			c->fmask = (unsigned)mask;
			msg_add(r, "result", "OK");
		} else {
			msg_add(r, "result", "badreq");
		}
	} else if (strcmp(rt, "setsignal") == 0) {
		long sig;
		if (msg_get_dec(m, "signal", &sig) && sig >= 0 && sig < 32 && sig != SIGKILL && sig != SIGSTOP) {
			c->signal = (int)sig;
			msg_add(r, "result", "OK");
		} else {
			msg_add(r, "result", "badreq");
		}
	} else if (strcmp(rt, "set_sendqlen") == 0) {
		msg_free(r);
		return;
	} else if (strcmp(rt, "hbstats") == 0) {
		char *js = status_json();
		msg_add(r, "json", js);
		g_free(js);
		msg_add(r, "result", "OK");
	} else {
		log_warn("Unknown API request %s from pid %d", rt, (int)c->pid);
		msg_add(r, "result", "badreq");
	}
	queue_out(c, r);
	msg_free(r);
}

static void client_message(struct api_client *c, struct hb_msg *m)
{
	const char *t = msg_get(m, "t");
	const char *rt = msg_get(m, "reqtype");

	if (t && strcmp(t, "hbapi-req") == 0) {
		if (rt && strcmp(rt, "signon") == 0) {
			if (!c->signed_on)
				do_signon(c, m);
			return;
		}
		if (!c->signed_on)
			return;
		do_request(c, m);
		return;
	}
	if (!c->signed_on)
		return;
	if (c->casual) {
		shutdown(c->fd, SHUT_RD);     /* casual clients may not send cluster messages */
		return;
	}
	/* Clients may not speak the daemons' own protocol (a forged shutdone
	 * or resource message would move resources): the routing table says
	 * which types are whose. */
	if (!route_client_may_send(t)) {
		log_warn("API client %s (pid %d) may not send t=%s: ignored", c->id, (int)c->pid, t ? t : "");
		return;
	}
	/* A named client talks only to the same-named clients on every node. */
	msg_mod(m, "from_id", c->id);
	msg_mod(m, "to_id", c->id);
	msg_addf(m, "client_gen", "%lu", client_gen);
	transport_send(msg_copy(m), true);
}

static gboolean on_readable(gint fd, GIOCondition cond, gpointer data)
{
	struct api_client *c = data;
	char buf[65536];
	ssize_t n = recv(fd, buf, sizeof buf, MSG_DONTWAIT);

	if (n <= 0) {
		if (n < 0 && (errno == EAGAIN || errno == EINTR))
			return G_SOURCE_CONTINUE;
		c->in_src = 0;
		client_drop(c, "connection closed");
		return G_SOURCE_REMOVE;
	}
	g_string_append_len(c->in, buf, n);
	inq_all += (size_t)n;
	/* Input waiting for the rest of its message is capped across clients
	 * too (room for two whole 256 KiB messages): 64 clients each half-way
	 * through one would not fit the daemon's locked memory. */
	if (inq_all > API_MAX_INQ_ALL) {
		log_warn("API client %s (pid %d): too much unprocessed input: dropping it", c->id, (int)c->pid);
		c->in_src = 0;
		client_drop(c, "input over the limit");
		return G_SOURCE_REMOVE;
	}
	/* Before sign-on only the small sign-on request may come: a stranger
	 * cannot make us buffer a quarter megabyte per connection. */
	if (!c->signed_on && c->in->len > API_MAX_SIGNON_BYTES) {
		c->in_src = 0;
		client_drop(c, "oversized sign-on");
		return G_SOURCE_REMOVE;
	}
	for (;;) {
		struct hb_msg *m = NULL;
		int used = api_unframe(c->in->str, c->in->len, &m);

		if (used == 0)
			break;
		if (used < 0) {
			log_warn("API client pid %d sent a bad frame: dropping it", (int)c->pid);
			c->in_src = 0;
			client_drop(c, "bad frame");
			return G_SOURCE_REMOVE;
		}
		g_string_erase(c->in, 0, used);
		inq_all -= (size_t)used;
		if (m) {
			client_message(c, m);
			msg_free(m);
		}
	}
	shrink(&c->in);
	return G_SOURCE_CONTINUE;
}

static void on_signon_deadline(void *data)
{
	struct api_client *c = data;

	log_warn("API client did not sign on within %d ms: dropped", API_SIGNON_MS);
	client_drop(c, "no sign-on");
}

static gboolean on_accept(gint fd, GIOCondition cond, gpointer data);

static void accept_resume(void *data)
{
	if (listen_fd >= 0 && !listen_src)
		listen_src = g_unix_fd_add(listen_fd, G_IO_IN, on_accept, NULL);
}

/* Room for one more connection: the oldest one not signed on (or, over the
 * total cap, the oldest casual one) makes way.  False: refuse the new one. */
static bool make_room(void)
{
	struct api_client *c, *oldest_pending = NULL;
	int pending = 0, all = 0;

	/* the list is newest first: the last match is the oldest */
	for (c = clients; c; c = c->next) {
		all++;
		if (!c->signed_on && !c->doomed) {
			pending++;
			oldest_pending = c;
		}
	}
	if (pending >= API_MAX_PENDING || (all >= API_MAX_CLIENTS && oldest_pending)) {
		client_drop(oldest_pending, "too many connections not signed on");
		return true;
	}
	return all < API_MAX_CLIENTS;
}

static void log_refusal(const char *what)
{
	uint64_t now = clock_ms();

	/* at most one line a minute: a flood must not become a log flood */
	if (last_refusal_log_ms && now - last_refusal_log_ms < 60000)
		return;
	last_refusal_log_ms = now;
	log_warn("API socket: %s", what);
}

static gboolean on_accept(gint fd, GIOCondition cond, gpointer data)
{
	int cfd = accept4(fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
	struct api_client *c;

	if (cfd < 0) {
		if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS || errno == ENOMEM) {
			/* The connection stays in the backlog and the socket stays
			 * readable: without a pause this would spin at realtime
			 * priority until an fd frees up. */
			log_refusal("out of file descriptors: not accepting for a moment");
			listen_src = 0;
			timer_start(&accept_pause, API_ACCEPT_PAUSE_MS);
			return G_SOURCE_REMOVE;
		}
		return G_SOURCE_CONTINUE;
	}
	if (!make_room()) {
		log_refusal("too many clients: connection refused");
		close(cfd);
		return G_SOURCE_CONTINUE;
	}
	c = g_new0(struct api_client, 1);
	c->fd = cfd;
	c->in = g_string_new(NULL);
	c->out = g_string_new(NULL);
	c->in_src = g_unix_fd_add(cfd, G_IO_IN | G_IO_HUP | G_IO_ERR, on_readable, c);
	timer_init(&c->signon_deadline, on_signon_deadline, c);
	timer_start(&c->signon_deadline, API_SIGNON_MS);
	c->next = clients;
	clients = c;
	return G_SOURCE_CONTINUE;
}

int api_start(const char *path)
{
	struct sockaddr_un sa;

	if (listen_fd >= 0)
		return 0;
	if (strlen(path) >= sizeof sa.sun_path)
		return -1;
	snprintf(sock_path, sizeof sock_path, "%s", path);
	unlink(path);
	listen_fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (listen_fd < 0)
		return -1;
	memset(&sa, 0, sizeof sa);
	sa.sun_family = AF_UNIX;
	memcpy(sa.sun_path, path, strlen(path));
	if (bind(listen_fd, (struct sockaddr *)&sa, sizeof sa) < 0 || listen(listen_fd, 32) < 0) {
		log_err("API socket %s: %s", path, strerror(errno));
		close(listen_fd);
		listen_fd = -1;
		return -1;
	}
	chmod(path, 0777);
	timer_init(&accept_pause, accept_resume, NULL);
	listen_src = g_unix_fd_add(listen_fd, G_IO_IN, on_accept, NULL);
	return 0;
}

void api_stop(void)
{
	while (clients)
		client_drop(clients, "daemon stopping");
	if (listen_fd >= 0) {
		timer_stop(&accept_pause);
		if (listen_src)
			g_source_remove(listen_src);
		listen_src = 0;
		close(listen_fd);
		unlink(sock_path);
		listen_fd = -1;
	}
	if (auth_table)
		g_ptr_array_free(auth_table, TRUE);
	auth_table = NULL;
}

static bool client_online(const char *id)
{
	struct api_client *c;

	for (c = clients; c; c = c->next)
		if (c->signed_on && strcmp(c->id, id) == 0)
			return true;
	return false;
}

/* A peer's client asks whether a client of ours is signed on. */
bool api_on_query_cstatus(int ni, const struct hb_msg *m, bool from_self)
{
	const char *cn = msg_get(m, "cn"), *from = msg_get(m, "from_id");
	struct hb_msg *r;

	if (!cn || !from)
		return true;
	r = msg_new();
	msg_add(r, "t", "respond-cstatus");
	msg_add(r, "dest", hb.nodes[ni].name);
	msg_add(r, "result", "OK");
	msg_add(r, "cn", cn);
	msg_add(r, "to_id", from);
	msg_add(r, "cs", client_online(cn) ? "online" : "offline");
	transport_send(r, false);
	return true;
}

void api_deliver(const struct hb_msg *m)
{
	const char *to = msg_get(m, "to_id");
	struct api_client *c, *next;

	for (c = clients; c; c = next) {
		next = c->next;
		if (!c->signed_on || !(c->fmask & 0x01))
			continue;
		if (to && strcmp(to, c->id) != 0)
			continue;
		queue_out(c, m);
	}
}

static void notify_status(const char *node, const char *status)
{
	struct hb_msg *m;

	if (!clients)
		return;
	m = msg_new();
	msg_add(m, "t", "status");
	msg_add(m, "src", node);
	msg_add(m, "st", status);
	api_deliver(m);
	msg_free(m);
}

static void notify_link(const char *node, const char *ifname, const char *status)
{
	struct hb_msg *m;

	if (!clients)
		return;
	m = msg_new();
	msg_add(m, "t", "ifstat");
	msg_add(m, "node", node);
	msg_add(m, "ifname", ifname);
	msg_add(m, "st", status);
	api_deliver(m);
	msg_free(m);
}

/* ---- the membership events clients hear of ---- */

static void on_node_event(const struct event *e, void *data)
{
	const struct hb_node *n = &hb.nodes[e->ni];

	notify_status(n->name, node_status_name(n));
	/* a ping node's one link, named after itself, goes with it */
	if (n->type == NODE_PING && (n->st == ST_PING || n->st == ST_DEAD))
		notify_link(n->name, n->name, n->st == ST_PING ? "up" : "dead");
}

static void on_link_event(const struct event *e, void *data)
{
	const struct hb_node *n = &hb.nodes[e->ni];

	notify_link(n->name, hb.media[e->mi].name, link_status_name(n->links[e->mi].st));
}

static void on_comm_event(const struct event *e, void *data)
{
	char path[4200];

	snprintf(path, sizeof path, "%s/register", hb.run_dir);
	if (api_start(path) < 0)
		log_err("cannot open the client API socket %s", path);
}

void api_init(void)
{
	events_subscribe(EV_NODE_STATUS, on_node_event, NULL);
	events_subscribe(EV_LINK_STATUS, on_link_event, NULL);
	events_subscribe(EV_COMM_UP, on_comm_event, NULL);
}
