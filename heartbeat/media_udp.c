/* What the IPv4 UDP media share: interface addresses, the non-blocking send
 * socket, one-datagram receive and teardown.  Socket options and binding that
 * differ per medium stay in media_bcast.c, media_ucast.c and media_mcast.c. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
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
	u->dest.sin_family = AF_INET;
	u->dest.sin_port = htons((unsigned short)media_port(m));
	m->priv = u;
	return 0;
}

int media_udp_send(struct medium *m, const void *buf, size_t len)
{
	struct media_udp *u = m->priv;
	if (!u)
		return -1;
	if (u->sfd < 0)
		return 0;   /* a ucast line naming ourselves: nothing to send */
	ssize_t n = sendto(u->sfd, buf, len, MSG_DONTWAIT, (struct sockaddr *)&u->dest,
			   sizeof(u->dest));
	return n == (ssize_t)len ? 0 : -1;
}

/* One datagram.  A datagram larger than cap is cut by the kernel; it can only
 * be garbage to us, so it is dropped and counted as an error. */
ssize_t media_udp_recv(struct medium *m, void *buf, size_t cap)
{
	struct iovec iov = { .iov_base = buf, .iov_len = cap };
	struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1 };
	ssize_t n;

	do
		n = recvmsg(m->fd, &mh, MSG_DONTWAIT);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return errno == EAGAIN || errno == EWOULDBLOCK ? 0 : -1;
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
