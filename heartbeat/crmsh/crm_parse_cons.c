/* Constraint statements: location (score and node, or rules with every
 * expression form), colocation and order (two resources, or resource sets
 * for more or for parentheses).  Pure: words in, element out. */
#include <string.h>
#include "crm.h"

static void set_prop(xmlNodePtr x, const char *n, const char *v)
{
	xmlNewProp(x, BAD_CAST n, BAD_CAST v);
}

static int is_binop(const char *s)
{
	static const char *const ops[] = { "lt", "gt", "lte", "gte", "eq", "ne", NULL };
	for (int i = 0; ops[i]; i++)
		if (!strcmp(s, ops[i]))
			return 1;
	return 0;
}

/* One expression at w[*i]; appended to rule.  0 or -1 with *err. */
static int parse_expr(char **w, int *i, xmlNodePtr rule, const char *ruleid, struct crm_ids *ids, char **err)
{
	char *base = g_strdup_printf("%s-expression", ruleid);
	char *id = crm_ids_make(ids, base);
	g_free(base);
	int rc = 0;
	const char *a = w[*i];
	if (!strcmp(a, "defined") || !strcmp(a, "not_defined")) {
		if (!w[*i + 1])
			goto expected;
		xmlNodePtr e = xmlNewChild(rule, NULL, BAD_CAST "expression", NULL);
		set_prop(e, "operation", a);
		set_prop(e, "attribute", w[*i + 1]);
		set_prop(e, "id", id);
		*i += 2;
	} else if (!strcmp(a, "date")) {
		const char *op = w[*i + 1];
		if (!op)
			goto expected;
		xmlNodePtr e = xmlNewChild(rule, NULL, BAD_CAST "date_expression", NULL);
		set_prop(e, "operation", op);
		*i += 2;
		if (!strcmp(op, "gt") || !strcmp(op, "lt")) {
			if (!w[*i])
				goto expected;
			set_prop(e, !strcmp(op, "gt") ? "start" : "end", w[*i]);
			(*i)++;
		} else if (!strcmp(op, "in_range") || !strcmp(op, "in")) {
			xmlSetProp(e, BAD_CAST "operation", BAD_CAST "in_range");
			for (char *n, *v; w[*i] && crm_nv_split(w[*i], &n, &v); (*i)++) {
				if (!strcmp(n, "start") || !strcmp(n, "end")) {
					set_prop(e, n, v);
				} else {
					xmlNodePtr d = xmlNewChild(e, NULL, BAD_CAST "duration", NULL);
					set_prop(d, n, v);
				}
				g_free(n);
				g_free(v);
			}
		} else if (!strcmp(op, "date_spec")) {
			xmlNodePtr d = xmlNewChild(e, NULL, BAD_CAST "date_spec", NULL);
			for (char *n, *v; w[*i] && crm_nv_split(w[*i], &n, &v); (*i)++) {
				set_prop(d, n, v);
				g_free(n);
				g_free(v);
			}
			char *did = g_strdup_printf("%s-date_spec", id);
			set_prop(d, "id", did);
			g_free(did);
		} else {
			*err = g_strdup_printf("syntax in location: Unknown date operation near <%s>", op);
			rc = -1;
		}
		set_prop(e, "id", id);
	} else {
		const char *opw = w[*i + 1], *val = opw ? w[*i + 2] : NULL;
		if (!opw || !val)
			goto expected;
		const char *colon = strchr(opw, ':');
		char *type = colon ? g_strndup(opw, colon - opw) : NULL;
		const char *op = colon ? colon + 1 : opw;
		if (!is_binop(op) || (type && strcmp(type, "string") && strcmp(type, "number") &&
				      strcmp(type, "version"))) {
			*err = g_strdup_printf("syntax in location: Expected ((string|number|version):)?"
					       "(lt|gt|lte|gte|eq|ne) near <%s>", opw);
			g_free(type);
			g_free(id);
			return -1;
		}
		xmlNodePtr e = xmlNewChild(rule, NULL, BAD_CAST "expression", NULL);
		set_prop(e, "operation", op);
		set_prop(e, "attribute", a);
		if (type)
			set_prop(e, "type", type);
		set_prop(e, "value", val);
		set_prop(e, "id", id);
		g_free(type);
		*i += 3;
	}
	g_free(id);
	return rc;
expected:
	*err = g_strdup_printf("syntax in location: Expected an expression near <%s>", a);
	g_free(id);
	return -1;
}

