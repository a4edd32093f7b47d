/* The haresources state machine (rsc_v1.c) against scripted peers: the
 * messages it sends for start-up, takeover, failback (ask_resources), legacy
 * ip-request, graceful shutdown, and how it handles failing, hanging and
 * unstoppable resources.  Resource scripts are real (a tiny shell script in
 * a temp dir), run through lib/ra on the glib main loop; every timer runs on
 * fake time, so the 1 s, 10 s, 30 s and 1 h waits take no real time. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "check.h"
#include "daemon_fixture.h"
#include "clock.h"
#include "timer.h"
#include "ra.h"
#include "haresources.h"
#include "log.h"
#include "rsc.h"
#include "rsc_groups.h"

static uint64_t now = 5000000;
static char dir[256];
static unsigned long peer_seq;
static unsigned long peer_hg = 5;
static struct haresources hr;

/* Write an executable script at dir/rel; body is a printf format, "%1$s" is dir. */
static void write_exec(const char *rel, const char *body)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", dir, rel);
	f = fopen(path, "w");
	if (!f)
		return;
	fprintf(f, body, dir);
	fclose(f);
	chmod(path, 0755);
}

static void write_script(void)
{
	char path[512];

	snprintf(path, sizeof path, "%s/resource.d", dir);
	mkdir(path, 0755);
	write_exec("resource.d/tm", "#!/bin/sh\nd=%1$s\ncase $1:$2 in\nhang:start) touch $d/hanging; sleep 100;;\n"
		   "bad:stop) exit 1;;\nfail:start) exit 1;;\nesac\n"
		   "case $2 in\nstart) touch $d/m-$1;;\nstop) rm -f $d/m-$1;;\n"
		   "status) if [ -e $d/m-$1 ]; then echo running; else echo stopped; fi;;\nesac\n");
}

static bool marker(const char *name)
{
	char path[512];

	snprintf(path, sizeof path, "%s/m-%s", dir, name);
	return access(path, F_OK) == 0;
}

static bool exists(const char *name)
{
	char path[512];

	snprintf(path, sizeof path, "%s/%s", dir, name);
	return access(path, F_OK) == 0;
}

static gboolean wake(gpointer data)
{
	*(guint *)data = 0;
	return G_SOURCE_REMOVE;
}

/* One step: real events first (a script's exit or output, idle callbacks);
 * while a script runs, wait for it (its own timeout is a fake timer, so it
 * cannot fire early); with nothing real in flight, move the fake clock to
 * the next timer, if that is before limit.  False: nothing left to do. */
static bool pump_once(uint64_t limit)
{
	uint64_t due;

	if (g_main_context_iteration(NULL, FALSE))
		return true;
	if (ra_running() > 0) {
		static guint g;

		g = g_timeout_add(50, wake, &g);
		g_main_context_iteration(NULL, TRUE);
		if (g)
			g_source_remove(g);
		return true;
	}
	if (timer_fake_next(&due) && due <= limit) {
		timer_fake_advance(due > now ? due - now : 0);
		return true;
	}
	now = limit > now ? limit : now;
	return false;
}

/* Run until cond holds or ms of fake time have passed (real time bounds
 * only a broken test: a script that never ends). */
#define PUMP(cond, ms) ({ \
	uint64_t lim_ = now + (ms); \
	gint64 wall_ = g_get_monotonic_time() + 20 * G_USEC_PER_SEC; \
	while (!(cond) && g_get_monotonic_time() < wall_ && pump_once(lim_)) \
		; \
	(cond); })

static void peer(const char *t, ...)
{
	/* up to three name/value pairs */
	va_list ap;
	const char *k[3] = { 0 }, *v[3] = { 0 };
	int i;

	va_start(ap, t);
	for (i = 0; i < 3 && (k[i] = va_arg(ap, const char *)); i++)
		v[i] = va_arg(ap, const char *);
	va_end(ap);
	fx_deliverv("n2", t, ++peer_seq, peer_hg, k[0], v[0], k[1], v[1], k[2], v[2], NULL);
}

static const char *extra_cf = "";

