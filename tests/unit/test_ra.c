/* Unit tests for lib/ra: the pure parts (status text, exit mapping, argv,
 * environment, resolution) and the runner's contract, exercised by running
 * tiny scripts written to a temporary directory under a bounded main loop.
 * Timeouts and kill grace run on fake time (lib/timer): the test moves the
 * clock, so no check depends on how fast the machine is. */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib.h>
#include <glib/gstdio.h>
#include "check.h"
#include "ra.h"
#include "log.h"
#include "timer.h"

static char *tmp, *rdir, *idir, *oroot, *logpath;
static uint64_t now = 1000;

static void write_script(const char *dir, const char *name, const char *body)
{
	char *p = g_build_filename(dir, name, NULL);
	char *text = g_strdup_printf("#!/bin/sh\n%s\n", body);
	g_file_set_contents(p, text, -1, NULL);
	chmod(p, 0755);
	g_free(text);
	g_free(p);
}

static void test_status_text(void)
{
	CHECK_INT(ra_status_text_running("INFO: IPaddr Running OK"), 1);
	CHECK_INT(ra_status_text_running("running"), 1);
	CHECK_INT(ra_status_text_running("OK"), 1);
	CHECK_INT(ra_status_text_running("ok"), 0);
	CHECK_INT(ra_status_text_running("stopped"), 0);
	CHECK_INT(ra_status_text_running(""), 0);
	CHECK_INT(ra_status_text_running(NULL), 0);
	CHECK_INT(ra_status_text_running("httpd is not running"), 0);
	CHECK_INT(ra_status_text_running("NOT Running"), 0);
	CHECK_INT(ra_status_text_running("Not  running"), 0);
	CHECK_INT(ra_status_text_running("not\nrunning"), 1);   /* needs a blank after "not" */
	CHECK_INT(ra_status_text_running("notrunning"), 1);
	CHECK_INT(ra_status_text_running("RUNNING"), 0);        /* only the R is case-free */
	CHECK_INT(ra_status_text_running("it is not yet\nRunning"), 0);
	CHECK_INT(ra_status_text_running("running, but not\nfor long"), 1);
	CHECK_INT(ra_status_text_running("INFO: Resource is stopped"), 0);
	CHECK_INT(ra_status_text_running("nothing OK"), 1);
}

static void test_map(void)
{
	CHECK_INT(ra_map_exit(RA_CLASS_HEARTBEAT, "start", 0), RA_RC_OK);
	CHECK_INT(ra_map_exit(RA_CLASS_HEARTBEAT, "start", 7), RA_RC_ERR_GENERIC);
	CHECK_INT(ra_map_exit(RA_CLASS_LSB, "status", 0), RA_RC_OK);
	CHECK_INT(ra_map_exit(RA_CLASS_LSB, "status", 1), RA_RC_NOT_RUNNING);
	CHECK_INT(ra_map_exit(RA_CLASS_LSB, "status", 3), RA_RC_NOT_RUNNING);
	CHECK_INT(ra_map_exit(RA_CLASS_LSB, "status", 4), RA_RC_ERR_GENERIC);
	CHECK_INT(ra_map_exit(RA_CLASS_LSB, "start", 5), RA_RC_ERR_INSTALLED);
	CHECK_INT(ra_map_exit(RA_CLASS_LSB, "stop", 150), RA_RC_ERR_GENERIC);
	CHECK_INT(ra_map_exit(RA_CLASS_OCF, "monitor", 7), RA_RC_NOT_RUNNING);
	CHECK_INT(ra_map_exit(RA_CLASS_OCF, "start", 6), RA_RC_ERR_CONFIGURED);
	CHECK_INT(ra_map_exit(RA_CLASS_OCF, "start", 8), RA_RC_RUNNING_MASTER);
	CHECK_INT(ra_map_exit(RA_CLASS_OCF, "start", 42), RA_RC_ERR_GENERIC);
	CHECK_INT(ra_map_exit(RA_CLASS_CMD, "reset", 0), RA_RC_OK);
	CHECK_INT(ra_op_is_status("monitor"), 1);
	CHECK_INT(ra_op_is_status("start"), 0);
}

