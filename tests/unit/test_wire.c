/* Unit tests of lib/wire.c against real traffic: the §9 vectors of
 * wire-protocol.md byte for byte, every captured UDP payload and serial
 * message under its folder's authkeys, tampering, and the drop reasons. */
#include "check.h"
#include "wire.h"
#include "compress.h"
#include <stdlib.h>

#define LIT(s) s, sizeof(s) - 1

/* §9 V1..V8, transcribed byte for byte. */
static const char V1[] = "###\n11:(0)t=status,10:(0)st=init,10:(0)dt=2ee0,13:(0)protocol=1,12:(0)src=node1,27:(1)srcuuid=\x91K4\x82\xcb\xe6MN\x80\xc1`l\x95\xac\x87;,8:(0)seq=1,14:(0)hg=6b0682d7,14:(0)ts=6b0682d6,32:(0)ld=0.52 0.64 0.32 1/108 14508,8:(0)ttl=3,50:(0)auth=3 57446f1747e52d3840cdc8b2c0cc3191b84ffae2,%%%\n42:3 9b83cc17b4030c1d7e0e92890bfe306dc3c2414b,";
static const char V2[] = "###\n14:(0)t=NS_ackmsg,13:(0)dest=node1,11:(0)ackseq=2,28:(1)destuuid=79\x0e\xbf\x03>K\xb1\x80+!\xce\x99\xb4\xa3\x80,12:(0)src=node1,27:(1)srcuuid=79\x0e\xbf\x03>K\xb1\x80+!\xce\x99\xb4\xa3\x80,14:(0)hg=6b068365,14:(0)ts=6b068364,8:(0)ttl=3,18:(0)auth=1 e46eca34,%%%\n10:1 6b0d6274,";
static const char V3[] = "###\n11:(0)t=status,10:(0)st=init,10:(0)dt=2ee0,13:(0)protocol=1,12:(0)src=node1,27:(1)srcuuid=c\xb3@Ja]D5\x80\x0e\xf7\xad\xe4\xa7" "EV,8:(0)seq=1,14:(0)hg=6b06833c,14:(0)ts=6b06833b,32:(0)ld=0.88 0.67 0.36 3/101 19617,8:(0)ttl=3,%%%\n34:2 9e68c6be4532f6cf1a09c6b45905cf19,";
static const char V4[] = ">>>\nt=status\nst=up\ndt=2710\nprotocol=1\nsrc=node2\n(1)srcuuid=EjRWeJq83vASNFZ4mrze8A==\nseq=1\nhg=3e8\nts=6b0683ce\nld=0.00 0.00 0.00 1/1 1\nttl=3\nauth=3 baf14579b307a5e39e817caa80d37a31ba8212dc\n<<<\n\0";
static const char V5[] = ">>>\nt=status\nst=up\nsrc=node2\nseq=1\nts=6b0685ed\nauth=3 25f00f50416676b931f1d8c2cb2c488da1ae12f9\n<<<\n\0";
static const char V6[] = ">>>\nt=NS_rexmit\ndest=node1\nfirstseq=12\nlastseq=13\nsrc=node2\n(1)srcuuid=EjRWeJq83vASNFZ4mrze8A==\nhg=3e8\nts=6b0683da\nttl=3\nauth=3 a96c738aab67ea8cd845f8f447bc1c888f75f82d\n<<<\n";
static const char V7[] = "###\n13:(0)dest=node1,13:(0)t=repnodes,24:(0)nodelist=node1 node2 ,16:(0)delnodelist= ,28:(1)destuuid=\x91K4\x82\xcb\xe6MN\x80\xc1`l\x95\xac\x87;,12:(0)src=node2,27:(1)srcuuid=\x1e\xe6\x94\xf5\xb6?@\x04\x8a\x9cG\xde\x8d\x99\x11\xa9,8:(0)seq=6,14:(0)hg=6b0682da,14:(0)ts=6b0682da,32:(0)ld=0.52 0.64 0.32 2/113 14614,8:(0)ttl=3,50:(0)auth=3 cf117b656b14d72a1c7b09fac0cc1622e83f4abe,%%%\n42:3 be1912e5d572c43b0b0ec6fe3263392fb8e493e9,";
static const char V8a[] = "###\n13:(0)t=reqnodes,13:(0)dest=node2,28:(1)destuuid=\x1e\xe6\x94\xf5\xb6?@\x04\x8a\x9cG\xde\x8d\x99\x11\xa9,12:(0)src=node1,27:(1)srcuuid=\x91K4\x82\xcb\xe6MN\x80\xc1`l\x95\xac\x87;,8:(0)seq=7,14:(0)hg=6b0682d7,14:(0)ts=6b0682d9,32:(0)ld=0.52 0.64 0.32 1/112 14581,8:(0)ttl=3,50:(0)auth=3 2fbeacd9111fe2f7273456ff9c38fcafd73e4d3e,%%%\n42:3 9437c135d1e584d57e1dfe1553e9a463d6bf654d,";
static const char V8b[] = "###\n13:(0)t=shutdone,10:(0)st=dead,12:(0)src=node2,27:(1)srcuuid=\x1e\xe6\x94\xf5\xb6?@\x04\x8a\x9cG\xde\x8d\x99\x11\xa9,9:(0)seq=4d,14:(0)hg=6b0682da,14:(0)ts=6b068317,31:(0)ld=0.36 0.58 0.32 1/96 18999,8:(0)ttl=3,50:(0)auth=3 751ea489df8d1a93348e98296c63fa7088da3c4f,%%%\n42:3 6f33983339ae02b5dcaecc7cc781d0ab2eecc0de,";

