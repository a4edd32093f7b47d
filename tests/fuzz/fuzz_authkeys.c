/* libFuzzer target: arbitrary bytes as an authkeys file.  The parser must
 * either produce a usable key set (an active entry that can sign) or a
 * "file:line: ..." message, never crash or leak. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "auth.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct auth_keys k;
	char err[256];
	if (auth_parse((const char *)data, size, "authkeys", &k, err, sizeof(err)) == 0) {
		if (k.active < 0 || k.active >= AUTH_MAXKEYS || !k.e[k.active].defined)
			__builtin_trap();
		const struct auth_entry *e = &k.e[k.active];
		char tok[41];
		auth_token(e->method, e->key, e->keylen, data, size, tok);
		if (!tok[0])
			__builtin_trap();
	} else if (strncmp(err, "authkeys:", 9) != 0 || strlen(err) >= sizeof(err)) {
		__builtin_trap();
	}
	auth_clear(&k);
	return 0;
}
