/* Unit tests of lib/cib: reading both spellings (0.6 and pacemaker-1.0+),
 * diagnostics for malformed and unsupported input, validation messages, and
 * atomic persistence with version bumps.  Fixtures come from HB_DATA. */
#include <stdlib.h>
#include <unistd.h>
#include "check.h"
#include "cib/cib.h"

static const char *shared(void)
{
	const char *s = getenv("HB_DATA");
	return s ? s : "tests/data";
}

static struct cib *parse(const char *x)
{
	char *err = NULL;
	struct cib *c = cib_parse_memory(x, strlen(x), &err);
	g_free(err);
	return c;
}

static int has_diag(struct cib *c, const char *needle)
{
	for (guint i = 0; i < c->diags->len; i++)
		if (strstr(((struct cib_diag *)g_ptr_array_index(c->diags, i))->text, needle))
			return 1;
	return 0;
}

static void test_example_files(void)
{
	char *p = g_strdup_printf("%s/spec/cib-examples/01-two-node-group.xml", shared());
	char *err = NULL;
	struct cib *c = cib_parse_file(p, &err);
	CHECK(c != NULL);
	if (c) {
		CHECK_INT(c->epoch, 5);
		CHECK_INT(c->nodes->len, 2);
		CHECK_INT(c->resources->len, 1);
		struct cib_rsc *g = g_ptr_array_index(c->resources, 0);
		CHECK_STR(g->id, "grpWWW");
		CHECK_INT(g->kind, CIB_GROUP);
		CHECK_INT(g->children->len, 3);
		struct cib_rsc *ip = cib_find_rsc(c, "prmIpWWW");
		CHECK(ip && ip->parent == g);
		CHECK_STR(cib_nv_get(&ip->params, "ip"), "192.168.0.110");
		CHECK_INT(ip->ops->len, 3);
		struct cib_op *mon = g_ptr_array_index(ip->ops, 1);
		CHECK_INT(mon->interval_ms, 10000);
		CHECK_STR(mon->on_fail, "restart");
		CHECK_STR(cib_nv_get(&c->rsc_defaults, "resource-stickiness"), "100");
		CHECK_STR(cib_nv_get(&c->options, "no-quorum-policy"), "ignore");
		CHECK_INT(c->locations->len, 2);
		CHECK(c->have_quorum);
		CHECK_INT(c->diags->len, 0);
		cib_validate(c);
		CHECK_INT(cib_error_count(c), 0);
	}
	cib_free(c);
	g_free(p);

	/* v2 (0.6) file: <attributes> wrappers, underscores, no validate-with. */
	p = g_strdup_printf("%s/spec/cib-examples/04-haresources2cib-v2.xml", shared());
	c = cib_parse_file(p, &err);
	CHECK(c != NULL);
	if (c) {
		CHECK(c->legacy);
		CHECK_STR(cib_nv_get(&c->options, "symmetric-cluster"), "true");
		CHECK_STR(cib_nv_get(&c->options, "default-resource-stickiness"), "0");
		struct cib_rsc *ip = cib_find_rsc(c, "IPaddr_192_168_0_110");
		CHECK(ip != NULL);
		if (ip)
			CHECK_STR(cib_nv_get(&ip->params, "ip"), "192.168.0.110");
		CHECK_INT(c->locations->len, 2);
		struct cib_location *l = g_ptr_array_index(c->locations, 0);
		CHECK_INT(l->rules->len, 1);
		cib_validate(c);
		CHECK_INT(cib_error_count(c), 0);
	}
	cib_free(c);
	g_free(p);
}

