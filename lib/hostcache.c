/* Node lists and node cache files (hostcache.h).  Everything here reads
 * outside input (a FIFO message, a file another version may have
 * written), so every length is checked and a bad line is named, never
 * trusted. */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "hostcache.h"
#include <glib.h>

/* A node name is printable, without blanks; stored in lower case as the
 * daemon keeps every node name. */
static int name_copy(const char *s, size_t n, char out[CONF_HOSTLEN], char *err, size_t errlen)
{
	size_t i;

	if (n == 0 || n >= CONF_HOSTLEN) {
		snprintf(err, errlen, "node name of %zu characters (expected 1 to %d)", n, CONF_HOSTLEN - 1);
		return -1;
	}
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c <= ' ' || c == 0x7f) {
			snprintf(err, errlen, "node name with a control character (byte 0x%02x)", c);
			return -1;
		}
		out[i] = (char)tolower(c);
	}
	out[n] = 0;
	return 0;
}

int nodelist_split(const char *list, char names[][CONF_HOSTLEN], int max, char *err, size_t errlen)
{
	const char *p = list;
	int n = 0;

	for (;;) {
		size_t len;
		int j, dup = 0;

		while (*p == ' ' || *p == '\t')
			p++;
		if (!*p)
			return n;
		len = strcspn(p, " \t");
		if (n >= max) {
			snprintf(err, errlen, "more than %d node names", max);
			return -1;
		}
		if (name_copy(p, len, names[n], err, errlen) < 0)
			return -1;
		for (j = 0; j < n; j++)
			dup |= strcmp(names[j], names[n]) == 0;
		if (!dup)
			n++;
		p += len;
	}
}

