/* Signing and verifying whole wire buffers: the classic "auth" field and the
 * netstring trailer, with 3.0.6's choice of keys.  Pure: keys come in as a
 * parsed struct auth_keys, bytes in and out as buffers. */
#include "wire.h"
#include "msg_compress.h"
#include <stdio.h>
#include <string.h>

static const char *const drop_names[WIRE_DROP__COUNT] = {
	[WIRE_OK] = "ok",
	[WIRE_DROP_MALFORMED] = "malformed",
	[WIRE_DROP_TOOBIG] = "too big",
	[WIRE_DROP_NOAUTH] = "no authentication",
	[WIRE_DROP_BADAUTH] = "authentication failed",
	[WIRE_DROP_COMPRESS] = "bad compressed payload",
};

const char *wire_drop_name(enum wire_drop r)
{
	if ((int)r < 0 || r >= WIRE_DROP__COUNT)
		return "unknown";
	return drop_names[r];
}

/* "<index> <token>": decimal index, spaces, then a token running to the end. */
static bool split_auth(const char *s, int *idx, const char **token)
{
	int n = 0, digits = 0;
	while (*s >= '0' && *s <= '9') {
		if (++digits > 3)
			return false;
		n = n * 10 + (*s++ - '0');
	}
	if (!digits || *s != ' ')
		return false;
	while (*s == ' ')
		s++;
	if (!*s || strpbrk(s, " \t\r\n"))
		return false;
	*idx = n;
	*token = s;
	return true;
}

static const struct auth_entry *entry(const struct auth_keys *k, int i)
{
	if (!k || i < 0 || i >= AUTH_MAXKEYS || !k->e[i].defined)
		return NULL;
	return &k->e[i];
}

static enum wire_drop verify_netstring(const struct auth_keys *k, const char *buf,
				       const struct msg_decoded *d)
{
	int idx;
	const char *tok;
	if (!d->trailer || !split_auth(d->trailer, &idx, &tok))
		return WIRE_DROP_NOAUTH;
	const struct auth_entry *named = entry(k, idx);
	/* 3.0.6 takes the method from the packet's index but the key of its own
	 * outbound entry; a key rollover only works for netstring if keys match. */
	const struct auth_entry *own = entry(k, k ? k->active : -1);
	if (!named || !own)
		return WIRE_DROP_BADAUTH;
	char want[41];
	auth_token(named->method, own->key, own->keylen, buf, d->signed_len, want);
	return strcmp(want, tok) == 0 ? WIRE_OK : WIRE_DROP_BADAUTH;
}

static enum wire_drop verify_classic(const struct auth_keys *k, const struct hb_msg *m)
{
	const struct msg_field *f = msg_field(m, "auth");
	int idx;
	const char *tok;
	if (!f || f->type != FT_STRING || !split_auth(f->value, &idx, &tok))
		return WIRE_DROP_NOAUTH;
	const struct auth_entry *e = entry(k, idx);
	if (!e)
		return WIRE_DROP_BADAUTH;
	GString *t = g_string_new(NULL);
	enum wire_drop r = WIRE_DROP_BADAUTH;
	if (msg_classic_authtext(m, t) == 0) {
		char want[41];
		auth_token(e->method, e->key, e->keylen, t->str, t->len, want);
		if (strcmp(want, tok) == 0)
			r = WIRE_OK;
	}
	g_string_free(t, TRUE);
	return r;
}

enum wire_drop wire_decode(const struct auth_keys *k, const void *buf, size_t len,
			   struct hb_msg **out)
{
	*out = NULL;
	struct msg_decoded d;
	enum msg_err e = msg_decode(buf, len, true, &d);
	if (e == MSG_E_TOOBIG)
		return WIRE_DROP_TOOBIG;
	if (e == MSG_E_NOTRAILER)
		return WIRE_DROP_NOAUTH;
	if (e != MSG_OK)
		return WIRE_DROP_MALFORMED;
	enum wire_drop r = d.fmt == MSG_FMT_NETSTRING ? verify_netstring(k, buf, &d)
						      : verify_classic(k, d.msg);
	if (r == WIRE_OK && mcz_is_wrapped(d.msg)) {
		/* The trailer signed the compressed bytes; what is inside is taken
		 * without a second check, as glue's wirefmt2msg does. */
		struct hb_msg *inner;
		if (mcz_unwrap(d.msg, &inner) != CZ_OK) {
			r = WIRE_DROP_COMPRESS;
		} else {
			msg_free(d.msg);
			d.msg = inner;
		}
	}
	if (r == WIRE_OK) {
		*out = d.msg;
		d.msg = NULL;
	}
	msg_decoded_clear(&d);
	return r;
}

