/* Log sink.  Lines are formatted as 3.0.6's (syslogmsgfmt on or off) and go
 * to stderr, syslog, the log and debug files, or ha_logd.  Synchronous until
 * log_start_async(); then the caller only queues the line and one writer
 * thread does every write, so a FIFO nobody reads, a full disk or a stalled
 * syslog socket holds up that thread and never the heartbeat path. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/utsname.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>
#include "log.h"

#define QUEUE_MAX_LINES 512
#define QUEUE_MAX_BYTES (256 * 1024)
#define LINE_MAX_TEXT 2048
#define WRITER_STACK (128 * 1024)
#define LOGD_MAXENTITY 64        /* cluster-glue's LogDaemonMsgHdr, as ha_logd reads it */
#define LOGD_LOGIT 2
#define LOGD_MAGIC 0xabcd
#define LOGD_HDR (6 * 4 + LOGD_MAXENTITY + 8)

/* The settings, with their own copies of the strings. */
struct cfg {
	char ident[64];
	int to_stderr, facility, debug, use_logd, logd_facility;
	enum log_fmt fmt;
	char logfile[4096], debugfile[4096], logd_socket[108];
	unsigned logd_retry_ms;
	unsigned gen;            /* bumped by every log_setup */
};

struct rec {
	enum log_level lvl;
	time_t when;
	int pid;
	struct rec *next;
	char text[];
};

static struct cfg cur = { "heartbeat", 1, -1, 0, 0, 0, LOG_FMT_SYSLOG, "", "", "", 0, 0 };
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t wake = PTHREAD_COND_INITIALIZER, drained = PTHREAD_COND_INITIALIZER;
static int async_on, writing;
static struct rec *head, *tail;
static unsigned qlines;
static size_t qbytes;
static unsigned long dropped, dropped_told;
static char host[65];

/* The writer's own state (only the writer, or the caller in sync mode, touches it). */
static struct {
	unsigned gen;
	int syslog_open;
	int logd_fd;
	int logd_state;          /* -1 not wanted, 0 down, 1 up */
	struct timespec logd_next;
} w = { (unsigned)-1, 0, -1, -1, { 0, 0 } };

static const char *const lvl_names[] = { "ERROR", "WARN", "info", "debug", "CRIT" };
static const int lvl_prio[] = { LOG_ERR, LOG_WARNING, LOG_INFO, LOG_DEBUG, LOG_CRIT };

const char *log_level_name(enum log_level l)
{
	return (unsigned)l < sizeof lvl_names / sizeof lvl_names[0] ? lvl_names[l] : "debug";
}

void log_setup(const struct log_settings *s)
{
	pthread_mutex_lock(&mu);
	snprintf(cur.ident, sizeof cur.ident, "%s", s->ident ? s->ident : "heartbeat");
	cur.to_stderr = s->to_stderr;
	cur.facility = s->facility;
	cur.debug = s->debug;
	cur.fmt = s->fmt;
	cur.use_logd = s->use_logd;
	cur.logd_facility = s->logd_facility ? s->logd_facility : LOG_DAEMON;
	snprintf(cur.logfile, sizeof cur.logfile, "%s", s->logfile ? s->logfile : "");
	snprintf(cur.debugfile, sizeof cur.debugfile, "%s", s->debugfile ? s->debugfile : "");
	snprintf(cur.logd_socket, sizeof cur.logd_socket, "%s",
		 s->logd_socket ? s->logd_socket : LOG_LOGD_SOCKET);
	cur.logd_retry_ms = s->logd_retry_ms ? s->logd_retry_ms : 60000;
	cur.gen++;
	pthread_mutex_unlock(&mu);
}

int log_debug_level(void) { return cur.debug; }
void log_set_debug_level(int level) { cur.debug = level < 0 ? 0 : level; }

void log_set_stderr(int mode)
{
	pthread_mutex_lock(&mu);
	cur.to_stderr = mode;
	pthread_mutex_unlock(&mu);
}

