/* The message model (ordered typed fields) and its two wire encodings, classic
 * ">>>" text and "###" netstrings, as cluster-glue writes and reads them.
 * Pure code: no keys, no sockets.  The decoders take untrusted bytes and must
 * never read past the buffer, recurse without bound or abort. */
#include "msg.h"
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const msg_errs[MSG_E__COUNT] = {
	[MSG_OK] = "ok",
	[MSG_E_EMPTY] = "empty message",
	[MSG_E_MAGIC] = "unknown message format (neither >>> nor ###)",
	[MSG_E_SYNTAX] = "syntax error",
	[MSG_E_TYPE] = "bad field type",
	[MSG_E_TRUNCATED] = "message truncated",
	[MSG_E_TOOBIG] = "message too big",
	[MSG_E_DEPTH] = "structs nested too deeply",
	[MSG_E_NOTRAILER] = "netstring without auth trailer",
	[MSG_E_ENCODE] = "cannot encode message",
};

const char *msg_strerror(enum msg_err e)
{
	if ((int)e < 0 || e >= MSG_E__COUNT)
		return "unknown error";
	return msg_errs[e];
}

/* ---- model ---- */

struct hb_msg *msg_new(void)
{
	return g_new0(struct hb_msg, 1);
}

static void field_clear(struct msg_field *f)
{
	g_free(f->name);
	g_free(f->value);
	msg_free(f->child);
	memset(f, 0, sizeof(*f));
}

void msg_free(struct hb_msg *m)
{
	if (!m)
		return;
	for (size_t i = 0; i < m->n; i++)
		field_clear(&m->f[i]);
	g_free(m->f);
	g_free(m);
}

static bool is_struct_type(enum msg_ftype t)
{
	return t == FT_STRUCT || t == FT_UNCOMPRESS;
}

static char *dup_bytes(const void *val, size_t len)
{
	char *p = g_malloc(len + 1);
	if (len)
		memcpy(p, val, len);
	p[len] = '\0';
	return p;
}

struct hb_msg *msg_copy(const struct hb_msg *m)
{
	if (!m)
		return NULL;
	struct hb_msg *c = msg_new();
	c->cap = c->n = m->n;
	c->f = g_new0(struct msg_field, c->cap ? c->cap : 1);
	for (size_t i = 0; i < m->n; i++) {
		const struct msg_field *s = &m->f[i];
		struct msg_field *d = &c->f[i];
		d->name = g_strdup(s->name);
		d->type = s->type;
		d->len = s->len;
		if (s->value)
			d->value = dup_bytes(s->value, s->len);
		d->child = msg_copy(s->child);
	}
	return c;
}

/* Names the API accepts: the receiver splits at the first '=' and classic
 * lines end at LF, so neither may appear; ">>>\n" would read as a header. */
static bool name_ok(const char *name)
{
	return name && *name && !strchr(name, '=') && !strchr(name, '\n') &&
	       strncmp(name, ">>>\n", 4) != 0;
}

static struct msg_field *field_append(struct hb_msg *m)
{
	if (m->n == m->cap) {
		m->cap = m->cap ? m->cap * 2 : 8;
		m->f = g_renew(struct msg_field, m->f, m->cap);
	}
	struct msg_field *f = &m->f[m->n++];
	memset(f, 0, sizeof(*f));
	return f;
}

/* Shape of a packed list "len:elem,len:elem,"; lengths are decimal without
 * leading zeros, as the original's %d writes them. */
static bool list_ok(const char *p, size_t len)
{
	size_t i = 0;
	while (i < len) {
		size_t n = 0, start = i;
		while (i < len && p[i] >= '0' && p[i] <= '9') {
			n = n * 10 + (size_t)(p[i] - '0');
			i++;
			if (i - start > 7)
				return false;
		}
		if (i == start || (p[start] == '0' && i - start > 1))
			return false;
		if (i >= len || p[i] != ':')
			return false;
		i++;
		if (n > len - i || len - i - n < 1 || p[i + n] != ',')
			return false;
		i += n + 1;
	}
	return true;
}