/* 3.0.6 adds no inner auth field to messages that must travel as netstring. */
static bool has_nested(const struct hb_msg *m)
{
	for (size_t i = 0; i < m->n; i++)
		if (m->f[i].type == FT_STRUCT || m->f[i].type == FT_COMPRESS ||
		    m->f[i].type == FT_UNCOMPRESS)
			return true;
	return false;
}

/* The classic auth value "<index> <token>" for m (its auth fields ignored). */
static int classic_auth_value(const struct auth_keys *k, const struct hb_msg *m, char *val,
			      size_t vlen)
{
	const struct auth_entry *own = entry(k, k->active);
	GString *t = g_string_new(NULL);
	int r = msg_classic_authtext(m, t);
	if (r == 0) {
		char tok[41];
		auth_token(own->method, own->key, own->keylen, t->str, t->len, tok);
		snprintf(val, vlen, "%d %s", k->active, tok);
	}
	g_string_free(t, TRUE);
	return r;
}

/* Netstring body of m plus its trailer, appended to out; fails at MAXMSG. */
static int sign_netstring(const struct auth_keys *k, const struct auth_entry *own,
			  const struct hb_msg *m, GString *out)
{
	size_t start = out->len;
	char val[64], tok[41];
	if (msg_to_netstring(m, out) < 0)
		return -1;
	auth_token(own->method, own->key, own->keylen, out->str + start, out->len - start, tok);
	snprintf(val, sizeof(val), "%d %s", k->active, tok);
	g_string_append_printf(out, "%zu:%s,", strlen(val), val);
	if (out->len - start >= MSG_MAXMSG) {
		g_string_truncate(out, start);
		return -1;
	}
	return 0;
}

static int sign_wrapped(const struct auth_keys *k, const struct auth_entry *own,
			const struct hb_msg *m, GString *out)
{
	enum cz_err e;
	struct hb_msg *w = mcz_wrap(m, cz_policy.algo, &e);
	int r = w ? sign_netstring(k, own, w, out) : -1;
	msg_free(w);
	return r;
}

size_t wire_plain_size(const struct hb_msg *m)
{
	GString *s = g_string_new(NULL);
	size_t n = msg_to_netstring_max(m, s, (size_t)-1) == 0 ? s->len : 0;
	g_string_free(s, TRUE);
	return n;
}

int wire_encode(const struct auth_keys *k, const struct hb_msg *m, enum msg_fmt fmt,
		bool inner_auth, bool nul, GString *out)
{
	const struct auth_entry *own = entry(k, k ? k->active : -1);
	if (!own || !m || !out)
		return -1;
	char val[64];
	size_t start = out->len;
	struct hb_msg *c = NULL, *packed = NULL;
	int r = -1;
	if (cz_policy.algo != CZ_NONE && mcz_has_type(m, FT_UNCOMPRESS)) {
		/* fields a client asked to compress, compressed whatever their size */
		packed = msg_copy(m);
		if (mcz_pack_fields(packed, cz_policy.algo) < 0)
			goto done;
		m = packed;
	}
	if (fmt == MSG_FMT_CLASSIC) {
		c = msg_copy(m);
		msg_del(c, "auth");
		if (classic_auth_value(k, c, val, sizeof(val)) == 0 && msg_add(c, "auth", val) == 0)
			r = msg_to_classic(c, out, nul);
	} else {
		const struct hb_msg *src = m;
		r = 0;
		/* the inner field is not checked by netstring receivers: a message
		 * too big for classic text simply goes without it */
		if (inner_auth && !has_nested(m) && classic_auth_value(k, m, val, sizeof(val)) == 0) {
			c = msg_copy(m);
			r = msg_mod(c, "auth", val);
			src = c;
		}
		if (r == 0) {
			r = sign_netstring(k, own, src, out);
			bool over = r == 0 && cz_policy.traditional &&
				    out->len - start > cz_policy.threshold;
			if (cz_policy.algo != CZ_NONE && (r < 0 || over)) {
				/* too big for one message, or traditional compression */
				g_string_truncate(out, start);
				r = sign_wrapped(k, own, src, out);
			}
		}
	}
done:
	msg_free(c);
	msg_free(packed);
	if (r != 0) {
		g_string_truncate(out, start);
		return -1;
	}
	return 0;
}
