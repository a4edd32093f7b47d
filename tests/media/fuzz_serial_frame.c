/* libFuzzer target for heartbeat/serial_frame.c: any byte stream, fed whole
 * and a byte at a time, must give the same frames, each ">>>\n...<<<\n" and
 * within the limit, without holding more memory than the limit. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "heartbeat/serial_frame.h"

static size_t frames(const uint8_t *p, size_t len, size_t max, size_t step, uint8_t *out)
{
	struct serial_frame f;
	size_t off = 0, olen = 0;

	serial_frame_init(&f, max);
	while (off < len) {
		size_t n = step && step < len - off ? step : len - off;
		size_t used = serial_frame_feed(&f, p + off, n);
		if (used == 0 || used > n)
			abort();
		off += used;
		size_t fl;
		const char *fr = serial_frame_take(&f, &fl);
		if (fr) {
			if (fl < 8 || fl > max || memcmp(fr, ">>>\n", 4) || memcmp(fr + fl - 4, "<<<\n", 4))
				abort();
			for (size_t i = 0; i < fl; i++)
				if (fr[i] == '\r' || (fr[i] & 0x80))
					abort();
			memcpy(out + olen, fr, fl);
			olen += fl;
		}
		if (f.cap > f.max)
			abort();
	}
	serial_frame_free(&f);
	return olen;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	size_t max = 8 + data[0];
	data++, size--;
	/* Frames never hold more bytes than went in (plus rebuilt "<<<\n"s). */
	uint8_t *a = malloc(size * 2 + 16), *b = malloc(size * 2 + 16);
	if (!a || !b)
		abort();
	size_t la = frames(data, size, max, 0, a);
	size_t lb = frames(data, size, max, 1, b);
	if (la != lb || memcmp(a, b, la))
		abort();
	free(a);
	free(b);
	return 0;
}
