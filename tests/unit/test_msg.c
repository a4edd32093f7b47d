/* Unit tests of lib/msg.c: the field model, both encodings of every field type,
 * the classic parse rules of wire-protocol.md §1.2/§1.3, depth and size limits,
 * and that malformed or truncated input fails cleanly. */
#include "check.h"
#include "msg.h"
#include <stdlib.h>

static bool msg_equal(const struct hb_msg *a, const struct hb_msg *b)
{
	if (!a || !b || a->n != b->n)
		return false;
	for (size_t i = 0; i < a->n; i++) {
		const struct msg_field *x = &a->f[i], *y = &b->f[i];
		if (strcmp(x->name, y->name) || x->type != y->type)
			return false;
		if (x->type == FT_STRUCT || x->type == FT_UNCOMPRESS) {
			if (!msg_equal(x->child, y->child))
				return false;
		} else if (x->len != y->len || memcmp(x->value, y->value, x->len) || x->value[x->len]) {
			return false;
		}
	}
	return true;
}

/* Decode buf (no trailer needed) and return the message, or NULL with *err set. */
static struct hb_msg *dec(const void *buf, size_t len, enum msg_err *err)
{
	struct msg_decoded d;
	enum msg_err e = msg_decode(buf, len, false, &d);
	if (err)
		*err = e;
	if (e != MSG_OK)
		return NULL;
	struct hb_msg *m = d.msg;
	d.msg = NULL;
	msg_decoded_clear(&d);
	return m;
}

static enum msg_err dec_err(const char *s, size_t len)
{
	enum msg_err e;
	struct hb_msg *m = dec(s, len, &e);
	msg_free(m);
	return e;
}
#define DERR(lit) dec_err(lit, sizeof(lit) - 1)
#define CHECK_LIT(gs, lit) CHECK_MEM((gs)->str, (gs)->len, lit, sizeof(lit) - 1)
#define DEC(lit, e) dec(lit, sizeof(lit) - 1, e)