static struct auth_keys keys(const char *text)
{
	struct auth_keys k;
	char err[256];
	if (auth_parse(text, strlen(text), "test", &k, err, sizeof(err)) != 0)
		printf("keys: %s\n", err);
	return k;
}

/* Every single-bit change in the first n bytes must stop verification. */
static int tamper_survivors(const struct auth_keys *k, const char *buf, size_t len, size_t n)
{
	int survived = 0;
	char *p = g_memdup2(buf, len);
	for (size_t i = 0; i < n; i++) {
		for (int bit = 0; bit < 8; bit++) {
			p[i] ^= (char)(1 << bit);
			struct hb_msg *m = NULL;
			if (wire_decode(k, p, len, &m) == WIRE_OK) {
				survived++;
				printf("tampered byte %zu bit %d still verifies\n", i, bit);
			}
			msg_free(m);
			p[i] ^= (char)(1 << bit);
		}
	}
	g_free(p);
	return survived;
}

/* Decode and verify, re-encode as the sender did, compare the bytes. */
static struct hb_msg *check_vector(const struct auth_keys *k, const char *buf, size_t len,
				   enum msg_fmt fmt)
{
	struct hb_msg *m = NULL;
	CHECK_INT(wire_decode(k, buf, len, &m), WIRE_OK);
	if (!m)
		return NULL;
	GString *s = g_string_new(NULL);
	bool nul = len && buf[len - 1] == '\0';
	CHECK_INT(wire_encode(k, m, fmt, msg_field(m, "auth") != NULL, nul, s), 0);
	CHECK_MEM(s->str, s->len, buf, len);
	g_string_free(s, TRUE);
	size_t body = len;
	if (fmt == MSG_FMT_CLASSIC)
		body = (size_t)(strstr(buf, "<<<\n") - buf) + 4;
	CHECK_INT(tamper_survivors(k, buf, len, body), 0);
	return m;
}

static void check_token(const struct hb_msg *m, const struct auth_keys *k, const char *want)
{
	GString *t = g_string_new(NULL);
	CHECK_INT(msg_classic_authtext(m, t), 0);
	const struct auth_entry *e = &k->e[k->active];
	char tok[41];
	auth_token(e->method, e->key, e->keylen, t->str, t->len, tok);
	CHECK_STR(tok, want);
	g_string_free(t, TRUE);
}

