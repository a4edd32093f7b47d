/* The executor's (lrmd's) client API: what crmd and the tests use to run
 * resource-agent operations on the local node.  One connection is one unix
 * stream socket to lrmd; requests are answered synchronously (bounded by a
 * timeout), finished operations arrive as events through a glib source.
 * Every connected client gets every event (a restarted crmd hears of the
 * monitors its predecessor started); lrmd serves root and hacluster only.
 * It never includes lrmd's private headers; the wire format is lrm_proto.h. */
#ifndef HB_LRM_CLIENT_H
#define HB_LRM_CLIENT_H
#include <stdbool.h>
#include <stdint.h>
#include <time.h>
#include <glib.h>

#define LRM_DEFAULT_SOCK "/run/heartbeat/crm/lrmd.sock"
#define LRM_SOCK_ENV "HA_LRMD_SOCK"        /* overrides the default path when sock is NULL */
#define LRM_OUTPUT_MAX 65536               /* agent stdout kept in an event (meta-data fits; more is cut) */
#define LRM_REQ_TIMEOUT_MS 5000            /* default wait for a request's answer */

/* op_status, as Pacemaker's lrm_rsc_op op-status. */
enum lrm_op_status {
	LRM_OP_DONE = 0,
	LRM_OP_CANCELLED = 1,
	LRM_OP_TIMEOUT = 2,
	LRM_OP_NOTSUPPORTED = 3,   /* unknown class/agent action, or no such agent */
	LRM_OP_ERROR = 4,          /* could not be executed (spawn failed, queue full...) */
};

/* One name=value parameter (instance attribute).  Names are given without the
 * OCF_RESKEY_ prefix; for the heartbeat class the names "1", "2"... are the
 * positional arguments.  A parameter named "CRM_meta_NAME" is passed through
 * as OCF_RESKEY_CRM_meta_NAME (lrmd adds interval and timeout itself);
 * "OCF_CHECK_LEVEL" becomes that variable. */
struct lrm_param {
	const char *name;
	const char *value;
};

struct lrm_op_req {
	const char *rsc_id;         /* resource id (OCF_RESOURCE_INSTANCE) */
	const char *cls;            /* "ocf" | "lsb" | "heartbeat" | "stonith" */
	const char *provider;       /* ocf only ("heartbeat", "pacemaker"...) */
	const char *type;           /* agent / script name */
	const struct lrm_param *params;  /* nparams entries; may be NULL */
	size_t nparams;
	GHashTable *params_hash;    /* alternatively (or also) a char* -> char* table; may be NULL */
	const char *op;             /* "start", "stop", "monitor", "promote", "demote",
				     * "notify", "meta-data", "validate-all", ... */
	unsigned interval_ms;       /* 0: once.  >0: recurring until lrm_cancel; each run
				     * is reported only on the first and when rc changes */
	unsigned timeout_ms;        /* 0: lrmd's default (20000) */
	unsigned start_delay_ms;    /* wait before the first run */
	const char *user_data;      /* opaque (crmd: the transition key), returned in events */
};

/* One finished operation (or one reported run of a recurring one).  Strings
 * are owned by the event and valid only during the callback (copy them). */
struct lrm_event {
	const char *rsc_id;
	const char *op;
	unsigned interval_ms;
	int call_id;
	int rc;                     /* OCF exit code (0..9; 1 when not executed) */
	enum lrm_op_status op_status;
	unsigned exec_time_ms;      /* the agent's own run time */
	unsigned queue_time_ms;     /* from request (or due time) to the start of the run */
	time_t last_run;            /* epoch seconds this run started */
	time_t last_rc_change;      /* epoch seconds the rc last differed (first run: last_run) */
	const char *user_data;      /* as given in lrm_op_req, "" if none */
	const char *output;         /* agent stdout, at most LRM_OUTPUT_MAX bytes, "" if none */
	const char *cls, *provider, *type;  /* of the resource, for the status section */
};

