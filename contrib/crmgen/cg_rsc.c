/* The tables that define things: PROPERTY and RSC_DEFAULTS (name/value
 * lists), RESOURCES (the tree of primitives, groups and clones),
 * RSC_ATTRIBUTES and PRIMITIVE (class:provider:type, params/meta, ops), and
 * the checks made once the whole sheet is read.  Rules and messages as
 * pm_crmgen 1.0; constraints are cg_cons.c's. */
#include <stdlib.h>
#include <string.h>
#include "cg.h"

static const char *const kind_names[] = { "primitive", "group", "clone" };

static char *line_str(int line, char *buf)
{
	snprintf(buf, 16, "%d", line);
	return buf;
}

static struct cg_set *find_set(struct cg_rsc *r, const char *kind)
{
	int i;

	for (i = 0; i < r->nsets; i++)
		if (strcmp(r->sets[i].kind, kind) == 0)
			return &r->sets[i];
	return NULL;
}

static struct cg_set *get_set(struct cg_rsc *r, const char *kind)
{
	struct cg_set *s = find_set(r, kind);

	if (s)
		return s;
	r->sets = cg_grow(r->sets, r->nsets, sizeof *r->sets);
	s = &r->sets[r->nsets++];
	memset(s, 0, sizeof *s);
	s->kind = cg_strdup(kind);
	return s;
}

/* Before a name/value goes in: the checks of the original's xml_check_nv. */
static void check_nv(struct cg_ctx *c, const struct cg_nvlist *existing, const char *owner,
		     const char *kind, const char *name, const char *value)
{
	char lb[16];
	int i;

	if (!*name && !*value)
		return;
	if (!*name)
		cg_fmterr(c->log, 2, M_VAL_EMPTY, "name");
	if (!*value)
		cg_log_msg(c->log, CG_INFO, 2, M_VAL_EMPTY, "value");
	for (i = 0; existing && i < existing->n; i++) {
		if (strcmp(existing->v[i].name, name) != 0)
			continue;
		if (owner)
			cg_log_msg(c->log, CG_WARN, 2, M_NV_DUP_OF, owner, kind, name,
				   line_str(existing->v[i].line, lb));
		else
			cg_log_msg(c->log, CG_WARN, 2, M_NV_DUP, name, line_str(existing->v[i].line, lb));
		break;
	}
}

void cg_row_option(struct cg_ctx *c, const struct cg_row *r, bool property)
{
	struct cg_nvlist *l = property ? &c->doc->property : &c->doc->rsc_defaults;
	bool *has = property ? &c->doc->has_property : &c->doc->has_rscdef;
	const char *name = cg_val(c, r, "name"), *value = cg_val(c, r, "value");

	c->log->err2 = false;
	check_nv(c, *has ? l : NULL, NULL, NULL, name, value);
	if (c->log->err2 || (!*name && !*value))
		return;
	*has = c->doc->any = true;
	cg_nv_add(l, name, value, c->log->line);
}

/* The resource of that id (any kind, or only a primitive), or -1 reported. */
static int rsc_node(struct cg_ctx *c, const char *id, bool primitive)
{
	int i;

	if (!*id)
		return -1;
	i = cg_rsc_find(c->doc, id);
	if (i >= 0 && (!primitive || c->doc->rsc[i].kind == CG_PRIMITIVE))
		return i;
	cg_fmterr(c->log, 2, primitive ? M_PRIM_NOTFOUND : M_RSC_NOTFOUND, id);
	return -1;
}