static void test_model(void)
{
	struct hb_msg *m = msg_new();
	CHECK_INT(msg_add(m, "t", "status"), 0);
	CHECK_INT(msg_add(m, "t", "dup"), 0);
	CHECK_INT(msg_add(m, "", "x"), -1);
	CHECK_INT(msg_add(m, "a=b", "x"), -1);
	CHECK_INT(msg_add(m, "a\nb", "x"), -1);
	CHECK_INT(msg_add(m, ">>>\nx", "x"), -1);
	CHECK_INT(msg_add(m, NULL, "x"), -1);
	CHECK_INT(msg_add(m, "x", NULL), -1);
	CHECK_INT(m->n, 2);
	CHECK_STR(msg_get(m, "t"), "status");
	CHECK_INT(msg_mod(m, "t", "up"), 0);
	CHECK_STR(msg_get(m, "t"), "up");
	CHECK_STR(m->f[1].value, "dup");
	CHECK_INT(msg_mod(m, "new", "v"), 0);
	CHECK_STR(m->f[2].name, "new");
	CHECK_INT(msg_addf(m, "seq", "%lx", 0x4dUL), 0);
	unsigned long h = 0;
	CHECK(msg_get_hex(m, "seq", &h));
	CHECK_INT(h, 0x4d);
	long d = 0;
	CHECK(!msg_get_dec(m, "seq", &d));
	CHECK_INT(msg_add(m, "ttl", "-3"), 0);
	CHECK(msg_get_dec(m, "ttl", &d));
	CHECK_INT(d, -3);
	CHECK(!msg_get_hex(m, "ttl", &h));
	CHECK(!msg_get_hex(m, "nope", &h));
	msg_add(m, "empty", "");
	CHECK(!msg_get_hex(m, "empty", &h));
	CHECK(!msg_get_dec(m, "empty", &d));
	msg_add(m, "huge", "123456789abcdef01");
	CHECK(!msg_get_hex(m, "huge", &h));

	unsigned char uuid[16] = { 0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc, 0xde, 0xf0,
				   0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc, 0xde, 0xf0 };
	CHECK_INT(msg_add_bin(m, "srcuuid", uuid, 16), 0);
	size_t bl = 0;
	const void *b = msg_get_bin(m, "srcuuid", &bl);
	CHECK_MEM(b, bl, uuid, 16);
	CHECK(msg_get(m, "srcuuid") == NULL);
	CHECK(msg_get_bin(m, "t", &bl) == NULL);
	unsigned char u2[3] = { 0, 1, 2 };
	CHECK_INT(msg_mod_bin(m, "srcuuid", u2, 3), 0);
	b = msg_get_bin(m, "srcuuid", &bl);
	CHECK_MEM(b, bl, u2, 3);

	const char *el[] = { "abc", "defg", "" };
	CHECK_INT(msg_add_list(m, "names", el, 3), 0);
	CHECK_MEM(msg_field(m, "names")->value, msg_field(m, "names")->len, "3:abc,4:defg,0:,", 16);
	size_t ln = 0;
	char **v = msg_get_list(m, "names", &ln);
	CHECK_INT(ln, 3);
	CHECK_STR(v[0], "abc");
	CHECK_STR(v[1], "defg");
	CHECK_STR(v[2], "");
	CHECK(v[3] == NULL);
	g_strfreev(v);
	CHECK(msg_get_list(m, "t", NULL) == NULL);
	CHECK_INT(msg_add_typed(m, "bad", FT_LIST, "3:ab,", 5), -1);
	CHECK_INT(msg_add_typed(m, "bad", FT_LIST, "03:abc,", 7), -1);
	CHECK_INT(msg_add_typed(m, "bad", (enum msg_ftype)6, "x", 1), -1);

	struct hb_msg *c = msg_new();
	msg_add(c, "a", "1");
	CHECK_INT(msg_add_struct(m, "child", c), 0);
	msg_add(c, "b", "2"); /* the message holds a copy */
	CHECK_INT(msg_get_struct(m, "child")->n, 1);
	CHECK(msg_get_struct(m, "t") == NULL);
	msg_free(c);

	struct hb_msg *cp = msg_copy(m);
	CHECK(msg_equal(cp, m));
	CHECK_INT(msg_del(cp, "t"), 2);
	CHECK_INT(msg_del(cp, "t"), 0);
	CHECK(msg_get(cp, "t") == NULL);
	CHECK_INT(cp->n, m->n - 2);
	CHECK_STR(cp->f[0].name, "new");

	char *desc = msg_describe(m);
	CHECK(strncmp(desc, "t=up t=dup new=v seq=4d", 23) == 0);
	CHECK(strstr(desc, "srcuuid=0x000102") != NULL);
	CHECK(strstr(desc, "child={a=1}") != NULL);
	g_free(desc);
	msg_free(cp);
	msg_free(m);
	CHECK(msg_copy(NULL) == NULL);
	msg_free(NULL);
	CHECK_STR(msg_strerror(MSG_E_DEPTH), "structs nested too deeply");
	CHECK_STR(msg_strerror((enum msg_err)99), "unknown error");
}

/* A message with every field type and the awkward bytes of each. */
static struct hb_msg *every_type(bool with_uncompress)
{
	struct hb_msg *m = msg_new();
	msg_add(m, "t", "status");
	msg_add(m, "multi", "line1\nline2\r\n=x= y");
	msg_add(m, "empty", "");
	unsigned char all[256];
	for (int i = 0; i < 256; i++)
		all[i] = (unsigned char)i;
	msg_add_bin(m, "bin", all, sizeof(all));
	msg_add_bin(m, "bin0", "", 0);
	msg_add_bin(m, "bin1", "\xff", 1);
	msg_add_bin(m, "bin2", "\x00\x80", 2);
	const char *el[] = { "a,b", "c:d", "", "x y" };
	msg_add_list(m, "list", el, 4);
	msg_add_typed(m, "emptylist", FT_LIST, "", 0);
	msg_add_typed(m, "zipped", FT_COMPRESS, "\x78\x9c\x00\n\x13", 5);
	struct hb_msg *c = msg_new(), *g = msg_new();
	msg_add(g, "deep", "v\nw");
	msg_add_bin(g, "u", "\x01\x02", 2);
	msg_add(c, "a", "1");
	msg_add(c, "nl", "x\ny");
	msg_add_struct(c, "grand", g);
	msg_add_list(c, "l", el, 2);
	msg_add_struct(m, "child", c);
	struct hb_msg *e = msg_new();
	msg_add_struct(m, "emptychild", e);
	if (with_uncompress)
		msg_add_typed(m, "unz", FT_UNCOMPRESS, c, 0);
	msg_free(e);
	msg_free(c);
	msg_free(g);
	msg_add(m, "last", "end");
	return m;
}

