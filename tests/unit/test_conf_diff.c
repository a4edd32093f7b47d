/* lib/conf_diff: what a reload changes, live or after a restart (with why),
 * copying the live values into the running config, and haresources group
 * differences by key. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "conf.h"
#include "conf_diff.h"
#include "haresources.h"

#define BASE "node n1 n2\nbcast eth0\nlogfacility daemon\nauto_failback on\n"

static struct hb_config a, b;
static struct conf_diff d;

static int D(const char *ta, const char *tb)
{
	struct conf_errors e = { 0 };

	conf_free(&a);
	conf_free(&b);
	conf_diff_free(&d);
	conf_parse(ta, strlen(ta), "ha.cf", "n1", &a, &e);
	conf_parse(tb, strlen(tb), "ha.cf", "n1", &b, &e);
	conf_errors_free(&e);
	conf_diff(&a, &b, &d);
	return d.n;
}

static int has(const char *text, bool live)
{
	int i;

	for (i = 0; i < d.n; i++)
		if (strcmp(d.v[i].text, text) == 0 && d.v[i].live == live)
			return 1;
	for (i = 0; i < d.n; i++)
		printf("  have: %s (%s)\n", d.v[i].text, d.v[i].live ? "live" : "restart");
	return 0;
}

static void test_params(void)
{
	CHECK_INT(D(BASE, BASE), 0);
	CHECK_INT(D(BASE "keepalive 1\n", BASE "keepalive 1\n"), 0);
	/* timers: live; the derived ones follow deadtime */
	CHECK_INT(D(BASE "keepalive 1\ndeadtime 10\n", BASE "keepalive 500ms\ndeadtime 8\n"), 5);
	CHECK(has("keepalive 1 -> 500ms", true));
	CHECK(has("deadtime 10 -> 8", true));
	CHECK(has("warntime 5000ms -> 4000ms", true));
	CHECK(has("deadping 10000ms -> 8000ms", true));
	CHECK(has("initdead 20000ms -> 16000ms", true));   /* 2 x deadtime, both times */
	/* a value set where there was none, logging */
	CHECK_INT(D(BASE, BASE "logfile /var/log/ha-log\n"), 1);
	CHECK(has("logfile /dev/null -> /var/log/ha-log", true));
	CHECK_INT(D(BASE "debug 1\n", BASE), 1);
	CHECK(has("debug 1 -> 0", true));
	/* restart needed, and why */
	CHECK_INT(D(BASE "udpport 694\n", BASE "udpport 695\n"), 1);
	CHECK(has("udpport 694 -> 695 (media are opened at start)", false));
	CHECK_INT(D(BASE, "node n1 n2\nbcast eth0\nlogfacility daemon\nauto_failback off\n"), 1);
	CHECK(has("auto_failback on -> off (the takeover protocol is chosen at start, and both nodes must agree)", false));
	CHECK_INT(D(BASE, BASE "cluster other\n"), 1);
	CHECK(has("cluster linux-ha -> other (read at start)", false));
}

static void test_structure(void)
{
	CHECK_INT(D(BASE, BASE "node n3\n"), 1);
	CHECK(has("node n1, n2 -> n1, n2, n3 (the node table is set at start)", false));
	CHECK_INT(D(BASE, BASE "bcast eth1\n"), 1);
	CHECK(has("media (1 -> 2 lines; media are opened at start)", false));
	CHECK_INT(D(BASE "ping 10.0.0.1\n", BASE "ping 10.0.0.2\n"), 1);
	CHECK(has("ping nodes (set at start)", false));
	CHECK_INT(D(BASE, BASE "respawn root /bin/true\n"), 1);
	CHECK(has("respawn / failfast (their programs are started with the daemon)", false));
	CHECK_INT(D(BASE, BASE "apiauth x uid=root\n"), 1);
	CHECK(has("apiauth (read at start)", false));
	CHECK_INT(D(BASE, BASE "stonith_host * null n1 n2\n"), 1);
	CHECK(has("stonith / stonith_host (STONITH devices are set up at start)", false));
	CHECK_INT(D(BASE, BASE "env FOO=bar\n"), 1);
	CHECK(has("env (the next scripts get the new values)", true));
	CHECK_INT(D(BASE, BASE "stop_failure_cmd true\n"), 1);
	CHECK(has("stop_failure_cmd (default) -> true", true));
}

