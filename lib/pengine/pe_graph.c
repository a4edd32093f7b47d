/* Writes the action graph: the transition-graph XML (synapses with their
 * input triggers, as the transition engine consumes it) and a Graphviz view.
 * Only actions that will run are written; orderings between them are edges. */
#include <stdio.h>
#include <string.h>
#include "pengine/pe.h"


static const char *op_name(const struct pe_action *a)
{
	switch (a->task) {
	case PE_START:
		return "start";
	case PE_STOP:
		return "stop";
	case PE_MONITOR:
	case PE_PROBE:
		return "monitor";
	case PE_RUNNING:
		return "running";
	case PE_STOPPED:
		return "stopped";
	case PE_START_P:
		return "start";
	case PE_STOP_P:
		return "stop";
	case PE_FENCE:
		return "stonith";
	default:
		return "clear_failcount";
	}
}

static char *key(const struct pe_action *a)
{
	if (!a->rsc)
		return g_strdup_printf("stonith-%s-reboot", a->node ? a->node->uname : "?");
	return g_strdup_printf("%s_%s_%lld", a->rsc->id, op_name(a), a->interval_ms);
}

static char *label(const struct pe_action *a)
{
	char *k = key(a);
	char *l = a->node && a->rsc ? g_strdup_printf("%s %s", k, a->node->uname) : g_strdup(k);
	g_free(k);
	return l;
}

static int runs(const struct pe_action *a)
{
	return !a->optional && a->runnable;
}

static void xml_escape(FILE *f, const char *s)
{
	for (; *s; s++) {
		if (*s == '<')
			fputs("&lt;", f);
		else if (*s == '>')
			fputs("&gt;", f);
		else if (*s == '&')
			fputs("&amp;", f);
		else if (*s == '"')
			fputs("&quot;", f);
		else
			fputc(*s, f);
	}
}

static void write_action(FILE *f, const struct pe_action *a, const char *ind)
{
	const char *el = a->task == PE_FENCE ? "crm_event" : (a->pseudo ? "pseudo_event" : "rsc_op");
	char *k = key(a);
	fprintf(f, "%s<%s id=\"%d\" operation=\"%s\" operation_key=\"", ind, el, a->id, op_name(a));
	xml_escape(f, k);
	fputc('"', f);
	if (a->node && !a->pseudo) {
		fputs(" on_node=\"", f);
		xml_escape(f, a->node->uname);
		fputc('"', f);
	}
	fputs("/>\n", f);
	g_free(k);
}

int pe_write_graph_xml(struct pe_ws *ws, const char *path)
{
	FILE *f = fopen(path, "w");
	if (!f)
		return -1;
	GPtrArray *acts = pe_sorted_actions(ws);
	fprintf(f, "<transition_graph cluster-delay=\"60s\" stonith-timeout=\"60s\" failed-stop-offset=\"INFINITY\" failed-start-offset=\"%s\" transition_id=\"0\">\n",
		ws->start_failure_fatal ? "INFINITY" : "1");
	for (guint i = 0; i < acts->len; i++) {
		struct pe_action *a = g_ptr_array_index(acts, i);
		fprintf(f, "  <synapse id=\"%u\">\n    <action_set>\n", i);
		write_action(f, a, "      ");
		fprintf(f, "    </action_set>\n    <inputs>\n");
		for (guint k = 0; k < a->after->len; k++) {
			struct pe_order *o = g_ptr_array_index(a->after, k);
			if (!runs(o->first))
				continue;
			fprintf(f, "      <trigger>\n");
			write_action(f, o->first, "        ");
			fprintf(f, "      </trigger>\n");
		}
		fprintf(f, "    </inputs>\n  </synapse>\n");
	}
	fprintf(f, "</transition_graph>\n");
	g_ptr_array_free(acts, TRUE);
	return fclose(f) == 0 ? 0 : -1;
}

int pe_write_graph_dot(struct pe_ws *ws, const char *path)
{
	FILE *f = fopen(path, "w");
	if (!f)
		return -1;
	GPtrArray *acts = pe_sorted_actions(ws);
	fprintf(f, "digraph \"g\" {\n");
	for (guint i = 0; i < acts->len; i++) {
		struct pe_action *a = g_ptr_array_index(acts, i);
		char *l = label(a);
		fprintf(f, "\"%s\" [ style=bold color=\"%s\" fontcolor=\"%s\"]\n", l,
			a->pseudo ? "orange" : "green", a->pseudo ? "orange" : "black");
		g_free(l);
	}
	for (guint i = 0; i < acts->len; i++) {
		struct pe_action *a = g_ptr_array_index(acts, i);
		for (guint k = 0; k < a->after->len; k++) {
			struct pe_order *o = g_ptr_array_index(a->after, k);
			if (!runs(o->first))
				continue;
			char *x = label(o->first), *y = label(a);
			fprintf(f, "\"%s\" -> \"%s\" [ style = bold]\n", x, y);
			g_free(x);
			g_free(y);
		}
	}
	fprintf(f, "}\n");
	g_ptr_array_free(acts, TRUE);
	return fclose(f) == 0 ? 0 : -1;
}
