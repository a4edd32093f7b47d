/* Logging for the daemon and tools: stderr in the foreground, syslog with the
 * configured facility, and the logfile/debugfile of ha.cf.  No other module
 * writes log text anywhere else. */
#ifndef HB_LOG_H
#define HB_LOG_H
#include <stdarg.h>

enum log_level { LOG_LVL_ERR, LOG_LVL_WARN, LOG_LVL_INFO, LOG_LVL_DEBUG };

struct log_settings {
	const char *ident;     /* "heartbeat" */
	int to_stderr;         /* foreground */
	int facility;          /* syslog facility value, or -1 for none */
	const char *logfile;   /* NULL or path; "/dev/null" disables */
	const char *debugfile; /* NULL or path */
	int debug;             /* debug level; LOG_LVL_DEBUG lines need debug > 0 */
};

void log_setup(const struct log_settings *s);
int log_debug_level(void);
void log_set_debug_level(int level);
void log_msg(enum log_level lvl, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void log_vmsg(enum log_level lvl, const char *fmt, va_list ap);

#define log_err(...) log_msg(LOG_LVL_ERR, __VA_ARGS__)
#define log_warn(...) log_msg(LOG_LVL_WARN, __VA_ARGS__)
#define log_info(...) log_msg(LOG_LVL_INFO, __VA_ARGS__)
#define log_debug(...) do { if (log_debug_level() > 0) log_msg(LOG_LVL_DEBUG, __VA_ARGS__); } while (0)
#endif
