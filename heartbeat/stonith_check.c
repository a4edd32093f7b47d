/* The STONITH command before any reset: its device types (-L) and a type's
 * parameter names (-n), each asked with a bounded wait (start-up and -t
 * only, never from the main loop); the checks heartbeat -t and start-up
 * make of the stonith and stonith_host lines, with 3.0.6's words ("Invalid
 * Stonith type", "Invalid Stonith configuration parameter") plus file:line;
 * and the NAME=value environment that carries parameters into "stonith -E",
 * so no secret ever sits on a command line. */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <glib.h>
#include "config.h"
#include "stonith/stonith.h"
#include "stonith_check.h"
#include "spawn.h"

#define QUERY_MS 10000              /* a plugin that hangs does not hang start-up */
#define QUERY_MAX_OUTPUT (1 << 20)

const char *stonith_command(void)
{
	const char *e = getenv("HB_STONITH_CMD");

	return e && *e ? e : HA_STONITH_CMD;
}

static gint64 ms_left(gint64 deadline)
{
	return (deadline - g_get_monotonic_time()) / 1000;
}

/* waitpid with a deadline; SIGKILL when it passes.  1: exited 0. */
static int reap(GPid pid, gint64 deadline, char *err, size_t errlen, const char *what)
{
	int status;

	for (;;) {
		pid_t r = waitpid(pid, &status, WNOHANG);

		if (r == pid)
			break;
		if (r < 0 && errno != EINTR) {
			snprintf(err, errlen, "%s: %s", what, strerror(errno));
			return 0;
		}
		if (ms_left(deadline) <= 0) {
			kill(pid, SIGKILL);
			waitpid(pid, &status, 0);
			snprintf(err, errlen, "%s: no answer within %d s", what, QUERY_MS / 1000);
			return 0;
		}
		g_usleep(10000);
	}
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return 1;
	if (WIFEXITED(status))
		snprintf(err, errlen, "%s exited with %d", what, WEXITSTATUS(status));
	else
		snprintf(err, errlen, "%s died of signal %d", what, WTERMSIG(status));
	return 0;
}

/* The stdout of "stonith ARGS" if it exits 0 in time (g_free), else NULL. */
static char *query(const char *const *args, char *err, size_t errlen)
{
	const char *argv[8] = { stonith_command() };
	struct spawn_opts o = { 0 };
	char what[256];
	GString *out;
	gint64 deadline = g_get_monotonic_time() + (gint64)QUERY_MS * 1000;
	pid_t pid;
	int fd = -1, ep = -1, i, e;
	bool eof = false;

	for (i = 0; args[i] && i < 6; i++)
		argv[i + 1] = args[i];
	argv[i + 1] = NULL;
	snprintf(what, sizeof what, "%s %s", argv[0], args[0]);
	/* the one way a child starts (lib/spawn): clean signals, scheduling, fds */
	o.argv = (char *const *)argv;
	o.capture_out = true;
	pid = spawn_fork_exec(&o, &fd, NULL, &ep);
	if (pid < 0) {
		snprintf(err, errlen, "cannot run %s: %s", argv[0], strerror(errno));
		return NULL;
	}
	out = g_string_new(NULL);
	while (!eof && ms_left(deadline) > 0) {
		struct pollfd p = { fd, POLLIN, 0 };
		char buf[4096];
		ssize_t n;

		if (poll(&p, 1, (int)ms_left(deadline) + 1) <= 0)
			continue;
		n = read(fd, buf, sizeof buf);
		if (n > 0 && out->len < QUERY_MAX_OUTPUT)
			g_string_append_len(out, buf, n);
		else if (n == 0 || (n < 0 && errno != EINTR && errno != EAGAIN))
			eof = true;
	}
	close(fd);
	if (!reap(pid, deadline, err, errlen, what)) {
		/* exec itself failed: say that, not "exited with 127" */
		if (read(ep, &e, sizeof e) == (ssize_t)sizeof e)
			snprintf(err, errlen, "cannot run %s: %s", argv[0], strerror(e));
		close(ep);
		g_string_free(out, TRUE);
		return NULL;
	}
	close(ep);
	return g_string_free(out, FALSE);
}

static char **words(const char *text)
{
	GPtrArray *a = g_ptr_array_new();
	char **parts = g_strsplit_set(text, " \t\r\n", -1);

	for (char **p = parts; *p; p++)
		if (**p)
			g_ptr_array_add(a, g_strdup(*p));
	g_strfreev(parts);
	g_ptr_array_add(a, NULL);
	return (char **)g_ptr_array_free(a, FALSE);
}

/* The words "stonith ARGS" prints, or NULL with the reason in err. */
static char **query_words(const char *const *args, char *err, size_t errlen)
{
	char *out = query(args, err, errlen);
	char **w = out ? words(out) : NULL;

	g_free(out);
	return w;
}

