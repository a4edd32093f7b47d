/* ha.cf parser: every directive (valid and invalid values with their exact
 * messages), defaults and derived timings, order rules, post-parse checks,
 * collection of several errors, and the configs of the live captures. */
#include <arpa/inet.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
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

static int has(char **v, int n, const char *want)
{
	int i;

	for (i = 0; i < n; i++)
		if (strcmp(v[i], want) == 0)
			return 1;
	for (i = 0; i < n; i++)
		printf("  have: %s\n", v[i]);
	return 0;
}

#define BASE "node n1\nbcast eth0\nlogfacility daemon\n"   /* 3 lines */
/* BASE + line gives exactly this one error. */
#define ERR1(line, want) do { CHECK_INT(P(BASE line), -1); CHECK_INT(er.n, 1); \
	if (er.n >= 1) CHECK_STR(er.msg[0], want); } while (0)
#define OK(line) do { CHECK_INT(P(BASE line), 0); CHECK_INT(er.n, 0); \
	if (er.n) printf("  first: %s\n", er.msg[0]); } while (0)
#define HAS_ERR(want) CHECK(has(er.msg, er.n, want))
#define HAS_WARN(want) CHECK(has(er.warn, er.nwarn, want))
#define PARAM(name, want) CHECK_STR(conf_param(&cf, name), want)

static void test_time_and_bool(void)
{
	CHECK_INT(conf_parse_time_ms("2"), 2000);
	CHECK_INT(conf_parse_time_ms("1.5"), 1500);
	CHECK_INT(conf_parse_time_ms("1.7"), 1700);
	CHECK_INT(conf_parse_time_ms(".5"), 500);
	CHECK_INT(conf_parse_time_ms("5."), 5000);
	CHECK_INT(conf_parse_time_ms("500ms"), 500);
	CHECK_INT(conf_parse_time_ms("1700ms"), 1700);
	CHECK_INT(conf_parse_time_ms("500msec"), 500);
	CHECK_INT(conf_parse_time_ms("100msfoo"), 100);    /* only "ms" is compared */
	CHECK_INT(conf_parse_time_ms("200000us"), 200);
	CHECK_INT(conf_parse_time_ms("1500usec"), 2);      /* rounded to nearest */
	CHECK_INT(conf_parse_time_ms("1499us"), 1);
	CHECK_INT(conf_parse_time_ms("100usec"), 0);
	CHECK_INT(conf_parse_time_ms("0.0005"), 1);
	CHECK_INT(conf_parse_time_ms("0.0004"), 0);
	CHECK_INT(conf_parse_time_ms("  3 ms"), 3);
	CHECK_INT(conf_parse_time_ms("0"), 0);
	CHECK_INT(conf_parse_time_ms("2s"), -1);
	CHECK_INT(conf_parse_time_ms("1m"), -1);
	CHECK_INT(conf_parse_time_ms("100u"), -1);
	CHECK_INT(conf_parse_time_ms("1e3"), -1);
	CHECK_INT(conf_parse_time_ms("-1"), -1);
	CHECK_INT(conf_parse_time_ms("abc"), -1);
	CHECK_INT(conf_parse_time_ms(""), -1);
	CHECK_INT(conf_parse_time_ms("."), -1);
	CHECK_INT(conf_parse_time_ms("1.2.3"), -1);
	CHECK_INT(conf_parse_time_ms("99999999999999999999"), -1);
	CHECK_INT(conf_parse_time_ms(NULL), -1);

	CHECK_INT(conf_parse_bool("true"), 1);
	CHECK_INT(conf_parse_bool("ON"), 1);
	CHECK_INT(conf_parse_bool("Yes"), 1);
	CHECK_INT(conf_parse_bool("y"), 1);
	CHECK_INT(conf_parse_bool("1"), 1);
	CHECK_INT(conf_parse_bool("FALSE"), 0);
	CHECK_INT(conf_parse_bool("off"), 0);
	CHECK_INT(conf_parse_bool("no"), 0);
	CHECK_INT(conf_parse_bool("N"), 0);
	CHECK_INT(conf_parse_bool("0"), 0);
	CHECK_INT(conf_parse_bool("maybe"), -1);
	CHECK_INT(conf_parse_bool("2"), -1);
	CHECK_INT(conf_parse_bool(""), -1);
	CHECK_INT(conf_parse_bool(NULL), -1);
}

static void test_defaults(void)
{
	struct servent *se = getservbyname("ha-cluster", "udp");
	int port = se ? ntohs((uint16_t)se->s_port) : 694;
	char pbuf[16];

	snprintf(pbuf, sizeof pbuf, "%d", port);
	OK("");
	CHECK_INT(cf.keepalive_ms, 1000);
	CHECK_INT(cf.deadtime_ms, 30000);
	CHECK_INT(cf.warntime_ms, 15000);
	CHECK_INT(cf.initdead_ms, 30000);
	CHECK_INT(cf.deadping_ms, 30000);
	CHECK(!cf.deadping_set && !cf.warntime_set && !cf.initdead_set);
	CHECK_INT(cf.hopfudge, 1);
	CHECK_INT(cf.baud, 19200);
	CHECK_INT(cf.udpport, port);
	CHECK_INT(cf.auto_failback, AF_LEGACY);
	CHECK(!cf.hbgen_time);
	CHECK(cf.realtime);
	CHECK_INT(cf.rtprio, -1);
	CHECK(!cf.msgfmt_netstring);
	CHECK_INT(cf.conn_logd_time_ms, 60000);
	CHECK(cf.log_badpack && cf.syslogmsgfmt && cf.coredumps);
	CHECK(!cf.crm);
	CHECK_STR(cf.crm_value, "false");
	CHECK_INT(cf.autojoin, AUTOJOIN_NONE);
	CHECK(!cf.uuid_from_nodename);
	CHECK_STR(cf.compression, "zlib");
	CHECK_INT(cf.compression_threshold, 2);
	CHECK(!cf.traditional_compression);
	CHECK_INT(cf.max_rexmit_delay_ms, 250);
	CHECK_INT(cf.memreserve, 6500);
	CHECK_STR(cf.cluster, "linux-ha");
	CHECK_INT(cf.debug, 0);
	CHECK_INT(cf.logfacility, LOG_DAEMON);
	CHECK_INT(cf.use_logd, -1);
	CHECK(cf.watchdog == NULL && cf.logfile == NULL && cf.debugfile == NULL);
	CHECK(cf.stop_fail_cmd == NULL);
	/* recorded defaults: the original's default texts */
	PARAM("cluster", "linux-ha");
	PARAM("hopfudge", "1");
	PARAM("keepalive", "1000ms");
	PARAM("deadtime", "30000ms");
	PARAM("baud", "19200");
	PARAM("auto_failback", "legacy");
	PARAM("hbgenmethod", "file");
	PARAM("realtime", "true");
	PARAM("msgfmt", "classic");
	PARAM("conn_logd_time", "60");
	PARAM("log_badpack", "true");
	PARAM("syslogmsgfmt", "true");
	PARAM("coredumps", "true");
	PARAM("pacemaker", "false");
	PARAM("autojoin", "none");
	PARAM("uuidfrom", "file");
	PARAM("compression", "zlib");
	PARAM("compression_threshold", "2");
	PARAM("traditional_compression", "no");
	PARAM("max_rexmit_delay", "250");
	PARAM("record_config_changes", "on");
	PARAM("record_pengine_inputs", "on");
	PARAM("enable_config_writes", "on");
	PARAM("memreserve", "6500");
	PARAM("logfacility", "daemon");
	/* derived values are recorded as <n>ms; udpport as computed */
	PARAM("deadping", "30000ms");
	PARAM("warntime", "15000ms");
	PARAM("initdead", "30000ms");
	PARAM("udpport", pbuf);
	/* recorded although not written, as the original's children see them */
	PARAM("debug", "0");
	PARAM("logfile", "/dev/null");     /* a facility and no files */
	PARAM("debugfile", "/dev/null");
	CHECK(cf.logfile == NULL && cf.debugfile == NULL);
	PARAM("crm", "false");             /* crm reads pacemaker's value */
	/* not recorded */
	CHECK(conf_param(&cf, "node") == NULL);
	CHECK(conf_param(&cf, "use_logd") == NULL);
	CHECK(conf_param(&cf, "nice_failback") == NULL);
	CHECK(conf_param(&cf, "use_apphbd") == NULL);
	CHECK(conf_param(&cf, "rtprio") == NULL);
	CHECK(conf_param(&cf, "watchdog") == NULL);
	CHECK(conf_param(&cf, "nosuch") == NULL);
	{
		int i;

		for (i = 0; i < cf.nparams; i++)
			CHECK(strcmp(cf.params[i].name, "crm") != 0);
	}
	CHECK(conf_param(NULL, "cluster") == NULL);
	CHECK(conf_param(&cf, NULL) == NULL);
	/* the legacy default warns */
	HAS_WARN("ha.cf: Deprecated 'legacy' auto_failback option selected: convert to 'auto_failback on'");
}

