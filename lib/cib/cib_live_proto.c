/* Framing and names of the live CIB socket's protocol (cib_live_proto.h). */
#include <string.h>
#include "cib/cib_live_proto.h"

static const char *const opnames[] = {
	[CIB_REQ_QUERY] = "query", [CIB_REQ_CREATE] = "create", [CIB_REQ_MODIFY] = "modify",
	[CIB_REQ_REPLACE] = "replace", [CIB_REQ_DELETE] = "delete", [CIB_REQ_ERASE] = "erase",
	[CIB_REQ_BUMP] = "bump", [CIB_REQ_UPGRADE] = "upgrade", [CIB_REQ_PATCH] = "patch",
};

const char *cib_live_opname(enum cib_opcode op)
{
	return (unsigned)op < G_N_ELEMENTS(opnames) ? opnames[op] : "?";
}

int cib_live_opcode(const char *name)
{
	for (unsigned i = 0; name && i < G_N_ELEMENTS(opnames); i++)
		if (!strcmp(opnames[i], name))
			return (int)i;
	return -1;
}

void cib_live_frame(GString *out, xmlNodePtr n)
{
	xmlBufferPtr b = xmlBufferCreate();
	xmlNodeDump(b, n->doc, n, 0, 0);
	unsigned len = (unsigned)xmlBufferLength(b);
	unsigned char hdr[4] = { len >> 24, len >> 16, len >> 8, len };
	g_string_append_len(out, (const char *)hdr, 4);
	g_string_append_len(out, (const char *)xmlBufferContent(b), len);
	xmlBufferFree(b);
}

long cib_live_unframe(const char *buf, size_t len, xmlDocPtr *doc, char **err)
{
	*doc = NULL;
	if (len < 4)
		return 0;
	const unsigned char *p = (const unsigned char *)buf;
	size_t n = (size_t)p[0] << 24 | (size_t)p[1] << 16 | (size_t)p[2] << 8 | p[3];
	if (n > CIB_LIVE_MAX_FRAME) {
		*err = g_strdup_printf("frame of %zu bytes is over the limit of %u", n, CIB_LIVE_MAX_FRAME);
		return -1;
	}
	if (len < 4 + n)
		return 0;
	*doc = cib_xml_parse(buf + 4, n, err);
	return *doc ? (long)(4 + n) : -1;
}
