/* The cib level (crm cib ...): shadow CIBs, the files shadow.NAME in
 * $CIB_shadow_dir (default /var/lib/heartbeat/crm) that cib_conn opens
 * for CIB_shadow=NAME.  new, use, commit, diff, reset, delete, list.
 * "live" is the CIB the shell was started on (CIB_file or the cluster). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "crm.h"
#include "cib/cib.h"
#include "cib/cib_conn.h"

static char *live_file;      /* CIB_file as started, restored by "use live" */
static int saved;

static void save_live(void)
{
	if (saved)
		return;
	saved = 1;
	const char *f = getenv("CIB_file");
	live_file = f && *f ? g_strdup(f) : NULL;
}

static const char *shadow_dir(void)
{
	const char *d = getenv("CIB_shadow_dir");
	return d && *d ? d : CIB_DEFAULT_DIR;
}

static char *shadow_path(const char *name)
{
	return g_strdup_printf("%s/shadow.%s", shadow_dir(), name);
}

static int valid_name(const char *n)
{
	return n && *n && !strchr(n, '/') && strcmp(n, "live") && strcmp(n, ".") && strcmp(n, "..");
}

void crm_use_shadow(const char *name)
{
	save_live();
	if (name && strcmp(name, "live")) {
		unsetenv("CIB_file");
		setenv("CIB_shadow", name, 1);
	} else {
		unsetenv("CIB_shadow");
		if (live_file)
			setenv("CIB_file", live_file, 1);
	}
}

/* The live CIB, whatever shadow is in use. */
static xmlDocPtr query_live(struct cib_conn **conn)
{
	char *shadow = g_strdup(getenv("CIB_shadow"));
	crm_use_shadow("live");
	int rc;
	char *err = NULL;
	xmlDocPtr doc = NULL;
	*conn = cib_conn_open("crm", &rc, &err);
	if (*conn && cib_conn_query(*conn, &doc, &err) != CIB_OK) {
		cib_conn_close(*conn);
		*conn = NULL;
	}
	if (!doc)
		crm_err("cib: cannot read the live CIB: %s", err ? err : cib_strerror(rc));
	g_free(err);
	if (shadow)
		crm_use_shadow(shadow);
	g_free(shadow);
	return doc;
}

static xmlNodePtr cfg_of(xmlDocPtr d)
{
	xmlNodePtr root = xmlDocGetRootElement(d);
	for (xmlNodePtr c = root ? root->children : NULL; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE && !strcmp((const char *)c->name, "configuration"))
			return c;
	return NULL;
}

static int cmd_new(char **w, int reset)
{
	const char *name = w[1];
	int empty = 0, force = reset;
	for (int i = 2; w[i]; i++) {
		if (!strcmp(w[i], "empty"))
			empty = 1;
		else if (!strcmp(w[i], "force") || !strcmp(w[i], "--force"))
			force = 1;
	}
	if (!valid_name(name)) {
		crm_err("cib.%s: bad shadow name %s", w[0], name ? name : "(none)");
		return 1;
	}
	char *path = shadow_path(name);
	if (access(path, F_OK) == 0 && !force) {
		crm_err("cib.new: shadow CIB %s exists (add force to replace it)", name);
		g_free(path);
		return 1;
	}
	if (reset && access(path, F_OK) != 0) {
		crm_err("cib.reset: shadow CIB %s does not exist", name);
		g_free(path);
		return 1;
	}
	xmlDocPtr doc;
	struct cib_conn *conn = NULL;
	if (empty) {
		doc = cib_doc_new_empty("pacemaker-1.0");
	} else {
		doc = query_live(&conn);
		if (conn)
			cib_conn_close(conn);
	}
	char *err = NULL;
	int rc = doc ? cib_write_atomic(doc, path, &err) : -1;
	if (doc && rc != 0) {
		crm_err("cib.%s: %s: %s", w[0], path, err ? err : g_strerror(errno));
		g_free(err);
	} else if (doc) {
		crm_info("cib.%s: %s shadow CIB %s", w[0], name, reset ? "reset" : "created");
	}
	if (doc)
		xmlFreeDoc(doc);
	g_free(path);
	return !doc || rc != 0;
}

