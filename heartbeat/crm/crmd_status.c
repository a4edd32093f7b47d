/* The parts of the CIB the DC writes itself: the <nodes> entries of the
 * configured nodes, each node's node_state (membership as heartbeat and
 * the election see it), have-quorum and dc-uuid on the root, the
 * transient node attributes (fail-count-RSC, last-failure-RSC) and the
 * operation history (lrm_resource / lrm_rsc_op) in Pacemaker 1.0's
 * spelling, so ptest and crm_simulate can read a copy of the live CIB. */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "config.h"
#include "crmd.h"
#include "cib/cib.h"

static xmlNodePtr child(xmlNodePtr parent, const char *tag, const char *attr, const char *value, bool create)
{
	for (xmlNodePtr c = parent->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE || strcmp((const char *)c->name, tag))
			continue;
		const char *v = attr ? cib_xml_attr(c, attr) : NULL;
		if (!attr || (v && !strcmp(v, value)))
			return c;
	}
	if (!create)
		return NULL;
	xmlNodePtr n = xmlNewChild(parent, NULL, (const xmlChar *)tag, NULL);
	if (attr)
		xmlSetProp(n, (const xmlChar *)attr, (const xmlChar *)value);
	return n;
}

static void set(xmlNodePtr n, const char *name, const char *value)
{
	const char *old = cib_xml_attr(n, name);
	if (!old || strcmp(old, value))
		xmlSetProp(n, (const xmlChar *)name, (const xmlChar *)value);
}

static xmlNodePtr section(xmlDocPtr doc, const char *name)
{
	xmlNodePtr s = cib_section(doc, name);
	if (s)
		return s;
	xmlNodePtr root = xmlDocGetRootElement(doc);
	if (!strcmp(name, "status"))
		return xmlNewChild(root, NULL, (const xmlChar *)"status", NULL);
	xmlNodePtr cfg = child(root, "configuration", NULL, NULL, true);
	return xmlNewChild(cfg, NULL, (const xmlChar *)name, NULL);
}

xmlNodePtr status_node_state(xmlDocPtr doc, struct crm_peer *p)
{
	xmlNodePtr st = section(doc, "status");
	xmlNodePtr ns = child(st, "node_state", "uname", p->uname, false);
	if (!ns) {
		ns = child(st, "node_state", "id", p->uuid, true);
		set(ns, "uname", p->uname);
	}
	if (!cib_xml_attr(ns, "id"))
		set(ns, "id", p->uuid);
	return ns;
}

static xmlNodePtr attr_set(xmlDocPtr doc, struct crm_peer *p, bool create)
{
	xmlNodePtr ns = status_node_state(doc, p);
	xmlNodePtr ta = child(ns, "transient_attributes", NULL, NULL, create);
	if (!ta)
		return NULL;
	set(ta, "id", p->uuid);
	char *id = g_strdup_printf("status-%s", p->uuid);
	xmlNodePtr ia = child(ta, "instance_attributes", NULL, NULL, create);
	if (ia)
		set(ia, "id", id);
	g_free(id);
	return ia;
}

void status_set_attr(xmlDocPtr doc, struct crm_peer *p, const char *name, const char *value)
{
	xmlNodePtr ia = attr_set(doc, p, value != NULL);
	if (!ia)
		return;
	xmlNodePtr nv = child(ia, "nvpair", "name", name, false);
	if (!value) {
		if (nv) {
			xmlUnlinkNode(nv);
			xmlFreeNode(nv);
		}
		return;
	}
	if (!nv) {
		nv = xmlNewChild(ia, NULL, (const xmlChar *)"nvpair", NULL);
		char *id = g_strdup_printf("status-%s-%s", p->uuid, name);
		set(nv, "id", id);
		g_free(id);
		set(nv, "name", name);
	}
	set(nv, "value", value);
}

const char *status_get_attr(xmlDocPtr doc, struct crm_peer *p, const char *name)
{
	xmlNodePtr st = cib_section(doc, "status");
	xmlNodePtr ns = st ? child(st, "node_state", "uname", p->uname, false) : NULL;
	xmlNodePtr ta = ns ? child(ns, "transient_attributes", NULL, NULL, false) : NULL;
	xmlNodePtr ia = ta ? child(ta, "instance_attributes", NULL, NULL, false) : NULL;
	xmlNodePtr nv = ia ? child(ia, "nvpair", "name", name, false) : NULL;
	return nv ? cib_xml_attr(nv, "value") : NULL;
}

/* next (taken) against the replica: nothing changed -> dropped; else
 * bumped (epoch when the configuration changed) and committed. */
