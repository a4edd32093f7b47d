/* Text printers of the status view in Pacemaker 1.0's formats: resource
 * lines (crm_mon, crm_resource -L) and the crm_mon screens. */
#ifndef HB_CRM_PRINT_H
#define HB_CRM_PRINT_H
#include <stdio.h>
#include "crm_view.h"

enum {
	PRINT_RSCONLY = 1,        /* "id\t(class::prov:type) Role " (crm_resource -L, -n) */
	PRINT_SUPPRESS_NL = 2,    /* no newline after a primitive (crm_resource -O) */
};

/* One resource as 1.0's native/group/clone print functions wrote it;
 * pre NULL means the top-level indent " ". */
void print_rsc(FILE *out, const struct view_rsc *r, const char *pre, int opts);

struct mon_opts {
	int group_by_node;        /* -n */
	int inactive;             /* -r */
	int failcounts;           /* -f */
	int operations;           /* -o */
	int timing;               /* -t */
	int attributes;           /* -A */
	long long now;            /* for "Last updated:" */
};

/* The crm_mon screen (crm_mon -1 and each refresh of crm_mon -i). */
void mon_print_status(FILE *out, struct view *v, const struct mon_opts *o);
/* crm_mon -s: one line; returns 0 (Ok) or 1 (Warning). */
int mon_print_simple(FILE *out, struct view *v);
/* asctime-style date without newline, as 1.0's print_date wrote it. */
void mon_format_date(char *buf, size_t len, long long t);
#endif
