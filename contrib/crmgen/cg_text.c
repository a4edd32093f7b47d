/* Text of the CSV cells: which encoding the file is in (Shift_JIS as Excel
 * writes it, UTF-8 with or without a BOM), decoding one field with glibc's
 * iconv, and the cleaning pm_crmgen applied to every cell.  Shift_JIS is read
 * as CP932 (Excel's variant) and the six characters where CP932 and Python's
 * "shift_jis" codec disagree are given Python's meaning, so the output is the
 * original's. */
#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include "cg.h"

/* Next code point of valid UTF-8 at s (n bytes left); its length in *len. */
static long utf8_cp(const unsigned char *s, size_t n, size_t *len)
{
	long cp;
	size_t k, i;

	if (n == 0)
		return -1;
	if (s[0] < 0x80) {
		*len = 1;
		return s[0];
	}
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		k = 2;
		cp = s[0] & 0x1f;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		k = 3;
		cp = s[0] & 0x0f;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		k = 4;
		cp = s[0] & 0x07;
	} else
		return -1;
	if (n < k)
		return -1;
	for (i = 1; i < k; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return -1;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	if ((k == 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) || (k == 4 && (cp < 0x10000 || cp > 0x10ffff)))
		return -1;
	*len = k;
	return cp;
}

static size_t utf8_put(long cp, char *out)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xc0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xe0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
	out[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

/* Offset of the first byte that is not valid UTF-8, or len. */
static size_t utf8_valid_upto(const char *s, size_t len)
{
	size_t i = 0, k;

	while (i < len) {
		if (utf8_cp((const unsigned char *)s + i, len - i, &k) < 0)
			return i;
		i += k;
	}
	return len;
}

enum cg_enc cg_detect(const char *s, size_t len, size_t *skip)
{
	size_t i;

	*skip = 0;
	if (len >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0) {
		*skip = 3;
		return CG_UTF8_BOM;
	}
	for (i = 0; i < len && (unsigned char)s[i] < 0x80; i++)
		;
	if (i == len)
		return CG_ASCII;
	return utf8_valid_upto(s, len) == len ? CG_UTF8 : CG_SJIS;
}

const char *cg_enc_name(enum cg_enc e)
{
	switch (e) {
	case CG_ASCII: return "ascii";
	case CG_UTF8: return "utf-8";
	case CG_UTF8_BOM: return "utf-8 (BOM)";
	case CG_SJIS: return "shift_jis";
	}
	return "?";
}

/* CP932 -> Python shift_jis for the characters they decode differently. */
static long sjis_fix(long cp)
{
	switch (cp) {
	case 0xff5e: return 0x301c;   /* 0x8160 WAVE DASH */
	case 0x2225: return 0x2016;   /* 0x8161 DOUBLE VERTICAL LINE */
	case 0xff0d: return 0x2212;   /* 0x817c MINUS SIGN */
	case 0xffe0: return 0x00a2;   /* 0x8191 CENT SIGN */
	case 0xffe1: return 0x00a3;   /* 0x8192 POUND SIGN */
	case 0xffe2: return 0x00ac;   /* 0x81ca NOT SIGN */
	}
	return cp;
}

/* Raw Shift_JIS bytes -> UTF-8 (malloc'd), NULL with *bad on a bad byte. */
static char *from_sjis(const char *raw, size_t len, size_t *bad)
{
	static iconv_t cd = (iconv_t)-1;   /* opened once: CP932 keeps no state between cells */
	size_t cap = len * 3 + 4, inleft = len, outleft = cap, i, o = 0, k;
	char *in = (char *)raw, *tmp, *outp, *out;

	if (cd == (iconv_t)-1)
		cd = iconv_open("UTF-8", "CP932");
	if (cd == (iconv_t)-1) {
		*bad = 0;
		return NULL;
	}
	iconv(cd, NULL, NULL, NULL, NULL);
	tmp = cg_alloc(cap + 1);
	outp = tmp;
	if (iconv(cd, &in, &inleft, &outp, &outleft) == (size_t)-1) {
		*bad = (size_t)(in - raw);
		free(tmp);
		return NULL;
	}
	*outp = '\0';
	out = cg_alloc(cap + 1);
	for (i = 0; tmp + i < outp; i += k) {
		long cp = utf8_cp((unsigned char *)tmp + i, (size_t)(outp - tmp) - i, &k);

		if (cp < 0) {
			out[o++] = tmp[i];
			k = 1;
			continue;
		}
		o += utf8_put(sjis_fix(cp), out + o);
	}
	out[o] = '\0';
	free(tmp);
	return out;
}

bool cg_is_space(const char *s, size_t *n)
{
	size_t k;
	long cp = utf8_cp((const unsigned char *)s, strlen(s), &k);

	if (cp < 0)
		return false;
	*n = k;
	return (cp >= 0x09 && cp <= 0x0d) || (cp >= 0x1c && cp <= 0x20) || cp == 0x85 || cp == 0xa0 ||
	       cp == 0x1680 || cp == 0x180e || (cp >= 0x2000 && cp <= 0x200a) || cp == 0x2028 ||
	       cp == 0x2029 || cp == 0x202f || cp == 0x205f || cp == 0x3000;
}

/* Python's strip(): the blanks at both ends (U+3000 is one of them). */
static char *strip_blank(char *s)
{
	size_t n, len, start = 0, last = 0, i;

	len = strlen(s);
	while (start < len && cg_is_space(s + start, &n))
		start += n;
	/* the end: remember where the last non-blank character ended */
	last = start;
	for (i = start; i < len;) {
		if (cg_is_space(s + i, &n))
			i += n;
		else {
			size_t k = 1;

			utf8_cp((unsigned char *)s + i, len - i, &k);
			i += k;
			last = i;
		}
	}
	memmove(s, s + start, last - start);
	s[last - start] = '\0';
	return s;
}

char *cg_cell(const char *raw, size_t len, enum cg_enc e, size_t *bad)
{
	char *text, *out;
	size_t i, o = 0, tl, v;

	if (e == CG_SJIS) {
		text = from_sjis(raw, len, bad);
		if (!text)
			return NULL;
	} else {
		v = utf8_valid_upto(raw, len);
		if (v < len || memchr(raw, '\0', len)) {
			*bad = v;
			return NULL;
		}
		text = cg_alloc(len + 1);
		memcpy(text, raw, len);
	}
	/* A run of line breaks inside a cell becomes one blank. */
	tl = strlen(text);
	out = cg_alloc(tl + 1);
	for (i = 0; i < tl; i++) {
		if (text[i] == '\n') {
			while (i + 1 < tl && text[i + 1] == '\n')
				i++;
			out[o++] = ' ';
		} else
			out[o++] = text[i];
	}
	out[o] = '\0';
	free(text);
	return strip_blank(out);
}

bool cg_has_non_ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || (unsigned char)*s > 0x7e)
			return true;
	return false;
}