static void test_roundtrip(void)
{
	for (int nul = 0; nul < 2; nul++) {
		struct hb_msg *m = every_type(false);
		GString *s = g_string_new(NULL);
		CHECK_INT(msg_to_classic(m, s, nul), 0);
		CHECK(s->str[s->len - 1] == (nul ? '\0' : '\n'));
		enum msg_err e;
		struct hb_msg *back = dec(s->str, s->len, &e);
		CHECK_INT(e, MSG_OK);
		CHECK(msg_equal(back, m));
		GString *s2 = g_string_new(NULL);
		CHECK_INT(msg_to_classic(back, s2, nul), 0);
		CHECK_MEM(s2->str, s2->len, s->str, s->len);
		g_string_free(s2, TRUE);
		msg_free(back);
		g_string_free(s, TRUE);
		msg_free(m);
	}
	struct hb_msg *m = every_type(true);
	GString *s = g_string_new("prefix");
	CHECK_INT(msg_to_netstring(m, s), 0);
	CHECK(memcmp(s->str, "prefix###\n", 10) == 0);
	CHECK(memcmp(s->str + s->len - 4, "%%%\n", 4) == 0);
	enum msg_err e;
	struct hb_msg *back = dec(s->str + 6, s->len - 6, &e);
	CHECK_INT(e, MSG_OK);
	CHECK(msg_equal(back, m));
	CHECK_INT(msg_field(back, "unz")->type, FT_UNCOMPRESS);
	GString *s2 = g_string_new(NULL);
	CHECK_INT(msg_to_netstring(back, s2), 0);
	CHECK_MEM(s2->str, s2->len, s->str + 6, s->len - 6);
	/* FT_UNCOMPRESS has no classic form; out must be left untouched. */
	g_string_assign(s2, "keep");
	CHECK_INT(msg_to_classic(m, s2, true), -1);
	CHECK_STR(s2->str, "keep");
	CHECK_INT(msg_classic_authtext(m, s2), -1);
	CHECK_STR(s2->str, "keep");
	g_string_free(s2, TRUE);
	msg_free(back);
	g_string_free(s, TRUE);
	msg_free(m);

	/* a string holding a NUL travels in netstring only */
	m = msg_new();
	msg_add_typed(m, "z", FT_STRING, "a\0b", 3);
	s = g_string_new(NULL);
	CHECK_INT(msg_to_classic(m, s, false), -1);
	CHECK_INT(msg_to_netstring(m, s), 0);
	CHECK_MEM(s->str, s->len, "###\n8:(0)z=a\0b,%%%\n", 19);
	back = dec(s->str, s->len, &e);
	CHECK(msg_equal(back, m));
	msg_free(back);
	msg_free(m);
	/* names the classic form cannot carry */
	m = msg_new();
	msg_add(m, "(x", "1");
	g_string_truncate(s, 0);
	CHECK_INT(msg_to_classic(m, s, false), -1);
	CHECK_INT(msg_to_netstring(m, s), 0);
	msg_free(m);
	m = msg_new();
	msg_add_typed(m, "l", FT_LIST, "2:a\n,", 5);
	CHECK_INT(msg_to_classic(m, s, false), -1);
	msg_free(m);
	g_string_free(s, TRUE);
}