static void start(const char *mode, const char *haresources)
{
	char cf[2048];
	struct conf_errors errs = { 0 };

	snprintf(cf, sizeof cf, "node n1 n2\nbcast eth0\nkeepalive 1\ndeadtime 10\ninitdead 20\n"
		 "auto_failback %s\nresource_timeout 1\nstop_failure_cmd touch %s/stopfail\n%s", mode, dir,
		 extra_cf);
	fx_setup(cf);
	timer_fake_start(&now);
	strcpy(hb.ha_dir, dir);
	haresources_free(&hr);
	memset(&hr, 0, sizeof hr);
	CHECK_INT(haresources_parse(haresources, strlen(haresources), "haresources", hb.cf, &hr, &errs), 0);
	conf_errors_free(&errs);
	hb.haresources = &hr;
	hb.resources_managed = true;
	hb.shutting_down = false;
	rsc_init();
	peer_seq = 0;
	peer("status", "st", "active", "protocol", "1", NULL);
	hb.comm_up = true;
	hb.links_up = true;
	fx_clear();
}

static bool shut_done;
static void on_shut(void) { shut_done = true; }

static void test_nice_failback(void)
{
	struct hb_node *n2;

	start("on", "n1 tm::a\nn2 tm::b\n");
	n2 = &hb.nodes[node_find("n2")];
	rsc_comm_up();
	CHECK_INT(fx_count("starting"), 1);
	/* the peer holds nothing and is stable: we take our own group */
	peer("resource", "rsc_hold", "none", "rtype", "full", "isstable", "1", NULL);
	CHECK(PUMP(marker("a") && fx_find("resource", "info", "req_our_resources()"), 3000));
	CHECK(!marker("b"));
	CHECK(PUMP(strcmp(rsc_hold_text(), "local") == 0, 2000));
	CHECK_STR(msg_get(fx_find("resource", "info", "req_our_resources()"), "rsc_hold"), "local");

	/* the peer dies: it had said it held nothing, so no fencing */
	now += 20000;
	membership_tick(now);
	CHECK_STR(node_status_name(n2), "dead");
	CHECK(fx_find("stonith", "result", "unneeded") != NULL);
	CHECK(PUMP(marker("b") && fx_find("resource", "info", "mach_down"), 3000));
	CHECK(PUMP(strcmp(rsc_hold_text(), "all") == 0, 2000));

	/* it restarts: starting, then stable with nothing: we give its group back */
	peer_hg++;
	peer_seq = 0;
	peer("status", "st", "up", "protocol", "1", NULL);
	fx_clear();
	peer("starting", NULL);
	CHECK_STR(msg_get(fx_last("resource"), "rsc_hold"), "all");
	CHECK_STR(msg_get(fx_last("resource"), "isstable"), "1");
	peer("resource", "rsc_hold", "none", "rtype", "full", "isstable", "1", NULL);
	CHECK(fx_find("ask_resources", "info", "me") != NULL);
	CHECK_STR(msg_get(fx_find("ask_resources", "info", "me"), "rsc_hold"), "foreign");
	peer("ask_resources", "rsc_hold", "foreign", "info", "other", NULL);
	CHECK(PUMP(!marker("b") && fx_find("ask_resources", "info", "done"), 3000));
	CHECK(marker("a"));
	CHECK_STR(msg_get(fx_find("resource", "info", "standby"), "rsc_hold"), "local");
	CHECK_STR(msg_get(fx_find("resource", "info", "standby"), "isstable"), "0");
	peer("resource", "rsc_hold", "local", "rtype", "full", "isstable", "1", NULL);
	peer("ask_resources", "rsc_hold", "foreign", "info", "done", NULL);
	CHECK(PUMP(strcmp(rsc_hold_text(), "local") == 0, 2000));

	/* hb_takeover from the peer for its groups when we hold none of them: a
	 * standby request of our foreign set */
	fx_clear();
	peer("hb_takeover", "rsc_hold", "local", NULL);
	CHECK_STR(msg_get(fx_find("ask_resources", "info", "me"), "rsc_hold"), "foreign");
	peer("ask_resources", "rsc_hold", "foreign", "info", "other", NULL);
	CHECK(PUMP(fx_find("ask_resources", "info", "done") != NULL, 3000));
	peer("resource", "rsc_hold", "local", "rtype", "full", "isstable", "1", NULL);
	peer("ask_resources", "rsc_hold", "foreign", "info", "done", NULL);
	CHECK(PUMP(strcmp(rsc_hold_text(), "local") == 0, 2000));

	/* graceful shutdown releases everything, and says so first */
	fx_clear();
	shut_done = false;
	hb.shutting_down = true;
	rsc_shutdown(on_shut);
	CHECK(fx_find("resource", "info", "shutdown") != NULL);
	CHECK(PUMP(shut_done, 3000));
	CHECK(!marker("a") && !marker("b"));
}

