/* Reading the sheet the way pm_crmgen 1.0 did: the whole CSV first, record by
 * record; column B opens a table (or a P/A/O sub-table of PRIMITIVE), the next
 * row names its columns, the rows after it are data for the table's handler
 * (cg_rsc.c, cg_cons.c).  After an error in a table the rest of it is
 * skipped; errors in RESOURCES or a bad table header stop the reading.  The
 * crm text is produced only when no error was found. */
#include <stdlib.h>
#include <string.h>
#include "cg.h"

struct table {
	const char *keyword;
	enum cg_mode mode;
	const char *mode_name;      /* for the debug messages, as the original named them */
};

static const struct table tables[] = {
	{ "property", CG_M_PROPERTY, "Property" },
	{ "rsc_defaults", CG_M_RSCDEFAULTS, "RscDefaults" },
	{ "resources", CG_M_RESOURCES, "Resources" },
	{ "rsc_attributes", CG_M_ATTRIBUTES, "Attributes" },
	{ "primitive", CG_M_PRIMITIVE, "Primitive" },
	{ "location", CG_M_LOCATION, "Location" },
	{ "colocation", CG_M_COLOCATION, "Colocation" },
	{ "order", CG_M_ORDER, "Order" },
};

/* The columns a table must have (besides those its own rules add). */
static const char *const *required(enum cg_mode m, enum cg_sub s, int *n)
{
	static const char *const opt[] = { "name", "value" };
	static const char *const rsc[] = { "resourceitem", "id" };
	static const char *const attr[] = { "id", "type", "name", "value" };
	static const char *const p[] = { "id", "class", "provider", "type" };
	static const char *const a[] = { "type", "name", "value" };
	static const char *const o[] = { "type" };
	static const char *const loc[] = { "rsc" };
	static const char *const col[] = { "rsc", "with-rsc", "score" };
	static const char *const ord[] = { "first-rsc", "then-rsc", "score" };

	switch (m) {
	case CG_M_PROPERTY: case CG_M_RSCDEFAULTS: *n = 2; return opt;
	case CG_M_RESOURCES: *n = 2; return rsc;
	case CG_M_ATTRIBUTES: *n = 4; return attr;
	case CG_M_PRIMITIVE:
		if (s == CG_S_P) { *n = 4; return p; }
		if (s == CG_S_A) { *n = 3; return a; }
		*n = 1;
		return o;
	case CG_M_LOCATION: *n = 1; return loc;
	case CG_M_COLOCATION: *n = 3; return col;
	case CG_M_ORDER: *n = 3; return ord;
	default: *n = 0; return NULL;
	}
}

static bool in_list(const char *const *l, int n, const char *s)
{
	int i;

	for (i = 0; i < n; i++)
		if (strcmp(l[i], s) == 0)
			return true;
	return false;
}

int cg_colpos(const struct cg_ctx *c, const char *key)
{
	int i;

	for (i = 0; i < c->ncols; i++)
		if (strcmp(c->cols[i].key, key) == 0)
			return c->cols[i].pos;
	return -1;
}

const char *cg_val(const struct cg_ctx *c, const struct cg_row *r, const char *key)
{
	int p = cg_colpos(c, key);

	return p >= 0 && p < r->n ? r->cell[p] : "";
}

void cg_nv_add(struct cg_nvlist *l, const char *name, const char *value, int line)
{
	l->v = cg_grow(l->v, l->n, sizeof *l->v);
	l->v[l->n].name = cg_strdup(name);
	l->v[l->n].value = cg_strdup(value);
	l->v[l->n].line = line;
	l->n++;
}

int cg_rsc_find(const struct cg_doc *d, const char *id)
{
	int i;

	for (i = 0; i < d->nrsc; i++)
		if (strcmp(d->rsc[i].id, id) == 0)
			return i;
	return -1;
}

static void nvlist_free(struct cg_nvlist *l)
{
	int i;

	for (i = 0; i < l->n; i++) {
		free(l->v[i].name);
		free(l->v[i].value);
	}
	free(l->v);
}