/* The derived examples of §9 and the exact shape of each encoding. */
static void test_exact_bytes(void)
{
	struct hb_msg *m = msg_new(), *c = msg_new();
	msg_add(c, "a", "1");
	msg_add_struct(m, "child", c);
	GString *s = g_string_new(NULL);
	msg_to_netstring(m, s);
	CHECK_LIT(s, "###\n26:(2)child=###\n6:(0)a=1,%%%\n,%%%\n");
	g_string_truncate(s, 0);
	msg_to_classic(m, s, true);
	CHECK_LIT(s, ">>>\n(2)child=>>>\x14" "a=1\x14<<<\x14\n<<<\n\0");
	msg_free(m);
	msg_free(c);

	m = msg_new();
	const char *el[] = { "abc", "defg" };
	msg_add_list(m, "names", el, 2);
	msg_add(m, "s", "x\ny");
	unsigned char uuid[16] = { 0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc, 0xde, 0xf0,
				   0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc, 0xde, 0xf0 };
	msg_add_bin(m, "srcuuid", uuid, 16);
	g_string_truncate(s, 0);
	msg_to_classic(m, s, false);
	const char want[] = ">>>\n(3)names=3:abc,4:defg,\ns=x\x13y\n(1)srcuuid=EjRWeJq83vASNFZ4mrze8A==\n<<<\n";
	CHECK_MEM(s->str, s->len, want, sizeof(want) - 1);
	g_string_truncate(s, 0);
	msg_classic_authtext(m, s);
	CHECK_MEM(s->str, s->len, want + 4, sizeof(want) - 1 - 8);
	g_string_truncate(s, 0);
	msg_to_netstring(m, s);
	const char wantn[] = "###\n22:(3)names=3:abc,4:defg,,8:(0)s=x\ny,"
			     "27:(1)srcuuid=\x12\x34\x56\x78\x9a\xbc\xde\xf0\x12\x34\x56\x78\x9a\xbc\xde\xf0,%%%\n";
	CHECK_MEM(s->str, s->len, wantn, sizeof(wantn) - 1);
	/* the authtext leaves out every field named auth, wherever it is */
	msg_add(m, "auth", "1 abc");
	msg_add_bin(m, "auth", "x", 1);
	g_string_truncate(s, 0);
	msg_classic_authtext(m, s);
	CHECK_MEM(s->str, s->len, want + 4, sizeof(want) - 1 - 8);
	msg_free(m);
	g_string_free(s, TRUE);
}

/* Build classic text nested n struct levels deep by hand, each level's LFs
 * replaced by that depth's stand-in byte (§1.2 table). */
static int depth_byte(int d)
{
	return d < 12 ? 0x14 + d : 0x0F + d - 12;
}

static GString *classic_nest(int d, int levels)
{
	GString *s = g_string_new(">>>\n");
	if (levels > 0) {
		GString *in = classic_nest(d + 1, levels - 1);
		for (size_t i = 0; i < in->len; i++)
			if (in->str[i] == '\n')
				in->str[i] = (char)(d < 16 ? depth_byte(d) : '?');
		g_string_append(s, "(2)c=");
		g_string_append_len(s, in->str, (gssize)in->len);
		g_string_append_c(s, '\n');
		g_string_free(in, TRUE);
	} else {
		g_string_append(s, "leaf=yes\n");
	}
	g_string_append(s, "<<<\n");
	return s;
}

static GString *netstring_nest(int levels)
{
	GString *s = g_string_new("###\n");
	if (levels > 0) {
		GString *in = netstring_nest(levels - 1);
		g_string_append_printf(s, "%zu:(2)c=", in->len + 5);
		g_string_append_len(s, in->str, (gssize)in->len);
		g_string_append_c(s, ',');
		g_string_free(in, TRUE);
	} else {
		g_string_append(s, "11:(0)leaf=yes,");
	}
	g_string_append(s, "%%%\n");
	return s;
}

