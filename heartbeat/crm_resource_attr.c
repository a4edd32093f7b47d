/* crm_resource -p / -g / -d (with --meta): a resource's instance or meta
 * attributes, found in its own attribute sets and written with the set
 * and nvpair ids 1.0 generated ("RSC-instance_attributes-NAME"). */
#include <string.h>
#include "crm_resource.h"

static int is_el(xmlNodePtr n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name);
}

/* The resource's definition by the id the user gave. */
static xmlNodePtr rsc_xml(struct rsc_opts *o)
{
	return cib_xml_find_id(cib_section(o->view->doc, "resources"), NULL, o->rsc_id);
}

/* nvpairs of the resource's own sets of set_type matching the request. */
static GPtrArray *matches(xmlNodePtr rsc, const char *set_type, const char *set, const char *id, const char *name)
{
	GPtrArray *m = g_ptr_array_new();
	for (xmlNodePtr s = rsc ? rsc->children : NULL; s; s = s->next) {
		if (!is_el(s, set_type) || (set && (!cib_xml_attr(s, "id") || strcmp(cib_xml_attr(s, "id"), set))))
			continue;
		GPtrArray *stack = g_ptr_array_new();
		g_ptr_array_add(stack, s);
		while (stack->len) {
			xmlNodePtr n = g_ptr_array_remove_index(stack, 0);
			for (xmlNodePtr c = n->children; c; c = c->next) {
				if (is_el(c, "attributes"))
					g_ptr_array_add(stack, c);
				if (!is_el(c, "nvpair"))
					continue;
				const char *cid = cib_xml_attr(c, "id"), *cn = cib_xml_attr(c, "name");
				if ((!id || (cid && !strcmp(cid, id))) && (!name || (cn && !strcmp(cn, name))))
					g_ptr_array_add(m, c);
			}
		}
		g_ptr_array_free(stack, TRUE);
	}
	return m;
}

static int find_one(xmlNodePtr rsc, const char *set_type, const char *set, const char *id, const char *name,
		    int to_console, xmlNodePtr *found)
{
	GPtrArray *m = matches(rsc, set_type, set, id, name);
	int rc = CIB_OK;
	*found = NULL;
	if (!m->len) {
		rc = CIB_E_NOTEXISTS;
	} else if (m->len > 1) {
		rc = CIB_E_MISSING_DATA;
		if (to_console) {
			printf("Multiple attributes match name=%s\n", name ? name : "(null)");
			for (guint i = 0; i < m->len; i++) {
				xmlNodePtr c = g_ptr_array_index(m, i);
				printf("  Value: %s \t(id=%s)\n", cib_xml_attr(c, "value") ? cib_xml_attr(c, "value") : "(null)",
				       cib_xml_attr(c, "id") ? cib_xml_attr(c, "id") : "(null)");
			}
		}
	} else {
		*found = g_ptr_array_index(m, 0);
	}
	g_ptr_array_free(m, TRUE);
	return rc;
}

int rsc_get_param(struct rsc_opts *o)
{
	struct view_rsc *r = rsc_find_or_clone(o->view, o->rsc_id);
	if (!r)
		return CIB_E_NOTEXISTS;
	if (r->kind == VIEW_PRIM && r->nodes->len > 1)
		CMD_ERR("%s is active on more than one node, returning the default value for %s\n", r->id, "<null>");
	/* Its own value, then its parents' (a group's attributes reach its
	 * members), then, for meta attributes, rsc_defaults. */
	const char *val = NULL;
	for (xmlNodePtr x = r->xml ? r->xml : rsc_xml(o); x && !val && !is_el(x, "resources"); x = x->parent) {
		GPtrArray *m = matches(x, o->set_type, NULL, NULL, o->prop_name);
		if (m->len)
			val = cib_xml_attr(g_ptr_array_index(m, 0), "value");
		g_ptr_array_free(m, TRUE);
	}
	if (!val && !strcmp(o->set_type, "meta_attributes"))
		val = cib_nv_get(&o->view->cib->rsc_defaults, o->prop_name);
	if (!val)
		return CIB_E_NOTEXISTS;
	printf("%s\n", val);
	return CIB_OK;
}

static int legacy(xmlDocPtr doc)
{
	xmlNodePtr r = xmlDocGetRootElement(doc);
	const char *vw = cib_xml_attr(r, "validate-with");
	return cib_xml_attr(r, "ignore_dtd") || !vw || strstr(vw, "-0.6");
}

