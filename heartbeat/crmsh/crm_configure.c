/* The configure level: object statements applied to the working copy,
 * load update|replace (all-or-nothing), show, delete, rename, erase,
 * verify, save, edit, upgrade, ptest and commit. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "crm.h"
#include "cib/cib.h"
#include "cib/cib_doc.h"
#include "pengine/pe.h"

static void objs_free(GPtrArray *objs)
{
	for (guint i = 0; i < objs->len; i++)
		crm_obj_free(g_ptr_array_index(objs, i));
	g_ptr_array_free(objs, TRUE);
}

static const char *kind_word(enum crm_kind k)
{
	return k == CRM_NODE ? "node" : "resource";
}

/* crmsh's name of an object type, for "Cannot create primitive ...". */
static const char *kind_word_cli(enum crm_kind k)
{
	static const char *const names[] = {
		[CRM_NODE] = "node", [CRM_PRIMITIVE] = "primitive", [CRM_GROUP] = "group",
		[CRM_CLONE] = "clone", [CRM_MS] = "ms", [CRM_LOCATION] = "location",
		[CRM_COLOCATION] = "colocation", [CRM_ORDER] = "order", [CRM_PROPERTY] = "property",
		[CRM_RSC_DEFAULTS] = "rsc_defaults", [CRM_OP_DEFAULTS] = "op_defaults", [CRM_MONITOR] = "monitor",
	};
	return names[k];
}

/* Applies objs to a copy of the working document; the copy replaces it
 * only when nothing failed.  replace: objects the load does not name are
 * removed (crm_replace). */
static int apply_objs(struct crm_session *s, GPtrArray *objs, int replace, int strict)
{
	xmlDocPtr tmp = xmlCopyDoc(s->work, 1);
	struct crm_session t = *s;
	t.work = tmp;
	xmlNodePtr cfg = crm_work_cfg(&t);
	int errors = 0;
	if (strict) {
		for (guint i = 0; i < objs->len; i++) {
			struct crm_obj *o = g_ptr_array_index(objs, i);
			if (o->kind == CRM_MONITOR || o->kind == CRM_PROPERTY || o->kind == CRM_RSC_DEFAULTS ||
			    o->kind == CRM_OP_DEFAULTS)
				continue;
			xmlNodePtr have = crm_find_obj(cfg, o->id);
			if (have) {
				crm_err("Cannot create %s with ID '%s': Found existing %s with same ID.",
					kind_word_cli(o->kind), o->id, crm_cli_name(have));
				errors++;
			}
		}
	}
	if (!errors)
		errors += replace ? crm_replace(cfg, objs) : crm_apply(cfg, objs);
	if (!errors)
		errors += crm_check_refs(cfg);
	if (errors) {
		xmlFreeDoc(tmp);
		return 1;
	}
	xmlFreeDoc(s->work);
	s->work = tmp;
	s->dirty = 1;
	return 0;
}

int crm_load_text(struct crm_session *s, const char *text, int replace)
{
	GPtrArray *lines = crm_lines(text);
	GPtrArray *objs = g_ptr_array_new();
	GPtrArray *comments = g_ptr_array_new_with_free_func(g_free);
	GHashTable *seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	int errors = 0;
	for (guint i = 0; i < lines->len; i++) {
		struct crm_line *l = g_ptr_array_index(lines, i);
		if (l->text[0] == '#') {
			g_ptr_array_add(comments, g_strdup(l->text));
			continue;
		}
		char *err = NULL;
		char **w = crm_split(l->text, &err);
		if (!w) {
			crm_err("configure.load: %s", err);
			g_free(err);
			errors++;
			continue;
		}
		struct crm_obj *o = crm_parse(w, comments, &err);
		g_ptr_array_set_size(comments, 0);
		g_strfreev(w);
		if (!o) {
			crm_err_at(l->lineno, "%s parsing '%s'", err, l->text);
			g_free(err);
			errors++;
			continue;
		}
		o->lineno = l->lineno;
		/* crmsh keeps one id space per load for everything but nodes
		 * (attribute sets included) and calls each a resource. */
		if (o->kind != CRM_MONITOR) {
			char *key = g_strdup_printf("%c%s", o->kind == CRM_NODE ? 'n' : 'r', o->id);
			int dup = g_hash_table_contains(seen, key);
			if (!dup)
				g_hash_table_add(seen, key);
			else
				g_free(key);
			if (dup) {
				crm_err_at(l->lineno, "Duplicate %s: %s", kind_word(o->kind), o->id);
				errors++;
				crm_obj_free(o);
				continue;
			}
		}
		g_ptr_array_add(objs, o);
	}
	if (!errors)
		errors = apply_objs(s, objs, replace, 0);
	g_hash_table_destroy(seen);
	g_ptr_array_free(comments, TRUE);
	objs_free(objs);
	crm_lines_free(lines);
	return errors ? 1 : 0;
}