static void test_spellings(void)
{
	struct cib *c = parse(
		"<cib have_quorum=\"true\" dc_uuid=\"x\"><configuration><crm_config><cluster_property_set id=\"s\">"
		"<attributes><nvpair id=\"a\" name=\"no_quorum_policy\" value=\"ignore\"/></attributes>"
		"</cluster_property_set></crm_config><nodes/><resources>"
		"<primitive id=\"A\" class=\"heartbeat\" type=\"IPaddr\" is_managed=\"false\">"
		"<instance_attributes id=\"i\"><attributes><nvpair id=\"b\" name=\"target_role\" value=\"stopped\"/>"
		"<nvpair id=\"c\" name=\"1\" value=\"10.0.0.1\"/></attributes></instance_attributes>"
		"<operations><op id=\"m\" name=\"monitor\" interval=\"5s\" on_fail=\"block\" disabled=\"true\"/></operations>"
		"</primitive><primitive id=\"B\" class=\"lsb\" type=\"x\"/></resources><constraints>"
		"<rsc_order id=\"o\" from=\"A\" type=\"after\" to=\"B\"/>"
		"<rsc_colocation id=\"co\" from=\"A\" to=\"B\" score=\"infinity\"/></constraints></configuration>"
		"<status><node_state id=\"n\" uname=\"n\"><lrm><lrm_resources><lrm_resource id=\"A\">"
		"<lrm_rsc_op id=\"A_start_0\" operation=\"start\" interval=\"0\" call_id=\"3\" rc_code=\"0\" op_status=\"0\" "
		"transition_key=\"1:2:uuid\"/></lrm_resource></lrm_resources></lrm></node_state></status></cib>");
	CHECK(c != NULL);
	if (!c)
		return;
	CHECK(c->legacy);
	CHECK(c->have_quorum);
	CHECK_STR(c->dc_uuid, "x");
	CHECK_STR(cib_nv_get(&c->options, "no-quorum-policy"), "ignore");
	struct cib_rsc *a = cib_find_rsc(c, "A");
	CHECK_STR(cib_nv_get(&a->meta, "target-role"), "stopped");
	CHECK_STR(cib_nv_get(&a->meta, "is-managed"), "false");
	CHECK(cib_nv_get(&a->params, "target_role") == NULL);
	CHECK_STR(cib_nv_get(&a->params, "1"), "10.0.0.1");
	struct cib_op *op = g_ptr_array_index(a->ops, 0);
	CHECK_STR(op->on_fail, "block");
	CHECK(!op->enabled);
	struct cib_order *o = g_ptr_array_index(c->orders, 0);
	CHECK_STR(o->first, "B");
	CHECK_STR(o->then, "A");
	CHECK(o->mandatory);
	struct cib_colocation *co = g_ptr_array_index(c->colocations, 0);
	CHECK_STR(co->rsc, "A");
	CHECK_STR(co->with, "B");
	CHECK_INT(co->score, 1000000);
	struct cib_node_state *st = g_ptr_array_index(c->states, 0);
	struct cib_lrm_rsc *lr = g_ptr_array_index(st->lrm, 0);
	struct cib_lrm_op *lo = g_ptr_array_index(lr->ops, 0);
	CHECK_INT(lo->call_id, 3);
	CHECK_INT(lo->expected_rc, 0);
	cib_free(c);
}

