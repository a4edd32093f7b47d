/* The ordinary ha.cf directives of heartbeat 3.0.6: one handler per value, the
 * table of defaults and recorded names, the time and boolean value syntaxes,
 * and the "heartbeat -D" listing.  Handlers only validate and store. */
#include <arpa/inet.h>
#include <ctype.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include "conf_int.h"

#define TIME_MAX_MS 0x7fffffffLL

long conf_parse_time_ms(const char *s)
{
	unsigned long long mant = 0, num, den = 1, ms;
	bool dot = false, digit = false;
	int fdig = 0;

	if (!s)
		return -1;
	while (isspace((unsigned char)*s))
		s++;
	for (; *s; s++) {
		if (isdigit((unsigned char)*s)) {
			digit = true;
			if (mant < 100000000000000ULL) {
				mant = mant * 10 + (unsigned)(*s - '0');
				if (dot)
					fdig++;
			} else if (!dot) {
				return -1;   /* far beyond any sane timer */
			}               /* else: a fraction digit too fine to matter */
		} else if (*s == '.' && !dot) {
			dot = true;
		} else {
			break;
		}
	}
	if (!digit)
		return -1;
	while (isspace((unsigned char)*s))
		s++;
	/* The original compared only the first two letters: "msec" is ms too. */
	if (*s == '\0') {
		num = 1000;
	} else if (strncmp(s, "ms", 2) == 0) {
		num = 1;
	} else if (strncmp(s, "us", 2) == 0) {
		num = 1;
		den = 1000;
	} else {
		return -1;
	}
	while (fdig-- > 0)
		den *= 10;
	ms = (mant * num + den / 2) / den;
	if (ms > (unsigned long long)TIME_MAX_MS)
		return -1;
	return (long)ms;
}

int conf_parse_bool(const char *s)
{
	static const char *const yes[] = { "true", "on", "yes", "y", "1" };
	static const char *const no[] = { "false", "off", "no", "n", "0" };
	size_t i;

	if (!s)
		return -1;
	for (i = 0; i < sizeof yes / sizeof yes[0]; i++) {
		if (strcasecmp(s, yes[i]) == 0)
			return 1;
		if (strcasecmp(s, no[i]) == 0)
			return 0;
	}
	return -1;
}

static int set_str(char **dst, const char *val)
{
	char *s = strdup(val);

	if (!s)
		return -1;
	free(*dst);
	*dst = s;
	return 0;
}

static int get_bool(struct conf_ctx *x, const char *name, const char *val, bool *out)
{
	int b = conf_parse_bool(val);

	if (b < 0) {
		conf_err(x, "%s: invalid boolean [%.64s] (expected on/off, yes/no, true/false, y/n, 1/0)",
			 name, val);
		return -1;
	}
	if (out)
		*out = b;
	return 0;
}

static int get_time(struct conf_ctx *x, const char *name, const char *val, bool zero_ok,
		    unsigned *out)
{
	long ms = conf_parse_time_ms(val);

	if (ms < 0 || (ms == 0 && !zero_ok)) {
		size_t lead = strspn(val, " \t"), num = strspn(val + lead, "0123456789.");
		const char *u = val + lead + num;

		u += strspn(u, " \t");
		/* "2s", "10min": units people expect but the original never had. */
		if (ms < 0 && num > 0 && *u && strncmp(u, "ms", 2) && strncmp(u, "us", 2))
			conf_err(x, "%s: invalid time [%.64s] (expected %s seconds such as 30 or 1.5, or milliseconds such as 500ms; '%.16s' is not a unit)",
				 name, val, zero_ok ? "a number of" : "a positive number of", u);
		else
			conf_err(x, "%s: invalid time [%.64s] (expected %s seconds such as 30 or 1.5, or milliseconds such as 500ms)",
				 name, val, zero_ok ? "a number of" : "a positive number of");
		return -1;
	}
	*out = (unsigned)ms;
	return 0;
}

