/* Unit tests of the CIB document layer: each request type on small
 * documents, the version rules of cib_doc_process, refusal of changes the
 * reader rejects, and the 0.6 -> 1.0 upgrade against upgrade06.xsl's
 * recorded output.  Pure: no files written, fixtures only read. */
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "cib/cib_doc.h"

#define BASE \
	"<cib admin_epoch=\"0\" epoch=\"5\" num_updates=\"3\" validate-with=\"pacemaker-1.0\">" \
	"<configuration><crm_config><cluster_property_set id=\"cib-bootstrap-options\">" \
	"<nvpair id=\"o1\" name=\"stonith-enabled\" value=\"false\"/></cluster_property_set></crm_config>" \
	"<nodes><node id=\"n1\" uname=\"pm01\" type=\"normal\"/><node id=\"n2\" uname=\"pm02\" type=\"normal\"/></nodes>" \
	"<resources><primitive id=\"d1\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\">" \
	"<meta_attributes id=\"d1-meta\"><nvpair id=\"d1-tr\" name=\"target-role\" value=\"Started\"/></meta_attributes>" \
	"</primitive></resources><constraints/></configuration>" \
	"<status><node_state id=\"n1\" uname=\"pm01\" ha=\"active\" in_ccm=\"true\" crmd=\"online\" join=\"member\" expected=\"member\"/></status></cib>"

static xmlDocPtr doc(const char *s)
{
	char *err = NULL;
	xmlDocPtr d = cib_xml_parse(s, strlen(s), &err);
	if (!d)
		printf("parse: %s\n%s\n", err, s);
	g_free(err);
	return d;
}

static xmlNodePtr el(xmlDocPtr holder, const char *s)
{
	(void)holder;
	xmlDocPtr d = doc(s);
	xmlNodePtr n = xmlCopyNode(xmlDocGetRootElement(d), 1);
	xmlFreeDoc(d);
	return n;
}

static const char *attr_at(xmlDocPtr d, const char *tag, const char *id, const char *name)
{
	xmlNodePtr n = cib_xml_find_id(xmlDocGetRootElement(d), tag, id);
	return n ? cib_xml_attr(n, name) : NULL;
}

static long long ver(xmlDocPtr d, const char *name)
{
	const char *v = cib_xml_attr(xmlDocGetRootElement(d), name);
	return v ? atoll(v) : -1;
}

static int req_rc(xmlDocPtr d, enum cib_opcode op, const char *section, const char *xpath, const char *data,
		  int flags, xmlNodePtr *out)
{
	xmlNodePtr in = data ? el(d, data) : NULL;
	struct cib_req r = { op, section, xpath, in, flags };
	int rc = cib_doc_apply(d, &r, out);
	if (in)
		xmlFreeNode(in);
	return rc;
}

static void test_query(void)
{
	xmlDocPtr d = doc(BASE);
	xmlNodePtr out = NULL;
	CHECK_INT(req_rc(d, CIB_REQ_QUERY, NULL, NULL, NULL, 0, &out), CIB_OK);
	CHECK_STR(out ? (const char *)out->name : NULL, "cib");
	xmlFreeNode(out);
	CHECK_INT(req_rc(d, CIB_REQ_QUERY, "nodes", NULL, NULL, 0, &out), CIB_OK);
	CHECK_STR(out ? (const char *)out->name : NULL, "nodes");
	CHECK(out && cib_xml_child(out, "node", "n2"));
	xmlFreeNode(out);
	CHECK_INT(req_rc(d, CIB_REQ_QUERY, "nodes", NULL, NULL, CIB_F_NO_CHILDREN, &out), CIB_OK);
	CHECK(out && !out->children);
	xmlFreeNode(out);
	CHECK_INT(req_rc(d, CIB_REQ_QUERY, "rsc_defaults", NULL, NULL, 0, &out), CIB_E_NOTEXISTS);
	CHECK_INT(req_rc(d, CIB_REQ_QUERY, "bogus", NULL, NULL, 0, &out), CIB_E_BAD_SECTION);
	CHECK_INT(req_rc(d, CIB_REQ_QUERY, NULL, "//node", NULL, 0, &out), CIB_OK);
	CHECK_STR(out ? (const char *)out->name : NULL, "xpath-query");
	xmlFreeNode(out);
	CHECK_INT(req_rc(d, CIB_REQ_QUERY, NULL, "//node[@uname='pm02']", NULL, 0, &out), CIB_OK);
	CHECK_STR(out ? cib_xml_attr(out, "id") : NULL, "n2");
	xmlFreeNode(out);
	CHECK_INT(req_rc(d, CIB_REQ_QUERY, NULL, "//nothing", NULL, 0, &out), CIB_E_NOTEXISTS);
	CHECK_INT(req_rc(d, CIB_REQ_QUERY, NULL, "//[", NULL, 0, &out), CIB_E_INVALID_ARG);
	xmlFreeDoc(d);
}