static void test_vectors(void)
{
	struct auth_keys sha = keys("auth 3\n3 sha1 s3cr3t\n");
	struct auth_keys md5 = keys("auth 2\n2 md5 s3cr3t\n");
	struct auth_keys crc = keys("auth 1\n1 crc\n");

	CHECK_INT(sizeof(V1) - 1, 309);
	struct hb_msg *m = check_vector(&sha, LIT(V1), MSG_FMT_NETSTRING);
	size_t ul = 0;
	const void *u = msg_get_bin(m, "srcuuid", &ul);
	CHECK_MEM(u, ul, "\x91\x4b\x34\x82\xcb\xe6\x4d\x4e\x80\xc1\x60\x6c\x95\xac\x87\x3b", 16);
	CHECK_STR(msg_get(m, "auth"), "3 57446f1747e52d3840cdc8b2c0cc3191b84ffae2");
	GString *t = g_string_new(NULL);
	msg_classic_authtext(m, t);
	const char v1text[] = "t=status\nst=init\ndt=2ee0\nprotocol=1\nsrc=node1\n(1)srcuuid=kUs0gsvmTU6AwWBslayHOw==\nseq=1\nhg=6b0682d7\nts=6b0682d6\nld=0.52 0.64 0.32 1/108 14508\nttl=3\n";
	CHECK_MEM(t->str, t->len, v1text, sizeof(v1text) - 1);
	check_token(m, &sha, "57446f1747e52d3840cdc8b2c0cc3191b84ffae2");
	unsigned long seq = 0;
	CHECK(msg_get_hex(m, "hg", &seq) && seq == 0x6b0682d7);
	/* without the inner field the trailer changes but still verifies */
	msg_del(m, "auth");
	g_string_truncate(t, 0);
	CHECK_INT(wire_encode(&sha, m, MSG_FMT_NETSTRING, false, false, t), 0);
	CHECK(strstr(t->str, "(0)auth=") == NULL);
	struct hb_msg *back = NULL;
	CHECK_INT(wire_decode(&sha, t->str, t->len, &back), WIRE_OK);
	msg_free(back);
	/* with it, the fresh message comes out as 3.0.6 sent it */
	g_string_truncate(t, 0);
	CHECK_INT(wire_encode(&sha, m, MSG_FMT_NETSTRING, true, false, t), 0);
	CHECK_MEM(t->str, t->len, V1, sizeof(V1) - 1);
	msg_free(m);

	CHECK_INT(sizeof(V2) - 1, 220);
	m = check_vector(&crc, LIT(V2), MSG_FMT_NETSTRING);
	CHECK_STR(msg_get(m, "auth"), "1 e46eca34");
	g_string_truncate(t, 0);
	msg_classic_authtext(m, t);
	const char v2text[] = "t=NS_ackmsg\ndest=node1\nackseq=2\n(1)destuuid=NzkOvwM+S7GAKyHOmbSjgA==\nsrc=node1\n(1)srcuuid=NzkOvwM+S7GAKyHOmbSjgA==\nhg=6b068365\nts=6b068364\nttl=3\n";
	CHECK_MEM(t->str, t->len, v2text, sizeof(v2text) - 1);
	check_token(m, &crc, "e46eca34");
	msg_free(m);

	CHECK_INT(sizeof(V3) - 1, 247);
	m = check_vector(&md5, LIT(V3), MSG_FMT_NETSTRING);
	CHECK(msg_get(m, "auth") == NULL);
	CHECK_STR(msg_get(m, "ld"), "0.88 0.67 0.36 3/101 19617");
	msg_free(m);

	m = check_vector(&sha, LIT(V4), MSG_FMT_CLASSIC);
	u = msg_get_bin(m, "srcuuid", &ul);
	CHECK_MEM(u, ul, "\x12\x34\x56\x78\x9a\xbc\xde\xf0\x12\x34\x56\x78\x9a\xbc\xde\xf0", 16);
	/* the same body under md5 (index 2) and crc (index 1) */
	g_string_truncate(t, 0);
	CHECK_INT(wire_encode(&md5, m, MSG_FMT_CLASSIC, false, true, t), 0);
	CHECK(strstr(t->str, "\nttl=3\nauth=2 2f8f6c61030245abb7ea5f04682488ce\n<<<\n") != NULL);
	CHECK_INT(wire_decode(&md5, t->str, t->len, &back), WIRE_OK);
	msg_free(back);
	g_string_truncate(t, 0);
	CHECK_INT(wire_encode(&crc, m, MSG_FMT_CLASSIC, false, true, t), 0);
	CHECK(strstr(t->str, "\nttl=3\nauth=1 c3b8d4b0\n<<<\n") != NULL);
	CHECK_INT(wire_decode(&crc, t->str, t->len, &back), WIRE_OK);
	msg_free(back);
	/* classic is accepted with and without its NUL */
	CHECK_INT(wire_decode(&sha, V4, sizeof(V4) - 2, &back), WIRE_OK);
	msg_free(back);
	msg_free(m);

	m = check_vector(&sha, LIT(V5), MSG_FMT_CLASSIC);
	CHECK_INT(m ? m->n : 0, 6);
	g_string_truncate(t, 0);
	wire_encode(&md5, m, MSG_FMT_CLASSIC, false, true, t);
	CHECK(strstr(t->str, "auth=2 51269959aaa12b979f4c49e309928411\n") != NULL);
	g_string_truncate(t, 0);
	wire_encode(&crc, m, MSG_FMT_CLASSIC, false, true, t);
	CHECK(strstr(t->str, "auth=1 b85a21de\n") != NULL);
	msg_free(m);

	m = check_vector(&sha, LIT(V6), MSG_FMT_CLASSIC);
	long first = 0;
	CHECK(msg_get_dec(m, "firstseq", &first) && first == 12);
	msg_free(m);

	CHECK_INT(sizeof(V7) - 1, 363);
	m = check_vector(&sha, LIT(V7), MSG_FMT_NETSTRING);
	CHECK_STR(m ? m->f[0].name : NULL, "dest");
	CHECK_STR(msg_get(m, "nodelist"), "node1 node2 ");
	CHECK_STR(msg_get(m, "delnodelist"), " ");
	check_token(m, &sha, "cf117b656b14d72a1c7b09fac0cc1622e83f4abe");
	msg_free(m);
	m = check_vector(&sha, LIT(V8a), MSG_FMT_NETSTRING);
	check_token(m, &sha, "2fbeacd9111fe2f7273456ff9c38fcafd73e4d3e");
	msg_free(m);
	m = check_vector(&sha, LIT(V8b), MSG_FMT_NETSTRING);
	CHECK(msg_get_hex(m, "seq", &seq) && seq == 0x4d);
	check_token(m, &sha, "751ea489df8d1a93348e98296c63fa7088da3c4f");
	msg_free(m);

	/* the wrong key or method fails every vector */
	struct auth_keys other = keys("auth 3\n3 sha1 s3cr3T\n1 crc\n2 md5 x\n");
	const char *all[] = { V1, V3, V4, V5, V6, V7, V8a, V8b };
	const size_t lens[] = { sizeof(V1) - 1, sizeof(V3) - 1, sizeof(V4) - 1, sizeof(V5) - 1,
				sizeof(V6) - 1, sizeof(V7) - 1, sizeof(V8a) - 1, sizeof(V8b) - 1 };
	for (size_t i = 0; i < G_N_ELEMENTS(all); i++) {
		CHECK_INT(wire_decode(&other, all[i], lens[i], &back), WIRE_DROP_BADAUTH);
		CHECK(back == NULL);
		CHECK_INT(wire_decode(&crc, all[i], lens[i], &back), WIRE_DROP_BADAUTH);
	}
	g_string_free(t, TRUE);
	auth_clear(&sha);
	auth_clear(&md5);
	auth_clear(&crc);
	auth_clear(&other);
}

