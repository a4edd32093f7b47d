/* Unit tests of lib/compress.c and lib/msg_compress.c, and of the compression
 * paths of lib/wire.c: byte-exact zlib/bz2 output (the vectors were produced
 * by Python's zlib.compress() and bz2.compress(data, 1), which call the same
 * libraries with glue's parameters), bounded and crash-free decompression of
 * corrupt, truncated and oversized payloads, field-level compression, and
 * whole-message compression on send and its undoing on receive. */
#include "check.h"
#include "msg_compress.h"
#include "wire.h"
#include <stdlib.h>

static GBytes *unhex(const char *h)
{
	size_t n = strlen(h) / 2;
	guint8 *b = g_malloc(n);
	for (size_t i = 0; i < n; i++)
		sscanf(h + 2 * i, "%2hhx", &b[i]);
	return g_bytes_new_take(b, n);
}

#define HELLO "hello world"
/* zlib.compress(b"hello world") */
static const char ZHELLO[] = "789ccb48cdc9c95728cf2fca4901001a0b045d";
/* bz2.compress(b"hello world", 1) */
static const char BHELLO[] = "425a683131415926535944f7137800000191804000064490802000220334843021b68154278bb9229c2848227b89bc00";
/* zlib.compress(b">>>\nt=test\nx=hello hello hello hello\n<<<\n\0"): a
 * classic child with its NUL, what a packed struct field carries */
static const char ZCHILD[] = "789cb3b3b3e32ab12d492d2ee1aab0cd48cdc9c957c020b96c6c6cb818002c050d6d";

static void vectors(void)
{
	char *z;
	size_t zl;
	GBytes *w = unhex(ZHELLO);
	CHECK_INT(cz_compress(CZ_ZLIB, HELLO, strlen(HELLO), &z, &zl), CZ_OK);
	CHECK_MEM(z, zl, g_bytes_get_data(w, NULL), g_bytes_get_size(w));
	g_free(z);
	g_bytes_unref(w);
	w = unhex(BHELLO);
	CHECK_INT(cz_compress(CZ_BZ2, HELLO, strlen(HELLO), &z, &zl), CZ_OK);
	CHECK_MEM(z, zl, g_bytes_get_data(w, NULL), g_bytes_get_size(w));
	g_free(z);
	char *raw;
	size_t rl;
	CHECK_INT(cz_decompress(CZ_BZ2, g_bytes_get_data(w, NULL), g_bytes_get_size(w),
				CZ_MAXUNCOMPRESSED, &raw, &rl), CZ_OK);
	CHECK_MEM(raw, rl, HELLO, strlen(HELLO));
	g_free(raw);
	g_bytes_unref(w);
	CHECK(cz_lookup("zlib") == CZ_ZLIB && cz_lookup("bz2") == CZ_BZ2);
	CHECK(cz_lookup("lzo") == CZ_NONE && cz_lookup(NULL) == CZ_NONE);
	CHECK_INT(cz_compress(CZ_NONE, "x", 1, &z, &zl), CZ_E_ALGO);
}

