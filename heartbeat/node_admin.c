/* Changing the node table at run time, as hb_addnode, hb_delnode,
 * hb_setweight and hb_setsite ask (t=addnode / delnode / setweight /
 * setsite, from the command FIFO of any node), and the node cache files
 * that remember it: <var_lib>/hostcache (every normal node with its uuid,
 * weight and site) and delhostcache (the nodes deleted for good).  As the
 * original, the caches are kept only when the daemon does not manage
 * haresources groups (the CRM or -M owns membership then); in haresources
 * mode the change lasts until the daemon stops.  The table itself never
 * shrinks (callers keep node pointers): a deleted node keeps its slot as
 * NODE_DELETED, unseen by lookups, until it is added again. */
#include <stdio.h>
#include <string.h>
#include "daemon.h"
#include "hostcache.h"
#include "log.h"
#include "clock.h"

/* Names deleted for good: sent in repnodes, and their packets dropped. */
static char deleted[CONF_MAXNODES][CONF_HOSTLEN];
static int ndeleted;

static bool keep_caches(void)
{
	return !hb.resources_managed && hb.var_lib[0];
}

static void cache_path(char *out, size_t len, const char *name)
{
	snprintf(out, len, "%s/%s", hb.var_lib, name);
}

static void deleted_forget(const char *name)
{
	int i;

	for (i = 0; i < ndeleted; i++)
		if (strcmp(deleted[i], name) == 0) {
			memmove(deleted[i], deleted[i + 1], (size_t)(ndeleted - i - 1) * CONF_HOSTLEN);
			ndeleted--;
			return;
		}
}

static void deleted_remember(const char *name)
{
	deleted_forget(name);
	if (ndeleted < CONF_MAXNODES)
		g_strlcpy(deleted[ndeleted++], name, CONF_HOSTLEN);
}

const char *node_admin_deleted_list(GString *out)
{
	int i;

	g_string_truncate(out, 0);
	for (i = 0; i < ndeleted; i++)
		g_string_append_printf(out, "%s ", deleted[i]);
	if (out->len == 0)
		g_string_append_c(out, ' ');   /* the original's "none" */
	return out->str;
}

bool node_admin_is_deleted(const char *name)
{
	int i;

	for (i = 0; i < ndeleted; i++)
		if (strcmp(deleted[i], name) == 0)
			return true;
	return false;
}

static void save_hostcache(void)
{
	struct hostcache_entry *e;
	char path[4200], err[600];
	int i, n = 0;

	if (!keep_caches())
		return;
	e = g_new0(struct hostcache_entry, hb.nnodes ? hb.nnodes : 1);
	for (i = 0; i < hb.nnodes; i++) {
		const struct hb_node *nd = &hb.nodes[i];

		if (nd->type != NODE_NORMAL)
			continue;
		snprintf(e[n].name, sizeof e[n].name, "%s", nd->name);
		if (nd->has_uuid)
			memcpy(e[n].uuid, nd->uuid, 16);
		e[n].weight = nd->weight;
		snprintf(e[n].site, sizeof e[n].site, "%s", nd->site);
		n++;
	}
	cache_path(path, sizeof path, "hostcache");
	if (hostcache_write(path, e, n, err, sizeof err) < 0)
		log_err("%s", err);
	g_free(e);
}

static void save_delcache(void)
{
	struct hostcache_entry *e;
	char path[4200], err[600];
	int i;

	if (!keep_caches())
		return;
	e = g_new0(struct hostcache_entry, ndeleted ? ndeleted : 1);
	for (i = 0; i < ndeleted; i++) {
		g_strlcpy(e[i].name, deleted[i], sizeof e[i].name);
		e[i].weight = HOSTCACHE_DEFAULT_WEIGHT;
	}
	cache_path(path, sizeof path, "delhostcache");
	if (hostcache_write(path, e, ndeleted, err, sizeof err) < 0)
		log_err("%s", err);
	g_free(e);
}

