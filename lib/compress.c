/* zlib and bz2 buffer compression (see compress.h).  Both directions are
 * bounded: decompression stops at the caller's maximum and reports the
 * payload as too big instead of growing without limit. */
#include "compress.h"
#include <bzlib.h>
#include <glib.h>
#include <limits.h>
#include <stdint.h>
#include <string.h>
#include <zlib.h>

struct cz_policy cz_policy = { CZ_ZLIB, 2048, false };

void cz_policy_set(const char *algo, int threshold_kib, bool traditional)
{
	enum cz_algo a = cz_lookup(algo);
	cz_policy.algo = a == CZ_NONE ? CZ_ZLIB : a;
	cz_policy.threshold = (size_t)(threshold_kib > 0 ? threshold_kib : 2) * 1024;
	cz_policy.traditional = traditional;
}

static const char *const cz_errs[CZ_E__COUNT] = {
	[CZ_OK] = "ok",
	[CZ_E_ALGO] = "compression method not supported",
	[CZ_E_CORRUPT] = "corrupt compressed payload",
	[CZ_E_TOOBIG] = "uncompressed size over 2 MiB (MAXUNCOMPRESSED)",
	[CZ_E_INTERNAL] = "compression library failure",
};

const char *cz_strerror(enum cz_err e)
{
	if ((int)e < 0 || e >= CZ_E__COUNT)
		return "unknown error";
	return cz_errs[e];
}

enum cz_algo cz_lookup(const char *name)
{
	if (!name)
		return CZ_NONE;
	if (strcmp(name, "zlib") == 0)
		return CZ_ZLIB;
	if (strcmp(name, "bz2") == 0)
		return CZ_BZ2;
	return CZ_NONE;
}

const char *cz_name(enum cz_algo a)
{
	return a == CZ_ZLIB ? "zlib" : a == CZ_BZ2 ? "bz2" : "none";
}

enum cz_err cz_compress(enum cz_algo a, const void *src, size_t len, char **out, size_t *outlen)
{
	*out = NULL;
	*outlen = 0;
	if (len > CZ_MAXUNCOMPRESSED)
		return CZ_E_TOOBIG;
	if (a == CZ_ZLIB) {
		uLongf n = compressBound((uLong)len);
		char *b = g_malloc(n + 1);
		if (compress((Bytef *)b, &n, (const Bytef *)src, (uLong)len) != Z_OK) {
			g_free(b);
			return CZ_E_INTERNAL;
		}
		*out = b;
		*outlen = n;
		return CZ_OK;
	}
	if (a == CZ_BZ2) {
		/* bzip2's documented worst case: 1% + 600 bytes */
		unsigned int n = (unsigned int)(len + len / 100 + 601);
		char *b = g_malloc(n + 1);
		if (BZ2_bzBuffToBuffCompress(b, &n, (char *)(uintptr_t)src, (unsigned int)len, 1, 0,
					     30) != BZ_OK) {
			g_free(b);
			return CZ_E_INTERNAL;
		}
		*out = b;
		*outlen = n;
		return CZ_OK;
	}
	return CZ_E_ALGO;
}

/* zlib: inflate by hand rather than uncompress() so that trailing junk after
 * the stream and a stream cut short are told apart from "too big". */
static enum cz_err unzlib(const void *src, size_t len, size_t max, char *b, size_t *outlen)
{
	z_stream z;
	memset(&z, 0, sizeof z);
	if (len > UINT_MAX || inflateInit(&z) != Z_OK)
		return CZ_E_INTERNAL;
	z.next_in = (Bytef *)(uintptr_t)src;
	z.avail_in = (uInt)len;
	z.next_out = (Bytef *)b;
	z.avail_out = (uInt)max;
	int r = inflate(&z, Z_FINISH);
	enum cz_err e;
	if (r == Z_STREAM_END)
		e = z.avail_in == 0 ? CZ_OK : CZ_E_CORRUPT;
	else if ((r == Z_BUF_ERROR || r == Z_OK) && z.avail_out == 0)
		e = CZ_E_TOOBIG;
	else
		e = r == Z_MEM_ERROR ? CZ_E_INTERNAL : CZ_E_CORRUPT;
	*outlen = z.total_out;
	inflateEnd(&z);
	return e;
}

static enum cz_err unbz2(const void *src, size_t len, size_t max, char *b, size_t *outlen)
{
	bz_stream z;
	memset(&z, 0, sizeof z);
	if (len > UINT_MAX || BZ2_bzDecompressInit(&z, 0, 0) != BZ_OK)
		return CZ_E_INTERNAL;
	z.next_in = (char *)(uintptr_t)src;
	z.avail_in = (unsigned int)len;
	z.next_out = b;
	z.avail_out = (unsigned int)max;
	enum cz_err e;
	for (;;) {
		int r = BZ2_bzDecompress(&z);
		if (r == BZ_STREAM_END) {
			e = z.avail_in == 0 ? CZ_OK : CZ_E_CORRUPT;
			break;
		}
		if (r != BZ_OK) {
			e = r == BZ_MEM_ERROR ? CZ_E_INTERNAL : CZ_E_CORRUPT;
			break;
		}
		if (z.avail_out == 0) {
			e = CZ_E_TOOBIG;
			break;
		}
		if (z.avail_in == 0) {
			e = CZ_E_CORRUPT; /* input ended inside the stream */
			break;
		}
	}
	*outlen = max - z.avail_out;
	BZ2_bzDecompressEnd(&z);
	return e;
}

enum cz_err cz_decompress(enum cz_algo a, const void *src, size_t len, size_t max, char **out,
			  size_t *outlen)
{
	*out = NULL;
	*outlen = 0;
	if (a != CZ_ZLIB && a != CZ_BZ2)
		return CZ_E_ALGO;
	if (max > CZ_MAXUNCOMPRESSED)
		max = CZ_MAXUNCOMPRESSED;
	if (!src || len == 0)
		return CZ_E_CORRUPT;
	char *b = g_malloc(max + 1);
	size_t n = 0;
	enum cz_err e = a == CZ_ZLIB ? unzlib(src, len, max, b, &n) : unbz2(src, len, max, b, &n);
	if (e != CZ_OK) {
		g_free(b);
		return e;
	}
	b[n] = '\0';
	*out = g_realloc(b, n + 1);
	*outlen = n;
	return CZ_OK;
}
