/* The bare document operations behind every CIB request: query, create,
 * modify (merge by tag and id, as cibadmin -M), replace, delete (first
 * element whose tag and attributes all match, as 1.0), their xpath forms,
 * erase and bump.  Works in place on the document it is given; version
 * rules and checks live in cib_process.c. */
#include <stdlib.h>
#include <string.h>
#include <libxml/xpath.h>
#include "cib/cib_doc.h"

struct section_def {
	const char *name, *parent;
};

static const struct section_def sections[] = {
	{ "configuration", NULL }, { "status", NULL },
	{ "crm_config", "configuration" }, { "nodes", "configuration" },
	{ "resources", "configuration" }, { "constraints", "configuration" },
	{ "rsc_defaults", "configuration" }, { "op_defaults", "configuration" },
	{ NULL, NULL }
};

static int is_root_name(const char *s)
{
	return !s || !strcmp(s, "all") || !strcmp(s, "cib");
}

static const struct section_def *section_def(const char *s)
{
	for (int i = 0; sections[i].name; i++)
		if (!strcmp(sections[i].name, s))
			return &sections[i];
	return NULL;
}

int cib_section_known(const char *s)
{
	return is_root_name(s) || section_def(s) != NULL;
}

xmlNodePtr cib_section(xmlDocPtr doc, const char *s)
{
	xmlNodePtr root = xmlDocGetRootElement(doc);
	if (is_root_name(s) || !root)
		return root;
	const struct section_def *d = section_def(s);
	if (!d)
		return NULL;
	xmlNodePtr parent = d->parent ? cib_section(doc, d->parent) : root;
	return cib_xml_child(parent, d->name, NULL);
}

/* The section, created (with its parent) when missing, as 1.0 did for
 * create and modify. */
static xmlNodePtr ensure_section(xmlDocPtr doc, const char *s)
{
	xmlNodePtr n = cib_section(doc, s);
	if (n || !section_def(s))
		return n;
	const struct section_def *d = section_def(s);
	xmlNodePtr parent = d->parent ? ensure_section(doc, d->parent) : xmlDocGetRootElement(doc);
	if (!parent)
		return NULL;
	return xmlNewChild(parent, NULL, (const xmlChar *)d->name, NULL);
}

static int is_tag(xmlNodePtr n, const char *tag)
{
	return n && n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, tag);
}

static xmlNodePtr copy_node(xmlNodePtr n, xmlDocPtr doc)
{
	return xmlDocCopyNode(n, doc, 1);
}

/* "epoch++" / "epoch+=N" on an attribute called epoch: its integer value
 * plus one (or N), as 1.0's modify expanded them. */
static char *expand_plus(const char *name, const char *value, const char *old)
{
	size_t nl = strlen(name);
	if (strncmp(value, name, nl))
		return NULL;
	const char *op = value + nl;
	long long inc;
	if (!strcmp(op, "++"))
		inc = 1;
	else if (!strncmp(op, "+=", 2) && op[2]) {
		char *end;
		inc = strtoll(op + 2, &end, 10);
		if (*end)
			return NULL;
	} else
		return NULL;
	long long cur = old ? strtoll(old, NULL, 10) : 0;
	return g_strdup_printf("%lld", cur + inc);
}

static void copy_attrs(xmlNodePtr to, xmlNodePtr from)
{
	for (xmlAttrPtr a = from->properties; a; a = a->next) {
		xmlChar *v = xmlNodeGetContent((xmlNodePtr)a);
		const char *val = v ? (const char *)v : "";
		char *exp = expand_plus((const char *)a->name, val, cib_xml_attr(to, (const char *)a->name));
		xmlSetProp(to, a->name, (const xmlChar *)(exp ? exp : val));
		g_free(exp);
		xmlFree(v);
	}
}

/* Modify: attributes of in onto t, children merged by tag and id, missing
 * ones appended. */
static void merge(xmlNodePtr t, xmlNodePtr in, int depth)
{
	copy_attrs(t, in);
	for (xmlNodePtr c = in->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		const char *id = cib_xml_attr(c, "id");
		xmlNodePtr m;
		for (m = t->children; m; m = m->next) {
			if (!is_tag(m, (const char *)c->name))
				continue;
			const char *mid = cib_xml_attr(m, "id");
			if ((!id && !mid) || (id && mid && !strcmp(id, mid)))
				break;
		}
		if (m && depth < 256)
			merge(m, c, depth + 1);
		else if (!m)
			xmlAddChild(t, copy_node(c, t->doc));
	}
}

