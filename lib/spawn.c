/* Child processes (spawn.h): the fork/exec with the child's clean slate, and
 * the main-loop half (output, exit, timeout, kill).  Exec failure comes back
 * through a close-on-exec pipe that is read only once the child is gone, so
 * the daemon never waits for the child to reach exec. */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <glib.h>
#include <glib-unix.h>
#include "spawn.h"
#include "timer.h"
#include "log.h"

#define MAX_KEEP 16
#define MAX_READ (64 * 1024)   /* per wake-up: a flood must not starve heartbeats */
#define DEFAULT_GRACE_MS 5000

extern char **environ;

struct stream {
	int fd;
	guint watch;
	int no;                /* 1 stdout, 2 stderr */
};

struct spawn {
	pid_t pid;
	bool pgrp;
	struct stream out, err;
	int errpipe;
	guint child_watch, idle;
	struct timer t_timeout, t_kill;
	unsigned grace_ms, timeout_ms;
	char *name;
	struct spawn_result res;
	spawn_output_fn output;
	spawn_done_fn done;
	void *data;
};

static int nrunning;

int spawn_running(void) { return nrunning; }
pid_t spawn_pid(const struct spawn *s) { return s ? s->pid : 0; }

/* ---- the child, between fork and exec: async-signal-safe calls only ---- */

/* Close lo..hi (hi -1: every descriptor from lo up). */
static void close_range_of(int lo, int hi, int maxfd)
{
	if (hi >= 0 && lo > hi)
		return;
#ifdef SYS_close_range
	if (syscall(SYS_close_range, (unsigned)lo, hi < 0 ? ~0U : (unsigned)hi, 0) == 0)
		return;
#endif
	for (int fd = lo; (hi < 0 || fd <= hi) && fd < maxfd; fd++)
		close(fd);
}

_Noreturn static void child_fail(int ep)
{
	int e = errno;

	if (write(ep, &e, sizeof e) < 0)
		_exit(127);
	_exit(127);
}

static void place(int fd, int target)
{
	if (fd == target)
		fcntl(fd, F_SETFD, 0);      /* keep it across exec */
	else
		dup2(fd, target);
}

