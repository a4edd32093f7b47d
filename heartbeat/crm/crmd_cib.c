/* The CIB replica every controller keeps, and its replication.
 *
 * The DC holds the master copy: every change is made there (cibreq.c,
 * status.c), diffed against the previous version and broadcast; the
 * others patch their copy with it, and ask for a whole copy when a patch
 * does not apply.  When a DC is elected or a node joins, the partition
 * agrees on the newest copy by (admin_epoch, epoch, num_updates): the DC
 * fetches it if a member has a newer one, then sends it to everyone.  A
 * copy that could not be read, or whose digest does not match, counts as
 * version 0.0.0, so it never wins over a good one elsewhere.  Every node
 * writes its copy atomically with its digest. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>
#include <zlib.h>
#include "crmd.h"
#include "cib/cib.h"

static char *pull_from;      /* DC: the member whose newer copy we wait for */

static void my_version(struct cib_version *v)
{
	cib_doc_version(crmd.cib, v);
	if (!crmd.cib_trusted)
		v->admin_epoch = v->epoch = v->num_updates = 0;
}

static void fill_root(xmlDocPtr doc)
{
	xmlNodePtr r = xmlDocGetRootElement(doc);
	if (!xmlHasProp(r, (const xmlChar *)"crm_feature_set"))
		xmlSetProp(r, (const xmlChar *)"crm_feature_set", (const xmlChar *)"3.0.1");
	if (!cib_section(doc, "status"))
		xmlNewChild(r, NULL, (const xmlChar *)"status", NULL);
}

/* What the status section on disk says ran where is history, not fact:
 * after a power loss every lrmd starts empty, and a DC that believed it
 * would never probe them (and a stale shutdown attribute would keep a node
 * from running anything).  As Pacemaker, each node's operation history and
 * transient attributes are learnt again: from the DC's live copy when one
 * runs, else by probing.  The version stays, so the copy still competes. */
static void forget_disk_status(xmlDocPtr doc)
{
	xmlNodePtr st = cib_section(doc, "status");
	if (!st)
		return;
	for (xmlNodePtr ns = st->children; ns; ns = ns->next) {
		if (ns->type != XML_ELEMENT_NODE || strcmp((const char *)ns->name, "node_state"))
			continue;
		for (xmlNodePtr c = ns->children, nx; c; c = nx) {
			nx = c->next;
			if (c->type == XML_ELEMENT_NODE && (!strcmp((const char *)c->name, "lrm") ||
							    !strcmp((const char *)c->name, "transient_attributes"))) {
				xmlUnlinkNode(c);
				xmlFreeNode(c);
			}
		}
	}
}

int cib_replica_load(void)
{
	const char *dir = getenv("HB_CRM_DIR");
	crmd.cib_dir = g_strdup(dir && *dir ? dir : "/var/lib/heartbeat/crm");
	crmd.cib_path = g_strdup_printf("%s/cib.xml", crmd.cib_dir);
	char *err = NULL;
	crmd.cib_trusted = true;
	if (access(crmd.cib_path, F_OK) == 0) {
		crmd.cib = cib_read_signed(crmd.cib_path, &err);
		if (!crmd.cib) {
			/* Keep the damaged file for the administrator; start empty and
			 * let the cluster's copy win. */
			char *aside = g_strdup_printf("%s.bad-%ld", crmd.cib_path, (long)time(NULL));
			crm_err("crmd: %s; moved aside to %s, waiting for a good copy from the cluster", err, aside);
			rename(crmd.cib_path, aside);
			g_free(aside);
			g_free(err);
			crmd.cib_trusted = false;
		} else {
			crm_info("crmd: loaded %s", crmd.cib_path);
			forget_disk_status(crmd.cib);
		}
	} else {
		crm_info("crmd: %s: %s: starting with an empty CIB", crmd.cib_path, strerror(errno));
	}
	if (!crmd.cib)
		crmd.cib = cib_doc_new_empty("pacemaker-1.0");
	fill_root(crmd.cib);
	return 0;
}

void cib_replica_install(xmlDocPtr doc, xmlNodePtr diff)
{
	if (doc != crmd.cib) {
		status_batch_drop();
		xmlFreeDoc(crmd.cib);
		crmd.cib = doc;
	}
	fill_root(crmd.cib);
	crmd.cib_trusted = true;
	crmd.pe_seq++;
	char *err = NULL;
	if (cib_write_signed(crmd.cib, crmd.cib_path, &err) < 0) {
		crm_err("crmd: cannot write the CIB: %s", err);
		g_free(err);
	}
	if (diff) {
		ipc_notify(diff);
	} else {
		/* a whole copy: tell the watchers something changed */
		xmlNodePtr n = xmlNewNode(NULL, (const xmlChar *)"diff");
		ipc_notify(n);
		xmlFreeNode(n);
	}
}