static xmlNodePtr failed_report(xmlNodePtr report, xmlNodePtr obj, const char *op, int rc)
{
	if (!report)
		report = xmlNewNode(NULL, (const xmlChar *)"failed");
	xmlNodePtr f = xmlNewChild(report, NULL, (const xmlChar *)"failed_update", NULL);
	if (cib_xml_attr(obj, "id"))
		xmlSetProp(f, (const xmlChar *)"id", (const xmlChar *)cib_xml_attr(obj, "id"));
	xmlSetProp(f, (const xmlChar *)"object_type", obj->name);
	xmlSetProp(f, (const xmlChar *)"operation", (const xmlChar *)op);
	xmlSetProp(f, (const xmlChar *)"reason", (const xmlChar *)cib_strerror(rc));
	xmlAddChild(f, xmlCopyNode(obj, 1));
	return report;
}

static int add_object(xmlNodePtr parent, xmlNodePtr obj, xmlNodePtr *report)
{
	const char *id = cib_xml_attr(obj, "id");
	for (xmlNodePtr c = parent->children; c; c = c->next) {
		if (!is_tag(c, (const char *)obj->name))
			continue;
		const char *cid = cib_xml_attr(c, "id");
		if ((!id && !cid) || (id && cid && !strcmp(id, cid))) {
			*report = failed_report(*report, obj, "cib_create", CIB_E_EXISTS);
			return CIB_E_EXISTS;
		}
	}
	xmlAddChild(parent, copy_node(obj, parent->doc));
	return CIB_OK;
}

static void quiet(void *ctx, const xmlError *e)
{
	(void)ctx;
	(void)e;
}

static xmlXPathObjectPtr xpath_eval(xmlDocPtr doc, const char *expr)
{
	xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
	if (!ctx)
		return NULL;
	/* A bad expression is the caller's to report, not libxml2's. */
	ctx->error = (xmlStructuredErrorFunc)quiet;
	xmlXPathObjectPtr o = xmlXPathEvalExpression((const xmlChar *)expr, ctx);
	xmlXPathFreeContext(ctx);
	if (o && o->type != XPATH_NODESET) {
		xmlXPathFreeObject(o);
		return NULL;
	}
	return o;
}

/* Element nodes of an xpath answer, in document order. */
static GPtrArray *xpath_nodes(xmlDocPtr doc, const char *expr, int *bad)
{
	GPtrArray *a = g_ptr_array_new();
	xmlXPathObjectPtr o = xpath_eval(doc, expr);
	*bad = o == NULL;
	if (o && o->nodesetval)
		for (int i = 0; i < o->nodesetval->nodeNr; i++) {
			xmlNodePtr n = o->nodesetval->nodeTab[i];
			if (n->type == XML_ELEMENT_NODE)
				g_ptr_array_add(a, n);
		}
	if (o)
		xmlXPathFreeObject(o);
	return a;
}

static xmlNodePtr copy_out(xmlNodePtr n, int no_children)
{
	return no_children ? xmlCopyNode(n, 2) : xmlCopyNode(n, 1);
}

static int do_query(xmlDocPtr doc, const struct cib_req *req, xmlNodePtr *output)
{
	int nochild = req->flags & CIB_F_NO_CHILDREN;
	if (req->xpath) {
		int bad;
		GPtrArray *m = xpath_nodes(doc, req->xpath, &bad);
		int rc = bad ? CIB_E_INVALID_ARG : m->len ? CIB_OK : CIB_E_NOTEXISTS;
		if (!rc && output) {
			if (m->len == 1) {
				*output = copy_out(g_ptr_array_index(m, 0), nochild);
			} else {
				*output = xmlNewNode(NULL, (const xmlChar *)"xpath-query");
				for (guint i = 0; i < m->len; i++)
					xmlAddChild(*output, copy_out(g_ptr_array_index(m, i), nochild));
			}
		}
		g_ptr_array_free(m, TRUE);
		return rc;
	}
	xmlNodePtr s = cib_section(doc, req->section);
	if (!s)
		return CIB_E_NOTEXISTS;
	if (output)
		*output = copy_out(s, nochild);
	return CIB_OK;
}

static int do_modify(xmlDocPtr doc, const struct cib_req *req)
{
	xmlNodePtr in = req->data;
	xmlNodePtr root = ensure_section(doc, req->section);
	if (!root)
		return CIB_E_NOSECTION;
	const char *tag = (const char *)in->name, *id = cib_xml_attr(in, "id");
	xmlNodePtr t = NULL;
	if (is_tag(root, tag) && (!id || (cib_xml_attr(root, "id") && !strcmp(id, cib_xml_attr(root, "id")))))
		t = root;
	else if (!strcmp(tag, "cib"))
		t = xmlDocGetRootElement(doc);
	else if (cib_section_known(tag) && !id && cib_section(doc, tag))
		t = cib_section(doc, tag);
	else
		t = cib_xml_find_id(root, tag, id);
	if (!t) {
		if (!(req->flags & CIB_F_CAN_CREATE))
			return CIB_E_NOTEXISTS;
		xmlAddChild(root, copy_node(in, doc));
		return CIB_OK;
	}
	merge(t, in, 0);
	return CIB_OK;
}

