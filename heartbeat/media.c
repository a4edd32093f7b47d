/* Media dispatch: picks the ops table for a configured medium, names the link,
 * and keeps the per-medium counters.  Knows nothing about sockets or ttys;
 * those live in media_udp.c and one file per medium. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "heartbeat/media.h"

const char *media_type_name(enum media_type t)
{
	switch (t) {
	case MEDIA_BCAST: return "bcast";
	case MEDIA_MCAST: return "mcast";
	case MEDIA_UCAST: return "ucast";
	case MEDIA_SERIAL: return "serial";
	case MEDIA_MCAST6: return "mcast6";
	case MEDIA_UCAST6: return "ucast6";
	}
	return "unknown";
}

static const struct media_ops *ops_for(enum media_type t)
{
	switch (t) {
	case MEDIA_BCAST: return &media_bcast_ops;
	case MEDIA_MCAST: return &media_mcast_ops;
	case MEDIA_UCAST: return &media_ucast_ops;
	case MEDIA_SERIAL: return &media_serial_ops;
	case MEDIA_MCAST6: return &media_mcast6_ops;
	case MEDIA_UCAST6: return &media_ucast6_ops;
	}
	return NULL;
}

int media_open(struct medium *m, const struct conf_medium *c, char *err, size_t errlen)
{
	memset(m, 0, sizeof(*m));
	m->fd = -1;
	m->conf = *c;
	m->conf.dev[sizeof(m->conf.dev) - 1] = '\0';
	m->conf.addr[sizeof(m->conf.addr) - 1] = '\0';
	snprintf(m->name, sizeof(m->name), "%s", m->conf.dev);
	m->classic = c->type == MEDIA_SERIAL;
	m->ops = ops_for(c->type);
	if (!m->ops) {
		snprintf(err, errlen, "%s %s: medium not supported", media_type_name(c->type),
			 m->conf.dev);
		return -1;
	}
	if (m->ops->open(m, err, errlen) < 0) {
		m->ops->close(m);
		m->fd = -1;
		return -1;
	}
	return 0;
}

void media_close(struct medium *m)
{
	if (m->ops)
		m->ops->close(m);
	m->fd = -1;
	m->priv = NULL;
}

int media_send(struct medium *m, const void *buf, size_t len)
{
	if (m->ops->send(m, buf, len) < 0) {
		m->send_errors++;
		return -1;
	}
	m->sent++;
	return 0;
}

ssize_t media_recv(struct medium *m, void *buf, size_t cap)
{
	ssize_t n = m->ops->recv(m, buf, cap);
	if (n < 0)
		m->recv_errors++;
	else if (n > 0)
		m->received++;
	return n;
}

size_t media_send_pending(const struct medium *m)
{
	return m->ops == &media_serial_ops ? media_serial_pending(m) : 0;
}

/* Error text as "mcast eth0 225.0.0.1: IP_ADD_MEMBERSHIP: No such device". */
int media_fail(const struct medium *m, char *err, size_t errlen, const char *what)
{
	int e = errno;
	const char *addr = m->conf.addr;
	snprintf(err, errlen, "%s %s%s%s: %s: %s", media_type_name(m->conf.type), m->conf.dev,
		 *addr ? " " : "", addr, what, strerror(e));
	errno = e;
	return -1;
}