void cg_doc_free(struct cg_doc *d)
{
	int i, k;

	nvlist_free(&d->property);
	nvlist_free(&d->rsc_defaults);
	for (i = 0; i < d->nrsc; i++) {
		struct cg_rsc *r = &d->rsc[i];

		free(r->id);
		free(r->kids);
		free(r->cls);
		free(r->provider);
		free(r->type);
		for (k = 0; k < r->nsets; k++) {
			free(r->sets[k].kind);
			nvlist_free(&r->sets[k].nv);
		}
		free(r->sets);
		for (k = 0; k < r->nops; k++) {
			free(r->ops[k].name);
			nvlist_free(&r->ops[k].attrs);
		}
		free(r->ops);
	}
	free(d->rsc);
	for (i = 0; i < d->nloc; i++) {
		for (k = 0; k < d->loc[i].nrules; k++) {
			free(d->loc[i].rules[k].score);
			free(d->loc[i].rules[k].node);
			free(d->loc[i].rules[k].attr);
			free(d->loc[i].rules[k].value);
		}
		free(d->loc[i].rules);
		free(d->loc[i].rsc);
	}
	free(d->loc);
	for (i = 0; i < d->ncol; i++)
		for (k = 0; k < CG_CONS_KEYS; k++)
			free(d->col[i].f[k]);
	free(d->col);
	for (i = 0; i < d->nord; i++)
		for (k = 0; k < CG_CONS_KEYS; k++)
			free(d->ord[i].f[k]);
	free(d->ord);
	memset(d, 0, sizeof *d);
}

/* [+-]?(inf|infinity|digits), case aside: lower-cased, inf -> INFINITY.
 * Anything else is a warning and stays as written (NULL is returned). */
const char *cg_score_norm(struct cg_ctx *c, const char *score, int pos, const char *clm, char *buf, size_t blen)
{
	char *x, *body;
	char colb[32];
	size_t i;
	bool ok;

	if (!*score)
		return NULL;
	x = cg_lower_ascii(score);
	body = x + (*x == '+' || *x == '-');
	ok = strcmp(body, "inf") == 0 || strcmp(body, "infinity") == 0;
	if (!ok && *body) {
		for (i = 0; body[i] >= '0' && body[i] <= '9'; i++)
			;
		ok = body[i] == '\0';
	}
	if (!ok) {
		free(x);
		if (clm)
			cg_log_msg(c->log, CG_WARN, 2, M_BAD_SCORE_CLM, clm, cg_col(c->log, pos, colb), score);
		else
			cg_log_msg(c->log, CG_WARN, 2, M_BAD_SCORE, score, cg_col(c->log, pos, colb));
		return NULL;
	}
	if (strncmp(body, "inf", 3) == 0)
		snprintf(buf, blen, "%.*sINFINITY", (int)(body - x), x);
	else
		snprintf(buf, blen, "%s", x);
	free(x);
	return buf;
}

const char *cg_bool_norm(struct cg_ctx *c, const char *b, int pos)
{
	char colb[32];

	if (!*b)
		return NULL;
	if (strcasecmp(b, "yes") == 0 || strcasecmp(b, "y") == 0 || strcasecmp(b, "true") == 0)
		return "true";
	if (strcasecmp(b, "no") == 0 || strcasecmp(b, "n") == 0 || strcasecmp(b, "false") == 0)
		return "false";
	cg_log_msg(c->log, CG_WARN, 2, M_BAD_VALUE, b, cg_col(c->log, pos, colb));
	return NULL;
}

static void clear_cols(struct cg_ctx *c)
{
	int i;

	for (i = 0; i < c->ncols; i++)
		free(c->cols[i].key);
	free(c->cols);
	free(c->ri);
	c->cols = NULL;
	c->ri = NULL;
	c->ncols = c->nri = 0;
}

static void skip_mode(struct cg_ctx *c, bool flag)
{
	if (flag)
		c->mode = CG_M_SKIP;
}

static void reset_attr(struct cg_ctx *c)
{
	free(c->attr_id);
	free(c->attr_type);
	c->attr_id = c->attr_type = NULL;
}