/* Fill f (already named) with a value; struct types take a struct hb_msg *. */
static int field_fill(struct msg_field *f, enum msg_ftype t, const void *val, size_t len)
{
	f->type = t;
	if (is_struct_type(t)) {
		f->child = val ? msg_copy(val) : msg_new();
		return 0;
	}
	f->value = dup_bytes(val, len);
	f->len = len;
	return 0;
}

int msg_add_typed(struct hb_msg *m, const char *name, enum msg_ftype t, const void *val, size_t len)
{
	if (!m || !name_ok(name) || (int)t < FT_STRING || t > FT_UNCOMPRESS)
		return -1;
	if (!is_struct_type(t) && !val && len)
		return -1;
	if (t == FT_LIST && !list_ok(val, len))
		return -1;
	struct msg_field *f = field_append(m);
	f->name = g_strdup(name);
	return field_fill(f, t, val, len);
}

int msg_add(struct hb_msg *m, const char *name, const char *value)
{
	if (!value)
		return -1;
	return msg_add_typed(m, name, FT_STRING, value, strlen(value));
}

int msg_add_bin(struct hb_msg *m, const char *name, const void *val, size_t len)
{
	return msg_add_typed(m, name, FT_BINARY, val, len);
}

int msg_add_struct(struct hb_msg *m, const char *name, const struct hb_msg *child)
{
	if (!child)
		return -1;
	return msg_add_typed(m, name, FT_STRUCT, child, 0);
}

int msg_addf(struct hb_msg *m, const char *name, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *v = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	int r = msg_add(m, name, v);
	g_free(v);
	return r;
}

int msg_add_list(struct hb_msg *m, const char *name, const char *const *elems, size_t n)
{
	GString *s = g_string_new(NULL);
	for (size_t i = 0; i < n; i++)
		g_string_append_printf(s, "%zu:%s,", strlen(elems[i]), elems[i]);
	int r = msg_add_typed(m, name, FT_LIST, s->str, s->len);
	g_string_free(s, TRUE);
	return r;
}

static struct msg_field *find(const struct hb_msg *m, const char *name)
{
	if (!m || !name)
		return NULL;
	for (size_t i = 0; i < m->n; i++)
		if (strcmp(m->f[i].name, name) == 0)
			return &m->f[i];
	return NULL;
}

static int mod_typed(struct hb_msg *m, const char *name, enum msg_ftype t, const void *val, size_t len)
{
	struct msg_field *f = find(m, name);
	if (!f)
		return msg_add_typed(m, name, t, val, len);
	if (!is_struct_type(t) && !val && len)
		return -1;
	char *keep = f->name;
	f->name = NULL;
	field_clear(f);
	f->name = keep;
	return field_fill(f, t, val, len);
}

int msg_mod(struct hb_msg *m, const char *name, const char *value)
{
	if (!value)
		return -1;
	return mod_typed(m, name, FT_STRING, value, strlen(value));
}

int msg_mod_bin(struct hb_msg *m, const char *name, const void *val, size_t len)
{
	return mod_typed(m, name, FT_BINARY, val, len);
}

int msg_del(struct hb_msg *m, const char *name)
{
	if (!m || !name)
		return 0;
	size_t w = 0;
	int gone = 0;
	for (size_t i = 0; i < m->n; i++) {
		if (strcmp(m->f[i].name, name) == 0) {
			field_clear(&m->f[i]);
			gone++;
		} else {
			m->f[w++] = m->f[i];
		}
	}
	m->n = w;
	return gone;
}

const struct msg_field *msg_field(const struct hb_msg *m, const char *name)
{
	return find(m, name);
}

const char *msg_get(const struct hb_msg *m, const char *name)
{
	const struct msg_field *f = find(m, name);
	return f && f->type == FT_STRING ? f->value : NULL;
}

const void *msg_get_bin(const struct hb_msg *m, const char *name, size_t *len)
{
	const struct msg_field *f = find(m, name);
	if (!f || f->type != FT_BINARY)
		return NULL;
	if (len)
		*len = f->len;
	return f->value;
}

