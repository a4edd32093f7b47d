/* serial medium: a tty in raw 8N1 carrying classic text.  Output is queued and
 * written from a glib watch in 512-byte pieces paced like 3.0.6, so the caller
 * never blocks; input is read a byte at a time (what follows a frame stays in
 * the kernel, so the fd stays readable) and framed by serial_frame.c. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include <glib.h>
#include <glib-unix.h>
#include "heartbeat/media.h"
#include "heartbeat/serial_frame.h"
#include "msg.h"
#include "timer.h"

#define PIECE 512
#define QUEUE_MAX (4 * MSG_MAXMSG)   /* beyond this the line is hopelessly behind */
#define READ_MAX 65536               /* bytes per recv call, so a flood cannot starve the loop */

struct serial {
	struct serial_frame fr;
	unsigned long oversize_seen;
	GQueue out;              /* GBytes, one per message */
	size_t off;              /* bytes of the head message already written */
	size_t piece;            /* bytes of the current piece already written */
	size_t pending;          /* unwritten bytes in out */
	unsigned pause_ms;
	guint watch;
	struct timer pause;      /* between two pieces */
};

static speed_t speed_of(int baud)
{
	switch (baud) {
	case 9600: return B9600;
	case 19200: return B19200;
	case 38400: return B38400;
	case 57600: return B57600;
	case 115200: return B115200;
	case 230400: return B230400;
	case 460800: return B460800;
	default: return 0;
	}
}

static int line_setup(struct medium *m, int baud, char *err, size_t errlen)
{
	struct termios t;
	speed_t sp = speed_of(baud);

	if (!sp) {
		errno = EINVAL;
		return media_fail(m, err, errlen, "unsupported baud rate");
	}
	if (tcgetattr(m->fd, &t) < 0)
		return media_fail(m, err, errlen, "tcgetattr");
	cfmakeraw(&t);
	/* The kernel strips the high bit and drops CR as the original asks of
	 * it; serial_frame.c does both again for lines that do not. */
	t.c_iflag = INPCK | ISTRIP | IGNCR | IGNBRK;
	t.c_oflag = 0;
	t.c_lflag = 0;
	t.c_cflag = CS8 | CREAD | CLOCAL | CRTSCTS;
	t.c_cc[VMIN] = 1;
	t.c_cc[VTIME] = 1;
	cfsetispeed(&t, sp);
	cfsetospeed(&t, sp);
	if (tcsetattr(m->fd, TCSANOW, &t) < 0) {
		/* Some lines (ptys, USB adapters) refuse hardware flow control. */
		t.c_cflag &= ~(tcflag_t)CRTSCTS;
		if (tcsetattr(m->fd, TCSANOW, &t) < 0)
			return media_fail(m, err, errlen, "tcsetattr");
	}
	return 0;
}

static void on_pause_over(void *data);

