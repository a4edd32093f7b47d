/* pe_graphcmp: compares two transition graphs (Pacemaker's crm_simulate -G
 * and ours from ptest -G) at the action level, as the corpus' own
 * compare_actions.py does, so the conformance suite needs no Python.
 *
 *   pe_graphcmp [--order] [--ignore-pseudo] [-q] EXPECTED ACTUAL
 *   pe_graphcmp --actions GRAPH      normalised action list (one a line)
 *   pe_graphcmp --order-list GRAPH   ordering edges "A -> B"
 *
 * An action is reduced to one line ("rsc_start_0 node1", "pseudo g_start_0",
 * "cancel rsc_monitor_10000 node1", "delete rsc node1" ...), clone instance
 * numbers removed.  The action lists are multisets.  With --order every
 * ordering between real actions of EXPECTED (followed through pseudo
 * actions and through actions ACTUAL lacks, transitively reduced) must be a
 * path in ACTUAL, and ACTUAL must have no cycle.  Exit 0 same, 1 different,
 * 2 usage or read error. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <glib.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

struct graph {
	GPtrArray *ids;       /* char *: action id (synapse actions, then trigger-only ones) */
	GPtrArray *labels;    /* char *: normalised line, same index */
	GArray *pseudo;       /* gboolean per index */
	GArray *in_graph;     /* guint indexes of synapse actions, file order */
	GHashTable *index;    /* id -> index + 1 */
	GArray *edges;        /* pairs (first, then) of indexes */
	guint64 **reach;      /* per index: bit set of the indexes reachable */
	int cyclic;
};

static int is_action(xmlNodePtr n)
{
	return n->type == XML_ELEMENT_NODE &&
	       (!xmlStrcmp(n->name, BAD_CAST "rsc_op") || !xmlStrcmp(n->name, BAD_CAST "pseudo_event") ||
		!xmlStrcmp(n->name, BAD_CAST "crm_event"));
}

static char *prop(xmlNodePtr n, const char *name)
{
	xmlChar *v = xmlGetProp(n, BAD_CAST name);
	char *s = g_strdup(v ? (const char *)v : "");
	xmlFree(v);
	return s;
}

static xmlNodePtr child(xmlNodePtr n, const char *name)
{
	for (xmlNodePtr c = n->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE && !xmlStrcmp(c->name, BAD_CAST name))
			return c;
	return NULL;
}

/* "rsc:2_stop_0" -> "rsc_stop_0": a colon and digits before "_", space or end. */
static char *strip_instances(const char *s)
{
	GString *o = g_string_new(NULL);
	for (const char *p = s; *p;) {
		if (*p == ':' && g_ascii_isdigit(p[1])) {
			const char *q = p + 1;
			while (g_ascii_isdigit(*q))
				q++;
			if (*q == '_' || *q == ' ' || *q == '\t' || !*q) {
				p = q;
				continue;
			}
		}
		g_string_append_c(o, *p++);
	}
	return g_string_free(o, FALSE);
}

static int all_digits(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!g_ascii_isdigit(*s))
			return 0;
	return 1;
}

/* The resource a delete/clear_failcount acts on: <primitive>, else the key
 * without its "_OP_INTERVAL" end. */
static char *resource_of(xmlNodePtr el, const char *key, const char *op)
{
	xmlNodePtr p = child(el, "primitive");
	if (p) {
		char *l = prop(p, "long-id");
		if (*l)
			return l;
		g_free(l);
		return prop(p, "id");
	}
	const char *sfx[] = { NULL, "_delete_", "_lrm_delete_", "_clear_failcount_" };
	char *own = g_strdup_printf("_%s_", op);
	sfx[0] = own;
	for (unsigned i = 0; i < G_N_ELEMENTS(sfx); i++) {
		const char *hit = NULL;
		for (const char *q = strstr(key, sfx[i]); q; q = strstr(q + 1, sfx[i]))
			hit = q;
		if (hit && hit > key && all_digits(hit + strlen(sfx[i]))) {
			g_free(own);
			return g_strndup(key, (gsize)(hit - key));
		}
	}
	g_free(own);
	return g_strdup(key);
}