static void test_derived(void)
{
	/* initdead: > 10 s -> deadtime; < 6 s -> 12 s; else 2 x deadtime */
	OK("deadtime 11\n");
	CHECK_INT(cf.initdead_ms, 11000);
	PARAM("initdead", "11000ms");
	PARAM("warntime", "5500ms");
	PARAM("deadping", "11000ms");
	PARAM("deadtime", "11");
	OK("deadtime 10\n");
	CHECK_INT(cf.initdead_ms, 20000);
	OK("deadtime 6\n");
	CHECK_INT(cf.initdead_ms, 12000);
	OK("deadtime 5.999\n");
	CHECK_INT(cf.initdead_ms, 12000);
	OK("deadtime 8\n");
	PARAM("initdead", "16000ms");
	OK("keepalive 200ms\ndeadtime 1\n");
	PARAM("initdead", "12000ms");
	PARAM("warntime", "500ms");
	/* explicit values are recorded as written and not derived */
	OK("deadtime 8\nwarntime 3\ninitdead 20000ms\ndeadping 9.5\n");
	PARAM("warntime", "3");
	PARAM("initdead", "20000ms");
	PARAM("deadping", "9.5");
	CHECK_INT(cf.warntime_ms, 3000);
	CHECK_INT(cf.initdead_ms, 20000);
	CHECK_INT(cf.deadping_ms, 9500);
	CHECK(cf.deadping_set && cf.warntime_set && cf.initdead_set);
}

static void test_lexical(void)
{
	/* comments anywhere, CR, blank lines, leading blanks, tabs */
	OK("# full comment\n\n   \t\n  keepalive 2 # trailing\r\ndeadtime 10#glued\n");
	CHECK_INT(cf.keepalive_ms, 2000);
	CHECK_INT(cf.deadtime_ms, 10000);
	PARAM("deadtime", "10");
	/* option lists split on space, tab and comma; each value applied */
	OK("node A, B\tc,,D\n");
	CHECK_INT(cf.nnodes, 5);
	CHECK_STR(cf.nodes[0], "n1");
	CHECK_STR(cf.nodes[1], "a");
	CHECK_STR(cf.nodes[2], "b");
	CHECK_STR(cf.nodes[3], "c");
	CHECK_STR(cf.nodes[4], "d");
	OK("keepalive 1 2\n");
	CHECK_INT(cf.keepalive_ms, 2000);
	PARAM("keepalive", "2");
	OK("bcast eth1 eth2,eth3\n");
	CHECK_INT(cf.nmedia, 4);
	CHECK_STR(cf.media[3].dev, "eth3");
	CHECK_INT(cf.media[3].line, 4);
	/* directive names are case-sensitive; unknown names are errors */
	ERR1("Keepalive 1\n", "ha.cf:4: Illegal directive [Keepalive]: not a heartbeat 3.0.6 ha.cf directive (names are lower case: keepalive)");
	ERR1("normalpoll 1\n", "ha.cf:4: Illegal directive [normalpoll]: not a heartbeat 3.0.6 ha.cf directive");
	ERR1("hbaping x\n", "ha.cf:4: Illegal directive [hbaping]: not a heartbeat 3.0.6 ha.cf directive");
	ERR1("node,a\n", "ha.cf:4: Illegal directive [node,a]: not a heartbeat 3.0.6 ha.cf directive (did you mean node?)");
	/* the historical alias udp means bcast */
	OK("udp eth5\n");
	CHECK_INT(cf.nmedia, 2);
	CHECK_INT(cf.media[1].type, MEDIA_BCAST);
	CHECK_STR(cf.media[1].dev, "eth5");
	HAS_WARN("ha.cf:4: directive 'udp' is an old name: read as 'bcast'");
	/* a directive without a value is ignored with a warning */
	OK("cluster\n");
	HAS_WARN("ha.cf:4: directive [cluster] has no value; ignored");
	/* a NUL ends the line's text */
	{
		static const char t[] = BASE "keepalive 3\0garbage here\ndeadtime 9\n";

		conf_free(&cf);
		conf_errors_free(&er);
		CHECK_INT(conf_parse(t, sizeof t - 1, "ha.cf", "n1", &cf, &er), 0);
		CHECK_INT(cf.keepalive_ms, 3000);
		CHECK_INT(cf.deadtime_ms, 9000);
	}
	/* lines over 5120 bytes are refused; the next line still counts */
	{
		size_t n = 6000;
		char *t = malloc(n + 64);

		strcpy(t, BASE "cluster ");
		memset(t + strlen(t), 'x', n);
		strcpy(t + strlen(BASE "cluster ") + n, "\nkeepalive 4\n");
		CHECK_INT(P(t), -1);
		CHECK_INT(er.n, 1);
		HAS_ERR("ha.cf:4: line longer than 5120 bytes");
		CHECK_INT(cf.keepalive_ms, 4000);
		free(t);
	}
	/* no final newline */
	OK("keepalive 5");
	CHECK_INT(cf.keepalive_ms, 5000);
	/* empty input: every post-parse complaint, no crash */
	CHECK_INT(P(""), -1);
	conf_free(&cf);
	CHECK_INT(conf_parse(NULL, 0, NULL, NULL, &cf, &er), -1);
}

