/* libFuzzer target: untrusted bytes into msg_decode and wire_decode, as a
 * peer or a serial line could send them.  Whatever decodes is re-encoded in
 * both forms; a netstring re-encoding must decode back to the same message,
 * and a classic one must decode at all.  Anything else is a bug. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "wire.h"

/* The key sets of the capture folders, so seeded packets verify. */
static const char *const keyfiles[] = {
	"auth 1\n1 sha1 golden-sha1-key\n",
	"auth 1\n1 md5 golden-md5-key\n",
	"auth 1\n1 crc\n",
	"auth 1\n1 sha1 ucast-key\n",
	"auth 1\n1 sha1 serial-key\n",
	"auth 3\n1 crc\n2 md5 s3cr3t\n3 sha1 s3cr3t\n",
};
#define NKEYS (sizeof(keyfiles) / sizeof(keyfiles[0]))
static struct auth_keys keys[NKEYS];

static bool same(const struct hb_msg *a, const struct hb_msg *b)
{
	if (a->n != b->n)
		return false;
	for (size_t i = 0; i < a->n; i++) {
		const struct msg_field *x = &a->f[i], *y = &b->f[i];
		if (strcmp(x->name, y->name) || x->type != y->type)
			return false;
		if (x->child || y->child) {
			if (!x->child || !y->child || !same(x->child, y->child))
				return false;
		} else if (x->len != y->len || memcmp(x->value, y->value, x->len)) {
			return false;
		}
	}
	return true;
}

static void roundtrip(const struct hb_msg *m)
{
	GString *s = g_string_new(NULL);
	struct msg_decoded d;
	if (msg_to_netstring(m, s) == 0) {
		if (msg_decode(s->str, s->len, false, &d) != MSG_OK || !same(d.msg, m))
			__builtin_trap();
		msg_decoded_clear(&d);
	}
	g_string_truncate(s, 0);
	if (msg_to_classic(m, s, true) == 0) {
		if (msg_decode(s->str, s->len, false, &d) != MSG_OK)
			__builtin_trap();
		msg_decoded_clear(&d);
	}
	g_string_truncate(s, 0);
	(void)msg_classic_authtext(m, s);
	char *desc = msg_describe(m);
	g_free(desc);
	g_string_free(s, TRUE);
}

/* Whatever we can sign, we must accept: classic re-encoding is canonical,
 * netstring is checked on the raw bytes. */
static void sign_and_check(const struct hb_msg *m)
{
	for (size_t i = 0; i < NKEYS; i += 2) {
		for (int fmt = 0; fmt < 2; fmt++) {
			GString *s = g_string_new(NULL);
			struct hb_msg *back = NULL;
			if (wire_encode(&keys[i], m, fmt ? MSG_FMT_NETSTRING : MSG_FMT_CLASSIC, fmt,
					fmt, s) == 0 &&
			    wire_decode(&keys[i], s->str, s->len, &back) != WIRE_OK)
				__builtin_trap();
			msg_free(back);
			g_string_free(s, TRUE);
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;
	if (!ready) {
		for (size_t i = 0; i < NKEYS; i++)
			auth_parse(keyfiles[i], strlen(keyfiles[i]), "fuzz", &keys[i], NULL, 0);
		ready = 1;
	}
	struct msg_decoded d;
	for (int need = 0; need < 2; need++) {
		if (msg_decode(data, size, need, &d) == MSG_OK) {
			roundtrip(d.msg);
			if (!need)
				sign_and_check(d.msg);
			struct hb_msg *c = msg_copy(d.msg);
			msg_mod(c, "auth", "1 0");
			msg_del(c, "t");
			msg_free(c);
		}
		msg_decoded_clear(&d);
	}
	for (size_t i = 0; i < NKEYS; i++) {
		struct hb_msg *m = NULL;
		if (wire_decode(&keys[i], data, size, &m) != WIRE_OK)
			continue;
		/* a verified message signed again must verify again */
		for (int fmt = 0; fmt < 2; fmt++) {
			GString *s = g_string_new(NULL);
			struct hb_msg *back = NULL;
			if (wire_encode(&keys[i], m, fmt ? MSG_FMT_NETSTRING : MSG_FMT_CLASSIC, fmt,
					!fmt, s) == 0 &&
			    wire_decode(&keys[i], s->str, s->len, &back) != WIRE_OK)
				__builtin_trap();
			msg_free(back);
			g_string_free(s, TRUE);
		}
		msg_free(m);
	}
	return 0;
}
