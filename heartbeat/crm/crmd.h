/* crmd: the v2 controller, one per node, an API client of heartbeat named
 * "crmd".  It follows membership, elects one DC per partition, keeps a
 * replica of the CIB (the DC holds the master copy and replicates diffs),
 * serves the live CIB socket the operator tools use, and on the DC runs the
 * policy engine in a child process and carries out its transition through
 * each node's executor (lrmd).  The modules share this one state. */
#ifndef HB_CRMD_H
#define HB_CRMD_H
#include <stdbool.h>
#include <glib.h>
#include <libxml/tree.h>
#include "client.h"
#include "cib/cib_doc.h"
#include "log.h"
#include "msg.h"
#include "timer.h"

/* The cluster message types between controllers (heartbeat/routes.c). */
#define CRM_T_HELLO     "crm_hello"     /* I run crmd; my CIB version; whom I take for DC */
#define CRM_T_DC        "crm_dc"        /* I am the DC of this partition */
#define CRM_T_CIB_FULL  "crm_cib_full"  /* a whole CIB (DC -> nodes, or the newest copy -> DC) */
#define CRM_T_CIB_DIFF  "crm_cib_diff"  /* one change, as a lib/cib diff */
#define CRM_T_CIB_PULL  "crm_cib_pull"  /* send me your whole CIB */
#define CRM_T_CIB_REQ   "crm_cib_req"   /* a tool's change, forwarded to the DC */
#define CRM_T_CIB_REP   "crm_cib_rep"   /* the DC's answer to it */
#define CRM_T_RSC_OP    "crm_rsc_op"    /* DC -> node: run this action on your lrmd */
#define CRM_T_OP_RESULT "crm_op_result" /* node -> DC: an action's (or monitor's) result */
#define CRM_T_FORGET    "crm_lrm_forget" /* cleanup: cancel a resource's ops and forget its history */
#define CRM_T_SHUTDOWN  "crm_shutdown"  /* node -> DC: I am stopping, move my resources off */
#define CRM_T_SHUTDOWN_OK "crm_shutdown_ok" /* DC -> node: nothing runs on you, go */

struct crm_peer {
	char *uname;
	char *uuid;              /* heartbeat's uuid as text; uname when unknown */
	bool hb_active;          /* heartbeat: active */
	bool crmd_up;            /* its crmd said hello (and has not left since) */
	bool claims_dc;          /* its last word was that it is DC */
	struct cib_version ver;  /* its CIB version at its last hello */
	bool synced;             /* DC: it has our copy */
	bool ver_fresh;          /* DC: ver was said since we became DC */
};

enum crm_state { CRM_STARTING, CRM_ELECTION, CRM_NOT_DC, CRM_DC };

struct crmd {
	struct hb_client *hb;
	GMainLoop *loop;
	char *me, *my_uuid;
	GPtrArray *peers;        /* struct crm_peer *, configured normal nodes in ha.cf order (incl. me) */
	enum crm_state state;
	char *dc;                /* uname of the DC, NULL while none */
	unsigned deadtime_ms, keepalive_ms;
	bool hb_lost;            /* heartbeat went away: exit 1 */
	bool shutting_down;      /* SIGTERM: waiting for the DC to move our resources off */
	struct timer start_timer;

	/* CIB replica */
	xmlDocPtr cib;
	char *cib_dir, *cib_path;
	bool cib_trusted;        /* loaded from a good file (else version 0: never wins) */
	unsigned long pe_seq;    /* bumped by every change the engine must see */

	/* DC: transitions */
	int transition;
	int have_quorum;

	/* What mgmtd's /metrics reports (crmd_op "stats" on the live socket). */
	struct {
		unsigned long complete, aborted;   /* transitions with actions, by outcome */
		double seconds;                    /* their summed run time */
		unsigned long dc_changes;          /* a new DC (or none) seen */
	} stats;
};

extern struct crmd crmd;

