/* Messages between controllers: heartbeat messages with our t= types, XML
 * carried as binary fields (a CIB may hold newlines the classic encoding
 * cannot), the CIB version as three decimal fields. */
#include <stdlib.h>
#include <string.h>
#include "crmd.h"
#include "cib/cib_doc.h"

struct hb_msg *crm_msg_new(const char *type)
{
	struct hb_msg *m = msg_new();
	msg_add(m, "t", type);
	msg_add(m, "crm_from", crmd.me);
	return m;
}

int crm_send(struct hb_msg *m, const char *node)
{
	int rc = crmd.hb ? client_send(crmd.hb, m, node) : -1;
	if (rc < 0)
		crm_warn("crmd: cannot send %s to %s: %s", msg_get(m, "t"), node ? node : "the cluster",
			 crmd.hb ? client_errmsg(crmd.hb) : "not signed on");
	msg_free(m);
	return rc;
}

void crm_msg_add_xml(struct hb_msg *m, const char *name, xmlNodePtr n)
{
	xmlBufferPtr b = xmlBufferCreate();
	xmlNodeDump(b, n->doc, n, 0, 0);
	msg_add_bin(m, name, xmlBufferContent(b), (size_t)xmlBufferLength(b));
	xmlBufferFree(b);
}

xmlDocPtr crm_msg_get_xml(const struct hb_msg *m, const char *name)
{
	size_t len = 0;
	const void *v = msg_get_bin(m, name, &len);
	if (!v) {
		const char *s = msg_get(m, name);
		if (!s)
			return NULL;
		v = s;
		len = strlen(s);
	}
	char *err = NULL;
	xmlDocPtr d = cib_xml_parse(v, len, &err);
	if (!d) {
		crm_warn("crmd: %s from %s: field %s: %s", msg_get(m, "t"), crm_msg_from(m), name, err);
		g_free(err);
	}
	return d;
}

void crm_msg_add_version(struct hb_msg *m, const struct cib_version *v)
{
	msg_addf(m, "admin_epoch", "%lld", v->admin_epoch);
	msg_addf(m, "epoch", "%lld", v->epoch);
	msg_addf(m, "num_updates", "%lld", v->num_updates);
}

void crm_msg_get_version(const struct hb_msg *m, struct cib_version *v)
{
	const char *a = msg_get(m, "admin_epoch"), *e = msg_get(m, "epoch"), *n = msg_get(m, "num_updates");
	v->admin_epoch = a ? atoll(a) : -1;
	v->epoch = e ? atoll(e) : -1;
	v->num_updates = n ? atoll(n) : -1;
}

const char *crm_msg_from(const struct hb_msg *m)
{
	const char *f = msg_get(m, "crm_from");
	return f ? f : msg_get(m, "src") ? msg_get(m, "src") : "?";
}