static void test_directives(void)
{
	OK("cluster mycluster\n");
	CHECK_STR(cf.cluster, "mycluster");
	PARAM("cluster", "mycluster");

	OK("node NodeA\n");
	CHECK_STR(cf.nodes[1], "nodea");
	OK("node n1\n");
	CHECK_INT(cf.nnodes, 1);
	HAS_WARN("ha.cf:4: node [n1] declared more than once");
	{
		char t[400];

		snprintf(t, sizeof t, BASE "node %0100d\n", 0);
		CHECK_INT(P(t), -1);
		HAS_ERR("ha.cf:4: node name [0000000000000000000000000000000000000000...] must be 1 to 99 characters");
		snprintf(t, sizeof t, BASE "node %099d\n", 0);
		CHECK_INT(P(t), 0);
	}

	OK("hopfudge 0\n");
	CHECK_INT(cf.hopfudge, 0);
	OK("hopfudge 255\n");
	CHECK_INT(cf.hopfudge, 255);
	PARAM("hopfudge", "255");
	ERR1("hopfudge 256\n", "ha.cf:4: hopfudge: invalid value [256] (expected an integer from 0 to 255)");
	ERR1("hopfudge -1\n", "ha.cf:4: hopfudge: invalid value [-1] (expected an integer from 0 to 255)");
	ERR1("hopfudge x\n", "ha.cf:4: hopfudge: invalid value [x] (expected an integer from 0 to 255)");

	OK("keepalive 1.5\n");
	CHECK_INT(cf.keepalive_ms, 1500);
	PARAM("keepalive", "1.5");
	ERR1("keepalive 0\n", "ha.cf:4: keepalive: invalid time [0] (expected a positive number of seconds such as 30 or 1.5, or milliseconds such as 500ms)");
	ERR1("keepalive 2s\n", "ha.cf:4: keepalive: invalid time [2s] (expected a positive number of seconds such as 30 or 1.5, or milliseconds such as 500ms; 's' is not a unit)");
	ERR1("keepalive 100usec\n", "ha.cf:4: keepalive: invalid time [100usec] (expected a positive number of seconds such as 30 or 1.5, or milliseconds such as 500ms)");
	/* "1 ms" is two values: 1, then "ms" which is no time */
	ERR1("keepalive 1 ms\n", "ha.cf:4: keepalive: invalid time [ms] (expected a positive number of seconds such as 30 or 1.5, or milliseconds such as 500ms)");

	OK("deadtime 5\n");
	CHECK_INT(cf.deadtime_ms, 5000);
	ERR1("deadtime 1m\n", "ha.cf:4: deadtime: invalid time [1m] (expected a number of seconds such as 30 or 1.5, or milliseconds such as 500ms; 'm' is not a unit)");

	OK("deadping 5\n");
	CHECK_INT(cf.deadping_ms, 5000);
	ERR1("deadping x\n", "ha.cf:4: deadping: invalid time [x] (expected a number of seconds such as 30 or 1.5, or milliseconds such as 500ms)");

	OK("warntime 2500ms\n");
	CHECK_INT(cf.warntime_ms, 2500);
	ERR1("warntime 0\n", "ha.cf:4: warntime: invalid time [0] (expected a positive number of seconds such as 30 or 1.5, or milliseconds such as 500ms)");

	OK("initdead 60\n");
	CHECK_INT(cf.initdead_ms, 60000);
	ERR1("initdead x\n", "ha.cf:4: initdead: invalid time [x] (expected a number of seconds such as 30 or 1.5, or milliseconds such as 500ms)");

	OK("watchdog /dev/watchdog\n");
	CHECK_STR(cf.watchdog, "/dev/watchdog");
	PARAM("watchdog", "/dev/watchdog");
	ERR1("watchdog /dev/a\nwatchdog /dev/b\n", "ha.cf:5: watchdog: device given more than once (expected one watchdog line)");

	OK("baud 115200\n");
	CHECK_INT(cf.baud, 115200);
	PARAM("baud", "115200");
	OK("baud 9600\n");
	OK("baud 460800\n");
	ERR1("baud 1234\n", "ha.cf:4: baud: invalid rate [1234] (expected 9600, 19200, 38400, 57600, 115200, 230400 or 460800)");
	ERR1("baud fast\n", "ha.cf:4: baud: invalid rate [fast] (expected 9600, 19200, 38400, 57600, 115200, 230400 or 460800)");
	ERR1("baud 9600\nbaud 9600\n", "ha.cf:5: baud: rate given more than once (expected one baud line, before the serial lines)");

	OK("udpport 700\n");
	CHECK_INT(cf.udpport, 700);
	{
		struct servent *se = getservbyport(htons(53), "udp");
		char w[128];

		OK("udpport 53\n");
		if (se) {
			snprintf(w, sizeof w, "ha.cf:4: udpport: /etc/services gives port 53/udp to %s", se->s_name);
			HAS_WARN(w);
		}
	}
	OK("udpport 700\n");
	PARAM("udpport", "700");
	ERR1("udpport 0\n", "ha.cf:4: udpport: invalid value [0] (expected an integer from 1 to 65535)");
	ERR1("udpport x\n", "ha.cf:4: udpport: invalid value [x] (expected an integer from 1 to 65535)");
	ERR1("udpport 70000\n", "ha.cf:4: udpport: invalid value [70000] (expected an integer from 1 to 65535)");

	OK("logfacility local7\n");
	CHECK_INT(cf.logfacility, LOG_LOCAL7);
	PARAM("logfacility", "local7");
	OK("logfacility authpriv\n");
	CHECK_INT(cf.logfacility, LOG_AUTHPRIV);
	OK("logfacility security\n");
	CHECK_INT(cf.logfacility, LOG_AUTH);
	{
		static const struct { const char *n; int v; } fac[] = {
			{ "auth", LOG_AUTH }, { "security", LOG_AUTH }, { "authpriv", LOG_AUTHPRIV },
			{ "cron", LOG_CRON }, { "daemon", LOG_DAEMON }, { "ftp", LOG_FTP },
			{ "kern", LOG_KERN }, { "lpr", LOG_LPR }, { "mail", LOG_MAIL },
			{ "news", LOG_NEWS }, { "syslog", LOG_SYSLOG }, { "user", LOG_USER },
			{ "uucp", LOG_UUCP }, { "local0", LOG_LOCAL0 }, { "local1", LOG_LOCAL1 },
			{ "local2", LOG_LOCAL2 }, { "local3", LOG_LOCAL3 }, { "local4", LOG_LOCAL4 },
			{ "local5", LOG_LOCAL5 }, { "local6", LOG_LOCAL6 }, { "local7", LOG_LOCAL7 },
		};
		char t[128];
		size_t i;

		for (i = 0; i < sizeof fac / sizeof fac[0]; i++) {
			snprintf(t, sizeof t, BASE "logfacility %s\n", fac[i].n);
			CHECK_INT(P(t), 0);
			CHECK_INT(cf.logfacility, fac[i].v);
			PARAM("logfacility", fac[i].n);
		}
	}
	OK("logfacility none\n");
	CHECK_INT(cf.logfacility, -1);
	ERR1("logfacility bogus\n", "ha.cf:4: Log facility(bogus) not valid (expected none, auth, authpriv, cron, daemon, ftp, kern, lpr, mail, news, syslog, user, uucp or local0..local7)");
	ERR1("logfacility DAEMON\n", "ha.cf:4: Log facility(DAEMON) not valid (expected none, auth, authpriv, cron, daemon, ftp, kern, lpr, mail, news, syslog, user, uucp or local0..local7)");

	OK("logfile /var/log/ha-log\ndebugfile /var/log/ha-debug\n");
	CHECK_STR(cf.logfile, "/var/log/ha-log");
	CHECK_STR(cf.debugfile, "/var/log/ha-debug");
	PARAM("logfile", "/var/log/ha-log");
	PARAM("debugfile", "/var/log/ha-debug");

	OK("auto_failback on\n");
	CHECK_INT(cf.auto_failback, AF_ON);
	PARAM("auto_failback", "on");
	OK("auto_failback No\n");
	CHECK_INT(cf.auto_failback, AF_OFF);
	PARAM("auto_failback", "No");
	OK("auto_failback legacy\n");
	CHECK_INT(cf.auto_failback, AF_LEGACY);
	ERR1("auto_failback x\n", "ha.cf:4: auto_failback: invalid value [x] (expected on, off or legacy)");

	/* nice_failback: never recorded; off after an auto_failback on/off, else legacy */
	OK("nice_failback on\n");
	CHECK_INT(cf.auto_failback, AF_LEGACY);
	PARAM("auto_failback", "legacy");
	CHECK(conf_param(&cf, "nice_failback") == NULL);
	HAS_WARN("ha.cf:4: nice_failback is obsolete: use auto_failback on, off or legacy");
	OK("auto_failback on\nnice_failback on\n");
	CHECK_INT(cf.auto_failback, AF_OFF);
	PARAM("auto_failback", "on");
	OK("auto_failback off\nnice_failback off\n");
	CHECK_INT(cf.auto_failback, AF_OFF);
	OK("auto_failback legacy\nnice_failback on\n");
	CHECK_INT(cf.auto_failback, AF_LEGACY);
	OK("nice_failback on\nauto_failback on\n");
	CHECK_INT(cf.auto_failback, AF_ON);
	ERR1("nice_failback x\n", "ha.cf:4: nice_failback: invalid boolean [x] (expected on/off, yes/no, true/false, y/n, 1/0)");

	OK("rtprio 1\n");
	CHECK_INT(cf.rtprio, 1);
	OK("rtprio 99\n");
	PARAM("rtprio", "99");
	ERR1("rtprio 0\n", "ha.cf:4: Illegal realtime priority [0] (expected an integer from 1 to 99)");
	ERR1("rtprio 100\n", "ha.cf:4: Illegal realtime priority [100] (expected an integer from 1 to 99)");
	ERR1("rtprio x\n", "ha.cf:4: Illegal realtime priority [x] (expected an integer from 1 to 99)");

	OK("hbgenmethod time\n");
	CHECK(cf.hbgen_time);
	PARAM("hbgenmethod", "time");
	ERR1("hbgenmethod foo\n", "ha.cf:4: Illegal hb generation method [foo] (expected file or time)");

	OK("realtime off\n");
	CHECK(!cf.realtime);
	PARAM("realtime", "off");
	ERR1("realtime maybe\n", "ha.cf:4: realtime: invalid boolean [maybe] (expected on/off, yes/no, true/false, y/n, 1/0)");

	OK("debug 3\n");
	CHECK_INT(cf.debug, 3);
	PARAM("debug", "3");
	OK("debug 255\n");
	ERR1("debug 256\n", "ha.cf:4: debug: invalid value [256] (expected an integer from 0 to 255)");
	ERR1("debug x\n", "ha.cf:4: debug: invalid value [x] (expected an integer from 0 to 255)");

	OK("msgfmt netstring\n");
	CHECK(cf.msgfmt_netstring);
	PARAM("msgfmt", "netstring");
	ERR1("msgfmt xml\n", "ha.cf:4: msgfmt: invalid format [xml] (expected classic or netstring)");

	OK("use_logd yes\n");
	CHECK_INT(cf.use_logd, 1);
	PARAM("use_logd", "yes");
	OK("use_logd off\n");
	CHECK_INT(cf.use_logd, 0);
	ERR1("use_logd maybe\n", "ha.cf:4: use_logd: invalid boolean [maybe] (expected on/off, yes/no, true/false, y/n, 1/0)");

	OK("conn_logd_time 500ms\n");
	CHECK_INT(cf.conn_logd_time_ms, 500);
	PARAM("conn_logd_time", "500ms");
	ERR1("conn_logd_time 0\n", "ha.cf:4: conn_logd_time: invalid time [0] (expected a positive number of seconds such as 30 or 1.5, or milliseconds such as 500ms)");

	OK("use_apphbd on\n");
	CHECK(conf_param(&cf, "use_apphbd") == NULL);
	ERR1("use_apphbd x\n", "ha.cf:4: use_apphbd: invalid boolean [x] (expected on/off, yes/no, true/false, y/n, 1/0)");

	OK("log_badpack false\nsyslogmsgfmt 0\ncoredumps n\n");
	CHECK(!cf.log_badpack && !cf.syslogmsgfmt && !cf.coredumps);
	PARAM("log_badpack", "false");
	PARAM("syslogmsgfmt", "0");
	PARAM("coredumps", "n");
	ERR1("log_badpack x\n", "ha.cf:4: log_badpack: invalid boolean [x] (expected on/off, yes/no, true/false, y/n, 1/0)");
	ERR1("syslogmsgfmt x\n", "ha.cf:4: syslogmsgfmt: invalid boolean [x] (expected on/off, yes/no, true/false, y/n, 1/0)");
	ERR1("coredumps x\n", "ha.cf:4: coredumps: invalid boolean [x] (expected on/off, yes/no, true/false, y/n, 1/0)");

	OK("coreroot /var/lib/heartbeat/cores\n");
	CHECK_STR(cf.coreroot, "/var/lib/heartbeat/cores");
	PARAM("coreroot", "/var/lib/heartbeat/cores");

	OK("crm_daemon_dir /usr/lib/pacemaker\ncrmd_spawns_pengine off\ncrm on\nauto_failback off\n");
	PARAM("crm_daemon_dir", "/usr/lib/pacemaker");
	PARAM("crmd_spawns_pengine", "off");
	CHECK_INT(er.nwarn, 0);
	OK("crm on\ncrm_daemon_dir /x\n");
	HAS_WARN("ha.cf:5: crm_daemon_dir and crmd_spawns_pengine only take effect before the pacemaker/crm line");
	ERR1("crmd_spawns_pengine x\n", "ha.cf:4: crmd_spawns_pengine: invalid boolean [x] (expected on/off, yes/no, true/false, y/n, 1/0)");

	/* crm is recorded under pacemaker; any enabled value leaves haresources mode */
	OK("crm respawn\n");
	CHECK(cf.crm);
	CHECK_STR(cf.crm_value, "respawn");
	PARAM("pacemaker", "respawn");
	PARAM("crm", "respawn");
	OK("pacemaker yes\n");
	CHECK(cf.crm);
	PARAM("pacemaker", "yes");
	OK("crm off\n");
	CHECK(!cf.crm);
	CHECK_STR(cf.crm_value, "off");
	OK("pacemaker minimal\n");
	CHECK(cf.crm);
	OK("pacemaker manual\n");
	OK("pacemaker ccm-only\n");
	OK("pacemaker valgrind\n");
	ERR1("crm bogus\n", "ha.cf:4: pacemaker: invalid value [bogus] (expected a boolean, minimal, manual, respawn, ccm-only or valgrind)");
	ERR1("crm on\npacemaker on\n", "ha.cf:5: pacemaker/crm directive used multiple times (expected at most one)");

	OK("crm on\nautojoin other\n");
	CHECK_INT(cf.autojoin, AUTOJOIN_OTHER);
	PARAM("autojoin", "other");
	ERR1("autojoin foo\n", "ha.cf:4: Invalid autojoin directive [foo] (expected none, other or any)");

	OK("uuidfrom nodename\n");
	CHECK(cf.uuid_from_nodename);
	PARAM("uuidfrom", "nodename");
	ERR1("uuidfrom foo\n", "ha.cf:4: Invalid uuidfrom directive [foo] (expected file or nodename)");

	OK("compression bz2\n");
	CHECK_STR(cf.compression, "bz2");
	PARAM("compression", "bz2");
	ERR1("compression foo\n", "ha.cf:4: Compression module(foo) not found (expected zlib or bz2)");

	OK("compression_threshold 16\n");
	CHECK_INT(cf.compression_threshold, 16);
	PARAM("compression_threshold", "16");
	ERR1("compression_threshold 0\n", "ha.cf:4: compression_threshold: invalid value [0] (expected an integer from 1 to 1048576)");
	ERR1("compression_threshold x\n", "ha.cf:4: compression_threshold: invalid value [x] (expected an integer from 1 to 1048576)");

	OK("traditional_compression yes\n");
	CHECK(cf.traditional_compression);
	PARAM("traditional_compression", "yes");
	ERR1("traditional_compression x\n", "ha.cf:4: traditional_compression: invalid boolean [x] (expected on/off, yes/no, true/false, y/n, 1/0)");

	OK("env FOO=bar\nenv X=a=b,Y=\n");
	CHECK_INT(cf.nenv, 3);
	CHECK_STR(cf.env[0], "HA_FOO=bar");
	CHECK_STR(cf.env[1], "HA_X=a=b");
	CHECK_STR(cf.env[2], "HA_Y=");
	CHECK(conf_param(&cf, "env") == NULL);
	ERR1("env =x\n", "ha.cf:4: env: invalid pair [=x] (expected NAME=value)");
	ERR1("env FOO\n", "ha.cf:4: env: invalid pair [FOO] (expected NAME=value)");

	OK("max_rexmit_delay 100\n");
	CHECK_INT(cf.max_rexmit_delay_ms, 100);
	PARAM("max_rexmit_delay", "100");
	ERR1("max_rexmit_delay 0\n", "ha.cf:4: max_rexmit_delay: invalid value [0] (expected an integer from 1 to 2147483647)");
	ERR1("max_rexmit_delay x\n", "ha.cf:4: max_rexmit_delay: invalid value [x] (expected an integer from 1 to 2147483647)");

	OK("record_config_changes off\nrecord_pengine_inputs no\nenable_config_writes 0\n");
	PARAM("record_config_changes", "off");
	PARAM("record_pengine_inputs", "no");
	PARAM("enable_config_writes", "0");
	ERR1("record_config_changes x\n", "ha.cf:4: record_config_changes: invalid boolean [x] (expected on/off, yes/no, true/false, y/n, 1/0)");
	ERR1("record_pengine_inputs x\n", "ha.cf:4: record_pengine_inputs: invalid boolean [x] (expected on/off, yes/no, true/false, y/n, 1/0)");
	ERR1("enable_config_writes x\n", "ha.cf:4: enable_config_writes: invalid boolean [x] (expected on/off, yes/no, true/false, y/n, 1/0)");

	OK("memreserve 1000\n");
	CHECK_INT(cf.memreserve, 1000);
	PARAM("memreserve", "1000");
	ERR1("memreserve 0\n", "ha.cf:4: memreserve: invalid value [0] (expected an integer from 1 to 2147483647)");
	ERR1("memreserve x\n", "ha.cf:4: memreserve: invalid value [x] (expected an integer from 1 to 2147483647)");

	OK("cluster c1\nquorum_server qs1\n");
	CHECK_STR(cf.cluster, "qs1");
	PARAM("quorum_server", "qs1");
	PARAM("cluster", "c1");
	/* the original still exports HA_cluster=linux-ha after a lone quorum_server */
	OK("quorum_server qs1\n");
	PARAM("cluster", "linux-ha");
	PARAM("quorum_server", "qs1");

	/* our extension */
	OK("stop_failure_cmd /usr/local/bin/notify --stop-failed  now\n");
	CHECK_STR(cf.stop_fail_cmd, "/usr/local/bin/notify --stop-failed  now");
	ERR1("stop_failure_cmd\n", "ha.cf:4: stop_failure_cmd: expected a command line");
	OK("resource_timeout 1500ms\n");
	CHECK_INT(cf.resource_timeout_ms, 1500);
	PARAM("resource_timeout", "1500ms");
	OK("resource_timeout 30\n");
	CHECK_INT(cf.resource_timeout_ms, 30000);
	ERR1("resource_timeout 2m\n", "ha.cf:4: resource_timeout: invalid time [2m] (expected a number of seconds such as 30 or 1.5, or milliseconds such as 500ms; 'm' is not a unit)");
}

