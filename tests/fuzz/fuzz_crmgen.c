/* libFuzzer target for crmgen's readers: any bytes as a CSV sheet through
 * encoding detection, the CSV records, the tables and the crm output.  The
 * first byte picks the message language, -C/-O and the message level, so
 * every message format is exercised (printed to /dev/null). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include "cg.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FILE *null;
	struct cg_buf out = { 0 };
	struct cg_log log = { .file = "fuzz.csv" };
	unsigned flags = size ? data[0] : 0;

	if (!null)
		null = fopen("/dev/null", "w");
	log.out = null;
	log.english = flags & 1;
	log.level = (flags >> 3) % 6;
	cg_generate((const char *)data, size, &log, !(flags & 2), !(flags & 4), &out);
	free(out.s);
	return 0;
}