static int do_create(xmlDocPtr doc, const struct cib_req *req, xmlNodePtr *output)
{
	xmlNodePtr in = req->data;
	if (is_root_name(req->section) || is_tag(in, "cib"))
		return do_modify(doc, &(struct cib_req){ CIB_REQ_MODIFY, NULL, NULL, in, req->flags });
	xmlNodePtr root = ensure_section(doc, req->section);
	if (!root)
		return CIB_E_NOSECTION;
	xmlNodePtr report = NULL;
	int rc = CIB_OK;
	if (is_tag(in, req->section)) {
		for (xmlNodePtr c = in->children; c; c = c->next)
			if (c->type == XML_ELEMENT_NODE) {
				int r = add_object(root, c, &report);
				if (r)
					rc = r;
			}
	} else {
		rc = add_object(root, in, &report);
	}
	if (report && output)
		*output = report;
	else if (report)
		xmlFreeNode(report);
	return rc;
}

static void replace_with(xmlNodePtr old, xmlNodePtr in)
{
	xmlNodePtr n = copy_node(in, old->doc);
	xmlReplaceNode(old, n);
	xmlFreeNode(old);
}

static int do_replace(xmlDocPtr doc, const struct cib_req *req)
{
	xmlNodePtr in = req->data;
	if (is_tag(in, "cib")) {
		xmlNodePtr n = copy_node(in, doc);
		xmlNodePtr old = xmlDocSetRootElement(doc, n);
		if (old)
			xmlFreeNode(old);
		return CIB_OK;
	}
	const char *tag = (const char *)in->name, *id = cib_xml_attr(in, "id");
	const char *section = req->section;
	if (section && !strcmp(section, tag))
		section = NULL;
	xmlNodePtr root = cib_section(doc, section);
	if (!root)
		return CIB_E_NOTEXISTS;
	xmlNodePtr t = cib_xml_find_id(root, tag, id);
	if (!t && !id && section_def(tag))
		t = ensure_section(doc, tag);
	if (!t)
		return CIB_E_NOTEXISTS;
	if (t == xmlDocGetRootElement(doc))
		return CIB_E_INVALID_ARG;
	replace_with(t, in);
	return CIB_OK;
}

/* Delete matching: the tag and every attribute given must match. */
static int attrs_match(xmlNodePtr n, xmlNodePtr pattern)
{
	if (!is_tag(n, (const char *)pattern->name))
		return 0;
	for (xmlAttrPtr a = pattern->properties; a; a = a->next) {
		const char *have = cib_xml_attr(n, (const char *)a->name);
		xmlChar *want = xmlNodeGetContent((xmlNodePtr)a);
		int ok = have && want && !strcmp(have, (const char *)want);
		xmlFree(want);
		if (!ok)
			return 0;
	}
	return 1;
}

static xmlNodePtr find_match(xmlNodePtr n, xmlNodePtr pattern, int depth)
{
	if (attrs_match(n, pattern))
		return n;
	if (depth > 256)
		return NULL;
	for (xmlNodePtr c = n->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		xmlNodePtr f = find_match(c, pattern, depth + 1);
		if (f)
			return f;
	}
	return NULL;
}

static int do_delete(xmlDocPtr doc, const struct cib_req *req)
{
	xmlNodePtr root = cib_section(doc, req->section);
	if (!root)
		return CIB_E_NOTEXISTS;
	xmlNodePtr t = find_match(root, req->data, 0);
	if (!t)
		return CIB_OK; /* nothing to delete is what was asked for */
	if (t == xmlDocGetRootElement(doc))
		return CIB_E_INVALID_ARG;
	xmlUnlinkNode(t);
	xmlFreeNode(t);
	return CIB_OK;
}

static int do_xpath_change(xmlDocPtr doc, const struct cib_req *req)
{
	int bad;
	GPtrArray *m = xpath_nodes(doc, req->xpath, &bad);
	int rc = CIB_OK;
	if (bad)
		rc = CIB_E_INVALID_ARG;
	else if (!m->len)
		rc = req->op == CIB_REQ_DELETE ? CIB_OK : CIB_E_NOTEXISTS;
	guint n = (req->flags & CIB_F_MULTIPLE) ? m->len : (m->len ? 1 : 0);
	for (guint i = 0; !rc && i < n; i++) {
		xmlNodePtr t = g_ptr_array_index(m, i);
		if (t == xmlDocGetRootElement(doc) && req->op != CIB_REQ_MODIFY && req->op != CIB_REQ_CREATE) {
			rc = CIB_E_INVALID_ARG;
			break;
		}
		switch (req->op) {
		case CIB_REQ_DELETE:
			xmlUnlinkNode(t);
			xmlFreeNode(t);
			break;
		case CIB_REQ_MODIFY:
			merge(t, req->data, 0);
			break;
		case CIB_REQ_REPLACE:
			replace_with(t, req->data);
			break;
		case CIB_REQ_CREATE:
			xmlAddChild(t, copy_node(req->data, doc));
			break;
		default:
			rc = CIB_E_OPERATION;
		}
	}
	g_ptr_array_free(m, TRUE);
	return rc;
}