static void test_media(void)
{
	OK("bcast eth1\n");
	CHECK_INT(cf.nmedia, 2);
	CHECK_INT(cf.media[1].type, MEDIA_BCAST);
	CHECK_STR(cf.media[1].dev, "eth1");
	ERR1("bcast abcdefghijklmnop\n", "ha.cf:4: interface [abcdefghijklmnop] is not a valid interface name (1 to 15 characters)");

	OK("mcast eth1 225.0.0.1 694 1 0\n");
	CHECK_INT(cf.media[1].type, MEDIA_MCAST);
	CHECK_STR(cf.media[1].dev, "eth1");
	CHECK_STR(cf.media[1].addr, "225.0.0.1");
	CHECK_INT(cf.media[1].port, 694);
	CHECK_INT(cf.media[1].ttl, 1);
	CHECK_INT(cf.media[1].loop, 0);
	CHECK_INT(cf.media[1].line, 4);
	OK("mcast eth1 239.255.255.255 65535 4 1\n");
	CHECK_INT(cf.media[1].ttl, 4);
	CHECK_INT(cf.media[1].loop, 1);
	OK("mcast eth1 224.0.0.1 700 0 1 extra\n");
	HAS_WARN("ha.cf:4: mcast: words after LOOP ignored");
	ERR1("mcast eth1 225.0.0.1 694 5 0\n", "ha.cf:4: mcast [eth1] bad ttl [5] (expected an integer from 0 to 4)");
	ERR1("mcast eth1 225.0.0.1 694 -1 0\n", "ha.cf:4: mcast [eth1] bad ttl [-1] (expected an integer from 0 to 4)");
	ERR1("mcast eth1 10.0.0.1 694 1 0\n", "ha.cf:4: mcast [eth1] bad addr [10.0.0.1] (expected an IPv4 class D (224.0.0.0-239.255.255.255) multicast group)");
	ERR1("mcast eth1 240.0.0.1 694 1 0\n", "ha.cf:4: mcast [eth1] bad addr [240.0.0.1] (expected an IPv4 class D (224.0.0.0-239.255.255.255) multicast group)");
	ERR1("mcast eth1 225.0.0.1 0 1 0\n", "ha.cf:4: mcast [eth1] bad port [0] (expected an integer from 1 to 65535)");
	ERR1("mcast eth1 225.0.0.1 x 1 0\n", "ha.cf:4: mcast [eth1] bad port [x] (expected an integer from 1 to 65535)");
	ERR1("mcast eth1 225.0.0.1 694 1 2\n", "ha.cf:4: mcast [eth1] bad loop [2] (expected an integer from 0 to 1)");
	ERR1("mcast eth1 225.0.0.1 694 1\n", "ha.cf:4: mcast: missing loop (expected: mcast IF GROUP PORT TTL LOOP)");
	ERR1("mcast\n", "ha.cf:4: mcast: missing interface (expected: mcast IF GROUP PORT TTL LOOP)");
	/* every bad field of the line is reported */
	CHECK_INT(P(BASE "mcast eth1 1.2.3.4 0 9 7\n"), -1);
	CHECK_INT(er.n, 4);

	OK("mcast6 eth1 ff02::1 694 1 0\n");
	CHECK_INT(cf.media[1].type, MEDIA_MCAST6);
	CHECK_STR(cf.media[1].addr, "ff02::1");
	CHECK_INT(cf.media[1].ttl, 1);
	ERR1("mcast6 eth1 ff02::1 694 -1 0\n", "ha.cf:4: mcast6 [eth1] bad hops [-1] (expected an integer from 0 to 4)");
	ERR1("mcast6 eth1 ff02::1 694 5 0\n", "ha.cf:4: mcast6 [eth1] bad hops [5] (expected an integer from 0 to 4)");
	ERR1("mcast6 eth1 10.0.0.1 694 1 0\n", "ha.cf:4: mcast6 [eth1] bad addr [10.0.0.1] (expected an IPv6 (ff00::/8) multicast group)");
	ERR1("mcast6 eth1 fe80::1 694 1 0\n", "ha.cf:4: mcast6 [eth1] bad addr [fe80::1] (expected an IPv6 (ff00::/8) multicast group)");
	ERR1("mcast6 eth1 ff02::1\n", "ha.cf:4: mcast6: missing port (expected: mcast6 IF GROUP PORT HOPS LOOP)");

	OK("ucast eth1 10.0.0.2\n");
	CHECK_INT(cf.media[1].type, MEDIA_UCAST);
	CHECK_STR(cf.media[1].dev, "eth1");
	CHECK_STR(cf.media[1].addr, "10.0.0.2");
	CHECK_INT(cf.media[1].port, cf.udpport);
	OK("ucast eth1 peer.example.com\n");
	CHECK_STR(cf.media[1].addr, "peer.example.com");
	OK("ucast eth1 10.0.0.2 extra\n");
	HAS_WARN("ha.cf:4: ucast: words after the peer address ignored");
	ERR1("ucast eth1\n", "ha.cf:4: ucast: missing peer address (expected: ucast IF PEER)");
	ERR1("ucast\n", "ha.cf:4: ucast: missing interface and peer address (expected: ucast IF PEER)");

	OK("ucast6 eth1 fe80::1%eth1\n");
	CHECK_INT(cf.media[1].type, MEDIA_UCAST6);
	CHECK_STR(cf.media[1].addr, "fe80::1%eth1");
	OK("ucast6 eth1 2001:db8::2\n");
	ERR1("ucast6 eth1 zz\n", "ha.cf:4: ucast6 [eth1] bad addr [zz] (expected an IPv6 address, optionally %scope)");
	ERR1("ucast6 eth1 10.0.0.2\n", "ha.cf:4: ucast6 [eth1] bad addr [10.0.0.2] (expected an IPv6 address, optionally %scope)");

	OK("serial /dev/ttyS0 /dev/ttyS1\n");
	CHECK_INT(cf.nmedia, 3);
	CHECK_INT(cf.media[1].type, MEDIA_SERIAL);
	CHECK_STR(cf.media[1].dev, "/dev/ttyS0");
	CHECK_INT(cf.media[1].baud, 19200);
	CHECK_STR(cf.media[2].dev, "/dev/ttyS1");
	ERR1("serial ttyS0\n", "ha.cf:4: serial: port [ttyS0] must be an absolute device path such as /dev/ttyS0");

	OK("ping 10.0.0.254 10.0.0.253\n");
	CHECK_INT(cf.npings, 2);
	CHECK_STR(cf.pings[0].name, "10.0.0.254");
	CHECK(!cf.pings[0].group && !cf.pings[0].v6);
	CHECK_INT(cf.pings[0].naddrs, 1);
	CHECK_STR(cf.pings[0].addrs[0], "10.0.0.254");
	CHECK_STR(cf.pings[1].name, "10.0.0.253");
	CHECK_INT(cf.nmedia, 1);
	CHECK_INT(cf.nnodes, 1);
	OK("ping6 ::1\n");
	CHECK_INT(cf.npings, 1);
	CHECK(cf.pings[0].v6);
	OK("ping_group gw 10.0.0.1 10.0.0.2,10.0.0.3\n");
	CHECK_INT(cf.npings, 1);
	CHECK_STR(cf.pings[0].name, "gw");
	CHECK(cf.pings[0].group);
	CHECK_INT(cf.pings[0].naddrs, 3);
	CHECK_STR(cf.pings[0].addrs[2], "10.0.0.3");
	{
		char t[2048];
		int i;

		strcpy(t, BASE "ping_group big");
		for (i = 0; i < 150; i++)
			snprintf(t + strlen(t), sizeof t - strlen(t), " 10.1.%d.%d", i / 200, i % 200);
		strcat(t, "\n");
		CHECK_INT(P(t), 0);
		CHECK_INT(cf.pings[0].naddrs, 150);
		CHECK_STR(cf.pings[0].addrs[149], "10.1.0.149");
	}
	ERR1("ping_group gw\n", "ha.cf:4: ping_group: expected a group name and at least one host address");
	ERR1("ping_group\n", "ha.cf:4: ping_group: expected a group name and at least one host address");

	/* at most 64 media */
	{
		char t[4096];
		int i;

		strcpy(t, BASE);
		for (i = 0; i < 64; i++)
			snprintf(t + strlen(t), sizeof t - strlen(t), "bcast e%d\n", i);
		CHECK_INT(P(t), -1);
		CHECK_INT(er.n, 1);
		HAS_ERR("ha.cf:67: too many media: at most 64");
		CHECK_INT(cf.nmedia, 64);
	}
	/* at most 100 nodes, ping nodes included */
	{
		char t[8192];
		int i;

		strcpy(t, BASE "ping 1.1.1.1\n");
		for (i = 0; i < 99; i++)
			snprintf(t + strlen(t), sizeof t - strlen(t), "node x%d\n", i);
		CHECK_INT(P(t), -1);
		CHECK_INT(er.n, 1);
		HAS_ERR("ha.cf:103: too many nodes: at most 100 (normal and ping nodes together)");
		CHECK_INT(cf.nnodes, 99);
	}
}

