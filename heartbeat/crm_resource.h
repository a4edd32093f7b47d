/* crm_resource's parts: the options every command reads, and the commands
 * kept in their own files (parameters, moves and cleanup, agents by hand). */
#ifndef HB_CRM_RESOURCE_H
#define HB_CRM_RESOURCE_H
#include "crm_print.h"
#include "crm_tool.h"

#define CMD_ERR(...) fprintf(stderr, __VA_ARGS__)

extern const char *rsc_prog;

struct rsc_opts {
	struct view *view;
	struct cib_conn *conn;  /* NULL with -x FILE (read only) */
	const char *rsc_id, *host, *prop_name, *prop_value, *prop_id, *prop_set, *rsc_type;
	const char *set_type;   /* instance_attributes, or meta_attributes with --meta */
	const char *lifetime;   /* -u, ISO 8601 duration */
	const char *force_op;   /* --force-start/-stop/-check */
	int quiet, force;
};

struct view_rsc *rsc_find_or_clone(struct view *v, const char *id);
void rsc_prims(struct view_rsc *r, GPtrArray *out);
/* crm_resource_find.c: -L (every resource, "NO resources configured")
 * and -W (where RSC runs). */
int rsc_list(struct view *v);
int rsc_locate(struct view *v, const char *id, int quiet);

/* crm_resource_attr.c */
int rsc_get_param(struct rsc_opts *o);
int rsc_set_param(struct rsc_opts *o);
int rsc_delete_param(struct rsc_opts *o);

/* crm_resource_move.c */
int rsc_move(struct rsc_opts *o, const char *existing, const char *preferred);
int rsc_migrate(struct rsc_opts *o);
int rsc_cleanup(struct rsc_opts *o);
int rsc_crmd(struct rsc_opts *o, const char *op);
int rsc_list_operations(struct rsc_opts *o, int active_only);

/* crm_resource_force.c */
int rsc_force(struct rsc_opts *o);
#endif
