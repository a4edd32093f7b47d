/* JSON text -> struct json_val tree (json_parse.h).  Strict RFC 8259: no
 * comments, no trailing commas, no NUL in strings, surrogate pairs checked.
 * Errors carry line and column; nothing here logs or exits. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib.h>
#include "json_parse.h"

struct jp {
	const char *s, *end, *p;
	char *err;
	size_t errlen;
	bool failed;
};

static void jp_fail(struct jp *j, const char *what)
{
	const char *q;
	int line = 1, col = 1;

	if (j->failed)
		return;
	j->failed = true;
	for (q = j->s; q < j->p; q++) {
		if (*q == '\n') {
			line++;
			col = 1;
		} else {
			col++;
		}
	}
	if (j->err && j->errlen)
		snprintf(j->err, j->errlen, "line %d, column %d: %s", line, col, what);
}

static void jp_ws(struct jp *j)
{
	while (j->p < j->end && (*j->p == ' ' || *j->p == '\t' || *j->p == '\n' || *j->p == '\r'))
		j->p++;
}

static struct json_val *jv_new(enum json_type t)
{
	struct json_val *v = g_new0(struct json_val, 1);

	v->type = t;
	return v;
}

static int hex4(const char *p)
{
	int i, v = 0;

	for (i = 0; i < 4; i++) {
		int c = p[i], d;

		if (c >= '0' && c <= '9')
			d = c - '0';
		else if (c >= 'a' && c <= 'f')
			d = c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			d = c - 'A' + 10;
		else
			return -1;
		v = v * 16 + d;
	}
	return v;
}

static void put_utf8(GString *o, unsigned cp)
{
	char buf[6];
	int n = g_unichar_to_utf8(cp, buf);

	g_string_append_len(o, buf, n);
}

/* At the opening quote; returns the decoded text or NULL. */
static char *jp_string(struct jp *j)
{
	GString *o = g_string_new(NULL);
	const char *start;

	j->p++;
	start = j->p;
	while (j->p < j->end && *j->p != '"') {
		unsigned char c = (unsigned char)*j->p;

		if (c < 0x20) {
			jp_fail(j, "expected a printable character in a string (control byte found)");
			goto bad;
		}
		if (c != '\\') {
			g_string_append_c(o, (char)c);
			j->p++;
			continue;
		}
		if (j->end - j->p < 2) {
			jp_fail(j, "expected an escape after '\\'");
			goto bad;
		}
		switch (j->p[1]) {
		case '"': g_string_append_c(o, '"'); break;
		case '\\': g_string_append_c(o, '\\'); break;
		case '/': g_string_append_c(o, '/'); break;
		case 'b': g_string_append_c(o, '\b'); break;
		case 'f': g_string_append_c(o, '\f'); break;
		case 'n': g_string_append_c(o, '\n'); break;
		case 'r': g_string_append_c(o, '\r'); break;
		case 't': g_string_append_c(o, '\t'); break;
		case 'u': {
			int cp, lo;

			if (j->end - j->p < 6 || (cp = hex4(j->p + 2)) < 0) {
				jp_fail(j, "expected four hex digits after '\\u'");
				goto bad;
			}
			if (cp == 0) {
				jp_fail(j, "expected a character other than \\u0000 in a string");
				goto bad;
			}
			if (cp >= 0xdc00 && cp <= 0xdfff) {
				jp_fail(j, "expected a high surrogate before a low one");
				goto bad;
			}
			if (cp >= 0xd800 && cp <= 0xdbff) {
				if (j->end - j->p < 12 || j->p[6] != '\\' || j->p[7] != 'u' ||
				    (lo = hex4(j->p + 8)) < 0xdc00 || lo > 0xdfff) {
					jp_fail(j, "expected a low surrogate \\uDC00-\\uDFFF after a high one");
					goto bad;
				}
				cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
				j->p += 6;
			}
			put_utf8(o, (unsigned)cp);
			j->p += 4;
			break;
		}
		default:
			jp_fail(j, "expected one of \" \\ / b f n r t u after '\\'");
			goto bad;
		}
		j->p += 2;
	}
	if (j->p >= j->end) {
		j->p = start - 1;
		jp_fail(j, "expected '\"' to close this string");
		goto bad;
	}
	j->p++;
	if (!g_utf8_validate(o->str, o->len, NULL)) {
		j->p = start - 1;
		jp_fail(j, "expected UTF-8 text in this string");
		goto bad;
	}
	return g_string_free(o, FALSE);
bad:
	g_string_free(o, TRUE);
	return NULL;
}

static bool jp_number(struct jp *j, double *out)
{
	const char *q = j->p;
	char buf[64];
	size_t n;

	if (q < j->end && *q == '-')
		q++;
	if (q >= j->end || *q < '0' || *q > '9') {
		jp_fail(j, "expected a digit");
		return false;
	}
	if (*q == '0')
		q++;
	else
		while (q < j->end && *q >= '0' && *q <= '9')
			q++;
	if (q < j->end && *q == '.') {
		q++;
		if (q >= j->end || *q < '0' || *q > '9') {
			j->p = q;
			jp_fail(j, "expected a digit after '.'");
			return false;
		}
		while (q < j->end && *q >= '0' && *q <= '9')
			q++;
	}
	if (q < j->end && (*q == 'e' || *q == 'E')) {
		q++;
		if (q < j->end && (*q == '+' || *q == '-'))
			q++;
		if (q >= j->end || *q < '0' || *q > '9') {
			j->p = q;
			jp_fail(j, "expected a digit in the exponent");
			return false;
		}
		while (q < j->end && *q >= '0' && *q <= '9')
			q++;
	}
	n = (size_t)(q - j->p);
	if (n >= sizeof(buf)) {
		jp_fail(j, "expected a number of at most 63 characters");
		return false;
	}
	memcpy(buf, j->p, n);
	buf[n] = 0;
	*out = g_ascii_strtod(buf, NULL);
	j->p = q;
	return true;
}

