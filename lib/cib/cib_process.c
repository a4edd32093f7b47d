/* One CIB transaction: apply a request to a copy, refuse it if the lib/cib
 * reader finds a new error in the result, and bump admin_epoch / epoch /
 * num_updates by the rules in cib_doc.h.  The current document is never
 * touched; the caller swaps in the result. */
#include <stdlib.h>
#include <string.h>
#include "cib/cib.h"
#include "cib/cib_doc.h"

static long long root_ll(xmlNodePtr root, const char *name)
{
	const char *v = cib_xml_attr(root, name);
	return v ? strtoll(v, NULL, 10) : 0;
}

static void set_ll(xmlNodePtr root, const char *name, long long v)
{
	char buf[32];
	snprintf(buf, sizeof buf, "%lld", v);
	xmlSetProp(root, (const xmlChar *)name, (const xmlChar *)buf);
}

void cib_doc_version(xmlDocPtr doc, struct cib_version *v)
{
	xmlNodePtr r = doc ? xmlDocGetRootElement(doc) : NULL;
	v->admin_epoch = root_ll(r, "admin_epoch");
	v->epoch = root_ll(r, "epoch");
	v->num_updates = root_ll(r, "num_updates");
}

int cib_version_cmp(const struct cib_version *a, const struct cib_version *b)
{
	if (a->admin_epoch != b->admin_epoch)
		return a->admin_epoch < b->admin_epoch ? -1 : 1;
	if (a->epoch != b->epoch)
		return a->epoch < b->epoch ? -1 : 1;
	if (a->num_updates != b->num_updates)
		return a->num_updates < b->num_updates ? -1 : 1;
	return 0;
}

char **cib_doc_errors(xmlDocPtr doc)
{
	GPtrArray *a = g_ptr_array_new();
	struct cib *c = cib_from_doc(xmlCopyDoc(doc, 1));
	cib_validate(c);
	for (guint i = 0; i < c->diags->len; i++) {
		struct cib_diag *d = g_ptr_array_index(c->diags, i);
		if (d->sev == CIB_ERROR)
			g_ptr_array_add(a, g_strdup(d->text));
	}
	cib_free(c);
	g_ptr_array_add(a, NULL);
	return (char **)g_ptr_array_free(a, FALSE);
}

/* Errors of after that before did not have (as a multiset of texts). */
static char *new_errors(char **before, char **after)
{
	GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);
	for (int i = 0; before[i]; i++)
		g_hash_table_insert(seen, before[i],
				    GINT_TO_POINTER(GPOINTER_TO_INT(g_hash_table_lookup(seen, before[i])) + 1));
	GString *s = NULL;
	for (int i = 0; after[i]; i++) {
		int n = GPOINTER_TO_INT(g_hash_table_lookup(seen, after[i]));
		if (n > 0) {
			g_hash_table_insert(seen, after[i], GINT_TO_POINTER(n - 1));
			continue;
		}
		if (!s)
			s = g_string_new(NULL);
		else
			g_string_append(s, "; ");
		g_string_append(s, after[i]);
	}
	g_hash_table_destroy(seen);
	return s ? g_string_free(s, FALSE) : NULL;
}

static int is_counter(const char *name)
{
	return !strcmp(name, "admin_epoch") || !strcmp(name, "epoch") || !strcmp(name, "num_updates") ||
	       !strcmp(name, "cib-last-written");
}

/* Canonical text of the parts that make a configuration change: the root's
 * attributes other than the counters, and everything but <status>. */
static char *config_text(xmlDocPtr doc)
{
	xmlNodePtr r = xmlDocGetRootElement(doc);
	GString *s = g_string_new(NULL);
	if (!r)
		return g_string_free(s, FALSE);
	for (xmlAttrPtr a = r->properties; a; a = a->next)
		if (!is_counter((const char *)a->name)) {
			xmlChar *v = xmlNodeGetContent((xmlNodePtr)a);
			g_string_append_printf(s, "%s=%s\n", (const char *)a->name, v ? (char *)v : "");
			xmlFree(v);
		}
	for (xmlNodePtr c = r->children; c; c = c->next) {
		if (c->type == XML_ELEMENT_NODE && !strcmp((const char *)c->name, "status"))
			continue;
		char *t = cib_xml_canon(c, 0);
		g_string_append(s, t);
		g_free(t);
	}
	return g_string_free(s, FALSE);
}