static void test_peer_shutdown_and_fencing(void)
{
	struct hb_node *n2;

	start("off", "n1 tm::a\nn2 tm::b\n");
	n2 = &hb.nodes[node_find("n2")];
	rsc_comm_up();
	peer("resource", "rsc_hold", "local", "rtype", "full", "isstable", "1", NULL);
	CHECK(PUMP(marker("a"), 3000));
	/* the peer holds its group and crashes: no STONITH device configured,
	 * so we say so and take over */
	now += 20000;
	membership_tick(now);
	CHECK_STR(node_status_name(n2), "dead");
	CHECK(fx_find("stonith", "result", "n_stnth") != NULL);
	CHECK(PUMP(marker("b"), 3000));
	/* auto_failback off: it comes back and gets nothing back by itself */
	peer_hg++;
	peer_seq = 0;
	peer("status", "st", "up", "protocol", "1", NULL);
	fx_clear();
	peer("starting", NULL);
	peer("resource", "rsc_hold", "none", "rtype", "full", "isstable", "1", NULL);
	PUMP(false, 300);
	CHECK_INT(fx_count("ask_resources"), 0);
	CHECK(marker("b"));
	/* shutdone from the peer: take its groups without fencing */
	{
		char *p = g_build_filename(dir, "m-b", NULL);
		unlink(p);
		g_free(p);
	}
	peer("shutdone", "st", "dead", NULL);
	CHECK(PUMP(marker("b"), 3000));
	hb.shutting_down = true;
	shut_done = false;
	rsc_shutdown(on_shut);
	CHECK(PUMP(shut_done, 3000));
}

static void test_legacy(void)
{
	setenv("HA_STOPRETRYMAX", "1", 1);
	start("legacy", "n1 tm::a\nn2 tm::b\nn1 tm::bad\n");
	rsc_comm_up();
	/* the peer is active: ask for our groups */
	CHECK(fx_find("ip-request", "ipaddr", "tm::a") != NULL);
	CHECK(fx_find("ip-request", "ipaddr", "tm::bad") != NULL);
	peer("ip-request-resp", "dest", "n1", "ipaddr", "tm::a", "ok", "OK", NULL);
	peer("ip-request-resp", "dest", "n1", "ipaddr", "tm::bad", "ok", "OK", NULL);
	CHECK(PUMP(marker("a") && marker("bad"), 3000));
	/* the peer wants tm::a (it would not normally, but the rule is the rule) */
	fx_clear();
	peer("ip-request", "ipaddr", "tm::a", NULL);
	CHECK(PUMP(fx_find("ip-request-resp", "ipaddr", "tm::a") != NULL, 3000));
	CHECK_STR(msg_get(fx_last("ip-request-resp"), "weown"), "yes");
	CHECK_STR(msg_get(fx_last("ip-request-resp"), "dest"), "n2");
	CHECK(!marker("a"));
	/* asked for a group we do not hold: weown=no, at once */
	peer("ip-request", "ipaddr", "tm::b", NULL);
	CHECK(PUMP(fx_find("ip-request-resp", "ipaddr", "tm::b") != NULL, 3000));
	CHECK_STR(msg_get(fx_find("ip-request-resp", "ipaddr", "tm::b"), "weown"), "no");
	/* a stop that keeps failing while status says running: the stop-failure
	 * command runs (the original rebooted) */
	peer("ip-request", "ipaddr", "tm::bad", NULL);
	CHECK(PUMP(exists("stopfail"), 6000));
	CHECK(PUMP(!rg_busy(), 6000));
	unsetenv("HA_STOPRETRYMAX");
}

