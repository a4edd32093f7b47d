/* The shell's working copy: the CIB read through cib_conn (CIB_file, a
 * shadow, or the live cluster), the shadow document commands change, the
 * check crm_verify would make, and commit (one replace of
 * <configuration>, so the server bumps the epoch once). */
#include <string.h>
#include "crm.h"
#include "cib/cib.h"
#include "cib/cib_conn.h"
#include "pengine/pe.h"

static struct cib_conn *conn;

int crm_session_open(struct crm_session *s)
{
	int rc;
	char *err = NULL;
	if (s->work)
		return 0;
	conn = cib_conn_open("crm", &rc, &err);
	if (!conn) {
		crm_err("running cibadmin -Ql: %s", err ? err : cib_strerror(rc));
		g_free(err);
		return -1;
	}
	rc = cib_conn_query(conn, &s->orig, &err);
	if (rc != CIB_OK) {
		crm_err("running cibadmin -Ql: %s", err ? err : cib_strerror(rc));
		g_free(err);
		cib_conn_close(conn);
		conn = NULL;
		return -1;
	}
	s->work = xmlCopyDoc(s->orig, 1);
	return 0;
}

void crm_session_close(struct crm_session *s)
{
	if (s->work)
		xmlFreeDoc(s->work);
	if (s->orig)
		xmlFreeDoc(s->orig);
	s->work = s->orig = NULL;
	if (conn)
		cib_conn_close(conn);
	conn = NULL;
}

xmlNodePtr crm_work_cfg(struct crm_session *s)
{
	xmlNodePtr root = xmlDocGetRootElement(s->work);
	for (xmlNodePtr c = root ? root->children : NULL; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE && !strcmp((const char *)c->name, "configuration"))
			return c;
	xmlNodePtr cfg = crm_empty_config(s->work);
	if (root)
		xmlAddChild(root, cfg);
	return cfg;
}

/* 1.0's unpack_resources refused to start anything while STONITH is
 * enabled (the default) and no stonith resource exists. */
static int stonith_missing(xmlDocPtr doc)
{
	xmlNodePtr root = xmlDocGetRootElement(doc);
	xmlNodePtr cfg = NULL;
	for (xmlNodePtr c = root ? root->children : NULL; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE && !strcmp((const char *)c->name, "configuration"))
			cfg = c;
	if (!cfg)
		return 0;
	int enabled = 1, prims = 0, stonith = 0;
	xmlNodePtr cc = crm_section_of(cfg, "crm_config", 0);
	for (xmlNodePtr set = cc ? cc->children : NULL; set; set = set->next)
		for (xmlNodePtr nv = set->children; nv; nv = nv->next) {
			const char *n = nv->type == XML_ELEMENT_NODE ? cib_xml_attr(nv, "name") : NULL;
			if (n && (!strcmp(n, "stonith-enabled") || !strcmp(n, "stonith_enabled")))
				enabled = cib_is_true(cib_xml_attr(nv, "value"));
		}
	GPtrArray *todo = g_ptr_array_new();
	g_ptr_array_add(todo, crm_section_of(cfg, "resources", 0));
	while (todo->len) {
		xmlNodePtr p = g_ptr_array_remove_index(todo, todo->len - 1);
		for (xmlNodePtr c = p ? p->children : NULL; c; c = c->next) {
			if (c->type != XML_ELEMENT_NODE)
				continue;
			if (!strcmp((const char *)c->name, "primitive")) {
				const char *cl = cib_xml_attr(c, "class");
				prims++;
				stonith += cl && !strcmp(cl, "stonith");
			} else if (strcmp((const char *)c->name, "operations") && !strstr((const char *)c->name, "attributes")) {
				g_ptr_array_add(todo, c);
			}
		}
	}
	g_ptr_array_free(todo, TRUE);
	return enabled && prims && !stonith;
}

int crm_verify_doc(xmlDocPtr doc, int quiet)
{
	int errors = 0;
	if (stonith_missing(doc)) {
		if (!quiet) {
			crm_err("Resource start-up disabled since no STONITH resources have been defined");
			crm_err("Either configure some or disable STONITH with the stonith-enabled option");
			crm_err("NOTE: Clusters with shared data need STONITH to ensure data integrity");
		}
		errors++;
	}
	/* The rest is exactly crm_verify's check: the reader, cib_validate,
	 * and a run of the engine. */
	struct cib *cib = cib_from_doc(xmlCopyDoc(doc, 1));
	if (cib) {
		cib_validate(cib);
		struct pe_ws *ws = pe_run(cib, NULL);
		pe_free(ws);
		for (guint i = 0; i < cib->diags->len; i++) {
			struct cib_diag *d = g_ptr_array_index(cib->diags, i);
			if (d->sev == CIB_ERROR) {
				errors++;
				if (!quiet)
					crm_err("%s", d->text);
			} else if (!quiet) {
				crm_warn("%s", d->text);
			}
		}
		cib_free(cib);
	}
	if (errors && !quiet)
		crm_err("crm_verify: Errors found during check: config not valid");
	return errors;
}

static xmlNodePtr doc_cfg(xmlDocPtr d)
{
	xmlNodePtr root = xmlDocGetRootElement(d);
	for (xmlNodePtr c = root ? root->children : NULL; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE && !strcmp((const char *)c->name, "configuration"))
			return c;
	return NULL;
}

int crm_commit(struct crm_session *s)
{
	if (!s->work)
		return 0;
	xmlNodePtr a = doc_cfg(s->orig), b = crm_work_cfg(s);
	char *ca = a ? cib_xml_canon(a, 0) : g_strdup(""), *cb = cib_xml_canon(b, 0);
	int same = !strcmp(ca, cb);
	g_free(ca);
	g_free(cb);
	if (same)
		return 0;
	if (crm_verify_doc(s->work, 0)) {
		if (!s->force)
			return -1;
		crm_info("commit forced");
	}
	struct cib_req req = { .op = CIB_REQ_REPLACE, .section = "configuration", .data = b };
	char *err = NULL;
	int rc = cib_conn_apply(conn, &req, NULL, &err);
	if (rc != CIB_OK) {
		crm_err("could not replace cib: %s", err ? err : cib_strerror(rc));
		g_free(err);
		return -1;
	}
	xmlDocPtr now = NULL;
	if (cib_conn_query(conn, &now, &err) == CIB_OK) {
		xmlFreeDoc(s->orig);
		xmlFreeDoc(s->work);
		s->orig = now;
		s->work = xmlCopyDoc(now, 1);
	}
	g_free(err);
	s->dirty = 0;
	return 0;
}