static void test_depth(void)
{
	/* 16 levels of struct fields are the most either form carries */
	for (int lv = 15; lv <= 17; lv++) {
		struct hb_msg *m = msg_new();
		msg_add(m, "leaf", "yes");
		for (int i = 0; i < lv; i++) {
			struct hb_msg *p = msg_new();
			msg_add_struct(p, "c", m);
			msg_free(m);
			m = p;
		}
		GString *s = g_string_new(NULL);
		int want = lv <= 16 ? 0 : -1;
		CHECK_INT(msg_to_classic(m, s, false), want);
		GString *hand = classic_nest(0, lv);
		if (lv <= 16)
			CHECK_MEM(s->str, s->len, hand->str, hand->len);
		CHECK_INT(dec_err(hand->str, hand->len), lv <= 16 ? MSG_OK : MSG_E_DEPTH);
		g_string_truncate(s, 0);
		CHECK_INT(msg_to_netstring(m, s), want);
		GString *nhand = netstring_nest(lv);
		if (lv <= 16)
			CHECK_MEM(s->str, s->len, nhand->str, nhand->len);
		CHECK_INT(dec_err(nhand->str, nhand->len), lv <= 16 ? MSG_OK : MSG_E_DEPTH);
		g_string_free(nhand, TRUE);
		g_string_free(hand, TRUE);
		g_string_free(s, TRUE);
		msg_free(m);
	}
	/* deep netstring nesting far past the limit fails without deep recursion */
	GString *n = netstring_nest(200);
	CHECK_INT(dec_err(n->str, n->len), MSG_E_DEPTH);
	g_string_free(n, TRUE);
	/* a stand-in byte already in the child text makes classic impossible */
	struct hb_msg *m = msg_new(), *c = msg_new();
	msg_add(c, "a", "has\x14" "byte");
	msg_add_struct(m, "child", c);
	GString *s = g_string_new(NULL);
	CHECK_INT(msg_to_classic(m, s, false), -1);
	CHECK_INT(msg_to_netstring(m, s), 0);
	msg_free(m);
	msg_free(c);
	g_string_free(s, TRUE);
}

