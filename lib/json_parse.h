/* A small JSON reader: text -> tree, for what heartbeat reads as JSON (the
 * daemon's hbstats answer, mgmtd's request bodies).  Pure and bounded: a
 * depth limit, no recursion past it, and an error that says where (line,
 * column) and what was expected.  Numbers are doubles. */
#ifndef HB_JSON_PARSE_H
#define HB_JSON_PARSE_H
#include <stdbool.h>
#include <stddef.h>

enum json_type { JSON_NULL, JSON_BOOL, JSON_NUM, JSON_STR, JSON_ARR, JSON_OBJ };

struct json_val {
	enum json_type type;
	bool b;
	double num;
	char *str;                  /* JSON_STR: the decoded text (UTF-8, no NUL inside) */
	size_t n;                   /* JSON_ARR / JSON_OBJ: number of items */
	struct json_val **items;    /* the items (an object's values) */
	char **keys;                /* JSON_OBJ: the names, in document order */
};

#define JSON_MAX_DEPTH 64

/* Parse len bytes (the whole text must be one value, whitespace around).
 * NULL on error with err filled: "line 1, column 7: expected ':' after an
 * object key". */
struct json_val *json_parse(const char *text, size_t len, char *err, size_t errlen);
void json_free(struct json_val *v);

/* Lookups that accept NULL and the wrong type (then they give NULL / def). */
const struct json_val *json_get(const struct json_val *obj, const char *key);
const struct json_val *json_at(const struct json_val *arr, size_t i);
size_t json_len(const struct json_val *arr);
const char *json_get_str(const struct json_val *obj, const char *key);
double json_get_num(const struct json_val *obj, const char *key, double def);
#endif