static bool jp_word(struct jp *j, const char *w)
{
	size_t n = strlen(w);

	if ((size_t)(j->end - j->p) < n || memcmp(j->p, w, n) != 0)
		return false;
	j->p += n;
	return true;
}

static void jv_push(struct json_val *c, char *key, struct json_val *item)
{
	c->items = g_renew(struct json_val *, c->items, c->n + 1);
	c->items[c->n] = item;
	if (c->type == JSON_OBJ) {
		c->keys = g_renew(char *, c->keys, c->n + 1);
		c->keys[c->n] = key;
	}
	c->n++;
}

static struct json_val *jp_value(struct jp *j, int depth)
{
	struct json_val *v;

	jp_ws(j);
	if (j->p >= j->end) {
		jp_fail(j, "expected a value (object, array, string, number, true, false or null)");
		return NULL;
	}
	if (depth > JSON_MAX_DEPTH) {
		jp_fail(j, "expected at most 64 levels of nesting");
		return NULL;
	}
	switch (*j->p) {
	case '{':
	case '[': {
		bool obj = *j->p == '{';
		char close = obj ? '}' : ']';

		v = jv_new(obj ? JSON_OBJ : JSON_ARR);
		j->p++;
		jp_ws(j);
		if (j->p < j->end && *j->p == close) {
			j->p++;
			return v;
		}
		for (;;) {
			char *key = NULL;
			struct json_val *item;

			jp_ws(j);
			if (obj) {
				if (j->p >= j->end || *j->p != '"') {
					jp_fail(j, "expected '\"' to start an object key");
					break;
				}
				if (!(key = jp_string(j)))
					break;
				jp_ws(j);
				if (j->p >= j->end || *j->p != ':') {
					g_free(key);
					jp_fail(j, "expected ':' after an object key");
					break;
				}
				j->p++;
			}
			if (!(item = jp_value(j, depth + 1))) {
				g_free(key);
				break;
			}
			jv_push(v, key, item);
			jp_ws(j);
			if (j->p < j->end && *j->p == ',') {
				j->p++;
				continue;
			}
			if (j->p < j->end && *j->p == close) {
				j->p++;
				return v;
			}
			jp_fail(j, obj ? "expected ',' or '}' after an object member"
				       : "expected ',' or ']' after an array item");
			break;
		}
		json_free(v);
		return NULL;
	}
	case '"': {
		char *s = jp_string(j);

		if (!s)
			return NULL;
		v = jv_new(JSON_STR);
		v->str = s;
		return v;
	}
	case 't':
	case 'f':
	case 'n':
		if (jp_word(j, "true") || jp_word(j, "false")) {
			v = jv_new(JSON_BOOL);
			v->b = j->p[-1] == 'e' && j->p[-2] == 'u';
			return v;
		}
		if (jp_word(j, "null"))
			return jv_new(JSON_NULL);
		jp_fail(j, "expected true, false or null");
		return NULL;
	default: {
		double d;

		if (!jp_number(j, &d))
			return NULL;
		v = jv_new(JSON_NUM);
		v->num = d;
		return v;
	}
	}
}

struct json_val *json_parse(const char *text, size_t len, char *err, size_t errlen)
{
	struct jp j = { text, text + len, text, err, errlen, false };
	struct json_val *v;

	if (err && errlen)
		err[0] = 0;
	if (!text) {
		j.end = j.s = j.p = "";
	}
	v = jp_value(&j, 0);
	if (!v)
		return NULL;
	jp_ws(&j);
	if (j.p != j.end) {
		jp_fail(&j, "expected the end of the text after the value");
		json_free(v);
		return NULL;
	}
	return v;
}

void json_free(struct json_val *v)
{
	size_t i;

	if (!v)
		return;
	for (i = 0; i < v->n; i++) {
		json_free(v->items[i]);
		if (v->keys)
			g_free(v->keys[i]);
	}
	g_free(v->items);
	g_free(v->keys);
	g_free(v->str);
	g_free(v);
}

const struct json_val *json_get(const struct json_val *obj, const char *key)
{
	size_t i;

	if (!obj || obj->type != JSON_OBJ)
		return NULL;
	for (i = 0; i < obj->n; i++)
		if (strcmp(obj->keys[i], key) == 0)
			return obj->items[i];
	return NULL;
}

const struct json_val *json_at(const struct json_val *arr, size_t i)
{
	if (!arr || (arr->type != JSON_ARR && arr->type != JSON_OBJ) || i >= arr->n)
		return NULL;
	return arr->items[i];
}

size_t json_len(const struct json_val *arr)
{
	return arr && (arr->type == JSON_ARR || arr->type == JSON_OBJ) ? arr->n : 0;
}

const char *json_get_str(const struct json_val *obj, const char *key)
{
	const struct json_val *v = json_get(obj, key);

	return v && v->type == JSON_STR ? v->str : NULL;
}

double json_get_num(const struct json_val *obj, const char *key, double def)
{
	const struct json_val *v = json_get(obj, key);

	return v && v->type == JSON_NUM ? v->num : def;
}