static const char *shared(void)
{
	const char *s = getenv("HB_DATA");
	return s && *s ? s : "tests/data";
}

static struct auth_keys folder_keys(const char *dir, bool *ok)
{
	char *p = g_build_filename(dir, "authkeys", NULL);
	gchar *text = NULL;
	gsize len = 0;
	struct auth_keys k;
	memset(&k, 0, sizeof(k));
	k.active = -1;
	char err[512];
	*ok = g_file_get_contents(p, &text, &len, NULL) &&
	      auth_parse(text, len, p, &k, err, sizeof(err)) == 0;
	if (!*ok)
		printf("cannot use %s\n", p);
	g_free(text);
	g_free(p);
	return k;
}

/* Every captured UDP payload verifies with its folder's keys and re-encodes
 * to the same bytes; a flipped bit anywhere stops it. */
static void test_captures(void)
{
	char *root = g_build_filename(shared(), "spec", "captures", NULL);
	GDir *d = g_dir_open(root, 0, NULL);
	CHECK(d != NULL);
	if (!d) {
		g_free(root);
		return;
	}
	int files = 0, verified = 0, same = 0, folders = 0, tampered = 0;
	const char *name;
	while ((name = g_dir_read_name(d))) {
		char *dir = g_build_filename(root, name, NULL);
		char *pl = g_build_filename(dir, "payloads", NULL);
		GDir *pd = g_dir_open(pl, 0, NULL);
		if (!pd) {
			g_free(pl);
			g_free(dir);
			continue;
		}
		bool ok;
		struct auth_keys k = folder_keys(dir, &ok);
		CHECK(ok);
		folders++;
		const char *f;
		while ((f = g_dir_read_name(pd))) {
			if (!g_str_has_suffix(f, ".bin"))
				continue;
			char *fp = g_build_filename(pl, f, NULL);
			gchar *buf;
			gsize len;
			files++;
			if (!g_file_get_contents(fp, &buf, &len, NULL)) {
				CHECK(!"unreadable payload");
				g_free(fp);
				continue;
			}
			struct hb_msg *m = NULL;
			enum wire_drop r = wire_decode(&k, buf, len, &m);
			if (r != WIRE_OK)
				printf("%s: %s\n", fp, wire_drop_name(r));
			if (r == WIRE_OK) {
				verified++;
				GString *s = g_string_new(NULL);
				enum msg_fmt fmt = buf[0] == '#' ? MSG_FMT_NETSTRING : MSG_FMT_CLASSIC;
				if (wire_encode(&k, m, fmt, msg_field(m, "auth") != NULL,
						buf[len - 1] == '\0', s) == 0 &&
				    s->len == len && memcmp(s->str, buf, len) == 0)
					same++;
				else
					printf("%s: re-encoded bytes differ\n", fp);
				g_string_free(s, TRUE);
				/* one packet per folder gets the full bit-flip treatment */
				if (files % 20 == 1)
					tampered += tamper_survivors(&k, buf, len, len);
			}
			msg_free(m);
			g_free(buf);
			g_free(fp);
		}
		g_dir_close(pd);
		auth_clear(&k);
		g_free(pl);
		g_free(dir);
	}
	g_dir_close(d);
	g_free(root);
	printf("captures: %d folders, %d payloads, %d verified, %d re-encoded identically\n",
	       folders, files, verified, same);
	CHECK(folders >= 9);
	CHECK(files >= 160);
	CHECK_INT(verified, files);
	CHECK_INT(same, files);
	CHECK_INT(tampered, 0);
}

