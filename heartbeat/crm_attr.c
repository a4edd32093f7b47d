/* One attribute in the CIB, found, set or deleted as Pacemaker 1.0's
 * cib_attrs.c did it (the search is its xpath, the writes are modify and
 * delete requests through cib_conn).  Used by crm_attribute and its
 * aliases crm_standby, crm_failcount and crm_master. */
#include <string.h>
#include <libxml/xpath.h>
#include "crm_attr.h"

static const char *section_path(const char *s)
{
	if (!strcmp(s, "status"))
		return "/cib/status";
	return NULL;
}

static char *quoted(const char *v)
{
	/* XPath 1.0 has no escapes: pick the quote the value lacks. */
	if (!strchr(v, '\''))
		return g_strdup_printf("'%s'", v);
	if (!strchr(v, '"'))
		return g_strdup_printf("\"%s\"", v);
	return NULL;
}

static char *build_xpath(const struct attr_ref *a)
{
	GString *x = g_string_new(NULL);
	const char *set_type = "instance_attributes";
	const char *sp = section_path(a->section);
	if (sp)
		g_string_append(x, sp);
	else
		g_string_append_printf(x, "/cib/configuration/%s", a->section);
	int bad = 0;
	if (!strcmp(a->section, "crm_config")) {
		set_type = "cluster_property_set";
	} else if (!strcmp(a->section, "rsc_defaults") || !strcmp(a->section, "op_defaults")) {
		set_type = "meta_attributes";
	} else if (a->node_uuid) {
		char *q = quoted(a->node_uuid);
		bad |= !q;
		if (!strcmp(a->section, "status")) {
			g_string_append_printf(x, "//node_state[@id=%s]", q ? q : "''");
			set_type = "transient_attributes";
		} else {
			g_string_append_printf(x, "//node[@id=%s]", q ? q : "''");
		}
		g_free(q);
	}
	if (a->set_name) {
		char *q = quoted(a->set_name);
		bad |= !q;
		/* A named set in the status section is an instance_attributes
		 * inside transient_attributes (1.0 looked for a
		 * transient_attributes of that id, and so never found the
		 * crm_master sets it wrote). */
		if (!strcmp(set_type, "transient_attributes"))
			g_string_append_printf(x, "//transient_attributes//instance_attributes[@id=%s]", q ? q : "''");
		else
			g_string_append_printf(x, "//%s[@id=%s]", set_type, q ? q : "''");
		g_free(q);
	} else {
		g_string_append_printf(x, "//%s", set_type);
	}
	g_string_append(x, "//nvpair[");
	if (a->attr_id) {
		char *q = quoted(a->attr_id);
		bad |= !q;
		g_string_append_printf(x, "@id=%s", q ? q : "''");
		g_free(q);
	}
	if (a->attr_name) {
		char *q = quoted(a->attr_name);
		bad |= !q;
		g_string_append_printf(x, "%s@name=%s", a->attr_id ? " and " : "", q ? q : "''");
		g_free(q);
	}
	g_string_append_c(x, ']');
	if (bad) {
		g_string_free(x, TRUE);
		return NULL;
	}
	return g_string_free(x, FALSE);
}

int attr_find(xmlDocPtr doc, const struct attr_ref *a, int to_console, xmlNodePtr *found)
{
	*found = NULL;
	if (!a->attr_id && !a->attr_name)
		return CIB_E_MISSING;
	char *xp = build_xpath(a);
	if (!xp)
		return CIB_E_INVALID_ARG;
	xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
	xmlXPathObjectPtr o = ctx ? xmlXPathEvalExpression((const xmlChar *)xp, ctx) : NULL;
	int n = o && o->type == XPATH_NODESET && o->nodesetval ? o->nodesetval->nodeNr : 0;
	int rc = CIB_OK;
	if (n == 0) {
		rc = CIB_E_NOTEXISTS;
	} else if (n > 1) {
		rc = CIB_E_MISSING_DATA;
		if (to_console) {
			printf("Multiple attributes match name=%s\n", a->attr_name ? a->attr_name : "(null)");
			for (int i = 0; i < n; i++) {
				xmlNodePtr c = o->nodesetval->nodeTab[i];
				printf("  Value: %s \t(id=%s)\n", cib_xml_attr(c, "value") ? cib_xml_attr(c, "value") : "(null)",
				       cib_xml_attr(c, "id") ? cib_xml_attr(c, "id") : "(null)");
			}
		}
	} else {
		*found = o->nodesetval->nodeTab[0];
	}
	if (o)
		xmlXPathFreeObject(o);
	if (ctx)
		xmlXPathFreeContext(ctx);
	g_free(xp);
	return rc;
}