static void test_create(void)
{
	xmlDocPtr d = doc(BASE);
	xmlNodePtr out = NULL;
	CHECK_INT(req_rc(d, CIB_REQ_CREATE, "resources", NULL,
			 "<primitive id=\"d2\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\"/>", 0, &out), CIB_OK);
	CHECK(cib_xml_find_id(xmlDocGetRootElement(d), "primitive", "d2") != NULL);
	CHECK(out == NULL);
	CHECK_INT(req_rc(d, CIB_REQ_CREATE, "nodes", NULL, "<node id=\"n1\" uname=\"pm01\"/>", 0, &out),
		  CIB_E_EXISTS);
	CHECK_STR(out ? (const char *)out->name : NULL, "failed");
	xmlNodePtr f = out ? cib_xml_child(out, "failed_update", "n1") : NULL;
	CHECK_STR(f ? cib_xml_attr(f, "object_type") : NULL, "node");
	CHECK_STR(f ? cib_xml_attr(f, "operation") : NULL, "cib_create");
	CHECK_STR(f ? cib_xml_attr(f, "reason") : NULL, "The object already exists");
	xmlFreeNode(out);
	/* The section element as wrapper: each child is created. */
	CHECK_INT(req_rc(d, CIB_REQ_CREATE, "constraints", NULL,
			 "<constraints><rsc_location id=\"l1\" rsc=\"d1\" node=\"pm01\" score=\"100\"/></constraints>",
			 0, &out), CIB_OK);
	CHECK_STR(attr_at(d, "rsc_location", "l1", "score"), "100");
	/* A missing section is created. */
	CHECK_INT(req_rc(d, CIB_REQ_CREATE, "rsc_defaults", NULL, "<meta_attributes id=\"rd\"/>", 0, &out), CIB_OK);
	CHECK(cib_section(d, "rsc_defaults") != NULL);
	xmlFreeDoc(d);
}

static void test_modify(void)
{
	xmlDocPtr d = doc(BASE);
	CHECK_INT(req_rc(d, CIB_REQ_MODIFY, NULL, NULL, "<nvpair id=\"d1-tr\" value=\"Stopped\"/>", 0, NULL), CIB_OK);
	CHECK_STR(attr_at(d, "nvpair", "d1-tr", "value"), "Stopped");
	CHECK_STR(attr_at(d, "nvpair", "d1-tr", "name"), "target-role");
	/* Missing children are added under the matched element. */
	CHECK_INT(req_rc(d, CIB_REQ_MODIFY, "resources", NULL,
			 "<primitive id=\"d1\"><instance_attributes id=\"d1-ia\">"
			 "<nvpair id=\"d1-ia-x\" name=\"x\" value=\"1\"/></instance_attributes></primitive>", 0, NULL), CIB_OK);
	CHECK_STR(attr_at(d, "nvpair", "d1-ia-x", "value"), "1");
	CHECK_STR(attr_at(d, "primitive", "d1", "type"), "Dummy");
	CHECK_INT(req_rc(d, CIB_REQ_MODIFY, NULL, NULL, "<node id=\"nx\" uname=\"x\"/>", 0, NULL), CIB_E_NOTEXISTS);
	CHECK_INT(req_rc(d, CIB_REQ_MODIFY, "nodes", NULL, "<node id=\"nx\" uname=\"x\" type=\"normal\"/>",
			 CIB_F_CAN_CREATE, NULL), CIB_OK);
	CHECK_STR(attr_at(d, "node", "nx", "uname"), "x");
	CHECK_INT(req_rc(d, CIB_REQ_MODIFY, NULL, NULL, "<cib admin_epoch=\"admin_epoch++\"/>", 0, NULL), CIB_OK);
	CHECK_INT(ver(d, "admin_epoch"), 1);
	CHECK_INT(req_rc(d, CIB_REQ_MODIFY, NULL, NULL, "<cib epoch=\"epoch+=10\"/>", 0, NULL), CIB_OK);
	CHECK_INT(ver(d, "epoch"), 15);
	/* The section element itself merges. */
	CHECK_INT(req_rc(d, CIB_REQ_MODIFY, "crm_config", NULL,
			 "<crm_config><cluster_property_set id=\"cib-bootstrap-options\">"
			 "<nvpair id=\"o2\" name=\"cluster-delay\" value=\"60s\"/></cluster_property_set></crm_config>",
			 0, NULL), CIB_OK);
	CHECK_STR(attr_at(d, "nvpair", "o2", "value"), "60s");
	CHECK_STR(attr_at(d, "nvpair", "o1", "value"), "false");
	/* xpath: every match with MULTIPLE. */
	CHECK_INT(req_rc(d, CIB_REQ_MODIFY, NULL, "//node", "<node type=\"member\"/>", CIB_F_MULTIPLE, NULL), CIB_OK);
	CHECK_STR(attr_at(d, "node", "n2", "type"), "member");
	CHECK_STR(attr_at(d, "node", "n1", "type"), "member");
	xmlFreeDoc(d);
}

