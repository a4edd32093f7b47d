/* Frame and unframe client API messages (see api_proto.h). */
#include <stdint.h>
#include <string.h>
#include "api_proto.h"
#include "msg_compress.h"

/* The body: classic text with its NUL as libhbclient sends it, struct fields
 * marked for compression compressed first; a message that does not fit MAXMSG
 * goes whole-message compressed (a netstring wrapper without trailer, which
 * glue's IPC reader accepts and undoes too). */
static int frame_body(const struct hb_msg *m, GString *body)
{
	struct hb_msg *packed = NULL;
	int r;
	if (cz_policy.algo != CZ_NONE && mcz_has_type(m, FT_UNCOMPRESS)) {
		packed = msg_copy(m);
		if (mcz_pack_fields(packed, cz_policy.algo) < 0) {
			msg_free(packed);
			return -1;
		}
		m = packed;
	}
	r = msg_to_classic(m, body, true);
	if (r < 0 && cz_policy.algo != CZ_NONE) {
		enum cz_err e;
		struct hb_msg *w = mcz_wrap(m, cz_policy.algo, &e);
		r = w ? msg_to_netstring(w, body) : -1;
		msg_free(w);
	}
	msg_free(packed);
	return r;
}

int api_frame_msg(const struct hb_msg *m, GString *out)
{
	GString *body = g_string_new(NULL);
	int32_t len;
	uint32_t magic = API_MAGIC;

	if (frame_body(m, body) < 0) {
		g_string_free(body, TRUE);
		return -1;
	}
	len = (int32_t)body->len;
	g_string_append_len(out, (const char *)&len, 4);
	g_string_append_len(out, (const char *)&magic, 4);
	g_string_append_len(out, body->str, body->len);
	g_string_free(body, TRUE);
	return 0;
}

int api_unframe(const char *buf, size_t len, struct hb_msg **m)
{
	int32_t blen;
	uint32_t magic;
	struct msg_decoded d;

	*m = NULL;
	if (len < 8)
		return 0;
	memcpy(&blen, buf, 4);
	memcpy(&magic, buf + 4, 4);
	if (magic != API_MAGIC || blen < 0 || blen > MSG_MAXMSG)
		return -1;
	if (len < 8 + (size_t)blen)
		return 0;
	if (msg_decode(buf + 8, (size_t)blen, false, &d) == MSG_OK) {
		if (mcz_is_wrapped(d.msg)) {
			/* a wrapper that will not open is a body that did not decode */
			mcz_unwrap(d.msg, m);
		} else {
			*m = d.msg;
			d.msg = NULL;
		}
		msg_decoded_clear(&d);
	}
	return 8 + blen;
}
