/* Log sink.  Lines look like the original's file log: "ident[pid]: date LEVEL: text"
 * so operators' log watchers keep matching. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>
#include "log.h"

static struct log_settings cur = { "heartbeat", 1, -1, NULL, NULL, 0 };
static char ident_buf[64];
static char logfile_buf[4096], debugfile_buf[4096];

void log_setup(const struct log_settings *s)
{
	cur = *s;
	snprintf(ident_buf, sizeof ident_buf, "%s", s->ident ? s->ident : "heartbeat");
	cur.ident = ident_buf;
	if (s->logfile) {
		snprintf(logfile_buf, sizeof logfile_buf, "%s", s->logfile);
		cur.logfile = logfile_buf;
	}
	if (s->debugfile) {
		snprintf(debugfile_buf, sizeof debugfile_buf, "%s", s->debugfile);
		cur.debugfile = debugfile_buf;
	}
	closelog();
	if (cur.facility >= 0)
		openlog(cur.ident, LOG_PID | LOG_NDELAY, cur.facility);
}

int log_debug_level(void) { return cur.debug; }
void log_set_debug_level(int level) { cur.debug = level < 0 ? 0 : level; }

static const char *lvl_name(enum log_level l)
{
	switch (l) {
	case LOG_LVL_ERR: return "ERROR";
	case LOG_LVL_WARN: return "WARN";
	case LOG_LVL_INFO: return "info";
	default: return "debug";
	}
}

static void to_file(const char *path, const char *stamp, enum log_level lvl, const char *text)
{
	FILE *f;

	if (!path || strcmp(path, "/dev/null") == 0)
		return;
	/* Opened per line so that logrotate needs no signal; the log is the only
	 * disk write on the heartbeat path and it is appended, never synced. */
	f = fopen(path, "a");
	if (!f)
		return;
	fprintf(f, "%s[%d]: %s %s: %s\n", cur.ident, (int)getpid(), stamp, lvl_name(lvl), text);
	fclose(f);
}

void log_vmsg(enum log_level lvl, const char *fmt, va_list ap)
{
	char text[2048], stamp[64];
	struct timespec ts;
	struct tm tm;
	static const int prio[] = { LOG_ERR, LOG_WARNING, LOG_INFO, LOG_DEBUG };

	vsnprintf(text, sizeof text, fmt, ap);
	clock_gettime(CLOCK_REALTIME, &ts);
	localtime_r(&ts.tv_sec, &tm);
	snprintf(stamp, sizeof stamp, "%04d/%02d/%02d_%02d:%02d:%02d.%03ld",
		 tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min,
		 tm.tm_sec, ts.tv_nsec / 1000000);
	if (cur.to_stderr)
		fprintf(stderr, "%s[%d]: %s %s: %s\n", cur.ident, (int)getpid(), stamp,
			lvl_name(lvl), text);
	if (cur.facility >= 0)
		syslog(prio[lvl], "%s: %s", lvl_name(lvl), text);
	if (lvl != LOG_LVL_DEBUG)
		to_file(cur.logfile, stamp, lvl, text);
	to_file(cur.debugfile, stamp, lvl, text);
}

void log_msg(enum log_level lvl, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_vmsg(lvl, fmt, ap);
	va_end(ap);
}