/* A whole CIB can be larger than one heartbeat message (a UDP datagram,
 * 64 KiB once encoded): one over a part (CRM_PART) is zlib-compressed first (a CIB
 * with history shrinks about 15 times: 16 nodes x 500 resources, 4.7 MB,
 * is 11 parts instead of 154), then goes in numbered parts (crmd_parts.c).
 * The receiver inflates at most XFER_MAX bytes. */
#define XFER_MAX (256u << 20)

static unsigned long xfer_seq;

/* One part's message: the version, the transfer and its inflated size. */
struct xfer_out {
	struct cib_version v;
	size_t raw;
	bool zlib;
};

static struct hb_msg *xfer_msg(void *arg)
{
	struct xfer_out *o = arg;
	struct hb_msg *m = crm_msg_new(CRM_T_CIB_FULL);
	crm_msg_add_version(m, &o->v);
	msg_add(m, "from_dc", crm_is_dc() ? "1" : "0");
	msg_addf(m, "xfer", "%lu", xfer_seq);
	if (o->zlib)
		msg_addf(m, "zlib", "%zu", o->raw);   /* the inflated size */
	return m;
}

void cib_replica_send_full(const char *node)
{
	struct xfer_out o = { .zlib = false };
	my_version(&o.v);
	xmlBufferPtr b = xmlBufferCreate();
	xmlNodeDump(b, crmd.cib, xmlDocGetRootElement(crmd.cib), 0, 0);
	size_t raw = (size_t)xmlBufferLength(b), len = raw;
	const char *text = (const char *)xmlBufferContent(b);
	Bytef *z = NULL;
	if (raw > CRM_PART) {
		uLongf zl = compressBound((uLong)raw);
		z = g_malloc(zl);
		if (compress2(z, &zl, (const Bytef *)text, (uLong)raw, Z_DEFAULT_COMPRESSION) == Z_OK && zl < raw) {
			text = (const char *)z;
			len = zl;
		} else {
			g_free(z);
			z = NULL;
		}
	}
	o.raw = raw;
	o.zlib = z != NULL;
	xfer_seq++;
	int parts = crm_send_parts(xfer_msg, &o, "cib", text, len, node);
	if (parts > 1)
		crm_info("crmd: sent the CIB (%zu bytes, %zu as sent) to %s in %d parts", raw, len,
			 node ? node : "the cluster", parts);
	g_free(z);
	xmlBufferFree(b);
}

/* Parts of a whole CIB on their way, per sender: one transfer at a time,
 * a new one replaces what was left of the last. */
static struct crm_parts_in xfers = { .what = "CIB transfer" };

/* A transfer sent compressed ("zlib" = the inflated size): its text, or
 * NULL when it does not inflate to that size.  Consumes z. */
static char *inflated(const struct hb_msg *m, const char *from, char *z, size_t *len)
{
	const char *zs = msg_get(m, "zlib");
	if (!zs)
		return z;
	unsigned long long raw = strtoull(zs, NULL, 10);
	if (raw == 0 || raw > XFER_MAX) {
		crm_warn("crmd: CIB transfer from %s: inflated size %s refused (at most %u)", from, zs, XFER_MAX);
		g_free(z);
		return NULL;
	}
	char *out = g_malloc((gsize)raw + 1);
	uLongf ol = (uLongf)raw;
	int rc = uncompress((Bytef *)out, &ol, (const Bytef *)z, (uLong)*len);
	g_free(z);
	if (rc != Z_OK || ol != raw) {
		crm_warn("crmd: CIB transfer from %s does not inflate (zlib %d, %lu of %llu bytes): dropped", from, rc,
			 (unsigned long)ol, raw);
		g_free(out);
		return NULL;
	}
	out[raw] = 0;
	*len = (size_t)raw;
	return out;
}

/* The whole text once the last part is in (g_free), else NULL. */
static char *reassemble(const struct hb_msg *m, const char *from, size_t *len)
{
	const char *xs = msg_get(m, "xfer"), *ps = msg_get(m, "part"), *ns = msg_get(m, "parts");
	size_t blen = 0;
	const void *b = msg_get_bin(m, "cib", &blen);
	if (!b) {
		const char *t = msg_get(m, "cib");
		if (!t)
			return NULL;
		b = t;
		blen = strlen(t);
	}
	if (!xs || !ps || !ns) {
		*len = blen;
		return g_strndup(b, blen);
	}
	unsigned long id = strtoul(xs, NULL, 10);
	size_t part = strtoul(ps, NULL, 10), parts = strtoul(ns, NULL, 10);
	char *all = NULL;
	int got = crm_parts_add(&xfers, from, id, part, parts, b, blen, &all, len);
	if (got == CRM_PARTS_BAD)
		crm_warn("crmd: CIB part %zu/%zu of transfer %lu from %s out of order: dropped", part, parts, id, from);
	if (got != CRM_PARTS_WHOLE)
		return NULL;
	return inflated(m, from, all, len);
}

