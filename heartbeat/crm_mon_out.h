/* crm_mon's machine-readable outputs (-X XML, --as-json) and the helpers
 * they share with the text screens. */
#ifndef HB_CRM_MON_OUT_H
#define HB_CRM_MON_OUT_H
#include "crm_print.h"

/* Reported as crm_mon version="..." and "tool_version". */
#define MON_OUTPUT_VERSION "1.0.12-heartbeat"
/* --as-json schema version: fields are added, never renamed or removed. */
#define MON_JSON_VERSION 1

void mon_print_xml(FILE *out, struct view *v, const struct mon_opts *o);
void mon_print_json(FILE *out, struct view *v, const struct mon_opts *o);

/* "ocf::heartbeat:IPaddr2", "lsb:apache" (g_free). */
char *mon_agent(const struct view_rsc *r);
/* The node attribute names crm_mon -A shows, sorted (free the array). */
GPtrArray *mon_attr_names(const struct view_node *n);

/* One lrm_resource of a node's history, as -f and -o list them. */
struct mon_hist {
	xmlNodePtr lrm;
	const char *id;
	struct view_rsc *r;        /* the resource it is history of; NULL: orphan */
	int fail_count;
	long long last_failure;    /* 0 when none */
};
/* The lrm_resource entries of node_state ns (of node n) in document order;
 * unless all (-o), only orphans and those with a fail count or a last
 * failure (the migration summary).  g_array_free(a, TRUE). */
GArray *mon_node_history(struct view *v, xmlNodePtr ns, struct view_node *n, int all);
#endif