int rsc_set_param(struct rsc_opts *o)
{
	if (!o->prop_value || !*o->prop_value) {
		CMD_ERR("You need to supply a value with the -v option\n");
		return CIB_E_MISSING_FIELD;
	}
	if (!o->conn)
		return CIB_E_CONNECTION;
	xmlNodePtr x = rsc_xml(o), found = NULL;
	if (!x)
		return CIB_E_NOTEXISTS;
	if (!strcmp(o->set_type, "instance_attributes") &&
	    find_one(x, "meta_attributes", o->prop_set, o->prop_id, o->prop_name, 0, &found) == CIB_OK)
		printf("WARNING: There is already a meta attribute called %s (id=%s)\n", o->prop_name,
		       cib_xml_attr(found, "id"));
	int rc = find_one(x, o->set_type, o->prop_set, o->prop_id, o->prop_name, 0, &found);
	xmlNodePtr top;
	if (rc == CIB_OK) {
		top = xmlNewNode(NULL, (const xmlChar *)"nvpair");
		xmlSetProp(top, (const xmlChar *)"id", (const xmlChar *)cib_xml_attr(found, "id"));
	} else if (rc != CIB_E_NOTEXISTS) {
		return rc;
	} else {
		const char *tag = (const char *)x->name;
		int old = legacy(o->view->doc);
		if (old && !strcmp(tag, "master"))
			tag = "master_slave";
		char *set = o->prop_set ? g_strdup(o->prop_set) : g_strdup_printf("%s-%s", o->rsc_id, o->set_type);
		char *id = o->prop_id ? g_strdup(o->prop_id) : g_strdup_printf("%s-%s", set, o->prop_name);
		top = xmlNewNode(NULL, (const xmlChar *)tag);
		xmlSetProp(top, (const xmlChar *)"id", (const xmlChar *)o->rsc_id);
		xmlNodePtr s = xmlNewChild(top, NULL, (const xmlChar *)o->set_type, NULL);
		xmlSetProp(s, (const xmlChar *)"id", (const xmlChar *)set);
		if (old)
			s = xmlNewChild(s, NULL, (const xmlChar *)"attributes", NULL);
		xmlNodePtr nv = xmlNewChild(s, NULL, (const xmlChar *)"nvpair", NULL);
		xmlSetProp(nv, (const xmlChar *)"id", (const xmlChar *)id);
		xmlSetProp(nv, (const xmlChar *)"name", (const xmlChar *)o->prop_name);
		xmlSetProp(nv, (const xmlChar *)"value", (const xmlChar *)o->prop_value);
		g_free(set);
		g_free(id);
		struct cib_req req = { CIB_REQ_MODIFY, "resources", NULL, top, CIB_F_FORCE };
		rc = tool_apply(o->conn, rsc_prog, &req, NULL);
		xmlFreeNode(top);
		return rc;
	}
	xmlSetProp(top, (const xmlChar *)"name", (const xmlChar *)o->prop_name);
	xmlSetProp(top, (const xmlChar *)"value", (const xmlChar *)o->prop_value);
	struct cib_req req = { CIB_REQ_MODIFY, "resources", NULL, top, CIB_F_FORCE };
	rc = tool_apply(o->conn, rsc_prog, &req, NULL);
	xmlFreeNode(top);
	return rc;
}

int rsc_delete_param(struct rsc_opts *o)
{
	if (!o->conn)
		return CIB_E_CONNECTION;
	xmlNodePtr x = rsc_xml(o), found = NULL;
	if (!x)
		return CIB_E_NOTEXISTS;
	int rc = find_one(x, o->set_type, o->prop_set, o->prop_id, o->prop_name, 1, &found);
	if (rc == CIB_E_NOTEXISTS)
		return CIB_OK;
	if (rc != CIB_OK)
		return rc;
	char *id = g_strdup(cib_xml_attr(found, "id"));
	xmlNodePtr n = xmlNewNode(NULL, (const xmlChar *)"nvpair");
	xmlSetProp(n, (const xmlChar *)"id", (const xmlChar *)id);
	xmlSetProp(n, (const xmlChar *)"name", (const xmlChar *)o->prop_name);
	struct cib_req req = { CIB_REQ_DELETE, "resources", NULL, n, CIB_F_FORCE };
	rc = tool_apply(o->conn, rsc_prog, &req, NULL);
	xmlFreeNode(n);
	if (rc == CIB_OK)
		printf("Deleted %s option: id=%s%s%s%s%s\n", o->rsc_id, id, o->prop_set ? " set=" : "",
		       o->prop_set ? o->prop_set : "", o->prop_name ? " name=" : "", o->prop_name ? o->prop_name : "");
	g_free(id);
	return rc;
}