char **stonith_list_types(char *err, size_t errlen)
{
	const char *args[] = { "-L", NULL };

	return query_words(args, err, errlen);
}

char **stonith_param_names(const char *type, char *err, size_t errlen)
{
	const char *args[] = { "-t", type, "-n", NULL };

	return query_words(args, err, errlen);
}

char **stonith_param_env(char *const *names, const char *params)
{
	char **vals = st_split_params(names, params);
	char **env;
	guint i;

	if (!vals)
		return NULL;
	env = g_new0(char *, g_strv_length(vals) + 1);
	for (i = 0; vals[i]; i++)
		env[i] = g_strdup_printf("%s=%s", names[i], vals[i]);
	g_strfreev(vals);
	return env;
}

/* ---- the checks ---- */

static void add(char ***arr, int *n, char *s)
{
	char **na = realloc(*arr, (size_t)(*n + 1) * sizeof *na);

	if (!na) {
		free(s);
		return;
	}
	na[(*n)++] = s;
	*arr = na;
}

static void note(struct conf_errors *e, bool error, const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
static void note(struct conf_errors *e, bool error, const char *file, int line, const char *fmt, ...)
{
	char text[1024], *s;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof text, fmt, ap);
	va_end(ap);
	if (asprintf(&s, "%s:%d: %s", file, line, text) < 0)
		return;
	if (error)
		add(&e->msg, &e->n, s);
	else
		add(&e->warn, &e->nwarn, s);
}

/* The first line of FILE that is neither empty nor a comment, as stonith -F reads it. */
static char *file_params(const char *path)
{
	char *text = NULL, *res = NULL;

	if (!g_file_get_contents(path, &text, NULL, NULL))
		return NULL;
	for (char *l = strtok(text, "\n"); l && !res; l = strtok(NULL, "\n")) {
		char *t = g_strstrip(l);

		if (*t && *t != '#')
			res = g_strdup(t);
	}
	g_free(text);
	return res ? res : g_strdup("");
}

static int check_one(const char *file, int line, const char *type, const char *params,
		     const char *node, char **types, struct conf_errors *e)
{
	char err[512], **names, **vals;
	bool here = node == NULL;
	char where[160] = "";

	if (!here)
		snprintf(where, sizeof where, " (a line for node %s: not used on this node)", node);
	if (!g_strv_contains((const char *const *)types, type)) {
		note(e, here, file, line, "Invalid Stonith type [%s]: %s -L does not list it%s", type,
		     stonith_command(), where);
		return here;
	}
	names = stonith_param_names(type, err, sizeof err);
	if (!names) {
		note(e, here, file, line, "STONITH device type %s: cannot get its parameter names: %s%s",
		     type, err, where);
		return here;
	}
	vals = st_split_params(names, params ? params : "");
	if (!vals) {
		char *list = g_strjoinv(" ", names);
		char **given = words(params ? params : "");

		note(e, here, file, line,
		     "Invalid Stonith configuration parameter: %s needs %u value%s (%s), %u given%s",
		     type, g_strv_length(names), g_strv_length(names) == 1 ? "" : "s", list,
		     g_strv_length(given), where);
		g_free(list);
		g_strfreev(given);
		g_strfreev(names);
		return here;
	}
	g_strfreev(vals);
	g_strfreev(names);
	return 0;
}

int stonith_check_config(const struct hb_config *cf, const char *localname, struct conf_errors *errs)
{
	const char *file = cf->path ? cf->path : "ha.cf";
	char err[512], **types = NULL;
	int nerr = 0, i;

	if (!cf->stonith_type && cf->nstonith_hosts == 0)
		return 0;
	types = stonith_list_types(err, sizeof err);
	if (!types) {
		int line = cf->stonith_type ? cf->stonith_line : cf->stonith_hosts[0].line;

		note(errs, true, file, line, "cannot check the STONITH device: %s", err);
		return 1;
	}
	if (cf->stonith_type) {
		char *p = file_params(cf->stonith_file);

		if (!p) {
			note(errs, true, file, cf->stonith_line, "stonith: cannot read config file [%s]",
			     cf->stonith_file);
			nerr++;
		} else {
			/* the file's line is checked like a stonith_host line's parameters */
			nerr += check_one(file, cf->stonith_line, cf->stonith_type, p, NULL, types, errs);
			g_free(p);
		}
	}
	for (i = 0; i < cf->nstonith_hosts; i++) {
		const struct conf_stonith_host *h = &cf->stonith_hosts[i];
		bool mine = strcmp(h->host, "*") == 0 || (localname && strcmp(h->host, localname) == 0);

		nerr += check_one(file, h->line, h->type, h->params, mine ? NULL : h->host, types, errs);
	}
	g_strfreev(types);
	return nerr;
}