static char *label(xmlNodePtr el)
{
	char *op = prop(el, "operation"), *key = prop(el, "operation_key"), *node = prop(el, "on_node");
	if (!*key) {
		g_free(key);
		key = g_strdup(op);
	}
	char *t;
	if (!xmlStrcmp(el->name, BAD_CAST "pseudo_event")) {
		t = g_strdup_printf("pseudo %s", key);
	} else if (!strcmp(op, "stonith")) {
		t = g_strdup(key);
	} else if (!strcmp(op, "do_shutdown")) {
		t = g_strdup_printf("do_shutdown %s", node);
	} else if (!strcmp(op, "cancel")) {
		t = g_strdup_printf("cancel %s %s", key, node);
	} else if (!strcmp(op, "delete") || !strcmp(op, "lrm_delete") || !strcmp(op, "clear_failcount")) {
		char *r = resource_of(el, key, op);
		t = g_strdup_printf("%s %s %s", strcmp(op, "clear_failcount") ? "delete" : "clear_failcount", r, node);
		g_free(r);
	} else if (!child(el, "primitive") && g_str_has_prefix(key, op) && key[strlen(op)] == '-' && *node) {
		t = g_strdup_printf("%s %s", op, node);
	} else {
		t = g_strdup_printf("%s %s", key, node);
	}
	/* Whitespace runs collapsed, ends trimmed. */
	char **w = g_strsplit_set(t, " \t\n\r", -1);
	GString *o = g_string_new(NULL);
	for (char **p = w; *p; p++)
		if (**p)
			g_string_append_printf(o, "%s%s", o->len ? " " : "", *p);
	g_strfreev(w);
	g_free(t);
	g_free(op);
	g_free(key);
	g_free(node);
	char *s = strip_instances(o->str);
	g_string_free(o, TRUE);
	return s;
}

static guint add_action(struct graph *g, const char *id, xmlNodePtr el)
{
	guint i = g->ids->len;
	g_ptr_array_add(g->ids, g_strdup(id));
	g_ptr_array_add(g->labels, label(el));
	gboolean ps = !xmlStrcmp(el->name, BAD_CAST "pseudo_event");
	g_array_append_val(g->pseudo, ps);
	g_hash_table_insert(g->index, g_ptr_array_index(g->ids, i), GUINT_TO_POINTER(i + 1));
	return i;
}

#define WORDS(n) (((n) + 63) / 64)
#define HAS(set, i) (((set)[(i) / 64] >> ((i) % 64)) & 1)
#define SET(set, i) ((set)[(i) / 64] |= (guint64)1 << ((i) % 64))

static void compute_reach(struct graph *g)
{
	guint n = g->ids->len, w = WORDS(n);
	g->reach = g_new0(guint64 *, n + 1);
	for (guint i = 0; i < n; i++)
		g->reach[i] = g_new0(guint64, w + 1);
	GPtrArray **succ = g_new0(GPtrArray *, n + 1);
	guint *indeg = g_new0(guint, n + 1);
	for (guint i = 0; i < n; i++)
		succ[i] = g_ptr_array_new();
	for (guint e = 0; e < g->edges->len; e += 2) {
		guint a = g_array_index(g->edges, guint, e), b = g_array_index(g->edges, guint, e + 1);
		if (HAS(g->reach[a], b))
			continue;
		SET(g->reach[a], b);
		g_ptr_array_add(succ[a], GUINT_TO_POINTER(b));
		indeg[b]++;
	}
	/* Kahn order, then closure in reverse order; a fixed point where a
	 * cycle keeps nodes out of the order. */
	guint *order = g_new0(guint, n + 1), *queue = g_new0(guint, n + 1), qn = 0, on = 0;
	for (guint i = 0; i < n; i++)
		if (!indeg[i])
			queue[qn++] = i;
	while (qn) {
		guint x = queue[--qn];
		order[on++] = x;
		for (guint k = 0; k < succ[x]->len; k++) {
			guint y = GPOINTER_TO_UINT(g_ptr_array_index(succ[x], k));
			if (--indeg[y] == 0)
				queue[qn++] = y;
		}
	}
	g->cyclic = on < n;
	for (guint o = on; o-- > 0;) {
		guint x = order[o];
		for (guint k = 0; k < succ[x]->len; k++) {
			guint y = GPOINTER_TO_UINT(g_ptr_array_index(succ[x], k));
			for (guint q = 0; q < w; q++)
				g->reach[x][q] |= g->reach[y][q];
		}
	}
	for (int changed = g->cyclic; changed;) {
		changed = 0;
		for (guint x = 0; x < n; x++)
			for (guint k = 0; k < succ[x]->len; k++) {
				guint y = GPOINTER_TO_UINT(g_ptr_array_index(succ[x], k));
				for (guint q = 0; q < w; q++) {
					guint64 v = g->reach[x][q] | g->reach[y][q];
					if (v != g->reach[x][q]) {
						g->reach[x][q] = v;
						changed = 1;
					}
				}
			}
	}
	for (guint i = 0; i < n; i++)
		g_ptr_array_free(succ[i], TRUE);
	g_free(succ);
	g_free(indeg);
	g_free(order);
	g_free(queue);
}

