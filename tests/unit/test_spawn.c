/* lib/spawn: the child's clean slate, reported by a probe program (scheduling
 * policy, blocked and ignored signals, open descriptors, process group,
 * user), separate stdout / stderr capture, exec failure, and the timeout and
 * cancel paths killing the whole process group.  Timeouts run on fake time. */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>
#include <glib.h>
#include "check.h"
#include "log.h"
#include "spawn.h"
#include "timer.h"

static uint64_t now = 1000;
static char probe[4096];

struct run {
	bool done;
	struct spawn_result res;
	GString *out, *err;
};

static void on_output(void *data, int stream, const char *buf, size_t len)
{
	struct run *r = data;

	g_string_append_len(stream == 1 ? r->out : r->err, buf, (gssize)len);
}

static void on_done(void *data, const struct spawn_result *res)
{
	struct run *r = data;

	r->done = true;
	r->res = *res;
}

static void run_init(struct run *r)
{
	memset(r, 0, sizeof *r);
	r->out = g_string_new(NULL);
	r->err = g_string_new(NULL);
}

static void run_free(struct run *r)
{
	g_string_free(r->out, TRUE);
	g_string_free(r->err, TRUE);
}

static gboolean wake(gpointer data)
{
	*(guint *)data = 0;
	return G_SOURCE_REMOVE;
}

/* Wait (bounded) for the child's real exit; timers are fake and do not move. */
static bool wait_done(struct run *r)
{
	for (int i = 0; i < 400 && !r->done; i++) {
		static guint g;

		g = g_timeout_add(50, wake, &g);
		g_main_context_iteration(NULL, TRUE);
		if (g)
			g_source_remove(g);
	}
	return r->done;
}

/* The value after "key " in the probe's output, or "" */
static const char *field(const struct run *r, const char *key)
{
	static char val[1024];
	char *pat = g_strdup_printf("\n%s ", key), *text = g_strdup_printf("\n%s", r->out->str);
	const char *p = strstr(text, pat);

	val[0] = 0;
	if (p) {
		p += strlen(pat);
		snprintf(val, sizeof val, "%.*s", (int)strcspn(p, "\n"), p);
	}
	g_free(pat);
	g_free(text);
	return val;
}

static void test_clean_slate(void)
{
	char *argv[] = { probe, "err", NULL };
	char *envp[] = { "PROBE=yes", NULL };
	struct spawn_opts o = { 0 };
	struct sched_param sp = { .sched_priority = 1 };
	sigset_t block, old;
	int keep, leak, keep_fds[1];
	bool rt;
	struct run r;
	char want_fds[64];

	/* The daemon's state a child must not inherit: realtime, blocked and
	 * ignored signals, descriptors without close-on-exec. */
	rt = sched_setscheduler(0, SCHED_RR, &sp) == 0;
	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	sigaddset(&block, SIGTERM);
	sigprocmask(SIG_BLOCK, &block, &old);
	signal(SIGPIPE, SIG_IGN);
	signal(SIGINT, SIG_IGN);
	signal(SIGHUP, SIG_IGN);
	leak = open("/dev/null", O_RDONLY);
	keep = dup2(leak, 40);
	keep_fds[0] = keep;
	run_init(&r);
	o.argv = argv;
	o.envp = envp;
	o.new_pgrp = true;
	o.capture_out = o.capture_err = true;
	o.keep_fds = keep_fds;
	o.nkeep = 1;
	o.cwd = "/tmp";
	spawn_start(&o, 5000, 0, on_output, on_done, &r);
	CHECK(!r.done);           /* never from inside spawn_start */
	CHECK_INT(spawn_running(), 1);
	CHECK(wait_done(&r));
	CHECK_INT(spawn_running(), 0);
	CHECK(!r.res.failed && !r.res.timed_out && !r.res.cancelled);
	CHECK(WIFEXITED(r.res.status) && WEXITSTATUS(r.res.status) == 3);
	if (rt)
		CHECK_INT(atoi(field(&r, "policy")), SCHED_OTHER);
	else
		SKIP("cannot set SCHED_RR here: the policy reset is not checked");
	CHECK_STR(field(&r, "blocked"), "");
	CHECK_STR(field(&r, "ignored"), "");
	snprintf(want_fds, sizeof want_fds, "0 1 2 %d", keep);
	CHECK_STR(field(&r, "fds"), want_fds);
	CHECK_STR(field(&r, "stdin_devnull"), "1");
	CHECK_STR(field(&r, "pgrp_is_self"), "1");
	CHECK_STR(field(&r, "cwd"), "/tmp");
	CHECK_STR(field(&r, "env"), "yes");
	CHECK_STR(r.err->str, "to stderr\n");
	run_free(&r);

	/* without a group, without capture: output goes nowhere, the
	 * descriptor not asked for is closed */
	run_init(&r);
	o = (struct spawn_opts){ 0 };
	o.argv = argv;
	spawn_start(&o, 0, 0, on_output, on_done, &r);
	CHECK(wait_done(&r));
	CHECK_INT(r.out->len + r.err->len, 0);
	run_free(&r);

	close(leak);
	close(keep);
	sigprocmask(SIG_SETMASK, &old, NULL);
	signal(SIGPIPE, SIG_DFL);
	signal(SIGINT, SIG_DFL);
	signal(SIGHUP, SIG_DFL);
	sp.sched_priority = 0;
	if (rt)
		sched_setscheduler(0, SCHED_OTHER, &sp);
}

