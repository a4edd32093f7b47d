/* The process half of lib/ra: spawns one agent operation in its own process
 * group, logs its stdout/stderr line by line, enforces the timeout by
 * killing the group, and reports one result from the main loop. */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <sys/wait.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>
#include <glib.h>
#include <glib-unix.h>
#include "ra.h"
#include "log.h"

#define MAX_LINE 1024          /* longer output lines are logged in pieces */
#define MAX_CAPTURE (64 * 1024)
#define MAX_LOG_LINES 500      /* per run: a chatty agent must not flood the log */
#define MAX_READ (64 * 1024)   /* per wake-up: a flood must not starve heartbeats */

struct ra_stream {
	int fd;
	guint watch;
	GString *line;
	int is_err;
};

struct ra_run {
	char *label, *op;
	enum ra_class cls;
	GPid pid;
	struct ra_stream out, err;
	GString *capture;
	GString *errtail;        /* stderr, its last RA_ERR_TAIL bytes */
	unsigned logged, dropped;
	guint child_watch, t_timeout, t_kill, idle;
	unsigned timeout_ms;
	int timed_out, cancelled, spawn_failed, finished;
	int wait_status;
	gint64 t0;
	ra_done_fn done;
	void *data;
};

static unsigned kill_grace_ms = 5000;
static int nrunning;

void ra_set_kill_grace(unsigned ms) { kill_grace_ms = ms; }
int ra_running(void) { return nrunning; }
pid_t ra_pid(const struct ra_run *run) { return run ? run->pid : 0; }

static int quiet(const struct ra_run *r) { return ra_op_is_status(r->op); }

static void log_line(struct ra_run *r, const char *s, size_t n)
{
	char buf[MAX_LINE + 1];
	size_t k = 0;
	/* Garbage (control bytes, invalid text) must not reach the log as is. */
	for (size_t i = 0; i < n && k < MAX_LINE; i++) {
		unsigned char c = s[i];
		buf[k++] = (c >= 0x20 && c < 0x7f) || c == '\t' ? c : '?';
	}
	buf[k] = 0;
	if (r->logged >= MAX_LOG_LINES) {
		r->dropped++;
		return;
	}
	r->logged++;
	if (quiet(r))
		log_debug("%s %s: %s", r->label, r->op, buf);
	else
		log_info("%s %s: %s", r->label, r->op, buf);
}

static void take_bytes(struct ra_run *r, struct ra_stream *st, const char *b, gssize n)
{
	if (!st->is_err && r->capture->len < MAX_CAPTURE)
		for (gssize i = 0; i < n && r->capture->len < MAX_CAPTURE; i++)
			if (b[i])   /* the shell drops NUL bytes too */
				g_string_append_c(r->capture, b[i]);
	if (st->is_err) {
		for (gssize i = 0; i < n; i++)
			if (b[i])
				g_string_append_c(r->errtail, b[i]);
		if (r->errtail->len > RA_ERR_TAIL)
			g_string_erase(r->errtail, 0, (gssize)(r->errtail->len - RA_ERR_TAIL));
	}
	for (gssize i = 0; i < n; i++) {
		if (b[i] == '\n') {
			log_line(r, st->line->str, st->line->len);
			g_string_truncate(st->line, 0);
		} else {
			g_string_append_c(st->line, b[i]);
			if (st->line->len >= MAX_LINE) {
				log_line(r, st->line->str, st->line->len);
				g_string_truncate(st->line, 0);
			}
		}
	}
}

static void close_stream(struct ra_run *r, struct ra_stream *st)
{
	if (st->watch)
		g_source_remove(st->watch);
	st->watch = 0;
	if (st->fd >= 0)
		close(st->fd);
	st->fd = -1;
	if (st->line->len) {
		log_line(r, st->line->str, st->line->len);
		g_string_truncate(st->line, 0);
	}
}

/* Reads what is available, up to MAX_READ; returns FALSE at EOF or error. */
static gboolean drain(struct ra_run *r, struct ra_stream *st)
{
	char buf[4096];
	for (size_t total = 0; total < MAX_READ;) {
		ssize_t n = read(st->fd, buf, sizeof(buf));
		if (n > 0) {
			take_bytes(r, st, buf, n);
			total += n;
			continue;
		}
		if (n < 0 && errno == EINTR)
			continue;
		return n < 0 && errno == EAGAIN;
	}
	return TRUE;
}

static gboolean on_out(gint fd, GIOCondition c, gpointer data)
{
	struct ra_run *r = data;
	if (drain(r, &r->out))
		return G_SOURCE_CONTINUE;
	r->out.watch = 0;
	close_stream(r, &r->out);
	return G_SOURCE_REMOVE;
}

