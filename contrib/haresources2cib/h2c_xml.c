/* A small XML element tree (elements and attributes only) and its printer in
 * the layout of Python 2.7's xml.dom.minidom toprettyxml(), which is what the
 * original haresources2cib.py wrote.  Knows nothing about CIBs. */
#include <stdlib.h>
#include <string.h>
#include "h2c.h"

struct sbuf {
	char *s;
	size_t len, cap;
	bool oom;
};

static void sb_add(struct sbuf *b, const char *s, size_t n)
{
	char *ns;

	if (b->oom)
		return;
	if (b->len + n + 1 > b->cap) {
		size_t cap = (b->len + n + 1) * 2;

		ns = realloc(b->s, cap);
		if (!ns) {
			b->oom = true;
			return;
		}
		b->s = ns;
		b->cap = cap;
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

static void sb_str(struct sbuf *b, const char *s)
{
	sb_add(b, s, strlen(s));
}

static void *xcalloc(size_t n, size_t sz)
{
	void *p = calloc(n, sz);

	if (!p) {
		fputs("haresources2cib: out of memory\n", stderr);
		exit(1);
	}
	return p;
}

static char *xstrdup(const char *s)
{
	char *d = strdup(s);

	if (!d) {
		fputs("haresources2cib: out of memory\n", stderr);
		exit(1);
	}
	return d;
}

struct xel *xel_new(const char *name)
{
	struct xel *e = xcalloc(1, sizeof *e);

	e->name = xstrdup(name);
	return e;
}

void xel_adopt(struct xel *parent, struct xel *kid)
{
	struct xel **nk = realloc(parent->kid, (size_t)(parent->nkid + 1) * sizeof *nk);

	if (!nk) {
		fputs("haresources2cib: out of memory\n", stderr);
		exit(1);
	}
	parent->kid = nk;
	nk[parent->nkid++] = kid;
}

struct xel *xel_add(struct xel *parent, const char *name)
{
	struct xel *e = xel_new(name);

	xel_adopt(parent, e);
	return e;
}

void xel_set(struct xel *e, const char *name, const char *value)
{
	struct xel_attr *na;
	int i;

	for (i = 0; i < e->nattr; i++) {
		if (strcmp(e->attr[i].name, name) == 0) {
			free(e->attr[i].value);
			e->attr[i].value = xstrdup(value);
			return;
		}
	}
	na = realloc(e->attr, (size_t)(e->nattr + 1) * sizeof *na);
	if (!na) {
		fputs("haresources2cib: out of memory\n", stderr);
		exit(1);
	}
	e->attr = na;
	na[e->nattr].name = xstrdup(name);
	na[e->nattr].value = xstrdup(value);
	e->nattr++;
}

const char *xel_get(const struct xel *e, const char *name)
{
	int i;

	for (i = 0; i < e->nattr; i++)
		if (strcmp(e->attr[i].name, name) == 0)
			return e->attr[i].value;
	return NULL;
}

struct xel *xel_find(const struct xel *e, const char *name)
{
	int i;

	for (i = 0; i < e->nkid; i++)
		if (strcmp(e->kid[i]->name, name) == 0)
			return e->kid[i];
	return NULL;
}

void xel_free(struct xel *e)
{
	int i;

	if (!e)
		return;
	for (i = 0; i < e->nattr; i++) {
		free(e->attr[i].name);
		free(e->attr[i].value);
	}
	for (i = 0; i < e->nkid; i++)
		xel_free(e->kid[i]);
	free(e->attr);
	free(e->kid);
	free(e->name);
	free(e);
}

/* minidom escapes these four in attribute values, nothing else. */
static void sb_escaped(struct sbuf *b, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '&': sb_str(b, "&amp;"); break;
		case '<': sb_str(b, "&lt;"); break;
		case '"': sb_str(b, "&quot;"); break;
		case '>': sb_str(b, "&gt;"); break;
		default: sb_add(b, s, 1);
		}
	}
}

static int attr_cmp(const void *a, const void *b)
{
	const struct xel_attr *const *x = a, *const *y = b;

	return strcmp((*x)->name, (*y)->name);
}

static void print_el(struct sbuf *b, const struct xel *e, int depth)
{
	const struct xel_attr **sorted;
	int i;

	for (i = 0; i < depth; i++)
		sb_add(b, "\t", 1);
	sb_add(b, "<", 1);
	sb_str(b, e->name);
	sorted = xcalloc((size_t)e->nattr + 1, sizeof *sorted);
	for (i = 0; i < e->nattr; i++)
		sorted[i] = &e->attr[i];
	qsort(sorted, (size_t)e->nattr, sizeof *sorted, attr_cmp);
	for (i = 0; i < e->nattr; i++) {
		sb_add(b, " ", 1);
		sb_str(b, sorted[i]->name);
		sb_add(b, "=\"", 2);
		sb_escaped(b, sorted[i]->value);
		sb_add(b, "\"", 1);
	}
	free(sorted);
	if (e->nkid == 0) {
		sb_add(b, "/>\n", 3);
		return;
	}
	sb_add(b, ">\n", 2);
	for (i = 0; i < e->nkid; i++)
		print_el(b, e->kid[i], depth + 1);
	for (i = 0; i < depth; i++)
		sb_add(b, "\t", 1);
	sb_add(b, "</", 2);
	sb_str(b, e->name);
	sb_add(b, ">\n", 2);
}

char *xel_pretty(const struct xel *root, const char *header)
{
	struct sbuf b = { 0 };

	sb_str(&b, header);
	sb_add(&b, "\n", 1);
	print_el(&b, root, 0);
	if (b.oom) {
		free(b.s);
		return NULL;
	}
	return b.s;
}