static char *status_text(xmlDocPtr doc)
{
	xmlNodePtr st = cib_section(doc, "status");
	return st ? cib_xml_canon(st, 0) : g_strdup("");
}

static int str_differ(char *a, char *b)
{
	int d = strcmp(a, b) != 0;
	g_free(a);
	g_free(b);
	return d;
}

int cib_doc_process(xmlDocPtr cur, const struct cib_req *req, xmlDocPtr *result,
		    xmlNodePtr *output, char **reason)
{
	*result = NULL;
	if (output)
		*output = NULL;
	if (reason)
		*reason = NULL;
	if (req->op == CIB_REQ_QUERY)
		return cib_doc_apply(cur, req, output);
	if (req->op == CIB_REQ_REPLACE && req->data && req->data->type == XML_ELEMENT_NODE &&
	    !strcmp((const char *)req->data->name, "cib") && !req->xpath) {
		struct cib_version have, want;
		cib_doc_version(cur, &have);
		want.admin_epoch = root_ll(req->data, "admin_epoch");
		want.epoch = root_ll(req->data, "epoch");
		want.num_updates = root_ll(req->data, "num_updates");
		if (cib_version_cmp(&want, &have) < 0) {
			if (reason)
				*reason = g_strdup_printf("replacement %lld.%lld.%lld is older than the current %lld.%lld.%lld",
							  want.admin_epoch, want.epoch, want.num_updates,
							  have.admin_epoch, have.epoch, have.num_updates);
			return CIB_E_OLD_DATA;
		}
	}
	xmlDocPtr d = xmlCopyDoc(cur, 1);
	int rc = cib_doc_apply(d, req, output);
	if (rc != CIB_OK) {
		xmlFreeDoc(d);
		return rc;
	}
	xmlNodePtr r0 = xmlDocGetRootElement(cur), r1 = xmlDocGetRootElement(d);
	int cfg = str_differ(config_text(cur), config_text(d));
	int st = str_differ(status_text(cur), status_text(d));
	int explicit_version = root_ll(r0, "admin_epoch") != root_ll(r1, "admin_epoch") ||
			       root_ll(r0, "epoch") != root_ll(r1, "epoch");
	if (!cfg && !st && !explicit_version && req->op != CIB_REQ_BUMP && req->op != CIB_REQ_ERASE &&
	    root_ll(r0, "num_updates") == root_ll(r1, "num_updates")) {
		xmlFreeDoc(d);
		return CIB_OK;
	}
	char **before = cib_doc_errors(cur), **after = cib_doc_errors(d);
	char *bad = new_errors(before, after);
	g_strfreev(before);
	g_strfreev(after);
	if (bad) {
		if (reason)
			*reason = bad;
		else
			g_free(bad);
		xmlFreeDoc(d);
		return CIB_E_DTD;
	}
	switch (req->op) {
	case CIB_REQ_PATCH:
	case CIB_REQ_BUMP:
		break;
	case CIB_REQ_ERASE:
		set_ll(r1, "epoch", root_ll(r0, "epoch") + 1);
		set_ll(r1, "num_updates", 0);
		break;
	default:
		if (req->op == CIB_REQ_REPLACE && !req->xpath && !strcmp((const char *)req->data->name, "cib"))
			explicit_version = 0; /* the replacement's counters, bumped below */
		if (explicit_version)
			break;
		if (cfg) {
			set_ll(r1, "epoch", root_ll(r1, "epoch") + 1);
			set_ll(r1, "num_updates", 0);
		} else {
			set_ll(r1, "num_updates", root_ll(r1, "num_updates") + 1);
		}
		if (!cib_xml_attr(r1, "admin_epoch"))
			set_ll(r1, "admin_epoch", 0);
	}
	*result = d;
	return CIB_OK;
}