/* rule [$id=X] [$role=R] SCORE: expr [and|or expr]...; w[*i] is after "rule". */
static int parse_rule(char **w, int *i, xmlNodePtr parent, const char *owner, struct crm_ids *ids, char **err)
{
	xmlNodePtr rule = xmlNewChild(parent, NULL, BAD_CAST "rule", NULL);
	char *rid = NULL;
	for (char *n, *v; w[*i] && crm_nv_split(w[*i], &n, &v); (*i)++) {
		if (!strcmp(n, "$id")) {
			g_free(rid);
			rid = g_strdup(v);
			crm_ids_take(ids, rid);
			set_prop(rule, "id", rid);
		} else if (!strcmp(n, "$role") || !strcmp(n, "role")) {
			set_prop(rule, "role", v);
		} else {
			*err = g_strdup_printf("syntax in location: Unknown rule attribute near <%s>", w[*i]);
			g_free(n);
			g_free(v);
			g_free(rid);
			return -1;
		}
		g_free(n);
		g_free(v);
	}
	char *sc = w[*i] ? crm_score_colon(w[*i]) : NULL;
	if (sc)
		(*i)++;
	else
		sc = g_strdup("INFINITY");  /* a rule without score, as crmsh */
	char *score = crm_score(sc);
	if (score)
		set_prop(rule, "score", score);
	else
		set_prop(rule, "score-attribute", sc);
	g_free(score);
	g_free(sc);
	if (!rid) {
		char *base = g_strdup_printf("%s-rule", owner);
		rid = crm_ids_make(ids, base);
		g_free(base);
	}
	int or = 0;
	for (;;) {
		if (!w[*i] || !strcmp(w[*i], "rule")) {
			*err = g_strdup_printf("syntax in location: Expected an expression near <%s>",
					       w[*i] ? w[*i] : "rule");
			g_free(rid);
			return -1;
		}
		if (parse_expr(w, i, rule, rid, ids, err) < 0) {
			g_free(rid);
			return -1;
		}
		if (w[*i] && (!strcmp(w[*i], "and") || !strcmp(w[*i], "or"))) {
			or |= !strcmp(w[*i], "or");
			(*i)++;
			continue;
		}
		break;
	}
	if (or)
		set_prop(rule, "boolean-op", "or");
	if (!xmlHasProp(rule, BAD_CAST "id"))
		set_prop(rule, "id", rid);
	g_free(rid);
	return 0;
}

struct crm_obj *crm_parse_location(char **w, char **err)
{
	if (!w[1] || !w[2])
		return crm_obj_fail(NULL, err, g_strdup("syntax in location: Expected <id> <rsc>"));
	struct crm_obj *o = crm_obj_new(CRM_LOCATION, w[1], "rsc_location");
	set_prop(o->xml, "rsc", w[2]);
	int i = 3;
	/* location ID RSC role=ROLE SCORE: NODE (crmsh's show writes it so) */
	if (w[i] && (!strncmp(w[i], "role=", 5) || !strncmp(w[i], "$role=", 6)) && w[i + 1] &&
	    strcmp(w[i + 1], "rule")) {
		char *tmp = crm_score_colon(w[i + 1]);  /* only whether SCORE: follows */
		if (tmp) {
			set_prop(o->xml, "role", strchr(w[i], '=') + 1);
			i++;
		}
		g_free(tmp);
	}
	char *sc = w[i] ? crm_score_colon(w[i]) : NULL;
	if (sc) {
		char *score = crm_score(sc);
		if (!score || !w[i + 1] || w[i + 2]) {
			char *m = g_strdup_printf("syntax in location: expected <score>: <node> or <rule> [<rule> ...] "
						  "near <%s>", w[i]);
			g_free(sc);
			g_free(score);
			return crm_obj_fail(o, err, m);
		}
		set_prop(o->xml, "score", score);
		set_prop(o->xml, "node", w[i + 1]);
		g_free(sc);
		g_free(score);
		return o;
	}
	if (!w[i] || strcmp(w[i], "rule"))
		return crm_obj_fail(o, err, g_strdup_printf("syntax in location: expected <score>: <node> or <rule> "
						    "[<rule> ...] near <%s>", w[i] ? w[i] : w[2]));
	struct crm_ids *ids = crm_ids_new();
	crm_ids_take(ids, w[1]);
	while (w[i]) {
		if (strcmp(w[i], "rule")) {
			char *m = g_strdup_printf("syntax in location: Unknown arguments near <%s>", w[i]);
			crm_ids_free(ids);
			return crm_obj_fail(o, err, m);
		}
		i++;
		if (parse_rule(w, &i, o->xml, w[1], ids, err) < 0) {
			crm_ids_free(ids);
			return crm_obj_fail(o, err, *err);
		}
	}
	crm_ids_free(ids);
	return o;
}