/* The serial capture is a socat hex log: a header line per write ("> " one
 * direction, "< " the other) then hex bytes.  Each direction's bytes are
 * classic messages back to back with no NUL. */
static void test_serial(void)
{
	char *dir = g_build_filename(shared(), "spec", "captures", "serial", NULL);
	char *log = g_build_filename(dir, "serial-only-socat-hex.log", NULL);
	gchar *text = NULL;
	CHECK(g_file_get_contents(log, &text, NULL, NULL));
	bool ok;
	struct auth_keys k = folder_keys(dir, &ok);
	CHECK(ok);
	GByteArray *stream[2] = { g_byte_array_new(), g_byte_array_new() };
	int cur = -1;
	char **lines = g_strsplit(text ? text : "", "\n", -1);
	for (char **l = lines; *l; l++) {
		if (**l == '>' || **l == '<') {
			cur = **l == '>' ? 0 : 1;
			continue;
		}
		if (cur < 0)
			continue;
		char **hex = g_strsplit_set(*l, " \t\r", -1);
		for (char **h = hex; *h; h++) {
			if (strlen(*h) == 2 && g_ascii_isxdigit((*h)[0]) && g_ascii_isxdigit((*h)[1])) {
				guint8 b = (guint8)(g_ascii_xdigit_value((*h)[0]) * 16 +
						    g_ascii_xdigit_value((*h)[1]));
				g_byte_array_append(stream[cur], &b, 1);
			}
		}
		g_strfreev(hex);
	}
	g_strfreev(lines);
	int msgs = 0, verified = 0, same = 0, tampered = 0;
	for (int s = 0; s < 2; s++) {
		const char *b = (const char *)stream[s]->data;
		size_t len = stream[s]->len, p = 0;
		while (p + 4 <= len) {
			const char *start = g_strstr_len(b + p, (gssize)(len - p), ">>>\n");
			if (!start)
				break;
			size_t sp = (size_t)(start - b);
			const char *end = g_strstr_len(start, (gssize)(len - sp), "\n<<<\n");
			if (!end)
				break;
			size_t ml = (size_t)(end - start) + 5;
			msgs++;
			struct hb_msg *m = NULL;
			enum wire_drop r = wire_decode(&k, start, ml, &m);
			if (r == WIRE_OK) {
				verified++;
				GString *o = g_string_new(NULL);
				if (wire_encode(&k, m, MSG_FMT_CLASSIC, false, false, o) == 0 &&
				    o->len == ml && memcmp(o->str, start, ml) == 0)
					same++;
				g_string_free(o, TRUE);
				if (msgs % 25 == 1)
					tampered += tamper_survivors(&k, start, ml, ml);
			} else {
				printf("serial message %d: %s\n", msgs, wire_drop_name(r));
			}
			msg_free(m);
			p = sp + ml;
		}
	}
	printf("serial: %d messages, %d verified, %d re-encoded identically\n", msgs, verified, same);
	CHECK(msgs >= 60);
	CHECK_INT(verified, msgs);
	CHECK_INT(same, msgs);
	CHECK_INT(tampered, 0);
	g_byte_array_free(stream[0], TRUE);
	g_byte_array_free(stream[1], TRUE);
	auth_clear(&k);
	g_free(text);
	g_free(log);
	g_free(dir);
}

