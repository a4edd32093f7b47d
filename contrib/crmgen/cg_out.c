/* The crm text of a document, byte for byte as pm_crmgen 1.0 printed it:
 * sections in a fixed order, each under its "### ... ###" comment, commands
 * continued with " \" and a tab, values always in double quotes (never
 * escaped: a '"' in a value goes through as it is). */
#include <stdlib.h>
#include <string.h>
#include "cg.h"

static const char *const kind_names[] = { "primitive", "group", "clone" };
static const char *const kind_comments[] = { "### Primitive Configuration ###",
					     "### Group Configuration ###", "### Clone Configuration ###" };

/* Lines of one command: joined with " \\\n\t" when printed. */
struct cmd {
	struct cg_buf b;
	int n;
};

static void cmd_line(struct cmd *c, const char *s)
{
	if (c->n++ > 0)
		cg_buf_str(&c->b, " \\\n\t");
	cg_buf_str(&c->b, s);
}

static void cmd_nv(struct cmd *c, const char *prefix, const struct cg_nv *nv)
{
	struct cg_buf t = { 0 };

	cg_buf_printf(&t, "%s%s=\"%s\"", prefix, nv->name, nv->value);
	cmd_line(c, t.s);
	free(t.s);
}

static void options(const struct cg_nvlist *l, bool has, const char *tag, const char *comment, struct cg_buf *sec)
{
	struct cmd c = { { 0 }, 0 };
	int i;

	if (!has || l->n == 0)
		return;
	for (i = 0; i < l->n; i++)
		cmd_nv(&c, "", &l->v[i]);
	cg_buf_printf(sec, "%s\n%s %s\n", comment, tag, c.b.s);
	free(c.b.s);
}

static void attr_sets(struct cmd *c, const struct cg_rsc *r)
{
	int i, j;

	for (i = 0; i < r->nsets; i++)
		for (j = 0; j < r->sets[i].nv.n; j++) {
			if (j == 0)
				cmd_line(c, r->sets[i].kind);
			cmd_nv(c, "\t", &r->sets[i].nv.v[j]);
		}
}

static void containers(const struct cg_doc *d, struct cg_buf *sec)
{
	int i, k, n = 0;
	int prev = -1;

	for (i = 0; i < d->nrsc; i++) {
		const struct cg_rsc *r = &d->rsc[i];
		struct cmd c = { { 0 }, 0 };
		struct cg_buf head = { 0 };

		if (r->kind == CG_PRIMITIVE)
			continue;
		if (prev != (int)r->kind) {
			cg_buf_printf(&head, "%s\n", kind_comments[r->kind]);
			prev = (int)r->kind;
		}
		cg_buf_printf(&head, "%s %s", kind_names[r->kind], r->id);
		cmd_line(&c, head.s);
		free(head.s);
		for (k = 0; k < r->nkids; k++)
			cmd_line(&c, d->rsc[r->kids[k]].id);
		attr_sets(&c, r);
		if (n++ > 0)
			cg_buf_str(sec, "\n\n");
		cg_buf_str(sec, c.b.s);
		free(c.b.s);
	}
	if (n)
		cg_buf_str(sec, "\n");
}

static void primitives(const struct cg_doc *d, struct cg_buf *sec)
{
	int i, k, j, n = 0;

	for (i = 0; i < d->nrsc; i++) {
		const struct cg_rsc *r = &d->rsc[i];
		struct cmd c = { { 0 }, 0 };
		struct cg_buf t = { 0 };

		if (r->kind != CG_PRIMITIVE)
			continue;
		cg_buf_printf(&t, "primitive %s ", r->id);
		if (r->cls && *r->cls)
			cg_buf_printf(&t, "%s:", r->cls);
		if (r->provider && *r->provider)
			cg_buf_printf(&t, "%s:", r->provider);
		cg_buf_str(&t, r->type ? r->type : "");
		cmd_line(&c, t.s);
		free(t.s);
		attr_sets(&c, r);
		for (k = 0; k < r->nops; k++) {
			struct cg_buf o = { 0 };

			if (r->ops[k].attrs.n == 0)
				continue;
			cg_buf_printf(&o, "op %s", r->ops[k].name);
			for (j = 0; j < r->ops[k].attrs.n; j++)
				cg_buf_printf(&o, " %s=\"%s\"", r->ops[k].attrs.v[j].name, r->ops[k].attrs.v[j].value);
			cmd_line(&c, o.s);
			free(o.s);
		}
		cg_buf_str(sec, n++ ? "\n\n" : "### Primitive Configuration ###\n");
		cg_buf_str(sec, c.b.s);
		free(c.b.s);
	}
	if (n)
		cg_buf_str(sec, "\n");
}

