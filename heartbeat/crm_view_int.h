/* Internals shared by the crm_view_*.c files: the judgement of one
 * recorded operation by Pacemaker 1.0's unpack rules, and the builders of
 * the parts of the view the engine does not provide. */
#ifndef HB_CRM_VIEW_INT_H
#define HB_CRM_VIEW_INT_H
#include "crm_view.h"

/* LRM op-status values (cluster-glue lrm_api.h). */
enum { LRM_PENDING = -1, LRM_DONE = 0, LRM_CANCELLED = 1, LRM_TIMEOUT = 2, LRM_NOTSUPPORTED = 3,
       LRM_ERROR = 4 };

struct op_judgement {
	const char *task;
	int status;       /* after 1.0's remapping (LRM_*) */
	int rc, target;   /* agent rc; expected rc, -1 when not recorded */
	long long interval;
	int probe;
	int entry;        /* belongs in "Failed actions" (before the node test) */
	int ignored;      /* a failure that on-fail=ignore turned into success */
	int expired;      /* a failure older than failure-timeout */
	int skip;         /* not an operation 1.0 looked at (notify, bad status) */
};

void view_judge_op(xmlNodePtr op, const char *on_fail, long long failure_timeout, long long now,
		   int symmetric, struct op_judgement *j);
/* The lrm_rsc_op children of an lrm_resource, by call-id. */
GPtrArray *view_sorted_ops(xmlNodePtr lrm_resource);
/* A meta attribute of a resource element: its own meta_attributes, then
 * rsc_defaults. */
const char *view_xml_meta(struct view *v, xmlNodePtr rsc, const char *name);

struct view_rsc *view_new_rsc(enum view_kind k, const char *id);
int view_base_eq(const char *lrm_id, const char *rsc_id);
int view_on(struct view_rsc *r, struct view_node *n);
struct view_rsc *view_build_master(struct view *v, xmlNodePtr master);
void view_scan_ops(struct view *v);
#endif