/* Add one node (or bring a deleted one back); its deadtime counts from now. */
static int add_one(const char *name)
{
	int ni = node_find(name);

	if (ni >= 0) {
		log_err("hb_add_one_node: node(%s) already exists", name);
		return -1;
	}
	log_info("hb_add_one_node: Adding new node[%s] to configuration.", name);
	ni = node_add(name, NODE_NORMAL);
	if (ni < 0) {
		log_err("hb_add_one_node: adding node(%s) failed: the node table is full (%d nodes)",
			name, CONF_MAXNODES);
		return -1;
	}
	hb.nodes[ni].added_ms = clock_ms();
	deleted_forget(name);
	return ni;
}

static void remove_one(int ni)
{
	struct hb_node *n = &hb.nodes[ni];
	struct hb_msg *m;
	int i;

	log_info("Removing node [%s] from configuration.", n->name);
	deleted_remember(n->name);
	transport_peer_reset(n);
	n->type = NODE_DELETED;
	n->st = ST_DEAD;
	n->heard = false;
	for (i = 0; i < hb.nmedia; i++)
		n->links[i].st = LINK_DEAD;
	/* the local clients (CCM, crmd) hear of it, the network does not */
	m = msg_new();
	msg_add(m, "t", "delnode");
	msg_add(m, "node", n->name);
	api_deliver(m);
	msg_free(m);
}

static int split(const struct hb_msg *m, const char *who, char names[][CONF_HOSTLEN])
{
	const char *list = msg_get(m, "nodelist");
	char err[200];
	int n;

	if (!list) {
		log_err("%s: nodelist not found in the message", who);
		return -1;
	}
	n = nodelist_split(list, names, CONF_MAXNODES, err, sizeof err);
	if (n < 0)
		log_err("%s: bad nodelist '%.200s': %s", who, list, err);
	return n;
}

static bool on_addnode(int ni, const struct hb_msg *m, bool from_self)
{
	static char names[CONF_MAXNODES][CONF_HOSTLEN];
	int i, n = split(m, "addnode", names);

	if (n < 0)
		return true;
	for (i = 0; i < n; i++)
		if (add_one(names[i]) < 0)
			log_err("Add node %s failed", names[i]);
	save_hostcache();
	return false;       /* clients see it too, as the original's */
}

static bool on_delnode(int ni, const struct hb_msg *m, bool from_self)
{
	static char names[CONF_MAXNODES][CONF_HOSTLEN];
	int i, j, n = split(m, "delnode", names);

	if (n < 0)
		return true;
	/* As the original: only dead nodes go, and only while every other
	 * normal node is up, so no partition deletes a live member. */
	for (i = 0; i < hb.nnodes; i++) {
		const struct hb_node *nd = &hb.nodes[i];
		bool listed = false;

		if (nd->type != NODE_NORMAL)
			continue;
		for (j = 0; j < n; j++)
			listed |= strcmp(nd->name, names[j]) == 0;
		/* (we are not dead either: as 3.0.6, a node never deletes itself) */
		if (listed && (i == hb.local || nd->st != ST_DEAD)) {
			log_warn("deletion failed: node %s is not dead", nd->name);
			return true;
		}
		if (!listed && i != hb.local && nd->st != ST_UP && nd->st != ST_ACTIVE) {
			log_err("delnode: deletion failed. We don't have all required nodes alive (%s is %s)",
				nd->name, node_status_name(nd));
			return true;
		}
	}
	for (j = 0; j < n; j++) {
		int k = node_find(names[j]);

		if (k < 0) {
			log_err("delnode: node %s not found in config", names[j]);
			continue;
		}
		remove_one(k);
	}
	save_hostcache();
	save_delcache();
	return true;
}

static int node_field(const struct hb_msg *m, const char *who)
{
	const char *name = msg_get(m, "node");
	char low[CONF_HOSTLEN], err[200];
	int ni;

	if (!name || nodelist_split(name, (char (*)[CONF_HOSTLEN])low, 1, err, sizeof err) != 1) {
		log_err("%s: node not found in the message", who);
		return -1;
	}
	ni = node_find(low);
	if (ni < 0 || hb.nodes[ni].type != NODE_NORMAL) {
		log_err("%s: node %s is not in the configuration", who, low);
		return -1;
	}
	return ni;
}

