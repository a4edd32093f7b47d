/* heartbeat's CRM children (crm_children.c): which processes "crm" starts,
 * in what mode, from where. */
#ifndef HB_CRM_CHILDREN_H
#define HB_CRM_CHILDREN_H
#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>
#include "conf.h"

/* Where lrmd and crmd are looked for: this variable (tests point it at the
 * build tree), else ha.cf's crm_daemon_dir, else HA_LIBEXECDIR. */
#define CRM_DAEMON_DIR_ENV "HA_CRM_DAEMON_DIR"
/* Milliseconds each child gets to stop before SIGKILL (default per child). */
#define CRM_STOP_TIMEOUT_ENV "HA_CRM_STOP_TIMEOUT_MS"
/* What a failfast death runs when ha.cf has no stop_failure_cmd. */
#define CRM_REBOOT_DEFAULT "reboot -nf"
#define HA_CLUSTER_USER "hacluster"
/* A child exiting with this is neither restarted nor failfast (respawn's 100). */
#define CRM_EXIT_NO_RESTART 100

enum crm_mode {
	CRM_OFF,
	CRM_FAILFAST,   /* yes / on: crmd's death reboots the node; lrmd respawned */
	CRM_RESPAWN,    /* every child respawned */
	CRM_MINIMAL,    /* minimal / manual: the minimal set (ours is minimal), failfast as yes */
	CRM_CCM_ONLY,   /* membership only: no CRM process */
};

struct crm_child_def {
	const char *name;       /* file in the daemon dir */
	const char *args;       /* one argument or NULL */
	const char *user;
	bool failfast;          /* in the failfast modes */
	unsigned stop_timeout_ms;
	bool optional;          /* started when installed (mgmtd: a build without its libraries has none) */
};

enum crm_mode crm_mode_of(bool crm, const char *value);
const char *crm_daemon_dir(const struct hb_config *cf);
const struct crm_child_def *crm_child_defs(size_t *n);
bool crm_child_failfast(enum crm_mode m, const struct crm_child_def *d);
/* heartbeat -t: a missing child binary or user is a warning saying what it means. */
void crm_children_check(const struct hb_config *cf, struct conf_errors *errs);

void crm_children_init(void);             /* at start: subscribes to comm-up */
/* Stop in reverse order, each waited for; done runs when all are gone
 * (at once when none runs). */
void crm_children_stop(void (*done)(void));
int crm_children_running(void);
/* Is pid one of the CRM children we started (and so not any local user)? */
bool crm_child_pid(pid_t pid);
void crm_child_adopt(pid_t pid);         /* tests: count pid as one (0: none) */
#endif