static void test_replace_delete(void)
{
	xmlDocPtr d = doc(BASE);
	CHECK_INT(req_rc(d, CIB_REQ_REPLACE, "resources", NULL, "<resources/>", 0, NULL), CIB_OK);
	xmlNodePtr r = cib_section(d, "resources");
	CHECK(r && !r->children);
	CHECK_INT(req_rc(d, CIB_REQ_REPLACE, NULL, NULL, "<node id=\"n2\" uname=\"pm02b\"/>", 0, NULL), CIB_OK);
	CHECK_STR(attr_at(d, "node", "n2", "uname"), "pm02b");
	CHECK(attr_at(d, "node", "n2", "type") == NULL);
	CHECK_INT(req_rc(d, CIB_REQ_REPLACE, NULL, NULL, "<node id=\"n9\"/>", 0, NULL), CIB_E_NOTEXISTS);
	/* Delete: the tag and every attribute given must match. */
	CHECK_INT(req_rc(d, CIB_REQ_DELETE, NULL, NULL, "<node id=\"n1\" uname=\"wrong\"/>", 0, NULL), CIB_OK);
	CHECK(cib_xml_find_id(xmlDocGetRootElement(d), "node", "n1") != NULL);
	CHECK_INT(req_rc(d, CIB_REQ_DELETE, NULL, NULL, "<node id=\"n1\" uname=\"pm01\"/>", 0, NULL), CIB_OK);
	CHECK(cib_xml_find_id(xmlDocGetRootElement(d), "node", "n1") == NULL);
	CHECK_INT(req_rc(d, CIB_REQ_DELETE, NULL, NULL, "<cib/>", 0, NULL), CIB_E_INVALID_ARG);
	xmlFreeDoc(d);
	d = doc(BASE);
	CHECK_INT(req_rc(d, CIB_REQ_DELETE, NULL, "//node", NULL, 0, NULL), CIB_OK);
	CHECK(cib_xml_find_id(xmlDocGetRootElement(d), "node", "n1") == NULL);
	CHECK(cib_xml_find_id(xmlDocGetRootElement(d), "node", "n2") != NULL);
	CHECK_INT(req_rc(d, CIB_REQ_DELETE, NULL, "//node", NULL, CIB_F_MULTIPLE, NULL), CIB_OK);
	CHECK(cib_xml_find_id(xmlDocGetRootElement(d), "node", "n2") == NULL);
	xmlFreeDoc(d);
}

static int process(xmlDocPtr *d, enum cib_opcode op, const char *section, const char *data, char **why)
{
	xmlNodePtr in = data ? el(*d, data) : NULL;
	struct cib_req r = { op, section, NULL, in, 0 };
	xmlDocPtr next = NULL;
	xmlNodePtr out = NULL;
	int rc = cib_doc_process(*d, &r, &next, &out, why);
	if (in)
		xmlFreeNode(in);
	if (out)
		xmlFreeNode(out);
	if (next) {
		xmlFreeDoc(*d);
		*d = next;
	}
	return rc;
}