/* The resources of a colocation or order (after the score) into either
 * attributes (two plain ones) or resource sets.  part: the words. */
static int rsc_list(xmlNodePtr c, char **r, int n, const char *id, int order, const char *kw, char **err)
{
	int sets = n != 2;
	for (int k = 0; k < n; k++)
		if (!strcmp(r[k], "(") || !strcmp(r[k], ")") || !strcmp(r[k], "[") || !strcmp(r[k], "]"))
			sets = 1;
	if (n < 1) {
		*err = g_strdup_printf("syntax in %s: Expected at least one resource near <%s>", kw, id);
		return -1;
	}
	/* An empty word ('' on the line) names no resource: g_strsplit would
	 * give an empty vector below. */
	for (int k = 0; k < n; k++)
		if (!r[k][0] || r[k][0] == ':') {
			*err = g_strdup_printf("syntax in %s: Expected a resource name near <%s>", kw, id);
			return -1;
		}
	if (!sets) {
		for (int k = 0; k < 2; k++) {
			char **p = g_strsplit(r[k], ":", 2);
			const char *an = order ? (k ? "then" : "first") : (k ? "with-rsc" : "rsc");
			set_prop(c, an, p[0]);
			if (p[1]) {
				char *ex = g_strdup_printf("%s-%s", an, order ? "action" : "role");
				set_prop(c, ex, p[1]);
				g_free(ex);
			}
			g_strfreev(p);
		}
		return 0;
	}
	xmlNodePtr set = NULL;
	int nset = 0, in_par = 0;
	for (int k = 0; k < n; k++) {
		if (!strcmp(r[k], "(") || !strcmp(r[k], "[")) {
			if (in_par) {
				*err = g_strdup_printf("syntax in %s: Nested sets near <%s>", kw, r[k]);
				return -1;
			}
			in_par = 1;
			set = NULL;
			continue;
		}
		if (!strcmp(r[k], ")") || !strcmp(r[k], "]")) {
			in_par = 0;
			set = NULL;
			continue;
		}
		if (!set) {
			set = xmlNewChild(c, NULL, BAD_CAST "resource_set", NULL);
			if (in_par)
				set_prop(set, "sequential", "false");
			char *sid = g_strdup_printf("%s-%d", id, nset++);
			set_prop(set, "id", sid);
			g_free(sid);
		}
		char **p = g_strsplit(r[k], ":", 2);
		if (p[1] && !xmlHasProp(set, BAD_CAST (order ? "action" : "role")))
			set_prop(set, order ? "action" : "role", p[1]);
		xmlNodePtr ref = xmlNewChild(set, NULL, BAD_CAST "resource_ref", NULL);
		set_prop(ref, "id", p[0]);
		g_strfreev(p);
	}
	return 0;
}

