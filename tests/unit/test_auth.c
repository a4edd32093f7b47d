/* Unit tests of lib/auth.c: the token methods against published vectors and
 * wire-protocol.md §9, every authkeys parse rule and error message (§2.1), and
 * the permission check of auth_load on temporary files. */
#include "check.h"
#include "auth.h"
#include <errno.h>
#include <pwd.h>
#include <fcntl.h>
#include <glib.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

static void tok(enum auth_method m, const char *key, const char *data, size_t len, char out[41])
{
	auth_token(m, key, key ? strlen(key) : 0, data, len, out);
}

static void test_tokens(void)
{
	char t[41];
	CHECK_INT(auth_crc32("123456789", 9), 0x765e7680);
	tok(AUTH_CRC, NULL, "123456789", 9, t);
	CHECK_STR(t, "765e7680");
	tok(AUTH_CRC, "ignored", "123456789", 9, t);
	CHECK_STR(t, "765e7680");
	tok(AUTH_CRC, NULL, "8", 1, t); /* no zero padding (%lx) */
	CHECK_STR(t, "dc57fd7");
	tok(AUTH_CRC, NULL, "", 0, t);
	CHECK_STR(t, "ffffffff");

	const char fox[] = "The quick brown fox jumps over the lazy dog";
	tok(AUTH_MD5, "key", fox, strlen(fox), t);
	CHECK_STR(t, "80070713463e7749b90c2dc24911e275");
	tok(AUTH_SHA1, "key", fox, strlen(fox), t);
	CHECK_STR(t, "de7c9b85b8b78aa6bc8a7a36f70a90701c9db4d9");
	/* RFC 2202 case 6: a key longer than the block is hashed first */
	char longkey[81];
	memset(longkey, 0xaa, 80);
	longkey[80] = '\0';
	const char big[] = "Test Using Larger Than Block-Size Key - Hash Key First";
	tok(AUTH_MD5, longkey, big, strlen(big), t);
	CHECK_STR(t, "6b1ab7fe4bd7bf8f0b62e6ce61b9d0cd");
	tok(AUTH_SHA1, longkey, big, strlen(big), t);
	CHECK_STR(t, "aa4ae5e15272d00e95705637ce8a3b55ed402112");
	tok(AUTH_NONE, "k", "x", 1, t);
	CHECK_STR(t, "");

	/* §9 V4 and V5: one body, three methods */
	const char v4[] = "t=status\nst=up\ndt=2710\nprotocol=1\nsrc=node2\n"
			  "(1)srcuuid=EjRWeJq83vASNFZ4mrze8A==\nseq=1\nhg=3e8\nts=6b0683ce\n"
			  "ld=0.00 0.00 0.00 1/1 1\nttl=3\n";
	tok(AUTH_SHA1, "s3cr3t", v4, sizeof(v4) - 1, t);
	CHECK_STR(t, "baf14579b307a5e39e817caa80d37a31ba8212dc");
	tok(AUTH_MD5, "s3cr3t", v4, sizeof(v4) - 1, t);
	CHECK_STR(t, "2f8f6c61030245abb7ea5f04682488ce");
	tok(AUTH_CRC, NULL, v4, sizeof(v4) - 1, t);
	CHECK_STR(t, "c3b8d4b0");
	const char v5[] = "t=status\nst=up\nsrc=node2\nseq=1\nts=6b0685ed\n";
	tok(AUTH_SHA1, "s3cr3t", v5, sizeof(v5) - 1, t);
	CHECK_STR(t, "25f00f50416676b931f1d8c2cb2c488da1ae12f9");
	tok(AUTH_MD5, "s3cr3t", v5, sizeof(v5) - 1, t);
	CHECK_STR(t, "51269959aaa12b979f4c49e309928411");
	tok(AUTH_CRC, NULL, v5, sizeof(v5) - 1, t);
	CHECK_STR(t, "b85a21de");

	CHECK_STR(auth_method_name(AUTH_CRC), "crc");
	CHECK_STR(auth_method_name(AUTH_MD5), "md5");
	CHECK_STR(auth_method_name(AUTH_SHA1), "sha1");
	CHECK_STR(auth_method_name(AUTH_NONE), "none");
	CHECK_INT(auth_method_from_name("sha1"), AUTH_SHA1);
	CHECK_INT(auth_method_from_name("md5"), AUTH_MD5);
	CHECK_INT(auth_method_from_name("crc"), AUTH_CRC);
	CHECK_INT(auth_method_from_name("SHA1"), AUTH_NONE);
	CHECK_INT(auth_method_from_name(NULL), AUTH_NONE);
}