#define crm_info(...) log_msg(LOG_LVL_INFO, __VA_ARGS__)
#define crm_warn(...) log_msg(LOG_LVL_WARN, __VA_ARGS__)
#define crm_err(...) log_msg(LOG_LVL_ERR, __VA_ARGS__)
#define crm_debug(...) log_msg(LOG_LVL_DEBUG, __VA_ARGS__)

/* crmd_msg.c: messages to other controllers */
struct hb_msg *crm_msg_new(const char *type);
/* node NULL: the whole cluster (ourselves included). */
int crm_send(struct hb_msg *m, const char *node);   /* consumes m */
void crm_msg_add_xml(struct hb_msg *m, const char *name, xmlNodePtr n);
/* The element in field name, parsed (xmlFreeDoc the result's doc), or NULL. */
xmlDocPtr crm_msg_get_xml(const struct hb_msg *m, const char *name);
void crm_msg_add_version(struct hb_msg *m, const struct cib_version *v);
void crm_msg_get_version(const struct hb_msg *m, struct cib_version *v);
const char *crm_msg_from(const struct hb_msg *m);

/* crmd_peers.c: membership and election */
void peers_init(void);
struct crm_peer *peer_find(const char *uname);
struct crm_peer *peer_me(void);
bool peer_member(const struct crm_peer *p);   /* in our partition and runs crmd */
int peers_members(void);
int peers_configured(void);
void peers_node_status(const char *node, const char *status);
void peers_client_status(const char *node, const char *status);
void peers_on_hello(const struct hb_msg *m);
void peers_on_dc(const struct hb_msg *m);
void peers_say_hello(const char *to, bool want_reply);
void election_start_timer(void);
void election_run(void);
bool crm_is_dc(void);
bool dc_syncing(void);      /* a new DC still collects the members' versions */

/* crmd_cib.c: the replica */
int cib_replica_load(void);
/* Install doc (taken) as the replica: write it, tell the socket's watchers. */
void cib_replica_install(xmlDocPtr doc, xmlNodePtr diff);
void cib_replica_on_full(const struct hb_msg *m);
void cib_replica_on_diff(const struct hb_msg *m);
void cib_replica_on_pull(const struct hb_msg *m);
void cib_replica_send_full(const char *node);
/* DC: doc (taken) is the next version; diff it, broadcast, install; why
 * non-NULL: the engine must look at it (NULL: an expected op result). */
void dc_commit(xmlDocPtr doc, const char *why);
/* DC: after the election or a join: fetch the newest copy, then sync all. */
void dc_sync_cib(void);
void dc_node_joined(struct crm_peer *p);
/* DC: the copy is the partition's newest (no sync or fetch under way). */
bool dc_cib_ready(void);

/* crmd_cibreq.c: requests (from the socket, or forwarded to the DC) */
/* crmd_attrd.c: transient attributes with dampening (attrd_updater).
 * node NULL: ours; value NULL: delete.  Returns NULL, or why refused. */
const char *attrd_update(const char *node, const char *name, const char *value, unsigned dampen_ms);
/* The value held back for name ("" for a delete), NULL when none is. */
const char *attrd_held(const char *name);

/* crmd_parts.c: data over one message, in numbered parts. */
#define CRM_PART (30 * 1024)
/* Sends len bytes of data in field of messages make(arg) builds, numbered
 * ("part", "parts"); returns how many were sent, or -1. */
int crm_send_parts(struct hb_msg *(*make)(void *), void *arg, const char *field, const void *data, size_t len,
		   const char *node);
/* What a receiver is gathering, with its bounds (0: none). */
struct crm_parts_in {
	const char *what;             /* for the log: "CIB request" */
	size_t max_bytes;
	unsigned max_open;
	uint64_t timeout_ms;
	GHashTable *table;            /* key -> what came so far */
};
enum { CRM_PARTS_BUSY = -2, CRM_PARTS_BAD = -1, CRM_PARTS_MORE = 0, CRM_PARTS_WHOLE = 1 };
/* One more part (number part of parts, b) of what key (of stream id)
 * sends: CRM_PARTS_WHOLE with *whole (g_free) and *len once all are in,
 * CRM_PARTS_MORE while some are missing, CRM_PARTS_BAD when it came out of
 * order or over max_bytes (what was gathered is dropped), CRM_PARTS_BUSY
 * when max_open are being gathered already. */