void hostcache_uuid_unparse(const unsigned char u[16], char out[37])
{
	static const char hex[] = "0123456789abcdef";
	int i, o = 0;

	for (i = 0; i < 16; i++) {
		if (i == 4 || i == 6 || i == 8 || i == 10)
			out[o++] = '-';
		out[o++] = hex[u[i] >> 4];
		out[o++] = hex[u[i] & 15];
	}
	out[o] = 0;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = (char)tolower((unsigned char)c);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

int hostcache_uuid_parse(const char *s, unsigned char u[16])
{
	int i, b = 0;

	if (strlen(s) != 36)
		return -1;
	for (i = 0; i < 36;) {
		int hi, lo;

		if (i == 8 || i == 13 || i == 18 || i == 23) {
			if (s[i++] != '-')
				return -1;
			continue;
		}
		hi = hexval(s[i]);
		lo = hexval(s[i + 1]);
		if (hi < 0 || lo < 0)
			return -1;
		u[b++] = (unsigned char)(hi << 4 | lo);
		i += 2;
	}
	return 0;
}

int hostcache_parse_line(const char *line, struct hostcache_entry *e, char *err, size_t errlen)
{
	static const unsigned char zero[16];
	char *copy = strdup(line), *fields[5], *p, *end;
	int nf = 0, rc = -1;
	long w;

	if (!copy) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	memset(e, 0, sizeof *e);
	e->weight = HOSTCACHE_DEFAULT_WEIGHT;
	for (p = copy; nf < 5; nf++) {
		fields[nf] = p;
		p = strchr(p, '\t');
		if (!p) {
			nf++;
			break;
		}
		*p++ = 0;
	}
	if (nf != 2 && nf != 4) {
		snprintf(err, errlen, "%d tab-separated fields (expected name, uuid[, weight, site])", p ? 5 : nf);
		goto out;
	}
	if (name_copy(fields[0], strlen(fields[0]), e->name, err, errlen) < 0)
		goto out;
	if (hostcache_uuid_parse(fields[1], e->uuid) < 0) {
		snprintf(err, errlen, "uuid '%.40s' (expected 8-4-4-4-12 hex digits)", fields[1]);
		goto out;
	}
	e->has_uuid = memcmp(e->uuid, zero, 16) != 0;
	if (nf == 4) {
		errno = 0;
		w = strtol(fields[2], &end, 10);
		if (!fields[2][0] || *end || errno || w < 0 || w > 1000000) {
			snprintf(err, errlen, "weight '%.20s' (expected a whole number 0..1000000)", fields[2]);
			goto out;
		}
		e->weight = (int)w;
		if (strlen(fields[3]) >= sizeof e->site) {
			snprintf(err, errlen, "site of %zu characters (expected at most %zu)", strlen(fields[3]),
				 sizeof e->site - 1);
			goto out;
		}
		for (p = fields[3]; *p; p++)
			if ((unsigned char)*p < ' ') {
				snprintf(err, errlen, "site with a control character");
				goto out;
			}
		strcpy(e->site, fields[3]);
	}
	rc = 0;
out:
	free(copy);
	return rc;
}

void hostcache_format_line(const struct hostcache_entry *e, char *out, size_t len)
{
	char u[37];

	hostcache_uuid_unparse(e->uuid, u);
	snprintf(out, len, "%s\t%s\t%d\t%s\n", e->name, u, e->weight, e->site);
}

int hostcache_parse_text(const char *path, const char *text, size_t len, hostcache_fn fn,
			 hostcache_warn_fn warn, void *data)
{
	size_t pos = 0;
	int lineno = 0, count = 0;

	while (pos < len) {
		const char *nl = memchr(text + pos, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - (text + pos)) : len - pos;
		struct hostcache_entry e;
		char err[200], msg[400];
		char *line;

		lineno++;
		line = strndup(text + pos, n);
		pos += n + (nl != NULL);
		if (!line)
			return -1;
		if (strlen(line) != n) {
			snprintf(err, sizeof err, "a NUL byte");
			goto bad;
		}
		if (n == 0) {
			free(line);
			continue;
		}
		if (hostcache_parse_line(line, &e, err, sizeof err) == 0) {
			fn(&e, data);
			count++;
			free(line);
			continue;
		}
bad:
		snprintf(msg, sizeof msg, "%s:%d: %s; line ignored", path, lineno, err);
		if (warn)
			warn(msg, data);
		free(line);
	}
	return count;
}

int hostcache_read(const char *path, hostcache_fn fn, hostcache_warn_fn warn, void *data,
		   char *err, size_t errlen)
{
	FILE *f = fopen(path, "r");
	GString *text;
	char buf[4096];
	size_t n;
	int rc;

	if (!f) {
		if (errno == ENOENT)
			return 0;
		snprintf(err, errlen, "cannot read %s: %s", path, strerror(errno));
		return -1;
	}
	text = g_string_new(NULL);
	/* a cache of CONF_MAXNODES lines is small: anything far bigger is not one */
	while ((n = fread(buf, 1, sizeof buf, f)) > 0 && text->len < 1024 * 1024)
		g_string_append_len(text, buf, (gssize)n);
	fclose(f);
	rc = hostcache_parse_text(path, text->str, text->len, fn, warn, data);
	g_string_free(text, TRUE);
	return rc;
}

int hostcache_write(const char *path, const struct hostcache_entry *e, int n, char *err, size_t errlen)
{
	char tmp[4200], line[HOSTCACHE_LINE_MAX];
	FILE *f;
	int i;

	snprintf(tmp, sizeof tmp, "%s.tmp", path);
	unlink(tmp);
	f = fopen(tmp, "w");
	if (!f) {
		snprintf(err, errlen, "cannot write %s: %s", tmp, strerror(errno));
		return -1;
	}
	for (i = 0; i < n; i++) {
		hostcache_format_line(&e[i], line, sizeof line);
		fputs(line, f);
	}
	if (fflush(f) != 0 || fsync(fileno(f)) != 0) {
		snprintf(err, errlen, "cannot write %s: %s", tmp, strerror(errno));
		fclose(f);
		unlink(tmp);
		return -1;
	}
	if (fclose(f) != 0 || rename(tmp, path) != 0) {
		snprintf(err, errlen, "cannot replace %s: %s", path, strerror(errno));
		unlink(tmp);
		return -1;
	}
	return 0;
}