size_t log_format_line(char *buf, size_t len, enum log_fmt fmt, const struct tm *tm,
		       const char *hostname, const char *ident, int pid, enum log_level lvl,
		       const char *text)
{
	static const char months[12][4] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
					    "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	int n;

	/* strftime("%b %d %T") as cluster-glue, with C month names whatever the locale. */
	if (fmt == LOG_FMT_SYSLOG)
		n = snprintf(buf, len, "%s %02d %02d:%02d:%02d %s %s: [%d]: %s: %s",
			     months[tm->tm_mon % 12], tm->tm_mday, tm->tm_hour, tm->tm_min, tm->tm_sec,
			     hostname, ident, pid, log_level_name(lvl), text);
	else
		n = snprintf(buf, len, "%s[%d]: %04d/%02d/%02d_%02d:%02d:%02d %s: %s", ident, pid,
			     tm->tm_year + 1900, tm->tm_mon + 1, tm->tm_mday, tm->tm_hour, tm->tm_min,
			     tm->tm_sec, log_level_name(lvl), text);
	if (n < 0)
		return 0;
	return (size_t)n < len ? (size_t)n : len ? len - 1 : 0;
}

static void put32(unsigned char *p, uint32_t v) { memcpy(p, &v, 4); }

size_t log_logd_frame(unsigned char *buf, size_t len, int facility, enum log_level lvl,
		      const char *ident, int pid, long long when, const char *text)
{
	size_t tl = strlen(text) + 1, body = LOGD_HDR + tl;
	int64_t ts = when;

	if (len < 8 + body)
		return 0;
	/* IPC frame: body length and magic in host order, then the message
	 * header: msgtype, facility, priority, msglen, use_pri_str, pid,
	 * entity[64], timestamp (64 bit), then the text and its NUL. */
	put32(buf, (uint32_t)body);
	put32(buf + 4, LOGD_MAGIC);
	put32(buf + 8, LOGD_LOGIT);
	put32(buf + 12, (uint32_t)facility);
	put32(buf + 16, (uint32_t)lvl_prio[lvl]);
	put32(buf + 20, (uint32_t)tl);
	put32(buf + 24, 1);
	put32(buf + 28, (uint32_t)pid);
	memset(buf + 32, 0, LOGD_MAXENTITY);
	memcpy(buf + 32, ident, strnlen(ident, LOGD_MAXENTITY - 1));
	memcpy(buf + 32 + LOGD_MAXENTITY, &ts, 8);
	memcpy(buf + 8 + LOGD_HDR, text, tl);
	return 8 + body;
}

/* ---- the sinks (writer thread, or the caller before log_start_async) ---- */

static void to_file(const char *path, const char *line, size_t n)
{
	int fd;

	if (!path[0] || strcmp(path, "/dev/null") == 0)
		return;
	/* Opened per line, as the original, so that logrotate needs no signal.
	 * A FIFO nobody reads blocks this open: only the writer waits. */
	fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_NOCTTY | O_CLOEXEC, 0644);
	if (fd < 0)
		return;
	if (write(fd, line, n) < 0) {
		/* a full disk: the line is lost, nothing else can be done here */
	}
	close(fd);
}

static void logd_close(void)
{
	if (w.logd_fd >= 0)
		close(w.logd_fd);
	w.logd_fd = -1;
}

static void write_direct(const struct cfg *c, enum log_level lvl, time_t when, int pid,
			 const char *text);
static int to_logd(const struct cfg *c, enum log_level lvl, time_t when, int pid,
		   const char *text);

/* A line about the logging itself, written where lines go right now. */
static void self_line(const struct cfg *c, enum log_level lvl, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void self_line(const struct cfg *c, enum log_level lvl, const char *fmt, ...)
{
	char text[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof text, fmt, ap);
	va_end(ap);
	write_direct(c, lvl, time(NULL), (int)getpid(), text);
}

static int later_than(const struct timespec *a, const struct timespec *b)
{
	return a->tv_sec != b->tv_sec ? a->tv_sec > b->tv_sec : a->tv_nsec > b->tv_nsec;
}

/* Connected to ha_logd now?  Tries again every logd_retry_ms while it is down. */
static int logd_ready(const struct cfg *c)
{
	struct sockaddr_un sa;
	struct timespec now;
	int fd, was = w.logd_state;

	if (!c->use_logd) {
		logd_close();
		w.logd_state = -1;
		return 0;
	}
	if (w.logd_fd >= 0)
		return 1;
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (was == 0 && !later_than(&now, &w.logd_next))
		return 0;
	w.logd_next = now;
	w.logd_next.tv_sec += c->logd_retry_ms / 1000;
	w.logd_next.tv_nsec += (long)(c->logd_retry_ms % 1000) * 1000000L;
	if (w.logd_next.tv_nsec >= 1000000000L) {
		w.logd_next.tv_sec++;
		w.logd_next.tv_nsec -= 1000000000L;
	}
	memset(&sa, 0, sizeof sa);
	sa.sun_family = AF_UNIX;
	snprintf(sa.sun_path, sizeof sa.sun_path, "%s", c->logd_socket);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd >= 0 && connect(fd, (struct sockaddr *)&sa, sizeof sa) == 0) {
		w.logd_fd = fd;
		w.logd_state = 1;
		if (was != 1)
			to_logd(c, LOG_LVL_INFO, time(NULL), (int)getpid(),
				"use_logd: logging through the logging daemon ha_logd (its logd.cf names the files)");
		return w.logd_fd >= 0;
	}
	if (was != 0)
		self_line(c, LOG_LVL_WARN,
			  "use_logd: cannot reach the logging daemon ha_logd at %s (%s): logging directly, and trying again every %u s",
			  c->logd_socket, strerror(errno), c->logd_retry_ms / 1000);
	if (fd >= 0)
		close(fd);
	w.logd_state = 0;
	return 0;
}