static gboolean on_err(gint fd, GIOCondition c, gpointer data)
{
	struct ra_run *r = data;
	if (drain(r, &r->err))
		return G_SOURCE_CONTINUE;
	r->err.watch = 0;
	close_stream(r, &r->err);
	return G_SOURCE_REMOVE;
}

static void kill_group(struct ra_run *r, int sig)
{
	if (r->pid > 0 && kill(-r->pid, sig) < 0)
		kill(r->pid, sig);
}

static gboolean on_kill(gpointer data)
{
	struct ra_run *r = data;
	r->t_kill = 0;
	log_warn("%s %s: still running %u ms after SIGTERM, sending SIGKILL", r->label, r->op,
		 kill_grace_ms);
	kill_group(r, SIGKILL);
	return G_SOURCE_REMOVE;
}

static void terminate(struct ra_run *r)
{
	kill_group(r, SIGTERM);
	if (!r->t_kill)
		r->t_kill = g_timeout_add(kill_grace_ms, on_kill, r);
}

static gboolean on_timeout(gpointer data)
{
	struct ra_run *r = data;
	r->t_timeout = 0;
	r->timed_out = 1;
	log_err("%s %s: timed out after %u ms, killing it", r->label, r->op, r->timeout_ms);
	terminate(r);
	return G_SOURCE_REMOVE;
}

static void finish(struct ra_run *r)
{
	struct ra_result res = { 0 };
	if (r->t_timeout)
		g_source_remove(r->t_timeout);
	if (r->t_kill)
		g_source_remove(r->t_kill);
	if (r->pid > 0) {
		/* The child has exited and we have its output up to now; its
		 * leftovers keep the pipes open, so stop reading rather than
		 * wait for EOF (a started daemon may hold them forever). */
		if (r->out.fd >= 0)
			drain(r, &r->out);
		if (r->err.fd >= 0)
			drain(r, &r->err);
		/* After a kill, nothing of the group may survive. */
		if (r->timed_out || r->cancelled)
			kill(-r->pid, SIGKILL);
	}
	close_stream(r, &r->out);
	close_stream(r, &r->err);
	if (r->dropped)
		log_warn("%s %s: %u more output lines not logged", r->label, r->op, r->dropped);

	res.out = r->capture->str;
	res.err = r->errtail->str;
	res.elapsed = (g_get_monotonic_time() - r->t0) / 1e6;
	int status_op = ra_op_is_status(r->op);
	if (r->spawn_failed) {
		res.spawn_failed = 1;
		res.rc = RA_RC_ERR_INSTALLED;
	} else if (WIFEXITED(r->wait_status)) {
		res.exited = 1;
		res.exit_code = WEXITSTATUS(r->wait_status);
		if (status_op && r->cls == RA_CLASS_HEARTBEAT) {
			/* The original ignores the exit code here. */
			res.running = ra_status_text_running(r->capture->str);
			res.rc = res.running ? RA_RC_OK : RA_RC_NOT_RUNNING;
		} else {
			res.rc = ra_map_exit(r->cls, r->op, res.exit_code);
			if (status_op && r->cls == RA_CLASS_LSB && res.exit_code > 3) {
				/* Not an LSB status code: fall back on the text. */
				res.running = ra_status_text_running(r->capture->str);
				res.rc = res.running ? RA_RC_OK : RA_RC_NOT_RUNNING;
			} else if (status_op) {
				res.running = res.rc == RA_RC_OK || res.rc == RA_RC_RUNNING_MASTER;
			}
		}
	} else {
		res.signo = WIFSIGNALED(r->wait_status) ? WTERMSIG(r->wait_status) : 0;
		res.rc = RA_RC_SIGNALLED;
	}
	if (r->timed_out) {
		res.timed_out = 1;
		res.rc = RA_RC_TIMEOUT;
		res.running = 0;
	} else if (r->cancelled) {
		res.rc = RA_RC_CANCELLED;
		res.running = 0;
	}
	if (!status_op && res.rc != RA_RC_OK && !r->spawn_failed && !r->timed_out &&
	    !r->cancelled) {
		if (res.exited)
			log_err("Return code %d from %s %s", res.exit_code, r->label, r->op);
		else
			log_err("%s %s: killed by signal %d", r->label, r->op, res.signo);
	}
	nrunning--;
	if (r->done)
		r->done(&res, r->data);
	g_string_free(r->out.line, TRUE);
	g_string_free(r->err.line, TRUE);
	g_string_free(r->capture, TRUE);
	g_string_free(r->errtail, TRUE);
	g_free(r->label);
	g_free(r->op);
	g_free(r);
}

static void on_child(GPid pid, gint status, gpointer data)
{
	struct ra_run *r = data;
	r->child_watch = 0;
	r->wait_status = status;
	finish(r);
	g_spawn_close_pid(pid);
}