static int serial_open(struct medium *m, char *err, size_t errlen)
{
	int baud = m->conf.baud > 0 ? m->conf.baud : 19200;
	struct serial *s = calloc(1, sizeof(*s));

	if (!s)
		return media_fail(m, err, errlen, "calloc");
	m->priv = s;
	serial_frame_init(&s->fr, MSG_MAXMSG);
	g_queue_init(&s->out);
	timer_init(&s->pause, on_pause_over, m);
	s->pause_ms = (unsigned)((PIECE * 8000UL) / (unsigned long)baud);

	m->fd = open(m->conf.dev, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
	if (m->fd < 0)
		return media_fail(m, err, errlen, "open");
	if (!isatty(m->fd))
		return media_fail(m, err, errlen, "not a tty");
	if (line_setup(m, baud, err, errlen) < 0)
		return -1;
	/* Bytes from before we opened belong to nobody; the break tells a peer
	 * mid-frame that we started over (ptys may refuse it). */
	(void)tcflush(m->fd, TCIOFLUSH);
	(void)tcsendbreak(m->fd, 0);
	return 0;
}

static gboolean on_writable(gint fd, GIOCondition cond, gpointer data);

static void drop_queue(struct serial *s)
{
	GBytes *b;
	while ((b = g_queue_pop_head(&s->out)))
		g_bytes_unref(b);
	s->off = s->piece = s->pending = 0;
}

static void on_pause_over(void *data)
{
	struct medium *m = data;
	struct serial *s = m->priv;

	if (s->pending && !s->watch)
		s->watch = g_unix_fd_add(m->fd, G_IO_OUT, on_writable, m);
}

/* Like 3.0.6, a message goes out in 512-byte pieces with a pause between
 * them (the time the line needs for one piece); the next message starts
 * without a pause, as a fresh piece. */
static gboolean on_writable(gint fd, GIOCondition cond, gpointer data)
{
	struct medium *m = data;
	struct serial *s = m->priv;
	GBytes *head;

	while ((head = g_queue_peek_head(&s->out))) {
		gsize size;
		const char *p = g_bytes_get_data(head, &size);
		size_t want = size - s->off;
		if (want > PIECE - s->piece)
			want = PIECE - s->piece;
		ssize_t n = write(fd, p + s->off, want);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			return G_SOURCE_CONTINUE;
		if (n <= 0) {
			/* The line is gone; what was queued is lost. */
			m->send_errors++;
			drop_queue(s);
			break;
		}
		s->off += (size_t)n;
		s->piece += (size_t)n;
		s->pending -= (size_t)n;
		if (s->off == size) {
			g_bytes_unref(g_queue_pop_head(&s->out));
			s->off = s->piece = 0;
		} else if (s->piece == PIECE) {
			s->piece = 0;
			s->watch = 0;
			timer_start(&s->pause, s->pause_ms);
			return G_SOURCE_REMOVE;
		}
	}
	s->watch = 0;
	return G_SOURCE_REMOVE;
}

static int serial_send(struct medium *m, const void *buf, size_t len)
{
	struct serial *s = m->priv;

	if (!s || m->fd < 0)
		return -1;
	/* Serial text carries no NUL terminator. */
	while (len > 0 && ((const char *)buf)[len - 1] == '\0')
		len--;
	if (len == 0)
		return 0;
	if (s->pending + len > QUEUE_MAX) {
		errno = ENOBUFS;
		return -1;
	}
	g_queue_push_tail(&s->out, g_bytes_new(buf, len));
	s->pending += len;
	if (!s->watch && !timer_armed(&s->pause))
		s->watch = g_unix_fd_add(m->fd, G_IO_OUT, on_writable, m);
	return 0;
}

static ssize_t serial_recv(struct medium *m, void *buf, size_t cap)
{
	struct serial *s = m->priv;
	size_t total = 0;
	unsigned char c;

	if (!s || m->fd < 0)
		return -1;
	while (total < READ_MAX) {
		ssize_t n = read(m->fd, &c, 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			return 0;
		if (n <= 0) {
			if (n == 0)
				errno = EPIPE;
			return -1;
		}
		total++;
		serial_frame_feed(&s->fr, &c, 1);
		if (s->fr.oversize != s->oversize_seen) {
			s->oversize_seen = s->fr.oversize;
			errno = EMSGSIZE;
			return -1;
		}
		size_t flen;
		const char *f = serial_frame_take(&s->fr, &flen);
		if (f) {
			if (flen > cap) {
				errno = EMSGSIZE;
				return -1;
			}
			memcpy(buf, f, flen);
			return (ssize_t)flen;
		}
	}
	return 0;
}

static void serial_close(struct medium *m)
{
	struct serial *s = m->priv;

	if (s) {
		if (s->watch)
			g_source_remove(s->watch);
		timer_stop(&s->pause);
		drop_queue(s);
		serial_frame_free(&s->fr);
		free(s);
		m->priv = NULL;
	}
	if (m->fd >= 0)
		close(m->fd);
	m->fd = -1;
}

size_t media_serial_pending(const struct medium *m)
{
	const struct serial *s = m->priv;
	return s ? s->pending : 0;
}

const struct media_ops media_serial_ops = {
	.type = "serial",
	.open = serial_open,
	.send = serial_send,
	.recv = serial_recv,
	.close = serial_close,
};
