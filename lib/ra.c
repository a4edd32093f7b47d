/* The process half of lib/ra: runs one agent operation through lib/spawn
 * (own process group, timeout that kills the group), logs its stdout/stderr
 * line by line, captures stdout, and maps the exit to one result. */
#include <string.h>
#include <sys/wait.h>
#include <glib.h>
#include "ra.h"
#include "log.h"
#include "spawn.h"

#define MAX_LINE 1024          /* longer output lines are logged in pieces */
#define MAX_CAPTURE (64 * 1024)
#define MAX_LOG_LINES 500      /* per run: a chatty agent must not flood the log */

struct ra_run {
	char *label, *op;
	char *name;              /* "label op", for spawn's log lines */
	enum ra_class cls;
	struct spawn *sp;
	pid_t pid;
	GString *line[2];        /* partial output line, stdout and stderr */
	GString *capture;
	GString *errtail;        /* stderr, its last RA_ERR_TAIL bytes */
	unsigned logged, dropped;
	unsigned timeout_ms;
	int cancelled;
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

/* spawn output callback: stdout is captured (for status text) and both
 * streams are logged line by line. */
static void take_bytes(void *data, int stream, const char *b, size_t n)
{
	struct ra_run *r = data;
	GString *line = r->line[stream == 2];

	if (stream == 1 && r->capture->len < MAX_CAPTURE)
		for (size_t i = 0; i < n && r->capture->len < MAX_CAPTURE; i++)
			if (b[i])   /* the shell drops NUL bytes too */
				g_string_append_c(r->capture, b[i]);
	if (stream == 2) {
		for (size_t i = 0; i < n; i++)
			if (b[i])
				g_string_append_c(r->errtail, b[i]);
		if (r->errtail->len > RA_ERR_TAIL)
			g_string_erase(r->errtail, 0, (gssize)(r->errtail->len - RA_ERR_TAIL));
	}
	for (size_t i = 0; i < n; i++) {
		if (b[i] == '\n') {
			log_line(r, line->str, line->len);
			g_string_truncate(line, 0);
		} else {
			g_string_append_c(line, b[i]);
			if (line->len >= MAX_LINE) {
				log_line(r, line->str, line->len);
				g_string_truncate(line, 0);
			}
		}
	}
}

static void finish(void *data, const struct spawn_result *sr)
{
	struct ra_run *r = data;
	struct ra_result res = { 0 };
	int i;

	for (i = 0; i < 2; i++)
		if (r->line[i]->len) {
			log_line(r, r->line[i]->str, r->line[i]->len);
			g_string_truncate(r->line[i], 0);
		}
	if (r->dropped)
		log_warn("%s %s: %u more output lines not logged", r->label, r->op, r->dropped);

	res.out = r->capture->str;
	res.err = r->errtail->str;
	res.elapsed = (g_get_monotonic_time() - r->t0) / 1e6;
	int status_op = ra_op_is_status(r->op);
	if (sr->failed) {
		log_err("%s %s: cannot run it: %s", r->label, r->op, g_strerror(sr->err_no));
		res.spawn_failed = 1;
		res.rc = RA_RC_ERR_INSTALLED;
	} else if (WIFEXITED(sr->status)) {
		res.exited = 1;
		res.exit_code = WEXITSTATUS(sr->status);
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
		res.signo = WIFSIGNALED(sr->status) ? WTERMSIG(sr->status) : 0;
		res.rc = RA_RC_SIGNALLED;
	}
	if (sr->timed_out) {
		res.timed_out = 1;
		res.rc = RA_RC_TIMEOUT;
		res.running = 0;
	} else if (sr->cancelled) {
		res.rc = RA_RC_CANCELLED;
		res.running = 0;
	}
	if (!status_op && res.rc != RA_RC_OK && !sr->failed && !sr->timed_out && !sr->cancelled) {
		if (res.exited)
			log_err("Return code %d from %s %s", res.exit_code, r->label, r->op);
		else
			log_err("%s %s: killed by signal %d", r->label, r->op, res.signo);
	}
	nrunning--;
	if (r->done)
		r->done(&res, r->data);
	g_string_free(r->line[0], TRUE);
	g_string_free(r->line[1], TRUE);
	g_string_free(r->capture, TRUE);
	g_string_free(r->errtail, TRUE);
	g_free(r->label);
	g_free(r->op);
	g_free(r->name);
	g_free(r);
}

static struct ra_run *start(const char *label, const char *op, enum ra_class cls,
			    char **argv, char **envp, unsigned timeout_ms,
			    ra_done_fn done, void *data)
{
	struct ra_run *r = g_new0(struct ra_run, 1);
	struct spawn_opts o = { 0 };

	r->label = g_strdup(label);
	r->op = g_strdup(op);
	r->cls = cls;
	r->line[0] = g_string_new(NULL);
	r->line[1] = g_string_new(NULL);
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
	r->name = g_strdup_printf("%s %s", label, op);
	o.name = r->name;
	o.argv = argv;
	o.envp = envp;
	o.new_pgrp = true;
	o.capture_out = o.capture_err = true;
	r->sp = spawn_start(&o, timeout_ms, kill_grace_ms, take_bytes, finish, r);
	r->pid = spawn_pid(r->sp);
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
	if (!r || r->cancelled)
		return;
	r->cancelled = 1;
	spawn_cancel(r->sp);
}