/* Column B of a row: a table keyword, or P/A/O inside a PRIMITIVE table. */
static bool table_header(struct cg_ctx *c, const struct cg_row *r)
{
	char *kw = cg_lower_ascii(r->cell[1]), colb[32];
	size_t i;
	enum cg_sub s = CG_S_NONE;

	if (strcmp(kw, "p") == 0)
		s = CG_S_P;
	else if (strcmp(kw, "a") == 0)
		s = CG_S_A;
	else if (strcmp(kw, "o") == 0)
		s = CG_S_O;
	if (c->mode == CG_M_PRIMITIVE && s != CG_S_NONE) {
		free(kw);
		if ((c->sub == CG_S_NONE && s != CG_S_P) || (c->sub != CG_S_NONE && s == CG_S_P)) {
			cg_fmterr(c->log, 2, M_PRIM_DEF);
			skip_mode(c, true);
			return true;
		}
		c->sub = s;
		cg_log_msg(c->log, CG_DEBUG, 2, M_D_SUBMODE, r->cell[1]);
		if (s == CG_S_A)
			reset_attr(c);
		return true;
	}
	if (c->mode == CG_M_SKIP && s != CG_S_NONE) {
		free(kw);
		cg_log_msg(c->log, CG_DEBUG, 2, M_D_SKIPSUB, r->cell[1]);
		return true;
	}
	for (i = 0; i < sizeof tables / sizeof tables[0]; i++)
		if (strcmp(kw, tables[i].keyword) == 0)
			break;
	free(kw);
	if (i == sizeof tables / sizeof tables[0]) {
		cg_fmterr(c->log, 2, M_BAD_TBLHDR, r->cell[1], cg_col(c->log, 1, colb));
		return false;
	}
	c->mode = tables[i].mode;
	c->sub = CG_S_NONE;
	cg_log_msg(c->log, CG_DEBUG, 2, M_D_MODE, tables[i].mode_name);
	c->npcr = 0;
	reset_attr(c);
	c->prim = -1;
	return true;
}

/* "score:S", "pingd:ATTR:VALUE", "diskd:ATTR": the LOCATION columns that
 * carry their meaning in their name; NULL for any other name. */
static char *location_column(struct cg_ctx *c, const char *name, int pos)
{
	char *low = cg_lower_ascii(name), *out = NULL, *copy = cg_strdup(name), *parts[4];
	char buf[64];
	const char *score;
	int n = 0;

	for (char *p = copy, *q; n < 4; p = q + 1) {
		parts[n++] = p;
		q = strchr(p, ':');
		if (!q)
			break;
		*q = '\0';
	}
	if (strchr(parts[n - 1], ':'))
		n = 4;         /* more parts than any form has */
	if (strncmp(low, "score:", 6) == 0 && n == 2 && *parts[1]) {
		score = cg_score_norm(c, parts[1], pos, name, buf, sizeof buf);
		if (asprintf(&out, "score:%s", score ? score : parts[1]) < 0)
			exit(1);
	} else if (strncmp(low, "pingd:", 6) == 0 && n == 3 && *parts[1] && *parts[2]) {
		if (asprintf(&out, "pingd:%s:%s", parts[1], parts[2]) < 0)
			exit(1);
	} else if (strncmp(low, "diskd:", 6) == 0 && n == 2 && *parts[1]) {
		if (asprintf(&out, "diskd:%s", parts[1]) < 0)
			exit(1);
	}
	free(low);
	free(copy);
	return out;
}

static void add_col(struct cg_ctx *c, const char *key, int pos)
{
	c->cols = cg_grow(c->cols, c->ncols, sizeof *c->cols);
	c->cols[c->ncols].key = cg_strdup(key);
	c->cols[c->ncols].pos = pos;
	c->ncols++;
}

static void del_col(struct cg_ctx *c, const char *key)
{
	int i;

	for (i = 0; i < c->ncols; i++) {
		if (strcmp(c->cols[i].key, key) == 0) {
			free(c->cols[i].key);
			memmove(&c->cols[i], &c->cols[i + 1], (size_t)(c->ncols - i - 1) * sizeof *c->cols);
			c->ncols--;
			return;
		}
	}
}

static void strv_add(char ***v, int *n, const char *s)
{
	*v = cg_grow(*v, *n, sizeof **v);
	(*v)[(*n)++] = cg_strdup(s);
}

