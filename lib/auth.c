/* The authkeys file (parse, and load with the secrecy check) and the three
 * token methods of the original: crc, HMAC-MD5, HMAC-SHA1, in lower-case hex.
 * Only auth_load touches the file system; everything else is pure. */
#include "auth.h"
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <glib.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define AUTH_FILE_MAX (1 << 20)

static const char *const method_names[] = { "crc", "md5", "sha1" };

const char *auth_method_name(enum auth_method m)
{
	if (m < AUTH_CRC || m > AUTH_SHA1)
		return "none";
	return method_names[m];
}

enum auth_method auth_method_from_name(const char *name)
{
	for (int i = AUTH_CRC; i <= AUTH_SHA1; i++)
		if (name && strcmp(name, method_names[i]) == 0)
			return (enum auth_method)i;
	return AUTH_NONE;
}

void auth_clear(struct auth_keys *k)
{
	if (!k)
		return;
	for (int i = 0; i < AUTH_MAXKEYS; i++) {
		if (k->e[i].key) {
			explicit_bzero(k->e[i].key, k->e[i].keylen);
			g_free(k->e[i].key);
		}
	}
	memset(k, 0, sizeof(*k));
	k->active = -1;
}

static void seterr(char *err, size_t errlen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void seterr(char *err, size_t errlen, const char *fmt, ...)
{
	if (!err || !errlen)
		return;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

/* Next whitespace-separated word of the line at *p (as sscanf %s): sets
 * *w and *wl, or returns false at the end of the line. */
static bool word(const char **p, const char *end, const char **w, size_t *wl)
{
	const char *s = *p;
	while (s < end && is_space(*s))
		s++;
	if (s >= end)
		return false;
	const char *e = s;
	while (e < end && !is_space(*e))
		e++;
	*w = s;
	*wl = (size_t)(e - s);
	*p = e;
	return true;
}

/* A decimal index, sign allowed as %d does; huge values saturate (out of range anyway). */
static bool parse_index(const char *w, size_t wl, long *out)
{
	size_t i = 0;
	bool neg = false;
	if (i < wl && (w[i] == '+' || w[i] == '-'))
		neg = w[i++] == '-';
	if (i >= wl)
		return false;
	long v = 0;
	for (; i < wl; i++) {
		if (w[i] < '0' || w[i] > '9')
			return false;
		if (v < 1000000)
			v = v * 10 + (w[i] - '0');
	}
	*out = neg ? -v : v;
	return true;
}

int auth_parse(const char *text, size_t len, const char *fname, struct auth_keys *out,
	       char *err, size_t errlen)
{
	struct auth_keys k;
	memset(&k, 0, sizeof(k));
	auth_clear(&k);
	if (!fname)
		fname = "authkeys";
	long want = -1;  /* index named by the last "auth" line */
	int want_line = 0, bound = -1, lineno = 0;
	size_t pos = 0;
	const char *w;
	size_t wl;
	if (!text)
		len = 0;
	while (pos < len) {
		const char *ls = text + pos;
		const char *nl = memchr(ls, '\n', len - pos);
		const char *le = nl ? nl : text + len;
		pos = (size_t)(le - text) + (nl ? 1 : 0);
		lineno++;
		if (memchr(ls, '\0', (size_t)(le - ls))) {
			seterr(err, errlen, "%s:%d: unexpected NUL byte (expected a text line)", fname, lineno);
			goto fail;
		}
		const char *p = ls;
		while (p < le && is_space(*p))
			p++;
		if (p >= le || *p == '#')
			continue;
		if (*p == 'a') {
			long n;
			if (le - p < 4 || memcmp(p, "auth", 4) != 0 || (p += 4, !word(&p, le, &w, &wl)) ||
			    !parse_index(w, wl, &n)) {
				seterr(err, errlen, "%s:%d: expected \"auth <index>\"", fname, lineno);
				goto fail;
			}
			if (n < 0 || n >= AUTH_MAXKEYS) {
				seterr(err, errlen, "%s:%d: auth index %.*s out of range (expected 0..%d)",
				       fname, lineno, (int)wl, w, AUTH_MAXKEYS - 1);
				goto fail;
			}
			want = n;
			want_line = lineno;
			continue;
		}
		long n;
		if (!word(&p, le, &w, &wl) || !parse_index(w, wl, &n)) {
			seterr(err, errlen, "%s:%d: expected \"<index> <method> [<key>]\" or \"auth <index>\"",
			       fname, lineno);
			goto fail;
		}
		if (n < 0 || n >= AUTH_MAXKEYS) {
			seterr(err, errlen, "%s:%d: key index %.*s out of range (expected 0..%d)",
			       fname, lineno, (int)wl, w, AUTH_MAXKEYS - 1);
			goto fail;
		}
		if (!word(&p, le, &w, &wl)) {
			seterr(err, errlen, "%s:%d: expected a method (crc, md5 or sha1) after index %ld",
			       fname, lineno, n);
			goto fail;
		}
		char *mname = g_strndup(w, wl);
		enum auth_method m = auth_method_from_name(mname);
		if (m == AUTH_NONE) {
			seterr(err, errlen, "%s:%d: unknown method \"%s\" (expected crc, md5 or sha1)",
			       fname, lineno, mname);
			g_free(mname);
			goto fail;
		}
		g_free(mname);
		bool haskey = word(&p, le, &w, &wl);
		if (m == AUTH_CRC && haskey) {
			seterr(err, errlen, "%s:%d: method crc takes no key (expected \"%ld crc\")",
			       fname, lineno, n);
			goto fail;
		}
		if (m != AUTH_CRC && !haskey) {
			seterr(err, errlen, "%s:%d: method %s requires a key (expected \"%ld %s <key>\")",
			       fname, lineno, auth_method_name(m), n, auth_method_name(m));
			goto fail;
		}
		/* Words after the key are ignored, as the original's sscanf does. */
		struct auth_entry *e = &k.e[n];
		if (e->key) {
			explicit_bzero(e->key, e->keylen);
			g_free(e->key);
		}
		e->defined = true;
		e->method = m;
		e->key = haskey ? g_strndup(w, wl) : NULL;
		e->keylen = haskey ? wl : 0;
		/* The original binds the outbound method when it reads the line defining
		 * the index an earlier "auth" line named; a later definition is missed. */
		if (n == want)
			bound = (int)n;
	}
	if (want < 0) {
		seterr(err, errlen, "%s:%d: missing \"auth <index>\" line (expected one naming the key to sign with, e.g. \"auth 1\")",
		       fname, lineno > 0 ? lineno : 1);
		goto fail;
	}
	if (bound < 0) {
		seterr(err, errlen, "%s:%d: auth %ld: expected a line \"%ld <method> [<key>]\" after it",
		       fname, want_line, want, want);
		goto fail;
	}
	k.active = bound;
	*out = k;
	if (err && errlen)
		err[0] = '\0';
	return 0;
fail:
	auth_clear(&k);
	if (out)
		*out = k;
	return -1;
}

/* Owners allowed: owners[0..nowners-1]; owner_text names them in the message. */
static int load_owned(const char *path, const unsigned *owners, int nowners,
		      const char *owner_text, struct auth_keys *out, char *err, size_t errlen)
{
	memset(out, 0, sizeof(*out));
	out->active = -1;
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	if (fd < 0) {
		int e = errno;
		seterr(err, errlen, "%s: cannot open: %s", path, strerror(e));
		errno = e;
		return -1;
	}
	struct stat st;
	int r = -1, why = EINVAL;
	char *buf = NULL;
	size_t cap = 0;
	if (fstat(fd, &st) < 0) {
		why = errno;
		seterr(err, errlen, "%s: cannot stat: %s", path, strerror(why));
		goto out;
	}
	if (!S_ISREG(st.st_mode)) {
		seterr(err, errlen, "%s: not a regular file", path);
		goto out;
	}
	int ok_owner = 0;
	for (int i = 0; i < nowners; i++)
		ok_owner |= st.st_uid == (uid_t)owners[i];
	if (!ok_owner) {
		why = EPERM;
		seterr(err, errlen, "%s: owned by uid %u, must be owned by %s (chown %u %s)", path,
		       (unsigned)st.st_uid, owner_text, owners[0], path);
		goto out;
	}
	if (st.st_mode & (S_IRWXG | S_IRWXO)) {
		why = EPERM;
		seterr(err, errlen, "%s: mode %04o lets group or others access the keys; "
		       "run chmod 600 %s", path, (unsigned)(st.st_mode & 07777), path);
		goto out;
	}
	if (st.st_size > AUTH_FILE_MAX) {
		seterr(err, errlen, "%s: file too large", path);
		goto out;
	}
	size_t n = 0;
	cap = (size_t)st.st_size + 1;
	buf = g_malloc(cap);
	for (;;) {
		if (n == cap) {
			seterr(err, errlen, "%s: file grew while reading", path);
			goto out;
		}
		ssize_t got = read(fd, buf + n, cap - n);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			why = errno;
			seterr(err, errlen, "%s: read error: %s", path, strerror(why));
			goto out;
		}
		if (got == 0)
			break;
		n += (size_t)got;
	}
	r = auth_parse(buf, n, path, out, err, errlen);
out:
	/* explicit_bzero: a plain memset before free may be optimised away */
	if (buf)
		explicit_bzero(buf, cap);
	g_free(buf);
	close(fd);
	if (r < 0)
		errno = why; /* EPERM for an owner/mode refusal, EINVAL for a bad file */
	return r;
}

int auth_load_owned(const char *path, unsigned owner, struct auth_keys *out, char *err,
		    size_t errlen)
{
	return load_owned(path, &owner, 1, owner == 0 ? "root" : "the daemon user", out, err,
			  errlen);
}

/* 3.0.6 accepts an authkeys file of any owner; we accept root and the
 * cluster user (packages and hand-made setups use either), nobody else. */
int auth_load(const char *path, struct auth_keys *out, char *err, size_t errlen)
{
	unsigned owners[2] = { 0, 0 };
	struct passwd *pw = getpwnam(AUTH_CLUSTER_USER);
	int n = 1;

	if (pw && pw->pw_uid != 0)
		owners[n++] = (unsigned)pw->pw_uid;
	return load_owned(path, owners, n, n > 1 ? "root or " AUTH_CLUSTER_USER : "root", out, err,
			  errlen);
}

/* CRC-32 MSB first, polynomial 0x04C11DB7, init 0, final complement, no length. */
unsigned long auth_crc32(const void *data, size_t len)
{
	static uint32_t table[256];
	static int ready;
	if (!ready) {
		for (uint32_t i = 0; i < 256; i++) {
			uint32_t c = i << 24;
			for (int j = 0; j < 8; j++)
				c = (c & 0x80000000u) ? (c << 1) ^ 0x04C11DB7u : c << 1;
			table[i] = c;
		}
		ready = 1;
	}
	const unsigned char *p = data;
	uint32_t crc = 0;
	for (size_t i = 0; i < len; i++)
		crc = (crc << 8) ^ table[((crc >> 24) ^ p[i]) & 0xff];
	return (unsigned long)(~crc & 0xffffffffu);
}

void auth_token(enum auth_method m, const char *key, size_t keylen,
		const void *data, size_t len, char out[41])
{
	out[0] = '\0';
	if (m == AUTH_CRC) {
		snprintf(out, 41, "%lx", auth_crc32(data, len));
		return;
	}
	if (m != AUTH_MD5 && m != AUTH_SHA1)
		return;
	static const guchar nokey[1];
	GHmac *h = g_hmac_new(m == AUTH_MD5 ? G_CHECKSUM_MD5 : G_CHECKSUM_SHA1,
			      key ? (const guchar *)key : nokey, key ? keylen : 0);
	g_hmac_update(h, data, (gssize)len);
	g_strlcpy(out, g_hmac_get_string(h), 41);
	g_hmac_unref(h);
}