static void test_apply_live(void)
{
	D(BASE "keepalive 1\ndeadtime 10\nudpport 694\n",
	  BASE "keepalive 500ms\ndeadtime 8\nudpport 695\nlogfile /tmp/x\nenv A=1\ndebug 2\n");
	conf_apply_live(&a, &b);
	CHECK_INT(a.keepalive_ms, 500);
	CHECK_INT(a.deadtime_ms, 8000);
	CHECK_INT(a.warntime_ms, 4000);
	CHECK_STR(a.logfile, "/tmp/x");
	CHECK_INT(a.debug, 2);
	CHECK_INT(a.nenv, 1);
	CHECK_STR(a.env[0], "HA_A=1");
	/* recorded values: the live ones new, the others as running */
	CHECK_STR(conf_param(&a, "keepalive"), "500ms");
	CHECK_STR(conf_param(&a, "deadtime"), "8");
	CHECK_STR(conf_param(&a, "warntime"), "4000ms");
	CHECK_STR(conf_param(&a, "logfile"), "/tmp/x");
	CHECK_STR(conf_param(&a, "udpport"), "694");
	CHECK_INT(a.udpport, 694);
	/* a live value no longer set is forgotten */
	D(BASE "debugfile /tmp/d\nlogfile /tmp/l\n", BASE "logfile /tmp/l\n");
	conf_apply_live(&a, &b);
	CHECK_STR(conf_param(&a, "debugfile"), "/dev/null");   /* facility + one file: the other /dev/null */
	D("node n1\nbcast eth0\nlogfile /tmp/l\ndebugfile /tmp/d\n", "node n1\nbcast eth0\nlogfile /tmp/l\n");
	conf_apply_live(&a, &b);
	CHECK(conf_param(&a, "debugfile") == NULL);
	CHECK(a.debugfile == NULL);
	/* and then nothing differs in what is live */
	conf_diff_free(&d);
	conf_diff(&a, &b, &d);
	CHECK_INT(d.n, 0);
}

static void hr(struct haresources *h, const char *text)
{
	struct conf_errors e = { 0 };

	haresources_free(h);
	haresources_parse(text, strlen(text), "haresources", NULL, h, &e);
	conf_errors_free(&e);
}

static void test_haresources(void)
{
	struct haresources o = { 0 }, n = { 0 };
	struct hr_change *c = NULL;
	int k;

	hr(&o, "n1 10.0.0.1 A::x\nn2 10.0.0.2\nn1 10.0.0.3\n");
	hr(&n, "n1 10.0.0.1 A::x\nn2 10.0.0.2\nn1 10.0.0.3\n");
	CHECK_INT(haresources_diff(&o, &n, &c), 0);
	free(c);
	/* order alone is no change */
	hr(&n, "n1 10.0.0.3\nn2 10.0.0.2\nn1 10.0.0.1 A::x\n");
	CHECK_INT(haresources_diff(&o, &n, &c), 0);
	free(c);
	hr(&n, "n1 10.0.0.1 A::y\nn1 10.0.0.2\nn2 10.0.0.4\n");
	k = haresources_diff(&o, &n, &c);
	CHECK_INT(k, 4);
	if (k == 4) {
		CHECK_INT(c[0].kind, HR_CHANGED);
		CHECK_STR(c[0].key, "10.0.0.1");
		CHECK_INT(c[1].kind, HR_MOVED);
		CHECK_STR(c[1].from_node, "n2");
		CHECK_STR(c[1].to_node, "n1");
		CHECK_INT(c[2].kind, HR_ADDED);
		CHECK_STR(c[2].key, "10.0.0.4");
		CHECK_INT(c[3].kind, HR_REMOVED);
		CHECK_STR(c[3].key, "10.0.0.3");
	}
	free(c);
	/* from nothing */
	CHECK_INT(haresources_diff(NULL, &n, &c), 3);
	free(c);
	haresources_free(&o);
	haresources_free(&n);
}

int main(void)
{
	test_params();
	test_structure();
	test_apply_live();
	test_haresources();
	conf_free(&a);
	conf_free(&b);
	conf_diff_free(&d);
	return T_DONE();
}
