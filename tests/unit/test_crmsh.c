/* Unit tests of the crm shell's pure parts: the lexer (logical lines,
 * shlex words), the element parsers (generated ids, op attributes,
 * scores, rules, sets) and the builder's merge rules. */
#include <glib.h>
#include <libxml/tree.h>
#include "crm.h"
#include "cib/cib_doc.h"
#include "check.h"

static struct crm_obj *parse(const char *line, char **err)
{
	char *e2 = NULL;
	char **w = crm_split(line, &e2);
	if (!w) {
		*err = e2;
		return NULL;
	}
	struct crm_obj *o = crm_parse(w, NULL, err);
	g_strfreev(w);
	return o;
}

static char *dump(struct crm_obj *o)
{
	return o ? cib_xml_dump(o->xml) : g_strdup("(null)");
}

static void test_lines(void)
{
	GPtrArray *l = crm_lines("# c1\nprimitive a \\\n\tDummy\n\n  \nlocation x a \\\n 100: n1\nlast \\");
	CHECK_INT(l->len, 4);
	struct crm_line *x = g_ptr_array_index(l, 1);
	CHECK_STR(x->text, "primitive a Dummy");
	CHECK_INT(x->lineno, 2);
	x = g_ptr_array_index(l, 2);
	CHECK_STR(x->text, "location x a 100: n1");
	CHECK_INT(x->lineno, 3);
	x = g_ptr_array_index(l, 3);
	CHECK_STR(x->text, "last");
	crm_lines_free(l);
}

static void test_split(void)
{
	char *err = NULL;
	char **w = crm_split("a x=\"b c\" y='d \"e' z=f\\ g \"\" #uname", &err);
	CHECK(w != NULL);
	if (w) {
		CHECK_INT(g_strv_length(w), 6);
		CHECK_STR(w[1], "x=b c");
		CHECK_STR(w[2], "y=d \"e");
		CHECK_STR(w[3], "z=f g");
		CHECK_STR(w[4], "");
		CHECK_STR(w[5], "#uname");
	}
	g_strfreev(w);
	CHECK(crm_split("a \"open", &err) == NULL);
	CHECK_STR(err, "No closing quotation");
	g_free(err);
	CHECK(!crm_needs_quotes("10s"));
	CHECK(crm_needs_quotes("/dev/sdb1"));
	CHECK(crm_needs_quotes("a b"));
	CHECK(crm_needs_quotes(""));
}

static void test_primitive(void)
{
	char *err = NULL;
	struct crm_obj *o = parse("primitive p ocf:heartbeat:IPaddr2 params ip=10.0.0.1 meta target-role=Started "
				  "op start timeout=60s op monitor interval=10s OCF_CHECK_LEVEL=10 "
				  "op monitor interval=10s role=Master", &err);
	char *s = dump(o);
	CHECK(strstr(s, "<nvpair name=\"ip\" value=\"10.0.0.1\" id=\"p-instance_attributes-ip\"/>") != NULL);
	CHECK(strstr(s, "<meta_attributes id=\"p-meta_attributes\">") != NULL);
	CHECK(strstr(s, "<op name=\"start\" timeout=\"60s\" interval=\"0\" id=\"p-start-0\"/>") != NULL);
	CHECK(strstr(s, "id=\"p-monitor-10s-instance_attributes-OCF_CHECK_LEVEL\"") != NULL);
	/* the same name and interval twice: the second id gets -0 */
	CHECK(strstr(s, "id=\"p-monitor-10s-0\"") != NULL);
	g_free(s);
	crm_obj_free(o);
	o = parse("primitive s stonith:external/ssh", &err);
	s = dump(o);
	CHECK_STR(s, "<primitive id=\"s\" class=\"stonith\" type=\"external/ssh\"/>\n");
	g_free(s);
	crm_obj_free(o);
	CHECK(parse("primitive p Dummy op monitor interval=1 OCF_CHECK_LEVEL=1 timeout=2", &err) == NULL);
	CHECK_STR(err, "syntax in primitive: Attribute order error: timeout must appear before any instance attribute");
	g_free(err);
	CHECK(parse("primitive p", &err) == NULL);
	g_free(err);
	o = parse("primitive p Dummy params $id=ps a=1", &err);
	s = dump(o);
	CHECK(strstr(s, "<instance_attributes id=\"ps\">") && strstr(s, "id=\"ps-a\""));
	g_free(s);
	crm_obj_free(o);
}