static void test_resolve(void)
{
	struct ra_dirs d = { rdir, idir, oroot };
	struct ra_spec s;
	char err[256];

	CHECK_INT(ra_resolve_token("Hb::a::b:c::::d", &d, &s, err, sizeof err), 0);
	CHECK_INT(s.cls, RA_CLASS_HEARTBEAT);
	CHECK_STR(s.type, "Hb");
	CHECK_INT(s.nargs, 3);
	if (s.nargs == 3) {
		CHECK_STR(s.args[0], "a");
		CHECK_STR(s.args[1], "b:c");
		CHECK_STR(s.args[2], "d");
	}
	CHECK_STR(s.name, "Hb::a::b:c::::d");
	char *want = g_build_filename(rdir, "Hb", NULL);
	CHECK_STR(s.path, want);
	g_free(want);
	char **argv = ra_build_argv(&s, "status");
	CHECK_INT(g_strv_length(argv), 5);
	CHECK_STR(argv[1], "a");
	CHECK_STR(argv[4], "status");
	g_strfreev(argv);
	ra_spec_free(&s);

	/* a bare address is IPaddr with the whole token as its argument */
	CHECK_INT(ra_resolve_token("10.0.0.5/24/eth0", &d, &s, err, sizeof err), 0);
	CHECK_STR(s.type, "IPaddr");
	CHECK_INT(s.nargs, 1);
	if (s.nargs == 1)
		CHECK_STR(s.args[0], "10.0.0.5/24/eth0");
	ra_spec_free(&s);
	CHECK_INT(ra_resolve_token("1.2.3", &d, &s, err, sizeof err), -1);
	CHECK_STR(err, "Cannot locate resource script 1.2.3");

	/* resource.d first, then the init directory */
	CHECK_INT(ra_resolve_token("Both", &d, &s, err, sizeof err), 0);
	CHECK_INT(s.cls, RA_CLASS_HEARTBEAT);
	ra_spec_free(&s);
	CHECK_INT(ra_resolve_token("svc", &d, &s, err, sizeof err), 0);
	CHECK_INT(s.cls, RA_CLASS_LSB);
	argv = ra_build_argv(&s, "start");
	CHECK_INT(g_strv_length(argv), 2);
	g_strfreev(argv);
	argv = ra_build_argv(&s, "monitor");
	CHECK_STR(argv[1], "status");
	g_strfreev(argv);
	ra_spec_free(&s);
	/* not executable: skipped */
	CHECK_INT(ra_resolve_token("noexec", &d, &s, err, sizeof err), -1);
	CHECK_STR(err, "Cannot locate resource script noexec");
	CHECK_INT(ra_resolve_token("missing::x", &d, &s, err, sizeof err), -1);
	CHECK_STR(err, "Cannot locate resource script missing");
	CHECK_INT(ra_resolve_token("../unit/Hb", &d, &s, err, sizeof err), -1);

	/* parsed form */
	char *args[] = { "ip=10.1.1.1", "cidr_netmask=24", NULL };
	struct hr_resource hr = { "ocf:test:Agent::ip=10.1.1.1::cidr_netmask=24",
				  "ocf:test:Agent", 2, args };
	CHECK_INT(ra_resolve(&hr, &d, &s, err, sizeof err), 0);
	CHECK_INT(s.cls, RA_CLASS_OCF);
	CHECK_STR(s.provider, "test");
	CHECK_STR(s.type, "Agent");
	argv = ra_build_argv(&s, "status");
	CHECK_INT(g_strv_length(argv), 2);
	CHECK_STR(argv[1], "monitor");
	g_strfreev(argv);
	char *base[] = { "PATH=/bin", "OCF_RESKEY_ip=old", NULL };
	char *extra[] = { "HA_DONTASK=yes", NULL };
	ra_setenv("HA_CURHOST", "nodea");
	char **env = ra_build_env(base, &s, "start", 2500, extra);
	CHECK_STR(g_environ_getenv(env, "OCF_ROOT"), oroot);
	CHECK_STR(g_environ_getenv(env, "OCF_RESKEY_ip"), "10.1.1.1");
	CHECK_STR(g_environ_getenv(env, "OCF_RESKEY_cidr_netmask"), "24");
	CHECK_STR(g_environ_getenv(env, "OCF_RESOURCE_INSTANCE"), "Agent_10.1.1.1_24");
	CHECK_STR(g_environ_getenv(env, "OCF_RESOURCE_TYPE"), "Agent");
	CHECK_STR(g_environ_getenv(env, "OCF_RESOURCE_PROVIDER"), "test");
	CHECK_STR(g_environ_getenv(env, "OCF_RA_VERSION_MAJOR"), "1");
	CHECK_STR(g_environ_getenv(env, "OCF_RESKEY_CRM_meta_timeout"), "2500");
	CHECK_STR(g_environ_getenv(env, "HA_DONTASK"), "yes");
	CHECK_STR(g_environ_getenv(env, "HA_CURHOST"), "nodea");
	CHECK_STR(g_environ_getenv(env, "PATH"), "/bin");
	g_strfreev(env);
	ra_spec_free(&s);

	char *bad[] = { "novalue", NULL };
	struct hr_resource hb = { NULL, "ocf:test:Agent", 1, bad };
	CHECK_INT(ra_resolve(&hb, &d, &s, err, sizeof err), -1);
	struct hr_resource hn = { NULL, "ocf:test", 0, NULL };
	CHECK_INT(ra_resolve(&hn, &d, &s, err, sizeof err), -1);
	struct hr_resource hm = { NULL, "ocf:test:Nope", 0, NULL };
	CHECK_INT(ra_resolve(&hm, &d, &s, err, sizeof err), -1);
}