static void test_classic_rules(void)
{
	enum msg_err e;
	/* blank lines skipped, stop at <<< or NUL, missing <<< tolerated */
	struct hb_msg *m = DEC(">>>\n\n\na=1\n\nb=x=y\n<<<\nc=junk", &e);
	CHECK_INT(e, MSG_OK);
	CHECK_INT(m ? m->n : 0, 2);
	CHECK_STR(msg_get(m, "b"), "x=y");
	msg_free(m);
	m = DEC(">>>\na=1\0b=2\n<<<\n", &e);
	CHECK_INT(m ? m->n : 0, 1);
	msg_free(m);
	m = DEC(">>>\na=1\nb=", &e);
	CHECK_INT(e, MSG_OK);
	CHECK_STR(msg_get(m, "b"), "");
	msg_free(m);
	m = DEC(">>>\na=1\n<<<", &e);
	CHECK_INT(m ? m->n : 0, 1);
	msg_free(m);
	m = DEC(">>>\n", &e);
	CHECK_INT(m ? (int)m->n : -1, 0);
	msg_free(m);
	m = DEC(">>>\ncr=a\rb\x13" "c\n<<<\n", &e);
	CHECK_STR(msg_get(m, "cr"), "a\rb\nc");
	msg_free(m);
	m = DEC(">>>\n<<<x=1\n<<<\n", &e); /* "<<<" ends only when followed by LF */
	CHECK_STR(msg_get(m, "<<<x"), "1");
	msg_free(m);

	CHECK_INT(DERR(">>>\nnoequals\n<<<\n"), MSG_E_SYNTAX);
	CHECK_INT(DERR(">>>\na=1\nnoequals"), MSG_E_SYNTAX);
	CHECK_INT(DERR(">>>\n=value\n<<<\n"), MSG_E_SYNTAX);
	CHECK_INT(DERR(">>>\n(0)a=1\n<<<\n"), MSG_E_TYPE);
	CHECK_INT(DERR(">>>\n(5)a=>>>\x14<<<\x14\n<<<\n"), MSG_E_TYPE);
	for (char d = '6'; d <= '9'; d++) {
		char b[] = ">>>\n(6)a=1\n<<<\n";
		b[5] = d;
		CHECK_INT(dec_err(b, sizeof(b) - 1), MSG_E_TYPE);
	}
	CHECK_INT(DERR(">>>\n(x)a=1\n<<<\n"), MSG_E_SYNTAX);
	CHECK_INT(DERR(">>>\n(1a=1\n<<<\n"), MSG_E_SYNTAX);
	CHECK_INT(DERR(">>>\n(=1\n<<<\n"), MSG_E_SYNTAX);
	CHECK_INT(DERR(">>>\n(1)=AA==\n<<<\n"), MSG_E_SYNTAX);
	CHECK_INT(DERR(">>>\n(1)a=AAA\n<<<\n"), MSG_E_SYNTAX);
	CHECK_INT(DERR(">>>\n(1)a=A=A=\n<<<\n"), MSG_E_SYNTAX);
	CHECK_INT(DERR(">>>\n(1)a=AA==AAAA\n<<<\n"), MSG_E_SYNTAX);
	CHECK_INT(DERR(">>>\n(1)a=A-A=\n<<<\n"), MSG_E_SYNTAX);
	CHECK_INT(DERR(">>>\n(1)a====\n<<<\n"), MSG_E_SYNTAX);
	CHECK_INT(DERR(">>>\n(1)a=AB==\n<<<\n"), MSG_E_SYNTAX); /* non-canonical */
	CHECK_INT(DERR(">>>\n(1)a=AAB=\n<<<\n"), MSG_E_SYNTAX);
	CHECK_INT(DERR(">>>\n(1)a=AA==\n<<<\n"), MSG_OK);
	CHECK_INT(DERR(">>>\n(1)a=AAA=\n<<<\n"), MSG_OK);
	CHECK_INT(DERR(">>>\n(1)a=\n<<<\n"), MSG_OK);
	CHECK_INT(DERR(">>>\n(4)a=AAAA\n<<<\n"), MSG_OK);
	CHECK_INT(DERR(">>>\n(3)a=3:ab,\n<<<\n"), MSG_E_SYNTAX);
	CHECK_INT(DERR(">>>\n(3)a=1:a\n<<<\n"), MSG_E_SYNTAX);
	CHECK_INT(DERR(">>>\n(3)a=x:a,\n<<<\n"), MSG_E_SYNTAX);
	CHECK_INT(DERR(">>>\n(3)a=1:a,2\n<<<\n"), MSG_E_SYNTAX);
	CHECK_INT(DERR(">>>\n(3)a=1:a,0:,\n<<<\n"), MSG_OK);
	CHECK_INT(DERR(">>>\n(2)a=notastruct\n<<<\n"), MSG_E_SYNTAX);
	CHECK_INT(DERR(">>>\n(2)a=>>>\x14noeq\x14<<<\x14\n<<<\n"), MSG_E_SYNTAX);
	CHECK_INT(DERR(">>>\n(2)a=>>>\x14(2)b=>>>\x15x=1\x15<<<\x15\x14<<<\x14\n<<<\n"), MSG_OK);
	/* the outer stand-in is replaced everywhere inside, even in deeper text */
	CHECK_INT(DERR(">>>\n(2)a=>>>\x14(2)b=>>>\x15x=1\x14y\x15<<<\x15\x14<<<\x14\n<<<\n"), MSG_E_SYNTAX);
	/* a deeper level's stand-in is just a byte to a shallower one */
	m = DEC(">>>\n(2)a=>>>\x14x=1\x15y\x14<<<\x14\n<<<\n", &e);
	CHECK_INT(e, MSG_OK);
	const struct hb_msg *b = msg_get_struct(m, "a");
	CHECK_STR(b ? msg_get(b, "x") : NULL, "1\x15y");
	GString *s = g_string_new(NULL);
	CHECK_INT(m ? msg_to_classic(m, s, false) : -1, 0);
	CHECK_LIT(s, ">>>\n(2)a=>>>\x14x=1\x15y\x14<<<\x14\n<<<\n");
	g_string_free(s, TRUE);
	msg_free(m);
}