static int get_int(struct conf_ctx *x, const char *name, const char *val, long min, long max,
		   long *out)
{
	if (!conf_parse_int(val, min, max, out)) {
		conf_err(x, "%s: invalid value [%.64s] (expected an integer from %ld to %ld)",
			 name, val, min, max);
		return -1;
	}
	return 0;
}

static int d_cluster(struct conf_ctx *x, const char *v) { return set_str(&x->c->cluster, v); }

static int d_node(struct conf_ctx *x, const char *v) { return conf_add_node_name(x, v, false); }

static int d_hopfudge(struct conf_ctx *x, const char *v)
{
	long n;

	if (get_int(x, "hopfudge", v, 0, 255, &n) < 0)
		return -1;
	x->c->hopfudge = (int)n;
	return 0;
}

static int d_keepalive(struct conf_ctx *x, const char *v)
{
	return get_time(x, "keepalive", v, false, &x->c->keepalive_ms);
}

static int d_deadtime(struct conf_ctx *x, const char *v)
{
	return get_time(x, "deadtime", v, true, &x->c->deadtime_ms);
}

static int d_deadping(struct conf_ctx *x, const char *v)
{
	if (get_time(x, "deadping", v, true, &x->c->deadping_ms) < 0)
		return -1;
	x->c->deadping_set = true;
	return 0;
}

static int d_warntime(struct conf_ctx *x, const char *v)
{
	if (get_time(x, "warntime", v, false, &x->c->warntime_ms) < 0)
		return -1;
	x->c->warntime_set = true;
	return 0;
}

static int d_initdead(struct conf_ctx *x, const char *v)
{
	if (get_time(x, "initdead", v, true, &x->c->initdead_ms) < 0)
		return -1;
	x->c->initdead_set = true;
	return 0;
}

static int d_watchdog(struct conf_ctx *x, const char *v)
{
	if (x->watchdog_seen) {
		conf_err(x, "watchdog: device given more than once (expected one watchdog line)");
		return -1;
	}
	x->watchdog_seen = true;
	return set_str(&x->c->watchdog, v);
}

static int d_baud(struct conf_ctx *x, const char *v)
{
	static const long rates[] = { 9600, 19200, 38400, 57600, 115200, 230400, 460800 };
	long n = 0;
	size_t i = 0;

	if (x->baud_seen && x->line > 0) {
		conf_err(x, "baud: rate given more than once (expected one baud line, before the serial lines)");
		return -1;
	}
	if (conf_parse_int(v, 1, 460800, &n))
		for (i = 0; i < sizeof rates / sizeof rates[0]; i++)
			if (rates[i] == n)
				break;
	if (n == 0 || i == sizeof rates / sizeof rates[0]) {
		conf_err(x, "baud: invalid rate [%.64s] (expected 9600, 19200, 38400, 57600, 115200, 230400 or 460800)", v);
		return -1;
	}
	if (x->line > 0)
		x->baud_seen = true;
	x->c->baud = (int)n;
	x->cur_baud = (int)n;
	return 0;
}

static int d_udpport(struct conf_ctx *x, const char *v)
{
	long n;

	if (get_int(x, "udpport", v, 1, 65535, &n) < 0)
		return -1;
	if (x->c->nmedia > 0)
		conf_warn(x, "udpport: media declared above this line keep the port in force when they were read");
	{
		struct servent *se = getservbyport(htons((uint16_t)n), "udp");

		if (se && strcmp(se->s_name, "ha-cluster") != 0)
			conf_warn(x, "udpport: /etc/services gives port %ld/udp to %s", n, se->s_name);
		endservent();
	}
	x->udpport_seen = true;
	x->c->udpport = (int)n;
	x->cur_udpport = (int)n;
	return 0;
}