static void test_order(void)
{
	/* a medium takes the udpport and baud in force when it is read */
	OK("udpport 700\nbcast eth1\nucast eth2 10.0.0.2\nudpport 800\nbcast eth3\nmcast eth4 225.0.0.1 900 1 0\n");
	CHECK_INT(cf.media[0].port, cf.media[0].port);  /* eth0, before any udpport */
	CHECK_INT(cf.media[1].port, 700);
	CHECK_INT(cf.media[2].port, 700);
	CHECK_INT(cf.media[3].port, 800);
	CHECK_INT(cf.media[4].port, 900);               /* mcast ignores udpport */
	CHECK_INT(cf.udpport, 800);
	PARAM("udpport", "800");
	HAS_WARN("ha.cf:4: udpport: media declared above this line keep the port in force when they were read");
	{
		struct servent *se = getservbyname("ha-cluster", "udp");

		CHECK_INT(cf.media[0].port, se ? ntohs((uint16_t)se->s_port) : 694);
	}
	CHECK_INT(P("node n1\nlogfacility daemon\nserial /dev/ttyS0\nbaud 38400\nserial /dev/ttyS1\n"), 0);
	CHECK_INT(cf.media[0].baud, 19200);
	CHECK_INT(cf.media[1].baud, 38400);
	CHECK_INT(cf.baud, 38400);
}