static void test_hanging_start(void)
{
	start("on", "n1 tm::a tm::hang tm::c\n");
	rsc_comm_up();
	peer("resource", "rsc_hold", "none", "rtype", "full", "isstable", "1", NULL);
	/* hang is killed at resource_timeout (1 s); the whole group is released */
	CHECK(PUMP(marker("a") && exists("hanging"), 3000));
	timer_fake_advance(999);
	CHECK(marker("a"));
	timer_fake_advance(1);
	CHECK(PUMP(!marker("a") && fx_find("resource", "info", "req_our_resources()"), 8000));
	CHECK(!marker("c"));
	CHECK(!marker("hang"));
	/* and it shows: failed, with what failed and how, in --json too */
	CHECK(PUMP(!rg_busy(), 3000));
	CHECK_INT(rg_state(0), RG_FAILED);
	if (rg_last_failure(0)) {
		CHECK_STR(rg_last_failure(0)->resource, "tm::hang");
		CHECK_STR(rg_last_failure(0)->op, "start");
		CHECK_STR(rg_last_failure(0)->reason, "timed out after 1000 ms");
		CHECK_INT(rg_last_failure(0)->exit_code, -1);
	} else {
		CHECK(rg_last_failure(0) != NULL);
	}
	{
		GString *js = g_string_new("{\"x\":1");

		rsc_json(js);
		CHECK(strstr(js->str, ",\"resources\":{\"version\":1,\"managed_by\":\"haresources\"") != NULL);
		CHECK(strstr(js->str, "\"key\":\"tm::a\",\"preferred\":\"n1\",\"state\":\"failed\",\"owner\":null") != NULL);
		CHECK(strstr(js->str, "\"last_failure\":{\"resource\":\"tm::hang\"") != NULL);
		CHECK(strstr(js->str, "\"operation\":\"start\",\"exit_code\":null,\"reason\":\"timed out after 1000 ms\"") != NULL);
		g_string_free(js, TRUE);
	}
	/* 30 s after a failed start the original ran "hb_standby foreign" (a
	 * group of more than one resource) */
	CHECK_INT(fx_count("ask_resources"), 0);
	PUMP(false, 29000);
	CHECK_INT(fx_count("ask_resources"), 0);
	CHECK(PUMP(fx_find("ask_resources", "info", "me") != NULL, 1100));
	CHECK_STR(msg_get(fx_find("ask_resources", "info", "me"), "rsc_hold"), "foreign");
}

/* nice_failback start-up: a peer still in transition (isstable=0) is waited
 * for 10 s (RQSTDELAY), then we take our own groups anyway. */
static void test_rscrcvd_wait(void)
{
	start("on", "n1 tm::a\nn2 tm::b\n");
	rsc_comm_up();
	peer("resource", "rsc_hold", "none", "rtype", "full", "isstable", "0", NULL);
	CHECK(!PUMP(marker("a"), 9999));
	CHECK_INT(fx_count("resource"), 0);
	CHECK(PUMP(marker("a") && fx_find("resource", "info", "req_our_resources()"), 1000));
	CHECK_STR(rsc_hold_text(), "transition");     /* the peer has not settled */
	peer("resource", "rsc_hold", "none", "rtype", "full", "isstable", "1", NULL);
	CHECK_STR(rsc_hold_text(), "local");
	CHECK(!marker("b"));
}

/* A single local resource that fails to start: "hb_standby local" 30 s on. */
static void test_failed_start_standby(void)
{
	start("on", "n1 tm::fail\n");
	rsc_comm_up();
	peer("resource", "rsc_hold", "none", "rtype", "full", "isstable", "1", NULL);
	CHECK(PUMP(fx_find("resource", "info", "req_our_resources()") != NULL, 3000));
	CHECK(!marker("fail"));
	PUMP(false, 29900);
	CHECK_INT(fx_count("ask_resources"), 0);
	CHECK(PUMP(fx_find("ask_resources", "info", "me") != NULL, 200));
	CHECK_STR(msg_get(fx_find("ask_resources", "info", "me"), "rsc_hold"), "local");
}

/* Standby deadlines: our own "me" is cancelled when the peer has not
 * answered "other" within 10 s; after answering a peer's "me" we wait an
 * hour for its "done". */
static void test_standby_deadlines(void)
{
	start("on", "n1 tm::a\nn2 tm::b\n");
	rsc_comm_up();
	peer("resource", "rsc_hold", "none", "rtype", "full", "isstable", "1", NULL);
	CHECK(PUMP(marker("a") && strcmp(rsc_hold_text(), "local") == 0, 3000));
	fx_clear();
	CHECK(rsc_request_standby("all"));
	CHECK(fx_find("ask_resources", "info", "me") != NULL);
	CHECK_STR(rsc_hold_text(), "transition");
	CHECK(!rsc_request_standby("all"));     /* one at a time */
	PUMP(false, 9000);
	CHECK_STR(rsc_hold_text(), "transition");
	CHECK(PUMP(strcmp(rsc_hold_text(), "local") == 0, 2000));   /* cancelled */
	CHECK(marker("a"));

	/* the peer asks: we answer "other" and then wait up to an hour */
	fx_clear();
	peer("ask_resources", "rsc_hold", "all", "info", "me", NULL);
	CHECK(fx_find("ask_resources", "info", "other") != NULL);
	PUMP(false, 3599 * 1000);
	CHECK_STR(rsc_hold_text(), "transition");
	CHECK(PUMP(strcmp(rsc_hold_text(), "local") == 0, 2000));
	CHECK(rsc_request_standby("all"));
}

