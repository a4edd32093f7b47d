/* Resource-agent runner: resolves a haresources resource to a class
 * (heartbeat script, LSB init script, OCF agent), runs one operation as an
 * asynchronous child on the glib main loop with a timeout, logs its output
 * line by line and reports one result.  It never blocks and never waits. */
#ifndef HB_RA_H
#define HB_RA_H
#include <stddef.h>
#include <sys/types.h>
#include "haresources.h"

#define RA_ERR_TAIL 2048   /* stderr kept for the result: the end says why */

enum ra_class { RA_CLASS_HEARTBEAT, RA_CLASS_LSB, RA_CLASS_OCF, RA_CLASS_CMD };

/* Results on the OCF scale, whatever the class; the last three are ours. */
enum ra_rc {
	RA_RC_OK = 0,
	RA_RC_ERR_GENERIC = 1,
	RA_RC_ERR_ARGS = 2,
	RA_RC_ERR_UNIMPLEMENTED = 3,
	RA_RC_ERR_PERM = 4,
	RA_RC_ERR_INSTALLED = 5,
	RA_RC_ERR_CONFIGURED = 6,
	RA_RC_NOT_RUNNING = 7,
	RA_RC_RUNNING_MASTER = 8,
	RA_RC_FAILED_MASTER = 9,
	RA_RC_TIMEOUT = 100,     /* killed at its timeout */
	RA_RC_SIGNALLED = 101,   /* died of a signal we did not send */
	RA_RC_CANCELLED = 102,   /* ra_cancel() */
};

/* Where things live; NULL fields take the defaults in brackets. */
struct ra_dirs {
	const char *resource_dir; /* heartbeat scripts [/etc/ha.d/resource.d] */
	const char *init_dir;     /* LSB scripts [/etc/init.d] */
	const char *ocf_root;     /* [/usr/lib/ocf] */
};

/* A resolved resource: what to execute and how to talk to it. */
struct ra_spec {
	enum ra_class cls;
	char *name;      /* resource as written in haresources; used in log lines */
	char *path;      /* absolute path of the executable */
	char *provider;  /* OCF only */
	char *type;      /* script name or OCF type */
	int nargs;       /* heartbeat: positional args; OCF: "name=value" params */
	char **args;
};

/* Resolve like ResourceManager: a bare dotted IP means IPaddr::IP;
 * "ocf:PROVIDER:TYPE" (args "name=value") is an OCF agent under ocf_root;
 * otherwise the first regular executable named TYPE in resource_dir, then
 * init_dir (LSB).  Returns 0, or -1 with a message in err
 * ("Cannot locate resource script X"). */
int ra_resolve(const struct hr_resource *r, const struct ra_dirs *dirs,
	       struct ra_spec *out, char *err, size_t errlen);
/* Same from a haresources token such as "Filesystem::/dev/sdb1::/mnt". */
int ra_resolve_token(const char *token, const struct ra_dirs *dirs,
		     struct ra_spec *out, char *err, size_t errlen);
void ra_spec_free(struct ra_spec *s);

/* The original's status test on the stdout of "status": "not ... running"
 * means stopped, else "running"/"Running"/"OK" means running. */
int ra_status_text_running(const char *text);
/* Maps a class's exit code for op to the OCF scale. */
enum ra_rc ra_map_exit(enum ra_class cls, const char *op, int code);
/* 1 when op is a status query ("status", "monitor"). */
int ra_op_is_status(const char *op);

struct ra_result {
	enum ra_rc rc;     /* mapped result; RA_RC_OK means the op succeeded */
	int running;       /* status/monitor only: 1 running, 0 not.  heartbeat
			    * class: the stdout text rule, exit code ignored (as
			    * the original); LSB: exit 0 / 1-3, the text rule for
			    * other codes; OCF: 0 or 8 */
	int exited;        /* 1: exit_code is valid */
	int exit_code;
	int signo;         /* signal that ended the child, 0 if none */
	int timed_out;
	int spawn_failed;  /* exec impossible; rc is RA_RC_ERR_INSTALLED */
	const char *out;   /* captured stdout (NUL-terminated, capped at 64 KiB) */
	const char *err;   /* the last RA_ERR_TAIL bytes of stderr (NUL-terminated) */
	double elapsed;    /* seconds */
};

typedef void (*ra_done_fn)(const struct ra_result *res, void *data);

/* Process-wide settings: extra environment for every child (on top of the
 * daemon's own environment) and the SIGTERM-to-SIGKILL grace period. */
void ra_setenv(const char *name, const char *value); /* value NULL unsets */
void ra_set_kill_grace(unsigned ms);                 /* default 5000 */
void ra_env_reset(void);

struct ra_run;

/* Runs "path args... op" (heartbeat, LSB) or "path op" with OCF_* variables
 * (OCF; status is sent as monitor).  extra_env: NULL or NULL-terminated
 * "NAME=value" added for this run only.  timeout_ms 0 = no limit; at the
 * limit the child's process group gets SIGTERM, then SIGKILL after the
 * grace period.  done (may be NULL: fire and forget) is called exactly
 * once, from the main loop, never from inside ra_start.  Returns a handle valid until done runs, or NULL
 * if nothing could be started (done is then still called, asynchronously). */
struct ra_run *ra_start(const struct ra_spec *spec, const char *op,
			char *const *extra_env, unsigned timeout_ms,
			ra_done_fn done, void *data);
/* Runs an arbitrary argv (STONITH, harc, mail...) the same way; label is the
 * name used in log lines. */
struct ra_run *ra_spawn(const char *label, const char *op, char *const *argv,
			char *const *extra_env, unsigned timeout_ms,
			ra_done_fn done, void *data);
/* Kill the run's process group now (SIGTERM, then SIGKILL after the grace);
 * done reports RA_RC_CANCELLED. */
void ra_cancel(struct ra_run *run);
pid_t ra_pid(const struct ra_run *run);
/* Number of runs not finished yet. */
int ra_running(void);

/* Environment of a child, exposed for tests: base (NULL = environ), then
 * ra_setenv variables, then class variables for spec/op, then extra. */
char **ra_build_env(char *const *base, const struct ra_spec *spec, const char *op,
		    unsigned timeout_ms, char *const *extra);
/* Argument vector for spec/op (NULL-terminated; g_strfreev). */
char **ra_build_argv(const struct ra_spec *spec, const char *op);
#endif
