/* `configure show`: the configuration back in crm syntax, as crmsh 4.4
 * prints it (objects by kind then id, comments before their object,
 * ocf:heartbeat: left out, values quoted only when needed), and
 * `show xml`.  Reads the XML only. */
#include <fnmatch.h>
#include <string.h>
#include "crm.h"
#include "cib/cib_doc.h"

int crm_show_obscure;

static int is_tag(xmlNodePtr n, const char *t)
{
	return n && n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, t);
}

static const char *attr(xmlNodePtr n, const char *name)
{
	return cib_xml_attr(n, name);
}

static void quoted(GString *s, const char *v)
{
	if (!crm_needs_quotes(v)) {
		g_string_append(s, v);
		return;
	}
	g_string_append_c(s, '"');
	for (; *v; v++) {
		if (*v == '"')
			g_string_append_c(s, '\\');
		g_string_append_c(s, *v);
	}
	g_string_append_c(s, '"');
}

static void nv(GString *s, const char *n, const char *v)
{
	g_string_append(s, n);
	/* crmsh hides the values of parameters named passw* (its default
	 * obscure_pattern) in show. */
	if (v && crm_show_obscure && fnmatch("passw*", n, 0) == 0)
		v = "******";
	if (v) {
		g_string_append_c(s, '=');
		quoted(s, v);
	}
}

static char *score_text(const char *sc)
{
	if (!strcmp(sc, "INFINITY"))
		return g_strdup("inf");
	if (!strcmp(sc, "-INFINITY"))
		return g_strdup("-inf");
	if (!strcmp(sc, "+INFINITY"))
		return g_strdup("+inf");
	return g_ascii_strdown(sc, -1);
}

static int refers_to(xmlNodePtr n, const char *id)
{
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		const char *r = cib_xml_attr(n, "id-ref");
		if ((r && !strcmp(r, id)) || refers_to(n->children, id))
			return 1;
	}
	return 0;
}

static int referenced(xmlNodePtr set, const char *id)
{
	xmlNodePtr top = set;
	while (top->parent && top->parent->type == XML_ELEMENT_NODE)
		top = top->parent;
	return refers_to(top->children, id);
}

/* "params a=1 b=2" for an attribute set. */
static char *set_line(const char *kw, xmlNodePtr set)
{
	GString *s = g_string_new(kw);
	const char *ref = attr(set, "id-ref");
	if (ref) {
		g_string_append(s, " $id-ref=");
		quoted(s, ref);
		return g_string_free(s, FALSE);
	}
	/* crmsh drops the id of a set another one refers to, so its show
	 * does not load back; keep it there. */
	if (attr(set, "id") && referenced(set, attr(set, "id"))) {
		g_string_append(s, " $id=");
		quoted(s, attr(set, "id"));
	}
	for (xmlNodePtr c = set->children; c; c = c->next) {
		if (!is_tag(c, "nvpair"))
			continue;
		g_string_append_c(s, ' ');
		nv(s, attr(c, "name"), attr(c, "value"));
	}
	return g_string_free(s, FALSE);
}

static void comments(FILE *f, xmlNodePtr x)
{
	for (xmlNodePtr c = x->children; c; c = c->next)
		if (c->type == XML_COMMENT_NODE)
			fprintf(f, "%s\n", (const char *)c->content);
}

static void emit(FILE *f, GPtrArray *parts)
{
	for (guint i = 0; i < parts->len; i++)
		fprintf(f, "%s%s", i ? " \\\n\t" : "", (char *)g_ptr_array_index(parts, i));
	fputc('\n', f);
}

static const char *set_kw(xmlNodePtr c)
{
	if (is_tag(c, "instance_attributes"))
		return "params";
	if (is_tag(c, "meta_attributes"))
		return "meta";
	if (is_tag(c, "utilization"))
		return "utilization";
	return NULL;
}

static void add_sets(GPtrArray *parts, xmlNodePtr x)
{
	for (xmlNodePtr c = x->children; c; c = c->next) {
		const char *kw = set_kw(c);
		if (kw)
			g_ptr_array_add(parts, set_line(kw, c));
	}
}

