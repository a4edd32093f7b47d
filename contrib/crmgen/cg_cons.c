/* The constraint tables: LOCATION (node scores, and pingd/diskd columns with
 * the colocation and order they imply), COLOCATION and ORDER.  Duplicates are
 * warned about and kept, except a generated constraint that repeats one
 * already there (dropped), or an explicit one that repeats a generated one
 * (which it replaces), as pm_crmgen 1.0 did. */
#include <stdlib.h>
#include <string.h>
#include "cg.h"

static const char *const coloc_keys[] = { "rsc", "with-rsc", "score", "rsc-role", "with-rsc-role", NULL };
static const char *const order_keys[] = { "first-rsc", "then-rsc", "score", "first-action", "then-action",
					  "symmetrical" };

static bool same_rule(const struct cg_rule *a, const struct cg_rule *b)
{
	if (a->t != b->t || strcmp(a->score, b->score) != 0)
		return false;
	if (a->t == CG_UNAME)
		return strcmp(a->node, b->node) == 0;
	if (a->t == CG_PINGD)
		return strcmp(a->attr, b->attr) == 0 && strcmp(a->value, b->value) == 0;
	return strcmp(a->attr, b->attr) == 0;
}

static void add_rule(struct cg_ctx *c, struct cg_loc *l, enum cg_rule_t t, const char *score,
		     const char *node, const char *attr, const char *value, int col)
{
	struct cg_rule nr = { .t = t, .score = cg_strdup(score), .node = cg_strdup(node),
			      .attr = cg_strdup(attr), .value = cg_strdup(value),
			      .line = c->log->line, .col = col };
	char ca[32], cb[32], lb[16];
	int i;

	for (i = 0; i < l->nrules; i++) {
		if (same_rule(&l->rules[i], &nr)) {
			snprintf(lb, sizeof lb, "%d", l->rules[i].line);
			cg_log_msg(c->log, CG_WARN, 2, M_LOC_DUP, cg_col(c->log, col, ca), lb,
				   cg_col(c->log, l->rules[i].col, cb));
			break;
		}
	}
	l->rules = cg_grow(l->rules, l->nrules, sizeof *l->rules);
	l->rules[l->nrules++] = nr;
}

/* The outermost resource holding each primitive of this type whose params
 * have name=ATTR (its clone, normally). */
static int parent_ids(const struct cg_doc *d, const char *type, const char *attr, int *ids)
{
	int n = 0, i, j, k, top;

	for (i = 0; i < d->nrsc; i++) {
		const struct cg_rsc *r = &d->rsc[i];
		bool hit = false;

		if (r->kind != CG_PRIMITIVE || !r->type || strcmp(r->type, type) != 0)
			continue;
		for (j = 0; j < r->nsets && !hit; j++) {
			if (strcmp(r->sets[j].kind, "params") != 0)
				continue;
			for (k = 0; k < r->sets[j].nv.n && !hit; k++)
				hit = strcmp(r->sets[j].nv.v[k].name, "name") == 0 &&
				      strcmp(r->sets[j].nv.v[k].value, attr) == 0;
		}
		if (!hit)
			continue;
		for (top = i; d->rsc[top].parent >= 0; top = d->rsc[top].parent)
			;
		for (k = 0; k < n && ids[k] != top; k++)
			;
		if (k == n)
			ids[n++] = top;
	}
	return n;
}

static void cons_free(struct cg_cons *k)
{
	int i;

	for (i = 0; i < CG_CONS_KEYS; i++)
		free(k->f[i]);
}

/* Add a colocation/order unless it repeats one (see the top of the file). */
static void add_cons(struct cg_ctx *c, struct cg_cons **arr, int *n, int nkeys, const char *const *v,
		     bool autogen)
{
	char lb[16];
	int i, k;

	for (i = 0; i < *n; i++) {
		for (k = 0; k < nkeys && strcmp((*arr)[i].f[k], v[k]) == 0; k++)
			;
		if (k < nkeys)
			continue;
		if (autogen)
			return;
		if ((*arr)[i].autogen) {
			cons_free(&(*arr)[i]);
			memmove(&(*arr)[i], &(*arr)[i + 1], (size_t)(*n - i - 1) * sizeof **arr);
			(*n)--;
		} else {
			snprintf(lb, sizeof lb, "%d", (*arr)[i].line);
			cg_log_msg(c->log, CG_WARN, 2, M_SAME, lb);
		}
		break;
	}
	*arr = cg_grow(*arr, *n, sizeof **arr);
	memset(&(*arr)[*n], 0, sizeof **arr);
	for (k = 0; k < CG_CONS_KEYS; k++)
		(*arr)[*n].f[k] = cg_strdup(k < nkeys ? v[k] : "");
	(*arr)[*n].autogen = autogen;
	(*arr)[*n].line = c->log->line;
	(*n)++;
	c->doc->any = true;
}

static void check_rsc(struct cg_ctx *c, const char *id)
{
	if (*id && cg_rsc_find(c->doc, id) < 0)
		cg_fmterr(c->log, 2, M_RSC_NOTFOUND, id);
}

