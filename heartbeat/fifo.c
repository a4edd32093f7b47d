/* The command FIFO (/var/lib/heartbeat/fifo): hb_standby, hb_takeover and
 * resource scripts write ">>>" name=value lines "<<<" to it, and each block
 * is sent to the cluster as our own message and handled locally too. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib-unix.h>
#include "daemon.h"
#include "log.h"

#define FIFO_MAX (64 * 1024)

static int fifo_fd = -1;
static GString *pending;

static void take_block(const char *text, size_t len)
{
	struct msg_decoded d;

	if (msg_decode(text, len, false, &d) != MSG_OK || !msg_get(d.msg, "t")) {
		log_warn("command FIFO: ignoring a malformed message");
		if (d.msg)
			msg_decoded_clear(&d);
		return;
	}
	transport_send(d.msg, true);
	d.msg = NULL;
	msg_decoded_clear(&d);
}

static void scan(void)
{
	for (;;) {
		char *start = strstr(pending->str, ">>>\n");
		char *end;

		if (!start) {
			/* keep a possible partial marker only */
			if (pending->len > 3)
				g_string_erase(pending, 0, (gssize)pending->len - 3);
			return;
		}
		end = strstr(start, "<<<\n");
		if (!end) {
			g_string_erase(pending, 0, start - pending->str);
			if (pending->len > FIFO_MAX)
				g_string_truncate(pending, 0);
			return;
		}
		end += 4;
		take_block(start, (size_t)(end - start));
		g_string_erase(pending, 0, end - pending->str);
	}
}

static gboolean on_fifo(gint fd, GIOCondition cond, gpointer data)
{
	char buf[4096];
	ssize_t n;

	while ((n = read(fd, buf, sizeof buf)) > 0) {
		for (ssize_t i = 0; i < n; i++)
			if (buf[i] == 0)
				buf[i] = '\n';
		g_string_append_len(pending, buf, n);
		scan();
	}
	return G_SOURCE_CONTINUE;
}

int fifo_start(const char *path)
{
	struct stat st;

	if (lstat(path, &st) == 0 && !S_ISFIFO(st.st_mode))
		unlink(path);
	if (mkfifo(path, 0600) < 0 && errno != EEXIST) {
		log_err("cannot create FIFO %s: %s", path, strerror(errno));
		return -1;
	}
	/* Opened read-write so that writers closing never gives us EOF. */
	fifo_fd = open(path, O_RDWR | O_NONBLOCK | O_CLOEXEC);
	if (fifo_fd < 0) {
		log_err("cannot open FIFO %s: %s", path, strerror(errno));
		return -1;
	}
	/* an old FIFO keeps its owner and mode: whoever can write it can move
	 * resources, so make it root's alone */
	if (fchown(fifo_fd, 0, 0) < 0 || fchmod(fifo_fd, 0600) < 0)
		log_warn("cannot make %s mode 600: %s", path, strerror(errno));
	pending = g_string_new(NULL);
	g_unix_fd_add(fifo_fd, G_IO_IN, on_fifo, NULL);
	return 0;
}
