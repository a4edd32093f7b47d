/* What the IPv4 UDP media share: interface addresses, the non-blocking send
 * socket, one-datagram receive and teardown.  Socket options and binding that
 * differ per medium stay in media_bcast.c, media_ucast.c and media_mcast.c. */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include "heartbeat/media.h"

int media_port(const struct medium *m)
{
	return m->conf.port > 0 && m->conf.port < 65536 ? m->conf.port : 694;
}

int media_nonblock(int fd)
{
	int fl = fcntl(fd, F_GETFL);
	if (fl < 0 || fcntl(fd, F_SETFL, fl | O_NONBLOCK) < 0)
		return -1;
	(void)fcntl(fd, F_SETFD, FD_CLOEXEC);
	return 0;
}

/* SIOCGIFADDR / SIOCGIFBRDADDR of an interface. */
int media_if_addr(const char *dev, unsigned long req, struct in_addr *out)
{
	struct ifreq ifr;
	int fd, rc;

	if (strlen(dev) >= sizeof(ifr.ifr_name)) {
		errno = ENODEV;
		return -1;
	}
	fd = socket(AF_INET, SOCK_DGRAM, 0);
	if (fd < 0)
		return -1;
	memset(&ifr, 0, sizeof(ifr));
	strcpy(ifr.ifr_name, dev);
	ifr.ifr_addr.sa_family = AF_INET;
	rc = ioctl(fd, req, &ifr);
	if (rc == 0) {
		struct sockaddr_in sin;
		memcpy(&sin, &ifr.ifr_addr, sizeof(sin));
		*out = sin.sin_addr;
	}
	int e = errno;
	close(fd);
	errno = e;
	return rc;
}

/* Allocate the shared state; the medium's open fills in the rest. */
int media_udp_new(struct medium *m, char *err, size_t errlen)
{
	struct media_udp *u = calloc(1, sizeof(*u));
	if (!u)
		return media_fail(m, err, errlen, "calloc");
	u->sfd = -1;
	u->dest.sin.sin_family = AF_INET;
	u->dest.sin.sin_port = htons((unsigned short)media_port(m));
	u->destlen = sizeof(u->dest.sin);
	m->priv = u;
	return 0;
}

int media_udp6_new(struct medium *m, char *err, size_t errlen)
{
	if (media_udp_new(m, err, errlen) < 0)
		return -1;
	struct media_udp *u = m->priv;
	memset(&u->dest, 0, sizeof(u->dest));
	u->dest.sin6.sin6_family = AF_INET6;
	u->dest.sin6.sin6_port = htons((unsigned short)media_port(m));
	u->destlen = sizeof(u->dest.sin6);
	return 0;
}

int media_is_local_addr(int family, const void *addr)
{
	struct ifaddrs *ifs, *i;
	int found = 0;

	if (getifaddrs(&ifs) < 0)
		return 0;
	for (i = ifs; i && !found; i = i->ifa_next) {
		if (!i->ifa_addr || i->ifa_addr->sa_family != family)
			continue;
		if (family == AF_INET) {
			struct sockaddr_in sin;
			memcpy(&sin, i->ifa_addr, sizeof(sin));
			found = memcmp(&sin.sin_addr, addr, sizeof(sin.sin_addr)) == 0;
		} else {
			struct sockaddr_in6 sin6;
			memcpy(&sin6, i->ifa_addr, sizeof(sin6));
			found = memcmp(&sin6.sin6_addr, addr, sizeof(sin6.sin6_addr)) == 0;
		}
	}
	freeifaddrs(ifs);
	return found;
}

int media_udp_send(struct medium *m, const void *buf, size_t len)
{
	struct media_udp *u = m->priv;
	if (!u)
		return -1;
	if (u->sfd < 0)
		return 0;   /* a ucast line naming ourselves: nothing to send */
	ssize_t n = sendto(u->sfd, buf, len, MSG_DONTWAIT, &u->dest.sa, u->destlen);
	return n == (ssize_t)len ? 0 : -1;
}