_Noreturn static void child(const struct spawn_opts *o, int ep, int out_w, int err_w, int devnull,
			    const int *keep, int nkeep, int maxfd)
{
	struct sigaction sa;
	struct sched_param sp = { 0 };
	sigset_t none;
	int s, lo, i;

	if (o->new_pgrp)
		setpgid(0, 0);
	/* Ignored signals survive exec (the daemon ignores SIGPIPE, SIGINT...);
	 * a child must see its signals as any program started from a shell. */
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = SIG_DFL;
	for (s = 1; s < NSIG; s++)
		sigaction(s, &sa, NULL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	/* The daemon may run SCHED_RR; its children must not. */
	if (sched_getscheduler(0) != SCHED_OTHER)
		sched_setscheduler(0, SCHED_OTHER, &sp);
	place(devnull, 0);
	place(out_w >= 0 ? out_w : devnull, 1);
	place(err_w >= 0 ? err_w : devnull, 2);
	if (o->set_user) {
		if (setgroups((size_t)o->ngroups, o->groups) < 0 || setgid(o->gid) < 0 || setuid(o->uid) < 0)
			child_fail(ep);
	}
	if (chdir(o->cwd ? o->cwd : "/") < 0)
		child_fail(ep);
	/* keep is sorted and holds ep (close-on-exec: it goes at exec) */
	for (lo = 3, i = 0; i < nkeep; i++) {
		close_range_of(lo, keep[i] - 1, maxfd);
		if (keep[i] != ep)
			fcntl(keep[i], F_SETFD, 0);
		lo = keep[i] + 1;
	}
	close_range_of(lo, -1, maxfd);
	execve(o->argv[0], o->argv, o->envp ? o->envp : environ);
	child_fail(ep);
}

/* ---- fork and exec ---- */

static int above_stdio(int fd)
{
	int n;

	if (fd < 0 || fd > 2)
		return fd;
	n = fcntl(fd, F_DUPFD_CLOEXEC, 3);
	close(fd);
	return n;
}

static int sort_int(const void *a, const void *b)
{
	return *(const int *)a - *(const int *)b;
}

pid_t spawn_fork_exec(const struct spawn_opts *o, int *out_fd, int *err_fd, int *errpipe)
{
	int ep[2] = { -1, -1 }, op[2] = { -1, -1 }, xp[2] = { -1, -1 }, devnull = -1;
	int keep[MAX_KEEP + 1], nkeep = 0, i, maxfd, e;
	struct rlimit rl;
	pid_t pid;

	if (!o->argv || !o->argv[0] || o->nkeep > MAX_KEEP) {
		errno = EINVAL;
		return -1;
	}
	maxfd = getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY && rl.rlim_cur < 1048576
		? (int)rl.rlim_cur : 65536;
	if (pipe2(ep, O_CLOEXEC) < 0)
		return -1;
	if ((o->capture_out && pipe2(op, O_CLOEXEC) < 0) || (o->capture_err && pipe2(xp, O_CLOEXEC) < 0) ||
	    (devnull = open("/dev/null", O_RDWR | O_CLOEXEC)) < 0)
		goto fail;
	/* The child moves these onto 0, 1 and 2: none of them may already be
	 * one of those (a daemon started with a closed stdout). */
	ep[1] = above_stdio(ep[1]);
	op[1] = above_stdio(op[1]);
	xp[1] = above_stdio(xp[1]);
	devnull = above_stdio(devnull);
	for (i = 0; i < o->nkeep; i++)
		if (o->keep_fds[i] > 2)
			keep[nkeep++] = o->keep_fds[i];
	keep[nkeep++] = ep[1];
	qsort(keep, (size_t)nkeep, sizeof keep[0], sort_int);
	pid = fork();
	if (pid < 0)
		goto fail;
	if (pid == 0)
		child(o, ep[1], op[1], xp[1], devnull, keep, nkeep, maxfd);
	/* Also from here, so a kill sent at once reaches the whole group (the
	 * child may not have run yet; after its exec this fails, harmlessly). */
	if (o->new_pgrp)
		setpgid(pid, pid);
	close(ep[1]);
	close(devnull);
	if (op[1] >= 0)
		close(op[1]);
	if (xp[1] >= 0)
		close(xp[1]);
	fcntl(ep[0], F_SETFL, O_NONBLOCK);
	*errpipe = ep[0];
	if (out_fd)
		*out_fd = op[0];
	else if (op[0] >= 0)
		close(op[0]);
	if (err_fd)
		*err_fd = xp[0];
	else if (xp[0] >= 0)
		close(xp[0]);
	if (op[0] >= 0)
		fcntl(op[0], F_SETFL, O_NONBLOCK);
	if (xp[0] >= 0)
		fcntl(xp[0], F_SETFL, O_NONBLOCK);
	return pid;
fail:
	e = errno;
	for (i = 0; i < 2; i++) {
		if (ep[i] >= 0)
			close(ep[i]);
		if (op[i] >= 0)
			close(op[i]);
		if (xp[i] >= 0)
			close(xp[i]);
	}
	if (devnull >= 0)
		close(devnull);
	errno = e;
	return -1;
}

/* ---- the main-loop half ---- */

static void send_sig(struct spawn *s, int sig)
{
	if (s->pid <= 0)
		return;
	if (!s->pgrp || kill(-s->pid, sig) < 0)
		kill(s->pid, sig);
}

static void close_stream(struct stream *st)
{
	if (st->watch)
		g_source_remove(st->watch);
	st->watch = 0;
	if (st->fd >= 0)
		close(st->fd);
	st->fd = -1;
}

/* Reads what is there, up to MAX_READ; false at EOF or a real error. */
static bool drain(struct spawn *s, struct stream *st)
{
	char buf[4096];
	size_t total = 0;

	while (total < MAX_READ) {
		ssize_t n = read(st->fd, buf, sizeof buf);

		if (n > 0) {
			if (s->output)
				s->output(s->data, st->no, buf, (size_t)n);
			total += (size_t)n;
			continue;
		}
		if (n < 0 && errno == EINTR)
			continue;
		return n < 0 && errno == EAGAIN;
	}
	return true;
}

static gboolean on_readable(gint fd, GIOCondition c, gpointer data)
{
	struct spawn *s = data;
	struct stream *st = fd == s->out.fd ? &s->out : &s->err;

	if (drain(s, st))
		return G_SOURCE_CONTINUE;
	st->watch = 0;
	close_stream(st);
	return G_SOURCE_REMOVE;
}

static void finish(struct spawn *s)
{
	timer_stop(&s->t_timeout);
	timer_stop(&s->t_kill);
	if (s->pid > 0) {
		int e;

		/* The child has exited; take what it wrote up to now, but do not
		 * wait for EOF: a daemon it started may hold the pipes forever. */
		if (s->out.fd >= 0)
			drain(s, &s->out);
		if (s->err.fd >= 0)
			drain(s, &s->err);
		/* After a kill, nothing of the group may survive. */
		if (s->pgrp && (s->res.timed_out || s->res.cancelled))
			kill(-s->pid, SIGKILL);
		if (s->errpipe >= 0 && read(s->errpipe, &e, sizeof e) == (ssize_t)sizeof e) {
			s->res.failed = true;
			s->res.err_no = e;
		}
	}
	close_stream(&s->out);
	close_stream(&s->err);
	if (s->errpipe >= 0)
		close(s->errpipe);
	nrunning--;
	if (s->done)
		s->done(s->data, &s->res);
	g_free(s->name);
	g_free(s);
}

static void on_child(GPid pid, gint status, gpointer data)
{
	struct spawn *s = data;

	s->child_watch = 0;
	s->res.status = status;
	g_spawn_close_pid(pid);
	finish(s);
}

static gboolean on_fork_failed(gpointer data)
{
	struct spawn *s = data;

	s->idle = 0;
	finish(s);
	return G_SOURCE_REMOVE;
}

static void on_kill(void *data)
{
	struct spawn *s = data;

	log_warn("%s: still running %u ms after SIGTERM, sending SIGKILL", s->name, s->grace_ms);
	send_sig(s, SIGKILL);
}

static void terminate(struct spawn *s)
{
	send_sig(s, SIGTERM);
	if (!timer_armed(&s->t_kill))
		timer_start(&s->t_kill, s->grace_ms);
}

static void on_timeout(void *data)
{
	struct spawn *s = data;

	s->res.timed_out = true;
	log_err("%s: timed out after %u ms, killing it", s->name, s->timeout_ms);
	terminate(s);
}

struct spawn *spawn_start(const struct spawn_opts *o, unsigned timeout_ms, unsigned kill_grace_ms,
			  spawn_output_fn output, spawn_done_fn done, void *data)
{
	struct spawn *s = g_new0(struct spawn, 1);

	s->out = (struct stream){ -1, 0, 1 };
	s->err = (struct stream){ -1, 0, 2 };
	s->errpipe = -1;
	s->pgrp = o->new_pgrp;
	s->grace_ms = kill_grace_ms ? kill_grace_ms : DEFAULT_GRACE_MS;
	s->timeout_ms = timeout_ms;
	s->name = g_strdup(o->name ? o->name : o->argv && o->argv[0] ? o->argv[0] : "child");
	s->output = output;
	s->done = done;
	s->data = data;
	timer_init(&s->t_timeout, on_timeout, s);
	timer_init(&s->t_kill, on_kill, s);
	nrunning++;
	s->pid = spawn_fork_exec(o, o->capture_out ? &s->out.fd : NULL, o->capture_err ? &s->err.fd : NULL,
				 &s->errpipe);
	if (s->pid < 0) {
		s->res.failed = true;
		s->res.err_no = errno;
		s->pid = 0;
		s->idle = g_idle_add(on_fork_failed, s);
		return s;
	}
	if (s->out.fd >= 0)
		s->out.watch = g_unix_fd_add(s->out.fd, G_IO_IN | G_IO_HUP | G_IO_ERR, on_readable, s);
	if (s->err.fd >= 0)
		s->err.watch = g_unix_fd_add(s->err.fd, G_IO_IN | G_IO_HUP | G_IO_ERR, on_readable, s);
	s->child_watch = g_child_watch_add(s->pid, on_child, s);
	if (timeout_ms)
		timer_start(&s->t_timeout, timeout_ms);
	return s;
}

void spawn_cancel(struct spawn *s)
{
	if (!s || s->res.cancelled || s->pid <= 0)
		return;
	s->res.cancelled = true;
	timer_stop(&s->t_timeout);
	terminate(s);
}

void spawn_signal(struct spawn *s, int sig)
{
	if (s)
		send_sig(s, sig);
}

int spawn_user_lookup(const char *name, struct spawn_user *u)
{
	struct passwd *pw = getpwnam(name);

	if (!pw)
		return -1;
	u->uid = pw->pw_uid;
	u->gid = pw->pw_gid;
	u->ngroups = (int)(sizeof u->groups / sizeof u->groups[0]);
	if (getgrouplist(pw->pw_name, pw->pw_gid, u->groups, &u->ngroups) < 0)
		u->ngroups = 0;
	return 0;
}

void spawn_opts_user(struct spawn_opts *o, const struct spawn_user *u)
{
	o->set_user = true;
	o->uid = u->uid;
	o->gid = u->gid;
	o->groups = u->groups;
	o->ngroups = u->ngroups;
}