/* The row naming the columns of the table (or sub-table) just opened. */
static bool column_header(struct cg_ctx *c, const struct cg_row *r)
{
	const char *const *req;
	char **rql = NULL, **clml, ca[32], cb[32];
	int nreq, nrql = 0, i, j, k, ncl;
	bool ok = true, is_ri;

	c->log->err2 = false;
	if (c->mode == CG_M_PRIMITIVE && c->sub == CG_S_NONE) {
		cg_fmterr(c->log, 2, M_PRIM_DEF);
		skip_mode(c, true);
		return true;
	}
	req = required(c->mode, c->sub, &nreq);
	for (i = 0; i < nreq; i++)
		strv_add(&rql, &nrql, req[i]);
	ncl = r->n;
	clml = cg_alloc(((size_t)ncl + 1) * sizeof *clml);
	for (i = 0; i < r->n; i++)
		clml[i] = cg_strdup(r->cell[i]);
	for (i = 2; i < r->n; i++) {
		char *clm, *x;

		if (!*r->cell[i])
			continue;
		clm = cg_lower_ascii(r->cell[i]);
		is_ri = c->mode == CG_M_RESOURCES && strcmp(clm, "resourceitem") == 0;
		if (is_ri) {
			c->ri = cg_grow(c->ri, c->nri, sizeof *c->ri);
			c->ri[c->nri++] = i;
		} else if (c->mode == CG_M_PRIMITIVE && c->sub == CG_S_O && !in_list(req, nreq, clm)) {
			/* Any name is an attribute of the operation, spelt as written. */
			strv_add(&rql, &nrql, r->cell[i]);
			free(clm);
			clm = cg_strdup(r->cell[i]);
		} else if (c->mode == CG_M_LOCATION && !in_list(req, nreq, clm)) {
			x = location_column(c, r->cell[i], i);
			if (x) {
				strv_add(&rql, &nrql, x);
				free(clm);
				clm = x;
			}
		} else if ((c->mode == CG_M_COLOCATION &&
			    (strcmp(clm, "rsc-role") == 0 || strcmp(clm, "with-rsc-role") == 0)) ||
			   (c->mode == CG_M_ORDER &&
			    (strcmp(clm, "first-action") == 0 || strcmp(clm, "then-action") == 0 ||
			     strcmp(clm, "symmetrical") == 0))) {
			strv_add(&rql, &nrql, clm);
		}
		if (cg_colpos(c, clm) < 0)
			add_col(c, clm, i);
		free(clml[i]);
		clml[i] = clm;
	}
	for (i = 0; i < nrql; i++)
		if (cg_colpos(c, rql[i]) < 0)
			cg_fmterr(c->log, 2, M_CLM_MISSING, rql[i]);
	/* The columns (by first position) named twice, and the unknown ones. */
	for (k = 0; k < c->ncols; k++) {
		const char *key = c->cols[k].key;
		int x = c->cols[k].pos;

		if (!in_list((const char *const *)rql, nrql, key) ||
		    (c->mode == CG_M_RESOURCES && strcmp(key, "resourceitem") == 0))
			continue;
		for (j = x + 1; j < ncl; j++)
			if (strcmp(clml[j], key) == 0)
				cg_fmterr(c->log, 2, M_CLM_TWICE, key, cg_col(c->log, x, ca), cg_col(c->log, j, cb));
	}
	for (k = 0; k < c->ncols;) {
		const char *key = c->cols[k].key;

		if (in_list((const char *const *)rql, nrql, key)) {
			k++;
			continue;
		}
		for (j = c->cols[k].pos; j < ncl; j++) {
			if (strcmp(clml[j], key) != 0)
				continue;
			if (c->mode == CG_M_LOCATION)
				cg_fmterr(c->log, 2, M_CLM_UNKNOWN, r->cell[j], cg_col(c->log, j, ca));
			else
				cg_log_msg(c->log, CG_WARN, 2, M_CLM_UNKNOWN, r->cell[j], cg_col(c->log, j, ca));
		}
		del_col(c, key);
	}
	for (k = 0; k < c->ncols; k++)
		if (cg_has_non_ascii(c->cols[k].key))
			cg_log_msg(c->log, CG_WARN, 2, M_CLM_NONASCII, r->cell[c->cols[k].pos],
				   cg_col(c->log, c->cols[k].pos, ca));
	if (c->mode == CG_M_RESOURCES) {
		if (c->log->err2)
			ok = false;
		else if (c->ri[0] < cg_colpos(c, "id") && cg_colpos(c, "id") < c->ri[c->nri - 1]) {
			cg_fmterr(c->log, 2, M_RSC_DEF);
			ok = false;
		} else
			del_col(c, "resourceitem");
	}
	if (ok)
		skip_mode(c, c->log->err2);
	cg_strv_free(rql, nrql);
	cg_strv_free(clml, ncl);
	return ok;
}

