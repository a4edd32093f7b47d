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

long long cib_iso_duration(const char *s, int strict)
{
	if (*s++ != 'P')
		return -1;
	long long secs = 0;
	int in_time = 0, any = 0;
	while (*s && (strict || !isspace((unsigned char)*s))) {
		if (*s == 'T') {
			in_time = 1;
			s++;
			continue;
		}
		char *end;
		long long v = strtoll(s, &end, 10), mul;
		if (end == s || v < 0 || v > 100000000LL)
			return -1;
		int date_part = !strict || !in_time, time_part = !strict || in_time;
		switch (*end) {
		case 'Y': mul = date_part ? 365LL * 86400 : -1; break;
		case 'M': mul = in_time ? 60 : 30LL * 86400; break;
		case 'W': mul = date_part ? 7LL * 86400 : -1; break;
		case 'D': mul = date_part ? 86400 : -1; break;
		case 'H': mul = time_part ? 3600 : -1; break;
		case 'S': mul = time_part ? 1 : -1; break;
		default: mul = -1;
		}
		if (mul < 0)
			return -1;
		secs += v * mul;
		any = 1;
		s = end + 1;
	}
	return any ? secs : -1;
}

long long cib_parse_interval(const char *s)
{
	if (!s)
		return 0;
	while (isspace((unsigned char)*s))
		s++;
	if (!*s)
		return 0;
	if (*s == 'P') {
		long long d = cib_iso_duration(s, 0);
		return d < 0 ? -1 : d * 1000;
	}
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