static void add_description(GPtrArray *parts, xmlNodePtr x)
{
	if (!attr(x, "description"))
		return;
	GString *s = g_string_new(NULL);
	nv(s, "description", attr(x, "description"));
	g_ptr_array_add(parts, g_string_free(s, FALSE));
}

static void show_primitive(FILE *f, xmlNodePtr x)
{
	GPtrArray *parts = g_ptr_array_new_with_free_func(g_free);
	const char *cl = attr(x, "class"), *pr = attr(x, "provider"), *ty = attr(x, "type");
	char *agent;
	if (cl && !strcmp(cl, "ocf") && pr && !strcmp(pr, "heartbeat"))
		agent = g_strdup(ty);
	else if (pr)
		agent = g_strdup_printf("%s:%s:%s", cl, pr, ty);
	else
		agent = g_strdup_printf("%s:%s", cl ? cl : "", ty ? ty : "");
	g_ptr_array_add(parts, g_strdup_printf("primitive %s %s", attr(x, "id"), agent));
	g_free(agent);
	add_description(parts, x);
	/* Sets and ops in document order (crmsh keeps the input's). */
	for (xmlNodePtr ops = x->children; ops; ops = ops->next) {
		const char *kw = set_kw(ops);
		if (kw)
			g_ptr_array_add(parts, set_line(kw, ops));
		if (!is_tag(ops, "operations"))
			continue;
		for (xmlNodePtr op = ops->children; op; op = op->next) {
			if (!is_tag(op, "op"))
				continue;
			GString *s = g_string_new("op ");
			g_string_append(s, attr(op, "name"));
			for (xmlAttrPtr a = op->properties; a; a = a->next) {
				const char *n = (const char *)a->name;
				if (!strcmp(n, "name") || !strcmp(n, "id"))
					continue;
				xmlChar *v = xmlNodeGetContent((xmlNodePtr)a);
				g_string_append_c(s, ' ');
				nv(s, n, (char *)v);
				xmlFree(v);
			}
			g_ptr_array_add(parts, g_string_free(s, FALSE));
			for (xmlNodePtr c = op->children; c; c = c->next)
				if (is_tag(c, "instance_attributes"))
					g_ptr_array_add(parts, set_line("op_params", c));
		}
	}
	comments(f, x);
	emit(f, parts);
	g_ptr_array_free(parts, TRUE);
}

static void show_container(FILE *f, xmlNodePtr x)
{
	const char *kw = is_tag(x, "group") ? "group" : is_tag(x, "clone") ? "clone" : "ms";
	GString *s = g_string_new(kw);
	g_string_append_printf(s, " %s", attr(x, "id"));
	for (xmlNodePtr c = x->children; c; c = c->next)
		if (is_tag(c, "primitive") || is_tag(c, "group"))
			g_string_append_printf(s, " %s", attr(c, "id"));
	GPtrArray *parts = g_ptr_array_new_with_free_func(g_free);
	g_ptr_array_add(parts, g_string_free(s, FALSE));
	add_description(parts, x);
	add_sets(parts, x);
	comments(f, x);
	emit(f, parts);
	g_ptr_array_free(parts, TRUE);
}

