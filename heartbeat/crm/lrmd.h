/* lrmd, the executor: resources, their per-resource operation queues and
 * recorded results (lrmd_rsc.c), the agent runner behind them (lrmd_exec.c),
 * the client socket (lrmd_ipc.c) and main (lrmd.c).  The queue machine only
 * talks to the runner through struct lrmd_backend, so unit tests drive it
 * with a fake runner over the fake clock. */
#ifndef HB_LRMD_H
#define HB_LRMD_H
#include <stdbool.h>
#include <stdint.h>
#include <time.h>
#include <glib.h>
#include "timer.h"
#include "lrm/lrm_proto.h"

#define LRMD_DEFAULT_TIMEOUT_MS 20000
#define LRMD_MAX_QUEUED 20000    /* operations waiting to run, all resources */
#define LRMD_MAX_OPS 40000       /* operations alive (queued, running, recurring) */
#define LRMD_MAX_CHILDREN 16     /* agents running at once (HA_LRMD_MAX_CHILDREN) */
#define LRMD_MAX_CLIENTS 32

struct lrmd_rsc;

struct lrmd_op {
	int call_id;
	struct lrmd_rsc *rsc;
	char *op, *user_data;
	char **pnames, **pvalues;
	size_t nparams;
	unsigned interval_ms, timeout_ms, start_delay_ms;
	struct timer timer;       /* start delay, then the next recurring run */
	uint64_t t_queued, t_started;
	time_t last_run;
	bool queued, running, cancelled, reported;
	bool silent;              /* cancelled without an event (forget of a one-shot op) */
	int last_rc;
	enum lrm_op_status last_status;
	time_t last_rc_change;
	void *run;                /* the backend's handle while running */
};

/* The last result of each (op, interval) of a resource: its lrm_rsc_op. */
struct lrmd_hist {
	char *op, *user_data;
	unsigned interval_ms, exec_ms, queue_ms;
	int call_id, rc;
	enum lrm_op_status status;
	time_t last_run, last_rc_change;
};

struct lrmd_rsc {
	char *id, *cls, *provider, *type;
	GQueue queue;             /* struct lrmd_op *, waiting for the resource */
	struct lrmd_op *running;  /* at most one operation per resource at a time */
	GList *ops;               /* every live op of this resource */
	GPtrArray *hist;          /* struct lrmd_hist * */
	bool forgotten;           /* lrm_forget while an op ran: freed when it ends */
	bool stonith_started;     /* stonith class: a device has no state of its own */
	bool waiting;             /* in the queue for a free child slot */
};

struct lrmd_backend {
	/* Start op; call lrmd_op_done later (never from inside start).  Returns
	 * a handle for kill, or NULL when it reported failure already queued. */
	void *(*start)(struct lrmd_op *op);
	/* Stop a running op early (shutdown); lrmd_op_done still follows. */
	void (*kill)(void *handle);
};

/* ---- lrmd_rsc.c: the queue machine ---- */
void lrmd_rsc_init(const struct lrmd_backend *b, void (*sink)(const struct lrm_event *ev));
/* Accept an operation (the request is copied).  Returns its call_id, or -1
 * with why (queue full, too many operations). */
int lrmd_submit(const struct lrm_req *req, char *why, size_t whylen);
/* 0, or -1 when rsc has no such pending/recurring op. */
int lrmd_cancel(const char *rsc_id, const char *op, unsigned interval_ms);
int lrmd_forget(const char *rsc_id);
/* From the backend: the run of op ended. */
void lrmd_op_done(struct lrmd_op *op, int rc, enum lrm_op_status status, const char *output);
/* Append one "rsc" struct per resource to reply, in id order from the
 * offset-th, until about budget bytes.  Returns the offset of the next page,
 * 0 when this one reached the end. */
#define LRMD_LIST_PAGE 131072
size_t lrmd_list(struct hb_msg *reply, size_t offset, size_t budget);
struct lrmd_rsc *lrmd_find(const char *rsc_id);
int lrmd_nqueued(void);
int lrmd_nops(void);
int lrmd_nrunning(void);
void lrmd_set_limits(int max_queued, int max_ops);
void lrmd_set_max_children(int n);
/* Kill what runs and drop everything (exit, tests). */
void lrmd_rsc_shutdown(void);

/* ---- lrmd_exec.c: the agent runner over lib/ra ---- */
extern const struct lrmd_backend lrmd_ra_backend;
/* Directories (env overrides, for tests): OCF_ROOT, HA_LRMD_LSB_DIR,
 * HA_LRMD_HB_DIR; the stonith command, HB_STONITH_CMD; and the
 * SIGTERM-to-SIGKILL grace, HA_LRMD_KILL_GRACE_MS. */
void lrmd_exec_init(void);
/* The child's extra environment for op (NULL-terminated; g_strfreev). */
char **lrmd_exec_env(const struct lrmd_op *op);

/* ---- lrmd_ipc.c: the socket ---- */
/* Create the directory and socket, listen.  -1 with why. */
int lrmd_ipc_start(const char *path, char *why, size_t whylen);
void lrmd_ipc_stop(void);
/* Send ev to every client (the event sink). */
void lrmd_ipc_broadcast(const struct lrm_event *ev);
/* The request handler, exposed for the unit test and the fuzz target:
 * answers m (NULL if it needs no answer). */
struct hb_msg *lrmd_handle_request(const struct hb_msg *m);
int lrmd_ipc_nclients(void);
#endif
