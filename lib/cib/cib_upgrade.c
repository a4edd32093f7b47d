/* cibadmin --upgrade: rewrites a heartbeat 2.x ("0.6") CIB in the
 * pacemaker-1.0 spelling, rule for rule as Pacemaker 1.0's upgrade06.xsl
 * (spec v2-crm.md 1.9), except that existing ids are kept and new ones are
 * readable.  Touches nothing once validate-with names 1.0 or later. */
#include <stdlib.h>
#include <string.h>
#include "cib/cib_doc.h"

static int is_el(xmlNodePtr n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name);
}

static char *dashed(const char *s)
{
	char *d = g_strdup(s);
	for (char *p = d; *p; p++)
		if (*p == '_')
			*p = '-';
	return d;
}

static void rename_attr(xmlNodePtr n, const char *from, const char *to)
{
	const char *v = cib_xml_attr(n, from);
	if (!v)
		return;
	char *val = g_strdup(v);
	xmlUnsetProp(n, (const xmlChar *)from);
	if (!cib_xml_attr(n, to))
		xmlSetProp(n, (const xmlChar *)to, (const xmlChar *)val);
	g_free(val);
}

static void dash_attrs(xmlNodePtr n, const char *const *names)
{
	for (int i = 0; names[i]; i++) {
		char *d = dashed(names[i]);
		rename_attr(n, names[i], d);
		g_free(d);
	}
}

/* <attributes> wrappers: their children move up into the set. */
static void unwrap(xmlNodePtr n, int depth)
{
	for (xmlNodePtr c = n->children, next; c; c = next) {
		next = c->next;
		if (is_el(c, "attributes")) {
			for (xmlNodePtr k = c->children, kn; k; k = kn) {
				kn = k->next;
				xmlUnlinkNode(k);
				xmlAddPrevSibling(c, k);
			}
			xmlUnlinkNode(c);
			xmlFreeNode(c);
		} else if (c->type == XML_ELEMENT_NODE && depth < 256) {
			unwrap(c, depth + 1);
		}
	}
}

static void upcase_infinity(xmlNodePtr n, const char *attr)
{
	const char *v = cib_xml_attr(n, attr);
	if (!v)
		return;
	const char *s = v;
	char sign = 0;
	if (*s == '-' || *s == '+')
		sign = *s++;
	if (g_ascii_strcasecmp(s, "infinity"))
		return;
	char buf[16];
	snprintf(buf, sizeof buf, "%s%s", sign == '-' ? "-" : sign == '+' ? "+" : "", "INFINITY");
	xmlSetProp(n, (const xmlChar *)attr, (const xmlChar *)buf);
}

/* Cluster options renamed by the upgrade (v2 name -> 1.0 name). */
static const char *const option_names[][2] = {
	{ "transition_idle_timeout", "cluster-delay" },
	{ "default_resource_stickiness", "default-resource-stickiness" },
	{ "default_resource_failure_stickiness", "default-resource-failure-stickiness" },
	{ "no_quorum_policy", "no-quorum-policy" }, { "symmetric_cluster", "symmetric-cluster" },
	{ "stonith_enabled", "stonith-enabled" }, { "stonith_action", "stonith-action" },
	{ "is_managed_default", "is-managed-default" }, { "stop_orphan_resources", "stop-orphan-resources" },
	{ "stop_orphan_actions", "stop-orphan-actions" }, { "remove_after_stop", "remove-after-stop" },
	{ "startup_fencing", "startup-fencing" }, { "cluster_recheck_interval", "cluster-recheck-interval" },
	{ "dc_deadtime", "dc-deadtime" }, { "default_action_timeout", "default-action-timeout" },
	{ "short_resource_names", "short-resource-names" }, { "pe_error_series_max", "pe-error-series-max" },
	{ "pe_warn_series_max", "pe-warn-series-max" }, { "pe_input_series_max", "pe-input-series-max" },
	{ NULL, NULL }
};

