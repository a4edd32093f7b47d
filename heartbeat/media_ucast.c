/* ucast medium: datagrams to one peer on udpport, received on INADDR_ANY:udpport
 * tied to the interface.  A line naming one of our own addresses only
 * receives, so the same ha.cf can list every node on every node. */
#include <errno.h>
#include <netdb.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <netinet/ip.h>
#include <sys/socket.h>
#include "heartbeat/media.h"

static int resolve(struct medium *m, struct in_addr *out, char *err, size_t errlen)
{
	struct addrinfo hints, *res;
	int rc;

	memset(&hints, 0, sizeof(hints));
	hints.ai_family = AF_INET;
	hints.ai_socktype = SOCK_DGRAM;
	rc = getaddrinfo(m->conf.addr, NULL, &hints, &res);
	if (rc != 0) {
		snprintf(err, errlen, "ucast %s %s: cannot resolve: %s", m->conf.dev, m->conf.addr,
			 gai_strerror(rc));
		return -1;
	}
	struct sockaddr_in sin;
	memcpy(&sin, res->ai_addr, sizeof(sin));
	*out = sin.sin_addr;
	freeaddrinfo(res);
	return 0;
}

static int ucast_open(struct medium *m, char *err, size_t errlen)
{
	const char *dev = m->conf.dev;
	unsigned devlen = (unsigned)strlen(dev) + 1;
	int one = 1, tos = IPTOS_LOWDELAY;
	struct media_udp *u;
	struct in_addr any = { .s_addr = htonl(INADDR_ANY) };

	if (media_udp_new(m, err, errlen) < 0)
		return -1;
	u = m->priv;
	if (resolve(m, &u->dest.sin.sin_addr, err, errlen) < 0)
		return -1;

	if (!media_is_local_addr(AF_INET, &u->dest.sin.sin_addr)) {
		if ((u->sfd = socket(AF_INET, SOCK_DGRAM, 0)) < 0)
			return media_fail(m, err, errlen, "socket");
		if (media_setopt(m, u->sfd, IPPROTO_IP, IP_TOS, &tos, sizeof(tos), "IP_TOS", err, errlen) < 0 ||
		    media_setopt(m, u->sfd, SOL_SOCKET, SO_BINDTODEVICE, dev, devlen, "SO_BINDTODEVICE", err, errlen) < 0 ||
		    media_reuseport(m, u->sfd, err, errlen) < 0)
			return -1;
		if (media_nonblock(u->sfd) < 0)
			return media_fail(m, err, errlen, "fcntl");
	}

	if ((m->fd = socket(AF_INET, SOCK_DGRAM, 0)) < 0)
		return media_fail(m, err, errlen, "socket");
	if (media_setopt(m, m->fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one), "SO_REUSEADDR", err, errlen) < 0 ||
	    media_setopt(m, m->fd, SOL_SOCKET, SO_BINDTODEVICE, dev, devlen, "SO_BINDTODEVICE", err, errlen) < 0 ||
	    media_reuseport(m, m->fd, err, errlen) < 0)
		return -1;
	return media_udp_bind(m, m->fd, any, err, errlen);
}

const struct media_ops media_ucast_ops = {
	.type = "ucast",
	.open = ucast_open,
	.send = media_udp_send,
	.recv = media_udp_recv,
	.close = media_udp_close,
};