static void bump_epoch(xmlDocPtr doc)
{
	xmlNodePtr root = xmlDocGetRootElement(doc);
	const char *e = cib_xml_attr(root, "epoch");
	char buf[32];
	snprintf(buf, sizeof buf, "%lld", (e ? strtoll(e, NULL, 10) : 0) + 1);
	xmlSetProp(root, (const xmlChar *)"epoch", (const xmlChar *)buf);
}

static int do_erase(xmlDocPtr doc)
{
	xmlNodePtr root = xmlDocGetRootElement(doc);
	xmlDocPtr fresh = cib_doc_new_empty(cib_xml_attr(root, "validate-with"));
	xmlNodePtr nr = xmlDocGetRootElement(fresh);
	static const char *const keep[] = { "admin_epoch", "epoch", "num_updates", "crm_feature_set", NULL };
	for (int i = 0; keep[i]; i++)
		if (cib_xml_attr(root, keep[i]))
			xmlSetProp(nr, (const xmlChar *)keep[i], (const xmlChar *)cib_xml_attr(root, keep[i]));
	xmlNodePtr copy = xmlDocCopyNode(nr, doc, 1);
	xmlFreeNode(xmlDocSetRootElement(doc, copy));
	xmlFreeDoc(fresh);
	return CIB_OK;
}

xmlDocPtr cib_doc_new_empty(const char *validate_with)
{
	xmlDocPtr d = xmlNewDoc((const xmlChar *)"1.0");
	xmlNodePtr r = xmlNewNode(NULL, (const xmlChar *)"cib");
	xmlDocSetRootElement(d, r);
	xmlSetProp(r, (const xmlChar *)"epoch", (const xmlChar *)"0");
	xmlSetProp(r, (const xmlChar *)"num_updates", (const xmlChar *)"0");
	xmlSetProp(r, (const xmlChar *)"admin_epoch", (const xmlChar *)"0");
	xmlSetProp(r, (const xmlChar *)"validate-with",
		   (const xmlChar *)(validate_with ? validate_with : "pacemaker-1.0"));
	xmlNodePtr cfg = xmlNewChild(r, NULL, (const xmlChar *)"configuration", NULL);
	static const char *const secs[] = { "crm_config", "nodes", "resources", "constraints", NULL };
	for (int i = 0; secs[i]; i++)
		xmlNewChild(cfg, NULL, (const xmlChar *)secs[i], NULL);
	xmlNewChild(r, NULL, (const xmlChar *)"status", NULL);
	return d;
}

int cib_doc_apply(xmlDocPtr doc, const struct cib_req *req, xmlNodePtr *output)
{
	if (output)
		*output = NULL;
	if (!doc || !xmlDocGetRootElement(doc))
		return CIB_E_MISSING;
	if (req->section && !cib_section_known(req->section))
		return CIB_E_BAD_SECTION;
	int needs_data = req->op == CIB_REQ_CREATE || req->op == CIB_REQ_MODIFY ||
			 req->op == CIB_REQ_REPLACE || req->op == CIB_REQ_PATCH ||
			 (req->op == CIB_REQ_DELETE && !req->xpath);
	if (needs_data && (!req->data || req->data->type != XML_ELEMENT_NODE))
		return CIB_E_NOOBJECT;
	if (req->xpath && (needs_data || req->op == CIB_REQ_DELETE) && req->op != CIB_REQ_PATCH)
		return do_xpath_change(doc, req);
	switch (req->op) {
	case CIB_REQ_QUERY: return do_query(doc, req, output);
	case CIB_REQ_CREATE: return do_create(doc, req, output);
	case CIB_REQ_MODIFY: return do_modify(doc, req);
	case CIB_REQ_REPLACE: return do_replace(doc, req);
	case CIB_REQ_DELETE: return do_delete(doc, req);
	case CIB_REQ_ERASE: return do_erase(doc);
	case CIB_REQ_BUMP: bump_epoch(doc); return CIB_OK;
	case CIB_REQ_UPGRADE: cib_doc_upgrade(doc); return CIB_OK;
	case CIB_REQ_PATCH: return cib_patch(doc, req->data, NULL);
	}
	return CIB_E_OPERATION;
}