static void test_builtins(void)
{
	OK("apiauth myclient uid=root,0 gid=root\napiauth other gid=0\n");
	CHECK_INT(cf.napiauth, 2);
	CHECK_STR(cf.apiauth[0].client, "myclient");
	CHECK_STR(cf.apiauth[0].uids, "root,0");
	CHECK_STR(cf.apiauth[0].gids, "root");
	CHECK(cf.apiauth[1].uids == NULL);
	CHECK_STR(cf.apiauth[1].gids, "0");
	ERR1("apiauth foo\n", "ha.cf:4: apiauth: expected CLIENT uid=LIST and/or gid=LIST");
	ERR1("apiauth foo bar=1\n", "ha.cf:4: apiauth foo: invalid word [bar=1] (expected uid=u1,u2... or gid=g1,g2...)");
	ERR1("apiauth foo uid=root\napiauth foo gid=root\n", "ha.cf:5: apiauth: client [foo] given more than once");
	ERR1("apiauth abcdefghijabcdefghijabcdefghijab uid=root\n", "ha.cf:4: apiauth: client name [abcdefghijabcdefghijabcdefghijab] longer than 31 characters");
	ERR1("apiauth foo uid=root,no-such-user-x\n", "ha.cf:4: apiauth foo: unknown user [no-such-user-x] (expected an existing user name, or a number)");
	ERR1("apiauth foo gid=no-such-group-x\n", "ha.cf:4: apiauth foo: unknown group [no-such-group-x] (expected an existing group name, or a number)");

	OK("respawn root /bin/true --flag  two\nfailfast root /bin/true\n");
	CHECK_INT(cf.ncmds, 2);
	CHECK_STR(cf.cmds[0].user, "root");
	CHECK_STR(cf.cmds[0].cmdline, "/bin/true --flag  two");
	CHECK(!cf.cmds[0].failfast);
	CHECK(cf.cmds[1].failfast);
	ERR1("respawn no-such-user-x /bin/true\n", "ha.cf:4: respawn: user [no-such-user-x] does not exist");
	ERR1("respawn root bin/true\n", "ha.cf:4: respawn: command [bin/true] must be an absolute path");
	ERR1("failfast root /nonexistent/prog -x\n", "ha.cf:4: failfast: [/nonexistent/prog] is not an executable program (expected the absolute path of one: No such file or directory)");
	ERR1("respawn root\n", "ha.cf:4: respawn: expected USER /absolute/path [arguments]");

	OK("stonith null /dev/null\n");
	CHECK_STR(cf.stonith_type, "null");
	CHECK_STR(cf.stonith_file, "/dev/null");
	ERR1("stonith\n", "ha.cf:4: stonith: expected TYPE CONFIG-FILE");
	ERR1("stonith null\n", "ha.cf:4: stonith: expected TYPE CONFIG-FILE");
	ERR1("stonith null /nonexistent/x\n", "ha.cf:4: stonith: cannot read config file [/nonexistent/x]");

	OK("stonith_host * external/ssh n1 n2\nstonith_host N2 apcmaster 10.0.0.9 apc  secret pw\nstonith_host n1 null\n");
	CHECK_INT(cf.nstonith_hosts, 3);
	CHECK_STR(cf.stonith_hosts[0].host, "*");
	CHECK_STR(cf.stonith_hosts[0].type, "external/ssh");
	CHECK_STR(cf.stonith_hosts[0].params, "n1 n2");
	CHECK_STR(cf.stonith_hosts[1].host, "n2");
	CHECK_STR(cf.stonith_hosts[1].params, "10.0.0.9 apc  secret pw");
	CHECK_STR(cf.stonith_hosts[2].params, "");
	ERR1("stonith_host\n", "ha.cf:4: stonith_host: expected HOST|* TYPE [PARAMETERS...]");
	ERR1("stonith_host *\n", "ha.cf:4: stonith_host: expected HOST|* TYPE [PARAMETERS...]");
}