static void upgrade_options(xmlNodePtr crm_config)
{
	for (xmlNodePtr set = crm_config->children; set; set = set->next)
		for (xmlNodePtr nv = is_el(set, "cluster_property_set") ? set->children : NULL; nv; nv = nv->next) {
			const char *name = cib_xml_attr(nv, "name");
			for (int i = 0; name && option_names[i][0]; i++)
				if (!strcmp(name, option_names[i][0])) {
					xmlSetProp(nv, (const xmlChar *)"name", (const xmlChar *)option_names[i][1]);
					break;
				}
		}
}

/* Options of a resource that 1.0 keeps in meta_attributes. */
static const char *const meta_xml_attrs[] = {
	"is_managed", "resource_stickiness", "restart_type", "multiple_active", "notify",
	"globally_unique", "ordered", "interleave", "collocated", "target_role", NULL
};
static const char *const meta_params[] = {
	"target_role", "resource_stickiness", "clone_max", "clone_node_max", "master_max",
	"master_node_max", "globally_unique", "allow_migrate", NULL
};

static int is_resource(xmlNodePtr n)
{
	return is_el(n, "primitive") || is_el(n, "group") || is_el(n, "clone") || is_el(n, "master") ||
	       is_el(n, "master_slave");
}

static xmlNodePtr meta_set(xmlNodePtr rsc)
{
	for (xmlNodePtr c = rsc->children; c; c = c->next)
		if (is_el(c, "meta_attributes"))
			return c;
	xmlNodePtr m = xmlNewDocNode(rsc->doc, NULL, (const xmlChar *)"meta_attributes", NULL);
	char *id = g_strdup_printf("%s-%s.meta", (const char *)rsc->name, cib_xml_attr(rsc, "id") ?
				   cib_xml_attr(rsc, "id") : "");
	xmlSetProp(m, (const xmlChar *)"id", (const xmlChar *)id);
	g_free(id);
	if (rsc->children)
		xmlAddPrevSibling(rsc->children, m);
	else
		xmlAddChild(rsc, m);
	return m;
}

static void add_meta(xmlNodePtr rsc, const char *v2name, const char *value)
{
	xmlNodePtr m = meta_set(rsc);
	char *name = dashed(v2name);
	for (xmlNodePtr nv = m->children; nv; nv = nv->next)
		if (is_el(nv, "nvpair") && cib_xml_attr(nv, "name") && !strcmp(cib_xml_attr(nv, "name"), name)) {
			g_free(name);
			return; /* an explicit meta attribute wins */
		}
	xmlNodePtr nv = xmlNewChild(m, NULL, (const xmlChar *)"nvpair", NULL);
	char *id = g_strdup_printf("%s-%s", cib_xml_attr(m, "id"), name);
	xmlSetProp(nv, (const xmlChar *)"id", (const xmlChar *)id);
	xmlSetProp(nv, (const xmlChar *)"name", (const xmlChar *)name);
	xmlSetProp(nv, (const xmlChar *)"value", (const xmlChar *)value);
	g_free(id);
	g_free(name);
}

static int in_list(const char *s, const char *const *l)
{
	for (int i = 0; s && l[i]; i++)
		if (!strcmp(s, l[i]))
			return 1;
	return 0;
}