/* ---- runner ---- */

struct waiter {
	GMainLoop *loop;
	int done;
	struct ra_result res;
	char *out;
	char err[RA_ERR_TAIL + 1];
};

static void on_done(const struct ra_result *res, void *data)
{
	struct waiter *w = data;
	w->done++;
	w->res = *res;
	w->out = g_strdup(res->out);
	w->res.out = w->out;
	g_strlcpy(w->err, res->err ? res->err : "", sizeof w->err);
	w->res.err = w->err;
	g_main_loop_quit(w->loop);
}

static gboolean guard(gpointer data)
{
	g_main_loop_quit(data);
	return G_SOURCE_REMOVE;
}

/* Runs the main loop until done or 10 s, whichever first. */
static void wait_for(struct waiter *w)
{
	guint g = g_timeout_add(10000, guard, w->loop);
	if (!w->done)
		g_main_loop_run(w->loop);
	if (w->done)
		g_source_remove(g);
}

/* Starts op without waiting (for the cases that drive the clock). */
static bool start_op(const char *token, const char *op, unsigned timeout, char **extra,
		     struct waiter *w)
{
	struct ra_dirs d = { rdir, idir, oroot };
	struct ra_spec s;
	char err[256];

	memset(w, 0, sizeof(*w));
	w->loop = g_main_loop_new(NULL, FALSE);
	if (ra_resolve_token(token, &d, &s, err, sizeof err) != 0) {
		printf("resolve %s: %s\n", token, err);
		return false;
	}
	struct ra_run *r = ra_start(&s, op, extra, timeout, on_done, w);
	ra_spec_free(&s);
	CHECK(r != NULL);
	return true;
}

static struct ra_result run(const char *token, const char *op, unsigned timeout,
			    char **extra, struct waiter *w)
{
	if (!start_op(token, op, timeout, extra, w)) {
		w->res.rc = -1;
		return w->res;
	}
	CHECK_INT(w->done, 0);  /* never from inside ra_start */
	wait_for(w);
	CHECK_INT(w->done, 1);
	g_main_loop_unref(w->loop);
	return w->res;
}

static gboolean tick(gpointer data)
{
	(*(int *)data)++;
	return G_SOURCE_CONTINUE;
}

/* Let the loop handle what is ready now, without waiting. */
static void spin(void)
{
	for (int i = 0; i < 20; i++)
		g_main_context_iteration(NULL, FALSE);
}

/* Bounded wait for a real process event (a file written by a script, a
 * killed process gone): the kernel does these asynchronously. */