/* §2.4: netstring checks take the method of the packet's index but the key
 * of our own outbound entry; classic uses the named entry's own key. */
static void test_key_quirk(void)
{
	struct auth_keys a = keys("auth 1\n1 sha1 old\n");
	struct auth_keys b = keys("auth 2\n1 sha1 old\n2 sha1 new\n");
	struct hb_msg *m = msg_new();
	msg_add(m, "t", "status");
	GString *s = g_string_new(NULL);
	struct hb_msg *back = NULL;
	CHECK_INT(wire_encode(&a, m, MSG_FMT_NETSTRING, true, false, s), 0);
	CHECK_INT(wire_decode(&a, s->str, s->len, &back), WIRE_OK);
	msg_free(back);
	CHECK_INT(wire_decode(&b, s->str, s->len, &back), WIRE_DROP_BADAUTH);
	g_string_truncate(s, 0);
	CHECK_INT(wire_encode(&a, m, MSG_FMT_CLASSIC, false, true, s), 0);
	CHECK_INT(wire_decode(&b, s->str, s->len, &back), WIRE_OK);
	msg_free(back);
	/* crc ignores keys, so the quirk cannot bite it */
	struct auth_keys c = keys("auth 1\n1 crc\n");
	struct auth_keys d = keys("auth 2\n1 crc\n2 md5 k\n");
	g_string_truncate(s, 0);
	wire_encode(&c, m, MSG_FMT_NETSTRING, false, false, s);
	CHECK_INT(wire_decode(&d, s->str, s->len, &back), WIRE_OK);
	msg_free(back);
	g_string_free(s, TRUE);
	msg_free(m);
	auth_clear(&a);
	auth_clear(&b);
	auth_clear(&c);
	auth_clear(&d);
}

static enum wire_drop drop(const struct auth_keys *k, const char *buf, size_t len)
{
	struct hb_msg *m = (struct hb_msg *)1;
	enum wire_drop r = wire_decode(k, buf, len, &m);
	if (r != WIRE_OK)
		CHECK(m == NULL);
	msg_free(m);
	return r;
}
#define DROP(k, lit) drop(k, lit, sizeof(lit) - 1)