static void test_post_checks(void)
{
	/* each refusal, with its message */
	CHECK_INT(P("node n1\nlogfacility daemon\n"), -1);
	CHECK_INT(er.n, 1);
	HAS_ERR("ha.cf: No heartbeat media defined (expected at least one bcast, mcast, ucast or serial line)");
	CHECK_INT(P("node n1\nlogfacility daemon\nping 10.0.0.1\n"), 0);   /* ping is a medium */
	CHECK_INT(P("bcast eth0\nlogfacility daemon\n"), -1);
	CHECK_INT(er.n, 2);
	CHECK_STR(er.msg[0], "ha.cf: no nodes defined (expected node lines naming every cluster node, this one included)");
	CHECK_STR(er.msg[1], "ha.cf: Current node [n1] not in configuration! (the name of this node, from uname -n or nodeinfo, is n1: expected a line 'node n1')");
	CHECK_INT(P("bcast eth0\nnode n2\nnode n3\nlogfacility daemon\n"), -1);
	CHECK_INT(er.n, 1);
	HAS_ERR("ha.cf: Current node [n1] not in configuration! (the name of this node, from uname -n or nodeinfo, is n1; ha.cf declares n2, n3: expected a line 'node n1')");
	/* autojoin any waives both; then R1 mode refuses autojoin */
	CHECK_INT(P("bcast eth0\nlogfacility daemon\nautojoin any\ncrm on\n"), 0);
	CHECK_INT(P("bcast eth0\nlogfacility daemon\nautojoin any\n"), -1);
	CHECK_INT(er.n, 1);
	HAS_ERR("ha.cf: R1 style resource management conflicts with autojoin set: unset autojoin or enable crm");
	ERR1("autojoin other\n", "ha.cf: R1 style resource management conflicts with autojoin set: unset autojoin or enable crm");
	/* localnode NULL skips the membership check; names compare lower-cased */
	conf_free(&cf);
	conf_errors_free(&er);
	CHECK_INT(conf_parse("bcast eth0\nnode n2\nlogfacility daemon\n", 37, "ha.cf", NULL, &cf, &er), 0);
	CHECK_INT(P("bcast eth0\nnode N1\nlogfacility daemon\n"), 0);
	conf_free(&cf);
	CHECK_INT(conf_parse("bcast eth0\nnode n1\nlogfacility daemon\n", 37, "ha.cf", "N1", &cf, &er), 0);

	/* cross-directive errors: both values with units and lines, anchored on
	 * the later line; a default says so */
	ERR1("keepalive 2\ndeadtime 4\n", "ha.cf:5: deadtime must be more than twice keepalive: deadtime 4 = 4000 ms (line 5), keepalive 2 = 2000 ms (line 4)");
	ERR1("deadtime 4\nkeepalive 2\n", "ha.cf:5: deadtime must be more than twice keepalive: deadtime 4 = 4000 ms (line 4), keepalive 2 = 2000 ms (line 5)");
	ERR1("keepalive 20\n", "ha.cf:4: deadtime must be more than twice keepalive: deadtime 30000 ms (the default), keepalive 20 = 20000 ms (line 4)");
	OK("keepalive 2\ndeadtime 4.001\n");
	ERR1("deadtime 0\n", "ha.cf:4: deadtime must be more than twice keepalive: deadtime 0 = 0 ms (line 4), keepalive 1000 ms (the default)");
	ERR1("keepalive 2\ndeadtime 5\ninitdead 4\n", "ha.cf:6: initdead must be at least deadtime: initdead 4 = 4000 ms (line 6), deadtime 5 = 5000 ms (line 5)");
	ERR1("initdead 20\n", "ha.cf:4: initdead must be at least deadtime: initdead 20 = 20000 ms (line 4), deadtime 30000 ms (the default)");
	OK("keepalive 2\ndeadtime 5\ninitdead 5\n");
	HAS_WARN("ha.cf:6: initdead is less than 10 s: a slow network start may cause a false takeover: initdead 5 = 5000 ms (line 6)");
	OK("keepalive 2\ndeadtime 5\n");   /* derived initdead 12 s: no warning */
	CHECK_INT(er.nwarn, 1);   /* the legacy one only */
	ERR1("keepalive 2\ndeadtime 5\ndeadping 4\n", "ha.cf:6: deadping must be more than twice keepalive: deadping 4 = 4000 ms (line 6), keepalive 2 = 2000 ms (line 4)");
	/* warntime at or above deadtime: accepted (as the original), warned */
	OK("warntime 40\ndeadtime 20\n");
	HAS_WARN("ha.cf:5: warntime should be less than deadtime, or no late heartbeat is reported before the node is declared dead: warntime 40 = 40000 ms (line 4), deadtime 20 = 20000 ms (line 5)");
	OK("warntime 30\n");
	HAS_WARN("ha.cf:4: warntime should be less than deadtime, or no late heartbeat is reported before the node is declared dead: warntime 30 = 30000 ms (line 4), deadtime 30000 ms (the default)");
	OK("warntime 29\n");
	CHECK_INT(er.nwarn, 1);
	/* a rejected value gets no default: one error, not a second wrong one */
	ERR1("keepalive 20\ndeadtime 10min\n", "ha.cf:5: deadtime: invalid time [10min] (expected a number of seconds such as 30 or 1.5, or milliseconds such as 500ms; 'min' is not a unit)");
	ERR1("keepalive 2s\ndeadtime 3\n", "ha.cf:4: keepalive: invalid time [2s] (expected a positive number of seconds such as 30 or 1.5, or milliseconds such as 500ms; 's' is not a unit)");
	ERR1("deadtime 3x\ninitdead 1\n", "ha.cf:4: deadtime: invalid time [3x] (expected a number of seconds such as 30 or 1.5, or milliseconds such as 500ms; 'x' is not a unit)");
	ERR1("initdead x\n", "ha.cf:4: initdead: invalid time [x] (expected a number of seconds such as 30 or 1.5, or milliseconds such as 500ms)");
	CHECK(conf_param(&cf, "initdead") == NULL);
	OK("keepalive 2\ndeadtime 5\ndeadping 4.5\n");

	/* use_logd off needs some log destination; logfacility none is none */
	CHECK_INT(P("node n1\nbcast eth0\nuse_logd off\n"), -1);
	CHECK_INT(er.n, 1);
	HAS_ERR("ha.cf: No log entry found in ha.cf and use_logd is set to off (expected logfile, debugfile, logfacility or use_logd yes)");
	CHECK_INT(P("node n1\nbcast eth0\nuse_logd off\nlogfacility none\n"), -1);
	CHECK_INT(P("node n1\nbcast eth0\nuse_logd off\nlogfile /dev/null\n"), 0);
	CHECK_INT(P("node n1\nbcast eth0\nuse_logd off\ndebugfile /tmp/x\n"), 0);
	/* with no log entry at all, logd is used, and recorded so */
	CHECK_INT(P("node n1\nbcast eth0\n"), 0);
	CHECK_INT(cf.use_logd, 1);
	PARAM("use_logd", "yes");
	CHECK(conf_param(&cf, "logfile") == NULL);
	CHECK_INT(P("node n1\nbcast eth0\nlogfacility none\n"), 0);
	CHECK_INT(cf.use_logd, 1);
	PARAM("use_logd", "yes");
	PARAM("logfacility", "none");
	CHECK(conf_param(&cf, "debugfile") == NULL);
	/* a file alone: no logd, nothing else recorded */
	CHECK_INT(P("node n1\nbcast eth0\nlogfile /var/log/ha-log\n"), 0);
	CHECK_INT(cf.use_logd, -1);
	CHECK(conf_param(&cf, "use_logd") == NULL);
	CHECK(conf_param(&cf, "debugfile") == NULL);
	CHECK(conf_param(&cf, "logfacility") == NULL);
	/* a facility and one file: the other file is /dev/null */
	CHECK_INT(P("node n1\nbcast eth0\nlogfacility local0\nlogfile /var/log/ha-log\n"), 0);
	PARAM("logfile", "/var/log/ha-log");
	PARAM("debugfile", "/dev/null");
	CHECK_INT(P("node n1\nbcast eth0\nlogfacility local0\nuse_logd yes\n"), 0);
	PARAM("use_logd", "yes");
	PARAM("logfile", "/dev/null");

	/* everything at once, in the original's order */
	CHECK_INT(P("keepalive 2\ndeadtime 4\ninitdead 3\ndeadping 1\nuse_logd off\nautojoin other\n"), -1);
	CHECK_INT(er.n, 8);
	if (er.n == 8) {
		CHECK_STR(er.msg[0], "ha.cf: No heartbeat media defined (expected at least one bcast, mcast, ucast or serial line)");
		CHECK_STR(er.msg[1], "ha.cf: no nodes defined (expected node lines naming every cluster node, this one included)");
		CHECK_STR(er.msg[2], "ha.cf: Current node [n1] not in configuration! (the name of this node, from uname -n or nodeinfo, is n1: expected a line 'node n1')");
		CHECK_STR(er.msg[3], "ha.cf:2: deadtime must be more than twice keepalive: deadtime 4 = 4000 ms (line 2), keepalive 2 = 2000 ms (line 1)");
		CHECK_STR(er.msg[4], "ha.cf:3: initdead must be at least deadtime: initdead 3 = 3000 ms (line 3), deadtime 4 = 4000 ms (line 2)");
		CHECK_STR(er.msg[5], "ha.cf:4: deadping must be more than twice keepalive: deadping 1 = 1000 ms (line 4), keepalive 2 = 2000 ms (line 1)");
		CHECK_STR(er.msg[6], "ha.cf: No log entry found in ha.cf and use_logd is set to off (expected logfile, debugfile, logfacility or use_logd yes)");
		CHECK_STR(er.msg[7], "ha.cf: R1 style resource management conflicts with autojoin set: unset autojoin or enable crm");
	}
}