static int wait_real(int (*cond)(const char *), const char *arg, int want)
{
	for (int i = 0; i < 2000; i++) {
		if (cond(arg) == want)
			return 1;
		g_main_context_iteration(NULL, FALSE);
		g_usleep(1000);
	}
	return 0;
}

/* A pid file the script has finished writing: the shell creates it (the
 * redirection) before echo fills it, and a kill in between leaves it empty. */
static int file_written(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && st.st_size > 0;
}

/* What a process has written so far (its "wchar" in /proc/PID/io). */
static long bytes_written(pid_t pid)
{
	char *path = g_strdup_printf("/proc/%d/io", (int)pid), *text = NULL, *p;
	long n = -1;

	if (g_file_get_contents(path, &text, NULL, NULL) && (p = strstr(text, "wchar: ")))
		n = atol(p + 7);
	g_free(text);
	g_free(path);
	return n;
}
static int pid_alive(const char *file);

static int pid_alive(const char *file)
{
	char *text = NULL;
	if (!g_file_get_contents(file, &text, NULL, NULL))
		return -1;
	int pid = atoi(text);
	g_free(text);
	if (pid <= 0)
		return -1;
	/* A killed orphan may linger as a zombie until init reaps it. */
	char *stat = g_strdup_printf("/proc/%d/stat", pid), *st = NULL;
	int alive = 0;
	if (g_file_get_contents(stat, &st, NULL, NULL)) {
		const char *p = strrchr(st, ')');
		alive = p && p[1] == ' ' && p[2] != 'Z' && p[2] != 'X';
	}
	g_free(st);
	g_free(stat);
	return alive;
}

static char *log_text(void)
{
	char *t = NULL;
	g_file_get_contents(logpath, &t, NULL, NULL);
	return t ? t : g_strdup("");
}