static int to_logd(const struct cfg *c, enum log_level lvl, time_t when, int pid,
		   const char *text)
{
	unsigned char frame[8 + LOGD_HDR + LINE_MAX_TEXT + 1];
	size_t n = log_logd_frame(frame, sizeof frame, c->logd_facility, lvl, c->ident, pid, when,
				  text), off = 0;

	while (off < n) {
		ssize_t k = send(w.logd_fd, frame + off, n - off, MSG_NOSIGNAL);

		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0) {
			logd_close();
			w.logd_state = 0;
			self_line(c, LOG_LVL_WARN, "use_logd: lost the logging daemon ha_logd at %s (%s): logging directly",
				  c->logd_socket, strerror(errno));
			return -1;
		}
		off += (size_t)k;
	}
	return 0;
}

static void write_direct(const struct cfg *c, enum log_level lvl, time_t when, int pid,
			 const char *text)
{
	char line[LINE_MAX_TEXT + 256];
	struct tm tm;
	size_t n;

	localtime_r(&when, &tm);
	if (c->to_stderr == 1 || (c->to_stderr == 2 && (lvl == LOG_LVL_ERR || lvl == LOG_LVL_WARN ||
							 lvl == LOG_LVL_CRIT))) {
		n = log_format_line(line, sizeof line - 1, c->fmt, &tm, host, c->ident, pid, lvl, text);
		line[n++] = '\n';
		if (write(STDERR_FILENO, line, n) < 0) {
			/* nothing to do: stderr is gone */
		}
	}
	if (c->facility >= 0) {
		if (!w.syslog_open) {
			/* no LOG_PID: the pid is in the text, as cluster-glue writes it */
			openlog(c->ident, LOG_NDELAY, c->facility);
			w.syslog_open = 1;
		}
		syslog(lvl_prio[lvl], "[%d]: %s: %s", pid, log_level_name(lvl), text);
	}
	if (c->logfile[0] || c->debugfile[0]) {
		n = log_format_line(line, sizeof line - 1, c->fmt, &tm, host, c->ident, pid, lvl, text);
		line[n++] = '\n';
		if (lvl != LOG_LVL_DEBUG)
			to_file(c->logfile, line, n);
		to_file(c->debugfile, line, n);
	}
}

static void write_rec(const struct cfg *c, enum log_level lvl, time_t when, int pid,
		      const char *text)
{
	if (w.gen != c->gen) {
		/* new settings: reopen syslog with them, reconsider logd */
		if (w.syslog_open)
			closelog();
		w.syslog_open = 0;
		logd_close();
		if (w.logd_state == 0)
			w.logd_state = 2;   /* say again how logd is, under the new settings */
		w.gen = c->gen;
	}
	if (!host[0]) {
		struct utsname u;

		snprintf(host, sizeof host, "%s", uname(&u) == 0 ? u.nodename : "localhost");
	}
	if (logd_ready(c) && to_logd(c, lvl, when, pid, text) == 0) {
		/* with logd the ha.cf files are ha_logd's business; only stderr stays ours */
		struct cfg only = *c;

		if (c->to_stderr) {
			only.facility = -1;
			only.logfile[0] = only.debugfile[0] = '\0';
			write_direct(&only, lvl, when, pid, text);
		}
		return;
	}
	write_direct(c, lvl, when, pid, text);
}

