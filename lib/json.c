/* JSON string escaping for the status output: quote, backslash and every
 * control byte escaped, the rest copied as is (our text is ASCII or UTF-8). */
#include "json.h"

void json_str(GString *s, const char *v)
{
	if (!v) {
		g_string_append(s, "null");
		return;
	}
	g_string_append_c(s, '"');
	for (; *v; v++) {
		if (*v == '"' || *v == '\\')
			g_string_append_printf(s, "\\%c", *v);
		else if ((unsigned char)*v < 0x20)
			g_string_append_printf(s, "\\u%04x", (unsigned char)*v);
		else
			g_string_append_c(s, *v);
	}
	g_string_append_c(s, '"');
}