static gboolean on_spawn_failed(gpointer data)
{
	struct ra_run *r = data;
	r->idle = 0;
	finish(r);
	return G_SOURCE_REMOVE;
}

/* Runs in the child between fork and exec: only async-signal-safe calls. */
static void child_setup(gpointer unused)
{
	struct sigaction sa;
	sigset_t all;
	struct sched_param sp = { 0 };
	setpgid(0, 0);
	/* Ignored signals survive exec; the daemon ignores SIGPIPE and others. */
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = SIG_DFL;
	for (int s = 1; s < NSIG; s++)
		sigaction(s, &sa, NULL);
	sigemptyset(&all);
	sigprocmask(SIG_SETMASK, &all, NULL);
	/* The daemon may run SCHED_RR; its scripts must not. */
	if (sched_getscheduler(0) != SCHED_OTHER)
		sched_setscheduler(0, SCHED_OTHER, &sp);
}

static struct ra_run *start(const char *label, const char *op, enum ra_class cls,
			    char **argv, char **envp, unsigned timeout_ms,
			    ra_done_fn done, void *data)
{
	struct ra_run *r = g_new0(struct ra_run, 1);
	GError *gerr = NULL;
	int out_fd = -1, err_fd = -1;
	r->label = g_strdup(label);
	r->op = g_strdup(op);
	r->cls = cls;
	r->out.fd = r->err.fd = -1;
	r->err.is_err = 1;
	r->out.line = g_string_new(NULL);
	r->err.line = g_string_new(NULL);
	r->capture = g_string_new(NULL);
	r->errtail = g_string_new(NULL);
	r->timeout_ms = timeout_ms;
	r->done = done;
	r->data = data;
	r->t0 = g_get_monotonic_time();
	nrunning++;

	if (!quiet(r)) {
		char *cmd = g_strjoinv(" ", argv);
		log_info("Running %s", cmd);
		g_free(cmd);
	}
	if (!g_spawn_async_with_pipes("/", argv, envp,
				      G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDIN_FROM_DEV_NULL,
				      child_setup, NULL, &r->pid, NULL, &out_fd, &err_fd, &gerr)) {
		log_err("%s %s: cannot run %s: %s", label, op, argv[0], gerr->message);
		g_error_free(gerr);
		r->pid = 0;
		r->spawn_failed = 1;
		r->idle = g_idle_add(on_spawn_failed, r);
		return r;
	}
	/* Also from the parent, so a kill right now reaches the group. */
	setpgid(r->pid, r->pid);
	r->out.fd = out_fd;
	r->err.fd = err_fd;
	g_unix_set_fd_nonblocking(out_fd, TRUE, NULL);
	g_unix_set_fd_nonblocking(err_fd, TRUE, NULL);
	fcntl(out_fd, F_SETFD, FD_CLOEXEC);
	fcntl(err_fd, F_SETFD, FD_CLOEXEC);
	r->out.watch = g_unix_fd_add(out_fd, G_IO_IN | G_IO_HUP | G_IO_ERR, on_out, r);
	r->err.watch = g_unix_fd_add(err_fd, G_IO_IN | G_IO_HUP | G_IO_ERR, on_err, r);
	r->child_watch = g_child_watch_add(r->pid, on_child, r);
	if (timeout_ms)
		r->t_timeout = g_timeout_add(timeout_ms, on_timeout, r);
	return r;
}

struct ra_run *ra_start(const struct ra_spec *spec, const char *op,
			char *const *extra_env, unsigned timeout_ms,
			ra_done_fn done, void *data)
{
	char **argv = ra_build_argv(spec, op);
	char **envp = ra_build_env(NULL, spec, op, timeout_ms, extra_env);
	struct ra_run *r = start(spec->name ? spec->name : spec->type, op, spec->cls, argv, envp,
				 timeout_ms, done, data);
	g_strfreev(argv);
	g_strfreev(envp);
	return r;
}

struct ra_run *ra_spawn(const char *label, const char *op, char *const *argv,
			char *const *extra_env, unsigned timeout_ms,
			ra_done_fn done, void *data)
{
	char **envp = ra_build_env(NULL, NULL, op, timeout_ms, extra_env);
	struct ra_run *r = start(label, op, RA_CLASS_CMD, (char **)argv, envp, timeout_ms, done,
				 data);
	g_strfreev(envp);
	return r;
}

void ra_cancel(struct ra_run *r)
{
	if (!r || r->cancelled || r->spawn_failed)
		return;
	r->cancelled = 1;
	if (r->t_timeout) {
		g_source_remove(r->t_timeout);
		r->t_timeout = 0;
	}
	terminate(r);
}
