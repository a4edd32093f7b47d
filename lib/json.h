/* The little JSON the daemon writes (cl_status --json): string escaping.
 * Pure. */
#ifndef HB_JSON_H
#define HB_JSON_H
#include <glib.h>

/* Append v as a JSON string (quotes, escapes; NULL as null). */
void json_str(GString *s, const char *v);
#endif
