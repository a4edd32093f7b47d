/* libFuzzer target: untrusted compressed bytes, as a peer could send them in
 * a _compressed_payload or an FT_COMPRESS field.  The first byte picks the
 * algorithm and whether the rest is a raw stream or a message to unpack.
 * Decompression must stay within its bound and never crash; what decompresses
 * must survive a compress/decompress round trip unchanged. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "msg_compress.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	enum cz_algo a = (data[0] & 1) ? CZ_BZ2 : CZ_ZLIB;
	size_t max = (data[0] & 2) ? 4096 : CZ_MAXUNCOMPRESSED;
	data++;
	size--;
	char *raw = NULL, *z = NULL, *back = NULL;
	size_t rl, zl, bl;
	if (cz_decompress(a, data, size, max, &raw, &rl) == CZ_OK) {
		if (rl > max)
			__builtin_trap();
		if (cz_compress(a, raw, rl, &z, &zl) != CZ_OK ||
		    cz_decompress(a, z, zl, max, &back, &bl) != CZ_OK || bl != rl ||
		    memcmp(back, raw, rl) != 0)
			__builtin_trap();
	}
	g_free(raw);
	g_free(z);
	g_free(back);
	/* the same bytes as a whole-message payload and as a compressed field */
	struct hb_msg *w = msg_new(), *inner = NULL;
	msg_add_bin(w, MCZ_PAYLOAD_FIELD, data, size);
	msg_add(w, MCZ_ALGO_FIELD, cz_name(a));
	if (mcz_unwrap(w, &inner) == CZ_OK && !inner)
		__builtin_trap();
	msg_free(inner);
	msg_free(w);
	struct hb_msg *f = msg_new();
	msg_add(f, "t", "x");
	msg_add_typed(f, "data", FT_COMPRESS, data, size);
	msg_add(f, MCZ_ALGO_FIELD, cz_name(a));
	mcz_unpack_fields(f);
	msg_free(f);
	return 0;
}