static void test_netstring_rules(void)
{
	CHECK_INT(DERR("###\n%%%\n"), MSG_OK);
	CHECK_INT(DERR("###\n6:(0)a=1,%%%\n"), MSG_OK);
	CHECK_INT(DERR("###\n6:(0)a=1,"), MSG_E_TRUNCATED);
	CHECK_INT(DERR("###\n6:(0)a=1"), MSG_E_TRUNCATED);
	CHECK_INT(DERR("###\n6:(0)a="), MSG_E_TRUNCATED);
	CHECK_INT(DERR("###\n6"), MSG_E_TRUNCATED);
	CHECK_INT(DERR("###\n"), MSG_E_TRUNCATED);
	CHECK_INT(DERR("###"), MSG_E_TRUNCATED);
	CHECK_INT(DERR(">>"), MSG_E_TRUNCATED);
	CHECK_INT(DERR("###\n06:(0)a=1,%%%\n"), MSG_E_SYNTAX);
	CHECK_INT(DERR("###\n6:(0)a=1;%%%\n"), MSG_E_SYNTAX);
	CHECK_INT(DERR("###\n6;(0)a=1,%%%\n"), MSG_E_SYNTAX);
	CHECK_INT(DERR("###\nx6:(0)a=1,%%%\n"), MSG_E_SYNTAX);
	CHECK_INT(DERR("###\n99999999:(0)a=1,%%%\n"), MSG_E_SYNTAX);
	CHECK_INT(DERR("###\n6:(0)=11,%%%\n"), MSG_E_SYNTAX);
	CHECK_INT(DERR("###\n6:(0)ab1,%%%\n"), MSG_E_SYNTAX);
	CHECK_INT(DERR("###\n6:0)a=1,,%%%\n"), MSG_E_SYNTAX);
	CHECK_INT(DERR("###\n6:(x)a=1,%%%\n"), MSG_E_SYNTAX);
	CHECK_INT(DERR("###\n2:(0,%%%\n"), MSG_E_SYNTAX);
	CHECK_INT(DERR("###\n8:(0)a\0b=1,%%%\n"), MSG_E_SYNTAX);
	for (char d = '6'; d <= '9'; d++) {
		char b[] = "###\n6:(6)a=1,%%%\n";
		b[7] = d;
		CHECK_INT(dec_err(b, sizeof(b) - 1), MSG_E_TYPE);
	}
	CHECK_INT(DERR("###\n9:(3)a=1:a,,%%%\n"), MSG_OK);
	CHECK_INT(DERR("###\n9:(3)a=2:a,,%%%\n"), MSG_E_SYNTAX);
	CHECK_INT(DERR("###\n13:(2)a=###\n%%%\n,%%%\n"), MSG_OK);
	CHECK_INT(DERR("###\n14:(2)a=###\n%%%\nx,%%%\n"), MSG_E_SYNTAX);
	CHECK_INT(DERR("###\n8:(2)a=xyz,%%%\n"), MSG_E_SYNTAX);
	CHECK_INT(DERR("###\n10:(2)a=###\n6,%%%\n"), MSG_E_TRUNCATED);
	CHECK_INT(DERR("###\n13:(5)a=###\n%%%\n,%%%\n"), MSG_OK);
	CHECK_INT(DERR("###\n6:(1)a=\0,%%%\n"), MSG_OK);

	/* the trailer: optional here, required when need_trailer */
	const char t[] = "###\n6:(0)a=1,%%%\n6:1 abcd,";
	struct msg_decoded d;
	CHECK_INT(msg_decode(t, sizeof(t) - 1, true, &d), MSG_OK);
	CHECK_INT(d.fmt, MSG_FMT_NETSTRING);
	CHECK_INT(d.signed_len, 17);
	CHECK_STR(d.trailer, "1 abcd");
	msg_decoded_clear(&d);
	CHECK_INT(msg_decode(t, sizeof(t), true, &d), MSG_OK); /* a reader's NUL */
	msg_decoded_clear(&d);
	CHECK_INT(msg_decode(t, 17, true, &d), MSG_E_NOTRAILER);
	CHECK(d.msg == NULL);
	CHECK_INT(msg_decode(t, 18, true, &d), MSG_E_NOTRAILER);
	CHECK_INT(msg_decode(t, sizeof(t) - 2, true, &d), MSG_E_NOTRAILER);
	CHECK_INT(msg_decode(t, sizeof(t) - 2, false, &d), MSG_E_NOTRAILER);
	CHECK_INT(msg_decode(t, 17, false, &d), MSG_OK);
	CHECK(d.trailer == NULL);
	msg_decoded_clear(&d);
	CHECK_INT(msg_decode("###\n%%%\nxx", 10, true, &d), MSG_E_NOTRAILER);
	CHECK_INT(msg_decode("###\n%%%\nxx", 10, false, &d), MSG_E_SYNTAX);
	CHECK_INT(msg_decode("###\n%%%\n0:,", 11, true, &d), MSG_E_NOTRAILER);
	CHECK_INT(msg_decode("###\n%%%\n3:1\0a,", 14, true, &d), MSG_E_NOTRAILER);
	CHECK_INT(msg_decode("###\n%%%\n3:1 a,junk", 18, true, &d), MSG_E_SYNTAX);
	CHECK(d.msg == NULL && d.trailer == NULL);
	CHECK_INT(msg_decode(">>>\na=1\n<<<\n", 12, true, &d), MSG_OK);
	CHECK_INT(d.fmt, MSG_FMT_CLASSIC);
	CHECK(d.trailer == NULL);
	msg_decoded_clear(&d);
}

