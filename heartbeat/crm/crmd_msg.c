/* Messages between controllers: heartbeat messages with our t= types, XML
 * carried as binary fields (a CIB may hold newlines the classic encoding
 * cannot), the CIB version as three decimal fields. */
#include <stdlib.h>
#include <string.h>
#include "crmd.h"
#include "cib/cib_doc.h"

struct hb_msg *crm_msg_new(const char *type)
{
	struct hb_msg *m = msg_new();
	msg_add(m, "t", type);
	msg_add(m, "crm_from", crmd.me);
	return m;
}

/* Outgoing messages are paced: heartbeat hands every broadcast back to its
 * sender too, and drops a client that lets more than 256 KiB queue up.  A
 * whole CIB of 400 KiB sent in one go would come back while we are still
 * sending, and heartbeat would drop us.  So once PACE_BYTES went out in one
 * turn of the loop, the rest waits in order (nothing overtakes it: a diff
 * never arrives before the copy it applies to) and goes out a little at a
 * time, reading our queue from heartbeat in between. */
#define PACE_BYTES (64 * 1024)
#define PACE_MS 5

struct outmsg {
	struct hb_msg *m;
	char *node;
	size_t size;
};
static GQueue outq = G_QUEUE_INIT;
static guint pace_src;
static size_t sent_this_turn;

static size_t msg_size(const struct hb_msg *m)
{
	size_t n = 0;
	const void *b;
	static const char *const big[] = { "cib", "diff", "data", "output" };
	for (size_t i = 0; i < sizeof big / sizeof big[0]; i++)
		if ((b = msg_get_bin(m, big[i], &n)) && n)
			return n + 256;
	return 256;
}

static int send_now(struct hb_msg *m, const char *node)
{
	int rc = crmd.hb ? client_send(crmd.hb, m, node) : -1;
	if (rc < 0)
		crm_warn("crmd: cannot send %s to %s: %s", msg_get(m, "t"), node ? node : "the cluster",
			 crmd.hb ? client_errmsg(crmd.hb) : "not signed on");
	return rc;
}

static gboolean pace(gpointer data)
{
	sent_this_turn = 0;
	while (!g_queue_is_empty(&outq) && sent_this_turn < PACE_BYTES) {
		struct outmsg *o = g_queue_pop_head(&outq);
		send_now(o->m, o->node);
		sent_this_turn += o->size;
		msg_free(o->m);
		g_free(o->node);
		g_free(o);
	}
	if (g_queue_is_empty(&outq)) {
		pace_src = 0;
		sent_this_turn = 0;
		return G_SOURCE_REMOVE;
	}
	return G_SOURCE_CONTINUE;
}

static gboolean new_turn(gpointer data)
{
	if (g_queue_is_empty(&outq))
		sent_this_turn = 0;
	return G_SOURCE_REMOVE;
}

int crm_send(struct hb_msg *m, const char *node)
{
	size_t size = msg_size(m);
	if (g_queue_is_empty(&outq) && sent_this_turn + size <= PACE_BYTES) {
		if (sent_this_turn == 0)
			g_idle_add(new_turn, NULL);
		sent_this_turn += size;
		int rc = send_now(m, node);
		msg_free(m);
		return rc;
	}
	if (!crmd.hb) {
		msg_free(m);
		return -1;
	}
	struct outmsg *o = g_new0(struct outmsg, 1);
	o->m = m;
	o->node = g_strdup(node);
	o->size = size;
	g_queue_push_tail(&outq, o);
	if (!pace_src)
		pace_src = g_timeout_add(PACE_MS, pace, NULL);
	return 0;
}

void crm_msg_add_xml(struct hb_msg *m, const char *name, xmlNodePtr n)
{
	xmlBufferPtr b = xmlBufferCreate();
	xmlNodeDump(b, n->doc, n, 0, 0);
	msg_add_bin(m, name, xmlBufferContent(b), (size_t)xmlBufferLength(b));
	xmlBufferFree(b);
}

xmlDocPtr crm_msg_get_xml(const struct hb_msg *m, const char *name)
{
	size_t len = 0;
	const void *v = msg_get_bin(m, name, &len);
	if (!v) {
		const char *s = msg_get(m, name);
		if (!s)
			return NULL;
		v = s;
		len = strlen(s);
	}
	char *err = NULL;
	xmlDocPtr d = cib_xml_parse(v, len, &err);
	if (!d) {
		crm_warn("crmd: %s from %s: field %s: %s", msg_get(m, "t"), crm_msg_from(m), name, err);
		g_free(err);
	}
	return d;
}

void crm_msg_add_version(struct hb_msg *m, const struct cib_version *v)
{
	msg_addf(m, "admin_epoch", "%lld", v->admin_epoch);
	msg_addf(m, "epoch", "%lld", v->epoch);
	msg_addf(m, "num_updates", "%lld", v->num_updates);
}

void crm_msg_get_version(const struct hb_msg *m, struct cib_version *v)
{
	const char *a = msg_get(m, "admin_epoch"), *e = msg_get(m, "epoch"), *n = msg_get(m, "num_updates");
	v->admin_epoch = a ? atoll(a) : -1;
	v->epoch = e ? atoll(e) : -1;
	v->num_updates = n ? atoll(n) : -1;
}

const char *crm_msg_from(const struct hb_msg *m)
{
	const char *f = msg_get(m, "crm_from");
	return f ? f : msg_get(m, "src") ? msg_get(m, "src") : "?";
}
