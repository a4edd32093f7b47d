/* Field-level and whole-message compression of hb_msg (see msg_compress.h). */
#include "msg_compress.h"
#include <string.h>

int mcz_add_struct(struct hb_msg *m, const char *name, const struct hb_msg *child)
{
	return msg_add_typed(m, name, FT_UNCOMPRESS, child, 0);
}

bool mcz_has_type(const struct hb_msg *m, enum msg_ftype t)
{
	if (!m)
		return false;
	for (size_t i = 0; i < m->n; i++) {
		if (m->f[i].type == t)
			return true;
		if (m->f[i].child && mcz_has_type(m->f[i].child, t))
			return true;
	}
	return false;
}

static bool has_nested(const struct hb_msg *m)
{
	for (size_t i = 0; i < m->n; i++)
		if (m->f[i].type == FT_STRUCT || m->f[i].type == FT_UNCOMPRESS ||
		    m->f[i].type == FT_COMPRESS)
			return true;
	return false;
}

/* The child's bytes as glue's msg2wirefmt_noac writes them with the default
 * msgfmt: classic text with its NUL unless the child needs netstring. */
static int child_bytes(const struct hb_msg *c, GString *out)
{
	if (!has_nested(c) && msg_to_classic_max(c, out, true, CZ_MAXUNCOMPRESSED) == 0)
		return 0;
	return msg_to_netstring_max(c, out, CZ_MAXUNCOMPRESSED);
}

static int pack(struct hb_msg *m, enum cz_algo a, int depth)
{
	int count = 0;
	if (depth > MSG_MAXDEPTH)
		return -1;
	for (size_t i = 0; i < m->n; i++) {
		struct msg_field *f = &m->f[i];
		if (!f->child)
			continue;
		int r = pack(f->child, a, depth + 1);
		if (r < 0)
			return -1;
		count += r;
		if (f->type != FT_UNCOMPRESS)
			continue;
		GString *s = g_string_new(NULL);
		char *z = NULL;
		size_t zl = 0;
		r = child_bytes(f->child, s);
		if (r == 0 && cz_compress(a, s->str, s->len, &z, &zl) != CZ_OK)
			r = -1;
		g_string_free(s, TRUE);
		if (r < 0)
			return -1;
		msg_free(f->child);
		f->child = NULL;
		g_free(f->value);
		f->value = g_realloc(z, zl + 1);
		f->value[zl] = '\0';
		f->len = zl;
		f->type = FT_COMPRESS;
		count++;
	}
	return count;
}

int mcz_pack_fields(struct hb_msg *m, enum cz_algo a)
{
	if (!m || (a != CZ_ZLIB && a != CZ_BZ2))
		return -1;
	int n = pack(m, a, 0);
	if (n > 0 && msg_mod(m, MCZ_ALGO_FIELD, cz_name(a)) < 0)
		return -1;
	return n;
}

static enum cz_err unpack(struct hb_msg *m, enum cz_algo a, int depth)
{
	if (depth > MSG_MAXDEPTH)
		return CZ_E_CORRUPT;
	for (size_t i = 0; i < m->n; i++) {
		struct msg_field *f = &m->f[i];
		if (f->child) {
			enum cz_err e = unpack(f->child, a, depth + 1);
			if (e != CZ_OK)
				return e;
			continue;
		}
		if (f->type != FT_COMPRESS)
			continue;
		char *raw;
		size_t rl;
		enum cz_err e = cz_decompress(a, f->value, f->len, CZ_MAXUNCOMPRESSED, &raw, &rl);
		if (e != CZ_OK)
			return e;
		struct msg_decoded d;
		enum msg_err me = msg_decode_max(raw, rl, false, CZ_MAXUNCOMPRESSED, &d);
		g_free(raw);
		if (me != MSG_OK)
			return me == MSG_E_TOOBIG ? CZ_E_TOOBIG : CZ_E_CORRUPT;
		/* a compressed field inside this one is undone as well */
		e = unpack(d.msg, a, depth + 1);
		if (e != CZ_OK) {
			msg_decoded_clear(&d);
			return e;
		}
		g_free(f->value);
		f->value = NULL;
		f->len = 0;
		f->child = d.msg;
		f->type = FT_UNCOMPRESS;
		d.msg = NULL;
		msg_decoded_clear(&d);
	}
	return CZ_OK;
}

enum cz_err mcz_unpack_fields(struct hb_msg *m)
{
	if (!m || !mcz_has_type(m, FT_COMPRESS))
		return CZ_OK;
	const char *name = msg_get(m, MCZ_ALGO_FIELD);
	enum cz_algo a = name ? cz_lookup(name) : CZ_ZLIB;
	if (a == CZ_NONE)
		return CZ_E_ALGO;
	return unpack(m, a, 0);
}

struct hb_msg *mcz_wrap(const struct hb_msg *m, enum cz_algo a, enum cz_err *err)
{
	GString *s = g_string_new(NULL);
	char *z = NULL;
	size_t zl = 0;
	struct hb_msg *w = NULL;
	*err = CZ_E_TOOBIG;
	if (msg_to_netstring_max(m, s, CZ_MAXUNCOMPRESSED) == 0 &&
	    (*err = cz_compress(a, s->str, s->len, &z, &zl)) == CZ_OK) {
		w = msg_new();
		if (msg_add_bin(w, MCZ_PAYLOAD_FIELD, z, zl) < 0 ||
		    msg_add(w, MCZ_ALGO_FIELD, cz_name(a)) < 0) {
			msg_free(w);
			w = NULL;
			*err = CZ_E_INTERNAL;
		}
	}
	g_free(z);
	g_string_free(s, TRUE);
	return w;
}

bool mcz_is_wrapped(const struct hb_msg *m)
{
	return m && msg_field(m, MCZ_PAYLOAD_FIELD) != NULL;
}

enum cz_err mcz_unwrap(const struct hb_msg *w, struct hb_msg **inner)
{
	*inner = NULL;
	size_t zl;
	const void *z = msg_get_bin(w, MCZ_PAYLOAD_FIELD, &zl);
	if (!z)
		return CZ_E_CORRUPT;
	enum cz_algo a = cz_lookup(msg_get(w, MCZ_ALGO_FIELD));
	if (a == CZ_NONE)
		return CZ_E_ALGO;
	char *raw;
	size_t rl;
	enum cz_err e = cz_decompress(a, z, zl, CZ_MAXUNCOMPRESSED, &raw, &rl);
	if (e != CZ_OK)
		return e;
	struct msg_decoded d;
	enum msg_err me = msg_decode_max(raw, rl, false, CZ_MAXUNCOMPRESSED, &d);
	g_free(raw);
	if (me != MSG_OK)
		return me == MSG_E_TOOBIG ? CZ_E_TOOBIG : CZ_E_CORRUPT;
	if (mcz_is_wrapped(d.msg)) {
		/* one layer only: a wrapper inside a wrapper is a decompression bomb */
		msg_decoded_clear(&d);
		return CZ_E_CORRUPT;
	}
	*inner = d.msg;
	d.msg = NULL;
	msg_decoded_clear(&d);
	return CZ_OK;
}