static void expr_text(GString *s, xmlNodePtr e)
{
	const char *op = attr(e, "operation");
	if (is_tag(e, "date_expression")) {
		g_string_append_printf(s, "date %s", strcmp(op, "in_range") ? op : "in");
		if (!strcmp(op, "gt") && attr(e, "start"))
			g_string_append_printf(s, " %s", attr(e, "start"));
		else if (!strcmp(op, "lt") && attr(e, "end"))
			g_string_append_printf(s, " %s", attr(e, "end"));
		else {
			if (attr(e, "start")) {
				g_string_append(s, " ");
				nv(s, "start", attr(e, "start"));
			}
			if (attr(e, "end")) {
				g_string_append(s, " ");
				nv(s, "end", attr(e, "end"));
			}
			for (xmlNodePtr d = e->children; d; d = d->next)
				for (xmlAttrPtr a = is_tag(d, "duration") || is_tag(d, "date_spec") ? d->properties : NULL;
				     a; a = a->next) {
					if (!strcmp((const char *)a->name, "id"))
						continue;
					xmlChar *v = xmlNodeGetContent((xmlNodePtr)a);
					g_string_append_c(s, ' ');
					nv(s, (const char *)a->name, (char *)v);
					xmlFree(v);
				}
		}
		return;
	}
	if (!strcmp(op, "defined") || !strcmp(op, "not_defined")) {
		g_string_append_printf(s, "%s %s", op, attr(e, "attribute"));
		return;
	}
	const char *type = attr(e, "type");
	g_string_append_printf(s, "%s ", attr(e, "attribute"));
	if (type && strcmp(type, "string"))
		g_string_append_printf(s, "%s:", type);
	g_string_append_printf(s, "%s ", op);
	quoted(s, attr(e, "value") ? attr(e, "value") : "");
}

static char *rule_text(xmlNodePtr r)
{
	GString *s = g_string_new("rule ");
	if (attr(r, "role"))
		g_string_append_printf(s, "$role=%s ", attr(r, "role"));
	/* crmsh leaves the default INFINITY out. */
	if (attr(r, "score") && strcmp(attr(r, "score"), "INFINITY")) {
		char *sc = score_text(attr(r, "score"));
		g_string_append_printf(s, "%s: ", sc);
		g_free(sc);
	} else if (attr(r, "score-attribute")) {
		g_string_append_printf(s, "%s: ", attr(r, "score-attribute"));
	}
	const char *bop = attr(r, "boolean-op");
	int n = 0;
	for (xmlNodePtr e = r->children; e; e = e->next) {
		if (!is_tag(e, "expression") && !is_tag(e, "date_expression"))
			continue;
		if (n++)
			g_string_append_printf(s, " %s ", bop && !strcmp(bop, "or") ? "or" : "and");
		expr_text(s, e);
	}
	return g_string_free(s, FALSE);
}

static void rsc_refs(GString *s, xmlNodePtr c, const char *a1, const char *x1, const char *a2, const char *x2)
{
	if (attr(c, a1)) {
		g_string_append_printf(s, " %s", attr(c, a1));
		if (attr(c, x1))
			g_string_append_printf(s, ":%s", attr(c, x1));
		g_string_append_printf(s, " %s", attr(c, a2));
		if (attr(c, x2))
			g_string_append_printf(s, ":%s", attr(c, x2));
		return;
	}
	for (xmlNodePtr set = c->children; set; set = set->next) {
		if (!is_tag(set, "resource_set"))
			continue;
		const char *seq = attr(set, "sequential");
		int par = seq && !strcmp(seq, "false");
		const char *sfx = attr(set, "role") ? attr(set, "role") : attr(set, "action");
		if (par)
			g_string_append(s, " (");
		for (xmlNodePtr r = set->children; r; r = r->next)
			if (is_tag(r, "resource_ref")) {
				g_string_append_printf(s, " %s", attr(r, "id"));
				if (sfx)
					g_string_append_printf(s, ":%s", sfx);
			}
		if (par)
			g_string_append(s, " )");
	}
}