static struct graph *graph_read(const char *path)
{
	xmlDocPtr doc = xmlReadFile(path, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (!doc) {
		fprintf(stderr, "pe_graphcmp: %s: not readable as XML\n", path);
		return NULL;
	}
	xmlNodePtr root = xmlDocGetRootElement(doc);
	if (!root || xmlStrcmp(root->name, BAD_CAST "transition_graph")) {
		fprintf(stderr, "pe_graphcmp: %s: root element is not <transition_graph>\n", path);
		xmlFreeDoc(doc);
		return NULL;
	}
	struct graph *g = g_new0(struct graph, 1);
	g->ids = g_ptr_array_new_with_free_func(g_free);
	g->labels = g_ptr_array_new_with_free_func(g_free);
	g->pseudo = g_array_new(FALSE, FALSE, sizeof(gboolean));
	g->in_graph = g_array_new(FALSE, FALSE, sizeof(guint));
	g->edges = g_array_new(FALSE, FALSE, sizeof(guint));
	g->index = g_hash_table_new(g_str_hash, g_str_equal);
	GPtrArray *trig = g_ptr_array_new(); /* pairs: trigger element, then-index */
	int bad = 0;
	for (xmlNodePtr syn = root->children; syn && !bad; syn = syn->next) {
		if (syn->type != XML_ELEMENT_NODE || xmlStrcmp(syn->name, BAD_CAST "synapse"))
			continue;
		xmlNodePtr act = NULL;
		int nact = 0;
		for (xmlNodePtr s = syn->children; s; s = s->next)
			if (s->type == XML_ELEMENT_NODE && !xmlStrcmp(s->name, BAD_CAST "action_set"))
				for (xmlNodePtr a = s->children; a; a = a->next)
					if (is_action(a))
						act = a, nact++;
		char *sid = prop(syn, "id");
		if (nact != 1) {
			fprintf(stderr, "pe_graphcmp: %s: line %d: synapse %s has %d actions, expected 1\n", path,
				syn->line, sid, nact);
			bad = 1;
		} else {
			char *id = prop(act, "id");
			if (!*id || g_hash_table_contains(g->index, id)) {
				fprintf(stderr, "pe_graphcmp: %s: line %d: action id '%s' missing or used twice\n", path,
					act->line, id);
				bad = 1;
			} else {
				guint i = add_action(g, id, act);
				g_array_append_val(g->in_graph, i);
				for (xmlNodePtr in = syn->children; in; in = in->next) {
					if (in->type != XML_ELEMENT_NODE || xmlStrcmp(in->name, BAD_CAST "inputs"))
						continue;
					for (xmlNodePtr t = in->children; t; t = t->next) {
						if (t->type != XML_ELEMENT_NODE || xmlStrcmp(t->name, BAD_CAST "trigger"))
							continue;
						for (xmlNodePtr a = t->children; a; a = a->next)
							if (is_action(a)) {
								g_ptr_array_add(trig, a);
								g_ptr_array_add(trig, GUINT_TO_POINTER(i + 1));
							}
					}
				}
			}
			g_free(id);
		}
		g_free(sid);
	}
	/* A trigger naming an action no synapse holds still counts. */
	for (guint k = 0; !bad && k < trig->len; k += 2) {
		xmlNodePtr t = g_ptr_array_index(trig, k);
		guint then = GPOINTER_TO_UINT(g_ptr_array_index(trig, k + 1)) - 1;
		char *id = prop(t, "id");
		if (!*id) {
			g_free(id);
			id = g_strdup_printf("trigger-%u", k / 2);
		}
		gpointer v = g_hash_table_lookup(g->index, id);
		guint first = v ? GPOINTER_TO_UINT(v) - 1 : add_action(g, id, t);
		g_array_append_val(g->edges, first);
		g_array_append_val(g->edges, then);
		g_free(id);
	}
	g_ptr_array_free(trig, TRUE);
	xmlFreeDoc(doc);
	if (bad)
		return NULL;
	compute_reach(g);
	return g;
}

static int cmp_str(gconstpointer a, gconstpointer b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sorted labels of the synapse actions. */
static GPtrArray *action_list(struct graph *g, int ignore_pseudo)
{
	GPtrArray *l = g_ptr_array_new();
	for (guint k = 0; k < g->in_graph->len; k++) {
		guint i = g_array_index(g->in_graph, guint, k);
		if (ignore_pseudo && g_array_index(g->pseudo, gboolean, i))
			continue;
		g_ptr_array_add(l, g_ptr_array_index(g->labels, i));
	}
	g_ptr_array_sort(l, cmp_str);
	return l;
}

/* Transitive reduction of the ordering between real actions; actions whose
 * label is in `contract` are passed through like pseudo actions.  Returns
 * sorted unique "A\nB" strings. */
static GPtrArray *order_edges(struct graph *g, GHashTable *contract)
{
	guint n = g->ids->len, w = WORDS(n);
	guint64 *real = g_new0(guint64, w + 1);
	for (guint i = 0; i < n; i++)
		if (!g_array_index(g->pseudo, gboolean, i) &&
		    !(contract && g_hash_table_contains(contract, g_ptr_array_index(g->labels, i))))
			SET(real, i);
	GHashTable *seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	guint64 *direct = g_new0(guint64, w + 1), *covered = g_new0(guint64, w + 1);
	for (guint i = 0; i < n; i++) {
		if (!HAS(real, i))
			continue;
		for (guint q = 0; q < w; q++)
			direct[q] = g->reach[i][q] & real[q], covered[q] = 0;
		direct[i / 64] &= ~((guint64)1 << (i % 64));
		for (guint m = 0; m < n; m++) {
			if (!HAS(direct, m))
				continue;
			for (guint q = 0; q < w; q++)
				covered[q] |= g->reach[m][q] & real[q] & (q == m / 64 ? ~((guint64)1 << (m % 64)) : ~(guint64)0);
		}
		for (guint m = 0; m < n; m++) {
			if (!HAS(direct, m) || HAS(covered, m))
				continue;
			const char *a = g_ptr_array_index(g->labels, i), *b = g_ptr_array_index(g->labels, m);
			if (strcmp(a, b))
				g_hash_table_add(seen, g_strdup_printf("%s\n%s", a, b));
		}
	}
	GPtrArray *out = g_ptr_array_new_with_free_func(g_free);
	GHashTableIter it;
	gpointer k;
	g_hash_table_iter_init(&it, seen);
	while (g_hash_table_iter_next(&it, &k, NULL))
		g_ptr_array_add(out, g_strdup(k));
	g_ptr_array_sort(out, cmp_str);
	g_hash_table_destroy(seen);
	g_free(real);
	g_free(direct);
	g_free(covered);
	return out;
}

static int quiet;

static void say(const char *fmt, const char *a, const char *b)
{
	if (!quiet) {
		printf(fmt, a, b);
		putchar('\n');
	}
}

static int compare(struct graph *e, struct graph *a, int ignore_pseudo, int with_order)
{
	int differ = 0;
	GPtrArray *want = action_list(e, ignore_pseudo), *got = action_list(a, ignore_pseudo);
	GPtrArray *miss = g_ptr_array_new(), *extra = g_ptr_array_new();
	guint i = 0, k = 0;
	while (i < want->len || k < got->len) {
		int c = i >= want->len ? 1 : k >= got->len ? -1 :
			strcmp(g_ptr_array_index(want, i), g_ptr_array_index(got, k));
		if (c == 0)
			i++, k++;
		else if (c < 0)
			g_ptr_array_add(miss, g_ptr_array_index(want, i++));
		else
			g_ptr_array_add(extra, g_ptr_array_index(got, k++));
	}
	if (miss->len || extra->len) {
		differ = 1;
		if (!quiet)
			printf("actions differ: expected %u, actual %u\n", want->len, got->len);
		for (guint q = 0; q < miss->len; q++)
			say("- %s%s", g_ptr_array_index(miss, q), "");
		for (guint q = 0; q < extra->len; q++)
			say("+ %s%s", g_ptr_array_index(extra, q), "");
	}
	if (with_order) {
		if (a->cyclic) {
			differ = 1;
			say("actual graph has an ordering cycle%s%s", "", "");
		}
		GHashTable *by_label = g_hash_table_new_full(g_str_hash, g_str_equal, NULL,
							     (GDestroyNotify)g_ptr_array_unref);
		for (guint q = 0; q < a->in_graph->len; q++) {
			guint x = g_array_index(a->in_graph, guint, q);
			char *l = g_ptr_array_index(a->labels, x);
			GPtrArray *v = g_hash_table_lookup(by_label, l);
			if (!v) {
				v = g_ptr_array_new();
				g_hash_table_insert(by_label, l, v);
			}
			g_ptr_array_add(v, GUINT_TO_POINTER(x));
		}
		GHashTable *absent = g_hash_table_new(g_str_hash, g_str_equal);
		for (guint q = 0; q < e->labels->len; q++)
			if (!g_hash_table_contains(by_label, g_ptr_array_index(e->labels, q)))
				g_hash_table_add(absent, g_ptr_array_index(e->labels, q));
		GPtrArray *edges = order_edges(e, absent);
		GPtrArray *missing = g_ptr_array_new();
		for (guint q = 0; q < edges->len; q++) {
			char *ed = g_ptr_array_index(edges, q), *nl = strchr(ed, '\n');
			*nl = 0;
			GPtrArray *xs = g_hash_table_lookup(by_label, ed), *ys = g_hash_table_lookup(by_label, nl + 1);
			int ok = 0;
			for (guint s = 0; xs && ys && s < xs->len && !ok; s++)
				for (guint t = 0; t < ys->len && !ok; t++)
					ok = HAS(a->reach[GPOINTER_TO_UINT(g_ptr_array_index(xs, s))],
						 GPOINTER_TO_UINT(g_ptr_array_index(ys, t)));
			if (!ok)
				g_ptr_array_add(missing, ed);
		}
		if (missing->len) {
			differ = 1;
			if (!quiet)
				printf("orderings not implied by actual: %u\n", missing->len);
			for (guint q = 0; q < missing->len; q++) {
				char *ed = g_ptr_array_index(missing, q);
				say("! %s -> %s", ed, ed + strlen(ed) + 1);
			}
		}
		g_ptr_array_free(missing, TRUE);
		g_ptr_array_free(edges, TRUE);
		g_hash_table_destroy(absent);
		g_hash_table_destroy(by_label);
	}
	g_ptr_array_free(want, TRUE);
	g_ptr_array_free(got, TRUE);
	g_ptr_array_free(miss, TRUE);
	g_ptr_array_free(extra, TRUE);
	return differ;
}

static const char usage[] =
	"usage: pe_graphcmp [--order] [--ignore-pseudo] [-q] EXPECTED ACTUAL\n"
	"       pe_graphcmp [--ignore-pseudo] --actions GRAPH\n"
	"       pe_graphcmp --order-list GRAPH\n";

int main(int argc, char **argv)
{
	int with_order = 0, ignore_pseudo = 0, mode = 0; /* 1 actions, 2 order-list */
	const char *files[2];
	int nf = 0;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "--order"))
			with_order = 1;
		else if (!strcmp(a, "--ignore-pseudo"))
			ignore_pseudo = 1;
		else if (!strcmp(a, "-q") || !strcmp(a, "--quiet"))
			quiet = 1;
		else if (!strcmp(a, "--actions"))
			mode = 1;
		else if (!strcmp(a, "--order-list"))
			mode = 2;
		else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			fputs(usage, stdout);
			return 0;
		} else if (a[0] == '-' && a[1]) {
			fprintf(stderr, "pe_graphcmp: unknown option %s\n%s", a, usage);
			return 2;
		} else if (nf < 2) {
			files[nf++] = a;
		} else {
			fputs(usage, stderr);
			return 2;
		}
	}
	if ((mode && nf != 1) || (!mode && nf != 2)) {
		fputs(usage, stderr);
		return 2;
	}
	struct graph *g = graph_read(files[0]);
	if (!g)
		return 2;
	if (mode) {
		GPtrArray *l = mode == 1 ? action_list(g, ignore_pseudo) : order_edges(g, NULL);
		for (guint i = 0; i < l->len; i++) {
			char *s = g_ptr_array_index(l, i), *nl = mode == 2 ? strchr(s, '\n') : NULL;
			if (nl)
				printf("%.*s -> %s\n", (int)(nl - s), s, nl + 1);
			else
				puts(s);
		}
		return 0;
	}
	struct graph *a = graph_read(files[1]);
	if (!a)
		return 2;
	return compare(g, a, ignore_pseudo, with_order);
}