static void test_versions(void)
{
	xmlDocPtr d = doc(BASE);
	char *why = NULL;
	CHECK_INT(process(&d, CIB_REQ_MODIFY, NULL, "<nvpair id=\"o1\" value=\"true\"/>", &why), CIB_OK);
	CHECK_INT(ver(d, "epoch"), 6);
	CHECK_INT(ver(d, "num_updates"), 0);
	CHECK_INT(process(&d, CIB_REQ_MODIFY, NULL, "<node_state id=\"n1\" crmd=\"offline\"/>", &why), CIB_OK);
	CHECK_INT(ver(d, "epoch"), 6);
	CHECK_INT(ver(d, "num_updates"), 1);
	/* No change: no new version. */
	CHECK_INT(process(&d, CIB_REQ_MODIFY, NULL, "<node_state id=\"n1\" crmd=\"offline\"/>", &why), CIB_OK);
	CHECK_INT(ver(d, "num_updates"), 1);
	CHECK_INT(process(&d, CIB_REQ_BUMP, NULL, NULL, &why), CIB_OK);
	CHECK_INT(ver(d, "epoch"), 7);
	CHECK_INT(ver(d, "num_updates"), 1);
	CHECK_INT(process(&d, CIB_REQ_MODIFY, NULL, "<cib admin_epoch=\"admin_epoch++\"/>", &why), CIB_OK);
	CHECK_INT(ver(d, "admin_epoch"), 1);
	CHECK_INT(ver(d, "epoch"), 7);
	/* A whole replacement older than the CIB is refused. */
	CHECK_INT(process(&d, CIB_REQ_REPLACE, NULL,
			  "<cib admin_epoch=\"0\" epoch=\"99\" num_updates=\"0\"><configuration/></cib>", &why),
		  CIB_E_OLD_DATA);
	CHECK(why && strstr(why, "older"));
	g_free(why);
	why = NULL;
	/* A change the reader rejects is refused with its reason, and nothing changes. */
	CHECK_INT(process(&d, CIB_REQ_CREATE, "constraints",
			  "<rsc_colocation id=\"c1\" rsc=\"d1\" with-rsc=\"nosuch\" score=\"INFINITY\"/>", &why),
		  CIB_E_DTD);
	CHECK(why && strstr(why, "nosuch"));
	g_free(why);
	why = NULL;
	CHECK(cib_xml_find_id(xmlDocGetRootElement(d), "rsc_colocation", "c1") == NULL);
	CHECK_INT(ver(d, "epoch"), 7);
	CHECK_INT(process(&d, CIB_REQ_ERASE, NULL, NULL, &why), CIB_OK);
	CHECK_INT(ver(d, "admin_epoch"), 1);
	CHECK_INT(ver(d, "epoch"), 8);
	CHECK_INT(ver(d, "num_updates"), 0);
	CHECK(cib_section(d, "resources") && !cib_section(d, "resources")->children);
	CHECK_STR(cib_xml_attr(xmlDocGetRootElement(d), "validate-with"), "pacemaker-1.0");
	xmlFreeDoc(d);
}

static const char *const h2c[] = {
	"ipaddr-shorthand", "ipaddr2-netmask-iface", "filesystem-group-id", "two-groups-two-nodes",
	"order-colocation-clone", NULL
};

/* upgrade06.xsl also wrote these root attributes with dummy values. */
static void drop_xsl_defaults(xmlDocPtr d, xmlDocPtr orig)
{
	static const char *const a[][2] = { { "dc-uuid", "dc_uuid" }, { "have-quorum", "have_quorum" },
					    { "remote-tls-port", "remote_access_port" } };
	xmlNodePtr r = xmlDocGetRootElement(d), o = xmlDocGetRootElement(orig);
	for (int i = 0; i < 3; i++)
		if (!cib_xml_attr(o, a[i][1]))
			xmlUnsetProp(r, (const xmlChar *)a[i][0]);
}

