/* haresources2cib: the element tree it builds, the conversion options, and
 * the three steps (map haresources + ha.cf to a heartbeat 2.x CIB, upgrade it
 * to the pacemaker-1.0 spelling, print it as the original's minidom did).
 * Reading files and writing the result is haresources2cib.c's job. */
#ifndef H2C_H
#define H2C_H
#include <stdbool.h>
#include <stdio.h>
#include "conf.h"
#include "haresources.h"

struct xel_attr {
	char *name;
	char *value;
};

struct xel {                 /* one XML element; no text content is ever needed */
	char *name;
	int nattr;
	struct xel_attr *attr;
	int nkid;
	struct xel **kid;
};

/* Which original to reproduce: ours corrects its mistakes (see the man page). */
enum h2c_compat {
	H2C_FIXED,           /* 2.1.3's output with the netmask/nic mapping, stonith-enabled and auto_failback right */
	H2C_COMPAT_213,      /* heartbeat 2.1.3's haresources2cib.py, mistakes included */
	H2C_COMPAT_10,       /* Pacemaker 1.0's copy, mistakes included */
};

/* Parameter names of a stonith device type, as "stonith -n -t TYPE" prints
 * them.  Returns the count (names malloc'd into *names) or -1 with err set. */
typedef int (*h2c_stonith_names_fn)(const char *type, char ***names, char *err, size_t errlen);

struct h2c_opts {
	bool no_ocf;             /* --no-ocf: every type looked up as a script */
	bool no_monitor;         /* --no-monitor */
	enum h2c_compat compat;
	const char *resource_dir; /* heartbeat scripts (class heartbeat) */
	const char *init_dir;    /* LSB scripts (class lsb) */
	const char *hacf_name;   /* for messages */
	h2c_stonith_names_fn stonith_names;
};

/* Messages of a conversion: errors stop it, warnings do not. */
struct h2c_msgs {
	int nerr;
	int nwarn;
	FILE *out;               /* where they are printed as they come (stderr), or NULL */
};

/* h2c_xml.c */
struct xel *xel_new(const char *name);
struct xel *xel_add(struct xel *parent, const char *name);
void xel_adopt(struct xel *parent, struct xel *kid);
void xel_set(struct xel *e, const char *name, const char *value);
const char *xel_get(const struct xel *e, const char *name);
struct xel *xel_find(const struct xel *e, const char *name);
void xel_free(struct xel *e);
/* The document as Python 2's minidom toprettyxml() writes it: tab indent,
 * attributes sorted, a "<?xml ...?>" line first (header).  Returns a malloc'd
 * string. */
char *xel_pretty(const struct xel *root, const char *header);

/* h2c_map.c: haresources (with ha.cf) -> <cib> in the heartbeat 2.x (0.6)
 * spelling.  hr_name names the haresources file in messages.  NULL when an
 * error was reported through m. */
struct xel *h2c_map(const struct haresources *hr, const char *hr_name,
		    const struct hb_config *cf, const struct h2c_opts *o, struct h2c_msgs *m);
void h2c_error(struct h2c_msgs *m, const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
void h2c_warn(struct h2c_msgs *m, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* h2c_upgrade.c: the 0.6 document in the pacemaker-1.0 spelling, as
 * "cibadmin --upgrade" (Pacemaker 1.0's upgrade06.xsl) turned it. */
struct xel *h2c_upgrade(const struct xel *cib06);

/* h2c_stonith.c: runs "stonith -n -t TYPE" (the default h2c_stonith_names_fn). */
int h2c_stonith_names(const char *type, char ***names, char *err, size_t errlen);
#endif