static char *order_kind(const char *s)
{
	if (!g_ascii_strcasecmp(s, "mandatory"))
		return g_strdup("Mandatory");
	if (!g_ascii_strcasecmp(s, "optional") || !g_ascii_strcasecmp(s, "advisory"))
		return g_strdup("Optional");
	if (!g_ascii_strcasecmp(s, "serialize"))
		return g_strdup("Serialize");
	char *sc = crm_score(s);
	if (!sc)
		return NULL;
	/* crmsh 4.4 writes every score as a kind: 0 is Optional, any
	 * other (negative ones too) Mandatory. */
	int zero = !strcmp(sc, "0");
	g_free(sc);
	return g_strdup(zero ? "Optional" : "Mandatory");
}

static struct crm_obj *coloc_order(char **w, int order, char **err)
{
	const char *kw = order ? "order" : "colocation";
	if (!w[1] || !w[2])
		return crm_obj_fail(NULL, err, g_strdup_printf("syntax in %s: Expected <id> <score>:", kw));
	struct crm_obj *o = crm_obj_new(order ? CRM_ORDER : CRM_COLOCATION, w[1],
				    order ? "rsc_order" : "rsc_colocation");
	char *sc = crm_score_colon(w[2]);
	int first = 3;
	if (!sc && order) {
		/* the kind is optional in an order (Mandatory) */
		first = 2;
	} else if (!sc) {
		return crm_obj_fail(o, err, g_strdup_printf("syntax in %s: Expected <score>: near <%s>", kw, w[2]));
	} else if (order) {
		char *k = order_kind(sc);
		if (!k) {
			char *m = g_strdup_printf("syntax in order: Invalid kind: %s near <%s>", sc,
						  w[3] ? w[3] : w[2]);
			g_free(sc);
			return crm_obj_fail(o, err, m);
		}
		set_prop(o->xml, "kind", k);
		g_free(k);
	} else {
		char *score = crm_score(sc);
		if (!score) {
			char *m = g_strdup_printf("syntax in colocation: Invalid score: %s near <%s>", sc, w[2]);
			g_free(sc);
			return crm_obj_fail(o, err, m);
		}
		set_prop(o->xml, "score", score);
		g_free(score);
	}
	g_free(sc);
	int n = 0;
	while (w[first + n] && !strchr(w[first + n], '='))
		n++;
	for (int k = first + n; w[k]; k++) {
		char *an, *av;
		if (!crm_nv_split(w[k], &an, &av))
			return crm_obj_fail(o, err, g_strdup_printf("syntax in %s: Unknown arguments near <%s>", kw, w[k]));
		if ((order && strcmp(an, "symmetrical")) || (!order && strcmp(an, "node-attribute"))) {
			char *m = g_strdup_printf("syntax in %s: Unknown attribute near <%s>", kw, w[k]);
			g_free(an);
			g_free(av);
			return crm_obj_fail(o, err, m);
		}
		if (order) {
			/* symmetrical=yes|on|true... as crmsh canonizes it */
			int t = !g_ascii_strcasecmp(av, "true") || !g_ascii_strcasecmp(av, "yes") ||
				!g_ascii_strcasecmp(av, "on") || !strcmp(av, "1");
			int f = !g_ascii_strcasecmp(av, "false") || !g_ascii_strcasecmp(av, "no") ||
				!g_ascii_strcasecmp(av, "off") || !strcmp(av, "0");
			if (!t && !f) {
				char *m = g_strdup_printf("syntax in order: Unknown attribute near <%s>", w[k]);
				g_free(an);
				g_free(av);
				return crm_obj_fail(o, err, m);
			}
			set_prop(o->xml, an, t ? "true" : "false");
		} else {
			char *low = g_ascii_strdown(av, -1);
			set_prop(o->xml, an, low);
			g_free(low);
		}
		g_free(an);
		g_free(av);
	}
	if (rsc_list(o->xml, w + first, n, w[1], order, kw, err) < 0)
		return crm_obj_fail(o, err, *err);
	return o;
}

struct crm_obj *crm_parse_colocation(char **w, char **err)
{
	return coloc_order(w, 0, err);
}

struct crm_obj *crm_parse_order(char **w, char **err)
{
	return coloc_order(w, 1, err);
}
