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
	/* '' names no resource (fuzz_crmsh found a crash here) */
	CHECK(parse("colocation c -inf: '' b a", &err) == NULL);
	CHECK_STR(err, "syntax in colocation: Expected a resource name near <c>");
	g_free(err);
	CHECK(parse("order o inf: a '' ", &err) == NULL);
	g_free(err);
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

static GPtrArray *objs_of(const char *const *lines)
{
	GPtrArray *objs = g_ptr_array_new();
	for (int i = 0; lines[i]; i++) {
		char *err = NULL;
		struct crm_obj *o = parse(lines[i], &err);
		CHECK(o != NULL);
		if (o)
			g_ptr_array_add(objs, o);
		g_free(err);
	}
	return objs;
}

static void objs_free(GPtrArray *objs)
{
	for (guint i = 0; i < objs->len; i++)
		crm_obj_free(g_ptr_array_index(objs, i));
	g_ptr_array_free(objs, TRUE);
}

static void test_replace_and_containers(void)
{
	xmlDocPtr doc = xmlNewDoc(BAD_CAST "1.0");
	xmlNodePtr cfg = crm_empty_config(doc);
	xmlDocSetRootElement(doc, cfg);
	const char *pre[] = { "primitive a Dummy", "primitive b Dummy", "group g a b", "location l g 10: n1",
			      "property x=1 y=2", NULL };
	GPtrArray *o1 = objs_of(pre);
	CHECK_INT(crm_apply(cfg, o1), 0);
	/* deleting the group keeps a and b; its location now names a */
	CHECK_INT(crm_delete(cfg, "g"), 0);
	xmlNodePtr l = crm_find_obj(cfg, "l");
	CHECK(l != NULL);
	CHECK_STR(l ? cib_xml_attr(l, "rsc") : NULL, "a");
	CHECK(crm_find_obj(cfg, "a") != NULL && crm_find_obj(cfg, "b") != NULL);
	/* replace: b and l go, the property set is replaced whole */
	const char *next[] = { "primitive a Dummy params p=1", "property y=3", NULL };
	GPtrArray *o2 = objs_of(next);
	CHECK_INT(crm_replace(cfg, o2), 0);
	CHECK(crm_find_obj(cfg, "b") == NULL);
	CHECK(crm_find_obj(cfg, "l") == NULL);
	char *s = cib_xml_dump(cfg);
	CHECK(strstr(s, "cib-bootstrap-options-x") == NULL);
	CHECK(strstr(s, "<nvpair name=\"y\" value=\"3\"") != NULL);
	CHECK(strstr(s, "a-instance_attributes-p") != NULL);
	g_free(s);
	objs_free(o1);
	objs_free(o2);
	xmlFreeDoc(doc);
}

int main(void)
{
	test_lines();
	test_split();
	test_primitive();
	test_constraints();
	test_build();
	test_replace_and_containers();
	return T_DONE();
}
