/* Resource lines in Pacemaker 1.0's exact spacing (lib/pengine native.c,
 * group.c, clone.c print functions): tabs around the agent, the trailing
 * space of a stopped primitive, anonymous clone instances summarised as
 * "Started: [ n1 n2 ]".  Reads the view only. */
#include <string.h>
#include "crm_print.h"

static void print_native(FILE *out, const struct view_rsc *r, const char *pre, int opts)
{
	const char *cls = r->cls ? r->cls : "";
	const char *prov = r->cls && !strcmp(r->cls, "ocf") ? r->provider : NULL;
	const char *type = r->type ? r->type : "";
	const struct view_node *n = r->nodes->len ? g_ptr_array_index(r->nodes, 0) : NULL;
	const char *unmanaged = r->managed ? "" : " (unmanaged)";
	const char *failed = r->failed ? " FAILED" : "";
	const char *ignored = r->failure_ignored ? " (failure ignored)" : "";
	if (!pre)
		pre = " ";
	if ((opts & PRINT_RSCONLY) || r->nodes->len > 1) {
		fprintf(out, "%s%s\t(%s%s%s:%s%s) %s %s%s%s%s%s", pre, r->id, cls, prov ? "::" : "",
			prov ? prov : "", type, r->orphan ? " ORPHANED" : "", view_role_text(r->role), unmanaged,
			failed, ignored, r->desc ? ": " : "", r->desc ? r->desc : "");
	} else {
		fprintf(out, "%s%s\t(%s%s%s:%s):\t%s%s %s%s%s%s", pre, r->id, cls, prov ? "::" : "",
			prov ? prov : "", type, r->orphan ? " ORPHANED " : "", view_role_text(r->role),
			n ? n->uname : "", unmanaged, failed, ignored);
	}
	if (!(opts & PRINT_RSCONLY) && r->nodes->len > 1) {
		fputc('[', out);
		for (guint i = 0; i < r->nodes->len; i++)
			fprintf(out, "\t%s", ((struct view_node *)g_ptr_array_index(r->nodes, i))->uname);
		fputs(" ]", out);
	}
	if (!(opts & PRINT_SUPPRESS_NL))
		fputc('\n', out);
}

static void print_group(FILE *out, const struct view_rsc *r, const char *pre, int opts)
{
	if (!pre)
		pre = " ";
	char *child = g_strconcat(pre, "    ", NULL);
	fprintf(out, "%sResource Group: %s\n", pre, r->id);
	for (guint i = 0; i < r->children->len; i++)
		print_rsc(out, g_ptr_array_index(r->children, i), child, opts);
	g_free(child);
}

static void short_list(FILE *out, GString *list, const char *pre, const char *type)
{
	if (list->len)
		fprintf(out, "%s%s: [%s ]\n", pre, type, list->str);
}

static void print_clone(FILE *out, const struct view_rsc *r, const char *pre, int opts)
{
	if (!pre)
		pre = " ";
	char *child = g_strconcat(pre, "    ", NULL);
	int ms = r->kind == VIEW_MASTERSET;
	fprintf(out, "%s%s Set: %s%s%s\n", pre, ms ? "Master/Slave" : "Clone", r->id, r->unique ? " (unique)" : "",
		r->managed ? "" : " (unmanaged)");
	GString *masters = g_string_new(NULL), *started = g_string_new(NULL), *stopped = g_string_new(NULL);
	for (guint i = 0; i < r->children->len; i++) {
		const struct view_rsc *c = g_ptr_array_index(r->children, i);
		int full = 0;
		if (!view_active(c, 0)) {
			if (c->orphan)
				continue;
			if (r->unique)
				full = 1;
			else
				g_string_append_printf(stopped, " %s", c->id);
		} else if (r->unique || c->orphan || !c->managed || c->failed) {
			full = 1;
		} else if (view_active(c, 1)) {
			const struct view_node *loc = view_location(c);
			if (!loc)
				full = 1;
			else if (c->role > VIEW_SLAVE)
				g_string_append_printf(masters, " %s", loc->uname);
			else
				g_string_append_printf(started, " %s", loc->uname);
		} else {
			full = 1;
		}
		if (full)
			print_rsc(out, c, child, opts);
	}
	short_list(out, masters, child, "Masters");
	short_list(out, started, child, ms ? "Slaves" : "Started");
	short_list(out, stopped, child, "Stopped");
	g_string_free(masters, TRUE);
	g_string_free(started, TRUE);
	g_string_free(stopped, TRUE);
	g_free(child);
}

void print_rsc(FILE *out, const struct view_rsc *r, const char *pre, int opts)
{
	switch (r->kind) {
	case VIEW_PRIM: print_native(out, r, pre, opts); break;
	case VIEW_GROUP: print_group(out, r, pre, opts); break;
	case VIEW_CLONE:
	case VIEW_MASTERSET: print_clone(out, r, pre, opts); break;
	}
}
