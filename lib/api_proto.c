/* Frame and unframe client API messages (see api_proto.h). */
#include <stdint.h>
#include <string.h>
#include "api_proto.h"

int api_frame_msg(const struct hb_msg *m, GString *out)
{
	GString *body = g_string_new(NULL);
	int32_t len;
	uint32_t magic = API_MAGIC;

	if (msg_to_classic(m, body, true) < 0) {
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
		*m = d.msg;
		d.msg = NULL;
		msg_decoded_clear(&d);
	}
	return 8 + blen;
}