static void show_constraint(FILE *f, xmlNodePtr c)
{
	GPtrArray *parts = g_ptr_array_new_with_free_func(g_free);
	GString *s = g_string_new(NULL);
	if (is_tag(c, "rsc_location")) {
		g_string_append_printf(s, "location %s %s", attr(c, "id"), attr(c, "rsc") ? attr(c, "rsc") : "");
		if (attr(c, "node")) {
			char *sc = score_text(attr(c, "score") ? attr(c, "score") : "0");
			g_string_append_printf(s, " %s: %s", sc, attr(c, "node"));
			g_free(sc);
		}
		g_ptr_array_add(parts, g_string_free(s, FALSE));
		for (xmlNodePtr r = c->children; r; r = r->next)
			if (is_tag(r, "rule"))
				g_ptr_array_add(parts, rule_text(r));
	} else if (is_tag(c, "rsc_colocation")) {
		char *sc = score_text(attr(c, "score") ? attr(c, "score") : "0");
		g_string_append_printf(s, "colocation %s %s:", attr(c, "id"), sc);
		g_free(sc);
		rsc_refs(s, c, "rsc", "rsc-role", "with-rsc", "with-rsc-role");
		if (attr(c, "node-attribute"))
			g_string_append_printf(s, " node-attribute=%s", attr(c, "node-attribute"));
		g_ptr_array_add(parts, g_string_free(s, FALSE));
	} else {
		/* neither kind nor score: crmsh prints none (Mandatory) */
		char *k = attr(c, "kind") ? g_strdup(attr(c, "kind")) :
			  attr(c, "score") ? score_text(attr(c, "score")) : NULL;
		g_string_append_printf(s, "order %s", attr(c, "id"));
		if (k)
			g_string_append_printf(s, " %s:", k);
		g_free(k);
		rsc_refs(s, c, "first", "first-action", "then", "then-action");
		if (attr(c, "symmetrical"))
			g_string_append_printf(s, " symmetrical=%s", attr(c, "symmetrical"));
		g_ptr_array_add(parts, g_string_free(s, FALSE));
	}
	comments(f, c);
	emit(f, parts);
	g_ptr_array_free(parts, TRUE);
}

static void show_set(FILE *f, const char *kw, xmlNodePtr set)
{
	GPtrArray *parts = g_ptr_array_new_with_free_func(g_free);
	const char *id = attr(set, "id");
	if (crm_needs_quotes(id))
		g_ptr_array_add(parts, g_strdup_printf("%s $id=\"%s\"", kw, id));
	else
		g_ptr_array_add(parts, g_strdup_printf("%s %s:", kw, id));
	for (xmlNodePtr c = set->children; c; c = c->next) {
		if (!is_tag(c, "nvpair"))
			continue;
		GString *s = g_string_new(NULL);
		nv(s, attr(c, "name"), attr(c, "value"));
		g_ptr_array_add(parts, g_string_free(s, FALSE));
	}
	comments(f, set);
	emit(f, parts);
	g_ptr_array_free(parts, TRUE);
}

static void show_node(FILE *f, xmlNodePtr n)
{
	GPtrArray *parts = g_ptr_array_new_with_free_func(g_free);
	const char *id = attr(n, "id"), *un = attr(n, "uname"), *ty = attr(n, "type");
	GString *s = g_string_new("node ");
	if (un && strcmp(id, un))
		g_string_append_printf(s, "%s: ", id);
	g_string_append(s, un ? un : id);
	if (ty && strcmp(ty, "normal"))
		g_string_append_printf(s, ":%s", ty);
	g_ptr_array_add(parts, g_string_free(s, FALSE));
	for (xmlNodePtr c = n->children; c; c = c->next) {
		if (is_tag(c, "instance_attributes"))
			g_ptr_array_add(parts, set_line("attributes", c));
		else if (is_tag(c, "utilization"))
			g_ptr_array_add(parts, set_line("utilization", c));
	}
	comments(f, n);
	emit(f, parts);
	g_ptr_array_free(parts, TRUE);
}

static void collect_rsc(xmlNodePtr p, GPtrArray *kinds[4])
{
	for (xmlNodePtr c = p ? p->children : NULL; c; c = c->next) {
		int k = is_tag(c, "primitive") ? 0 : is_tag(c, "group") ? 1 : is_tag(c, "master") ? 2 :
			is_tag(c, "clone") ? 3 : -1;
		if (k < 0)
			continue;
		g_ptr_array_add(kinds[k], c);
		collect_rsc(c, kinds);
	}
}

static int by_id(gconstpointer a, gconstpointer b)
{
	xmlNodePtr x = *(xmlNodePtr *)a, y = *(xmlNodePtr *)b;
	const char *i = cib_xml_attr(x, "id"), *j = cib_xml_attr(y, "id");
	return strcmp(i ? i : "", j ? j : "");
}

