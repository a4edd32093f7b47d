/* Logging for the daemon and tools: stderr in the foreground, syslog with the
 * configured facility, the logfile/debugfile of ha.cf, and cluster-glue's
 * ha_logd (use_logd).  Lines look like 3.0.6's so log watchers keep matching.
 * In the daemon every line is written by one writer thread: a stalled disk,
 * FIFO or syslog never delays the caller (lines are dropped and counted when
 * the queue is full).  No other module writes log text anywhere else. */
#ifndef HB_LOG_H
#define HB_LOG_H
#include <stdarg.h>
#include <stddef.h>
#include <time.h>

enum log_level { LOG_LVL_ERR, LOG_LVL_WARN, LOG_LVL_INFO, LOG_LVL_DEBUG, LOG_LVL_CRIT };

/* How file and stderr lines look: 3.0.6's syslogmsgfmt on (its default),
 * "Dec 02 06:36:04 node heartbeat: [9]: ERROR: text", or off,
 * "heartbeat[9]: 2026/12/02_06:36:04 ERROR: text". */
enum log_fmt { LOG_FMT_SYSLOG, LOG_FMT_PLAIN };

#define LOG_LOGD_SOCKET "/var/lib/heartbeat/log_daemon"

struct log_settings {
	const char *ident;     /* "heartbeat" */
	int to_stderr;         /* 1: every line; 2: warnings and errors only; 0: none */
	int facility;          /* syslog facility value, or -1 for none */
	const char *logfile;   /* NULL or path; "/dev/null" disables */
	const char *debugfile; /* NULL or path */
	int debug;             /* debug level; LOG_LVL_DEBUG lines need debug > 0 */
	/* The fields below default sensibly when zero. */
	enum log_fmt fmt;
	int use_logd;          /* send to ha_logd while it runs; directly otherwise */
	const char *logd_socket;  /* NULL: LOG_LOGD_SOCKET */
	unsigned logd_retry_ms;   /* reconnect interval (conn_logd_time); 0: 60 s */
	int logd_facility;        /* facility named in logd messages; 0: LOG_DAEMON */
};

/* May be called again at any time (SIGHUP): the next line uses the new settings. */
void log_setup(const struct log_settings *s);
int log_debug_level(void);
void log_set_debug_level(int level);
void log_set_stderr(int mode);           /* the to_stderr field alone */
void log_msg(enum log_level lvl, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void log_vmsg(enum log_level lvl, const char *fmt, va_list ap);

/* From now on lines are queued and written by the writer thread.  Call
 * after any fork that is not followed by exec. */
int log_start_async(void);
/* Wait until the queue is written, at most timeout_ms; 0 if it was. */
int log_flush(unsigned timeout_ms);
/* Lines dropped because the writer could not keep up (since start). */
unsigned long log_dropped(void);
/* Whether lines reach ha_logd now: 1 connected, 0 not, -1 not configured. */
int log_logd_state(void);

/* Pure helpers, exposed for the unit tests. */
const char *log_level_name(enum log_level l);
/* One file/stderr line without the newline; returns its length. */
size_t log_format_line(char *buf, size_t len, enum log_fmt fmt, const struct tm *tm,
		       const char *host, const char *ident, int pid, enum log_level lvl,
		       const char *text);
/* The ha_logd message for a line (cluster-glue IPC frame: length, magic,
 * header, text with its NUL); returns its length, 0 if it does not fit. */
size_t log_logd_frame(unsigned char *buf, size_t len, int facility, enum log_level lvl,
		      const char *ident, int pid, long long when, const char *text);

#define log_crit(...) log_msg(LOG_LVL_CRIT, __VA_ARGS__)
#define log_err(...) log_msg(LOG_LVL_ERR, __VA_ARGS__)
#define log_warn(...) log_msg(LOG_LVL_WARN, __VA_ARGS__)
#define log_info(...) log_msg(LOG_LVL_INFO, __VA_ARGS__)
#define log_debug(...) do { if (log_debug_level() > 0) log_msg(LOG_LVL_DEBUG, __VA_ARGS__); } while (0)
#endif