char **msg_get_list(const struct hb_msg *m, const char *name, size_t *n)
{
	const struct msg_field *f = find(m, name);
	if (!f || f->type != FT_LIST)
		return NULL;
	GPtrArray *a = g_ptr_array_new();
	size_t i = 0;
	while (i < f->len) {
		char *end;
		unsigned long l = strtoul(f->value + i, &end, 10);
		i = (size_t)(end - f->value) + 1;
		g_ptr_array_add(a, g_strndup(f->value + i, l));
		i += l + 1;
	}
	if (n)
		*n = a->len;
	g_ptr_array_add(a, NULL);
	return (char **)g_ptr_array_free(a, FALSE);
}

const struct hb_msg *msg_get_struct(const struct hb_msg *m, const char *name)
{
	const struct msg_field *f = find(m, name);
	return f && is_struct_type(f->type) ? f->child : NULL;
}

bool msg_get_hex(const struct hb_msg *m, const char *name, unsigned long *out)
{
	const char *s = msg_get(m, name);
	if (!s || !*s)
		return false;
	unsigned long v = 0;
	for (; *s; s++) {
		int d = g_ascii_xdigit_value(*s);
		if (d < 0 || v > (ULONG_MAX >> 4))
			return false;
		v = (v << 4) | (unsigned long)d;
	}
	*out = v;
	return true;
}

bool msg_get_dec(const struct hb_msg *m, const char *name, long *out)
{
	const char *s = msg_get(m, name);
	if (!s || !*s)
		return false;
	bool neg = *s == '-';
	if (neg)
		s++;
	if (!*s)
		return false;
	unsigned long v = 0;
	for (; *s; s++) {
		if (*s < '0' || *s > '9' || v > (ULONG_MAX - 9) / 10)
			return false;
		v = v * 10 + (unsigned long)(*s - '0');
	}
	if (v > (unsigned long)LONG_MAX + (neg ? 1UL : 0UL))
		return false;
	*out = neg ? (long)(0UL - v) : (long)v;
	return true;
}

/* ---- classic encoding ---- */

/* LF stand-in for a struct field nested at depth d (0 = a field of the top
 * message): 0x14..0x1F, then 0x0F..0x12, as the original's table. */
static int depth_byte(int d)
{
	if (d < 0 || d >= MSG_MAXDEPTH)
		return -1;
	return d < 12 ? 0x14 + d : 0x0F + (d - 12);
}

static int classic_fields(const struct hb_msg *m, GString *out, int depth, bool skip_auth);

static int classic_struct(const struct hb_msg *child, GString *out, int depth)
{
	int b = depth_byte(depth);
	if (b < 0)
		return -1;
	GString *t = g_string_new(">>>\n");
	int r = classic_fields(child, t, depth + 1, false);
	g_string_append(t, "<<<\n");
	if (r == 0 && memchr(t->str, b, t->len))
		r = -1; /* the stand-in must be unambiguous */
	if (r == 0) {
		for (size_t i = 0; i < t->len; i++)
			if (t->str[i] == '\n')
				t->str[i] = (char)b;
		g_string_append_len(out, t->str, (gssize)t->len);
	}
	g_string_free(t, TRUE);
	return r;
}

static int classic_fields(const struct hb_msg *m, GString *out, int depth, bool skip_auth)
{
	for (size_t i = 0; i < m->n; i++) {
		const struct msg_field *f = &m->f[i];
		if (skip_auth && strcmp(f->name, "auth") == 0)
			continue;
		if (strchr(f->name, '\n') || !*f->name)
			return -1;
		switch (f->type) {
		case FT_STRING:
			/* "(" would be read back as a type prefix; NUL ends the text */
			if (f->name[0] == '(' || memchr(f->value, '\0', f->len))
				return -1;
			g_string_append(out, f->name);
			g_string_append_c(out, '=');
			for (size_t j = 0; j < f->len; j++)
				g_string_append_c(out, f->value[j] == '\n' ? 0x13 : f->value[j]);
			break;
		case FT_BINARY:
		case FT_COMPRESS: {
			gchar *b = g_base64_encode((const guchar *)f->value, f->len);
			g_string_append_printf(out, "(%d)%s=%s", (int)f->type, f->name, b);
			g_free(b);
			break;
		}
		case FT_LIST:
			if (memchr(f->value, '\n', f->len) || memchr(f->value, '\0', f->len))
				return -1;
			g_string_append_printf(out, "(3)%s=", f->name);
			g_string_append_len(out, f->value, (gssize)f->len);
			break;
		case FT_STRUCT:
			if (!f->child)
				return -1;
			g_string_append_printf(out, "(2)%s=", f->name);
			if (classic_struct(f->child, out, depth) < 0)
				return -1;
			break;
		default: /* FT_UNCOMPRESS has no classic form */
			return -1;
		}
		g_string_append_c(out, '\n');
	}
	return 0;
}

