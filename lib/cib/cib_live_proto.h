/* The live CIB socket's protocol (the controller's cib_rw), spoken by
 * cib_conn_live.c (the tools) and heartbeat/crm/crmd_ipc.c (the server).
 * A frame is a 4-byte big-endian length and that many bytes of XML: one
 * element.  The client sends
 *   <cib_request op="query"/>                         -> <cib_reply rc="0"><cib .../></cib_reply>
 *   <cib_request op="apply" opcode="modify" section=".." xpath=".." flags="N">DATA</cib_request>
 *                                                    -> <cib_reply rc="N" err="..">OUTPUT</cib_reply>
 *   <cib_request op="crmd" crmd_op="dc_query" node=".." rsc=".."/>
 *                                                    -> <cib_reply rc="N" err="..">REPLY</cib_reply>
 *   <cib_request op="watch"/>                         -> <cib_reply rc="0"/>, then for each
 *                                                       change <cib_notify><diff ../></cib_notify>
 * Replies come in request order on one connection. */
#ifndef HB_CIB_LIVE_PROTO_H
#define HB_CIB_LIVE_PROTO_H
#include <glib.h>
#include <libxml/tree.h>
#include "cib/cib_doc.h"

#define CIB_LIVE_MAX_FRAME (64u << 20)

/* Appends n's frame to out. */
void cib_live_frame(GString *out, xmlNodePtr n);
/* One frame from the start of buf: bytes used (0: incomplete, -1: bad;
 * *err says why), *doc the parsed element's document. */
long cib_live_unframe(const char *buf, size_t len, xmlDocPtr *doc, char **err);
const char *cib_live_opname(enum cib_opcode op);
/* -1 when unknown. */
int cib_live_opcode(const char *name);
#endif
