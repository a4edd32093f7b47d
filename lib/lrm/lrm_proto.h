/* The lrmd wire protocol, shared by the client library and the daemon:
 * api_proto framing (8-byte header, classic ha_msg text) carrying one
 * message per frame, field "lrm_t" naming its kind.  Pure code: building
 * and checking messages, no sockets. */
#ifndef HB_LRM_PROTO_H
#define HB_LRM_PROTO_H
#include <stdbool.h>
#include <stddef.h>
#include "msg.h"
#include "lrm/lrm_client.h"

/* lrm_t values.  Client -> lrmd: requests, each with "seq"; lrmd answers
 * with one "reply" carrying the same seq.  lrmd -> every client: "event". */
#define LRM_T_SIGNON "signon"
#define LRM_T_EXEC "exec"
#define LRM_T_CANCEL "cancel"
#define LRM_T_LIST "list"
#define LRM_T_FORGET "forget"
#define LRM_T_REPLY "reply"
#define LRM_T_EVENT "event"

#define LRM_PROTO_VERSION "1"
#define LRM_MAX_PARAMS 256       /* parameters per operation */
#define LRM_MAX_ID 256           /* longest rsc id / op / type / provider */
#define LRM_MAX_USERDATA 1024

/* A decoded exec request, owned (strings g_malloc'd). */
struct lrm_req {
	char *rsc_id, *cls, *provider, *type, *op, *user_data;
	char **pnames, **pvalues;    /* nparams each */
	size_t nparams;
	unsigned interval_ms, timeout_ms, start_delay_ms;
};
void lrm_req_free(struct lrm_req *r);

/* Encode req as an exec message (seq set by the caller).  -1 with why on a
 * request that breaks the limits above or names an unknown class. */
struct hb_msg *lrm_proto_exec_msg(const struct lrm_op_req *req, char *why, size_t whylen);
/* Decode and check an exec message: 0, or -1 with why ("missing rsc_id",
 * "bad interval [x]", "unknown class [x]"). */
int lrm_proto_parse_exec(const struct hb_msg *m, struct lrm_req *out, char *why, size_t whylen);

/* Events: encode from the fields, decode into ev (whose strings point into m). */
struct hb_msg *lrm_proto_event_msg(const struct lrm_event *ev);
int lrm_proto_parse_event(const struct hb_msg *m, struct lrm_event *ev);

/* List replies: one struct field "rsc" per resource, holding "op" structs. */
void lrm_proto_add_rsc(struct hb_msg *reply, const struct lrm_rsc_info *ri);
int lrm_proto_parse_list(const struct hb_msg *reply, struct lrm_rsc_info **out);

/* Strict unsigned parse ("123"); false on anything else or > max. */
bool lrm_proto_uint(const char *s, unsigned max, unsigned *out);
/* "ocf", "lsb", "heartbeat", "stonith" */
bool lrm_proto_class_ok(const char *cls);
/* An id/op/type: 1..LRM_MAX_ID printable bytes, no '/', not "." or "..". */
bool lrm_proto_name_ok(const char *s);
#endif