/* lrm_list(): what lrmd knows. */
struct lrm_op_record {
	char *op;
	unsigned interval_ms;
	int call_id;
	int rc;
	enum lrm_op_status op_status;
	unsigned exec_time_ms, queue_time_ms;
	time_t last_run, last_rc_change;
	char *user_data;
	bool recurring_active;     /* a recurring op still scheduled (not cancelled) */
};
struct lrm_rsc_info {
	char *rsc_id, *cls, *provider, *type;
	struct lrm_op_record *ops; /* last result of each (op, interval), in call order */
	size_t nops;
};

struct lrm_conn;

typedef void (*lrm_event_fn)(struct lrm_conn *conn, const struct lrm_event *ev, void *user_data);

/* ---- connection ---- */

/* Connect to sock (NULL: $HA_LRMD_SOCK, else LRM_DEFAULT_SOCK) and sign on.
 * NULL with *err set (domain lrm_error_quark()) on failure. */
struct lrm_conn *lrm_connect(const char *sock, GError **err);
/* Detach, close, free.  lrmd keeps running the recurring ops of this client. */
void lrm_close(struct lrm_conn *conn);
int lrm_fd(const struct lrm_conn *conn);
/* Deliver events through a source on ctx (NULL: the default context): cb is
 * called once per event.  When lrmd goes away cb is called with ev == NULL
 * (the connection is then dead; close it).  Calling again replaces cb. */
void lrm_attach(struct lrm_conn *conn, GMainContext *ctx, lrm_event_fn cb, void *user_data);
/* Without a source: read what is available and dispatch it (returns the
 * number of events, -1 when the connection is lost).  For poll loops/tests;
 * call it after each request too, not only when the fd is readable: events
 * that came in with a reply are already queued. */
int lrm_dispatch(struct lrm_conn *conn);
void lrm_set_timeout(struct lrm_conn *conn, unsigned ms);
/* Last error text of this connection ("" if none). */
const char *lrm_errmsg(const struct lrm_conn *conn);

/* ---- requests (each waits for lrmd's answer; events that arrive meanwhile
 * are queued and delivered later by the source/lrm_dispatch) ---- */

/* Queue an operation; returns its call_id (>0), or -1 (lrm_errmsg says why:
 * bad class, queue full, lost connection).  Agents that do not exist are not
 * refused here: the event reports op_status NOTSUPPORTED / rc 5. */
int lrm_exec(struct lrm_conn *conn, const struct lrm_op_req *req);
/* Cancel the pending or recurring (op, interval) of rsc: it is reported
 * once with op_status CANCELLED (a running instance first ends; that last
 * result is dropped) and never runs again.  The recorded result of its
 * earlier runs stays.  0, or -1 if no such op. */
int lrm_cancel(struct lrm_conn *conn, const char *rsc_id, const char *op, unsigned interval_ms);
/* Every resource lrmd knows (has run an op for), with its recorded ops, in
 * id order (fetched in pages, any number of resources).  Returns the count
 * (free *out with lrm_rsc_info_free_all) or -1. */
int lrm_list(struct lrm_conn *conn, struct lrm_rsc_info **out);
void lrm_rsc_info_free_all(struct lrm_rsc_info *v, size_t n);
/* Cancel rsc's recurring ops and delete its history.  0, or -1 if unknown. */
int lrm_forget(struct lrm_conn *conn, const char *rsc_id);

GQuark lrm_error_quark(void);
#define LRM_ERROR lrm_error_quark()
enum lrm_error_code { LRM_ERR_CONNECT = 1, LRM_ERR_PROTOCOL, LRM_ERR_REFUSED, LRM_ERR_TIMEOUT };

/* Names for logs: "done", "cancelled", "timed out", "not supported", "error". */
const char *lrm_op_status_str(enum lrm_op_status s);
/* OCF rc as crm_mon prints it ("ok", "not running", ...). */
const char *lrm_rc_str(int rc);
#endif