static int parse(const char *text, struct auth_keys *k, char *err, size_t errlen)
{
	return auth_parse(text, strlen(text), "ak", k, err, errlen);
}

static void test_parse_ok(void)
{
	struct auth_keys k;
	char err[256] = "untouched";
	const char f[] = "# comment\n\n   \t\n  auth 3\r\n1 crc\n"
			 "2 md5 s3cr3t\n\t3 sha1 s3cr3t  ignored words\r\n  # indented comment\n"
			 "0 sha1 zero";
	CHECK_INT(parse(f, &k, err, sizeof(err)), 0);
	CHECK_STR(err, "");
	CHECK_INT(k.active, 3);
	CHECK(k.e[0].defined && k.e[1].defined && k.e[2].defined && k.e[3].defined);
	CHECK(!k.e[4].defined && !k.e[15].defined);
	CHECK_INT(k.e[1].method, AUTH_CRC);
	CHECK(k.e[1].key == NULL);
	CHECK_INT(k.e[2].method, AUTH_MD5);
	CHECK_STR(k.e[2].key, "s3cr3t");
	CHECK_INT(k.e[3].method, AUTH_SHA1);
	CHECK_STR(k.e[3].key, "s3cr3t");
	CHECK_INT(k.e[3].keylen, 6);
	CHECK_STR(k.e[0].key, "zero");
	auth_clear(&k);
	CHECK_INT(k.active, -1);
	CHECK(!k.e[3].defined && k.e[3].key == NULL);

	/* a capture's file, index 15, a redefinition, and auth named twice */
	CHECK_INT(parse("auth 1\n1 sha1 golden-sha1-key\n", &k, NULL, 0), 0);
	CHECK_STR(k.e[1].key, "golden-sha1-key");
	auth_clear(&k);
	CHECK_INT(parse("auth 15\n15 md5 a\n15 sha1 b\n", &k, err, sizeof(err)), 0);
	CHECK_INT(k.e[15].method, AUTH_SHA1);
	CHECK_STR(k.e[15].key, "b");
	auth_clear(&k);
	CHECK_INT(parse("auth 0\n0 crc", &k, err, sizeof(err)), 0);
	CHECK_INT(k.active, 0);
	auth_clear(&k);
	CHECK_INT(parse("auth 1\n1 crc\nauth 2\n2 md5 x\n", &k, err, sizeof(err)), 0);
	CHECK_INT(k.active, 2);
	auth_clear(&k);
	/* the binding happens when the named index is defined: a later "auth"
	 * naming an index defined earlier does not move it (as 3.0.6) */
	CHECK_INT(parse("auth 1\n1 crc\n2 md5 x\nauth 2\n", &k, err, sizeof(err)), 0);
	CHECK_INT(k.active, 1);
	auth_clear(&k);
	CHECK_INT(parse("auth +2\n+2 md5 x\n", &k, err, sizeof(err)), 0);
	CHECK_INT(k.active, 2);
	auth_clear(&k);
}

struct bad { const char *text, *msg; };