static void test_drops(void)
{
	struct auth_keys k = keys("auth 1\n1 crc\n");
	CHECK_INT(DROP(&k, ""), WIRE_DROP_MALFORMED);
	CHECK_INT(DROP(&k, "hello"), WIRE_DROP_MALFORMED);
	CHECK_INT(DROP(&k, ">>>\nnoeq\n<<<\n"), WIRE_DROP_MALFORMED);
	CHECK_INT(DROP(&k, ">>>\nt=x\n<<<\n"), WIRE_DROP_NOAUTH);
	CHECK_INT(DROP(&k, ">>>\nt=x\nauth=1\n<<<\n"), WIRE_DROP_NOAUTH);
	CHECK_INT(DROP(&k, ">>>\nt=x\nauth=x 1\n<<<\n"), WIRE_DROP_NOAUTH);
	CHECK_INT(DROP(&k, ">>>\nt=x\nauth=1 \n<<<\n"), WIRE_DROP_NOAUTH);
	CHECK_INT(DROP(&k, ">>>\nt=x\nauth=1 a b\n<<<\n"), WIRE_DROP_NOAUTH);
	CHECK_INT(DROP(&k, ">>>\nt=x\n(1)auth=AAAA\n<<<\n"), WIRE_DROP_NOAUTH);
	CHECK_INT(DROP(&k, ">>>\nt=x\nauth=1 0\n<<<\n"), WIRE_DROP_BADAUTH);
	CHECK_INT(DROP(&k, ">>>\nt=x\nauth=2 0\n<<<\n"), WIRE_DROP_BADAUTH);
	CHECK_INT(DROP(&k, ">>>\nt=x\nauth=16 0\n<<<\n"), WIRE_DROP_BADAUTH);
	CHECK_INT(DROP(&k, ">>>\nt=x\nauth=99999 0\n<<<\n"), WIRE_DROP_NOAUTH);
	CHECK_INT(DROP(&k, "###\n6:(0)t=x,%%%\n"), WIRE_DROP_NOAUTH);
	CHECK_INT(DROP(&k, "###\n6:(0)t=x,%%%\n1:1,"), WIRE_DROP_NOAUTH);
	CHECK_INT(DROP(&k, "###\n6:(0)t=x,%%%\n3:7 0,"), WIRE_DROP_BADAUTH);
	CHECK_INT(DROP(&k, "###\n6:(0)t=x,%%%\n3:1 0,"), WIRE_DROP_BADAUTH);
	CHECK_INT(DROP(&k, "###\n6:(0)t=x,%%%\n3:1 0"), WIRE_DROP_NOAUTH);
	CHECK_INT(DROP(&k, "###\n6:(7)t=x,%%%\n3:1 0,"), WIRE_DROP_MALFORMED);

	/* the right token in upper case fails, as the original's strcmp does */
	struct hb_msg *m = msg_new();
	msg_add(m, "t", "x");
	GString *s = g_string_new(NULL);
	CHECK_INT(wire_encode(&k, m, MSG_FMT_CLASSIC, false, false, s), 0);
	CHECK_INT(drop(&k, s->str, s->len), WIRE_OK);
	char *up = g_strdup(s->str);
	for (char *p = strstr(up, "auth=1 ") + 7; *p != '\n'; p++)
		*p = g_ascii_toupper(*p);
	if (strcmp(up, s->str) != 0)
		CHECK_INT(drop(&k, up, s->len), WIRE_DROP_BADAUTH);
	g_free(up);

	char *big = g_malloc0(MSG_MAXMSG + 1);
	memcpy(big, ">>>\n", 4);
	CHECK_INT(drop(&k, big, MSG_MAXMSG + 1), WIRE_DROP_TOOBIG);
	g_free(big);

	CHECK_STR(wire_drop_name(WIRE_OK), "ok");
	CHECK_STR(wire_drop_name(WIRE_DROP_BADAUTH), "authentication failed");
	CHECK_STR(wire_drop_name(WIRE_DROP_NOAUTH), "no authentication");
	CHECK_STR(wire_drop_name(WIRE_DROP_MALFORMED), "malformed");
	CHECK_STR(wire_drop_name(WIRE_DROP_TOOBIG), "too big");
	CHECK_STR(wire_drop_name((enum wire_drop)42), "unknown");
	msg_free(m);
	g_string_free(s, TRUE);
	auth_clear(&k);
}