static int wanted(xmlNodePtr x, char **ids)
{
	if (!ids || !*ids)
		return 1;
	const char *id = cib_xml_attr(x, "id");
	for (char **i = ids; *i; i++)
		if (id && !strcmp(*i, id))
			return 1;
	return 0;
}

/* Every object of cfg in show order. */
static GPtrArray *objects(xmlNodePtr cfg)
{
	GPtrArray *all = g_ptr_array_new();
	GPtrArray *k[4];
	for (int i = 0; i < 4; i++)
		k[i] = g_ptr_array_new();
	GPtrArray *nodes = g_ptr_array_new(), *cons = g_ptr_array_new();
	xmlNodePtr sec = crm_section_of(cfg, "nodes", 0);
	for (xmlNodePtr c = sec ? sec->children : NULL; c; c = c->next)
		if (is_tag(c, "node"))
			g_ptr_array_add(nodes, c);
	collect_rsc(crm_section_of(cfg, "resources", 0), k);
	sec = crm_section_of(cfg, "constraints", 0);
	for (xmlNodePtr c = sec ? sec->children : NULL; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			g_ptr_array_add(cons, c);
	GPtrArray *lists[] = { nodes, k[0], k[1], k[2], k[3], cons };
	for (int i = 0; i < 6; i++) {
		g_ptr_array_sort(lists[i], by_id);
		for (guint j = 0; j < lists[i]->len; j++)
			g_ptr_array_add(all, g_ptr_array_index(lists[i], j));
		g_ptr_array_free(lists[i], TRUE);
	}
	static const char *const sets[] = { "crm_config", "rsc_defaults", "op_defaults", NULL };
	for (int i = 0; sets[i]; i++) {
		GPtrArray *k2 = g_ptr_array_new();
		sec = crm_section_of(cfg, sets[i], 0);
		for (xmlNodePtr c = sec ? sec->children : NULL; c; c = c->next)
			if (c->type == XML_ELEMENT_NODE)
				g_ptr_array_add(k2, c);
		g_ptr_array_sort(k2, by_id);
		for (guint j = 0; j < k2->len; j++)
			g_ptr_array_add(all, g_ptr_array_index(k2, j));
		g_ptr_array_free(k2, TRUE);
	}
	return all;
}

void crm_show(FILE *f, xmlNodePtr cfg, char **ids)
{
	GPtrArray *all = objects(cfg);
	for (guint i = 0; i < all->len; i++) {
		xmlNodePtr x = g_ptr_array_index(all, i);
		if (!wanted(x, ids))
			continue;
		const char *p = x->parent ? (const char *)x->parent->name : "";
		if (is_tag(x, "node"))
			show_node(f, x);
		else if (is_tag(x, "primitive"))
			show_primitive(f, x);
		else if (is_tag(x, "group") || is_tag(x, "clone") || is_tag(x, "master"))
			show_container(f, x);
		else if (is_tag(x, "rsc_location") || is_tag(x, "rsc_colocation") || is_tag(x, "rsc_order"))
			show_constraint(f, x);
		else if (!strcmp(p, "crm_config"))
			show_set(f, "property", x);
		else if (!strcmp(p, "rsc_defaults"))
			show_set(f, "rsc_defaults", x);
		else if (!strcmp(p, "op_defaults"))
			show_set(f, "op_defaults", x);
	}
	g_ptr_array_free(all, TRUE);
}

void crm_show_xml(FILE *f, xmlNodePtr cfg, char **ids)
{
	if (!ids || !*ids) {
		char *s = cib_xml_dump(cfg);
		fputs(s, f);
		g_free(s);
		return;
	}
	GPtrArray *all = objects(cfg);
	for (guint i = 0; i < all->len; i++) {
		xmlNodePtr x = g_ptr_array_index(all, i);
		if (!wanted(x, ids))
			continue;
		char *s = cib_xml_dump(x);
		fputs(s, f);
		g_free(s);
	}
	g_ptr_array_free(all, TRUE);
}