/* One datagram.  A datagram larger than cap is cut by the kernel; it can only
 * be garbage to us, so it is dropped and counted as an error. */
ssize_t media_udp_recv(struct medium *m, void *buf, size_t cap)
{
	struct iovec iov = { .iov_base = buf, .iov_len = cap };
	struct sockaddr_storage ss;
	struct msghdr mh = { .msg_name = &ss, .msg_namelen = sizeof ss, .msg_iov = &iov, .msg_iovlen = 1 };
	char host[INET6_ADDRSTRLEN] = "?";
	ssize_t n;

	do
		n = recvmsg(m->fd, &mh, MSG_DONTWAIT);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return errno == EAGAIN || errno == EWOULDBLOCK ? 0 : -1;
	if (ss.ss_family == AF_INET) {
		const struct sockaddr_in *a = (const struct sockaddr_in *)&ss;

		inet_ntop(AF_INET, &a->sin_addr, host, sizeof host);
		snprintf(m->from, sizeof m->from, "%s", host);
	} else if (ss.ss_family == AF_INET6) {
		const struct sockaddr_in6 *a = (const struct sockaddr_in6 *)&ss;

		inet_ntop(AF_INET6, &a->sin6_addr, host, sizeof host);
		snprintf(m->from, sizeof m->from, "%s", host);
	} else {
		m->from[0] = '\0';
	}
	if (mh.msg_flags & MSG_TRUNC) {
		errno = EMSGSIZE;
		return -1;
	}
	return n;
}

void media_udp_close(struct medium *m)
{
	struct media_udp *u = m->priv;
	if (u) {
		if (u->sfd >= 0)
			close(u->sfd);
		free(u);
		m->priv = NULL;
	}
	if (m->fd >= 0)
		close(m->fd);
	m->fd = -1;
}

int media_setopt(const struct medium *m, int fd, int level, int opt, const void *val,
		 unsigned len, const char *what, char *err, size_t errlen)
{
	if (setsockopt(fd, level, opt, val, (socklen_t)len) < 0)
		return media_fail(m, err, errlen, what);
	return 0;
}

int media_udp_bind(const struct medium *m, int fd, struct in_addr addr, char *err, size_t errlen)
{
	struct sockaddr_in sin;

	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_addr = addr;
	sin.sin_port = htons((unsigned short)media_port(m));
	if (bind(fd, (struct sockaddr *)&sin, sizeof(sin)) < 0)
		return media_fail(m, err, errlen, "bind");
	if (media_nonblock(fd) < 0)
		return media_fail(m, err, errlen, "fcntl");
	return 0;
}

int media_udp6_bind(const struct medium *m, int fd, const struct in6_addr *addr, unsigned scope,
		    char *err, size_t errlen)
{
	struct sockaddr_in6 sin6;
	int one = 1;

	/* IPv4 traffic on the same port belongs to the IPv4 media. */
	if (media_setopt(m, fd, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof(one), "IPV6_V6ONLY", err, errlen) < 0)
		return -1;
	memset(&sin6, 0, sizeof(sin6));
	sin6.sin6_family = AF_INET6;
	sin6.sin6_addr = *addr;
	sin6.sin6_scope_id = scope;
	sin6.sin6_port = htons((unsigned short)media_port(m));
	if (bind(fd, (struct sockaddr *)&sin6, sizeof(sin6)) < 0)
		return media_fail(m, err, errlen, "bind");
	if (media_nonblock(fd) < 0)
		return media_fail(m, err, errlen, "fcntl");
	return 0;
}

/* 3.0.6 accepts a kernel without SO_REUSEPORT (3.0.5 did not). */
int media_reuseport(struct medium *m, int fd, char *err, size_t errlen)
{
	int one = 1;
	if (setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &one, sizeof(one)) < 0 && errno != ENOPROTOOPT)
		return media_fail(m, err, errlen, "SO_REUSEPORT");
	return 0;
}
