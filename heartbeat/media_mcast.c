/* mcast medium: datagrams to group:port out of the interface, received on a
 * socket bound to group:port that joined the group on the interface's
 * address.  The mcast line carries its own port, ttl and loop. */
#include <errno.h>
#include <string.h>
#include <arpa/inet.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include "heartbeat/media.h"

static int mcast_open(struct medium *m, char *err, size_t errlen)
{
	int one = 1;
	unsigned char ttl = (unsigned char)(m->conf.ttl < 0 ? 0 : m->conf.ttl > 255 ? 255 : m->conf.ttl);
	unsigned char loop = m->conf.loop ? 1 : 0;
	struct media_udp *u;
	struct in_addr ifaddr;
	struct ip_mreq mreq;

	if (media_udp_new(m, err, errlen) < 0)
		return -1;
	u = m->priv;
	if (inet_pton(AF_INET, m->conf.addr, &u->dest.sin.sin_addr) != 1 ||
	    !IN_MULTICAST(ntohl(u->dest.sin.sin_addr.s_addr))) {
		errno = EINVAL;
		return media_fail(m, err, errlen, "not an IPv4 multicast group");
	}
	if (media_if_addr(m->conf.dev, SIOCGIFADDR, &ifaddr) < 0)
		return media_fail(m, err, errlen, "SIOCGIFADDR");

	if ((u->sfd = socket(AF_INET, SOCK_DGRAM, 0)) < 0)
		return media_fail(m, err, errlen, "socket");
	if (media_setopt(m, u->sfd, IPPROTO_IP, IP_MULTICAST_IF, &ifaddr, sizeof(ifaddr), "IP_MULTICAST_IF", err, errlen) < 0 ||
	    media_setopt(m, u->sfd, IPPROTO_IP, IP_MULTICAST_TTL, &ttl, sizeof(ttl), "IP_MULTICAST_TTL", err, errlen) < 0 ||
	    media_setopt(m, u->sfd, IPPROTO_IP, IP_MULTICAST_LOOP, &loop, sizeof(loop), "IP_MULTICAST_LOOP", err, errlen) < 0)
		return -1;
	if (media_nonblock(u->sfd) < 0)
		return media_fail(m, err, errlen, "fcntl");

	if ((m->fd = socket(AF_INET, SOCK_DGRAM, 0)) < 0)
		return media_fail(m, err, errlen, "socket");
	if (media_setopt(m, m->fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one), "SO_REUSEADDR", err, errlen) < 0)
		return -1;
	/* Linux hands a socket every group any socket joined, on any interface;
	 * then the same group on two interfaces would be heard on both links.
	 * 3.0.6 does not ask for this; old kernels without it behave as 3.0.6. */
	int zero = 0;
	(void)setsockopt(m->fd, IPPROTO_IP, IP_MULTICAST_ALL, &zero, sizeof(zero));
	if (media_udp_bind(m, m->fd, u->dest.sin.sin_addr, err, errlen) < 0)
		return -1;
	memset(&mreq, 0, sizeof(mreq));
	mreq.imr_multiaddr = u->dest.sin.sin_addr;
	mreq.imr_interface = ifaddr;
	return media_setopt(m, m->fd, IPPROTO_IP, IP_ADD_MEMBERSHIP, &mreq, sizeof(mreq),
			    "IP_ADD_MEMBERSHIP", err, errlen);
}

const struct media_ops media_mcast_ops = {
	.type = "mcast",
	.open = mcast_open,
	.send = media_udp_send,
	.recv = media_udp_recv,
	.close = media_udp_close,
};