static void commit_if_changed(xmlDocPtr next, const char *why)
{
	xmlNodePtr d = cib_diff(crmd.cib, next);
	bool empty = d && cib_diff_is_empty(d);
	if (d)
		xmlFreeNode(d);
	if (empty) {
		xmlFreeDoc(next);
		return;
	}
	xmlNodePtr oc = cib_section(crmd.cib, "configuration"), nc = cib_section(next, "configuration");
	char *a = oc ? cib_xml_canon(oc, 0) : g_strdup(""), *b = nc ? cib_xml_canon(nc, 0) : g_strdup("");
	cib_bump(next, strcmp(a, b) != 0);
	g_free(a);
	g_free(b);
	dc_commit(next, why);
}

void status_update_nodes(void)
{
	if (!crm_is_dc())
		return;
	xmlDocPtr next = xmlCopyDoc(crmd.cib, 1);
	xmlNodePtr nodes = section(next, "nodes");
	for (guint i = 0; i < crmd.peers->len; i++) {
		struct crm_peer *p = g_ptr_array_index(crmd.peers, i);
		if (!child(nodes, "node", "uname", p->uname, false)) {
			xmlNodePtr n = child(nodes, "node", "id", p->uuid, true);
			set(n, "uname", p->uname);
			set(n, "type", "normal");
		}
		/* A node whose heartbeat runs but whose crmd does not (restarting)
		 * still runs what its lrmd runs: it stays expected, so the
		 * engine never takes its resources for stopped meanwhile. */
		bool m = peer_member(p);
		xmlNodePtr ns = status_node_state(next, p);
		const char *was = cib_xml_attr(ns, "expected");
		bool expected = was && !strcmp(was, "member");
		set(ns, "ha", p->hb_active ? "active" : "dead");
		set(ns, "in_ccm", p->hb_active ? "true" : "false");
		set(ns, "crmd", m ? "online" : "offline");
		if (m) {
			set(ns, "join", "member");
			set(ns, "expected", "member");
		} else if (p->hb_active) {
			set(ns, "join", "pending");
		} else if (!(expected && stonith_enabled())) {
			set(ns, "join", "down");
			set(ns, "expected", "down");
		}
		/* else: lost while expected, with fencing: unclean (join kept)
		 * until status_node_fenced */
	}
	xmlNodePtr root = xmlDocGetRootElement(next);
	crmd.have_quorum = peers_members() * 2 > peers_configured();
	set(root, "have-quorum", crmd.have_quorum ? "1" : "0");
	set(root, "dc-uuid", crmd.my_uuid);
	xmlNodePtr cc = section(next, "crm_config");
	xmlNodePtr ps = child(cc, "cluster_property_set", "id", "cib-bootstrap-options", true);
	xmlNodePtr v = child(ps, "nvpair", "id", "cib-bootstrap-options-dc-version", true);
	set(v, "name", "dc-version");
	set(v, "value", HB_VERSION "-ng");
	xmlNodePtr ci = child(ps, "nvpair", "id", "cib-bootstrap-options-cluster-infrastructure", true);
	set(ci, "name", "cluster-infrastructure");
	set(ci, "value", "Heartbeat");
	commit_if_changed(next, "membership");
}

const char *cib_option(const char *name)
{
	xmlNodePtr cc = cib_section(crmd.cib, "crm_config");
	for (xmlNodePtr ps = cc ? cc->children : NULL; ps; ps = ps->next)
		for (xmlNodePtr nv = ps->children; nv; nv = nv->next) {
			const char *n = nv->type == XML_ELEMENT_NODE ? cib_xml_attr(nv, "name") : NULL;
			if (n && !strcmp(n, name))
				return cib_xml_attr(nv, "value");
		}
	return NULL;
}

bool stonith_enabled(void)
{
	const char *v = cib_option("stonith-enabled");
	if (!v)
		v = cib_option("stonith_enabled");
	return !v || cib_is_true(v);   /* Pacemaker 1.0's default: on */
}

static void forget_node(xmlDocPtr next, struct crm_peer *p)
{
	xmlNodePtr ns = status_node_state(next, p);
	for (xmlNodePtr c = ns->children, nx; c; c = nx) {
		nx = c->next;
		if (c->type == XML_ELEMENT_NODE &&
		    (!strcmp((const char *)c->name, "lrm") || !strcmp((const char *)c->name, "transient_attributes"))) {
			xmlUnlinkNode(c);
			xmlFreeNode(c);
		}
	}
}

void status_node_down(const char *uname)
{
	struct crm_peer *p = peer_find(uname);
	if (!p || !crm_is_dc())
		return;
	if (stonith_enabled()) {
		/* unclean: it stays expected, its history says what it may still
		 * run; the engine fences it before anything moves */
		xmlDocPtr next = xmlCopyDoc(crmd.cib, 1);
		xmlNodePtr ns = status_node_state(next, p);
		set(ns, "ha", "dead");
		set(ns, "in_ccm", "false");
		set(ns, "crmd", "offline");
		commit_if_changed(next, NULL);
		return;
	}
	/* Without fencing a node heartbeat declared dead runs nothing any
	 * more: its history and transient attributes go (it re-probes when it
	 * returns), as Pacemaker clears them for a node that left. */
	xmlDocPtr next = xmlCopyDoc(crmd.cib, 1);
	forget_node(next, p);
	commit_if_changed(next, NULL);
	status_update_nodes();
}

