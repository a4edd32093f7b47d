/* Transient node attributes with dampening, as attrd did for heartbeat
 * 2.x and Pacemaker (attrd_updater, and through it resource-agents' ping
 * agent): a change of the local node's attribute is held for its dampen
 * delay, later changes within it replace the value, and what is current
 * when the delay ends is written once -- a flapping link does not make
 * the DC recompute on every probe.  Other nodes' attributes are written
 * at once.  The write is a status-section change through cibreq, with the
 * ids crm_attribute uses (status-UUID, status-UUID-NAME). */
#include <string.h>
#include "crmd.h"

struct held {
	char *name, *value;      /* value NULL: delete */
	struct timer timer;
};

static GHashTable *held;      /* name -> struct held, the local node's */

static void held_free(gpointer p)
{
	struct held *h = p;
	timer_stop(&h->timer);
	g_free(h->name);
	g_free(h->value);
	g_free(h);
}

static void written(void *data, int rc, xmlNodePtr out, const char *err)
{
	char *what = data;
	(void)out;
	if (rc != CIB_OK)
		crm_warn("crmd: attribute %s: %s%s%s", what, cib_strerror(rc), err ? ": " : "", err ? err : "");
	g_free(what);
}

static const char *uuid_of(const char *uname)
{
	for (guint i = 0; crmd.peers && i < crmd.peers->len; i++) {
		struct crm_peer *p = g_ptr_array_index(crmd.peers, i);
		if (!strcmp(p->uname, uname))
			return p->uuid;
	}
	return NULL;
}

static void write_now(const char *uuid, const char *name, const char *value)
{
	char *what = g_strdup_printf("%s=%s on %s", name, value ? value : "(deleted)", uuid);
	if (!value) {
		char *xp = g_strdup_printf("/cib/status/node_state[@id='%s']/transient_attributes//nvpair[@name='%s']",
					   uuid, name);
		struct cib_req r = { CIB_REQ_DELETE, "status", xp, NULL, CIB_F_MULTIPLE };
		cibreq_submit(&r, written, what);
		g_free(xp);
		return;
	}
	char *set = g_strdup_printf("status-%s", uuid), *id = g_strdup_printf("status-%s-%s", uuid, name);
	for (char *p = id; *p; p++)
		if (*p == ':')
			*p = '.';
	xmlNodePtr top = xmlNewNode(NULL, (const xmlChar *)"node_state");
	xmlSetProp(top, (const xmlChar *)"id", (const xmlChar *)uuid);
	xmlNodePtr ta = xmlNewChild(top, NULL, (const xmlChar *)"transient_attributes", NULL);
	xmlSetProp(ta, (const xmlChar *)"id", (const xmlChar *)uuid);
	xmlNodePtr ia = xmlNewChild(ta, NULL, (const xmlChar *)"instance_attributes", NULL);
	xmlSetProp(ia, (const xmlChar *)"id", (const xmlChar *)set);
	xmlNodePtr nv = xmlNewChild(ia, NULL, (const xmlChar *)"nvpair", NULL);
	xmlSetProp(nv, (const xmlChar *)"id", (const xmlChar *)id);
	xmlSetProp(nv, (const xmlChar *)"name", (const xmlChar *)name);
	xmlSetProp(nv, (const xmlChar *)"value", (const xmlChar *)value);
	struct cib_req r = { CIB_REQ_MODIFY, "status", NULL, top, CIB_F_CAN_CREATE | CIB_F_FORCE };
	cibreq_submit(&r, written, what);
	xmlFreeNode(top);
	g_free(set);
	g_free(id);
}

static void held_expired(void *data)
{
	struct held *h = data;
	crm_info("crmd: attribute %s = %s after its dampening", h->name, h->value ? h->value : "(deleted)");
	write_now(crmd.my_uuid, h->name, h->value);
	g_hash_table_remove(held, h->name);
}

const char *attrd_update(const char *node, const char *name, const char *value, unsigned dampen_ms)
{
	if (!name || !*name || strchr(name, '\'') || (value && strchr(value, '\'')))
		return "an attribute needs a name, and neither it nor its value may hold a quote";
	if (node && strcmp(node, crmd.me)) {
		const char *u = uuid_of(node);
		if (!u || strchr(u, '\''))
			return "no such node";
		write_now(u, name, value);
		return NULL;
	}
	if (!dampen_ms) {
		if (held)
			g_hash_table_remove(held, name);
		write_now(crmd.my_uuid, name, value);
		return NULL;
	}
	if (!held)
		held = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, held_free);
	struct held *h = g_hash_table_lookup(held, name);
	if (!h) {
		h = g_new0(struct held, 1);
		h->name = g_strdup(name);
		timer_init(&h->timer, held_expired, h);
		timer_start(&h->timer, dampen_ms);
		g_hash_table_insert(held, h->name, h);
	}
	g_free(h->value);
	h->value = g_strdup(value);
	return NULL;
}

const char *attrd_held(const char *name)
{
	struct held *h = held ? g_hash_table_lookup(held, name) : NULL;
	return h ? (h->value ? h->value : "") : NULL;
}
