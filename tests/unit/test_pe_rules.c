/* Location rules (lib/pengine/pe_rules.c, parsed by lib/cib): every
 * operator and type the pacemaker-1.0 schema allows, built-in attributes,
 * boolean-op, nested rules, score-attribute, as Pacemaker 2.1.5 evaluates
 * them. */
#include <stdlib.h>
#include <time.h>
#include "check.h"
#include "test_pe_common.c"

/* n1 has attrs "a1" (transient), n2 "a2" (configured), n3 none. */
static struct cib *rules_cib(const char *rule)
{
	char *a = t_node("n1", NULL, "<nvpair id=\"t1\" name=\"pingd\" value=\"1000\"/>"
				       "<nvpair id=\"t2\" name=\"ver\" value=\"2.10.1\"/>"
				       "<nvpair id=\"t3\" name=\"dbl\" value=\"1.50\"/>"
				       "</instance_attributes></transient_attributes>");
	char *b = t_node("n2", NULL, "<nvpair id=\"t4\" name=\"pingd\" value=\"200\"/>"
				       "<nvpair id=\"t5\" name=\"ver\" value=\"2.9\"/>"
				       "<nvpair id=\"t6\" name=\"dbl\" value=\"1.5\"/>"
				       "</instance_attributes></transient_attributes>");
	char *c = t_node("n3", NULL, NULL);
	char *st = g_strconcat(a, b, c, NULL);
	char *p = t_prim("r", NULL);
	char *cons = g_strdup_printf("<rsc_location id=\"l\" rsc=\"r\">%s</rsc_location>", rule);
	struct cib *cib = t_cib("<nvpair id=\"o3\" name=\"symmetric-cluster\" value=\"false\"/>", p, cons, st);
	g_free(a);
	g_free(b);
	g_free(c);
	g_free(st);
	g_free(p);
	g_free(cons);
	return cib;
}

/* The nodes where rule (one expression EXPR with score 10) matches, as "n1n3". */
static char *matches(const char *rule)
{
	struct cib *c = rules_cib(rule);
	GString *s = g_string_new(NULL);
	if (!c)
		return g_string_free(s, FALSE);
	struct pe_options o = { 0, 0 };
	struct pe_ws *ws = pe_run(c, &o);
	struct cib_location *l = g_ptr_array_index(c->locations, 0);
	struct cib_rule *ru = g_ptr_array_index(l->rules, 0);
	for (guint i = 0; i < ws->nodes->len; i++) {
		struct pe_node *n = g_ptr_array_index(ws->nodes, i);
		int sc;
		if (pe_rule_eval(ws, ru, n, &sc))
			g_string_append(s, n->uname);
	}
	pe_free(ws);
	cib_free(c);
	return g_string_free(s, FALSE);
}

static char *expr(const char *attr, const char *op, const char *value, const char *type)
{
	char *v = value ? g_strdup_printf(" value=\"%s\"", value) : g_strdup("");
	char *t = type ? g_strdup_printf(" type=\"%s\"", type) : g_strdup("");
	char *r = g_strdup_printf("<rule id=\"ru\" score=\"10\"><expression id=\"e\" attribute=\"%s\" "
				  "operation=\"%s\"%s%s/></rule>", attr, op, v, t);
	char *m = matches(r);
	g_free(v);
	g_free(t);
	g_free(r);
	return m;
}

#define CHECK_EXPR(attr, op, value, type, want) do { char *m_ = expr(attr, op, value, type); \
	CHECK_STR(m_, want); g_free(m_); } while (0)
#define CHECK_RULE(rule, want) do { char *m_ = matches(rule); CHECK_STR(m_, want); g_free(m_); } while (0)