static void test_encode(void)
{
	struct auth_keys k = keys("auth 3\n3 sha1 s3cr3t\n");
	struct hb_msg *m = msg_new();
	msg_add(m, "t", "status");
	msg_add(m, "auth", "9 stale");
	msg_add(m, "src", "node2");
	GString *s = g_string_new("x");
	/* classic: a stale auth field is replaced by a fresh one at the end */
	CHECK_INT(wire_encode(&k, m, MSG_FMT_CLASSIC, false, false, s), 0);
	CHECK(g_str_has_prefix(s->str, "x>>>\nt=status\nsrc=node2\nauth=3 "));
	CHECK(g_str_has_suffix(s->str, "\n<<<\n"));
	CHECK_STR(msg_get(m, "auth"), "9 stale"); /* the message is not changed */
	struct hb_msg *back = NULL;
	CHECK_INT(wire_decode(&k, s->str + 1, s->len - 1, &back), WIRE_OK);
	CHECK_INT(back ? back->n : 0, 3);
	msg_free(back);
	/* netstring with inner auth: the stale field is changed in place */
	g_string_truncate(s, 0);
	CHECK_INT(wire_encode(&k, m, MSG_FMT_NETSTRING, true, false, s), 0);
	CHECK(g_str_has_prefix(s->str, "###\n11:(0)t=status,50:(0)auth=3 "));
	CHECK_INT(wire_decode(&k, s->str, s->len, &back), WIRE_OK);
	msg_free(back);

	/* messages with nested fields get no inner auth (3.0.6 sends them so) */
	struct hb_msg *c = msg_new();
	msg_add(c, "a", "1");
	msg_del(m, "auth");
	msg_add_struct(m, "child", c);
	g_string_truncate(s, 0);
	CHECK_INT(wire_encode(&k, m, MSG_FMT_NETSTRING, true, false, s), 0);
	CHECK(strstr(s->str, "auth=") == NULL);
	CHECK_INT(wire_decode(&k, s->str, s->len, &back), WIRE_OK);
	msg_free(back);
	/* classic nests it, for serial links */
	g_string_truncate(s, 0);
	CHECK_INT(wire_encode(&k, m, MSG_FMT_CLASSIC, false, true, s), 0);
	CHECK(strstr(s->str, "(2)child=>>>\x14" "a=1\x14<<<\x14\n") != NULL);
	CHECK_INT(wire_decode(&k, s->str, s->len, &back), WIRE_OK);
	msg_free(back);
	/* a field marked for compression is sent compressed (type 4), even on
	 * serial; with compression off it cannot be encoded and out is left alone */
	msg_add_typed(m, "unz", FT_UNCOMPRESS, c, 0);
	g_string_assign(s, "keep");
	CHECK_INT(wire_encode(&k, m, MSG_FMT_CLASSIC, false, true, s), 0);
	CHECK(strstr(s->str, "(4)unz=") != NULL);
	cz_policy.algo = CZ_NONE;
	g_string_assign(s, "keep");
	CHECK_INT(wire_encode(&k, m, MSG_FMT_CLASSIC, false, true, s), -1);
	CHECK_STR(s->str, "keep");
	cz_policy.algo = CZ_ZLIB;
	CHECK_INT(wire_encode(&k, m, MSG_FMT_NETSTRING, true, false, s), 0);
	struct auth_keys none;
	memset(&none, 0, sizeof(none));
	none.active = -1;
	g_string_assign(s, "keep");
	CHECK_INT(wire_encode(&none, m, MSG_FMT_NETSTRING, false, false, s), -1);
	CHECK_INT(wire_encode(NULL, m, MSG_FMT_NETSTRING, false, false, s), -1);
	CHECK_STR(s->str, "keep");
	CHECK_INT(drop(&none, LIT(V4)), WIRE_DROP_BADAUTH);
	/* too big once the trailer is on */
	struct hb_msg *b = msg_new();
	char *v = g_malloc(MSG_MAXMSG);
	memset(v, 'x', MSG_MAXMSG - 40);
	v[MSG_MAXMSG - 40] = '\0';
	msg_add(b, "v", v);
	cz_policy.algo = CZ_NONE;
	CHECK_INT(wire_encode(&k, b, MSG_FMT_NETSTRING, false, false, s), -1);
	CHECK_STR(s->str, "keep");
	/* with compression (the default) it goes whole-message compressed */
	cz_policy.algo = CZ_ZLIB;
	CHECK_INT(wire_encode(&k, b, MSG_FMT_NETSTRING, false, false, s), 0);
	CHECK(strstr(s->str, "_compressed_payload") != NULL);
	g_string_assign(s, "keep");
	g_free(v);
	msg_free(b);
	msg_free(c);
	msg_free(m);
	g_string_free(s, TRUE);
	auth_clear(&k);
}

int main(void)
{
	test_vectors();
	test_captures();
	test_serial();
	test_key_quirk();
	test_drops();
	test_encode();
	return T_DONE();
}
