/* lib/log: the line formats against lines Debian's heartbeat 3.0.6 really
 * wrote (syslogmsgfmt on and off), the ha_logd frame against the layout
 * cluster-glue's ha_logd reads, level names, and that the synchronous path
 * writes the files as ha.cf says (log file without debug lines). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>
#include "check.h"
#include "log.h"

static void test_formats(void)
{
	struct tm tm = { 0 };
	char buf[512];

	/* 3.0.6, syslogmsgfmt true (its default), logfile:
	 * "Dec 02 06:36:04 nodea heartbeat: [9]: ERROR: Heartbeat not started: configuration error." */
	tm.tm_year = 2026 - 1900, tm.tm_mon = 11, tm.tm_mday = 2;
	tm.tm_hour = 6, tm.tm_min = 36, tm.tm_sec = 4;
	log_format_line(buf, sizeof buf, LOG_FMT_SYSLOG, &tm, "nodea", "heartbeat", 9, LOG_LVL_ERR,
			"Heartbeat not started: configuration error.");
	CHECK_STR(buf, "Dec 02 06:36:04 nodea heartbeat: [9]: ERROR: Heartbeat not started: configuration error.");
	/* syslogmsgfmt false:
	 * "heartbeat[16]: 2026/12/02_06:38:23 WARN: Core dumps could be lost if multiple dumps occur." */
	tm.tm_hour = 6, tm.tm_min = 38, tm.tm_sec = 23;
	log_format_line(buf, sizeof buf, LOG_FMT_PLAIN, &tm, "nodea", "heartbeat", 16, LOG_LVL_WARN,
			"Core dumps could be lost if multiple dumps occur.");
	CHECK_STR(buf, "heartbeat[16]: 2026/12/02_06:38:23 WARN: Core dumps could be lost if multiple dumps occur.");
	/* the debug file: "heartbeat[16]: 2026/12/02_06:38:29 debug: add_option(bcast,lo)" */
	tm.tm_sec = 29;
	log_format_line(buf, sizeof buf, LOG_FMT_PLAIN, &tm, "nodea", "heartbeat", 16, LOG_LVL_DEBUG,
			"add_option(bcast,lo)");
	CHECK_STR(buf, "heartbeat[16]: 2026/12/02_06:38:29 debug: add_option(bcast,lo)");
	/* single-digit days are zero-padded in files (syslog itself pads with a blank) */
	tm.tm_mon = 0, tm.tm_mday = 5, tm.tm_hour = 23, tm.tm_min = 59, tm.tm_sec = 59;
	log_format_line(buf, sizeof buf, LOG_FMT_SYSLOG, &tm, "n1", "heartbeat", 1234, LOG_LVL_INFO, "x");
	CHECK_STR(buf, "Jan 05 23:59:59 n1 heartbeat: [1234]: info: x");
	CHECK_STR(log_level_name(LOG_LVL_CRIT), "CRIT");
	CHECK_STR(log_level_name(LOG_LVL_INFO), "info");
	CHECK_STR(log_level_name(LOG_LVL_DEBUG), "debug");
	/* truncation keeps the buffer a string */
	CHECK_INT(log_format_line(buf, 10, LOG_FMT_SYSLOG, &tm, "n1", "heartbeat", 1, LOG_LVL_INFO, "x"), 9);
	CHECK_INT(strlen(buf), 9);
}

static uint32_t get32(const unsigned char *p)
{
	uint32_t v;

	memcpy(&v, p, 4);
	return v;
}

static void test_logd_frame(void)
{
	unsigned char f[512];
	int64_t ts;
	size_t n = log_logd_frame(f, sizeof f, LOG_LOCAL7, LOG_LVL_WARN, "heartbeat", 77, 1796193442LL,
				  "a warning");

	/* cluster-glue 1.0.12 (captured from its logtest): 8-byte IPC header
	 * (length of the rest, magic 0xabcd), then msgtype 2, facility,
	 * priority, text length with NUL, use_pri_str, pid, entity[64],
	 * 64-bit timestamp: 96 bytes, then the text. */
	CHECK_INT(n, 8 + 96 + 10);
	CHECK_INT(get32(f), 96 + 10);
	CHECK_INT(get32(f + 4), 0xabcd);
	CHECK_INT(get32(f + 8), 2);
	CHECK_INT(get32(f + 12), LOG_LOCAL7);
	CHECK_INT(get32(f + 16), LOG_WARNING);
	CHECK_INT(get32(f + 20), 10);
	CHECK_INT(get32(f + 24), 1);
	CHECK_INT(get32(f + 28), 77);
	CHECK_STR((const char *)f + 32, "heartbeat");
	CHECK_INT(f[32 + 63], 0);
	memcpy(&ts, f + 96, 8);
	CHECK_INT(ts, 1796193442LL);
	CHECK_STR((const char *)f + 104, "a warning");
	/* too small a buffer: nothing */
	CHECK_INT(log_logd_frame(f, 50, LOG_DAEMON, LOG_LVL_INFO, "heartbeat", 1, 0, "x"), 0);
	/* a long entity is cut, still NUL-terminated */
	n = log_logd_frame(f, sizeof f, LOG_DAEMON, LOG_LVL_INFO,
			   "0123456789012345678901234567890123456789012345678901234567890123456789", 1, 0, "x");
	CHECK_INT(n, 8 + 96 + 2);
	CHECK_INT(f[32 + 63], 0);
	CHECK_INT(get32(f + 16), LOG_INFO);
}

static char *slurp(const char *path)
{
	static char buf[8192];
	FILE *f = fopen(path, "r");
	size_t n = f ? fread(buf, 1, sizeof buf - 1, f) : 0;

	if (f)
		fclose(f);
	buf[n] = '\0';
	return buf;
}

static void test_files(void)
{
	char dir[] = "/tmp/test_log.XXXXXX", logf[64], dbgf[64];
	struct log_settings ls = { .ident = "hbtest", .facility = -1, .fmt = LOG_FMT_PLAIN, .debug = 1 };

	if (!mkdtemp(dir)) {
		SKIP("no temporary directory");
		return;
	}
	snprintf(logf, sizeof logf, "%s/log", dir);
	snprintf(dbgf, sizeof dbgf, "%s/debug", dir);
	ls.logfile = logf;
	ls.debugfile = dbgf;
	log_setup(&ls);
	log_info("one %d", 1);
	log_debug("two");
	log_crit("three");
	CHECK(strstr(slurp(logf), " info: one 1\n") != NULL);
	CHECK(strstr(slurp(logf), "debug") == NULL);
	CHECK(strstr(slurp(logf), " CRIT: three\n") != NULL);
	CHECK(strstr(slurp(dbgf), " debug: two\n") != NULL);
	CHECK(strncmp(slurp(logf), "hbtest[", 7) == 0);
	/* set up again: the next line takes the new format and files */
	ls.fmt = LOG_FMT_SYSLOG;
	ls.debugfile = NULL;
	log_setup(&ls);
	log_warn("four");
	CHECK(strstr(slurp(logf), " hbtest: [") != NULL);
	CHECK(strstr(slurp(logf), "]: WARN: four\n") != NULL);
	CHECK(strstr(slurp(dbgf), "four") == NULL);
	unlink(logf);
	unlink(dbgf);
	rmdir(dir);
}

int main(void)
{
	test_formats();
	test_logd_frame();
	test_files();
	return T_DONE();
}
