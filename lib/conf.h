/* ha.cf: every directive heartbeat 3.0.6 accepts, parsed into a fresh struct
 * hb_config.  Errors are collected as "file:line: message" so one run shows all
 * of them; the caller swaps configs only when parsing succeeded. */
#ifndef HB_CONF_H
#define HB_CONF_H
#include <stdbool.h>
#include <stdarg.h>
#include <stddef.h>

#define CONF_MAXNODES 100
#define CONF_MAXMEDIA 64
#define CONF_HOSTLEN 100

enum media_type { MEDIA_BCAST, MEDIA_MCAST, MEDIA_UCAST, MEDIA_SERIAL, MEDIA_MCAST6, MEDIA_UCAST6 };

struct conf_medium {
	enum media_type type;
	char dev[64];        /* interface, or tty path for serial */
	char addr[256];      /* ucast peer / mcast group, as written */
	int port;            /* udpport (bcast/ucast) or the mcast line's port */
	int ttl;             /* mcast */
	int loop;            /* mcast */
	int baud;            /* serial */
	int line;            /* ha.cf line it came from */
};

struct conf_ping {       /* a ping pseudo-node: "ping ADDR" or "ping_group NAME ADDR..." */
	char name[CONF_HOSTLEN];
	int line;            /* ha.cf line it came from */
	bool group;
	bool v6;
	int naddrs;
	char **addrs;
};

struct conf_cmd {        /* respawn / failfast */
	char *user;
	char *cmdline;       /* "/abs/path args..." */
	bool failfast;
};

struct conf_apiauth {
	char *client;
	char *uids;          /* comma list as written, or NULL */
	char *gids;
};

struct conf_stonith_host {  /* stonith_host HOST|* TYPE PARAMS... */
	char *host;
	char *type;
	char *params;
	int line;            /* ha.cf line it came from */
};

struct conf_param {      /* "recorded" value: getparm and HA_<name> in children */
	char *name;
	char *value;
};

enum af_mode { AF_LEGACY, AF_ON, AF_OFF };
enum autojoin_mode { AUTOJOIN_NONE, AUTOJOIN_OTHER, AUTOJOIN_ANY };

struct hb_config {
	char *path;               /* the ha.cf read */
	char *cluster;
	int nnodes;
	char *nodes[CONF_MAXNODES];   /* lower-cased, config order */
	unsigned keepalive_ms, deadtime_ms, warntime_ms, initdead_ms, deadping_ms;
	bool deadping_set, warntime_set, initdead_set;
	int hopfudge;
	int udpport;
	int baud;
	int nmedia;
	struct conf_medium media[CONF_MAXMEDIA];
	int npings;
	struct conf_ping *pings;
	char *logfile, *debugfile;
	int logfacility;          /* syslog facility value, -1 = none */
	bool logfacility_none;    /* "logfacility none" was written: no syslog at all */
	int use_logd;             /* -1 unset, 0, 1 */
	unsigned conn_logd_time_ms;
	enum af_mode auto_failback;
	bool realtime;
	int rtprio;               /* -1 = default */
	bool hbgen_time;          /* hbgenmethod time */
	bool msgfmt_netstring;
	int debug;
	char *watchdog;
	bool crm;                 /* crm / pacemaker enabled (any value but off) */
	char *crm_value;          /* as written ("yes", "respawn", ...) */
	char *crm_daemon_dir;     /* where lrmd and crmd are; NULL: the built-in directory */
	enum autojoin_mode autojoin;
	bool uuid_from_nodename;
	char *compression;
	int compression_threshold;
	bool traditional_compression;
	unsigned max_rexmit_delay_ms;
	bool log_badpack, syslogmsgfmt, coredumps;
	char *coreroot;
	int memreserve;
	int nenv;
	char **env;               /* "HA_NAME=value" */
	int napiauth;
	struct conf_apiauth *apiauth;
	int ncmds;
	struct conf_cmd *cmds;
	char *stonith_type, *stonith_file;    /* stonith TYPE FILE */
	int stonith_line;
	int nstonith_hosts;
	struct conf_stonith_host *stonith_hosts;
	int nparams;
	struct conf_param *params;
	/* Extensions of ours (not in 3.0.6): */
	char *stop_fail_cmd;      /* "stop_failure_cmd": run when a stop fails; default reboot */
	unsigned resource_timeout_ms; /* "resource_timeout": limit per script run; 0 = none */
};

struct conf_errors {
	int n;
	char **msg;               /* "file:line: message" */
	int nwarn;
	char **warn;
};

/* Parse ha.cf text.  localnode is the (already lower-cased) node name to check
 * for membership; NULL skips that check.  haresources_mode enables the R1
 * checks (autojoin must be none).  Returns 0 if there were no errors. */
int conf_parse(const char *text, size_t len, const char *fname, const char *localnode,
	       struct hb_config *out, struct conf_errors *errs);
int conf_load(const char *path, const char *localnode, struct hb_config *out,
	      struct conf_errors *errs);
void conf_free(struct hb_config *c);
void conf_errors_free(struct conf_errors *e);
/* Add "fname:line: text" (line 0: "fname: text") as an error, or a warning. */
void conf_msg(struct conf_errors *e, bool warn, const char *fname, int line, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
void conf_vmsg(struct conf_errors *e, bool warn, const char *fname, int line, const char *fmt,
	       va_list ap);

/* Time value as ha.cf writes it: "2", "1.5", "500ms", "200000us". -1 if invalid. */
long conf_parse_time_ms(const char *s);
/* Boolean words of the original; -1 if not one. */
int conf_parse_bool(const char *s);
/* Recorded value for getparm / HA_ environment, NULL if not recorded. */
const char *conf_param(const struct hb_config *c, const char *name);
/* Record (or replace) / forget a value (reload keeps the table current). */
void conf_set_param(struct hb_config *c, const char *name, const char *value);
void conf_unset_param(struct hb_config *c, const char *name);
/* Print "name value" lines of directives with defaults (heartbeat -D). */
void conf_print_defaults(void);
#endif
