/* haresources groups and the operations on them (what ResourceManager's
 * takegroup / givegroup did): acquire left to right, release right to left,
 * one job at a time, every script run through lib/ra asynchronously. */
#ifndef HB_RSC_GROUPS_H
#define HB_RSC_GROUPS_H
#include <stdbool.h>
#include "haresources.h"

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

void rg_init(const struct haresources *hr, const struct rg_settings *s);
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
