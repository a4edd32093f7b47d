/* libFuzzer target for mgmtd's request body parsers: the JSON reader
 * (lib/json_parse.c) on any bytes, the action body parser, and the static
 * file name check on the same bytes taken as a path.  Neither may crash,
 * leak or read past the input; a parsed action must satisfy the checks the
 * parser promises (names of safe characters only). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "json_parse.h"
#include "log.h"
#include "mgmtd.h"

/* what mgmt_action.c needs from the rest of mgmtd, which is not linked */
bool mgmt_status_crm(void) { return false; }
void mgmt_status_local(char *buf, size_t len) { g_strlcpy(buf, "n1", len); }
bool mgmt_status_has_node(const char *name) { return !strcmp(name, "n1") || !strcmp(name, "n2"); }
void log_msg(enum log_level lvl, const char *fmt, ...) { (void)lvl; (void)fmt; }

static void check_name(const char *s)
{
	for (; *s; s++)
		if (!g_ascii_isalnum(*s) && !strchr("-_.:", *s))
			abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char err[300], *path;
	struct json_val *v;
	struct mgmt_action a;

	v = json_parse((const char *)data, size, err, sizeof(err));
	if (!v && !err[0])
		abort();         /* every refusal says why */
	json_free(v);
	if (mgmt_action_parse((const char *)data, size, &a, err, sizeof(err))) {
		check_name(a.node);
		check_name(a.resource);
	}
	path = g_strndup((const char *)data, size);
	if (mgmt_static_name_ok(path) && (strstr(path, "..") || strchr(path, '/')))
		abort();
	g_free(path);
	return 0;
}
