/* Small shared pieces of the CIB model: name/value lists, diagnostics,
 * lookups, and the value syntaxes (scores, intervals, booleans).
 * Nothing here touches XML or files. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <ctype.h>
#include "cib/cib.h"

#define SCORE_INF 1000000

const char *cib_nv_get(const struct cib_nvlist *l, const char *name)
{
	if (!l->items)
		return NULL;
	for (guint i = 0; i < l->items->len; i++) {
		struct cib_nv *nv = g_ptr_array_index(l->items, i);
		if (strcmp(nv->name, name) == 0)
			return nv->value;
	}
	return NULL;
}

static void nv_free(gpointer p)
{
	struct cib_nv *nv = p;
	g_free(nv->name);
	g_free(nv->value);
	g_free(nv);
}

void cib_nv_set(struct cib_nvlist *l, const char *name, const char *value)
{
	if (!l->items)
		l->items = g_ptr_array_new_with_free_func(nv_free);
	for (guint i = 0; i < l->items->len; i++) {
		struct cib_nv *nv = g_ptr_array_index(l->items, i);
		if (strcmp(nv->name, name) == 0) {
			g_free(nv->value);
			nv->value = g_strdup(value ? value : "");
			return;
		}
	}
	struct cib_nv *nv = g_new0(struct cib_nv, 1);
	nv->name = g_strdup(name);
	nv->value = g_strdup(value ? value : "");
	g_ptr_array_add(l->items, nv);
}

void cib_nv_unset(struct cib_nvlist *l, const char *name)
{
	if (!l->items)
		return;
	for (guint i = 0; i < l->items->len; i++) {
		struct cib_nv *nv = g_ptr_array_index(l->items, i);
		if (strcmp(nv->name, name) == 0) {
			g_ptr_array_remove_index(l->items, i);
			return;
		}
	}
}

void cib_diag_add(struct cib *c, enum cib_sev sev, const char *fmt, ...)
{
	va_list ap;
	struct cib_diag *d = g_new0(struct cib_diag, 1);
	d->sev = sev;
	va_start(ap, fmt);
	d->text = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	g_ptr_array_add(c->diags, d);
}

int cib_error_count(const struct cib *c)
{
	int n = 0;
	for (guint i = 0; i < c->diags->len; i++)
		if (((struct cib_diag *)g_ptr_array_index(c->diags, i))->sev == CIB_ERROR)
			n++;
	return n;
}

static struct cib_rsc *find_in(GPtrArray *a, const char *id)
{
	if (!a)
		return NULL;
	for (guint i = 0; i < a->len; i++) {
		struct cib_rsc *r = g_ptr_array_index(a, i);
		if (strcmp(r->id, id) == 0)
			return r;
		struct cib_rsc *f = find_in(r->children, id);
		if (f)
			return f;
	}
	return NULL;
}

struct cib_rsc *cib_find_rsc(const struct cib *c, const char *id)
{
	return find_in(c->resources, id);
}

struct cib_node *cib_find_node(const struct cib *c, const char *uname)
{
	for (guint i = 0; i < c->nodes->len; i++) {
		struct cib_node *n = g_ptr_array_index(c->nodes, i);
		if (n->uname && strcmp(n->uname, uname) == 0)
			return n;
	}
	return NULL;
}

struct cib_node_state *cib_find_state(const struct cib *c, const char *uname)
{
	for (guint i = 0; i < c->states->len; i++) {
		struct cib_node_state *s = g_ptr_array_index(c->states, i);
		if (s->uname && strcmp(s->uname, uname) == 0)
			return s;
	}
	return NULL;
}

int cib_parse_score(const char *s, int *ok)
{
	*ok = 1;
	if (!s || !*s) {
		*ok = 0;
		return 0;
	}
	if (g_ascii_strcasecmp(s, "INFINITY") == 0 || g_ascii_strcasecmp(s, "+INFINITY") == 0 ||
	    g_ascii_strcasecmp(s, "inf") == 0 || g_ascii_strcasecmp(s, "+inf") == 0)
		return SCORE_INF;
	if (g_ascii_strcasecmp(s, "-INFINITY") == 0 || g_ascii_strcasecmp(s, "-inf") == 0)
		return -SCORE_INF;
	char *end;
	long long v = strtoll(s, &end, 10);
	if (end == s || *end) {
		*ok = 0;
		return 0;
	}
	if (v > SCORE_INF)
		v = SCORE_INF;
	if (v < -SCORE_INF)
		v = -SCORE_INF;
	return (int)v;
}

/* An ISO 8601 duration ("P10S", "PT1M30S", "P1DT2H") in ms, as Pacemaker
 * reads an interval given so: units in any order, a 'T' only telling
 * minutes from months; a year counts 365 days, a month 30.  -1: invalid. */
static long long iso_duration_ms(const char *s)
{
	long long secs = 0;
	int is_time = 0, any = 0;
	for (const char *c = s + 1; *c && !isspace((unsigned char)*c); c++) {
		if (*c == 'T') {
			is_time = 1;
			continue;
		}
		char *end;
		long long v = strtoll(c, &end, 10);
		if (end == c || v < 0 || v > 100000000LL)
			return -1;
		c = end;
		switch (*c) {
		case 'Y': secs += v * 365 * 86400; break;
		case 'M': secs += is_time ? v * 60 : v * 30 * 86400; break;
		case 'W': secs += v * 7 * 86400; break;
		case 'D': secs += v * 86400; break;
		case 'H': secs += v * 3600; break;
		case 'S': secs += v; break;
		default: return -1;
		}
		any = 1;
	}
	return any ? secs * 1000 : -1;
}

long long cib_parse_interval(const char *s)
{
	if (!s)
		return 0;
	while (isspace((unsigned char)*s))
		s++;
	if (!*s)
		return 0;
	if (*s == 'P')
		return iso_duration_ms(s);
	char *end;
	long long v = strtoll(s, &end, 10);
	if (end == s || v < 0)
		return -1;
	while (isspace((unsigned char)*end))
		end++;
	long long mul = 1000;
	if (!*end || !strcmp(end, "s") || !strcmp(end, "sec"))
		mul = 1000;
	else if (!strcmp(end, "ms") || !strcmp(end, "msec"))
		mul = 1;
	else if (!strcmp(end, "m") || !strcmp(end, "min"))
		mul = 60000;
	else if (!strcmp(end, "h") || !strcmp(end, "hr"))
		mul = 3600000;
	else
		return -1;
	if (v > (long long)1e12)
		return -1;
	return v * mul;
}

int cib_is_true(const char *s)
{
	if (!s)
		return 0;
	return !g_ascii_strcasecmp(s, "true") || !g_ascii_strcasecmp(s, "on") ||
	       !g_ascii_strcasecmp(s, "yes") || !g_ascii_strcasecmp(s, "y") ||
	       !strcmp(s, "1");
}