int main(void)
{
	/* dates without a zone, and date_spec, are local time */
	setenv("TZ", "UTC", 1);
	tzset();
	/* Built-ins. */
	CHECK_EXPR("#uname", "eq", "n2", NULL, "n2");
	CHECK_EXPR("#uname", "ne", "n2", NULL, "n1n3");
	CHECK_EXPR("#uname", "eq", "N2", "string", "n2"); /* strings compare case-insensitively */
	CHECK_EXPR("#id", "eq", "n3", NULL, "n3");
	CHECK_EXPR("#kind", "eq", "cluster", NULL, "n1n2n3");
	CHECK_EXPR("#is_dc", "eq", "false", NULL, "n1n2n3");
	/* defined / not_defined. */
	CHECK_EXPR("pingd", "defined", NULL, NULL, "n1n2");
	CHECK_EXPR("pingd", "not_defined", NULL, NULL, "n3");
	/* Without a type lt/gt compare as integers, eq/ne as strings. */
	CHECK_EXPR("pingd", "gt", "500", NULL, "n1");
	CHECK_EXPR("pingd", "lt", "500", NULL, "n2");
	CHECK_EXPR("pingd", "gte", "200", NULL, "n1n2");
	CHECK_EXPR("pingd", "lte", "200", NULL, "n2");
	CHECK_EXPR("pingd", "eq", "0200", NULL, "");
	/* A missing attribute: only ne is true. */
	CHECK_EXPR("pingd", "ne", "1000", NULL, "n2n3");
	CHECK_EXPR("pingd", "lt", "100000", NULL, "n1n2");
	/* integer: numeric, leading zeros do not matter. */
	CHECK_EXPR("pingd", "eq", "0200", "integer", "n2");
	CHECK_EXPR("pingd", "gt", "999", "integer", "n1");
	/* number: decimals, as Pacemaker 2.1.5 (heartbeat 2.x compared integers). */
	CHECK_EXPR("dbl", "eq", "1.5", "number", "n1n2");
	CHECK_EXPR("dbl", "eq", "1.5", "string", "n2");
	CHECK_EXPR("dbl", "gt", "1.49", "number", "n1n2");
	CHECK_EXPR("dbl", "gt", "1.49", NULL, "n1n2"); /* a "." makes lt/gt decimal */
	CHECK_EXPR("pingd", "lt", "200.5", NULL, "n2");
	/* version: field by field. */
	CHECK_EXPR("ver", "gt", "2.9.5", "version", "n1");
	CHECK_EXPR("ver", "lt", "2.10", "version", "n2");
	CHECK_EXPR("ver", "eq", "2.9.0", "version", "n2");
	/* boolean-op and nested rules. */
	CHECK_RULE("<rule id=\"r\" score=\"1\" boolean-op=\"or\">"
		   "<expression id=\"e1\" attribute=\"pingd\" operation=\"not_defined\"/>"
		   "<expression id=\"e2\" attribute=\"pingd\" operation=\"lte\" value=\"200\"/></rule>",
		   "n2n3");
	CHECK_RULE("<rule id=\"r\" score=\"1\" boolean-op=\"and\">"
		   "<expression id=\"e1\" attribute=\"pingd\" operation=\"defined\"/>"
		   "<expression id=\"e2\" attribute=\"#uname\" operation=\"ne\" value=\"n1\"/></rule>",
		   "n2");
	CHECK_RULE("<rule id=\"r\" score=\"1\" boolean-op=\"or\">"
		   "<expression id=\"e1\" attribute=\"#uname\" operation=\"eq\" value=\"n3\"/>"
		   "<rule id=\"r2\" boolean-op=\"and\">"
		   "<expression id=\"e2\" attribute=\"pingd\" operation=\"gt\" value=\"100\"/>"
		   "<expression id=\"e3\" attribute=\"ver\" operation=\"lt\" value=\"2.10\" type=\"version\"/>"
		   "</rule></rule>",
		   "n2n3");
	/* Date expressions, against the test CIB's execution-date 1000000
	 * (1970-01-12 13:46:40 UTC, a Monday of ISO week 3). */
#define DATE_RULE(body) "<rule id=\"r\" score=\"1\"><date_expression id=\"d\" " body "</date_expression></rule>"
	CHECK_RULE(DATE_RULE("operation=\"gt\" start=\"2000-01-01\">"), "");
	CHECK_RULE(DATE_RULE("operation=\"gt\" start=\"1970-01-01\">"), "n1n2n3");
	CHECK_RULE(DATE_RULE("operation=\"lt\" end=\"2000-01-01\">"), "n1n2n3");
	CHECK_RULE(DATE_RULE("operation=\"lt\" end=\"1970-01-12T13:46:40Z\">"), "");
	CHECK_RULE(DATE_RULE("operation=\"in_range\" start=\"1970-01-10\" end=\"1970-01-13\">"), "n1n2n3");
	CHECK_RULE(DATE_RULE("operation=\"in_range\" start=\"1970-01-10\"><duration id=\"du\" days=\"1\"/>"), "");
	CHECK_RULE(DATE_RULE("operation=\"in_range\" start=\"1970-01-10\"><duration id=\"du\" days=\"3\"/>"), "n1n2n3");
	CHECK_RULE(DATE_RULE("operation=\"in_range\" end=\"1970-01-11\">"), "");
	CHECK_RULE(DATE_RULE("operation=\"date_spec\"><date_spec id=\"s\" weekdays=\"1\" hours=\"9-17\"/>"), "n1n2n3");
	CHECK_RULE(DATE_RULE("operation=\"date_spec\"><date_spec id=\"s\" weekdays=\"2-5\"/>"), "");
	CHECK_RULE(DATE_RULE("operation=\"date_spec\"><date_spec id=\"s\" months=\"1\" monthdays=\"12-\" yeardays=\"12\"/>"),
		   "n1n2n3");
	CHECK_RULE(DATE_RULE("operation=\"date_spec\"><date_spec id=\"s\" weeks=\"3\" weekyears=\"1970\" minutes=\"-46\"/>"),
		   "n1n2n3");
	CHECK_RULE(DATE_RULE("operation=\"date_spec\"><date_spec id=\"s\" monthdays=\"1-11\"/>"), "");
	/* a date rule and an attribute, and a broken date expression (never true) */
	CHECK_RULE("<rule id=\"r\" score=\"1\"><date_expression id=\"d\" operation=\"lt\" end=\"2000-01-01\"/>"
		   "<expression id=\"e\" attribute=\"pingd\" operation=\"defined\"/></rule>", "n1n2");
	CHECK_RULE(DATE_RULE("operation=\"sometimes\" start=\"1970-01-01\">"), "");
	CHECK_RULE(DATE_RULE("operation=\"gt\" start=\"1970-13-01\">"), "");
	{
		long long t = 0;
		CHECK_INT(cib_date_parse("1970-01-12T13:46:40Z", &t), 0);
		CHECK(t == 1000000);
		CHECK_INT(cib_date_parse("1970-01-12 14:46:40+01:00", &t), 0);
		CHECK(t == 1000000);
		CHECK_INT(cib_date_parse("1970-012T13:46:40Z", &t), 0);    /* ordinal */
		CHECK(t == 1000000);
		CHECK_INT(cib_date_parse("1970-W03-1T13:46:40Z", &t), 0);  /* ISO week date */
		CHECK(t == 1000000);
		CHECK_INT(cib_date_parse("1970-01-12", &t), 0);
		CHECK(t == 950400);
		CHECK_INT(cib_date_parse("junk", &t), -1);
		CHECK_INT(cib_date_parse("1970-01-12T25:00", &t), -1);
		CHECK_INT(cib_date_parse("1970-01-12Tnoon", &t), -1);
		int month[7] = { 0, 1, 0, 0, 0, 0, 0 };
		CHECK(cib_date_add(950400, month) == 950400 + 31 * 86400);   /* Jan 12 + 1 month = Feb 12 */
	}
	/* score-attribute: the node's pingd value is the score (pingd idiom). */
	{
		struct cib *c = rules_cib("<rule id=\"r\" score-attribute=\"pingd\">"
					  "<expression id=\"e\" attribute=\"pingd\" operation=\"defined\"/></rule>");
		struct pe_options o = { 0, 1 };
		struct pe_ws *ws = c ? pe_run(c, &o) : NULL;
		CHECK(ws != NULL);
		if (!ws)
			return T_DONE();
		CHECK_STR(t_where(ws, "r"), "n1");
		CHECK(strstr(ws->log->str, "r allocation score on n1: 1000") != NULL);
		CHECK(strstr(ws->log->str, "r allocation score on n2: 200") != NULL);
		pe_free(ws);
		cib_free(c);
	}
	/* Comparison helper directly. */
	CHECK_INT(pe_rule_cmp("10", "9", CIB_TYPE_INTEGER, CIB_EQ), 1);
	CHECK_INT(pe_rule_cmp("10", "9", CIB_TYPE_STRING, CIB_EQ), -1);
	CHECK_INT(pe_rule_cmp("1.0", "1", CIB_TYPE_NUMBER, CIB_EQ), 0);
	CHECK_INT(pe_rule_cmp("1.0", "1", CIB_TYPE_AUTO, CIB_EQ), 1);
	CHECK_INT(pe_rule_cmp("1.0", "1", CIB_TYPE_AUTO, CIB_LT), 0);
	CHECK_INT(pe_rule_cmp("3.0.1", "3.0.13", CIB_TYPE_VERSION, CIB_LT), -1);
	CHECK_INT(pe_rule_cmp("abc", "abd", CIB_TYPE_INTEGER, CIB_LT), -1); /* not numbers: strings */
	return T_DONE();
}