static int finish(GString *out, size_t start, int r, size_t max)
{
	if (r == 0 && out->len - start >= max)
		r = -1;
	if (r < 0)
		g_string_truncate(out, start);
	return r;
}

int msg_to_classic(const struct hb_msg *m, GString *out, bool nul)
{
	return msg_to_classic_max(m, out, nul, MSG_MAXMSG);
}

int msg_to_classic_max(const struct hb_msg *m, GString *out, bool nul, size_t max)
{
	size_t start = out->len;
	g_string_append(out, ">>>\n");
	int r = classic_fields(m, out, 0, false);
	g_string_append(out, "<<<\n");
	if (nul)
		g_string_append_c(out, '\0');
	return finish(out, start, r, max);
}

int msg_classic_authtext(const struct hb_msg *m, GString *out)
{
	size_t start = out->len;
	return finish(out, start, classic_fields(m, out, 0, true), MSG_MAXMSG);
}

/* ---- netstring encoding ---- */

static int netstring_body(const struct hb_msg *m, GString *out, int depth)
{
	g_string_append(out, "###\n");
	GString *p = g_string_new(NULL);
	int r = 0;
	for (size_t i = 0; i < m->n && r == 0; i++) {
		const struct msg_field *f = &m->f[i];
		g_string_truncate(p, 0);
		g_string_append_printf(p, "(%d)%s=", (int)f->type, f->name);
		if (is_struct_type(f->type)) {
			if (!f->child || depth >= MSG_MAXDEPTH)
				r = -1;
			else
				r = netstring_body(f->child, p, depth + 1);
		} else {
			g_string_append_len(p, f->value, (gssize)f->len);
		}
		g_string_append_printf(out, "%zu:", p->len);
		g_string_append_len(out, p->str, (gssize)p->len);
		g_string_append_c(out, ',');
	}
	g_string_free(p, TRUE);
	g_string_append(out, "%%%\n");
	return r;
}

int msg_to_netstring(const struct hb_msg *m, GString *out)
{
	return msg_to_netstring_max(m, out, MSG_MAXMSG);
}

int msg_to_netstring_max(const struct hb_msg *m, GString *out, size_t max)
{
	size_t start = out->len;
	return finish(out, start, netstring_body(m, out, 0), max);
}

/* ---- decoding ---- */

/* Strict base64: whole quads, the standard alphabet, '=' only as the last one
 * or two characters, and only the canonical spelling of each value. */
static int b64v(unsigned char c)
{
	if (c >= 'A' && c <= 'Z') return c - 'A';
	if (c >= 'a' && c <= 'z') return c - 'a' + 26;
	if (c >= '0' && c <= '9') return c - '0' + 52;
	if (c == '+') return 62;
	if (c == '/') return 63;
	return -1;
}