static void upgrade_resource(xmlNodePtr r, int depth)
{
	if (is_el(r, "master_slave"))
		xmlNodeSetName(r, (const xmlChar *)"master");
	/* Only OCF agents have providers in 1.0's schema. */
	const char *cls = cib_xml_attr(r, "class");
	if (is_el(r, "primitive") && cls && strcmp(cls, "ocf"))
		xmlUnsetProp(r, (const xmlChar *)"provider");
	meta_set(r);
	for (int i = 0; meta_xml_attrs[i]; i++) {
		const char *v = cib_xml_attr(r, meta_xml_attrs[i]);
		if (!v)
			continue;
		char *val = g_strdup(v);
		xmlUnsetProp(r, (const xmlChar *)meta_xml_attrs[i]);
		add_meta(r, meta_xml_attrs[i], val);
		g_free(val);
	}
	for (xmlNodePtr c = r->children, next; c; c = next) {
		next = c->next;
		if (is_el(c, "instance_attributes")) {
			for (xmlNodePtr nv = c->children, nn; nv; nv = nn) {
				nn = nv->next;
				if (!is_el(nv, "nvpair") || !in_list(cib_xml_attr(nv, "name"), meta_params))
					continue;
				add_meta(r, cib_xml_attr(nv, "name"), cib_xml_attr(nv, "value") ?
					 cib_xml_attr(nv, "value") : "");
				xmlUnlinkNode(nv);
				xmlFreeNode(nv);
			}
			if (!cib_xml_child(c, NULL, NULL) && !c->children) {
				xmlUnlinkNode(c);
				xmlFreeNode(c);
			}
		} else if (is_el(c, "meta_attributes")) {
			for (xmlNodePtr nv = c->children; nv; nv = nv->next)
				if (is_el(nv, "nvpair") && cib_xml_attr(nv, "name") && strchr(cib_xml_attr(nv, "name"), '_')) {
					char *d = dashed(cib_xml_attr(nv, "name"));
					xmlSetProp(nv, (const xmlChar *)"name", (const xmlChar *)d);
					g_free(d);
				}
		} else if (is_el(c, "operations")) {
			static const char *const op_attrs[] = { "on_fail", "start_delay", NULL };
			for (xmlNodePtr op = c->children; op; op = op->next) {
				if (!is_el(op, "op"))
					continue;
				dash_attrs(op, op_attrs);
				rename_attr(op, "prereq", "requires");
				const char *dis = cib_xml_attr(op, "disabled");
				if (dis) {
					int off = !g_ascii_strcasecmp(dis, "true") || !strcmp(dis, "1") ||
						  !g_ascii_strcasecmp(dis, "yes") || !g_ascii_strcasecmp(dis, "on");
					xmlUnsetProp(op, (const xmlChar *)"disabled");
					xmlSetProp(op, (const xmlChar *)"enabled", (const xmlChar *)(off ? "false" : "true"));
				}
			}
		} else if (is_resource(c) && depth < 16) {
			upgrade_resource(c, depth + 1);
		}
	}
}

static void upgrade_rule(xmlNodePtr rule, int depth)
{
	static const char *const names[] = { "boolean_op", "score_attribute", NULL };
	dash_attrs(rule, names);
	upcase_infinity(rule, "score");
	if (!cib_xml_attr(rule, "score") && !cib_xml_attr(rule, "score-attribute"))
		xmlSetProp(rule, (const xmlChar *)"score", (const xmlChar *)"0");
	for (xmlNodePtr c = rule->children; c && depth < 64; c = c->next)
		if (is_el(c, "rule"))
			upgrade_rule(c, depth + 1);
}

static void upgrade_order(xmlNodePtr o)
{
	if (cib_xml_attr(o, "first"))
		return;
	const char *type = cib_xml_attr(o, "type");
	int before = type && !strcmp(type, "before");
	char *from = g_strdup(cib_xml_attr(o, "from")), *to = g_strdup(cib_xml_attr(o, "to"));
	char *action = g_strdup(cib_xml_attr(o, "action")), *to_action = g_strdup(cib_xml_attr(o, "to_action"));
	static const char *const old[] = { "from", "to", "action", "to_action", "type", NULL };
	for (int i = 0; old[i]; i++)
		xmlUnsetProp(o, (const xmlChar *)old[i]);
	/* from=X type=after to=Y: X after Y, so Y first. */
	const char *first = before ? from : to, *then = before ? to : from;
	const char *then_action = before ? (to_action ? to_action : action) : action;
	const char *first_action = before ? action : (to_action ? to_action : action);
	if (first)
		xmlSetProp(o, (const xmlChar *)"first", (const xmlChar *)first);
	if (then)
		xmlSetProp(o, (const xmlChar *)"then", (const xmlChar *)then);
	if (then_action)
		xmlSetProp(o, (const xmlChar *)"then-action", (const xmlChar *)then_action);
	if (first_action)
		xmlSetProp(o, (const xmlChar *)"first-action", (const xmlChar *)first_action);
	g_free(from);
	g_free(to);
	g_free(action);
	g_free(to_action);
}