/* Rows that carry nothing: empty, only commas, a comment, column A only. */
static bool row_has_content(struct cg_ctx *c, const struct cg_row *r)
{
	int i, empty = 0;

	if (r->n == 0) {
		cg_log_msg(c->log, CG_DEBUG, 2, M_D_BLANKLINE);
		return false;
	}
	if (*r->cell[0]) {
		if (r->cell[0][0] == '#') {
			cg_log_msg(c->log, CG_DEBUG, 2, M_D_COMMENT);
			return false;
		}
		cg_log_msg(c->log, CG_DEBUG, 2, M_D_COLA);
	}
	for (i = 0; i < r->n; i++)
		empty += !*r->cell[i];
	if (empty == r->n || r->n <= 1) {
		cg_log_msg(c->log, CG_DEBUG, 2, M_D_EMPTY);
		return false;
	}
	return true;
}

/* A data row: padded to the header's width; skipped when every named column
 * is empty; non-ASCII values are worth a warning. */
static bool row_has_data(struct cg_ctx *c, struct cg_row *r)
{
	int need = 0, i, k;
	bool any = false;
	char cb[32];

	for (k = 0; k < c->ncols; k++)
		if (c->cols[k].pos + 1 > need)
			need = c->cols[k].pos + 1;
	for (i = 0; i < c->nri; i++)
		if (c->ri[i] + 1 > need)
			need = c->ri[i] + 1;
	while (r->n < need) {
		r->cell = cg_grow(r->cell, r->n, sizeof *r->cell);
		r->cell[r->n++] = cg_strdup("");
	}
	for (k = 0; k < c->ncols; k++)
		any |= *r->cell[c->cols[k].pos] != '\0';
	for (i = 0; i < c->nri; i++)
		any |= *r->cell[c->ri[i]] != '\0';
	if (!any) {
		cg_log_msg(c->log, CG_DEBUG, 2, M_D_NODATA);
		return false;
	}
	for (i = 0; i < c->nri; i++)
		if (cg_has_non_ascii(r->cell[c->ri[i]]))
			cg_log_msg(c->log, CG_WARN, 2, M_DATA_NONASCII, r->cell[c->ri[i]], cg_col(c->log, c->ri[i], cb));
	for (i = 0; i < r->n; i++)
		for (k = 0; k < c->ncols; k++)
			if (c->cols[k].pos == i && cg_has_non_ascii(r->cell[i]))
				cg_log_msg(c->log, CG_WARN, 2, M_DATA_NONASCII, r->cell[i], cg_col(c->log, i, cb));
	return true;
}

static bool data_row(struct cg_ctx *c, const struct cg_row *r)
{
	switch (c->mode) {
	case CG_M_PROPERTY:
		cg_row_option(c, r, true);
		return true;
	case CG_M_RSCDEFAULTS:
		cg_row_option(c, r, false);
		return true;
	case CG_M_RESOURCES:
		return cg_row_resources(c, r);
	case CG_M_ATTRIBUTES:
		skip_mode(c, !cg_row_attributes(c, r, -1));
		return true;
	case CG_M_PRIMITIVE:
		skip_mode(c, !cg_row_primitive(c, r));
		return true;
	case CG_M_LOCATION:
		cg_row_location(c, r);
		return true;
	case CG_M_COLOCATION:
		cg_row_colocation(c, r);
		return true;
	case CG_M_ORDER:
		cg_row_order(c, r);
		return true;
	default:
		return true;
	}
}

static void row_free(struct cg_row *r)
{
	cg_strv_free(r->cell, r->n);
	r->cell = NULL;
	r->n = 0;
}

