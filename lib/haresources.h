/* haresources: one resource group per (continued) line, first word the
 * preferred node, then resources "type::arg1::arg2"; a bare IP means IPaddr.
 * Heartbeat ignores comments; the parser keeps the two kinds haresources2cib
 * gives a meaning to (a "#WORD" ending a line, whole-line comments). */
#ifndef HB_HARESOURCES_H
#define HB_HARESOURCES_H
#include "conf.h"

struct hr_resource {
	char *spec;      /* as written, e.g. "IPaddr::10.0.0.1/24/eth0" */
	char *type;      /* "IPaddr", "ocf:heartbeat:IPaddr2", "apache" ... */
	int nargs;
	char **args;
};

struct hr_group {
	char *node;      /* preferred node, lower-cased */
	int nres;
	struct hr_resource *res;
	int line;
	char *tag;       /* "WORD" of a "#WORD" ending the line (no blank in it), or NULL */
};

struct hr_comment {      /* a line holding only a comment */
	char *text;      /* what follows the '#', trailing blanks removed */
	int line;
};

struct haresources {
	int ngroups;
	struct hr_group *groups;
	int ncomments;
	struct hr_comment *comments;
};

/* Parse; cf (may be NULL) is used to check node names.  Errors go to errs as
 * "file:line: message".  Returns 0 when there were none. */
int haresources_parse(const char *text, size_t len, const char *fname,
		      const struct hb_config *cf, struct haresources *out,
		      struct conf_errors *errs);
int haresources_load(const char *path, const struct hb_config *cf,
		     struct haresources *out, struct conf_errors *errs);
void haresources_free(struct haresources *h);
#endif