static int cmd_commit(const char *name)
{
	char *path = shadow_path(name), *err = NULL;
	xmlDocPtr sh = cib_xml_read_file(path, &err);
	g_free(path);
	if (!sh) {
		crm_err("cib.commit: shadow CIB %s: %s", name, err ? err : "unreadable");
		g_free(err);
		return 1;
	}
	struct cib_conn *conn = NULL;
	xmlDocPtr live = query_live(&conn);
	int rc = 1;
	if (live && conn && cfg_of(sh)) {
		struct cib_req req = { .op = CIB_REQ_REPLACE, .section = "configuration", .data = cfg_of(sh) };
		int r = cib_conn_apply(conn, &req, NULL, &err);
		if (r != CIB_OK)
			crm_err("cib.commit: %s", err ? err : cib_strerror(r));
		else
			crm_info("cib.commit: committed '%s' shadow CIB to the cluster", name);
		g_free(err);
		rc = r != CIB_OK;
	}
	if (live)
		xmlFreeDoc(live);
	if (conn)
		cib_conn_close(conn);
	xmlFreeDoc(sh);
	return rc;
}

static int cmd_diff(const char *name)
{
	char *path = shadow_path(name), *err = NULL;
	xmlDocPtr sh = cib_xml_read_file(path, &err);
	g_free(path);
	if (!sh) {
		crm_err("cib.diff: shadow CIB %s: %s", name, err ? err : "unreadable");
		g_free(err);
		return 1;
	}
	struct cib_conn *conn = NULL;
	xmlDocPtr live = query_live(&conn);
	if (conn)
		cib_conn_close(conn);
	if (!live) {
		xmlFreeDoc(sh);
		return 1;
	}
	xmlNodePtr d = cib_diff(live, sh);
	if (d && !cib_diff_is_empty(d)) {
		char *s = cib_xml_dump(d);
		fputs(s, stdout);
		g_free(s);
	}
	if (d)
		xmlFreeNode(d);
	xmlFreeDoc(live);
	xmlFreeDoc(sh);
	return 0;
}

int crm_cib_cmd(struct crm_session *s, char **w)
{
	if (!w[0])
		return 0;
	const char *c = w[0];
	save_live();
	if (!strcmp(c, "list")) {
		GDir *d = g_dir_open(shadow_dir(), 0, NULL);
		const char *e;
		while (d && (e = g_dir_read_name(d)))
			if (!strncmp(e, "shadow.", 7))
				printf("%s\n", e + 7);
		if (d)
			g_dir_close(d);
		return 0;
	}
	if (!strcmp(c, "use")) {
		if (s->dirty) {
			crm_err("cib.use: there are uncommitted changes; commit them first");
			return 1;
		}
		const char *name = w[1] ? w[1] : "live";
		if (strcmp(name, "live")) {
			char *p = shadow_path(name);
			int ok = access(p, R_OK) == 0;
			g_free(p);
			if (!ok) {
				crm_err("cib.use: %s: no such shadow CIB", name);
				return 1;
			}
		}
		crm_session_close(s);
		crm_use_shadow(name);
		return 0;
	}
	if (!w[1] && strcmp(c, "diff")) {
		crm_err("cib.%s: a shadow CIB name is required", c);
		return 1;
	}
	if (!strcmp(c, "new"))
		return cmd_new(w, 0);
	if (!strcmp(c, "reset"))
		return cmd_new(w, 1);
	const char *name = w[1] ? w[1] : getenv("CIB_shadow");
	if (!valid_name(name)) {
		crm_err("cib.%s: bad shadow name %s", c, name ? name : "(none)");
		return 1;
	}
	if (!strcmp(c, "commit"))
		return cmd_commit(name);
	if (!strcmp(c, "diff"))
		return cmd_diff(name);
	if (!strcmp(c, "delete")) {
		const char *cur = getenv("CIB_shadow");
		if (cur && !strcmp(cur, name)) {
			crm_err("cib.delete: %s shadow CIB is in use", name);
			return 1;
		}
		char *p = shadow_path(name);
		int rc = unlink(p);
		if (rc != 0)
			crm_err("cib.delete: %s: %s", p, g_strerror(errno));
		g_free(p);
		return rc != 0;
	}
	crm_err("cib: unknown command %s", c);
	return 1;
}