static void test_runner(void)
{
	struct waiter w;
	struct ra_result r;

	r = run("Hb::x", "start", 5000, NULL, &w);
	CHECK_INT(r.rc, RA_RC_OK);
	CHECK_INT(r.exited, 1);
	CHECK_STR(w.out, "args=x start\n");
	g_free(w.out);

	r = run("Fail", "start", 5000, NULL, &w);
	CHECK_INT(r.rc, RA_RC_ERR_GENERIC);
	CHECK_INT(r.exit_code, 3);
	g_free(w.out);

	/* heartbeat status: the text decides, not the exit code */
	r = run("Hb::running", "status", 5000, NULL, &w);
	CHECK_INT(r.running, 1);
	CHECK_INT(r.rc, RA_RC_OK);
	g_free(w.out);
	r = run("Hb::stopped", "status", 5000, NULL, &w);
	CHECK_INT(r.running, 0);
	CHECK_INT(r.rc, RA_RC_NOT_RUNNING);
	g_free(w.out);

	/* LSB status by exit code */
	r = run("svc", "status", 5000, NULL, &w);
	CHECK_INT(r.running, 0);
	CHECK_INT(r.exit_code, 3);
	CHECK_INT(r.rc, RA_RC_NOT_RUNNING);
	g_free(w.out);

	/* OCF: codes, environment, status -> monitor */
	char *args[] = { "rc=7", "msg=hello world", NULL };
	struct hr_resource hr = { "ocf:test:Agent", "ocf:test:Agent", 2, args };
	struct ra_dirs d = { rdir, idir, oroot };
	struct ra_spec s;
	char err[256];
	CHECK_INT(ra_resolve(&hr, &d, &s, err, sizeof err), 0);
	memset(&w, 0, sizeof w);
	w.loop = g_main_loop_new(NULL, FALSE);
	char *extra[] = { "HA_NICEFAILBACK=yes", NULL };
	ra_start(&s, "status", extra, 5000, on_done, &w);
	wait_for(&w);
	CHECK_INT(w.res.rc, RA_RC_NOT_RUNNING);
	CHECK_INT(w.res.running, 0);
	CHECK_STR(w.out, "monitor hello world /ocf yes Agent_7_hello_world\n");
	g_free(w.out);
	g_main_loop_unref(w.loop);
	ra_spec_free(&s);

	args[0] = "rc=0";
	CHECK_INT(ra_resolve(&hr, &d, &s, err, sizeof err), 0);
	memset(&w, 0, sizeof w);
	w.loop = g_main_loop_new(NULL, FALSE);
	ra_start(&s, "monitor", NULL, 5000, on_done, &w);
	wait_for(&w);
	CHECK_INT(w.res.rc, RA_RC_OK);
	CHECK_INT(w.res.running, 1);
	g_free(w.out);
	g_main_loop_unref(w.loop);
	ra_spec_free(&s);

	/* stdout and stderr logged line by line with resource and op */
	r = run("Talk", "start", 5000, NULL, &w);
	CHECK_INT(r.rc, RA_RC_OK);
	CHECK_STR(w.out, "line one\nno newline");
	CHECK_STR(w.err, "to stderr\n");   /* stderr kept apart, for the failure report */
	g_free(w.out);
	char *log = log_text();
	CHECK(strstr(log, "info: Talk start: line one\n") != NULL);
	CHECK(strstr(log, "info: Talk start: to stderr\n") != NULL);
	CHECK(strstr(log, "info: Talk start: no newline\n") != NULL);
	CHECK(strstr(log, "info: Running ") != NULL);
	g_free(log);

	/* garbage: control bytes, NULs, a long line */
	r = run("Garbage", "start", 5000, NULL, &w);
	CHECK_INT(r.rc, RA_RC_OK);
	CHECK(w.out && strlen(w.out) > 3000);
	g_free(w.out);
	log = log_text();
	CHECK(strstr(log, "Garbage start: a?b?c") != NULL);
	g_free(log);

	/* a flood: the loop keeps running, the log is capped, the timeout works */
	{
		struct ra_spec fs;
		char ferr[256];
		CHECK_INT(ra_resolve_token("Flood", &d, &fs, ferr, sizeof ferr), 0);
		memset(&w, 0, sizeof w);
		w.loop = g_main_loop_new(NULL, FALSE);
		ra_set_kill_grace(300);
		int ticks = 0;
		/* a source of the same priority as the pipes: it runs only if
		 * reading the flood gives the loop back */
		guint tk = g_idle_add_full(G_PRIORITY_DEFAULT, tick, &ticks, NULL);
		struct ra_run *fr = ra_start(&fs, "start", NULL, 400, on_done, &w);
		/* until it has written far more than the pipe holds (so we read
		 * past the capture cap) while the other source kept running */
		for (int i = 0; i < 1000000 && (ticks < 50 || bytes_written(ra_pid(fr)) < 1024 * 1024); i++)
			g_main_context_iteration(NULL, TRUE);
		g_source_remove(tk);
		CHECK(ticks >= 50);
		CHECK_INT(w.done, 0);     /* still flooding: its timeout is fake time */
		timer_fake_advance(400);
		wait_for(&w);
		CHECK_INT(w.res.timed_out, 1);
		CHECK(w.out && strlen(w.out) == 64 * 1024);
		g_free(w.out);
		g_main_loop_unref(w.loop);
		ra_spec_free(&fs);
		char *fl = log_text();
		int n = 0;
		for (char *p = fl; (p = strstr(p, "Flood start: y\n")); p++)
			n++;
		CHECK_INT(n, 500);
		CHECK(strstr(fl, "more output lines not logged") != NULL);
		g_free(fl);
	}

	/* a hang: SIGTERM ignored, so SIGKILL after the grace; its child dies too */
	ra_set_kill_grace(300);
	char *pidfile = g_build_filename(tmp, "hang.pid", NULL);
	char *e2[] = { g_strdup_printf("PIDFILE=%s", pidfile), NULL };
	start_op("Hang", "start", 300, e2, &w);
	CHECK(wait_real(file_written, pidfile, 1));
	timer_fake_advance(299);
	spin();
	CHECK_INT(w.done, 0);
	timer_fake_advance(1);        /* the timeout: SIGTERM, which it ignores */
	spin();
	timer_fake_advance(299);
	spin();
	CHECK_INT(w.done, 0);
	timer_fake_advance(1);        /* the grace is over: SIGKILL */
	wait_for(&w);
	r = w.res;
	CHECK_INT(r.timed_out, 1);
	CHECK_INT(r.rc, RA_RC_TIMEOUT);
	CHECK_INT(r.exited, 0);
	CHECK_INT(r.signo, SIGKILL);
	g_free(w.out);
	g_main_loop_unref(w.loop);
	CHECK(wait_real(pid_alive, pidfile, 0));
	unlink(pidfile);
	/* a hang that obeys SIGTERM */
	start_op("Sleepy", "stop", 200, e2, &w);
	CHECK(wait_real(file_written, pidfile, 1));
	timer_fake_advance(200);
	wait_for(&w);
	CHECK_INT(w.res.timed_out, 1);
	CHECK_INT(w.res.signo, SIGTERM);
	g_free(w.out);
	g_main_loop_unref(w.loop);
	CHECK(wait_real(pid_alive, pidfile, 0));
	unlink(pidfile);

	/* an exited script whose child keeps stdout open does not hold us:
	 * it is done although its child holds the pipe past the wait's bound */
	r = run("Daemonish", "start", 5000, e2, &w);
	CHECK_INT(r.rc, RA_RC_OK);
	CHECK_STR(w.out, "started\n");
	g_free(w.out);
	CHECK(wait_real(file_written, pidfile, 1));
	CHECK_INT(pid_alive(pidfile), 1);
	{
		char *text = NULL;
		if (g_file_get_contents(pidfile, &text, NULL, NULL) && atoi(text) > 0)
			kill(atoi(text), SIGKILL);
		g_free(text);
	}
	g_free(e2[0]);
	g_free(pidfile);

	/* cancel */
	{
		struct ra_spec cs;
		CHECK_INT(ra_resolve_token("Sleepy", &d, &cs, err, sizeof err), 0);
		memset(&w, 0, sizeof w);
		w.loop = g_main_loop_new(NULL, FALSE);
		struct ra_run *h = ra_start(&cs, "start", NULL, 0, on_done, &w);
		CHECK(ra_pid(h) > 0);
		CHECK_INT(ra_running(), 1);
		ra_cancel(h);
		wait_for(&w);
		CHECK_INT(w.res.rc, RA_RC_CANCELLED);
		CHECK_INT(ra_running(), 0);
		g_free(w.out);
		g_main_loop_unref(w.loop);
		ra_spec_free(&cs);
	}

	/* cannot exec: reported asynchronously */
	{
		struct ra_spec bs = { RA_CLASS_HEARTBEAT, "ghost", "/nonexistent/ghost", NULL,
				      "ghost", 0, NULL };
		memset(&w, 0, sizeof w);
		w.loop = g_main_loop_new(NULL, FALSE);
		ra_start(&bs, "start", NULL, 1000, on_done, &w);
		CHECK_INT(w.done, 0);
		wait_for(&w);
		CHECK_INT(w.res.spawn_failed, 1);
		CHECK_INT(w.res.rc, RA_RC_ERR_INSTALLED);
		g_free(w.out);
		g_main_loop_unref(w.loop);
	}

	/* ra_spawn: arbitrary argv, environment */
	{
		char *argv[] = { "/bin/sh", "-c", "echo $HA_X; exit 4", NULL };
		char *ex[] = { "HA_X=42", NULL };
		memset(&w, 0, sizeof w);
		w.loop = g_main_loop_new(NULL, FALSE);
		ra_spawn("cmd", "run", argv, ex, 1000, on_done, &w);
		wait_for(&w);
		CHECK_INT(w.res.exit_code, 4);
		CHECK_INT(w.res.rc, RA_RC_ERR_GENERIC);
		CHECK_STR(w.out, "42\n");
		g_free(w.out);
		g_main_loop_unref(w.loop);
	}

	/* fire and forget: no callback */
	{
		char *argv[] = { "/bin/sh", "-c", "exit 0", NULL };
		struct waiter fw;
		memset(&fw, 0, sizeof fw);
		fw.loop = g_main_loop_new(NULL, FALSE);
		CHECK(ra_spawn("nocb", "run", argv, NULL, 1000, NULL, NULL) != NULL);
		for (int i = 0; i < 100 && ra_running() > 0; i++) {
			g_timeout_add(20, guard, fw.loop);
			g_main_loop_run(fw.loop);
		}
		CHECK_INT(ra_running(), 0);
		g_main_loop_unref(fw.loop);
	}

	/* two at once */
	{
		struct waiter a, b;
		struct ra_spec sa, sb;
		ra_resolve_token("Hb::one", &d, &sa, err, sizeof err);
		ra_resolve_token("Hb::two", &d, &sb, err, sizeof err);
		memset(&a, 0, sizeof a);
		memset(&b, 0, sizeof b);
		GMainLoop *loop = g_main_loop_new(NULL, FALSE);
		a.loop = b.loop = loop;
		ra_start(&sa, "start", NULL, 2000, on_done, &a);
		ra_start(&sb, "stop", NULL, 2000, on_done, &b);
		for (int i = 0; i < 2 && !(a.done && b.done); i++) {
			guint g = g_timeout_add(5000, guard, loop);
			g_main_loop_run(loop);
			if (!(a.done && b.done))
				g_source_remove(g);
		}
		CHECK_STR(a.out, "args=one start\n");
		CHECK_STR(b.out, "args=two stop\n");
		g_free(a.out);
		g_free(b.out);
		g_main_loop_unref(loop);
		ra_spec_free(&sa);
		ra_spec_free(&sb);
	}
}

