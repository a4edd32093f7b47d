/* mcast6 medium: mcast over IPv6, "mcast6 IF GROUP PORT HOPS LOOP".  Sends out
 * of the interface; receives on group:port (scoped to the interface) after
 * joining the group there. */
#include <errno.h>
#include <string.h>
#include <arpa/inet.h>
#include <net/if.h>
#include <sys/socket.h>
#include "heartbeat/media.h"

static int mcast6_open(struct medium *m, char *err, size_t errlen)
{
	const char *dev = m->conf.dev;
	unsigned devlen = (unsigned)strlen(dev) + 1;
	unsigned ifindex = if_nametoindex(dev);
	int one = 1, zero = 0;
	int hops = m->conf.ttl < 0 ? 0 : m->conf.ttl > 255 ? 255 : m->conf.ttl;
	unsigned loop = m->conf.loop ? 1 : 0;
	struct media_udp *u;
	struct ipv6_mreq mreq;

	if (!ifindex)
		return media_fail(m, err, errlen, "if_nametoindex");
	if (media_udp6_new(m, err, errlen) < 0)
		return -1;
	u = m->priv;
	if (inet_pton(AF_INET6, m->conf.addr, &u->dest.sin6.sin6_addr) != 1 ||
	    !IN6_IS_ADDR_MULTICAST(&u->dest.sin6.sin6_addr)) {
		errno = EINVAL;
		return media_fail(m, err, errlen, "not an IPv6 multicast group");
	}
	/* Link- and interface-local groups only exist with a scope. */
	u->dest.sin6.sin6_scope_id = ifindex;

	if ((u->sfd = socket(AF_INET6, SOCK_DGRAM, 0)) < 0)
		return media_fail(m, err, errlen, "socket");
	if (media_setopt(m, u->sfd, IPPROTO_IPV6, IPV6_MULTICAST_IF, &ifindex, sizeof(ifindex), "IPV6_MULTICAST_IF", err, errlen) < 0 ||
	    media_setopt(m, u->sfd, IPPROTO_IPV6, IPV6_MULTICAST_HOPS, &hops, sizeof(hops), "IPV6_MULTICAST_HOPS", err, errlen) < 0 ||
	    media_setopt(m, u->sfd, IPPROTO_IPV6, IPV6_MULTICAST_LOOP, &loop, sizeof(loop), "IPV6_MULTICAST_LOOP", err, errlen) < 0)
		return -1;
	if (media_nonblock(u->sfd) < 0)
		return media_fail(m, err, errlen, "fcntl");

	if ((m->fd = socket(AF_INET6, SOCK_DGRAM, 0)) < 0)
		return media_fail(m, err, errlen, "socket");
	if (media_setopt(m, m->fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one), "SO_REUSEADDR", err, errlen) < 0 ||
	    media_setopt(m, m->fd, SOL_SOCKET, SO_BINDTODEVICE, dev, devlen, "SO_BINDTODEVICE", err, errlen) < 0)
		return -1;
	/* As for mcast: only what this socket joined, not every group on the host. */
	(void)setsockopt(m->fd, IPPROTO_IPV6, IPV6_MULTICAST_ALL, &zero, sizeof(zero));
	if (media_udp6_bind(m, m->fd, &u->dest.sin6.sin6_addr, ifindex, err, errlen) < 0)
		return -1;
	memset(&mreq, 0, sizeof(mreq));
	mreq.ipv6mr_multiaddr = u->dest.sin6.sin6_addr;
	mreq.ipv6mr_interface = ifindex;
	return media_setopt(m, m->fd, IPPROTO_IPV6, IPV6_JOIN_GROUP, &mreq, sizeof(mreq),
			    "IPV6_JOIN_GROUP", err, errlen);
}

const struct media_ops media_mcast6_ops = {
	.type = "mcast6",
	.open = mcast6_open,
	.send = media_udp_send,
	.recv = media_udp_recv,
	.close = media_udp_close,
};
