/* Client API framing shared by the daemon and the tools: an 8-byte header
 * (int32 body length, uint32 magic 0xabcd, host byte order) then the message
 * in classic text with a trailing NUL, as libhbclient sends it. */
#ifndef HB_API_PROTO_H
#define HB_API_PROTO_H
#include "msg.h"

#define API_MAGIC 0xabcdu
/* result of every reply but the last in a walk (nodelist, iflist), as libhbclient expects */
#define API_MORE "ok/more"

int api_frame_msg(const struct hb_msg *m, GString *out);
/* Take one frame from buf: returns bytes used (with *m the message, or NULL
 * if the body did not decode), 0 if incomplete, -1 if the stream is broken. */
int api_unframe(const char *buf, size_t len, struct hb_msg **m);
#endif
