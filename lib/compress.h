/* Byte-buffer compression as cluster-glue's compress plugins do it: "zlib"
 * (one RFC 1950 stream, zlib's compress()/uncompress() at the default level)
 * and "bz2" (the bzip2 buffer API, block size 100k, workFactor 30).  Output is
 * bounded by MAXUNCOMPRESSED, so a hostile payload can never make us allocate
 * or spin beyond it.  Pure code: no logging, no configuration files. */
#ifndef HB_COMPRESS_H
#define HB_COMPRESS_H
#include <stdbool.h>
#include <stddef.h>

#define CZ_MAXUNCOMPRESSED 2097152   /* glue's MAXUNCOMPRESSED: 2 MiB */

enum cz_algo { CZ_NONE = 0, CZ_ZLIB, CZ_BZ2 };

enum cz_err {
	CZ_OK = 0,
	CZ_E_ALGO,      /* unknown or unsupported algorithm name */
	CZ_E_CORRUPT,   /* the payload is not a valid stream of that algorithm */
	CZ_E_TOOBIG,    /* input or output over CZ_MAXUNCOMPRESSED */
	CZ_E_INTERNAL,  /* the library failed (out of memory) */
	CZ_E__COUNT
};
const char *cz_strerror(enum cz_err e);

/* "zlib" / "bz2" -> algorithm, CZ_NONE for anything else. */
enum cz_algo cz_lookup(const char *name);
const char *cz_name(enum cz_algo a);

/* Compress len bytes; *out is g_malloc'd (g_free it), *outlen its size. */
enum cz_err cz_compress(enum cz_algo a, const void *src, size_t len, char **out, size_t *outlen);
/* Decompress into at most max bytes (max <= CZ_MAXUNCOMPRESSED); *out gets a
 * NUL after *outlen bytes so text callers may treat it as a string. */
enum cz_err cz_decompress(enum cz_algo a, const void *src, size_t len, size_t max, char **out,
			  size_t *outlen);

/* What ha.cf says (compression, compression_threshold, traditional_compression);
 * set once at start and on reload by the daemon, left at the defaults in clients. */
struct cz_policy {
	enum cz_algo algo;        /* default zlib */
	size_t threshold;         /* bytes; ha.cf gives KiB, default 2 KiB */
	bool traditional;         /* whole-message compression above threshold */
};
extern struct cz_policy cz_policy;
/* From the ha.cf values: algo NULL = zlib, threshold_kib <= 0 = 2. */
void cz_policy_set(const char *algo, int threshold_kib, bool traditional);
#endif