static char *b64_decode(const char *s, size_t len, size_t *outlen)
{
	if (len % 4)
		return NULL;
	char *o = g_malloc(len / 4 * 3 + 1);
	size_t n = 0;
	for (size_t i = 0; i < len; i += 4) {
		int v[4], pad = 0;
		for (int j = 0; j < 4; j++) {
			unsigned char c = (unsigned char)s[i + j];
			if (c == '=' && i + 4 == len && j >= 2) {
				v[j] = 0;
				pad++;
				continue;
			}
			v[j] = b64v(c);
			if (v[j] < 0 || pad) {
				g_free(o);
				return NULL;
			}
		}
		/* Bits the padding drops must be zero: the auth text is rebuilt from the
		 * decoded bytes, so a second spelling would let a tampered packet pass. */
		if ((pad == 1 && (v[2] & 3)) || (pad == 2 && (v[1] & 15))) {
			g_free(o);
			return NULL;
		}
		unsigned long q = ((unsigned long)v[0] << 18) | ((unsigned long)v[1] << 12) |
				  ((unsigned long)v[2] << 6) | (unsigned long)v[3];
		o[n++] = (char)(q >> 16);
		if (pad < 2)
			o[n++] = (char)(q >> 8);
		if (pad < 1)
			o[n++] = (char)q;
	}
	o[n] = '\0';
	*outlen = n;
	return o;
}

static enum msg_err classic_parse(const char *b, size_t len, int depth, struct hb_msg **out);
static enum msg_err netstring_parse(const char *b, size_t len, int depth, struct hb_msg **out,
				    size_t *used);

/* One classic line [p, e): "[(d)]name=value". */
static enum msg_err classic_line(struct hb_msg *m, const char *p, size_t n, int depth)
{
	enum msg_ftype t = FT_STRING;
	if (n && p[0] == '(') {
		if (n < 3 || p[1] < '0' || p[1] > '9' || p[2] != ')')
			return MSG_E_SYNTAX;
		if (p[1] == '0' || p[1] > '5')
			return MSG_E_TYPE; /* strings carry no prefix; 6-9 have no handler */
		t = (enum msg_ftype)(p[1] - '0');
		p += 3;
		n -= 3;
	}
	const char *eq = memchr(p, '=', n);
	if (!eq || eq == p)
		return MSG_E_SYNTAX;
	size_t nl = (size_t)(eq - p);
	const char *v = eq + 1;
	size_t vl = n - nl - 1;
	struct msg_field f = { .type = t };
	enum msg_err e = MSG_OK;
	switch (t) {
	case FT_STRING:
		f.value = dup_bytes(v, vl);
		f.len = vl;
		for (size_t i = 0; i < vl; i++)
			if (f.value[i] == 0x13)
				f.value[i] = '\n';
		break;
	case FT_BINARY:
	case FT_COMPRESS:
		f.value = b64_decode(v, vl, &f.len);
		if (!f.value)
			e = MSG_E_SYNTAX;
		break;
	case FT_LIST:
		if (!list_ok(v, vl))
			e = MSG_E_SYNTAX;
		else {
			f.value = dup_bytes(v, vl);
			f.len = vl;
		}
		break;
	case FT_STRUCT: {
		int b = depth_byte(depth);
		if (b < 0)
			return MSG_E_DEPTH;
		char *c = dup_bytes(v, vl);
		for (size_t i = 0; i < vl; i++)
			if (c[i] == (char)b)
				c[i] = '\n';
		e = classic_parse(c, vl, depth + 1, &f.child);
		if (e == MSG_E_MAGIC)
			e = MSG_E_SYNTAX;
		g_free(c);
		break;
	}
	default: /* FT_UNCOMPRESS cannot be written in classic */
		e = MSG_E_TYPE;
		break;
	}
	if (e != MSG_OK) {
		g_free(f.value);
		return e;
	}
	struct msg_field *d = field_append(m);
	*d = f;
	d->name = g_strndup(p, nl);
	return MSG_OK;
}