bool dc_cib_ready(void)
{
	return crm_is_dc() && !pull_from && !dc_syncing();
}

static void sync_everyone(void)
{
	for (guint i = 0; i < crmd.peers->len; i++) {
		struct crm_peer *p = g_ptr_array_index(crmd.peers, i);
		if (peer_member(p))
			p->synced = true;
	}
	cib_replica_send_full(NULL);
	status_update_nodes();
	pe_schedule("new DC or member");
	cibreq_dc_known();   /* changes waited for the newest copy */
}

void dc_sync_cib(void)
{
	struct cib_version best;
	struct crm_peer *from = NULL;
	my_version(&best);
	for (guint i = 0; i < crmd.peers->len; i++) {
		struct crm_peer *p = g_ptr_array_index(crmd.peers, i);
		if (p == peer_me() || !peer_member(p))
			continue;
		if (cib_version_cmp(&p->ver, &best) > 0) {
			best = p->ver;
			from = p;
		}
	}
	if (from) {
		crm_info("crmd: %s has the newest CIB (%lld.%lld.%lld): fetching it", from->uname,
			 best.admin_epoch, best.epoch, best.num_updates);
		g_free(pull_from);
		pull_from = g_strdup(from->uname);
		crm_send(crm_msg_new(CRM_T_CIB_PULL), from->uname);
		return;
	}
	sync_everyone();
}

void dc_node_joined(struct crm_peer *p)
{
	struct cib_version mine;
	my_version(&mine);
	if (cib_version_cmp(&p->ver, &mine) > 0) {
		dc_sync_cib();
		return;
	}
	p->synced = true;
	cib_replica_send_full(p->uname);
	status_update_nodes();
	pe_schedule("node joined");
}

void cib_replica_on_pull(const struct hb_msg *m)
{
	cib_replica_send_full(crm_msg_from(m));
}

void cib_replica_on_full(const struct hb_msg *m)
{
	const char *from = crm_msg_from(m);
	if (!strcmp(from, crmd.me))
		return;
	bool from_dc = crmd.dc && !strcmp(from, crmd.dc);
	bool pulled = crm_is_dc() && pull_from && !strcmp(from, pull_from);
	if (!from_dc && !pulled)
		return;
	size_t len = 0;
	char *text = reassemble(m, from, &len);
	if (!text)
		return;
	char *err = NULL;
	xmlDocPtr doc = cib_xml_parse(text, len, &err);
	g_free(text);
	if (!doc) {
		crm_warn("crmd: the CIB from %s does not parse: %s", from, err ? err : "?");
		g_free(err);
		return;
	}
	struct cib_version v;
	cib_doc_version(doc, &v);
	crm_info("crmd: CIB %lld.%lld.%lld from %s", v.admin_epoch, v.epoch, v.num_updates, from);
	cib_replica_install(doc, NULL);
	if (pulled) {
		g_free(pull_from);
		pull_from = NULL;
		sync_everyone();
	}
}

void cib_replica_on_diff(const struct hb_msg *m)
{
	const char *from = crm_msg_from(m);
	if (!strcmp(from, crmd.me) || !crmd.dc || strcmp(from, crmd.dc))
		return;
	xmlDocPtr d = crm_msg_get_xml(m, "diff");
	if (!d)
		return;
	char *err = NULL;
	xmlDocPtr next = xmlCopyDoc(crmd.cib, 1);
	int rc = cib_patch(next, xmlDocGetRootElement(d), &err);
	if (rc == CIB_OK) {
		cib_replica_install(next, xmlDocGetRootElement(d));
	} else {
		crm_info("crmd: diff from %s does not apply (%s): asking for the whole CIB", from,
			 err ? err : cib_strerror(rc));
		xmlFreeDoc(next);
		crm_send(crm_msg_new(CRM_T_CIB_PULL), from);
	}
	g_free(err);
	xmlFreeDoc(d);
}

void dc_commit(xmlDocPtr doc, const char *why)
{
	xmlNodePtr diff = cib_diff(crmd.cib, doc);
	if (!diff) {
		crm_err("crmd: cannot diff the new CIB: sending it whole");
		cib_replica_install(doc, NULL);
		cib_replica_send_full(NULL);
	} else {
		struct hb_msg *m = crm_msg_new(CRM_T_CIB_DIFF);
		crm_msg_add_xml(m, "diff", diff);
		size_t dlen = 0;
		msg_get_bin(m, "diff", &dlen);
		cib_replica_install(doc, diff);
		if (dlen > CRM_PART) {
			/* too large for one message: the whole copy, in parts */
			msg_free(m);
			cib_replica_send_full(NULL);
		} else {
			crm_send(m, NULL);
		}
		xmlFreeNode(diff);
	}
	if (why)
		pe_schedule(why);
}
