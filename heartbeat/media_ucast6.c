/* ucast6 medium: ucast over IPv6, "ucast6 IF PEER[%scope]".  The peer's scope
 * must be the interface (link-local peers get it when none is written); a
 * line naming one of our own addresses only receives, as with ucast. */
#include <netdb.h>
#include <stdio.h>
#include <string.h>
#include <net/if.h>
#include <sys/socket.h>
#include "heartbeat/media.h"

static int ucast6_open(struct medium *m, char *err, size_t errlen)
{
	const char *dev = m->conf.dev;
	unsigned devlen = (unsigned)strlen(dev) + 1;
	unsigned ifindex = if_nametoindex(dev);
	int one = 1, rc;
	struct media_udp *u;
	struct addrinfo hints, *res;

	if (!ifindex)
		return media_fail(m, err, errlen, "if_nametoindex");
	if (media_udp6_new(m, err, errlen) < 0)
		return -1;
	u = m->priv;
	memset(&hints, 0, sizeof(hints));
	hints.ai_family = AF_INET6;
	hints.ai_socktype = SOCK_DGRAM;
	hints.ai_flags = AI_NUMERICHOST;
	rc = getaddrinfo(m->conf.addr, NULL, &hints, &res);
	if (rc != 0) {
		snprintf(err, errlen, "ucast6 %s %s: bad address: %s", dev, m->conf.addr, gai_strerror(rc));
		return -1;
	}
	struct sockaddr_in6 peer;
	memcpy(&peer, res->ai_addr, sizeof(peer));
	freeaddrinfo(res);
	if (peer.sin6_scope_id && peer.sin6_scope_id != ifindex) {
		snprintf(err, errlen, "ucast6 %s %s: scope %u is not interface %s (index %u)", dev,
			 m->conf.addr, peer.sin6_scope_id, dev, ifindex);
		return -1;
	}
	u->dest.sin6.sin6_addr = peer.sin6_addr;
	if (IN6_IS_ADDR_LINKLOCAL(&peer.sin6_addr))
		u->dest.sin6.sin6_scope_id = ifindex;

	if (!media_is_local_addr(AF_INET6, &peer.sin6_addr)) {
		if ((u->sfd = socket(AF_INET6, SOCK_DGRAM, 0)) < 0)
			return media_fail(m, err, errlen, "socket");
		if (media_setopt(m, u->sfd, SOL_SOCKET, SO_BINDTODEVICE, dev, devlen, "SO_BINDTODEVICE", err, errlen) < 0 ||
		    media_reuseport(m, u->sfd, err, errlen) < 0)
			return -1;
		if (media_nonblock(u->sfd) < 0)
			return media_fail(m, err, errlen, "fcntl");
	}

	if ((m->fd = socket(AF_INET6, SOCK_DGRAM, 0)) < 0)
		return media_fail(m, err, errlen, "socket");
	if (media_setopt(m, m->fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one), "SO_REUSEADDR", err, errlen) < 0 ||
	    media_setopt(m, m->fd, SOL_SOCKET, SO_BINDTODEVICE, dev, devlen, "SO_BINDTODEVICE", err, errlen) < 0 ||
	    media_reuseport(m, m->fd, err, errlen) < 0)
		return -1;
	return media_udp6_bind(m, m->fd, &in6addr_any, 0, err, errlen);
}

const struct media_ops media_ucast6_ops = {
	.type = "ucast6",
	.open = ucast6_open,
	.send = media_udp_send,
	.recv = media_udp_recv,
	.close = media_udp_close,
};