int crm_parts_add(struct crm_parts_in *in, const char *key, unsigned long id, size_t part, size_t parts,
		  const void *b, size_t blen, char **whole, size_t *len);

typedef void (*cibreq_done_fn)(void *data, int rc, xmlNodePtr output, const char *err);
void cibreq_submit(const struct cib_req *req, cibreq_done_fn done, void *data);
void cibreq_on_req(const struct hb_msg *m);
void cibreq_on_rep(const struct hb_msg *m);
void cibreq_dc_known(void);

/* crmd_ipc.c: the live CIB socket */
int ipc_start(void);
void ipc_stop(void);
void ipc_notify(xmlNodePtr diff);

/* crmd_status.c: the status section the DC writes */
void status_update_nodes(void);
/* heartbeat lost the node: with stonith-enabled it is unclean until
 * fenced (history kept); without, it runs nothing any more. */
void status_node_down(const char *uname);
void status_node_fenced(const char *uname);
/* A cluster option from crm_config (NULL when unset). */
const char *cib_option(const char *name);
bool stonith_enabled(void);
xmlNodePtr status_node_state(xmlDocPtr doc, struct crm_peer *p);
void status_set_attr(xmlDocPtr doc, struct crm_peer *p, const char *name, const char *value);
const char *status_get_attr(xmlDocPtr doc, struct crm_peer *p, const char *name);
/* next (taken): committed with the right bump when it differs from the replica. */
void status_commit(xmlDocPtr next, const char *why);
/* DC: operation results are recorded into one working copy and committed
 * together (one copy, diff, fsync and message per batch instead of per
 * result: a transition of 900 actions would copy the whole CIB 900 times).
 * Whoever changes or reads the CIB for a decision takes its copy through
 * cib_edit_copy(), which commits a pending batch first. */
xmlDocPtr status_batch_doc(void);
void status_flush(void);
void status_batch_drop(void);
bool status_batch_pending(void);
xmlDocPtr cib_edit_copy(void);
xmlNodePtr status_record_op(xmlDocPtr doc, struct crm_peer *p, const struct hb_msg *m);
void status_record_failure(xmlNodePtr op);

/* crmd_pe.c and crmd_te.c: the DC's policy engine runs and transitions */
void pe_schedule(const char *why);
void pe_cancel(void);
void te_start(xmlDocPtr graph);
void te_abort(const char *why);
bool te_busy(void);
/* Is a graph action's CRM_meta_* attribute one the agent gets (notification
 * lists, clone shape)? */
int te_agent_meta(const char *name);
void te_on_result(const struct hb_msg *m);

/* crmd_shutdown.c: a graceful stop (resources move off first) */
void shutdown_request(const char *why);
void shutdown_on_request(const struct hb_msg *m);
void shutdown_on_ok(const struct hb_msg *m);
void shutdown_dc_known(void);
void shutdown_node_done(const char *node);   /* DC: the engine's do_shutdown */
void shutdown_node_joined(struct crm_peer *p); /* DC: a fresh crmd: no stale request */

/* crmd_fence.c: fencing on the DC */
typedef void (*fence_done_fn)(const char *victim, bool ok, void *data);
/* false (nothing started) when no stonith device is configured for victim */
bool fence_run(const char *victim, const char *action, fence_done_fn done, void *data);

/* crmd_lrm.c: this node's executor */
int lrm_local_connect(void);
void lrm_local_on_op(const struct hb_msg *m);
void lrm_local_on_forget(const struct hb_msg *m);
void lrm_local_close(void);
#endif
