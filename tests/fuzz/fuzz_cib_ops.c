/* libFuzzer target for the CIB document layer's parsers of outside input:
 * the XML a tool is given (cibadmin -X/-x/-p) applied as every request
 * type, the diff applier (cibadmin -P, the runtime's replication), and the
 * 0.6 upgrade.  Input: a CIB, a NUL byte, then the request or diff; with
 * no NUL the input is the request and a fixed CIB is used.  Never a crash,
 * and every accepted change must survive diff + patch unchanged. */
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include "cib/cib_doc.h"

static const char base_cib[] =
	"<cib admin_epoch=\"0\" epoch=\"3\" num_updates=\"1\" validate-with=\"pacemaker-1.0\"><configuration>"
	"<crm_config><cluster_property_set id=\"o\"><nvpair id=\"o1\" name=\"stonith-enabled\" value=\"false\"/>"
	"</cluster_property_set></crm_config><nodes><node id=\"n1\" uname=\"n1\" type=\"normal\"/></nodes>"
	"<resources><group id=\"g\"><primitive id=\"p\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\">"
	"<operations><op id=\"p-m\" name=\"monitor\" interval=\"10s\"/></operations></primitive></group>"
	"</resources><constraints/></configuration><status><node_state id=\"n1\" uname=\"n1\"/></status></cib>";

/* Counters as numbers (a missing or garbled one means what strtoll makes of
 * it, as everywhere else): the patched document always carries all three. */
static void fill_counters(xmlDocPtr d)
{
	static const char *const names[] = { "admin_epoch", "epoch", "num_updates" };
	xmlNodePtr r = xmlDocGetRootElement(d);
	for (int i = 0; r && i < 3; i++) {
		const char *v = cib_xml_attr(r, names[i]);
		char buf[32];
		snprintf(buf, sizeof buf, "%lld", v ? strtoll(v, NULL, 10) : 0);
		xmlSetProp(r, (const xmlChar *)names[i], (const xmlChar *)buf);
	}
}

static void check_roundtrip(xmlDocPtr a, xmlDocPtr b)
{
	xmlNodePtr diff = cib_diff(a, b);
	if (!diff)
		return;
	xmlDocPtr w = xmlCopyDoc(a, 1);
	char *err = NULL;
	if (cib_patch(w, diff, &err) != CIB_OK)
		__builtin_trap(); /* a diff we made must apply */
	xmlDocPtr want = xmlCopyDoc(b, 1);
	fill_counters(want);
	char *x = cib_xml_canon(xmlDocGetRootElement(w), 0), *y = cib_xml_canon(xmlDocGetRootElement(want), 0);
	xmlFreeDoc(want);
	if (strcmp(x, y))
		__builtin_trap(); /* and give the same document */
	g_free(x);
	g_free(y);
	g_free(err);
	xmlFreeDoc(w);
	xmlFreeNode(diff);
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);
int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	const unsigned char *nul = memchr(data, 0, size), *end = data + size;
	xmlDocPtr cib = NULL, in;
	char *err = NULL;
	if (nul) {
		cib = cib_xml_parse((const char *)data, (size_t)(nul - data), &err);
		g_free(err);
		err = NULL;
		data = nul + 1;
		size = (size_t)(end - data);
	}
	if (!cib)
		cib = cib_xml_parse(base_cib, sizeof base_cib - 1, NULL);
	in = size ? cib_xml_parse((const char *)data, size, &err) : NULL;
	g_free(err);
	if (!in) {
		xmlFreeDoc(cib);
		return 0;
	}
	xmlNodePtr req_xml = xmlDocGetRootElement(in);
	static const struct {
		enum cib_opcode op;
		const char *section;
		int flags;
	} reqs[] = {
		{ CIB_REQ_CREATE, "resources", 0 }, { CIB_REQ_CREATE, NULL, 0 }, { CIB_REQ_MODIFY, NULL, CIB_F_CAN_CREATE },
		{ CIB_REQ_MODIFY, "status", 0 }, { CIB_REQ_REPLACE, NULL, 0 }, { CIB_REQ_DELETE, NULL, 0 },
		{ CIB_REQ_PATCH, NULL, 0 }, { CIB_REQ_QUERY, "nodes", CIB_F_NO_CHILDREN },
	};
	for (size_t i = 0; i < sizeof reqs / sizeof reqs[0]; i++) {
		struct cib_req r = { reqs[i].op, reqs[i].section, NULL, req_xml, reqs[i].flags };
		xmlDocPtr next = NULL;
		xmlNodePtr out = NULL;
		char *why = NULL;
		cib_doc_process(cib, &r, &next, &out, &why);
		if (next) {
			check_roundtrip(cib, next);
			xmlFreeDoc(next);
		}
		if (out)
			xmlFreeNode(out);
		g_free(why);
	}
	/* The request as a whole CIB: upgrade it and diff it against the base. */
	if (!strcmp((const char *)req_xml->name, "cib")) {
		xmlDocPtr up = xmlCopyDoc(in, 1);
		cib_doc_upgrade(up);
		check_roundtrip(cib, up);
		check_roundtrip(up, cib);
		xmlFreeDoc(up);
	}
	xmlFreeDoc(in);
	xmlFreeDoc(cib);
	return 0;
}