static void test_many_errors(void)
{
	/* every bad line is reported, in order, and parsing goes on */
	CHECK_INT(P("keepalive 2s\nfoo bar\nnode A\nbaud 1234\nlogfacility bogus\nudpport 700\nbcast eth0\nhopfudge 300\n"), -1);
	CHECK_INT(er.n, 6);
	if (er.n == 6) {
		CHECK_STR(er.msg[0], "ha.cf:1: keepalive: invalid time [2s] (expected a positive number of seconds such as 30 or 1.5, or milliseconds such as 500ms; 's' is not a unit)");
		CHECK_STR(er.msg[1], "ha.cf:2: Illegal directive [foo]: not a heartbeat 3.0.6 ha.cf directive");
		CHECK_STR(er.msg[2], "ha.cf:4: baud: invalid rate [1234] (expected 9600, 19200, 38400, 57600, 115200, 230400 or 460800)");
		CHECK_STR(er.msg[3], "ha.cf:5: Log facility(bogus) not valid (expected none, auth, authpriv, cron, daemon, ftp, kern, lpr, mail, news, syslog, user, uucp or local0..local7)");
		CHECK_STR(er.msg[4], "ha.cf:8: hopfudge: invalid value [300] (expected an integer from 0 to 255)");
		/* post-parse errors follow the line errors */
		CHECK_STR(er.msg[5], "ha.cf: Current node [n1] not in configuration! (the name of this node, from uname -n or nodeinfo, is n1; ha.cf declares a: expected a line 'node n1')");
	}
	/* the good lines were still applied */
	CHECK_INT(cf.udpport, 700);
	CHECK_INT(cf.nmedia, 1);
	CHECK_STR(cf.nodes[0], "a");
	/* a bad value is not recorded, and gets no default either */
	CHECK(conf_param(&cf, "keepalive") == NULL);
	/* errors accumulate across calls until freed */
	{
		struct hb_config c2;

		CHECK_INT(conf_parse("x\n", 2, "other.cf", "n1", &c2, &er), -1);
		CHECK(er.n > 5);
		HAS_ERR("other.cf:1: Illegal directive [x]: not a heartbeat 3.0.6 ha.cf directive");
		conf_free(&c2);
	}
}

static void test_captures(void)
{
	const char *shared = getenv("HB_DATA");
	static const char *const caps[] = {
		"failback-sha1/ha.cf.n1", "serial/ha.cf.n1", "serial/ha.cf.n2", "shutdown-sha1/ha.cf.n1",
		"standby-sha1/ha.cf.n1", "steady-crc/ha.cf.n1", "steady-md5/ha.cf.n1",
		"steady-sha1/ha.cf.n1", "steady-sha1-ka200ms-dt1/ha.cf.n1", "takeover-kill-sha1/ha.cf.n1",
		"ucast-sha1/ha.cf.n1", "ucast-sha1/ha.cf.n2",
	};
	char path[1024];
	size_t i;

	if (!shared)
		shared = "tests/data";
	for (i = 0; i < sizeof caps / sizeof caps[0]; i++) {
		conf_free(&cf);
		conf_errors_free(&er);
		snprintf(path, sizeof path, "%s/spec/captures/%s", shared, caps[i]);
		CHECK_INT(conf_load(path, "n1", &cf, &er), 0);
		if (er.n)
			printf("  %s: %s\n", caps[i], er.msg[0]);
		CHECK_INT(cf.nnodes, 2);
		CHECK_INT(cf.nmedia, 1);
		CHECK_INT(cf.auto_failback, AF_ON);
		CHECK(!cf.crm);
		CHECK_INT(cf.use_logd, 0);
		CHECK_STR(cf.logfile, "/var/log/ha-log");
	}
	snprintf(path, sizeof path, "%s/spec/captures/steady-sha1/ha.cf.n1", shared);
	conf_free(&cf);
	conf_errors_free(&er);
	CHECK_INT(conf_load(path, "n2", &cf, &er), 0);
	CHECK_INT(cf.keepalive_ms, 1000);
	CHECK_INT(cf.deadtime_ms, 5000);
	CHECK_INT(cf.warntime_ms, 2500);
	CHECK_INT(cf.initdead_ms, 10000);
	CHECK_INT(cf.logfacility, -1);
	CHECK_INT(cf.debug, 0);
	CHECK(cf.realtime);
	CHECK_INT(cf.media[0].type, MEDIA_BCAST);
	CHECK_STR(cf.media[0].dev, "eth0");
	PARAM("deadping", "5000ms");
	PARAM("warntime", "2500ms");
	PARAM("pacemaker", "off");
	PARAM("auto_failback", "on");
	snprintf(path, sizeof path, "%s/spec/captures/steady-sha1-ka200ms-dt1/ha.cf.n1", shared);
	conf_free(&cf);
	conf_errors_free(&er);
	CHECK_INT(conf_load(path, "n1", &cf, &er), 0);
	CHECK_INT(cf.keepalive_ms, 200);
	CHECK_INT(cf.deadtime_ms, 1000);
	CHECK_INT(cf.initdead_ms, 4000);
	PARAM("keepalive", "200ms");
	snprintf(path, sizeof path, "%s/spec/captures/serial/ha.cf.n2", shared);
	conf_free(&cf);
	conf_errors_free(&er);
	CHECK_INT(conf_load(path, "n2", &cf, &er), 0);
	CHECK_INT(cf.media[0].type, MEDIA_SERIAL);
	CHECK_STR(cf.media[0].dev, "/dev/pts/1");
	CHECK_INT(cf.media[0].baud, 19200);
	snprintf(path, sizeof path, "%s/spec/captures/ucast-sha1/ha.cf.n1", shared);
	conf_free(&cf);
	conf_errors_free(&er);
	CHECK_INT(conf_load(path, "n1", &cf, &er), 0);
	CHECK_INT(cf.media[0].type, MEDIA_UCAST);
	CHECK_STR(cf.media[0].addr, "10.250.0.12");

	/* a file that cannot be opened */
	conf_free(&cf);
	conf_errors_free(&er);
	CHECK_INT(conf_load("/nonexistent/ha.cf", "n1", &cf, &er), -1);
	CHECK_INT(er.n, 1);
	HAS_ERR("/nonexistent/ha.cf: cannot open: No such file or directory");
	conf_free(&cf);
	conf_errors_free(&er);
	CHECK_INT(conf_load("/", "n1", &cf, &er), -1);
	CHECK_INT(er.n, 1);
}

static void test_print_defaults(void)
{
	char buf[8192] = "";
	FILE *f = tmpfile(), *saved = stdout;
	size_t n;

	if (!f) {
		CHECK(0);
		return;
	}
	fflush(stdout);
	stdout = f;
	conf_print_defaults();
	fflush(f);
	stdout = saved;
	rewind(f);
	n = fread(buf, 1, sizeof buf - 1, f);
	buf[n] = '\0';
	fclose(f);
	CHECK(strncmp(buf, "Directive", 9) == 0);
	CHECK(strstr(buf, "\ncluster                  linux-ha ") != NULL);
	CHECK(strstr(buf, "\nkeepalive                1000ms ") != NULL);
	CHECK(strstr(buf, "\ndeadtime                 30000ms ") != NULL);
	CHECK(strstr(buf, "\nauto_failback            legacy ") != NULL);
	CHECK(strstr(buf, "\nmemreserve               6500 ") != NULL);
	CHECK(strstr(buf, "\npacemaker                false ") != NULL);
	CHECK(strstr(buf, "\nnode ") == NULL);
	CHECK(strstr(buf, "\ncrm ") == NULL);
	CHECK(strstr(buf, "\nudpport") == NULL);
	{
		/* the original's 24 rows, in its order */
		static const char *const order[] = { "cluster", "hopfudge", "keepalive", "deadtime",
			"baud", "auto_failback", "hbgenmethod", "realtime", "msgfmt", "conn_logd_time",
			"log_badpack", "syslogmsgfmt", "coredumps", "pacemaker", "autojoin", "uuidfrom",
			"compression", "compression_threshold", "traditional_compression",
			"max_rexmit_delay", "record_config_changes", "record_pengine_inputs",
			"enable_config_writes", "memreserve" };
		const char *p = buf;
		char key[64];
		size_t i;
		int lines = 0;

		for (i = 0; i < sizeof order / sizeof order[0]; i++) {
			snprintf(key, sizeof key, "\n%s ", order[i]);
			p = strstr(p, key);
			CHECK(p != NULL);
			if (!p)
				break;
		}
		for (p = buf; *p; p++)
			lines += *p == '\n';
		CHECK_INT(lines, 26);
	}
}

int main(void)
{
	test_time_and_bool();
	test_defaults();
	test_derived();
	test_lexical();
	test_directives();
	test_media();
	test_order();
	test_builtins();
	test_post_checks();
	test_many_errors();
	test_captures();
	test_print_defaults();
	conf_free(&cf);
	conf_errors_free(&er);
	return T_DONE();
}