/* The checks both tables make; v[] gets the cells, normalised. */
static void cons_row(struct cg_ctx *c, const struct cg_row *r, const char *const *keys, int nkeys,
		     const char **v, char *scorebuf, size_t sblen)
{
	const char *s;
	int k;

	c->log->err2 = false;
	for (k = 0; k < nkeys; k++)
		v[k] = cg_val(c, r, keys[k]);
	for (k = 0; k < 3; k++)
		if (!*v[k])
			cg_fmterr(c->log, 2, M_VAL_EMPTY, keys[k]);
	check_rsc(c, v[0]);
	check_rsc(c, v[1]);
	s = cg_score_norm(c, v[2], cg_colpos(c, "score"), NULL, scorebuf, sblen);
	if (s)
		v[2] = s;
}

void cg_row_colocation(struct cg_ctx *c, const struct cg_row *r)
{
	const char *v[5];
	char sb[64];

	cons_row(c, r, coloc_keys, 5, v, sb, sizeof sb);
	if (!c->log->err2)
		add_cons(c, &c->doc->col, &c->doc->ncol, 5, v, false);
}

void cg_row_order(struct cg_ctx *c, const struct cg_row *r)
{
	const char *v[6], *b;
	char sb[64];

	cons_row(c, r, order_keys, 6, v, sb, sizeof sb);
	if (cg_colpos(c, "symmetrical") >= 0 && (b = cg_bool_norm(c, v[CG_O_SYM], cg_colpos(c, "symmetrical"))))
		v[CG_O_SYM] = b;
	if (!c->log->err2)
		add_cons(c, &c->doc->ord, &c->doc->nord, 6, v, false);
}

/* A pingd/diskd column set to yes: the resource follows the clone that
 * measures the attribute (colocation) and starts after it (order). */
static void pd_constraints(struct cg_ctx *c, const char *rsc, const char *type, const char *attr)
{
	int *ids = cg_alloc(((size_t)c->doc->nrsc + 1) * sizeof *ids), n, i;

	n = parent_ids(c->doc, type, attr, ids);
	if (n == 0)
		cg_fmterr(c->log, 2, M_PD_NORSC, attr, type);
	for (i = 0; i < n; i++) {
		const char *id = c->doc->rsc[ids[i]].id;

		if (c->add_colocation) {
			const char *v[5] = { rsc, id, "INFINITY", "", "" };

			add_cons(c, &c->doc->col, &c->doc->ncol, 5, v, true);
		}
		if (c->add_order) {
			const char *v[6] = { id, rsc, "0", "", "", "false" };

			add_cons(c, &c->doc->ord, &c->doc->nord, 6, v, true);
		}
	}
	free(ids);
}

void cg_row_location(struct cg_ctx *c, const struct cg_row *r)
{
	struct cg_doc *d = c->doc;
	const char *rsc = cg_val(c, r, "rsc");
	struct cg_loc nl = { 0 }, *l = &nl;
	int li, k, n, j;

	c->log->err2 = false;
	if (*rsc)
		check_rsc(c, rsc);
	else
		cg_fmterr(c->log, 2, M_VAL_EMPTY, "rsc");
	if (c->log->err2)
		return;
	for (li = 0; li < d->nloc; li++)
		if (strcmp(d->loc[li].rsc, rsc) == 0)
			break;
	if (li < d->nloc)
		l = &d->loc[li];
	else
		nl.rsc = cg_strdup(rsc);
	for (k = 0; k < c->ncols; k++) {
		const char *key = c->cols[k].key, *v = r->cell[c->cols[k].pos];
		int pos = c->cols[k].pos;

		if (!*v)
			continue;
		if (strncmp(key, "score:", 6) == 0) {
			char **nodes = cg_split_blank(v, &n);

			for (j = 0; j < n; j++)
				add_rule(c, l, CG_UNAME, key + 6, nodes[j], "", "", pos);
			cg_strv_free(nodes, n);
		} else if (strncmp(key, "pingd:", 6) == 0 || strncmp(key, "diskd:", 6) == 0) {
			const char *b = cg_bool_norm(c, v, pos);
			char *parts = cg_strdup(key), *attr, *value;
			bool pingd = key[0] == 'p';

			if (!b || strcmp(b, "true") != 0) {
				free(parts);
				continue;
			}
			parts[5] = '\0';
			attr = parts + 6;
			value = pingd ? strchr(attr, ':') : NULL;
			if (value)
				*value++ = '\0';
			add_rule(c, l, pingd ? CG_PINGD : CG_DISKD, "-INFINITY", "", attr, value ? value : "", pos);
			if (c->add_colocation || c->add_order)
				pd_constraints(c, rsc, parts, attr);
			free(parts);
		}
	}
	if (l->nrules == 0) {
		cg_log_msg(c->log, CG_WARN, 2, M_LOC_RSC_ONLY);
		free(nl.rsc);
		return;
	}
	/* The location takes the place of the last row that named its resource. */
	if (l == &nl) {
		d->loc = cg_grow(d->loc, d->nloc, sizeof *d->loc);
		d->loc[d->nloc++] = nl;
	} else {
		struct cg_loc keep = *l;

		memmove(&d->loc[li], &d->loc[li + 1], (size_t)(d->nloc - li - 1) * sizeof *d->loc);
		d->loc[d->nloc - 1] = keep;
	}
	d->any = true;
}