static const struct { const char *name; int value; } facilities[] = {
	{ "auth", LOG_AUTH }, { "security", LOG_AUTH }, { "authpriv", LOG_AUTHPRIV },
	{ "cron", LOG_CRON }, { "daemon", LOG_DAEMON }, { "ftp", LOG_FTP },
	{ "kern", LOG_KERN }, { "lpr", LOG_LPR }, { "mail", LOG_MAIL }, { "news", LOG_NEWS },
	{ "syslog", LOG_SYSLOG }, { "user", LOG_USER }, { "uucp", LOG_UUCP },
	{ "local0", LOG_LOCAL0 }, { "local1", LOG_LOCAL1 }, { "local2", LOG_LOCAL2 },
	{ "local3", LOG_LOCAL3 }, { "local4", LOG_LOCAL4 }, { "local5", LOG_LOCAL5 },
	{ "local6", LOG_LOCAL6 }, { "local7", LOG_LOCAL7 },
};

static int d_logfacility(struct conf_ctx *x, const char *v)
{
	size_t i;

	/* "none" is no log entry: without a file the original falls back to logd. */
	if (strcmp(v, "none") == 0) {
		x->c->logfacility = -1;
		x->c->logfacility_none = true;
		return 0;
	}
	for (i = 0; i < sizeof facilities / sizeof facilities[0]; i++) {
		if (strcmp(v, facilities[i].name) == 0) {
			x->log_set = true;
			x->c->logfacility = facilities[i].value;
			x->c->logfacility_none = false;
			return 0;
		}
	}
	conf_err(x, "Log facility(%.64s) not valid (expected none, auth, authpriv, cron, daemon, ftp, kern, lpr, mail, news, syslog, user, uucp or local0..local7)", v);
	return -1;
}

static int d_logfile(struct conf_ctx *x, const char *v)
{
	x->log_set = true;
	return set_str(&x->c->logfile, v);
}

static int d_debugfile(struct conf_ctx *x, const char *v)
{
	x->log_set = true;
	return set_str(&x->c->debugfile, v);
}

/* Obsolete: it never selects a mode of its own.  After an auto_failback on/off
 * it forces off; otherwise legacy (which the default would give anyway). */
static int d_nice_failback(struct conf_ctx *x, const char *v)
{
	if (get_bool(x, "nice_failback", v, NULL) < 0)
		return -1;
	conf_warn(x, "nice_failback is obsolete: use auto_failback on, off or legacy");
	if (x->af_given && x->c->auto_failback != AF_LEGACY)
		x->c->auto_failback = AF_OFF;
	else
		x->c->auto_failback = AF_LEGACY;
	return 0;
}

static int d_auto_failback(struct conf_ctx *x, const char *v)
{
	int b;

	if (strcasecmp(v, "legacy") == 0) {
		x->c->auto_failback = AF_LEGACY;
	} else if ((b = conf_parse_bool(v)) >= 0) {
		x->c->auto_failback = b ? AF_ON : AF_OFF;
	} else {
		conf_err(x, "auto_failback: invalid value [%.64s] (expected on, off or legacy)", v);
		return -1;
	}
	if (x->line > 0)
		x->af_given = true;
	return 0;
}

static int d_rtprio(struct conf_ctx *x, const char *v)
{
	long n;

	/* sched_get_priority_min/max(SCHED_FIFO) are 1 and 99 on Linux. */
	if (!conf_parse_int(v, 1, 99, &n)) {
		conf_err(x, "Illegal realtime priority [%.64s] (expected an integer from 1 to 99)", v);
		return -1;
	}
	x->c->rtprio = (int)n;
	return 0;
}

static int d_hbgenmethod(struct conf_ctx *x, const char *v)
{
	if (strcmp(v, "file") == 0)
		x->c->hbgen_time = false;
	else if (strcmp(v, "time") == 0)
		x->c->hbgen_time = true;
	else {
		conf_err(x, "Illegal hb generation method [%.64s] (expected file or time)", v);
		return -1;
	}
	return 0;
}

static int d_realtime(struct conf_ctx *x, const char *v)
{
	return get_bool(x, "realtime", v, &x->c->realtime);
}

static int d_debug(struct conf_ctx *x, const char *v)
{
	long n;

	if (get_int(x, "debug", v, 0, 255, &n) < 0)
		return -1;
	x->c->debug = (int)n;
	return 0;
}

