/* libFuzzer target: arbitrary bytes as a hostcache / delhostcache file, and
 * as the nodelist of an addnode / delnode message (both reach the daemon
 * from outside).  A good line must format back to a line that parses to
 * the same entry; a bad one gives a "hostcache:LINE: ..." message; names
 * from a nodelist are non-empty, short, blank-free and lower case. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <ctype.h>
#include "hostcache.h"

static void check_entry(const struct hostcache_entry *e, void *data)
{
	char line[HOSTCACHE_LINE_MAX], err[200];
	struct hostcache_entry back;
	size_t n;

	hostcache_format_line(e, line, sizeof line);
	n = strlen(line);
	if (n == 0 || line[n - 1] != '\n')
		__builtin_trap();
	line[n - 1] = 0;
	if (hostcache_parse_line(line, &back, err, sizeof err) != 0)
		__builtin_trap();
	if (strcmp(back.name, e->name) || memcmp(back.uuid, e->uuid, 16) || back.weight != e->weight ||
	    strcmp(back.site, e->site) || back.has_uuid != e->has_uuid)
		__builtin_trap();
	(*(int *)data)++;
}

static void check_warn(const char *msg, void *data)
{
	if (strncmp(msg, "hostcache:", 10) != 0 || !strstr(msg, "; line ignored"))
		__builtin_trap();
}

static char names[CONF_MAXNODES][CONF_HOSTLEN];

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	int seen = 0, n, i;
	char err[200], *list;

	n = hostcache_parse_text("hostcache", (const char *)data, size, check_entry, check_warn, &seen);
	if (n != seen)
		__builtin_trap();
	list = malloc(size + 1);
	if (!list)
		return 0;
	memcpy(list, data, size);
	list[size] = 0;
	n = nodelist_split(list, names, CONF_MAXNODES, err, sizeof err);
	for (i = 0; i < n; i++) {
		size_t len = strlen(names[i]);
		const char *p;

		if (len == 0 || len >= CONF_HOSTLEN)
			__builtin_trap();
		for (p = names[i]; *p; p++)
			if ((unsigned char)*p <= ' ' || isupper((unsigned char)*p))
				__builtin_trap();
	}
	if (n < 0 && !err[0])
		__builtin_trap();
	free(list);
	return 0;
}
