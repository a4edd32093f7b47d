/* Node lists and the node cache files: the words of an addnode/delnode
 * message's nodelist, and the lines of <var_lib>/hostcache and
 * delhostcache ("name TAB uuid TAB weight TAB site", or the older
 * "name TAB uuid").  Parsing and formatting only: the daemon decides what
 * the nodes mean (heartbeat/node_admin.c). */
#ifndef HB_HOSTCACHE_H
#define HB_HOSTCACHE_H
#include <stdbool.h>
#include <stddef.h>
#include "conf.h"

#define HOSTCACHE_DEFAULT_WEIGHT 100

/* Split a nodelist ("a b c ", blanks between, as hb_addnode sends it) into
 * at most max lower-cased names.  Returns the count, or -1 with a message
 * in err (a name too long, or more than max names). */
int nodelist_split(const char *list, char names[][CONF_HOSTLEN], int max, char *err, size_t errlen);

struct hostcache_entry {
	char name[CONF_HOSTLEN];
	unsigned char uuid[16];
	bool has_uuid;            /* false for an all-zero uuid */
	int weight;
	char site[64];
};

/* One line (without its newline).  0 on success; -1 with what was wrong
 * (the caller adds file and line). */
int hostcache_parse_line(const char *line, struct hostcache_entry *e, char *err, size_t errlen);
/* The line for e, with its newline, into out (at least HOSTCACHE_LINE_MAX). */
#define HOSTCACHE_LINE_MAX (CONF_HOSTLEN + 40 + 16 + 64 + 8)
void hostcache_format_line(const struct hostcache_entry *e, char *out, size_t len);

/* The standard 8-4-4-4-12 form; parse returns -1 when s is not one. */
void hostcache_uuid_unparse(const unsigned char uuid[16], char out[37]);
int hostcache_uuid_parse(const char *s, unsigned char uuid[16]);

/* Read a whole cache file: calls fn for each good line.  A bad line is
 * reported through warn ("FILE:LINE: ...") and skipped.  Returns the
 * number of entries, 0 when the file does not exist, -1 if it cannot be
 * read (err says why). */
typedef void (*hostcache_fn)(const struct hostcache_entry *e, void *data);
typedef void (*hostcache_warn_fn)(const char *msg, void *data);
int hostcache_read(const char *path, hostcache_fn fn, hostcache_warn_fn warn, void *data,
		   char *err, size_t errlen);
/* Parse a buffer the same way (the fuzz target's way in). */
int hostcache_parse_text(const char *path, const char *text, size_t len, hostcache_fn fn,
			 hostcache_warn_fn warn, void *data);
/* Write entries through PATH.tmp, fsync and rename, as the original does. */
int hostcache_write(const char *path, const struct hostcache_entry *e, int n, char *err, size_t errlen);
#endif