bool cg_row_resources(struct cg_ctx *c, const struct cg_row *r)
{
	struct cg_doc *d = c->doc;
	const char *id = cg_val(c, r, "id");
	enum cg_kind kind = CG_PRIMITIVE;
	int filled[2], nfilled = 0, pos = 0, depth = -1, i;
	char lb[16];

	c->log->err2 = false;
	for (i = 0; i < c->nri; i++)
		if (*r->cell[c->ri[i]] && nfilled < 2)
			filled[nfilled++] = c->ri[i];
	if (nfilled == 0)
		cg_fmterr(c->log, 2, M_VAL_EMPTY, "resourceItem");
	else if (nfilled > 1)
		cg_fmterr(c->log, 2, M_RI_MANY);
	else {
		const char *t = r->cell[filled[0]];

		if (strcasecmp(t, "primitive") == 0)
			kind = CG_PRIMITIVE;
		else if (strcasecmp(t, "group") == 0)
			kind = CG_GROUP;
		else if (strcasecmp(t, "clone") == 0)
			kind = CG_CLONE;
		else
			cg_fmterr(c->log, 2, M_RSC_TYPE_UNDEF, t);
		if (!c->log->err2)
			pos = filled[0];
	}
	/* The column used is the depth: at most one deeper than the row above. */
	if (pos > 0) {
		if (c->npcr > 0) {
			for (i = 0; i < c->nri && i <= c->npcr; i++)
				if (c->ri[i] == pos)
					depth = i;
		} else if (*r->cell[c->ri[0]])
			depth = 0;
	}
	if (pos > 0 && depth == -1)
		cg_fmterr(c->log, 2, M_RI_POS);
	else if (depth > 0) {
		enum cg_kind pk = d->rsc[c->pcr[depth - 1]].kind;

		if (pk == CG_PRIMITIVE || (pk == CG_GROUP && kind != CG_PRIMITIVE) ||
		    (pk == CG_CLONE && kind != CG_PRIMITIVE && kind != CG_GROUP))
			cg_fmterr(c->log, 2, M_RI_TYPE);
	}
	if (!*id)
		cg_fmterr(c->log, 2, M_VAL_EMPTY, "id");
	else if ((i = cg_rsc_find(d, id)) >= 0)
		cg_fmterr(c->log, 2, M_RSC_DUP, id, line_str(d->rsc[i].line, lb));
	if (c->log->err2)
		return false;
	d->rsc = cg_grow(d->rsc, d->nrsc, sizeof *d->rsc);
	memset(&d->rsc[d->nrsc], 0, sizeof d->rsc[d->nrsc]);
	d->rsc[d->nrsc].kind = kind;
	d->rsc[d->nrsc].id = cg_strdup(id);
	d->rsc[d->nrsc].line = c->log->line;
	d->rsc[d->nrsc].parent = depth > 0 ? c->pcr[depth - 1] : -1;
	if (depth > 0) {
		struct cg_rsc *p = &d->rsc[c->pcr[depth - 1]];

		p->kids = cg_grow(p->kids, p->nkids, sizeof *p->kids);
		p->kids[p->nkids++] = d->nrsc;
	}
	d->has_resources = d->any = true;
	if (depth < (int)(sizeof c->pcr / sizeof c->pcr[0])) {
		c->npcr = depth;
		c->pcr[c->npcr++] = d->nrsc;
	}
	d->nrsc++;
	return true;
}

bool cg_row_attributes(struct cg_ctx *c, const struct cg_row *r, int rsc)
{
	const char *id, *t = cg_val(c, r, "type");
	const char *name = cg_val(c, r, "name"), *value = cg_val(c, r, "value");
	char *atype = cg_lower_ascii(t);
	struct cg_set *set = NULL;
	bool changed = false;

	c->log->err2 = false;
	if (rsc < 0) {
		id = cg_val(c, r, "id");
		if (*id) {
			free(c->attr_id);
			c->attr_id = cg_strdup(id);
			changed = true;
		} else {
			id = c->attr_id ? c->attr_id : "";
			if (!*id)
				cg_fmterr(c->log, 2, M_VAL_EMPTY, "id");
		}
		rsc = rsc_node(c, id, false);
	}
	/* An empty type means "as above", unless the resource changed here. */
	if (*atype) {
		if (strcmp(atype, "params") == 0 || strcmp(atype, "meta") == 0) {
			free(c->attr_type);
			c->attr_type = cg_strdup(atype);
		} else
			cg_fmterr(c->log, 2, M_ATTR_TYPE_UNDEF, t);
	} else if (changed || !c->attr_type)
		cg_fmterr(c->log, 2, M_VAL_EMPTY, "type");
	else {
		free(atype);
		atype = cg_strdup(c->attr_type);
	}
	if (rsc >= 0 && *atype)
		set = find_set(&c->doc->rsc[rsc], atype);
	check_nv(c, set ? &set->nv : NULL, rsc >= 0 ? c->doc->rsc[rsc].id : NULL, atype, name, value);
	if (c->log->err2) {
		free(atype);
		return false;
	}
	set = get_set(&c->doc->rsc[rsc], atype);
	if (*name || *value)
		cg_nv_add(&set->nv, name, value, c->log->line);
	free(atype);
	return true;
}

static void set_field(char **f, const char *v)
{
	free(*f);
	*f = cg_strdup(v);
}