static void upgrade_constraints(xmlNodePtr cons)
{
	for (xmlNodePtr c = cons->children; c; c = c->next) {
		if (is_el(c, "rsc_colocation")) {
			rename_attr(c, "from", "rsc");
			rename_attr(c, "to", "with-rsc");
			rename_attr(c, "from_role", "rsc-role");
			rename_attr(c, "to_role", "with-rsc-role");
			rename_attr(c, "node_attribute", "node-attribute");
			xmlUnsetProp(c, (const xmlChar *)"symmetrical");
		} else if (is_el(c, "rsc_order")) {
			upgrade_order(c);
		}
		if (c->type == XML_ELEMENT_NODE)
			upcase_infinity(c, "score");
		for (xmlNodePtr k = c->children; k; k = k->next)
			if (is_el(k, "rule"))
				upgrade_rule(k, 0);
	}
}

static void upgrade_status(xmlNodePtr status)
{
	static const char *const op_attrs[] = {
		"op_status", "rc_code", "call_id", "transition_magic", "transition_key", "op_digest",
		"op_restart_digest", "op_force_restart", NULL
	};
	for (xmlNodePtr ns = status->children; ns; ns = ns->next)
		for (xmlNodePtr l = is_el(ns, "node_state") ? ns->children : NULL; l; l = l->next)
			for (xmlNodePtr rs = is_el(l, "lrm") ? l->children : NULL; rs; rs = rs->next)
				for (xmlNodePtr r = is_el(rs, "lrm_resources") ? rs->children : NULL; r; r = r->next)
					for (xmlNodePtr op = is_el(r, "lrm_resource") ? r->children : NULL; op; op = op->next)
						if (is_el(op, "lrm_rsc_op"))
							dash_attrs(op, op_attrs);
}

int cib_doc_upgrade(xmlDocPtr doc)
{
	xmlNodePtr root = xmlDocGetRootElement(doc);
	if (!is_el(root, "cib"))
		return 0;
	const char *vw = cib_xml_attr(root, "validate-with");
	if (vw && strncmp(vw, "transitional-0.6", 16) && strcmp(vw, "pacemaker-0.6"))
		return 0;
	rename_attr(root, "have_quorum", "have-quorum");
	rename_attr(root, "dc_uuid", "dc-uuid");
	rename_attr(root, "remote_access_port", "remote-tls-port");
	static const char *const v2_only[] = {
		"generated", "ccm_transition", "num_peers", "cib_feature_revision", "ignore_dtd",
		"crm-debug-origin", NULL
	};
	for (int i = 0; v2_only[i]; i++)
		xmlUnsetProp(root, (const xmlChar *)v2_only[i]);
	xmlSetProp(root, (const xmlChar *)"validate-with", (const xmlChar *)"pacemaker-1.0");
	unwrap(root, 0);
	xmlNodePtr cfg = cib_xml_child(root, "configuration", NULL);
	for (xmlNodePtr s = cfg ? cfg->children : NULL; s; s = s->next) {
		if (is_el(s, "crm_config"))
			upgrade_options(s);
		else if (is_el(s, "resources"))
			for (xmlNodePtr r = s->children; r; r = r->next)
				if (is_resource(r))
					upgrade_resource(r, 0);
		if (is_el(s, "constraints"))
			upgrade_constraints(s);
	}
	xmlNodePtr st = cib_xml_child(root, "status", NULL);
	if (st)
		upgrade_status(st);
	return 1;
}