char **cg_split_blank(const char *s, int *n)
{
	char **v = NULL;
	size_t len = strlen(s), i = 0, k, start;

	*n = 0;
	while (i < len) {
		while (i < len && cg_is_space(s + i, &k))
			i += k;
		if (i >= len)
			break;
		start = i;
		while (i < len && !cg_is_space(s + i, &k)) {
			k = 1;
			utf8_cp((const unsigned char *)s + i, len - i, &k);
			i += k;
		}
		v = cg_grow(v, *n, sizeof *v);
		v[*n] = cg_alloc(i - start + 1);
		memcpy(v[*n], s + start, i - start);
		(*n)++;
	}
	return v;
}

void cg_strv_free(char **v, int n)
{
	int i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

char *cg_lower_ascii(const char *s)
{
	char *d = cg_strdup(s), *p;

	for (p = d; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	return d;
}

/* CPython 2.7's unicode hash (no randomisation): over code points. */
long long cg_pyhash(const char *utf8)
{
	const unsigned char *s = (const unsigned char *)utf8;
	size_t len = strlen(utf8), i = 0, k, n = 0;
	unsigned long long x = 0;
	long cp;

	if (len == 0)
		return 0;
	while (i < len) {
		cp = utf8_cp(s + i, len - i, &k);
		if (cp < 0) {
			cp = s[i];
			k = 1;
		}
		if (n == 0)
			x = (unsigned long long)cp << 7;
		x = (1000003ULL * x) ^ (unsigned long long)cp;
		i += k;
		n++;
	}
	x ^= (unsigned long long)n;
	if ((long long)x == -1)
		x = (unsigned long long)-2LL;
	return (long long)x;
}