static char *read_all(const char *path)
{
	char *buf = NULL;
	GError *e = NULL;
	if (!strcmp(path, "-")) {
		GString *s = g_string_new(NULL);
		char tmp[4096];
		size_t n;
		while ((n = fread(tmp, 1, sizeof tmp, stdin)) > 0)
			g_string_append_len(s, tmp, n);
		return g_string_free(s, FALSE);
	}
	if (!g_file_get_contents(path, &buf, NULL, &e)) {
		crm_err("configure.load: %s", e->message);
		g_error_free(e);
		return NULL;
	}
	return buf;
}

/* load xml update|replace FILE: FILE holds a <cib> or a <configuration>. */
static int load_xml(struct crm_session *s, const char *text, int replace)
{
	char *err = NULL;
	xmlDocPtr d = cib_xml_parse(text, strlen(text), &err);
	if (!d) {
		crm_err("configure.load: %s", err);
		g_free(err);
		return 1;
	}
	xmlNodePtr root = xmlDocGetRootElement(d), in = NULL;
	if (!strcmp((const char *)root->name, "configuration"))
		in = root;
	for (xmlNodePtr c = root->children; !in && c; c = c->next)
		if (c->type == XML_ELEMENT_NODE && !strcmp((const char *)c->name, "configuration"))
			in = c;
	if (!in) {
		crm_err("configure.load: no configuration element in the XML");
		xmlFreeDoc(d);
		return 1;
	}
	xmlNodePtr cfg = crm_work_cfg(s);
	if (replace) {
		xmlNodePtr n = xmlDocCopyNode(in, s->work, 1);
		xmlReplaceNode(cfg, n);
		xmlFreeNode(cfg);
	} else {
		/* Each object of the file replaces its namesake or is added. */
		for (xmlNodePtr sec = in->children; sec; sec = sec->next) {
			if (sec->type != XML_ELEMENT_NODE)
				continue;
			xmlNodePtr mine = crm_section_of(cfg, (const char *)sec->name, 1);
			for (xmlNodePtr o = sec->children; o; o = o->next) {
				if (o->type != XML_ELEMENT_NODE)
					continue;
				const char *id = cib_xml_attr(o, "id");
				xmlNodePtr old = id ? crm_find_obj(cfg, id) : NULL;
				xmlNodePtr n = xmlDocCopyNode(o, s->work, 1);
				if (old) {
					xmlReplaceNode(old, n);
					xmlFreeNode(old);
				} else {
					xmlAddChild(mine, n);
				}
			}
		}
	}
	xmlFreeDoc(d);
	s->dirty = 1;
	return crm_check_refs(crm_work_cfg(s)) ? 1 : 0;
}

static int cmd_load(struct crm_session *s, char **w)
{
	int xml = w[1] && !strcmp(w[1], "xml");
	char **a = w + 1 + xml;
	if (!a[0] || !a[1] || (strcmp(a[0], "update") && strcmp(a[0], "replace") && strcmp(a[0], "push"))) {
		crm_err("configure.load: usage: load [xml] {replace|update|push} {<url>|<path>}");
		return 1;
	}
	char *text = read_all(a[1]);
	if (!text)
		return 1;
	int replace = strcmp(a[0], "update") != 0;
	int rc = xml ? load_xml(s, text, replace) : crm_load_text(s, text, replace);
	g_free(text);
	return rc;
}

static int cmd_save(struct crm_session *s, char **w)
{
	int xml = w[1] && !strcmp(w[1], "xml");
	const char *path = w[1 + xml];
	if (!path) {
		crm_err("configure.save: usage: save [xml] <filename>");
		return 1;
	}
	FILE *f = !strcmp(path, "-") ? stdout : fopen(path, "w");
	if (!f) {
		crm_err("configure.save: %s: %s", path, g_strerror(errno));
		return 1;
	}
	if (xml)
		crm_show_xml(f, crm_work_cfg(s), NULL);
	else
		crm_show(f, crm_work_cfg(s), NULL);
	if (f != stdout && fclose(f) != 0) {
		crm_err("configure.save: %s: %s", path, g_strerror(errno));
		return 1;
	}
	return 0;
}

/* ptest [scores] [nograph]: the engine on the working copy (changes
 * not committed yet included), as ptest -S prints it. */
static int cmd_ptest(struct crm_session *s, char **w)
{
	int scores = 0;
	for (int i = 1; w[i]; i++)
		if (!strcmp(w[i], "scores"))
			scores = 1;
	struct cib *cib = cib_from_doc(xmlCopyDoc(s->work, 1));
	if (!cib) {
		crm_err("configure.ptest: the working CIB cannot be read");
		return 1;
	}
	struct pe_options opt = { 0, scores };
	struct pe_ws *ws = pe_run(cib, &opt);
	if (scores) {
		fputs("Allocation scores:\n", stdout);
		fputs(ws->log->str, stdout);
	}
	pe_print_status(ws, stdout, 0);
	fputc('\n', stdout);
	pe_print_summary(ws, stdout);
	fputc('\n', stdout);
	pe_print_transition(ws, stdout);
	fputc('\n', stdout);
	pe_print_status(ws, stdout, 1);
	pe_free(ws);
	cib_free(cib);
	return 0;
}