/* Decode every field of a record; false (reported) on bytes of no encoding. */
static bool decode_row(struct cg_ctx *c, const struct cg_record *rec, enum cg_enc enc, struct cg_row *r)
{
	char cb[32], what[128];
	size_t bad = 0;
	int i;

	r->n = 0;
	r->cell = cg_alloc(((size_t)rec->n + 1) * sizeof *r->cell);
	for (i = 0; i < rec->n; i++) {
		r->cell[i] = cg_cell(rec->f[i], rec->len[i], enc, &bad);
		if (!r->cell[i]) {
			snprintf(what, sizeof what, cg_msg_text(c->log, M_DECODE_DETAIL), cg_col(c->log, i, cb),
				 (int)bad + 1, bad < rec->len[i] ? (unsigned char)rec->f[i][bad] : 0);
			cg_log_msg(c->log, CG_ERROR, 2, M_DECODE, what);
			return false;
		}
		r->n++;
	}
	return true;
}

static int read_sheet(struct cg_ctx *c, const char *data, size_t len)
{
	size_t skip, tlen;
	enum cg_enc enc = cg_detect(data, len, &skip);
	char *text = cg_newlines(data + skip, len - skip, &tlen);
	struct cg_csv csv = { .p = text, .end = text + tlen };
	struct cg_record rec;
	struct cg_row row = { 0 };
	const char *why;
	int got, rc = 0;

	cg_log_msg(c->log, CG_DEBUG, 1, M_D_ENC, cg_enc_name(enc));
	for (;;) {
		got = cg_csv_next(&csv, &rec, &why);
		c->log->line = csv.recno;
		if (got == 0)
			break;
		if (got < 0) {
			cg_log_msg(c->log, CG_ERROR, 2, M_READ_FAIL, c->log->file);
			cg_log_msg(c->log, CG_INFO, 2, why && strstr(why, "NULL") ? M_NUL : M_FIELD_LIMIT,
				   CG_FIELD_LIMIT);
			rc = 1;
			break;
		}
		if (!decode_row(c, &rec, enc, &row)) {
			cg_record_free(&rec);
			rc = 1;
			break;
		}
		cg_record_free(&rec);
		if (!row_has_content(c, &row))
			goto next;
		if (*row.cell[1]) {
			cg_log_msg(c->log, CG_DEBUG, 2, M_D_HDR);
			if (!table_header(c, &row))
				break;
			clear_cols(c);
			if (c->sub == CG_S_NONE || c->mode == CG_M_SKIP) {
				if (c->mode == CG_M_SKIP)
					cg_log_msg(c->log, CG_DEBUG, 2, M_D_SKIP);
				goto next;
			}
		}
		if (c->mode == CG_M_SKIP) {
			cg_log_msg(c->log, CG_DEBUG, 2, M_D_SKIP);
			goto next;
		}
		if (c->mode != CG_M_NONE && c->ncols == 0) {
			cg_log_msg(c->log, CG_DEBUG, 2, M_D_CLM);
			if (!column_header(c, &row))
				break;
			goto next;
		}
		if (c->mode == CG_M_NONE) {
			cg_fmterr(c->log, 2, M_NO_TBLHDR);
			rc = 1;
			break;
		}
		if (!row_has_data(c, &row))
			goto next;
		if (!data_row(c, &row))
			break;
next:
		row_free(&row);
	}
	row_free(&row);
	free(text);
	c->log->line = 0;
	return rc;
}

int cg_generate(const char *data, size_t len, struct cg_log *log, bool add_colocation,
		bool add_order, struct cg_buf *out)
{
	struct cg_doc doc = { 0 };
	struct cg_ctx c = { .log = log, .doc = &doc, .add_colocation = add_colocation,
			    .add_order = add_order, .prim = -1 };
	int rc;

	cg_log_msg(log, CG_DEBUG, 1, M_D_START);
	rc = read_sheet(&c, data, len);
	clear_cols(&c);
	reset_attr(&c);
	if (rc == 0 && !log->err)
		cg_check_resources(&c);
	if (rc || log->err) {
		cg_doc_free(&doc);
		return 1;
	}
	if (doc.any)
		cg_output(&doc, out);
	else
		cg_log_msg(log, CG_WARN, 0, M_NO_DATA);
	cg_doc_free(&doc);
	cg_log_msg(log, CG_DEBUG, 1, M_D_END);
	return log->warn ? 2 : 0;
}