/* Parse ">>>\n" lines; stops at "<<<\n" or NUL, a missing "<<<" is fine. */
static enum msg_err classic_parse(const char *b, size_t len, int depth, struct hb_msg **out)
{
	if (len < 4 || memcmp(b, ">>>\n", 4) != 0)
		return MSG_E_MAGIC;
	struct hb_msg *m = msg_new();
	size_t p = 4;
	enum msg_err e = MSG_OK;
	for (;;) {
		while (p < len && b[p] == '\n')
			p++;
		if (p >= len || b[p] == '\0')
			break;
		if (len - p >= 3 && memcmp(b + p, "<<<", 3) == 0 &&
		    (len - p == 3 || b[p + 3] == '\n' || b[p + 3] == '\0'))
			break;
		size_t q = p;
		while (q < len && b[q] != '\n' && b[q] != '\0')
			q++;
		e = classic_line(m, b + p, q - p, depth);
		if (e != MSG_OK)
			break;
		if (q >= len || b[q] == '\0')
			break;
		p = q + 1;
	}
	if (e != MSG_OK) {
		msg_free(m);
		return e;
	}
	*out = m;
	return MSG_OK;
}

/* Decimal netstring length at b[*p]; no leading zeros, no absurd sizes. */
static enum msg_err ns_len(const char *b, size_t len, size_t *p, size_t *n)
{
	size_t i = *p, v = 0;
	while (i < len && b[i] >= '0' && b[i] <= '9') {
		if (i - *p >= 7)
			return MSG_E_SYNTAX;
		v = v * 10 + (size_t)(b[i] - '0');
		i++;
	}
	if (i == *p)
		return i >= len ? MSG_E_TRUNCATED : MSG_E_SYNTAX;
	if (b[*p] == '0' && i - *p > 1)
		return MSG_E_SYNTAX;
	if (i >= len)
		return MSG_E_TRUNCATED;
	if (b[i] != ':')
		return MSG_E_SYNTAX;
	i++;
	if (v > len - i)
		return MSG_E_TRUNCATED;
	if (v == len - i)
		return MSG_E_TRUNCATED; /* no room for the closing ',' */
	if (b[i + v] != ',')
		return MSG_E_SYNTAX;
	*p = i;
	*n = v;
	return MSG_OK;
}

static enum msg_err ns_field(struct hb_msg *m, const char *p, size_t n, int depth)
{
	if (n < 3 || p[0] != '(' || p[2] != ')' || p[1] < '0' || p[1] > '9')
		return MSG_E_SYNTAX;
	if (p[1] > '5')
		return MSG_E_TYPE;
	enum msg_ftype t = (enum msg_ftype)(p[1] - '0');
	p += 3;
	n -= 3;
	const char *eq = memchr(p, '=', n);
	if (!eq || eq == p)
		return MSG_E_SYNTAX;
	size_t nl = (size_t)(eq - p);
	const char *v = eq + 1;
	size_t vl = n - nl - 1;
	struct msg_field f = { .type = t };
	if (memchr(p, '\0', nl))
		return MSG_E_SYNTAX; /* names are C strings */
	if (is_struct_type(t)) {
		if (depth >= MSG_MAXDEPTH)
			return MSG_E_DEPTH;
		size_t used = 0;
		enum msg_err e = netstring_parse(v, vl, depth + 1, &f.child, &used);
		if (e == MSG_OK && used != vl)
			e = MSG_E_SYNTAX;
		if (e == MSG_E_MAGIC)
			e = MSG_E_SYNTAX;
		if (e != MSG_OK) {
			msg_free(f.child);
			return e;
		}
	} else {
		if (t == FT_LIST && !list_ok(v, vl))
			return MSG_E_SYNTAX;
		f.value = dup_bytes(v, vl);
		f.len = vl;
	}
	struct msg_field *d = field_append(m);
	*d = f;
	d->name = g_strndup(p, nl);
	return MSG_OK;
}

static enum msg_err netstring_parse(const char *b, size_t len, int depth, struct hb_msg **out,
				    size_t *used)
{
	if (len < 4 || memcmp(b, "###\n", 4) != 0)
		return MSG_E_MAGIC;
	struct hb_msg *m = msg_new();
	size_t p = 4;
	enum msg_err e = MSG_OK;
	for (;;) {
		if (len - p >= 4 && memcmp(b + p, "%%%\n", 4) == 0) {
			p += 4;
			break;
		}
		size_t n;
		e = ns_len(b, len, &p, &n);
		if (e == MSG_OK)
			e = ns_field(m, b + p, n, depth);
		if (e != MSG_OK)
			break;
		p += n + 1;
	}
	if (e != MSG_OK) {
		msg_free(m);
		return e;
	}
	*out = m;
	*used = p;
	return MSG_OK;
}