void status_node_fenced(const char *uname)
{
	struct crm_peer *p = peer_find(uname);
	if (!p || !crm_is_dc())
		return;
	xmlDocPtr next = xmlCopyDoc(crmd.cib, 1);
	forget_node(next, p);
	xmlNodePtr ns = status_node_state(next, p);
	set(ns, "in_ccm", "false");
	set(ns, "crmd", "offline");
	set(ns, "join", "down");
	set(ns, "expected", "down");
	commit_if_changed(next, NULL);
}

void status_commit(xmlDocPtr next, const char *why)
{
	commit_if_changed(next, why);
}

/* One result into the history.  Fields of m: node rsc class provider type
 * op interval call_id rc op_status exec_time queue_time tkey digest. */
xmlNodePtr status_record_op(xmlDocPtr doc, struct crm_peer *p, const struct hb_msg *m)
{
	const char *rsc = msg_get(m, "rsc"), *op = msg_get(m, "op"), *iv = msg_get(m, "interval");
	if (!rsc || !op || !iv)
		return NULL;
	xmlNodePtr ns = status_node_state(doc, p);
	xmlNodePtr lrm = child(ns, "lrm", NULL, NULL, true);
	set(lrm, "id", p->uuid);
	xmlNodePtr lr = child(lrm, "lrm_resources", NULL, NULL, true);
	xmlNodePtr r = child(lr, "lrm_resource", "id", rsc, true);
	static const char *const rattrs[] = { "type", "class", "provider" };
	for (int i = 0; i < 3; i++) {
		const char *v = msg_get(m, rattrs[i]);
		if (v && *v)
			set(r, rattrs[i], v);
	}
	char *key = g_strdup_printf("%s_%s_%s", rsc, op, iv);
	xmlNodePtr o = child(r, "lrm_rsc_op", "id", key, true);
	const char *rc = msg_get(m, "rc"), *st = msg_get(m, "op_status"), *tkey = msg_get(m, "tkey");
	char *prev_rc = g_strdup(cib_xml_attr(o, "rc-code"));   /* set() below frees the attribute */
	set(o, "operation_key", key);   /* also on the last_failure copy */
	set(o, "operation", op);
	set(o, "crm-debug-origin", "do_update_resource");
	set(o, "crm_feature_set", "3.0.1");
	if (tkey) {
		set(o, "transition-key", tkey);
		char *magic = g_strdup_printf("%s:%s;%s", st ? st : "0", rc ? rc : "0", tkey);
		set(o, "transition-magic", magic);
		g_free(magic);
	}
	set(o, "call-id", msg_get(m, "call_id") ? msg_get(m, "call_id") : "0");
	set(o, "rc-code", rc ? rc : "0");
	set(o, "op-status", st ? st : "0");
	set(o, "interval", iv);
	char now[32];
	snprintf(now, sizeof now, "%lld", (long long)time(NULL));
	set(o, "last-run", now);
	if (!prev_rc || !rc || strcmp(prev_rc, rc))
		set(o, "last-rc-change", now);
	else if (!cib_xml_attr(o, "last-rc-change"))
		set(o, "last-rc-change", now);
	set(o, "exec-time", msg_get(m, "exec_time") ? msg_get(m, "exec_time") : "0");
	set(o, "queue-time", msg_get(m, "queue_time") ? msg_get(m, "queue_time") : "0");
	if (msg_get(m, "digest"))
		set(o, "op-digest", msg_get(m, "digest"));
	g_free(prev_rc);
	g_free(key);
	return o;
}

/* A failed op is also kept as RSC_last_failure_0 (Pacemaker's name), so
 * "Failed actions" still shows it after the recovery has rewritten the op's
 * own entry, until a cleanup removes the resource's history. */
void status_record_failure(xmlNodePtr op)
{
	xmlNodePtr r = op->parent;
	const char *rid = cib_xml_attr(r, "id");
	if (!rid)
		return;
	char *id = g_strdup_printf("%s_last_failure_0", rid);
	xmlNodePtr old = child(r, "lrm_rsc_op", "id", id, false);
	if (old) {
		xmlUnlinkNode(old);
		xmlFreeNode(old);
	}
	xmlNodePtr copy = xmlCopyNode(op, 1);
	xmlSetProp(copy, (const xmlChar *)"id", (const xmlChar *)id);
	xmlAddChild(r, copy);
	g_free(id);
}