/* edit [ID...]: show into a file, $EDITOR (vi) on it, load update of what
 * comes back (the objects shown and then left out are deleted). */
static int cmd_edit(struct crm_session *s, char **w)
{
	char *path = NULL;
	GError *e = NULL;
	int fd = g_file_open_tmp("crm-edit.XXXXXX", &path, &e);
	if (fd < 0) {
		crm_err("configure.edit: %s", e->message);
		g_error_free(e);
		return 1;
	}
	FILE *f = fdopen(fd, "w");
	crm_show(f, crm_work_cfg(s), w + 1);
	fclose(f);
	const char *ed = getenv("EDITOR");
	char *cmd = g_strdup_printf("%s '%s'", ed && *ed ? ed : "vi", path);
	int rc = system(cmd);
	g_free(cmd);
	char *text = NULL;
	if (rc != 0 || !g_file_get_contents(path, &text, NULL, NULL)) {
		crm_err("configure.edit: the editor failed; nothing changed");
		unlink(path);
		g_free(path);
		return 1;
	}
	unlink(path);
	g_free(path);
	int r = w[1] ? crm_load_text(s, text, 0) : crm_load_text(s, text, 1);
	g_free(text);
	return r;
}

static int statement(struct crm_session *s, char **w)
{
	char *err = NULL;
	struct crm_obj *o = crm_parse(w, NULL, &err);
	if (!o) {
		char *line = g_strjoinv(" ", w);
		crm_err_at(s->lineno, "%s parsing '%s'", err, line);
		g_free(line);
		g_free(err);
		return 1;
	}
	GPtrArray *objs = g_ptr_array_new();
	g_ptr_array_add(objs, o);
	int rc = apply_objs(s, objs, 0, 1);
	objs_free(objs);
	return rc;
}

int crm_configure_cmd(struct crm_session *s, char **w)
{
	if (!w[0])
		return 0;
	if (crm_session_open(s) < 0)
		return 1;
	const char *c = w[0];
	if (crm_is_statement(c))
		return statement(s, w);
	if (!strcmp(c, "commit")) {
		int f = s->force;
		if (w[1] && !strcmp(w[1], "force"))
			s->force = 1;
		int rc = crm_commit(s) < 0;
		s->force = f;
		return rc;
	}
	if (!strcmp(c, "show")) {
		int xml = w[1] && !strcmp(w[1], "xml");
		if (xml)
			crm_show_xml(stdout, crm_work_cfg(s), w + 2);
		else {
			crm_show_obscure = 1;
			crm_show(stdout, crm_work_cfg(s), w + 1);
			crm_show_obscure = 0;
		}
		return 0;
	}
	if (!strcmp(c, "verify"))
		return crm_verify_doc(s->work, 0) ? 1 : 0;
	if (!strcmp(c, "load"))
		return cmd_load(s, w);
	if (!strcmp(c, "save"))
		return cmd_save(s, w);
	if (!strcmp(c, "delete") || !strcmp(c, "rm")) {
		int rc = 0;
		if (!w[1]) {
			crm_err("configure.delete: usage: delete <id> [<id>...]");
			return 1;
		}
		for (int i = 1; w[i]; i++)
			rc |= crm_delete(crm_work_cfg(s), w[i]) < 0;
		s->dirty = 1;
		return rc;
	}
	if (!strcmp(c, "rename")) {
		if (!w[1] || !w[2] || w[3]) {
			crm_err("configure.rename: usage: rename <old_id> <new_id>");
			return 1;
		}
		s->dirty = 1;
		return crm_rename(crm_work_cfg(s), w[1], w[2]) < 0;
	}
	if (!strcmp(c, "erase")) {
		xmlNodePtr cfg = crm_work_cfg(s);
		xmlNodePtr fresh = crm_empty_config(s->work);
		if (w[1] && !strcmp(w[1], "nodes")) {
			xmlFreeNode(fresh);
			xmlNodePtr n = crm_section_of(cfg, "nodes", 1);
			xmlReplaceNode(n, xmlNewDocNode(s->work, NULL, BAD_CAST "nodes", NULL));
			xmlFreeNode(n);
		} else {
			xmlNodePtr on = crm_section_of(cfg, "nodes", 0), nn = crm_section_of(fresh, "nodes", 0);
			if (on) {
				xmlReplaceNode(nn, xmlCopyNode(on, 1));
				xmlFreeNode(nn);
			}
			xmlReplaceNode(cfg, fresh);
			xmlFreeNode(cfg);
		}
		s->dirty = 1;
		return 0;
	}
	if (!strcmp(c, "ptest") || !strcmp(c, "simulate"))
		return cmd_ptest(s, w);
	if (!strcmp(c, "upgrade")) {
		if (cib_doc_upgrade(s->work))
			s->dirty = 1;
		else
			crm_info("configure.upgrade: the CIB already uses the pacemaker-1.0 syntax");
		return 0;
	}
	if (!strcmp(c, "edit"))
		return cmd_edit(s, w);
	crm_err_at(s->lineno, "syntax: Unknown command near <%s> parsing '%s'", c, c);
	return 1;
}