static int d_msgfmt(struct conf_ctx *x, const char *v)
{
	if (strcmp(v, "classic") == 0)
		x->c->msgfmt_netstring = false;
	else if (strcmp(v, "netstring") == 0)
		x->c->msgfmt_netstring = true;
	else {
		conf_err(x, "msgfmt: invalid format [%.64s] (expected classic or netstring)", v);
		return -1;
	}
	return 0;
}

static int d_use_logd(struct conf_ctx *x, const char *v)
{
	bool b;

	if (get_bool(x, "use_logd", v, &b) < 0)
		return -1;
	x->c->use_logd = b;
	x->use_logd_set = true;
	return 0;
}

static int d_conn_logd_time(struct conf_ctx *x, const char *v)
{
	return get_time(x, "conn_logd_time", v, false, &x->c->conn_logd_time_ms);
}

static int d_bool_only(struct conf_ctx *x, const char *v)
{
	/* Validated only (use_apphbd, record_*, enable_config_writes, crmd_spawns_pengine). */
	return get_bool(x, x->dname ? x->dname : "value", v, NULL);
}

static int d_log_badpack(struct conf_ctx *x, const char *v)
{
	return get_bool(x, "log_badpack", v, &x->c->log_badpack);
}

static int d_syslogmsgfmt(struct conf_ctx *x, const char *v)
{
	return get_bool(x, "syslogmsgfmt", v, &x->c->syslogmsgfmt);
}

static int d_coredumps(struct conf_ctx *x, const char *v)
{
	return get_bool(x, "coredumps", v, &x->c->coredumps);
}

static int d_coreroot(struct conf_ctx *x, const char *v) { return set_str(&x->c->coreroot, v); }

static int d_before_pacemaker(struct conf_ctx *x, const char *v)
{
	if (x->pacemaker_seen)
		conf_warn(x, "crm_daemon_dir and crmd_spawns_pengine only take effect before the pacemaker/crm line");
	return 0;
}

/* Where heartbeat finds lrmd and crmd (crm_children.c).  As in 3.0.6 it is
 * read when the crm line is: a later line is warned about and not used. */
static int d_crm_daemon_dir(struct conf_ctx *x, const char *v)
{
	if (v[0] != '/') {
		conf_err(x, "crm_daemon_dir: [%.64s] is not an absolute directory", v);
		return -1;
	}
	if (!x->pacemaker_seen && set_str(&x->c->crm_daemon_dir, v) < 0)
		return -1;
	return d_before_pacemaker(x, v);
}

static int d_crmd_spawns_pengine(struct conf_ctx *x, const char *v)
{
	if (get_bool(x, "crmd_spawns_pengine", v, NULL) < 0)
		return -1;
	return d_before_pacemaker(x, v);
}

static int d_pacemaker(struct conf_ctx *x, const char *v)
{
	static const char *const modes[] = { "minimal", "manual", "respawn", "ccm-only", "valgrind" };
	int b = conf_parse_bool(v);
	size_t i;

	if (x->pacemaker_seen && x->line > 0) {
		conf_err(x, "pacemaker/crm directive used multiple times (expected at most one)");
		return -1;
	}
	if (b < 0) {
		for (i = 0; i < sizeof modes / sizeof modes[0]; i++)
			if (strcasecmp(v, modes[i]) == 0)
				break;
		if (i == sizeof modes / sizeof modes[0]) {
			conf_err(x, "pacemaker: invalid value [%.64s] (expected a boolean, minimal, manual, respawn, ccm-only or valgrind)", v);
			return -1;
		}
		b = 1;
	}
	if (set_str(&x->c->crm_value, v) < 0)
		return -1;
	x->c->crm = b;
	if (x->line > 0)
		x->pacemaker_seen = true;
	return 0;
}

static int d_autojoin(struct conf_ctx *x, const char *v)
{
	if (strcasecmp(v, "none") == 0)
		x->c->autojoin = AUTOJOIN_NONE;
	else if (strcasecmp(v, "other") == 0)
		x->c->autojoin = AUTOJOIN_OTHER;
	else if (strcasecmp(v, "any") == 0)
		x->c->autojoin = AUTOJOIN_ANY;
	else {
		conf_err(x, "Invalid autojoin directive [%.64s] (expected none, other or any)", v);
		return -1;
	}
	return 0;
}