static void test_constraints(void)
{
	char *err = NULL;
	struct crm_obj *o = parse("location l g rule $id=r1 50: #uname eq a or #uname eq b "
				  "rule pingd: defined pingd rule -inf: date gt 2010-07-10", &err);
	char *s = dump(o);
	CHECK(strstr(s, "<rule id=\"r1\" score=\"50\" boolean-op=\"or\">") != NULL);
	CHECK(strstr(s, "id=\"r1-expression-0\"") != NULL);
	CHECK(strstr(s, "<rule score-attribute=\"pingd\" id=\"l-rule\">") != NULL);
	CHECK(strstr(s, "<date_expression operation=\"gt\" start=\"2010-07-10\" id=\"l-rule-0-expression\"/>") != NULL);
	g_free(s);
	crm_obj_free(o);
	o = parse("location l g inf: n1", &err);
	s = dump(o);
	CHECK_STR(s, "<rsc_location id=\"l\" rsc=\"g\" score=\"INFINITY\" node=\"n1\"/>\n");
	g_free(s);
	crm_obj_free(o);
	CHECK(parse("location l g 100 n1", &err) == NULL);
	CHECK_STR(err, "syntax in location: expected <score>: <node> or <rule> [<rule> ...] near <100>");
	g_free(err);
	o = parse("colocation c -INF: a:Master b", &err);
	s = dump(o);
	CHECK_STR(s, "<rsc_colocation id=\"c\" score=\"-INFINITY\" rsc=\"a\" rsc-role=\"Master\" with-rsc=\"b\"/>\n");
	g_free(s);
	crm_obj_free(o);
	o = parse("order o 0: a:start b symmetrical=false", &err);
	s = dump(o);
	CHECK_STR(s, "<rsc_order id=\"o\" kind=\"Optional\" symmetrical=\"false\" first=\"a\" first-action=\"start\" then=\"b\"/>\n");
	g_free(s);
	crm_obj_free(o);
	o = parse("order o 100: a ( b c )", &err);
	s = dump(o);
	CHECK(strstr(s, "kind=\"Mandatory\"") && strstr(s, "<resource_set sequential=\"false\" id=\"o-1\">"));
	g_free(s);
	crm_obj_free(o);
	CHECK(parse("order o always: a b", &err) == NULL);
	CHECK_STR(err, "syntax in order: Invalid kind: always near <a>");
	g_free(err);
	CHECK(parse("primitiv p Dummy", &err) == NULL);
	CHECK_STR(err, "syntax: Unknown command near <primitiv>");
	g_free(err);
}

static void test_build(void)
{
	xmlDocPtr doc = xmlNewDoc(BAD_CAST "1.0");
	xmlNodePtr cfg = crm_empty_config(doc);
	xmlDocSetRootElement(doc, cfg);
	const char *lines[] = {
		"group g a b meta target-role=Stopped", "primitive a Dummy", "primitive b Dummy",
		"property stonith-enabled=false", "property no-quorum-policy=ignore",
		"colocation c inf: a b", NULL
	};
	GPtrArray *objs = g_ptr_array_new();
	for (int i = 0; lines[i]; i++) {
		char *err = NULL;
		struct crm_obj *o = parse(lines[i], &err);
		CHECK(o != NULL);
		if (o)
			g_ptr_array_add(objs, o);
	}
	CHECK_INT(crm_apply(cfg, objs), 0);
	CHECK_INT(crm_check_refs(cfg), 0);
	char *s = cib_xml_dump(cfg);
	CHECK(strstr(s, "<group id=\"g\">\n      <meta_attributes id=\"g-meta_attributes\">") != NULL);
	CHECK(strstr(s, "id=\"cib-bootstrap-options-no-quorum-policy\"") != NULL);
	g_free(s);
	CHECK_INT(crm_rename(cfg, "a", "x"), 0);
	CHECK(crm_find_obj(cfg, "x") != NULL);
	CHECK_INT(crm_delete(cfg, "b"), 0);
	CHECK(crm_find_obj(cfg, "c") == NULL);  /* the colocation hung on b */
	CHECK_INT(crm_delete(cfg, "nothing"), -1);
	for (guint i = 0; i < objs->len; i++)
		crm_obj_free(g_ptr_array_index(objs, i));
	g_ptr_array_free(objs, TRUE);
	xmlFreeDoc(doc);
}

int main(void)
{
	test_lines();
	test_split();
	test_primitive();
	test_constraints();
	test_build();
	return T_DONE();
}