static void test_parse_errors(void)
{
	static const struct bad bad[] = {
		{ "", "ak:1: missing \"auth <index>\" line (expected one naming the key to sign with, e.g. \"auth 1\")" },
		{ "# only a comment\n\n", "ak:2: missing \"auth <index>\" line (expected one naming the key to sign with, e.g. \"auth 1\")" },
		{ "1 sha1 k\n", "ak:1: missing \"auth <index>\" line (expected one naming the key to sign with, e.g. \"auth 1\")" },
		{ "auth\n1 crc\n", "ak:1: expected \"auth <index>\"" },
		{ "auth x\n1 crc\n", "ak:1: expected \"auth <index>\"" },
		{ "authority 1\n", "ak:1: expected \"auth <index>\"" },
		{ "a 1\n", "ak:1: expected \"auth <index>\"" },
		{ "auth 16\n", "ak:1: auth index 16 out of range (expected 0..15)" },
		{ "auth -1\n", "ak:1: auth index -1 out of range (expected 0..15)" },
		{ "auth 99999999999\n", "ak:1: auth index 99999999999 out of range (expected 0..15)" },
		{ "auth 1\nsha1 1 k\n", "ak:2: expected \"<index> <method> [<key>]\" or \"auth <index>\"" },
		{ "auth 1\n1x sha1 k\n", "ak:2: expected \"<index> <method> [<key>]\" or \"auth <index>\"" },
		{ "auth 1\n16 sha1 k\n", "ak:2: key index 16 out of range (expected 0..15)" },
		{ "auth 1\n-3 sha1 k\n", "ak:2: key index -3 out of range (expected 0..15)" },
		{ "auth 1\n1\n", "ak:2: expected a method (crc, md5 or sha1) after index 1" },
		{ "auth 1\n1 sha256 k\n", "ak:2: unknown method \"sha256\" (expected crc, md5 or sha1)" },
		{ "auth 1\n1 SHA1 k\n", "ak:2: unknown method \"SHA1\" (expected crc, md5 or sha1)" },
		{ "auth 1\n\n1 md5\n", "ak:3: method md5 requires a key (expected \"1 md5 <key>\")" },
		{ "auth 1\n1 sha1 \t\r\n", "ak:2: method sha1 requires a key (expected \"1 sha1 <key>\")" },
		{ "auth 1\n1 crc key\n", "ak:2: method crc takes no key (expected \"1 crc\")" },
		{ "auth 2\n1 crc\n", "ak:1: auth 2: expected a line \"2 <method> [<key>]\" after it" },
		{ "2 crc\nauth 2\n", "ak:2: auth 2: expected a line \"2 <method> [<key>]\" after it" },
	};
	for (size_t i = 0; i < G_N_ELEMENTS(bad); i++) {
		struct auth_keys k;
		char err[256] = "";
		int r = parse(bad[i].text, &k, err, sizeof(err));
		CHECK_INT(r, -1);
		CHECK_STR(err, bad[i].msg);
		CHECK_INT(k.active, -1);
		for (int j = 0; j < AUTH_MAXKEYS; j++)
			if (k.e[j].defined || k.e[j].key)
				CHECK(!"keys left behind after an error");
	}
	struct auth_keys k;
	char err[256];
	CHECK_INT(auth_parse("auth 1\n1 c\0rc\n", 14, "ak", &k, err, sizeof(err)), -1);
	CHECK_STR(err, "ak:2: unexpected NUL byte (expected a text line)");
	CHECK_INT(auth_parse(NULL, 5, NULL, &k, err, sizeof(err)), -1);
	CHECK_STR(err, "authkeys:1: missing \"auth <index>\" line (expected one naming the key to sign with, e.g. \"auth 1\")");
	char small[8];
	CHECK_INT(auth_parse("", 0, "ak", &k, small, sizeof(small)), -1);
	CHECK_STR(small, "ak:1: m");
}

static char *write_temp(const char *text, mode_t mode)
{
	char *path = g_build_filename(g_get_tmp_dir(), "test_auth.XXXXXX", NULL);
	int fd = g_mkstemp(path);
	if (fd < 0)
		return path;
	ssize_t w = write(fd, text, strlen(text));
	(void)w;
	fchmod(fd, mode);
	close(fd);
	return path;
}