static int d_uuidfrom(struct conf_ctx *x, const char *v)
{
	if (strcmp(v, "file") == 0)
		x->c->uuid_from_nodename = false;
	else if (strcmp(v, "nodename") == 0)
		x->c->uuid_from_nodename = true;
	else {
		conf_err(x, "Invalid uuidfrom directive [%.64s] (expected file or nodename)", v);
		return -1;
	}
	return 0;
}

static int d_compression(struct conf_ctx *x, const char *v)
{
	if (strcmp(v, "zlib") != 0 && strcmp(v, "bz2") != 0) {
		conf_err(x, "Compression module(%.64s) not found (expected zlib or bz2)", v);
		return -1;
	}
	return set_str(&x->c->compression, v);
}

static int d_compression_threshold(struct conf_ctx *x, const char *v)
{
	long n;

	if (get_int(x, "compression_threshold", v, 1, 1024 * 1024, &n) < 0)
		return -1;
	x->c->compression_threshold = (int)n;
	return 0;
}

static int d_traditional_compression(struct conf_ctx *x, const char *v)
{
	return get_bool(x, "traditional_compression", v, &x->c->traditional_compression);
}

static int d_env(struct conf_ctx *x, const char *v)
{
	const char *eq = strchr(v, '=');
	char **ne, *s;

	if (!eq || eq == v) {
		conf_err(x, "env: invalid pair [%.64s] (expected NAME=value)", v);
		return -1;
	}
	if (asprintf(&s, "HA_%s", v) < 0)
		return -1;
	ne = conf_grow(x->c->env, x->c->nenv, sizeof *ne);
	if (!ne) {
		free(s);
		return -1;
	}
	x->c->env = ne;
	ne[x->c->nenv++] = s;
	return 0;
}

static int d_max_rexmit_delay(struct conf_ctx *x, const char *v)
{
	long n;

	if (get_int(x, "max_rexmit_delay", v, 1, 0x7fffffff, &n) < 0)
		return -1;
	x->c->max_rexmit_delay_ms = (unsigned)n;
	return 0;
}

/* Ours: a resource script still running after this long is killed (the
 * original waited forever, so a hung script froze every takeover). */
static int d_resource_timeout(struct conf_ctx *x, const char *v)
{
	return get_time(x, "resource_timeout", v, true, &x->c->resource_timeout_ms);
}

static int d_memreserve(struct conf_ctx *x, const char *v)
{
	long n;

	if (get_int(x, "memreserve", v, 1, 0x7fffffff, &n) < 0)
		return -1;
	x->c->memreserve = (int)n;
	return 0;
}

static int d_quorum_server(struct conf_ctx *x, const char *v)
{
	return set_str(&x->c->cluster, v);
}

/* Order is the original's -D order for the ones with defaults; the defaults are
 * applied in this order after parsing. */