static void bad_payloads(void)
{
	char *raw, *z;
	size_t rl, zl;
	GBytes *w = unhex(ZHELLO);
	const char *good = g_bytes_get_data(w, NULL);
	size_t gl = g_bytes_get_size(w);
	/* cut short, one byte flipped, junk after the stream, empty */
	CHECK_INT(cz_decompress(CZ_ZLIB, good, gl - 3, 1000, &raw, &rl), CZ_E_CORRUPT);
	char *flip = g_memdup2(good, gl);
	flip[gl - 1] ^= 1; /* the adler32 */
	CHECK_INT(cz_decompress(CZ_ZLIB, flip, gl, 1000, &raw, &rl), CZ_E_CORRUPT);
	g_free(flip);
	char *junk = g_malloc(gl + 2);
	memcpy(junk, good, gl);
	junk[gl] = 'x';
	junk[gl + 1] = 'y';
	CHECK_INT(cz_decompress(CZ_ZLIB, junk, gl + 2, 1000, &raw, &rl), CZ_E_CORRUPT);
	g_free(junk);
	CHECK_INT(cz_decompress(CZ_ZLIB, "", 0, 1000, &raw, &rl), CZ_E_CORRUPT);
	CHECK_INT(cz_decompress(CZ_ZLIB, "garbage!", 8, 1000, &raw, &rl), CZ_E_CORRUPT);
	CHECK_INT(cz_decompress(CZ_BZ2, "BZh1garbage", 11, 1000, &raw, &rl), CZ_E_CORRUPT);
	CHECK_INT(cz_decompress(CZ_BZ2, good, gl, 1000, &raw, &rl), CZ_E_CORRUPT);
	CHECK_INT(cz_decompress(CZ_NONE, good, gl, 1000, &raw, &rl), CZ_E_ALGO);
	/* output bound: exactly fits, one byte short */
	CHECK_INT(cz_decompress(CZ_ZLIB, good, gl, strlen(HELLO), &raw, &rl), CZ_OK);
	g_free(raw);
	CHECK_INT(cz_decompress(CZ_ZLIB, good, gl, strlen(HELLO) - 1, &raw, &rl), CZ_E_TOOBIG);
	g_bytes_unref(w);
	/* a bomb: 2 MiB + 1 of zeros, both algorithms */
	char *zeros = g_malloc0(CZ_MAXUNCOMPRESSED + 1);
	CHECK_INT(cz_compress(CZ_ZLIB, zeros, CZ_MAXUNCOMPRESSED + 1, &z, &zl), CZ_E_TOOBIG);
	CHECK_INT(cz_compress(CZ_ZLIB, zeros, CZ_MAXUNCOMPRESSED, &z, &zl), CZ_OK);
	CHECK(zl < 10000);
	/* exactly 2 MiB decompresses, with a 1 MiB bound it is too big */
	CHECK_INT(cz_decompress(CZ_ZLIB, z, zl, CZ_MAXUNCOMPRESSED, &raw, &rl), CZ_OK);
	CHECK_INT(rl, CZ_MAXUNCOMPRESSED);
	g_free(raw);
	CHECK_INT(cz_decompress(CZ_ZLIB, z, zl, 1 << 20, &raw, &rl), CZ_E_TOOBIG);
	g_free(z);
	CHECK_INT(cz_compress(CZ_BZ2, zeros, CZ_MAXUNCOMPRESSED, &z, &zl), CZ_OK);
	CHECK_INT(cz_decompress(CZ_BZ2, z, zl, 1 << 20, &raw, &rl), CZ_E_TOOBIG);
	g_free(z);
	g_free(zeros);
}

static struct hb_msg *child_msg(void)
{
	struct hb_msg *c = msg_new();
	msg_add(c, "t", "test");
	msg_add(c, "x", "hello hello hello hello");
	return c;
}

static void fields(void)
{
	struct hb_msg *m = msg_new(), *c = child_msg();
	msg_add(m, "t", "cib");
	msg_add_typed(m, "cib", FT_UNCOMPRESS, c, 0);
	CHECK_INT(mcz_pack_fields(m, CZ_ZLIB), 1);
	const struct msg_field *f = msg_field(m, "cib");
	GBytes *w = unhex(ZCHILD);
	CHECK(f && f->type == FT_COMPRESS);
	if (f)
		CHECK_MEM(f->value, f->len, g_bytes_get_data(w, NULL), g_bytes_get_size(w));
	g_bytes_unref(w);
	CHECK_STR(msg_get(m, MCZ_ALGO_FIELD), "zlib");
	/* it survives both encodings (classic base64s it) and unpacks again */
	GString *s = g_string_new(NULL);
	CHECK_INT(msg_to_classic(m, s, true), 0);
	struct msg_decoded d;
	CHECK_INT(msg_decode(s->str, s->len, false, &d), MSG_OK);
	CHECK_INT(mcz_unpack_fields(d.msg), CZ_OK);
	const struct hb_msg *back = msg_get_struct(d.msg, "cib");
	CHECK(back && msg_get(back, "x") && strcmp(msg_get(back, "x"), "hello hello hello hello") == 0);
	msg_decoded_clear(&d);
	/* a corrupt field is an error, never a crash; the rest stays readable */
	struct hb_msg *bad = msg_copy(m);
	for (size_t i = 0; i < bad->n; i++)
		if (bad->f[i].type == FT_COMPRESS)
			bad->f[i].value[bad->f[i].len / 2] ^= 0x55;
	CHECK(mcz_unpack_fields(bad) != CZ_OK);
	CHECK_STR(msg_get(bad, "t"), "cib");
	msg_free(bad);
	bad = msg_copy(m);
	msg_mod(bad, MCZ_ALGO_FIELD, "lzo");
	CHECK_INT(mcz_unpack_fields(bad), CZ_E_ALGO);
	msg_free(bad);
	/* bz2 and a nested compressed field inside a struct */
	struct hb_msg *outer = msg_new(), *mid = msg_new();
	msg_add_typed(mid, "inner", FT_UNCOMPRESS, c, 0);
	msg_add_struct(outer, "mid", mid);
	CHECK_INT(mcz_pack_fields(outer, CZ_BZ2), 1);
	CHECK_STR(msg_get(outer, MCZ_ALGO_FIELD), "bz2");
	CHECK(!mcz_has_type(outer, FT_UNCOMPRESS) && mcz_has_type(outer, FT_COMPRESS));
	CHECK_INT(mcz_unpack_fields(outer), CZ_OK);
	const struct hb_msg *in = msg_get_struct(msg_get_struct(outer, "mid"), "inner");
	CHECK(in && msg_get(in, "t") && strcmp(msg_get(in, "t"), "test") == 0);
	msg_free(outer);
	msg_free(mid);
	g_string_free(s, TRUE);
	msg_free(c);
	msg_free(m);
}