static void test_load(void)
{
	struct auth_keys k;
	char err[512];
	unsigned me = (unsigned)geteuid();
	char *p = write_temp("auth 1\n1 sha1 s3cr3t\n", 0644);
	CHECK_INT(auth_load_owned(p, me, &k, err, sizeof(err)), -1);
	CHECK(strstr(err, p) == err);
	CHECK(strstr(err, "mode 0644") != NULL);
	CHECK_INT(errno, EPERM);
	CHECK(strstr(err, "chmod 600") != NULL);
	CHECK_INT(k.active, -1);
	static const mode_t loose[] = { 0601, 0602, 0604, 0610, 0620, 0640, 0777 };
	for (size_t i = 0; i < G_N_ELEMENTS(loose); i++) {
		chmod(p, loose[i]);
		CHECK_INT(auth_load_owned(p, me, &k, err, sizeof(err)), -1);
		CHECK(strstr(err, "chmod 600") != NULL);
	}
	chmod(p, 0600);
	CHECK_INT(auth_load_owned(p, me, &k, err, sizeof(err)), 0);
	CHECK_INT(k.active, 1);
	CHECK_STR(k.e[1].key, "s3cr3t");
	auth_clear(&k);
	chmod(p, 0400);
	CHECK_INT(auth_load_owned(p, me, &k, err, sizeof(err)), 0);
	auth_clear(&k);
	chmod(p, 0600);
	/* auth_load wants root as the owner */
	CHECK_INT(auth_load(p, &k, err, sizeof(err)), me == 0 ? 0 : -1);
	if (me != 0)
		CHECK(strstr(err, "must be owned by root") != NULL);
	auth_clear(&k);
	/* as 3.0.6: owned by the cluster user (mode 600) is accepted too; any
	 * other owner is refused (3.0.6 took any owner) */
	{
		struct passwd *pw = getpwnam(AUTH_CLUSTER_USER);
		uid_t hc = pw ? pw->pw_uid : 0, nb;

		pw = getpwnam("nobody");   /* the same static buffer */
		nb = pw ? pw->pw_uid : 0;
		if (me != 0 || !hc || !nb) {
			SKIP("needs root and the users hacluster and nobody");
		} else {
			CHECK_INT(chown(p, hc, 0), 0);
			CHECK_INT(auth_load(p, &k, err, sizeof(err)), 0);
			auth_clear(&k);
			CHECK_INT(chown(p, nb, 0), 0);
			CHECK_INT(auth_load(p, &k, err, sizeof(err)), -1);
			CHECK(strstr(err, "must be owned by root or hacluster") != NULL);
			CHECK_INT(errno, EPERM);
			auth_clear(&k);
			CHECK_INT(chown(p, 0, 0), 0);
		}
	}
	CHECK_INT(auth_load_owned(p, me + 1, &k, err, sizeof(err)), -1);
	CHECK(strstr(err, p) == err);
	CHECK(strstr(err, "owned by uid") != NULL);
	CHECK_INT(errno, EPERM);
	unlink(p);
	g_free(p);

	/* a bad file names itself and the line */
	p = write_temp("auth 1\n1 md5\n", 0600);
	CHECK_INT(auth_load_owned(p, me, &k, err, sizeof(err)), -1);
	char *want = g_strdup_printf("%s:2: method md5 requires a key (expected \"1 md5 <key>\")", p);
	CHECK_STR(err, want);
	CHECK_INT(errno, EINVAL);
	g_free(want);
	unlink(p);
	CHECK_INT(auth_load_owned(p, me, &k, err, sizeof(err)), -1);
	CHECK(strstr(err, p) == err && strstr(err, "cannot open") != NULL);
	CHECK_INT(errno, ENOENT);
	g_free(p);
	CHECK_INT(auth_load_owned(g_get_tmp_dir(), me, &k, err, sizeof(err)), -1);
	CHECK(strstr(err, "not a regular file") != NULL);
}

int main(void)
{
	test_tokens();
	test_parse_ok();
	test_parse_errors();
	test_load();
	return T_DONE();
}
