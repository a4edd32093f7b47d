/* crm_resource's lookups and listings, shared with the crm shell's
 * resource level: finding a resource or its first clone instance, its
 * primitives, -L's list and -W's "is running on" lines. */
#include <string.h>
#include "crm_resource.h"

/* 1.0 looked for "rsc", then "rsc:0" (an anonymous clone's first instance). */
struct view_rsc *rsc_find_or_clone(struct view *v, const char *id)
{
	struct view_rsc *r = view_find(v, id);
	if (!r && id) {
		char *c0 = g_strdup_printf("%s:0", id);
		r = view_find(v, c0);
		g_free(c0);
	}
	return r;
}

int rsc_list(struct view *v)
{
	int found = 0;
	for (guint i = 0; i < v->rscs->len; i++) {
		struct view_rsc *r = g_ptr_array_index(v->rscs, i);
		if (r->orphan && !view_active(r, 1))
			continue;
		print_rsc(stdout, r, NULL, PRINT_RSCONLY);
		found++;
	}
	if (!found) {
		printf("NO resources configured\n");
		return CIB_E_NOTEXISTS;
	}
	return CIB_OK;
}

int rsc_locate(struct view *v, const char *id, int quiet)
{
	struct view_rsc *r = view_find(v, id);
	if (!r)
		return CIB_E_NOTEXISTS;
	GPtrArray *where = g_ptr_array_new();
	GPtrArray *prims = g_ptr_array_new();
	rsc_prims(r, prims);
	for (guint i = 0; i < prims->len; i++) {
		struct view_rsc *p = g_ptr_array_index(prims, i);
		for (guint k = 0; k < p->nodes->len; k++)
			if (!g_ptr_array_find(where, g_ptr_array_index(p->nodes, k), NULL))
				g_ptr_array_add(where, g_ptr_array_index(p->nodes, k));
	}
	for (guint i = 0; i < where->len; i++) {
		const char *u = ((struct view_node *)g_ptr_array_index(where, i))->uname;
		if (quiet)
			printf("%s\n", u);
		else
			printf("resource %s is running on: %s\n", id, u);
	}
	if (!quiet && !where->len)
		fprintf(stderr, "resource %s is NOT running\n", id);
	g_ptr_array_free(where, TRUE);
	g_ptr_array_free(prims, TRUE);
	return CIB_OK;
}

void rsc_prims(struct view_rsc *r, GPtrArray *out)
{
	if (r->kind == VIEW_PRIM)
		g_ptr_array_add(out, r);
	for (guint i = 0; i < r->children->len; i++)
		rsc_prims(g_ptr_array_index(r->children, i), out);
}