int main(void)
{
	char tmpl[] = "/tmp/test_ra.XXXXXX";
	tmp = g_strdup(g_mkdtemp(tmpl));
	rdir = g_build_filename(tmp, "resource.d", NULL);
	idir = g_build_filename(tmp, "init.d", NULL);
	oroot = g_build_filename(tmp, "ocf", NULL);
	logpath = g_build_filename(tmp, "log", NULL);
	char *odir = g_build_filename(oroot, "resource.d", "test", NULL);
	g_mkdir_with_parents(rdir, 0755);
	g_mkdir_with_parents(idir, 0755);
	g_mkdir_with_parents(odir, 0755);
	struct log_settings ls = { .ident = "test_ra", .facility = -1, .logfile = logpath };
	log_setup(&ls);

	write_script(rdir, "Hb", "case \"$1\" in running) echo 'INFO: Hb Running OK'; exit 1;;"
		     " stopped) echo 'INFO: Hb is not running'; exit 0;; esac\necho \"args=$*\"");
	write_script(rdir, "IPaddr", "exit 0");
	write_script(rdir, "Both", "exit 0");
	write_script(idir, "Both", "exit 0");
	write_script(idir, "svc", "echo 'svc is running (says the text)'; exit 3");
	write_script(rdir, "noexec", "exit 0");
	char *ne = g_build_filename(rdir, "noexec", NULL);
	chmod(ne, 0644);
	g_free(ne);
	write_script(rdir, "Fail", "exit 3");
	write_script(rdir, "Talk", "echo line one; echo to stderr >&2; printf 'no newline'");
	write_script(rdir, "Garbage", "printf 'a\\001b\\000c\\033[31m\\n'; "
		     "i=0; while [ $i -lt 400 ]; do printf 0123456789; i=$((i+1)); done");
	write_script(rdir, "Hang", "trap '' TERM; sleep 30 & echo $! > \"$PIDFILE\"; "
		     "while :; do sleep 1; done");
	write_script(rdir, "Sleepy", "sleep 30 & echo $! > \"${PIDFILE:-/dev/null}\"; wait");
	write_script(rdir, "Flood", "exec yes");
	write_script(rdir, "Daemonish", "(sleep 30 & echo $! > \"$PIDFILE\") ; echo started");
	write_script(odir, "Agent", "echo \"$1 $OCF_RESKEY_msg ${OCF_ROOT#$TMPROOT} "
		     "$HA_NICEFAILBACK $OCF_RESOURCE_INSTANCE\"; exit $OCF_RESKEY_rc");
	g_setenv("TMPROOT", tmp, TRUE);
	g_free(odir);

	timer_fake_start(&now);
	test_status_text();
	test_map();
	test_resolve();
	test_runner();

	ra_env_reset();
	char *cmd = g_strdup_printf("rm -rf '%s'", tmp);
	if (system(cmd) != 0)
		printf("could not remove %s\n", tmp);
	g_free(cmd);
	return T_DONE();
}