const struct conf_directive conf_directives[] = {
	{ "cluster", d_cluster, "linux-ha", "cluster", "name of the cluster" },
	{ "node", d_node, NULL, NULL, NULL },
	{ "hopfudge", d_hopfudge, "1", "hopfudge", "hops allowed beyond the node count" },
	{ "keepalive", d_keepalive, "1000ms", "keepalive", "interval between heartbeats" },
	{ "deadtime", d_deadtime, "30000ms", "deadtime", "silence after which a node is dead" },
	{ "deadping", d_deadping, NULL, "deadping", NULL },
	{ "warntime", d_warntime, NULL, "warntime", NULL },
	{ "initdead", d_initdead, NULL, "initdead", NULL },
	{ "watchdog", d_watchdog, NULL, "watchdog", NULL },
	{ "baud", d_baud, "19200", "baud", "serial line speed" },
	{ "udpport", d_udpport, NULL, "udpport", NULL },
	{ "logfacility", d_logfacility, NULL, "logfacility", NULL },
	{ "logfile", d_logfile, NULL, "logfile", NULL },
	{ "debugfile", d_debugfile, NULL, "debugfile", NULL },
	{ "nice_failback", d_nice_failback, NULL, NULL, NULL },
	{ "auto_failback", d_auto_failback, "legacy", "auto_failback", "give resources back to their preferred node" },
	{ "rtprio", d_rtprio, NULL, "rtprio", NULL },
	{ "hbgenmethod", d_hbgenmethod, "file", "hbgenmethod", "where the generation number comes from" },
	{ "realtime", d_realtime, "true", "realtime", "realtime scheduling and locked memory" },
	{ "debug", d_debug, NULL, "debug", NULL },
	{ "msgfmt", d_msgfmt, "classic", "msgfmt", "message format on the wire" },
	{ "use_logd", d_use_logd, NULL, "use_logd", NULL },
	{ "conn_logd_time", d_conn_logd_time, "60", "conn_logd_time", "interval between logd reconnects" },
	{ "use_apphbd", d_bool_only, NULL, NULL, NULL },
	{ "log_badpack", d_log_badpack, "true", "log_badpack", "log packets that fail to parse" },
	{ "syslogmsgfmt", d_syslogmsgfmt, "true", "syslogmsgfmt", "syslog format in log files" },
	{ "coredumps", d_coredumps, "true", "coredumps", "allow core dumps" },
	{ "coreroot", d_coreroot, NULL, "coreroot", NULL },
	{ "crm_daemon_dir", d_crm_daemon_dir, NULL, "crm_daemon_dir", NULL },
	{ "crmd_spawns_pengine", d_crmd_spawns_pengine, NULL, "crmd_spawns_pengine", NULL },
	{ "pacemaker", d_pacemaker, "false", "pacemaker", "Pacemaker (CRM) resource management" },
	{ "crm", d_pacemaker, NULL, "pacemaker", NULL },
	{ "autojoin", d_autojoin, "none", "autojoin", "which unlisted nodes may join" },
	{ "uuidfrom", d_uuidfrom, "file", "uuidfrom", "where the node uuid comes from" },
	{ "compression", d_compression, "zlib", "compression", "compression module" },
	{ "compression_threshold", d_compression_threshold, "2", "compression_threshold", "size (KB) above which messages are compressed" },
	{ "traditional_compression", d_traditional_compression, "no", "traditional_compression", "compress whole messages" },
	{ "env", d_env, NULL, NULL, NULL },
	{ "max_rexmit_delay", d_max_rexmit_delay, "250", "max_rexmit_delay", "longest random wait (ms) before a retransmission" },
	{ "record_config_changes", d_bool_only, "on", "record_config_changes", "keep CIB change history (pacemaker only)" },
	{ "record_pengine_inputs", d_bool_only, "on", "record_pengine_inputs", "keep policy engine inputs (pacemaker only)" },
	{ "enable_config_writes", d_bool_only, "on", "enable_config_writes", "write CIB changes to disk (pacemaker only)" },
	{ "memreserve", d_memreserve, "6500", "memreserve", "KB of memory to reserve at start" },
	{ "quorum_server", d_quorum_server, NULL, "quorum_server", NULL },
	{ "resource_timeout", d_resource_timeout, NULL, "resource_timeout", NULL },
	{ NULL, NULL, NULL, NULL, NULL },
};

int conf_directive_index(const char *name)
{
	const struct conf_directive *d = conf_find_directive(name);

	return d ? (int)(d - conf_directives) : -1;
}

const struct conf_directive *conf_find_directive(const char *name)
{
	const struct conf_directive *d;

	for (d = conf_directives; d->name; d++)
		if (strcmp(d->name, name) == 0)
			return d;
	return NULL;
}

void conf_print_defaults(void)
{
	const struct conf_directive *d;

	printf("%-24s %-9s %s\n", "Directive", "Default", "Description");
	printf("--------------------------------------------------------------------------------\n");
	for (d = conf_directives; d->name; d++)
		if (d->dflt && d->descr)
			printf("%-24s %-9s %s\n", d->name, d->dflt, d->descr);
}