static void test_user_switch(void)
{
	char *argv[] = { probe, NULL };
	struct spawn_opts o = { 0 };
	struct run r;
	gid_t groups[1] = { 65534 };

	if (geteuid() != 0) {
		SKIP("not root: the user switch is not checked");
		return;
	}
	run_init(&r);
	o.argv = argv;
	o.capture_out = true;
	o.set_user = true;
	o.uid = 65534;
	o.gid = 65534;
	o.groups = groups;
	o.ngroups = 1;
	spawn_start(&o, 0, 0, on_output, on_done, &r);
	CHECK(wait_done(&r));
	CHECK_STR(field(&r, "uid"), "65534");
	CHECK_STR(field(&r, "gid"), "65534");
	run_free(&r);
}

static void test_exec_failure(void)
{
	char *argv[] = { "/nonexistent/program", NULL };
	char *rel[] = { "spawn_probe_not_a_path", NULL };
	struct spawn_opts o = { 0 };
	struct run r;

	run_init(&r);
	o.argv = argv;
	spawn_start(&o, 0, 0, NULL, on_done, &r);
	CHECK(wait_done(&r));
	CHECK(r.res.failed);
	CHECK_INT(r.res.err_no, ENOENT);
	run_free(&r);
	/* no PATH search */
	run_init(&r);
	o.argv = rel;
	spawn_start(&o, 0, 0, NULL, on_done, &r);
	CHECK(wait_done(&r));
	CHECK(r.res.failed);
	run_free(&r);
}

static int alive(pid_t pid)
{
	char *path = g_strdup_printf("/proc/%d/stat", (int)pid), *st = NULL;
	int a = 0;

	if (g_file_get_contents(path, &st, NULL, NULL)) {
		const char *p = strrchr(st, ')');
		a = p && p[1] == ' ' && p[2] != 'Z' && p[2] != 'X';
	}
	g_free(st);
	g_free(path);
	return a;
}

static bool gone(pid_t pid)
{
	for (int i = 0; i < 2000; i++) {
		if (!alive(pid))
			return true;
		g_usleep(1000);
	}
	return false;
}

/* The child's child, whose pid the shell prints first. */
static pid_t first_pid(struct run *r)
{
	for (int i = 0; i < 2000 && !strchr(r->out->str, '\n'); i++) {
		g_main_context_iteration(NULL, FALSE);
		g_usleep(1000);
	}
	return (pid_t)atoi(r->out->str);
}

static void test_timeout_and_cancel(void)
{
	/* SIGTERM ignored by the shell and its child: SIGKILL after the grace */
	char *stubborn[] = { "/bin/sh", "-c", "trap '' TERM; sleep 30 & echo $!; wait; wait", NULL };
	char *polite[] = { "/bin/sh", "-c", "sleep 30 & echo $!; wait", NULL };
	struct spawn_opts o = { 0 };
	struct spawn *sp;
	struct run r;
	pid_t grandchild;

	run_init(&r);
	o.argv = stubborn;
	o.new_pgrp = true;
	o.capture_out = true;
	spawn_start(&o, 1000, 200, on_output, on_done, &r);
	grandchild = first_pid(&r);
	CHECK(grandchild > 0);
	timer_fake_advance(999);
	CHECK(!r.done);
	timer_fake_advance(1);      /* timeout: SIGTERM to the group, ignored */
	for (int i = 0; i < 20; i++)
		g_main_context_iteration(NULL, FALSE);
	timer_fake_advance(199);
	CHECK(!r.done);
	CHECK(alive(grandchild));
	timer_fake_advance(1);      /* grace over: SIGKILL */
	CHECK(wait_done(&r));
	CHECK(r.res.timed_out);
	CHECK(WIFSIGNALED(r.res.status) && WTERMSIG(r.res.status) == SIGKILL);
	CHECK(gone(grandchild));
	run_free(&r);

	/* cancel: SIGTERM reaches the whole group */
	run_init(&r);
	o.argv = polite;
	sp = spawn_start(&o, 0, 0, on_output, on_done, &r);
	grandchild = first_pid(&r);
	CHECK(grandchild > 0 && spawn_pid(sp) > 0);
	spawn_cancel(sp);
	CHECK(wait_done(&r));
	CHECK(r.res.cancelled && !r.res.timed_out);
	CHECK(WIFSIGNALED(r.res.status) && WTERMSIG(r.res.status) == SIGTERM);
	CHECK(gone(grandchild));
	CHECK_INT(timer_fake_pending(), 0);
	run_free(&r);
}

int main(int argc, char **argv)
{
	struct log_settings ls = { .ident = "test_spawn", .facility = -1 };
	char *dir = g_path_get_dirname(argv[0]);
	char *abs = g_canonicalize_filename(dir, NULL);

	(void)argc;
	log_setup(&ls);
	snprintf(probe, sizeof probe, "%s/spawn_probe", abs);
	g_free(dir);
	g_free(abs);
	if (!FIXTURE(probe))
		return T_DONE();
	timer_fake_start(&now);
	test_clean_slate();
	test_user_switch();
	test_exec_failure();
	test_timeout_and_cancel();
	return T_DONE();
}
