/* bcast medium: datagrams to the interface's broadcast address on udpport,
 * received on INADDR_ANY:udpport tied to the interface.  Socket options follow
 * 3.0.6 so both can share a port and an interface. */
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include "heartbeat/media.h"

static int bcast_open(struct medium *m, char *err, size_t errlen)
{
	const char *dev = m->conf.dev;
	unsigned devlen = (unsigned)strlen(dev) + 1;
	int one = 1;
	struct media_udp *u;
	struct in_addr any = { .s_addr = htonl(INADDR_ANY) };

	if (media_udp_new(m, err, errlen) < 0)
		return -1;
	u = m->priv;
	if (media_if_addr(dev, SIOCGIFBRDADDR, &u->dest.sin.sin_addr) < 0)
		return media_fail(m, err, errlen, "SIOCGIFBRDADDR");

	if ((u->sfd = socket(AF_INET, SOCK_DGRAM, 0)) < 0)
		return media_fail(m, err, errlen, "socket");
	if (media_setopt(m, u->sfd, SOL_SOCKET, SO_BROADCAST, &one, sizeof(one), "SO_BROADCAST", err, errlen) < 0 ||
	    media_setopt(m, u->sfd, SOL_SOCKET, SO_DONTROUTE, &one, sizeof(one), "SO_DONTROUTE", err, errlen) < 0 ||
	    media_setopt(m, u->sfd, SOL_SOCKET, SO_BINDTODEVICE, dev, devlen, "SO_BINDTODEVICE", err, errlen) < 0)
		return -1;
	if (media_nonblock(u->sfd) < 0)
		return media_fail(m, err, errlen, "fcntl");

	if ((m->fd = socket(AF_INET, SOCK_DGRAM, 0)) < 0)
		return media_fail(m, err, errlen, "socket");
	if (media_setopt(m, m->fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one), "SO_REUSEADDR", err, errlen) < 0 ||
	    media_setopt(m, m->fd, SOL_SOCKET, SO_BINDTODEVICE, dev, devlen, "SO_BINDTODEVICE", err, errlen) < 0)
		return -1;
	return media_udp_bind(m, m->fd, any, err, errlen);
}

const struct media_ops media_bcast_ops = {
	.type = "bcast",
	.open = bcast_open,
	.send = media_udp_send,
	.recv = media_udp_recv,
	.close = media_udp_close,
};
