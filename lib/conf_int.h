/* Private to the ha.cf parser (lib/conf*.c): the parse context every handler
 * receives, and the helpers the directive, media and built-in files share.
 * Nothing outside lib/conf*.c includes this. */
#ifndef HB_CONF_INT_H
#define HB_CONF_INT_H
#include <stdbool.h>
#include "conf.h"

/* Separators between the values of an option-list line (and after any name). */
#define CONF_DELIMS " \t,\r\n\f"
#define CONF_MAXLINE 5120
#define CONF_DEFAULT_UDPPORT 694
#define CONF_DEFAULT_BAUD 19200
#define CONF_NDIR 64           /* room for the ordinary directives */

struct conf_ctx {
	struct hb_config *c;
	struct conf_errors *e;
	const char *fname;
	int line;              /* 0 outside the line loop (post-parse) */
	const char *dname;     /* directive being applied */
	int nerr_start;        /* errs->n when this parse began */
	int cur_udpport;       /* what a medium read now would use */
	int cur_baud;
	bool baud_seen, watchdog_seen, pacemaker_seen, udpport_seen;
	bool af_given;         /* an auto_failback line was read */
	bool use_logd_set;
	bool log_set;          /* logfile, debugfile or logfacility given */
	/* Per ordinary directive (index in conf_directives): the last line that
	 * set it, and whether a value was rejected.  A rejected value gets no
	 * default either, so it cannot cause a second, misleading error. */
	int dline[CONF_NDIR];
	bool dbad[CONF_NDIR];
};

/* One value of an option-list directive; returns 0 or reports and returns -1. */
typedef int (*conf_value_fn)(struct conf_ctx *x, const char *val);
/* The rest of the line of a whole-line directive. */
typedef int (*conf_line_fn)(struct conf_ctx *x, const char *rest);

struct conf_directive {
	const char *name;
	conf_value_fn fn;
	const char *dflt;      /* default text applied after parsing, or NULL */
	const char *record_as; /* parameter name to record under; NULL = not recorded */
	const char *descr;     /* for heartbeat -D */
};

struct conf_line_directive {
	const char *name;
	conf_line_fn fn;
	bool option_list;      /* media whose values are applied one by one */
	conf_value_fn vfn;     /* used when option_list */
};

/* conf.c */
void conf_err(struct conf_ctx *x, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void conf_warn(struct conf_ctx *x, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
char *conf_strdup(const char *s);
void *conf_grow(void *arr, int n, size_t elem);   /* room for element n, or NULL */
bool conf_parse_int(const char *s, long min, long max, long *out);
int conf_add_node_name(struct conf_ctx *x, const char *name, bool ping);

/* conf_directives.c */
const struct conf_directive *conf_find_directive(const char *name);
/* Index of an ordinary directive in conf_directives, -1 if none. */
int conf_directive_index(const char *name);
extern const struct conf_directive conf_directives[];

/* conf_media.c */
const struct conf_line_directive *conf_find_line_directive(const char *name);
/* Name of the i-th whole-line directive, NULL past the last. */
const char *conf_line_directive_name(int i);
#endif