/* One operation row: 1.0 merges rows of the same operation into one op. */
static void op_row(struct cg_ctx *c, struct cg_rsc *p, const struct cg_row *r, const char *optype)
{
	const char **keys = cg_alloc((size_t)c->ncols * sizeof *keys);
	int *order = cg_alloc((size_t)c->ncols * sizeof *order), i, k;
	struct cg_op *op = NULL;

	for (i = 0; i < p->nops; i++)
		if (strcmp(p->ops[i].name, optype) == 0)
			op = &p->ops[i];
	if (!op) {
		p->ops = cg_grow(p->ops, p->nops, sizeof *p->ops);
		op = &p->ops[p->nops++];
		memset(op, 0, sizeof *op);
		op->name = cg_strdup(optype);
	}
	/* The attributes in the order the original's dict of columns gave them. */
	for (i = 0; i < c->ncols; i++)
		keys[i] = c->cols[i].key;
	cg_pydict_order(keys, c->ncols, order);
	for (i = 0; i < c->ncols && order[i] >= 0; i++) {
		const struct cg_col *col = &c->cols[order[i]];
		const char *v = col->pos < r->n ? r->cell[col->pos] : "";

		if (strcmp(col->key, "type") == 0 || !*v)
			continue;
		for (k = 0; k < op->attrs.n; k++)
			if (strcmp(op->attrs.v[k].name, col->key) == 0) {
				cg_log_msg(c->log, CG_WARN, 2, M_OP_DUP, optype, col->key);
				break;
			}
		cg_nv_add(&op->attrs, col->key, v, c->log->line);
	}
	free(keys);
	free(order);
}

bool cg_row_primitive(struct cg_ctx *c, const struct cg_row *r)
{
	const char *optype = "";
	char lb[16];

	c->log->err2 = false;
	if (c->sub == CG_S_P && c->prim < 0) {
		const char *id = cg_val(c, r, "id");

		if (*id) {
			c->prim = rsc_node(c, id, true);
			if (c->prim >= 0 && c->doc->rsc[c->prim].p_line)
				cg_fmterr(c->log, 2, M_PRIM_DUP, id, line_str(c->doc->rsc[c->prim].p_line, lb));
			else if (c->prim >= 0)
				c->doc->rsc[c->prim].p_line = c->log->line;
		} else
			cg_fmterr(c->log, 2, M_VAL_EMPTY, "id");
		if (!*cg_val(c, r, "type"))
			cg_fmterr(c->log, 2, M_VAL_EMPTY, "type");
		if (!*cg_val(c, r, "class") && *cg_val(c, r, "provider"))
			cg_fmterr(c->log, 2, M_VAL_EMPTY, "class");
	} else if (c->sub == CG_S_P)
		cg_fmterr(c->log, 2, M_PRIM_DEF);
	else if (c->prim < 0)
		cg_fmterr(c->log, 2, M_PRIM_NOID);
	else if (c->sub == CG_S_O) {
		optype = cg_val(c, r, "type");
		if (!*optype)
			cg_fmterr(c->log, 2, M_VAL_EMPTY, "type");
	}
	if (c->log->err2)
		return false;
	if (c->sub == CG_S_P) {
		struct cg_rsc *p = &c->doc->rsc[c->prim];

		if (*cg_val(c, r, "class"))
			set_field(&p->cls, cg_val(c, r, "class"));
		if (*cg_val(c, r, "provider"))
			set_field(&p->provider, cg_val(c, r, "provider"));
		set_field(&p->type, cg_val(c, r, "type"));
	} else if (c->sub == CG_S_A)
		return cg_row_attributes(c, r, c->prim);
	else if (c->sub == CG_S_O)
		op_row(c, &c->doc->rsc[c->prim], r, optype);
	return true;
}

void cg_check_resources(struct cg_ctx *c)
{
	const struct cg_doc *d = c->doc;
	char lb[16];
	int i;

	for (i = 0; i < d->nrsc; i++) {
		const struct cg_rsc *r = &d->rsc[i];

		if (r->kind == CG_PRIMITIVE) {
			if (!r->p_line)
				cg_fmterr(c->log, 1, M_NO_PRIM_TBL, r->id, line_str(r->line, lb));
		} else if (r->nkids == 0)
			cg_fmterr(c->log, 1, M_EMPTY_PARENT, kind_names[r->kind], r->id, line_str(r->line, lb));
	}
}