/* ---- the queue ---- */

static void *writer(void *unused)
{
	struct cfg c;
	struct rec *r;
	unsigned long lost;

	(void)unused;
	pthread_mutex_lock(&mu);
	for (;;) {
		while (!head && dropped == dropped_told)
			pthread_cond_wait(&wake, &mu);
		r = head;
		if (r) {
			head = r->next;
			if (!head)
				tail = NULL;
			qlines--;
			qbytes -= strlen(r->text) + 1;
		}
		lost = head ? 0 : dropped - dropped_told;
		dropped_told += lost;
		c = cur;
		writing = 1;
		pthread_mutex_unlock(&mu);
		if (r) {
			write_rec(&c, r->lvl, r->when, r->pid, r->text);
			free(r);
		}
		if (lost) {
			char t[128];

			snprintf(t, sizeof t, "%lu log line%s dropped: the log could not be written fast enough",
				 lost, lost == 1 ? "" : "s");
			write_rec(&c, LOG_LVL_WARN, time(NULL), (int)getpid(), t);
		}
		pthread_mutex_lock(&mu);
		writing = 0;
		if (!head)
			pthread_cond_broadcast(&drained);
	}
	return NULL;
}

int log_start_async(void)
{
	pthread_t t;
	pthread_attr_t a;
	int rc;

	if (async_on)
		return 0;
	pthread_attr_init(&a);
	pthread_attr_setdetachstate(&a, PTHREAD_CREATE_DETACHED);
	/* The daemon locks its memory (realtime): a default 8 MiB stack would
	 * be locked too.  The writer needs a few pages. */
	pthread_attr_setstacksize(&a, WRITER_STACK);
	rc = pthread_create(&t, &a, writer, NULL);
	pthread_attr_destroy(&a);
	if (rc != 0)
		return -1;
	async_on = 1;
	return 0;
}

int log_flush(unsigned timeout_ms)
{
	struct timespec until;
	int rc = 0;

	if (!async_on)
		return 0;
	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += timeout_ms / 1000;
	until.tv_nsec += (long)(timeout_ms % 1000) * 1000000L;
	if (until.tv_nsec >= 1000000000L) {
		until.tv_sec++;
		until.tv_nsec -= 1000000000L;
	}
	pthread_mutex_lock(&mu);
	while ((head || writing) && rc == 0)
		rc = pthread_cond_timedwait(&drained, &mu, &until);
	rc = head || writing ? -1 : 0;
	pthread_mutex_unlock(&mu);
	return rc;
}

unsigned long log_dropped(void)
{
	unsigned long d;

	pthread_mutex_lock(&mu);
	d = dropped;
	pthread_mutex_unlock(&mu);
	return d;
}

int log_logd_state(void)
{
	return w.logd_state == 1 ? 1 : cur.use_logd ? 0 : -1;
}

void log_vmsg(enum log_level lvl, const char *fmt, va_list ap)
{
	char text[LINE_MAX_TEXT];
	struct rec *r;
	size_t n;
	int e = errno;   /* logging must not disturb the caller's errno */

	vsnprintf(text, sizeof text, fmt, ap);
	if (!async_on) {
		struct cfg c;

		pthread_mutex_lock(&mu);
		c = cur;
		pthread_mutex_unlock(&mu);
		write_rec(&c, lvl, time(NULL), (int)getpid(), text);
		errno = e;
		return;
	}
	n = strlen(text) + 1;
	r = malloc(sizeof *r + n);
	pthread_mutex_lock(&mu);
	if (!r || qlines >= QUEUE_MAX_LINES || qbytes + n > QUEUE_MAX_BYTES) {
		dropped++;
		pthread_mutex_unlock(&mu);
		free(r);
		errno = e;
		return;
	}
	r->lvl = lvl;
	r->when = time(NULL);
	r->pid = (int)getpid();
	r->next = NULL;
	memcpy(r->text, text, n);
	if (tail)
		tail->next = r;
	else
		head = r;
	tail = r;
	qlines++;
	qbytes += n;
	pthread_cond_signal(&wake);
	pthread_mutex_unlock(&mu);
	errno = e;
}

void log_msg(enum log_level lvl, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_vmsg(lvl, fmt, ap);
	va_end(ap);
}
