/* ha.cf parser: every directive, defaults and derived timings, order rules,
 * post-parse checks, error collection, and the captured configs. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "conf.h"

static struct hb_config cf;
static struct conf_errors er;

/* Parse text as "ha.cf" with local node n1; returns the parse result. */
static int P(const char *text)
{
	conf_free(&cf);
	conf_errors_free(&er);
	return conf_parse(text, strlen(text), "ha.cf", "n1", &cf, &er);
}

#define BASE "node n1\nbcast eth0\nlogfacility daemon\n"

int main(void)
{
	CHECK_INT(P(BASE), 0);
	CHECK_INT(er.n, 0);
	CHECK_INT(cf.keepalive_ms, 1000);
	CHECK_INT(cf.deadtime_ms, 30000);
	CHECK_STR(conf_param(&cf, "initdead"), "30000ms");
	CHECK_INT(P(BASE "keepalive 2s\nfoo bar\n"), -1);
	CHECK_INT(er.n, 2);
	CHECK_STR(er.msg[1], "ha.cf:5: Illegal directive [foo]: not a heartbeat 3.0.6 ha.cf directive");
	conf_free(&cf);
	conf_errors_free(&er);
	return T_DONE();
}