static void test_diagnostics(void)
{
	char *err = NULL;
	struct cib *c = cib_parse_memory("<cib><configuration>", 20, &err);
	CHECK(c == NULL);
	CHECK(err && strstr(err, "XML parse error"));
	g_free(err);
	err = NULL;
	c = cib_parse_memory("", 0, &err);
	CHECK(c == NULL);
	g_free(err);

	c = parse("<notcib/>");
	CHECK(c && has_diag(c, "expected <cib>"));
	cib_free(c);

	c = parse("<cib validate-with=\"pacemaker-3.0\"><configuration><crm_config/><nodes/><resources>"
		  "<master id=\"ms\"><primitive id=\"d\" class=\"ocf\" provider=\"linbit\" type=\"drbd\"/></master>"
		  "<primitive id=\"x\" class=\"ocf\" type=\"Dummy\"/>"
		  "<bundle id=\"b\"/></resources><constraints>"
		  "<rsc_ticket id=\"t\" rsc=\"x\" ticket=\"T\"/>"
		  "<rsc_location id=\"l\" rsc=\"nosuch\" node=\"n1\" score=\"abc\"/>"
		  "<rsc_location id=\"l2\" rsc=\"x\"><rule id=\"r\" score=\"10\"><expression id=\"e\" attribute=\"pingd\" "
		  "operation=\"gt\" value=\"0\"/></rule></rsc_location>"
		  "</constraints><tags/></configuration></cib>");
	CHECK(c != NULL);
	if (c) {
		/* <master> is read as a promotable clone. */
		CHECK(!has_diag(c, "<master id=\"ms\">: resource type not supported"));
		struct cib_rsc *ms = cib_find_rsc(c, "ms");
		CHECK(ms && ms->kind == CIB_CLONE && ms->promotable);
		CHECK(has_diag(c, "<bundle id=\"b\">"));
		CHECK(has_diag(c, "class ocf requires a provider"));
		CHECK(has_diag(c, "<rsc_ticket id=\"t\">: constraint type not supported"));
		CHECK(has_diag(c, "<rsc_location id=\"l\">: invalid score \"abc\""));
		/* Node-attribute rules are supported (pe_rules.c): no diagnostic. */
		CHECK(!has_diag(c, "<expression id=\"e\">"));
		CHECK(has_diag(c, "<tags> is not supported"));
		cib_validate(c);
		CHECK(has_diag(c, "refers to resource \"nosuch\" which does not exist"));
		CHECK(cib_error_count(c) >= 3);
	}
	cib_free(c);

	c = parse("<cib validate-with=\"pacemaker-1.0\"><configuration><crm_config/><nodes/><resources>"
		  "<primitive id=\"x\" class=\"lsb\" type=\"a\"/><primitive id=\"x\" class=\"lsb\" type=\"b\"/>"
		  "<primitive id=\"y\" class=\"lsb\" type=\"a\"><operations><op id=\"o\" name=\"monitor\" interval=\"fast\"/>"
		  "</operations></primitive></resources><constraints/></configuration></cib>");
	CHECK(c && has_diag(c, "duplicate id"));
	CHECK(c && has_diag(c, "invalid interval \"fast\""));
	cib_free(c);
}

static void test_persistence(void)
{
	char tmpl[] = "/tmp/test_cib.XXXXXX";
	char *dir = mkdtemp(tmpl);
	CHECK(dir != NULL);
	if (!dir)
		return;
	char *path = g_strdup_printf("%s/cib.xml", dir);
	struct cib *c = parse("<cib admin_epoch=\"2\" epoch=\"7\" num_updates=\"3\" validate-with=\"pacemaker-1.0\">"
			      "<configuration><crm_config/><nodes/><resources/><constraints/></configuration></cib>");
	CHECK(c != NULL);
	char *err = NULL;
	cib_bump(c->doc, 0);
	CHECK_INT(cib_write_atomic(c->doc, path, &err), 0);
	struct cib *r = cib_parse_file(path, &err);
	CHECK(r != NULL);
	if (r) {
		CHECK_INT(r->admin_epoch, 2);
		CHECK_INT(r->epoch, 7);
		CHECK_INT(r->num_updates, 4);
	}
	cib_free(r);
	cib_bump(c->doc, 1);
	CHECK_INT(cib_write_atomic(c->doc, path, &err), 0);
	r = cib_parse_file(path, &err);
	CHECK(r != NULL);
	if (r) {
		CHECK_INT(r->epoch, 8);
		CHECK_INT(r->num_updates, 0);
	}
	cib_free(r);
	/* No temp file is left behind. */
	GDir *d = g_dir_open(dir, 0, NULL);
	int n = 0;
	while (g_dir_read_name(d))
		n++;
	g_dir_close(d);
	CHECK_INT(n, 1);
	/* Writing where we cannot leaves an error, not a crash. */
	char *bad = g_strdup_printf("%s/nodir/cib.xml", dir);
	CHECK_INT(cib_write_atomic(c->doc, bad, &err), -1);
	CHECK(err != NULL);
	g_free(err);
	g_free(bad);
	unlink(path);
	rmdir(dir);
	g_free(path);
	cib_free(c);
}

int main(void)
{
	test_example_files();
	test_spellings();
	test_diagnostics();
	test_persistence();
	return T_DONE();
}