static xmlNodePtr nvpair(const char *id, const char *name, const char *value)
{
	xmlNodePtr n = xmlNewNode(NULL, (const xmlChar *)"nvpair");
	if (id)
		xmlSetProp(n, (const xmlChar *)"id", (const xmlChar *)id);
	if (name)
		xmlSetProp(n, (const xmlChar *)"name", (const xmlChar *)name);
	if (value)
		xmlSetProp(n, (const xmlChar *)"value", (const xmlChar *)value);
	return n;
}

/* 0.6 CIBs keep nvpairs inside an <attributes> wrapper. */
static int legacy(xmlDocPtr doc)
{
	xmlNodePtr r = xmlDocGetRootElement(doc);
	const char *vw = cib_xml_attr(r, "validate-with");
	return cib_xml_attr(r, "ignore_dtd") || !vw || strstr(vw, "-0.6");
}

int attr_update(struct cib_conn *c, const char *prog, xmlDocPtr doc, const struct attr_ref *a, const char *value)
{
	xmlNodePtr found = NULL;
	int rc = attr_find(doc, a, 0, &found);
	xmlNodePtr top = NULL;
	if (rc == CIB_OK) {
		top = nvpair(cib_xml_attr(found, "id"), a->attr_name, value);
	} else if (rc != CIB_E_NOTEXISTS) {
		return rc;
	} else {
		const char *sec = a->section;
		int node = !strcmp(sec, "nodes") || !strcmp(sec, "status");
		if (node && !a->node_uuid)
			return CIB_E_MISSING;
		char *set = a->set_name ? g_strdup(a->set_name) :
			    !strcmp(sec, "crm_config") ? g_strdup("cib-bootstrap-options") :
			    node ? g_strdup_printf("%s-%s", sec, a->node_uuid) : g_strdup_printf("%s-options", sec);
		char *id = a->attr_id ? g_strdup(a->attr_id) : g_strdup_printf("%s-%s", set, a->attr_name);
		for (char *p = id; !a->attr_id && *p; p++)
			if (*p == ':')
				*p = '.'; /* 1.0's "minimal attempt at sanitizing automatic IDs" */
		xmlNodePtr setn;
		if (!strcmp(sec, "status")) {
			top = xmlNewNode(NULL, (const xmlChar *)"node_state");
			xmlSetProp(top, (const xmlChar *)"id", (const xmlChar *)a->node_uuid);
			xmlNodePtr ta = xmlNewChild(top, NULL, (const xmlChar *)"transient_attributes", NULL);
			xmlSetProp(ta, (const xmlChar *)"id", (const xmlChar *)a->node_uuid);
			setn = xmlNewChild(ta, NULL, (const xmlChar *)"instance_attributes", NULL);
		} else if (!strcmp(sec, "nodes")) {
			top = xmlNewNode(NULL, (const xmlChar *)"node");
			xmlSetProp(top, (const xmlChar *)"id", (const xmlChar *)a->node_uuid);
			setn = xmlNewChild(top, NULL, (const xmlChar *)"instance_attributes", NULL);
		} else {
			top = setn = xmlNewNode(NULL, (const xmlChar *)(!strcmp(sec, "crm_config") ? "cluster_property_set"
											: "meta_attributes"));
		}
		xmlSetProp(setn, (const xmlChar *)"id", (const xmlChar *)set);
		if (legacy(doc))
			setn = xmlNewChild(setn, NULL, (const xmlChar *)"attributes", NULL);
		xmlAddChild(setn, nvpair(id, a->attr_name ? a->attr_name : id, value));
		g_free(set);
		g_free(id);
	}
	struct cib_req req = { CIB_REQ_MODIFY, a->section, NULL, top, CIB_F_CAN_CREATE | CIB_F_FORCE };
	rc = tool_apply(c, prog, &req, NULL);
	xmlFreeNode(top);
	return rc;
}

int attr_delete(struct cib_conn *c, const char *prog, xmlDocPtr doc, const struct attr_ref *a)
{
	const char *id = a->attr_id;
	if (!id) {
		xmlNodePtr found = NULL;
		int rc = attr_find(doc, a, 1, &found);
		if (rc != CIB_OK)
			return rc;
		id = cib_xml_attr(found, "id");
	}
	xmlNodePtr n = nvpair(id, a->attr_name, NULL);
	struct cib_req req = { CIB_REQ_DELETE, a->section, NULL, n, CIB_F_FORCE };
	int rc = tool_apply(c, prog, &req, NULL);
	xmlFreeNode(n);
	if (rc == CIB_OK)
		/* 1.0 printed the id it had looked up: "(null)" when given -i. */
		printf("Deleted %s %s: id=%s%s%s%s%s\n\n", a->section, a->node_uuid ? "attribute" : "option",
		       a->attr_id ? "(null)" : id, a->set_name ? " set=" : "", a->set_name ? a->set_name : "",
		       a->attr_name ? " name=" : "", a->attr_name ? a->attr_name : "");
	return rc;
}