static void locations(const struct cg_doc *d, struct cg_buf *sec)
{
	int i, k;

	if (d->nloc == 0)
		return;
	cg_buf_str(sec, "### Resource Location ###\n");
	for (i = 0; i < d->nloc; i++) {
		cg_buf_printf(sec, "location rsc_location-%s-%d %s", d->loc[i].rsc, i + 1, d->loc[i].rsc);
		for (k = 0; k < d->loc[i].nrules; k++) {
			const struct cg_rule *r = &d->loc[i].rules[k];

			cg_buf_printf(sec, " \\\n\trule %s: ", r->score);
			if (r->t == CG_UNAME)
				cg_buf_printf(sec, "#uname eq %s", r->node);
			else if (r->t == CG_PINGD)
				cg_buf_printf(sec, "not_defined %s or %s lt %s", r->attr, r->attr, r->value);
			else
				cg_buf_printf(sec, "not_defined %s or %s eq ERROR", r->attr, r->attr);
		}
		cg_buf_str(sec, "\n");
	}
}

/* "colocation rsc_colocation-A-B-N SCORE: A[:x] B[:y]" and the same for
 * order, with " symmetrical=..." (the two share their field positions). */
static void constraints(const struct cg_cons *arr, int n, const char *kind, const char *comment, struct cg_buf *sec)
{
	int i;

	if (n == 0)
		return;
	cg_buf_printf(sec, "%s\n", comment);
	for (i = 0; i < n; i++) {
		char *const *f = arr[i].f;

		cg_buf_printf(sec, "%s rsc_%s-%s-%s-%d %s: %s", kind, kind, f[CG_C_RSC], f[CG_C_WITH], i + 1,
			      f[CG_C_SCORE], f[CG_C_RSC]);
		if (*f[CG_C_RSC_ROLE])
			cg_buf_printf(sec, ":%s", f[CG_C_RSC_ROLE]);
		cg_buf_printf(sec, " %s", f[CG_C_WITH]);
		if (*f[CG_C_WITH_ROLE])
			cg_buf_printf(sec, ":%s", f[CG_C_WITH_ROLE]);
		if (*f[CG_O_SYM])
			cg_buf_printf(sec, " symmetrical=%s", f[CG_O_SYM]);
		cg_buf_str(sec, "\n");
	}
}

void cg_output(const struct cg_doc *d, struct cg_buf *out)
{
	struct cg_buf sec[7] = { { 0 } };
	int i, n = 0;

	options(&d->property, d->has_property, "property", "### Cluster Option ###", &sec[0]);
	options(&d->rsc_defaults, d->has_rscdef, "rsc_defaults", "### Resource Defaults ###", &sec[1]);
	containers(d, &sec[2]);
	primitives(d, &sec[3]);
	locations(d, &sec[4]);
	constraints(d->col, d->ncol, "colocation", "### Resource Colocation ###", &sec[5]);
	constraints(d->ord, d->nord, "order", "### Resource Order ###", &sec[6]);
	/* Sections that say something, one empty line between them. */
	for (i = 0; i < 7; i++) {
		if (!sec[i].len)
			continue;
		if (n++)
			cg_buf_str(out, "\n");
		cg_buf_add(out, sec[i].s, sec[i].len);
		free(sec[i].s);
	}
	if (!out->s)
		cg_buf_str(out, "");
}