static bool on_setweight(int ni, const struct hb_msg *m, bool from_self)
{
	const char *w = msg_get(m, "weight");
	char *end;
	long v;
	int k = node_field(m, "setweight");

	if (k < 0)
		return true;
	v = w ? strtol(w, &end, 10) : -1;
	if (!w || !*w || *end || v < 0 || v > 1000000) {
		log_err("setweight: weight '%s' for node %s (expected a whole number 0..1000000)",
			w ? w : "", hb.nodes[k].name);
		return true;
	}
	hb.nodes[k].weight = (int)v;
	log_info("Set node %s weight to %d", hb.nodes[k].name, (int)v);
	save_hostcache();
	return true;
}

static bool on_setsite(int ni, const struct hb_msg *m, bool from_self)
{
	const char *s = msg_get(m, "site");
	int k = node_field(m, "setsite");
	const char *p;

	if (k < 0)
		return true;
	if (!s || strlen(s) >= sizeof hb.nodes[k].site) {
		log_err("setsite: site for node %s missing or longer than %zu characters", hb.nodes[k].name,
			sizeof hb.nodes[k].site - 1);
		return true;
	}
	for (p = s; *p; p++)
		if ((unsigned char)*p < ' ' || *p == '\t') {
			log_err("setsite: site for node %s has a control character", hb.nodes[k].name);
			return true;
		}
	snprintf(hb.nodes[k].site, sizeof hb.nodes[k].site, "%s", s);
	log_info("Set node %s site to %s", hb.nodes[k].name, s);
	save_hostcache();
	return true;
}

bool node_admin_message(int ni, const struct hb_msg *m, bool from_self)
{
	const char *t = msg_get(m, "t");

	if (strcmp(t, "addnode") == 0)
		return on_addnode(ni, m, from_self);
	if (strcmp(t, "delnode") == 0)
		return on_delnode(ni, m, from_self);
	if (strcmp(t, "setweight") == 0)
		return on_setweight(ni, m, from_self);
	return on_setsite(ni, m, from_self);
}

/* A peer's repnodes: its deleted nodes are deleted here too (not for good). */
void node_admin_apply_deleted(const char *list)
{
	static char names[CONF_MAXNODES][CONF_HOSTLEN];
	char err[200];
	int i, n = list ? nodelist_split(list, names, CONF_MAXNODES, err, sizeof err) : 0;

	for (i = 0; i < n; i++) {
		int k = node_find(names[i]);

		if (k >= 0 && k != hb.local && hb.nodes[k].type == NODE_NORMAL && hb.nodes[k].st == ST_DEAD)
			remove_one(k);
		else if (k < 0)
			deleted_remember(names[i]);
	}
}

/* ---- start: what the caches remember ---- */

static void warn_line(const char *msg, void *data)
{
	log_warn("%s", msg);
}

static void load_host(const struct hostcache_entry *e, void *data)
{
	int ni = node_find(e->name);

	if (ni < 0) {
		ni = node_add(e->name, NODE_NORMAL);
		if (ni < 0)
			return;
		hb.nodes[ni].added_ms = clock_ms();
		log_info("Node %s remembered from the host cache", e->name);
	}
	if (e->has_uuid && ni != hb.local) {
		memcpy(hb.nodes[ni].uuid, e->uuid, 16);
		hb.nodes[ni].has_uuid = true;
	}
	hb.nodes[ni].weight = e->weight;
	snprintf(hb.nodes[ni].site, sizeof hb.nodes[ni].site, "%s", e->site);
}

static void load_deleted(const struct hostcache_entry *e, void *data)
{
	int ni = node_find(e->name);

	deleted_remember(e->name);
	if (ni >= 0 && ni != hb.local)
		remove_one(ni);
}

void node_admin_load(void)
{
	char path[4200], err[600];

	if (!keep_caches())
		return;
	cache_path(path, sizeof path, "hostcache");
	if (hostcache_read(path, load_host, warn_line, NULL, err, sizeof err) < 0)
		log_err("%s", err);
	cache_path(path, sizeof path, "delhostcache");
	if (hostcache_read(path, load_deleted, warn_line, NULL, err, sizeof err) < 0)
		log_err("%s", err);
}