static void test_upgrade(void)
{
	const char *data = getenv("HB_DATA") ? getenv("HB_DATA") : "tests/data";
	for (int i = 0; h2c[i]; i++) {
		char *in = g_strdup_printf("%s/spec/haresources2cib/%s.cib.xml", data, h2c[i]);
		char *want = g_strdup_printf("%s/spec/haresources2cib/%s.cib-1.0.xml", data, h2c[i]);
		if (FIXTURE(in) && FIXTURE(want)) {
			char *err = NULL;
			xmlDocPtr d = cib_xml_read_file(in, &err), w = cib_xml_read_file(want, &err);
			CHECK(d && w);
			if (d && w) {
				CHECK_INT(cib_doc_upgrade(d), 1);
				drop_xsl_defaults(w, d);
				char *a = cib_xml_canon(xmlDocGetRootElement(d), 1);
				char *b = cib_xml_canon(xmlDocGetRootElement(w), 1);
				if (strcmp(a, b))
					printf("upgrade %s differs:\n--- ours\n%s--- upgrade06.xsl\n%s", h2c[i], a, b);
				CHECK_STR(a, b);
				CHECK_INT(cib_doc_upgrade(d), 0);
				g_free(a);
				g_free(b);
			}
			if (d)
				xmlFreeDoc(d);
			if (w)
				xmlFreeDoc(w);
			g_free(err);
		}
		g_free(in);
		g_free(want);
	}
	/* The spec's example: everything the reader needs in 1.0 spelling. */
	xmlDocPtr d = doc("<cib have_quorum=\"true\" dc_uuid=\"pm01\"><configuration><crm_config>"
			  "<cluster_property_set id=\"o\"><attributes><nvpair id=\"o1\" name=\"no_quorum_policy\" value=\"ignore\"/>"
			  "<nvpair id=\"o2\" name=\"transition_idle_timeout\" value=\"60s\"/></attributes></cluster_property_set>"
			  "</crm_config><nodes/><resources><master_slave id=\"ms\" notify=\"true\"><primitive id=\"p\" class=\"ocf\""
			  " provider=\"heartbeat\" type=\"Stateful\" is_managed=\"false\"><operations><op id=\"p-m\" name=\"monitor\""
			  " interval=\"10s\" on_fail=\"restart\" prereq=\"nothing\" disabled=\"true\"/></operations>"
			  "</primitive></master_slave></resources><constraints><rsc_order id=\"or\" from=\"a\" to=\"b\""
			  " type=\"before\" action=\"stop\"/><rsc_location id=\"l\" rsc=\"ms\"><rule id=\"r\" boolean_op=\"or\">"
			  "<expression id=\"e\" attribute=\"#uname\" operation=\"eq\" value=\"x\"/></rule></rsc_location>"
			  "<rsc_colocation id=\"c\" from=\"a\" to=\"b\" score=\"infinity\" symmetrical=\"true\"/></constraints>"
			  "</configuration><status><node_state id=\"pm01\" uname=\"pm01\"><lrm id=\"pm01\"><lrm_resources>"
			  "<lrm_resource id=\"p\"><lrm_rsc_op id=\"p_start_0\" operation=\"start\" call_id=\"2\" rc_code=\"0\""
			  " op_status=\"0\"/></lrm_resource></lrm_resources></lrm></node_state></status></cib>");
	CHECK_INT(cib_doc_upgrade(d), 1);
	xmlNodePtr r = xmlDocGetRootElement(d);
	CHECK_STR(cib_xml_attr(r, "validate-with"), "pacemaker-1.0");
	CHECK_STR(cib_xml_attr(r, "have-quorum"), "true");
	CHECK_STR(cib_xml_attr(r, "dc-uuid"), "pm01");
	CHECK(cib_xml_find_id(r, "attributes", NULL) == NULL);
	CHECK_STR(attr_at(d, "nvpair", "o1", "name"), "no-quorum-policy");
	CHECK_STR(attr_at(d, "nvpair", "o2", "name"), "cluster-delay");
	CHECK(cib_xml_find_id(r, "master", "ms") != NULL);
	CHECK_STR(attr_at(d, "nvpair", "master-ms.meta-notify", "value"), "true");
	CHECK_STR(attr_at(d, "nvpair", "primitive-p.meta-is-managed", "value"), "false");
	CHECK_STR(attr_at(d, "op", "p-m", "on-fail"), "restart");
	CHECK_STR(attr_at(d, "op", "p-m", "requires"), "nothing");
	CHECK_STR(attr_at(d, "op", "p-m", "enabled"), "false");
	CHECK_STR(attr_at(d, "rsc_order", "or", "first"), "a");
	CHECK_STR(attr_at(d, "rsc_order", "or", "then"), "b");
	CHECK_STR(attr_at(d, "rsc_order", "or", "first-action"), "stop");
	CHECK_STR(attr_at(d, "rule", "r", "boolean-op"), "or");
	CHECK_STR(attr_at(d, "rule", "r", "score"), "0");
	CHECK_STR(attr_at(d, "rsc_colocation", "c", "with-rsc"), "b");
	CHECK_STR(attr_at(d, "rsc_colocation", "c", "score"), "INFINITY");
	CHECK(attr_at(d, "rsc_colocation", "c", "symmetrical") == NULL);
	CHECK_STR(attr_at(d, "lrm_rsc_op", "p_start_0", "rc-code"), "0");
	CHECK_STR(attr_at(d, "lrm_rsc_op", "p_start_0", "call-id"), "2");
	xmlFreeDoc(d);
}

int main(void)
{
	test_query();
	test_create();
	test_modify();
	test_replace_delete();
	test_versions();
	test_upgrade();
	return T_DONE();
}
