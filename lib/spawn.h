/* The one way the daemon starts a child process.  Between fork and exec the
 * child gets SCHED_OTHER, every signal at its default and none blocked,
 * stdin from /dev/null, only the file descriptors asked for, and optionally
 * its own process group and another user.  On the main loop: output read
 * without blocking, exit seen through a glib child watch, a timeout that
 * kills the process group (SIGTERM, then SIGKILL after a grace).  Nothing
 * here waits for a child. */
#ifndef HB_SPAWN_H
#define HB_SPAWN_H
#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

struct spawn_opts {
	const char *name;          /* in log lines ("NAME: timed out..."); NULL: argv[0] */
	char *const *argv;         /* argv[0] is a path (no PATH search) */
	char *const *envp;         /* NULL: the daemon's own environment */
	const char *cwd;           /* NULL: "/" */
	bool new_pgrp;             /* its own process group (kills reach its children) */
	bool capture_out;          /* stdout to a pipe read by the output callback; else /dev/null */
	bool capture_err;          /* likewise stderr */
	const int *keep_fds;       /* descriptors the child keeps, at the same numbers */
	int nkeep;
	bool set_user;             /* switch to uid/gid/groups (resolved by the caller) */
	uid_t uid;
	gid_t gid;
	const gid_t *groups;
	int ngroups;
};

/* A user resolved before fork: between fork and exec the child may make no
 * name-service lookups, and the heartbeat path must not wait on them. */
struct spawn_user {
	uid_t uid;
	gid_t gid;
	gid_t groups[64];
	int ngroups;
};

/* Look name up (uid, primary group, supplementary groups): 0, or -1 when
 * there is no such user. */
int spawn_user_lookup(const char *name, struct spawn_user *u);
/* Make o run the child as u (o keeps pointing into u). */
void spawn_opts_user(struct spawn_opts *o, const struct spawn_user *u);

struct spawn_result {
	bool failed;        /* could not be started: fork failed, or exec / the user switch
			     * failed in the child; err_no says why */
	int err_no;
	int status;         /* waitpid status (unless failed) */
	bool timed_out;     /* killed at its timeout */
	bool cancelled;     /* spawn_cancel() */
};

struct spawn;

/* stream 1 (stdout) or 2 (stderr); bytes as read, at most 64 KiB per call. */
typedef void (*spawn_output_fn)(void *data, int stream, const char *buf, size_t len);
/* Called once, from the main loop (never from inside spawn_start); the
 * handle is freed after it returns. */
typedef void (*spawn_done_fn)(void *data, const struct spawn_result *res);

/* Start a child.  timeout_ms 0: no limit.  kill_grace_ms: SIGTERM to
 * SIGKILL (0 = 5000).  output may be NULL (captured bytes are discarded).
 * Returns the handle; when the fork itself fails, done still runs
 * asynchronously with res->failed set. */
struct spawn *spawn_start(const struct spawn_opts *o, unsigned timeout_ms, unsigned kill_grace_ms,
			  spawn_output_fn output, spawn_done_fn done, void *data);
/* Kill the process group now (SIGTERM, then SIGKILL after the grace); done
 * reports cancelled. */
void spawn_cancel(struct spawn *s);
/* Send sig to the child (its group when it has one); no effect once done. */
void spawn_signal(struct spawn *s, int sig);
pid_t spawn_pid(const struct spawn *s);
/* Children started and not yet reported done. */
int spawn_running(void);

/* The low level, for callers with their own child handling: fork, set the
 * child up as above, exec.  Returns the pid (the caller reaps it) or -1 with
 * errno; *out_fd / *err_fd get the read ends when captured.  *errpipe gets a
 * descriptor that, once the child is gone, holds 4 bytes (errno) if exec or
 * the user switch failed, nothing if exec happened. */
pid_t spawn_fork_exec(const struct spawn_opts *o, int *out_fd, int *err_fd, int *errpipe);
#endif
