/* One reading of the cluster (mgmt_status.c) and its two renderings: the
 * API summary (mgmt_render.c) and the Prometheus text (mgmt_metrics.c).
 * Pure. */
#ifndef HB_MGMT_RENDER_H
#define HB_MGMT_RENDER_H
#include "mgmtd.h"

struct json_val;
struct client_node;
struct client_link;
struct view;
struct view_rsc;

struct mgmt_snap {
	bool hb_up;                  /* the local heartbeat answered */
	char *hb_error;
	char local[256];
	bool crm;                    /* crm yes: resources are the CIB's */
	struct json_val *hb;         /* its hbstats answer (ours), or NULL */
	struct client_node *nodes;   /* without hbstats: nodes and links */
	int nnodes;
	struct client_link **links;
	int *nlinks;
	struct view *view;           /* under the CRM */
	char *cib_error;
	struct {                     /* the local controller's counters (crmd_op stats) */
		bool have;
		unsigned long complete, aborted, dc_changes;
		double seconds;
	} crmd;
};

char *mgmt_render_summary(const struct mgmt_snap *s);
char *mgmt_render_metrics(const struct mgmt_snap *s);
/* Shared by the two renderings. */
bool mgmt_node_online(const char *status);
const char *mgmt_v1_state(const struct json_val *group);
void mgmt_primitives(const struct view_rsc *r, GPtrArray *out);
/* The normal nodes of the reading (g_ptr_array_free(a, TRUE)). */
GPtrArray *mgmt_snap_node_names(const struct mgmt_snap *s);
void mgmt_status_invalidate(void);
#endif
