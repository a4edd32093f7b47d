/* The cluster status as the operator tools show it (crm_mon, crm_resource
 * -L/-W): nodes with their states, resources with role, location and
 * flags, and the failed operations.  Built from lib/pengine's unpack of the
 * CIB (node and primitive states are the engine's), plus what the engine
 * does not model: master/slave sets, "failure ignored", descriptions, and
 * the "Failed actions" list judged as Pacemaker 1.0's unpack judged it. */
#ifndef HB_CRM_VIEW_H
#define HB_CRM_VIEW_H
#include "cib/cib.h"
#include "pengine/pe.h"

enum view_role { VIEW_UNKNOWN, VIEW_STOPPED, VIEW_STARTED, VIEW_SLAVE, VIEW_MASTER };
enum view_kind { VIEW_PRIM, VIEW_GROUP, VIEW_CLONE, VIEW_MASTERSET };

struct view_nv {
	const char *name, *value;
};

struct view_node {
	const char *uname, *id;
	int online, standby, standby_onfail, pending, unclean, shutdown, expected_up, is_dc;
	GPtrArray *running;       /* struct view_rsc * primitives, in status order */
	GPtrArray *attrs;         /* struct view_nv *: <nodes> attributes, then transient */
	struct cib_node_state *state;
};

struct view_rsc {
	enum view_kind kind;
	char *id;                 /* instance id ("prmPing:0") */
	const char *cls, *provider, *type, *desc;
	enum view_role role;
	GPtrArray *nodes;         /* struct view_node * it is active on */
	int managed, failed, failure_ignored, orphan, unique;
	int migration_threshold;
	GPtrArray *children;      /* struct view_rsc * */
	struct view_rsc *parent;
	xmlNodePtr xml;           /* its definition, NULL for orphans */
};

/* One "Failed actions" entry: the lrm_rsc_op as recorded. */
struct view_op {
	const char *key;          /* operation_key, else id */
	struct view_node *node;
	xmlNodePtr xml;
};

struct view {
	struct cib *cib;
	struct pe_ws *ws;
	xmlDocPtr doc;
	GPtrArray *nodes;         /* struct view_node *, configuration order */
	GPtrArray *rscs;          /* top-level struct view_rsc *, as 1.0 listed them */
	GPtrArray *failed;        /* struct view_op * */
	struct view_node *dc;
	int have_quorum, stonith_enabled, symmetric;
	const char *stack, *dc_version, *expected_votes;
	int configured;           /* top-level resources, orphans excluded */
};

/* Builds the view of doc (which the view keeps and frees).  now: seconds
 * for failure-timeout expiry (0 = the CIB's execution-date or the clock). */
struct view *view_build(xmlDocPtr doc, long long now);
void view_free(struct view *v);

struct view_node *view_node_by_uname(struct view *v, const char *uname);
struct view_node *view_node_by_id(struct view *v, const char *id);
/* A resource or instance by id, depth first. */
struct view_rsc *view_find(struct view *v, const char *id);
/* 1.0's active(rsc, all): on a live clean node (all: every member so). */
int view_active(const struct view_rsc *r, int all);
/* The single node an instance is active on, NULL if none or several. */
struct view_node *view_location(const struct view_rsc *r);
const char *view_role_text(enum view_role r);
/* Transient or permanent attribute of a node (transient wins). */
const char *view_node_attr(const struct view_node *n, const char *name);
/* The fail-count attribute of rsc on n as a score, and last-failure. */
int view_failcount(const struct view_node *n, const char *rsc_id, long long *last_failure);

/* The view resource an lrm_resource id on node n stands for, or NULL
 * (anonymous clone history without an instance number: the instance
 * active on n). */
struct view_rsc *view_history_rsc(struct view *v, const char *id, struct view_node *n);
/* An lrm_rsc_op attribute in the dashed or the v2 underscore spelling. */
const char *view_op_attr(xmlNodePtr op, const char *dashed);

/* Texts 1.0 printed for an LRM op-status and an agent rc. */
const char *view_op_status_text(int status);
const char *view_rc_text(int rc);
#endif