/* A CIB-like text: compresses well, as the real thing does. */
static char *cib_text(size_t want)
{
	GString *s = g_string_new("<cib>");
	for (unsigned i = 0; s->len < want; i++)
		g_string_append_printf(s, "<lrm_rsc_op id=\"rsc%u_monitor_10000\" call-id=\"%u\" "
				       "rc-code=\"0\" op-status=\"0\" interval=\"10000\"/>", i, i * 7);
	return g_string_free(s, FALSE);
}

static const char KEYS[] = "auth 1\n1 sha1 s3cr3t\n";

static void whole(void)
{
	struct auth_keys k;
	char err[256];
	CHECK_INT(auth_parse(KEYS, strlen(KEYS), "test", &k, err, sizeof err), 0);
	cz_policy.algo = CZ_ZLIB;
	cz_policy.traditional = false;
	cz_policy.threshold = 2048;
	struct hb_msg *m = msg_new();
	char *big = cib_text(1536 * 1024);
	msg_add(m, "t", "cib_replace");
	msg_add(m, "src", "node1");
	msg_add(m, "data", big);
	GString *out = g_string_new(NULL);
	CHECK_INT(wire_encode(&k, m, MSG_FMT_NETSTRING, true, false, out), 0);
	printf("1.5 MiB CIB-like text: %zu bytes on the wire\n", out->len);
	CHECK(out->len < 262144);
	CHECK(memmem(out->str, out->len, "(1)_compressed_payload=", 23) != NULL);
	CHECK(memmem(out->str, out->len, "(0)_compression_algorithm=zlib,%%%\n", 35) != NULL);
	struct hb_msg *got = NULL;
	CHECK_INT(wire_decode(&k, out->str, out->len, &got), WIRE_OK);
	CHECK(got && msg_get(got, "data") && strcmp(msg_get(got, "data"), big) == 0);
	CHECK(got && !msg_field(got, MCZ_PAYLOAD_FIELD));
	msg_free(got);
	/* a flipped byte in the payload, signature fixed up, is a compress drop */
	struct hb_msg *w = NULL;
	struct msg_decoded d;
	CHECK_INT(msg_decode(out->str, out->len, true, &d), MSG_OK);
	w = d.msg;
	d.msg = NULL;
	msg_decoded_clear(&d);
	for (size_t i = 0; w && i < w->n; i++)
		if (strcmp(w->f[i].name, MCZ_PAYLOAD_FIELD) == 0)
			w->f[i].value[w->f[i].len / 2] ^= 0x55;
	GString *bad = g_string_new(NULL);
	CHECK_INT(wire_encode(&k, w, MSG_FMT_NETSTRING, false, false, bad), 0);
	CHECK_INT(wire_decode(&k, bad->str, bad->len, &got), WIRE_DROP_COMPRESS);
	CHECK(got == NULL);
	/* an unknown method: dropped the same way */
	msg_mod(w, MCZ_ALGO_FIELD, "lzo");
	g_string_truncate(bad, 0);
	CHECK_INT(wire_encode(&k, w, MSG_FMT_NETSTRING, false, false, bad), 0);
	CHECK_INT(wire_decode(&k, bad->str, bad->len, &got), WIRE_DROP_COMPRESS);
	msg_free(w);
	/* the signature covers the compressed bytes: tampering is bad auth */
	out->str[out->len / 2] ^= 1;
	CHECK_INT(wire_decode(&k, out->str, out->len, &got), WIRE_DROP_BADAUTH);
	/* small messages are untouched; traditional compresses over threshold */
	struct hb_msg *s = msg_new();
	msg_add(s, "t", "status");
	msg_add(s, "data", big + big[0] * 0 + (strlen(big) - 4000));
	g_string_truncate(out, 0);
	CHECK_INT(wire_encode(&k, s, MSG_FMT_NETSTRING, true, false, out), 0);
	CHECK(memmem(out->str, out->len, "_compressed_payload", 19) == NULL);
	cz_policy.traditional = true;
	cz_policy.algo = CZ_BZ2;
	g_string_truncate(out, 0);
	CHECK_INT(wire_encode(&k, s, MSG_FMT_NETSTRING, true, false, out), 0);
	CHECK(memmem(out->str, out->len, "(0)_compression_algorithm=bz2,", 30) != NULL);
	CHECK_INT(wire_decode(&k, out->str, out->len, &got), WIRE_OK);
	CHECK(got && msg_get(got, "data") && strlen(msg_get(got, "data")) == 4000);
	msg_free(got);
	cz_policy.traditional = false;
	cz_policy.algo = CZ_ZLIB;
	/* incompressible and over MAXMSG: refused, with its plain size known */
	struct hb_msg *r = msg_new();
	guint8 *rnd = g_malloc(400000);
	GRand *gr = g_rand_new_with_seed(9);
	for (size_t i = 0; i < 400000; i++)
		rnd[i] = (guint8)g_rand_int(gr);
	g_rand_free(gr);
	msg_add(r, "t", "junk");
	msg_add_bin(r, "b", rnd, 400000);
	g_string_truncate(out, 0);
	CHECK_INT(wire_encode(&k, r, MSG_FMT_NETSTRING, true, false, out), -1);
	CHECK_INT(out->len, 0);
	CHECK(wire_plain_size(r) > 400000);
	g_free(rnd);
	/* a struct field marked for compression goes out as type 4, whatever
	 * its size, and the top level names the algorithm */
	struct hb_msg *fm = msg_new(), *c = child_msg();
	msg_add(fm, "t", "crmd");
	msg_add_typed(fm, "crm_xml", FT_UNCOMPRESS, c, 0);
	g_string_truncate(out, 0);
	CHECK_INT(wire_encode(&k, fm, MSG_FMT_NETSTRING, true, false, out), 0);
	CHECK(memmem(out->str, out->len, "(4)crm_xml=\x78\x9c", 13) != NULL);
	CHECK(memmem(out->str, out->len, "(0)_compression_algorithm=zlib,", 31) != NULL);
	CHECK(memmem(out->str, out->len, "(0)auth=", 8) == NULL);
	CHECK_INT(wire_decode(&k, out->str, out->len, &got), WIRE_OK);
	CHECK(got && msg_field(got, "crm_xml") && msg_field(got, "crm_xml")->type == FT_COMPRESS);
	CHECK_INT(mcz_unpack_fields(got), CZ_OK);
	CHECK(got && msg_get_struct(got, "crm_xml") != NULL);
	msg_free(got);
	msg_free(fm);
	msg_free(c);
	msg_free(r);
	msg_free(s);
	g_string_free(bad, TRUE);
	g_string_free(out, TRUE);
	g_free(big);
	msg_free(m);
	auth_clear(&k);
}

int main(void)
{
	vectors();
	bad_payloads();
	fields();
	whole();
	return T_DONE();
}
