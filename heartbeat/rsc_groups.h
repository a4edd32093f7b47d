/* haresources groups and the operations on them (what ResourceManager's
 * takegroup / givegroup did): acquire left to right, release right to left,
 * one job at a time, every script run through lib/ra asynchronously. */
#ifndef HB_RSC_GROUPS_H
#define HB_RSC_GROUPS_H
#include <stdbool.h>
#include "haresources.h"
#include "ra.h"

enum rg_op { RG_ACQUIRE, RG_RELEASE };

/* Groups beyond this are refused at start (logged); callers size lists by it. */
#define RG_MAX_GROUPS 256

/* Called when a job has finished; ok is false if any group failed. */
typedef void (*rg_done_fn)(bool ok, void *data);

struct rg_settings {
	const char *resource_dir;  /* heartbeat scripts: <ha.d>/resource.d */
	const char *fallback_dir;  /* ours, when resource_dir has no such script */
	unsigned timeout_ms;       /* per script run */
	int stop_retries;          /* HA_STOPRETRYMAX (10) */
	const char *stop_fail_cmd; /* run when a stop cannot be made to work */
	const char *localname;
	/* Called 30 s after a failed start: the original's "hb_standby TYPE". */
	void (*standby_after_failure)(const char *type);
};

/* Where a group stands on this node, for cl_status --json. */
enum rg_state { RG_NONE, RG_STARTING, RG_HELD, RG_STOPPING, RG_FAILED };

/* The last operation of a group that failed here. */
struct rg_failure {
	char resource[256];       /* as written in haresources */
	char script[256];         /* what ran (path), empty if nothing could */
	char op[16];              /* "start", "stop" */
	int exit_code;            /* -1 when it did not exit (signal, timeout) or never ran */
	char reason[160];         /* "exit 1", "timed out after 300 s", "no such resource script" */
	char err[RA_ERR_TAIL + 1];  /* the end of its stderr */
	long long when;           /* wall-clock seconds */
};

void rg_init(const struct haresources *hr, const struct rg_settings *s);
/* A new haresources (reload): groups are matched by preferred node and
 * resources, and one that is unchanged keeps its state (held, since, last
 * failure).  Only between jobs: -1 (nothing done) while one runs.  hr must
 * outlive the table, as for rg_init. */
int rg_reinit(const struct haresources *hr);
/* The script settings of a reloaded ha.cf (the strings must stay valid). */
void rg_update_settings(unsigned timeout_ms, const char *stop_fail_cmd);
enum rg_state rg_state(int g);
const char *rg_state_name(enum rg_state st);
long long rg_since(int g);                      /* when the state was entered */
const struct rg_failure *rg_last_failure(int g); /* NULL if none since start */
int rg_nres(int g);
const char *rg_resource(int g, int r);
int rg_count(void);
const char *rg_key(int g);
const char *rg_node(int g);
bool rg_held(int g);
bool rg_is_local(int g);
int rg_find_key(const char *key);
/* Queue one job over the listed groups (in list order; the caller lists
 * them in file order).  Jobs run one at a time in queue order. */
void rg_queue(enum rg_op op, const int *groups, int n, rg_done_fn done, void *data);
/* A job that runs no script: done is called when every earlier job is done. */
void rg_queue_barrier(rg_done_fn done, void *data);
bool rg_busy(void);
#endif
