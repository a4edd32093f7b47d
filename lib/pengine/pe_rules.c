/* Rules of location constraints evaluated on a node, as Pacemaker 2.1.5
 * evaluates them (the oracle; heartbeat 2.x differed, see ptest.8):
 *  - expressions lt gt lte gte eq ne defined not_defined on a node
 *    attribute (transient attributes of the status section override the
 *    node's configured ones) or a built-in: #uname, #id, #kind, #is_dc;
 *  - type string (case-insensitive), integer (64-bit), number (decimals:
 *    "1.0" eq "1"), version (dot-separated numbers); without a type, lt gt
 *    lte gte compare as number when either side has a ".", else as
 *    integer, and eq ne as strings;
 *  - a missing attribute: ne is true, lt gt lte gte eq false;
 *  - boolean-op and/or over expressions and nested rules;
 *  - score-attribute: the attribute's value is the rule's score;
 *  - date expressions (lib/cib/cib_date.c) against the CIB's
 *    execution-date, else now. */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "pengine/pe.h"

const char *pe_node_attr(struct pe_ws *ws, const struct pe_node *n, const char *name)
{
	if (!strcmp(name, "#uname"))
		return n->uname;
	if (!strcmp(name, "#id"))
		return n->id ? n->id : n->uname;
	if (!strcmp(name, "#kind"))
		return "cluster";
	if (!strcmp(name, "#is_dc"))
		return ws->cib->dc_uuid && n->id && !strcmp(ws->cib->dc_uuid, n->id) ? "true" : "false";
	struct cib_node_state *st = cib_find_state(ws->cib, n->uname);
	const char *v = st ? cib_nv_get(&st->attrs, name) : NULL;
	if (v)
		return v;
	struct cib_node *cn = cib_find_node(ws->cib, n->uname);
	return cn ? cib_nv_get(&cn->attrs, name) : NULL;
}

/* Dot-separated numeric fields, missing ones as 0 ("1.2" == "1.2.0"). */
static int cmp_version(const char *a, const char *b)
{
	for (int guard = 0; (*a || *b) && guard < 64; guard++) {
		char *ea = (char *)a, *eb = (char *)b;
		long long x = *a ? strtoll(a, &ea, 10) : 0, y = *b ? strtoll(b, &eb, 10) : 0;
		if (x != y)
			return x < y ? -1 : 1;
		if (ea == a && eb == b)
			break; /* neither side is a number any more */
		a = *ea == '.' ? ea + 1 : ea;
		b = *eb == '.' ? eb + 1 : eb;
	}
	return 0;
}

/* -1, 0, 1; values that do not parse as the type compare as strings. */
int pe_rule_cmp(const char *l, const char *r, enum cib_expr_type t, enum cib_expr_op op)
{
	if (t == CIB_TYPE_AUTO) {
		if (op == CIB_LT || op == CIB_GT || op == CIB_LTE || op == CIB_GTE)
			t = strchr(l, '.') || strchr(r, '.') ? CIB_TYPE_NUMBER : CIB_TYPE_INTEGER;
		else
			t = CIB_TYPE_STRING;
	}
	char *el, *er;
	switch (t) {
	case CIB_TYPE_INTEGER: {
		long long x = strtoll(l, &el, 10), y = strtoll(r, &er, 10);
		if (el != l && er != r)
			return x < y ? -1 : x > y;
		break;
	}
	case CIB_TYPE_NUMBER: {
		double x = g_ascii_strtod(l, &el), y = g_ascii_strtod(r, &er);
		if (el != l && er != r)
			return x < y ? -1 : x > y;
		break;
	}
	case CIB_TYPE_VERSION:
		return cmp_version(l, r);
	default:
		break;
	}
	int c = g_ascii_strcasecmp(l, r);
	return c < 0 ? -1 : c > 0;
}

static int expr_true(struct pe_ws *ws, const struct cib_expr *e, const struct pe_node *n)
{
	if (e->date)
		return cib_date_matches(e->date, ws->now);
	const char *v = pe_node_attr(ws, n, e->attr);
	switch (e->op) {
	case CIB_DEFINED:
		return v != NULL;
	case CIB_NOT_DEFINED:
		return v == NULL;
	case CIB_NE:
		return !v || pe_rule_cmp(v, e->value, e->type, e->op) != 0;
	default:
		break;
	}
	if (!v)
		return 0;
	int c = pe_rule_cmp(v, e->value, e->type, e->op);
	switch (e->op) {
	case CIB_EQ:
		return c == 0;
	case CIB_LT:
		return c < 0;
	case CIB_GT:
		return c > 0;
	case CIB_LTE:
		return c <= 0;
	case CIB_GTE:
		return c >= 0;
	default:
		return 0;
	}
}

static int rule_true(struct pe_ws *ws, const struct cib_rule *ru, const struct pe_node *n, int depth)
{
	guint terms = ru->exprs->len + (ru->rules ? ru->rules->len : 0);
	if (terms == 0)
		return 1;
	int any = 0, all = 1;
	for (guint i = 0; i < ru->exprs->len; i++) {
		const struct cib_expr *e = g_ptr_array_index(ru->exprs, i);
		int m = e ? expr_true(ws, e, n) : 0;
		any |= m;
		all &= m;
	}
	for (guint i = 0; ru->rules && i < ru->rules->len; i++) {
		int m = depth < 32 && rule_true(ws, g_ptr_array_index(ru->rules, i), n, depth + 1);
		any |= m;
		all &= m;
	}
	return ru->is_or ? any : all;
}

int pe_rule_eval(struct pe_ws *ws, const struct cib_rule *ru, const struct pe_node *n, int *score)
{
	if (!rule_true(ws, ru, n, 0))
		return 0;
	*score = ru->score;
	if (ru->score_attr) {
		const char *v = pe_node_attr(ws, n, ru->score_attr);
		int ok;
		*score = v ? cib_parse_score(v, &ok) : 0;
		if (v && !ok)
			*score = 0;
	}
	return 1;
}
