/* Helpers shared by the policy-engine unit tests (#included by each
 * test_pe_*.c, not built on its own): build a small CIB from XML fragments,
 * run the engine, and look at where resources go and the summary lines. */
#ifndef TEST_PE_UTIL_H
#define TEST_PE_UTIL_H
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cib/cib.h"
#include "pengine/pe.h"

/* An online node_state with the given lrm_resource elements. */
static inline char *t_node(const char *uname, const char *lrm, const char *attrs)
{
	return g_strdup_printf("<node_state id=\"%s\" uname=\"%s\" in_ccm=\"true\" crmd=\"online\" join=\"member\" "
			       "expected=\"member\">%s%s%s%s<lrm id=\"%s\"><lrm_resources>%s</lrm_resources></lrm></node_state>",
			       uname, uname, attrs ? "<transient_attributes id=\"t\"><instance_attributes id=\"ta-" : "",
			       attrs ? uname : "", attrs ? "\">" : "", attrs ? attrs : "", uname, lrm ? lrm : "");
}

/* History of a resource: one op (start/monitor/stop...) with its result. */
static inline char *t_op(const char *rsc, const char *op, int interval, int call, int rc, int expect)
{
	return g_strdup_printf("<lrm_resource id=\"%s\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\">"
			       "<lrm_rsc_op id=\"%s_%s_%d\" operation=\"%s\" interval=\"%d\" call-id=\"%d\" rc-code=\"%d\" "
			       "op-status=\"0\" transition-key=\"1:1:%d:x\"/></lrm_resource>",
			       rsc, rsc, op, interval, op, interval, call, rc, expect);
}

static inline char *t_running(const char *rsc)
{
	return t_op(rsc, "start", 0, 1, 0, 0);
}

static inline char *t_prim(const char *id, const char *meta)
{
	return g_strdup_printf("<primitive id=\"%s\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\">"
			       "<meta_attributes id=\"%s-m\">%s</meta_attributes>"
			       "<operations><op id=\"%s-mon\" name=\"monitor\" interval=\"10s\"/></operations></primitive>",
			       id, id, meta ? meta : "", id);
}

/* Three nodes n1 n2 n3; options, resources, constraints and status are
 * inserted as given (status NULL: all three online, no history). */
static inline struct cib *t_cib(const char *opts, const char *rscs, const char *cons, const char *status)
{
	char *st = NULL;
	if (!status) {
		char *a = t_node("n1", NULL, NULL), *b = t_node("n2", NULL, NULL), *c = t_node("n3", NULL, NULL);
		st = g_strconcat(a, b, c, NULL);
		g_free(a);
		g_free(b);
		g_free(c);
	}
	char *x = g_strdup_printf(
		"<cib validate-with=\"pacemaker-1.0\" crm_feature_set=\"3.0.1\" have-quorum=\"1\" epoch=\"1\" "
		"num_updates=\"0\" admin_epoch=\"0\" execution-date=\"1000000\"><configuration><crm_config>"
		"<cluster_property_set id=\"o\">%s<nvpair id=\"o1\" name=\"stonith-enabled\" value=\"false\"/>"
		"</cluster_property_set></crm_config><nodes><node id=\"n1\" uname=\"n1\"/><node id=\"n2\" uname=\"n2\"/>"
		"<node id=\"n3\" uname=\"n3\"/></nodes><resources>%s</resources><constraints>%s</constraints>"
		"</configuration><status>%s</status></cib>",
		opts ? opts : "", rscs ? rscs : "", cons ? cons : "", status ? status : st);
	char *err = NULL;
	struct cib *c = cib_parse_memory(x, strlen(x), &err);
	if (!c)
		printf("FAIL: test CIB does not parse: %s\n%s\n", err, x);
	g_free(err);
	g_free(x);
	g_free(st);
	return c;
}

/* Where rsc goes ("" when stopped). */
static inline const char *t_where(struct pe_ws *ws, const char *rsc)
{
	struct pe_rsc *r = pe_find_rsc(ws, rsc);
	if (!r)
		return "(no such resource)";
	return r->next ? r->next->uname : "";
}

/* The Transition Summary, whitespace-collapsed, one line per action. */
static inline char *t_summary(struct pe_ws *ws)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	pe_print_summary(ws, f);
	fclose(f);
	GString *s = g_string_new(NULL);
	int sp = 0;
	for (char *p = buf; *p; p++) {
		if (*p == ' ') {
			sp = 1;
			continue;
		}
		if (sp && s->len && s->str[s->len - 1] != '\n' && *p != '\n')
			g_string_append_c(s, ' ');
		sp = 0;
		g_string_append_c(s, *p);
	}
	free(buf);
	return g_string_free(s, FALSE);
}

/* Concatenates and frees both parts. */
static inline char *t_cat(char *a, char *b)
{
	char *r = g_strconcat(a, b, NULL);
	g_free(a);
	g_free(b);
	return r;
}

static inline int t_has(const char *summary, const char *line)
{
	return strstr(summary, line) != NULL;
}
#endif

/* "key node" of every action that will run, one per line. */
static inline char *t_actions(struct pe_ws *ws)
{
	GPtrArray *a = pe_sorted_actions(ws);
	GString *s = g_string_new(NULL);
	for (guint i = 0; i < a->len; i++) {
		struct pe_action *x = g_ptr_array_index(a, i);
		char *k = pe_action_key(x);
		g_string_append_printf(s, "%s %s\n", k, x->node ? x->node->uname : "-");
		g_free(k);
	}
	g_ptr_array_free(a, TRUE);
	return g_string_free(s, FALSE);
}

/* t_node that takes (and frees) the lrm text it is given. */
static inline char *t_node_own(const char *uname, char *lrm, const char *attrs)
{
	char *n = t_node(uname, lrm, attrs);
	g_free(lrm);
	return n;
}