static void test_limits(void)
{
	struct msg_decoded d;
	CHECK_INT(msg_decode("", 0, false, &d), MSG_E_EMPTY);
	CHECK_INT(msg_decode(NULL, 5, false, &d), MSG_E_EMPTY);
	CHECK_INT(msg_decode("<<<\nabc", 7, false, &d), MSG_E_MAGIC);
	CHECK_INT(msg_decode("x", 1, false, &d), MSG_E_MAGIC);
	CHECK_INT(msg_decode("\0\0\0\0\0", 5, false, &d), MSG_E_MAGIC);
	/* the size limit: MSG_MAXMSG bytes decode, one more does not */
	char *big = g_malloc(MSG_MAXMSG + 1);
	memcpy(big, ">>>\nv=", 6);
	memset(big + 6, 'x', MSG_MAXMSG - 6);
	big[MSG_MAXMSG] = '\n';
	CHECK_INT(msg_decode(big, MSG_MAXMSG, false, &d), MSG_OK);
	CHECK_INT(d.msg->f[0].len, MSG_MAXMSG - 6);
	/* ...but that message is too big to send */
	GString *s = g_string_new(NULL);
	CHECK_INT(msg_to_classic(d.msg, s, false), -1);
	CHECK_INT(msg_to_netstring(d.msg, s), -1);
	CHECK_INT(s->len, 0);
	msg_decoded_clear(&d);
	CHECK_INT(msg_decode(big, MSG_MAXMSG + 1, false, &d), MSG_E_TOOBIG);
	/* the largest string value that still encodes (">>>\n" "v=" X "\n<<<\n" < MAXMSG) */
	struct hb_msg *m = msg_new();
	big[MSG_MAXMSG - 5] = '\0';
	msg_add(m, "v", big + 6);
	CHECK_INT(msg_to_classic(m, s, false), -1);
	msg_free(m);
	m = msg_new();
	big[MSG_MAXMSG - 6] = '\0';
	msg_add(m, "v", big + 6);
	CHECK_INT(msg_to_classic(m, s, false), 0);
	CHECK_INT(s->len, MSG_MAXMSG - 1);
	msg_free(m);
	g_string_free(s, TRUE);
	g_free(big);
}

/* Every prefix of a valid message, and every single-byte change at each
 * position, must decode or fail cleanly (ASan in CI checks the "cleanly"). */
static void test_prefixes(void)
{
	struct hb_msg *m = every_type(true);
	GString *s = g_string_new(NULL);
	msg_to_netstring(m, s);
	g_string_append(s, "6:1 abcd,");
	int ok = 0, fail = 0;
	for (size_t i = 0; i < s->len; i++) {
		struct msg_decoded d;
		char *p = g_memdup2(s->str, i);
		if (msg_decode(p, i, true, &d) == MSG_OK)
			ok++;
		else
			fail++;
		msg_decoded_clear(&d);
		g_free(p);
	}
	CHECK_INT(ok, 0);
	CHECK_INT(fail, (int)s->len);
	g_string_truncate(s, 0);
	msg_free(m);
	m = every_type(false);
	msg_to_classic(m, s, true);
	int changed = 0;
	for (size_t i = 0; i < s->len; i++) {
		for (int bit = 0; bit < 8; bit++) {
			char *p = g_memdup2(s->str, s->len);
			p[i] ^= (char)(1 << bit);
			struct hb_msg *back = dec(p, s->len, NULL);
			if (!back || !msg_equal(back, m))
				changed++;
			msg_free(back);
			g_free(p);
		}
	}
	CHECK(changed > 0);
	msg_free(m);
	g_string_free(s, TRUE);
}

int main(void)
{
	test_model();
	test_roundtrip();
	test_exact_bytes();
	test_depth();
	test_classic_rules();
	test_netstring_rules();
	test_limits();
	test_prefixes();
	return T_DONE();
}