static void test_fencing(void)
{
	char path[512], *cmd;
	struct hb_node *n2;

	/* answers -n as cluster-glue's does; a reset records its arguments and
	 * the parameter that came in its environment */
	write_exec("fakestonith", "#!/bin/sh\ncase \" $* \" in *' -n '*) echo 'hostlist  '; exit 0 ;; esac\n"
		   "echo \"$* hostlist=$hostlist\" >> %1$s/resets\n"
		   "if [ -e %1$s/m-b ]; then echo 'reset after takeover' >> %1$s/resets; fi\n");
	snprintf(path, sizeof path, "%s/fakestonith", dir);
	setenv("HB_STONITH_CMD", path, 1);
	extra_cf = "stonith_host * external/test p1\n";
	start("on", "n1 tm::a\nn2 tm::b\n");
	extra_cf = "";
	n2 = &hb.nodes[node_find("n2")];
	rsc_comm_up();
	peer("resource", "rsc_hold", "local", "rtype", "full", "isstable", "1", NULL);
	CHECK(PUMP(marker("a"), 3000));
	/* it holds its group and dies: reset first, then take over */
	now += 25000;
	membership_tick(now);
	CHECK_STR(node_status_name(n2), "dead");
	CHECK(PUMP(marker("b"), 5000));
	CHECK(fx_find("stonith", "result", "OK") != NULL);
	/* the parameter travels in the environment (-E), never on the command line */
	cmd = g_strdup_printf("grep -qx -- '-t external/test -E -T reset n2 hostlist=p1' %s/resets && "
			      "! grep -q 'after takeover' %s/resets && ! grep -q -- '-p' %s/resets",
			      dir, dir, dir);
	CHECK(system(cmd) == 0);
	g_free(cmd);
	unsetenv("HB_STONITH_CMD");
	hb.shutting_down = true;
	shut_done = false;
	rsc_shutdown(on_shut);
	CHECK(PUMP(shut_done, 3000));
}

/* A message type with an rc.d script runs harc with HA_<field> variables. */
static void test_rc_scripts(void)
{
	char path[512];

	snprintf(path, sizeof path, "%s/rc.d", dir);
	mkdir(path, 0755);
	write_exec("harc", "#!/bin/sh\nexec %1$s/rc.d/$1 $1\n");
	write_exec("rc.d/mymsg", "#!/bin/sh\necho \"$1 $HA_src $HA_foo $HA_OSTATUS\" > %1$s/rcran\n");
	start("on", "n1 tm::a\n");
	hb.status = ST_ACTIVE;
	peer("mymsg", "foo", "bar", NULL);
	CHECK(PUMP(exists("rcran"), 3000));
	{
		char *cmd = g_strdup_printf("grep -qx 'mymsg n2 bar active' %s/rcran", dir);
		CHECK(system(cmd) == 0);
		g_free(cmd);
	}
	/* types the daemon handles itself do not run the stock scripts */
	write_exec("rc.d/ip-request", "#!/bin/sh\ntouch %1$s/iprq-ran\n");
	peer("ip-request", "ipaddr", "tm::zz", NULL);
	PUMP(false, 300);
	CHECK(!exists("iprq-ran"));
}

int main(void)
{
	struct log_settings ls = { .ident = "test", .facility = -1 };
	char *tmp = g_dir_make_tmp("hbrsc.XXXXXX", NULL);

	log_setup(&ls);
	snprintf(dir, sizeof dir, "%s", tmp);
	g_free(tmp);
	write_script();
	test_nice_failback();
	test_peer_shutdown_and_fencing();
	test_legacy();
	test_hanging_start();
	test_rscrcvd_wait();
	test_failed_start_standby();
	test_standby_deadlines();
	test_fencing();
	test_rc_scripts();
	{
		char *cmd = g_strdup_printf("rm -rf '%s'", dir);
		if (system(cmd) != 0)
			printf("cannot remove %s\n", dir);
		g_free(cmd);
	}
	fx_teardown();
	return T_DONE();
}