static bool only_nuls(const char *b, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (b[i])
			return false;
	return true;
}

enum msg_err msg_decode(const void *buf, size_t len, bool need_trailer, struct msg_decoded *out)
{
	return msg_decode_max(buf, len, need_trailer, MSG_MAXMSG, out);
}

enum msg_err msg_decode_max(const void *buf, size_t len, bool need_trailer, size_t max,
			    struct msg_decoded *out)
{
	const char *b = buf;
	memset(out, 0, sizeof(*out));
	if (!buf || len == 0)
		return MSG_E_EMPTY;
	if (len > max)
		return MSG_E_TOOBIG;
	if (len >= 4 && memcmp(b, ">>>\n", 4) == 0) {
		out->fmt = MSG_FMT_CLASSIC;
		return classic_parse(b, len, 0, &out->msg);
	}
	if (len < 4 || memcmp(b, "###\n", 4) != 0)
		return len < 4 && (memcmp(b, ">>>\n", len) == 0 || memcmp(b, "###\n", len) == 0)
			       ? MSG_E_TRUNCATED : MSG_E_MAGIC;
	out->fmt = MSG_FMT_NETSTRING;
	size_t used;
	enum msg_err e = netstring_parse(b, len, 0, &out->msg, &used);
	if (e != MSG_OK)
		return e;
	out->signed_len = used;
	/* Receivers append a NUL to what they read, so trailing NULs are not junk. */
	if (only_nuls(b + used, len - used)) {
		if (!need_trailer)
			return MSG_OK;
		e = MSG_E_NOTRAILER;
	} else {
		size_t p = used, n;
		e = ns_len(b, len, &p, &n);
		if (e == MSG_OK && (n == 0 || memchr(b + p, '\0', n)))
			e = MSG_E_NOTRAILER;
		if (e == MSG_OK && !only_nuls(b + p + n + 1, len - p - n - 1))
			e = MSG_E_SYNTAX;
		else if (e == MSG_E_TRUNCATED || (e == MSG_E_SYNTAX && need_trailer))
			e = MSG_E_NOTRAILER;
		if (e == MSG_OK)
			out->trailer = g_strndup(b + p, n);
	}
	if (e != MSG_OK)
		msg_decoded_clear(out);
	return e;
}

void msg_decoded_clear(struct msg_decoded *d)
{
	if (!d)
		return;
	msg_free(d->msg);
	g_free(d->trailer);
	memset(d, 0, sizeof(*d));
}

/* ---- debug rendering ---- */

static void describe_into(const struct hb_msg *m, GString *s)
{
	for (size_t i = 0; i < m->n; i++) {
		const struct msg_field *f = &m->f[i];
		if (i)
			g_string_append_c(s, ' ');
		g_string_append(s, f->name);
		g_string_append_c(s, '=');
		switch (f->type) {
		case FT_STRING:
		case FT_LIST:
			for (size_t j = 0; j < f->len; j++) {
				unsigned char c = (unsigned char)f->value[j];
				if (c < 0x20 || c >= 0x7f || c == '\\')
					g_string_append_printf(s, "\\x%02x", c);
				else
					g_string_append_c(s, (char)c);
			}
			break;
		case FT_BINARY:
		case FT_COMPRESS:
			g_string_append(s, "0x");
			for (size_t j = 0; j < f->len && j < 32; j++)
				g_string_append_printf(s, "%02x", (unsigned char)f->value[j]);
			if (f->len > 32)
				g_string_append_printf(s, "...(%zu bytes)", f->len);
			break;
		default:
			g_string_append_c(s, '{');
			if (f->child)
				describe_into(f->child, s);
			g_string_append_c(s, '}');
			break;
		}
	}
}

char *msg_describe(const struct hb_msg *m)
{
	GString *s = g_string_new(NULL);
	if (m)
		describe_into(m, s);
	return g_string_free(s, FALSE);
}
